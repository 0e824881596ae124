/* Data-plane scaling structures (bench/RESULTS.md): the scheduler's near and
 * far heaps and keyed FIFO timers, links' MAC index, frame FIFO and NIC
 * filter, the binding cache index, the flows' FIFO, the node address index
 * and the mobile node's compact counters.  Each test checks that the fast
 * structure gives what the plain one gave: same events in the same order,
 * same receivers, same lookups.  Virtual clock throughout. */
#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

#include "app/flow.h"
#include "core/sim.h"
#include "core/time.h"
#include "link/link.h"
#include "role/bcache.h"
#include "role/mn.h"
#include "role/mn_bul.h"
#include "stack/node.h"
#include "wire/bytes.h"
#include "wire/codepoints.h"
#include "wire/eth.h"
#include "wire/ipv6.h"

#define MS(x) ((int64_t)(x)*MS_NS_PER_MS)
#define SEC(x) ((int64_t)(x)*MS_NS_PER_S)

static struct in6_addr
A(const char *s) {
    struct in6_addr a;
    cr_assert_eq(ms_in6_parse(s, &a), 0, "bad address %s", s);
    return a;
}

/* A small deterministic generator for the tests' own choices. */
static uint64_t
rnd(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* ---- scheduler: near and far heaps ------------------------------------- */

#define NT 3000

struct rec_timer {
    struct ms_timer t;
    int id;
    bool armed;
    int64_t when;
    uint64_t order; /* the test's own count of arms: the FIFO tie-break */
};

struct fired {
    int id;
    int64_t at;
};

static struct fired *fired_log;
static int nfired;

static void
rec_cb(struct ms_timer *t)
{
    struct rec_timer *r = t->data;
    cr_assert(r->armed, "timer %d fired while stopped", r->id);
    r->armed = false;
    fired_log[nfired++] = (struct fired){.id = r->id, .at = -1};
}

static int
cmp_expected(const void *a, const void *b)
{
    const struct rec_timer *x = *(struct rec_timer *const *)a, *y = *(struct rec_timer *const *)b;
    if (x->when != y->when)
        return x->when < y->when ? -1 : 1;
    return x->order < y->order ? -1 : (x->order > y->order);
}

/* Arms, re-arms and stops timers at random, near (within 10 ms) and far
 * (up to 100 s), runs to the end, and checks the firing order against a
 * sort on (when, arming order). */
static void
random_round(struct ms_sim *sim, struct rec_timer *tm, uint64_t *seed, uint64_t *order)
{
    int64_t now = ms_sim_now(sim);
    for (int op = 0; op < 4 * NT; op++) {
        struct rec_timer *r = &tm[rnd(seed) % NT];
        uint64_t x = rnd(seed);
        if (x % 5 == 0) {
            ms_timer_stop(&sim->sched, &r->t);
            r->armed = false;
            continue;
        }
        int64_t d = (x >> 8) % 3 == 0 ? (int64_t)((x >> 16) % (uint64_t)SEC(100))
                                      : (int64_t)((x >> 16) % (uint64_t)MS(10));
        if ((x >> 40) % 7 == 0)
            d = MS(5); /* ties */
        cr_assert_eq(ms_timer_start(&sim->sched, &r->t, d), 0);
        r->armed = true;
        r->when = now + d;
        r->order = (*order)++;
    }
    struct rec_timer *exp[NT];
    int nexp = 0;
    for (int i = 0; i < NT; i++)
        if (tm[i].armed)
            exp[nexp++] = &tm[i];
    qsort(exp, (size_t)nexp, sizeof exp[0], cmp_expected);
    nfired = 0;
    ms_sched_run(&sim->sched, MS_TIME_NEVER);
    cr_assert_eq(nfired, nexp);
    for (int i = 0; i < nexp; i++)
        cr_assert_eq(fired_log[i].id, exp[i]->id, "event %d: timer %d, expected %d", i,
                     fired_log[i].id, exp[i]->id);
    cr_assert_eq(sim->sched.count + sim->sched.far_count, 0);
}

Test(dataplane, sched_order_matches_a_sort)
{
    struct ms_sim sim;
    cr_assert_eq(ms_sim_init(&sim, 1, MS_CLOCK_VIRTUAL), 0);
    struct rec_timer *tm = calloc(NT, sizeof *tm);
    fired_log = calloc(8 * NT, sizeof *fired_log);
    for (int i = 0; i < NT; i++) {
        tm[i].id = i;
        ms_timer_init(&tm[i].t, rec_cb, &tm[i]);
    }
    uint64_t seed = 88172645463325252u, order = 0;
    for (int round = 0; round < 5; round++)
        random_round(&sim, tm, &seed, &order);
    ms_sim_fini(&sim);
    free(tm);
    free(fired_log);
}

/* Timers fire at their own time even when they waited in the far heap, and
 * the clock reads their time. */
static void
at_cb(struct ms_timer *t)
{
    (void)t;
}

Test(dataplane, sched_far_timers_fire_on_time)
{
    struct ms_sim sim;
    cr_assert_eq(ms_sim_init(&sim, 1, MS_CLOCK_VIRTUAL), 0);
    struct ms_timer near, far1, far2;
    ms_timer_init(&near, at_cb, (void *)(intptr_t)0);
    ms_timer_init(&far1, at_cb, (void *)(intptr_t)1);
    ms_timer_init(&far2, at_cb, (void *)(intptr_t)2);
    ms_timer_start(&sim.sched, &near, MS(1));
    ms_timer_start(&sim.sched, &far1, SEC(30));
    ms_timer_start(&sim.sched, &far2, SEC(20));
    cr_assert_eq(sim.sched.far_count, 2, "due beyond MS_SCHED_FAR_NS: the far heap");
    cr_assert_eq(sim.sched.heap[0], &near, "heap[0] is the next timer");
    ms_sched_run(&sim.sched, MS(2));
    cr_assert_not(ms_timer_armed(&near));
    cr_assert(sim.sched.count >= 1, "the far heap's first timer is promoted");
    cr_assert_eq(sim.sched.heap[0], &far2);
    ms_sched_run(&sim.sched, SEC(20) - 1);
    cr_assert(ms_timer_armed(&far2));
    ms_sched_run(&sim.sched, SEC(20));
    cr_assert_not(ms_timer_armed(&far2));
    cr_assert_eq(ms_sim_now(&sim), SEC(20));
    ms_timer_stop(&sim.sched, &far1);
    cr_assert_eq(sim.sched.count + sim.sched.far_count, 0);
    ms_sim_fini(&sim);
}

/* A FIFO of events behind one timer keyed with ms__sched_key_take runs each
 * event where its own timer would have: A, X, B below. */
struct keyed {
    struct ms_timer fifo;
    struct ms_sched_key keys[2];
    int next, nkeys;
    struct ms_sched *s;
    char log[8];
    int nlog;
};

static void
keyed_cb(struct ms_timer *t)
{
    struct keyed *k = t->data;
    k->log[k->nlog++] = (char)('A' + k->next);
    if (++k->next < k->nkeys)
        ms__timer_start_key(k->s, &k->fifo, &k->keys[k->next]);
}

static struct keyed *keyed_for_x;

static void
x_cb(struct ms_timer *t)
{
    (void)t;
    keyed_for_x->log[keyed_for_x->nlog++] = 'X';
}

Test(dataplane, sched_keyed_fifo_keeps_fifo_order)
{
    struct ms_sim sim;
    cr_assert_eq(ms_sim_init(&sim, 1, MS_CLOCK_VIRTUAL), 0);
    struct keyed k = {.s = &sim.sched, .nkeys = 2};
    keyed_for_x = &k;
    struct ms_timer x;
    ms_timer_init(&k.fifo, keyed_cb, &k);
    ms_timer_init(&x, x_cb, NULL);
    k.keys[0] = ms__sched_key_take(&sim.sched, MS(5));
    ms_timer_start_at(&sim.sched, &x, MS(5));
    k.keys[1] = ms__sched_key_take(&sim.sched, MS(5));
    ms__timer_start_key(&sim.sched, &k.fifo, &k.keys[0]);
    ms_sched_run(&sim.sched, MS(10));
    cr_assert_eq(k.nlog, 3);
    cr_assert_eq(memcmp(k.log, "AXB", 3), 0, "order %.3s", k.log);
    ms_sim_fini(&sim);
}

/* mipsim/script disarms every timer by zeroing their heap_idx and count,
 * then frees their owners in any order: far timers must not be touched
 * afterwards (ASan checks), and the scheduler stays usable. */
Test(dataplane, sched_disarm_by_zeroing_count)
{
    struct ms_sim sim;
    cr_assert_eq(ms_sim_init(&sim, 1, MS_CLOCK_VIRTUAL), 0);
    struct ms_timer *t[40];
    for (int i = 0; i < 40; i++) {
        t[i] = malloc(sizeof *t[i]);
        ms_timer_init(t[i], at_cb, (void *)(intptr_t)3);
        ms_timer_start(&sim.sched, t[i], i % 2 ? SEC(10 + i) : MS(i + 1));
    }
    cr_assert_gt(sim.sched.far_count, 0);
    for (uint32_t i = 0; i < sim.sched.count; i++)
        sim.sched.heap[i]->heap_idx = 0;
    sim.sched.count = 0;
    /* Owners go away in any order; some still stop their timer first. */
    for (int i = 0; i < 40; i += 3)
        free(t[i]), t[i] = NULL;
    for (int i = 1; i < 40; i++)
        if (t[i] != NULL)
            ms_timer_stop(&sim.sched, t[i]);
    for (int i = 0; i < 40; i++)
        free(t[i]);
    struct ms_timer again;
    ms_timer_init(&again, at_cb, (void *)(intptr_t)3);
    ms_timer_start(&sim.sched, &again, SEC(5));
    cr_assert_eq(ms_sched_run(&sim.sched, SEC(6)), 1);
    ms_sim_fini(&sim);
}

/* ---- links --------------------------------------------------------------- */

#define BIG 300

struct big {
    struct ms_sim sim;
    struct ms_link *l;
    struct ms_node *node[BIG];
    struct ms_iface *ifc[BIG];
    int got[BIG];
    int64_t last_at[BIG];
    uint32_t seqs[1024];
    int nseqs;
};

static struct ms_mac
mac_n(int i)
{
    struct ms_mac m = {{0x02, 0x10, 0, (uint8_t)(i >> 16), (uint8_t)(i >> 8), (uint8_t)i}};
    return m;
}

static void
big_hook(void *data, struct ms_link *l, struct ms_iface *to, const struct ms_pkt *pkt)
{
    (void)l;
    struct big *b = data;
    for (int i = 0; i < BIG; i++) {
        if (b->ifc[i] == to) {
            b->got[i]++;
            b->last_at[i] = ms_sim_now(&b->sim);
        }
    }
    if (pkt->len >= MS_ETH_HLEN + 4 && b->nseqs < 1024)
        b->seqs[b->nseqs++] = ms_rd32(pkt->data + MS_ETH_HLEN);
}

/* Radios (down, silent) on one segment: only the test's frames. */
static void
big_init(struct big *b, int n, const struct ms_link_params *p, bool hook)
{
    memset(b, 0, sizeof *b);
    cr_assert_eq(ms_sim_init(&b->sim, 5, MS_CLOCK_VIRTUAL), 0);
    b->sim.log.out = NULL;
    b->l = ms_link_new(&b->sim, MS_LINK_SEGMENT, "big", p);
    if (hook)
        ms_link_set_rx_hook(b->l, big_hook, b);
    for (int i = 0; i < n; i++) {
        char name[16];
        snprintf(name, sizeof name, "h%d", i);
        b->node[i] = ms_node_new(&b->sim, name, false);
        struct ms_mac m = mac_n(i);
        b->ifc[i] = ms_iface_new(b->node[i], &m, true);
        cr_assert_eq(ms_link_attach(b->l, b->ifc[i]), 0);
    }
}

static void
big_fini(struct big *b, int n)
{
    ms_link_free(b->l);
    for (int i = 0; i < n; i++)
        ms_node_free(b->node[i]);
    ms_sim_fini(&b->sim);
}

static void
big_send(struct big *b, int from, const struct ms_mac *dst, uint32_t seq)
{
    struct ms_pkt *pkt = ms_pkt_new(&b->sim.pool);
    uint8_t *p = ms_pkt_put(pkt, 64);
    memset(p, 0, 64);
    struct ms_eth eth = {.dst = *dst, .src = b->ifc[from]->mac, .ethertype = MS_ETHERTYPE_L2EV};
    ms_eth_encode(&eth, p, 64);
    ms_wr32(p + MS_ETH_HLEN, seq);
    ms_link_output(b->l, b->ifc[from], pkt);
}

Test(dataplane, link_unicast_reaches_its_owner_only)
{
    static struct big b;
    struct ms_link_params p;
    ms_link_params_default(&p);
    big_init(&b, BIG, &p, true);
    for (int k = 0; k < BIG; k += 37) {
        struct ms_mac d = mac_n(k);
        big_send(&b, (k + 1) % BIG, &d, (uint32_t)k);
    }
    ms_sched_run(&b.sim.sched, MS(5));
    for (int i = 0; i < BIG; i++)
        cr_assert_eq(b.got[i], i % 37 == 0 ? 1 : 0, "member %d", i);
    cr_assert_eq(b.last_at[37], MS(1), "one propagation delay");
    /* Members leave (the index is rebuilt) and a removed MAC reaches no one. */
    ms_link_detach(b.l, b.ifc[5]);
    ms_link_detach(b.l, b.ifc[0]);
    cr_assert_null(ms_link_member_find(b.l, b.ifc[5]));
    cr_assert_not_null(ms_link_member_find(b.l, b.ifc[299]));
    memset(b.got, 0, sizeof b.got);
    struct ms_mac d5 = mac_n(5), d299 = mac_n(299), d6 = mac_n(6);
    big_send(&b, 1, &d5, 1);
    big_send(&b, 1, &d299, 2);
    big_send(&b, 299, &d6, 3);
    ms_sched_run(&b.sim.sched, MS(10));
    cr_assert_eq(b.got[5], 0);
    cr_assert_eq(b.got[299], 1);
    cr_assert_eq(b.got[6], 1);
    /* A frame from a member to itself reaches no one. */
    big_send(&b, 6, &d6, 4);
    ms_sched_run(&b.sim.sched, MS(15));
    cr_assert_eq(b.got[6], 1);
    ms_link_attach(b.l, b.ifc[5]);
    ms_link_attach(b.l, b.ifc[0]);
    big_fini(&b, BIG);
}

Test(dataplane, link_duplicate_macs_all_receive)
{
    static struct big b;
    struct ms_link_params p;
    ms_link_params_default(&p);
    big_init(&b, 4, &p, true);
    /* A fifth station copying h2's MAC: both get h2's unicast frames, as
     * on a shared medium. */
    b.node[4] = ms_node_new(&b.sim, "clone", false);
    struct ms_mac m = mac_n(2);
    b.ifc[4] = ms_iface_new(b.node[4], &m, true);
    cr_assert_eq(ms_link_attach(b.l, b.ifc[4]), 0);
    big_send(&b, 0, &m, 9);
    ms_sched_run(&b.sim.sched, MS(5));
    cr_assert_eq(b.got[2], 1);
    cr_assert_eq(b.got[4], 1);
    cr_assert_eq(b.got[1] + b.got[3] + b.got[0], 0);
    ms_link_detach(b.l, b.ifc[4]);
    memset(b.got, 0, sizeof b.got);
    big_send(&b, 0, &m, 10);
    ms_sched_run(&b.sim.sched, MS(10));
    cr_assert_eq(b.got[2], 1);
    cr_assert_eq(b.got[4], 0);
    big_fini(&b, 5);
}

/* Without a receive observer, a group frame is copied only for the members
 * whose NIC filter takes it; with one, every member's copy is delivered. */
static void
group_frame_run(bool hook, uint64_t *delivered, uint64_t *rx_at_target, uint64_t *rx_other)
{
    static struct big b;
    struct ms_link_params p;
    ms_link_params_default(&p);
    big_init(&b, 40, &p, hook);
    for (int i = 0; i < 40; i++)
        ms_iface_set_up(b.ifc[i], true);
    ms_sched_run(&b.sim.sched, SEC(10)); /* link-local DAD, RS: settled */
    uint64_t d0 = b.l->ctr.delivered, t0 = b.ifc[17]->ctr.rx_frames, o0 = b.ifc[3]->ctr.rx_frames;
    /* h17's solicited-node group (its link-local address's low 24 bits,
     * RFC 4291 s2.7.1; MAC 33:33:ff:xx:xx:xx, RFC 2464 s7). */
    struct ms_mac g = {{0x33, 0x33, 0xff, 0, 0, 17}};
    big_send(&b, 0, &g, 1);
    ms_sched_run(&b.sim.sched, SEC(10) + MS(5));
    *delivered = b.l->ctr.delivered - d0;
    *rx_at_target = b.ifc[17]->ctr.rx_frames - t0;
    *rx_other = b.ifc[3]->ctr.rx_frames - o0;
    big_fini(&b, 40);
}

Test(dataplane, link_group_frames_filtered_like_a_nic)
{
    uint64_t d, t, o;
    group_frame_run(false, &d, &t, &o);
    cr_assert_eq(d, 1, "only the listener gets a copy");
    cr_assert_eq(t, 1);
    cr_assert_eq(o, 0);
    group_frame_run(true, &d, &t, &o);
    cr_assert_eq(d, 39, "an observer sees every member's copy");
    cr_assert_eq(t, 1);
    cr_assert_eq(o, 1);
}

Test(dataplane, link_fifo_keeps_order_and_times)
{
    static struct big b;
    struct ms_link_params p;
    ms_link_params_default(&p);
    p.delay_ns = MS(3);
    big_init(&b, 2, &p, true);
    struct ms_mac d1 = mac_n(1);
    /* 200 frames, 4 per 100 us: at most 30 in flight at once. */
    for (uint32_t i = 0; i < 200; i++) {
        ms_sched_run(&b.sim.sched, (int64_t)(i / 4) * 100000);
        big_send(&b, 0, &d1, i);
    }
    cr_assert_gt(b.l->in_flight, 20);
    cr_assert_gt(b.l->fifo_len, 20, "frames wait in the FIFO");
    cr_assert_leq(b.sim.sched.count, 3, "one timer for all of them");
    ms_sched_run(&b.sim.sched, SEC(1));
    cr_assert_eq(b.got[1], 200);
    cr_assert_eq(b.nseqs, 200);
    for (uint32_t i = 0; i < 200; i++)
        cr_assert_eq(b.seqs[i], i, "arrival %u", i);
    cr_assert_eq(b.last_at[1], (int64_t)(199 / 4) * 100000 + MS(3));
    /* Detaching purges the FIFO: nothing arrives, nothing leaks. */
    for (uint32_t i = 0; i < 50; i++)
        big_send(&b, 0, &d1, 1000 + i);
    cr_assert_eq(b.l->in_flight, 50);
    ms_link_detach(b.l, b.ifc[1]);
    cr_assert_eq(b.l->in_flight, 0);
    cr_assert_eq(b.l->fifo_len, 0);
    cr_assert_eq(b.sim.pool.in_use, 0);
    ms_sched_run(&b.sim.sched, SEC(2));
    cr_assert_eq(b.got[1], 200);
    ms_link_attach(b.l, b.ifc[1]);
    big_fini(&b, 2);
}

/* With jitter, frames that would overtake the FIFO's tail get their own
 * timers: every frame still arrives, in arrival-time order. */
Test(dataplane, link_fifo_with_jitter)
{
    static struct big b;
    struct ms_link_params p;
    ms_link_params_default(&p);
    p.delay_ns = MS(2);
    p.jitter_ns = MS(1);
    big_init(&b, 2, &p, false);
    struct ms_mac d1 = mac_n(1);
    for (uint32_t i = 0; i < 300; i++) {
        ms_sched_run(&b.sim.sched, (int64_t)i * 20000);
        big_send(&b, 0, &d1, i);
    }
    ms_sched_run(&b.sim.sched, SEC(1));
    cr_assert_eq(b.l->ctr.delivered, 300);
    cr_assert_eq(b.ifc[1]->ctr.rx_frames, 300);
    cr_assert_eq(b.l->in_flight, 0);
    cr_assert_eq(b.sim.pool.in_use, 0);
    big_fini(&b, 2);
}

/* ---- binding cache index ------------------------------------------------- */

static struct in6_addr
hoa_n(uint32_t i)
{
    struct in6_addr a = A("2001:db8:aa::");
    ms_wr32(a.s6_addr + 12, i * 2654435761u); /* scattered */
    return a;
}

Test(dataplane, bcache_index_many_entries)
{
    struct ms_sim sim;
    cr_assert_eq(ms_sim_init(&sim, 1, MS_CLOCK_VIRTUAL), 0);
    struct ms_bcache bc;
    ms_bc_init(&bc, &sim.sched, 0, NULL, NULL);
    enum { N = 5000 };
    for (uint32_t i = 0; i < N; i++) {
        struct in6_addr h = hoa_n(i);
        cr_assert_null(ms_bc_lookup(&bc, &h));
        struct ms_bc_entry *e = ms_bc_add(&bc, &h);
        cr_assert_not_null(e);
        e->seq = (uint16_t)i;
    }
    for (uint32_t i = 0; i < N; i++) {
        struct in6_addr h = hoa_n(i);
        struct ms_bc_entry *e = ms_bc_lookup(&bc, &h);
        cr_assert_not_null(e, "entry %u", i);
        cr_assert_eq(e->seq, (uint16_t)i);
        cr_assert_eq(ms_bc_at(&bc, i), e, "insertion order");
    }
    for (uint32_t i = 0; i < N; i += 3) {
        struct in6_addr h = hoa_n(i);
        ms_bc_del(&bc, ms_bc_lookup(&bc, &h));
    }
    for (uint32_t i = 0; i < N; i++) {
        struct in6_addr h = hoa_n(i);
        struct ms_bc_entry *e = ms_bc_lookup(&bc, &h);
        if (i % 3 == 0)
            cr_assert_null(e, "deleted %u", i);
        else
            cr_assert(e != NULL && e->seq == (uint16_t)i, "kept %u", i);
    }
    cr_assert_eq(ms_bc_count(&bc), N - (N + 2) / 3);
    for (uint32_t i = 0, k = 0; i < N; i++) {
        if (i % 3 == 0)
            continue;
        cr_assert_eq(ms_bc_at(&bc, k++)->seq, (uint16_t)i, "order after deletions");
    }
    for (uint32_t i = 0; i < N; i += 3) {
        struct in6_addr h = hoa_n(i);
        cr_assert_not_null(ms_bc_add(&bc, &h));
        cr_assert_not_null(ms_bc_lookup(&bc, &h));
    }
    cr_assert_eq(ms_bc_count(&bc), N);
    ms_bc_fini(&bc);
    ms_sim_fini(&sim);
}

/* ---- flows' FIFO ------------------------------------------------------------ */

struct flows_world {
    struct ms_sim sim;
    struct ms_link *l;
    struct ms_node *a, *b;
};

static void
flows_world_init(struct flows_world *w)
{
    memset(w, 0, sizeof *w);
    cr_assert_eq(ms_sim_init(&w->sim, 3, MS_CLOCK_VIRTUAL), 0);
    w->sim.log.out = NULL;
    struct ms_link_params p;
    ms_link_params_default(&p);
    w->l = ms_link_new(&w->sim, MS_LINK_SEGMENT, "lan", &p);
    w->a = ms_node_new(&w->sim, "a", false);
    w->b = ms_node_new(&w->sim, "b", false);
    struct ms_mac ma = mac_n(1), mb = mac_n(2);
    struct ms_iface *ia = ms_iface_new(w->a, &ma, false), *ib = ms_iface_new(w->b, &mb, false);
    ia->accept_ra = ib->accept_ra = false;
    cr_assert_eq(ms_link_attach(w->l, ia), 0);
    cr_assert_eq(ms_link_attach(w->l, ib), 0);
    struct in6_addr x = A("2001:db8::a"), y = A("2001:db8::b");
    cr_assert_not_null(ms_addr_add(ia, &x, 64, MS_ADDR_F_STATIC | MS_ADDR_F_NODAD));
    cr_assert_not_null(ms_addr_add(ib, &y, 64, MS_ADDR_F_STATIC | MS_ADDR_F_NODAD));
    ms_sched_run(&w->sim.sched, SEC(2));
    /* Neighbors resolved before the flows start: exact delays. */
    cr_assert_eq(ms_icmp6_echo_send(w->a, NULL, &y, 1, 1, 8, 0, 0), 0);
    ms_sched_run(&w->sim.sched, SEC(3));
}

static struct ms_flow *
flow_mk(struct flows_world *w, uint32_t id, int64_t start, int64_t every)
{
    struct ms_flow_cfg c;
    memset(&c, 0, sizeof c);
    c.kind = MS_FLOW_UDP;
    c.from = w->a;
    c.to = w->b;
    c.dst = A("2001:db8::b");
    c.every_ns = every;
    c.start_ns = start;
    c.stop_ns = MS_TIME_NEVER;
    c.size = 100;
    c.timeout_ns = SEC(1);
    int err = 0;
    struct ms_flow *f = ms_flow_new(&w->sim, id, &c, &err);
    cr_assert_not_null(f, "flow %u: %d", id, err);
    ms_flow_start(f);
    return f;
}

Test(dataplane, flows_fifo_sends_on_schedule)
{
    struct flows_world w;
    flows_world_init(&w);
    int64_t t0 = SEC(4);
    struct ms_flow *f1 = flow_mk(&w, 1, t0, MS(10));
    struct ms_flow *f2 = flow_mk(&w, 2, t0 + MS(5), MS(10));
    struct ms_flow *f3 = flow_mk(&w, 3, t0, MS(7)); /* another period: own timer at times */
    ms_sched_run(&w.sim.sched, t0 + SEC(1) - 1);
    /* Stop and restart one while its packet waits in the FIFO. */
    ms_flow_stop(f2);
    ms_sched_run(&w.sim.sched, t0 + SEC(2) - 1);
    ms_flow_start(f2); /* resumes its schedule: the slots missed go at once */
    ms_sched_run(&w.sim.sched, t0 + SEC(3) - 1);
    ms_flow_stop(f1);
    ms_flow_stop(f2);
    ms_flow_stop(f3);
    ms_sched_run(&w.sim.sched, t0 + SEC(4));
    const struct ms_flow_stats *s1 = ms_flow_stats(f1), *s3 = ms_flow_stats(f3);
    const struct ms_flow_stats *s2 = ms_flow_stats(f2);
    cr_assert_eq(s1->sent, 300);
    cr_assert_eq(s3->sent, 429); /* 0, 7, ..., 2996 ms */
    cr_assert_eq(s1->received, s1->sent);
    cr_assert_eq(s2->received, s2->sent);
    cr_assert_eq(s3->received, s3->sent);
    /* Every packet left exactly on schedule: one propagation delay each. */
    cr_assert_eq(s1->delay_sum_ns, (int64_t)s1->received * MS(1));
    cr_assert_eq(s2->delay_sum_ns, (int64_t)s2->received * MS(1));
    cr_assert_eq(s3->delay_sum_ns, (int64_t)s3->received * MS(1));
    cr_assert_eq(s1->delay_max_ns, MS(1));
    ms_flow_free(f1);
    ms_flow_free(f2);
    ms_flow_free(f3);
    cr_assert_null(w.sim.flow_fifo, "freed with the last flow");
    ms_link_free(w.l);
    ms_node_free(w.a);
    ms_node_free(w.b);
    ms_sim_fini(&w.sim);
}

/* ---- node address index ------------------------------------------------ */

/* The index a node with many interfaces uses answers as the scan does. */
static bool
scan_is_local(struct ms_node *n, const struct in6_addr *a)
{
    for (uint32_t i = 0; i < n->nifaces; i++)
        for (unsigned j = 0; j < MS_IFACE_MAX_ADDRS; j++) {
            const struct ms_addr *x = &n->ifaces[i]->addrs[j];
            if (x->state == MS_ADDR_NONE || !ms_in6_equal(&x->addr, a))
                continue;
            if (x->state == MS_ADDR_PREFERRED || x->state == MS_ADDR_DEPRECATED ||
                ((x->flags & MS_ADDR_F_HOME) && x->state != MS_ADDR_DUPLICATE))
                return true;
        }
    return false;
}

Test(dataplane, addr_index_matches_scan)
{
    struct ms_sim sim;
    cr_assert_eq(ms_sim_init(&sim, 1, MS_CLOCK_VIRTUAL), 0);
    sim.log.out = NULL;
    struct ms_node *r = ms_node_new(&sim, "r", true);
    struct ms_iface *ifc[6];
    for (int i = 0; i < 6; i++) {
        struct ms_mac m = mac_n(100 + i);
        ifc[i] = ms_iface_new(r, &m, false);
    }
    uint64_t seed = 12345;
    struct in6_addr pool[40];
    for (int i = 0; i < 40; i++) {
        pool[i] = A("2001:db8:7::");
        pool[i].s6_addr[7] = (uint8_t)(i % 6);
        pool[i].s6_addr[15] = (uint8_t)(i + 1);
    }
    for (int round = 0; round < 400; round++) {
        uint64_t x = rnd(&seed);
        struct ms_iface *i = ifc[x % 6];
        const struct in6_addr *a = &pool[(x >> 8) % 40];
        if ((x >> 16) % 3 == 0)
            ms_addr_del(i, a);
        else
            ms_addr_add(i, a, 64,
                        (uint8_t)(MS_ADDR_F_STATIC | MS_ADDR_F_NODAD |
                                  ((x >> 24) % 4 == 0 ? MS_ADDR_F_HOME : 0)));
        for (int k = 0; k < 40; k++)
            cr_assert_eq(ms_node_is_local(r, &pool[k]), scan_is_local(r, &pool[k]),
                         "round %d address %d", round, k);
        cr_assert_not_null(r->addr_idx, "a node with six interfaces has the index");
    }
    /* Link-local addresses: tentative (not local) until DAD is done. */
    cr_assert_not(ms_node_is_local(r, &ifc[2]->addrs[0].addr));
    ms_sched_run(&sim.sched, SEC(3));
    for (int i = 0; i < 6; i++)
        cr_assert(ms_node_is_local(r, &ifc[i]->addrs[0].addr));
    ms_node_free(r);
    ms_sim_fini(&sim);
}

/* ---- mobile node counters ---------------------------------------------- */

Test(dataplane, mn_compact_counters)
{
    struct ms_sim sim;
    cr_assert_eq(ms_sim_init(&sim, 1, MS_CLOCK_VIRTUAL), 0);
    sim.log.out = NULL;
    struct ms_node *n = ms_node_new(&sim, "mn", false);
    struct ms_mac m = mac_n(1);
    struct ms_iface *radio = ms_iface_new(n, &m, true);
    struct ms_mn_cfg c;
    ms_mn_cfg_default(&c);
    c.hoa = A("2001:db8:aa::10");
    c.ha = A("2001:db8:aa::1");
    struct ms_role *r = ms_mn_new(n, radio, &c);
    cr_assert_not_null(r);
    struct ms_mn *mn = ms__mn_from_role(r);
    /* Six distinct statuses: four fit inline, then the full table. */
    static const uint8_t st[] = {0, 1, 135, 0, 128, 129, 130, 0, 135};
    for (unsigned i = 0; i < sizeof st; i++)
        ms__mn_count_ba(mn, st[i]);
    MS__MN_CTR(mn, bu_sent) += 7;
    const struct ms_mn_counters *v = ms_mn_counters(r);
    cr_assert_not_null(v);
    cr_assert_eq(v->ba_rx[0], 3);
    cr_assert_eq(v->ba_rx[1], 1);
    cr_assert_eq(v->ba_rx[135], 2);
    cr_assert_eq(v->ba_rx[128], 1);
    cr_assert_eq(v->ba_rx[129], 1);
    cr_assert_eq(v->ba_rx[130], 1);
    cr_assert_eq(v->ba_rx[2], 0);
    cr_assert_eq(v->bu_sent, 7);
    /* From now on the view is live. */
    ms__mn_count_ba(mn, 1);
    MS__MN_CTR(mn, bu_sent)++;
    cr_assert_eq(v->ba_rx[1], 2);
    cr_assert_eq(v->bu_sent, 8);
    cr_assert_eq(ms_mn_counters(r), v, "the same pointer");
    ms_node_free(n);
    ms_sim_fini(&sim);
}
