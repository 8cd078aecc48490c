#!/usr/bin/env bash
# ws-source.sh DIR -- unpacks the Wireshark source tree of the installed
# libwireshark-dev version into DIR (for tests/flow-layout-check.sh, which
# compares tcpconn_compat.h's flow graph declarations with the real
# epan/sequence_analysis.h).  The source package comes from the archives
# this machine's apt already uses: their "deb" entries become "deb-src"
# entries of a private apt configuration under DIR, so nothing of the
# system's apt state changes.  Only the epan/ headers are unpacked.
# Prints DIR's tree root on success; exits 1 (with a reason on stderr) when
# the source cannot be had, e.g. offline.
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail
dir=${1:?usage: $0 DIR}
version=$(dpkg-query -W -f '${Version}' libwireshark-dev 2>/dev/null) \
    || { echo "ws-source.sh: libwireshark-dev is not installed" >&2; exit 1; }
tree="$dir/wireshark-$version"
if [ -f "$tree/epan/sequence_analysis.h" ]; then
    echo "$tree"
    exit 0
fi
apt="$dir/apt"
mkdir -p "$apt/lists/partial" "$apt/archives/partial" "$apt/sources.list.d" "$dir/pkg"

# deb822 files: Types: deb -> deb-src; one-line lists: "deb " -> "deb-src "
for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    sed 's/^Types:.*\bdeb\b.*/Types: deb-src/' "$f" > "$apt/sources.list.d/$(basename "$f")"
done
: > "$apt/sources.list"
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    sed -n 's/^deb \(.*\)/deb-src \1/p' "$f" >> "$apt/sources.list"
done
opts=(-o Dir::Etc::SourceList="$apt/sources.list" -o Dir::Etc::SourceParts="$apt/sources.list.d"
      -o Dir::State::Lists="$apt/lists" -o Dir::Cache::Archives="$apt/archives"
      -o APT::Sandbox::User=root -o Debug::NoLocking=1 -o Acquire::Languages=none)
apt-get "${opts[@]}" -qq update > "$apt/update.log" 2>&1 || true
cd "$dir/pkg"
apt-get "${opts[@]}" -qq source --download-only "wireshark=$version" > "$apt/source.log" 2>&1 \
    || { echo "ws-source.sh: the wireshark $version source package is not in this machine's archives" >&2
         tail -n 3 "$apt/source.log" >&2; exit 1; }
orig=$(ls wireshark_*.orig.tar.* 2>/dev/null | head -n 1)
[ -n "$orig" ] || { echo "ws-source.sh: no orig tarball downloaded" >&2; exit 1; }
mkdir -p "$tree"
tar -xf "$orig" -C "$tree" --strip-components=1 --wildcards '*/epan/*.h' '*/wsutil/*.h' '*/ws_*.h' '*/include/*.h' 2> /dev/null \
    || tar -xf "$orig" -C "$tree" --strip-components=1 --wildcards '*/epan/*.h'
[ -f "$tree/epan/sequence_analysis.h" ] \
    || { echo "ws-source.sh: $orig has no epan/sequence_analysis.h" >&2; exit 1; }
echo "$tree"
