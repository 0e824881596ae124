#include "core/sim.h"

#include <string.h>

int
ms_sim_init(struct ms_sim *sim, uint64_t seed, enum ms_clock clock)
{
    memset(sim, 0, sizeof *sim);
    int rc = uv_loop_init(&sim->loop);
    if (rc < 0)
        return rc;
    rc = ms_sched_init(&sim->sched, &sim->loop, clock);
    if (rc < 0) {
        uv_loop_close(&sim->loop);
        return rc;
    }
    ms_pktpool_init(&sim->pool, 0);
    ms_logger_init(&sim->log, stderr, MS_LOG_WARN, &sim->sched);
    sim->seed = seed;
    return 0;
}

void
ms_sim_fini(struct ms_sim *sim)
{
    ms_sched_fini(&sim->sched);
    ms_pktpool_fini(&sim->pool);
    uv_run(&sim->loop, UV_RUN_NOWAIT);
    uv_loop_close(&sim->loop);
}
