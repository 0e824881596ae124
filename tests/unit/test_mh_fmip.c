/* FMIPv6 Mobility Header messages (RFC 5568 s6.2, RFC 5268 s6.3, RFC 4068
 * s6.3, RFC 5949 s6.1): wire/mh_fmip.c through ms_mh_encode/ms_mh_decode_ex,
 * under each generation (fmip_variant.h); and the HMIPv6 M flag of the BU
 * (RFC 5380 s6.1, RFC 4140 s4.1).  Options in detail: test_mh_opt_fmip.c,
 * test_mh_opt_ero.c. */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "wire/bytes.h"
#include "wire/err.h"
#include "wire/fmip_variant.h"
#include "wire/mh.h"

#include "unit/mh_test_util.h"

static const enum ms_fmip_variant variants[] = {MS_FMIP_RFC5568, MS_FMIP_RFC5268, MS_FMIP_RFC4068};

static void
assert_golden(const uint8_t *buf, int n, const uint8_t *want, size_t wlen)
{
    cr_assert_eq((size_t)n, wlen, "length %d, want %zu", n, wlen);
    cr_assert_eq(memcmp(buf, want, 4), 0, "common header");
    for (size_t i = 6; i < wlen; i++)
        cr_assert_eq(buf[i], want[i], "octet %zu: 0x%02x, want 0x%02x", i, buf[i], want[i]);
    cr_assert_eq(ms_rd16(buf + 4), ref_cksum(SRC, DST, want, wlen));
}

/* Encode under m->variant, decode under the same, compare, re-encode. */
static void
roundtrip(const struct ms_mh *m)
{
    uint8_t buf[MS_MH_MAX_LEN], buf2[MS_MH_MAX_LEN];
    static struct ms_mh d, d2;
    int n = enc(m, buf, sizeof buf);
    cr_assert_gt(n, 0, "type %u variant %d rc %d", m->type, m->variant, n);
    cr_assert_eq(ms_mh_decode_ex(buf, (size_t)n, m->variant, &d), 0);
    cr_assert_eq(d.wire_len, n);
    cr_assert_eq(d.variant, m->variant);
    cr_assert_eq(d.opts.diag, 0, "type %u opts diag 0x%x", m->type, d.opts.diag);
    cr_assert(ms_mh_equal(m, &d), "type %u variant %d", m->type, m->variant);
    cr_assert_eq(enc(&d, buf2, sizeof buf2), n);
    cr_assert_eq(memcmp(buf, buf2, (size_t)n), 0);
    cr_assert_eq(ms_mh_decode_ex(buf2, (size_t)n, m->variant, &d2), 0);
    cr_assert(ms_mh_equal(&d, &d2));
}

static const uint8_t mac[6] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55};

static void
set_lla(struct ms_mh *m)
{
    m->opts.present |= MS_MH_OPTS_LLA;
    m->opts.lla_code = MS_LLA_MN;
    m->opts.lla_len = 6;
    memcpy(m->opts.lla, mac, 6);
}

static void
set_badf(struct ms_mh *m)
{
    m->opts.present |= MS_MH_OPTS_BADF;
    m->opts.badf_spi = 256;
    m->opts.badf_auth_len = 12;
    for (int i = 0; i < 12; i++)
        m->opts.badf_auth[i] = (uint8_t)(0xA0 + i);
}

/* ---- Samples (RFC 5568 defaults; tests set the variant) ---- */

/* FBU from the PAR's link: Alternate CoA = NCoA, BADF last (s6.2.2). */
static struct ms_mh
s_fbu(void)
{
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_FBU);
    m.u.fbu.seq = 0x11;
    m.u.fbu.flags = MS_FBU_F_A | MS_FBU_F_H;
    m.u.fbu.lifetime_s = 300;
    m.opts.present = MS_MH_OPTS_ALT_COA;
    m.opts.alt_coa = addr("2001:db8:2::99");
    set_badf(&m);
    return m;
}

static struct ms_mh
s_fbu_lla(void)
{
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_FBU);
    m.u.fbu.seq = 0x11;
    m.u.fbu.flags = MS_FBU_F_A | MS_FBU_F_H;
    m.u.fbu.lifetime_s = 300;
    set_lla(&m);
    set_badf(&m);
    return m;
}

static struct ms_mh
s_fback(void)
{
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_FBACK);
    m.u.fback.status = MS_FBACK_ACCEPTED;
    m.u.fback.flags = MS_BA_F_K;
    m.u.fback.seq = 0x11;
    m.u.fback.lifetime_s = 300;
    set_badf(&m);
    return m;
}

static struct ms_mh
s_hi(void)
{
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_HI);
    m.u.hi.seq = 7;
    m.u.hi.flags = MS_HI_F_S | MS_HI_F_U;
    m.u.hi.code = MS_HI_FBU_FROM_PCOA;
    set_lla(&m);
    struct in6_addr pcoa = addr("2001:db8:1::100"), ncoa = addr("2001:db8:2::100");
    cr_assert_eq(ms_mh_opts_add_ipaddr(&m.opts, MS_IPADDR_OLD_COA, 128, &pcoa), 0);
    cr_assert_eq(ms_mh_opts_add_ipaddr(&m.opts, MS_IPADDR_NEW_COA, 128, &ncoa), 0);
    return m;
}

static struct ms_mh
s_hack(void)
{
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_HACK);
    m.u.hack.seq = 7;
    m.u.hack.code = MS_HACK_ACCEPTED_NCOA_ASSIGNED;
    struct in6_addr ncoa = addr("2001:db8:2::100");
    cr_assert_eq(ms_mh_opts_add_ipaddr(&m.opts, MS_IPADDR_NEW_COA, 128, &ncoa), 0);
    return m;
}

static struct ms_mh
s_fna(void)
{
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_FNA);
    set_lla(&m);
    return m;
}

/* A PFMIPv6 HI (RFC 5949 s6.1.1): P and F, Code 3, no MH-LLA. */
static struct ms_mh
s_hi_pfmip(void)
{
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_HI);
    m.u.hi.seq = 0xBEEF;
    m.u.hi.flags = MS_HI_F_P | MS_HI_F_F | MS_HI_F_U;
    m.u.hi.code = MS_HI_CONTEXT_TRANSFERRED;
    return m;
}

typedef struct ms_mh (*sample_fn)(void);
static const sample_fn samples[] = {s_fbu, s_fbu_lla, s_fback, s_hi, s_hack, s_fna, s_hi_pfmip};
#define N_SAMPLES (sizeof samples / sizeof samples[0])

/* ---- Round trips, every message under every generation ---- */

Test(mh_fmip, roundtrip_every_message_every_variant)
{
    for (size_t v = 0; v < 3; v++) {
        for (size_t i = 0; i < N_SAMPLES; i++) {
            struct ms_mh m = samples[i]();
            m.variant = variants[v];
            roundtrip(&m);
        }
    }
}

Test(mh_fbu, roundtrip_all_flags_and_lifetimes)
{
    struct ms_mh m = s_fbu();
    for (size_t v = 0; v < 3; v++) {
        m.variant = variants[v];
        for (int b = 0; b < 16; b++) {
            m.u.fbu.flags = (uint16_t)(1u << b);
            roundtrip(&m);
        }
        m.u.fbu.flags = 0xFFFF;
        roundtrip(&m);
        for (uint32_t lt = 0; lt < 20; lt++) {
            m.u.fbu.lifetime_s = lt * 4u;
            roundtrip(&m);
        }
    }
}

Test(mh_fback, roundtrip_every_status)
{
    struct ms_mh m = s_fback();
    for (unsigned st = 0; st < 256; st++) {
        m.u.fback.status = (uint8_t)st;
        m.u.fback.flags = (uint8_t)(st * 37);
        m.variant = variants[st % 3];
        roundtrip(&m);
    }
}

Test(mh_hi, roundtrip_every_flags_and_code)
{
    struct ms_mh m = s_hi();
    for (unsigned f = 0; f < 256; f += 7) {
        for (unsigned c = 0; c < 256; c += 5) {
            m.u.hi.flags = (uint8_t)f;
            m.u.hi.code = (uint8_t)c;
            roundtrip(&m);
        }
    }
    struct ms_mh h = s_hack();
    for (unsigned c = 0; c < 256; c++) {
        h.u.hack.code = (uint8_t)c;
        h.u.hack.flags = (uint8_t)(c ^ 0xA5);
        h.variant = variants[c % 3];
        roundtrip(&h);
    }
}

/* RFC 4068 s6.3.3: "the Payload Proto field may be set to IPv6 to assist
 * FBU encapsulation" (CODEPOINTS s1). */
Test(mh_fna, payload_proto_ipv6)
{
    struct ms_mh m = s_fna(), d;
    m.variant = MS_FMIP_RFC4068;
    m.payload_proto = MS_IPPROTO_IPV6;
    roundtrip(&m);
    uint8_t buf[64 + 48];
    int n = enc(&m, buf, sizeof buf);
    cr_assert_eq(buf[0], MS_IPPROTO_IPV6);
    /* The encapsulated packet follows the MH; the decoder stops at wire_len. */
    memset(buf + n, 0x60, 40);
    cr_assert_eq(ms_mh_decode_ex(buf, (size_t)n + 40, MS_FMIP_RFC4068, &d), 0);
    cr_assert_eq(d.payload_proto, MS_IPPROTO_IPV6);
    cr_assert_eq(d.wire_len, n);
    cr_assert_eq(d.diag, 0);
}

/* ---- Golden bytes, hand-assembled from the RFC figures ---- */

/* RFC 5568 s6.2.2 Figure 8 + s6.2.5 (Alt CoA 8n+6) + s6.4.5 Figure 15 (BADF
 * last; mipsim's Option Length = SPI + Authenticator = 16). */
Test(mh_fbu, golden_rfc5568_altcoa_badf)
{
    static const uint8_t want[] = {
        0x3b, 0x06, 0x08, 0x00, 0,    0,                            /* HL 6: 56 octets */
        0x00, 0x11, 0xC0, 0x00, 0x01, 0x2C,                         /* seq 17, A|H, 300 s */
        0x01, 0x00,                                                 /* 12: PadN(2) */
        0x03, 0x10, 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x02, 0x00, 0x00, /* 14: Alt CoA */
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x99,             /*     2001:db8:2::99 */
        0x01, 0x04, 0x00, 0x00, 0x00, 0x00,                         /* 32: PadN(6) */
        0x15, 0x10, 0x00, 0x00, 0x01, 0x00,                         /* 38: BADF, SPI 256 */
        0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xAB,
    };
    uint8_t buf[128];
    struct ms_mh m = s_fbu();
    assert_golden(buf, enc(&m, buf, sizeof buf), want, sizeof want);
    /* The RFC 5268 layout is the same. */
    m.variant = MS_FMIP_RFC5268;
    assert_golden(buf, enc(&m, buf, sizeof buf), want, sizeof want);
}

/* RFC 5568 s6.4.4 Figure 14: MH-LLA Length counts the Option-Code (7 for a
 * 6-octet address), no alignment; then BADF ending the MH. */
Test(mh_fbu, golden_rfc5568_lla)
{
    static const uint8_t want[] = {
        0x3b, 0x04, 0x08, 0x00, 0,    0,    0x00, 0x11, 0xC0, 0x00, 0x01, 0x2C,
        0x07, 0x07, 0x02, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, /* 12: MH-LLA */
        0x00,                                                 /* 21: Pad1 */
        0x15, 0x10, 0x00, 0x00, 0x01, 0x00,                   /* 22: BADF */
        0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xAB,
    };
    uint8_t buf[128];
    struct ms_mh m = s_fbu_lla();
    assert_golden(buf, enc(&m, buf, sizeof buf), want, sizeof want);
}

/* RFC 4068 s6.3.1 (Lifetime "See RFC 3775": 300 s = 75 units of 4 s) and
 * s6.4.4 Figure 15 (MH-LLA Length excludes Option-Code: 7 = Pad0 + 6; Type
 * at 8n+6).  RFC 4068 has no BADF. */
Test(mh_fbu, golden_rfc4068_lla_lifetime_units)
{
    static const uint8_t want[] = {
        0x3b, 0x02, 0x08, 0x00, 0,    0,    0x00, 0x11, 0xC0, 0x00,
        0x00, 0x4B, 0x01, 0x00,                                     /* 12: PadN(2) */
        0x07, 0x07, 0x02, 0x00, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, /* 14: MH-LLA + Pad0 */
    };
    uint8_t buf[128];
    struct ms_mh m = s_fbu_lla(), d;
    m.variant = MS_FMIP_RFC4068;
    m.opts.present &= ~MS_MH_OPTS_BADF;
    int n = enc(&m, buf, sizeof buf);
    assert_golden(buf, n, want, sizeof want);
    cr_assert_eq(ms_mh_decode_ex(want, sizeof want, MS_FMIP_RFC4068, &d), 0);
    cr_assert_eq(d.u.fbu.lifetime_s, 300);
    cr_assert_eq(d.opts.lla_len, 6);
    cr_assert_eq(memcmp(d.opts.lla, mac, 6), 0);
    cr_assert_eq(d.diag, 0, "no BADF is expected under RFC 4068");
}

/* RFC 5568 s6.2.3 Figure 9: Status, K, Seq, Lifetime in seconds; BADF. */
Test(mh_fback, golden_rfc5568)
{
    static const uint8_t want[] = {
        0x3b, 0x03, 0x09, 0x00, 0,    0,    0x00, 0x80, 0x00, 0x11, 0x01, 0x2C,
        0x01, 0x00,                         /* 12: PadN(2) */
        0x15, 0x10, 0x00, 0x00, 0x01, 0x00, /* 14: BADF (8n+6) */
        0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xAB,
    };
    uint8_t buf[128];
    struct ms_mh m = s_fback();
    assert_golden(buf, enc(&m, buf, sizeof buf), want, sizeof want);
}

/* RFC 4068 s6.3.2: the FBack Lifetime is in seconds there too (unlike the
 * FBU's). */
Test(mh_fback, golden_rfc4068_seconds)
{
    static const uint8_t want[] = {0x3b, 0x01, 0x09, 0x00, 0,    0,    0x00, 0x80,
                                   0x00, 0x11, 0x01, 0x2C, 0x01, 0x02, 0x00, 0x00};
    uint8_t buf[64];
    struct ms_mh m = s_fback(), d;
    m.variant = MS_FMIP_RFC4068;
    m.opts.present = 0;
    assert_golden(buf, enc(&m, buf, sizeof buf), want, sizeof want);
    cr_assert_eq(ms_mh_decode_ex(want, sizeof want, MS_FMIP_RFC4068, &d), 0);
    cr_assert_eq(d.u.fback.lifetime_s, 300);
}

/* RFC 5568 s6.2.1.1 Figure 6 + s6.4.2 (option 34, 8n+4): HI with S, U,
 * Code 0, the MN's LLA, PCoA (Option-Code 1) and NCoA (2). */
Test(mh_hi, golden)
{
    static const uint8_t want[] = {
        0x3b, 0x07, 0x0e, 0x00, 0,    0,    0x00, 0x07, 0xC0, 0x00,       /* seq 7, S|U, 0 */
        0x07, 0x07, 0x02, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55,             /* 10: MH-LLA */
        0x00,                                                             /* 19: Pad1 */
        0x22, 0x12, 0x01, 0x80, 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0, 0, /* 20: PCoA */
        0,    0,    0,    0,    0,    0,    0x01, 0x00,                   /*   ::100 */
        0x01, 0x02, 0x00, 0x00,                                           /* 40: PadN(4) */
        0x22, 0x12, 0x02, 0x80, 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x02, 0, 0, /* 44: NCoA */
        0,    0,    0,    0,    0,    0,    0x01, 0x00,
    };
    uint8_t buf[128];
    struct ms_mh m = s_hi();
    assert_golden(buf, enc(&m, buf, sizeof buf), want, sizeof want);
}

/* RFC 5568 s6.2.1.2 Figure 7: HAck Code 2 (NCoA assigned) with the NCoA. */
Test(mh_hack, golden)
{
    static const uint8_t want[] = {
        0x3b, 0x03, 0x0f, 0x00, 0,    0,    0x00, 0x07, 0x00, 0x02, 0x01, 0x00, /* 10: PadN(2) */
        0x22, 0x12, 0x02, 0x80, 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x02, 0,    0,    /* 12: NCoA */
        0,    0,    0,    0,    0,    0,    0x01, 0x00,
    };
    uint8_t buf[128];
    struct ms_mh m = s_hack();
    assert_golden(buf, enc(&m, buf, sizeof buf), want, sizeof want);
}

/* RFC 4068 s6.3.3 Figure 10 + s6.4.4 Figure 15: FNA with the MH-LLA. */
Test(mh_fna, golden_rfc4068)
{
    static const uint8_t want[] = {
        0x3b, 0x02, 0x0a, 0x00, 0,    0,    0x00, 0x00,             /* Reserved */
        0x01, 0x04, 0x00, 0x00, 0x00, 0x00,                         /* 8: PadN(6) */
        0x07, 0x07, 0x02, 0x00, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, /* 14: MH-LLA */
    };
    uint8_t buf[64];
    struct ms_mh m = s_fna(), d;
    m.variant = MS_FMIP_RFC4068;
    assert_golden(buf, enc(&m, buf, sizeof buf), want, sizeof want);
    cr_assert_eq(ms_mh_decode_ex(want, sizeof want, MS_FMIP_RFC4068, &d), 0);
    cr_assert_eq(d.type, MS_MH_FNA);
    cr_assert_eq(d.diag, 0);
}

/* ---- Lifetime units (CODEPOINTS gotcha 5) ---- */

Test(mh_fbu, lifetime_units_per_variant)
{
    cr_assert_eq(ms_mh_lifetime_unit_s(MS_MH_FBU), 1);
    cr_assert_eq(ms_mh_lifetime_unit_s(MS_MH_FBACK), 1);
    cr_assert_eq(ms_mh_lifetime_unit_s_ex(MS_MH_FBU, MS_FMIP_RFC5268), 1);
    cr_assert_eq(ms_mh_lifetime_unit_s_ex(MS_MH_FBU, MS_FMIP_RFC4068), 4);
    cr_assert_eq(ms_mh_lifetime_unit_s_ex(MS_MH_FBACK, MS_FMIP_RFC4068), 1);
    cr_assert_eq(ms_mh_lifetime_unit_s_ex(MS_MH_BU, MS_FMIP_RFC4068), 4);
    cr_assert_eq(ms_mh_lifetime_unit_s_ex(MS_MH_HI, MS_FMIP_RFC5568), 0);
    cr_assert_eq(ms_mh_lifetime_to_wire(MS_MH_FBU, 70000), 0xFFFF, "clamped");
    cr_assert_eq(ms_mh_lifetime_to_wire_ex(MS_MH_FBU, MS_FMIP_RFC4068, 7), 1);
    cr_assert_eq(ms_mh_lifetime_from_wire_ex(MS_MH_FBU, MS_FMIP_RFC4068, 0xFFFF),
                 MS_MH_LIFETIME4_MAX_S);

    /* The same wire word, two readings. */
    struct ms_mh m = s_fbu(), d;
    m.opts.present = 0;
    m.u.fbu.lifetime_s = 40;
    uint8_t buf[64];
    int n = enc(&m, buf, sizeof buf);
    cr_assert_eq(ms_rd16(buf + 10), 40);
    cr_assert_eq(ms_mh_decode_ex(buf, (size_t)n, MS_FMIP_RFC4068, &d), 0);
    cr_assert_eq(d.u.fbu.lifetime_s, 160);
    m.variant = MS_FMIP_RFC4068;
    m.u.fbu.lifetime_s = 43; /* rounds down to 10 units */
    n = enc(&m, buf, sizeof buf);
    cr_assert_eq(ms_rd16(buf + 10), 10);
    cr_assert_eq(ms_mh_decode_ex(buf, (size_t)n, MS_FMIP_RFC4068, &d), 0);
    cr_assert_eq(d.u.fbu.lifetime_s, 40);
    cr_assert(ms_mh_equal(&m, &d), "equal on the wire");
}

/* ---- Receiver rule checks (flagged, not rejected) ---- */

static uint32_t
diag_of(const struct ms_mh *m, enum ms_fmip_variant v)
{
    uint8_t buf[MS_MH_MAX_LEN];
    static struct ms_mh d;
    struct ms_mh e = *m;
    e.variant = v;
    int n = enc(&e, buf, sizeof buf);
    cr_assert_gt(n, 0);
    cr_assert_eq(ms_mh_decode_ex(buf, (size_t)n, v, &d), 0);
    return d.diag;
}

Test(mh_fbu, flag_rules)
{
    struct ms_mh m = s_fbu();
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC5568), 0);
    /* RFC 5568 s6.2.2: A and H MUST be 1. */
    m.u.fbu.flags = MS_FBU_F_A;
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC5568), MS_MH_MSG_FLAGS);
    m.u.fbu.flags = MS_FBU_F_H;
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC4068), MS_MH_MSG_FLAGS);
    /* L and K are allowed. */
    m.u.fbu.flags = MS_FBU_F_A | MS_FBU_F_H | MS_FBU_F_L | MS_FBU_F_K;
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC5568), 0);
    /* Flags of other protocols MUST be zero: HMIPv6 M, NEMO R, PMIPv6 P. */
    static const uint16_t others[] = {MS_BU_F_M, MS_BU_F_R, MS_BU_F_P, 0x0001};
    for (size_t i = 0; i < 4; i++) {
        m.u.fbu.flags = (uint16_t)(MS_FBU_F_A | MS_FBU_F_H | others[i]);
        cr_assert_eq(diag_of(&m, MS_FMIP_RFC5568), MS_MH_MSG_FLAGS, "flag 0x%04x", others[i]);
    }
    /* 0x0100: RFC 5271 B or IANA F (gotcha 7): ambiguous, not a violation. */
    m.u.fbu.flags = MS_FBU_F_A | MS_FBU_F_H | MS_FBU_F_B;
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC5568), MS_MH_MSG_FBU_B);
    /* BADF is mandatory in RFC 5568/5268, absent from RFC 4068. */
    m = s_fbu();
    m.opts.present &= ~MS_MH_OPTS_BADF;
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC5568), MS_MH_MSG_MISSING_OPT);
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC5268), MS_MH_MSG_MISSING_OPT);
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC4068), 0);
}

Test(mh_fback, rules)
{
    struct ms_mh m = s_fback();
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC5568), 0);
    m.u.fback.flags = MS_BA_F_K | 0x01;
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC5568), MS_MH_MSG_FLAGS);
    m = s_fback();
    m.u.fback.status = 2; /* not defined */
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC5568), MS_MH_MSG_CODE);
    m.u.fback.status = MS_FBACK_BAD_IID_LENGTH;
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC4068), 0);
    /* Status 1 MUST carry the Alternate CoA (s6.2.3). */
    m.u.fback.status = MS_FBACK_ACCEPTED_USE_SUPPLIED_NCOA;
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC5568), MS_MH_MSG_MISSING_OPT);
    m.opts.present |= MS_MH_OPTS_ALT_COA;
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC5568), 0);
    m.opts.present &= ~MS_MH_OPTS_BADF;
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC5568), MS_MH_MSG_MISSING_OPT);
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC4068), 0);
}

Test(mh_hi, rules)
{
    struct ms_mh m = s_hi();
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC5568), 0);
    /* S "MUST be 0 when Code = 1" (RFC 5568 s6.2.1.1). */
    m.u.hi.code = MS_HI_FBU_NOT_FROM_PCOA;
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC5568), MS_MH_MSG_FLAGS);
    m.u.hi.flags = MS_HI_F_U;
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC5568), 0);
    /* Codes 2 and 3 need P (RFC 5949 s6.1.1); 4.. are undefined. */
    m.u.hi.code = MS_HI_FORWARDING_COMPLETE;
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC5568), MS_MH_MSG_CODE);
    m.u.hi.code = 4;
    m.u.hi.flags = MS_HI_F_P;
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC5568), MS_MH_MSG_CODE);
    /* With P, S MUST be zero; the MN is named by MN-ID, so no MH-LLA needed. */
    m = s_hi_pfmip();
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC5568), 0);
    m.u.hi.flags |= MS_HI_F_S;
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC5568), MS_MH_MSG_FLAGS);
    /* Without P the MN's LLA MUST be included. */
    m = s_hi();
    m.opts.present &= ~MS_MH_OPTS_LLA;
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC5568), MS_MH_MSG_MISSING_OPT);
    /* The MH form exists only in RFC 5568. */
    m = s_hi();
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC5268), MS_MH_MSG_NOT_IN_VARIANT);
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC4068), MS_MH_MSG_NOT_IN_VARIANT);
}

/* CODEPOINTS gotchas 2 and 3: HAck Codes 2-4 changed meaning. */
Test(mh_hack, code_meanings_per_variant)
{
    cr_assert_str_eq(ms_fmip_hack_code_sym(MS_FMIP_RFC5568, 2), "ACCEPTED_NCOA_ASSIGNED");
    cr_assert_str_eq(ms_fmip_hack_code_sym(MS_FMIP_RFC5568, 3), "ACCEPTED_USE_PCOA");
    cr_assert_str_eq(ms_fmip_hack_code_sym(MS_FMIP_RFC5568, 4), "UNSOLICITED");
    cr_assert_str_eq(ms_fmip_hack_code_sym(MS_FMIP_RFC4068, 2), "ACCEPTED_NCOA_IN_USE");
    cr_assert_str_eq(ms_fmip_hack_code_sym(MS_FMIP_RFC4068, 3), "ACCEPTED_NCOA_ASSIGNED");
    cr_assert_str_eq(ms_fmip_hack_code_sym(MS_FMIP_RFC4068, 4), "ACCEPTED_NCOA_NOT_ASSIGNED");
    cr_assert_str_eq(ms_fmip_hack_code_sym(MS_FMIP_RFC5268, 3), "ACCEPTED_USE_PCOA");
    cr_assert_str_eq(ms_fmip_hack_code_sym(MS_FMIP_RFC5568, 132), "FORWARDING_UNAVAILABLE");
    cr_assert_null(ms_fmip_hack_code_sym(MS_FMIP_RFC5268, 5));
    cr_assert_null(ms_fmip_hack_code_sym(MS_FMIP_RFC4068, 5));
    cr_assert_null(ms_fmip_hack_code_sym(MS_FMIP_RFC5568, 7));
    cr_assert_null(ms_fmip_hack_code_sym(7, 0));

    /* Translation to and from the RFC 5568 meanings. */
    cr_assert_eq(ms_fmip_hack_code_to_5568(MS_FMIP_RFC4068, 2), MS_HACK_ACCEPTED_NCOA_INVALID);
    cr_assert_eq(ms_fmip_hack_code_to_5568(MS_FMIP_RFC4068, 3), MS_HACK_ACCEPTED_NCOA_ASSIGNED);
    cr_assert_eq(ms_fmip_hack_code_to_5568(MS_FMIP_RFC4068, 4), -1);
    cr_assert_eq(ms_fmip_hack_code_to_5568(MS_FMIP_RFC4068, 129), MS_HACK_PROHIBITED);
    cr_assert_eq(ms_fmip_hack_code_to_5568(MS_FMIP_RFC5568, 3), 3);
    cr_assert_eq(ms_fmip_hack_code_to_5568(MS_FMIP_RFC5568, 9), -1);
    /* Gotcha 2: the reply to S = 1 is "NCoA assigned": 2, or 3 under 4068. */
    cr_assert_eq(ms_fmip_hack_code_from_5568(MS_FMIP_RFC5568, MS_HACK_ACCEPTED_NCOA_ASSIGNED), 2);
    cr_assert_eq(ms_fmip_hack_code_from_5568(MS_FMIP_RFC5268, MS_HACK_ACCEPTED_NCOA_ASSIGNED), 2);
    cr_assert_eq(ms_fmip_hack_code_from_5568(MS_FMIP_RFC4068, MS_HACK_ACCEPTED_NCOA_ASSIGNED), 3);
    cr_assert_eq(ms_fmip_hack_code_from_5568(MS_FMIP_RFC4068, MS_HACK_ACCEPTED_USE_PCOA), -1);
    cr_assert_eq(ms_fmip_hack_code_from_5568(MS_FMIP_RFC4068, MS_HACK_UNSOLICITED), -1);
    cr_assert_eq(ms_fmip_hack_code_from_5568(MS_FMIP_RFC5268, MS_HACK_ALL_CONTEXT), -1);
    cr_assert_eq(ms_fmip_hack_code_from_5568(MS_FMIP_RFC5568, MS_HACK_ALL_CONTEXT), 6);
    cr_assert_eq(ms_fmip_hack_code_from_5568(MS_FMIP_RFC4068, MS_HACK_INSUFFICIENT_RESOURCES), 130);
    /* What can be said under 4068 means, read back, what was meant (the map
     * is not one-to-one: 4068 1 and 2 both mean 5568 1). */
    for (unsigned c = 0; c < 256; c++) {
        int y = ms_fmip_hack_code_from_5568(MS_FMIP_RFC4068, c);
        if (y >= 0)
            cr_assert_eq(ms_fmip_hack_code_to_5568(MS_FMIP_RFC4068, (unsigned)y), (int)c,
                         "5568 code %u", c);
    }

    /* The same octets, decoded under each generation. */
    struct ms_mh m = s_hack(), d;
    uint8_t buf[64];
    char s[200];
    int n = enc(&m, buf, sizeof buf);
    cr_assert_eq(ms_mh_decode_ex(buf, (size_t)n, MS_FMIP_RFC5568, &d), 0);
    ms_mh_format(&d, s, sizeof s);
    cr_assert_str_eq(s,
                     "HAck seq=7 flags=- code=2(ACCEPTED_NCOA_ASSIGNED) ncoa=2001:db8:2::100/128");
    cr_assert_eq(ms_mh_decode_ex(buf, (size_t)n, MS_FMIP_RFC4068, &d), 0);
    ms_mh_format(&d, s, sizeof s);
    cr_assert_str_eq(s, "HAck seq=7 flags=- code=2(ACCEPTED_NCOA_IN_USE) rfc4068 mdiag=0x2"
                        " ncoa=2001:db8:2::100/128");
}

Test(mh_hack, rules)
{
    struct ms_mh m = s_hack();
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC5568), 0);
    /* RFC 5949 codes need P. */
    m.u.hack.code = MS_HACK_CONTEXT_ACCEPTED;
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC5568), MS_MH_MSG_CODE);
    m.u.hack.flags = MS_HACK_F_P | MS_HACK_F_U;
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC5568), 0);
    m.u.hack.code = MS_HACK_FORWARDING_UNAVAILABLE;
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC5568), 0);
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC4068), MS_MH_MSG_CODE | MS_MH_MSG_NOT_IN_VARIANT);
    m.u.hack.code = 200;
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC5568), MS_MH_MSG_CODE);
}

/* RFC 5568 s8 / App. C: FNA deprecated, "acceptable for a NAR to process". */
Test(mh_fna, deprecated_under_5568)
{
    struct ms_mh m = s_fna();
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC4068), 0);
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC5568), MS_MH_MSG_DEPRECATED);
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC5268), MS_MH_MSG_DEPRECATED);
    m.opts.present = 0; /* RFC 4068 s6.3.3: the MH-LLA is mandatory */
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC4068), MS_MH_MSG_MISSING_OPT);
    cr_assert_eq(diag_of(&m, MS_FMIP_RFC5568), MS_MH_MSG_DEPRECATED | MS_MH_MSG_MISSING_OPT);
}

/* The MH-LLA of one generation read by another: the two disagree by one
 * octet (gotcha 4), so the message fails or yields another address. */
Test(mh_fmip, lla_layout_mismatch_between_variants)
{
    struct ms_mh m = s_fna(), d;
    uint8_t buf[64];
    m.variant = MS_FMIP_RFC4068;
    int n = enc(&m, buf, sizeof buf);
    int rc = ms_mh_decode_ex(buf, (size_t)n, MS_FMIP_RFC5568, &d);
    cr_assert(rc < 0 || !(d.opts.present & MS_MH_OPTS_LLA) || memcmp(d.opts.lla, mac, 6) != 0 ||
                  d.opts.lla_len != 6,
              "a 4068 MH-LLA must not read as the same address under 5568");
    m.variant = MS_FMIP_RFC5568;
    n = enc(&m, buf, sizeof buf);
    rc = ms_mh_decode_ex(buf, (size_t)n, MS_FMIP_RFC4068, &d);
    cr_assert(rc < 0 || d.opts.lla_len != 6 || memcmp(d.opts.lla, mac, 6) != 0);
}

/* ---- Truncation, lengths, checksum, types ---- */

Test(mh_fmip, truncation_every_prefix_every_variant)
{
    for (size_t v = 0; v < 3; v++) {
        for (size_t i = 0; i < N_SAMPLES; i++) {
            struct ms_mh m = samples[i](), d;
            m.variant = variants[v];
            uint8_t buf[256];
            int n = enc(&m, buf, sizeof buf);
            cr_assert_gt(n, 0);
            for (int k = 0; k < n; k++) {
                uint8_t *cut = malloc(k ? (size_t)k : 1);
                cr_assert_not_null(cut);
                memcpy(cut, buf, (size_t)k);
                int rc = ms_mh_decode_ex(cut, (size_t)k, variants[v], &d);
                cr_assert_eq(rc, k < 8 ? MS_ETRUNC : MS_EBAD_LEN, "sample %zu prefix %d rc %d", i,
                             k, rc);
                size_t off, alen;
                rc = ms_mh_bad_locate_ex(cut, (size_t)k, variants[v], &off, &alen);
                cr_assert_eq(rc, k < 8 ? MS_ETRUNC : MS_EBAD_LEN);
                free(cut);
            }
        }
    }
}

/* Header Len below the type's fixed part (RFC 6275 s9.2): FBU/FBack/HI/HAck
 * need Header Len 1, FNA 0; Header Len past the buffer; zero. */
Test(mh_fmip, header_len_corrupted)
{
    static const struct {
        uint8_t type;
        uint8_t min_hlen;
    } t[] = {{MS_MH_FBU, 1}, {MS_MH_FBACK, 1}, {MS_MH_FNA, 0}, {MS_MH_HI, 1}, {MS_MH_HACK, 1}};
    uint8_t buf[64];
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        for (unsigned hl = 0; hl <= 2; hl++) {
            static struct ms_mh d;
            memset(buf, 0, sizeof buf);
            buf[0] = MS_IPPROTO_NONE;
            buf[1] = (uint8_t)hl;
            buf[2] = t[i].type;
            int rc = ms_mh_decode(buf, sizeof buf, &d);
            if (hl < t[i].min_hlen)
                cr_assert_eq(rc, MS_EBAD_LEN, "type %u hlen %u", t[i].type, hl);
            else
                cr_assert_eq(rc, 0, "type %u hlen %u rc %d", t[i].type, hl, rc);
            cr_assert_eq(d.type, t[i].type);
        }
    }
    for (size_t i = 0; i < N_SAMPLES; i++) {
        struct ms_mh m = samples[i](), d;
        uint8_t b[256];
        int n = enc(&m, b, sizeof b);
        b[1] = (uint8_t)(n / 8);
        cr_assert_eq(ms_mh_decode(b, (size_t)n, &d), MS_EBAD_LEN);
        b[1] = 0xFF;
        cr_assert_eq(ms_mh_decode(b, (size_t)n, &d), MS_EBAD_LEN);
    }
}

/* A Header Len large enough for the type but cutting the options. */
Test(mh_fmip, header_len_cuts_options)
{
    struct ms_mh m = s_fbu(), d;
    uint8_t buf[128];
    int n = enc(&m, buf, sizeof buf);
    cr_assert_eq(n, 56);
    buf[1] = 5; /* 48 octets: the BADF at 38 runs to 56 */
    cr_assert_eq(ms_mh_decode(buf, (size_t)n, &d), MS_EOPT_OVERRUN);
    m = s_hi();
    n = enc(&m, buf, sizeof buf);
    buf[1] = 3; /* 32 octets: the first option 34 at 20 runs to 40 */
    cr_assert_eq(ms_mh_decode(buf, (size_t)n, &d), MS_EOPT_OVERRUN);
}

/* RFC 5568 s6.4.5: BADF "MUST be the last Mobility Option present". */
Test(mh_fbu, badf_not_last)
{
    struct ms_mh m = s_fbu(), d;
    uint8_t buf[128];
    int n = enc(&m, buf, sizeof buf);
    cr_assert_eq(n, 56);
    /* Move the BADF 8 octets earlier and fill the tail with padding. */
    uint8_t b2[128];
    memcpy(b2, buf, 32);
    memcpy(b2 + 32, buf + 38, 18);
    memset(b2 + 50, 0, 6); /* six Pad1 after the BADF */
    cr_assert_eq(ms_mh_decode(b2, 56, &d), MS_EBADF_NOT_LAST);
    b2[50] = MS_MH_OPT_PADN;
    b2[51] = 4;
    cr_assert_eq(ms_mh_decode(b2, 56, &d), MS_EBADF_NOT_LAST);
    b2[50] = MS_MH_OPT_BRA;
    b2[51] = 2;
    cr_assert_eq(ms_mh_decode(b2, 56, &d), MS_EBADF_NOT_LAST);
}

Test(mh_fmip, bad_checksum)
{
    struct in6_addr s = addr(SRC), t = addr(DST), other = addr("2001:db8:1::101");
    for (size_t i = 0; i < N_SAMPLES; i++) {
        struct ms_mh m = samples[i]();
        m.variant = variants[i % 3];
        uint8_t buf[256];
        int n = enc(&m, buf, sizeof buf);
        for (int k = 0; k < n; k++) {
            buf[k] ^= 0x40;
            cr_assert_eq(ms_mh_verify_cksum(buf, (size_t)n, &s, &t),
                         k == 1 ? MS_EBAD_LEN : MS_EBAD_CHECKSUM, "sample %zu octet %d", i, k);
            buf[k] ^= 0x40;
        }
        cr_assert_eq(ms_mh_verify_cksum(buf, (size_t)n, &other, &t), MS_EBAD_CHECKSUM);
        cr_assert_eq(ms_mh_verify_cksum(buf, (size_t)n, &s, &t), 0);
    }
}

Test(mh_fmip, unknown_types_and_invalid_variant)
{
    static const uint8_t types[] = {11, 12, 13, 16, 17, 23, 255};
    for (size_t i = 0; i < sizeof types; i++) {
        uint8_t p[16] = {0x3b, 0x01, types[i], 0x00};
        struct ms_mh d;
        for (size_t v = 0; v < 3; v++) {
            cr_assert_eq(ms_mh_decode_ex(p, sizeof p, variants[v], &d), MS_EUNKNOWN_TYPE);
            cr_assert_eq(d.type, types[i]);
            cr_assert_eq(d.wire_len, 16);
        }
    }
    struct ms_mh m = s_fbu(), d;
    uint8_t buf[128];
    int n = enc(&m, buf, sizeof buf);
    cr_assert_eq(ms_mh_decode_ex(buf, (size_t)n, (enum ms_fmip_variant)3, &d), -EINVAL);
    m.variant = (enum ms_fmip_variant)7;
    cr_assert_eq(ms_mh_len(&m), 0);
    cr_assert_eq(ms_mh_encode(&m, NULL, NULL, buf, sizeof buf), -EINVAL);
    cr_assert_null(ms_fmip_variant_name(3));
    cr_assert_str_eq(ms_fmip_variant_name(MS_FMIP_RFC4068), "rfc4068");
}

Test(mh_fmip, encode_cap_too_small)
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

/* ms_mh_decode (no variant) is RFC 5568: old callers see FMIPv6 messages
 * as RFC 5568 ones, and the struct says so. */
Test(mh_fmip, default_decode_is_rfc5568)
{
    struct ms_mh m = s_fbu(), d, e;
    uint8_t buf[128];
    int n = enc(&m, buf, sizeof buf);
    cr_assert_eq(ms_mh_decode(buf, (size_t)n, &d), 0);
    cr_assert_eq(ms_mh_decode_ex(buf, (size_t)n, MS_FMIP_RFC5568, &e), 0);
    cr_assert_eq(d.variant, MS_FMIP_RFC5568);
    cr_assert(ms_mh_equal(&d, &e));
    cr_assert_eq(d.u.fbu.lifetime_s, 300);
    /* The variant is part of equality. */
    e.variant = MS_FMIP_RFC5268;
    cr_assert_not(ms_mh_equal(&d, &e));
}

/* ---- BADF authentication helpers (RFC 5568 s6.4.5: as RFC 3775's BAD,
 * with the PAR as correspondent) ---- */

Test(mh_fbu, badf_locate_and_mobility_data)
{
    struct in6_addr coa = addr(SRC), par = addr(DST);
    struct ms_mh m = s_fbu();
    memset(m.opts.badf_auth, 0, sizeof m.opts.badf_auth);
    uint8_t buf[128];
    int n = ms_mh_encode(&m, NULL, NULL, buf, sizeof buf);
    cr_assert_eq(n, 56);
    size_t off = 0, alen = 0;
    cr_assert_eq(ms_mh_bad_locate(buf, (size_t)n, &off, &alen), 0);
    cr_assert_eq(off, 44, "after Type, Length and the SPI");
    cr_assert_eq(alen, 12);
    uint8_t md[32 + MS_MH_MAX_LEN];
    int ml = ms_mh_bad_mobility_data(buf, (size_t)n, &coa, &par, md, sizeof md);
    cr_assert_eq(ml, 32 + 44);
    cr_assert_eq(memcmp(md + 32 + 40, "\x00\x00\x01\x00", 4), 0, "the SPI is authenticated");
    /* Sign, checksum, verify. */
    for (size_t i = 0; i < alen; i++)
        buf[off + i] = (uint8_t)(0x33 + i);
    cr_assert_eq(ms_mh_fix_cksum(buf, (size_t)n, &coa, &par), 0);
    cr_assert_eq(ms_mh_verify_cksum(buf, (size_t)n, &coa, &par), 0);
    struct ms_mh d;
    cr_assert_eq(ms_mh_decode(buf, (size_t)n, &d), 0);
    cr_assert_eq(memcmp(d.opts.badf_auth, buf + off, 12), 0);
    /* Same under RFC 4068 framing (the MH-LLA layout differs). */
    m = s_fbu_lla();
    m.variant = MS_FMIP_RFC4068;
    n = ms_mh_encode(&m, NULL, NULL, buf, sizeof buf);
    cr_assert_gt(n, 0);
    cr_assert_eq(ms_mh_bad_locate_ex(buf, (size_t)n, MS_FMIP_RFC4068, &off, &alen), 0);
    cr_assert_eq(off + alen, (size_t)n);
    cr_assert_eq(
        ms_mh_bad_mobility_data_ex(buf, (size_t)n, MS_FMIP_RFC4068, &coa, &par, md, sizeof md),
        (int)(32 + off));
}

/* ---- Format ---- */

Test(mh_fmip, format)
{
    char s[256];
    struct ms_mh m = s_fbu();
    ms_mh_format(&m, s, sizeof s);
    cr_assert_str_eq(s, "FBU seq=17 flags=AH lifetime=300s altcoa=2001:db8:2::99"
                        " badf[spi=256 auth=12]");
    m.u.fbu.flags = MS_FBU_F_A | MS_FBU_F_H | MS_FBU_F_B | MS_BU_F_M;
    m.variant = MS_FMIP_RFC4068;
    m.opts.present = 0;
    ms_mh_format(&m, s, sizeof s);
    cr_assert_str_eq(s, "FBU seq=17 flags=AHB+0x0800 lifetime=300s rfc4068");
    m = s_fback();
    ms_mh_format(&m, s, sizeof s);
    cr_assert_str_eq(s, "FBack status=0(ACCEPTED) flags=K seq=17 lifetime=300s"
                        " badf[spi=256 auth=12]");
    m.u.fback.status = 7;
    m.u.fback.flags = 0;
    m.opts.present = 0;
    ms_mh_format(&m, s, sizeof s);
    cr_assert_str_eq(s, "FBack status=7(?) flags=- seq=17 lifetime=300s");
    m = s_hi();
    ms_mh_format(&m, s, sizeof s);
    cr_assert_str_eq(s, "HI seq=7 flags=SU code=0(FBU_FROM_PCOA) lla=00:11:22:33:44:55"
                        " pcoa=2001:db8:1::100/128 ncoa=2001:db8:2::100/128");
    m = s_hi_pfmip();
    ms_mh_format(&m, s, sizeof s);
    cr_assert_str_eq(s, "HI seq=48879 flags=UPF code=3(CONTEXT_TRANSFERRED)");
    m = s_fna();
    m.variant = MS_FMIP_RFC5268;
    m.diag = MS_MH_MSG_DEPRECATED;
    ms_mh_format(&m, s, sizeof s);
    cr_assert_str_eq(s, "FNA rfc5268 mdiag=0x1 lla=00:11:22:33:44:55");
    m.variant = MS_FMIP_RFC5568;
    ms_mh_format(&m, s, sizeof s);
    cr_assert_str_eq(s, "FNA mdiag=0x1 lla=00:11:22:33:44:55");
    /* snprintf semantics on every cut. */
    m = s_hi();
    char full[256];
    int n = ms_mh_format(&m, full, sizeof full);
    for (size_t cap = 1; cap < (size_t)n + 2; cap++) {
        char *c = malloc(cap);
        cr_assert_not_null(c);
        cr_assert_eq(ms_mh_format(&m, c, cap), n);
        cr_assert_eq(strncmp(c, full, strlen(c)), 0);
        free(c);
    }
}

/* ---- BU M flag: HMIPv6 MAP registration (RFC 5380 s6.1; RFC 4140 s4.1) ---- */

/* "the mobile node sends a local BU to the MAP with the A and M flags set"
 * (RFC 5380 s6.1); RFC 4140 s4.1: "the M and A flags MUST be set".  Figure of
 * RFC 4140 s4.1: |A|H|L|K|M| Reserved |, M = 0x0800.  600 s = 150 units. */
Test(mh_bu, m_flag_map_registration)
{
    static const uint8_t want[] = {0x3b, 0x01, 0x05, 0x00, 0,    0,    0x00, 0x01,
                                   0x88, 0x00, 0x00, 0x96, 0x01, 0x02, 0x00, 0x00};
    struct ms_mh m, d;
    ms_mh_init(&m, MS_MH_BU);
    m.u.bu.seq = 1;
    m.u.bu.flags = MS_BU_F_A | MS_BU_F_M;
    m.u.bu.lifetime_s = 600;
    uint8_t buf[64];
    assert_golden(buf, enc(&m, buf, sizeof buf), want, sizeof want);
    roundtrip(&m);
    cr_assert_eq(ms_mh_decode(want, sizeof want, &d), 0);
    cr_assert(d.u.bu.flags & MS_BU_F_M);
    cr_assert(d.u.bu.flags & MS_BU_F_A);
    cr_assert_eq(d.diag, 0);
    char s[128];
    ms_mh_format(&d, s, sizeof s);
    cr_assert_str_eq(s, "BU seq=1 flags=AM lifetime=600s");
    /* With H and K too, each letter in mask order. */
    m.u.bu.flags = MS_BU_F_A | MS_BU_F_H | MS_BU_F_K | MS_BU_F_M;
    roundtrip(&m);
    ms_mh_format(&m, s, sizeof s);
    cr_assert_str_eq(s, "BU seq=1 flags=AHKM lifetime=600s");
    /* M alone round-trips under every variant (the BU does not depend on it). */
    m.u.bu.flags = MS_BU_F_M;
    for (size_t v = 0; v < 3; v++) {
        m.variant = variants[v];
        roundtrip(&m);
    }
}
