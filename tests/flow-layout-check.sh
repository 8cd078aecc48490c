#!/usr/bin/env bash
# flow-layout-check.sh WIRESHARK_SOURCE_DIR [CC [-DPROBE...]]
# Compiles tests/unit/seq_layout.c twice, once with the flow graph
# declarations of plugin/tcpconn_compat.h and once with the real
# epan/sequence_analysis.h of a Wireshark source tree of the installed
# version (Debian's source package carries it), and requires the same
# sizes and member offsets.  Exits 77 (skipped) without a source tree, or
# when the installed development package ships the header itself (then
# tcpconn uses it and declares nothing).  The -D options are the plugin's
# probe results, so tcpconn_compat.h reads as it does in the plugin.
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=${1:-}
cc=${2:-cc}
shift 2 || shift $#
[ -n "$src" ] && [ -f "$src/epan/sequence_analysis.h" ] \
    || { echo "no Wireshark source tree given (cmake -DTCPCONN_WS_SOURCE_DIR=...): skipped"; exit 77; }
[ ! -f /usr/include/wireshark/epan/sequence_analysis.h ] \
    || { echo "the installed package ships epan/sequence_analysis.h: nothing declared, skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
flags=(-std=c11 -I/usr/include/wireshark $(pkg-config --cflags glib-2.0) "$@")
"$cc" "${flags[@]}" -I"$here/../plugin" "$here/unit/seq_layout.c" -o "$tmp/declared"
"$cc" "${flags[@]}" -DTCPCONN_REAL_HEADER -I"$src" "$here/unit/seq_layout.c" -o "$tmp/real"
"$tmp/declared" > "$tmp/declared.txt"
"$tmp/real" > "$tmp/real.txt"
diff -u "$tmp/real.txt" "$tmp/declared.txt" \
    || { echo "tcpconn_compat.h's flow graph layout differs from $src/epan/sequence_analysis.h"; exit 1; }
echo "flow graph layout of tcpconn_compat.h matches $src/epan/sequence_analysis.h ($(wc -l < "$tmp/real.txt") sizes and offsets)"
