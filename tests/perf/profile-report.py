#!/usr/bin/env python3
"""profile-report.py --frames N [--top K] [--title T] DIR

Reads the callgrind_annotate listings that profile.sh leaves in DIR
(annotate.{A,B}.{load,empty}.{yes,no}: A with tcpconn, B without it, on the
load and on an empty capture, inclusive and self) and prints, per frame of
the load and after subtracting the empty capture's counts:

* the instructions of A and of B and their difference;
* how much of the difference is tcpconn's own code (self instructions of
  tcpconn.so) and how much runs under its largest inclusive function (its
  postdissector, with the epan calls it makes); the rest is Wireshark's own
  work that A does and B does not (for example a protocol tree that
  tcpconn's wanted fields force);
* tcpconn.so's functions by inclusive instructions;
* the difference by object (tcpconn.so, libwireshark, glib, libc, ...);
* the functions whose inclusive, then self, instructions grow most from B
  to A.

A function is known by its name (callgrind_annotate gives no object for
the parts of a function inlined from other source files); counts that
callgrind_annotate splits over several source files are added up (self) or
the largest one taken (inclusive).

SPDX-License-Identifier: GPL-2.0-or-later
"""
import argparse
import collections
import os
import re

LINE = re.compile(r"^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.*)$")


def parse(path, inclusive, objects):
    """{function: instructions} and the program total; fills objects with
    {function: the file name of its object}."""
    counts = collections.defaultdict(int)
    total = None
    with open(path) as f:
        for line in f:
            m = LINE.match(line)
            if not m:
                continue
            n, rest = int(m.group(1).replace(",", "")), m.group(2)
            if rest.strip() == "PROGRAM TOTALS":
                total = n
                continue
            obj = ""
            if rest.endswith("]") and " [" in rest:
                rest, _, obj = rest[:-1].rpartition(" [")
            _, _, function = rest.partition(":")
            function = function or rest
            if obj:
                objects.setdefault(function, os.path.basename(obj))
            counts[function] = max(counts[function], n) if inclusive else counts[function] + n
    if total is None:
        raise SystemExit(f"{path}: no PROGRAM TOTALS line")
    return counts, total


OBJECTS = {}


def per_frame(directory, side, kind, frames):
    inclusive = kind == "yes"
    load, total_load = parse(os.path.join(directory, f"annotate.{side}.load.{kind}"), inclusive, OBJECTS)
    empty, total_empty = parse(os.path.join(directory, f"annotate.{side}.empty.{kind}"), inclusive, OBJECTS)
    keys = set(load) | set(empty)
    return ({k: (load.get(k, 0) - empty.get(k, 0)) / frames for k in keys},
            (total_load - total_empty) / frames)


def name(function):
    obj = OBJECTS.get(function)
    return f"{function} [{obj}]" if obj else function


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--frames", type=int, required=True)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--title", default="")
    parser.add_argument("directory")
    args = parser.parse_args()

    inc_a, total_a = per_frame(args.directory, "A", "yes", args.frames)
    inc_b, total_b = per_frame(args.directory, "B", "yes", args.frames)
    self_a, _ = per_frame(args.directory, "A", "no", args.frames)
    self_b, _ = per_frame(args.directory, "B", "no", args.frames)
    extra = total_a - total_b

    def share(value):
        return f"{100 * value / extra:5.1f} %" if extra else "    -"

    def is_tcpconn(function):
        return OBJECTS.get(function, "").startswith("tcpconn")

    own = sum(v for k, v in self_a.items() if is_tcpconn(k))
    entry = max((k for k in inc_a if is_tcpconn(k)), key=lambda k: inc_a[k], default=None)
    under = inc_a[entry] if entry else 0.0

    print(f"Instructions per frame (callgrind; {args.title}; minus the counts of the same run on an empty capture):")
    print(f"  B, tcpconn not loaded  {total_b:10,.0f}")
    print(f"  A, tcpconn loaded      {total_a:10,.0f}")
    print(f"  A - B                  {extra:10,.0f}  ({100 * extra / total_b:+.1f} % of B)")
    if entry:
        print(f"    under {entry} (tcpconn's largest inclusive function, with the epan calls it makes)")
        print(f"                         {under:10,.0f}  {share(under)} of A - B")
        print(f"    tcpconn.so's own code (self) {own:10,.0f}  {share(own)} of A - B")
        print(f"    the rest: Wireshark's code outside tcpconn's calls")
        print(f"                         {extra - under:10,.0f}  {share(extra - under)} of A - B")
    print()

    print(f"tcpconn.so functions, inclusive, per frame of A (top {args.top}):")
    for key in sorted((k for k in inc_a if is_tcpconn(k)), key=lambda k: -inc_a[k])[:args.top]:
        print(f"  {inc_a[key]:10,.0f}  {share(inc_a[key])}  {key}")
    print()

    diff_self = {k: self_a.get(k, 0.0) - self_b.get(k, 0.0) for k in set(self_a) | set(self_b)}
    by_object = collections.defaultdict(float)
    for key, value in diff_self.items():
        by_object[OBJECTS.get(key, "?")] += value
    print("A - B by object, self instructions per frame:")
    for obj, value in sorted(by_object.items(), key=lambda item: -item[1]):
        if abs(value) >= 0.5:
            print(f"  {value:10,.0f}  {share(value)}  {obj}")
    print()

    # Inclusive: only named functions (Debian's libwireshark has no symbols
    # for its static functions) and not recursion copies (name'2).
    diff_inc = {k: inc_a.get(k, 0.0) - inc_b.get(k, 0.0) for k in set(inc_a) | set(inc_b)
                if not k.startswith("0x") and "'" not in k}
    print(f"Functions by A - B, inclusive, instructions per frame (top {args.top} named ones; % of A - B):")
    for key in sorted(diff_inc, key=lambda k: -diff_inc[k])[:args.top]:
        print(f"  {diff_inc[key]:10,.0f}  {share(diff_inc[key])}  {name(key)}")
    print()
    print(f"Functions by A - B, self, instructions per frame (top {args.top}; % of A - B):")
    for key in sorted(diff_self, key=lambda k: -diff_self[k])[:args.top]:
        print(f"  {diff_self[key]:10,.0f}  {share(diff_self[key])}  {name(key)}")

if __name__ == "__main__":
    main()
