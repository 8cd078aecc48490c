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

# kinds GOLDEN: the set of annotation kinds in a golden file (sparse lines)
kinds() {
    awk '
        function v(name,   i) { for (i = 3; i <= NF; i++) if (index($i, name "=") == 1) return substr($i, length(name) + 2); return "" }
        {
            if (v("handshake.step") != "") print "handshake", v("handshake.step"), v("handshake.kind")
            if (v("teardown.step") != "") print "teardown", v("teardown.step"), v("teardown.kind")
            if (v("rst.kind") != "") print "rst", v("rst.kind")
            if (v("retry.segment") != "") print "retry", v("retry.segment")
            n = split(v("event"), ev, ",")
            for (i = 1; i <= n; i++) print "event", ev[i]
        }' "$1" | sort -u
}

failed=0
for pcap in "$fresh"/*.pcap; do
    name=$(basename "$pcap" .pcap)
    golden="$here/golden/$name.frames"
    [ -f "$golden" ] || { echo "no golden file for $name"; failed=1; continue; }
    "$here/tshark-check.sh" write "$pcap" "$fresh/$name.frames"
    if diff <(kinds "$golden") <(kinds "$fresh/$name.frames") > "$fresh/$name.diff"; then
        echo "ok $name"
    else
        echo "FAIL $name: kinds differ (< committed, > fresh)"; cat "$fresh/$name.diff"; failed=1
    fi
done
exit $failed
