/* Unit tests for wire/nd_opt_misc.c: the HMIPv6 MAP option (ND 23, RFC 5380
 * s5 / RFC 4140 s5) and the RFC 5271 s6 options 29 Handover Assist
 * Information and 30 Mobile Node Identifier; and the MAP and NAACK options
 * inside a Router Advertisement (wire/nd.h). */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "wire/err.h"
#include "wire/icmp6.h"
#include "wire/nd.h"
#include "wire/nd_opt.h"

#include "unit/nd_opt_test_util.h"

/* Golden options and an RA, hand-assembled field by field from RFC 5380 s5
 * Figure 3, RFC 5271 s6.1-6.2, RFC 5568 s6.4.6 and RFC 4861 s4.2.  The RA
 * checksum was computed by an independent RFC 1071 implementation (Python)
 * over the RFC 8200 s8.1 pseudo-header; tshark 4.0 reports it "[correct]". */
/* clang-format off */
static const uint8_t g_opt_map[] = {
    0x17, 0x03, 0x1a, 0x80,                          /* MAP: Type 23, Length 3, Dist 1 Pref 10, flags 0x80 */
    0x00, 0x00, 0x0e, 0x10,                          /* Valid Lifetime 3600 */
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x0a, 0x00, 0x00,  /* MAP 2001:db8:a::1 */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
};

static const uint8_t g_opt_map2[] = {
    0x17, 0x03, 0xf0, 0x01,                          /* MAP: Type 23, Length 3, Dist 15 Pref 0, flags 0x01 */
    0x00, 0x00, 0x00, 0x00,                          /* Valid Lifetime 0 */
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x0b, 0x00, 0x00,  /* MAP 2001:db8:b::1 */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
};

static const uint8_t g_opt_hai[] = {
    0x1d, 0x03, 0x02, 0x10,                          /* HAI: Type 29, Length 3, Option-Code 2 (Sector ID), HAI-Length 16 */
    0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,  /* HAI-Value + 4 octets padding */
    0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf,
    0x00, 0x00, 0x00, 0x00,
};

static const uint8_t g_opt_mnid[] = {
    0x1e, 0x03, 0x01, 0x0e,                          /* MN-ID: Type 30, Length 3, Option-Code 1 (NAI), MN ID-Length 14 */
    0x6d, 0x6e, 0x40, 0x65, 0x78, 0x61, 0x6d, 0x70,  /* MN ID "mn@example.com" + 6 octets padding */
    0x6c, 0x65, 0x2e, 0x63, 0x6f, 0x6d, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00,
};

/* fe80::200:ff:fe00:1fe > fe80::200:ff:fe00:1, 64 octets */
static const uint8_t g_ra_map_naack[] = {
    0x86, 0x00, 0x7f, 0x64,                          /* Type 134, Code 0, Checksum 0x7f64 */
    0x40, 0x00, 0x07, 0x08,                          /* Cur Hop Limit 64, flags 0x00, Router Lifetime 1800 */
    0x00, 0x00, 0x00, 0x00,                          /* Reachable Time */
    0x00, 0x00, 0x00, 0x00,                          /* Retrans Timer */
    0x14, 0x03, 0x00, 0x02,                          /* NAACK: Type 20, Length 3, Option-Code 0, Status 2 */
    0x00, 0x00, 0x00, 0x00,                          /* Reserved */
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x02, 0x00, 0x00,  /* NCoA 2001:db8:2::300 */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00,
    0x17, 0x03, 0x1a, 0x80,                          /* MAP: Type 23, Length 3, Dist 1 Pref 10, flags 0x80 */
    0x00, 0x00, 0x0e, 0x10,                          /* Valid Lifetime 3600 */
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x0a, 0x00, 0x00,  /* MAP 2001:db8:a::1 */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
};
/* clang-format on */

Test(nd_opt_misc, golden_map)
{
    struct ms_nd_opts o;
    cr_assert_eq(decode_exact(g_opt_map, sizeof(g_opt_map), &o, NULL), 0);
    cr_assert_eq(o.n_map, 1);
    cr_assert_eq(o.map[0].dist, 1);
    cr_assert_eq(o.map[0].pref, 10);
    cr_assert_eq(o.map[0].flags, MS_MAP_F_R);
    cr_assert_eq(o.map[0].valid_s, 3600u);
    struct in6_addr a = A("2001:db8:a::1");
    cr_assert_arr_eq(o.map[0].addr.s6_addr, a.s6_addr, 16);
    assert_encodes_to(&o, g_opt_map, sizeof(g_opt_map));

    /* The second one: Dist 15, Pref 0, a Reserved bit kept as is, lifetime 0
     * (RFC 5380 s7.1: the MAP has failed). */
    cr_assert_eq(decode_exact(g_opt_map2, sizeof(g_opt_map2), &o, NULL), 0);
    cr_assert_eq(o.map[0].dist, 15);
    cr_assert_eq(o.map[0].pref, 0);
    cr_assert_eq(o.map[0].flags, 0x01);
    cr_assert_eq(o.map[0].valid_s, 0u);
    assert_encodes_to(&o, g_opt_map2, sizeof(g_opt_map2));
}

Test(nd_opt_misc, several_maps)
{
    uint8_t b[24 * (MS_ND_OPTS_MAX_MAP + 1)];
    for (unsigned i = 0; i <= MS_ND_OPTS_MAX_MAP; i++) {
        memcpy(b + 24 * i, i % 2 ? g_opt_map2 : g_opt_map, 24);
        b[24 * i + 23] = (uint8_t)i;
    }
    struct ms_nd_opts o;
    cr_assert_eq(decode_exact(b, 24 * MS_ND_OPTS_MAX_MAP, &o, NULL), 0);
    cr_assert_eq(o.n_map, MS_ND_OPTS_MAX_MAP);
    for (unsigned i = 0; i < MS_ND_OPTS_MAX_MAP; i++)
        cr_assert_eq(o.map[i].addr.s6_addr[15], i);
    assert_encodes_to(&o, b, 24 * MS_ND_OPTS_MAX_MAP);
    cr_assert_eq(decode_exact(b, sizeof(b), &o, NULL), 0);
    cr_assert_eq(o.n_map, MS_ND_OPTS_MAX_MAP);
    cr_assert_eq(o.n_dropped, 1);
}

Test(nd_opt_misc, map_lengths_and_fields)
{
    uint8_t b[40];
    memset(b, 0, sizeof(b));
    memcpy(b, g_opt_map, 24);
    struct ms_nd_opts o;
    for (uint8_t l = 1; l <= 5; l++) {
        if (l == 3)
            continue;
        b[1] = l; /* RFC 5380 s5: "MUST be set to 3" */
        cr_assert_eq(decode_exact(b, (size_t)l * 8, &o, NULL), MS_EBAD_OPTLEN, "len %u", l);
    }
    memset(&o, 0, sizeof(o));
    o.n_map = 1;
    o.map[0].dist = 16; /* a 4-bit field */
    uint8_t buf[64];
    cr_assert_eq(ms_nd_opts_encode(&o, buf, sizeof(buf)), -EINVAL);
    o.map[0].dist = 15;
    o.map[0].pref = 16;
    cr_assert_eq(ms_nd_opts_encode(&o, buf, sizeof(buf)), -EINVAL);
    o.map[0].pref = 15;
    cr_assert_eq(ms_nd_opts_encode(&o, buf, sizeof(buf)), 24);
    cr_assert_eq(buf[2], 0xff);
    o.n_map = MS_ND_OPTS_MAX_MAP + 1;
    cr_assert_eq(ms_nd_opts_encode(&o, buf, sizeof(buf)), -EINVAL);
}

Test(nd_opt_misc, golden_hai)
{
    struct ms_nd_opts o;
    cr_assert_eq(decode_exact(g_opt_hai, sizeof(g_opt_hai), &o, NULL), 0);
    cr_assert_eq(o.n_fmip, 1);
    const struct ms_nd_opt_fmip *e = &o.fmip[0];
    cr_assert_eq(e->type, MS_ND_OPT_HANDOVER_ASSIST);
    cr_assert_eq(e->code, MS_HAI_SECTOR_ID);
    cr_assert_eq(e->len, 16);
    cr_assert_eq(e->u.b[0], 0xa0);
    cr_assert_eq(e->u.b[15], 0xaf);
    assert_encodes_to(&o, g_opt_hai, sizeof(g_opt_hai));
    cr_assert_eq(ms_nd_opts_fmip_check(&o, MS_FMIP_RFC5568), 0u);

    /* Padding is ignored: non-zero padding decodes to the same value. */
    uint8_t b[sizeof(g_opt_hai)];
    memcpy(b, g_opt_hai, sizeof(b));
    memset(b + 20, 0x77, 4);
    cr_assert_eq(decode_exact(b, sizeof(b), &o, NULL), 0);
    assert_encodes_to(&o, g_opt_hai, sizeof(g_opt_hai));

    /* HAI-Length past the option: an inner length error. */
    b[3] = 21;
    cr_assert_eq(decode_exact(b, sizeof(b), &o, NULL), MS_EBAD_LEN);
    b[3] = 20; /* exactly fills Length 3 */
    cr_assert_eq(decode_exact(b, sizeof(b), &o, NULL), 0);
    cr_assert_eq(o.fmip[0].len, 20);

    /* Longer than MS_ND_OPT_HAI_MAX: skipped. */
    uint8_t big[32] = {MS_ND_OPT_HANDOVER_ASSIST, 4, MS_HAI_ANID, 28};
    cr_assert_eq(decode_exact(big, sizeof(big), &o, NULL), 0);
    cr_assert_eq(o.n_fmip, 0);
    cr_assert_eq(o.n_dropped, 1);
    memset(&o, 0, sizeof(o));
    cr_assert_null(ms_nd_opts_add_hai(&o, MS_HAI_ANID, big, MS_ND_OPT_HAI_MAX + 1));
    cr_assert_not_null(ms_nd_opts_add_hai(&o, 9, big, 0));
    cr_assert_eq(ms_nd_opts_fmip_check(&o, MS_FMIP_RFC5568), (uint32_t)MS_FMIP_WARN_OPT_CODE);
    o.fmip[0].len = MS_ND_OPT_HAI_MAX + 1;
    uint8_t buf[64];
    cr_assert_eq(ms_nd_opts_encode(&o, buf, sizeof(buf)), -EINVAL);
}

Test(nd_opt_misc, golden_mnid)
{
    struct ms_nd_opts o;
    cr_assert_eq(decode_exact(g_opt_mnid, sizeof(g_opt_mnid), &o, NULL), 0);
    cr_assert(ms_nd_opts_has(&o, MS_ND_OPT_MN_ID));
    cr_assert_eq(o.mnid.code, MS_ND_MNID_NAI);
    cr_assert_eq(o.mnid.len, 14);
    cr_assert_arr_eq(o.mnid.id, "mn@example.com", 14);
    assert_encodes_to(&o, g_opt_mnid, sizeof(g_opt_mnid));

    uint8_t b[sizeof(g_opt_mnid) * 2];
    memcpy(b, g_opt_mnid, sizeof(g_opt_mnid));
    b[3] = 21; /* MN ID-Length past the option */
    cr_assert_eq(decode_exact(b, sizeof(g_opt_mnid), &o, NULL), MS_EBAD_LEN);
    /* A repeat is skipped. */
    memcpy(b, g_opt_mnid, sizeof(g_opt_mnid));
    memcpy(b + sizeof(g_opt_mnid), g_opt_mnid, sizeof(g_opt_mnid));
    b[sizeof(g_opt_mnid) + 2] = MS_ND_MNID_IMSI;
    cr_assert_eq(decode_exact(b, sizeof(b), &o, NULL), 0);
    cr_assert_eq(o.mnid.code, MS_ND_MNID_NAI);
    cr_assert_eq(o.n_dropped, 1);

    /* An NAI longer than MS_ND_OPT_MNID_MAX is skipped; the encoder refuses. */
    uint8_t big[88] = {MS_ND_OPT_MN_ID, 11, MS_ND_MNID_NAI, MS_ND_OPT_MNID_MAX + 1};
    cr_assert_eq(decode_exact(big, sizeof(big), &o, NULL), 0);
    cr_assert(!ms_nd_opts_has(&o, MS_ND_OPT_MN_ID));
    cr_assert_eq(o.n_dropped, 1);
    big[3] = MS_ND_OPT_MNID_MAX;
    cr_assert_eq(decode_exact(big, sizeof(big), &o, NULL), 0);
    cr_assert_eq(o.mnid.len, MS_ND_OPT_MNID_MAX);
    o.mnid.len = MS_ND_OPT_MNID_MAX + 1;
    uint8_t buf[128];
    cr_assert_eq(ms_nd_opts_encode(&o, buf, sizeof(buf)), -EINVAL);
    o.mnid.len = 3;
    o.mnid.code = 3; /* neither NAI nor IMSI */
    cr_assert_eq(ms_nd_opts_fmip_check(&o, MS_FMIP_RFC5568), (uint32_t)MS_FMIP_WARN_OPT_CODE);
}

Test(nd_opt_misc, truncation_and_zero_lengths)
{
    uint8_t b[256];
    size_t n = 0;
    memcpy(b + n, g_opt_map, sizeof(g_opt_map));
    n += sizeof(g_opt_map);
    memcpy(b + n, g_opt_hai, sizeof(g_opt_hai));
    n += sizeof(g_opt_hai);
    memcpy(b + n, g_opt_mnid, sizeof(g_opt_mnid));
    n += sizeof(g_opt_mnid);
    memcpy(b + n, g_opt_map2, sizeof(g_opt_map2));
    n += sizeof(g_opt_map2);
    assert_truncations(b, n, NULL);
    assert_zero_and_huge_lengths(b, n, NULL);
    struct ms_nd_opts o;
    cr_assert_eq(decode_exact(b, n, &o, NULL), 0);
    /* Encode order: MN-ID, fmip[] (the HAI), then the MAPs. */
    uint8_t buf[256];
    cr_assert_eq(ms_nd_opts_encode(&o, buf, sizeof(buf)), (int)n);
    cr_assert_arr_eq(buf, g_opt_mnid, sizeof(g_opt_mnid));
    char line[512];
    ms_nd_opts_format(&o, line, sizeof(line));
    cr_assert_not_null(strstr(line, " map=2001:db8:a::1,dist=1,pref=10,R,v=3600"), "%s", line);
    cr_assert_not_null(strstr(line, " mnid1=mn@example.com"), "%s", line);
    cr_assert_not_null(strstr(line, " hai2=a0:a1"), "%s", line);
}

/* RFC 5380 s5 / RFC 5568 s6.4.6: the MAP and NAACK options ride in an RA. */
Test(nd_opt_misc, golden_ra_with_map_and_naack)
{
    struct in6_addr s = A("fe80::200:ff:fe00:1fe"), d = A("fe80::200:ff:fe00:1");
    cr_assert_eq(ms_icmp6_verify_cksum(g_ra_map_naack, sizeof(g_ra_map_naack), &s, &d), 0);
    uint8_t *p = dup_exact(g_ra_map_naack, sizeof(g_ra_map_naack));
    struct ms_nd m;
    cr_assert_eq(ms_nd_decode(p, sizeof(g_ra_map_naack), &m), 0);
    free(p);
    cr_assert_eq(m.type, MS_ICMP6_RA);
    cr_assert_eq(m.u.ra.router_lifetime_s, 1800);
    cr_assert_eq(m.opts.n_map, 1);
    cr_assert_eq(m.opts.map[0].pref, 10);
    cr_assert(ms_nd_opts_has(&m.opts, MS_ND_OPT_NAACK));
    cr_assert_eq(m.opts.naack.status, MS_NAACK_NCOA_INVALID_USE_SUPPLIED);
    struct in6_addr ncoa = A("2001:db8:2::300");
    cr_assert_arr_eq(m.opts.naack.ncoa.s6_addr, ncoa.s6_addr, 16);
    cr_assert_eq(ms_nd_validate(&m, 255, &s, &d), 0);
    uint8_t buf[128];
    cr_assert_eq(ms_nd_len(&m), sizeof(g_ra_map_naack));
    cr_assert_eq(ms_nd_encode(&m, &s, &d, buf, sizeof(buf)), (int)sizeof(g_ra_map_naack));
    cr_assert_arr_eq(buf, g_ra_map_naack, sizeof(g_ra_map_naack));
}

Test(nd_opt_misc, struct_sizes_stay_small)
{
    /* nd_opt.h "Size": the stack keeps one struct ms_nd per packet on its
     * stack; the SEND payloads live apart. */
    cr_assert_leq(sizeof(struct ms_nd), 4096u, "sizeof(struct ms_nd) = %zu", sizeof(struct ms_nd));
    cr_assert_leq(sizeof(struct ms_nd_opts), 2048u, "sizeof(struct ms_nd_opts) = %zu",
                  sizeof(struct ms_nd_opts));
    cr_assert_geq(sizeof(struct ms_nd_sec), MS_ND_SEC_KEY_MAX * 2 + MS_ND_SEC_SIG_MAX);
}
