/* tcpconn_source.c
 * Where the first pass gets a frame's TCP header from, without asking
 * Wireshark for a protocol tree.
 *
 * From the TCP dissector's tap, normally: packet-tcp.c queues its
 * struct tcpheader on the "tcp" tap of every frame dissected with taps
 * (tshark's single pass, the GUI's first pass), before the postdissectors
 * run, and fetch_tapped_data() (epan/tap.h) returns it.  Tapping is only
 * active while some tap listener exists; ours is registered on "tcp" with
 * no callbacks and TL_IS_DISSECTOR_HELPER, so it forces neither a tree nor
 * a dissection, and only while the protocol is enabled.
 *
 * From the frame's bytes, where no taps run: the first pass of `tshark -2`
 * and any other first pass made with epan_dissect_run().  The network
 * layer's source address (pinfo->src, set by packet-ip.c and packet-ipv6.c
 * with set_address_tvb) points into its IP header; the TCP header follows
 * the IP header and its extension headers, or starts a reassembled
 * datagram.  The values are taken as packet-tcp.c takes them: the segment
 * length from the IP payload length, the window scaled by the factor the
 * TCP dissector learnt from the SYNs.
 *
 * The bytes are also read where TCP stopped before its tap (a header cut
 * short after the window): the segment is judged if what it is judged on
 * was captured.  Both ways follow the same frames: exactly one TCP layer,
 * not quoted in an ICMP error, over the frame's last network layer.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/packet.h>
#include <epan/tap.h>
#include <epan/prefs.h>
#include <epan/prefs-int.h>
#include <epan/conversation.h>
#include <epan/in_cksum.h>
#include <epan/dissectors/packet-tcp.h>
#include <epan/dissectors/packet-ip.h>

#include "tcpconn_glue.h"

static int proto_tcp = -1;
static int proto_icmp = -1;
static int proto_icmpv6 = -1;
static int tcp_tap_id = -1;
static int ip_tap_id = -1;
static int ipv6_tap_id = -1;
static gint default_window_shift = -1;  /* tcp.default_window_scaling, read per file */
static gboolean check_checksum;          /* tcp.check_checksum, read per file */
static gboolean listening;
static int tcp_listener;                 /* its address identifies our tap listener */

#define IP_PROTO_TCP_NUM 6

/* ---- which frames are followed ---- */

tcpconn_layers_t tcpconn_scan_layers(const packet_info *pinfo)
{
    tcpconn_layers_t ls = { 0, FALSE };

    for (wmem_list_frame_t *f = wmem_list_head(pinfo->layers); f; f = wmem_list_frame_next(f)) {
        int id = GPOINTER_TO_INT(wmem_list_frame_data(f));

        if (id == proto_tcp)
            ls.tcp++;
        else if (id == proto_icmp || id == proto_icmpv6)
            ls.quoted = TRUE;   /* a TCP header inside an ICMP error is a quote */
    }
    return ls;
}

gboolean tcpconn_layers_followed(tcpconn_layers_t ls)
{
    return ls.tcp == 1 && !ls.quoted;
}

static gboolean ip_address(const address *a)
{
    return (a->type == AT_IPv4 && a->len == 4) || (a->type == AT_IPv6 && a->len == 16);
}

/* ---- from the tap ---- */

static tcpconn_hdr_status_t from_bytes(packet_info *pinfo, tcpconn_hdr_t *h);

/* The IP length of the TCP layer's own IP header (the tapped IP header
 * with its addresses), as conn.log's ip_bytes count it. */
static guint32 tapped_ip_len(const struct tcpheader *th)
{
    guint32 len = 0;
    const ws_ip4 *ip4;
    const ws_ip6 *ip6;

    /* only the family of the TCP layer's addresses: each fetch walks the
     * frame's queue of tapped data */
    if (th->ip_src.type == AT_IPv4) {
        for (int i = 0; (ip4 = (const ws_ip4 *)fetch_tapped_data(ip_tap_id, i)) != NULL; i++) {
            if (addresses_equal(&ip4->ip_src, &th->ip_src) && addresses_equal(&ip4->ip_dst, &th->ip_dst))
                len = ip4->ip_len;
        }
        return len;
    }
    for (int i = 0; (ip6 = (const ws_ip6 *)fetch_tapped_data(ipv6_tap_id, i)) != NULL; i++) {
        if (addresses_equal(&ip6->ip6_src, &th->ip_src) && addresses_equal(&ip6->ip6_dst, &th->ip_dst))
            len = ip6->ip6_len + 40u;
    }
    return len;
}

static tcpconn_hdr_status_t from_tap(packet_info *pinfo, const struct tcpheader *th, tcpconn_hdr_t *h)
{
    if (!th->th_have_seglen)
        return TCPCONN_HDR_CUT;
    /* Cut by the snap length inside the TCP header (or its trailer): 4.0's
     * TCP dissector stops before its tap there, 4.4's queues it.  The
     * bytes tell what was captured, as on a first pass without taps. */
    if (pinfo->fd->cap_len < pinfo->fd->pkt_len && pinfo->fd->pkt_len - pinfo->fd->cap_len > th->th_seglen)
        return from_bytes(pinfo, h);
    if (!addresses_equal(&th->ip_src, &pinfo->src) || !addresses_equal(&th->ip_dst, &pinfo->dst)
        || th->th_sport != pinfo->srcport || th->th_dport != pinfo->destport)
        return TCPCONN_HDR_NONE;    /* the payload carries another network layer */
    h->seg.seq = th->th_rawseq;
    h->seg.ack = (th->th_flags & TC_ACK) ? th->th_rawack : 0;
    h->seg.len = th->th_seglen;
    h->seg.window = th->th_win;
    h->seg.flags = (uint8_t)(th->th_flags & 0x3f);
    h->stream = th->th_stream;
    h->ip_len = tapped_ip_len(th);
    return TCPCONN_HDR_OK;
}

/* ---- from the frame's bytes ---- */

/* Where the bytes of a header lie: a data source of the frame and an
 * offset in it. */
typedef struct place {
    tvbuff_t *tvb;
    guint off;
} place_t;

/* The data source (the frame, or a reassembled buffer) holding p. */
static gboolean locate(const packet_info *pinfo, const guint8 *p, place_t *at)
{
    for (GSList *l = pinfo->data_src; l; l = l->next) {
        tvbuff_t *ds = get_data_source_tvb((const struct data_source *)l->data);
        guint len = tvb_captured_length(ds);
        const guint8 *base = len ? tvb_get_ptr(ds, 0, len) : NULL;

        if (base && (guintptr)p >= (guintptr)base && (guintptr)p < (guintptr)base + len) {
            at->tvb = ds;
            at->off = (guint)((guintptr)p - (guintptr)base);
            return TRUE;
        }
    }
    return FALSE;
}

/* The TCP header of a reassembled datagram starts its data source. */
static gboolean reassembled(packet_info *pinfo, const char *name, place_t *tcp, guint *reported)
{
    tvbuff_t *ds = get_data_source_tvb_by_name(pinfo, name);

    if (!ds)
        return FALSE;
    tcp->tvb = ds;
    tcp->off = 0;
    *reported = tvb_reported_length(ds);
    return TRUE;
}

/* What the IP layer hands on: min(its length field, what the frame has),
 * as packet-ip.c's set_actual_length(); a zero length (TSO) takes all. */
static guint ip_payload_reported(const place_t *ip, guint ip_len, guint hdr_len)
{
    guint avail = tvb_reported_length_remaining(ip->tvb, (gint)ip->off) > 0
                ? (guint)tvb_reported_length_remaining(ip->tvb, (gint)ip->off) : 0;
    guint total = ip_len && ip_len < avail ? ip_len : avail;

    return total > hdr_len ? total - hdr_len : 0;
}

static tcpconn_hdr_status_t ipv4_payload(packet_info *pinfo, const place_t *ip, place_t *tcp, guint *reported)
{
    place_t hdr;
    guint hl;

    if (ip->off < 12 || !tvb_bytes_exist(ip->tvb, (gint)(ip->off - 12), 20))
        return TCPCONN_HDR_NONE;
    hdr.tvb = ip->tvb;
    hdr.off = ip->off - 12;                         /* the source address is at offset 12 */
    hl = (tvb_get_guint8(hdr.tvb, hdr.off) & 0x0f) * 4u;
    if ((tvb_get_guint8(hdr.tvb, hdr.off) >> 4) != 4 || hl < 20
        || tvb_get_guint8(hdr.tvb, hdr.off + 9) != IP_PROTO_TCP_NUM)
        return TCPCONN_HDR_NONE;
    if (tvb_get_ntohs(hdr.tvb, hdr.off + 6) & 0x3fff)  /* MF or an offset: a fragment */
        return reassembled(pinfo, "Reassembled IPv4", tcp, reported) ? TCPCONN_HDR_OK : TCPCONN_HDR_CUT;
    *reported = ip_payload_reported(&hdr, tvb_get_ntohs(hdr.tvb, hdr.off + 2), hl);
    tcp->tvb = hdr.tvb;
    tcp->off = hdr.off + hl;
    return TCPCONN_HDR_OK;
}

/* Extension headers before TCP (RFC 8200 section 4); a fragment other
 * than an atomic one means the header is in the reassembled datagram. */
static tcpconn_hdr_status_t ipv6_payload(packet_info *pinfo, const place_t *ip, place_t *tcp, guint *reported)
{
    place_t hdr;
    guint nxt, off = 40, plen;

    if (ip->off < 8 || !tvb_bytes_exist(ip->tvb, (gint)(ip->off - 8), 40))
        return TCPCONN_HDR_NONE;
    hdr.tvb = ip->tvb;
    hdr.off = ip->off - 8;                          /* the source address is at offset 8 */
    if ((tvb_get_guint8(hdr.tvb, hdr.off) >> 4) != 6)
        return TCPCONN_HDR_NONE;
    plen = tvb_get_ntohs(hdr.tvb, hdr.off + 4);
    nxt = tvb_get_guint8(hdr.tvb, hdr.off + 6);
    while (nxt != IP_PROTO_TCP_NUM) {
        if (!tvb_bytes_exist(hdr.tvb, (gint)(hdr.off + off), 8))
            return TCPCONN_HDR_NONE;
        if (nxt == 44) {                            /* fragment header */
            if (tvb_get_ntohs(hdr.tvb, hdr.off + off + 2) & 0xfff9)
                return reassembled(pinfo, "Reassembled IPv6", tcp, reported) ? TCPCONN_HDR_OK : TCPCONN_HDR_CUT;
            nxt = tvb_get_guint8(hdr.tvb, hdr.off + off);
            off += 8;
        } else if (nxt == 0 || nxt == 43 || nxt == 60 || nxt == 51) {
            guint elen = nxt == 51 ? (tvb_get_guint8(hdr.tvb, hdr.off + off + 1) + 2u) * 4u
                                   : (tvb_get_guint8(hdr.tvb, hdr.off + off + 1) + 1u) * 8u;
            nxt = tvb_get_guint8(hdr.tvb, hdr.off + off);
            off += elen;
        } else {
            return TCPCONN_HDR_NONE;
        }
    }
    *reported = ip_payload_reported(&hdr, plen ? plen + 40u : 0, off);
    tcp->tvb = hdr.tvb;
    tcp->off = hdr.off + off;
    return TCPCONN_HDR_OK;
}

/* The TCP dissector's state of the segment's conversation, for its stream
 * index and its window scaling. */
static void conversation_of(packet_info *pinfo, tcpconn_hdr_t *h)
{
    conversation_t *conv = find_conversation(pinfo->num, &pinfo->src, &pinfo->dst, CONVERSATION_TCP,
                                             pinfo->srcport, pinfo->destport, 0);
    struct tcp_analysis *tcpd = conv ? get_tcp_conversation_data(conv, pinfo) : NULL;

    h->tcpd = tcpd;
    if (tcpd)
        h->stream = tcpd->stream;
}

/* The window as packet-tcp.c computes it: SYNs never scaled, others by the
 * shift it learnt from the SYNs, or by its default-scaling preference.  A
 * window scale option in this very segment has already changed the
 * dissector's shift, which is why the pair keeps the shift each direction
 * had after the previous frame. */
void tcpconn_window_from_bytes(tcpconn_hdr_t *h, tcpconn_pair_t *pair, guint8 dir)
{
    const struct tcp_analysis *tcpd = (const struct tcp_analysis *)h->tcpd;
    gint shift;

    if (!h->window_raw || !tcpd)
        return;
    shift = pair->ws_known ? pair->ws[dir] : -1;
    if (!(h->seg.flags & TC_SYN)) {
        if (shift >= 0)
            h->seg.window <<= shift;
        else if (shift == -1 && default_window_shift >= 0)
            h->seg.window <<= default_window_shift;
    }
    pair->ws[dir] = (gint8)tcpd->fwd->win_scale;
    pair->ws[dir ^ 1u] = (gint8)tcpd->rev->win_scale;
    pair->ws_known = TRUE;
}

/* The TCP header at tcp: the values packet-tcp.c would queue; ip_hdr:
 * the IP header's bytes before it (with extension headers). */
static tcpconn_hdr_status_t tcp_fields(packet_info *pinfo, const place_t *tcp, guint reported, guint ip_hdr,
                                       tcpconn_hdr_t *h)
{
    guint hlen;

    if (!tvb_bytes_exist(tcp->tvb, (gint)tcp->off, 4) || tvb_get_ntohs(tcp->tvb, tcp->off) != pinfo->srcport
        || tvb_get_ntohs(tcp->tvb, tcp->off + 2) != pinfo->destport)
        return TCPCONN_HDR_NONE;
    /* what a segment is judged on, up to the window, must be there; a
     * header length under the minimum is bogus, and a segment shorter
     * than its header has no length (packet-tcp.c says the same) */
    if (!tvb_bytes_exist(tcp->tvb, (gint)tcp->off, 16))
        return TCPCONN_HDR_CUT;
    hlen = (tvb_get_guint8(tcp->tvb, tcp->off + 12) >> 4) * 4u;
    if (hlen < 20 || reported < hlen)
        return TCPCONN_HDR_CUT;
    h->tcp_tvb = tcp->tvb;
    h->tcp_off = tcp->off;
    h->tcp_len = reported;
    if (!tvb_bytes_exist(tcp->tvb, (gint)tcp->off, (gint)hlen))
        h->zflags |= TC_ZIN_BAD_HEADER;     /* Zeek skips a segment whose header is cut short */
    h->seg.flags = (uint8_t)(tvb_get_guint8(tcp->tvb, tcp->off + 13) & 0x3f);
    h->seg.seq = tvb_get_ntohl(tcp->tvb, tcp->off + 4);
    h->seg.ack = (h->seg.flags & TC_ACK) ? tvb_get_ntohl(tcp->tvb, tcp->off + 8) : 0;
    h->seg.len = reported - hlen;
    h->seg.window = tvb_get_ntohs(tcp->tvb, tcp->off + 14);
    h->window_raw = TRUE;           /* scaled once the pair is known */
    h->ip_len = ip_hdr + reported;
    conversation_of(pinfo, h);
    return TCPCONN_HDR_OK;
}

/* The IP header's length before the TCP header: src_off is where the
 * source address sits in the IP header; a reassembled datagram's TCP
 * header is in a buffer of its own, after a 20-byte IPv4 or 40-byte IPv6
 * header as far as ip_bytes go. */
static guint ip_header_len(const place_t *ip, const place_t *tcp, guint src_off)
{
    if (tcp->tvb != ip->tvb || tcp->off < ip->off - src_off)
        return src_off == 12 ? 20u : 40u;
    return tcp->off - (ip->off - src_off);
}

/* IPv4: packet-ip.c points the source address into the header. */
static tcpconn_hdr_status_t from_ipv4_bytes(packet_info *pinfo, tcpconn_hdr_t *h)
{
    place_t ip, tcp;
    guint reported = 0;
    tcpconn_hdr_status_t st;

    if (!locate(pinfo, (const guint8 *)pinfo->src.data, &ip))
        return TCPCONN_HDR_NONE;
    st = ipv4_payload(pinfo, &ip, &tcp, &reported);
    return st == TCPCONN_HDR_OK ? tcp_fields(pinfo, &tcp, reported, ip_header_len(&ip, &tcp, 12), h) : st;
}

/* IPv6: packet-ipv6.c copies the addresses, so the header is found by its
 * source and destination, which follow each other at offset 8; the first
 * header with them that carries this segment is it. */
static tcpconn_hdr_status_t from_ipv6_bytes(packet_info *pinfo, tcpconn_hdr_t *h)
{
    for (GSList *l = pinfo->data_src; l; l = l->next) {
        tvbuff_t *ds = get_data_source_tvb((const struct data_source *)l->data);
        guint len = tvb_captured_length(ds);
        const guint8 *base = len >= 40 ? tvb_get_ptr(ds, 0, len) : NULL;

        for (guint off = 8; base && off + 32 <= len; off++) {
            place_t ip = { ds, off }, tcp;
            guint reported = 0;
            tcpconn_hdr_status_t st;

            if (memcmp(base + off, pinfo->src.data, 16) != 0 || memcmp(base + off + 16, pinfo->dst.data, 16) != 0)
                continue;
            st = ipv6_payload(pinfo, &ip, &tcp, &reported);
            if (st == TCPCONN_HDR_OK)
                st = tcp_fields(pinfo, &tcp, reported, ip_header_len(&ip, &tcp, 8), h);
            if (st != TCPCONN_HDR_NONE)
                return st;
        }
    }
    return TCPCONN_HDR_NONE;
}

static tcpconn_hdr_status_t from_bytes(packet_info *pinfo, tcpconn_hdr_t *h)
{
    return pinfo->src.type == AT_IPv4 ? from_ipv4_bytes(pinfo, h) : from_ipv6_bytes(pinfo, h);
}

#ifdef TCPCONN_CHECK_SOURCES
/* A test build (TCPCONN_CHECK_SOURCES) reads the bytes as well where the
 * tap is there, and says so on stderr where they differ.  The window is
 * compared raw, scaled as the tap scaled it. */
static void check_sources(packet_info *pinfo, tcpconn_hdr_status_t st, const tcpconn_hdr_t *h)
{
    tcpconn_hdr_t b;
    tcpconn_hdr_status_t bst;
    const struct tcp_analysis *tcpd;
    guint32 win;

    memset(&b, 0, sizeof b);
    bst = from_bytes(pinfo, &b);
    tcpd = (const struct tcp_analysis *)b.tcpd;
    win = b.seg.window;
    if (!(b.seg.flags & TC_SYN) && tcpd && tcpd->fwd->win_scale >= 0)
        win <<= tcpd->fwd->win_scale;
    if (h->window_raw)
        return;     /* the tap was missing: these are the bytes already */
    if (bst != st || (st == TCPCONN_HDR_OK && (b.seg.seq != h->seg.seq || b.seg.ack != h->seg.ack
        || b.seg.len != h->seg.len || b.seg.flags != h->seg.flags || b.stream != h->stream
        || (win != h->seg.window && b.seg.window != h->seg.window))))
        fprintf(stderr, "tcpconn: TCP header sources differ on frame %u: tap %d seq %u ack %u len %u win %u "
                "flags %#x stream %u; bytes %d seq %u ack %u len %u win %u flags %#x stream %u\n",
                pinfo->num, st, h->seg.seq, h->seg.ack, h->seg.len, h->seg.window, h->seg.flags, h->stream,
                bst, b.seg.seq, b.seg.ack, b.seg.len, b.seg.window, b.seg.flags, b.stream);
}
#endif

/* ---- the checksum, where TCP's preference asks for it ---- */

/* The TCP checksum over the pseudo-header and the whole segment (RFC 9293
 * section 3.1), as packet-tcp.c checks it when its "Validate the TCP
 * checksum if possible" preference is on: only a segment captured whole
 * can be checked. */
static guint8 checksum_of(const packet_info *pinfo, const tcpconn_hdr_t *h)
{
    vec_t v[4];
    guint32 phdr[2];

    if (!h->tcp_tvb || !tvb_bytes_exist(h->tcp_tvb, (gint)h->tcp_off, (gint)h->tcp_len))
        return TC_ZEEK_CKSUM_UNKNOWN;
    SET_CKSUM_VEC_PTR(v[0], (const guint8 *)pinfo->src.data, pinfo->src.len);
    SET_CKSUM_VEC_PTR(v[1], (const guint8 *)pinfo->dst.data, pinfo->dst.len);
    if (pinfo->src.type == AT_IPv4) {
        phdr[0] = g_htonl((IP_PROTO_TCP_NUM << 16) + h->tcp_len);
        SET_CKSUM_VEC_PTR(v[2], (const guint8 *)phdr, 4);
    } else {
        phdr[0] = g_htonl(h->tcp_len);
        phdr[1] = g_htonl(IP_PROTO_TCP_NUM);
        SET_CKSUM_VEC_PTR(v[2], (const guint8 *)phdr, 8);
    }
    SET_CKSUM_VEC_TVB(v[3], h->tcp_tvb, h->tcp_off, h->tcp_len);
    return in_cksum(v, 4) == 0 ? TC_ZEEK_CKSUM_GOOD : TC_ZEEK_CKSUM_BAD;
}

static void check_sum(packet_info *pinfo, tcpconn_hdr_t *h)
{
    tcpconn_hdr_t b;

    if (!check_checksum)
        return;
    if (!h->tcp_tvb) {      /* from the tap: find the bytes */
        memset(&b, 0, sizeof b);
        if (from_bytes(pinfo, &b) != TCPCONN_HDR_OK)
            return;
        h->tcp_tvb = b.tcp_tvb;
        h->tcp_off = b.tcp_off;
        h->tcp_len = b.tcp_len;
    }
    h->cksum = checksum_of(pinfo, h);
}

/* ---- the interface ---- */

tcpconn_hdr_status_t tcpconn_read_header(packet_info *pinfo, tcpconn_hdr_t *h)
{
    const struct tcpheader *th;
    tcpconn_hdr_status_t st;

    memset(h, 0, sizeof *h);
    if (pinfo->ptype != PT_TCP || !ip_address(&pinfo->src) || !ip_address(&pinfo->dst)
        || pinfo->src.type != pinfo->dst.type)
        return TCPCONN_HDR_CUT;     /* TCP stopped before its ports */
    /* no tapped header: no taps run, or TCP stopped before its tap;
     * either way the bytes tell what is there */
    th = (const struct tcpheader *)fetch_tapped_data(tcp_tap_id, 0);
    st = th ? from_tap(pinfo, th, h) : from_bytes(pinfo, h);
#ifdef TCPCONN_CHECK_SOURCES
    if (st != TCPCONN_HDR_NONE && th)
        check_sources(pinfo, st, h);
#endif
    if (st == TCPCONN_HDR_OK) {
        check_sum(pinfo, h);
        h->src = pinfo->src;
        h->dst = pinfo->dst;
        h->sport = (guint16)pinfo->srcport;
        h->dport = (guint16)pinfo->destport;
    }
    return st;
}

gboolean tcpconn_tap_segment(packet_info *pinfo, tc_segment_t *seg)
{
    tcpconn_hdr_t h;

    if (tcpconn_read_header(pinfo, &h) != TCPCONN_HDR_OK)
        return FALSE;
    *seg = h.seg;
    return TRUE;
}

/* Per file: listen on "tcp" while the protocol is enabled (and only then,
 * so that a disabled tcpconn costs nothing), and take TCP's preference. */
void tcpconn_source_init(void)
{
    module_t *tcp = prefs_find_module("tcp");
    pref_t *pref = tcp ? prefs_find_preference(tcp, "default_window_scaling") : NULL;
    GString *err;

    default_window_shift = pref ? prefs_get_enum_value(pref, pref_current) : -1;
    pref = tcp ? prefs_find_preference(tcp, "check_checksum") : NULL;
    check_checksum = pref ? prefs_get_bool_value(pref, pref_current) : FALSE;
    if (!proto_is_protocol_enabled(find_protocol_by_id(proto_tcpconn)) || listening)
        return;
    err = register_tap_listener("tcp", &tcp_listener, NULL, TL_IS_DISSECTOR_HELPER, NULL, NULL, NULL, NULL);
    if (err)
        g_string_free(err, TRUE);   /* no TCP tap: every first pass reads the bytes */
    listening = err == NULL;
}

void tcpconn_source_cleanup(void)
{
    if (listening)
        remove_tap_listener(&tcp_listener);
    listening = FALSE;
}

void tcpconn_source_handoff(void)
{
    proto_tcp = proto_get_id_by_filter_name("tcp");
    proto_icmp = proto_get_id_by_filter_name("icmp");
    proto_icmpv6 = proto_get_id_by_filter_name("icmpv6");
    tcp_tap_id = find_tap_id("tcp");
    ip_tap_id = find_tap_id("ip");
    ipv6_tap_id = find_tap_id("ipv6");
}
