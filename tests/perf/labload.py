#!/usr/bin/env python3
"""labload.py --cli NS --srv NS CONNECTIONS [--workers N]

Plays many short real TCP connections between two existing network
namespaces (made by make-labload.sh, named tcpc-*), for a benchmark
capture.  The server namespace listens on ports 8080..8082 over IPv4 and
IPv6; the client namespace opens CONNECTIONS connections from WORKERS
threads at once, one after the other in each thread, of these kinds
(connection i gets kind KINDS[i % 50], every fifth one over IPv6):

  normal        request, response, the client closes first       (35 in 50)
  server-close  request, response, the server closes first       ( 5 in 50)
  refused       SYN to port 8083, where nothing listens: RST     ( 4 in 50)
  client-abort  request, response, the client closes with RST    ( 3 in 50)
  server-abort  request, the server closes with RST, no reply    ( 3 in 50)

It prints how many connections of each kind ended as planned and exits
non-zero when more than 1 % did not.  It reuses the namespace machinery of
sample-pcaps/scenarios/lab.py (processes forked into the namespaces, socket
timeouts, a refusal to touch namespaces not named tcpc-*).

SPDX-License-Identifier: GPL-2.0-or-later
"""
import argparse
import collections
import os
import queue
import selectors
import signal
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "sample-pcaps", "scenarios"))
import lab  # noqa: E402

NORMAL, SERVER_CLOSE, SERVER_ABORT, REFUSED = 8080, 8081, 8082, 8083
KINDS = (["normal"] * 35 + ["server-close"] * 5 + ["refused"] * 4
         + ["client-abort"] * 3 + ["server-abort"] * 3)
IO_TIMEOUT = 10.0


# ---------------------------------------------------------------- server side

def handle(conn, port):
    """One accepted connection, as the listening port says."""
    try:
        with conn:
            if not lab.recv_exact(conn, lab.REQUEST_LEN):
                return
            if port == SERVER_ABORT:
                lab.set_linger0(conn)
                return
            conn.sendall(lab.RESPONSE)
            if port == NORMAL:
                lab.recv_until_eof(conn)       # the client closes (or resets) first
    except OSError:
        pass                                   # a client abort resets us: planned


def server(done, listening):
    listeners = []
    selector = selectors.DefaultSelector()
    for family in (socket.AF_INET, socket.AF_INET6):
        for port in (NORMAL, SERVER_CLOSE, SERVER_ABORT):
            sock = socket.socket(family, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            sock.bind((lab.SERVER[family], port))
            sock.listen(1024)
            sock.setblocking(False)
            selector.register(sock, selectors.EVENT_READ, port)
            listeners.append(sock)
    listening.set()
    threads = []
    while not done.is_set():
        for key, _ in selector.select(0.2):
            try:
                conn, _ = key.fileobj.accept()
            except BlockingIOError:
                continue
            conn.setblocking(True)
            conn.settimeout(IO_TIMEOUT)
            thread = threading.Thread(target=handle, args=(conn, key.data), daemon=True)
            thread.start()
            threads.append(thread)
        threads = [t for t in threads if t.is_alive()]
    for thread in threads:
        thread.join(IO_TIMEOUT)
    for sock in listeners:
        sock.close()


# ---------------------------------------------------------------- client side

def one_connection(kind, family):
    """Play one connection of `kind`; True when it ended as planned."""
    port = {"normal": NORMAL, "client-abort": NORMAL, "server-close": SERVER_CLOSE,
            "server-abort": SERVER_ABORT, "refused": REFUSED}[kind]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.settimeout(IO_TIMEOUT)
    try:
        with sock:
            try:
                sock.connect((lab.SERVER[family], port))
            except ConnectionRefusedError:
                return kind == "refused"
            if kind == "refused":
                return False
            sock.sendall(lab.REQUEST)
            if kind == "server-abort":
                try:
                    lab.recv_until_eof(sock)
                except ConnectionResetError:
                    return True
                return False
            if lab.recv_exact(sock, lab.RESPONSE_LEN) != lab.RESPONSE:
                return False
            if kind == "server-close":
                lab.recv_until_eof(sock)
            elif kind == "client-abort":
                lab.set_linger0(sock)
            return True
    except OSError:
        return False


def client(total, workers, done, listening, results):
    lab.wait(listening, "the server to listen")
    tally = collections.Counter()
    lock = threading.Lock()

    def worker(first):
        for i in range(first, total, workers):
            kind = KINDS[i % len(KINDS)]
            family = socket.AF_INET6 if i % 5 == 4 else socket.AF_INET
            ok = one_connection(kind, family)
            with lock:
                tally[(kind, ok)] += 1

    threads = [threading.Thread(target=worker, args=(w,)) for w in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    time.sleep(0.3)           # let the servers' last FINs go out
    done.set()
    for (kind, ok), count in sorted(tally.items()):
        results.put((kind, ok, count))
    results.put(None)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", required=True)
    parser.add_argument("--srv", required=True)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("connections", type=int)
    args = parser.parse_args()

    the_lab = lab.Lab(socket.AF_INET, args.cli, args.srv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    done, listening = the_lab.event(), the_lab.event()
    results = lab._MP.Queue()
    try:
        the_lab.spawn("srv", server, done, listening)
        the_lab.spawn("cli", client, args.connections, args.workers, done, listening, results)
        tally = {}
        while True:
            item = results.get(timeout=60 + args.connections * 0.05)
            if item is None:
                break
            kind, ok, count = item
            tally.setdefault(kind, [0, 0])[0 if ok else 1] += count
        the_lab.join(timeout=2 * IO_TIMEOUT)
    except queue.Empty:
        sys.exit("labload: the client did not finish in time")
    except lab.ScenarioError as exc:
        sys.exit(f"labload: {exc}")
    finally:
        the_lab.kill_all()
    failed = sum(bad for _, bad in tally.values())
    print("labload: " + ", ".join(f"{kind} {good}" + (f" ({bad} not as planned)" if bad else "")
                                  for kind, (good, bad) in sorted(tally.items())))
    if failed > args.connections // 100:
        sys.exit(f"labload: {failed} of {args.connections} connections did not go as planned")


if __name__ == "__main__":
    main()
