/* tcpconn_zeek.h
 * Zeek's conn.log view of one TCP connection, computed one segment at a
 * time: the conn_state code ("S0" ... "OTH") and the history string
 * ("ShADadFf"), so that a capture can be compared with a Zeek conn.log line
 * by line.
 *
 *     tc_zeek_t z;
 *     tc_zeek_init(&z);
 *     for each segment of the connection, in capture order:
 *         tc_zeek_segment(&z, &seg, raw_window_field);
 *     tc_zeek_conn_state(&z), tc_zeek_history(&z), tc_zeek_orig_dir(&z)
 *
 * Specification: the Conn::Info "conn_state" and "history" field
 * descriptions of Zeek's base/protocols/conn/main.zeek documentation, and
 * the TCP endpoint states of init-bare (TCP_INACTIVE ... TCP_RESET) that
 * those codes are defined over.  tcpconn_zeek.c says where we had to
 * interpret them.  One tc_zeek_t covers one Zeek connection: start a new one
 * when the stream starts a new lifecycle (port reuse).
 *
 * Pure: no epan, no glib, no allocation, no pointers inside.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCPCONN_ZEEK_H
#define TCPCONN_ZEEK_H

#include <stdint.h>

#include "tcpconn_core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Room for the history, NUL included; later letters are dropped. */
#define TC_ZEEK_HISTORY_SIZE 38

/* One endpoint, as Zeek tracks it.  Sequence fields named *_rel count
 * from isn (relative sequence 0, the SYN's place). */
typedef struct tc_zeek_ep {
    uint32_t isn;           /* its SYN's sequence number, or first seq - 1 */
    uint32_t high;          /* one past the highest sequence number it sent */
    uint32_t contig_rel;    /* its payload is seen, or given up, below this */
    uint32_t above_lo_rel;  /* payload seen above a hole: [lo, hi) */
    uint32_t above_hi_rel;
    uint32_t fin_seq;       /* sequence number its latest FIN occupies */
    uint32_t syn_seq;       /* sequence number of its latest SYN or SYN-ACK */
    uint32_t rst_seq;       /* sequence number of its latest RST */
    uint32_t rexmits;       /* t/T events */
    uint16_t zero_wins;     /* w/W events (saturating) */
    uint16_t gaps;          /* g/G events (saturating) */
    uint8_t  state;         /* Zeek endpoint state, private enum */
    uint8_t  prev_state;
    uint8_t  seen;          /* history letters already given, private bits */
    uint8_t  flags;         /* private bits */
} tc_zeek_ep_t;

typedef struct tc_zeek {
    tc_zeek_ep_t ep[2];     /* by direction, as in tc_segment_t */
    uint8_t  orig_dir;      /* direction of the originator, TC_DIR_NONE before any segment */
    uint8_t  hist_len;
    char     history[TC_ZEEK_HISTORY_SIZE];
} tc_zeek_t;

void tc_zeek_init(tc_zeek_t *z);
/* window: the TCP header's raw window field of this segment */
void tc_zeek_segment(tc_zeek_t *z, const tc_segment_t *seg, uint32_t window);
const char *tc_zeek_conn_state(const tc_zeek_t *z);   /* "S0" ... "OTH", never NULL */
const char *tc_zeek_history(const tc_zeek_t *z);      /* NUL-terminated, stored inside z, bounded (truncate safely) */
uint8_t tc_zeek_orig_dir(const tc_zeek_t *z);         /* direction (0/1) of the originator, 2 if nothing seen */

#ifdef __cplusplus
}
#endif

#endif /* TCPCONN_ZEEK_H */
