#!/usr/bin/env bash
# soak.sh [--long] [--runs N] [--minutes M] [--seed S] [--workers W] [--kinds K,K...] [CAPTURE...]
# Builds tcpconn with ASan+UBSan (-DTCPCONN_SANITIZE=ON, in build-soak/, as
# tests/sanitize.sh does) and runs tests/soak/soak.py: mutated copies of
# every sample capture (or the CAPTUREs given) through tshark with the
# instrumented plugin, one pass and two, fields, -V and the -z tables.
# Defaults: 2000 runs within 15 minutes on 2 workers (what CI runs);
# --long: 10000 runs within 150 minutes.  Failing captures are kept under
# findings/soak/ (git-ignored).  Exits 1 on any finding.
# Environment: SOAK_BUILD (default build-soak), SOAK_FINDINGS (default
# findings/soak).
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${SOAK_BUILD:-$top/build-soak}
findings=${SOAK_FINDINGS:-$top/findings/soak}
args=(--runs 2000 --minutes 15 --workers 2)
captures=()
while [ $# -gt 0 ]; do
    case "$1" in
    --long) args+=(--runs 10000 --minutes 150); shift ;;
    --runs|--minutes|--seed|--workers|--kinds|--timeout) args+=("$1" "$2"); shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    -*) echo "soak.sh: unknown option $1" >&2; exit 2 ;;
    *) captures+=("$1"); shift ;;
    esac
done
[ ${#captures[@]} -gt 0 ] || captures=("$top"/sample-pcaps/*.pcap)

mkdir -p "$build"
cmake -S "$top" -B "$build" -DTCPCONN_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo > "$build/soak-configure.log" 2>&1 \
    || { cat "$build/soak-configure.log"; exit 1; }
cmake --build "$build" -j2 --target tcpconn > "$build/soak-build.log" 2>&1 || { cat "$build/soak-build.log"; exit 1; }
plugin=$(find "$build/plugins" -name tcpconn.so | head -n 1)
exec python3 "$top/tests/soak/soak.py" --plugin "$plugin" --findings "$findings" "${args[@]}" "${captures[@]}"
