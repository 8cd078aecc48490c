/* seq_layout.c
 * Prints the size and the member offsets of the flow graph structures, as
 * tcpconn_compat.h declares them or (with -DTCPCONN_REAL_HEADER) as a
 * Wireshark source tree's epan/sequence_analysis.h defines them:
 * tests/flow-layout-check.sh compares the two.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stddef.h>
#include <stdio.h>

#ifdef TCPCONN_REAL_HEADER
#include <epan/sequence_analysis.h>
#else
#include "tcpconn_compat.h"
#endif

#define MEMBER(type, m) printf("%s.%s %zu %zu\n", #type, #m, offsetof(type, m), sizeof(((type *)0)->m))

int main(void)
{
    MEMBER(seq_analysis_item_t, frame_number);
    MEMBER(seq_analysis_item_t, src_addr);
    MEMBER(seq_analysis_item_t, port_src);
    MEMBER(seq_analysis_item_t, dst_addr);
    MEMBER(seq_analysis_item_t, port_dst);
    MEMBER(seq_analysis_item_t, frame_label);
    MEMBER(seq_analysis_item_t, time_str);
    MEMBER(seq_analysis_item_t, comment);
    MEMBER(seq_analysis_item_t, conv_num);
    MEMBER(seq_analysis_item_t, fg_color);
    MEMBER(seq_analysis_item_t, bg_color);
    MEMBER(seq_analysis_item_t, has_color_filter);
    MEMBER(seq_analysis_item_t, display);
    MEMBER(seq_analysis_item_t, src_node);
    MEMBER(seq_analysis_item_t, dst_node);
    MEMBER(seq_analysis_item_t, line_style);
    MEMBER(seq_analysis_item_t, info_type);
    MEMBER(seq_analysis_item_t, info_ptr);
    printf("sizeof(seq_analysis_item_t) %zu\n", sizeof(seq_analysis_item_t));
    MEMBER(seq_analysis_info_t, name);
    MEMBER(seq_analysis_info_t, any_addr);
    MEMBER(seq_analysis_info_t, nconv);
    MEMBER(seq_analysis_info_t, items);
    MEMBER(seq_analysis_info_t, ht);
    MEMBER(seq_analysis_info_t, nodes);
    MEMBER(seq_analysis_info_t, num_nodes);
    printf("sizeof(seq_analysis_info_t) %zu\n", sizeof(seq_analysis_info_t));
    return 0;
}
