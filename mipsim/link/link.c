#include "link/link.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/time.h"
#include "link/replay.h"
#include "link/tap.h"
#include "stack/node.h"
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
    if (kind == MS_LINK_CELL)
        ms__cell_init(l);
    return l;
}

/* Frees every frame of this link still in the scheduler whose ingress is
 * `who` (a sender for queued frames, a receiver for propagating ones), or
 * all of them when who is NULL.  Returns how many.  The heap changes shape
 * as timers leave it, so timers are collected in batches, then stopped. */
static uint64_t
purge(struct ms_link *l, const void *who)
{
    struct ms_sched *s = &l->sim->sched;
    uint64_t n = 0;
    while (l->in_flight > 0) {
        struct ms_timer *batch[64];
        uint32_t k = 0;
        for (uint32_t i = 0; i < s->count && k < 64; i++) {
            struct ms_timer *t = s->heap[i];
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

struct ms_link_member *
ms_link_member_find(struct ms_link *l, const struct ms_iface *ifc)
{
    for (uint32_t i = 0; i < l->nmembers; i++)
        if (l->members[i].iface == ifc)
            return &l->members[i];
    return NULL;
}

int
ms__link_member_add(struct ms_link *l, struct ms_iface *ifc)
{
    if (l->nmembers == l->members_cap) {
        uint32_t ncap = l->members_cap ? l->members_cap * 2 : 4;
        struct ms_link_member *nm = realloc(l->members, (size_t)ncap * sizeof *nm);
        if (nm == NULL)
            return -ENOMEM;
        l->members = nm;
        l->members_cap = ncap;
    }
    l->members[l->nmembers++] = (struct ms_link_member){
        .iface = ifc,
        .tx_free_ns = ms_sim_now(l->sim),
    };
    ifc->link = l;
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

/* Hands one clone to each receiver, to arrive after serialisation and
 * propagation (plus jitter), unless the loss draw drops it.  Draws are made
 * in member order: loss first, then jitter for the copies that survive, so
 * a run is a function of the seed.  Consumes pkt. */
static void
fan_out(struct ms_link *l, const void *origin, struct ms_pkt *pkt)
{
    struct ms_sched *s = &l->sim->sched;
    int64_t now = ms_sched_now(s);
    struct ms_mac dst;
    memcpy(dst.b, pkt->data, MS_ETH_ALEN);
    bool group = ms_mac_is_multicast(&dst);
    int64_t base = now + ms_link_tx_time_ns(l, pkt->len) + l->p.delay_ns;

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
        struct ms_pkt *c = ms_pkt_clone(pkt);
        if (c == NULL) {
            l->ctr.no_bufs++;
            continue;
        }
        ms_timer_init(&c->timer, on_arrive, l);
        c->ingress = to;
        if (ms_timer_start_at(s, &c->timer, at) < 0) {
            ms_pkt_free(c);
            l->ctr.no_bufs++;
            continue;
        }
        l->in_flight++;
    }
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

static void
on_arrive(struct ms_timer *t)
{
    struct ms_pkt *pkt = pkt_of(t);
    struct ms_link *l = t->data;
    struct ms_iface *to = pkt->ingress;
    l->in_flight--;
    /* Detaching purges the frames in flight to an interface; this is the
     * last line of defence: never deliver to a non-member. */
    if (ms_link_member_find(l, to) == NULL) {
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
