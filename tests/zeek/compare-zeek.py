#!/usr/bin/env python3
"""Compare tcpconn's Zeek records with Zeek's own published expectations.

Zeek's test suite (zeek/zeek on GitHub) holds public traces
(testing/btest/Traces) and, for many tests, the conn.log that Zeek writes
for them (testing/btest/Baseline/TEST/conn.log).  This script finds the
tests whose conn.log comes from a plain run of one trace, replays that
trace through tcpconn's Zeek module (zeek_replay) with the same likely
server ports and checksum setting, and compares the TCP records, pair by
pair and in order: a record agrees when its conn_state and history are
Zeek's.

usage: compare-zeek.py --zeek DIR --replay BIN [--cache DIR] [--list] [-v]

  --zeek DIR    a clone of zeek/zeek (work tree or bare repository)
  --replay BIN  the built zeek_replay (build/tests/zeek_replay)
  --cache DIR   where traces and their segment files are kept
                (default: tests/zeek/traces, which git ignores)
  --list        print every compared record, not only the disagreements
  -v            say why tests were left out

A test is "plain" when its zeek command line reads one trace with -r, uses
no capture filter and no redef of a TCP setting, and its script redefines
nothing that changes how TCP connections are tracked (see SKIP_REDEFS).
Under -b (bare mode) only the loaded protocol scripts register likely
server ports; the script computes that set from the @load lines.

SPDX-License-Identifier: GPL-2.0-or-later
"""

import argparse
import collections
import os
import re
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# TCP ports each base protocol script registers with
# Analyzer::register_for_ports, which adds them to likely_server_ports
# (scripts/base/frameworks/analyzer/main.zeek).  From the scripts'
# "const ports" of Zeek 8/9.
PROTOCOL_PORTS = {
    "dce-rpc": [135], "dnp3": [20000], "dns": [53], "finger": [79],
    "ftp": [21, 2811], "http": [80, 81, 631, 1080, 3128, 8000, 8080, 8888],
    "imap": [143], "irc": [6666, 6667, 6668, 6669], "krb": [88],
    "ldap": [389, 3268], "modbus": [502], "mqtt": [1883], "mysql": [1434, 3306],
    "postgresql": [5432], "rdp": [3389], "redis": [6379], "smb": [139, 445],
    "smtp": [25, 587], "socks": [1080], "ssh": [22],
    "ssl": [443, 465, 563, 585, 614, 636, 989, 990, 992, 993, 995, 5223],
    "syslog": [514], "xmpp": [5222, 5269],
}

# Script content that changes TCP tracking: such tests are not plain runs.
SKIP_REDEFS = re.compile(
    r"redef\s+(tcp_\w+|likely_server_ports|report_gaps_for_partial|detect_filtered_trace|"
    r"ignore_checksums|partial_connection_ok|tcp_SYN_ack_ok|udp_inactivity_timeout|"
    r"max_timer_expires|dpd_reassemble_first_packets|table_expire_interval)\b"
    r"|set_inactivity_timeout|skip_further_processing|set_contents_file|"
    r"PacketFilter::|Pcap::|NetControl::|netcontrol|load-balancing|set_current_conn")
# Event handlers whose presence arms a timer in the TCP analyzer.
HANDLER_TIMERS = {"connection_reset": "reset", "connection_partial_close": "partial"}


class Zeek:
    """Read files from a zeek/zeek clone, bare or not."""

    def __init__(self, path):
        self.path = path
        self.work_tree = os.path.isdir(os.path.join(path, "testing"))

    def read(self, rel, binary=False):
        if self.work_tree:
            try:
                with open(os.path.join(self.path, rel), "rb") as f:
                    data = f.read()
            except OSError:
                return None
        else:
            r = subprocess.run(["git", "-C", self.path, "show", "HEAD:" + rel],
                               capture_output=True)
            if r.returncode:
                return None
            data = r.stdout
        return data if binary else data.decode("utf-8", "replace")

    def files(self, under):
        if self.work_tree:
            out = []
            for root, _, names in os.walk(os.path.join(self.path, under)):
                out += [os.path.relpath(os.path.join(root, n), self.path) for n in names]
            return sorted(out)
        r = subprocess.run(["git", "-C", self.path, "ls-tree", "-r", "--name-only", "HEAD", under],
                           capture_output=True, text=True, check=True)
        return r.stdout.split()


# ---------------------------------------------------------------- conn.log

def read_conn_log(text):
    """The TCP rows of a Zeek ASCII conn.log, as dicts."""
    fields, rows = None, []
    for line in text.splitlines():
        if line.startswith("#fields"):
            fields = line.split("\t")[1:]
        elif line.startswith("#") or not line.strip() or fields is None:
            continue
        else:
            row = dict(zip(fields, line.split("\t")))
            if row.get("proto") == "tcp":
                rows.append(row)
    return fields, rows


def read_cut_log(text):
    """Rows of a zeek-cut -m output of conn.log: a line of field names, then
    the rows; no types, maybe no proto or conn_state."""
    lines = [l for l in text.splitlines() if l and not l.startswith("#")]
    if not lines:
        return [], []
    fields = lines[0].split("\t")
    rows = [dict(zip(fields, l.split("\t"))) for l in lines[1:]]
    return fields, [r for r in rows if r.get("proto", "tcp") == "tcp"]


def pair_key(row):
    a = (row["id.orig_h"], row["id.orig_p"])
    b = (row["id.resp_h"], row["id.resp_p"])
    return tuple(sorted([a, b]))


# ---------------------------------------------------------------- tests

def test_sources(zeek):
    """Baseline folder name -> test file."""
    by_name = {}
    for rel in zeek.files("testing/btest"):
        if rel.startswith(("testing/btest/Baseline/", "testing/btest/Traces/")):
            continue
        base = os.path.splitext(rel[len("testing/btest/"):])[0]
        by_name.setdefault(base.replace("/", "."), rel)
    return by_name


def exec_lines(source):
    return [m.group(1).strip() for m in re.finditer(r"@TEST-EXEC(?:-FAIL)?:\s*(.*)", source)]


def producing_run(lines, log_name):
    """The zeek command that wrote log_name: conn.log itself, or a log that
    conn.log was moved to (on the same line or a later one)."""
    current, moved = None, {}
    for line in lines:
        if re.search(r"(^|\s|;|&&|`)zeek\s", line):
            current = line
        m = re.search(r"mv\s+conn\.log\s+(\S+)", line)
        if m and current:
            moved[m.group(1)] = current
        if re.search(r"btest-diff\S*\s(.*\s)?" + re.escape(log_name) + r"\s*$", line):
            return moved.get(log_name) if log_name != "conn.log" else current
    return None


def parse_run(line):
    """(trace, bare, ignore_checksums, extra script args) or None with a reason."""
    cmd = line.split("&&")[0].split("|")[0].split(">")[0]
    cmd = cmd.replace("${TRACES}", "$TRACES")
    try:
        words = shlex.split(cmd)
    except ValueError:
        return None, "unparsable command"
    if "zeek" not in words:
        return None, "not a zeek run"
    words = words[words.index("zeek") + 1:]
    trace, bare, nocheck, scripts, unlimited = None, False, False, [], False
    i = 0
    while i < len(words):
        w = words[i]
        if w == "-r":
            if trace:
                return None, "two traces"
            trace = words[i + 1]
            i += 2
            continue
        if w in ("-f", "-w", "-i") or w.startswith("-O") or w.startswith("-f"):
            return None, f"option {w}"
        if re.fullmatch(r"-[bC]+", w):
            bare |= "b" in w
            nocheck |= "C" in w
        elif w.startswith("-"):
            if w not in ("-B", "--no-unused-warnings"):
                pass
        elif w == "max_timer_expires=0":
            unlimited = True    # no limit on timers per packet: what we model
        elif "=" in w:
            if re.match(r"(tcp_|likely_server_ports|ignore_checksums|max_timer_expires)", w):
                return None, f"redef {w}"
        else:
            scripts.append(w)
        i += 1
    if not trace or not trace.startswith("$TRACES/"):
        return None, "no trace under $TRACES"
    return (trace[len("$TRACES/"):], bare, nocheck, scripts, unlimited), None


def server_ports(bare, loads):
    if not bare:
        return sorted({p for ports in PROTOCOL_PORTS.values() for p in ports})
    ports = set()
    for load in loads:
        m = re.match(r"(?:base/)?protocols/([\w-]+)", load)
        if m and m.group(1) in PROTOCOL_PORTS:
            ports.update(PROTOCOL_PORTS[m.group(1)])
    return sorted(ports)


def cut_of_conn_log(lines, name):
    """The exec lines up to a zeek-cut of conn.log into `name`, or None."""
    for i, line in enumerate(lines):
        if "zeek-cut" in line and "conn.log" in line and re.search(r">\s*" + re.escape(name) + r"\s*$", line):
            return lines[:i] + ["btest-diff conn.log"]
    return None


def baseline_rows(zeek, rel, src):
    """(rows, exec lines ending in the diff of conn.log, history only) of a
    baseline that is a conn.log, or a zeek-cut of one; None otherwise."""
    name = os.path.basename(rel)
    text = zeek.read(rel)
    if text is None:
        return None
    if re.fullmatch(r"conn[\w.-]*\.log", name) and "#fields" in text:
        fields, rows = read_conn_log(text)
        lines = exec_lines(src) if src else []
        log = name
    else:
        lines = cut_of_conn_log(exec_lines(src), name) if src else None
        if not lines:
            return None
        fields, rows = read_cut_log(text)
        log = "conn.log"
    if not rows or not {"id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "history"} <= set(fields):
        return None
    return rows, lines, log, "conn_state" not in fields


def find_cases(zeek, verbose):
    sources = test_sources(zeek)
    cases, skipped = [], collections.Counter()
    for rel in zeek.files("testing/btest/Baseline"):
        test = rel.split("/")[3]
        src_rel = sources.get(test)
        src = zeek.read(src_rel) if src_rel else None
        found = baseline_rows(zeek, rel, src)
        if not found:
            continue
        rows, lines, log, history_only = found
        name = os.path.basename(rel)

        def skip(reason):
            skipped[reason] += len(rows)
            if verbose:
                print(f"skip {test}/{name}: {reason}", file=sys.stderr)

        if src is None:
            skip("no test file")
            continue
        run = producing_run(lines, log)
        if not run:
            skip("no zeek run found")
            continue
        parsed, why = parse_run(run)
        if not parsed:
            skip(why)
            continue
        trace, bare, nocheck, scripts, unlimited = parsed
        if SKIP_REDEFS.search(src):
            skip("redefines TCP tracking")
            continue
        if "max_timer_expires" in src and not unlimited:
            skip("holds timers back (max_timer_expires)")
            continue
        loads = scripts + re.findall(r"^\s*@load\s+(\S+)", src, re.M)
        handlers = [v for k, v in HANDLER_TIMERS.items() if re.search(r"event\s+" + k + r"\s*\(", src)]
        cases.append(dict(test=test, log=name, trace=trace, nocheck=nocheck, history_only=history_only,
                          ports=server_ports(bare, loads), handlers=handlers, rows=rows))
    return cases, skipped


# ---------------------------------------------------------------- replay

def segments(zeek, trace, cache):
    pcap = os.path.join(cache, trace)
    tsv = pcap + ".segs"
    if not os.path.exists(tsv):
        data = zeek.read("testing/btest/Traces/" + trace, binary=True)
        if data is None:
            return None
        os.makedirs(os.path.dirname(pcap), exist_ok=True)
        with open(pcap, "wb") as f:
            f.write(data)
        with open(tsv + ".tmp", "w") as out:
            subprocess.run([os.path.join(HERE, "pcap2segs.sh"), pcap], stdout=out, check=True)
        os.replace(tsv + ".tmp", tsv)
    return tsv


REPLAY_FIELDS = ["ts", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "duration",
                 "orig_bytes", "resp_bytes", "conn_state", "missed_bytes", "history",
                 "orig_pkts", "orig_ip_bytes", "resp_pkts", "resp_ip_bytes"]


def replay(binary, tsv, case, options):
    args = [binary]
    if case["nocheck"]:
        args.append("--ignore-checksums")
    if "ports" in options:
        args += ["--server-ports", ",".join(map(str, case["ports"])) or "none"]
    for h in case["handlers"]:
        if "handlers" in options:
            args += ["--handler", h]
    with open(tsv) as f:
        out = subprocess.run(args, stdin=f, capture_output=True, text=True, check=True).stdout
    return [dict(zip(REPLAY_FIELDS, l.split("\t"))) for l in out.splitlines() if l]


def replay_options(binary):
    """The options this zeek_replay understands (the first version had none)."""
    r = subprocess.run([binary, "--help"], capture_output=True, text=True)
    text = r.stdout + r.stderr
    return {name for name, flag in (("ports", "--server-ports"), ("handlers", "--handler"))
            if flag in text}


# ---------------------------------------------------------------- comparison

COLUMNS = ["duration", "orig_bytes", "resp_bytes", "missed_bytes", "orig_pkts", "orig_ip_bytes",
           "resp_pkts", "resp_ip_bytes"]
column_stats = collections.Counter()


def same_column(col, zeek_value, ours):
    if col == "duration" and zeek_value not in ("-", "") and ours not in ("-", ""):
        return abs(float(zeek_value) - float(ours)) < 2e-6
    return zeek_value == ours


def count_columns(z, t, lines, listing):
    """The other conn.log columns of an agreeing record, where Zeek's
    baseline has them."""
    for col in COLUMNS:
        if col not in z:
            continue
        same = same_column(col, z[col], t[col])
        column_stats[col, same] += 1
        if not same and listing:
            lines.append(f"       {col}: zeek {z[col]}, tcpconn {t[col]}")


def compare(case, ours, listing):
    theirs = collections.defaultdict(list)
    mine = collections.defaultdict(list)
    for row in case["rows"]:
        theirs[pair_key(row)].append(row)
    for row in ours:
        mine[pair_key(row)].append(row)
    agree, counted, lines = 0, 0, []
    for key, rows in theirs.items():
        got = mine.get(key, [])
        if case["history_only"] and not got and "proto" not in rows[0]:
            continue            # no proto column: maybe not TCP at all
        for i, z in enumerate(rows):
            t = got[i] if i < len(got) else None
            ok = t is not None and t["history"] == z["history"] and \
                (case["history_only"] or t["conn_state"] == z["conn_state"])
            agree += ok
            counted += 1
            if ok:
                count_columns(z, t, lines, listing)
            if listing or not ok:
                want = f"{z.get('conn_state', '?')} {z['history']}"
                have = f"{t['conn_state']} {t['history']}" if t else "(no record)"
                lines.append(f"  {'ok  ' if ok else 'DIFF'} {z['id.orig_h']}:{z['id.orig_p']} > "
                             f"{z['id.resp_h']}:{z['id.resp_p']} #{i + 1}: zeek {want}, tcpconn {have}")
        if len(got) > len(rows):
            lines.append(f"  note {key}: tcpconn has {len(got)} records, zeek {len(rows)}")
    return agree, counted, lines


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--zeek", required=True)
    parser.add_argument("--replay", required=True)
    parser.add_argument("--cache", default=os.path.join(HERE, "traces"))
    parser.add_argument("--list", action="store_true")
    parser.add_argument("-v", action="store_true")
    args = parser.parse_args()

    zeek = Zeek(args.zeek)
    cases, skipped = find_cases(zeek, args.v)
    options = replay_options(args.replay)
    totals = {False: [0, 0], True: [0, 0]}   # history_only -> [agree, total]
    unique = {}
    for case in cases:
        tsv = segments(zeek, case["trace"], args.cache)
        if tsv is None:
            skipped["trace not stored"] += len(case["rows"])
            continue
        ours = replay(args.replay, tsv, case, options)
        ok, n, lines = compare(case, ours, args.list)
        if not n:
            continue
        totals[case["history_only"]][0] += ok
        totals[case["history_only"]][1] += n
        kind = " [history only]" if case["history_only"] else ""
        print(f"{case['test']}/{case['log']} ({case['trace']}){kind}: {ok}/{n}")
        for line in lines:
            print(line)
        if not case["history_only"]:
            # the same trace run with the same settings counts once
            key = (case["trace"], case["nocheck"], tuple(case["ports"]), tuple(case["handlers"]),
                   tuple((r["conn_state"], r["history"]) for r in case["rows"]))
            unique[key] = (ok, n)
    print()
    for reason, n in sorted(skipped.items()):
        print(f"left out: {n} records ({reason})")
    agree, total = totals[False]
    if total:
        u_ok = sum(v[0] for v in unique.values())
        u_n = sum(v[1] for v in unique.values())
        print(f"agreement (conn_state and history): {agree}/{total} records = "
              f"{100.0 * agree / total:.1f} %")
        print(f"  each trace and setting once: {u_ok}/{u_n} records = "
              f"{100.0 * u_ok / u_n:.1f} % ({len(unique)} distinct runs)")
    for col in COLUMNS:
        same, n = column_stats[col, True], column_stats[col, True] + column_stats[col, False]
        if n:
            print(f"  {col} of those records: {same}/{n} the same")
    agree, total = totals[True]
    if total:
        print(f"agreement (history, zeek-cut baselines without conn_state): {agree}/{total} records = "
              f"{100.0 * agree / total:.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
