/* Stack: Router Advertisement and Solicitation timing and contents
 * (RFC 4861 s6.2.4, s6.2.6, s6.3.4, s6.3.7; RFC 6275 s7.3-7.5), the
 * signalling report, and a node without Mobility Header support. */
#include "unit/test_stack_util.h"

#include "report/report.h"

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

TestSuite(stack_nd, .init = setup, .fini = teardown);

static void
ra_cfg_one_prefix(struct ms_ra_cfg *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->prefixes[0] =
        (struct ms_ra_prefix){t_a("2001:db8:1::"), 64, MS_PI_F_L | MS_PI_F_A, 86400, 14400};
    cfg->nprefixes = 1;
}

/* Times of the RAs delivered to `to` (at most max). */
static uint32_t
ra_times(const struct t_tap *tap, const struct ms_iface *to, int64_t *out, uint32_t max)
{
    uint32_t k = 0;
    for (uint32_t i = 0; i < tap->n && i < T_TAP_MAX && k < max; i++)
        if (tap->f[i].to == to && t_frame_icmp_type(&tap->f[i]) == MS_ICMP6_RA)
            out[k++] = tap->f[i].t_ns;
    return k;
}

Test(stack_nd, fast_periodic_ras)
{
    struct ms_link *l = t_segment(&sim, "cell");
    struct ms_node *r = ms_node_new(&sim, "ar", true);
    /* RFC 6275 s7.5: MinRtrAdvInterval 30 ms, MaxRtrAdvInterval 70 ms. */
    r->nd.min_rtr_adv_interval_ns = T_MS(30);
    r->nd.max_rtr_adv_interval_ns = T_MS(70);
    r->nd.dup_addr_detect_transmits = 0;
    struct ms_iface *ri = t_iface(r, l, 1);
    struct ms_node *h = ms_node_new(&sim, "h", false);
    struct ms_iface *hi = t_iface(h, l, 2);
    struct t_tap tap;
    t_tap_start(&tap, &sim, l);
    struct ms_ra_cfg cfg;
    ra_cfg_one_prefix(&cfg);
    cfg.adv_interval_opt = true;
    cfg.flags = MS_RA_F_H;
    cfg.ha_info_opt = true;
    cfg.ha_preference = 7;
    cfg.ha_lifetime_s = 1000;
    cr_assert_eq(ms_ra_start(ri, &cfg), 0);
    t_run_until(&sim, T_MS(1500));
    int64_t t[T_TAP_MAX];
    uint32_t k = ra_times(&tap, hi, t, T_TAP_MAX);
    cr_assert_geq(k, 20, "only %u RAs", k);
    cr_assert_eq(t[0], T_MS(1), "first RA at once (plus the link delay)");
    for (uint32_t i = 1; i < k; i++) {
        int64_t d = t[i] - t[i - 1];
        /* A solicited RA (the host's RS) may come sooner, never later. */
        cr_assert_leq(d, T_MS(70), "interval %u: %lld", i, (long long)d);
    }
    /* The contents of one of them. */
    const struct t_frame *f = NULL;
    for (uint32_t i = 0; i < tap.n; i++)
        if (tap.f[i].to == hi && t_frame_icmp_type(&tap.f[i]) == MS_ICMP6_RA)
            f = &tap.f[i];
    cr_assert_not_null(f);
    const uint8_t *ip = f->data + MS_ETH_HLEN;
    cr_assert_eq(ip[MS_IP6_OFF_HLIM], 255);
    struct ms_ip6 ip6;
    cr_assert_eq(ms_ip6_decode(ip, f->len - MS_ETH_HLEN, &ip6), 0);
    cr_assert(ms_in6_is_linklocal(&ip6.src));
    cr_assert_eq(ms_icmp6_verify_cksum(ip + 40, ip6.plen, &ip6.src, &ip6.dst), 0);
    struct ms_nd m;
    cr_assert_eq(ms_nd_decode(ip + 40, ip6.plen, &m), 0);
    cr_assert_eq(m.u.ra.flags & MS_RA_F_H, MS_RA_F_H);
    cr_assert_eq(m.u.ra.router_lifetime_s, 1800);
    cr_assert(ms_nd_opts_has(&m.opts, MS_ND_OPT_ADV_INTERVAL));
    cr_assert_eq(m.opts.adv_interval_ms, 70);
    cr_assert(ms_nd_opts_has(&m.opts, MS_ND_OPT_HA_INFO));
    cr_assert_eq(m.opts.ha_info.preference, 7);
    cr_assert_eq(m.opts.ha_info.lifetime_s, 1000);
    cr_assert(ms_nd_opts_has(&m.opts, MS_ND_OPT_SLLA));
    cr_assert(ms_mac_equal(&m.opts.slla, &ri->mac));
    cr_assert_eq(m.opts.n_pi, 1);
    ms_ra_stop(ri);
    uint32_t before = tap.n;
    t_run_until(&sim, T_S(3));
    cr_assert_eq(tap.n, before, "RAs after ms_ra_stop");
    ms_node_free(r);
    ms_node_free(h);
    ms_link_free(l);
}

Test(stack_nd, first_ra_waits_for_link_local)
{
    struct ms_link *l = t_segment(&sim, "lan");
    struct ms_node *r = ms_node_new(&sim, "r", true);
    struct ms_iface *ri = t_iface(r, l, 1);
    struct ms_node *o = ms_node_new(&sim, "o", true); /* a router: sends no RS */
    struct ms_iface *oi = t_iface(o, l, 2);
    struct ms_ra_cfg cfg;
    ra_cfg_one_prefix(&cfg);
    ms_ra_start(ri, &cfg);
    struct t_tap tap;
    t_tap_start(&tap, &sim, l);
    t_run_until(&sim, T_S(20));
    int64_t t[8];
    uint32_t k = ra_times(&tap, oi, t, 8);
    /* RFC 4861 s6.2.2: from the link-local address, so after its DAD
     * (1 s); then MAX_INITIAL_RTR_ADVERT_INTERVAL (16 s) caps the
     * randomly drawn interval (198 s .. 600 s by default). */
    cr_assert_eq(k, 2);
    cr_assert_eq(t[0], T_S(1) + T_MS(1));
    cr_assert_eq(t[1] - t[0], T_S(16));
    ms_node_free(r);
    ms_node_free(o);
    ms_link_free(l);
}

Test(stack_nd, rs_then_solicited_ra)
{
    struct ms_link *l = t_segment(&sim, "lan");
    struct ms_node *r = ms_node_new(&sim, "r", true);
    struct ms_iface *ri = t_iface(r, l, 1);
    struct ms_ra_cfg cfg;
    ra_cfg_one_prefix(&cfg);
    ms_ra_start(ri, &cfg);
    t_run_until(&sim, T_S(5));
    struct t_tap tap;
    t_tap_start(&tap, &sim, l);
    /* A host arrives at 5 s; its RS goes within MAX_RTR_SOLICITATION_DELAY. */
    struct ms_node *h = ms_node_new(&sim, "h", false);
    struct ms_iface *hi = t_iface(h, l, 2);
    t_run_until(&sim, T_S(8));
    int rs = -1, ra = -1;
    for (uint32_t i = 0; i < tap.n && i < T_TAP_MAX; i++) {
        if (rs < 0 && tap.f[i].to == ri && t_frame_icmp_type(&tap.f[i]) == MS_ICMP6_RS)
            rs = (int)i;
        if (ra < 0 && tap.f[i].to == hi && t_frame_icmp_type(&tap.f[i]) == MS_ICMP6_RA)
            ra = (int)i;
    }
    cr_assert(rs >= 0 && ra > rs);
    int64_t t_rs = tap.f[rs].t_ns;
    cr_assert_leq(t_rs, T_S(6) + T_MS(1));
    /* The RS came from :: (the host's link-local was still tentative). */
    struct in6_addr src;
    memcpy(&src, tap.f[rs].data + MS_ETH_HLEN + MS_IP6_OFF_SRC, 16);
    cr_assert(ms_in6_is_unspecified(&src));
    /* RFC 4861 s6.2.6: within MAX_RA_DELAY_TIME (+ the link delay). */
    int64_t d = tap.f[ra].t_ns - t_rs;
    cr_assert_leq(d, T_MS(501), "solicited RA after %lld ns", (long long)d);
    cr_assert_eq(hi->rs_left, 0);
    /* A second solicitation right after is answered no sooner than
     * MIN_DELAY_BETWEEN_RAS (3 s) after that RA. */
    int64_t t_last_ra = tap.f[ra].t_ns - T_MS(1);
    uint32_t mark = tap.n;
    ms_rs_start(hi, true);
    t_run_for(&sim, T_S(10));
    int ra2 = -1;
    for (uint32_t i = mark; i < tap.n && i < T_TAP_MAX; i++)
        if (ra2 < 0 && tap.f[i].to == hi && t_frame_icmp_type(&tap.f[i]) == MS_ICMP6_RA)
            ra2 = (int)i;
    cr_assert_geq(ra2, 0);
    cr_assert_geq(tap.f[ra2].t_ns - T_MS(1), t_last_ra + T_S(3));
    ms_node_free(r);
    ms_node_free(h);
    ms_link_free(l);
}

Test(stack_nd, rs_retransmissions_without_router)
{
    struct ms_link *l = t_segment(&sim, "lan");
    struct ms_node *h = ms_node_new(&sim, "h", false);
    struct ms_node *o = ms_node_new(&sim, "o", false);
    struct ms_iface *oi = t_iface(o, l, 9);
    struct t_tap tap;
    t_tap_start(&tap, &sim, l);
    struct ms_iface *hi = t_iface(h, l, 2);
    (void)hi;
    t_run_until(&sim, T_S(30));
    int64_t t[8];
    uint32_t k = 0;
    for (uint32_t i = 0; i < tap.n && i < T_TAP_MAX; i++)
        if (tap.f[i].to == oi && t_frame_icmp_type(&tap.f[i]) == MS_ICMP6_RS) {
            /* o's own RSs do not reach o. */
            cr_assert_lt(k, 8);
            t[k++] = tap.f[i].t_ns;
        }
    /* MAX_RTR_SOLICITATIONS (3), RTR_SOLICITATION_INTERVAL (4 s) apart. */
    cr_assert_eq(k, 3);
    cr_assert_eq(t[1] - t[0], T_S(4));
    cr_assert_eq(t[2] - t[1], T_S(4));
    cr_assert_leq(t[0], T_S(1) + T_MS(1));
    ms_node_free(h);
    ms_node_free(o);
    ms_link_free(l);
}

Test(stack_nd, ra_mtu_lifetime_and_extra_options)
{
    struct ms_link *l = t_segment(&sim, "lan");
    struct ms_node *r = ms_node_new(&sim, "r", true);
    r->nd.router_lifetime_s = 0; /* not a default router */
    struct ms_iface *ri = t_iface(r, l, 1);
    ri->mtu = 1400;
    struct ms_node *h = ms_node_new(&sim, "h", false);
    struct ms_iface *hi = t_iface(h, l, 2);
    struct t_role hrole;
    t_role_attach(h, &hrole);
    struct t_tap tap;
    t_tap_start(&tap, &sim, l);
    struct ms_ra_cfg cfg;
    ra_cfg_one_prefix(&cfg);
    cfg.mtu_opt = true;
    /* An option of a type the codec does not know, verbatim. */
    uint8_t extra[8] = {200, 1, 0xde, 0xad, 0xbe, 0xef, 0, 0};
    memcpy(cfg.extra_opts, extra, sizeof extra);
    cfg.extra_len = sizeof extra;
    ms_ra_start(ri, &cfg);
    t_run_until(&sim, T_S(5));
    cr_assert_eq(hi->mtu, 1400);
    cr_assert_eq(ms_iface_mtu(hi), 1400);
    cr_assert_null(ms_route_lookup(h, t_ap("2001:db8:9::1")), "lifetime 0: no default route");
    cr_assert_not_null(ms_route_lookup(h, t_ap("2001:db8:1::9")));
    cr_assert_not_null(ms_addr_find(h, t_ap("2001:db8:1::ff:fe00:2")));
    const struct t_frame *f = NULL;
    for (uint32_t i = 0; i < tap.n && i < T_TAP_MAX; i++)
        if (tap.f[i].to == hi && t_frame_icmp_type(&tap.f[i]) == MS_ICMP6_RA)
            f = &tap.f[i];
    cr_assert_not_null(f);
    struct ms_ip6 ip6;
    cr_assert_eq(ms_ip6_decode(f->data + MS_ETH_HLEN, f->len - MS_ETH_HLEN, &ip6), 0);
    const uint8_t *icmp = f->data + MS_ETH_HLEN + MS_IP6_HLEN;
    cr_assert_eq(ms_icmp6_verify_cksum(icmp, ip6.plen, &ip6.src, &ip6.dst), 0);
    struct ms_nd m;
    cr_assert_eq(ms_nd_decode(icmp, ip6.plen, &m), 0);
    cr_assert_eq(m.opts.mtu, 1400);
    cr_assert_eq(m.opts.n_raw, 1);
    cr_assert_eq(m.opts.raw[0].type, 200);
    cr_assert_eq(m.opts.raw[0].data[0], 0xde);
    ms_node_free(r);
    ms_node_free(h);
    ms_link_free(l);
}

Test(stack_nd, report_counts_what_the_node_sends)
{
    struct ms_report rep;
    ms_report_init(&rep, 42);
    sim.report = &rep;
    struct ms_link *l1 = t_segment(&sim, "l1");
    struct ms_link *l2 = t_segment(&sim, "l2");
    struct ms_node *a = ms_node_new(&sim, "a", false);
    struct ms_node *r = ms_node_new(&sim, "r", true);
    struct ms_node *b = ms_node_new(&sim, "b", false);
    a->nd.dup_addr_detect_transmits = r->nd.dup_addr_detect_transmits =
        b->nd.dup_addr_detect_transmits = 0;
    a->nd.max_rtr_solicitations = b->nd.max_rtr_solicitations = 0;
    struct ms_iface *ai = t_iface(a, l1, 1);
    struct ms_iface *r1 = t_iface(r, l1, 2);
    struct ms_iface *r2 = t_iface(r, l2, 3);
    struct ms_iface *bi = t_iface(b, l2, 4);
    ms_addr_add(ai, t_ap("2001:db8:1::a"), 64, 0);
    ms_addr_add(r1, t_ap("2001:db8:1::1"), 64, 0);
    ms_addr_add(r2, t_ap("2001:db8:2::1"), 64, 0);
    ms_addr_add(bi, t_ap("2001:db8:2::b"), 64, 0);
    ms_route_add(a, t_ap("::"), 0, ai, t_ap("2001:db8:1::1"), 0);
    ms_route_add(b, t_ap("::"), 0, bi, t_ap("2001:db8:2::1"), 0);
    cr_assert_eq(ms_icmp6_echo_send(a, NULL, t_ap("2001:db8:2::b"), 1, 1, 8, 0, 0), 0);
    t_run_until(&sim, T_S(1));
    /* One request and one reply: the router forwarded both and counted
     * neither. */
    cr_assert_eq(rep.icmp6[MS_ICMP6_ECHO_REQUEST].count, 1);
    cr_assert_eq(rep.icmp6[MS_ICMP6_ECHO_REPLY].count, 1);
    cr_assert_eq(rep.icmp6[MS_ICMP6_ECHO_REQUEST].bytes, 40 + 16);
    /* Address resolution a->r and r->b; the way back needs none: the
     * solicitations taught r and b the link-layer addresses (STALE). */
    cr_assert_eq(rep.icmp6[MS_ICMP6_NS].count, 2);
    cr_assert_eq(rep.icmp6[MS_ICMP6_NA].count, 2);
    /* A Binding Error: b answers an unknown MH type from a, once a role
     * makes b a Mobile IPv6 node. */
    struct t_role brole;
    t_role_attach(b, &brole);
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_BRR);
    uint8_t buf[64];
    int len = ms_mh_encode(&m, t_ap("2001:db8:1::a"), t_ap("2001:db8:2::b"), buf, sizeof buf);
    cr_assert_gt(len, 0);
    buf[2] = 201;
    ms_mh_fix_cksum(buf, (size_t)len, t_ap("2001:db8:1::a"), t_ap("2001:db8:2::b"));
    struct ms_pkt *pkt = ms_pkt_new(&sim.pool);
    memcpy(ms_pkt_put(pkt, (uint32_t)len), buf, (size_t)len);
    cr_assert_eq(
        ms_ip6_send(a, pkt, t_ap("2001:db8:1::a"), t_ap("2001:db8:2::b"), MS_IPPROTO_MH, 0, 0), 0);
    t_run_until(&sim, T_S(2));
    cr_assert_eq(rep.mh[201].count, 1);
    cr_assert_eq(rep.mh[MS_MH_BE].count, 1);
    cr_assert_eq(brole.n_mh, 1);
    sim.report = NULL;
    ms_report_fini(&rep);
    ms_node_free(a);
    ms_node_free(r);
    ms_node_free(b);
    ms_link_free(l1);
    ms_link_free(l2);
}

Test(stack_nd, plain_node_rejects_mobility_header)
{
    /* RFC 6275 s11.3.5: a node that does not recognize the Mobility Header
     * returns Parameter Problem, code 1, at the Next Header field. */
    struct ms_link *l = t_segment(&sim, "lan");
    struct ms_node *p = ms_node_new(&sim, "plain", false);
    struct ms_node *m = ms_node_new(&sim, "mn", false);
    p->nd.dup_addr_detect_transmits = m->nd.dup_addr_detect_transmits = 0;
    struct t_role mrole;
    t_role_attach(m, &mrole);
    struct ms_iface *pi = t_iface(p, l, 1);
    struct ms_iface *mi = t_iface(m, l, 2);
    ms_addr_add(pi, t_ap("2001:db8::1"), 64, 0);
    ms_addr_add(mi, t_ap("2001:db8::2"), 64, 0);
    struct ms_mh bu;
    ms_mh_init(&bu, MS_MH_BU);
    bu.u.bu.lifetime_s = 100;
    uint8_t buf[64];
    int len = ms_mh_encode(&bu, t_ap("2001:db8::2"), t_ap("2001:db8::1"), buf, sizeof buf);
    struct ms_pkt *pkt = ms_pkt_new(&sim.pool);
    memcpy(ms_pkt_put(pkt, (uint32_t)len), buf, (size_t)len);
    ms_ip6_send(m, pkt, NULL, t_ap("2001:db8::1"), MS_IPPROTO_MH, 0, 0);
    t_run_until(&sim, T_S(1));
    cr_assert_eq(mrole.n_icmp, 1);
    cr_assert_eq(mrole.icmp[0].type, MS_ICMP6_PARAM_PROB);
    cr_assert_eq(mrole.icmp[0].code, MS_ICMP6_PARAMPROB_NEXT_HEADER);
    cr_assert_eq(mrole.icmp[0].param, MS_IP6_OFF_NH);
    cr_assert_eq(ms_node_drops(p, MS_EUNKNOWN_NH), 1);
    ms_node_free(p);
    ms_node_free(m);
    ms_link_free(l);
}
