/* tcpconn_glue.h
 * What the epan glue files share: field, subtree and expert ids, the
 * per-frame and per-connection records.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCPCONN_GLUE_H
#define TCPCONN_GLUE_H

#include <epan/packet.h>
#include <epan/expert.h>

#include "tcpconn_compat.h"
#include "tcpconn_core.h"
#include "tcpconn_zeek.h"

/* Every field: X(variable suffix).  hf_tcpconn_<x> shows as tcpconn.<x>
 * with dots for the underscores that separate levels (see the hf array). */
#define TCPCONN_HF_LIST(X) TCPCONN_HF_FRAME_LIST(X) TCPCONN_HF_SUMMARY_LIST(X)

/* Fields of a frame's own annotation. */
#define TCPCONN_HF_FRAME_LIST(X) \
    X(role) \
    X(state_client) X(state_server) X(state_sender) X(state_receiver) \
    X(handshake) X(handshake_step) X(handshake_kind) X(handshake_valid) \
    X(handshake_complete) X(handshake_syn_to_synack) X(handshake_synack_to_ack) \
    X(handshake_syn_retries) \
    X(teardown) X(teardown_step) X(teardown_kind) X(teardown_merged) \
    X(teardown_half_close) X(teardown_complete) X(closer) X(time_wait) \
    X(rst) X(rst_kind) X(rst_by) \
    X(retry) X(retry_of) X(retry_interval) X(retry_backoff) X(retry_pattern) X(retry_segment) \
    X(retry_outcome) \
    X(event) X(info)

/* Fields of the Connection summary: drawn only when one of them is wanted
 * (tcpconn_summary_wanted() walks this list). */
#define TCPCONN_HF_SUMMARY_LIST(X) \
    X(stream) X(lifecycle) X(conn_state) X(history) \
    X(summary) X(summary_final) X(summary_handshake) X(summary_teardown) X(summary_closer) \
    X(summary_time_wait) X(summary_reset_by) X(summary_state_client) X(summary_state_server) \
    X(summary_state_originator) X(summary_state_responder) X(summary_first_frame) \
    X(summary_syn_frame) X(summary_complete_frame) X(summary_fin_frame) X(summary_rst_frame) \
    X(summary_last_frame) X(summary_duration) X(summary_syn_retries) X(summary_synack_retries) \
    X(summary_fin_retries) X(summary_not_judged)

#define TCPCONN_HF_EXTERN(x) extern int hf_tcpconn_##x;
TCPCONN_HF_LIST(TCPCONN_HF_EXTERN)

extern int proto_tcpconn;
extern gint ett_tcpconn;
extern gint ett_tcpconn_handshake;
extern gint ett_tcpconn_teardown;
extern gint ett_tcpconn_rst;
extern gint ett_tcpconn_retry;
extern gint ett_tcpconn_summary;
extern int tcpconn_tap;
extern expert_field ei_tcpconn[TC_EV_COUNT];
extern tcpconn_pref_bool_t tcpconn_info_tags;

/* One connection (lifecycle) on an address and port pair.  Its summary is
 * updated on the first pass; once the capture has been read it is final. */
/* The endpoints of an address and port pair, by direction: 0 sent the
 * pair's first frame. */
typedef struct tcpconn_ends {
    address addr[2];
    guint32 port[2];
} tcpconn_ends_t;

typedef struct tcpconn_life {
    const tc_summary_t *sum;            /* the core's while current, a copy once ended */
    tc_zeek_t    zeek;                  /* Zeek conn_state and history */
    const tcpconn_ends_t *ends;         /* its pair's */
    guint32      stream;                /* tcp.stream of its first frame */
    guint16      number;                /* 1, 2 ... on this pair */
    guint16      not_judged;            /* its frames whose TCP header was cut short */
} tcpconn_life_t;

/* What is stored for an annotated frame. */
typedef struct tcpconn_frame {
    tc_result_t res;
    const tcpconn_life_t *life;
} tcpconn_frame_t;

/* What the "tcpconn" tap gets for each frame of a followed connection. */
typedef struct tcpconn_tap_data {
    const tcpconn_life_t *life;
    const tc_result_t *res;     /* NULL when the frame is not annotated */
    tc_segment_t seg;           /* the frame's TCP segment (raw seq/ack, flags, length), */
    gboolean have_seg;          /* when known; dir is not set */
} tcpconn_tap_data_t;

/* fr or life may be NULL; final: the whole capture has been read. */
void tcpconn_draw(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                  const tcpconn_frame_t *fr, const tcpconn_life_t *life, gboolean final);
gboolean tcpconn_summary_wanted(proto_tree *tree);
/* Who closed actively: "client", "server", "originator", "responder",
 * "both" (FINs crossed), or NULL when nobody sent a FIN. */
const char *tcpconn_summary_closer(const tc_summary_t *s);
/* What the retried segment's attempt came to, from the connection summary. */
const char *tcpconn_retry_outcome(const tcpconn_life_t *life, const tc_result_t *r);
void tcpconn_draw_summary(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, proto_item *top,
                          const tcpconn_life_t *life, gboolean final, gboolean wanted);
void tcpconn_register_stats(void);
void tcpconn_register_flow(void);
/* tcpconn_segment.c: the frame's TCP segment from the "tcp" tap, on passes
 * that run taps; FALSE when not known. */
void tcpconn_segment_register(void);
gboolean tcpconn_tapped_segment(const packet_info *pinfo, tc_segment_t *seg);

void proto_register_tcpconn(void);
void proto_reg_handoff_tcpconn(void);

#endif /* TCPCONN_GLUE_H */
