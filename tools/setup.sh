#!/usr/bin/env bash
# setup.sh -- on a fresh Debian 12 machine: installs the packages, builds the
# plugin, installs it where Wireshark loads it, and shows it at work on a
# bundled capture.  Installs the "tcpconn" configuration profile (its
# coloring rules) beside the plugin.
#   as root: into Wireshark's system plugin folder (Wireshark ignores a
#            root user's personal folder) and its global profiles folder
#            (/usr/share/wireshark/profiles/tcpconn)
#   as a user: into ~/.local/lib/wireshark/plugins/<version>/epan and
#            ~/.config/wireshark/profiles/tcpconn (apt-get through sudo)
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

tools/deps.sh

system=OFF
[ "$(id -u)" = 0 ] && system=ON
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTCPCONN_INSTALL_SYSTEM=$system > build.log 2>&1 \
    || { cat build.log; exit 1; }
cmake --build build -j"$(nproc)" >> build.log 2>&1 || { cat build.log; exit 1; }
cmake --install build | grep -v -e '^-- Install configuration' -e '/sample-pcaps/.*\.pcap$' || true
rm -f build.log

sample=sample-pcaps/handshake-data.pcap
echo
echo "== tshark -G plugins"
tshark -G plugins 2>/dev/null | grep tcpconn
echo
echo "== $sample with tcpconn: its tags end the Info column"
tshark -n -r "$sample" 2>/dev/null
echo
echo "== the annotated frames as fields (-Y tcpconn.event)"
tshark -n -r "$sample" -Y tcpconn.event -T fields -E header=y \
    -e frame.number -e tcpconn.role -e tcpconn.handshake.step -e tcpconn.handshake.kind \
    -e tcpconn.handshake.complete -e tcpconn.teardown.step -e tcpconn.teardown.kind \
    -e tcpconn.state.client -e tcpconn.state.server 2>/dev/null | column -t -s $'\t'
echo
echo
echo "== the connection, as the statistics table lists it"
tshark -n -r "$sample" -q -z tcpconn,conns 2>/dev/null | grep -v '^=*$'
echo
echo "== the flow graph (Statistics > Flow Graph, flow type TCP Connection Lifecycle)"
tshark -n -r "$sample" -q -z flow,tcpconn,standard 2>/dev/null
echo
echo "tcpconn is installed. Try: tshark -r $sample -O tcpconn -Y tcpconn.handshake"
echo "Its coloring profile: wireshark -C tcpconn (or the status bar's Profile menu)"
