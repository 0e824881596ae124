#include "core/sched.h"

#include <errno.h>
#include <stdlib.h>

/* The heaps are 4-ary: half as deep as a binary heap, so a timer moves past
 * fewer others (each move writes the moved timer's heap_idx, in memory owned
 * by some node, rarely in cache), and the four keys of a slot's children
 * are contiguous.  With the hundred or so timers the near heap holds while
 * packets fly, removing the root compares a dozen keys where an 8-ary heap
 * compares twenty.  The order of events is the total order (when, seq)
 * whatever the arity or the heap a timer waits in. */
#define ARITY 4u
#define FAR_TAG 0x80000000u

static inline bool
key_before(const struct ms_sched_key *a, const struct ms_sched_key *b)
{
    if (a->when_ns != b->when_ns)
        return a->when_ns < b->when_ns;
    return a->seq < b->seq;
}

/* ---- one heap: timers h[0..n), keys k[0..n), heap_idx tag ---- */

static inline void
place(struct ms_timer **h, struct ms_sched_key *k, uint32_t tag, uint32_t i, struct ms_timer *t,
      const struct ms_sched_key *key)
{
    h[i] = t;
    k[i] = *key;
    t->heap_idx = (i + 1) | tag;
}

static void
sift_up(struct ms_timer **h, struct ms_sched_key *k, uint32_t tag, uint32_t i)
{
    struct ms_timer *t = h[i];
    struct ms_sched_key key = k[i];
    while (i > 0) {
        uint32_t parent = (i - 1) / ARITY;
        if (!key_before(&key, &k[parent]))
            break;
        place(h, k, tag, i, h[parent], &k[parent]);
        i = parent;
    }
    place(h, k, tag, i, t, &key);
}

static void
sift_down(struct ms_timer **h, struct ms_sched_key *k, uint32_t tag, uint32_t n, uint32_t i)
{
    struct ms_timer *t = h[i];
    struct ms_sched_key key = k[i];
    for (;;) {
        uint32_t first = ARITY * i + 1;
        if (first >= n)
            break;
        uint32_t end = first + ARITY < n ? first + ARITY : n;
        uint32_t m = first;
        for (uint32_t c = first + 1; c < end; c++)
            if (key_before(&k[c], &k[m]))
                m = c;
        if (!key_before(&k[m], &key))
            break;
        place(h, k, tag, i, h[m], &k[m]);
        i = m;
    }
    place(h, k, tag, i, t, &key);
}

/* Removes slot i of a heap of *n timers (the caller clears the timer's
 * heap_idx). */
static void
remove_at(struct ms_timer **h, struct ms_sched_key *k, uint32_t tag, uint32_t *n, uint32_t i)
{
    uint32_t last = --*n;
    if (i == last)
        return;
    place(h, k, tag, i, h[last], &k[last]);
    if (i > 0 && key_before(&k[i], &k[(i - 1) / ARITY]))
        sift_up(h, k, tag, i);
    else
        sift_down(h, k, tag, *n, i);
}

/* Makes room for one more timer.  Returns 0 or -ENOMEM. */
static int
reserve(struct ms_timer ***h, struct ms_sched_key **k, uint32_t n, uint32_t *cap)
{
    if (n < *cap)
        return 0;
    uint32_t ncap = *cap ? *cap * 2 : 256;
    struct ms_timer **nh = realloc(*h, (size_t)ncap * sizeof *nh);
    if (nh == NULL)
        return -ENOMEM;
    *h = nh;
    struct ms_sched_key *nk = realloc(*k, (size_t)ncap * sizeof *nk);
    if (nk == NULL)
        return -ENOMEM; /* h grew: harmless, cap stays */
    *k = nk;
    *cap = ncap;
    return 0;
}

/* ---- the near and far heaps ---- */

/* count == 0 with timers in the far heap happens only when the owner zeroed
 * count to disarm everything: forget the far heap without touching its
 * timers (their owners may be gone). */
static void
check_disarmed(struct ms_sched *s)
{
    if (s->count == 0)
        s->far_count = 0;
}

/* Restores the invariant after the near heap lost its root or a timer: the
 * far heap's first timer moves over when it is due before the near root.
 * One move is enough (the far heap's next one comes after it), and the near
 * heap has room, having just lost a timer. */
static void
promote(struct ms_sched *s)
{
    if (s->far_count == 0 || (s->count > 0 && !key_before(&s->far_keys[0], &s->keys[0])))
        return;
    struct ms_timer *t = s->far[0];
    struct ms_sched_key key = s->far_keys[0];
    remove_at(s->far, s->far_keys, FAR_TAG, &s->far_count, 0);
    place(s->heap, s->keys, 0, s->count, t, &key);
    sift_up(s->heap, s->keys, 0, s->count++);
}

static void
heap_remove(struct ms_sched *s, struct ms_timer *t)
{
    uint32_t idx = t->heap_idx;
    t->heap_idx = 0;
    if (idx & FAR_TAG) {
        uint32_t i = (idx & ~FAR_TAG) - 1;
        /* Forgotten by check_disarmed: nothing to remove. */
        if (i >= s->far_count || s->far[i] != t)
            return;
        remove_at(s->far, s->far_keys, FAR_TAG, &s->far_count, i);
        return;
    }
    remove_at(s->heap, s->keys, 0, &s->count, idx - 1);
    promote(s);
}

static void real_arm(struct ms_sched *s);

int
ms_sched_init(struct ms_sched *s, uv_loop_t *loop, enum ms_clock clock)
{
    *s = (struct ms_sched){.loop = loop, .clock = clock, .stop_at_ns = MS_TIME_NEVER};
    if (reserve(&s->heap, &s->keys, 0, &s->cap) < 0) {
        free(s->heap);
        free(s->keys);
        s->heap = NULL;
        s->keys = NULL;
        return -ENOMEM;
    }
    if (clock == MS_CLOCK_REAL) {
        uv_timer_init(loop, &s->uv_timer);
        s->uv_timer.data = s;
        s->real_start_ms = uv_now(loop);
    }
    return 0;
}

void
ms_sched_fini(struct ms_sched *s)
{
    check_disarmed(s);
    for (uint32_t i = 0; i < s->count; i++)
        s->heap[i]->heap_idx = 0;
    for (uint32_t i = 0; i < s->far_count; i++)
        s->far[i]->heap_idx = 0;
    free(s->heap);
    free(s->keys);
    free(s->far);
    free(s->far_keys);
    s->heap = s->far = NULL;
    s->keys = s->far_keys = NULL;
    s->count = s->cap = s->far_count = s->far_cap = 0;
    if (s->clock == MS_CLOCK_REAL && s->loop != NULL) {
        uv_timer_stop(&s->uv_timer);
        uv_close((uv_handle_t *)&s->uv_timer, NULL);
        uv_run(s->loop, UV_RUN_NOWAIT);
    }
}

/* Arms t (not armed) with key; the near heap has room. */
static void
insert(struct ms_sched *s, struct ms_timer *t, const struct ms_sched_key *key)
{
    t->when_ns = key->when_ns;
    if (s->count > 0 && key->when_ns - s->now_ns > MS_SCHED_FAR_NS &&
        key_before(&s->keys[0], key) &&
        reserve(&s->far, &s->far_keys, s->far_count, &s->far_cap) == 0) {
        place(s->far, s->far_keys, FAR_TAG, s->far_count, t, key);
        sift_up(s->far, s->far_keys, FAR_TAG, s->far_count++);
        return;
    }
    place(s->heap, s->keys, 0, s->count, t, key);
    sift_up(s->heap, s->keys, 0, s->count++);
    if (s->clock == MS_CLOCK_REAL && s->heap[0] == t)
        real_arm(s);
}

int
ms_timer_start_at(struct ms_sched *s, struct ms_timer *t, int64_t when_ns)
{
    check_disarmed(s);
    if (ms_timer_armed(t))
        heap_remove(s, t);
    /* Room in the near heap first: a far timer may have to move there. */
    if (reserve(&s->heap, &s->keys, s->count, &s->cap) < 0)
        return -ENOMEM;
    struct ms_sched_key key = ms__sched_key_take(s, when_ns);
    insert(s, t, &key);
    return 0;
}

struct ms_sched_key
ms__sched_key_take(struct ms_sched *s, int64_t when_ns)
{
    if (when_ns < s->now_ns)
        when_ns = s->now_ns;
    return (struct ms_sched_key){.when_ns = when_ns, .seq = s->next_seq++};
}

int
ms__timer_start_key(struct ms_sched *s, struct ms_timer *t, const struct ms_sched_key *key)
{
    check_disarmed(s);
    if (ms_timer_armed(t))
        heap_remove(s, t);
    if (reserve(&s->heap, &s->keys, s->count, &s->cap) < 0)
        return -ENOMEM;
    insert(s, t, key);
    return 0;
}

int
ms_timer_start(struct ms_sched *s, struct ms_timer *t, int64_t delay_ns)
{
    if (delay_ns < 0)
        delay_ns = 0;
    if (delay_ns > MS_TIME_NEVER - s->now_ns)
        delay_ns = MS_TIME_NEVER - s->now_ns;
    return ms_timer_start_at(s, t, s->now_ns + delay_ns);
}

void
ms_timer_stop(struct ms_sched *s, struct ms_timer *t)
{
    check_disarmed(s);
    if (ms_timer_armed(t))
        heap_remove(s, t);
}

void
ms_sched_stop(struct ms_sched *s)
{
    s->stopping = true;
    if (s->clock == MS_CLOCK_REAL)
        uv_stop(s->loop);
}

/* Pops and runs every timer due at or before limit_ns. */
static uint64_t
run_due(struct ms_sched *s, int64_t limit_ns)
{
    uint64_t n = 0;
    while (s->count > 0 && !s->stopping) {
        struct ms_timer *t = s->heap[0];
        if (t->when_ns > limit_ns)
            break;
        heap_remove(s, t);
        s->now_ns = t->when_ns;
        t->cb(t);
        n++;
    }
    return n;
}

static uint64_t
run_virtual(struct ms_sched *s, int64_t stop_ns)
{
    uint64_t n = 0;
    while (!s->stopping && s->count > 0 && s->keys[0].when_ns <= stop_ns) {
        struct ms_timer *t = s->heap[0];
        heap_remove(s, t);
        /* The next timer is known now: start fetching it (with thousands of
         * nodes it is rarely in cache) while this one runs. */
        if (s->count > 0)
            __builtin_prefetch(s->heap[0]);
        s->now_ns = t->when_ns;
        t->cb(t);
        /* Serve signals and any I/O now and then without blocking: virtual
         * time never waits for the wall clock. */
        if ((++n & 4095) == 0)
            uv_run(s->loop, UV_RUN_NOWAIT);
    }
    if (!s->stopping && stop_ns != MS_TIME_NEVER && s->now_ns < stop_ns)
        s->now_ns = stop_ns;
    return n;
}

static int64_t
real_now(struct ms_sched *s)
{
    uv_update_time(s->loop);
    return (int64_t)(uv_now(s->loop) - s->real_start_ms) * MS_NS_PER_MS;
}

static void
on_uv_timer(uv_timer_t *h)
{
    struct ms_sched *s = h->data;
    s->now_ns = real_now(s);
    s->events_run += run_due(s, s->now_ns < s->stop_at_ns ? s->now_ns : s->stop_at_ns);
    if (s->now_ns >= s->stop_at_ns) {
        uv_stop(s->loop);
        return;
    }
    real_arm(s);
}

static void
real_arm(struct ms_sched *s)
{
    int64_t head = s->count > 0 ? s->keys[0].when_ns : s->stop_at_ns;
    if (head > s->stop_at_ns)
        head = s->stop_at_ns;
    if (head == MS_TIME_NEVER) {
        uv_timer_stop(&s->uv_timer);
        return;
    }
    int64_t wait_ns = head - real_now(s);
    uint64_t wait_ms = wait_ns <= 0 ? 0 : (uint64_t)((wait_ns + MS_NS_PER_MS - 1) / MS_NS_PER_MS);
    uv_timer_start(&s->uv_timer, on_uv_timer, wait_ms, 0);
}

uint64_t
ms_sched_run(struct ms_sched *s, int64_t stop_ns)
{
    check_disarmed(s);
    s->stopping = false;
    if (s->clock == MS_CLOCK_VIRTUAL) {
        uint64_t n = run_virtual(s, stop_ns);
        s->events_run += n;
        return n;
    }
    uint64_t before_run = s->events_run;
    s->stop_at_ns = stop_ns;
    s->now_ns = real_now(s);
    real_arm(s);
    uv_run(s->loop, UV_RUN_DEFAULT);
    uv_timer_stop(&s->uv_timer);
    return s->events_run - before_run;
}
