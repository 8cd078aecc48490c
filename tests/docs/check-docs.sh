#!/usr/bin/env bash
# check-docs.sh FILE NAME [--write] -- COMMAND [ARGS...]
# The section of FILE between <!-- BEGIN GENERATED: NAME --> and
# <!-- END GENERATED: NAME --> must equal what COMMAND prints; --write
# replaces it.  Used for the README tables generated from
# plugin/tcpconn_defs.h and for the sample-pcaps annotations generated from
# the golden files.
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail
file=$1 name=$2
shift 2
write=0
[ "${1:-}" = --write ] && { write=1; shift; }
[ "${1:-}" = -- ] && shift
begin="<!-- BEGIN GENERATED: $name -->"
end="<!-- END GENERATED: $name -->"
grep -qxF "$begin" "$file" && grep -qxF "$end" "$file" || { echo "markers for $name missing in $file"; exit 1; }
tmp=$(mktemp); trap 'rm -f "$tmp" "$tmp.new"' EXIT
"$@" > "$tmp"
if [ $write = 1 ]; then
    awk -v b="$begin" -v e="$end" -v f="$tmp" '
        $0 == b { print; while ((getline l < f) > 0) print l; skip = 1; next }
        $0 == e { skip = 0 }
        !skip { print }' "$file" > "$tmp.new"
    cat "$tmp.new" > "$file"
    exit 0
fi
awk -v b="$begin" -v e="$end" '$0 == e { p = 0 } p { print } $0 == b { p = 1 }' "$file" | diff -u - "$tmp" \
    || { echo "$file: section $name is out of date (tools/update-docs.sh)"; exit 1; }
echo "$file: section $name up to date"
