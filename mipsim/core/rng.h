/* Seeded random streams.  Each node owns one stream derived from (seed, node
 * name), so adding a node does not change the others' draws.  The generator
 * is xoshiro256** seeded through splitmix64. */
#ifndef MIPSIM_CORE_RNG_H
#define MIPSIM_CORE_RNG_H

#include <stddef.h>
#include <stdint.h>

struct ms_rng {
    uint64_t s[4];
};

void ms_rng_init(struct ms_rng *r, uint64_t seed, const char *stream_name);
uint64_t ms_rng_u64(struct ms_rng *r);
/* Uniform in [0, n); n == 0 returns 0.  Unbiased (rejection sampling). */
uint64_t ms_rng_below(struct ms_rng *r, uint64_t n);
/* Uniform in [lo, hi] (inclusive); lo > hi returns lo. */
int64_t ms_rng_range(struct ms_rng *r, int64_t lo, int64_t hi);
/* True with probability ppm / 1e6. */
int ms_rng_chance_ppm(struct ms_rng *r, uint32_t ppm);
void ms_rng_bytes(struct ms_rng *r, void *buf, size_t n);

#endif
