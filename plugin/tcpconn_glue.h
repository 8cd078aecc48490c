/* tcpconn_glue.h
 * What the epan glue files share: field, subtree and expert ids, the
 * per-frame and per-connection records.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCPCONN_GLUE_H
#define TCPCONN_GLUE_H

#include <epan/packet.h>
#include <epan/expert.h>

#include "tcpconn_compat.h"
#include "tcpconn_core.h"
#include "tcpconn_zeek.h"
#include "tcpconn_track.h"

/* Every field of tcpconn_defs.h has its hf_tcpconn_<var>. */
#define TCPCONN_HF_EXTERN(var, abbrev, type, name, desc) extern int hf_tcpconn_##var;
TC_FIELD_FRAME_LIST(TCPCONN_HF_EXTERN)
TC_FIELD_SUMMARY_LIST(TCPCONN_HF_EXTERN)

extern int proto_tcpconn;
extern gint ett_tcpconn;
extern gint ett_tcpconn_handshake;
extern gint ett_tcpconn_teardown;
extern gint ett_tcpconn_rst;
extern gint ett_tcpconn_retry;
extern gint ett_tcpconn_summary;
extern int tcpconn_tap;
extern expert_field ei_tcpconn[TC_EV_COUNT];
/* The expert info severity (PI_CHAT ...) of an event's expert info. */
int tcpconn_event_severity(tc_event_t ev);
/* Where the Info column gets the tags (preference tcpconn.info_tags). */
enum { TCPCONN_TAGS_FRONT, TCPCONN_TAGS_END, TCPCONN_TAGS_OFF };
extern gint tcpconn_tag_position;

/* ---- the TCP header of a frame (tcpconn_source.c) ---- */

/* What pinfo->layers says of a frame. */
typedef struct tcpconn_layers {
    guint tcp;              /* TCP layers */
    gboolean quoted;        /* inside an ICMP error */
} tcpconn_layers_t;

tcpconn_layers_t tcpconn_scan_layers(const packet_info *pinfo);
/* Exactly one TCP layer, not quoted: the frames tcpconn follows. */
gboolean tcpconn_layers_followed(tcpconn_layers_t ls);

typedef struct tcpconn_hdr {
    tc_segment_t seg;       /* seq, ack, len, window, flags; the caller sets the rest */
    address  src, dst;      /* shallow copies of the network layer's */
    guint16  sport, dport;
    guint32  stream;        /* tcp.stream */
    guint32  ip_len;        /* IP total length, for Zeek's ip_bytes (0: not known) */
    gboolean window_raw;    /* read from the bytes: tcpconn_window_from_bytes() scales it */
    guint8   cksum;         /* tc_zeek_cksum_t: checked only where TCP's preference asks */
    guint8   zflags;        /* TC_ZIN_*: what the Zeek view must know of the packet */
    tvbuff_t *tcp_tvb;      /* read from the bytes: where the TCP header is */
    guint    tcp_off, tcp_len;
    const void *tcpd;       /* then the TCP dissector's conversation state */
} tcpconn_hdr_t;

typedef enum {
    TCPCONN_HDR_NONE,       /* not a segment tcpconn follows */
    TCPCONN_HDR_OK,
    TCPCONN_HDR_CUT         /* TCP header incomplete: not judged */
} tcpconn_hdr_status_t;

/* First pass only: from the TCP tap, or from the frame's bytes. */
tcpconn_hdr_status_t tcpconn_read_header(packet_info *pinfo, tcpconn_hdr_t *h);
/* Any pass: the frame's segment for the tap's consumers (seq, ack,
 * flags, length; dir is not set), FALSE when not known. */
gboolean tcpconn_tap_segment(packet_info *pinfo, tc_segment_t *seg);
void tcpconn_source_init(void);
void tcpconn_source_cleanup(void);
void tcpconn_source_handoff(void);

/* ---- records (tcpconn_records.c) ---- */

/* An address and port pair, in one order whichever way a frame goes. */
typedef struct tcpconn_key {
    guint8  addr[2][16];
    guint16 port[2];
    guint8  alen;           /* 4 or 16 */
} tcpconn_key_t;

struct tcpconn_pair;

/* One connection (lifecycle) on an address and port pair.  Its summary is
 * updated on the first pass; once the capture has been read it is final. */
typedef struct tcpconn_conn {
    const tc_summary_t *sum;            /* the core's while current, a copy once ended;
                                         * NULL while its pair is lone or packed: tcpconn_conn_sum() */
    const struct tcpconn_pair *pair;
    guint32      stream;                /* tcp.stream of its first frame */
    guint16      number;                /* 1, 2 ... on this pair */
    guint16      not_judged;            /* its frames whose TCP header was cut short */
} tcpconn_conn_t;

/* A Zeek record of a pair that has ended. */
typedef struct tcpconn_zrecord {
    guint32          first_frame;
    tc_zeek_record_t rec;
} tcpconn_zrecord_t;

/* One address and port pair: both views' state (the core's connections,
 * Zeek's records), its connections and its ended records.
 *
 * A pair that has seen one packet is lone: it keeps that packet instead of
 * both views' state (tc_track_t, 456 bytes).  Most such pairs are
 * unanswered SYNs, of a scan or a flood.  Once its connection has closed,
 * the state is packed (tc_track_pack()) until a late packet wakes it.  The
 * views are pure, so a lone pair's state is made from its packet, exactly
 * as the packet left it, and a packed one unpacked, when someone asks for
 * the summary or the Zeek record. */
typedef enum {
    TCPCONN_PAIR_NEW,                   /* no packet yet */
    TCPCONN_PAIR_LONE,
    TCPCONN_PAIR_LIVE,
    TCPCONN_PAIR_PACKED
} tcpconn_pair_how_t;

typedef struct tcpconn_pair {
    tcpconn_key_t   key;
    guint8          slot0;              /* key slot of direction 0, the first frame's sender */
    gint8           ws[2];              /* TCP's window shift by direction after the last frame */
    guint8          ws_known;           /* (frames read from their bytes only) */
    guint8          how;                /* tcpconn_pair_how_t: what st holds */
    guint32         zfirst;             /* first frame of the open Zeek record */
    guint32         first_frame;        /* the pair's first frame */
    union {
        tc_packet_t *lone;              /* LONE: the one packet */
        tc_track_t  *track;             /* LIVE: both views' state */
        const guint8 *packed;           /* PACKED: that state, packed */
    } st;
    wmem_array_t   *zrecords;           /* tcpconn_zrecord_t of the ended Zeek records, in order */
    tcpconn_conn_t  first;              /* most pairs carry one connection */
    tcpconn_conn_t *conn;               /* the current one */
    wmem_array_t   *conns;              /* all of them in order, once there are two */
} tcpconn_pair_t;

void tcpconn_records_init(void);
/* A window read from the bytes, scaled as packet-tcp.c scaled it. */
void tcpconn_window_from_bytes(tcpconn_hdr_t *h, tcpconn_pair_t *pair, guint8 dir);
/* First pass: the pair of a header (created if new), and the direction of
 * the frame in it; NULL for addresses tcpconn cannot key. */
tcpconn_pair_t *tcpconn_pair_get(const tcpconn_hdr_t *h, guint8 *dir);
/* First pass: steps both views of the pair with the frame's packet; a new
 * connection on the pair (the core's TC_R_NEW_LIFE) starts at stream. */
void tcpconn_pair_step(tcpconn_pair_t *pair, const tc_packet_t *p, guint32 stream, tc_track_out_t *out);
/* Any pass: a connection's summary, in *scratch when the pair's state is
 * lone or packed; valid while *scratch is and until the next first-pass step. */
const tc_summary_t *tcpconn_conn_sum(const tcpconn_conn_t *conn, tc_summary_t *scratch);
/* Any pass: the connection of a followed frame, NULL if none. */
const tcpconn_conn_t *tcpconn_conn_of_frame(const packet_info *pinfo);
/* First pass: a frame of the connection was not judged. */
void tcpconn_count_not_judged(const packet_info *pinfo);
/* The address and port of the endpoint in direction dir. */
void tcpconn_conn_endpoint(const tcpconn_conn_t *conn, unsigned dir, address *addr, guint16 *port);
/* The stored results of the annotated frames: added in order on the first
 * pass (FALSE when res is not after the last one), found on any (copied
 * to out; FALSE when the frame has none). */
gboolean tcpconn_frames_add(const tc_result_t *res);
/* First pass, after adding res: tell the frame it links to. */
void tcpconn_frames_link(const tc_result_t *res);
gboolean tcpconn_frames_find(guint32 frame, tc_result_t *out);

/* ---- drawing ---- */

/* The Zeek record a frame belongs to: its number on the pair, and the
 * record (final once ended, so far while open). */
typedef struct tcpconn_zview {
    guint16 number;
    tc_zeek_record_t rec;
} tcpconn_zview_t;

/* Any pass: the frame's Zeek record; FALSE if the frame has none. */
gboolean tcpconn_zeek_of_frame(const tcpconn_conn_t *conn, guint32 num, tcpconn_zview_t *out);
/* First pass: a Zeek record ended before this frame, which starts the next. */
void tcpconn_zeek_record_ended(tcpconn_pair_t *pair, const tc_zeek_record_t *rec, guint32 frame);

/* What the "tcpconn" tap gets for each frame of a followed connection. */
typedef struct tcpconn_tap_data {
    const tcpconn_conn_t *conn;
    const tc_result_t *res;     /* NULL when the frame is not annotated (in the packet's memory) */
    const tcpconn_zview_t *zeek;    /* the frame's Zeek record */
    tc_segment_t seg;           /* the frame's TCP segment (raw seq/ack, flags, length), */
    gboolean have_seg;          /* when known; dir is not set */
} tcpconn_tap_data_t;

/* Per file: the ids drawing compares with (the expert tap is registered
 * after the plugins' handoffs). */
void tcpconn_draw_init(void);
/* Are expert infos looked at without a tree (an expert tap, an Expert column)? */
gboolean tcpconn_experts_seen(const packet_info *pinfo);
/* Is hf one of the Connection summary's fields ("so far" in one pass)? */
gboolean tcpconn_is_summary_field(int hf);
/* res or conn may be NULL; final: the whole capture has been read; info:
 * the Info column is being built. */
void tcpconn_draw(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                  const tc_result_t *res, const tcpconn_conn_t *conn, gboolean final, gboolean info);
/* A side of a connection by name: "client", "server", "originator",
 * "responder", "both", or NULL for none. */
const char *tcpconn_summary_sides(const tc_summary_t *s, tc_side_t side);
void tcpconn_draw_summary(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, proto_item *top,
                          const tcpconn_conn_t *conn, gboolean final, gboolean wanted, gboolean experts);
void tcpconn_register_stats(void);
void tcpconn_register_connlog(void);
void tcpconn_register_flow(void);

void proto_register_tcpconn(void);
void proto_reg_handoff_tcpconn(void);

#endif /* TCPCONN_GLUE_H */
