/* Unit tests for wire/nd_opt_fmip.c: FMIPv6 ND options 17 IP Address/Prefix
 * (RFC 5568 s6.4.1, RFC 4068 s6.4.1), 18 New Router Prefix Information (RFC
 * 4068 s6.4.2), 19 Link-Layer Address (RFC 5568 s6.4.3), 20 NAACK (RFC 5568
 * s6.4.6, RFC 4068 s6.4.5), and their per-variant check. */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "wire/err.h"
#include "wire/nd_opt.h"

#include "unit/nd_opt_test_util.h"

/* Golden options, hand-assembled field by field from the RFC figures named
 * in each array's comments. */
/* clang-format off */
static const uint8_t g_opt_ip3[] = {
    0x11, 0x03, 0x03, 0x80,                          /* Type 17, Length 3, Option-Code 3 (NAR's IP address), Prefix Length 128 */
    0x00, 0x00, 0x00, 0x00,                          /* Reserved */
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x02, 0x00, 0x00,  /* 2001:db8:2::1 */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
};

static const uint8_t g_opt_ip4[] = {
    0x11, 0x03, 0x04, 0x40,                          /* Type 17, Length 3, Option-Code 4 (NAR's prefix), Prefix Length 64 */
    0x00, 0x00, 0x00, 0x00,                          /* Reserved */
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x02, 0x00, 0x00,  /* 2001:db8:2:: */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

static const uint8_t g_opt_nrpi[] = {
    0x12, 0x03, 0x00, 0x30,                          /* Type 18, Length 3, Option-Code 0 (New Router Prefix), Prefix Length 48 */
    0x00, 0x00, 0x00, 0x00,                          /* Reserved */
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x02, 0x00, 0x00,  /* 2001:db8:2:: */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

static const uint8_t g_opt_lla_eth[] = {
    0x13, 0x02, 0x02,                                /* LLA: Type 19, Length 2, Option-Code 2 (MN) */
    0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,  /* LLA 02:00:00:00:00:01 + 7 octets padding */
    0x00, 0x00, 0x00, 0x00, 0x00,
};

static const uint8_t g_opt_lla_wild[] = {
    0x13, 0x01, 0x00,                                /* LLA: Type 19, Length 1, Option-Code 0 (wildcard) */
    0x00, 0x00, 0x00, 0x00, 0x00,                    /* LLA (none) + 5 octets padding */
};

static const uint8_t g_opt_naack1[] = {
    0x14, 0x01, 0x00, 0x01,                          /* NAACK: Type 20, Length 1, Option-Code 0, Status 1 */
    0x00, 0x00, 0x00, 0x00,                          /* Reserved */
};

static const uint8_t g_opt_naack3[] = {
    0x14, 0x03, 0x00, 0x02,                          /* NAACK: Type 20, Length 3, Option-Code 0, Status 2 */
    0x00, 0x00, 0x00, 0x00,                          /* Reserved */
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x02, 0x00, 0x00,  /* NCoA 2001:db8:2::300 */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00,
};
/* clang-format on */

Test(nd_opt_fmip, golden_ip_address_options)
{
    struct ms_nd_opts o;
    struct in6_addr nar = A("2001:db8:2::1"), pfx = A("2001:db8:2::");
    cr_assert_eq(decode_exact(g_opt_ip3, sizeof(g_opt_ip3), &o, NULL), 0);
    cr_assert_eq(o.n_fmip, 1);
    cr_assert_eq(o.fmip[0].type, MS_ND_OPT_IP_ADDR_PREFIX);
    cr_assert_eq(o.fmip[0].code, MS_IPADDR_NAR_ADDR);
    cr_assert_eq(o.fmip[0].prefix_len, 128);
    cr_assert_arr_eq(o.fmip[0].u.addr.s6_addr, nar.s6_addr, 16);
    assert_encodes_to(&o, g_opt_ip3, sizeof(g_opt_ip3));

    cr_assert_eq(decode_exact(g_opt_ip4, sizeof(g_opt_ip4), &o, NULL), 0);
    cr_assert_eq(o.fmip[0].code, MS_IPADDR_NAR_PREFIX);
    cr_assert_eq(o.fmip[0].prefix_len, 64);
    cr_assert_arr_eq(o.fmip[0].u.addr.s6_addr, pfx.s6_addr, 16);
    assert_encodes_to(&o, g_opt_ip4, sizeof(g_opt_ip4));

    cr_assert_eq(decode_exact(g_opt_nrpi, sizeof(g_opt_nrpi), &o, NULL), 0);
    cr_assert_eq(o.fmip[0].type, MS_ND_OPT_NEW_ROUTER_PREFIX);
    cr_assert_eq(o.fmip[0].code, 0);
    cr_assert_eq(o.fmip[0].prefix_len, 48);
    cr_assert_arr_eq(o.fmip[0].u.addr.s6_addr, pfx.s6_addr, 16);
    assert_encodes_to(&o, g_opt_nrpi, sizeof(g_opt_nrpi));

    /* Reserved is ignored on receive and zero on send. */
    uint8_t b[sizeof(g_opt_ip3)];
    memcpy(b, g_opt_ip3, sizeof(b));
    memset(b + 4, 0xee, 4);
    cr_assert_eq(decode_exact(b, sizeof(b), &o, NULL), 0);
    assert_encodes_to(&o, g_opt_ip3, sizeof(g_opt_ip3));
}

Test(nd_opt_fmip, golden_lla_options)
{
    struct ms_nd_opts o;
    cr_assert_eq(decode_exact(g_opt_lla_eth, sizeof(g_opt_lla_eth), &o, NULL), 0);
    cr_assert_eq(o.n_fmip, 1);
    cr_assert_eq(o.fmip[0].type, MS_ND_OPT_LLA);
    cr_assert_eq(o.fmip[0].code, MS_LLA_MN);
    cr_assert_eq(o.fmip[0].len, 13);
    struct ms_mac mac;
    cr_assert_eq(ms_nd_opt_fmip_mac(&o.fmip[0], &mac), 0);
    const uint8_t want[6] = {2, 0, 0, 0, 0, 1};
    cr_assert_arr_eq(mac.b, want, 6);
    assert_encodes_to(&o, g_opt_lla_eth, sizeof(g_opt_lla_eth));

    /* The same octets from a 6-octet address: the encoder pads. */
    struct ms_nd_opts e;
    memset(&e, 0, sizeof(e));
    cr_assert_not_null(ms_nd_opts_add_lla(&e, MS_LLA_MN, want, 6));
    assert_encodes_to(&e, g_opt_lla_eth, sizeof(g_opt_lla_eth));

    /* Wildcard (Option-Code 0) with no address: Length 1. */
    cr_assert_eq(decode_exact(g_opt_lla_wild, sizeof(g_opt_lla_wild), &o, NULL), 0);
    cr_assert_eq(o.fmip[0].code, MS_LLA_WILDCARD);
    cr_assert_eq(o.fmip[0].len, 5);
    cr_assert_eq(ms_nd_opt_fmip_mac(&o.fmip[0], &mac), MS_EBAD_LEN);
    memset(&e, 0, sizeof(e));
    cr_assert_not_null(ms_nd_opts_add_lla(&e, MS_LLA_WILDCARD, NULL, 0));
    assert_encodes_to(&e, g_opt_lla_wild, sizeof(g_opt_lla_wild));
    cr_assert_eq(ms_nd_opt_fmip_mac(&e.fmip[0], &mac), MS_EBAD_LEN);

    /* An EUI-64 (8 octets) fits in Length 2 as well; 14 octets need 3. */
    const uint8_t eui[14] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
    memset(&e, 0, sizeof(e));
    ms_nd_opts_add_lla(&e, MS_LLA_NEW_AP, eui, 8);
    ms_nd_opts_add_lla(&e, MS_LLA_NEW_AP, eui, 14);
    uint8_t buf[64];
    cr_assert_eq(ms_nd_opts_encode(&e, buf, sizeof(buf)), 16 + 24);
    cr_assert_eq(buf[1], 2);
    cr_assert_eq(buf[16 + 1], 3);
    cr_assert_eq(decode_exact(buf, 40, &o, NULL), 0);
    cr_assert_eq(o.fmip[1].len, 21);
    cr_assert_arr_eq(o.fmip[1].u.b, eui, 14);
}

Test(nd_opt_fmip, lla_bound)
{
    /* Length 4 leaves 29 octets, more than MS_ND_OPT_LLA_MAX: skipped. */
    uint8_t b[32 + 8];
    memset(b, 0, sizeof(b));
    b[0] = MS_ND_OPT_LLA;
    b[1] = 4;
    memcpy(b + 32, g_opt_naack1, 8);
    struct ms_nd_opts o;
    cr_assert_eq(decode_exact(b, sizeof(b), &o, NULL), 0);
    cr_assert_eq(o.n_fmip, 0);
    cr_assert_eq(o.n_dropped, 1);
    cr_assert(ms_nd_opts_has(&o, MS_ND_OPT_NAACK));
    /* And the encoder refuses what it could not decode. */
    memset(&o, 0, sizeof(o));
    uint8_t lla[32] = {0};
    cr_assert_null(ms_nd_opts_add_lla(&o, 1, lla, MS_ND_OPT_LLA_MAX + 1));
    cr_assert_not_null(ms_nd_opts_add_lla(&o, 1, lla, MS_ND_OPT_LLA_MAX));
    o.fmip[0].len = MS_ND_OPT_LLA_MAX + 1;
    uint8_t buf[64];
    cr_assert_eq(ms_nd_opts_encode(&o, buf, sizeof(buf)), -EINVAL);
}

Test(nd_opt_fmip, golden_naack)
{
    struct ms_nd_opts o;
    cr_assert_eq(decode_exact(g_opt_naack1, sizeof(g_opt_naack1), &o, NULL), 0);
    cr_assert(ms_nd_opts_has(&o, MS_ND_OPT_NAACK));
    cr_assert_eq(o.naack.status, MS_NAACK_NCOA_INVALID);
    cr_assert(!o.naack.has_ncoa);
    assert_encodes_to(&o, g_opt_naack1, sizeof(g_opt_naack1));

    /* RFC 5568 s6.4.6: Length 3, the NCoA right after Reserved. */
    cr_assert_eq(decode_exact(g_opt_naack3, sizeof(g_opt_naack3), &o, NULL), 0);
    cr_assert_eq(o.naack.status, MS_NAACK_NCOA_INVALID_USE_SUPPLIED);
    cr_assert(o.naack.has_ncoa);
    struct in6_addr want = A("2001:db8:2::300");
    cr_assert_arr_eq(o.naack.ncoa.s6_addr, want.s6_addr, 16);
    assert_encodes_to(&o, g_opt_naack3, sizeof(g_opt_naack3));
    cr_assert_eq(ms_nd_opts_fmip_check(&o, MS_FMIP_RFC5568), 0u);
    cr_assert_eq(ms_nd_opts_fmip_check(&o, MS_FMIP_RFC4068), 0u);

    /* Lengths 2 and 4 are neither form. */
    uint8_t b[32];
    memset(b, 0, sizeof(b));
    memcpy(b, g_opt_naack3, sizeof(g_opt_naack3));
    b[1] = 2;
    cr_assert_eq(decode_exact(b, 16, &o, NULL), MS_EBAD_OPTLEN);
    b[1] = 4;
    cr_assert_eq(decode_exact(b, 32, &o, NULL), MS_EBAD_OPTLEN);

    /* A repeat is skipped (the first one wins). */
    memcpy(b, g_opt_naack1, 8);
    memcpy(b + 8, g_opt_naack1, 8);
    b[8 + 3] = MS_NAACK_LLA_UNRECOGNIZED;
    cr_assert_eq(decode_exact(b, 16, &o, NULL), 0);
    cr_assert_eq(o.naack.status, MS_NAACK_NCOA_INVALID);
    cr_assert_eq(o.n_dropped, 1);
}

Test(nd_opt_fmip, fixed_lengths)
{
    const uint8_t *gs[] = {g_opt_ip3, g_opt_ip4, g_opt_nrpi};
    for (unsigned i = 0; i < 3; i++) {
        uint8_t b[40];
        memset(b, 0, sizeof(b));
        memcpy(b, gs[i], 24);
        struct ms_nd_opts o;
        for (uint8_t l = 1; l <= 5; l++) {
            if (l == 3)
                continue;
            b[1] = l;
            cr_assert_eq(decode_exact(b, (size_t)l * 8, &o, NULL), MS_EBAD_OPTLEN, "type %u len %u",
                         gs[i][0], l);
        }
    }
}

/* A PrRtAdv-like list: two [AP-ID, AR-Info] tuples, in wire order. */
static size_t
tuples(uint8_t *b)
{
    size_t n = 0;
    for (int t = 0; t < 2; t++) {
        memcpy(b + n, g_opt_lla_eth, 16);
        b[n + 2] = MS_LLA_NEW_AP;
        b[n + 8] = (uint8_t)(0xa0 + t);
        n += 16;
        memcpy(b + n, g_opt_lla_eth, 16);
        b[n + 2] = MS_LLA_NAR;
        n += 16;
        memcpy(b + n, g_opt_ip3, 24);
        b[n + 23] = (uint8_t)(0x10 + t);
        n += 24;
        memcpy(b + n, g_opt_ip4, 24);
        n += 24;
    }
    memcpy(b + n, g_opt_naack3, sizeof(g_opt_naack3));
    n += sizeof(g_opt_naack3);
    return n;
}

Test(nd_opt_fmip, tuples_keep_wire_order)
{
    uint8_t b[256];
    size_t n = tuples(b);
    struct ms_nd_opts o;
    cr_assert_eq(decode_exact(b, n, &o, NULL), 0);
    cr_assert_eq(o.n_fmip, 8);
    unsigned from = 0;
    for (int t = 0; t < 2; t++) {
        const struct ms_nd_opt_fmip *ap =
            ms_nd_opts_find_fmip(&o, MS_ND_OPT_LLA, MS_LLA_NEW_AP, &from);
        cr_assert_not_null(ap);
        cr_assert_eq(ap->u.b[5], 0xa0 + t);
        const struct ms_nd_opt_fmip *ip =
            ms_nd_opts_find_fmip(&o, MS_ND_OPT_IP_ADDR_PREFIX, MS_IPADDR_NAR_ADDR, &from);
        cr_assert_eq(ip->u.addr.s6_addr[15], 0x10 + t);
    }
    cr_assert_null(ms_nd_opts_find_fmip(&o, MS_ND_OPT_LLA, MS_LLA_NEW_AP, &from));
    assert_encodes_to(&o, b, n);
}

Test(nd_opt_fmip, array_bound)
{
    uint8_t b[(MS_ND_OPTS_MAX_FMIP + 2) * 24];
    for (unsigned i = 0; i < MS_ND_OPTS_MAX_FMIP + 2; i++)
        memcpy(b + 24 * i, g_opt_ip3, 24);
    struct ms_nd_opts o;
    cr_assert_eq(decode_exact(b, sizeof(b), &o, NULL), 0);
    cr_assert_eq(o.n_fmip, MS_ND_OPTS_MAX_FMIP);
    cr_assert_eq(o.n_dropped, 2);
    struct in6_addr a = A("::1");
    cr_assert_null(ms_nd_opts_add_ipaddr(&o, MS_ND_OPT_IP_ADDR_PREFIX, 1, 128, &a));
    o.n_fmip = MS_ND_OPTS_MAX_FMIP + 1;
    uint8_t buf[1024];
    cr_assert_eq(ms_nd_opts_encode(&o, buf, sizeof(buf)), -EINVAL);
    memset(&o, 0, sizeof(o));
    cr_assert_null(ms_nd_opts_add_ipaddr(&o, MS_ND_OPT_LLA, 1, 128, &a));
}

Test(nd_opt_fmip, truncation_and_zero_lengths)
{
    uint8_t b[256];
    size_t n = tuples(b);
    assert_truncations(b, n, NULL);
    assert_zero_and_huge_lengths(b, n, NULL);
}

Test(nd_opt_fmip, variant_check)
{
    struct ms_nd_opts o;
    struct in6_addr a = A("2001:db8::");
    const enum ms_fmip_variant all[] = {MS_FMIP_RFC5568, MS_FMIP_RFC5268, MS_FMIP_RFC4068};
    /* 17: codes 1-3 everywhere, 4 only after RFC 4068, others nowhere. */
    for (unsigned c = 0; c < 8; c++) {
        for (unsigned v = 0; v < 3; v++) {
            memset(&o, 0, sizeof(o));
            ms_nd_opts_add_ipaddr(&o, MS_ND_OPT_IP_ADDR_PREFIX, (uint8_t)c, 64, &a);
            bool ok = c >= 1 && c <= 3 ? true : c == 4 ? all[v] != MS_FMIP_RFC4068 : false;
            cr_assert_eq(ms_nd_opts_fmip_check(&o, all[v]),
                         ok ? 0u : (uint32_t)MS_FMIP_WARN_IPADDR_CODE, "code %u variant %u", c, v);
        }
    }
    /* 18: RFC 4068 only, Option-Code 0. */
    memset(&o, 0, sizeof(o));
    ms_nd_opts_add_ipaddr(&o, MS_ND_OPT_NEW_ROUTER_PREFIX, 0, 64, &a);
    cr_assert_eq(ms_nd_opts_fmip_check(&o, MS_FMIP_RFC4068), 0u);
    cr_assert_eq(ms_nd_opts_fmip_check(&o, MS_FMIP_RFC5268), (uint32_t)MS_FMIP_WARN_OPT18);
    cr_assert_eq(ms_nd_opts_fmip_check(&o, MS_FMIP_RFC5568), (uint32_t)MS_FMIP_WARN_OPT18);
    o.fmip[0].code = 1;
    cr_assert_eq(ms_nd_opts_fmip_check(&o, MS_FMIP_RFC4068), (uint32_t)MS_FMIP_WARN_IPADDR_CODE);
    /* 19: codes 0-7 in every generation. */
    for (unsigned c = 0; c < 10; c++) {
        memset(&o, 0, sizeof(o));
        ms_nd_opts_add_lla(&o, (uint8_t)c, NULL, 0);
        for (unsigned v = 0; v < 3; v++)
            cr_assert_eq(ms_nd_opts_fmip_check(&o, all[v]),
                         c <= 7 ? 0u : (uint32_t)MS_FMIP_WARN_LLA_CODE);
    }
    /* 20: Status 3 and 4 are new in RFC 5268/5568. */
    const struct {
        uint8_t status;
        bool in4068, in5568;
    } st[] = {{0, false, false}, {1, true, true},   {2, true, true},   {3, false, true},
              {4, false, true},  {5, false, false}, {128, true, true}, {129, false, false}};
    for (unsigned i = 0; i < sizeof(st) / sizeof(st[0]); i++) {
        memset(&o, 0, sizeof(o));
        ms_nd_opts_set(&o, MS_ND_OPT_NAACK);
        o.naack.status = st[i].status;
        o.naack.has_ncoa = true;
        cr_assert_eq(ms_nd_opts_fmip_check(&o, MS_FMIP_RFC4068),
                     st[i].in4068 ? 0u : (uint32_t)MS_FMIP_WARN_NAACK_STATUS, "status %u",
                     st[i].status);
        cr_assert_eq(ms_nd_opts_fmip_check(&o, MS_FMIP_RFC5568),
                     st[i].in5568 ? 0u : (uint32_t)MS_FMIP_WARN_NAACK_STATUS);
        cr_assert_eq(ms_nd_naack_status_name(MS_FMIP_RFC4068, st[i].status) != NULL, st[i].in4068);
        cr_assert_eq(ms_nd_naack_status_name(MS_FMIP_RFC5268, st[i].status) != NULL, st[i].in5568);
    }
    cr_assert_str_eq(ms_nd_naack_status_name(MS_FMIP_RFC4068, 2),
                     "New CoA is invalid, use the supplied CoA");
    cr_assert_str_eq(ms_nd_naack_status_name(MS_FMIP_RFC5568, 3),
                     "NCoA is invalid, use NAR's IP address as NCoA");
    /* Status 2 needs an NCoA: inside the option or as a New CoA option 17. */
    memset(&o, 0, sizeof(o));
    ms_nd_opts_set(&o, MS_ND_OPT_NAACK);
    o.naack.status = MS_NAACK_NCOA_INVALID_USE_SUPPLIED;
    cr_assert_eq(ms_nd_opts_fmip_check(&o, MS_FMIP_RFC5568), (uint32_t)MS_FMIP_WARN_NAACK_NCOA);
    ms_nd_opts_add_ipaddr(&o, MS_ND_OPT_IP_ADDR_PREFIX, MS_IPADDR_NEW_COA, 128, &a);
    cr_assert_eq(ms_nd_opts_fmip_check(&o, MS_FMIP_RFC5568), 0u);
    o.naack.code = 1;
    cr_assert_eq(ms_nd_opts_fmip_check(&o, MS_FMIP_RFC5568), (uint32_t)MS_FMIP_WARN_OPT_CODE);
}

Test(nd_opt_fmip, format)
{
    uint8_t b[256];
    size_t n = tuples(b);
    struct ms_nd_opts o;
    cr_assert_eq(decode_exact(b, n, &o, NULL), 0);
    char buf[1024];
    int w = ms_nd_opts_format(&o, buf, sizeof(buf));
    cr_assert_eq((size_t)w, strlen(buf));
    cr_assert_not_null(strstr(buf, " lla1=02:00:00:00:00:a0:00"), "%s", buf);
    cr_assert_not_null(strstr(buf, " ip3=2001:db8:2::10/128"), "%s", buf);
    cr_assert_not_null(strstr(buf, " naack=2,ncoa=2001:db8:2::300"), "%s", buf);
}
