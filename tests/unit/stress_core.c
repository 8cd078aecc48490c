/* stress_core.c
 * Drives the core and the Zeek module with seeded random segment sequences
 * (mostly plausible connections, with repeats, losses, odd flags and
 * random numbers mixed in) and checks what must hold for any input:
 *   - states, roles, kinds and steps stay within their lists;
 *   - a retry points back to an earlier frame;
 *   - the same sequence stepped again gives the same results (what makes
 *     one pass and two passes agree);
 *   - the Zeek history stays a bounded string, conn_state a known code.
 * Usage: stress_core [SEQUENCES [SEED]]
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcpconn_core.h"
#include "tcpconn_zeek.h"

#define MAX_SEGS 64

static uint64_t rng_state;

static uint32_t rnd(void)
{
    /* xorshift64*: small, seeded, the same on every machine */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * UINT64_C(2685821657736338717)) >> 32);
}

static uint32_t pick(uint32_t n)
{
    return rnd() % n;
}

/* Segments with random direction, flags, numbers and lengths. */
static size_t make_random_sequence(tc_segment_t *segs)
{
    size_t n = 1 + pick(MAX_SEGS - 1);
    int64_t t = 0;

    for (size_t i = 0; i < n; i++) {
        tc_segment_t *s = &segs[i];

        memset(s, 0, sizeof *s);
        s->dir = (uint8_t)pick(2);
        s->flags = (uint8_t)(rnd() & 0x3f);
        s->seq = pick(4) ? rnd() % 64 : rnd();     /* small numbers collide more */
        s->ack = pick(4) ? rnd() % 64 : rnd();
        s->len = pick(3) ? 0 : pick(64);
        s->window = pick(2) ? 0 : 1000;
        t += (int64_t)pick(3000000u);
        s->time_ns = t;
        s->frame = (uint32_t)(i + 1);
    }
    return n;
}

/* One plausible connection, then noise: repeats, drops, odd flags. */
static size_t make_sequence(tc_segment_t *segs)
{
    static const uint8_t script[][2] = {
        { 0, TC_SYN }, { 1, TC_SYN | TC_ACK }, { 0, TC_ACK }, { 0, TC_PSH | TC_ACK },
        { 1, TC_ACK }, { 1, TC_PSH | TC_ACK }, { 0, TC_FIN | TC_ACK }, { 1, TC_ACK },
        { 1, TC_FIN | TC_ACK }, { 0, TC_ACK },
    };
    uint32_t isn[2] = { rnd(), rnd() }, nxt[2];
    size_t n = 0;
    int64_t t = 0;

    nxt[0] = isn[0];
    nxt[1] = isn[1];
    for (size_t i = 0; i < sizeof script / sizeof script[0] && n < MAX_SEGS - 2; i++) {
        int repeats = pick(8) == 0 ? 1 + (int)pick(3) : 1;

        if (pick(10) == 0)
            continue;                       /* lost before the capture point */
        for (int r = 0; r < repeats; r++) {
            tc_segment_t *s = &segs[n++];
            uint8_t d = script[i][0];

            memset(s, 0, sizeof *s);
            s->dir = pick(20) == 0 ? (uint8_t)(d ^ 1u) : d;
            s->flags = pick(25) == 0 ? (uint8_t)(rnd() & 0x3f) : script[i][1];
            s->seq = pick(30) == 0 ? rnd() : nxt[s->dir];
            s->ack = pick(30) == 0 ? rnd() : nxt[s->dir ^ 1u] + (pick(2) ? 0u : 1u);
            s->len = (s->flags & TC_PSH) ? 1 + pick(1400) : (pick(40) == 0 ? pick(3) : 0);
            s->window = pick(15) == 0 ? 0 : 65535;
            t += (int64_t)pick(2000000000u);
            s->time_ns = t;
            s->frame = (uint32_t)n;
            if (r == repeats - 1)
                nxt[s->dir] += s->len + ((s->flags & (TC_SYN | TC_FIN)) ? 1u : 0u);
        }
    }
    return n;
}

static int failures;

#define CHECK(cond, ...) do { if (!(cond)) { failures++; if (failures < 10) { \
    printf("sequence %lu frame %u: ", seq_no, seg->frame); printf(__VA_ARGS__); printf("\n"); } } } while (0)

static void check_result(unsigned long seq_no, const tc_segment_t *seg, const tc_result_t *r)
{
    CHECK(r->after[0] < TC_STATE_COUNT && r->after[1] < TC_STATE_COUNT, "state out of range");
    CHECK(r->role < TC_ROLE_COUNT, "role out of range");
    CHECK(r->hs_kind < TC_HS_COUNT && r->td_kind < TC_TD_COUNT && r->rst_kind < TC_RST_COUNT, "kind out of range");
    CHECK(r->hs_step <= 4, "handshake step %u", r->hs_step);
    CHECK(r->td_step <= 4, "teardown step %u", r->td_step);
    CHECK(!r->td_step || !tc_td_total(r->td_kind) || r->td_step <= tc_td_total(r->td_kind),
          "teardown step %u of %u", r->td_step, tc_td_total(r->td_kind));
    CHECK((r->retry_count == 0) == (r->retry_kind == TC_RETRY_NONE), "retry count and kind disagree");
    /* retry_of 0: the original was not captured */
    CHECK(!r->retry_count || r->retry_of < seg->frame, "retry of frame %u", r->retry_of);
    CHECK(!r->retry_count || r->retry_of || tc_result_retry_interval_ns(r) < 0 || r->retry_count > 1,
          "first retry of an uncaptured original claims an interval");
    CHECK(r->dir == seg->dir, "direction");
    CHECK(!(r->flags & TC_R_HS_COMPLETE) || r->hs_step == tc_hs_total(r->hs_kind),
          "handshake completes at step %u of a %s one", r->hs_step, tc_hs_kind_name(r->hs_kind));
    CHECK(!(r->flags & TC_R_TD_COMPLETE) || (r->td_step && r->td_step == tc_td_total(r->td_kind)),
          "teardown completes at step %u of a %s one", r->td_step, tc_td_kind_name(r->td_kind));
    CHECK(!r->td_step || r->td_step == 1 || r->td_kind != TC_TD_NONE, "teardown step %u without a kind", r->td_step);
    CHECK(!(r->events & TC_EV_BIT(TC_EV_HS_STEP)) || r->hs_step, "handshake event without a step");
    CHECK(!(r->events & TC_EV_BIT(TC_EV_TD_STEP)) == !r->td_step, "teardown event and step disagree");
    CHECK(!r->time_wait || r->td_kind != TC_TD_NONE, "TIME_WAIT side before the kind is known");
}

static int same_result(const tc_result_t *a, const tc_result_t *b)
{
    return a->events == b->events && a->hs_step == b->hs_step && a->td_step == b->td_step
        && a->hs_kind == b->hs_kind && a->td_kind == b->td_kind && a->rst_kind == b->rst_kind
        && a->after[0] == b->after[0] && a->after[1] == b->after[1] && a->retry_count == b->retry_count
        && a->flags == b->flags && a->time_ns == b->time_ns && a->frame == b->frame;
}

/* The Zeek module on the same segments: records are numbered 1, 2 ... one
 * packet at a time, and a record that ends is well-formed. */
static void zeek_packet(unsigned long seq_no, tc_zeek_t *z, const tc_segment_t *seg)
{
    unsigned before = tc_zeek_record_number(z);
    tc_zeek_in_t in = { seg, { 40000, 80 }, 40u + seg->len, (uint8_t)(seg->len % 3), 0 };
    tc_zeek_out_t out;
    tc_zeek_record_t ended;

    tc_zeek_packet(z, NULL, &in, &out, &ended);
    CHECK(out.record == tc_zeek_record_number(z), "record number");
    CHECK(out.record == before + (out.started ? 1u : 0u), "records numbered one by one");
    CHECK(!out.ended || (before && ended.conn_state < TC_ZEEK_STATE_COUNT && ended.orig_dir <= 1 &&
                         memchr(ended.history, '\0', sizeof ended.history)), "ended record");
    (void)seq_no;
}

static void run_sequence(unsigned long seq_no, const tc_segment_t *segs, size_t n)
{
    tc_pair_t st[2];
    tc_zeek_t z;
    tc_result_t r[2];

    tc_pair_init(&st[0]);
    tc_pair_init(&st[1]);
    tc_zeek_init(&z);
    for (size_t i = 0; i < n; i++) {
        const tc_segment_t *seg = &segs[i];
        const char *state;

        tc_step(&st[0], seg, &r[0], NULL);
        tc_step(&st[1], seg, &r[1], NULL);
        check_result(seq_no, seg, &r[0]);
        CHECK(same_result(&r[0], &r[1]), "stepping the same segments again gave another result");
        zeek_packet(seq_no, &z, seg);
        state = tc_zeek_conn_state(&z);
        CHECK(state && strlen(state) >= 2 && strlen(state) <= 6, "conn_state");
        CHECK(strlen(tc_zeek_history(&z)) < TC_ZEEK_HISTORY_SIZE, "history length");
        CHECK(tc_summary_hs_outcome(&st[0].sum) < TC_HSO_COUNT && tc_summary_td_outcome(&st[0].sum) < TC_TDO_COUNT,
              "outcome out of range");
        CHECK(st[0].sum.first_frame <= st[0].sum.last_frame, "summary frames out of order");
    }
}

int main(int argc, char **argv)
{
    unsigned long sequences = argc > 1 ? strtoul(argv[1], NULL, 10) : 20000;
    unsigned long seed = argc > 2 ? strtoul(argv[2], NULL, 10) : 1;
    unsigned long segments = 0;
    tc_segment_t segs[MAX_SEGS];

    rng_state = seed * UINT64_C(0x9E3779B97F4A7C15) + 1;
    for (unsigned long s = 0; s < sequences; s++) {
        size_t n = s % 5 == 4 ? make_random_sequence(segs) : make_sequence(segs);

        run_sequence(s, segs, n);
        segments += n;
    }
    printf("%s: %lu sequences, %lu segments, %d failed checks\n",
           failures ? "FAIL" : "ok", sequences, segments, failures);
    return failures ? 1 : 0;
}
