/* Helpers shared by the stack tests (tests/unit/test_stack_*.c): a
 * simulation on the virtual clock, segments from mipsim/link, nodes with
 * predictable MACs, a recording role and a frame tap. */
#ifndef MIPSIM_TESTS_STACK_UTIL_H
#define MIPSIM_TESTS_STACK_UTIL_H

#include <criterion/criterion.h>
#include <string.h>

#include "core/sim.h"
#include "link/link.h"
#include "role/role.h"
#include "stack/nbr.h"
#include "stack/node.h"
#include "wire/codepoints.h"
#include "wire/eth.h"
#include "wire/ext.h"
#include "wire/icmp6.h"
#include "wire/ipv6.h"
#include "wire/mh.h"
#include "wire/nd.h"
#include "wire/udp.h"

#define T_MS(x) ((int64_t)(x)*MS_NS_PER_MS)
#define T_S(x) ((int64_t)(x)*MS_NS_PER_S)

static inline void
t_sim_init(struct ms_sim *sim)
{
    cr_assert_eq(ms_sim_init(sim, 42, MS_CLOCK_VIRTUAL), 0);
    sim->log.out = NULL; /* quiet; set to stderr when debugging */
}

static inline struct in6_addr
t_a(const char *s)
{
    struct in6_addr a;
    cr_assert_eq(ms_in6_parse(s, &a), 0, "bad address %s", s);
    return a;
}

/* Pointer form, from a ring of static slots (valid for the next 31 calls). */
static inline const struct in6_addr *
t_ap(const char *s)
{
    static struct in6_addr ring[32];
    static unsigned next;
    struct in6_addr *a = &ring[next++ % 32];
    *a = t_a(s);
    return a;
}

static inline struct ms_mac
t_mac(uint8_t last)
{
    struct ms_mac m = {{0x02, 0, 0, 0, 0, last}};
    return m;
}

static inline struct ms_link *
t_segment(struct ms_sim *sim, const char *name)
{
    struct ms_link_params p;
    ms_link_params_default(&p);
    struct ms_link *l = ms_link_new(sim, MS_LINK_SEGMENT, name, &p);
    cr_assert_not_null(l);
    return l;
}

/* A segment interface with MAC 02:00:00:00:00:<last>, attached to l. */
static inline struct ms_iface *
t_iface(struct ms_node *n, struct ms_link *l, uint8_t last)
{
    struct ms_mac m = t_mac(last);
    struct ms_iface *ifc = ms_iface_new(n, &m, false);
    cr_assert_not_null(ifc);
    if (l != NULL)
        cr_assert_eq(ms_link_attach(l, ifc), 0);
    return ifc;
}

static inline void
t_run_until(struct ms_sim *sim, int64_t t_ns)
{
    ms_sched_run(&sim->sched, t_ns);
}

static inline void
t_run_for(struct ms_sim *sim, int64_t d_ns)
{
    ms_sched_run(&sim->sched, ms_sim_now(sim) + d_ns);
}

/* ---- A role that records what the stack offers it ---- */

#define T_REC_MAX 16

struct t_icmp_rec {
    uint8_t type, code;
    uint32_t param;
    struct in6_addr src, dst;
    uint16_t id, seq;
    bool cksum_ok;
    uint32_t len;
    uint8_t inner_nh; /* errors: Next Header of the quoted packet */
    struct in6_addr inner_dst;
};

struct t_role {
    struct ms_role r;
    uint32_t n_icmp;
    struct t_icmp_rec icmp[T_REC_MAX];
    uint32_t n_mh;
    uint8_t mh_type[T_REC_MAX];
    bool mh_has_hao[T_REC_MAX];
    uint8_t be_status; /* of the last Binding Error */
    struct in6_addr be_hoa, be_dst;
    uint32_t n_tunnel;
    bool consume_tunnel;
    uint32_t n_addr_ok, n_addr_dup;
    struct in6_addr addr_ok[T_REC_MAX];
    int64_t addr_ok_ns[T_REC_MAX];
    uint32_t n_nd;
    uint32_t n_deliver;
    bool last_deliver_tunnelled;
};

static inline int
t_role_on_icmp6(struct ms_role *r, struct ms_pkt *pkt, const struct ms_rx *rx)
{
    struct t_role *t = (struct t_role *)r;
    if (t->n_icmp < T_REC_MAX) {
        struct t_icmp_rec *rec = &t->icmp[t->n_icmp];
        const uint8_t *p = pkt->data + rx->l4_off;
        struct ms_icmp6 m;
        memset(rec, 0, sizeof *rec);
        rec->type = p[0];
        rec->code = p[1];
        rec->src = rx->ip6.src;
        rec->dst = rx->ip6.dst;
        rec->len = rx->l4_len;
        rec->cksum_ok = ms_icmp6_verify_cksum(p, rx->l4_len, &rx->ip6.src, &rx->ip6.dst) == 0;
        if (ms_icmp6_decode(p, rx->l4_len, &m) == 0) {
            rec->param = m.param;
            rec->id = m.echo.id;
            rec->seq = m.echo.seq;
            if (m.type < 128 && m.body_len >= MS_IP6_HLEN) {
                rec->inner_nh = p[m.body_off + MS_IP6_OFF_NH];
                memcpy(&rec->inner_dst, p + m.body_off + MS_IP6_OFF_DST, 16);
            }
        }
    }
    t->n_icmp++;
    return MS_ROLE_PASS;
}

static inline int
t_role_on_mh(struct ms_role *r, struct ms_pkt *pkt, const struct ms_rx *rx, const struct ms_mh *mh)
{
    (void)pkt;
    struct t_role *t = (struct t_role *)r;
    if (t->n_mh < T_REC_MAX) {
        t->mh_type[t->n_mh] = mh->type;
        t->mh_has_hao[t->n_mh] = rx->has_hao;
    }
    if (mh->type == MS_MH_BE) {
        t->be_status = mh->u.be.status;
        t->be_hoa = mh->u.be.hoa;
        t->be_dst = rx->ip6.dst;
    }
    t->n_mh++;
    return MS_ROLE_PASS;
}

static inline int
t_role_on_tunnel(struct ms_role *r, struct ms_pkt *pkt, const struct ms_rx *outer)
{
    (void)outer;
    struct t_role *t = (struct t_role *)r;
    t->n_tunnel++;
    if (t->consume_tunnel) {
        ms_pkt_free(pkt);
        return MS_ROLE_CONSUMED;
    }
    return MS_ROLE_PASS;
}

static inline void
t_role_on_addr(struct ms_role *r, struct ms_iface *ifc, const struct ms_addr *a, bool ok)
{
    struct t_role *t = (struct t_role *)r;
    if (ok) {
        if (t->n_addr_ok < T_REC_MAX) {
            t->addr_ok[t->n_addr_ok] = a->addr;
            t->addr_ok_ns[t->n_addr_ok] = ms_sim_now(ifc->node->sim);
        }
        t->n_addr_ok++;
    } else
        t->n_addr_dup++;
}

static inline void
t_role_on_nd(struct ms_role *r, struct ms_iface *ifc, const struct ms_rx *rx,
             const struct ms_nd *nd)
{
    (void)ifc;
    (void)rx;
    (void)nd;
    ((struct t_role *)r)->n_nd++;
}

static inline void
t_role_on_deliver(struct ms_role *r, const struct ms_pkt *pkt, const struct ms_rx *rx)
{
    (void)pkt;
    struct t_role *t = (struct t_role *)r;
    t->n_deliver++;
    t->last_deliver_tunnelled = rx->tunnelled;
}

static const struct ms_role_ops t_role_ops = {
    .name = "test",
    .on_mh = t_role_on_mh,
    .on_icmp6 = t_role_on_icmp6,
    .on_nd = t_role_on_nd,
    .on_tunnel = t_role_on_tunnel,
    .on_deliver = t_role_on_deliver,
    .on_addr = t_role_on_addr,
};

static inline void
t_role_attach(struct ms_node *n, struct t_role *t)
{
    memset(t, 0, sizeof *t);
    t->r.ops = &t_role_ops;
    ms_role_attach(n, &t->r);
}

/* ---- UDP receive recorder ---- */

struct t_udp_rx {
    uint32_t count;
    struct in6_addr src, dst;
    uint16_t sport;
    size_t len;
    uint8_t first;
};

static inline void
t_udp_cb(struct ms_udp_sock *s, struct ms_pkt *pkt, const struct in6_addr *src,
         const struct in6_addr *dst, uint16_t sport, const uint8_t *payload, size_t len)
{
    (void)pkt;
    struct t_udp_rx *r = s->data;
    r->count++;
    r->src = *src;
    r->dst = *dst;
    r->sport = sport;
    r->len = len;
    r->first = len ? payload[0] : 0;
}

/* ---- Frame tap on a link (ms_link_set_rx_hook) ---- */

#define T_TAP_MAX 64

struct t_frame {
    struct ms_iface *to;
    uint32_t len;
    uint8_t data[256];
    int64_t t_ns;
};

struct t_tap {
    uint32_t n;
    struct t_frame f[T_TAP_MAX];
    struct ms_sim *sim;
};

static inline void
t_tap_hook(void *data, struct ms_link *l, struct ms_iface *to, const struct ms_pkt *pkt)
{
    (void)l;
    struct t_tap *t = data;
    if (t->n < T_TAP_MAX) {
        struct t_frame *f = &t->f[t->n];
        f->to = to;
        f->len = pkt->len;
        f->t_ns = ms_sim_now(t->sim);
        memcpy(f->data, pkt->data, pkt->len < sizeof f->data ? pkt->len : sizeof f->data);
    }
    t->n++;
}

static inline void
t_tap_start(struct t_tap *t, struct ms_sim *sim, struct ms_link *l)
{
    memset(t, 0, sizeof *t);
    t->sim = sim;
    ms_link_set_rx_hook(l, t_tap_hook, t);
}

/* ICMPv6 type of a captured IPv6 frame without extension headers, or -1. */
static inline int
t_frame_icmp_type(const struct t_frame *f)
{
    if (f->len < MS_ETH_HLEN + MS_IP6_HLEN + 1 || f->data[MS_ETH_HLEN + MS_IP6_OFF_NH] != 58)
        return -1;
    return f->data[MS_ETH_HLEN + MS_IP6_HLEN];
}

/* ---- Raw frame building, for malformed input ---- */

/* Builds Ethernet + IPv6 header + payload into buf; returns the length. */
static inline size_t
t_build_frame(uint8_t *buf, size_t cap, const struct ms_mac *dst, const struct ms_mac *src,
              const struct in6_addr *s, const struct in6_addr *d, uint8_t nh, uint8_t hlim,
              const uint8_t *payload, size_t plen)
{
    cr_assert(cap >= MS_ETH_HLEN + MS_IP6_HLEN + plen);
    struct ms_eth eth = {.dst = *dst, .src = *src, .ethertype = MS_ETHERTYPE_IPV6};
    ms_eth_encode(&eth, buf, cap);
    struct ms_ip6 ip6 = {.plen = (uint16_t)plen, .nh = nh, .hlim = hlim, .src = *s, .dst = *d};
    ms_ip6_encode(&ip6, buf + MS_ETH_HLEN, cap - MS_ETH_HLEN);
    if (plen)
        memcpy(buf + MS_ETH_HLEN + MS_IP6_HLEN, payload, plen);
    return MS_ETH_HLEN + MS_IP6_HLEN + plen;
}

/* Hands a raw frame to an interface as if a link delivered it. */
static inline void
t_inject(struct ms_sim *sim, struct ms_iface *ifc, const uint8_t *frame, size_t len)
{
    struct ms_pkt *pkt = ms_pkt_new(&sim->pool);
    cr_assert_not_null(pkt);
    uint8_t *p = ms_pkt_put(pkt, (uint32_t)len);
    cr_assert_not_null(p);
    memcpy(p, frame, len);
    ms_iface_input(ifc, pkt);
}

#endif
