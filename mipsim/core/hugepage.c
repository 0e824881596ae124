#include "core/hugepage.h"

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25 /* Linux uapi asm-generic/mman-common.h, since 6.1 */
#endif

#define HUGE_PAGE ((uintptr_t)2 << 20)

/* The [heap] region of /proc/self/maps (malloc's brk heap). */
static int
heap_region(uintptr_t *lo, uintptr_t *hi)
{
    FILE *f = fopen("/proc/self/maps", "r");
    if (f == NULL)
        return -errno;
    char line[512];
    int rc = -ENOENT;
    while (fgets(line, sizeof line, f) != NULL) {
        if (strstr(line, "[heap]") == NULL)
            continue;
        uintmax_t a, b;
        if (sscanf(line, "%jx-%jx", &a, &b) == 2) {
            *lo = (uintptr_t)a;
            *hi = (uintptr_t)b;
            rc = 0;
        }
        break;
    }
    fclose(f);
    return rc;
}

long
ms_heap_huge_pages(void)
{
    uintptr_t lo, hi;
    if (heap_region(&lo, &hi) < 0)
        return 0;
    lo = (lo + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    hi &= ~(HUGE_PAGE - 1);
    if (hi <= lo || hi - lo < MS_HEAP_HUGE_MIN)
        return 0;
    if (madvise((void *)lo, hi - lo, MADV_COLLAPSE) < 0)
        return -errno;
    return (long)(hi - lo);
}
