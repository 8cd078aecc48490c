#!/usr/bin/env bash
# run-fuzz.sh SECONDS [LIBFUZZER_OPTION...]
# Builds the core fuzz harness (tests/fuzz/fuzz_core.c) with Debian's clang,
# -fsanitize=fuzzer,address,undefined, and runs it for SECONDS seconds on one
# core, starting from the seed corpus (tests/fuzz/corpus, made from the
# sample captures by pcap2seed.py) and the recorded regressions
# (tests/fuzz/regressions).  New inputs go to build-fuzz/corpus, which
# persists between local runs.  A crash, a sanitizer report, a broken
# invariant or a slow input fails the run; the input is saved under
# findings/fuzz/ (git-ignored): minimise it with
#     build-fuzz/fuzz_core -minimize_crash=1 -runs=10000 findings/fuzz/crash-...
# and add it to tests/fuzz/regressions/ (the CTest entry fuzz.replay replays
# those on every run).  Extra options go to libFuzzer (e.g. -jobs=2).
# Environment: FUZZ_BUILD (default build-fuzz), CLANG (default clang),
# FUZZ_CFLAGS (extra compiler flags, e.g. -fno-sanitize=... to look past a
# known finding).
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:?usage: $0 SECONDS [LIBFUZZER_OPTION...]}
shift
build=${FUZZ_BUILD:-$top/build-fuzz}
clang=${CLANG:-clang}

command -v "$clang" > /dev/null || { echo "run-fuzz.sh: $clang not found (tools/deps.sh installs it)" >&2; exit 1; }
mkdir -p "$build/corpus" "$top/findings/fuzz"
# the pure core's sources, as CMakeLists.txt lists them for tcpconn_core
core_sources=$(sed -n '/add_library(tcpconn_core /,/)/p' "$top/CMakeLists.txt" | grep -o 'plugin/[a-z_]*\.c')
[ -n "$core_sources" ] || { echo "run-fuzz.sh: no tcpconn_core sources in CMakeLists.txt" >&2; exit 1; }
# shellcheck disable=SC2086  # one word per source
"$clang" -std=c11 -g -O1 -fno-omit-frame-pointer \
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined ${FUZZ_CFLAGS:-} \
    -I"$top/plugin" -I"$top/tests/unit" \
    "$top/tests/fuzz/fuzz_core.c" $(printf "$top/%s " $core_sources) \
    -o "$build/fuzz_core"

regressions=()
[ -n "$(ls -A "$top/tests/fuzz/regressions" 2>/dev/null | grep -v '^\.')" ] && regressions=("$top/tests/fuzz/regressions")
echo "== fuzz_core for ${seconds}s"
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
set +e
"$build/fuzz_core" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
    -use_value_profile=1 -print_final_stats=1 -artifact_prefix="$top/findings/fuzz/" "$@" \
    "$build/corpus" "$top/tests/fuzz/corpus" "${regressions[@]}" > "$build/fuzz.log" 2>&1
rc=$?
set -e
if [ $rc -ne 0 ]; then
    tail -n 60 "$build/fuzz.log"
    echo "run-fuzz.sh: FAIL (exit $rc); inputs saved:"
    grep -o "Test unit written to .*" "$build/fuzz.log" || true
    exit 1
fi
grep -E '^stat::(number_of_executed_units|new_units_added|peak_rss_mb)' "$build/fuzz.log" || true
grep -E '#[0-9]+ +(DONE|INITED)' "$build/fuzz.log" | tail -n 2 || true
echo "run-fuzz.sh: no crash in ${seconds}s"
