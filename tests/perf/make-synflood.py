#!/usr/bin/env python3
"""make-synflood.py SYNS OUT.pcap

Writes a SYN-flood capture for measuring what tcpconn keeps per half-open
stream: SYNS SYN segments to 192.0.2.2:80, 10 microseconds apart, each from
a new source port (1024..65535, then the next source address in
198.18.0.0/15, the benchmarking range), none of them ever answered.  Every
SYN therefore opens a new TCP stream in Wireshark and a new connection in
tcpconn.  Frames are Ethernet + IPv4 + TCP with correct checksums, written
with the packet encoders and pcap writer of sample-pcaps/craft.py.

SPDX-License-Identifier: GPL-2.0-or-later
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "sample-pcaps"))
import craft  # noqa: E402

GAP = 0.00001                  # seconds between two SYNs (100 000 SYNs per second)
FIRST_PORT = 1024
PORTS = 65536 - FIRST_PORT     # source ports per source address
SOURCE_BASE = (198 << 24) | (18 << 16) | 1   # 198.18.0.1


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    total = int(sys.argv[1])
    trace = craft.Trace()
    dst_mac_src_mac = craft.SERVER_MAC + craft.CLIENT_MAC
    for i in range(total):
        host, port = divmod(i, PORTS)
        src = (SOURCE_BASE + host).to_bytes(4, "big")
        isn = (i * 2654435761) & 0xFFFFFFFF
        tcp = craft.tcp_header(src, craft.SERVER_IP, FIRST_PORT + port, craft.SERVER_PORT,
                               "S", isn, 0, b"", craft.SYN_OPTIONS)
        frame = dst_mac_src_mac + b"\x08\x00" + craft.ipv4_packet(src, craft.SERVER_IP, i, tcp)
        trace.now += GAP
        trace.frames.append((trace.now, frame, len(frame)))
    trace.write(sys.argv[2])


if __name__ == "__main__":
    main()
