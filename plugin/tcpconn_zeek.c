/* tcpconn_zeek.c
 * Zeek's records of one TCP address/port pair: when a packet starts a
 * record and who originates it, when a record ends, conn_state, and the
 * copy handed to the caller.  One packet's processing is in
 * tcpconn_zeek_tcp.c, the reassembler's part in tcpconn_zeek_reass.c.
 *
 * A record starts with the first packet of the pair, or with the first one
 * after the previous record ended (IPBasedAnalyzer::AnalyzePacket):
 *   - who originates (TCPAnalyzer::WantConnection): the sender of the first
 *     packet, unless that packet is not a pure SYN and its source port is a
 *     likely server port (then "^": the roles are flipped at once);
 *   - a record ends when a timer of Zeek's TCP analyzer removes it, with
 *     init-bare's default delays:
 *       tcp_close_delay (5 s) after both sides closed, or one reset, or one
 *         closed while the other never sent anything (ConnectionClosed);
 *       tcp_attempt_delay (5 s) after an originator's SYN, if the responder
 *         is still silent (AttemptTimer);
 *       ExpireTimer (tcp_SYN_timeout 5 s, then every tcp_session_timer
 *         6 s): one side closed, nothing for tcp_connection_linger (5 s),
 *         and both closed, or one reset, or one never sent anything;
 *       inactivity: udp_inactivity_timeout (60 s) while both sides are in
 *         the handshake, tcp_inactivity_timeout (5 min) after, 1 h for the
 *         ports of Conn::port_inactivity_timeouts (21, 22, 23, 513);
 *       tcp_partial_close_delay (3 s) and tcp_reset_delay (5 s), only when
 *         a script handles connection_partial_close / connection_reset
 *         (Zeek's default scripts do not: tc_zeek_config_t.handlers);
 *   - or when a SYN reuses the pair (TCPSessionAdapter::IsReuse): a SYN
 *     after either side closed, or a SYN whose sequence number is not the
 *     originator's ISN (another connection, or the other side's SYN of a
 *     simultaneous open: Zeek logs each as a record of its own).
 *
 * Departures from Zeek:
 *   - Zeek's timers fire as Zeek's network time passes them, i.e. when any
 *     packet of the capture arrives; here a record's timers are checked
 *     when the pair's next packet arrives (the timer callbacks then see
 *     that packet's time).  The outcome differs only for the 6 s session
 *     timer, by when it looks, in captures of many connections.
 *   - pending timers are kept to the microsecond.
 *   - the history holds TC_ZEEK_HISTORY_SIZE - 1 letters (Zeek's is not
 *     bounded); records on a pair are numbered up to 65535.
 *   - Conn::analyzer_inactivity_timeouts (1 h once the SSH or FTP analyzer
 *     confirms the protocol, on any port) needs protocol detection: only
 *     the port-based 1 h timeouts apply.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "tcpconn_zeek_int.h"

_Static_assert(sizeof(tc_zeek_t) <= 192, "tc_zeek_t should stay small");
_Static_assert(sizeof(tc_zeek_record_t) <= 96, "a record should stay small");

/* ---- names ---- */

#define TC_X_NAME(id, name, desc) name,
static const char *const state_names[] = { TC_ZEEK_STATE_LIST(TC_X_NAME) };
static const char *const end_names[] = { TC_ZEEK_END_LIST(TC_X_NAME) };

const char *tc_zeek_state_name(unsigned state)
{
    return state < TC_ZEEK_STATE_COUNT ? state_names[state] : "";
}

const char *tc_zeek_end_name(unsigned reason)
{
    return reason < TC_ZEEK_END_COUNT ? end_names[reason] : "";
}

/* ---- likely_server_ports ---- */

/* The TCP ports that Zeek's base protocol scripts register with
 * Analyzer::register_for_ports, which adds them to likely_server_ports
 * (base/frameworks/analyzer/main.zeek): dce-rpc, dnp3, dns, finger, ftp,
 * http, imap, irc, krb, ldap, modbus, mqtt, mysql, postgresql, rdp, redis,
 * smb, smtp, socks, ssh, ssl, syslog, xmpp.  Sorted. */
static const uint16_t default_ports[] = {
    21, 22, 25, 53, 79, 80, 81, 88, 135, 139, 143, 389, 443, 445, 465, 502, 514,
    563, 585, 587, 614, 631, 636, 989, 990, 992, 993, 995, 1080, 1434, 1883,
    2811, 3128, 3268, 3306, 3389, 5222, 5223, 5269, 5432, 6379, 6666, 6667,
    6668, 6669, 8000, 8080, 8888, 20000
};

static bool in_sorted(const uint16_t *set, size_t n, uint16_t port)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (set[mid] == port)
            return true;
        if (set[mid] < port)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

int tc_zeek_default_server_port(uint16_t port)
{
    return in_sorted(default_ports, sizeof default_ports / sizeof default_ports[0], port);
}

bool zk_server_port(const tc_zeek_config_t *cfg, uint16_t port)
{
    if (cfg && cfg->server_ports)
        return in_sorted(cfg->server_ports, cfg->n_server_ports, port);
    return tc_zeek_default_server_port(port) != 0;
}

/* ---- the history string (Session AddHistory, CheckHistory,
 *      ScaledHistoryEntry) ---- */

void zk_hist_add(tc_zeek_t *z, char code)
{
    size_t n = strlen(z->history);

    if (n + 1 >= sizeof z->history)
        return;                 /* full: dropped, the NUL kept */
    z->history[n] = code;
    z->history[n + 1] = '\0';
}

/* True when the letter class was already seen; otherwise it is now, and
 * the letter goes into the history. */
bool zk_hist_check(tc_zeek_t *z, unsigned bit, char code)
{
    uint16_t mask = (uint16_t)(1u << bit);

    if (z->hist_seen & mask)
        return true;
    z->hist_seen |= mask;
    zk_hist_add(z, code);
    return false;
}

/* doc: "'c', 'g', 't' and 'w' are recorded in a logarithmic fashion: the
 * second instance represents that the event was seen (at least) 10 times;
 * the third instance, 100 times; etc."  count: the events so far. */
void zk_scaled(tc_zeek_t *z, const tc_zeek_ep_t *e, char upper, unsigned count)
{
    while (count >= 10u && count % 10u == 0u)
        count /= 10u;
    if (count != 1u)
        return;
    zk_hist_add(z, zk_ep_is_orig(z, e) ? upper : (char)(upper - 'A' + 'a'));
}

/* Connection::FlipRoles with TCPSessionAdapter::FlipRoles: the endpoints
 * swap roles (they keep their direction here), "^" goes into the history. */
void zk_flip_roles(tc_zeek_t *z)
{
    uint8_t seen = z->flags & (ZF_SEEN_ORIG | ZF_SEEN_RESP);

    z->orig_dir ^= 1u;
    z->flags &= (uint8_t)~(ZF_SEEN_ORIG | ZF_SEEN_RESP | ZF_PARTIAL);
    if (seen & ZF_SEEN_ORIG)
        z->flags |= ZF_SEEN_RESP;
    if (seen & ZF_SEEN_RESP)
        z->flags |= ZF_SEEN_ORIG;
    zk_hist_add(z, '^');
}

/* ---- timers: microseconds after last_ns, 0 when not pending ---- */

/* Times this far from the ends of int64_t never saturate below. */
#define ZK_NS_PLAIN ((int64_t)1 << 62)

static int64_t timer_when(const tc_zeek_t *z, uint32_t slot)
{
    return tc_ns_after(z->last_ns, (int64_t)slot * 1000);
}

void zk_timer_set(tc_zeek_t *z, uint32_t *slot, int64_t when)
{
    int64_t us = tc_ns_after(tc_ns_between(z->last_ns, when), 999) / 1000;

    *slot = us < 1 ? 1u : us > (int64_t)UINT32_MAX ? UINT32_MAX : (uint32_t)us;
}

void zk_timer_earliest(tc_zeek_t *z, uint32_t *slot, int64_t when)
{
    if (!*slot || when < timer_when(z, *slot))
        zk_timer_set(z, slot, when);
}

/* Session::SetLastTime; the pending timers keep their times. */
void zk_set_last(tc_zeek_t *z, int64_t t)
{
    uint32_t *slots[3] = { &z->t_misc, &z->t_expire, &z->t_delete };
    int64_t when[3];

    /* The usual case, time going forward far from the ends of the range:
     * each offset drops by the whole microseconds passed, which is what
     * setting it again from its time gives (ceil(slot - d) = slot - floor(d);
     * a timer already due stays at the least offset, 1). */
    if (t >= z->last_ns && z->last_ns > -ZK_NS_PLAIN && t < ZK_NS_PLAIN) {
        uint64_t passed = (uint64_t)(t - z->last_ns) / 1000u;

        for (int i = 0; i < 3; i++) {
            if (*slots[i])
                *slots[i] = *slots[i] > passed ? (uint32_t)(*slots[i] - passed) : 1u;
        }
        z->last_ns = t;
        return;
    }
    for (int i = 0; i < 3; i++)
        when[i] = timer_when(z, *slots[i]);
    z->last_ns = t;
    for (int i = 0; i < 3; i++) {
        if (*slots[i])
            zk_timer_set(z, slots[i], when[i]);
    }
}

void zk_set_idle(tc_zeek_t *z, uint8_t idle)
{
    z->misc = (uint8_t)((z->misc & ~ZM_IDLE_MASK) | idle);
}

static int64_t idle_timeout(const tc_zeek_t *z)
{
    switch (z->misc & ZM_IDLE_MASK) {
    case ZM_IDLE_UDP:
        return ZT_UDP_INACTIVITY;
    case ZM_IDLE_TCP:
        return ZT_TCP_INACTIVITY;
    case ZM_IDLE_LONG:
        return ZT_LONG_INACTIVITY;
    default:
        return 0;
    }
}

/* ---- when a record ends ---- */

static bool both_closed(const tc_zeek_t *z)
{
    return (z->ep[0].flags & ZE_CLOSED) && (z->ep[1].flags & ZE_CLOSED);
}

/* AttemptTimer, PartialCloseTimer, ResetTimer: does it remove the record? */
static bool misc_removes(tc_zeek_t *z)
{
    const tc_zeek_ep_t *o = zk_orig(z), *r = zk_resp(z);

    if (!(z->flags & ZF_ACTIVE))
        return false;
    switch (z->misc & ZM_KIND_MASK) {
    case ZM_ATTEMPT:
        return (o->state == ZS_SYN_SENT || o->state == ZS_SYN_ACK_SENT) && r->state == ZS_INACTIVE;
    case ZM_PARTIAL_CLOSE:
        /* "Presumably the RST is what caused the partial close." */
        return o->state != ZS_INACTIVE && r->state != ZS_INACTIVE && !both_closed(z) &&
               o->state != ZS_RESET && r->state != ZS_RESET;
    case ZM_RESET:
        return true;
    default:
        return false;
    }
}

/* ExpireTimer at time t: "No activity for tcp_connection_linger seconds,
 * and at least one side has closed": both closed, or one RST, or
 * half-closed; or nothing ever happened on this connection. */
static bool expire_removes(tc_zeek_t *z, int64_t t)
{
    const tc_zeek_ep_t *o = zk_orig(z), *r = zk_resp(z);

    if (tc_ns_after(z->last_ns, ZT_CONNECTION_LINGER) >= t)
        return false;
    if ((o->flags | r->flags) & ZE_CLOSED) {
        if (both_closed(z) || o->state == ZS_RESET || r->state == ZS_RESET ||
            o->state == ZS_INACTIVE || r->state == ZS_INACTIVE)
            return true;
    }
    return o->state == ZS_INACTIVE && r->state == ZS_INACTIVE;
}

typedef struct zdue {
    int64_t when;
    tc_zeek_end_t why;
} zdue_t;

static void consider(zdue_t *best, int64_t when, tc_zeek_end_t why)
{
    if (best->why == TC_ZEEK_END_NONE || when < best->when) {
        best->when = when;
        best->why = why;
    }
}

static tc_zeek_end_t misc_reason(const tc_zeek_t *z)
{
    switch (z->misc & ZM_KIND_MASK) {
    case ZM_ATTEMPT:
        return TC_ZEEK_END_ATTEMPT;
    case ZM_PARTIAL_CLOSE:
        return TC_ZEEK_END_PARTIAL;
    default:
        return TC_ZEEK_END_RESET;
    }
}

/* The timers due by time t, in the order Zeek would fire them; the first
 * that removes the record says why.  Those that do not remove it are done
 * (the session timer looks again tcp_session_timer later, while active). */
static tc_zeek_end_t timers_due(tc_zeek_t *z, int64_t t)
{
    zdue_t best = { 0, TC_ZEEK_END_NONE };
    int64_t idle = idle_timeout(z), when;

    if (z->t_misc && (when = timer_when(z, z->t_misc)) <= t) {
        if (misc_removes(z))
            consider(&best, when, misc_reason(z));
        z->t_misc = 0;
    }
    if (z->t_expire && (when = timer_when(z, z->t_expire)) <= t) {
        if ((z->flags & ZF_ACTIVE) && expire_removes(z, t))
            consider(&best, when, TC_ZEEK_END_EXPIRED);
        if (z->flags & ZF_ACTIVE)
            zk_timer_set(z, &z->t_expire, tc_ns_after(t, ZT_SESSION_TIMER));
        else
            z->t_expire = 0;
    }
    if (z->t_delete && (when = timer_when(z, z->t_delete)) <= t)
        consider(&best, when, TC_ZEEK_END_CLOSED);
    if (idle && tc_ns_after(z->last_ns, idle) <= t)
        consider(&best, tc_ns_after(z->last_ns, idle), TC_ZEEK_END_INACTIVE);
    return best.why;
}

/* TCPSessionAdapter::IsReuse: "Reuse only occurs on initial SYN's, except
 * for half connections it can occur on SYN-acks." */
static bool is_reuse(tc_zeek_t *z, const tc_segment_t *seg)
{
    tc_zeek_ep_t *o = zk_orig(z), *r = zk_resp(z), *conn_orig = o;
    bool ack = (seg->flags & TC_ACK) != 0;

    if (!(seg->flags & TC_SYN))
        return false;
    if (ack) {
        if (o->state != ZS_INACTIVE)
            return false;       /* "Not a half connection." */
        conn_orig = r;
    }
    if ((o->flags | r->flags) & ZE_CLOSED)
        return true;
    if (seg->seq == conn_orig->start_seq)
        return false;           /* a retransmission */
    /* "the SYN & the SYN-ACK being flipped": not a reuse */
    return !(!ack && conn_orig->state == ZS_SYN_ACK_SENT && r->state == ZS_INACTIVE &&
             seg->seq == r->start_seq);
}

/* TCPAnalyzer::WantConnection: "Try to guess true responder by the port
 * numbers" when the first packet is not a pure SYN; for a SYN-ACK only if
 * just its source port is a likely server port ("to avoid confusing
 * stealth scans"), and with both plausible, flip only "if dest port > src
 * port (to favor more plausible servers)". */
static bool flip_at_start(const tc_zeek_config_t *cfg, uint8_t flags, uint16_t src, uint16_t dst)
{
    bool syn = (flags & TC_SYN) != 0;

    if (syn && !(flags & TC_ACK))
        return false;
    if (!zk_server_port(cfg, src))
        return false;
    if (zk_server_port(cfg, dst))
        return !syn && src < dst;
    return true;
}

static void start_record(tc_zeek_t *z, const tc_zeek_config_t *cfg, const tc_zeek_in_t *in)
{
    const tc_segment_t *seg = in->seg;
    uint16_t record = z->record;
    bool flip = flip_at_start(cfg, seg->flags, in->port[seg->dir], in->port[seg->dir ^ 1u]);

    memset(z, 0, sizeof *z);
    z->record = record < UINT16_MAX ? (uint16_t)(record + 1u) : record;
    z->orig_dir = flip ? (uint8_t)(seg->dir ^ 1u) : seg->dir;
    for (int i = 0; i < 2; i++)
        z->ep[i].r_last = z->ep[i].r_trim = 1;  /* Reassembler(1): stream data starts at 1 */
    z->start_ns = z->last_ns = seg->time_ns;
    z->flags = ZF_ACTIVE;
    z->misc = ZM_IDLE_UDP;      /* TCPAnalyzer::MakeSessionAdapter */
    if (cfg && (cfg->handlers & TC_ZEEK_HANDLE_RESET))
        z->misc |= ZM_HANDLE_RESET;
    if (cfg && (cfg->handlers & TC_ZEEK_HANDLE_PARTIAL_CLOSE))
        z->misc |= ZM_HANDLE_PARTIAL_CLOSE;
    zk_timer_set(z, &z->t_expire, tc_ns_after(z->start_ns, ZT_SYN_TIMEOUT));
    if (flip)
        zk_hist_add(z, '^');    /* Connection::FlipRoles, before any analyzer */
}

/* ---- interface ---- */

void tc_zeek_init(tc_zeek_t *z)
{
    memset(z, 0, sizeof *z);
    z->orig_dir = TC_DIR_NONE;
}

/* TCPAnalyzer::ValidateChecksum: a bad checksum is "c", logarithmically,
 * and the packet goes no further (not even into the packet counts). */
static void checksum_error(tc_zeek_t *z, tc_zeek_ep_t *e)
{
    if (e->chk < UINT8_MAX)
        zk_scaled(z, e, 'C', ++e->chk);
}

/* Connection::CheckEncapsulation, for a packet of an existing record:
 * after tunnel_max_changes_per_connection (5) changes, "X". */
static void tunnel_changed(tc_zeek_t *z)
{
    if (z->tunnel_changes >= 5)
        zk_hist_check(z, ZH_LIMIT, 'X');
    else
        z->tunnel_changes++;
}

static void process(tc_zeek_t *z, const tc_zeek_config_t *cfg, const tc_zeek_in_t *in)
{
    const tc_segment_t *seg = in->seg;
    tc_zeek_ep_t *e = &z->ep[seg->dir];
    zpkt_t p;

    if (in->flags & TC_ZIN_BAD_HEADER)
        return;                 /* TCPAnalyzer::ExtractTCP_Header failed */
    if (in->cksum == TC_ZEEK_CKSUM_BAD) {
        checksum_error(z, e);
        return;
    }
    p.z = z;
    p.cfg = cfg;
    p.in = in;
    p.seg = seg;
    p.ep = e;
    p.peer = &z->ep[seg->dir ^ 1u];
    p.t = seg->time_ns;
    p.dir = seg->dir;
    p.is_orig = seg->dir == z->orig_dir;
    zk_process(&p);
    if (in->flags & TC_ZIN_LIMIT)
        zk_hist_check(z, ZH_LIMIT, 'X');
    /* ConnSize_Analyzer: packets and IP bytes, after TCP */
    if (e->pkts < UINT32_MAX)
        e->pkts++;
    z->ip_bytes[seg->dir] += in->ip_len;
}

void tc_zeek_packet(tc_zeek_t *z, const tc_zeek_config_t *cfg, const tc_zeek_in_t *in,
                    tc_zeek_out_t *out, tc_zeek_record_t *ended)
{
    tc_zeek_out_t dummy;
    tc_zeek_end_t why = TC_ZEEK_END_NONE;

    if (!out)
        out = &dummy;
    memset(out, 0, sizeof *out);
    if (!z || !in || !in->seg || in->seg->dir > 1)
        return;
    if (z->orig_dir <= 1) {
        why = timers_due(z, in->seg->time_ns);
        /* IsReuse looks at the header: not when it is unusable */
        if (why == TC_ZEEK_END_NONE && !(in->flags & TC_ZIN_BAD_HEADER) && is_reuse(z, in->seg))
            why = TC_ZEEK_END_REUSE;
    }
    if (why != TC_ZEEK_END_NONE) {
        if (ended)
            tc_zeek_snapshot(z, ended);
        out->ended = 1;
        out->end_reason = (uint8_t)why;
    }
    if (z->orig_dir > 1 || why != TC_ZEEK_END_NONE) {
        start_record(z, cfg, in);
        out->started = 1;
    } else if (in->flags & TC_ZIN_TUNNEL_CHANGED) {
        tunnel_changed(z);
    }
    out->record = z->record;
    process(z, cfg, in);
}

/* ---- conn_state: main.zeek, function conn_state ---- */

static bool inactive(const tc_zeek_ep_t *e)
{
    return e->state == ZS_INACTIVE || e->state == ZS_PARTIAL;
}

/* RSTOS0 when the history matches the pattern  \^?S[^HAFGIQ]*R.*  (all of
 * it): an S (after a possible ^), then an R before any H, A, F, G, I or Q
 * of the originator. */
static bool syn_then_rst(const char *h)
{
    if (*h == '^')
        h++;
    if (*h++ != 'S')
        return false;
    for (; *h; h++) {
        if (*h == 'R')
            return true;
        if (strchr("HAFGIQ", *h))
            return false;
    }
    return false;
}

static tc_zeek_state_t conn_state(const tc_zeek_t *z)
{
    const tc_zeek_ep_t *o, *r;

    if (z->orig_dir > 1)
        return TC_ZEEK_OTH;
    o = &z->ep[z->orig_dir];
    r = &z->ep[z->orig_dir ^ 1u];
    if (r->state == ZS_RESET) {
        if (o->state == ZS_SYN_SENT || o->state == ZS_SYN_ACK_SENT ||
            (o->state == ZS_RESET && zk_size(z, o) == 0 && zk_size(z, r) == 0))
            return TC_ZEEK_REJ;
        return inactive(o) ? TC_ZEEK_RSTRH : TC_ZEEK_RSTR;
    }
    if (o->state == ZS_RESET) {
        if (!inactive(r))
            return TC_ZEEK_RSTO;
        return syn_then_rst(z->history) ? TC_ZEEK_RSTOS0 : TC_ZEEK_OTH;
    }
    if (r->state == ZS_CLOSED && o->state == ZS_CLOSED)
        return TC_ZEEK_SF;
    if (o->state == ZS_CLOSED)
        return inactive(r) ? TC_ZEEK_SH : TC_ZEEK_S2;
    if (r->state == ZS_CLOSED)
        return inactive(o) ? TC_ZEEK_SHR : TC_ZEEK_S3;
    if (o->state == ZS_SYN_SENT && r->state == ZS_INACTIVE)
        return TC_ZEEK_S0;
    if (o->state == ZS_ESTABLISHED && r->state == ZS_ESTABLISHED)
        return TC_ZEEK_S1;
    return TC_ZEEK_OTH;
}

void tc_zeek_snapshot(const tc_zeek_t *z, tc_zeek_record_t *rec)
{
    memset(rec, 0, sizeof *rec);
    rec->orig_dir = z->orig_dir;
    rec->conn_state = (uint8_t)conn_state(z);
    memcpy(rec->history, z->history, sizeof rec->history);
    rec->history[sizeof rec->history - 1] = '\0';
    if (z->orig_dir > 1)
        return;
    rec->start_ns = z->start_ns;
    rec->duration_ns = tc_ns_between(z->start_ns, z->last_ns);
    rec->missed_bytes = z->missed;
    for (unsigned role = 0; role < 2; role++) {
        unsigned dir = z->orig_dir ^ role;

        rec->bytes[role] = zk_size(z, &z->ep[dir]);
        rec->ip_bytes[role] = z->ip_bytes[dir];
        rec->pkts[role] = z->ep[dir].pkts;
    }
}

const char *tc_zeek_conn_state(const tc_zeek_t *z)
{
    return z ? tc_zeek_state_name(conn_state(z)) : "OTH";
}

const char *tc_zeek_history(const tc_zeek_t *z)
{
    return z ? z->history : "";
}

uint8_t tc_zeek_orig_dir(const tc_zeek_t *z)
{
    return z ? z->orig_dir : (uint8_t)TC_DIR_NONE;
}

unsigned tc_zeek_record_number(const tc_zeek_t *z)
{
    return z ? z->record : 0u;
}
