/* gen_docs.c
 * Prints the README's tables of states, kinds, outcomes, events and fields
 * from the one list in plugin/tcpconn_defs.h.  tests/docs/check-docs.sh
 * fails when the README differs; tools/update-docs.sh rewrites it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "tcpconn_defs.h"

#define ROW3(id, name, desc)              printf("| `%s` | %s |\n", name, desc);
#define ROW4(id, name, steps, desc)       printf("| `%s` | %d | %s |\n", (name)[0] ? name : "(none)", steps, desc);
#define ROWRST(id, name, tag, ev, desc)   if ((name)[0]) printf("| `%s` | %s | `%s` |\n", name, desc, tag);
#define ROWPAT(id, name, desc)            if ((name)[0]) printf("| `%s` | %s |\n", name, desc);
#define ROWEV(id, ph, name, gr, sev, part, tag, s) \
    printf("| `tcpconn.%s.%s` | %s | %s | %s |\n", ph, name, #sev, #gr, s);
#define ROWFIELD(var, abbrev, type, name, desc) \
    printf("| `tcpconn.%s` | %s | %s | %s |\n", abbrev, field_type(#type), name, desc);

/* The field types as tshark -G fields names them. */
static const char *field_type(const char *t)
{
    static const struct { const char *list, *shown; } types[] = {
        { "NONE", "none" }, { "STR", "string" }, { "BOOL", "boolean" }, { "U8", "uint8" },
        { "U16", "uint16" }, { "U32", "uint32" }, { "U64", "uint64" }, { "DOUBLE", "double" }, { "TIME", "time (relative)" },
        { "FRAME", "frame number" }, { "FRAME_RETX", "frame number" }, { "FRAME_ACK", "frame number" },
        { "FRAME_REQ", "frame number" }, { "FRAME_RESP", "frame number" },
    };

    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        if (strcmp(t, types[i].list) == 0)
            return types[i].shown;
    }
    return t;
}

static void kinds(void)
{
    printf("#### Endpoint states (`tcpconn.state.*`)\n\n| state | meaning |\n|---|---|\n");
    TC_STATE_LIST(ROW3)
    printf("\n#### Roles (`tcpconn.role`, `tcpconn.rst.by`)\n\n| role | meaning |\n|---|---|\n");
    TC_ROLE_LIST(ROW3)
    printf("\n#### Handshake kinds (`tcpconn.handshake.kind`)\n\n| kind | steps | meaning |\n|---|---|---|\n");
    TC_HS_KIND_LIST(ROW4)
    printf("\n#### Teardown kinds (`tcpconn.teardown.kind`)\n\n| kind | steps | meaning |\n|---|---|---|\n");
    TC_TD_KIND_LIST(ROW4)
    printf("\n#### Reset kinds (`tcpconn.rst.kind`)\n\n| kind | meaning | Info tag |\n|---|---|---|\n");
    TC_RST_KIND_LIST(ROWRST)
    printf("\n#### Retry patterns (`tcpconn.retry.pattern`)\n\n| pattern | meaning |\n|---|---|\n");
    TC_PATTERN_LIST(ROWPAT)
    printf("\n#### Retry outcomes (`tcpconn.retry.outcome`)\n\n| outcome | meaning |\n|---|---|\n");
    TC_RETRY_OUTCOME_LIST(ROW3)
}

static void outcomes(void)
{
    printf("\n#### Handshake outcomes (`tcpconn.summary.handshake`)\n\n| outcome | meaning |\n|---|---|\n");
    TC_HS_OUTCOME_LIST(ROW3)
    printf("\n#### Teardown outcomes (`tcpconn.summary.teardown`)\n\n| outcome | meaning |\n|---|---|\n");
    TC_TD_OUTCOME_LIST(ROW3)
}

int main(void)
{
    kinds();
    outcomes();
    printf("\n#### Events: expert infos and `tcpconn.event` values\n\n"
           "Each is a display filter of its own (e.g. `tcpconn.rst.refused`); `tcpconn.event` "
           "holds the part after `tcpconn.`.\n\n| filter | severity | group | meaning |\n|---|---|---|---|\n");
    TC_EVENT_LIST(ROWEV)
    printf("\n#### Fields of an annotated frame\n\n| filter | type | name | meaning |\n|---|---|---|---|\n");
    TC_FIELD_FRAME_LIST(ROWFIELD)
    printf("\n#### Fields of the Connection summary (every followed frame)\n\n"
           "| filter | type | name | meaning |\n|---|---|---|---|\n");
    TC_FIELD_SUMMARY_LIST(ROWFIELD)
    return 0;
}
