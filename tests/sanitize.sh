#!/usr/bin/env bash
# sanitize.sh SOURCE_DIR BUILD_DIR [flow|noflow]
# Builds core and plugin with AddressSanitizer + UndefinedBehaviorSanitizer,
# then: the core and Zeek scenarios, the stress test, the fuzz harness over
# its corpus and regressions, every golden test in one and two passes (and
# one pass with every pair packed after each step) with
# the instrumented plugin inside the installed tshark, and tshark over
# randomly corrupted copies of the sample captures (fixed seeds).  Leak
# detection is on throughout.  Wireshark itself is not leak-free (its SSH
# dissector leaks inside libgcrypt on SSH captures, with or without
# tcpconn), so reports are attributed by their stacks (tests/soak/
# sanreport.py): known foreign leaks are suppressed (tests/soak/lsan.supp),
# other foreign reports are printed, and any report whose stack is in
# tcpconn fails, as does a crash.  The longer soak is tests/soak/soak.sh.
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail
src=$1
build=$2
flow=${3:-flow}     # noflow: the plugin has no flow graph (CMake's TCPCONN_FLOW_GRAPH)
here="$src/tests"

cmake -S "$src" -B "$build" -DTCPCONN_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug > "$build.configure.log" 2>&1 \
    || { cat "$build.configure.log"; exit 1; }
cmake --build "$build" -j2 > "$build.build.log" 2>&1 || { cat "$build.build.log"; exit 1; }

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# a leak is reported and attributed, it does not change the exit status
export LSAN_OPTIONS=exitcode=0

# fail_on_reports STDERR_FILE WHAT: fails when a report's stack is in tcpconn
fail_on_reports() {
    python3 "$here/soak/sanreport.py" "$1" > "$build.reports" \
        || { echo "FAIL $2"; cat "$build.reports"; exit 1; }
    grep 'foreign' "$build.reports" | sort -u || true
}

echo "== core and Zeek scenarios under ASan/UBSan"
for t in test_core test_zeek; do
    "$build/tests/$t" > "$build.$t.log" || { cat "$build.$t.log"; exit 1; }
    echo "$t: $(grep -c '^ok' "$build.$t.log") scenarios clean"
done
"$build/tests/stress_core" 20000 7 || exit 1
"$build/tests/fuzz_replay" "$here/fuzz/corpus" "$here/fuzz/regressions" 2> "$build.stderr" \
    || { cat "$build.stderr"; exit 1; }

plugin=$(find "$build/plugins" -name tcpconn.so | head -n 1)
export TCPCONN_PLUGIN="$plugin"
export TCPCONN_PRELOAD
TCPCONN_PRELOAD=$(gcc -print-file-name=libasan.so)

echo "== golden tests with the instrumented plugin"
n=0
for golden in "$here"/golden/*.frames; do
    capture="$src/sample-pcaps/$(basename "$golden" .frames).pcap"
    # packed: every pair packed after each step and woken by the next
    for mode in 1pass 2pass 1pass-packed; do
        packed=()
        [ "$mode" = 1pass-packed ] && packed=(TCPCONN_TEST_PACK_EVERY_STEP=1)
        env "${packed[@]}" "$here/tshark-check.sh" "${mode%-packed}" "$capture" "$golden" > /dev/null 2> "$build.stderr" \
            || { echo "FAIL $mode $(basename "$capture")"; cat "$build.stderr"; exit 1; }
        fail_on_reports "$build.stderr" "$mode $(basename "$capture")"
        n=$((n + 1))
    done
done
echo "$n golden runs clean"

. "$here/tshark-env.sh"

echo "== every table, the flow graphs and conn.log at once"
# All taps of the plugin in one tshark: each must own its state (two conns
# tables, one filtered), and the flow graphs and conn.log share the records.
# (A build without the flow graph, see tcpconn_compat.h, has no flow taps.)
flows=()
[ "$flow" = noflow ] || flows=(-z flow,tcpconn,standard -z flow,tcpconn_all,network)
n=0
for capture in "$src"/sample-pcaps/*.pcap; do
    for pass in "" "-2"; do
        rc=0
        run_tshark -n -r "$capture" $pass -q -z tcpconn,conns -z tcpconn,outcomes \
            -z 'tcpconn,conns,tcp.flags.syn == 1' -z 'tcpconn,outcomes,tcp.port == 5000' \
            -z tcpconn,connlog "${flows[@]}" \
            > /dev/null 2> "$build.stderr" || rc=$?
        fail_on_reports "$build.stderr" "all taps on $(basename "$capture") $pass"
        [ $rc -eq 0 ] || { echo "FAIL all taps on $(basename "$capture") $pass: exit $rc"; cat "$build.stderr"; exit 1; }
        n=$((n + 1))
    done
done
echo "$n runs with every tap clean${flows[*]:+ (with the flow graphs)}"

echo "== corrupted captures (editcap -E, fixed seeds)"
n=0
for capture in "$src"/sample-pcaps/*.pcap; do
    for seed in 1 2 3; do
        fuzzed="$tcpconn_stage/fuzz-$seed-$(basename "$capture")"
        editcap -E 0.03 --seed "$seed" "$capture" "$fuzzed" 2> /dev/null
        chmod a+r "$fuzzed"
        for pass in "" "-2"; do
            rc=0
            run_tshark -n -r "$fuzzed" $pass -V > /dev/null 2> "$build.stderr" || rc=$?
            fail_on_reports "$build.stderr" "on $(basename "$fuzzed") $pass"
            if [ $rc -ge 128 ] && ! grep -q foreign "$build.reports"; then
                echo "FAIL on $(basename "$fuzzed") $pass: exit $rc"; cat "$build.stderr"; exit 1
            fi
            n=$((n + 1))
        done
    done
done
echo "$n runs over corrupted captures clean"
