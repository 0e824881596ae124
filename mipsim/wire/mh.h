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
 *   BRR 2 (0), HoTI/CoTI 10 (1), HoT/CoT 18 (2), BU 6 (1), BA 6 (1), BE 18 (2),
 *   FBU/FBack 6 (1), FNA 2 (0), HI/HAck 4 (1).
 *
 * Supported MH Types: BRR, HoTI, CoTI, HoT, CoT, BU, BA, BE (mh_binding.c,
 * mh_rr.c) and the FMIPv6 messages FBU, FBack, FNA, HI, HAck (mh_fmip.c).
 * Any other type decodes as MS_EUNKNOWN_TYPE.
 *
 * FMIPv6 generations (fmip_variant.h, docs/WIRE-VARIANTS.md).  Where RFC
 * 4068, RFC 5268 and RFC 5568 differ on the wire, struct ms_mh carries the
 * generation in `variant`:
 *   - ms_mh_decode_ex(p, len, variant, out) decodes with it and records it
 *     in out->variant; ms_mh_decode() is ms_mh_decode_ex(.., MS_FMIP_RFC5568, ..);
 *   - ms_mh_encode()/ms_mh_len() read m->variant, which ms_mh_init() sets to
 *     MS_FMIP_RFC5568 (0), so existing callers keep their behaviour and
 *     encode(decode_ex(x, v)) re-encodes under v.
 * What the variant changes: the FBU Lifetime unit (4 s under RFC 4068,
 * 1 s otherwise), the MH-LLA option layout (mh_opt.h), the meaning of HAck
 * Codes (fmip_variant.h) and which messages are native (FNA only in RFC
 * 4068; HI/HAck MH forms only in RFC 5568).  Every message decodes under
 * every variant; a message outside its variant is flagged in `diag`.
 */
#ifndef MIPSIM_WIRE_MH_H
#define MIPSIM_WIRE_MH_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#include "wire/codepoints.h"
#include "wire/fmip_variant.h"
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

/* Fast Binding Update (RFC 5568 s6.2.2, MH Type 8; RFC 4068 s6.3.1).
 *                                   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *                                   |           Sequence #          |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |A|H|L|K|       Reserved        |            Lifetime           |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * "A flag: MUST be set to one", "H flag: MUST be set to one", flags of other
 * protocols MUST be zero: the decoder flags violations (MS_MH_MSG_FLAGS),
 * it does not reject.  Lifetime: RFC 5568/5268 "The requested time in
 * seconds"; RFC 4068 "See RFC 3775" (4-second units). */
struct ms_mh_fbu {
    uint16_t seq;
    uint16_t flags;      /* the whole 16-bit word: MS_FBU_F_* masks */
    uint32_t lifetime_s; /* seconds; wire: seconds (4-s units under RFC 4068), clamped at 0xFFFF */
};

/* Fast Binding Acknowledgment (RFC 5568 s6.2.3, MH Type 9; RFC 4068 s6.3.2).
 *                                   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *                                   |     Status      |K|  Reserved |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |            Sequence #         |            Lifetime           |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * Lifetime: "The granted lifetime in seconds" in every generation. */
struct ms_mh_fback {
    uint8_t status; /* MS_FBACK_* */
    uint8_t flags;  /* the whole octet: MS_BA_F_K */
    uint16_t seq;
    uint32_t lifetime_s; /* seconds; wire: seconds, clamped at 0xFFFF */
};

/* Fast Neighbor Advertisement (RFC 4068 s6.3.3, MH Type 10): Reserved(16),
 * then options (the MH-LLA is mandatory).  Deprecated by RFC 5268/5568 (a NAR
 * may still accept it).  Payload Proto "may be set to IPv6 to assist FBU
 * encapsulation" (the FBU then follows the MH, from wire_len on). */
struct ms_mh_fna {
    uint8_t unused_; /* no fields */
};

/* Handover Initiate, MH form (RFC 5568 s6.2.1.1, MH Type 14; RFC 5949 s6.1.1).
 *                                   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *                                   |           Sequence #          |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |S|U|P|F|Resv'd |      Code     |                               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+ */
struct ms_mh_hi {
    uint16_t seq;
    uint8_t flags; /* the whole octet: MS_HI_F_* (S U of RFC 5568, P F of RFC 5949) */
    uint8_t code;  /* MS_HI_* */
};

/* Handover Acknowledge, MH form (RFC 5568 s6.2.1.2, MH Type 15; RFC 5949
 * s6.1.2 turns the Reserved octet into flags U P F).
 *                                   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *                                   |           Sequence #          |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |U|P|F|Reserved |      Code     |                               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * Code is kept as on the wire; its meaning depends on the variant
 * (ms_fmip_hack_code_sym/_to_5568 in fmip_variant.h). */
struct ms_mh_hack {
    uint16_t seq;
    uint8_t flags; /* the whole octet: MS_HACK_F_* */
    uint8_t code;  /* MS_HACK_* (RFC 5568) or MS_HACK4068_* (variant RFC 4068) */
};

/* Bits of ms_mh.diag: message-level findings of the decoder (option-level
 * ones are in opts.diag).  None makes decode fail.
 *   DEPRECATED      FNA under RFC 5268/5568 (RFC 5568 s8, App. C).
 *   NOT_IN_VARIANT  HI/HAck MH form under RFC 5268/4068 (ICMP there).
 *   FLAGS           a flag rule broken: FBU A or H not 1, or another
 *                   protocol's flag set (RFC 5568 s6.2.2); FBack flag other
 *                   than K (s6.2.3); HI S with Code 1 (s6.2.1.1) or S with P
 *                   (RFC 5949 s6.1.1).
 *   FBU_B           FBU bit 0x0100: B (RFC 5271 s6.3) or, in IANA's registry,
 *                   F (RFC 5555): ambiguous.
 *   CODE            FBack Status or HI/HAck Code undefined under the variant,
 *                   or an RFC 5949 Code without P.
 *   MISSING_OPT     a MUST option is absent: BADF in FBU/FBack (RFC
 *                   5568/5268), Alternate CoA in FBack Status 1, MH-LLA in
 *                   FNA and in HI without P. */
#define MS_MH_MSG_DEPRECATED 0x01u
#define MS_MH_MSG_NOT_IN_VARIANT 0x02u
#define MS_MH_MSG_FLAGS 0x04u
#define MS_MH_MSG_FBU_B 0x08u
#define MS_MH_MSG_CODE 0x10u
#define MS_MH_MSG_MISSING_OPT 0x20u

/* One Mobility Header message.  Start from ms_mh_init(), which zeroes it and
 * sets payload_proto to MS_IPPROTO_NONE and variant to MS_FMIP_RFC5568.  The
 * union member that counts is the one named by `type`.  sizeof(struct
 * ms_mh) is under 2 KiB (mh.c asserts it; the large option payloads share
 * a bounded buffer, mh_opt.h). */
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
        struct ms_mh_fbu fbu;
        struct ms_mh_fback fback;
        struct ms_mh_fna fna;
        struct ms_mh_hi hi;
        struct ms_mh_hack hack;
    } u;
    enum ms_fmip_variant variant; /* layout/meaning of the FMIPv6 parts; encode input,
                                     decode output (ms_mh_decode_ex) */
    uint32_t diag;                /* MS_MH_MSG_*, decode output only */
    struct ms_mh_opts opts;
};

/* Zeroes *m and sets type and payload_proto = MS_IPPROTO_NONE. */
void ms_mh_init(struct ms_mh *m, uint8_t type);

/* Octets ms_mh_encode writes for *m (a multiple of 8), or 0 when *m cannot be
 * encoded (unsupported type, invalid variant or invalid options). */
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
 * The layout follows m->variant (FBU Lifetime unit, MH-LLA form).
 *
 * Returns octets written, -EMSGSIZE when cap < ms_mh_len(m),
 * MS_EUNKNOWN_TYPE for a type this codec does not encode, -EINVAL for an
 * invalid variant or options that cannot be encoded (see
 * ms_mh_opts_encode_ex). */
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
 *   MS_EBAD_OPTLEN, MS_EZERO_OPTLEN, MS_EBADF_NOT_LAST, MS_EDUP_OPT,
 *   MS_EBAD_FIELD)
 * Payload Proto != 59 is accepted and reported in out->payload_proto;
 * misaligned options are accepted and reported in out->opts.diag;
 * message-level rule violations in out->diag (MS_MH_MSG_*).
 * ms_mh_decode uses MS_FMIP_RFC5568; ms_mh_decode_ex takes the generation
 * (-EINVAL for an invalid one) and stores it in out->variant. */
int ms_mh_decode(const uint8_t *p, size_t len, struct ms_mh *out);
int ms_mh_decode_ex(const uint8_t *p, size_t len, enum ms_fmip_variant variant, struct ms_mh *out);

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

/* BADF (RFC 5568 s6.4.5, FBU and FBack) works the same way: "Authenticator:
 * Same as in RFC 3775, with 'correspondent' replaced by the PAR's IP
 * address, and Kbm ... replaced by the shared key between the MN and the
 * PAR."  The locate helpers find BADF as well; its SPI lies before auth_off
 * and is therefore authenticated.
 */

/* Finds the Authenticator of the BAD or BADF option: *auth_off is its offset
 * from the start of the MH, *auth_len its length.  Returns 0, -ENOENT when
 * the message has neither, or a decode error (see ms_mh_decode).  The _ex
 * forms decode under the given generation (it changes the MH-LLA layout). */
int ms_mh_bad_locate(const uint8_t *mh, size_t len, size_t *auth_off, size_t *auth_len);
int ms_mh_bad_locate_ex(const uint8_t *mh, size_t len, enum ms_fmip_variant variant,
                        size_t *auth_off, size_t *auth_len);

/* Writes Mobility Data (coa | cn | MH[0, auth_off) with the Checksum zeroed)
 * into out.  Returns its length (32 + auth_off), -EMSGSIZE when cap is too
 * small (32 + MS_MH_MAX_LEN always suffices), or an error of
 * ms_mh_bad_locate. */
int ms_mh_bad_mobility_data(const uint8_t *mh, size_t len, const struct in6_addr *coa,
                            const struct in6_addr *cn, uint8_t *out, size_t cap);
int ms_mh_bad_mobility_data_ex(const uint8_t *mh, size_t len, enum ms_fmip_variant variant,
                               const struct in6_addr *coa, const struct in6_addr *cn, uint8_t *out,
                               size_t cap);

/* One-line summary for logs, e.g. "BU seq=5 flags=AHM lifetime=420s
 * altcoa=2001:db8::1" (BU flag letters from MS_BU_FLAG_MAP, so the HMIPv6 M
 * flag of RFC 5380 s6.1 shows as M), "FBU seq=1 flags=AH lifetime=10s
 * badf[spi=1 auth=12]", "HAck seq=7 flags=- code=2(ACCEPTED_NCOA_ASSIGNED)".
 * A variant other than RFC 5568 is appended as " rfc4068"/" rfc5268",
 * message diagnostics as " mdiag=0x..".  snprintf semantics: returns the
 * length the full line needs; buf is always terminated when cap > 0. */
int ms_mh_format(const struct ms_mh *m, char *buf, size_t cap);

/* Wire-lifetime conversion per MH Type, the one place that knows units:
 * BU and BA carry 4-second units (RFC 6275 s6.1.7, s6.1.8); FBU and FBack
 * carry seconds (RFC 5568 s6.2.2-6.2.3, RFC 5268 s6.3.1-6.3.2), except the
 * FBU of RFC 4068 s6.3.1 ("Lifetime: See RFC 3775"), in 4-second units.
 * ms_mh_lifetime_unit_s returns the unit in seconds, 0 for a type without a
 * Lifetime field.  to_wire rounds down and clamps at 0xFFFF units.  The
 * forms without _ex use MS_FMIP_RFC5568. */
unsigned ms_mh_lifetime_unit_s(uint8_t type);
uint16_t ms_mh_lifetime_to_wire(uint8_t type, uint32_t seconds);
uint32_t ms_mh_lifetime_from_wire(uint8_t type, uint16_t units);
unsigned ms_mh_lifetime_unit_s_ex(uint8_t type, enum ms_fmip_variant variant);
uint16_t ms_mh_lifetime_to_wire_ex(uint8_t type, enum ms_fmip_variant variant, uint32_t seconds);
uint32_t ms_mh_lifetime_from_wire_ex(uint8_t type, enum ms_fmip_variant variant, uint16_t units);

/* Equality of what the encoder would send: type, payload_proto (0 == 59),
 * variant, the message fields of that type and the options
 * (ms_mh_opts_equal).  wire_len and both diag fields are ignored.  1 when
 * equal, 0 when not. */
int ms_mh_equal(const struct ms_mh *a, const struct ms_mh *b);

/* ---- Internal to mh.c, mh_binding.c, mh_rr.c, mh_fmip.c. ---- */

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
const struct ms__mh_msg *ms__mh_fmip_msg(uint8_t type);    /* mh_fmip.c: FBU FBack FNA HI HAck */

/* mh_fmip.c: after a successful decode of an FMIPv6 message, sets
 * m->diag (MS_MH_MSG_*) from the fields, the options and m->variant. */
void ms__mh_fmip_check(struct ms_mh *m);

#endif
