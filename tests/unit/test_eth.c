/* Unit tests for mipsim/wire/eth.{h,c}. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "wire/codepoints.h"
#include "wire/err.h"
#include "wire/eth.h"
#include "wire/ipv6.h"

static const struct ms_mac mac_a = {{0x02, 0x00, 0x00, 0x00, 0x00, 0x01}};
static const struct ms_mac mac_b = {{0x02, 0x00, 0x00, 0x00, 0xaa, 0x01}};

Test(eth, roundtrip)
{
    struct ms_eth in = {.dst = mac_b, .src = mac_a, .ethertype = MS_ETHERTYPE_IPV6}, out;
    uint8_t buf[MS_ETH_HLEN];
    cr_assert_eq(ms_eth_encode(&in, buf, sizeof buf), MS_ETH_HLEN);
    cr_assert_eq(ms_eth_len(&in), MS_ETH_HLEN);
    cr_assert_eq(ms_eth_decode(buf, sizeof buf, &out), 0);
    cr_assert(ms_mac_equal(&out.dst, &in.dst));
    cr_assert(ms_mac_equal(&out.src, &in.src));
    cr_assert_eq(out.ethertype, in.ethertype);
}

/* Golden: hand-assembled from the Ethernet II layout and RFC 2464 s7: an
 * IPv6 packet to ff02::1 goes to 33:33:00:00:00:01 with EtherType 86DD. */
Test(eth, golden_ipv6_all_nodes)
{
    static const uint8_t golden[] = {0x33, 0x33, 0x00, 0x00, 0x00, 0x01, 0x02,
                                     0x00, 0x00, 0x00, 0x00, 0x01, 0x86, 0xdd};
    struct in6_addr all;
    struct ms_eth e = {.src = mac_a, .ethertype = MS_ETHERTYPE_IPV6};
    ms_in6_all_nodes(&all);
    ms_mac_from_ipv6_mcast(&all, &e.dst);
    uint8_t buf[32];
    cr_assert_eq(ms_eth_encode(&e, buf, sizeof buf), 14);
    cr_assert_arr_eq(buf, golden, sizeof golden);
    struct ms_eth d;
    cr_assert_eq(ms_eth_decode(golden, sizeof golden, &d), 0);
    cr_assert_eq(d.ethertype, 0x86dd);
    cr_assert(ms_mac_is_multicast(&d.dst));
    cr_assert_not(ms_mac_is_multicast(&d.src));
}

Test(eth, truncation_every_prefix)
{
    uint8_t buf[MS_ETH_HLEN];
    struct ms_eth in = {.dst = mac_b, .src = mac_a, .ethertype = 0x88b5}, out;
    ms_eth_encode(&in, buf, sizeof buf);
    for (size_t n = 0; n < sizeof buf; n++) {
        uint8_t *p = malloc(n ? n : 1); /* exact-size heap copy: ASan catches overreads */
        memcpy(p, buf, n);
        cr_assert_eq(ms_eth_decode(p, n, &out), MS_ETRUNC, "prefix %zu", n);
        free(p);
    }
}

Test(eth, encode_small_buffer)
{
    uint8_t buf[13];
    struct ms_eth in = {.dst = mac_b, .src = mac_a, .ethertype = 0x86dd};
    cr_assert_eq(ms_eth_encode(&in, buf, sizeof buf), -EMSGSIZE);
}

/* EtherTypes mipsim does not handle (here 802.1Q) are passed up unchanged:
 * the link, not the codec, decides. */
Test(eth, unknown_ethertype_passes)
{
    static const uint8_t f[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0, 0, 1, 0x81, 0x00};
    struct ms_eth d;
    cr_assert_eq(ms_eth_decode(f, sizeof f, &d), 0);
    cr_assert_eq(d.ethertype, 0x8100);
    cr_assert(ms_mac_is_broadcast(&d.dst));
    cr_assert(ms_mac_is_multicast(&d.dst));
}

/* RFC 2464 s7: 33:33 + last four octets; example from the RFC text
 * (FF02::1 / solicited-node style address). */
Test(eth, mcast_mapping)
{
    struct in6_addr a;
    struct ms_mac m;
    cr_assert_eq(ms_in6_parse("ff02::1:ff12:3456", &a), 0);
    ms_mac_from_ipv6_mcast(&a, &m);
    static const uint8_t want[6] = {0x33, 0x33, 0xff, 0x12, 0x34, 0x56};
    cr_assert_arr_eq(m.b, want, 6);
}

Test(eth, mac_format_parse)
{
    char s[MS_MAC_STRLEN];
    struct ms_mac m;
    cr_assert_eq(ms_mac_format(&mac_b, s, sizeof s), 17);
    cr_assert_str_eq(s, "02:00:00:00:aa:01");
    cr_assert_eq(ms_mac_parse("02:00:00:00:AA:01", &m), 0);
    cr_assert(ms_mac_equal(&m, &mac_b));
    cr_assert_eq(ms_mac_format(&mac_b, s, 17), -EMSGSIZE);
    cr_assert_str_eq(s, "");
    static const char *bad[] = {"",
                                "02:00:00:00:aa",
                                "02:00:00:00:aa:01:",
                                "02:00:00:00:aa:0",
                                "02-00-00-00-aa-01",
                                "02:00:00:00:aa:0g",
                                "2:00:00:00:aa:01",
                                "02:00:00:00:aa:011"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_assert_eq(ms_mac_parse(bad[i], &m), -EINVAL, "%s", bad[i]);
    cr_assert_eq(ms_mac_parse(NULL, &m), -EINVAL);
}

/* RFC 4291 Appendix A: ff:fe inserted, universal/local bit inverted.
 * 34:56:78:9a:bc:de -> 3656:78ff:fe9a:bcde; 02:00:00:00:00:01 ->
 * 0000:00ff:fe00:0001. */
Test(eth, eui64_iid)
{
    struct ms_mac m = {{0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde}};
    uint8_t iid[8];
    static const uint8_t want1[8] = {0x36, 0x56, 0x78, 0xff, 0xfe, 0x9a, 0xbc, 0xde};
    ms_mac_to_eui64_iid(&m, iid);
    cr_assert_arr_eq(iid, want1, 8);
    static const uint8_t want2[8] = {0x00, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x01};
    ms_mac_to_eui64_iid(&mac_a, iid);
    cr_assert_arr_eq(iid, want2, 8);
}

Test(eth, broadcast_helpers)
{
    struct ms_mac b;
    ms_mac_broadcast(&b);
    cr_assert(ms_mac_is_broadcast(&b));
    cr_assert_not(ms_mac_is_broadcast(&mac_a));
    char s[64];
    struct ms_eth e = {.dst = b, .src = mac_a, .ethertype = 0x86dd};
    ms_eth_format(&e, s, sizeof s);
    cr_assert_str_eq(s, "02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff type 0x86dd");
}
