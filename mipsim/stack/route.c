/* Routes: longest prefix match.
 *
 * The table is an array kept sorted by prefix length (longest first), then
 * metric (lowest first), then insertion order, so a lookup returns the first
 * match.  Prefix comparison works on two 64-bit words; nothing allocates on
 * lookup. */
#include "stack/node.h"

#include "core/array.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "wire/bytes.h"
#include "wire/ipv6.h"

static inline bool
prefix_match(const struct in6_addr *a, const struct in6_addr *p, unsigned plen)
{
    if (plen == 0)
        return true;
    uint64_t a0 = ms_rd64(a->s6_addr), p0 = ms_rd64(p->s6_addr);
    if (plen <= 64) {
        uint64_t m = ~UINT64_C(0) << (64 - plen);
        return ((a0 ^ p0) & m) == 0;
    }
    if (a0 != p0)
        return false;
    uint64_t a1 = ms_rd64(a->s6_addr + 8), p1 = ms_rd64(p->s6_addr + 8);
    uint64_t m = plen >= 128 ? ~UINT64_C(0) : ~UINT64_C(0) << (128 - plen);
    return ((a1 ^ p1) & m) == 0;
}

const struct ms_route *
ms_route_lookup(const struct ms_node *n, const struct in6_addr *dst)
{
    int64_t now = ms_sim_now(n->sim);
    for (uint32_t i = 0; i < n->nroutes; i++) {
        const struct ms_route *r = &n->routes[i];
        if (prefix_match(dst, &r->prefix, r->plen) && r->expires_ns > now)
            return r;
    }
    return NULL;
}

static struct ms_route *
route_find(struct ms_node *n, const struct in6_addr *prefix, uint8_t plen, struct ms_iface *oif)
{
    for (uint32_t i = 0; i < n->nroutes; i++) {
        struct ms_route *r = &n->routes[i];
        if (r->plen == plen && r->oif == oif && memcmp(&r->prefix, prefix, sizeof *prefix) == 0)
            return r;
    }
    return NULL;
}

static void
route_remove_at(struct ms_node *n, uint32_t i)
{
    memmove(&n->routes[i], &n->routes[i + 1], (n->nroutes - i - 1) * sizeof n->routes[0]);
    n->nroutes--;
}

static int
route_insert(struct ms_node *n, const struct ms_route *nr)
{
    /* Hosts hold one or two routes. */
    if (ms_array_reserve((void **)&n->routes, n->nroutes, &n->routes_cap, sizeof *n->routes, 2) < 0)
        return -ENOMEM;
    /* After every route that sorts before or equal to it: longer prefix, or
     * same length with lower or equal metric (insertion order breaks ties). */
    uint32_t pos = 0;
    while (pos < n->nroutes) {
        const struct ms_route *r = &n->routes[pos];
        if (r->plen < nr->plen || (r->plen == nr->plen && r->metric > nr->metric))
            break;
        pos++;
    }
    memmove(&n->routes[pos + 1], &n->routes[pos], (n->nroutes - pos) * sizeof n->routes[0]);
    n->routes[pos] = *nr;
    n->nroutes++;
    return 0;
}

int
ms__route_set(struct ms_node *n, const struct in6_addr *prefix, uint8_t plen, struct ms_iface *oif,
              const struct in6_addr *gw, uint32_t metric, uint8_t flags, int64_t expires_ns)
{
    if (plen > 128 || oif == NULL)
        return -EINVAL;
    struct ms_route nr;
    memset(&nr, 0, sizeof nr);
    nr.prefix = *prefix;
    ms_in6_make_prefix(&nr.prefix, plen);
    nr.plen = plen;
    nr.flags = flags;
    nr.oif = oif;
    if (gw != NULL)
        nr.gw = *gw;
    nr.metric = metric;
    nr.expires_ns = expires_ns;
    struct ms_route *old = route_find(n, &nr.prefix, plen, oif);
    if (old != NULL) {
        if (old->metric == metric) {
            /* Same place in the order: update in place. */
            old->gw = nr.gw;
            old->flags = flags;
            old->expires_ns = expires_ns;
            return 0;
        }
        route_remove_at(n, (uint32_t)(old - n->routes));
    }
    return route_insert(n, &nr);
}

int
ms_route_add(struct ms_node *n, const struct in6_addr *prefix, uint8_t plen, struct ms_iface *oif,
             const struct in6_addr *gw, uint32_t metric)
{
    return ms__route_set(n, prefix, plen, oif, gw, metric, 0, MS_TIME_NEVER);
}

int
ms_route_del(struct ms_node *n, const struct in6_addr *prefix, uint8_t plen, struct ms_iface *oif)
{
    struct in6_addr p = *prefix;
    ms_in6_make_prefix(&p, plen);
    for (uint32_t i = 0; i < n->nroutes; i++) {
        struct ms_route *r = &n->routes[i];
        if (r->plen == plen && (oif == NULL || r->oif == oif) &&
            memcmp(&r->prefix, &p, sizeof p) == 0) {
            route_remove_at(n, i);
            return 0;
        }
    }
    return -ENOENT;
}

void
ms__route_del_iface(struct ms_node *n, struct ms_iface *ifc, uint8_t flags)
{
    uint32_t i = 0;
    while (i < n->nroutes) {
        struct ms_route *r = &n->routes[i];
        if (r->oif == ifc && (flags == 0 || (r->flags & flags) != 0))
            route_remove_at(n, i);
        else
            i++;
    }
}
