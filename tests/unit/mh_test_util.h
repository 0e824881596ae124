/* Helpers shared by the Mobility Header message tests (test_mh.c,
 * test_mh_fmip.c): addresses, an independent checksum, and encoding with
 * the basic invariants checked. */
#ifndef MIPSIM_TESTS_UNIT_MH_TEST_UTIL_H
#define MIPSIM_TESTS_UNIT_MH_TEST_UTIL_H

#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "wire/bytes.h"
#include "wire/mh.h"

static inline struct in6_addr
addr(const char *s)
{
    struct in6_addr a;
    cr_assert_eq(inet_pton(AF_INET6, s, &a), 1);
    return a;
}

#define SRC "2001:db8:1::100"
#define DST "2001:db8:aa::1"

/* An independent Internet checksum (RFC 1071) over the RFC 8200 s8.1
 * pseudo-header with Next Header 135, written out here so that the test does
 * not trust wire/cksum.c. */
static inline uint16_t
ref_cksum(const char *src, const char *dst, const uint8_t *mh, size_t len)
{
    uint8_t ph[40];
    struct in6_addr s = addr(src), d = addr(dst);
    memcpy(ph, s.s6_addr, 16);
    memcpy(ph + 16, d.s6_addr, 16);
    ph[32] = (uint8_t)(len >> 24);
    ph[33] = (uint8_t)(len >> 16);
    ph[34] = (uint8_t)(len >> 8);
    ph[35] = (uint8_t)len;
    ph[36] = ph[37] = ph[38] = 0;
    ph[39] = 135;
    unsigned long sum = 0;
    for (size_t i = 0; i < 40; i += 2)
        sum += (unsigned long)(ph[i] << 8 | ph[i + 1]);
    for (size_t i = 0; i < len; i += 2) {
        if (i == 4)
            continue; /* the Checksum field counts as zero */
        sum += (unsigned long)(mh[i] << 8 | (i + 1 < len ? mh[i + 1] : 0));
    }
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

/* Encodes with SRC/DST and checks the basic invariants. */
static inline int
enc(const struct ms_mh *m, uint8_t *buf, size_t cap)
{
    struct in6_addr s = addr(SRC), d = addr(DST);
    int n = ms_mh_encode(m, &s, &d, buf, cap);
    if (n > 0) {
        cr_assert_eq((size_t)n, ms_mh_len(m));
        cr_assert_eq(n % 8, 0);
        cr_assert_eq(buf[1], n / 8 - 1, "Header Len");
        cr_assert_eq(ms_rd16(buf + 4), ref_cksum(SRC, DST, buf, (size_t)n));
        cr_assert_eq(ms_mh_verify_cksum(buf, (size_t)n, &s, &d), 0);
    }
    return n;
}

#endif
