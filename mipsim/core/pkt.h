/* Packet buffers.
 *
 * A packet comes from a pool with headroom for Ethernet plus an outer IPv6
 * header (and then some), so tunnels and links prepend in place.  Ownership
 * has one rule: a function that takes a packet consumes it on every path
 * (delivers, queues, or frees it); such functions are named *_input,
 * *_output, *_send or *_deliver.  To keep a packet, clone it first.
 *
 * The pool grows in slabs and never shrinks while it lives, so the data plane
 * allocates nothing per packet once it has reached its working set.
 */
#ifndef MIPSIM_CORE_PKT_H
#define MIPSIM_CORE_PKT_H

#include <stddef.h>
#include <stdint.h>

#include "core/sched.h"

#define MS_PKT_HEADROOM 192u
#define MS_PKT_DATAROOM 2048u
#define MS_PKT_BUFSIZE (MS_PKT_HEADROOM + MS_PKT_DATAROOM)

struct ms_pktpool;

/* The fields every hop reads (timer, data, len, ingress, pool) share the
 * first cache line (packets are aligned to one, and slabs hand them out
 * aligned): a packet in flight for milliseconds among thousands is rarely
 * in cache when it arrives, and one prefetch brings them all. */
struct ms_pkt {
    _Alignas(64) struct ms_timer timer; /* free for the current owner: link delivery, queues */
    uint8_t *data;
    void *ingress; /* struct ms_iface * the packet arrived on, or NULL (per-packet fact) */
    struct ms_pktpool *pool;
    uint32_t len;
    /* Per-packet facts; reset by ms_pkt_new, copied by ms_pkt_clone. */
    uint32_t flow_id;    /* 0 = not part of a measured flow */
    struct ms_pkt *next; /* free for the current owner: lists and queues */
    uint32_t flow_seq;   /* sequence within the flow */
    int64_t flow_sent_ns;
    uint8_t buf[MS_PKT_BUFSIZE];
};

struct ms_pktpool {
    struct ms_pkt *free_list;
    void **slabs; /* slabs[0..nsmall) from malloc, the rest huge pages (pkt.c) */
    uint32_t nslabs, slabs_cap, nsmall;
    size_t heap_bytes; /* of the slabs from malloc */
    uint32_t total, in_use, peak;
    uint64_t allocs; /* packets handed out, for the benchmark */
    uint32_t limit;  /* 0 = no limit; else at most this many packets */
};

void ms_pktpool_init(struct ms_pktpool *pool, uint32_t limit);
void ms_pktpool_fini(struct ms_pktpool *pool);

/* A fresh packet with len 0 and data at the headroom mark, or NULL when the
 * pool is at its limit or out of memory. */
struct ms_pkt *ms_pkt_new(struct ms_pktpool *pool);
void ms_pkt_free(struct ms_pkt *pkt);
/* Copy of data and metadata (not timer/next), or NULL. */
struct ms_pkt *ms_pkt_clone(const struct ms_pkt *pkt);

/* Prepends n bytes and returns the new start, or NULL when headroom is short. */
static inline uint8_t *
ms_pkt_push(struct ms_pkt *pkt, uint32_t n)
{
    if ((uint32_t)(pkt->data - pkt->buf) < n)
        return NULL;
    pkt->data -= n;
    pkt->len += n;
    return pkt->data;
}

/* Removes n bytes from the front and returns their start, or NULL when the
 * packet is shorter than n. */
static inline uint8_t *
ms_pkt_pull(struct ms_pkt *pkt, uint32_t n)
{
    if (pkt->len < n)
        return NULL;
    uint8_t *p = pkt->data;
    pkt->data += n;
    pkt->len -= n;
    return p;
}

/* Appends n bytes and returns where they go, or NULL when tailroom is short. */
static inline uint8_t *
ms_pkt_put(struct ms_pkt *pkt, uint32_t n)
{
    uint32_t used = (uint32_t)(pkt->data - pkt->buf) + pkt->len;
    if (MS_PKT_BUFSIZE - used < n)
        return NULL;
    uint8_t *p = pkt->data + pkt->len;
    pkt->len += n;
    return p;
}

/* Cuts the packet to n bytes (no-op if it is shorter). */
static inline void
ms_pkt_trim(struct ms_pkt *pkt, uint32_t n)
{
    if (pkt->len > n)
        pkt->len = n;
}

/* Headroom and tailroom left. */
static inline uint32_t
ms_pkt_headroom(const struct ms_pkt *pkt)
{
    return (uint32_t)(pkt->data - pkt->buf);
}

static inline uint32_t
ms_pkt_tailroom(const struct ms_pkt *pkt)
{
    return MS_PKT_BUFSIZE - ms_pkt_headroom(pkt) - pkt->len;
}

#endif
