#!/usr/bin/env python3
"""pcapng_comments.py IN.pcapng COMMENTS.tsv OUT.pcapng

Copies a pcapng file, adding a packet comment (opt_comment, pcapng option 1)
to the frames listed in COMMENTS.tsv ("frame number<TAB>comment" per line).
Existing options and comments are kept.  One pass over the file, standard
library only.  Frames are numbered from 1 in file order, as Wireshark does
(Enhanced, Simple and obsolete Packet Blocks).

SPDX-License-Identifier: GPL-2.0-or-later
"""
import struct
import sys

SHB, PB, SPB, EPB = 0x0A0D0D0A, 0x00000002, 0x00000003, 0x00000006
OPT_END, OPT_COMMENT = 0, 1


def pad4(n):
    return (n + 3) & ~3


def option(endian, code, value):
    return struct.pack(endian + "HH", code, len(value)) + value + b"\0" * (pad4(len(value)) - len(value))


def add_comment(endian, body, fixed, comment):
    """body: the block between its two length fields; fixed: bytes before the options."""
    head, opts = body[:fixed], body[fixed:]
    kept = b""
    pos = 0
    while pos + 4 <= len(opts):
        code, length = struct.unpack_from(endian + "HH", opts, pos)
        if code == OPT_END:
            break
        kept += opts[pos:pos + 4 + pad4(length)]
        pos += 4 + pad4(length)
    return head + kept + option(endian, OPT_COMMENT, comment.encode("utf-8")) + option(endian, OPT_END, b"")


def rewrite(src, dst, comments):
    endian = "<"
    frame = 0
    while True:
        header = src.read(8)
        if not header:
            return frame
        if len(header) < 8:
            raise ValueError("truncated block header")
        if struct.unpack("<I", header[:4])[0] == SHB:
            magic = src.read(4)
            endian = "<" if magic == b"\x4d\x3c\x2b\x1a" else ">"
            total = struct.unpack(endian + "I", header[4:])[0]
            rest = magic + src.read(total - 12)
            dst.write(header + rest)
            continue
        btype, total = struct.unpack(endian + "II", header)
        if total < 12 or total % 4:
            raise ValueError("bad block length %d" % total)
        body = src.read(total - 12)
        trailer = src.read(4)
        if btype in (PB, SPB, EPB):
            frame += 1
        if btype == EPB and frame in comments:
            caplen = struct.unpack_from(endian + "I", body, 12)[0]
            body = add_comment(endian, body, 20 + pad4(caplen), comments[frame])
            total = len(body) + 12
            header = struct.pack(endian + "II", btype, total)
            trailer = struct.pack(endian + "I", total)
        dst.write(header + body + trailer)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    comments = {}
    with open(sys.argv[2], encoding="utf-8") as f:
        for line in f:
            num, _, text = line.rstrip("\n").partition("\t")
            if num.isdigit() and text:
                comments[int(num)] = text
    try:
        with open(sys.argv[1], "rb") as src, open(sys.argv[3], "wb") as dst:
            frames = rewrite(src, dst, comments)
    except (OSError, ValueError) as e:
        sys.exit("pcapng_comments.py: %s" % e)
    print("%d frames, %d commented" % (frames, len(comments)))


if __name__ == "__main__":
    main()
