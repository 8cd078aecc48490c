/* invariants.h
 * What must hold for any segment sequence stepped through the core and the
 * Zeek module, whatever the capture held.  One copy, used by the seeded
 * stress test (tests/unit/stress_core.c) and the libFuzzer harness
 * (tests/fuzz/fuzz_core.c).
 *
 *     char msg[TC_INV_MSG];
 *     const char *bad = tc_inv_result(&seg, &res, msg, sizeof msg);
 *     if (bad) ... report bad, a sentence naming the broken invariant
 *
 * Every tc_inv_* check returns NULL when the invariant holds.  The
 * tc_inv_same_* functions compare every field: stepping the same segments
 * into a fresh stream must give identical results, which is what makes one
 * pass and two passes of tshark agree.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCPCONN_INVARIANTS_H
#define TCPCONN_INVARIANTS_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "tcpconn_core.h"
#include "tcpconn_zeek.h"
#include "tcpconn_track.h"

#define TC_INV_MSG 160

#define TC_INV(cond, ...) do { \
        if (!(cond)) { snprintf(msg, size, __VA_ARGS__); return msg; } \
    } while (0)

static inline bool tc_inv_dir_or_none(unsigned d)
{
    return d <= 1 || d == TC_DIR_NONE;
}

/* A frame number that is either 0 (none) or inside [first, last]. */
static inline bool tc_inv_frame_within(uint32_t f, uint32_t first, uint32_t last)
{
    return f == 0 || (f >= first && f <= last);
}

/* The result of stepping seg, on its own. */
static inline const char *tc_inv_result(const tc_segment_t *seg, const tc_result_t *r, char *msg, size_t size)
{
    TC_INV(r->after[0] < TC_STATE_COUNT && r->after[1] < TC_STATE_COUNT, "state out of range");
    TC_INV(r->before[0] < TC_STATE_COUNT && r->before[1] < TC_STATE_COUNT, "previous state out of range");
    TC_INV(r->role < TC_ROLE_COUNT, "role out of range");
    TC_INV(tc_inv_dir_or_none(r->client), "client direction %u", r->client);
    TC_INV(r->hs_kind < TC_HS_COUNT && r->td_kind < TC_TD_COUNT && r->rst_kind < TC_RST_COUNT, "kind out of range");
    TC_INV(r->retry_kind < TC_RETRY_COUNT && r->retry_pattern < TC_PATTERN_COUNT, "retry kind or pattern out of range");
    TC_INV(r->hs_check <= TC_CHECK_BAD && r->closer <= TC_CLOSER_PASSIVE, "check or closer out of range");
    TC_INV(r->time_wait <= 3, "time_wait %u", r->time_wait);
    TC_INV(TC_EV_COUNT >= 64 || !(r->events >> (TC_EV_COUNT % 64)), "event bit beyond the list");
    TC_INV(r->hs_step <= 4, "handshake step %u", r->hs_step);
    TC_INV(r->td_step <= 4, "teardown step %u", r->td_step);
    TC_INV(!r->td_step || !tc_td_total(r->td_kind) || r->td_step <= tc_td_total(r->td_kind),
           "teardown step %u of %u", r->td_step, tc_td_total(r->td_kind));
    TC_INV((r->retry_count == 0) == (r->retry_kind == TC_RETRY_NONE), "retry count and kind disagree");
    /* retry_of 0: the original was not captured */
    TC_INV(!r->retry_count || r->retry_of < seg->frame, "retry of frame %u", r->retry_of);
    TC_INV(!r->retry_count || r->retry_of || tc_result_retry_interval_ns(r) < 0 || r->retry_count > 1,
           "first retry of an uncaptured original claims an interval");
    /* one time slot: a frame is never both a timed handshake step and a retry */
    TC_INV(!((r->flags & TC_R_HS_DELAY) && (r->flags & TC_R_RETRY_IV)), "handshake delay and retry interval at once");
    TC_INV(!(r->flags & TC_R_HS_DELAY) || r->hs_step == 2 || r->hs_step == 3,
           "handshake delay on step %u", r->hs_step);
    TC_INV(!(r->flags & TC_R_RETRY_IV) || r->retry_count, "retry interval without a retry");
    TC_INV(r->frame == seg->frame, "result of frame %u for frame %u", r->frame, seg->frame);
    /* a segment without a direction (2) is not judged; the result's dir
     * has room for 0 and 1 only */
    TC_INV(seg->dir > 1 || r->dir == seg->dir, "direction");
    TC_INV(seg->dir <= 1 || r->events == TC_EV_BIT(TC_EV_NOT_JUDGED), "a segment without a direction was judged");
    TC_INV(!(r->flags & TC_R_HS_COMPLETE) || r->hs_step == tc_hs_total(r->hs_kind),
           "handshake completes at step %u of a %s one", r->hs_step, tc_hs_kind_name(r->hs_kind));
    TC_INV(!(r->flags & TC_R_TD_COMPLETE) || (r->td_step && r->td_step == tc_td_total(r->td_kind)),
           "teardown completes at step %u of a %s one", r->td_step, tc_td_kind_name(r->td_kind));
    TC_INV(!r->td_step || r->td_step == 1 || r->td_kind != TC_TD_NONE, "teardown step %u without a kind", r->td_step);
    TC_INV(!(r->events & TC_EV_BIT(TC_EV_HS_STEP)) || r->hs_step, "handshake event without a step");
    TC_INV(!(r->events & TC_EV_BIT(TC_EV_TD_STEP)) == !r->td_step, "teardown event and step disagree");
    TC_INV(!r->time_wait || r->td_kind != TC_TD_NONE, "TIME_WAIT side before the kind is known");
    TC_INV(!(r->flags & TC_R_NEW_LIFE) || (seg->flags & TC_SYN), "a new lifecycle without a SYN");
    for (unsigned ev = 0; ev < TC_EV_COUNT; ev++)
        TC_INV(!(r->events & TC_EV_BIT(ev)) || *tc_event_name(ev), "event %u has no name", ev);
    (void)tc_result_annotated(r);
    return NULL;
}

/* A lifecycle's summary, after a step of frame `frame` (0: not known). */
static inline const char *tc_inv_summary(const tc_summary_t *s, uint32_t frame, char *msg, size_t size)
{
    TC_INV(s->first_frame <= s->last_frame, "summary frames out of order");
    TC_INV(!frame || s->last_frame == frame, "summary last frame %u, stepped %u", s->last_frame, frame);
    TC_INV(tc_inv_frame_within(s->syn_frame, s->first_frame, s->last_frame)
           && tc_inv_frame_within(s->complete_frame, s->first_frame, s->last_frame)
           && tc_inv_frame_within(s->fin_frame, s->first_frame, s->last_frame)
           && tc_inv_frame_within(s->rst_frame, s->first_frame, s->last_frame),
           "summary frame outside its lifecycle (%u..%u: syn %u complete %u fin %u rst %u)",
           s->first_frame, s->last_frame, s->syn_frame, s->complete_frame, s->fin_frame, s->rst_frame);
    TC_INV(s->hs_kind < TC_HS_COUNT && s->td_kind < TC_TD_COUNT && s->rst_kind < TC_RST_COUNT,
           "summary kind out of range");
    TC_INV(s->state[0] < TC_STATE_COUNT && s->state[1] < TC_STATE_COUNT, "summary state out of range");
    TC_INV(tc_inv_dir_or_none(s->rst_dir) && tc_inv_dir_or_none(s->first_closer) && tc_inv_dir_or_none(s->client),
           "summary direction out of range");
    TC_INV(!s->complete_frame || s->hs_kind != TC_HS_NONE, "handshake complete without a kind");
    TC_INV(!s->rst_frame || (s->flags & TC_ST_RESET), "reset frame without a reset");
    TC_INV(!s->rst_frame || s->rst_dir <= 1, "reset frame without its direction");
    TC_INV(!s->fin_frame || s->first_closer <= 1, "first FIN without a closer");
    TC_INV(tc_summary_hs_outcome(s) < TC_HSO_COUNT && tc_summary_td_outcome(s) < TC_TDO_COUNT,
           "outcome out of range");
    TC_INV(*tc_hs_outcome_name(tc_summary_hs_outcome(s)) && *tc_td_outcome_name(tc_summary_td_outcome(s)),
           "outcome without a name");
    TC_INV(tc_summary_time_wait(s) <= 3, "summary time_wait %u", tc_summary_time_wait(s));
    return NULL;
}

/* The Zeek view of a lifecycle after at least one segment. */
static inline const char *tc_inv_zeek(const tc_zeek_t *z, char *msg, size_t size)
{
    static const char *const states[] = {
        "S0", "S1", "SF", "REJ", "S2", "S3", "RSTO", "RSTR", "RSTOS0", "RSTRH", "SH", "SHR", "OTH",
    };
    const char *state = tc_zeek_conn_state(z), *h = tc_zeek_history(z);
    bool known = false;

    for (size_t i = 0; state && i < sizeof states / sizeof states[0]; i++)
        known = known || strcmp(state, states[i]) == 0;
    TC_INV(known, "conn_state %.16s", state ? state : "(null)");
    TC_INV(memchr(h, '\0', TC_ZEEK_HISTORY_SIZE) != NULL, "history not terminated");
    TC_INV(strspn(h, "SsHhAaDdFfRrCcTtWwIiQqGgXx^") == strlen(h), "history letter outside Zeek's: %.40s", h);
    TC_INV(tc_zeek_orig_dir(z) <= 1, "originator direction %u", tc_zeek_orig_dir(z));
    return NULL;
}

static inline bool tc_inv_same_result(const tc_result_t *a, const tc_result_t *b)
{
    return a->events == b->events && a->time_ns == b->time_ns
        && memcmp(&a->retry_backoff, &b->retry_backoff, sizeof a->retry_backoff) == 0
        && a->frame == b->frame && a->retry_of == b->retry_of && a->retry_count == b->retry_count
        && a->hs_syn_retries == b->hs_syn_retries
        && a->dir == b->dir && a->client == b->client && a->role == b->role
        && a->before[0] == b->before[0] && a->before[1] == b->before[1]
        && a->after[0] == b->after[0] && a->after[1] == b->after[1]
        && a->hs_step == b->hs_step && a->hs_kind == b->hs_kind && a->hs_check == b->hs_check
        && a->td_step == b->td_step && a->td_kind == b->td_kind && a->closer == b->closer
        && a->time_wait == b->time_wait && a->rst_kind == b->rst_kind
        && a->retry_kind == b->retry_kind && a->retry_pattern == b->retry_pattern && a->flags == b->flags;
}

static inline bool tc_inv_same_summary(const tc_summary_t *a, const tc_summary_t *b)
{
    return a->first_ns == b->first_ns && a->last_ns == b->last_ns
        && a->first_frame == b->first_frame && a->last_frame == b->last_frame
        && a->syn_frame == b->syn_frame && a->complete_frame == b->complete_frame
        && a->fin_frame == b->fin_frame && a->rst_frame == b->rst_frame
        && a->syn_retries == b->syn_retries && a->synack_retries == b->synack_retries
        && a->fin_retries == b->fin_retries && a->hs_kind == b->hs_kind && a->td_kind == b->td_kind
        && a->rst_kind == b->rst_kind && a->rst_dir == b->rst_dir && a->first_closer == b->first_closer
        && a->client == b->client && a->state[0] == b->state[0] && a->state[1] == b->state[1]
        && a->ep_flags[0] == b->ep_flags[0] && a->ep_flags[1] == b->ep_flags[1] && a->flags == b->flags;
}

static inline bool tc_inv_same_zeek(const tc_zeek_t *a, const tc_zeek_t *b)
{
    return strcmp(tc_zeek_conn_state(a), tc_zeek_conn_state(b)) == 0
        && strcmp(tc_zeek_history(a), tc_zeek_history(b)) == 0
        && tc_zeek_orig_dir(a) == tc_zeek_orig_dir(b);
}

#undef TC_INV

#endif /* TCPCONN_INVARIANTS_H */
