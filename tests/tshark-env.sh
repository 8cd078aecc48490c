# tshark-env.sh -- sourced by the test scripts.
# run_tshark ARGS...: runs the installed tshark with the plugin given by
# $TCPCONN_PLUGIN (a built tcpconn.so) and nothing from the user's folders;
# TCPCONN_PLUGIN=installed runs it with the plugin installed in Wireshark's
# system folder (the package test, tests/deb-check.sh).
#
# Wireshark refuses personal plugins and ignores WIRESHARK_PLUGIN_DIR when
# started as root, and CI runs as root: then tshark runs as nobody, from a
# staged copy of the plugin (the build and the captures may sit in folders
# nobody cannot enter).  Set TCPCONN_PRELOAD to preload a sanitizer runtime;
# LeakSanitizer then skips Wireshark's own known leaks (tests/soak/lsan.supp).
# SPDX-License-Identifier: GPL-2.0-or-later

: "${TCPCONN_PLUGIN:?TCPCONN_PLUGIN must name the built tcpconn.so}"
: "${TCPCONN_WS_MINOR:=$(tshark --version 2>/dev/null | sed -n '1s/.* \([0-9]*\.[0-9]*\)\..*/\1/p')}"

tcpconn_stage=$(mktemp -d /tmp/tcpconn-test.XXXXXX)
trap 'rm -rf "$tcpconn_stage"' EXIT
mkdir -p "$tcpconn_stage/plugins/$TCPCONN_WS_MINOR/epan" "$tcpconn_stage/home"
[ "$TCPCONN_PLUGIN" = installed ] || cp "$TCPCONN_PLUGIN" "$tcpconn_stage/plugins/$TCPCONN_WS_MINOR/epan/"
cp "$(dirname "${BASH_SOURCE[0]}")/soak/lsan.supp" "$tcpconn_stage/lsan.supp"
chmod -R a+rX "$tcpconn_stage"
chmod a+w "$tcpconn_stage/home"

# stage FILE: prints the path of a copy that tshark can read
stage() {
    local copy="$tcpconn_stage/$(basename "$1")"
    cp "$1" "$copy" && chmod a+r "$copy" && printf '%s\n' "$copy"
}

# run_as_tester [VAR=value...] COMMAND...: COMMAND in a clean environment,
# as nobody when we are root
run_as_tester() {
    local env=(env -i PATH=/usr/bin:/bin HOME="$tcpconn_stage/home" LANG=C.UTF-8 TZ=UTC)
    if [ "$(id -u)" = 0 ]; then
        setpriv --reuid=65534 --regid=65534 --clear-groups "${env[@]}" "$@"
    else
        "${env[@]}" "$@"
    fi
}

# ws_normalize fields|fields-header|tables: a filter that writes Wireshark's
# own text the way Wireshark 4.0 does, so that one golden file serves every
# version.  The differences it removes (4.0 against 4.4 and later):
#   - `-T fields` prints booleans as 1/0 in 4.0 and as True/False from 4.2 on,
#     and doubles with 15 significant digits up to 4.4 but with as many as
#     they need (up to 17) in 4.6: such values get 15 again.  Times (9
#     decimals) stay as they are.  (fields: each value of each column);
#   - tcp.stream numbers differ where Wireshark splits or joins conversations
#     differently (4.4 starts a new stream at a SYN-ACK that 4.0 keeps in the
#     old one): stream numbers are replaced by their rank of first appearance,
#     in the tcp.stream and tcpconn.stream columns (fields-header) and in the
#     Stream column of `-z tcpconn,conns` (tables).  A frame put in another
#     connection's stream still shows as a difference.
# Goldens are written through it too, so they hold the normalised form.
ws_normalize() {
    awk -v mode="$1" '
        function rank(v) { if (!(v in seen)) seen[v] = nseen++; return seen[v] }
        function long_double(v,    d) {
            if (v !~ /^-?[0-9]+\.[0-9]+$/ || v ~ /\.[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]$/) return 0
            d = v; gsub(/[-.]/, "", d); sub(/^0+/, "", d)
            return length(d) > 15
        }
        function values(s, stream,    n, a, j, out) {
            n = split(s, a, ",")
            for (j = 1; j <= n; j++) {
                if (a[j] == "True") a[j] = 1; else if (a[j] == "False") a[j] = 0
                else if (long_double(a[j])) a[j] = sprintf("%.15g", a[j])
                else if (stream && a[j] ~ /^[0-9]+$/) a[j] = rank(a[j])
                out = out (j > 1 ? "," : "") a[j]
            }
            return out
        }
        BEGIN { if (mode ~ /^fields/) FS = OFS = "\t"; nseen = 0 }
        mode == "fields-header" && FNR == 1 {
            for (i = 1; i <= NF; i++) if ($i == "tcp.stream" || $i == "tcpconn.stream") streamcol[i] = 1
            print; next
        }
        mode ~ /^fields/ { for (i = 1; i <= NF; i++) $i = values($i, i in streamcol); print; next }
        mode == "tables" && /^Stream \|/ { inconns = 1 }
        mode == "tables" && /^=+$/ { inconns = 0 }
        mode == "tables" && inconns && /^[0-9]+ \|/ { sub(/^[0-9]+/, rank($1)) }
        { print }'
}

# tshark options that print the Info column alone, as users see it.  (From
# 4.4 on, `-T fields -e _ws.col.Info` lacks what postdissectors append.)
ws_info_column=(-o 'gui.column.format:"Info","%i"')

# The normalisation run_tshark applies to output of tshark ARGS...
ws_output_kind() {
    local kind=none header=""
    while [ $# -gt 0 ]; do
        case "$1" in
        -T) [ "${2:-}" != fields ] || kind=fields ;;
        -Tfields) kind=fields ;;
        -E) [ "${2:-}" != header=y ] || header=-header ;;
        -Eheader=y) header=-header ;;
        -z*) [ "$kind" != none ] || kind=tables ;;
        esac
        shift
    done
    case "$kind" in fields) echo "fields$header" ;; *) echo "$kind" ;; esac
}

run_tshark() {
    local vars=(WIRESHARK_PLUGIN_DIR="$tcpconn_stage/plugins") kind
    [ "$TCPCONN_PLUGIN" != installed ] || vars=()
    [ -z "${TCPCONN_TEST_PACK_EVERY_STEP:-}" ] || vars+=(TCPCONN_TEST_PACK_EVERY_STEP=1)
    if [ -n "${TCPCONN_PRELOAD:-}" ]; then
        vars+=(LD_PRELOAD="$TCPCONN_PRELOAD" ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}"
               UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
               LSAN_OPTIONS="suppressions=$tcpconn_stage/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}")
    fi
    kind=$(ws_output_kind "$@")
    # TCPCONN_RAW_OUTPUT=1: a driver that compares two runs of the same
    # tshark with each other wants Wireshark's text as it is.
    if [ "$kind" = none ] || [ -n "${TCPCONN_RAW_OUTPUT:-}" ]; then
        run_as_tester "${vars[@]}" tshark "$@"
    else
        run_as_tester "${vars[@]}" tshark "$@" | ws_normalize "$kind"
    fi
}
