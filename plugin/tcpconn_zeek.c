/* tcpconn_zeek.c
 * Zeek's conn_state and history for one TCP connection, one segment at a
 * time.
 *
 * Specification (quoted in the comments below as "doc"): the Conn::Info
 * field descriptions of base/protocols/conn/main.zeek, "conn_state" and
 * "history", and the TCP endpoint states of init-bare that conn_state is
 * defined over.  The codes need those endpoint states, so we keep Zeek's
 * model: two endpoints, each INACTIVE, SYN_SENT, SYN_ACK_SENT, PARTIAL,
 * ESTABLISHED, CLOSED or RESET, stepped by the flags of what it sends.
 *
 * One segment, in this order (the order decides the order of letters):
 *   1. sequence base     the sender's relative 0 (its ISN, or first seq - 1)
 *   2. history letter    at most one of I Q S H F R D A for the segment;
 *                        a first A or D after a lone SYN-ACK flips: "^h"
 *   3. zero window       W
 *   4. highest sequence  T when payload does not advance it
 *   5. state machine     one handler per sender state; may flip ("^")
 *   6. acknowledgment    G when the peer's unseen sequence space is acked
 *   7. payload           what of the sender's sequence space we have seen
 *
 * Where the doc leaves room, we do what Zeek does, so that the output
 * matches a conn.log; where the doc is explicit, we follow it even where
 * Zeek's code does otherwise (marked "doc over code" below).
 *
 * Left out: what one capture point or a tc_segment_t cannot show, and
 * what belongs to the caller:
 *   c/C   bad checksums: segments carry no checksum status (and Zeek drops
 *         such packets before anything else), so these letters never appear.
 *   x     Zeek's analysis limits.
 *   split Zeek's timers (5 s connection attempt, close delay, inactivity)
 *         and port reuse start new conn.log lines; one tc_zeek_t is one
 *         line, and the caller starts a new one per lifecycle.
 *   ^     from Zeek's likely_server_ports: segments have no ports, so the
 *         first segment's sender is the originator, as in a Zeek whose
 *         likely_server_ports is empty.  The two flips that do not need
 *         ports are kept (a lone SYN-ACK followed by an ACK or data; a SYN
 *         after a SYN-ACK from the other side).
 *   g/G   assume the payload was captured in full (Zeek sees gaps where the
 *         snap length cut it) and track one hole per direction, so several
 *         holes acked at once count as one gap.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdbool.h>
#include <string.h>

#include "tcpconn_seq.h"
#include "tcpconn_zeek.h"

_Static_assert(sizeof(tc_zeek_t) <= 128, "tc_zeek_t should stay small");

/* Endpoint states, init-bare's TCP_* constants. */
enum {
    ZS_INACTIVE,        /* "Endpoint is still inactive." */
    ZS_SYN_SENT,        /* "Endpoint has sent SYN." */
    ZS_SYN_ACK_SENT,    /* "Endpoint has sent SYN/ACK." */
    ZS_PARTIAL,         /* "Endpoint has sent data but no initial SYN." */
    ZS_ESTABLISHED,     /* "Endpoint has finished initial handshake regularly." */
    ZS_CLOSED,          /* "Endpoint has closed connection." */
    ZS_RESET,           /* "Endpoint has sent RST." */
    ZS_COUNT
};

/* ep->seen: letter classes already given by this direction. */
enum {
    ZH_SYN    = 0x01,   /* s and h: one class, the SYN flag */
    ZH_FIN    = 0x02,
    ZH_RST    = 0x04,
    ZH_ACK    = 0x08,
    ZH_DATA   = 0x10,
    ZH_FINRST = 0x20,   /* i */
    ZH_MULTI  = 0x40    /* q */
};

/* ep->flags */
enum {
    ZE_FIN   = 0x01,    /* sent a FIN: fin_seq is valid */
    ZE_ABOVE = 0x02     /* above_lo_rel/above_hi_rel are valid */
};

/* One segment, with what the steps share. */
typedef struct zseg {
    const tc_segment_t *seg;
    tc_zeek_ep_t *ep;       /* sender */
    tc_zeek_ep_t *peer;
    uint32_t end;           /* one past the sequence space it occupies */
    uint8_t  dir;
    bool     was_orig;      /* sender was the originator when it arrived */
} zseg_t;

static bool has(const zseg_t *s, uint8_t flag)
{
    return (s->seg->flags & flag) != 0;
}

/* SYN and FIN take one sequence number each; a RST's payload is not stream
 * data (RFC 9293 section 3.5.3), so it takes none. */
static uint32_t seg_end(const tc_segment_t *seg)
{
    uint32_t end = seg->seq;

    if (!(seg->flags & TC_RST))
        end += seg->len;
    if (seg->flags & TC_SYN)
        end++;
    if (seg->flags & TC_FIN)
        end++;
    return end;
}

/* ---- the history string ---- */

static void hist_put(tc_zeek_t *z, char c)
{
    if ((size_t)z->hist_len + 1u >= sizeof z->history)
        return;                 /* full: drop, keep the NUL */
    z->history[z->hist_len++] = c;
    z->history[z->hist_len] = '\0';
}

/* doc: "If the event comes from the originator, the letter is in
 * upper-case; if it comes from the responder, it's in lower-case." */
static void hist_letter(tc_zeek_t *z, uint8_t dir, char upper)
{
    hist_put(z, dir == z->orig_dir ? upper : (char)(upper - 'A' + 'a'));
}

/* doc: "The 'a', 'd', 'i' and 'q' flags are recorded a maximum of one time
 * in either direction regardless of how many are actually seen." */
static void hist_once(tc_zeek_t *z, uint8_t dir, uint8_t cls, char upper)
{
    tc_zeek_ep_t *e = &z->ep[dir];

    if (e->seen & cls)
        return;
    e->seen |= cls;
    hist_letter(z, dir, upper);
}

/* doc: "'f', 'h', 'r' and 's' can be recorded multiple times for either
 * direction if the associated sequence number differs from the last-seen
 * packet of the same flag type."  The flag type is the flag: s and h share
 * the SYN's (as in Zeek).  The last-seen values are updated for every
 * packet carrying the flag (track_marks).  A SYN with another ISN has
 * another sequence number, so it is s again (doc over code: Zeek measures
 * it from the new ISN, always 0, and does not repeat it). */
static void hist_seq(tc_zeek_t *z, uint8_t dir, uint8_t cls, char upper,
                     uint32_t last, uint32_t now)
{
    tc_zeek_ep_t *e = &z->ep[dir];

    if (!(e->seen & cls) || now != last)
        hist_letter(z, dir, upper);
    e->seen |= cls;
}

static bool power_of_ten(uint32_t n)
{
    while (n >= 10u && n % 10u == 0u)
        n /= 10u;
    return n == 1u;
}

/* doc: "'c', 'g', 't' and 'w' are recorded in a logarithmic fashion: the
 * second instance represents that the event was seen (at least) 10 times;
 * the third instance, 100 times; etc."  n is the event's count so far. */
static void hist_scaled(tc_zeek_t *z, uint8_t dir, char upper, uint32_t n)
{
    if (power_of_ten(n))
        hist_letter(z, dir, upper);
}

/* ^: "connection direction was flipped by Zeek's heuristic".  A connection
 * whose first packet is a SYN-ACK keeps its sender as originator (it may be
 * a stealth scan) until a pure ACK or data shows a real connection; then
 * the roles swap and the history reads as if the SYN-ACK came from the
 * responder.  Letters already given stay with their direction, "in either
 * direction" (doc over code: Zeek keeps them by role, so the SYN-ACK's
 * sender could give h again for the same SYN-ACK). */
static void flip_after_synack(tc_zeek_t *z)
{
    z->orig_dir ^= 1u;
    z->hist_len = 0;
    hist_put(z, '^');
    hist_put(z, 'h');
}

/* a: "a pure ACK"; d: "packet with payload". */
static void hist_productive(tc_zeek_t *z, uint8_t dir, uint8_t cls, char upper)
{
    if (z->hist_len == 1 && z->history[0] == 'H')
        flip_after_synack(z);
    hist_once(z, dir, cls, upper);
}

/* One letter class per segment, control flags first: a FIN with data is
 * "F", not "FD"; "a pure ACK" is what is left (no SYN/FIN/RST, no data). */
static void hist_segment(tc_zeek_t *z, const zseg_t *s)
{
    const tc_segment_t *seg = s->seg;
    const tc_zeek_ep_t *e = s->ep;
    int ctl = has(s, TC_SYN) + has(s, TC_FIN) + has(s, TC_RST);

    if (ctl > 1) {
        /* i: "inconsistent packet (e.g. FIN+RST bits set)";
         * q: "multi-flag packet (SYN+FIN or SYN+RST bits set)" */
        if (has(s, TC_FIN) && has(s, TC_RST))
            hist_once(z, s->dir, ZH_FINRST, 'I');
        else
            hist_once(z, s->dir, ZH_MULTI, 'Q');
    } else if (has(s, TC_SYN)) {
        /* s: "a SYN w/o the ACK bit set"; h: "a SYN+ACK" */
        hist_seq(z, s->dir, ZH_SYN, has(s, TC_ACK) ? 'H' : 'S', e->syn_seq, seg->seq);
    } else if (has(s, TC_FIN)) {
        /* f: "packet with FIN bit set"; its sequence number is the FIN's */
        hist_seq(z, s->dir, ZH_FIN, 'F', e->fin_seq, seg->seq + seg->len);
    } else if (has(s, TC_RST)) {
        /* r: "packet with RST bit set" */
        hist_seq(z, s->dir, ZH_RST, 'R', e->rst_seq, seg->seq);
    } else if (seg->len) {
        hist_productive(z, s->dir, ZH_DATA, 'D');
    } else if (has(s, TC_ACK)) {
        hist_productive(z, s->dir, ZH_ACK, 'A');
    }
}

/* ---- sequence tracking ---- */

static void rebase(tc_zeek_ep_t *e, uint32_t isn, uint32_t high)
{
    e->isn = isn;
    e->high = high;
    e->contig_rel = 1;          /* payload starts after the SYN's place */
    e->flags &= (uint8_t)~ZE_ABOVE;
}

/* The sender's relative 0: its SYN (RFC 9293 section 3.4), or one before
 * its first segment when we joined mid-stream.  A SYN with another ISN
 * starts a new sequence space, unless the endpoint already closed, or reset
 * after sending something. */
static void track_base(const zseg_t *s)
{
    tc_zeek_ep_t *e = s->ep;
    uint32_t seq = s->seg->seq;
    bool new_isn = has(s, TC_SYN) && seq != e->isn;

    switch (e->state) {
    case ZS_INACTIVE:
        /* high starts before the segment, so its payload is new: a first
         * SYN's payload (TCP Fast Open) is not T (doc over code) */
        if (has(s, TC_SYN))
            rebase(e, seq, seq);
        else
            rebase(e, seq - 1u, seq);
        break;
    case ZS_SYN_SENT:
    case ZS_SYN_ACK_SENT:
    case ZS_PARTIAL:
    case ZS_ESTABLISHED:
        if (new_isn)
            rebase(e, seq, seq);
        break;
    case ZS_RESET:
        if (new_isn && e->prev_state == ZS_INACTIVE)
            rebase(e, seq, seq);
        break;
    default:
        break;
    }
}

/* w: "packet with a zero window advertisement".  Not counted on a RST or
 * after the sender's own RST, nor once the peer has sent a FIN (no more
 * data is coming for that window to hold up); an endpoint that sent a FIN
 * itself can still receive, so its zero windows count. */
static void check_window(tc_zeek_t *z, const zseg_t *s, uint32_t window)
{
    tc_zeek_ep_t *e = s->ep;

    if (window != 0 || has(s, TC_RST) || e->state == ZS_RESET || s->peer->state == ZS_CLOSED)
        return;
    if (e->zero_wins == UINT16_MAX)
        return;
    e->zero_wins++;
    hist_scaled(z, s->dir, 'W', e->zero_wins);
}

/* t: "packet with retransmitted payload".  From one capture point we
 * cannot tell a retransmission from a segment that arrives out of order,
 * so, as Zeek does, payload that does not take the sender past the highest
 * sequence number it has sent counts.  A RST's payload is not stream data
 * and a RST's sequence number is not trusted (doc over code: Zeek counts a
 * RST's payload); after its own RST nothing of the sender counts. */
static void track_high(tc_zeek_t *z, const zseg_t *s)
{
    tc_zeek_ep_t *e = s->ep;

    if (has(s, TC_RST) || e->state == ZS_RESET)
        return;
    if (has(s, TC_FIN) && e->high == e->isn + 1u) {
        e->high = s->end;       /* only the SYN seen: a FIN over 2 GB away is still its end */
        return;
    }
    if (tc_seq_gt(s->end, e->high)) {
        e->high = s->end;
    } else if (s->seg->len) {
        if (e->rexmits != UINT32_MAX)
            hist_scaled(z, s->dir, 'T', ++e->rexmits);
    }
}

/* The sequence numbers of the latest SYN, FIN and RST, for the repetition
 * rule; a FIN's is the place it takes, after the payload. */
static void track_marks(const zseg_t *s)
{
    tc_zeek_ep_t *e = s->ep;
    const tc_segment_t *seg = s->seg;

    if (has(s, TC_SYN))
        e->syn_seq = seg->seq;
    if (has(s, TC_RST))
        e->rst_seq = seg->seq;
    if (has(s, TC_FIN)) {
        e->fin_seq = s->end - 1u;
        e->flags |= ZE_FIN;
    }
}

/* ---- state machine: one handler per sender state ---- */

/* The one place endpoint states change. */
static void set_state(tc_zeek_ep_t *e, uint8_t state)
{
    if (state == e->state)
        return;
    e->prev_state = e->state;
    e->state = state;
}

static void inactive_syn(tc_zeek_t *z, const zseg_t *s)
{
    if (s->was_orig) {
        set_state(s->ep, has(s, TC_ACK) ? ZS_SYN_ACK_SENT : ZS_SYN_SENT);
        return;
    }
    if (!has(s, TC_ACK) && s->peer->state == ZS_SYN_ACK_SENT) {
        /* The SYN-ACK was captured before its SYN: swap the roles. */
        z->orig_dir = s->dir;
        hist_put(z, '^');
        set_state(s->peer, ZS_ESTABLISHED);
    } else if (s->peer->state == ZS_SYN_SENT) {
        set_state(s->peer, ZS_ESTABLISHED);     /* SYN-ACK, or simultaneous open */
    }
    set_state(s->ep, ZS_ESTABLISHED);
}

static void inactive_other(tc_zeek_t *z, const zseg_t *s)
{
    /* Some stacks ack a SYN before sending their SYN-ACK: not yet partial. */
    if (!s->was_orig && s->seg->len == 0 && z->ep[z->orig_dir].state == ZS_SYN_SENT)
        return;
    /* An ACK answering a lone SYN-ACK: the SYN was missed, not the handshake. */
    if (has(s, TC_ACK) && s->peer->state == ZS_ESTABLISHED)
        set_state(s->ep, ZS_ESTABLISHED);
    else
        set_state(s->ep, ZS_PARTIAL);
}

static void on_inactive(tc_zeek_t *z, const zseg_t *s)
{
    if (has(s, TC_SYN))
        inactive_syn(z, s);
    if (has(s, TC_FIN))
        set_state(s->ep, ZS_CLOSED);
    if (has(s, TC_RST))
        set_state(s->ep, ZS_RESET);
    if (s->ep->state == ZS_INACTIVE)
        inactive_other(z, s);
}

static void on_handshake(tc_zeek_t *z, const zseg_t *s)
{
    (void)z;
    if (has(s, TC_FIN))
        set_state(s->ep, ZS_CLOSED);
    if (has(s, TC_RST))
        set_state(s->ep, ZS_RESET);
}

static void on_open(tc_zeek_t *z, const zseg_t *s)
{
    tc_zeek_ep_t *e = s->ep, *p = s->peer;

    (void)z;
    /* A SYN after mid-stream data, nothing from the peer: the real start. */
    if (has(s, TC_SYN) && !has(s, TC_ACK) && e->state == ZS_PARTIAL && p->state == ZS_INACTIVE)
        set_state(e, ZS_SYN_SENT);
    if (has(s, TC_FIN) && !has(s, TC_RST)) {
        set_state(e, ZS_CLOSED);
        /* The peer's FIN then RST, answered by our FIN: a normal close. */
        if (p->state == ZS_RESET && p->prev_state == ZS_CLOSED)
            set_state(p, ZS_CLOSED);
    }
    if (has(s, TC_RST))
        set_state(e, ZS_RESET);
}

static void on_closed(tc_zeek_t *z, const zseg_t *s)
{
    (void)z;
    /* After both FINs a RST changes nothing. */
    if (has(s, TC_RST) && s->peer->state != ZS_CLOSED)
        set_state(s->ep, ZS_RESET);
}

typedef void (*zs_handler_t)(tc_zeek_t *z, const zseg_t *s);

static const zs_handler_t on_state[ZS_COUNT] = {
    [ZS_INACTIVE]     = on_inactive,
    [ZS_SYN_SENT]     = on_handshake,
    [ZS_SYN_ACK_SENT] = on_handshake,
    [ZS_PARTIAL]      = on_open,
    [ZS_ESTABLISHED]  = on_open,
    [ZS_CLOSED]       = on_closed,
    [ZS_RESET]        = NULL,         /* nothing after a RST changes it */
};

/* ---- content gaps ---- */

/* Gaps count only while both ends are cleanly established or closing:
 * otherwise (mid-stream, half-seen handshakes, RSTs) an ack beyond what we
 * saw says more about where the capture started than about lost data. */
static bool clean(const tc_zeek_ep_t *e)
{
    return e->state == ZS_ESTABLISHED ||
           (e->state == ZS_CLOSED && e->prev_state == ZS_ESTABLISHED);
}

static void gap_event(tc_zeek_t *z, uint8_t dir, bool report)
{
    tc_zeek_ep_t *e = &z->ep[dir];

    if (!report || e->gaps == UINT16_MAX)
        return;
    e->gaps++;
    hist_scaled(z, dir, 'G', e->gaps);
}

/* g: "a content gap".  The segment acks the peer's sequence space up to
 * upto; what of it we never saw as payload is a gap, in the peer's case.
 * The peer's FIN is not payload.  peer_was_inactive: nothing sent yet,
 * so nothing to compare the ack with. */
static void track_ack(tc_zeek_t *z, const zseg_t *s, bool peer_was_inactive)
{
    tc_zeek_ep_t *p = s->peer;
    uint8_t pdir = (uint8_t)(s->dir ^ 1u);
    uint32_t upto, fin_rel;
    bool report;

    if (!has(s, TC_ACK) || peer_was_inactive || tc_seq_lt(s->seg->ack, p->isn))
        return;
    upto = s->seg->ack - p->isn;
    fin_rel = p->fin_seq - p->isn;
    if ((p->flags & ZE_FIN) && tc_seq_gt(upto, fin_rel))
        upto = fin_rel;
    if (tc_seq_leq(upto, p->contig_rel))
        return;
    report = clean(p) && clean(s->ep);
    if ((p->flags & ZE_ABOVE) && tc_seq_lt(p->above_lo_rel, upto)) {
        gap_event(z, pdir, report);             /* the hole below the block */
        p->contig_rel = p->above_hi_rel;
        p->flags &= (uint8_t)~ZE_ABOVE;
    }
    if (tc_seq_gt(upto, p->contig_rel)) {
        gap_event(z, pdir, report);
        p->contig_rel = upto;
    }
}

/* Record the sender's payload: extend what is contiguous, or keep it as
 * one block above the hole (a second block widens it). */
static void track_payload(const zseg_t *s)
{
    tc_zeek_ep_t *e = s->ep;
    const tc_segment_t *seg = s->seg;
    uint32_t lo, hi;

    if (!seg->len || has(s, TC_RST) || tc_seq_lt(seg->seq, e->isn))
        return;
    lo = seg->seq - e->isn + (has(s, TC_SYN) ? 1u : 0u);
    hi = lo + seg->len;
    if (tc_seq_leq(hi, e->contig_rel))
        return;
    if (tc_seq_leq(lo, e->contig_rel)) {
        e->contig_rel = hi;
        if ((e->flags & ZE_ABOVE) && tc_seq_leq(e->above_lo_rel, hi)) {
            if (tc_seq_gt(e->above_hi_rel, hi))
                e->contig_rel = e->above_hi_rel;
            e->flags &= (uint8_t)~ZE_ABOVE;
        }
    } else if (e->flags & ZE_ABOVE) {
        if (tc_seq_lt(lo, e->above_lo_rel))
            e->above_lo_rel = lo;
        if (tc_seq_gt(hi, e->above_hi_rel))
            e->above_hi_rel = hi;
    } else {
        e->above_lo_rel = lo;
        e->above_hi_rel = hi;
        e->flags |= ZE_ABOVE;
    }
}

/* ---- interface ---- */

void tc_zeek_init(tc_zeek_t *z)
{
    memset(z, 0, sizeof *z);
    z->orig_dir = TC_DIR_NONE;
    z->ep[0].contig_rel = z->ep[1].contig_rel = 1;
}

void tc_zeek_segment(tc_zeek_t *z, const tc_segment_t *seg, uint32_t window)
{
    zseg_t s;
    bool peer_was_inactive;
    zs_handler_t handler;

    if (!z || !seg || seg->dir > 1)
        return;
    if (z->orig_dir == TC_DIR_NONE)
        z->orig_dir = seg->dir;     /* the first segment's sender originates */
    s.seg = seg;
    s.dir = seg->dir;
    s.ep = &z->ep[seg->dir];
    s.peer = &z->ep[seg->dir ^ 1u];
    s.end = seg_end(seg);
    s.was_orig = seg->dir == z->orig_dir;
    peer_was_inactive = s.peer->state == ZS_INACTIVE;

    track_base(&s);
    hist_segment(z, &s);
    check_window(z, &s, window);
    track_high(z, &s);
    track_marks(&s);
    handler = on_state[s.ep->state < ZS_COUNT ? s.ep->state : ZS_RESET];
    if (handler)
        handler(z, &s);
    track_ack(z, &s, peer_was_inactive);
    track_payload(&s);
}

/* Sent nothing, or only mid-stream traffic (Zeek's "inactive" ends). */
static bool inactive(const tc_zeek_ep_t *e)
{
    return e->state == ZS_INACTIVE || e->state == ZS_PARTIAL;
}

/* Did the endpoint send (or have acked) any payload?  Its sequence space
 * beyond the SYN and FIN. */
static bool sent_bytes(const tc_zeek_ep_t *e)
{
    uint32_t span = e->high - e->isn;

    if (tc_seq_gt(e->contig_rel, span))
        span = e->contig_rel;
    return tc_seq_gt(span, (e->flags & ZE_FIN) ? 2u : 1u);
}

/* RSTOS0: "Originator sent a SYN followed by a RST, we never saw a SYN-ACK
 * from the responder."  In the history: an S (after a possible ^), then an
 * R before any originator H, A, F, G, I or Q. */
static bool syn_then_rst(const char *h)
{
    if (*h == '^')
        h++;
    if (*h++ != 'S')
        return false;
    for (; *h; h++) {
        if (*h == 'R')
            return true;
        if (strchr("HAFGIQ", *h))
            return false;
    }
    return false;
}

static const char *resp_reset(const tc_zeek_ep_t *o, const tc_zeek_ep_t *r)
{
    /* REJ: "Connection attempt rejected." - the originator was still in
     * its handshake, or both reset with no payload either way */
    if (o->state == ZS_SYN_SENT || o->state == ZS_SYN_ACK_SENT ||
        (o->state == ZS_RESET && !sent_bytes(o) && !sent_bytes(r)))
        return "REJ";
    /* RSTRH: "Responder sent a SYN ACK followed by a RST, we never saw a
     * SYN from the (purported) originator." */
    if (inactive(o))
        return "RSTRH";
    return "RSTR";              /* "Responder sent a RST." */
}

static const char *orig_reset(const tc_zeek_t *z, const tc_zeek_ep_t *r)
{
    if (!inactive(r))
        return "RSTO";          /* "Connection established, originator aborted (sent a RST)." */
    return syn_then_rst(z->history) ? "RSTOS0" : "OTH";
}

const char *tc_zeek_conn_state(const tc_zeek_t *z)
{
    const tc_zeek_ep_t *o, *r;

    if (!z || z->orig_dir > 1)
        return "OTH";
    o = &z->ep[z->orig_dir];
    r = &z->ep[z->orig_dir ^ 1u];
    if (r->state == ZS_RESET)
        return resp_reset(o, r);
    if (o->state == ZS_RESET)
        return orig_reset(z, r);
    if (o->state == ZS_CLOSED && r->state == ZS_CLOSED)
        return "SF";            /* "Normal establishment and termination." */
    /* SH: "Originator sent a SYN followed by a FIN, we never saw a SYN ACK";
     * S2: "established and close attempt by originator seen" */
    if (o->state == ZS_CLOSED)
        return inactive(r) ? "SH" : "S2";
    /* SHR: "Responder sent a SYN ACK followed by a FIN, we never saw a SYN";
     * S3: "established and close attempt by responder seen" */
    if (r->state == ZS_CLOSED)
        return inactive(o) ? "SHR" : "S3";
    if (o->state == ZS_SYN_SENT && r->state == ZS_INACTIVE)
        return "S0";            /* "Connection attempt seen, no reply." */
    if (o->state == ZS_ESTABLISHED && r->state == ZS_ESTABLISHED)
        return "S1";            /* "Connection established, not terminated." */
    return "OTH";               /* "No SYN seen, just midstream traffic" */
}

const char *tc_zeek_history(const tc_zeek_t *z)
{
    return z ? z->history : "";
}

uint8_t tc_zeek_orig_dir(const tc_zeek_t *z)
{
    return z ? z->orig_dir : (uint8_t)TC_DIR_NONE;
}
