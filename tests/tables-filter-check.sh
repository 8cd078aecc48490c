#!/usr/bin/env bash
# tables-filter-check.sh CAPTURE
# A tap filter only chooses which connections the tables count; each row
# shows what its connection came to, in one pass as in two.
#   - A filter on frame fields chooses the connections with a matching
#     frame: the rows are those of the unfiltered table whose connection
#     (Stream, Conn) has a frame that -Y FILTER shows.
#   - A filter that names a Connection summary field is decided by the
#     connection's last frame, whose summary is final in one pass too: the
#     rows are those of the unfiltered table whose connection's last row
#     has the value.
# Both oracles come from other tshark runs (the unfiltered table, -Y), so
# the check does not repeat the plugin's own logic; mixed.pcap also has
# its expected stream lists written out here, checked by hand.
# Environment: see tshark-env.sh.
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/tshark-env.sh"
# Rows are matched by their Stream numbers, which ws_normalize would rank
# in each table on its own: compare tshark's own output.
export TCPCONN_RAW_OUTPUT=1
capture=$(stage "$1")
name=$(basename "$1" .pcap)
out=$tcpconn_stage

# rows TABLE_TEXT: the conns table's rows, one per line, as printed
rows() { awk '/^TCP connections$/ { on = 1; next } /^=+$/ { on = 0 } on && NF' "$1"; }

# table FILTER [TSHARK_OPTION]: the filtered conns table's rows
table() {
    run_tshark -n -r "$capture" ${2:-} -q -z "tcpconn,conns,$1" > "$out/t.txt"
    rows "$out/t.txt"
}

run_tshark -n -r "$capture" -q -z tcpconn,conns > "$out/all.txt"
rows "$out/all.txt" > "$out/all.rows"
[ -s "$out/all.rows" ] || { echo "no connections in $name"; exit 1; }

failed=0
# check WHAT FILTER EXPECTED_ROWS_FILE
check() {
    local pass
    for pass in "" "-2"; do
        table "$2" "$pass" > "$out/got.rows"
        if ! diff -u "$3" "$out/got.rows" > "$out/diff"; then
            echo "FAIL $name ${pass:-1 pass}: -z 'tcpconn,conns,$2' ($1)"; cat "$out/diff"; failed=1
        fi
    done
    echo "ok $name: '$2' chose $(wc -l < "$3") of $(wc -l < "$out/all.rows") rows ($1), in one pass and two"
}

# frame filters: the connections of the frames -Y shows
last=$(run_tshark -n -r "$capture" -T fields -e frame.number | tail -n 1)
for f in 'tcp.flags.syn == 1 && tcp.flags.ack == 0' 'tcp.flags.reset == 1' 'tcp.len > 0' \
         "frame.number == $last" 'tcp.flags.fin == 1'; do
    run_tshark -n -r "$capture" -2 -Y "$f" -T fields -e tcpconn.stream -e tcpconn.lifecycle \
        | awk -F'\t' '$1 != "" { print $1 " " $2 }' | sort -u > "$out/keys"
    awk -F' [|]' 'NR == FNR { want[$0] = 1; next } ($1 " " $2) in want' "$out/keys" "$out/all.rows" > "$out/want.rows"
    check "frame filter" "$f" "$out/want.rows"
done

# summary filters: the connections whose last row has the value
# check_summary COLUMN VALUE OP FILTER
check_summary() {
    awk -F' [|]' -v col="$1" -v value="$2" -v op="$3" '
        { key = $1 " " $2; last[key] = $col; rows[key] = rows[key] $0 "\n"; if (!(key in seen)) { seen[key] = 1; order[++n] = key } }
        END { for (i = 1; i <= n; i++) { k = order[i]; v = last[k]; sub(/^ /, "", v)
              if ((op == "==") == (v == value)) printf "%s", rows[k] } }' "$out/all.rows" > "$out/want.rows"
    check "summary filter" "$4" "$out/want.rows"
}
check_summary 6 SF '!=' 'tcpconn.conn_state != "SF"'
check_summary 6 S0 '==' 'tcpconn.conn_state == "S0"'
check_summary 9 three-way '==' 'tcpconn.summary.teardown == "three-way"'
check_summary 8 refused '==' 'tcpconn.summary.handshake == "refused"'

if [ "$name" = mixed ]; then
    # written out by hand from the capture: the refused (6) and the reset
    # (7) connections are the two not SF, three closed three-way
    for c in 'tcpconn.conn_state != "SF"|6 7' 'tcp.flags.reset == 1|6 7' \
             'tcpconn.summary.teardown == "three-way"|1 3 4' 'frame.number == 94|2'; do
        got=$(table "${c%%|*}" | awk -F' [|]' '{ printf "%s%s", sep, $1; sep = " " }')
        [ "$got" = "${c#*|}" ] || { echo "FAIL mixed: '${c%%|*}' chose streams '$got', not '${c#*|}'"; failed=1; }
    done
    run_tshark -n -r "$capture" -q -z 'tcpconn,outcomes,tcpconn.conn_state != "SF"' \
        | awk -F' [|]' '$3 + 0 > 0 { print $1 "/" $2 "=" $3 + 0 }' | sort | tr '\n' ' ' > "$out/outcomes"
    [ "$(cat "$out/outcomes")" = "handshake/refused=1 handshake/three-way=1 teardown/none=1 teardown/reset=1 " ] \
        || { echo "FAIL mixed outcomes of the connections not SF: $(cat "$out/outcomes")"; failed=1; }
fi
exit $failed
