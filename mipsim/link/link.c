#include "link/link.h"

#include "core/array.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/prefetch.h"
#include "core/time.h"
#include "link/replay.h"
#include "link/tap.h"
#include "stack/node.h"
#include "wire/bytes.h"
#include "wire/codepoints.h"
#include "wire/eth.h"

/* A frame on a link is always a pool packet whose embedded timer drives it:
 *  - queued behind earlier frames of the same sender: timer on_medium,
 *    pkt->ingress = the sender (or a pseudo-member: TAP device, replay);
 *  - propagating to one receiver: timer on_arrive, pkt->ingress = the
 *    receiving interface.
 * timer.data is the link in both cases, so the link can find its frames in
 * the scheduler's heap (detach, free) without keeping a list of its own. */

static void on_medium(struct ms_timer *t);
static void on_arrive(struct ms_timer *t);
static void on_fifo(struct ms_timer *t);

static struct ms_pkt *
pkt_of(struct ms_timer *t)
{
    return (struct ms_pkt *)(void *)((char *)t - offsetof(struct ms_pkt, timer));
}

void
ms_link_params_default(struct ms_link_params *p)
{
    *p = (struct ms_link_params){.delay_ns = MS_NS_PER_MS, .mtu = 1500};
}

struct ms_link *
ms_link_new(struct ms_sim *sim, enum ms_link_kind kind, const char *name,
            const struct ms_link_params *p)
{
    struct ms_link *l = calloc(1, sizeof *l);
    if (l == NULL)
        return NULL;
    l->kind = kind;
    l->sim = sim;
    snprintf(l->name, sizeof l->name, "%s", name ? name : "");
    if (p != NULL)
        l->p = *p;
    else
        ms_link_params_default(&l->p);
    if (l->p.delay_ns < 0)
        l->p.delay_ns = 0;
    if (l->p.jitter_ns < 0)
        l->p.jitter_ns = 0;
    if (l->p.loss_ppm > 1000000)
        l->p.loss_ppm = 1000000;
    if (l->p.mtu == 0)
        l->p.mtu = 1500;
    char stream[sizeof l->name + 8];
    snprintf(stream, sizeof stream, "link:%s", l->name);
    ms_rng_init(&l->rng, sim->seed, stream);
    l->inject_tx_free_ns = ms_sim_now(sim);
    ms_timer_init(&l->fifo_timer, on_fifo, l);
    if (kind == MS_LINK_CELL)
        ms__cell_init(l);
    return l;
}

/* Frees every frame of this link still in the scheduler whose ingress is
 * `who` (a sender for queued frames, a receiver for propagating ones), or
 * all of them when who is NULL.  Returns how many.  The heap changes shape
 * as timers leave it, so timers are collected in batches, then stopped. */
#define FIFO_PREFETCH_AHEAD 6u

static struct ms_link_fifo_ent *
fifo_at(const struct ms_link *l, uint32_t i)
{
    return &l->fifo[(l->fifo_first + i) & (l->fifo_cap - 1)];
}

/* Arms the FIFO's timer for its head, or stops it when the FIFO is empty.
 * Frames left without a timer (the heap could not grow) are dropped. */
static void
fifo_rearm(struct ms_link *l)
{
    struct ms_sched *s = &l->sim->sched;
    if (l->fifo_len == 0) {
        ms_timer_stop(s, &l->fifo_timer);
        return;
    }
    if (ms__timer_start_key(s, &l->fifo_timer, &fifo_at(l, 0)->key) == 0)
        return;
    for (uint32_t i = 0; i < l->fifo_len; i++) {
        ms_pkt_free(fifo_at(l, i)->pkt);
        l->in_flight--;
        l->ctr.no_bufs++;
    }
    l->fifo_len = 0;
}

/* Appends a frame; false when the ring could not grow. */
static bool
fifo_push(struct ms_link *l, struct ms_pkt *pkt, const struct ms_sched_key *key)
{
    if (l->fifo_len == l->fifo_cap) {
        uint32_t ncap = l->fifo_cap ? l->fifo_cap * 2 : 16;
        struct ms_link_fifo_ent *nf = malloc((size_t)ncap * sizeof *nf);
        if (nf == NULL)
            return false;
        for (uint32_t i = 0; i < l->fifo_len; i++)
            nf[i] = *fifo_at(l, i);
        free(l->fifo);
        l->fifo = nf;
        l->fifo_cap = ncap;
        l->fifo_first = 0;
    }
    *fifo_at(l, l->fifo_len++) = (struct ms_link_fifo_ent){.pkt = pkt, .key = *key};
    return true;
}

/* Frees the FIFO's frames to `who` (all when NULL).  Returns how many. */
static uint64_t
fifo_purge(struct ms_link *l, const void *who)
{
    uint64_t n = 0;
    uint32_t kept = 0;
    bool head_gone = false;
    for (uint32_t i = 0; i < l->fifo_len; i++) {
        struct ms_link_fifo_ent e = *fifo_at(l, i);
        if (who != NULL && e.pkt->ingress != who) {
            *fifo_at(l, kept++) = e;
            continue;
        }
        head_gone = head_gone || i == 0;
        ms_pkt_free(e.pkt);
        l->in_flight--;
        n++;
    }
    l->fifo_len = kept;
    if (head_gone)
        fifo_rearm(l);
    return n;
}

static uint64_t
purge(struct ms_link *l, const void *who)
{
    struct ms_sched *s = &l->sim->sched;
    uint64_t n = fifo_purge(l, who);
    while (l->in_flight > 0) {
        struct ms_timer *batch[64];
        uint32_t k = 0;
        /* Frames wait in the near heap (they are due within the link's
         * delay), but a link slower than MS_SCHED_FAR_NS puts them in the
         * far one. */
        for (uint32_t i = 0; i < s->count + s->far_count && k < 64; i++) {
            struct ms_timer *t = i < s->count ? s->heap[i] : s->far[i - s->count];
            if ((t->cb != on_medium && t->cb != on_arrive) || t->data != l)
                continue;
            if (who != NULL && pkt_of(t)->ingress != who)
                continue;
            batch[k++] = t;
        }
        if (k == 0)
            break;
        for (uint32_t i = 0; i < k; i++) {
            ms_timer_stop(s, batch[i]);
            ms_pkt_free(pkt_of(batch[i]));
            l->in_flight--;
            n++;
        }
    }
    return n;
}

void
ms_link_free(struct ms_link *l)
{
    if (l == NULL)
        return;
    ms__replay_free_all(l);
    ms__tap_free(l);
    purge(l, NULL);
    ms_link_capture_stop(l);
    free(l->members);
    free(l->mac_idx);
    free(l->fifo);
    free(l);
}

int
ms_link_capture_start(struct ms_link *l, const char *dir)
{
    char path[4096], err[256] = "";
    if (l->capturing)
        ms_link_capture_stop(l);
    int n = snprintf(path, sizeof path, "%s/%s.pcap", dir && *dir ? dir : ".", l->name);
    if (n < 0 || (size_t)n >= sizeof path)
        return -ENAMETOOLONG;
    int rc = ms_pcapw_open(&l->cap, path, MS_PCAP_EPOCH_S * MS_NS_PER_S, err, sizeof err);
    if (rc < 0) {
        ms_log(&l->sim->log, MS_LOG_ERROR, l->name, "cannot capture to %s: %s", path, err);
        return rc;
    }
    l->capturing = true;
    return 0;
}

void
ms_link_capture_stop(struct ms_link *l)
{
    if (!l->capturing)
        return;
    ms_pcapw_close(&l->cap);
    l->capturing = false;
}

/* ---- member index by MAC ---- */

/* Radios' MACs are often handed out in sequence: the last four octets,
 * folded onto themselves, keep sequential MACs in sequential slots (no
 * collisions, and lookups for neighbours in sequence share cache lines);
 * the first two are mixed in by MurmurHash3's 64-bit finalizer.  A MAC
 * differing in any octet lands elsewhere. */
static uint32_t
mac_hash(const struct ms_mac *m)
{
    uint32_t x = ms_rd32(m->b + 2);
    uint64_t k = ms_rd16(m->b);
    k ^= k >> 33;
    k *= UINT64_C(0xff51afd7ed558ccd);
    k ^= k >> 33;
    k *= UINT64_C(0xc4ceb9fe1a85ec53);
    k ^= k >> 33;
    return x ^ (x >> 16) ^ (uint32_t)k;
}

static bool
mac_idx_usable(const struct ms_link *l)
{
    return l->mac_cap != 0 && l->mac_dups == 0;
}

/* The slot of the member whose MAC is m, or the empty slot where the
 * probe ended (the table is never more than half full).  Slots hold the
 * MAC, so a probe reads the table only. */
static const struct ms_link_mac_slot *
mac_idx_slot(const struct ms_link *l, const struct ms_mac *m)
{
    uint32_t mask = l->mac_cap - 1;
    for (uint32_t s = mac_hash(m) & mask;; s = (s + 1) & mask) {
        const struct ms_link_mac_slot *x = &l->mac_idx[s];
        if (x->iface == NULL || ms_mac_equal(&x->mac, m))
            return x;
    }
}

/* The index + 1 of the member whose MAC is m, or 0. */
static uint32_t
mac_idx_find(const struct ms_link *l, const struct ms_mac *m)
{
    const struct ms_iface *ifc = mac_idx_slot(l, m)->iface;
    return ifc != NULL ? ifc->link_slot + 1 : 0;
}

static void
mac_idx_insert(struct ms_link *l, uint32_t i)
{
    const struct ms_mac *m = &l->members[i].iface->mac;
    uint32_t mask = l->mac_cap - 1;
    for (uint32_t s = mac_hash(m) & mask;; s = (s + 1) & mask) {
        struct ms_link_mac_slot *x = &l->mac_idx[s];
        if (x->iface == NULL) {
            x->iface = l->members[i].iface;
            x->mac = *m;
            return;
        }
        if (ms_mac_equal(&x->mac, m)) {
            l->mac_dups++; /* two members share a MAC: scans from now on */
            return;
        }
    }
}

/* Rebuilds the index for the members as they are now (a removal shifts
 * them).  Out of memory leaves no index: the link then scans its members,
 * as it did before it had one. */
static void
mac_idx_rebuild(struct ms_link *l, uint32_t cap)
{
    free(l->mac_idx);
    l->mac_idx = calloc(cap, sizeof *l->mac_idx);
    l->mac_cap = l->mac_idx != NULL ? cap : 0;
    l->mac_dups = 0;
    if (l->mac_idx == NULL)
        return;
    for (uint32_t i = 0; i < l->nmembers; i++)
        mac_idx_insert(l, i);
}

void
ms_link_prefetch_unicast(const struct ms_link *l, const struct ms_mac *dst)
{
    if (l != NULL && mac_idx_usable(l))
        __builtin_prefetch(&l->mac_idx[mac_hash(dst) & (l->mac_cap - 1)]);
}

struct ms_link_member *
ms_link_member_find(struct ms_link *l, const struct ms_iface *ifc)
{
    /* Every member knows its slot (kept on add and remove); any other
     * interface fails this check. */
    if (ifc->link_slot < l->nmembers && l->members[ifc->link_slot].iface == ifc)
        return &l->members[ifc->link_slot];
    if (mac_idx_usable(l)) {
        uint32_t v = mac_idx_find(l, &ifc->mac);
        if (v != 0 && l->members[v - 1].iface == ifc)
            return &l->members[v - 1];
    }
    /* Not indexed (or not a member): scan. */
    for (uint32_t i = 0; i < l->nmembers; i++)
        if (l->members[i].iface == ifc)
            return &l->members[i];
    return NULL;
}

int
ms__link_member_add(struct ms_link *l, struct ms_iface *ifc)
{
    if (ms_array_reserve((void **)&l->members, l->nmembers, &l->members_cap, sizeof *l->members,
                         4) < 0)
        return -ENOMEM;
    l->members[l->nmembers++] = (struct ms_link_member){
        .iface = ifc,
        .tx_free_ns = ms_sim_now(l->sim),
    };
    ifc->link = l;
    ifc->link_slot = l->nmembers - 1;
    /* Keep the index at most half full. */
    if (l->mac_cap < 2 * l->nmembers)
        mac_idx_rebuild(l, l->mac_cap ? l->mac_cap * 2 : 8);
    else
        mac_idx_insert(l, l->nmembers - 1);
    return 0;
}

bool
ms__link_member_remove(struct ms_link *l, struct ms_iface *ifc)
{
    struct ms_link_member *m = ms_link_member_find(l, ifc);
    if (m == NULL)
        return false;
    uint32_t i = (uint32_t)(m - l->members);
    memmove(&l->members[i], &l->members[i + 1],
            (size_t)(l->nmembers - i - 1) * sizeof l->members[0]);
    l->nmembers--;
    for (uint32_t j = i; j < l->nmembers; j++)
        l->members[j].iface->link_slot = j;
    mac_idx_rebuild(l, l->mac_cap ? l->mac_cap : 8);
    /* Frames queued by ifc never reach the medium, and frames propagating
     * towards it are never delivered: they count as dropped_down. */
    l->ctr.dropped_down += purge(l, ifc);
    if (ifc->link == l)
        ifc->link = NULL;
    return true;
}

int
ms_link_attach(struct ms_link *l, struct ms_iface *iface)
{
    if (iface->link == l && ms_link_member_find(l, iface) != NULL)
        return 0;
    if (iface->link != NULL && iface->link != l)
        return -EBUSY;
    return ms__link_member_add(l, iface);
}

void
ms_link_detach(struct ms_link *l, struct ms_iface *iface)
{
    ms__link_member_remove(l, iface);
}

void
ms_link_set_rx_hook(struct ms_link *l, ms_link_rx_hook hook, void *data)
{
    l->rx_hook = hook;
    l->rx_hook_data = hook ? data : NULL;
}

int64_t
ms_link_tx_time_ns(const struct ms_link *l, uint32_t len)
{
    if (l->p.bandwidth_bps == 0)
        return 0;
    /* Rounded up, so that a frame never takes zero time on a finite link. */
    uint64_t bits = (uint64_t)len * 8u;
    uint64_t ns = (bits * (uint64_t)MS_NS_PER_S + l->p.bandwidth_bps - 1) / l->p.bandwidth_bps;
    return (int64_t)ns;
}

/* Schedules the arrival of pkt (a receiver's own copy) at `to`: in the
 * FIFO when it arrives no earlier than the FIFO's tail, else on its own
 * timer.  Either way it takes its key now, as its own timer would. */
static void
schedule_arrival(struct ms_link *l, struct ms_iface *to, struct ms_pkt *pkt, int64_t at)
{
    struct ms_sched *s = &l->sim->sched;
    pkt->ingress = to;
    pkt->next = NULL;
    if (l->fifo_len == 0 || at >= fifo_at(l, l->fifo_len - 1)->key.when_ns) {
        struct ms_sched_key k = ms__sched_key_take(s, at);
        if (!fifo_push(l, pkt, &k)) {
            ms_pkt_free(pkt);
            l->ctr.no_bufs++;
            return;
        }
        l->in_flight++;
        if (l->fifo_len == 1)
            fifo_rearm(l);
        return;
    }
    ms_timer_init(&pkt->timer, on_arrive, l);
    if (ms_timer_start_at(s, &pkt->timer, at) < 0) {
        ms_pkt_free(pkt);
        l->ctr.no_bufs++;
        return;
    }
    l->in_flight++;
}

/* Hands a copy to each receiver, to arrive after serialisation and
 * propagation (plus jitter), unless the loss draw drops it.  Draws are made
 * in member order: loss first, then jitter for the copies that survive, so
 * a run is a function of the seed.  Consumes pkt.
 *
 * Copies cost: the last receiver gets pkt itself (a unicast frame is never
 * copied), a unicast frame finds its receiver through the MAC index, and a
 * group frame is copied only for the members whose NIC filter accepts it
 * (ms_iface_wants_frame), after their draws, so the draws do not depend on
 * the filter: a solicited-node NS on a cell of a thousand radios costs one
 * copy, not a thousand.  The filter is skipped while a receive observer is
 * installed (ms_link_set_rx_hook): it is promised every receiver's copy. */
static void
fan_out(struct ms_link *l, const void *origin, struct ms_pkt *pkt)
{
    int64_t now = ms_sched_now(&l->sim->sched);
    struct ms_mac dst;
    memcpy(dst.b, pkt->data, MS_ETH_ALEN);
    bool group = ms_mac_is_multicast(&dst);
    int64_t base = now + ms_link_tx_time_ns(l, pkt->len) + l->p.delay_ns;

    if (!group && mac_idx_usable(l)) {
        const struct ms_link_mac_slot *x = mac_idx_slot(l, &dst);
        struct ms_iface *to = x->iface;
        if (to == NULL || (const void *)to == origin) {
            ms_pkt_free(pkt);
            return;
        }
        if (l->p.loss_ppm != 0 && ms_rng_chance_ppm(&l->rng, l->p.loss_ppm)) {
            l->ctr.lost++;
            ms_pkt_free(pkt);
            return;
        }
        int64_t at = base;
        if (l->p.jitter_ns > 0)
            at += ms_rng_range(&l->rng, 0, l->p.jitter_ns);
        schedule_arrival(l, to, pkt, at);
        return;
    }

    /* A receive observer sees what every station's PHY gets, so the NIC
     * filter is then left to the receiving stack, as it always was. */
    bool filter = group && l->rx_hook == NULL;
    struct ms_iface *last = NULL; /* a receiver still waiting for its copy */
    int64_t last_at = 0;
    for (uint32_t i = 0; i < l->nmembers; i++) {
        struct ms_iface *to = l->members[i].iface;
        if ((const void *)to == origin)
            continue;
        /* Filtering at the link: a unicast frame reaches only its owner. */
        if (!group && !ms_mac_equal(&dst, &to->mac))
            continue;
        if (l->p.loss_ppm != 0 && ms_rng_chance_ppm(&l->rng, l->p.loss_ppm)) {
            l->ctr.lost++;
            continue;
        }
        int64_t at = base;
        if (l->p.jitter_ns > 0)
            at += ms_rng_range(&l->rng, 0, l->p.jitter_ns);
        if (filter && !ms_iface_wants_frame(to, &dst))
            continue;
        if (last != NULL) {
            struct ms_pkt *c = ms_pkt_clone(pkt);
            if (c == NULL)
                l->ctr.no_bufs++;
            else
                schedule_arrival(l, last, c, last_at);
        }
        last = to;
        last_at = at;
    }
    if (last != NULL)
        schedule_arrival(l, last, pkt, last_at);
    else
        ms_pkt_free(pkt);
}

/* The frame starts its transmission now: capture it, mirror it to a TAP
 * device, and send a copy to each receiver. */
static void
put_on_medium(struct ms_link *l, const void *origin, struct ms_pkt *pkt)
{
    l->ctr.frames++;
    l->ctr.bytes += pkt->len;
    if (l->capturing)
        ms_pcapw_write(&l->cap, ms_sim_now(l->sim), pkt->data, pkt->len);
    if (l->tap != NULL && origin != (const void *)l->tap)
        ms__tap_output(l, pkt);
    fan_out(l, origin, pkt);
}

static void
on_medium(struct ms_timer *t)
{
    struct ms_pkt *pkt = pkt_of(t);
    struct ms_link *l = t->data;
    l->in_flight--;
    void *origin = pkt->ingress;
    pkt->ingress = NULL;
    put_on_medium(l, origin, pkt);
}

static void arrive(struct ms_link *l, struct ms_pkt *pkt);

static void
on_arrive(struct ms_timer *t)
{
    arrive(t->data, pkt_of(t));
}

/* The FIFO's head arrives: the timer moves on to the next frame first (the
 * receiver may send on this link at once), and that frame, likely sent
 * milliseconds ago and long out of cache, starts coming back. */
static void
on_fifo(struct ms_timer *t)
{
    struct ms_link *l = t->data;
    struct ms_pkt *pkt = fifo_at(l, 0)->pkt;
    l->fifo_first = (l->fifo_first + 1) & (l->fifo_cap - 1);
    l->fifo_len--;
    if (l->fifo_len > 0) {
        /* A frame a few places behind: its header (it says where the frame
         * sits in the buffer). */
        uint32_t ahead = l->fifo_len > FIFO_PREFETCH_AHEAD ? FIFO_PREFETCH_AHEAD : l->fifo_len - 1;
        __builtin_prefetch(fifo_at(l, ahead)->pkt);
        /* The ring's entries further on: written when their frames were
         * sent, milliseconds ago. */
        __builtin_prefetch(fifo_at(l, FIFO_PREFETCH_AHEAD + 4));
        /* Frames nearer the head (their headers fetched a step ago): the
         * frame's octets, then its receiving interface, then what that
         * interface's stack will read (a pipeline, one hop of pointers per
         * step). */
        if (l->fifo_len > 5) {
            /* Its first octets, all a router reads; a host's stack fetches
             * the rest (ms__iface_prefetch_input). */
            const struct ms_pkt *p5 = fifo_at(l, 5)->pkt;
            ms_prefetch_span(p5->data,
                             p5->len < MS_PREFETCH_HEADERS ? p5->len : MS_PREFETCH_HEADERS);
        }
        /* The interface up to its address slots (the stack fetches those). */
        if (l->fifo_len > 4)
            ms_prefetch_span(fifo_at(l, 4)->pkt->ingress, offsetof(struct ms_iface, addrs));
        /* Then what the receiving stack will read, in three steps. */
        for (uint32_t step = 3; step >= 1; step--) {
            if (l->fifo_len > step) {
                const struct ms_pkt *p = fifo_at(l, step)->pkt;
                ms__iface_prefetch_input(p->ingress, p, step);
            }
        }
        fifo_rearm(l);
    }
    arrive(l, pkt);
}

static void
arrive(struct ms_link *l, struct ms_pkt *pkt)
{
    struct ms_iface *to = pkt->ingress;
    l->in_flight--;
    /* Detaching purges the frames in flight to an interface; this is the
     * last line of defence: never deliver to a non-member.  Members and
     * only members point at their link (ms__link_member_add/remove keep
     * the two in step), so the interface's own field answers without a
     * lookup. */
    if (to->link != l) {
        l->ctr.dropped_down++;
        ms_pkt_free(pkt);
        return;
    }
    l->ctr.delivered++;
    if (l->rx_hook != NULL)
        l->rx_hook(l->rx_hook_data, l, to, pkt);
    ms_iface_input(to, pkt);
}

/* Queues pkt behind the sender's earlier frames: it reaches the medium when
 * the medium is free for this sender (one transmit queue per sender). */
static void
transmit(struct ms_link *l, void *origin, int64_t *tx_free_ns, struct ms_pkt *pkt)
{
    struct ms_sched *s = &l->sim->sched;
    int64_t now = ms_sched_now(s);
    int64_t start = *tx_free_ns > now ? *tx_free_ns : now;
    *tx_free_ns = start + ms_link_tx_time_ns(l, pkt->len);
    if (start <= now) {
        put_on_medium(l, origin, pkt);
        return;
    }
    ms_timer_init(&pkt->timer, on_medium, l);
    pkt->ingress = origin;
    if (ms_timer_start_at(s, &pkt->timer, start) < 0) {
        l->ctr.no_bufs++;
        ms_pkt_free(pkt);
        return;
    }
    l->in_flight++;
}

/* Length checks common to every sender.  Returns false (pkt freed, counted)
 * when the frame cannot go on this link. */
static bool
check_len(struct ms_link *l, struct ms_pkt *pkt)
{
    if (pkt->len < MS_ETH_HLEN) {
        l->ctr.malformed++;
        ms_log(&l->sim->log, MS_LOG_DEBUG, l->name, "dropped a %u-octet frame: %s", pkt->len,
               ms_strerror(MS_ETRUNC));
        ms_pkt_free(pkt);
        return false;
    }
    if (pkt->len > l->p.mtu + MS_ETH_HLEN) {
        l->ctr.too_big++;
        ms_log(&l->sim->log, MS_LOG_DEBUG, l->name, "dropped a %u-octet frame: MTU %u", pkt->len,
               l->p.mtu);
        ms_pkt_free(pkt);
        return false;
    }
    return true;
}

void
ms_link_output(struct ms_link *l, struct ms_iface *from, struct ms_pkt *pkt)
{
    if (pkt == NULL)
        return;
    if (l == NULL) {
        ms_pkt_free(pkt);
        return;
    }
    if (!check_len(l, pkt))
        return;
    if (from == NULL) {
        transmit(l, NULL, &l->inject_tx_free_ns, pkt);
        return;
    }
    struct ms_link_member *m = ms_link_member_find(l, from);
    if (m == NULL) {
        l->ctr.dropped_down++;
        ms_pkt_free(pkt);
        return;
    }
    transmit(l, from, &m->tx_free_ns, pkt);
}

void
ms__link_inject(struct ms_link *l, void *origin, int64_t *tx_free_ns, struct ms_pkt *pkt)
{
    if (!check_len(l, pkt))
        return;
    l->ctr.injected++;
    transmit(l, origin, tx_free_ns, pkt);
}

void
ms__link_errf(char *errbuf, size_t errcap, const char *fmt, ...)
{
    if (errbuf == NULL || errcap == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(errbuf, errcap, fmt, ap);
    va_end(ap);
}
