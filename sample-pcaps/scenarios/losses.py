"""Lost handshake and teardown segments, and the retransmissions they cause.

Segments are "lost" by a drop rule in the receiving namespace's input hook,
i.e. after they crossed the client's veth where tcpdump listens, so both the
lost segment and its retransmissions are in the capture.  The rule is
flushed after a while so the connection completes (or is left to fail).
"""

import socket
import time

from basic import serve_until_eof
from checks import close_at, expect, find, gaps, near, same_seq_retries
from lab import ANY_FIN, PURE_ACK, SYN_ACK, SYN_ONLY, ScenarioError, ask, expect_eof, \
    scenario, wait

LINEAR = "net.ipv4.tcp_syn_linear_timeouts"


def check_syn_retries(segs):
    syns = same_seq_retries(segs, lambda s: s.kind == "S")
    expect(len(syns) == 7 and near(gaps(syns), [1, 1, 1, 1, 1, 2]),
           "SYNs are not sent at 0, 1, 2, 3, 4, 5 and 7 s", syns)
    synack = find(segs, lambda s: s.kind == "SA")
    expect(synack == segs.index(syns[-1]) + 1 and segs[synack].ack == syns[0].end,
           "the last SYN is not answered", segs)
    expect(any(s.fin for s in segs) and not any(s.rst for s in segs), "no clean close", segs)


@scenario("syn-retries", check=check_syn_retries)
def syn_retries(lab):
    """The server namespace drops incoming SYNs for 6 s.  The client
    (default tcp_syn_linear_timeouts=4) retransmits its SYN, same sequence
    number, at 1, 2, 3, 4 and 5 s (linear: the first SYN and its first 4
    retransmissions are each followed by a 1 s timeout), then backs off to
    2 s: the retransmission at 7 s gets through.  Then one request/response
    and a normal close."""
    lab.drop("srv", "input", SYN_ONLY)
    lab.begin_capture()
    lab.pair(5010, serve_until_eof, ask, sport=40010)
    time.sleep(6.0)
    lab.flush("srv")
    lab.join()


def abandoned_client(lab, port, sport):
    sock = lab.socket("cli", sport)
    start = time.monotonic()
    try:
        sock.connect((lab.address("srv"), port))
    except TimeoutError as exc:   # ETIMEDOUT from the kernel (ours is IO_TIMEOUT)
        print(f"connect() abandoned after {time.monotonic() - start:.1f} s: {exc}")
        return
    finally:
        sock.close()
    raise ScenarioError("connect() did not time out")


def check_syn_abandoned(wanted_gaps):
    def check(segs):
        syns = same_seq_retries(segs, lambda s: s.kind == "S")
        expect(len(segs) == len(syns) and near(gaps(syns), wanted_gaps),
               f"not SYNs alone at intervals {wanted_gaps}", segs)
    return check


@scenario("syn-retries-exponential", check=check_syn_abandoned([1, 2, 4]),
          sysctls={"cli": {LINEAR: 0, "net.ipv4.tcp_syn_retries": 3}})
def syn_retries_exponential(lab):
    """The server namespace drops every incoming SYN.  The client, with
    tcp_syn_linear_timeouts=0 and tcp_syn_retries=3, backs off classically:
    SYNs at 0, 1, 3, 7 s; connect() fails with ETIMEDOUT at ~15 s."""
    lab.drop("srv", "input", SYN_ONLY)
    lab.begin_capture()
    lab.spawn("cli", abandoned_client, lab, 5011, 40011)
    lab.join()


@scenario("syn-retries-abandoned", check=check_syn_abandoned([1, 1, 1, 1, 1]),
          sysctls={"cli": {"net.ipv4.tcp_syn_retries": 2}})
def syn_retries_abandoned(lab):
    """The server namespace drops every incoming SYN.  The client keeps the
    default linear timeouts and has tcp_syn_retries=2: SYNs at 0, 1, 2, 3, 4
    and 5 s, then connect() fails with ETIMEDOUT at ~7 s.  (The kernel turns
    tcp_syn_retries=N into a time budget of (2^(N+1) - 1) s of exponential
    backoff, 7 s for N=2, and retransmits linearly within it; with N=3 the
    budget is 15 s and the retries go 0, 1, 2, 3, 4, 5, 7, 11 s.)"""
    lab.drop("srv", "input", SYN_ONLY)
    lab.begin_capture()
    lab.spawn("cli", abandoned_client, lab, 5012, 40012)
    lab.join()


def check_synack_lost(segs):
    syns = same_seq_retries(segs, lambda s: s.kind == "S")
    synacks = same_seq_retries(segs, lambda s: s.kind == "SA")
    expect(len(syns) >= 3 and len(synacks) >= 3, "too few retransmissions", segs)
    expect(segs.index(synacks[0]) < segs.index(syns[1]), "first SYN-ACK not before the SYN retry", segs)
    last = segs.index(synacks[-1])
    expect(segs[last + 1].kind == "A" and segs[last + 1].ack == synacks[0].end,
           "the handshake does not complete after the last SYN-ACK", segs)
    expect(any(s.fin for s in segs) and not any(s.rst for s in segs), "no clean close", segs)


@scenario("synack-lost", check=check_synack_lost, sysctls={"srv": {"net.ipv4.tcp_synack_retries": 5}})
def synack_lost(lab):
    """The client namespace drops incoming SYN-ACKs for 2.5 s.  The client
    retransmits its SYN every second and the server answers each with its
    SYN-ACK (same ISN) besides its own SYN-ACK timer; the SYN-ACK after the
    flush is acknowledged and the connection carries one exchange."""
    lab.drop("cli", "input", SYN_ACK)
    lab.begin_capture()
    lab.pair(5013, serve_until_eof, ask, sport=40013)
    time.sleep(2.5)
    lab.flush("cli")
    lab.join()


def check_ack_lost(segs):
    synacks = same_seq_retries(segs, lambda s: s.kind == "SA")
    expect(len(synacks) >= 2, "the SYN-ACK is not retransmitted", segs)
    first_ack = find(segs, lambda s: s.side == "c" and s.kind == "A")
    expect(first_ack is not None and first_ack < segs.index(synacks[1]),
           "no client ACK before the SYN-ACK retransmission", segs)
    data = find(segs, lambda s: s.len > 0)
    expect(segs[data].side == "c" and segs[data].time > 2.0, "client data does not come last", segs)
    expect(any(s.fin for s in segs) and not any(s.rst for s in segs), "no clean close", segs)


@scenario("ack-lost", check=check_ack_lost)
def ack_lost(lab):
    """The server namespace drops incoming pure ACKs (flags == ACK) for 2 s,
    so the client's handshake ACK never arrives: the client is ESTABLISHED,
    the server still in SYN-RECEIVED retransmits its SYN-ACK after 1 s and
    the client answers with another ACK (also dropped).  The client's first
    data, sent 2.4 s after connect() returned, completes the server's side of
    the handshake."""
    def client(sock):
        time.sleep(2.4)
        ask(sock)

    lab.drop("srv", "input", PURE_ACK)
    lab.begin_capture()
    lab.pair(5014, serve_until_eof, client, sport=40014)
    time.sleep(2.0)
    lab.flush("srv")
    lab.join()


def check_fin_retrans(segs):
    fins = same_seq_retries(segs, lambda s: s.fin and s.side == "c")
    expect(len(fins) >= 3, "the client's FIN is not retransmitted", segs)
    acked = find(segs, lambda s: s.side == "s" and s.has_ack and s.ack == fins[0].end)
    expect(acked > segs.index(fins[-1]), "the FIN is acked before its last retransmission", segs)
    close_at(segs, segs.index(fins[-1]))


@scenario("fin-retrans", check=check_fin_retrans)
def fin_retrans(lab):
    """After one request/response the server namespace drops incoming FINs
    for 2 s.  The client's FIN (after shutdown(SHUT_WR)) is retransmitted
    with exponential backoff from ~0.2 s until one passes after the flush;
    then the server closes too."""
    closing = lab.event()

    def client(sock):
        ask(sock)
        time.sleep(0.2)
        closing.set()
        sock.shutdown(socket.SHUT_WR)
        expect_eof(sock)

    lab.drop("srv", "input", ANY_FIN)
    lab.begin_capture()
    lab.pair(5015, serve_until_eof, client, sport=40015)
    wait(closing, "the client to close")
    time.sleep(2.0)
    lab.flush("srv")
    lab.join()
