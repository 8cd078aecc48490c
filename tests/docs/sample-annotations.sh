#!/usr/bin/env bash
# sample-annotations.sh GOLDEN_DIR
# Prints the "What tcpconn shows" table of sample-pcaps/README.md from the
# hand-checked golden files: each capture's tagged frames and each
# connection's outcome, Zeek conn_state and history.
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail
dir=$1
echo "| capture | frames tagged by tcpconn (\`tcpconn.info\`) | connections: handshake / teardown, conn_state, history |"
echo "|---|---|---|"
for golden in "$dir"/*.frames; do
    name=$(basename "$golden" .frames)
    tags=$(awk 'match($0, / info="[^"]*"$/) { f = $2; sub(/:$/, "", f); printf "%s%s %s", sep, f, substr($0, RSTART + 7, RLENGTH - 8); sep = "; " }
                match($0, / info=[^" ][^ ]*$/) { f = $2; sub(/:$/, "", f); printf "%s%s %s", sep, f, substr($0, RSTART + 6); sep = "; " }' "$golden" | sed 's/|/\\|/g')
    conns=$(awk -F' [|]' '/^[0-9]+ [|]/ { gsub(/ /, "", $0); split($0, f, "|");
                printf "%s%s/%s %s, %s", sep, f[7], f[8], f[5], f[6]; sep = "; " }' "$dir/$name.tables")
    echo "| \`$name\` | $tags | $conns |"
done
