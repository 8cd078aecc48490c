#!/usr/bin/env bash
# pcap2segs.sh CAPTURE
# Writes the TCP segments of CAPTURE as the TSV that zeek_replay reads, one
# line per frame, in capture order:
#
#   frame time_ns src_addr dst_addr src_port dst_port flags seq_raw ack_raw
#   payload_len window ip_len tcp_cksum ip_cksum truncated header_ok encap
#
# time_ns   capture time in nanoseconds since the epoch
# flags     the TCP flag bits in hex (tcp.flags)
# ip_len    the IP length as Zeek's connection size analyzer counts it:
#           IPv4 total length, IPv6 payload length + 40
# tcp_cksum tcp.checksum.status: 0 bad, 1 good, 2 not verified
# ip_cksum  ip.checksum.status of an IPv4 header (0 bad, 1 good), - for IPv6
# truncated 1 when the frame was cut short by the snap length (the payload
#           is then not all there)
# header_ok 0 when the TCP header itself is cut short or its data offset is
#           below 5 words (Zeek then makes the connection but skips the packet)
# encap     the tunnels around the packet, as Zeek tells them apart
#           (EncapsulatingConn): per outer IP header its two addresses, and
#           the UDP ports of a UDP tunnel other than GRE or VXLAN, each pair
#           sorted; - when none
#
# The addresses and ports are those of the IP header directly around the
# TCP header (the innermost one in a tunnel).  Frames whose TCP header is an
# ICMP error's quote, or was not dissected, or has fewer than its first 20
# bytes captured, are left out (Zeek makes no connection for them).
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
        frame.cap_len frame.len tcp.hdr_len tcp.options udp.srcport udp.dstport
        tcp.urgent_pointer)
# Teredo on any UDP port, as Zeek finds it once a tunnel is confirmed
args=(-n -r "$stage/in" -o tcp.check_checksum:TRUE -o ip.check_checksum:TRUE
      -o tcp.desegment_tcp_streams:FALSE --enable-heuristic teredo_udp
      -T fields -E occurrence=a -E aggregator=, -E separator=/t)
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

def last(v):
    return v.split(",")[-1] if v else ""

def split(v):
    return v.split(",") if v else []

def encap(layers, lists):
    """Outer IP headers (all but the one around TCP), with the UDP ports of
    a UDP tunnel; GRE and VXLAN tunnels are told apart by addresses only."""
    out, kind = [], []
    for layer in layers:
        if layer in ("ip", "ipv6") and lists[layer + ".src"]:
            out.append(sorted([lists[layer + ".src"].pop(0), lists[layer + ".dst"].pop(0)]))
            kind.append([])
        elif layer == "udp" and out and lists["udp.src"]:
            ports = sorted([lists["udp.src"].pop(0), lists["udp.dst"].pop(0)])
            kind[-1].append(ports)
        elif kind:
            kind[-1].append(layer)
    for addrs, k in zip(out, kind):
        ports = [x for x in k if isinstance(x, list)]
        if ports and "gre" not in k and "vxlan" not in k:
            addrs += ports[0]
    return "/".join(" ".join(x) for x in out[:-1]) or "-"

for line in sys.stdin:
    c = line.rstrip("\n").split("\t")
    if len(c) < 25 or not c[9]:
        continue
    (num, t, protos, s4, d4, s6, d6, sp, dp, flags, seq, ack, length, win,
     iplen, plen, tck, ick, caplen, flen, hlen, opts, usp, udp_, urg) = c[:25]
    layers = protos.split(":")
    if "tcp" not in layers:
        continue
    below = layers[:layers.index("tcp")]
    if "icmp" in below or "icmpv6" in below:
        continue
    ips = [l for l in below if l in ("ip", "ipv6")]
    if not ips:
        continue
    lists = {"ip.src": split(s4), "ip.dst": split(d4), "ipv6.src": split(s6),
             "ipv6.dst": split(d6), "udp.src": split(usp), "udp.dst": split(udp_)}
    if ips[-1] == "ip":
        src, dst, iplen_z, ick = last(s4), last(d4), last(iplen), last(ick) or "-"
    else:
        src, dst, ick = last(s6), last(d6), "-"
        iplen_z = str(int(last(plen) or 0) + 40)
    sec, _, frac = t.partition(".")
    ns = int(sec) * 1000000000 + int((frac + "000000000")[:9])
    trunc = "1" if int(caplen) < int(flen) else "0"
    # fewer than 20 bytes of TCP header captured: Zeek makes no connection
    # (tshark also stops short when it takes trailing bytes for an FCS, as
    # in Cisco FabricPath frames; Zeek reads them, so only a snap length
    # counts here)
    if not urg and trunc == "1":
        continue
    hdr = int(last(hlen) or 0)
    hdr_ok = "1" if hdr >= 20 and len(last(opts)) // 2 >= hdr - 20 else "0"
    print("\t".join([num, str(ns), src, dst, last(sp), last(dp), last(flags), last(seq),
                     last(ack) or "0", last(length) or "0", last(win) or "0", iplen_z or "0",
                     last(tck) or "2", ick, trunc, hdr_ok, encap(below, lists)]))
'
