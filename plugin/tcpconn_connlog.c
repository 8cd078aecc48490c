/* tcpconn_connlog.c
 * `tshark -q -z tcpconn,connlog`: the capture's Zeek records as Zeek writes
 * them, a conn.log in Zeek's TSV format (#separator, #fields, #types ...),
 * so that a Zeek user can diff it with Zeek's own.  One line per record, in
 * the order of their first packet; the columns tcpconn cannot know (the
 * service, local_orig and local_resp, tunnel_parents) are unset ("-"), as
 * Zeek writes unset fields.
 *
 * The uid is stable for the same capture: made from the record's start,
 * endpoints and number, not drawn at random as Zeek's are.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include <epan/packet.h>
#include <epan/tap.h>
#include <epan/stat_tap_ui.h>
#include <epan/address.h>
#include <epan/to_str.h>

#include "tcpconn_glue.h"

/* One record as it stands at its latest frame. */
typedef struct connlog_line {
    const tcpconn_conn_t *conn;
    guint32 first_frame;
    guint16 number;
    tc_zeek_record_t rec;
} connlog_line_t;

typedef struct connlog {
    GHashTable *latest;         /* pair -> index + 1 in lines of its latest record */
    GArray *lines;              /* connlog_line_t, in the order records began */
} connlog_t;

static connlog_t connlog;

static void connlog_reset(void *arg)
{
    connlog_t *cl = (connlog_t *)arg;

    g_hash_table_remove_all(cl->latest);
    g_array_set_size(cl->lines, 0);
}

static tap_packet_status connlog_packet(void *arg, packet_info *pinfo, epan_dissect_t *edt _U_,
                                        const void *data, tap_flags_t flags _U_)
{
    connlog_t *cl = (connlog_t *)arg;
    const tcpconn_tap_data_t *td = (const tcpconn_tap_data_t *)data;
    guint at;
    connlog_line_t *line;

    if (!td->zeek)
        return TAP_PACKET_DONT_REDRAW;
    at = GPOINTER_TO_UINT(g_hash_table_lookup(cl->latest, td->conn->pair));
    line = at ? &g_array_index(cl->lines, connlog_line_t, at - 1) : NULL;
    if (!line || line->number != td->zeek->number) {
        connlog_line_t fresh = { td->conn, pinfo->num, td->zeek->number, td->zeek->rec };

        g_array_append_val(cl->lines, fresh);
        g_hash_table_insert(cl->latest, (gpointer)td->conn->pair, GUINT_TO_POINTER(cl->lines->len));
        return TAP_PACKET_REDRAW;
    }
    line->rec = td->zeek->rec;
    return TAP_PACKET_REDRAW;
}

/* Zeek's uid: "C" and 17 base-62 digits, here from a hash. */
static void make_uid(const connlog_line_t *l, const char *orig_h, guint16 orig_p, char uid[19])
{
    static const char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    guint64 h[2] = { UINT64_C(1469598103934665603), UINT64_C(1099511628211) };
    char key[128];
    int n = snprintf(key, sizeof key, "%" G_GINT64_FORMAT "|%s|%u|%u", l->rec.start_ns, orig_h, orig_p, l->number);

    for (int i = 0; i < n; i++) {
        h[0] = (h[0] ^ (guint8)key[i]) * UINT64_C(1099511628211);
        h[1] = (h[1] ^ (guint8)key[i]) * UINT64_C(6364136223846793005) + 1442695040888963407u;
    }
    uid[0] = 'C';
    for (int i = 1; i <= 17; i++) {
        guint64 *w = &h[i & 1];

        uid[i] = digits[*w % 62];
        *w /= 62;
    }
    uid[18] = '\0';
}

/* Seconds with six decimals, as Zeek writes times; capture times before
 * 1970 are negative. */
static void print_time(gint64 ns)
{
    guint64 mag = ns < 0 ? 0u - (guint64)ns : (guint64)ns;

    printf("%s%" G_GUINT64_FORMAT ".%06" G_GUINT64_FORMAT, ns < 0 ? "-" : "", mag / 1000000000u,
           (mag % 1000000000u) / 1000u);
}

/* Zeek writes duration and byte counts only when the duration is not 0. */
static void print_counts(const tc_zeek_record_t *r, unsigned o)
{
    if (r->duration_ns > 0) {
        putchar('\t');
        print_time(r->duration_ns);
        printf("\t%" G_GUINT64_FORMAT "\t%" G_GUINT64_FORMAT, r->bytes[0], r->bytes[1]);
    } else {
        printf("\t-\t-\t-");
    }
    (void)o;
}

static void print_line(const connlog_line_t *l)
{
    const tc_zeek_record_t *r = &l->rec;
    unsigned o = r->orig_dir > 1 ? 0 : r->orig_dir;
    address a[2];
    guint16 port[2];
    char *host[2], uid[19];

    tcpconn_conn_endpoint(l->conn, o, &a[0], &port[0]);
    tcpconn_conn_endpoint(l->conn, o ^ 1u, &a[1], &port[1]);
    host[0] = address_to_str(NULL, &a[0]);
    host[1] = address_to_str(NULL, &a[1]);
    make_uid(l, host[0], port[0], uid);
    print_time(r->start_ns);
    printf("\t%s\t%s\t%u\t%s\t%u\ttcp\t-", uid, host[0], port[0], host[1], port[1]);
    print_counts(r, o);
    printf("\t%s\t-\t-\t%" G_GUINT64_FORMAT "\t%s\t%u\t%" G_GUINT64_FORMAT "\t%u\t%" G_GUINT64_FORMAT "\t-\n",
           tc_zeek_state_name(r->conn_state), r->missed_bytes, r->history[0] ? r->history : "-",
           r->pkts[0], r->ip_bytes[0], r->pkts[1], r->ip_bytes[1]);
    wmem_free(NULL, host[0]);
    wmem_free(NULL, host[1]);
}

/* #open and #close name the capture's first and last record times, so the
 * same capture always gives the same file. */
static void print_stamp(const char *what, gint64 ns)
{
    GDateTime *t = g_date_time_new_from_unix_utc(ns / 1000000000);
    gchar *s = t ? g_date_time_format(t, "%Y-%m-%d-%H-%M-%S") : NULL;

    printf("#%s\t%s\n", what, s ? s : "-");
    g_free(s);
    if (t)
        g_date_time_unref(t);
}

static void connlog_draw(void *arg)
{
    const connlog_t *cl = (const connlog_t *)arg;
    gint64 first = 0, last = 0;

    for (guint i = 0; i < cl->lines->len; i++) {
        const tc_zeek_record_t *r = &g_array_index(cl->lines, connlog_line_t, i).rec;

        if (!i || r->start_ns < first)
            first = r->start_ns;
        if (!i || tc_ns_after(r->start_ns, r->duration_ns) > last)
            last = tc_ns_after(r->start_ns, r->duration_ns);
    }
    printf("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n");
    print_stamp("open", first);
    printf("#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration"
           "\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory"
           "\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents\n");
    printf("#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring"
           "\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]\n");
    for (guint i = 0; i < cl->lines->len; i++)
        print_line(&g_array_index(cl->lines, connlog_line_t, i));
    print_stamp("close", last);
}

static void connlog_finish(void *arg)
{
    connlog_t *cl = (connlog_t *)arg;

    g_hash_table_destroy(cl->latest);
    g_array_free(cl->lines, TRUE);
    cl->latest = NULL;
    cl->lines = NULL;
}

static TCPCONN_STAT_INIT_T connlog_init(const char *opt_arg _U_, void *userdata _U_)
{
    GString *err;

    if (connlog.lines)
        TCPCONN_STAT_INIT_RETURN(true);     /* asked for twice: one conn.log */
    connlog.latest = g_hash_table_new(g_direct_hash, g_direct_equal);
    connlog.lines = g_array_new(FALSE, FALSE, sizeof(connlog_line_t));
    err = register_tap_listener("tcpconn", &connlog, NULL, TL_REQUIRES_NOTHING,
                                connlog_reset, connlog_packet, connlog_draw, connlog_finish);
    if (err) {
        fprintf(stderr, "tshark: tcpconn,connlog: %s\n", err->str);
        g_string_free(err, TRUE);
        connlog_finish(&connlog);
        TCPCONN_STAT_INIT_RETURN(false);
    }
    TCPCONN_STAT_INIT_RETURN(true);
}

static stat_tap_ui connlog_ui = {
    REGISTER_STAT_GROUP_GENERIC, NULL, "tcpconn,connlog", connlog_init, 0, NULL
};

void tcpconn_register_connlog(void)
{
    register_stat_tap_ui(&connlog_ui, NULL);
}
