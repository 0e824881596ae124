#include "core/pkt.h"

#include "core/hugepage.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Slabs: small ones from malloc first, so that a small simulation stays
 * small; once the pool holds LARGE_AFTER packets, slabs of one huge page
 * (core/hugepage.h).  A large simulation keeps tens of thousands of packets
 * in flight and touches them in no particular order: in 4 KiB pages nearly
 * every packet touched would also miss the TLB. */
#define SLAB_PKTS 64u
#define LARGE_AFTER 1024u

void
ms_pktpool_init(struct ms_pktpool *pool, uint32_t limit)
{
    memset(pool, 0, sizeof *pool);
    pool->limit = limit;
}

void
ms_pktpool_fini(struct ms_pktpool *pool)
{
    for (uint32_t i = 0; i < pool->nslabs; i++) {
        if (i < pool->nsmall)
            free(pool->slabs[i]);
        else
            ms_huge_unmap(pool->slabs[i]);
    }
    free(pool->slabs);
    memset(pool, 0, sizeof *pool);
}

static int
grow(struct ms_pktpool *pool)
{
    bool huge = pool->total >= LARGE_AFTER;
    uint32_t n = huge ? (uint32_t)(MS_HUGE_PAGE / sizeof(struct ms_pkt)) : SLAB_PKTS;
    if (pool->limit != 0) {
        if (pool->total >= pool->limit)
            return -1;
        if (pool->limit - pool->total < n)
            n = pool->limit - pool->total;
    }
    if (pool->nslabs == pool->slabs_cap) {
        uint32_t ncap = pool->slabs_cap ? pool->slabs_cap * 2 : 16;
        void **ns = realloc(pool->slabs, ncap * sizeof *ns);
        if (ns == NULL)
            return -1;
        pool->slabs = ns;
        pool->slabs_cap = ncap;
    }
    struct ms_pkt *slab =
        huge ? ms_huge_map() : aligned_alloc(_Alignof(struct ms_pkt), (size_t)n * sizeof *slab);
    if (slab == NULL)
        return -1;
    pool->slabs[pool->nslabs++] = slab;
    if (!huge) {
        pool->nsmall++;
        pool->heap_bytes += (size_t)n * sizeof *slab;
    }
    for (uint32_t i = 0; i < n; i++) {
        slab[i].pool = pool;
        slab[i].next = pool->free_list;
        pool->free_list = &slab[i];
    }
    pool->total += n;
    return 0;
}

struct ms_pkt *
ms_pkt_new(struct ms_pktpool *pool)
{
    if (pool->free_list == NULL && grow(pool) < 0)
        return NULL;
    struct ms_pkt *pkt = pool->free_list;
    pool->free_list = pkt->next;
    pkt->next = NULL;
    ms_timer_init(&pkt->timer, NULL, NULL);
    pkt->data = pkt->buf + MS_PKT_HEADROOM;
    pkt->len = 0;
    pkt->ingress = NULL;
    pkt->flow_id = 0;
    pkt->flow_seq = 0;
    pkt->flow_sent_ns = 0;
    pool->allocs++;
    if (++pool->in_use > pool->peak)
        pool->peak = pool->in_use;
    return pkt;
}

void
ms_pkt_free(struct ms_pkt *pkt)
{
    if (pkt == NULL)
        return;
    struct ms_pktpool *pool = pkt->pool;
    pkt->next = pool->free_list;
    pool->free_list = pkt;
    pool->in_use--;
}

struct ms_pkt *
ms_pkt_clone(const struct ms_pkt *pkt)
{
    struct ms_pkt *c = ms_pkt_new(pkt->pool);
    if (c == NULL)
        return NULL;
    c->data = c->buf + (pkt->data - pkt->buf);
    c->len = pkt->len;
    memcpy(c->data, pkt->data, pkt->len);
    c->ingress = pkt->ingress;
    c->flow_id = pkt->flow_id;
    c->flow_seq = pkt->flow_seq;
    c->flow_sent_ns = pkt->flow_sent_ns;
    return c;
}
