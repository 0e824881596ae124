/* Test topology shared by test_ha.c and test_cn.c: a home agent that is
 * also the router between three links, a fake mobile node (a plain node
 * whose packets the test builds byte by byte with the wire codecs), a
 * correspondent and another node on the home link.
 *
 *   home link 2001:db8:1::/64     foreign link 2001:db8:2::/64
 *   [home ::99] --- [HA ::1 | ::1 | ::1] --- [MN CoA ::100, HoA 2001:db8:1::100]
 *                          |
 *                   cn link 2001:db8:3::/64 --- [CN ::5]
 *
 * Every frame delivered to the MN, the CN and the home node is copied (wire
 * form, before the receiver's stack touches it) for assertions.  A "sniff"
 * role on the MN consumes the Mobility Headers and MIPv6 ICMP messages
 * addressed to it and counts them.
 */
#ifndef MIPSIM_TESTS_HACN_FIXTURE_H
#define MIPSIM_TESTS_HACN_FIXTURE_H

#include <criterion/criterion.h>

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "core/sim.h"
#include "link/link.h"
#include "role/cn.h"
#include "role/ha.h"
#include "role/role.h"
#include "sec/rr.h"
#include "stack/node.h"
#include "wire/bytes.h"
#include "wire/codepoints.h"
#include "wire/err.h"
#include "wire/eth.h"
#include "wire/ext.h"
#include "wire/icmp6.h"
#include "wire/ipv6.h"
#include "wire/mh.h"
#include "wire/nd.h"
#include "wire/udp.h"

#define FX_MAX_FRAMES 512
#define FX_FRAME_MAX 1600

static inline struct in6_addr
fx_a(const char *s)
{
    struct in6_addr a;
    cr_assert_eq(inet_pton(AF_INET6, s, &a), 1, "bad address %s", s);
    return a;
}

static inline int64_t
fx_ms(int64_t ms)
{
    return ms * MS_NS_PER_MS;
}

struct fx_frame {
    struct ms_iface *to;
    int64_t t_ns;
    uint32_t len;
    uint8_t b[FX_FRAME_MAX];
};

/* What the sniff role saw (after the MN's stack processed the packet). */
struct fx_sniff {
    struct ms_role role;
    uint32_t mh_count[256];
    struct ms_mh last[256]; /* last message of each MH type */
    bool last_rh2[256];
    uint32_t icmp_count[256];
    struct ms_icmp6_mip last_mip[256];
    struct ms_icmp6 last_err;
};

struct fx {
    struct ms_sim sim;
    struct ms_node *ha, *mn, *cn, *home;
    struct ms_iface *ha_home, *ha_fgn, *ha_cnl, *mn_if, *cn_if, *home_if;
    struct ms_link *lhome, *lfgn, *lcn;
    struct ms_role *har, *cnr;
    struct fx_sniff *sniff;
    struct in6_addr ha_addr, ha_fgn_addr, ha_cn_addr, hoa, coa, coa2, cn_addr, home_addr;
    struct fx_frame *frames;
    uint32_t nframes;
};

static inline int
fx_sniff_mh(struct ms_role *r, struct ms_pkt *pkt, const struct ms_rx *rx, const struct ms_mh *mh)
{
    struct fx_sniff *s = (struct fx_sniff *)r;
    s->mh_count[mh->type]++;
    s->last[mh->type] = *mh;
    s->last_rh2[mh->type] = rx->has_rh2;
    ms_pkt_free(pkt);
    return MS_ROLE_CONSUMED;
}

static inline int
fx_sniff_icmp6(struct ms_role *r, struct ms_pkt *pkt, const struct ms_rx *rx)
{
    struct fx_sniff *s = (struct fx_sniff *)r;
    const uint8_t *p = pkt->data + rx->l4_off;
    if (rx->l4_len < 4)
        return MS_ROLE_PASS;
    s->icmp_count[p[0]]++;
    if (p[0] >= MS_ICMP6_DHAAD_REQUEST && p[0] <= MS_ICMP6_MPA)
        ms_icmp6_mip_decode(p, rx->l4_len, &s->last_mip[p[0]]);
    else if (p[0] < 128)
        ms_icmp6_decode(p, rx->l4_len, &s->last_err);
    else
        return MS_ROLE_PASS;
    ms_pkt_free(pkt);
    return MS_ROLE_CONSUMED;
}

static inline void
fx_sniff_free(struct ms_role *r)
{
    free(r);
}

static const struct ms_role_ops fx_sniff_ops = {
    .name = "sniff",
    .on_mh = fx_sniff_mh,
    .on_icmp6 = fx_sniff_icmp6,
    .free = fx_sniff_free,
};

static inline void
fx_rx_hook(void *data, struct ms_link *l, struct ms_iface *to, const struct ms_pkt *pkt)
{
    (void)l;
    struct fx *f = data;
    if (f->nframes >= FX_MAX_FRAMES || pkt->len > FX_FRAME_MAX)
        return;
    struct fx_frame *fr = &f->frames[f->nframes++];
    fr->to = to;
    fr->t_ns = ms_sim_now(&f->sim);
    fr->len = pkt->len;
    memcpy(fr->b, pkt->data, pkt->len);
}

static inline struct ms_mac
fx_mac(uint8_t x)
{
    struct ms_mac m = {{0x02, 0, 0, 0, 0, x}};
    return m;
}

static inline void
fx_addr(struct ms_iface *ifc, const struct in6_addr *a, uint8_t flags)
{
    cr_assert_not_null(
        ms_addr_add(ifc, a, 64, (uint8_t)(MS_ADDR_F_STATIC | MS_ADDR_F_NODAD | flags)));
}

static inline void
fx_run_until(struct fx *f, int64_t t_ns)
{
    ms_sched_run(&f->sim.sched, t_ns);
}

static inline void
fx_run_for(struct fx *f, int64_t d_ns)
{
    ms_sched_run(&f->sim.sched, ms_sim_now(&f->sim) + d_ns);
}

/* Builds the topology; ha_cfg NULL = defaults; cn_role adds the MIPv6
 * correspondent role on the CN.  Runs 2 s so that link-local DAD and the
 * first RAs are over. */
static inline void
fx_setup(struct fx *f, const struct ms_ha_cfg *ha_cfg, bool cn_role, const struct ms_cn_cfg *cn_cfg)
{
    memset(f, 0, sizeof *f);
    cr_assert_eq(ms_sim_init(&f->sim, 7, MS_CLOCK_VIRTUAL), 0);
    f->sim.log.out = getenv("FX_LOG") ? stderr : NULL;
    f->sim.log.level = MS_LOG_DEBUG;
    f->frames = calloc(FX_MAX_FRAMES, sizeof *f->frames);
    cr_assert_not_null(f->frames);

    f->ha_addr = fx_a("2001:db8:1::1");
    f->ha_fgn_addr = fx_a("2001:db8:2::1");
    f->ha_cn_addr = fx_a("2001:db8:3::1");
    f->hoa = fx_a("2001:db8:1::100");
    f->coa = fx_a("2001:db8:2::100");
    f->coa2 = fx_a("2001:db8:2::200");
    f->cn_addr = fx_a("2001:db8:3::5");
    f->home_addr = fx_a("2001:db8:1::99");

    struct ms_link_params lp;
    ms_link_params_default(&lp);
    f->lhome = ms_link_new(&f->sim, MS_LINK_SEGMENT, "home", &lp);
    f->lfgn = ms_link_new(&f->sim, MS_LINK_SEGMENT, "foreign", &lp);
    f->lcn = ms_link_new(&f->sim, MS_LINK_SEGMENT, "cnlink", &lp);
    cr_assert(f->lhome && f->lfgn && f->lcn);

    f->ha = ms_node_new(&f->sim, "ha", true);
    f->mn = ms_node_new(&f->sim, "mn", false);
    f->cn = ms_node_new(&f->sim, "cn", false);
    f->home = ms_node_new(&f->sim, "home", false);
    cr_assert(f->ha && f->mn && f->cn && f->home);
    struct ms_mac m1 = fx_mac(1), m2 = fx_mac(2), m3 = fx_mac(3), m4 = fx_mac(4), m5 = fx_mac(5),
                  m6 = fx_mac(6);
    f->ha_home = ms_iface_new(f->ha, &m1, false);
    f->ha_fgn = ms_iface_new(f->ha, &m2, false);
    f->ha_cnl = ms_iface_new(f->ha, &m3, false);
    f->mn_if = ms_iface_new(f->mn, &m4, false);
    f->cn_if = ms_iface_new(f->cn, &m5, false);
    f->home_if = ms_iface_new(f->home, &m6, false);
    cr_assert_eq(ms_link_attach(f->lhome, f->ha_home), 0);
    cr_assert_eq(ms_link_attach(f->lhome, f->home_if), 0);
    cr_assert_eq(ms_link_attach(f->lfgn, f->ha_fgn), 0);
    cr_assert_eq(ms_link_attach(f->lfgn, f->mn_if), 0);
    cr_assert_eq(ms_link_attach(f->lcn, f->ha_cnl), 0);
    cr_assert_eq(ms_link_attach(f->lcn, f->cn_if), 0);

    fx_addr(f->ha_home, &f->ha_addr, 0);
    fx_addr(f->ha_fgn, &f->ha_fgn_addr, 0);
    fx_addr(f->ha_cnl, &f->ha_cn_addr, 0);
    fx_addr(f->mn_if, &f->coa, 0);
    fx_addr(f->mn_if, &f->hoa, MS_ADDR_F_HOME);
    fx_addr(f->mn_if, &f->coa2, 0);
    fx_addr(f->cn_if, &f->cn_addr, 0);
    fx_addr(f->home_if, &f->home_addr, 0);
    /* The MN and the CN ignore RAs: static routes only. */
    f->mn_if->accept_ra = false;
    f->cn_if->accept_ra = false;
    f->home_if->accept_ra = false;
    struct in6_addr any = fx_a("::");
    cr_assert_eq(ms_route_add(f->mn, &any, 0, f->mn_if, &f->ha_fgn_addr, 1), 0);
    cr_assert_eq(ms_route_add(f->cn, &any, 0, f->cn_if, &f->ha_cn_addr, 1), 0);
    cr_assert_eq(ms_route_add(f->home, &any, 0, f->home_if, &f->ha_addr, 1), 0);

    f->har = ms_ha_new(f->ha, f->ha_home, ha_cfg);
    cr_assert_not_null(f->har);
    if (cn_role) {
        f->cnr = ms_cn_new(f->cn, cn_cfg);
        cr_assert_not_null(f->cnr);
    }
    f->sniff = calloc(1, sizeof *f->sniff);
    f->sniff->role.ops = &fx_sniff_ops;
    ms_role_attach(f->mn, &f->sniff->role);

    ms_link_set_rx_hook(f->lfgn, fx_rx_hook, f);
    ms_link_set_rx_hook(f->lcn, fx_rx_hook, f);
    ms_link_set_rx_hook(f->lhome, fx_rx_hook, f);
    fx_run_until(f, fx_ms(2000));
    f->nframes = 0;
}

static inline void
fx_teardown(struct fx *f)
{
    ms_node_free(f->ha);
    ms_node_free(f->mn);
    ms_node_free(f->cn);
    ms_node_free(f->home);
    ms_link_free(f->lhome);
    ms_link_free(f->lfgn);
    ms_link_free(f->lcn);
    ms_sim_fini(&f->sim);
    free(f->frames);
}

/* ---- building packets at the MN ---- */

/* Sends payload (upper layer nh) from the MN with source src to dst, with a
 * Home Address option carrying hoa when hoa is not NULL. */
static inline void
fx_send_raw(struct fx *f, struct ms_node *from, const struct in6_addr *src,
            const struct in6_addr *dst, const struct in6_addr *hoa, uint8_t nh,
            const uint8_t *payload, size_t len)
{
    struct ms_pkt *pkt = ms_pkt_new(&f->sim.pool);
    cr_assert_not_null(pkt);
    uint8_t nh0 = nh;
    if (hoa != NULL) {
        uint8_t *d = ms_pkt_put(pkt, MS_EXT_DSTOPT_HAO_LEN);
        cr_assert_eq(ms_ext_dstopt_hao_encode(hoa, nh, d, MS_EXT_DSTOPT_HAO_LEN),
                     MS_EXT_DSTOPT_HAO_LEN);
        nh0 = MS_IPPROTO_DSTOPTS;
    }
    memcpy(ms_pkt_put(pkt, (uint32_t)len), payload, len);
    cr_assert_eq(ms_ip6_send(from, pkt, src, dst, nh0, 0, MS_TX_NO_HOOKS), 0);
}

/* Encodes m (checksum for the home address as source when hoa is set, else
 * src) and sends it from the MN. */
static inline void
fx_send_mh(struct fx *f, const struct ms_mh *m, const struct in6_addr *src,
           const struct in6_addr *dst, const struct in6_addr *hoa)
{
    uint8_t buf[MS_MH_MAX_LEN];
    int n = ms_mh_encode(m, hoa ? hoa : src, dst, buf, sizeof buf);
    cr_assert_gt(n, 0, "ms_mh_encode: %d", n);
    fx_send_raw(f, f->mn, src, dst, hoa, MS_IPPROTO_MH, buf, (size_t)n);
}

/* A home registration BU from the CoA with a Home Address option. */
static inline void
fx_send_home_bu(struct fx *f, const struct in6_addr *hoa, const struct in6_addr *coa, uint16_t seq,
                uint16_t flags, uint32_t lifetime_s)
{
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_BU);
    m.u.bu.seq = seq;
    m.u.bu.flags = flags;
    m.u.bu.lifetime_s = lifetime_s;
    fx_send_mh(f, &m, coa, &f->ha_addr, hoa);
}

/* Encapsulates the IPv6 packet ip6[0..len) from outer_src to outer_dst. */
static inline void
fx_send_tunnelled(struct fx *f, const struct in6_addr *outer_src, const struct in6_addr *outer_dst,
                  const uint8_t *ip6, size_t len)
{
    struct ms_pkt *pkt = ms_pkt_new(&f->sim.pool);
    cr_assert_not_null(pkt);
    memcpy(ms_pkt_put(pkt, (uint32_t)len), ip6, len);
    cr_assert_eq(ms_ip6_encap_output(f->mn, pkt, outer_src, outer_dst, MS_TX_NO_HOOKS), 0);
}

/* Builds a complete IPv6 packet: header + payload. */
static inline size_t
fx_build_ip6(uint8_t *buf, const struct in6_addr *src, const struct in6_addr *dst, uint8_t nh,
             const uint8_t *payload, size_t len)
{
    struct ms_ip6 h = {.plen = (uint16_t)len, .nh = nh, .hlim = 64, .src = *src, .dst = *dst};
    cr_assert_eq(ms_ip6_encode(&h, buf, MS_IP6_HLEN), MS_IP6_HLEN);
    memcpy(buf + MS_IP6_HLEN, payload, len);
    return MS_IP6_HLEN + len;
}

/* ---- looking at captured frames ---- */

struct fx_pkt {
    const struct fx_frame *fr;
    struct ms_ip6 ip6;
    struct ms_ext_info ext;
    const uint8_t *l4;
    size_t l4_len;
    struct in6_addr final_dst; /* RH2 address when present */
    struct in6_addr src_ul;    /* HAO address when present */
};

/* Parses frame i; false when it is not a (valid) IPv6 packet. */
static inline bool
fx_parse(const struct fx *f, uint32_t i, struct fx_pkt *out)
{
    const struct fx_frame *fr = &f->frames[i];
    memset(out, 0, sizeof *out);
    out->fr = fr;
    if (fr->len < 14 + MS_IP6_HLEN || ms_rd16(fr->b + 12) != MS_ETHERTYPE_IPV6)
        return false;
    const uint8_t *p = fr->b + 14;
    if (ms_ip6_decode(p, fr->len - 14, &out->ip6) < 0)
        return false;
    if (ms_ext_walk(p + MS_IP6_HLEN, out->ip6.plen, out->ip6.nh, &out->ext) < 0)
        return false;
    out->l4 = p + MS_IP6_HLEN + out->ext.upper_off;
    out->l4_len = out->ip6.plen - out->ext.upper_off;
    out->final_dst = (out->ext.present & MS_EXT_F_RH2) ? out->ext.rh2_addr : out->ip6.dst;
    out->src_ul = (out->ext.present & MS_EXT_F_HAO) ? out->ext.hao : out->ip6.src;
    return true;
}

/* Index of the last frame delivered to ifc carrying MH type mh_type (or
 * ICMPv6 type when mh_type >= 1000: type = mh_type - 1000), or -1. */
static inline int
fx_find_last(const struct fx *f, const struct ms_iface *to, int type)
{
    for (int i = (int)f->nframes - 1; i >= 0; i--) {
        struct fx_pkt p;
        if (f->frames[i].to != to || !fx_parse(f, (uint32_t)i, &p) || p.l4_len < 3)
            continue;
        if (type < 1000 && p.ext.upper == MS_IPPROTO_MH && p.l4[2] == type)
            return i;
        if (type >= 1000 && p.ext.upper == MS_IPPROTO_ICMPV6 && p.l4[0] == type - 1000)
            return i;
    }
    return -1;
}

static inline int
fx_count(const struct fx *f, const struct ms_iface *to, int type)
{
    int n = 0;
    for (uint32_t i = 0; i < f->nframes; i++) {
        struct fx_pkt p;
        if (f->frames[i].to != to || !fx_parse(f, i, &p) || p.l4_len < 3)
            continue;
        if (type < 1000 && p.ext.upper == MS_IPPROTO_MH && p.l4[2] == type)
            n++;
        if (type >= 1000 && p.ext.upper == MS_IPPROTO_ICMPV6 && p.l4[0] == type - 1000)
            n++;
    }
    return n;
}

/* The last BA delivered to the MN, decoded, with its checksum verified for
 * the final destination (RFC 8200 s8.1); false when none. */
static inline bool
fx_last_ba(const struct fx *f, struct ms_mh *ba, struct fx_pkt *pk)
{
    int i = fx_find_last(f, f->mn_if, MS_MH_BA);
    if (i < 0)
        return false;
    cr_assert(fx_parse(f, (uint32_t)i, pk));
    cr_assert_eq(ms_mh_decode(pk->l4, pk->l4_len, ba), 0);
    cr_assert_eq(ms_mh_verify_cksum(pk->l4, pk->l4_len, &pk->src_ul, &pk->final_dst), 0,
                 "BA checksum over the final destination");
    return true;
}

#endif
