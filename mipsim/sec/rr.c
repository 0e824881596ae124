/* Return routability crypto and the correspondent's nonce table
 * (RFC 6275 s5.2).  All hashing goes through OpenSSL libcrypto. */
#include "sec/rr.h"

#include <errno.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "core/time.h"
#include "wire/bytes.h"
#include "wire/codepoints.h"
#include "wire/err.h"
#include "wire/mh.h"

#define SHA1_LEN 20

static int
hmac_sha1(const uint8_t *key, size_t keylen, const uint8_t *msg, size_t len, uint8_t out[SHA1_LEN])
{
    unsigned int olen = 0;
    if (HMAC(EVP_sha1(), key, (int)keylen, msg, len, out, &olen) == NULL || olen != SHA1_LEN)
        return -EIO;
    return 0;
}

static int
sha1(const uint8_t *msg, size_t len, uint8_t out[SHA1_LEN])
{
    unsigned int olen = 0;
    if (EVP_Digest(msg, len, out, &olen, EVP_sha1(), NULL) != 1 || olen != SHA1_LEN)
        return -EIO;
    return 0;
}

int
ms_rr_keygen_token(const uint8_t kcn[MS_RR_KCN_LEN], const struct in6_addr *addr,
                   const uint8_t *nonce, size_t nonce_len, enum ms_rr_which which, uint64_t *token)
{
    /* RFC 6275 s5.2.5: (address | nonce | 0) or (address | nonce | 1), the
     * last being "a single octet". */
    uint8_t msg[16 + 64 + 1];
    uint8_t mac[SHA1_LEN];
    if ((which != MS_RR_HOME && which != MS_RR_CAREOF) || nonce_len > 64 ||
        (nonce_len > 0 && nonce == NULL))
        return -EINVAL;
    memcpy(msg, addr->s6_addr, 16);
    if (nonce_len > 0)
        memcpy(msg + 16, nonce, nonce_len);
    msg[16 + nonce_len] = (uint8_t)which;
    int rc = hmac_sha1(kcn, MS_RR_KCN_LEN, msg, 16 + nonce_len + 1, mac);
    if (rc < 0)
        return rc;
    /* First (64, ...): the first 8 octets, carried big-endian in HoT/CoT. */
    *token = ms_rd64(mac);
    return 0;
}

int
ms_rr_kbm(uint64_t home_token, const uint64_t *careof_token, uint8_t kbm[MS_RR_KBM_LEN])
{
    uint8_t msg[2 * MS_RR_TOKEN_LEN];
    size_t n = MS_RR_TOKEN_LEN;
    ms_wr64(msg, home_token);
    if (careof_token != NULL) {
        ms_wr64(msg + MS_RR_TOKEN_LEN, *careof_token);
        n += MS_RR_TOKEN_LEN;
    }
    return sha1(msg, n, kbm);
}

int
ms_rr_auth_compute(const uint8_t kbm[MS_RR_KBM_LEN], const struct in6_addr *coa,
                   const struct in6_addr *cn, const uint8_t *mh, size_t len, uint8_t *auth,
                   size_t auth_len)
{
    uint8_t md[32 + MS_MH_MAX_LEN];
    uint8_t mac[SHA1_LEN];
    if (auth_len == 0 || auth_len > SHA1_LEN)
        return -EINVAL;
    int n = ms_mh_bad_mobility_data(mh, len, coa, cn, md, sizeof md);
    if (n < 0)
        return n;
    int rc = hmac_sha1(kbm, MS_RR_KBM_LEN, md, (size_t)n, mac);
    if (rc < 0)
        return rc;
    memcpy(auth, mac, auth_len);
    return 0;
}

int
ms_rr_mh_sign(const uint8_t kbm[MS_RR_KBM_LEN], const struct in6_addr *coa,
              const struct in6_addr *cn, uint8_t *mh, size_t len, const struct in6_addr *src,
              const struct in6_addr *dst)
{
    size_t off = 0, alen = 0;
    int rc = ms_mh_bad_locate(mh, len, &off, &alen);
    if (rc < 0)
        return rc;
    uint8_t auth[SHA1_LEN];
    rc = ms_rr_auth_compute(kbm, coa, cn, mh, len, auth, alen);
    if (rc < 0)
        return rc;
    memcpy(mh + off, auth, alen);
    if (src != NULL && dst != NULL)
        return ms_mh_fix_cksum(mh, len, src, dst);
    return 0;
}

int
ms_rr_mh_verify(const uint8_t kbm[MS_RR_KBM_LEN], const struct in6_addr *coa,
                const struct in6_addr *cn, const uint8_t *mh, size_t len)
{
    size_t off = 0, alen = 0;
    int rc = ms_mh_bad_locate(mh, len, &off, &alen);
    if (rc < 0)
        return rc;
    uint8_t auth[SHA1_LEN];
    rc = ms_rr_auth_compute(kbm, coa, cn, mh, len, auth, alen);
    if (rc < 0)
        return rc;
    /* RFC 6275 s6.2.7 fixes the authenticator at 96 bits; a shorter one
     * would be a trivially forgeable MAC. */
    if (alen != MS_RR_AUTH_LEN)
        return MS_EAUTH_FAIL;
    return CRYPTO_memcmp(auth, mh + off, alen) == 0 ? 0 : MS_EAUTH_FAIL;
}

/* ---- correspondent state ------------------------------------------------- */

void
ms_rr_cn_init(struct ms_rr_cn *st, struct ms_rng *rng)
{
    memset(st, 0, sizeof *st);
    st->rng = rng;
    st->regen_ns = (int64_t)MS_RR_NONCE_REGEN_S * MS_NS_PER_S;
    st->nonce_lifetime_ns = (int64_t)MS_RR_MAX_NONCE_LIFETIME_S * MS_NS_PER_S;
    ms_rr_cn_rekey(st);
}

void
ms_rr_cn_rekey(struct ms_rr_cn *st)
{
    ms_rng_bytes(st->rng, st->kcn, sizeof st->kcn);
    for (unsigned i = 0; i < MS_RR_NONCE_SLOTS; i++)
        st->slot[i].valid = false;
    st->have_current = false;
    st->cur_index = (uint16_t)ms_rng_u64(st->rng);
}

static struct ms_rr_nonce *
slot_of(struct ms_rr_cn *st, uint16_t index)
{
    return &st->slot[index % MS_RR_NONCE_SLOTS];
}

static const struct ms_rr_nonce *
find_nonce(const struct ms_rr_cn *st, uint16_t index)
{
    const struct ms_rr_nonce *s = &st->slot[index % MS_RR_NONCE_SLOTS];
    return s->valid && s->index == index ? s : NULL;
}

uint16_t
ms_rr_cn_current(struct ms_rr_cn *st, int64_t now_ns, uint8_t nonce[MS_RR_NONCE_LEN])
{
    struct ms_rr_nonce *cur = st->have_current ? slot_of(st, st->cur_index) : NULL;
    /* RFC 6275 s5.2.7: a new nonce every 30 seconds, and "does not generate
     * new nonces on every return routability request". */
    if (cur == NULL || !cur->valid || cur->index != st->cur_index ||
        now_ns - cur->created_ns >= st->regen_ns) {
        uint16_t idx = st->have_current ? (uint16_t)(st->cur_index + 1) : st->cur_index;
        cur = slot_of(st, idx);
        cur->valid = true;
        cur->index = idx;
        ms_rng_bytes(st->rng, cur->nonce, sizeof cur->nonce);
        cur->created_ns = now_ns;
        cur->first_use_ns = MS_TIME_NEVER;
        st->cur_index = idx;
        st->have_current = true;
        st->nonces_generated++;
    }
    if (cur->first_use_ns == MS_TIME_NEVER)
        cur->first_use_ns = now_ns;
    memcpy(nonce, cur->nonce, MS_RR_NONCE_LEN);
    return cur->index;
}

int
ms_rr_cn_nonce(const struct ms_rr_cn *st, uint16_t index, int64_t now_ns,
               uint8_t nonce[MS_RR_NONCE_LEN])
{
    const struct ms_rr_nonce *s = find_nonce(st, index);
    if (s == NULL || s->first_use_ns == MS_TIME_NEVER)
        return MS_ENO_BINDING;
    /* "MUST NOT accept nonces beyond MAX_NONCE_LIFETIME seconds after the
     * first use." */
    if (now_ns - s->first_use_ns > st->nonce_lifetime_ns)
        return MS_ENO_BINDING;
    memcpy(nonce, s->nonce, MS_RR_NONCE_LEN);
    return 0;
}

int
ms_rr_cn_token(const struct ms_rr_cn *st, const struct in6_addr *addr, uint16_t index,
               enum ms_rr_which which, int64_t now_ns, uint64_t *token)
{
    uint8_t nonce[MS_RR_NONCE_LEN];
    int rc = ms_rr_cn_nonce(st, index, now_ns, nonce);
    if (rc < 0)
        return rc;
    return ms_rr_keygen_token(st->kcn, addr, nonce, sizeof nonce, which, token);
}

int
ms_rr_cn_kbm(const struct ms_rr_cn *st, const struct in6_addr *hoa, const struct in6_addr *coa,
             uint16_t home_index, uint16_t careof_index, bool dereg, int64_t now_ns,
             uint8_t kbm[MS_RR_KBM_LEN])
{
    uint64_t ht = 0, ct = 0;
    int rh = ms_rr_cn_token(st, hoa, home_index, MS_RR_HOME, now_ns, &ht);
    if (rh < 0 && rh != MS_ENO_BINDING)
        return rh;
    if (dereg) {
        /* RFC 6275 s9.5.1: "Care-of Nonce Index values are not inspected
         * for requests to delete a binding." */
        if (rh == MS_ENO_BINDING)
            return MS_BA_EXPIRED_HOME_NONCE;
        return ms_rr_kbm(ht, NULL, kbm);
    }
    int rc = ms_rr_cn_token(st, coa, careof_index, MS_RR_CAREOF, now_ns, &ct);
    if (rc < 0 && rc != MS_ENO_BINDING)
        return rc;
    if (rh == MS_ENO_BINDING && rc == MS_ENO_BINDING)
        return MS_BA_EXPIRED_NONCES;
    if (rh == MS_ENO_BINDING)
        return MS_BA_EXPIRED_HOME_NONCE;
    if (rc == MS_ENO_BINDING)
        return MS_BA_EXPIRED_COA_NONCE;
    return ms_rr_kbm(ht, &ct, kbm);
}
