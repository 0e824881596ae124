/* FMIPv6 mobility options: MH-LLA (7), MH IPv6 Address/Prefix (34), BADF
 * (21), Multicast Mobility (60), Multicast Acknowledgement (61)
 * (wire/mh_opt_fmip.c through ms_mh_opts_encode_ex/decode_ex). */
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

static const enum ms_fmip_variant variants[] = {MS_FMIP_RFC5568, MS_FMIP_RFC5268, MS_FMIP_RFC4068};

/* struct ms_mh_opts is about 1.7 KiB: tests keep theirs static. */
static struct ms_mh_opts o, d, d2;

static int
enc(const struct ms_mh_opts *x, size_t start, enum ms_fmip_variant v, uint8_t *buf, size_t cap)
{
    int n = ms_mh_opts_encode_ex(x, start, v, buf, cap);
    if (n >= 0) {
        cr_assert_eq((size_t)n, ms_mh_opts_len_ex(x, start, v));
        cr_assert_eq((start + (size_t)n) % 8, 0, "area ends at %zu", start + (size_t)n);
    }
    return n;
}

/* Offset of the first option of type t in an area, walking with the
 * generic rule except the two known exceptions (RFC 4068 MH-LLA, RFC 7411
 * word lengths); -1 when absent. */
static long
find_opt(const uint8_t *buf, size_t len, uint8_t t, enum ms_fmip_variant v)
{
    size_t i = 0;
    while (i < len) {
        if (buf[i] == t)
            return (long)i;
        if (buf[i] == MS_MH_OPT_PAD1) {
            i++;
            continue;
        }
        size_t l = buf[i + 1];
        if (buf[i] == MS_MH_OPT_LLA && v == MS_FMIP_RFC4068)
            l += 1;
        if (buf[i] == MS_MH_OPT_MCAST_MOBILITY || buf[i] == MS_MH_OPT_MCAST_ACK)
            l = 2 + 4 * l;
        i += 2 + l;
    }
    return -1;
}

static const uint8_t mac[6] = {0x02, 0x00, 0x5e, 0x10, 0x00, 0x01};
/* An MLDv2 Report Payload (RFC 7411 Figure 8): Reserved, 1 record; the record
 * (RFC 3810 s5.2.4): type 4 (CHANGE_TO_EXCLUDE), aux 0, 0 sources, ff0e::1. */
static const uint8_t mld[24] = {0, 0, 0, 1, 4, 0, 0, 0, 0xff, 0x0e, 0, 0,
                                0, 0, 0, 0, 0, 0, 0, 0, 0,    0,    0, 1};

static void
fill_all(struct ms_mh_opts *x)
{
    memset(x, 0, sizeof *x);
    x->present = MS_MH_OPTS_LLA | MS_MH_OPTS_BADF;
    x->lla_code = MS_LLA_MN;
    x->lla_len = 6;
    memcpy(x->lla, mac, 6);
    struct in6_addr a = addr("2001:db8:1::100"), b = addr("2001:db8:2::");
    cr_assert_eq(ms_mh_opts_add_ipaddr(x, MS_IPADDR_OLD_COA, 128, &a), 0);
    cr_assert_eq(ms_mh_opts_add_ipaddr(x, MS_IPADDR_NAR_PREFIX, 64, &b), 0);
    x->badf_spi = 0x01020304;
    x->badf_auth_len = 12;
    for (int i = 0; i < 12; i++)
        x->badf_auth[i] = (uint8_t)(0xB0 + i);
    x->mcast_code = MS_MCAST_MLDV2;
    cr_assert_eq(ms_mh_opts_blob_set(x, MS_MH_BLOB_MCAST, mld, sizeof mld), 0);
    x->mcast_ack_status = MS_MCAST_ACK_PAYLOAD_UNSUPPORTED;
    cr_assert_eq(ms_mh_opts_blob_set(x, MS_MH_BLOB_MCAST_ACK, mld, 4), 0);
}

/* ---- Round trip and alignment ---- */

Test(mh_opt_fmip, roundtrip_all_every_start_every_variant)
{
    for (size_t v = 0; v < 3; v++) {
        for (size_t start = 0; start < 16; start++) {
            fill_all(&o);
            uint8_t buf[512];
            int n = enc(&o, start, variants[v], buf, sizeof buf);
            cr_assert_gt(n, 0);
            cr_assert_eq(ms_mh_opts_decode_ex(buf, (size_t)n, start, variants[v], &d), 0);
            cr_assert_eq(d.diag, 0, "variant %zu start %zu diag 0x%x", v, start, d.diag);
            cr_assert(ms_mh_opts_equal(&o, &d));
            cr_assert_eq(d.n_ipaddr, 2);
            cr_assert_eq(d.ipaddr[1].prefix_len, 64);
            size_t l;
            const uint8_t *p = ms_mh_opts_blob_get(&d, MS_MH_BLOB_MCAST, &l);
            cr_assert_not_null(p);
            cr_assert_eq(l, sizeof mld);
            cr_assert_eq(memcmp(p, mld, l), 0);
            uint8_t buf2[512];
            cr_assert_eq(enc(&d, start, variants[v], buf2, sizeof buf2), n);
            cr_assert_eq(memcmp(buf, buf2, (size_t)n), 0);
        }
    }
}

/* RFC 5568 s6.4.2: "This option has an alignment requirement of 8n+4." */
Test(mh_opt_fmip, ipaddr_alignment_8n4)
{
    for (size_t start = 0; start < 16; start++) {
        memset(&o, 0, sizeof o);
        struct in6_addr a = addr("2001:db8::1");
        for (int k = 0; k < MS_MH_OPTS_IPADDR_MAX; k++)
            cr_assert_eq(ms_mh_opts_add_ipaddr(&o, (uint8_t)(k + 1), 128, &a), 0);
        if (start % 3 == 0) { /* something odd-sized in front */
            o.present |= MS_MH_OPTS_LLA;
            o.lla_len = 1 + start % 7;
        }
        uint8_t buf[256];
        int n = enc(&o, start, MS_FMIP_RFC5568, buf, sizeof buf);
        cr_assert_gt(n, 0);
        int seen = 0;
        for (size_t i = 0; i < (size_t)n;) {
            if (buf[i] == MS_MH_OPT_PAD1) {
                i++;
                continue;
            }
            if (buf[i] == MS_MH_OPT_IP_ADDR_PREFIX) {
                cr_assert_eq((start + i) % 8, 4, "option 34 at %zu", start + i);
                seen++;
            }
            i += 2u + buf[i + 1];
        }
        cr_assert_eq(seen, MS_MH_OPTS_IPADDR_MAX);
        cr_assert_eq(ms_mh_opts_decode(buf, (size_t)n, start, &d), 0);
        cr_assert_eq(d.diag, 0);
    }
    /* Misaligned on the wire: accepted, flagged. */
    uint8_t m[20] = {MS_MH_OPT_IP_ADDR_PREFIX, 18, MS_IPADDR_NEW_COA, 128};
    cr_assert_eq(ms_mh_opts_decode(m, sizeof m, 6, &d), 0);
    cr_assert_eq(d.diag, MS_MH_DIAG_MISALIGNED);
    cr_assert_eq(ms_mh_opts_decode(m, sizeof m, 12, &d), 0);
    cr_assert_eq(d.diag, 0);
}

/* ---- MH-LLA: both length rules (CODEPOINTS s9.5, gotcha 4) ---- */

/* RFC 5568 s6.4.4 Figure 14: Length 7 = Option-Code + 6 octets; no
 * alignment, so at start 12 the option is written at once, then padding. */
Test(mh_opt_fmip, lla_golden_rfc5568)
{
    memset(&o, 0, sizeof o);
    o.present = MS_MH_OPTS_LLA;
    o.lla_code = MS_LLA_MN;
    o.lla_len = 6;
    memcpy(o.lla, mac, 6);
    static const uint8_t want[] = {0x07, 0x07, 0x02, 0x02, 0x00, 0x5e,
                                   0x10, 0x00, 0x01, 0x01, 0x01, 0x00};
    uint8_t buf[64];
    for (size_t v = 0; v < 2; v++) { /* 5568 and 5268 */
        int n = enc(&o, 12, variants[v], buf, sizeof buf);
        cr_assert_eq(n, (int)sizeof want);
        cr_assert_eq(memcmp(buf, want, sizeof want), 0);
    }
    cr_assert_eq(ms_mh_opts_decode(want, sizeof want, 12, &d), 0);
    cr_assert_eq(d.lla_len, 6);
    cr_assert_eq(d.lla_code, MS_LLA_MN);
    cr_assert_eq(memcmp(d.lla, mac, 6), 0);
}

/* RFC 4068 s6.4.4 Figure 15: Length 7 = Pad0 + 6 octets, not counting the
 * Option-Code; the option spans 10 octets; Type at 8n+6 (mipsim). */
Test(mh_opt_fmip, lla_golden_rfc4068)
{
    memset(&o, 0, sizeof o);
    o.present = MS_MH_OPTS_LLA;
    o.lla_code = MS_LLA_MN;
    o.lla_len = 6;
    memcpy(o.lla, mac, 6);
    static const uint8_t want[] = {0x01, 0x00,                          /* 12: PadN(2) */
                                   0x07, 0x07, 0x02, 0x00,              /* 14: T L Code Pad0 */
                                   0x02, 0x00, 0x5e, 0x10, 0x00, 0x01}; /* 18-23: LLA */
    uint8_t buf[64];
    int n = enc(&o, 12, MS_FMIP_RFC4068, buf, sizeof buf);
    cr_assert_eq(n, (int)sizeof want);
    cr_assert_eq(memcmp(buf, want, sizeof want), 0);
    cr_assert_eq(ms_mh_opts_decode_ex(want, sizeof want, 12, MS_FMIP_RFC4068, &d), 0);
    cr_assert_eq(d.lla_len, 6);
    cr_assert_eq(memcmp(d.lla, mac, 6), 0);
    cr_assert_eq(d.diag, 0);
    /* The same octets under the RFC 5568 rule: one octet short, the last LLA
     * octet (0x01) is read as a PadN Type whose Length lies past the end. */
    cr_assert_eq(ms_mh_opts_decode_ex(want, sizeof want, 12, MS_FMIP_RFC5568, &d), MS_ETRUNC);
    /* Pad0 not zero: accepted, flagged. */
    uint8_t p[sizeof want];
    memcpy(p, want, sizeof p);
    p[5] = 0x80;
    cr_assert_eq(ms_mh_opts_decode_ex(p, sizeof p, 12, MS_FMIP_RFC4068, &d), 0);
    cr_assert_eq(d.diag, MS_MH_DIAG_PAD_NONZERO);
}

Test(mh_opt_fmip, lla_every_length_both_rules)
{
    for (size_t v = 0; v < 3; v++) {
        for (uint8_t l = 1; l <= MS_MH_LLA_MAX; l++) {
            memset(&o, 0, sizeof o);
            o.present = MS_MH_OPTS_LLA;
            o.lla_code = (uint8_t)(l * 3);
            o.lla_len = l;
            for (int i = 0; i < l; i++)
                o.lla[i] = (uint8_t)(0x40 + i);
            uint8_t buf[64];
            int n = enc(&o, 10, variants[v], buf, sizeof buf);
            cr_assert_gt(n, 0);
            long at = find_opt(buf, (size_t)n, MS_MH_OPT_LLA, variants[v]);
            cr_assert_geq(at, 0);
            cr_assert_eq(buf[at + 1], 1 + l, "Length is 1 + LLA under both rules");
            if (variants[v] == MS_FMIP_RFC4068)
                cr_assert_eq((10 + (size_t)at) % 8, 6);
            cr_assert_eq(ms_mh_opts_decode_ex(buf, (size_t)n, 10, variants[v], &d), 0);
            cr_assert(ms_mh_opts_equal(&o, &d), "variant %zu len %u", v, l);
        }
    }
}

Test(mh_opt_fmip, lla_bad_lengths)
{
    for (size_t v = 0; v < 3; v++) {
        uint8_t z[8] = {MS_MH_OPT_LLA, 0, 2, 0, 0, 0, 0, 0};
        /* Length 0 (under 4068 the option is then Type, Length, Code). */
        size_t zl = variants[v] == MS_FMIP_RFC4068 ? 3 : 2;
        cr_assert_eq(ms_mh_opts_decode_ex(z, zl, 0, variants[v], &d), MS_EZERO_OPTLEN);
        /* Length 1: no address. */
        z[1] = 1;
        cr_assert_eq(ms_mh_opts_decode_ex(z, zl + 1, 0, variants[v], &d), MS_EBAD_OPTLEN);
        /* More than MS_MH_LLA_MAX octets of address. */
        uint8_t big[2 + 1 + 1 + MS_MH_LLA_MAX + 1];
        memset(big, 0, sizeof big);
        big[0] = MS_MH_OPT_LLA;
        size_t bl = variants[v] == MS_FMIP_RFC4068 ? sizeof big : sizeof big - 1;
        big[1] = (uint8_t)(variants[v] == MS_FMIP_RFC4068 ? bl - 3 : bl - 2);
        cr_assert_eq(ms_mh_opts_decode_ex(big, bl, 0, variants[v], &d), MS_EBAD_OPTLEN,
                     "variant %zu", v);
        /* Overrun. */
        big[1] = 200;
        cr_assert_eq(ms_mh_opts_decode_ex(big, bl, 0, variants[v], &d), MS_EOPT_OVERRUN);
    }
    /* Encoder: lla_len 0 or too long. */
    memset(&o, 0, sizeof o);
    o.present = MS_MH_OPTS_LLA;
    uint8_t buf[64];
    cr_assert_eq(ms_mh_opts_encode(&o, 0, buf, sizeof buf), -EINVAL);
    o.lla_len = MS_MH_LLA_MAX + 1;
    cr_assert_eq(ms_mh_opts_encode(&o, 0, buf, sizeof buf), -EINVAL);
    cr_assert_eq(ms_mh_opts_len(&o, 0), (size_t)-1);
    o.lla_len = 1;
    cr_assert_eq(ms_mh_opts_encode_ex(&o, 0, (enum ms_fmip_variant)9, buf, sizeof buf), -EINVAL);
    cr_assert_eq(ms_mh_opts_decode_ex(buf, 0, 0, (enum ms_fmip_variant)9, &d), -EINVAL);
}

/* ---- MH IPv6 Address/Prefix (34) ---- */

/* RFC 5568 s6.4.2 Figure 12 (Type 34 per s11; the figure's "17" is gotcha
 * 1): Length 18, Option-Code, Prefix Length, address; at 12 it is 8n+4. */
Test(mh_opt_fmip, ipaddr_golden)
{
    memset(&o, 0, sizeof o);
    struct in6_addr a = addr("2001:db8:2::");
    cr_assert_eq(ms_mh_opts_add_ipaddr(&o, MS_IPADDR_NAR_PREFIX, 64, &a), 0);
    static const uint8_t want[] = {0x22, 0x12, 0x04, 0x40, 0x20, 0x01, 0x0d, 0xb8, 0, 2,
                                   0,    0,    0,    0,    0,    0,    0,    0,    0, 0};
    uint8_t buf[64];
    int n = enc(&o, 12, MS_FMIP_RFC5568, buf, sizeof buf);
    cr_assert_eq(n, (int)sizeof want);
    cr_assert_eq(memcmp(buf, want, sizeof want), 0);
    cr_assert_eq(MS_MH_OPT_IP_ADDR_PREFIX, 34);
    cr_assert_eq(ms_mh_opts_decode(want, sizeof want, 12, &d), 0);
    const struct ms_mh_opt_ipaddr *e = ms_mh_opts_find_ipaddr(&d, MS_IPADDR_NAR_PREFIX);
    cr_assert_not_null(e);
    cr_assert_eq(e->prefix_len, 64);
    cr_assert_eq(memcmp(&e->addr, &a, 16), 0);
    cr_assert_null(ms_mh_opts_find_ipaddr(&d, MS_IPADDR_OLD_COA));
}

Test(mh_opt_fmip, ipaddr_bad_lengths_and_fields)
{
    uint8_t w[2 + 40];
    memset(w, 0, sizeof w);
    w[0] = MS_MH_OPT_IP_ADDR_PREFIX;
    for (unsigned l = 0; l <= 40; l++) {
        if (l == 18)
            continue;
        w[1] = (uint8_t)l;
        cr_assert_eq(ms_mh_opts_decode(w, 2 + l, 4, &d), MS_EBAD_OPTLEN, "len %u", l);
    }
    w[1] = 18;
    w[3] = 129;
    cr_assert_eq(ms_mh_opts_decode(w, 20, 4, &d), MS_EBAD_FIELD);
    w[3] = 128;
    cr_assert_eq(ms_mh_opts_decode(w, 20, 4, &d), 0);
    w[1] = 19;
    cr_assert_eq(ms_mh_opts_decode(w, 20, 4, &d), MS_EOPT_OVERRUN);
    /* More than MS_MH_OPTS_IPADDR_MAX: kept up to the bound, flagged. */
    uint8_t many[(MS_MH_OPTS_IPADDR_MAX + 1) * 24];
    memset(many, 0, sizeof many);
    for (int k = 0; k <= MS_MH_OPTS_IPADDR_MAX; k++) {
        uint8_t *q = many + 24 * k;
        q[0] = MS_MH_OPT_PADN;
        q[1] = 2;
        q[4] = MS_MH_OPT_IP_ADDR_PREFIX;
        q[5] = 18;
        q[6] = (uint8_t)(k + 1);
    }
    cr_assert_eq(ms_mh_opts_decode(many, sizeof many, 0, &d), 0);
    cr_assert_eq(d.n_ipaddr, MS_MH_OPTS_IPADDR_MAX);
    cr_assert_eq(d.diag, MS_MH_DIAG_OPT_DROPPED);
    /* Encoder and helper bounds. */
    memset(&o, 0, sizeof o);
    struct in6_addr a = addr("::1");
    cr_assert_eq(ms_mh_opts_add_ipaddr(&o, 1, 129, &a), -EINVAL);
    for (int k = 0; k < MS_MH_OPTS_IPADDR_MAX; k++)
        cr_assert_eq(ms_mh_opts_add_ipaddr(&o, 1, 128, &a), 0);
    cr_assert_eq(ms_mh_opts_add_ipaddr(&o, 1, 128, &a), -ENOSPC);
    uint8_t buf[256];
    o.ipaddr[2].prefix_len = 200;
    cr_assert_eq(ms_mh_opts_encode(&o, 0, buf, sizeof buf), -EINVAL);
    o.ipaddr[2].prefix_len = 0;
    o.n_ipaddr = 0;
    cr_assert_eq(ms_mh_opts_encode(&o, 0, buf, sizeof buf), -EINVAL);
    o.n_ipaddr = MS_MH_OPTS_IPADDR_MAX + 1;
    cr_assert_eq(ms_mh_opts_encode(&o, 0, buf, sizeof buf), -EINVAL);
}

/* ---- BADF (21): both length readings (gotcha 10), last, alignment ---- */

static void
badf_only(uint8_t alen)
{
    memset(&o, 0, sizeof o);
    o.present = MS_MH_OPTS_BADF;
    o.badf_spi = 0xCAFE0001;
    o.badf_auth_len = alen;
    for (int i = 0; i < MS_MH_BADF_AUTH_MAX; i++)
        o.badf_auth[i] = (uint8_t)(0x10 + i);
}

/* RFC 5568 s6.4.5 Figure 15 with mipsim's encode reading (Option Length =
 * SPI + Authenticator = 16) at the end of an FBU's fixed part (12): PadN(2),
 * BADF at 14 (8n+6), ending the area at 32. */
Test(mh_opt_fmip, badf_golden_generic_length)
{
    badf_only(12);
    static const uint8_t want[] = {0x01, 0x00, 0x15, 0x10, 0xCA, 0xFE, 0x00, 0x01, 0x10, 0x11,
                                   0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B};
    uint8_t buf[64];
    int n = enc(&o, 12, MS_FMIP_RFC5568, buf, sizeof buf);
    cr_assert_eq(n, (int)sizeof want);
    cr_assert_eq(memcmp(buf, want, sizeof want), 0);
    cr_assert_eq(ms_mh_opts_decode(want, sizeof want, 12, &d), 0);
    cr_assert_eq(d.diag, 0);
    cr_assert_eq(d.badf_spi, 0xCAFE0001);
    cr_assert_eq(d.badf_auth_len, 12);
    size_t off, al;
    cr_assert_eq(ms_mh_opts_bad_find(want, sizeof want, &off, &al), 0);
    cr_assert_eq(off, 8);
    cr_assert_eq(al, 12);
    /* auth_len 0 means the 12-octet default. */
    badf_only(0);
    n = enc(&o, 12, MS_FMIP_RFC5568, buf, sizeof buf);
    cr_assert_eq(buf[3], 16);
}

/* The literal reading (Option Length = Authenticator only, 12) of the same
 * option: accepted because it ends the area, flagged. */
Test(mh_opt_fmip, badf_literal_length_tolerated)
{
    static const uint8_t lit[] = {0x01, 0x00, 0x15, 0x0C, 0xCA, 0xFE, 0x00, 0x01, 0x10, 0x11,
                                  0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B};
    cr_assert_eq(ms_mh_opts_decode(lit, sizeof lit, 12, &d), 0);
    cr_assert_eq(d.diag, MS_MH_DIAG_BADF_LEN_AUTH);
    cr_assert_eq(d.badf_spi, 0xCAFE0001);
    cr_assert_eq(d.badf_auth_len, 12);
    cr_assert_eq(d.badf_auth[11], 0x1B);
    size_t off, al;
    cr_assert_eq(ms_mh_opts_bad_find(lit, sizeof lit, &off, &al), 0);
    cr_assert_eq(off, 8);
    cr_assert_eq(al, 12);
    /* Re-encoding uses mipsim's reading. */
    uint8_t buf[64];
    int n = enc(&d, 12, MS_FMIP_RFC5568, buf, sizeof buf);
    cr_assert_eq(n, (int)sizeof lit);
    cr_assert_eq(buf[3], 16);
    cr_assert_eq(memcmp(buf + 4, lit + 4, sizeof lit - 4), 0);
    /* Every authenticator length under both readings. */
    for (uint8_t a = 1; a <= MS_MH_BADF_AUTH_MAX; a++) {
        uint8_t p[6 + MS_MH_BADF_AUTH_MAX];
        memset(p, 0x77, sizeof p);
        p[0] = MS_MH_OPT_BADF;
        p[1] = (uint8_t)(4 + a);
        cr_assert_eq(ms_mh_opts_decode(p, 6u + a, 0, &d), 0);
        cr_assert_eq(d.badf_auth_len, a);
        cr_assert_eq(d.diag, 0);
        p[1] = a;
        cr_assert_eq(ms_mh_opts_decode(p, 6u + a, 0, &d), 0, "literal %u", a);
        cr_assert_eq(d.badf_auth_len, a);
        cr_assert_eq(d.diag, MS_MH_DIAG_BADF_LEN_AUTH);
    }
}

Test(mh_opt_fmip, badf_bad_lengths)
{
    uint8_t p[2 + 4 + MS_MH_BADF_AUTH_MAX + 4];
    memset(p, 0, sizeof p);
    p[0] = MS_MH_OPT_BADF;
    /* Zero: generic (ends the area) and literal (SPI only). */
    p[1] = 0;
    cr_assert_eq(ms_mh_opts_decode(p, 2, 0, &d), MS_EZERO_OPTLEN);
    cr_assert_eq(ms_mh_opts_decode(p, 6, 0, &d), MS_EZERO_OPTLEN);
    /* 1..4 under the generic reading: no room for SPI + authenticator. */
    for (uint8_t l = 1; l <= 4; l++) {
        p[1] = l;
        cr_assert_eq(ms_mh_opts_decode(p, 2u + l, 0, &d), MS_EBAD_OPTLEN, "len %u", l);
    }
    /* Authenticator longer than MS_MH_BADF_AUTH_MAX, both readings. */
    p[1] = 4 + MS_MH_BADF_AUTH_MAX + 1;
    cr_assert_eq(ms_mh_opts_decode(p, 2u + p[1], 0, &d), MS_EBAD_OPTLEN);
    p[1] = MS_MH_BADF_AUTH_MAX + 1;
    cr_assert_eq(ms_mh_opts_decode(p, 6u + p[1], 0, &d), MS_EBAD_OPTLEN);
    /* Overrun. */
    p[1] = 60;
    cr_assert_eq(ms_mh_opts_decode(p, 20, 0, &d), MS_EOPT_OVERRUN);
    /* Encoder. */
    badf_only(MS_MH_BADF_AUTH_MAX + 1);
    uint8_t buf[128];
    cr_assert_eq(ms_mh_opts_encode(&o, 0, buf, sizeof buf), -EINVAL);
    badf_only(12);
    o.present |= MS_MH_OPTS_BAD; /* two options that must both be last */
    cr_assert_eq(ms_mh_opts_encode(&o, 0, buf, sizeof buf), -EINVAL);
}

/* RFC 5568 s6.4.5: "This option MUST be the last Mobility Option present";
 * trailing padding counts, under either reading. */
Test(mh_opt_fmip, badf_not_last)
{
    uint8_t p[18 + 8];
    memset(p, 0, sizeof p);
    p[0] = MS_MH_OPT_BADF;
    p[1] = 16;
    /* Pad1 after it. */
    cr_assert_eq(ms_mh_opts_decode(p, 19, 0, &d), MS_EBADF_NOT_LAST);
    /* PadN(2) after it. */
    p[18] = MS_MH_OPT_PADN;
    cr_assert_eq(ms_mh_opts_decode(p, 20, 0, &d), MS_EBADF_NOT_LAST);
    /* Another option after it (6 octets: neither reading ends the area). */
    p[18] = MS_MH_OPT_NONCE_INDICES;
    p[19] = 4;
    cr_assert_eq(ms_mh_opts_decode(p, 24, 0, &d), MS_EBADF_NOT_LAST);
    /* 8 octets of padding after it. */
    memset(p + 18, 0, 8);
    cr_assert_eq(ms_mh_opts_decode(p, 26, 0, &d), MS_EBADF_NOT_LAST);
    /* Exactly 4 octets after the generic end are indistinguishable from the
     * literal reading of Option Length 16 (a 16-octet Authenticator after
     * the SPI): the tolerant decoder takes the literal reading and says so
     * (docs/WIRE-VARIANTS.md, BADF length). */
    p[18] = MS_MH_OPT_BRA;
    p[19] = 2;
    cr_assert_eq(ms_mh_opts_decode(p, 22, 0, &d), 0);
    cr_assert_eq(d.diag, MS_MH_DIAG_BADF_LEN_AUTH);
    cr_assert_eq(d.badf_auth_len, 16);
    /* Last, padding before it: fine. */
    uint8_t ok[2 + 18] = {MS_MH_OPT_PADN, 0, MS_MH_OPT_BADF, 16};
    cr_assert_eq(ms_mh_opts_decode(ok, sizeof ok, 4, &d), 0);
    cr_assert(d.present & MS_MH_OPTS_BADF);
}

/* Gotcha 11: RFC 5568 gives BADF no alignment.  mipsim puts it last with no
 * trailing padding; the decoder never flags its position. */
Test(mh_opt_fmip, badf_last_every_start_every_length)
{
    for (uint8_t a = 0; a <= MS_MH_BADF_AUTH_MAX; a++) {
        for (size_t start = 0; start < 8; start++) {
            badf_only(a);
            o.present |= MS_MH_OPTS_LLA;
            o.lla_len = 6;
            uint8_t buf[128];
            int n = enc(&o, start, MS_FMIP_RFC5568, buf, sizeof buf);
            cr_assert_gt(n, 0);
            size_t eff = a ? a : MS_MH_BADF_AUTH_DEFAULT;
            cr_assert_eq(buf[n - 6 - (int)eff], MS_MH_OPT_BADF);
            cr_assert_eq(buf[n - 5 - (int)eff], 4 + eff);
            if (eff == 12)
                cr_assert_eq((start + (size_t)n - 18) % 8, 6, "8n+6 with the default MAC");
            cr_assert_eq(ms_mh_opts_decode(buf, (size_t)n, start, &d), 0);
            cr_assert_eq(d.diag, 0);
            cr_assert(ms_mh_opts_equal(&o, &d));
        }
    }
}

/* ---- Multicast Mobility (60) / Acknowledgement (61), RFC 7411 ---- */

/* RFC 7411 s5.3 Figure 7 / s5.4 Figure 9: Length in 32-bit words after
 * Option-Code and Reserved/Status; 4n (mipsim). */
Test(mh_opt_fmip, mcast_golden)
{
    memset(&o, 0, sizeof o);
    o.mcast_code = MS_MCAST_MLDV2;
    cr_assert_eq(ms_mh_opts_blob_set(&o, MS_MH_BLOB_MCAST, mld, sizeof mld), 0);
    o.mcast_ack_status = MS_MCAST_ACK_GROUP_UNSUPPORTED;
    cr_assert_eq(ms_mh_opts_blob_set(&o, MS_MH_BLOB_MCAST_ACK, mld, sizeof mld), 0);
    uint8_t want[4 + 24 + 4 + 24 + 4];
    memset(want, 0, sizeof want);
    want[0] = 60, want[1] = 6, want[2] = 2, want[3] = 0;
    memcpy(want + 4, mld, 24);
    want[28] = 61, want[29] = 6, want[30] = 0, want[31] = 2;
    memcpy(want + 32, mld, 24);
    want[56] = MS_MH_OPT_PADN, want[57] = 2; /* 56 -> 60: PadN(4) at start 4 */
    uint8_t buf[128];
    int n = enc(&o, 4, MS_FMIP_RFC5568, buf, sizeof buf);
    cr_assert_eq(n, (int)sizeof want);
    cr_assert_eq(memcmp(buf, want, sizeof want), 0);
    cr_assert_eq(ms_mh_opts_decode(want, sizeof want, 4, &d), 0);
    cr_assert_eq(d.diag, 0);
    cr_assert_eq(d.mcast_code, MS_MCAST_MLDV2);
    cr_assert_eq(d.mcast_ack_status, MS_MCAST_ACK_GROUP_UNSUPPORTED);
    cr_assert(ms_mh_opts_equal(&o, &d));
    /* Reserved is ignored on receipt. */
    want[3] = 0xFF;
    cr_assert_eq(ms_mh_opts_decode(want, sizeof want, 4, &d), 0);
    cr_assert(ms_mh_opts_equal(&o, &d));
}

Test(mh_opt_fmip, mcast_lengths)
{
    for (int t = MS_MH_OPT_MCAST_MOBILITY; t <= MS_MH_OPT_MCAST_ACK; t++) {
        uint8_t p[4 + 8 + 4];
        memset(p, 0, sizeof p);
        p[0] = (uint8_t)t;
        /* Zero words: no room for the mandatory first payload line. */
        cr_assert_eq(ms_mh_opts_decode(p, 4, 0, &d), MS_EZERO_OPTLEN);
        /* Words past the end; just the header octets. */
        p[1] = 3;
        cr_assert_eq(ms_mh_opts_decode(p, 12, 0, &d), MS_EOPT_OVERRUN);
        cr_assert_eq(ms_mh_opts_decode(p, 3, 0, &d), MS_EOPT_OVERRUN);
        /* Two words fit; the generic reading would have taken 3 octets. */
        p[1] = 2;
        cr_assert_eq(ms_mh_opts_decode(p, 12, 0, &d), 0);
        size_t l;
        cr_assert_not_null(
            ms_mh_opts_blob_get(&d, t == 60 ? MS_MH_BLOB_MCAST : MS_MH_BLOB_MCAST_ACK, &l));
        cr_assert_eq(l, 8);
        /* A duplicate: the first is kept. */
        memcpy(p + 12, "\x00\x00\x00\x00", 4);
        uint8_t two[24];
        memcpy(two, p, 12);
        memcpy(two + 12, p, 12);
        two[14] = 9;
        cr_assert_eq(ms_mh_opts_decode(two, 24, 0, &d), 0);
        cr_assert_eq(d.diag, MS_MH_DIAG_DUP_OPT);
    }
    /* Encoder: payload empty, not a multiple of 4. */
    memset(&o, 0, sizeof o);
    o.present = MS_MH_OPTS_MCAST;
    uint8_t buf[64];
    cr_assert_eq(ms_mh_opts_encode(&o, 0, buf, sizeof buf), -EINVAL);
    cr_assert_eq(ms_mh_opts_blob_set(&o, MS_MH_BLOB_MCAST, mld, 6), 0);
    cr_assert_eq(ms_mh_opts_encode(&o, 0, buf, sizeof buf), -EINVAL);
    cr_assert_eq(ms_mh_opts_blob_set(&o, MS_MH_BLOB_MCAST, mld, 8), 0);
    cr_assert_gt(ms_mh_opts_encode(&o, 0, buf, sizeof buf), 0);
    cr_assert_eq(ms_mh_opts_blob_set(&o, MS_MH_BLOB_MCAST, mld, MS_MH_MCAST_PAYLOAD_MAX + 4),
                 -EINVAL);
}

/* RFC 7411 s5.5: up to 1020 octets of payload; the largest option fits. */
Test(mh_opt_fmip, mcast_largest)
{
    static uint8_t payload[MS_MH_MCAST_PAYLOAD_MAX];
    for (size_t i = 0; i < sizeof payload; i++)
        payload[i] = (uint8_t)i;
    memset(&o, 0, sizeof o);
    o.mcast_code = MS_MCAST_IGMPV3;
    cr_assert_eq(ms_mh_opts_blob_set(&o, MS_MH_BLOB_MCAST, payload, sizeof payload), 0);
    static uint8_t buf[2048];
    int n = enc(&o, 0, MS_FMIP_RFC5568, buf, sizeof buf);
    cr_assert_eq(n, 1024);
    cr_assert_eq(buf[1], 255);
    cr_assert_eq(ms_mh_opts_decode(buf, (size_t)n, 0, &d), 0);
    cr_assert(ms_mh_opts_equal(&o, &d));
}

/* ---- Truncation, raw types, format ---- */

Test(mh_opt_fmip, every_prefix_every_variant)
{
    for (size_t v = 0; v < 3; v++) {
        fill_all(&o);
        uint8_t buf[512];
        int n = enc(&o, 12, variants[v], buf, sizeof buf);
        cr_assert_gt(n, 0);
        for (int k = 0; k < n; k++) {
            uint8_t *cut = malloc(k ? (size_t)k : 1);
            cr_assert_not_null(cut);
            memcpy(cut, buf, (size_t)k);
            int rc = ms_mh_opts_decode_ex(cut, (size_t)k, 12, variants[v], &d);
            free(cut);
            cr_assert(rc == 0 || rc == MS_ETRUNC || rc == MS_EOPT_OVERRUN ||
                          rc == MS_EBADF_NOT_LAST || rc == MS_EBAD_OPTLEN,
                      "variant %zu prefix %d rc %d", v, k, rc);
            if (rc == 0)
                cr_assert(!(d.present & MS_MH_OPTS_BADF), "prefix %d cannot hold the BADF", k);
        }
    }
}

Test(mh_opt_fmip, raw_may_not_take_interpreted_types)
{
    static const uint8_t types[] = {MS_MH_OPT_LLA,
                                    MS_MH_OPT_BADF,
                                    MS_MH_OPT_IP_ADDR_PREFIX,
                                    MS_MH_OPT_MCAST_MOBILITY,
                                    MS_MH_OPT_MCAST_ACK,
                                    MS_MH_OPT_CGA_PARAMS,
                                    MS_MH_OPT_CGA_PARAMS_REQ,
                                    MS_MH_OPT_SIGNATURE,
                                    MS_MH_OPT_PHKT,
                                    MS_MH_OPT_COTI,
                                    MS_MH_OPT_COT};
    uint8_t buf[64];
    for (size_t k = 0; k < sizeof types; k++) {
        memset(&o, 0, sizeof o);
        o.n_raw = 1;
        o.raw[0].type = types[k];
        cr_assert_eq(ms_mh_opts_encode(&o, 0, buf, sizeof buf), -EINVAL, "type %u", types[k]);
    }
    /* DNS Update (17) is not interpreted: raw, round-trips. */
    memset(&o, 0, sizeof o);
    o.n_raw = 1;
    o.raw[0].type = MS_MH_OPT_DNS_UPDATE;
    o.raw[0].len = 3;
    int n = ms_mh_opts_encode(&o, 0, buf, sizeof buf);
    cr_assert_gt(n, 0);
    cr_assert_eq(ms_mh_opts_decode(buf, (size_t)n, 0, &d), 0);
    cr_assert_eq(d.n_raw, 1);
}

Test(mh_opt_fmip, format_and_equal)
{
    fill_all(&o);
    char s[512];
    int n = ms_mh_opts_format(&o, s, sizeof s);
    cr_assert_str_eq(s, " lla=02:00:5e:10:00:01 pcoa=2001:db8:1::100/128"
                        " narprefix=2001:db8:2::/64 mcast=2[24] mcastack=0/1[4]"
                        " badf[spi=16909060 auth=12]");
    cr_assert_eq(n, (int)strlen(s));
    cr_assert_eq(ms_mh_opts_format(&o, NULL, 0), n);
    fill_all(&d2);
    cr_assert(ms_mh_opts_equal(&o, &d2));
    d2.lla[5] ^= 1;
    cr_assert_not(ms_mh_opts_equal(&o, &d2));
    fill_all(&d2);
    d2.ipaddr[1].prefix_len = 63;
    cr_assert_not(ms_mh_opts_equal(&o, &d2));
    fill_all(&d2);
    d2.badf_spi++;
    cr_assert_not(ms_mh_opts_equal(&o, &d2));
    fill_all(&d2);
    d2.blob[d2.span[MS_MH_BLOB_MCAST].off + 3] ^= 1;
    cr_assert_not(ms_mh_opts_equal(&o, &d2));
    fill_all(&d2);
    d2.mcast_ack_status = 3;
    cr_assert_not(ms_mh_opts_equal(&o, &d2));
    /* Same payloads stored in another order in the blob: equal. */
    memset(&d2, 0, sizeof d2);
    d2 = o;
    cr_assert_eq(ms_mh_opts_blob_set(&d2, MS_MH_BLOB_MCAST, NULL, 0), 0);
    cr_assert_eq(ms_mh_opts_blob_set(&d2, MS_MH_BLOB_MCAST, mld, sizeof mld), 0);
    cr_assert_neq(d2.span[MS_MH_BLOB_MCAST].off, o.span[MS_MH_BLOB_MCAST].off);
    cr_assert(ms_mh_opts_equal(&o, &d2));
}
