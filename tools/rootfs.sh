#!/usr/bin/env bash
# rootfs.sh -- Debian root filesystems for testing tcpconn on other Wireshark
# versions (tools/check-wireshark.sh) and for the package test
# (tests/deb-check.sh).  Root only.
#
#   rootfs.sh uri
#       the Debian archive of this machine's own apt configuration (the URIs
#       of /etc/apt/sources.list.d/*.sources or the deb lines of
#       sources.list that carry this system's own suite)
#   rootfs.sh dir NAME
#       where the root filesystem NAME lives: $TCPCONN_ROOTFS_DIR/NAME,
#       by default /var/cache/tcpconn/rootfs/NAME (outside the source tree)
#   rootfs.sh ensure SUITE NAME PACKAGE...
#       creates the root filesystem NAME of SUITE with mmdebstrap (installed
#       with apt-get when missing) and PACKAGEs, or reuses it when it is
#       already there, installing the PACKAGEs it lacks.  Fails with a clear
#       message when the archive cannot be reached.
#   rootfs.sh run NAME [--overlay] [--ro HOST_DIR:DIR]... -- COMMAND...
#       COMMAND chrooted into NAME, with /proc and /dev (and /dev/pts) mounted and each
#       HOST_DIR bind-mounted read-only at DIR, in a mount namespace of its
#       own (every mount goes when COMMAND ends).  --overlay runs it in a
#       scratch copy (overlayfs over NAME): NAME stays as it was.
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail

die() { echo "rootfs.sh: $*" >&2; exit 1; }

rootfs_base=${TCPCONN_ROOTFS_DIR:-/var/cache/tcpconn/rootfs}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg

# The URI of the stanza (deb822) or deb line whose suites include this
# system's own codename; the security archive and extra repositories carry
# other suite names.
archive_uri() {
    local codename uri
    codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
    [ -n "$codename" ] || die "no VERSION_CODENAME in /etc/os-release"
    uri=$(awk -v want="$codename" '
        function flush() {
            if (types ~ /(^| )deb( |$)/ && enabled != "no" && (" " suites " ") ~ (" " want " ") && uris != "") {
                split(uris, u, " "); print u[1]; found = 1; exit
            }
            types = uris = suites = enabled = ""
        }
        FNR == 1 { flush() }
        /^[ \t]*#/ { next }
        /^[ \t]*$/ { flush(); next }
        tolower($1) == "types:"   { $1 = ""; types = $0 }
        tolower($1) == "uris:"    { $1 = ""; uris = $0 }
        tolower($1) == "suites:"  { $1 = ""; suites = $0 }
        tolower($1) == "enabled:" { enabled = tolower($2) }
        END { if (!found) flush() }' /dev/null /etc/apt/sources.list.d/*.sources 2> /dev/null || true)
    if [ -z "$uri" ]; then
        uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2> /dev/null \
            | sed -e 's/#.*//' -e 's/\[[^]]*\]//' \
            | awk -v want="$codename" '$1 == "deb" && $3 == want { print $2; exit }')
    fi
    [ -n "$uri" ] || die "no deb source for suite '$codename' in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list"
    printf '%s\n' "${uri%/}"
}

# reachable URI SUITE: the archive answers with SUITE's Release file
reachable() {
    local tmp
    tmp=$(mktemp -d)
    if ! /usr/lib/apt/apt-helper -o APT::Sandbox::User=root download-file "$1/dists/$2/InRelease" "$tmp/InRelease" > "$tmp/log" 2>&1; then
        cat "$tmp/log" >&2
        rm -rf "$tmp"
        die "cannot reach the Debian archive of this machine's apt configuration ($1) for suite '$2':" \
            "no network, or no such suite there. Nothing was tested."
    fi
    rm -rf "$tmp"
}

# The archive's options that this machine's apt configuration sets (a proxy,
# validity checks of a snapshot), for apt inside the root filesystem.
host_aptopts() {
    apt-config dump | awk '
        $1 ~ /^Acquire::(https?::Proxy|Check-Valid-Until|Check-Date)$/ { sub(/;$/, ""); print "--aptopt=" $0 }'
}

ensure() {
    local suite=$1 name=$2; shift 2
    local dir="$rootfs_base/$name" uri missing=() p
    mkdir -p "$rootfs_base"
    exec {lock}> "$rootfs_base/$name.lock"
    flock "$lock"
    if [ -f "$dir/.tcpconn-rootfs" ]; then
        for p in "$@"; do
            chroot "$dir" dpkg-query -W -f='${Status}' "$p" 2> /dev/null | grep -q "install ok installed" || missing+=("$p")
        done
        if [ ${#missing[@]} -eq 0 ]; then
            echo "rootfs.sh: reusing $dir ($suite)"
            return
        fi
        uri=$(archive_uri)
        reachable "$uri" "$suite"
        echo "rootfs.sh: installing ${missing[*]} into $dir"
        cp /etc/resolv.conf "$dir/etc/resolv.conf" 2> /dev/null || true
        run_in "$name" -- sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" > /dev/null && apt-get clean' \
            sh "${missing[@]}"
        return
    fi
    command -v mmdebstrap > /dev/null || {
        echo "rootfs.sh: installing mmdebstrap"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mmdebstrap > /dev/null \
            || die "cannot install mmdebstrap with apt-get"
    }
    uri=$(archive_uri)
    reachable "$uri" "$suite"
    rm -rf "$dir.partial"
    echo "rootfs.sh: creating $dir ($suite, $# packages and their dependencies)"
    local opts
    mapfile -t opts < <(host_aptopts)
    # A half-made root filesystem is never reused: it is renamed when done.
    mmdebstrap --mode=root --variant=apt --format=directory --quiet "${opts[@]}" \
        --include="$(IFS=,; echo "$*")" \
        "$suite" "$dir.partial" "deb [signed-by=$keyring] $uri $suite main" \
        || die "mmdebstrap could not create the $suite root filesystem"
    printf 'suite %s\n' "$suite" > "$dir.partial/.tcpconn-rootfs"
    mv "$dir.partial" "$dir"
}

# run_in NAME [--overlay] [--ro HOST:DIR]... -- COMMAND...
run_in() {
    local name=$1; shift
    [ -f "$rootfs_base/$name/.tcpconn-rootfs" ] || die "no root filesystem $rootfs_base/$name (rootfs.sh ensure)"
    unshare --mount --propagation private -- "$0" _inside "$rootfs_base/$name" "$@"
}

# In the private mount namespace: the mounts, then the command.
inside() {
    local dir=$1 binds=(); shift
    root=$dir scratch=""      # global: the EXIT trap needs them
    while [ $# -gt 0 ]; do
        case "$1" in
        --overlay) scratch=$(mktemp -d /tmp/tcpconn-scratch.XXXXXX); shift ;;
        --ro) binds+=("$2"); shift 2 ;;
        --) shift; break ;;
        *) die "run: unknown option $1" ;;
        esac
    done
    # The namespace drops every mount when it ends; the trap also removes
    # the scratch layer.
    trap 'umount -R "$root" 2> /dev/null || true; [ -z "$scratch" ] || rm -rf "$scratch"' EXIT
    if [ -n "$scratch" ]; then
        mkdir -p "$scratch/upper" "$scratch/work" "$scratch/root"
        root="$scratch/root"
        mount -t overlay overlay -o "lowerdir=$dir,upperdir=$scratch/upper,workdir=$scratch/work" "$root"
    else
        mount --bind "$dir" "$dir"     # a mount point, for umount -R
    fi
    mount -t proc proc "$root/proc"
    mount --rbind /dev "$root/dev"     # with /dev/pts: script(1) needs a terminal
    local b
    for b in "${binds[@]}"; do
        mkdir -p "$root${b#*:}"
        mount --bind "${b%%:*}" "$root${b#*:}"
        mount -o remount,bind,ro "$root${b#*:}"
    done
    chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 TZ=UTC \
        DEBIAN_FRONTEND=noninteractive "$@"
}

[ "$(id -u)" = 0 ] || die "needs root (mmdebstrap, chroot, mounts)"
case "${1:-}" in
uri) archive_uri ;;
dir) printf '%s\n' "$rootfs_base/$2" ;;
ensure) shift; [ $# -ge 2 ] || die "usage: rootfs.sh ensure SUITE NAME PACKAGE..."; ensure "$@" ;;
run) shift; run_in "$@" ;;
_inside) shift; inside "$@" ;;
*) sed -n '2,/^# SPDX/p' "$0" | sed -e 's/^# \{0,1\}//' -e '$d' >&2; exit 2 ;;
esac
