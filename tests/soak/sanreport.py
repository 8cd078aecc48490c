#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Attribute sanitizer reports to tcpconn or to the rest of Wireshark.

usage: sanreport.py STDERR_FILE...

tshark runs with the ASan+UBSan build of tcpconn.so and a preloaded libasan;
tshark and libwireshark themselves are not instrumented, so most reports
come from tcpconn, but LeakSanitizer sees every allocation of the process,
and Wireshark is not leak-free (the SSH dissector leaks inside libgcrypt on
SSH captures, with or without tcpconn).  A report is tcpconn's when one of
its stack frames is in tcpconn.so or names one of tcpconn's source files;
any other report is foreign.  Known foreign leaks are suppressed before they
are printed (tests/soak/lsan.supp, passed in LSAN_OPTIONS).

Prints each tcpconn report whole, one line per foreign one, and exits 1
when any report is tcpconn's, 0 otherwise.  soak.py imports parse() and
ours().
"""

import re
import sys

_OURS = re.compile(r"tcpconn\.so|\b(?:packet-tcpconn|tcpconn_\w+|plugin)\.[ch]:\d+")
_FRAME = re.compile(r"^\s+#\d+ ")
_UBSAN = re.compile(r"^(?P<loc>\S+:\d+:\d+): runtime error: (?P<what>.*)")
_ASAN = re.compile(r"^==\d+==ERROR: (?P<tool>AddressSanitizer|LeakSanitizer): (?P<what>.*)")
_LEAK = re.compile(r"^(?:Direct|Indirect) leak of .*")


class Report:
    def __init__(self, kind, title):
        self.kind, self.title, self.lines = kind, title, [title]

    @property
    def frames(self):
        return [line for line in self.lines if _FRAME.match(line)]

    def ours(self):
        return any(_OURS.search(line) for line in [self.title] + self.frames)

    def signature(self):
        """What identifies the report across runs: its kind, and its first
        frame in tcpconn (or its first frame)."""
        frames = [f for f in self.frames if "__interceptor_" not in f and "libsanitizer" not in f]
        mine = [f for f in frames if _OURS.search(f)] or frames or [self.title]
        where = re.sub(r"^\s+#\d+ 0x[0-9a-f]+ in ", "", mine[0]).strip()
        where = re.sub(r"\(.*\+0x[0-9a-f]+\)", "", where).strip() or mine[0].strip()
        m = _UBSAN.match(self.title)
        if m:
            what = re.sub(r"-?\b\d+\b", "N", m.group("what"))    # the values vary, the place does not
            return f"{self.kind}: {what} at {m.group('loc')}"
        what = re.sub(r" on address 0x[0-9a-f]+.*| of \d+ byte\(s\).*", "", self.title.split(": ", 2)[-1])
        return f"{self.kind}: {what} in {where}"


def parse(text):
    """The sanitizer reports in a run's stderr, in order."""
    reports, current, in_leaks = [], None, False
    for line in text.splitlines():
        m = _UBSAN.match(line)
        a = _ASAN.match(line)
        if m:
            current = Report("UBSan", line)
            reports.append(current)
        elif a and a.group("tool") == "LeakSanitizer":
            in_leaks, current = True, None
        elif a:
            current = Report("ASan", line)
            reports.append(current)
            in_leaks = False
        elif in_leaks and _LEAK.match(line):
            current = Report("LSan", line)
            reports.append(current)
        elif line.startswith("SUMMARY: "):
            current = None
            in_leaks = in_leaks and "leaked" not in line
        elif current is not None:
            current.lines.append(line)
    return reports


def ours(reports):
    return [r for r in reports if r.ours()]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__.strip())
    bad = 0
    for path in sys.argv[1:]:
        with open(path, errors="replace") as f:
            for r in parse(f.read()):
                if r.ours():
                    bad += 1
                    print(f"{path}: tcpconn: {r.signature()}")
                    print("\n".join(r.lines))
                else:
                    print(f"{path}: foreign (not tcpconn's): {r.signature()}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
