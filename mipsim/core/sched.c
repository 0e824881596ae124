#include "core/sched.h"

#include <errno.h>
#include <stdlib.h>

static bool
before(const struct ms_timer *a, const struct ms_timer *b)
{
    if (a->when_ns != b->when_ns)
        return a->when_ns < b->when_ns;
    return a->seq < b->seq;
}

static void
place(struct ms_sched *s, uint32_t i, struct ms_timer *t)
{
    s->heap[i] = t;
    t->heap_idx = i + 1;
}

static void
sift_up(struct ms_sched *s, uint32_t i)
{
    struct ms_timer *t = s->heap[i];
    while (i > 0) {
        uint32_t parent = (i - 1) / 2;
        if (!before(t, s->heap[parent]))
            break;
        place(s, i, s->heap[parent]);
        i = parent;
    }
    place(s, i, t);
}

static void
sift_down(struct ms_sched *s, uint32_t i)
{
    struct ms_timer *t = s->heap[i];
    for (;;) {
        uint32_t l = 2 * i + 1, m = i;
        struct ms_timer *best = t;
        if (l < s->count && before(s->heap[l], best)) {
            m = l;
            best = s->heap[l];
        }
        if (l + 1 < s->count && before(s->heap[l + 1], best)) {
            m = l + 1;
            best = s->heap[l + 1];
        }
        if (m == i)
            break;
        place(s, i, best);
        i = m;
    }
    place(s, i, t);
}

static void
heap_remove(struct ms_sched *s, struct ms_timer *t)
{
    uint32_t i = t->heap_idx - 1;
    struct ms_timer *last = s->heap[--s->count];
    t->heap_idx = 0;
    if (last == t)
        return;
    place(s, i, last);
    if (i > 0 && before(last, s->heap[(i - 1) / 2]))
        sift_up(s, i);
    else
        sift_down(s, i);
}

static void real_arm(struct ms_sched *s);

int
ms_sched_init(struct ms_sched *s, uv_loop_t *loop, enum ms_clock clock)
{
    *s = (struct ms_sched){.loop = loop, .clock = clock, .stop_at_ns = MS_TIME_NEVER};
    s->cap = 256;
    s->heap = calloc(s->cap, sizeof *s->heap);
    if (s->heap == NULL)
        return -ENOMEM;
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
    for (uint32_t i = 0; i < s->count; i++)
        s->heap[i]->heap_idx = 0;
    free(s->heap);
    s->heap = NULL;
    s->count = s->cap = 0;
    if (s->clock == MS_CLOCK_REAL && s->loop != NULL) {
        uv_timer_stop(&s->uv_timer);
        uv_close((uv_handle_t *)&s->uv_timer, NULL);
        uv_run(s->loop, UV_RUN_NOWAIT);
    }
}

int
ms_timer_start_at(struct ms_sched *s, struct ms_timer *t, int64_t when_ns)
{
    if (ms_timer_armed(t))
        heap_remove(s, t);
    if (when_ns < s->now_ns)
        when_ns = s->now_ns;
    if (s->count == s->cap) {
        uint32_t ncap = s->cap * 2;
        struct ms_timer **nh = realloc(s->heap, (size_t)ncap * sizeof *nh);
        if (nh == NULL)
            return -ENOMEM;
        s->heap = nh;
        s->cap = ncap;
    }
    t->when_ns = when_ns;
    t->seq = s->next_seq++;
    place(s, s->count, t);
    sift_up(s, s->count++);
    if (s->clock == MS_CLOCK_REAL && s->heap[0] == t)
        real_arm(s);
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
    while (!s->stopping && s->count > 0 && s->heap[0]->when_ns <= stop_ns) {
        struct ms_timer *t = s->heap[0];
        heap_remove(s, t);
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
    int64_t head = s->count > 0 ? s->heap[0]->when_ns : s->stop_at_ns;
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
