#!/usr/bin/env python3
"""ocr-find.py IMAGE PHRASE [--crop WxH+X+Y] [--not WORD] [--all]

Reads the text of IMAGE (a screenshot), or of its part --crop, with
tesseract and prints the centre "x y" of the first line (top to bottom) on
which the words of PHRASE appear in a row, in IMAGE's pixels; with --not
WORD, lines that also hold WORD do not count; --all prints every line's
text instead (for a failure report).
Exit status 1 when the phrase is not found.  The image is enlarged three
times first: tesseract reads small screen fonts much better so.

SPDX-License-Identifier: GPL-2.0-or-later
"""
import os
import subprocess
import sys
import tempfile

SCALE = 3


def lines(image, crop):
    dx, dy = 0, 0
    with tempfile.TemporaryDirectory() as tmp:
        big = os.path.join(tmp, "big.png")
        cmd = ["convert", image]
        if crop:
            cmd += ["-crop", crop, "+repage"]
            dx, dy = (int(v) for v in crop.split("+")[1:3])
        subprocess.run(cmd + ["-resize", "%d%%" % (SCALE * 100), "-colorspace", "Gray", big], check=True)
        env = dict(os.environ, OMP_THREAD_LIMIT="1")    # the machine's cores are shared
        out = subprocess.run(["tesseract", big, "-", "--psm", "11", "tsv"], check=True,
                             capture_output=True, text=True, env=env).stdout
    words = {}
    rows = out.splitlines()[1:]
    for row in rows:
        f = row.split("\t")
        if len(f) < 12 or not f[11].strip():
            continue
        left, top, width, height = (int(v) for v in f[6:10])
        key = (int(f[2]), int(f[3]), int(f[4]))      # block, paragraph, line
        words.setdefault(key, []).append((f[11].strip(), left + dx * SCALE, top + dy * SCALE, width, height))
    result = [sorted(w, key=lambda x: x[1]) for w in words.values()]
    return sorted(result, key=lambda ws: min(w[2] for w in ws))


def find(image, phrase, exclude, crop):
    want = phrase.split()
    for ws in lines(image, crop):
        texts = [w[0] for w in ws]
        if exclude and any(exclude in t for t in texts):
            continue
        for i in range(len(ws) - len(want) + 1):
            if texts[i:i + len(want)] == want:
                part = ws[i:i + len(want)]
                x0 = part[0][1]
                x1 = part[-1][1] + part[-1][3]
                y = sum(w[2] + w[4] / 2 for w in part) / len(part)
                return (x0 + x1) // 2 // SCALE, int(y) // SCALE
    return None


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    image, phrase = args[0], args[1]
    crop = args[args.index("--crop") + 1] if "--crop" in args else None
    if "--all" in args:
        for ws in lines(image, crop):
            print(" ".join(w[0] for w in ws))
        return
    exclude = args[args.index("--not") + 1] if "--not" in args else None
    at = find(image, phrase, exclude, crop)
    if not at:
        sys.exit(1)
    print("%d %d" % at)


if __name__ == "__main__":
    main()
