/* stress_core.c
 * Drives the core and the Zeek module with seeded random segment sequences
 * (mostly plausible connections, with repeats, losses, odd flags and
 * random numbers mixed in) and checks what must hold for any input:
 *   - states, roles, kinds and steps stay within their lists;
 *   - a retry points back to an earlier frame;
 *   - the same sequence stepped again gives the same results (what makes
 *     one pass and two passes agree), also when the state is packed and
 *     unpacked before every segment (as the glue packs a closed one);
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

/* Two pairs stepped in lockstep, both views through tc_track_step() as
 * the glue steps them, must agree on everything. */
static void check_zeek(unsigned long seq_no, const tc_segment_t *seg, const tc_track_t *t,
                       const tc_track_out_t *out, unsigned before)
{
    char msg[TC_INV_MSG];

    report(seq_no, seg, tc_inv_zeek(&t->zeek, msg, sizeof msg));
    report(seq_no, seg, out->zeek.record == tc_zeek_record_number(&t->zeek) ? NULL : "record number");
    report(seq_no, seg, out->zeek.record == before + (out->zeek.started ? 1u : 0u) ? NULL
           : "records numbered one by one");
    report(seq_no, seg, !out->zeek.ended || (before && out->record_ended.conn_state < TC_ZEEK_STATE_COUNT
                                             && out->record_ended.orig_dir <= 1
                                             && memchr(out->record_ended.history, '\0', TC_ZEEK_HISTORY_SIZE))
           ? NULL : "ended record");
}

/* The second pair is packed and unpacked before every step, as the glue
 * packs a closed connection's state and a late packet wakes it: it must
 * come back byte for byte, its summary alone too, and step on the same. */
static void repack(unsigned long seq_no, const tc_segment_t *seg, tc_track_t *t)
{
    uint8_t packed[TC_TRACK_PACKED_MAX];
    tc_track_t back;
    tc_summary_t sum;
    size_t len = tc_track_pack(t, packed);

    memset(&back, 0x5a, sizeof back);
    tc_track_unpack(packed, &back);
    tc_track_unpack_summary(packed, &sum);
    report(seq_no, seg, len <= TC_TRACK_PACKED_MAX ? NULL : "packed state too long");
    report(seq_no, seg, memcmp(&back, t, sizeof back) == 0 ? NULL : "packed state read back another");
    report(seq_no, seg, memcmp(&sum, tc_pair_summary(&t->core), sizeof sum) == 0 ? NULL
           : "packed summary read back another");
    *t = back;
}

static void run_sequence(unsigned long seq_no, const tc_segment_t *segs, size_t n)
{
    tc_track_t t[2];
    tc_track_out_t out[2];
    char msg[TC_INV_MSG];

    tc_track_init(&t[0]);
    tc_track_init(&t[1]);
    for (size_t i = 0; i < n; i++) {
        tc_packet_t p = { segs[i], { 40000, 80 }, 40u + segs[i].len, (uint8_t)(segs[i].len % 3), 0 };
        const tc_segment_t *seg = &segs[i];
        unsigned before = tc_zeek_record_number(&t[0].zeek);

        if (seg->dir > 1)
            continue;       /* the glue marks such frames and steps nothing */
        repack(seq_no, seg, &t[1]);
        tc_track_step(&t[0], &p, &out[0]);
        tc_track_step(&t[1], &p, &out[1]);
        report(seq_no, seg, tc_inv_result(seg, &out[0].res, msg, sizeof msg));
        report(seq_no, seg, tc_inv_same_result(&out[0].res, &out[1].res) ? NULL
               : "stepping the same segments again gave another result");
        if (out[0].res.flags & TC_R_NEW_LIFE) {
            report(seq_no, seg, tc_inv_summary(&out[0].conn_ended, 0, msg, sizeof msg));
            report(seq_no, seg, tc_inv_same_summary(&out[0].conn_ended, &out[1].conn_ended) ? NULL
                   : "stepping the same segments again ended another lifecycle");
        }
        report(seq_no, seg, tc_inv_summary(&t[0].core.sum, seg->frame, msg, sizeof msg));
        check_zeek(seq_no, seg, &t[0], &out[0], before);
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
