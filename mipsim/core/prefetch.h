/* Cache hints.  A prefetch fetches the one cache line holding its address:
 * an object that does not start on a line boundary may straddle two, and
 * fields past the first line are then not fetched.  ms_prefetch_span
 * fetches every line of [p, p + len). */
#ifndef MIPSIM_CORE_PREFETCH_H
#define MIPSIM_CORE_PREFETCH_H

#include <stddef.h>
#include <stdint.h>

#define MS_CACHE_LINE 64u

static inline void
ms_prefetch_span(const void *p, size_t len)
{
    uintptr_t a = (uintptr_t)p & ~(uintptr_t)(MS_CACHE_LINE - 1);
    uintptr_t end = (uintptr_t)p + len;
    for (; a < end; a += MS_CACHE_LINE)
        __builtin_prefetch((const void *)a);
}

#endif
