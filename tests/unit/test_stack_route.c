/* Stack: routes, longest prefix match; neighbor table storage. */
#include "unit/test_stack_util.h"

static struct ms_sim sim;

static void
setup(void)
{
    t_sim_init(&sim);
}

static void
teardown(void)
{
    ms_sim_fini(&sim);
}

TestSuite(stack_route, .init = setup, .fini = teardown);

static struct ms_iface *
oif_for(struct ms_node *n, const char *dst)
{
    const struct ms_route *r = ms_route_lookup(n, t_ap(dst));
    return r ? r->oif : NULL;
}

Test(stack_route, longest_prefix_match_overlapping)
{
    struct ms_node *n = ms_node_new(&sim, "r", true);
    struct ms_iface *a = t_iface(n, NULL, 1);
    struct ms_iface *b = t_iface(n, NULL, 2);
    struct ms_iface *c = t_iface(n, NULL, 3);
    /* Added shortest-last and out of order on purpose. */
    cr_assert_eq(ms_route_add(n, t_ap("2001:db8:1::"), 48, b, NULL, 0), 0);
    cr_assert_eq(ms_route_add(n, t_ap("::"), 0, a, t_ap("fe80::1"), 0), 0);
    cr_assert_eq(ms_route_add(n, t_ap("2001:db8:1:2::"), 64, c, NULL, 0), 0);
    cr_assert_eq(ms_route_add(n, t_ap("2001:db8::"), 32, c, NULL, 0), 0);
    cr_assert_eq(ms_route_add(n, t_ap("2001:db8:1:2::7"), 128, a, NULL, 0), 0);
    /* A prefix given with host bits set is stored as the prefix. */
    cr_assert_eq(ms_route_add(n, t_ap("2001:db8:1:3:ffff::1"), 63, a, NULL, 0), 0);

    cr_assert_eq(oif_for(n, "2001:db8:1:2::7"), a);   /* /128 */
    cr_assert_eq(oif_for(n, "2001:db8:1:2::8"), c);   /* /64 */
    cr_assert_eq(oif_for(n, "2001:db8:1:5::1"), b);   /* /48 */
    cr_assert_eq(oif_for(n, "2001:db8:1:2:1::1"), c); /* still the /64 */
    cr_assert_eq(oif_for(n, "2001:db8:1:3::1"), a);   /* /63 covers :2 and :3 ... */
    cr_assert_eq(oif_for(n, "2001:db8:1:2::1"), c);   /* ... but the /64 is longer */
    cr_assert_eq(oif_for(n, "2001:db8:ffff::1"), c);  /* /32 */
    cr_assert_eq(oif_for(n, "2001:db9::1"), a);       /* default */
    const struct ms_route *r = ms_route_lookup(n, t_ap("2001:db9::1"));
    cr_assert(ms_in6_equal(&r->gw, t_ap("fe80::1")));
    const struct ms_route *r63 = ms_route_lookup(n, t_ap("2001:db8:1:3::1"));
    cr_assert(ms_in6_equal(&r63->prefix, t_ap("2001:db8:1:2::")));

    /* Deleting the /64 uncovers the /63, then the /48. */
    cr_assert_eq(ms_route_del(n, t_ap("2001:db8:1:2::"), 64, c), 0);
    cr_assert_eq(oif_for(n, "2001:db8:1:2::8"), a);
    cr_assert_eq(ms_route_del(n, t_ap("2001:db8:1:2::"), 63, NULL), 0);
    cr_assert_eq(oif_for(n, "2001:db8:1:2::8"), b);
    cr_assert_eq(ms_route_del(n, t_ap("2001:db8:1:2::"), 64, c), -ENOENT);
    /* Without a default, no route. */
    cr_assert_eq(ms_route_del(n, t_ap("::"), 0, a), 0);
    cr_assert_null(ms_route_lookup(n, t_ap("2001:db9::1")));
    ms_node_free(n);
}

Test(stack_route, ties_by_metric_then_insertion)
{
    struct ms_node *n = ms_node_new(&sim, "r", true);
    struct ms_iface *a = t_iface(n, NULL, 1);
    struct ms_iface *b = t_iface(n, NULL, 2);
    struct ms_iface *c = t_iface(n, NULL, 3);
    ms_route_add(n, t_ap("2001:db8::"), 32, a, NULL, 20);
    ms_route_add(n, t_ap("2001:db8::"), 32, b, NULL, 10);
    cr_assert_eq(oif_for(n, "2001:db8::1"), b, "lower metric wins");
    ms_route_add(n, t_ap("2001:db8::"), 32, c, NULL, 10);
    cr_assert_eq(oif_for(n, "2001:db8::1"), b, "equal metric: the first added wins");
    /* Re-adding the same (prefix, oif) updates it in place. */
    ms_route_add(n, t_ap("2001:db8::"), 32, b, NULL, 30);
    cr_assert_eq(oif_for(n, "2001:db8::1"), c);
    cr_assert_eq(n->nroutes, 3);
    ms_node_free(n);
}

Test(stack_route, ra_routes_expire)
{
    struct ms_node *n = ms_node_new(&sim, "h", false);
    struct ms_iface *a = t_iface(n, NULL, 1);
    cr_assert_eq(ms__route_set(n, t_ap("::"), 0, a, t_ap("fe80::1"), 1024, MS_ROUTE_F_RA, T_S(10)),
                 0);
    cr_assert_not_null(ms_route_lookup(n, t_ap("2001:db8::1")));
    t_run_until(&sim, T_S(11));
    cr_assert_null(ms_route_lookup(n, t_ap("2001:db8::1")));
    ms_node_free(n);
}

/* The reference: the first route of the sorted table that covers dst and
 * has not expired (what ms_route_lookup answers, index or not). */
static const struct ms_route *
scan_lookup(const struct ms_node *n, const struct in6_addr *dst)
{
    for (uint32_t i = 0; i < n->nroutes; i++) {
        const struct ms_route *r = &n->routes[i];
        if (ms_in6_prefix_match(dst, &r->prefix, r->plen) && r->expires_ns > ms_sim_now(n->sim))
            return r;
    }
    return NULL;
}

static uint64_t
xs(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* A destination near one of a few base prefixes, so that most routes and
 * destinations overlap. */
static struct in6_addr
near_addr(uint64_t *rs)
{
    struct in6_addr a = t_a("2001:db8::");
    a.s6_addr[3] = (uint8_t)(0xb8 + xs(rs) % 8); /* 2001:db8::/30 and others */
    a.s6_addr[4] = (uint8_t)(xs(rs) % 3);
    a.s6_addr[7] = (uint8_t)(xs(rs) % 4);
    a.s6_addr[8] = (uint8_t)(xs(rs) % 2 ? 0x80 : 0);
    a.s6_addr[15] = (uint8_t)(xs(rs) % 5);
    return a;
}

Test(stack_route, index_answers_as_the_scan)
{
    static const uint8_t lens[] = {30, 32, 37, 48, 63, 64, 65, 96, 127, 128};
    struct ms_node *n = ms_node_new(&sim, "ha", true);
    struct ms_iface *ifs[4];
    for (unsigned i = 0; i < 4; i++)
        ifs[i] = t_iface(n, NULL, (uint8_t)(i + 1));
    uint64_t rs = 0x2545f4914f6cdd1dULL;
    unsigned checked = 0, found = 0, indexed = 0;
    for (unsigned round = 0; round < 60; round++) {
        /* Add, re-set (same key: lifetime or metric changes) or delete. */
        for (unsigned k = 0; k < 12; k++) {
            struct in6_addr p = near_addr(&rs);
            uint8_t plen = lens[xs(&rs) % sizeof lens];
            struct ms_iface *oif = ifs[xs(&rs) % 4];
            unsigned op = (unsigned)(xs(&rs) % 10);
            if (op < 2) {
                ms_route_del(n, &p, plen, xs(&rs) % 2 ? oif : NULL);
            } else {
                int64_t exp = xs(&rs) % 3 ? MS_TIME_NEVER
                                          : ms_sim_now(&sim) + (int64_t)(xs(&rs) % 50) * T_MS(1);
                cr_assert_eq(ms__route_set(n, &p, plen, oif, NULL, (uint32_t)(xs(&rs) % 3),
                                           MS_ROUTE_F_RA, exp),
                             0);
            }
        }
        t_run_for(&sim, T_MS(7));
        for (unsigned q = 0; q < 200; q++) {
            struct in6_addr d = near_addr(&rs);
            const struct ms_route *want = scan_lookup(n, &d);
            const struct ms_route *got = ms_route_lookup(n, &d);
            cr_assert_eq(got, want, "round %u query %u: %zd != %zd (%u routes)", round, q,
                         got ? got - n->routes : -1, want ? want - n->routes : -1, n->nroutes);
            checked++;
            found += want != NULL;
        }
        indexed += n->route_idx != NULL && !n->route_idx_stale;
    }
    cr_assert_gt(n->nroutes, 40, "the table grew past the index threshold (%u)", n->nroutes);
    cr_assert_gt(indexed, 40, "the index answered most rounds (%u)", indexed);
    cr_assert_gt(found, checked / 2, "most queries found a route (%u of %u)", found, checked);
    cr_assert_lt(found, checked, "some did not");
    ms_node_free(n);
}

Test(stack_route, neighbor_table_many_entries)
{
    struct ms_node *n = ms_node_new(&sim, "ar", true);
    struct ms_iface *a = t_iface(n, NULL, 1);
    cr_assert_null(a->nbrs, "the table is allocated lazily");
    struct in6_addr x = t_a("2001:db8::");
    /* 1000 neighbors: insert, find, delete every other, find again. */
    for (unsigned i = 0; i < 1000; i++) {
        x.s6_addr[14] = (uint8_t)(i >> 8);
        x.s6_addr[15] = (uint8_t)i;
        struct ms_nbr *e = ms_nbr_create(a, &x);
        cr_assert_not_null(e);
        e->state = MS_NBR_STALE;
        e->mac = t_mac((uint8_t)i);
    }
    cr_assert_eq(ms_nbr_count(a), 1000);
    cr_assert_leq(a->nbrs->count * 4, a->nbrs->cap * 3);
    for (unsigned i = 0; i < 1000; i += 2) {
        x.s6_addr[14] = (uint8_t)(i >> 8);
        x.s6_addr[15] = (uint8_t)i;
        struct ms_nbr *e = ms_nbr_lookup(a, &x);
        cr_assert_not_null(e, "lost %u", i);
        ms_nbr_delete(a, e, MS_ENO_NEIGHBOR);
    }
    cr_assert_eq(ms_nbr_count(a), 500);
    for (unsigned i = 0; i < 1000; i++) {
        x.s6_addr[14] = (uint8_t)(i >> 8);
        x.s6_addr[15] = (uint8_t)i;
        struct ms_nbr *e = ms_nbr_lookup(a, &x);
        if (i % 2 == 0) {
            cr_assert_null(e, "%u should be gone", i);
        } else {
            cr_assert_not_null(e, "%u lost after deletions", i);
            cr_assert_eq(e->mac.b[5], (uint8_t)i);
        }
    }
    uint32_t seen = 0;
    for (uint32_t i = 0; ms_nbr_at(a, i) != NULL; i++)
        seen++;
    cr_assert_eq(seen, 500);
    ms_nbr_flush(a, MS_ELINK_DOWN);
    cr_assert_eq(ms_nbr_count(a), 0);
    ms_node_free(n);
}
