#!/usr/bin/env python3
"""make-load.py CONNECTIONS OUT.pcap

Writes a synthetic load capture for timing tcpconn: CONNECTIONS complete
connections (handshake, one request/response, four-way close: 11 frames
each), 100 at a time interleaved, each on its own port pair.  Built with the
packet writer of sample-pcaps/craft.py.

SPDX-License-Identifier: GPL-2.0-or-later
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "sample-pcaps"))
import craft  # noqa: E402

BATCH = 100


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    total = int(sys.argv[1])
    trace = craft.Trace()
    for start in range(0, total, BATCH):
        flows = []
        for i in range(start, min(start + BATCH, total)):
            cport, sport = 1024 + i % 60000, 80 + i // 60000
            flows.append(craft.Flow(trace, (i * 7919) & 0xFFFFFFFF, (i * 104729) & 0xFFFFFFFF, cport, sport))
        for flow in flows:
            flow.handshake()
        for flow in flows:
            flow.exchange(b"GET / HTTP/1.0\r\n\r\n", b"HTTP/1.0 200 OK\r\n\r\n")
        for flow in flows:
            flow.fourway_close()
    trace.write(sys.argv[2])


if __name__ == "__main__":
    main()
