/* Building the topology a script described: implicit home links, roles,
 * router advertisements and static routes.
 *
 * Routes (docs/LUA-API.md "Addresses and routes"): every node gets a static
 * route to every segment and cell prefix it is not on, through the
 * neighbour on the shortest path (fewest router hops) towards a router on
 * that link.  Ties go to the link created first, then to the member listed
 * first, so the choice is deterministic.  Only routers relay.  Mobile nodes
 * get no static routes: they learn their default router from RAs. */
#include "script/script_int.h"

#include <stdlib.h>
#include <string.h>

#include "wire/codepoints.h"
#include "wire/ipv6.h"

#define INF UINT32_MAX

static const struct in6_addr *
iface_static_addr(const struct ms_iface *ifc)
{
    for (unsigned j = 0; j < MS_IFACE_MAX_ADDRS; j++) {
        const struct ms_addr *a = &ifc->addrs[j];
        if (a->state != MS_ADDR_NONE && (a->flags & MS_ADDR_F_STATIC) &&
            ms_in6_is_routable_unicast(&a->addr))
            return &a->addr;
    }
    return NULL;
}

static bool
on_link(const struct ms_slink *l, const struct ms_snode *sn)
{
    for (uint32_t i = 0; i < l->n; i++)
        if (l->nodes[i] == sn)
            return true;
    return false;
}

/* Routes of every node towards dst's prefix. */
static int
routes_to(struct ms_script *ctx, const struct ms_slink *dst, uint32_t *dist, uint32_t *queue,
          char *msg, size_t msgcap)
{
    uint32_t nn = ctx->nnodes, head = 0, tail = 0;
    for (uint32_t i = 0; i < nn; i++)
        dist[i] = INF;
    for (uint32_t i = 0; i < dst->n; i++) {
        uint32_t k = dst->nodes[i]->index;
        if (dist[k] == INF) {
            dist[k] = 0;
            queue[tail++] = k;
        }
    }
    while (head < tail) {
        struct ms_snode *u = ctx->nodes[queue[head++]];
        if (!u->node->forwarding)
            continue;
        for (uint32_t li = 0; li < ctx->nlinks; li++) {
            const struct ms_slink *l = ctx->links[li];
            if (l->is_cell || !on_link(l, u))
                continue;
            for (uint32_t m = 0; m < l->n; m++) {
                uint32_t v = l->nodes[m]->index;
                if (dist[v] == INF) {
                    dist[v] = dist[u->index] + 1;
                    queue[tail++] = v;
                }
            }
        }
    }
    for (uint32_t x = 0; x < nn; x++) {
        if (dist[x] == 0 || dist[x] == INF)
            continue;
        struct ms_snode *sx = ctx->nodes[x];
        bool done = false;
        for (uint32_t li = 0; li < ctx->nlinks && !done; li++) {
            const struct ms_slink *l = ctx->links[li];
            if (l->is_cell)
                continue;
            struct ms_iface *oif = NULL;
            for (uint32_t m = 0; m < l->n; m++)
                if (l->nodes[m] == sx)
                    oif = l->ifaces[m];
            if (oif == NULL)
                continue;
            for (uint32_t m = 0; m < l->n && !done; m++) {
                struct ms_snode *y = l->nodes[m];
                if (y == sx || !y->node->forwarding || dist[y->index] != dist[x] - 1)
                    continue;
                const struct in6_addr *gw = iface_static_addr(l->ifaces[m]);
                if (gw == NULL)
                    continue;
                int rc = ms_route_add(sx->node, &dst->prefix, dst->plen, oif, gw, dist[x]);
                if (rc < 0) {
                    snprintf(msg, msgcap, "cannot add a route on '%s': %s", sx->node->name,
                             ms_strerror(rc));
                    return -1;
                }
                done = true;
            }
        }
    }
    return 0;
}

int
ms__topo_routes(struct ms_script *ctx, char *msg, size_t msgcap)
{
    uint32_t nn = ctx->nnodes ? ctx->nnodes : 1;
    uint32_t *dist = calloc(nn, sizeof *dist), *queue = calloc(nn, sizeof *queue);
    int rc = 0;
    if (dist == NULL || queue == NULL) {
        snprintf(msg, msgcap, "out of memory");
        rc = -1;
    }
    for (uint32_t li = 0; li < ctx->nlinks && rc == 0; li++)
        rc = routes_to(ctx, ctx->links[li], dist, queue, msg, msgcap);
    free(dist);
    free(queue);
    return rc;
}

/* An HA without a cell gets one: "<name>-home", access point of the same
 * name, generic profile. */
static int
home_link(struct ms_script *ctx, struct ms_snode *ha, char *msg, size_t msgcap)
{
    char name[40];
    snprintf(name, sizeof name, "%.30s-home", ha->node->name);
    for (unsigned k = 2;
         k < 100 && (ms__l_find_link(ctx, name) != NULL || ms__l_find_cell(ctx, name) != NULL); k++)
        snprintf(name, sizeof name, "%.30s-home%02u", ha->node->name, k % 100);
    struct ms_link_params p;
    ms_link_params_default(&p);
    ha->home = ms__l_cell_create(ctx, ha, name, name, MS_PROFILE_GENERIC, &p, &ha->prefix, ha->plen,
                                 true, msg, msgcap);
    return ha->home ? 0 : -1;
}

static int
start_ra(struct ms_snode *sn, const struct ms_slink *cell, char *msg, size_t msgcap)
{
    struct ms_ra_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.enabled = true;
    cfg.prefixes[0].prefix = cell->prefix;
    cfg.prefixes[0].plen = cell->plen;
    cfg.prefixes[0].flags = MS_PI_F_L | MS_PI_F_A;
    cfg.prefixes[0].valid_s = sn->ra_prefix_valid_s;
    cfg.prefixes[0].preferred_s = sn->ra_prefix_preferred_s;
    cfg.nprefixes = 1;
    cfg.adv_interval_opt = sn->ra_adv_interval_opt;
    cfg.mtu_opt = sn->ra_mtu_opt;
    int rc = ms_ra_start(cell->ar_if, &cfg);
    if (rc < 0) {
        snprintf(msg, msgcap, "cannot start router advertisements on '%s': %s", cell->link->name,
                 ms_strerror(rc));
        return -1;
    }
    return 0;
}

static int
build_ha(struct ms_snode *sn, char *msg, size_t msgcap)
{
    struct ms_ha_cfg cfg = sn->ha_cfg;
    cfg.prefixes[0].prefix = sn->prefix;
    cfg.prefixes[0].plen = sn->plen;
    cfg.prefixes[0].valid_s = UINT32_MAX;
    cfg.prefixes[0].preferred_s = UINT32_MAX;
    cfg.nprefixes = 1;
    sn->role = ms_ha_new(sn->node, sn->home->ar_if, &cfg);
    if (sn->role == NULL) {
        snprintf(msg, msgcap, "cannot create the home agent role on '%s'", sn->node->name);
        return -1;
    }
    return 0;
}

static int
build_mn(struct ms_snode *sn, char *msg, size_t msgcap)
{
    struct ms_mn_cfg cfg = sn->mn_cfg;
    cfg.hoa = sn->hoa;
    if (cfg.home_plen == 0)
        cfg.home_plen = sn->ha->plen;
    const struct in6_addr *ha = sn->ha->role ? ms_ha_address(sn->ha->role) : NULL;
    if (ha == NULL) {
        snprintf(msg, msgcap, "home agent '%s' of '%s' has no address", sn->ha->node->name,
                 sn->node->name);
        return -1;
    }
    cfg.ha = *ha;
    snprintf(cfg.home_link, sizeof cfg.home_link, "%s", sn->ha->home->link->name);
    cfg.n_ro_cns = 0;
    for (uint8_t i = 0; i < sn->n_ro; i++) {
        if (!ms__l_node_primary(sn->ro[i], &cfg.ro_cns[cfg.n_ro_cns])) {
            snprintf(msg, msgcap, "correspondent '%s' of '%s' has no address (no link)",
                     sn->ro[i]->node->name, sn->node->name);
            return -1;
        }
        cfg.n_ro_cns++;
    }
    sn->role = ms_mn_new(sn->node, sn->radio, &cfg);
    if (sn->role == NULL) {
        snprintf(msg, msgcap, "cannot create the mobile node role on '%s'", sn->node->name);
        return -1;
    }
    return 0;
}

int
ms__topo_build(struct ms_script *ctx, char *msg, size_t msgcap)
{
    uint32_t nn = ctx->nnodes;
    for (uint32_t i = 0; i < nn; i++) {
        struct ms_snode *sn = ctx->nodes[i];
        if (sn->kind == MS_SN_HA && sn->home == NULL && home_link(ctx, sn, msg, msgcap) < 0)
            return -1;
    }
    for (uint32_t i = 0; i < nn; i++) {
        struct ms_snode *sn = ctx->nodes[i];
        switch (sn->kind) {
        case MS_SN_HA:
            if (build_ha(sn, msg, msgcap) < 0)
                return -1;
            break;
        case MS_SN_CN:
            sn->role = ms_cn_new(sn->node, &sn->cn_cfg);
            if (sn->role == NULL) {
                snprintf(msg, msgcap, "cannot create the correspondent role on '%s'",
                         sn->node->name);
                return -1;
            }
            break;
        case MS_SN_MN:
            if (build_mn(sn, msg, msgcap) < 0)
                return -1;
            break;
        default:
            break;
        }
        /* Router advertisements on every cell of the node but a home agent's
         * home link, which the home agent role advertises itself. */
        for (uint32_t li = 0; li < ctx->nlinks; li++) {
            const struct ms_slink *l = ctx->links[li];
            if (l->is_cell && l->ar == sn && !(sn->kind == MS_SN_HA && sn->home == l) &&
                start_ra(sn, l, msg, msgcap) < 0)
                return -1;
        }
    }
    if (ms__topo_routes(ctx, msg, msgcap) < 0)
        return -1;
    for (uint32_t i = 0; i < ctx->nflows; i++)
        ms_flow_start(ctx->flows[i]->flow);
    return 0;
}
