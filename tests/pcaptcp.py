# SPDX-License-Identifier: GPL-2.0-or-later
"""Classic pcap files, frame by frame, with the TCP header of each frame
located: enough for the fuzz seed converter (tests/fuzz/pcap2seed.py) and
the soak's mutators (tests/soak/mutate.py) to read and rewrite TCP
segments.  Ethernet (with optional 802.1Q tags), IPv4 and IPv6 (no
extension headers); anything else is passed through untouched.

    cap = read_pcap(path)            # cap.records: [Record], cap.header
    tcp = locate_tcp(record.data)    # None, or where the IP and TCP headers are
    write_pcap(path, cap)

Payload lengths come from the IP header, as tshark's tcp.len, so a frame
cut short by the snap length keeps its length.  Checksums are recomputed
by fix_checksums() with craft.py's Internet checksum.
"""

import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sample-pcaps"))
from craft import checksum  # noqa: E402  (the one copy of RFC 1071)

FIN, SYN, RST, PSH, ACK, URG = 0x01, 0x02, 0x04, 0x08, 0x10, 0x20
_MAGICS = {b"\xd4\xc3\xb2\xa1": ("<", False), b"\x4d\x3c\xb2\xa1": ("<", True),
           b"\xa1\xb2\xc3\xd4": (">", False), b"\xa1\xb2\x3c\x4d": (">", True)}


class Record:
    """One frame: time in nanoseconds, captured bytes, original length."""

    def __init__(self, time_ns, data, orig_len):
        self.time_ns, self.data, self.orig_len = time_ns, bytearray(data), orig_len

    def copy(self):
        return Record(self.time_ns, bytes(self.data), self.orig_len)


class Capture:
    def __init__(self, endian, nano, snaplen, linktype, records):
        self.endian, self.nano, self.snaplen, self.linktype = endian, nano, snaplen, linktype
        self.records = records


def read_pcap(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] not in _MAGICS:
        raise ValueError(f"{path}: not a classic pcap file")
    endian, nano = _MAGICS[data[:4]]
    snaplen, linktype = struct.unpack(endian + "II", data[16:24])
    records, offset = [], 24
    while offset + 16 <= len(data):
        sec, frac, caplen, orig = struct.unpack(endian + "IIII", data[offset:offset + 16])
        frame = data[offset + 16:offset + 16 + caplen]
        offset += 16 + caplen
        records.append(Record(sec * 10**9 + frac * (1 if nano else 1000), frame, orig))
    return Capture(endian, nano, snaplen, linktype, records)


def write_pcap(path, cap):
    """Writes cap as little-endian pcap, at its own time resolution."""
    magic = 0xA1B23C4D if cap.nano else 0xA1B2C3D4
    unit = 1 if cap.nano else 1000
    out = [struct.pack("<IHHiIII", magic, 2, 4, 0, 0, cap.snaplen, cap.linktype)]
    for r in cap.records:
        t = max(0, min(r.time_ns, (2**32 - 1) * 10**9))
        out.append(struct.pack("<IIII", t // 10**9, (t % 10**9) // unit, len(r.data),
                               max(r.orig_len, len(r.data))))
        out.append(bytes(r.data))
    with open(path, "wb") as f:
        f.write(b"".join(out))


class Tcp:
    """Where one frame's IP and TCP headers are.  `complete` says that the
    whole TCP header and payload were captured (only then can the TCP
    checksum be recomputed)."""

    def __init__(self, data, ip, version, tcp, ip_payload_len):
        self.data, self.ip, self.version, self.tcp = data, ip, version, tcp
        self.header_len = (data[tcp + 12] >> 4) * 4
        self.payload_len = ip_payload_len - self.header_len
        self.complete = (self.header_len >= 20 and self.payload_len >= 0
                         and tcp + self.header_len + self.payload_len <= len(data))

    def _get(self, fmt, off):
        return struct.unpack_from("!" + fmt, self.data, self.tcp + off)[0]

    def _put(self, fmt, off, value):
        struct.pack_into("!" + fmt, self.data, self.tcp + off, value)

    sport = property(lambda self: self._get("H", 0))
    dport = property(lambda self: self._get("H", 2))
    seq = property(lambda self: self._get("I", 4), lambda self, v: self._put("I", 4, v & 0xFFFFFFFF))
    ack = property(lambda self: self._get("I", 8), lambda self, v: self._put("I", 8, v & 0xFFFFFFFF))
    flags = property(lambda self: self.data[self.tcp + 13] & 0x3F,
                     lambda self, v: self.data.__setitem__(self.tcp + 13,
                                                           (self.data[self.tcp + 13] & 0xC0) | (v & 0x3F)))
    window = property(lambda self: self._get("H", 14))

    def addresses(self):
        if self.version == 4:
            return bytes(self.data[self.ip + 12:self.ip + 16]), bytes(self.data[self.ip + 16:self.ip + 20])
        return bytes(self.data[self.ip + 8:self.ip + 24]), bytes(self.data[self.ip + 24:self.ip + 40])

    def endpoints(self):
        """(source, destination) as (address, port) pairs."""
        src, dst = self.addresses()
        return (src, self.sport), (dst, self.dport)


def locate_tcp(data, linktype=1):
    """The TCP header of an Ethernet frame, or None when the frame has no
    TCP header of at least 20 captured bytes."""
    if linktype != 1 or len(data) < 14:
        return None
    off = 12
    ethertype = struct.unpack_from("!H", data, off)[0]
    while ethertype in (0x8100, 0x88A8) and len(data) >= off + 6:
        off += 4
        ethertype = struct.unpack_from("!H", data, off)[0]
    ip = off + 2
    if ethertype == 0x0800 and len(data) >= ip + 20 and data[ip] >> 4 == 4 and data[ip + 9] == 6:
        header = (data[ip] & 0x0F) * 4
        payload = struct.unpack_from("!H", data, ip + 2)[0] - header
        version = 4
    elif ethertype == 0x86DD and len(data) >= ip + 40 and data[ip] >> 4 == 6 and data[ip + 6] == 6:
        header = 40
        payload = struct.unpack_from("!H", data, ip + 4)[0]
        version = 6
    else:
        return None
    tcp = ip + header
    if header < 20 or len(data) < tcp + 20:
        return None
    return Tcp(data, ip, version, tcp, payload)


def fix_checksums(t):
    """Recomputes the IPv4 header checksum and, when the segment was
    captured whole, the TCP checksum (RFC 9293 section 3.1)."""
    d = t.data
    if t.version == 4:
        header = (d[t.ip] & 0x0F) * 4
        if len(d) >= t.ip + header:
            struct.pack_into("!H", d, t.ip + 10, 0)
            struct.pack_into("!H", d, t.ip + 10, checksum(bytes(d[t.ip:t.ip + header])))
    if not t.complete:
        return
    end = t.tcp + t.header_len + t.payload_len
    src, dst = t.addresses()
    if t.version == 4:
        pseudo = src + dst + struct.pack("!BBH", 0, 6, end - t.tcp)
    else:
        pseudo = src + dst + struct.pack("!IxxxB", end - t.tcp, 6)
    struct.pack_into("!H", d, t.tcp + 16, 0)
    struct.pack_into("!H", d, t.tcp + 16, checksum(pseudo + bytes(d[t.tcp:end])))
