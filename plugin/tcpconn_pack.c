/* tcpconn_pack.c
 * The word code of tcpconn_pack.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "tcpconn_pack.h"

enum { TAG_ZERO = 0, TAG_NEAR = 4 };     /* tags 1-4: literals; 5-7: near words of 1-3 bytes */

#define LARGE 0x10000u                  /* words remembered as recent */

_Static_assert(TC_PACK_RECENT == 8, "a recent word is named by 3 bits");


static unsigned literal_bytes(uint32_t w)
{
    return w < 0x100u ? 1 : w < 0x10000u ? 2 : w < 0x1000000u ? 3 : 4;
}

/* The recent large words are kept by their bits 20-22: the one a word is
 * compared with is the latest with the same bits, most often one a little
 * below or above it (the words about the same ISN, the high halves of
 * times, frame numbers). */
static unsigned slot_of(uint32_t w)
{
    return w >> 20 & (TC_PACK_RECENT - 1);
}

static void remember(uint32_t *recent, uint32_t w)
{
    if (w >= LARGE)
        recent[slot_of(w)] = w;
}

void tc_pack_begin(tc_pack_t *pk, uint8_t *out)
{
    memset(pk, 0, sizeof *pk);
    pk->out = pk->start = out;
}

/* v's 4 bytes, little-endian; the caller keeps those it needs. */
static void put_le(uint8_t *p, uint32_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(p, &v, 4);
#else
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
#endif
}

static void put3(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
}

/* A word of 2 bytes or more: its tag (returned), and its bytes in *v, of
 * which the first *n count. */
static unsigned pack_large(uint32_t *recent, uint32_t w, uint32_t *v, unsigned *n)
{
    unsigned at = slot_of(w), lit = literal_bytes(w), near;
    uint32_t d = w - recent[at];
    uint32_t a = (int32_t)d < 0 ? 0u - d : d;

    /* a near word's delta has 5, 13 or 21 bits; the packer keeps to the
     * ranges with as many numbers above zero as below */
    near = a < 16 ? 1 : a < 4096 ? 2 : a < (1u << 20) ? 3 : 4;
    remember(recent, w);
    if (near < lit) {
        *v = d << 3 | at;
        *n = near;
        return TAG_NEAR + near;
    }
    *v = w;
    *n = lit;
    return lit;
}

/* (In locals: bytes written through pk->out could be pk's own, for all the
 * compiler knows.) */
void tc_pack_words(tc_pack_t *pk, const void *src, size_t bytes)
{
    const uint8_t *p = (const uint8_t *)src;
    uint8_t *out = pk->out, *tags = pk->tags;
    uint32_t group = pk->group, recent[TC_PACK_RECENT];
    unsigned words = pk->words;

    memcpy(recent, pk->recent, sizeof recent);
    for (size_t i = 0; i + 4 <= bytes; i += 4, words++) {
        unsigned slot = words % 8, tag, n;
        uint32_t w, v;

        if (slot == 0) {        /* a new group: its 3 tag bytes come first */
            if (words)
                put3(tags, group);
            tags = out;
            out += 3;
            group = 0;
        }
        memcpy(&w, p + i, 4);
        if (w == 0)
            continue;           /* tag 0 */
        if (w < 0x100u) {
            *out++ = (uint8_t)w;
            group |= 1u << (3 * slot);
            continue;
        }
        tag = pack_large(recent, w, &v, &n);
        put_le(out, v);
        out += n;
        group |= tag << (3 * slot);
    }
    if (words)
        put3(tags, group);      /* the group so far: the next call may add to it */
    pk->out = out;
    pk->tags = tags;
    pk->group = group;
    pk->words = words;
    memcpy(pk->recent, recent, sizeof recent);
}

size_t tc_pack_end(const tc_pack_t *pk)
{
    return (size_t)(pk->out - pk->start);
}

void tc_unpack_begin(tc_unpack_t *up, const uint8_t *in)
{
    memset(up, 0, sizeof *up);
    up->in = in;
}

static uint32_t get_bytes(tc_unpack_t *up, unsigned n)
{
    uint32_t v = 0;

    for (unsigned i = 0; i < n; i++)
        v |= (uint32_t)*up->in++ << (8 * i);
    return v;
}

static uint32_t unpack_word(tc_unpack_t *up)
{
    unsigned tag;
    uint32_t w;

    if (up->words % 8 == 0)
        up->tags = get_bytes(up, 3);
    tag = up->tags >> (up->words % 8 * 3) & 7u;
    if (tag <= TAG_NEAR) {
        w = get_bytes(up, tag);
    } else {
        uint32_t v = get_bytes(up, tag - TAG_NEAR);
        uint32_t sign = 1u << (8 * (tag - TAG_NEAR) - 4);   /* the delta's top bit */
        uint32_t d = ((v >> 3) ^ sign) - sign;

        w = up->recent[v & 7u] + d;
    }
    remember(up->recent, w);
    up->words++;
    return w;
}

void tc_unpack_words(tc_unpack_t *up, void *dst, size_t bytes)
{
    uint8_t *p = (uint8_t *)dst;

    for (size_t i = 0; i + 4 <= bytes; i += 4) {
        uint32_t w = unpack_word(up);

        memcpy(p + i, &w, 4);
    }
}
