#!/usr/bin/env bash
# build-deb.sh [BUILD_DIR]   (default: build-deb)
# Builds the Debian package of tcpconn for the Wireshark installed here
# (CPack's DEB generator, cmake/TcpconnPackage.cmake) in a build folder of
# its own configured for a system install, and prints the package's path:
#   BUILD_DIR/tcpconn_<version>+ws<wireshark minor>_<arch>.deb
# Install it with: apt install ./BUILD_DIR/tcpconn_*.deb
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build-deb}

cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTCPCONN_INSTALL_SYSTEM=ON > "$build.log" 2>&1 \
    || { cat "$build.log"; exit 1; }
rm -f "$build"/tcpconn_*.deb
cmake --build "$build" -j2 --target tcpconn >> "$build.log" 2>&1 || { cat "$build.log"; exit 1; }
(cd "$build" && cpack -G DEB) >> "$build.log" 2>&1 || { cat "$build.log"; exit 1; }
rm -f "$build.log"
ls "$build"/tcpconn_*.deb
