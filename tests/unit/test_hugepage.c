/* ms_heap_huge_pages moves the heap onto huge pages without changing a
 * byte of it, and leaves a small heap alone. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/hugepage.h"

#define BLOCKS 40000
#define BLOCK 1000 /* small: from malloc's brk heap, not mmap */

Test(hugepage, collapse_keeps_contents)
{
    static unsigned char *b[BLOCKS];
    for (unsigned i = 0; i < BLOCKS; i++) {
        b[i] = malloc(BLOCK);
        cr_assert_not_null(b[i]);
        for (unsigned j = 0; j < BLOCK; j++)
            b[i][j] = (unsigned char)(i * 31u + j);
    }
    long r = ms_heap_huge_pages();
#if defined(__SANITIZE_ADDRESS__)
    /* AddressSanitizer's allocator does not use the brk heap. */
    cr_assert(r >= 0, "unexpected result %ld", r);
#else
    /* 40 MB of heap: collapsed, or refused by an older kernel (EINVAL) or
     * one short of huge pages (EAGAIN, ENOMEM); never a wrong answer. */
    cr_assert(r >= (long)MS_HEAP_HUGE_MIN || r == -EINVAL || r == -EAGAIN || r == -ENOMEM ||
                  r == -EPERM,
              "unexpected result %ld", r);
#endif
    for (unsigned i = 0; i < BLOCKS; i++)
        for (unsigned j = 0; j < BLOCK; j += 97)
            cr_assert_eq(b[i][j], (unsigned char)(i * 31u + j), "block %u octet %u changed", i, j);
    for (unsigned i = 0; i < BLOCKS; i++)
        free(b[i]);
}
