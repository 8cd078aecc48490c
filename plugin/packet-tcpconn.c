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

#define TCPCONN_HF_DEFINE(var, abbrev, type, name, desc) int hf_tcpconn_##var = -1;
TC_FIELD_FRAME_LIST(TCPCONN_HF_DEFINE)
TC_FIELD_SUMMARY_LIST(TCPCONN_HF_DEFINE)

gint ett_tcpconn = -1;
gint ett_tcpconn_handshake = -1;
gint ett_tcpconn_teardown = -1;
gint ett_tcpconn_rst = -1;
gint ett_tcpconn_retry = -1;
gint ett_tcpconn_summary = -1;
int tcpconn_tap = -1;

expert_field ei_tcpconn[TC_EV_COUNT];

gint tcpconn_tag_position = TCPCONN_TAGS_FRONT;

/* The postdissector's handle names no protocol: Wireshark then neither
 * checks that tcpconn is enabled nor adds it to pinfo->layers and
 * pinfo->proto_layers and takes it out again on every frame (about 470
 * instructions per frame on make-load 2000, 4.0's call_dissector_work()).  tcpconn checks
 * the one and needs neither of the others: nothing reads its layer. */
static dissector_handle_t tcpconn_handle;
static protocol_t *tcpconn_protocol;
static const char *tcpconn_short_name;

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
    return tcpconn_frames_add(res) ? res : NULL;
}

/* A capture time in nanoseconds, saturated past the year 2262. */
static int64_t capture_ns(const nstime_t *t)
{
    if (t->secs >= (time_t)(INT64_MAX / 1000000000))
        return INT64_MAX;
    if (t->secs <= (time_t)(INT64_MIN / 1000000000))
        return INT64_MIN;
    return (int64_t)t->secs * 1000000000 + t->nsecs;
}

/* The packet both views of the pair step with. */
static void packet_of(const packet_info *pinfo, const tcpconn_hdr_t *h, const tcpconn_pair_t *pair,
                      guint8 dir, tc_packet_t *p)
{
    p->seg = h->seg;
    p->seg.frame = pinfo->num;
    p->seg.time_ns = capture_ns(&pinfo->abs_ts);
    p->seg.dir = dir;
    p->port[0] = pair->key.port[pair->slot0];
    p->port[1] = pair->key.port[pair->slot0 ^ 1u];
    p->ip_len = h->ip_len;
    p->cksum = h->cksum;
    /* Zeek does not reassemble payload the snap length cut (a gap) */
    p->zflags = (guint8)(h->zflags | (pinfo->fd->cap_len < pinfo->fd->pkt_len ? TC_ZIN_TRUNCATED : 0));
}

/* Steps both views of the pair with the frame; returns the frame's result
 * (in res) when it is annotated and stored, and its connection.  A header
 * read whole is left in seg (as tcpconn_tap_segment() gives it, for the
 * tcpconn tap without reading it again). */
static const tc_result_t *first_pass(packet_info *pinfo, const tcpconn_conn_t **conn, tc_result_t *res,
                                     tc_segment_t *seg, gboolean *have_seg)
{
    tcpconn_hdr_t h;
    tc_packet_t p;
    tc_track_out_t out;
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
    *seg = h.seg;
    *have_seg = TRUE;
    pair = tcpconn_pair_get(&h, &dir);
    if (!pair)
        return NULL;
    if (!pair->zfirst)
        pair->zfirst = pinfo->num;      /* its first Zeek record opens */
    tcpconn_window_from_bytes(&h, pair, dir);
    packet_of(pinfo, &h, pair, dir, &p);
    tcpconn_pair_step(pair, &p, h.stream, &out);
    if (out.zeek.ended)
        tcpconn_zeek_record_ended(pair, &out.record_ended, pinfo->num);
    *conn = pair->conn;
    if (!tc_result_annotated(&out.res) || !tcpconn_frames_add(&out.res))
        return NULL;
    if (out.res.link)
        tcpconn_frames_link(&out.res);
    *res = out.res;
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
    tc_result_t buf;
    tc_segment_t seg;
    gboolean have_seg = FALSE;
    const tc_result_t *res = NULL;
    const tcpconn_conn_t *conn = NULL;
    const char *saved_proto;
    gboolean info;

    if (!proto_is_protocol_enabled(tcpconn_protocol) || !tcpconn_layers_followed(tcpconn_scan_layers(pinfo)))
        return 0;
    if (!PINFO_FD_VISITED(pinfo))
        res = first_pass(pinfo, &conn, &buf, &seg, &have_seg);
    info = col_get_writable(pinfo->cinfo, COL_INFO);
    if (!tree && !info && !have_tap_listener(tcpconn_tap) && !tcpconn_experts_seen(pinfo))
        return 0;   /* nobody looks: stepping the core was all there was to do */
    if (PINFO_FD_VISITED(pinfo)) {
        res = tcpconn_frames_find(pinfo->num, &buf) ? &buf : NULL;
        conn = tcpconn_conn_of_frame(pinfo);
    } else if (!conn) {
        conn = tcpconn_conn_of_frame(pinfo);    /* a header cut short, of a known pair */
    }
    if (!res && !conn)
        return 0;
    saved_proto = pinfo->current_proto;
    pinfo->current_proto = tcpconn_short_name;     /* the expert infos' protocol */
    tcpconn_draw(tvb, pinfo, tree, res, conn, final_for(pinfo), info);
    if (conn && have_tap_listener(tcpconn_tap)) {
        tcpconn_tap_data_t *td = wmem_new(pinfo->pool, tcpconn_tap_data_t);

        tcpconn_zview_t *zv = wmem_new(pinfo->pool, tcpconn_zview_t);

        td->conn = conn;
        td->res = res ? (const tc_result_t *)wmem_memdup(pinfo->pool, res, sizeof *res) : NULL;
        td->zeek = tcpconn_zeek_of_frame(conn, pinfo->num, zv) ? zv : NULL;
        if (have_seg) {
            td->seg = seg;
            td->have_seg = TRUE;
        } else {
            td->have_seg = tcpconn_tap_segment(pinfo, &td->seg);
        }
        tap_queue_packet(tcpconn_tap, pinfo, td);
    }
    pinfo->current_proto = saved_proto;
    return 0;
}

/* ---- per file ---- */

static void tcpconn_init(void)
{
    capture_read = FALSE;
    tcpconn_draw_init();
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

#define TCPCONN_SEV_ROW(id, phase, name, group, sev, part, tag, summary) TC_PI_SEV_##sev,

int tcpconn_event_severity(tc_event_t ev)
{
    static const int severity[] = { TC_EVENT_LIST(TCPCONN_SEV_ROW) };

    return (unsigned)ev < array_length(severity) ? severity[ev] : 0;
}

#define TCPCONN_EI_ROW(id, phase, name, group, sev, part, tag, summary) \
    { &ei_tcpconn[TC_EV_##id], { "tcpconn." phase "." name, TC_PI_GROUP_##group, \
      TC_PI_SEV_##sev, summary, EXPFILL } },

/* The field types of the lists, as Wireshark registers them. */
#define TC_HF_NONE       FT_NONE, BASE_NONE, NULL
#define TC_HF_STR        FT_STRING, BASE_NONE, NULL
#define TC_HF_BOOL       FT_BOOLEAN, BASE_NONE, NULL
#define TC_HF_U8         FT_UINT8, BASE_DEC, NULL
#define TC_HF_U16        FT_UINT16, BASE_DEC, NULL
#define TC_HF_U32        FT_UINT32, BASE_DEC, NULL
#define TC_HF_U64        FT_UINT64, BASE_DEC, NULL
#define TC_HF_DOUBLE     FT_DOUBLE, BASE_NONE, NULL
#define TC_HF_TIME       FT_RELATIVE_TIME, BASE_NONE, NULL
#define TC_HF_FRAME      FT_FRAMENUM, BASE_NONE, NULL
#define TC_HF_FRAME_RETX FT_FRAMENUM, BASE_NONE, FRAMENUM_TYPE(FT_FRAMENUM_RETRANS_PREV)
#define TC_HF_FRAME_ACK  FT_FRAMENUM, BASE_NONE, FRAMENUM_TYPE(FT_FRAMENUM_ACK)
#define TC_HF_FRAME_REQ  FT_FRAMENUM, BASE_NONE, FRAMENUM_TYPE(FT_FRAMENUM_REQUEST)
#define TC_HF_FRAME_RESP FT_FRAMENUM, BASE_NONE, FRAMENUM_TYPE(FT_FRAMENUM_RESPONSE)

#define TCPCONN_HF_ROW(var, abbrev, type, name, desc) \
    { &hf_tcpconn_##var, { name, "tcpconn." abbrev, TC_HF_##type, 0x0, desc, HFILL } },

static const enum_val_t tag_positions[] = {
    { "front", "In front", TCPCONN_TAGS_FRONT },
    { "end", "At the end", TCPCONN_TAGS_END },
    { "off", "Off", TCPCONN_TAGS_OFF },
    { NULL, NULL, 0 }
};

void proto_register_tcpconn(void)
{
    static hf_register_info hf[] = {
        TC_FIELD_FRAME_LIST(TCPCONN_HF_ROW)
        TC_FIELD_SUMMARY_LIST(TCPCONN_HF_ROW)
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
    prefs_register_enum_preference(module, "info_tags", "Lifecycle tags in the Info column",
        "Where tags such as [Handshake 1/3] or [Teardown 2/3 FIN+ACK merged] go in the Info column: "
        "in front (as Wireshark's own [TCP Retransmission]), at the end, or not at all",
        &tcpconn_tag_position, tag_positions, FALSE);

    register_init_routine(tcpconn_init);
    register_cleanup_routine(tcpconn_cleanup);
    register_postseq_cleanup_routine(read_complete);
    tcpconn_handle = create_dissector_handle(dissect_tcpconn, -1);
    tcpconn_protocol = find_protocol_by_id(proto_tcpconn);
    tcpconn_short_name = proto_get_protocol_short_name(tcpconn_protocol);
    tcpconn_tap = register_tap("tcpconn");
    tcpconn_register_stats();
    tcpconn_register_connlog();
    tcpconn_register_flow();
}

void proto_reg_handoff_tcpconn(void)
{
    tcpconn_source_handoff();
    register_postdissector(tcpconn_handle);
}
