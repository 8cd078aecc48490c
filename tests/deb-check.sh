#!/usr/bin/env bash
# deb-check.sh DEB [SUITE]
# deb-check.sh --build BUILD_DIR [SUITE]   (tools/build-deb.sh BUILD_DIR first)
# The package test (CTest label "deb"; root only, else skipped).  Installs
# the package DEB into a clean scratch root filesystem of Debian SUITE (by
# default this system's own suite) that holds SUITE's tshark and nothing of
# tcpconn, and checks there that:
#   - `apt-get install ./DEB` installs it with no other package (its
#     libwiresharkNN is the one tshark uses) and puts tcpconn.so into
#     Wireshark's system plugin folder;
#   - `tshark -G plugins`, run as nobody, lists it from that folder;
#   - tshark with the installed plugin passes one golden test
#     (handshake-data, one pass, on the capture the package installs), and
#     uses the installed tcpconn profile when the package has one;
#   - `apt-get purge` removes it and leaves nothing behind: the same files
#     (all of /, less /proc, /dev, /tmp, /run and apt's caches and logs) and
#     the same packages as before the install.
# The scratch root filesystem is an overlay over tools/rootfs.sh's SUITE-tshark,
# which stays as it was.
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")

# --- inside the scratch root filesystem: /src is the source tree, /deb the package's folder
inside() {
    local deb=/deb/$1 minor sysdir
    local -a snapshot=(find / -xdev \( -path /proc -o -path /dev -o -path /tmp -o -path /run -o -path /var/cache
                       -o -path /var/log -o -path /var/lib/apt -o -path '/var/lib/dpkg/*-old' \) -prune -o -print)
    "${snapshot[@]}" | sort > /tmp/files-before
    dpkg-query -W -f='${Package}\n' | sort > /tmp/packages-before

    echo "== apt-get install ./$(basename "$deb")"
    apt-get install -y -qq --no-install-recommends "$deb" > /tmp/apt.log 2>&1 || { cat /tmp/apt.log; exit 1; }
    dpkg-query -W -f='${Package}\n' | sort | comm -13 /tmp/packages-before - > /tmp/packages-added
    [ "$(cat /tmp/packages-added)" = tcpconn ] \
        || { echo "FAIL: the install added other packages than tcpconn:"; cat /tmp/packages-added; exit 1; }
    minor=$(tshark --version 2> /dev/null | sed -n '1s/.* \([0-9]*\.[0-9]*\)\..*/\1/p')
    sysdir=$(dpkg -L tcpconn | grep "/wireshark/plugins/$minor/epan/tcpconn\.so$") \
        || { echo "FAIL: the package puts no tcpconn.so into a plugins/$minor/epan folder:"; dpkg -L tcpconn; exit 1; }
    echo "installed $sysdir ($(dpkg-query -W -f='${Version}, Depends: ${Depends}' tcpconn))"

    echo "== tshark -G plugins (as nobody)"
    mkdir -p /tmp/home && chmod 777 /tmp/home
    setpriv --reuid=65534 --regid=65534 --clear-groups env -i PATH=/usr/bin:/bin HOME=/tmp/home \
        tshark -G plugins > /tmp/plugins.txt
    grep -F "$sysdir" /tmp/plugins.txt | grep tcpconn \
        || { echo "FAIL: tshark does not list $sysdir:"; cat /tmp/plugins.txt; exit 1; }

    echo "== golden test with the installed plugin"
    TCPCONN_PLUGIN=installed /src/tests/tshark-check.sh 1pass \
        /usr/share/doc/tcpconn/sample-pcaps/handshake-data.pcap /src/tests/golden/handshake-data.frames
    if dpkg -L tcpconn | grep -q '/profiles/tcpconn/'; then
        echo "== the installed tcpconn profile (tshark -C tcpconn, as nobody)"
        setpriv --reuid=65534 --regid=65534 --clear-groups env -i PATH=/usr/bin:/bin HOME=/tmp/home \
            tshark -C tcpconn -n -c 1 -r /usr/share/doc/tcpconn/sample-pcaps/handshake-data.pcap \
            || { echo "FAIL: tshark cannot use the installed tcpconn profile"; exit 1; }
    fi

    echo "== apt-get purge tcpconn"
    apt-get purge -y -qq tcpconn > /tmp/apt.log 2>&1 || { cat /tmp/apt.log; exit 1; }
    dpkg-query -W -f='${Package}\n' | sort | diff -u /tmp/packages-before - \
        || { echo "FAIL: the packages differ from those before the install"; exit 1; }
    "${snapshot[@]}" | sort | diff -u /tmp/files-before - \
        || { echo "FAIL: files differ from those before the install"; exit 1; }
    echo "purged: the same $(wc -l < /tmp/files-before) files and $(wc -l < /tmp/packages-before) packages as before"
}

if [ "${1:-}" = --inside ]; then
    inside "$2"
    exit
fi

# --- on the host
[ "$(id -u)" = 0 ] || { echo "deb-check: needs root (chroot, mounts); skipped"; exit 77; }
case "${1:-}" in
--build) deb=$("$top/tools/build-deb.sh" "$2"); shift 2 ;;
''|-*) sed -n '2,/^# SPDX/p' "$0" | sed -e 's/^# \{0,1\}//' -e '$d' >&2; exit 2 ;;
*) deb=$(cd "$(dirname "$1")" && pwd)/$(basename "$1"); shift ;;
esac
[ -f "$deb" ] || { echo "deb-check: no package $deb" >&2; exit 2; }
suite=${1:-$(. /etc/os-release && echo "$VERSION_CODENAME")}

echo "== $(basename "$deb") on $suite"
# what a user has: the suite's tshark (util-linux for setpriv, mawk for the test driver)
"$top/tools/rootfs.sh" ensure "$suite" "$suite-tshark" tshark util-linux mawk
"$top/tools/rootfs.sh" run "$suite-tshark" --overlay --ro "$top:/src" --ro "$(dirname "$deb"):/deb" -- \
    bash /src/tests/deb-check.sh --inside "$(basename "$deb")"
echo "package test of $(basename "$deb") on $suite passed"
