#!/usr/bin/env bash
# annotate-check.sh CAPTURE EXPECTED [--write]
# Runs tools/tcpconn-annotate on CAPTURE with the built plugin, then reads
# the packet comments of the pcapng it wrote back with plain tshark (no
# plugin needed) and compares "frame<TAB>comment" lines with EXPECTED.
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/tshark-env.sh"
capture=$(stage "$1")
mkdir -p "$tcpconn_stage/tools" "$tcpconn_stage/out"
cp "$here/../tools/tcpconn-annotate" "$here/../tools/pcapng_comments.py" "$tcpconn_stage/tools/"
chmod -R a+rX "$tcpconn_stage/tools"
chmod a+w "$tcpconn_stage/out"

out="$tcpconn_stage/out/annotated.pcapng"
run_as_tester "$tcpconn_stage/tools/tcpconn-annotate" --plugin-dir "$tcpconn_stage/plugins" "$capture" "$out"
# read back without the plugin: an empty plugin folder
mkdir -p "$tcpconn_stage/none" && chmod a+rx "$tcpconn_stage/none"
run_as_tester WIRESHARK_PLUGIN_DIR="$tcpconn_stage/none" tshark -n -r "$out" -T fields -e frame.number -e frame.comment \
    | awk -F'\t' '$2 != ""' > "$tcpconn_stage/comments.txt"
frames_in=$(capinfos -M -c "$capture" | awk '/Number of packets/ { print $NF }')
frames_out=$(capinfos -M -c "$out" | awk '/Number of packets/ { print $NF }')
[ "$frames_in" = "$frames_out" ] || { echo "frame count changed: $frames_in -> $frames_out"; exit 1; }
if [ "${3:-}" = --write ]; then
    cp "$tcpconn_stage/comments.txt" "$2"
    exit 0
fi
diff -u "$2" "$tcpconn_stage/comments.txt"
echo "annotated pcapng: $frames_out frames, $(wc -l < "$2") comments as expected"
