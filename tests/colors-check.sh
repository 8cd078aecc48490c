#!/usr/bin/env bash
# colors-check.sh CAPTURE GOLDEN [FRAMES] [--write]
# tshark -2 --color with the built "tcpconn" profile (-C tcpconn, from
# $TCPCONN_PROFILE) over CAPTURE, or over only its frames FRAMES (editcap
# -r, e.g. 1-13: a close cut short).  tshark colours only a terminal, so it
# runs under script(1).  Each frame's colours are named after the first
# rule of the profile with those colours; "frame<TAB>rule" lines must equal
# GOLDEN.  Anything else tshark prints (a rule that does not parse or
# compile is reported there) fails the test.
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/tshark-env.sh"
: "${TCPCONN_PROFILE:?TCPCONN_PROFILE must name the built profile folder}"
capture=$(stage "$1")
golden=$2
frames=${3:-}
write=${4:-}
[ "$frames" = --write ] && { frames=; write=--write; }

profiles="$tcpconn_stage/home/.config/wireshark/profiles"
mkdir -p "$profiles"
cp -r "$TCPCONN_PROFILE" "$profiles/tcpconn"
chmod -R a+rwX "$tcpconn_stage/home"
if [ -n "$frames" ]; then
    editcap -r "$capture" "$tcpconn_stage/cut.pcap" "$frames"
    chmod a+r "$tcpconn_stage/cut.pcap"
    capture="$tcpconn_stage/cut.pcap"
fi
# SHELL: script(1) of util-linux 2.42 (Debian forky) runs the command with
# the user's login shell, which nobody does not have.
run_as_tester WIRESHARK_PLUGIN_DIR="$tcpconn_stage/plugins" COLORTERM=truecolor SHELL=/bin/sh \
    script -qec "tshark -2 -n -r '$capture' -C tcpconn --color" /dev/null > "$tcpconn_stage/colored.txt"
python3 - "$TCPCONN_PROFILE/colorfilters" "$tcpconn_stage/colored.txt" > "$tcpconn_stage/colors.txt" <<'PY'
import re, sys
rules = {}
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"@([^@]*)@[^@]*@\[(\d+),(\d+),(\d+)\]\[(\d+),(\d+),(\d+)\]", line)
    if m:
        bg, fg = tuple(int(v) >> 8 for v in m.groups()[1:4]), tuple(int(v) >> 8 for v in m.groups()[4:7])
        rules.setdefault((bg, fg), m.group(1))
esc = re.compile(r"\x1b\[38;2;(\d+);(\d+);(\d+)m\x1b\[48;2;(\d+);(\d+);(\d+)m\s*(\d+)\s")
bad = 0
for line in open(sys.argv[2], encoding="utf-8", errors="replace"):
    line = line.replace("\r", "").replace("\x1b[0m", "")
    if not line.strip():
        continue
    m = esc.match(line)
    if not m:
        print("tshark said: " + line.rstrip(), file=sys.stderr)
        bad = 1
        continue
    v = [int(x) for x in m.groups()[:6]]
    print("%s\t%s" % (m.group(7), rules.get((tuple(v[3:6]), tuple(v[0:3])), "no rule")))
sys.exit(bad)
PY
if [ "$write" = --write ]; then
    cp "$tcpconn_stage/colors.txt" "$golden"
    exit 0
fi
diff -u "$golden" "$tcpconn_stage/colors.txt"
echo "colours of $(basename "$1")${frames:+ (frames $frames)} as expected: $(grep -c $'\ttcpconn ' "$golden") frames by tcpconn rules"
