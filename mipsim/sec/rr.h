/* Return routability (RFC 6275 s5.2): node key, nonces, keygen tokens, the
 * binding management key Kbm and the Binding Authorization Data
 * authenticator.  Crypto is OpenSSL libcrypto (HMAC-SHA1, SHA-1); nothing
 * here is hand-written crypto.
 *
 * Two halves:
 *   - pure functions (tokens, Kbm, authenticator, sign/verify of an encoded
 *     Mobility Header) used by both the correspondent node (mipsim/role/cn.c)
 *     and the mobile node (mipsim/role/mn.c);
 *   - struct ms_rr_cn, the correspondent's secret state: Kcn and a small
 *     table of nonces with indices and lifetimes (RFC 6275 s5.2.2, s5.2.7).
 *
 * Byte order: keygen tokens travel in HoT/CoT as 64-bit fields; the codec
 * (wire/mh.h) carries them as uint64_t read big-endian (ms_rd64).  The token
 * is "First (64, HMAC_SHA1 (...))", i.e. the first 8 octets of the MAC, so
 * token == ms_rd64(mac) and, for Kbm, the octets hashed are the token
 * written back big-endian (ms_wr64).  Functions below take tokens as
 * uint64_t in that convention.
 *
 * Time: the functions never read a clock; callers pass now_ns (virtual time).
 */
#ifndef MIPSIM_SEC_RR_H
#define MIPSIM_SEC_RR_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/rng.h"

#define MS_RR_KCN_LEN 20  /* RFC 6275 s5.2.1: node key, 20 octets */
#define MS_RR_NONCE_LEN 8 /* RFC 6275 s5.2.2: recommended 64 bits */
#define MS_RR_TOKEN_LEN 8 /* RFC 6275 s5.2.5: First (64, ...) */
#define MS_RR_KBM_LEN 20  /* RFC 6275 s5.2.5: SHA-1 output */
#define MS_RR_AUTH_LEN 12 /* RFC 6275 s6.2.7: First (96, ...) */

/* RFC 6275 s12 protocol constants. */
#define MS_RR_MAX_NONCE_LIFETIME_S 240u
#define MS_RR_MAX_TOKEN_LIFETIME_S 210u
#define MS_RR_MAX_RR_BINDING_LIFETIME_S 420u
/* RFC 6275 s5.2.7: "a convenient way to enforce the above lifetimes is to
 * generate a new nonce every 30 seconds". */
#define MS_RR_NONCE_REGEN_S 30u

/* The final octet of the token MAC input (RFC 6275 s5.2.5). */
enum ms_rr_which { MS_RR_HOME = 0, MS_RR_CAREOF = 1 };

/* ---- pure functions (both sides) --------------------------------------- */

/* RFC 6275 s5.2.5:
 *   home keygen token    := First (64, HMAC_SHA1 (Kcn, (home address | nonce | 0)))
 *   care-of keygen token := First (64, HMAC_SHA1 (Kcn, (care-of address | nonce | 1)))
 * nonce is nonce_len octets (MS_RR_NONCE_LEN for ms_rr_cn).  Returns 0, or
 * -EINVAL (which not 0/1) / -EIO (libcrypto failure); *token untouched then. */
int ms_rr_keygen_token(const uint8_t kcn[MS_RR_KCN_LEN], const struct in6_addr *addr,
                       const uint8_t *nonce, size_t nonce_len, enum ms_rr_which which,
                       uint64_t *token);

/* RFC 6275 s5.2.5: Kbm = SHA-1 (home keygen token | care-of keygen token),
 * or, when careof_token is NULL (a BU that deletes a binding, lifetime 0 or
 * CoA == HoA), Kbm = SHA-1 (home keygen token).  Returns 0 or -EIO. */
int ms_rr_kbm(uint64_t home_token, const uint64_t *careof_token, uint8_t kbm[MS_RR_KBM_LEN]);

/* RFC 6275 s6.2.7: Authenticator = First (96, HMAC_SHA1 (Kbm, Mobility Data))
 * with Mobility Data = care-of address | correspondent | MH Data, assembled
 * by the wire codec (ms_mh_bad_mobility_data: the MH up to the Authenticator,
 * Checksum zeroed).  mh/len is an encoded Mobility Header carrying a BAD
 * option (its Authenticator octets are not read).  auth receives the first
 * auth_len (1..20, normally MS_RR_AUTH_LEN) octets of the MAC.  Returns 0,
 * -ENOENT (no BAD option), a decode error of ms_mh_bad_locate, -EINVAL,
 * or -EIO. */
int ms_rr_auth_compute(const uint8_t kbm[MS_RR_KBM_LEN], const struct in6_addr *coa,
                       const struct in6_addr *cn, const uint8_t *mh, size_t len, uint8_t *auth,
                       size_t auth_len);

/* Sender side (MN's BU, CN's BA): mh/len is the MH as encoded with a zero
 * Authenticator (ms_mh_encode with opts.present |= MS_MH_OPTS_BAD).  Writes
 * the Authenticator in place, then, when src and dst are both non-NULL,
 * recomputes the MH Checksum for them (src is the home address when the
 * packet carries a Home Address option).  coa: the care-of address being
 * registered (the home address for a deregistration); cn: the
 * correspondent's address.  Returns 0 or an error of ms_rr_auth_compute /
 * ms_mh_fix_cksum. */
int ms_rr_mh_sign(const uint8_t kbm[MS_RR_KBM_LEN], const struct in6_addr *coa,
                  const struct in6_addr *cn, uint8_t *mh, size_t len, const struct in6_addr *src,
                  const struct in6_addr *dst);

/* Receiver side: recomputes the Authenticator of the received MH and
 * compares it in constant time (CRYPTO_memcmp) with the one carried, over
 * the length the BAD option carries (RFC 6275 s6.2.7: 96 bits by default).
 * Returns 0 when it matches, MS_EAUTH_FAIL when not, -ENOENT when there is
 * no BAD option, or a decode error. */
int ms_rr_mh_verify(const uint8_t kbm[MS_RR_KBM_LEN], const struct in6_addr *coa,
                    const struct in6_addr *cn, const uint8_t *mh, size_t len);

/* ---- correspondent state: Kcn and nonces -------------------------------- */

/* RFC 6275 s5.2.7: a new nonce every MS_RR_NONCE_REGEN_S; a nonce stays
 * acceptable until MAX_NONCE_LIFETIME after its first use.  With 30 s
 * generations, MAX_NONCE_LIFETIME / 30 = 8 previous nonces can be live, so
 * the table keeps 8 + the current one (older slots are overwritten, which
 * is what "expired values MUST be discarded" asks). */
#define MS_RR_NONCE_SLOTS 9u

struct ms_rr_nonce {
    bool valid;
    uint16_t index;
    uint8_t nonce[MS_RR_NONCE_LEN];
    int64_t created_ns;
    int64_t first_use_ns; /* MS_TIME_NEVER until first used in a HoT/CoT */
};

struct ms_rr_cn {
    uint8_t kcn[MS_RR_KCN_LEN];
    struct ms_rr_nonce slot[MS_RR_NONCE_SLOTS]; /* ring, by index % SLOTS */
    uint16_t cur_index;                         /* index of the current nonce */
    bool have_current;
    int64_t regen_ns;          /* generation interval; default 30 s */
    int64_t nonce_lifetime_ns; /* acceptance after first use; default 240 s */
    struct ms_rng *rng;        /* the node's stream (not owned) */
    uint64_t nonces_generated;
};

/* Draws Kcn from rng (RFC 6275 s5.2.1: random, 20 octets) and an initial
 * nonce index (random, so that restarts do not reuse indices).  No nonce is
 * generated until the first ms_rr_cn_current.  rng must outlive st. */
void ms_rr_cn_init(struct ms_rr_cn *st, struct ms_rng *rng);
/* Regenerates Kcn and forgets every nonce (RFC 6275 s5.2.1 "MAY generate a
 * fresh node key at any time"): every outstanding token becomes invalid. */
void ms_rr_cn_rekey(struct ms_rr_cn *st);

/* The nonce to use in a HoT/CoT sent now: the current one, or a new one
 * when the current is older than regen_ns.  Marks its first use.  Returns
 * its index and copies the nonce. */
uint16_t ms_rr_cn_current(struct ms_rr_cn *st, int64_t now_ns, uint8_t nonce[MS_RR_NONCE_LEN]);

/* Looks up a nonce by index for a BU received now.  Returns 0 and copies the
 * nonce, or MS_ENO_BINDING when the index is unknown or the nonce was first
 * used more than nonce_lifetime_ns ago (RFC 6275 s5.2.7: "MUST NOT accept
 * nonces beyond MAX_NONCE_LIFETIME seconds after the first use"). */
int ms_rr_cn_nonce(const struct ms_rr_cn *st, uint16_t index, int64_t now_ns,
                   uint8_t nonce[MS_RR_NONCE_LEN]);

/* Keygen token for addr with the nonce of the given index (must be valid:
 * as ms_rr_cn_nonce).  Returns 0 or the error of ms_rr_cn_nonce /
 * ms_rr_keygen_token. */
int ms_rr_cn_token(const struct ms_rr_cn *st, const struct in6_addr *addr, uint16_t index,
                   enum ms_rr_which which, int64_t now_ns, uint64_t *token);

/* The CN's side of RFC 6275 s9.5.1: recompute Kbm for a received BU from
 * the Nonce Indices option.  careof_index is ignored when dereg (s5.2.6).
 * Returns 0, or the BA status to send as a positive value:
 * MS_BA_EXPIRED_HOME_NONCE (136), MS_BA_EXPIRED_COA_NONCE (137) or
 * MS_BA_EXPIRED_NONCES (138); or -EIO. */
int ms_rr_cn_kbm(const struct ms_rr_cn *st, const struct in6_addr *hoa, const struct in6_addr *coa,
                 uint16_t home_index, uint16_t careof_index, bool dereg, int64_t now_ns,
                 uint8_t kbm[MS_RR_KBM_LEN]);

#endif
