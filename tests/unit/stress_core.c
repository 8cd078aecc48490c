/* stress_core.c
 * Drives the core and the Zeek module with seeded random segment sequences
 * (mostly plausible connections, with repeats, losses, odd flags and
 * random numbers mixed in) and checks what must hold for any input:
 *   - states, roles, kinds and steps stay within their lists;
 *   - a retry points back to an earlier frame;
 *   - the same sequence stepped again gives the same results (what makes
 *     one pass and two passes agree);
 *   - summaries stay consistent, the Zeek history a bounded string of
 *     Zeek's letters, conn_state a known code.
 * The checks live in invariants.h, shared with tests/fuzz/fuzz_core.c.
 * Usage: stress_core [SEQUENCES [SEED]]
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "invariants.h"

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

/* One failed invariant: counted, and the first few printed. */
static void report(unsigned long seq_no, const tc_segment_t *seg, const char *bad)
{
    if (!bad)
        return;
    if (++failures < 10)
        printf("sequence %lu frame %u: %s\n", seq_no, seg->frame, bad);
}

/* Two streams stepped in lockstep must agree on everything; a new Zeek
 * record starts with each new lifecycle, as the glue does. */
static void run_sequence(unsigned long seq_no, const tc_segment_t *segs, size_t n)
{
    tc_stream_t st[2];
    tc_zeek_t z;
    tc_result_t r[2];
    tc_summary_t ended[2];
    char msg[TC_INV_MSG];

    tc_stream_init(&st[0]);
    tc_stream_init(&st[1]);
    tc_zeek_init(&z);
    for (size_t i = 0; i < n; i++) {
        const tc_segment_t *seg = &segs[i];

        tc_step(&st[0], seg, &r[0], &ended[0]);
        tc_step(&st[1], seg, &r[1], &ended[1]);
        report(seq_no, seg, tc_inv_result(seg, &r[0], msg, sizeof msg));
        report(seq_no, seg, tc_inv_same_result(&r[0], &r[1]) ? NULL
               : "stepping the same segments again gave another result");
        if (r[0].flags & TC_R_NEW_LIFE) {
            report(seq_no, seg, tc_inv_summary(&ended[0], 0, msg, sizeof msg));
            report(seq_no, seg, tc_inv_same_summary(&ended[0], &ended[1]) ? NULL
                   : "stepping the same segments again ended another lifecycle");
            tc_zeek_init(&z);
        }
        report(seq_no, seg, tc_inv_summary(&st[0].sum, seg->frame, msg, sizeof msg));
        tc_zeek_segment(&z, seg, seg->window);
        report(seq_no, seg, tc_inv_zeek(&z, msg, sizeof msg));
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
