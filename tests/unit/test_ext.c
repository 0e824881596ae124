/* Unit tests for mipsim/wire/ext.{h,c}: options, HAO, routing headers,
 * fragment header and the chain walker. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "wire/codepoints.h"
#include "wire/err.h"
#include "wire/ext.h"
#include "wire/ipv6.h"
#include "wire/udp.h"

static struct in6_addr
A(const char *s) {
    struct in6_addr a;
    cr_assert_eq(ms_in6_parse(s, &a), 0, "%s", s);
    return a;
}

/* 2001:db8:aa::10 as bytes, for hand-assembled goldens. */
#define HOA_BYTES 0x20, 0x01, 0x0d, 0xb8, 0x00, 0xaa, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10

/* Runs the walker on an exact-size heap copy so ASan sees overreads. */
static int
walk(const uint8_t *p, size_t n, uint8_t nh, struct ms_ext_info *out)
{
    uint8_t *c = malloc(n ? n : 1);
    memcpy(c, p, n);
    int rc = ms_ext_walk(c, n, nh, out);
    free(c);
    return rc;
}

/* ---- option actions ---- */

/* RFC 8200 s4.2: the two high-order bits. */
Test(ext, opt_action_bits)
{
    cr_assert_eq(ms_ext_opt_action(0x1e), MS_EXT_OPT_SKIP);
    cr_assert_eq(ms_ext_opt_action(0x5e), MS_EXT_OPT_DISCARD);
    cr_assert_eq(ms_ext_opt_action(0x9e), MS_EXT_OPT_DISCARD_ICMP);
    cr_assert_eq(ms_ext_opt_action(0xde), MS_EXT_OPT_DISCARD_ICMP_UCAST);
    cr_assert_eq(ms_ext_opt_action(MS_IP6OPT_HOME_ADDRESS), MS_EXT_OPT_DISCARD_ICMP_UCAST);
    cr_assert(ms_ext_opt_may_change(0x3e));
    cr_assert_not(ms_ext_opt_may_change(MS_IP6OPT_HOME_ADDRESS)); /* "110" */
}

/* ---- Home Address option ---- */

/* Golden: RFC 6275 s6.3 diagram, Option Type 201 = 0xC9, Length 16. */
Test(ext, hao_golden)
{
    static const uint8_t golden[18] = {0xc9, 0x10, HOA_BYTES};
    struct in6_addr hoa = A("2001:db8:aa::10"), d;
    uint8_t buf[18];
    cr_assert_eq(ms_ext_hao_encode(&hoa, buf, sizeof buf), 18);
    cr_assert_arr_eq(buf, golden, 18);
    cr_assert_eq(ms_ext_hao_decode(golden, 18, &d), 0);
    cr_assert(ms_in6_equal(&d, &hoa));
    cr_assert_eq(ms_ext_hao_encode(&hoa, buf, 17), -EMSGSIZE);
    for (size_t n = 0; n < 18; n++)
        cr_assert_eq(ms_ext_hao_decode(golden, n, &d), MS_ETRUNC, "prefix %zu", n);
    uint8_t bad[18];
    memcpy(bad, golden, 18);
    bad[1] = 0;
    cr_assert_eq(ms_ext_hao_decode(bad, 18, &d), MS_EBAD_OPTLEN);
    bad[1] = 17;
    cr_assert_eq(ms_ext_hao_decode(bad, 18, &d), MS_EBAD_OPTLEN);
    bad[1] = 16;
    bad[0] = 0xc8;
    cr_assert_eq(ms_ext_hao_decode(bad, 18, &d), MS_EUNKNOWN_TYPE);
}

/* Golden: Destination Options header (RFC 8200 s4.6) holding the HAO at
 * 8n+6 (RFC 6275 s6.3): NH, Hdr Ext Len 2, PadN with 2 zero octets, HAO. */
/* clang-format off */
static const uint8_t dstopt_hao_golden[24] = {MS_IPPROTO_MH, 0x02, 0x01, 0x02, 0x00, 0x00,
                                              0xc9, 0x10, HOA_BYTES};
/* clang-format on */

Test(ext, dstopt_hao_golden)
{
    struct in6_addr hoa = A("2001:db8:aa::10");
    uint8_t buf[24];
    cr_assert_eq(ms_ext_dstopt_hao_encode(&hoa, MS_IPPROTO_MH, buf, sizeof buf), 24);
    cr_assert_arr_eq(buf, dstopt_hao_golden, 24);
    cr_assert_eq(ms_ext_dstopt_hao_encode(&hoa, MS_IPPROTO_MH, buf, 23), -EMSGSIZE);
    struct ms_ext_opthdr h;
    cr_assert_eq(ms_ext_opthdr_decode(buf, 24, &h), 0);
    cr_assert_eq(h.nh, MS_IPPROTO_MH);
    cr_assert_eq(h.nopts, 1);
    cr_assert_eq(h.opts[0].type, MS_IP6OPT_HOME_ADDRESS);
    cr_assert_eq(h.opts[0].len, 16);
    cr_assert_arr_eq(h.opts[0].data, hoa.s6_addr, 16);
    /* Re-encoding the decoded header gives the same bytes. */
    uint8_t again[24];
    cr_assert_eq(ms_ext_opthdr_len(&h), 24);
    cr_assert_eq(ms_ext_opthdr_encode(&h, again, sizeof again), 24);
    cr_assert_arr_eq(again, dstopt_hao_golden, 24);
}

/* ---- options header ---- */

static struct ms_ext_opthdr
sample_opthdr(void)
{
    struct ms_ext_opthdr h;
    memset(&h, 0, sizeof h);
    h.nh = MS_IPPROTO_UDP;
    h.nopts = 3;
    h.opts[0].type = 0x1e; /* unknown, skip */
    h.opts[0].len = 3;
    memcpy(h.opts[0].data, "abc", 3);
    h.opts[1].type = MS_IP6OPT_HOME_ADDRESS;
    h.opts[1].len = 16;
    struct in6_addr hoa = A("2001:db8:aa::10");
    memcpy(h.opts[1].data, hoa.s6_addr, 16);
    h.opts[2].type = 0x3f; /* zero-length option data is legal */
    h.opts[2].len = 0;
    return h;
}

Test(ext, opthdr_roundtrip_alignment)
{
    struct ms_ext_opthdr in = sample_opthdr(), out;
    uint8_t buf[64];
    int n = ms_ext_opthdr_encode(&in, buf, sizeof buf);
    cr_assert_gt(n, 0);
    cr_assert_eq(n % 8, 0);
    cr_assert_eq((size_t)n, ms_ext_opthdr_len(&in));
    cr_assert_eq(buf[1], n / 8 - 1);
    /* The HAO sits at 8n+6. */
    size_t at = 0;
    for (size_t i = 2; i < (size_t)n; i++)
        if (buf[i] == 0xc9 && buf[i + 1] == 16) {
            at = i;
            break;
        }
    cr_assert_eq(at % 8, 6);
    cr_assert_eq(ms_ext_opthdr_decode(buf, (size_t)n, &out), 0);
    cr_assert_eq(out.nopts, 3);
    cr_assert_eq(memcmp(&in, &out, sizeof in), 0);
    cr_assert_eq(ms_ext_opthdr_encode(&in, buf, (size_t)n - 1), -EMSGSIZE);
}

Test(ext, opthdr_empty)
{
    struct ms_ext_opthdr in = {.nh = MS_IPPROTO_NONE, .nopts = 0}, out;
    uint8_t buf[8];
    cr_assert_eq(ms_ext_opthdr_encode(&in, buf, sizeof buf), 8);
    static const uint8_t want[8] = {59, 0, 1, 4, 0, 0, 0, 0}; /* PadN of 6 */
    cr_assert_arr_eq(buf, want, 8);
    cr_assert_eq(ms_ext_opthdr_decode(buf, 8, &out), 0);
    cr_assert_eq(out.nopts, 0);
}

Test(ext, opthdr_encode_rejects)
{
    struct ms_ext_opthdr in = sample_opthdr();
    uint8_t buf[64];
    in.opts[1].len = 15;
    cr_assert_eq(ms_ext_opthdr_encode(&in, buf, sizeof buf), MS_EBAD_OPTLEN);
    cr_assert_eq(ms_ext_opthdr_len(&in), 0);
    in = sample_opthdr();
    in.opts[0].type = MS_IP6OPT_PADN;
    cr_assert_eq(ms_ext_opthdr_encode(&in, buf, sizeof buf), MS_EBAD_FIELD);
    in = sample_opthdr();
    in.nopts = MS_EXT_OPTS_MAX + 1;
    cr_assert_eq(ms_ext_opthdr_encode(&in, buf, sizeof buf), MS_EBAD_LEN);
}

Test(ext, opthdr_truncation_every_prefix)
{
    struct ms_ext_opthdr in = sample_opthdr(), out;
    uint8_t buf[64];
    int n = ms_ext_opthdr_encode(&in, buf, sizeof buf);
    for (int k = 0; k < n; k++) {
        uint8_t *p = malloc(k ? (size_t)k : 1);
        memcpy(p, buf, (size_t)k);
        cr_assert_eq(ms_ext_opthdr_decode(p, (size_t)k, &out), MS_ETRUNC, "prefix %d", k);
        free(p);
    }
}

Test(ext, opthdr_corrupted_lengths)
{
    struct ms_ext_opthdr out;
    /* Hdr Ext Len says 16 octets, 8 present. */
    uint8_t a[8] = {17, 1, 1, 4, 0, 0, 0, 0};
    cr_assert_eq(ms_ext_opthdr_decode(a, 8, &out), MS_ETRUNC);
    /* Option length crosses the header end. */
    uint8_t b[8] = {17, 0, 0x1e, 5, 0, 0, 0, 0};
    cr_assert_eq(ms_ext_opthdr_decode(b, 8, &out), MS_EOPT_OVERRUN);
    /* Option type in the last octet: no room for its length. */
    uint8_t c[8] = {17, 0, 1, 3, 0, 0, 0, 0x1e};
    cr_assert_eq(ms_ext_opthdr_decode(c, 8, &out), MS_EOPT_OVERRUN);
    /* PadN with non-zero data. */
    uint8_t d[8] = {17, 0, 1, 4, 0, 0, 7, 0};
    cr_assert_eq(ms_ext_opthdr_decode(d, 8, &out), MS_EBAD_PAD);
    /* Eight octets of padding in a row (Pad1 x 6 + PadN of 2 + ...). */
    uint8_t e[16] = {17, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    cr_assert_eq(ms_ext_opthdr_decode(e, 16, &out), MS_EBAD_PAD);
    /* Zero-length options: Pad1 x 6 fine; PadN with len 0 fine. */
    uint8_t f[8] = {17, 0, 0, 0, 1, 0, 0, 0};
    cr_assert_eq(ms_ext_opthdr_decode(f, 8, &out), 0);
    /* HAO with length 15 / 17 / 0, misaligned, twice. */
    uint8_t g[24];
    memcpy(g, dstopt_hao_golden, 24);
    g[7] = 15;
    cr_assert_eq(ms_ext_opthdr_decode(g, 24, &out), MS_EBAD_OPTLEN);
    g[7] = 0;
    cr_assert_eq(ms_ext_opthdr_decode(g, 24, &out), MS_EBAD_OPTLEN);
    g[7] = 17;
    cr_assert_eq(ms_ext_opthdr_decode(g, 24, &out), MS_EOPT_OVERRUN);
    uint8_t h[24] = {17, 2, 1, 1, 0, 0xc9, 16, HOA_BYTES, 0}; /* HAO at 5 */
    cr_assert_eq(ms_ext_opthdr_decode(h, 24, &out), MS_EBAD_ALIGN);
    uint8_t two[48] = {17, 5, 1, 2, 0, 0, 0xc9, 16, HOA_BYTES,
                       1,  4, 0, 0, 0, 0, 0xc9, 16, HOA_BYTES};
    /* Second HAO at 30: 30 % 8 == 6, so only the duplicate is wrong. */
    cr_assert_eq(two[30], 0xc9);
    cr_assert_eq(ms_ext_opthdr_decode(two, 48, &out), MS_EDUP_OPT);
}

Test(ext, opthdr_too_many_options)
{
    /* Nine 0-length skip options plus padding. */
    uint8_t p[24] = {17, 2};
    for (int i = 0; i < 9; i++) {
        p[2 + 2 * i] = 0x1e;
        p[3 + 2 * i] = 0;
    }
    p[20] = 1;
    p[21] = 2;
    struct ms_ext_opthdr out;
    cr_assert_eq(ms_ext_opthdr_decode(p, 24, &out), MS_EBAD_LEN);
}

/* ---- Type 2 Routing Header ---- */

/* Golden: RFC 6275 s6.4.1 diagram: NH, Hdr Ext Len 2, Routing Type 2,
 * Segments Left 1, Reserved 0, Home Address. */
static const uint8_t rh2_golden[24] = {MS_IPPROTO_UDP, 2, 2, 1, 0, 0, 0, 0, HOA_BYTES};

Test(ext, rh2_golden_roundtrip)
{
    struct in6_addr hoa = A("2001:db8:aa::10");
    uint8_t buf[24];
    cr_assert_eq(ms_ext_rh2_encode(&hoa, MS_IPPROTO_UDP, buf, sizeof buf), 24);
    cr_assert_arr_eq(buf, rh2_golden, 24);
    cr_assert_eq(ms_ext_rh2_encode(&hoa, MS_IPPROTO_UDP, buf, 23), -EMSGSIZE);
    struct ms_ext_rh2 d;
    cr_assert_eq(ms_ext_rh2_decode(rh2_golden, 24, &d), 0);
    cr_assert_eq(d.nh, MS_IPPROTO_UDP);
    cr_assert_eq(d.segs_left, 1);
    cr_assert(ms_in6_equal(&d.hoa, &hoa));
    struct ms_ext_rh g;
    cr_assert_eq(ms_ext_rh_decode(rh2_golden, 24, &g), 0);
    cr_assert_eq(g.type, MS_RH_TYPE2);
    cr_assert_eq(g.hlen8, 2);
    cr_assert_eq(g.segs_left, 1);
    /* Reserved is ignored on receipt. */
    uint8_t r[24];
    memcpy(r, rh2_golden, 24);
    r[4] = 0xff;
    cr_assert_eq(ms_ext_rh2_decode(r, 24, &d), 0);
}

Test(ext, rh2_truncation_every_prefix)
{
    struct ms_ext_rh2 d;
    struct ms_ext_rh g;
    for (size_t n = 0; n < 24; n++) {
        uint8_t *p = malloc(n ? n : 1);
        memcpy(p, rh2_golden, n);
        cr_assert_eq(ms_ext_rh2_decode(p, n, &d), MS_ETRUNC, "prefix %zu", n);
        cr_assert_eq(ms_ext_rh_decode(p, n, &g), MS_ETRUNC, "prefix %zu", n);
        free(p);
    }
}

/* RFC 6275 s6.4.1: Hdr Ext Len MUST be 2, Segments Left MUST be 1. */
Test(ext, rh2_rules)
{
    struct ms_ext_rh2 d;
    uint8_t p[32];
    memset(p, 0, sizeof p);
    memcpy(p, rh2_golden, 24);
    for (unsigned hl = 0; hl < 4; hl++) {
        p[1] = (uint8_t)hl;
        cr_assert_eq(ms_ext_rh2_decode(p, sizeof p, &d), hl == 2 ? 0 : MS_EBAD_LEN, "hl %u", hl);
    }
    p[1] = 2;
    for (unsigned sl = 0; sl < 4; sl++) {
        p[3] = (uint8_t)sl;
        cr_assert_eq(ms_ext_rh2_decode(p, sizeof p, &d), sl == 1 ? 0 : MS_EBAD_FIELD);
    }
    p[3] = 1;
    p[2] = 0;
    cr_assert_eq(ms_ext_rh2_decode(p, sizeof p, &d), MS_EUNKNOWN_TYPE);
}

/* ---- Fragment header ---- */

/* Golden: RFC 8200 s4.5 diagram: NH 17, Reserved 0, Fragment Offset 185
 * (1480 octets), M 1, Identification 0x12345678. */
Test(ext, frag_golden_roundtrip)
{
    static const uint8_t golden[8] = {17, 0, 0x05, 0xc9, 0x12, 0x34, 0x56, 0x78};
    struct ms_ext_frag f = {.nh = 17, .offset = 1480, .more = true, .id = 0x12345678}, d;
    uint8_t buf[8];
    cr_assert_eq(ms_ext_frag_encode(&f, buf, sizeof buf), 8);
    cr_assert_arr_eq(buf, golden, 8);
    cr_assert_eq(ms_ext_frag_decode(golden, 8, &d), 0);
    cr_assert_eq(d.nh, 17);
    cr_assert_eq(d.offset, 1480);
    cr_assert(d.more);
    cr_assert_eq(d.id, 0x12345678);
    for (size_t n = 0; n < 8; n++)
        cr_assert_eq(ms_ext_frag_decode(golden, n, &d), MS_ETRUNC);
    cr_assert_eq(ms_ext_frag_encode(&f, buf, 7), -EMSGSIZE);
    f.offset = 1481;
    cr_assert_eq(ms_ext_frag_encode(&f, buf, 8), MS_EBAD_FIELD);
    /* Reserved octet and Res bits are ignored. */
    uint8_t r[8] = {17, 0xff, 0xff, 0xfe, 0, 0, 0, 1};
    cr_assert_eq(ms_ext_frag_decode(r, 8, &d), 0);
    cr_assert_eq(d.offset, 65528);
    cr_assert_not(d.more);
}

Test(ext, hdr_size)
{
    uint8_t p[32] = {0, 1};
    cr_assert_eq(ms_ext_hdr_size(p, 32, MS_IPPROTO_HOPOPTS), 16);
    cr_assert_eq(ms_ext_hdr_size(p, 15, MS_IPPROTO_DSTOPTS), MS_ETRUNC);
    cr_assert_eq(ms_ext_hdr_size(p, 1, MS_IPPROTO_ROUTING), MS_ETRUNC);
    cr_assert_eq(ms_ext_hdr_size(p, 8, MS_IPPROTO_FRAGMENT), 8);
    cr_assert_eq(ms_ext_hdr_size(p, 7, MS_IPPROTO_FRAGMENT), MS_ETRUNC);
    p[1] = 4; /* AH: (4 + 2) * 4 = 24 */
    cr_assert_eq(ms_ext_hdr_size(p, 32, MS_IPPROTO_AH), 24);
    cr_assert_eq(ms_ext_hdr_size(p, 32, MS_IPPROTO_UDP), MS_EUNKNOWN_NH);
    cr_assert(ms_ext_is_ext(MS_IPPROTO_HOPOPTS));
    cr_assert(ms_ext_is_ext(MS_IPPROTO_DSTOPTS));
    cr_assert(ms_ext_is_ext(MS_IPPROTO_ROUTING));
    cr_assert(ms_ext_is_ext(MS_IPPROTO_FRAGMENT));
    cr_assert_not(ms_ext_is_ext(MS_IPPROTO_AH));
    cr_assert_not(ms_ext_is_ext(MS_IPPROTO_MH));
}

/* ---- walker ---- */

Test(ext, walk_no_extensions)
{
    uint8_t udp[8] = {0};
    struct ms_ext_info i;
    cr_assert_eq(walk(udp, 8, MS_IPPROTO_UDP, &i), 0);
    cr_assert_eq(i.upper, MS_IPPROTO_UDP);
    cr_assert_eq(i.upper_off, 0);
    cr_assert_eq(i.upper_nh_off, MS_IP6_OFF_NH - MS_IP6_HLEN);
    cr_assert_eq(MS_IP6_HLEN + i.upper_nh_off, 6);
    cr_assert_eq(i.present, 0);
    cr_assert_eq(walk(udp, 0, MS_IPPROTO_NONE, &i), 0);
    cr_assert_eq(i.upper, MS_IPPROTO_NONE);
}

/* An unknown Next Header is returned as the upper layer, with the offset of
 * the Next Header field naming it (for Parameter Problem code 1). */
Test(ext, walk_unknown_next_header)
{
    uint8_t p[16] = {253, 0, 1, 4, 0, 0, 0, 0};
    struct ms_ext_info i;
    cr_assert_eq(walk(p, 16, MS_IPPROTO_DSTOPTS, &i), 0);
    cr_assert_eq(i.upper, 253);
    cr_assert_eq(i.upper_off, 8);
    cr_assert_eq(i.upper_nh_off, 0);
    /* AH and ESP are not walked. */
    p[0] = MS_IPPROTO_AH;
    cr_assert_eq(walk(p, 16, MS_IPPROTO_DSTOPTS, &i), 0);
    cr_assert_eq(i.upper, MS_IPPROTO_AH);
}

/* RFC 8200 s4.1 / s4: HBH anywhere but first -> code 1 at the Next Header
 * field holding 0. */
Test(ext, walk_hbh_not_first)
{
    /* clang-format off */
    uint8_t p[24] = {MS_IPPROTO_HOPOPTS, 0, 1, 4, 0, 0, 0, 0, /* DO */
                     17, 0, 1, 4, 0, 0, 0, 0};               /* HBH */
    struct ms_ext_info i;
    /* clang-format on */
    cr_assert_eq(walk(p, 24, MS_IPPROTO_DSTOPTS, &i), MS_EEXT_ORDER);
    cr_assert_eq(i.icmp_code, MS_ICMP6_PARAMPROB_NEXT_HEADER);
    cr_assert_eq(i.icmp_pointer, 0);
    cr_assert_eq(MS_IP6_HLEN + i.icmp_pointer, 40);
    /* HBH first, then DO, then HBH again: pointer at the DO's NH (8). */
    /* clang-format off */
    uint8_t q[24] = {MS_IPPROTO_DSTOPTS, 0, 1, 4, 0, 0, 0, 0, MS_IPPROTO_HOPOPTS,
                     0, 1, 4, 0, 0, 0, 0, 17, 0, 1, 4, 0, 0, 0, 0};
    /* clang-format on */
    cr_assert_eq(walk(q, 24, MS_IPPROTO_HOPOPTS, &i), MS_EEXT_ORDER);
    cr_assert_eq(i.icmp_code, MS_ICMP6_PARAMPROB_NEXT_HEADER);
    cr_assert_eq(i.icmp_pointer, 8);
    cr_assert(i.present & MS_EXT_F_HBH);
    /* HBH first is fine. */
    cr_assert_eq(walk(q, 8, MS_IPPROTO_HOPOPTS, &i), MS_ETRUNC);
    cr_assert_eq(walk(q + 16, 8, MS_IPPROTO_HOPOPTS, &i), 0);
    cr_assert_eq(i.upper, 17);
    cr_assert_eq(i.upper_off, 8);
    cr_assert_eq(i.upper_nh_off, 0);
}

/* RFC 8200 s4.2, all four actions.  HBH (8 octets of padding) then a DO
 * whose unknown option sits at DO offset 3: pointer 8 + 3 = 11 (ICMP 51). */
static int
walk_unknown(uint8_t type, struct ms_ext_info *i)
{
    /* clang-format off */
    uint8_t p[24] = {MS_IPPROTO_DSTOPTS, 0, 1, 4, 0, 0, 0, 0, /* HBH */
                     17, 0, 0, type, 3, 0, 0, 0,             /* DO: Pad1, opt(3) */
                     0,  0, 0, 0,    0, 0, 0, 0};            /* UDP */
    return walk(p, 24, MS_IPPROTO_HOPOPTS, i);
    /* clang-format on */
}

Test(ext, walk_unknown_option_actions)
{
    struct ms_ext_info i;
    cr_assert_eq(walk_unknown(0x1e, &i), 0); /* 00 skip */
    cr_assert_eq(i.upper, 17);
    cr_assert_eq(i.upper_off, 16);
    cr_assert_eq(i.icmp_code, MS_EXT_ICMP_NONE);

    cr_assert_eq(walk_unknown(0x5e, &i), MS_EUNKNOWN_OPT); /* 01 discard */
    cr_assert_eq(i.icmp_code, MS_EXT_ICMP_NONE);
    cr_assert_eq(i.opt_type, 0x5e);

    cr_assert_eq(walk_unknown(0x9e, &i), MS_EUNKNOWN_OPT); /* 10 always ICMP */
    cr_assert_eq(i.icmp_code, MS_ICMP6_PARAMPROB_OPTION);
    cr_assert_eq(i.icmp_pointer, 11);
    cr_assert_eq(MS_IP6_HLEN + i.icmp_pointer, 51);
    cr_assert(i.icmp_even_if_mcast);
    cr_assert_eq(i.opt_type, 0x9e);

    cr_assert_eq(walk_unknown(0xde, &i), MS_EUNKNOWN_OPT); /* 11 unless multicast */
    cr_assert_eq(i.icmp_code, MS_ICMP6_PARAMPROB_OPTION);
    cr_assert_eq(i.icmp_pointer, 11);
    cr_assert_not(i.icmp_even_if_mcast);
}

/* The HAO is only recognized in a Destination Options header: in HBH its
 * type (0xC9, action 11) is unrecognized. */
Test(ext, walk_hao_in_hbh_is_unknown)
{
    uint8_t p[32];
    memcpy(p, dstopt_hao_golden, 24);
    p[0] = 17;
    struct ms_ext_info i;
    cr_assert_eq(walk(p, 32, MS_IPPROTO_HOPOPTS, &i), MS_EUNKNOWN_OPT);
    cr_assert_eq(i.icmp_code, MS_ICMP6_PARAMPROB_OPTION);
    cr_assert_eq(i.icmp_pointer, 6);
    cr_assert_not(i.icmp_even_if_mcast);
    cr_assert_eq(walk(p, 32, MS_IPPROTO_DSTOPTS, &i), 0);
    cr_assert(i.present & MS_EXT_F_HAO);
}

/* A CN's route-optimized packet to a MN, as RFC 6275 s9.3.2 / s6.4 build
 * it, answered with HAO (s11.3.1): here RH2 + DO(HAO) + UDP in one chain
 * (RFC 8200 s4.1 order: Routing before the final Destination Options). */
static size_t
build_chain(uint8_t *p)
{
    struct in6_addr hoa = A("2001:db8:aa::10");
    size_t o = 0;
    o += (size_t)ms_ext_rh2_encode(&hoa, MS_IPPROTO_DSTOPTS, p + o, 24);
    o += (size_t)ms_ext_dstopt_hao_encode(&hoa, MS_IPPROTO_UDP, p + o, 24);
    memset(p + o, 0, 8);
    return o + 8;
}

Test(ext, walk_rh2_hao_udp)
{
    uint8_t p[56];
    size_t n = build_chain(p);
    cr_assert_eq(n, 56);
    struct ms_ext_info i;
    cr_assert_eq(walk(p, n, MS_IPPROTO_ROUTING, &i), 0);
    cr_assert_eq(i.present, MS_EXT_F_RH | MS_EXT_F_RH2 | MS_EXT_F_DSTOPT | MS_EXT_F_HAO);
    struct in6_addr hoa = A("2001:db8:aa::10");
    cr_assert_eq(i.rh_type, MS_RH_TYPE2);
    cr_assert_eq(i.rh_off, 0);
    cr_assert_eq(i.rh2_off, 0);
    cr_assert_eq(i.rh2_segs_left, 1);
    cr_assert(ms_in6_equal(&i.rh2_addr, &hoa));
    cr_assert_eq(i.hao_off, 24 + 6);
    cr_assert(ms_in6_equal(&i.hao, &hoa));
    cr_assert_eq(i.hao_next, MS_IPPROTO_UDP);
    cr_assert_eq(i.upper, MS_IPPROTO_UDP);
    cr_assert_eq(i.upper_off, 48);
    cr_assert_eq(i.upper_nh_off, 24);
}

Test(ext, walk_truncation_every_prefix)
{
    uint8_t p[56];
    size_t n = build_chain(p);
    struct ms_ext_info i;
    for (size_t k = 0; k < n; k++) {
        int rc = walk(p, k, MS_IPPROTO_ROUTING, &i);
        if (k < 48)
            cr_assert_eq(rc, MS_ETRUNC, "prefix %zu", k);
        else
            cr_assert(rc == 0 && i.upper_off <= k, "prefix %zu", k);
    }
}

/* RFC 8200 s4.4: unknown Routing Type (0, deprecated by RFC 5095), SL 0:
 * ignored; SL 1: code 0 pointing at the Routing Type field. */
Test(ext, walk_unknown_routing_type)
{
    /* clang-format off */
    uint8_t p[40] = {MS_IPPROTO_ROUTING, 0, 1, 4, 0, 0, 0, 0, /* HBH */
                     17, 2, 0, 0};                           /* RH0, 24 octets */
    struct ms_ext_info i;
    /* clang-format on */
    cr_assert_eq(walk(p, 40, MS_IPPROTO_HOPOPTS, &i), 0);
    cr_assert_eq(i.upper, 17);
    cr_assert_eq(i.upper_off, 32);
    cr_assert(i.present & MS_EXT_F_RH);
    cr_assert_not(i.present & MS_EXT_F_RH2);
    cr_assert_eq(i.rh_type, 0);
    cr_assert_eq(i.rh_off, 8);
    p[11] = 1;
    cr_assert_eq(walk(p, 40, MS_IPPROTO_HOPOPTS, &i), MS_EUNKNOWN_TYPE);
    cr_assert_eq(i.icmp_code, MS_ICMP6_PARAMPROB_HEADER);
    cr_assert_eq(i.icmp_pointer, 8 + MS_EXT_RH_OFF_TYPE);
    cr_assert_eq(MS_IP6_HLEN + i.icmp_pointer, 50);
    p[10] = 253;
    p[11] = 255;
    cr_assert_eq(walk(p, 40, MS_IPPROTO_HOPOPTS, &i), MS_EUNKNOWN_TYPE);
    cr_assert_eq(i.icmp_pointer, 10);
}

/* RFC 6275 s11.3.3: bad RH2 is discarded silently. */
Test(ext, walk_rh2_faults)
{
    uint8_t p[64];
    size_t n = build_chain(p);
    struct ms_ext_info i;
    p[3] = 2;
    cr_assert_eq(walk(p, n, MS_IPPROTO_ROUTING, &i), MS_EBAD_FIELD);
    cr_assert_eq(i.icmp_code, MS_EXT_ICMP_NONE);
    p[3] = 0; /* already processed in place: accepted, reported */
    cr_assert_eq(walk(p, n, MS_IPPROTO_ROUTING, &i), 0);
    cr_assert_eq(i.rh2_segs_left, 0);
    p[3] = 1;
    /* Hdr Ext Len 0: an 8-octet header. */
    uint8_t q[16] = {17, 0, 2, 1, 0, 0, 0, 0};
    cr_assert_eq(walk(q, 16, MS_IPPROTO_ROUTING, &i), MS_EBAD_LEN);
    cr_assert_eq(i.icmp_code, MS_EXT_ICMP_NONE);
    /* Hdr Ext Len 4 within a long enough buffer. */
    uint8_t r[48] = {17, 4, 2, 1};
    cr_assert_eq(walk(r, 48, MS_IPPROTO_ROUTING, &i), MS_EBAD_LEN);
    /* Two RH2. */
    uint8_t two[56];
    struct in6_addr hoa = A("2001:db8:aa::10");
    ms_ext_rh2_encode(&hoa, MS_IPPROTO_ROUTING, two, 24);
    ms_ext_rh2_encode(&hoa, MS_IPPROTO_UDP, two + 24, 24);
    cr_assert_eq(walk(two, 56, MS_IPPROTO_ROUTING, &i), MS_EDUP_OPT);
}

Test(ext, walk_hao_faults)
{
    uint8_t p[56];
    size_t n = build_chain(p);
    struct ms_ext_info i;
    /* Length 15 in the HAO (and the rest then overruns or not). */
    p[24 + 7] = 0;
    cr_assert_eq(walk(p, n, MS_IPPROTO_ROUTING, &i), MS_EBAD_OPTLEN);
    cr_assert_eq(i.icmp_code, MS_EXT_ICMP_NONE);
    n = build_chain(p);
    /* Two DO headers, each with an HAO. */
    uint8_t two[56];
    struct in6_addr hoa = A("2001:db8:aa::10");
    ms_ext_dstopt_hao_encode(&hoa, MS_IPPROTO_DSTOPTS, two, 24);
    ms_ext_dstopt_hao_encode(&hoa, MS_IPPROTO_UDP, two + 24, 24);
    cr_assert_eq(walk(two, 56, MS_IPPROTO_DSTOPTS, &i), MS_EDUP_OPT);
    /* Misaligned: PadN(1) then HAO at 5. */
    uint8_t mis[32] = {17, 2, 1, 1, 0, 0xc9, 16, HOA_BYTES, 0};
    cr_assert_eq(walk(mis, 32, MS_IPPROTO_DSTOPTS, &i), MS_EBAD_ALIGN);
    (void)n;
}

Test(ext, walk_corrupted_lengths)
{
    struct ms_ext_info i;
    /* Hdr Ext Len beyond the payload. */
    uint8_t a[16] = {17, 5, 1, 4, 0, 0, 0, 0};
    cr_assert_eq(walk(a, 16, MS_IPPROTO_DSTOPTS, &i), MS_ETRUNC);
    /* Option running past its header. */
    uint8_t b[16] = {17, 0, 0x1e, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    cr_assert_eq(walk(b, 16, MS_IPPROTO_DSTOPTS, &i), MS_EOPT_OVERRUN);
    /* Bad padding. */
    uint8_t c[8] = {17, 0, 1, 4, 0, 9, 0, 0};
    cr_assert_eq(walk(c, 8, MS_IPPROTO_DSTOPTS, &i), MS_EBAD_PAD);
    /* Zero Hdr Ext Len on every kind is a legal 8-octet header. */
    uint8_t d[24] = {MS_IPPROTO_ROUTING, 0, 1, 4, 0, 0, 0, 0, MS_IPPROTO_NONE, 0, 7, 0};
    cr_assert_eq(walk(d, 24, MS_IPPROTO_DSTOPTS, &i), 0);
    cr_assert_eq(i.upper, MS_IPPROTO_NONE);
    cr_assert_eq(i.upper_off, 16);
}

/* RFC 8200 s4.5: fragments stop the walk; an atomic fragment does not. */
Test(ext, walk_fragment)
{
    struct ms_ext_info i;
    uint8_t first[16] = {17, 0, 0x00, 0x01, 0xde, 0xad, 0xbe, 0xef};
    cr_assert_eq(walk(first, 16, MS_IPPROTO_FRAGMENT, &i), 0);
    cr_assert(i.present & MS_EXT_F_FRAG);
    cr_assert_eq(i.upper, MS_IPPROTO_FRAGMENT);
    cr_assert_eq(i.upper_off, 0);
    cr_assert_eq(i.frag_off, 0);
    cr_assert_eq(i.frag.nh, 17);
    cr_assert_eq(i.frag.offset, 0);
    cr_assert(i.frag.more);
    cr_assert_eq(i.frag.id, 0xdeadbeef);

    uint8_t later[24] = {MS_IPPROTO_FRAGMENT, 0, 1, 4, 0, 0, 0, 0, 17, 0, 0x05, 0xc8, 0, 0, 0, 7};
    cr_assert_eq(walk(later, 24, MS_IPPROTO_DSTOPTS, &i), 0);
    cr_assert_eq(i.upper, MS_IPPROTO_FRAGMENT);
    cr_assert_eq(i.upper_off, 8);
    cr_assert_eq(i.frag_off, 8);
    cr_assert_eq(i.upper_nh_off, 0);
    cr_assert_eq(i.frag.offset, 1480);
    cr_assert_not(i.frag.more);

    uint8_t atomic[16] = {17, 0, 0, 0, 0, 0, 0, 9};
    cr_assert_eq(walk(atomic, 16, MS_IPPROTO_FRAGMENT, &i), 0);
    cr_assert_eq(i.upper, 17);
    cr_assert_eq(i.upper_off, 8);
    cr_assert_eq(i.frag.id, 9);
    cr_assert_eq(walk(atomic, 7, MS_IPPROTO_FRAGMENT, &i), MS_ETRUNC);
}

/* RFC 6275 s9.3.1 / s11.3.3 in-place rewrites on a whole packet, then the
 * UDP checksum as upper layers see it (RFC 8200 s8.1: final destination,
 * home addresses). */
Test(ext, swap_hao_rh2_then_udp_checksum)
{
    struct in6_addr cn = A("2001:db8:c::1"), coa = A("2001:db8:2::55"), hoa = A("2001:db8:aa::10");
    uint8_t pkt[40 + 48 + 12];
    /* CN -> MN: dst CoA, RH2(HoA), UDP checksum over the final destination
     * (HoA).  We reuse the chain builder's layout: RH2, DO(HAO), UDP; the
     * HAO part carries a placeholder for the swap test below. */
    size_t n = build_chain(pkt + 40);
    cr_assert_eq(n, 56);
    struct ms_udp u = {.sport = 7000, .dport = 7001};
    uint8_t data[4] = {1, 2, 3, 4};
    int ul = ms_udp_encode(&u, &cn, &hoa, data, 4, pkt + 40 + 48, 12);
    cr_assert_eq(ul, 12);
    struct ms_ip6 ip = {.plen = 60, .nh = MS_IPPROTO_ROUTING, .hlim = 64, .src = cn, .dst = coa};
    ms_ip6_encode(&ip, pkt, 40);

    struct ms_ext_info i;
    cr_assert_eq(ms_ext_walk(pkt + 40, 60, MS_IPPROTO_ROUTING, &i), 0);
    /* Before the swap, the checksum over (cn, coa) fails. */
    cr_assert_eq(ms_udp_verify(&cn, &coa, pkt + 40 + i.upper_off, 12), MS_EBAD_CHECKSUM);
    cr_assert_eq(ms_ext_rh2_swap(pkt, sizeof pkt, &i), 0);
    cr_assert_eq(i.rh2_segs_left, 0);
    struct ms_ip6 d;
    cr_assert_eq(ms_ip6_decode(pkt, sizeof pkt, &d), 0);
    cr_assert(ms_in6_equal(&d.dst, &hoa));
    struct ms_ext_rh2 rh;
    cr_assert_eq(ms_ext_rh2_decode(pkt + 40, 24, &rh), MS_EBAD_FIELD); /* SL now 0 */
    cr_assert(memcmp(pkt + 40 + 8, coa.s6_addr, 16) == 0);
    cr_assert_eq(ms_udp_verify(&d.src, &d.dst, pkt + 40 + i.upper_off, 12), 0);
    /* Walk again: SL 0 accepted; a second swap is refused. */
    cr_assert_eq(ms_ext_walk(pkt + 40, 60, MS_IPPROTO_ROUTING, &i), 0);
    cr_assert_eq(i.rh2_segs_left, 0);
    cr_assert_eq(ms_ext_rh2_swap(pkt, sizeof pkt, &i), MS_EBAD_FIELD);

    /* HAO swap: the IPv6 source becomes the option's address and back. */
    cr_assert_eq(ms_ext_hao_swap(pkt, sizeof pkt, &i), 0);
    cr_assert_eq(ms_ip6_decode(pkt, sizeof pkt, &d), 0);
    cr_assert(ms_in6_equal(&d.src, &hoa));
    cr_assert(memcmp(pkt + 40 + i.hao_off + 2, cn.s6_addr, 16) == 0);
    cr_assert_eq(ms_ext_hao_swap(pkt, sizeof pkt, &i), 0);
    cr_assert_eq(ms_ip6_decode(pkt, sizeof pkt, &d), 0);
    cr_assert(ms_in6_equal(&d.src, &cn));
    /* Bounds and preconditions. */
    cr_assert_eq(ms_ext_hao_swap(pkt, 40 + 30 + 17, &i), MS_ETRUNC);
    struct ms_ext_info none;
    memset(&none, 0, sizeof none);
    cr_assert_eq(ms_ext_hao_swap(pkt, sizeof pkt, &none), MS_EBAD_FIELD);
    cr_assert_eq(ms_ext_rh2_swap(pkt, sizeof pkt, &none), MS_EBAD_FIELD);
}

/* A MN away from home sends with src CoA and HAO = HoA; the CN swaps, and
 * the UDP checksum computed by the MN over (HoA, CN) verifies. */
Test(ext, hao_swap_mn_to_cn_checksum)
{
    struct in6_addr cn = A("2001:db8:c::1"), coa = A("2001:db8:2::55"), hoa = A("2001:db8:aa::10");
    uint8_t pkt[40 + 24 + 8];
    ms_ext_dstopt_hao_encode(&hoa, MS_IPPROTO_UDP, pkt + 40, 24);
    struct ms_udp u = {.sport = 1, .dport = 2};
    cr_assert_eq(ms_udp_encode(&u, &hoa, &cn, NULL, 0, pkt + 64, 8), 8);
    struct ms_ip6 ip = {.plen = 32, .nh = MS_IPPROTO_DSTOPTS, .hlim = 64, .src = coa, .dst = cn};
    ms_ip6_encode(&ip, pkt, 40);
    struct ms_ext_info i;
    cr_assert_eq(ms_ext_walk(pkt + 40, 32, ip.nh, &i), 0);
    cr_assert(ms_in6_is_routable_unicast(&i.hao));
    cr_assert_eq(ms_ext_hao_swap(pkt, sizeof pkt, &i), 0);
    struct ms_ip6 d;
    ms_ip6_decode(pkt, sizeof pkt, &d);
    cr_assert_eq(ms_udp_verify(&d.src, &d.dst, pkt + 40 + i.upper_off, 8), 0);
}
