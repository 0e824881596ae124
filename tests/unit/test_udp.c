/* Unit tests for mipsim/wire/udp.{h,c}. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "wire/err.h"
#include "wire/ipv6.h"
#include "wire/udp.h"

static struct in6_addr src, dst;

static void
setup(void)
{
    ms_in6_parse("2001:db8::1", &src);
    ms_in6_parse("2001:db8::2", &dst);
}

/* Golden: hand-assembled from the RFC 768 diagram; checksum over the
 * RFC 8200 s8.1 pseudo-header (2001:db8::1, 2001:db8::2, length 12, next
 * header 17) computed independently (one's complement sum by hand/script):
 * 0x9a98. */
static const uint8_t golden[12] = {0x13, 0x88, 0x17, 0x70, 0x00, 0x0c,
                                   0x9a, 0x98, 'p',  'i',  'n',  'g'};

TestSuite(udp, .init = setup);

Test(udp, golden_encode_decode_verify)
{
    struct ms_udp u = {.sport = 5000, .dport = 6000}, d;
    uint8_t buf[16];
    cr_assert_eq(ms_udp_encode(&u, &src, &dst, (const uint8_t *)"ping", 4, buf, sizeof buf), 12);
    cr_assert_arr_eq(buf, golden, 12);
    cr_assert_eq(ms_udp_decode(golden, 12, &d), 0);
    cr_assert_eq(d.sport, 5000);
    cr_assert_eq(d.dport, 6000);
    cr_assert_eq(d.len, 12);
    cr_assert_eq(d.cksum, 0x9a98);
    cr_assert_eq(ms_udp_verify(&src, &dst, golden, 12), 0);
    cr_assert_eq(ms_udp_len(&d), 8);
    char s[64];
    ms_udp_format(&d, s, sizeof s);
    cr_assert_str_eq(s, "udp 5000 > 6000 len 12 cksum 0x9a98");
}

Test(udp, roundtrip_in_place_and_odd_length)
{
    uint8_t buf[64];
    memcpy(buf + 8, "abc", 3); /* payload already in place */
    struct ms_udp u = {.sport = 1, .dport = 65535}, d;
    cr_assert_eq(ms_udp_encode(&u, &src, &dst, buf + 8, 3, buf, sizeof buf), 11);
    cr_assert_eq(memcmp(buf + 8, "abc", 3), 0);
    cr_assert_eq(ms_udp_verify(&src, &dst, buf, 11), 0);
    cr_assert_eq(ms_udp_decode(buf, 11, &d), 0);
    cr_assert_eq(d.sport, 1);
    cr_assert_eq(d.dport, 65535);
    cr_assert_eq(d.len, 11);
    /* Empty payload, NULL pointer. */
    cr_assert_eq(ms_udp_encode(&u, &src, &dst, NULL, 0, buf, sizeof buf), 8);
    cr_assert_eq(ms_udp_verify(&src, &dst, buf, 8), 0);
    /* Swapped addresses give the same sum; another address fails. */
    cr_assert_eq(ms_udp_verify(&dst, &src, buf, 8), 0); /* the sum is symmetric */
    struct in6_addr other;
    ms_in6_parse("2001:db8::3", &other);
    cr_assert_eq(ms_udp_verify(&src, &other, buf, 8), MS_EBAD_CHECKSUM);
}

/* RFC 8200 s8.1: a computed checksum of zero is sent as 0xFFFF, and that
 * packet verifies.  Payload 0x796d makes the sum come out at zero. */
Test(udp, zero_checksum_sent_as_ffff)
{
    uint8_t buf[10];
    static const uint8_t pl[2] = {0x79, 0x6d};
    struct ms_udp u = {.sport = 5000, .dport = 6000}, d;
    cr_assert_eq(ms_udp_encode(&u, &src, &dst, pl, 2, buf, sizeof buf), 10);
    cr_assert_eq(buf[6], 0xff);
    cr_assert_eq(buf[7], 0xff);
    cr_assert_eq(ms_udp_decode(buf, 10, &d), 0);
    cr_assert_eq(d.cksum, 0xffff);
    cr_assert_eq(ms_udp_verify(&src, &dst, buf, 10), 0);
}

/* RFC 8200 s8.1: a zero checksum is invalid over IPv6. */
Test(udp, zero_checksum_rejected)
{
    uint8_t p[12];
    memcpy(p, golden, 12);
    p[6] = 0;
    p[7] = 0;
    struct ms_udp d;
    cr_assert_eq(ms_udp_decode(p, 12, &d), MS_EBAD_CHECKSUM);
    cr_assert_eq(ms_udp_verify(&src, &dst, p, 12), MS_EBAD_CHECKSUM);
}

Test(udp, bad_checksum)
{
    uint8_t p[12];
    for (size_t i = 0; i < 12; i++) {
        if (i == 4 || i == 5)
            continue; /* the length has its own test */
        memcpy(p, golden, 12);
        p[i] ^= 0x01;
        cr_assert_eq(ms_udp_verify(&src, &dst, p, 12), MS_EBAD_CHECKSUM, "octet %zu", i);
    }
}

Test(udp, truncation_every_prefix)
{
    struct ms_udp d;
    for (size_t n = 0; n < 12; n++) {
        uint8_t *p = malloc(n ? n : 1);
        memcpy(p, golden, n);
        cr_assert_eq(ms_udp_decode(p, n, &d), MS_ETRUNC, "prefix %zu", n);
        cr_assert_eq(ms_udp_verify(&src, &dst, p, n), MS_ETRUNC, "prefix %zu", n);
        free(p);
    }
}

Test(udp, corrupted_length)
{
    uint8_t p[16] = {0};
    memcpy(p, golden, 12);
    struct ms_udp d;
    for (unsigned l = 0; l < 8; l++) {
        p[5] = (uint8_t)l;
        cr_assert_eq(ms_udp_decode(p, 16, &d), MS_EBAD_LEN, "len %u", l);
    }
    p[5] = 17;
    cr_assert_eq(ms_udp_decode(p, 16, &d), MS_ETRUNC);
    p[4] = 0xff;
    p[5] = 0xff;
    cr_assert_eq(ms_udp_decode(p, 16, &d), MS_ETRUNC);
    /* Length shorter than the buffer: trailing octets are the caller's, but
     * the checksum covers Length octets only, so it no longer matches. */
    p[4] = 0;
    p[5] = 8;
    cr_assert_eq(ms_udp_decode(p, 16, &d), 0);
    cr_assert_eq(d.len, 8);
    cr_assert_eq(ms_udp_verify(&src, &dst, p, 16), MS_EBAD_CHECKSUM);
    /* Trailing padding after a correct datagram is fine. */
    memcpy(p, golden, 12);
    p[12] = 0xaa;
    cr_assert_eq(ms_udp_verify(&src, &dst, p, 16), 0);
}

Test(udp, encode_limits)
{
    uint8_t buf[12];
    struct ms_udp u = {.sport = 5000, .dport = 6000};
    cr_assert_eq(ms_udp_encode(&u, &src, &dst, (const uint8_t *)"ping", 4, buf, 11), -EMSGSIZE);
    cr_assert_eq(ms_udp_encode(&u, &src, &dst, buf, 65528, buf, sizeof buf), MS_EBAD_LEN);
}
