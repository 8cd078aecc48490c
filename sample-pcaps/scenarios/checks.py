"""Small assertions the scenario checks are written with.

Each takes the segment list from pcapread.read_segments() and raises
AssertionError with a readable message when the capture does not show what
the scenario was meant to produce.
"""


def expect(condition, message, segments=None):
    if not condition:
        if segments is not None:
            message += "\n  " + "\n  ".join(map(repr, segments))
        raise AssertionError(message)


def find(segments, test, start=0):
    """Index of the first segment from `start` on that passes `test`, or None."""
    for i in range(start, len(segments)):
        if test(segments[i]):
            return i
    return None


def kinds(segments):
    """'c:S s:SA c:A ...' for compact comparisons and messages."""
    return " ".join(f"{seg.side}:{seg.kind}" for seg in segments)


def handshake_at(segments, i=0):
    """Segments i..i+2 are SYN (client), SYN-ACK (server), ACK (client) with
    matching numbers; returns the index after them."""
    syn, synack, ack = segments[i:i + 3]
    expect(kinds([syn, synack, ack]) == "c:S s:SA c:A"
           and synack.ack == syn.end and ack.ack == synack.end and ack.seq == syn.end,
           f"no clean handshake at segment {i}", segments[i:i + 3])
    return i + 3


def close_at(segments, i):
    """From index i: FIN from one side, then the peer's FIN and last ACK.
    Returns 'four-way' or 'three-way' (the passive FIN carries the ACK of
    the first FIN and is the first segment to acknowledge it)."""
    fin1 = segments[i]
    expect(fin1.fin, f"segment {fin1.no} is not a FIN", segments[i:])
    rest = [seg for seg in segments[i + 1:] if seg.side != fin1.side]
    acking = find(rest, lambda seg: seg.has_ack and seg.ack == fin1.end)
    expect(acking is not None, f"FIN {fin1.no} is never acknowledged", segments[i:])
    fin2 = rest[acking]
    style = "three-way" if fin2.fin else "four-way"
    if not fin2.fin:
        j = find(rest, lambda seg: seg.fin, acking + 1)
        expect(j is not None, "the passive side never sends its FIN", segments[i:])
        fin2 = rest[j]
    last = [seg for seg in segments if seg.no > fin2.no and seg.side == fin1.side]
    expect(last and last[0].kind == "A" and last[0].ack == fin2.end,
           f"passive FIN {fin2.no} not acknowledged", segments[i:])
    return style


def same_seq_retries(segments, test):
    """The segments passing `test`, checked to all carry one sequence number."""
    picked = [seg for seg in segments if test(seg)]
    expect(picked and len({seg.seq for seg in picked}) == 1,
           "retransmissions do not share one sequence number", picked)
    return picked


def gaps(segments):
    return [round(b.time - a.time, 2) for a, b in zip(segments, segments[1:])]


def near(values, wanted, tolerance=0.15):
    return len(values) == len(wanted) and all(
        abs(v - w) <= tolerance * max(w, 1.0) for v, w in zip(values, wanted))
