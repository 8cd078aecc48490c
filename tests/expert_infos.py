#!/usr/bin/env python3
"""expert_infos.py < PDML

Prints the expert infos that tcpconn added to each frame, one line a frame:
frame number, severities and messages ('|'-separated).  Only expert items
inside the tcpconn protocol subtree count, so other dissectors' expert infos
(which may differ between one and two passes) stay out.

SPDX-License-Identifier: GPL-2.0-or-later
"""
import sys
import xml.etree.ElementTree as ET

SEVERITY = {"Chat": "chat", "Note": "note", "Warning": "warn", "Error": "error"}


def experts(proto):
    for item in proto.iter("field"):
        if item.get("name") != "_ws.expert":
            continue
        fields = {f.get("name"): f for f in item.iter("field")}
        sev = fields["_ws.expert.severity"].get("showname", "").split(": ")[-1]
        yield SEVERITY.get(sev, sev), fields["_ws.expert.message"].get("show", "")


def main():
    for _, packet in ET.iterparse(sys.stdin, events=("end",)):
        if packet.tag != "packet":
            continue
        number = packet.find("proto[@name='frame']/field[@name='frame.number']").get("show")
        found = [e for proto in packet.findall("proto[@name='tcpconn']") for e in experts(proto)]
        print("%s\t%s\t%s" % (number, "|".join(s for s, _ in found), "|".join(m for _, m in found)))
        packet.clear()


if __name__ == "__main__":
    main()
