/* packet-tcpconn.c
 * TCP Connection Lifecycle: a postdissector that follows every TCP
 * connection's handshake, teardown and endpoint states.
 *
 * The glue is thin: on the first pass it reads the frame's TCP header
 * (tcpconn_source.c: from the TCP tap, without a protocol tree), steps the
 * pure core (tcpconn_core.c) and keeps the result of each annotated frame
 * in file scope (tcpconn_records.c).  Every pass then draws from that
 * stored result only, so frames can be revisited in any order, and draws
 * only what someone looks at: no tree items without a tree, no Info tags
 * without an Info column.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/packet.h>
#include <epan/prefs.h>
#include <epan/proto_data.h>
#include <epan/address.h>
#include <epan/to_str.h>
#include <epan/tap.h>
#include <wsutil/wmem/wmem.h>

#include "tcpconn_compat.h"
#include "tcpconn_glue.h"

int proto_tcpconn = -1;

#define TCPCONN_HF_DEFINE(x) int hf_tcpconn_##x = -1;
TCPCONN_HF_LIST(TCPCONN_HF_DEFINE)

gint ett_tcpconn = -1;
gint ett_tcpconn_handshake = -1;
gint ett_tcpconn_teardown = -1;
gint ett_tcpconn_rst = -1;
gint ett_tcpconn_retry = -1;
gint ett_tcpconn_summary = -1;
int tcpconn_tap = -1;

expert_field ei_tcpconn[TC_EV_COUNT];

tcpconn_pref_bool_t tcpconn_info_tags = TRUE;

static dissector_handle_t tcpconn_handle;

/* Set once the whole capture has been read (see read_complete()). */
static gboolean capture_read;

/* ---- the first pass ---- */

/* A segment whose TCP header is cut short: marked, not stepped.  When its
 * ports were read, its connection counts it, so that the connection's
 * verdicts say they stand on incomplete evidence. */
static const tc_result_t *store_not_judged(const packet_info *pinfo, tc_result_t *res)
{
    memset(res, 0, sizeof *res);
    res->frame = pinfo->num;
    res->client = TC_DIR_NONE;
    res->events = TC_EV_BIT(TC_EV_NOT_JUDGED);
    tcpconn_count_not_judged(pinfo);
    tcpconn_frames_add(res);
    return res;
}

/* Steps the pair's core and its connection's Zeek view with the frame;
 * returns the frame's result when it is annotated, and its connection. */
static const tc_result_t *first_pass(packet_info *pinfo, tc_result_t *res, const tcpconn_conn_t **conn)
{
    tcpconn_hdr_t h;
    tc_summary_t ended;
    tcpconn_pair_t *pair;
    guint8 dir;

    switch (tcpconn_read_header(pinfo, &h)) {
    case TCPCONN_HDR_NONE:
        return NULL;
    case TCPCONN_HDR_CUT:
        return store_not_judged(pinfo, res);
    default:
        break;
    }
    pair = tcpconn_pair_get(&h, &dir);
    if (!pair)
        return NULL;
    tcpconn_window_from_bytes(&h, pair, dir);
    h.seg.frame = pinfo->num;
    h.seg.time_ns = (int64_t)pinfo->abs_ts.secs * 1000000000 + pinfo->abs_ts.nsecs;
    h.seg.dir = dir;
    tc_step(&pair->core, &h.seg, res, &ended);
    if (res->flags & TC_R_NEW_LIFE)
        tcpconn_pair_new_conn(pair, &ended, h.stream);
    tc_zeek_segment(&pair->conn->zeek, &h.seg, h.seg.window);
    *conn = pair->conn;
    if (!tc_result_annotated(res))
        return NULL;
    tcpconn_frames_add(res);
    return res;
}

/* Final: the whole capture has been read, so every connection's summary
 * is complete.  Wireshark calls the post-sequential cleanup routines once
 * it has read a file (the GUI, tshark's first pass of two) or a live
 * capture has stopped; never during a live capture or a single pass. */
static gboolean final_for(const packet_info *pinfo)
{
    return capture_read && PINFO_FD_VISITED(pinfo);
}

static void read_complete(void)
{
    capture_read = TRUE;
}

static int dissect_tcpconn(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    tc_result_t fresh;
    const tc_result_t *res = NULL;
    const tcpconn_conn_t *conn = NULL;
    gboolean info;

    if (!tcpconn_layers_followed(tcpconn_scan_layers(pinfo)))
        return 0;
    if (!PINFO_FD_VISITED(pinfo))
        res = first_pass(pinfo, &fresh, &conn);
    info = col_get_writable(pinfo->cinfo, COL_INFO);
    if (!tree && !info && !have_tap_listener(tcpconn_tap))
        return 0;   /* nobody looks: stepping the core was all there was to do */
    if (PINFO_FD_VISITED(pinfo)) {
        res = tcpconn_frames_find(pinfo->num);
        conn = tcpconn_conn_of_frame(pinfo);
    } else if (!conn) {
        conn = tcpconn_conn_of_frame(pinfo);    /* a header cut short, of a known pair */
    }
    if (!res && !conn)
        return 0;
    tcpconn_draw(tvb, pinfo, tree, res, conn, final_for(pinfo), info);
    if (conn && have_tap_listener(tcpconn_tap)) {
        tcpconn_tap_data_t *td = wmem_new(pinfo->pool, tcpconn_tap_data_t);

        td->conn = conn;
        td->res = res;
        tap_queue_packet(tcpconn_tap, pinfo, td);
    }
    return 0;
}

/* ---- per file ---- */

static void tcpconn_init(void)
{
    capture_read = FALSE;
    tcpconn_records_init();
    tcpconn_source_init();
}

static void tcpconn_cleanup(void)
{
    tcpconn_source_cleanup();
}

/* ---- registration ---- */

#define TC_PI_GROUP_SEQ       PI_SEQUENCE
#define TC_PI_GROUP_PROTO     PI_PROTOCOL
#define TC_PI_GROUP_MALFORMED PI_MALFORMED
#define TC_PI_SEV_CHAT        PI_CHAT
#define TC_PI_SEV_NOTE        PI_NOTE
#define TC_PI_SEV_WARN        PI_WARN

#define TCPCONN_EI_ROW(id, phase, name, group, sev, summary) \
    { &ei_tcpconn[TC_EV_##id], { "tcpconn." phase "." name, TC_PI_GROUP_##group, \
      TC_PI_SEV_##sev, summary, EXPFILL } },

#define HF_STR(var, label, abbrev, blurb) \
    { &hf_tcpconn_##var, { label, abbrev, FT_STRING, BASE_NONE, NULL, 0x0, blurb, HFILL } }
#define HF_UINT(var, label, abbrev, type, blurb) \
    { &hf_tcpconn_##var, { label, abbrev, type, BASE_DEC, NULL, 0x0, blurb, HFILL } }
#define HF_BOOL(var, label, abbrev, blurb) \
    { &hf_tcpconn_##var, { label, abbrev, FT_BOOLEAN, BASE_NONE, NULL, 0x0, blurb, HFILL } }
#define HF_TIME(var, label, abbrev, blurb) \
    { &hf_tcpconn_##var, { label, abbrev, FT_RELATIVE_TIME, BASE_NONE, NULL, 0x0, blurb, HFILL } }
#define HF_FRAME(var, label, abbrev, blurb) \
    { &hf_tcpconn_##var, { label, abbrev, FT_FRAMENUM, BASE_NONE, NULL, 0x0, blurb, HFILL } }
#define HF_NONE(var, label, abbrev, blurb) \
    { &hf_tcpconn_##var, { label, abbrev, FT_NONE, BASE_NONE, NULL, 0x0, blurb, HFILL } }

void proto_register_tcpconn(void)
{
    static hf_register_info hf[] = {
        HF_UINT(stream, "Stream index", "tcpconn.stream", FT_UINT32, "tcp.stream of the connection's first frame"),
        HF_UINT(lifecycle, "Connection on this address pair", "tcpconn.lifecycle", FT_UINT16,
                "1 for the first connection on this address and port pair, 2 for the next (port reuse) ..."),
        HF_STR(role, "Sender role", "tcpconn.role",
               "client (sent the first SYN), server, peer (simultaneous open) or unknown (no SYN seen)"),
        HF_STR(state_client, "Client state", "tcpconn.state.client",
               "RFC 9293 state of the client after this frame (sender once sent, receiver once received)"),
        HF_STR(state_server, "Server state", "tcpconn.state.server",
               "RFC 9293 state of the server after this frame"),
        HF_STR(state_sender, "Sender state", "tcpconn.state.sender",
               "RFC 9293 state of this frame's sender after it (when no SYN was seen)"),
        HF_STR(state_receiver, "Receiver state", "tcpconn.state.receiver",
               "RFC 9293 state of this frame's receiver after it (when no SYN was seen)"),
        HF_NONE(handshake, "Handshake", "tcpconn.handshake", "A step of the opening handshake"),
        HF_UINT(handshake_step, "Step", "tcpconn.handshake.step", FT_UINT8,
                "1 SYN, 2 SYN-ACK, 3 ACK (simultaneous open: 1 SYN, 2 SYN, 3 and 4 SYN-ACK)"),
        HF_STR(handshake_kind, "Kind", "tcpconn.handshake.kind", "three-way or simultaneous"),
        HF_BOOL(handshake_valid, "Valid", "tcpconn.handshake.valid",
                "The step acknowledges the peer's ISN + 1 (and the ACK's seq is the client's ISN + 1)"),
        HF_BOOL(handshake_complete, "Complete", "tcpconn.handshake.complete",
                "This frame completes the handshake"),
        HF_TIME(handshake_syn_to_synack, "SYN to SYN-ACK", "tcpconn.handshake.syn_to_synack",
                "Time from the latest SYN to this SYN-ACK"),
        HF_TIME(handshake_synack_to_ack, "SYN-ACK to ACK", "tcpconn.handshake.synack_to_ack",
                "Time from the latest SYN-ACK to this ACK"),
        HF_UINT(handshake_syn_retries, "SYN retries before the answer", "tcpconn.handshake.syn_retries",
                FT_UINT16, "How many times the SYN was retransmitted before this answer"),
        HF_NONE(teardown, "Teardown", "tcpconn.teardown", "A step or segment of the closing sequence"),
        HF_UINT(teardown_step, "Step", "tcpconn.teardown.step", FT_UINT8,
                "Step of the closing sequence, in wire order"),
        HF_STR(teardown_kind, "Kind", "tcpconn.teardown.kind",
               "four-way, three-way, simultaneous, half-close (data after the peer's FIN) or reset; "
               "absent on the first FIN, whose kind is decided by the next step"),
        HF_BOOL(teardown_merged, "ACK and FIN merged", "tcpconn.teardown.merged",
                "The passive closer's FIN is also the first ACK of the active FIN"),
        HF_BOOL(teardown_half_close, "Half-close", "tcpconn.teardown.half_close",
                "Data flowed after the first FIN was acknowledged"),
        HF_BOOL(teardown_complete, "Complete", "tcpconn.teardown.complete",
                "Both FINs are acknowledged after this frame"),
        HF_STR(closer, "Closer", "tcpconn.closer", "active or passive, on FIN frames"),
        HF_STR(time_wait, "TIME_WAIT side", "tcpconn.time_wait",
               "Which endpoint will sit in TIME_WAIT: the active closer, both after a simultaneous close"),
        HF_NONE(rst, "Reset", "tcpconn.rst", "The connection is reset"),
        HF_STR(rst_kind, "Kind", "tcpconn.rst.kind", "abort, after-fin, refused or stale-handshake"),
        HF_STR(rst_by, "Reset by", "tcpconn.rst.by", "Role of the endpoint that sent the RST"),
        HF_UINT(retry, "Retry", "tcpconn.retry", FT_UINT16,
                "1 for the first retransmission of a SYN, SYN-ACK or FIN, 2 for the second ..."),
        { &hf_tcpconn_retry_of, { "Retry of frame", "tcpconn.retry.of", FT_FRAMENUM, BASE_NONE,
          FRAMENUM_TYPE(FT_FRAMENUM_RETRANS_PREV), 0x0, "Frame of the original segment", HFILL } },
        HF_TIME(retry_interval, "Interval", "tcpconn.retry.interval",
                "Time since the previous attempt"),
        { &hf_tcpconn_retry_backoff, { "Backoff", "tcpconn.retry.backoff", FT_DOUBLE, BASE_NONE,
          NULL, 0x0, "This interval divided by the previous one (about 2: exponential, about 1: linear)", HFILL } },
        HF_STR(retry_pattern, "Pattern so far", "tcpconn.retry.pattern",
               "linear, exponential, linear then exponential or irregular"),
        HF_STR(retry_segment, "Retransmitted", "tcpconn.retry.segment", "SYN, SYN-ACK or FIN"),
        HF_STR(retry_outcome, "Attempt outcome", "tcpconn.retry.outcome",
               "What the retried attempt came to within the capture: succeeded, refused, reset or abandoned "
               "(two passes, the GUI; pending in a single pass)"),
        HF_STR(event, "Event", "tcpconn.event", "Name of each lifecycle event on this frame"),
        HF_STR(info, "Tags", "tcpconn.info", "The lifecycle tags of this frame, as in the Info column"),
        HF_STR(conn_state, "Zeek conn_state", "tcpconn.conn_state",
               "Zeek's connection state code (S0, S1, SF, REJ, S2, S3, RSTO, RSTR, RSTOS0, RSTRH, SH, SHR, OTH)"),
        HF_STR(history, "Zeek history", "tcpconn.history",
               "Zeek's history string: upper case originator, lower case responder"),
        HF_NONE(summary, "Connection summary", "tcpconn.summary",
                "What this frame's connection came to (so far, in a single pass)"),
        HF_BOOL(summary_final, "Final", "tcpconn.summary.final",
                "True once the whole capture has been read (two passes, the GUI); false: only frames up to this one"),
        HF_STR(summary_handshake, "Handshake", "tcpconn.summary.handshake",
               "three-way, simultaneous, refused, unanswered, half-open, reset or not seen"),
        HF_STR(summary_teardown, "Teardown", "tcpconn.summary.teardown",
               "four-way, three-way, simultaneous, reset, half-closed, incomplete, open or none"),
        HF_STR(summary_closer, "Active closer", "tcpconn.summary.closer", "Who sent the first FIN (both: simultaneous)"),
        HF_STR(summary_time_wait, "TIME_WAIT side", "tcpconn.summary.time_wait", "Who sits in TIME_WAIT"),
        HF_STR(summary_reset_by, "Reset by", "tcpconn.summary.reset_by", "Who sent the RST that ended it"),
        HF_STR(summary_state_client, "Client state", "tcpconn.summary.state.client", "Latest state of the client"),
        HF_STR(summary_state_server, "Server state", "tcpconn.summary.state.server", "Latest state of the server"),
        HF_STR(summary_state_originator, "Originator state", "tcpconn.summary.state.originator",
               "Latest state of the first frame's sender (no SYN seen)"),
        HF_STR(summary_state_responder, "Responder state", "tcpconn.summary.state.responder",
               "Latest state of the first frame's receiver (no SYN seen)"),
        HF_FRAME(summary_first_frame, "First frame", "tcpconn.summary.first_frame", NULL),
        HF_FRAME(summary_syn_frame, "First SYN", "tcpconn.summary.syn_frame", NULL),
        HF_FRAME(summary_complete_frame, "Handshake completed", "tcpconn.summary.complete_frame", NULL),
        HF_FRAME(summary_fin_frame, "First FIN", "tcpconn.summary.fin_frame", NULL),
        HF_FRAME(summary_rst_frame, "Ending RST", "tcpconn.summary.rst_frame", NULL),
        HF_FRAME(summary_last_frame, "Last frame", "tcpconn.summary.last_frame", NULL),
        HF_TIME(summary_duration, "Duration", "tcpconn.summary.duration", "First to last frame"),
        HF_UINT(summary_syn_retries, "SYN retries", "tcpconn.summary.syn_retries", FT_UINT16, NULL),
        HF_UINT(summary_synack_retries, "SYN-ACK retries", "tcpconn.summary.synack_retries", FT_UINT16, NULL),
        HF_UINT(summary_fin_retries, "FIN retries", "tcpconn.summary.fin_retries", FT_UINT16, NULL),
        HF_UINT(summary_not_judged, "Frames not judged", "tcpconn.summary.not_judged", FT_UINT16,
                "Frames of this connection whose TCP header was cut short: its verdicts stand on incomplete evidence"),
    };
    static gint *ett[] = {
        &ett_tcpconn, &ett_tcpconn_handshake, &ett_tcpconn_teardown,
        &ett_tcpconn_rst, &ett_tcpconn_retry, &ett_tcpconn_summary,
    };
    static ei_register_info ei[] = { TC_EVENT_LIST(TCPCONN_EI_ROW) };
    module_t *module;
    expert_module_t *expert;

    proto_tcpconn = proto_register_protocol("TCP Connection Lifecycle", "TCPCONN", "tcpconn");
    proto_register_field_array(proto_tcpconn, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert = expert_register_protocol(proto_tcpconn);
    expert_register_field_array(expert, ei, array_length(ei));

    module = prefs_register_protocol(proto_tcpconn, NULL);
    prefs_register_bool_preference(module, "info_tags", "Show lifecycle tags in the Info column",
        "Append tags such as [Handshake 1/3] or [Teardown 2/3 FIN+ACK merged] to the Info column",
        &tcpconn_info_tags);

    register_init_routine(tcpconn_init);
    register_cleanup_routine(tcpconn_cleanup);
    register_postseq_cleanup_routine(read_complete);
    tcpconn_handle = register_dissector("tcpconn", dissect_tcpconn, proto_tcpconn);
    tcpconn_tap = register_tap("tcpconn");
    tcpconn_register_stats();
}

void proto_reg_handoff_tcpconn(void)
{
    tcpconn_source_handoff();
    register_postdissector(tcpconn_handle);
}
