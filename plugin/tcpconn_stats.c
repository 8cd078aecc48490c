/* tcpconn_stats.c
 * Two statistics tables over the "tcpconn" tap, in Wireshark's Statistics
 * menu and as `tshark -q -z tcpconn,conns` / `-z tcpconn,outcomes`:
 *   conns     one row per Zeek record (most connections are one): endpoints,
 *             Zeek conn_state and history, the connection's handshake and
 *             teardown outcomes, retries, per-direction counts, duration
 *   outcomes  how many connections came to each handshake and teardown
 *             outcome
 *
 * A row is refreshed by every frame of its connection, so after the last
 * frame it shows what the connection came to, in one pass or two.  A tap
 * filter only chooses which connections are counted: in tshark the
 * table's own listener sees every frame and a second listener, with the
 * filter, says which connections it chose (the GUI refills its tables
 * after the file has been read, when every summary is final).  The table
 * counts every connection; a draw listener ahead of the table's drops the
 * connections the filter did not choose before tshark prints the table.
 * A filter on frame fields chooses the connections with a matching frame.
 * A filter that names a Connection summary field is about what the
 * connection came to: the connection's last frame decides, whose summary
 * is final in one pass too.
 *
 * Which row belongs to which connection is kept per table, and made anew
 * whenever the table is made or reset, so it cannot outlive its table.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/packet.h>
#include <epan/tap.h>
#include <epan/stat_tap_ui.h>
#include <epan/address.h>
#include <epan/to_str.h>

#include "tcpconn_glue.h"

/* ---- per table: its rows' owners ---- */

typedef struct table_state {
    stat_tap_table *table;      /* the table the map is for */
    GHashTable *map;            /* owner -> its row (conns) or its counted outcomes (outcomes) */
    GDestroyNotify free_value;
    char *filter;               /* tshark: the user's tap filter, applied by the chooser */
    gboolean by_last;           /* the filter names a summary field: the last frame decides */
    gboolean choosing;          /* the chooser listener is registered */
    gboolean pruning;           /* by_last: the pruning draw listener is registered */
    GHashTable *chosen;         /* owner -> the latest frame the filter matched */
    GHashTable *latest;         /* by_last: owner -> its latest frame */
} table_state_t;

static void row_ref_free(gpointer p);

static table_state_t conns_state = { .free_value = row_ref_free }, outcomes_state;

static void state_forget(table_state_t *st)
{
    if (st->map)
        g_hash_table_destroy(st->map);
    st->map = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, st->free_value);
}

/* The state of the table a packet is for: the map is reset when the table
 * is not the one it was made for (a table freed and made again). */
static table_state_t *state_of(table_state_t *st, void *tapdata)
{
    stat_data_t *sd = (stat_data_t *)tapdata;
    stat_tap_table *table = g_array_index(sd->stat_tap_data->tables, stat_tap_table *, 0);

    if (st->table != table || !st->map) {
        st->table = table;
        state_forget(st);
    }
    return st;
}

/* Did the filter choose the owner (always, without one)?  By the last
 * frame: did it match the owner's latest frame? */
static gboolean chosen(const table_state_t *st, const void *owner)
{
    if (!st->choosing)
        return TRUE;
    if (st->by_last)
        return g_hash_table_lookup(st->chosen, owner) == g_hash_table_lookup(st->latest, owner);
    return g_hash_table_contains(st->chosen, owner);
}

/* Does the filter name a field of the Connection summary? */
static gboolean names_summary_field(const char *filter)
{
    gchar **words = g_regex_split_simple("[^A-Za-z0-9_.-]+", filter, 0, 0);
    gboolean found = FALSE;

    for (gchar **w = words; *w && !found; w++) {
        header_field_info *hfi = g_str_has_prefix(*w, "tcpconn.") ? proto_registrar_get_byname(*w) : NULL;

        found = hfi && tcpconn_is_summary_field(hfi->id);
    }
    g_strfreev(words);
    return found;
}

static tap_packet_status choose_packet(void *tapdata, packet_info *pinfo _U_, epan_dissect_t *edt _U_,
                                       const void *data, tap_flags_t flags _U_);

/* tshark: take the filter from -z ...,FILTER and apply it in a listener
 * of our own, so the table's listener sees every frame of the chosen
 * connections (stat_filter_check_cb is called before the table is made). */
static void take_filter(table_state_t *st, const char **filter, char **err)
{
    static int probe;
    GString *bad;

    if (!*filter || !**filter)
        return;
    /* a listener with the filter tells whether it compiles */
    bad = register_tap_listener("tcpconn", &probe, *filter, 0, NULL, NULL, NULL, NULL);
    if (bad) {
        *err = g_string_free(bad, FALSE);
        return;
    }
    remove_tap_listener(&probe);
    g_free(st->filter);
    st->filter = g_strdup(*filter);
    st->by_last = names_summary_field(*filter);
    *filter = NULL;
}

static void start_choosing(table_state_t *st)
{
    GString *err;

    if (!st->filter || st->choosing)
        return;
    st->chosen = g_hash_table_new(g_direct_hash, g_direct_equal);
    st->latest = g_hash_table_new(g_direct_hash, g_direct_equal);
    err = register_tap_listener("tcpconn", st, st->filter, 0, NULL, choose_packet, NULL, NULL);
    if (err) {
        g_string_free(err, TRUE);
        return;
    }
    st->choosing = TRUE;
}

static void prune_draw(void *tapdata);

/* With a filter, the table's listener notes each owner's latest frame; on
 * its first frame, the pruning listener goes ahead of the table's own one,
 * which tshark registered after the table was made. */
static void note_latest(table_state_t *st, const void *owner, guint32 frame)
{
    if (!st->choosing)
        return;
    if (st->by_last)
        g_hash_table_insert(st->latest, (gpointer)owner, GUINT_TO_POINTER(frame));
    if (!st->pruning) {
        GString *err = register_tap_listener("tcpconn", &st->pruning, NULL, 0, NULL, NULL, prune_draw, NULL);

        if (err)
            g_string_free(err, TRUE);
        else
            st->pruning = TRUE;
    }
}

/* Creates the table the first time, empties it on a rescan. */
static stat_tap_table *table_init(stat_tap_table_ui *ui, const char *name, table_state_t *st)
{
    stat_tap_table *table = stat_tap_find_table(ui, name);

    if (table) {
        if (ui->stat_tap_reset_table_cb)
            ui->stat_tap_reset_table_cb(table);
    } else {
        table = stat_tap_init_table(name, (int)ui->nfields, 0, NULL);
        stat_tap_add_table(ui, table);
    }
    st->table = table;
    state_forget(st);
    start_choosing(st);
    return table;
}

/* ---- conns: one row per Zeek record ---- */

enum {
    C_STREAM, C_CONN, C_RECORD, C_CLIENT, C_SERVER, C_STATE, C_HISTORY, C_HANDSHAKE, C_TEARDOWN,
    C_CLOSER, C_SYN_RETRIES, C_SYNACK_RETRIES, C_FIN_RETRIES, C_PKTS_ORIG, C_PKTS_RESP,
    C_BYTES_ORIG, C_BYTES_RESP, C_DURATION, C_FIRST, C_LAST,
    C_COUNT
};

static stat_tap_table_item conns_fields[C_COUNT] = {
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Stream", "%u" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Conn", "%u" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Zeek record", "%u" },
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
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Packets orig", "%u" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Packets resp", "%u" },
    { TABLE_ITEM_FLOAT, TAP_ALIGN_RIGHT, "Bytes orig", "%.0f" },
    { TABLE_ITEM_FLOAT, TAP_ALIGN_RIGHT, "Bytes resp", "%.0f" },
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

/* The Zeek record's columns: final once the record has ended. */
static void fill_record(stat_tap_table_item_type *row, const tcpconn_tap_data_t *td)
{
    row[C_RECORD].value.uint_value = td->zeek->number;
    row[C_STATE].value.string_value = tc_zeek_state_name(td->zeek->rec.conn_state);
    g_strlcpy((char *)row[C_HISTORY].value.string_value, td->zeek->rec.history, TC_ZEEK_HISTORY_SIZE);
}

/* The connection's columns, on every row of its records. */
static void fill_conn(stat_tap_table_item_type *row, const tcpconn_tap_data_t *td)
{
    tc_summary_t scratch;
    const tc_summary_t *s = tcpconn_conn_sum(td->conn, &scratch);
    const char *closer = tcpconn_summary_sides(s, tc_summary_closer(s));
    unsigned o = s->client > 1 ? 0 : s->client;

    row[C_STREAM].value.uint_value = td->conn->stream;
    row[C_CONN].value.uint_value = td->conn->number;
    row[C_HANDSHAKE].value.string_value = tc_hs_outcome_name(tc_summary_hs_outcome(s));
    row[C_TEARDOWN].value.string_value = tc_td_outcome_name(tc_summary_td_outcome(s));
    row[C_CLOSER].value.string_value = closer ? closer : "";
    row[C_SYN_RETRIES].value.uint_value = s->syn_retries;
    row[C_SYNACK_RETRIES].value.uint_value = s->synack_retries;
    row[C_FIN_RETRIES].value.uint_value = s->fin_retries;
    row[C_PKTS_ORIG].value.uint_value = s->pkts[o];
    row[C_PKTS_RESP].value.uint_value = s->pkts[o ^ 1u];
    row[C_BYTES_ORIG].value.float_value = (double)s->bytes[o];
    row[C_BYTES_RESP].value.float_value = (double)s->bytes[o ^ 1u];
    row[C_DURATION].value.float_value = (double)tc_ns_between(s->first_ns, s->last_ns) / 1e9;
    row[C_FIRST].value.uint_value = s->first_frame;
    row[C_LAST].value.uint_value = s->last_frame;
}

/* The rows of a connection, one per Zeek record in order; the last is the
 * record its frames belong to now. */
typedef struct row_ref {
    GArray *rows;       /* guint */
    guint16 record;
    guint8 client;      /* the direction the endpoint columns were written for */
} row_ref_t;

static void row_ref_free(gpointer p)
{
    row_ref_t *ref = (row_ref_t *)p;

    g_array_free(ref->rows, TRUE);
    g_free(ref);
}

static unsigned client_of(const tcpconn_tap_data_t *td)
{
    tc_summary_t scratch;
    unsigned client = tcpconn_conn_sum(td->conn, &scratch)->client;

    return client > 1 ? 0 : client;
}

/* The Client and Server columns; a later frame may tell the client apart
 * (a SYN after a mid-stream start), so they are rewritten then. */
static void fill_endpoints(stat_tap_table_item_type *row, const tcpconn_tap_data_t *td)
{
    unsigned client = client_of(td);

    g_free((char *)row[C_CLIENT].value.string_value);
    g_free((char *)row[C_SERVER].value.string_value);
    row[C_CLIENT].value.string_value = endpoint_str(td->conn, client);
    row[C_SERVER].value.string_value = endpoint_str(td->conn, client ^ 1u);
}

static guint conns_add_row(stat_tap_table *table, const tcpconn_tap_data_t *td)
{
    stat_tap_table_item_type row[C_COUNT];
    guint index = table->num_elements;

    memset(row, 0, sizeof row);
    for (int c = 0; c < C_COUNT; c++)
        row[c].type = conns_fields[c].type;
    fill_endpoints(row, td);
    row[C_HISTORY].value.string_value = g_malloc0(TC_ZEEK_HISTORY_SIZE);
    fill_record(row, td);
    fill_conn(row, td);
    stat_tap_init_table_row(table, index, C_COUNT, row);
    return index;
}

/* A Zeek record can span connections: Zeek's does not end where a SYN
 * after a mid-stream start begins tcpconn's next connection.  The rows of
 * the earlier connections that show the frame's record show it as it is
 * now, as two passes show it. */
static void refresh_shared_record(table_state_t *st, const tcpconn_tap_data_t *td)
{
    const tcpconn_pair_t *pair = td->conn->pair;

    if (!pair->conns)
        return;
    for (guint n = td->conn->number - 1u; n >= 1; n--) {
        const tcpconn_conn_t *c = *(const tcpconn_conn_t **)wmem_array_index(pair->conns, n - 1u);
        const row_ref_t *ref = (const row_ref_t *)g_hash_table_lookup(st->map, c);
        guint row;

        if (!ref || !ref->rows->len || ref->record != td->zeek->number)
            return;     /* records go in order: no earlier one shares it */
        row = g_array_index(ref->rows, guint, ref->rows->len - 1);
        if (row < st->table->num_elements)
            fill_record(st->table->elements[row], td);
    }
}

static void conns_update(table_state_t *st, const tcpconn_tap_data_t *td)
{
    row_ref_t *ref = (row_ref_t *)g_hash_table_lookup(st->map, td->conn);
    guint row;

    if (!ref) {
        ref = g_new0(row_ref_t, 1);
        ref->rows = g_array_new(FALSE, FALSE, sizeof(guint));
        g_hash_table_insert(st->map, (gpointer)td->conn, ref);
    }
    if (!ref->rows->len || ref->record != td->zeek->number) {
        row = conns_add_row(st->table, td);
        g_array_append_val(ref->rows, row);
        ref->record = td->zeek->number;
        ref->client = (guint8)client_of(td);
    }
    for (guint i = 0; i < ref->rows->len; i++) {
        row = g_array_index(ref->rows, guint, i);
        if (row >= st->table->num_elements)
            continue;       /* not this table's row */
        if (ref->client != client_of(td))
            fill_endpoints(st->table->elements[row], td);
        fill_conn(st->table->elements[row], td);
        if (i + 1 == ref->rows->len)
            fill_record(st->table->elements[row], td);
    }
    ref->client = (guint8)client_of(td);
    refresh_shared_record(st, td);
}

static tap_packet_status conns_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_,
                                      const void *data, tap_flags_t flags _U_)
{
    const tcpconn_tap_data_t *td = (const tcpconn_tap_data_t *)data;
    table_state_t *st = state_of(&conns_state, tapdata);

    note_latest(st, td->conn, pinfo->num);
    if (!td->zeek)
        return TAP_PACKET_DONT_REDRAW;
    conns_update(st, td);
    return TAP_PACKET_REDRAW;
}

static void conns_free_item(stat_tap_table *table _U_, guint row _U_, guint column,
                            stat_tap_table_item_type *field)
{
    if (column == C_CLIENT || column == C_SERVER || column == C_HISTORY)
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
    if (table == conns_state.table)
        state_forget(&conns_state);
}

static void conns_init(stat_tap_table_ui *ui)
{
    table_init(ui, "TCP connections", &conns_state);
}

static void conns_filter(const char *opt_arg _U_, const char **filter, char **err)
{
    take_filter(&conns_state, filter, err);
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

/* One connection from row from to row to; G_MAXUINT for none. */
static void outcome_move(stat_tap_table *table, guint from, guint to)
{
    if (from < table->num_elements && table->elements[from][O_COUNT_COL].value.uint_value)
        table->elements[from][O_COUNT_COL].value.uint_value--;
    if (to < table->num_elements)
        table->elements[to][O_COUNT_COL].value.uint_value++;
}

/* A connection counts once, under its latest outcomes. */
static gboolean outcomes_count(table_state_t *st, const tcpconn_tap_data_t *td)
{
    guint counted = GPOINTER_TO_UINT(g_hash_table_lookup(st->map, td->conn));  /* (hs+1) | (td+1) << 8 */
    tc_summary_t scratch;
    const tc_summary_t *s = tcpconn_conn_sum(td->conn, &scratch);
    guint hs = outcome_row(s, 0), tdr = outcome_row(s, 1);
    guint now = (hs + 1) | (tdr + 1) << 8;

    if (counted == now)
        return FALSE;
    outcome_move(st->table, counted ? (counted & 0xff) - 1 : G_MAXUINT, hs);
    outcome_move(st->table, counted ? (counted >> 8) - 1 : G_MAXUINT, tdr);
    g_hash_table_insert(st->map, (gpointer)td->conn, GUINT_TO_POINTER(now));
    return TRUE;
}

static tap_packet_status outcomes_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_,
                                         const void *data, tap_flags_t flags _U_)
{
    table_state_t *st = state_of(&outcomes_state, tapdata);

    note_latest(st, ((const tcpconn_tap_data_t *)data)->conn, pinfo->num);
    return outcomes_count(st, (const tcpconn_tap_data_t *)data) ? TAP_PACKET_REDRAW : TAP_PACKET_DONT_REDRAW;
}

static void outcomes_reset(stat_tap_table *table)
{
    for (guint r = 0; r < table->num_elements; r++)
        table->elements[r][O_COUNT_COL].value.uint_value = 0;
    if (table == outcomes_state.table)
        state_forget(&outcomes_state);
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
    stat_tap_table *table = table_init(ui, "TCP connection outcomes", &outcomes_state);

    if (table->num_elements)
        return;
    for (guint i = 0; i < TC_HSO_COUNT; i++)
        outcomes_add_row(table, "handshake", tc_hs_outcome_name(i));
    for (guint i = 0; i < TC_TDO_COUNT; i++)
        outcomes_add_row(table, "teardown", tc_td_outcome_name(i));
}

static void outcomes_filter(const char *opt_arg _U_, const char **filter, char **err)
{
    take_filter(&outcomes_state, filter, err);
}

/* ---- the chooser: which connections a tshark tap filter chose ---- */

static tap_packet_status choose_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_,
                                       const void *data, tap_flags_t flags _U_)
{
    table_state_t *st = (table_state_t *)tapdata;
    const tcpconn_tap_data_t *td = (const tcpconn_tap_data_t *)data;

    g_hash_table_insert(st->chosen, (gpointer)td->conn, GUINT_TO_POINTER(pinfo->num));
    return TAP_PACKET_DONT_REDRAW;
}

/* ---- by the last frame: drop what the last frames did not choose ---- */

/* The conns rows of owners not chosen go; the others move up, in order. */
static void conns_prune(table_state_t *st)
{
    stat_tap_table *table = st->table;
    guint rows = table->num_elements, kept = 0;
    guint *moved = g_new(guint, rows + 1);
    GHashTableIter it;
    gpointer owner, value;

    for (guint r = 0; r < rows; r++)
        moved[r] = r;
    g_hash_table_iter_init(&it, st->map);
    while (g_hash_table_iter_next(&it, &owner, &value)) {
        const row_ref_t *ref = (const row_ref_t *)value;

        if (chosen(st, owner))
            continue;
        for (guint i = 0; i < ref->rows->len; i++) {
            if (g_array_index(ref->rows, guint, i) < rows)
                moved[g_array_index(ref->rows, guint, i)] = G_MAXUINT;
        }
        g_hash_table_iter_remove(&it);
    }
    for (guint r = 0; r < rows; r++) {
        if (moved[r] == G_MAXUINT) {
            for (guint c = 0; c < table->num_fields; c++)
                conns_free_item(table, r, c, &table->elements[r][c]);
            g_free(table->elements[r]);
            continue;
        }
        table->elements[kept] = table->elements[r];
        moved[r] = kept++;
    }
    table->num_elements = kept;
    g_hash_table_iter_init(&it, st->map);
    while (g_hash_table_iter_next(&it, &owner, &value)) {
        GArray *refs = ((row_ref_t *)value)->rows;

        for (guint i = 0; i < refs->len; i++) {
            guint *row = &g_array_index(refs, guint, i);

            if (*row < rows)
                *row = moved[*row];
        }
    }
    g_free(moved);
}

/* The outcomes of owners not chosen are counted out. */
static void outcomes_prune(table_state_t *st)
{
    GHashTableIter it;
    gpointer owner, value;

    g_hash_table_iter_init(&it, st->map);
    while (g_hash_table_iter_next(&it, &owner, &value)) {
        guint counted = GPOINTER_TO_UINT(value);

        if (chosen(st, owner))
            continue;
        outcome_move(st->table, (counted & 0xff) - 1, G_MAXUINT);
        outcome_move(st->table, (counted >> 8) - 1, G_MAXUINT);
        g_hash_table_iter_remove(&it);
    }
}

/* Drawn just before the table's own listener draws (tshark: at the end). */
static void prune_draw(void *tapdata)
{
    table_state_t *st = tapdata == &conns_state.pruning ? &conns_state : &outcomes_state;

    if (!st->table || !st->map)
        return;
    if (st == &conns_state)
        conns_prune(st);
    else
        outcomes_prune(st);
}


static tap_param stats_params[] = { { PARAM_FILTER, "filter", "Filter", NULL, TRUE } };

static stat_tap_table_ui conns_ui = {
    REGISTER_PACKET_STAT_GROUP_UNSORTED, "TCP Connection Lifecycles", "tcpconn", "tcpconn,conns",
    conns_init, conns_packet, conns_reset, conns_free_item, conns_filter,
    array_length(conns_fields), conns_fields, array_length(stats_params), stats_params, NULL, 0
};

static stat_tap_table_ui outcomes_ui = {
    REGISTER_PACKET_STAT_GROUP_UNSORTED, "TCP Connection Outcomes", "tcpconn", "tcpconn,outcomes",
    outcomes_init, outcomes_packet, outcomes_reset, NULL, outcomes_filter,
    array_length(outcome_fields), outcome_fields, array_length(stats_params), stats_params, NULL, 0
};

void tcpconn_register_stats(void)
{
    register_stat_tap_table_ui(&conns_ui);
    register_stat_tap_table_ui(&outcomes_ui);
}
