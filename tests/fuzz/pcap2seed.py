#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Turn captures into seed inputs for the core fuzz harness.

usage: pcap2seed.py OUTDIR CAPTURE...

Each address and port pair of a capture becomes one input file,
OUTDIR/<capture>.<n>.seed (n counts the pairs in order of their first
frame), in the record format that tests/fuzz/fuzz_core.c documents: the
pair's segments in capture order, direction 0 being the sender of the
pair's first frame, as the glue numbers them.  Sequence and ack numbers
are written as small deltas from the harness's expectations where they
fit, raw otherwise; times as the harness's 1-byte codes where exact, raw
microsecond steps otherwise.  Frames whose TCP header was not captured
whole are left out (the glue does not step them either).
"""

import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pcaptcp  # noqa: E402


def time_code(step_ns):
    """The 1-byte code for an exact step, or None."""
    if step_ns < 0 or step_ns % 100:
        return None
    for e in range(8):
        unit = 100 * 10**e
        if step_ns % unit == 0 and step_ns // unit <= 31:
            return (e << 5) | (step_ns // unit)
    return None


def signed32(x):
    x &= 0xFFFFFFFF
    return x - 2**32 if x >= 2**31 else x


class Encoder:
    def __init__(self):
        self.next = [0, 0]
        self.out = bytearray()
        self.frame = 0
        self.time_ns = None

    def segment(self, frame, time_ns, d, flags, seq, ack, length, window):
        ext, ext2 = 0, 0
        seq_d = signed32(seq - self.next[d])
        if seq_d and not -128 <= seq_d <= 127:
            ext |= 0x01
        elif seq_d:
            ext |= 0x02
        expected_ack = self.next[d ^ 1] if flags & pcaptcp.ACK else 0
        ack_d = signed32(ack - expected_ack)
        if ack_d and not -128 <= ack_d <= 127:
            ext |= 0x04
        elif ack_d:
            ext |= 0x08
        if length > 255:
            ext |= 0x10
        step = 0 if self.time_ns is None else time_ns - self.time_ns
        code = time_code(step)
        if code is None:
            ext |= 0x20
        if window != 65535:
            ext |= 0x40
        gap = frame - self.frame - 1
        if gap > 0:
            ext2 |= 0x01
        if ext2:
            ext |= 0x80
        ctl = (flags & 0x3F) | (d << 6) | (0x80 if ext else 0)
        rec = bytearray([ctl])
        if ext:
            rec.append(ext)
        if ext2:
            rec.append(ext2)
        if ext & 0x01:
            rec += struct.pack("<I", seq)
        if ext & 0x02:
            rec += struct.pack("<b", seq_d)
        if ext & 0x04:
            rec += struct.pack("<I", ack)
        if ext & 0x08:
            rec += struct.pack("<b", ack_d)
        rec += struct.pack("<I", length) if ext & 0x10 else bytes([length])
        if code is None:
            rec += struct.pack("<i", max(-2**31, min(2**31 - 1, step // 1000)))
        else:
            rec.append(code)
        if ext & 0x40:
            rec += struct.pack("<H", window)
        if ext2 & 0x01:
            rec.append(min(gap, 255))
        self.out += rec
        self.frame = frame
        self.time_ns = time_ns
        if not flags & pcaptcp.RST:
            self.next[d] = (seq + length + bool(flags & pcaptcp.SYN) + bool(flags & pcaptcp.FIN)) & 0xFFFFFFFF


def convert(path):
    """{pair: (first frame, Encoder)} for one capture."""
    cap = pcaptcp.read_pcap(path)
    pairs = {}
    for no, rec in enumerate(cap.records, 1):
        t = pcaptcp.locate_tcp(rec.data, cap.linktype)
        if t is None or t.header_len < 20 or t.payload_len < 0 or len(t.data) < t.tcp + t.header_len:
            continue
        src, dst = t.endpoints()
        key = frozenset((src, dst)) if src != dst else (src, dst)
        if key not in pairs:
            pairs[key] = (no, src, Encoder())
        _, first_src, enc = pairs[key]
        d = 0 if src == first_src else 1
        enc.segment(no, rec.time_ns, d, t.flags, t.seq, t.ack, t.payload_len, t.window)
    return sorted(pairs.values(), key=lambda p: p[0])


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__.strip())
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    for path in sys.argv[2:]:
        name = os.path.splitext(os.path.basename(path))[0]
        for n, (_, _, enc) in enumerate(convert(path), 1):
            with open(os.path.join(outdir, f"{name}.{n}.seed"), "wb") as f:
                f.write(enc.out)


if __name__ == "__main__":
    main()
