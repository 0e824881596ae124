/* Nodes, interfaces, counters and drops. */
#include "stack/node.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link/link.h"
#include "role/role.h"
#include "stack/nbr.h"
#include "wire/ipv6.h"

void
ms_nd_params_default(struct ms_nd_params *p)
{
    memset(p, 0, sizeof *p);
    /* RFC 4861 s10 host constants. */
    p->max_rtr_solicitation_delay_ns = 1 * MS_NS_PER_S;
    p->rtr_solicitation_interval_ns = 4 * MS_NS_PER_S;
    p->max_rtr_solicitations = 3;
    p->retrans_timer_ns = 1 * MS_NS_PER_S;
    p->reachable_time_ns = 30 * MS_NS_PER_S;
    p->delay_first_probe_time_ns = 5 * MS_NS_PER_S;
    p->max_multicast_solicit = 3;
    p->max_unicast_solicit = 3;
    /* RFC 4862 s5.1: DupAddrDetectTransmits defaults to 1.  The random delay
     * before the first DAD probe (s5.4.2) is off by default so that address
     * configuration times are exact; scripts turn it on. */
    p->dup_addr_detect_transmits = 1;
    p->max_delay_dad = false;
    /* RFC 4861 s6.2.1 router variables and s10 router constants. */
    p->max_rtr_adv_interval_ns = 600 * MS_NS_PER_S;
    p->min_rtr_adv_interval_ns = p->max_rtr_adv_interval_ns * 33 / 100;
    p->max_ra_delay_time_ns = 500 * MS_NS_PER_MS;
    p->min_delay_between_ras_ns = 3 * MS_NS_PER_S;
    p->router_lifetime_s = 1800;
    p->cur_hop_limit = 64;
}

struct ms_node *
ms_node_new(struct ms_sim *sim, const char *name, bool forwarding)
{
    struct ms_node *n = calloc(1, sizeof *n);
    if (n == NULL)
        return NULL;
    snprintf(n->name, sizeof n->name, "%s", name ? name : "");
    n->sim = sim;
    ms_rng_init(&n->rng, sim->seed, n->name);
    n->forwarding = forwarding;
    ms_nd_params_default(&n->nd);
    /* RFC 4443 s2.4(f): "in a small/mid-size device, the possible defaults
     * could be B=10, N=10/s". */
    n->icmp_rate_per_s = 10;
    n->icmp_burst = 10;
    n->icmp_tokens = n->icmp_burst;
    n->icmp_refill_ns = ms_sim_now(sim);
    return n;
}

static void
iface_free(struct ms_iface *ifc)
{
    struct ms_sched *s = &ifc->node->sim->sched;
    for (unsigned i = 0; i < MS_IFACE_MAX_ADDRS; i++)
        ms_timer_stop(s, &ifc->addrs[i].dad_timer);
    ms__nd_iface_fini(ifc);
    ms_nbr_table_free(ifc);
    free(ifc->proxies);
    free(ifc);
}

void
ms_node_free(struct ms_node *n)
{
    if (n == NULL)
        return;
    /* Roles first: they may hold sockets, timers and interface pointers. */
    struct ms_role *r = n->roles;
    n->roles = NULL;
    while (r != NULL) {
        struct ms_role *next = r->next;
        if (r->ops != NULL && r->ops->free != NULL)
            r->ops->free(r);
        r = next;
    }
    struct ms_udp_sock *s = n->socks;
    while (s != NULL) {
        struct ms_udp_sock *next = s->next;
        free(s);
        s = next;
    }
    ms__addr_index_free(n);
    for (uint32_t i = 0; i < n->nifaces; i++)
        iface_free(n->ifaces[i]);
    free(n->ifaces);
    ms__route_index_free(n);
    free(n->routes);
    free(n);
}

struct ms_iface *
ms_iface_new(struct ms_node *n, const struct ms_mac *mac, bool is_radio)
{
    struct ms_iface **v = realloc(n->ifaces, (n->nifaces + 1) * sizeof *v);
    if (v == NULL)
        return NULL;
    n->ifaces = v;
    struct ms_iface *ifc = calloc(1, sizeof *ifc);
    if (ifc == NULL)
        return NULL;
    ifc->node = n;
    ifc->on_router = n->forwarding;
    ifc->index = n->nifaces;
    snprintf(ifc->name, sizeof ifc->name, "%s%u", is_radio ? "wlan" : "eth", ifc->index);
    ifc->mac = *mac;
    ifc->mtu = 1500;
    ifc->is_radio = is_radio;
    ifc->up = !is_radio;
    ifc->accept_ra = !n->forwarding;
    n->ifaces[n->nifaces++] = ifc;

    /* RFC 4862 s5.3: the link-local address from the modified EUI-64
     * interface identifier (RFC 4291 Appendix A).  DAD starts once the
     * interface is up (at once for segments, on attach for radios). */
    uint8_t iid[8];
    struct in6_addr ll;
    ms_mac_to_eui64_iid(mac, iid);
    ms_in6_linklocal_from_iid(iid, &ll);
    ms_addr_add(ifc, &ll, 64, 0);
    if (ifc->up && ifc->accept_ra)
        ms_rs_start(ifc, false);
    return ifc;
}

uint32_t
ms_iface_mtu(const struct ms_iface *ifc)
{
    uint32_t mtu = ifc->mtu;
    if (ifc->link != NULL && ifc->link->p.mtu != 0 && ifc->link->p.mtu < mtu)
        mtu = ifc->link->p.mtu;
    return mtu;
}

/* RFC 6275 s11.5: what was learned on a link is void once the node left it:
 * neighbors, the default router, RA-learned routes and the addresses formed
 * from the link's prefixes.  Link-local and configured addresses stay. */
static void
iface_forget_link(struct ms_iface *ifc)
{
    struct ms_node *n = ifc->node;
    struct ms_sched *s = &n->sim->sched;
    ms_timer_stop(s, &ifc->rs_timer);
    ifc->rs_left = 0;
    ms_nbr_flush(ifc, MS_ELINK_DOWN);
    memset(&ifc->dflt, 0, sizeof ifc->dflt);
    ms__route_del_iface(n, ifc, MS_ROUTE_F_RA);
    for (unsigned i = 0; i < MS_IFACE_MAX_ADDRS; i++) {
        struct ms_addr *a = &ifc->addrs[i];
        if (a->state == MS_ADDR_NONE)
            continue;
        if (a->flags & MS_ADDR_F_SLAAC) {
            ms_addr_del(ifc, &a->addr);
        } else if (a->state == MS_ADDR_TENTATIVE) {
            /* DAD restarts from the beginning on the next link. */
            ms_timer_stop(s, &a->dad_timer);
        }
    }
}

void
ms_iface_set_up(struct ms_iface *ifc, bool up)
{
    struct ms_node *n = ifc->node;
    if (ifc->up == up)
        return;
    ifc->up = up;
    ms_log(&n->sim->log, MS_LOG_DEBUG, n->name, "%s %s", ifc->name, up ? "up" : "down");
    if (!up) {
        iface_forget_link(ifc);
        if (ifc->ra != NULL)
            ms_timer_stop(&n->sim->sched, &ifc->ra->timer);
        return;
    }
    for (unsigned i = 0; i < MS_IFACE_MAX_ADDRS; i++) {
        struct ms_addr *a = &ifc->addrs[i];
        if (a->state == MS_ADDR_TENTATIVE && !ms_timer_armed(&a->dad_timer))
            ms__addr_dad_start(a);
    }
    if (ifc->accept_ra && !n->forwarding)
        ms_rs_start(ifc, false);
    if (ifc->ra != NULL && ifc->ra->enabled) {
        ifc->ra->initial_left = 3;
        ms__ra_kick(ifc);
    }
}

void
ms_node_set_hao_check(struct ms_node *n, ms_hao_check_cb cb, void *data)
{
    n->hao_check = cb;
    n->hao_check_data = data;
}

void
ms_node_drop(struct ms_node *n, struct ms_pkt *pkt, int code, const char *what)
{
    ms_pkt_free(pkt);
    int i = ms_err_index(code);
    uint64_t count;
    if (i >= 0)
        count = ++n->ctr.drops[i];
    else
        count = ++n->ctr.drops_other;
    /* Rate limit per node and reason: the first three, then every 1000th. */
    if (count <= 3 || count % 1000 == 0) {
        n->drop_logs++;
        ms_log(&n->sim->log, MS_LOG_INFO, n->name, "drop: %s: %s (%llu so far)",
               what ? what : "packet", ms_strerror(code), (unsigned long long)count);
    }
}

uint64_t
ms_node_drops(const struct ms_node *n, int code)
{
    int i = ms_err_index(code);
    return i >= 0 ? n->ctr.drops[i] : n->ctr.drops_other;
}
