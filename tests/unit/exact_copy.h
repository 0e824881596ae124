/* A heap copy of exactly n octets of a test input, so that AddressSanitizer
 * catches a decoder reading one octet past its input. */
#ifndef MIPSIM_TESTS_UNIT_EXACT_COPY_H
#define MIPSIM_TESTS_UNIT_EXACT_COPY_H

#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static inline uint8_t *
dup_exact(const uint8_t *p, size_t n)
{
    uint8_t *d = malloc(n ? n : 1);
    cr_assert_not_null(d);
    if (n)
        memcpy(d, p, n);
    return d;
}

#endif
