/* tcpconn_records.c
 * What the glue keeps in file scope: one record per address and port pair
 * (the core's state and the connections on the pair), and the results of
 * the annotated frames.
 *
 * Memory is per connection, not per frame: a frame that carries nothing
 * costs nothing, an annotated one only its packed result in one
 * frame-ordered store (no per-frame proto_data).  The first pass sees
 * frames in order, so the store is sorted; later passes look a frame up by
 * halves, or at once when they too go in order.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include <epan/packet.h>
#include <wsutil/wmem/wmem.h>

#include "tcpconn_glue.h"

/* ---- pairs ---- */

static wmem_map_t *pairs;

static guint key_hash(gconstpointer k)
{
    const tcpconn_key_t *key = (const tcpconn_key_t *)k;
    guint32 w[2];
    guint hash = (guint)key->port[0] * 65599u + key->port[1];

    for (guint i = 0; i < key->alen; i += 4) {
        memcpy(w, &key->addr[0][i], 4);
        memcpy(&w[1], &key->addr[1][i], 4);
        hash = (hash ^ w[0]) * 0x9e3779b1u;
        hash = (hash ^ w[1]) * 0x85ebca77u;
    }
    return hash ^ (hash >> 15);
}

static gboolean key_equal(gconstpointer x, gconstpointer y)
{
    return memcmp(x, y, sizeof(tcpconn_key_t)) == 0;
}

/* The key names the pair in one order whichever way the frame goes; *slot
 * is the sender's place in it. */
static void key_make(tcpconn_key_t *key, const address *src, const address *dst,
                     guint16 sport, guint16 dport, guint *slot)
{
    int order;

    memset(key, 0, sizeof *key);
    key->alen = (guint8)src->len;
    order = memcmp(src->data, dst->data, src->len);
    *slot = (order > 0 || (order == 0 && sport > dport)) ? 1 : 0;
    memcpy(key->addr[*slot], src->data, src->len);
    memcpy(key->addr[*slot ^ 1u], dst->data, dst->len);
    key->port[*slot] = sport;
    key->port[*slot ^ 1u] = dport;
}

static gboolean key_from_addresses(tcpconn_key_t *key, const address *src, const address *dst,
                                   guint32 sport, guint32 dport, guint *slot)
{
    if (src->type != dst->type || src->len != dst->len || (src->len != 4 && src->len != 16))
        return FALSE;
    key_make(key, src, dst, (guint16)sport, (guint16)dport, slot);
    return TRUE;
}

/* The pair found last: consecutive frames are often of one connection
 * (a transfer, a burst), and comparing with it is cheaper than a key and
 * a lookup. */
static tcpconn_pair_t *last_pair;

/* Is the frame of this pair?  *slot: the sender's slot, as key_make()
 * would give it (the slots differ in address or port, unless the pair
 * talks to itself on one port, where both are slot 0). */
static gboolean pair_is(const tcpconn_pair_t *pair, const address *src, const address *dst,
                        guint32 sport, guint32 dport, guint *slot)
{
    const tcpconn_key_t *k = &pair->key;

    if (src->len != k->alen || dst->len != k->alen || src->type != dst->type)
        return FALSE;
    for (guint s = 0; s < 2; s++) {
        if (k->port[s] == sport && k->port[s ^ 1u] == dport && memcmp(k->addr[s], src->data, k->alen) == 0
            && memcmp(k->addr[s ^ 1u], dst->data, k->alen) == 0) {
            *slot = s;
            return TRUE;
        }
    }
    return FALSE;
}

/* The pair of the addresses and ports, NULL if none yet.  *key is made
 * when the last pair is not it; its alen stays 0 for addresses tcpconn
 * cannot key. */
static tcpconn_pair_t *pair_find(const address *src, const address *dst, guint32 sport, guint32 dport,
                                 tcpconn_key_t *key, guint *slot)
{
    tcpconn_pair_t *pair;

    key->alen = 0;
    if (last_pair && pair_is(last_pair, src, dst, sport, dport, slot))
        return last_pair;
    if (!key_from_addresses(key, src, dst, sport, dport, slot))
        return NULL;
    pair = (tcpconn_pair_t *)wmem_map_lookup(pairs, key);
    if (pair)
        last_pair = pair;
    return pair;
}

/* A new pair has no state until its first packet (tcpconn_pair_t). */
tcpconn_pair_t *tcpconn_pair_get(const tcpconn_hdr_t *h, guint8 *dir)
{
    tcpconn_key_t key;
    tcpconn_pair_t *pair;
    guint slot;

    pair = pair_find(&h->src, &h->dst, h->sport, h->dport, &key, &slot);
    if (!pair && !key.alen)
        return NULL;
    if (!pair) {
        pair = wmem_new0(wmem_file_scope(), tcpconn_pair_t);
        pair->key = key;
        pair->slot0 = (guint8)slot;   /* direction 0 sent the pair's first frame */
        pair->first.pair = pair;
        pair->first.stream = h->stream;
        pair->conn = &pair->first;
        wmem_map_insert(pairs, &pair->key, pair);
        last_pair = pair;
    }
    *dir = (guint8)(slot ^ pair->slot0);
    return pair;
}

/* ---- a pair's state: lone, live or packed ---- */

/* Memory a pair no longer needs (the packet of a pair that is no longer
 * lone, the state of one that is packed) is kept for the next pairs:
 * wmem's block allocator would leave most of it unused, between larger
 * records. */
typedef union spare_packet {
    tc_packet_t packet;
    union spare_packet *next;
} spare_packet_t;

typedef union spare_track {
    tc_track_t track;
    union spare_track *next;
} spare_track_t;

static spare_packet_t *spare_packets;
static spare_track_t *spare_tracks;

static tc_packet_t *lone_new(const tc_packet_t *p)
{
    spare_packet_t *sp = spare_packets;

    if (sp)
        spare_packets = sp->next;
    else
        sp = wmem_new(wmem_file_scope(), spare_packet_t);
    sp->packet = *p;
    return &sp->packet;
}

static void lone_free(tc_packet_t *p)
{
    spare_packet_t *sp = (spare_packet_t *)p;

    sp->next = spare_packets;
    spare_packets = sp;
}

static tc_track_t *track_new(void)
{
    spare_track_t *st = spare_tracks;

    if (st)
        spare_tracks = st->next;
    else
        st = wmem_new(wmem_file_scope(), spare_track_t);
    return &st->track;
}

static void track_free(tc_track_t *t)
{
    spare_track_t *st = (spare_track_t *)t;

    st->next = spare_tracks;
    spare_tracks = st;
}

/* Packed states are written one after another into large blocks.  Each
 * is written once, when its connection closes, and kept with the file: a
 * late packet that wakes the state leaves its packed copy unused, so a
 * connection leaves at most one behind. */
#define PACKED_BLOCK 65536u
_Static_assert(TC_TRACK_PACKED_MAX <= PACKED_BLOCK, "a packed state fits a block");

static guint8 *packed_next;
static gsize packed_left;

static guint8 *packed_new(const guint8 *bytes, gsize len)
{
    guint8 *p;

    if (len > packed_left) {
        packed_next = (guint8 *)wmem_alloc(wmem_file_scope(), PACKED_BLOCK);
        packed_left = PACKED_BLOCK;
    }
    p = packed_next;
    memcpy(p, bytes, len);
    packed_next += len;
    packed_left -= len;
    return p;
}

/* A lone or packed pair's state, to read: made from the packet, or
 * unpacked, into one place kept for the pair read last (a pass often
 * reads the frames of one connection together).  The views are pure, so
 * it is the state the pair had. */
static struct {
    const tcpconn_pair_t *pair;
    tc_track_t track;
} view;

static const tc_track_t *pair_view(const tcpconn_pair_t *pair)
{
    tc_track_out_t out;

    if (pair->how == TCPCONN_PAIR_LIVE)
        return pair->st.track;
    if (view.pair != pair) {
        if (pair->how == TCPCONN_PAIR_LONE) {
            tc_track_init(&view.track);
            tc_track_step(&view.track, pair->st.lone, &out);
        } else {
            tc_track_unpack(pair->st.packed, &view.track);
        }
        view.pair = pair;
    }
    return &view.track;
}

/* First pass: the state of a pair that has had a packet, to step. */
static tc_track_t *pair_live(tcpconn_pair_t *pair)
{
    tc_track_t *t;

    if (pair->how == TCPCONN_PAIR_LIVE)
        return pair->st.track;
    t = track_new();
    *t = *pair_view(pair);
    if (pair->how == TCPCONN_PAIR_LONE)
        lone_free(pair->st.lone);
    view.pair = NULL;
    pair->st.track = t;
    pair->how = TCPCONN_PAIR_LIVE;
    pair->conn->sum = tc_pair_summary(&t->core);    /* the current connection follows the core again */
    return t;
}

/* First pass: the pair's connection has closed.  Its state is packed
 * (from 456 bytes to about 220) until a late packet wakes it; most pairs
 * see none.  It is packed at the next step of another pair, so that the
 * closing frame's own drawing and taps, and a packet right after it, find
 * it as it is. */
static tcpconn_pair_t *closing;

/* For the tests (TCPCONN_TEST_PACK_EVERY_STEP in the environment when a
 * file is opened): every pair is packed after each of its steps, so that
 * every frame is drawn from a packed state and every step wakes one.  The
 * output must not change. */
static gboolean pack_every_step;

static void pair_pack(tcpconn_pair_t *pair)
{
    guint8 bytes[TC_TRACK_PACKED_MAX];
    gsize len = tc_track_pack(pair->st.track, bytes);

    track_free(pair->st.track);
    pair->st.packed = packed_new(bytes, len);
    pair->how = TCPCONN_PAIR_PACKED;
    pair->conn->sum = NULL;
}

/* A connection after the pair's first one. */
static void conn_init(tcpconn_conn_t *conn, tcpconn_pair_t *pair, guint32 stream)
{
    const tc_pair_t *core = &pair_live(pair)->core;

    memset(conn, 0, sizeof *conn);
    conn->sum = tc_pair_summary(core);
    conn->pair = pair;
    conn->number = (guint16)tc_pair_lifecycle(core);
    conn->stream = stream;
}

/* The pair's current connection ended as a new one began: it keeps a copy
 * of its summary, the new one follows the core's. */
static void pair_new_conn(tcpconn_pair_t *pair, const tc_summary_t *ended, guint32 stream)
{
    tc_summary_t *copy = wmem_new(wmem_file_scope(), tc_summary_t);
    tcpconn_conn_t *conn = wmem_new(wmem_file_scope(), tcpconn_conn_t);

    *copy = *ended;
    pair->conn->sum = copy;
    if (!pair->conns) {
        pair->conns = wmem_array_new(wmem_file_scope(), sizeof(tcpconn_conn_t *));
        wmem_array_append_one(pair->conns, pair->conn);
    }
    conn_init(conn, pair, stream);
    pair->conn = conn;
    wmem_array_append_one(pair->conns, conn);
}

void tcpconn_pair_step(tcpconn_pair_t *pair, const tc_packet_t *p, guint32 stream, tc_track_out_t *out)
{
    tc_track_t *t;
    gboolean was_closed;

    if (pair->how == TCPCONN_PAIR_NEW) {
        /* the first packet: stepped on the view, the lone pair's state
         * for the frame's own drawing and taps (and its next packet, if
         * no other pair's view comes between) */
        tc_track_init(&view.track);
        pair->first.number = (guint16)tc_pair_lifecycle(&view.track.core);
        tc_track_step(&view.track, p, out);
        view.pair = pair;
        pair->first_frame = p->seg.frame;
        pair->st.lone = lone_new(p);
        pair->how = TCPCONN_PAIR_LONE;
        return;
    }
    if (closing && closing != pair) {
        if (tc_pair_closed(&closing->st.track->core))
            pair_pack(closing);
        closing = NULL;
    }
    t = pair_live(pair);
    was_closed = tc_pair_closed(&t->core);
    tc_track_step(t, p, out);
    if (out->res.flags & TC_R_NEW_LIFE)
        pair_new_conn(pair, &out->conn_ended, stream);
    if (pack_every_step)
        pair_pack(pair);        /* (closing is never set then) */
    else if (!was_closed && tc_pair_closed(&t->core))
        closing = pair;
}

/* A connection's summary: the core's or a copy (conn->sum), else the
 * pair's state is lone or packed and the summary is made or unpacked into
 * *scratch. */
const tc_summary_t *tcpconn_conn_sum(const tcpconn_conn_t *conn, tc_summary_t *scratch)
{
    const tcpconn_pair_t *pair = conn->pair;

    if (conn->sum)
        return conn->sum;
    if (pair->how == TCPCONN_PAIR_PACKED && view.pair != pair)
        tc_track_unpack_summary(pair->st.packed, scratch);
    else
        *scratch = *tc_pair_summary(&pair_view(pair)->core);
    return scratch;
}

static guint32 conn_first_frame(const tcpconn_conn_t *conn)
{
    tc_summary_t scratch;

    return conn == &conn->pair->first ? conn->pair->first_frame : tcpconn_conn_sum(conn, &scratch)->first_frame;
}

/* The connection a frame belongs to: the latest one that began at or
 * before it (none for a frame before the pair's first, such as a header
 * cut short).  Most pairs carry one; a pair reused many times is searched
 * by halves. */
static const tcpconn_conn_t *conn_at(const tcpconn_pair_t *pair, guint32 num)
{
    guint lo = 0, hi;

    if (num < pair->first_frame)
        return NULL;
    if (!pair->conns)
        return pair->conn;
    hi = wmem_array_get_count(pair->conns);
    while (hi - lo > 1) {      /* invariant: conns[lo] began at or before num, or lo == 0 */
        guint mid = lo + (hi - lo) / 2;
        const tcpconn_conn_t *c = *(const tcpconn_conn_t **)wmem_array_index(pair->conns, mid);

        if (conn_first_frame(c) <= num)
            lo = mid;
        else
            hi = mid;
    }
    return *(const tcpconn_conn_t **)wmem_array_index(pair->conns, lo);
}

/* On any pass: the frame's connection, from its addresses and ports
 * (those of its one TCP layer, which the first pass made sure of). */
const tcpconn_conn_t *tcpconn_conn_of_frame(const packet_info *pinfo)
{
    tcpconn_key_t key;
    const tcpconn_pair_t *pair;
    guint slot;

    if (pinfo->ptype != PT_TCP)
        return NULL;
    pair = pair_find(&pinfo->src, &pinfo->dst, pinfo->srcport, pinfo->destport, &key, &slot);
    return pair ? conn_at(pair, pinfo->num) : NULL;
}

void tcpconn_count_not_judged(const packet_info *pinfo)
{
    tcpconn_conn_t *conn = (tcpconn_conn_t *)tcpconn_conn_of_frame(pinfo);

    if (conn && conn->not_judged < G_MAXUINT16)
        conn->not_judged++;
}

void tcpconn_conn_endpoint(const tcpconn_conn_t *conn, unsigned dir, address *addr, guint16 *port)
{
    const tcpconn_key_t *key = &conn->pair->key;
    unsigned slot = (dir ^ conn->pair->slot0) & 1u;

    set_address(addr, key->alen == 4 ? AT_IPv4 : AT_IPv6, key->alen, key->addr[slot]);
    *port = key->port[slot];
}

/* ---- Zeek records ---- */

void tcpconn_zeek_record_ended(tcpconn_pair_t *pair, const tc_zeek_record_t *rec, guint32 frame)
{
    tcpconn_zrecord_t ended;

    if (!pair->zrecords)
        pair->zrecords = wmem_array_new(wmem_file_scope(), sizeof(tcpconn_zrecord_t));
    ended.first_frame = pair->zfirst;
    ended.rec = *rec;
    wmem_array_append_one(pair->zrecords, ended);
    pair->zfirst = frame;
}

/* The record a frame belongs to: the open one from its first frame on,
 * else the latest ended one that began at or before the frame. */
gboolean tcpconn_zeek_of_frame(const tcpconn_conn_t *conn, guint32 num, tcpconn_zview_t *out)
{
    tcpconn_pair_t *pair = (tcpconn_pair_t *)conn->pair;
    guint lo = 0, hi = pair->zrecords ? wmem_array_get_count(pair->zrecords) : 0;
    const tcpconn_zrecord_t *z;

    if (num >= pair->zfirst) {
        const tc_zeek_t *zeek = &pair_view(pair)->zeek;

        out->number = (guint16)tc_zeek_record_number(zeek);
        tc_zeek_snapshot(zeek, &out->rec);
        return out->number != 0;
    }
    if (!hi)
        return FALSE;
    while (hi - lo > 1) {
        guint mid = lo + (hi - lo) / 2;

        z = (const tcpconn_zrecord_t *)wmem_array_index(pair->zrecords, mid);
        if (z->first_frame <= num)
            lo = mid;
        else
            hi = mid;
    }
    z = (const tcpconn_zrecord_t *)wmem_array_index(pair->zrecords, lo);
    if (z->first_frame > num)
        return FALSE;
    out->number = (guint16)(lo + 1);
    out->rec = z->rec;
    return TRUE;
}

/* ---- annotated frames, in frame order ---- */

/* A stored result is a tc_result_t up to its time slot (TC_RESULT_HEAD
 * bytes).  The slot and the retry tail after it are zero on most frames,
 * so the frames whose slot is not keep it in a second list, and those
 * whose tail is not their whole result in a third, both in frame order.
 * Stored results are read and written with memcpy(): a head is not a
 * whole tc_result_t. */
#define CHUNK 256u
#define HEAD  TC_RESULT_HEAD
#define TAIL  TC_RESULT_TAIL

/* The time slot of a frame that has one, in 12 bytes (ns: the int64_t). */
typedef struct stored_time {
    guint32 frame;
    guint32 ns[2];
} stored_time_t;

static wmem_array_t *chunks;    /* guint8[CHUNK * HEAD] each */
static guint stored;
static guint cursor;            /* the latest found, for passes in order */
static wmem_array_t *times;     /* stored_time_t of the frames with a time slot */
static wmem_array_t *tails;     /* tc_result_t of the frames with a tail */

static guint8 *head_at(guint i)
{
    return *(guint8 **)wmem_array_index(chunks, i / CHUNK) + (size_t)(i % CHUNK) * HEAD;
}

static guint32 frame_at(guint i)
{
    guint32 frame;

    memcpy(&frame, head_at(i) + offsetof(tc_result_t, frame), sizeof frame);
    return frame;
}

static guint32 time_frame(guint i)
{
    return ((const stored_time_t *)wmem_array_index(times, i))->frame;
}

static guint32 tail_frame(guint i)
{
    return ((const tc_result_t *)wmem_array_index(tails, i))->frame;
}

/* Is any byte of res's tail set?  (Whatever the tail holds; it has no
 * padding, and the core and the glue clear a result before filling it.) */
_Static_assert(TAIL - HEAD == sizeof(int64_t), "the time slot is time_ns");
_Static_assert(sizeof(tc_result_t) - TAIL == sizeof(double) + sizeof(uint32_t) + 2 * sizeof(uint16_t),
               "the retry tail has no padding");
static gboolean has_tail(const tc_result_t *res)
{
    static const tc_result_t zero;

    return memcmp((const guint8 *)res + TAIL, (const guint8 *)&zero + TAIL, sizeof *res - TAIL) != 0;
}

/* The index of frame among the n in frame order that frame_of gives, by
 * halves; n when it is not there. */
static guint search_frame(guint n, guint32 (*frame_of)(guint), guint32 frame)
{
    guint lo = 0, hi = n;

    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        guint32 f = frame_of(mid);

        if (f == frame)
            return mid;
        if (f < frame)
            lo = mid + 1;
        else
            hi = mid;
    }
    return n;
}

/* The whole result of stored frame i, its time slot and its tail from
 * the other lists. */
static void result_at(guint i, tc_result_t *out)
{
    guint nt = wmem_array_get_count(times), n = wmem_array_get_count(tails), t;

    memset(out, 0, sizeof *out);
    memcpy(out, head_at(i), HEAD);
    t = search_frame(nt, time_frame, out->frame);
    if (t < nt)
        memcpy(&out->time_ns, ((const stored_time_t *)wmem_array_index(times, t))->ns, sizeof out->time_ns);
    t = search_frame(n, tail_frame, out->frame);
    if (t < n)
        memcpy((guint8 *)out + TAIL, (const guint8 *)wmem_array_index(tails, t) + TAIL, sizeof *out - TAIL);
}

gboolean tcpconn_frames_add(const tc_result_t *res)
{
    if (stored && frame_at(stored - 1) >= res->frame)
        return FALSE;           /* not in order: only a first pass adds */
    if (stored % CHUNK == 0) {
        guint8 *chunk = (guint8 *)wmem_alloc(wmem_file_scope(), (size_t)CHUNK * HEAD);

        wmem_array_append_one(chunks, chunk);
    }
    memcpy(head_at(stored++), res, HEAD);
    if (res->time_ns) {
        stored_time_t st;

        st.frame = res->frame;
        memcpy(st.ns, &res->time_ns, sizeof st.ns);
        wmem_array_append_one(times, st);
    }
    if (has_tail(res))
        wmem_array_append_one(tails, *res);
    return TRUE;
}

/* The index of frame's stored result, or stored when it has none. */
static guint find_index(guint32 frame)
{
    guint i;

    if (cursor < stored && frame_at(cursor) == frame)
        return cursor;
    if (cursor + 1 < stored && frame_at(cursor + 1) == frame)
        return ++cursor;
    i = search_frame(stored, frame_at, frame);
    if (i < stored)
        cursor = i;
    return i;
}

gboolean tcpconn_frames_find(guint32 frame, tc_result_t *out)
{
    guint i = find_index(frame);

    if (i == stored)
        return FALSE;
    result_at(i, out);
    return TRUE;
}

/* The frame a result links to learns who links to it (the first that
 * does), for the back links drawn once the capture has been read.  It is
 * most often one of the latest stored (the SYN a SYN-ACK answers), so
 * those are looked at before the search by halves. */
#define RECENT 8u

void tcpconn_frames_link(const tc_result_t *res)
{
    guint to = stored;
    tc_result_t head;

    for (guint i = stored, n = 0; i > 0 && n < RECENT; i--, n++) {
        guint32 f = frame_at(i - 1);

        if (f <= res->link) {
            if (f == res->link)
                to = i - 1;
            break;
        }
    }
    if (to == stored && stored > RECENT && frame_at(stored - RECENT) > res->link)
        to = find_index(res->link);
    if (to == stored)
        return;
    memcpy(&head, head_at(to), HEAD);
    if (head.linked_in)
        return;
    head.linked_in = res->frame;
    head.linked_kind = res->link_kind;
    memcpy(head_at(to), &head, HEAD);
}

/* ---- life of the records: one file ---- */

void tcpconn_records_init(void)
{
    pairs = wmem_map_new(wmem_file_scope(), key_hash, key_equal);
    last_pair = NULL;
    spare_packets = NULL;   /* they were the closed file's */
    spare_tracks = NULL;
    packed_next = NULL;
    packed_left = 0;
    view.pair = NULL;
    closing = NULL;
    pack_every_step = g_getenv("TCPCONN_TEST_PACK_EVERY_STEP") != NULL;
    chunks = wmem_array_new(wmem_file_scope(), sizeof(guint8 *));
    times = wmem_array_new(wmem_file_scope(), sizeof(stored_time_t));
    tails = wmem_array_new(wmem_file_scope(), sizeof(tc_result_t));
    stored = cursor = 0;
}
