#!/usr/bin/env python3
"""Write tcpconn's crafted sample captures.

These show TCP behaviour that a real stack cannot be made to produce on
demand: old duplicate SYNs, invalid flag combinations, broken handshakes,
sequence numbers wrapping at 2^32, malformed headers.  Every frame is
Ethernet + IPv4 + TCP from 192.0.2.1 (client, port 40000 unless said) to
192.0.2.2:80 and back, with correct IPv4 and TCP checksums, written as a
classic pcap file (microsecond timestamps).  Python standard library only;
no root needed.

usage: craft.py [-o DIR] all | NAME...     (NAME as in crafted-NAME.pcap)
       craft.py --list
"""

import argparse
import os
import struct
import sys

CLIENT_IP, SERVER_IP = bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2])
CLIENT_MAC, SERVER_MAC = bytes.fromhex("020000000001"), bytes.fromhex("020000000002")
CLIENT_PORT, SERVER_PORT = 40000, 80
WINDOW = 64240
START = 1704067200            # 2024-01-01 00:00:00 UTC
RTT = 0.010                   # client <-> server round trip of the crafted link

FLAG_BITS = {"F": 0x01, "S": 0x02, "R": 0x04, "P": 0x08, "A": 0x10}
# SYN options as Linux sends them without timestamps: MSS 1460, NOP, NOP, SACK permitted.
SYN_OPTIONS = bytes.fromhex("020405b401010402")


# ------------------------------------------------------------ encoding

def checksum(data):
    """The Internet checksum (RFC 1071)."""
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def tcp_header(src, dst, sport, dport, flags, seq, ack, payload, options=b"", offset=None,
               bad_checksum=False, window=WINDOW):
    """TCP header + payload with a correct checksum (or, with bad_checksum,
    a wrong one).  `offset` (in 32-bit words) overrides the data offset
    field, to build malformed headers."""
    options += b"\0" * (-len(options) % 4)
    words = offset if offset is not None else 5 + len(options) // 4
    flag_bits = sum(FLAG_BITS[letter] for letter in flags)
    header = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF,
                         words << 4, flag_bits, window, 0, 0) + options
    segment = header + payload
    pseudo = src + dst + struct.pack("!BBH", 0, 6, len(segment))
    value = checksum(pseudo + segment) ^ (0x5A5A if bad_checksum else 0)
    return segment[:16] + struct.pack("!H", value) + segment[18:]


def ipv4_packet(src, dst, ident, tcp, proto=6):
    header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), ident & 0xFFFF,
                         0x4000, 64, proto, 0, src, dst)
    return header[:10] + struct.pack("!H", checksum(header)) + header[12:] + tcp


class Trace:
    """Frames of one capture file, with their times."""

    def __init__(self):
        self.frames = []           # (time, captured bytes, original length)
        self.now = 0.0
        self.ident = {"c": 0x1000, "s": 0x5000}

    def packet(self, side, tcp, gap, caplen=None, tunnel=None):
        """Append one frame sent by side "c" or "s", `gap` seconds after the
        previous frame; `caplen` cuts the captured bytes short; `tunnel`
        (outer source, outer destination) wraps it in an outer IPv4 header
        (IP in IP, protocol 4)."""
        self.now += gap
        src, dst = (CLIENT_IP, SERVER_IP) if side == "c" else (SERVER_IP, CLIENT_IP)
        macs = SERVER_MAC + CLIENT_MAC if side == "c" else CLIENT_MAC + SERVER_MAC
        self.ident[side] += 1
        ip = ipv4_packet(src, dst, self.ident[side], tcp)
        if tunnel:
            ip = ipv4_packet(tunnel[0], tunnel[1], self.ident[side], ip, proto=4)
        frame = macs + b"\x08\x00" + ip
        self.frames.append((self.now, frame[:caplen], len(frame)))

    def write(self, path):
        with open(path, "wb") as f:
            f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
            for t, data, orig_len in self.frames:
                usec = round(t * 1e6)
                f.write(struct.pack("<IIII", START + usec // 1_000_000, usec % 1_000_000,
                                    len(data), orig_len))
                f.write(data)


class Flow:
    """One connection 192.0.2.1:cport <-> 192.0.2.2:sport inside a Trace.

    By default a segment carries its sender's next sequence number and acks
    everything the peer has sent, as if nothing was lost, and advances the
    sender's next sequence number.  Pass seq= or ack= to break the rules;
    an explicit seq= does not advance anything."""

    def __init__(self, trace, client_isn, server_isn, cport=CLIENT_PORT, sport=SERVER_PORT):
        self.trace = trace
        self.ports = {"c": (cport, sport), "s": (sport, cport)}
        self.next = {"c": client_isn, "s": server_isn}

    def send(self, side, flags, data=b"", gap=0.001, seq=None, ack=None,
             options=None, caplen=None, offset=None, bad_checksum=False, window=WINDOW,
             tunnel=None, skip=0):
        """skip: leave out that many bytes of sequence space first (a
        segment the capture never saw)."""
        peer = "s" if side == "c" else "c"
        if seq is None:
            self.next[side] = (self.next[side] + skip) & 0xFFFFFFFF
            seq = self.next[side]
            self.next[side] = (seq + len(data) + ("S" in flags) + ("F" in flags)) & 0xFFFFFFFF
        if ack is None:
            ack = self.next[peer] if "A" in flags else 0
        if options is None:
            options = SYN_OPTIONS if "S" in flags else b""
        src, dst = (CLIENT_IP, SERVER_IP) if side == "c" else (SERVER_IP, CLIENT_IP)
        tcp = tcp_header(src, dst, *self.ports[side], flags, seq, ack, data, options, offset,
                         bad_checksum, window)
        self.trace.packet(side, tcp, gap, caplen, tunnel)
        return seq

    def c(self, flags, data=b"", **kw):
        return self.send("c", flags, data, **kw)

    def s(self, flags, data=b"", **kw):
        return self.send("s", flags, data, **kw)

    # Common sequences, written from the client's capture point: the client's
    # segments leave at once, the server's answers come RTT later.

    def handshake(self, gap=0.001):
        self.c("S", gap=gap)
        self.s("SA", gap=RTT)
        self.c("A", gap=0.0001)

    def exchange(self, request=b"", response=b""):
        self.c("PA", request or text("GET / HTTP/1.1", 100))
        self.s("A", gap=RTT)
        self.s("PA", response or text("HTTP/1.1 200 OK", 300), gap=0.0002)
        self.c("A", gap=0.0001)

    def fourway_close(self, first="c"):
        second = "s" if first == "c" else "c"
        self.send(first, "FA", gap=0.005)
        self.send(second, "A", gap=RTT)
        self.send(second, "FA", gap=0.050)
        self.send(first, "A", gap=0.0001 if first == "c" else RTT)


def text(tag, length):
    """Readable payload of exactly `length` bytes."""
    return ((tag + " ") * (length // (len(tag) + 1) + 1))[:length - 1].encode() + b"\n"


# ------------------------------------------------------------ captures

CAPTURES = {}


def capture(name):
    def register(func):
        CAPTURES[name] = func
        return func
    return register


@capture("old-duplicate-syn")
def old_duplicate_syn(trace):
    """RFC 9293 section 3.5 (RFC 793 figure 9) at the client: the server
    answers an old duplicate SYN (seq 90) with SYN-ACK ack 91; the client,
    whose SYN was seq 100, sends RST seq 91; the server then answers the real
    SYN with a new ISN (400) and ack 101; handshake, data, four-way close."""
    flow = Flow(trace, client_isn=100, server_isn=300)
    flow.c("S")                                       # seq 100
    flow.s("SA", gap=RTT, ack=91)                     # seq 300, acks the old SYN 90
    flow.c("R", gap=0.0001, seq=91)                   # <SEQ=91><CTL=RST>
    flow.next["s"] = 400
    flow.s("SA", gap=RTT / 2)                         # seq 400 ack 101
    flow.c("A", gap=0.0001)
    flow.exchange()
    flow.fourway_close()


@capture("old-duplicate-syn-server-side")
def old_duplicate_syn_server_side(trace):
    """The same RFC 9293 section 3.5 exchange seen at the server: old SYN
    seq 90, SYN-ACK seq 300 ack 91, RST seq 91, the real SYN seq 100,
    SYN-ACK seq 400 ack 101, ACK; then data and a four-way close."""
    flow = Flow(trace, client_isn=90, server_isn=300)
    flow.c("S")                                       # old duplicate, seq 90
    flow.s("SA", gap=0.0001)                          # seq 300 ack 91
    flow.c("R", gap=RTT, seq=91)
    flow.next.update(c=100, s=400)
    flow.c("S", gap=RTT / 2)                          # the real SYN, seq 100
    flow.s("SA", gap=0.0001)                          # seq 400 ack 101
    flow.c("A", gap=RTT)
    flow.c("PA", text("GET / HTTP/1.1", 100), gap=0.0002)
    flow.s("A", gap=0.0001)
    flow.s("PA", text("HTTP/1.1 200 OK", 300), gap=0.0002)
    flow.c("A", gap=RTT)
    flow.c("FA", gap=0.005)
    flow.s("A", gap=0.0001)
    flow.s("FA", gap=0.050)
    flow.c("A", gap=RTT)


@capture("syn-fin")
def syn_fin(trace):
    """Odd SYNs, each on its own client port: 40001 SYN+FIN (retried once,
    never answered, as Linux drops it); 40002 SYN+RST (never answered);
    40003 a SYN carrying 60 bytes with a TCP Fast Open cookie, the server
    acks SYN and data in its SYN-ACK (TFO accepted); 40004 a SYN carrying
    60 bytes that the server does not accept (SYN-ACK acks the SYN only),
    so the client sends the data again after the handshake."""
    flow = Flow(trace, 1000, 0, cport=40001)
    flow.c("SF")
    flow.c("SF", gap=1.0, seq=1000)
    flow = Flow(trace, 2000, 0, cport=40002)
    flow.c("SR", gap=0.5)
    # MSS 1460, SACK permitted, Fast Open (kind 34) with an 8-byte cookie.
    tfo = bytes.fromhex("020405b4" "0402" "220a0102030405060708")
    request = text("GET /fast HTTP/1.1", 60)
    flow = Flow(trace, 3000, 7000, cport=40003)
    flow.c("S", request, gap=0.5, options=tfo)        # seq 3000, 60 bytes
    flow.s("SA", gap=RTT)                             # ack 3061
    flow.c("A", gap=0.0001)
    flow.s("PA", text("HTTP/1.1 200 OK", 200), gap=0.001)
    flow.c("A", gap=0.0001)
    flow.fourway_close()
    flow = Flow(trace, 4000, 8000, cport=40004)
    flow.c("S", request, gap=0.5, options=tfo)
    flow.s("SA", gap=RTT, ack=4001)                   # data not accepted
    flow.next["c"] = 4001
    flow.c("A", gap=0.0001)
    flow.c("PA", request, gap=0.0001)                 # the data again, now in order
    flow.s("A", gap=RTT)
    flow.s("PA", text("HTTP/1.1 200 OK", 200), gap=0.0002)
    flow.c("A", gap=0.0001)
    flow.fourway_close()


@capture("bad-handshake")
def bad_handshake(trace):
    """Six broken connections, one per client port:
    40001 a SYN-ACK acking the wrong number (ISN+5), then the correct one
          (client stays silent in between), handshake and close;
    40002 the final ACK carries the wrong sequence number (ISN+5); the
          server retransmits its SYN-ACK, the correct ACK follows;
    40003 a SYN-ACK from the client, i.e. in the wrong direction, before the
          server's real SYN-ACK;
    40004 the client sends data (no ACK flag) before the SYN-ACK arrives,
          and again after the handshake;
    40005 the server ends the connection with a RST carrying 40 bytes of
          data (a diagnostic text);
    40006 after the client's RST both sides still send data."""
    flow = Flow(trace, 10000, 50000, cport=40001)
    flow.c("S")
    flow.s("SA", gap=RTT, ack=10005)
    flow.s("SA", gap=0.002, seq=50000)                # the correct one, same ISN
    flow.c("A", gap=0.0001)
    flow.exchange()
    flow.fourway_close()

    flow = Flow(trace, 20000, 60000, cport=40002)
    flow.c("S", gap=0.2)
    flow.s("SA", gap=RTT)
    flow.c("A", gap=0.0001, seq=20005)                # wrong seq
    flow.s("SA", gap=1.0, seq=60000)                  # server still SYN-RECEIVED
    flow.c("A", gap=0.0001)
    flow.exchange()
    flow.fourway_close()

    flow = Flow(trace, 30000, 70000, cport=40003)
    flow.c("S", gap=0.2)
    flow.c("SA", gap=0.001, seq=30000, ack=12345)     # SYN-ACK from the SYN's sender
    flow.s("SA", gap=RTT)
    flow.c("A", gap=0.0001)
    flow.exchange()
    flow.fourway_close()

    flow = Flow(trace, 40000, 80000, cport=40004)
    flow.c("S", gap=0.2)
    early = text("early data", 50)
    flow.c("P", early, gap=0.001, seq=40001)          # data before the SYN-ACK
    flow.s("SA", gap=RTT)
    flow.c("A", gap=0.0001)
    flow.exchange(request=early)
    flow.fourway_close()

    flow = Flow(trace, 50000, 90000, cport=40005)
    flow.handshake(gap=0.2)
    flow.exchange()
    flow.s("RA", text("connection reset: idle timeout", 40), gap=0.1)

    flow = Flow(trace, 60000, 100000, cport=40006)
    flow.handshake(gap=0.2)
    flow.exchange()
    flow.c("RA", gap=0.05)                            # a RST uses no sequence space
    flow.s("PA", text("late server data", 120), gap=RTT / 2)
    flow.c("PA", text("late client data", 80), gap=0.002)


@capture("seq-wrap")
def seq_wrap(trace):
    """Client ISN 0xFFFFFFF0, server ISN 0xFFFFFFFA.  The client's 100-byte
    request goes out as 10 + 90 bytes, the 90-byte segment straddling 2^32
    (0xFFFFFFFB..0x54); the server's first data segment ends exactly at
    0xFFFFFFFF, so the client acks 0, then 300 bytes from 0.  Four-way close
    with FINs at 0x55 (client) and 0x12C (server)."""
    flow = Flow(trace, 0xFFFFFFF0, 0xFFFFFFFA)
    flow.handshake()
    flow.c("PA", text("GET / HTTP/1.1", 10))          # 0xFFFFFFF1..0xFFFFFFFA
    flow.c("PA", text("Host: wrap.example", 90), gap=0.0001)   # 0xFFFFFFFB..0x54
    flow.s("A", gap=RTT)
    flow.s("PA", b"HTTP\n", gap=0.0002)               # 0xFFFFFFFB..0xFFFFFFFF
    flow.c("A", gap=0.0001)                           # ack 0
    flow.s("PA", text("1.1 200 OK", 300), gap=0.001)  # 0..0x12B
    flow.c("A", gap=0.0001)
    flow.fourway_close()


@capture("half-open")
def half_open(trace):
    """SYN, SYN-ACK, then the server retransmits its SYN-ACK after 1, 2 and
    4 s and nothing else: the client never completes the handshake (the
    SYN-flood pattern)."""
    flow = Flow(trace, 0x2A000000, 0x7B000000)
    flow.c("S")
    flow.s("SA", gap=RTT)
    for delay in (1.0, 2.0, 4.0):
        flow.s("SA", gap=delay, seq=0x7B000000)


@capture("data-after-fin")
def data_after_fin(trace):
    """Handshake and one exchange; the client sends FIN, then 50 more bytes
    with sequence numbers beyond its FIN.  The server acks the FIN only (a
    duplicate ACK for the data), then closes: FIN, last ACK."""
    flow = Flow(trace, 0x11110000, 0x22220000)
    flow.handshake()
    flow.exchange()
    flow.c("FA", gap=0.005)
    flow.c("PA", text("after FIN", 50), gap=0.001)
    fin_end = (flow.next["c"] - 50) & 0xFFFFFFFF
    flow.s("A", gap=RTT, ack=fin_end)
    flow.s("A", gap=0.001, ack=fin_end)
    flow.s("FA", gap=0.050, ack=fin_end)
    flow.c("A", gap=0.0001)


@capture("port-reuse-many")
def port_reuse_many(trace):
    """Forty connections one after another on the same address and port
    pair, each with a fresh ISN: a SYN, SYN-ACK, ACK, one exchange and a
    four-way close each.  A real client can do this with SO_REUSEADDR and a
    fixed source port; here it checks that looking a frame's connection up
    among many on one pair stays right."""
    for i in range(40):
        flow = Flow(trace, (0x10000000 + i * 0x01000193) & 0xFFFFFFFF, (0x80000000 + i * 0x00100007) & 0xFFFFFFFF)
        flow.handshake(gap=0.05)
        flow.exchange()
        flow.fourway_close(first="c" if i % 2 == 0 else "s")


@capture("truncated")
def truncated(trace):
    """Frames of one connection whose TCP headers are not all there: the
    SYN-ACK captured with only 10 bytes of TCP header, an ACK cut right after
    the IP header, a data segment cut after 16 bytes of TCP header (flags
    and window present, checksum not), a segment whose data offset says 3
    words (12 bytes, less than the minimum 5), one whose data offset says 15
    words (60 bytes) in a 20-byte header, and a complete final RST."""
    eth_ip = 14 + 20
    flow = Flow(trace, 0x33330000, 0x44440000)
    flow.c("S")
    flow.s("SA", gap=RTT, caplen=eth_ip + 10)
    flow.c("A", gap=0.0001, caplen=eth_ip)
    flow.c("PA", text("GET / HTTP/1.1", 100), gap=0.0002, caplen=eth_ip + 16)
    flow.s("A", gap=RTT, offset=3)
    flow.s("PA", text("HTTP/1.1 200", 20), gap=0.001, offset=15)
    flow.c("RA", gap=0.001)


# ------------------------------------------------------------ Zeek's view

@capture("zeek-records")
def zeek_records(trace):
    """Connections that Zeek splits into several conn.log records, one per
    client port:
    40001 a normal exchange and four-way close, then 6 s later a RST from
          the server (past tcp_close_delay: a record of its own);
    40002 handshake and one request, 301 s of silence (past
          tcp_inactivity_timeout), then more data from the client;
    40003 a RST right after the client's own FIN, then 7 s of silence
          (Zeek's session timer ends the record) and server data;
    40004 mid-stream data, then the server's FIN as its first packet (a
          partial close: Zeek's default scripts arm no timer for it) and
          more client data 4 s later: one record."""
    flow = Flow(trace, 0x01000000, 0x51000000, cport=40001)
    flow.handshake()
    flow.exchange()
    flow.fourway_close()
    flow.s("R", gap=6.0, ack=0)

    flow = Flow(trace, 0x02000000, 0x52000000, cport=40002)
    flow.handshake(gap=0.5)
    flow.c("PA", text("GET /slow HTTP/1.1", 100))
    flow.s("A", gap=RTT)
    flow.c("PA", text("GET /late HTTP/1.1", 100), gap=301.0)
    flow.s("A", gap=RTT)

    flow = Flow(trace, 0x03000000, 0x53000000, cport=40003)
    flow.handshake(gap=0.5)
    flow.exchange()
    flow.c("FA", gap=0.005)
    flow.c("R", gap=0.001)
    flow.s("PA", text("late server data", 50), gap=7.0)

    flow = Flow(trace, 0x04000000, 0x54000000, cport=40004)
    flow.c("PA", text("mid-stream request", 100), gap=0.5)
    flow.s("FA", gap=RTT)
    flow.c("PA", text("more after the FIN", 100), gap=4.0)


@capture("content-gap")
def content_gap(trace):
    """Payload the capture never saw, acknowledged by the other side:
    40001 100 client bytes and 50 server bytes missing, each acked (Zeek's
          G and g, missed_bytes 150), then a normal close;
    40002 the 100 bytes just before the client's FIN missing: the ack of
          the FIN reveals them (G); Zeek's close waits for that ack."""
    flow = Flow(trace, 0x0A000000, 0x5A000000, cport=40001)
    flow.handshake()
    flow.c("PA", text("GET / HTTP/1.1", 100), skip=100)
    flow.s("A", gap=RTT)
    flow.s("PA", text("HTTP/1.1 200 OK", 200), gap=0.0002, skip=50)
    flow.c("A", gap=0.0001)
    flow.fourway_close()

    flow = Flow(trace, 0x0B000000, 0x5B000000, cport=40002)
    flow.handshake(gap=0.5)
    flow.exchange()
    flow.c("FA", gap=0.005, skip=100)
    flow.s("A", gap=RTT)
    flow.s("FA", gap=0.050)
    flow.c("A", gap=RTT)


@capture("zeek-flips")
def zeek_flips(trace):
    """Connections whose SYN the capture lacks, and who Zeek says
    originated them:
    40001 the server's SYN-ACK from port 80 (a likely server port) opens
          the capture: Zeek flips at once ("^"), then ACK, data, close;
    40002 a SYN-ACK from the client's port 40002 to port 80, answered by
          the server's RST (a reverse scan as Zeek sees it: not flipped);
    40003 the SYN-ACK captured before its SYN, from server port 8443 (not a
          likely server port, so no flip at first): the SYN comes, Zeek
          sees a SYN/SYN-ACK reversal and flips then."""
    flow = Flow(trace, 0x21000000, 0x61000000, cport=40001)
    flow.next["c"] += 1
    flow.s("SA", ack=flow.next["c"])
    flow.c("A", gap=0.0001)
    flow.exchange()
    flow.fourway_close()

    flow = Flow(trace, 0x22000000, 0x62000000, cport=40002)
    flow.c("SA", gap=0.5, ack=0x62000001)
    flow.s("R", gap=RTT, seq=0x62000001, ack=0)

    flow = Flow(trace, 0x23000000, 0x63000000, cport=40003, sport=8443)
    flow.s("SA", gap=0.5, ack=0x23000001)
    flow.c("S", gap=0.0001, seq=0x23000000)
    flow.next["c"] = 0x23000001
    flow.c("A", gap=0.0001)
    flow.exchange()
    flow.fourway_close()


@capture("bad-checksum")
def bad_checksum(trace):
    """Segments with a wrong TCP checksum, which Zeek drops (history c/C):
    the first SYN-ACK and the first request are sent again with a good one;
    then the response and a normal close."""
    flow = Flow(trace, 0x31000000, 0x71000000)
    flow.c("S")
    flow.s("SA", gap=RTT, bad_checksum=True)
    flow.s("SA", gap=1.0, seq=0x71000000)
    flow.c("A", gap=0.0001)
    first = flow.c("PA", text("GET / HTTP/1.1", 100), bad_checksum=True)
    flow.c("PA", text("GET / HTTP/1.1", 100), gap=0.2, seq=first)
    flow.s("A", gap=RTT)
    flow.s("PA", text("HTTP/1.1 200 OK", 300), gap=0.0002)
    flow.c("A", gap=0.0001)
    flow.fourway_close()


@capture("fin-rst")
def fin_rst(trace):
    """An established connection ended by a segment with both FIN and RST
    set (Zeek's history I, "inconsistent packet")."""
    flow = Flow(trace, 0x41000000, 0x81000000)
    flow.handshake()
    flow.exchange()
    flow.c("FRA", gap=0.005)


@capture("tunnel-changes")
def tunnel_changes(trace):
    """One connection carried in IP-in-IP (protocol 4) whose outer
    addresses change with every packet (198.51.100.1 to .8 towards
    203.0.113.1): after five changes Zeek marks the record X
    (tunnel_max_changes_per_connection)."""
    hop = iter(range(1, 100))

    def outer():
        return bytes([198, 51, 100, next(hop)]), bytes([203, 0, 113, 1])

    flow = Flow(trace, 0x51000000, 0x91000000)
    flow.c("S", tunnel=outer())
    flow.s("SA", gap=RTT, tunnel=outer())
    flow.c("A", gap=0.0001, tunnel=outer())
    flow.c("PA", text("GET / HTTP/1.1", 100), tunnel=outer())
    flow.s("A", gap=RTT, tunnel=outer())
    flow.s("PA", text("HTTP/1.1 200 OK", 100), gap=0.0002, tunnel=outer())
    flow.c("A", gap=0.0001, tunnel=outer())
    flow.c("FA", gap=0.005, tunnel=outer())
    flow.s("FA", gap=RTT, tunnel=outer())
    flow.c("A", gap=0.0001, tunnel=outer())


@capture("long-rst")
def long_rst(trace):
    """Past 2 GiB without the bytes: the client's ISN is 0xF0000000 and its
    100-byte segments sit 1 GiB apart (the capture holds none of the bytes
    between), each acked by the server, so the client's sequence space
    spans 3 GiB and wraps past 2^32.  Then the server resets and so does
    the client: Zeek reads RSTR (payload sizes from 64-bit offsets), not
    REJ."""
    flow = Flow(trace, 0xF0000000, 0xA1000000)
    flow.handshake()
    for i in range(4):
        flow.c("PA", text(f"chunk {i}", 100), skip=0 if i == 0 else (1 << 30) - 100)
        flow.s("A", gap=RTT)
    flow.s("RA", gap=0.001)
    flow.c("R", gap=0.0001, ack=0)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", dest="out", default=os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--list", action="store_true")
    parser.add_argument("names", nargs="*")
    args = parser.parse_args()
    if args.list:
        print("\n".join(CAPTURES))
        return
    names = list(CAPTURES) if args.names == ["all"] else args.names
    if not names:
        parser.error("name a capture or 'all'")
    unknown = [n for n in names if n.removeprefix("crafted-").removesuffix(".pcap") not in CAPTURES]
    if unknown:
        sys.exit(f"unknown: {' '.join(unknown)} (see --list)")
    os.makedirs(args.out, exist_ok=True)
    for name in names:
        name = name.removeprefix("crafted-").removesuffix(".pcap")
        trace = Trace()
        CAPTURES[name](trace)
        path = os.path.join(args.out, f"crafted-{name}.pcap")
        trace.write(path)
        print(f"{os.path.basename(path):44s} {len(trace.frames):3d} frames")


if __name__ == "__main__":
    main()
