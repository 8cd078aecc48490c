/* tcpconn_zeek_tcp.c
 * One packet of a Zeek record, as Zeek's TCP analyzer processes it:
 * TCPSessionAdapter::Process() in packet_analysis/protocol/tcp/
 * TCPSessionAdapter.cc, step by step and in its order (the order decides
 * the order of the history letters):
 *
 *   1. partial status    was the endpoint's first packet a SYN?
 *   2. init_endpoint     its ISN (or first seq - 1 mid-stream)
 *   3. relative seq      64-bit with wrap counts (get_relative_seq)
 *   4. update_history    at most one of I Q S H F R D A; a first A or D
 *                        after a lone SYN-ACK flips the roles ("^h")
 *   5. update_window     W for a zero window
 *   6. last_time         the record's duration runs until both closed
 *   7. acknowledgment    init_peer / update_ack_seq
 *   8. update_last_seq   T for payload that does not advance it
 *   9. state machine     one handler per sender state (Update*State)
 *  10. AckReceived       the peer's reassembler: gaps
 *  11. DataSent          the sender's reassembler
 *  12. CheckEOF, ConnectionClosed
 *
 * Where this file departs from Zeek it says so.  The history rules quoted
 * as "doc" are those of Conn::Info$history (base/protocols/conn/main.zeek).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tcpconn_seq.h"
#include "tcpconn_zeek_int.h"

/* ---- endpoint state: TCP_Endpoint::SetState, the one place it changes ---- */

static bool in_handshake(uint8_t state)
{
    return state == ZS_INACTIVE || state == ZS_SYN_SENT || state == ZS_SYN_ACK_SENT;
}

static void set_state(tc_zeek_t *z, tc_zeek_ep_t *e, uint8_t state)
{
    if (state == e->state)
        return;
    /* "Activate inactivity timer if this transition finishes the handshake." */
    if (!in_handshake(state) && in_handshake(e->state) && in_handshake(zk_peer_of(z, e)->state))
        zk_set_idle(z, ZM_IDLE_TCP);
    e->prev_state = e->state;
    e->state = state;
}

/* ---- sequence numbers ---- */

/* get_segment_len: SYN and FIN take one octet each; a RST's payload "is not
 * in fact part of the TCP stream". */
static uint32_t segment_len(const zpkt_t *p)
{
    uint32_t n = p->seg->len;

    if (zk_has(p, TC_SYN))
        n++;
    if (zk_has(p, TC_FIN))
        n++;
    if (zk_has(p, TC_RST))
        n -= p->seg->len;
    return n;
}

static void init_seqs(tc_zeek_ep_t *e, uint32_t start, uint32_t last)
{
    e->start_seq = e->ack_seq = start;
    e->last_seq = last;
}

/* init_endpoint: the sender's ISN, or one before its first segment for a
 * partial connection, "to keep the relative byte numbering consistent". */
static void init_endpoint(const zpkt_t *p, uint32_t one_past)
{
    tc_zeek_ep_t *e = p->ep;
    uint32_t seq = p->seg->seq;
    bool syn = zk_has(p, TC_SYN);

    switch (e->state) {
    case ZS_INACTIVE:
        if (syn)
            init_seqs(e, seq, one_past);
        else
            init_seqs(e, seq - 1u, seq);    /* "ensure first packet is not marked duplicate" */
        break;
    case ZS_SYN_SENT:
    case ZS_SYN_ACK_SENT:
        if (syn && seq != e->start_seq)
            init_seqs(e, seq, one_past);    /* SYN_seq_jump */
        break;
    case ZS_ESTABLISHED:
    case ZS_PARTIAL:
        if (syn)
            init_seqs(e, seq, one_past);    /* "this SYN will be the one that actually sets it up" */
        break;
    case ZS_RESET:
        if (syn && e->prev_state == ZS_INACTIVE)
            init_seqs(e, seq, one_past);    /* the earlier RST may have been spoofed */
        break;
    default:
        break;
    }
}

/* get_relative_seq: `seq` relative to the ISN, counting how often the
 * space wrapped since `last`.  Before the first wrap, a seq below the ISN
 * is an underflow. */
static uint64_t relative_seq(const tc_zeek_ep_t *e, uint32_t seq, uint32_t last, uint32_t wraps,
                             bool *underflow)
{
    int32_t delta = (int32_t)(seq - last);

    if (delta < 0 && wraps && seq > last)
        wraps--;                /* "part of a previous 32-bit sequence space" */
    else if (delta > 0 && seq < last)
        wraps++;                /* "the sequence space wrapped around" */
    if (wraps == 0) {
        delta = (int32_t)(seq - e->start_seq);
        if (underflow && delta < 0)
            *underflow = true;
        return (uint64_t)(int64_t)delta;
    }
    return ((uint64_t)wraps << 32) + seq - e->start_seq;
}

/* ---- history: update_history, TCP_Endpoint::CheckHistory ---- */

/* A connection that began with a SYN-ACK is not flipped (it may be a
 * stealth scan, whose SYN-ACK sender *is* the originator) until it shows
 * "productive TCP traffic": then the roles flip and the history reads as if
 * the missing SYN had been seen. */
static bool check_history(zpkt_t *p, unsigned cls, char code)
{
    tc_zeek_t *z = p->z;
    bool orig;

    if ((code == 'A' || code == 'D') && z->history[0] == 'H' && z->history[1] == '\0') {
        zk_flip_roles(z);
        z->history[0] = '^';
        z->history[1] = 'h';
        z->history[2] = '\0';
        z->flags |= ZF_SEEN_ORIG;
    }
    /* letters are kept by role: after a flip, the same endpoint gives them
     * again in its new case (Zeek's hist_seen is not flipped) */
    orig = zk_ep_is_orig(z, p->ep);
    return zk_hist_check(z, orig ? cls : cls + ZH_CLASSES, orig ? code : (char)(code - 'A' + 'a'));
}

static void add_history(zpkt_t *p, char code)
{
    zk_hist_add(p->z, zk_ep_is_orig(p->z, p->ep) ? code : (char)(code - 'A' + 'a'));
}

/* doc: "'f', 'h', 'r' and 's' can be recorded multiple times for either
 * direction if the associated sequence number differs from the last-seen
 * packet of the same flag type." */
static void history_control(zpkt_t *p, uint64_t rel_seq)
{
    tc_zeek_ep_t *e = p->ep;
    uint32_t len = p->seg->len;

    if (zk_has(p, TC_SYN)) {
        char code = zk_has(p, TC_ACK) ? 'H' : 'S';

        if (check_history(p, ZH_SYN, code) && (uint16_t)rel_seq != e->hist_syn)
            add_history(p, code);
        e->hist_syn = (uint16_t)rel_seq;
    } else if (zk_has(p, TC_FIN)) {
        /* the FIN's place is after its payload; Zeek's hist_last_FIN is
         * FIN_seq - 1 (see tc_zeek_ep_t.fin_rel) */
        if (check_history(p, ZH_FIN, 'F') && (uint32_t)(rel_seq + len) != e->fin_rel - 1u)
            add_history(p, 'F');
    } else {
        if (check_history(p, ZH_RST, 'R') && (uint16_t)rel_seq != e->hist_rst)
            add_history(p, 'R');
        e->hist_rst = (uint16_t)rel_seq;
    }
}

/* One letter class per packet, control flags first: doc "i: inconsistent
 * packet (e.g. FIN+RST bits set)", "q: multi-flag packet (SYN+FIN or
 * SYN+RST bits set)", "a: a pure ACK", "d: packet with payload". */
static void update_history(zpkt_t *p, uint64_t rel_seq)
{
    int bits = zk_has(p, TC_SYN) + zk_has(p, TC_FIN) + zk_has(p, TC_RST);

    if (bits > 1) {
        if (zk_has(p, TC_FIN) && zk_has(p, TC_RST))
            check_history(p, ZH_FIN_RST, 'I');
        else
            check_history(p, ZH_MULTI, 'Q');
    } else if (bits == 1) {
        history_control(p, rel_seq);
    } else if (p->seg->len) {
        check_history(p, ZH_DATA, 'D');
    } else if (zk_has(p, TC_ACK)) {
        check_history(p, ZH_ACK, 'A');
    }
}

/* update_window: "Zero windows are boring if either (1) they come with a
 * RST packet or after a RST packet, or (2) they come after the peer has
 * sent a FIN"; one's own FIN does not make them boring. */
static void update_window(zpkt_t *p)
{
    tc_zeek_ep_t *e = p->ep;

    if (p->seg->window != 0 || zk_has(p, TC_RST) || p->peer->state == ZS_CLOSED || e->state == ZS_RESET)
        return;
    if (e->win0 < UINT8_MAX)
        zk_scaled(p->z, e, 'W', ++e->win0);
}

/* ---- acknowledgments and the highest sequence number ---- */

/* init_peer: an ack for an endpoint that sent nothing yet starts its
 * numbering "as if there was an initial SYN". */
static uint32_t ack_peer(zpkt_t *p)
{
    tc_zeek_ep_t *peer = p->peer;
    uint32_t ack = p->seg->ack;
    bool underflow = false;
    uint64_t rel;
    int32_t delta;

    if (peer->state == ZS_INACTIVE) {
        peer->start_seq = peer->ack_seq = peer->last_seq = ack - 1u;
        return 1;
    }
    rel = relative_seq(peer, ack, peer->ack_seq, peer->ack_wraps, &underflow);
    if (underflow)
        return 0;               /* TCP_ack_underflow_or_misorder */
    if (zk_has(p, TC_RST))
        return (uint32_t)rel;   /* "Don't trust ack's in RST packets." */
    /* update_ack_seq: an ack of 0 far ahead is "more likely ... a broken ack" */
    delta = (int32_t)(ack - peer->ack_seq);
    if (!(ack == 0 && delta > ZR_TOO_LARGE_SEQ_DELTA) && delta > 0) {
        if (ack < peer->ack_seq)
            peer->ack_wraps++;
        peer->ack_seq = ack;
    }
    return (uint32_t)rel;
}

static void raise_last_seq(tc_zeek_ep_t *e, uint32_t seq)
{
    if (seq < e->last_seq)
        e->seq_wraps++;
    e->last_seq = seq;
}

/* update_last_seq: the highest sequence number sent.  doc "t: packet with
 * retransmitted payload": payload that does not advance it (Zeek cannot
 * tell a retransmission from reordering either). */
static void update_last_seq(zpkt_t *p, uint32_t one_past)
{
    tc_zeek_ep_t *e = p->ep;
    int32_t delta = (int32_t)(one_past - e->last_seq);

    if ((zk_has(p, TC_SYN) || zk_has(p, TC_RST)) &&
        (delta > ZR_TOO_LARGE_SEQ_DELTA || delta < -ZR_TOO_LARGE_SEQ_DELTA))
        return;                 /* an outlandish SYN or RST is not trusted */
    if (zk_has(p, TC_FIN) && e->last_seq == e->start_seq + 1u)
        raise_last_seq(e, one_past);    /* "> 2 GB connections for which we've only seen the SYN and the FIN" */
    else if (e->state == ZS_RESET)
        ;                       /* "don't trust any subsequent sequence numbers" */
    else if (delta > 0)
        raise_last_seq(e, one_past);
    else if (p->seg->len > 0 && e->rxmt < UINT16_MAX)
        zk_scaled(p->z, e, 'T', ++e->rxmt);    /* DidRxmit, a RST's payload too */
}

/* ---- the state machine: UpdateStateMachine and its handlers ---- */

typedef struct zclose {
    bool do_close;      /* report the connection as closed */
    bool gen_event;     /* with a finished event */
} zclose_t;

/* Conn::port_inactivity_timeouts (base/protocols/conn/inactivity.zeek),
 * on connection_established: the responder's port, or the originator's
 * when only it is a likely server port and the originator sent nothing. */
static void established(zpkt_t *p)
{
    tc_zeek_t *z = p->z;
    uint16_t resp_p = p->in->port[z->orig_dir ^ 1u], orig_p = p->in->port[z->orig_dir];
    uint16_t port = resp_p;

    if (zk_orig(z)->state == ZS_INACTIVE && !zk_server_port(p->cfg, resp_p) && zk_server_port(p->cfg, orig_p))
        port = orig_p;
    if (port == 21 || port == 22 || port == 23 || port == 513)
        zk_set_idle(z, ZM_IDLE_LONG);
}

static void inactive_syn(zpkt_t *p)
{
    tc_zeek_t *z = p->z;
    tc_zeek_ep_t *e = p->ep, *peer = p->peer;

    if (p->is_orig) {
        set_state(z, e, zk_has(p, TC_ACK) ? ZS_SYN_ACK_SENT : ZS_SYN_SENT);
        zk_timer_set(z, &z->t_misc, p->t + ZT_ATTEMPT_DELAY);
        z->misc = (uint8_t)((z->misc & ~ZM_KIND_MASK) | ZM_ATTEMPT);
        return;
    }
    if (!zk_has(p, TC_ACK) && peer->state == ZS_SYN_ACK_SENT && p->seg->seq == e->start_seq) {
        /* "a SYN/SYN-ACK reversal": flip and establish */
        z->flags &= (uint8_t)~ZF_PARTIAL;
        zk_flip_roles(z);
        set_state(z, peer, ZS_ESTABLISHED);
        z->flags |= ZF_SEEN_ORIG;
    }
    if (peer->state == ZS_SYN_SENT)
        set_state(z, peer, ZS_ESTABLISHED);
    set_state(z, e, ZS_ESTABLISHED);
    if (peer->state != ZS_PARTIAL)
        established(p);
}

/* No control flag changed the state: "Some eccentric TCP's will ack an
 * initial SYN prior to sending a SYN reply"; an ACK after a SYN-ACK means
 * "we just missed that initial SYN"; anything else is a partial connection. */
static void inactive_other(zpkt_t *p)
{
    tc_zeek_t *z = p->z;

    if (!p->is_orig && p->seg->len == 0 && zk_orig(z)->state == ZS_SYN_SENT)
        return;
    if (zk_has(p, TC_ACK) && p->peer->state == ZS_ESTABLISHED) {
        set_state(z, p->ep, ZS_ESTABLISHED);
        z->flags &= (uint8_t)~ZF_PARTIAL;
        z->flags |= p->is_orig ? ZF_SEEN_ORIG : ZF_SEEN_RESP;
    } else {
        set_state(z, p->ep, ZS_PARTIAL);
    }
}

static void on_inactive(zpkt_t *p, zclose_t *c)
{
    uint8_t peer_state;

    if (zk_has(p, TC_SYN))
        inactive_syn(p);
    if (zk_has(p, TC_FIN)) {
        set_state(p->z, p->ep, ZS_CLOSED);
        c->do_close = c->gen_event = true;
    }
    if (zk_has(p, TC_RST)) {
        set_state(p->z, p->ep, ZS_RESET);
        peer_state = p->peer->state;
        c->do_close = true;
        /* a reject: a RST answering a SYN, or a RST from the originator
         * after a SYN-ACK without SYN (a reverse scan) */
        if (p->is_orig)
            c->gen_event = peer_state != ZS_ESTABLISHED;
        else
            c->gen_event = peer_state != ZS_SYN_SENT && peer_state != ZS_SYN_ACK_SENT;
    }
    if (p->ep->state == ZS_INACTIVE)
        inactive_other(p);
}

static void on_syn_sent(zpkt_t *p, zclose_t *c)
{
    if (zk_has(p, TC_FIN)) {
        set_state(p->z, p->ep, ZS_CLOSED);
        c->do_close = c->gen_event = true;
    }
    if (zk_has(p, TC_RST)) {
        set_state(p->z, p->ep, ZS_RESET);
        p->z->flags &= (uint8_t)~ZF_ACTIVE;     /* ConnectionReset */
        c->do_close = true;
    }
}

static void on_established(zpkt_t *p, zclose_t *c)
{
    tc_zeek_t *z = p->z;
    tc_zeek_ep_t *e = p->ep, *peer = p->peer;

    if (zk_has(p, TC_SYN) && e->state == ZS_PARTIAL && peer->state == ZS_INACTIVE && !zk_has(p, TC_ACK))
        set_state(z, e, ZS_SYN_SENT);           /* SYN_after_partial */
    if (zk_has(p, TC_FIN) && !zk_has(p, TC_RST)) {
        set_state(z, e, ZS_CLOSED);
        /* "The peer sent a FIN followed by a RST ... this was actually
         * normal termination." */
        if (peer->state == ZS_RESET && peer->prev_state == ZS_CLOSED)
            set_state(z, peer, ZS_CLOSED);
        c->do_close = c->gen_event = true;
    }
    if (zk_has(p, TC_RST)) {
        set_state(z, e, ZS_RESET);
        c->do_close = true;
        if (peer->state != ZS_RESET || peer->prev_state != ZS_ESTABLISHED)
            z->flags &= (uint8_t)~ZF_ACTIVE;    /* ConnectionReset */
    }
}

/* "If our peer was also closed, then don't change our state now on a RST,
 * since this connection has already seen a FIN exchange." */
static void on_closed(zpkt_t *p, zclose_t *c)
{
    tc_zeek_t *z = p->z;

    if (!zk_has(p, TC_RST) || p->peer->state == ZS_CLOSED)
        return;
    set_state(z, p->ep, ZS_RESET);
    if (!(p->ep->flags & ZE_CLOSED))
        c->do_close = true;
    if (z->misc & ZM_HANDLE_RESET) {
        zk_timer_set(z, &z->t_misc, p->t + ZT_RESET_DELAY);
        z->misc = (uint8_t)((z->misc & ~ZM_KIND_MASK) | ZM_RESET);
    }
}

static void update_state_machine(zpkt_t *p, zclose_t *c)
{
    switch (p->ep->state) {
    case ZS_INACTIVE:
        on_inactive(p, c);
        break;
    case ZS_SYN_SENT:
    case ZS_SYN_ACK_SENT:
        on_syn_sent(p, c);
        break;
    case ZS_ESTABLISHED:
    case ZS_PARTIAL:
        on_established(p, c);
        break;
    case ZS_CLOSED:
        on_closed(p, c);
        break;
    default:
        break;                  /* RESET: nothing changes it */
    }
}

/* ---- closing: TCPSessionAdapter::ConnectionClosed ---- */

/* The endpoint's close is reported.  Complete (it reset, the peer closed
 * too, or the peer never sent anything): the record ends tcp_close_delay
 * after its last packet.  Otherwise check again later. */
void zk_connection_closed(tc_zeek_t *z, tc_zeek_ep_t *e, bool gen_event)
{
    tc_zeek_ep_t *peer = zk_peer_of(z, e);

    if (zk_data_pending(z, e)) {
        /* "Don't close out the connection yet, there's still data to deliver." */
        if (gen_event)
            z->flags |= ZF_DEFERRED_EVENT;
        z->flags |= ZF_CLOSE_DEFERRED;
        return;
    }
    z->flags &= (uint8_t)~ZF_CLOSE_DEFERRED;
    if (e->flags & ZE_CLOSED)
        return;
    e->flags |= ZE_CLOSED;
    if (e->state == ZS_RESET || (peer->flags & ZE_CLOSED) || peer->state == ZS_INACTIVE) {
        if (e->prev_state != ZS_INACTIVE || peer->state != ZS_INACTIVE) {
            if (z->flags & ZF_DEFERRED_EVENT) {
                gen_event = true;
                z->flags &= (uint8_t)~ZF_DEFERRED_EVENT;
            }
            if (gen_event)
                z->flags &= (uint8_t)~ZF_ACTIVE;        /* ConnectionFinished */
        }
        z->t_misc = z->t_expire = 0;                    /* CancelTimers */
        zk_timer_set(z, &z->t_delete, z->last_ns + ZT_CLOSE_DELAY);
    } else if (e->prev_state == ZS_INACTIVE) {
        /* only armed when a script handles connection_partial_close */
        if (z->misc & ZM_HANDLE_PARTIAL_CLOSE) {
            zk_timer_set(z, &z->t_misc, z->last_ns + ZT_PARTIAL_CLOSE_DELAY);
            z->misc = (uint8_t)((z->misc & ~ZM_KIND_MASK) | ZM_PARTIAL_CLOSE);
        }
    } else {
        /* "a timer to look for the other side closing, too" */
        zk_timer_earliest(z, &z->t_expire, z->last_ns + ZT_SESSION_TIMER);
    }
}

/* ---- Process() ---- */

/* SetPartialStatus: a connection is partial when its originator's first
 * packet is not a SYN, or is a SYN-ACK, or its responder's not a SYN. */
static void partial_status(zpkt_t *p)
{
    tc_zeek_t *z = p->z;
    bool syn = zk_has(p, TC_SYN), ack = zk_has(p, TC_ACK);

    if (zk_ep_is_orig(z, p->ep)) {
        if (!(z->flags & ZF_SEEN_ORIG))
            z->flags = (uint8_t)((z->flags & ~ZF_PARTIAL) | ((!syn || ack) ? ZF_PARTIAL : 0));
    } else if (!(z->flags & ZF_SEEN_RESP) && !(z->flags & ZF_PARTIAL) && !syn) {
        z->flags |= ZF_PARTIAL;
    }
}

/* Steps 1 to 8: up to the state machine. */
static void before_state_machine(zpkt_t *p, uint64_t *rel_seq, uint32_t *rel_ack, bool *underflow)
{
    tc_zeek_t *z = p->z;
    uint32_t one_past = p->seg->seq + segment_len(p);

    partial_status(p);
    init_endpoint(p, one_past);
    *rel_seq = relative_seq(p->ep, p->seg->seq, p->ep->last_seq, p->ep->seq_wraps, underflow);
    update_history(p, *rel_seq);
    update_window(p);
    if (!((z->ep[0].flags & ZE_CLOSED) && (z->ep[1].flags & ZE_CLOSED)))
        zk_set_last(z, p->t);
    if (zk_has(p, TC_FIN)) {
        p->ep->flags |= ZE_FIN;
        p->ep->fin_rel = (uint32_t)*rel_seq + segment_len(p);
    }
    *rel_ack = zk_has(p, TC_ACK) ? ack_peer(p) : 0;
    update_last_seq(p, one_past);
}

void zk_process(zpkt_t *p)
{
    tc_zeek_t *z = p->z;
    zclose_t c = { false, false };
    uint64_t rel_seq;
    uint32_t rel_ack;
    bool underflow = false;

    before_state_machine(p, &rel_seq, &rel_ack, &underflow);
    update_state_machine(p, &c);
    /* after the state machine, "so that if the ack reveals a content gap,
     * we can tell whether it came at the very end of the connection" */
    if (zk_has(p, TC_ACK))
        zk_ack_received(z, p->peer, rel_ack);
    /* PIA's first packet: Process()'s stale is_orig, as in Zeek */
    z->flags |= p->is_orig ? ZF_SEEN_ORIG : ZF_SEEN_RESP;
    if (p->seg->len > 0 && !zk_has(p, TC_RST) && !underflow && !(p->in->flags & TC_ZIN_TRUNCATED))
        zk_data_sent(z, p->ep, (uint32_t)rel_seq + (zk_has(p, TC_SYN) ? 1u : 0u), p->seg->len);
    zk_check_eof(z, p->ep);
    if (c.do_close)
        zk_connection_closed(z, p->ep, c.gen_event);
}
