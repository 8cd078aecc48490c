#!/usr/bin/env bash
# sanitize.sh SOURCE_DIR BUILD_DIR
# Builds core and plugin with AddressSanitizer + UndefinedBehaviorSanitizer,
# then: the core and Zeek scenarios, every golden test in one and two passes
# with the instrumented plugin inside the installed tshark, and tshark over
# randomly corrupted copies of the sample captures (fixed seeds).  Leak
# detection is on throughout (tshark 4.0 itself exits leak-free here, so a
# leak report points at the plugin).  Any sanitizer report or crash fails.
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail
src=$1
build=$2
here="$src/tests"

cmake -S "$src" -B "$build" -DTCPCONN_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug > "$build.configure.log" 2>&1 \
    || { cat "$build.configure.log"; exit 1; }
cmake --build "$build" -j2 > "$build.build.log" 2>&1 || { cat "$build.build.log"; exit 1; }

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

echo "== core and Zeek scenarios under ASan/UBSan"
for t in test_core test_zeek; do
    "$build/tests/$t" > "$build.$t.log" || { cat "$build.$t.log"; exit 1; }
    echo "$t: $(grep -c '^ok' "$build.$t.log") scenarios clean"
done
"$build/tests/stress_core" 20000 7 || exit 1

plugin=$(find "$build/plugins" -name tcpconn.so | head -n 1)
export TCPCONN_PLUGIN="$plugin"
export TCPCONN_PRELOAD
TCPCONN_PRELOAD=$(gcc -print-file-name=libasan.so)

echo "== golden tests with the instrumented plugin"
n=0
for golden in "$here"/golden/*.frames; do
    capture="$src/sample-pcaps/$(basename "$golden" .frames).pcap"
    for mode in 1pass 2pass; do
        "$here/tshark-check.sh" "$mode" "$capture" "$golden" > /dev/null 2> "$build.stderr" \
            || { echo "FAIL $mode $(basename "$capture")"; cat "$build.stderr"; exit 1; }
        if grep -qE 'AddressSanitizer|runtime error|LeakSanitizer' "$build.stderr"; then
            cat "$build.stderr"; exit 1
        fi
        n=$((n + 1))
    done
done
echo "$n golden runs clean"

echo "== corrupted captures (editcap -E, fixed seeds)"
. "$here/tshark-env.sh"
n=0
for capture in "$src"/sample-pcaps/*.pcap; do
    for seed in 1 2 3; do
        fuzzed="$tcpconn_stage/fuzz-$seed-$(basename "$capture")"
        editcap -E 0.03 --seed "$seed" "$capture" "$fuzzed" 2> /dev/null
        chmod a+r "$fuzzed"
        for pass in "" "-2"; do
            if ! run_tshark -n -r "$fuzzed" $pass -V > /dev/null 2> "$build.stderr"; then
                if grep -qE 'AddressSanitizer|runtime error|Segmentation|Aborted' "$build.stderr"; then
                    echo "FAIL on $(basename "$fuzzed") $pass"; cat "$build.stderr"; exit 1
                fi
            fi
            if grep -qE 'AddressSanitizer|runtime error' "$build.stderr"; then
                echo "FAIL on $(basename "$fuzzed") $pass"; cat "$build.stderr"; exit 1
            fi
            n=$((n + 1))
        done
    done
done
echo "$n runs over corrupted captures clean"
