/* tcpconn_items.h
 * Generated (computed, not on the wire) tree items, as tcpconn draws them.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCPCONN_ITEMS_H
#define TCPCONN_ITEMS_H

#include <epan/proto.h>

static inline proto_item *tcpconn_gen(proto_item *it)
{
    proto_item_set_generated(it);
    return it;
}

static inline proto_item *tcpconn_add_str(proto_tree *t, int hf, tvbuff_t *tvb, const char *s)
{
    return tcpconn_gen(proto_tree_add_string(t, hf, tvb, 0, 0, s));
}

static inline proto_item *tcpconn_add_uint(proto_tree *t, int hf, tvbuff_t *tvb, guint32 v)
{
    return tcpconn_gen(proto_tree_add_uint(t, hf, tvb, 0, 0, v));
}

static inline proto_item *tcpconn_add_bool(proto_tree *t, int hf, tvbuff_t *tvb, gboolean v)
{
    return tcpconn_gen(proto_tree_add_boolean(t, hf, tvb, 0, 0, v));
}

static inline proto_item *tcpconn_add_ns(proto_tree *t, int hf, tvbuff_t *tvb, gint64 ns)
{
    nstime_t ts;

    ts.secs = (time_t)(ns / 1000000000);
    ts.nsecs = (int)(ns % 1000000000);
    return tcpconn_gen(proto_tree_add_time(t, hf, tvb, 0, 0, &ts));
}

#endif /* TCPCONN_ITEMS_H */
