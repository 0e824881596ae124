/* Mobility Header codec (RFC 6275 s6.1): common header, message types and
 * checksum.  Pure: libc only, no allocation, no globals.
 *
 * RFC 6275 s6.1.1:
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   | Payload Proto |  Header Len   |   MH Type     |   Reserved    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |           Checksum            |                               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               |
 *   .                       Message Data                            .
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Header Len is in 8-octet units, not counting the first 8; the MH is a
 * multiple of 8 octets.  Message Data = a fixed part per MH Type, then
 * mobility options (mh_opt.h).  Fixed parts (octets after the Checksum) and
 * the least Header Len each type allows (RFC 6275 s9.2):
 *   BRR 2 (0), HoTI/CoTI 10 (1), HoT/CoT 18 (2), BU 6 (1), BA 6 (1), BE 18 (2).
 *
 * Supported MH Types: BRR, HoTI, CoTI, HoT, CoT, BU, BA, BE.  FBU, FBack,
 * FNA, HI and HAck (RFC 5568 / RFC 4068) come with a later issue in
 * mh_fmip.c; until then they decode as MS_EUNKNOWN_TYPE, like any other type.
 */
#ifndef MIPSIM_WIRE_MH_H
#define MIPSIM_WIRE_MH_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#include "wire/codepoints.h"
#include "wire/mh_opt.h"

/* The whole MH is at most (255 + 1) * 8 octets (Header Len is 8 bits). */
#define MS_MH_MAX_LEN 2048u
/* The common header: Payload Proto, Header Len, MH Type, Reserved, Checksum. */
#define MS_MH_HDR_LEN 6u
/* Offset of the Checksum field. */
#define MS_MH_CKSUM_OFF 4u

/* Largest lifetime a 16-bit count of 4-second units can carry (BU, BA). */
#define MS_MH_LIFETIME4_MAX_S (0xFFFFu * 4u)

/* Binding Update (RFC 6275 s6.1.7, MH Type 5).
 *                                   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *                                   |          Sequence #           |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |A|H|L|K|        Reserved       |           Lifetime            |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
struct ms_mh_bu {
    uint16_t seq;
    uint16_t flags;      /* the whole 16-bit word: MS_BU_F_* masks (A H L K M R P ...) */
    uint32_t lifetime_s; /* seconds; wire: 4-s units, rounded down, clamped at 0xFFFF */
};

/* Binding Acknowledgement (RFC 6275 s6.1.8, MH Type 6).
 *                                   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *                                   |    Status     |K|  Reserved   |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |           Sequence #          |           Lifetime            |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
struct ms_mh_ba {
    uint8_t status; /* MS_BA_* */
    uint8_t flags;  /* the whole octet: MS_BA_F_* masks */
    uint16_t seq;
    uint32_t lifetime_s; /* seconds; wire: 4-s units, rounded down, clamped at 0xFFFF */
};

/* Binding Error (RFC 6275 s6.1.9, MH Type 7): Status(8) Reserved(8) Home
 * Address(128). */
struct ms_mh_be {
    uint8_t status; /* MS_BE_* */
    struct in6_addr hoa;
};

/* Binding Refresh Request (RFC 6275 s6.1.2, MH Type 0): Reserved(16). */
struct ms_mh_brr {
    uint8_t unused_; /* no fields; C11 forbids an empty struct */
};

/* Home / Care-of Test Init (RFC 6275 s6.1.3-6.1.4, MH Types 1, 2):
 * Reserved(16) Init Cookie(64). */
struct ms_mh_hoti {
    uint64_t cookie;
};
struct ms_mh_coti {
    uint64_t cookie;
};

/* Home / Care-of Test (RFC 6275 s6.1.5-6.1.6, MH Types 3, 4):
 * Nonce Index(16) Init Cookie(64) Keygen Token(64). */
struct ms_mh_hot {
    uint16_t nonce_index;
    uint64_t cookie;
    uint64_t keygen_token;
};
struct ms_mh_cot {
    uint16_t nonce_index;
    uint64_t cookie;
    uint64_t keygen_token;
};

/* One Mobility Header message.  Start from ms_mh_init(), which zeroes it and
 * sets payload_proto to MS_IPPROTO_NONE.  The union member that counts is the
 * one named by `type`. */
struct ms_mh {
    uint8_t type;          /* MS_MH_* */
    uint8_t payload_proto; /* RFC 6275 s6.1.1: SHOULD be MS_IPPROTO_NONE (59).  Encode
                              writes 59 when this is 0; decode reports the wire value
                              (s9.2: a receiver rejects != 59, that is the role's call) */
    uint16_t wire_len;     /* decode output: octets the MH occupies, (Header Len + 1) * 8;
                              ignored by encode */
    union {
        struct ms_mh_brr brr;
        struct ms_mh_hoti hoti;
        struct ms_mh_coti coti;
        struct ms_mh_hot hot;
        struct ms_mh_cot cot;
        struct ms_mh_bu bu;
        struct ms_mh_ba ba;
        struct ms_mh_be be;
        /* Reserved for the FMIPv6 issue (mh_fmip.c): fbu, fback, fna, hi, hack. */
    } u;
    struct ms_mh_opts opts;
};

/* Zeroes *m and sets type and payload_proto = MS_IPPROTO_NONE. */
void ms_mh_init(struct ms_mh *m, uint8_t type);

/* Octets ms_mh_encode writes for *m (a multiple of 8), or 0 when *m cannot be
 * encoded (unsupported type or invalid options). */
size_t ms_mh_len(const struct ms_mh *m);

/* Encodes the whole MH into buf: fixed part, options with alignment padding,
 * Header Len and Checksum.  Reserved fields are written as zero.
 *
 * Checksum (RFC 6275 s6.1.1): pseudo-header (src, dst, MH length, Next Header
 * 135) plus the MH.  src must be the address the receiver will use: the home
 * address when the packet carries a Home Address destination option, else
 * the IPv6 Source Address.  If src or dst is NULL the Checksum is left zero
 * (for callers that fill a BAD authenticator first, then ms_mh_fix_cksum).
 *
 * Returns octets written, -EMSGSIZE when cap < ms_mh_len(m),
 * MS_EUNKNOWN_TYPE for a type this codec does not encode, -EINVAL for
 * options that cannot be encoded (see ms_mh_opts_encode). */
int ms_mh_encode(const struct ms_mh *m, const struct in6_addr *src, const struct in6_addr *dst,
                 uint8_t *buf, size_t cap);

/* Decodes the MH at p[0..len).  len may exceed the MH (octets past
 * (Header Len + 1) * 8 are not read; out->wire_len says where the MH ends).
 * Does NOT verify the checksum (ms_mh_verify_cksum needs the addresses).
 * *out is zeroed first.  Returns 0 or:
 *   MS_ETRUNC         len < 8
 *   MS_EBAD_LEN       (Header Len + 1) * 8 > len, or Header Len smaller than
 *                     the type's fixed part needs (RFC 6275 s9.2)
 *   MS_EUNKNOWN_TYPE  MH Type not supported.  out->type, out->payload_proto
 *                     and out->wire_len are still filled, so the caller can
 *                     send a Binding Error with Status 2 (RFC 6275 s9.2)
 *   option errors from ms_mh_opts_decode (MS_ETRUNC, MS_EOPT_OVERRUN,
 *   MS_EBAD_OPTLEN, MS_EZERO_OPTLEN, MS_EBADF_NOT_LAST)
 * Payload Proto != 59 is accepted and reported in out->payload_proto;
 * misaligned options are accepted and reported in out->opts.diag. */
int ms_mh_decode(const uint8_t *p, size_t len, struct ms_mh *out);

/* Verifies the Checksum of the MH at p (length from Header Len, which must
 * fit in len).  src/dst as for ms_mh_encode (home address as src when a Home
 * Address option is present).  Returns 0, MS_EBAD_CHECKSUM, MS_ETRUNC
 * (len < 8) or MS_EBAD_LEN (Header Len past len). */
int ms_mh_verify_cksum(const uint8_t *p, size_t len, const struct in6_addr *src,
                       const struct in6_addr *dst);

/* Recomputes the Checksum of the MH at mh in place (length from Header Len).
 * Returns 0, MS_ETRUNC or MS_EBAD_LEN as above. */
int ms_mh_fix_cksum(uint8_t *mh, size_t len, const struct in6_addr *src,
                    const struct in6_addr *dst);

/* Binding Authorization Data (RFC 6275 s6.2.7, s5.2.6).
 *
 *   Mobility Data = care-of address | correspondent | MH Data
 *   Authenticator = First (96, HMAC_SHA1 (Kbm, Mobility Data))
 *
 * "MH Data is the content of the Mobility Header, excluding the
 * Authenticator field itself.  The Authenticator value is calculated as if
 * the Checksum field in the Mobility Header was zero."  Since BAD is the last
 * option with no trailing padding, the authenticated octets are exactly:
 *   1. the care-of address (16 octets): the CoA being registered (Alternate
 *      CoA if present, else the BU's source), or the home address when the
 *      BU deletes the binding (lifetime 0);
 *   2. the correspondent's address (16 octets), the home address from a type
 *      2 routing header when the correspondent is itself mobile;
 *   3. MH octets [0, auth_off): common header with Header Len counting the
 *      authenticator, Checksum as two zero octets, fixed part, all options
 *      and padding, and the BAD option's own Type and Length octets.
 * Not authenticated: the Authenticator octets [auth_off, auth_off+auth_len)
 * and the IPv6 header / Home Address option.
 *
 * Recipe for mipsim/sec (no crypto in wire):
 *   sender:   set opts.present |= MS_MH_OPTS_BAD, auth zero; n = ms_mh_encode(m,
 *             NULL, NULL, buf, cap); ms_mh_bad_locate(buf, n, &off, &alen);
 *             ms_mh_bad_mobility_data(buf, n, coa, cn, md, sizeof md) -> HMAC;
 *             memcpy(buf + off, mac, alen); ms_mh_fix_cksum(buf, n, src, dst).
 *   receiver: ms_mh_bad_mobility_data(pkt, len, coa, cn, ...) -> HMAC, compare
 *             with the bytes at auth_off (constant-time).
 */

/* Finds the Authenticator: *auth_off is its offset from the start of the MH,
 * *auth_len its length.  Returns 0, -ENOENT when the message has no BAD
 * option, or a decode error (see ms_mh_decode). */
int ms_mh_bad_locate(const uint8_t *mh, size_t len, size_t *auth_off, size_t *auth_len);

/* Writes Mobility Data (coa | cn | MH[0, auth_off) with the Checksum zeroed)
 * into out.  Returns its length (32 + auth_off), -EMSGSIZE when cap is too
 * small (32 + MS_MH_MAX_LEN always suffices), or an error of
 * ms_mh_bad_locate. */
int ms_mh_bad_mobility_data(const uint8_t *mh, size_t len, const struct in6_addr *coa,
                            const struct in6_addr *cn, uint8_t *out, size_t cap);

/* One-line summary for logs, e.g. "BU seq=5 flags=AH lifetime=420s
 * altcoa=2001:db8::1".  snprintf semantics: returns the length the full line
 * needs; buf is always terminated when cap > 0. */
int ms_mh_format(const struct ms_mh *m, char *buf, size_t cap);

/* Wire-lifetime conversion per MH Type, the one place that knows units:
 * BU and BA carry 4-second units (RFC 6275 s6.1.7, s6.1.8).  (FBU and FBack,
 * added with mh_fmip.c, carry seconds: RFC 5568 s6.2.2-6.2.3.)
 * ms_mh_lifetime_unit_s returns the unit in seconds, 0 for a type without a
 * Lifetime field.  to_wire rounds down and clamps at 0xFFFF units. */
unsigned ms_mh_lifetime_unit_s(uint8_t type);
uint16_t ms_mh_lifetime_to_wire(uint8_t type, uint32_t seconds);
uint32_t ms_mh_lifetime_from_wire(uint8_t type, uint16_t units);

/* Equality of what the encoder would send: type, payload_proto (0 == 59),
 * the message fields of that type and the options (ms_mh_opts_equal).
 * wire_len and diag are ignored.  1 when equal, 0 when not. */
int ms_mh_equal(const struct ms_mh *a, const struct ms_mh *b);

/* ---- Internal to mh.c, mh_binding.c, mh_rr.c (and later mh_fmip.c). ---- */

/* The codec of one MH Type's fixed part.  body points just past the Checksum
 * (MH + MS_MH_HDR_LEN) and holds at least body_len octets. */
struct ms__mh_msg {
    uint8_t type;
    uint8_t body_len; /* octets of the fixed part after the Checksum */
    void (*encode)(const struct ms_mh *m, uint8_t *body);
    void (*decode)(const uint8_t *body, struct ms_mh *out);
    int (*equal)(const struct ms_mh *a, const struct ms_mh *b);
    int (*format)(const struct ms_mh *m, char *buf, size_t cap);
};

/* Each returns the descriptor for type, or NULL if the file does not own it. */
const struct ms__mh_msg *ms__mh_binding_msg(uint8_t type); /* mh_binding.c: BRR BU BA BE */
const struct ms__mh_msg *ms__mh_rr_msg(uint8_t type);      /* mh_rr.c: HoTI CoTI HoT CoT */

#endif
