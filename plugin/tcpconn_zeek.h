/* tcpconn_zeek.h
 * Zeek's conn.log view of one TCP address/port pair: the pair's packets,
 * one at a time, split into Zeek connection records, each with Zeek's
 * conn_state ("S0" ... "OTH"), history ("ShADadFf"), byte, packet and
 * missed-byte counts, so that a capture can be compared with a Zeek conn.log
 * line by line.
 *
 *     tc_zeek_t z;
 *     tc_zeek_init(&z);
 *     for each packet of the pair, in capture order:
 *         tc_zeek_in_t in = { &segment, {port_dir0, port_dir1}, ip_len, cksum, flags };
 *         tc_zeek_packet(&z, NULL, &in, &out, &ended);
 *         out.record: the record (1, 2 ...) the packet belongs to
 *         out.ended:  a record ended before this packet; `ended` holds it
 *     at the end: tc_zeek_snapshot(&z, &last) for the record still open
 *
 * Specification: Zeek's own scripts and TCP analyzer, with Zeek's default
 * settings (init-bare.zeek): base/protocols/conn/main.zeek for conn_state
 * and the history letters, packet_analysis/protocol/tcp/TCPSessionAdapter.cc
 * and analyzer/protocol/tcp/TCP_Endpoint.cc, TCP_Reassembler.cc for the
 * endpoint states, sequence tracking, gaps and when a record ends, and
 * packet_analysis/protocol/ip/IPBasedAnalyzer.cc, TCP.cc for when a packet
 * starts a record and who originates it.  tcpconn_zeek.c says where we
 * depart from them, and why.
 *
 * Pure: no epan, no glib, no allocation, no pointers inside.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCPCONN_ZEEK_H
#define TCPCONN_ZEEK_H

#include <stddef.h>
#include <stdint.h>

#include "tcpconn_core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Zeek's conn_state codes (main.zeek, Conn::Info$conn_state). */
#define TC_ZEEK_STATE_LIST(X) \
    X(S0,     "S0",     "Connection attempt seen, no reply") \
    X(S1,     "S1",     "Connection established, not terminated") \
    X(SF,     "SF",     "Normal establishment and termination") \
    X(REJ,    "REJ",    "Connection attempt rejected") \
    X(S2,     "S2",     "Established, close attempt by originator seen (no reply from responder)") \
    X(S3,     "S3",     "Established, close attempt by responder seen (no reply from originator)") \
    X(RSTO,   "RSTO",   "Established, originator aborted (sent a RST)") \
    X(RSTR,   "RSTR",   "Responder sent a RST") \
    X(RSTOS0, "RSTOS0", "Originator sent a SYN followed by a RST, no SYN-ACK from the responder") \
    X(RSTRH,  "RSTRH",  "Responder sent a SYN-ACK followed by a RST, no SYN from the originator") \
    X(SH,     "SH",     "Originator sent a SYN followed by a FIN, no SYN-ACK from the responder") \
    X(SHR,    "SHR",    "Responder sent a SYN-ACK followed by a FIN, no SYN from the originator") \
    X(OTH,    "OTH",    "No SYN seen, just midstream traffic")

#define TC_X_ENUM_ZSTATE(id, name, desc) TC_ZEEK_##id,
typedef enum { TC_ZEEK_STATE_LIST(TC_X_ENUM_ZSTATE) TC_ZEEK_STATE_COUNT } tc_zeek_state_t;

/* Room for the history, NUL included; later letters are dropped (Zeek's
 * string is unbounded: its longest in the published baselines has 12). */
#define TC_ZEEK_HISTORY_SIZE 24

/* Why a record ended (the Zeek timer or event that removed it). */
#define TC_ZEEK_END_LIST(X) \
    X(NONE,       "none",       "still open") \
    X(CLOSED,     "closed",     "tcp_close_delay after the connection closed or was reset") \
    X(ATTEMPT,    "attempt",    "tcp_attempt_delay after an unanswered SYN") \
    X(EXPIRED,    "expired",    "tcp_session_timer check: one side closed and silent for tcp_connection_linger") \
    X(INACTIVE,   "inactive",   "inactivity timeout (tcp_inactivity_timeout, udp_ before the handshake, 1 h for some ports)") \
    X(PARTIAL,    "partial",    "tcp_partial_close_delay after a partial close (with a connection_partial_close handler)") \
    X(RESET,      "reset",      "tcp_reset_delay after a RST that followed a FIN (with a connection_reset handler)") \
    X(REUSE,      "reuse",      "a SYN started a new connection on the pair")

#define TC_X_ENUM_ZEND(id, name, desc) TC_ZEEK_END_##id,
typedef enum { TC_ZEEK_END_LIST(TC_X_ENUM_ZEND) TC_ZEEK_END_COUNT } tc_zeek_end_t;

/* A segment's checksum, as far as the caller validated it.  Zeek drops a
 * segment whose checksum is bad (history c/C); only say BAD when it was
 * really checked. */
typedef enum {
    TC_ZEEK_CKSUM_UNKNOWN = 0,      /* not validated: taken as good */
    TC_ZEEK_CKSUM_GOOD,
    TC_ZEEK_CKSUM_BAD
} tc_zeek_cksum_t;

/* tc_zeek_in_t.flags: what the caller knows of the packet beyond TCP */
enum {
    TC_ZIN_TRUNCATED      = 0x01,   /* payload not all captured (snap length): Zeek does not reassemble it */
    TC_ZIN_BAD_HEADER     = 0x02,   /* TCP header cut short, or data offset < 5: Zeek makes the
                                       connection but does not process the packet */
    TC_ZIN_TUNNEL_CHANGED = 0x04,   /* its tunnel encapsulation is not the pair's previous packet's */
    TC_ZIN_LIMIT          = 0x08    /* the caller's analysis of its payload hit a limit: history X */
};

/* One packet of the pair. */
typedef struct tc_zeek_in {
    const tc_segment_t *seg;        /* direction, flags, seq, ack, len, raw window, time */
    uint16_t port[2];               /* TCP port of each direction's sender */
    uint32_t ip_len;                /* IPv4 total length, IPv6 payload length + 40 (conn.log *_ip_bytes) */
    uint8_t  cksum;                 /* tc_zeek_cksum_t */
    uint8_t  flags;                 /* TC_ZIN_* */
} tc_zeek_in_t;

/* What the packet did to the records. */
typedef struct tc_zeek_out {
    uint16_t record;                /* 1, 2 ...: the record the packet belongs to */
    uint8_t  started;               /* the packet started that record */
    uint8_t  ended;                 /* the record before it ended first (copied out) */
    uint8_t  end_reason;            /* tc_zeek_end_t of that record */
} tc_zeek_out_t;

/* tc_zeek_config_t.handlers: Zeek arms these timers only when a script
 * handles the event; Zeek's default scripts handle neither. */
enum {
    TC_ZEEK_HANDLE_RESET         = 0x01,   /* connection_reset: tcp_reset_delay */
    TC_ZEEK_HANDLE_PARTIAL_CLOSE = 0x02    /* connection_partial_close: tcp_partial_close_delay */
};

/* Settings that differ between Zeek installations.  NULL: Zeek's defaults
 * (all base scripts loaded, default timers). */
typedef struct tc_zeek_config {
    const uint16_t *server_ports;   /* likely_server_ports (TCP), sorted; NULL: Zeek's default set */
    size_t   n_server_ports;
    uint8_t  handlers;              /* TC_ZEEK_HANDLE_* */
} tc_zeek_config_t;

/* One Zeek record, as conn.log shows it.  Counts are by role. */
typedef struct tc_zeek_record {
    int64_t  start_ns;              /* ts: the record's first packet */
    int64_t  duration_ns;           /* last counted packet - first (Zeek omits duration and bytes when 0) */
    uint64_t bytes[2];              /* orig_bytes, resp_bytes: from sequence numbers, 64-bit */
    uint64_t ip_bytes[2];           /* orig_ip_bytes, resp_ip_bytes */
    uint64_t missed_bytes;
    uint32_t pkts[2];               /* orig_pkts, resp_pkts */
    uint8_t  conn_state;            /* tc_zeek_state_t */
    uint8_t  orig_dir;              /* direction (0/1) of the originator */
    char     history[TC_ZEEK_HISTORY_SIZE];
} tc_zeek_record_t;

/* ---- the live state: private fields, use the functions below ---- */

typedef struct tc_zeek_ep {
    uint32_t start_seq, last_seq, ack_seq;  /* Zeek's, raw; last/ack with wrap counts */
    uint32_t fin_rel;           /* FIN_seq: one past its latest FIN, relative */
    uint32_t r_last, r_trim;    /* reassembly: delivered below, trimmed (acked) below, relative */
    uint32_t r_lo, r_hi;        /* payload seen above a hole: [lo, hi) */
    uint32_t pkts;
    uint16_t seq_wraps, ack_wraps;
    uint16_t hist_syn, hist_rst;    /* low bits of the relative seq of its latest SYN, RST */
    uint16_t rxmt;                  /* t count (saturating) */
    uint8_t  win0, gaps, chk;       /* w, g, c counts (saturating) */
    uint8_t  state, prev_state;
    uint8_t  flags;
} tc_zeek_ep_t;

typedef struct tc_zeek {
    tc_zeek_ep_t ep[2];         /* by direction */
    int64_t  start_ns;          /* Zeek's start_time */
    int64_t  last_ns;           /* Zeek's last_time: latest packet before both sides closed */
    uint64_t ip_bytes[2];       /* by direction */
    uint64_t missed;
    uint32_t t_misc, t_expire, t_delete;    /* pending timers, microseconds after last_ns; 0: none */
    uint16_t hist_seen;         /* Zeek's history mask: letters given once */
    uint16_t record;            /* 0 before the first packet */
    uint8_t  orig_dir;          /* TC_DIR_NONE before the first packet */
    uint8_t  flags;             /* private bits */
    uint8_t  misc;              /* private: kind of t_misc, inactivity timeout, handlers */
    uint8_t  tunnel_changes;    /* Zeek's tunnel_changes */
    char     history[TC_ZEEK_HISTORY_SIZE];
} tc_zeek_t;

void tc_zeek_init(tc_zeek_t *z);

/* Feeds one packet of the pair.  cfg may be NULL (Zeek's defaults); ended
 * may be NULL.  When a record ended before this packet (a timer, or a SYN
 * reusing the pair), out->ended is set and *ended receives it. */
void tc_zeek_packet(tc_zeek_t *z, const tc_zeek_config_t *cfg, const tc_zeek_in_t *in,
                    tc_zeek_out_t *out, tc_zeek_record_t *ended);

/* The open record so far (the last one, once the capture has been read). */
void tc_zeek_snapshot(const tc_zeek_t *z, tc_zeek_record_t *rec);

/* The open record, without a copy. */
const char *tc_zeek_conn_state(const tc_zeek_t *z);   /* "S0" ... "OTH", never NULL */
const char *tc_zeek_history(const tc_zeek_t *z);      /* NUL-terminated, inside z */
uint8_t tc_zeek_orig_dir(const tc_zeek_t *z);         /* 0/1, TC_DIR_NONE before any packet */
unsigned tc_zeek_record_number(const tc_zeek_t *z);   /* 1, 2 ..., 0 before any packet */

/* Names from the lists above; "" when out of range. */
const char *tc_zeek_state_name(unsigned state);
const char *tc_zeek_end_name(unsigned reason);
/* Zeek's default likely_server_ports for TCP: port in the set? */
int tc_zeek_default_server_port(uint16_t port);

#ifdef __cplusplus
}
#endif

#endif /* TCPCONN_ZEEK_H */
