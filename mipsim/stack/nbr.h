/* Neighbor cache (RFC 4861 s5.1, s7.3): one per interface, allocated on
 * first use.
 *
 * The table is an open-addressing hash (linear probing, power-of-two size,
 * backward-shift deletion, load <= 3/4) of pointers to entries, each slot
 * holding a 32-bit hash tag so that a probe rarely touches a foreign entry.
 * Entries live on the heap so that their timers (intrusive, in the
 * scheduler's heap) stay valid when the slot array grows.  A lookup
 * allocates nothing; only a new neighbor allocates (once).  An access router
 * with a thousand neighbors probes about one slot per lookup.
 *
 * Iteration (ms_nbr_at) follows slot order, which depends only on the
 * addresses inserted and deleted, so it is deterministic.
 */
#ifndef MIPSIM_STACK_NBR_H
#define MIPSIM_STACK_NBR_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/pkt.h"
#include "core/sched.h"
#include "stack/node.h"
#include "wire/eth.h"

/* RFC 4861 s7.3.2 Neighbor Unreachability Detection states. */
enum ms_nbr_state {
    MS_NBR_NONE = 0,
    MS_NBR_INCOMPLETE,
    MS_NBR_REACHABLE,
    MS_NBR_STALE,
    MS_NBR_DELAY,
    MS_NBR_PROBE,
};

/* RFC 4861 s7.2.2: packets queued per INCOMPLETE entry; when full, "the new
 * arrival SHOULD replace the oldest entry". */
#define MS_NBR_QUEUE_MAX 3u

struct ms_nbr {
    struct in6_addr addr;
    struct ms_mac mac;
    uint8_t state;  /* enum ms_nbr_state */
    uint8_t probes; /* solicitations sent in INCOMPLETE or PROBE */
    uint8_t qlen;
    bool router;                    /* IsRouter flag */
    int64_t reachable_until_ns;     /* REACHABLE turns STALE after this (checked lazily) */
    struct ms_pkt *q_head, *q_tail; /* waiting for resolution, IPv6 header first */
    struct ms_timer timer;          /* INCOMPLETE retransmit, DELAY, PROBE */
    struct ms_iface *ifc;
};

struct ms_nbr_slot {
    uint32_t hash; /* tag; meaningless when e is NULL */
    struct ms_nbr *e;
};

struct ms_nbr_table {
    struct ms_nbr_slot *slots;
    uint32_t cap; /* power of two */
    uint32_t count;
};

/* The entry for a on ifc, or NULL.  Never allocates. */
struct ms_nbr *ms_nbr_lookup(const struct ms_iface *ifc, const struct in6_addr *a);
/* A hint, given in three steps a few events apart (3, 2, then 1): starts
 * fetching a's first slot, then the entry it holds (what ms_nbr_lookup(ifc,
 * a) most likely returns), then, for a resolved entry, the receiver's slot
 * of the link's MAC index (a frame to it is about to be sent).  Changes
 * nothing. */
void ms__nbr_prefetch(const struct ms_iface *ifc, const struct in6_addr *a, unsigned step);
/* Creates an entry in state MS_NBR_NONE (the caller sets it) for an address
 * that has none.  Returns NULL when out of memory. */
struct ms_nbr *ms_nbr_create(struct ms_iface *ifc, const struct in6_addr *a);
/* Removes and frees e: stops its timer and drops its queued packets
 * (counted with code). */
void ms_nbr_delete(struct ms_iface *ifc, struct ms_nbr *e, int code);
/* Deletes every entry (a link change, RFC 6275 s11.5); queued packets are
 * dropped with code. */
void ms_nbr_flush(struct ms_iface *ifc, int code);
/* Flushes and frees the table itself. */
void ms_nbr_table_free(struct ms_iface *ifc);
uint32_t ms_nbr_count(const struct ms_iface *ifc);
/* The i-th entry in slot order (0 <= i < ms_nbr_count), or NULL. */
struct ms_nbr *ms_nbr_at(const struct ms_iface *ifc, uint32_t i);
const char *ms_nbr_state_name(uint8_t state);

#endif
