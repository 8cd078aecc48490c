#!/usr/bin/env bash
# tshark-check.sh loaded
#     the plugin is listed by `tshark -G plugins` and registers its fields
# tshark-check.sh 1pass|2pass CAPTURE GOLDEN
#     tshark with the plugin over CAPTURE, one pass or two (-2), printing the
#     fields of tests/golden/fields.txt for every frame; the output must equal
#     GOLDEN exactly.  Both modes compare with the same file, so one pass and
#     two passes agree.
# tshark-check.sh write CAPTURE GOLDEN   (used by regen-golden.sh)
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/tshark-env.sh"

fields_args() {
    local f
    while read -r f; do
        case "$f" in ''|'#'*) ;; *) printf -- '-e\n%s\n' "$f" ;; esac
    done < "$here/golden/fields.txt"
}

dump() {    # dump CAPTURE [tshark options...]
    local capture
    capture=$(stage "$1"); shift
    mapfile -t fields < <(fields_args)
    run_tshark -n -r "$capture" "$@" -T fields -E header=y -E occurrence=a -E aggregator=, "${fields[@]}"
}

case "${1:-}" in
loaded)
    run_tshark -G plugins > "$tcpconn_stage/plugins.txt"
    grep -q 'tcpconn\.so' "$tcpconn_stage/plugins.txt" \
        || { echo "tcpconn.so is not among tshark's plugins:"; cat "$tcpconn_stage/plugins.txt"; exit 1; }
    run_tshark -G fields | awk -F'\t' '$1 == "F" && $3 ~ /^tcpconn\./ { print $3 }' > "$tcpconn_stage/fields.txt"
    for f in tcpconn.handshake.step tcpconn.handshake.kind tcpconn.handshake.complete tcpconn.role \
             tcpconn.state.client tcpconn.state.server tcpconn.teardown.kind tcpconn.rst.kind tcpconn.retry; do
        grep -qx "$f" "$tcpconn_stage/fields.txt" || { echo "field $f is not registered"; exit 1; }
    done
    grep 'tcpconn\.so' "$tcpconn_stage/plugins.txt"
    echo "$(wc -l < "$tcpconn_stage/fields.txt") tcpconn fields registered"
    ;;
1pass|2pass|write)
    [ $# -eq 3 ] || { echo "usage: $0 $1 CAPTURE GOLDEN" >&2; exit 2; }
    opts=()
    [ "$1" = 2pass ] && opts=(-2)
    dump "$2" "${opts[@]}" > "$tcpconn_stage/out.tsv"
    if [ "$1" = write ]; then
        cp "$tcpconn_stage/out.tsv" "$3"
    else
        diff -u "$3" "$tcpconn_stage/out.tsv"
        echo "$1 $(basename "$2"): $(($(wc -l < "$3") - 1)) frames as expected"
    fi
    ;;
*)
    echo "usage: $0 loaded | 1pass|2pass|write CAPTURE GOLDEN" >&2
    exit 2
    ;;
esac
