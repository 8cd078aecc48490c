#!/usr/bin/env bash
# records-check.sh REPLAY CAPTURE GOLDEN [--write]
# The Zeek records of a sample capture, as tcpconn's Zeek module splits it
# (pcap2segs.sh, then the zeek_replay binary REPLAY with Zeek's defaults),
# must equal GOLDEN: one uid-less conn.log line per record (columns in
# zeek_replay.c).  --write rewrites GOLDEN instead; read the diff.
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail
replay=$1 capture=$2 golden=$3
here=$(cd "$(dirname "$0")" && pwd)
got=$(mktemp)
trap 'rm -f "$got"' EXIT
{
    echo "# ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes"
    "$here/pcap2segs.sh" "$capture" | "$replay"
} > "$got"
if [ "${4:-}" = --write ]; then
    cp "$got" "$golden"
    exit 0
fi
diff -u "$golden" "$got" || { echo "Zeek records of $(basename "$capture") differ from $golden"; exit 1; }
echo "Zeek records of $(basename "$capture") as expected"
