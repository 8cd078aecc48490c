#!/usr/bin/env python3
"""bench-report.py RESULTS.tsv

Prints the tables of one tests/perf/bench.sh run, in markdown: the ratios
A/B (tshark with tcpconn / the same tshark with tcpconn not loaded) of the
median CPU seconds for each comparison and load, the peak-memory ratio, and
per load the CPU time and bytes per connection, with the machine it ran on.

RESULTS.tsv has tab-separated lines written by bench.sh:
  meta KEY VALUE
  case NAME A-ARGUMENTS B-ARGUMENTS        (B "=": the same as A)
  load NAME CONNECTIONS FRAMES
  run LOAD CASE SIDE RUN USER SYS MAXRSS_KB ELAPSED
  done LOAD CASE

SPDX-License-Identifier: GPL-2.0-or-later
"""
import collections
import statistics
import sys

CASE_TITLES = {
    "read": None, "syn": None, "twopass": None, "verbose": None,
    "fields": "tcpconn output", "event": "tcpconn output", "stats": "tcpconn output",
    "disabled": "disabled",
}


def read_results(path):
    meta, cases, loads = {}, {}, {}
    runs = collections.defaultdict(lambda: collections.defaultdict(dict))
    with open(path) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            kind = parts[0]
            if kind == "meta":
                meta[parts[1]] = parts[2]
            elif kind == "case":
                cases[parts[1]] = (parts[2], parts[3])
            elif kind == "load":
                loads[parts[1]] = (int(parts[2]), int(parts[3]))
            elif kind == "run":
                load, case, side, run = parts[1], parts[2], parts[3], int(parts[4])
                user, sys_, rss = float(parts[5]), float(parts[6]), int(parts[7])
                runs[(load, case)][side][run] = (user + sys_, rss * 1024)
    return meta, cases, loads, runs


def number(n):
    """1234567 -> '1.2 M', 100000 -> '100 k'."""
    for scale, suffix in ((1e6, " M"), (1e3, " k")):
        if n >= scale:
            value = n / scale
            return (f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}") + suffix
    return str(n)


def load_title(name, loads):
    kind, _, n = name.partition("-")
    title = {"load": "make-load", "synflood": "SYN flood", "lab": "lab"}.get(kind, kind)
    if n:
        title += " " + number(int(n))
    if name in loads:
        title += f" ({number(loads[name][1])} frames)"
    return title


class Stat:
    """The runs of one comparison on one load."""

    def __init__(self, sides):
        self.sides = sides

    def ok(self):
        return bool(self.sides.get("A")) and bool(self.sides.get("B"))

    def cpu(self, side):
        return statistics.median(v[0] for v in self.sides[side].values())

    def rss(self, side):
        return statistics.median(v[1] for v in self.sides[side].values())

    def ratio(self):
        return self.cpu("A") / self.cpu("B")

    def pair_ratios(self):
        a, b = self.sides["A"], self.sides["B"]
        return [a[r][0] / b[r][0] for r in sorted(a) if r in b and b[r][0] > 0]

    def cell(self):
        pairs = self.pair_ratios()
        text = f"{self.ratio():.2f}"
        if len(pairs) > 1:
            text += f" ({min(pairs):.2f}–{max(pairs):.2f})"
        return text


def command(args):
    return "`tshark " + args + "`"



def quotient(top, bottom):
    """top / bottom to two places, or why not: a smallest load's share of
    CPU time can be below what the timer tells apart (0.00 s)."""
    if bottom <= 0:
        return "n/a (nothing measured on the smallest load)"
    return f"{top / bottom:.2f}"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    meta, cases, loads, runs = read_results(sys.argv[1])

    def stat(load, case):
        s = Stat(runs.get((load, case), {}))
        return s if s.ok() else None

    def listed(key):
        return [name for name in meta.get(key, "").split(",") if name]

    out = []
    out.append("Machine: {cpu}, {cores} cores, {kernel}; {tshark}".format(
        cpu=meta.get("cpu", "?"), cores=meta.get("cores", "?"),
        kernel=meta.get("kernel", "?"), tshark=meta.get("tshark", "?")))
    plugin = meta.get("plugin", "?")
    if "plugin_sha256" in meta:
        plugin += f", sha256 {meta['plugin_sha256']}…"
    if "source" in meta:
        plugin += f" (source {meta['source']})"
    out.append(f"Plugin: {plugin}. Measured {meta.get('date', '?')} by `tests/perf/bench.sh`: "
               f"{meta.get('runs', '?')} run(s) of A and of B per cell, alternating; "
               f"load average {meta.get('loadavg_start', '?')} at the start, "
               f"{meta.get('loadavg_end', '?')} at the end.")
    out.append("A = tshark with tcpconn, B = the same tshark with tcpconn not loaded "
               "(a plugin folder without it). Ratios A/B of the median CPU seconds "
               "(user + sys); in brackets the lowest and highest ratio of the A/B pairs "
               "run one after the other.")
    out.append("")

    # ------------------------------------------------------------ ratio table
    table = [load for load in listed("table_loads") if any(stat(load, c) for c in cases)]
    if table:
        out.append("| run (A) | B, where it differs | " + " | ".join(load_title(t, loads) for t in table) + " |")
        out.append("|---|---|" + "---|" * len(table))
        for case, (a_args, b_args) in cases.items():
            cells = [stat(load, case) for load in table]
            if not any(cells):
                continue
            b_text = "same" if b_args == "=" else command(b_args)
            out.append(f"| {command(a_args)} | {b_text} | "
                       + " | ".join(c.cell() if c else "" for c in cells) + " |")
        cells = [stat(load, "read") for load in table]
        if any(cells):
            out.append("| peak RSS, `tshark -r F` | same | "
                       + " | ".join(f"{c.rss('A') / c.rss('B'):.2f}" if c else "" for c in cells) + " |")
        out.append("")

    # ------------------------------------------------------------ per connection
    base = stat("empty", "read")
    rows = [load for load in listed("linear_loads") + listed("flood_loads") + listed("lab_loads")
            if stat(load, "read") and loads.get(load, (0, 0))[0] > 0]
    per_conn = {}
    if rows:
        out.append("Per connection, `tshark -r F`: CPU time and peak RSS above those of the same "
                   "tshark reading an empty file (B₀; A₀ for A), and tcpconn's bytes = "
                   "(RSS A − RSS B) / connections. For the SYN flood a connection is one "
                   "unanswered SYN (one stream).")
        out.append("")
        out.append("| load | connections | CPU s A / B | A/B | CPU µs per connection A / B / A−B "
                   "| peak RSS MB A / B | A/B | bytes per connection, tcpconn | bytes per connection, Wireshark |")
        out.append("|---|---|---|---|---|---|---|---|---|")
        for load in rows:
            s = stat(load, "read")
            n = loads[load][0]
            a0 = base.cpu("A") if base else 0.0
            b0 = base.cpu("B") if base else 0.0
            rss_b0 = base.rss("B") if base else 0.0
            us_a = (s.cpu("A") - a0) / n * 1e6
            us_b = (s.cpu("B") - b0) / n * 1e6
            bytes_tc = (s.rss("A") - s.rss("B")) / n
            bytes_ws = (s.rss("B") - rss_b0) / n
            per_conn[load] = (us_a, us_b, bytes_tc, bytes_ws)
            out.append(f"| {load_title(load, loads)} | {n:,} | {s.cpu('A'):.2f} / {s.cpu('B'):.2f} "
                       f"| {s.ratio():.2f} | {us_a:.1f} / {us_b:.1f} / {us_a - us_b:.1f} "
                       f"| {s.rss('A') / 2**20:.0f} / {s.rss('B') / 2**20:.0f} "
                       f"| {s.rss('A') / s.rss('B'):.2f} | {bytes_tc:,.0f} "
                       f"| {bytes_ws:,.0f} |")
        out.append("")
        linear = [load for load in listed("linear_loads") if load in per_conn]
        if len(linear) >= 2:
            lo, hi = linear[0], linear[-1]
            (ua0, ub0, bt0, bw0), (ua1, ub1, bt1, bw1) = per_conn[lo], per_conn[hi]
            out.append(f"Linearity, {load_title(lo, {})} to {load_title(hi, {})} (per connection, "
                       f"largest / smallest load; 1.00 is linear): CPU A {quotient(ua1, ua0)}, "
                       f"B {quotient(ub1, ub0)}, A−B {quotient(ua1 - ub1, ua0 - ub0)}; "
                       f"tcpconn's bytes {quotient(bt1, bt0)}, Wireshark's bytes {quotient(bw1, bw0)}.")
            out.append("")
    if base:
        out.append(f"Empty file: A₀ {base.cpu('A'):.2f} s, {base.rss('A') / 2**20:.0f} MB; "
                   f"B₀ {base.cpu('B'):.2f} s, {base.rss('B') / 2**20:.0f} MB.")
    print("\n".join(out))


if __name__ == "__main__":
    main()
