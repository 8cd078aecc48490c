#!/usr/bin/env bash
# update-docs.sh -- regenerates the generated sections of the READMEs: the
# reference tables (from plugin/tcpconn_defs.h) and what tcpconn shows in
# each sample capture (from the hand-checked golden files).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cmake --build "$top/build" --target gen_docs > /dev/null
"$top/tests/docs/check-docs.sh" "$top/README.md" tcpconn-defs --write -- "$top/build/tests/gen_docs"
"$top/tests/docs/check-docs.sh" "$top/sample-pcaps/README.md" sample-annotations --write -- \
    "$top/tests/docs/sample-annotations.sh" "$top/tests/golden"
