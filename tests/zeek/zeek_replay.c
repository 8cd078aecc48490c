/* zeek_replay.c
 * Replays the TCP segments of a capture (the TSV of pcap2segs.sh, on
 * stdin) through tcpconn's Zeek module and prints one conn.log-like line
 * per Zeek record, uid-less:
 *
 *   ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes
 *   resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes
 *   resp_pkts resp_ip_bytes
 *
 * One tc_zeek_t follows each address/port pair for the whole capture and
 * splits it into records.  Records are printed as they end, and those still
 * open at the end of the input in the order their pairs were first seen:
 * within a pair, in order.  As Zeek, duration and byte counts are "-" when
 * the duration is 0.
 *
 * The input's encapsulation column tells tunnel changes (Zeek's history X
 * after five); an unusable TCP header only starts a record.
 *
 * usage: zeek_replay [--ignore-checksums] [--server-ports LIST|none]
 *                    [--handler reset|partial]... < segments.tsv
 *   --ignore-checksums   as zeek -C: no segment is dropped for its checksum
 *   --server-ports       likely_server_ports (default: Zeek's default set)
 *   --handler            a script handles connection_reset /
 *                        connection_partial_close (arms their timers)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcpconn_zeek.h"

#define MAX_ADDR 64
#define MAX_ENCAP 256

typedef struct pair {
    char     addr[2][MAX_ADDR];     /* by direction: 0 sent the pair's first frame */
    unsigned port[2];
    tc_zeek_t zeek;
    char     encap[MAX_ENCAP];      /* tunnels around the pair's previous packet */
    struct pair *next;              /* hash chain */
    struct pair *order;             /* in order of first frame */
} pair_t;

typedef struct input {
    uint32_t frame;
    int64_t  time_ns;
    char     src[MAX_ADDR], dst[MAX_ADDR];
    unsigned sport, dport;
    unsigned flags;
    uint32_t seq, ack, len, window, ip_len;
    int      tcp_cksum, ip_cksum, truncated, header_ok;
    char     encap[MAX_ENCAP];
} input_t;

#define NBUCKETS 4096u

static pair_t *buckets[NBUCKETS];
static pair_t *first_pair, *last_pair;
static int ignore_checksums;
static tc_zeek_config_t config;
static uint16_t ports[256];

static unsigned hash_str(unsigned h, const char *s)
{
    while (*s)
        h = h * 31u + (unsigned char)*s++;
    return h;
}

/* The same for both directions of a pair. */
static unsigned pair_hash(const input_t *in)
{
    unsigned a = hash_str(in->sport, in->src), b = hash_str(in->dport, in->dst);

    return (a ^ b) % NBUCKETS;
}

static int pair_dir(const pair_t *p, const input_t *in)
{
    if (p->port[0] == in->sport && p->port[1] == in->dport &&
        strcmp(p->addr[0], in->src) == 0 && strcmp(p->addr[1], in->dst) == 0)
        return 0;
    if (p->port[1] == in->sport && p->port[0] == in->dport &&
        strcmp(p->addr[1], in->src) == 0 && strcmp(p->addr[0], in->dst) == 0)
        return 1;
    return -1;
}

static pair_t *pair_get(const input_t *in, int *dir)
{
    unsigned h = pair_hash(in);
    pair_t *p;

    for (p = buckets[h]; p; p = p->next) {
        if ((*dir = pair_dir(p, in)) >= 0)
            return p;
    }
    p = calloc(1, sizeof *p);
    if (!p) {
        perror("zeek_replay");
        exit(2);
    }
    snprintf(p->addr[0], MAX_ADDR, "%s", in->src);
    snprintf(p->addr[1], MAX_ADDR, "%s", in->dst);
    p->port[0] = in->sport;
    p->port[1] = in->dport;
    tc_zeek_init(&p->zeek);
    p->next = buckets[h];
    buckets[h] = p;
    if (last_pair)
        last_pair->order = p;
    else
        first_pair = p;
    last_pair = p;
    *dir = 0;
    return p;
}

static void print_time(int64_t ns)
{
    printf("%lld.%06lld", (long long)(ns / 1000000000), (long long)(ns % 1000000000 / 1000));
}

static void print_count(uint64_t n, int known)
{
    if (known)
        printf("\t%llu", (unsigned long long)n);
    else
        printf("\t-");
}

static void print_record(const pair_t *p, const tc_zeek_record_t *r)
{
    unsigned o = r->orig_dir > 1 ? 0u : r->orig_dir;
    int dur = r->duration_ns > 0;

    print_time(r->start_ns);
    printf("\t%s\t%u\t%s\t%u\t", p->addr[o], p->port[o], p->addr[o ^ 1u], p->port[o ^ 1u]);
    if (dur)
        print_time(r->duration_ns);
    else
        printf("-");
    print_count(r->bytes[0], dur);
    print_count(r->bytes[1], dur);
    printf("\t%s\t%llu\t%s\t%u\t%llu\t%u\t%llu\n", tc_zeek_state_name(r->conn_state),
           (unsigned long long)r->missed_bytes, r->history[0] ? r->history : "-",
           r->pkts[0], (unsigned long long)r->ip_bytes[0], r->pkts[1],
           (unsigned long long)r->ip_bytes[1]);
}

static int parse(char *line, input_t *in)
{
    char *f[17];
    int n = 0;

    for (char *tok = strtok(line, "\t\n"); tok && n < 17; tok = strtok(NULL, "\t\n"))
        f[n++] = tok;
    if (n < 17)
        return 0;
    in->frame = (uint32_t)strtoul(f[0], NULL, 10);
    in->time_ns = strtoll(f[1], NULL, 10);
    snprintf(in->src, MAX_ADDR, "%s", f[2]);
    snprintf(in->dst, MAX_ADDR, "%s", f[3]);
    in->sport = (unsigned)strtoul(f[4], NULL, 10);
    in->dport = (unsigned)strtoul(f[5], NULL, 10);
    in->flags = (unsigned)strtoul(f[6], NULL, 16);
    in->seq = (uint32_t)strtoul(f[7], NULL, 10);
    in->ack = (uint32_t)strtoul(f[8], NULL, 10);
    in->len = (uint32_t)strtoul(f[9], NULL, 10);
    in->window = (uint32_t)strtoul(f[10], NULL, 10);
    in->ip_len = (uint32_t)strtoul(f[11], NULL, 10);
    in->tcp_cksum = atoi(f[12]);
    in->ip_cksum = f[13][0] == '-' ? 1 : atoi(f[13]);
    in->truncated = atoi(f[14]);
    in->header_ok = atoi(f[15]);
    snprintf(in->encap, MAX_ENCAP, "%s", f[16]);
    return 1;
}

static void step(const input_t *in)
{
    int dir;
    pair_t *p;
    tc_segment_t seg;
    tc_zeek_in_t zin;
    tc_zeek_out_t out;
    tc_zeek_record_t ended;

    /* Zeek drops a packet with a bad IPv4 header checksum before TCP */
    if (!ignore_checksums && in->ip_cksum == 0)
        return;
    p = pair_get(in, &dir);
    memset(&zin, 0, sizeof zin);
    if (!in->header_ok)
        zin.flags |= TC_ZIN_BAD_HEADER;
    if (in->truncated)
        zin.flags |= TC_ZIN_TRUNCATED;
    if (p->encap[0] && strcmp(p->encap, in->encap) != 0)
        zin.flags |= TC_ZIN_TUNNEL_CHANGED;
    snprintf(p->encap, MAX_ENCAP, "%s", in->encap);
    memset(&seg, 0, sizeof seg);
    seg.frame = in->frame;
    seg.time_ns = in->time_ns;
    seg.seq = in->seq;
    seg.ack = in->ack;
    seg.len = in->len;
    seg.window = in->window;
    seg.flags = (uint8_t)in->flags;
    seg.dir = (uint8_t)dir;
    zin.seg = &seg;
    zin.port[0] = (uint16_t)p->port[0];
    zin.port[1] = (uint16_t)p->port[1];
    zin.ip_len = in->ip_len;
    zin.cksum = ignore_checksums || in->tcp_cksum == 2 ? TC_ZEEK_CKSUM_UNKNOWN
              : in->tcp_cksum == 0 ? TC_ZEEK_CKSUM_BAD : TC_ZEEK_CKSUM_GOOD;
    tc_zeek_packet(&p->zeek, &config, &zin, &out, &ended);
    if (out.ended)
        print_record(p, &ended);
}

static int cmp_port(const void *a, const void *b)
{
    return (int)*(const uint16_t *)a - (int)*(const uint16_t *)b;
}

static int set_ports(const char *list)
{
    size_t n = 0;

    config.server_ports = ports;
    config.n_server_ports = 0;
    if (strcmp(list, "none") == 0)
        return 1;
    for (const char *s = list; *s && n < sizeof ports / sizeof ports[0];) {
        char *end;
        unsigned long v = strtoul(s, &end, 10);

        if (end == s || v > 65535)
            return 0;
        ports[n++] = (uint16_t)v;
        s = *end == ',' ? end + 1 : end;
    }
    qsort(ports, n, sizeof ports[0], cmp_port);
    config.n_server_ports = n;
    return 1;
}

static int usage(void)
{
    fprintf(stderr, "usage: zeek_replay [--ignore-checksums] [--server-ports LIST|none]\n"
                    "                   [--handler reset|partial]... < segments.tsv\n");
    return 2;
}

static int options(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

        if (strcmp(a, "--ignore-checksums") == 0) {
            ignore_checksums = 1;
        } else if (strcmp(a, "--server-ports") == 0 && v && set_ports(v)) {
            i++;
        } else if (strcmp(a, "--handler") == 0 && v && strcmp(v, "reset") == 0) {
            config.handlers |= TC_ZEEK_HANDLE_RESET;
            i++;
        } else if (strcmp(a, "--handler") == 0 && v && strcmp(v, "partial") == 0) {
            config.handlers |= TC_ZEEK_HANDLE_PARTIAL_CLOSE;
            i++;
        } else {
            return 0;
        }
    }
    return 1;
}

int main(int argc, char **argv)
{
    char line[1024];
    input_t in;

    if (!options(argc, argv))
        return usage();
    while (fgets(line, sizeof line, stdin)) {
        if (parse(line, &in))
            step(&in);
    }
    for (const pair_t *p = first_pair; p; p = p->order) {
        tc_zeek_record_t last;

        tc_zeek_snapshot(&p->zeek, &last);
        print_record(p, &last);
    }
    return 0;
}
