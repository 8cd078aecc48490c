/* tcpconn_fsm.h
 * The state machine of one TCP endpoint as a capture point sees it: RFC
 * 9293's states (section 3.3.2, figure 5) stepped by what the endpoint sends
 * and receives (the event processing of section 3.10.7).  Every state
 * change of the core goes through tc_fsm_next() or tc_fsm_revised().
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCPCONN_FSM_H
#define TCPCONN_FSM_H

#include "tcpconn_defs.h"

#define TC_X_ENUM_STATE(id, name, desc) TC_STATE_##id,
typedef enum { TC_STATE_LIST(TC_X_ENUM_STATE) TC_STATE_COUNT } tc_state_t;

/* What happens to an endpoint. */
typedef enum {
    TC_E_SND_SYN,           /* sent a SYN */
    TC_E_RCV_SYN,           /* received a SYN */
    TC_E_SND_SYNACK,        /* sent a SYN-ACK */
    TC_E_RCV_SYNACK,        /* received a SYN-ACK acknowledging its SYN */
    TC_E_RCV_ACK_OF_SYN,    /* received the ACK of its SYN */
    TC_E_SND_FIN,
    TC_E_RCV_FIN,
    TC_E_RCV_ACK_OF_FIN,    /* received the ACK of its FIN */
    TC_E_SND_RST,
    TC_E_RCV_RST,           /* an accepted RST */
    TC_E_RCV_RST_PASSIVE,   /* an accepted RST, by an endpoint that opened passively */
    TC_E_COUNT
} tc_ep_event_t;

tc_state_t tc_fsm_next(tc_state_t state, tc_ep_event_t ev);

/* Revisions are not transitions.  The core assumes a segment arrives when
 * the capture shows it sent; a later frame may show an assumption was
 * wrong, or tell a state the capture could not show.  A revision sets the
 * state that the later frame implies, from that frame on.  Each is named,
 * with the state it implies and why.
 * X(ID, STATE, "why") */
#define TC_REVISION_LIST(X) \
    X(LISTENING,      LISTEN,       "a first SYN arrives: its receiver was listening (passive open, RFC 9293 section 3.5)") \
    X(MIDSTREAM,      ESTABLISHED,  "an ACK-bearing segment mid-stream: both ends are synchronized (section 3.10.7.4)") \
    X(SYN_UNANSWERED, SYN_SENT,     "the SYN is sent again: no SYN-ACK arrived, the sender is still in SYN_SENT") \
    X(SYNS_CROSSED,   SYN_SENT,     "the peer's SYN had not arrived when this one was sent (simultaneous open, figure 7)") \
    X(ACK_LOST,       SYN_RECEIVED, "the SYN-ACK comes again after the final ACK: that ACK did not arrive") \
    X(SYN_NOT_SEEN,   SYN_SENT,     "the capture starts at the SYN-ACK: its receiver sent a SYN and waits") \
    X(FINS_CROSSED,   FIN_WAIT_1,   "the peer's FIN had not arrived when this one was sent (simultaneous close, figure 13)") \
    X(STALE_REJECTED, SYN_SENT,     "the client rejected a SYN-ACK for an old duplicate SYN: it still waits (figure 8)") \
    X(STALE_RESET,    LISTEN,       "the sender of that stale SYN-ACK is reset back to LISTEN (figure 8)")

#define TC_X_ENUM_REVISION(id, state, why) TC_REV_##id,
typedef enum { TC_REVISION_LIST(TC_X_ENUM_REVISION) TC_REV_COUNT } tc_revision_t;

tc_state_t tc_fsm_revised(tc_revision_t rev);

#endif /* TCPCONN_FSM_H */
