# sparse.awk -- turns tshark -T fields -E header=y output (tab-separated,
# frame.number first) into one line per frame with only the fields that are
# set, the "tcpconn." prefix dropped:
#     frame 7: role=server teardown.step=2 teardown.kind=three-way ...
# A value with a space is quoted.  Golden files keep this form so that a
# reviewer can check them against the capture by eye.
# SPDX-License-Identifier: GPL-2.0-or-later
BEGIN { FS = "\t" }
NR == 1 {
    for (i = 1; i <= NF; i++) {
        name[i] = $i
        sub(/^tcpconn\./, "", name[i])
    }
    next
}
{
    line = "frame " $1 ":"
    for (i = 2; i <= NF; i++) {
        if ($i == "")
            continue
        v = $i
        if (v ~ / /)
            v = "\"" v "\""
        line = line " " name[i] "=" v
    }
    print line
}
