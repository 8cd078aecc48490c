#!/usr/bin/env bash
# bench.sh - what tcpconn costs tshark: CPU seconds and peak memory of tshark
# with tcpconn (A) against the same tshark with tcpconn not loaded (B).
#
# usage: bench.sh [--quick] [--plugin SO] [--work DIR] [--runs N] [--cases LIST]
#                 [--table-loads LIST] [--sizes LIST] [--synflood N] [--lab N]
#        bench.sh --report RESULTS.tsv      print the tables of an earlier run again
#
#   --plugin SO        the tcpconn.so to measure
#                      (default: build/plugins/<major.minor>/epan/tcpconn.so of this tree)
#   --work DIR         work folder; the loads are cached in DIR/loads
#                      (default: /var/tmp/tcpconn-bench; it must be readable by nobody)
#   --runs N           runs of A and of B per comparison, alternating (default 5)
#   --quick            a smoke run of a few minutes: 3 runs, make-load 10 k for the
#                      ratio table, 2 k/10 k/30 k for linearity, 50 k SYNs, lab 3 k
#   --cases LIST       comparisons, comma-separated, from:
#                      read,syn,twopass,verbose,fields,event,stats,disabled (default all)
#   --table-loads LIST loads of the ratio table, e.g. load-100000,lab-20000
#                      (default; names: load-N, synflood-N, lab-N)
#   --sizes LIST       make-load sizes for the memory and linearity table
#                      (default 10000,100000,300000)
#   --synflood N       SYNs of the SYN flood (default 500000; 0: none)
#   --lab N            connections of the namespace-lab capture (default 20000;
#                      0: none; it needs root, and is skipped with a message without)
#
# Loads: tests/perf/make-load.py N (N complete connections, 11 frames each),
# tests/perf/make-synflood.py N (N unanswered SYNs, each a new stream) and
# tests/perf/make-labload.sh N (N real connections between two network
# namespaces, some refused or reset).  Each is made once and kept in DIR/loads.
#
# A and B are two plugin folders given as WIRESHARK_PLUGIN_DIR, which replaces
# the system plugin folder: A holds a copy of the plugin, B nothing.  `tshark
# -G plugins` must list tcpconn.so from A's folder and not list it with B.
# Wireshark ignores WIRESHARK_PLUGIN_DIR for root, so as root every tshark runs
# as nobody (setpriv), in a clean environment with a fresh HOME.
#
# Every comparison runs A and B in turn (A B, then B A, ...), each measured
# by /usr/bin/time: CPU seconds (user + sys) and peak RSS.  Ratios are A/B
# of the medians.  Where a tcpconn field or tap does not exist without the
# plugin, B runs the nearest equivalent (the table says which).  The results
# go to DIR/results-TIME.tsv and the tables (markdown, with the machine) to
# DIR/report-TIME.md and to standard output.  Not part of CTest's default run.
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SELF=$HERE/$(basename "${BASH_SOURCE[0]}")
REPORT=(python3 -B "$HERE/bench-report.py")

usage() {
    sed -n '4,7s/^# \{0,1\}//p' "$SELF" >&2
    echo "(see the comment at the top of $SELF for the options)" >&2
    exit 2
}

die() {
    echo "bench.sh: $*" >&2
    exit 1
}

say() { echo "bench.sh: $*" >&2; }

# ---------------------------------------------------------------- the comparisons
# NAME  A arguments  B arguments (F is the load; "=" means the same as A)
CASES=(
    "read|-r F|="
    "syn|-r F -Y tcp.flags.syn==1|="
    "twopass|-2 -r F|="
    "verbose|-r F -V|="
    "fields|-r F -T fields -e tcpconn.handshake.step|-r F -T fields -e tcp.flags"
    "event|-r F -Y tcpconn.event|-r F -Y tcp.flags.syn==1"
    "stats|-r F -q -z tcpconn,conns|-r F -q -z conv,tcp"
    "disabled|--disable-protocol tcpconn -r F|-r F"
)

# ---------------------------------------------------------------- options

plugin="" work=/var/tmp/tcpconn-bench runs="" quick=0 cases="" table_loads="" sizes=""
synflood="" labn="" report_only=""
while (($#)); do
    case $1 in
        --plugin) (($# >= 2)) || usage; plugin=$2; shift 2 ;;
        --work) (($# >= 2)) || usage; work=$2; shift 2 ;;
        --runs) (($# >= 2)) || usage; runs=$2; shift 2 ;;
        --quick) quick=1; shift ;;
        --cases) (($# >= 2)) || usage; cases=$2; shift 2 ;;
        --table-loads) (($# >= 2)) || usage; table_loads=$2; shift 2 ;;
        --sizes) (($# >= 2)) || usage; sizes=$2; shift 2 ;;
        --synflood) (($# >= 2)) || usage; synflood=$2; shift 2 ;;
        --lab) (($# >= 2)) || usage; labn=$2; shift 2 ;;
        --report) (($# >= 2)) || usage; report_only=$2; shift 2 ;;
        -h|--help) sed -n '2,/^# SPDX/s/^# \{0,1\}//p' "$SELF"; exit 0 ;;
        *) usage ;;
    esac
done
if [[ -n $report_only ]]; then
    exec "${REPORT[@]}" "$report_only"
fi

if ((quick)); then
    : "${runs:=3}"
    : "${sizes:=2000,10000,30000}" "${synflood:=50000}" "${labn:=3000}"
    : "${table_loads:=load-10000,lab-$labn}"
else
    : "${runs:=5}" "${sizes:=10000,100000,300000}" "${synflood:=500000}" "${labn:=20000}"
    : "${table_loads:=load-100000,lab-$labn}"
fi
table_loads=${table_loads//,lab-0/}
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive number"
[[ -n $cases ]] || cases=$(IFS=,; for c in "${CASES[@]}"; do printf '%s,' "${c%%|*}"; done)
cases=${cases%,}

for tool in tshark capinfos python3 /usr/bin/time; do
    command -v "$tool" >/dev/null || die "$tool is missing (tools/deps.sh installs it)"
done
stamp=$(date -u +%Y%m%dT%H%M%SZ)
results="$work/results-$stamp.tsv"
report="$work/report-$stamp.md"
tmp=$(mktemp -d /tmp/tcpconn-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/perf/bench-lib.sh
. "$HERE/bench-lib.sh"
bench_setup

# args_of CASE SIDE FILE: prints the tshark arguments, one per line
args_of() {
    local entry name a b
    for entry in "${CASES[@]}"; do
        IFS='|' read -r name a b <<<"$entry"
        [[ $name == "$1" ]] || continue
        [[ $2 == B && $b != "=" ]] && a=$b
        local word
        for word in $a; do
            [[ $word == F ]] && word=$3
            printf '%s\n' "$word"
        done
        return 0
    done
    die "unknown case $1"
}

# measure_one LOAD CASE SIDE RUN FILE: one measured tshark run, appended to the results
measure_one() {
    local load=$1 case=$2 side=$3 run=$4 file=$5 args rc=0 user sys rss elapsed
    mapfile -t args < <(args_of "$case" "$side" "$file")
    tshark_prefix "$side"
    /usr/bin/time -f '%U %S %M %e' -o "$tmp/time" "${PREFIX[@]}" tshark "${args[@]}" \
        > /dev/null 2> "$tmp/stderr" || rc=$?
    if ((rc != 0)); then
        die "$load $case $side: tshark ${args[*]} failed (exit $rc): $(head -5 "$tmp/stderr")"
    fi
    if [[ -s $tmp/stderr ]] && [[ ! -e $tmp/warned-$case-$side ]]; then
        say "$case $side: tshark said: $(head -3 "$tmp/stderr")"
        touch "$tmp/warned-$case-$side"
    fi
    read -r user sys rss elapsed < <(tail -1 "$tmp/time")
    printf 'run\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$load" "$case" "$side" "$run" \
        "$user" "$sys" "$rss" "$elapsed" >> "$results"
    printf '%s' "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')"
}

# measure LOAD CASE: RUNS runs of A and B, alternating A B / B A
measure() {
    local load=$1 case=$2 file run cpu_a cpu_b
    file=$LOADS/$load.pcap
    grep -q "^done	$load	$case\$" "$results" && return 0
    printf 'bench.sh: %-16s %-9s' "$load" "$case" >&2
    for ((run = 1; run <= runs; run++)); do
        if ((run % 2)); then
            cpu_a=$(measure_one "$load" "$case" A "$run" "$file")
            cpu_b=$(measure_one "$load" "$case" B "$run" "$file")
        else
            cpu_b=$(measure_one "$load" "$case" B "$run" "$file")
            cpu_a=$(measure_one "$load" "$case" A "$run" "$file")
        fi
        printf ' %s/%s' "$cpu_a" "$cpu_b" >&2
    done
    echo " s (A/B)" >&2
    printf 'done\t%s\t%s\n' "$load" "$case" >> "$results"
}

# ---------------------------------------------------------------- main

IFS=, read -r -a case_list <<<"$cases"
IFS=, read -r -a table_list <<<"$table_loads"
IFS=, read -r -a size_list <<<"$sizes"
linear_list=()
for n in "${size_list[@]}"; do linear_list+=("load-$n"); done
flood_list=()
((synflood > 0)) && flood_list=("synflood-$synflood")
lab_list=()
((labn > 0)) && lab_list=("lab-$labn")

# Make (or find) every load first: the lab capture is timed, so it is made
# before the machine is busy with tshark.
available=()
for load in "${lab_list[@]}" "${table_list[@]}" "${linear_list[@]}" "${flood_list[@]}" empty; do
    [[ " ${available[*]} " == *" $load "* ]] && continue
    file=$(load_file "$load")
    [[ -n $file ]] && available+=("$load")
done
have() { [[ " ${available[*]} " == *" $1 "* ]]; }

check_folders

{
    printf 'meta\tdate\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
    printf 'meta\tcpu\t%s\n' "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
    printf 'meta\tcores\t%s\n' "$(nproc)"
    printf 'meta\tkernel\t%s\n' "$(uname -sr)"
    printf 'meta\ttshark\t%s\n' "$(tshark --version 2>/dev/null | head -1)"
    printf 'meta\tplugin\t%s\n' "$plugin"
    printf 'meta\tplugin_sha256\t%s\n' "$(sha256sum "$plugin" | cut -c1-12)"
    if [[ $plugin == "$SRC"/* ]] && git -C "$SRC" rev-parse --git-dir >/dev/null 2>&1; then
        printf 'meta\tsource\t%s\n' "$(git -C "$SRC" describe --always --dirty)"
    fi
    printf 'meta\truns\t%s\n' "$runs"
    printf 'meta\tloadavg_start\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
    printf 'meta\ttable_loads\t%s\n' "$(IFS=,; echo "${table_list[*]}")"
    printf 'meta\tlinear_loads\t%s\n' "$(IFS=,; echo "${linear_list[*]}")"
    printf 'meta\tflood_loads\t%s\n' "$(IFS=,; echo "${flood_list[*]}")"
    printf 'meta\tlab_loads\t%s\n' "$(IFS=,; echo "${lab_list[*]}")"
    for entry in "${CASES[@]}"; do
        IFS='|' read -r name a b <<<"$entry"
        printf 'case\t%s\t%s\t%s\n' "$name" "$a" "$b"
    done
    for load in "${available[@]}"; do
        printf 'load\t%s\t%s\t%s\n' "$load" "$(connections "$load")" \
            "$(capinfos -c -M -T -r "$LOADS/$load.pcap" | cut -f2)"
    done
} > "$results"

# The page cache holds every load before the first timed run.
for load in "${available[@]}"; do cat "$LOADS/$load.pcap" > /dev/null; done
say "$runs run(s) of A and of B per cell; results in $results"

for load in "${table_list[@]}"; do
    have "$load" || continue
    for case in "${case_list[@]}"; do measure "$load" "$case"; done
done
for load in empty "${linear_list[@]}" "${flood_list[@]}" "${lab_list[@]}"; do
    have "$load" && measure "$load" read
done
printf 'meta\tloadavg_end\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" >> "$results"

"${REPORT[@]}" "$results" | tee "$report"
say "report in $report"
