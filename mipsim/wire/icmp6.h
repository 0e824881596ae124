/* ICMPv6 codecs: the common header and checksum (RFC 4443 s2.1, s2.3), Echo
 * Request/Reply (RFC 4443 s4), the four error messages (RFC 4443 s3) with the
 * origination rules of RFC 4443 s2.4, and the Mobile IPv6 ICMP messages
 * (RFC 6275 s6.5-6.8: DHAAD Request/Reply, Mobile Prefix Solicitation and
 * Advertisement).  Neighbor Discovery (types 133-137) lives in wire/nd.h.
 *
 * Dispatch on receive: verify the checksum with ms_icmp6_verify_cksum(), read
 * the type with ms_icmp6_hdr_decode(), then hand the message to
 *   - ms_icmp6_decode()     for errors (type < 128) and Echo (128, 129);
 *   - ms_nd_decode()        for MS_ICMP6_RS .. MS_ICMP6_REDIRECT (wire/nd.h);
 *   - ms_icmp6_mip_decode() for MS_ICMP6_DHAAD_REQUEST .. MS_ICMP6_MPA;
 *   - ms_icmp6_fmip_decode() for MS_ICMP6_FMIP (154) and MS_ICMP6_EXP_MOBILITY
 *     (150): RtSolPr, PrRtAdv, ICMP-form HI/HAck (wire/icmp6_fmip.h).
 * Every decoder takes the ICMPv6 message only (from the Type octet to the end
 * of the IPv6 payload), never reads past len, keeps no pointer into it and
 * returns 0 or a negative code from wire/err.h.  Decoders do not check the
 * checksum (they have no addresses); encoders always write it, which is why
 * they take the IPv6 source and destination of the packet that will carry
 * the message (for a Mobile Prefix Advertisement, which travels with a type 2
 * routing header, dst is the final destination, the home address: RFC 8200
 * s8.1).
 *
 * All codecs are pure: no allocation, clock, randomness, logging or globals.
 */
#ifndef MIPSIM_WIRE_ICMP6_H
#define MIPSIM_WIRE_ICMP6_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wire/codepoints.h"
#include "wire/nd_opt.h"

/* The IPv6 minimum MTU (RFC 8200 s5) and, derived from it, the largest ICMPv6
 * error message: RFC 4443 s2.4(c) says the error "packet" must not exceed the
 * minimum MTU, and the packet includes the 40-octet IPv6 header, so the
 * ICMPv6 message is at most 1240 octets and carries at most 1232 octets of
 * the invoking packet.  (This is also what Linux and the BSDs do.)  A caller
 * that adds extension headers to the error must shrink further itself. */
#define MS_IPV6_MIN_MTU 1280u
#define MS_ICMP6_HDR_LEN 4u
#define MS_ICMP6_ERR_HDR_LEN 8u
#define MS_ICMP6_ERR_MAX_LEN (MS_IPV6_MIN_MTU - 40u)
#define MS_ICMP6_ERR_MAX_INVOKING (MS_ICMP6_ERR_MAX_LEN - MS_ICMP6_ERR_HDR_LEN)

/* RFC 4443 s2.1: the 4 octets every ICMPv6 message starts with. */
struct ms_icmp6_hdr {
    uint8_t type;
    uint8_t code;
    uint16_t cksum; /* as on the wire (host order value of the 16-bit field) */
};

/* Reads the common header.  0, or MS_ETRUNC when len < 4. */
int ms_icmp6_hdr_decode(const uint8_t *p, size_t len, struct ms_icmp6_hdr *out);

/* RFC 4443 s2.3: checksum over the pseudo-header (src, dst, upper-layer
 * length = len, next header 58) and the whole message p[0..len).  Returns 0
 * when it is correct, MS_EBAD_CHECKSUM when not, MS_ETRUNC when len < 4. */
int ms_icmp6_verify_cksum(const uint8_t *p, size_t len, const struct in6_addr *src,
                          const struct in6_addr *dst);

/* Fills in the checksum field (octets 2-3) of the message p[0..len), len >= 4,
 * whatever the field held before.  Encoders call it last; exported for the
 * stack and for encoders of other ICMPv6 families (FMIPv6, wire/icmp6_fmip.c). */
void ms_icmp6_set_cksum(uint8_t *p, size_t len, const struct in6_addr *src,
                        const struct in6_addr *dst);

/* True for error types (RFC 4443 s2.1: the high-order bit of Type is 0). */
bool ms_icmp6_type_is_error(uint8_t type);

/* --- Echo and errors ------------------------------------------------------ */

/* RFC 4443 s4.1/s4.2 Echo Request/Reply:
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |     Code      |          Checksum             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |           Identifier          |        Sequence Number        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Data ...
 *
 * RFC 4443 s3.x error messages (Destination Unreachable, Packet Too Big,
 * Time Exceeded, Parameter Problem):
 *
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |     Code      |          Checksum             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |            Unused / MTU / Pointer (32 bits)                   |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |    As much of invoking packet as possible without the ICMPv6  |
 *   +    packet exceeding the minimum IPv6 MTU                      +
 */
struct ms_icmp6_echo {
    uint16_t id;
    uint16_t seq;
};

struct ms_icmp6 {
    uint8_t type; /* MS_ICMP6_ECHO_REQUEST/_REPLY, or any error type (< 128) */
    uint8_t code; /* errors: MS_ICMP6_UNREACH_*, MS_ICMP6_TIMEX_*, MS_ICMP6_PARAMPROB_*;
                   * Echo: 0 on send, any value accepted on receive (RFC 4443 s4
                   * gives no discard rule) */
    struct ms_icmp6_echo echo; /* Echo only */
    uint32_t param;            /* errors only: MTU in bytes (Packet Too Big), Pointer
                                * (octet offset into the invoking packet, Parameter
                                * Problem), else the Unused word (send 0) */
    /* Decode only (encode ignores them): where the Echo Data or the invoking
     * packet sits in the decoded message, as p + body_off, body_len octets.
     * body_off is always 8 today; use the field, not the constant. */
    size_t body_off;
    size_t body_len;
};

/* Decodes an error (any type < 128, so that errors of unknown type can still
 * be passed up as RFC 4443 s2.4(a) requires) or an Echo Request/Reply.
 * Returns 0; MS_ETRUNC when len < 8; MS_EUNKNOWN_TYPE for other
 * informational types (ND and MIPv6 types included: use their decoders). */
int ms_icmp6_decode(const uint8_t *p, size_t len, struct ms_icmp6 *out);

/* Octets ms_icmp6_encode() writes for m with a body of body_len octets
 * (for an error, after truncation to MS_ICMP6_ERR_MAX_LEN). */
size_t ms_icmp6_len(const struct ms_icmp6 *m, size_t body_len);

/* Encodes m followed by body[0..body_len) (Echo Data, or the invoking packet
 * of an error; body may be NULL when body_len is 0, and may be buf + 8 for an
 * in-place reply) and writes the checksum for src/dst.  An error body is cut
 * so that the message is at most MS_ICMP6_ERR_MAX_LEN octets (RFC 4443
 * s2.4(c)); an Echo body is never cut.
 * Returns the octets written; -EMSGSIZE when cap is too small (a cap of
 * MS_ICMP6_ERR_MAX_LEN always suffices for an error); -EINVAL when type is
 * neither an error nor an Echo type. */
int ms_icmp6_encode(const struct ms_icmp6 *m, const uint8_t *body, size_t body_len,
                    const struct in6_addr *src, const struct in6_addr *dst, uint8_t *buf,
                    size_t cap);

/* Convenience: an error message.  type < 128; param as in struct ms_icmp6.
 * src is the error's source (this node), dst is the invoking packet's source.
 * The invoking packet is truncated as ms_icmp6_encode() does.  Same returns. */
int ms_icmp6_error_encode(uint8_t type, uint8_t code, uint32_t param, const uint8_t *invoking,
                          size_t invoking_len, const struct in6_addr *src,
                          const struct in6_addr *dst, uint8_t *buf, size_t cap);

/* Convenience: Echo Request (MS_ICMP6_ECHO_REQUEST) or Reply, code 0. */
int ms_icmp6_echo_encode(uint8_t type, uint16_t id, uint16_t seq, const uint8_t *data,
                         size_t data_len, const struct in6_addr *src, const struct in6_addr *dst,
                         uint8_t *buf, size_t cap);

/* Flags describing how the invoking packet was received, for
 * ms_icmp6_error_allowed(); the codec cannot see them in the bytes. */
#define MS_ICMP6_RX_L2_MCAST 0x01u    /* arrived as link-layer multicast or broadcast */
#define MS_ICMP6_RX_SRC_ANYCAST 0x02u /* its source is known to be an anycast address */

/* Pure predicate for RFC 4443 s2.4(e): may this node originate an error of
 * (type, code, param) about the IPv6 packet invoking_ip6[0..len) (starting at
 * its IPv6 header)?  False when:
 *   (e.1) the invoking packet is an ICMPv6 error, (e.2) or a Redirect (found by
 *         walking Hop-by-Hop, Routing, Destination Options, Fragment (first
 *         fragment only) and AH headers; a chain that ends before reaching
 *         ICMPv6 counts as "not ICMPv6", an ICMPv6 header cut before its Type
 *         octet counts as "may be an error": false);
 *   (e.3) its destination is multicast, (e.4/e.5) or rx_flags has
 *         MS_ICMP6_RX_L2_MCAST, unless the error is Packet Too Big, or
 *         Parameter Problem code 2 whose Pointer (param) designates an option
 *         type whose two high-order bits are 10 (RFC 8200 s4.2);
 *   (e.6) its source is unspecified or multicast, or rx_flags has
 *         MS_ICMP6_RX_SRC_ANYCAST;
 *   and also when len < 40 or the version is not 6 (no source to answer).
 * Rate limiting (s2.4(f)) is the stack's job.  type must be an error type;
 * for any other type the answer is false. */
bool ms_icmp6_error_allowed(const uint8_t *invoking_ip6, size_t len, uint8_t type, uint8_t code,
                            uint32_t param, unsigned rx_flags);

/* Human-readable one-line summary for logs ("echo-request id=1 seq=2 len=56",
 * "param-problem code=0 ptr=6 invoking=48").  snprintf semantics: returns the
 * length the full text needs; always NUL-terminates when cap > 0. */
int ms_icmp6_format(const struct ms_icmp6 *m, char *buf, size_t cap);

/* --- Mobile IPv6 ICMP messages (wire/icmp6_mip.c) ------------------------- */

/* RFC 6275 s6.5 DHAAD Request (144), s6.7 Mobile Prefix Solicitation (146):
 *   | Type | Code | Checksum | / | Identifier | Reserved |
 * s6.6 DHAAD Reply (145):
 *   | Type | Code | Checksum | / | Identifier | Reserved | / Home Agent Addresses (n * 128)
 * s6.8 Mobile Prefix Advertisement (147):
 *   | Type | Code | Checksum | / | Identifier |M|O| Reserved | / Options (ND format)
 * (full diagrams in icmp6_mip.c).  Code is 0 for all four. */
#define MS_DHAAD_MAX_HA 8u

struct ms_icmp6_mip {
    uint8_t type; /* MS_ICMP6_DHAAD_REQUEST, _DHAAD_REPLY, _MPS, _MPA */
    uint16_t id;  /* Identifier: the reply copies the request's */
    /* MPA only: MS_MPA_F_M | MS_MPA_F_O.  Decode keeps only those two bits
     * (the rest is Reserved, ignored on receive). */
    uint16_t flags;
    /* DHAAD Reply only: the home agents, most preferred first (RFC 6275
     * s10.5).  Decode keeps the first MS_DHAAD_MAX_HA and drops the rest. */
    uint8_t n_ha;
    struct in6_addr ha[MS_DHAAD_MAX_HA];
    /* MPS and MPA only: ND-format options (RFC 6275 s6.7, s6.8).  An MPA
     * carries its prefixes in opts.pi[] (modified PI, R flag, s7.2); unknown
     * options are kept raw and round-trip. */
    struct ms_nd_opts opts;
};

/* Decodes one of the four types.  Returns 0; MS_ETRUNC when len < 8;
 * MS_EUNKNOWN_TYPE for another type; MS_EBAD_CODE when Code != 0;
 * MS_EBAD_LEN when a DHAAD Reply's address list is not a multiple of 16
 * octets; option errors as ms_nd_opts_decode().  Octets after a DHAAD Request's
 * Reserved field are ignored. */
int ms_icmp6_mip_decode(const uint8_t *p, size_t len, struct ms_icmp6_mip *out);
/* Octets ms_icmp6_mip_encode() writes. */
size_t ms_icmp6_mip_len(const struct ms_icmp6_mip *m);
/* Writes the message with Code 0, zero Reserved fields and the checksum for
 * src/dst.  Returns the octets written; -EMSGSIZE when cap is too small;
 * -EINVAL for an unknown type or n_ha > MS_DHAAD_MAX_HA; option errors as
 * ms_nd_opts_encode(). */
int ms_icmp6_mip_encode(const struct ms_icmp6_mip *m, const struct in6_addr *src,
                        const struct in6_addr *dst, uint8_t *buf, size_t cap);
/* Log line, snprintf semantics. */
int ms_icmp6_mip_format(const struct ms_icmp6_mip *m, char *buf, size_t cap);

#endif
