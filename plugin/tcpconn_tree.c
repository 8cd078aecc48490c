/* tcpconn_tree.c
 * Draws a stored result: the TCP Connection Lifecycle subtree, the Info
 * column tags and the expert infos.  Reads nothing but the stored result,
 * so every pass in any order draws the same.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/tap.h>
#include <epan/column-info.h>
#include <stdio.h>
#include <string.h>

#include <epan/proto.h>
#include <epan/to_str.h>
#include <wsutil/wmem/wmem.h>

#include "tcpconn_glue.h"
#include "tcpconn_items.h"

#define PEER(d) ((guint8)((d) ^ 1u))

typedef struct draw_ctx {
    tvbuff_t *tvb;
    packet_info *pinfo;
    proto_item *top;
    const tc_result_t *r;
    const tcpconn_conn_t *conn;     /* may be NULL */
    gboolean final;                 /* the whole capture has been read */
    gboolean tree;                  /* tcpconn's items are looked at */
    gboolean shown;                 /* and shown: the items get their labels */
    gboolean experts;               /* its expert infos are (with a tree or without) */
    gboolean detail;                /* either: more than the tags */
    gboolean info;                  /* the Info column is being built */
    gboolean tagging;               /* someone reads the tags: Info column, headline */
    size_t tags_len;
    char tags[256];
} draw_ctx_t;

/* ---- generated items ---- */

#define gen(it) tcpconn_gen(it)

static proto_item *add_str(draw_ctx_t *c, proto_tree *t, int hf, const char *s)
{
    return tcpconn_add_str(t, hf, c->tvb, s);
}

static proto_item *add_uint(draw_ctx_t *c, proto_tree *t, int hf, guint32 v)
{
    return tcpconn_add_uint(t, hf, c->tvb, v);
}

static proto_item *add_bool(draw_ctx_t *c, proto_tree *t, int hf, gboolean v)
{
    return tcpconn_add_bool(t, hf, c->tvb, v);
}

static proto_item *add_ns(draw_ctx_t *c, proto_tree *t, int hf, gint64 ns)
{
    return tcpconn_add_ns(t, hf, c->tvb, ns);
}

/* Copies s to out, stopping at end (the tags' last byte, kept for the NUL). */
static char *tag_copy(char *out, const char *end, const char *s)
{
    while (*s && out < end)
        *out++ = *s++;
    return out;
}

/* The same for a number, in decimal. */
static char *tag_uint(char *out, const char *end, unsigned v)
{
    char digits[10];
    int n = 0;

    do {
        digits[n++] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v);
    while (n && out < end)
        *out++ = digits[--n];
    return out;
}

/* One tag, "[...]", appended to the frame's tags, cut at the buffer's end.
 * Tags are made for every annotated frame of a listed capture, so they are
 * formatted here, by hand and in one pass: %s and %u only. */
static void tag(draw_ctx_t *c, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static void tag(draw_ctx_t *c, const char *fmt, ...)
{
    va_list ap;
    char *out = c->tags + c->tags_len;
    const char *end = c->tags + sizeof c->tags - 1;

    if (!c->tagging)
        return;
    out = tag_copy(out, end, c->tags_len ? " [" : "[");
    va_start(ap, fmt);
    for (const char *p = fmt; *p && out < end; p++) {
        if (p[0] == '%' && p[1] == 'u') {
            out = tag_uint(out, end, va_arg(ap, unsigned));
            p++;
        } else if (p[0] == '%' && p[1] == 's') {
            out = tag_copy(out, end, va_arg(ap, const char *));
            p++;
        } else {
            *out++ = *p;
        }
    }
    va_end(ap);
    out = tag_copy(out, end, "]");
    *out = '\0';
    c->tags_len = (size_t)(out - c->tags);
}

/* An event's own tag: its "tag" text from the list, %u the connection's
 * number on its pair, or its filter name. */
static void tag_event(draw_ctx_t *c, tc_event_t e)
{
    const char *text = tc_event_tag(e), *num;
    char head[64];

    if (!text) {
        tag(c, "%s", tc_event_name(e));
        return;
    }
    num = strstr(text, "%u");
    if (!num) {
        tag(c, "%s", text);
        return;
    }
    g_strlcpy(head, text, MIN(sizeof head, (size_t)(num - text) + 1));
    tag(c, "%s%u%s", head, c->conn ? (unsigned)c->conn->number : 0u, num + 2);
}

/* An item's label text, only on a shown tree: a tree built for a filter,
 * a coloring rule or -e reads the values, never the labels (without this,
 * Wireshark formats them anyway, items not being hidden). */
#define label(c, it, ...) do { \
        if ((c)->shown) \
            proto_item_append_text((it), __VA_ARGS__); \
    } while (0)

/* An expert info, formatted once, only where someone looks at it. */
#define expert(c, ev, ...) do { \
        if ((c)->experts) \
            expert_add_info_format((c)->pinfo, (c)->top, &ei_tcpconn[ev], __VA_ARGS__); \
    } while (0)

static gboolean has(const tc_result_t *r, tc_event_t ev)
{
    return (r->events & TC_EV_BIT(ev)) != 0;
}

/* Name of the endpoint in direction d: its role, or sender/receiver. */
static const char *side_name(const tc_result_t *r, guint d)
{
    if (r->client > 1)
        return d == r->dir ? "sender" : "receiver";
    return d == r->client ? "client" : "server";
}

/* A side: one endpoint's name, or "both". */
static const char *sides_name(const tc_result_t *r, tc_side_t side)
{
    return side == TC_SIDE_BOTH ? "both" : side_name(r, side == TC_SIDE_DIR0 ? 0 : 1);
}

/* ---- parts ---- */

static void draw_state(draw_ctx_t *c, proto_tree *t, int hf, guint d)
{
    const tc_result_t *r = c->r;
    proto_item *it = add_str(c, t, hf, tc_state_name(r->after[d]));

    if (r->before[d] != r->after[d])
        label(c, it, " (was %s)", tc_state_name(r->before[d]));
}

static void draw_states(draw_ctx_t *c, proto_tree *t)
{
    const tc_result_t *r = c->r;

    if (!c->tree || r->events == TC_EV_BIT(TC_EV_NOT_JUDGED))
        return;
    add_str(c, t, hf_tcpconn_role, tc_role_name(r->role));
    if (r->client <= 1) {           /* a client is known (not TC_DIR_NONE) */
        draw_state(c, t, hf_tcpconn_state_client, r->client);
        draw_state(c, t, hf_tcpconn_state_server, PEER(r->client));
    } else {
        draw_state(c, t, hf_tcpconn_state_sender, r->dir);
        draw_state(c, t, hf_tcpconn_state_receiver, PEER(r->dir));
    }
}

static void draw_handshake(draw_ctx_t *c, proto_tree *t)
{
    const tc_result_t *r = c->r;
    guint total = tc_hs_total(r->hs_kind);
    gboolean complete = (r->flags & TC_R_HS_COMPLETE) != 0;
    proto_item *it;
    proto_tree *ht;

    if (!r->hs_step)
        return;
    tag(c, "Handshake %u/%u%s%s%s", r->hs_step, total,
        r->hs_check == TC_CHECK_BAD ? " invalid" : "",
        has(r, TC_EV_HS_SIMULTANEOUS) ? " simultaneous" : "",
        complete ? " complete" : "");
    if (!c->detail)
        return;     /* (without a tree the items below are no-ops) */
    it = tcpconn_add_none(t, hf_tcpconn_handshake, c->tvb);
    label(c, it, ": step %u/%u, %s (%s)%s", r->hs_step, total,
          tc_step_segment_name(tc_result_handshake_segment(r)), tc_hs_kind_name(r->hs_kind),
          complete ? ", complete" : "");
    ht = proto_item_add_subtree(it, ett_tcpconn_handshake);
    add_uint(c, ht, hf_tcpconn_handshake_step, r->hs_step);
    add_str(c, ht, hf_tcpconn_handshake_kind, tc_hs_kind_name(r->hs_kind));
    if (r->hs_check != TC_CHECK_NONE)
        add_bool(c, ht, hf_tcpconn_handshake_valid, r->hs_check == TC_CHECK_OK);
    add_bool(c, ht, hf_tcpconn_handshake_complete, complete);
    if (tc_result_syn_to_synack_ns(r) >= 0)
        add_ns(c, ht, hf_tcpconn_handshake_syn_to_synack, tc_result_syn_to_synack_ns(r));
    if (tc_result_synack_to_ack_ns(r) >= 0)
        add_ns(c, ht, hf_tcpconn_handshake_synack_to_ack, tc_result_synack_to_ack_ns(r));
    if (r->hs_syn_retries)
        add_uint(c, ht, hf_tcpconn_handshake_syn_retries, r->hs_syn_retries);
    expert(c, TC_EV_HS_STEP, "Handshake step %u/%u: %s (%s)%s", r->hs_step, total,
           tc_step_segment_name(tc_result_handshake_segment(r)), tc_hs_kind_name(r->hs_kind),
           r->hs_check == TC_CHECK_BAD ? ", not valid" : complete ? ", complete" : "");
}

static void draw_teardown_fields(draw_ctx_t *c, proto_tree *tt)
{
    const tc_result_t *r = c->r;

    if (r->td_step)
        add_uint(c, tt, hf_tcpconn_teardown_step, r->td_step);
    if (r->td_kind)
        add_str(c, tt, hf_tcpconn_teardown_kind, tc_td_kind_name(r->td_kind));
    if (r->td_step)
        add_bool(c, tt, hf_tcpconn_teardown_merged, (r->flags & TC_R_MERGED) != 0);
    if (r->flags & TC_R_HALF_CLOSE)
        add_bool(c, tt, hf_tcpconn_teardown_half_close, TRUE);
    if (r->td_step)
        add_bool(c, tt, hf_tcpconn_teardown_complete, (r->flags & TC_R_TD_COMPLETE) != 0);
    if (r->closer)
        add_str(c, tt, hf_tcpconn_closer, tc_closer_name(r->closer));
    if (r->time_wait)
        add_str(c, tt, hf_tcpconn_time_wait, sides_name(r, (tc_side_t)r->time_wait));
}

static void half_close_note(draw_ctx_t *c)
{
    tag(c, "Half-close data");
    expert(c, TC_EV_HALF_CLOSE_DATA, "Data sent by the %s in CLOSE_WAIT, after the peer's FIN",
           side_name(c->r, c->r->dir));
}

/* "2/4", or "1" while the kind (and so the number of steps) is not known */
static void teardown_step_text(draw_ctx_t *c, proto_item *it)
{
    const tc_result_t *r = c->r;
    guint total = tc_td_total(r->td_kind);
    const char *seg = tc_step_segment_name(tc_result_teardown_segment(r));
    const char *crossed = has(r, TC_EV_TD_SIMULTANEOUS) ? ", FINs crossed" : "";
    const char *closed = (r->flags & TC_R_TD_COMPLETE) ? ", closed" : "";
    char step[16];

    if (total)
        tag(c, "Teardown %u/%u %s%s%s", (guint)r->td_step, total, seg, crossed, closed);
    else
        tag(c, "Teardown %u %s%s%s", (guint)r->td_step, seg, crossed, closed);
    if (!c->shown && !c->experts)
        return;
    if (total)
        snprintf(step, sizeof step, "%u/%u", (guint)r->td_step, total);
    else
        snprintf(step, sizeof step, "%u", (guint)r->td_step);
    if (total)
        label(c, it, ": step %s, %s (%s)", step, seg, tc_td_kind_name(r->td_kind));
    else
        label(c, it, ": step %s, %s (kind decided by the next step)", step, seg);
    expert(c, TC_EV_TD_STEP, "Teardown step %s: %s by the %s%s", step, seg, side_name(r, r->dir),
           (r->flags & TC_R_TD_COMPLETE) ? ", both FINs acknowledged" : "");
}

static void draw_teardown(draw_ctx_t *c, proto_tree *t)
{
    const tc_result_t *r = c->r;
    proto_item *it;

    if (!r->td_step && (!r->td_kind || r->td_kind == TC_TD_RESET))
        return;
    it = c->tree ? tcpconn_add_none(t, hf_tcpconn_teardown, c->tvb) : NULL;
    if (c->tree)
        draw_teardown_fields(c, proto_item_add_subtree(it, ett_tcpconn_teardown));
    if (r->td_step)
        teardown_step_text(c, it);
    else
        label(c, it, ": data in a half-closed connection");
    if (has(r, TC_EV_HALF_CLOSE_DATA))
        half_close_note(c);
}

static void draw_rst(draw_ctx_t *c, proto_tree *t)
{
    const tc_result_t *r = c->r;
    tc_event_t ev = tc_rst_kind_event(r->rst_kind);
    const char *by;
    proto_item *it;
    proto_tree *rt;

    if (!r->rst_kind)
        return;
    by = r->client == TC_DIR_NONE ? tc_role_name(r->role) : side_name(r, r->dir);
    tag(c, "%s %s %s", tc_rst_kind_tag(r->rst_kind), tc_rst_kind_by(r->rst_kind), by);
    if (!c->detail)
        return;
    it = tcpconn_add_none(t, hf_tcpconn_rst, c->tvb);
    label(c, it, ": %s, sent by the %s", tc_rst_kind_name(r->rst_kind), by);
    rt = proto_item_add_subtree(it, ett_tcpconn_rst);
    add_str(c, rt, hf_tcpconn_rst_kind, tc_rst_kind_name(r->rst_kind));
    add_str(c, rt, hf_tcpconn_rst_by, by);
    if (r->td_kind == TC_TD_RESET)
        add_str(c, rt, hf_tcpconn_teardown_kind, tc_td_kind_name(r->td_kind));
    if (r->rst_check)
        add_str(c, rt, hf_tcpconn_rst_check, tc_rst_check_name(r->rst_check));
    if (r->hs_syn_retries)
        add_uint(c, rt, hf_tcpconn_handshake_syn_retries, r->hs_syn_retries);
    expert(c, ev, "%s (RST by the %s)", tc_event_summary(ev), by);
}

/* Links: the frame this one answers or acknowledges, and, once the
 * capture has been read, the frame that answers or acknowledges this one
 * (as Wireshark's own tcp.analysis.acks_frame links an ACK). */
static void draw_links(draw_ctx_t *c, proto_tree *t)
{
    static const int *const forward[] = {
        [TC_LINK_ANSWERS] = &hf_tcpconn_answers, [TC_LINK_ACKS] = &hf_tcpconn_acks,
        [TC_LINK_CHALLENGE] = &hf_tcpconn_rst_challenge_of,
    };
    static const int *const back[] = {
        [TC_LINK_ANSWERS] = &hf_tcpconn_answered_in, [TC_LINK_ACKS] = &hf_tcpconn_acked_in,
        [TC_LINK_CHALLENGE] = &hf_tcpconn_rst_challenge_ack,
    };
    const tc_result_t *r = c->r;

    if (!c->tree)
        return;
    if (r->link_kind)
        add_uint(c, t, *forward[r->link_kind], r->link);
    if (r->linked_kind && c->final)
        add_uint(c, t, *back[r->linked_kind], r->linked_in);
}

/* "retry 2 of frame 5, 1.000 s after the previous attempt", or what of it
 * is known when the original was not captured */
static const char *retry_text(draw_ctx_t *c)
{
    const tc_result_t *r = c->r;
    const char *of = r->retry_of ? wmem_strdup_printf(c->pinfo->pool, "of frame %u", r->retry_of)
                                 : "of a segment not captured";

    if (tc_result_retry_interval_ns(r) < 0)
        return wmem_strdup_printf(c->pinfo->pool, "retry %u %s", r->retry_count, of);
    return wmem_strdup_printf(c->pinfo->pool, "retry %u %s, %.3f s after the previous attempt",
                              r->retry_count, of, (double)tc_result_retry_interval_ns(r) / 1e9);
}

static void draw_retry(draw_ctx_t *c, proto_tree *t)
{
    const tc_result_t *r = c->r;
    const char *what = tc_retry_kind_name(r->retry_kind);
    gint64 interval = tc_result_retry_interval_ns(r);

    if (!r->retry_count)
        return;
    if (interval >= 0) {
        char secs[32];

        snprintf(secs, sizeof secs, "+%.3fs", (double)interval / 1e9);
        tag(c, "%s retry %u %s", what, r->retry_count, secs);
    } else
        tag(c, "%s retry %u", what, r->retry_count);
    if (c->detail) {
        const char *text = c->shown || c->experts ? retry_text(c) : NULL;
        proto_item *it = add_uint(c, t, hf_tcpconn_retry, r->retry_count);
        proto_tree *rt;

        label(c, it, " (%s: %s)", what, text);
        rt = proto_item_add_subtree(it, ett_tcpconn_retry);
        add_str(c, rt, hf_tcpconn_retry_segment, what);
        if (r->retry_of)
            add_uint(c, rt, hf_tcpconn_retry_of, r->retry_of);
        if (interval >= 0)
            add_ns(c, rt, hf_tcpconn_retry_interval, interval);
        if (r->flags & TC_R_BACKOFF)
            tcpconn_add_double(rt, hf_tcpconn_retry_backoff, c->tvb, r->retry_backoff);
        if (r->retry_pattern)
            add_str(c, rt, hf_tcpconn_retry_pattern, tc_pattern_name(r->retry_pattern));
        if (c->conn) {
            tc_summary_t scratch;

            add_str(c, rt, hf_tcpconn_retry_outcome,
                    tc_retry_outcome_name(tc_retry_outcome(tcpconn_conn_sum(c->conn, &scratch), r, c->final)));
        }
        expert(c, tc_retry_kind_event(r->retry_kind), "%s retransmitted: %s%s%s", what, text,
               r->retry_pattern ? ", pattern so far: " : "",
               r->retry_pattern ? tc_pattern_name(r->retry_pattern) : "");
    }
}

static void draw_events(draw_ctx_t *c, proto_tree *t)
{
    const tc_result_t *r = c->r;

    for (guint64 left = r->events; left; left &= left - 1) {
        guint e = (guint)__builtin_ctzll(left);

        if (c->tree)
            add_str(c, t, hf_tcpconn_event, tc_event_name(e));
        switch (tc_event_part(e)) {
        case TC_PART_TAG:   /* its own tag and expert info */
            tag_event(c, (tc_event_t)e);
            break;
        case TC_PART_MOD:   /* a word of its step's tag, an expert info of its own */
            break;
        default:            /* drawn, expert info and all, by its part */
            continue;
        }
        if (c->experts)
            expert_add_info(c->pinfo, c->top, &ei_tcpconn[e]);
    }
}

static void draw_frame(draw_ctx_t *c, proto_tree *t)
{
    draw_states(c, t);
    draw_handshake(c, t);
    draw_teardown(c, t);
    draw_rst(c, t);
    draw_retry(c, t);
    draw_links(c, t);
    draw_events(c, t);
}

/* The summary is on every frame, so it is drawn only when someone looks:
 * a tree that is shown (packet details, -V, -T fields, PDML), or a filter
 * or column that names one of its fields.  Asked once per frame, and only
 * when a tree is built and something of tcpconn is referenced. */
#define TCPCONN_HF_ADDRESS(var, abbrev, type, name, desc) &hf_tcpconn_##var,
static const int *const summary_hfs[] = { TC_FIELD_SUMMARY_LIST(TCPCONN_HF_ADDRESS) };
#undef TCPCONN_HF_ADDRESS

/* Their registrations, taken once per file (tcpconn_draw_init()). */
static const header_field_info *summary_hfinfo[array_length(summary_hfs)];

static gboolean summary_wanted(proto_tree *tree)
{
    if (!proto_field_is_referenced(tree, proto_tcpconn))
        return FALSE;
    if (PTREE_DATA(tree)->visible)
        return TRUE;
    for (size_t i = 0; i < array_length(summary_hfinfo); i++) {
        if (summary_hfinfo[i]->ref_type != HF_REF_TYPE_NONE)
            return TRUE;    /* named by a filter, a column or -e */
    }
    return FALSE;
}

gboolean tcpconn_is_summary_field(int hf)
{
    for (size_t i = 0; i < array_length(summary_hfs); i++) {
        if (*summary_hfs[i] == hf)
            return TRUE;
    }
    return FALSE;
}

/* The tags in front of the Info column, fenced so that nothing later
 * clears them, as Wireshark's own [TCP Retransmission].  Most annotated
 * frames have tags, so this is done without col_prepend_fence_fstr(),
 * which copies the column twice and formats with printf: the new text is
 * put together once in the packet's memory, which outlives the columns'
 * use of it, and the column is pointed at it. */
static void tags_in_front(draw_ctx_t *c)
{
    column_info *cinfo = c->pinfo->cinfo;
    const char *old = col_get_text(cinfo, COL_INFO);
    size_t old_len = old ? strlen(old) : 0;
    char *text;

    if (c->tags_len + 1 + old_len > COL_MAX_INFO_LEN - 1)
        old_len = COL_MAX_INFO_LEN - 1 - c->tags_len - 1;   /* tags are far shorter */
    text = (char *)wmem_alloc(c->pinfo->pool, c->tags_len + 1 + old_len + 1);
    memcpy(text, c->tags, c->tags_len);
    text[c->tags_len] = ' ';
    if (old_len)
        memcpy(text + c->tags_len + 1, old, old_len);
    text[c->tags_len + 1 + old_len] = '\0';
    col_clear_fence(cinfo, COL_INFO);
    col_set_str(cinfo, COL_INFO, text);
    col_set_fence(cinfo, COL_INFO);
}

static void put_tags(draw_ctx_t *c, proto_tree *t)
{
    if (!c->tags_len)
        return;
    if (c->tree) {
        proto_item *it = add_str(c, t, hf_tcpconn_info, c->tags);

        if (it != t)
            proto_item_set_hidden(it);
        label(c, c->top, ", %s", c->tags);
    }
    if (!c->info)
        return;
    if (tcpconn_tag_position == TCPCONN_TAGS_FRONT)
        tags_in_front(c);
    else if (tcpconn_tag_position == TCPCONN_TAGS_END)
        col_append_sep_str(c->pinfo->cinfo, COL_INFO, " ", c->tags);
}

static int expert_tap = 0;

void tcpconn_draw_init(void)
{
    expert_tap = find_tap_id("expert");
    for (size_t i = 0; i < array_length(summary_hfs); i++)
        summary_hfinfo[i] = proto_registrar_get_nth((guint)*summary_hfs[i]);
}

/* Are expert infos looked at with or without a tree: an expert tap (the
 * GUI's Expert Information, -z expert) or an Expert column? */
gboolean tcpconn_experts_seen(const packet_info *pinfo)
{
    if (expert_tap > 0 && have_tap_listener(expert_tap))
        return TRUE;
    return pinfo->cinfo && pinfo->cinfo->col_first && pinfo->cinfo->col_first[COL_EXPERT] >= 0;
}

/* A tree is built for many reasons (a display filter on other fields, a
 * coloring rule).  Does anyone look at tcpconn's items on it: shown, or
 * named by a filter, a column or -e?  (proto_field_is_referenced() is TRUE
 * on a shown tree as well.) */
static gboolean items_seen(proto_tree *tree)
{
    return tree && proto_field_is_referenced(tree, proto_tcpconn);
}

/* And its expert infos on the tree: a shown tree, or the expert fields
 * named (a filter on _ws.expert, -e _ws.expert.message).  They hang on
 * tcpconn's item, which is then added even where its fields are not
 * looked at. */
static gboolean tree_experts_seen(proto_tree *tree)
{
    return tree && proto_expert > 0 && proto_field_is_referenced(tree, proto_expert);
}

/* On a tree where nobody looks at them, the expert infos still count for
 * the highest severity Wireshark keeps (the GUI's status bar): the frame's
 * most severe one is added, without an item or text, if it is above that
 * severity.  (Without an item, that is all expert_add_info() does here: an
 * Expert column or an expert tap makes them seen.) */
static void unseen_experts(tvbuff_t *tvb, packet_info *pinfo, const tc_result_t *res,
                           const tcpconn_conn_t *conn, gboolean final)
{
    int worst = -1, worst_sev = expert_get_highest_severity();

    for (guint64 left = res ? res->events : 0; left; left &= left - 1) {
        int e = __builtin_ctzll(left), sev = tcpconn_event_severity((tc_event_t)e);

        if (sev > worst_sev) {
            worst = e;
            worst_sev = sev;
        }
    }
    if (worst >= 0)
        expert_add_info(pinfo, NULL, &ei_tcpconn[worst]);
    if (conn && final)
        tcpconn_draw_summary(tvb, pinfo, NULL, NULL, conn, final, FALSE, TRUE);
}

void tcpconn_draw(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                  const tc_result_t *res, const tcpconn_conn_t *conn, gboolean final, gboolean info)
{
    draw_ctx_t c;
    proto_tree *t;
    gboolean items = items_seen(tree), tree_experts = tree_experts_seen(tree);
    gboolean wanted, experts = tree_experts || tcpconn_experts_seen(pinfo);

    if (tree && !experts)
        unseen_experts(tvb, pinfo, res, conn, final);
    if (!items && !tree_experts)
        tree = NULL;    /* nothing for a tree nobody looks at: only the Info tags, if asked */
    wanted = conn && items && summary_wanted(tree);

    if (!res && !wanted && !(conn && final && experts))
        return;     /* nothing to show on this frame */
    c.tvb = tvb;
    c.pinfo = pinfo;
    c.r = res;
    c.conn = conn;
    c.final = final;
    c.tree = items;
    c.shown = items && PTREE_DATA(tree)->visible;
    c.experts = experts;
    c.detail = c.tree || experts;
    c.info = info;
    c.tagging = items || (tcpconn_tag_position != TCPCONN_TAGS_OFF && info);
    c.tags_len = 0;
    c.tags[0] = '\0';
    c.top = tree ? proto_tree_add_item(tree, proto_tcpconn, tvb, 0, 0, ENC_NA) : NULL;
    t = items ? proto_item_add_subtree(c.top, ett_tcpconn) : NULL;
    if (res)
        draw_frame(&c, t);
    if (conn && c.detail)
        tcpconn_draw_summary(tvb, pinfo, t, c.top, conn, final, wanted, experts);
    put_tags(&c, t);
}
