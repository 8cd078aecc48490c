/* test_zeek_timers.c
 * zk_set_last() (Session::SetLastTime) keeps every pending timer at its
 * time while the offsets it is stored as move to the new last time.  Its
 * fast path (time forward, far from the ends of int64_t) must give what
 * setting each timer again from its time gives.  The reference here works
 * that out in 128-bit arithmetic, with the saturation of tc_ns_after()
 * and tc_ns_between(), over chosen edges and pseudo-random values, on
 * both sides of the fast path's bounds.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "tcpconn_zeek_int.h"

__extension__ typedef __int128 wide_t;     /* gcc and clang */

static int64_t sat(wide_t v)
{
    return v > INT64_MAX ? INT64_MAX : v < INT64_MIN ? INT64_MIN : (int64_t)v;
}

/* The offset a timer of offset slot after last gets when last becomes t. */
static uint32_t reference(int64_t last, uint32_t slot, int64_t t)
{
    int64_t when, d, us;

    if (!slot)
        return 0;
    when = sat((wide_t)last + (wide_t)slot * 1000);
    d = sat((wide_t)when - t);
    us = sat((wide_t)d + 999) / 1000;
    return us < 1 ? 1u : us > (int64_t)UINT32_MAX ? UINT32_MAX : (uint32_t)us;
}

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static int check(int64_t last, const uint32_t slots[3], int64_t t)
{
    tc_zeek_t z;
    uint32_t got[3];

    memset(&z, 0, sizeof z);
    z.last_ns = last;
    z.t_misc = slots[0];
    z.t_expire = slots[1];
    z.t_delete = slots[2];
    zk_set_last(&z, t);
    got[0] = z.t_misc;
    got[1] = z.t_expire;
    got[2] = z.t_delete;
    if (z.last_ns != t) {
        printf("FAIL last %" PRId64 " -> %" PRId64 ": last_ns is %" PRId64 "\n", last, t, z.last_ns);
        return 1;
    }
    for (int i = 0; i < 3; i++) {
        uint32_t want = reference(last, slots[i], t);

        if (got[i] != want) {
            printf("FAIL last %" PRId64 " slot %" PRIu32 " -> t %" PRId64 ": offset %" PRIu32 ", want %" PRIu32 "\n",
                   last, slots[i], t, got[i], want);
            return 1;
        }
    }
    return 0;
}

int main(void)
{
    static const int64_t lasts[] = {
        0, 1, 999, 1000, 1000000123, -5000000007, INT64_MAX / 2, INT64_MIN / 2,
        ((int64_t)1 << 62) - 1, ((int64_t)1 << 62), -((int64_t)1 << 62), -((int64_t)1 << 62) + 1,
        INT64_MAX - 1000, INT64_MIN + 1000, INT64_MAX, INT64_MIN,
    };
    static const uint32_t slotv[] = { 0, 1, 2, 999, 1000, 1001, 12345678, UINT32_MAX - 1, UINT32_MAX };
    static const int64_t steps[] = { 0, 1, 999, 1000, 1001, 1999, 2000, 123456789, -1, -1000, -1001 };
    int failed = 0;
    long checked = 0;

    for (size_t a = 0; a < sizeof lasts / sizeof lasts[0]; a++) {
        for (size_t s = 0; s < sizeof slotv / sizeof slotv[0]; s++) {
            uint32_t slots[3] = { slotv[s], 0, slotv[(s + 3) % (sizeof slotv / sizeof slotv[0])] };
            int64_t due = sat((wide_t)lasts[a] + (wide_t)slotv[s] * 1000);

            for (size_t d = 0; d < sizeof steps / sizeof steps[0]; d++) {
                failed += check(lasts[a], slots, sat((wide_t)lasts[a] + steps[d]));
                failed += check(lasts[a], slots, sat((wide_t)due + steps[d]));
                checked += 2;
            }
        }
    }
    for (int i = 0; i < 200000; i++) {
        int64_t last = (int64_t)(next() >> (next() % 64));
        uint32_t slots[3] = { (uint32_t)(next() >> (next() % 64)), 0, (uint32_t)next() % 100000u };
        int64_t t = sat((wide_t)last + (int64_t)(next() >> (next() % 64)) / (i % 2 ? 1 : -64));

        if (i % 3 == 0)
            last = -last;
        failed += check(last, slots, t);
        checked++;
    }
    printf("%ld timer moves checked, %d failed\n", checked, failed);
    return failed ? 1 : 0;
}
