/* zeek_replay.c
 * Replays the TCP segments of a capture (the TSV of pcap2segs.sh, on
 * stdin) through tcpconn's Zeek module and prints one conn.log-like line
 * per Zeek record, uid-less:
 *
 *   ts id.orig_h id.orig_p id.resp_h id.resp_p duration orig_bytes
 *   resp_bytes conn_state missed_bytes history orig_pkts orig_ip_bytes
 *   resp_pkts resp_ip_bytes
 *
 * Address/port pairs are followed as the epan glue follows them: one core
 * stream per pair, and one tc_zeek_t per core lifecycle.  This version
 * knows only conn_state and history; the other columns are "-".
 *
 * usage: zeek_replay [--ignore-checksums] < segments.tsv
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcpconn_core.h"
#include "tcpconn_zeek.h"

#define MAX_ADDR 64

typedef struct pair {
    char     addr[2][MAX_ADDR];     /* by direction: 0 sent the pair's first frame */
    unsigned port[2];
    tc_stream_t core;
    tc_zeek_t   zeek;
    int64_t  first_ns;
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
    int      tcp_cksum, ip_cksum, truncated;
} input_t;

#define NBUCKETS 4096u

static pair_t *buckets[NBUCKETS];
static pair_t *first_pair, *last_pair;
static int ignore_checksums;

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
    tc_stream_init(&p->core);
    tc_zeek_init(&p->zeek);
    p->first_ns = in->time_ns;
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

static void print_record(const pair_t *p, const tc_zeek_t *z, int64_t first_ns)
{
    unsigned o = tc_zeek_orig_dir(z);
    const char *h = tc_zeek_history(z);

    if (o > 1)
        o = 0;
    print_time(first_ns);
    printf("\t%s\t%u\t%s\t%u\t-\t-\t-\t%s\t-\t%s\t-\t-\t-\t-\n", p->addr[o], p->port[o],
           p->addr[o ^ 1u], p->port[o ^ 1u], tc_zeek_conn_state(z), *h ? h : "-");
}

static int parse(char *line, input_t *in)
{
    char *f[16];
    int n = 0;

    for (char *tok = strtok(line, "\t\n"); tok && n < 16; tok = strtok(NULL, "\t\n"))
        f[n++] = tok;
    if (n < 15)
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
    return 1;
}

static void step(const input_t *in)
{
    int dir;
    pair_t *p;
    tc_segment_t seg;
    tc_result_t res;
    tc_summary_t ended;

    if (!ignore_checksums && (in->ip_cksum == 0 || in->tcp_cksum == 0))
        return;                 /* the old module has no use for bad segments */
    p = pair_get(in, &dir);
    memset(&seg, 0, sizeof seg);
    seg.frame = in->frame;
    seg.time_ns = in->time_ns;
    seg.seq = in->seq;
    seg.ack = in->ack;
    seg.len = in->len;
    seg.window = in->window;
    seg.flags = (uint8_t)in->flags;
    seg.dir = (uint8_t)dir;
    tc_step(&p->core, &seg, &res, &ended);
    if (res.flags & TC_R_NEW_LIFE) {
        print_record(p, &p->zeek, p->first_ns);
        tc_zeek_init(&p->zeek);
        p->first_ns = in->time_ns;
    }
    tc_zeek_segment(&p->zeek, &seg, seg.window);
}

int main(int argc, char **argv)
{
    char line[1024];
    input_t in;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--ignore-checksums") == 0) {
            ignore_checksums = 1;
        } else {
            fprintf(stderr, "usage: zeek_replay [--ignore-checksums] < segments.tsv\n");
            return 2;
        }
    }
    while (fgets(line, sizeof line, stdin)) {
        if (parse(line, &in))
            step(&in);
    }
    for (const pair_t *p = first_pair; p; p = p->order)
        print_record(p, &p->zeek, p->first_ns);
    return 0;
}
