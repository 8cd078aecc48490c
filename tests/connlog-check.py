#!/usr/bin/env python3
"""connlog-check.py CONNLOG ZEEK_GOLDEN

Reads a conn.log written by `tshark -q -z tcpconn,connlog` as a Zeek user
would (zeek-cut semantics: the #fields line names the columns, #unset_field
marks unset values) and checks it:
  - the header: #separator \\x09, #path conn, #fields and #types exactly as
    Zeek's conn.log has them;
  - every uid is Zeek-shaped (C and 17 base-62 digits) and unique;
  - the records, column by column, equal the golden file of the Zeek module
    (tests/golden/NAME.zeek, written by tests/zeek/records-check.sh from
    segments that tshark extracts, through zeek_replay): the plugin's
    export and the module's replay agree.

SPDX-License-Identifier: GPL-2.0-or-later
"""
import re
import sys

FIELDS = ("ts uid id.orig_h id.orig_p id.resp_h id.resp_p proto service duration orig_bytes resp_bytes "
          "conn_state local_orig local_resp missed_bytes history orig_pkts orig_ip_bytes resp_pkts "
          "resp_ip_bytes tunnel_parents").split()
TYPES = ("time string addr port addr port enum string interval count count string bool bool count string "
         "count count count count set[string]").split()


def read_log(path):
    header, rows = {}, []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines[0] != "#separator \\x09":
        sys.exit("%s: first line is not '#separator \\x09': %r" % (path, lines[0]))
    for line in lines[1:]:
        if not line:
            continue
        if line.startswith("#"):
            key, _, value = line[1:].partition("\t")
            header[key] = value.split("\t") if key in ("fields", "types") else value
            continue
        rows.append(dict(zip(header["fields"], line.split("\t"))))
    return header, rows


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    header, rows = read_log(sys.argv[1])
    problems = []
    if header.get("path") != "conn" or header.get("unset_field") != "-":
        problems.append("#path or #unset_field is not Zeek's: %r" % header)
    if header.get("fields") != FIELDS:
        problems.append("#fields differ: %r" % header.get("fields"))
    if header.get("types") != TYPES:
        problems.append("#types differ: %r" % header.get("types"))
    uids = [r["uid"] for r in rows]
    if any(not re.fullmatch(r"C[0-9A-Za-z]{17}", u) for u in uids) or len(set(uids)) != len(uids):
        problems.append("uids not Zeek-shaped or not unique: %r" % uids)
    with open(sys.argv[2], encoding="utf-8") as f:
        golden = [l.rstrip("\n").split("\t") for l in f if not l.startswith("#")]
    columns = ("ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes resp_bytes conn_state "
               "missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes").split()
    # Zeek writes a record when it ends; compare them in one order
    got = sorted([r[c] for c in columns] for r in rows)
    golden = sorted(golden)
    if got != golden:
        problems.append("records differ from %s:\n  got      %r\n  expected %r" % (sys.argv[2], got, golden))
    if problems:
        sys.exit("\n".join(problems))
    print("conn.log of %d records as Zeek writes it, equal to %s" % (len(rows), sys.argv[2]))


if __name__ == "__main__":
    main()
