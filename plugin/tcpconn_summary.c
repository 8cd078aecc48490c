/* tcpconn_summary.c
 * The Connection summary subtree: what a frame's connection came to.  Once
 * the capture has been read (two passes, the GUI) it is final; in a single
 * pass it covers the frames up to this one and says so.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/packet.h>
#include <epan/expert.h>

#include "tcpconn_glue.h"
#include "tcpconn_items.h"

/* Endpoint names in a summary: client and server once a SYN was seen,
 * otherwise originator (sent the first frame) and responder, as Zeek. */
static const char *summary_side(const tc_summary_t *s, unsigned d)
{
    if (s->client > 1)
        return d == 0 ? "originator" : "responder";
    return d == s->client ? "client" : "server";
}

/* A side of the summary by name: "both", one endpoint's, or NULL. */
const char *tcpconn_summary_sides(const tc_summary_t *s, tc_side_t side)
{
    switch (side) {
    case TC_SIDE_BOTH: return "both";
    case TC_SIDE_DIR0: return summary_side(s, 0);
    case TC_SIDE_DIR1: return summary_side(s, 1);
    default: return NULL;
    }
}

static void draw_states(proto_tree *t, tvbuff_t *tvb, const tc_summary_t *s)
{
    int hf[2];

    if (s->client > 1) {        /* no SYN seen (TC_DIR_NONE) */
        hf[0] = hf_tcpconn_summary_state_originator;
        hf[1] = hf_tcpconn_summary_state_responder;
    } else {
        hf[s->client] = hf_tcpconn_summary_state_client;
        hf[s->client ^ 1u] = hf_tcpconn_summary_state_server;
    }
    tcpconn_add_str(t, hf[0], tvb, tc_state_name(s->state[0]));
    tcpconn_add_str(t, hf[1], tvb, tc_state_name(s->state[1]));
}

static void draw_frames(proto_tree *t, tvbuff_t *tvb, const tc_summary_t *s)
{
    const struct { int hf; guint32 frame; } frames[] = {
        { hf_tcpconn_summary_first_frame, s->first_frame },
        { hf_tcpconn_summary_syn_frame, s->syn_frame },
        { hf_tcpconn_summary_complete_frame, s->complete_frame },
        { hf_tcpconn_summary_fin_frame, s->fin_frame },
        { hf_tcpconn_summary_rst_frame, s->rst_frame },
        { hf_tcpconn_summary_last_frame, s->last_frame },
    };

    for (size_t i = 0; i < array_length(frames); i++) {
        if (frames[i].frame)
            tcpconn_add_uint(t, frames[i].hf, tvb, frames[i].frame);
    }
    tcpconn_add_ns(t, hf_tcpconn_summary_duration, tvb, tc_ns_between(s->first_ns, s->last_ns));
    if (s->syn_retries)
        tcpconn_add_uint(t, hf_tcpconn_summary_syn_retries, tvb, s->syn_retries);
    if (s->synack_retries)
        tcpconn_add_uint(t, hf_tcpconn_summary_synack_retries, tvb, s->synack_retries);
    if (s->fin_retries)
        tcpconn_add_uint(t, hf_tcpconn_summary_fin_retries, tvb, s->fin_retries);
}

/* Per direction, by role: the client (or the first frame's sender)
 * originates, as in Zeek's conn.log and Wireshark's Conversations. */
static void draw_counts(proto_tree *t, tvbuff_t *tvb, const tc_summary_t *s)
{
    unsigned o = s->client > 1 ? 0 : s->client;

    tcpconn_add_uint(t, hf_tcpconn_summary_pkts_orig, tvb, s->pkts[o]);
    tcpconn_add_uint(t, hf_tcpconn_summary_pkts_resp, tvb, s->pkts[o ^ 1u]);
    tcpconn_add_uint64(t, hf_tcpconn_summary_bytes_orig, tvb, s->bytes[o]);
    tcpconn_add_uint64(t, hf_tcpconn_summary_bytes_resp, tvb, s->bytes[o ^ 1u]);
}

static void draw_closing(proto_tree *t, tvbuff_t *tvb, const tc_summary_t *s)
{
    const char *tw = tcpconn_summary_sides(s, tc_summary_time_wait(s));
    const char *closer = tcpconn_summary_sides(s, tc_summary_closer(s));

    if (closer)
        tcpconn_add_str(t, hf_tcpconn_summary_closer, tvb, closer);
    if (tw)
        tcpconn_add_str(t, hf_tcpconn_summary_time_wait, tvb, tw);
    if (s->rst_dir != TC_DIR_NONE) {
        tcpconn_add_str(t, hf_tcpconn_summary_reset_by, tvb, summary_side(s, s->rst_dir));
        tcpconn_add_str(t, hf_tcpconn_summary_reset_kind, tvb, tc_rst_kind_name(s->rst_kind));
    }
}

/* The frame's Zeek record: its conn_state, history and number. */
static void draw_zeek(proto_tree *t, tvbuff_t *tvb, const packet_info *pinfo, const tcpconn_conn_t *conn)
{
    tcpconn_zview_t z;

    if (!tcpconn_zeek_of_frame(conn, pinfo->num, &z))
        return;
    tcpconn_add_str(t, hf_tcpconn_conn_state, tvb, tc_zeek_state_name(z.rec.conn_state));
    tcpconn_add_str(t, hf_tcpconn_history, tvb, z.rec.history);
    tcpconn_add_uint(t, hf_tcpconn_zeek_record, tvb, z.number);
}

/* Verdicts that need the whole capture, on the connection's last frame. */
static void final_experts(packet_info *pinfo, proto_item *top, const tc_summary_t *s,
                          tc_hs_outcome_t hso, tc_td_outcome_t tdo)
{
    if (hso == TC_HSO_UNANSWERED && pinfo->num == s->last_syn_frame)
        expert_add_info_format(pinfo, top, &ei_tcpconn[TC_EV_HS_UNANSWERED],
                               "SYN never answered: no SYN-ACK or RST within the capture (%u retries)",
                               (unsigned)s->syn_retries);
    if (pinfo->num != s->last_frame)
        return;
    if (hso == TC_HSO_HALF_OPEN && s->client <= 1)
        expert_add_info_format(pinfo, top, &ei_tcpconn[TC_EV_HALF_OPEN],
                               "Half-open: SYN-ACK sent, final ACK never seen (client %s, server %s)",
                               tc_state_name(s->state[s->client]), tc_state_name(s->state[s->client ^ 1u]));
    if (tdo == TC_TDO_INCOMPLETE || tdo == TC_TDO_HALF_CLOSED)
        expert_add_info_format(pinfo, top, &ei_tcpconn[TC_EV_TD_INCOMPLETE],
                               "Teardown not finished within the capture (%s): %s left in %s, %s in %s",
                               tc_td_outcome_name(tdo), summary_side(s, 0), tc_state_name(s->state[0]),
                               summary_side(s, 1), tc_state_name(s->state[1]));
}

void tcpconn_draw_summary(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, proto_item *top,
                          const tcpconn_conn_t *conn, gboolean final, gboolean wanted, gboolean experts)
{
    tc_summary_t scratch;
    const tc_summary_t *s;
    tc_hs_outcome_t hso;
    tc_td_outcome_t tdo;
    proto_item *it;
    proto_tree *st;
    gboolean shown;

    if (!wanted && !(final && experts))
        return;     /* (the summary of a lone or packed pair is made for nothing) */
    s = tcpconn_conn_sum(conn, &scratch);
    hso = tc_summary_hs_outcome(s);
    tdo = tc_summary_td_outcome(s);
    if (final && experts)
        final_experts(pinfo, top, s, hso, tdo);
    if (!wanted)
        return;
    shown = PTREE_DATA(tree)->visible;      /* labels only where they are read */
    it = tcpconn_add_none(tree, hf_tcpconn_summary, tvb);
    if (shown)
        proto_item_append_text(it, ": handshake %s, teardown %s, %s", tc_hs_outcome_name(hso),
                               tc_td_outcome_name(tdo), final ? "whole capture" : "so far (frames up to this one)");
    st = proto_item_add_subtree(it, ett_tcpconn_summary);
    tcpconn_add_bool(st, hf_tcpconn_summary_final, tvb, final);
    tcpconn_add_uint(st, hf_tcpconn_stream, tvb, conn->stream);
    tcpconn_add_uint(st, hf_tcpconn_lifecycle, tvb, conn->number);
    draw_zeek(st, tvb, pinfo, conn);
    tcpconn_add_str(st, hf_tcpconn_summary_handshake, tvb, tc_hs_outcome_name(hso));
    tcpconn_add_str(st, hf_tcpconn_summary_teardown, tvb, tc_td_outcome_name(tdo));
    draw_closing(st, tvb, s);
    draw_states(st, tvb, s);
    draw_frames(st, tvb, s);
    draw_counts(st, tvb, s);
    if (conn->not_judged) {
        it = tcpconn_add_uint(st, hf_tcpconn_summary_not_judged, tvb, conn->not_judged);
        if (shown)
            proto_item_append_text(it, " (verdicts stand on incomplete evidence)");
    }
}
