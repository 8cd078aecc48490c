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

/* Is an item of hf on t looked at by nobody: a tree that is not shown,
 * and a field that no filter, column or -e names?  Wireshark would make a
 * fake of it (proto.c, TRY_TO_FAKE_THIS_ITEM: the tree stands for the
 * item); tcpconn does not call it for one.  t stands for the item here
 * too, so that named fields below it still have a place.  (A shown tree
 * makes every item.  DIRECT, and 4.4's PRINT after it, are the kinds of
 * reference that Wireshark does not fake.) */
static inline gboolean tcpconn_unseen(proto_tree *t, int hf)
{
    return t && !PTREE_DATA(t)->visible && proto_registrar_get_nth((guint)hf)->ref_type < HF_REF_TYPE_DIRECT;
}

/* Each returns t for an unseen item (above), else the generated item. */
static inline proto_item *tcpconn_add_none(proto_tree *t, int hf, tvbuff_t *tvb)
{
    return tcpconn_unseen(t, hf) ? t : tcpconn_gen(proto_tree_add_item(t, hf, tvb, 0, 0, ENC_NA));
}

static inline proto_item *tcpconn_add_str(proto_tree *t, int hf, tvbuff_t *tvb, const char *s)
{
    return tcpconn_unseen(t, hf) ? t : tcpconn_gen(proto_tree_add_string(t, hf, tvb, 0, 0, s));
}

static inline proto_item *tcpconn_add_uint(proto_tree *t, int hf, tvbuff_t *tvb, guint32 v)
{
    return tcpconn_unseen(t, hf) ? t : tcpconn_gen(proto_tree_add_uint(t, hf, tvb, 0, 0, v));
}

static inline proto_item *tcpconn_add_uint64(proto_tree *t, int hf, tvbuff_t *tvb, guint64 v)
{
    return tcpconn_unseen(t, hf) ? t : tcpconn_gen(proto_tree_add_uint64(t, hf, tvb, 0, 0, v));
}

static inline proto_item *tcpconn_add_bool(proto_tree *t, int hf, tvbuff_t *tvb, gboolean v)
{
    return tcpconn_unseen(t, hf) ? t : tcpconn_gen(proto_tree_add_boolean(t, hf, tvb, 0, 0, v));
}

static inline proto_item *tcpconn_add_double(proto_tree *t, int hf, tvbuff_t *tvb, double v)
{
    return tcpconn_unseen(t, hf) ? t : tcpconn_gen(proto_tree_add_double(t, hf, tvb, 0, 0, v));
}

static inline proto_item *tcpconn_add_ns(proto_tree *t, int hf, tvbuff_t *tvb, gint64 ns)
{
    nstime_t ts;

    if (tcpconn_unseen(t, hf))
        return t;
    ts.secs = (time_t)(ns / 1000000000);
    ts.nsecs = (int)(ns % 1000000000);
    return tcpconn_gen(proto_tree_add_time(t, hf, tvb, 0, 0, &ts));
}

#endif /* TCPCONN_ITEMS_H */
