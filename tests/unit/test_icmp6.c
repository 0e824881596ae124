/* Unit tests for wire/icmp6.c (RFC 4443: header, checksum, Echo, errors,
 * s2.4 rules) and wire/icmp6_mip.c (RFC 6275 s6.5-6.8: DHAAD Request/Reply,
 * Mobile Prefix Solicitation/Advertisement). */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "wire/err.h"
#include "wire/icmp6.h"

#include "unit/exact_copy.h"

/* Golden messages, hand-assembled octet by octet from the diagrams of
 * RFC 4443 s3.1-3.4, s4.1 and RFC 6275 s6.5-6.8, s7.2.  The checksums were
 * computed with an independent RFC 1071 implementation (Python) over the
 * RFC 8200 s8.1 pseudo-header of the addresses above each array; tshark 4.0
 * decodes each one with "Checksum: [correct]" and the values in the comments. */
/* clang-format off */
/* 2001:db8::1 > 2001:db8::2, 12 octets */
static const uint8_t golden_echo_req[] = {
    0x80, 0x00, 0x4d, 0x48, /* Type 128, Code 0, Checksum */
    0x12, 0x34, 0x00, 0x01, /* Identifier 0x1234, Sequence Number 1 */
    0x61, 0x62, 0x63, 0x64, /* Data "abcd" */
};
/* 2001:db8::1 > 2001:db8::2, 56 octets */
static const uint8_t golden_unreach[] = {
    0x01, 0x04, 0x16, 0x45, /* Type 1, Code 4 (port unreachable), Checksum */
    0x00, 0x00, 0x00, 0x00, /* Unused */
    0x60, 0x00, 0x00, 0x00, 0x00, 0x08, 0x11, 0x40, /* invoking: IPv6, plen 8, nh 17, hlim 64 */
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, /* src 2001:db8::2 */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, /* dst 2001:db8::1 */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
    0xc0, 0x00, 0x00, 0x09, 0x00, 0x08, 0x00, 0x00, /* UDP 49152 -> 9, len 8 */
};
/* 2001:db8::fe > 2001:db8::2, 56 octets */
static const uint8_t golden_ptb[] = {
    0x02, 0x00, 0x0f, 0x4c, /* Type 2, Code 0, Checksum */
    0x00, 0x00, 0x05, 0x00, /* MTU 1280 */
    0x60, 0x00, 0x00, 0x00, 0x00, 0x08, 0x11, 0x40, /* invoking packet (as above) */
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
    0xc0, 0x00, 0x00, 0x09, 0x00, 0x08, 0x00, 0x00,
};
/* 2001:db8::fe > 2001:db8::2, 16 octets */
static const uint8_t golden_timex[] = {
    0x03, 0x00, 0x2e, 0xfb, /* Type 3, Code 0 (hop limit), Checksum */
    0x00, 0x00, 0x00, 0x00, /* Unused */
    0x60, 0x00, 0x00, 0x00, 0x00, 0x08, 0x11, 0x40, /* invoking packet (as above) */
};
/* 2001:db8::1 > 2001:db8::2, 16 octets */
static const uint8_t golden_paramprob[] = {
    0x04, 0x01, 0x2e, 0xf1, /* Type 4, Code 1 (unrecognized Next Header), Checksum */
    0x00, 0x00, 0x00, 0x06, /* Pointer 6 (Next Header field) */
    0x60, 0x00, 0x00, 0x00, 0x00, 0x08, 0x11, 0x40, /* invoking packet, first 8 octets */
};
/* 2001:db8:2::100 > 2001:db8:1::fdff:ffff:ffff:fffe, 8 octets */
static const uint8_t golden_dhaad_req[] = {
    0x90, 0x00, 0x56, 0x59, /* Type 144, Code 0, Checksum */
    0xbe, 0xef, 0x00, 0x00, /* Identifier 0xbeef, Reserved */
};
/* 2001:db8:1::1 > 2001:db8:2::100, 40 octets */
static const uint8_t golden_dhaad_rep[] = {
    0x91, 0x00, 0xf7, 0xbf, /* Type 145, Code 0, Checksum */
    0xbe, 0xef, 0x00, 0x00, /* Identifier 0xbeef, Reserved */
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0x00, 0x00, /* Home Agent Address 2001:db8:1::1 */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0x00, 0x00, /* Home Agent Address 2001:db8:1::2 */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
};
/* 2001:db8:2::100 > 2001:db8:1::1, 8 octets */
static const uint8_t golden_mps[] = {
    0x92, 0x00, 0x11, 0x40, /* Type 146, Code 0, Checksum */
    0x00, 0x07, 0x00, 0x00, /* Identifier 7, Reserved */
};
/* 2001:db8:1::1 > 2001:db8:1::100, 40 octets */
static const uint8_t golden_mpa[] = {
    0x93, 0x00, 0x09, 0x8a, /* Type 147, Code 0, Checksum */
    0x00, 0x07, 0x80, 0x00, /* Identifier 7, M=1 O=0, Reserved */
    0x03, 0x04, 0x40, 0xc0, /* PI: Type 3, Length 4, Prefix Length 64, L=1 A=1 R=0 */
    0x00, 0x00, 0x0e, 0x10, /* Valid Lifetime 3600 */
    0x00, 0x00, 0x07, 0x08, /* Preferred Lifetime 1800 */
    0x00, 0x00, 0x00, 0x00, /* Reserved2 */
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0x00, 0x00, /* Prefix 2001:db8:1:: */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};
/* clang-format on */

static struct in6_addr
A(const char *s) {
    struct in6_addr a;
    cr_assert_eq(inet_pton(AF_INET6, s, &a), 1, "bad test address %s", s);
    return a;
}

static int
decode_exact(const uint8_t *p, size_t n, struct ms_icmp6 *m)
{
    uint8_t *d = dup_exact(p, n);
    int rc = ms_icmp6_decode(d, n, m);
    free(d);
    return rc;
}

static int
mip_decode_exact(const uint8_t *p, size_t n, struct ms_icmp6_mip *m)
{
    uint8_t *d = dup_exact(p, n);
    int rc = ms_icmp6_mip_decode(d, n, m);
    free(d);
    return rc;
}

static void
assert_addr(const struct in6_addr *got, const char *want)
{
    struct in6_addr w = A(want);
    char g[INET6_ADDRSTRLEN];
    inet_ntop(AF_INET6, got, g, sizeof(g));
    cr_assert_arr_eq(got->s6_addr, w.s6_addr, 16, "address %s, want %s", g, want);
}

/* --- common header and checksum ----------------------------------------- */

Test(icmp6, hdr_decode)
{
    struct ms_icmp6_hdr h;
    cr_assert_eq(ms_icmp6_hdr_decode(golden_echo_req, sizeof(golden_echo_req), &h), 0);
    cr_assert_eq(h.type, MS_ICMP6_ECHO_REQUEST);
    cr_assert_eq(h.code, 0);
    cr_assert_eq(h.cksum, 0x4d48);
    for (size_t k = 0; k < MS_ICMP6_HDR_LEN; k++) {
        uint8_t *d = dup_exact(golden_echo_req, k);
        cr_assert_eq(ms_icmp6_hdr_decode(d, k, &h), MS_ETRUNC);
        free(d);
    }
    cr_assert(ms_icmp6_type_is_error(1));
    cr_assert(ms_icmp6_type_is_error(127));
    cr_assert(!ms_icmp6_type_is_error(128));
    cr_assert(!ms_icmp6_type_is_error(MS_ICMP6_RA));
}

Test(icmp6, bad_checksum)
{
    struct in6_addr s = A("2001:db8::1"), d = A("2001:db8::2");
    uint8_t *b = dup_exact(golden_unreach, sizeof(golden_unreach));
    cr_assert_eq(ms_icmp6_verify_cksum(b, sizeof(golden_unreach), &s, &d), 0);
    for (size_t i = 0; i < sizeof(golden_unreach); i++) {
        b[i] ^= 0x80;
        cr_assert_eq(ms_icmp6_verify_cksum(b, sizeof(golden_unreach), &s, &d), MS_EBAD_CHECKSUM,
                     "flip at %zu", i);
        b[i] ^= 0x80;
    }
    cr_assert_eq(ms_icmp6_verify_cksum(b, sizeof(golden_unreach), &d, &s), 0,
                 "src/dst swap keeps the one's complement sum");
    struct in6_addr o = A("2001:db8::3");
    cr_assert_eq(ms_icmp6_verify_cksum(b, sizeof(golden_unreach), &o, &d), MS_EBAD_CHECKSUM);
    cr_assert_eq(ms_icmp6_verify_cksum(b, 3, &s, &d), MS_ETRUNC);
    free(b);

    /* Odd length: the echo data "abc" is padded with a zero octet. */
    uint8_t buf[64];
    int n = ms_icmp6_echo_encode(MS_ICMP6_ECHO_REPLY, 1, 2, (const uint8_t *)"abc", 3, &s, &d, buf,
                                 sizeof(buf));
    cr_assert_eq(n, 11);
    cr_assert_eq(ms_icmp6_verify_cksum(buf, 11, &s, &d), 0);
    buf[10] ^= 1;
    cr_assert_eq(ms_icmp6_verify_cksum(buf, 11, &s, &d), MS_EBAD_CHECKSUM);
}

/* --- Echo ----------------------------------------------------------------- */

Test(icmp6, golden_echo_request)
{
    struct in6_addr s = A("2001:db8::1"), d = A("2001:db8::2");
    cr_assert_eq(ms_icmp6_verify_cksum(golden_echo_req, sizeof(golden_echo_req), &s, &d), 0);
    struct ms_icmp6 m;
    cr_assert_eq(decode_exact(golden_echo_req, sizeof(golden_echo_req), &m), 0);
    cr_assert_eq(m.type, MS_ICMP6_ECHO_REQUEST);
    cr_assert_eq(m.code, 0);
    cr_assert_eq(m.echo.id, 0x1234);
    cr_assert_eq(m.echo.seq, 1);
    cr_assert_eq(m.body_off, 8u);
    cr_assert_eq(m.body_len, 4u);
    cr_assert_arr_eq(golden_echo_req + m.body_off, "abcd", 4);

    uint8_t buf[64];
    cr_assert_eq(ms_icmp6_len(&m, 4), sizeof(golden_echo_req));
    int n = ms_icmp6_encode(&m, golden_echo_req + m.body_off, m.body_len, &s, &d, buf, sizeof(buf));
    cr_assert_eq(n, (int)sizeof(golden_echo_req));
    cr_assert_arr_eq(buf, golden_echo_req, sizeof(golden_echo_req));
    n = ms_icmp6_echo_encode(MS_ICMP6_ECHO_REQUEST, 0x1234, 1, (const uint8_t *)"abcd", 4, &s, &d,
                             buf, sizeof(buf));
    cr_assert_eq(n, (int)sizeof(golden_echo_req));
    cr_assert_arr_eq(buf, golden_echo_req, sizeof(golden_echo_req));
}

Test(icmp6, roundtrip_echo_reply_large)
{
    /* Echo data is never cut, whatever its size (RFC 4443 s4.2 returns it whole). */
    static uint8_t data[4000];
    for (size_t i = 0; i < sizeof(data); i++)
        data[i] = (uint8_t)(i * 13);
    struct in6_addr s = A("2001:db8::2"), d = A("2001:db8::1");
    static uint8_t buf[4100];
    int n = ms_icmp6_echo_encode(MS_ICMP6_ECHO_REPLY, 0xffff, 0xfffe, data, sizeof(data), &s, &d,
                                 buf, sizeof(buf));
    cr_assert_eq(n, 8 + 4000);
    cr_assert_eq(ms_icmp6_verify_cksum(buf, (size_t)n, &s, &d), 0);
    struct ms_icmp6 m;
    cr_assert_eq(decode_exact(buf, (size_t)n, &m), 0);
    cr_assert_eq(m.type, MS_ICMP6_ECHO_REPLY);
    cr_assert_eq(m.echo.id, 0xffff);
    cr_assert_eq(m.echo.seq, 0xfffe);
    cr_assert_eq(m.body_len, sizeof(data));
    cr_assert_arr_eq(buf + m.body_off, data, sizeof(data));
    /* Too small a buffer is an error, not a cut. */
    cr_assert_eq(
        ms_icmp6_echo_encode(MS_ICMP6_ECHO_REPLY, 1, 1, data, sizeof(data), &s, &d, buf, 4007),
        -EMSGSIZE);
    /* Empty data. */
    n = ms_icmp6_echo_encode(MS_ICMP6_ECHO_REQUEST, 7, 8, NULL, 0, &s, &d, buf, 8);
    cr_assert_eq(n, 8);
    cr_assert_eq(decode_exact(buf, 8, &m), 0);
    cr_assert_eq(m.body_len, 0u);
    /* Not an Echo type. */
    cr_assert_eq(ms_icmp6_echo_encode(MS_ICMP6_RA, 1, 1, NULL, 0, &s, &d, buf, 8), -EINVAL);
}

/* --- errors ---------------------------------------------------------------- */

static void
check_error_golden(const uint8_t *g, size_t n, const char *src, const char *dst, uint8_t type,
                   uint8_t code, uint32_t param)
{
    struct in6_addr s = A(src), d = A(dst);
    cr_assert_eq(ms_icmp6_verify_cksum(g, n, &s, &d), 0);
    struct ms_icmp6 m;
    cr_assert_eq(decode_exact(g, n, &m), 0);
    cr_assert_eq(m.type, type);
    cr_assert_eq(m.code, code);
    cr_assert_eq(m.param, param);
    cr_assert_eq(m.body_off, 8u);
    cr_assert_eq(m.body_len, n - 8);
    uint8_t buf[1500];
    int w = ms_icmp6_error_encode(type, code, param, g + 8, n - 8, &s, &d, buf, sizeof(buf));
    cr_assert_eq(w, (int)n);
    cr_assert_arr_eq(buf, g, n);
}

Test(icmp6, golden_errors)
{
    check_error_golden(golden_unreach, sizeof(golden_unreach), "2001:db8::1", "2001:db8::2",
                       MS_ICMP6_DST_UNREACH, MS_ICMP6_UNREACH_PORT, 0);
    check_error_golden(golden_ptb, sizeof(golden_ptb), "2001:db8::fe", "2001:db8::2",
                       MS_ICMP6_PACKET_TOO_BIG, 0, 1280);
    check_error_golden(golden_timex, sizeof(golden_timex), "2001:db8::fe", "2001:db8::2",
                       MS_ICMP6_TIME_EXCEEDED, MS_ICMP6_TIMEX_HOP_LIMIT, 0);
    check_error_golden(golden_paramprob, sizeof(golden_paramprob), "2001:db8::1", "2001:db8::2",
                       MS_ICMP6_PARAM_PROB, MS_ICMP6_PARAMPROB_NEXT_HEADER, 6);
}

Test(icmp6, error_of_unknown_type_decodes)
{
    /* RFC 4443 s2.4(a): errors of unknown type must still reach the upper
     * layer, so any type < 128 decodes in the error layout. */
    uint8_t *b = dup_exact(golden_unreach, sizeof(golden_unreach));
    b[0] = 100;
    struct ms_icmp6 m;
    cr_assert_eq(ms_icmp6_decode(b, sizeof(golden_unreach), &m), 0);
    cr_assert_eq(m.type, 100);
    cr_assert_eq(m.body_len, 48u);
    free(b);
}

Test(icmp6, unknown_type)
{
    const uint8_t types[] = {130, 133, 134, 137, 144, 147, 154, 200, 255};
    for (unsigned i = 0; i < sizeof(types); i++) {
        uint8_t b[16];
        memcpy(b, golden_timex, sizeof(b));
        b[0] = types[i];
        struct ms_icmp6 m;
        cr_assert_eq(decode_exact(b, sizeof(b), &m), MS_EUNKNOWN_TYPE, "type %u", types[i]);
    }
    struct ms_icmp6 m = {.type = MS_ICMP6_NS};
    uint8_t buf[64];
    struct in6_addr s = A("2001:db8::1");
    cr_assert_eq(ms_icmp6_encode(&m, NULL, 0, &s, &s, buf, sizeof(buf)), -EINVAL);
    cr_assert_eq(ms_icmp6_error_encode(MS_ICMP6_ECHO_REPLY, 0, 0, NULL, 0, &s, &s, buf, 64),
                 -EINVAL);
}

Test(icmp6, truncation_every_prefix)
{
    const struct {
        const uint8_t *p;
        size_t n;
    } g[] = {{golden_echo_req, sizeof(golden_echo_req)},
             {golden_unreach, sizeof(golden_unreach)},
             {golden_ptb, sizeof(golden_ptb)},
             {golden_timex, sizeof(golden_timex)},
             {golden_paramprob, sizeof(golden_paramprob)}};
    for (unsigned i = 0; i < sizeof(g) / sizeof(g[0]); i++) {
        struct ms_icmp6 full;
        cr_assert_eq(decode_exact(g[i].p, g[i].n, &full), 0);
        for (size_t k = 0; k < g[i].n; k++) {
            struct ms_icmp6 m;
            int rc = decode_exact(g[i].p, k, &m);
            if (k < 8) {
                cr_assert_eq(rc, MS_ETRUNC, "msg %u prefix %zu", i, k);
            } else {
                /* A shorter body is a valid, shorter message. */
                cr_assert_eq(rc, 0, "msg %u prefix %zu", i, k);
                cr_assert_eq(m.type, full.type);
                cr_assert_eq(m.param, full.param);
                cr_assert_eq(m.body_len, k - 8);
            }
        }
    }
}

Test(icmp6, error_encode_cut_to_minimum_mtu)
{
    /* RFC 4443 s2.4(c): as much of the invoking packet as fits without the
     * error packet (40-octet IPv6 header + ICMPv6) exceeding 1280 octets. */
    static uint8_t inv[3000];
    for (size_t i = 0; i < sizeof(inv); i++)
        inv[i] = (uint8_t)(i ^ (i >> 8));
    struct in6_addr s = A("2001:db8::fe"), d = A("2001:db8::2");
    static uint8_t buf[4000];
    const size_t lens[] = {0, 1, 48, 1231, 1232, 1233, 1240, 1500, 3000};
    for (unsigned i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
        size_t want = 8 + (lens[i] < 1232 ? lens[i] : 1232);
        int n = ms_icmp6_error_encode(MS_ICMP6_PACKET_TOO_BIG, 0, 1400, inv, lens[i], &s, &d, buf,
                                      sizeof(buf));
        cr_assert_eq(n, (int)want, "invoking %zu: got %d", lens[i], n);
        cr_assert_leq(40 + (size_t)n, 1280u);
        struct ms_icmp6 m = {.type = MS_ICMP6_PACKET_TOO_BIG};
        cr_assert_eq(ms_icmp6_len(&m, lens[i]), want);
        cr_assert_eq(ms_icmp6_verify_cksum(buf, (size_t)n, &s, &d), 0);
        cr_assert_arr_eq(buf + 8, inv, want - 8);
        cr_assert_eq(decode_exact(buf, (size_t)n, &m), 0);
        cr_assert_eq(m.param, 1400u);
        cr_assert_eq(m.body_len, want - 8);
    }
    /* MS_ICMP6_ERR_MAX_LEN is always enough; one less is not for a big packet. */
    cr_assert_eq(ms_icmp6_error_encode(MS_ICMP6_DST_UNREACH, 0, 0, inv, 3000, &s, &d, buf,
                                       MS_ICMP6_ERR_MAX_LEN),
                 (int)MS_ICMP6_ERR_MAX_LEN);
    cr_assert_eq(ms_icmp6_error_encode(MS_ICMP6_DST_UNREACH, 0, 0, inv, 3000, &s, &d, buf,
                                       MS_ICMP6_ERR_MAX_LEN - 1),
                 -EMSGSIZE);
    cr_assert_eq(ms_icmp6_error_encode(MS_ICMP6_DST_UNREACH, 0, 0, inv, 0, &s, &d, buf, 7),
                 -EMSGSIZE);
}

/* --- RFC 4443 s2.4(e) -------------------------------------------------- */

/* Builds an IPv6 packet src -> dst with the given next header chain bytes. */
static size_t
mkpkt(uint8_t *p, const char *src, const char *dst, uint8_t nh, const uint8_t *rest, size_t n)
{
    memset(p, 0, 40);
    p[0] = 0x60;
    p[4] = (uint8_t)(n >> 8);
    p[5] = (uint8_t)n;
    p[6] = nh;
    p[7] = 64;
    struct in6_addr s = A(src), d = A(dst);
    memcpy(p + 8, s.s6_addr, 16);
    memcpy(p + 24, d.s6_addr, 16);
    memcpy(p + 40, rest, n);
    return 40 + n;
}

static bool
allowed(const uint8_t *p, size_t n, uint8_t type, uint8_t code, uint32_t param, unsigned fl)
{
    uint8_t *d = dup_exact(p, n);
    bool r = ms_icmp6_error_allowed(d, n, type, code, param, fl);
    free(d);
    return r;
}

Test(icmp6, error_allowed_basic_and_e6_source)
{
    uint8_t p[128];
    const uint8_t udp[8] = {0xc0, 0, 0, 9, 0, 8, 0, 0};
    size_t n = mkpkt(p, "2001:db8::2", "2001:db8::1", MS_IPPROTO_UDP, udp, 8);
    cr_assert(allowed(p, n, MS_ICMP6_DST_UNREACH, MS_ICMP6_UNREACH_PORT, 0, 0));
    /* (e.6) unspecified, multicast or anycast source. */
    n = mkpkt(p, "::", "2001:db8::1", MS_IPPROTO_UDP, udp, 8);
    cr_assert(!allowed(p, n, MS_ICMP6_DST_UNREACH, 4, 0, 0));
    n = mkpkt(p, "ff02::1", "2001:db8::1", MS_IPPROTO_UDP, udp, 8);
    cr_assert(!allowed(p, n, MS_ICMP6_PACKET_TOO_BIG, 0, 1280, 0));
    n = mkpkt(p, "2001:db8::2", "2001:db8::1", MS_IPPROTO_UDP, udp, 8);
    cr_assert(!allowed(p, n, MS_ICMP6_DST_UNREACH, 4, 0, MS_ICMP6_RX_SRC_ANYCAST));
    /* Not an IPv6 packet, or too short to have a source. */
    cr_assert(!allowed(p, 39, MS_ICMP6_DST_UNREACH, 4, 0, 0));
    p[0] = 0x40;
    cr_assert(!allowed(p, n, MS_ICMP6_DST_UNREACH, 4, 0, 0));
    p[0] = 0x60;
    /* Only error types can be "allowed". */
    cr_assert(!allowed(p, n, MS_ICMP6_ECHO_REPLY, 0, 0, 0));
}

Test(icmp6, error_allowed_multicast_e3_e4_e5)
{
    uint8_t p[128];
    const uint8_t udp[8] = {0xc0, 0, 0, 9, 0, 8, 0, 0};
    size_t n = mkpkt(p, "2001:db8::2", "ff0e::101", MS_IPPROTO_UDP, udp, 8);
    cr_assert(!allowed(p, n, MS_ICMP6_DST_UNREACH, MS_ICMP6_UNREACH_PORT, 0, 0));
    cr_assert(!allowed(p, n, MS_ICMP6_TIME_EXCEEDED, 0, 0, 0));
    cr_assert(!allowed(p, n, MS_ICMP6_PARAM_PROB, MS_ICMP6_PARAMPROB_HEADER, 0, 0));
    /* Exception (1): Packet Too Big. */
    cr_assert(allowed(p, n, MS_ICMP6_PACKET_TOO_BIG, 0, 1280, 0));
    /* Unicast IPv6 destination but link-layer multicast/broadcast (e.4, e.5). */
    n = mkpkt(p, "2001:db8::2", "2001:db8::1", MS_IPPROTO_UDP, udp, 8);
    cr_assert(!allowed(p, n, MS_ICMP6_DST_UNREACH, 4, 0, MS_ICMP6_RX_L2_MCAST));
    cr_assert(allowed(p, n, MS_ICMP6_PACKET_TOO_BIG, 0, 1280, MS_ICMP6_RX_L2_MCAST));

    /* Exception (2): Parameter Problem code 2 for an option whose type has
     * the high-order bits 10 (RFC 8200 s4.2); not for 11. */
    const uint8_t dopt[16] = {MS_IPPROTO_UDP, 0, 0x80 | 0x1e, 4, 0, 0, 0, 0,
                              0xc0,           0, 0,           9, 0, 8, 0, 0};
    n = mkpkt(p, "2001:db8::2", "ff0e::101", MS_IPPROTO_DSTOPTS, dopt, 16);
    cr_assert(allowed(p, n, MS_ICMP6_PARAM_PROB, MS_ICMP6_PARAMPROB_OPTION, 42, 0));
    p[42] = 0xc0 | 0x1e;
    cr_assert(!allowed(p, n, MS_ICMP6_PARAM_PROB, MS_ICMP6_PARAMPROB_OPTION, 42, 0));
    p[42] = 0x80 | 0x1e;
    cr_assert(!allowed(p, n, MS_ICMP6_PARAM_PROB, MS_ICMP6_PARAMPROB_HEADER, 42, 0));
    /* A pointer past the packet is not trusted. */
    cr_assert(!allowed(p, n, MS_ICMP6_PARAM_PROB, MS_ICMP6_PARAMPROB_OPTION, 5000, 0));
}

Test(icmp6, error_allowed_not_about_icmp_errors_e1_e2)
{
    uint8_t p[128];
    uint8_t icmp[8] = {MS_ICMP6_DST_UNREACH, 0, 0, 0, 0, 0, 0, 0};
    size_t n = mkpkt(p, "2001:db8::2", "2001:db8::1", MS_IPPROTO_ICMPV6, icmp, 8);
    cr_assert(!allowed(p, n, MS_ICMP6_PARAM_PROB, 0, 0, 0));
    p[40] = 127; /* unknown error type: still an error */
    cr_assert(!allowed(p, n, MS_ICMP6_PARAM_PROB, 0, 0, 0));
    p[40] = MS_ICMP6_REDIRECT;
    cr_assert(!allowed(p, n, MS_ICMP6_PARAM_PROB, 0, 0, 0));
    p[40] = MS_ICMP6_ECHO_REQUEST; /* informational: allowed */
    cr_assert(allowed(p, n, MS_ICMP6_PARAM_PROB, 0, 0, 0));
    /* ICMPv6 header cut before its Type: cannot rule out an error. */
    cr_assert(!allowed(p, 40, MS_ICMP6_PARAM_PROB, 0, 0, 0));

    /* Behind Hop-by-Hop + Routing + Fragment (first) + AH headers. */
    uint8_t chain[64];
    size_t c = 0;
    const uint8_t hbh[8] = {MS_IPPROTO_ROUTING, 0, 1, 4, 0, 0, 0, 0};
    memcpy(chain + c, hbh, 8);
    c += 8;
    const uint8_t rh[8] = {MS_IPPROTO_FRAGMENT, 0, 0, 0, 0, 0, 0, 0};
    memcpy(chain + c, rh, 8);
    c += 8;
    const uint8_t frag[8] = {MS_IPPROTO_AH, 0, 0x00, 0x01, 0, 0, 0, 1}; /* offset 0, M */
    memcpy(chain + c, frag, 8);
    c += 8;
    const uint8_t ah[16] = {MS_IPPROTO_ICMPV6, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0};
    memcpy(chain + c, ah, 16);
    c += 16;
    const uint8_t err[8] = {MS_ICMP6_TIME_EXCEEDED, 0, 0, 0, 0, 0, 0, 0};
    memcpy(chain + c, err, 8);
    c += 8;
    n = mkpkt(p, "2001:db8::2", "2001:db8::1", MS_IPPROTO_HOPOPTS, chain, c);
    cr_assert(!allowed(p, n, MS_ICMP6_PARAM_PROB, 0, 0, 0));
    p[40 + c - 8] = MS_ICMP6_ECHO_REPLY;
    cr_assert(allowed(p, n, MS_ICMP6_PARAM_PROB, 0, 0, 0));
    /* Every cut of the chain: no overread, and before the ICMPv6 header the
     * upper layer is unknown (allowed). */
    for (size_t k = 40; k < n; k++)
        cr_assert_eq(allowed(p, k, MS_ICMP6_PARAM_PROB, 0, 0, 0), k > n - 8 ? true : k < n - 8,
                     "cut %zu", k);
    /* A non-first fragment holds no upper-layer header: allowed. */
    p[40 + 16 + 2] = 0x01;
    p[40 + c - 8] = MS_ICMP6_TIME_EXCEEDED;
    cr_assert(allowed(p, n, MS_ICMP6_PARAM_PROB, 0, 0, 0));
}

Test(icmp6, format)
{
    struct ms_icmp6 m;
    char buf[128];
    cr_assert_eq(decode_exact(golden_echo_req, sizeof(golden_echo_req), &m), 0);
    int n = ms_icmp6_format(&m, buf, sizeof(buf));
    cr_assert_eq((size_t)n, strlen(buf));
    cr_assert_str_eq(buf, "echo-request id=4660 seq=1 len=4");
    cr_assert_eq(decode_exact(golden_paramprob, sizeof(golden_paramprob), &m), 0);
    ms_icmp6_format(&m, buf, sizeof(buf));
    cr_assert_str_eq(buf, "param-problem code=1 ptr=6 invoking=8");
    cr_assert_eq(decode_exact(golden_ptb, sizeof(golden_ptb), &m), 0);
    ms_icmp6_format(&m, buf, sizeof(buf));
    cr_assert_str_eq(buf, "packet-too-big code=0 mtu=1280 invoking=48");
}

/* --- Mobile IPv6 ICMP (RFC 6275 s6.5-6.8) ----------------------------------- */

static void
check_mip_golden(const uint8_t *g, size_t n, const char *src, const char *dst,
                 struct ms_icmp6_mip *m)
{
    struct in6_addr s = A(src), d = A(dst);
    cr_assert_eq(ms_icmp6_verify_cksum(g, n, &s, &d), 0);
    cr_assert_eq(mip_decode_exact(g, n, m), 0);
    cr_assert_eq(ms_icmp6_mip_len(m), n);
    uint8_t buf[512];
    int w = ms_icmp6_mip_encode(m, &s, &d, buf, sizeof(buf));
    cr_assert_eq(w, (int)n, "encode returned %d, want %zu", w, n);
    cr_assert_arr_eq(buf, g, n);
}

Test(icmp6_mip, golden_dhaad_request)
{
    struct ms_icmp6_mip m;
    check_mip_golden(golden_dhaad_req, sizeof(golden_dhaad_req), "2001:db8:2::100",
                     "2001:db8:1::fdff:ffff:ffff:fffe", &m);
    cr_assert_eq(m.type, MS_ICMP6_DHAAD_REQUEST);
    cr_assert_eq(m.id, 0xbeef);
}

Test(icmp6_mip, golden_dhaad_reply)
{
    struct ms_icmp6_mip m;
    check_mip_golden(golden_dhaad_rep, sizeof(golden_dhaad_rep), "2001:db8:1::1", "2001:db8:2::100",
                     &m);
    cr_assert_eq(m.type, MS_ICMP6_DHAAD_REPLY);
    cr_assert_eq(m.id, 0xbeef);
    cr_assert_eq(m.n_ha, 2);
    assert_addr(&m.ha[0], "2001:db8:1::1");
    assert_addr(&m.ha[1], "2001:db8:1::2");
}

Test(icmp6_mip, golden_mps)
{
    struct ms_icmp6_mip m;
    check_mip_golden(golden_mps, sizeof(golden_mps), "2001:db8:2::100", "2001:db8:1::1", &m);
    cr_assert_eq(m.type, MS_ICMP6_MPS);
    cr_assert_eq(m.id, 7);
    cr_assert_eq(m.opts.present, 0u);
    cr_assert_eq(m.opts.n_raw, 0);
}

Test(icmp6_mip, golden_mpa)
{
    struct ms_icmp6_mip m;
    check_mip_golden(golden_mpa, sizeof(golden_mpa), "2001:db8:1::1", "2001:db8:1::100", &m);
    cr_assert_eq(m.type, MS_ICMP6_MPA);
    cr_assert_eq(m.id, 7);
    cr_assert_eq(m.flags, MS_MPA_F_M);
    cr_assert_eq(m.opts.n_pi, 1);
    cr_assert_eq(m.opts.pi[0].prefix_len, 64);
    cr_assert_eq(m.opts.pi[0].flags, MS_PI_F_L | MS_PI_F_A);
    cr_assert_eq(m.opts.pi[0].valid_s, 3600u);
    cr_assert_eq(m.opts.pi[0].preferred_s, 1800u);
    assert_addr(&m.opts.pi[0].prefix, "2001:db8:1::");
}

static void
mip_roundtrip(const struct ms_icmp6_mip *in)
{
    struct in6_addr s = A("2001:db8:1::1"), d = A("2001:db8:2::100");
    uint8_t buf[512];
    int n = ms_icmp6_mip_encode(in, &s, &d, buf, sizeof(buf));
    cr_assert_gt(n, 0, "encode %d", n);
    cr_assert_eq((size_t)n, ms_icmp6_mip_len(in));
    cr_assert_eq(ms_icmp6_verify_cksum(buf, (size_t)n, &s, &d), 0);
    struct ms_icmp6_mip out;
    cr_assert_eq(mip_decode_exact(buf, (size_t)n, &out), 0);
    cr_assert_eq(out.type, in->type);
    cr_assert_eq(out.id, in->id);
    cr_assert_eq(out.flags, in->flags);
    cr_assert_eq(out.n_ha, in->n_ha);
    for (unsigned i = 0; i < in->n_ha; i++)
        cr_assert_arr_eq(out.ha[i].s6_addr, in->ha[i].s6_addr, 16);
    cr_assert_eq(out.opts.present, in->opts.present);
    cr_assert_eq(out.opts.n_pi, in->opts.n_pi);
    for (unsigned i = 0; i < in->opts.n_pi; i++) {
        cr_assert_eq(out.opts.pi[i].flags, in->opts.pi[i].flags);
        cr_assert_eq(out.opts.pi[i].valid_s, in->opts.pi[i].valid_s);
        cr_assert_eq(out.opts.pi[i].preferred_s, in->opts.pi[i].preferred_s);
        cr_assert_arr_eq(out.opts.pi[i].prefix.s6_addr, in->opts.pi[i].prefix.s6_addr, 16);
    }
    cr_assert_eq(out.opts.n_raw, in->opts.n_raw);
    for (unsigned i = 0; i < in->opts.n_raw; i++)
        cr_assert_arr_eq(out.opts.raw[i].data, in->opts.raw[i].data, in->opts.raw[i].len8 * 8u - 2);
}

Test(icmp6_mip, roundtrip_all)
{
    struct ms_icmp6_mip m;
    memset(&m, 0, sizeof(m));
    m.type = MS_ICMP6_DHAAD_REQUEST;
    m.id = 0xffff;
    mip_roundtrip(&m);

    memset(&m, 0, sizeof(m));
    m.type = MS_ICMP6_DHAAD_REPLY;
    m.id = 1;
    mip_roundtrip(&m); /* an empty list is legal on the wire */
    m.n_ha = MS_DHAAD_MAX_HA;
    for (unsigned i = 0; i < MS_DHAAD_MAX_HA; i++) {
        m.ha[i] = A("2001:db8:1::");
        m.ha[i].s6_addr[15] = (uint8_t)(i + 1);
    }
    mip_roundtrip(&m);

    memset(&m, 0, sizeof(m));
    m.type = MS_ICMP6_MPS;
    m.id = 0x8001;
    m.opts.n_raw = 1; /* "future documents may define new options" */
    m.opts.raw[0].type = 250;
    m.opts.raw[0].len8 = 2;
    memset(m.opts.raw[0].data, 0x5a, 14);
    mip_roundtrip(&m);

    memset(&m, 0, sizeof(m));
    m.type = MS_ICMP6_MPA;
    m.id = 0x0203;
    for (unsigned f = 0; f < 4; f++) {
        m.flags = (uint16_t)(((f & 1) ? MS_MPA_F_M : 0) | ((f & 2) ? MS_MPA_F_O : 0));
        m.opts.n_pi = (uint8_t)(f + 1);
        for (unsigned i = 0; i <= f; i++) {
            m.opts.pi[i].prefix_len = 64;
            m.opts.pi[i].flags = MS_PI_F_A | MS_PI_F_R;
            m.opts.pi[i].valid_s = 1000 + i;
            m.opts.pi[i].preferred_s = 500 + i;
            m.opts.pi[i].prefix = A("2001:db8:1::1");
            m.opts.pi[i].prefix.s6_addr[7] = (uint8_t)i;
        }
        mip_roundtrip(&m);
    }
}

Test(icmp6_mip, truncation_every_prefix)
{
    const struct {
        const uint8_t *p;
        size_t n;
    } g[] = {{golden_dhaad_req, sizeof(golden_dhaad_req)},
             {golden_dhaad_rep, sizeof(golden_dhaad_rep)},
             {golden_mps, sizeof(golden_mps)},
             {golden_mpa, sizeof(golden_mpa)}};
    for (unsigned i = 0; i < sizeof(g) / sizeof(g[0]); i++) {
        for (size_t k = 0; k < g[i].n; k++) {
            struct ms_icmp6_mip m;
            int rc = mip_decode_exact(g[i].p, k, &m);
            if (k < 8) {
                cr_assert_eq(rc, MS_ETRUNC, "msg %u prefix %zu: %s", i, k, ms_err_name(rc));
            } else if (rc == 0) {
                /* Only cuts on an address/option boundary decode, shorter. */
                cr_assert_eq(m.type, g[i].p[0]);
                cr_assert_eq(ms_icmp6_mip_len(&m), k, "msg %u prefix %zu", i, k);
            } else {
                cr_assert(rc == MS_EBAD_LEN || rc == MS_EOPT_OVERRUN, "msg %u prefix %zu: %s", i, k,
                          ms_err_name(rc));
            }
        }
    }
}

Test(icmp6_mip, corrupted_lengths)
{
    struct ms_icmp6_mip m;
    /* DHAAD Reply: the address list must be whole addresses. */
    cr_assert_eq(mip_decode_exact(golden_dhaad_rep, 8 + 16 + 15, &m), MS_EBAD_LEN);
    cr_assert_eq(mip_decode_exact(golden_dhaad_rep, 9, &m), MS_EBAD_LEN);
    /* MPA: PI Length 0, too large, wrong. */
    uint8_t *b = dup_exact(golden_mpa, sizeof(golden_mpa));
    b[9] = 0;
    cr_assert_eq(ms_icmp6_mip_decode(b, sizeof(golden_mpa), &m), MS_EZERO_OPTLEN);
    cr_assert_eq(m.type, MS_ICMP6_MPA);
    b[9] = 5;
    cr_assert_eq(ms_icmp6_mip_decode(b, sizeof(golden_mpa), &m), MS_EOPT_OVERRUN);
    b[9] = 3;
    cr_assert_eq(ms_icmp6_mip_decode(b, sizeof(golden_mpa), &m), MS_EBAD_OPTLEN);
    free(b);
    /* MPS with a zero-length option. */
    uint8_t mps[16];
    memcpy(mps, golden_mps, 8);
    memset(mps + 8, 0, 8);
    mps[8] = 99;
    cr_assert_eq(mip_decode_exact(mps, 16, &m), MS_EZERO_OPTLEN);
    mps[9] = 1;
    cr_assert_eq(mip_decode_exact(mps, 16, &m), 0);
    cr_assert_eq(m.opts.n_raw, 1);
}

Test(icmp6_mip, more_than_eight_home_agents)
{
    /* Keep the first (most preferred, RFC 6275 s10.5) eight. */
    uint8_t b[8 + 16 * 10];
    memcpy(b, golden_dhaad_rep, 8);
    for (unsigned i = 0; i < 10; i++) {
        memset(b + 8 + 16 * i, 0, 16);
        b[8 + 16 * i + 15] = (uint8_t)i;
    }
    struct ms_icmp6_mip m;
    cr_assert_eq(mip_decode_exact(b, sizeof(b), &m), 0);
    cr_assert_eq(m.n_ha, MS_DHAAD_MAX_HA);
    cr_assert_eq(m.ha[7].s6_addr[15], 7);
    m.n_ha = MS_DHAAD_MAX_HA + 1;
    uint8_t buf[512];
    struct in6_addr s = A("2001:db8::1");
    cr_assert_eq(ms_icmp6_mip_encode(&m, &s, &s, buf, sizeof(buf)), -EINVAL);
}

Test(icmp6_mip, bad_code_unknown_type_reserved)
{
    struct ms_icmp6_mip m;
    uint8_t *b = dup_exact(golden_mpa, sizeof(golden_mpa));
    b[1] = 1;
    cr_assert_eq(ms_icmp6_mip_decode(b, sizeof(golden_mpa), &m), MS_EBAD_CODE);
    b[1] = 0;
    /* Reserved bits next to M/O are ignored on receive and never sent. */
    b[6] = 0xbf;
    b[7] = 0xff;
    cr_assert_eq(ms_icmp6_mip_decode(b, sizeof(golden_mpa), &m), 0);
    cr_assert_eq(m.flags, MS_MPA_F_M);
    for (unsigned t = 0; t < 256; t++) {
        if (t >= MS_ICMP6_DHAAD_REQUEST && t <= MS_ICMP6_MPA)
            continue;
        b[0] = (uint8_t)t;
        cr_assert_eq(ms_icmp6_mip_decode(b, sizeof(golden_mpa), &m), MS_EUNKNOWN_TYPE, "type %u",
                     t);
    }
    free(b);
    /* The DHAAD Request's Reserved field is ignored too. */
    b = dup_exact(golden_dhaad_req, sizeof(golden_dhaad_req));
    b[6] = b[7] = 0xff;
    cr_assert_eq(ms_icmp6_mip_decode(b, sizeof(golden_dhaad_req), &m), 0);
    cr_assert_eq(m.id, 0xbeef);
    free(b);

    memset(&m, 0, sizeof(m));
    m.type = MS_ICMP6_RA;
    uint8_t buf[64];
    struct in6_addr s = A("2001:db8::1");
    cr_assert_eq(ms_icmp6_mip_encode(&m, &s, &s, buf, sizeof(buf)), -EINVAL);
}

Test(icmp6_mip, bad_checksum)
{
    struct in6_addr s = A("2001:db8:1::1"), d = A("2001:db8:1::100");
    uint8_t *b = dup_exact(golden_mpa, sizeof(golden_mpa));
    for (size_t i = 0; i < sizeof(golden_mpa); i++) {
        b[i] ^= 0x10;
        cr_assert_eq(ms_icmp6_verify_cksum(b, sizeof(golden_mpa), &s, &d), MS_EBAD_CHECKSUM);
        b[i] ^= 0x10;
    }
    free(b);
}

Test(icmp6_mip, encode_every_short_cap)
{
    struct in6_addr s = A("2001:db8:1::1"), d = A("2001:db8:1::100");
    const uint8_t *g[] = {golden_dhaad_req, golden_dhaad_rep, golden_mps, golden_mpa};
    const size_t gn[] = {sizeof(golden_dhaad_req), sizeof(golden_dhaad_rep), sizeof(golden_mps),
                         sizeof(golden_mpa)};
    for (unsigned i = 0; i < 4; i++) {
        struct ms_icmp6_mip m;
        cr_assert_eq(mip_decode_exact(g[i], gn[i], &m), 0);
        uint8_t *buf = malloc(gn[i]);
        for (size_t cap = 0; cap < gn[i]; cap++)
            cr_assert_eq(ms_icmp6_mip_encode(&m, &s, &d, buf, cap), -EMSGSIZE, "msg %u cap %zu", i,
                         cap);
        cr_assert_eq(ms_icmp6_mip_encode(&m, &s, &d, buf, gn[i]), (int)gn[i]);
        free(buf);
    }
}

Test(icmp6_mip, format)
{
    struct ms_icmp6_mip m;
    char buf[256];
    cr_assert_eq(mip_decode_exact(golden_dhaad_rep, sizeof(golden_dhaad_rep), &m), 0);
    int n = ms_icmp6_mip_format(&m, buf, sizeof(buf));
    cr_assert_eq((size_t)n, strlen(buf));
    cr_assert_str_eq(buf, "dhaad-reply id=48879 ha=2001:db8:1::1,2001:db8:1::2");
    char small[12];
    cr_assert_eq(ms_icmp6_mip_format(&m, small, sizeof(small)), n);
    cr_assert_eq(strlen(small), sizeof(small) - 1);
    cr_assert_eq(mip_decode_exact(golden_mpa, sizeof(golden_mpa), &m), 0);
    ms_icmp6_mip_format(&m, buf, sizeof(buf));
    cr_assert_str_eq(buf, "mpa id=7 flags=M pi=2001:db8:1::/64,LA,v=3600,p=1800");
}

Test(icmp6, echo_reply_in_place)
{
    /* The stack may turn a request into a reply in its own buffer. */
    struct in6_addr s = A("2001:db8::2"), d = A("2001:db8::1");
    uint8_t buf[sizeof(golden_echo_req)];
    memcpy(buf, golden_echo_req, sizeof(buf));
    struct ms_icmp6 m;
    cr_assert_eq(ms_icmp6_decode(buf, sizeof(buf), &m), 0);
    m.type = MS_ICMP6_ECHO_REPLY;
    int n = ms_icmp6_encode(&m, buf + m.body_off, m.body_len, &s, &d, buf, sizeof(buf));
    cr_assert_eq(n, (int)sizeof(buf));
    cr_assert_eq(buf[0], MS_ICMP6_ECHO_REPLY);
    cr_assert_arr_eq(buf + 4, golden_echo_req + 4, sizeof(buf) - 4);
    cr_assert_eq(ms_icmp6_verify_cksum(buf, sizeof(buf), &s, &d), 0);
}
