/* Mobility options (RFC 6275 s6.2): wire/mh_opt.c. */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "wire/bytes.h"
#include "wire/err.h"
#include "wire/mh_opt.h"

static struct in6_addr
addr(const char *s)
{
    struct in6_addr a;
    cr_assert_eq(inet_pton(AF_INET6, s, &a), 1);
    return a;
}

/* Encodes o at start_off into buf (which stands for MH + start_off). */
static int
enc(const struct ms_mh_opts *o, size_t start_off, uint8_t *buf, size_t cap)
{
    int n = ms_mh_opts_encode(o, start_off, buf, cap);
    if (n >= 0) {
        cr_assert_eq((size_t)n, ms_mh_opts_len(o, start_off));
        cr_assert_eq((start_off + (size_t)n) % 8, 0, "options area ends at %zu",
                     start_off + (size_t)n);
    }
    return n;
}

/* Offset (from buf) of the first option of type t, skipping Pad1/PadN and
 * other options; -1 when absent. */
static long
find_opt(const uint8_t *buf, size_t len, uint8_t t)
{
    size_t i = 0;
    while (i < len) {
        if (buf[i] == t)
            return (long)i;
        if (buf[i] == MS_MH_OPT_PAD1) {
            i++;
            continue;
        }
        i += 2u + buf[i + 1];
    }
    return -1;
}

/* Every padding octet in the encoded area must be a well-formed Pad1/PadN
 * with zero data. */
static void
assert_pads_zero(const uint8_t *buf, size_t len)
{
    size_t i = 0;
    while (i < len) {
        if (buf[i] == MS_MH_OPT_PAD1) {
            i++;
            continue;
        }
        cr_assert(i + 2 <= len);
        if (buf[i] == MS_MH_OPT_PADN) {
            for (size_t k = 0; k < buf[i + 1]; k++)
                cr_assert_eq(buf[i + 2 + k], 0);
        }
        i += 2u + buf[i + 1];
    }
    cr_assert_eq(i, len);
}

static struct ms_mh_opts
all_opts(void)
{
    struct ms_mh_opts o;
    memset(&o, 0, sizeof o);
    o.present = MS_MH_OPTS_BRA | MS_MH_OPTS_ALT_COA | MS_MH_OPTS_NONCE | MS_MH_OPTS_BAD;
    o.refresh_s = 400;
    o.alt_coa = addr("2001:db8:2::99");
    o.home_nonce_index = 0x1234;
    o.careof_nonce_index = 0xBEEF;
    o.auth_len = 12;
    for (int i = 0; i < 12; i++)
        o.auth[i] = (uint8_t)(0xA0 + i);
    o.n_raw = 2;
    o.raw[0].type = MS_MH_OPT_MN_ID;
    o.raw[0].len = 5;
    /* clang-format off */
    memcpy(o.raw[0].data, "\x01" "abcd", 5);
    /* clang-format on */
    o.raw[1].type = 200;
    o.raw[1].len = 0;
    return o;
}

Test(mh_opt, roundtrip_all_options_every_start_offset)
{
    for (size_t start = 0; start < 16; start++) {
        struct ms_mh_opts o = all_opts(), d;
        uint8_t buf[256];
        int n = enc(&o, start, buf, sizeof buf);
        cr_assert_gt(n, 0);
        assert_pads_zero(buf, (size_t)n);
        cr_assert_eq(ms_mh_opts_decode(buf, (size_t)n, start, &d), 0);
        cr_assert_eq(d.diag, 0, "start %zu diag 0x%x", start, d.diag);
        cr_assert(ms_mh_opts_equal(&o, &d));
        cr_assert_eq(d.refresh_s, 400);
        cr_assert_eq(d.home_nonce_index, 0x1234);
        cr_assert_eq(d.careof_nonce_index, 0xBEEF);
        cr_assert_eq(d.auth_len, 12);
        cr_assert_eq(d.n_raw, 2);
        cr_assert_eq(d.raw[0].type, MS_MH_OPT_MN_ID);
        /* clang-format off */
        cr_assert_eq(memcmp(d.raw[0].data, "\x01" "abcd", 5), 0);
        /* clang-format on */
    }
}

/* RFC 6275 s6.2.4-6.2.7: BRA 2n, Alternate CoA 8n+6, Nonce Indices 2n,
 * BAD 8n+2 and last.  Offsets are from the start of the MH. */
Test(mh_opt, alignment_of_each_option)
{
    for (size_t start = 0; start < 16; start++) {
        struct ms_mh_opts o = all_opts();
        uint8_t buf[256];
        int n = enc(&o, start, buf, sizeof buf);
        cr_assert_gt(n, 0);
        long bra = find_opt(buf, (size_t)n, MS_MH_OPT_BRA);
        long alt = find_opt(buf, (size_t)n, MS_MH_OPT_ALT_COA);
        long non = find_opt(buf, (size_t)n, MS_MH_OPT_NONCE_INDICES);
        long bad = find_opt(buf, (size_t)n, MS_MH_OPT_BAD);
        cr_assert(bra >= 0 && alt >= 0 && non >= 0 && bad >= 0);
        cr_assert_eq((start + (size_t)bra) % 2, 0, "BRA at %zu", start + (size_t)bra);
        cr_assert_eq((start + (size_t)alt) % 8, 6, "AltCoA at %zu", start + (size_t)alt);
        cr_assert_eq((start + (size_t)non) % 2, 0, "Nonce at %zu", start + (size_t)non);
        cr_assert_eq((start + (size_t)bad) % 8, 2, "BAD at %zu", start + (size_t)bad);
        cr_assert_eq((size_t)bad + 2 + 12, (size_t)n, "BAD last, no trailing padding");
    }
}

Test(mh_opt, each_option_alone_aligned)
{
    static const uint32_t bits[] = {MS_MH_OPTS_BRA, MS_MH_OPTS_ALT_COA, MS_MH_OPTS_NONCE,
                                    MS_MH_OPTS_BAD};
    static const uint8_t types[] = {MS_MH_OPT_BRA, MS_MH_OPT_ALT_COA, MS_MH_OPT_NONCE_INDICES,
                                    MS_MH_OPT_BAD};
    static const size_t ax[] = {2, 8, 2, 8}, ay[] = {0, 6, 0, 2};
    for (int k = 0; k < 4; k++) {
        for (size_t start = 0; start < 8; start++) {
            struct ms_mh_opts o = all_opts(), d;
            o.present = bits[k];
            o.n_raw = 0;
            uint8_t buf[64];
            int n = enc(&o, start, buf, sizeof buf);
            cr_assert_gt(n, 0);
            long at = find_opt(buf, (size_t)n, types[k]);
            cr_assert_geq(at, 0);
            cr_assert_eq((start + (size_t)at) % ax[k], ay[k], "type %u at %zu", types[k],
                         start + (size_t)at);
            /* No more padding than the alignment needs, plus the final pad. */
            cr_assert_lt((size_t)at, ax[k]);
            cr_assert_eq(ms_mh_opts_decode(buf, (size_t)n, start, &d), 0);
            cr_assert_eq(d.diag, 0);
            cr_assert(ms_mh_opts_equal(&o, &d));
        }
    }
}

/* Golden bytes hand-assembled from RFC 6275 s6.2.3, s6.2.5, s6.2.6: options
 * area of a BU (starts at MH offset 12) with Alternate CoA then Nonce
 * Indices. */
Test(mh_opt, golden_altcoa_nonce_after_bu)
{
    struct ms_mh_opts o;
    memset(&o, 0, sizeof o);
    o.present = MS_MH_OPTS_ALT_COA | MS_MH_OPTS_NONCE;
    o.alt_coa = addr("2001:db8::1");
    o.home_nonce_index = 1;
    o.careof_nonce_index = 2;
    /* clang-format off */
    static const uint8_t want[] = {
        0x01, 0x00,                                     /* 12: PadN, 2 octets */
        0x03, 0x10,                                     /* 14: Alt CoA (8n+6) */
        0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, /*     2001:db8:: */
        0, 0, 0, 0x01,                                  /*     ::1 */
        0x04, 0x04, 0x00, 0x01, 0x00, 0x02,             /* 32: Nonce Indices 1, 2 */
        0x01, 0x00,                                     /* 38: PadN to 40 */
    };
    /* clang-format on */
    uint8_t buf[64];
    int n = enc(&o, 12, buf, sizeof buf);
    cr_assert_eq(n, (int)sizeof want);
    cr_assert_eq(memcmp(buf, want, sizeof want), 0);
}

/* RFC 6275 s6.2.4: BRA, Refresh Interval in 4-second units. */
Test(mh_opt, golden_bra_units)
{
    struct ms_mh_opts o, d;
    memset(&o, 0, sizeof o);
    o.present = MS_MH_OPTS_BRA;
    o.refresh_s = 403; /* rounds down to 100 units */
    uint8_t buf[16];
    int n = enc(&o, 12, buf, sizeof buf);
    static const uint8_t want[] = {0x02, 0x02, 0x00, 0x64};
    cr_assert_eq(n, 4);
    cr_assert_eq(memcmp(buf, want, 4), 0);
    cr_assert_eq(ms_mh_opts_decode(buf, 4, 12, &d), 0);
    cr_assert_eq(d.refresh_s, 400);
    o.refresh_s = 0xFFFFFFFFu; /* clamps at 0xFFFF units */
    n = enc(&o, 12, buf, sizeof buf);
    cr_assert_eq(ms_rd16(buf + 2), 0xFFFF);
    cr_assert_eq(ms_mh_opts_decode(buf, 4, 12, &d), 0);
    cr_assert_eq(d.refresh_s, MS_MH_BRA_REFRESH_MAX_S);
}

/* RFC 6275 s6.2.2-6.2.3: Pad1 and PadN are skipped, not kept. */
Test(mh_opt, pad1_padn_decode)
{
    static const uint8_t area[] = {0x00, 0x01, 0x03, 0, 0, 0, 0x00, 0x01, 0x00};
    struct ms_mh_opts d;
    cr_assert_eq(ms_mh_opts_decode(area, sizeof area, 0, &d), 0);
    cr_assert_eq(d.present, 0);
    cr_assert_eq(d.n_raw, 0);
    cr_assert_eq(d.diag, 0);
}

Test(mh_opt, padn_nonzero_flagged)
{
    static const uint8_t area[] = {0x01, 0x02, 0x00, 0x07};
    struct ms_mh_opts d;
    cr_assert_eq(ms_mh_opts_decode(area, sizeof area, 4, &d), 0);
    cr_assert_eq(d.diag, MS_MH_DIAG_PAD_NONZERO);
}

/* Encoder padding: one octet is Pad1, more is PadN (RFC 6275 s6.2.2-6.2.3). */
Test(mh_opt, padding_pad1_and_padn)
{
    struct ms_mh_opts o;
    memset(&o, 0, sizeof o);
    uint8_t buf[16];
    /* Empty set at 7: one octet to the boundary. */
    cr_assert_eq(enc(&o, 7, buf, sizeof buf), 1);
    cr_assert_eq(buf[0], MS_MH_OPT_PAD1);
    /* Empty set at 12 (BU, BA): 4 octets, RFC 6275 s6.1.7 "4 octets of padding". */
    cr_assert_eq(enc(&o, 12, buf, sizeof buf), 4);
    static const uint8_t padn4[] = {0x01, 0x02, 0x00, 0x00};
    cr_assert_eq(memcmp(buf, padn4, 4), 0);
    /* Aligned start and nothing to write: nothing. */
    cr_assert_eq(enc(&o, 8, buf, sizeof buf), 0);
    /* Alt CoA at 13: Pad1 at 13, option at 14. */
    o.present = MS_MH_OPTS_ALT_COA;
    uint8_t big[32];
    cr_assert_eq(enc(&o, 13, big, sizeof big), 19);
    cr_assert_eq(big[0], MS_MH_OPT_PAD1);
    cr_assert_eq(big[1], MS_MH_OPT_ALT_COA);
}

Test(mh_opt, unknown_option_roundtrip)
{
    /* clang-format off */
    static const uint8_t area[] = {
        MS_MH_OPT_MN_ID, 0x03, 0x01, 'a', 'b', /* unknown to this codec: kept */
        0xEE, 0x00,                            /* unknown, zero length: kept */
        0x01, 0x00,                            /* PadN */
    };
    /* clang-format on */
    struct ms_mh_opts d, d2;
    cr_assert_eq(ms_mh_opts_decode(area, sizeof area, 7, &d), 0);
    cr_assert_eq(d.n_raw, 2);
    cr_assert_eq(d.raw[0].type, MS_MH_OPT_MN_ID);
    cr_assert_eq(d.raw[0].len, 3);
    /* clang-format off */
    cr_assert_eq(memcmp(d.raw[0].data, "\x01" "ab", 3), 0);
    /* clang-format on */
    cr_assert_eq(d.raw[1].type, 0xEE);
    cr_assert_eq(d.raw[1].len, 0);
    uint8_t buf[32];
    int n = enc(&d, 7, buf, sizeof buf);
    cr_assert_gt(n, 0);
    cr_assert_eq(memcmp(buf, area, 7), 0, "raw options written verbatim, in order");
    cr_assert_eq(ms_mh_opts_decode(buf, (size_t)n, 7, &d2), 0);
    cr_assert(ms_mh_opts_equal(&d, &d2));
}

Test(mh_opt, unknown_overflow_dropped_not_error)
{
    uint8_t area[64];
    size_t n = 0;
    for (int i = 0; i < MS_MH_OPTS_RAW_MAX + 1; i++) {
        area[n++] = (uint8_t)(100 + i);
        area[n++] = 1;
        area[n++] = (uint8_t)i;
    }
    struct ms_mh_opts d;
    cr_assert_eq(ms_mh_opts_decode(area, n, 0, &d), 0);
    cr_assert_eq(d.n_raw, MS_MH_OPTS_RAW_MAX);
    cr_assert_eq(d.diag, MS_MH_DIAG_RAW_DROPPED);
    /* Too long to keep. */
    uint8_t lng[2 + 40];
    memset(lng, 0, sizeof lng);
    lng[0] = 100;
    lng[1] = 40;
    cr_assert_eq(ms_mh_opts_decode(lng, sizeof lng, 0, &d), 0);
    cr_assert_eq(d.n_raw, 0);
    cr_assert_eq(d.diag, MS_MH_DIAG_RAW_DROPPED);
}

Test(mh_opt, misaligned_accepted_and_flagged)
{
    /* Alt CoA at offset 0 (needs 8n+6). */
    uint8_t a[18] = {MS_MH_OPT_ALT_COA, 16};
    struct ms_mh_opts d;
    cr_assert_eq(ms_mh_opts_decode(a, sizeof a, 0, &d), 0);
    cr_assert(d.present & MS_MH_OPTS_ALT_COA);
    cr_assert_eq(d.diag, MS_MH_DIAG_MISALIGNED);
    cr_assert_eq(ms_mh_opts_decode(a, sizeof a, 6, &d), 0);
    cr_assert_eq(d.diag, 0);
    /* BRA and Nonce Indices at odd offsets (need 2n). */
    uint8_t b[4] = {MS_MH_OPT_BRA, 2, 0, 1};
    cr_assert_eq(ms_mh_opts_decode(b, sizeof b, 13, &d), 0);
    cr_assert_eq(d.diag, MS_MH_DIAG_MISALIGNED);
    uint8_t c[6] = {MS_MH_OPT_NONCE_INDICES, 4, 0, 1, 0, 2};
    cr_assert_eq(ms_mh_opts_decode(c, sizeof c, 13, &d), 0);
    cr_assert_eq(d.diag, MS_MH_DIAG_MISALIGNED);
    cr_assert_eq(d.careof_nonce_index, 2);
    /* BAD at 8n+4 (implied 8n+2). */
    uint8_t e[14] = {MS_MH_OPT_BAD, 12};
    cr_assert_eq(ms_mh_opts_decode(e, sizeof e, 12, &d), 0);
    cr_assert_eq(d.diag, MS_MH_DIAG_MISALIGNED);
    cr_assert_eq(ms_mh_opts_decode(e, sizeof e, 10, &d), 0);
    cr_assert_eq(d.diag, 0);
}

Test(mh_opt, duplicate_first_kept)
{
    static const uint8_t area[] = {MS_MH_OPT_BRA, 2, 0, 1, MS_MH_OPT_BRA, 2, 0, 2};
    struct ms_mh_opts d;
    cr_assert_eq(ms_mh_opts_decode(area, sizeof area, 0, &d), 0);
    cr_assert_eq(d.refresh_s, 4);
    cr_assert_eq(d.diag, MS_MH_DIAG_DUP_OPT);
}

/* Truncated TLVs: a lone Type octet, and data running past the area. */
Test(mh_opt, truncated_and_overrun)
{
    struct ms_mh_opts d;
    static const uint8_t lone[] = {0x00, MS_MH_OPT_PADN};
    cr_assert_eq(ms_mh_opts_decode(lone, sizeof lone, 0, &d), MS_ETRUNC);
    static const uint8_t over[] = {MS_MH_OPT_PADN, 3, 0, 0};
    cr_assert_eq(ms_mh_opts_decode(over, sizeof over, 0, &d), MS_EOPT_OVERRUN);
    static const uint8_t over2[] = {200, 0xFF, 1, 2, 3};
    cr_assert_eq(ms_mh_opts_decode(over2, sizeof over2, 0, &d), MS_EOPT_OVERRUN);
    /* Alt CoA cut short by the end of the area. */
    uint8_t alt[17] = {MS_MH_OPT_ALT_COA, 16};
    cr_assert_eq(ms_mh_opts_decode(alt, sizeof alt, 6, &d), MS_EOPT_OVERRUN);
}

/* Every prefix of a valid options area: an error or a valid shorter set;
 * ASan proves no octet past the prefix is read. */
Test(mh_opt, every_prefix)
{
    struct ms_mh_opts o = all_opts(), d;
    uint8_t buf[256];
    int n = enc(&o, 12, buf, sizeof buf);
    cr_assert_gt(n, 0);
    for (int k = 0; k < n; k++) {
        /* A heap copy of exactly k octets, so that ASan catches overreads. */
        uint8_t *cut = malloc(k ? (size_t)k : 1);
        cr_assert_not_null(cut);
        memcpy(cut, buf, (size_t)k);
        int rc = ms_mh_opts_decode(cut, (size_t)k, 12, &d);
        free(cut);
        cr_assert(rc == 0 || rc == MS_ETRUNC || rc == MS_EOPT_OVERRUN, "prefix %d rc %d", k, rc);
        if (rc == 0)
            cr_assert(!(d.present & MS_MH_OPTS_BAD), "prefix %d cannot hold the BAD", k);
    }
}

/* Zero and wrong lengths for the fixed-size options. */
Test(mh_opt, zero_and_wrong_lengths)
{
    struct ms_mh_opts d;
    uint8_t z[2];
    static const uint8_t fixed[] = {MS_MH_OPT_BRA, MS_MH_OPT_ALT_COA, MS_MH_OPT_NONCE_INDICES};
    static const uint8_t good[] = {2, 16, 4};
    for (int k = 0; k < 3; k++) {
        z[0] = fixed[k];
        z[1] = 0;
        cr_assert_eq(ms_mh_opts_decode(z, 2, 0, &d), MS_EBAD_OPTLEN, "type %u len 0", fixed[k]);
        uint8_t w[2 + 32];
        memset(w, 0, sizeof w);
        w[0] = fixed[k];
        for (uint8_t l = 1; l <= 32; l++) {
            if (l == good[k])
                continue;
            w[1] = l;
            cr_assert_eq(ms_mh_opts_decode(w, 2u + l, 0, &d), MS_EBAD_OPTLEN, "type %u len %u",
                         fixed[k], l);
        }
    }
    z[0] = MS_MH_OPT_BAD;
    z[1] = 0;
    cr_assert_eq(ms_mh_opts_decode(z, 2, 0, &d), MS_EZERO_OPTLEN);
    uint8_t big[2 + 21] = {MS_MH_OPT_BAD, 21};
    cr_assert_eq(ms_mh_opts_decode(big, sizeof big, 0, &d), MS_EBAD_OPTLEN);
    /* PadN and unknown options with length 0 are fine. */
    static const uint8_t zpad[] = {MS_MH_OPT_PADN, 0, 77, 0};
    cr_assert_eq(ms_mh_opts_decode(zpad, sizeof zpad, 0, &d), 0);
}

/* RFC 6275 s6.2: BAD "MUST be the last option and MUST NOT have trailing
 * padding". */
Test(mh_opt, bad_not_last)
{
    struct ms_mh_opts d;
    uint8_t a[14 + 1] = {MS_MH_OPT_BAD, 12};
    a[14] = MS_MH_OPT_PAD1;
    cr_assert_eq(ms_mh_opts_decode(a, sizeof a, 10, &d), MS_EBADF_NOT_LAST);
    uint8_t b[14 + 4] = {MS_MH_OPT_BAD, 12};
    b[14] = MS_MH_OPT_BRA;
    b[15] = 2;
    cr_assert_eq(ms_mh_opts_decode(b, sizeof b, 10, &d), MS_EBADF_NOT_LAST);
    uint8_t c[14 + 2] = {MS_MH_OPT_BAD, 12};
    c[14] = MS_MH_OPT_PADN;
    cr_assert_eq(ms_mh_opts_decode(c, sizeof c, 10, &d), MS_EBADF_NOT_LAST);
    /* Last: fine; padding before it is allowed. */
    uint8_t ok[2 + 14] = {MS_MH_OPT_PADN, 0, MS_MH_OPT_BAD, 12};
    cr_assert_eq(ms_mh_opts_decode(ok, sizeof ok, 8, &d), 0);
    cr_assert_eq(d.auth_len, 12);
}

Test(mh_opt, bad_lengths_and_default)
{
    for (unsigned alen = 0; alen <= MS_MH_BAD_AUTH_MAX; alen++) {
        struct ms_mh_opts o, d;
        memset(&o, 0, sizeof o);
        o.present = MS_MH_OPTS_BAD | MS_MH_OPTS_NONCE;
        o.auth_len = (uint8_t)alen;
        for (unsigned i = 0; i < MS_MH_BAD_AUTH_MAX; i++)
            o.auth[i] = (uint8_t)(i + 1);
        uint8_t buf[64];
        int n = enc(&o, 12, buf, sizeof buf);
        cr_assert_gt(n, 0);
        unsigned eff = alen ? alen : MS_MH_BAD_AUTH_DEFAULT;
        cr_assert_eq(buf[n - 2 - (int)eff], MS_MH_OPT_BAD, "auth_len %u", alen);
        cr_assert_eq(buf[n - 1 - (int)eff], eff);
        cr_assert_eq(ms_mh_opts_decode(buf, (size_t)n, 12, &d), 0);
        cr_assert_eq(d.auth_len, eff);
        cr_assert(ms_mh_opts_equal(&o, &d));
        size_t off = 0, al = 0;
        cr_assert_eq(ms_mh_opts_bad_find(buf, (size_t)n, &off, &al), 0);
        cr_assert_eq(al, eff);
        cr_assert_eq(off + al, (size_t)n);
    }
}

Test(mh_opt, bad_find_absent)
{
    static const uint8_t area[] = {MS_MH_OPT_PADN, 2, 0, 0};
    size_t off = 0, al = 0;
    cr_assert_eq(ms_mh_opts_bad_find(area, sizeof area, &off, &al), -ENOENT);
    static const uint8_t broken[] = {MS_MH_OPT_PADN, 9};
    cr_assert_eq(ms_mh_opts_bad_find(broken, sizeof broken, &off, &al), MS_EOPT_OVERRUN);
}

Test(mh_opt, encode_rejects_invalid)
{
    struct ms_mh_opts o;
    uint8_t buf[128];
    memset(&o, 0, sizeof o);
    o.present = MS_MH_OPTS_BAD;
    o.auth_len = MS_MH_BAD_AUTH_MAX + 1;
    cr_assert_eq(ms_mh_opts_encode(&o, 0, buf, sizeof buf), -EINVAL);
    cr_assert_eq(ms_mh_opts_len(&o, 0), (size_t)-1);
    static const uint8_t bad_raw_types[] = {MS_MH_OPT_PAD1,          MS_MH_OPT_PADN,
                                            MS_MH_OPT_BRA,           MS_MH_OPT_ALT_COA,
                                            MS_MH_OPT_NONCE_INDICES, MS_MH_OPT_BAD};
    for (size_t k = 0; k < sizeof bad_raw_types; k++) {
        memset(&o, 0, sizeof o);
        o.n_raw = 1;
        o.raw[0].type = bad_raw_types[k];
        cr_assert_eq(ms_mh_opts_encode(&o, 0, buf, sizeof buf), -EINVAL);
    }
    memset(&o, 0, sizeof o);
    o.n_raw = 1;
    o.raw[0].type = 99;
    o.raw[0].len = MS_MH_OPT_RAW_DATA_MAX + 1;
    cr_assert_eq(ms_mh_opts_encode(&o, 0, buf, sizeof buf), -EINVAL);
    o.n_raw = MS_MH_OPTS_RAW_MAX + 1;
    o.raw[0].len = 1;
    cr_assert_eq(ms_mh_opts_encode(&o, 0, buf, sizeof buf), -EINVAL);
}

Test(mh_opt, encode_cap_too_small)
{
    struct ms_mh_opts o = all_opts();
    uint8_t buf[256];
    size_t need = ms_mh_opts_len(&o, 12);
    for (size_t cap = 0; cap < need; cap++)
        cr_assert_eq(ms_mh_opts_encode(&o, 12, buf, cap), -EMSGSIZE);
    cr_assert_eq(ms_mh_opts_encode(&o, 12, buf, need), (int)need);
}

Test(mh_opt, format)
{
    struct ms_mh_opts o = all_opts();
    char s[256];
    int n = ms_mh_opts_format(&o, s, sizeof s);
    cr_assert_str_eq(s, " altcoa=2001:db8:2::99 nonce=4660/48879 refresh=400s opt8[5] opt200[0]"
                        " auth[12]");
    cr_assert_eq(n, (int)strlen(s));
    char small[8];
    cr_assert_eq(ms_mh_opts_format(&o, small, sizeof small), n);
    cr_assert_eq(strlen(small), sizeof small - 1);
    cr_assert_eq(ms_mh_opts_format(&o, NULL, 0), n);
}

Test(mh_opt, equal_detects_differences)
{
    struct ms_mh_opts a = all_opts(), b = all_opts();
    cr_assert(ms_mh_opts_equal(&a, &b));
    b.auth[3] ^= 1;
    cr_assert_not(ms_mh_opts_equal(&a, &b));
    b = all_opts();
    b.raw[0].data[4] ^= 1;
    cr_assert_not(ms_mh_opts_equal(&a, &b));
    b = all_opts();
    b.careof_nonce_index++;
    cr_assert_not(ms_mh_opts_equal(&a, &b));
    b = all_opts();
    b.present &= ~MS_MH_OPTS_BRA;
    cr_assert_not(ms_mh_opts_equal(&a, &b));
    b = all_opts();
    b.diag = 0xFF; /* ignored */
    cr_assert(ms_mh_opts_equal(&a, &b));
}
