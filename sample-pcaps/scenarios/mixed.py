"""Many connections of different kinds in one capture, IPv4 and IPv6."""

import socket
import threading
import time

from basic import ask_until_eof, fourway_client, fourway_server, half_close_client, \
    half_close_server, refused_client, serve_then_close, serve_until_eof, \
    serve_until_eof_then_pause, threeway_client, threeway_server
from checks import expect
from lab import SYN_ONLY, ScenarioError, ask, scenario, wait
from resets import abort_client, abort_server

V4, V6 = socket.AF_INET, socket.AF_INET6


def chatty_client(sock):
    for _ in range(3):
        ask(sock)
        time.sleep(0.05)


SYN_RETRY_PORT = 5103
# (server port, family, server half or None for no listener, client half, start s)
# The client port is always server port + 35000.
CONNECTIONS = [
    (5101, V4, serve_until_eof_then_pause, ask, 0.0),
    (5102, V6, serve_then_close, ask_until_eof, 0.1),
    (5103, V4, serve_until_eof_then_pause, ask, 0.2),        # SYN dropped once
    (5104, V4, serve_until_eof, chatty_client, 0.3),
    (5105, V6, threeway_server, threeway_client, 0.4),
    (5106, V4, fourway_server, fourway_client, 0.5),
    (5107, V6, None, None, 0.6),                             # refused
    (5108, V4, abort_server, abort_client, 0.7),
    (5109, V6, half_close_server, half_close_client, 0.8),
]


def _threads(jobs):
    """Run each job in a thread; re-raise the first failure."""
    errors = []

    def guarded(job):
        try:
            job()
        except Exception as exc:         # reported below
            errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    if errors or any(t.is_alive() for t in threads):
        raise ScenarioError(f"connection failed: {errors or 'hung'}")


def check_mixed(segs):
    ports = {s.dport if s.side == "c" else s.sport for s in segs}
    expect(ports == {c[0] for c in CONNECTIONS}, f"connections missing: {sorted(ports)}", segs)
    retry = [s for s in segs if s.kind == "S" and s.dport == SYN_RETRY_PORT]
    expect(len(retry) == 2 and retry[0].seq == retry[1].seq, "no SYN retransmission", retry)
    expect(any(s.kind == "RA" and s.sport == 5107 for s in segs), "no refusal", segs)
    expect(any(s.rst and s.sport == 40108 for s in segs), "no abort", segs)


@scenario("mixed", check=check_mixed)
def mixed(lab):
    """Nine connections started 0.1 s apart, IPv4 and IPv6: normal exchanges
    closed by either side, a chatty one, a three-way and a four-way close, a
    refused connect, a RST abort, a half-close, and one whose first SYN the
    server namespace drops (rule flushed after 0.8 s, the retry at ~1.2 s
    gets through)."""
    listening = lab.event()

    def server():
        listeners = {port: lab.listen(port, family)
                     for port, family, serve, _, _ in CONNECTIONS if serve}
        listening.set()

        def job(port, serve):
            def run():
                conn, _ = listeners[port].accept()
                with conn:
                    serve(conn)
            return run
        try:
            _threads([job(port, serve) for port, _, serve, _, _ in CONNECTIONS if serve])
        finally:
            for listener in listeners.values():
                listener.close()

    def client():
        wait(listening, "the server to listen")

        def job(port, family, talk, start):
            def run():
                time.sleep(start)
                if talk is None:
                    refused_client(lab, port, port + 35000, family)
                    return
                with lab.connect(port, port + 35000, family) as sock:
                    talk(sock)
            return run
        _threads([job(port, family, talk, start) for port, family, _, talk, start in CONNECTIONS])

    lab.drop("srv", "input", f"tcp dport {SYN_RETRY_PORT} {SYN_ONLY}")
    lab.begin_capture()
    lab.spawn("srv", server)
    lab.spawn("cli", client)
    time.sleep(0.8)
    lab.flush("srv")
    lab.join()
