# tshark-env.sh -- sourced by the test scripts.
# run_tshark ARGS...: runs the installed tshark with the plugin given by
# $TCPCONN_PLUGIN (a built tcpconn.so) and nothing from the user's folders.
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
cp "$TCPCONN_PLUGIN" "$tcpconn_stage/plugins/$TCPCONN_WS_MINOR/epan/"
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

run_tshark() {
    local vars=(WIRESHARK_PLUGIN_DIR="$tcpconn_stage/plugins")
    if [ -n "${TCPCONN_PRELOAD:-}" ]; then
        vars+=(LD_PRELOAD="$TCPCONN_PRELOAD" ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}"
               UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
               LSAN_OPTIONS="suppressions=$tcpconn_stage/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}")
    fi
    run_as_tester "${vars[@]}" tshark "$@"
}
