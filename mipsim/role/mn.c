/* Mobile node role: hooks, views and the packet helpers the other mn_*.c
 * files share (RFC 6275 s11). */
#include "role/mn.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/prefetch.h"
#include "report/report.h"
#include "role/mn_bul.h"
#include "wire/bytes.h"
#include "wire/codepoints.h"
#include "wire/err.h"
#include "wire/ext.h"
#include "wire/ipv6.h"
#include "wire/mh.h"
#include "wire/nd.h"

static const struct ms_role_ops mn_ops;

/* Every scalar counter of the public view is listed in
 * MS__MN_SCALAR_COUNTERS: the view is that list plus ba_rx[256]. */
#define MS__MN_COUNT_ONE(name) +1
_Static_assert(sizeof(struct ms_mn_counters) ==
                   (0 MS__MN_SCALAR_COUNTERS(MS__MN_COUNT_ONE)) * sizeof(uint64_t) +
                       256 * sizeof(uint64_t),
               "struct ms_mn_counters and MS__MN_SCALAR_COUNTERS disagree");
#undef MS__MN_COUNT_ONE

void
ms_mn_cfg_default(struct ms_mn_cfg *c)
{
    memset(c, 0, sizeof *c);
    c->home_plen = 64;
    c->lifetime_s = 420;
    c->cn_lifetime_s = MS_MN_MAX_RR_BINDING_LIFETIME_S;
    c->cn_ack = true;
    c->skip_rs_delay = true;
    c->initial_bindack_first_reg_ns = MS_MN_INITIAL_BINDACK_FIRST_REG_NS;
    c->initial_bindack_ns = MS_MN_INITIAL_BINDACK_TIMEOUT_NS;
    c->max_bindack_ns = MS_MN_MAX_BINDACK_TIMEOUT_NS;
    c->refresh_percent = 80;
    c->queue_max = 64;
    c->home_na_count = 1;
}

struct ms_mn *
ms__mn_from_role(const struct ms_role *r)
{
    if (r == NULL || r->ops != &mn_ops)
        return NULL;
    /* The role is the first member of struct ms_mn. */
    return (struct ms_mn *)(uintptr_t)r;
}

bool
ms_role_is_mn(const struct ms_role *r)
{
    return r != NULL && r->ops == &mn_ops;
}

int64_t
ms__mn_now(const struct ms_mn *mn)
{
    return ms_sim_now(mn->role.node->sim);
}

struct ms_report *
ms__mn_report(const struct ms_mn *mn)
{
    return mn->role.node->sim->report;
}

/* ---- handover records (mipsim/report) ---- */

void
ms__mn_ho_mark(struct ms_mn *mn, enum ms_ho_mark m)
{
    struct ms_report *rep = ms__mn_report(mn);
    if (rep == NULL || !mn->ho_open)
        return;
    ms_report_ho_mark(rep, mn->role.node->name, m, ms__mn_now(mn));
}

/* BA_RECEIVED with the status of the BA that completed the registration:
 * only the first BA of a handover counts, like the mark itself. */
void
ms__mn_ho_ba(struct ms_mn *mn, int status)
{
    struct ms_report *rep = ms__mn_report(mn);
    if (rep == NULL || !mn->ho_open)
        return;
    struct ms_ho_record *h = ms_report_ho_current(rep, mn->role.node->name);
    if (h == NULL || h->t[MS_HO_BA_RECEIVED] != MS_TIME_NEVER)
        return;
    ms_report_ho_mark(rep, mn->role.node->name, MS_HO_BA_RECEIVED, ms__mn_now(mn));
    h->ba_status = status;
}

/* ---- home address flags ---- */

void
ms__mn_hoa_set_home_flag(struct ms_mn *mn, bool away)
{
    struct ms_addr *a = ms_addr_find(mn->role.node, &mn->cfg.hoa);
    if (a == NULL)
        return;
    /* RFC 6275 s11.5.5: no DAD on the home address when coming back while a
     * binding may exist, so it keeps MS_ADDR_F_NODAD in both places. */
    if (away)
        a->flags |= MS_ADDR_F_HOME;
    else
        a->flags &= (uint8_t)~MS_ADDR_F_HOME;
    a->flags |= MS_ADDR_F_NODAD;
    if (a->state == MS_ADDR_TENTATIVE || a->state == MS_ADDR_NONE)
        a->state = MS_ADDR_PREFERRED;
}

/* ---- packet helpers ---- */

int
ms__mn_output(struct ms_mn *mn, struct ms_pkt *pkt)
{
    struct ms_node *n = mn->role.node;
    struct ms_iface *ifc = mn->radio;
    /* Signalling and tunnelled traffic leave through the radio's default
     * router: routes for the home prefix (which may point on-link while
     * at home) must not steer packets for the home agent while away. */
    if (ifc->up && !ms_in6_is_unspecified(&ifc->dflt.addr))
        return ms_ip6_output_if(n, ifc, &ifc->dflt.addr, pkt, MS_TX_NO_HOOKS);
    return ms_ip6_output(n, pkt, MS_TX_NO_HOOKS);
}

static uint8_t
mn_hlim(const struct ms_mn *mn)
{
    uint8_t h = mn->role.node->nd.cur_hop_limit;
    return h != 0 ? h : 64;
}

struct ms_pkt *
ms__mn_pkt_build(struct ms_mn *mn, const struct in6_addr *src, const struct in6_addr *dst,
                 const struct in6_addr *hao, uint8_t nh, const uint8_t *upper, size_t ulen)
{
    struct ms_node *n = mn->role.node;
    size_t ext = hao != NULL ? MS_EXT_DSTOPT_HAO_LEN : 0;
    size_t total = MS_IP6_HLEN + ext + ulen;
    if (total > 0xFFFF + MS_IP6_HLEN)
        return NULL;
    struct ms_pkt *pkt = ms_pkt_new(&n->sim->pool);
    if (pkt == NULL) {
        ms_node_drop(n, NULL, MS_ENO_BUFS, "mn: building a packet");
        return NULL;
    }
    uint8_t *p = ms_pkt_put(pkt, (uint32_t)total);
    if (p == NULL) {
        ms_pkt_free(pkt);
        return NULL;
    }
    struct ms_ip6 h = {
        .plen = (uint16_t)(total - MS_IP6_HLEN),
        .nh = hao != NULL ? (uint8_t)MS_IPPROTO_DSTOPTS : nh,
        .hlim = mn_hlim(mn),
        .src = *src,
        .dst = *dst,
    };
    if (ms_ip6_encode(&h, p, MS_IP6_HLEN) < 0 ||
        (hao != NULL &&
         ms_ext_dstopt_hao_encode(hao, nh, p + MS_IP6_HLEN, MS_EXT_DSTOPT_HAO_LEN) < 0)) {
        ms_pkt_free(pkt);
        return NULL;
    }
    if (ulen > 0)
        memcpy(p + MS_IP6_HLEN + ext, upper, ulen);
    return pkt;
}

int
ms__mn_tunnel_output(struct ms_mn *mn, struct ms_pkt *pkt)
{
    struct ms_node *n = mn->role.node;
    if (!mn->have_coa || !mn->ha_known) {
        ms_node_drop(n, pkt, MS_ENO_BINDING, "mn: tunnel without CoA or HA");
        return MS_ENO_BINDING;
    }
    uint32_t inner = pkt->len;
    if (inner > 0xFFFF) {
        ms_node_drop(n, pkt, MS_ETOO_BIG, "mn: tunnel");
        return MS_ETOO_BIG;
    }
    uint8_t *p = ms_pkt_push(pkt, MS_IP6_HLEN);
    if (p == NULL) {
        ms_node_drop(n, pkt, MS_ENO_BUFS, "mn: tunnel headroom");
        return MS_ENO_BUFS;
    }
    /* RFC 6275 s11.3.1 reverse tunnelling: outer source the primary CoA as
     * registered with the HA, outer destination the HA (RFC 2473 s3). */
    struct ms_ip6 h = {
        .plen = (uint16_t)inner,
        .nh = MS_IPPROTO_IPV6,
        .hlim = mn_hlim(mn),
        .src = mn->coa,
        .dst = mn->ha,
    };
    ms_ip6_encode(&h, p, MS_IP6_HLEN);
    n->ctr.tunnel_encap++;
    return ms__mn_output(mn, pkt);
}

int
ms__mn_send_mh(struct ms_mn *mn, struct ms_mh *m, const struct in6_addr *src,
               const struct in6_addr *dst, const struct in6_addr *hao, bool tunnel,
               const uint8_t *kbm, const struct in6_addr *sign_coa)
{
    struct ms_node *n = mn->role.node;
    uint8_t buf[MS_MH_MAX_LEN];
    /* RFC 6275 s6.1.1: the checksum pseudo-header carries the home address
     * when the packet has a Home Address option. */
    const struct in6_addr *ck_src = hao != NULL ? hao : src;
    int len;
    if (kbm != NULL) {
        m->opts.present |= MS_MH_OPTS_BAD;
        m->opts.auth_len = MS_RR_AUTH_LEN;
        memset(m->opts.auth, 0, sizeof m->opts.auth);
        len = ms_mh_encode(m, NULL, NULL, buf, sizeof buf);
        if (len < 0)
            return len;
        /* RFC 6275 s5.2.6 / s6.2.7: First (96, HMAC_SHA1 (Kbm, care-of
         * address | correspondent | MH Data)). */
        int rc = ms_rr_mh_sign(kbm, sign_coa, dst, buf, (size_t)len, ck_src, dst);
        if (rc < 0)
            return rc;
    } else {
        len = ms_mh_encode(m, ck_src, dst, buf, sizeof buf);
        if (len < 0)
            return len;
    }
    struct ms_pkt *pkt = ms__mn_pkt_build(mn, src, dst, hao, MS_IPPROTO_MH, buf, (size_t)len);
    if (pkt == NULL)
        return MS_ENO_BUFS;
    if (ms_log_enabled(&n->sim->log, MS_LOG_DEBUG)) {
        char line[160], d[MS_IN6_STRLEN];
        ms_mh_format(m, line, sizeof line);
        ms_in6_format(dst, d, sizeof d);
        ms_log(&n->sim->log, MS_LOG_DEBUG, n->name, "mn: send %s to %s%s", line, d,
               tunnel ? " (reverse-tunnelled)" : "");
    }
    /* RFC 6275 s5.1: the BU to the home agent is where ESP would go. */
    if (m->type == MS_MH_BU && (m->u.bu.flags & MS_BU_F_H) != 0) {
        int rc = ms_mnha_protect_out(&mn->mnha, pkt, &mn->cfg.hoa);
        if (rc < 0) {
            ms_node_drop(n, pkt, rc, "mn: MN-HA protection");
            return rc;
        }
    }
    if (tunnel)
        return ms__mn_tunnel_output(mn, pkt);
    return ms__mn_output(mn, pkt);
}

/* ---- hooks ---- */

static int
mn_on_mh(struct ms_role *r, struct ms_pkt *pkt, const struct ms_rx *rx, const struct ms_mh *mh)
{
    struct ms_mn *mn = ms__mn_from_role(r);
    /* Only messages from peers in the Binding Update List concern us
     * (s11.3.6, s11.6.2, s11.7.3, s11.7.4): anything else passes to the
     * next role or the stack. */
    if (ms__mn_bul_find(mn, &rx->ip6.src) == NULL)
        return MS_ROLE_PASS;
    switch (mh->type) {
    case MS_MH_BA:
        ms__mn_on_ba(mn, pkt, rx, mh);
        break;
    case MS_MH_HOT:
        ms__mn_on_hot(mn, rx, mh);
        break;
    case MS_MH_COT:
        ms__mn_on_cot(mn, rx, mh);
        break;
    case MS_MH_BRR:
        ms__mn_on_brr(mn, rx);
        break;
    case MS_MH_BE:
        ms__mn_on_be(mn, rx, mh);
        break;
    default:
        return MS_ROLE_PASS;
    }
    ms_pkt_free(pkt);
    return MS_ROLE_CONSUMED;
}

static int
mn_on_icmp6(struct ms_role *r, struct ms_pkt *pkt, const struct ms_rx *rx)
{
    struct ms_mn *mn = ms__mn_from_role(r);
    if (rx->l4_len < 1)
        return MS_ROLE_PASS;
    uint8_t type = pkt->data[rx->l4_off];
    switch (type) {
    case MS_ICMP6_DHAAD_REPLY:
    case MS_ICMP6_MPA:
        return ms__mn_on_mip_icmp(mn, pkt, rx);
    case MS_ICMP6_PARAM_PROB:
        return ms__mn_on_param_prob(mn, pkt, rx);
    default:
        return MS_ROLE_PASS;
    }
}

static void
mn_on_nd(struct ms_role *r, struct ms_iface *ifc, const struct ms_rx *rx, const struct ms_nd *nd)
{
    (void)rx;
    struct ms_mn *mn = ms__mn_from_role(r);
    if (ifc != mn->radio || nd->type != MS_ICMP6_RA)
        return;
    ms__mn_on_ra(mn, nd);
}

static bool
dst_is_link_scope(const struct in6_addr *a)
{
    if (ms_in6_is_linklocal(a))
        return true;
    /* ff02::/16 and narrower scopes: link-local multicast. */
    return ms_in6_is_multicast(a) && (a->s6_addr[1] & 0x0F) <= 2;
}

/* RFC 6275 s11.3.1: packets this node originates from its home address
 * while away go route-optimised (binding with the correspondent) or
 * through the reverse tunnel (binding with the HA); while no registration
 * covers the current location they wait in the queue. */
static int
mn_on_output(struct ms_role *r, struct ms_pkt *pkt)
{
    struct ms_mn *mn = ms__mn_from_role(r);
    struct ms_ip6 ip6;
    if (ms_ip6_decode(pkt->data, pkt->len, &ip6) < 0)
        return MS_ROLE_PASS;
    if (!ms_in6_equal(&ip6.src, &mn->cfg.hoa))
        return MS_ROLE_PASS;
    if (mn->at_home && !mn->dereg_pending)
        return MS_ROLE_PASS;
    /* s11.3.1: never a Home Address option towards link-local peers, nor
     * for Neighbor Discovery. */
    if (dst_is_link_scope(&ip6.dst))
        return MS_ROLE_PASS;
    if (mn->at_home) {
        /* s11.5.5: no packets from the home address on the home link until
         * the deregistration is done. */
        ms__mn_queue_push(mn, pkt);
        return MS_ROLE_CONSUMED;
    }
    struct ms_mn_bul_entry *e = ms__mn_bul_find(mn, &ip6.dst);
    if (e != NULL && !e->home_reg && ms__mn_bul_usable(mn, e) && ip6.nh != MS_IPPROTO_HOPOPTS) {
        ms__mn_ro_output(mn, pkt);
        return MS_ROLE_CONSUMED;
    }
    struct ms_mn_bul_entry *h = ms__mn_bul_home(mn);
    if (h != NULL && ms__mn_bul_usable(mn, h)) {
        MS__MN_CTR(mn, tunnelled_out)++;
        ms__mn_tunnel_output(mn, pkt);
        return MS_ROLE_CONSUMED;
    }
    ms__mn_queue_push(mn, pkt);
    return MS_ROLE_CONSUMED;
}

static bool
inner_is_rr(const uint8_t *p, size_t len, const struct ms_ip6 *inner)
{
    if (inner->nh != MS_IPPROTO_MH)
        return false;
    if (len < MS_IP6_HLEN + 3)
        return false;
    uint8_t t = p[MS_IP6_HLEN + 2];
    return t == MS_MH_HOTI || t == MS_MH_HOT || t == MS_MH_COTI || t == MS_MH_COT;
}

/* RFC 6275 s11.3.3: a packet tunnelled to the home address must come from
 * the home agent.  Tunnels for other addresses (FMIPv6, HMIPv6) pass. */
static int
mn_on_tunnel(struct ms_role *r, struct ms_pkt *pkt, const struct ms_rx *outer)
{
    struct ms_mn *mn = ms__mn_from_role(r);
    if (outer->l4_off > pkt->len || outer->l4_len > pkt->len - outer->l4_off)
        return MS_ROLE_PASS;
    const uint8_t *p = pkt->data + outer->l4_off;
    struct ms_ip6 inner;
    if (ms_ip6_decode(p, outer->l4_len, &inner) < 0)
        return MS_ROLE_PASS;
    if (!ms_in6_equal(&inner.dst, &mn->cfg.hoa))
        return MS_ROLE_PASS;
    if (!mn->ha_known || !ms_in6_equal(&outer->ip6.src, &mn->ha)) {
        MS__MN_CTR(mn, tunnel_bad_src)++;
        ms_node_drop(mn->role.node, pkt, MS_EBAD_SOURCE, "mn: tunnel not from the home agent");
        return MS_ROLE_CONSUMED;
    }
    MS__MN_CTR(mn, tunnel_rx)++;
    /* s11.7.2: a tunnelled packet whose inner source differs from the outer
     * one, not itself return routability signalling, MAY start a
     * correspondent registration with its sender. */
    if (!ms_in6_equal(&inner.src, &outer->ip6.src) && !inner_is_rr(p, outer->l4_len, &inner))
        ms__mn_rr_on_tunnelled(mn, &inner.src);
    return MS_ROLE_PASS;
}

/* FIRST_DATA: the first upper-layer packet delivered over the new path
 * after the link came up: at home plainly, away through the tunnel to the
 * current CoA or with a Type 2 Routing Header. */
static void
mn_on_deliver(struct ms_role *r, const struct ms_pkt *pkt, const struct ms_rx *rx)
{
    (void)pkt;
    struct ms_mn *mn = ms__mn_from_role(r);
    if (!mn->ho_await_data || rx->iface != mn->radio)
        return;
    bool new_path;
    if (mn->at_home)
        new_path = !rx->tunnelled && !mn->dereg_pending;
    else if (!mn->have_coa)
        new_path = false;
    else if (rx->tunnelled)
        new_path = ms_in6_equal(&rx->outer.dst, &mn->coa);
    else
        new_path = rx->has_rh2 || ms_in6_equal(&rx->ip6.dst, &mn->coa);
    if (!new_path)
        return;
    mn->ho_await_data = false;
    ms__mn_ho_mark(mn, MS_HO_FIRST_DATA);
}

static void
mn_on_l2(struct ms_role *r, struct ms_iface *ifc, const struct ms_l2_event *ev)
{
    struct ms_mn *mn = ms__mn_from_role(r);
    if (ifc != mn->radio)
        return;
    ms__mn_on_l2(mn, ev);
}

static void
mn_on_addr(struct ms_role *r, struct ms_iface *ifc, const struct ms_addr *a, bool ok)
{
    struct ms_mn *mn = ms__mn_from_role(r);
    if (ifc != mn->radio)
        return;
    ms__mn_on_addr(mn, a, ok);
}

static void
mn_free(struct ms_role *r)
{
    struct ms_mn *mn = ms__mn_from_role(r);
    if (mn == NULL)
        return;
    ms__mn_bul_fini(mn);
    ms__mn_move_fini(mn);
    ms__mn_queue_drop_all(mn);
    free(mn->ctr.ba_all);
    free(mn->ctr_view);
    free(mn->ha_list);
    free(mn);
}

/* A packet is on its way to us: the fields mn_on_tunnel, ms__mn_ro_wanted
 * and mn_on_deliver read (the role's head, the home agent and care-of
 * address, the home address with the route optimisation settings, the
 * tunnel counter). */
static void
mn_prefetch_input(struct ms_role *r, const struct ms_pkt *pkt)
{
    (void)pkt;
    const struct ms_mn *mn = ms__mn_from_role(r);
    ms_prefetch_span(mn, offsetof(struct ms_mn, cfg.ha));
    __builtin_prefetch(&MS__MN_CTR(mn, tunnel_rx));
}

static const struct ms_role_ops mn_ops = {
    .name = "mn",
    .on_mh = mn_on_mh,
    .on_icmp6 = mn_on_icmp6,
    .on_nd = mn_on_nd,
    .on_output = mn_on_output,
    .on_tunnel = mn_on_tunnel,
    .on_deliver = mn_on_deliver,
    .on_l2 = mn_on_l2,
    .on_addr = mn_on_addr,
    .free = mn_free,
    .prefetch_input = mn_prefetch_input,
};

struct ms_role *
ms_mn_new(struct ms_node *n, struct ms_iface *radio, const struct ms_mn_cfg *cfg)
{
    if (n == NULL || radio == NULL || cfg == NULL || radio->node != n)
        return NULL;
    if (!ms_in6_is_routable_unicast(&cfg->hoa) || cfg->home_plen < 1 || cfg->home_plen > 127)
        return NULL;
    struct ms_mn *mn = calloc(1, sizeof *mn);
    if (mn == NULL)
        return NULL;
    mn->role.ops = &mn_ops;
    mn->cfg = *cfg;
    mn->cfg.home_link[sizeof mn->cfg.home_link - 1] = '\0';
    if (mn->cfg.refresh_percent == 0 || mn->cfg.refresh_percent > 100)
        mn->cfg.refresh_percent = 80;
    if (mn->cfg.initial_bindack_ns <= 0)
        mn->cfg.initial_bindack_ns = MS_MN_INITIAL_BINDACK_TIMEOUT_NS;
    if (mn->cfg.initial_bindack_first_reg_ns <= 0)
        mn->cfg.initial_bindack_first_reg_ns = MS_MN_INITIAL_BINDACK_FIRST_REG_NS;
    if (mn->cfg.max_bindack_ns <= 0)
        mn->cfg.max_bindack_ns = MS_MN_MAX_BINDACK_TIMEOUT_NS;
    if (mn->cfg.lifetime_s == 0)
        mn->cfg.lifetime_s = 420;
    if (mn->cfg.cn_lifetime_s == 0 || mn->cfg.cn_lifetime_s > MS_MN_MAX_RR_BINDING_LIFETIME_S)
        mn->cfg.cn_lifetime_s = MS_MN_MAX_RR_BINDING_LIFETIME_S;
    if (mn->cfg.n_ro_cns > MS_MN_MAX_RO_CNS)
        mn->cfg.n_ro_cns = MS_MN_MAX_RO_CNS;
    if (mn->cfg.home_na_count > 3)
        mn->cfg.home_na_count = 3; /* MAX_NEIGHBOR_ADVERTISEMENT (RFC 4861 s10) */
    mn->radio = radio;
    ms_mnha_init_none(&mn->mnha);
    if (!ms_in6_is_unspecified(&cfg->ha)) {
        mn->ha = cfg->ha;
        mn->ha_known = true;
    }
    ms__mn_bul_init(mn);
    ms__mn_move_init(mn);
    /* The home address belongs to the node wherever it is: not on this
     * link until an RA says so (s11.5.2), so it starts as a home address
     * held away, with no DAD (s11.5.5). */
    struct ms_addr *a = ms_addr_find(n, &cfg->hoa);
    if (a == NULL)
        a = ms_addr_add(radio, &cfg->hoa, cfg->home_plen,
                        MS_ADDR_F_STATIC | MS_ADDR_F_NODAD | MS_ADDR_F_HOME);
    if (a == NULL) {
        free(mn);
        return NULL;
    }
    ms_role_attach(n, &mn->role);
    ms__mn_hoa_set_home_flag(mn, true);
    return &mn->role;
}

int
ms_mn_ro_add(struct ms_role *r, const struct in6_addr *cn)
{
    struct ms_mn *mn = ms__mn_from_role(r);
    if (mn == NULL || cn == NULL || !ms_in6_is_routable_unicast(cn))
        return -EINVAL;
    for (uint8_t i = 0; i < mn->cfg.n_ro_cns; i++)
        if (ms_in6_equal(&mn->cfg.ro_cns[i], cn))
            return -EEXIST;
    if (mn->cfg.n_ro_cns >= MS_MN_MAX_RO_CNS)
        return -ENOSPC;
    mn->cfg.ro_cns[mn->cfg.n_ro_cns++] = *cn;
    /* Start at once when a home registration is already in place. */
    if (!mn->at_home && ms__mn_bul_usable(mn, ms__mn_bul_home(mn)))
        ms__mn_rr_start(mn, cn, false);
    return 0;
}

struct ms_mnha *
ms_mn_mnha(struct ms_role *r)
{
    struct ms_mn *mn = ms__mn_from_role(r);
    return mn != NULL ? &mn->mnha : NULL;
}

/* ---- views ---- */

const char *
ms_mn_bul_state_name(uint8_t state)
{
    switch (state) {
    case MS_MN_BUL_RR:
        return "rr";
    case MS_MN_BUL_WAIT_BA:
        return "waiting-ba";
    case MS_MN_BUL_BOUND:
        return "bound";
    case MS_MN_BUL_FAILED:
        return "failed";
    case MS_MN_BUL_EXPIRED:
        return "expired";
    default:
        return "unknown";
    }
}

static void
bul_view(const struct ms_mn *mn, const struct ms_mn_bul_entry *e, struct ms_mn_bul_view *out)
{
    memset(out, 0, sizeof *out);
    out->peer = e->peer;
    out->hoa = mn->cfg.hoa;
    out->coa = e->coa;
    out->home_reg = e->home_reg;
    out->seq = e->seq;
    out->flags = e->flags;
    out->lifetime_sent_s = e->lifetime_sent_s;
    out->lifetime_granted_s = e->lifetime_granted_s;
    int64_t now = ms__mn_now(mn);
    out->remaining_ns = e->bound && e->expires_ns > now ? e->expires_ns - now : 0;
    out->state = e->state;
    out->last_status = e->last_status;
    out->retransmissions = e->retx;
    out->bu_sent = e->bu_sent;
    out->no_more_bu = e->no_more_bu;
}

uint32_t
ms_mn_bul_count(const struct ms_role *r)
{
    const struct ms_mn *mn = ms__mn_from_role(r);
    if (mn == NULL)
        return 0;
    uint32_t c = 0;
    for (unsigned i = 0; i < MS_MN_BUL_MAX; i++)
        c += ms__mn_bul_slot(mn, i) != NULL ? 1u : 0u;
    return c;
}

int
ms_mn_bul_get(const struct ms_role *r, uint32_t i, struct ms_mn_bul_view *out)
{
    const struct ms_mn *mn = ms__mn_from_role(r);
    if (mn == NULL || out == NULL)
        return -ENOENT;
    for (unsigned k = 0; k < MS_MN_BUL_MAX; k++) {
        const struct ms_mn_bul_entry *e = ms__mn_bul_slot(mn, k);
        if (e == NULL)
            continue;
        if (i-- == 0) {
            bul_view(mn, e, out);
            return 0;
        }
    }
    return -ENOENT;
}

int
ms_mn_bul_find(const struct ms_role *r, const struct in6_addr *peer, struct ms_mn_bul_view *out)
{
    struct ms_mn *mn = ms__mn_from_role(r);
    if (mn == NULL || peer == NULL || out == NULL)
        return -ENOENT;
    const struct ms_mn_bul_entry *e = ms__mn_bul_find(mn, peer);
    if (e == NULL)
        return -ENOENT;
    bul_view(mn, e, out);
    return 0;
}

bool
ms_mn_coa(const struct ms_role *r, struct in6_addr *out)
{
    const struct ms_mn *mn = ms__mn_from_role(r);
    if (mn == NULL || !mn->have_coa)
        return false;
    if (out != NULL)
        *out = mn->coa;
    return true;
}

bool
ms_mn_at_home(const struct ms_role *r)
{
    const struct ms_mn *mn = ms__mn_from_role(r);
    return mn != NULL && mn->at_home;
}

const struct in6_addr *
ms_mn_hoa(const struct ms_role *r)
{
    const struct ms_mn *mn = ms__mn_from_role(r);
    return mn != NULL ? &mn->cfg.hoa : NULL;
}

const struct in6_addr *
ms_mn_ha(const struct ms_role *r)
{
    const struct ms_mn *mn = ms__mn_from_role(r);
    return mn != NULL && mn->ha_known ? &mn->ha : NULL;
}

/* The first call moves the counters into the public struct, where they are
 * counted from then on: the pointer returned stays live, as it always was. */
const struct ms_mn_counters *
ms_mn_counters(const struct ms_role *r)
{
    struct ms_mn *mn = ms__mn_from_role(r);
    if (mn == NULL)
        return NULL;
    if (mn->ctr_view != NULL)
        return mn->ctr_view;
    struct ms_mn_counters *v = calloc(1, sizeof *v);
    if (v == NULL)
        return NULL;
#define COPY(name) v->name = mn->ctr.name;
    MS__MN_SCALAR_COUNTERS(COPY)
#undef COPY
    if (mn->ctr.ba_all != NULL)
        memcpy(v->ba_rx, mn->ctr.ba_all, sizeof v->ba_rx);
    for (uint8_t i = 0; i < mn->ctr.nba; i++)
        v->ba_rx[mn->ctr.ba[i].status] += mn->ctr.ba[i].n;
    mn->ctr_view = v;
    return v;
}

void
ms__mn_count_ba(struct ms_mn *mn, uint8_t status)
{
    if (mn->ctr_view != NULL) {
        mn->ctr_view->ba_rx[status]++;
        return;
    }
    struct ms__mn_ctr *c = &mn->ctr;
    for (uint8_t i = 0; i < c->nba; i++) {
        if (c->ba[i].status == status) {
            c->ba[i].n++;
            return;
        }
    }
    if (c->nba < MS__MN_BA_INLINE) {
        c->ba[c->nba++] = (struct ms__mn_ba_count){.status = status, .n = 1};
        return;
    }
    if (c->ba_all == NULL) {
        c->ba_all = calloc(256, sizeof *c->ba_all);
        if (c->ba_all == NULL)
            return; /* out of memory: the count is lost, nothing else */
    }
    c->ba_all[status]++;
}

uint32_t
ms_mn_handover_count(const struct ms_role *r)
{
    const struct ms_mn *mn = ms__mn_from_role(r);
    return mn != NULL ? mn->handovers : 0;
}

uint32_t
ms_mn_queue_len(const struct ms_role *r)
{
    const struct ms_mn *mn = ms__mn_from_role(r);
    return mn != NULL ? mn->q_len : 0;
}
