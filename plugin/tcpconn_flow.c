/* tcpconn_flow.c
 * Flow graphs of the "tcpconn" tap: a ladder of client and server, one
 * arrow per frame, labelled with the frame's lifecycle step, and the
 * endpoint states after the frame in the comment column.  In the GUI under
 * Statistics > Flow Graph, in tshark as -z flow,tcpconn,standard (or
 * ,network).  Two flow types:
 *
 *   tcpconn      "TCP Connection Lifecycle": the frames tcpconn annotates
 *                (handshake and teardown steps, resets, retries, events)
 *   tcpconn_all  "TCP Connection Lifecycle (all frames)": every frame of
 *                the connections tcpconn follows, the others labelled with
 *                their TCP flags and length
 *
 * A second type rather than a preference: the GUI's Flow Graph dialog
 * switches between types in its own "Flow type" list and retaps at once,
 * and tshark names the type in -z, whereas a preference would need a trip
 * to Edit > Preferences and would change what -z flow,tcpconn prints
 * behind the user's back.
 *
 * The labels and comments are built by pure functions of the frame's
 * result and segment (no epan, no allocation), into the caller's buffer.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define WS_LOG_DOMAIN "tcpconn"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <epan/packet.h>
#include <epan/tap.h>
#include <wsutil/wslog.h>

#include "tcpconn_glue.h"

/* ---- labels and comments: pure ---- */

typedef struct flow_text {
    char  *buf;
    size_t size, len;
} flow_text_t;

static void text_init(flow_text_t *t, char *buf, size_t size)
{
    t->buf = buf;
    t->size = size;
    t->len = 0;
    buf[0] = '\0';
}

static void text_add(flow_text_t *t, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static void text_add(flow_text_t *t, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (t->len + 1 >= t->size)
        return;
    va_start(ap, fmt);
    n = vsnprintf(t->buf + t->len, t->size - t->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        t->len = MIN(t->len + (size_t)n, t->size - 1);
}

static gboolean has_event(const tc_result_t *r, tc_event_t ev)
{
    return (r->events & TC_EV_BIT(ev)) != 0;
}

/* "+0.4s", "+1s", "+12s", "+50ms", "+15us": short, tshark cuts labels */
static void add_interval(flow_text_t *t, int64_t ns)
{
    double s = (double)ns / 1e9;
    char num[32];
    size_t n;

    if (s < 0.001) {
        text_add(t, " +%.0fus", s * 1e6);
    } else if (s < 0.1) {
        text_add(t, " +%.0fms", s * 1e3);
    } else {
        snprintf(num, sizeof num, "%.*f", s >= 10 ? 0 : 1, s);
        n = strlen(num);
        if (n > 2 && strcmp(num + n - 2, ".0") == 0)
            num[n - 2] = '\0';
        text_add(t, " +%ss", num);
    }
}

/* SYN 1/3 seq=x, SYN-ACK 2/3 ack=x+1, ACK 3/3 (simultaneous open: SYN 1/4
 * and 2/4, SYN-ACK 3/4 and 4/4).  The numbers are the raw ones the checks
 * of RFC 9293 section 3.5 compare: the SYN's ISN, and the SYN-ACK's ack of
 * it. */
static void label_handshake(flow_text_t *t, const tc_result_t *r, const tc_segment_t *seg)
{
    tc_step_segment_t what = tc_result_handshake_segment(r);
    gboolean syn = what == TC_SEG_SYN, synack = what == TC_SEG_SYNACK;

    text_add(t, "%s %u/%u", tc_step_segment_name(what), r->hs_step, tc_hs_total(r->hs_kind));
    if (r->hs_check == TC_CHECK_BAD)        /* before the number: tshark may cut the label */
        text_add(t, " invalid");
    if (seg && syn)
        text_add(t, " seq=%u", seg->seq);
    else if (seg && synack)
        text_add(t, " ack=%u", seg->ack);
}

/* FIN 1 (kind decided by the next step), ACK 2/4, FIN+ACK merged 2/3,
 * FIN 2/4 crossed, ACK 3/3 (RFC 9293 section 3.6). */
static void label_teardown(flow_text_t *t, const tc_result_t *r)
{
    unsigned total = tc_td_total(r->td_kind);
    const char *what = tc_step_segment_name(tc_result_teardown_segment(r));

    if (total)
        text_add(t, "%s %u/%u", what, r->td_step, total);
    else
        text_add(t, "%s %u", what, r->td_step);
    if (has_event(r, TC_EV_TD_SIMULTANEOUS))
        text_add(t, " crossed");
}

/* SYN retry 1 +1.0s, FIN retry 2 +0.4s */
static void label_retry(flow_text_t *t, const tc_result_t *r, gboolean alone)
{
    if (alone)
        text_add(t, "%s retry %u", tc_retry_kind_name(r->retry_kind), r->retry_count);
    else
        text_add(t, " retry %u", r->retry_count);
    if (tc_result_retry_interval_ns(r) >= 0)
        add_interval(t, tc_result_retry_interval_ns(r));
}

/* What TCP shows: "PSH, ACK Len=100" (flags of RFC 9293 section 3.1). */
static void label_flags(flow_text_t *t, const tc_segment_t *seg)
{
    static const struct { uint8_t bit; const char *name; } flags[] = {
        { TC_FIN, "FIN" }, { TC_SYN, "SYN" }, { TC_RST, "RST" },
        { TC_PSH, "PSH" }, { TC_ACK, "ACK" }, { TC_URG, "URG" },
    };
    size_t start = t->len;

    if (!seg) {
        text_add(t, "TCP");
        return;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(flags); i++) {
        if (seg->flags & flags[i].bit)
            text_add(t, "%s%s", t->len > start ? ", " : "", flags[i].name);
    }
    if (t->len == start)
        text_add(t, "<none>");
    if (seg->len)
        text_add(t, " Len=%u", seg->len);
}

/* The arrow's label for an annotated frame; seg may be NULL (not known). */
static size_t flow_label(char *buf, size_t size, const tc_result_t *r, const tc_segment_t *seg)
{
    flow_text_t t;

    text_init(&t, buf, size);
    if (r->hs_step)
        label_handshake(&t, r, seg);
    else if (r->td_step)
        label_teardown(&t, r);
    else if (r->rst_kind)
        text_add(&t, "RST %s", tc_rst_kind_name(r->rst_kind));
    else if (r->retry_count)
        label_retry(&t, r, TRUE);
    else if (r->events == TC_EV_BIT(TC_EV_NOT_JUDGED))
        text_add(&t, "not judged");
    else
        label_flags(&t, seg);
    if (r->retry_count && (r->hs_step || r->td_step || r->rst_kind))
        label_retry(&t, r, FALSE);
    return t.len;
}

/* The events the label does not already say, by their filter names. */
static gboolean said_by_label(tc_event_t ev)
{
    switch (tc_event_part(ev)) {
    case TC_PART_STEP: case TC_PART_MOD: case TC_PART_RST: case TC_PART_RETRY:
        return TRUE;
    default:
        return ev == TC_EV_NOT_JUDGED;      /* the label says "not judged" */
    }
}

static void add_numbers(flow_text_t *t, const tc_segment_t *seg, const char *sep)
{
    if (!seg)
        return;
    text_add(t, "%sseq=%u", sep, seg->seq);
    if (seg->flags & TC_ACK)
        text_add(t, " ack=%u", seg->ack);
    if (seg->len)
        text_add(t, " len=%u", seg->len);
}

/* The comment of an annotated frame: both endpoints' RFC 9293 states after
 * it ("client FIN_WAIT_2 / server CLOSE_WAIT"; "sender ... / receiver ..."
 * when no SYN was seen), the other events, then the raw numbers (tshark
 * cuts arrow labels to the width between two nodes, comments it prints
 * whole). */
static size_t flow_comment(char *buf, size_t size, const tc_result_t *r, const tc_segment_t *seg)
{
    flow_text_t t;
    const char *sep = "; ";

    text_init(&t, buf, size);
    if (r->events == TC_EV_BIT(TC_EV_NOT_JUDGED)) {
        text_add(&t, "TCP header incomplete: segment not judged");
    } else if (r->client <= 1) {
        text_add(&t, "client %s / server %s", tc_state_name(r->after[r->client]),
                 tc_state_name(r->after[r->client ^ 1u]));
    } else {
        text_add(&t, "sender %s / receiver %s", tc_state_name(r->after[r->dir]),
                 tc_state_name(r->after[r->dir ^ 1u]));
    }
    for (unsigned e = 0; e < TC_EV_COUNT; e++) {
        if (has_event(r, (tc_event_t)e) && !said_by_label((tc_event_t)e)) {
            text_add(&t, "%s%s", sep, tc_event_name(e));
            sep = ", ";
        }
    }
    add_numbers(&t, seg, "; ");
    return t.len;
}

/* A frame tcpconn did not annotate (all-frames type): its flags, and its
 * numbers in the comment. */
static void flow_plain(char *label, char *comment, size_t size, const tc_segment_t *seg)
{
    flow_text_t t;

    text_init(&t, label, size);
    label_flags(&t, seg);
    text_init(&t, comment, size);
    add_numbers(&t, seg, "");
}

/* ---- the flow types ---- */

#if TCPCONN_HAVE_FLOW

#ifdef TCPCONN_SEQ_ANALYSIS_DECLARED
/* The library has just made sai with its own idea of the layout: if the
 * members it filled are not where tcpconn_compat.h declares them, say so
 * once and leave the graph alone rather than write over the item. */
static gboolean layout_agrees(const seq_analysis_item_t *sai, const packet_info *pinfo,
                              const seq_analysis_info_t *sainfo)
{
    static gboolean warned;
    const address *src = sainfo->any_addr ? &pinfo->net_src : &pinfo->src;
    gboolean ok = sai->time_str != NULL && sai->frame_label == NULL && sai->comment == NULL
               && !sai->display && sai->info_ptr == NULL && addresses_equal(&sai->src_addr, src);

    if (!ok && !warned) {
        ws_warning("the flow graph structures of this Wireshark differ from tcpconn_compat.h's: "
                   "no tcpconn flow graph");
        warned = TRUE;
    }
    return ok;
}
#else
#define layout_agrees(sai, pinfo, sainfo) TRUE
#endif

static tap_packet_status flow_add(void *tapdata, packet_info *pinfo, const void *data, gboolean all)
{
    seq_analysis_info_t *sainfo = (seq_analysis_info_t *)tapdata;
    const tcpconn_tap_data_t *td = (const tcpconn_tap_data_t *)data;
    const tc_segment_t *seg = td->have_seg ? &td->seg : NULL;
    char label[160], comment[320];
    seq_analysis_item_t *sai;

    if (!td->res && !all)
        return TAP_PACKET_DONT_REDRAW;
    sai = sequence_analysis_create_sai_with_addresses(pinfo, sainfo);
    if (!sai || !layout_agrees(sai, pinfo, sainfo))
        return TAP_PACKET_DONT_REDRAW;
    if (td->res) {
        flow_label(label, sizeof label, td->res, seg);
        flow_comment(comment, sizeof comment, td->res, seg);
    } else {
        flow_plain(label, comment, sizeof label, seg);
    }
    sai->frame_number = pinfo->num;     /* clicking the arrow selects this frame */
    sai->port_src = (guint16)pinfo->srcport;
    sai->port_dst = (guint16)pinfo->destport;
    sai->frame_label = g_strdup(label);
    sai->comment = g_strdup(comment);
    sai->conv_num = (guint16)td->conn->stream;
    sai->line_style = 1;
    sai->display = TRUE;
    sequence_analysis_use_color_filter(pinfo, sai);    /* the packet list's colours, in the GUI */
    g_queue_push_tail(sainfo->items, sai);
    return TAP_PACKET_REDRAW;
}

static tap_packet_status flow_lifecycle_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_,
                                               const void *data, tap_flags_t flags _U_)
{
    return flow_add(tapdata, pinfo, data, FALSE);
}

static tap_packet_status flow_all_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_,
                                         const void *data, tap_flags_t flags _U_)
{
    return flow_add(tapdata, pinfo, data, TRUE);
}

void tcpconn_register_flow(void)
{
    register_seq_analysis("tcpconn", "TCP Connection Lifecycle", proto_tcpconn, "tcpconn",
                          TL_REQUIRES_NOTHING, flow_lifecycle_packet);
    register_seq_analysis("tcpconn_all", "TCP Connection Lifecycle (all frames)", proto_tcpconn, "tcpconn",
                          TL_REQUIRES_NOTHING, flow_all_packet);
}

#else /* !TCPCONN_HAVE_FLOW */

void tcpconn_register_flow(void)
{
    /* no flow graph for this Wireshark: see tcpconn_compat.h */
    (void)flow_label;
    (void)flow_comment;
    (void)flow_plain;
}

#endif
