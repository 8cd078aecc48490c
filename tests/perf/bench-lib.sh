# shellcheck shell=bash disable=SC2154  # work, tmp, die and say come from the sourcing script
# bench-lib.sh - sourced by bench.sh and profile.sh: the loads, the two
# plugin folders and how tshark runs in them.
#
# usage: HERE=<tests/perf> work=<DIR> tmp=<scratch DIR> [plugin=<SO>]; . bench-lib.sh; bench_setup
#
# bench_setup makes DIR/loads, DIR/home and, in the scratch folder (so that
# two runs do not share them), the plugin folders plugins-A (a copy of the
# plugin) and plugins-B (empty); it sets minor (tshark's major.minor), plugin
# (absolute path; default the tree's build), LOADS and PLUGINS.
# SPDX-License-Identifier: GPL-2.0-or-later

bench_setup() {
    minor=$(tshark --version 2>/dev/null | sed -n '1s/.* \([0-9]*\.[0-9]*\)\..*/\1/p')
    [[ -n $minor ]] || die "cannot tell tshark's version"
    SRC=$(cd "$HERE/../.." && pwd)
    : "${plugin:=$SRC/build/plugins/$minor/epan/tcpconn.so}"
    [[ -f $plugin ]] || die "no plugin at $plugin (build it: cmake -S . -B build && cmake --build build)"
    plugin=$(cd "$(dirname "$plugin")" && pwd)/$(basename "$plugin")

    LOADS="$work/loads"
    mkdir -p "$LOADS" "$work/home"
    chmod 755 "$work" "$LOADS"
    chmod 1777 "$work/home"
    PLUGINS=$tmp
    chmod 755 "$PLUGINS"
    mkdir -p "$PLUGINS/plugins-A/$minor/epan" "$PLUGINS/plugins-B/$minor/epan"
    cp "$plugin" "$PLUGINS/plugins-A/$minor/epan/tcpconn.so"
    chmod -R a+rX "$PLUGINS/plugins-A" "$PLUGINS/plugins-B"
}

# load_file NAME: makes the load NAME (load-N, synflood-N, lab-N, empty) if it
# is not cached yet; prints its path, or nothing when it cannot be made here.
load_file() {
    local name=$1 file="$LOADS/$1.pcap" n=${1#*-}
    if [[ ! -s $file ]]; then
        case $name in
            empty) python3 -B "$HERE/make-load.py" 0 "$file.tmp" ;;
            load-*) say "making $name (make-load.py $n)"
                    python3 -B "$HERE/make-load.py" "$n" "$file.tmp" ;;
            synflood-*) say "making $name (make-synflood.py $n)"
                        python3 -B "$HERE/make-synflood.py" "$n" "$file.tmp" ;;
            lab-*)
                if ((EUID != 0)); then
                    say "skipping $name: the namespace lab needs root"
                    return 0
                fi
                say "making $name (make-labload.sh $n)"
                "$HERE/make-labload.sh" "$n" "$file.tmp" >&2 ;;
            *) die "unknown load $name (load-N, synflood-N, lab-N)" ;;
        esac
        chmod 644 "$file.tmp"
        mv "$file.tmp" "$file"
    fi
    printf '%s\n' "$file"
}

# connections NAME: how many TCP connections the load NAME holds
connections() {
    case $1 in
        empty) echo 0 ;;
        *) echo "${1#*-}" ;;
    esac
}

# tshark_prefix SIDE: sets PREFIX to the command that runs a program with plugin
# folder SIDE (A or B): as nobody when we are root, in a clean environment.
tshark_prefix() {
    PREFIX=(env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 TZ=UTC
            WIRESHARK_PLUGIN_DIR="$PLUGINS/plugins-$1")
    if ((EUID == 0)); then
        PREFIX=(setpriv --reuid=65534 --regid=65534 --clear-groups "${PREFIX[@]}")
    fi
}

# tshark_as SIDE ARGS...
tshark_as() {
    tshark_prefix "$1"
    shift
    "${PREFIX[@]}" tshark "$@"
}

# check_folders: tshark -G plugins lists A's tcpconn.so with A and no tcpconn
# with B; and nobody can read the loads.
check_folders() {
    tshark_as A -G plugins > "$tmp/listed-A" 2>&1 || die "tshark -G plugins failed with A: $(cat "$tmp/listed-A")"
    tshark_as B -G plugins > "$tmp/listed-B" 2>&1 || die "tshark -G plugins failed with B: $(cat "$tmp/listed-B")"
    grep -q "tcpconn\.so.*$PLUGINS/plugins-A/$minor/epan/tcpconn\.so" "$tmp/listed-A" ||
        die "A does not load $PLUGINS/plugins-A/$minor/epan/tcpconn.so:"$'\n'"$(cat "$tmp/listed-A")"
    if grep -q 'tcpconn' "$tmp/listed-B"; then
        die "B still loads a tcpconn:"$'\n'"$(cat "$tmp/listed-B")"
    fi
    load_file empty > /dev/null
    tshark_as B -r "$LOADS/empty.pcap" > /dev/null 2>&1 ||
        die "nobody cannot read $LOADS (use --work with a folder every user can enter)"
    say "plugin folders checked with tshark -G plugins: A loads $PLUGINS/plugins-A/$minor/epan/tcpconn.so, B no tcpconn"
}
