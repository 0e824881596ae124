/* UDP constant-bit-rate and ping flows with loss, duplicate and reordering
 * accounting (format and rules in flow.h and docs/FORMATS.md). */
#include "app/flow.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/prefetch.h"
#include "core/sim.h"
#include "core/time.h"
#include "role/role.h"
#include "stack/node.h"
#include "wire/bytes.h"
#include "wire/codepoints.h"
#include "wire/err.h"
#include "wire/icmp6.h"

/* ---- accounting ------------------------------------------------------ */

void
ms_flow_acct_init(struct ms_flow_acct *a)
{
    memset(a, 0, sizeof *a);
}

/* The received-flags word holding seq's flag, and the flag's bit in it. */
static uint32_t
bit_word(uint32_t seq)
{
    return seq % MS_FLOW_WINDOW / 64;
}

static uint64_t
bit_mask(uint32_t seq)
{
    return UINT64_C(1) << (seq % MS_FLOW_WINDOW % 64);
}

static bool
bit_get(const struct ms_flow_acct *a, uint32_t seq)
{
    return (a->bits[bit_word(seq)] & bit_mask(seq)) != 0;
}

static void
bit_put(struct ms_flow_acct *a, uint32_t seq, bool v)
{
    if (v)
        a->bits[bit_word(seq)] |= bit_mask(seq);
    else
        a->bits[bit_word(seq)] &= ~bit_mask(seq);
}

uint32_t
ms_flow_acct_sent(struct ms_flow_acct *a, struct ms_flow_stats *st, uint32_t bytes)
{
    uint32_t seq = a->next_seq++;
    /* The slot last held seq - WINDOW, which now leaves the window. */
    bit_put(a, seq, false);
    st->sent++;
    st->bytes_sent += bytes;
    return seq;
}

enum ms_flow_rx_verdict
ms_flow_acct_received(struct ms_flow_acct *a, struct ms_flow_stats *st, uint32_t seq,
                      uint32_t bytes, int64_t delay_ns)
{
    if (seq >= a->next_seq)
        return MS_FLOW_RX_BOGUS;
    st->received++;
    st->bytes_received += bytes;
    enum ms_flow_rx_verdict v;
    if (a->next_seq - seq > MS_FLOW_WINDOW) {
        v = MS_FLOW_RX_LATE;
    } else if (bit_get(a, seq)) {
        st->duplicated++;
        return MS_FLOW_RX_DUPLICATE;
    } else {
        bit_put(a, seq, true);
        v = MS_FLOW_RX_NEW;
    }
    if (seq + 1 < a->highest) {
        st->reordered++;
        if (v == MS_FLOW_RX_NEW)
            v = MS_FLOW_RX_REORDERED;
    } else {
        a->highest = seq + 1;
    }
    a->unique++;
    st->delay_sum_ns += delay_ns;
    if (delay_ns > st->delay_max_ns)
        st->delay_max_ns = delay_ns;
    return v;
}

void
ms_flow_acct_settle(const struct ms_flow_acct *a, struct ms_flow_stats *st, uint32_t inflight)
{
    uint32_t k = inflight;
    if (k > a->next_seq)
        k = a->next_seq;
    if (k > MS_FLOW_WINDOW)
        k = MS_FLOW_WINDOW;
    uint64_t missing = 0;
    for (uint32_t s = a->next_seq - k; s < a->next_seq; s++)
        if (!bit_get(a, s))
            missing++;
    uint64_t gone = a->unique + missing;
    st->lost = st->sent > gone ? st->sent - gone : 0;
}

/* ---- flows ----------------------------------------------------------- */

struct ping_role;

/* What each packet touches comes first (timer, counters, configuration,
 * statistics, the accounting's head): with thousands of flows a flow is
 * rarely in cache when its packet is due, and the FIFO prefetches these
 * lines ahead of time. */
struct ms_flow {
    struct ms_sim *sim;
    uint32_t id;
    bool queued; /* its next packet waits in the simulation's flow FIFO */
    uint64_t k;  /* packets scheduled so far */
    struct ms_timer timer;
    struct ms_flow_cfg cfg;
    struct ms_flow_stats stats;
    struct ms_flow_acct acct;
    struct ms_udp_sock *sock;  /* UDP receiver */
    struct ping_role *ping;    /* ping reply hook on cfg.from */
    struct ms_flow *ping_next; /* the hook's list */
};

/* One role per sending node receives the Echo Replies of its ping flows. */
struct ping_role {
    struct ms_role role;
    struct ms_flow *flows;
};

static void
account_rx(struct ms_flow *f, const uint8_t *data, size_t len, uint32_t bytes)
{
    struct ms_flow_hdr h;
    if (ms_flow_hdr_decode(data, len, &h) < 0 || h.flow_id != f->id)
        return;
    int64_t now = ms_sim_now(f->sim);
    ms_flow_acct_received(&f->acct, &f->stats, h.seq, bytes, now - h.sent_ns);
}

static int
ping_on_icmp6(struct ms_role *r, struct ms_pkt *pkt, const struct ms_rx *rx)
{
    struct ping_role *pr = (struct ping_role *)r;
    if (rx->l4_off > pkt->len || rx->l4_len > pkt->len - rx->l4_off)
        return MS_ROLE_PASS;
    const uint8_t *p = pkt->data + rx->l4_off;
    struct ms_icmp6 m;
    if (ms_icmp6_decode(p, rx->l4_len, &m) < 0 || m.type != MS_ICMP6_ECHO_REPLY)
        return MS_ROLE_PASS;
    for (struct ms_flow *f = pr->flows; f != NULL; f = f->ping_next) {
        if ((f->id & 0xffffu) != m.echo.id)
            continue;
        account_rx(f, p + m.body_off, m.body_len, (uint32_t)m.body_len);
        ms_pkt_free(pkt);
        return MS_ROLE_CONSUMED;
    }
    return MS_ROLE_PASS;
}

static void
ping_free(struct ms_role *r)
{
    struct ping_role *pr = (struct ping_role *)r;
    for (struct ms_flow *f = pr->flows; f != NULL; f = f->ping_next)
        f->ping = NULL;
    free(pr);
}

static const struct ms_role_ops ping_ops = {
    .name = "ping",
    .on_icmp6 = ping_on_icmp6,
    .free = ping_free,
};

static struct ping_role *
ping_role_get(struct ms_node *n)
{
    struct ms_role *r = ms_role_find(n, "ping");
    if (r != NULL)
        return (struct ping_role *)r;
    struct ping_role *pr = calloc(1, sizeof *pr);
    if (pr == NULL)
        return NULL;
    pr->role.ops = &ping_ops;
    ms_role_attach(n, &pr->role);
    return pr;
}

static void
udp_rx(struct ms_udp_sock *s, struct ms_pkt *pkt, const struct in6_addr *src,
       const struct in6_addr *dst, uint16_t sport, const uint8_t *payload, size_t len)
{
    (void)pkt;
    (void)src;
    (void)dst;
    (void)sport;
    account_rx(s->data, payload, len, (uint32_t)len);
}

/* A datagram of f is on its way to the receiver (ms__iface_prefetch_input):
 * the lines account_rx will read and write, including the received-flags
 * word of its sequence number. */
static void
udp_prefetch(const struct ms_udp_sock *s, const uint8_t *payload, size_t len)
{
    const struct ms_flow *f = s->data;
    __builtin_prefetch(&f->id); /* and sim: the first 16 octets, one line */
    ms_prefetch_span(&f->stats.received, offsetof(struct ms_flow, acct.bits) -
                                             offsetof(struct ms_flow, stats.received));
    struct ms_flow_hdr h;
    if (ms_flow_hdr_decode(payload, len, &h) == 0)
        __builtin_prefetch(&f->acct.bits[bit_word(h.seq)]);
}

static int
send_one(struct ms_flow *f)
{
    uint8_t data[MS_PKT_DATAROOM];
    struct ms_node *n = f->cfg.from;
    uint32_t size = f->cfg.size;
    struct ms_flow_hdr h = {
        .flow_id = f->id, .seq = f->acct.next_seq, .sent_ns = ms_sim_now(f->sim)};
    memset(data, 0, size);
    ms_flow_hdr_encode(&h, data, size);
    ms_flow_acct_sent(&f->acct, &f->stats, size);

    const struct in6_addr *src = f->cfg.has_src ? &f->cfg.src : NULL;
    if (f->cfg.kind == MS_FLOW_UDP) {
        uint16_t port = (uint16_t)(MS_FLOW_PORT_BASE + f->id);
        return ms_udp_send(n, src, &f->cfg.dst, port, port, data, size, f->id, h.seq);
    }
    struct in6_addr sel;
    if (src == NULL) {
        if (ms_node_select_source(n, &f->cfg.dst, &sel) < 0) {
            ms_node_drop(n, NULL, MS_ENO_ROUTE, "ping");
            return MS_ENO_ROUTE;
        }
        src = &sel;
    }
    struct ms_pkt *pkt = ms_pkt_new(&f->sim->pool);
    if (pkt == NULL) {
        ms_node_drop(n, NULL, MS_ENO_BUFS, "ping");
        return MS_ENO_BUFS;
    }
    uint8_t *b = ms_pkt_put(pkt, MS_ICMP6_HDR_LEN + 4 + size);
    int len = b == NULL ? -EMSGSIZE
                        : ms_icmp6_echo_encode(MS_ICMP6_ECHO_REQUEST, (uint16_t)f->id,
                                               (uint16_t)h.seq, data, size, src, &f->cfg.dst, b,
                                               MS_ICMP6_HDR_LEN + 4 + size);
    if (len < 0) {
        ms_node_drop(n, pkt, MS_EBAD_LEN, "ping");
        return len;
    }
    pkt->flow_id = f->id;
    pkt->flow_seq = h.seq;
    pkt->flow_sent_ns = h.sent_ns;
    return ms_ip6_send(n, pkt, src, &f->cfg.dst, MS_IPPROTO_ICMPV6, 0, 0);
}

/* ---- the flows' FIFO ------------------------------------------------
 *
 * Thousands of flows of one period would keep thousands of timers in the
 * scheduler's heap, each packet sifting past them.  When a flow's next
 * packet is due no earlier than the last one queued (always so for flows of
 * one period), it waits in a FIFO shared by the simulation's flows, behind
 * one timer armed with the head's key; otherwise it gets its own timer.
 * Keys are taken when the packet is scheduled (ms__sched_key_take), so
 * every packet is sent exactly when its own timer would have fired. */

#define FIFO_PREFETCH_AHEAD 8u

struct flow_fifo_ent {
    struct ms_flow *f;
    struct ms_sched_key key;
};

struct ms_flow_fifo {
    struct ms_sim *sim;
    struct ms_timer timer;
    struct flow_fifo_ent *ring;
    uint32_t cap, first, len; /* cap: power of two */
    uint32_t users;           /* flows alive */
};

static void send_due(struct ms_flow *f);

static struct flow_fifo_ent *
fifo_at(const struct ms_flow_fifo *q, uint32_t i)
{
    return &q->ring[(q->first + i) & (q->cap - 1)];
}

/* Arms the timer for the head (or stops it); packets left without a timer
 * (the heap could not grow) fall back to their flows' own timers. */
static void
fifo_rearm(struct ms_flow_fifo *q)
{
    struct ms_sched *s = &q->sim->sched;
    if (q->len == 0) {
        ms_timer_stop(s, &q->timer);
        return;
    }
    if (ms__timer_start_key(s, &q->timer, &fifo_at(q, 0)->key) == 0)
        return;
    for (uint32_t i = 0; i < q->len; i++) {
        struct flow_fifo_ent *e = fifo_at(q, i);
        e->f->queued = false;
        ms_timer_start_at(s, &e->f->timer, e->key.when_ns);
    }
    q->len = 0;
}

static void
on_fifo(struct ms_timer *t)
{
    struct ms_flow_fifo *q = t->data;
    struct ms_flow *f = fifo_at(q, 0)->f;
    q->first = (q->first + 1) & (q->cap - 1);
    q->len--;
    f->queued = false;
    /* The flow a few packets ahead starts coming into cache. */
    if (q->len > FIFO_PREFETCH_AHEAD) {
        ms_prefetch_span(fifo_at(q, FIFO_PREFETCH_AHEAD)->f, offsetof(struct ms_flow, acct.bits));
    }
    if (q->len > 0)
        fifo_rearm(q);
    send_due(f);
}

static bool
fifo_push(struct ms_flow_fifo *q, struct ms_flow *f, int64_t when_ns)
{
    if (q->len == q->cap) {
        uint32_t ncap = q->cap ? q->cap * 2 : 16;
        struct flow_fifo_ent *nr = malloc((size_t)ncap * sizeof *nr);
        if (nr == NULL)
            return false;
        for (uint32_t i = 0; i < q->len; i++)
            nr[i] = *fifo_at(q, i);
        free(q->ring);
        q->ring = nr;
        q->cap = ncap;
        q->first = 0;
    }
    struct ms_sched_key key = ms__sched_key_take(&q->sim->sched, when_ns);
    *fifo_at(q, q->len++) = (struct flow_fifo_ent){.f = f, .key = key};
    f->queued = true;
    if (q->len == 1)
        fifo_rearm(q);
    return true;
}

/* Takes f's packet out of the FIFO. */
static void
fifo_remove(struct ms_flow_fifo *q, struct ms_flow *f)
{
    if (!f->queued)
        return;
    uint32_t kept = 0;
    bool head_gone = false;
    for (uint32_t i = 0; i < q->len; i++) {
        struct flow_fifo_ent e = *fifo_at(q, i);
        if (e.f == f) {
            head_gone = head_gone || i == 0;
            continue;
        }
        *fifo_at(q, kept++) = e;
    }
    q->len = kept;
    f->queued = false;
    if (head_gone)
        fifo_rearm(q);
}

static struct ms_flow_fifo *
fifo_get(struct ms_sim *sim)
{
    if (sim->flow_fifo == NULL) {
        struct ms_flow_fifo *q = calloc(1, sizeof *q);
        if (q == NULL)
            return NULL;
        q->sim = sim;
        ms_timer_init(&q->timer, on_fifo, q);
        sim->flow_fifo = q;
    }
    sim->flow_fifo->users++;
    return sim->flow_fifo;
}

static void
fifo_put(struct ms_sim *sim)
{
    struct ms_flow_fifo *q = sim->flow_fifo;
    if (q == NULL || --q->users > 0)
        return;
    ms_timer_stop(&sim->sched, &q->timer);
    free(q->ring);
    free(q);
    sim->flow_fifo = NULL;
}

static int64_t
nth_time(const struct ms_flow *f, uint64_t k)
{
    int64_t every = f->cfg.every_ns;
    if (k > 0 && (uint64_t)every > (uint64_t)(MS_TIME_NEVER - f->cfg.start_ns) / k)
        return MS_TIME_NEVER;
    return f->cfg.start_ns + (int64_t)k * every;
}

static void
arm_next(struct ms_flow *f)
{
    struct ms_flow_fifo *q = f->sim->flow_fifo;
    if (q != NULL)
        fifo_remove(q, f);
    if (f->cfg.count != 0 && f->k >= f->cfg.count)
        return;
    int64_t t = nth_time(f, f->k);
    if (t == MS_TIME_NEVER || t >= f->cfg.stop_ns)
        return;
    if (q != NULL && !ms_timer_armed(&f->timer) &&
        (q->len == 0 || t >= fifo_at(q, q->len - 1)->key.when_ns) && fifo_push(q, f, t))
        return;
    ms_timer_start_at(&f->sim->sched, &f->timer, t);
}

static void
send_due(struct ms_flow *f)
{
    f->k++;
    send_one(f);
    arm_next(f);
}

static void
on_timer(struct ms_timer *t)
{
    send_due(t->data);
}

struct ms_flow *
ms_flow_new(struct ms_sim *sim, uint32_t id, const struct ms_flow_cfg *cfg, int *err)
{
    int e = -EINVAL;
    struct ms_flow *f = NULL;
    bool held = false; /* a reference on the flows' FIFO */
    if (sim == NULL || cfg == NULL || cfg->from == NULL || id == 0 || id > 0xffff ||
        cfg->every_ns <= 0 || cfg->size < MS_FLOW_HDR_LEN || cfg->size > 1400 ||
        (cfg->kind == MS_FLOW_UDP && cfg->to == NULL))
        goto fail;
    e = -ENOMEM;
    f = calloc(1, sizeof *f);
    if (f == NULL)
        goto fail;
    f->sim = sim;
    f->id = id;
    f->cfg = *cfg;
    f->cfg.name = NULL;
    snprintf(f->stats.name, sizeof f->stats.name, "%s", cfg->name ? cfg->name : "flow");
    snprintf(f->stats.kind, sizeof f->stats.kind, "%s", cfg->kind == MS_FLOW_UDP ? "udp" : "ping");
    ms_flow_acct_init(&f->acct);
    ms_timer_init(&f->timer, on_timer, f);
    if (fifo_get(sim) == NULL)
        goto fail;
    held = true;
    if (cfg->kind == MS_FLOW_UDP) {
        f->sock = ms_udp_bind(cfg->to, (uint16_t)(MS_FLOW_PORT_BASE + id), udp_rx, f);
        if (f->sock == NULL) {
            e = -EADDRINUSE;
            goto fail;
        }
        f->sock->prefetch = udp_prefetch;
    } else {
        f->ping = ping_role_get(cfg->from);
        if (f->ping == NULL)
            goto fail;
        f->ping_next = f->ping->flows;
        f->ping->flows = f;
    }
    if (sim->report != NULL)
        ms_report_flow_add(sim->report, &f->stats);
    return f;
fail:
    if (held)
        fifo_put(sim);
    free(f);
    if (err != NULL)
        *err = e;
    return NULL;
}

int
ms_flow_start(struct ms_flow *f)
{
    arm_next(f);
    return 0;
}

void
ms_flow_stop(struct ms_flow *f)
{
    ms_timer_stop(&f->sim->sched, &f->timer);
    if (f->sim->flow_fifo != NULL)
        fifo_remove(f->sim->flow_fifo, f);
}

void
ms_flow_free(struct ms_flow *f)
{
    if (f == NULL)
        return;
    ms_flow_stop(f);
    if (f->sock != NULL)
        ms_udp_close(f->sock);
    if (f->ping != NULL) {
        struct ms_flow **pp = &f->ping->flows;
        while (*pp != NULL && *pp != f)
            pp = &(*pp)->ping_next;
        if (*pp == f)
            *pp = f->ping_next;
    }
    fifo_put(f->sim);
    free(f);
}

const struct ms_flow_stats *
ms_flow_stats(struct ms_flow *f)
{
    /* Packets sent after now - timeout may still be on their way: the
     * first of them is the smallest s with start + s * every > horizon. */
    int64_t horizon = ms_sim_now(f->sim) - f->cfg.timeout_ns;
    uint64_t first = 0;
    if (horizon >= f->cfg.start_ns)
        first = (uint64_t)((horizon - f->cfg.start_ns) / f->cfg.every_ns) + 1;
    uint32_t k = first < f->acct.next_seq ? (uint32_t)(f->acct.next_seq - first) : 0;
    ms_flow_acct_settle(&f->acct, &f->stats, k);
    return &f->stats;
}

uint32_t
ms_flow_id(const struct ms_flow *f)
{
    return f->id;
}

const char *
ms_flow_name(const struct ms_flow *f)
{
    return f->stats.name;
}
