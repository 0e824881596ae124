/* Neighbor Discovery (RFC 4861): router and host sides of RS/RA, NS/NA,
 * address resolution with a small queue per INCOMPLETE entry, Neighbor
 * Unreachability Detection, proxy ND for a home agent (RFC 6275 s10.4.1)
 * and DAD on behalf of another node (RFC 6275 s10.3.1).
 *
 * Redirects: mipsim never sends them (RFC 6275 s10.4.2 forbids them for
 * tunnelled traffic anyway), and received ones are only shown to roles.
 * Random delays come from the node's stream, so runs repeat. */
#include "stack/node.h"

#include "core/array.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "role/role.h"
#include "stack/nbr.h"
#include "wire/icmp6.h"
#include "wire/ipv6.h"
#include "wire/nd.h"

/* RFC 4861 s10 router constants. */
#define MAX_INITIAL_RTR_ADVERT_INTERVAL_NS (16 * MS_NS_PER_S)
#define MAX_INITIAL_RTR_ADVERTISEMENTS 3u
/* Route metrics for what RAs teach (as Linux: on-link 256, default 1024). */
#define RA_ONLINK_METRIC 256u
#define RA_DEFAULT_METRIC 1024u

static int64_t
now_of(const struct ms_iface *ifc)
{
    return ms_sim_now(ifc->node->sim);
}

static struct ms_sched *
sched_of(const struct ms_iface *ifc)
{
    return &ifc->node->sim->sched;
}

/* ---- Sending ---- */

/* Encodes m (plus extra raw options) into a fresh packet and sends it with
 * Hop Limit 255. */
static int
nd_send(struct ms_iface *ifc, const struct ms_nd *m, const uint8_t *extra, size_t extra_len,
        const struct in6_addr *src, const struct in6_addr *dst, const struct ms_mac *dst_mac)
{
    struct ms_node *n = ifc->node;
    struct ms_pkt *pkt = ms_pkt_new(&n->sim->pool);
    if (pkt == NULL) {
        ms_node_drop(n, NULL, MS_ENO_BUFS, "nd message");
        return MS_ENO_BUFS;
    }
    size_t len = ms_nd_len(m);
    uint8_t *p = ms_pkt_put(pkt, (uint32_t)(len + extra_len));
    int rc = p ? ms_nd_encode(m, src, dst, p, len) : -EMSGSIZE;
    if (rc < 0) {
        ms_node_drop(n, pkt, rc, "nd encode");
        return rc;
    }
    if (extra_len > 0) {
        memcpy(p + len, extra, extra_len);
        ms_icmp6_set_cksum(p, len + extra_len, src, dst);
    }
    return ms__ip6_send_nd(ifc, pkt, src, dst, dst_mac);
}

/* RFC 4861 s7.2.2: the NS source is the source of the packet that prompted
 * it when that is an address of the interface, else any address of it. */
static const struct in6_addr *
ns_source(struct ms_iface *ifc, const struct in6_addr *target, const struct ms_pkt *prompt)
{
    if (prompt != NULL && prompt->len >= MS_IP6_HLEN) {
        struct in6_addr s;
        memcpy(&s, prompt->data + MS_IP6_OFF_SRC, sizeof s);
        struct ms_addr *a = ms__iface_addr_find(ifc, &s);
        if (a != NULL && ms__addr_usable(a, now_of(ifc)) && !(a->flags & MS_ADDR_F_HOME))
            return &a->addr;
    }
    const struct in6_addr *s = ms__iface_addr_pick(ifc, ms_in6_is_linklocal(target));
    if (s == NULL)
        s = ms__iface_addr_pick(ifc, !ms_in6_is_linklocal(target));
    return s;
}

void
ms__nd_send_ns(struct ms_iface *ifc, const struct in6_addr *target, const struct in6_addr *src,
               const struct in6_addr *dst, const struct ms_mac *dst_mac)
{
    if (src == NULL)
        src = ns_source(ifc, target, NULL);
    if (src == NULL)
        return; /* no usable address yet: the retransmission will try again */
    struct in6_addr sol;
    if (dst == NULL) {
        ms_in6_solicited_node(target, &sol);
        dst = &sol;
    }
    struct ms_nd m;
    memset(&m, 0, sizeof m);
    m.type = MS_ICMP6_NS;
    m.u.ns.target = *target;
    /* RFC 4861 s4.3: no Source Link-Layer Address from the unspecified
     * address (DAD, RFC 4862 s5.4.2). */
    if (!ms_in6_is_unspecified(src)) {
        m.opts.slla = ifc->mac;
        ms_nd_opts_set(&m.opts, MS_ND_OPT_SLLA);
    }
    nd_send(ifc, &m, NULL, 0, src, dst, dst_mac);
}

static void
send_na(struct ms_iface *ifc, const struct in6_addr *target, const struct in6_addr *src,
        const struct in6_addr *dst, const struct ms_mac *dst_mac, uint32_t flags)
{
    struct ms_nd m;
    memset(&m, 0, sizeof m);
    m.type = MS_ICMP6_NA;
    m.u.na.flags = flags;
    m.u.na.target = *target;
    m.opts.tlla = ifc->mac;
    ms_nd_opts_set(&m.opts, MS_ND_OPT_TLLA);
    nd_send(ifc, &m, NULL, 0, src, dst, dst_mac);
}

/* ---- Neighbor cache state machine (RFC 4861 s7.3) ---- */

static int64_t
random_reachable(struct ms_node *n)
{
    /* RFC 4861 s6.3.2: ReachableTime is uniformly distributed between
     * MIN_RANDOM_FACTOR (0.5) and MAX_RANDOM_FACTOR (1.5) times
     * BaseReachableTime. */
    int64_t base = n->nd.reachable_time_ns;
    return ms_rng_range(&n->rng, base / 2, base + base / 2);
}

static void
nbr_set_reachable(struct ms_nbr *e)
{
    struct ms_node *n = e->ifc->node;
    ms_timer_stop(&n->sim->sched, &e->timer);
    e->state = MS_NBR_REACHABLE;
    e->probes = 0;
    e->reachable_until_ns = ms_sim_now(n->sim) + random_reachable(n);
}

static void
nbr_set_stale(struct ms_nbr *e)
{
    ms_timer_stop(sched_of(e->ifc), &e->timer);
    e->state = MS_NBR_STALE;
    e->probes = 0;
}

/* The entry left INCOMPLETE: send what waited for it. */
static void
nbr_send_queue(struct ms_nbr *e)
{
    struct ms_iface *ifc = e->ifc;
    struct ms_pkt *p = e->q_head;
    e->q_head = e->q_tail = NULL;
    e->qlen = 0;
    if (p != NULL && e->state == MS_NBR_STALE) {
        /* RFC 4861 s7.3.3: sending to a STALE entry moves it to DELAY. */
        e->state = MS_NBR_DELAY;
        ms_timer_start(sched_of(ifc), &e->timer, ifc->node->nd.delay_first_probe_time_ns);
    }
    struct ms_mac mac = e->mac;
    while (p != NULL) {
        struct ms_pkt *next = p->next;
        p->next = NULL;
        ms__ip6_xmit_mac(ifc->node, ifc, p, &mac);
        p = next;
    }
}

/* Unsolicited link-layer address (RS, RA, NS with a source link-layer
 * option; RFC 4861 s6.2.6, s6.3.4, s7.2.3): create STALE or update. */
static void
nbr_note_lladdr(struct ms_iface *ifc, const struct in6_addr *a, const struct ms_mac *mac,
                int is_router)
{
    struct ms_nbr *e = ms_nbr_lookup(ifc, a);
    if (e == NULL) {
        e = ms_nbr_create(ifc, a);
        if (e == NULL)
            return;
        e->mac = *mac;
        e->state = MS_NBR_STALE;
    } else if (e->state == MS_NBR_INCOMPLETE) {
        e->mac = *mac;
        nbr_set_stale(e);
        if (is_router >= 0)
            e->router = is_router != 0;
        nbr_send_queue(e);
        return;
    } else if (!ms_mac_equal(&e->mac, mac)) {
        e->mac = *mac;
        nbr_set_stale(e);
    }
    if (is_router >= 0)
        e->router = is_router != 0;
}

static void
nbr_resolution_failed(struct ms_nbr *e)
{
    struct ms_iface *ifc = e->ifc;
    struct ms_node *n = ifc->node;
    /* RFC 4861 s7.2.2: "The sender MUST return ICMP destination unreachable
     * indications with code 3 (Address Unreachable) for each packet queued
     * awaiting address resolution" -- for packets we forwarded; our own
     * need no message to ourselves. */
    for (struct ms_pkt *p = e->q_head; p != NULL; p = p->next) {
        struct in6_addr s;
        memcpy(&s, p->data + MS_IP6_OFF_SRC, sizeof s);
        if (!ms_node_is_local(n, &s))
            ms_icmp6_send_error(n, p, MS_ICMP6_DST_UNREACH, MS_ICMP6_UNREACH_ADDR, 0);
    }
    ms_nbr_delete(ifc, e, MS_ENO_NEIGHBOR);
}

void
ms__nbr_timer_cb(struct ms_timer *t)
{
    struct ms_nbr *e = t->data;
    struct ms_iface *ifc = e->ifc;
    struct ms_node *n = ifc->node;
    switch (e->state) {
    case MS_NBR_INCOMPLETE:
        if (e->probes >= n->nd.max_multicast_solicit) {
            nbr_resolution_failed(e);
            return;
        }
        e->probes++;
        ms__nd_send_ns(ifc, &e->addr, ns_source(ifc, &e->addr, e->q_head), NULL, NULL);
        ms_timer_start(&n->sim->sched, &e->timer, n->nd.retrans_timer_ns);
        break;
    case MS_NBR_DELAY:
        /* RFC 4861 s7.3.3: no confirmation within DELAY_FIRST_PROBE_TIME:
         * PROBE with unicast solicitations. */
        e->state = MS_NBR_PROBE;
        e->probes = 0;
        /* fall through */
    case MS_NBR_PROBE:
        if (e->probes >= n->nd.max_unicast_solicit) {
            ms_nbr_delete(ifc, e, MS_ENO_NEIGHBOR);
            return;
        }
        e->probes++;
        ms__nd_send_ns(ifc, &e->addr, NULL, &e->addr, &e->mac);
        ms_timer_start(&n->sim->sched, &e->timer, n->nd.retrans_timer_ns);
        break;
    default:
        break;
    }
}

int
ms__nd_resolve(struct ms_iface *ifc, const struct in6_addr *nexthop, struct ms_pkt *pkt,
               struct ms_mac *mac)
{
    struct ms_node *n = ifc->node;
    struct ms_nbr *e = ms_nbr_lookup(ifc, nexthop);
    if (e != NULL && e->state != MS_NBR_INCOMPLETE) {
        if (e->state == MS_NBR_REACHABLE && ms_sim_now(n->sim) >= e->reachable_until_ns)
            e->state = MS_NBR_STALE;
        if (e->state == MS_NBR_STALE) {
            e->state = MS_NBR_DELAY;
            e->probes = 0;
            ms_timer_start(&n->sim->sched, &e->timer, n->nd.delay_first_probe_time_ns);
        }
        *mac = e->mac;
        return 0;
    }
    if (e == NULL) {
        e = ms_nbr_create(ifc, nexthop);
        if (e == NULL) {
            ms_node_drop(n, pkt, -ENOMEM, "neighbor entry");
            return -ENOMEM;
        }
        e->state = MS_NBR_INCOMPLETE;
        e->probes = 1;
        ms__nd_send_ns(ifc, nexthop, ns_source(ifc, nexthop, pkt), NULL, NULL);
        ms_timer_start(&n->sim->sched, &e->timer, n->nd.retrans_timer_ns);
    }
    if (e->qlen >= MS_NBR_QUEUE_MAX) {
        /* RFC 4861 s7.2.2: "the new arrival SHOULD replace the oldest". */
        struct ms_pkt *old = e->q_head;
        e->q_head = old->next;
        if (e->q_head == NULL)
            e->q_tail = NULL;
        e->qlen--;
        old->next = NULL;
        ms_node_drop(n, old, MS_EQUEUE_FULL, "address resolution queue");
    }
    pkt->next = NULL;
    if (e->q_tail != NULL)
        e->q_tail->next = pkt;
    else
        e->q_head = pkt;
    e->q_tail = pkt;
    e->qlen++;
    return 1;
}

/* ---- DAD on behalf of another node (RFC 6275 s10.3.1) ---- */

static void
probe_unlink(struct ms_iface *ifc, struct ms_dad_probe *p)
{
    for (struct ms_dad_probe **pp = &ifc->dad_probes; *pp != NULL; pp = &(*pp)->next) {
        if (*pp == p) {
            *pp = p->next;
            break;
        }
    }
    ms_timer_stop(sched_of(ifc), &p->timer);
}

static struct ms_dad_probe *
probe_find(struct ms_iface *ifc, const struct in6_addr *a)
{
    for (struct ms_dad_probe *p = ifc->dad_probes; p != NULL; p = p->next)
        if (ms_in6_equal(&p->addr, a))
            return p;
    return NULL;
}

static void
probe_finish(struct ms_iface *ifc, struct ms_dad_probe *p, bool ok)
{
    /* Unlink first: the callback may start or cancel probes. */
    probe_unlink(ifc, p);
    ms_dad_cb cb = p->cb;
    void *data = p->data;
    struct in6_addr a = p->addr;
    free(p);
    if (cb != NULL)
        cb(data, &a, ok);
}

static void
probe_timer_cb(struct ms_timer *t)
{
    struct ms_dad_probe *p = t->data;
    struct ms_iface *ifc = p->ifc;
    if (p->left > 0) {
        p->left--;
        ms__nd_send_ns(ifc, &p->addr, &in6addr_any, NULL, NULL);
        ms_timer_start(sched_of(ifc), &p->timer, ifc->node->nd.retrans_timer_ns);
        return;
    }
    probe_finish(ifc, p, true);
}

int
ms_nd_dad_probe(struct ms_iface *ifc, const struct in6_addr *a, ms_dad_cb cb, void *data)
{
    if (ms_in6_is_multicast(a) || ms_in6_is_unspecified(a))
        return -EINVAL;
    if (probe_find(ifc, a) != NULL)
        return -EALREADY;
    if (ms__iface_addr_find(ifc, a) != NULL)
        return -EEXIST; /* this very node uses it */
    struct ms_dad_probe *p = calloc(1, sizeof *p);
    if (p == NULL)
        return -ENOMEM;
    p->addr = *a;
    p->ifc = ifc;
    p->cb = cb;
    p->data = data;
    p->left = ifc->node->nd.dup_addr_detect_transmits;
    ms_timer_init(&p->timer, probe_timer_cb, p);
    p->next = ifc->dad_probes;
    ifc->dad_probes = p;
    ms_timer_start(sched_of(ifc), &p->timer, 0);
    return 0;
}

void
ms_nd_dad_probe_cancel(struct ms_iface *ifc, const struct in6_addr *a)
{
    struct ms_dad_probe *p = probe_find(ifc, a);
    if (p != NULL) {
        probe_unlink(ifc, p);
        free(p);
    }
}

/* ---- Proxy ND (RFC 6275 s10.4.1) ---- */

static const struct in6_addr *
iface_own_source(struct ms_iface *ifc)
{
    /* "the home agent's IP address on the interface used to send the
     * advertisement": a global one when there is one. */
    const struct in6_addr *s = ms__iface_addr_pick(ifc, false);
    return s ? s : ms__iface_addr_pick(ifc, true);
}

int
ms_nd_proxy_add(struct ms_iface *ifc, const struct in6_addr *a)
{
    if (ms_in6_is_multicast(a) || ms_in6_is_unspecified(a))
        return -EINVAL;
    if (!ms__iface_is_proxy(ifc, a)) {
        if (ms_array_reserve((void **)&ifc->proxies, ifc->nproxies, &ifc->proxies_cap,
                             sizeof *ifc->proxies, 4) < 0)
            return -ENOMEM;
        ifc->proxies[ifc->nproxies++] = *a;
    }
    /* Whatever we knew of the address's old owner is now wrong. */
    struct ms_nbr *e = ms_nbr_lookup(ifc, a);
    if (e != NULL)
        ms_nbr_delete(ifc, e, MS_ENO_NEIGHBOR);
    /* RFC 6275 s10.4.1: multicast a Neighbor Advertisement on behalf of the
     * mobile node: Target its address, our link-layer address, R = 0,
     * S = 0, O = 1, from our address on the interface. */
    const struct in6_addr *src = iface_own_source(ifc);
    if (src != NULL && ifc->up) {
        struct in6_addr all;
        ms_in6_all_nodes(&all);
        send_na(ifc, a, src, &all, NULL, MS_NA_F_O);
    }
    return 0;
}

void
ms_nd_proxy_del(struct ms_iface *ifc, const struct in6_addr *a)
{
    for (uint32_t i = 0; i < ifc->nproxies; i++) {
        if (ms_in6_equal(&ifc->proxies[i], a)) {
            ifc->proxies[i] = ifc->proxies[--ifc->nproxies];
            return;
        }
    }
}

/* ---- Router Solicitations (hosts, RFC 4861 s6.3.7) ---- */

static void
send_rs(struct ms_iface *ifc)
{
    struct ms_nd m;
    memset(&m, 0, sizeof m);
    m.type = MS_ICMP6_RS;
    struct in6_addr all_routers;
    ms_in6_all_routers(&all_routers);
    /* From a usable link-local address with our link-layer address, or
     * from the unspecified address without it while that one is still
     * tentative (RFC 4861 s6.3.7, s4.1). */
    const struct in6_addr *src = ms__iface_addr_pick(ifc, true);
    if (src != NULL) {
        m.opts.slla = ifc->mac;
        ms_nd_opts_set(&m.opts, MS_ND_OPT_SLLA);
    } else {
        src = &in6addr_any;
    }
    nd_send(ifc, &m, NULL, 0, src, &all_routers, NULL);
}

static void
rs_timer_cb(struct ms_timer *t)
{
    struct ms_iface *ifc = t->data;
    if (!ifc->up || ifc->rs_left == 0)
        return;
    send_rs(ifc);
    if (--ifc->rs_left > 0)
        ms_timer_start(sched_of(ifc), &ifc->rs_timer, ifc->node->nd.rtr_solicitation_interval_ns);
}

void
ms_rs_start(struct ms_iface *ifc, bool skip_delay)
{
    struct ms_node *n = ifc->node;
    ms_timer_stop(&n->sim->sched, &ifc->rs_timer);
    ms_timer_init(&ifc->rs_timer, rs_timer_cb, ifc);
    ifc->rs_left = n->nd.max_rtr_solicitations;
    /* RFC 4861 s6.3.7: wait a random [0, MAX_RTR_SOLICITATION_DELAY]
     * before the first; RFC 6275 s11.5.1 lets a mobile node skip it. */
    int64_t delay = 0;
    if (!skip_delay)
        delay = ms_rng_range(&n->rng, 0, n->nd.max_rtr_solicitation_delay_ns);
    if (ifc->rs_left > 0)
        ms_timer_start(&n->sim->sched, &ifc->rs_timer, delay);
}

/* ---- Router Advertisements (routers, RFC 4861 s6.2) ---- */

static void
send_ra(struct ms_iface *ifc, const struct in6_addr *src)
{
    struct ms_node *n = ifc->node;
    const struct ms_ra_cfg *cfg = ifc->ra;
    struct ms_nd m;
    memset(&m, 0, sizeof m);
    m.type = MS_ICMP6_RA;
    m.u.ra.cur_hop_limit = n->nd.cur_hop_limit;
    m.u.ra.flags = cfg->flags;
    m.u.ra.router_lifetime_s =
        (uint16_t)(n->nd.router_lifetime_s > 0xffff ? 0xffff : n->nd.router_lifetime_s);
    m.opts.slla = ifc->mac;
    ms_nd_opts_set(&m.opts, MS_ND_OPT_SLLA);
    uint8_t npi = cfg->nprefixes < MS_ND_OPTS_MAX_PI ? cfg->nprefixes : MS_ND_OPTS_MAX_PI;
    for (uint8_t i = 0; i < npi; i++) {
        const struct ms_ra_prefix *rp = &cfg->prefixes[i];
        struct ms_nd_opt_pi *pi = &m.opts.pi[i];
        pi->prefix_len = rp->plen;
        pi->flags = rp->flags;
        pi->valid_s = rp->valid_s;
        pi->preferred_s = rp->preferred_s;
        /* RFC 6275 s7.2: with R set the field holds the router's whole
         * address; otherwise only the prefix is meaningful. */
        pi->prefix = rp->prefix;
        if (!(rp->flags & MS_PI_F_R))
            ms_in6_make_prefix(&pi->prefix, rp->plen);
    }
    m.opts.n_pi = npi;
    if (cfg->mtu_opt) {
        m.opts.mtu = ms_iface_mtu(ifc);
        ms_nd_opts_set(&m.opts, MS_ND_OPT_MTU);
    }
    if (cfg->adv_interval_opt) {
        /* RFC 6275 s7.3: MaxRtrAdvInterval in milliseconds. */
        m.opts.adv_interval_ms = (uint32_t)(n->nd.max_rtr_adv_interval_ns / MS_NS_PER_MS);
        ms_nd_opts_set(&m.opts, MS_ND_OPT_ADV_INTERVAL);
    }
    if (cfg->ha_info_opt) {
        m.opts.ha_info.preference = cfg->ha_preference;
        m.opts.ha_info.lifetime_s = cfg->ha_lifetime_s;
        ms_nd_opts_set(&m.opts, MS_ND_OPT_HA_INFO);
    }
    struct in6_addr all;
    ms_in6_all_nodes(&all);
    size_t extra = cfg->extra_len <= sizeof cfg->extra_opts ? cfg->extra_len : 0;
    nd_send(ifc, &m, cfg->extra_opts, extra, src, &all, NULL);
    ifc->ra->last_ra_ns = now_of(ifc);
}

static void
ra_timer_cb(struct ms_timer *t)
{
    struct ms_iface *ifc = t->data;
    struct ms_node *n = ifc->node;
    struct ms_ra_cfg *ra = ifc->ra;
    if (ra == NULL || !ra->enabled || !ifc->up)
        return;
    /* RFC 4861 s6.2.2 / RFC 4862: an RA comes from the link-local address;
     * until DAD has passed on it we wait (its completion kicks us). */
    const struct in6_addr *ll = ms__iface_addr_pick(ifc, true);
    if (ll == NULL)
        return;
    send_ra(ifc, ll);
    /* RFC 4861 s6.2.4: uniformly in [MinRtrAdvInterval, MaxRtrAdvInterval];
     * the first MAX_INITIAL_RTR_ADVERTISEMENTS at most 16 s apart. */
    int64_t next =
        ms_rng_range(&n->rng, n->nd.min_rtr_adv_interval_ns, n->nd.max_rtr_adv_interval_ns);
    if (ra->initial_left > 0) {
        ra->initial_left--;
        if (next > MAX_INITIAL_RTR_ADVERT_INTERVAL_NS)
            next = MAX_INITIAL_RTR_ADVERT_INTERVAL_NS;
    }
    ms_timer_start(&n->sim->sched, &ra->timer, next);
}

void
ms__ra_kick(struct ms_iface *ifc)
{
    struct ms_ra_cfg *ra = ifc->ra;
    if (ra == NULL || !ra->enabled || !ifc->up)
        return;
    /* Only the first advertisement is sent at once; later ones keep their
     * schedule. */
    if (ra->initial_left == MAX_INITIAL_RTR_ADVERTISEMENTS)
        ms_timer_start(sched_of(ifc), &ra->timer, 0);
}

int
ms_ra_start(struct ms_iface *ifc, const struct ms_ra_cfg *cfg)
{
    if (ifc->ra == NULL) {
        ifc->ra = calloc(1, sizeof *ifc->ra);
        if (ifc->ra == NULL)
            return -ENOMEM;
    } else {
        ms_timer_stop(sched_of(ifc), &ifc->ra->timer);
    }
    struct ms_ra_cfg *ra = ifc->ra;
    *ra = *cfg;
    if (ra->nprefixes > MS_RA_MAX_PREFIXES)
        ra->nprefixes = MS_RA_MAX_PREFIXES;
    if (ra->extra_len > sizeof ra->extra_opts)
        ra->extra_len = sizeof ra->extra_opts;
    ms_timer_init(&ra->timer, ra_timer_cb, ifc);
    ra->enabled = true;
    ra->last_ra_ns = INT64_MIN / 2;
    ra->initial_left = MAX_INITIAL_RTR_ADVERTISEMENTS;
    ms__ra_kick(ifc);
    return 0;
}

void
ms_ra_stop(struct ms_iface *ifc)
{
    if (ifc->ra == NULL)
        return;
    ms_timer_stop(sched_of(ifc), &ifc->ra->timer);
    ifc->ra->enabled = false;
}

/* RFC 4861 s6.2.6: a solicited RA goes out after a random delay in
 * [0, MAX_RA_DELAY_TIME], no sooner than MIN_DELAY_BETWEEN_RAS after the
 * last multicast RA, and not at all when the next periodic one is sooner. */
static void
ra_solicited(struct ms_iface *ifc)
{
    struct ms_node *n = ifc->node;
    struct ms_ra_cfg *ra = ifc->ra;
    if (ra == NULL || !ra->enabled || !ifc->up)
        return;
    int64_t t = now_of(ifc) + ms_rng_range(&n->rng, 0, n->nd.max_ra_delay_time_ns);
    if (t < ra->last_ra_ns + n->nd.min_delay_between_ras_ns)
        t = ra->last_ra_ns + n->nd.min_delay_between_ras_ns;
    if (ms_timer_armed(&ra->timer) && ra->timer.when_ns <= t)
        return;
    ms_timer_start_at(&n->sim->sched, &ra->timer, t);
}

/* ---- Receiving ---- */

static void
rs_input(struct ms_iface *ifc, const struct ms_rx *rx, const struct ms_nd *m)
{
    if (!ifc->node->forwarding)
        return; /* RFC 4861 s6.2.6: hosts silently discard RSs */
    if (!ms_in6_is_unspecified(&rx->ip6.src) && ms_nd_opts_has(&m->opts, MS_ND_OPT_SLLA))
        nbr_note_lladdr(ifc, &rx->ip6.src, &m->opts.slla, -1);
    ra_solicited(ifc);
}

static void
ra_input(struct ms_iface *ifc, const struct ms_rx *rx, const struct ms_nd *m)
{
    struct ms_node *n = ifc->node;
    const struct ms_nd_ra *ra = &m->u.ra;
    int64_t now = now_of(ifc);
    if (ms_nd_opts_has(&m->opts, MS_ND_OPT_SLLA))
        nbr_note_lladdr(ifc, &rx->ip6.src, &m->opts.slla, 1);
    else {
        struct ms_nbr *e = ms_nbr_lookup(ifc, &rx->ip6.src);
        if (e != NULL)
            e->router = true;
    }
    if (!ifc->accept_ra || n->forwarding)
        return;
    /* RFC 4861 s6.3.4: host variables. */
    if (ra->cur_hop_limit != 0)
        n->nd.cur_hop_limit = ra->cur_hop_limit;
    if (ra->reachable_ms != 0)
        n->nd.reachable_time_ns = (int64_t)ra->reachable_ms * MS_NS_PER_MS;
    if (ra->retrans_ms != 0)
        n->nd.retrans_timer_ns = (int64_t)ra->retrans_ms * MS_NS_PER_MS;
    /* Default router list (kept as one default route per interface). */
    static const struct in6_addr any = IN6ADDR_ANY_INIT;
    if (ra->router_lifetime_s == 0) {
        if (ms_in6_equal(&ifc->dflt.addr, &rx->ip6.src)) {
            memset(&ifc->dflt, 0, sizeof ifc->dflt);
            ms_route_del(n, &any, 0, ifc);
        }
    } else {
        ifc->dflt.addr = rx->ip6.src;
        ifc->dflt.until_ns = now + (int64_t)ra->router_lifetime_s * MS_NS_PER_S;
        ms__route_set(n, &any, 0, ifc, &rx->ip6.src, RA_DEFAULT_METRIC, MS_ROUTE_F_RA,
                      ifc->dflt.until_ns);
    }
    /* RFC 4861 s6.3.4 MTU option: accepted within [1280, link MTU]. */
    if (ms_nd_opts_has(&m->opts, MS_ND_OPT_MTU) && m->opts.mtu >= MS_IPV6_MIN_MTU) {
        uint32_t link_mtu = ifc->link ? ms_iface_mtu(ifc) : 1500;
        if (m->opts.mtu <= link_mtu)
            ifc->mtu = m->opts.mtu;
    }
    for (unsigned i = 0; i < m->opts.n_pi; i++) {
        const struct ms_nd_opt_pi *pi = &m->opts.pi[i];
        if (pi->prefix_len > 128 || ms_in6_is_linklocal(&pi->prefix))
            continue;
        /* RFC 4861 s6.3.4: the on-link prefix list. */
        if (pi->flags & MS_PI_F_L) {
            if (pi->valid_s == 0) {
                ms_route_del(n, &pi->prefix, pi->prefix_len, ifc);
            } else {
                int64_t until = pi->valid_s == UINT32_MAX
                                    ? MS_TIME_NEVER
                                    : now + (int64_t)pi->valid_s * MS_NS_PER_S;
                ms__route_set(n, &pi->prefix, pi->prefix_len, ifc, NULL, RA_ONLINK_METRIC,
                              MS_ROUTE_F_RA, until);
            }
        }
        /* RFC 4862 s5.5.3: autonomous configuration. */
        if (pi->flags & MS_PI_F_A)
            ms__addr_slaac(ifc, &pi->prefix, pi->prefix_len, pi->valid_s, pi->preferred_s);
    }
    /* RFC 4861 s6.3.7: a valid RA ends solicitation. */
    ms_timer_stop(&n->sim->sched, &ifc->rs_timer);
    ifc->rs_left = 0;
}

static void
ns_input(struct ms_iface *ifc, const struct ms_rx *rx, const struct ms_nd *m)
{
    struct ms_node *n = ifc->node;
    const struct in6_addr *target = &m->u.ns.target;
    bool from_dad = ms_in6_is_unspecified(&rx->ip6.src);
    struct ms_addr *a = ms__iface_addr_find(ifc, target);
    if (a != NULL && (a->flags & MS_ADDR_F_HOME))
        a = NULL; /* a home address held away from home is not on this link */
    if (a != NULL && a->state == MS_ADDR_TENTATIVE) {
        /* RFC 4862 s5.4.3: another node is probing our tentative address:
         * both are duplicates.  A solicitation from a real source is for
         * address resolution and is ignored. */
        if (from_dad)
            ms__addr_dad_failed(a);
        return;
    }
    if (a != NULL && a->state == MS_ADDR_DUPLICATE)
        return;
    struct ms_dad_probe *p = probe_find(ifc, target);
    if (p != NULL && from_dad) {
        probe_finish(ifc, p, false);
        return;
    }
    bool proxy = a == NULL && ms__iface_is_proxy(ifc, target);
    if (a == NULL && !proxy)
        return;
    if (a != NULL && !ms__addr_usable(a, now_of(ifc)))
        return;
    /* RFC 4861 s7.2.3: learn the solicitor's link-layer address. */
    const struct ms_mac *dst_mac = NULL;
    if (!from_dad && ms_nd_opts_has(&m->opts, MS_ND_OPT_SLLA)) {
        nbr_note_lladdr(ifc, &rx->ip6.src, &m->opts.slla, -1);
        dst_mac = &m->opts.slla;
    }
    /* RFC 4861 s7.2.4: S when solicited by a unicast source, O unless the
     * target is anycast, R when we are a router.  RFC 6275 s10.4.1: a
     * proxy answers as the mobile node would at home, with R = 0. */
    uint32_t flags = 0;
    if (!from_dad)
        flags |= MS_NA_F_S;
    if (proxy || !(a->flags & MS_ADDR_F_ANYCAST))
        flags |= MS_NA_F_O;
    if (n->forwarding && !proxy)
        flags |= MS_NA_F_R;
    const struct in6_addr *src = proxy ? iface_own_source(ifc) : &a->addr;
    if (src == NULL)
        return;
    struct in6_addr all;
    const struct in6_addr *dst = &rx->ip6.src;
    if (from_dad) {
        ms_in6_all_nodes(&all);
        dst = &all;
        dst_mac = NULL;
    }
    send_na(ifc, target, src, dst, dst_mac, flags);
}

static void
na_input(struct ms_iface *ifc, const struct ms_nd *m)
{
    struct ms_node *n = ifc->node;
    const struct ms_nd_na *na = &m->u.na;
    struct ms_addr *a = ms__iface_addr_find(ifc, &na->target);
    if (a != NULL && !(a->flags & MS_ADDR_F_HOME)) {
        if (a->state == MS_ADDR_TENTATIVE) {
            /* RFC 4862 s5.4.4: the tentative address is in use. */
            ms__addr_dad_failed(a);
        } else if (a->state != MS_ADDR_DUPLICATE) {
            char buf[MS_IN6_STRLEN];
            ms_in6_format(&na->target, buf, sizeof buf);
            ms_log(&n->sim->log, MS_LOG_WARN, n->name, "%s: another node advertises our address %s",
                   ifc->name, buf);
        }
        return;
    }
    struct ms_dad_probe *p = probe_find(ifc, &na->target);
    if (p != NULL) {
        probe_finish(ifc, p, false);
        return;
    }
    /* RFC 4861 s7.2.5. */
    struct ms_nbr *e = ms_nbr_lookup(ifc, &na->target);
    if (e == NULL)
        return;
    bool has_ll = ms_nd_opts_has(&m->opts, MS_ND_OPT_TLLA);
    bool s = (na->flags & MS_NA_F_S) != 0, o = (na->flags & MS_NA_F_O) != 0;
    bool r = (na->flags & MS_NA_F_R) != 0;
    if (e->state == MS_NBR_INCOMPLETE) {
        if (!has_ll)
            return;
        e->mac = m->opts.tlla;
        if (s)
            nbr_set_reachable(e);
        else
            nbr_set_stale(e);
        e->router = r;
        nbr_send_queue(e);
        return;
    }
    bool differs = has_ll && !ms_mac_equal(&e->mac, &m->opts.tlla);
    if (!o && differs) {
        /* Do not override; a REACHABLE entry becomes STALE. */
        if (e->state == MS_NBR_REACHABLE)
            nbr_set_stale(e);
        return;
    }
    if (has_ll)
        e->mac = m->opts.tlla;
    if (s)
        nbr_set_reachable(e);
    else if (differs)
        nbr_set_stale(e);
    if (e->router && !r && ms_in6_equal(&ifc->dflt.addr, &e->addr)) {
        /* No longer a router: drop it as default router (s7.2.5). */
        static const struct in6_addr any = IN6ADDR_ANY_INIT;
        memset(&ifc->dflt, 0, sizeof ifc->dflt);
        ms_route_del(n, &any, 0, ifc);
    }
    e->router = r;
}

void
ms__nd_input(struct ms_iface *ifc, struct ms_pkt *pkt, const struct ms_rx *rx)
{
    struct ms_node *n = ifc->node;
    const uint8_t *p = pkt->data + rx->l4_off;
    struct ms_nd m;
    int rc = ms_nd_decode(p, rx->l4_len, &m);
    if (rc == 0)
        rc = ms_nd_validate(&m, rx->ip6.hlim, &rx->ip6.src, &rx->ip6.dst);
    /* ND is link-local business: never through a tunnel or with mobility
     * headers rewriting addresses. */
    if (rc == 0 && (rx->tunnelled || rx->has_hao || rx->has_rh2))
        rc = MS_EBAD_SOURCE;
    if (rc < 0) {
        ms_node_drop(n, pkt, rc, "neighbor discovery message");
        return;
    }
    switch (m.type) {
    case MS_ICMP6_RS:
        rs_input(ifc, rx, &m);
        break;
    case MS_ICMP6_RA:
        ra_input(ifc, rx, &m);
        break;
    case MS_ICMP6_NS:
        ns_input(ifc, rx, &m);
        break;
    case MS_ICMP6_NA:
        na_input(ifc, &m);
        break;
    default:
        break; /* Redirect: not acted upon (see the file comment) */
    }
    for (struct ms_role *r = n->roles; r != NULL; r = r->next)
        if (r->ops->on_nd != NULL)
            r->ops->on_nd(r, ifc, rx, &m);
    ms_pkt_free(pkt);
}

void
ms__nd_iface_fini(struct ms_iface *ifc)
{
    struct ms_sched *s = sched_of(ifc);
    ms_timer_stop(s, &ifc->rs_timer);
    while (ifc->dad_probes != NULL) {
        struct ms_dad_probe *p = ifc->dad_probes;
        ifc->dad_probes = p->next;
        ms_timer_stop(s, &p->timer);
        free(p);
    }
    if (ifc->ra != NULL) {
        ms_timer_stop(s, &ifc->ra->timer);
        free(ifc->ra);
        ifc->ra = NULL;
    }
}
