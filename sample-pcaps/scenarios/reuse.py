"""Several connections, one after another, on the same 4-tuple."""

import time

from checks import expect, kinds
from basic import ask_until_eof, serve_then_close, serve_until_eof
from lab import ask, scenario, wait
from resets import abort_client, abort_server

PORT, SPORT = 5016, 40016

ENDINGS = [  # (server half, client half)
    (abort_server, abort_client),         # RST: no TIME-WAIT anywhere
    (serve_then_close, ask_until_eof),    # TIME-WAIT stays on the server
    (serve_until_eof, ask),               # SYN reopens the server's TIME-WAIT
]


def check_port_reuse(segs):
    syns = [s for s in segs if s.kind == "S"]
    expect(len(syns) == len(ENDINGS) and len({(s.sport, s.dport) for s in syns}) == 1,
           "not three SYNs on one 4-tuple", segs)
    expect(len({s.seq for s in syns}) == len(syns), "ISNs are not fresh", syns)
    starts = [segs.index(s) for s in syns] + [len(segs)]
    closers = []
    for a, b in zip(starts, starts[1:]):
        conn = segs[a:b]
        expect(kinds(conn[:3]) == "c:S s:SA c:A", "connection does not start with a handshake", conn)
        ender = next(s for s in conn if s.fin or s.rst)
        closers.append(f"{ender.side}:{'R' if ender.rst else 'F'}")
    expect(closers == ["c:R", "s:F", "c:F"], f"unexpected endings {closers}", segs)


@scenario("port-reuse", check=check_port_reuse)
def port_reuse(lab):
    """Three connections on 192.0.2.1:40016 -> 192.0.2.2:5016, 0.3 s apart,
    each with a fresh ISN (the client binds the port with SO_REUSEADDR):
    1) one exchange, then the client aborts with RST (SO_LINGER 0);
    2) one exchange, the server closes first, so TIME-WAIT is the server's;
    3) the SYN is accepted through the server's TIME-WAIT (higher ISN and
       timestamp), one exchange, the client closes first."""
    listening = lab.event()

    def server():
        with lab.listen(PORT) as listener:
            listening.set()
            for serve, _ in ENDINGS:
                conn, _ = listener.accept()
                with conn:
                    serve(conn)

    def client():
        wait(listening, "the server to listen")
        for _, talk in ENDINGS:
            with lab.connect(PORT, SPORT) as sock:
                talk(sock)
            time.sleep(0.3)

    lab.begin_capture()
    lab.spawn("srv", server)
    lab.spawn("cli", client)
    lab.join()
