/* Event core, packet pool, random streams and time parsing. */
#include <criterion/criterion.h>
#include <string.h>

#include "core/pkt.h"
#include "core/rng.h"
#include "core/sched.h"
#include "core/time.h"
#include "wire/err.h"

struct rec {
    struct ms_timer t;
    int id;
    int *log;
    int *n;
    struct ms_sched *s;
};

static void
record(struct ms_timer *t)
{
    struct rec *r = t->data;
    r->log[(*r->n)++] = r->id;
}

Test(sched, orders_by_time_then_fifo)
{
    uv_loop_t loop;
    uv_loop_init(&loop);
    struct ms_sched s;
    cr_assert_eq(ms_sched_init(&s, &loop, MS_CLOCK_VIRTUAL), 0);
    int log[8], n = 0;
    struct rec r[6];
    int64_t when[6] = {30, 10, 20, 10, 10, 5};
    for (int i = 0; i < 6; i++) {
        r[i] = (struct rec){.id = i, .log = log, .n = &n};
        ms_timer_init(&r[i].t, record, &r[i]);
        ms_timer_start(&s, &r[i].t, when[i]);
    }
    ms_sched_run(&s, MS_TIME_NEVER);
    int want[6] = {5, 1, 3, 4, 2, 0};
    cr_assert_eq(n, 6);
    for (int i = 0; i < 6; i++)
        cr_assert_eq(log[i], want[i], "position %d: got %d want %d", i, log[i], want[i]);
    cr_assert_eq(ms_sched_now(&s), 30);
    ms_sched_fini(&s);
    uv_loop_close(&loop);
}

Test(sched, stop_and_restart_moves_timer)
{
    uv_loop_t loop;
    uv_loop_init(&loop);
    struct ms_sched s;
    ms_sched_init(&s, &loop, MS_CLOCK_VIRTUAL);
    int log[4], n = 0;
    struct rec a = {.id = 1, .log = log, .n = &n}, b = {.id = 2, .log = log, .n = &n};
    ms_timer_init(&a.t, record, &a);
    ms_timer_init(&b.t, record, &b);
    ms_timer_start(&s, &a.t, 100);
    ms_timer_start(&s, &b.t, 50);
    ms_timer_stop(&s, &b.t);
    cr_assert(!ms_timer_armed(&b.t));
    ms_timer_start(&s, &a.t, 200); /* re-arm moves it */
    ms_sched_run(&s, 150);
    cr_assert_eq(n, 0);
    cr_assert_eq(ms_sched_now(&s), 150, "virtual clock ends at the stop time");
    ms_sched_run(&s, MS_TIME_NEVER);
    cr_assert_eq(n, 1);
    cr_assert_eq(log[0], 1);
    cr_assert_eq(ms_sched_now(&s), 200);
    ms_sched_fini(&s);
    uv_loop_close(&loop);
}

static void
chain(struct ms_timer *t)
{
    struct rec *r = t->data;
    r->log[(*r->n)++] = (int)ms_sched_now(r->s);
    if (*r->n < 5)
        ms_timer_start(r->s, t, 7);
}

Test(sched, callbacks_can_rearm_and_heap_grows)
{
    uv_loop_t loop;
    uv_loop_init(&loop);
    struct ms_sched s;
    ms_sched_init(&s, &loop, MS_CLOCK_VIRTUAL);
    int log[8], n = 0;
    struct rec r = {.id = 0, .log = log, .n = &n, .s = &s};
    ms_timer_init(&r.t, chain, &r);
    ms_timer_start(&s, &r.t, 7);
    /* Many timers force the heap past its initial capacity. */
    enum { MANY = 5000 };
    static struct ms_timer many[MANY];
    for (int i = 0; i < MANY; i++) {
        ms_timer_init(&many[i], record, &r);
        ms_timer_start(&s, &many[i], 1000 + (i * 7919) % 1000);
    }
    int big_log[MANY + 8];
    r.log = big_log;
    n = 0;
    ms_sched_run(&s, MS_TIME_NEVER);
    cr_assert_eq(n, MANY + 5);
    for (int i = 0; i < 5; i++)
        cr_assert_eq(big_log[i], 7 * (i + 1));
    ms_sched_fini(&s);
    uv_loop_close(&loop);
}

Test(pkt, push_pull_put_bounds)
{
    struct ms_pktpool pool;
    ms_pktpool_init(&pool, 0);
    struct ms_pkt *p = ms_pkt_new(&pool);
    cr_assert_not_null(p);
    cr_assert_eq(p->len, 0);
    cr_assert_not_null(ms_pkt_put(p, 100));
    cr_assert_not_null(ms_pkt_push(p, 40));
    cr_assert_eq(p->len, 140);
    cr_assert_null(ms_pkt_push(p, MS_PKT_HEADROOM), "headroom is bounded");
    cr_assert_null(ms_pkt_pull(p, 141));
    cr_assert_not_null(ms_pkt_pull(p, 40));
    cr_assert_null(ms_pkt_put(p, MS_PKT_BUFSIZE), "tailroom is bounded");
    ms_pkt_free(p);
    cr_assert_eq(pool.in_use, 0);
    ms_pktpool_fini(&pool);
}

Test(pkt, pool_reuses_buffers_and_honours_limit)
{
    struct ms_pktpool pool;
    ms_pktpool_init(&pool, 3);
    struct ms_pkt *a = ms_pkt_new(&pool), *b = ms_pkt_new(&pool), *c = ms_pkt_new(&pool);
    cr_assert(a && b && c);
    cr_assert_null(ms_pkt_new(&pool), "limit of 3 packets");
    ms_pkt_free(b);
    struct ms_pkt *d = ms_pkt_new(&pool);
    cr_assert_eq(d, b, "a freed buffer is reused");
    memcpy(ms_pkt_put(d, 4), "abcd", 4);
    d->flow_id = 7;
    ms_pkt_free(a);
    struct ms_pkt *e = ms_pkt_clone(d);
    cr_assert_not_null(e);
    cr_assert_eq(e->len, 4);
    cr_assert_eq(memcmp(e->data, "abcd", 4), 0);
    cr_assert_eq(e->flow_id, 7);
    cr_assert_eq(pool.peak, 3);
    ms_pkt_free(c);
    ms_pkt_free(d);
    ms_pkt_free(e);
    ms_pktpool_fini(&pool);
}

/* Past its first thousand packets the pool takes 2 MiB slabs aligned for a
 * huge page, outside malloc; every packet is whole, distinct and reusable,
 * with or without a limit. */
Test(pkt, pool_grows_into_huge_slabs)
{
    enum { N = 5000 };
    static struct ms_pkt *p[N];
    struct ms_pktpool pool;
    ms_pktpool_init(&pool, 0);
    for (unsigned i = 0; i < N; i++) {
        p[i] = ms_pkt_new(&pool);
        cr_assert_not_null(p[i]);
        uint8_t *b = ms_pkt_put(p[i], MS_PKT_DATAROOM);
        cr_assert_not_null(b);
        memset(b, (int)(i & 0xff), MS_PKT_DATAROOM);
    }
    cr_assert_gt(pool.nslabs, pool.nsmall, "huge slabs were added");
    cr_assert_eq(pool.heap_bytes, (size_t)pool.nsmall * 64 * sizeof(struct ms_pkt));
    for (uint32_t i = pool.nsmall; i < pool.nslabs; i++)
        cr_assert_eq((uintptr_t)pool.slabs[i] % (2u << 20), 0, "slab %u aligned", i);
    for (unsigned i = 0; i < N; i++)
        cr_assert_eq(p[i]->data[MS_PKT_DATAROOM - 1], (uint8_t)(i & 0xff), "packet %u intact", i);
    for (unsigned i = 0; i < N; i++)
        ms_pkt_free(p[i]);
    uint32_t total = pool.total;
    for (unsigned i = 0; i < N; i++)
        p[i] = ms_pkt_new(&pool);
    cr_assert_eq(pool.total, total, "freed packets are reused, no new slab");
    for (unsigned i = 0; i < N; i++)
        ms_pkt_free(p[i]);
    ms_pktpool_fini(&pool);

    ms_pktpool_init(&pool, 1500);
    for (unsigned i = 0; i < 1500; i++)
        cr_assert_not_null(p[i] = ms_pkt_new(&pool));
    cr_assert_null(ms_pkt_new(&pool), "the limit holds in huge slabs too");
    cr_assert_eq(pool.total, 1500);
    for (unsigned i = 0; i < 1500; i++)
        ms_pkt_free(p[i]);
    ms_pktpool_fini(&pool);
}

Test(rng, streams_are_independent_and_repeatable)
{
    struct ms_rng a1, a2, b;
    ms_rng_init(&a1, 42, "mn");
    ms_rng_init(&a2, 42, "mn");
    ms_rng_init(&b, 42, "ha");
    int same_ab = 0;
    for (int i = 0; i < 100; i++) {
        uint64_t x = ms_rng_u64(&a1), y = ms_rng_u64(&a2), z = ms_rng_u64(&b);
        cr_assert_eq(x, y);
        same_ab += x == z;
    }
    cr_assert_eq(same_ab, 0, "different names give different streams");
    struct ms_rng s;
    ms_rng_init(&s, 1, "x");
    for (int i = 0; i < 1000; i++) {
        int64_t v = ms_rng_range(&s, -5, 5);
        cr_assert(v >= -5 && v <= 5);
        cr_assert_lt(ms_rng_below(&s, 3), 3u);
    }
    cr_assert_eq(ms_rng_below(&s, 0), 0u);
}

Test(rng, chance_ppm_is_close_to_rate)
{
    struct ms_rng s;
    ms_rng_init(&s, 7, "loss");
    int hits = 0;
    for (int i = 0; i < 100000; i++)
        hits += ms_rng_chance_ppm(&s, 100000); /* 10 % */
    cr_assert(hits > 9500 && hits < 10500, "hits %d", hits);
}

Test(time, parse_units_exactly)
{
    int64_t v;
    cr_assert_eq(ms_time_parse("10ms", &v), 0);
    cr_assert_eq(v, 10 * MS_NS_PER_MS);
    cr_assert_eq(ms_time_parse("1.5s", &v), 0);
    cr_assert_eq(v, 1500 * MS_NS_PER_MS);
    cr_assert_eq(ms_time_parse("250us", &v), 0);
    cr_assert_eq(v, 250 * MS_NS_PER_US);
    cr_assert_eq(ms_time_parse("0.001s", &v), 0);
    cr_assert_eq(v, MS_NS_PER_MS);
    cr_assert_eq(ms_time_parse("2m", &v), 0);
    cr_assert_eq(v, 120 * MS_NS_PER_S);
    cr_assert_eq(ms_time_parse("17", &v), 0);
    cr_assert_eq(v, 17);
    cr_assert_eq(ms_time_parse("ms", &v), MS_EBAD_FIELD);
    cr_assert_eq(ms_time_parse("10 parsecs", &v), MS_EBAD_FIELD);
    cr_assert_eq(ms_time_parse("", &v), MS_EBAD_FIELD);
    cr_assert_eq(ms_time_parse("99999999999999999999s", &v), MS_EBAD_FIELD);
}

Test(time, format)
{
    char b[40];
    cr_assert_str_eq(ms_time_format(1500 * MS_NS_PER_MS, b, sizeof b), "1.500s");
    cr_assert_str_eq(ms_time_format(1234567, b, sizeof b), "0.001234567s");
    cr_assert_str_eq(ms_time_format(-2 * MS_NS_PER_S, b, sizeof b), "-2.000s");
}

Test(err, names_and_ranges)
{
    cr_assert_str_eq(ms_err_name(MS_ETRUNC), "TRUNC");
    cr_assert_str_eq(ms_strerror(MS_EBAD_CHECKSUM), "bad checksum");
    cr_assert_eq(ms_err_index(MS_ETRUNC), 0);
    cr_assert_eq(ms_err_index(-22), -1);
    cr_assert(MS_ETOPOLOGY < -4096);
    cr_assert_str_eq(ms_err_name(-22), "errno");
}
