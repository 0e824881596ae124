/* Stack: addresses, SLAAC (RFC 4862 s5.5.3), DAD (RFC 4862 s5.4), DAD on
 * behalf of another node (RFC 6275 s10.3.1), source selection. */
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

TestSuite(stack_addr, .init = setup, .fini = teardown);

/* Index of the first frame in the tap delivered to `to` with ICMPv6 type
 * `type`, or -1. */
static int
first_frame(const struct t_tap *tap, const struct ms_iface *to, int type)
{
    for (uint32_t i = 0; i < tap->n && i < T_TAP_MAX; i++)
        if (tap->f[i].to == to && t_frame_icmp_type(&tap->f[i]) == type)
            return (int)i;
    return -1;
}

Test(stack_addr, slaac_from_ra)
{
    struct ms_link *l = t_segment(&sim, "lan");
    struct ms_node *r = ms_node_new(&sim, "r", true);
    struct ms_node *h = ms_node_new(&sim, "h", false);
    /* A DAD time that no other timer could produce by accident. */
    h->nd.dup_addr_detect_transmits = 2;
    h->nd.retrans_timer_ns = T_MS(700);
    struct ms_iface *ri = t_iface(r, l, 1);
    struct t_role hrole;
    t_role_attach(h, &hrole);
    struct ms_iface *hi = t_iface(h, l, 2);
    struct t_tap tap;
    t_tap_start(&tap, &sim, l);

    struct ms_ra_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.prefixes[0].prefix = t_a("2001:db8:1::");
    cfg.prefixes[0].plen = 64;
    cfg.prefixes[0].flags = MS_PI_F_L | MS_PI_F_A;
    cfg.prefixes[0].valid_s = 86400;
    cfg.prefixes[0].preferred_s = 14400;
    cfg.nprefixes = 1;
    cr_assert_eq(ms_ra_start(ri, &cfg), 0);

    t_run_until(&sim, T_S(10));

    /* RFC 4862 s5.5.3 (d): prefix + modified EUI-64 of 02:00:00:00:00:02. */
    struct in6_addr want = t_a("2001:db8:1::ff:fe00:2");
    struct ms_addr *a = ms_addr_find(h, &want);
    cr_assert_not_null(a, "no SLAAC address");
    cr_assert_eq(a->state, MS_ADDR_PREFERRED);
    cr_assert(a->flags & MS_ADDR_F_SLAAC);
    cr_assert_eq(a->plen, 64);
    cr_assert_eq(a->iface, hi);

    /* Preferred exactly DupAddrDetectTransmits * RetransTimer after the RA
     * that created it arrived. */
    int ra = first_frame(&tap, hi, MS_ICMP6_RA);
    cr_assert_geq(ra, 0, "host never got an RA");
    int64_t t_ra = tap.f[ra].t_ns;
    bool found = false;
    for (uint32_t i = 0; i < hrole.n_addr_ok; i++) {
        if (ms_in6_equal(&hrole.addr_ok[i], &want)) {
            cr_assert_eq(hrole.addr_ok_ns[i], t_ra + 2 * T_MS(700), "preferred at %lld, RA at %lld",
                         (long long)hrole.addr_ok_ns[i], (long long)t_ra);
            found = true;
        }
    }
    cr_assert(found, "on_addr(ok) never fired for the SLAAC address");
    /* The DAD probes went out: two NS from :: for the address. */
    uint32_t dad_ns = 0;
    for (uint32_t i = 0; i < tap.n && i < T_TAP_MAX; i++) {
        const struct t_frame *f = &tap.f[i];
        struct in6_addr fsrc;
        memcpy(&fsrc, f->data + MS_ETH_HLEN + MS_IP6_OFF_SRC, sizeof fsrc);
        if (f->to == ri && t_frame_icmp_type(f) == MS_ICMP6_NS && ms_in6_is_unspecified(&fsrc) &&
            memcmp(f->data + MS_ETH_HLEN + MS_IP6_HLEN + 8, &want, 16) == 0)
            dad_ns++;
    }
    cr_assert_eq(dad_ns, 2);

    /* The on-link prefix and the default router (the router's link-local). */
    const struct ms_route *rt = ms_route_lookup(h, t_ap("2001:db8:1::99"));
    cr_assert_not_null(rt);
    cr_assert_eq(rt->plen, 64);
    cr_assert(ms_in6_is_unspecified(&rt->gw));
    rt = ms_route_lookup(h, t_ap("2001:db8:77::1"));
    cr_assert_not_null(rt);
    cr_assert_eq(rt->plen, 0);
    cr_assert(ms_in6_is_linklocal(&rt->gw));
    cr_assert(ms_in6_equal(&rt->gw, &ri->addrs[0].addr));
    /* Source selection now picks the SLAAC address for a global peer. */
    struct in6_addr src;
    cr_assert_eq(ms_node_select_source(h, t_ap("2001:db8:77::1"), &src), 0);
    cr_assert(ms_in6_equal(&src, &want));
    /* RS stopped after the RA. */
    cr_assert_eq(hi->rs_left, 0);
    cr_assert_gt(hrole.n_nd, 0);

    ms_node_free(h);
    ms_node_free(r);
    ms_link_free(l);
}

Test(stack_addr, slaac_ignores_bad_prefixes)
{
    struct ms_link *l = t_segment(&sim, "lan");
    struct ms_node *r = ms_node_new(&sim, "r", true);
    struct ms_node *h = ms_node_new(&sim, "h", false);
    struct ms_iface *ri = t_iface(r, l, 1);
    struct ms_iface *hi = t_iface(h, l, 2);
    struct ms_ra_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    /* preferred > valid: ignored (RFC 4862 s5.5.3 (c)). */
    cfg.prefixes[0] = (struct ms_ra_prefix){t_a("2001:db8:1::"), 64, MS_PI_F_A, 100, 200};
    /* /56 cannot form an address with a 64-bit identifier. */
    cfg.prefixes[1] = (struct ms_ra_prefix){t_a("2001:db8:2::"), 56, MS_PI_F_A, 100, 50};
    /* The link-local prefix is ignored (b). */
    cfg.prefixes[2] = (struct ms_ra_prefix){t_a("fe80::"), 64, MS_PI_F_A, 100, 50};
    /* A good one. */
    cfg.prefixes[3] = (struct ms_ra_prefix){t_a("2001:db8:3::"), 64, MS_PI_F_A, 100, 50};
    cfg.nprefixes = 4;
    cr_assert_eq(ms_ra_start(ri, &cfg), 0);
    t_run_until(&sim, T_S(10));
    uint32_t global = 0;
    for (unsigned i = 0; i < MS_IFACE_MAX_ADDRS; i++) {
        const struct ms_addr *a = &hi->addrs[i];
        if (a->state != MS_ADDR_NONE && !ms_in6_is_linklocal(&a->addr)) {
            global++;
            cr_assert(ms_in6_prefix_match(&a->addr, t_ap("2001:db8:3::"), 64));
        }
    }
    cr_assert_eq(global, 1);
    /* Preferred lifetime 50 s: deprecated afterwards, gone after 100 s. */
    struct in6_addr want = t_a("2001:db8:3::ff:fe00:2");
    ms_ra_stop(ri);
    t_run_until(&sim, T_S(70));
    struct in6_addr src;
    cr_assert_eq(ms_node_is_local(h, &want), true);
    t_run_until(&sim, T_S(200));
    cr_assert_eq(ms_node_is_local(h, &want), false);
    cr_assert_neq(ms_node_select_source(h, t_ap("2001:db8:3::1"), &src) == 0 &&
                      ms_in6_equal(&src, &want),
                  true);
    ms_node_free(h);
    ms_node_free(r);
    ms_link_free(l);
}

Test(stack_addr, dad_conflict)
{
    struct ms_link *l = t_segment(&sim, "lan");
    struct ms_node *a = ms_node_new(&sim, "a", false);
    struct ms_node *b = ms_node_new(&sim, "b", false);
    struct t_role arole, brole;
    t_role_attach(a, &arole);
    t_role_attach(b, &brole);
    struct ms_iface *ai = t_iface(a, l, 1);
    struct ms_iface *bi = t_iface(b, l, 2);
    struct in6_addr x = t_a("2001:db8::5");
    struct ms_addr *ax = ms_addr_add(ai, &x, 64, MS_ADDR_F_STATIC);
    cr_assert_not_null(ax);
    cr_assert_eq(ax->state, MS_ADDR_TENTATIVE);
    t_run_until(&sim, T_S(3));
    cr_assert_eq(ax->state, MS_ADDR_PREFERRED);

    struct ms_addr *bx = ms_addr_add(bi, &x, 64, MS_ADDR_F_STATIC);
    cr_assert_not_null(bx);
    t_run_until(&sim, T_S(6));
    cr_assert_eq(bx->state, MS_ADDR_DUPLICATE, "second node must mark it duplicate");
    cr_assert_eq(ax->state, MS_ADDR_PREFERRED, "first node keeps it");
    cr_assert_eq(brole.n_addr_dup, 1);
    cr_assert_eq(arole.n_addr_dup, 0);
    /* The duplicate is not usable. */
    cr_assert_eq(ms_node_is_local(b, &x), false);
    cr_assert_eq(ms_node_is_local(a, &x), true);
    ms_node_free(a);
    ms_node_free(b);
    ms_link_free(l);
}

Test(stack_addr, dad_simultaneous_both_duplicate)
{
    struct ms_link *l = t_segment(&sim, "lan");
    struct ms_node *a = ms_node_new(&sim, "a", false);
    struct ms_node *b = ms_node_new(&sim, "b", false);
    struct ms_iface *ai = t_iface(a, l, 1);
    struct ms_iface *bi = t_iface(b, l, 2);
    struct in6_addr x = t_a("2001:db8::5");
    struct ms_addr *ax = ms_addr_add(ai, &x, 64, 0);
    struct ms_addr *bx = ms_addr_add(bi, &x, 64, 0);
    t_run_until(&sim, T_S(3));
    /* RFC 4862 s5.4.3: each sees the other's probe. */
    cr_assert_eq(ax->state, MS_ADDR_DUPLICATE);
    cr_assert_eq(bx->state, MS_ADDR_DUPLICATE);
    ms_node_free(a);
    ms_node_free(b);
    ms_link_free(l);
}

struct probe_res {
    int calls;
    bool ok;
    int64_t at;
    struct in6_addr a;
};

static void
probe_cb(void *data, const struct in6_addr *a, bool ok)
{
    struct probe_res *r = data;
    r->calls++;
    r->ok = ok;
    r->a = *a;
    r->at = ms_sim_now(&sim);
}

Test(stack_addr, dad_probe_on_behalf_ok_after_right_time)
{
    struct ms_link *l = t_segment(&sim, "home");
    struct ms_node *ha = ms_node_new(&sim, "ha", true);
    ha->nd.dup_addr_detect_transmits = 3;
    ha->nd.retrans_timer_ns = T_MS(400);
    struct ms_iface *hi = t_iface(ha, l, 1);
    struct ms_node *other = ms_node_new(&sim, "other", false);
    t_iface(other, l, 2);
    struct t_tap tap;
    t_tap_start(&tap, &sim, l);
    t_run_until(&sim, T_S(5));
    uint32_t before = tap.n;

    struct probe_res res = {0};
    struct in6_addr hoa = t_a("2001:db8:aa::10");
    int64_t t0 = ms_sim_now(&sim);
    cr_assert_eq(ms_nd_dad_probe(hi, &hoa, probe_cb, &res), 0);
    cr_assert_eq(ms_nd_dad_probe(hi, &hoa, probe_cb, &res), -EALREADY);
    t_run_for(&sim, T_MS(1199));
    cr_assert_eq(res.calls, 0, "callback too early");
    t_run_for(&sim, T_S(2));
    cr_assert_eq(res.calls, 1);
    cr_assert(res.ok);
    cr_assert(ms_in6_equal(&res.a, &hoa));
    cr_assert_eq(res.at, t0 + 3 * T_MS(400));
    /* Three NS from :: for the home address reached the other node. */
    uint32_t ns = 0;
    for (uint32_t i = before; i < tap.n && i < T_TAP_MAX; i++)
        if (t_frame_icmp_type(&tap.f[i]) == MS_ICMP6_NS &&
            memcmp(tap.f[i].data + MS_ETH_HLEN + MS_IP6_HLEN + 8, &hoa, 16) == 0)
            ns++;
    cr_assert_eq(ns, 3);
    ms_node_free(ha);
    ms_node_free(other);
    ms_link_free(l);
}

Test(stack_addr, dad_probe_on_behalf_fails_when_in_use)
{
    struct ms_link *l = t_segment(&sim, "home");
    struct ms_node *ha = ms_node_new(&sim, "ha", true);
    struct ms_iface *hi = t_iface(ha, l, 1);
    struct ms_node *mn = ms_node_new(&sim, "mn", false);
    struct ms_iface *mi = t_iface(mn, l, 2);
    struct in6_addr hoa = t_a("2001:db8:aa::10");
    ms_addr_add(mi, &hoa, 64, 0);
    t_run_until(&sim, T_S(3));
    struct probe_res res = {0};
    int64_t t0 = ms_sim_now(&sim);
    cr_assert_eq(ms_nd_dad_probe(hi, &hoa, probe_cb, &res), 0);
    t_run_for(&sim, T_S(5));
    cr_assert_eq(res.calls, 1);
    cr_assert_not(res.ok);
    /* The owner defended at once (two link delays), long before the
     * retransmission timer. */
    cr_assert_lt(res.at - t0, T_MS(100));
    /* Cancelling an unknown probe is harmless; a cancelled probe never calls. */
    struct probe_res res2 = {0};
    cr_assert_eq(ms_nd_dad_probe(hi, t_ap("2001:db8:aa::11"), probe_cb, &res2), 0);
    ms_nd_dad_probe_cancel(hi, t_ap("2001:db8:aa::11"));
    ms_nd_dad_probe_cancel(hi, t_ap("2001:db8:aa::12"));
    t_run_for(&sim, T_S(5));
    cr_assert_eq(res2.calls, 0);
    ms_node_free(ha);
    ms_node_free(mn);
    ms_link_free(l);
}

Test(stack_addr, source_selection)
{
    struct ms_node *n = ms_node_new(&sim, "n", false);
    n->nd.dup_addr_detect_transmits = 0;
    struct ms_iface *i0 = t_iface(n, NULL, 1);
    struct ms_iface *i1 = t_iface(n, NULL, 2);
    ms_addr_add(i0, t_ap("2001:db8:1::1"), 64, 0);
    ms_addr_add(i1, t_ap("2001:db8:2::1"), 64, 0);
    struct in6_addr s;
    /* Longest matching prefix. */
    cr_assert_eq(ms_node_select_source(n, t_ap("2001:db8:2::77"), &s), 0);
    cr_assert(ms_in6_equal(&s, t_ap("2001:db8:2::1")));
    /* Scope: link-local destination, link-local source. */
    cr_assert_eq(ms_node_select_source(n, t_ap("fe80::99"), &s), 0);
    cr_assert(ms_in6_is_linklocal(&s));
    /* Home address preferred (RFC 6724 rule 4). */
    ms_addr_add(i0, t_ap("2001:db8:aa::10"), 64, MS_ADDR_F_HOME | MS_ADDR_F_NODAD);
    cr_assert_eq(ms_node_select_source(n, t_ap("2001:db8:2::77"), &s), 0);
    cr_assert(ms_in6_equal(&s, t_ap("2001:db8:aa::10")));
    /* Same address first (rule 1). */
    cr_assert_eq(ms_node_select_source(n, t_ap("2001:db8:2::1"), &s), 0);
    cr_assert(ms_in6_equal(&s, t_ap("2001:db8:2::1")));
    /* Slots are limited and addresses can be deleted. */
    ms_addr_del(i0, t_ap("2001:db8:aa::10"));
    cr_assert_null(ms_addr_find(n, t_ap("2001:db8:aa::10")));
    cr_assert_not_null(ms_addr_add(i0, t_ap("2001:db8:5::1"), 64, 0));
    cr_assert_not_null(ms_addr_add(i0, t_ap("2001:db8:6::1"), 64, 0));
    cr_assert_null(ms_addr_add(i0, t_ap("2001:db8:7::1"), 64, 0));
    /* Connected routes follow configured addresses. */
    const struct ms_route *r = ms_route_lookup(n, t_ap("2001:db8:5::9"));
    cr_assert_not_null(r);
    cr_assert_eq(r->oif, i0);
    ms_addr_del(i0, t_ap("2001:db8:5::1"));
    cr_assert_null(ms_route_lookup(n, t_ap("2001:db8:5::9")));
    ms_node_free(n);
}

Test(stack_addr, radio_down_forgets_link)
{
    struct ms_link *l = t_segment(&sim, "cell");
    struct ms_node *r = ms_node_new(&sim, "ar", true);
    struct ms_iface *ri = t_iface(r, l, 1);
    struct ms_node *mn = ms_node_new(&sim, "mn", false);
    struct ms_mac m = t_mac(2);
    struct ms_iface *radio = ms_iface_new(mn, &m, true);
    cr_assert_not(radio->up);
    struct ms_ra_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.prefixes[0] =
        (struct ms_ra_prefix){t_a("2001:db8:1::"), 64, MS_PI_F_L | MS_PI_F_A, 86400, 14400};
    cfg.nprefixes = 1;
    ms_ra_start(ri, &cfg);
    cr_assert_eq(ms_link_attach(l, radio), 0);
    ms_iface_set_up(radio, true);
    t_run_until(&sim, T_S(8));
    struct in6_addr coa = t_a("2001:db8:1::ff:fe00:2");
    cr_assert(ms_node_is_local(mn, &coa));
    cr_assert_not_null(ms_route_lookup(mn, t_ap("2001:db8:9::1")));
    ms_iface_set_up(radio, false);
    cr_assert_null(ms_addr_find(mn, &coa), "SLAAC address kept after leaving the link");
    cr_assert_null(ms_route_lookup(mn, t_ap("2001:db8:9::1")));
    cr_assert_eq(ms_nbr_count(radio), 0);
    /* The link-local address survives. */
    cr_assert_eq(radio->addrs[0].state, MS_ADDR_PREFERRED);
    ms_node_free(mn);
    ms_node_free(r);
    ms_link_free(l);
}

Test(stack_addr, link_layer_filter)
{
    struct ms_node *h = ms_node_new(&sim, "h", false);
    struct ms_iface *i = t_iface(h, NULL, 5);
    struct in6_addr a = t_a("2001:db8::12:3456");
    ms_addr_add(i, &a, 64, 0);
    struct ms_mac m;
    cr_assert(ms_iface_wants_frame(i, &i->mac));
    m = t_mac(6);
    cr_assert_not(ms_iface_wants_frame(i, &m), "another station's unicast");
    ms_mac_broadcast(&m);
    cr_assert(ms_iface_wants_frame(i, &m));
    struct in6_addr g;
    ms_in6_all_nodes(&g);
    ms_mac_from_ipv6_mcast(&g, &m);
    cr_assert(ms_iface_wants_frame(i, &m));
    ms_in6_all_routers(&g);
    ms_mac_from_ipv6_mcast(&g, &m);
    cr_assert_not(ms_iface_wants_frame(i, &m), "a host is not in all-routers");
    ms_in6_solicited_node(&a, &g);
    ms_mac_from_ipv6_mcast(&g, &m);
    cr_assert(ms_iface_wants_frame(i, &m), "solicited-node group of a tentative address");
    ms_in6_solicited_node(t_ap("2001:db8::99:9999"), &g);
    ms_mac_from_ipv6_mcast(&g, &m);
    cr_assert_not(ms_iface_wants_frame(i, &m));
    cr_assert_eq(ms_nd_proxy_add(i, t_ap("2001:db8::99:9999")), 0);
    cr_assert(ms_iface_wants_frame(i, &m), "proxied address");
    ms_node_free(h);
}
