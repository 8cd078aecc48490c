/* test_pack.c
 * The word code of tcpconn_pack.h:
 *   - one short run against bytes worked out by hand (each tag once, the
 *     near word's index and negative delta);
 *   - deltas at the edges of each near size, packed to the size the
 *     header's table gives;
 *   - seeded random runs (zeros, small numbers, numbers near earlier ones,
 *     anything), written in pieces of random size, read back the same and
 *     never longer than TC_PACK_MAX.
 * The packed state of whole connections is checked by stress_core, which
 * steps a copy that is packed and unpacked before every segment.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcpconn_pack.h"

static int failures;

static void fail(const char *what, unsigned long n)
{
    if (++failures < 10)
        printf("FAIL %s (%lu)\n", what, n);
}

static size_t pack(const uint32_t *w, size_t n, uint8_t *out)
{
    tc_pack_t pk;

    tc_pack_begin(&pk, out);
    tc_pack_words(&pk, w, n * 4);
    return tc_pack_end(&pk);
}

static void known_bytes(void)
{
    static const uint32_t w[] = { 0, 5, 0x12345678u, 0x12345679u, 0x12345600u, 300 };
    /* tags 0 1 4 5 6 2 in 3 bits each: 0x016b08; then 05 | 78 56 34 12 |
     * table entry 3 (bits 20-22 of 0x12345678) + 1: 1 << 3 | 3 | entry 3,
     * now 0x12345679, - 121: (-121 << 3 | 3) in 2 bytes | 300 in 2 bytes */
    static const uint8_t want[] = { 0x08, 0x6b, 0x01, 0x05, 0x78, 0x56, 0x34, 0x12, 0x0b, 0x3b, 0xfc, 0x2c, 0x01 };
    uint8_t out[TC_PACK_MAX(sizeof w)];
    size_t len = pack(w, 6, out);

    if (len != sizeof want || memcmp(out, want, len) != 0) {
        fail("known bytes", len);
        for (size_t i = 0; i < len; i++)
            printf(" %02x", out[i]);
        printf("\n");
    }
}

/* A large word in the middle of its table entry's 2^20 numbers, then one
 * d after it: 3 tag bytes + 4 + the near word (the packer keeps to
 * |d| < 16, 4096, 2^20; a word 2^20 away is in another entry). */
static void near_edges(void)
{
    static const struct { int32_t d; size_t bytes; } edge[] = {
        { 0, 1 }, { 15, 1 }, { -15, 1 }, { 16, 2 }, { -16, 2 }, { 4095, 2 }, { -4095, 2 },
        { 4096, 3 }, { -4096, 3 }, { (1 << 19) - 1, 3 }, { -(1 << 19), 3 }, { 1 << 20, 4 }, { -(1 << 20), 4 },
    };

    for (size_t i = 0; i < sizeof edge / sizeof edge[0]; i++) {
        uint32_t w[2] = { 0x80480000u, 0x80480000u + (uint32_t)edge[i].d }, back[2];
        uint8_t out[TC_PACK_MAX(sizeof w)];
        tc_unpack_t up;

        if (pack(w, 2, out) != 3 + 4 + edge[i].bytes)
            fail("near word size", i);
        tc_unpack_begin(&up, out);
        tc_unpack_words(&up, back, sizeof back);
        if (memcmp(w, back, sizeof w) != 0)
            fail("near word read back", i);
    }
}

static uint64_t rng_state = 0x2545F4914F6CDD1Dull;

static uint32_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * UINT64_C(2685821657736338717)) >> 32);
}

static uint32_t random_word(const uint32_t *w, size_t i)
{
    switch (rnd() % 6) {
    case 0: case 1: return 0;
    case 2: return rnd() % 300;
    case 3: return i ? w[rnd() % i] + (rnd() % 4096) - 2048 : rnd();
    case 4: return i ? w[rnd() % i] + (rnd() % (1u << 22)) - (1u << 21) : rnd();
    default: return rnd();
    }
}

#define MAXW 256

static void random_runs(unsigned long runs)
{
    for (unsigned long r = 0; r < runs; r++) {
        uint32_t w[MAXW], back[MAXW];
        uint8_t out[TC_PACK_MAX(sizeof w)];
        size_t n = 1 + rnd() % MAXW, len;
        tc_pack_t pk;
        tc_unpack_t up;

        for (size_t i = 0; i < n; i++)
            w[i] = random_word(w, i);
        tc_pack_begin(&pk, out);
        for (size_t i = 0; i < n;) {
            size_t k = 1 + rnd() % (n - i);

            tc_pack_words(&pk, w + i, k * 4);
            i += k;
        }
        len = tc_pack_end(&pk);
        if (len > TC_PACK_MAX(n * 4))
            fail("longer than TC_PACK_MAX", r);
        memset(back, 0xa5, sizeof back);
        tc_unpack_begin(&up, out);
        for (size_t i = 0; i < n;) {
            size_t k = 1 + rnd() % (n - i);

            tc_unpack_words(&up, back + i, k * 4);
            i += k;
        }
        if (memcmp(w, back, n * 4) != 0)
            fail("read back", r);
        if ((size_t)(up.in - out) != len)
            fail("read another length than was written", r);
    }
}

int main(int argc, char **argv)
{
    unsigned long runs = argc > 1 ? strtoul(argv[1], NULL, 10) : 100000;

    known_bytes();
    near_edges();
    random_runs(runs);
    printf("%s: %lu random runs, %d failed checks\n", failures ? "FAIL" : "ok", runs, failures);
    return failures ? 1 : 0;
}
