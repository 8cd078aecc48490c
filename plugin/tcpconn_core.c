/* tcpconn_core.c
 * Steps one TCP stream with one segment, as a capture point sees it.
 *
 * Model: two endpoints, each with its RFC 9293 state (section 3.3.2).  A
 * segment changes the sender's state once sent and the receiver's once
 * received; the capture point sees segments in flight, so we assume a
 * segment arrives unless a later frame shows it did not (a retransmitted
 * SYN shows that no SYN-ACK arrived, crossing FINs show that neither FIN had
 * arrived when the other was sent).  Such revisions change only the states
 * reported from that frame on, never an earlier frame's annotation.
 *
 * Every state change goes through ep_apply() (a transition of the state
 * table, tcpconn_fsm.c) or ep_revise() (a named revision, tcpconn_fsm.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "tcpconn_core.h"
#include "tcpconn_seq.h"

#define PEER(d) ((uint8_t)((d) ^ 1u))

/* ---- the choke point for state changes ---- */

static void ep_apply(tc_endpoint_t *ep, tc_ep_event_t ev)
{
    ep->state = (uint8_t)tc_fsm_next((tc_state_t)ep->state, ev);
}

/* A later frame shows that an earlier assumption was wrong, or tells a
 * state the capture could not show (TC_REVISION_LIST says which and why). */
static void ep_revise(tc_endpoint_t *ep, tc_revision_t rev)
{
    ep->state = (uint8_t)tc_fsm_revised(rev);
}

static void add_event(tc_result_t *res, tc_event_t ev)
{
    res->events |= TC_EV_BIT(ev);
}

/* The frame this one answers or acknowledges (0: not captured). */
static void link_to(tc_result_t *res, tc_link_t kind, uint32_t frame)
{
    if (!frame)
        return;
    res->link = frame;
    res->link_kind = kind;
}

static tc_endpoint_t *sender(tc_pair_t *pair, const tc_segment_t *seg)
{
    return &pair->ep[seg->dir];
}

static tc_endpoint_t *receiver(tc_pair_t *pair, const tc_segment_t *seg)
{
    return &pair->ep[PEER(seg->dir)];
}

static bool has_ack(const tc_segment_t *seg)
{
    return (seg->flags & TC_ACK) != 0;
}

/* Does this ack value acknowledge the endpoint's SYN (and, with TCP Fast
 * Open, the data the SYN carried; RFC 7413 section 3)? */
static bool acks_syn(const tc_endpoint_t *ep, uint32_t ack)
{
    if (!(ep->flags & TC_EP_SYN))
        return false;
    return ack == ep->isn + 1u || (ep->syn_len && ack == ep->isn + 1u + ep->syn_len);
}

/* First sequence number after the SYN (RFC 9293 section 3.4: the SYN
 * occupies ISN, data starts at ISN + 1). */
static bool seq_after_syn(const tc_endpoint_t *ep, uint32_t seq)
{
    return seq == ep->isn + 1u || (ep->syn_len && seq == ep->isn + 1u + ep->syn_len);
}

/* ---- retries ---- */

/* Backoff factors this close to 1 or 2 count as linear or doubling steps. */
static bool factor_is_linear(double f)   { return f > 0.75 && f < 1.33; }
static bool factor_is_doubling(double f) { return f > 1.6 && f < 2.5; }

static tc_pattern_t pattern_next(tc_pattern_t p, double factor)
{
    bool lin = factor_is_linear(factor);
    bool dbl = factor_is_doubling(factor);

    switch (p) {
    case TC_PATTERN_NONE:
        return lin ? TC_PATTERN_LINEAR : dbl ? TC_PATTERN_EXPONENTIAL : TC_PATTERN_IRREGULAR;
    case TC_PATTERN_LINEAR:
        return lin ? TC_PATTERN_LINEAR : dbl ? TC_PATTERN_LIN_EXP : TC_PATTERN_IRREGULAR;
    case TC_PATTERN_EXPONENTIAL:
        return dbl ? TC_PATTERN_EXPONENTIAL : TC_PATTERN_IRREGULAR;
    case TC_PATTERN_LIN_EXP:
        return dbl ? TC_PATTERN_LIN_EXP : TC_PATTERN_IRREGULAR;
    default:
        return TC_PATTERN_IRREGULAR;
    }
}

static void retry_start(tc_retry_track_t *rt, const tc_segment_t *seg)
{
    memset(rt, 0, sizeof *rt);
    rt->orig_frame = rt->last_frame = seg->frame;
    rt->last_ns = seg->time_ns;
    rt->started = 1;
}

static void retry_summary(tc_summary_t *sum, const tc_retry_track_t *rt, tc_retry_kind_t kind)
{
    switch (kind) {
    case TC_RETRY_SYN:
        sum->syn_retries = rt->count;
        break;
    case TC_RETRY_SYNACK:
        if (rt->count > sum->synack_retries)
            sum->synack_retries = rt->count;
        break;
    default:
        if (rt->count > sum->fin_retries)
            sum->fin_retries = rt->count;
        break;
    }
}

/* Shorter than this, a repeat answers the peer's own repeat (Linux resends
 * its SYN-ACK at once when the SYN comes again) instead of a timer: no
 * backoff factor is measured against such an interval. */
#define TC_MIN_TIMER_NS INT64_C(1000000)

/* The retransmission timer doubles on each expiry (RFC 6298 section 5.5);
 * recent Linux first retries SYNs at linear intervals.  Report what was
 * measured: the interval, its ratio to the previous one, the pattern. */
static void retry_note(tc_pair_t *pair, tc_endpoint_t *ep, const tc_segment_t *seg,
                       tc_retry_kind_t kind, tc_result_t *res)
{
    tc_retry_track_t *rt = &ep->retry;
    int64_t interval = tc_ns_between(rt->last_ns, seg->time_ns);

    if (!rt->started) {
        /* the original was not captured (the capture began later, or it was
         * derived from the peer's answer): a repeat, of an unknown frame at
         * an unknown time; later repeats measure from this one */
        retry_start(rt, seg);
        rt->orig_frame = 0;
        interval = -1;
    }
    if (rt->count != UINT16_MAX)
        rt->count++;
    if (rt->last_interval_ns >= TC_MIN_TIMER_NS && interval >= TC_MIN_TIMER_NS) {
        res->retry_backoff = (double)interval / (double)rt->last_interval_ns;
        res->flags |= TC_R_BACKOFF;
        rt->pattern = (uint8_t)pattern_next((tc_pattern_t)rt->pattern, res->retry_backoff);
    }
    rt->last_interval_ns = interval > 0 ? interval : 0;
    rt->last_ns = seg->time_ns;
    rt->last_frame = seg->frame;

    res->retry_kind = kind;
    res->retry_count = rt->count;
    res->retry_of = rt->orig_frame;
    if (interval >= 0) {
        res->time_ns = interval;
        res->flags |= TC_R_RETRY_IV;
    }
    res->retry_pattern = rt->pattern;
    add_event(res, tc_retry_kind_event(kind));
    retry_summary(&pair->sum, rt, kind);
}

/* ---- lifecycles ---- */

static void restart(tc_pair_t *pair, tc_result_t *res, tc_summary_t *ended)
{
    uint16_t life = pair->lifecycle;

    if (ended)
        *ended = pair->sum;
    tc_pair_init(pair);
    pair->lifecycle = life == UINT16_MAX ? life : (uint16_t)(life + 1);
    res->flags |= TC_R_NEW_LIFE;
}

/* A capture that starts after the handshake: no handshake annotation, and
 * the roles stay unknown.  A segment carrying an ACK is only sent in a
 * synchronized state, and it acknowledges a SYN the receiver sent, so both
 * endpoints are past the handshake (RFC 9293 section 3.10.7.4). */
static void midstream_start(tc_pair_t *pair, const tc_segment_t *seg, tc_result_t *res)
{
    pair->phase = TC_PHASE_OPEN;
    pair->flags |= TC_ST_MIDSTREAM;
    add_event(res, TC_EV_HS_NOT_SEEN);
    if (has_ack(seg)) {
        ep_revise(sender(pair, seg), TC_REV_MIDSTREAM);
        ep_revise(receiver(pair, seg), TC_REV_MIDSTREAM);
    }
}

/* ---- handshake (RFC 9293 section 3.5) ---- */

static void hs_step_result(tc_pair_t *pair, tc_result_t *res, tc_check_t check)
{
    res->hs_step = pair->hs_step;
    res->hs_kind = pair->hs_kind;
    res->hs_check = (uint8_t)check;
    add_event(res, TC_EV_HS_STEP);
}

static void hs_complete(tc_pair_t *pair, const tc_segment_t *seg, tc_result_t *res)
{
    pair->phase = TC_PHASE_OPEN;
    pair->sum.complete_frame = seg->frame;
    res->flags |= TC_R_HS_COMPLETE;
}

/* Step 1: the first SYN.  Its receiver is assumed to be listening. */
static void hs_start(tc_pair_t *pair, const tc_segment_t *seg, tc_result_t *res)
{
    tc_endpoint_t *s = sender(pair, seg), *r = receiver(pair, seg);

    pair->phase = TC_PHASE_HANDSHAKE;
    pair->client = seg->dir;
    pair->hs_kind = TC_HS_THREE_WAY;
    pair->hs_step = 1;
    pair->syn_ns = seg->time_ns;
    pair->sum.syn_frame = pair->sum.last_syn_frame = seg->frame;
    s->role = TC_ROLE_CLIENT;
    r->role = TC_ROLE_SERVER;
    s->flags |= TC_EP_SYN;
    s->isn = seg->seq;
    s->syn_len = (uint16_t)(seg->len > UINT16_MAX ? UINT16_MAX : seg->len);
    retry_start(&s->retry, seg);
    if (r->state == TC_STATE_UNKNOWN || r->state == TC_STATE_CLOSED)
        ep_revise(r, TC_REV_LISTENING);
    ep_apply(s, TC_E_SND_SYN);
    ep_apply(r, TC_E_RCV_SYN);
    hs_step_result(pair, res, TC_CHECK_NONE);
}

/* A bare SYN from the endpoint that already sent one, same ISN: no SYN-ACK
 * arrived, so the sender is (still) in SYN_SENT (RFC 9293 section 3.10.7.3). */
static void syn_retry(tc_pair_t *pair, const tc_segment_t *seg, tc_result_t *res)
{
    tc_endpoint_t *s = sender(pair, seg);

    retry_note(pair, s, seg, TC_RETRY_SYN, res);
    pair->syn_ns = seg->time_ns;
    pair->sum.last_syn_frame = seg->frame;
    ep_revise(s, TC_REV_SYN_UNANSWERED);
    ep_apply(receiver(pair, seg), TC_E_RCV_SYN);
}

/* Both endpoints sent a bare SYN (RFC 9293 section 3.5, figure 7).  The
 * second sender had not received the first SYN when it sent its own. */
static void simultaneous_open(tc_pair_t *pair, const tc_segment_t *seg, tc_result_t *res)
{
    tc_endpoint_t *s = sender(pair, seg), *r = receiver(pair, seg);

    pair->hs_kind = TC_HS_SIMULTANEOUS;
    pair->hs_step = 2;
    s->role = r->role = TC_ROLE_PEER;
    s->flags |= TC_EP_SYN;
    s->isn = seg->seq;
    s->syn_len = (uint16_t)(seg->len > UINT16_MAX ? UINT16_MAX : seg->len);
    retry_start(&s->retry, seg);
    ep_revise(s, TC_REV_SYNS_CROSSED);
    ep_apply(s, TC_E_RCV_SYN);
    ep_apply(r, TC_E_RCV_SYN);
    hs_step_result(pair, res, TC_CHECK_NONE);
    add_event(res, TC_EV_HS_SIMULTANEOUS);
}

static void on_bare_syn(tc_pair_t *pair, const tc_segment_t *seg, tc_result_t *res,
                        tc_summary_t *ended)
{
    tc_endpoint_t *s = sender(pair, seg), *r = receiver(pair, seg);

    if (s->flags & TC_EP_SYN) {
        if (seg->seq == s->isn && pair->phase == TC_PHASE_HANDSHAKE) {
            syn_retry(pair, seg, res);
            return;
        }
        if (seg->seq == s->isn && pair->phase != TC_PHASE_CLOSED) {
            add_event(res, TC_EV_SYN_AFTER_OPEN);
            return;
        }
    } else if (pair->phase == TC_PHASE_HANDSHAKE && (r->flags & TC_EP_SYN)
               && !(r->flags & TC_EP_SYNACK)) {
        simultaneous_open(pair, seg, res);
        return;
    }
    if (pair->phase != TC_PHASE_NONE) {
        /* A new connection on the same address and port pair: after the
         * old one ended, or over one we never saw close. */
        if (pair->phase == TC_PHASE_OPEN || pair->phase == TC_PHASE_CLOSING)
            add_event(res, TC_EV_SYN_ON_OPEN);
        if (!(pair->flags & TC_ST_STALE_RST))
            add_event(res, TC_EV_PORT_REUSE);
        restart(pair, res, ended);
    }
    hs_start(pair, seg, res);
}

/* The SYN-ACK of a three-way handshake: it must acknowledge the client's
 * ISN + 1 (RFC 9293 section 3.10.7.3).  A wrong one is not a valid step. */
static void three_way_synack(tc_pair_t *pair, const tc_segment_t *seg, tc_result_t *res)
{
    tc_endpoint_t *s = sender(pair, seg), *r = receiver(pair, seg);

    pair->last_synack_ack = seg->ack;
    pair->flags |= TC_ST_SYNACK_SEEN;
    res->hs_syn_retries = r->retry.count;
    if (!acks_syn(r, seg->ack)) {
        res->hs_step = 2;
        res->hs_kind = pair->hs_kind;
        res->hs_check = TC_CHECK_BAD;
        add_event(res, TC_EV_SYNACK_BAD_ACK);
        return;
    }
    pair->hs_step = 2;
    pair->flags |= TC_ST_SYNACK_OK;
    s->isn = seg->seq;
    s->flags |= TC_EP_SYN | TC_EP_SYNACK;
    r->flags |= TC_EP_SYN_ACKED;
    retry_start(&s->retry, seg);
    ep_apply(s, TC_E_SND_SYNACK);
    ep_apply(r, TC_E_RCV_SYNACK);
    if (pair->sum.syn_frame) {
        res->time_ns = tc_ns_between(pair->syn_ns, seg->time_ns);
        res->flags |= TC_R_HS_DELAY;
        link_to(res, TC_LINK_ANSWERS, r->retry.last_frame);
    }
    pair->synack_ns = seg->time_ns;
    hs_step_result(pair, res, TC_CHECK_OK);
}

/* The first acknowledgment of an endpoint's SYN during a simultaneous open:
 * the next step; both SYNs acknowledged completes the handshake. */
static void simultaneous_ack(tc_pair_t *pair, const tc_segment_t *seg, tc_result_t *res)
{
    tc_endpoint_t *s = sender(pair, seg), *r = receiver(pair, seg);

    r->flags |= TC_EP_SYN_ACKED;
    link_to(res, TC_LINK_ACKS, r->retry.last_frame);
    if (seg->flags & TC_SYN) {
        s->flags |= TC_EP_SYNACK;
        retry_start(&s->retry, seg);    /* its repeats are SYN-ACK retries */
        ep_apply(s, TC_E_SND_SYNACK);
    }
    ep_apply(r, TC_E_RCV_SYNACK);
    pair->hs_step++;
    hs_step_result(pair, res, TC_CHECK_OK);
    if (s->flags & TC_EP_SYN_ACKED)
        hs_complete(pair, seg, res);
}

/* A SYN-ACK with the sender's ISN again.  After the handshake completed it
 * shows that the final ACK did not arrive: the server is back in
 * SYN_RECEIVED until the client's next ACK. */
static void synack_retry(tc_pair_t *pair, const tc_segment_t *seg, tc_result_t *res)
{
    tc_endpoint_t *s = sender(pair, seg);

    retry_note(pair, s, seg, TC_RETRY_SYNACK, res);
    pair->synack_ns = seg->time_ns;
    if (pair->phase == TC_PHASE_OPEN) {
        add_event(res, TC_EV_ACK_LOST);
        ep_revise(s, TC_REV_ACK_LOST);
    }
    ep_apply(receiver(pair, seg), TC_E_RCV_SYNACK);
}

/* The capture starts at the SYN-ACK: the roles follow from it, the client's
 * ISN is derived from the ack, which therefore cannot be checked. */
static void partial_handshake(tc_pair_t *pair, const tc_segment_t *seg, tc_result_t *res)
{
    tc_endpoint_t *s = sender(pair, seg), *r = receiver(pair, seg);

    pair->phase = TC_PHASE_HANDSHAKE;
    pair->client = PEER(seg->dir);
    pair->hs_kind = TC_HS_THREE_WAY;
    r->role = TC_ROLE_CLIENT;
    s->role = TC_ROLE_SERVER;
    r->flags |= TC_EP_SYN;
    r->isn = seg->ack - 1u;
    ep_revise(r, TC_REV_SYN_NOT_SEEN);
    add_event(res, TC_EV_HS_SYN_NOT_SEEN);
    three_way_synack(pair, seg, res);
    res->hs_check = TC_CHECK_NONE;
}

static void on_synack(tc_pair_t *pair, const tc_segment_t *seg, tc_result_t *res)
{
    tc_endpoint_t *s = sender(pair, seg), *r = receiver(pair, seg);

    if (pair->phase == TC_PHASE_NONE) {
        partial_handshake(pair, seg, res);
        return;
    }
    if ((s->flags & TC_EP_SYNACK) && seg->seq == s->isn
        && (pair->phase == TC_PHASE_HANDSHAKE || pair->phase == TC_PHASE_OPEN)) {
        synack_retry(pair, seg, res);
        return;
    }
    if (pair->phase != TC_PHASE_HANDSHAKE) {
        add_event(res, TC_EV_SYNACK_UNEXPECTED);
        return;
    }
    if (pair->hs_kind == TC_HS_SIMULTANEOUS) {
        if (acks_syn(r, seg->ack) && !(r->flags & TC_EP_SYN_ACKED)) {
            simultaneous_ack(pair, seg, res);
        } else {
            res->hs_check = TC_CHECK_BAD;
            add_event(res, TC_EV_SYNACK_BAD_ACK);
        }
        return;
    }
    if (seg->dir == pair->client) {
        add_event(res, TC_EV_SYNACK_WRONG_DIR);
        return;
    }
    three_way_synack(pair, seg, res);
}

static void on_syn(tc_pair_t *pair, const tc_segment_t *seg, tc_result_t *res,
                   tc_summary_t *ended)
{
    /* Stacks discard these (Linux drops SYN+FIN and SYN+RST); we cannot
     * tell what the receiver made of them, so they change nothing. */
    if (seg->flags & TC_RST) {
        add_event(res, TC_EV_SYN_RST);
        return;
    }
    if (seg->flags & TC_FIN) {
        add_event(res, TC_EV_SYN_FIN);
        return;
    }
    if (seg->len > 0)
        add_event(res, TC_EV_SYN_DATA);
    if (has_ack(seg))
        on_synack(pair, seg, res);
    else
        on_bare_syn(pair, seg, res, ended);
}

/* Step 3 of a three-way handshake: the client acknowledges the server's
 * ISN + 1 from its own ISN + 1 (RFC 9293 section 3.5, figure 6, line 4). */
static void three_way_ack(tc_pair_t *pair, const tc_segment_t *seg, tc_result_t *res)
{
    tc_endpoint_t *s = sender(pair, seg), *r = receiver(pair, seg);

    res->hs_step = 3;
    res->hs_kind = pair->hs_kind;
    res->hs_check = TC_CHECK_BAD;
    if (!acks_syn(r, seg->ack)) {
        add_event(res, TC_EV_ACK_BAD_ACK);
        return;
    }
    if (!seq_after_syn(s, seg->seq)) {
        add_event(res, TC_EV_ACK_BAD_SEQ);
        return;
    }
    pair->hs_step = 3;
    r->flags |= TC_EP_SYN_ACKED;
    ep_apply(s, TC_E_RCV_SYNACK);
    ep_apply(r, TC_E_RCV_ACK_OF_SYN);
    res->time_ns = tc_ns_between(pair->synack_ns, seg->time_ns);
    res->flags |= TC_R_HS_DELAY;
    link_to(res, TC_LINK_ACKS, r->retry.last_frame);
    hs_step_result(pair, res, TC_CHECK_OK);
    hs_complete(pair, seg, res);
}

/* The client acknowledges a SYN-ACK the capture does not hold (a capture
 * of one direction only, asymmetric routing): in SYN_SENT an ACK-bearing
 * segment is only sent after the SYN-ACK arrived (RFC 9293 section
 * 3.10.7.3), so the server's ISN is the ack - 1.  Derived, not checked. */
static void synack_not_seen(tc_pair_t *pair, const tc_segment_t *seg, tc_result_t *res)
{
    tc_endpoint_t *s = sender(pair, seg), *r = receiver(pair, seg);

    r->isn = seg->ack - 1u;
    r->flags |= TC_EP_SYN | TC_EP_SYNACK;
    s->flags |= TC_EP_SYN_ACKED;
    pair->flags |= TC_ST_SYNACK_OK;
    pair->hs_step = 2;
    pair->synack_ns = seg->time_ns;
    ep_apply(r, TC_E_SND_SYNACK);
    add_event(res, TC_EV_HS_SYNACK_NOT_SEEN);
}

/* A non-SYN segment while the handshake is under way. */
static void hs_segment(tc_pair_t *pair, const tc_segment_t *seg, tc_result_t *res)
{
    tc_endpoint_t *r = receiver(pair, seg);

    if (!has_ack(seg))
        return;
    if (pair->hs_kind == TC_HS_SIMULTANEOUS) {
        if (!(r->flags & TC_EP_SYN_ACKED) && acks_syn(r, seg->ack))
            simultaneous_ack(pair, seg, res);
        return;
    }
    /* only while the server has sent nothing at all: the mark of a capture
     * that holds one direction */
    if (seg->dir == pair->client && !(pair->flags & TC_ST_SYNACK_SEEN) && pair->hs_step == 1
        && !(r->flags & TC_EP_NXT)) {
        synack_not_seen(pair, seg, res);
        three_way_ack(pair, seg, res);
        res->flags &= (uint8_t)~TC_R_HS_DELAY;  /* no SYN-ACK to measure from */
        if (res->hs_check == TC_CHECK_OK)
            res->hs_check = TC_CHECK_NONE;     /* the ack was derived, not checked */
        return;
    }
    if (seg->dir == pair->client && (pair->flags & TC_ST_SYNACK_OK))
        three_way_ack(pair, seg, res);
}

/* ---- teardown (RFC 9293 section 3.6) ---- */

static void td_next_step(tc_pair_t *pair, tc_result_t *res)
{
    pair->td_step++;
    res->td_step = pair->td_step;
    res->td_kind = pair->td_kind;
    if (pair->flags & TC_ST_HALF_CLOSE)
        res->flags |= TC_R_HALF_CLOSE;
    /* The active closer waits in TIME_WAIT; after FINs crossed, both do
     * (RFC 9293 section 3.6, figures 12 and 13). */
    if (pair->td_kind == TC_TD_SIMULTANEOUS)
        res->time_wait = TC_SIDE_BOTH;
    else if (pair->td_kind != TC_TD_NONE && pair->first_closer != TC_DIR_NONE)
        res->time_wait = pair->first_closer == 0 ? TC_SIDE_DIR0 : TC_SIDE_DIR1;
    add_event(res, TC_EV_TD_STEP);
}

/* The segment acknowledges the receiver's FIN for the first time. */
static void fin_acked(tc_pair_t *pair, const tc_segment_t *seg, tc_result_t *res, bool with_new_fin)
{
    tc_endpoint_t *s = sender(pair, seg), *r = receiver(pair, seg);

    r->flags |= TC_EP_FIN_ACKED;
    ep_apply(r, TC_E_RCV_ACK_OF_FIN);
    link_to(res, TC_LINK_ACKS, r->retry.last_frame);
    if (with_new_fin)
        return;     /* the FIN handler numbers this merged segment */
    if (!(s->flags & TC_EP_FIN) && pair->td_kind == TC_TD_NONE)
        pair->td_kind = TC_TD_FOUR_WAY;   /* a separate ACK of the first FIN */
    td_next_step(pair, res);
}

static void fin_new(tc_pair_t *pair, const tc_segment_t *seg, tc_result_t *res, bool acks_peer_fin)
{
    tc_endpoint_t *s = sender(pair, seg), *r = receiver(pair, seg);

    s->flags |= TC_EP_FIN;
    s->fin_seq = seg->seq + seg->len;
    retry_start(&s->retry, seg);
    if (!(r->flags & TC_EP_FIN)) {
        /* the first FIN: its sender closes actively */
        pair->first_closer = seg->dir;
        pair->phase = TC_PHASE_CLOSING;
        pair->sum.fin_frame = seg->frame;
        res->closer = TC_CLOSER_ACTIVE;
        ep_apply(s, TC_E_SND_FIN);
        ep_apply(r, TC_E_RCV_FIN);
    } else if (r->flags & TC_EP_FIN_ACKED) {
        /* the passive closer's FIN; if it is also the first ACK of the
         * active FIN, ACK and FIN are merged: a three-way close */
        res->closer = TC_CLOSER_PASSIVE;
        if (acks_peer_fin) {
            pair->td_kind = TC_TD_THREE_WAY;
            res->flags |= TC_R_MERGED;
        }
        ep_apply(s, TC_E_SND_FIN);
        ep_apply(r, TC_E_RCV_FIN);
    } else {
        /* the FINs crossed: this sender had not received the peer's FIN,
         * so it was not in CLOSE_WAIT but went FIN_WAIT_1 -> CLOSING */
        pair->td_kind = TC_TD_SIMULTANEOUS;
        res->closer = TC_CLOSER_ACTIVE;
        add_event(res, TC_EV_TD_SIMULTANEOUS);
        ep_revise(s, TC_REV_FINS_CROSSED);
        ep_apply(s, TC_E_RCV_FIN);
        ep_apply(r, TC_E_RCV_FIN);
    }
    td_next_step(pair, res);
}

/* Does the segment carry sequence space its sender has not sent before?
 * A keep-alive repeats the byte before SND.NXT (RFC 9293 section 3.8.4),
 * a retransmission repeats older ones. */
static bool new_data(const tc_endpoint_t *s, const tc_segment_t *seg)
{
    return !(s->flags & TC_EP_NXT) || tc_seq_gt(seg->seq + seg->len, s->nxt);
}

/* Track SND.NXT as the capture shows it: SYN and FIN occupy one number. */
static void track_nxt(tc_pair_t *pair, const tc_segment_t *seg)
{
    tc_endpoint_t *s = sender(pair, seg);
    uint32_t end = seg->seq + seg->len + ((seg->flags & TC_SYN) ? 1u : 0u) + ((seg->flags & TC_FIN) ? 1u : 0u);

    if (seg->flags & TC_RST)
        return;
    if (!(s->flags & TC_EP_NXT) || tc_seq_gt(end, s->nxt)) {
        s->nxt = end;
        s->flags |= TC_EP_NXT;
    }
    if (has_ack(seg)) {
        s->ack = seg->ack;
        s->wnd = seg->window;
        s->flags |= TC_EP_ACKWND;
    }
}

/* Data in a closing connection: beyond the sender's own FIN is a protocol
 * violation (RFC 9293 section 3.10.7.4); new data after the peer's FIN was
 * acknowledged is a half-close, allowed in CLOSE_WAIT. */
static void td_data(tc_pair_t *pair, const tc_segment_t *seg, tc_result_t *res)
{
    tc_endpoint_t *s = sender(pair, seg), *r = receiver(pair, seg);

    if (seg->len == 0)
        return;
    if ((s->flags & TC_EP_FIN) && tc_seq_geq(seg->seq, s->fin_seq)) {
        add_event(res, TC_EV_DATA_AFTER_FIN);
        return;
    }
    if ((r->flags & TC_EP_FIN) && !(s->flags & TC_EP_FIN) && has_ack(seg)
        && tc_seq_gt(seg->ack, r->fin_seq) && new_data(s, seg)) {
        pair->flags |= TC_ST_HALF_CLOSE;
        res->flags |= TC_R_HALF_CLOSE;
        res->td_kind = TC_TD_HALF_CLOSE;
        add_event(res, TC_EV_HALF_CLOSE_DATA);
    }
}

static void td_segment(tc_pair_t *pair, const tc_segment_t *seg, tc_result_t *res)
{
    tc_endpoint_t *s = sender(pair, seg), *r = receiver(pair, seg);
    bool fin = (seg->flags & TC_FIN) != 0;
    bool new_fin = fin && !(s->flags & TC_EP_FIN);
    bool acks_peer_fin = (r->flags & TC_EP_FIN) && !(r->flags & TC_EP_FIN_ACKED)
                         && has_ack(seg) && tc_seq_gt(seg->ack, r->fin_seq);

    td_data(pair, seg, res);
    /* the ACK field is processed before the FIN bit (RFC 9293 3.10.7.4) */
    if (acks_peer_fin)
        fin_acked(pair, seg, res, new_fin);
    if (new_fin)
        fin_new(pair, seg, res, acks_peer_fin);
    else if (fin && seg->seq + seg->len == s->fin_seq)
        retry_note(pair, s, seg, TC_RETRY_FIN, res);
    if ((s->flags & r->flags & TC_EP_FIN_ACKED) && pair->phase != TC_PHASE_CLOSED) {
        pair->phase = TC_PHASE_CLOSED;
        res->flags |= TC_R_TD_COMPLETE;
    }
}

/* States in which an endpoint has not completed its side of the handshake:
 * it may not send data yet (RFC 9293 section 3.10.7). */
static bool before_established(uint8_t state)
{
    return state == TC_STATE_LISTEN || state == TC_STATE_SYN_SENT || state == TC_STATE_SYN_RECEIVED;
}

/* A segment after an accepted reset.  From the endpoint the reset came
 * from, going on as if it had not sent it, it shows the RST was not its
 * own: injected by a third party (RFC 5961 section 1). */
static void after_reset(tc_pair_t *pair, const tc_segment_t *seg, tc_result_t *res)
{
    if (seg->dir == pair->sum.rst_dir && !(pair->flags & TC_ST_INJECTED)) {
        pair->flags |= TC_ST_INJECTED;
        add_event(res, TC_EV_RST_INJECTED);
        return;
    }
    add_event(res, TC_EV_AFTER_RST);
}

/* The first segment from the receiver of an in-window RST: a bare ACK is
 * its challenge ACK (RFC 5961 section 3.2). */
static void challenge_ack(tc_pair_t *pair, const tc_segment_t *seg, tc_result_t *res)
{
    if (has_ack(seg) && seg->len == 0 && !(seg->flags & (TC_SYN | TC_FIN | TC_RST))) {
        add_event(res, TC_EV_CHALLENGE_ACK);
        link_to(res, TC_LINK_CHALLENGE, pair->challenged);
    }
    pair->challenged = 0;
}

/* A segment without SYN or RST. */
static void on_segment(tc_pair_t *pair, const tc_segment_t *seg, tc_result_t *res)
{
    tc_endpoint_t *s = sender(pair, seg), *r = receiver(pair, seg);

    if (pair->phase == TC_PHASE_NONE)
        midstream_start(pair, seg, res);
    if (pair->phase == TC_PHASE_CLOSED && (pair->flags & TC_ST_RESET)) {
        after_reset(pair, seg, res);
        return;
    }
    if (pair->challenged && seg->dir == pair->challenger)
        challenge_ack(pair, seg, res);
    if (pair->phase == TC_PHASE_HANDSHAKE)
        hs_segment(pair, seg, res);
    else if (r->state == TC_STATE_SYN_RECEIVED && has_ack(seg) && acks_syn(r, seg->ack))
        ep_apply(r, TC_E_RCV_ACK_OF_SYN);      /* the repeated final ACK */
    if (seg->len > 0 && before_established(s->state))
        add_event(res, TC_EV_DATA_BEFORE_HS);
    td_segment(pair, seg, res);
}

/* ---- reset (RFC 9293 section 3.10.7) ---- */

/* Against the receiver's RCV.NXT and RCV.WND as the capture shows them:
 * what the RST's sender has sent (SND.NXT as seen) or what the receiver
 * last acknowledged, and the window it last advertised (RFC 5961 section
 * 3.2: exact resets, in the window draws a challenge ACK, outside is
 * dropped). */
static tc_rst_check_t rst_window(const tc_endpoint_t *s, const tc_endpoint_t *r, uint32_t seq)
{
    uint32_t wnd;

    if ((s->flags & TC_EP_NXT) && seq == s->nxt)
        return TC_RSTCHK_EXACT;
    if (!(r->flags & TC_EP_ACKWND))
        return TC_RSTCHK_UNCHECKED;
    if (seq == r->ack)
        return TC_RSTCHK_EXACT;
    wnd = r->wnd ? r->wnd : 1u;
    return tc_seq_between(seq, r->ack, r->ack + wnd) ? TC_RSTCHK_IN_WINDOW : TC_RSTCHK_OUT_OF_WINDOW;
}

/* Would the receiver accept the RST?  No connection to reset in LISTEN or
 * CLOSED (RFC 9293 sections 3.10.7.1, 3.10.7.2); in SYN_SENT the RST must
 * acknowledge the SYN (3.10.7.3); in the other states its sequence number
 * is checked (3.10.7.4, RFC 5961 section 3.2). */
static tc_rst_check_t rst_check(const tc_pair_t *pair, const tc_segment_t *seg)
{
    const tc_endpoint_t *s = &pair->ep[seg->dir], *r = &pair->ep[PEER(seg->dir)];

    switch (r->state) {
    case TC_STATE_LISTEN:
    case TC_STATE_CLOSED:
        return TC_RSTCHK_NO_CONNECTION;
    case TC_STATE_SYN_SENT:
        return has_ack(seg) && acks_syn(r, seg->ack) ? TC_RSTCHK_ACK : TC_RSTCHK_BAD_ACK;
    default:
        return rst_window(s, r, seg->seq);
    }
}

static bool rst_accepted(tc_rst_check_t check)
{
    return check == TC_RSTCHK_EXACT || check == TC_RSTCHK_ACK || check == TC_RSTCHK_UNCHECKED;
}

static tc_rst_kind_t rst_classify(const tc_pair_t *pair, const tc_segment_t *seg)
{
    const tc_endpoint_t *s = &pair->ep[seg->dir];

    if (pair->phase == TC_PHASE_HANDSHAKE) {
        /* RST instead of a SYN-ACK: nothing listens (3.10.7.1) */
        if (seg->dir != pair->client && !(s->flags & TC_EP_SYN))
            return TC_RST_REFUSED;
        /* the client rejects a SYN-ACK whose ack is not its ISN + 1, with
         * <SEQ=SEG.ACK><CTL=RST>, no ACK bit (3.10.7.3; RFC 9293 section 3.5, figure 8);
         * an aborting client sends RST+ACK instead */
        if (seg->dir == pair->client && (pair->flags & TC_ST_SYNACK_SEEN)
            && !has_ack(seg) && seg->seq == pair->last_synack_ack)
            return TC_RST_STALE;
        return TC_RST_ABORT;
    }
    /* its own FIN retried and never acknowledged: the sender gave up */
    if ((s->flags & TC_EP_FIN) && !(s->flags & TC_EP_FIN_ACKED) && s->retry.count)
        return TC_RST_GAVE_UP;
    if ((pair->ep[0].flags | pair->ep[1].flags) & TC_EP_FIN)
        return TC_RST_AFTER_FIN;
    return TC_RST_ABORT;
}

/* The stale SYN-ACK's sender returns to LISTEN; the client still waits in
 * SYN_SENT for the answer to its real SYN. */
static void rst_stale(tc_pair_t *pair, const tc_segment_t *seg, tc_result_t *res)
{
    tc_endpoint_t *s = sender(pair, seg), *r = receiver(pair, seg);

    ep_revise(s, TC_REV_STALE_REJECTED);
    ep_revise(r, TC_REV_STALE_RESET);
    r->flags &= (uint8_t)~(TC_EP_SYN | TC_EP_SYNACK);
    s->flags &= (uint8_t)~TC_EP_SYN_ACKED;
    pair->flags = (uint8_t)((pair->flags & ~TC_ST_SYNACK_OK) | TC_ST_STALE_RST);
    pair->hs_step = 1;
    pair->sum.rst_kind = TC_RST_STALE;
    add_event(res, TC_EV_RST_STALE);
}

/* A RST its receiver does not accept changes no state: in the window it
 * draws a challenge ACK, otherwise it is dropped (RFC 5961 section 3.2). */
static void rst_not_accepted(tc_pair_t *pair, const tc_segment_t *seg, tc_result_t *res, tc_rst_check_t check)
{
    tc_rst_kind_t kind = check == TC_RSTCHK_IN_WINDOW ? TC_RST_CHALLENGED : TC_RST_IGNORED;

    res->rst_kind = kind;
    add_event(res, tc_rst_kind_event(kind));
    if (check == TC_RSTCHK_IN_WINDOW) {
        pair->challenged = seg->frame;
        pair->challenger = PEER(seg->dir);
    }
}

static void on_rst(tc_pair_t *pair, const tc_segment_t *seg, tc_result_t *res)
{
    tc_endpoint_t *s = sender(pair, seg), *r = receiver(pair, seg);
    tc_rst_check_t check;
    tc_rst_kind_t kind;

    if (seg->len > 0)
        add_event(res, TC_EV_RST_DATA);
    if (pair->phase == TC_PHASE_CLOSED && (pair->flags & TC_ST_RESET)) {
        add_event(res, TC_EV_AFTER_RST);
        return;
    }
    if (pair->phase == TC_PHASE_NONE)
        midstream_start(pair, seg, res);
    check = rst_check(pair, seg);
    res->rst_check = check;
    if (!rst_accepted(check)) {
        rst_not_accepted(pair, seg, res, check);
        return;
    }
    kind = rst_classify(pair, seg);
    res->rst_kind = (uint8_t)kind;
    if (kind == TC_RST_STALE) {
        rst_stale(pair, seg, res);
        return;
    }
    add_event(res, tc_rst_kind_event(kind));
    res->hs_syn_retries = kind == TC_RST_REFUSED ? r->retry.count : 0;
    if (kind == TC_RST_REFUSED)
        link_to(res, TC_LINK_ANSWERS, r->retry.last_frame);
    ep_apply(s, TC_E_SND_RST);
    /* a passive open returns to LISTEN (RFC 9293 section 3.10.7.4) */
    ep_apply(r, r->role == TC_ROLE_SERVER ? TC_E_RCV_RST_PASSIVE : TC_E_RCV_RST);
    /* after a completed close the close stands: the RST (RFC 1337's
     * TIME-WAIT assassination) is marked but does not change its kind */
    if (kind != TC_RST_REFUSED) {
        if (pair->phase != TC_PHASE_CLOSED)
            pair->td_kind = TC_TD_RESET;
        res->td_kind = TC_TD_RESET;
    }
    pair->phase = TC_PHASE_CLOSED;
    pair->flags |= TC_ST_RESET;
    pair->sum.rst_kind = (uint8_t)kind;
    pair->sum.rst_frame = seg->frame;
    pair->sum.rst_dir = seg->dir;
}

/* ---- the step ---- */

static void result_begin(const tc_pair_t *pair, const tc_segment_t *seg, tc_result_t *res)
{
    memset(res, 0, sizeof *res);
    res->dir = seg->dir;
    res->before[0] = pair->ep[0].state;
    res->before[1] = pair->ep[1].state;
    res->frame = seg->frame;
}

static void result_end(tc_pair_t *pair, const tc_segment_t *seg, tc_result_t *res)
{
    tc_summary_t *sum = &pair->sum;

    res->after[0] = pair->ep[0].state;
    res->after[1] = pair->ep[1].state;
    res->role = pair->ep[seg->dir].role;
    res->client = pair->client;
    if (!sum->first_frame) {
        sum->first_frame = seg->frame;
        sum->first_ns = seg->time_ns;
    }
    sum->last_frame = seg->frame;
    sum->last_ns = seg->time_ns;
    if (sum->pkts[seg->dir] != UINT32_MAX)
        sum->pkts[seg->dir]++;
    sum->bytes[seg->dir] += seg->len;
    sum->hs_kind = pair->hs_kind;
    sum->td_kind = pair->td_kind;
    sum->first_closer = pair->first_closer;
    sum->client = pair->client;
    sum->state[0] = pair->ep[0].state;
    sum->state[1] = pair->ep[1].state;
    sum->ep_flags[0] = pair->ep[0].flags;
    sum->ep_flags[1] = pair->ep[1].flags;
    sum->flags = pair->flags;
}

void tc_pair_init(tc_pair_t *pair)
{
    memset(pair, 0, sizeof *pair);
    pair->client = TC_DIR_NONE;
    pair->first_closer = TC_DIR_NONE;
    pair->lifecycle = 1;
    pair->sum.rst_dir = TC_DIR_NONE;
    pair->sum.first_closer = TC_DIR_NONE;
    pair->sum.client = TC_DIR_NONE;
}

void tc_step(tc_pair_t *pair, const tc_segment_t *seg, tc_result_t *res, tc_summary_t *ended)
{
    result_begin(pair, seg, res);
    if (seg->dir > 1) {
        add_event(res, TC_EV_NOT_JUDGED);
        return;
    }
    if (seg->flags & TC_SYN)
        on_syn(pair, seg, res, ended);
    else if (seg->flags & TC_RST)
        on_rst(pair, seg, res);
    else
        on_segment(pair, seg, res);
    track_nxt(pair, seg);
    result_end(pair, seg, res);
}

/* ---- summaries ---- */

tc_hs_outcome_t tc_summary_hs_outcome(const tc_summary_t *sum)
{
    if (sum->complete_frame)
        return sum->hs_kind == TC_HS_SIMULTANEOUS ? TC_HSO_SIMULTANEOUS : TC_HSO_THREE_WAY;
    if (sum->hs_kind == TC_HS_NONE)
        return TC_HSO_NOT_SEEN;
    if (sum->rst_kind == TC_RST_REFUSED)
        return TC_HSO_REFUSED;
    if (sum->flags & TC_ST_RESET)
        return TC_HSO_RESET;
    if (sum->rst_kind == TC_RST_STALE)
        return TC_HSO_STALE;
    if (sum->flags & TC_ST_SYNACK_OK)
        return TC_HSO_HALF_OPEN;
    return TC_HSO_UNANSWERED;
}

tc_td_outcome_t tc_summary_td_outcome(const tc_summary_t *sum)
{
    const uint8_t *f = sum->ep_flags;

    if ((f[0] & TC_EP_FIN_ACKED) && (f[1] & TC_EP_FIN_ACKED)) {
        switch (sum->td_kind) {
        case TC_TD_THREE_WAY: return TC_TDO_THREE_WAY;
        case TC_TD_SIMULTANEOUS: return TC_TDO_SIMULTANEOUS;
        default: return TC_TDO_FOUR_WAY;
        }
    }
    if (sum->flags & TC_ST_RESET)
        return sum->td_kind == TC_TD_RESET ? TC_TDO_RESET : TC_TDO_NONE;
    if (!sum->complete_frame && !(sum->flags & TC_ST_MIDSTREAM))
        return TC_TDO_NONE;
    if (!((f[0] | f[1]) & TC_EP_FIN))
        return TC_TDO_OPEN;
    /* one FIN acknowledged and no FIN from the other side: half-closed */
    if (((f[0] & TC_EP_FIN_ACKED) && !(f[1] & TC_EP_FIN))
        || ((f[1] & TC_EP_FIN_ACKED) && !(f[0] & TC_EP_FIN)))
        return TC_TDO_HALF_CLOSED;
    return TC_TDO_INCOMPLETE;
}

static tc_side_t side_of(uint8_t dir)
{
    return dir == 0 ? TC_SIDE_DIR0 : dir == 1 ? TC_SIDE_DIR1 : TC_SIDE_NONE;
}

/* The active closer waits in TIME_WAIT; after FINs crossed, both do (RFC
 * 9293 section 3.6, figures 12 and 13). */
tc_side_t tc_summary_time_wait(const tc_summary_t *sum)
{
    tc_td_outcome_t out = tc_summary_td_outcome(sum);

    if (out == TC_TDO_SIMULTANEOUS)
        return TC_SIDE_BOTH;
    if (out == TC_TDO_FOUR_WAY || out == TC_TDO_THREE_WAY)
        return side_of(sum->first_closer);
    return TC_SIDE_NONE;
}

/* Crossing FINs make both ends active closers (RFC 9293 section 3.6). */
tc_side_t tc_summary_closer(const tc_summary_t *sum)
{
    if (sum->first_closer == TC_DIR_NONE)
        return TC_SIDE_NONE;
    if (tc_summary_td_outcome(sum) == TC_TDO_SIMULTANEOUS)
        return TC_SIDE_BOTH;
    return side_of(sum->first_closer);
}

/* A SYN retry succeeded when the handshake completed; a SYN-ACK retry
 * likewise; a FIN retry when that FIN was acknowledged.  Otherwise the
 * connection was refused or reset, or the sender gave up (abandoned)
 * before the capture ended. */
tc_retry_outcome_t tc_retry_outcome(const tc_summary_t *sum, const tc_result_t *res, bool final)
{
    if (!final)
        return TC_RETRY_OUTCOME_PENDING;
    if (res->retry_kind == TC_RETRY_FIN) {
        if (sum->ep_flags[res->dir] & TC_EP_FIN_ACKED)
            return TC_RETRY_OUTCOME_SUCCEEDED;
    } else if (sum->complete_frame) {
        return TC_RETRY_OUTCOME_SUCCEEDED;
    }
    if (sum->rst_kind == TC_RST_REFUSED)
        return TC_RETRY_OUTCOME_REFUSED;
    if (sum->flags & TC_ST_RESET)
        return TC_RETRY_OUTCOME_RESET;
    return TC_RETRY_OUTCOME_ABANDONED;
}

/* Which segment a step is: a simultaneous open is SYN, SYN, SYN-ACK,
 * SYN-ACK (RFC 9293 figure 7), a three-way one SYN, SYN-ACK, ACK (figure
 * 6). */
tc_step_segment_t tc_result_handshake_segment(const tc_result_t *res)
{
    if (!res->hs_step)
        return TC_SEG_NONE;
    if (res->hs_kind == TC_HS_SIMULTANEOUS)
        return res->hs_step <= 2 ? TC_SEG_SYN : TC_SEG_SYNACK;
    return res->hs_step == 1 ? TC_SEG_SYN : res->hs_step == 2 ? TC_SEG_SYNACK : TC_SEG_ACK;
}

/* A teardown step is a FIN, a FIN that is also the first ACK of the peer's
 * FIN (merged), or a bare ACK of a FIN. */
tc_step_segment_t tc_result_teardown_segment(const tc_result_t *res)
{
    if (!res->td_step)
        return TC_SEG_NONE;
    if (res->closer == TC_CLOSER_NONE)
        return TC_SEG_ACK;
    return (res->flags & TC_R_MERGED) ? TC_SEG_FIN_ACK : TC_SEG_FIN;
}

const tc_summary_t *tc_pair_summary(const tc_pair_t *pair)
{
    return &pair->sum;
}

bool tc_pair_closed(const tc_pair_t *pair)
{
    return pair->phase == TC_PHASE_CLOSED;
}

unsigned tc_pair_lifecycle(const tc_pair_t *pair)
{
    return pair->lifecycle;
}

bool tc_result_annotated(const tc_result_t *res)
{
    return res->events || res->hs_step || res->td_step || res->td_kind || res->rst_kind
        || res->retry_count || res->flags
        || res->before[0] != res->after[0] || res->before[1] != res->after[1];
}
