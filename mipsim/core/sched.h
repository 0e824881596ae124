/* The event core: one timer heap on one libuv loop.
 *
 * Events are ordered by (time, insertion sequence), so equal times run in FIFO
 * order and a run is a pure function of (script, seed).  Timers are intrusive:
 * the owner embeds a struct ms_timer, so scheduling allocates nothing (the
 * heaps' arrays grow, and never shrink, to the largest number of timers
 * armed at once).
 *
 * Two clocks drive the same heap:
 *  - virtual (default): ms_sched_run pops the earliest timer and jumps the
 *    clock to it, as fast as the CPU allows; libuv is polled without blocking
 *    between events so that signals and I/O are still served.
 *  - real (needed by TAP links): one uv_timer is armed for the heap's head;
 *    libuv blocks until then or until I/O arrives.  ms_sched_now() then reads
 *    the monotonic clock relative to the run's start.
 */
#ifndef MIPSIM_CORE_SCHED_H
#define MIPSIM_CORE_SCHED_H

#include <stdbool.h>
#include <stdint.h>

#include <uv.h>

#include "core/time.h"

struct ms_timer;
typedef void (*ms_timer_cb)(struct ms_timer *t);

#define MS_SCHED_FAR_NS MS_NS_PER_S

struct ms_timer {
    int64_t when_ns;
    uint32_t heap_idx; /* position in the heap + 1 (| 1u << 31 in the far heap); 0 = not armed */
    ms_timer_cb cb;
    void *data; /* for the owner; the core never reads it */
};

enum ms_clock { MS_CLOCK_VIRTUAL, MS_CLOCK_REAL };

/* A heap slot's ordering key, kept next to the heap (keys[i] orders
 * heap[i]) so that sifting compares contiguous memory instead of visiting
 * timers scattered over the owners' structures.  The sequence number
 * (insertion order, for FIFO among equal times) lives only here. */
struct ms_sched_key {
    int64_t when_ns;
    uint64_t seq;
};

struct ms_sched {
    uv_loop_t *loop;
    enum ms_clock clock;
    int64_t now_ns;
    uint64_t next_seq;
    /* Two 4-ary min-heaps on (when, seq).  Timers due more than
     * MS_SCHED_FAR_NS ahead (refreshes, lifetimes, router advertisements:
     * thousands per node population) wait in the far heap, so that the
     * near heap, where every packet's timer goes, stays small and the
     * data plane does not sift past them.  Invariant: while the far heap
     * holds timers, heap[0] comes before all of them, so heap[0] is always
     * the next timer to fire and count == 0 means no timer is armed.
     * Zeroing count disarms every timer (mipsim/script does, before freeing
     * objects in any order): the far heap is then forgotten, its timers
     * untouched. */
    struct ms_timer **heap;
    struct ms_sched_key *keys;
    uint32_t count, cap;
    struct ms_timer **far;
    struct ms_sched_key *far_keys;
    uint32_t far_count, far_cap;
    uint64_t events_run;
    bool stopping;
    /* Real clock only. */
    uv_timer_t uv_timer;
    uint64_t real_start_ms;
    int64_t stop_at_ns;
};

/* Uses the caller's loop (not owned).  Returns 0 or -ENOMEM. */
int ms_sched_init(struct ms_sched *s, uv_loop_t *loop, enum ms_clock clock);
void ms_sched_fini(struct ms_sched *s);

static inline int64_t
ms_sched_now(const struct ms_sched *s)
{
    return s->now_ns;
}

static inline void
ms_timer_init(struct ms_timer *t, ms_timer_cb cb, void *data)
{
    t->when_ns = 0;
    t->heap_idx = 0;
    t->cb = cb;
    t->data = data;
}

static inline bool
ms_timer_armed(const struct ms_timer *t)
{
    return t->heap_idx != 0;
}

/* Arms t to fire at now + delay_ns (delay < 0 is treated as 0); re-arming an
 * armed timer moves it and gives it a new sequence number.  Returns 0 or
 * -ENOMEM (the heap could not grow; the timer is left unarmed). */
int ms_timer_start(struct ms_sched *s, struct ms_timer *t, int64_t delay_ns);
int ms_timer_start_at(struct ms_sched *s, struct ms_timer *t, int64_t when_ns);
/* Disarms t; a no-op when it is not armed.  Its callback will not fire. */
void ms_timer_stop(struct ms_sched *s, struct ms_timer *t);

/* For owners that keep a FIFO of future events behind one timer (a link's
 * frames in flight, flows of one period) so that the heap holds only the
 * FIFO's head, yet every event runs exactly where its own timer would have:
 * ms__sched_key_take returns the key ms_timer_start_at(s, ., when_ns) would
 * give now (it consumes a sequence number), and ms__timer_start_key arms t
 * with a key taken earlier.  Keys appended to a FIFO must increase. */
struct ms_sched_key ms__sched_key_take(struct ms_sched *s, int64_t when_ns);
int ms__timer_start_key(struct ms_sched *s, struct ms_timer *t, const struct ms_sched_key *key);

/* Runs events until the heap is empty, the clock would pass stop_ns, or
 * ms_sched_stop() is called.  With the virtual clock the clock finishes at
 * stop_ns (when finite).  Returns the number of events run. */
uint64_t ms_sched_run(struct ms_sched *s, int64_t stop_ns);
void ms_sched_stop(struct ms_sched *s);

#endif
