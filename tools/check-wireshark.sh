#!/usr/bin/env bash
# check-wireshark.sh SUITE [CTEST_ARGS...]     e.g. check-wireshark.sh trixie
# Tests tcpconn at run time on Debian SUITE's Wireshark (trixie: 4.4), root only:
#   1. creates a root filesystem of SUITE with mmdebstrap from this machine's
#      own apt archive, with SUITE's wireshark-dev, tshark, build tools and
#      python3 (tools/rootfs.sh; reused when it is already there, in
#      /var/cache/tcpconn/rootfs/SUITE-build or $TCPCONN_ROOTFS_DIR);
#   2. bind-mounts this source tree into it read-only, builds tcpconn there
#      (warnings are errors, deprecations are counted) and runs the whole
#      CTest suite against SUITE's tshark: unit, golden one- and two-pass,
#      tables, annotate, expert, sanitizer, docs (CTEST_ARGS go to ctest,
#      e.g. -R golden);
#   3. builds the Debian package there (tools/build-deb.sh), copies it to
#      build-SUITE/ and runs the package test in a clean SUITE root
#      filesystem (tests/deb-check.sh).
# Fails, with a message saying so, when the archive cannot be reached; it
# never skips.  Prints the time each step took.
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 1 ] && [ "${1#-}" = "$1" ] || { sed -n '2,/^# SPDX/p' "$0" | sed -e 's/^# \{0,1\}//' -e '$d' >&2; exit 2; }
suite=$1; shift
[ "$(id -u)" = 0 ] || { echo "check-wireshark.sh: needs root (mmdebstrap, chroot)" >&2; exit 1; }

packages=(
    build-essential cmake pkg-config       # compiler (with libasan for the sanitizer test), build, dpkg-dev for the package
    wireshark-dev libglib2.0-dev           # the suite's Wireshark headers and libraries
    tshark wireshark-common                # tshark, editcap, capinfos
    util-linux python3                     # setpriv (tshark runs as nobody), the test drivers
    bsdutils                               # script: the colors tests give tshark a terminal (not essential from forky on)
    file                                   # CPack finds the package's shared-library dependencies with it
    iproute2 tcpdump                       # final.live: a live capture between network namespaces
)
out="$top/build-$suite"
started=$SECONDS
step() { echo "== check-wireshark $suite: $1 ($((SECONDS - started)) s so far)"; }

# One run at a time per suite: the build folders inside are shared.
root=$("$top/tools/rootfs.sh" dir "$suite-build")
mkdir -p "$(dirname "$root")"
exec {lock}> "$root.run.lock"
flock "$lock"

step "root filesystem"
"$top/tools/rootfs.sh" ensure "$suite" "$suite-build" "${packages[@]}"

step "build and CTest suite"
# In the root filesystem: /src is this tree (read-only), /out build-SUITE.
# shellcheck disable=SC2016
"$top/tools/rootfs.sh" run "$suite-build" --ro "$top:/src" -- bash -c '
    set -euo pipefail
    echo "$(tshark --version 2> /dev/null | head -n 1), $(gcc --version | head -n 1), $(cmake --version | head -n 1)"
    rm -rf /root/tcpconn /root/tcpconn-deb
    # Warnings are errors, but for what this Wireshark merely deprecates
    # (counted below): that still works, and the 4.0 names stay in use.
    cmake -S /src -B /root/tcpconn -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_C_FLAGS="-Werror -Wno-error=deprecated-declarations" > /root/configure.log \
        || { cat /root/configure.log; exit 1; }
    grep -E "building for|Performing Test TCPCONN_.* - |flow graph" /root/configure.log || true
    cmake --build /root/tcpconn -j2 > /root/build.log 2>&1 || { cat /root/build.log; exit 1; }
    sed -n "s/.*warning: \(.* is deprecated\).*/deprecated here: \1/p" /root/build.log | sort | uniq -c
    ctest --test-dir /root/tcpconn --output-on-failure -j2 -LE "regen|deb" "$@"
    /src/tools/build-deb.sh /root/tcpconn-deb' bash "$@"

step "package"
mkdir -p "$out"
rm -f "$out"/tcpconn_*.deb
cp "$root"/root/tcpconn-deb/tcpconn_*.deb "$out/"
deb=$(ls "$out"/tcpconn_*.deb)
"$top/tests/deb-check.sh" "$deb" "$suite"

step "done: tcpconn passes on $suite's Wireshark; package $deb"
