/* tcpconn_defs.h
 * The one list of everything tcpconn names: endpoint states, roles, the
 * kinds of handshake, teardown, reset and retry, and the events that carry
 * an expert info.  The core's enums, the field strings, the expert infos and
 * the README tables (tools/gen-docs.sh) are all generated from these lists,
 * so they cannot drift apart.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCPCONN_DEFS_H
#define TCPCONN_DEFS_H

/* Endpoint states, RFC 9293 section 3.3.2.  UNKNOWN is ours: nothing seen
 * yet that tells the state (a capture starting mid-stream).
 * X(ID, "name", "meaning") */
#define TC_STATE_LIST(X) \
    X(UNKNOWN,      "UNKNOWN",      "not known from the capture") \
    X(CLOSED,       "CLOSED",       "no connection") \
    X(LISTEN,       "LISTEN",       "waiting for a connection request (assumed for a server before its SYN arrives)") \
    X(SYN_SENT,     "SYN_SENT",     "sent a SYN, waiting for the peer's SYN and ACK") \
    X(SYN_RECEIVED, "SYN_RECEIVED", "received a SYN, sent its own SYN, waiting for the ACK of it") \
    X(ESTABLISHED,  "ESTABLISHED",  "open: data may flow both ways") \
    X(FIN_WAIT_1,   "FIN_WAIT_1",   "sent a FIN (active close), not yet acknowledged") \
    X(FIN_WAIT_2,   "FIN_WAIT_2",   "its FIN acknowledged, waiting for the peer's FIN") \
    X(CLOSE_WAIT,   "CLOSE_WAIT",   "received the peer's FIN (passive close); may still send") \
    X(CLOSING,      "CLOSING",      "FINs crossed (simultaneous close), waiting for the ACK of its FIN") \
    X(LAST_ACK,     "LAST_ACK",     "passive closer sent its FIN, waiting for the ACK of it") \
    X(TIME_WAIT,    "TIME_WAIT",    "active closer, both FINs done: waits 2 MSL before CLOSED")

/* Role of an endpoint.  X(ID, "name", "meaning") */
#define TC_ROLE_LIST(X) \
    X(UNKNOWN, "unknown", "no SYN seen (capture started mid-stream)") \
    X(CLIENT,  "client",  "sent the first SYN of a three-way handshake") \
    X(SERVER,  "server",  "answered the client's SYN") \
    X(PEER,    "peer",    "one of two endpoints that opened simultaneously")

/* Handshake kinds.  X(ID, "name", steps, "meaning") */
#define TC_HS_KIND_LIST(X) \
    X(NONE,         "",             0, "no handshake seen") \
    X(THREE_WAY,    "three-way",    3, "SYN, SYN-ACK, ACK (RFC 9293 section 3.5, figure 6)") \
    X(SIMULTANEOUS, "simultaneous", 4, "SYNs cross, then both SYN-ACKs (RFC 9293 section 3.5, figure 8)")

/* Teardown kinds.  X(ID, "name", steps, "meaning") */
#define TC_TD_KIND_LIST(X) \
    X(NONE,         "",             0, "no teardown, or kind not yet known (on the first FIN)") \
    X(FOUR_WAY,     "four-way",     4, "FIN, ACK, FIN, ACK (RFC 9293 section 3.6, figure 12)") \
    X(THREE_WAY,    "three-way",    3, "FIN, FIN+ACK merged, ACK") \
    X(SIMULTANEOUS, "simultaneous", 4, "FINs cross, both endpoints go through CLOSING (RFC 9293 figure 13)") \
    X(HALF_CLOSE,   "half-close",   0, "data sent after the peer's FIN was acknowledged (sender in CLOSE_WAIT)") \
    X(RESET,        "reset",        0, "the connection ends by RST")

/* Reset kinds.  X(ID, "name", "meaning") */
#define TC_RST_KIND_LIST(X) \
    X(NONE,      "",                "") \
    X(ABORT,     "abort",           "RST in an open connection (SO_LINGER 0, close() with unread data) or an opening one") \
    X(AFTER_FIN, "after-fin",       "a closing sequence cut short by RST") \
    X(REFUSED,   "refused",         "RST answering a SYN: nothing listens on the port") \
    X(STALE,     "stale-handshake", "client rejects a SYN-ACK for an old duplicate SYN (RFC 9293 section 3.5, figure 9)")

/* What was retransmitted.  X(ID, "name") */
#define TC_RETRY_KIND_LIST(X) \
    X(NONE,   "") \
    X(SYN,    "SYN") \
    X(SYNACK, "SYN-ACK") \
    X(FIN,    "FIN")

/* Pattern of retry intervals measured so far.  X(ID, "name", "meaning") */
#define TC_PATTERN_LIST(X) \
    X(NONE,        "",                        "fewer than two intervals measured") \
    X(LINEAR,      "linear",                  "equal intervals (backoff about 1)") \
    X(EXPONENTIAL, "exponential",             "each interval about twice the previous one") \
    X(LIN_EXP,     "linear then exponential", "equal intervals first, then doubling (recent Linux SYN retries)") \
    X(IRREGULAR,   "irregular",               "neither equal nor doubling")

/* What a connection's opening came to (the connection summary).
 * X(ID, "name", "meaning") */
#define TC_HS_OUTCOME_LIST(X) \
    X(NOT_SEEN,     "not seen",     "no SYN or SYN-ACK captured: the capture started mid-stream") \
    X(THREE_WAY,    "three-way",    "complete three-way handshake") \
    X(SIMULTANEOUS, "simultaneous", "complete simultaneous open") \
    X(REFUSED,      "refused",      "RST answered the SYN") \
    X(UNANSWERED,   "unanswered",   "SYN (and its retries) never answered") \
    X(HALF_OPEN,    "half-open",    "SYN-ACK sent, final ACK never seen (the SYN flood pattern)") \
    X(RESET,        "reset",        "RST before the handshake completed") \
    X(STALE,        "stale",        "an old duplicate SYN, its SYN-ACK rejected by the client's RST (RFC 9293 figure 9)")

/* What a connection's end came to (the connection summary).
 * X(ID, "name", "meaning") */
#define TC_TD_OUTCOME_LIST(X) \
    X(NONE,         "none",         "never opened") \
    X(OPEN,         "open",         "no FIN or RST: still open at the end of the capture") \
    X(FOUR_WAY,     "four-way",     "closed by FIN, ACK, FIN, ACK") \
    X(THREE_WAY,    "three-way",    "closed by FIN, FIN+ACK, ACK") \
    X(SIMULTANEOUS, "simultaneous", "closed by crossing FINs") \
    X(RESET,        "reset",        "ended by RST") \
    X(HALF_CLOSED,  "half-closed",  "one FIN acknowledged, the other side never sent its FIN") \
    X(INCOMPLETE,   "incomplete",   "a FIN never acknowledged within the capture")

/* Events: each has an expert info `tcpconn.<phase>.<name>` and may be set by
 * the core on a frame.  Phases follow the grouping of stream engines:
 * 3whs (opening), retry, fin (closing), rst, stream.
 * X(ID, "phase", "name", group, severity, "summary")
 * group: SEQ (sequence), PROTO (protocol), MALFORMED; severity: CHAT, NOTE, WARN. */
#define TC_EVENT_LIST(X) \
    X(HS_STEP,           "3whs",   "step",                   SEQ,   CHAT, "Handshake step") \
    X(HS_SIMULTANEOUS,   "3whs",   "simultaneous",           SEQ,   NOTE, "Simultaneous open: both endpoints sent a SYN") \
    X(HS_NOT_SEEN,       "3whs",   "not_seen",               SEQ,   NOTE, "Capture started mid-stream: handshake not seen") \
    X(HS_SYN_NOT_SEEN,   "3whs",   "syn_not_seen",           SEQ,   NOTE, "SYN not captured: the SYN-ACK's ack cannot be checked") \
    X(HS_SYNACK_NOT_SEEN, "3whs",  "synack_not_seen",        SEQ,   NOTE, "SYN-ACK not seen (one direction captured, or not readable): derived from the client's ACK, not checked") \
    X(SYNACK_BAD_ACK,    "3whs",   "synack_bad_ack",         SEQ,   WARN, "SYN-ACK does not acknowledge the client's ISN + 1") \
    X(SYNACK_WRONG_DIR,  "3whs",   "synack_wrong_direction", SEQ,   WARN, "SYN-ACK sent by the endpoint that sent the first SYN") \
    X(SYNACK_UNEXPECTED, "3whs",   "synack_unexpected",      SEQ,   WARN, "SYN-ACK outside a handshake") \
    X(ACK_BAD_ACK,       "3whs",   "ack_bad_ack",            SEQ,   WARN, "Handshake ACK does not acknowledge the server's ISN + 1") \
    X(ACK_BAD_SEQ,       "3whs",   "ack_bad_seq",            SEQ,   WARN, "Handshake ACK's sequence number is not the client's ISN + 1") \
    X(SYN_DATA,          "3whs",   "syn_with_data",          PROTO, NOTE, "SYN carries data (TCP Fast Open)") \
    X(SYN_FIN,           "3whs",   "syn_fin",                PROTO, WARN, "SYN and FIN set together: not judged") \
    X(SYN_RST,           "3whs",   "syn_rst",                PROTO, WARN, "SYN and RST set together: not judged") \
    X(DATA_BEFORE_HS,    "3whs",   "data_before_complete",   SEQ,   WARN, "Data sent before the handshake completed") \
    X(ACK_LOST,          "3whs",   "ack_lost",               SEQ,   NOTE, "SYN-ACK repeated after the final ACK: that ACK did not arrive") \
    X(SYN_AFTER_OPEN,    "3whs",   "syn_after_open",         SEQ,   NOTE, "SYN repeated after the handshake completed") \
    X(SYN_RETRY,         "retry",  "syn",                    SEQ,   NOTE, "SYN retransmitted: no SYN-ACK arrived") \
    X(SYNACK_RETRY,      "retry",  "synack",                 SEQ,   NOTE, "SYN-ACK retransmitted: server stuck in SYN_RECEIVED") \
    X(FIN_RETRY,         "retry",  "fin",                    SEQ,   NOTE, "FIN retransmitted: its ACK did not arrive") \
    X(TD_STEP,           "fin",    "step",                   SEQ,   CHAT, "Teardown step") \
    X(TD_SIMULTANEOUS,   "fin",    "simultaneous",           SEQ,   NOTE, "Simultaneous close: FINs crossed") \
    X(HALF_CLOSE_DATA,   "fin",    "half_close_data",        SEQ,   CHAT, "Data sent in a half-closed connection") \
    X(DATA_AFTER_FIN,    "fin",    "data_after_fin",         PROTO, WARN, "Data sent after the sender's own FIN") \
    X(TD_INCOMPLETE,     "fin",    "incomplete",             SEQ,   NOTE, "Teardown not finished within the capture") \
    X(RST_ABORT,         "rst",    "abort",                  SEQ,   WARN, "Connection aborted by RST") \
    X(RST_AFTER_FIN,     "rst",    "after_fin",              SEQ,   WARN, "Closing sequence cut short by RST") \
    X(RST_REFUSED,       "rst",    "refused",                SEQ,   WARN, "Connection refused: RST answers the SYN") \
    X(RST_STALE,         "rst",    "stale_handshake",        SEQ,   NOTE, "RST rejects a SYN-ACK for an old duplicate SYN") \
    X(RST_DATA,          "rst",    "with_data",              PROTO, WARN, "RST carries data") \
    X(AFTER_RST,         "rst",    "traffic_after_rst",      SEQ,   WARN, "Segment after the connection was reset") \
    X(PORT_REUSE,        "stream", "port_reuse",             SEQ,   NOTE, "New connection on the same address and port pair") \
    X(SYN_ON_OPEN,       "stream", "syn_on_open_connection", SEQ,   WARN, "SYN with a new ISN while the connection was open") \
    X(HALF_OPEN,         "stream", "half_open",              SEQ,   NOTE, "Half-open: SYN-ACK sent, final ACK never seen") \
    X(NOT_JUDGED,        "stream", "not_judged",             MALFORMED, WARN, "TCP header incomplete: segment not judged")

#endif /* TCPCONN_DEFS_H */
