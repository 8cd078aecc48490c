#!/usr/bin/env bash
# profile.sh - where tcpconn's cost goes, in instructions (valgrind callgrind),
# which a busy machine does not disturb.
#
# usage: profile.sh [--plugin SO] [--work DIR] [--connections N | --load NAME] [--top K] [--b-args 'ARGS'] [-- TSHARK-ARGS...]
#
#   --plugin SO       the tcpconn.so to profile (default: this tree's build)
#   --work DIR        work folder, shared with bench.sh (default /var/tmp/tcpconn-bench);
#                     the callgrind files are kept in DIR/profile-TIME/
#   --connections N   the load: tests/perf/make-load.py N (default 2000: 22 000 frames)
#   --load NAME       another load, named as in bench.sh: load-N, synflood-N, lab-N
#   --top K           functions listed per table (default 25)
#   TSHARK-ARGS       the run to profile, F standing for the load (default: -r F);
#                     A and B get the same arguments unless --b-args is given
#   --b-args 'ARGS'   B's arguments instead, split at spaces (as bench.sh's pairs:
#                     A asks for tcpconn output, B for the nearest without tcpconn)
#
# Runs tshark under callgrind four times, two at a time: A (with tcpconn) and
# B (tcpconn not loaded, as in bench.sh) on the load, and A and B on an empty
# capture, whose counts (start-up and shut-down) are subtracted.  Prints the
# instructions per frame of A and B and their difference, how much of it is
# tcpconn's own code and how much Wireshark's, and the functions of A's extra
# cost (callgrind_annotate, inclusive and self, A minus B, per frame).
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SELF=$HERE/$(basename "${BASH_SOURCE[0]}")

usage() {
    sed -n '5s/^# \{0,1\}//p' "$SELF" >&2
    exit 2
}

die() {
    echo "profile.sh: $*" >&2
    exit 1
}

say() { echo "profile.sh: $*" >&2; }

plugin="" work=/var/tmp/tcpconn-bench load=load-2000 top=25 targs=(-r F) bargs=()
while (($#)); do
    case $1 in
        --plugin) (($# >= 2)) || usage; plugin=$2; shift 2 ;;
        --work) (($# >= 2)) || usage; work=$2; shift 2 ;;
        --connections) (($# >= 2)) || usage; load=load-$2; shift 2 ;;
        --load) (($# >= 2)) || usage; load=$2; shift 2 ;;
        --top) (($# >= 2)) || usage; top=$2; shift 2 ;;
        --b-args) (($# >= 2)) || usage; read -r -a bargs <<< "$2"; shift 2 ;;
        --) shift; targs=("$@"); break ;;
        -h|--help) sed -n '2,/^# SPDX/s/^# \{0,1\}//p' "$SELF"; exit 0 ;;
        *) usage ;;
    esac
done
[[ $load =~ ^(load|synflood|lab)-[1-9][0-9]*$ ]] || die "no such load: $load (load-N, synflood-N, lab-N)"
for tool in tshark capinfos python3 valgrind callgrind_annotate; do
    command -v "$tool" >/dev/null || die "$tool is missing (tools/deps.sh installs it)"
done

tmp=$(mktemp -d /tmp/tcpconn-profile.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/perf/bench-lib.sh
. "$HERE/bench-lib.sh"
bench_setup
file=$(load_file "$load")
[[ -n $file ]] || die "cannot make $load here"
load_file empty > /dev/null
check_folders
frames=$(capinfos -c -M -T -r "$file" | cut -f2)

out="$work/profile-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
chmod 1777 "$out"

# callgrind SIDE NAME PCAP: one tshark run under callgrind, as nobody when root
callgrind() {
    local side=$1 name=$2 pcap=$3 args=() word words=("${targs[@]}")
    [[ $side == B ]] && ((${#bargs[@]})) && words=("${bargs[@]}")
    for word in "${words[@]}"; do
        [[ $word == F ]] && word=$pcap
        args+=("$word")
    done
    tshark_prefix "$side"
    "${PREFIX[@]}" valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.$side.$name" \
        tshark "${args[@]}" > /dev/null 2> "$out/valgrind.$side.$name.log" ||
        die "tshark under callgrind failed ($side $name): $(tail -5 "$out/valgrind.$side.$name.log")"
}

title="tshark ${targs[*]}, F = $load ($frames frames)"
((${#bargs[@]})) && title+="; B: tshark ${bargs[*]}"
say "callgrind: $title, A and B, then on an empty file (a few minutes)"
for name in load empty; do
    pcap=$file
    [[ $name == empty ]] && pcap=$LOADS/empty.pcap
    callgrind A "$name" "$pcap" &
    pid_a=$!
    callgrind B "$name" "$pcap" &
    pid_b=$!
    wait "$pid_a" || die "the A run failed"
    wait "$pid_b" || die "the B run failed"
done

for side in A B; do
    for name in load empty; do
        for inclusive in yes no; do
            callgrind_annotate --auto=no --threshold=100 --inclusive=$inclusive \
                "$out/callgrind.$side.$name" > "$out/annotate.$side.$name.$inclusive" 2>/dev/null
        done
    done
done

python3 -B "$HERE/profile-report.py" --frames "$frames" --top "$top" \
    --title "$title" "$out" |
    tee "$out/report.txt"
say "callgrind files in $out (callgrind_annotate or kcachegrind read them)"
