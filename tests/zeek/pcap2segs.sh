#!/usr/bin/env bash
# pcap2segs.sh CAPTURE
# Writes the TCP segments of CAPTURE as the TSV that zeek_replay reads, one
# line per frame, in capture order:
#
#   frame time_ns src_addr dst_addr src_port dst_port flags seq_raw ack_raw
#   payload_len window ip_len tcp_cksum ip_cksum truncated
#
# time_ns   capture time in nanoseconds since the epoch
# flags     the TCP flag bits in hex (tcp.flags)
# ip_len    the IP length as Zeek's connection size analyzer counts it:
#           IPv4 total length, IPv6 payload length + 40
# tcp_cksum tcp.checksum.status: 0 bad, 1 good, 2 not verified
# ip_cksum  ip.checksum.status of an IPv4 header (0 bad, 1 good), - for IPv6
# truncated 1 when the frame was cut short by the snap length (the payload
#           is then not all there)
#
# The addresses and ports are those of the IP header directly around the
# TCP header (the innermost one in a tunnel).  Frames whose TCP header is an
# ICMP error's quote, or was not dissected, are left out.
#
# Needs only tshark (no plugin).  Run as root, it runs tshark as nobody.
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail
capture=${1:?usage: pcap2segs.sh CAPTURE}

stage=$(mktemp -d /tmp/tcpconn-segs.XXXXXX)
trap 'rm -rf "$stage"' EXIT
cp "$capture" "$stage/in"
chmod a+rx "$stage" && chmod a+r "$stage/in"

fields=(frame.number frame.time_epoch frame.protocols ip.src ip.dst ipv6.src ipv6.dst
        tcp.srcport tcp.dstport tcp.flags tcp.seq_raw tcp.ack_raw tcp.len
        tcp.window_size_value ip.len ipv6.plen tcp.checksum.status ip.checksum.status
        frame.cap_len frame.len)
args=(-n -r "$stage/in" -o tcp.check_checksum:TRUE -o ip.check_checksum:TRUE
      -o tcp.desegment_tcp_streams:FALSE -T fields -E occurrence=l -E separator=/t)
for f in "${fields[@]}"; do args+=(-e "$f"); done

run() {
    if [ "$(id -u)" = 0 ]; then
        setpriv --reuid=65534 --regid=65534 --clear-groups env -i PATH=/usr/bin:/bin HOME="$stage" "$@"
    else
        "$@"
    fi
}

run tshark "${args[@]}" 2>/dev/null | python3 -c '
import sys
for line in sys.stdin:
    c = line.rstrip("\n").split("\t")
    if len(c) < 20 or not c[9]:
        continue
    (num, t, protos, s4, d4, s6, d6, sp, dp, flags, seq, ack, length, win,
     iplen, plen, tck, ick, caplen, flen) = c[:20]
    layers = protos.split(":")
    if "tcp" not in layers:
        continue
    below = layers[:layers.index("tcp")]
    if "icmp" in below or "icmpv6" in below:
        continue
    ips = [l for l in below if l in ("ip", "ipv6")]
    if not ips:
        continue
    if ips[-1] == "ip":
        src, dst, iplen_z, ick = s4, d4, iplen, ick or "-"
    else:
        src, dst, ick = s6, d6, "-"
        iplen_z = str(int(plen or 0) + 40)
    sec, _, frac = t.partition(".")
    ns = int(sec) * 1000000000 + int((frac + "000000000")[:9])
    trunc = "1" if int(caplen) < int(flen) else "0"
    print("\t".join([num, str(ns), src, dst, sp, dp, flags, seq, ack or "0", length or "0",
                     win or "0", iplen_z or "0", tck or "2", ick, trunc]))
'
