#!/usr/bin/env bash
# run-tests.sh -- the whole test suite, as CI runs it: installs what is
# missing, builds, and runs CTest (unit, tshark golden one- and two-pass,
# sanitizer).  Extra arguments go to ctest (e.g. -R golden).  Not in it
# (root only): the capture regeneration tests, ctest -L regen, and the
# Debian package test, ctest -L deb.
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

tools/deps.sh
# the installed version's Wireshark headers from its Debian source package,
# for the flow.layout test (skipped when the archive cannot be reached)
ws_src=$(tools/ws-source.sh /var/tmp/tcpconn-ws-src) || ws_src=
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTCPCONN_WS_SOURCE_DIR="$ws_src" > /dev/null
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)" -LE 'regen|deb' "$@"
