# SPDX-License-Identifier: GPL-2.0-or-later
"""Resets injected by a third host on the link (RFC 5961 section 1).

Client, server and attacker share one bridged link that floods every
frame (topology "lan"), so the attacker sees the connection, and what it
sends to the client is in the client's capture.  In each scenario a
long-lived connection carries two request/response exchanges; then, in a
quiet moment, the attacker forges a RST from the server's address and
port to the client (RST+ACK, its ack the client's SND.NXT, its sequence
number chosen against the client's RCV.NXT and window as the attacker saw
them on the wire); then the real peers go on for about a second (the
server sends 3000 bytes in one write, three segments, and the client
makes three more requests 0.25 s apart) and close normally, if they still
can.  Linux judges the RST as RFC 9293 section 3.10.7.4 and RFC 5961
section 3.2 say:

* far outside the window: dropped without an answer (rst-injected-wrong-seq);
* inside the window but not at RCV.NXT: a challenge ACK, the connection
  stays open (rst-injected-in-window);
* exactly at RCV.NXT: the client resets; the server, which never sent it,
  keeps sending, and the client's kernel answers each segment with a RST
  (rst-injected-exact).

Ports: server 5024-5026, client 40024-40026.
"""

import socket
import time

from basic import serve_until_eof
from checks import close_at, expect, find, handshake_at
from lab import DEVICES, EVENT_TIMEOUT, ScenarioError, answer, ask, expect_eof, expect_reset, \
    payload, recv_exact, scenario, wait
from spoof import Watch

UPDATE = payload("update", 3000)   # one write: three segments at MSS 1448
ROUNDS_BEFORE = 2                  # request/response exchanges before the RST
ROUNDS_AFTER = 3                   # ... and after it, when the connection survives
GAP = 0.1                          # between exchanges before the RST, and from the RST to the update
QUIET = 0.2                        # the attacker watches this long after the last exchange
AFTER_GAP = 0.25                   # between exchanges after the RST
FAR = 1 << 30                      # "far outside the window": a quarter of the sequence space away
NEAR = 1 << 20                     # the checks call a RST this close to RCV.NXT "near" (windows here: 64 KiB)


def injection(lab, port, choose, reset):
    """Play one injected-reset scenario on server port `port`: the attacker
    sends the client a RST with sequence number choose(rcv_nxt, rcv_wnd),
    computed from what it saw of the client's last ACK.  `reset` says
    whether the client is meant to accept it."""
    sniffing, talked, injected = lab.event(), lab.event(), lab.event()

    def attacker():
        """Watch the link, then forge the RST in the quiet after the exchanges."""
        watch = Watch(DEVICES["atk"], lab.address("srv"), port)
        sniffing.set()
        if not watch.poll_until(talked, EVENT_TIMEOUT):
            raise ScenarioError("timed out waiting for the exchanges")
        watch.poll(QUIET)              # the client's ACK of the last response
        rcv_nxt, rcv_wnd = watch.client_window()
        if rcv_nxt != watch.server.nxt:
            raise ScenarioError(f"not quiet: the client acked {rcv_nxt}, the server sent up to {watch.server.nxt}")
        watch.send_rst(choose(rcv_nxt, rcv_wnd) & 0xFFFFFFFF, watch.client.nxt)
        watch.close()
        injected.set()

    def server(conn):
        """Answer, then after the RST send the update and serve until EOF
        (or, when the client was reset, until the client's RST)."""
        for _ in range(ROUNDS_BEFORE):
            if not answer(conn):
                raise ScenarioError("early EOF")
        wait(injected, "the injected RST")
        time.sleep(GAP)
        if reset:
            try:
                conn.sendall(UPDATE)   # goes out; the client's RSTs come back
            except (ConnectionResetError, BrokenPipeError):
                return
            expect_reset(conn)
            return
        conn.sendall(UPDATE)
        serve_until_eof(conn)

    def client(sock):
        """Ask, then read the update, ask more and close (or be reset)."""
        for _ in range(ROUNDS_BEFORE):
            ask(sock)
            time.sleep(GAP)
        talked.set()
        if reset:
            try:
                recv_exact(sock, len(UPDATE))
            except ConnectionResetError:
                return                 # the socket is gone: close() sends nothing
            raise ScenarioError("the client was not reset")
        if recv_exact(sock, len(UPDATE)) != UPDATE:
            raise ScenarioError("the update is incomplete")
        for _ in range(ROUNDS_AFTER):
            time.sleep(AFTER_GAP)
            ask(sock)
        sock.shutdown(socket.SHUT_WR)
        expect_eof(sock)

    lab.spawn("atk", attacker)
    wait(sniffing, "the attacker")
    lab.begin_capture()
    lab.pair(port, server, client, sport=port + 35000)
    lab.join()


# ------------------------------------------------------------ checks

def _injected_rst(segs):
    """(index of the injected RST, the client's RCV.NXT then): the first
    RST, from the server's address, after data both ways."""
    handshake_at(segs)
    i = find(segs, lambda s: s.rst)
    expect(i is not None and segs[i].side == "s", "no RST from the server's address", segs)
    before = segs[:i]
    expect(any(s.len for s in before if s.side == "c") and any(s.len for s in before if s.side == "s"),
           "no data both ways before the RST", segs)
    return i, [s for s in before if s.side == "s"][-1].end


def _offset(seq, rcv_nxt):
    """How far `seq` lies beyond `rcv_nxt`, modulo 2^32."""
    return (seq - rcv_nxt) & 0xFFFFFFFF


def _goes_on(segs, i):
    """After the unaccepted RST at `i`: data both ways, no other RST, a close."""
    rest = segs[i + 1:]
    expect(not any(s.rst for s in rest), "another RST after the injected one", segs)
    expect(any(s.len for s in rest if s.side == "s") and any(s.len for s in rest if s.side == "c"),
           "no data both ways after the RST", segs)
    fin = find(segs, lambda s: s.fin, i + 1)
    expect(fin is not None, "no FIN after the RST", segs)
    close_at(segs, fin)


def check_wrong_seq(segs):
    """Far outside the window, no answer from the client, then business as usual."""
    i, rcv_nxt = _injected_rst(segs)
    expect(_offset(segs[i].seq, rcv_nxt) >= NEAR, "the RST is not far outside the window", segs)
    reply = find(segs, lambda s: s.side == "c", i + 1)
    expect(reply is None or segs[reply].time - segs[i].time > GAP / 2,
           "the client answered the out-of-window RST", segs)
    _goes_on(segs, i)


def check_in_window(segs):
    """In the window, off RCV.NXT; the client's challenge ACK at once; business as usual."""
    i, rcv_nxt = _injected_rst(segs)
    offset = _offset(segs[i].seq, rcv_nxt)
    expect(0 < offset < NEAR, "the RST is not inside the window, off RCV.NXT", segs)
    nxt = segs[i + 1]
    expect(nxt.side == "c" and nxt.kind == "A" and nxt.ack == rcv_nxt and nxt.time - segs[i].time < GAP / 2,
           "no challenge ACK right after the RST", segs)
    _goes_on(segs, i)


def check_exact(segs):
    """At RCV.NXT; each later server segment is answered by a client RST; no FIN."""
    i, rcv_nxt = _injected_rst(segs)
    expect(segs[i].seq == rcv_nxt, "the RST is not at the client's RCV.NXT", segs)
    data = [j for j in range(i + 1, len(segs)) if segs[j].side == "s" and segs[j].len]
    expect(data, "the server sends nothing after the RST", segs)
    for j in data:
        expect(any(s.rst and s.side == "c" and s.seq == segs[j].ack for s in segs[j + 1:]),
               f"server segment {segs[j].no} is not answered by a client RST", segs)
    expect(not any(s.fin for s in segs), "a FIN was sent", segs)
    expect(not any(s.side == "s" and s.rst for s in segs[i + 1:]), "a second server RST", segs)


# ------------------------------------------------------------ scenarios

@scenario("rst-injected-wrong-seq", check=check_wrong_seq, attacker=True)
def rst_injected_wrong_seq(lab):
    """Two exchanges, then the attacker sends the client a RST from the
    server's address with a sequence number 2^30 beyond the client's
    RCV.NXT, far outside its window: the client's Linux drops it without an
    answer; the server sends 3000 bytes, three more exchanges, a normal
    close."""
    injection(lab, 5024, lambda rcv_nxt, rcv_wnd: rcv_nxt + FAR, reset=False)


@scenario("rst-injected-in-window", check=check_in_window, attacker=True)
def rst_injected_in_window(lab):
    """Two exchanges, then the attacker sends the client a RST from the
    server's address with a sequence number half a window beyond the
    client's RCV.NXT: inside the window but not exact, so the client's
    Linux answers with a challenge ACK (RFC 5961 section 3.2) and stays
    open; the server sends 3000 bytes, three more exchanges, a normal
    close."""
    def half_window(rcv_nxt, rcv_wnd):
        if rcv_wnd < 2:
            raise ScenarioError(f"the client's window is {rcv_wnd}")
        return rcv_nxt + rcv_wnd // 2

    injection(lab, 5025, half_window, reset=False)


@scenario("rst-injected-exact", check=check_exact, attacker=True)
def rst_injected_exact(lab):
    """Two exchanges, then the attacker sends the client a RST from the
    server's address exactly at the client's RCV.NXT (the server's SND.NXT
    as seen on the link): the client resets.  The server, which never sent
    it, sends 3000 bytes in one write; its three segments leave before it
    handles the first answer, and the client's kernel, with no connection
    left, answers each with a RST; the first resets the server."""
    injection(lab, 5026, lambda rcv_nxt, rcv_wnd: rcv_nxt, reset=True)
