"""Read the TCP segments of a classic pcap file (Ethernet, IPv4/IPv6).

Just enough to let each scenario check its own capture; tshark remains the
reference reader.  Payload lengths come from the IP header, so snaplen
truncation does not change them.
"""

import ipaddress
import struct

from lab import CLIENT

FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10
_LETTERS = ((SYN, "S"), (FIN, "F"), (RST, "R"), (PSH, "P"), (ACK, "A"))
_CLIENT_ADDRS = set(CLIENT.values())


class Segment:
    def __init__(self, no, time, src, dst, sport, dport, flags, seq, ack, length, window=0):
        self.no, self.time = no, time
        self.src, self.dst, self.sport, self.dport = src, dst, sport, dport
        self.flags, self.seq, self.ack, self.len = flags, seq, ack, length
        self.window = window
        self.side = "c" if src in _CLIENT_ADDRS else "s"

    syn = property(lambda self: bool(self.flags & SYN))
    fin = property(lambda self: bool(self.flags & FIN))
    rst = property(lambda self: bool(self.flags & RST))
    has_ack = property(lambda self: bool(self.flags & ACK))

    @property
    def kind(self):
        """Flags as letters in the order S F R P A, e.g. 'SA', 'FA', 'PA'."""
        return "".join(letter for bit, letter in _LETTERS if self.flags & bit)

    @property
    def end(self):
        """Sequence number just after this segment (SYN and FIN count one)."""
        return (self.seq + self.len + self.syn + self.fin) & 0xFFFFFFFF

    def __repr__(self):
        return (f"#{self.no} {self.time:.3f} {self.side} {self.sport}->{self.dport} "
                f"{self.kind} seq={self.seq} ack={self.ack} len={self.len}")


def read_segments(path):
    with open(path, "rb") as f:
        data = f.read()
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        endian = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        endian = ">"
    else:
        raise ValueError(f"{path}: not a classic pcap file")
    nano = magic in (b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d")
    linktype = struct.unpack(endian + "I", data[20:24])[0]
    if linktype != 1:
        raise ValueError(f"{path}: link type {linktype}, expected Ethernet")
    segments, offset, no, first = [], 24, 0, None
    while offset + 16 <= len(data):
        sec, frac, caplen, _ = struct.unpack(endian + "IIII", data[offset:offset + 16])
        frame = data[offset + 16:offset + 16 + caplen]
        offset += 16 + caplen
        no += 1
        t = sec + frac / (1e9 if nano else 1e6)
        first = t if first is None else first
        seg = _parse_frame(no, t - first, frame)
        if seg:
            segments.append(seg)
    return segments


def _parse_frame(no, t, frame):
    ethertype = struct.unpack("!H", frame[12:14])[0]
    ip = frame[14:]
    if ethertype == 0x0800 and ip[9] == 6:
        header = (ip[0] & 0x0F) * 4
        ip_payload = struct.unpack("!H", ip[2:4])[0] - header
        src, dst = ipaddress.ip_address(ip[12:16]), ipaddress.ip_address(ip[16:20])
    elif ethertype == 0x86DD and ip[6] == 6:
        header = 40
        ip_payload = struct.unpack("!H", ip[4:6])[0]
        src, dst = ipaddress.ip_address(ip[8:24]), ipaddress.ip_address(ip[24:40])
    else:
        return None
    tcp = ip[header:]
    if len(tcp) < 20:
        return None
    sport, dport, seq, ack, off_flags, window = struct.unpack("!HHIIHH", tcp[:16])
    tcp_header = (off_flags >> 12) * 4
    return Segment(no, t, str(src), str(dst), sport, dport, off_flags & 0x3F,
                   seq, ack, ip_payload - tcp_header, window)
