/* tcpconn_segment.c
 * A frame's TCP segment on every pass that runs taps, for the "tcpconn"
 * tap's consumers (the flow graph labels need each frame's seq and ack).
 *
 * The TCP dissector queues its struct tcpheader (packet-tcp.h) on the
 * "tcp" tap; fetch_tapped_data() hands it back to us before the tap
 * callbacks run.  It is queued only while some listener is registered on
 * "tcp": ours is a dissector helper without callbacks, so it forces neither
 * a protocol tree nor columns.  Passes without taps (the first pass of
 * tshark -2) have no segment: the consumers run on tapped passes only.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/packet.h>
#include <epan/tap.h>
#include <epan/dissectors/packet-tcp.h>

#include "tcpconn_glue.h"

static int tcp_tap_id = -1;
static int tcp_helper;              /* identifies our listener */

void tcpconn_segment_register(void)
{
    GString *err;

    tcp_tap_id = find_tap_id("tcp");
    err = register_tap_listener("tcp", &tcp_helper, NULL, TL_IS_DISSECTOR_HELPER, NULL, NULL, NULL, NULL);
    if (err) {
        g_string_free(err, TRUE);   /* no TCP tap: consumers do without segments */
        tcp_tap_id = -1;
    }
}

/* The TCP layer whose ports are the frame's (pinfo's are the last layer's). */
static const struct tcpheader *frame_tcp_header(const packet_info *pinfo)
{
    const struct tcpheader *th, *found = NULL;

    for (int i = 0; (th = (const struct tcpheader *)fetch_tapped_data(tcp_tap_id, i)) != NULL; i++) {
        if (th->th_sport == pinfo->srcport && th->th_dport == pinfo->destport)
            found = th;
    }
    return found;
}

gboolean tcpconn_tapped_segment(const packet_info *pinfo, tc_segment_t *seg)
{
    const struct tcpheader *th = tcp_tap_id >= 0 ? frame_tcp_header(pinfo) : NULL;

    memset(seg, 0, sizeof *seg);
    seg->dir = TC_DIR_NONE;         /* the pair's direction is the connection record's business */
    if (!th)
        return FALSE;
    seg->frame = pinfo->num;
    seg->time_ns = (int64_t)pinfo->abs_ts.secs * 1000000000 + pinfo->abs_ts.nsecs;
    seg->seq = th->th_rawseq;
    seg->ack = (th->th_flags & TC_ACK) ? th->th_rawack : 0;
    seg->len = th->th_have_seglen ? th->th_seglen : 0;
    seg->window = th->th_win;       /* scaled once the scale is known */
    seg->flags = (uint8_t)(th->th_flags & 0x3f);
    return TRUE;
}
