/* tcpconn_names.c
 * The name tables of the core, generated from the lists of tcpconn_defs.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stddef.h>

#include "tcpconn_core.h"

#define NAME2(id, name)                     name,
#define NAME3(id, name, a)                  name,
#define NAME4(id, name, a, b)               name,
#define RST_NAME(id, name, tag, ev, desc)   name,
#define RST_TAG(id, name, tag, ev, desc)    tag,
#define RST_EVENT(id, name, tag, ev, desc)  TC_EV_##ev,
#define RETRY_NAME(id, name, ev)            name,
#define RETRY_EVENT(id, name, ev)           TC_EV_##ev,
#define EV_NAME(id, ph, name, gr, sv, part, tag, s)  ph "." name,
#define EV_SUMMARY(id, ph, name, gr, sv, part, tag, s) s,
#define EV_PART(id, ph, name, gr, sv, part, tag, s)  TC_PART_##part,
#define EV_TAG(id, ph, name, gr, sv, part, tag, s)   tag,
#define STEPS(id, name, steps, desc)        steps,

static const char *const state_names[] = { TC_STATE_LIST(NAME3) };
static const char *const role_names[] = { TC_ROLE_LIST(NAME3) };
static const char *const hs_names[] = { TC_HS_KIND_LIST(NAME4) };
static const char *const td_names[] = { TC_TD_KIND_LIST(NAME4) };
static const char *const rst_names[] = { TC_RST_KIND_LIST(RST_NAME) };
static const char *const rst_tags[] = { TC_RST_KIND_LIST(RST_TAG) };
static const tc_event_t rst_events[] = { TC_RST_KIND_LIST(RST_EVENT) };
static const char *const rst_check_names[] = { TC_RST_CHECK_LIST(NAME3) };
static const char *const retry_names[] = { TC_RETRY_KIND_LIST(RETRY_NAME) };
static const tc_event_t retry_events[] = { TC_RETRY_KIND_LIST(RETRY_EVENT) };
static const char *const retry_outcome_names[] = { TC_RETRY_OUTCOME_LIST(NAME3) };
static const char *const segment_names[] = { TC_STEP_SEGMENT_LIST(NAME2) };
static const char *const closer_names[] = { TC_CLOSER_LIST(NAME2) };
static const char *const pattern_names[] = { TC_PATTERN_LIST(NAME3) };
static const char *const hso_names[] = { TC_HS_OUTCOME_LIST(NAME3) };
static const char *const tdo_names[] = { TC_TD_OUTCOME_LIST(NAME3) };
static const char *const event_names[] = { TC_EVENT_LIST(EV_NAME) };
static const char *const event_summaries[] = { TC_EVENT_LIST(EV_SUMMARY) };
static const tc_part_t event_parts[] = { TC_EVENT_LIST(EV_PART) };
static const char *const event_tags[] = { TC_EVENT_LIST(EV_TAG) };
static const unsigned char hs_steps[] = { TC_HS_KIND_LIST(STEPS) };
static const unsigned char td_steps[] = { TC_TD_KIND_LIST(STEPS) };

#define IN(table, v) ((v) < sizeof(table) / sizeof((table)[0]))
#define LOOKUP(table, v) (IN(table, v) ? (table)[v] : "")

const char *tc_state_name(unsigned v)          { return LOOKUP(state_names, v); }
const char *tc_role_name(unsigned v)           { return LOOKUP(role_names, v); }
const char *tc_hs_kind_name(unsigned v)        { return LOOKUP(hs_names, v); }
const char *tc_td_kind_name(unsigned v)        { return LOOKUP(td_names, v); }
const char *tc_rst_kind_name(unsigned v)       { return LOOKUP(rst_names, v); }
const char *tc_rst_kind_tag(unsigned v)        { return LOOKUP(rst_tags, v); }
const char *tc_rst_check_name(unsigned v)      { return LOOKUP(rst_check_names, v); }
const char *tc_retry_kind_name(unsigned v)     { return LOOKUP(retry_names, v); }
const char *tc_retry_outcome_name(unsigned v)  { return LOOKUP(retry_outcome_names, v); }
const char *tc_step_segment_name(unsigned v)   { return LOOKUP(segment_names, v); }
const char *tc_closer_name(unsigned v)         { return LOOKUP(closer_names, v); }
const char *tc_pattern_name(unsigned v)        { return LOOKUP(pattern_names, v); }
const char *tc_hs_outcome_name(unsigned v)     { return LOOKUP(hso_names, v); }
const char *tc_td_outcome_name(unsigned v)     { return LOOKUP(tdo_names, v); }
const char *tc_event_name(unsigned v)          { return LOOKUP(event_names, v); }
const char *tc_event_summary(unsigned v)       { return LOOKUP(event_summaries, v); }
const char *tc_event_tag(unsigned v)           { return IN(event_tags, v) ? event_tags[v] : NULL; }

tc_event_t tc_rst_kind_event(unsigned v)   { return IN(rst_events, v) ? rst_events[v] : TC_EV_COUNT; }
tc_event_t tc_retry_kind_event(unsigned v) { return IN(retry_events, v) ? retry_events[v] : TC_EV_COUNT; }
tc_part_t tc_event_part(unsigned v)        { return IN(event_parts, v) ? event_parts[v] : TC_PART_TAG; }

unsigned tc_hs_total(unsigned v) { return IN(hs_steps, v) ? hs_steps[v] : 0; }
unsigned tc_td_total(unsigned v) { return IN(td_steps, v) ? td_steps[v] : 0; }
