/* tcpconn_track.c
 * Both views of a pair, stepped together (tcpconn_track.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
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
