#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The soak: tshark with the ASan+UBSan tcpconn plugin over mutated captures.

usage: soak.py --plugin TCPCONN_SO --findings DIR [--runs N] [--minutes M]
               [--seed S] [--workers W] [--timeout SECONDS] [--kinds K,K...]
               [--fields FIELDS_TXT] CAPTURE...

Normally started by tests/soak/soak.sh, which builds the plugin.  Each job
mutates one capture with one kind of tests/soak/mutate.py (kinds and
captures spread evenly, every pair before any repeats) and runs tshark on it:

  with tcpconn (the runs counted), libasan preloaded, leak detection on:
    -T fields (tests/golden/fields.txt) -z tcpconn,conns -z tcpconn,outcomes
      in one pass and in two (-2)
    -V in one pass and in two
  without tcpconn (a plugin folder without it), no sanitizer:
    -V in one pass, for its exit status; -V in two passes too when a
    two-pass status differs from it

A job fails on: a sanitizer report whose stack is in tcpconn (see
sanreport.py; known foreign leaks are suppressed by tests/soak/lsan.supp and
other foreign reports are listed, not failed); a crash; a run over the
timeout (a hang); an exit status that differs from the run without tcpconn
with as many passes; per-frame tcpconn fields or -z tables that differ
between one pass and two.  Each failing capture is kept under DIR with a .txt
that says what failed and the command to rerun.  It stops after N counted
runs or M minutes, whichever comes first.

As root, tshark runs as nobody (Wireshark ignores WIRESHARK_PLUGIN_DIR for
root), in a clean environment, as tests/tshark-env.sh does.
"""

import argparse
import concurrent.futures
import math
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import mutate  # noqa: E402
import sanreport  # noqa: E402

ASAN = "detect_leaks=1:abort_on_error=1:symbolize=1:allocator_may_return_null=1"
UBSAN = "print_stacktrace=1:halt_on_error=1"


class Stage:
    """A folder nobody can read: the plugin, an empty plugin folder, a home
    per worker, the suppressions, the mutated captures."""

    def __init__(self, plugin, workers):
        self.dir = tempfile.mkdtemp(prefix="tcpconn-soak.")
        minor = ws_minor()
        self.plugins = os.path.join(self.dir, "plugins")
        self.no_plugins = os.path.join(self.dir, "no-plugins")
        os.makedirs(os.path.join(self.plugins, minor, "epan"))
        os.makedirs(os.path.join(self.no_plugins, minor, "epan"))
        shutil.copy(plugin, os.path.join(self.plugins, minor, "epan", "tcpconn.so"))
        self.supp = os.path.join(self.dir, "lsan.supp")
        shutil.copy(os.path.join(HERE, "lsan.supp"), self.supp)
        self.work = os.path.join(self.dir, "work")
        os.makedirs(self.work)
        self.homes = [os.path.join(self.dir, f"home{i}") for i in range(workers)]
        for h in self.homes:
            os.makedirs(h)
        for root, dirs, files in os.walk(self.dir):
            for name in dirs + files:
                os.chmod(os.path.join(root, name), 0o755 if name in dirs else 0o644)
            os.chmod(root, 0o755)
        for h in self.homes:
            os.chmod(h, 0o777)
        os.chmod(self.work, 0o777)

    def remove(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def ws_minor():
    out = subprocess.run(["tshark", "--version"], capture_output=True, text=True).stdout
    version = out.split("\n", 1)[0].split()[2]
    return ".".join(version.split(".")[:2])


def preload():
    return subprocess.run(["gcc", "-print-file-name=libasan.so"], capture_output=True,
                          text=True, check=True).stdout.strip()


class Tshark:
    def __init__(self, stage, asan_lib, timeout):
        self.stage, self.asan_lib, self.timeout = stage, asan_lib, timeout

    def command(self, args, with_tcpconn, home):
        env = ["env", "-i", "PATH=/usr/bin:/bin", f"HOME={home}", "LANG=C.UTF-8", "TZ=UTC"]
        if with_tcpconn:
            env += [f"WIRESHARK_PLUGIN_DIR={self.stage.plugins}", f"LD_PRELOAD={self.asan_lib}",
                    f"ASAN_OPTIONS={ASAN}", f"UBSAN_OPTIONS={UBSAN}",
                    f"LSAN_OPTIONS=suppressions={self.stage.supp}:print_suppressions=0:exitcode=0"]
        else:
            env += [f"WIRESHARK_PLUGIN_DIR={self.stage.no_plugins}"]
        prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.getuid() == 0 else []
        return prefix + env + ["tshark", *args]

    def run(self, args, with_tcpconn, home, want_stdout):
        cmd = self.command(args, with_tcpconn, home)
        try:
            p = subprocess.run(cmd, stdout=subprocess.PIPE if want_stdout else subprocess.DEVNULL,
                               stderr=subprocess.PIPE, timeout=self.timeout)
            return Run(cmd, p.returncode, p.stdout or b"", p.stderr, False)
        except subprocess.TimeoutExpired as e:
            return Run(cmd, None, e.stdout or b"", e.stderr or b"", True)


class Run:
    def __init__(self, cmd, rc, out, err, timed_out):
        self.cmd, self.rc, self.out, self.timed_out = cmd, rc, out, timed_out
        self.err = err.decode(errors="replace")


def fields_args(path):
    args = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                args += ["-e", line]
    return args


def split_tables(out):
    """(per-frame field lines, table text) of a -T fields -z run."""
    text = out.decode(errors="replace")
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("====="):
            start = i - 1 if i and lines[i - 1] == "" else i
            return lines[:start], "\n".join(lines[start:])
    return lines, ""


def field_diff(one, two, header):
    """Names of the columns that differ between the two field dumps."""
    cols = set()
    for a, b in zip(one, two):
        if a != b:
            x, y = a.split("\t"), b.split("\t")
            for k in range(max(len(x), len(y))):
                if k >= len(x) or k >= len(y) or x[k] != y[k]:
                    cols.add(header[k] if k < len(header) else f"column {k + 1}")
    if len(one) != len(two):
        cols.add("frame count")
    return sorted(cols)


class Findings:
    """Kept captures and what they showed, at most KEEP per signature."""

    KEEP = 3

    def __init__(self, folder):
        self.folder = folder
        self.lock = threading.Lock()
        self.by_sig = {}        # signature -> [count, first example]
        self.foreign = {}       # signature -> count
        self.failed_runs = set()    # (job, first line of the failing run's detail)

    def add(self, category, signature, job, capture, detail):
        with self.lock:
            self.failed_runs.add((job.number, detail.split("\n", 1)[0]))
            entry = self.by_sig.setdefault((category, signature), [0, None])
            entry[0] += 1
            if entry[0] > self.KEEP:
                return
            os.makedirs(self.folder, exist_ok=True)
            base = os.path.join(self.folder, f"{category}-{job.number:05d}-{len(self.failed_runs)}-{job.kind}-{job.name}")
            ext = os.path.splitext(capture)[1]
            shutil.copy(capture, base + ext)
            with open(base + ".txt", "w") as f:
                f.write(f"{category}: {signature}\n")
                f.write(f"capture: {base + ext} (mutate.py {job.kind} {job.seed} {job.source})\n\n{detail}\n")
            if entry[1] is None:
                entry[1] = base + ext

    def add_foreign(self, signature):
        with self.lock:
            self.foreign[signature] = self.foreign.get(signature, 0) + 1

    def count(self):
        """Failing runs (a run with several reports counts once)."""
        return len(self.failed_runs)


class Job:
    def __init__(self, number, kind, source, seed):
        self.number, self.kind, self.source, self.seed = number, kind, source, seed
        self.name = os.path.splitext(os.path.basename(source))[0]


def describe(run):
    cmd = " ".join(run.cmd)
    err = run.err if len(run.err) < 20000 else run.err[:20000] + "\n[...]"
    return f"command: {cmd}\nexit: {'timeout' if run.timed_out else run.rc}\nstderr:\n{err}"


def check_run(run, baseline, mode, job, capture, findings):
    """Sanitizer reports, crash, hang, exit status of one run with tcpconn.
    baseline() gives the run without tcpconn to compare the status with."""
    reports = sanreport.parse(run.err)
    mine = sanreport.ours(reports)
    for r in reports:
        if not r.ours():
            findings.add_foreign(r.signature())
    for r in mine:
        findings.add("sanitizer", r.signature(), job, capture, f"mode: {mode}\n" + describe(run))
    if run.timed_out:
        findings.add("hang", f"over the timeout in {mode}", job, capture, describe(run))
        return
    if mine or (reports and run.rc in (1, 134)):
        return      # the sanitizer's own exit, reported above or foreign
    if run.rc < 0 or run.rc in (134, 139):
        findings.add("crash", f"exit {run.rc} in {mode}", job, capture, describe(run))
        return
    base = baseline()
    if base.timed_out or run.rc != base.rc:
        findings.add("exit-status", f"{mode}: {run.rc} with tcpconn, "
                     f"{'timeout' if base.timed_out else base.rc} without", job, capture,
                     describe(run) + "\n\nwithout tcpconn:\n" + describe(base))


def run_job(job, tshark, fields, stage, findings, worker_home):
    """Returns (runs with tcpconn, runs without)."""
    dst = os.path.join(stage.work, f"{job.number:05d}-{job.kind}-{job.name}.pcap")
    capture = mutate.mutate(job.kind, job.seed, job.source, dst)
    os.chmod(capture, 0o644)
    base = {}

    def baseline(passes, rc):
        # The run without tcpconn in one pass, always; in two passes only
        # when a two-pass status differs from it (they nearly always agree,
        # and each tshark start costs half a CPU second).
        if () not in base:
            base[()] = tshark.run(["-n", "-r", capture, "-V"], False, worker_home, False)
        if not passes or (not base[()].timed_out and base[()].rc == rc):
            return base[()]
        if passes not in base:
            base[passes] = tshark.run(["-n", "-r", capture, *passes, "-V"], False, worker_home, False)
        return base[passes]

    try:
        zs = ["-z", "tcpconn,conns", "-z", "tcpconn,outcomes"]
        runs = {}
        for passes in ((), ("-2",)):
            label = "two passes" if passes else "one pass"
            f = tshark.run(["-n", "-r", capture, *passes, "-T", "fields", "-E", "header=y", "-E", "occurrence=a",
                            "-E", "aggregator=,", *fields, *zs], True, worker_home, True)
            check_run(f, lambda: baseline(passes, f.rc), f"fields and tables, {label}", job, capture, findings)
            v = tshark.run(["-n", "-r", capture, *passes, "-V"], True, worker_home, False)
            check_run(v, lambda: baseline(passes, v.rc), f"-V, {label}", job, capture, findings)
            runs[passes] = f
        one, two = runs[()], runs[("-2",)]
        if not one.timed_out and not two.timed_out and one.rc == two.rc == baseline((), 0).rc:
            f1, t1 = split_tables(one.out)
            f2, t2 = split_tables(two.out)
            if f1 != f2:
                cols = field_diff(f1, f2, f1[0].split("\t") if f1 else [])
                detail = "\n".join(f"1: {a}\n2: {b}" for a, b in zip(f1, f2) if a != b)
                findings.add("1pass-2pass", "fields differ: " + ", ".join(cols), job, capture,
                             describe(one) + "\n\nfirst differing lines:\n" + detail[:6000])
            if t1 != t2:
                findings.add("1pass-2pass", "-z tables differ", job, capture,
                             describe(one) + f"\n\none pass:\n{t1}\n\ntwo passes:\n{t2}")
        return 4, len(base)
    finally:
        os.unlink(capture)


def plan(kinds, captures, seed):
    """Endless jobs: every (kind, capture) pair once in a shuffled order,
    then again with new seeds."""
    pairs = [(k, c) for k in kinds for c in captures]
    rng = random.Random(seed)
    number = 0
    while True:
        rng.shuffle(pairs)
        for k, c in pairs:
            yield Job(number, k, c, seed * 1_000_003 + number)
            number += 1


def check_loaded(tshark, stage, sample):
    """Under a preloaded libasan `tshark -G plugins` can hang spawning
    extcap helpers: check the registered fields and a real run instead."""
    g = tshark.run(["-G", "fields"], True, stage.homes[0], True)
    names = [line.split("\t")[2] for line in g.out.decode(errors="replace").splitlines()
             if line.startswith("F\t") and "\ttcpconn." in line]
    if not names:
        sys.exit(f"soak: tcpconn did not load into tshark:\n{g.err[:4000]}")
    shutil.copy(sample, os.path.join(stage.work, "loaded.pcap"))
    os.chmod(os.path.join(stage.work, "loaded.pcap"), 0o644)
    r = tshark.run(["-n", "-r", os.path.join(stage.work, "loaded.pcap"), "-T", "fields", "-e", "tcpconn.stream"],
                   True, stage.homes[0], True)
    if r.rc != 0 or not r.out.strip() or sanreport.ours(sanreport.parse(r.err)):
        sys.exit(f"soak: the instrumented tcpconn does not run cleanly on {sample}:\n{describe(r)}")
    return len(names)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--findings", required=True)
    ap.add_argument("--runs", type=int, default=2000)
    ap.add_argument("--minutes", type=float, default=15)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--kinds", default=",".join(mutate.KINDS))
    ap.add_argument("--fields", default=os.path.join(HERE, "..", "golden", "fields.txt"))
    ap.add_argument("captures", nargs="+")
    args = ap.parse_args()
    kinds = args.kinds.split(",")
    unknown = [k for k in kinds if k not in mutate.KINDS]
    if unknown:
        sys.exit(f"soak: unknown kinds {unknown}; see mutate.py --list")

    stage = Stage(args.plugin, args.workers)
    try:
        tshark = Tshark(stage, preload(), args.timeout)
        nfields = check_loaded(tshark, stage, args.captures[0])
        fields = fields_args(args.fields)
        findings = Findings(args.findings)
        print(f"soak: tcpconn loaded ({nfields} fields); {len(kinds)} kinds x {len(args.captures)} captures, "
              f"up to {args.runs} runs or {args.minutes:g} min, {args.workers} workers, seed {args.seed}", flush=True)
        start = time.monotonic()
        deadline = start + args.minutes * 60
        counted = baseline = jobs = 0
        jobs_needed = math.ceil(args.runs / 4)
        source = plan(kinds, args.captures, args.seed)
        homes = list(stage.homes)
        home_lock = threading.Lock()

        def work(job):
            with home_lock:
                home = homes.pop()
            try:
                return run_job(job, tshark, fields, stage, findings, home)
            finally:
                with home_lock:
                    homes.append(home)

        last_note = start
        with concurrent.futures.ThreadPoolExecutor(args.workers) as pool:
            pending = set()
            while True:
                while (len(pending) < args.workers * 2 and jobs < jobs_needed
                       and time.monotonic() < deadline):
                    pending.add(pool.submit(work, next(source)))
                    jobs += 1
                if not pending:
                    break
                done, pending = concurrent.futures.wait(pending, return_when=concurrent.futures.FIRST_COMPLETED)
                for d in done:
                    c, b = d.result()
                    counted += c
                    baseline += b
                if time.monotonic() - last_note > 60:
                    last_note = time.monotonic()
                    print(f"soak: {counted} runs, {findings.count()} findings, "
                          f"{last_note - start:.0f} s", flush=True)
        elapsed = time.monotonic() - start
    finally:
        stage.remove()

    if counted < args.runs:
        print(f"soak: stopped at the time limit after {counted} of {args.runs} runs")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"soak: {counted} runs with tcpconn ({jobs} mutated captures x 4: fields + tables and -V, "
          f"one pass and two) and {baseline} without, in {elapsed:.0f} s with {args.workers} workers "
          f"({usage.ru_utime + usage.ru_stime:.0f} CPU s)")
    for sig, n in sorted(findings.foreign.items()):
        print(f"soak: foreign sanitizer report (not tcpconn's, not failed), {n} x: {sig}")
    for (category, sig), (n, example) in sorted(findings.by_sig.items()):
        print(f"soak: FINDING {category}, {n} report(s): {sig}\n      e.g. {example}")
    failed = findings.count()
    print(f"soak: {counted - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
