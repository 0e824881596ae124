/* FMIPv6 ICMPv6 messages: Router Solicitation for Proxy Advertisement
 * (RtSolPr), Proxy Router Advertisement (PrRtAdv) and the ICMP forms of
 * Handover Initiate (HI) and Handover Acknowledge (HAck), in their three
 * generations:
 *
 *   RFC 5568 s6.1.1-6.1.2  ICMPv6 type 154, subtypes 2 (RtSolPr), 3 (PrRtAdv);
 *                          s11: subtypes 4/5 deprecated (HI/HAck are MH 14/15,
 *                          wire/mh.h);
 *   RFC 5268 s6.1-6.2      type 154, subtypes 2-5, HI/HAck with an Identifier;
 *   RFC 4068 s6.1-6.2      type 150 (RFC 4065 s4, s8: Experimental Mobility
 *                          Protocol type, whose first octet after the checksum
 *                          is a Subtype), subtypes 2-5.
 *
 * All four share one layout (RFC 5568 Figures 4-5, RFC 5268 Figures 6-7,
 * RFC 4068 Figures 4-7):
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |     Code      |          Checksum             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |   Subtype     |    flags      |          Identifier           |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |   Options (ND format, wire/nd_opt.h) ...
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-
 *
 * where "flags" is Reserved in RtSolPr and HAck, |S|U|Reserved| in HI, and
 * |R or M|Reserved| in PrRtAdv: RFC 5271 s6.4 defines bit 0x80 as R (the
 * network supports only reactive handover), RFC 7411 s5.1 defines the same
 * bit as M (multicast support).  The codec keeps the whole octet as a plain
 * value (MS_PRRTADV_F_R_OR_M names the bit); which reading applies is a
 * deployment choice (docs/WIRE-VARIANTS.md, CODEPOINTS.md gotcha 6).
 *
 * What the variant changes: encode picks the ICMPv6 type (150 for RFC 4068,
 * 154 otherwise).  Decode accepts both types under every variant, since the
 * type itself names the generation, and reports it in `gen`; code and
 * option meanings follow `gen` (HAck codes 2-4, PrRtAdv code 5, option 17
 * code 4, option 18, NAACK statuses 3-4).  Anything the generation does not
 * define, or the configured variant does not expect, is flagged in `warn`
 * (enum ms_fmip_warn in wire/nd_opt.h), never rejected: a role decides.
 *
 * Receive: ms_icmp6_verify_cksum(), then ms_icmp6_fmip_decode(), then
 * ms_icmp6_fmip_validate() with the IPv6 header's Hop Limit and source.
 * Pure codecs: no allocation, clock, randomness, logging or globals.
 */
#ifndef MIPSIM_WIRE_ICMP6_FMIP_H
#define MIPSIM_WIRE_ICMP6_FMIP_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#include "wire/codepoints.h"
#include "wire/fmip_variant.h"
#include "wire/nd_opt.h"

/* Type, Code, Checksum, Subtype, flags, Identifier. */
#define MS_ICMP6_FMIP_HDR_LEN 8u

struct ms_icmp6_fmip {
    /* Decode: MS_ICMP6_FMIP (154) or MS_ICMP6_EXP_MOBILITY (150).  Encode
     * ignores it: the variant picks the type (ms_icmp6_fmip_type()). */
    uint8_t icmp_type;
    /* Decode only: the generation the message belongs to.  Type 150 is RFC
     * 4068; type 154 is the configured variant, or RFC 5268 when RFC 4068
     * was configured (ms_icmp6_fmip_gen()).  To re-encode a decoded message
     * unchanged, encode with gen. */
    enum ms_fmip_variant gen;
    uint8_t subtype; /* MS_FMIP_RTSOLPR, _PRRTADV, _HI, _HACK */
    /* RtSolPr: 0.  PrRtAdv: MS_PRRTADV_* (0-5; 5 is not in RFC 4068).  HI:
     * MS_HI_FBU_FROM_PCOA / _FBU_NOT_FROM_PCOA.  HAck: MS_HACK_* on type 154,
     * MS_HACK4068_* on type 150 (ms_icmp6_fmip_code_name()). */
    uint8_t code;
    /* The octet after Subtype, as on the wire: HI MS_HI_ICMP_F_S |
     * MS_HI_ICMP_F_U; PrRtAdv MS_PRRTADV_F_R_OR_M; RtSolPr, HAck: Reserved
     * (send 0; kept as received so that it round-trips). */
    uint8_t flags;
    uint16_t id; /* Identifier: a reply copies the solicitation's / HI's; 0 when unsolicited */
    /* RtSolPr: LLA 19 (code 4 sender, 1 New AP or 0 wildcard), RFC 5269
     * Handover Key Request 27 with SEND 11/12/14.  PrRtAdv: LLA 19 (4, 1, 3),
     * IP Address 17 (3 NAR, 4 NAR prefix, 2 NCoA) or 18 (RFC 4068), RFC 5269
     * Handover Key Reply 28 with SEND.  HI: LLA 19 code 2 (MN), 17 codes 1/2
     * (PCoA/NCoA), RFC 5271 30 (MN-ID).  HAck: 17 code 2 (NCoA).  The codec
     * does not require any of them (RFC 5568 s6.1.1: receivers "MUST
     * silently ignore any options that they do not recognize"). */
    struct ms_nd_opts opts;
    uint32_t warn; /* decode only: MS_FMIP_WARN_* bits, 0 when clean */
};

/* The ICMPv6 type variant v sends: MS_ICMP6_EXP_MOBILITY (150) for
 * MS_FMIP_RFC4068, MS_ICMP6_FMIP (154) otherwise. */
uint8_t ms_icmp6_fmip_type(enum ms_fmip_variant v);

/* The generation of a message of ICMPv6 type icmp_type received by a node
 * configured for v (see struct ms_icmp6_fmip, gen). */
enum ms_fmip_variant ms_icmp6_fmip_gen(uint8_t icmp_type, enum ms_fmip_variant v);

/* Decodes the ICMPv6 message p[0..len) (Type octet first) received by a node
 * configured for variant v.  Zeroes *out first; sec (may be NULL) receives
 * the SEND and handover-key payloads as in ms_nd_opts_decode_sec().  Does not
 * check the checksum.  Returns 0 or, in this order of checking:
 *   MS_ETRUNC         len < 4, or < 8 for a known type;
 *   MS_EUNKNOWN_TYPE  type neither 150 nor 154, or a Subtype other than 2-5
 *                     (150 subtypes 0/1 are CARD and CXTP, RFC 4065 s8; 154
 *                     subtypes 0/1 are reserved, RFC 5568 s11);
 *   option errors of ms_nd_opts_decode() (MS_EZERO_OPTLEN, MS_EOPT_OVERRUN,
 *   MS_EBAD_OPTLEN, MS_EBAD_LEN, MS_EBAD_PAD, MS_EBAD_FIELD).
 * On an option error icmp_type, gen and subtype are still set (for per-type
 * drop counters) and everything else is zero.  Unexpected codes, flags and
 * option codes are not errors: see warn. */
int ms_icmp6_fmip_decode(const uint8_t *p, size_t len, enum ms_fmip_variant v,
                         struct ms_icmp6_fmip *out, struct ms_nd_sec *sec);

/* Octets ms_icmp6_fmip_encode() writes. */
size_t ms_icmp6_fmip_len(const struct ms_icmp6_fmip *m);

/* Writes the message as variant v sends it (type 150 or 154), with code,
 * flags, id and options as given (options padded as ms_nd_opts_encode()
 * does) and the checksum for src/dst.  The ICMP-form HI/HAck is written under
 * MS_FMIP_RFC5568 too (as RFC 5268 defines it), for interop tests.  Returns
 * the octets written; -EMSGSIZE when cap is too small; -EINVAL for a subtype
 * other than 2-5 or an invalid variant; option errors of ms_nd_opts_encode(). */
int ms_icmp6_fmip_encode(const struct ms_icmp6_fmip *m, enum ms_fmip_variant v,
                         const struct in6_addr *src, const struct in6_addr *dst, uint8_t *buf,
                         size_t cap);

/* The IP-header checks, pure.  Returns 0 or:
 *   MS_EBAD_HOPLIMIT  hop_limit != 255 for RtSolPr and PrRtAdv (RFC 5568
 *                     s6.1.1-6.1.2, RFC 4068 s6.1.1-6.1.2), and for HI/HAck
 *                     of RFC 4068 (s6.2.1-6.2.2; RFC 5268 sets no Hop Limit);
 *   MS_EBAD_SOURCE    PrRtAdv whose source is not link-local ("MUST be the
 *                     link-local address", RFC 5568 s6.1.2);
 *   MS_EUNKNOWN_TYPE  subtype not 2-5. */
int ms_icmp6_fmip_validate(const struct ms_icmp6_fmip *m, uint8_t hop_limit,
                           const struct in6_addr *src);

/* Description of m->code under the generation of m->icmp_type (RFC 4068
 * tables for 150, RFC 5268/5568 for 154; HAck codes 2-4 differ), or NULL
 * when that generation does not define it (RtSolPr has no code table). */
const char *ms_icmp6_fmip_code_name(const struct ms_icmp6_fmip *m);

/* Log line ("prrtadv id=7 code=0 flags=0x80 lla4=... ip3=..."), snprintf
 * semantics. */
int ms_icmp6_fmip_format(const struct ms_icmp6_fmip *m, char *buf, size_t cap);

#endif
