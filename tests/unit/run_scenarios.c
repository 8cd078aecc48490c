/* run_scenarios.c
 * Runs the core over a scenario table and compares each result with the
 * expected rendering.  Usage: test_core [SCENARIO...] (default: all);
 * test_core --list.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "scenario.h"
#include "scenarios.inc"

static const scenario_t all[] = {
#include "scenario_list.inc"
};

static void put(char *buf, size_t size, const char *fmt, ...)
{
    size_t used = strlen(buf);
    va_list ap;

    if (used >= size - 1)
        return;
    if (used)
        buf[used++] = ' ', buf[used] = '\0';
    va_start(ap, fmt);
    vsnprintf(buf + used, size - used, fmt, ap);
    va_end(ap);
}

static void render_events(char *buf, size_t size, uint64_t events)
{
    char list[512] = "";

    for (unsigned e = 0; e < TC_EV_COUNT; e++) {
        if (!(events & TC_EV_BIT(e)) || e == TC_EV_HS_STEP || e == TC_EV_TD_STEP)
            continue;
        strncat(list, list[0] ? "," : "", sizeof list - strlen(list) - 1);
        strncat(list, tc_event_name(e), sizeof list - strlen(list) - 1);
    }
    if (list[0])
        put(buf, size, "ev=%s", list);
}

/* The segment of a step, without spaces. */
static const char *segment(tc_step_segment_t seg)
{
    static const char *const name[TC_SEG_COUNT] = {
        [TC_SEG_SYN] = "SYN", [TC_SEG_SYNACK] = "SYN-ACK", [TC_SEG_ACK] = "ACK",
        [TC_SEG_FIN] = "FIN", [TC_SEG_FIN_ACK] = "FIN+ACK",
    };

    return name[seg] ? name[seg] : "?";
}

static void render_handshake(char *buf, size_t size, const tc_result_t *r)
{
    static const char *const check[] = { "", " ok", " bad" };

    if (r->hs_step)
        put(buf, size, "hs=%u/%s seg=%s%s%s", r->hs_step, tc_hs_kind_name(r->hs_kind),
            segment(tc_result_handshake_segment(r)),
            check[r->hs_check], (r->flags & TC_R_HS_COMPLETE) ? " complete" : "");
    if (tc_result_syn_to_synack_ns(r) >= 0)
        put(buf, size, "t1=%.3f", (double)tc_result_syn_to_synack_ns(r) / 1e9);
    if (tc_result_synack_to_ack_ns(r) >= 0)
        put(buf, size, "t2=%.3f", (double)tc_result_synack_to_ack_ns(r) / 1e9);
    if (r->hs_syn_retries)
        put(buf, size, "syn_retries=%u", r->hs_syn_retries);
}

static void render_teardown(char *buf, size_t size, const tc_result_t *r)
{
    static const char *const closer[] = { "", "active", "passive" };
    static const char *const tw[] = { "", "A", "B", "both" };
    const char *kind = r->td_kind ? tc_td_kind_name(r->td_kind) : "?";

    if (r->td_step)
        put(buf, size, "td=%u/%s seg=%s", r->td_step, kind,
            segment(tc_result_teardown_segment(r)));
    else if (r->td_kind)
        put(buf, size, "td=%s", kind);
    if (r->flags & TC_R_MERGED)
        put(buf, size, "merged");
    if (r->flags & TC_R_HALF_CLOSE)
        put(buf, size, "half");
    if (r->flags & TC_R_TD_COMPLETE)
        put(buf, size, "closed");
    if (r->closer)
        put(buf, size, "closer=%s", closer[r->closer]);
    if (r->time_wait)
        put(buf, size, "tw=%s", tw[r->time_wait & 3]);
    if (r->rst_kind)
        put(buf, size, "rst=%s/%s", tc_rst_kind_name(r->rst_kind), tc_rst_check_name(r->rst_check));
}

static void render_retry(char *buf, size_t size, const tc_result_t *r)
{
    if (!r->retry_count)
        return;
    if (r->retry_of)
        put(buf, size, "retry=%s#%u of=%u", tc_retry_kind_name(r->retry_kind), r->retry_count, r->retry_of);
    else
        put(buf, size, "retry=%s#%u of=?", tc_retry_kind_name(r->retry_kind), r->retry_count);
    if (tc_result_retry_interval_ns(r) >= 0)
        put(buf, size, "iv=%.2f", (double)tc_result_retry_interval_ns(r) / 1e9);
    if (r->flags & TC_R_BACKOFF)
        put(buf, size, "x=%.2f", r->retry_backoff);
    if (r->retry_pattern)
        put(buf, size, "pat=%s", tc_pattern_name(r->retry_pattern));
}

static void render_result(char *buf, size_t size, const tc_result_t *r, unsigned lifecycle)
{
    buf[0] = '\0';
    if (!tc_result_annotated(r)) {
        snprintf(buf, size, "-");
        return;
    }
    if (r->flags & TC_R_NEW_LIFE)
        put(buf, size, "new life=%u", lifecycle);
    render_handshake(buf, size, r);
    render_teardown(buf, size, r);
    render_retry(buf, size, r);
    if (r->link_kind) {
        static const char *const link[] = { "", "answers", "acks", "challenge" };

        put(buf, size, "%s=%u", link[r->link_kind], r->link);
    }
    put(buf, size, "by=%s", tc_role_name(r->role));
    put(buf, size, "a=%s b=%s", tc_state_name(r->after[0]), tc_state_name(r->after[1]));
    render_events(buf, size, r->events);
}

/* The summary's decisions; then, for each retry, what its attempt came
 * to (final: the scenario is the whole capture). */
static void render_summary(char *buf, size_t size, const tc_summary_t *s,
                           const tc_result_t *retries, size_t nretries)
{
    static const char *const side[] = { "", "A", "B", "both" };

    buf[0] = '\0';
    put(buf, size, "hs=%s td=%s", tc_hs_outcome_name(tc_summary_hs_outcome(s)),
        tc_td_outcome_name(tc_summary_td_outcome(s)));
    if (tc_summary_closer(s))
        put(buf, size, "closer=%s", side[tc_summary_closer(s)]);
    if (tc_summary_time_wait(s))
        put(buf, size, "tw=%s", side[tc_summary_time_wait(s)]);
    put(buf, size, "a=%s b=%s", tc_state_name(s->state[0]), tc_state_name(s->state[1]));
    if (s->syn_frame)
        put(buf, size, "syn=%u", s->syn_frame);
    if (s->complete_frame)
        put(buf, size, "done=%u", s->complete_frame);
    if (s->fin_frame)
        put(buf, size, "fin=%u", s->fin_frame);
    if (s->rst_frame)
        put(buf, size, "rst=%u", s->rst_frame);
    if (s->syn_retries || s->synack_retries || s->fin_retries)
        put(buf, size, "retries=%u/%u/%u", s->syn_retries, s->synack_retries, s->fin_retries);
    for (size_t i = 0; i < nretries; i++)
        put(buf, size, "%u:%s", retries[i].frame, tc_retry_outcome_name(tc_retry_outcome(s, &retries[i], true)));
}

static int run(const scenario_t *sc)
{
    tc_pair_t st;
    tc_result_t retries[64];
    size_t nretries = 0;
    int failures = 0;

    tc_pair_init(&st);
    for (size_t i = 0; i < sc->nrows; i++) {
        const row_t *row = &sc->rows[i];
        tc_segment_t seg = {
            .frame = (uint32_t)(i + 1), .time_ns = (int64_t)(row->t * 1e9 + 0.5),
            .seq = row->seq, .ack = row->ack, .len = row->len, .window = row->win,
            .flags = row->flags, .dir = row->dir,
        };
        tc_result_t res;
        tc_summary_t ended;
        char got[1024];

        tc_step(&st, &seg, &res, &ended);
        if (res.flags & TC_R_NEW_LIFE)
            nretries = 0;   /* the retries of the connection that ended */
        if (res.retry_count && nretries < sizeof retries / sizeof retries[0])
            retries[nretries++] = res;
        render_result(got, sizeof got, &res, st.lifecycle);
        if (strcmp(got, row->expect) != 0) {
            printf("%s: frame %zu\n  expected: %s\n  got:      %s\n", sc->name, i + 1, row->expect, got);
            failures++;
        }
    }
    {
        char got[512];

        render_summary(got, sizeof got, &st.sum, retries, nretries);
        if (strcmp(got, sc->summary) != 0) {
            printf("%s: summary\n  expected: %s\n  got:      %s\n", sc->name, sc->summary, got);
            failures++;
        }
    }
    printf("%s %s (%zu frames): %s\n", failures ? "FAIL" : "ok", sc->name, sc->nrows, sc->what);
    return failures;
}

int main(int argc, char **argv)
{
    size_t n = sizeof all / sizeof all[0];
    int failures = 0, ran = 0;

    if (argc > 1 && strcmp(argv[1], "--list") == 0) {
        for (size_t i = 0; i < n; i++)
            printf("%s\n", all[i].name);
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        int wanted = argc < 2;
        for (int a = 1; a < argc; a++)
            wanted |= strcmp(argv[a], all[i].name) == 0;
        if (wanted) {
            failures += run(&all[i]);
            ran++;
        }
    }
    if (!ran) {
        fprintf(stderr, "no such scenario\n");
        return 2;
    }
    return failures ? 1 : 0;
}
