/* tcpconn_compat.h
 * The few Wireshark API differences between 4.0, 4.2, 4.4 and 4.6, in one place.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCPCONN_COMPAT_H
#define TCPCONN_COMPAT_H

#include <glib.h>
#include <ws_version.h>

/* Each TCPCONN_<difference> macro is defined by a probe of the installed
 * Wireshark (cmake/TcpconnWiresharkApi.cmake), not from its version.  The
 * version test is for what no probe can tell. */
#define TCPCONN_WS_AT_LEAST(maj, min) \
    (WIRESHARK_VERSION_MAJOR > (maj) || \
     (WIRESHARK_VERSION_MAJOR == (maj) && WIRESHARK_VERSION_MINOR >= (min)))

/* field_info.value is an fvalue_t in 4.0 and an fvalue_t * from 4.2 on. */
#ifdef TCPCONN_FVALUE_IS_POINTER
#define TCPCONN_FVALUE(fi) ((fi)->value)
#else
#define TCPCONN_FVALUE(fi) (&(fi)->value)
#endif

/* 4.4 wants plugin_describe() and declares the plugin symbols itself in
 * wsutil/plugins.h, which the 4.0 development package does not install. */
#ifndef TCPCONN_HAVE_PLUGIN_DESCRIBE
#define TCPCONN_HAVE_PLUGIN_DESCRIBE 0
#endif

/* get_data_source_tvb_by_name() is gone in 4.6, where a data source is
 * found by its name and then gives its tvb. */
#ifndef TCPCONN_HAVE_DATA_SOURCE_TVB_BY_NAME
#include <epan/packet.h>
static inline tvbuff_t *tcpconn_data_source_tvb_by_name(packet_info *pinfo, const char *name)
{
    struct data_source *src = get_data_source_by_name(pinfo, name);

    return src ? get_data_source_tvb(src) : NULL;
}
#define get_data_source_tvb_by_name tcpconn_data_source_tvb_by_name
#endif

/* The init callback of a stat_tap_ui (-z NAME) returns void up to 4.4 and
 * from 4.6 bool, false when the tap could not start. */
#ifdef TCPCONN_STAT_TAP_INIT_IS_BOOL
#include <stdbool.h>
#define TCPCONN_STAT_INIT_T bool
#define TCPCONN_STAT_INIT_RETURN(ok) return (ok)
#else
#define TCPCONN_STAT_INIT_T void
#define TCPCONN_STAT_INIT_RETURN(ok) return
#endif

/* Flow graphs (sequence analysis, epan/sequence_analysis.h).  libwireshark
 * exports register_seq_analysis() and the sequence_analysis_* functions,
 * but the 4.0 development package does not install the header (nor does
 * Debian 13's 4.4).  CMake probes for it (cmake/TcpconnWiresharkApi.cmake):
 *   - the real header, wherever the package ships it;
 *   - else, for 4.0 and 4.2, the declarations below: only what
 *     tcpconn_flow.c uses, with the structures laid out member for member
 *     as in those versions' header;
 *   - else (4.4 and later without the header) no flow graph: 4.4 changed
 *     the layout (C99 bool members, an occurrence array), and guessing a
 *     layout would corrupt memory rather than fail. */
#if defined(TCPCONN_HAVE_SEQUENCE_ANALYSIS_H)
#include <epan/sequence_analysis.h>
#define TCPCONN_HAVE_FLOW 1
#elif !TCPCONN_WS_AT_LEAST(4, 4)
#include <stddef.h>
#include <ws_symbol_export.h>
#include <epan/address.h>
#include <epan/packet_info.h>
#include <epan/tap.h>
#define TCPCONN_HAVE_FLOW 1
#define TCPCONN_SEQ_ANALYSIS_DECLARED 1

/* One arrow of a flow graph.  The library allocates it
 * (sequence_analysis_create_sai_with_addresses), tshark prints it
 * (sequence_analysis_dump_to_file) and the GUI draws it, each with the
 * library's own idea of this layout: it must match member for member. */
typedef struct _seq_analysis_item {
    guint32  frame_number;
    address  src_addr;
    guint16  port_src;
    address  dst_addr;
    guint16  port_dst;
    gchar   *frame_label;           /* text on the arrow */
    gchar   *time_str;
    gchar   *comment;               /* text right of the graph */
    guint16  conv_num;
    unsigned fg_color;
    unsigned bg_color;
    gboolean has_color_filter;
    gboolean display;
    guint    src_node;
    guint    dst_node;
    guint16  line_style;
    guint32  info_type;
    gpointer info_ptr;              /* g_free()d with the item */
} seq_analysis_item_t;

#define TCPCONN_SEQ_MAX_NODES 40    /* MAX_NUM_NODES */

/* The graph a flow tap listener fills: its tapdata. */
typedef struct _seq_analysis_info {
    const char *name;
    gboolean    any_addr;           /* link-layer and network addresses, or network only */
    int         nconv;
    GQueue     *items;              /* of seq_analysis_item_t */
    GHashTable *ht;
    address     nodes[TCPCONN_SEQ_MAX_NODES];
    guint32     num_nodes;
} seq_analysis_info_t;

WS_DLL_PUBLIC void register_seq_analysis(const char *name, const char *ui_name, const int proto_id,
                                         const char *tap_listener, guint tap_flags, tap_packet_cb tap_func);
WS_DLL_PUBLIC seq_analysis_item_t *sequence_analysis_create_sai_with_addresses(packet_info *pinfo,
                                                                              seq_analysis_info_t *sainfo);
WS_DLL_PUBLIC void sequence_analysis_use_color_filter(packet_info *pinfo, seq_analysis_item_t *sai);

/* The layout on LP64 (x86_64, aarch64), worked out by hand from the 4.0.17
 * source's epan/sequence_analysis.h and epan/address.h (an address is
 * int type, int len, const void *data, void *priv: 24 bytes, 8-aligned),
 * and checked against that header by tests/flow-layout-check.sh.  A
 * change to the declarations above that moves a member fails the build. */
#if defined(__LP64__)
#define TCPCONN_SEQ_OFFSET(type, member, off) \
    _Static_assert(offsetof(type, member) == (off), #type "." #member " must be at " #off " (4.0 ABI)")
TCPCONN_SEQ_OFFSET(seq_analysis_item_t, frame_number, 0);
TCPCONN_SEQ_OFFSET(seq_analysis_item_t, src_addr, 8);
TCPCONN_SEQ_OFFSET(seq_analysis_item_t, port_src, 32);
TCPCONN_SEQ_OFFSET(seq_analysis_item_t, dst_addr, 40);
TCPCONN_SEQ_OFFSET(seq_analysis_item_t, port_dst, 64);
TCPCONN_SEQ_OFFSET(seq_analysis_item_t, frame_label, 72);
TCPCONN_SEQ_OFFSET(seq_analysis_item_t, time_str, 80);
TCPCONN_SEQ_OFFSET(seq_analysis_item_t, comment, 88);
TCPCONN_SEQ_OFFSET(seq_analysis_item_t, conv_num, 96);
TCPCONN_SEQ_OFFSET(seq_analysis_item_t, fg_color, 100);
TCPCONN_SEQ_OFFSET(seq_analysis_item_t, bg_color, 104);
TCPCONN_SEQ_OFFSET(seq_analysis_item_t, has_color_filter, 108);
TCPCONN_SEQ_OFFSET(seq_analysis_item_t, display, 112);
TCPCONN_SEQ_OFFSET(seq_analysis_item_t, src_node, 116);
TCPCONN_SEQ_OFFSET(seq_analysis_item_t, dst_node, 120);
TCPCONN_SEQ_OFFSET(seq_analysis_item_t, line_style, 124);
TCPCONN_SEQ_OFFSET(seq_analysis_item_t, info_type, 128);
TCPCONN_SEQ_OFFSET(seq_analysis_item_t, info_ptr, 136);
_Static_assert(sizeof(seq_analysis_item_t) == 144, "seq_analysis_item_t must be 144 bytes (4.0 ABI)");
TCPCONN_SEQ_OFFSET(seq_analysis_info_t, any_addr, 8);
TCPCONN_SEQ_OFFSET(seq_analysis_info_t, items, 16);
TCPCONN_SEQ_OFFSET(seq_analysis_info_t, nodes, 32);
TCPCONN_SEQ_OFFSET(seq_analysis_info_t, num_nodes, 992);
_Static_assert(sizeof(seq_analysis_info_t) == 1000, "seq_analysis_info_t must be 1000 bytes (4.0 ABI)");
#undef TCPCONN_SEQ_OFFSET
#endif /* __LP64__ */
#else
#define TCPCONN_HAVE_FLOW 0
#endif

#endif /* TCPCONN_COMPAT_H */
