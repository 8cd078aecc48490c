/* test_zeek.c
 * Zeek's records, conn_state and history over scenario tables.  Each row
 * is one packet of one address/port pair and, where it matters, the
 * conn_state and history Zeek gives the open record after it; a row that
 * must end the record before it names that record ("SF ShADadFf").  Each
 * scenario's text names the Zeek rule it exercises and the conn.log
 * line(s) Zeek writes, derived by hand from Zeek's scripts and TCP
 * analyzer (see tcpconn_zeek*.c for the rules), never from the output.
 *
 * Endpoint A is 192.0.2.1:40000, B is 192.0.2.2:80 unless a scenario says
 * otherwise (80 is one of Zeek's likely server ports, 40000 is not).
 * Times: a row comes 1 ms after the previous one unless it gives its own
 * (milliseconds from the first row).
 *
 * Usage: test_zeek [NAME...] (default: all); test_zeek --list.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "tcpconn_zeek.h"

#include "segment_flags.h"

#define SF_  (TC_SYN | TC_FIN)
#define SR_  (TC_SYN | TC_RST)
#define FRA  (TC_FIN | TC_RST | TC_ACK)
#define PSH  TC_PSH

#define WIN  8192u
#define NOW  (-1)       /* 1 ms after the previous row */
#define SEC  1000       /* ms */

typedef struct zrow {
    uint8_t  dir, flags;
    uint32_t seq, ack, len, win;
    int64_t  at_ms;
    unsigned times;         /* the packet, this many times */
    uint8_t  cksum, in_flags;
    const char *ended;      /* "STATE HISTORY" of the record that ends before this row */
    const char *state;      /* expected of the open record after it, NULL: not checked */
    const char *hist;
} zrow_t;

#define ZR(ms, end, n, ck, fl, d, f, s, a, l, w, st, h) \
    { d, f, s, a, l, w, ms, n, ck, fl, end, st, h }
/* R: one packet; AT: at a time; NEW: at a time, ending the record before */
#define R(d, f, s, a, l, st, h)             ZR(NOW, NULL, 1, 0, 0, d, f, s, a, l, WIN, st, h)
#define AT(ms, d, f, s, a, l, st, h)        ZR(ms, NULL, 1, 0, 0, d, f, s, a, l, WIN, st, h)
#define NEW(ms, e, d, f, s, a, l, st, h)    ZR(ms, e, 1, 0, 0, d, f, s, a, l, WIN, st, h)
/* RW: with a window; RN: n times; BAD: bad checksum; RF: with input flags */
#define RW(d, f, s, a, l, w, st, h)         ZR(NOW, NULL, 1, 0, 0, d, f, s, a, l, w, st, h)
#define RN(n, d, f, s, a, l, st, h)         ZR(NOW, NULL, n, 0, 0, d, f, s, a, l, WIN, st, h)
#define RNW(n, d, f, s, a, l, w, st, h)     ZR(NOW, NULL, n, 0, 0, d, f, s, a, l, w, st, h)
#define BAD(n, d, f, s, a, l, st, h)        ZR(NOW, NULL, n, TC_ZEEK_CKSUM_BAD, 0, d, f, s, a, l, WIN, st, h)
#define RF(fl, d, f, s, a, l, st, h)        ZR(NOW, NULL, 1, 0, fl, d, f, s, a, l, WIN, st, h)

/* The usual handshake: A's ISN 1000, B's ISN 5000. */
#define HANDSHAKE \
    R(A, SYN, 1000, 0,    0, "S0", "S"), \
    R(B, SA,  5000, 1001, 0, "S1", "Sh"), \
    R(A, ACK, 1001, 5001, 0, "S1", "ShA")

/* ... and a normal close after 100 bytes each way. */
#define SF_CONNECTION \
    HANDSHAKE, \
    R(A, PA,  1001, 5001, 100, "S1", "ShAD"), \
    R(B, PA,  5001, 1101, 100, "S1", "ShADd"), \
    R(A, FA,  1101, 5101, 0,   "S2", "ShADdF"), \
    R(B, FA,  5101, 1102, 0,   "SF", "ShADdFf"), \
    R(A, ACK, 1102, 5102, 0,   "SF", "ShADdFf")

typedef struct zscenario {
    const char *name;
    const char *what;
    const zrow_t *rows;
    size_t nrows;
    uint8_t orig_dir;       /* of the last record */
    uint16_t records;       /* records started in all */
    const tc_zeek_config_t *cfg;
    uint16_t port_a, port_b;
    int (*check)(char *msg, size_t size);   /* instead of rows */
} zscenario_t;

#define SCENARIO(id, text) \
    static const char id##_what[] = text; \
    static const zrow_t id##_rows[] =

#define ENTRY_P(id, orig, n, cfg, pa, pb) \
    { #id, id##_what, id##_rows, sizeof id##_rows / sizeof id##_rows[0], orig, n, cfg, pa, pb, NULL }
#define ENTRY(id, orig) ENTRY_P(id, orig, 1, NULL, 40000, 80)
#define ENTRY_N(id, orig, n) ENTRY_P(id, orig, n, NULL, 40000, 80)
#define CHECK(id) { #id, id##_what, NULL, 0, 0, 0, NULL, 0, 0, id }

/* ======== conn_state (main.zeek conn_state()) ======== */

SCENARIO(sf_normal, "SF: handshake, data both ways, FIN both ways. Record: SF ShADadFf") {
    HANDSHAKE,
    R(A, PA,  1001, 5001, 100, "S1", "ShAD"),
    R(B, ACK, 5001, 1101, 0,   "S1", "ShADa"),
    R(B, PA,  5001, 1101, 200, "S1", "ShADad"),
    R(A, ACK, 1101, 5201, 0,   "S1", "ShADad"),
    R(A, FA,  1101, 5201, 0,   "S2", "ShADadF"),
    R(B, FA,  5201, 1102, 0,   "SF", "ShADadFf"),
    R(A, ACK, 1102, 5202, 0,   "SF", "ShADadFf"),
};

SCENARIO(s0_syn, "S0: one SYN, no reply. Record: S0 S") {
    R(A, SYN, 1000, 0, 0, "S0", "S"),
};

SCENARIO(s0_syn_retries, "S0: SYN retried with the same ISN within tcp_attempt_delay: one record, S0 S") {
    AT(0,       A, SYN, 1000, 0, 0, "S0", "S"),
    AT(1 * SEC, A, SYN, 1000, 0, 0, "S0", "S"),
    AT(3 * SEC, A, SYN, 1000, 0, 0, "S0", "S"),
};

SCENARIO(s0_data_no_reply, "S0: the originator's ACK and data do not leave SYN_SENT. Record: S0 SAD") {
    R(A, SYN, 1000, 0, 0,  "S0", "S"),
    R(A, ACK, 1001, 7, 0,  "S0", "SA"),
    R(A, PA,  1001, 7, 10, "S0", "SAD"),
};

SCENARIO(rej, "REJ: SYN answered by RST-ACK. Record: REJ Sr") {
    R(A, SYN, 1000, 0,    0, "S0",  "S"),
    R(B, RA,  0,    1001, 0, "REJ", "Sr"),
};

SCENARIO(rej_both_reset, "REJ: both reset, no payload either way (sizes 0). Record: REJ SrR") {
    R(A, SYN, 1000, 0,    0, "S0",  "S"),
    R(B, RA,  0,    1001, 0, "REJ", "Sr"),
    R(A, RST, 1001, 0,    0, "REJ", "SrR"),
};

SCENARIO(s1, "S1: handshake, data both ways, no close. Record: S1 ShADda") {
    HANDSHAKE,
    R(A, PA,  1001, 5001, 10, "S1", "ShAD"),
    R(B, PA,  5001, 1011, 20, "S1", "ShADd"),
    R(A, ACK, 1011, 5021, 0,  "S1", "ShADd"),
    R(B, ACK, 5021, 1011, 0,  "S1", "ShADda"),
};

SCENARIO(s1_synack_only, "S1: SYN and SYN-ACK establish both ends. Record: S1 Sh") {
    R(A, SYN, 1000, 0,    0, "S0", "S"),
    R(B, SA,  5000, 1001, 0, "S1", "Sh"),
};

SCENARIO(s2, "S2: established, originator's FIN, no FIN back. Record: S2 ShAFa") {
    HANDSHAKE,
    R(A, FA,  1001, 5001, 0, "S2", "ShAF"),
    R(B, ACK, 5001, 1002, 0, "S2", "ShAFa"),
};

SCENARIO(s3, "S3: established, responder's FIN, no FIN back. Record: S3 ShAf") {
    HANDSHAKE,
    R(B, FA,  5001, 1001, 0, "S3", "ShAf"),
    R(A, ACK, 1001, 5002, 0, "S3", "ShAf"),
};

SCENARIO(rsto, "RSTO: established, originator aborts. Record: RSTO ShADR") {
    HANDSHAKE,
    R(A, PA, 1001, 5001, 10, "S1",   "ShAD"),
    R(A, RA, 1011, 5001, 0,  "RSTO", "ShADR"),
};

SCENARIO(rstr, "RSTR: established, responder aborts. Record: RSTR ShAdr") {
    HANDSHAKE,
    R(B, PA,  5001, 1001, 10, "S1",   "ShAd"),
    R(B, RST, 5011, 0,    0,  "RSTR", "ShAdr"),
};

SCENARIO(rstr_both_reset, "RSTR: both reset after payload (orig size 100), so not REJ. Record: RSTR ShADrR") {
    HANDSHAKE,
    R(A, PA,  1001, 5001, 100, "S1",   "ShAD"),
    R(B, RA,  5001, 1101, 0,   "RSTR", "ShADr"),
    R(A, RST, 1101, 0,    0,   "RSTR", "ShADrR"),
};

SCENARIO(rstos0, "RSTOS0: SYN (retried), then the originator's RST, no SYN-ACK. Record: RSTOS0 SR") {
    R(A, SYN, 1000, 0, 0, "S0",     "S"),
    R(A, SYN, 1000, 0, 0, "S0",     "S"),
    R(A, RST, 1001, 0, 0, "RSTOS0", "SR"),
};

SCENARIO(oth_syn_ack_rst, "OTH: an originator's A between S and R breaks RSTOS0's pattern. Record: OTH SAR") {
    R(A, SYN, 1000, 0, 0, "S0",  "S"),
    R(A, ACK, 1001, 7, 0, "S0",  "SA"),
    R(A, RST, 1001, 0, 0, "OTH", "SAR"),
};

SCENARIO(rstrh_midstream, "RSTRH: mid-stream originator (PARTIAL), responder's RST. Record: RSTRH Dr") {
    R(A, PA, 1001, 5001, 10, "OTH",   "D"),
    R(B, RA, 5001, 1011, 0,  "RSTRH", "Dr"),
};

SCENARIO(rstrh_synack, "RSTRH: SYN-ACK (flipped by the ACK), then the SYN-ACK sender's RST. Record: RSTRH ^hAr") {
    R(A, SA,  5000, 1001, 0, "OTH",   "H"),
    R(B, ACK, 1001, 5001, 0, "OTH",   "^hA"),
    R(A, RST, 5001, 0,    0, "RSTRH", "^hAr"),
};

SCENARIO(sh, "SH: SYN then FIN from the originator, nothing back. Record: SH SF") {
    R(A, SYN, 1000, 0, 0, "S0", "S"),
    R(A, FA,  1001, 0, 0, "SH", "SF"),
};

SCENARIO(sh_data, "SH: SYN, ACK, data and FIN from the originator only. Record: SH SADF") {
    R(A, SYN, 1000, 0, 0,  "S0", "S"),
    R(A, ACK, 1001, 7, 0,  "S0", "SA"),
    R(A, PA,  1001, 7, 10, "S0", "SAD"),
    R(A, FA,  1011, 7, 0,  "SH", "SADF"),
};

SCENARIO(shr, "SHR: lone SYN-ACK, flipped by its sender's own data, then its FIN. Record: SHR ^hdaf") {
    R(A, SA,  5000, 1001, 0,  "OTH", "H"),
    R(A, PA,  5001, 1001, 10, "OTH", "^hd"),
    R(A, ACK, 5011, 1001, 0,  "OTH", "^hda"),
    R(A, FA,  5011, 1001, 0,  "SHR", "^hdaf"),
};

SCENARIO(oth_midstream, "OTH: mid-stream traffic, no SYN, no close. Record: OTH DadA") {
    R(A, PA,  1001, 5001, 10, "OTH", "D"),
    R(B, ACK, 5001, 1011, 0,  "OTH", "Da"),
    R(B, PA,  5001, 1011, 20, "OTH", "Dad"),
    R(A, ACK, 1011, 5021, 0,  "OTH", "DadA"),
};

SCENARIO(sf_midstream, "SF: mid-stream traffic closed by both FINs (SH after the first). Record: SF DadAFf") {
    R(A, PA,  1001, 5001, 10, "OTH", "D"),
    R(B, ACK, 5001, 1011, 0,  "OTH", "Da"),
    R(B, PA,  5001, 1011, 20, "OTH", "Dad"),
    R(A, ACK, 1011, 5021, 0,  "OTH", "DadA"),
    R(A, FA,  1011, 5021, 0,  "SH",  "DadAF"),
    R(B, FA,  5021, 1012, 0,  "SF",  "DadAFf"),
};

/* ======== history letters and their repetition rules ======== */

SCENARIO(retransmit_log, "t/T logarithmic: T at the 1st and 10th retransmission, t for the responder. Record: S1 ShADTTdt") {
    HANDSHAKE,
    R(A, PA,      1001, 5001, 100, "S1", "ShAD"),
    R(A, PA,      1001, 5001, 100, "S1", "ShADT"),
    RN(8, A, PA,  1001, 5001, 100, "S1", "ShADT"),
    R(A, PA,      1001, 5001, 100, "S1", "ShADTT"),
    R(A, PA,      1001, 5001, 100, "S1", "ShADTT"),
    R(B, PA,      5001, 1101, 50,  "S1", "ShADTTd"),
    R(B, PA,      5001, 1101, 50,  "S1", "ShADTTdt"),
};

SCENARIO(overlap_advancing, "t: payload that reaches past everything sent before is not a retransmission. Record: S1 ShAD") {
    HANDSHAKE,
    R(A, PA, 1001, 5001, 100, "S1", "ShAD"),
    R(A, PA, 1051, 5001, 100, "S1", "ShAD"),
};

SCENARIO(reorder_fills_hole, "t: an earlier segment after a later one is T; the hole filled, no gap. Record: S1 ShADTa") {
    HANDSHAKE,
    R(A, PA,  1101, 5001, 100, "S1", "ShAD"),
    R(A, PA,  1001, 5001, 100, "S1", "ShADT"),
    R(B, ACK, 5001, 1201, 0,   "S1", "ShADTa"),
};

SCENARIO(rst_payload, "t: a RST's payload that does not advance the sequence counts (Zeek's update_last_seq). Record: RSTO ShART") {
    HANDSHAKE,
    R(A, RA, 1001, 5001, 20, "RSTO", "ShART"),
};

SCENARIO(syn_payload, "t: a first SYN's payload (TCP Fast Open) is T at once (its end is the start of last_seq). Record: S0 ST") {
    R(A, SYN, 1000, 0, 10, "S0", "ST"),
    R(A, SYN, 1000, 0, 10, "S0", "ST"),
};

SCENARIO(zero_window_log, "w/W logarithmic, per role: w at the 1st and 10th zero window. Record: S1 ShAawwDW") {
    HANDSHAKE,
    RW(B, ACK,      5001, 1001, 0,  0, "S1", "ShAaw"),
    RNW(8, B, ACK,  5001, 1001, 0,  0, "S1", "ShAaw"),
    RW(B, ACK,      5001, 1001, 0,  0, "S1", "ShAaww"),
    RW(A, PA,       1001, 5001, 10, 0, "S1", "ShAawwDW"),
};

SCENARIO(zero_window_exempt, "w: not on a RST, nor after the peer's FIN; yes after one's own FIN. Record: RSTR ShAFaWr") {
    HANDSHAKE,
    R(A, FA,      1001, 5001, 0,    "S2",   "ShAF"),
    RW(B, ACK,    5001, 1002, 0, 0, "S2",   "ShAFa"),
    RW(A, ACK,    1002, 5001, 0, 0, "S2",   "ShAFaW"),
    RW(B, RA,     5001, 1002, 0, 0, "RSTR", "ShAFaWr"),
};

SCENARIO(fin_repeat, "f: a FIN retransmitted at the same place is not F again. Record: SF ShAFf") {
    HANDSHAKE,
    R(A, FA,  1001, 5001, 0, "S2", "ShAF"),
    R(A, FA,  1001, 5001, 0, "S2", "ShAF"),
    R(B, FA,  5001, 1002, 0, "SF", "ShAFf"),
    R(B, FA,  5001, 1002, 0, "SF", "ShAFf"),
    R(A, ACK, 1002, 5002, 0, "SF", "ShAFf"),
};

SCENARIO(rst_repeat, "r: a RST repeats only with another sequence number. Record: RSTR ShArr") {
    HANDSHAKE,
    R(B, RST, 5001, 0, 0, "RSTR", "ShAr"),
    R(B, RST, 5001, 0, 0, "RSTR", "ShAr"),
    R(B, RST, 6001, 0, 0, "RSTR", "ShArr"),
    R(B, RST, 6001, 0, 0, "RSTR", "ShArr"),
};

SCENARIO(synack_repeat, "h: a SYN-ACK with another ISN restarts the numbering (init_endpoint): relative 0 again, no h. Record: S1 Sh") {
    R(A, SYN, 1000, 0,    0, "S0", "S"),
    R(B, SA,  5000, 1001, 0, "S1", "Sh"),
    R(B, SA,  5000, 1001, 0, "S1", "Sh"),
    R(B, SA,  7000, 1001, 0, "S1", "Sh"),
};

SCENARIO(ack_before_synack, "an eccentric responder's ACK before its SYN-ACK: a, but still S0. Record: S1 Sah") {
    R(A, SYN, 1000, 0,    0, "S0", "S"),
    R(B, ACK, 5001, 1001, 0, "S0", "Sa"),
    R(B, SA,  5000, 1001, 0, "S1", "Sah"),
};

SCENARIO(syn_fin, "q: SYN+FIN (SH), then a RST-ACK back (RSTR). Record: RSTR Qr") {
    R(A, SF_, 1000, 0,    0, "SH",   "Q"),
    R(B, RA,  0,    1002, 0, "RSTR", "Qr"),
};

SCENARIO(syn_rst, "q: SYN+RST alone: SYN_SENT then RESET, and Q does not match RSTOS0's S...R. Record: OTH Q") {
    R(A, SR_, 1000, 0, 0, "OTH", "Q"),
};

SCENARIO(fin_rst, "i: FIN+RST, once per role. Record: RSTO ShAI") {
    HANDSHAKE,
    R(A, FRA, 1001, 5001, 0, "RSTO", "ShAI"),
    R(A, FRA, 1001, 5001, 0, "RSTO", "ShAI"),
};

SCENARIO(fin_with_data, "f: a FIN with payload is F, not D. Record: S2 ShAFa") {
    HANDSHAKE,
    R(A, FPA, 1001, 5001, 10, "S2", "ShAF"),
    R(B, ACK, 5001, 1012, 0,  "S2", "ShAFa"),
};

SCENARIO(checksum_bad, "c/C: a bad checksum is c/C, logarithmically (at the 1st and 10th), and the packet goes no "
         "further (the SYN-ACK does not count). Record: S0 ScCC") {
    R(A, SYN,      1000, 0,    0, "S0", "S"),
    BAD(1, B, SA,  5000, 1001, 0, "S0", "Sc"),
    BAD(9, A, ACK, 1001, 5001, 0, "S0", "ScC"),
    BAD(1, A, ACK, 1001, 5001, 0, "S0", "ScCC"),
};

SCENARIO(limit_x, "x: the caller's analysis of a payload hit a limit: X after the packet's own letter, once. "
         "Record: S1 ShADdX") {
    HANDSHAKE,
    R(A, PA, 1001, 5001, 10, "S1", "ShAD"),
    RF(TC_ZIN_LIMIT, B, PA, 5001, 1011, 10, "S1", "ShADdX"),
    RF(TC_ZIN_LIMIT, A, PA, 1011, 5011, 10, "S1", "ShADdX"),
};

SCENARIO(tunnel_changes, "x: the sixth tunnel change in a record is X, before the packet's letters "
         "(tunnel_max_changes_per_connection 5). Record: S1 ShADaXd") {
    HANDSHAKE,
    RF(TC_ZIN_TUNNEL_CHANGED, A, PA,  1001, 5001, 10, "S1", "ShAD"),
    RF(TC_ZIN_TUNNEL_CHANGED, B, ACK, 5001, 1011, 0,  "S1", "ShADa"),
    RF(TC_ZIN_TUNNEL_CHANGED, A, ACK, 1011, 5001, 0,  "S1", "ShADa"),
    RF(TC_ZIN_TUNNEL_CHANGED, B, ACK, 5001, 1011, 0,  "S1", "ShADa"),
    RF(TC_ZIN_TUNNEL_CHANGED, A, ACK, 1011, 5001, 0,  "S1", "ShADa"),
    RF(TC_ZIN_TUNNEL_CHANGED, B, PA,  5001, 1011, 10, "S1", "ShADaXd"),
};

SCENARIO(bad_header, "a TCP header cut short: Zeek makes the connection, the packet goes no further. Record: OTH (no history)") {
    RF(TC_ZIN_BAD_HEADER, A, SYN, 1000, 0, 0, "OTH", ""),
};

/* ======== originator and flips (TCPAnalyzer::WantConnection, CheckHistory) ======== */

SCENARIO(flip_synack, "^: the first packet a SYN-ACK from a non-server port; the ACK flips the roles. Record: SF ^hADadFf") {
    R(A, SA,  5000, 1001, 0,  "OTH", "H"),
    R(B, ACK, 1001, 5001, 0,  "OTH", "^hA"),
    R(B, PA,  1001, 5001, 10, "OTH", "^hAD"),
    R(A, ACK, 5001, 1011, 0,  "OTH", "^hADa"),
    R(A, PA,  5001, 1011, 20, "OTH", "^hADad"),
    R(B, FA,  1011, 5021, 0,  "S2",  "^hADadF"),
    R(A, FA,  5021, 1012, 0,  "SF",  "^hADadFf"),
};

SCENARIO(flip_synack_retransmit, "^: letters are kept by role, so the SYN-ACK again is h for its sender, now the responder. Record: OTH ^hAh") {
    R(A, SA,  5000, 1001, 0, "OTH", "H"),
    R(B, ACK, 1001, 5001, 0, "OTH", "^hA"),
    R(A, SA,  5000, 1001, 0, "OTH", "^hAh"),
};

SCENARIO(synack_alone, "a lone SYN-ACK (maybe a stealth scan) stays unflipped. Record: OTH H") {
    R(A, SA, 5000, 1001, 0, "OTH", "H"),
    R(A, SA, 5000, 1001, 0, "OTH", "H"),
};

SCENARIO(flip_reversed_handshake, "^: SYN-ACK captured before its SYN (a SYN/SYN-ACK reversal). Record: S1 Hs^A") {
    R(A, SA,  5000, 1001, 0, "OTH", "H"),
    R(B, SYN, 1000, 0,    0, "S1",  "Hs^"),
    R(B, ACK, 1001, 5001, 0, "S1",  "Hs^A"),
};

SCENARIO(flip_server_port, "^: mid-stream, the first packet from likely server port 80: its peer originates. Record: OTH ^dA") {
    R(B, PA,  5001, 1001, 10, "OTH", "^d"),
    R(A, ACK, 1001, 5011, 0,  "OTH", "^dA"),
};

SCENARIO(flip_synack_server_port, "^: the first packet a SYN-ACK from port 80: flipped at once (the SYN unseen, the "
         "originator still INACTIVE: OTH), then the originator's ACK establishes it. Record: S1 ^hA") {
    R(B, SA,  5000, 1001, 0, "OTH", "^h"),
    R(A, ACK, 1001, 5001, 0, "S1", "^hA"),
};

SCENARIO(no_flip_syn, "a pure SYN is never flipped, even from port 80 to 40000. Record: S0 S") {
    R(B, SYN, 5000, 0, 0, "S0", "S"),
};

SCENARIO(flip_both_servers, "^: both ports likely servers (80 and 443): flip only if the source port is the lower. Record: OTH ^d") {
    R(B, PA, 5001, 1001, 10, "OTH", "^d"),
};

SCENARIO(no_flip_both_servers, "both ports likely servers (443 and 80), the source port the higher: no flip. Record: OTH D") {
    R(A, PA, 1001, 5001, 10, "OTH", "D"),
};

/* ======== content gaps (TCP_Reassembler) ======== */

SCENARIO(gap, "g/G: acks for payload never seen, both ends established. Record: S1 ShADaGdg, missed 100 + 10") {
    HANDSHAKE,
    R(A, PA,  1101, 5001, 100, "S1", "ShAD"),
    R(B, ACK, 5001, 1201, 0,   "S1", "ShADaG"),
    R(B, PA,  5011, 1201, 10,  "S1", "ShADaGd"),
    R(A, ACK, 1201, 5021, 0,   "S1", "ShADaGdg"),
};

SCENARIO(gap_midstream, "g: none for mid-stream traffic (PARTIAL is not clean). Record: OTH Da") {
    R(A, PA,  1001, 5001, 10, "OTH", "D"),
    R(B, ACK, 5001, 2001, 0,  "OTH", "Da"),
};

SCENARIO(gap_on_rst, "g: none from the ack of a RST (its sender is RESET, not clean). Record: RSTR ShAr") {
    HANDSHAKE,
    R(B, RA, 5001, 1501, 0, "RSTR", "ShAr"),
};

SCENARIO(gap_before_fin, "G: the ack of a FIN reveals the payload before it missing (the close waits for it). Record: S2 ShAFaG") {
    HANDSHAKE,
    R(A, FA,  1101, 5001, 0, "S2", "ShAF"),
    R(B, ACK, 5001, 1102, 0, "S2", "ShAFaG"),
};

SCENARIO(gap_truncated, "g: a segment cut by the snap length is not reassembled, so its ack is a gap (A was seen "
         "already). Record: S1 ShAdg, missed 300") {
    HANDSHAKE,
    RF(TC_ZIN_TRUNCATED, B, PA, 5001, 1001, 300, "S1", "ShAd"),
    R(A, ACK, 1001, 5301, 0, "S1", "ShAdg"),
};

/* ======== records: when Zeek ends one and starts the next ======== */

SCENARIO(close_delay, "tcp_close_delay: a record ends 5 s after both sides closed; a late ACK is still in it, "
         "a packet after 5 s starts a new record (no SYN: OTH). Records: SF ShADdFf; OTH A") {
    SF_CONNECTION,
    AT(4 * SEC, A, ACK, 1102, 5102, 0, "SF", "ShADdFf"),
    NEW(5 * SEC + 10, "SF ShADdFf", A, ACK, 1102, 5102, 0, "OTH", "A"),
};

SCENARIO(trailing_rst_server, "a RST from the server after the record closed: a record of its own, flipped by port 80. "
         "Records: SF ShADdFf; RSTRH ^r") {
    SF_CONNECTION,
    NEW(6 * SEC, "SF ShADdFf", B, RST, 5102, 0, 0, "RSTRH", "^r"),
};

SCENARIO(trailing_rst_client, "a RST from the client after the record closed: OTH R (the sender originates). "
         "Records: SF ShADdFf; OTH R") {
    SF_CONNECTION,
    NEW(6 * SEC, "SF ShADdFf", A, RST, 1102, 0, 0, "OTH", "R"),
};

SCENARIO(reset_close_delay, "a RST closes at once: the record ends tcp_close_delay later; data after it starts a new "
         "record. Records: RSTO ShADR; OTH ^d") {
    HANDSHAKE,
    R(A, PA, 1001, 5001, 10, "S1", "ShAD"),
    R(A, RA, 1011, 5001, 0,  "RSTO", "ShADR"),
    AT(4 * SEC, B, PA, 5001, 1011, 10, "RSTO", "ShADRd"),
    NEW(6 * SEC, "RSTO ShADRd", B, PA, 5011, 1011, 10, "OTH", "^d"),
};

SCENARIO(attempt_delay, "tcp_attempt_delay: an unanswered SYN's record ends 5 s after it; a SYN retry later starts "
         "another. Records: S0 S; S0 S") {
    AT(0,       A, SYN, 1000, 0, 0, "S0", "S"),
    AT(1 * SEC, A, SYN, 1000, 0, 0, "S0", "S"),
    NEW(7 * SEC, "S0 S", A, SYN, 1000, 0, 0, "S0", "S"),
};

SCENARIO(attempt_answered, "tcp_attempt_delay does not end a record whose SYN was answered. Record: S1 ShA") {
    HANDSHAKE,
    AT(10 * SEC, A, ACK, 1001, 5001, 0, "S1", "ShA"),
};

SCENARIO(inactivity, "tcp_inactivity_timeout (5 min): after the handshake, 300 s of silence end the record. "
         "Records: S1 ShAD; OTH D") {
    HANDSHAKE,
    R(A, PA, 1001, 5001, 10, "S1", "ShAD"),
    AT(299 * SEC, A, PA, 1011, 5001, 10, "S1", "ShAD"),
    NEW(600 * SEC, "S1 ShAD", A, PA, 1021, 5001, 10, "OTH", "D"),
};

SCENARIO(inactivity_ssh, "Conn::port_inactivity_timeouts: port 22 idles for 1 h, not 5 min. Record: S1 ShAD") {
    HANDSHAKE,
    R(A, PA, 1001, 5001, 10, "S1", "ShAD"),
    AT(1800 * SEC, A, PA, 1011, 5001, 10, "S1", "ShAD"),
};

SCENARIO(half_closed_stays, "ExpireTimer: one side closed, the other open and silent: no removal before the 5 min "
         "inactivity. Record: S2 ShAFad") {
    HANDSHAKE,
    R(A, FA,  1001, 5001, 0, "S2", "ShAF"),
    R(B, ACK, 5001, 1002, 0, "S2", "ShAFa"),
    AT(100 * SEC, B, PA, 5001, 1002, 10, "S2", "ShAFad"),
};

SCENARIO(rst_after_fin_expires, "ExpireTimer: a RST after the sender's own FIN arms no close timer; the session timer "
         "removes the record once silent for tcp_connection_linger. Records: RSTO ShAFR; OTH ^d") {
    HANDSHAKE,
    R(A, FA,  1001, 5001, 0, "S2", "ShAF"),
    R(A, RST, 1002, 0,    0, "RSTO", "ShAFR"),
    NEW(12 * SEC, "RSTO ShAFR", B, PA, 5001, 1002, 10, "OTH", "^d"),
};

SCENARIO(reuse_after_close, "IsReuse: a SYN after the pair closed is a new connection at once. Records: SF ShADdFf; S0 S") {
    SF_CONNECTION,
    NEW(NOW, "SF ShADdFf", A, SYN, 9000, 0, 0, "S0", "S"),
};

SCENARIO(reuse_new_isn, "IsReuse: a SYN with another ISN while the originator waits is a new connection. Records: S0 S; S0 S") {
    R(A, SYN, 1000, 0, 0, "S0", "S"),
    NEW(NOW, "S0 S", A, SYN, 9000, 0, 0, "S0", "S"),
};

SCENARIO(rej_retry, "IsReuse: a SYN retried after a RST refused it is a new record (the RST closed the first). "
         "Records: REJ Sr; REJ Sr") {
    R(A, SYN, 1000, 0, 0, "S0", "S"),
    R(B, RA, 0, 1001, 0, "REJ", "Sr"),
    NEW(1 * SEC, "REJ Sr", A, SYN, 1000, 0, 0, "S0", "S"),
    R(B, RA, 0, 1001, 0, "REJ", "Sr"),
};

SCENARIO(simultaneous_open, "IsReuse: the second SYN of a simultaneous open does not carry the originator's ISN: a "
         "record of its own. Records: S0 S; S1 Sha") {
    R(A, SYN, 1000, 0,    0, "S0", "S"),
    NEW(NOW, "S0 S", B, SYN, 5000, 0, 0, "S0", "S"),
    R(A, SA,  1000, 5001, 0, "S1", "Sh"),
    R(B, SA,  5000, 1001, 0, "S1", "Sh"),
    R(A, ACK, 1001, 5001, 0, "S1", "Sha"),
};

SCENARIO(fin_retries_rst, "the close that never finished, as in sample-pcaps/fin-retries-rst.pcap: the server closes "
         "first, the client's FIN is retried at the same place (no new F), never acked.  Both sides CLOSED: the record "
         "ends tcp_close_delay after the client's FIN, and each later retry is a record of its own (the client's FIN "
         "alone: SH F); the RST comes 5 ms after the last retry, in its record (OTH FR).  "
         "Records: SF ShADadfF; SH F; SH F; OTH FR") {
    AT(0,  A, SYN, 1000, 0,    0,   "S0", "S"),
    AT(1,  B, SA,  5000, 1001, 0,   "S1", "Sh"),
    AT(2,  A, ACK, 1001, 5001, 0,   "S1", "ShA"),
    AT(3,  A, PA,  1001, 5001, 100, "S1", "ShAD"),
    AT(4,  B, ACK, 5001, 1101, 0,   "S1", "ShADa"),
    AT(5,  B, PA,  5001, 1101, 300, "S1", "ShADad"),
    AT(6,  A, ACK, 1101, 5301, 0,   "S1", "ShADad"),
    AT(7,  B, FA,  5301, 1101, 0,   "S3", "ShADadf"),
    AT(25, A, ACK, 1101, 5302, 0,   "S3", "ShADadf"),
    AT(34, A, FA,  1101, 5302, 0,   "SF", "ShADadfF"),
    AT(61,   A, FA, 1101, 5302, 0, "SF", "ShADadfF"),
    AT(1653, A, FA, 1101, 5302, 0, "SF", "ShADadfF"),
    AT(3221, A, FA, 1101, 5302, 0, "SF", "ShADadfF"),
    NEW(6421,  "SF ShADadfF", A, FA, 1101, 5302, 0, "SH", "F"),
    NEW(12821, "SH F",        A, FA, 1101, 5302, 0, "SH", "F"),
    NEW(25365, "SH F",        A, FA, 1101, 5302, 0, "SH", "F"),
    AT(25370,  A, RA, 1102, 5302, 0, "OTH", "FR"),
};

/* tcp_partial_close_delay and tcp_reset_delay, with the script handlers
 * that arm them (not in Zeek's default scripts). */
static const tc_zeek_config_t with_handlers = { NULL, 0, TC_ZEEK_HANDLE_RESET | TC_ZEEK_HANDLE_PARTIAL_CLOSE };

SCENARIO(partial_close_handler, "tcp_partial_close_delay (with a connection_partial_close handler): a side whose first "
         "packet is its FIN while the other is open: the record ends 3 s later. Records: SHR Df; OTH D") {
    R(A, PA, 1001, 5001, 10, "OTH", "D"),
    R(B, FA, 5001, 1011, 0,  "SHR", "Df"),
    NEW(4 * SEC, "SHR Df", A, PA, 1011, 5002, 10, "OTH", "D"),
};

SCENARIO(partial_close_default, "Zeek's default scripts handle no connection_partial_close: no timer, one record "
         "(its ExpireTimer waits for 5 s of silence after the first check at 5 s). Record: SHR Df") {
    R(A, PA, 1001, 5001, 10, "OTH", "D"),
    R(B, FA, 5001, 1011, 0,  "SHR", "Df"),
    AT(4 * SEC, A, PA, 1011, 5002, 10, "SHR", "Df"),
};

SCENARIO(reset_handler, "tcp_reset_delay (with a connection_reset handler): a RST after the sender's FIN ends the "
         "record 5 s later, even with traffic since. Records: RSTO ShAFRd; OTH ^d") {
    HANDSHAKE,
    R(A, FA,  1001, 5001, 0, "S2", "ShAF"),
    R(A, RST, 1002, 0,    0, "RSTO", "ShAFR"),
    AT(3 * SEC, B, PA, 5001, 1002, 10, "RSTO", "ShAFRd"),
    NEW(5 * SEC + 10, "RSTO ShAFRd", B, PA, 5011, 1002, 10, "OTH", "^d"),
};

SCENARIO(reset_default, "without a connection_reset handler the record waits for tcp_connection_linger of silence. "
         "Record: RSTO ShAFRd") {
    HANDSHAKE,
    R(A, FA,  1001, 5001, 0, "S2", "ShAF"),
    R(A, RST, 1002, 0,    0, "RSTO", "ShAFR"),
    AT(3 * SEC, B, PA, 5001, 1002, 10, "RSTO", "ShAFRd"),
    AT(5 * SEC + 10, B, PA, 5011, 1002, 10, "RSTO", "ShAFRd"),
};

/* ======== sequence numbers across 2^32 ======== */

SCENARIO(seq_wrap, "ISNs just below 2^32, payload across the wrap: no false T or G. Record: SF ShADaTdFf") {
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

SCENARIO(gap_across_wrap, "G for a hole that straddles 2^32. Record: S1 ShADaG") {
    R(A, SYN, 0xFFFFFFF0u, 0,           0,   "S0", "S"),
    R(B, SA,  5000,        0xFFFFFFF1u, 0,   "S1", "Sh"),
    R(A, ACK, 0xFFFFFFF1u, 5001,        0,   "S1", "ShA"),
    R(A, PA,  0x10,        5001,        0x10, "S1", "ShAD"),
    R(B, ACK, 5001,        0x20,        0,   "S1", "ShADaG"),
};

/* ======== checks that are not segment tables ======== */

static void packet(tc_zeek_t *z, tc_zeek_record_t *ended, tc_zeek_out_t *out,
                   uint8_t dir, uint8_t flags, uint32_t seq, uint32_t ack, uint32_t len, int64_t t_ns)
{
    tc_segment_t seg;
    tc_zeek_in_t in;

    memset(&seg, 0, sizeof seg);
    seg.dir = dir;
    seg.flags = flags;
    seg.seq = seq;
    seg.ack = ack;
    seg.len = len;
    seg.window = WIN;
    seg.time_ns = t_ns;
    memset(&in, 0, sizeof in);
    in.seg = &seg;
    in.port[A] = 40000;
    in.port[B] = 80;
    in.ip_len = 40u + len;
    tc_zeek_packet(z, NULL, &in, out, ended);
}

static int fail(char *msg, size_t size, const char *what, const tc_zeek_record_t *r)
{
    snprintf(msg, size, "%s: got %s %s", what, tc_zeek_state_name(r->conn_state), r->history);
    return 1;
}

static const char check_empty_what[] = "nothing seen: OTH, empty history, orig_dir 2, record 0";

static int check_empty(char *msg, size_t size)
{
    tc_zeek_t z;

    tc_zeek_init(&z);
    if (tc_zeek_orig_dir(&z) != 2 || strcmp(tc_zeek_conn_state(&z), "OTH") != 0 ||
        strcmp(tc_zeek_history(&z), "") != 0 || tc_zeek_record_number(&z) != 0) {
        snprintf(msg, size, "got orig_dir=%u %s \"%s\" record %u", tc_zeek_orig_dir(&z),
                 tc_zeek_conn_state(&z), tc_zeek_history(&z), tc_zeek_record_number(&z));
        return 1;
    }
    return 0;
}

static const char check_history_bounded_what[] =
    "the history is truncated at TC_ZEEK_HISTORY_SIZE - 1 letters, never overrun (RSTs at 200 sequence numbers)";

static int check_history_bounded(char *msg, size_t size)
{
    tc_zeek_t z;
    tc_zeek_record_t r;
    char want[TC_ZEEK_HISTORY_SIZE];
    size_t n = sizeof want - 1;

    tc_zeek_init(&z);
    packet(&z, NULL, NULL, A, SYN, 1000, 0, 0, 0);
    packet(&z, NULL, NULL, B, SA, 5000, 1001, 0, 1000000);
    packet(&z, NULL, NULL, A, ACK, 1001, 5001, 0, 2000000);
    for (uint32_t i = 0; i < 200; i++)
        packet(&z, NULL, NULL, B, RST, 5001u + 10u * i, 0, 0, 3000000 + i * 1000);
    memset(want, 'r', n);
    memcpy(want, "ShA", 3);
    want[n] = '\0';
    tc_zeek_snapshot(&z, &r);
    if (memchr(z.history, '\0', sizeof z.history) == NULL || strcmp(r.history, want) != 0 ||
        r.conn_state != TC_ZEEK_RSTR)
        return fail(msg, size, "expected RSTR ShArrr...", &r);
    return 0;
}

static const char check_counts_what[] =
    "conn.log counts of SF ShADdFf: orig_bytes 100, resp_bytes 100 (sequence numbers), 5 and 3 packets, IP bytes "
    "(40 + payload each), duration from the first packet to the last before both closed (the final ACK is not in it)";

static int check_counts(char *msg, size_t size)
{
    static const struct { uint8_t dir, flags; uint32_t seq, ack, len; } rows[] = {
        { A, SYN, 1000, 0, 0 }, { B, SA, 5000, 1001, 0 }, { A, ACK, 1001, 5001, 0 },
        { A, PA, 1001, 5001, 100 }, { B, PA, 5001, 1101, 100 }, { A, FA, 1101, 5101, 0 },
        { B, FA, 5101, 1102, 0 }, { A, ACK, 1102, 5102, 0 },
    };
    tc_zeek_t z;
    tc_zeek_record_t r;

    tc_zeek_init(&z);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        packet(&z, NULL, NULL, rows[i].dir, rows[i].flags, rows[i].seq, rows[i].ack, rows[i].len,
               (int64_t)i * 1000000);
    tc_zeek_snapshot(&z, &r);
    if (r.conn_state != TC_ZEEK_SF || strcmp(r.history, "ShADdFf") != 0)
        return fail(msg, size, "expected SF ShADdFf", &r);
    if (r.bytes[0] != 100 || r.bytes[1] != 100 || r.pkts[0] != 5 || r.pkts[1] != 3 ||
        r.ip_bytes[0] != 5 * 40 + 100 || r.ip_bytes[1] != 3 * 40 + 100 || r.duration_ns != 6000000 ||
        r.missed_bytes != 0 || r.orig_dir != A || r.start_ns != 0) {
        snprintf(msg, size, "got bytes %" PRIu64 "/%" PRIu64 " pkts %u/%u ip %" PRIu64 "/%" PRIu64
                 " duration %" PRId64 " missed %" PRIu64, r.bytes[0], r.bytes[1], r.pkts[0], r.pkts[1],
                 r.ip_bytes[0], r.ip_bytes[1], r.duration_ns, r.missed_bytes);
        return 1;
    }
    return 0;
}

static const char check_missed_bytes_what[] =
    "missed_bytes: the sizes of the gaps acked (100 of the originator's, 10 of the responder's), as content_gap counts them";

static int check_missed_bytes(char *msg, size_t size)
{
    tc_zeek_t z;
    tc_zeek_record_t r;

    tc_zeek_init(&z);
    packet(&z, NULL, NULL, A, SYN, 1000, 0, 0, 0);
    packet(&z, NULL, NULL, B, SA, 5000, 1001, 0, 1000000);
    packet(&z, NULL, NULL, A, ACK, 1001, 5001, 0, 2000000);
    packet(&z, NULL, NULL, A, PA, 1101, 5001, 100, 3000000);
    packet(&z, NULL, NULL, B, ACK, 5001, 1201, 0, 4000000);
    packet(&z, NULL, NULL, B, PA, 5011, 1201, 10, 5000000);
    packet(&z, NULL, NULL, A, ACK, 1201, 5021, 0, 6000000);
    tc_zeek_snapshot(&z, &r);
    if (strcmp(r.history, "ShADaGdg") != 0 || r.missed_bytes != 110) {
        snprintf(msg, size, "expected ShADaGdg missed 110, got %s missed %" PRIu64, r.history, r.missed_bytes);
        return 1;
    }
    return 0;
}

static const char check_long_connection_what[] =
    "64-bit payload offsets: 2.5 GiB each way in 64 KiB segments, then RSTs both ways: RSTR ShADdrR (not REJ), "
    "orig_bytes and resp_bytes 2684354560";

static int check_long_connection(char *msg, size_t size)
{
    const uint32_t seg_len = 65536, segs = 40960;        /* 2.5 GiB */
    tc_zeek_t z;
    tc_zeek_record_t r;
    uint32_t a = 1001, b = 5001;
    int64_t t = 3000000;

    tc_zeek_init(&z);
    packet(&z, NULL, NULL, A, SYN, 1000, 0, 0, 0);
    packet(&z, NULL, NULL, B, SA, 5000, 1001, 0, 1000000);
    packet(&z, NULL, NULL, A, ACK, 1001, 5001, 0, 2000000);
    for (uint32_t i = 0; i < segs; i++, t += 1000) {
        packet(&z, NULL, NULL, A, PA, a, b, seg_len, t);
        a += seg_len;
        packet(&z, NULL, NULL, B, PA, b, a, seg_len, t + 500);
        b += seg_len;
    }
    packet(&z, NULL, NULL, B, RA, b, a, 0, t + 1000);
    packet(&z, NULL, NULL, A, RST, a, 0, 0, t + 2000);
    tc_zeek_snapshot(&z, &r);
    if (r.conn_state != TC_ZEEK_RSTR || strcmp(r.history, "ShADdrR") != 0)
        return fail(msg, size, "expected RSTR ShADdrR", &r);
    if (r.bytes[0] != (uint64_t)seg_len * segs || r.bytes[1] != (uint64_t)seg_len * segs) {
        snprintf(msg, size, "got bytes %" PRIu64 "/%" PRIu64, r.bytes[0], r.bytes[1]);
        return 1;
    }
    return 0;
}

static const char check_record_copy_what[] =
    "the packet that starts a record says so, with the ended record copied out and why it ended";

static int check_record_copy(char *msg, size_t size)
{
    tc_zeek_t z;
    tc_zeek_record_t ended;
    tc_zeek_out_t out;

    tc_zeek_init(&z);
    packet(&z, &ended, &out, A, SYN, 1000, 0, 0, 0);
    if (!out.started || out.ended || out.record != 1) {
        snprintf(msg, size, "first packet: started %u ended %u record %u", out.started, out.ended, out.record);
        return 1;
    }
    packet(&z, &ended, &out, A, SYN, 1000, 0, 0, INT64_C(6000000000));
    if (!out.started || !out.ended || out.record != 2 || out.end_reason != TC_ZEEK_END_ATTEMPT ||
        ended.conn_state != TC_ZEEK_S0 || strcmp(ended.history, "S") != 0 || ended.pkts[0] != 1) {
        snprintf(msg, size, "after 6 s: started %u ended %u record %u reason %s, ended %s %s",
                 out.started, out.ended, out.record, tc_zeek_end_name(out.end_reason),
                 tc_zeek_state_name(ended.conn_state), ended.history);
        return 1;
    }
    return 0;
}

static const zscenario_t all[] = {
    ENTRY(sf_normal, A),
    ENTRY(s0_syn, A),
    ENTRY(s0_syn_retries, A),
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
    ENTRY(rst_payload, A),
    ENTRY(syn_payload, A),
    ENTRY(zero_window_log, A),
    ENTRY(zero_window_exempt, A),
    ENTRY(fin_repeat, A),
    ENTRY(rst_repeat, A),
    ENTRY(synack_repeat, A),
    ENTRY(ack_before_synack, A),
    ENTRY(syn_fin, A),
    ENTRY(syn_rst, A),
    ENTRY(fin_rst, A),
    ENTRY(fin_with_data, A),
    ENTRY(checksum_bad, A),
    ENTRY(limit_x, A),
    ENTRY(tunnel_changes, A),
    ENTRY(bad_header, A),
    ENTRY(flip_synack, B),
    ENTRY(flip_synack_retransmit, B),
    ENTRY(synack_alone, A),
    ENTRY(flip_reversed_handshake, B),
    ENTRY(flip_server_port, A),
    ENTRY(flip_synack_server_port, A),
    ENTRY(no_flip_syn, B),
    ENTRY_P(flip_both_servers, A, 1, NULL, 443, 80),
    ENTRY_P(no_flip_both_servers, A, 1, NULL, 443, 80),
    ENTRY(gap, A),
    ENTRY(gap_midstream, A),
    ENTRY(gap_on_rst, A),
    ENTRY(gap_before_fin, A),
    ENTRY(gap_truncated, A),
    ENTRY_N(close_delay, A, 2),
    ENTRY_N(trailing_rst_server, A, 2),
    ENTRY_N(trailing_rst_client, A, 2),
    ENTRY_N(reset_close_delay, A, 2),
    ENTRY_N(attempt_delay, A, 2),
    ENTRY(attempt_answered, A),
    ENTRY_N(inactivity, A, 2),
    ENTRY_P(inactivity_ssh, A, 1, NULL, 40000, 22),
    ENTRY(half_closed_stays, A),
    ENTRY_N(rst_after_fin_expires, A, 2),
    ENTRY_N(reuse_after_close, A, 2),
    ENTRY_N(reuse_new_isn, A, 2),
    ENTRY_N(rej_retry, A, 2),
    ENTRY_N(simultaneous_open, B, 2),
    ENTRY_N(fin_retries_rst, A, 4),
    ENTRY_P(partial_close_handler, A, 2, &with_handlers, 40000, 80),
    ENTRY(partial_close_default, A),
    ENTRY_P(reset_handler, A, 2, &with_handlers, 40000, 80),
    ENTRY(reset_default, A),
    ENTRY(seq_wrap, A),
    ENTRY(gap_across_wrap, A),
    CHECK(check_empty),
    CHECK(check_history_bounded),
    CHECK(check_counts),
    CHECK(check_missed_bytes),
    CHECK(check_long_connection),
    CHECK(check_record_copy),
};

#define NSCENARIOS (sizeof all / sizeof all[0])

/* ---- the runner ---- */

static int check_open(const tc_zeek_t *z, const zrow_t *row, size_t i, char *msg, size_t size)
{
    const char *st = tc_zeek_conn_state(z), *h = tc_zeek_history(z);

    if ((row->state && strcmp(row->state, st) != 0) || (row->hist && strcmp(row->hist, h) != 0)) {
        snprintf(msg, size, "row %zu: expected %s \"%s\", got %s \"%s\"", i + 1,
                 row->state ? row->state : "*", row->hist ? row->hist : "*", st, h);
        return 1;
    }
    return 0;
}

static int check_ended(const zrow_t *row, size_t i, const tc_zeek_out_t *out, const tc_zeek_record_t *rec,
                       char *msg, size_t size)
{
    char got[64] = "";

    if (out->ended)
        snprintf(got, sizeof got, "%s %.*s", tc_zeek_state_name(rec->conn_state),
                 (int)sizeof rec->history, rec->history);
    if (!row->ended && out->ended) {
        snprintf(msg, size, "row %zu: record %s ended (%s), not expected", i + 1, got,
                 tc_zeek_end_name(out->end_reason));
        return 1;
    }
    if (row->ended && (!out->ended || strcmp(row->ended, got) != 0)) {
        snprintf(msg, size, "row %zu: expected record \"%s\" to end, %s%s", i + 1, row->ended,
                 out->ended ? "got " : "none ended", out->ended ? got : "");
        return 1;
    }
    return 0;
}

static void make_input(const zscenario_t *sc, const zrow_t *row, size_t i, int64_t t_ms,
                       tc_segment_t *seg, tc_zeek_in_t *in)
{
    memset(seg, 0, sizeof *seg);
    seg->frame = (uint32_t)(i + 1);
    seg->dir = row->dir;
    seg->flags = row->flags;
    seg->seq = row->seq;
    seg->ack = row->ack;
    seg->len = row->len;
    seg->window = row->win;
    seg->time_ns = t_ms * 1000000;
    memset(in, 0, sizeof *in);
    in->seg = seg;
    in->port[A] = sc->port_a;
    in->port[B] = sc->port_b;
    in->ip_len = 40u + row->len;
    in->cksum = row->cksum;
    in->flags = row->in_flags;
}

static int run_rows(const zscenario_t *sc, char *msg, size_t size)
{
    tc_zeek_t z;
    int64_t t_ms = 0;

    tc_zeek_init(&z);
    for (size_t i = 0; i < sc->nrows; i++) {
        const zrow_t *row = &sc->rows[i];

        t_ms = row->at_ms >= 0 ? row->at_ms : (i ? t_ms + 1 : 0);
        for (unsigned n = 0; n < row->times; n++) {
            tc_segment_t seg;
            tc_zeek_in_t in;
            tc_zeek_out_t out;
            tc_zeek_record_t ended;

            memset(&ended, 0, sizeof ended);
            make_input(sc, row, i, t_ms, &seg, &in);
            tc_zeek_packet(&z, sc->cfg, &in, &out, &ended);
            if (n == 0 && check_ended(row, i, &out, &ended, msg, size))
                return 1;
            if (n > 0 && out.ended)
                return check_ended(&(zrow_t){ .ended = NULL }, i, &out, &ended, msg, size);
        }
        if (check_open(&z, row, i, msg, size))
            return 1;
    }
    if (tc_zeek_orig_dir(&z) != sc->orig_dir || tc_zeek_record_number(&z) != sc->records) {
        snprintf(msg, size, "expected orig_dir %u, %u records; got %u, %u", sc->orig_dir, sc->records,
                 tc_zeek_orig_dir(&z), tc_zeek_record_number(&z));
        return 1;
    }
    return 0;
}

static int run(const zscenario_t *sc)
{
    char msg[320] = "";
    int fail_ = sc->check ? sc->check(msg, sizeof msg) : run_rows(sc, msg, sizeof msg);

    if (fail_)
        printf("FAIL %s (%s): %s\n", sc->name, sc->what, msg);
    else
        printf("ok %s\n", sc->name);
    return fail_;
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
