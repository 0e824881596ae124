/* Interface addresses: configuration, stateless autoconfiguration (RFC 4862
 * s5.5.3), Duplicate Address Detection (RFC 4862 s5.4) and source address
 * selection (RFC 6724 s5, simplified).
 *
 * Not modelled: MLD reports (RFC 4862 s5.4.2 asks for one before the DAD
 * probe; segments deliver every multicast frame to every member, so group
 * membership is decided locally by ms__iface_listens). */
#include "stack/node.h"

#include <stdlib.h>
#include <string.h>

#include "role/role.h"
#include "stack/nbr.h"
#include "wire/bytes.h"
#include "wire/ipv6.h"

#define TWO_HOURS_NS (2 * 3600 * MS_NS_PER_S)

static void dad_timer_cb(struct ms_timer *t);

/* ---- node-wide address index ----
 *
 * Open addressing (linear probing, at most half full, backward-shift
 * deletion) of the slots whose state is not MS_ADDR_NONE, keyed by their
 * address; several slots may hold one address.  Only ms_addr_add puts an
 * address in a slot and only ms_addr_del empties one, so those two keep it
 * current.  Nodes with fewer interfaces scan their slots. */
#define ADDR_INDEX_MIN_IFACES 4u

struct ms_addr_index {
    uint32_t cap; /* power of two */
    uint32_t n;
    struct ms_addr *slot[];
};

static uint32_t
addr_hash(const struct in6_addr *a)
{
    /* MurmurHash3's 64-bit finalizer over both halves mixed. */
    const uint8_t *b = a->s6_addr;
    uint64_t h = ms_rd64(b) * UINT64_C(0x9E3779B97F4A7C15) ^ ms_rd64(b + 8);
    h ^= h >> 33;
    h *= UINT64_C(0xff51afd7ed558ccd);
    h ^= h >> 33;
    h *= UINT64_C(0xc4ceb9fe1a85ec53);
    h ^= h >> 33;
    return (uint32_t)h;
}

static void
aidx_put(struct ms_addr_index *x, struct ms_addr *a)
{
    uint32_t mask = x->cap - 1;
    uint32_t i = addr_hash(&a->addr) & mask;
    while (x->slot[i] != NULL)
        i = (i + 1) & mask;
    x->slot[i] = a;
    x->n++;
}

/* (Re)builds the index with room for `extra` more addresses.  On out of
 * memory the node has no index and scans. */
static void
aidx_build(struct ms_node *n, uint32_t extra)
{
    free(n->addr_idx);
    n->addr_idx = NULL;
    uint32_t count = 0;
    for (uint32_t i = 0; i < n->nifaces; i++)
        for (unsigned j = 0; j < MS_IFACE_MAX_ADDRS; j++)
            count += n->ifaces[i]->addrs[j].state != MS_ADDR_NONE;
    uint32_t cap = 16;
    while (cap < 2 * (count + extra))
        cap *= 2;
    struct ms_addr_index *x = calloc(1, sizeof *x + cap * sizeof x->slot[0]);
    if (x == NULL)
        return;
    x->cap = cap;
    for (uint32_t i = 0; i < n->nifaces; i++)
        for (unsigned j = 0; j < MS_IFACE_MAX_ADDRS; j++)
            if (n->ifaces[i]->addrs[j].state != MS_ADDR_NONE)
                aidx_put(x, &n->ifaces[i]->addrs[j]);
    n->addr_idx = x;
}

/* a (its state no longer MS_ADDR_NONE) enters the index. */
static void
aidx_add(struct ms_node *n, struct ms_addr *a)
{
    struct ms_addr_index *x = n->addr_idx;
    if (x == NULL)
        return;
    if (2 * (x->n + 1) > x->cap)
        aidx_build(n, 8); /* a is counted: its state is set */
    else
        aidx_put(x, a);
}

/* a leaves the index (before its state becomes MS_ADDR_NONE). */
static void
aidx_del(struct ms_node *n, const struct ms_addr *a)
{
    struct ms_addr_index *x = n->addr_idx;
    if (x == NULL)
        return;
    uint32_t mask = x->cap - 1;
    uint32_t hole = addr_hash(&a->addr) & mask;
    while (x->slot[hole] != NULL && x->slot[hole] != a)
        hole = (hole + 1) & mask;
    if (x->slot[hole] == NULL)
        return;
    x->slot[hole] = NULL;
    x->n--;
    for (uint32_t j = (hole + 1) & mask; x->slot[j] != NULL; j = (j + 1) & mask) {
        uint32_t home = addr_hash(&x->slot[j]->addr) & mask;
        bool in_between = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
        if (!in_between) {
            x->slot[hole] = x->slot[j];
            x->slot[j] = NULL;
            hole = j;
        }
    }
}

void
ms__addr_index_free(struct ms_node *n)
{
    free(n->addr_idx);
    n->addr_idx = NULL;
}

bool
ms__addr_usable(const struct ms_addr *a, int64_t now_ns)
{
    return (a->state == MS_ADDR_PREFERRED || a->state == MS_ADDR_DEPRECATED) &&
           a->valid_until_ns > now_ns;
}

static bool
addr_deprecated(const struct ms_addr *a, int64_t now_ns)
{
    return a->state == MS_ADDR_DEPRECATED || a->preferred_until_ns <= now_ns;
}

struct ms_addr *
ms__iface_addr_find(struct ms_iface *ifc, const struct in6_addr *a)
{
    for (unsigned i = 0; i < MS_IFACE_MAX_ADDRS; i++) {
        struct ms_addr *x = &ifc->addrs[i];
        if (x->state != MS_ADDR_NONE && memcmp(&x->addr, a, sizeof *a) == 0)
            return x;
    }
    return NULL;
}

struct ms_addr *
ms_addr_find(struct ms_node *n, const struct in6_addr *a)
{
    for (uint32_t i = 0; i < n->nifaces; i++) {
        struct ms_addr *x = ms__iface_addr_find(n->ifaces[i], a);
        if (x != NULL)
            return x;
    }
    return NULL;
}

static void
notify_addr(struct ms_addr *a, bool ok)
{
    struct ms_iface *ifc = a->iface;
    for (struct ms_role *r = ifc->node->roles; r != NULL; r = r->next)
        if (r->ops->on_addr != NULL)
            r->ops->on_addr(r, ifc, a, ok);
}

static bool
wants_connected_route(const struct in6_addr *a, uint8_t plen, uint8_t flags)
{
    /* A configured address with a prefix length makes its prefix on-link
     * (as "ip addr add" does).  SLAAC addresses do not: on-link status
     * comes from the L flag (RFC 4861 s6.3.4, RFC 4862 s5.5.3); a home
     * address held while away is, by definition, not on this link. */
    return plen < 128 && !(flags & (MS_ADDR_F_SLAAC | MS_ADDR_F_HOME)) && !ms_in6_is_linklocal(a) &&
           !ms_in6_is_multicast(a);
}

struct ms_addr *
ms_addr_add(struct ms_iface *ifc, const struct in6_addr *a, uint8_t plen, uint8_t flags)
{
    struct ms_node *n = ifc->node;
    if (plen > 128 || ms_in6_is_multicast(a) || ms_in6_is_unspecified(a))
        return NULL;
    struct ms_addr *slot = ms__iface_addr_find(ifc, a);
    if (slot != NULL)
        return slot;
    for (unsigned i = 0; i < MS_IFACE_MAX_ADDRS && slot == NULL; i++)
        if (ifc->addrs[i].state == MS_ADDR_NONE)
            slot = &ifc->addrs[i];
    if (slot == NULL) {
        ms_log(&n->sim->log, MS_LOG_WARN, n->name, "%s: no room for another address", ifc->name);
        return NULL;
    }
    memset(slot, 0, sizeof *slot);
    slot->addr = *a;
    slot->plen = plen;
    slot->flags = flags;
    slot->iface = ifc;
    slot->valid_until_ns = MS_TIME_NEVER;
    slot->preferred_until_ns = MS_TIME_NEVER;
    ms_timer_init(&slot->dad_timer, dad_timer_cb, slot);
    bool nodad = (flags & MS_ADDR_F_NODAD) || n->nd.dup_addr_detect_transmits == 0;
    slot->state = nodad ? MS_ADDR_PREFERRED : MS_ADDR_TENTATIVE;
    aidx_add(n, slot);
    if (wants_connected_route(a, plen, flags))
        ms__route_set(n, a, plen, ifc, NULL, 0, MS_ROUTE_F_CONNECTED, MS_TIME_NEVER);
    char buf[MS_IN6_STRLEN];
    ms_in6_format(a, buf, sizeof buf);
    ms_log(&n->sim->log, MS_LOG_DEBUG, n->name, "%s: address %s/%u %s", ifc->name, buf, plen,
           nodad ? "preferred" : "tentative");
    if (!nodad && ifc->up)
        ms__addr_dad_start(slot);
    return slot;
}

void
ms_addr_del(struct ms_iface *ifc, const struct in6_addr *a)
{
    struct ms_node *n = ifc->node;
    struct ms_addr *x = ms__iface_addr_find(ifc, a);
    if (x == NULL)
        return;
    ms_timer_stop(&n->sim->sched, &x->dad_timer);
    struct in6_addr prefix = x->addr;
    uint8_t plen = x->plen;
    bool had_route = wants_connected_route(&x->addr, x->plen, x->flags);
    aidx_del(n, x);
    x->state = MS_ADDR_NONE;
    if (!had_route)
        return;
    /* Keep the connected route while another address covers the prefix. */
    for (unsigned i = 0; i < MS_IFACE_MAX_ADDRS; i++) {
        const struct ms_addr *o = &ifc->addrs[i];
        if (o->state != MS_ADDR_NONE && o->plen == plen &&
            wants_connected_route(&o->addr, o->plen, o->flags) &&
            ms_in6_prefix_match(&o->addr, &prefix, plen))
            return;
    }
    ms_in6_make_prefix(&prefix, plen);
    for (uint32_t i = 0; i < n->nroutes; i++) {
        const struct ms_route *r = &n->routes[i];
        if (r->oif == ifc && r->plen == plen && (r->flags & MS_ROUTE_F_CONNECTED) &&
            ms_in6_equal(&r->prefix, &prefix)) {
            ms_route_del(n, &prefix, plen, ifc);
            break;
        }
    }
}

/* ---- Duplicate Address Detection (RFC 4862 s5.4) ---- */

void
ms__addr_dad_start(struct ms_addr *a)
{
    struct ms_node *n = a->iface->node;
    a->state = MS_ADDR_TENTATIVE;
    a->dad_left = n->nd.dup_addr_detect_transmits;
    /* RFC 4862 s5.4.2: when the interface has just been initialised, the
     * first probe waits a random [0, MAX_RTR_SOLICITATION_DELAY]. */
    int64_t delay = 0;
    if (n->nd.max_delay_dad)
        delay = ms_rng_range(&n->rng, 0, n->nd.max_rtr_solicitation_delay_ns);
    ms_timer_start(&n->sim->sched, &a->dad_timer, delay);
}

static void
dad_timer_cb(struct ms_timer *t)
{
    struct ms_addr *a = t->data;
    struct ms_iface *ifc = a->iface;
    struct ms_node *n = ifc->node;
    if (a->state != MS_ADDR_TENTATIVE || !ifc->up)
        return;
    if (a->dad_left > 0) {
        /* RFC 4862 s5.4.2: NS from the unspecified address to the
         * solicited-node group of the tentative address, then wait
         * RetransTimer. */
        a->dad_left--;
        ms__nd_send_ns(ifc, &a->addr, &in6addr_any, NULL, NULL);
        ms_timer_start(&n->sim->sched, &a->dad_timer, n->nd.retrans_timer_ns);
        return;
    }
    /* RFC 4862 s5.4.3/5.4.4: no answer within DupAddrDetectTransmits *
     * RetransTimer: the address is unique. */
    int64_t now = ms_sim_now(n->sim);
    a->state = a->preferred_until_ns <= now ? MS_ADDR_DEPRECATED : MS_ADDR_PREFERRED;
    char buf[MS_IN6_STRLEN];
    ms_in6_format(&a->addr, buf, sizeof buf);
    ms_log(&n->sim->log, MS_LOG_DEBUG, n->name, "%s: %s passed DAD", ifc->name, buf);
    if (ms_in6_is_linklocal(&a->addr))
        ms__ra_kick(ifc);
    notify_addr(a, true);
}

void
ms__addr_dad_failed(struct ms_addr *a)
{
    struct ms_iface *ifc = a->iface;
    struct ms_node *n = ifc->node;
    ms_timer_stop(&n->sim->sched, &a->dad_timer);
    a->state = MS_ADDR_DUPLICATE;
    char buf[MS_IN6_STRLEN];
    ms_in6_format(&a->addr, buf, sizeof buf);
    /* RFC 4862 s5.4.5: "the node SHOULD log a system management error". */
    ms_log(&n->sim->log, MS_LOG_WARN, n->name, "%s: duplicate address %s", ifc->name, buf);
    notify_addr(a, false);
}

/* ---- Stateless address autoconfiguration (RFC 4862 s5.5.3) ---- */

static int64_t
lifetime_until(int64_t now, uint32_t s)
{
    if (s == UINT32_MAX)
        return MS_TIME_NEVER; /* RFC 4861 s4.6.2: all ones = infinity */
    return now + (int64_t)s * MS_NS_PER_S;
}

void
ms__addr_slaac(struct ms_iface *ifc, const struct in6_addr *prefix, uint8_t plen, uint32_t valid_s,
               uint32_t preferred_s)
{
    struct ms_node *n = ifc->node;
    int64_t now = ms_sim_now(n->sim);
    /* (b) ignore the link-local prefix; (c) preferred > valid: ignore. */
    if (ms_in6_is_linklocal(prefix) || preferred_s > valid_s)
        return;
    /* (d)/(e): is there an address formed from this prefix already? */
    struct ms_addr *x = NULL;
    for (unsigned i = 0; i < MS_IFACE_MAX_ADDRS && x == NULL; i++) {
        struct ms_addr *a = &ifc->addrs[i];
        if (a->state != MS_ADDR_NONE && (a->flags & MS_ADDR_F_SLAAC) && a->plen == plen &&
            ms_in6_prefix_match(&a->addr, prefix, plen))
            x = a;
    }
    if (x == NULL) {
        if (valid_s == 0)
            return;
        uint8_t iid[8];
        struct in6_addr a;
        ms_mac_to_eui64_iid(&ifc->mac, iid);
        /* The interface identifier is 64 bits: other prefix lengths cannot
         * form an address (RFC 4862 s5.5.3 (d)). */
        if (ms_in6_from_prefix_iid(prefix, plen, iid, &a) < 0) {
            ms_log(&n->sim->log, MS_LOG_INFO, n->name, "%s: prefix length %u cannot autoconfigure",
                   ifc->name, plen);
            return;
        }
        if (ms__iface_addr_find(ifc, &a) != NULL)
            return; /* configured already by other means */
        x = ms_addr_add(ifc, &a, plen, MS_ADDR_F_SLAAC);
        if (x == NULL)
            return;
        x->valid_until_ns = lifetime_until(now, valid_s);
        x->preferred_until_ns = lifetime_until(now, preferred_s);
        return;
    }
    /* (e) update the preferred lifetime, and the valid lifetime under the
     * two-hour rule that stops a forged RA from expiring addresses. */
    x->preferred_until_ns = lifetime_until(now, preferred_s);
    int64_t new_valid = lifetime_until(now, valid_s);
    int64_t remaining =
        x->valid_until_ns == MS_TIME_NEVER ? MS_TIME_NEVER : x->valid_until_ns - now;
    if (new_valid - now > TWO_HOURS_NS || new_valid > x->valid_until_ns)
        x->valid_until_ns = new_valid;
    else if (remaining <= TWO_HOURS_NS)
        ; /* ignore the prefix's valid lifetime */
    else
        x->valid_until_ns = now + TWO_HOURS_NS;
    if (x->state == MS_ADDR_PREFERRED && x->preferred_until_ns <= now)
        x->state = MS_ADDR_DEPRECATED;
    else if (x->state == MS_ADDR_DEPRECATED && x->preferred_until_ns > now)
        x->state = MS_ADDR_PREFERRED;
}

/* ---- Local addresses, groups and source selection ---- */

bool
ms__iface_is_proxy(const struct ms_iface *ifc, const struct in6_addr *a)
{
    for (uint32_t i = 0; i < ifc->nproxies; i++)
        if (memcmp(&ifc->proxies[i], a, sizeof *a) == 0)
            return true;
    return false;
}

static bool
low24_eq(const struct in6_addr *a, const struct in6_addr *g)
{
    return memcmp(a->s6_addr + 13, g->s6_addr + 13, 3) == 0;
}

bool
ms__iface_listens(struct ms_iface *ifc, const struct in6_addr *g)
{
    static const uint8_t sol_prefix[13] = {0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xff};
    const uint8_t *b = g->s6_addr;
    if (b[0] != 0xff || b[1] != 0x02)
        return false;
    /* ff02::1 (all nodes) and, for routers, ff02::2 (RFC 4291 s2.7.1). */
    static const uint8_t zeros[14];
    if (memcmp(b + 2, zeros, 13) == 0 && (b[15] == 1 || (b[15] == 2 && ifc->node->forwarding)))
        return true;
    if (memcmp(b, sol_prefix, sizeof sol_prefix) != 0)
        return false;
    /* Solicited-node groups of our addresses (tentative ones included:
     * RFC 4862 s5.4.2), of addresses we proxy and of DAD probes we run. */
    for (unsigned i = 0; i < MS_IFACE_MAX_ADDRS; i++) {
        const struct ms_addr *a = &ifc->addrs[i];
        if (a->state != MS_ADDR_NONE && a->state != MS_ADDR_DUPLICATE &&
            !(a->flags & MS_ADDR_F_HOME) && low24_eq(&a->addr, g))
            return true;
    }
    for (uint32_t i = 0; i < ifc->nproxies; i++)
        if (low24_eq(&ifc->proxies[i], g))
            return true;
    for (const struct ms_dad_probe *p = ifc->dad_probes; p != NULL; p = p->next)
        if (low24_eq(&p->addr, g))
            return true;
    return false;
}

static bool
mac_low24_eq(const struct in6_addr *a, const struct ms_mac *m)
{
    return memcmp(a->s6_addr + 13, m->b + 3, 3) == 0;
}

bool
ms_iface_wants_frame(const struct ms_iface *ifc, const struct ms_mac *dst)
{
    const uint8_t *b = dst->b;
    if (!ms_mac_is_multicast(dst))
        return ms_mac_equal(dst, &ifc->mac);
    if (b[0] != 0x33 || b[1] != 0x33)
        return true; /* broadcast, or a group that is not IPv6 */
    /* 33:33:00:00:00:01 all nodes, :02 all routers. */
    if (b[2] == 0 && b[3] == 0 && b[4] == 0)
        return b[5] == 1 || (b[5] == 2 && ifc->node->forwarding);
    if (b[2] != 0xff)
        return false;
    /* 33:33:ff:XX:XX:XX: a solicited-node group (RFC 4291 s2.7.1). */
    for (unsigned i = 0; i < MS_IFACE_MAX_ADDRS; i++) {
        const struct ms_addr *a = &ifc->addrs[i];
        if (a->state != MS_ADDR_NONE && a->state != MS_ADDR_DUPLICATE &&
            !(a->flags & MS_ADDR_F_HOME) && mac_low24_eq(&a->addr, dst))
            return true;
    }
    for (uint32_t i = 0; i < ifc->nproxies; i++)
        if (mac_low24_eq(&ifc->proxies[i], dst))
            return true;
    for (const struct ms_dad_probe *p = ifc->dad_probes; p != NULL; p = p->next)
        if (mac_low24_eq(&p->addr, dst))
            return true;
    return false;
}

bool
ms_node_is_local(struct ms_node *n, const struct in6_addr *a)
{
    if (ms_in6_is_multicast(a)) {
        for (uint32_t i = 0; i < n->nifaces; i++)
            if (ms__iface_listens(n->ifaces[i], a))
                return true;
        return false;
    }
    int64_t now = ms_sim_now(n->sim);
    if (n->addr_idx == NULL && n->nifaces >= ADDR_INDEX_MIN_IFACES)
        aidx_build(n, 8);
    const struct ms_addr_index *idx = n->addr_idx;
    if (idx != NULL) {
        uint32_t mask = idx->cap - 1;
        for (uint32_t i = addr_hash(a) & mask; idx->slot[i] != NULL; i = (i + 1) & mask) {
            const struct ms_addr *x = idx->slot[i];
            if (memcmp(&x->addr, a, sizeof *a) == 0 &&
                (ms__addr_usable(x, now) ||
                 ((x->flags & MS_ADDR_F_HOME) && x->state != MS_ADDR_DUPLICATE)))
                return true;
        }
        return false;
    }
    for (uint32_t i = 0; i < n->nifaces; i++) {
        const struct ms_iface *ifc = n->ifaces[i];
        for (unsigned j = 0; j < MS_IFACE_MAX_ADDRS; j++) {
            const struct ms_addr *x = &ifc->addrs[j];
            if (memcmp(&x->addr, a, sizeof *a) == 0 &&
                (ms__addr_usable(x, now) ||
                 ((x->flags & MS_ADDR_F_HOME) && x->state != MS_ADDR_NONE &&
                  x->state != MS_ADDR_DUPLICATE)))
                return true;
        }
    }
    return false;
}

const struct in6_addr *
ms__iface_addr_pick(struct ms_iface *ifc, bool want_ll)
{
    int64_t now = ms_sim_now(ifc->node->sim);
    const struct ms_addr *best = NULL;
    for (unsigned i = 0; i < MS_IFACE_MAX_ADDRS; i++) {
        const struct ms_addr *a = &ifc->addrs[i];
        if (!ms__addr_usable(a, now) || ms_in6_is_linklocal(&a->addr) != want_ll ||
            (a->flags & MS_ADDR_F_HOME))
            continue;
        if (best == NULL || (addr_deprecated(best, now) && !addr_deprecated(a, now)))
            best = a;
    }
    return best ? &best->addr : NULL;
}

/* RFC 6724 s3.1 scopes: 2 link-local, 14 global. */
static unsigned
addr_scope(const struct in6_addr *a)
{
    if (ms_in6_is_multicast(a))
        return a->s6_addr[1] & 0x0f;
    if (ms_in6_is_linklocal(a) || ms_in6_is_loopback(a))
        return 2;
    return 14;
}

static unsigned
common_prefix_len(const struct in6_addr *a, const struct in6_addr *b)
{
    unsigned n = 0;
    for (unsigned i = 0; i < 16; i++) {
        uint8_t x = a->s6_addr[i] ^ b->s6_addr[i];
        if (x == 0) {
            n += 8;
            continue;
        }
        while (!(x & 0x80)) {
            n++;
            x = (uint8_t)(x << 1);
        }
        break;
    }
    return n;
}

/* RFC 6724 s5 rules 1-5 and 8: true when a is a better source than b for
 * dst.  Labels (rule 6) and temporary addresses (rule 7) are not modelled. */
static bool
src_better(const struct ms_addr *a, const struct ms_addr *b, const struct in6_addr *dst,
           const struct ms_iface *oif, int64_t now)
{
    /* Rule 1: prefer the same address. */
    bool a_same = ms_in6_equal(&a->addr, dst), b_same = ms_in6_equal(&b->addr, dst);
    if (a_same != b_same)
        return a_same;
    /* Rule 2: prefer the appropriate scope. */
    unsigned sa = addr_scope(&a->addr), sb = addr_scope(&b->addr), sd = addr_scope(dst);
    if (sa != sb) {
        if (sa < sb)
            return sa >= sd;
        return sb < sd;
    }
    /* Rule 3: avoid deprecated addresses. */
    bool da = addr_deprecated(a, now), db = addr_deprecated(b, now);
    if (da != db)
        return !da;
    /* Rule 4: prefer home addresses (RFC 6275 s11.3.1: upper layers use
     * the home address; the mobile node's role carries it to the link). */
    bool ha = (a->flags & MS_ADDR_F_HOME) != 0, hb = (b->flags & MS_ADDR_F_HOME) != 0;
    if (ha != hb)
        return ha;
    /* Rule 5: prefer the outgoing interface. */
    bool oa = a->iface == oif, ob = b->iface == oif;
    if (oa != ob)
        return oa;
    /* Rule 8: longest matching prefix. */
    return common_prefix_len(&a->addr, dst) > common_prefix_len(&b->addr, dst);
}

int
ms_node_select_source(struct ms_node *n, const struct in6_addr *dst, struct in6_addr *out)
{
    int64_t now = ms_sim_now(n->sim);
    const struct ms_route *r = ms_route_lookup(n, dst);
    const struct ms_iface *oif = r ? r->oif : NULL;
    const struct ms_addr *best = NULL;
    for (uint32_t i = 0; i < n->nifaces; i++) {
        const struct ms_iface *ifc = n->ifaces[i];
        for (unsigned j = 0; j < MS_IFACE_MAX_ADDRS; j++) {
            const struct ms_addr *a = &ifc->addrs[j];
            bool ok = ms__addr_usable(a, now) ||
                      ((a->flags & MS_ADDR_F_HOME) && a->state != MS_ADDR_NONE &&
                       a->state != MS_ADDR_DUPLICATE && a->state != MS_ADDR_TENTATIVE);
            if (!ok || (a->flags & MS_ADDR_F_ANYCAST))
                continue;
            /* A link-local source only ever reaches its own link. */
            if (ms_in6_is_linklocal(&a->addr) && addr_scope(dst) > 2)
                continue;
            if (best == NULL || src_better(a, best, dst, oif, now))
                best = a;
        }
    }
    if (best == NULL)
        return MS_ENO_ROUTE;
    *out = best->addr;
    return 0;
}
