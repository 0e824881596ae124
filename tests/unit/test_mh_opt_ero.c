/* Enhanced Route Optimization mobility options, RFC 4866 s5.1-5.6: CGA
 * Parameters Request (11), CGA Parameters (12), Signature (13), Permanent
 * Home Keygen Token (14), Care-of Test Init (15), Care-of Test (16)
 * (wire/mh_opt_ero.c), and the blob that holds the large payloads. */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "wire/bytes.h"
#include "wire/err.h"
#include "wire/mh.h"

/* struct ms_mh_opts is about 1.7 KiB: keep them static. */
static struct ms_mh_opts o, d;
static uint8_t cga[MS_MH_CGA_PARAMS_MAX + 255];
static uint8_t sig[255];
static uint8_t area[2048];

static void
init_data(void)
{
    for (size_t i = 0; i < sizeof cga; i++)
        cga[i] = (uint8_t)(i * 7 + 1);
    for (size_t i = 0; i < sizeof sig; i++)
        sig[i] = (uint8_t)(0xFF - i);
}

TestSuite(mh_opt_ero, .init = init_data);

static int
enc(const struct ms_mh_opts *x, size_t start, uint8_t *buf, size_t cap)
{
    int n = ms_mh_opts_encode(x, start, buf, cap);
    if (n >= 0) {
        cr_assert_eq((size_t)n, ms_mh_opts_len(x, start));
        cr_assert_eq((start + (size_t)n) % 8, 0);
    }
    return n;
}

/* Writes one option at *n. */
static void
put(uint8_t *p, size_t *n, uint8_t type, const uint8_t *data, size_t len)
{
    p[(*n)++] = type;
    p[(*n)++] = (uint8_t)len;
    if (len)
        memcpy(p + *n, data, len);
    *n += len;
}

/* ---- Golden bytes ---- */

/* Hand-assembled from RFC 4866 s5.1-5.6 at the end of a BU's fixed part (12):
 * CGA Parameters Request (Length 0), CGA Parameters (3 octets), Signature
 * (2), Care-of Test Init (0; s4.1: it "MUST follow the CGA Parameters and
 * Signature options"), PHKT (8), Care-of Test (8; s4.3: after the PHKT),
 * back to back; then PadN to the 8-octet boundary. */
Test(mh_opt_ero, golden_all_options)
{
    memset(&o, 0, sizeof o);
    o.present = MS_MH_OPTS_CGA_REQ | MS_MH_OPTS_COTI | MS_MH_OPTS_COT;
    static const uint8_t c3[] = {0xC1, 0xC2, 0xC3}, s2[] = {0x51, 0x52},
                         k8[] = {1, 2, 3, 4, 5, 6, 7, 8};
    cr_assert_eq(ms_mh_opts_blob_set(&o, MS_MH_BLOB_CGA, c3, 3), 0);
    cr_assert_eq(ms_mh_opts_blob_set(&o, MS_MH_BLOB_SIG, s2, 2), 0);
    cr_assert_eq(ms_mh_opts_blob_set(&o, MS_MH_BLOB_PHKT, k8, 8), 0);
    o.cot_token = 0x1122334455667788ull;
    static const uint8_t want[] = {
        0x0b, 0x00,                                                 /* 12 CGA Parameters Request */
        0x0c, 0x03, 0xC1, 0xC2, 0xC3,                               /* 14 CGA Parameters */
        0x0d, 0x02, 0x51, 0x52,                                     /* 19 Signature */
        0x0f, 0x00,                                                 /* 23 Care-of Test Init */
        0x0e, 0x08, 1,    2,    3,    4,    5,    6,    7,    8,    /* 25 PHKT */
        0x10, 0x08, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, /* 35 Care-of Test */
        0x01, 0x01, 0x00,                                           /* 45 PadN(3) */
    };
    uint8_t buf[128];
    int n = enc(&o, 12, buf, sizeof buf);
    cr_assert_eq(n, (int)sizeof want);
    for (size_t i = 0; i < sizeof want; i++)
        cr_assert_eq(buf[i], want[i], "octet %zu", i);
    cr_assert_eq(ms_mh_opts_decode(want, sizeof want, 12, &d), 0);
    cr_assert_eq(d.diag, 0);
    cr_assert(ms_mh_opts_equal(&o, &d));
    cr_assert_eq(d.cot_token, 0x1122334455667788ull);
    size_t l;
    const uint8_t *p = ms_mh_opts_blob_get(&d, MS_MH_BLOB_PHKT, &l);
    cr_assert_eq(l, 8);
    cr_assert_eq(memcmp(p, k8, 8), 0);
}

/* ---- The CGA Parameters split rule (RFC 4866 s5.1) ---- */

Test(mh_opt_ero, cga_split_rule_encode)
{
    static const size_t sizes[] = {1,   200, 254, 255, 256,  300,
                                   509, 510, 511, 765, 1000, MS_MH_CGA_PARAMS_MAX};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        size_t len = sizes[s];
        memset(&o, 0, sizeof o);
        cr_assert_eq(ms_mh_opts_blob_set(&o, MS_MH_BLOB_CGA, cga, len), 0);
        cr_assert_eq(ms_mh_opts_blob_set(&o, MS_MH_BLOB_SIG, sig, 128), 0);
        int n = enc(&o, 12, area, sizeof area);
        cr_assert_gt(n, 0);
        /* Walk: k CGA Parameters options, all but the last exactly 255, then
         * the Signature directly. */
        size_t i = 0, k = 0, total = 0;
        while (area[i] == MS_MH_OPT_CGA_PARAMS) {
            size_t l = area[i + 1];
            cr_assert_eq(memcmp(area + i + 2, cga + total, l), 0);
            total += l;
            i += 2 + l;
            k++;
            if (area[i] == MS_MH_OPT_CGA_PARAMS)
                cr_assert_eq(l, 255, "size %zu: option %zu of %zu octets is not the last", len, k,
                             l);
            else
                cr_assert_geq(l, 1);
        }
        cr_assert_eq(i > 0, 1, "CGA Parameters first");
        cr_assert_eq(total, len);
        cr_assert_eq(k, (len + 254) / 255, "size %zu in %zu options", len, k);
        cr_assert_eq(area[i], MS_MH_OPT_SIGNATURE, "Signature directly after");
        cr_assert_eq(area[i + 1], 128);
        cr_assert_eq(ms_mh_opts_decode(area, (size_t)n, 12, &d), 0);
        cr_assert_eq(d.diag, 0);
        cr_assert(ms_mh_opts_equal(&o, &d));
        size_t gl;
        const uint8_t *g = ms_mh_opts_blob_get(&d, MS_MH_BLOB_CGA, &gl);
        cr_assert_eq(gl, len);
        cr_assert_eq(memcmp(g, cga, len), 0, "reassembled in order");
    }
}

/* "All CGA Parameters options ... except the last one MUST contain exactly
 * 255 bytes": a decoder given a shorter non-last option rejects the message. */
Test(mh_opt_ero, cga_short_non_last_rejected)
{
    static const size_t first[] = {1, 100, 254};
    for (size_t f = 0; f < 3; f++) {
        size_t n = 0;
        put(area, &n, MS_MH_OPT_CGA_PARAMS, cga, first[f]);
        put(area, &n, MS_MH_OPT_CGA_PARAMS, cga, 10);
        put(area, &n, MS_MH_OPT_SIGNATURE, sig, 4);
        cr_assert_eq(ms_mh_opts_decode(area, n, 0, &d), MS_EBAD_OPTLEN, "first %zu", first[f]);
    }
    /* 255, 10, 5: the middle one is short. */
    size_t n = 0;
    put(area, &n, MS_MH_OPT_CGA_PARAMS, cga, 255);
    put(area, &n, MS_MH_OPT_CGA_PARAMS, cga, 10);
    put(area, &n, MS_MH_OPT_CGA_PARAMS, cga, 5);
    cr_assert_eq(ms_mh_opts_decode(area, n, 0, &d), MS_EBAD_OPTLEN);
    /* 255, 255, 255: all full is fine (the last may be 255 too). */
    n = 0;
    for (int k = 0; k < 3; k++)
        put(area, &n, MS_MH_OPT_CGA_PARAMS, cga + 255 * k, 255);
    put(area, &n, MS_MH_OPT_SIGNATURE, sig, 4);
    cr_assert_eq(ms_mh_opts_decode(area, n, 0, &d), 0);
    size_t gl;
    cr_assert_not_null(ms_mh_opts_blob_get(&d, MS_MH_BLOB_CGA, &gl));
    cr_assert_eq(gl, 765);
}

/* "All CGA Parameters options MUST appear directly one after another." */
Test(mh_opt_ero, cga_not_adjacent_rejected)
{
    size_t n = 0;
    put(area, &n, MS_MH_OPT_CGA_PARAMS, cga, 255);
    area[n++] = MS_MH_OPT_PAD1;
    put(area, &n, MS_MH_OPT_CGA_PARAMS, cga, 5);
    cr_assert_eq(ms_mh_opts_decode(area, n, 0, &d), MS_EDUP_OPT);
    n = 0;
    put(area, &n, MS_MH_OPT_CGA_PARAMS, cga, 20);
    put(area, &n, MS_MH_OPT_SIGNATURE, sig, 4);
    put(area, &n, MS_MH_OPT_CGA_PARAMS, cga, 20);
    cr_assert_eq(ms_mh_opts_decode(area, n, 0, &d), MS_EDUP_OPT);
}

/* RFC 4866 s4.2, s4.4: CGA Parameters "directly followed by a Signature";
 * otherwise the CN answers 148 and the MN discards: decoded, flagged. */
Test(mh_opt_ero, signature_order_flagged)
{
    size_t n = 0;
    put(area, &n, MS_MH_OPT_CGA_PARAMS, cga, 20);
    area[n++] = MS_MH_OPT_PAD1;
    put(area, &n, MS_MH_OPT_SIGNATURE, sig, 4);
    cr_assert_eq(ms_mh_opts_decode(area, n, 0, &d), 0);
    cr_assert_eq(d.diag, MS_MH_DIAG_ORDER);
    cr_assert(d.present & MS_MH_OPTS_CGA);
    cr_assert(d.present & MS_MH_OPTS_SIG);
    /* A Signature without CGA Parameters. */
    n = 0;
    put(area, &n, MS_MH_OPT_SIGNATURE, sig, 4);
    cr_assert_eq(ms_mh_opts_decode(area, n, 0, &d), 0);
    cr_assert_eq(d.diag, MS_MH_DIAG_ORDER);
    /* CGA Parameters ending the area, no Signature. */
    n = 0;
    put(area, &n, MS_MH_OPT_CGA_PARAMS, cga, 20);
    cr_assert_eq(ms_mh_opts_decode(area, n, 0, &d), 0);
    cr_assert_eq(d.diag, MS_MH_DIAG_ORDER);
    /* In order. */
    n = 0;
    put(area, &n, MS_MH_OPT_CGA_PARAMS, cga, 20);
    put(area, &n, MS_MH_OPT_SIGNATURE, sig, 4);
    cr_assert_eq(ms_mh_opts_decode(area, n, 0, &d), 0);
    cr_assert_eq(d.diag, 0);
}

/* ---- Lengths ---- */

Test(mh_opt_ero, zero_and_wrong_lengths)
{
    uint8_t p[2 + 16];
    memset(p, 0, sizeof p);
    static const uint8_t need_data[] = {MS_MH_OPT_CGA_PARAMS, MS_MH_OPT_SIGNATURE, MS_MH_OPT_PHKT};
    for (size_t k = 0; k < sizeof need_data; k++) {
        p[0] = need_data[k];
        p[1] = 0;
        cr_assert_eq(ms_mh_opts_decode(p, 2, 0, &d), MS_EZERO_OPTLEN, "type %u", p[0]);
        p[1] = 16;
        cr_assert_eq(ms_mh_opts_decode(p, 17, 0, &d), MS_EOPT_OVERRUN);
    }
    /* "This field MUST be set to zero." */
    static const uint8_t empty[] = {MS_MH_OPT_CGA_PARAMS_REQ, MS_MH_OPT_COTI};
    for (size_t k = 0; k < sizeof empty; k++) {
        p[0] = empty[k];
        for (uint8_t l = 1; l <= 16; l++) {
            p[1] = l;
            cr_assert_eq(ms_mh_opts_decode(p, 2u + l, 0, &d), MS_EBAD_OPTLEN, "type %u", p[0]);
        }
        p[1] = 0;
        cr_assert_eq(ms_mh_opts_decode(p, 2, 0, &d), 0);
    }
    /* Care-of Test: "This field MUST be set to 8." */
    p[0] = MS_MH_OPT_COT;
    for (uint8_t l = 0; l <= 16; l++) {
        p[1] = l;
        cr_assert_eq(ms_mh_opts_decode(p, 2u + l, 0, &d), l == 8 ? 0 : MS_EBAD_OPTLEN, "len %u", l);
    }
    /* PHKT: the ciphertext "may be longer" than 8; any 1..255 is kept. */
    static uint8_t big[2 + 255];
    big[0] = MS_MH_OPT_PHKT;
    big[1] = 255;
    cr_assert_eq(ms_mh_opts_decode(big, sizeof big, 0, &d), 0);
    size_t l;
    cr_assert_not_null(ms_mh_opts_blob_get(&d, MS_MH_BLOB_PHKT, &l));
    cr_assert_eq(l, 255);
}

Test(mh_opt_ero, duplicates_first_kept)
{
    size_t n = 0;
    put(area, &n, MS_MH_OPT_COT, (const uint8_t *)"AAAAAAAA", 8);
    put(area, &n, MS_MH_OPT_COT, (const uint8_t *)"BBBBBBBB", 8);
    put(area, &n, MS_MH_OPT_PHKT, sig, 3);
    put(area, &n, MS_MH_OPT_PHKT, sig + 1, 3);
    put(area, &n, MS_MH_OPT_COTI, NULL, 0);
    put(area, &n, MS_MH_OPT_COTI, NULL, 0);
    cr_assert_eq(ms_mh_opts_decode(area, n, 0, &d), 0);
    cr_assert_eq(d.diag, MS_MH_DIAG_DUP_OPT);
    cr_assert_eq(d.cot_token, 0x4141414141414141ull);
    size_t l;
    const uint8_t *p = ms_mh_opts_blob_get(&d, MS_MH_BLOB_PHKT, &l);
    cr_assert_eq(l, 3);
    cr_assert_eq(p[0], sig[0]);
}

/* ---- Bounds: the reassembled structure and the blob ---- */

Test(mh_opt_ero, cga_over_bound_dropped_not_error)
{
    /* 1025 octets in 5 options: valid on the wire, more than mipsim keeps. */
    size_t n = 0;
    for (int k = 0; k < 4; k++)
        put(area, &n, MS_MH_OPT_CGA_PARAMS, cga + 255 * k, 255);
    put(area, &n, MS_MH_OPT_CGA_PARAMS, cga + 1020, 5);
    put(area, &n, MS_MH_OPT_SIGNATURE, sig, 200);
    cr_assert_eq(ms_mh_opts_decode(area, n, 0, &d), 0);
    cr_assert_eq(d.diag, MS_MH_DIAG_OPT_DROPPED);
    cr_assert_not(d.present & MS_MH_OPTS_CGA);
    cr_assert(d.present & MS_MH_OPTS_SIG);
    size_t l;
    const uint8_t *p = ms_mh_opts_blob_get(&d, MS_MH_BLOB_SIG, &l);
    cr_assert_eq(l, 200);
    cr_assert_eq(memcmp(p, sig, 200), 0);
    /* The split rule is still enforced past the bound. */
    n = 0;
    for (int k = 0; k < 4; k++)
        put(area, &n, MS_MH_OPT_CGA_PARAMS, cga, 255);
    put(area, &n, MS_MH_OPT_CGA_PARAMS, cga, 5);
    put(area, &n, MS_MH_OPT_CGA_PARAMS, cga, 5);
    cr_assert_eq(ms_mh_opts_decode(area, n, 0, &d), MS_EBAD_OPTLEN);
}

Test(mh_opt_ero, blob_full_dropped_not_error)
{
    /* 1024 + 255 = 1279 fit in 1280; a PHKT of 255 more does not. */
    size_t n = 0;
    for (int k = 0; k < 4; k++)
        put(area, &n, MS_MH_OPT_CGA_PARAMS, cga + 255 * k, 255);
    put(area, &n, MS_MH_OPT_CGA_PARAMS, cga + 1020, 4);
    put(area, &n, MS_MH_OPT_SIGNATURE, sig, 255);
    put(area, &n, MS_MH_OPT_PHKT, sig, 255);
    cr_assert_eq(ms_mh_opts_decode(area, n, 0, &d), 0);
    cr_assert_eq(d.diag, MS_MH_DIAG_OPT_DROPPED);
    cr_assert(d.present & MS_MH_OPTS_CGA);
    cr_assert(d.present & MS_MH_OPTS_SIG);
    cr_assert_not(d.present & MS_MH_OPTS_PHKT);
    cr_assert_eq(d.blob_used, 1279);
    /* What was kept re-encodes to the same options minus the PHKT. */
    int m = enc(&d, 0, area, sizeof area);
    /* 4 x (2 + 255) + (2 + 4) + (2 + 255) = 1291, PadN(5) to 1296. */
    cr_assert_eq(m, 1296);
}

Test(mh_opt_ero, blob_api)
{
    memset(&o, 0, sizeof o);
    size_t l = 99;
    cr_assert_null(ms_mh_opts_blob_get(&o, MS_MH_BLOB_SIG, &l));
    cr_assert_eq(l, 0);
    cr_assert_eq(ms_mh_opts_blob_set(&o, MS_MH_BLOB_CGA, cga, 300), 0);
    cr_assert_eq(ms_mh_opts_blob_set(&o, MS_MH_BLOB_SIG, sig, 100), 0);
    cr_assert_eq(ms_mh_opts_blob_set(&o, MS_MH_BLOB_PHKT, sig, 8), 0);
    cr_assert_eq(o.present, MS_MH_OPTS_CGA | MS_MH_OPTS_SIG | MS_MH_OPTS_PHKT);
    cr_assert_eq(o.blob_used, 408);
    /* Replace the first: the others move down, contents intact. */
    cr_assert_eq(ms_mh_opts_blob_set(&o, MS_MH_BLOB_CGA, cga + 1, 50), 0);
    cr_assert_eq(o.blob_used, 158);
    const uint8_t *p = ms_mh_opts_blob_get(&o, MS_MH_BLOB_SIG, &l);
    cr_assert_eq(l, 100);
    cr_assert_eq(memcmp(p, sig, 100), 0);
    p = ms_mh_opts_blob_get(&o, MS_MH_BLOB_CGA, &l);
    cr_assert_eq(l, 50);
    cr_assert_eq(memcmp(p, cga + 1, 50), 0);
    /* Remove. */
    cr_assert_eq(ms_mh_opts_blob_set(&o, MS_MH_BLOB_SIG, NULL, 0), 0);
    cr_assert_eq(o.present, MS_MH_OPTS_CGA | MS_MH_OPTS_PHKT);
    cr_assert_eq(o.blob_used, 58);
    p = ms_mh_opts_blob_get(&o, MS_MH_BLOB_PHKT, &l);
    cr_assert_eq(l, 8);
    cr_assert_eq(memcmp(p, sig, 8), 0);
    /* Bounds. */
    cr_assert_eq(ms_mh_opts_blob_set(&o, MS_MH_BLOB_CGA, cga, MS_MH_CGA_PARAMS_MAX + 1), -EINVAL);
    cr_assert_eq(ms_mh_opts_blob_set(&o, MS_MH_BLOB_SIG, sig, 256), -EINVAL);
    cr_assert_eq(ms_mh_opts_blob_set(&o, MS_MH_BLOB__COUNT, sig, 1), -EINVAL);
    cr_assert_eq(ms_mh_opts_blob_set(&o, MS_MH_BLOB_CGA, cga, MS_MH_CGA_PARAMS_MAX), 0);
    cr_assert_eq(ms_mh_opts_blob_set(&o, MS_MH_BLOB_SIG, sig, 255), -ENOSPC);
    cr_assert_eq(o.present, MS_MH_OPTS_CGA | MS_MH_OPTS_PHKT, "unchanged after ENOSPC");
    cr_assert_eq(ms_mh_opts_blob_set(&o, MS_MH_BLOB_SIG, sig, 248), 0);
    cr_assert_eq(o.blob_used, MS_MH_OPTS_BLOB_MAX);
    /* Encoder rejects a present bit without payload, or a broken span. */
    memset(&o, 0, sizeof o);
    o.present = MS_MH_OPTS_SIG;
    cr_assert_eq(ms_mh_opts_encode(&o, 0, area, sizeof area), -EINVAL);
    cr_assert_eq(ms_mh_opts_blob_set(&o, MS_MH_BLOB_SIG, sig, 10), 0);
    o.span[MS_MH_BLOB_SIG].off = 5;
    cr_assert_eq(ms_mh_opts_encode(&o, 0, area, sizeof area), -EINVAL);
}

/* ---- Whole messages through ms_mh (RFC 4866 s4.2-4.3) ---- */

/* A BU authenticated by the CGA property: Nonce Indices, CGA Parameters
 * (several options), Signature, then BAD last; and the CN's BA with the
 * PHKT, Care-of Test and BAD. */
Test(mh_opt_ero, bu_and_ba_through_mh)
{
    struct in6_addr s, t;
    inet_pton(AF_INET6, "2001:db8:1::100", &s);
    inet_pton(AF_INET6, "2001:db8:aa::1", &t);
    static struct ms_mh m, md;
    ms_mh_init(&m, MS_MH_BU);
    m.u.bu.seq = 9;
    m.u.bu.flags = MS_BU_F_A;
    m.u.bu.lifetime_s = 400;
    m.opts.present = MS_MH_OPTS_NONCE | MS_MH_OPTS_BAD | MS_MH_OPTS_CGA_REQ | MS_MH_OPTS_COTI;
    m.opts.auth_len = 12;
    cr_assert_eq(ms_mh_opts_blob_set(&m.opts, MS_MH_BLOB_CGA, cga, 600), 0);
    cr_assert_eq(ms_mh_opts_blob_set(&m.opts, MS_MH_BLOB_SIG, sig, 128), 0);
    int n = ms_mh_encode(&m, &s, &t, area, sizeof area);
    cr_assert_gt(n, 0);
    cr_assert_eq(ms_mh_verify_cksum(area, (size_t)n, &s, &t), 0);
    cr_assert_eq(ms_mh_decode(area, (size_t)n, &md), 0);
    cr_assert_eq(md.opts.diag, 0);
    cr_assert(ms_mh_equal(&m, &md));
    size_t off, alen;
    cr_assert_eq(ms_mh_bad_locate(area, (size_t)n, &off, &alen), 0);
    cr_assert_eq(off + alen, (size_t)n);
    cr_assert_eq((off - 2) % 8, 2, "BAD at 8n+2");
    /* RFC 4866 s4.1: Care-of Test Init after the CGA Parameters and the
     * Signature. */
    size_t i = 12, last_cga_sig = 0, coti = 0;
    while (i < off - 2) {
        if (area[i] == MS_MH_OPT_PAD1) {
            i++;
            continue;
        }
        if (area[i] == MS_MH_OPT_CGA_PARAMS || area[i] == MS_MH_OPT_SIGNATURE)
            last_cga_sig = i;
        if (area[i] == MS_MH_OPT_COTI)
            coti = i;
        i += 2u + area[i + 1];
    }
    cr_assert_gt(last_cga_sig, 0);
    cr_assert_gt(coti, last_cga_sig, "Care-of Test Init at %zu before CGA/Signature at %zu", coti,
                 last_cga_sig);

    ms_mh_init(&m, MS_MH_BA);
    m.u.ba.seq = 9;
    m.u.ba.lifetime_s = 400;
    m.opts.present = MS_MH_OPTS_COT | MS_MH_OPTS_BAD;
    m.opts.cot_token = 0xFEEDFACE01020304ull;
    cr_assert_eq(ms_mh_opts_blob_set(&m.opts, MS_MH_BLOB_PHKT, sig, 128), 0);
    n = ms_mh_encode(&m, &s, &t, area, sizeof area);
    cr_assert_gt(n, 0);
    cr_assert_eq(ms_mh_decode(area, (size_t)n, &md), 0);
    cr_assert(ms_mh_equal(&m, &md));
    char line[256];
    ms_mh_format(&md, line, sizeof line);
    cr_assert_str_eq(line, "BA status=0(ACCEPTED) flags=- seq=9 lifetime=400s phkt[128]"
                           " cot=feedface01020304 auth[12]");
}

Test(mh_opt_ero, every_prefix)
{
    memset(&o, 0, sizeof o);
    o.present = MS_MH_OPTS_CGA_REQ | MS_MH_OPTS_COTI | MS_MH_OPTS_COT | MS_MH_OPTS_BAD;
    cr_assert_eq(ms_mh_opts_blob_set(&o, MS_MH_BLOB_CGA, cga, 300), 0);
    cr_assert_eq(ms_mh_opts_blob_set(&o, MS_MH_BLOB_SIG, sig, 64), 0);
    cr_assert_eq(ms_mh_opts_blob_set(&o, MS_MH_BLOB_PHKT, sig, 16), 0);
    int n = enc(&o, 12, area, sizeof area);
    cr_assert_gt(n, 0);
    for (int k = 0; k < n; k++) {
        uint8_t *cut = malloc(k ? (size_t)k : 1);
        cr_assert_not_null(cut);
        memcpy(cut, area, (size_t)k);
        int rc = ms_mh_opts_decode(cut, (size_t)k, 12, &d);
        free(cut);
        cr_assert(rc == 0 || rc == MS_ETRUNC || rc == MS_EOPT_OVERRUN, "prefix %d rc %d", k, rc);
        if (rc == 0)
            cr_assert(!(d.present & MS_MH_OPTS_BAD));
    }
}

Test(mh_opt_ero, format_and_equal)
{
    memset(&o, 0, sizeof o);
    o.present = MS_MH_OPTS_CGA_REQ | MS_MH_OPTS_COTI | MS_MH_OPTS_COT;
    o.cot_token = 1;
    cr_assert_eq(ms_mh_opts_blob_set(&o, MS_MH_BLOB_CGA, cga, 300), 0);
    cr_assert_eq(ms_mh_opts_blob_set(&o, MS_MH_BLOB_SIG, sig, 64), 0);
    char s[256];
    ms_mh_opts_format(&o, s, sizeof s);
    cr_assert_str_eq(s, " cgareq coti cga[300] sig[64] cot=0000000000000001");
    memcpy(&d, &o, sizeof d);
    cr_assert(ms_mh_opts_equal(&o, &d));
    d.blob[d.span[MS_MH_BLOB_CGA].off + 299] ^= 1;
    cr_assert_not(ms_mh_opts_equal(&o, &d));
    memcpy(&d, &o, sizeof d);
    d.cot_token = 2;
    cr_assert_not(ms_mh_opts_equal(&o, &d));
    memcpy(&d, &o, sizeof d);
    cr_assert_eq(ms_mh_opts_blob_set(&d, MS_MH_BLOB_SIG, sig, 63), 0);
    cr_assert_not(ms_mh_opts_equal(&o, &d));
}
