"""Shared machinery for the tcpconn capture scenarios.

capture.sh builds two network namespaces joined by a veth pair (the client
holds 192.0.2.1 and 2001:db8::1, the server 192.0.2.2 and 2001:db8::2), sets
the sysctls a scenario asks for, and runs ``run.py run NAME``.  That calls the
scenario function registered under NAME with a :class:`Lab`, which lets the
scenario

* fork its client and server code into the namespaces (:meth:`Lab.spawn`,
  :meth:`Lab.pair`),
* add and remove nftables drop rules in either namespace (:meth:`Lab.drop`,
  :meth:`Lab.flush`), always through ``ip netns exec`` so the host's own
  ruleset is never touched,
* tell capture.sh when tcpdump may start (:meth:`Lab.begin_capture`).

Every wait is bounded: sockets time out after IO_TIMEOUT seconds, events
after EVENT_TIMEOUT, and :meth:`Lab.join` kills what is still running after
its deadline.
"""

import ctypes
import inspect
import multiprocessing
import os
import socket
import struct
import subprocess
import time

CLIENT = {socket.AF_INET: "192.0.2.1", socket.AF_INET6: "2001:db8::1"}
SERVER = {socket.AF_INET: "192.0.2.2", socket.AF_INET6: "2001:db8::2"}
ADDRESSES = {"cli": CLIENT, "srv": SERVER}

IO_TIMEOUT = 25.0      # any socket operation; above the 15 s of a 3-retry SYN backoff
EVENT_TIMEOUT = 20.0   # waiting for the other side to reach a point
JOIN_TIMEOUT = 40.0    # a whole scenario

REQUEST_LEN = 100
RESPONSE_LEN = 300

# nftables matches used by the scenarios.
SYN_ONLY = "tcp flags & (syn | ack) == syn"
SYN_ACK = "tcp flags & (syn | ack) == syn | ack"
ANY_FIN = "tcp flags & fin == fin"
PURE_ACK = "tcp flags == ack"
ANY_RST = "tcp flags & rst == rst"
ANY_PSH = "tcp flags & psh == psh"

_MP = multiprocessing.get_context("fork")
_CLONE_NEWNET = 0x40000000


class ScenarioError(Exception):
    """A scenario did not run as planned."""


# ---------------------------------------------------------------- registry

class Scenario:
    def __init__(self, name, func, family, sysctls, check):
        self.name = name
        self.func = func
        self.family = family
        self.sysctls = sysctls or {}
        self.check = check

    @property
    def doc(self):
        return inspect.getdoc(self.func) or ""


SCENARIOS = {}


def scenario(*names, sysctls=None, check=None):
    """Register a scenario function under one or more capture names.

    A name ending in ``-v6`` runs over IPv6, any other over IPv4.
    ``sysctls`` maps "cli"/"srv" to {sysctl name: value} for capture.sh to
    set in that namespace; ``check(segments)`` raises AssertionError when a
    capture does not show the intended behaviour.
    """
    def register(func):
        for name in names:
            family = socket.AF_INET6 if name.endswith("-v6") else socket.AF_INET
            SCENARIOS[name] = Scenario(name, func, family, sysctls, check)
        return func
    return register


# ---------------------------------------------------------------- payloads

def payload(tag, length):
    """Readable filler of exactly `length` bytes, ending in a newline."""
    text = (f"tcpconn {tag} " * (length // 8 + 2))[:length - 1] + "\n"
    return text.encode()


REQUEST = payload("request", REQUEST_LEN)
RESPONSE = payload("response", RESPONSE_LEN)


def recv_exact(sock, length):
    """Read `length` bytes, or fewer if the peer's FIN comes first."""
    data = b""
    while len(data) < length:
        chunk = sock.recv(length - len(data))
        if not chunk:
            break
        data += chunk
    return data


def recv_until_eof(sock):
    data = b""
    while True:
        chunk = sock.recv(4096)
        if not chunk:
            return data
        data += chunk


def expect_eof(sock):
    """Block until the peer's FIN; complain about any data before it."""
    extra = recv_until_eof(sock)
    if extra:
        raise ScenarioError(f"{len(extra)} unexpected bytes before EOF")


def expect_reset(sock):
    """Block until the peer's RST."""
    try:
        recv_until_eof(sock)
    except ConnectionResetError:
        return
    raise ScenarioError("expected a reset, got EOF")


def ask(sock):
    """Client half of one request/response exchange."""
    sock.sendall(REQUEST)
    got = recv_exact(sock, RESPONSE_LEN)
    if got != RESPONSE:
        raise ScenarioError(f"short response: {len(got)} bytes")


def answer(conn):
    """Server half of one request/response exchange; False at EOF."""
    got = recv_exact(conn, REQUEST_LEN)
    if not got:
        return False
    if got != REQUEST:
        raise ScenarioError(f"short request: {len(got)} bytes")
    conn.sendall(RESPONSE)
    return True


def set_linger0(sock):
    """SO_LINGER {on, 0}: close() then sends RST instead of FIN."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def wait(event, what, timeout=EVENT_TIMEOUT):
    if not event.wait(timeout):
        raise ScenarioError(f"timed out waiting for {what}")


# ---------------------------------------------------------------- the lab

def _enter_netns(ns):
    fd = os.open(f"/var/run/netns/{ns}", os.O_RDONLY)
    try:
        if hasattr(os, "setns"):             # Python 3.12+
            os.setns(fd, _CLONE_NEWNET)
        else:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.setns(fd, _CLONE_NEWNET) != 0:
                err = ctypes.get_errno()
                raise OSError(err, f"setns {ns}: {os.strerror(err)}")
    finally:
        os.close(fd)


def _run_in_netns(ns, func, args):
    _enter_netns(ns)
    socket.setdefaulttimeout(IO_TIMEOUT)
    func(*args)


class Lab:
    """The two namespaces of one capture and the processes running in them."""

    def __init__(self, family, cli_ns, srv_ns, sync_dir=None):
        for ns in (cli_ns, srv_ns):
            if not ns.startswith("tcpc-"):
                raise ScenarioError(f"refusing to use namespace {ns!r}: not ours")
        self.family = family
        self.netns = {"cli": cli_ns, "srv": srv_ns}
        self.sync_dir = sync_dir
        self.procs = []

    # -- addresses and sockets (call these inside spawned functions)

    def address(self, side, family=None):
        return ADDRESSES[side][family or self.family]

    def socket(self, side, port=0, family=None):
        """A TCP socket bound to `side`'s address and `port` (SO_REUSEADDR)."""
        family = family or self.family
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.address(side, family), port))
        return sock

    def listen(self, port, family=None):
        sock = self.socket("srv", port, family)
        sock.listen(8)
        return sock

    def connect(self, port, sport=0, family=None):
        sock = self.socket("cli", sport, family)
        sock.connect((self.address("srv", family), port))
        return sock

    # -- processes

    def event(self):
        return _MP.Event()

    def spawn(self, side, func, *args):
        """Run func(*args) in a child process inside `side`'s namespace."""
        proc = _MP.Process(target=_run_in_netns, args=(self.netns[side], func, args),
                           name=f"{side}:{func.__name__}", daemon=True)
        proc.start()
        self.procs.append(proc)
        return proc

    def pair(self, port, server, client, sport=0, family=None):
        """One connection: the server accepts on `port` and calls server(conn),
        the client connects from `sport` and calls client(sock).  Each socket
        is closed when its function returns."""
        listening = self.event()

        def serve():
            with self.listen(port, family) as listener:
                listening.set()
                conn, _ = listener.accept()
            with conn:
                server(conn)

        def connect():
            wait(listening, "the server to listen")
            with self.connect(port, sport, family) as sock:
                client(sock)

        serve.__name__ = server.__name__
        connect.__name__ = client.__name__
        self.spawn("srv", serve)
        self.spawn("cli", connect)

    def join(self, timeout=JOIN_TIMEOUT):
        """Wait for every spawned process; fail if one failed or hung."""
        deadline = time.monotonic() + timeout
        for proc in self.procs:
            proc.join(max(0.0, deadline - time.monotonic()))
        failed = []
        for proc in self.procs:
            if proc.is_alive():
                proc.kill()
                proc.join(2)
                failed.append(f"{proc.name} hung")
            elif proc.exitcode != 0:
                failed.append(f"{proc.name} exited with {proc.exitcode}")
        self.procs = []
        if failed:
            raise ScenarioError(", ".join(failed))

    def kill_all(self):
        for proc in self.procs:
            if proc.is_alive():
                proc.kill()
                proc.join(2)

    # -- capture synchronisation with capture.sh

    def begin_capture(self, timeout=15.0):
        """Say the scene is set, then wait until tcpdump is running."""
        if not self.sync_dir:
            return
        open(os.path.join(self.sync_dir, "ready"), "w").close()
        go = os.path.join(self.sync_dir, "go")
        deadline = time.monotonic() + timeout
        while not os.path.exists(go):
            if time.monotonic() > deadline:
                raise ScenarioError("capture did not start")
            time.sleep(0.02)

    # -- nftables, always inside one of our namespaces

    def _nft(self, side, script):
        subprocess.run(["ip", "netns", "exec", self.netns[side], "nft", "-f", "-"],
                       input=script, text=True, check=True, timeout=10)

    def drop(self, side, hook, match):
        """Drop TCP segments matching `match` in `side`'s input or output hook."""
        if hook not in ("input", "output"):
            raise ValueError(hook)
        self._nft(side, f"""
            table inet tcpconn {{
                chain input {{ type filter hook input priority 0; policy accept; }}
                chain output {{ type filter hook output priority 0; policy accept; }}
            }}
            add rule inet tcpconn {hook} {match} drop
        """)

    def flush(self, *sides):
        """Remove the drop rules in the given namespaces."""
        for side in sides:
            self._nft(side, "flush ruleset")

    # -- routes, always inside one of our namespaces

    def rto_min(self, side, ms):
        """Lower the retransmission timeout floor (route attribute rto_min)
        for the lab subnets in `side`'s namespace, so that a few seconds
        hold many doublings of the timeout."""
        dev = "veth-c" if side == "cli" else "veth-s"
        for family, prefix in ((socket.AF_INET, "192.0.2.0/24"), (socket.AF_INET6, "2001:db8::/64")):
            subprocess.run(["ip", "-n", self.netns[side], "route", "replace", prefix, "dev", dev,
                            "src", self.address(side, family), "rto_min", f"{ms}ms"],
                           check=True, timeout=10)
