#!/usr/bin/env bash
# regen-check.sh SOURCE_DIR   (CTest label "regen"; root only, else skipped)
# Recaptures every real scenario with sample-pcaps/capture.sh into a scratch
# folder, runs tshark with the plugin over each fresh capture and compares
# the kinds of annotation it shows (handshake and teardown steps and kinds,
# reset kinds, retried segments, event names) with those of the committed
# capture's golden file.  Timings, ISNs and frame numbers differ from run to
# run, so only the set of kinds is compared.
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail
src=$1
[ "$(id -u)" = 0 ] || { echo "regen-check: needs root (network namespaces); skipped"; exit 77; }
here="$src/tests"
fresh=$(mktemp -d /tmp/tcpconn-regen.XXXXXX)
trap 'rm -rf "$fresh"' EXIT
"$src/sample-pcaps/capture.sh" -o "$fresh" all

# kinds GOLDEN_TSV: the set of annotation kinds in a golden-format file
kinds() {
    awk -F'\t' '
        NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        function v(name) { return $(col[name]) }
        {
            if (v("tcpconn.handshake.step") != "") print "handshake", v("tcpconn.handshake.step"), v("tcpconn.handshake.kind")
            if (v("tcpconn.teardown.step") != "") print "teardown", v("tcpconn.teardown.step"), v("tcpconn.teardown.kind")
            if (v("tcpconn.rst.kind") != "") print "rst", v("tcpconn.rst.kind")
            if (v("tcpconn.retry.segment") != "") print "retry", v("tcpconn.retry.segment")
            n = split(v("tcpconn.event"), ev, ",")
            for (i = 1; i <= n; i++) print "event", ev[i]
        }' "$1" | sort -u
}

failed=0
for pcap in "$fresh"/*.pcap; do
    name=$(basename "$pcap" .pcap)
    golden="$here/golden/$name.tsv"
    [ -f "$golden" ] || { echo "no golden file for $name"; failed=1; continue; }
    "$here/tshark-check.sh" write "$pcap" "$fresh/$name.tsv"
    if diff <(kinds "$golden") <(kinds "$fresh/$name.tsv") > "$fresh/$name.diff"; then
        echo "ok $name"
    else
        echo "FAIL $name: kinds differ (< committed, > fresh)"; cat "$fresh/$name.diff"; failed=1
    fi
done
exit $failed
