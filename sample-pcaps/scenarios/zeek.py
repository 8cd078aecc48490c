"""Captures for Zeek's view of a connection: records that a timer ends and
that later packets start again, retransmissions, zero windows, the
originator found by port, and a close that never finished.

Ports: server 5018-5023 (8080 for the port heuristic), client 40018-40023.
"""

import socket
import struct
import time

from basic import serve_until_eof
from checks import expect, find, handshake_at, same_seq_retries
from lab import ANY_FIN, ANY_PSH, ANY_RST, PURE_ACK, REQUEST, RESPONSE, ScenarioError, answer, \
    ask, payload, recv_exact, recv_until_eof, scenario, set_linger0, wait

TCP_INFO = 11
TCP_CLOSE_WAIT = 8


def tcp_info(sock):
    """(state, retransmits) from the kernel's struct tcp_info."""
    raw = sock.getsockopt(socket.IPPROTO_TCP, TCP_INFO, 8)
    state, _, retransmits = struct.unpack("BBB", raw[:3])
    return state, retransmits


# ------------------------------------------------------------ trailing FIN retries

def check_close_trailing_fin(segs):
    handshake_at(segs)
    fins = same_seq_retries(segs, lambda s: s.fin and s.side == "s")
    expect(len(fins) >= 6 and fins[-1].time - fins[0].time > 11, "server FIN not retried for 11 s", segs)
    acks = [s for s in segs if s.side == "c" and s.kind == "A" and s.ack == fins[0].end]
    expect(len(acks) >= len(fins), "not every server FIN is acked by the client", segs)


@scenario("close-trailing-fin", check=check_close_trailing_fin)
def close_trailing_fin(lab):
    """One exchange; the client closes first, the server closes when it
    reads EOF (FIN+ACK).  The server namespace drops incoming pure ACKs
    from just before the client's close, so the client's last ACK never
    arrives: the server (LAST_ACK) retransmits its FIN with exponential
    backoff for 14 s, and the client in TIME_WAIT acks each retry."""
    asked, dropping = lab.event(), lab.event()

    def client(sock):
        ask(sock)
        time.sleep(0.1)         # the ACK of the response (delayed ACK) goes out
        asked.set()
        wait(dropping, "the drop rule")

    lab.begin_capture()
    lab.pair(5018, serve_until_eof, client, sport=40018)
    wait(asked, "the exchange")
    lab.drop("srv", "input", PURE_ACK)
    dropping.set()
    time.sleep(14.0)
    lab.join()


# ------------------------------------------------------------ a reset, then data

def check_rst_then_data(segs):
    handshake_at(segs)
    rst = find(segs, lambda s: s.rst and s.side == "c")
    later = [s for s in segs[rst + 1:] if s.side == "s" and s.len]
    expect(later and later[0].time - segs[rst].time > 5.5, "no server data 5 s after the client's RST", segs)
    expect(any(s.rst and s.side == "c" for s in segs[segs.index(later[0]):]),
           "the late data is not answered by RST", segs)


@scenario("rst-then-data", check=check_rst_then_data)
def rst_then_data(lab):
    """One exchange, then the client aborts (SO_LINGER {on, 0}); the server
    namespace drops incoming RSTs, so the server never learns and sends
    more data 6 s later: the client's kernel, with no socket left, answers
    each (re)transmission with a RST."""
    def server(conn):
        answer(conn)
        time.sleep(6.0)
        conn.sendall(payload("late", 50))
        time.sleep(1.0)

    def client(sock):
        ask(sock)
        time.sleep(0.1)
        set_linger0(sock)

    lab.drop("srv", "input", ANY_RST)
    lab.begin_capture()
    lab.pair(5019, server, client, sport=40019)
    lab.join()


# ------------------------------------------------------------ retransmitted data

def check_data_retrans(segs):
    handshake_at(segs)
    request = same_seq_retries(segs, lambda s: s.side == "c" and s.len == len(REQUEST))
    expect(len(request) >= 3, "the request is not retransmitted", segs)
    expect(any(s.fin for s in segs), "no close", segs)


@scenario("data-retrans", check=check_data_retrans)
def data_retrans(lab):
    """The server namespace drops incoming segments with PSH for 1 s: the
    client's request is retransmitted (RTO backoff) until one gets
    through; then the response and a normal close."""
    lab.drop("srv", "input", ANY_PSH)
    lab.begin_capture()
    lab.pair(5020, serve_until_eof, ask, sport=40020)
    time.sleep(1.0)
    lab.flush("srv")
    lab.join()


# ------------------------------------------------------------ zero window

ZERO_WINDOW_BYTES = 24000


def check_zero_window(segs):
    handshake_at(segs)
    zero = [s for s in segs if s.side == "s" and s.window == 0 and not s.rst]
    expect(zero, "the server never advertises a zero window", segs)
    expect(any(s.fin for s in segs), "no close", segs)


@scenario("zero-window", check=check_zero_window)
def zero_window(lab):
    """The server's receive buffer is small (SO_RCVBUF 2048) and it does not
    read for 1 s while the client sends 24000 bytes: the server's window
    closes (zero window), the client probes, then the server reads it all
    and both close."""
    ready = lab.event()

    def server():
        with lab.listen(5021) as listener:
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)
            ready.set()
            conn, _ = listener.accept()
        with conn:
            time.sleep(1.0)
            if len(recv_until_eof(conn)) != ZERO_WINDOW_BYTES:
                raise ScenarioError("data incomplete")

    def client():
        wait(ready, "the server")
        sock = lab.socket("cli", 40021)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
        with sock:
            sock.connect((lab.address("srv"), 5021))
            sock.sendall(payload("bulk", ZERO_WINDOW_BYTES))
            sock.shutdown(socket.SHUT_WR)
            recv_until_eof(sock)

    lab.begin_capture()
    lab.spawn("srv", server)
    lab.spawn("cli", client)
    lab.join()


# ------------------------------------------------------------ originator by port

def check_midstream_server_port(segs):
    expect(not any(s.syn for s in segs), "capture contains a SYN", segs)
    expect(segs[0].side == "s" and segs[0].sport == 8080 and segs[0].len, "server data does not open it", segs)


@scenario("midstream-server-port", check=check_midstream_server_port)
def midstream_server_port(lab):
    """The handshake happens before tcpdump starts; the capture opens with
    the server (port 8080, one of Zeek's likely server ports) sending 100
    bytes unasked, then one request/response and a close by the client."""
    capturing = lab.event()

    def server(conn):
        wait(capturing, "the capture")
        conn.sendall(payload("banner", 100))
        serve_until_eof(conn)

    def client(sock):
        lab.begin_capture()
        capturing.set()
        if len(recv_exact(sock, 100)) != 100:
            raise ScenarioError("no banner")
        ask(sock)

    lab.pair(8080, server, client, sport=40022)
    lab.join()


# ------------------------------------------------------------ the close that never finished

FIN_RETRIES = 10


def check_fin_retries_rst(segs):
    handshake_at(segs)
    server_fin = find(segs, lambda s: s.fin and s.side == "s")
    fins = same_seq_retries(segs, lambda s: s.fin and s.side == "c")
    expect(segs.index(fins[0]) > server_fin, "the server does not close first", segs)
    expect(len(fins) >= FIN_RETRIES + 1, f"fewer than {FIN_RETRIES} retries of the client's FIN", segs)
    expect(not any(s.side == "s" and s.has_ack and s.ack == fins[0].end for s in segs),
           "the client's FIN is acked", segs)
    expect(segs[-1].rst and segs[-1].side == "c" and segs[-1].time > fins[-1].time,
           "the capture does not end with the client's RST", segs)


@scenario("fin-retries-rst", check=check_fin_retries_rst)
def fin_retries_rst(lab):
    """The close that never finished: one exchange, after which the server
    closes first (response, then FIN).  The client leaves the response
    unread, sees the server's FIN (CLOSE_WAIT) and calls shutdown(SHUT_WR):
    its FIN+ACK is dropped at the server's input, so it is never
    acknowledged and the client (LAST_ACK) retransmits it with exponential
    backoff (route rto_min 20 ms in the client namespace, so ten retries
    fit in ~20 s).  After the tenth retry the client closes the socket,
    and because the response was never read, close() sends a RST."""
    def server(conn):
        if recv_exact(conn, len(REQUEST)) != REQUEST:
            raise ScenarioError("short request")
        conn.sendall(RESPONSE)

    def client(sock):
        sock.sendall(REQUEST)
        deadline = time.monotonic() + 5
        while tcp_info(sock)[0] != TCP_CLOSE_WAIT:
            if time.monotonic() > deadline:
                raise ScenarioError("the server's FIN did not arrive")
            time.sleep(0.01)
        lab.drop("srv", "input", ANY_FIN)
        sock.shutdown(socket.SHUT_WR)
        deadline = time.monotonic() + 40
        while tcp_info(sock)[1] < FIN_RETRIES:
            if time.monotonic() > deadline:
                raise ScenarioError("the FIN was not retried often enough")
            time.sleep(0.005)
        # with the response unread, close() resets the connection

    lab.rto_min("cli", 20)
    lab.begin_capture()
    lab.pair(5023, server, client, sport=40023)
    lab.join()
