/* tcpconn_pack.h
 * A small lossless code for runs of 32-bit words, for the state of a
 * connection that has ended and is kept only to be read, or woken by a
 * late packet.  Such a state is mostly zero words, small numbers, and
 * numbers near one seen a few words before (sequence numbers near the ISN,
 * times with the same high half, frame numbers near each other), so each
 * word is written as one of:
 *
 *     tag  bytes  the word is
 *     0    0      zero
 *     1-4  1-4    itself, in that many bytes (little-endian)
 *     5    1      a recent large word + a delta of 5 bits
 *     6    2      a recent large word + a delta of 13 bits
 *     7    3      a recent large word + a delta of 21 bits
 *
 * The recent large words are a table of TC_PACK_RECENT: a word at or
 * above 2^16, however it was written, replaces the one with the same bits
 * 20-22, and a near word names its table entry in the low 3 bits of its
 * bytes, the signed delta above them.  Every 8 words have their 3-bit
 * tags in 3 bytes ahead of their bytes, so words can be read from the
 * start without knowing how many follow.  All is little-endian.
 *
 *     tc_pack_t pk;
 *     tc_pack_begin(&pk, buf);            (buf: TC_PACK_MAX(bytes) bytes)
 *     tc_pack_words(&pk, &a, sizeof a);   (any number of times)
 *     len = tc_pack_end(&pk);
 *
 *     tc_unpack_t up;
 *     tc_unpack_begin(&up, buf);
 *     tc_unpack_words(&up, &a, sizeof a); (the same sizes, in the same order)
 *
 * Pure: no epan, no glib, no allocation.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCPCONN_PACK_H
#define TCPCONN_PACK_H

#include <stddef.h>
#include <stdint.h>

#define TC_PACK_RECENT 8u

/* The room packing `bytes` bytes (a multiple of 4) needs: at most 4 bytes
 * for each word and 3 for each 8, and 3 to spare (each word and each tag
 * group is written as 4 bytes, of which only those it needs are kept). */
#define TC_PACK_MAX(bytes) ((bytes) + ((bytes) / 4u + 7u) / 8u * 3u + 3u)

typedef struct tc_pack {
    uint8_t *out;               /* the next byte to write */
    uint8_t *tags;              /* the tag bytes of the current group of 8 words */
    uint8_t *start;
    uint32_t group;             /* its tags so far */
    unsigned words;             /* words written */
    uint32_t recent[TC_PACK_RECENT];
} tc_pack_t;

typedef struct tc_unpack {
    const uint8_t *in;
    uint32_t tags;              /* the tags of the current group, 3 bits each */
    unsigned words;
    uint32_t recent[TC_PACK_RECENT];
} tc_unpack_t;

void   tc_pack_begin(tc_pack_t *pk, uint8_t *out);
/* bytes: a multiple of 4; src needs no alignment. */
void   tc_pack_words(tc_pack_t *pk, const void *src, size_t bytes);
/* The length of what was written. */
size_t tc_pack_end(const tc_pack_t *pk);

void   tc_unpack_begin(tc_unpack_t *up, const uint8_t *in);
void   tc_unpack_words(tc_unpack_t *up, void *dst, size_t bytes);

#endif /* TCPCONN_PACK_H */
