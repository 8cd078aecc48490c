"""Plain connections: handshake and data, the usual ways to close, a refused
connect, and a capture that starts in the middle of a connection.

Ports: server 5000+n, client 40000+n, n fixed per scenario.
"""

import socket
import time

from checks import close_at, expect, find, handshake_at, kinds
from lab import REQUEST, ScenarioError, answer, ask, expect_eof, payload, \
    recv_until_eof, scenario, wait


# ------------------------------------------------------------ conversations
# Client and server halves, also reused by the "mixed" scenario.

def serve_then_close(conn):
    """Answer one request and close first."""
    answer(conn)


def serve_until_eof(conn):
    """Answer requests until the client's FIN, then close at once."""
    while answer(conn):
        pass


def serve_until_eof_then_pause(conn):
    """Answer requests; after the client's FIN wait 0.3 s, then close."""
    serve_until_eof(conn)
    time.sleep(0.3)


def ask_until_eof(sock):
    """One exchange, then wait for the server to close first."""
    ask(sock)
    expect_eof(sock)


def fourway_server(conn):
    """Read to EOF, wait 0.3 s, close: the ACK of the client's FIN goes out
    on its own (delayed ACK, ~40 ms) before our FIN."""
    recv_until_eof(conn)
    time.sleep(0.3)


def fourway_client(sock):
    sock.sendall(REQUEST)


def threeway_server(conn):
    """Close as soon as recv() returns b'': the kernel holds the ACK of the
    client's FIN (delayed ACK) and sends it merged with our FIN."""
    recv_until_eof(conn)


def threeway_client(sock):
    """Send, give the server time to read and block in recv() again, close."""
    sock.sendall(REQUEST)
    time.sleep(0.2)


HALF_CLOSE_CHUNKS = 5


def half_close_server(conn):
    """Read the request to EOF, then keep sending for ~0.5 s before closing."""
    if len(recv_until_eof(conn)) != len(REQUEST):
        raise ScenarioError("request incomplete")
    for i in range(HALF_CLOSE_CHUNKS):
        conn.sendall(payload(f"after-eof-{i}", 80))
        time.sleep(0.12)


def half_close_client(sock):
    sock.sendall(REQUEST)
    sock.shutdown(socket.SHUT_WR)
    if len(recv_until_eof(sock)) != HALF_CLOSE_CHUNKS * 80:
        raise ScenarioError("half-close data incomplete")


def refused_client(lab, port, sport, family=None):
    sock = lab.socket("cli", sport, family)
    try:
        sock.connect((lab.address("srv", family), port))
    except ConnectionRefusedError:
        return
    finally:
        sock.close()
    raise ScenarioError("connect() was not refused")


# ------------------------------------------------------------ scenarios

def check_handshake_data(segs):
    i = handshake_at(segs)
    expect(segs[i].side == "c" and segs[i].len == 100, "request does not follow", segs)
    fin = find(segs, lambda s: s.fin)
    expect(segs[fin].side == "c", "client does not close first", segs)
    expect(any(s.side == "s" and s.len == 300 for s in segs[i:fin]), "no response", segs)
    close_at(segs, fin)
    expect(not any(s.rst for s in segs), "unexpected RST", segs)


@scenario("handshake-data", "handshake-data-v6", check=check_handshake_data)
def handshake_data(lab):
    """Three-way handshake, a 100-byte request, a 300-byte response; the
    client closes first, the server 0.3 s after the client's FIN."""
    lab.begin_capture()
    lab.pair(5001, serve_until_eof_then_pause, ask, sport=40001)
    lab.join()


def check_fourway(segs):
    handshake_at(segs)
    fin = find(segs, lambda s: s.fin)
    expect(segs[fin].side == "c", "client does not close first", segs)
    expect(close_at(segs, fin) == "four-way", "not a four-way close", segs)
    expect(kinds(segs[fin:]) == "c:FA s:A s:FA c:A", "close is not FIN, ACK, FIN, ACK", segs)


@scenario("teardown-fourway", "teardown-fourway-v6", check=check_fourway)
def teardown_fourway(lab):
    """Client sends 100 bytes and closes; the server reads EOF, waits 0.3 s
    and closes: FIN, ACK, FIN, ACK as four separate segments."""
    lab.begin_capture()
    lab.pair(5002, fourway_server, fourway_client, sport=40002)
    lab.join()


def check_threeway(segs):
    handshake_at(segs)
    fin = find(segs, lambda s: s.fin)
    expect(segs[fin].side == "c", "client does not close first", segs)
    expect(close_at(segs, fin) == "three-way", "passive FIN is not the first ACK of the FIN", segs)
    expect(kinds(segs[fin:]) == "c:FA s:FA c:A", "close is not FIN, FIN+ACK, ACK", segs)


@scenario("teardown-threeway", "teardown-threeway-v6", check=check_threeway)
def teardown_threeway(lab):
    """Client sends 100 bytes, waits 0.2 s and closes; the server, blocked in
    recv(), closes the moment it returns b'': FIN, FIN+ACK, ACK."""
    lab.begin_capture()
    lab.pair(5003, threeway_server, threeway_client, sport=40003)
    lab.join()


def check_half_close(segs):
    handshake_at(segs)
    fin = find(segs, lambda s: s.fin)
    expect(segs[fin].side == "c", "client does not close first", segs)
    server_fin = find(segs, lambda s: s.fin and s.side == "s")
    data_after = [s for s in segs[fin + 1:server_fin] if s.side == "s" and s.len > 0]
    expect(len(data_after) == HALF_CLOSE_CHUNKS, "server data after the client's FIN missing", segs)
    expect(data_after[-1].time - data_after[0].time > 0.4, "server data not spread out", segs)
    close_at(segs, fin)


@scenario("half-close", "half-close-v6", check=check_half_close)
def half_close(lab):
    """Client sends a request and shutdown(SHUT_WR); the server, having seen
    EOF, still sends five 80-byte segments 0.12 s apart, then closes."""
    lab.begin_capture()
    lab.pair(5004, half_close_server, half_close_client, sport=40004)
    lab.join()


def check_refused(segs):
    expect(kinds(segs) == "c:S s:RA" and segs[1].ack == segs[0].end and segs[1].seq == 0,
           "not SYN, RST+ACK", segs)


@scenario("refused", "refused-v6", check=check_refused)
def refused(lab):
    """connect() to a port nobody listens on: SYN, RST+ACK."""
    lab.begin_capture()
    lab.spawn("cli", refused_client, lab, 5009, 40009)
    lab.join()


MIDSTREAM_ROUNDS = 5


def check_midstream(segs):
    expect(not any(s.syn for s in segs), "capture contains a SYN", segs)
    data = [s for s in segs if s.len > 0]
    expect(len(data) == 2 * MIDSTREAM_ROUNDS and data[0] is segs[0], "data does not open the capture", segs)
    fin = find(segs, lambda s: s.fin)
    expect(close_at(segs, fin) == "four-way", "not a four-way close", segs)


@scenario("midstream", check=check_midstream)
def midstream(lab):
    """The handshake happens before tcpdump starts; the capture opens with
    five request/response rounds 0.1 s apart, then a four-way close."""
    capturing = lab.event()

    def server(conn):
        wait(capturing, "the capture")
        serve_until_eof_then_pause(conn)

    def client(sock):
        lab.begin_capture()
        capturing.set()
        for _ in range(MIDSTREAM_ROUNDS):
            ask(sock)
            time.sleep(0.1)

    lab.pair(5017, server, client, sport=40017)
    lab.join()
