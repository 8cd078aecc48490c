#!/usr/bin/env bash
# check-newer-wireshark.sh [SUITE]   (default: trixie, which has Wireshark 4.4)
# Builds the plugin against a newer Wireshark from Debian's archive without
# installing it: the development and library packages of SUITE are
# downloaded with a private apt state and unpacked into a scratch folder,
# and CMake is pointed at their WiresharkConfig.cmake.  Compiling and
# linking must succeed without warnings.  (Running that build needs the
# newer Wireshark and C library, so nothing is run.)
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
suite=${1:-trixie}
work=$(mktemp -d /tmp/tcpconn-ws.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/root"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $suite main" \
    > "$work/sources.list"
apt=(-o Dir::Etc::sourcelist="$work/sources.list" -o Dir::Etc::sourceparts=- \
     -o Dir::State::Lists="$work/lists" -o Dir::Cache="$work/cache" -o APT::Sandbox::User=root)
apt-get "${apt[@]}" update -qq
dev=(wireshark-dev libwireshark-dev libwsutil-dev libwiretap-dev)
libs=$(apt-cache "${apt[@]}" depends "${dev[@]}" | awk '/Depends: lib(wireshark|wiretap|wsutil)[0-9]/ { print $2 }' | sort -u)
(cd "$work" && apt-get "${apt[@]}" download "${dev[@]}" $libs > /dev/null)
for deb in "$work"/*.deb; do dpkg -x "$deb" "$work/root"; done
config=$(dirname "$(find "$work/root" -name WiresharkConfig.cmake | head -n 1)")
cmake -S "$top" -B "$work/build" -DWireshark_DIR="$config" -DCMAKE_C_FLAGS=-Werror | grep -E 'building for|PREFS_BOOL|flow graph'
cmake --build "$work/build" --target tcpconn -j"$(nproc)"
echo "tcpconn builds against $(grep -h WIRESHARK_VERSION_M "$work"/root/usr/include/wireshark/ws_version.h | awk '{printf "%s%s", sep, $3; sep="."}')"
