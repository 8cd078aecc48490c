#!/usr/bin/env bash
# expert-seen-check.sh CAPTURE
# A tree built only for a filter on other fields gets tcpconn's items and
# expert infos only when someone looks at them.  Naming an expert field
# (-e _ws.expert.message) or running an expert tap (-z expert) is looking:
# each must show what the same run shows when the filter names tcpconn
# too (which always draws), frame by frame.  An expert tap with no filter
# (no tree at all) must get what it gets with a filter that builds one.
# mixed.pcap's first SYN is also checked by hand.
# Environment: see tshark-env.sh.
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/tshark-env.sh"
capture=$(stage "$1")
out=$tcpconn_stage
failed=0

# same WHAT OUTPUT_OTHER OUTPUT_TCPCONN
same() {
    if ! diff -u "$3" "$2" > "$out/diff"; then
        echo "FAIL: $1 differs from the run that names tcpconn"; cat "$out/diff"; failed=1
    else
        echo "ok: $1 ($(wc -l < "$2") lines as with tcpconn named)"
    fi
}

run_tshark -n -r "$capture" -Y 'tcp.flags.syn == 1' -T fields -e frame.number -e _ws.expert.message > "$out/e1"
run_tshark -n -r "$capture" -Y 'tcp.flags.syn == 1 && tcpconn' -T fields -e frame.number -e _ws.expert.message > "$out/e2"
grep -q 'TCPCONN\|Handshake step' "$out/e2" || { echo "FAIL: no tcpconn expert info at all"; exit 1; }
same "-e _ws.expert.message with -Y tcp.flags.syn == 1" "$out/e1" "$out/e2"

# A display filter on the expert fields (no -T fields, so no tree is shown
# on any version) finds tcpconn's expert infos: the frames whose message
# says "Handshake step" are those with a handshake step.
cols=(-o 'gui.column.format:"No.","%m"')
run_tshark -n -r "$capture" "${cols[@]}" -Y '_ws.expert.message contains "Handshake step"' > "$out/f1"
run_tshark -n -r "$capture" "${cols[@]}" -Y 'tcpconn.handshake.step' > "$out/f2"
[ -s "$out/f2" ] || { echo "FAIL: no handshake step at all"; exit 1; }
same "-Y on _ws.expert.message" "$out/f1" "$out/f2"

run_tshark -n -r "$capture" -Y 'tcp.flags.syn == 1' -q -z expert > "$out/z1"
run_tshark -n -r "$capture" -Y 'tcp.flags.syn == 1 && tcpconn' -q -z expert > "$out/z2"
same "-z expert with -Y tcp.flags.syn == 1" "$out/z1" "$out/z2"

# No filter, so no tree at all: the expert tap alone still gets tcpconn's
# expert infos, in one pass and in two (the final verdicts), as when a
# filter builds a tree.
for passes in "" -2; do
    run_tshark -n $passes -r "$capture" -q -z expert | grep TCPCONN > "$out/z3" || true
    run_tshark -n $passes -r "$capture" -Y frame -q -z expert | grep TCPCONN > "$out/z4" || true
    [ -s "$out/z4" ] || { echo "FAIL: no tcpconn expert info with -Y frame $passes"; exit 1; }
    same "-z expert without a filter ${passes:-(one pass)}" "$out/z3" "$out/z4"
done

if [ "$(basename "$1")" = mixed.pcap ]; then
    want=$'1\tConnection establish request (SYN): server port 5101,Handshake step 1/3: SYN (three-way)'
    got=$(head -n 1 "$out/e1")
    [ "$got" = "$want" ] || { echo "FAIL: frame 1 shows '$got'"; failed=1; }
fi
exit $failed
