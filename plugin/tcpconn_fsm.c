/* tcpconn_fsm.c
 * The endpoint state machine as one table (RFC 9293 section 3.3.2, figure 5,
 * and the event processing of section 3.10.7), and the revisions of
 * tcpconn_fsm.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tcpconn_fsm.h"

/* Stored +1 so that 0 ("__") means "no change". */
#define __  0
#define UN  (TC_STATE_UNKNOWN + 1)
#define CL  (TC_STATE_CLOSED + 1)
#define LI  (TC_STATE_LISTEN + 1)
#define SS  (TC_STATE_SYN_SENT + 1)
#define SR  (TC_STATE_SYN_RECEIVED + 1)
#define ES  (TC_STATE_ESTABLISHED + 1)
#define F1  (TC_STATE_FIN_WAIT_1 + 1)
#define F2  (TC_STATE_FIN_WAIT_2 + 1)
#define CW  (TC_STATE_CLOSE_WAIT + 1)
#define CG  (TC_STATE_CLOSING + 1)
#define LA  (TC_STATE_LAST_ACK + 1)
#define TW  (TC_STATE_TIME_WAIT + 1)

/* Rows: the state before.  Columns: the event (tcpconn_fsm.h order).
 *   UNKNOWN      a capture that starts mid-stream learns the state from the
 *                first thing it sees
 *   SYN_SENT     + SYN-ACK -> ESTABLISHED; + SYN alone -> SYN_RECEIVED
 *                (simultaneous open) (3.10.7.3)
 *   SYN_RECEIVED + the ACK of its SYN -> ESTABLISHED; + RST -> LISTEN for a
 *                passive open, CLOSED otherwise (3.10.7.4)
 *   FIN_WAIT_1   + FIN -> CLOSING; the caller applies an ACK of our FIN in
 *                the same segment first, which gives TIME_WAIT (3.10.7.4)
 *   TIME_WAIT    ends after 2 MSL, which no segment shows; a RST closes it
 *                early (RFC 1337 discusses why stacks may ignore that) */
static const unsigned char fsm[TC_STATE_COUNT][TC_E_COUNT] = {
    /*                  SND    RCV    SND     RCV     ACK     SND    RCV    ACK     SND    RCV    RCV RST
     *                  SYN    SYN    SYNACK  SYNACK  OF SYN  FIN    FIN    OF FIN  RST    RST    PASSIVE */
    [TC_STATE_UNKNOWN]      = { SS, SR, SR, ES, __, F1, CW, __, CL, CL, CL },
    [TC_STATE_CLOSED]       = { SS, SR, __, __, __, __, __, __, __, __, __ },
    [TC_STATE_LISTEN]       = { SS, SR, SR, __, __, __, __, __, CL, __, __ },
    [TC_STATE_SYN_SENT]     = { __, SR, SR, ES, __, __, __, __, CL, CL, CL },
    [TC_STATE_SYN_RECEIVED] = { __, __, __, ES, ES, F1, CW, __, CL, CL, LI },
    [TC_STATE_ESTABLISHED]  = { __, __, __, __, __, F1, CW, __, CL, CL, CL },
    [TC_STATE_FIN_WAIT_1]   = { __, __, __, __, __, __, CG, F2, CL, CL, CL },
    [TC_STATE_FIN_WAIT_2]   = { __, __, __, __, __, __, TW, __, CL, CL, CL },
    [TC_STATE_CLOSE_WAIT]   = { __, __, __, __, __, LA, __, __, CL, CL, CL },
    [TC_STATE_CLOSING]      = { __, __, __, __, __, __, __, TW, CL, CL, CL },
    [TC_STATE_LAST_ACK]     = { __, __, __, __, __, __, __, CL, CL, CL, CL },
    [TC_STATE_TIME_WAIT]    = { __, __, __, __, __, __, __, __, CL, CL, CL },
};

tc_state_t tc_fsm_next(tc_state_t state, tc_ep_event_t ev)
{
    unsigned char next;

    if ((unsigned)state >= TC_STATE_COUNT || (unsigned)ev >= TC_E_COUNT)
        return state;
    next = fsm[state][ev];
    return next ? (tc_state_t)(next - 1) : state;
}

#define TC_X_REVISED(id, state, why) [TC_REV_##id] = TC_STATE_##state,

static const tc_state_t revised[TC_REV_COUNT] = { TC_REVISION_LIST(TC_X_REVISED) };

tc_state_t tc_fsm_revised(tc_revision_t rev)
{
    return (unsigned)rev < TC_REV_COUNT ? revised[rev] : TC_STATE_UNKNOWN;
}
