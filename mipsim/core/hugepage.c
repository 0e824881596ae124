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

void *
ms_huge_map(void)
{
    /* Map twice the size, keep the aligned half. */
    size_t span = 2 * MS_HUGE_PAGE;
    char *p = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    char *al = (char *)(((uintptr_t)p + MS_HUGE_PAGE - 1) & ~(uintptr_t)(MS_HUGE_PAGE - 1));
    if (al > p)
        munmap(p, (size_t)(al - p));
    if (al + MS_HUGE_PAGE < p + span)
        munmap(al + MS_HUGE_PAGE, (size_t)(p + span - (al + MS_HUGE_PAGE)));
#ifdef MADV_HUGEPAGE
    (void)madvise(al, MS_HUGE_PAGE, MADV_HUGEPAGE); /* a hint: may be refused */
#endif
    return al;
}

void
ms_huge_unmap(void *p)
{
    if (p != NULL)
        munmap(p, MS_HUGE_PAGE);
}

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
    lo = (lo + MS_HUGE_PAGE - 1) & ~(uintptr_t)(MS_HUGE_PAGE - 1);
    hi &= ~(uintptr_t)(MS_HUGE_PAGE - 1);
    if (hi <= lo || hi - lo < MS_HEAP_HUGE_MIN)
        return 0;
    if (madvise((void *)lo, hi - lo, MADV_COLLAPSE) < 0)
        return -errno;
    return (long)(hi - lo);
}
