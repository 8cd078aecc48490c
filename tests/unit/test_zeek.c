/* test_zeek.c
 * Zeek conn_state and history over scenario tables.  Each row is one
 * segment and, where it matters, the conn_state and history Zeek's
 * documentation gives after it; the expectations are derived by hand from
 * the doc (see tcpconn_zeek.c for the rules), never from the output.
 *
 * Usage: test_zeek [NAME...] (default: all); test_zeek --list.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "tcpconn_zeek.h"

#include "segment_flags.h"

#define SF_  (TC_SYN | TC_FIN)
#define SR_  (TC_SYN | TC_RST)
#define FRA  (TC_FIN | TC_RST | TC_ACK)

#define WIN  8192u

typedef struct zrow {
    uint8_t  dir, flags;
    uint32_t seq, ack, len, win;
    unsigned times;         /* the segment, this many times */
    const char *state;      /* expected after it, NULL: not checked */
    const char *hist;
} zrow_t;

/* R: one segment; RW: with a window; RN: repeated n times */
#define R(d, f, s, a, l, st, h)      { d, f, s, a, l, WIN, 1, st, h }
#define RW(d, f, s, a, l, w, st, h)  { d, f, s, a, l, w, 1, st, h }
#define RN(n, d, f, s, a, l, st, h)  { d, f, s, a, l, WIN, n, st, h }
#define RNW(n, d, f, s, a, l, w, st, h) { d, f, s, a, l, w, n, st, h }

/* The usual handshake: A's ISN 1000, B's ISN 5000. */
#define HANDSHAKE \
    R(A, SYN, 1000, 0,    0, "S0", "S"), \
    R(B, SA,  5000, 1001, 0, "S1", "Sh"), \
    R(A, ACK, 1001, 5001, 0, "S1", "ShA")

typedef struct zscenario {
    const char *name;
    const char *what;
    const zrow_t *rows;
    size_t nrows;
    uint8_t orig_dir;       /* expected at the end */
    int (*check)(char *msg, size_t size);   /* instead of rows */
} zscenario_t;

#define SCENARIO(id, text) \
    static const char id##_what[] = text; \
    static const zrow_t id##_rows[] =

#define ENTRY(id, orig) { #id, id##_what, id##_rows, sizeof id##_rows / sizeof id##_rows[0], orig, NULL }

/* ---- establishment and termination ---- */

SCENARIO(sf_normal, "SF: handshake, data both ways, FIN both ways") {
    HANDSHAKE,
    R(A, PA,  1001, 5001, 100, "S1", "ShAD"),
    R(B, ACK, 5001, 1101, 0,   "S1", "ShADa"),
    R(B, PA,  5001, 1101, 200, "S1", "ShADad"),
    R(A, ACK, 1101, 5201, 0,   "S1", "ShADad"),
    R(A, FA,  1101, 5201, 0,   "S2", "ShADadF"),
    R(B, FA,  5201, 1102, 0,   "SF", "ShADadFf"),
    R(A, ACK, 1102, 5202, 0,   "SF", "ShADadFf"),
};

SCENARIO(s0_syn, "S0: one SYN, no reply") {
    R(A, SYN, 1000, 0, 0, "S0", "S"),
};

SCENARIO(s0_syn_retries, "S0: SYN retried with the same ISN: no new letter") {
    R(A, SYN, 1000, 0, 0, "S0", "S"),
    R(A, SYN, 1000, 0, 0, "S0", "S"),
    R(A, SYN, 1000, 0, 0, "S0", "S"),
};

SCENARIO(s0_syn_new_isn, "S0: a SYN with another ISN has another sequence number: s again") {
    R(A, SYN, 1000, 0, 0, "S0", "S"),
    R(A, SYN, 9000, 0, 0, "S0", "SS"),
};

SCENARIO(s0_data_no_reply, "S0: the originator's ACK and data do not leave SYN_SENT") {
    R(A, SYN, 1000, 0, 0,  "S0", "S"),
    R(A, ACK, 1001, 7, 0,  "S0", "SA"),
    R(A, PA,  1001, 7, 10, "S0", "SAD"),
};

SCENARIO(rej, "REJ: SYN answered by RST-ACK") {
    R(A, SYN, 1000, 0,    0, "S0",  "S"),
    R(B, RA,  0,    1001, 0, "REJ", "Sr"),
};

SCENARIO(rej_both_reset, "REJ: both reset, no payload either way") {
    R(A, SYN, 1000, 0,    0, "S0",  "S"),
    R(B, RA,  0,    1001, 0, "REJ", "Sr"),
    R(A, RST, 1001, 0,    0, "REJ", "SrR"),
};

SCENARIO(s1, "S1: handshake, data both ways, no close") {
    HANDSHAKE,
    R(A, PA,  1001, 5001, 10, "S1", "ShAD"),
    R(B, PA,  5001, 1011, 20, "S1", "ShADd"),
    R(A, ACK, 1011, 5021, 0,  "S1", "ShADd"),
    R(B, ACK, 5021, 1011, 0,  "S1", "ShADda"),
};

SCENARIO(s1_synack_only, "S1: SYN and SYN-ACK establish both ends") {
    R(A, SYN, 1000, 0,    0, "S0", "S"),
    R(B, SA,  5000, 1001, 0, "S1", "Sh"),
};

SCENARIO(s2, "S2: established, originator's FIN, no FIN back") {
    HANDSHAKE,
    R(A, FA,  1001, 5001, 0, "S2", "ShAF"),
    R(B, ACK, 5001, 1002, 0, "S2", "ShAFa"),
};

SCENARIO(s3, "S3: established, responder's FIN, no FIN back") {
    HANDSHAKE,
    R(B, FA,  5001, 1001, 0, "S3", "ShAf"),
    R(A, ACK, 1001, 5002, 0, "S3", "ShAf"),
};

SCENARIO(rsto, "RSTO: established, originator aborts") {
    HANDSHAKE,
    R(A, PA, 1001, 5001, 10, "S1",   "ShAD"),
    R(A, RA, 1011, 5001, 0,  "RSTO", "ShADR"),
};

SCENARIO(rstr, "RSTR: established, responder aborts") {
    HANDSHAKE,
    R(B, PA,  5001, 1001, 10, "S1",   "ShAd"),
    R(B, RST, 5011, 0,    0,  "RSTR", "ShAdr"),
};

SCENARIO(rstr_both_reset, "RSTR: both reset after payload, so not REJ") {
    HANDSHAKE,
    R(A, PA,  1001, 5001, 100, "S1",   "ShAD"),
    R(B, RA,  5001, 1101, 0,   "RSTR", "ShADr"),
    R(A, RST, 1101, 0,    0,   "RSTR", "ShADrR"),
};

SCENARIO(rstos0, "RSTOS0: SYN (retried), then the originator's RST, no SYN-ACK") {
    R(A, SYN, 1000, 0, 0, "S0",     "S"),
    R(A, SYN, 1000, 0, 0, "S0",     "S"),
    R(A, RST, 1001, 0, 0, "RSTOS0", "SR"),
};

SCENARIO(oth_syn_ack_rst, "OTH: originator's ACK between SYN and RST breaks RSTOS0's pattern") {
    R(A, SYN, 1000, 0, 0, "S0",  "S"),
    R(A, ACK, 1001, 7, 0, "S0",  "SA"),
    R(A, RST, 1001, 0, 0, "OTH", "SAR"),
};

SCENARIO(rstrh_midstream, "RSTRH: mid-stream originator, responder's RST") {
    R(A, PA, 1001, 5001, 10, "OTH",   "D"),
    R(B, RA, 5001, 1011, 0,  "RSTRH", "Dr"),
};

SCENARIO(rstrh_synack, "RSTRH: SYN-ACK (flipped by the ACK), then the SYN-ACK sender's RST") {
    R(A, SA,  5000, 1001, 0, "OTH",   "H"),
    R(B, ACK, 1001, 5001, 0, "OTH",   "^hA"),
    R(A, RST, 5001, 0,    0, "RSTRH", "^hAr"),
};

SCENARIO(sh, "SH: SYN then FIN from the originator, nothing back") {
    R(A, SYN, 1000, 0, 0, "S0", "S"),
    R(A, FA,  1001, 0, 0, "SH", "SF"),
};

SCENARIO(sh_data, "SH: SYN, ACK, data and FIN from the originator only") {
    R(A, SYN, 1000, 0, 0,  "S0", "S"),
    R(A, ACK, 1001, 7, 0,  "S0", "SA"),
    R(A, PA,  1001, 7, 10, "S0", "SAD"),
    R(A, FA,  1011, 7, 0,  "SH", "SADF"),
};

SCENARIO(shr, "SHR: lone SYN-ACK, flipped by its sender's data, then its FIN") {
    R(A, SA,  5000, 1001, 0,  "OTH", "H"),
    R(A, PA,  5001, 1001, 10, "OTH", "^hd"),
    R(A, ACK, 5011, 1001, 0,  "OTH", "^hda"),
    R(A, FA,  5011, 1001, 0,  "SHR", "^hdaf"),
};

SCENARIO(oth_midstream, "OTH: mid-stream traffic, no SYN, no close") {
    R(A, PA,  1001, 5001, 10, "OTH", "D"),
    R(B, ACK, 5001, 1011, 0,  "OTH", "Da"),
    R(B, PA,  5001, 1011, 20, "OTH", "Dad"),
    R(A, ACK, 1011, 5021, 0,  "OTH", "DadA"),
};

SCENARIO(sf_midstream, "SF: mid-stream traffic closed by both FINs (SH after the first)") {
    R(A, PA,  1001, 5001, 10, "OTH", "D"),
    R(B, ACK, 5001, 1011, 0,  "OTH", "Da"),
    R(B, PA,  5001, 1011, 20, "OTH", "Dad"),
    R(A, ACK, 1011, 5021, 0,  "OTH", "DadA"),
    R(A, FA,  1011, 5021, 0,  "SH",  "DadAF"),
    R(B, FA,  5021, 1012, 0,  "SF",  "DadAFf"),
};

/* ---- repetition rules ---- */

SCENARIO(retransmit_log, "T at the 1st and 10th retransmission, t for the responder") {
    HANDSHAKE,
    R(A, PA,      1001, 5001, 100, "S1", "ShAD"),
    R(A, PA,      1001, 5001, 100, "S1", "ShADT"),
    RN(8, A, PA,  1001, 5001, 100, "S1", "ShADT"),
    R(A, PA,      1001, 5001, 100, "S1", "ShADTT"),
    R(A, PA,      1001, 5001, 100, "S1", "ShADTT"),
    R(B, PA,      5001, 1101, 50,  "S1", "ShADTTd"),
    R(B, PA,      5001, 1101, 50,  "S1", "ShADTTdt"),
};

SCENARIO(overlap_advancing, "payload that reaches past everything sent before is not T") {
    HANDSHAKE,
    R(A, PA, 1001, 5001, 100, "S1", "ShAD"),
    R(A, PA, 1051, 5001, 100, "S1", "ShAD"),
};

SCENARIO(reorder_fills_hole, "an earlier segment after a later one is T; filled, the hole is no gap") {
    HANDSHAKE,
    R(A, PA,  1101, 5001, 100, "S1", "ShAD"),
    R(A, PA,  1001, 5001, 100, "S1", "ShADT"),
    R(B, ACK, 5001, 1201, 0,   "S1", "ShADTa"),
};

SCENARIO(zero_window_log, "W at the 1st and 10th zero window, per direction") {
    HANDSHAKE,
    RW(B, ACK,      5001, 1001, 0,  0, "S1", "ShAaw"),
    RNW(8, B, ACK,  5001, 1001, 0,  0, "S1", "ShAaw"),
    RW(B, ACK,      5001, 1001, 0,  0, "S1", "ShAaww"),
    RW(A, PA,       1001, 5001, 10, 0, "S1", "ShAawwDW"),
};

SCENARIO(zero_window_exempt, "no W on a RST, nor after the peer's FIN; yes after one's own FIN") {
    HANDSHAKE,
    R(A, FA,      1001, 5001, 0,    "S2",   "ShAF"),
    RW(B, ACK,    5001, 1002, 0, 0, "S2",   "ShAFa"),
    RW(A, ACK,    1002, 5001, 0, 0, "S2",   "ShAFaW"),
    RW(B, RA,     5001, 1002, 0, 0, "RSTR", "ShAFaWr"),
};

SCENARIO(fin_repeat, "a FIN retransmitted at the same place is not F again") {
    HANDSHAKE,
    R(A, FA,  1001, 5001, 0, "S2", "ShAF"),
    R(A, FA,  1001, 5001, 0, "S2", "ShAF"),
    R(B, FA,  5001, 1002, 0, "SF", "ShAFf"),
    R(B, FA,  5001, 1002, 0, "SF", "ShAFf"),
    R(A, ACK, 1002, 5002, 0, "SF", "ShAFf"),
};

SCENARIO(rst_repeat, "a RST repeats only with another sequence number") {
    HANDSHAKE,
    R(B, RST, 5001, 0, 0, "RSTR", "ShAr"),
    R(B, RST, 5001, 0, 0, "RSTR", "ShAr"),
    R(B, RST, 6001, 0, 0, "RSTR", "ShArr"),
    R(B, RST, 6001, 0, 0, "RSTR", "ShArr"),
};

SCENARIO(synack_repeat, "a SYN-ACK repeats only with another sequence number") {
    R(A, SYN, 1000, 0,    0, "S0", "S"),
    R(B, SA,  5000, 1001, 0, "S1", "Sh"),
    R(B, SA,  5000, 1001, 0, "S1", "Sh"),
    R(B, SA,  7000, 1001, 0, "S1", "Shh"),
};

SCENARIO(simultaneous_open, "SYNs cross; s and h are one flag type, so the SYN-ACKs add nothing") {
    R(A, SYN, 1000, 0,    0, "S0", "S"),
    R(B, SYN, 5000, 0,    0, "S1", "Ss"),
    R(A, SA,  1000, 5001, 0, "S1", "Ss"),
    R(B, SA,  5000, 1001, 0, "S1", "Ss"),
    R(A, ACK, 1001, 5001, 0, "S1", "SsA"),
};

SCENARIO(ack_before_synack, "a responder's ACK before its SYN-ACK: still S0") {
    R(A, SYN, 1000, 0,    0, "S0", "S"),
    R(B, ACK, 5001, 1001, 0, "S0", "Sa"),
    R(B, SA,  5000, 1001, 0, "S1", "Sah"),
};

/* ---- multi-flag packets ---- */

SCENARIO(syn_fin, "Q: SYN+FIN (SH), then a RST-ACK back (RSTR)") {
    R(A, SF_, 1000, 0,    0, "SH",   "Q"),
    R(B, RA,  0,    1002, 0, "RSTR", "Qr"),
};

SCENARIO(syn_rst, "Q: SYN+RST alone") {
    R(A, SR_, 1000, 0, 0, "OTH", "Q"),
};

SCENARIO(fin_rst, "I: FIN+RST, once per direction") {
    HANDSHAKE,
    R(A, FRA, 1001, 5001, 0, "RSTO", "ShAI"),
    R(A, FRA, 1001, 5001, 0, "RSTO", "ShAI"),
};

SCENARIO(fin_with_data, "a FIN with payload is F, not D") {
    HANDSHAKE,
    R(A, FPA, 1001, 5001, 10, "S2", "ShAF"),
    R(B, ACK, 5001, 1012, 0,  "S2", "ShAFa"),
};

/* ---- flips ---- */

SCENARIO(flip_synack, "^: first packet a SYN-ACK, the ACK flips the roles") {
    R(A, SA,  5000, 1001, 0,  "OTH", "H"),
    R(B, ACK, 1001, 5001, 0,  "OTH", "^hA"),
    R(B, PA,  1001, 5001, 10, "OTH", "^hAD"),
    R(A, ACK, 5001, 1011, 0,  "OTH", "^hADa"),
    R(A, PA,  5001, 1011, 20, "OTH", "^hADad"),
    R(B, FA,  1011, 5021, 0,  "S2",  "^hADadF"),
    R(A, FA,  5021, 1012, 0,  "SF",  "^hADadFf"),
};

SCENARIO(flip_synack_retransmit, "after the flip, the same SYN-ACK again adds nothing") {
    R(A, SA,  5000, 1001, 0, "OTH", "H"),
    R(B, ACK, 1001, 5001, 0, "OTH", "^hA"),
    R(A, SA,  5000, 1001, 0, "OTH", "^hA"),
};

SCENARIO(synack_alone, "a lone SYN-ACK stays unflipped") {
    R(A, SA, 5000, 1001, 0, "OTH", "H"),
    R(A, SA, 5000, 1001, 0, "OTH", "H"),
};

SCENARIO(flip_reversed_handshake, "^: SYN-ACK captured before its SYN") {
    R(A, SA,  5000, 1001, 0, "OTH", "H"),
    R(B, SYN, 1000, 0,    0, "S1",  "Hs^"),
    R(B, ACK, 1001, 5001, 0, "S1",  "Hs^A"),
};

/* ---- gaps ---- */

SCENARIO(gap, "G/g: acks for payload never seen, both ends established") {
    HANDSHAKE,
    R(A, PA,  1101, 5001, 100, "S1", "ShAD"),
    R(B, ACK, 5001, 1201, 0,   "S1", "ShADaG"),
    R(B, PA,  5001, 1201, 10,  "S1", "ShADaGd"),
    R(A, ACK, 1201, 5021, 0,   "S1", "ShADaGdg"),
};

SCENARIO(gap_midstream, "no gap for mid-stream traffic") {
    R(A, PA,  1001, 5001, 10, "OTH", "D"),
    R(B, ACK, 5001, 2001, 0,  "OTH", "Da"),
};

SCENARIO(gap_on_rst, "no gap from the ack of a RST") {
    HANDSHAKE,
    R(B, RA, 5001, 1501, 0, "RSTR", "ShAr"),
};

SCENARIO(gap_before_fin, "G: the ack of a FIN reveals the payload before it missing") {
    HANDSHAKE,
    R(A, FA,  1101, 5001, 0, "S2", "ShAF"),
    R(B, ACK, 5001, 1102, 0, "S2", "ShAFaG"),
};

/* ---- what the doc says, where Zeek's code does otherwise ---- */

SCENARIO(syn_payload, "SYN payload (TCP Fast Open) is T only when the SYN is sent again") {
    R(A, SYN, 1000, 0, 10, "S0", "S"),
    R(A, SYN, 1000, 0, 10, "S0", "ST"),
};

SCENARIO(rst_payload, "a RST's payload is not retransmitted payload") {
    HANDSHAKE,
    R(A, RA, 1001, 5001, 20, "RSTO", "ShAR"),
};

/* ---- sequence numbers across 2^32 ---- */

SCENARIO(seq_wrap, "ISNs just below 2^32, payload across the wrap: no false T or G") {
    R(A, SYN, 0xFFFFFF00u, 0,           0,     "S0", "S"),
    R(B, SA,  0xFFFFFFF0u, 0xFFFFFF01u, 0,     "S1", "Sh"),
    R(A, ACK, 0xFFFFFF01u, 0xFFFFFFF1u, 0,     "S1", "ShA"),
    R(A, PA,  0xFFFFFF01u, 0xFFFFFFF1u, 0x200, "S1", "ShAD"),
    R(B, ACK, 0xFFFFFFF1u, 0x101,       0,     "S1", "ShADa"),
    R(A, PA,  0xFFFFFF01u, 0xFFFFFFF1u, 0x200, "S1", "ShADaT"),
    R(A, PA,  0x101,       0xFFFFFFF1u, 0x10,  "S1", "ShADaT"),
    R(B, PA,  0xFFFFFFF1u, 0x111,       0x20,  "S1", "ShADaTd"),
    R(A, ACK, 0x111,       0x11,        0,     "S1", "ShADaTd"),
    R(A, FA,  0x111,       0x11,        0,     "S2", "ShADaTdF"),
    R(B, FA,  0x11,        0x112,       0,     "SF", "ShADaTdFf"),
    R(A, ACK, 0x112,       0x12,        0,     "SF", "ShADaTdFf"),
};

SCENARIO(gap_across_wrap, "G for a hole that straddles 2^32") {
    R(A, SYN, 0xFFFFFFF0u, 0,           0,   "S0", "S"),
    R(B, SA,  5000,        0xFFFFFFF1u, 0,   "S1", "Sh"),
    R(A, ACK, 0xFFFFFFF1u, 5001,        0,   "S1", "ShA"),
    R(A, PA,  0x10,        5001,        0x10, "S1", "ShAD"),
    R(B, ACK, 5001,        0x20,        0,   "S1", "ShADaG"),
};

/* ---- checks that are not segment tables ---- */

static void segment(tc_zeek_t *z, uint8_t dir, uint8_t flags, uint32_t seq, uint32_t ack)
{
    tc_segment_t seg;

    memset(&seg, 0, sizeof seg);
    seg.dir = dir;
    seg.flags = flags;
    seg.seq = seq;
    seg.ack = ack;
    tc_zeek_segment(z, &seg, WIN);
}

static int check_empty(char *msg, size_t size)
{
    tc_zeek_t z;

    tc_zeek_init(&z);
    if (tc_zeek_orig_dir(&z) != 2 || strcmp(tc_zeek_conn_state(&z), "OTH") != 0 ||
        strcmp(tc_zeek_history(&z), "") != 0) {
        snprintf(msg, size, "expected orig_dir=2 OTH \"\", got orig_dir=%u %s \"%s\"",
                 tc_zeek_orig_dir(&z), tc_zeek_conn_state(&z), tc_zeek_history(&z));
        return 1;
    }
    return 0;
}

/* 200 RSTs at different sequence numbers: one r each, until the history
 * is full; it stays NUL-terminated inside the struct. */
static int check_history_bounded(char *msg, size_t size)
{
    tc_zeek_t z;
    char want[TC_ZEEK_HISTORY_SIZE];
    size_t n = sizeof want - 1;

    tc_zeek_init(&z);
    segment(&z, A, SYN, 1000, 0);
    segment(&z, B, SA, 5000, 1001);
    segment(&z, A, ACK, 1001, 5001);
    for (uint32_t i = 0; i < 200; i++)
        segment(&z, B, RST, 5001u + 10u * i, 0);
    memset(want, 'r', n);
    memcpy(want, "ShA", 3);
    want[n] = '\0';
    if (memchr(z.history, '\0', sizeof z.history) == NULL ||
        strcmp(tc_zeek_history(&z), want) != 0 || strcmp(tc_zeek_conn_state(&z), "RSTR") != 0) {
        snprintf(msg, size, "expected RSTR \"%s\", got %s \"%.*s\"", want,
                 tc_zeek_conn_state(&z), (int)sizeof z.history, z.history);
        return 1;
    }
    return 0;
}

static const char check_empty_what[] = "nothing seen: OTH, empty history, orig_dir 2";
static const char check_history_bounded_what[] = "the history is truncated, never overrun";

static const zscenario_t all[] = {
    ENTRY(sf_normal, A),
    ENTRY(s0_syn, A),
    ENTRY(s0_syn_retries, A),
    ENTRY(s0_syn_new_isn, A),
    ENTRY(s0_data_no_reply, A),
    ENTRY(rej, A),
    ENTRY(rej_both_reset, A),
    ENTRY(s1, A),
    ENTRY(s1_synack_only, A),
    ENTRY(s2, A),
    ENTRY(s3, A),
    ENTRY(rsto, A),
    ENTRY(rstr, A),
    ENTRY(rstr_both_reset, A),
    ENTRY(rstos0, A),
    ENTRY(oth_syn_ack_rst, A),
    ENTRY(rstrh_midstream, A),
    ENTRY(rstrh_synack, B),
    ENTRY(sh, A),
    ENTRY(sh_data, A),
    ENTRY(shr, B),
    ENTRY(oth_midstream, A),
    ENTRY(sf_midstream, A),
    ENTRY(retransmit_log, A),
    ENTRY(overlap_advancing, A),
    ENTRY(reorder_fills_hole, A),
    ENTRY(zero_window_log, A),
    ENTRY(zero_window_exempt, A),
    ENTRY(fin_repeat, A),
    ENTRY(rst_repeat, A),
    ENTRY(synack_repeat, A),
    ENTRY(simultaneous_open, A),
    ENTRY(ack_before_synack, A),
    ENTRY(syn_fin, A),
    ENTRY(syn_rst, A),
    ENTRY(fin_rst, A),
    ENTRY(fin_with_data, A),
    ENTRY(flip_synack, B),
    ENTRY(flip_synack_retransmit, B),
    ENTRY(synack_alone, A),
    ENTRY(flip_reversed_handshake, B),
    ENTRY(gap, A),
    ENTRY(gap_midstream, A),
    ENTRY(gap_on_rst, A),
    ENTRY(gap_before_fin, A),
    ENTRY(syn_payload, A),
    ENTRY(rst_payload, A),
    ENTRY(seq_wrap, A),
    ENTRY(gap_across_wrap, A),
    { "empty", check_empty_what, NULL, 0, 2, check_empty },
    { "history_bounded", check_history_bounded_what, NULL, 0, 0, check_history_bounded },
};

#define NSCENARIOS (sizeof all / sizeof all[0])

static int check_row(const tc_zeek_t *z, const zrow_t *row, size_t i, char *msg, size_t size)
{
    const char *st = tc_zeek_conn_state(z), *h = tc_zeek_history(z);

    if ((row->state && strcmp(row->state, st) != 0) || (row->hist && strcmp(row->hist, h) != 0)) {
        snprintf(msg, size, "row %zu: expected %s \"%s\", got %s \"%s\"", i + 1,
                 row->state ? row->state : "*", row->hist ? row->hist : "*", st, h);
        return 1;
    }
    return 0;
}

static int run_rows(const zscenario_t *sc, char *msg, size_t size)
{
    tc_zeek_t z;

    tc_zeek_init(&z);
    for (size_t i = 0; i < sc->nrows; i++) {
        const zrow_t *row = &sc->rows[i];
        tc_segment_t seg;

        memset(&seg, 0, sizeof seg);
        seg.frame = (uint32_t)(i + 1);
        seg.dir = row->dir;
        seg.flags = row->flags;
        seg.seq = row->seq;
        seg.ack = row->ack;
        seg.len = row->len;
        for (unsigned n = 0; n < row->times; n++)
            tc_zeek_segment(&z, &seg, row->win);
        if (check_row(&z, row, i, msg, size))
            return 1;
    }
    if (tc_zeek_orig_dir(&z) != sc->orig_dir) {
        snprintf(msg, size, "expected orig_dir %u, got %u", sc->orig_dir, tc_zeek_orig_dir(&z));
        return 1;
    }
    return 0;
}

static int run(const zscenario_t *sc)
{
    char msg[256] = "";
    int fail = sc->check ? sc->check(msg, sizeof msg) : run_rows(sc, msg, sizeof msg);

    if (fail)
        printf("FAIL %s (%s): %s\n", sc->name, sc->what, msg);
    else
        printf("ok %s\n", sc->name);
    return fail;
}

static const zscenario_t *find(const char *name)
{
    for (size_t i = 0; i < NSCENARIOS; i++)
        if (strcmp(all[i].name, name) == 0)
            return &all[i];
    return NULL;
}

int main(int argc, char **argv)
{
    int failed = 0;

    if (argc == 2 && strcmp(argv[1], "--list") == 0) {
        for (size_t i = 0; i < NSCENARIOS; i++)
            printf("%s\t%s\n", all[i].name, all[i].what);
        return 0;
    }
    if (argc == 1) {
        for (size_t i = 0; i < NSCENARIOS; i++)
            failed += run(&all[i]);
    }
    for (int a = 1; a < argc; a++) {
        const zscenario_t *sc = find(argv[a]);

        if (!sc) {
            printf("FAIL %s: no such scenario\n", argv[a]);
            failed++;
            continue;
        }
        failed += run(sc);
    }
    return failed ? 1 : 0;
}
