/* Mobile node role (RFC 6275 s11) on small simulated topologies, virtual
 * clock.
 *
 *            cn (2001:db8:f::c)
 *             |
 *   ==========+===========+=============+======= bb (segment, d_bb)
 *             |           |             |
 *            ha (f::1)   ar1 (f::2)    ar2 (f::3)
 *             |           |             |
 *        home cell ap0   cell ap1      cell ap2          (d_cell each)
 *        2001:db8:aa::/64 2001:db8:1::/64 2001:db8:2::/64
 *
 * The mobile node (HoA 2001:db8:aa::10) has one radio that the tests move
 * between the cells.
 */
#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

#include "core/sim.h"
#include "link/link.h"
#include "report/report.h"
#include "role/cn.h"
#include "role/ha.h"
#include "role/mn.h"
#include "role/mn_bul.h"
#include "stack/node.h"
#include "wire/bytes.h"
#include "wire/codepoints.h"
#include "wire/ext.h"
#include "wire/icmp6.h"
#include "wire/ipv6.h"
#include "wire/mh.h"
#include "wire/udp.h"

#define MAXPKT 4096
#define CN_PORT 5001
#define MN_PORT 6000

struct topo_opts {
    int64_t d_bb, d_cell;
    bool cn_role;          /* give the correspondent the CN role */
    bool ro;               /* configure the MN for route optimisation with cn */
    const char *ro_cn;     /* ... or with this address */
    bool dhaad;            /* leave the MN's home agent unspecified */
    bool ha_unreachable;   /* configure an HA address nobody owns */
    int64_t mn_retrans_ns; /* MN RetransTimer (DAD time), 0 = default */
    uint32_t queue_max;
};

struct topo {
    bool built;
    struct ms_sim sim;
    struct ms_report rep;
    struct topo_opts o;
    struct ms_link *bb, *home, *c1, *c2;
    struct ms_node *ha, *ar1, *ar2, *cn, *mn;
    struct ms_iface *ha_home, *ha_bb, *ar1_bb, *ar1_c, *ar2_bb, *ar2_c, *cn_bb, *radio;
    struct ms_role *ha_role, *cn_role, *mn_role;
    struct in6_addr hoa, ha_addr, cn_addr, ar1_bb_addr, ar2_bb_addr, ha_bb_addr;
    struct ms_link *at; /* the cell the radio is attached to */

    /* CN -> HoA flow. */
    struct ms_timer cn_tx;
    int64_t cn_every_ns;
    uint32_t cn_sent;
    int64_t cn_sent_ns[MAXPKT];
    bool mn_got[MAXPKT];
    int64_t mn_got_ns[MAXPKT];
    uint32_t mn_rx;
    bool mn_rx_rh2_seen;

    /* MN -> CN flow. */
    struct ms_timer mn_tx;
    int64_t mn_every_ns;
    uint32_t mn_sent;
    int64_t mn_sent_ns[MAXPKT];
    bool cn_got[MAXPKT];
    uint32_t cn_rx;
};

static struct topo T;

static struct in6_addr
A(const char *s) {
    struct in6_addr a;
    cr_assert_eq(ms_in6_parse(s, &a), 0, "bad address %s", s);
    return a;
}

static struct ms_mac
mac(uint8_t node, uint8_t ifc)
{
    struct ms_mac m = {{0x02, 0x00, 0x00, 0x00, node, ifc}};
    return m;
}

static int64_t
now(void)
{
    return ms_sim_now(&T.sim);
}

static void
run_until(int64_t t)
{
    ms_sched_run(&T.sim.sched, t);
}

static void
router_nd(struct ms_node *n)
{
    /* Deterministic solicited RAs: no random delay, no rate limit. */
    n->nd.max_ra_delay_time_ns = 0;
    n->nd.min_delay_between_ras_ns = 0;
}

static void
ar_ra(struct ms_iface *ifc, const char *prefix)
{
    struct ms_ra_cfg ra;
    memset(&ra, 0, sizeof ra);
    ra.prefixes[0].prefix = A(prefix);
    ra.prefixes[0].plen = 64;
    ra.prefixes[0].flags = MS_PI_F_L | MS_PI_F_A;
    ra.prefixes[0].valid_s = 86400;
    ra.prefixes[0].preferred_s = 14400;
    ra.nprefixes = 1;
    cr_assert_eq(ms_ra_start(ifc, &ra), 0);
}

static void
route(struct ms_node *n, const char *prefix, struct ms_iface *oif, const struct in6_addr *gw)
{
    struct in6_addr p = A(prefix);
    cr_assert_eq(ms_route_add(n, &p, 64, oif, gw, 1), 0);
}

/* ---- flows ---- */

static void
mn_udp_rx(struct ms_udp_sock *s, struct ms_pkt *pkt, const struct in6_addr *src,
          const struct in6_addr *dst, uint16_t sport, const uint8_t *payload, size_t len)
{
    (void)s, (void)pkt, (void)src, (void)dst, (void)sport;
    if (len < 4)
        return;
    uint32_t seq = ms_rd32(payload);
    if (seq < MAXPKT && !T.mn_got[seq]) {
        T.mn_got[seq] = true;
        T.mn_got_ns[seq] = now();
        T.mn_rx++;
    }
}

static void
cn_udp_rx(struct ms_udp_sock *s, struct ms_pkt *pkt, const struct in6_addr *src,
          const struct in6_addr *dst, uint16_t sport, const uint8_t *payload, size_t len)
{
    (void)s, (void)pkt, (void)dst, (void)sport;
    cr_assert(ms_in6_equal(src, &T.hoa), "the CN sees the home address as source");
    if (len < 4)
        return;
    uint32_t seq = ms_rd32(payload);
    if (seq < MAXPKT && !T.cn_got[seq]) {
        T.cn_got[seq] = true;
        T.cn_rx++;
    }
}

static void
cn_tx_cb(struct ms_timer *t)
{
    (void)t;
    if (T.cn_sent >= MAXPKT)
        return;
    uint8_t pl[32] = {0};
    ms_wr32(pl, T.cn_sent);
    T.cn_sent_ns[T.cn_sent] = now();
    T.cn_sent++;
    ms_udp_send(T.cn, &T.cn_addr, &T.hoa, CN_PORT, MN_PORT, pl, sizeof pl, 0, 0);
    ms_timer_start(&T.sim.sched, &T.cn_tx, T.cn_every_ns);
}

static void
mn_tx_cb(struct ms_timer *t)
{
    (void)t;
    if (T.mn_sent >= MAXPKT)
        return;
    uint8_t pl[32] = {0};
    ms_wr32(pl, T.mn_sent);
    T.mn_sent_ns[T.mn_sent] = now();
    T.mn_sent++;
    ms_udp_send(T.mn, &T.hoa, &T.cn_addr, MN_PORT, CN_PORT, pl, sizeof pl, 0, 0);
    ms_timer_start(&T.sim.sched, &T.mn_tx, T.mn_every_ns);
}

static void
start_cn_flow(int64_t every)
{
    T.cn_every_ns = every;
    ms_timer_init(&T.cn_tx, cn_tx_cb, NULL);
    ms_timer_start(&T.sim.sched, &T.cn_tx, 0);
}

static void
start_mn_flow(int64_t every)
{
    T.mn_every_ns = every;
    ms_timer_init(&T.mn_tx, mn_tx_cb, NULL);
    ms_timer_start(&T.sim.sched, &T.mn_tx, 0);
}

static void
stop_flows(void)
{
    ms_timer_stop(&T.sim.sched, &T.cn_tx);
    ms_timer_stop(&T.sim.sched, &T.mn_tx);
}

/* ---- topology ---- */

static void
build(const struct topo_opts *o)
{
    memset(&T, 0, sizeof T);
    T.built = true;
    T.o = *o;
    if (T.o.d_bb == 0)
        T.o.d_bb = 5 * MS_NS_PER_MS;
    if (T.o.d_cell == 0)
        T.o.d_cell = 2 * MS_NS_PER_MS;
    cr_assert_eq(ms_sim_init(&T.sim, 42, MS_CLOCK_VIRTUAL), 0);
    ms_report_init(&T.rep, 42);
    T.sim.report = &T.rep;
    const char *lv = getenv("MN_TEST_LOG");
    ms_logger_init(&T.sim.log, stderr,
                   lv == NULL   ? MS_LOG_ERROR
                   : *lv == 'd' ? MS_LOG_DEBUG
                                : MS_LOG_INFO,
                   &T.sim.sched);

    struct ms_link_params pb, pc;
    ms_link_params_default(&pb);
    pb.delay_ns = T.o.d_bb;
    ms_link_params_default(&pc);
    pc.delay_ns = T.o.d_cell;
    T.bb = ms_link_new(&T.sim, MS_LINK_SEGMENT, "bb", &pb);
    T.home = ms_link_new(&T.sim, MS_LINK_CELL, "home", &pc);
    T.c1 = ms_link_new(&T.sim, MS_LINK_CELL, "c1", &pc);
    T.c2 = ms_link_new(&T.sim, MS_LINK_CELL, "c2", &pc);
    cr_assert(T.bb && T.home && T.c1 && T.c2);
    ms_cell_set_ap(T.home, "ap0", MS_PROFILE_GENERIC);
    ms_cell_set_ap(T.c1, "ap1", MS_PROFILE_GENERIC);
    ms_cell_set_ap(T.c2, "ap2", MS_PROFILE_GENERIC);

    T.hoa = A("2001:db8:aa::10");
    T.ha_addr = A("2001:db8:aa::1");
    T.cn_addr = A("2001:db8:f::c");
    T.ha_bb_addr = A("2001:db8:f::1");
    T.ar1_bb_addr = A("2001:db8:f::2");
    T.ar2_bb_addr = A("2001:db8:f::3");

    /* Home agent: router of the home link. */
    T.ha = ms_node_new(&T.sim, "ha", true);
    router_nd(T.ha);
    struct ms_mac m;
    m = mac(1, 0);
    T.ha_home = ms_iface_new(T.ha, &m, false);
    m = mac(1, 1);
    T.ha_bb = ms_iface_new(T.ha, &m, false);
    cr_assert_eq(ms_link_attach(T.home, T.ha_home), 0);
    cr_assert_eq(ms_link_attach(T.bb, T.ha_bb), 0);
    cr_assert_not_null(ms_addr_add(T.ha_home, &T.ha_addr, 64, MS_ADDR_F_STATIC));
    cr_assert_not_null(ms_addr_add(T.ha_bb, &T.ha_bb_addr, 64, MS_ADDR_F_STATIC));
    route(T.ha, "2001:db8:1::", T.ha_bb, &T.ar1_bb_addr);
    route(T.ha, "2001:db8:2::", T.ha_bb, &T.ar2_bb_addr);

    /* Access routers. */
    T.ar1 = ms_node_new(&T.sim, "ar1", true);
    router_nd(T.ar1);
    m = mac(2, 0);
    T.ar1_bb = ms_iface_new(T.ar1, &m, false);
    m = mac(2, 1);
    T.ar1_c = ms_iface_new(T.ar1, &m, false);
    cr_assert_eq(ms_link_attach(T.bb, T.ar1_bb), 0);
    cr_assert_eq(ms_link_attach(T.c1, T.ar1_c), 0);
    cr_assert_not_null(ms_addr_add(T.ar1_bb, &T.ar1_bb_addr, 64, MS_ADDR_F_STATIC));
    struct in6_addr a = A("2001:db8:1::1");
    cr_assert_not_null(ms_addr_add(T.ar1_c, &a, 64, MS_ADDR_F_STATIC));
    route(T.ar1, "2001:db8:aa::", T.ar1_bb, &T.ha_bb_addr);
    route(T.ar1, "2001:db8:2::", T.ar1_bb, &T.ar2_bb_addr);
    ar_ra(T.ar1_c, "2001:db8:1::");

    T.ar2 = ms_node_new(&T.sim, "ar2", true);
    router_nd(T.ar2);
    m = mac(3, 0);
    T.ar2_bb = ms_iface_new(T.ar2, &m, false);
    m = mac(3, 1);
    T.ar2_c = ms_iface_new(T.ar2, &m, false);
    cr_assert_eq(ms_link_attach(T.bb, T.ar2_bb), 0);
    cr_assert_eq(ms_link_attach(T.c2, T.ar2_c), 0);
    cr_assert_not_null(ms_addr_add(T.ar2_bb, &T.ar2_bb_addr, 64, MS_ADDR_F_STATIC));
    a = A("2001:db8:2::1");
    cr_assert_not_null(ms_addr_add(T.ar2_c, &a, 64, MS_ADDR_F_STATIC));
    route(T.ar2, "2001:db8:aa::", T.ar2_bb, &T.ha_bb_addr);
    route(T.ar2, "2001:db8:1::", T.ar2_bb, &T.ar1_bb_addr);
    ar_ra(T.ar2_c, "2001:db8:2::");

    /* Correspondent on the backbone. */
    T.cn = ms_node_new(&T.sim, "cn", false);
    m = mac(4, 0);
    T.cn_bb = ms_iface_new(T.cn, &m, false);
    cr_assert_eq(ms_link_attach(T.bb, T.cn_bb), 0);
    cr_assert_not_null(ms_addr_add(T.cn_bb, &T.cn_addr, 64, MS_ADDR_F_STATIC));
    route(T.cn, "2001:db8:aa::", T.cn_bb, &T.ha_bb_addr);
    route(T.cn, "2001:db8:1::", T.cn_bb, &T.ar1_bb_addr);
    route(T.cn, "2001:db8:2::", T.cn_bb, &T.ar2_bb_addr);
    if (T.o.cn_role)
        T.cn_role = ms_cn_new(T.cn, NULL);
    cr_assert_not_null(ms_udp_bind(T.cn, CN_PORT, cn_udp_rx, NULL));

    /* Home agent role (RAs with the H flag on the home link). */
    struct ms_ha_cfg hc;
    ms_ha_cfg_default(&hc);
    T.ha_role = ms_ha_new(T.ha, T.ha_home, &hc);
    cr_assert_not_null(T.ha_role);
    cr_assert(ms_in6_equal(ms_ha_address(T.ha_role), &T.ha_addr));

    /* Mobile node. */
    T.mn = ms_node_new(&T.sim, "mn", false);
    if (T.o.mn_retrans_ns > 0)
        T.mn->nd.retrans_timer_ns = T.o.mn_retrans_ns;
    m = mac(9, 0);
    T.radio = ms_iface_new(T.mn, &m, true);
    struct ms_mn_cfg mc;
    ms_mn_cfg_default(&mc);
    mc.hoa = T.hoa;
    mc.home_plen = 64;
    if (T.o.ha_unreachable)
        mc.ha = A("2001:db8:aa::99");
    else if (!T.o.dhaad)
        mc.ha = T.ha_addr;
    snprintf(mc.home_link, sizeof mc.home_link, "home");
    if (T.o.ro) {
        mc.ro_cns[0] = T.o.ro_cn != NULL ? A(T.o.ro_cn) : T.cn_addr;
        mc.n_ro_cns = 1;
    }
    if (T.o.queue_max)
        mc.queue_max = T.o.queue_max;
    T.mn_role = ms_mn_new(T.mn, T.radio, &mc);
    cr_assert_not_null(T.mn_role);
    cr_assert_not_null(ms_udp_bind(T.mn, MN_PORT, mn_udp_rx, NULL));
}

static void
teardown(void)
{
    if (!T.built)
        return;
    stop_flows();
    ms_link_free(T.bb);
    ms_link_free(T.home);
    ms_link_free(T.c1);
    ms_link_free(T.c2);
    ms_node_free(T.mn);
    ms_node_free(T.cn);
    ms_node_free(T.ar2);
    ms_node_free(T.ar1);
    ms_node_free(T.ha);
    ms_report_fini(&T.rep);
    ms_sim_fini(&T.sim);
}

static void
attach(struct ms_link *cell)
{
    cr_assert_eq(ms_cell_attach(cell, T.radio), 0);
    T.at = cell;
}

static void
detach(void)
{
    cr_assert_not_null(T.at);
    ms_cell_detach(T.at, T.radio);
    T.at = NULL;
}

/* Detaches now, attaches to `to` after gap. */
static void
handover(struct ms_link *to, int64_t gap)
{
    detach();
    run_until(now() + gap);
    attach(to);
}

/* Runs in 1 ms steps until the MN has sent n BUs; returns that time. */
static int64_t
wait_bu(uint64_t n)
{
    for (int i = 0; i < 10000; i++) {
        if (ms_mn_counters(T.mn_role)->bu_sent >= n)
            return now();
        run_until(now() + MS_NS_PER_MS);
    }
    cr_assert_fail("BU %llu never sent", (unsigned long long)n);
    return -1;
}

static struct ms_mn_bul_view
home_entry(void)
{
    struct ms_mn_bul_view v;
    cr_assert_eq(ms_mn_bul_find(T.mn_role, ms_mn_ha(T.mn_role), &v), 0, "no home BUL entry");
    return v;
}

static struct in6_addr
coa(void)
{
    struct in6_addr c;
    cr_assert(ms_mn_coa(T.mn_role, &c), "no care-of address");
    return c;
}

static bool
in_prefix(const struct in6_addr *a, const char *prefix)
{
    struct in6_addr p = A(prefix);
    return ms_in6_prefix_match(a, &p, 64);
}

/* Sends a hand-made Mobility Header from node `from` (no hooks), with a
 * Type 2 Routing Header carrying rh2 when not NULL. */
static void
craft_mh(struct ms_node *from, const struct in6_addr *src, const struct in6_addr *dst,
         const struct in6_addr *rh2, struct ms_mh *mh)
{
    uint8_t buf[256];
    int mlen = ms_mh_encode(mh, src, rh2 != NULL ? rh2 : dst, buf, sizeof buf);
    cr_assert_gt(mlen, 0);
    size_t ext = rh2 != NULL ? MS_EXT_RH2_LEN : 0;
    size_t total = MS_IP6_HLEN + ext + (size_t)mlen;
    struct ms_pkt *pkt = ms_pkt_new(&T.sim.pool);
    cr_assert_not_null(pkt);
    uint8_t *p = ms_pkt_put(pkt, (uint32_t)total);
    struct ms_ip6 h = {.plen = (uint16_t)(total - MS_IP6_HLEN),
                       .nh = rh2 != NULL ? MS_IPPROTO_ROUTING : MS_IPPROTO_MH,
                       .hlim = 64,
                       .src = *src,
                       .dst = *dst};
    ms_ip6_encode(&h, p, MS_IP6_HLEN);
    if (rh2 != NULL)
        ms_ext_rh2_encode(rh2, MS_IPPROTO_MH, p + MS_IP6_HLEN, MS_EXT_RH2_LEN);
    memcpy(p + MS_IP6_HLEN + ext, buf, (size_t)mlen);
    ms_ip6_output(from, pkt, MS_TX_NO_HOOKS);
}

static const struct ms_ho_record *
ho(uint32_t number)
{
    for (uint32_t i = 0; i < T.rep.nho; i++)
        if (strcmp(T.rep.ho[i].mn, "mn") == 0 && T.rep.ho[i].number == number)
            return &T.rep.ho[i];
    return NULL;
}

/* Registers from c1 (first registration, including the HA's DAD). */
static void
register_at_c1(void)
{
    run_until(100 * MS_NS_PER_MS);
    attach(T.c1);
    run_until(now() + 4 * MS_NS_PER_S);
    struct ms_mn_bul_view v = home_entry();
    cr_assert_eq(v.state, MS_MN_BUL_BOUND, "state %s", ms_mn_bul_state_name(v.state));
}

/* ====================================================================== */

static void
setup_default(void)
{
    struct topo_opts o = {0};
    build(&o);
}

TestSuite(mn, .fini = teardown, .timeout = 60);

Test(mn, cfg_default_and_views, .init = setup_default)
{
    struct ms_mn_cfg c;
    ms_mn_cfg_default(&c);
    cr_assert_eq(c.lifetime_s, 420);
    cr_assert_eq(c.initial_bindack_first_reg_ns, 1500 * MS_NS_PER_MS);
    cr_assert_eq(c.initial_bindack_ns, MS_NS_PER_S);
    cr_assert_eq(c.max_bindack_ns, 32 * MS_NS_PER_S);
    cr_assert(ms_role_is_mn(T.mn_role));
    cr_assert_not(ms_role_is_mn(T.ha_role));
    cr_assert_eq(ms_mn_bul_count(T.ha_role), 0, "views reject other roles");
    cr_assert_eq(ms_mn_bul_count(T.mn_role), 0);
    cr_assert_not(ms_mn_at_home(T.mn_role));
    cr_assert_not(ms_mn_coa(T.mn_role, NULL));
    cr_assert(ms_in6_equal(ms_mn_hoa(T.mn_role), &T.hoa));
    /* The home address is held as a home address (no DAD, not on-link). */
    struct ms_addr *a = ms_addr_find(T.mn, &T.hoa);
    cr_assert_not_null(a);
    cr_assert(a->flags & MS_ADDR_F_HOME);
    cr_assert(a->flags & MS_ADDR_F_NODAD);
    /* Bad configurations. */
    struct ms_mn_cfg bad;
    ms_mn_cfg_default(&bad);
    cr_assert_null(ms_mn_new(T.mn, T.radio, &bad), "unspecified home address");
    bad.hoa = A("ff02::1");
    cr_assert_null(ms_mn_new(T.mn, T.radio, &bad), "multicast home address");
}

Test(mn, ha_anycast_address)
{
    /* RFC 2526 s2 / s3: for a 64-bit (EUI-64 format) prefix the Mobile IPv6
     * Home-Agents anycast address (ID 0x7E) ends fdff:ffff:ffff:fffe; for
     * other lengths the identifier is all ones but the 7-bit ID. */
    struct in6_addr hoa = A("2001:db8:aa::10"), out;
    ms__mn_ha_anycast(&hoa, 64, &out);
    struct in6_addr want = A("2001:db8:aa::fdff:ffff:ffff:fffe");
    cr_assert(ms_in6_equal(&out, &want));
    ms__mn_ha_anycast(&hoa, 56, &out);
    want = A("2001:db8:aa:ff:ffff:ffff:ffff:fffe");
    cr_assert(ms_in6_equal(&out, &want));
}

Test(mn, dhaad_discovers_home_agent)
{
    /* RFC 6275 s11.4.1: no HA configured: DHAAD Request to the home-agents
     * anycast address, BU to the address in the Reply. */
    struct topo_opts o = {.dhaad = true};
    build(&o);
    register_at_c1();
    cr_assert_not_null(ms_mn_ha(T.mn_role), "home agent discovered");
    cr_assert(ms_in6_equal(ms_mn_ha(T.mn_role), &T.ha_addr));
    const struct ms_mn_counters *c = ms_mn_counters(T.mn_role);
    cr_assert_eq(c->dhaad_sent, 1);
    cr_assert_eq(c->dhaad_rx, 1);
    cr_assert_eq(c->ba_rx[MS_BA_ACCEPTED], 1);
}

Test(mn, starts_at_home_without_binding, .init = setup_default)
{
    run_until(100 * MS_NS_PER_MS);
    attach(T.home);
    run_until(2 * MS_NS_PER_S);
    cr_assert(ms_mn_at_home(T.mn_role));
    cr_assert_eq(ms_mn_bul_count(T.mn_role), 0, "no registration at home");
    struct ms_addr *a = ms_addr_find(T.mn, &T.hoa);
    cr_assert_not(a->flags & MS_ADDR_F_HOME, "the home address is on-link at home");
    cr_assert_eq(ms_mn_counters(T.mn_role)->bu_sent, 0);
    /* Plain IPv6 both ways. */
    start_cn_flow(20 * MS_NS_PER_MS);
    start_mn_flow(20 * MS_NS_PER_MS);
    run_until(now() + 500 * MS_NS_PER_MS);
    stop_flows();
    run_until(now() + 100 * MS_NS_PER_MS);
    cr_assert_eq(T.mn_rx, T.cn_sent);
    cr_assert_eq(T.cn_rx, T.mn_sent);
    cr_assert_eq(ms_mn_counters(T.mn_role)->tunnelled_out, 0);
}

Test(mn, first_registration_from_foreign_link, .init = setup_default)
{
    run_until(100 * MS_NS_PER_MS);
    attach(T.c1);
    run_until(4 * MS_NS_PER_S);
    struct in6_addr c = coa();
    cr_assert(in_prefix(&c, "2001:db8:1::"), "CoA from ar1's prefix");
    cr_assert_not(ms_mn_at_home(T.mn_role));
    struct ms_mn_bul_view v = home_entry();
    cr_assert(v.home_reg);
    cr_assert_eq(v.state, MS_MN_BUL_BOUND);
    cr_assert_eq(v.last_status, MS_BA_ACCEPTED);
    cr_assert_eq(v.flags & (MS_BU_F_A | MS_BU_F_H), MS_BU_F_A | MS_BU_F_H);
    cr_assert(ms_in6_equal(&v.coa, &c));
    cr_assert(ms_in6_equal(&v.hoa, &T.hoa));
    cr_assert_eq(v.lifetime_sent_s, 420);
    cr_assert_eq(v.lifetime_granted_s, 420);
    cr_assert_gt(v.remaining_ns, 410 * MS_NS_PER_S);
    cr_assert_eq(v.retransmissions, 0, "the HA's DAD fits in InitialBindackTimeoutFirstReg");
    /* The home agent's binding cache. */
    struct ms_bc_view b;
    cr_assert_eq(ms_ha_binding_find(T.ha_role, &T.hoa, &b), 0);
    cr_assert(ms_in6_equal(&b.coa, &c));
    cr_assert_eq(b.seq, v.seq);
    cr_assert_eq(b.lifetime_s, 420);
    cr_assert(b.home_reg);
    const struct ms_mn_counters *k = ms_mn_counters(T.mn_role);
    cr_assert_eq(k->bu_sent, 1);
    cr_assert_eq(k->ba_rx[MS_BA_ACCEPTED], 1);
    cr_assert_eq(k->movements, 1);
}

Test(mn, tunnel_both_ways, .init = setup_default)
{
    register_at_c1();
    start_cn_flow(10 * MS_NS_PER_MS);
    start_mn_flow(10 * MS_NS_PER_MS);
    run_until(now() + MS_NS_PER_S);
    stop_flows();
    run_until(now() + 200 * MS_NS_PER_MS);
    cr_assert_gt(T.cn_sent, 90);
    cr_assert_eq(T.mn_rx, T.cn_sent, "CN -> HoA through the HA's tunnel, no loss");
    cr_assert_eq(T.cn_rx, T.mn_sent, "HoA -> CN reverse-tunnelled, no loss");
    const struct ms_mn_counters *k = ms_mn_counters(T.mn_role);
    cr_assert_eq(k->tunnelled_out, T.mn_sent);
    cr_assert_eq(k->tunnel_rx, T.cn_sent);
    cr_assert_eq(k->tunnel_bad_src, 0);
    cr_assert_gt(ms_ha_counters(T.ha_role)->tunnelled, 0);
    cr_assert_gt(ms_ha_counters(T.ha_role)->decapsulated, 0);
}

Test(mn, handover_registers_new_coa_without_loss, .init = setup_default)
{
    register_at_c1();
    struct in6_addr old = coa();
    uint16_t seq0 = home_entry().seq;
    start_cn_flow(10 * MS_NS_PER_MS);
    /* 20 ms: the ~1.1 s without registration (gap, RS/RA, 1 s DAD) fits
     * the default queue of 64. */
    start_mn_flow(20 * MS_NS_PER_MS);
    run_until(5 * MS_NS_PER_S);
    int64_t t_down = now();
    handover(T.c2, 50 * MS_NS_PER_MS);
    run_until(now() + 3 * MS_NS_PER_S);
    stop_flows();
    run_until(now() + 200 * MS_NS_PER_MS);

    struct in6_addr c = coa();
    cr_assert(in_prefix(&c, "2001:db8:2::"));
    cr_assert_not(ms_in6_equal(&c, &old));
    struct ms_mn_bul_view v = home_entry();
    cr_assert_eq(v.state, MS_MN_BUL_BOUND);
    cr_assert_eq(v.seq, (uint16_t)(seq0 + 1), "s11.7.1: next sequence number");
    struct ms_bc_view b;
    cr_assert_eq(ms_ha_binding_find(T.ha_role, &T.hoa, &b), 0);
    cr_assert(ms_in6_equal(&b.coa, &c));
    cr_assert_eq(b.seq, v.seq);

    const struct ms_ho_record *h = ho(1);
    cr_assert_not_null(h, "handover recorded");
    cr_assert_eq(h->ba_status, 0);
    cr_assert_str_eq(h->from, "ap1");
    cr_assert_str_eq(h->to, "ap2");
    int64_t t_ba = h->t[MS_HO_BA_RECEIVED];
    cr_assert_eq(h->t[MS_HO_L2_DOWN], t_down);
    for (int m = MS_HO_L2_DOWN; m <= MS_HO_FIRST_DATA; m++)
        cr_assert_neq(h->t[m], MS_TIME_NEVER, "mark %s missing", ms_ho_mark_key(m));
    for (int m = MS_HO_L2_DOWN + 1; m <= MS_HO_BA_RECEIVED; m++)
        cr_assert_geq(h->t[m], h->t[m - 1], "%s before %s", ms_ho_mark_key(m),
                      ms_ho_mark_key(m - 1));
    cr_assert_gt(h->t[MS_HO_FIRST_DATA], h->t[MS_HO_COA_READY]);
    cr_assert_eq(ms_mn_handover_count(T.mn_role), 1);

    /* CN -> HoA: every packet sent outside [L2 down - path, BA] arrived. */
    int64_t path = 2 * T.o.d_bb + T.o.d_cell;
    uint32_t lost_out = 0, lost_in = 0;
    for (uint32_t i = 0; i < T.cn_sent; i++) {
        bool inside = T.cn_sent_ns[i] >= t_down - path && T.cn_sent_ns[i] <= t_ba;
        if (!T.mn_got[i]) {
            if (inside)
                lost_in++;
            else
                lost_out++;
        }
    }
    cr_assert_eq(lost_out, 0, "loss outside the handover window");
    cr_assert_gt(lost_in, 0, "the L2 gap must cost something");
    /* HoA -> CN: held during the handover, nothing lost once detached. */
    for (uint32_t i = 0; i < T.mn_sent; i++)
        if (T.mn_sent_ns[i] > t_down)
            cr_assert(T.cn_got[i], "MN packet %u sent at %lld lost", i, (long long)T.mn_sent_ns[i]);
    const struct ms_mn_counters *k = ms_mn_counters(T.mn_role);
    cr_assert_gt(k->queued, 0);
    cr_assert_eq(k->queue_flushed, k->queued);
    cr_assert_eq(k->queue_overflow, 0);
}

Test(mn, handover_latency_matches_model)
{
    /* Deterministic timing: solicited RAs at once (max_ra_delay_time 0),
     * RS without delay (s11.5.1), DAD without random delay. */
    struct topo_opts o = {
        .d_bb = 7 * MS_NS_PER_MS, .d_cell = 3 * MS_NS_PER_MS, .mn_retrans_ns = 200 * MS_NS_PER_MS};
    build(&o);
    register_at_c1();
    /* Warm the ha <-> ar2 neighbor caches (a datagram from the HA to ar2's
     * backbone address), so the first BU through ar2 needs no backbone
     * address resolution. */
    uint8_t pl[8] = {0};
    ms_udp_send(T.ha, &T.ha_bb_addr, &T.ar2_bb_addr, 9, 9, pl, sizeof pl, 0, 0);
    run_until(5 * MS_NS_PER_S + 123 * MS_NS_PER_MS);
    int64_t gap = 40 * MS_NS_PER_MS;
    handover(T.c2, gap);
    run_until(now() + 2 * MS_NS_PER_S);
    const struct ms_ho_record *h = ho(1);
    cr_assert_not_null(h);
    int64_t latency = ms_ho_latency_ns(h);
    int64_t dc = T.o.d_cell, dbb = T.o.d_bb;
    int64_t dad = (int64_t)T.mn->nd.dup_addr_detect_transmits * T.mn->nd.retrans_timer_ns;
    int64_t expect = gap        /* layer-2 handover */
                     + 2 * dc   /* RS -> ar2, solicited RA back */
                     + dad      /* DAD of the new CoA */
                     + dc + dbb /* BU: MN -> ar2 -> HA */
                     + dbb      /* BA: HA -> ar2 */
                     + 2 * dc   /* ar2 resolves the new CoA (NS/NA) */
                     + dc;      /* BA: ar2 -> MN */
    cr_assert_leq(llabs(latency - expect), MS_NS_PER_MS, "latency %lld ns, model %lld ns",
                  (long long)latency, (long long)expect);
    cr_assert_eq(h->t[MS_HO_L2_UP] - h->t[MS_HO_L2_DOWN], gap);
    cr_assert_eq(h->t[MS_HO_MOVEMENT] - h->t[MS_HO_L2_UP], 2 * dc);
    cr_assert_eq(h->t[MS_HO_COA_READY] - h->t[MS_HO_MOVEMENT], dad);
    cr_assert_eq(h->t[MS_HO_BU_SENT], h->t[MS_HO_COA_READY]);
}

Test(mn, link_going_down_starts_the_record, .init = setup_default)
{
    register_at_c1();
    run_until(5 * MS_NS_PER_S);
    int64_t t_trig = now();
    ms_cell_trigger_going_down(T.c1, T.radio, "ap2", 30 * MS_NS_PER_MS);
    run_until(now() + 30 * MS_NS_PER_MS);
    handover(T.c2, 20 * MS_NS_PER_MS);
    run_until(now() + 3 * MS_NS_PER_S);
    cr_assert_eq(T.rep.nho, 1, "one record for trigger + down");
    const struct ms_ho_record *h = ho(1);
    cr_assert_eq(h->t[MS_HO_L2_TRIGGER], t_trig);
    cr_assert_eq(h->t[MS_HO_L2_DOWN], t_trig + 30 * MS_NS_PER_MS);
    cr_assert_str_eq(h->to, "ap2");
    cr_assert_eq(h->ba_status, 0);
}

Test(mn, bu_retransmission_backoff)
{
    /* RFC 6275 s11.8 / s13: 1.5 s for the first registration, doubling up
     * to MAX_BINDACK_TIMEOUT (32 s), each retransmission with a new
     * sequence number; then the registration is given up. */
    struct topo_opts o = {.ha_unreachable = true};
    build(&o);
    run_until(100 * MS_NS_PER_MS);
    attach(T.c1);
    /* The first BU leaves once the CoA is ready (RS/RA + DAD). */
    int64_t t0 = wait_bu(1);
    uint16_t seq0 = home_entry().seq;
    const int64_t S = MS_NS_PER_S;
    const int64_t at[] = {1500, 4500, 10500, 22500, 46500}; /* ms after t0 */
    for (unsigned i = 0; i < 5; i++) {
        run_until(t0 + at[i] * MS_NS_PER_MS - MS_NS_PER_MS);
        cr_assert_eq(ms_mn_counters(T.mn_role)->bu_sent, i + 1, "before retransmission %u", i + 1);
        run_until(t0 + at[i] * MS_NS_PER_MS);
        cr_assert_eq(ms_mn_counters(T.mn_role)->bu_sent, i + 2, "retransmission %u", i + 1);
        struct ms_mn_bul_view v = home_entry();
        cr_assert_eq(v.seq, (uint16_t)(seq0 + i + 1), "s11.8: new sequence number");
        cr_assert_eq(v.retransmissions, i + 1);
        cr_assert_eq(v.state, MS_MN_BUL_WAIT_BA);
    }
    /* The last wait is MAX_BINDACK_TIMEOUT: 32 s, not 48 s. */
    run_until(t0 + 46500 * MS_NS_PER_MS + 32 * S - MS_NS_PER_MS);
    cr_assert_eq(ms_mn_counters(T.mn_role)->bu_gave_up, 0);
    run_until(t0 + 46500 * MS_NS_PER_MS + 32 * S);
    cr_assert_eq(ms_mn_counters(T.mn_role)->bu_gave_up, 1);
    cr_assert_eq(ms_mn_counters(T.mn_role)->bu_sent, 6);
    cr_assert_eq(ms_mn_counters(T.mn_role)->bu_retx, 5);
    cr_assert_eq(home_entry().state, MS_MN_BUL_FAILED);
    run_until(now() + 100 * S);
    cr_assert_eq(ms_mn_counters(T.mn_role)->bu_sent, 6, "no more BUs after giving up");
}

Test(mn, refresh_before_expiry, .init = setup_default)
{
    register_at_c1();
    struct ms_mn_bul_view v = home_entry();
    uint64_t sent = v.bu_sent;
    /* 80 % of 420 s: 336 s after the BU. */
    run_until(now() + 330 * MS_NS_PER_S);
    cr_assert_eq(home_entry().bu_sent, sent);
    run_until(now() + 10 * MS_NS_PER_S);
    v = home_entry();
    cr_assert_eq(v.bu_sent, sent + 1, "refreshed");
    cr_assert_eq(v.state, MS_MN_BUL_BOUND);
    cr_assert_gt(v.remaining_ns, 400 * MS_NS_PER_S);
    cr_assert_eq(ms_mn_counters(T.mn_role)->refreshes, 1);
    cr_assert_eq(v.retransmissions, 0);
}

Test(mn, return_home_deregisters, .init = setup_default)
{
    register_at_c1();
    start_cn_flow(10 * MS_NS_PER_MS);
    run_until(5 * MS_NS_PER_S);
    handover(T.home, 30 * MS_NS_PER_MS);
    run_until(now() + 2 * MS_NS_PER_S);
    cr_assert(ms_mn_at_home(T.mn_role));
    cr_assert_not(ms_mn_coa(T.mn_role, NULL));
    const struct ms_mn_counters *k = ms_mn_counters(T.mn_role);
    cr_assert_eq(k->dereg_sent, 1);
    cr_assert_eq(k->ba_rx[MS_BA_ACCEPTED], 2);
    cr_assert_eq(k->home_na_sent, 1, "s11.5.5: unsolicited NA after the BA");
    cr_assert_eq(ms_mn_bul_count(T.mn_role), 0, "home entry removed");
    struct ms_bc_view b;
    cr_assert_neq(ms_ha_binding_find(T.ha_role, &T.hoa, &b), 0, "HA binding deleted");
    cr_assert_eq(ms_ha_counters(T.ha_role)->deregistered, 1);
    struct ms_addr *a = ms_addr_find(T.mn, &T.hoa);
    cr_assert_not(a->flags & MS_ADDR_F_HOME);
    const struct ms_ho_record *h = ho(1);
    cr_assert_not_null(h);
    cr_assert_str_eq(h->to, "ap0");
    cr_assert_eq(h->ba_status, 0);
    cr_assert_neq(h->t[MS_HO_FIRST_DATA], MS_TIME_NEVER, "data at home after deregistration");
    /* Traffic after returning reaches the home address directly. */
    uint32_t rx = T.mn_rx;
    uint64_t trx = k->tunnel_rx;
    run_until(now() + 500 * MS_NS_PER_MS);
    cr_assert_geq(T.mn_rx - rx, 49);
    cr_assert_eq(k->tunnel_rx, trx, "no tunnel at home");
    /* And away again: a fresh first registration. */
    handover(T.c2, 30 * MS_NS_PER_MS);
    run_until(now() + 4 * MS_NS_PER_S);
    cr_assert_eq(home_entry().state, MS_MN_BUL_BOUND);
    cr_assert(ms_addr_find(T.mn, &T.hoa)->flags & MS_ADDR_F_HOME);
}

Test(mn, tunnel_from_stranger_dropped, .init = setup_default)
{
    register_at_c1();
    struct in6_addr c = coa();
    /* A packet for the home address tunnelled by the CN, not the HA. */
    uint8_t inner[MS_IP6_HLEN + MS_UDP_HLEN + 4];
    struct ms_udp u = {.sport = CN_PORT, .dport = MN_PORT};
    uint8_t pl[4] = {0, 0, 0, 7};
    cr_assert_gt(ms_udp_encode(&u, &T.cn_addr, &T.hoa, pl, sizeof pl, inner + MS_IP6_HLEN,
                               sizeof inner - MS_IP6_HLEN),
                 0);
    struct ms_ip6 h = {
        .plen = MS_UDP_HLEN + 4, .nh = MS_IPPROTO_UDP, .hlim = 64, .src = T.cn_addr, .dst = T.hoa};
    ms_ip6_encode(&h, inner, MS_IP6_HLEN);
    struct ms_pkt *pkt = ms_pkt_new(&T.sim.pool);
    memcpy(ms_pkt_put(pkt, sizeof inner), inner, sizeof inner);
    ms_ip6_encap_output(T.cn, pkt, &T.cn_addr, &c, MS_TX_NO_HOOKS);
    run_until(now() + 100 * MS_NS_PER_MS);
    cr_assert_eq(ms_mn_counters(T.mn_role)->tunnel_bad_src, 1);
    cr_assert_not(T.mn_got[7], "s11.3.3: not delivered");
}

Test(mn, ba_seq_out_of_window_resyncs)
{
    struct topo_opts o = {.ha_unreachable = true};
    build(&o);
    run_until(100 * MS_NS_PER_MS);
    attach(T.c1);
    wait_bu(1);
    run_until(now() + 300 * MS_NS_PER_MS);
    cr_assert_eq(ms_mn_counters(T.mn_role)->bu_sent, 1);
    struct in6_addr fake_ha = A("2001:db8:aa::99"), c = coa();
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_BA);
    m.u.ba.status = MS_BA_SEQ_OUT_OF_WINDOW;
    m.u.ba.seq = 4242; /* the last sequence number the "HA" accepted */
    craft_mh(T.ha, &fake_ha, &c, &T.hoa, &m);
    run_until(now() + 50 * MS_NS_PER_MS);
    const struct ms_mn_counters *k = ms_mn_counters(T.mn_role);
    cr_assert_eq(k->seq_resync, 1);
    cr_assert_eq(k->bu_sent, 2, "a new BU at once");
    struct ms_mn_bul_view v = home_entry();
    cr_assert_eq(v.seq, 4243, "s11.7.3: next after the BA's sequence number");
    cr_assert_eq(v.state, MS_MN_BUL_WAIT_BA);
    /* A BA with a stale sequence number is ignored. */
    ms_mh_init(&m, MS_MH_BA);
    m.u.ba.status = MS_BA_ACCEPTED;
    m.u.ba.seq = 4242;
    m.u.ba.lifetime_s = 100;
    craft_mh(T.ha, &fake_ha, &c, &T.hoa, &m);
    run_until(now() + 50 * MS_NS_PER_MS);
    cr_assert_eq(k->ba_ignored, 1);
    cr_assert_eq(home_entry().state, MS_MN_BUL_WAIT_BA);
    /* Without the Type 2 Routing Header it is ignored too (s9.5.4). */
    m.u.ba.seq = 4243;
    craft_mh(T.ha, &fake_ha, &c, NULL, &m);
    run_until(now() + 50 * MS_NS_PER_MS);
    cr_assert_eq(k->ba_ignored, 2);
    /* The right one: accepted, with the shorter lifetime. */
    craft_mh(T.ha, &fake_ha, &c, &T.hoa, &m);
    run_until(now() + 50 * MS_NS_PER_MS);
    v = home_entry();
    cr_assert_eq(v.state, MS_MN_BUL_BOUND);
    cr_assert_eq(v.lifetime_granted_s, 100);
    cr_assert_leq(v.remaining_ns, 100 * MS_NS_PER_S);
}

Test(mn, ba_dad_failed_stops)
{
    struct topo_opts o = {.ha_unreachable = true};
    build(&o);
    run_until(100 * MS_NS_PER_MS);
    attach(T.c1);
    wait_bu(1);
    run_until(now() + 300 * MS_NS_PER_MS);
    struct in6_addr fake_ha = A("2001:db8:aa::99"), c = coa();
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_BA);
    m.u.ba.status = MS_BA_DAD_FAILED;
    m.u.ba.seq = home_entry().seq;
    craft_mh(T.ha, &fake_ha, &c, &T.hoa, &m);
    run_until(now() + 60 * MS_NS_PER_S);
    struct ms_mn_bul_view v = home_entry();
    cr_assert_eq(v.state, MS_MN_BUL_FAILED);
    cr_assert_eq(v.last_status, MS_BA_DAD_FAILED);
    cr_assert(v.no_more_bu);
    cr_assert_eq(ms_mn_counters(T.mn_role)->bu_sent, 1, "no retransmission after a rejection");
    cr_assert_eq(ms_mn_counters(T.mn_role)->ba_rx[MS_BA_DAD_FAILED], 1);
}

Test(mn, queue_overflow_counted)
{
    struct topo_opts o = {.ha_unreachable = true, .queue_max = 4};
    build(&o);
    run_until(100 * MS_NS_PER_MS);
    attach(T.c1);
    wait_bu(1);
    start_mn_flow(10 * MS_NS_PER_MS);
    run_until(now() + 95 * MS_NS_PER_MS);
    stop_flows();
    const struct ms_mn_counters *k = ms_mn_counters(T.mn_role);
    cr_assert_eq(T.mn_sent, 10);
    cr_assert_eq(k->queued, 4);
    cr_assert_eq(k->queue_overflow, 6);
    cr_assert_eq(ms_mn_queue_len(T.mn_role), 4);
    cr_assert_eq(T.cn_rx, 0);
}

/* ---- route optimisation ---- */

static void
setup_ro(void)
{
    struct topo_opts o = {.cn_role = true, .ro = true};
    build(&o);
}

Test(mn, route_optimisation, .init = setup_ro)
{
    register_at_c1();
    run_until(now() + MS_NS_PER_S);
    struct in6_addr c = coa();
    struct ms_mn_bul_view v;
    cr_assert_eq(ms_mn_bul_find(T.mn_role, &T.cn_addr, &v), 0, "CN entry");
    cr_assert_eq(v.state, MS_MN_BUL_BOUND, "state %s", ms_mn_bul_state_name(v.state));
    cr_assert_not(v.home_reg);
    cr_assert(ms_in6_equal(&v.coa, &c));
    cr_assert_eq(v.last_status, MS_BA_ACCEPTED);
    cr_assert_leq(v.lifetime_granted_s, 420);
    const struct ms_mn_counters *k = ms_mn_counters(T.mn_role);
    cr_assert_eq(k->rr_runs, 1);
    cr_assert_eq(k->rr_done, 1);
    cr_assert_eq(k->hoti_sent, 1);
    cr_assert_eq(k->coti_sent, 1);
    cr_assert_eq(k->hot_rx, 1);
    cr_assert_eq(k->cot_rx, 1);
    struct ms_bc_view b;
    cr_assert_eq(ms_cn_binding_find(T.cn_role, &T.hoa, &b), 0, "CN binding");
    cr_assert(ms_in6_equal(&b.coa, &c));
    cr_assert_not(b.home_reg);
    /* Data both ways on the direct path. */
    uint64_t trx = k->tunnel_rx; /* the HoT came through the tunnel */
    cr_assert_eq(trx, 1);
    start_cn_flow(10 * MS_NS_PER_MS);
    start_mn_flow(10 * MS_NS_PER_MS);
    run_until(now() + 500 * MS_NS_PER_MS);
    stop_flows();
    run_until(now() + 100 * MS_NS_PER_MS);
    cr_assert_eq(T.cn_rx, T.mn_sent);
    cr_assert_eq(T.mn_rx, T.cn_sent);
    cr_assert_eq(k->ro_out, T.mn_sent, "s11.3.1: Home Address option, no tunnel");
    cr_assert_eq(k->tunnelled_out, 0);
    cr_assert_geq(ms_cn_counters(T.cn_role)->hao_in, T.mn_sent);
    cr_assert_geq(ms_cn_counters(T.cn_role)->rh2_out, T.cn_sent);
    cr_assert_eq(k->tunnel_rx, trx, "CN -> MN uses the Type 2 Routing Header");
}

Test(mn, route_optimisation_after_handover, .init = setup_ro)
{
    register_at_c1();
    run_until(5 * MS_NS_PER_S);
    handover(T.c2, 30 * MS_NS_PER_MS);
    run_until(now() + 3 * MS_NS_PER_S);
    struct in6_addr c = coa();
    struct ms_bc_view b;
    cr_assert_eq(ms_cn_binding_find(T.cn_role, &T.hoa, &b), 0);
    cr_assert(ms_in6_equal(&b.coa, &c), "CN learned the new CoA");
    cr_assert_eq(ms_mn_counters(T.mn_role)->rr_runs, 2);
}

Test(mn, binding_error_stops_ro, .init = setup_ro)
{
    register_at_c1();
    run_until(now() + MS_NS_PER_S);
    struct in6_addr c = coa();
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_BE);
    m.u.be.status = MS_BE_UNKNOWN_BINDING;
    m.u.be.hoa = T.hoa;
    craft_mh(T.cn, &T.cn_addr, &c, NULL, &m);
    run_until(now() + 100 * MS_NS_PER_MS);
    const struct ms_mn_counters *k = ms_mn_counters(T.mn_role);
    cr_assert_eq(k->be_rx, 1);
    cr_assert_eq(k->ro_stopped, 1);
    struct ms_mn_bul_view v;
    cr_assert_eq(ms_mn_bul_find(T.mn_role, &T.cn_addr, &v), 0);
    cr_assert_eq(v.state, MS_MN_BUL_FAILED);
    /* Data to the CN goes through the tunnel again. */
    start_mn_flow(10 * MS_NS_PER_MS);
    run_until(now() + 100 * MS_NS_PER_MS);
    stop_flows();
    run_until(now() + 100 * MS_NS_PER_MS);
    cr_assert_eq(k->ro_out, 0);
    cr_assert_eq(k->tunnelled_out, T.mn_sent);
    cr_assert_eq(T.cn_rx, T.mn_sent);
    /* A BE from a stranger is ignored (s11.3.6). */
    struct in6_addr stranger = A("2001:db8:f::2");
    craft_mh(T.ar1, &stranger, &c, NULL, &m);
    run_until(now() + 100 * MS_NS_PER_MS);
    cr_assert_eq(k->be_rx, 1);
}

Test(mn, brr_restarts_rr, .init = setup_ro)
{
    register_at_c1();
    run_until(now() + MS_NS_PER_S);
    struct in6_addr c = coa();
    struct ms_mn_bul_view v0;
    cr_assert_eq(ms_mn_bul_find(T.mn_role, &T.cn_addr, &v0), 0);
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_BRR);
    craft_mh(T.cn, &T.cn_addr, &c, &T.hoa, &m);
    run_until(now() + MS_NS_PER_S);
    const struct ms_mn_counters *k = ms_mn_counters(T.mn_role);
    cr_assert_eq(k->brr_rx, 1);
    cr_assert_eq(k->rr_runs, 2, "s11.7.4: a new return routability run");
    struct ms_mn_bul_view v;
    cr_assert_eq(ms_mn_bul_find(T.mn_role, &T.cn_addr, &v), 0);
    cr_assert_eq(v.state, MS_MN_BUL_BOUND);
    cr_assert_neq(v.seq, v0.seq);
}

Test(mn, ro_deleted_on_return_home, .init = setup_ro)
{
    register_at_c1();
    run_until(5 * MS_NS_PER_S);
    handover(T.home, 30 * MS_NS_PER_MS);
    run_until(now() + 2 * MS_NS_PER_S);
    cr_assert(ms_mn_at_home(T.mn_role));
    struct ms_bc_view b;
    cr_assert_neq(ms_cn_binding_find(T.cn_role, &T.hoa, &b), 0,
                  "s11.7.2: the CN's binding deleted from home");
    cr_assert_eq(ms_mn_bul_count(T.mn_role), 0);
}

Test(mn, plain_cn_without_mh_support)
{
    /* A correspondent without the CN role answers HoTI and CoTI with ICMP
     * Parameter Problem code 1 (RFC 6275 s6.1.1): s11.6.2 / s11.3.5, the
     * MN reverts to the tunnel at once. */
    struct topo_opts o = {.ro = true};
    build(&o);
    register_at_c1();
    struct ms_mn_bul_view v;
    cr_assert_eq(ms_mn_bul_find(T.mn_role, &T.cn_addr, &v), 0);
    cr_assert_eq(v.state, MS_MN_BUL_FAILED);
    cr_assert(v.no_more_bu);
    const struct ms_mn_counters *k = ms_mn_counters(T.mn_role);
    cr_assert_eq(k->ro_stopped, 1, "counted once for the two errors");
    cr_assert_eq(k->hoti_sent, 1);
    cr_assert_eq(k->coti_sent, 1);
    start_mn_flow(10 * MS_NS_PER_MS);
    run_until(now() + 100 * MS_NS_PER_MS);
    stop_flows();
    run_until(now() + 100 * MS_NS_PER_MS);
    cr_assert_eq(T.cn_rx, T.mn_sent);
    cr_assert_eq(k->tunnelled_out, T.mn_sent);
    cr_assert_eq(k->ro_out, 0);
}

Test(mn, rr_gives_up_after_backoff)
{
    /* Nobody answers the test messages: retransmission with new cookies
     * after 1, 2, 4, 8, 16, 32 s (s11.8), then route optimisation is given
     * up. */
    struct topo_opts o = {.ro = true, .ro_cn = "2001:db8:f::dd"};
    build(&o);
    register_at_c1();
    struct in6_addr cn = A("2001:db8:f::dd");
    /* RR starts with the BA, about 1 s before register_at_c1 returns. */
    run_until(now() + 58 * MS_NS_PER_S);
    struct ms_mn_bul_view v;
    cr_assert_eq(ms_mn_bul_find(T.mn_role, &cn, &v), 0);
    cr_assert_eq(v.state, MS_MN_BUL_RR);
    run_until(now() + 10 * MS_NS_PER_S);
    cr_assert_eq(ms_mn_bul_find(T.mn_role, &cn, &v), 0);
    cr_assert_eq(v.state, MS_MN_BUL_FAILED);
    cr_assert(v.no_more_bu);
    const struct ms_mn_counters *k = ms_mn_counters(T.mn_role);
    cr_assert_eq(k->ro_stopped, 1);
    cr_assert_eq(k->hoti_sent, 6, "first + 5 retransmissions");
    cr_assert_eq(k->coti_sent, 6);
    cr_assert_eq(k->rr_done, 0);
}

Test(mn, param_problem_stops_ro)
{
    /* s11.3.5: ICMP Parameter Problem code 1 about one of our Mobility
     * Header messages ends route optimisation with a bound correspondent. */
    struct topo_opts o = {.ro = true, .cn_role = true};
    build(&o);
    register_at_c1();
    run_until(now() + MS_NS_PER_S);
    struct ms_mn_bul_view v0;
    cr_assert_eq(ms_mn_bul_find(T.mn_role, &T.cn_addr, &v0), 0);
    cr_assert_eq(v0.state, MS_MN_BUL_BOUND);
    struct in6_addr c = coa();
    /* The invoking packet: our CoTI (CoA -> CN, next header 135). */
    uint8_t inv[MS_IP6_HLEN + 16] = {0};
    struct ms_ip6 ih = {.plen = 16, .nh = MS_IPPROTO_MH, .hlim = 64, .src = c, .dst = T.cn_addr};
    ms_ip6_encode(&ih, inv, MS_IP6_HLEN);
    uint8_t icmp[128];
    int len =
        ms_icmp6_error_encode(MS_ICMP6_PARAM_PROB, MS_ICMP6_PARAMPROB_NEXT_HEADER, MS_IP6_OFF_NH,
                              inv, sizeof inv, &T.cn_addr, &c, icmp, sizeof icmp);
    cr_assert_gt(len, 0);
    struct ms_pkt *pkt = ms_pkt_new(&T.sim.pool);
    memcpy(ms_pkt_put(pkt, (uint32_t)len), icmp, (size_t)len);
    ms_ip6_send(T.cn, pkt, &T.cn_addr, &c, MS_IPPROTO_ICMPV6, 0, MS_TX_NO_HOOKS);
    run_until(now() + 50 * MS_NS_PER_MS);
    struct ms_mn_bul_view v;
    cr_assert_eq(ms_mn_bul_find(T.mn_role, &T.cn_addr, &v), 0);
    cr_assert_eq(v.state, MS_MN_BUL_FAILED);
    cr_assert(v.no_more_bu);
    cr_assert_eq(ms_mn_counters(T.mn_role)->ro_stopped, 1);
}

Test(mn, mobile_prefix_solicitation, .init = setup_default)
{
    /* A home address 300 s from the end of its valid lifetime: the
     * registration lifetime is cut to it (s11.7.1) and a Mobile Prefix
     * Solicitation asks for fresh prefix information (s11.4.2). */
    struct ms_addr *a = ms_addr_find(T.mn, &T.hoa);
    a->valid_until_ns = 300 * MS_NS_PER_S;
    register_at_c1();
    struct ms_mn_bul_view v = home_entry();
    cr_assert_leq(v.lifetime_sent_s, 300);
    const struct ms_mn_counters *k = ms_mn_counters(T.mn_role);
    cr_assert_eq(k->mps_sent, 1);
    cr_assert_eq(k->mpa_rx, 1);
    cr_assert_gt(a->valid_until_ns, 1000 * MS_NS_PER_S, "lifetime from the home prefix");
}

Test(mn, bu_retransmission_existing_binding, .init = setup_default)
{
    /* s11.8: with a binding at the HA, INITIAL_BINDACK_TIMEOUT (1 s). */
    register_at_c1();
    run_until(5 * MS_NS_PER_S);
    T.bb->p.loss_ppm = 1000000; /* the backbone eats everything */
    uint64_t n0 = ms_mn_counters(T.mn_role)->bu_sent;
    handover(T.c2, 20 * MS_NS_PER_MS);
    int64_t t0 = wait_bu(n0 + 1);
    run_until(t0 + MS_NS_PER_S - MS_NS_PER_MS);
    cr_assert_eq(ms_mn_counters(T.mn_role)->bu_sent, n0 + 1);
    run_until(t0 + MS_NS_PER_S);
    cr_assert_eq(ms_mn_counters(T.mn_role)->bu_sent, n0 + 2);
    run_until(t0 + 3 * MS_NS_PER_S - MS_NS_PER_MS);
    cr_assert_eq(ms_mn_counters(T.mn_role)->bu_sent, n0 + 2);
    run_until(t0 + 3 * MS_NS_PER_S);
    cr_assert_eq(ms_mn_counters(T.mn_role)->bu_sent, n0 + 3);
    /* The old binding is still valid at the HA but names the old CoA:
     * originated packets wait. */
    start_mn_flow(100 * MS_NS_PER_MS);
    run_until(now() + 250 * MS_NS_PER_MS);
    stop_flows();
    cr_assert_eq(ms_mn_queue_len(T.mn_role), 3);
}

Test(mn, max_update_rate)
{
    /* s11.8: at most MAX_UPDATE_RATE (3) BUs a second to one peer: a
     * fourth quick move waits for the first BU of the second to age. */
    struct topo_opts o = {.mn_retrans_ns = 20 * MS_NS_PER_MS};
    build(&o);
    register_at_c1();
    run_until(5 * MS_NS_PER_S);
    uint64_t n0 = ms_mn_counters(T.mn_role)->bu_sent;
    struct ms_link *cells[] = {T.c2, T.c1, T.c2, T.c1};
    int64_t t_first = 0;
    for (unsigned i = 0; i < 3; i++) {
        handover(cells[i], 10 * MS_NS_PER_MS);
        int64_t t = wait_bu(n0 + i + 1);
        if (i == 0)
            t_first = t;
        run_until(5 * MS_NS_PER_S + (i + 1) * 100 * MS_NS_PER_MS);
    }
    handover(cells[3], 10 * MS_NS_PER_MS);
    run_until(t_first + MS_NS_PER_S - MS_NS_PER_MS);
    cr_assert_eq(ms_mn_counters(T.mn_role)->bu_sent, n0 + 3, "fourth BU held back");
    run_until(t_first + MS_NS_PER_S);
    cr_assert_eq(ms_mn_counters(T.mn_role)->bu_sent, n0 + 4, "sent once allowed");
    run_until(now() + 100 * MS_NS_PER_MS);
    cr_assert_eq(home_entry().state, MS_MN_BUL_BOUND);
    struct in6_addr c = coa();
    cr_assert(in_prefix(&c, "2001:db8:1::"));
}

Test(mn, dhaad_tries_next_home_agent)
{
    /* s11.4.1 / s11.7.1: the Reply lists a silent home agent first: after
     * the back-off gives up on it, the next one is tried. */
    struct topo_opts o = {.dhaad = true};
    build(&o);
    run_until(100 * MS_NS_PER_MS);
    attach(T.c1);
    for (int i = 0; i < 10000 && ms_mn_counters(T.mn_role)->dhaad_sent == 0; i++)
        run_until(now() + MS_NS_PER_MS);
    cr_assert_eq(ms_mn_counters(T.mn_role)->dhaad_sent, 1);
    /* A Reply from ar1 (one hop away, ahead of the real one). */
    struct ms_mn *mn = ms__mn_from_role(T.mn_role);
    struct ms_icmp6_mip m;
    memset(&m, 0, sizeof m);
    m.type = MS_ICMP6_DHAAD_REPLY;
    m.id = mn->dhaad_id;
    m.n_ha = 2;
    m.ha[0] = A("2001:db8:aa::99");
    m.ha[1] = T.ha_addr;
    struct in6_addr c = coa(), src = A("2001:db8:1::1");
    uint8_t buf[128];
    int len = ms_icmp6_mip_encode(&m, &src, &c, buf, sizeof buf);
    cr_assert_gt(len, 0);
    struct ms_pkt *pkt = ms_pkt_new(&T.sim.pool);
    memcpy(ms_pkt_put(pkt, (uint32_t)len), buf, (size_t)len);
    ms_ip6_send(T.ar1, pkt, &src, &c, MS_IPPROTO_ICMPV6, 0, MS_TX_NO_HOOKS);
    run_until(now() + 100 * MS_NS_PER_MS);
    const struct ms_mn_counters *k = ms_mn_counters(T.mn_role);
    cr_assert_eq(k->dhaad_rx, 1, "the later real Reply is not taken");
    struct in6_addr bogus = A("2001:db8:aa::99");
    cr_assert(ms_in6_equal(ms_mn_ha(T.mn_role), &bogus));
    run_until(now() + 80 * MS_NS_PER_S);
    cr_assert_eq(k->bu_gave_up, 1);
    cr_assert(ms_in6_equal(ms_mn_ha(T.mn_role), &T.ha_addr));
    struct ms_mn_bul_view v = home_entry();
    cr_assert_eq(v.state, MS_MN_BUL_BOUND);
    cr_assert_eq(ms_mn_bul_count(T.mn_role), 1, "the silent HA's entry is gone");
}
