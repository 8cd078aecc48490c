/* scenario.h
 * Scenario tables for the core: each row is one segment and the exact
 * rendering of the result the core must give for it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCPCONN_SCENARIO_H
#define TCPCONN_SCENARIO_H

#include <stddef.h>
#include <stdint.h>

#include "tcpconn_core.h"

#include "segment_flags.h"

typedef struct row {
    uint8_t  dir;
    uint8_t  flags;
    uint32_t seq, ack, len;
    double   t;             /* seconds */
    const char *expect;     /* render_result() text, "-" when not annotated */
    uint32_t win;           /* window (0 unless a row says) */
} row_t;

typedef struct scenario {
    const char *name;
    const char *what;       /* the behaviour it checks */
    const row_t *rows;
    size_t nrows;
    const char *summary;    /* render_summary() text after the last row */
} scenario_t;

#define SCENARIO(id, text) \
    static const char id##_what[] = text; \
    static const row_t id##_rows[] =

#define SUMMARY(id, text) static const char id##_summary[] = text;

#define ENTRY(id) { #id, id##_what, id##_rows, sizeof id##_rows / sizeof id##_rows[0], id##_summary }

#endif
