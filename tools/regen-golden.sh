#!/usr/bin/env bash
# regen-golden.sh [CAPTURE_NAME...]
# Rewrites the expected files of the tshark tests from the current build:
#   tests/golden/NAME.frames     per-frame fields (tests/golden/fields.txt), one line a frame
#   tests/golden/NAME.tables     -z tcpconn,conns and -z tcpconn,outcomes
#   tests/golden/NAME.flow       -z flow,tcpconn,standard (the flow graph)
#   tests/golden/NAME.flowall    (where it exists) -z flow,tcpconn_all,standard
#   tests/golden/NAME.summary1/2 (where they exist) summaries in one / two passes
#   tests/golden/NAME.annotate   (where it exists) comments written by tcpconn-annotate
#   tests/golden/NAME.zeek       Zeek records of the capture (tests/zeek/records-check.sh)
# Golden files are checked by hand once: read `git diff tests/golden` before
# committing what this writes.
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cmake --build "$top/build" > /dev/null
export TCPCONN_PLUGIN="$top/build/plugins/$(ls "$top/build/plugins")/epan/tcpconn.so"
golden="$top/tests/golden"
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
    for p in "$top"/sample-pcaps/*.pcap; do names+=("$(basename "$p" .pcap)"); done
fi
for name in "${names[@]}"; do
    pcap="$top/sample-pcaps/$name.pcap"
    "$top/tests/tshark-check.sh" write "$pcap" "$golden/$name.frames"
    "$top/tests/tshark-check.sh" tables "$pcap" "$golden/$name.tables" --write
    "$top/tests/tshark-check.sh" flow "$pcap" "$golden/$name.flow" --write
    for kind in summary1 summary2 expert flowall; do
        [ -f "$golden/$name.$kind" ] && "$top/tests/tshark-check.sh" $kind "$pcap" "$golden/$name.$kind" --write
    done
    [ -f "$golden/$name.annotate" ] && "$top/tests/annotate-check.sh" "$pcap" "$golden/$name.annotate" --write
    "$top/tests/zeek/records-check.sh" "$top/build/tests/zeek_replay" "$pcap" "$golden/$name.zeek" --write
    echo "wrote golden files of $name"
done
"$top/tools/update-docs.sh"
