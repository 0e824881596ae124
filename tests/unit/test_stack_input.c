/* Stack: the receive path with hand-built frames: extension header walk
 * (RFC 8200 s4), Parameter Problem codes and pointers (RFC 4443 s3.4),
 * Home Address option (RFC 6275 s9.3.1), Type 2 Routing Header (s11.3.3),
 * Mobility Header checks (s9.2), malformed frames, ICMPv6 rate limit.
 *
 * n (2001:db8::1, MAC :01) receives frames "from" s (2001:db8::2, MAC :02),
 * a real node on the same segment that records what n sends back. */
#include "unit/test_stack_util.h"

static struct ms_sim sim;
static struct ms_link *lan;
static struct ms_node *n, *s;
static struct ms_iface *ni, *si;
static struct t_role nrole, srole;
static struct in6_addr na, sa;
static struct t_udp_rx urx;

static void
setup(void)
{
    t_sim_init(&sim);
    lan = t_segment(&sim, "lan");
    n = ms_node_new(&sim, "n", false);
    s = ms_node_new(&sim, "s", false);
    n->nd.dup_addr_detect_transmits = 0;
    s->nd.dup_addr_detect_transmits = 0;
    t_role_attach(n, &nrole);
    t_role_attach(s, &srole);
    ni = t_iface(n, lan, 1);
    si = t_iface(s, lan, 2);
    na = t_a("2001:db8::1");
    sa = t_a("2001:db8::2");
    ms_addr_add(ni, &na, 64, 0);
    ms_addr_add(si, &sa, 64, 0);
    memset(&urx, 0, sizeof urx);
    cr_assert_not_null(ms_udp_bind(n, 9, t_udp_cb, &urx));
}

static void
teardown(void)
{
    ms_node_free(n);
    ms_node_free(s);
    ms_link_free(lan);
    ms_sim_fini(&sim);
}

TestSuite(stack_input, .init = setup, .fini = teardown);

static uint64_t
drops(struct ms_node *x, int code)
{
    return ms_node_drops(x, code);
}

/* Sends payload (starting with extension headers or the upper layer) from
 * src to dst into n's interface as a frame from s's MAC. */
static void
inject(const struct in6_addr *src, const struct in6_addr *dst, uint8_t nh, uint8_t hlim,
       const uint8_t *payload, size_t plen)
{
    uint8_t frame[1600];
    struct ms_mac dmac = ni->mac;
    if (ms_in6_is_multicast(dst))
        ms_mac_from_ipv6_mcast(dst, &dmac);
    size_t len =
        t_build_frame(frame, sizeof frame, &dmac, &si->mac, src, dst, nh, hlim, payload, plen);
    t_inject(&sim, ni, frame, len);
}

/* UDP datagram to port 9 whose checksum uses (cs, cd). */
static size_t
udp_bytes(uint8_t *buf, const struct in6_addr *cs, const struct in6_addr *cd, uint8_t first)
{
    uint8_t payload[8] = {first};
    struct ms_udp u = {.sport = 1234, .dport = 9};
    int rc = ms_udp_encode(&u, cs, cd, payload, sizeof payload, buf, 64);
    cr_assert_eq(rc, 16);
    return 16;
}

static const struct t_icmp_rec *
last_icmp(void)
{
    cr_assert_gt(srole.n_icmp, 0, "s received no ICMPv6");
    return &srole.icmp[srole.n_icmp - 1];
}

Test(stack_input, hbh_padding_and_skippable_option)
{
    uint8_t p[64];
    /* HBH: nh UDP, len 0, Router Alert (type 5, action 00: skip), PadN(2). */
    uint8_t hbh[8] = {MS_IPPROTO_UDP, 0, 5, 2, 0, 0, 1, 0};
    memcpy(p, hbh, 8);
    size_t l = 8 + udp_bytes(p + 8, &sa, &na, 0x77);
    inject(&sa, &na, MS_IPPROTO_HOPOPTS, 64, p, l);
    t_run_for(&sim, T_MS(100));
    cr_assert_eq(urx.count, 1);
    cr_assert_eq(urx.first, 0x77);
    /* A longer header: Hdr Ext Len 1 (16 octets): Router Alert, PadN(2),
     * and an unknown option of action 00 (0x1e), which is skipped. */
    uint8_t hbh2[16] = {MS_IPPROTO_UDP, 1, 5, 2, 0, 0, 1, 0, 0x1e, 4, 9, 9, 9, 9, 1, 0};
    memcpy(p, hbh2, 16);
    l = 16 + udp_bytes(p + 16, &sa, &na, 0x78);
    inject(&sa, &na, MS_IPPROTO_HOPOPTS, 64, p, l);
    t_run_for(&sim, T_MS(100));
    cr_assert_eq(urx.count, 2);
    cr_assert_eq(urx.first, 0x78);
    cr_assert_eq(srole.n_icmp, 0);
}

Test(stack_input, unknown_option_action_10_param_problem_2)
{
    uint8_t p[64];
    /* Option type 0x9e: action 10 (discard + Parameter Problem), at offset
     * 2 of the HBH header. */
    uint8_t hbh[8] = {MS_IPPROTO_UDP, 0, 0x9e, 4, 0, 0, 0, 0};
    memcpy(p, hbh, 8);
    size_t l = 8 + udp_bytes(p + 8, &sa, &na, 1);
    inject(&sa, &na, MS_IPPROTO_HOPOPTS, 64, p, l);
    t_run_for(&sim, T_MS(100));
    cr_assert_eq(urx.count, 0);
    cr_assert_eq(drops(n, MS_EUNKNOWN_OPT), 1);
    const struct t_icmp_rec *e = last_icmp();
    cr_assert_eq(e->type, MS_ICMP6_PARAM_PROB);
    cr_assert_eq(e->code, MS_ICMP6_PARAMPROB_OPTION);
    cr_assert_eq(e->param, 42, "pointer %u", e->param);
    cr_assert(e->cksum_ok);
    cr_assert(ms_in6_equal(&e->src, &na));

    /* Action 10 answers even a multicast destination (RFC 4443 s2.4 e.3). */
    struct in6_addr all;
    ms_in6_all_nodes(&all);
    l = 8 + udp_bytes(p + 8, &sa, &all, 1);
    inject(&sa, &all, MS_IPPROTO_HOPOPTS, 64, p, l);
    t_run_for(&sim, T_MS(100));
    cr_assert_eq(srole.n_icmp, 2);
    /* Action 11 does not, action 01 never does. */
    p[2] = 0xde;
    inject(&sa, &all, MS_IPPROTO_HOPOPTS, 64, p, l);
    p[2] = 0x5e;
    l = 8 + udp_bytes(p + 8, &sa, &na, 1);
    inject(&sa, &na, MS_IPPROTO_HOPOPTS, 64, p, l);
    t_run_for(&sim, T_MS(100));
    cr_assert_eq(srole.n_icmp, 2);
    cr_assert_eq(drops(n, MS_EUNKNOWN_OPT), 4);
    /* Action 11 to a unicast destination: code 2 again. */
    p[2] = 0xde;
    inject(&sa, &na, MS_IPPROTO_HOPOPTS, 64, p, l);
    t_run_for(&sim, T_MS(100));
    cr_assert_eq(srole.n_icmp, 3);
    cr_assert_eq(last_icmp()->code, MS_ICMP6_PARAMPROB_OPTION);
}

Test(stack_input, unknown_next_header_param_problem_1)
{
    uint8_t p[32] = {0};
    inject(&sa, &na, 253, 64, p, 8);
    t_run_for(&sim, T_MS(100));
    const struct t_icmp_rec *e = last_icmp();
    cr_assert_eq(e->type, MS_ICMP6_PARAM_PROB);
    cr_assert_eq(e->code, MS_ICMP6_PARAMPROB_NEXT_HEADER);
    cr_assert_eq(e->param, MS_IP6_OFF_NH);
    cr_assert(e->cksum_ok);
    cr_assert_eq(drops(n, MS_EUNKNOWN_NH), 1);
    /* Behind a Destination Options header the pointer is that header's
     * Next Header field, at 40. */
    uint8_t dopt[16] = {253, 0, 1, 4, 0, 0, 0, 0};
    inject(&sa, &na, MS_IPPROTO_DSTOPTS, 64, dopt, 16);
    t_run_for(&sim, T_MS(100));
    e = last_icmp();
    cr_assert_eq(e->code, MS_ICMP6_PARAMPROB_NEXT_HEADER);
    cr_assert_eq(e->param, 40);
    /* A Hop-by-Hop header anywhere but first: code 1 at its Next Header. */
    uint8_t bad[16] = {MS_IPPROTO_HOPOPTS, 0, 1, 4, 0, 0, 0, 0, MS_IPPROTO_NONE, 0, 1, 4};
    inject(&sa, &na, MS_IPPROTO_DSTOPTS, 64, bad, 16);
    t_run_for(&sim, T_MS(100));
    e = last_icmp();
    cr_assert_eq(e->code, MS_ICMP6_PARAMPROB_NEXT_HEADER);
    cr_assert_eq(e->param, 40);
    cr_assert_eq(srole.n_icmp, 3);
    /* Never about a multicast destination for code 1. */
    struct in6_addr all;
    ms_in6_all_nodes(&all);
    inject(&sa, &all, 253, 64, p, 8);
    t_run_for(&sim, T_MS(100));
    cr_assert_eq(srole.n_icmp, 3);
}

Test(stack_input, malformed_frames_counted)
{
    uint8_t frame[200];
    struct in6_addr all;
    ms_in6_all_nodes(&all);
    /* Ethernet header cut. */
    memset(frame, 0, sizeof frame);
    t_inject(&sim, ni, frame, 10);
    cr_assert_eq(drops(n, MS_ETRUNC), 1);
    /* IPv6 header cut at 20 octets. */
    uint8_t udp[16];
    udp_bytes(udp, &sa, &na, 1);
    size_t len = t_build_frame(frame, sizeof frame, &ni->mac, &si->mac, &sa, &na, MS_IPPROTO_UDP,
                               64, udp, sizeof udp);
    t_inject(&sim, ni, frame, MS_ETH_HLEN + 20);
    cr_assert_eq(drops(n, MS_ETRUNC), 2);
    /* Payload Length beyond the frame. */
    t_inject(&sim, ni, frame, len - 1);
    cr_assert_eq(drops(n, MS_ETRUNC), 3);
    /* Version 4. */
    frame[MS_ETH_HLEN] = 0x45;
    t_inject(&sim, ni, frame, len);
    cr_assert_eq(drops(n, MS_EBAD_VERSION), 1);
    frame[MS_ETH_HLEN] = 0x60;
    /* Bad UDP checksum, then zero checksum (RFC 8200 s8.1). */
    frame[len - 1] ^= 0xff;
    t_inject(&sim, ni, frame, len);
    cr_assert_eq(drops(n, MS_EBAD_CHECKSUM), 1);
    frame[len - 1] ^= 0xff;
    uint8_t c0 = frame[MS_ETH_HLEN + 40 + 6], c1 = frame[MS_ETH_HLEN + 40 + 7];
    frame[MS_ETH_HLEN + 40 + 6] = frame[MS_ETH_HLEN + 40 + 7] = 0;
    t_inject(&sim, ni, frame, len);
    cr_assert_eq(drops(n, MS_EBAD_CHECKSUM), 2);
    frame[MS_ETH_HLEN + 40 + 6] = c0;
    frame[MS_ETH_HLEN + 40 + 7] = c1;
    /* Ethernet padding after the packet is fine. */
    t_inject(&sim, ni, frame, len);
    cr_assert_eq(urx.count, 1);
    uint8_t padded[200];
    memcpy(padded, frame, len);
    memset(padded + len, 0xee, 20);
    t_inject(&sim, ni, padded, len + 20);
    cr_assert_eq(urx.count, 2);
    /* Bad ICMPv6 checksum: an Echo Request nobody answers. */
    uint8_t echo[16];
    cr_assert_eq(ms_icmp6_echo_encode(MS_ICMP6_ECHO_REQUEST, 1, 1, NULL, 0, &sa, &na, echo, 16), 8);
    echo[2] ^= 0x55;
    inject(&sa, &na, MS_IPPROTO_ICMPV6, 64, echo, 8);
    cr_assert_eq(drops(n, MS_EBAD_CHECKSUM), 3);
    /* Truncated ND message (an NS cut to 12 octets). */
    uint8_t ns[12] = {MS_ICMP6_NS, 0};
    ms_icmp6_set_cksum(ns, sizeof ns, &sa, &all);
    inject(&sa, &all, MS_IPPROTO_ICMPV6, 255, ns, sizeof ns);
    cr_assert_eq(drops(n, MS_ETRUNC), 4);
    /* A Hop-by-Hop header claiming more than there is. */
    uint8_t hbh[8] = {MS_IPPROTO_UDP, 3, 1, 4, 0, 0, 0, 0};
    inject(&sa, &na, MS_IPPROTO_HOPOPTS, 64, hbh, 8);
    cr_assert_eq(drops(n, MS_ETRUNC), 5);
    /* A source that is multicast. */
    inject(&all, &na, MS_IPPROTO_UDP, 64, udp, sizeof udp);
    cr_assert_eq(drops(n, MS_EBAD_SOURCE), 1);
    /* Not for us (a host does not forward). */
    inject(&sa, t_ap("2001:db8::77"), MS_IPPROTO_UDP, 64, udp, sizeof udp);
    cr_assert_eq(drops(n, MS_ENOT_FOR_US), 1);
    /* No listener: Port Unreachable. */
    uint8_t udp8[16];
    struct ms_udp u = {.sport = 1, .dport = 10};
    ms_udp_encode(&u, &sa, &na, NULL, 0, udp8, 16);
    inject(&sa, &na, MS_IPPROTO_UDP, 64, udp8, 8);
    cr_assert_eq(drops(n, MS_ENO_LISTENER), 1);
    t_run_for(&sim, T_MS(100));
    cr_assert_eq(srole.n_icmp, 1);
    cr_assert_eq(last_icmp()->type, MS_ICMP6_DST_UNREACH);
    cr_assert_eq(last_icmp()->code, MS_ICMP6_UNREACH_PORT);
    cr_assert_eq(urx.count, 2);
}

Test(stack_input, random_frames_never_crash_nor_leak)
{
    struct ms_rng rng;
    ms_rng_init(&rng, 7, "fuzz");
    t_run_for(&sim, T_MS(10));
    uint32_t in_use = sim.pool.in_use;
    uint8_t frame[300];
    uint8_t udp[16];
    udp_bytes(udp, &sa, &na, 1);
    size_t base = t_build_frame(frame, sizeof frame, &ni->mac, &si->mac, &sa, &na,
                                MS_IPPROTO_HOPOPTS, 64, udp, sizeof udp);
    for (int i = 0; i < 5000; i++) {
        uint8_t f[300];
        size_t len = (size_t)ms_rng_below(&rng, sizeof f + 1);
        ms_rng_bytes(&rng, f, len);
        if (i % 2 == 0 && len > MS_ETH_HLEN + 8) {
            /* Mostly valid headers with a random tail, so the walk is
             * exercised, not just the first check. */
            size_t keep = MS_ETH_HLEN + (size_t)ms_rng_below(&rng, MS_IP6_HLEN + 1);
            memcpy(f, frame, keep < len ? keep : len);
            if (len > MS_ETH_HLEN + 6 && ms_rng_below(&rng, 2))
                f[MS_ETH_HLEN + 6] =
                    (uint8_t)(ms_rng_below(&rng, 2) ? MS_IPPROTO_DSTOPTS : MS_IPPROTO_MH);
            if (len >= MS_ETH_HLEN + 6 && ms_rng_below(&rng, 2)) {
                uint16_t plen = (uint16_t)(len - MS_ETH_HLEN - MS_IP6_HLEN);
                f[MS_ETH_HLEN + 4] = (uint8_t)(plen >> 8);
                f[MS_ETH_HLEN + 5] = (uint8_t)plen;
            }
        }
        t_inject(&sim, ni, f, len);
    }
    (void)base;
    t_run_for(&sim, T_S(30));
    cr_assert_eq(sim.pool.in_use, in_use, "packets leaked: %u -> %u", in_use, sim.pool.in_use);
    uint64_t total = n->ctr.drops_other;
    for (int i = 0; i < MS_ERR__COUNT; i++)
        total += n->ctr.drops[i];
    cr_assert_gt(total, 2000, "only %llu drops", (unsigned long long)total);
}

/* ---- Mobile IPv6 receive rules ---- */

static bool hao_ok;
static struct in6_addr hao_seen_hoa, hao_seen_coa;

static bool
hao_check(void *data, const struct in6_addr *hoa, const struct in6_addr *coa)
{
    (void)data;
    hao_seen_hoa = *hoa;
    hao_seen_coa = *coa;
    return hao_ok;
}

Test(stack_input, home_address_option_needs_binding)
{
    struct in6_addr hoa = t_a("2001:db8:aa::5");
    uint8_t p[64];
    cr_assert_eq(ms_ext_dstopt_hao_encode(&hoa, MS_IPPROTO_UDP, p, sizeof p),
                 MS_EXT_DSTOPT_HAO_LEN);
    /* Upper layers see the home address: the checksum uses it. */
    size_t l = MS_EXT_DSTOPT_HAO_LEN + udp_bytes(p + MS_EXT_DSTOPT_HAO_LEN, &hoa, &na, 0x31);
    /* No binding cache at all: dropped, Binding Error status 1 to the
     * care-of address, naming the home address (RFC 6275 s9.3.1, 9.3.3). */
    inject(&sa, &na, MS_IPPROTO_DSTOPTS, 64, p, l);
    t_run_for(&sim, T_MS(100));
    cr_assert_eq(urx.count, 0);
    cr_assert_eq(drops(n, MS_ENO_BINDING), 1);
    cr_assert_eq(srole.n_mh, 1);
    cr_assert_eq(srole.mh_type[0], MS_MH_BE);
    cr_assert_eq(srole.be_status, MS_BE_UNKNOWN_BINDING);
    cr_assert(ms_in6_equal(&srole.be_hoa, &hoa));
    /* A binding that says no. */
    ms_node_set_hao_check(n, hao_check, NULL);
    hao_ok = false;
    inject(&sa, &na, MS_IPPROTO_DSTOPTS, 64, p, l);
    t_run_for(&sim, T_MS(100));
    cr_assert_eq(drops(n, MS_ENO_BINDING), 2);
    cr_assert(ms_in6_equal(&hao_seen_hoa, &hoa));
    cr_assert(ms_in6_equal(&hao_seen_coa, &sa));
    /* And one that says yes: delivered from the home address. */
    hao_ok = true;
    inject(&sa, &na, MS_IPPROTO_DSTOPTS, 64, p, l);
    t_run_for(&sim, T_MS(100));
    cr_assert_eq(urx.count, 1);
    cr_assert(ms_in6_equal(&urx.src, &hoa));
    /* A multicast home address is dropped whatever the binding. */
    struct in6_addr all;
    ms_in6_all_nodes(&all);
    ms_ext_dstopt_hao_encode(&all, MS_IPPROTO_UDP, p, sizeof p);
    inject(&sa, &na, MS_IPPROTO_DSTOPTS, 64, p, l);
    cr_assert_eq(drops(n, MS_EBAD_SOURCE), 1);
}

Test(stack_input, home_address_option_errors_go_to_coa)
{
    ms_node_set_hao_check(n, hao_check, NULL);
    hao_ok = true;
    struct in6_addr hoa = t_a("2001:db8:aa::5");
    uint8_t p[64];
    ms_ext_dstopt_hao_encode(&hoa, 253, p, sizeof p);
    inject(&sa, &na, MS_IPPROTO_DSTOPTS, 64, p, MS_EXT_DSTOPT_HAO_LEN + 8);
    t_run_for(&sim, T_MS(100));
    /* Parameter Problem to the care-of address (the wire source): s
     * received it. */
    const struct t_icmp_rec *e = last_icmp();
    cr_assert_eq(e->type, MS_ICMP6_PARAM_PROB);
    cr_assert_eq(e->code, MS_ICMP6_PARAMPROB_NEXT_HEADER);
    cr_assert_eq(e->param, 40);
    cr_assert(e->cksum_ok);
}

/* A Binding Update from the home address via the care-of address. */
static size_t
bu_bytes(uint8_t *buf, size_t cap, const struct in6_addr *cs, const struct in6_addr *cd)
{
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_BU);
    m.u.bu.seq = 9;
    m.u.bu.flags = MS_BU_F_A | MS_BU_F_H;
    m.u.bu.lifetime_s = 400;
    int rc = ms_mh_encode(&m, cs, cd, buf, cap);
    cr_assert_gt(rc, 0);
    return (size_t)rc;
}

Test(stack_input, mobility_header_rules)
{
    struct in6_addr hoa = t_a("2001:db8:aa::5");
    uint8_t p[128];
    /* BU with HAO: accepted without binding (next header MH), checksum
     * over the home address, offered to roles with has_hao. */
    ms_ext_dstopt_hao_encode(&hoa, MS_IPPROTO_MH, p, sizeof p);
    size_t l = MS_EXT_DSTOPT_HAO_LEN + bu_bytes(p + 24, sizeof p - 24, &hoa, &na);
    inject(&sa, &na, MS_IPPROTO_DSTOPTS, 64, p, l);
    cr_assert_eq(nrole.n_mh, 1);
    cr_assert_eq(nrole.mh_type[0], MS_MH_BU);
    cr_assert(nrole.mh_has_hao[0]);
    cr_assert_eq(drops(n, MS_ENO_LISTENER), 1, "nobody consumed the BU");
    /* Bad checksum: silently discarded (s9.2). */
    p[24 + MS_MH_CKSUM_OFF] ^= 1;
    inject(&sa, &na, MS_IPPROTO_DSTOPTS, 64, p, l);
    cr_assert_eq(drops(n, MS_EBAD_CHECKSUM), 1);
    cr_assert_eq(nrole.n_mh, 1);
    /* Unknown MH type nobody takes: Binding Error status 2 to the source. */
    l = bu_bytes(p, sizeof p, &sa, &na);
    p[2] = 200;
    cr_assert_eq(ms_mh_fix_cksum(p, l, &sa, &na), 0);
    inject(&sa, &na, MS_IPPROTO_MH, 64, p, l);
    t_run_for(&sim, T_MS(100));
    cr_assert_eq(nrole.n_mh, 2, "roles see unknown types");
    cr_assert_eq(srole.n_mh, 1);
    cr_assert_eq(srole.mh_type[0], MS_MH_BE);
    cr_assert_eq(srole.be_status, MS_BE_UNRECOGNIZED_MH);
    cr_assert(ms_in6_is_unspecified(&srole.be_hoa));
    /* Payload Proto other than 59: Parameter Problem code 0 at it. */
    l = bu_bytes(p, sizeof p, &sa, &na);
    p[0] = MS_IPPROTO_UDP;
    ms_mh_fix_cksum(p, l, &sa, &na);
    inject(&sa, &na, MS_IPPROTO_MH, 64, p, l);
    t_run_for(&sim, T_MS(100));
    const struct t_icmp_rec *e = last_icmp();
    cr_assert_eq(e->type, MS_ICMP6_PARAM_PROB);
    cr_assert_eq(e->code, MS_ICMP6_PARAMPROB_HEADER);
    cr_assert_eq(e->param, 40);
    /* Header Len too small for a BU (0 instead of 1): pointer at it. */
    uint8_t short_bu[8] = {MS_IPPROTO_NONE, 0, MS_MH_BU, 0, 0, 0, 0, 9};
    ms_mh_fix_cksum(short_bu, 8, &sa, &na);
    inject(&sa, &na, MS_IPPROTO_MH, 64, short_bu, 8);
    t_run_for(&sim, T_MS(100));
    e = last_icmp();
    cr_assert_eq(e->type, MS_ICMP6_PARAM_PROB);
    cr_assert_eq(e->param, 41);
}

Test(stack_input, type2_routing_header)
{
    struct in6_addr hoa = t_a("2001:db8:aa::7");
    cr_assert_not_null(ms_addr_add(ni, &hoa, 64, MS_ADDR_F_HOME | MS_ADDR_F_NODAD));
    uint8_t p[64];
    cr_assert_eq(ms_ext_rh2_encode(&hoa, MS_IPPROTO_UDP, p, sizeof p), MS_EXT_RH2_LEN);
    /* The final destination (the home address) is in the checksum. */
    size_t l = MS_EXT_RH2_LEN + udp_bytes(p + MS_EXT_RH2_LEN, &sa, &hoa, 0x51);
    inject(&sa, &na, MS_IPPROTO_ROUTING, 64, p, l);
    cr_assert_eq(urx.count, 1);
    cr_assert(ms_in6_equal(&urx.dst, &hoa));
    /* Not one of our home addresses: silently dropped. */
    struct in6_addr other = t_a("2001:db8:bb::1");
    ms_ext_rh2_encode(&other, MS_IPPROTO_UDP, p, sizeof p);
    l = MS_EXT_RH2_LEN + udp_bytes(p + MS_EXT_RH2_LEN, &sa, &other, 0x52);
    inject(&sa, &na, MS_IPPROTO_ROUTING, 64, p, l);
    cr_assert_eq(urx.count, 1);
    cr_assert_eq(drops(n, MS_EBAD_DEST), 1);
    /* A plain configured address is not a home address either. */
    ms_ext_rh2_encode(&na, MS_IPPROTO_UDP, p, sizeof p);
    l = MS_EXT_RH2_LEN + udp_bytes(p + MS_EXT_RH2_LEN, &sa, &na, 0x53);
    inject(&sa, &na, MS_IPPROTO_ROUTING, 64, p, l);
    cr_assert_eq(drops(n, MS_EBAD_DEST), 2);
    /* Segments Left 0 on the wire: dropped. */
    ms_ext_rh2_encode(&hoa, MS_IPPROTO_UDP, p, sizeof p);
    p[MS_EXT_RH_OFF_SL] = 0;
    l = MS_EXT_RH2_LEN + udp_bytes(p + MS_EXT_RH2_LEN, &sa, &hoa, 0x54);
    inject(&sa, &na, MS_IPPROTO_ROUTING, 64, p, l);
    cr_assert_eq(urx.count, 1);
    cr_assert_eq(srole.n_icmp, 0);
}

Test(stack_input, icmp_error_rate_limit)
{
    /* Resolve s first, or the address resolution queue (3) would be the
     * limit. */
    cr_assert_eq(ms_udp_send(n, NULL, &sa, 1, 1, NULL, 0, 0, 0), 0);
    t_run_for(&sim, T_MS(100));
    uint8_t p[8] = {0};
    for (int i = 0; i < 15; i++)
        inject(&sa, &na, 253, 64, p, 8);
    t_run_for(&sim, T_MS(500));
    cr_assert_eq(srole.n_icmp, 10, "burst of 10, got %u", srole.n_icmp);
    cr_assert_eq(drops(n, MS_ERATE_LIMIT), 5);
    /* 10 per second refill. */
    t_run_for(&sim, T_MS(500));
    for (int i = 0; i < 15; i++)
        inject(&sa, &na, 253, 64, p, 8);
    t_run_for(&sim, T_MS(100));
    cr_assert_eq(srole.n_icmp, 20);
    cr_assert_eq(drops(n, MS_ERATE_LIMIT), 10);
}

Test(stack_input, echo_to_multicast_answered_from_unicast)
{
    uint8_t echo[24];
    struct in6_addr all;
    ms_in6_all_nodes(&all);
    uint8_t data[16] = {1, 2, 3};
    int l = ms_icmp6_echo_encode(MS_ICMP6_ECHO_REQUEST, 5, 6, data, sizeof data, &sa, &all, echo,
                                 sizeof echo);
    cr_assert_eq(l, 24);
    inject(&sa, &all, MS_IPPROTO_ICMPV6, 64, echo, (size_t)l);
    t_run_for(&sim, T_MS(100));
    const struct t_icmp_rec *e = last_icmp();
    cr_assert_eq(e->type, MS_ICMP6_ECHO_REPLY);
    cr_assert_eq(e->id, 5);
    cr_assert_eq(e->seq, 6);
    cr_assert_eq(e->len, 24);
    cr_assert(ms_in6_equal(&e->src, &na));
    cr_assert(e->cksum_ok);
}
