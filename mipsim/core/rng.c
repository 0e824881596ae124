#include "core/rng.h"

static uint64_t
splitmix64(uint64_t *x)
{
    uint64_t z = (*x += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static uint64_t
fnv1a64(const char *s)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (; s != NULL && *s; s++) {
        h ^= (uint8_t)*s;
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}

void
ms_rng_init(struct ms_rng *r, uint64_t seed, const char *stream_name)
{
    uint64_t x = seed ^ fnv1a64(stream_name);
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

static inline uint64_t
rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t
ms_rng_u64(struct ms_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

uint64_t
ms_rng_below(struct ms_rng *r, uint64_t n)
{
    if (n == 0)
        return 0;
    uint64_t limit = UINT64_MAX - (UINT64_MAX % n);
    uint64_t v;
    do
        v = ms_rng_u64(r);
    while (v >= limit);
    return v % n;
}

int64_t
ms_rng_range(struct ms_rng *r, int64_t lo, int64_t hi)
{
    if (lo >= hi)
        return lo;
    uint64_t span = (uint64_t)hi - (uint64_t)lo;
    if (span == UINT64_MAX)
        return (int64_t)ms_rng_u64(r);
    return (int64_t)((uint64_t)lo + ms_rng_below(r, span + 1));
}

int
ms_rng_chance_ppm(struct ms_rng *r, uint32_t ppm)
{
    if (ppm == 0)
        return 0;
    return ms_rng_below(r, 1000000) < ppm;
}

void
ms_rng_bytes(struct ms_rng *r, void *buf, size_t n)
{
    uint8_t *p = buf;
    while (n > 0) {
        uint64_t v = ms_rng_u64(r);
        for (int i = 0; i < 8 && n > 0; i++, n--) {
            *p++ = (uint8_t)v;
            v >>= 8;
        }
    }
}
