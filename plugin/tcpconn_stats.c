/* tcpconn_stats.c
 * Two statistics tables over the "tcpconn" tap, in Wireshark's Statistics
 * menu and as `tshark -q -z tcpconn,conns` / `-z tcpconn,outcomes`:
 *   conns     one row per connection: endpoints, Zeek conn_state and
 *             history, handshake and teardown outcomes, retries, duration
 *   outcomes  how many connections came to each handshake and teardown
 *             outcome
 * A row is refreshed by every frame of its connection, so after the last
 * frame it shows what the connection came to, in one pass or two.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/packet.h>
#include <epan/tap.h>
#include <epan/stat_tap_ui.h>
#include <epan/address.h>
#include <epan/to_str.h>

#include "tcpconn_glue.h"
#include "tcpconn_zeek.h"

/* ---- row bookkeeping: which row (or counted outcome) belongs to which
 * connection, per table ---- */

static GHashTable *table_maps;  /* stat_tap_table * -> GHashTable(life -> value + 1) */

static GHashTable *table_map(const stat_tap_table *table)
{
    GHashTable *map;

    if (!table_maps)
        table_maps = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                           (GDestroyNotify)g_hash_table_destroy);
    map = (GHashTable *)g_hash_table_lookup(table_maps, table);
    if (!map) {
        map = g_hash_table_new(g_direct_hash, g_direct_equal);
        g_hash_table_insert(table_maps, (gpointer)table, map);
    }
    return map;
}

static void table_map_drop(const stat_tap_table *table)
{
    if (table_maps)
        g_hash_table_remove(table_maps, table);
}

static stat_tap_table *first_table(void *tapdata)
{
    stat_data_t *sd = (stat_data_t *)tapdata;

    return g_array_index(sd->stat_tap_data->tables, stat_tap_table *, 0);
}

/* Creates the table the first time, resets it on a rescan. */
static void table_init(stat_tap_table_ui *ui, const char *name)
{
    stat_tap_table *table = stat_tap_find_table(ui, name);

    if (table) {
        if (ui->stat_tap_reset_table_cb)
            ui->stat_tap_reset_table_cb(table);
        return;
    }
    table = stat_tap_init_table(name, (int)ui->nfields, 0, NULL);
    stat_tap_add_table(ui, table);
}

/* ---- conns: one row per connection ---- */

enum {
    C_STREAM, C_CONN, C_CLIENT, C_SERVER, C_STATE, C_HISTORY, C_HANDSHAKE, C_TEARDOWN,
    C_CLOSER, C_SYN_RETRIES, C_SYNACK_RETRIES, C_FIN_RETRIES, C_DURATION, C_FIRST, C_LAST,
    C_COUNT
};

static stat_tap_table_item conns_fields[C_COUNT] = {
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Stream", "%u" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Conn", "%u" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Client (originator)", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Server (responder)", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "conn_state", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "History", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Handshake", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Teardown", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Active closer", "%s" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "SYN retries", "%u" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "SYN-ACK retries", "%u" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "FIN retries", "%u" },
    { TABLE_ITEM_FLOAT, TAP_ALIGN_RIGHT, "Duration (s)", "%.6f" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "First frame", "%u" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Last frame", "%u" },
};

static char *endpoint_str(const tcpconn_conn_t *conn, unsigned d)
{
    address a;
    guint16 port;
    char *addr, *s;

    tcpconn_conn_endpoint(conn, d, &a, &port);
    addr = address_to_str(NULL, &a);
    s = a.type == AT_IPv6 ? g_strdup_printf("[%s]:%u", addr, port) : g_strdup_printf("%s:%u", addr, port);
    wmem_free(NULL, addr);
    return s;
}

static void conns_fill(stat_tap_table_item_type *row, const tcpconn_conn_t *conn)
{
    const tc_summary_t *s = conn->sum;
    const char *closer = tcpconn_summary_sides(s, tc_summary_closer(s));

    row[C_STREAM].value.uint_value = conn->stream;
    row[C_CONN].value.uint_value = conn->number;
    row[C_STATE].value.string_value = tc_zeek_conn_state(&conn->zeek);
    row[C_HISTORY].value.string_value = tc_zeek_history(&conn->zeek);
    row[C_HANDSHAKE].value.string_value = tc_hs_outcome_name(tc_summary_hs_outcome(s));
    row[C_TEARDOWN].value.string_value = tc_td_outcome_name(tc_summary_td_outcome(s));
    row[C_CLOSER].value.string_value = closer ? closer : "";
    row[C_SYN_RETRIES].value.uint_value = s->syn_retries;
    row[C_SYNACK_RETRIES].value.uint_value = s->synack_retries;
    row[C_FIN_RETRIES].value.uint_value = s->fin_retries;
    row[C_DURATION].value.float_value = (double)(s->last_ns - s->first_ns) / 1e9;
    row[C_FIRST].value.uint_value = s->first_frame;
    row[C_LAST].value.uint_value = s->last_frame;
}

static void conns_add_row(stat_tap_table *table, GHashTable *map, const tcpconn_conn_t *conn)
{
    stat_tap_table_item_type row[C_COUNT];
    unsigned client = conn->sum->client == TC_DIR_NONE ? 0 : conn->sum->client;
    guint index = table->num_elements;

    memset(row, 0, sizeof row);
    for (int c = 0; c < C_COUNT; c++)
        row[c].type = conns_fields[c].type;
    row[C_CLIENT].value.string_value = endpoint_str(conn, client);
    row[C_SERVER].value.string_value = endpoint_str(conn, client ^ 1u);
    conns_fill(row, conn);
    stat_tap_init_table_row(table, index, C_COUNT, row);
    g_hash_table_insert(map, (gpointer)conn, GUINT_TO_POINTER(index + 1));
}

static tap_packet_status conns_packet(void *tapdata, packet_info *pinfo _U_, epan_dissect_t *edt _U_,
                                      const void *data, tap_flags_t flags _U_)
{
    const tcpconn_tap_data_t *td = (const tcpconn_tap_data_t *)data;
    stat_tap_table *table = first_table(tapdata);
    GHashTable *map = table_map(table);
    guint index = GPOINTER_TO_UINT(g_hash_table_lookup(map, td->conn));

    if (!index) {
        conns_add_row(table, map, td->conn);
        return TAP_PACKET_REDRAW;
    }
    conns_fill(table->elements[index - 1], td->conn);
    return TAP_PACKET_REDRAW;
}

static void conns_free_item(stat_tap_table *table _U_, guint row _U_, guint column,
                            stat_tap_table_item_type *field)
{
    if (column == C_CLIENT || column == C_SERVER)
        g_free((char *)field->value.string_value);
}

/* Rows come and go with connections: a reset empties the table. */
static void conns_reset(stat_tap_table *table)
{
    for (guint r = 0; r < table->num_elements; r++) {
        for (guint c = 0; c < table->num_fields; c++)
            conns_free_item(table, r, c, &table->elements[r][c]);
        g_free(table->elements[r]);
    }
    g_free(table->elements);
    table->elements = NULL;
    table->num_elements = 0;
    table_map_drop(table);
}

static void conns_init(stat_tap_table_ui *ui)
{
    table_init(ui, "TCP connections");
}

/* ---- outcomes: connections per handshake and teardown outcome ---- */

enum { O_PHASE, O_OUTCOME, O_COUNT_COL, O_COLS };

static stat_tap_table_item outcome_fields[O_COLS] = {
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Phase", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Outcome", "%s" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Connections", "%u" },
};

/* Rows: the handshake outcomes, then the teardown outcomes. */
static guint outcome_row(const tc_summary_t *s, int teardown)
{
    return teardown ? TC_HSO_COUNT + (guint)tc_summary_td_outcome(s) : (guint)tc_summary_hs_outcome(s);
}

static void outcome_move(stat_tap_table *table, guint from, guint to)
{
    if (from != G_MAXUINT)
        table->elements[from][O_COUNT_COL].value.uint_value--;
    table->elements[to][O_COUNT_COL].value.uint_value++;
}

static tap_packet_status outcomes_packet(void *tapdata, packet_info *pinfo _U_, epan_dissect_t *edt _U_,
                                         const void *data, tap_flags_t flags _U_)
{
    const tcpconn_tap_data_t *td = (const tcpconn_tap_data_t *)data;
    stat_tap_table *table = first_table(tapdata);
    GHashTable *map = table_map(table);
    guint counted = GPOINTER_TO_UINT(g_hash_table_lookup(map, td->conn));  /* (hs+1) | (td+1) << 8 */
    guint hs = outcome_row(td->conn->sum, 0), tdr = outcome_row(td->conn->sum, 1);
    guint now = (hs + 1) | (tdr + 1) << 8;

    if (counted == now)
        return TAP_PACKET_DONT_REDRAW;
    outcome_move(table, counted ? (counted & 0xff) - 1 : G_MAXUINT, hs);
    outcome_move(table, counted ? (counted >> 8) - 1 : G_MAXUINT, tdr);
    g_hash_table_insert(map, (gpointer)td->conn, GUINT_TO_POINTER(now));
    return TAP_PACKET_REDRAW;
}

static void outcomes_reset(stat_tap_table *table)
{
    for (guint r = 0; r < table->num_elements; r++)
        table->elements[r][O_COUNT_COL].value.uint_value = 0;
    table_map_drop(table);
}

static void outcomes_add_row(stat_tap_table *table, const char *phase, const char *outcome)
{
    stat_tap_table_item_type row[O_COLS];

    memset(row, 0, sizeof row);
    row[O_PHASE].type = row[O_OUTCOME].type = TABLE_ITEM_STRING;
    row[O_COUNT_COL].type = TABLE_ITEM_UINT;
    row[O_PHASE].value.string_value = phase;
    row[O_OUTCOME].value.string_value = outcome;
    stat_tap_init_table_row(table, table->num_elements, O_COLS, row);
}

static void outcomes_init(stat_tap_table_ui *ui)
{
    const char *name = "TCP connection outcomes";
    stat_tap_table *table = stat_tap_find_table(ui, name);

    if (table) {
        outcomes_reset(table);
        return;
    }
    table = stat_tap_init_table(name, O_COLS, 0, NULL);
    stat_tap_add_table(ui, table);
    for (guint i = 0; i < TC_HSO_COUNT; i++)
        outcomes_add_row(table, "handshake", tc_hs_outcome_name(i));
    for (guint i = 0; i < TC_TDO_COUNT; i++)
        outcomes_add_row(table, "teardown", tc_td_outcome_name(i));
}

/* ---- registration ---- */

static tap_param stats_params[] = { { PARAM_FILTER, "filter", "Filter", NULL, TRUE } };

static stat_tap_table_ui conns_ui = {
    REGISTER_PACKET_STAT_GROUP_UNSORTED, "TCP Connection Lifecycles", "tcpconn", "tcpconn,conns",
    conns_init, conns_packet, conns_reset, conns_free_item, NULL,
    array_length(conns_fields), conns_fields, array_length(stats_params), stats_params, NULL, 0
};

static stat_tap_table_ui outcomes_ui = {
    REGISTER_PACKET_STAT_GROUP_UNSORTED, "TCP Connection Outcomes", "tcpconn", "tcpconn,outcomes",
    outcomes_init, outcomes_packet, outcomes_reset, NULL, NULL,
    array_length(outcome_fields), outcome_fields, array_length(stats_params), stats_params, NULL, 0
};

void tcpconn_register_stats(void)
{
    register_stat_tap_table_ui(&conns_ui);
    register_stat_tap_table_ui(&outcomes_ui);
}
