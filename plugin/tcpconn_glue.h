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

#include "tcpconn_core.h"

/* Every field: X(variable suffix).  hf_tcpconn_<x> shows as tcpconn.<x>
 * with dots for the underscores that separate levels (see the hf array). */
#define TCPCONN_HF_LIST(X) \
    X(stream) X(lifecycle) X(role) \
    X(state_client) X(state_server) X(state_sender) X(state_receiver) \
    X(handshake) X(handshake_step) X(handshake_kind) X(handshake_valid) \
    X(handshake_complete) X(handshake_syn_to_synack) X(handshake_synack_to_ack) \
    X(handshake_syn_retries) \
    X(teardown) X(teardown_step) X(teardown_kind) X(teardown_merged) \
    X(teardown_half_close) X(teardown_complete) X(closer) X(time_wait) \
    X(rst) X(rst_kind) X(rst_by) \
    X(retry) X(retry_of) X(retry_interval) X(retry_backoff) X(retry_pattern) X(retry_segment) \
    X(event) X(info)

#define TCPCONN_HF_EXTERN(x) extern int hf_tcpconn_##x;
TCPCONN_HF_LIST(TCPCONN_HF_EXTERN)

extern int proto_tcpconn;
extern gint ett_tcpconn;
extern gint ett_tcpconn_handshake;
extern gint ett_tcpconn_teardown;
extern gint ett_tcpconn_rst;
extern gint ett_tcpconn_retry;
extern expert_field ei_tcpconn[TC_EV_COUNT];
extern gboolean tcpconn_info_tags;

/* What is stored for an annotated frame. */
typedef struct tcpconn_frame {
    tc_result_t res;
    guint32     stream;         /* tcp.stream */
} tcpconn_frame_t;

void tcpconn_draw(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const tcpconn_frame_t *fr);

void proto_register_tcpconn(void);
void proto_reg_handoff_tcpconn(void);

#endif /* TCPCONN_GLUE_H */
