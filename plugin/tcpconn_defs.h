/* tcpconn_defs.h
 * The one list of everything tcpconn names: endpoint states, roles, the
 * kinds of handshake, teardown, reset and retry, the outcomes, the events
 * that carry an expert info, and the display-filter fields.  The core's
 * enums and name tables (tcpconn_names.c), the glue's field registrations
 * and expert infos (packet-tcpconn.c), and the README tables
 * (tests/docs/gen_docs.c, checked by the docs.tables test and rewritten by
 * tools/update-docs.sh) are all generated from these lists, so they cannot
 * drift apart.
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
    X(SIMULTANEOUS, "simultaneous", 4, "SYNs cross, then both SYN-ACKs (RFC 9293 section 3.5, figure 7)")

/* Teardown kinds.  X(ID, "name", steps, "meaning") */
#define TC_TD_KIND_LIST(X) \
    X(NONE,         "",             0, "no teardown, or kind not yet known (on the first FIN)") \
    X(FOUR_WAY,     "four-way",     4, "FIN, ACK, FIN, ACK (RFC 9293 section 3.6, figure 12)") \
    X(THREE_WAY,    "three-way",    3, "FIN, FIN+ACK merged, ACK") \
    X(SIMULTANEOUS, "simultaneous", 4, "FINs cross, both endpoints go through CLOSING (RFC 9293 section 3.6, figure 13)") \
    X(HALF_CLOSE,   "half-close",   0, "data sent after the peer's FIN was acknowledged (sender in CLOSE_WAIT)") \
    X(RESET,        "reset",        0, "the connection ends by RST")

/* Reset kinds.  X(ID, "name", "tag", EVENT, "meaning"): the tag starts the
 * frame's Info tag ("[RST abort by client]"), EVENT is its expert info. */
#define TC_RST_KIND_LIST(X) \
    X(NONE,      "",                "",                          COUNT,         "") \
    X(ABORT,     "abort",           "RST abort",                 RST_ABORT,     "RST in an open connection (SO_LINGER 0, close() with unread data) or an opening one") \
    X(AFTER_FIN, "after-fin",       "RST after FIN",             RST_AFTER_FIN, "a closing sequence cut short by RST") \
    X(GAVE_UP,   "gave-up",         "RST gives up",              RST_GAVE_UP,   "its sender's FIN went unacknowledged through its retries, and it gave up (Linux: tcp_orphan_retries)") \
    X(REFUSED,   "refused",         "Connection refused",        RST_REFUSED,   "RST answering a SYN: nothing listens on the port") \
    X(STALE,     "stale-handshake", "RST rejects stale SYN-ACK", RST_STALE,     "client rejects a SYN-ACK for an old duplicate SYN (RFC 9293 section 3.5, figure 8)") \
    X(CHALLENGED, "challenged",     "RST challenged",            RST_CHALLENGED, "not accepted: inside the receive window but not at RCV.NXT, so the receiver answers with a challenge ACK and stays open (RFC 5961 section 3.2)") \
    X(IGNORED,   "ignored",         "RST ignored",               RST_IGNORED,   "not accepted: outside the receive window, not acknowledging the SYN, or to an endpoint with no connection (RFC 9293 section 3.10.7, RFC 5961 section 3.2)")

/* How a RST was checked against its receiver's state, as a capture point
 * can: the receiver's next expected sequence number (RCV.NXT) is what the
 * RST's sender has sent (SND.NXT as seen) or what the receiver last
 * acknowledged, its window what it last advertised.  X(ID, "name", "meaning") */
#define TC_RST_CHECK_LIST(X) \
    X(NONE,          "",                 "") \
    X(EXACT,         "exact",            "at RCV.NXT: the receiver resets (RFC 5961 section 3.2)") \
    X(ACK,           "acceptable-ack",   "in SYN_SENT, it acknowledges the SYN: the client resets (RFC 9293 section 3.10.7.3)") \
    X(IN_WINDOW,     "in-window",        "inside the receive window but not at RCV.NXT: challenged (RFC 5961 section 3.2)") \
    X(OUT_OF_WINDOW, "out-of-window",    "outside the receive window: ignored (RFC 5961 section 3.2)") \
    X(BAD_ACK,       "unacceptable-ack", "in SYN_SENT, it does not acknowledge the SYN: ignored (RFC 9293 section 3.10.7.3)") \
    X(NO_CONNECTION, "no-connection",    "the receiver has no connection (LISTEN or CLOSED): ignored (RFC 9293 sections 3.10.7.1, 3.10.7.2)") \
    X(UNCHECKED,     "unchecked",        "nothing captured to check it against: taken as accepted")

/* What was retransmitted.  X(ID, "name", EVENT) */
#define TC_RETRY_KIND_LIST(X) \
    X(NONE,   "",        COUNT) \
    X(SYN,    "SYN",     SYN_RETRY) \
    X(SYNACK, "SYN-ACK", SYNACK_RETRY) \
    X(FIN,    "FIN",     FIN_RETRY)

/* What a retried attempt came to within the capture.  X(ID, "name", "meaning") */
#define TC_RETRY_OUTCOME_LIST(X) \
    X(PENDING,   "pending",   "not known yet: only the frames so far have been read") \
    X(SUCCEEDED, "succeeded", "the handshake completed (SYN, SYN-ACK), or the FIN was acknowledged") \
    X(REFUSED,   "refused",   "a RST refused the connection") \
    X(RESET,     "reset",     "the connection was reset") \
    X(ABANDONED, "abandoned", "the sender gave up, or the capture ended first")

/* The segment a handshake or teardown step is.  X(ID, "name") */
#define TC_STEP_SEGMENT_LIST(X) \
    X(NONE,    "") \
    X(SYN,     "SYN") \
    X(SYNACK,  "SYN-ACK") \
    X(ACK,     "ACK") \
    X(FIN,     "FIN") \
    X(FIN_ACK, "FIN+ACK merged")

/* Closers on FIN frames.  X(ID, "name") */
#define TC_CLOSER_LIST(X) \
    X(NONE,    "") \
    X(ACTIVE,  "active") \
    X(PASSIVE, "passive")

/* Which endpoints something applies to (who sits in TIME_WAIT, who closed
 * actively), by direction; the glue names them by role.  X(ID, "name") */
#define TC_SIDE_LIST(X) \
    X(NONE, "") \
    X(DIR0, "") \
    X(DIR1, "") \
    X(BOTH, "both")

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
    X(STALE,        "stale",        "an old duplicate SYN, its SYN-ACK rejected by the client's RST (RFC 9293 section 3.5, figure 8)")

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
 * X(ID, "phase", "name", group, severity, PART, "tag", "summary")
 * group: SEQ (sequence), PROTO (protocol), MALFORMED; severity: CHAT, NOTE, WARN.
 * PART: what shows the event on the frame: STEP (the handshake or teardown
 * step), MOD (a word of that step, "simultaneous"), RST (the reset), RETRY
 * (the retry), DATA (the half-close data note), TAG (a tag of its own: the
 * "tag" text, %u the connection's number on its pair, or NULL for the
 * event's filter name). */
#define TC_EVENT_LIST(X) \
    X(HS_STEP,            "3whs",   "step",                   SEQ,       CHAT, STEP,  NULL,                             "Handshake step") \
    X(HS_SIMULTANEOUS,    "3whs",   "simultaneous",           SEQ,       NOTE, MOD,   NULL,                             "Simultaneous open: both endpoints sent a SYN") \
    X(HS_NOT_SEEN,        "3whs",   "not_seen",               SEQ,       NOTE, TAG,   "Handshake not seen",             "Capture started mid-stream: handshake not seen") \
    X(HS_SYN_NOT_SEEN,    "3whs",   "syn_not_seen",           SEQ,       NOTE, TAG,   NULL,                             "SYN not captured: the SYN-ACK's ack cannot be checked") \
    X(HS_SYNACK_NOT_SEEN, "3whs",   "synack_not_seen",        SEQ,       NOTE, TAG,   NULL,                             "SYN-ACK not seen (one direction captured, or not readable): derived from the client's ACK, not checked") \
    X(SYNACK_BAD_ACK,     "3whs",   "synack_bad_ack",         SEQ,       WARN, TAG,   NULL,                             "SYN-ACK does not acknowledge the client's ISN + 1") \
    X(SYNACK_WRONG_DIR,   "3whs",   "synack_wrong_direction", SEQ,       WARN, TAG,   NULL,                             "SYN-ACK sent by the endpoint that sent the first SYN") \
    X(SYNACK_UNEXPECTED,  "3whs",   "synack_unexpected",      SEQ,       WARN, TAG,   NULL,                             "SYN-ACK outside a handshake") \
    X(ACK_BAD_ACK,        "3whs",   "ack_bad_ack",            SEQ,       WARN, TAG,   NULL,                             "Handshake ACK does not acknowledge the server's ISN + 1") \
    X(ACK_BAD_SEQ,        "3whs",   "ack_bad_seq",            SEQ,       WARN, TAG,   NULL,                             "Handshake ACK's sequence number is not the client's ISN + 1") \
    X(HS_UNANSWERED,      "3whs",   "unanswered",             SEQ,       WARN, TAG,   NULL,                             "SYN never answered: no SYN-ACK or RST within the capture (Zeek S0)") \
    X(SYN_DATA,           "3whs",   "syn_with_data",          PROTO,     NOTE, TAG,   NULL,                             "SYN carries data (TCP Fast Open)") \
    X(SYN_FIN,            "3whs",   "syn_fin",                PROTO,     WARN, TAG,   NULL,                             "SYN and FIN set together: not judged") \
    X(SYN_RST,            "3whs",   "syn_rst",                PROTO,     WARN, TAG,   NULL,                             "SYN and RST set together: not judged") \
    X(DATA_BEFORE_HS,     "3whs",   "data_before_complete",   SEQ,       WARN, TAG,   NULL,                             "Data sent before the handshake completed") \
    X(ACK_LOST,           "3whs",   "ack_lost",               SEQ,       NOTE, TAG,   NULL,                             "SYN-ACK repeated after the final ACK: that ACK did not arrive") \
    X(SYN_AFTER_OPEN,     "3whs",   "syn_after_open",         SEQ,       NOTE, TAG,   NULL,                             "SYN repeated after the handshake completed") \
    X(SYN_RETRY,          "retry",  "syn",                    SEQ,       NOTE, RETRY, NULL,                             "SYN retransmitted: no SYN-ACK arrived") \
    X(SYNACK_RETRY,       "retry",  "synack",                 SEQ,       NOTE, RETRY, NULL,                             "SYN-ACK retransmitted: server stuck in SYN_RECEIVED") \
    X(FIN_RETRY,          "retry",  "fin",                    SEQ,       NOTE, RETRY, NULL,                             "FIN retransmitted: its ACK did not arrive") \
    X(TD_STEP,            "fin",    "step",                   SEQ,       CHAT, STEP,  NULL,                             "Teardown step") \
    X(TD_SIMULTANEOUS,    "fin",    "simultaneous",           SEQ,       NOTE, MOD,   NULL,                             "Simultaneous close: FINs crossed") \
    X(HALF_CLOSE_DATA,    "fin",    "half_close_data",        SEQ,       CHAT, DATA,  NULL,                             "Data sent in a half-closed connection") \
    X(DATA_AFTER_FIN,     "fin",    "data_after_fin",         PROTO,     WARN, TAG,   NULL,                             "Data sent after the sender's own FIN") \
    X(TD_INCOMPLETE,      "fin",    "incomplete",             SEQ,       NOTE, TAG,   NULL,                             "Teardown not finished within the capture") \
    X(RST_ABORT,          "rst",    "abort",                  SEQ,       WARN, RST,   NULL,                             "Connection aborted by RST") \
    X(RST_AFTER_FIN,      "rst",    "after_fin",              SEQ,       WARN, RST,   NULL,                             "Closing sequence cut short by RST") \
    X(RST_GAVE_UP,        "rst",    "gave_up",                SEQ,       WARN, RST,   NULL,                             "Gave up: RST after the sender's FIN was retried without an ACK") \
    X(RST_REFUSED,        "rst",    "refused",                SEQ,       WARN, RST,   NULL,                             "Connection refused: RST answers the SYN") \
    X(RST_STALE,          "rst",    "stale_handshake",        SEQ,       NOTE, RST,   NULL,                             "RST rejects a SYN-ACK for an old duplicate SYN") \
    X(RST_CHALLENGED,     "rst",    "in_window",              SEQ,       NOTE, RST,   NULL,                             "RST inside the receive window but not at RCV.NXT: not accepted, a challenge ACK is due (RFC 5961)") \
    X(RST_IGNORED,        "rst",    "ignored",                SEQ,       NOTE, RST,   NULL,                             "RST the receiver ignores: outside its window, not acknowledging the SYN, or with no connection") \
    X(CHALLENGE_ACK,      "rst",    "challenge_ack",          SEQ,       NOTE, TAG,   "Challenge ACK",                  "Challenge ACK: the receiver of an in-window RST acknowledges and stays open (RFC 5961 section 3.2)") \
    X(RST_INJECTED,       "rst",    "injected",               SEQ,       WARN, TAG,   "Reset injected",                 "The endpoint a reset came from keeps sending: the RST was not its own (injected)") \
    X(RST_DATA,           "rst",    "with_data",              PROTO,     WARN, TAG,   NULL,                             "RST carries data") \
    X(AFTER_RST,          "rst",    "traffic_after_rst",      SEQ,       WARN, TAG,   NULL,                             "Segment after the connection was reset") \
    X(PORT_REUSE,         "stream", "port_reuse",             SEQ,       NOTE, TAG,   "New connection %u on this pair", "New connection on the same address and port pair") \
    X(SYN_ON_OPEN,        "stream", "syn_on_open_connection", SEQ,       WARN, TAG,   NULL,                             "SYN with a new ISN while the connection was open") \
    X(HALF_OPEN,          "stream", "half_open",              SEQ,       NOTE, TAG,   NULL,                             "Half-open: SYN-ACK sent, final ACK never seen") \
    X(NOT_JUDGED,         "stream", "not_judged",             MALFORMED, WARN, TAG,   NULL,                             "TCP header incomplete: segment not judged")

/* Display-filter fields, tcpconn.<abbrev>.  The names stand on their own
 * as column titles.
 * X(var, "abbrev", TYPE, "name", "description")
 * TYPE: NONE (a subtree), STR, BOOL, U8, U16, U32, U64, DOUBLE, TIME (relative),
 * FRAME (a frame number), and frame numbers Wireshark draws as links of a
 * kind: FRAME_RETX (the frame a retransmission repeats), FRAME_ACK (the
 * frame this one acknowledges), FRAME_REQ (a request: its answer is in),
 * FRAME_RESP (an answer: its request is in). */

/* A frame's own annotation. */
#define TC_FIELD_FRAME_LIST(X) \
    X(role,                    "role",                    STR,   "Sender role", \
      "Role of this frame's sender: client (sent the first SYN), server, peer (simultaneous open) or unknown (no SYN seen)") \
    X(state_client,            "state.client",            STR,   "Client state", \
      "RFC 9293 state of the client after this frame (a sender's once sent, a receiver's once received)") \
    X(state_server,            "state.server",            STR,   "Server state", \
      "RFC 9293 state of the server after this frame") \
    X(state_sender,            "state.sender",            STR,   "Sender state", \
      "RFC 9293 state of this frame's sender after it (when no SYN was seen)") \
    X(state_receiver,          "state.receiver",          STR,   "Receiver state", \
      "RFC 9293 state of this frame's receiver after it (when no SYN was seen)") \
    X(handshake,               "handshake",               NONE,  "Handshake", \
      "A step of the opening handshake") \
    X(handshake_step,          "handshake.step",          U8,    "Handshake step", \
      "1 SYN, 2 SYN-ACK, 3 ACK (simultaneous open: 1 and 2 SYN, 3 and 4 SYN-ACK)") \
    X(handshake_kind,          "handshake.kind",          STR,   "Handshake kind", \
      "three-way or simultaneous") \
    X(handshake_valid,         "handshake.valid",         BOOL,  "Handshake step valid", \
      "The step acknowledges the peer's ISN + 1 (and the ACK's seq is the client's ISN + 1); absent when there is nothing to check against") \
    X(handshake_complete,      "handshake.complete",      BOOL,  "Handshake complete", \
      "This frame completes the handshake") \
    X(handshake_syn_to_synack, "handshake.syn_to_synack", TIME,  "SYN to SYN-ACK", \
      "On step 2: time from the latest SYN to this SYN-ACK, as the capture point sees it") \
    X(handshake_synack_to_ack, "handshake.synack_to_ack", TIME,  "SYN-ACK to ACK", \
      "On step 3: time from the latest SYN-ACK to this ACK") \
    X(handshake_syn_retries,   "handshake.syn_retries",   U16,   "SYN retries before the answer", \
      "How many times the SYN was retransmitted before this SYN-ACK or refusal") \
    X(teardown,                "teardown",                NONE,  "Teardown", \
      "A step of the closing sequence, or data in a half-closed connection") \
    X(teardown_step,           "teardown.step",           U8,    "Teardown step", \
      "Step of the closing sequence, in wire order") \
    X(teardown_kind,           "teardown.kind",           STR,   "Teardown kind", \
      "four-way, three-way, simultaneous (from step 2 on), half-close (data frames) or reset; absent on the first FIN, whose kind the next step decides") \
    X(teardown_merged,         "teardown.merged",         BOOL,  "ACK and FIN merged", \
      "The passive closer's FIN is also the first ACK of the active FIN") \
    X(teardown_half_close,     "teardown.half_close",     BOOL,  "Half-close", \
      "Data flowed after the first FIN was acknowledged") \
    X(teardown_complete,       "teardown.complete",       BOOL,  "Teardown complete", \
      "Both FINs are acknowledged after this frame") \
    X(closer,                  "closer",                  STR,   "Active or passive close", \
      "On FIN frames: active (the first FIN, or FINs crossing) or passive") \
    X(time_wait,               "time_wait",               STR,   "TIME_WAIT side", \
      "Which endpoint will sit in TIME_WAIT once the kind is known: the active closer, both after a simultaneous close") \
    X(rst,                     "rst",                     NONE,  "Reset", \
      "The connection is reset") \
    X(rst_kind,                "rst.kind",                STR,   "Reset kind", \
      "abort, after-fin, refused or stale-handshake") \
    X(rst_by,                  "rst.by",                  STR,   "Reset by", \
      "Role of the endpoint that sent the RST") \
    X(rst_check,               "rst.check",               STR,   "Reset check", \
      "How the RST compares with its receiver's state: exact, acceptable-ack, in-window, out-of-window, unacceptable-ack, no-connection or unchecked") \
    X(rst_challenge_ack,       "rst.challenge_ack",       FRAME, "Challenge ACK in frame", \
      "The challenge ACK that answered this in-window RST (two passes, the GUI)") \
    X(rst_challenge_of,        "rst.challenge_of",        FRAME_RESP, "Challenge ACK of frame", \
      "The in-window RST this ACK challenges (RFC 5961 section 3.2)") \
    X(answers,                 "answers",                 FRAME_RESP, "Answers frame", \
      "The SYN this SYN-ACK answers, or the SYN this RST refuses") \
    X(acks,                    "acks",                    FRAME_ACK, "Acknowledges frame", \
      "The SYN, SYN-ACK or FIN this step acknowledges") \
    X(answered_in,             "answered_in",             FRAME_REQ, "Answered in frame", \
      "The SYN-ACK that answers this SYN, or the RST that refuses it (two passes, the GUI)") \
    X(acked_in,                "acked_in",                FRAME, "Acknowledged in frame", \
      "The step that acknowledges this SYN, SYN-ACK or FIN (two passes, the GUI)") \
    X(retry,                   "retry",                   U16,   "Retry", \
      "1 for the first retransmission of a SYN, SYN-ACK or FIN, 2 for the second ...") \
    X(retry_of,                "retry.of",                FRAME_RETX, "Retry of frame", \
      "Frame of the original segment") \
    X(retry_interval,          "retry.interval",          TIME,  "Retry interval", \
      "Time since the previous attempt") \
    X(retry_backoff,           "retry.backoff",           DOUBLE, "Retry backoff", \
      "This interval divided by the previous one (about 2: exponential, about 1: linear)") \
    X(retry_pattern,           "retry.pattern",           STR,   "Retry pattern so far", \
      "linear, exponential, linear then exponential or irregular") \
    X(retry_segment,           "retry.segment",           STR,   "Retransmitted segment", \
      "SYN, SYN-ACK or FIN") \
    X(retry_outcome,           "retry.outcome",           STR,   "Retry outcome", \
      "What the retried attempt came to within the capture: succeeded, refused, reset or abandoned (two passes, the GUI; pending in a single pass)") \
    X(event,                   "event",                   STR,   "Lifecycle event", \
      "Name of each lifecycle event on this frame (the expert info filter after tcpconn.)") \
    X(info,                    "info",                    STR,   "Lifecycle tags", \
      "The lifecycle tags of this frame, as in the Info column (hidden)")

/* The Connection summary: drawn only when one of them is wanted. */
#define TC_FIELD_SUMMARY_LIST(X) \
    X(stream,                  "stream",                  U32,   "Connection stream index", \
      "tcp.stream of the connection's first frame") \
    X(lifecycle,               "lifecycle",               U16,   "Connection on this address pair", \
      "1 for the first connection on this address and port pair, 2 for the next (port reuse) ...") \
    X(conn_state,              "conn_state",              STR,   "Zeek conn_state", \
      "Zeek's connection state code (S0, S1, SF, REJ, S2, S3, RSTO, RSTR, RSTOS0, RSTRH, SH, SHR, OTH) of the frame's Zeek record") \
    X(history,                 "history",                 STR,   "Zeek history", \
      "Zeek's history string: upper case originator, lower case responder") \
    X(zeek_record,             "zeek.record",             U16,   "Zeek record", \
      "1, 2 ...: the Zeek conn.log record of the pair this frame belongs to (Zeek ends a record some time after a close, a reset or inactivity, and a later packet starts the next)") \
    X(summary,                 "summary",                 NONE,  "Connection summary", \
      "What this frame's connection came to (so far, in a single pass)") \
    X(summary_final,           "summary.final",           BOOL,  "Connection summary final", \
      "True once the whole capture has been read (two passes, the GUI after loading); false: only frames up to this one") \
    X(summary_handshake,       "summary.handshake",       STR,   "Connection handshake outcome", \
      "three-way, simultaneous, refused, unanswered, half-open, reset, stale or not seen") \
    X(summary_teardown,        "summary.teardown",        STR,   "Connection teardown outcome", \
      "four-way, three-way, simultaneous, reset, half-closed, incomplete, open or none") \
    X(summary_closer,          "summary.closer",          STR,   "Connection active closer", \
      "Who sent the first FIN (both: the FINs crossed)") \
    X(summary_time_wait,       "summary.time_wait",       STR,   "Connection TIME_WAIT side", \
      "Who sits in TIME_WAIT once the close completed") \
    X(summary_reset_by,        "summary.reset_by",        STR,   "Connection reset by", \
      "Who sent the RST that ended the connection") \
    X(summary_reset_kind,      "summary.reset_kind",      STR,   "Connection reset kind", \
      "What the RST that ended the connection was: abort, after-fin, gave-up, refused or stale-handshake") \
    X(summary_state_client,    "summary.state.client",    STR,   "Client's latest state", \
      "Latest RFC 9293 state of the client") \
    X(summary_state_server,    "summary.state.server",    STR,   "Server's latest state", \
      "Latest RFC 9293 state of the server") \
    X(summary_state_originator, "summary.state.originator", STR, "Originator's latest state", \
      "Latest state of the first frame's sender (no SYN seen)") \
    X(summary_state_responder, "summary.state.responder", STR,   "Responder's latest state", \
      "Latest state of the first frame's receiver (no SYN seen)") \
    X(summary_first_frame,     "summary.first_frame",     FRAME, "Connection first frame", \
      "The connection's first frame") \
    X(summary_syn_frame,       "summary.syn_frame",       FRAME, "Connection first SYN", \
      "The connection's first SYN") \
    X(summary_complete_frame,  "summary.complete_frame",  FRAME, "Handshake completed in", \
      "The frame that completed the handshake") \
    X(summary_fin_frame,       "summary.fin_frame",       FRAME, "Connection first FIN", \
      "The connection's first FIN") \
    X(summary_rst_frame,       "summary.rst_frame",       FRAME, "Connection ending RST", \
      "The RST that ended the connection") \
    X(summary_last_frame,      "summary.last_frame",      FRAME, "Connection last frame", \
      "The connection's last frame (so far, in a single pass)") \
    X(summary_duration,        "summary.duration",        TIME,  "Connection duration", \
      "First to last frame") \
    X(summary_syn_retries,     "summary.syn_retries",     U16,   "Connection SYN retries", \
      "Retransmissions of the client's SYN") \
    X(summary_synack_retries,  "summary.synack_retries",  U16,   "Connection SYN-ACK retries", \
      "Retransmissions of a SYN-ACK") \
    X(summary_fin_retries,     "summary.fin_retries",     U16,   "Connection FIN retries", \
      "Retransmissions of a FIN") \
    X(summary_pkts_orig,       "summary.pkts.orig",       U32,   "Originator packets", \
      "Segments the client sent (the first frame's sender when no SYN was seen), as Zeek's orig_pkts and Wireshark's Conversations count them") \
    X(summary_pkts_resp,       "summary.pkts.resp",       U32,   "Responder packets", \
      "Segments the server sent (the other endpoint when no SYN was seen)") \
    X(summary_bytes_orig,      "summary.bytes.orig",      U64,   "Originator payload bytes", \
      "TCP payload bytes the client sent, retransmissions included") \
    X(summary_bytes_resp,      "summary.bytes.resp",      U64,   "Responder payload bytes", \
      "TCP payload bytes the server sent, retransmissions included") \
    X(summary_not_judged,      "summary.not_judged",      U16,   "Connection frames not judged", \
      "Frames of this connection whose TCP header was cut short: its verdicts stand on incomplete evidence")

#endif /* TCPCONN_DEFS_H */
