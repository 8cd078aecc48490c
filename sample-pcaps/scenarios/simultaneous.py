"""Simultaneous open and simultaneous close (RFC 9293 section 3.5, figures
8 and 13), made reproducible with drop rules and retransmission timers.

Both sides' retransmission timers run with the same timeout from nearly the
same moment, so once the drop rules are gone their next retransmissions leave
within the same timer tick and cross on the wire.  Both ends run on one CPU:
their timers then fire in one timer run, which queues both segments on that
CPU's receive backlog before either is received (without this, about one
simultaneous open in six came out as a plain handshake).
"""

import os
import socket
import time

from basic import serve_until_eof_then_pause
from checks import expect, kinds
from lab import ANY_FIN, SYN_ONLY, answer, ask, expect_eof, scenario, wait


def pin_to_first_cpu():
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def check_simultaneous_open(segs):
    synacks = [s for s in segs if s.kind == "SA"]
    expect(sorted(s.side for s in synacks) == ["c", "s"], "not one SYN-ACK from each side", segs)
    first = segs.index(synacks[0])
    expect(sorted(s.side for s in segs[first - 2:first] if s.kind == "S") == ["c", "s"],
           "the SYN-ACKs do not follow two crossing SYNs", segs)
    client_syn = [s for s in segs if s.kind == "S" and s.side == "c"][-1]
    server_syn = [s for s in segs if s.kind == "S" and s.side == "s"][-1]
    by_side = {s.side: s for s in synacks}
    expect(by_side["c"].seq == client_syn.seq and by_side["c"].ack == server_syn.end
           and by_side["s"].seq == server_syn.seq and by_side["s"].ack == client_syn.end,
           "SYN-ACKs do not repeat the SYNs and ack each other", segs)
    expect(any(s.len for s in segs) and any(s.fin for s in segs), "no data or no close", segs)


@scenario("simultaneous-open", "simultaneous-open-v6", check=check_simultaneous_open)
def simultaneous_open(lab):
    """Both ends bind a fixed port (client 40005, server 5005) and connect()
    to each other at the same moment while each namespace drops incoming
    pure SYNs.  The rules go 1.5 s later, so the SYN retransmissions at 2 s
    cross: SYN, SYN, SYN-ACK, SYN-ACK.  Then one request/response, and the
    client closes first."""
    for side in ("cli", "srv"):
        lab.drop(side, "input", SYN_ONLY)
    bound = [lab.event(), lab.event()]
    go = lab.event()

    def peer(side, port, peer_port, talk, bound):
        pin_to_first_cpu()
        with lab.socket(side, port) as sock:
            bound.set()
            wait(go, "the start signal")
            sock.connect((lab.address("srv" if side == "cli" else "cli"), peer_port))
            talk(sock)

    lab.begin_capture()
    lab.spawn("cli", peer, "cli", 40005, 5005, ask, bound[0])
    lab.spawn("srv", peer, "srv", 5005, 40005, serve_until_eof_then_pause, bound[1])
    for event in bound:
        wait(event, "both sockets to be bound")
    go.set()
    time.sleep(1.5)
    lab.flush("cli", "srv")
    lab.join()


def check_simultaneous_close(segs):
    fins = [s for s in segs if s.fin]
    expect(sorted(s.side for s in fins) == ["c", "s"], "not one FIN from each side", segs)
    a, b = fins
    expect(a.ack != b.end and b.ack != a.end, "one FIN acknowledges the other: no crossing", segs)
    first = segs.index(a)
    expect(segs[first + 1] is b, "the FINs are not back to back", segs)
    after = segs[first + 2:]
    expect(sorted(kinds(after).split()) == ["c:A", "s:A"]
           and {s.ack for s in after} == {a.end, b.end}, "FINs not acknowledged by both", segs)


@scenario("simultaneous-close", "simultaneous-close-v6", check=check_simultaneous_close)
def simultaneous_close(lab):
    """After one request/response both namespaces drop their own outgoing
    FINs and both ends shutdown(SHUT_WR) together; 1 s later the rules go and
    the FIN retransmissions cross: FIN, FIN, ACK, ACK.  The first FINs never
    reach the wire (they die in the output hook)."""
    ready = [lab.event(), lab.event()]
    close_now = lab.event()

    def end(sock, ready):
        pin_to_first_cpu()
        ready.set()
        wait(close_now, "the close signal")
        sock.shutdown(socket.SHUT_WR)
        expect_eof(sock)

    def server(conn):
        answer(conn)
        end(conn, ready[1])

    def client(sock):
        ask(sock)
        end(sock, ready[0])

    lab.begin_capture()
    lab.pair(5006, server, client, sport=40006)
    for event in ready:
        wait(event, "both ends to finish the exchange")
    time.sleep(0.2)                 # let the last pure ACKs out first
    for side in ("cli", "srv"):
        lab.drop(side, "output", ANY_FIN)
    close_now.set()
    time.sleep(1.0)
    lab.flush("cli", "srv")
    lab.join()
