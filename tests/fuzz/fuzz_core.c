/* fuzz_core.c
 * libFuzzer harness for the pure core and the Zeek module.  The fuzzer's
 * bytes decode into the segments of one TCP stream (one address and port
 * pair, as the glue keys it); each segment is stepped through tc_step() and
 * the current connection's tc_zeek_t, a fresh one after every TC_R_NEW_LIFE,
 * as packet-tcpconn.c does.  The invariants of tests/unit/invariants.h are
 * checked after every step, then the same segments are replayed into a fresh
 * stream and must give identical results, summaries and Zeek records.  Any
 * violation aborts, so libFuzzer saves the input.
 *
 * Build and run: tests/fuzz/run-fuzz.sh SECONDS.  Without libFuzzer (gcc),
 * tests/fuzz/replay_main.c runs the same function over saved inputs.
 *
 * Input: records, decoded until the bytes run out (a record cut short is
 * dropped) or FUZZ_MAX_SEGS are read.  Little-endian throughout.
 *   ctl     1 byte: bits 0-5 TCP flags (FIN SYN RST PSH ACK URG),
 *           bit 6 direction, bit 7 an ext byte follows
 *   [ext]   1 byte: optional fields present, in this order after it:
 *           0x80 ext2 byte: 0x01 frame gap (u8: frame numbers skipped),
 *                           0x02 direction 2 (no direction: tc_step only),
 *                           0x04 absolute time (i64 ns) instead of a step
 *           0x01 seq: u32 raw         (else the sender's next sequence number)
 *           0x02 seq delta: i8        (added to the seq above)
 *           0x04 ack: u32 raw         (else with ACK the peer's next number, else 0)
 *           0x08 ack delta: i8
 *           0x10 len: u32             (else len is 1 byte)
 *           0x20 time step: i32 us    (signed; else a 1-byte time code)
 *           0x40 window: u16          (else 65535)
 *   len     1 byte, unless ext 0x10
 *   time    1 byte, unless ext 0x20 or ext2 0x04: the step is
 *           (code & 31) * 10^(code >> 5) * 100 ns (0 to 31 s)
 * The fields then follow in the order ext2, seq, seq delta, ack, ack delta,
 * len, time, window, frame gap.  A direction's next sequence number is the
 * end (seq + len + SYN + FIN) of its latest non-RST segment; both start at 0.
 * tests/fuzz/pcap2seed.py writes this format from a capture.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "invariants.h"

#define FUZZ_MAX_SEGS 2048
#define FUZZ_BASE_NS  INT64_C(1704067200000000000)   /* 2024-01-01, as the crafted captures */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Set by replay_main.c's -p: print each decoded segment and its result. */
int fuzz_core_print;

typedef struct reader {
    const uint8_t *p, *end;
    int short_read;
} reader_t;

static uint64_t take(reader_t *r, unsigned n)
{
    uint64_t v = 0;

    if ((size_t)(r->end - r->p) < n) {
        r->short_read = 1;
        r->p = r->end;
        return 0;
    }
    for (unsigned i = 0; i < n; i++)
        v |= (uint64_t)r->p[i] << (8 * i);
    r->p += n;
    return v;
}

static int64_t time_code(uint8_t code)
{
    int64_t step = (int64_t)(code & 31) * 100;

    for (unsigned e = code >> 5; e > 0; e--)
        step *= 10;
    return step;
}

typedef struct decoder {
    uint32_t next[2];
    int64_t  now_ns;
    uint32_t frame;
} decoder_t;

/* One record into *seg; 0 when the input is used up. */
static int decode_one(reader_t *r, decoder_t *d, tc_segment_t *seg)
{
    uint8_t ctl, ext = 0, ext2 = 0;
    uint32_t seq, ack;
    int64_t step;

    if (r->p >= r->end)
        return 0;
    ctl = (uint8_t)take(r, 1);
    if (ctl & 0x80)
        ext = (uint8_t)take(r, 1);
    if (ext & 0x80)
        ext2 = (uint8_t)take(r, 1);
    memset(seg, 0, sizeof *seg);
    seg->flags = ctl & 0x3f;
    seg->dir = (ext2 & 0x02) ? 2 : (uint8_t)((ctl >> 6) & 1);
    seq = (ext & 0x01) ? (uint32_t)take(r, 4) : d->next[seg->dir & 1];
    if (ext & 0x02)
        seq += (uint32_t)(int32_t)(int8_t)take(r, 1);
    ack = (ext & 0x04) ? (uint32_t)take(r, 4) : (seg->flags & TC_ACK) ? d->next[(seg->dir & 1) ^ 1] : 0;
    if (ext & 0x08)
        ack += (uint32_t)(int32_t)(int8_t)take(r, 1);
    seg->seq = seq;
    seg->ack = ack;
    seg->len = (ext & 0x10) ? (uint32_t)take(r, 4) : (uint32_t)take(r, 1);
    if (ext2 & 0x04)
        d->now_ns = (int64_t)take(r, 8);
    else {
        step = (ext & 0x20) ? (int64_t)(int32_t)take(r, 4) * 1000 : time_code((uint8_t)take(r, 1));
        d->now_ns = (int64_t)((uint64_t)d->now_ns + (uint64_t)step);   /* wraps, no overflow */
    }
    seg->window = (ext & 0x40) ? (uint32_t)take(r, 2) : 65535u;
    if (ext2 & 0x01)
        d->frame += (uint32_t)take(r, 1);
    if (r->short_read)
        return 0;
    seg->time_ns = d->now_ns;
    seg->frame = ++d->frame;
    if (seg->dir <= 1 && !(seg->flags & TC_RST))
        d->next[seg->dir] = seg->seq + seg->len + ((seg->flags & TC_SYN) ? 1u : 0u)
                            + ((seg->flags & TC_FIN) ? 1u : 0u);
    return 1;
}

static size_t decode(const uint8_t *data, size_t size, tc_segment_t *segs, size_t max)
{
    reader_t r = { data, data + size, 0 };
    decoder_t d = { { 0, 0 }, FUZZ_BASE_NS, 0 };
    size_t n = 0;

    while (n < max && decode_one(&r, &d, &segs[n]))
        n++;
    return n;
}

static void fail(size_t i, const tc_segment_t *seg, const char *what)
{
    fprintf(stderr, "fuzz_core: segment %zu (frame %u, dir %u, flags 0x%02x, seq %u, ack %u, len %u, t %lld): %s\n",
            i, seg->frame, seg->dir, seg->flags, seg->seq, seg->ack, seg->len, (long long)seg->time_ns, what);
    abort();
}

static void print_step(const tc_segment_t *seg, const tc_result_t *res, const tc_pair_t *st, const tc_zeek_t *z)
{
    printf("#%u dir %u flags 0x%02x seq %u ack %u len %u win %u t %lld | life %u %s/%s",
           seg->frame, seg->dir, seg->flags, seg->seq, seg->ack, seg->len, seg->window,
           (long long)seg->time_ns, st->lifecycle, tc_state_name(res->after[0]), tc_state_name(res->after[1]));
    for (unsigned ev = 0; ev < TC_EV_COUNT; ev++)
        if (res->events & TC_EV_BIT(ev))
            printf(" %s", tc_event_name(ev));
    printf(" | record %u %s %s\n", tc_zeek_record_number(z), tc_zeek_conn_state(z), tc_zeek_history(z));
}

static void check(size_t i, const tc_segment_t *seg, const char *bad)
{
    if (bad)
        fail(i, seg, bad);
}

/* What one run over the segments gave, kept to compare with the replay. */
typedef struct outcome {
    tc_result_t  res[FUZZ_MAX_SEGS];
    tc_summary_t ended[FUZZ_MAX_SEGS];      /* valid where res has TC_R_NEW_LIFE */
    tc_zeek_t    zeek[FUZZ_MAX_SEGS];       /* the pair's Zeek view after the step */
    tc_summary_t last;                      /* the stream's summary at the end */
} outcome_t;

static outcome_t runs[2];

/* Steps every segment into a fresh pair, both views in one call as the
 * glue does on its first pass; with check set, asserts the invariants
 * after each step. */
static void run(const tc_segment_t *segs, size_t n, outcome_t *out, int check_each)
{
    static tc_track_t t;
    tc_pair_t *const st_p = &t.core;
    const tc_zeek_t *z = &t.zeek;
    char msg[TC_INV_MSG];
    uint16_t life = 1;

    tc_track_init(&t);
    for (size_t i = 0; i < n; i++) {
        const tc_segment_t *seg = &segs[i];
        tc_result_t *res = &out->res[i];
        tc_packet_t p = { *seg, { 40000, 80 }, 40u + seg->len, (uint8_t)(seg->len % 3), 0 };
        tc_track_out_t step;

        memset(&out->ended[i], 0, sizeof out->ended[i]);
        if (seg->dir > 1) {     /* the glue marks such frames and steps nothing */
            tc_step(st_p, seg, res, &out->ended[i]);
            out->zeek[i] = *z;
            if (check_each)
                check(i, seg, tc_inv_result(seg, res, msg, sizeof msg));
            continue;
        }
        tc_track_step(&t, &p, &step);
        *res = step.res;
        out->ended[i] = step.conn_ended;
        out->zeek[i] = *z;
        if (check_each && fuzz_core_print)
            print_step(seg, res, st_p, z);
        if (!check_each)
            continue;
        check(i, seg, tc_inv_result(seg, res, msg, sizeof msg));
        check(i, seg, tc_inv_summary(&st_p->sum, seg->frame, msg, sizeof msg));
        if (res->flags & TC_R_NEW_LIFE) {
            check(i, seg, tc_inv_summary(&out->ended[i], 0, msg, sizeof msg));
            if (out->ended[i].last_frame >= seg->frame)
                fail(i, seg, "the ended lifecycle's last frame is not before the new one's first");
            if (st_p->sum.first_frame != seg->frame)
                fail(i, seg, "the new lifecycle does not start at its first frame");
            life++;
        }
        if (st_p->lifecycle != life)
            fail(i, seg, "lifecycle number does not count the new lifecycles");
        if (res->client != st_p->sum.client || res->after[0] != st_p->sum.state[0] || res->after[1] != st_p->sum.state[1])
            fail(i, seg, "result and summary disagree on the client or the states");
        check(i, seg, tc_inv_zeek(z, msg, sizeof msg));
    }
    out->last = st_p->sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static tc_segment_t segs[FUZZ_MAX_SEGS];
    size_t n = decode(data, size, segs, FUZZ_MAX_SEGS);

    run(segs, n, &runs[0], 1);
    run(segs, n, &runs[1], 0);
    for (size_t i = 0; i < n; i++) {
        if (!tc_inv_same_result(&runs[0].res[i], &runs[1].res[i]))
            fail(i, &segs[i], "replaying the same segments gave another result");
        if ((runs[0].res[i].flags & TC_R_NEW_LIFE) && !tc_inv_same_summary(&runs[0].ended[i], &runs[1].ended[i]))
            fail(i, &segs[i], "replaying the same segments ended another lifecycle summary");
        if (!tc_inv_same_zeek(&runs[0].zeek[i], &runs[1].zeek[i]))
            fail(i, &segs[i], "replaying the same segments gave another Zeek record");
    }
    if (n && !tc_inv_same_summary(&runs[0].last, &runs[1].last))
        fail(n - 1, &segs[n - 1], "replaying the same segments gave another final summary");
    return 0;
}
