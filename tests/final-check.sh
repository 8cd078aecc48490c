#!/usr/bin/env bash
# final-check.sh   (root only, else skipped: network namespaces)
# "Final" means the whole capture has been read.  A capture that is still
# being made is never final: tshark reading a live capture through a pipe
# (tcpdump -w - | tshark -r -) and tshark capturing itself (tshark -i) must
# say tcpconn.summary.final 0 on every frame, while a file read in two
# passes says 1.  The traffic: three short connections between two network
# namespaces this script makes (and removes).
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail
[ "$(id -u)" = 0 ] || { echo "final-check: needs root (network namespaces); skipped"; exit 77; }
here=$(cd "$(dirname "$0")" && pwd)
. "$here/tshark-env.sh"

cli=tcpc-final-cli-$$ srv=tcpc-final-srv-$$
cleanup() {
    ip netns pids "$cli" 2>/dev/null | xargs -r kill 2>/dev/null || true
    ip netns pids "$srv" 2>/dev/null | xargs -r kill 2>/dev/null || true
    ip netns del "$cli" 2>/dev/null || true
    ip netns del "$srv" 2>/dev/null || true
    rm -rf "$tcpconn_stage"
}
trap cleanup EXIT
ip netns add "$cli"
ip netns add "$srv"
ip link add fin-c type veth peer name fin-s
ip link set fin-c netns "$cli"
ip link set fin-s netns "$srv"
ip -n "$cli" addr add 192.0.2.1/24 dev fin-c
ip -n "$srv" addr add 192.0.2.2/24 dev fin-s
for ns in "$cli" "$srv"; do ip -n "$ns" link set lo up; done
ip -n "$cli" link set fin-c up
ip -n "$srv" link set fin-s up

ip netns exec "$srv" python3 -c '
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("192.0.2.2", 5999)); s.listen(8); s.settimeout(30)
while True:
    c, _ = s.accept(); c.sendall(c.recv(100)); c.close()
' &

traffic() {
    sleep 1.5
    ip netns exec "$cli" python3 -c '
import socket, time
for i in range(3):
    c = socket.create_connection(("192.0.2.2", 5999), timeout=5)
    c.sendall(b"x" * 100); c.recv(100); c.close(); time.sleep(0.2)
'
    sleep 1
}

fields=(-T fields -e frame.number -e tcpconn.summary.final -e tcpconn.conn_state)
check() {   # check NAME FILE
    local frames finals
    frames=$(awk -F'\t' '$3 != ""' "$2" | wc -l)
    finals=$(awk -F'\t' '$2 == "1" || $2 == "True"' "$2" | wc -l)
    [ "$frames" -ge 20 ] || { echo "$1: only $frames frames with a summary:"; cat "$2"; exit 1; }
    [ "$finals" = 0 ] || { echo "$1: $finals frames say final while the capture went on:"; cat "$2"; exit 1; }
    echo "$1: $frames frames, none final"
}

# tcpdump -w - | tshark -r -: a live capture through a pipe
ip netns exec "$cli" tcpdump -U -q -i fin-c -w - 2> /dev/null \
    | run_tshark -n -l -r - "${fields[@]}" > "$tcpconn_stage/pipe.tsv" 2> /dev/null &
traffic
ip netns pids "$cli" | xargs -r kill 2> /dev/null || true
wait $! 2> /dev/null || true
check "tcpdump -w - | tshark -r -" "$tcpconn_stage/pipe.tsv"

# tshark -i: tshark capturing, as nobody with the capture capabilities
# (Wireshark reads no plugin folder when started as root)
ip netns exec "$cli" setpriv --reuid=65534 --regid=65534 --clear-groups \
    --inh-caps=+net_raw,+net_admin --ambient-caps=+net_raw,+net_admin \
    env -i PATH=/usr/bin:/bin HOME="$tcpconn_stage/home" WIRESHARK_PLUGIN_DIR="$tcpconn_stage/plugins" \
    tshark -n -l -i fin-c -a duration:5 "${fields[@]}" > "$tcpconn_stage/live.tsv" 2> "$tcpconn_stage/live.err" &
live=$!
traffic
wait "$live" || { echo "tshark -i failed:"; cat "$tcpconn_stage/live.err"; exit 1; }
check "tshark -i" "$tcpconn_stage/live.tsv"

# the contrast: the same traffic read back from a file in two passes is final
ip netns exec "$cli" tcpdump -U -q -i fin-c -w "$tcpconn_stage/file.pcap" 2> /dev/null &
traffic
ip netns pids "$cli" | grep -v "^$" | xargs -r kill 2> /dev/null || true
sleep 0.5
chmod a+r "$tcpconn_stage/file.pcap"
run_tshark -n -2 -r "$tcpconn_stage/file.pcap" "${fields[@]}" > "$tcpconn_stage/two.tsv" 2> /dev/null
[ "$(awk -F'\t' '$2 == "1" || $2 == "True"' "$tcpconn_stage/two.tsv" | wc -l)" -ge 20 ] \
    || { echo "the file read in two passes is not final:"; cat "$tcpconn_stage/two.tsv"; exit 1; }
echo "the same traffic from a file, two passes: final"
