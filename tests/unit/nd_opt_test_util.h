/* Helpers shared by the ND option codec tests (test_nd_opt_fmip.c,
 * test_nd_opt_misc.c, test_nd_opt_send.c): exact-size copies so that ASan
 * catches overreads, golden encodings, and every truncation and bad length
 * of an option list. */
#ifndef MIPSIM_TESTS_UNIT_ND_OPT_TEST_UTIL_H
#define MIPSIM_TESTS_UNIT_ND_OPT_TEST_UTIL_H

#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wire/err.h"
#include "wire/nd_opt.h"

#include "unit/exact_copy.h"

static inline struct in6_addr
A(const char *s) {
    struct in6_addr a;
    cr_assert_eq(inet_pton(AF_INET6, s, &a), 1, "bad test address %s", s);
    return a;
}

static inline int
decode_exact(const uint8_t *p, size_t n, struct ms_nd_opts *o, struct ms_nd_sec *sec)
{
    uint8_t *d = dup_exact(p, n);
    int rc = ms_nd_opts_decode_sec(d, n, 0, o, sec);
    free(d);
    return rc;
}

/* Checks that encoding o reproduces exactly the golden bytes g. */
static inline void
assert_encodes_to(const struct ms_nd_opts *o, const uint8_t *g, size_t n)
{
    uint8_t buf[1024];
    cr_assert_eq(ms_nd_opts_len(o), n, "len %zu, want %zu", ms_nd_opts_len(o), n);
    int w = ms_nd_opts_encode(o, buf, sizeof(buf));
    cr_assert_eq(w, (int)n, "encode returned %d, want %zu", w, n);
    cr_assert_arr_eq(buf, g, n);
}

/* Decodes every prefix of the option list p[0..n): on an option boundary a
 * shorter valid list, elsewhere MS_EOPT_OVERRUN. */
static inline void
assert_truncations(const uint8_t *p, size_t n, struct ms_nd_sec *sec)
{
    bool *at = calloc(n + 1, sizeof(bool));
    cr_assert_not_null(at);
    for (size_t off = 0; off < n; off += (size_t)p[off + 1] * 8)
        at[off] = true;
    for (size_t k = 0; k < n; k++) {
        struct ms_nd_opts o;
        int rc = decode_exact(p, k, &o, sec);
        if (at[k]) {
            cr_assert_eq(rc, 0, "prefix %zu: %s", k, ms_err_name(rc));
            cr_assert_leq(ms_nd_opts_len(&o), k);
        } else {
            cr_assert_eq(rc, MS_EOPT_OVERRUN, "prefix %zu: %s", k, ms_err_name(rc));
        }
    }
    free(at);
}

/* Length 0 at every option, then 255: discard and overrun. */
static inline void
assert_zero_and_huge_lengths(const uint8_t *p, size_t n, struct ms_nd_sec *sec)
{
    for (size_t off = 0; off < n; off += (size_t)p[off + 1] * 8) {
        uint8_t *b = dup_exact(p, n);
        struct ms_nd_opts o;
        b[off + 1] = 0;
        cr_assert_eq(ms_nd_opts_decode_sec(b, n, 0, &o, sec), MS_EZERO_OPTLEN, "@%zu", off);
        b[off + 1] = 255;
        cr_assert_eq(ms_nd_opts_decode_sec(b, n, 0, &o, sec), MS_EOPT_OVERRUN, "@%zu", off);
        free(b);
    }
}

#endif
