/* tcpconn_zeek_reass.c
 * Payload as Zeek's TCP reassembler tracks it, for what conn.log shows of
 * it: content gaps (history g/G, missed_bytes), whether an endpoint still
 * has data pending when it closes (which delays the close), and the
 * payload sizes (orig_bytes/resp_bytes).
 *
 * Follows analyzer/protocol/tcp/TCP_Reassembler.cc (DataSent, AckReceived,
 * Undelivered, Gap, DataPending, CheckEOF), the generic Reassem.cc
 * (NewBlock, TrimToSeq) and TCP_Endpoint::Size().  Zeek turns reassembly on
 * for every TCP connection by default (init-bare: dpd_reassemble_first_packets).
 *
 * Departures, for a fixed-size state:
 *   - one block of payload above a hole is kept (Zeek keeps a list): a
 *     second block widens it, so two holes acked at once count as one gap,
 *     of the size of both.
 *   - positions relative to the ISN are kept modulo 2^32 and compared
 *     wrap-safely; only the payload sizes need the 64-bit offset, which the
 *     wrap counts of the last and acked sequence numbers give exactly.
 *   - tcp_excessive_data_without_further_acks (10 MB buffered) is not
 *     modelled: only the above-hole limit is.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tcpconn_seq.h"
#include "tcpconn_zeek_int.h"

static uint64_t full_seq(uint32_t seq, uint16_t wraps)
{
    return ((uint64_t)wraps << 32) + seq;
}

/* TCP_Endpoint::NoDataAcked: "none of this endpoint's data has been
 * acknowledged", allowing one octet for an initial SYN. */
bool zk_no_data_acked(const tc_zeek_ep_t *e)
{
    uint64_t ack = full_seq(e->ack_seq, e->ack_wraps);

    return ack == e->start_seq || ack == (uint64_t)e->start_seq + 1u;
}

/* TCP_Endpoint::Size: the larger of the last sequence number sent and the
 * last one acked, from the ISN, less the SYN and FIN octets.  64-bit, so a
 * connection past 4 GiB counts right. */
uint64_t zk_size(const tc_zeek_t *z, const tc_zeek_ep_t *e)
{
    const tc_zeek_ep_t *peer = &z->ep[(unsigned)(e - z->ep) ^ 1u];
    uint64_t last = full_seq(e->last_seq, e->seq_wraps);
    uint64_t ack = full_seq(e->ack_seq, e->ack_wraps);
    uint64_t size;

    /* "a half-open connection was discovered and aborted" */
    if (e->prev_state == ZS_SYN_SENT && e->state == ZS_RESET && peer->state == ZS_INACTIVE &&
        !zk_no_data_acked(e))
        return 0;
    size = (last > ack ? last : ack) - e->start_seq;
    if (size != 0)
        size--;                 /* the SYN octet */
    if ((e->flags & ZE_FIN) && size != 0)
        size--;                 /* the FIN octet */
    return size;
}

/* The endpoint's last sequence number, relative to its ISN, low 32 bits. */
static uint32_t rel_last(const tc_zeek_ep_t *e)
{
    return e->last_seq - e->start_seq;
}

/* Reassembler::HasBlocks: payload held, delivered but not yet acked, or
 * above a hole. */
static bool has_blocks(const tc_zeek_ep_t *e)
{
    if (e->flags & ZE_SKIP)
        return false;
    return (e->flags & ZE_ABOVE) || tc_seq_gt(e->r_last, e->r_trim);
}

/* TCP_Reassembler::DataPending: the endpoint's stream is not delivered up
 * to its last sequence number (a hole), or the peer holds data. */
bool zk_data_pending(const tc_zeek_t *z, const tc_zeek_ep_t *e)
{
    const tc_zeek_ep_t *peer = &z->ep[(unsigned)(e - z->ep) ^ 1u];
    int32_t ahead;

    if (e->flags & ZE_SKIP)
        return false;
    ahead = (int32_t)(rel_last(e) - e->r_last);
    if (ahead < 0)
        return false;
    /* a FIN takes the last octet, a RST none */
    if (ahead != 0 && ahead != 1)
        return true;
    return e->state != ZS_RESET && has_blocks(peer);
}

/* TCP_Reassembler::Gap: a hole of the endpoint's stream, given up on.
 * Counted only "for connections that are in a cleanly established or
 * closing state"; missed_bytes grows with the same test (content_gap). */
static bool clean(const tc_zeek_ep_t *e)
{
    return e->state == ZS_ESTABLISHED || (e->state == ZS_CLOSED && e->prev_state == ZS_ESTABLISHED);
}

static void gap(tc_zeek_t *z, tc_zeek_ep_t *e, uint32_t len)
{
    if (!clean(e) || !clean(zk_peer_of(z, e)))
        return;
    if (e->gaps < UINT8_MAX)
        zk_scaled(z, e, 'G', ++e->gaps);
    z->missed += len;
}

/* Reassembler BlockInserted: the block reaches what was delivered, so it
 * and the block above the hole (if now reached) are delivered. */
static void deliver(tc_zeek_t *z, tc_zeek_ep_t *e, uint32_t upper)
{
    if (tc_seq_gt(upper, e->r_last))
        e->r_last = upper;
    if ((e->flags & ZE_ABOVE) && tc_seq_leq(e->r_lo, e->r_last)) {
        if (tc_seq_gt(e->r_hi, e->r_last))
            e->r_last = e->r_hi;
        e->flags &= (uint8_t)~ZE_ABOVE;
    }
    /* "We've sent quite a bit of data, yet none of it has been acked":
     * don't hang on to it (tcp_max_initial_window). */
    if (zk_no_data_acked(e) && zk_size(z, e) > ZR_MAX_INITIAL_WINDOW && tc_seq_gt(e->r_last, e->r_trim))
        e->r_trim = e->r_last;
}

static void hold_above(tc_zeek_ep_t *e, uint32_t seq, uint32_t upper)
{
    if (!(e->flags & ZE_ABOVE)) {
        e->r_lo = seq;
        e->r_hi = upper;
        e->flags |= ZE_ABOVE;
        return;
    }
    if (tc_seq_lt(seq, e->r_lo))
        e->r_lo = seq;
    if (tc_seq_gt(upper, e->r_hi))
        e->r_hi = upper;
}

/* TCP_Reassembler::DataSent and Reassembler::NewBlock: payload [seq,
 * seq + len) of the endpoint, relative (1 is the first payload octet). */
void zk_data_sent(tc_zeek_t *z, tc_zeek_ep_t *e, uint32_t seq, uint32_t len)
{
    uint32_t acked = e->ack_seq - e->start_seq, upper = seq + len;

    if (e->flags & ZE_SKIP)
        return;
    if (tc_seq_lt(seq, acked)) {
        if (tc_seq_leq(upper, acked))
            return;             /* "already delivered this and it's been acked" */
        seq = acked;
    }
    if (tc_seq_leq(upper, e->r_trim))
        return;                 /* old data */
    if (tc_seq_lt(seq, e->r_trim))
        seq = e->r_trim;
    if (tc_seq_leq(seq, e->r_last))
        deliver(z, e, upper);
    else
        hold_above(e, seq, upper);
    /* tcp_max_above_hole_without_any_acks: give up on the stream */
    if (zk_no_data_acked(e) && (e->flags & ZE_ABOVE) && (uint32_t)(e->r_hi - e->r_last) > ZR_MAX_ABOVE_HOLE) {
        e->flags |= ZE_SKIP;
        e->flags &= (uint8_t)~ZE_ABOVE;
    }
}

/* TCP_Reassembler::Undelivered: the peer acked up to `upto` beyond what
 * was delivered.  The holes below it are gaps. */
static void undelivered(tc_zeek_t *z, tc_zeek_ep_t *e, uint32_t upto)
{
    /* A partial connection's faked ISN: an ack of 1 or 2 is no gap. */
    if (tc_seq_leq(upto, 2u) && (z->flags & ZF_PARTIAL))
        return;
    if (!(e->flags & ZE_SKIP)) {
        if ((e->flags & ZE_ABOVE) && tc_seq_lt(e->r_lo, upto)) {
            gap(z, e, e->r_lo - e->r_last);
            e->r_last = e->r_lo;
            deliver(z, e, e->r_hi);
        }
        if (tc_seq_gt(upto, e->r_last))
            gap(z, e, upto - e->r_last);
    }
    if (tc_seq_gt(upto, e->r_last))
        e->r_last = upto;
}

/* TCP_Reassembler::AckReceived: the peer acked the endpoint's stream up to
 * `ack` (relative).  A FIN's octet is not stream data. */
void zk_ack_received(tc_zeek_t *z, tc_zeek_ep_t *e, uint32_t ack)
{
    if ((e->flags & ZE_FIN) && tc_seq_geq(ack, e->fin_rel))
        ack = e->fin_rel - 1u;
    if (tc_seq_leq(ack, e->r_trim))
        return;
    if (tc_seq_gt(ack, e->r_last))
        undelivered(z, e, ack);
    if ((e->flags & ZE_ABOVE) && tc_seq_leq(e->r_hi, ack))
        e->flags &= (uint8_t)~ZE_ABOVE;
    e->r_trim = ack;
    zk_check_eof(z, e);
}

/* TCP_Reassembler::CheckEOF: once an endpoint that closed or reset has all
 * its data delivered, a close that was deferred for it goes ahead
 * (TCPSessionAdapter::EndpointEOF). */
void zk_check_eof(tc_zeek_t *z, tc_zeek_ep_t *e)
{
    if (e->flags & ZE_EOF)
        return;
    if (!(e->flags & ZE_FIN) && e->state != ZS_CLOSED && e->state != ZS_RESET)
        return;
    if (zk_data_pending(z, e))
        return;
    e->flags |= ZE_EOF;
    if (z->flags & ZF_CLOSE_DEFERRED) {
        zk_connection_closed(z, e, (z->flags & ZF_DEFERRED_EVENT) != 0);
        z->flags &= (uint8_t)~ZF_CLOSE_DEFERRED;
    }
}
