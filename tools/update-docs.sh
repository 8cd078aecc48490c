#!/usr/bin/env bash
# update-docs.sh -- regenerates the README tables from plugin/tcpconn_defs.h.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cmake --build "$top/build" --target gen_docs > /dev/null
"$top/tests/docs/check-docs.sh" "$top/build/tests/gen_docs" "$top/README.md" --write
