/* tcpconn_core.h
 * The pure core of tcpconn: it knows TCP, not Wireshark.  One call steps the
 * state of an address and port pair with one segment:
 *
 *     tc_pair_t pair;
 *     tc_pair_init(&pair);
 *     for each segment of the pair, in capture order:
 *         tc_step(&pair, &segment, &result, &ended);
 *
 * segment in (direction, flags, seq, ack, payload length, window, time,
 * frame), result out (states before and after, steps, kinds, retries,
 * events).  What a connection came to is read from its summary with the
 * tc_summary_*() functions.  No globals, no allocation, no epan or glib.
 *
 * The header has two parts, as http-parser's has: PUBLIC, what the glue and
 * the tests may use, and PRIVATE, the state the core keeps, which only the
 * core reads and writes (its layout is here so that callers can allocate
 * it).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCPCONN_CORE_H
#define TCPCONN_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcpconn_defs.h"
#include "tcpconn_fsm.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ======================================================================
 * PUBLIC
 * ====================================================================== */

#define TC_X_ENUM_ROLE(id, name, desc)                  TC_ROLE_##id,
#define TC_X_ENUM_HS(id, name, steps, desc)             TC_HS_##id,
#define TC_X_ENUM_TD(id, name, steps, desc)             TC_TD_##id,
#define TC_X_ENUM_RST(id, name, tag, by, ev, desc)      TC_RST_##id,
#define TC_X_ENUM_RST_CHECK(id, name, desc)             TC_RSTCHK_##id,
#define TC_X_ENUM_RETRY(id, name, ev)                   TC_RETRY_##id,
#define TC_X_ENUM_RETRY_OUTCOME(id, name, desc)         TC_RETRY_OUTCOME_##id,
#define TC_X_ENUM_STEP_SEGMENT(id, name)                TC_SEG_##id,
#define TC_X_ENUM_CLOSER(id, name)                      TC_CLOSER_##id,
#define TC_X_ENUM_SIDE(id, name)                        TC_SIDE_##id,
#define TC_X_ENUM_PATTERN(id, name, desc)               TC_PATTERN_##id,
#define TC_X_ENUM_EVENT(id, ph, name, gr, sev, part, tag, s) TC_EV_##id,
#define TC_X_ENUM_HSO(id, name, desc)                   TC_HSO_##id,
#define TC_X_ENUM_TDO(id, name, desc)                   TC_TDO_##id,

typedef enum { TC_ROLE_LIST(TC_X_ENUM_ROLE) TC_ROLE_COUNT } tc_role_t;
typedef enum { TC_HS_KIND_LIST(TC_X_ENUM_HS) TC_HS_COUNT } tc_hs_kind_t;
typedef enum { TC_TD_KIND_LIST(TC_X_ENUM_TD) TC_TD_COUNT } tc_td_kind_t;
typedef enum { TC_RST_KIND_LIST(TC_X_ENUM_RST) TC_RST_COUNT } tc_rst_kind_t;
typedef enum { TC_RST_CHECK_LIST(TC_X_ENUM_RST_CHECK) TC_RSTCHK_COUNT } tc_rst_check_t;
typedef enum { TC_RETRY_KIND_LIST(TC_X_ENUM_RETRY) TC_RETRY_COUNT } tc_retry_kind_t;
typedef enum { TC_RETRY_OUTCOME_LIST(TC_X_ENUM_RETRY_OUTCOME) TC_RETRY_OUTCOME_COUNT } tc_retry_outcome_t;
typedef enum { TC_STEP_SEGMENT_LIST(TC_X_ENUM_STEP_SEGMENT) TC_SEG_COUNT } tc_step_segment_t;
typedef enum { TC_CLOSER_LIST(TC_X_ENUM_CLOSER) TC_CLOSER_COUNT } tc_closer_t;
typedef enum { TC_SIDE_LIST(TC_X_ENUM_SIDE) TC_SIDE_COUNT } tc_side_t;
typedef enum { TC_PATTERN_LIST(TC_X_ENUM_PATTERN) TC_PATTERN_COUNT } tc_pattern_t;
typedef enum { TC_EVENT_LIST(TC_X_ENUM_EVENT) TC_EV_COUNT } tc_event_t;
typedef enum { TC_HS_OUTCOME_LIST(TC_X_ENUM_HSO) TC_HSO_COUNT } tc_hs_outcome_t;
typedef enum { TC_TD_OUTCOME_LIST(TC_X_ENUM_TDO) TC_TDO_COUNT } tc_td_outcome_t;

/* Sides are directions as bits: DIR0 1, DIR1 2, BOTH 3. */
_Static_assert(TC_SIDE_DIR0 == 1 && TC_SIDE_DIR1 == 2 && TC_SIDE_BOTH == 3, "sides are direction bits");

/* How an event is shown on its frame (the PART column of TC_EVENT_LIST). */
typedef enum { TC_PART_STEP, TC_PART_MOD, TC_PART_RST, TC_PART_RETRY, TC_PART_DATA, TC_PART_TAG } tc_part_t;

#define TC_EV_BIT(ev) (UINT64_C(1) << (ev))
_Static_assert(TC_EV_COUNT <= 64, "events fit tc_result_t.events");

/* TCP header flag bits, as on the wire (RFC 9293 section 3.1). */
enum {
    TC_FIN = 0x01,
    TC_SYN = 0x02,
    TC_RST = 0x04,
    TC_PSH = 0x08,
    TC_ACK = 0x10,
    TC_URG = 0x20
};

/* Direction: 0 is the endpoint that sent the first frame of the pair. */
#define TC_DIR_NONE 2u

typedef enum {
    TC_CHECK_NONE = 0,    /* not checked (nothing to check against) */
    TC_CHECK_OK,
    TC_CHECK_BAD
} tc_check_t;

/* One segment, as the capture shows it. */
typedef struct tc_segment {
    uint32_t frame;     /* frame number, for retry references */
    int64_t  time_ns;   /* capture time */
    uint32_t seq;       /* raw sequence number */
    uint32_t ack;       /* raw acknowledgment number (meaningful with TC_ACK) */
    uint32_t len;       /* payload length */
    uint32_t window;    /* window, scaled where the SYNs told the scale */
    uint8_t  flags;     /* TC_* */
    uint8_t  dir;       /* 0 or 1 */
} tc_segment_t;

/* Result flags */
enum {
    TC_R_HS_COMPLETE = 0x01,
    TC_R_TD_COMPLETE = 0x02,
    TC_R_MERGED      = 0x04,
    TC_R_HALF_CLOSE  = 0x08,
    TC_R_BACKOFF     = 0x10,    /* retry_backoff is valid */
    TC_R_NEW_LIFE    = 0x20,    /* this frame starts a new connection on the pair */
    TC_R_HS_DELAY    = 0x40,    /* time_ns: SYN to SYN-ACK (step 2) or SYN-ACK to ACK (step 3) */
    TC_R_RETRY_IV    = 0x80     /* time_ns: interval since the previous attempt */
};

/* What a frame's link points at: the frame it answers (a SYN-ACK its SYN,
 * a RST the SYN it refuses), the frame it acknowledges (an ACK the SYN-ACK
 * or FIN), the RST a challenge ACK answers. */
typedef enum { TC_LINK_NONE, TC_LINK_ANSWERS, TC_LINK_ACKS, TC_LINK_CHALLENGE } tc_link_t;

/* Widths of the packed fields below; the lists must fit. */
#define TC_BITS_ROLE    2
#define TC_BITS_HS      2
#define TC_BITS_TD      3
#define TC_BITS_RST     4
#define TC_BITS_RETRY   2
#define TC_BITS_PATTERN 3
#define TC_BITS_RSTCHK  3
_Static_assert(TC_ROLE_COUNT <= 1 << TC_BITS_ROLE, "roles fit tc_result_t.role");
_Static_assert(TC_HS_COUNT <= 1 << TC_BITS_HS, "handshake kinds fit tc_result_t.hs_kind");
_Static_assert(TC_TD_COUNT <= 1 << TC_BITS_TD, "teardown kinds fit tc_result_t.td_kind");
_Static_assert(TC_RST_COUNT <= 1 << TC_BITS_RST, "reset kinds fit tc_result_t.rst_kind");
_Static_assert(TC_RETRY_COUNT <= 1 << TC_BITS_RETRY, "retry kinds fit tc_result_t.retry_kind");
_Static_assert(TC_PATTERN_COUNT <= 1 << TC_BITS_PATTERN, "patterns fit tc_result_t.retry_pattern");
_Static_assert(TC_RSTCHK_COUNT <= 1 << TC_BITS_RSTCHK, "reset checks fit tc_result_t.rst_check");

/* What the core says of one frame.  The glue keeps it for every annotated
 * frame, so it is packed: small values in bit fields, and last what most
 * frames have zero. */
typedef struct tc_result {
    uint64_t events;            /* TC_EV_BIT(...) */
    uint32_t frame;
    uint32_t link;              /* the frame this one answers or acknowledges (link_kind), 0 if none */
    uint32_t linked_in;         /* filled in later by the caller: the frame that links to this one */
    uint8_t  before[2];         /* states by direction */
    uint8_t  after[2];
    unsigned flags : 8;         /* TC_R_* */
    unsigned link_kind : 2, linked_kind : 2;   /* tc_link_t */
    unsigned dir : 1;           /* sender */
    unsigned client : 2;        /* client direction, or TC_DIR_NONE */
    unsigned role : TC_BITS_ROLE;   /* sender's role */
    unsigned hs_step : 3, hs_kind : TC_BITS_HS, hs_check : 2;
    unsigned td_step : 3, td_kind : TC_BITS_TD;
    unsigned closer : 2;        /* tc_closer_t, on FIN frames */
    unsigned time_wait : 2;     /* tc_side_t: who will sit in TIME_WAIT */
    unsigned rst_kind : TC_BITS_RST, rst_check : TC_BITS_RSTCHK;
    unsigned retry_kind : TC_BITS_RETRY, retry_pattern : TC_BITS_PATTERN;
    /* Then the time slot (TC_RESULT_HEAD): zero on all but the timed
     * handshake steps and the retries (a frame is never both). */
    int64_t  time_ns;           /* see TC_R_HS_DELAY, TC_R_RETRY_IV */
    /* Last, the retry tail (TC_RESULT_TAIL): zero on all but retries and
     * the SYN-ACKs and RSTs after retried SYNs.  A store may keep the slot
     * and the tail apart, for the few frames that have them. */
    double   retry_backoff;
    uint32_t retry_of;          /* 0: the original was not captured */
    uint16_t retry_count;
    uint16_t hs_syn_retries;    /* SYN retries before this SYN-ACK or RST */
} tc_result_t;

#define TC_RESULT_HEAD offsetof(tc_result_t, time_ns)
#define TC_RESULT_TAIL offsetof(tc_result_t, retry_backoff)

/* b - a in nanoseconds, saturated: capture times come from the capture
 * file and may be anything. */
static inline int64_t tc_ns_between(int64_t a, int64_t b)
{
    if (a < 0 && b > INT64_MAX + a)
        return INT64_MAX;
    if (a > 0 && b < INT64_MIN + a)
        return INT64_MIN;
    return b - a;
}

/* t + d in nanoseconds, saturated the same way. */
static inline int64_t tc_ns_after(int64_t t, int64_t d)
{
    if (d > 0 && t > INT64_MAX - d)
        return INT64_MAX;
    if (d < 0 && t < INT64_MIN - d)
        return INT64_MIN;
    return t + d;
}

/* The handshake delays and the retry interval of a result, -1 when the
 * frame has none. */
static inline int64_t tc_result_syn_to_synack_ns(const tc_result_t *r)
{
    return (r->flags & TC_R_HS_DELAY) && r->hs_step == 2 ? r->time_ns : -1;
}

static inline int64_t tc_result_synack_to_ack_ns(const tc_result_t *r)
{
    return (r->flags & TC_R_HS_DELAY) && r->hs_step == 3 ? r->time_ns : -1;
}

static inline int64_t tc_result_retry_interval_ns(const tc_result_t *r)
{
    return (r->flags & TC_R_RETRY_IV) ? r->time_ns : -1;
}

/* True when the result says anything worth storing for the frame. */
bool tc_result_annotated(const tc_result_t *res);
/* The segment a handshake or teardown step is (TC_SEG_NONE if neither). */
tc_step_segment_t tc_result_handshake_segment(const tc_result_t *res);
tc_step_segment_t tc_result_teardown_segment(const tc_result_t *res);

/* What one connection came to; updated with every segment.  Public facts;
 * the endpoint and pair bits (ep_flags, flags) are the core's own, read
 * them through the tc_summary_*() functions. */
typedef struct tc_summary {
    int64_t  first_ns, last_ns;
    uint32_t first_frame, last_frame;
    uint32_t syn_frame;         /* first SYN, 0 if none */
    uint32_t last_syn_frame;    /* latest attempt of the client's SYN */
    uint32_t complete_frame;    /* frame completing the handshake */
    uint32_t fin_frame;         /* first FIN */
    uint32_t rst_frame;         /* first RST that ended it */
    uint64_t bytes[2];          /* payload bytes sent, by direction (retransmissions included) */
    uint32_t pkts[2];           /* segments sent, by direction (saturating) */
    uint16_t syn_retries, synack_retries, fin_retries;
    uint8_t  hs_kind, td_kind, rst_kind;
    uint8_t  rst_dir;           /* direction of that RST */
    uint8_t  first_closer;      /* direction of the first FIN */
    uint8_t  client;            /* direction of the client, or TC_DIR_NONE */
    uint8_t  state[2];          /* latest states, by direction */
    uint8_t  ep_flags[2];       /* private */
    uint8_t  flags;             /* private */
} tc_summary_t;

/* What the connection came to, from its summary (so far, or final once the
 * whole capture has been read). */
tc_hs_outcome_t tc_summary_hs_outcome(const tc_summary_t *sum);
tc_td_outcome_t tc_summary_td_outcome(const tc_summary_t *sum);
/* Who sits in TIME_WAIT (the active closer; both after FINs crossed). */
tc_side_t tc_summary_time_wait(const tc_summary_t *sum);
/* Who closed actively: the first FIN's sender, both when the FINs crossed,
 * nobody without a FIN. */
tc_side_t tc_summary_closer(const tc_summary_t *sum);
/* What the attempt a retry belongs to came to: pending until final. */
tc_retry_outcome_t tc_retry_outcome(const tc_summary_t *sum, const tc_result_t *res, bool final);

typedef struct tc_pair tc_pair_t;

void tc_pair_init(tc_pair_t *pair);
/* Steps the pair.  When the segment starts a new connection on the pair
 * (port reuse), the summary of the one that ended is copied to *ended (if
 * not NULL) and res->flags has TC_R_NEW_LIFE. */
void tc_step(tc_pair_t *pair, const tc_segment_t *seg, tc_result_t *res, tc_summary_t *ended);
/* The current connection's summary, and its number on the pair (1, 2 ...). */
const tc_summary_t *tc_pair_summary(const tc_pair_t *pair);
unsigned tc_pair_lifecycle(const tc_pair_t *pair);
/* Has the current connection closed (both FINs acknowledged, or reset;
 * RFC 9293 section 3.6)?  Later segments may still come. */
bool tc_pair_closed(const tc_pair_t *pair);

/* Number of steps of a complete handshake / teardown of that kind (0 if none). */
unsigned tc_hs_total(unsigned hs_kind);
unsigned tc_td_total(unsigned td_kind);

/* From the lists in tcpconn_defs.h (tcpconn_names.c); names are "" (never
 * NULL) when out of range. */
const char *tc_state_name(unsigned v);
const char *tc_role_name(unsigned v);
const char *tc_hs_kind_name(unsigned v);
const char *tc_td_kind_name(unsigned v);
const char *tc_rst_kind_name(unsigned v);
const char *tc_rst_kind_tag(unsigned v);
const char *tc_rst_kind_by(unsigned v);
const char *tc_rst_check_name(unsigned v);
tc_event_t  tc_rst_kind_event(unsigned v);      /* TC_EV_COUNT for none */
const char *tc_retry_kind_name(unsigned v);
tc_event_t  tc_retry_kind_event(unsigned v);    /* TC_EV_COUNT for none */
const char *tc_retry_outcome_name(unsigned v);
const char *tc_step_segment_name(unsigned v);
const char *tc_closer_name(unsigned v);
const char *tc_pattern_name(unsigned v);
const char *tc_hs_outcome_name(unsigned v);
const char *tc_td_outcome_name(unsigned v);
const char *tc_event_name(unsigned v);          /* "phase.name" */
const char *tc_event_summary(unsigned v);
tc_part_t   tc_event_part(unsigned v);
const char *tc_event_tag(unsigned v);           /* NULL: the event's name */

/* ======================================================================
 * PRIVATE: the core's state.  Callers allocate tc_pair_t and hand it to
 * the functions above; they do not read or write its members.
 * ====================================================================== */

/* Retransmissions of one endpoint's SYN, SYN-ACK or FIN. */
typedef struct tc_retry_track {
    int64_t  last_ns;           /* time of the latest attempt */
    int64_t  last_interval_ns;  /* interval before the latest attempt, 0 if none */
    uint32_t orig_frame;        /* frame of the original segment, 0 if not captured */
    uint32_t last_frame;        /* frame of the latest attempt */
    uint16_t count;
    uint8_t  pattern;           /* tc_pattern_t */
    uint8_t  started;           /* a copy of the segment has been seen */
} tc_retry_track_t;

/* Endpoint flags */
enum {
    TC_EP_SYN       = 0x01,     /* sent a SYN in this connection: isn is valid */
    TC_EP_SYNACK    = 0x02,     /* sent a SYN-ACK */
    TC_EP_SYN_ACKED = 0x04,     /* its SYN has been acknowledged */
    TC_EP_FIN       = 0x08,     /* sent a FIN: fin_seq is valid */
    TC_EP_FIN_ACKED = 0x10,     /* its FIN has been acknowledged */
    TC_EP_NXT       = 0x20,     /* nxt is valid */
    TC_EP_ACKWND    = 0x40      /* ack and wnd are valid */
};

typedef struct tc_endpoint {
    tc_retry_track_t retry;
    uint32_t isn;
    uint32_t fin_seq;           /* sequence number the FIN occupies */
    uint32_t nxt;               /* highest sequence number sent + 1 (SND.NXT as seen) */
    uint32_t ack;               /* its latest acknowledgment (its RCV.NXT as it said) */
    uint32_t wnd;               /* its latest window (its RCV.WND as it said) */
    uint16_t syn_len;           /* data carried by its SYN (TCP Fast Open) */
    uint8_t  state;             /* tc_state_t */
    uint8_t  role;              /* tc_role_t */
    uint8_t  flags;             /* TC_EP_* */
} tc_endpoint_t;

typedef enum {
    TC_PHASE_NONE = 0,          /* nothing seen in this connection */
    TC_PHASE_HANDSHAKE,
    TC_PHASE_OPEN,              /* handshake complete, or mid-stream */
    TC_PHASE_CLOSING,           /* a FIN was sent */
    TC_PHASE_CLOSED             /* both FINs acknowledged, or reset */
} tc_phase_t;

/* Pair flags */
enum {
    TC_ST_MIDSTREAM   = 0x01,   /* capture started after the handshake */
    TC_ST_RESET       = 0x02,   /* ended by RST */
    TC_ST_HALF_CLOSE  = 0x04,   /* data flowed after the first FIN was acked */
    TC_ST_STALE_RST   = 0x08,   /* client rejected a stale SYN-ACK */
    TC_ST_SYNACK_OK   = 0x10,   /* a valid SYN-ACK was seen (three-way) */
    TC_ST_SYNACK_SEEN = 0x20,   /* some SYN-ACK was seen: last_synack_ack is valid */
    TC_ST_INJECTED    = 0x40    /* the reset's sender was seen sending on: said once */
};

struct tc_pair {
    tc_endpoint_t ep[2];
    tc_summary_t  sum;
    int64_t  syn_ns;            /* latest SYN attempt */
    int64_t  synack_ns;         /* latest valid SYN-ACK */
    uint32_t last_synack_ack;   /* ack field of the latest SYN-ACK */
    uint32_t challenged;        /* frame of an in-window RST whose challenge ACK is due, or 0 */
    uint16_t lifecycle;         /* 1 for the first connection on this pair */
    uint8_t  client;            /* direction of the first SYN's sender, or TC_DIR_NONE */
    uint8_t  phase;             /* tc_phase_t */
    uint8_t  hs_kind, hs_step;
    uint8_t  td_kind, td_step;
    uint8_t  first_closer;      /* direction of the first FIN, or TC_DIR_NONE */
    uint8_t  challenger;        /* direction the challenge ACK is due from */
    uint8_t  flags;             /* TC_ST_* */
};

#ifdef __cplusplus
}
#endif

#endif /* TCPCONN_CORE_H */
