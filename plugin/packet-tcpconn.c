/* packet-tcpconn.c
 * TCP Connection Lifecycle: a postdissector that follows every TCP
 * connection's handshake, teardown and endpoint states.
 *
 * The glue is thin: on the first pass it reads the TCP fields it asked for
 * (set_postdissector_wanted_hfids), steps the pure core (tcpconn_core.c) and
 * keeps the result of each annotated frame as per-frame data in file scope.
 * Every pass then draws from that stored result only: fields are not primed
 * on later passes, and frames are revisited in any order.
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

/* The TCP fields we read on the first pass. */
static int hf_tcp_stream = -1;
static int hf_tcp_flags = -1;
static int hf_tcp_seq_raw = -1;
static int hf_tcp_ack_raw = -1;
static int hf_tcp_len = -1;
static int hf_tcp_window = -1;

/* One record per address and port pair: the core's stream and what tells
 * the two directions apart.  Reuses of the pair are lifecycles within it. */
typedef struct tcpconn_key {
    address  a, b;
    guint32  port_a, port_b;
} tcpconn_key_t;

typedef struct tcpconn_conn {
    tc_stream_t     core;
    tcpconn_ends_t  ends;
    tcpconn_life_t *life;       /* the current connection on the pair */
    wmem_array_t   *lives;      /* all of them in order, once there are two */
} tcpconn_conn_t;

static wmem_map_t *tcpconn_conns;

/* ---- connection records ---- */

static guint key_hash(gconstpointer k)
{
    const tcpconn_key_t *key = (const tcpconn_key_t *)k;
    guint hash = key->port_a * 65599u + key->port_b;

    hash = add_address_to_hash(hash, &key->a);
    return add_address_to_hash(hash, &key->b);
}

static gboolean key_equal(gconstpointer x, gconstpointer y)
{
    const tcpconn_key_t *p = (const tcpconn_key_t *)x, *q = (const tcpconn_key_t *)y;

    return p->port_a == q->port_a && p->port_b == q->port_b
        && addresses_equal(&p->a, &q->a) && addresses_equal(&p->b, &q->b);
}

/* The key names the pair in one order whichever way the frame goes. */
static void key_from_pinfo(tcpconn_key_t *key, const packet_info *pinfo)
{
    int order = cmp_address(&pinfo->src, &pinfo->dst);

    if (order < 0 || (order == 0 && pinfo->srcport <= pinfo->destport)) {
        copy_address_shallow(&key->a, &pinfo->src);
        copy_address_shallow(&key->b, &pinfo->dst);
        key->port_a = pinfo->srcport;
        key->port_b = pinfo->destport;
    } else {
        copy_address_shallow(&key->a, &pinfo->dst);
        copy_address_shallow(&key->b, &pinfo->src);
        key->port_a = pinfo->destport;
        key->port_b = pinfo->srcport;
    }
}

static tcpconn_life_t *life_new(tcpconn_conn_t *conn, guint32 stream)
{
    tcpconn_life_t *life = wmem_new0(wmem_file_scope(), tcpconn_life_t);

    tc_zeek_init(&life->zeek);
    life->sum = &conn->core.sum;
    life->number = conn->core.lifecycle;
    life->stream = stream;
    life->ends = &conn->ends;
    conn->life = life;
    return life;
}

static tcpconn_conn_t *conn_lookup(const packet_info *pinfo)
{
    tcpconn_key_t key;

    key_from_pinfo(&key, pinfo);
    return (tcpconn_conn_t *)wmem_map_lookup(tcpconn_conns, &key);
}

static tcpconn_conn_t *conn_get(const packet_info *pinfo, guint32 stream)
{
    tcpconn_key_t key, *stored;
    tcpconn_conn_t *conn = conn_lookup(pinfo);

    if (conn)
        return conn;
    key_from_pinfo(&key, pinfo);
    stored = wmem_new(wmem_file_scope(), tcpconn_key_t);
    copy_address_wmem(wmem_file_scope(), &stored->a, &key.a);
    copy_address_wmem(wmem_file_scope(), &stored->b, &key.b);
    stored->port_a = key.port_a;
    stored->port_b = key.port_b;
    conn = wmem_new0(wmem_file_scope(), tcpconn_conn_t);
    tc_stream_init(&conn->core);
    copy_address_wmem(wmem_file_scope(), &conn->ends.addr[0], &pinfo->src);
    copy_address_wmem(wmem_file_scope(), &conn->ends.addr[1], &pinfo->dst);
    conn->ends.port[0] = pinfo->srcport;
    conn->ends.port[1] = pinfo->destport;
    life_new(conn, stream);
    wmem_map_insert(tcpconn_conns, stored, conn);
    return conn;
}

static guint8 conn_direction(const tcpconn_conn_t *conn, const packet_info *pinfo)
{
    return (pinfo->srcport == conn->ends.port[0] && addresses_equal(&pinfo->src, &conn->ends.addr[0]))
        ? 0 : 1;
}

/* The pair's current connection ended as a new one began: it keeps a copy
 * of its summary, the new one follows the core's. */
static void life_end(tcpconn_conn_t *conn, const tc_summary_t *ended, guint32 stream)
{
    tc_summary_t *copy = wmem_new(wmem_file_scope(), tc_summary_t);

    *copy = *ended;
    conn->life->sum = copy;
    if (!conn->lives) {
        conn->lives = wmem_array_new(wmem_file_scope(), sizeof(tcpconn_life_t *));
        wmem_array_append_one(conn->lives, conn->life);
    }
    life_new(conn, stream);
    wmem_array_append_one(conn->lives, conn->life);
}

/* The connection a frame belongs to: the latest one that began at or
 * before it.  Most pairs carry one; a pair reused many times is searched
 * by halves. */
static const tcpconn_life_t *life_of_frame(const tcpconn_conn_t *conn, guint32 num)
{
    guint lo = 0, hi;

    if (!conn->lives)
        return conn->life;
    hi = wmem_array_get_count(conn->lives);
    while (hi - lo > 1) {      /* invariant: lives[lo] began at or before num, or lo == 0 */
        guint mid = lo + (hi - lo) / 2;
        const tcpconn_life_t *life = *(const tcpconn_life_t **)wmem_array_index(conn->lives, mid);

        if (life->sum->first_frame <= num)
            lo = mid;
        else
            hi = mid;
    }
    return *(const tcpconn_life_t **)wmem_array_index(conn->lives, lo);
}

/* ---- reading the TCP fields (first pass only) ---- */

typedef enum {
    FIELDS_OK,
    FIELDS_SKIP,        /* not a segment we judge (several TCP layers) */
    FIELDS_BAD          /* TCP header incomplete */
} fields_status_t;

/* The single value of a field, FALSE if absent; *several when it occurs
 * more than once (a TCP layer inside another). */
static gboolean field_uint(proto_tree *tree, int hf, guint32 *out, gboolean *several)
{
    GPtrArray *arr;
    field_info *fi;

    if (hf < 0)
        return FALSE;
    arr = proto_get_finfo_ptr_array(tree, hf);
    if (!arr || arr->len == 0)
        return FALSE;
    if (arr->len > 1)
        *several = TRUE;
    fi = (field_info *)g_ptr_array_index(arr, 0);
    *out = fvalue_get_uinteger(TCPCONN_FVALUE(fi));
    return TRUE;
}

static fields_status_t read_segment(proto_tree *tree, tc_segment_t *seg, guint32 *stream)
{
    gboolean several = FALSE;
    guint32 flags = 0, ack = 0;
    gboolean ok;

    ok = field_uint(tree, hf_tcp_stream, stream, &several);
    ok = field_uint(tree, hf_tcp_flags, &flags, &several) && ok;
    ok = field_uint(tree, hf_tcp_seq_raw, &seg->seq, &several) && ok;
    ok = field_uint(tree, hf_tcp_len, &seg->len, &several) && ok;
    if (several)
        return FIELDS_SKIP;
    if (!ok)
        return FIELDS_BAD;
    if ((flags & TC_ACK) && !field_uint(tree, hf_tcp_ack_raw, &ack, &several))
        return FIELDS_BAD;
    /* a missing window must not read as a zero window */
    if (!field_uint(tree, hf_tcp_window, &seg->window, &several))
        seg->window = G_MAXUINT16;
    seg->flags = (uint8_t)(flags & 0x3f);
    seg->ack = ack;
    return FIELDS_OK;
}

/* ---- dissection ---- */

static void store_frame(packet_info *pinfo, const tc_result_t *res, const tcpconn_life_t *life)
{
    tcpconn_frame_t *fr = wmem_new(wmem_file_scope(), tcpconn_frame_t);

    fr->res = *res;
    fr->life = life;
    p_add_proto_data(wmem_file_scope(), pinfo, proto_tcpconn, 0, fr);
}

/* A segment whose TCP header is cut short: marked, not stepped.  When its
 * ports were read, its connection counts it, so that the connection's
 * verdicts say they stand on incomplete evidence. */
static void store_not_judged(packet_info *pinfo)
{
    tcpconn_conn_t *conn = pinfo->ptype == PT_TCP ? conn_lookup(pinfo) : NULL;
    tc_result_t res;

    memset(&res, 0, sizeof res);
    res.client = TC_DIR_NONE;
    res.events = TC_EV_BIT(TC_EV_NOT_JUDGED);
    res.syn_synack_ns = res.synack_ack_ns = -1;
    if (conn && conn->life->not_judged < G_MAXUINT16)
        conn->life->not_judged++;
    store_frame(pinfo, &res, conn ? conn->life : NULL);
}

static gboolean quoted_by_icmp(const packet_info *pinfo)
{
    /* a TCP header inside an ICMP error is a quote, not a segment */
    return proto_is_frame_protocol(pinfo->layers, "icmp")
        || proto_is_frame_protocol(pinfo->layers, "icmpv6");
}

static void first_pass(packet_info *pinfo, proto_tree *tree)
{
    tc_segment_t seg;
    tc_result_t res;
    tc_summary_t ended;
    tcpconn_conn_t *conn;
    guint32 stream = 0;

    if (quoted_by_icmp(pinfo))
        return;
    memset(&seg, 0, sizeof seg);
    switch (read_segment(tree, &seg, &stream)) {
    case FIELDS_SKIP:
        return;
    case FIELDS_BAD:
        store_not_judged(pinfo);
        return;
    default:
        break;
    }
    if (pinfo->ptype != PT_TCP)
        return;
    conn = conn_get(pinfo, stream);
    seg.frame = pinfo->num;
    seg.time_ns = (int64_t)pinfo->abs_ts.secs * 1000000000 + pinfo->abs_ts.nsecs;
    seg.dir = conn_direction(conn, pinfo);
    tc_step(&conn->core, &seg, &res, &ended);
    if (res.flags & TC_R_NEW_LIFE)
        life_end(conn, &ended, stream);
    {
        /* records, IP lengths and checksums are not used yet */
        tc_zeek_in_t zin = { &seg, { (guint16)conn->ends.port[0], (guint16)conn->ends.port[1] },
                             0, TC_ZEEK_CKSUM_UNKNOWN, 0 };

        tc_zeek_packet(&conn->life->zeek, NULL, &zin, NULL, NULL);
    }
    if (tc_result_annotated(&res))
        store_frame(pinfo, &res, conn->life);
}

static gboolean followed(const packet_info *pinfo)
{
    return pinfo->ptype == PT_TCP && !quoted_by_icmp(pinfo);
}

static int dissect_tcpconn(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    const tcpconn_frame_t *fr;
    const tcpconn_life_t *life = NULL;
    const tcpconn_conn_t *conn;

    if (!proto_is_frame_protocol(pinfo->layers, "tcp"))
        return 0;
    if (!PINFO_FD_VISITED(pinfo))
        first_pass(pinfo, tree);
    fr = (const tcpconn_frame_t *)p_get_proto_data(wmem_file_scope(), pinfo, proto_tcpconn, 0);
    if (fr && fr->life)
        life = fr->life;
    else if (followed(pinfo) && (conn = conn_lookup(pinfo)) != NULL)
        life = life_of_frame(conn, pinfo->num);
    if (!fr && !life)
        return 0;
    tcpconn_draw(tvb, pinfo, tree, fr, life, PINFO_FD_VISITED(pinfo));
    if (life && have_tap_listener(tcpconn_tap)) {
        tcpconn_tap_data_t *td = wmem_new(pinfo->pool, tcpconn_tap_data_t);

        td->life = life;
        td->res = fr ? &fr->res : NULL;
        tap_queue_packet(tcpconn_tap, pinfo, td);
    }
    return 0;
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

    tcpconn_conns = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), key_hash, key_equal);
    tcpconn_handle = register_dissector("tcpconn", dissect_tcpconn, proto_tcpconn);
    tcpconn_tap = register_tap("tcpconn");
    tcpconn_register_stats();
}

void proto_reg_handoff_tcpconn(void)
{
    GArray *wanted = g_array_new(FALSE, FALSE, (guint)sizeof(int));

    hf_tcp_stream = proto_registrar_get_id_byname("tcp.stream");
    hf_tcp_flags = proto_registrar_get_id_byname("tcp.flags");
    hf_tcp_seq_raw = proto_registrar_get_id_byname("tcp.seq_raw");
    hf_tcp_ack_raw = proto_registrar_get_id_byname("tcp.ack_raw");
    hf_tcp_len = proto_registrar_get_id_byname("tcp.len");
    hf_tcp_window = proto_registrar_get_id_byname("tcp.window_size_value");
    g_array_append_val(wanted, hf_tcp_stream);
    g_array_append_val(wanted, hf_tcp_flags);
    g_array_append_val(wanted, hf_tcp_seq_raw);
    g_array_append_val(wanted, hf_tcp_ack_raw);
    g_array_append_val(wanted, hf_tcp_len);
    g_array_append_val(wanted, hf_tcp_window);
    register_postdissector(tcpconn_handle);
    set_postdissector_wanted_hfids(tcpconn_handle, wanted);
}
