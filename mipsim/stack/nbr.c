/* Neighbor cache table: storage only.  The RFC 4861 state machine (what
 * each state means, timers, solicitations) lives in nd.c. */
#include "stack/nbr.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/prefetch.h"
#include "link/link.h"
#include "wire/bytes.h"

#define NBR_INITIAL_CAP 4u

static uint32_t
nbr_hash(const struct in6_addr *a)
{
    /* Neighbors on one link share their prefix: the interface identifier
     * (last 64 bits) carries the entropy, but mixing all four words keeps
     * link-local and global entries of one host apart. */
    const uint8_t *b = a->s6_addr;
    uint32_t h = ms_rd32(b) * 0x9E3779B1u;
    h ^= ms_rd32(b + 4) + 0x7F4A7C15u + (h << 6) + (h >> 2);
    h ^= ms_rd32(b + 8) + 0x7F4A7C15u + (h << 6) + (h >> 2);
    h ^= ms_rd32(b + 12) + 0x7F4A7C15u + (h << 6) + (h >> 2);
    /* murmur3 finalizer */
    h ^= h >> 16;
    h *= 0x85EBCA6Bu;
    h ^= h >> 13;
    h *= 0xC2B2AE35u;
    h ^= h >> 16;
    return h;
}

struct ms_nbr *
ms_nbr_lookup(const struct ms_iface *ifc, const struct in6_addr *a)
{
    const struct ms_nbr_table *t = ifc->nbrs;
    if (t == NULL || t->count == 0)
        return NULL;
    uint32_t h = nbr_hash(a);
    uint32_t mask = t->cap - 1;
    for (uint32_t i = h & mask;; i = (i + 1) & mask) {
        const struct ms_nbr_slot *s = &t->slots[i];
        if (s->e == NULL)
            return NULL;
        if (s->hash == h && memcmp(&s->e->addr, a, sizeof *a) == 0)
            return s->e;
    }
}

void
ms__nbr_prefetch(const struct ms_iface *ifc, const struct in6_addr *a, unsigned step)
{
    const struct ms_nbr_table *t = ifc->nbrs;
    if (t == NULL || t->count == 0)
        return;
    uint32_t h = nbr_hash(a);
    const struct ms_nbr_slot *s = &t->slots[h & (t->cap - 1)];
    if (step >= 3) {
        __builtin_prefetch(s);
        return;
    }
    if (s->e == NULL || s->hash != h)
        return;
    if (step == 2)
        /* What ms__nd_resolve reads: address, MAC, state, reachability. */
        ms_prefetch_span(s->e, offsetof(struct ms_nbr, q_head));
    else if (s->e->state != MS_NBR_INCOMPLETE && s->e->state != MS_NBR_NONE)
        ms_link_prefetch_unicast(ifc->link, &s->e->mac);
}

static void
slot_insert(struct ms_nbr_slot *slots, uint32_t cap, uint32_t h, struct ms_nbr *e)
{
    uint32_t mask = cap - 1;
    uint32_t i = h & mask;
    while (slots[i].e != NULL)
        i = (i + 1) & mask;
    slots[i].hash = h;
    slots[i].e = e;
}

static int
table_grow(struct ms_nbr_table *t)
{
    uint32_t ncap = t->cap ? t->cap * 2 : NBR_INITIAL_CAP;
    struct ms_nbr_slot *ns = calloc(ncap, sizeof *ns);
    if (ns == NULL)
        return -ENOMEM;
    for (uint32_t i = 0; i < t->cap; i++)
        if (t->slots[i].e != NULL)
            slot_insert(ns, ncap, t->slots[i].hash, t->slots[i].e);
    free(t->slots);
    t->slots = ns;
    t->cap = ncap;
    return 0;
}

struct ms_nbr *
ms_nbr_create(struct ms_iface *ifc, const struct in6_addr *a)
{
    if (ifc->nbrs == NULL) {
        ifc->nbrs = calloc(1, sizeof *ifc->nbrs);
        if (ifc->nbrs == NULL)
            return NULL;
    }
    struct ms_nbr_table *t = ifc->nbrs;
    /* Keep the load at most 3/4 so probe sequences stay short. */
    if ((t->count + 1) * 4 > t->cap * 3 && table_grow(t) < 0)
        return NULL;
    struct ms_nbr *e = calloc(1, sizeof *e);
    if (e == NULL)
        return NULL;
    e->addr = *a;
    e->ifc = ifc;
    ms_timer_init(&e->timer, ms__nbr_timer_cb, e);
    slot_insert(t->slots, t->cap, nbr_hash(a), e);
    t->count++;
    return e;
}

/* Backward-shift deletion: after emptying slot i, move later members of
 * the same probe run back so that no lookup stops early at the hole. */
static void
slot_remove(struct ms_nbr_table *t, uint32_t i)
{
    uint32_t mask = t->cap - 1;
    uint32_t hole = i;
    t->slots[hole].e = NULL;
    for (uint32_t j = (hole + 1) & mask; t->slots[j].e != NULL; j = (j + 1) & mask) {
        uint32_t home = t->slots[j].hash & mask;
        /* j may move into the hole when its home position is not inside
         * the cyclic interval (hole, j]. */
        bool in_between = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
        if (!in_between) {
            t->slots[hole] = t->slots[j];
            t->slots[j].e = NULL;
            hole = j;
        }
    }
}

static void
entry_free(struct ms_iface *ifc, struct ms_nbr *e, int code)
{
    ms_timer_stop(&ifc->node->sim->sched, &e->timer);
    struct ms_pkt *p = e->q_head;
    while (p != NULL) {
        struct ms_pkt *next = p->next;
        p->next = NULL;
        ms_node_drop(ifc->node, p, code, "queued for address resolution");
        p = next;
    }
    free(e);
}

void
ms_nbr_delete(struct ms_iface *ifc, struct ms_nbr *e, int code)
{
    struct ms_nbr_table *t = ifc->nbrs;
    if (t == NULL)
        return;
    uint32_t h = nbr_hash(&e->addr);
    uint32_t mask = t->cap - 1;
    for (uint32_t i = h & mask; t->slots[i].e != NULL; i = (i + 1) & mask) {
        if (t->slots[i].e == e) {
            slot_remove(t, i);
            t->count--;
            entry_free(ifc, e, code);
            return;
        }
    }
}

void
ms_nbr_flush(struct ms_iface *ifc, int code)
{
    struct ms_nbr_table *t = ifc->nbrs;
    if (t == NULL)
        return;
    for (uint32_t i = 0; i < t->cap; i++) {
        struct ms_nbr *e = t->slots[i].e;
        if (e != NULL) {
            t->slots[i].e = NULL;
            entry_free(ifc, e, code);
        }
    }
    t->count = 0;
}

void
ms_nbr_table_free(struct ms_iface *ifc)
{
    if (ifc->nbrs == NULL)
        return;
    ms_nbr_flush(ifc, MS_ELINK_DOWN);
    free(ifc->nbrs->slots);
    free(ifc->nbrs);
    ifc->nbrs = NULL;
}

uint32_t
ms_nbr_count(const struct ms_iface *ifc)
{
    return ifc->nbrs ? ifc->nbrs->count : 0;
}

struct ms_nbr *
ms_nbr_at(const struct ms_iface *ifc, uint32_t i)
{
    const struct ms_nbr_table *t = ifc->nbrs;
    if (t == NULL)
        return NULL;
    for (uint32_t s = 0; s < t->cap; s++) {
        if (t->slots[s].e != NULL) {
            if (i == 0)
                return t->slots[s].e;
            i--;
        }
    }
    return NULL;
}

const char *
ms_nbr_state_name(uint8_t state)
{
    static const char *const names[] = {"none",  "incomplete", "reachable",
                                        "stale", "delay",      "probe"};
    return state < sizeof names / sizeof names[0] ? names[state] : "?";
}
