#!/usr/bin/env bash
# deps.sh [--gui] -- installs, with apt-get, what tcpconn needs to build,
# test, make captures and benchmark on Debian 12.  Does nothing when
# everything is there.
#   --gui  also what the GUI smoke test needs (ctest -L gui): the Wireshark
#          GUI, a virtual X server, keyboard input and screenshots
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail

packages=(
    build-essential cmake pkg-config       # compiler and build
    wireshark-dev libglib2.0-dev tshark    # Wireshark 4.0 headers, libraries, tshark (also editcap, text2pcap)
    util-linux                             # setpriv: tests run tshark unprivileged when root
    python3                                # capture scenarios and crafted captures
    file                                   # the Debian package: CPack finds its shared-library dependencies
    clang libclang-rt-dev                  # libFuzzer and its sanitizers (tests/fuzz/run-fuzz.sh)
    iproute2 nftables tcpdump ethtool      # real captures in network namespaces
    time valgrind                          # tests/perf: /usr/bin/time (bench.sh), callgrind (profile.sh)
)
if [ "${1:-}" = --gui ]; then
    packages+=(
        wireshark-qt                       # the Wireshark GUI (same 4.0 libraries as tshark)
        xvfb xauth                         # a virtual X server to run it in
        xdotool                            # keyboard input and window lookup
        imagemagick                        # screenshots (import), image crops
        tesseract-ocr                      # reads menu entries off the screen to click them
    )
elif [ $# -gt 0 ]; then
    echo "usage: $0 [--gui]" >&2
    exit 2
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
if [ "$(id -u)" != 0 ]; then
    command -v sudo > /dev/null || { echo "deps.sh: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
fi
echo "deps.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
# tshark asks whether non-root users may capture; the default (no) is fine.
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
