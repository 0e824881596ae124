/* Mobility Header messages (RFC 6275 s6.1): wire/mh.c, mh_binding.c,
 * mh_rr.c.  Options in detail: test_mh_opt.c. */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "wire/bytes.h"
#include "wire/err.h"
#include "wire/mh.h"

#include "unit/mh_test_util.h"

/* Asserts buf[0..n) equals want except the Checksum, which must be the
 * independently computed one. */
static void
assert_golden(const uint8_t *buf, int n, const uint8_t *want, size_t wlen)
{
    cr_assert_eq((size_t)n, wlen, "length %d, want %zu", n, wlen);
    cr_assert_eq(memcmp(buf, want, 4), 0, "common header");
    cr_assert_eq(memcmp(buf + 6, want + 6, wlen - 6), 0, "message data");
    cr_assert_eq(ms_rd16(buf + 4), ref_cksum(SRC, DST, want, wlen));
}

static void
roundtrip(const struct ms_mh *m)
{
    uint8_t buf[MS_MH_MAX_LEN];
    struct ms_mh d, d2;
    int n = enc(m, buf, sizeof buf);
    cr_assert_gt(n, 0);
    cr_assert_eq(ms_mh_decode(buf, (size_t)n, &d), 0);
    cr_assert_eq(d.wire_len, n);
    cr_assert_eq(d.opts.diag, 0);
    cr_assert(ms_mh_equal(m, &d), "type %u", m->type);
    /* Encode(decode(x)) == x, octet for octet. */
    uint8_t buf2[MS_MH_MAX_LEN];
    cr_assert_eq(enc(&d, buf2, sizeof buf2), n);
    cr_assert_eq(memcmp(buf, buf2, (size_t)n), 0);
    cr_assert_eq(ms_mh_decode(buf2, (size_t)n, &d2), 0);
    cr_assert(ms_mh_equal(&d, &d2));
}

/* ---- Samples ---- */

static struct ms_mh
s_brr(void)
{
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_BRR);
    return m;
}

static struct ms_mh
s_hoti(void)
{
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_HOTI);
    m.u.hoti.cookie = 0x0102030405060708ull;
    return m;
}

static struct ms_mh
s_coti(void)
{
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_COTI);
    m.u.coti.cookie = 0xF1F2F3F4F5F6F7F8ull;
    return m;
}

static struct ms_mh
s_hot(void)
{
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_HOT);
    m.u.hot.nonce_index = 0x0A0B;
    m.u.hot.cookie = 0x0102030405060708ull;
    m.u.hot.keygen_token = 0x1112131415161718ull;
    return m;
}

static struct ms_mh
s_cot(void)
{
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_COT);
    m.u.cot.nonce_index = 0x0C0D;
    m.u.cot.cookie = 0xF1F2F3F4F5F6F7F8ull;
    m.u.cot.keygen_token = 0x2122232425262728ull;
    return m;
}

static struct ms_mh
s_bu(void)
{
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_BU);
    m.u.bu.seq = 5;
    m.u.bu.flags = MS_BU_F_A | MS_BU_F_H;
    m.u.bu.lifetime_s = 420;
    return m;
}

static struct ms_mh
s_bu_altcoa(void)
{
    struct ms_mh m = s_bu();
    m.opts.present = MS_MH_OPTS_ALT_COA;
    m.opts.alt_coa = addr("2001:db8:2::99");
    return m;
}

/* A BU to a correspondent: Nonce Indices and BAD (RFC 6275 s5.2.6). */
static struct ms_mh
s_bu_cn(void)
{
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_BU);
    m.u.bu.seq = 0x1234;
    m.u.bu.flags = MS_BU_F_A;
    m.u.bu.lifetime_s = 400;
    m.opts.present = MS_MH_OPTS_NONCE | MS_MH_OPTS_BAD;
    m.opts.home_nonce_index = 7;
    m.opts.careof_nonce_index = 9;
    m.opts.auth_len = 12;
    for (int i = 0; i < 12; i++)
        m.opts.auth[i] = (uint8_t)(0xC0 + i);
    return m;
}

static struct ms_mh
s_ba(void)
{
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_BA);
    m.u.ba.status = MS_BA_ACCEPTED;
    m.u.ba.flags = MS_BA_F_K;
    m.u.ba.seq = 5;
    m.u.ba.lifetime_s = 420;
    m.opts.present = MS_MH_OPTS_BRA;
    m.opts.refresh_s = 400;
    return m;
}

static struct ms_mh
s_be(void)
{
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_BE);
    m.u.be.status = MS_BE_UNRECOGNIZED_MH;
    m.u.be.hoa = addr("2001:db8:aa::10");
    return m;
}

typedef struct ms_mh (*sample_fn)(void);
static const sample_fn samples[] = {s_brr, s_hoti, s_coti, s_hot,       s_cot,
                                    s_bu,  s_ba,   s_be,   s_bu_altcoa, s_bu_cn};
#define N_SAMPLES (sizeof samples / sizeof samples[0])

/* ---- Round trips ---- */

Test(mh, roundtrip_every_message)
{
    for (size_t i = 0; i < N_SAMPLES; i++) {
        struct ms_mh m = samples[i]();
        roundtrip(&m);
    }
}

Test(mh_bu, roundtrip_all_flags)
{
    struct ms_mh m = s_bu();
    m.u.bu.flags = 0xFFFF;
    roundtrip(&m);
    for (int b = 0; b < 16; b++) {
        m.u.bu.flags = (uint16_t)(1u << b);
        roundtrip(&m);
    }
}

Test(mh_ba, roundtrip_every_status)
{
    struct ms_mh m = s_ba();
    for (unsigned st = 0; st < 256; st++) {
        m.u.ba.status = (uint8_t)st;
        m.u.ba.flags = (uint8_t)(st * 37);
        roundtrip(&m);
    }
}

Test(mh_rr, roundtrip_extremes)
{
    struct ms_mh m = s_hot();
    m.u.hot.cookie = ~0ull;
    m.u.hot.keygen_token = 0;
    m.u.hot.nonce_index = 0xFFFF;
    roundtrip(&m);
    m = s_cot();
    m.u.cot.keygen_token = ~0ull;
    roundtrip(&m);
    m = s_coti();
    m.u.coti.cookie = 0;
    roundtrip(&m);
}

Test(mh, roundtrip_with_all_options_on_every_type)
{
    for (size_t i = 0; i < N_SAMPLES; i++) {
        struct ms_mh m = samples[i]();
        m.opts.present = MS_MH_OPTS_BRA | MS_MH_OPTS_ALT_COA | MS_MH_OPTS_NONCE | MS_MH_OPTS_BAD;
        m.opts.refresh_s = 8;
        m.opts.alt_coa = addr("2001:db8:3::3");
        m.opts.auth_len = 20;
        m.opts.n_raw = 1;
        m.opts.raw[0].type = 42;
        m.opts.raw[0].len = 3;
        roundtrip(&m);
    }
}

/* ---- Golden bytes, hand-assembled from the RFC 6275 s6.1 diagrams ---- */

Test(mh_brr, golden)
{
    /* s6.1.2: "no padding is necessary and the Header Len field will be set to 0." */
    static const uint8_t want[] = {0x3b, 0x00, 0x00, 0x00, 0, 0, 0x00, 0x00};
    uint8_t buf[64];
    struct ms_mh m = s_brr();
    int n = enc(&m, buf, sizeof buf);
    assert_golden(buf, n, want, sizeof want);
    /* Cross-check the reference checksum against one computed offline. */
    cr_assert_eq(ms_rd16(buf + 4), 0x6752);
}

Test(mh_rr, golden_hoti_coti)
{
    /* s6.1.3-6.1.4: Reserved(16), Init Cookie(64); Header Len 1. */
    static const uint8_t hoti[] = {0x3b, 0x01, 0x01, 0x00, 0,    0,    0x00, 0x00,
                                   0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08};
    static const uint8_t coti[] = {0x3b, 0x01, 0x02, 0x00, 0,    0,    0x00, 0x00,
                                   0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8};
    uint8_t buf[64];
    struct ms_mh m = s_hoti();
    assert_golden(buf, enc(&m, buf, sizeof buf), hoti, sizeof hoti);
    m = s_coti();
    assert_golden(buf, enc(&m, buf, sizeof buf), coti, sizeof coti);
}

Test(mh_rr, golden_hot_cot)
{
    /* s6.1.5-6.1.6: Nonce Index(16), Init Cookie(64), Keygen Token(64); Header Len 2. */
    static const uint8_t hot[] = {0x3b, 0x02, 0x03, 0x00, 0,    0,    0x0A, 0x0B,
                                  0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
                                  0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18};
    static const uint8_t cot[] = {0x3b, 0x02, 0x04, 0x00, 0,    0,    0x0C, 0x0D,
                                  0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8,
                                  0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28};
    uint8_t buf[64];
    struct ms_mh m = s_hot();
    assert_golden(buf, enc(&m, buf, sizeof buf), hot, sizeof hot);
    m = s_cot();
    assert_golden(buf, enc(&m, buf, sizeof buf), cot, sizeof cot);
}

Test(mh_bu, golden_no_options)
{
    /* s6.1.7: "If no options are present in this message, 4 octets of padding
     * are necessary and the Header Len field will be set to 1."  420 s = 105
     * units of 4 s. */
    static const uint8_t want[] = {0x3b, 0x01, 0x05, 0x00, 0,    0,    0x00, 0x05,
                                   0xC0, 0x00, 0x00, 0x69, 0x01, 0x02, 0x00, 0x00};
    uint8_t buf[64];
    struct ms_mh m = s_bu();
    assert_golden(buf, enc(&m, buf, sizeof buf), want, sizeof want);
}

Test(mh_bu, golden_altcoa)
{
    /* s6.1.7 + s6.2.5: the fixed part ends at 12; Alternate CoA needs 8n+6,
     * so a 2-octet PadN (Length 0) sits at 12-13 and the option at 14-31;
     * the address lands on offset 16.  The MH ends at 32: no final pad. */
    /* clang-format off */
    static const uint8_t want[] = {
        0x3b, 0x03, 0x05, 0x00, 0x6f, 0x64,                         /* cksum 0x6f64 */
        0x00, 0x05, 0xC0, 0x00, 0x00, 0x69,                         /* seq 5, A|H, 105 */
        0x01, 0x00,                                                 /* PadN */
        0x03, 0x10,                                                 /* Alt CoA, 16 */
        0x20, 0x01, 0x0d, 0xb8, 0x00, 0x02, 0x00, 0x00,             /* 2001:db8:2:: */
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x99,             /* ::99 */
    };
    /* clang-format on */
    uint8_t buf[64];
    struct ms_mh m = s_bu_altcoa();
    int n = enc(&m, buf, sizeof buf);
    assert_golden(buf, n, want, sizeof want);
    /* The checksum in want[] was computed offline (Python), a third check. */
    cr_assert_eq(memcmp(buf, want, sizeof want), 0);
}

Test(mh_bu, golden_cn_nonce_bad)
{
    /* s6.2.6: Nonce Indices (2n) at 12-17; s6.2.7: BAD last at 8n+2 with a
     * 12-octet authenticator: 18 is 8n+2 and 18 + 14 = 32, so no padding at
     * all. */
    static const uint8_t want[] = {
        0x3b, 0x03, 0x05, 0x00, 0,    0,    0x12, 0x34, 0x80, 0x00, 0x00, 0x64, /* 100 units */
        0x04, 0x04, 0x00, 0x07, 0x00, 0x09,                                     /* Nonce 7/9 */
        0x05, 0x0C, 0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB,
    };
    uint8_t buf[64];
    struct ms_mh m = s_bu_cn();
    assert_golden(buf, enc(&m, buf, sizeof buf), want, sizeof want);
}

Test(mh_ba, golden_with_bra)
{
    /* s6.1.8 + s6.2.4: BRA (2n) right at 12; 400 s = 100 units. */
    static const uint8_t want[] = {0x3b, 0x01, 0x06, 0x00, 0,    0,    0x00, 0x80,
                                   0x00, 0x05, 0x00, 0x69, 0x02, 0x02, 0x00, 0x64};
    uint8_t buf[64];
    struct ms_mh m = s_ba();
    assert_golden(buf, enc(&m, buf, sizeof buf), want, sizeof want);
}

Test(mh_be, golden)
{
    /* s6.1.9: Status, Reserved, Home Address; Header Len 2. */
    static const uint8_t want[] = {0x3b, 0x02, 0x07, 0x00, 0,    0,    0x02, 0x00,
                                   0x20, 0x01, 0x0d, 0xb8, 0x00, 0xaa, 0x00, 0x00,
                                   0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10};
    uint8_t buf[64];
    struct ms_mh m = s_be();
    assert_golden(buf, enc(&m, buf, sizeof buf), want, sizeof want);
}

/* Decoding golden input: Reserved octets are ignored (s6.1.1), every field
 * lands in host units. */
Test(mh_bu, decode_golden_fields)
{
    uint8_t p[] = {0x3b, 0x01, 0x05, 0xFF, 0,    0,    0x00, 0x05,
                   0xC0, 0x01, 0x00, 0x69, 0x01, 0x02, 0x00, 0x00};
    struct ms_mh d;
    cr_assert_eq(ms_mh_decode(p, sizeof p, &d), 0);
    cr_assert_eq(d.type, MS_MH_BU);
    cr_assert_eq(d.payload_proto, MS_IPPROTO_NONE);
    cr_assert_eq(d.u.bu.seq, 5);
    cr_assert_eq(d.u.bu.flags, MS_BU_F_A | MS_BU_F_H | 0x0001);
    cr_assert_eq(d.u.bu.lifetime_s, 420);
    cr_assert_eq(d.wire_len, 16);
    cr_assert_eq(d.opts.present, 0);
}

/* ---- Lifetimes: 4-second units for BU and BA ---- */

Test(mh_bu, lifetime_units)
{
    cr_assert_eq(ms_mh_lifetime_unit_s(MS_MH_BU), 4);
    cr_assert_eq(ms_mh_lifetime_unit_s(MS_MH_BA), 4);
    cr_assert_eq(ms_mh_lifetime_unit_s(MS_MH_HOTI), 0);
    cr_assert_eq(ms_mh_lifetime_to_wire(MS_MH_BU, 0), 0);
    cr_assert_eq(ms_mh_lifetime_to_wire(MS_MH_BU, 3), 0);
    cr_assert_eq(ms_mh_lifetime_to_wire(MS_MH_BU, 7), 1);
    cr_assert_eq(ms_mh_lifetime_to_wire(MS_MH_BA, MS_MH_LIFETIME4_MAX_S), 0xFFFF);
    cr_assert_eq(ms_mh_lifetime_to_wire(MS_MH_BA, 0xFFFFFFFFu), 0xFFFF);
    cr_assert_eq(ms_mh_lifetime_from_wire(MS_MH_BU, 0xFFFF), MS_MH_LIFETIME4_MAX_S);

    struct ms_mh m = s_bu(), d;
    uint8_t buf[64];
    m.u.bu.lifetime_s = 7;
    int n = enc(&m, buf, sizeof buf);
    cr_assert_eq(ms_rd16(buf + 10), 1);
    cr_assert_eq(ms_mh_decode(buf, (size_t)n, &d), 0);
    cr_assert_eq(d.u.bu.lifetime_s, 4);
    m.u.bu.lifetime_s = 1000000;
    enc(&m, buf, sizeof buf);
    cr_assert_eq(ms_rd16(buf + 10), 0xFFFF);
}

/* ---- Truncation, lengths ---- */

/* Every proper prefix of every sample fails: the Header Len promises more
 * than the buffer holds.  Heap copies of exactly k octets let ASan catch any
 * overread. */
Test(mh, truncation_every_prefix)
{
    for (size_t i = 0; i < N_SAMPLES; i++) {
        struct ms_mh m = samples[i](), d;
        uint8_t buf[256];
        int n = enc(&m, buf, sizeof buf);
        struct in6_addr s = addr(SRC), t = addr(DST);
        for (int k = 0; k < n; k++) {
            uint8_t *cut = malloc(k ? (size_t)k : 1);
            cr_assert_not_null(cut);
            memcpy(cut, buf, (size_t)k);
            int rc = ms_mh_decode(cut, (size_t)k, &d);
            cr_assert_eq(rc, k < 8 ? MS_ETRUNC : MS_EBAD_LEN, "sample %zu prefix %d rc %d", i, k,
                         rc);
            rc = ms_mh_verify_cksum(cut, (size_t)k, &s, &t);
            cr_assert_eq(rc, k < 8 ? MS_ETRUNC : MS_EBAD_LEN);
            size_t off, alen;
            rc = ms_mh_bad_locate(cut, (size_t)k, &off, &alen);
            cr_assert_eq(rc, k < 8 ? MS_ETRUNC : MS_EBAD_LEN);
            free(cut);
        }
    }
}

/* Octets after (Header Len + 1) * 8 are not part of the MH: not read, not
 * checksummed. */
Test(mh, trailing_octets_ignored)
{
    struct ms_mh m = s_bu_altcoa(), d;
    uint8_t buf[64];
    int n = enc(&m, buf, sizeof buf);
    memset(buf + n, 0xEE, 8);
    struct in6_addr s = addr(SRC), t = addr(DST);
    cr_assert_eq(ms_mh_decode(buf, (size_t)n + 8, &d), 0);
    cr_assert_eq(d.wire_len, n);
    cr_assert(ms_mh_equal(&m, &d));
    cr_assert_eq(ms_mh_verify_cksum(buf, (size_t)n + 8, &s, &t), 0);
}

Test(mh, header_len_zero)
{
    /* BU needs 12 octets of fixed data: Header Len 0 (8 octets) is too short
     * (RFC 6275 s9.2). */
    struct ms_mh m = s_bu(), d;
    uint8_t buf[64];
    int n = enc(&m, buf, sizeof buf);
    buf[1] = 0;
    cr_assert_eq(ms_mh_decode(buf, (size_t)n, &d), MS_EBAD_LEN);
    cr_assert_eq(d.type, MS_MH_BU);
    /* BRR is complete in 8 octets: Header Len 0 is right. */
    m = s_brr();
    n = enc(&m, buf, sizeof buf);
    cr_assert_eq(buf[1], 0);
    cr_assert_eq(ms_mh_decode(buf, (size_t)n, &d), 0);
}

Test(mh, header_len_too_large)
{
    for (size_t i = 0; i < N_SAMPLES; i++) {
        struct ms_mh m = samples[i](), d;
        uint8_t buf[256];
        int n = enc(&m, buf, sizeof buf);
        buf[1] = (uint8_t)(n / 8); /* one unit more than there is */
        cr_assert_eq(ms_mh_decode(buf, (size_t)n, &d), MS_EBAD_LEN);
        buf[1] = 0xFF;
        cr_assert_eq(ms_mh_decode(buf, (size_t)n, &d), MS_EBAD_LEN);
        struct in6_addr s = addr(SRC), t = addr(DST);
        cr_assert_eq(ms_mh_verify_cksum(buf, (size_t)n, &s, &t), MS_EBAD_LEN);
        cr_assert_eq(ms_mh_fix_cksum(buf, (size_t)n, &s, &t), MS_EBAD_LEN);
    }
}

/* RFC 6275 s9.2: Header Len below the type's minimum.  Minimum Header Len:
 * BRR 0, HoTI/CoTI 1, HoT/CoT 2, BU/BA 1, BE 2. */
Test(mh, header_len_too_small_for_type)
{
    static const struct {
        uint8_t type;
        uint8_t min_hlen;
    } t[] = {{MS_MH_HOTI, 1}, {MS_MH_COTI, 1}, {MS_MH_HOT, 2}, {MS_MH_COT, 2},
             {MS_MH_BU, 1},   {MS_MH_BA, 1},   {MS_MH_BE, 2}};
    uint8_t buf[64];
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        for (unsigned hl = 0; hl <= t[i].min_hlen; hl++) {
            struct ms_mh d;
            memset(buf, 0, sizeof buf);
            buf[0] = MS_IPPROTO_NONE;
            buf[1] = (uint8_t)hl;
            buf[2] = t[i].type;
            /* Make the options area valid padding if any remains. */
            int rc = ms_mh_decode(buf, sizeof buf, &d);
            if (hl < t[i].min_hlen)
                cr_assert_eq(rc, MS_EBAD_LEN, "type %u hlen %u", t[i].type, hl);
            else
                cr_assert_eq(rc, 0, "type %u hlen %u rc %d", t[i].type, hl, rc);
        }
    }
}

/* A Header Len that is large enough for the type but cuts an option. */
Test(mh, header_len_cuts_option)
{
    struct ms_mh m = s_bu_altcoa(), d;
    uint8_t buf[64];
    int n = enc(&m, buf, sizeof buf);
    buf[1] = 1; /* 16 octets: PadN at 12, Alt CoA header at 14, data cut */
    cr_assert_eq(ms_mh_decode(buf, (size_t)n, &d), MS_EOPT_OVERRUN);
    m = s_bu_cn();
    n = enc(&m, buf, sizeof buf);
    buf[1] = 2; /* 24 octets: the BAD at 18 runs to 32 */
    cr_assert_eq(ms_mh_decode(buf, (size_t)n, &d), MS_EOPT_OVERRUN);
}

Test(mh, option_errors_surface)
{
    /* BU with a zero-length BRA, a zero-length BAD, an option overrun, a lone
     * option Type octet, and a BAD followed by padding. */
    uint8_t p[16] = {0x3b, 0x01, 0x05, 0x00, 0, 0, 0, 1, 0, 0, 0, 0};
    struct ms_mh d;
    memcpy(p + 12, "\x02\x00\x00\x00", 4);
    cr_assert_eq(ms_mh_decode(p, 16, &d), MS_EBAD_OPTLEN);
    memcpy(p + 12, "\x00\x00\x05\x00", 4);
    cr_assert_eq(ms_mh_decode(p, 16, &d), MS_EZERO_OPTLEN);
    memcpy(p + 12, "\x01\x03\x00\x00", 4);
    cr_assert_eq(ms_mh_decode(p, 16, &d), MS_EOPT_OVERRUN);
    memcpy(p + 12, "\x00\x00\x00\x01", 4);
    cr_assert_eq(ms_mh_decode(p, 16, &d), MS_ETRUNC);
    memcpy(p + 12, "\x05\x01\xAA\x00", 4);
    cr_assert_eq(ms_mh_decode(p, 16, &d), MS_EBADF_NOT_LAST);
    memcpy(p + 12, "\x00\x05\x01\xAA", 4);
    cr_assert_eq(ms_mh_decode(p, 16, &d), 0);
    cr_assert_eq(d.opts.auth_len, 1);
    cr_assert_eq(d.opts.diag, MS_MH_DIAG_MISALIGNED, "BAD at 13, not 8n+2");
}

/* ---- Checksum ---- */

Test(mh, bad_checksum)
{
    struct in6_addr s = addr(SRC), t = addr(DST), other = addr("2001:db8:1::101");
    for (size_t i = 0; i < N_SAMPLES; i++) {
        struct ms_mh m = samples[i]();
        uint8_t buf[256];
        int n = enc(&m, buf, sizeof buf);
        for (int k = 0; k < n; k++) {
            buf[k] ^= 0x40;
            /* A flipped Header Len no longer fits the buffer. */
            cr_assert_eq(ms_mh_verify_cksum(buf, (size_t)n, &s, &t),
                         k == 1 ? MS_EBAD_LEN : MS_EBAD_CHECKSUM, "sample %zu octet %d", i, k);
            buf[k] ^= 0x40;
        }
        cr_assert_eq(ms_mh_verify_cksum(buf, (size_t)n, &other, &t), MS_EBAD_CHECKSUM);
        cr_assert_eq(ms_mh_verify_cksum(buf, (size_t)n, &s, &other), MS_EBAD_CHECKSUM);
        cr_assert_eq(ms_mh_verify_cksum(buf, (size_t)n, &t, &s), 0,
                     "swapping src/dst keeps the one's complement sum");
    }
}

/* RFC 6275 s6.1.1: with a Home Address option the home address is the
 * pseudo-header source; the caller passes it. */
Test(mh, checksum_with_home_address)
{
    struct in6_addr hoa = addr("2001:db8:aa::10"), coa = addr(SRC), cn = addr(DST);
    struct ms_mh m = s_bu();
    uint8_t buf[64];
    int n = ms_mh_encode(&m, &hoa, &cn, buf, sizeof buf);
    cr_assert_gt(n, 0);
    cr_assert_eq(ms_mh_verify_cksum(buf, (size_t)n, &hoa, &cn), 0);
    cr_assert_eq(ms_mh_verify_cksum(buf, (size_t)n, &coa, &cn), MS_EBAD_CHECKSUM);
    cr_assert_eq(ms_mh_fix_cksum(buf, (size_t)n, &coa, &cn), 0);
    cr_assert_eq(ms_mh_verify_cksum(buf, (size_t)n, &coa, &cn), 0);
    cr_assert_eq(ms_rd16(buf + 4), ref_cksum(SRC, DST, buf, (size_t)n));
}

Test(mh, encode_null_addresses_leaves_checksum_zero)
{
    struct ms_mh m = s_be();
    uint8_t buf[64];
    memset(buf, 0xAA, sizeof buf);
    int n = ms_mh_encode(&m, NULL, NULL, buf, sizeof buf);
    cr_assert_eq(n, 24);
    cr_assert_eq(ms_rd16(buf + 4), 0);
}

/* ---- Types and Payload Proto ---- */

Test(mh, unknown_type_exposes_type)
{
    /* FBU (8) and FBack (9) until mh_fmip.c exists, then genuinely unknown
     * values.  RFC 6275 s9.2: the caller answers with BE Status 2. */
    static const uint8_t types[] = {11, 12, 13, 16, 17, 100, 255};
    for (size_t i = 0; i < sizeof types; i++) {
        uint8_t p[16] = {0x3b, 0x01, types[i], 0x00};
        struct ms_mh d;
        cr_assert_eq(ms_mh_decode(p, sizeof p, &d), MS_EUNKNOWN_TYPE);
        cr_assert_eq(d.type, types[i]);
        cr_assert_eq(d.payload_proto, MS_IPPROTO_NONE);
        cr_assert_eq(d.wire_len, 16);
        size_t off, alen;
        cr_assert_eq(ms_mh_bad_locate(p, sizeof p, &off, &alen), MS_EUNKNOWN_TYPE);
        /* The checksum can still be checked (the BE is sent only for a
         * message whose checksum verified). */
        struct in6_addr s = addr(SRC), t = addr(DST);
        cr_assert_eq(ms_mh_fix_cksum(p, sizeof p, &s, &t), 0);
        cr_assert_eq(ms_mh_verify_cksum(p, sizeof p, &s, &t), 0);

        struct ms_mh m;
        ms_mh_init(&m, types[i]);
        uint8_t buf[64];
        cr_assert_eq(ms_mh_len(&m), 0);
        cr_assert_eq(ms_mh_encode(&m, NULL, NULL, buf, sizeof buf), MS_EUNKNOWN_TYPE);
    }
}

Test(mh, payload_proto)
{
    struct ms_mh m = s_bu(), d;
    uint8_t buf[64];
    m.payload_proto = 0; /* a zeroed struct still sends 59 */
    enc(&m, buf, sizeof buf);
    cr_assert_eq(buf[0], MS_IPPROTO_NONE);
    m.payload_proto = MS_IPPROTO_TCP; /* accepted and exposed, s9.2 is the role's call */
    int n = enc(&m, buf, sizeof buf);
    cr_assert_eq(buf[0], MS_IPPROTO_TCP);
    cr_assert_eq(ms_mh_decode(buf, (size_t)n, &d), 0);
    cr_assert_eq(d.payload_proto, MS_IPPROTO_TCP);
    cr_assert_not(ms_mh_equal(&d, &(struct ms_mh){.type = MS_MH_BU}));
}

Test(mh, init)
{
    struct ms_mh m;
    memset(&m, 0xAA, sizeof m);
    ms_mh_init(&m, MS_MH_BA);
    cr_assert_eq(m.type, MS_MH_BA);
    cr_assert_eq(m.payload_proto, MS_IPPROTO_NONE);
    cr_assert_eq(m.opts.present, 0);
    cr_assert_eq(m.u.ba.seq, 0);
}

Test(mh, encode_cap_too_small)
{
    for (size_t i = 0; i < N_SAMPLES; i++) {
        struct ms_mh m = samples[i]();
        uint8_t buf[256];
        size_t need = ms_mh_len(&m);
        cr_assert_gt(need, 0);
        for (size_t cap = 0; cap < need; cap++)
            cr_assert_eq(ms_mh_encode(&m, NULL, NULL, buf, cap), -EMSGSIZE);
        cr_assert_eq(ms_mh_encode(&m, NULL, NULL, buf, need), (int)need);
    }
}

Test(mh, encode_invalid_options)
{
    struct ms_mh m = s_bu();
    uint8_t buf[256];
    m.opts.present |= MS_MH_OPTS_BAD;
    m.opts.auth_len = 40;
    cr_assert_eq(ms_mh_len(&m), 0);
    cr_assert_eq(ms_mh_encode(&m, NULL, NULL, buf, sizeof buf), -EINVAL);
}

/* ---- Binding Authorization Data (RFC 6275 s6.2.7, s5.2.6) ---- */

/* Mobility Data = care-of address | correspondent | MH Data, where MH Data is
 * the MH with the Checksum zero and without the Authenticator. */
Test(mh_bad, locate_and_mobility_data)
{
    struct in6_addr coa = addr(SRC), cn = addr(DST), hoa = addr("2001:db8:aa::10");
    struct ms_mh m = s_bu_cn();
    memset(m.opts.auth, 0, sizeof m.opts.auth);

    /* Sender: encode with zero authenticator and zero checksum. */
    uint8_t buf[128];
    int n = ms_mh_encode(&m, NULL, NULL, buf, sizeof buf);
    cr_assert_eq(n, 32);
    size_t off = 0, alen = 0;
    cr_assert_eq(ms_mh_bad_locate(buf, (size_t)n, &off, &alen), 0);
    cr_assert_eq(off, 20);
    cr_assert_eq(alen, 12);
    cr_assert_eq(buf[off - 2], MS_MH_OPT_BAD);
    cr_assert_eq(buf[off - 1], 12);

    uint8_t md[32 + MS_MH_MAX_LEN];
    int mlen = ms_mh_bad_mobility_data(buf, (size_t)n, &coa, &cn, md, sizeof md);
    cr_assert_eq(mlen, 32 + 20);
    cr_assert_eq(memcmp(md, coa.s6_addr, 16), 0);
    cr_assert_eq(memcmp(md + 16, cn.s6_addr, 16), 0);
    cr_assert_eq(memcmp(md + 32, buf, 20), 0, "MH up to and incl. the BAD Type/Length");
    cr_assert_eq(md[32 + 1], 3, "Header Len counts the authenticator");

    /* "Sign" it (any 12 octets stand in for HMAC-SHA1-96), fix the checksum
     * with the home address as source (Home Address option present). */
    for (size_t i = 0; i < alen; i++)
        buf[off + i] = (uint8_t)(0x5A ^ md[i % (size_t)mlen]);
    cr_assert_eq(ms_mh_fix_cksum(buf, (size_t)n, &hoa, &cn), 0);
    cr_assert_eq(ms_mh_verify_cksum(buf, (size_t)n, &hoa, &cn), 0);

    /* Receiver: the same Mobility Data from the signed, checksummed packet. */
    uint8_t md2[32 + MS_MH_MAX_LEN];
    cr_assert_eq(ms_mh_bad_mobility_data(buf, (size_t)n, &coa, &cn, md2, sizeof md2), mlen);
    cr_assert_eq(memcmp(md, md2, (size_t)mlen), 0);
    struct ms_mh d;
    cr_assert_eq(ms_mh_decode(buf, (size_t)n, &d), 0);
    cr_assert_eq(d.opts.auth_len, 12);
    cr_assert_eq(memcmp(d.opts.auth, buf + off, 12), 0);

    /* Any change to an authenticated octet changes Mobility Data. */
    buf[7] ^= 1;
    cr_assert_eq(ms_mh_bad_mobility_data(buf, (size_t)n, &coa, &cn, md2, sizeof md2), mlen);
    cr_assert_neq(memcmp(md, md2, (size_t)mlen), 0);
    buf[7] ^= 1;

    cr_assert_eq(ms_mh_bad_mobility_data(buf, (size_t)n, &coa, &cn, md2, (size_t)mlen - 1),
                 -EMSGSIZE);
}

Test(mh_bad, ba_with_bra_and_bad)
{
    struct ms_mh m = s_ba();
    m.opts.present |= MS_MH_OPTS_BAD; /* auth_len 0: the 12-octet default */
    uint8_t buf[64];
    int n = enc(&m, buf, sizeof buf);
    /* BRA at 12, PadN(0) at 16, BAD at 18 (8n+2), end 32. */
    cr_assert_eq(n, 32);
    cr_assert_eq(buf[12], MS_MH_OPT_BRA);
    cr_assert_eq(buf[16], MS_MH_OPT_PADN);
    cr_assert_eq(buf[17], 0);
    cr_assert_eq(buf[18], MS_MH_OPT_BAD);
    cr_assert_eq(buf[19], 12);
    size_t off, alen;
    cr_assert_eq(ms_mh_bad_locate(buf, (size_t)n, &off, &alen), 0);
    cr_assert_eq(off, 20);
    cr_assert_eq(alen, 12);
}

Test(mh_bad, locate_absent)
{
    struct ms_mh m = s_bu_altcoa();
    uint8_t buf[64];
    int n = enc(&m, buf, sizeof buf);
    size_t off, alen;
    cr_assert_eq(ms_mh_bad_locate(buf, (size_t)n, &off, &alen), -ENOENT);
    uint8_t md[64];
    struct in6_addr a = addr(SRC);
    cr_assert_eq(ms_mh_bad_mobility_data(buf, (size_t)n, &a, &a, md, sizeof md), -ENOENT);
}

/* ---- Format ---- */

Test(mh, format)
{
    char s[256];
    struct ms_mh m = s_bu();
    cr_assert_eq(ms_mh_format(&m, s, sizeof s), (int)strlen("BU seq=5 flags=AH lifetime=420s"));
    cr_assert_str_eq(s, "BU seq=5 flags=AH lifetime=420s");
    m = s_bu_altcoa();
    ms_mh_format(&m, s, sizeof s);
    cr_assert_str_eq(s, "BU seq=5 flags=AH lifetime=420s altcoa=2001:db8:2::99");
    m.u.bu.flags = 0;
    m.opts.present = 0;
    ms_mh_format(&m, s, sizeof s);
    cr_assert_str_eq(s, "BU seq=5 flags=- lifetime=420s");
    m.u.bu.flags = MS_BU_F_M | MS_BU_F_A | 0x0001;
    m.payload_proto = MS_IPPROTO_TCP;
    ms_mh_format(&m, s, sizeof s);
    cr_assert_str_eq(s, "BU seq=5 flags=AM+0x0001 lifetime=420s pp=6");
    m = s_ba();
    ms_mh_format(&m, s, sizeof s);
    cr_assert_str_eq(s, "BA status=0(ACCEPTED) flags=K seq=5 lifetime=420s refresh=400s");
    m = s_be();
    ms_mh_format(&m, s, sizeof s);
    cr_assert_str_eq(s, "BE status=2 hoa=2001:db8:aa::10");
    m = s_brr();
    ms_mh_format(&m, s, sizeof s);
    cr_assert_str_eq(s, "BRR");
    m = s_hoti();
    ms_mh_format(&m, s, sizeof s);
    cr_assert_str_eq(s, "HoTI cookie=0102030405060708");
    m = s_coti();
    ms_mh_format(&m, s, sizeof s);
    cr_assert_str_eq(s, "CoTI cookie=f1f2f3f4f5f6f7f8");
    m = s_hot();
    ms_mh_format(&m, s, sizeof s);
    cr_assert_str_eq(s, "HoT nonce=2571 cookie=0102030405060708 token=1112131415161718");
    m = s_cot();
    ms_mh_format(&m, s, sizeof s);
    cr_assert_str_eq(s, "CoT nonce=3085 cookie=f1f2f3f4f5f6f7f8 token=2122232425262728");
    m = s_bu_cn();
    ms_mh_format(&m, s, sizeof s);
    cr_assert_str_eq(s, "BU seq=4660 flags=A lifetime=400s nonce=7/9 auth[12]");
    ms_mh_init(&m, 200);
    ms_mh_format(&m, s, sizeof s);
    cr_assert_str_eq(s, "MH type=200");
}

Test(mh, format_truncates_safely)
{
    struct ms_mh m = s_bu_cn();
    char full[256];
    int n = ms_mh_format(&m, full, sizeof full);
    for (size_t cap = 1; cap < (size_t)n + 2; cap++) {
        char *s = malloc(cap);
        cr_assert_not_null(s);
        cr_assert_eq(ms_mh_format(&m, s, cap), n);
        cr_assert_eq(strlen(s), cap - 1 < (size_t)n ? cap - 1 : (size_t)n);
        cr_assert_eq(strncmp(s, full, strlen(s)), 0);
        free(s);
    }
    cr_assert_eq(ms_mh_format(&m, NULL, 0), n);
}

Test(mh, equal)
{
    struct ms_mh a = s_bu_cn(), b = s_bu_cn();
    cr_assert(ms_mh_equal(&a, &b));
    b.u.bu.seq++;
    cr_assert_not(ms_mh_equal(&a, &b));
    b = s_bu_cn();
    b.opts.auth[11] ^= 1;
    cr_assert_not(ms_mh_equal(&a, &b));
    b = s_bu_cn();
    b.type = MS_MH_BA;
    cr_assert_not(ms_mh_equal(&a, &b));
    b = s_bu_cn();
    b.wire_len = 99;
    b.opts.diag = 1;
    b.u.bu.lifetime_s = 403; /* same on the wire */
    cr_assert(ms_mh_equal(&a, &b));
}
