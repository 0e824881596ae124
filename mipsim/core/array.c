#include "core/array.h"

#include <errno.h>
#include <stdlib.h>

int
ms_array_reserve(void **arr, uint32_t n, uint32_t *cap, size_t elem, uint32_t initial)
{
    if (n < *cap)
        return 0;
    uint32_t ncap = *cap ? *cap * 2 : (initial ? initial : 1);
    void *p = realloc(*arr, (size_t)ncap * elem);
    if (p == NULL)
        return -ENOMEM;
    *arr = p;
    *cap = ncap;
    return 0;
}
