/* One simulation's shared context: the loop, the timer heap, the packet pool,
 * the logger, the seed and the report sink.  There are no C globals: two
 * simulations can live in one process (tests do this). */
#ifndef MIPSIM_CORE_SIM_H
#define MIPSIM_CORE_SIM_H

#include <stdint.h>

#include <uv.h>

#include "core/log.h"
#include "core/pkt.h"
#include "core/sched.h"

struct ms_report;
struct ms_flow_fifo;

struct ms_sim {
    uv_loop_t loop;
    struct ms_sched sched;
    struct ms_pktpool pool;
    struct ms_logger log;
    uint64_t seed;
    struct ms_report *report;       /* may be NULL: nothing is recorded */
    struct ms_flow_fifo *flow_fifo; /* app/flow.c: while flows exist */
};

/* Initialises loop, heap and pool.  Returns 0 or a negative code. */
int ms_sim_init(struct ms_sim *sim, uint64_t seed, enum ms_clock clock);
void ms_sim_fini(struct ms_sim *sim);

static inline int64_t
ms_sim_now(const struct ms_sim *sim)
{
    return ms_sched_now(&sim->sched);
}

#endif
