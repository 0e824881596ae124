/* Growable arrays: the one doubling rule every module's dynamic tables use. */
#ifndef MIPSIM_CORE_ARRAY_H
#define MIPSIM_CORE_ARRAY_H

#include <stddef.h>
#include <stdint.h>

/* Makes room in *arr (n items of elem octets, *cap allocated) for one more:
 * when full, doubles the capacity (first allocation: initial items).  On
 * failure the array is left as it was.  Returns 0 or -ENOMEM. */
int ms_array_reserve(void **arr, uint32_t n, uint32_t *cap, size_t elem, uint32_t initial);

#endif
