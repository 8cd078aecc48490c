#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Mutate a capture for the soak (tests/soak/soak.py).

usage: mutate.py KIND SEED IN.pcap OUT       writes OUT (or OUT.pcapng, see far-time)
       mutate.py --list                       the kinds, one a line, with what they do

Kinds, all seeded (the same KIND, SEED and input give the same output):
  corrupt-*   editcap -E at rates 0.005, 0.02, 0.08 (byte errors anywhere)
  snap-*      editcap -s 40, 54, 60 (every frame cut to that many bytes)
  dup         byte-identical copies of random frames, right after them
  reorder     random frames moved a few places, keeping their timestamps
              (so capture times go backwards)
  late        random frames moved a few places, timestamps kept in order
              (network reordering as a capture point sees it)
  flags, seq, ack, drop, dupseg, swap, replay, merge, mix
              TCP-aware: packets stay parseable (Ethernet, IPv4/IPv6, TCP);
              see the functions below
  far-time    the frames as pcapng with timestamps far from today: one
              second per tick, around +-5e9 s and beyond 9.2e9 s (year 2262)

The TCP-aware kinds recompute the IPv4 header checksum and, where the
segment was captured whole, the TCP checksum (tests/pcaptcp.py), so a
mutated segment looks like one a real stack sent; tshark does not check TCP
checksums by default, so this only matters with tcp.check_checksum on.
"""

import os
import random
import struct
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pcaptcp  # noqa: E402

KINDS = {}


def kind(name, help_text):
    def register(func):
        KINDS[name] = (func, help_text)
        return func
    return register


def tcp_records(cap):
    """[(index, Tcp)] for every frame with a TCP header."""
    out = []
    for i, r in enumerate(cap.records):
        t = pcaptcp.locate_tcp(r.data, cap.linktype)
        if t is not None:
            out.append((i, t))
    return out


def pick(rng, items, rate, at_least=1):
    """About rate of items, at least at_least of them when there are any."""
    chosen = [x for x in items if rng.random() < rate]
    if len(chosen) < at_least and items:
        chosen = rng.sample(items, min(at_least, len(items)))
    return chosen


def editcap(args):
    def run(src, dst, seed):
        extra = ["--seed", str(seed)] if "-E" in args else []
        subprocess.run(["editcap", *args, *extra, src, dst], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return dst
    return run


for rate in ("0.005", "0.02", "0.08"):
    KINDS[f"corrupt-{rate}"] = (editcap(["-E", rate]), f"editcap -E {rate}")
for snap in (40, 54, 60):
    KINDS[f"snap-{snap}"] = (editcap(["-s", str(snap)]), f"editcap -s {snap}")


# ------------------------------------------------------------ frame level

@kind("dup", "byte-identical copies of random frames, right after them")
def m_dup(cap, rng):
    out = []
    for r in cap.records:
        out.append(r)
        if rng.random() < 0.15:
            out.extend(r.copy() for _ in range(rng.choice((1, 1, 2))))
    cap.records = out


def move_some(cap, rng, keep_times):
    recs = cap.records
    times = [r.time_ns for r in recs]
    for _ in range(max(1, len(recs) // 6)):
        if len(recs) < 2:
            break
        i = rng.randrange(len(recs))
        j = max(0, min(len(recs) - 1, i + rng.choice((-3, -2, -1, 1, 2, 3))))
        recs.insert(j, recs.pop(i))
    if keep_times:
        for r, t in zip(recs, times):
            r.time_ns = t


@kind("reorder", "random frames moved a few places, keeping their timestamps")
def m_reorder(cap, rng):
    move_some(cap, rng, keep_times=False)


@kind("late", "random frames moved a few places, timestamps kept in order")
def m_late(cap, rng):
    move_some(cap, rng, keep_times=True)


# ------------------------------------------------------------ TCP-aware

def finish(cap):
    for r in cap.records:
        t = pcaptcp.locate_tcp(r.data, cap.linktype)
        if t is not None:
            pcaptcp.fix_checksums(t)


@kind("flags", "one or two TCP flag bits (FIN SYN RST PSH ACK URG) flipped on some segments")
def m_flags(cap, rng):
    for _, t in pick(rng, tcp_records(cap), 0.15):
        for _ in range(rng.choice((1, 1, 2))):
            t.flags = t.flags ^ (1 << rng.randrange(6))


def shift(rng, t):
    return rng.choice((1, -1, 2, -2, t.payload_len or 1, -(t.payload_len or 1),
                       2**31, -2**31, 2**31 - 1, rng.randrange(2**32)))


@kind("seq", "sequence numbers of some segments shifted (by 1, 2, the length, 2^31 or at random)")
def m_seq(cap, rng):
    for _, t in pick(rng, tcp_records(cap), 0.15):
        t.seq = t.seq + shift(rng, t)


@kind("ack", "ack numbers of some segments shifted (by 1, 2, the length, 2^31 or at random)")
def m_ack(cap, rng):
    for _, t in pick(rng, tcp_records(cap), 0.15):
        t.ack = t.ack + shift(rng, t)


@kind("drop", "some TCP segments removed (lost before the capture point)")
def m_drop(cap, rng):
    gone = {i for i, _ in pick(rng, tcp_records(cap), 0.2)}
    cap.records = [r for i, r in enumerate(cap.records) if i not in gone]


@kind("dupseg", "copies of some TCP segments a few frames later, with later times (retransmissions)")
def m_dupseg(cap, rng):
    recs = cap.records
    for i, _ in sorted(pick(rng, tcp_records(cap), 0.15), reverse=True):
        copy = recs[i].copy()
        j = min(len(recs), i + 1 + rng.randrange(5))
        before = recs[j - 1].time_ns
        copy.time_ns = max(before, copy.time_ns) + rng.choice((1000, 200_000, 1_000_000_000, 3_000_000_000))
        recs.insert(j, copy)


@kind("swap", "pairs of TCP segments of one connection exchanged, the times left in order")
def m_swap(cap, rng):
    by_pair = {}
    for i, t in tcp_records(cap):
        src, dst = t.endpoints()
        by_pair.setdefault(frozenset((src, dst)), []).append(i)
    recs = cap.records
    for frames in by_pair.values():
        for _ in range(max(1, len(frames) // 5)):
            if len(frames) < 2:
                break
            k = rng.randrange(len(frames) - 1)
            a, b = frames[k], frames[min(len(frames) - 1, k + rng.choice((1, 1, 2)))]
            recs[a].time_ns, recs[b].time_ns = recs[b].time_ns, recs[a].time_ns
            recs[a], recs[b] = recs[b], recs[a]


@kind("replay", "earlier segments (often SYN, FIN or RST) sent again much later: old duplicates")
def m_replay(cap, rng):
    segs = tcp_records(cap)
    if not segs:
        return
    special = [(i, t) for i, t in segs if t.flags & (pcaptcp.SYN | pcaptcp.FIN | pcaptcp.RST)]
    recs = cap.records
    for _ in range(rng.choice((1, 2, 3))):
        i, _ = rng.choice(special if special and rng.random() < 0.7 else segs)
        copy = recs[i].copy()
        j = rng.randrange(i + 1, len(recs) + 1)
        copy.time_ns = recs[j - 1].time_ns + rng.choice((1000, 500_000_000, 60_000_000_000))
        recs.insert(j, copy)


@kind("merge", "every connection moved onto one address and port pair (port reuse, crossed lifecycles)")
def m_merge(cap, rng):
    segs = tcp_records(cap)
    if not segs:
        return
    first = segs[0][1]
    (a, a_port), (b, b_port) = first.endpoints()
    client, server = ((a, a_port), (b, b_port)) if a_port >= b_port else ((b, b_port), (a, a_port))
    width = 4 if first.version == 4 else 16
    for _, t in segs:
        # the ephemeral (higher) port marks the client side; now and then
        # the sides are swapped
        from_client = (t.sport >= t.dport) != (rng.random() < 0.05)
        src, dst = (client, server) if from_client else (server, client)
        struct.pack_into("!HH", t.data, t.tcp, src[1], dst[1])
        if t.version == first.version:
            off = t.ip + (12 if t.version == 4 else 8)
            t.data[off:off + 2 * width] = src[0] + dst[0]


@kind("mix", "three of flags, seq, ack, drop, dupseg, swap, replay at once")
def m_mix(cap, rng):
    for name in rng.sample(("flags", "seq", "ack", "drop", "dupseg", "swap", "replay"), 3):
        KINDS[name][0](cap, rng)


# ------------------------------------------------------------ far times

def pcapng_block(block_type, body):
    body += b"\0" * (-len(body) % 4)
    n = 12 + len(body)
    return struct.pack("<II", block_type, n) + body + struct.pack("<I", n)


def write_pcapng_ticks(path, cap, tsresol, ticks):
    """pcapng with one interface of if_tsresol `tsresol` and each frame at
    the given raw 64-bit timestamp."""
    out = [pcapng_block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))]
    options = struct.pack("<HHB3x", 9, 1, tsresol) + struct.pack("<HH", 0, 0)
    out.append(pcapng_block(1, struct.pack("<HHI", cap.linktype, 0, cap.snaplen) + options))
    for r, ts in zip(cap.records, ticks):
        ts &= 2**64 - 1
        out.append(pcapng_block(6, struct.pack("<IIIII", 0, ts >> 32, ts & 0xFFFFFFFF,
                                               len(r.data), max(r.orig_len, len(r.data))) + bytes(r.data)))
    with open(path, "wb") as f:
        f.write(b"".join(out))


def m_far_time(src, dst, seed):
    """Seconds resolution; raw ticks at or above 2^63 read back as negative
    seconds.  The frames keep their order and gaps of about one second."""
    cap = pcaptcp.read_pcap(src)
    rng = random.Random(seed)
    starts = (5 * 10**9, 2**64 - 5 * 10**9, 10**10, 2**63 - 100, 2**64 - 100, 0)
    ticks, t = [], rng.choice(starts)
    for _ in cap.records:
        ticks.append(t)
        t = (t + rng.choice((0, 1, 1, 2))) if rng.random() > 0.2 else rng.choice(starts)
    path = dst + ".pcapng"
    write_pcapng_ticks(path, cap, 0, ticks)
    return path


KINDS["far-time"] = (m_far_time, "pcapng at one second per tick, timestamps near +-5e9 s, 2^63 and past year 2262")


def mutate(name, seed, src, dst):
    """Writes the mutation of src; returns the path written."""
    func, _ = KINDS[name]
    if name.startswith(("corrupt-", "snap-")) or name == "far-time":
        return func(src, dst, seed)
    cap = pcaptcp.read_pcap(src)
    func(cap, random.Random(f"{name}:{seed}"))
    finish(cap)
    pcaptcp.write_pcap(dst, cap)
    return dst


def main():
    if sys.argv[1:] == ["--list"]:
        for name, (_, help_text) in KINDS.items():
            print(f"{name}\t{help_text}")
        return
    if len(sys.argv) != 5 or sys.argv[1] not in KINDS:
        sys.exit(__doc__.strip())
    print(mutate(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]))


if __name__ == "__main__":
    main()
