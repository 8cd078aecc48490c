#!/usr/bin/env bash
# annotate-errors.sh CAPTURE
# tools/tcpconn-annotate with an output it cannot write (no such folder, a
# folder it may not write in, a folder as the output, a read-only file) and
# with an input it cannot read: each must fail at once, before any tshark
# run (a tshark that records its calls comes first in PATH), with exit
# status 1 and one line on stderr, no Python traceback.
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/tshark-env.sh"
capture=$(stage "$1")
mkdir -p "$tcpconn_stage/tools" "$tcpconn_stage/fake" "$tcpconn_stage/locked" "$tcpconn_stage/out/dir"
cp "$here/../tools/tcpconn-annotate" "$here/../tools/pcapng_comments.py" "$tcpconn_stage/tools/"
printf '#!/bin/sh\necho "$@" >> %s/fake/calls\nexit 1\n' "$tcpconn_stage" > "$tcpconn_stage/fake/tshark"
chmod -R a+rX "$tcpconn_stage/tools" "$tcpconn_stage/fake"
chmod a+w "$tcpconn_stage/fake" "$tcpconn_stage/out"
chmod 555 "$tcpconn_stage/locked"
: > "$tcpconn_stage/out/readonly.pcapng"
chmod 444 "$tcpconn_stage/out/readonly.pcapng"

check() {   # check WHAT IN OUT EXPECTED-START
    local status=0
    run_as_tester PATH="$tcpconn_stage/fake:/usr/bin:/bin" \
        "$tcpconn_stage/tools/tcpconn-annotate" "$2" "$3" > "$tcpconn_stage/stdout" 2> "$tcpconn_stage/stderr" \
        || status=$?
    [ "$status" = 1 ] || { echo "$1: exit status $status, not 1"; cat "$tcpconn_stage/stderr"; exit 1; }
    [ "$(wc -l < "$tcpconn_stage/stderr")" = 1 ] && grep -q "^tcpconn-annotate: $4" "$tcpconn_stage/stderr" \
        || { echo "$1: not the one expected line on stderr:"; cat "$tcpconn_stage/stderr"; exit 1; }
    [ ! -e "$tcpconn_stage/fake/calls" ] || { echo "$1: tshark ran before the check"; exit 1; }
    echo "$1: $(cat "$tcpconn_stage/stderr")"
}

check "no such folder" "$capture" "$tcpconn_stage/missing/out.pcapng" "cannot write"
check "folder not writable" "$capture" "$tcpconn_stage/locked/out.pcapng" "cannot write"
check "output is a folder" "$capture" "$tcpconn_stage/out/dir" "cannot write"
check "read-only output" "$capture" "$tcpconn_stage/out/readonly.pcapng" "cannot write"
check "unreadable input" "$tcpconn_stage/missing.pcap" "$tcpconn_stage/out/x.pcapng" "cannot read"
[ -z "$(ls -A "$tcpconn_stage/locked" "$tcpconn_stage/out" | grep -v '^dir$\|^readonly.pcapng$\|:$\|^$')" ] \
    || { echo "left files behind:"; ls -la "$tcpconn_stage/out"; exit 1; }
echo "tcpconn-annotate refuses unwritable outputs up front, in one line"
