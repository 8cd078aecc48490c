/* tcpconn_zeek_int.h
 * What the files of the Zeek module share: Zeek's endpoint states, the
 * private bits of tc_zeek_t, the per-packet context, and the functions one
 * file calls in another.  Not for the glue.
 *
 *   tcpconn_zeek.c        records: start, timers, reuse, conn_state, copies
 *   tcpconn_zeek_tcp.c    one packet: history letters, sequence numbers,
 *                         the endpoint state machine, closing
 *   tcpconn_zeek_reass.c  payload reassembly as Zeek tracks it: gaps,
 *                         pending data, payload sizes
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCPCONN_ZEEK_INT_H
#define TCPCONN_ZEEK_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "tcpconn_zeek.h"

/* Endpoint states: analyzer/protocol/tcp/TCP_Endpoint.h (init-bare's
 * TCP_INACTIVE ... TCP_RESET). */
enum {
    ZS_INACTIVE,        /* no SYN (or other packets) seen for this side */
    ZS_SYN_SENT,        /* SYN seen, but no ack */
    ZS_SYN_ACK_SENT,    /* SYN ack seen, no initial SYN */
    ZS_PARTIAL,         /* data seen, but no SYN */
    ZS_ESTABLISHED,     /* SYN ack seen (implicit for SYN sent by responder) */
    ZS_CLOSED,          /* FIN seen */
    ZS_RESET            /* RST seen */
};

/* tc_zeek_ep_t.flags */
enum {
    ZE_FIN      = 0x01,     /* FIN_cnt > 0 */
    ZE_CLOSED   = 0x02,     /* did_close: its close has been reported */
    ZE_EOF      = 0x04,     /* its reassembler reported EOF */
    ZE_SKIP     = 0x08,     /* its reassembler skips deliveries (gave up) */
    ZE_ABOVE    = 0x10      /* r_lo, r_hi hold payload above a hole */
};

/* tc_zeek_t.flags */
enum {
    ZF_ACTIVE         = 0x01,   /* TCPSessionAdapter is_active */
    ZF_CLOSE_DEFERRED = 0x02,   /* close_deferred */
    ZF_DEFERRED_EVENT = 0x04,   /* deferred_gen_event */
    ZF_PARTIAL        = 0x08,   /* is_partial */
    ZF_SEEN_ORIG      = 0x10,   /* first_packet_seen & ORIG */
    ZF_SEEN_RESP      = 0x20    /* first_packet_seen & RESP */
};

/* tc_zeek_t.misc: the kind of timer in t_misc, and the inactivity timeout */
enum {
    ZM_ATTEMPT       = 0x01,    /* AttemptTimer (tcp_attempt_delay) */
    ZM_PARTIAL_CLOSE = 0x02,    /* PartialCloseTimer (tcp_partial_close_delay) */
    ZM_RESET         = 0x03,    /* ResetTimer (tcp_reset_delay) */
    ZM_KIND_MASK     = 0x03,
    ZM_IDLE_UDP      = 0x04,    /* udp_inactivity_timeout, set when a TCP session is made */
    ZM_IDLE_TCP      = 0x08,    /* tcp_inactivity_timeout, once out of the handshake */
    ZM_IDLE_LONG     = 0x0c,    /* 1 hr: Conn::port_inactivity_timeouts */
    ZM_IDLE_MASK     = 0x0c,
    ZM_HANDLE_RESET         = 0x10,     /* tc_zeek_config_t handlers, for the record */
    ZM_HANDLE_PARTIAL_CLOSE = 0x20
};

/* Zeek's history mask (Session hist_seen, TCP_Endpoint::HistoryMasks):
 * one bit per letter class and role, and X. */
enum {
    ZH_SYN = 0, ZH_FIN, ZH_RST, ZH_FIN_RST, ZH_DATA, ZH_ACK, ZH_MULTI,
    ZH_CLASSES,                 /* the originator's bits; the responder's follow */
    ZH_LIMIT = 2 * ZH_CLASSES   /* X: HIST_ANALYZER_LIMIT_REACHED, one for both */
};

/* Default timers, init-bare.zeek (nanoseconds). */
#define ZT_SEC                  INT64_C(1000000000)
#define ZT_ATTEMPT_DELAY        (5 * ZT_SEC)    /* tcp_attempt_delay */
#define ZT_SYN_TIMEOUT          (5 * ZT_SEC)    /* tcp_SYN_timeout: first ExpireTimer */
#define ZT_SESSION_TIMER        (6 * ZT_SEC)    /* tcp_session_timer */
#define ZT_CONNECTION_LINGER    (5 * ZT_SEC)    /* tcp_connection_linger */
#define ZT_CLOSE_DELAY          (5 * ZT_SEC)    /* tcp_close_delay */
#define ZT_RESET_DELAY          (5 * ZT_SEC)    /* tcp_reset_delay */
#define ZT_PARTIAL_CLOSE_DELAY  (3 * ZT_SEC)    /* tcp_partial_close_delay */
#define ZT_TCP_INACTIVITY       (300 * ZT_SEC)  /* tcp_inactivity_timeout */
#define ZT_UDP_INACTIVITY       (60 * ZT_SEC)   /* udp_inactivity_timeout */
#define ZT_LONG_INACTIVITY      (3600 * ZT_SEC) /* Conn::port_inactivity_timeouts */

/* Reassembler limits, init-bare.zeek. */
#define ZR_MAX_INITIAL_WINDOW   16384u  /* tcp_max_initial_window */
#define ZR_MAX_ABOVE_HOLE       16384u  /* tcp_max_above_hole_without_any_acks */
#define ZR_TOO_LARGE_SEQ_DELTA  1048576 /* TCPSessionAdapter.cc TOO_LARGE_SEQ_DELTA */

/* One packet and what the steps of Process() share. */
typedef struct zpkt {
    tc_zeek_t *z;
    const tc_zeek_config_t *cfg;
    const tc_zeek_in_t *in;
    const tc_segment_t *seg;
    tc_zeek_ep_t *ep;           /* sender (by direction: stays put when roles flip) */
    tc_zeek_ep_t *peer;
    int64_t  t;                 /* packet time */
    uint8_t  dir;
    bool     is_orig;           /* Process()'s is_orig: the sender's role when the packet came,
                                   not updated by a flip during it (as in Zeek) */
} zpkt_t;

static inline bool zk_has(const zpkt_t *p, uint8_t flag)
{
    return (p->seg->flags & flag) != 0;
}

static inline tc_zeek_ep_t *zk_orig(tc_zeek_t *z)
{
    return &z->ep[z->orig_dir];
}

static inline tc_zeek_ep_t *zk_resp(tc_zeek_t *z)
{
    return &z->ep[z->orig_dir ^ 1u];
}

static inline bool zk_ep_is_orig(const tc_zeek_t *z, const tc_zeek_ep_t *e)
{
    return (unsigned)(e - z->ep) == z->orig_dir;
}

static inline tc_zeek_ep_t *zk_peer_of(tc_zeek_t *z, const tc_zeek_ep_t *e)
{
    return &z->ep[(unsigned)(e - z->ep) ^ 1u];
}

/* tcpconn_zeek.c */
void zk_hist_add(tc_zeek_t *z, char code);
bool zk_hist_check(tc_zeek_t *z, unsigned bit, char code);
void zk_scaled(tc_zeek_t *z, const tc_zeek_ep_t *e, char upper, unsigned count);
void zk_flip_roles(tc_zeek_t *z);
void zk_set_last(tc_zeek_t *z, int64_t t);
void zk_timer_set(tc_zeek_t *z, uint32_t *slot, int64_t when);
void zk_timer_earliest(tc_zeek_t *z, uint32_t *slot, int64_t when);
void zk_set_idle(tc_zeek_t *z, uint8_t idle);
bool zk_server_port(const tc_zeek_config_t *cfg, uint16_t port);

/* tcpconn_zeek_tcp.c */
void zk_process(zpkt_t *p);
void zk_connection_closed(tc_zeek_t *z, tc_zeek_ep_t *e, bool gen_event);

/* tcpconn_zeek_reass.c */
void zk_data_sent(tc_zeek_t *z, tc_zeek_ep_t *e, uint32_t rel_seq, uint32_t len);
void zk_ack_received(tc_zeek_t *z, tc_zeek_ep_t *e, uint32_t rel_ack);
void zk_check_eof(tc_zeek_t *z, tc_zeek_ep_t *e);
bool zk_data_pending(const tc_zeek_t *z, const tc_zeek_ep_t *e);
uint64_t zk_size(const tc_zeek_t *z, const tc_zeek_ep_t *e);
bool zk_no_data_acked(const tc_zeek_ep_t *e);

#endif /* TCPCONN_ZEEK_INT_H */
