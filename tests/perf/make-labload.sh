#!/usr/bin/env bash
# make-labload.sh - record a benchmark capture of real connections in private
# network namespaces (root only).
#
# usage: make-labload.sh CONNECTIONS OUT.pcap
#
# Makes two fresh namespaces, tcpc-bcli-PID and tcpc-bsrv-PID, joined by a
# veth pair (client veth-c: 192.0.2.1/24 and 2001:db8::1/64, server veth-s:
# 192.0.2.2/24 and 2001:db8::2/64; offloads off, so one frame per segment),
# listens with tcpdump on the client's veth and plays labload.py between
# them: CONNECTIONS short connections by the real Linux stacks, some refused
# and some reset.  Nothing leaves the namespaces; the host's interfaces and
# firewall are never touched; the namespaces are removed on exit, whatever
# happens.  The capture is written to OUT.pcap (classic pcap, snaplen 256).
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SELF=$HERE/$(basename "${BASH_SOURCE[0]}")

usage() {
    sed -n '5s/^# \{0,1\}//p' "$SELF" >&2
    exit 2
}

die() {
    echo "make-labload.sh: $*" >&2
    exit 1
}

(($# == 2)) || usage
connections=$1 out=$2
if ! [[ $connections =~ ^[0-9]+$ ]] || ((connections < 1 || connections > 60000)); then
    die "CONNECTIONS must be 1..60000"
fi
((EUID == 0)) || die "must run as root (it creates network namespaces)"
for tool in ip tcpdump python3 timeout; do
    command -v "$tool" >/dev/null || die "$tool is missing (tools/deps.sh installs it)"
done

CLI=tcpc-bcli-$$ SRV=tcpc-bsrv-$$
WORK="" TCPDUMP_PID=""

cleanup() {
    local pid ns
    if [[ -n $TCPDUMP_PID ]]; then kill "$TCPDUMP_PID" 2>/dev/null || true; fi
    for ns in $CLI $SRV; do
        [[ -e /var/run/netns/$ns ]] || continue
        for pid in $(ip netns pids "$ns" 2>/dev/null); do   # only what we started there
            kill -KILL "$pid" 2>/dev/null || true
        done
        ip netns del "$ns" 2>/dev/null || true
    done
    if [[ -n $WORK ]]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

wait_for() {           # wait_for SECONDS COMMAND...
    local deadline=$((SECONDS + $1))
    shift
    until "$@"; do
        ((SECONDS < deadline)) || return 1
        sleep 0.05
    done
}

setup_side() {         # setup_side NS DEV IPV4 IPV6
    local ns=$1 dev=$2
    ip -n "$ns" link set lo up
    ip -n "$ns" addr add "$3/24" dev "$dev"
    ip -n "$ns" addr add "$4/64" dev "$dev" nodad
    if command -v ethtool >/dev/null; then
        ip netns exec "$ns" ethtool -K "$dev" tso off gso off gro off tx off rx off >/dev/null
    fi
    ip -n "$ns" link set "$dev" up
}

link_up() { ip -n "$1" link show "$2" | grep -q 'state UP'; }
tcpdump_listening() { grep -q 'listening on' "$WORK/tcpdump.log"; }
tcpdump_gone() { ! kill -0 "$TCPDUMP_PID" 2>/dev/null; }

WORK=$(mktemp -d /tmp/tcpconn-labload.XXXXXX)
ip netns add "$CLI"
ip netns add "$SRV"
ip -n "$CLI" link add veth-c type veth peer name veth-s netns "$SRV"
setup_side "$CLI" veth-c 192.0.2.1 2001:db8::1
setup_side "$SRV" veth-s 192.0.2.2 2001:db8::2
wait_for 5 link_up "$CLI" veth-c || die "veth did not come up"
wait_for 5 link_up "$SRV" veth-s || die "veth did not come up"
# Room for every client port: a connection the client closed first stays in
# TIME_WAIT, holding its port, for the rest of the run.
ip netns exec "$CLI" sysctl -qw net.ipv4.ip_local_port_range="1024 65535"

ip netns exec "$CLI" tcpdump --immediate-mode -U -B 65536 -Z root -i veth-c -s 256 \
    -w "$WORK/capture.pcap" tcp 2>"$WORK/tcpdump.log" &
TCPDUMP_PID=$!
wait_for 5 tcpdump_listening || die "tcpdump did not start: $(cat "$WORK/tcpdump.log")"
sleep 0.5

start=$SECONDS
timeout -k 5 $((120 + connections / 50)) \
    python3 -B "$HERE/labload.py" --cli "$CLI" --srv "$SRV" "$connections"
sleep 0.5                       # let the last segments reach the capture
kill -INT "$TCPDUMP_PID"
wait_for 5 tcpdump_gone || kill -KILL "$TCPDUMP_PID" 2>/dev/null || true
wait "$TCPDUMP_PID" 2>/dev/null || true
TCPDUMP_PID=""
dropped=$(sed -n 's/^\([0-9]*\) packets dropped by kernel.*/\1/p' "$WORK/tcpdump.log")
if [[ -n $dropped && $dropped != 0 ]]; then
    echo "make-labload.sh: warning: tcpdump says $dropped packets dropped by kernel" >&2
fi
install -m 644 "$WORK/capture.pcap" "$out"
echo "make-labload.sh: $connections connections in $((SECONDS - start)) s," \
    "$(sed -n 's/^\([0-9]*\) packets captured.*/\1/p' "$WORK/tcpdump.log") frames -> $out"
