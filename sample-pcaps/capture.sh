#!/usr/bin/env bash
# capture.sh - record tcpconn's real sample captures in private network namespaces.
#
# usage: capture.sh [-o DIR] all | NAME...    record the named scenarios (as root)
#        capture.sh --list                     list the scenario names
#
# Each scenario gets two fresh network namespaces, tcpc-cli-PID and
# tcpc-srv-PID, joined by a veth pair (client veth-c: 192.0.2.1/24 and
# 2001:db8::1/64, server veth-s: 192.0.2.2/24 and 2001:db8::2/64), with
# offloads off so each segment is one frame.  A scenario with an attacker
# (run.py topology NAME says "lan") gets a third namespace, tcpc-atk-PID
# (veth-a: 192.0.2.3/24, 2001:db8::3/64), and the three veths are joined by
# a bridge in a fourth, tcpc-lan-PID, whose ports do not learn addresses, so
# every frame is flooded to every other port as on a hub.  tcpdump listens on
# the client's veth; scenarios/run.py plays the scenario (client, server and
# attacker programs, drop rules) inside the namespaces.  Nothing is routed out of the namespaces and
# the host's interfaces and firewall are never touched.
#
# A scenario whose capture does not pass its check (run.py check NAME FILE)
# is recorded again, up to 3 attempts (or $TCPC_ATTEMPTS).  The output is NAME.pcap (classic pcap,
# snaplen 256) in DIR, by default the folder of this script.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SELF=$HERE/$(basename "${BASH_SOURCE[0]}")
RUN=(python3 -B "$HERE/scenarios/run.py")
ATTEMPTS=${TCPC_ATTEMPTS:-3}
SCENARIO_TIMEOUT=60

usage() {
    sed -n '4,5s/^# \{0,1\}//p' "$SELF"
    exit "${1:-2}"
}

die() {
    echo "capture.sh: $*" >&2
    exit 1
}

# wait_for SECONDS COMMAND...: retry COMMAND every 50 ms until it succeeds
# or SECONDS have passed.
wait_for() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@"; do
        ((SECONDS < deadline)) || return 1
        sleep 0.05
    done
}

# ---------------------------------------------------------------- one attempt
# Runs as its own process ("capture.sh --one NAME FILE") so that errexit and
# the cleanup trap cover exactly one pair of namespaces.

CLI="" SRV="" ATK="" LAN="" WORK="" RUNNER_PID="" TCPDUMP_PID=""

cleanup() {
    local pid ns
    for pid in $TCPDUMP_PID $RUNNER_PID; do
        kill "$pid" 2>/dev/null || true
    done
    for ns in $CLI $SRV $ATK $LAN; do
        [[ -e /var/run/netns/$ns ]] || continue
        for pid in $(ip netns pids "$ns" 2>/dev/null); do   # only what we started there
            kill -KILL "$pid" 2>/dev/null || true
        done
        ip netns del "$ns" 2>/dev/null || true
    done
    if [[ -n $WORK ]]; then rm -rf "$WORK"; fi
}

# offloads_off NS DEV
offloads_off() {
    if command -v ethtool >/dev/null; then
        # No segmentation or receive offloads: one frame per TCP segment on
        # the wire.  No checksum offload: captured checksums are correct.
        ip netns exec "$1" ethtool -K "$2" tso off gso off gro off tx off rx off >/dev/null
    fi
}

# setup_side NS DEV IPV4 IPV6
setup_side() {
    local ns=$1 dev=$2
    ip -n "$ns" link set lo up
    ip -n "$ns" addr add "$3/24" dev "$dev"
    ip -n "$ns" addr add "$4/64" dev "$dev" nodad
    offloads_off "$ns" "$dev"
    ip -n "$ns" link set "$dev" up
}

link_up() { ip -n "$1" link show "$2" | grep -q 'state UP'; }

make_namespaces() {
    ip netns add "$CLI"
    ip netns add "$SRV"
    ip -n "$CLI" link add veth-c type veth peer name veth-s netns "$SRV"
    setup_side "$CLI" veth-c 192.0.2.1 2001:db8::1
    setup_side "$SRV" veth-s 192.0.2.2 2001:db8::2
    wait_for 5 link_up "$CLI" veth-c || die "veth did not come up"
    wait_for 5 link_up "$SRV" veth-s || die "veth did not come up"
}

port_forwarding() { ip -n "$LAN" -d link show "$1" | grep -q 'state forwarding'; }

# Client, server and attacker, each on a veth whose peer (lan-c, lan-s,
# lan-a) is a port of bridge br0 in the namespace $LAN.  No port learns
# addresses (learning off, flooding on), so the bridge sends every frame to
# every port but the one it came in on: the attacker sees the client's and
# the server's frames, and the client (and its capture) sees what the
# attacker sends.  No spanning tree, so ports forward at once; no IPv6 on
# the bridge's own ports, so it sends nothing of its own.
make_lan() {
    local side ns dev
    ip netns add "$CLI"
    ip netns add "$SRV"
    ip netns add "$ATK"
    ip netns add "$LAN"
    ip netns exec "$LAN" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    ip -n "$LAN" link set lo up
    ip -n "$LAN" link add br0 type bridge stp_state 0
    for side in c s a; do
        case $side in c) ns=$CLI ;; s) ns=$SRV ;; a) ns=$ATK ;; esac
        ip -n "$LAN" link add "lan-$side" type veth peer name "veth-$side" netns "$ns"
        ip -n "$LAN" link set "lan-$side" master br0
        ip -n "$LAN" link set "lan-$side" type bridge_slave learning off flood on
        offloads_off "$LAN" "lan-$side"
        ip -n "$LAN" link set "lan-$side" up
    done
    ip -n "$LAN" link set br0 up
    setup_side "$CLI" veth-c 192.0.2.1 2001:db8::1
    setup_side "$SRV" veth-s 192.0.2.2 2001:db8::2
    setup_side "$ATK" veth-a 192.0.2.3 2001:db8::3
    # the attacker reads frames addressed to others
    ip -n "$ATK" link set veth-a promisc on
    for dev in veth-c:"$CLI" veth-s:"$SRV" veth-a:"$ATK"; do
        wait_for 5 link_up "${dev#*:}" "${dev%%:*}" || die "${dev%%:*} did not come up"
    done
    for dev in lan-c lan-s lan-a; do
        wait_for 5 port_forwarding "$dev" || die "bridge port $dev does not forward"
    done
}

# Set the per-namespace sysctls the scenario declares (run.py sysctls NAME).
apply_sysctls() {
    local side key value ns
    while read -r side key value; do
        case $side in
            cli) ns=$CLI ;;
            srv) ns=$SRV ;;
            atk) ns=$ATK ;;
            *) die "sysctl for unknown side '$side'" ;;
        esac
        [[ -n $ns ]] || die "a sysctl for the attacker, but no attacker namespace"
        if [[ -e /proc/sys/${key//.//} ]]; then
            ip netns exec "$ns" sysctl -qw "$key=$value"
        else
            echo "capture.sh: $key does not exist on this kernel; not set" >&2
        fi
    done < <("${RUN[@]}" sysctls "$1")
}

scene_ready() { [[ -e $WORK/ready ]] || ! kill -0 "$RUNNER_PID" 2>/dev/null; }
tcpdump_listening() { grep -qs 'listening on' "$WORK/tcpdump.log"; }
tcpdump_gone() { ! kill -0 "$TCPDUMP_PID" 2>/dev/null; }

stop_tcpdump() {
    kill -INT "$TCPDUMP_PID"
    if ! wait_for 5 tcpdump_gone; then
        kill -KILL "$TCPDUMP_PID" 2>/dev/null || true
    fi
    wait "$TCPDUMP_PID" 2>/dev/null || true
    TCPDUMP_PID=""
}

capture_one() {
    local name=$1 out=$2 rc=0 topology atk_args=()
    topology=$("${RUN[@]}" topology "$name")
    CLI=tcpc-cli-$$
    SRV=tcpc-srv-$$
    WORK=$(mktemp -d /tmp/tcpconn-capture.XXXXXX)
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM

    case $topology in
        pair) make_namespaces ;;
        lan)
            ATK=tcpc-atk-$$
            LAN=tcpc-lan-$$
            make_lan
            atk_args=(--atk "$ATK")
            ;;
        *) die "$name: unknown topology '$topology'" ;;
    esac
    apply_sysctls "$name"

    # The scenario sets its scene (drop rules, sockets), touches $WORK/ready,
    # then waits for $WORK/go before any segment of interest is sent.
    timeout -k 5 "$SCENARIO_TIMEOUT" "${RUN[@]}" run "$name" --cli "$CLI" --srv "$SRV" "${atk_args[@]}" --sync "$WORK" &
    RUNNER_PID=$!
    wait_for 20 scene_ready || die "$name: the scenario did not get ready"
    [[ -e $WORK/ready ]] || die "$name: the scenario failed before the capture"

    # --immediate-mode: segments reach tcpdump at once rather than in blocks
    # that are lost when it is stopped; -U: each is written at once.
    ip netns exec "$CLI" tcpdump --immediate-mode -U -Z root -i veth-c -s 256 \
        -w "$WORK/capture.pcap" tcp \
        2>"$WORK/tcpdump.log" &
    TCPDUMP_PID=$!
    wait_for 5 tcpdump_listening || die "tcpdump did not start: $(cat "$WORK/tcpdump.log")"
    sleep 0.5
    touch "$WORK/go"

    wait "$RUNNER_PID" || rc=$?
    RUNNER_PID=""
    sleep 0.3                       # let the last segments reach the capture
    stop_tcpdump
    ((rc == 0)) || die "$name: the scenario failed (exit $rc)"

    "${RUN[@]}" check "$name" "$WORK/capture.pcap"
    install -m 644 "$WORK/capture.pcap" "$out"
}

# ---------------------------------------------------------------- main

main() {
    local out=$HERE names=() name attempt rc failed=() start
    while (($#)); do
        case $1 in
            -o) (($# >= 2)) || usage; out=$2; shift 2 ;;
            --list) "${RUN[@]}" list; exit 0 ;;
            --one) shift; capture_one "$@"; exit 0 ;;
            -h|--help) usage 0 ;;
            -*) usage ;;
            all) mapfile -t -O "${#names[@]}" names < <("${RUN[@]}" list); shift ;;
            *) names+=("$1"); shift ;;
        esac
    done
    ((${#names[@]})) || usage
    ((EUID == 0)) || die "must run as root (it creates network namespaces)"
    local known
    known=$("${RUN[@]}" list)
    for name in "${names[@]}"; do
        grep -qx -- "$name" <<<"$known" || die "unknown scenario '$name' (see --list)"
    done
    local tool
    for tool in ip tcpdump nft timeout python3; do
        command -v "$tool" >/dev/null || die "$tool is missing"
    done
    command -v ethtool >/dev/null ||
        echo "capture.sh: ethtool missing: offloads stay on (apt-get install ethtool)" >&2
    mkdir -p "$out"

    trap 'exit 130' INT
    for name in "${names[@]}"; do
        start=$SECONDS
        for ((attempt = 1; attempt <= ATTEMPTS; attempt++)); do
            rc=0
            bash "$SELF" --one "$name" "$out/$name.pcap" || rc=$?
            ((rc != 130 && rc != 143)) || exit "$rc"
            ((rc != 0)) || break
            echo "capture.sh: $name: attempt $attempt failed" >&2
        done
        if ((rc == 0)); then
            printf '%-26s %3d frames  %3d s\n' "$name.pcap" \
                "$("${RUN[@]}" show "$out/$name.pcap" | wc -l)" $((SECONDS - start))
        else
            failed+=("$name")
        fi
    done
    if ((${#failed[@]})); then
        die "failed: ${failed[*]}"
    fi
}

main "$@"
