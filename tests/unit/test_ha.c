/* Home agent role (mipsim/role/ha.c, bcache.c) on the virtual clock.
 * Topology and helpers: hacn_fixture.h.  Binding Updates are built byte by
 * byte with the wire codecs at a fake mobile node; assertions read the
 * frames as they were on the wire. */
#include "hacn_fixture.h"

#define T0 fx_ms(2000)
#define HA_F (MS_BU_F_A | MS_BU_F_H)

static struct fx F;

static void
setup_default(void)
{
    fx_setup(&F, NULL, false, NULL);
}

static void
teardown(void)
{
    fx_teardown(&F);
}

/* A completed registration (BU, DAD, BA). */
static void
register_hoa(const struct in6_addr *hoa, uint16_t seq, uint32_t lifetime_s)
{
    fx_send_home_bu(&F, hoa, &F.coa, seq, HA_F, lifetime_s);
    fx_run_for(&F, fx_ms(1500));
    struct ms_mh ba;
    struct fx_pkt pk;
    cr_assert(fx_last_ba(&F, &ba, &pk), "no BA");
    cr_assert_eq(ba.u.ba.status, MS_BA_ACCEPTED, "status %u", ba.u.ba.status);
}

static void
expect_ba(uint8_t status, uint16_t seq)
{
    struct ms_mh ba;
    struct fx_pkt pk;
    cr_assert(fx_last_ba(&F, &ba, &pk), "no BA");
    cr_assert_eq(ba.u.ba.status, status, "status %u, expected %u", ba.u.ba.status, status);
    cr_assert_eq(ba.u.ba.seq, seq, "seq %u, expected %u", ba.u.ba.seq, seq);
}

/* ---- registration ---- */

Test(ha, registration_after_dad, .init = setup_default, .fini = teardown)
{
    fx_send_home_bu(&F, &F.hoa, &F.coa, 10, HA_F, 420);
    /* DAD takes dup_addr_detect_transmits (1) x RetransTimer (1 s): nothing
     * is answered before. */
    fx_run_until(&F, T0 + fx_ms(900));
    cr_assert_eq(fx_count(&F, F.mn_if, MS_MH_BA), 0, "BA before DAD completed");
    struct ms_bc_view v;
    cr_assert_eq(ms_ha_binding_count(F.har), 1);
    cr_assert_eq(ms_ha_binding_get(F.har, 0, &v), 0);
    cr_assert_eq(v.state, MS_BC_PENDING_DAD);
    /* The probe is a real DAD Neighbor Solicitation on the home link. */
    int ns = fx_find_last(&F, F.home_if, 1000 + MS_ICMP6_NS);
    cr_assert_geq(ns, 0, "no DAD NS on the home link");
    struct fx_pkt pns;
    cr_assert(fx_parse(&F, (uint32_t)ns, &pns));
    cr_assert(ms_in6_is_unspecified(&pns.ip6.src), "DAD NS comes from ::");
    struct ms_nd nd;
    cr_assert_eq(ms_nd_decode(pns.l4, pns.l4_len, &nd), 0);
    cr_assert(ms_in6_equal(&nd.u.ns.target, &F.hoa));

    fx_run_until(&F, T0 + fx_ms(1200));
    struct ms_mh ba;
    struct fx_pkt pk;
    cr_assert(fx_last_ba(&F, &ba, &pk), "no BA after DAD");
    cr_assert_geq(pk.fr->t_ns - T0, F.ha->nd.retrans_timer_ns, "BA before the DAD time");
    cr_assert_eq(ba.u.ba.status, MS_BA_ACCEPTED);
    cr_assert_eq(ba.u.ba.seq, 10);
    cr_assert_eq(ba.u.ba.lifetime_s, 420);
    /* RFC 6275 s6.4 / s9.5.4: to the CoA, with a Type 2 Routing Header
     * holding the home address. */
    cr_assert(ms_in6_equal(&pk.ip6.dst, &F.coa));
    cr_assert(ms_in6_equal(&pk.ip6.src, &F.ha_addr));
    cr_assert(pk.ext.present & MS_EXT_F_RH2);
    cr_assert(ms_in6_equal(&pk.ext.rh2_addr, &F.hoa));
    cr_assert_eq(pk.ext.rh2_segs_left, 1);
    cr_assert_eq(F.sniff->mh_count[MS_MH_BA], 1, "the MN's stack delivered the BA");

    cr_assert_eq(ms_ha_binding_find(F.har, &F.hoa, &v), 0);
    cr_assert(ms_in6_equal(&v.hoa, &F.hoa));
    cr_assert(ms_in6_equal(&v.coa, &F.coa));
    cr_assert_eq(v.seq, 10);
    cr_assert_eq(v.lifetime_s, 420);
    cr_assert_eq(v.state, MS_BC_BOUND);
    cr_assert(v.home_reg);
    cr_assert_gt(v.remaining_ns, fx_ms(419000));
    cr_assert_leq(v.remaining_ns, fx_ms(420000));
    const struct ms_ha_counters *c = ms_ha_counters(F.har);
    cr_assert_eq(c->bu_rx, 1);
    cr_assert_eq(c->ba_tx[MS_BA_ACCEPTED], 1);
    cr_assert_eq(c->dad_started, 1);

    /* s10.4.1: proxy ND, announced with an unsolicited NA (O flag) to
     * all-nodes on the home link. */
    cr_assert(ms__iface_is_proxy(F.ha_home, &F.hoa));
    int na = fx_find_last(&F, F.home_if, 1000 + MS_ICMP6_NA);
    cr_assert_geq(na, 0, "no proxy NA");
    struct fx_pkt pna;
    cr_assert(fx_parse(&F, (uint32_t)na, &pna));
    cr_assert_eq(ms_nd_decode(pna.l4, pna.l4_len, &nd), 0);
    cr_assert(ms_in6_equal(&nd.u.na.target, &F.hoa));
    cr_assert(nd.u.na.flags & MS_NA_F_O);
    cr_assert_not(nd.u.na.flags & (MS_NA_F_R | MS_NA_F_S));
}

Test(ha, refresh_no_second_dad, .init = setup_default, .fini = teardown)
{
    register_hoa(&F.hoa, 1, 420);
    /* A refresh from a new care-of address: no DAD, answered at once. */
    int64_t t = ms_sim_now(&F.sim);
    fx_send_home_bu(&F, &F.hoa, &F.coa2, 2, HA_F, 200);
    fx_run_for(&F, fx_ms(50));
    struct ms_mh ba;
    struct fx_pkt pk;
    cr_assert(fx_last_ba(&F, &ba, &pk));
    cr_assert_eq(ba.u.ba.seq, 2);
    cr_assert_eq(ba.u.ba.lifetime_s, 200);
    cr_assert_lt(pk.fr->t_ns - t, fx_ms(50));
    cr_assert(ms_in6_equal(&pk.ip6.dst, &F.coa2));
    struct ms_bc_view v;
    cr_assert_eq(ms_ha_binding_find(F.har, &F.hoa, &v), 0);
    cr_assert(ms_in6_equal(&v.coa, &F.coa2));
    cr_assert_eq(ms_ha_counters(F.har)->dad_started, 1);
}

Test(ha, no_dad_when_disabled)
{
    struct ms_ha_cfg c;
    ms_ha_cfg_default(&c);
    c.dad = false;
    fx_setup(&F, &c, false, NULL);
    fx_send_home_bu(&F, &F.hoa, &F.coa, 1, HA_F, 420);
    fx_run_for(&F, fx_ms(50));
    expect_ba(MS_BA_ACCEPTED, 1);
    cr_assert_eq(ms_ha_counters(F.har)->dad_started, 0);
    fx_teardown(&F);
}

Test(ha, lifetime_capped)
{
    struct ms_ha_cfg c;
    ms_ha_cfg_default(&c);
    c.max_binding_lifetime_s = 102; /* not a multiple of 4: 100 granted */
    fx_setup(&F, &c, false, NULL);
    fx_send_home_bu(&F, &F.hoa, &F.coa, 1, HA_F, 420);
    fx_run_for(&F, fx_ms(1500));
    struct ms_mh ba;
    struct fx_pkt pk;
    cr_assert(fx_last_ba(&F, &ba, &pk));
    cr_assert_eq(ba.u.ba.status, MS_BA_ACCEPTED);
    cr_assert_eq(ba.u.ba.lifetime_s, 100);
    struct ms_bc_view v;
    cr_assert_eq(ms_ha_binding_find(F.har, &F.hoa, &v), 0);
    cr_assert_eq(v.lifetime_s, 100);
    fx_teardown(&F);
}

Test(ha, lifetime_capped_by_prefix)
{
    /* s10.3.1: never beyond the prefix's valid lifetime; status 1 when the
     * prefix becomes invalid at the end of the binding. */
    struct ms_ha_cfg c;
    ms_ha_cfg_default(&c);
    c.nprefixes = 1;
    c.prefixes[0].prefix = fx_a("2001:db8:1::");
    c.prefixes[0].plen = 64;
    c.prefixes[0].valid_s = 60;
    c.prefixes[0].preferred_s = 30;
    fx_setup(&F, &c, false, NULL);
    fx_send_home_bu(&F, &F.hoa, &F.coa, 1, HA_F, 420);
    fx_run_for(&F, fx_ms(1500));
    struct ms_mh ba;
    struct fx_pkt pk;
    cr_assert(fx_last_ba(&F, &ba, &pk));
    cr_assert_eq(ba.u.ba.status, MS_BA_ACCEPTED_PREFIX_DISC);
    cr_assert_eq(ba.u.ba.lifetime_s, 60);
    fx_teardown(&F);
}

Test(ha, binding_refresh_advice)
{
    struct ms_ha_cfg c;
    ms_ha_cfg_default(&c);
    c.bra_percent = 50;
    fx_setup(&F, &c, false, NULL);
    fx_send_home_bu(&F, &F.hoa, &F.coa, 1, HA_F, 400);
    fx_run_for(&F, fx_ms(1500));
    struct ms_mh ba;
    struct fx_pkt pk;
    cr_assert(fx_last_ba(&F, &ba, &pk));
    cr_assert(ba.opts.present & MS_MH_OPTS_BRA);
    cr_assert_eq(ba.opts.refresh_s, 200);
    fx_teardown(&F);
}

/* ---- rejections ---- */

Test(ha, not_home_subnet_132, .init = setup_default, .fini = teardown)
{
    struct in6_addr foreign = fx_a("2001:db8:9::100");
    fx_send_home_bu(&F, &foreign, &F.coa, 7, HA_F, 420);
    fx_run_for(&F, fx_ms(100));
    expect_ba(MS_BA_NOT_HOME_SUBNET, 7);
    cr_assert_eq(ms_ha_binding_count(F.har), 0);
    cr_assert_eq(ms_ha_counters(F.har)->ba_tx[MS_BA_NOT_HOME_SUBNET], 1);
}

Test(ha, not_ha_for_mn_133)
{
    struct ms_ha_cfg c;
    ms_ha_cfg_default(&c);
    c.allowed[0] = fx_a("2001:db8:1::200");
    c.nallowed = 1;
    fx_setup(&F, &c, false, NULL);
    fx_send_home_bu(&F, &F.hoa, &F.coa, 3, HA_F, 420);
    fx_run_for(&F, fx_ms(100));
    expect_ba(MS_BA_NOT_HA_FOR_MN, 3);
    cr_assert_eq(ms_ha_binding_count(F.har), 0);
    fx_teardown(&F);
}

Test(ha, deregistration_without_binding_133, .init = setup_default, .fini = teardown)
{
    fx_send_home_bu(&F, &F.hoa, &F.coa, 4, HA_F, 0);
    fx_run_for(&F, fx_ms(100));
    expect_ba(MS_BA_NOT_HA_FOR_MN, 4);
}

Test(ha, seq_out_of_window_135, .init = setup_default, .fini = teardown)
{
    register_hoa(&F.hoa, 10, 420);
    /* Equal and older: 135 carrying the last accepted number. */
    fx_send_home_bu(&F, &F.hoa, &F.coa, 10, HA_F, 420);
    fx_run_for(&F, fx_ms(50));
    expect_ba(MS_BA_SEQ_OUT_OF_WINDOW, 10);
    fx_send_home_bu(&F, &F.hoa, &F.coa, 9, HA_F, 420);
    fx_run_for(&F, fx_ms(50));
    expect_ba(MS_BA_SEQ_OUT_OF_WINDOW, 10);
    /* RFC 6275 s9.5.1: 10 + 32768 lies in "the last received number and
     * the preceding 32768 values" modulo 2^16: not greater. */
    fx_send_home_bu(&F, &F.hoa, &F.coa, (uint16_t)(10 + 32768), HA_F, 420);
    fx_run_for(&F, fx_ms(50));
    expect_ba(MS_BA_SEQ_OUT_OF_WINDOW, 10);
    struct ms_bc_view v;
    cr_assert_eq(ms_ha_binding_find(F.har, &F.hoa, &v), 0);
    cr_assert_eq(v.seq, 10, "a rejected BU changes nothing");
    /* 10 + 32767 is greater. */
    fx_send_home_bu(&F, &F.hoa, &F.coa, (uint16_t)(10 + 32767), HA_F, 420);
    fx_run_for(&F, fx_ms(50));
    expect_ba(MS_BA_ACCEPTED, (uint16_t)(10 + 32767));
    cr_assert_eq(ms_ha_counters(F.har)->ba_tx[MS_BA_SEQ_OUT_OF_WINDOW], 3);
}

Test(ha, seq_wraps_around, .init = setup_default, .fini = teardown)
{
    register_hoa(&F.hoa, 65535, 420);
    fx_send_home_bu(&F, &F.hoa, &F.coa, 0, HA_F, 420);
    fx_run_for(&F, fx_ms(50));
    expect_ba(MS_BA_ACCEPTED, 0);
}

Test(ha, seq_window_config)
{
    struct ms_ha_cfg c;
    ms_ha_cfg_default(&c);
    c.seq_window = 16;
    fx_setup(&F, &c, false, NULL);
    register_hoa(&F.hoa, 100, 420);
    fx_send_home_bu(&F, &F.hoa, &F.coa, 117, HA_F, 420);
    fx_run_for(&F, fx_ms(50));
    expect_ba(MS_BA_SEQ_OUT_OF_WINDOW, 100);
    fx_send_home_bu(&F, &F.hoa, &F.coa, 116, HA_F, 420);
    fx_run_for(&F, fx_ms(50));
    expect_ba(MS_BA_ACCEPTED, 116);
    fx_teardown(&F);
}

Test(ha, reg_type_change_139, .init = setup_default, .fini = teardown)
{
    register_hoa(&F.hoa, 1, 420);
    /* A correspondent registration (no H) for a home-registered address. */
    fx_send_home_bu(&F, &F.hoa, &F.coa, 2, MS_BU_F_A, 420);
    fx_run_for(&F, fx_ms(50));
    expect_ba(MS_BA_REG_TYPE_CHANGE, 2);
    struct ms_bc_view v;
    cr_assert_eq(ms_ha_binding_find(F.har, &F.hoa, &v), 0);
    cr_assert(v.home_reg, "the home registration flag MUST NOT be changed");
    cr_assert_eq(v.seq, 1);
}

Test(ha, insufficient_resources_130)
{
    struct ms_ha_cfg c;
    ms_ha_cfg_default(&c);
    c.max_bindings = 1;
    fx_setup(&F, &c, false, NULL);
    register_hoa(&F.hoa, 1, 420);
    struct in6_addr hoa2 = fx_a("2001:db8:1::101");
    fx_send_home_bu(&F, &hoa2, &F.coa, 1, HA_F, 420);
    fx_run_for(&F, fx_ms(1500));
    expect_ba(MS_BA_INSUFFICIENT_RESOURCES, 1);
    cr_assert_eq(ms_ha_binding_count(F.har), 1);
    fx_teardown(&F);
}

Test(ha, dad_failed_134, .init = setup_default, .fini = teardown)
{
    /* Another node on the home link owns the address. */
    fx_send_home_bu(&F, &F.home_addr, &F.coa, 5, HA_F, 420);
    fx_run_for(&F, fx_ms(300));
    cr_assert_eq(fx_count(&F, F.mn_if, MS_MH_BA), 1);
    expect_ba(MS_BA_DAD_FAILED, 5);
    cr_assert_eq(ms_ha_binding_count(F.har), 0);
    cr_assert_not(ms__iface_is_proxy(F.ha_home, &F.home_addr));
    cr_assert_eq(ms_ha_counters(F.har)->dad_failed, 1);
}

Test(ha, nonce_indices_with_h_dropped, .init = setup_default, .fini = teardown)
{
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_BU);
    m.u.bu.seq = 1;
    m.u.bu.flags = HA_F;
    m.u.bu.lifetime_s = 420;
    m.opts.present = MS_MH_OPTS_NONCE;
    fx_send_mh(&F, &m, &F.coa, &F.ha_addr, &F.hoa);
    fx_run_for(&F, fx_ms(1500));
    cr_assert_eq(fx_count(&F, F.mn_if, MS_MH_BA), 0, "silently discarded (s9.5.1)");
    cr_assert_eq(ms_ha_counters(F.har)->bu_dropped, 1);
}

/* ---- deregistration and expiry ---- */

Test(ha, deregistration, .init = setup_default, .fini = teardown)
{
    register_hoa(&F.hoa, 1, 420);
    cr_assert(ms__iface_is_proxy(F.ha_home, &F.hoa));
    fx_send_home_bu(&F, &F.hoa, &F.coa, 2, HA_F, 0);
    fx_run_for(&F, fx_ms(50));
    struct ms_mh ba;
    struct fx_pkt pk;
    cr_assert(fx_last_ba(&F, &ba, &pk));
    cr_assert_eq(ba.u.ba.status, MS_BA_ACCEPTED);
    cr_assert_eq(ba.u.ba.seq, 2);
    cr_assert_eq(ba.u.ba.lifetime_s, 0);
    cr_assert_eq(ms_ha_binding_count(F.har), 0);
    cr_assert_not(ms__iface_is_proxy(F.ha_home, &F.hoa), "proxy ND stopped (s10.3.2)");
    cr_assert_eq(ms_ha_counters(F.har)->deregistered, 1);
}

Test(ha, deregistration_coa_equals_hoa, .init = setup_default, .fini = teardown)
{
    register_hoa(&F.hoa, 1, 420);
    /* CoA == HoA (Alternate CoA option) with a non-zero lifetime. */
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_BU);
    m.u.bu.seq = 2;
    m.u.bu.flags = HA_F;
    m.u.bu.lifetime_s = 420;
    m.opts.present = MS_MH_OPTS_ALT_COA;
    m.opts.alt_coa = F.hoa;
    fx_send_mh(&F, &m, &F.coa, &F.ha_addr, &F.hoa);
    fx_run_for(&F, fx_ms(50));
    expect_ba(MS_BA_ACCEPTED, 2);
    cr_assert_eq(ms_ha_binding_count(F.har), 0);
}

Test(ha, expiry, .init = setup_default, .fini = teardown)
{
    register_hoa(&F.hoa, 1, 8);
    cr_assert_eq(ms_ha_binding_count(F.har), 1);
    fx_run_for(&F, fx_ms(5000));
    cr_assert_eq(ms_ha_binding_count(F.har), 1);
    fx_run_for(&F, fx_ms(4000));
    cr_assert_eq(ms_ha_binding_count(F.har), 0);
    cr_assert_not(ms__iface_is_proxy(F.ha_home, &F.hoa));
    cr_assert_eq(ms_ha_counters(F.har)->expired, 1);
}

/* ---- data plane ---- */

struct udp_rx {
    int n;
    struct in6_addr src, dst;
    uint16_t sport;
    size_t len;
    uint8_t data[64];
};

static void
udp_cb(struct ms_udp_sock *s, struct ms_pkt *pkt, const struct in6_addr *src,
       const struct in6_addr *dst, uint16_t sport, const uint8_t *payload, size_t len)
{
    (void)pkt;
    struct udp_rx *r = s->data;
    r->n++;
    r->src = *src;
    r->dst = *dst;
    r->sport = sport;
    r->len = len;
    memcpy(r->data, payload, len < sizeof r->data ? len : sizeof r->data);
}

Test(ha, tunnels_packets_for_hoa, .init = setup_default, .fini = teardown)
{
    register_hoa(&F.hoa, 1, 420);
    struct udp_rx rx = {0};
    cr_assert_not_null(ms_udp_bind(F.mn, 7000, udp_cb, &rx));
    static const uint8_t msg[] = "to the home address";
    F.nframes = 0;
    cr_assert_eq(ms_udp_send(F.cn, &F.cn_addr, &F.hoa, 6000, 7000, msg, sizeof msg, 0, 0), 0);
    fx_run_for(&F, fx_ms(100));
    cr_assert_eq(rx.n, 1, "the MN got the packet");
    cr_assert(ms_in6_equal(&rx.src, &F.cn_addr));
    cr_assert(ms_in6_equal(&rx.dst, &F.hoa));
    cr_assert_arr_eq(rx.data, msg, sizeof msg);
    cr_assert_eq(ms_ha_counters(F.har)->tunnelled, 1);
    /* On the foreign link: IPv6-in-IPv6 from the HA to the CoA (RFC 2473,
     * s10.4.2), the inner packet intact. */
    int i = -1;
    for (int k = (int)F.nframes - 1; k >= 0 && i < 0; k--) {
        struct fx_pkt p;
        if (F.frames[k].to == F.mn_if && fx_parse(&F, (uint32_t)k, &p) &&
            p.ext.upper == MS_IPPROTO_IPV6)
            i = k;
    }
    cr_assert_geq(i, 0, "no tunnelled frame at the MN");
    struct fx_pkt p;
    fx_parse(&F, (uint32_t)i, &p);
    cr_assert(ms_in6_equal(&p.ip6.src, &F.ha_addr));
    cr_assert(ms_in6_equal(&p.ip6.dst, &F.coa));
    struct ms_ip6 in;
    cr_assert_eq(ms_ip6_decode(p.l4, p.l4_len, &in), 0);
    cr_assert(ms_in6_equal(&in.src, &F.cn_addr));
    cr_assert(ms_in6_equal(&in.dst, &F.hoa));
    cr_assert_eq(in.nh, MS_IPPROTO_UDP);
    cr_assert_eq(in.hlim, F.cn->nd.cur_hop_limit - 1, "RFC 2473 s3.1: decremented once");
    cr_assert_eq(ms_udp_verify(&in.src, &in.dst, p.l4 + MS_IP6_HLEN, in.plen), 0);
}

Test(ha, intercepts_on_home_link, .init = setup_default, .fini = teardown)
{
    register_hoa(&F.hoa, 1, 420);
    struct udp_rx rx = {0};
    cr_assert_not_null(ms_udp_bind(F.mn, 7000, udp_cb, &rx));
    /* A neighbour on the home link resolves the HoA through the proxy NA and
     * sends to the home agent's MAC. */
    cr_assert_eq(ms_udp_send(F.home, &F.home_addr, &F.hoa, 6000, 7000, NULL, 10, 0, 0), 0);
    fx_run_for(&F, fx_ms(3000));
    cr_assert_eq(rx.n, 1);
    cr_assert(ms_in6_equal(&rx.src, &F.home_addr));
    cr_assert_eq(ms_ha_counters(F.har)->tunnelled, 1);
}

Test(ha, no_interception_without_binding, .init = setup_default, .fini = teardown)
{
    register_hoa(&F.hoa, 1, 420);
    fx_send_home_bu(&F, &F.hoa, &F.coa, 2, HA_F, 0);
    fx_run_for(&F, fx_ms(50));
    struct udp_rx rx = {0};
    cr_assert_not_null(ms_udp_bind(F.mn, 7000, udp_cb, &rx));
    ms_udp_send(F.cn, &F.cn_addr, &F.hoa, 6000, 7000, NULL, 10, 0, 0);
    fx_run_for(&F, fx_ms(5000));
    cr_assert_eq(rx.n, 0);
    cr_assert_eq(ms_ha_counters(F.har)->tunnelled, 0);
}

static size_t
build_udp(uint8_t *buf, const struct in6_addr *src, const struct in6_addr *dst, const void *data,
          size_t len)
{
    struct ms_udp u = {.sport = 7000, .dport = 6000};
    uint8_t udp[128];
    int n = ms_udp_encode(&u, src, dst, data, len, udp, sizeof udp);
    cr_assert_gt(n, 0);
    return fx_build_ip6(buf, src, dst, MS_IPPROTO_UDP, udp, (size_t)n);
}

Test(ha, reverse_tunnel, .init = setup_default, .fini = teardown)
{
    register_hoa(&F.hoa, 1, 420);
    struct udp_rx rx = {0};
    cr_assert_not_null(ms_udp_bind(F.cn, 6000, udp_cb, &rx));
    uint8_t pkt[256];
    size_t n = build_udp(pkt, &F.hoa, &F.cn_addr, "up", 2);
    fx_send_tunnelled(&F, &F.coa, &F.ha_addr, pkt, n);
    fx_run_for(&F, fx_ms(100));
    cr_assert_eq(rx.n, 1, "decapsulated and forwarded");
    cr_assert(ms_in6_equal(&rx.src, &F.hoa));
    cr_assert_eq(ms_ha_counters(F.har)->decapsulated, 1);

    /* s10.4.5: from an address that is not the registered CoA: dropped. */
    fx_send_tunnelled(&F, &F.coa2, &F.ha_addr, pkt, n);
    fx_run_for(&F, fx_ms(100));
    cr_assert_eq(rx.n, 1);
    cr_assert_eq(ms_ha_counters(F.har)->tunnel_rejected, 1);
}

/* ---- RA, DHAAD, MPS ---- */

Test(ha, router_advertisement_h_flag, .init = setup_default, .fini = teardown)
{
    /* The first RAs went out during setup; wait for the next one. */
    fx_run_for(&F, fx_ms(700000));
    int i = fx_find_last(&F, F.home_if, 1000 + MS_ICMP6_RA);
    cr_assert_geq(i, 0, "no RA on the home link");
    struct fx_pkt p;
    fx_parse(&F, (uint32_t)i, &p);
    struct ms_nd nd;
    cr_assert_eq(ms_nd_decode(p.l4, p.l4_len, &nd), 0);
    cr_assert(nd.u.ra.flags & MS_RA_F_H, "RFC 6275 s7.1 H flag");
    cr_assert(ms_nd_opts_has(&nd.opts, MS_ND_OPT_HA_INFO), "s7.4 option");
    cr_assert_eq(nd.opts.ha_info.lifetime_s, 1800);
    cr_assert(ms_nd_opts_has(&nd.opts, MS_ND_OPT_ADV_INTERVAL));
    bool r = false;
    for (unsigned k = 0; k < nd.opts.n_pi; k++)
        if ((nd.opts.pi[k].flags & MS_PI_F_R) && ms_in6_equal(&nd.opts.pi[k].prefix, &F.ha_addr))
            r = true;
    cr_assert(r, "s7.2: a prefix with R carrying the HA's address");
}

Test(ha, dhaad_reply, .init = setup_default, .fini = teardown)
{
    struct ms_icmp6_mip req;
    memset(&req, 0, sizeof req);
    req.type = MS_ICMP6_DHAAD_REQUEST;
    req.id = 0x4242;
    struct in6_addr any = fx_a("2001:db8:1::fdff:ffff:ffff:fffe");
    uint8_t buf[64];
    int n = ms_icmp6_mip_encode(&req, &F.coa, &any, buf, sizeof buf);
    cr_assert_gt(n, 0);
    fx_send_raw(&F, F.mn, &F.coa, &any, NULL, MS_IPPROTO_ICMPV6, buf, (size_t)n);
    fx_run_for(&F, fx_ms(100));
    cr_assert_eq(F.sniff->icmp_count[MS_ICMP6_DHAAD_REPLY], 1);
    const struct ms_icmp6_mip *rep = &F.sniff->last_mip[MS_ICMP6_DHAAD_REPLY];
    cr_assert_eq(rep->id, 0x4242);
    cr_assert_eq(rep->n_ha, 1);
    cr_assert(ms_in6_equal(&rep->ha[0], &F.ha_addr));
    int i = fx_find_last(&F, F.mn_if, 1000 + MS_ICMP6_DHAAD_REPLY);
    struct fx_pkt p;
    cr_assert(fx_parse(&F, (uint32_t)i, &p));
    cr_assert(ms_in6_equal(&p.ip6.src, &F.ha_addr), "from a global address of the HA");
    cr_assert_eq(ms_icmp6_verify_cksum(p.l4, p.l4_len, &p.ip6.src, &p.ip6.dst), 0);
    cr_assert_eq(ms_ha_counters(F.har)->dhaad_tx, 1);
}

Test(ha, mobile_prefix_advertisement, .init = setup_default, .fini = teardown)
{
    register_hoa(&F.hoa, 1, 420);
    struct ms_icmp6_mip mps;
    memset(&mps, 0, sizeof mps);
    mps.type = MS_ICMP6_MPS;
    mps.id = 77;
    uint8_t buf[64];
    /* Sent from the CoA with a Home Address option: the checksum uses the
     * home address. */
    int n = ms_icmp6_mip_encode(&mps, &F.hoa, &F.ha_addr, buf, sizeof buf);
    cr_assert_gt(n, 0);
    fx_send_raw(&F, F.mn, &F.coa, &F.ha_addr, &F.hoa, MS_IPPROTO_ICMPV6, buf, (size_t)n);
    fx_run_for(&F, fx_ms(100));
    cr_assert_eq(F.sniff->icmp_count[MS_ICMP6_MPA], 1);
    const struct ms_icmp6_mip *mpa = &F.sniff->last_mip[MS_ICMP6_MPA];
    cr_assert_eq(mpa->id, 77);
    cr_assert_eq(mpa->opts.n_pi, 1);
    struct in6_addr pfx = fx_a("2001:db8:1::");
    cr_assert(ms_in6_equal(&mpa->opts.pi[0].prefix, &pfx));
    cr_assert_eq(mpa->opts.pi[0].prefix_len, 64);
    /* s10.6.3: a Type 2 Routing Header with the home address; checksum over
     * the final destination. */
    int i = fx_find_last(&F, F.mn_if, 1000 + MS_ICMP6_MPA);
    struct fx_pkt p;
    cr_assert(fx_parse(&F, (uint32_t)i, &p));
    cr_assert(p.ext.present & MS_EXT_F_RH2);
    cr_assert(ms_in6_equal(&p.ip6.dst, &F.coa));
    cr_assert(ms_in6_equal(&p.ext.rh2_addr, &F.hoa));
    cr_assert_eq(ms_icmp6_verify_cksum(p.l4, p.l4_len, &p.ip6.src, &F.hoa), 0);
}

Test(ha, bcache_seq_compare)
{
    cr_assert(ms_bc_seq_lt(15, 16));
    cr_assert_not(ms_bc_seq_lt(15, 15));
    cr_assert_not(ms_bc_seq_lt(16, 15));
    /* The RFC's example: last 15, then 0..15 and 32783..65535 are "less
     * than or equal". */
    cr_assert_not(ms_bc_seq_lt(15, 0));
    cr_assert_not(ms_bc_seq_lt(15, 32783));
    cr_assert_not(ms_bc_seq_lt(15, 65535));
    cr_assert(ms_bc_seq_lt(15, 32782));
    cr_assert(ms_bc_seq_lt(65535, 0));
    cr_assert(ms_bc_seq_in_window(100, 101, 1));
    cr_assert_not(ms_bc_seq_in_window(100, 102, 1));
    cr_assert(ms_bc_seq_in_window(100, 100 + 32767, 100000));
    cr_assert_not(ms_bc_seq_in_window(100, 100, 32767));
}

Test(ha, home_agents_list_orders_dhaad, .init = setup_default, .fini = teardown)
{
    /* A second home agent on the home link, more preferred (s10.5.1). */
    struct ms_node *ha2 = ms_node_new(&F.sim, "ha2", true);
    struct ms_mac m7 = fx_mac(7);
    struct ms_iface *ifc = ms_iface_new(ha2, &m7, false);
    cr_assert_eq(ms_link_attach(F.lhome, ifc), 0);
    struct in6_addr a2 = fx_a("2001:db8:1::2");
    fx_addr(ifc, &a2, 0);
    struct ms_ha_cfg c;
    ms_ha_cfg_default(&c);
    c.preference = 10;
    cr_assert_not_null(ms_ha_new(ha2, ifc, &c));
    /* Its initial RAs come within MAX_INITIAL_RTR_ADVERT_INTERVAL (16 s). */
    fx_run_for(&F, fx_ms(40000));
    struct ms_icmp6_mip req;
    memset(&req, 0, sizeof req);
    req.type = MS_ICMP6_DHAAD_REQUEST;
    req.id = 9;
    struct in6_addr any = fx_a("2001:db8:1::fdff:ffff:ffff:fffe");
    uint8_t buf[64];
    int n = ms_icmp6_mip_encode(&req, &F.coa, &any, buf, sizeof buf);
    fx_send_raw(&F, F.mn, &F.coa, &any, NULL, MS_IPPROTO_ICMPV6, buf, (size_t)n);
    fx_run_for(&F, fx_ms(100));
    cr_assert_geq(F.sniff->icmp_count[MS_ICMP6_DHAAD_REPLY], 1);
    const struct ms_icmp6_mip *rep = &F.sniff->last_mip[MS_ICMP6_DHAAD_REPLY];
    cr_assert_eq(rep->n_ha, 2, "both home agents listed");
    cr_assert(ms_in6_equal(&rep->ha[0], &a2), "decreasing preference: ha2 (10) first");
    cr_assert(ms_in6_equal(&rep->ha[1], &F.ha_addr));
    ms_node_free(ha2);
}

Test(ha, l_flag_defends_link_local, .init = setup_default, .fini = teardown)
{
    /* s10.3.1 L=1: DAD and proxy ND for the derived link-local address too. */
    fx_send_home_bu(&F, &F.hoa, &F.coa, 1, HA_F | MS_BU_F_L, 420);
    fx_run_for(&F, fx_ms(1500));
    expect_ba(MS_BA_ACCEPTED, 1);
    struct in6_addr ll = fx_a("fe80::100");
    cr_assert(ms__iface_is_proxy(F.ha_home, &F.hoa));
    cr_assert(ms__iface_is_proxy(F.ha_home, &ll));
    fx_send_home_bu(&F, &F.hoa, &F.coa, 2, HA_F, 0);
    fx_run_for(&F, fx_ms(50));
    cr_assert_not(ms__iface_is_proxy(F.ha_home, &ll));
}

Test(ha, l_flag_link_local_duplicate_134, .init = setup_default, .fini = teardown)
{
    /* The home node's link-local address has the IID of 2001:db8:1::ff:fe00:6
     * (MAC 02:00:00:00:00:06): a home address with that IID and the L flag
     * fails DAD on its link-local address. */
    struct in6_addr hoa = fx_a("2001:db8:1::ff:fe00:6");
    fx_send_home_bu(&F, &hoa, &F.coa, 1, HA_F | MS_BU_F_L, 420);
    fx_run_for(&F, fx_ms(1500));
    expect_ba(MS_BA_DAD_FAILED, 1);
    cr_assert_eq(ms_ha_binding_count(F.har), 0);
}

Test(ha, invalid_care_of_address_174, .init = setup_default, .fini = teardown)
{
    /* An Alternate Care-of Address on the home link itself. */
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_BU);
    m.u.bu.seq = 3;
    m.u.bu.flags = HA_F;
    m.u.bu.lifetime_s = 420;
    m.opts.present = MS_MH_OPTS_ALT_COA;
    m.opts.alt_coa = fx_a("2001:db8:1::77");
    fx_send_mh(&F, &m, &F.coa, &F.ha_addr, &F.hoa);
    fx_run_for(&F, fx_ms(1500));
    expect_ba(MS_BA_INVALID_COA, 3);
    cr_assert_eq(ms_ha_binding_count(F.har), 0);
}

Test(ha, alternate_care_of_address, .init = setup_default, .fini = teardown)
{
    /* s9.5.1: the Alternate CoA option names the care-of address; the BA
     * still goes to the BU's source. */
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_BU);
    m.u.bu.seq = 3;
    m.u.bu.flags = HA_F;
    m.u.bu.lifetime_s = 420;
    m.opts.present = MS_MH_OPTS_ALT_COA;
    m.opts.alt_coa = F.coa2;
    fx_send_mh(&F, &m, &F.coa, &F.ha_addr, &F.hoa);
    fx_run_for(&F, fx_ms(1500));
    struct ms_mh ba;
    struct fx_pkt pk;
    cr_assert(fx_last_ba(&F, &ba, &pk));
    cr_assert_eq(ba.u.ba.status, MS_BA_ACCEPTED);
    cr_assert(ms_in6_equal(&pk.ip6.dst, &F.coa));
    struct ms_bc_view v;
    cr_assert_eq(ms_ha_binding_find(F.har, &F.hoa, &v), 0);
    cr_assert(ms_in6_equal(&v.coa, &F.coa2));
}

static int
deny_bu(const struct ms_mnha *sa, const struct ms_pkt *pkt, const struct in6_addr *hoa)
{
    (void)sa, (void)pkt, (void)hoa;
    return MS_EAUTH_FAIL;
}

static int protected_out;

static int
count_out(const struct ms_mnha *sa, struct ms_pkt *pkt, const struct in6_addr *hoa)
{
    (void)sa, (void)pkt, (void)hoa;
    protected_out++;
    return 0;
}

Test(ha, mnha_seam, .init = setup_default, .fini = teardown)
{
    /* mipsim/sec/mnha.h: the hook where IPsec would authenticate the BU and
     * protect the BA. */
    static const struct ms_mnha_ops deny = {.name = "deny", .verify_bu = deny_bu};
    static const struct ms_mnha_ops count = {.name = "count", .protect_out = count_out};
    struct ms_mnha *sa = ms_ha_mnha(F.har);
    cr_assert_str_eq(sa->ops->name, "none");
    sa->ops = &deny;
    fx_send_home_bu(&F, &F.hoa, &F.coa, 1, HA_F, 420);
    fx_run_for(&F, fx_ms(1500));
    cr_assert_eq(fx_count(&F, F.mn_if, MS_MH_BA), 0, "unauthenticated BU dropped");
    cr_assert_eq(ms_ha_counters(F.har)->bu_dropped, 1);
    sa->ops = &count;
    protected_out = 0;
    fx_send_home_bu(&F, &F.hoa, &F.coa, 2, HA_F, 420);
    fx_run_for(&F, fx_ms(1500));
    expect_ba(MS_BA_ACCEPTED, 2);
    cr_assert_eq(protected_out, 1, "the BA passed through protect_out");
}
