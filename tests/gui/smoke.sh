#!/usr/bin/env bash
# smoke.sh CAPTURE OUTDIR
# The GUI smoke test (ctest -L gui; packages: tools/deps.sh --gui).  Starts
# the real Wireshark under Xvfb with the built plugin, the tcpconn profile
# (-C tcpconn) and CAPTURE, and
#   1. opens the "TCP Connection Lifecycles" statistics dialog at start-up
#      (-z tcpconn,conns: Wireshark opens -z dialogs once the file is read);
#   2. opens Statistics > Flow Graph and picks the flow type "TCP
#      Connection Lifecycle".  Neither has a shortcut or a mnemonic, so the
#      test reads the screen: it screenshots the open menu (or the open
#      list), finds the entry's text with tesseract and clicks it;
#   3. checks the graph shows tcpconn's labels ("ACK 3/3"), clicks the
#      first "FIN+ACK merged 2/3" arrow and checks the main window then
#      shows that frame ("Frame N:" in the packet details);
#   4. reloads the file (Ctrl+R) with the statistics dialog open;
#   5. quits with Ctrl+Q.
# It fails when Wireshark crashes or exits early, when a step's text is not
# on the screen, or when Wireshark's stderr has a warning, a critical
# message or any line naming tcpconn.  Screenshots are left in OUTDIR.
# Exits 77 (skipped) when the GUI packages are missing.
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../tshark-env.sh"
: "${TCPCONN_PROFILE:?TCPCONN_PROFILE must name the built profile folder}"
[ $# -eq 2 ] || { echo "usage: $0 CAPTURE OUTDIR" >&2; exit 2; }

for tool in Xvfb wireshark xdotool import convert tesseract; do
    command -v "$tool" > /dev/null || { echo "no $tool: run tools/deps.sh --gui; skipped"; exit 77; }
done

capture=$(stage "$1")
name=$(basename "$1")
out=$2
mkdir -p "$out"
rm -f "$out"/*.png "$out"/wireshark.stderr
mkdir -p "$tcpconn_stage/home/.config/wireshark/profiles"
cp -r "$TCPCONN_PROFILE" "$tcpconn_stage/home/.config/wireshark/profiles/tcpconn"
chmod -R a+rwX "$tcpconn_stage/home"
runtime="$tcpconn_stage/home/run"
run_as_tester mkdir -m 700 "$runtime"     # Qt wants its runtime folder private

# The background programs run as the test user, started directly (not in a
# subshell), so that $! is their own process id.
as_tester=(env -i PATH=/usr/bin:/bin HOME="$tcpconn_stage/home" LANG=C.UTF-8 TZ=UTC)
[ "$(id -u)" = 0 ] && as_tester=(setpriv --reuid=65534 --regid=65534 --clear-groups "${as_tester[@]}")

pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
    rm -rf "$tcpconn_stage"
}
trap cleanup EXIT

step() { echo "== $*"; }
fail() {
    echo "FAILED: $*"
    [ -s "$tcpconn_stage/ws.err" ] && { echo "-- Wireshark's stderr:"; cat "$tcpconn_stage/ws.err"; }
    cp "$tcpconn_stage/ws.err" "$out/wireshark.stderr" 2> /dev/null || true
    exit 1
}

# ---- the X server and Wireshark, as the test user ----
step "Xvfb"
"${as_tester[@]}" Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3> "$tcpconn_stage/display" 2> "$tcpconn_stage/xvfb.err" &
pids+=($!)
for _ in $(seq 50); do [ -s "$tcpconn_stage/display" ] && break; sleep 0.1; done
[ -s "$tcpconn_stage/display" ] || { cat "$tcpconn_stage/xvfb.err"; fail "Xvfb did not start"; }
export DISPLAY=":$(head -n 1 "$tcpconn_stage/display")"

step "wireshark -C tcpconn -r $name -z tcpconn,conns on $DISPLAY"
"${as_tester[@]}" DISPLAY="$DISPLAY" XDG_RUNTIME_DIR="$runtime" WIRESHARK_PLUGIN_DIR="$tcpconn_stage/plugins" \
    wireshark -C tcpconn -r "$capture" -z tcpconn,conns > "$tcpconn_stage/ws.out" 2> "$tcpconn_stage/ws.err" &
ws_pid=$!
pids+=("$ws_pid")

alive() { kill -0 "$ws_pid" 2> /dev/null || fail "Wireshark is gone (crashed or quit)"; }

window() {      # window TITLE-REGEX: the id of that window, waiting up to 60 s
    local id
    id=$(timeout 60 xdotool search --sync --name "$1" | head -n 1) || true
    [ -n "$id" ] || { alive; fail "no window titled /$1/"; }
    printf '%s\n' "$id"
}

shot() {        # shot FILE [WINDOW]: a screenshot of the screen or of one window
    sleep 1
    if [ -n "${2:-}" ]; then import -window "$2" "$out/$1"; else import -window root "$out/$1"; fi
}

find_text() {   # find_text IMAGE PHRASE [--crop WxH+X+Y] [--not WORD]: "x y" of the text, as OCR finds it
    python3 "$here/ocr-find.py" "$out/$1" "${@:2}" && return
    python3 "$here/ocr-find.py" "$out/$1" x "${@:3}" --all | sed 's/^/   ocr: /'
    fail "'$2' not found on $1"
}

click_text() {  # click_text IMAGE PHRASE [OPTIONS]: click on the text (on a screenshot of the screen)
    local at
    at=$(find_text "$@") || exit 1
    # shellcheck disable=SC2086
    xdotool mousemove $at click 1
}

see_text() {    # see_text IMAGE PHRASE [OPTIONS]: the text is on the screenshot
    find_text "$@" > /dev/null || exit 1
}

# ---- 1. the statistics dialog opened by -z ----
step "statistics dialog (-z tcpconn,conns)"
stats=$(window 'TCP Connection Lifecycles')
main=$(window "^$name\$")
xdotool windowmove "$main" 0 0 windowsize "$main" 1600 1000
xdotool windowmove "$stats" 560 420 windowsize "$stats" 1030 560 windowraise "$stats"
shot stats.png "$stats"
see_text stats.png "conn_state" --crop 1030x120+0+0

# ---- 2. Statistics > Flow Graph, flow type TCP Connection Lifecycle ----
step "Statistics > Flow Graph"
xdotool windowfocus --sync "$main"
xdotool key alt+s
shot menu.png
click_text menu.png "Flow Graph" --crop 500x800+250+20
flow=$(window ' · Flow · ')
xdotool windowmove "$flow" 0 0 windowsize "$flow" 1600 1000 windowraise "$flow"
shot flow-any.png
click_text flow-any.png "All Flows" --crop 1600x200+0+800
shot flow-types.png
see_text flow-types.png "TCP Connection Lifecycle (all frames)" --crop 1600x600+0+400
click_text flow-types.png "TCP Connection Lifecycle" --crop 1600x600+0+400 --not "frames)"
shot flow-graph.png "$flow"
see_text flow-graph.png "ACK 3/3" --crop 1600x300+0+0

# ---- 3. an arrow selects its frame ----
# The row of the capture's first FIN+ACK merged arrow, found by its time in
# the time column (digits on white read best); a click anywhere on the row
# selects the arrow.
read -r merged when < <(run_tshark -n -r "$capture" -Y 'tcpconn.teardown.merged == 1' \
                         -T fields -e frame.number -e frame.time_relative | head -n 1) || true
if [ -n "${merged:-}" ]; then
    when=$(printf '%.6f' "$when")
    step "click on the first 'FIN+ACK merged 2/3' arrow: frame $merged at $when s"
    read -r _ y < <(find_text flow-graph.png "$when" --crop 110x900+0+50) || exit 1
    xdotool mousemove 700 "$y" click 1
    sleep 1
    xdotool windowraise "$main"
    shot clicked.png "$main"
    see_text clicked.png "Frame $merged:" --crop 800x560+0+440
fi

# ---- 4. reload with the statistics dialog open ----
step "reload (Ctrl+R) with the statistics dialog open"
xdotool windowraise "$stats"
xdotool windowfocus --sync "$main" key ctrl+r
sleep 4
alive
xdotool windowraise "$stats"
shot stats-reloaded.png "$stats"
see_text stats-reloaded.png "conn_state" --crop 1030x120+0+0
shot reloaded.png

# ---- 5. quit ----
step "quit (Ctrl+Q)"
xdotool windowfocus --sync "$main" key ctrl+q
status=0
for _ in $(seq 100); do kill -0 "$ws_pid" 2> /dev/null || break; sleep 0.1; done
if kill -0 "$ws_pid" 2> /dev/null; then
    fail "Wireshark did not quit on Ctrl+Q"
fi
wait "$ws_pid" || status=$?
cp "$tcpconn_stage/ws.err" "$out/wireshark.stderr"
[ "$status" = 0 ] || fail "Wireshark exited with status $status"

# Wireshark's own notes about the environment are not the plugin's business
grep -v -e 'nl80211 not found' "$tcpconn_stage/ws.err" \
    | grep -i -e tcpconn -e warning -e critical -e error -e 'dissector bug' -e assert > "$tcpconn_stage/bad.txt" || true
[ ! -s "$tcpconn_stage/bad.txt" ] || { cat "$tcpconn_stage/bad.txt"; fail "warnings on Wireshark's stderr"; }
echo "GUI smoke test passed; screenshots in $out"
