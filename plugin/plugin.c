/* plugin.c
 * The symbols Wireshark looks for in an epan plugin.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <gmodule.h>
#include <epan/proto.h>
#include <ws_symbol_export.h>

#include "tcpconn_compat.h"
#include "tcpconn_glue.h"

#if TCPCONN_HAVE_PLUGIN_DESCRIBE
#include <wsutil/plugins.h>
#endif

#ifndef TCPCONN_VERSION
#define TCPCONN_VERSION "0.0.0"
#endif

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = TCPCONN_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);
#if TCPCONN_HAVE_PLUGIN_DESCRIBE
WS_DLL_PUBLIC uint32_t plugin_describe(void);

uint32_t plugin_describe(void)
{
    return WS_PLUGIN_DESC_DISSECTOR;
}
#endif

void plugin_register(void)
{
    static proto_plugin plug;

    plug.register_protoinfo = proto_register_tcpconn;
    plug.register_handoff = proto_reg_handoff_tcpconn;
    proto_register_plugin(&plug);
}
