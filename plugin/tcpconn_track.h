/* tcpconn_track.h
 * One address and port pair, followed by both views in one call: the
 * core's connections (tcpconn_core.h) and Zeek's records (tcpconn_zeek.h).
 * The glue steps a pair only through tc_track_step(), so the two views see
 * the same packets in the same order and cannot get out of step.
 *
 *     tc_track_t t;
 *     tc_track_init(&t);
 *     for each packet of the pair, in capture order:
 *         tc_track_step(&t, &packet, &out);
 *
 * Pure: no epan, no glib, no allocation.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCPCONN_TRACK_H
#define TCPCONN_TRACK_H

#include "tcpconn_core.h"
#include "tcpconn_zeek.h"
#include "tcpconn_pack.h"

typedef struct tc_track {
    tc_pair_t core;
    tc_zeek_t zeek;
} tc_track_t;

/* One packet: the segment, and what only the Zeek view needs. */
typedef struct tc_packet {
    tc_segment_t seg;
    uint16_t port[2];           /* TCP port of each direction's sender */
    uint32_t ip_len;            /* IPv4 total length, IPv6 payload length + 40 */
    uint8_t  cksum;             /* tc_zeek_cksum_t */
    uint8_t  zflags;            /* TC_ZIN_* */
} tc_packet_t;

typedef struct tc_track_out {
    tc_result_t      res;           /* the core's result */
    tc_zeek_out_t    zeek;          /* the Zeek record the packet belongs to */
    tc_summary_t     conn_ended;    /* res.flags & TC_R_NEW_LIFE: the connection that ended */
    tc_zeek_record_t record_ended;  /* zeek.ended: the record that ended */
} tc_track_out_t;

void tc_track_init(tc_track_t *t);
void tc_track_step(tc_track_t *t, const tc_packet_t *p, tc_track_out_t *out);

/* Both views' state, packed without loss (tcpconn_pack.h) for a pair whose
 * connection has ended: the core's summary first, so that it can be read
 * alone.  out: TC_TRACK_PACKED_MAX bytes; returns the length. */
#define TC_TRACK_PACKED_MAX TC_PACK_MAX(sizeof(tc_track_t))
size_t tc_track_pack(const tc_track_t *t, uint8_t *out);
void tc_track_unpack(const uint8_t *in, tc_track_t *t);
void tc_track_unpack_summary(const uint8_t *in, tc_summary_t *sum);

#endif /* TCPCONN_TRACK_H */
