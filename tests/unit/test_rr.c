/* Return routability (mipsim/sec/rr.c): keygen tokens, Kbm, the BAD
 * authenticator and the correspondent's nonce table.
 *
 * Expected values are computed independently: golden constants from
 * Python's hmac/hashlib (see the comment at each), and at run time through
 * libcrypto's EVP_MAC / EVP_MD_CTX APIs (rr.c uses HMAC() and EVP_Digest),
 * over bytes assembled here from the RFC 6275 diagrams, never through the
 * MH encoder. */
#include <criterion/criterion.h>

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>

#include "core/rng.h"
#include "core/time.h"
#include "sec/rr.h"
#include "wire/bytes.h"
#include "wire/codepoints.h"
#include "wire/err.h"
#include "wire/mh.h"

static struct in6_addr
A(const char *s) {
    struct in6_addr a;
    cr_assert_eq(inet_pton(AF_INET6, s, &a), 1);
    return a;
}

static void
ref_hmac(const uint8_t *key, size_t klen, const uint8_t *msg, size_t len, uint8_t out[20])
{
    EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    cr_assert_not_null(mac);
    EVP_MAC_CTX *ctx = EVP_MAC_CTX_new(mac);
    char digest[] = "SHA1";
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_end(),
    };
    cr_assert_eq(EVP_MAC_init(ctx, key, klen, params), 1);
    cr_assert_eq(EVP_MAC_update(ctx, msg, len), 1);
    size_t olen = 0;
    cr_assert_eq(EVP_MAC_final(ctx, out, &olen, 20), 1);
    cr_assert_eq(olen, 20);
    EVP_MAC_CTX_free(ctx);
    EVP_MAC_free(mac);
}

static void
ref_sha1(const uint8_t *msg, size_t len, uint8_t out[20])
{
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    unsigned olen = 0;
    cr_assert_eq(EVP_DigestInit_ex(c, EVP_sha1(), NULL), 1);
    /* Fed in two pieces on purpose: another code path than rr.c. */
    cr_assert_eq(EVP_DigestUpdate(c, msg, len / 2), 1);
    cr_assert_eq(EVP_DigestUpdate(c, msg + len / 2, len - len / 2), 1);
    cr_assert_eq(EVP_DigestFinal_ex(c, out, &olen), 1);
    EVP_MD_CTX_free(c);
}

/* The KAT inputs. */
static uint8_t kcn[20];
static const uint8_t home_nonce[8] = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88};
static const uint8_t coa_nonce[8] = {0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x00};

static void
kat_init(void)
{
    for (int i = 0; i < 20; i++)
        kcn[i] = (uint8_t)i;
}

/* Python: hmac.new(bytes(range(20)), hoa + nonce + b'\x00', sha1).digest()[:8] */
#define HOME_TOKEN UINT64_C(0x4f7cc1856c997d8c)
#define COA_TOKEN UINT64_C(0x07fdd04f1a9e7ec6)
static const uint8_t kbm_golden[20] = {0xe9, 0x25, 0x62, 0x8b, 0xe2, 0x5d, 0x0c, 0xd3, 0x2e, 0x0a,
                                       0xf4, 0x81, 0x3a, 0x7d, 0x30, 0x84, 0x99, 0x83, 0x6e, 0xfe};
static const uint8_t kbm0_golden[20] = {0xd3, 0x22, 0xe0, 0x65, 0x32, 0x1a, 0x42, 0x0b, 0x23, 0x97,
                                        0xb4, 0xb2, 0xc6, 0xfd, 0xe7, 0x80, 0x0f, 0x45, 0xc2, 0x8f};
/* Python: hmac.new(kbm, coa + cn + mh[0:20], sha1).digest()[:12] */
static const uint8_t auth_golden[12] = {0xd9, 0x39, 0x37, 0x61, 0x00, 0x35,
                                        0x75, 0x0b, 0xad, 0x50, 0x41, 0x0c};
/* Python: hmac.new(kbm0, hoa + cn + mh[0:20], sha1).digest()[:12] */
static const uint8_t auth0_golden[12] = {0x93, 0xae, 0xd9, 0x24, 0xa3, 0x3b,
                                         0x65, 0x9d, 0xda, 0x0e, 0xda, 0x11};

/* A BU assembled from RFC 6275 s6.1.1, s6.1.7, s6.2.6, s6.2.7:
 *  0: Payload Proto 59 | Header Len 3 | MH Type 5 | Reserved
 *  4: Checksum (0)     | Sequence 0x1234
 *  8: flags A (0x8000) | Lifetime 105 (420 s)
 * 12: Nonce Indices: type 4, len 4, home 0x0102, care-of 0x0304 (2n)
 * 18: BAD: type 5, len 12 (8n+2), authenticator at 20..31 */
static void
build_bu(uint8_t mh[32])
{
    static const uint8_t b[20] = {59, 3,   5, 0, 0,    0,    0x12, 0x34, 0x80, 0x00,
                                  0,  105, 4, 4, 0x01, 0x02, 0x03, 0x04, 5,    12};
    memset(mh, 0, 32);
    memcpy(mh, b, sizeof b);
}

Test(rr, keygen_tokens_known_answer, .init = kat_init)
{
    struct in6_addr hoa = A("2001:db8:1::100"), coa = A("2001:db8:2::100");
    uint64_t ht = 0, ct = 0;
    cr_assert_eq(ms_rr_keygen_token(kcn, &hoa, home_nonce, 8, MS_RR_HOME, &ht), 0);
    cr_assert_eq(ms_rr_keygen_token(kcn, &coa, coa_nonce, 8, MS_RR_CAREOF, &ct), 0);
    cr_assert_eq(ht, HOME_TOKEN, "home token %016llx", (unsigned long long)ht);
    cr_assert_eq(ct, COA_TOKEN, "care-of token %016llx", (unsigned long long)ct);

    /* And against libcrypto's EVP_MAC over bytes assembled here. */
    uint8_t msg[25], mac[20];
    memcpy(msg, hoa.s6_addr, 16);
    memcpy(msg + 16, home_nonce, 8);
    msg[24] = 0;
    ref_hmac(kcn, 20, msg, 25, mac);
    cr_assert_eq(ms_rd64(mac), ht);
    memcpy(msg, coa.s6_addr, 16);
    memcpy(msg + 16, coa_nonce, 8);
    msg[24] = 1;
    ref_hmac(kcn, 20, msg, 25, mac);
    cr_assert_eq(ms_rd64(mac), ct);

    /* The final octet distinguishes home from care-of. */
    uint64_t x = 0;
    cr_assert_eq(ms_rr_keygen_token(kcn, &hoa, home_nonce, 8, MS_RR_CAREOF, &x), 0);
    cr_assert_neq(x, ht);
    cr_assert_eq(ms_rr_keygen_token(kcn, &hoa, home_nonce, 8, (enum ms_rr_which)2, &x), -EINVAL);
}

Test(rr, kbm_known_answer)
{
    uint64_t ct = COA_TOKEN;
    uint8_t kbm[20], ref[20], in[16];
    cr_assert_eq(ms_rr_kbm(HOME_TOKEN, &ct, kbm), 0);
    cr_assert_arr_eq(kbm, kbm_golden, 20);
    ms_wr64(in, HOME_TOKEN);
    ms_wr64(in + 8, COA_TOKEN);
    ref_sha1(in, 16, ref);
    cr_assert_arr_eq(kbm, ref, 20);
    /* Deregistration: Kbm = SHA-1 (home keygen token). */
    cr_assert_eq(ms_rr_kbm(HOME_TOKEN, NULL, kbm), 0);
    cr_assert_arr_eq(kbm, kbm0_golden, 20);
    ref_sha1(in, 8, ref);
    cr_assert_arr_eq(kbm, ref, 20);
}

Test(rr, authenticator_known_answer)
{
    struct in6_addr hoa = A("2001:db8:1::100"), coa = A("2001:db8:2::100"), cn = A("2001:db8:3::5");
    uint8_t mh[32], auth[12];
    build_bu(mh);
    /* The Checksum must be ignored ("as if the Checksum field ... was
     * zero") and so must whatever sits in the Authenticator. */
    mh[4] = 0xde;
    mh[5] = 0xad;
    memset(mh + 20, 0x5a, 12);
    cr_assert_eq(ms_rr_auth_compute(kbm_golden, &coa, &cn, mh, 32, auth, 12), 0);
    cr_assert_arr_eq(auth, auth_golden, 12);

    /* libcrypto over care-of address | correspondent | MH[0..20). */
    uint8_t md[52], mac[20];
    memcpy(md, coa.s6_addr, 16);
    memcpy(md + 16, cn.s6_addr, 16);
    build_bu(mh);
    memcpy(md + 32, mh, 20);
    ref_hmac(kbm_golden, 20, md, 52, mac);
    cr_assert_arr_eq(auth, mac, 12);

    /* Deregistration: the home address takes the care-of address's place. */
    cr_assert_eq(ms_rr_auth_compute(kbm0_golden, &hoa, &cn, mh, 32, auth, 12), 0);
    cr_assert_arr_eq(auth, auth0_golden, 12);
}

Test(rr, sign_then_verify)
{
    struct in6_addr hoa = A("2001:db8:1::100"), coa = A("2001:db8:2::100"), cn = A("2001:db8:3::5");
    uint8_t mh[32];
    build_bu(mh);
    cr_assert_eq(ms_rr_mh_sign(kbm_golden, &coa, &cn, mh, 32, &hoa, &cn), 0);
    cr_assert_arr_eq(mh + 20, auth_golden, 12);
    /* The checksum covers the home address as source (HAO present). */
    cr_assert_eq(ms_mh_verify_cksum(mh, 32, &hoa, &cn), 0);
    cr_assert_eq(ms_mh_verify_cksum(mh, 32, &coa, &cn), MS_EBAD_CHECKSUM);
    cr_assert_eq(ms_rr_mh_verify(kbm_golden, &coa, &cn, mh, 32), 0);

    /* Any change breaks it. */
    uint8_t bad[32];
    memcpy(bad, mh, 32);
    bad[7] ^= 1; /* sequence number */
    cr_assert_eq(ms_rr_mh_verify(kbm_golden, &coa, &cn, bad, 32), MS_EAUTH_FAIL);
    memcpy(bad, mh, 32);
    bad[31] ^= 0x80; /* authenticator */
    cr_assert_eq(ms_rr_mh_verify(kbm_golden, &coa, &cn, bad, 32), MS_EAUTH_FAIL);
    cr_assert_eq(ms_rr_mh_verify(kbm_golden, &hoa, &cn, mh, 32), MS_EAUTH_FAIL);
    cr_assert_eq(ms_rr_mh_verify(kbm_golden, &coa, &hoa, mh, 32), MS_EAUTH_FAIL);
    cr_assert_eq(ms_rr_mh_verify(kbm0_golden, &coa, &cn, mh, 32), MS_EAUTH_FAIL);
    /* The checksum does not take part. */
    memcpy(bad, mh, 32);
    bad[4] ^= 0xff;
    cr_assert_eq(ms_rr_mh_verify(kbm_golden, &coa, &cn, bad, 32), 0);
}

Test(rr, sign_encoded_bu)
{
    /* The same BU through the wire encoder: the signature must agree. */
    struct in6_addr hoa = A("2001:db8:1::100"), coa = A("2001:db8:2::100"), cn = A("2001:db8:3::5");
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_BU);
    m.u.bu.seq = 0x1234;
    m.u.bu.flags = MS_BU_F_A;
    m.u.bu.lifetime_s = 420;
    m.opts.present = MS_MH_OPTS_NONCE | MS_MH_OPTS_BAD;
    m.opts.home_nonce_index = 0x0102;
    m.opts.careof_nonce_index = 0x0304;
    uint8_t buf[64];
    int n = ms_mh_encode(&m, NULL, NULL, buf, sizeof buf);
    cr_assert_eq(n, 32);
    cr_assert_eq(ms_rr_mh_sign(kbm_golden, &coa, &cn, buf, (size_t)n, &hoa, &cn), 0);
    uint8_t ref[32];
    build_bu(ref);
    memcpy(ref + 20, auth_golden, 12);
    cr_assert_eq(ms_mh_fix_cksum(ref, 32, &hoa, &cn), 0);
    cr_assert_arr_eq(buf, ref, 32);
}

Test(rr, no_bad_option)
{
    struct in6_addr coa = A("2001:db8:2::100"), cn = A("2001:db8:3::5");
    uint8_t mh[16] = {59, 1, 5, 0, 0, 0, 0, 1, 0x80, 0, 0, 1, 1, 2, 0, 0}; /* BU + PadN */
    uint8_t auth[12];
    cr_assert_eq(ms_rr_auth_compute(kbm_golden, &coa, &cn, mh, 16, auth, 12), -ENOENT);
    cr_assert_eq(ms_rr_mh_verify(kbm_golden, &coa, &cn, mh, 16), -ENOENT);
    cr_assert_lt(ms_rr_mh_verify(kbm_golden, &coa, &cn, mh, 4), 0);
}

/* ---- nonce table ---- */

static struct ms_rng rng;
static struct ms_rr_cn st;

static void
cn_init(void)
{
    ms_rng_init(&rng, 42, "cn");
    ms_rr_cn_init(&st, &rng);
}

#define S(x) ((int64_t)(x)*MS_NS_PER_S)

Test(rr, nonce_regeneration_every_30s, .init = cn_init)
{
    uint8_t n1[8], n2[8], n3[8];
    uint16_t i1 = ms_rr_cn_current(&st, S(0), n1);
    uint16_t i2 = ms_rr_cn_current(&st, S(29), n2);
    cr_assert_eq(i1, i2, "the same nonce within the 30 s period");
    cr_assert_arr_eq(n1, n2, 8);
    uint16_t i3 = ms_rr_cn_current(&st, S(30), n3);
    cr_assert_eq(i3, (uint16_t)(i1 + 1));
    cr_assert(memcmp(n1, n3, 8) != 0);
    cr_assert_eq(st.nonces_generated, 2);
    /* The old one is still acceptable. */
    uint8_t x[8];
    cr_assert_eq(ms_rr_cn_nonce(&st, i1, S(31), x), 0);
    cr_assert_arr_eq(x, n1, 8);
}

Test(rr, nonce_lifetime_after_first_use, .init = cn_init)
{
    uint8_t n[8], x[8];
    uint16_t i = ms_rr_cn_current(&st, S(10), n);
    /* RFC 6275 s5.2.7: not beyond MAX_NONCE_LIFETIME after first use. */
    cr_assert_eq(ms_rr_cn_nonce(&st, i, S(10 + 240), x), 0);
    cr_assert_eq(ms_rr_cn_nonce(&st, i, S(10 + 240) + 1, x), MS_ENO_BINDING);
    /* Unknown index. */
    cr_assert_eq(ms_rr_cn_nonce(&st, (uint16_t)(i + 5), S(11), x), MS_ENO_BINDING);
}

Test(rr, nonce_slots_recycled, .init = cn_init)
{
    uint8_t n[8], x[8];
    uint16_t first = ms_rr_cn_current(&st, 0, n);
    for (int k = 1; k <= (int)MS_RR_NONCE_SLOTS; k++)
        ms_rr_cn_current(&st, S(30 * k), n);
    /* Nine generations later the first slot holds another nonce. */
    cr_assert_eq(ms_rr_cn_nonce(&st, first, S(30 * 9), x), MS_ENO_BINDING);
}

Test(rr, cn_kbm_statuses, .init = cn_init)
{
    struct in6_addr hoa = A("2001:db8:1::100"), coa = A("2001:db8:2::100");
    uint8_t n[8], kbm[20], ref[20];
    uint16_t hi = ms_rr_cn_current(&st, S(0), n);
    uint16_t ci = ms_rr_cn_current(&st, S(100), n); /* a later nonce */
    cr_assert_neq(hi, ci);

    /* Both valid: Kbm from both tokens, recomputed independently. */
    cr_assert_eq(ms_rr_cn_kbm(&st, &hoa, &coa, hi, ci, false, S(120), kbm), 0);
    uint64_t ht, ct;
    cr_assert_eq(ms_rr_cn_token(&st, &hoa, hi, MS_RR_HOME, S(120), &ht), 0);
    cr_assert_eq(ms_rr_cn_token(&st, &coa, ci, MS_RR_CAREOF, S(120), &ct), 0);
    uint8_t in[16];
    ms_wr64(in, ht);
    ms_wr64(in + 8, ct);
    ref_sha1(in, 16, ref);
    cr_assert_arr_eq(kbm, ref, 20);

    /* Home nonce first used at 0 expires after 240 s: 136. */
    cr_assert_eq(ms_rr_cn_kbm(&st, &hoa, &coa, hi, ci, false, S(241), kbm),
                 MS_BA_EXPIRED_HOME_NONCE);
    /* Care-of index unknown: 137. */
    cr_assert_eq(ms_rr_cn_kbm(&st, &hoa, &coa, hi, (uint16_t)(ci + 7), false, S(120), kbm),
                 MS_BA_EXPIRED_COA_NONCE);
    /* Both: 138. */
    cr_assert_eq(
        ms_rr_cn_kbm(&st, &hoa, &coa, (uint16_t)(ci + 7), (uint16_t)(ci + 8), false, S(120), kbm),
        MS_BA_EXPIRED_NONCES);
    /* Deregistration ignores the care-of index; Kbm = SHA-1(home token). */
    cr_assert_eq(ms_rr_cn_kbm(&st, &hoa, &coa, hi, (uint16_t)(ci + 7), true, S(120), kbm), 0);
    ref_sha1(in, 8, ref);
    cr_assert_arr_eq(kbm, ref, 20);
    cr_assert_eq(ms_rr_cn_kbm(&st, &hoa, &coa, (uint16_t)(ci + 7), ci, true, S(120), kbm),
                 MS_BA_EXPIRED_HOME_NONCE);
}

Test(rr, kcn_from_rng_and_rekey, .init = cn_init)
{
    uint8_t k1[20];
    memcpy(k1, st.kcn, 20);
    uint8_t zero[20] = {0};
    cr_assert(memcmp(k1, zero, 20) != 0);
    /* Same seed and stream: same key (determinism). */
    struct ms_rng r2;
    struct ms_rr_cn s2;
    ms_rng_init(&r2, 42, "cn");
    ms_rr_cn_init(&s2, &r2);
    cr_assert_arr_eq(s2.kcn, k1, 20);
    uint8_t n[8], x[8];
    uint16_t i = ms_rr_cn_current(&st, 0, n);
    ms_rr_cn_rekey(&st);
    cr_assert(memcmp(st.kcn, k1, 20) != 0);
    cr_assert_eq(ms_rr_cn_nonce(&st, i, 1, x), MS_ENO_BINDING);
}
