/* Routes: longest prefix match.
 *
 * The table is an array kept sorted by prefix length (longest first), then
 * metric (lowest first), then insertion order, so a lookup returns the first
 * match.  Prefix comparison works on two 64-bit words.  Nodes with many
 * routes also keep an index by (prefix length, prefix) that answers the
 * same as the scan in a few probes; a lookup allocates only when it
 * rebuilds the index after the table changed. */
#include "stack/node.h"

#include "core/array.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "wire/bytes.h"
#include "wire/ipv6.h"

/* a's first plen bits as two words, the rest zero. */
static inline void
masked(const struct in6_addr *a, unsigned plen, uint64_t *hi, uint64_t *lo)
{
    uint64_t a0 = ms_rd64(a->s6_addr), a1 = ms_rd64(a->s6_addr + 8);
    if (plen == 0) {
        *hi = *lo = 0;
    } else if (plen <= 64) {
        *hi = a0 & (~UINT64_C(0) << (64 - plen));
        *lo = 0;
    } else {
        *hi = a0;
        *lo = plen >= 128 ? a1 : a1 & (~UINT64_C(0) << (128 - plen));
    }
}

/* A route's prefix is stored masked (ms__route_set), so it covers a when
 * a masked to its length equals it. */
static inline bool
prefix_match(const struct in6_addr *a, const struct in6_addr *p, unsigned plen)
{
    uint64_t hi, lo;
    masked(a, plen, &hi, &lo);
    return hi == ms_rd64(p->s6_addr) && lo == ms_rd64(p->s6_addr + 8);
}

/* ---- the index ----------------------------------------------------
 *
 * A lookup must return what the scan of the sorted table returns: the
 * first route, in table order, whose prefix covers dst and which has not
 * expired.  The routes covering dst with one prefix length L all carry the
 * same (masked) prefix, dst masked to L, and all of them precede every
 * shorter route in the table.  So, for each prefix length present, longest
 * first, the index finds the table's first route with (L, dst masked to L)
 * and follows the chain of later routes with the same key until one has
 * not expired.  Changing a route's gateway, flags or lifetime in place
 * (ms__route_set) keeps the table's order and the index; adding or removing
 * a route marks the index stale, and the next lookup rebuilds it (in the
 * memory it already has, when large enough). */
#define ROUTE_INDEX_MIN 8u /* fewer routes: the scan is as fast */
#define ROUTE_NONE UINT32_MAX

struct route_slot {
    uint64_t hi, lo; /* the masked prefix */
    uint32_t first;  /* the table's first route with this key, ROUTE_NONE = empty slot */
    uint8_t plen;
};

struct ms_route_index {
    uint32_t cap;        /* slots: a power of two, at least twice the keys */
    uint32_t route_room; /* entries of next[] */
    uint32_t *next;      /* per route: the next one with the same key, or ROUTE_NONE */
    uint32_t nlens;
    uint8_t lens[129]; /* the prefix lengths present, longest first */
    struct route_slot slot[];
};

static inline uint32_t
slot_hash(uint64_t hi, uint64_t lo, unsigned plen)
{
    uint64_t k = hi ^ (lo * UINT64_C(0x9e3779b97f4a7c15)) ^ plen;
    k ^= k >> 33;
    k *= UINT64_C(0xff51afd7ed558ccd);
    k ^= k >> 33;
    return (uint32_t)k;
}

void
ms__route_index_free(struct ms_node *n)
{
    if (n->route_idx != NULL)
        free(n->route_idx->next);
    free(n->route_idx);
    n->route_idx = NULL;
    n->route_idx_stale = false;
}

/* Builds the index for the table as it is.  Returns false (no index: the
 * caller scans) when out of memory. */
static bool
route_index_build(struct ms_node *n)
{
    uint32_t cap = 16;
    while (cap < 2 * n->nroutes)
        cap *= 2;
    struct ms_route_index *x = n->route_idx;
    if (x == NULL || x->cap < cap) {
        ms__route_index_free(n);
        x = calloc(1, sizeof *x + (size_t)cap * sizeof x->slot[0]);
        if (x == NULL)
            return false;
        x->cap = cap;
        n->route_idx = x;
    }
    if (x->route_room < n->nroutes) {
        uint32_t *nx = realloc(x->next, (size_t)n->routes_cap * sizeof *nx);
        if (nx == NULL) {
            ms__route_index_free(n);
            return false;
        }
        x->next = nx;
        x->route_room = n->routes_cap;
    }
    for (uint32_t i = 0; i < x->cap; i++)
        x->slot[i].first = ROUTE_NONE;
    x->nlens = 0;
    uint32_t mask = x->cap - 1;
    /* Backwards, so that each key's slot ends up naming its first route
     * and every route points at the next one with its key. */
    for (uint32_t i = n->nroutes; i-- > 0;) {
        const struct ms_route *r = &n->routes[i];
        uint64_t hi, lo;
        masked(&r->prefix, r->plen, &hi, &lo);
        uint32_t h = slot_hash(hi, lo, r->plen) & mask;
        for (;; h = (h + 1) & mask) {
            struct route_slot *sl = &x->slot[h];
            if (sl->first == ROUTE_NONE) {
                *sl = (struct route_slot){.hi = hi, .lo = lo, .first = i, .plen = r->plen};
                x->next[i] = ROUTE_NONE;
                break;
            }
            if (sl->plen == r->plen && sl->hi == hi && sl->lo == lo) {
                x->next[i] = sl->first;
                sl->first = i;
                break;
            }
        }
    }
    /* The table is sorted longest prefix first. */
    for (uint32_t i = 0; i < n->nroutes; i++)
        if (x->nlens == 0 || x->lens[x->nlens - 1] != n->routes[i].plen)
            x->lens[x->nlens++] = n->routes[i].plen;
    n->route_idx_stale = false;
    return true;
}

static const struct ms_route *
route_scan(const struct ms_node *n, const struct in6_addr *dst, int64_t now)
{
    for (uint32_t i = 0; i < n->nroutes; i++) {
        const struct ms_route *r = &n->routes[i];
        if (prefix_match(dst, &r->prefix, r->plen) && r->expires_ns > now)
            return r;
    }
    return NULL;
}

const struct ms_route *
ms_route_lookup(struct ms_node *n, const struct in6_addr *dst)
{
    int64_t now = ms_sim_now(n->sim);
    if (n->nroutes < ROUTE_INDEX_MIN)
        return route_scan(n, dst, now);
    if ((n->route_idx == NULL || n->route_idx_stale) && !route_index_build(n))
        return route_scan(n, dst, now);
    const struct ms_route_index *x = n->route_idx;
    uint32_t mask = x->cap - 1;
    for (uint32_t k = 0; k < x->nlens; k++) {
        unsigned plen = x->lens[k];
        uint64_t hi, lo;
        masked(dst, plen, &hi, &lo);
        for (uint32_t h = slot_hash(hi, lo, plen) & mask;; h = (h + 1) & mask) {
            const struct route_slot *sl = &x->slot[h];
            if (sl->first == ROUTE_NONE)
                break;
            if (sl->plen != plen || sl->hi != hi || sl->lo != lo)
                continue;
            for (uint32_t i = sl->first; i != ROUTE_NONE; i = x->next[i])
                if (n->routes[i].expires_ns > now)
                    return &n->routes[i];
            break;
        }
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
    n->route_idx_stale = true;
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
    n->route_idx_stale = true;
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
