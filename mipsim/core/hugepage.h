/* Transparent huge pages: regions of one huge page for the packet pool,
 * and the C heap moved onto huge pages.
 *
 * A large topology keeps its nodes' state (nodes, interfaces, roles,
 * neighbor entries, bindings, flows: about 4 KiB per mobile node) in
 * malloc's heap, and a run touches it in no particular order: in 4 KiB
 * pages nearly every node visited also misses the TLB.  Once a topology is
 * built, ms_heap_huge_pages asks the kernel to back the heap with 2 MiB
 * pages (MADV_COLLAPSE, Linux 6.1 and later: a synchronous copy, a few
 * milliseconds for a heap of tens of megabytes).  It changes where memory
 * lives, never what a run computes.  Heaps under MS_HEAP_HUGE_MIN are left
 * alone; a kernel that cannot changes nothing. */
#ifndef MIPSIM_CORE_HUGEPAGE_H
#define MIPSIM_CORE_HUGEPAGE_H

#include <stddef.h>

#define MS_HUGE_PAGE ((size_t)2 << 20)
#define MS_HEAP_HUGE_MIN ((size_t)16 << 20)

/* MS_HUGE_PAGE octets aligned to MS_HUGE_PAGE, mapped on their own and
 * offered to the kernel as a transparent huge page (MADV_HUGEPAGE, honoured
 * in THP's "madvise" and "always" modes), or NULL.  Free with
 * ms_huge_unmap. */
void *ms_huge_map(void);
void ms_huge_unmap(void *p);

/* Octets of the heap now backed by huge pages, 0 when it was too small or
 * has no heap region, or a negative errno from the kernel. */
long ms_heap_huge_pages(void);

#endif
