/* tcpconn_fsm.c
 * The endpoint state machine as one table (RFC 9293 section 3.3.2, figure 5,
 * and the event processing of section 3.10.7), and the name tables generated
 * from tcpconn_defs.h.  A zero entry means "no change".
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tcpconn_core.h"

#define S(x) ((uint8_t)(TC_STATE_##x + 1))   /* stored +1 so 0 means "stay" */

static const uint8_t fsm[TC_STATE_COUNT][TC_E_COUNT] = {
    [TC_STATE_UNKNOWN] = {
        [TC_E_SND_SYN] = S(SYN_SENT),         [TC_E_RCV_SYN] = S(SYN_RECEIVED),
        [TC_E_SND_SYNACK] = S(SYN_RECEIVED),  [TC_E_RCV_SYNACK] = S(ESTABLISHED),
        [TC_E_SND_FIN] = S(FIN_WAIT_1),       [TC_E_RCV_FIN] = S(CLOSE_WAIT),
        [TC_E_SND_RST] = S(CLOSED),           [TC_E_RCV_RST] = S(CLOSED),
    },
    [TC_STATE_CLOSED] = {
        [TC_E_SND_SYN] = S(SYN_SENT),         [TC_E_RCV_SYN] = S(SYN_RECEIVED),
    },
    /* 3.10.7.2: a SYN in LISTEN is answered by SYN-ACK, state SYN_RECEIVED */
    [TC_STATE_LISTEN] = {
        [TC_E_SND_SYN] = S(SYN_SENT),         [TC_E_RCV_SYN] = S(SYN_RECEIVED),
        [TC_E_SND_SYNACK] = S(SYN_RECEIVED),  [TC_E_SND_RST] = S(CLOSED),
    },
    /* 3.10.7.3: SYN_SENT + SYN-ACK -> ESTABLISHED; SYN alone -> SYN_RECEIVED
     * (simultaneous open) */
    [TC_STATE_SYN_SENT] = {
        [TC_E_RCV_SYN] = S(SYN_RECEIVED),     [TC_E_SND_SYNACK] = S(SYN_RECEIVED),
        [TC_E_RCV_SYNACK] = S(ESTABLISHED),   [TC_E_SND_RST] = S(CLOSED),
        [TC_E_RCV_RST] = S(CLOSED),
    },
    /* 3.10.7.4: the ACK of our SYN moves SYN_RECEIVED to ESTABLISHED; a RST
     * returns a passive open to LISTEN (handled by the caller) */
    [TC_STATE_SYN_RECEIVED] = {
        [TC_E_RCV_SYNACK] = S(ESTABLISHED),   [TC_E_RCV_SYN_ACK] = S(ESTABLISHED),
        [TC_E_SND_FIN] = S(FIN_WAIT_1),       [TC_E_RCV_FIN] = S(CLOSE_WAIT),
        [TC_E_SND_RST] = S(CLOSED),           [TC_E_RCV_RST] = S(CLOSED),
    },
    [TC_STATE_ESTABLISHED] = {
        [TC_E_SND_FIN] = S(FIN_WAIT_1),       [TC_E_RCV_FIN] = S(CLOSE_WAIT),
        [TC_E_SND_RST] = S(CLOSED),           [TC_E_RCV_RST] = S(CLOSED),
    },
    /* 3.10.7.4 FIN bit: FIN_WAIT_1 + FIN -> CLOSING (or TIME_WAIT if our FIN
     * was acked by the same segment: the caller applies the ACK first) */
    [TC_STATE_FIN_WAIT_1] = {
        [TC_E_RCV_FIN] = S(CLOSING),          [TC_E_RCV_FIN_ACK] = S(FIN_WAIT_2),
        [TC_E_SND_RST] = S(CLOSED),           [TC_E_RCV_RST] = S(CLOSED),
    },
    [TC_STATE_FIN_WAIT_2] = {
        [TC_E_RCV_FIN] = S(TIME_WAIT),
        [TC_E_SND_RST] = S(CLOSED),           [TC_E_RCV_RST] = S(CLOSED),
    },
    [TC_STATE_CLOSE_WAIT] = {
        [TC_E_SND_FIN] = S(LAST_ACK),
        [TC_E_SND_RST] = S(CLOSED),           [TC_E_RCV_RST] = S(CLOSED),
    },
    [TC_STATE_CLOSING] = {
        [TC_E_RCV_FIN_ACK] = S(TIME_WAIT),
        [TC_E_SND_RST] = S(CLOSED),           [TC_E_RCV_RST] = S(CLOSED),
    },
    [TC_STATE_LAST_ACK] = {
        [TC_E_RCV_FIN_ACK] = S(CLOSED),
        [TC_E_SND_RST] = S(CLOSED),           [TC_E_RCV_RST] = S(CLOSED),
    },
    /* TIME_WAIT ends after 2 MSL, which no segment shows; a RST in TIME_WAIT
     * closes it early (RFC 1337 discusses why stacks may ignore that) */
    [TC_STATE_TIME_WAIT] = {
        [TC_E_SND_RST] = S(CLOSED),           [TC_E_RCV_RST] = S(CLOSED),
    },
};

#undef S

tc_state_t tc_fsm_next(tc_state_t state, tc_ep_event_t ev)
{
    if ((unsigned)state >= TC_STATE_COUNT || (unsigned)ev >= TC_E_COUNT)
        return state;
    uint8_t next = fsm[state][ev];
    return next ? (tc_state_t)(next - 1) : state;
}

/* ---- names, generated from the lists ---- */

#define NAME2(id, name)                 name,
#define NAME3(id, name, a)              name,
#define NAME4(id, name, a, b)           name,
#define EVNAME(id, ph, name, gr, sv, s) ph "." name,
#define EVSUM(id, ph, name, gr, sv, s)  s,

static const char *const state_names[] = { TC_STATE_LIST(NAME3) };
static const char *const role_names[] = { TC_ROLE_LIST(NAME3) };
static const char *const hs_names[] = { TC_HS_KIND_LIST(NAME4) };
static const char *const td_names[] = { TC_TD_KIND_LIST(NAME4) };
static const char *const rst_names[] = { TC_RST_KIND_LIST(NAME3) };
static const char *const retry_names[] = { TC_RETRY_KIND_LIST(NAME2) };
static const char *const pattern_names[] = { TC_PATTERN_LIST(NAME3) };
static const char *const event_names[] = { TC_EVENT_LIST(EVNAME) };
static const char *const event_summaries[] = { TC_EVENT_LIST(EVSUM) };
static const char *const hso_names[] = { TC_HS_OUTCOME_LIST(NAME3) };
static const char *const tdo_names[] = { TC_TD_OUTCOME_LIST(NAME3) };

#define STEPS(id, name, steps, desc) steps,
static const uint8_t hs_steps[] = { TC_HS_KIND_LIST(STEPS) };
static const uint8_t td_steps[] = { TC_TD_KIND_LIST(STEPS) };

#define LOOKUP(table, v) ((v) < sizeof(table) / sizeof((table)[0]) ? (table)[v] : "")

const char *tc_state_name(unsigned v)      { return LOOKUP(state_names, v); }
const char *tc_role_name(unsigned v)       { return LOOKUP(role_names, v); }
const char *tc_hs_kind_name(unsigned v)    { return LOOKUP(hs_names, v); }
const char *tc_td_kind_name(unsigned v)    { return LOOKUP(td_names, v); }
const char *tc_rst_kind_name(unsigned v)   { return LOOKUP(rst_names, v); }
const char *tc_retry_kind_name(unsigned v) { return LOOKUP(retry_names, v); }
const char *tc_pattern_name(unsigned v)    { return LOOKUP(pattern_names, v); }
const char *tc_event_name(unsigned v)      { return LOOKUP(event_names, v); }
const char *tc_event_summary(unsigned v)   { return LOOKUP(event_summaries, v); }
const char *tc_hs_outcome_name(unsigned v) { return LOOKUP(hso_names, v); }
const char *tc_td_outcome_name(unsigned v) { return LOOKUP(tdo_names, v); }

unsigned tc_hs_total(unsigned v) { return v < TC_HS_COUNT ? hs_steps[v] : 0; }
unsigned tc_td_total(unsigned v) { return v < TC_TD_COUNT ? td_steps[v] : 0; }
