#!/usr/bin/env bash
# tshark-check.sh loaded
#     the plugin is listed by `tshark -G plugins` and registers its fields
# tshark-check.sh 1pass|2pass CAPTURE GOLDEN
#     tshark with the plugin over CAPTURE, one pass or two (-2), printing the
#     fields of tests/golden/fields.txt for every frame, one line a frame
#     with the fields that are set (tests/sparse.awk); the output must equal
#     GOLDEN exactly.  Both modes compare with the same file, so one pass and
#     two passes agree.
# tshark-check.sh tables CAPTURE GOLDEN [--write]
#     tshark -q -z tcpconn,conns -z tcpconn,outcomes, in one pass and in two:
#     both must print GOLDEN (the tables are final either way)
# tshark-check.sh summary1|summary2 CAPTURE GOLDEN [--write]
#     the Connection summary fields of every frame in one pass (so far, not
#     final) or two (final)
# tshark-check.sh expert CAPTURE GOLDEN [--write]
#     every frame's tcpconn expert infos (severity and message) in two passes;
#     one pass lacks only the verdicts that need the whole capture
# tshark-check.sh flow|flowall|flownet CAPTURE GOLDEN [--write]
#     the flow graph, -q -z flow,tcpconn,standard (flowall: flow type
#     tcpconn_all, every frame of the followed connections; flownet: the
#     network-address variant, -z flow,tcpconn,network): one pass and two
#     passes must print the same, without a word on stderr (a flow-graph
#     layout that disagrees with the library's warns there), and equal GOLDEN
# tshark-check.sh infotags CAPTURE
#     the tags lead the Info column by default, end it with
#     tcpconn.info_tags:end, and with :off each Info column equals the
#     others without exactly the frame's tcpconn.info tags
# tshark-check.sh connlog CAPTURE ZEEK_GOLDEN
#     -z tcpconn,connlog is Zeek's conn.log format and gives the records of
#     tests/golden/NAME.zeek; the same capture gives the same file twice
# tshark-check.sh write CAPTURE GOLDEN   (the per-frame golden, for tools/regen-golden.sh)
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
    run_tshark -n -r "$capture" "$@" -T fields -E header=y -E occurrence=a -E aggregator=, "${fields[@]}" \
        | awk -f "$here/sparse.awk"
}

compare() {     # compare OUTPUT GOLDEN [--write]
    if [ "${3:-}" = --write ]; then
        cp "$1" "$2"
    else
        diff -u "$2" "$1"
    fi
}

summary_fields=(-e frame.number -e tcpconn.summary.final -e tcpconn.stream -e tcpconn.lifecycle
                -e tcpconn.summary.handshake -e tcpconn.summary.teardown -e tcpconn.conn_state
                -e tcpconn.history -e tcpconn.zeek.record -e tcpconn.summary.closer -e tcpconn.summary.time_wait
                -e tcpconn.summary.pkts.orig -e tcpconn.summary.pkts.resp -e tcpconn.summary.bytes.orig
                -e tcpconn.summary.bytes.resp
                -e tcpconn.summary.last_frame -e tcpconn.retry.outcome -e tcpconn.summary.not_judged)

case "${1:-}" in
expert)
    # two passes against GOLDEN; one pass lacks only the verdicts that need
    # the whole capture (half-open, teardown not finished)
    capture=$(stage "$2")
    for opt in "" -2; do
        run_tshark -n -r "$capture" $opt -T pdml | python3 "$here/expert_infos.py" > "$tcpconn_stage/ex$opt.txt"
    done
    awk -F'\t' -v OFS='\t' '{
            ns = split($2, sev, "|"); split($3, msg, "|"); s = m = ""
            for (i = 1; i <= ns; i++) {
                if (msg[i] ~ /^(Half-open: |Teardown not finished |SYN never answered: )/) continue
                s = s (s == "" ? "" : "|") sev[i]; m = m (m == "" ? "" : "|") msg[i]
            }
            print $1, s, m
        }' "$tcpconn_stage/ex-2.txt" | diff -u - "$tcpconn_stage/ex.txt" \
        || { echo "one pass differs from two passes by more than the whole-capture verdicts"; exit 1; }
    compare "$tcpconn_stage/ex-2.txt" "$3" "${4:-}"
    echo "expert infos of $(basename "$2") as expected"
    ;;
flow|flowall|flownet)
    capture=$(stage "$2")
    type=tcpconn addr=standard
    [ "$1" = flowall ] && type=tcpconn_all
    [ "$1" = flownet ] && addr=network
    for opt in "" -2; do
        run_tshark -n -r "$capture" $opt -q -z "flow,$type,$addr" > "$tcpconn_stage/flow$opt.txt" 2> "$tcpconn_stage/flow$opt.err"
        [ ! -s "$tcpconn_stage/flow$opt.err" ] || { echo "tshark $opt -z flow,$type,$addr said:"; cat "$tcpconn_stage/flow$opt.err"; exit 1; }
    done
    [ -s "$tcpconn_stage/flow.txt" ] || { echo "-z flow,$type,$addr drew nothing"; exit 1; }
    diff -u "$tcpconn_stage/flow.txt" "$tcpconn_stage/flow-2.txt" || { echo "flow graph differs between one and two passes"; exit 1; }
    compare "$tcpconn_stage/flow.txt" "$3" "${4:-}"
    echo "flow graph ($type, $addr) of $(basename "$2") as expected: $(grep -c -- '-->\|<--' "$3") arrows"
    ;;
infotags)
    # the tags lead the Info column (a fence keeps them), at the end with
    # info_tags:end, and off leaves the rest of Info as it was
    capture=$(stage "$2")
    info_tsv() {    # info_tsv [tshark options...]: the Info column as shown, a tab, tcpconn.info
        run_tshark -n -r "$capture" "$@" "${ws_info_column[@]}" > "$tcpconn_stage/info.txt"
        run_tshark -n -r "$capture" "$@" -T fields -e tcpconn.info | paste "$tcpconn_stage/info.txt" -
    }
    info_tsv > "$tcpconn_stage/front.tsv"
    info_tsv -o tcpconn.info_tags:end > "$tcpconn_stage/end.tsv"
    run_tshark -n -r "$capture" -o tcpconn.info_tags:off "${ws_info_column[@]}" > "$tcpconn_stage/off.txt"
    awk -F'\t' '{ print ($2 == "") ? $1 : substr($1, length($2) + 2) }' "$tcpconn_stage/front.tsv" \
        | diff -u - "$tcpconn_stage/off.txt" || { echo "Info column with tags in front is not the tags, a space and the rest"; exit 1; }
    awk -F'\t' '$2 != "" && index($1, $2 " ") != 1 { bad = 1; print "tags not in front: " $0 } END { exit bad }' \
        "$tcpconn_stage/front.tsv"
    awk -F'\t' '{ print ($2 == "") ? $1 : substr($1, 1, length($1) - length($2) - 1) }' "$tcpconn_stage/end.tsv" \
        | diff -u - "$tcpconn_stage/off.txt" || { echo "Info column with tags at the end is not the rest, a space and the tags"; exit 1; }
    awk -F'\t' '$2 != "" && index($1, " " $2) != length($1) - length($2) { bad = 1; print "tags not at the end: " $0 } END { exit bad }' \
        "$tcpconn_stage/end.tsv"
    echo "$(awk -F'\t' '$2 != ""' "$tcpconn_stage/front.tsv" | wc -l) frames tagged in front or at the end; off leaves the rest of Info untouched"
    ;;
tables)
    capture=$(stage "$2")
    run_tshark -n -r "$capture" -q -z tcpconn,conns -z tcpconn,outcomes > "$tcpconn_stage/one.txt"
    run_tshark -n -r "$capture" -2 -q -z tcpconn,conns -z tcpconn,outcomes > "$tcpconn_stage/two.txt"
    diff -u "$tcpconn_stage/one.txt" "$tcpconn_stage/two.txt" || { echo "tables differ between one and two passes"; exit 1; }
    compare "$tcpconn_stage/one.txt" "$3" "${4:-}"
    echo "tables of $(basename "$2") as expected in one and two passes"
    ;;
summary1|summary2)
    capture=$(stage "$2")
    opts=()
    [ "$1" = summary2 ] && opts=(-2)
    run_tshark -n -r "$capture" "${opts[@]}" -T fields -E header=y "${summary_fields[@]}" \
        | awk -f "$here/sparse.awk" > "$tcpconn_stage/sum.txt"
    compare "$tcpconn_stage/sum.txt" "$3" "${4:-}"
    echo "$1 of $(basename "$2") as expected"
    ;;
connlog)
    # -z tcpconn,connlog, twice (the uids must not change), read back as
    # Zeek's TSV (tests/connlog-check.py) against the Zeek module's records
    capture=$(stage "$2")
    # checksums validated, as tests/zeek/pcap2segs.sh has them validated
    run_tshark -n -r "$capture" -o tcp.check_checksum:TRUE -q -z tcpconn,connlog > "$tcpconn_stage/conn.log"
    run_tshark -n -r "$capture" -o tcp.check_checksum:TRUE -q -z tcpconn,connlog > "$tcpconn_stage/conn2.log"
    cmp -s "$tcpconn_stage/conn.log" "$tcpconn_stage/conn2.log" || { echo "conn.log differs between two runs"; exit 1; }
    python3 "$here/connlog-check.py" "$tcpconn_stage/conn.log" "$3"
    ;;
loaded)
    run_tshark -G plugins > "$tcpconn_stage/plugins.txt"
    grep -q "tcpconn\.so.*$tcpconn_stage/plugins" "$tcpconn_stage/plugins.txt" \
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
    dump "$2" "${opts[@]}" > "$tcpconn_stage/out.frames"
    if [ "$1" = write ]; then
        cp "$tcpconn_stage/out.frames" "$3"
    else
        diff -u "$3" "$tcpconn_stage/out.frames"
        echo "$1 $(basename "$2"): $(wc -l < "$3") frames as expected"
    fi
    ;;
*)
    echo "usage: $0 loaded | 1pass|2pass|write CAPTURE GOLDEN" >&2
    exit 2
    ;;
esac
