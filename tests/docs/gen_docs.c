/* gen_docs.c
 * Prints the README's tables of states, kinds and events from the one list
 * in plugin/tcpconn_defs.h.  tests/docs/check-docs.sh fails when the README
 * differs; tools/update-docs.sh rewrites it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>

#include "tcpconn_defs.h"

#define ROW3(id, name, desc)              printf("| `%s` | %s |\n", name, desc);
#define ROW4(id, name, steps, desc)       printf("| `%s` | %d | %s |\n", (name)[0] ? name : "(none)", steps, desc);
#define ROWRST(id, name, desc)            if ((name)[0]) printf("| `%s` | %s |\n", name, desc);
#define ROWPAT(id, name, desc)            if ((name)[0]) printf("| `%s` | %s |\n", name, desc);
#define ROWEV(id, ph, name, gr, sev, s)   printf("| `tcpconn.%s.%s` | %s | %s | %s |\n", ph, name, #sev, #gr, s);

int main(void)
{
    printf("#### Endpoint states (`tcpconn.state.*`)\n\n| state | meaning |\n|---|---|\n");
    TC_STATE_LIST(ROW3)
    printf("\n#### Roles (`tcpconn.role`, `tcpconn.rst.by`)\n\n| role | meaning |\n|---|---|\n");
    TC_ROLE_LIST(ROW3)
    printf("\n#### Handshake kinds (`tcpconn.handshake.kind`)\n\n| kind | steps | meaning |\n|---|---|---|\n");
    TC_HS_KIND_LIST(ROW4)
    printf("\n#### Teardown kinds (`tcpconn.teardown.kind`)\n\n| kind | steps | meaning |\n|---|---|---|\n");
    TC_TD_KIND_LIST(ROW4)
    printf("\n#### Reset kinds (`tcpconn.rst.kind`)\n\n| kind | meaning |\n|---|---|\n");
    TC_RST_KIND_LIST(ROWRST)
    printf("\n#### Retry patterns (`tcpconn.retry.pattern`)\n\n| pattern | meaning |\n|---|---|\n");
    TC_PATTERN_LIST(ROWPAT)
    printf("\n#### Handshake outcomes (`tcpconn.summary.handshake`)\n\n| outcome | meaning |\n|---|---|\n");
    TC_HS_OUTCOME_LIST(ROW3)
    printf("\n#### Teardown outcomes (`tcpconn.summary.teardown`)\n\n| outcome | meaning |\n|---|---|\n");
    TC_TD_OUTCOME_LIST(ROW3)
    printf("\n#### Events: expert infos and `tcpconn.event` values\n\n"
           "Each is a display filter of its own (e.g. `tcpconn.rst.refused`); `tcpconn.event` "
           "holds the part after `tcpconn.`.\n\n| filter | severity | group | meaning |\n|---|---|---|---|\n");
    TC_EVENT_LIST(ROWEV)
    return 0;
}
