/* tcpconn_seq.h
 * Wrap-safe sequence number comparison (RFC 9293 section 3.4: "all
 * arithmetic dealing with sequence numbers must be performed modulo 2**32").
 * a < b when b lies in the 2^31 numbers after a.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCPCONN_SEQ_H
#define TCPCONN_SEQ_H

#include <stdbool.h>
#include <stdint.h>

static inline bool tc_seq_lt(uint32_t a, uint32_t b)  { return (int32_t)(a - b) < 0; }
static inline bool tc_seq_leq(uint32_t a, uint32_t b) { return (int32_t)(a - b) <= 0; }
static inline bool tc_seq_gt(uint32_t a, uint32_t b)  { return (int32_t)(a - b) > 0; }
static inline bool tc_seq_geq(uint32_t a, uint32_t b) { return (int32_t)(a - b) >= 0; }

/* lo <= x < hi, modulo 2^32 */
static inline bool tc_seq_between(uint32_t x, uint32_t lo, uint32_t hi)
{
    return (uint32_t)(x - lo) < (uint32_t)(hi - lo);
}

#endif /* TCPCONN_SEQ_H */
