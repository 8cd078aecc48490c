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

/* Boolean preferences: gboolean in 4.0, C99 bool in 4.4. */
#ifdef TCPCONN_PREFS_BOOL_IS_C99
#include <stdbool.h>
typedef bool tcpconn_pref_bool_t;
#else
typedef gboolean tcpconn_pref_bool_t;
#endif

#endif /* TCPCONN_COMPAT_H */
