"""Connections that end in a RST instead of a FIN exchange."""

import time

from checks import expect, handshake_at
from lab import REQUEST, answer, ask, expect_reset, scenario, set_linger0


def abort_server(conn):
    answer(conn)
    expect_reset(conn)


def abort_client(sock):
    """One exchange, then SO_LINGER {on, 0} and close(): RST at once."""
    ask(sock)
    time.sleep(0.1)
    set_linger0(sock)


def check_rst_abort(segs):
    i = handshake_at(segs)
    rst = [s for s in segs if s.rst]
    expect(len(rst) == 1 and rst[0].side == "c" and rst[0] is segs[-1], "not one final client RST", segs)
    expect(not any(s.fin for s in segs), "a FIN was sent", segs)
    expect(any(s.len for s in segs[i:] if s.side == "s"), "no data before the RST", segs)
    before = [s for s in segs if s.side == "c" and not s.rst]
    expect(rst[0].seq == before[-1].end, "RST is not at the client's next sequence number", segs)


@scenario("rst-abort", "rst-abort-v6", check=check_rst_abort)
def rst_abort(lab):
    """One request/response, then the client aborts with SO_LINGER {on, 0}:
    a RST in an established connection, no FINs."""
    lab.begin_capture()
    lab.pair(5007, abort_server, abort_client, sport=40007)
    lab.join()


def check_rst_unread(segs):
    handshake_at(segs)
    rst = [s for s in segs if s.rst]
    expect(len(rst) == 1 and rst[0].side == "s" and rst[0] is segs[-1], "not one final server RST", segs)
    expect(not any(s.fin for s in segs), "a FIN was sent", segs)
    request = [s for s in segs if s.side == "c" and s.len]
    expect(request and rst[0].ack == request[-1].end, "RST does not ack the unread data", segs)


@scenario("rst-unread", check=check_rst_unread)
def rst_unread(lab):
    """The client sends 100 bytes; the server never reads them and closes
    0.3 s later: close() with unread data sends RST instead of FIN."""
    def server(conn):
        time.sleep(0.3)

    def client(sock):
        sock.sendall(REQUEST)
        expect_reset(sock)

    lab.begin_capture()
    lab.pair(5008, server, client, sport=40008)
    lab.join()
