/* Unit tests for wire/nd_opt_send.c: SEND options 11 CGA (RFC 3971 s5.1 with
 * the RFC 3972 s3 CGA Parameters), 12 RSA Signature (s5.2), 13 Timestamp
 * (s5.3.1), 14 Nonce (s5.3.2), 15 Trust Anchor (s6.4.3), 16 Certificate
 * (s6.4.4), and the RFC 5269 s4 Handover Key Request (27) and Reply (28). */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wire/err.h"
#include "wire/nd_opt.h"

#include "unit/nd_opt_test_util.h"

/* Golden options, hand-assembled field by field from the RFC figures named
 * in each array's comments.  The public key is an RFC 3279 s2.3.1 RSA-512
 * SubjectPublicKeyInfo with a made-up modulus; the certificate a minimal
 * DER SEQUENCE (only its framing matters here). */
/* clang-format off */
static const uint8_t g_opt_cga[] = {
    0x0b, 0x10, 0x05, 0x00,                          /* CGA: Type 11, Length 16, Pad Length 5, Reserved */
    0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,  /* Modifier */
    0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0x00, 0x00,  /* Subnet Prefix */
    0x01,                                            /* Collision Count 1 */
    0x30, 0x5c, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86,  /* Public Key (DER SubjectPublicKeyInfo, 94 octets) */
    0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05,
    0x00, 0x03, 0x4b, 0x00, 0x30, 0x48, 0x02, 0x41,
    0x00, 0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6,
    0xc7, 0xc8, 0xc9, 0xca, 0xcb, 0xcc, 0xcd, 0xce,
    0xcf, 0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6,
    0xd7, 0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde,
    0xdf, 0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6,
    0xe7, 0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee,
    0xef, 0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6,
    0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe,
    0xff, 0x02, 0x03, 0x01, 0x00, 0x01,
    0x00, 0x00, 0x00, 0x00, 0x00,                    /* Padding */
};

static const uint8_t g_opt_cga_ext[] = {
    0x0b, 0x11, 0x07, 0x00,                          /* CGA: Type 11, Length 17, Pad Length 7, Reserved */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  /* Modifier */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0x00, 0x00,  /* Subnet Prefix */
    0x02,                                            /* Collision Count 2 */
    0x30, 0x5c, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86,  /* Public Key (DER SubjectPublicKeyInfo, 94 octets) */
    0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05,
    0x00, 0x03, 0x4b, 0x00, 0x30, 0x48, 0x02, 0x41,
    0x00, 0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6,
    0xc7, 0xc8, 0xc9, 0xca, 0xcb, 0xcc, 0xcd, 0xce,
    0xcf, 0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6,
    0xd7, 0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde,
    0xdf, 0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6,
    0xe7, 0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee,
    0xef, 0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6,
    0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe,
    0xff, 0x02, 0x03, 0x01, 0x00, 0x01,
    0x00, 0x01, 0x00, 0x02, 0xab, 0xcd,              /* Extension Fields */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,        /* Padding */
};

static const uint8_t g_opt_rsa[] = {
    0x0c, 0x0b, 0x00, 0x00,                          /* RSA Signature: Type 12, Length 11, Reserved */
    0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37,  /* Key Hash */
    0x38, 0x39, 0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f,
    0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a,  /* Digital Signature (64 octets) */
    0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a,
    0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a,
    0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a,
    0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a,
    0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a,
    0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a,
    0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a,
    0x00, 0x00, 0x00, 0x00,                          /* Padding */
};

static const uint8_t g_opt_ts[] = {
    0x0d, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  /* Timestamp: Type 13, Length 2, Reserved (48) */
    0x00, 0x00, 0x47, 0x86, 0x8c, 0x00, 0x80, 0x00,  /* Timestamp 1200000000 + 32768/65536 s */
};

static const uint8_t g_opt_nonce[] = {
    0x0e, 0x01, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6,  /* Nonce: Type 14, Length 1, Nonce */
};

static const uint8_t g_opt_nonce14[] = {
    0x0e, 0x02, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06,  /* Nonce: Type 14, Length 2, Nonce */
    0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e,
};

static const uint8_t g_opt_ta[] = {
    0x0f, 0x04, 0x02, 0x03,                          /* Trust Anchor: Type 15, Length 4, Name Type 2, Pad Length 3 */
    0x0b, 0x74, 0x72, 0x75, 0x73, 0x74, 0x61, 0x6e,  /* Name */
    0x63, 0x68, 0x6f, 0x72, 0x07, 0x65, 0x78, 0x61,
    0x6d, 0x70, 0x6c, 0x65, 0x03, 0x63, 0x6f, 0x6d,
    0x00,
    0x00, 0x00, 0x00,                                /* Padding */
};

static const uint8_t g_opt_cert[] = {
    0x10, 0x03, 0x01, 0x00,                          /* Certificate: Type 16, Length 3, Cert Type 1, Reserved */
    0x30, 0x0c, 0x30, 0x0a, 0x02, 0x01, 0x02, 0x30,  /* Certificate (14 octets, DER SEQUENCE) */
    0x05, 0x06, 0x03, 0x55, 0x04, 0x03,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00,              /* Padding */
};

static const uint8_t g_opt_hkreq[] = {
    0x1b, 0x0d, 0x06, 0x10,                          /* HK Request: Type 27, Length 13, Pad Length 6, AT 1 */
    0x30, 0x5c, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86,  /* Handover Key Encryption Public Key */
    0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05,
    0x00, 0x03, 0x4b, 0x00, 0x30, 0x48, 0x02, 0x41,
    0x00, 0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6,
    0xc7, 0xc8, 0xc9, 0xca, 0xcb, 0xcc, 0xcd, 0xce,
    0xcf, 0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6,
    0xd7, 0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde,
    0xdf, 0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6,
    0xe7, 0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee,
    0xef, 0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6,
    0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe,
    0xff, 0x02, 0x03, 0x01, 0x00, 0x01,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00,              /* Padding */
};

static const uint8_t g_opt_hkrep[] = {
    0x1c, 0x09, 0x02, 0x30,                          /* HK Reply: Type 28, Length 9, Pad Length 2, AT 3 */
    0xa8, 0xc0,                                      /* Key Lifetime 43200 */
    0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7,  /* Encrypted Handover Key */
    0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee, 0xef,
    0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7,
    0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee, 0xef,
    0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7,
    0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee, 0xef,
    0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7,
    0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee, 0xef,
    0x00, 0x00,                                      /* Padding */
};
/* clang-format on */

static struct ms_nd_sec sec, sec2;

/* Offset 29 in g_opt_cga: the 94-octet key after the 4 + 25 fixed octets. */
#define KEY_OFF 29u
#define KEY_LEN 94u

Test(nd_opt_send, golden_cga)
{
    struct ms_nd_opts o;
    cr_assert_eq(decode_exact(g_opt_cga, sizeof(g_opt_cga), &o, &sec), 0);
    cr_assert(ms_nd_opts_has(&o, MS_ND_OPT_CGA));
    cr_assert_eq(o.sec, &sec);
    const struct ms_nd_opt_cga *c = &sec.cga;
    cr_assert_eq(c->modifier[0], 0x10);
    cr_assert_eq(c->subnet_prefix[1], 0x01);
    cr_assert_eq(c->collision_count, 1);
    cr_assert_eq(c->key_len, KEY_LEN);
    cr_assert_arr_eq(c->key, g_opt_cga + KEY_OFF, KEY_LEN);
    cr_assert_eq(c->ext_len, 0);
    assert_encodes_to(&o, g_opt_cga, sizeof(g_opt_cga));

    /* Extension fields: whatever follows the DER key, up to the padding. */
    cr_assert_eq(decode_exact(g_opt_cga_ext, sizeof(g_opt_cga_ext), &o, &sec), 0);
    cr_assert_eq(sec.cga.collision_count, 2);
    cr_assert_eq(sec.cga.key_len, KEY_LEN);
    cr_assert_eq(sec.cga.ext_len, 6);
    const uint8_t ext[6] = {0x00, 0x01, 0x00, 0x02, 0xab, 0xcd};
    cr_assert_arr_eq(sec.cga.ext, ext, 6);
    assert_encodes_to(&o, g_opt_cga_ext, sizeof(g_opt_cga_ext));
}

Test(nd_opt_send, cga_malformed)
{
    uint8_t b[sizeof(g_opt_cga)];
    struct ms_nd_opts o;
    memcpy(b, g_opt_cga, sizeof(b));
    b[2] = (uint8_t)(sizeof(b) - 4 + 1); /* Pad Length past the option */
    cr_assert_eq(decode_exact(b, sizeof(b), &o, &sec), MS_EBAD_PAD);
    b[2] = (uint8_t)(sizeof(b) - 4 - 24); /* leaves less than the 25 fixed octets */
    cr_assert_eq(decode_exact(b, sizeof(b), &o, &sec), MS_EBAD_FIELD);
    memcpy(b, g_opt_cga, sizeof(b));
    b[KEY_OFF] = 0x31; /* not a SEQUENCE */
    cr_assert_eq(decode_exact(b, sizeof(b), &o, &sec), MS_EBAD_FIELD);
    memcpy(b, g_opt_cga, sizeof(b));
    b[KEY_OFF + 1] = 0x7f; /* DER length past the parameters */
    cr_assert_eq(decode_exact(b, sizeof(b), &o, &sec), MS_EBAD_FIELD);
    b[KEY_OFF + 1] = 0x80; /* indefinite length: not DER */
    cr_assert_eq(decode_exact(b, sizeof(b), &o, &sec), MS_EBAD_FIELD);
    b[KEY_OFF + 1] = 0x84; /* 4 length octets: more than the codec takes */
    cr_assert_eq(decode_exact(b, sizeof(b), &o, &sec), MS_EBAD_FIELD);
    /* The same key in long form (0x81 0x5c) is fine: 1 octet goes from the
     * padding to the key header. */
    memcpy(b, g_opt_cga, KEY_OFF);
    b[KEY_OFF] = 0x30;
    b[KEY_OFF + 1] = 0x81;
    b[KEY_OFF + 2] = 0x5c;
    memcpy(b + KEY_OFF + 3, g_opt_cga + KEY_OFF + 2, KEY_LEN - 2);
    memset(b + KEY_OFF + 1 + KEY_LEN, 0, sizeof(b) - KEY_OFF - 1 - KEY_LEN);
    b[2] = (uint8_t)(g_opt_cga[2] - 1);
    cr_assert_eq(decode_exact(b, sizeof(b), &o, &sec), 0);
    cr_assert_eq(sec.cga.key_len, KEY_LEN + 1);
    cr_assert_eq(sec.cga.ext_len, 0);
    assert_encodes_to(&o, b, sizeof(b));
    /* Length below 4 cannot hold the parameters. */
    uint8_t s[24] = {MS_ND_OPT_CGA, 3};
    cr_assert_eq(decode_exact(s, sizeof(s), &o, &sec), MS_EBAD_OPTLEN);
    /* Without storage none of this is looked at (RFC 3971 s8). */
    cr_assert_eq(decode_exact(s, sizeof(s), &o, NULL), 0);
    cr_assert_eq(o.n_dropped, 1);
}

Test(nd_opt_send, cga_encode_checks)
{
    struct ms_nd_opts o;
    cr_assert_eq(decode_exact(g_opt_cga, sizeof(g_opt_cga), &o, &sec), 0);
    uint8_t buf[256];
    sec.cga.key_len = KEY_LEN - 1; /* no longer exactly one DER SEQUENCE */
    cr_assert_eq(ms_nd_opts_encode(&o, buf, sizeof(buf)), -EINVAL);
    sec.cga.key_len = KEY_LEN;
    sec.cga.ext_len = MS_ND_SEC_CGA_EXT_MAX + 1;
    cr_assert_eq(ms_nd_opts_encode(&o, buf, sizeof(buf)), -EINVAL);
    sec.cga.ext_len = 0;
    o.sec = NULL; /* present but no payload */
    cr_assert_eq(ms_nd_opts_encode(&o, buf, sizeof(buf)), -EINVAL);
    o.sec = &sec;
    cr_assert_eq(ms_nd_opts_encode(&o, buf, sizeof(buf)), (int)sizeof(g_opt_cga));
}

Test(nd_opt_send, golden_rsa_signature)
{
    struct ms_nd_opts o;
    uint8_t b[8 + sizeof(g_opt_rsa)];
    memcpy(b, g_opt_nonce, 8);
    memcpy(b + 8, g_opt_rsa, sizeof(g_opt_rsa));
    cr_assert_eq(decode_exact(b, sizeof(b), &o, &sec), 0);
    cr_assert(ms_nd_opts_has(&o, MS_ND_OPT_RSA_SIG));
    cr_assert_eq(sec.rsa_sig.key_hash[0], 0x30);
    cr_assert_eq(sec.rsa_sig.key_hash[15], 0x3f);
    /* No Pad Length: signature and padding come back together. */
    cr_assert_eq(sec.rsa_sig.sig_len, sizeof(g_opt_rsa) - 20);
    cr_assert_eq(sec.rsa_sig.sig[63], 0x5a);
    cr_assert_eq(sec.rsa_sig.sig[64], 0);
    cr_assert_eq(sec.rsa_sig.off, 8u);
    assert_encodes_to(&o, b, sizeof(b));
    /* A 64-octet signature encodes to the same octets. */
    sec.rsa_sig.sig_len = 64;
    assert_encodes_to(&o, b, sizeof(b));
    /* Length 2 holds no signature. */
    uint8_t s[16] = {MS_ND_OPT_RSA_SIG, 2};
    cr_assert_eq(decode_exact(s, sizeof(s), &o, &sec), MS_EBAD_OPTLEN);
}

Test(nd_opt_send, signature_goes_last_and_ends_the_list)
{
    /* Built out of order: the encoder still writes the signature last. */
    struct ms_nd_opts o;
    memset(&o, 0, sizeof(o));
    memset(&sec2, 0, sizeof(sec2));
    o.sec = &sec2;
    ms_nd_opts_set(&o, MS_ND_OPT_RSA_SIG);
    sec2.rsa_sig.sig_len = 128;
    memset(sec2.rsa_sig.sig, 0x42, 128);
    ms_nd_opts_set(&o, MS_ND_OPT_SLLA);
    ms_nd_opts_set(&o, MS_ND_OPT_TIMESTAMP);
    o.timestamp = 1;
    o.n_raw = 1;
    o.raw[0].type = 200;
    o.raw[0].len8 = 1;
    uint8_t buf[512];
    int n = ms_nd_opts_encode(&o, buf, sizeof(buf));
    cr_assert_eq(n, 8 + 16 + 8 + 152);
    cr_assert_eq(buf[n - 152], MS_ND_OPT_RSA_SIG);
    struct ms_nd_opts d;
    cr_assert_eq(decode_exact(buf, (size_t)n, &d, &sec), 0);
    cr_assert_eq(sec.rsa_sig.off, (size_t)n - 152);
    cr_assert_eq(sec.rsa_sig.sig_len, 132);
    cr_assert_eq(d.n_raw, 1);
    cr_assert_eq(d.n_dropped, 0);
    /* A second signature is after the first: ignored. */
    memcpy(buf + n, buf + n - 152, 152);
    cr_assert_eq(decode_exact(buf, (size_t)n + 152, &d, &sec), 0);
    cr_assert_eq(d.n_dropped, 1);
}

Test(nd_opt_send, golden_timestamp)
{
    struct ms_nd_opts o;
    cr_assert_eq(decode_exact(g_opt_ts, sizeof(g_opt_ts), &o, NULL), 0);
    cr_assert(ms_nd_opts_has(&o, MS_ND_OPT_TIMESTAMP));
    /* RFC 3971 s5.3.1: 48 bits of seconds, 16 of 1/64K fractions. */
    cr_assert_eq(o.timestamp >> 16, 1200000000u);
    cr_assert_eq(o.timestamp & 0xffff, 0x8000u);
    cr_assert_eq(ms_nd_ts_to_ns(o.timestamp), 1200000000500000000ll);
    assert_encodes_to(&o, g_opt_ts, sizeof(g_opt_ts));
    uint8_t b[24];
    memset(b, 0, sizeof(b));
    memcpy(b, g_opt_ts, 16);
    memset(b + 2, 0xff, 6); /* Reserved ignored */
    cr_assert_eq(decode_exact(b, 16, &o, NULL), 0);
    assert_encodes_to(&o, g_opt_ts, sizeof(g_opt_ts));
    b[1] = 1;
    cr_assert_eq(decode_exact(b, 8, &o, NULL), MS_EBAD_OPTLEN);
    b[1] = 3;
    cr_assert_eq(decode_exact(b, 24, &o, NULL), MS_EBAD_OPTLEN);
}

Test(nd_opt_send, timestamp_conversions)
{
    /* Every fraction survives wire -> ns -> wire. */
    for (uint64_t f = 0; f < 65536; f++) {
        uint64_t t = ((uint64_t)1700000000 << 16) | f;
        cr_assert_eq(ms_nd_ts_from_ns(ms_nd_ts_to_ns(t)), t, "fraction %llu",
                     (unsigned long long)f);
    }
    cr_assert_eq(ms_nd_ts_from_ns(0), 0u);
    cr_assert_eq(ms_nd_ts_from_ns(-5), 0u);
    cr_assert_eq(ms_nd_ts_from_ns(1000000000), (uint64_t)1 << 16);
    cr_assert_eq(ms_nd_ts_from_ns(999999999), (uint64_t)1 << 16); /* rounds up, carries */
    cr_assert_eq(ms_nd_ts_from_ns(1), 1u);
    cr_assert_eq(ms_nd_ts_to_ns(UINT64_MAX), INT64_MAX);
    cr_assert_eq(ms_nd_ts_to_ns((uint64_t)9223372036 << 16), 9223372036000000000ll);
    cr_assert_eq(ms_nd_ts_to_ns(((uint64_t)9223372036 << 16) | 0xffff), INT64_MAX);
    cr_assert_eq(ms_nd_ts_to_ns((uint64_t)9223372037 << 16), INT64_MAX);
}

Test(nd_opt_send, golden_nonce)
{
    struct ms_nd_opts o;
    cr_assert_eq(decode_exact(g_opt_nonce, sizeof(g_opt_nonce), &o, NULL), 0);
    cr_assert_eq(o.nonce.len, 6);
    cr_assert_eq(o.nonce.b[0], 0xa1);
    assert_encodes_to(&o, g_opt_nonce, sizeof(g_opt_nonce));
    cr_assert_eq(decode_exact(g_opt_nonce14, sizeof(g_opt_nonce14), &o, NULL), 0);
    cr_assert_eq(o.nonce.len, 14);
    assert_encodes_to(&o, g_opt_nonce14, sizeof(g_opt_nonce14));
    /* "MUST be selected so that the length of the nonce option is a
     * multiple of 8 octets", "at least 6 bytes". */
    uint8_t buf[64];
    o.nonce.len = 7;
    cr_assert_eq(ms_nd_opts_encode(&o, buf, sizeof(buf)), -EINVAL);
    o.nonce.len = 0;
    cr_assert_eq(ms_nd_opts_encode(&o, buf, sizeof(buf)), -EINVAL);
    o.nonce.len = MS_ND_OPT_NONCE_MAX;
    cr_assert_eq(ms_nd_opts_encode(&o, buf, sizeof(buf)), 32);
    /* Longer than MS_ND_OPT_NONCE_MAX: skipped. */
    uint8_t big[40] = {MS_ND_OPT_NONCE, 5};
    cr_assert_eq(decode_exact(big, sizeof(big), &o, NULL), 0);
    cr_assert(!ms_nd_opts_has(&o, MS_ND_OPT_NONCE));
    cr_assert_eq(o.n_dropped, 1);
}

Test(nd_opt_send, golden_trust_anchor_and_certificate)
{
    struct ms_nd_opts o;
    cr_assert_eq(decode_exact(g_opt_ta, sizeof(g_opt_ta), &o, &sec), 0);
    cr_assert(ms_nd_opts_has(&o, MS_ND_OPT_TRUST_ANCHOR));
    cr_assert_eq(sec.trust_anchor.name_type, MS_SEND_NAME_FQDN);
    cr_assert_eq(sec.trust_anchor.name_len, 25); /* DNS wire format, root label included */
    cr_assert_arr_eq(sec.trust_anchor.name,
                     "\x0btrustanchor\x07"
                     "example\x03"
                     "com",
                     25);
    assert_encodes_to(&o, g_opt_ta, sizeof(g_opt_ta));
    uint8_t b[sizeof(g_opt_ta)];
    memcpy(b, g_opt_ta, sizeof(b));
    b[3] = 29; /* Pad Length past the option (28 octets after the header) */
    cr_assert_eq(decode_exact(b, sizeof(b), &o, &sec), MS_EBAD_PAD);

    cr_assert_eq(decode_exact(g_opt_cert, sizeof(g_opt_cert), &o, &sec), 0);
    cr_assert(ms_nd_opts_has(&o, MS_ND_OPT_CERTIFICATE));
    cr_assert_eq(sec.cert.cert_type, MS_SEND_CERT_X509V3);
    cr_assert_eq(sec.cert.cert_len, 14); /* from the DER header, not the Length */
    assert_encodes_to(&o, g_opt_cert, sizeof(g_opt_cert));
    uint8_t c[sizeof(g_opt_cert)];
    memcpy(c, g_opt_cert, sizeof(c));
    c[5] = 0x30; /* DER length past the option */
    cr_assert_eq(decode_exact(c, sizeof(c), &o, &sec), MS_EBAD_FIELD);
    c[2] = 7; /* an undefined Cert Type: kept whole, padding included */
    cr_assert_eq(decode_exact(c, sizeof(c), &o, &sec), 0);
    cr_assert_eq(sec.cert.cert_len, sizeof(c) - 4);
    assert_encodes_to(&o, c, sizeof(c));
}

Test(nd_opt_send, golden_handover_keys)
{
    struct ms_nd_opts o;
    cr_assert_eq(decode_exact(g_opt_hkreq, sizeof(g_opt_hkreq), &o, &sec), 0);
    cr_assert(ms_nd_opts_has(&o, MS_ND_OPT_HK_REQUEST));
    cr_assert_eq(sec.hk_req.at, 1);
    cr_assert_eq(sec.hk_req.key_len, KEY_LEN);
    cr_assert_arr_eq(sec.hk_req.key, g_opt_cga + KEY_OFF, KEY_LEN);
    assert_encodes_to(&o, g_opt_hkreq, sizeof(g_opt_hkreq));
    uint8_t b[sizeof(g_opt_hkreq)];
    memcpy(b, g_opt_hkreq, sizeof(b));
    b[3] |= 0x0f; /* Resrvd. ignored */
    cr_assert_eq(decode_exact(b, sizeof(b), &o, &sec), 0);
    assert_encodes_to(&o, g_opt_hkreq, sizeof(g_opt_hkreq));
    b[2] = (uint8_t)(sizeof(b) - 4 + 1);
    cr_assert_eq(decode_exact(b, sizeof(b), &o, &sec), MS_EBAD_PAD);

    cr_assert_eq(decode_exact(g_opt_hkrep, sizeof(g_opt_hkrep), &o, &sec), 0);
    cr_assert(ms_nd_opts_has(&o, MS_ND_OPT_HK_REPLY));
    cr_assert_eq(sec.hk_rep.at, 3);
    cr_assert_eq(sec.hk_rep.lifetime_s, 43200); /* RFC 5269 s3.7 HK-LIFETIME */
    cr_assert_eq(sec.hk_rep.key_len, 64);
    assert_encodes_to(&o, g_opt_hkrep, sizeof(g_opt_hkrep));
    uint8_t r[sizeof(g_opt_hkrep)];
    memcpy(r, g_opt_hkrep, sizeof(r));
    r[2] = (uint8_t)(sizeof(r) - 6 + 1); /* the Key Lifetime is not padding */
    cr_assert_eq(decode_exact(r, sizeof(r), &o, &sec), MS_EBAD_PAD);
    r[2] = (uint8_t)(sizeof(r) - 6); /* an empty key */
    cr_assert_eq(decode_exact(r, sizeof(r), &o, &sec), 0);
    cr_assert_eq(sec.hk_rep.key_len, 0);

    /* AT is 4 bits. */
    cr_assert_eq(decode_exact(g_opt_hkrep, sizeof(g_opt_hkrep), &o, &sec), 0);
    sec.hk_rep.at = 16;
    uint8_t buf[128];
    cr_assert_eq(ms_nd_opts_encode(&o, buf, sizeof(buf)), -EINVAL);
}

/* All of them in one list, in encode order. */
static size_t
all_send(uint8_t *b)
{
    size_t n = 0;
#define PUT(g)                                                                                     \
    memcpy(b + n, g, sizeof(g));                                                                   \
    n += sizeof(g)
    PUT(g_opt_hkreq);
    PUT(g_opt_hkrep);
    PUT(g_opt_ta);
    PUT(g_opt_cert);
    PUT(g_opt_cga);
    PUT(g_opt_ts);
    PUT(g_opt_nonce);
    PUT(g_opt_rsa);
#undef PUT
    return n;
}

Test(nd_opt_send, roundtrip_all_and_without_storage)
{
    uint8_t b[1024];
    size_t n = all_send(b);
    struct ms_nd_opts o;
    cr_assert_eq(decode_exact(b, n, &o, &sec), 0);
    cr_assert_eq(o.n_dropped, 0);
    assert_encodes_to(&o, b, n);
    char line[512];
    ms_nd_opts_format(&o, line, sizeof(line));
    cr_assert_not_null(strstr(line, " hkreq=at:1,key:94 hkrep=at:3,life:43200,key:64 ta=2/25"),
                       "%s", line);
    cr_assert_not_null(strstr(line, " ts=1200000000.50000 nonce=a1a2a3a4a5a6 rsasig=68"), "%s",
                       line);
    /* No storage: the six payload options are framed and skipped. */
    cr_assert_eq(decode_exact(b, n, &o, NULL), 0);
    cr_assert_eq(o.n_dropped, 6);
    cr_assert_eq(o.present, (1u << MS_ND_OPT_TIMESTAMP) | (1u << MS_ND_OPT_NONCE));
    cr_assert_eq(ms_nd_opts_len(&o), 16u + 8u);
    /* Repeats: the first one wins. */
    uint8_t two[2 * sizeof(g_opt_hkreq)];
    memcpy(two, g_opt_hkreq, sizeof(g_opt_hkreq));
    memcpy(two + sizeof(g_opt_hkreq), g_opt_hkreq, sizeof(g_opt_hkreq));
    two[sizeof(g_opt_hkreq) + 3] = 0x20;
    cr_assert_eq(decode_exact(two, sizeof(two), &o, &sec), 0);
    cr_assert_eq(sec.hk_req.at, 1);
    cr_assert_eq(o.n_dropped, 1);
}

Test(nd_opt_send, truncation_and_zero_lengths)
{
    uint8_t b[1024];
    size_t n = all_send(b);
    assert_truncations(b, n, &sec);
    assert_truncations(b, n, NULL);
    assert_zero_and_huge_lengths(b, n, &sec);
    assert_zero_and_huge_lengths(b, n, NULL);
}

Test(nd_opt_send, encode_every_short_cap)
{
    uint8_t b[1024];
    size_t n = all_send(b);
    struct ms_nd_opts o;
    cr_assert_eq(decode_exact(b, n, &o, &sec), 0);
    uint8_t *buf = malloc(n);
    cr_assert_not_null(buf);
    for (size_t cap = 0; cap < n; cap++)
        cr_assert_eq(ms_nd_opts_encode(&o, buf, cap), -EMSGSIZE, "cap %zu", cap);
    cr_assert_eq(ms_nd_opts_encode(&o, buf, n), (int)n);
    free(buf);
}

Test(nd_opt_send, payload_bounds)
{
    /* A signature longer than MS_ND_SEC_SIG_MAX is skipped; the options
     * after it are still ignored (RFC 3971 s5.2.2). */
    size_t olen = (20 + MS_ND_SEC_SIG_MAX + 8) & ~(size_t)7;
    uint8_t *b = calloc(1, olen + 8);
    cr_assert_not_null(b);
    b[0] = MS_ND_OPT_RSA_SIG;
    b[1] = (uint8_t)(olen / 8);
    memcpy(b + olen, g_opt_nonce, 8);
    struct ms_nd_opts o;
    cr_assert_eq(decode_exact(b, olen + 8, &o, &sec), 0);
    cr_assert(!ms_nd_opts_has(&o, MS_ND_OPT_RSA_SIG));
    cr_assert(!ms_nd_opts_has(&o, MS_ND_OPT_NONCE));
    cr_assert_eq(o.n_dropped, 2);
    free(b);
    /* A key longer than MS_ND_SEC_KEY_MAX: skipped. */
    olen = 4 + MS_ND_SEC_KEY_MAX + 4;
    b = calloc(1, olen);
    cr_assert_not_null(b);
    b[0] = MS_ND_OPT_HK_REQUEST;
    b[1] = (uint8_t)(olen / 8);
    cr_assert_eq(decode_exact(b, olen, &o, &sec), 0);
    cr_assert_eq(o.n_dropped, 1);
    b[2] = 4; /* now exactly MS_ND_SEC_KEY_MAX */
    cr_assert_eq(decode_exact(b, olen, &o, &sec), 0);
    cr_assert_eq(sec.hk_req.key_len, MS_ND_SEC_KEY_MAX);
    free(b);
}
