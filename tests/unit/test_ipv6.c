/* Unit tests for mipsim/wire/ipv6.{h,c}. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "wire/codepoints.h"
#include "wire/err.h"
#include "wire/ipv6.h"

static struct in6_addr
A(const char *s) {
    struct in6_addr a;
    cr_assert_eq(ms_in6_parse(s, &a), 0, "%s", s);
    return a;
}

/* Golden: hand-assembled from the RFC 8200 s3 diagram.  Version 6, Traffic
 * Class 0xe0, Flow Label 0x12345, Payload Length 8, Next Header 17 (UDP),
 * Hop Limit 64, 2001:db8::1 > 2001:db8::2. */
/* clang-format off */
static const uint8_t golden[40] = {
    0x6e, 0x01, 0x23, 0x45, 0x00, 0x08, 0x11, 0x40,             /* */
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, /* src */
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, /* dst */
};
/* clang-format on */

static struct ms_ip6
golden_struct(void)
{
    struct ms_ip6 h = {
        .tclass = 0xe0, .flow = 0x12345, .plen = 8, .nh = MS_IPPROTO_UDP, .hlim = 64};
    h.src = A("2001:db8::1");
    h.dst = A("2001:db8::2");
    return h;
}

Test(ipv6, golden_encode_decode)
{
    struct ms_ip6 h = golden_struct(), d;
    uint8_t buf[48] = {0};
    cr_assert_eq(ms_ip6_encode(&h, buf, sizeof buf), MS_IP6_HLEN);
    cr_assert_arr_eq(buf, golden, 40);
    uint8_t pkt[48] = {0};
    memcpy(pkt, golden, 40);
    cr_assert_eq(ms_ip6_decode(pkt, sizeof pkt, &d), 0);
    cr_assert_eq(d.tclass, 0xe0);
    cr_assert_eq(d.flow, 0x12345);
    cr_assert_eq(d.plen, 8);
    cr_assert_eq(d.nh, 17);
    cr_assert_eq(d.hlim, 64);
    cr_assert(ms_in6_equal(&d.src, &h.src));
    cr_assert(ms_in6_equal(&d.dst, &h.dst));
}

Test(ipv6, roundtrip_extremes)
{
    struct ms_ip6 h = golden_struct(), d;
    h.tclass = 0xff;
    h.flow = 0xfffff;
    h.plen = 0;
    h.hlim = 255;
    h.nh = MS_IPPROTO_NONE;
    uint8_t buf[40];
    cr_assert_eq(ms_ip6_encode(&h, buf, sizeof buf), 40);
    cr_assert_eq(ms_ip6_decode(buf, sizeof buf, &d), 0);
    cr_assert_eq(d.tclass, h.tclass);
    cr_assert_eq(d.flow, h.flow);
    cr_assert_eq(d.plen, h.plen);
    cr_assert_eq(d.nh, h.nh);
    cr_assert_eq(d.hlim, h.hlim);
    cr_assert(ms_in6_equal(&d.src, &h.src) && ms_in6_equal(&d.dst, &h.dst));
    /* Flow label is masked to 20 bits, never spilling into the class. */
    h.flow = 0xffffffff;
    h.tclass = 0;
    ms_ip6_encode(&h, buf, sizeof buf);
    cr_assert_eq(ms_ip6_decode(buf, sizeof buf, &d), 0);
    cr_assert_eq(d.tclass, 0);
    cr_assert_eq(d.flow, 0xfffff);
    cr_assert_eq(ms_ip6_encode(&h, buf, 39), -EMSGSIZE);
    cr_assert_eq(ms_ip6_len(&h), 40);
}

/* Every prefix of a 48-octet packet (plen 8) fails: < 40 octets is a
 * truncated header, 40..47 cannot hold the payload. */
Test(ipv6, truncation_every_prefix)
{
    uint8_t pkt[48] = {0};
    memcpy(pkt, golden, 40);
    struct ms_ip6 d;
    for (size_t n = 0; n < sizeof pkt; n++) {
        uint8_t *p = malloc(n ? n : 1);
        memcpy(p, pkt, n);
        cr_assert_eq(ms_ip6_decode(p, n, &d), MS_ETRUNC, "prefix %zu", n);
        free(p);
    }
    cr_assert_eq(ms_ip6_decode(pkt, 48, &d), 0);
}

/* Ethernet padding: a 40-octet header with plen 0 inside a 46-octet frame
 * payload decodes, and plen tells the real size. */
Test(ipv6, trailing_padding_left_to_caller)
{
    uint8_t pkt[46] = {0};
    memcpy(pkt, golden, 40);
    pkt[4] = 0;
    pkt[5] = 0;
    struct ms_ip6 d;
    cr_assert_eq(ms_ip6_decode(pkt, sizeof pkt, &d), 0);
    cr_assert_eq(d.plen, 0);
    cr_assert_lt(MS_IP6_HLEN + d.plen, sizeof pkt);
}

Test(ipv6, corrupted_length)
{
    uint8_t pkt[48] = {0};
    memcpy(pkt, golden, 40);
    struct ms_ip6 d;
    pkt[5] = 9; /* one more than available */
    cr_assert_eq(ms_ip6_decode(pkt, sizeof pkt, &d), MS_ETRUNC);
    pkt[4] = 0xff;
    pkt[5] = 0xff;
    cr_assert_eq(ms_ip6_decode(pkt, sizeof pkt, &d), MS_ETRUNC);
    pkt[4] = 0;
    pkt[5] = 0; /* zero: valid, empty payload */
    cr_assert_eq(ms_ip6_decode(pkt, sizeof pkt, &d), 0);
    cr_assert_eq(d.plen, 0);
}

Test(ipv6, bad_version)
{
    uint8_t pkt[40];
    struct ms_ip6 d;
    for (unsigned v = 0; v < 16; v++) {
        memcpy(pkt, golden, 40);
        pkt[0] = (uint8_t)(v << 4 | (pkt[0] & 0x0f));
        int rc = ms_ip6_decode(pkt, 48 - 8, &d);
        if (v == 6)
            cr_assert_eq(rc, MS_ETRUNC); /* plen 8 does not fit in 40 */
        else
            cr_assert_eq(rc, MS_EBAD_VERSION, "version %u", v);
    }
}

Test(ipv6, format)
{
    struct ms_ip6 h = golden_struct();
    char s[128];
    ms_ip6_format(&h, s, sizeof s);
    cr_assert_str_eq(s, "2001:db8::1 > 2001:db8::2 nh 17 hlim 64 plen 8");
}

Test(ipv6, parse_format_addresses)
{
    struct in6_addr a;
    char s[MS_IN6_STRLEN];
    cr_assert_eq(ms_in6_parse("2001:DB8:0:0:0:0:0:1", &a), 0);
    cr_assert_eq(ms_in6_format(&a, s, sizeof s), 11);
    cr_assert_str_eq(s, "2001:db8::1");
    cr_assert_eq(ms_in6_format(&a, s, 11), -EMSGSIZE);
    cr_assert_eq(ms_in6_parse("2001:db8::g", &a), -EINVAL);
    cr_assert_eq(ms_in6_parse("192.0.2.1", &a), -EINVAL);
    cr_assert_eq(ms_in6_parse(NULL, &a), -EINVAL);
}

Test(ipv6, prefix_parse)
{
    struct in6_addr a, want = A("2001:db8::");
    unsigned plen = 999;
    cr_assert_eq(ms_in6_prefix_parse("2001:db8::/64", &a, &plen), 0);
    cr_assert_eq(plen, 64);
    cr_assert(ms_in6_equal(&a, &want));
    cr_assert_eq(ms_in6_prefix_parse("2001:db8::1", &a, &plen), 0);
    cr_assert_eq(plen, 128);
    cr_assert_eq(ms_in6_prefix_parse("2001:db8::1/0", &a, &plen), 0);
    cr_assert_eq(plen, 0);
    cr_assert_eq(ms_in6_prefix_parse("::/128", &a, &plen), 0);
    cr_assert_eq(plen, 128);
    static const char *bad[] = {
        "2001:db8::/129",  "2001:db8::/", "2001:db8::/6x",    "2001:db8::/-1",
        "2001:db8::/0064", "zz/64",       "2001:db8::/64/64", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_assert_eq(ms_in6_prefix_parse(bad[i], &a, &plen), -EINVAL, "%s", bad[i]);
    char s[MS_IN6_PREFIX_STRLEN];
    cr_assert_gt(ms_in6_prefix_format(&want, 64, s, sizeof s), 0);
    cr_assert_str_eq(s, "2001:db8::/64");
    cr_assert_eq(ms_in6_prefix_format(&want, 64, s, 5), -EMSGSIZE);
}

Test(ipv6, classify)
{
    struct in6_addr a;
    a = A("ff02::1");
    cr_assert(ms_in6_is_multicast(&a));
    cr_assert_not(ms_in6_is_routable_unicast(&a));
    a = A("fe80::1");
    cr_assert(ms_in6_is_linklocal(&a));
    cr_assert_not(ms_in6_is_routable_unicast(&a));
    a = A("febf::1");
    cr_assert(ms_in6_is_linklocal(&a));
    a = A("fec0::1");
    cr_assert_not(ms_in6_is_linklocal(&a));
    a = A("::");
    cr_assert(ms_in6_is_unspecified(&a));
    cr_assert_not(ms_in6_is_routable_unicast(&a));
    a = A("::1");
    cr_assert(ms_in6_is_loopback(&a));
    cr_assert_not(ms_in6_is_unspecified(&a));
    cr_assert_not(ms_in6_is_routable_unicast(&a));
    a = A("2001:db8::1");
    cr_assert(ms_in6_is_routable_unicast(&a));
    cr_assert_not(ms_in6_is_multicast(&a));
}

Test(ipv6, prefix_match_and_make)
{
    struct in6_addr a = A("2001:db8:1:2::1"), b = A("2001:db8:1:3::1");
    cr_assert(ms_in6_prefix_match(&a, &b, 48));
    cr_assert(ms_in6_prefix_match(&a, &b, 63));
    cr_assert_not(ms_in6_prefix_match(&a, &b, 64));
    cr_assert(ms_in6_prefix_match(&a, &b, 0));
    cr_assert_not(ms_in6_prefix_match(&a, &b, 128));
    cr_assert(ms_in6_prefix_match(&a, &a, 200));
    struct in6_addr p = A("2001:db8:1:2:3:4:5:6");
    ms_in6_make_prefix(&p, 64);
    struct in6_addr want = A("2001:db8:1:2::");
    cr_assert(ms_in6_equal(&p, &want));
    p = A("2001:db8:ffff::");
    ms_in6_make_prefix(&p, 36);
    want = A("2001:db8:f000::");
    cr_assert(ms_in6_equal(&p, &want));
    p = A("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    ms_in6_make_prefix(&p, 0);
    cr_assert(ms_in6_is_unspecified(&p));
    p = A("2001:db8::1");
    ms_in6_make_prefix(&p, 128);
    want = A("2001:db8::1");
    cr_assert(ms_in6_equal(&p, &want));
}

/* RFC 4291 s2.7.1: 4037::01:800:200E:8C6C -> FF02::1:FF0E:8C6C. */
Test(ipv6, well_known_addresses)
{
    struct in6_addr a = A("4037::01:800:200e:8c6c"), sn, want = A("ff02::1:ff0e:8c6c");
    ms_in6_solicited_node(&a, &sn);
    cr_assert(ms_in6_equal(&sn, &want));
    ms_in6_solicited_node(&a, &a); /* in place */
    cr_assert(ms_in6_equal(&a, &want));
    struct in6_addr n, r;
    ms_in6_all_nodes(&n);
    ms_in6_all_routers(&r);
    want = A("ff02::1");
    cr_assert(ms_in6_equal(&n, &want));
    want = A("ff02::2");
    cr_assert(ms_in6_equal(&r, &want));
}

Test(ipv6, linklocal_and_slaac)
{
    static const uint8_t iid[8] = {0x00, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x01};
    struct in6_addr ll, want = A("fe80::ff:fe00:1");
    ms_in6_linklocal_from_iid(iid, &ll);
    cr_assert(ms_in6_equal(&ll, &want));
    struct in6_addr pfx = A("2001:db8:1::"), g;
    cr_assert_eq(ms_in6_from_prefix_iid(&pfx, 64, iid, &g), 0);
    want = A("2001:db8:1::ff:fe00:1");
    cr_assert(ms_in6_equal(&g, &want));
    struct in6_addr untouched = A("::");
    cr_assert_eq(ms_in6_from_prefix_iid(&pfx, 48, iid, &untouched), MS_EBAD_LEN);
    cr_assert(ms_in6_is_unspecified(&untouched));
    /* The prefix's bits beyond /64 never leak into the result. */
    pfx = A("2001:db8:1::ffff");
    cr_assert_eq(ms_in6_from_prefix_iid(&pfx, 64, iid, &g), 0);
    cr_assert(ms_in6_equal(&g, &want));
}
