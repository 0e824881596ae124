/* Stack: forwarding across a router, hop limit, echo, address resolution
 * and NUD (RFC 4861 s7), IPv6-in-IPv6 (RFC 2473), proxy ND (RFC 6275
 * s10.4.1).
 *
 *   h1 (2001:db8:1::10) --l1-- (2001:db8:1::1) r (2001:db8:2::1) --l2-- h2 (2001:db8:2::20)
 */
#include "unit/test_stack_util.h"

static struct ms_sim sim;

struct topo {
    struct ms_link *l1, *l2;
    struct ms_node *h1, *r, *h2;
    struct ms_iface *h1i, *ri1, *ri2, *h2i;
    struct t_role h1role, rrole, h2role;
    struct in6_addr h1a, r1a, r2a, h2a;
};

static struct topo T;

static struct ms_node *
host(const char *name, bool fwd, struct t_role *role)
{
    struct ms_node *n = ms_node_new(&sim, name, fwd);
    cr_assert_not_null(n);
    n->nd.dup_addr_detect_transmits = 0; /* addresses usable at once */
    t_role_attach(n, role);
    return n;
}

static void
setup(void)
{
    t_sim_init(&sim);
    memset(&T, 0, sizeof T);
    T.l1 = t_segment(&sim, "l1");
    T.l2 = t_segment(&sim, "l2");
    T.h1 = host("h1", false, &T.h1role);
    T.r = host("r", true, &T.rrole);
    T.h2 = host("h2", false, &T.h2role);
    T.h1i = t_iface(T.h1, T.l1, 0x11);
    T.ri1 = t_iface(T.r, T.l1, 0x01);
    T.ri2 = t_iface(T.r, T.l2, 0x02);
    T.h2i = t_iface(T.h2, T.l2, 0x22);
    T.h1a = t_a("2001:db8:1::10");
    T.r1a = t_a("2001:db8:1::1");
    T.r2a = t_a("2001:db8:2::1");
    T.h2a = t_a("2001:db8:2::20");
    cr_assert_not_null(ms_addr_add(T.h1i, &T.h1a, 64, MS_ADDR_F_STATIC));
    cr_assert_not_null(ms_addr_add(T.ri1, &T.r1a, 64, MS_ADDR_F_STATIC));
    cr_assert_not_null(ms_addr_add(T.ri2, &T.r2a, 64, MS_ADDR_F_STATIC));
    cr_assert_not_null(ms_addr_add(T.h2i, &T.h2a, 64, MS_ADDR_F_STATIC));
    cr_assert_eq(ms_route_add(T.h1, t_ap("::"), 0, T.h1i, &T.r1a, 0), 0);
    cr_assert_eq(ms_route_add(T.h2, t_ap("::"), 0, T.h2i, &T.r2a, 0), 0);
}

static void
teardown(void)
{
    ms_node_free(T.h1);
    ms_node_free(T.r);
    ms_node_free(T.h2);
    ms_link_free(T.l1);
    ms_link_free(T.l2);
    ms_sim_fini(&sim);
}

TestSuite(stack_fwd, .init = setup, .fini = teardown);

/* A UDP datagram with an explicit hop limit (ms_ip6_send). */
static int
send_udp_hlim(struct ms_node *n, const struct in6_addr *src, const struct in6_addr *dst,
              uint16_t dport, uint8_t first, uint8_t hlim)
{
    struct ms_pkt *pkt = ms_pkt_new(&sim.pool);
    cr_assert_not_null(pkt);
    uint8_t payload[16] = {first};
    uint8_t *p = ms_pkt_put(pkt, 8 + sizeof payload);
    struct ms_udp u = {.sport = 4000, .dport = dport};
    cr_assert_eq(ms_udp_encode(&u, src, dst, payload, sizeof payload, p, 8 + sizeof payload),
                 8 + (int)sizeof payload);
    return ms_ip6_send(n, pkt, src, dst, MS_IPPROTO_UDP, hlim, 0);
}

Test(stack_fwd, echo_across_router)
{
    cr_assert_eq(ms_icmp6_echo_send(T.h1, NULL, &T.h2a, 0x1234, 7, 56, 0, 0), 0);
    t_run_until(&sim, T_S(2));
    cr_assert_eq(T.h1role.n_icmp, 1);
    const struct t_icmp_rec *rec = &T.h1role.icmp[0];
    cr_assert_eq(rec->type, MS_ICMP6_ECHO_REPLY);
    cr_assert_eq(rec->id, 0x1234);
    cr_assert_eq(rec->seq, 7);
    cr_assert_eq(rec->len, 8 + 56);
    cr_assert(rec->cksum_ok);
    cr_assert(ms_in6_equal(&rec->src, &T.h2a), "reply must come from the address asked");
    cr_assert(ms_in6_equal(&rec->dst, &T.h1a));
    cr_assert_eq(T.r->ctr.ip_fwd, 2);
    cr_assert_eq(T.h2role.n_deliver, 1);
}

Test(stack_fwd, hop_limit_one_time_exceeded)
{
    struct t_udp_rx rx = {0};
    cr_assert_not_null(ms_udp_bind(T.h2, 9, t_udp_cb, &rx));
    cr_assert_eq(send_udp_hlim(T.h1, &T.h1a, &T.h2a, 9, 0xaa, 1), 0);
    t_run_until(&sim, T_S(2));
    cr_assert_eq(rx.count, 0);
    cr_assert_eq(T.r->ctr.drops[ms_err_index(MS_EHOPLIMIT_EXCEEDED)], 1);
    cr_assert_eq(T.h1role.n_icmp, 1);
    const struct t_icmp_rec *rec = &T.h1role.icmp[0];
    cr_assert_eq(rec->type, MS_ICMP6_TIME_EXCEEDED);
    cr_assert_eq(rec->code, MS_ICMP6_TIMEX_HOP_LIMIT);
    cr_assert(rec->cksum_ok, "Time Exceeded checksum");
    cr_assert(ms_in6_equal(&rec->src, &T.r1a));
    cr_assert_eq(rec->inner_nh, MS_IPPROTO_UDP);
    cr_assert(ms_in6_equal(&rec->inner_dst, &T.h2a));
    cr_assert_eq(T.r->ctr.icmp_errors_sent, 1);
}

Test(stack_fwd, hop_limit_decremented)
{
    struct t_udp_rx rx = {0};
    cr_assert_not_null(ms_udp_bind(T.h2, 9, t_udp_cb, &rx));
    struct t_tap tap;
    t_tap_start(&tap, &sim, T.l2);
    cr_assert_eq(send_udp_hlim(T.h1, &T.h1a, &T.h2a, 9, 0xaa, 2), 0);
    cr_assert_eq(send_udp_hlim(T.h1, &T.h1a, &T.h2a, 9, 0xbb, 0), 0); /* default 64 */
    t_run_until(&sim, T_S(2));
    cr_assert_eq(rx.count, 2);
    cr_assert_eq(rx.first, 0xbb);
    int seen = 0;
    for (uint32_t i = 0; i < tap.n; i++) {
        const struct t_frame *f = &tap.f[i];
        if (f->to == T.h2i && f->data[MS_ETH_HLEN + MS_IP6_OFF_NH] == MS_IPPROTO_UDP) {
            uint8_t want = seen == 0 ? 1 : 63;
            cr_assert_eq(f->data[MS_ETH_HLEN + MS_IP6_OFF_HLIM], want);
            seen++;
        }
    }
    cr_assert_eq(seen, 2);
    cr_assert_eq(T.h1role.n_icmp, 0);
}

Test(stack_fwd, no_route_unreachable)
{
    ms_route_del(T.h1, t_ap("::"), 0, T.h1i);
    cr_assert_eq(ms_udp_send(T.h1, &T.h1a, t_ap("2001:db8:9::1"), 1, 2, NULL, 10, 0, 0),
                 MS_ENO_ROUTE);
    cr_assert_eq(T.h1->ctr.drops[ms_err_index(MS_ENO_ROUTE)], 1);
    /* The router has no route to 2001:db8:9::/64: Destination Unreachable
     * code 0 back to h2. */
    cr_assert_eq(ms_udp_send(T.h2, NULL, t_ap("2001:db8:9::1"), 1, 2, NULL, 10, 0, 0), 0);
    t_run_until(&sim, T_S(2));
    cr_assert_eq(T.h2role.n_icmp, 1);
    cr_assert_eq(T.h2role.icmp[0].type, MS_ICMP6_DST_UNREACH);
    cr_assert_eq(T.h2role.icmp[0].code, MS_ICMP6_UNREACH_NO_ROUTE);
    cr_assert(T.h2role.icmp[0].cksum_ok);
}

Test(stack_fwd, packet_too_big)
{
    T.ri2->mtu = 1280;
    cr_assert_eq(ms_udp_send(T.h1, NULL, &T.h2a, 1, 2, NULL, 1300, 0, 0), 0);
    t_run_until(&sim, T_S(2));
    cr_assert_eq(T.h1role.n_icmp, 1);
    cr_assert_eq(T.h1role.icmp[0].type, MS_ICMP6_PACKET_TOO_BIG);
    cr_assert_eq(T.h1role.icmp[0].param, 1280);
    cr_assert(T.h1role.icmp[0].cksum_ok);
    /* RFC 4443 s2.4(c): the error fits the minimum MTU. */
    cr_assert_leq(T.h1role.icmp[0].len, MS_ICMP6_ERR_MAX_LEN);
}

static int
first_frame_to(const struct t_tap *tap, const struct ms_iface *to, int type, uint8_t nh)
{
    for (uint32_t i = 0; i < tap->n && i < T_TAP_MAX; i++) {
        const struct t_frame *f = &tap->f[i];
        if (f->to != to)
            continue;
        if (type >= 0 && t_frame_icmp_type(f) == type)
            return (int)i;
        if (type < 0 && f->data[MS_ETH_HLEN + MS_IP6_OFF_NH] == nh)
            return (int)i;
    }
    return -1;
}

Test(stack_fwd, address_resolution_queues_then_sends)
{
    struct t_udp_rx rx = {0};
    cr_assert_not_null(ms_udp_bind(T.r, 7, t_udp_cb, &rx));
    struct t_tap tap;
    t_tap_start(&tap, &sim, T.l1);
    /* Five datagrams before any neighbor is known: the queue keeps the
     * newest three (RFC 4861 s7.2.2). */
    for (uint8_t i = 1; i <= 5; i++) {
        uint8_t payload[4] = {i};
        cr_assert_eq(ms_udp_send(T.h1, NULL, &T.r1a, 4000, 7, payload, sizeof payload, 0, 0), 0);
    }
    struct ms_nbr *e = ms_nbr_lookup(T.h1i, &T.r1a);
    cr_assert_not_null(e);
    cr_assert_eq(e->state, MS_NBR_INCOMPLETE);
    cr_assert_eq(e->qlen, 3);
    cr_assert_eq(T.h1->ctr.drops[ms_err_index(MS_EQUEUE_FULL)], 2);
    t_run_until(&sim, T_S(1));
    cr_assert_eq(rx.count, 3);
    cr_assert_eq(rx.first, 5);
    cr_assert(ms_in6_equal(&rx.src, &T.h1a));
    /* NS to the router, NA back, then the data. */
    int ns = first_frame_to(&tap, T.ri1, MS_ICMP6_NS, 0);
    int na = first_frame_to(&tap, T.h1i, MS_ICMP6_NA, 0);
    int udp = first_frame_to(&tap, T.ri1, -1, MS_IPPROTO_UDP);
    cr_assert(ns >= 0 && na >= 0 && udp >= 0);
    cr_assert_lt(ns, na);
    cr_assert_lt(na, udp);
    cr_assert_lt(tap.f[na].t_ns, tap.f[udp].t_ns);
    /* The NS went to the solicited-node group with our link-layer address. */
    struct in6_addr sol;
    ms_in6_solicited_node(&T.r1a, &sol);
    cr_assert_eq(memcmp(tap.f[ns].data + MS_ETH_HLEN + MS_IP6_OFF_DST, &sol, 16), 0);
    e = ms_nbr_lookup(T.h1i, &T.r1a);
    cr_assert_eq(e->state, MS_NBR_REACHABLE);
    cr_assert(ms_mac_equal(&e->mac, &T.ri1->mac));
    cr_assert(e->router);
    /* The router learned us from the NS's source link-layer option. */
    struct ms_nbr *back = ms_nbr_lookup(T.ri1, &T.h1a);
    cr_assert_not_null(back);
    cr_assert(ms_mac_equal(&back->mac, &T.h1i->mac));

    /* NUD: long after, the entry is STALE; sending moves it to DELAY, then
     * a unicast probe makes it REACHABLE again (RFC 4861 s7.3.3). */
    t_run_until(&sim, T_S(100));
    cr_assert_eq(ms_udp_send(T.h1, NULL, &T.r1a, 4000, 7, NULL, 4, 0, 0), 0);
    cr_assert_eq(e->state, MS_NBR_DELAY);
    t_run_until(&sim, T_S(100) + T_MS(4900));
    cr_assert_eq(e->state, MS_NBR_DELAY);
    t_run_until(&sim, T_S(107));
    cr_assert_eq(e->state, MS_NBR_REACHABLE);
    cr_assert_eq(rx.count, 4);
}

Test(stack_fwd, address_resolution_fails)
{
    /* From a host on another link: the router gives up after
     * MAX_MULTICAST_SOLICIT probes and answers Address Unreachable. */
    cr_assert_eq(ms_udp_send(T.h2, NULL, t_ap("2001:db8:1::99"), 1, 2, NULL, 10, 0, 0), 0);
    /* From a host on the link itself: just a drop. */
    cr_assert_eq(ms_udp_send(T.h1, NULL, t_ap("2001:db8:1::98"), 1, 2, NULL, 10, 0, 0), 0);
    t_run_until(&sim, T_MS(2900));
    cr_assert_eq(T.h2role.n_icmp, 0, "too early");
    t_run_until(&sim, T_S(5));
    cr_assert_eq(T.h2role.n_icmp, 1);
    cr_assert_eq(T.h2role.icmp[0].type, MS_ICMP6_DST_UNREACH);
    cr_assert_eq(T.h2role.icmp[0].code, MS_ICMP6_UNREACH_ADDR);
    cr_assert_eq(T.r->ctr.drops[ms_err_index(MS_ENO_NEIGHBOR)], 1);
    cr_assert_eq(T.h1->ctr.drops[ms_err_index(MS_ENO_NEIGHBOR)], 1);
    cr_assert_eq(T.h1role.n_icmp, 0);
    cr_assert_null(ms_nbr_lookup(T.ri1, t_ap("2001:db8:1::99")));
}

/* An inner IPv6/UDP packet from src to dst, in a fresh packet. */
static struct ms_pkt *
inner_udp(const struct in6_addr *src, const struct in6_addr *dst, uint16_t dport, uint8_t first)
{
    struct ms_pkt *pkt = ms_pkt_new(&sim.pool);
    uint8_t payload[8] = {first};
    uint8_t *p = ms_pkt_put(pkt, 8 + sizeof payload);
    struct ms_udp u = {.sport = 5000, .dport = dport};
    ms_udp_encode(&u, src, dst, payload, sizeof payload, p, 8 + sizeof payload);
    struct ms_ip6 ip6 = {
        .plen = 8 + sizeof payload, .nh = MS_IPPROTO_UDP, .hlim = 64, .src = *src, .dst = *dst};
    uint8_t *h = ms_pkt_push(pkt, MS_IP6_HLEN);
    ms_ip6_encode(&ip6, h, MS_IP6_HLEN);
    return pkt;
}

Test(stack_fwd, tunnel_encap_decap)
{
    struct t_udp_rx rx = {0};
    cr_assert_not_null(ms_udp_bind(T.h2, 9, t_udp_cb, &rx));
    struct t_tap tap;
    t_tap_start(&tap, &sim, T.l2);
    struct ms_pkt *pkt = inner_udp(&T.h1a, &T.h2a, 9, 0x42);
    cr_assert_eq(ms_ip6_encap_output(T.h1, pkt, NULL, &T.h2a, 0), 0);
    t_run_until(&sim, T_S(1));
    cr_assert_eq(T.h1->ctr.tunnel_encap, 1);
    cr_assert_eq(T.h2->ctr.tunnel_decap, 1);
    cr_assert_eq(T.h2role.n_tunnel, 1);
    cr_assert_eq(rx.count, 1);
    cr_assert_eq(rx.first, 0x42);
    cr_assert(ms_in6_equal(&rx.src, &T.h1a));
    cr_assert(T.h2role.last_deliver_tunnelled);
    /* On the wire: next header 41 and the inner header right behind. */
    int f = first_frame_to(&tap, T.h2i, -1, MS_IPPROTO_IPV6);
    cr_assert_geq(f, 0);
    cr_assert_eq(tap.f[f].data[MS_ETH_HLEN + MS_IP6_HLEN + MS_IP6_OFF_NH], MS_IPPROTO_UDP);

    /* A role that takes the tunnelled packet stops the decapsulation. */
    T.h2role.consume_tunnel = true;
    pkt = inner_udp(&T.h1a, &T.h2a, 9, 0x43);
    cr_assert_eq(ms_ip6_encap_output(T.h1, pkt, &T.h1a, &T.h2a, 0), 0);
    t_run_until(&sim, T_S(2));
    cr_assert_eq(T.h2role.n_tunnel, 2);
    cr_assert_eq(rx.count, 1);
    cr_assert_eq(T.h2->ctr.tunnel_decap, 1);
}

Test(stack_fwd, tunnel_decap_then_forward)
{
    /* A reverse tunnel to the router (as to a home agent): the router
     * decapsulates and forwards the inner packet. */
    struct t_udp_rx rx = {0};
    cr_assert_not_null(ms_udp_bind(T.h2, 9, t_udp_cb, &rx));
    struct ms_pkt *pkt = inner_udp(&T.h1a, &T.h2a, 9, 0x44);
    cr_assert_eq(ms_ip6_encap_output(T.h1, pkt, NULL, &T.r1a, 0), 0);
    t_run_until(&sim, T_S(1));
    cr_assert_eq(T.r->ctr.tunnel_decap, 1);
    cr_assert_eq(T.r->ctr.ip_fwd, 1);
    cr_assert_eq(rx.count, 1);
    cr_assert_not(T.h2role.last_deliver_tunnelled);
}

Test(stack_fwd, tunnel_entry_packet_too_big)
{
    /* The inner packet fits the link but not the tunnel (RFC 2473 s7.1):
     * the entry point answers Packet Too Big with MTU - 40. */
    T.ri2->mtu = 1280;
    struct ms_pkt *pkt = ms_pkt_new(&sim.pool);
    uint8_t *p = ms_pkt_put(pkt, 1260);
    memset(p, 0, 1260);
    struct ms_ip6 ip6 = {
        .plen = 1260 - 40, .nh = MS_IPPROTO_NONE, .hlim = 64, .src = T.h1a, .dst = T.h2a};
    ms_ip6_encode(&ip6, p, 40);
    cr_assert_eq(ms_ip6_encap_output(T.r, pkt, &T.r2a, &T.h2a, 0), MS_ETOO_BIG);
    t_run_until(&sim, T_S(1));
    cr_assert_eq(T.h1role.n_icmp, 1);
    cr_assert_eq(T.h1role.icmp[0].type, MS_ICMP6_PACKET_TOO_BIG);
    cr_assert_eq(T.h1role.icmp[0].param, 1240);
}

Test(stack_fwd, proxy_nd_answers_for_proxied_address)
{
    /* h2's link is the home link; r is the home agent; a mobile node at
     * 2001:db8:2::99 is away. */
    struct in6_addr hoa = t_a("2001:db8:2::99");
    struct t_tap tap;
    t_tap_start(&tap, &sim, T.l2);
    cr_assert_eq(ms_nd_proxy_add(T.ri2, &hoa), 0);
    /* The gratuitous NA of RFC 6275 s10.4.1: to all nodes, O set, R and S
     * clear, our link-layer address. */
    t_run_until(&sim, T_MS(100));
    int g = first_frame_to(&tap, T.h2i, MS_ICMP6_NA, 0);
    cr_assert_geq(g, 0);
    struct ms_nd na;
    const uint8_t *icmp = tap.f[g].data + MS_ETH_HLEN + MS_IP6_HLEN;
    cr_assert_eq(ms_nd_decode(icmp, tap.f[g].len - MS_ETH_HLEN - MS_IP6_HLEN, &na), 0);
    cr_assert(ms_in6_equal(&na.u.na.target, &hoa));
    cr_assert_eq(na.u.na.flags, MS_NA_F_O);
    cr_assert(ms_mac_equal(&na.opts.tlla, &T.ri2->mac));

    /* h2 resolves the home address: the router answers for it. */
    tap.n = 0;
    cr_assert_eq(ms_udp_send(T.h2, NULL, &hoa, 1, 2, NULL, 10, 0, 0), 0);
    t_run_until(&sim, T_MS(200));
    struct ms_nbr *e = ms_nbr_lookup(T.h2i, &hoa);
    cr_assert_not_null(e);
    cr_assert_eq(e->state, MS_NBR_REACHABLE);
    cr_assert(ms_mac_equal(&e->mac, &T.ri2->mac));
    cr_assert_not(e->router, "R must be clear in a proxy NA");
    int a = first_frame_to(&tap, T.h2i, MS_ICMP6_NA, 0);
    cr_assert_geq(a, 0);
    icmp = tap.f[a].data + MS_ETH_HLEN + MS_IP6_HLEN;
    cr_assert_eq(ms_nd_decode(icmp, tap.f[a].len - MS_ETH_HLEN - MS_IP6_HLEN, &na), 0);
    cr_assert_eq(na.u.na.flags, MS_NA_F_S | MS_NA_F_O);

    /* An existing entry pointing at the mobile node's own MAC is
     * overridden by the gratuitous NA. */
    ms_nd_proxy_del(T.ri2, &hoa);
    e->mac = t_mac(0x99);
    cr_assert_eq(ms_nd_proxy_add(T.ri2, &hoa), 0);
    t_run_until(&sim, T_MS(300));
    cr_assert(ms_mac_equal(&e->mac, &T.ri2->mac));
    cr_assert_eq(e->state, MS_NBR_STALE);

    /* Once no longer proxied, nobody answers. */
    ms_nd_proxy_del(T.ri2, &hoa);
    struct in6_addr other = t_a("2001:db8:2::98");
    cr_assert_eq(ms_udp_send(T.h2, NULL, &other, 1, 2, NULL, 10, 0, 0), 0);
    t_run_until(&sim, T_S(5));
    cr_assert_null(ms_nbr_lookup(T.h2i, &other));
}

Test(stack_fwd, link_local_never_forwarded)
{
    /* A packet from a link-local source to a global destination reaching a
     * router: Destination Unreachable, beyond scope (RFC 4443 s3.1). */
    const struct in6_addr *ll = &T.h1i->addrs[0].addr;
    cr_assert(ms_in6_is_linklocal(ll));
    cr_assert_eq(send_udp_hlim(T.h1, ll, &T.h2a, 9, 1, 0), 0);
    t_run_until(&sim, T_S(1));
    cr_assert_eq(T.r->ctr.ip_fwd, 0);
    cr_assert_eq(T.r->ctr.drops[ms_err_index(MS_EBAD_SOURCE)], 1);
    cr_assert_eq(T.h1role.n_icmp, 1);
    cr_assert_eq(T.h1role.icmp[0].code, MS_ICMP6_UNREACH_BEYOND_SCOPE);
}
