/* tcpconn_track.c
 * Both views of a pair, stepped together (tcpconn_track.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stddef.h>
#include <string.h>

#include "tcpconn_track.h"

void tc_track_init(tc_track_t *t)
{
    tc_pair_init(&t->core);
    tc_zeek_init(&t->zeek);
}

void tc_track_step(tc_track_t *t, const tc_packet_t *p, tc_track_out_t *out)
{
    tc_zeek_in_t in;

    tc_step(&t->core, &p->seg, &out->res, &out->conn_ended);
    in.seg = &p->seg;
    in.port[0] = p->port[0];
    in.port[1] = p->port[1];
    in.ip_len = p->ip_len;
    in.cksum = p->cksum;
    in.flags = p->zflags;
    tc_zeek_packet(&t->zeek, NULL, &in, &out->zeek, &out->record_ended);
}

/* The summary, then the rest of the state in order. */
#define SUM_AT  offsetof(tc_track_t, core.sum)
#define SUM_END (SUM_AT + sizeof(tc_summary_t))
_Static_assert(SUM_AT % 4 == 0 && SUM_END % 4 == 0 && sizeof(tc_track_t) % 4 == 0,
               "the state is packed in whole words");

size_t tc_track_pack(const tc_track_t *t, uint8_t *out)
{
    const uint8_t *b = (const uint8_t *)t;
    tc_pack_t pk;

    tc_pack_begin(&pk, out);
    tc_pack_words(&pk, b + SUM_AT, SUM_END - SUM_AT);
    tc_pack_words(&pk, b, SUM_AT);
    tc_pack_words(&pk, b + SUM_END, sizeof *t - SUM_END);
    return tc_pack_end(&pk);
}

void tc_track_unpack(const uint8_t *in, tc_track_t *t)
{
    uint8_t *b = (uint8_t *)t;
    tc_unpack_t up;

    tc_unpack_begin(&up, in);
    tc_unpack_words(&up, b + SUM_AT, SUM_END - SUM_AT);
    tc_unpack_words(&up, b, SUM_AT);
    tc_unpack_words(&up, b + SUM_END, sizeof *t - SUM_END);
}

void tc_track_unpack_summary(const uint8_t *in, tc_summary_t *sum)
{
    tc_unpack_t up;

    tc_unpack_begin(&up, in);
    tc_unpack_words(&up, sum, sizeof *sum);
}
