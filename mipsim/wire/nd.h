/* Neighbor Discovery messages (RFC 4861 s4.1-4.5) with the Mobile IPv6 RA H
 * flag (RFC 6275 s7.1): one struct, one decoder, one encoder, one validator.
 *
 * Receive path:
 *   ms_icmp6_verify_cksum(p, len, src, dst)   -> MS_EBAD_CHECKSUM
 *   ms_nd_decode(p, len, &m)                  -> length, code and option errors
 *   ms_nd_validate(&m, hop_limit, src, dst)   -> the IP-header checks of
 *                                                RFC 4861 s6.1.1/6.1.2/7.1.1/7.1.2/8.1
 * Together these are every validity check of those sections except the one
 * needing state (Redirect: "the IP source address of the Redirect is the same
 * as the current first-hop router", s8.1), which the stack does.
 *
 * Send path: fill struct ms_nd, ms_nd_encode(&m, src, dst, buf, cap); send
 * with Hop Limit 255.
 */
#ifndef MIPSIM_WIRE_ND_H
#define MIPSIM_WIRE_ND_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#include "wire/codepoints.h"
#include "wire/nd_opt.h"

/* Minimum ICMP lengths (fixed part) per type, RFC 4861 s6.1.1, 6.1.2, 7.1.1,
 * 7.1.2, 8.1; options follow the fixed part. */
#define MS_ND_RS_LEN 8u
#define MS_ND_RA_LEN 16u
#define MS_ND_NS_LEN 24u
#define MS_ND_NA_LEN 24u
#define MS_ND_REDIRECT_LEN 40u

/* RFC 4861 s4.2 + RFC 6275 s7.1:
 *   | Type=134 | Code=0 | Checksum |
 *   | Cur Hop Limit |M|O|H|Reserved| Router Lifetime |
 *   | Reachable Time | Retrans Timer | Options ... */
struct ms_nd_ra {
    uint8_t cur_hop_limit;      /* 0 = unspecified */
    uint8_t flags;              /* MS_RA_F_M | MS_RA_F_O | MS_RA_F_H; the other bits of
                                 * the octet (Reserved, RFC 4191 Prf ...) are kept as is */
    uint16_t router_lifetime_s; /* 0 = not a default router */
    uint32_t reachable_ms;      /* 0 = unspecified */
    uint32_t retrans_ms;        /* 0 = unspecified */
};

/* RFC 4861 s4.3: | Type=135 | Code=0 | Checksum | / Reserved / Target Address / Options. */
struct ms_nd_ns {
    struct in6_addr target;
};

/* RFC 4861 s4.4: | Type=136 | Code=0 | Checksum | / |R|S|O| Reserved (29) | /
 * Target Address / Options. */
struct ms_nd_na {
    uint32_t flags; /* MS_NA_F_R | MS_NA_F_S | MS_NA_F_O (32-bit masks); Reserved
                     * bits are dropped on decode and never sent */
    struct in6_addr target;
};

/* RFC 4861 s4.5: | Type=137 | Code=0 | Checksum | / Reserved / Target Address /
 * Destination Address / Options. */
struct ms_nd_redirect {
    struct in6_addr target; /* better first hop (link-local), or == dest when on-link */
    struct in6_addr dest;   /* the redirected destination */
};

struct ms_nd {
    uint8_t type; /* MS_ICMP6_RS, _RA, _NS, _NA, _REDIRECT; RS has no fixed fields */
    union {
        struct ms_nd_ra ra;
        struct ms_nd_ns ns;
        struct ms_nd_na na;
        struct ms_nd_redirect redirect;
    } u;
    struct ms_nd_opts opts;
};

/* Decodes the ICMPv6 message p[0..len) (Type octet first).  Zeroes *out
 * first.  Does not check the checksum (see ms_icmp6_verify_cksum).  Returns 0
 * or, in this order of checking:
 *   MS_ETRUNC         len < 4;
 *   MS_EUNKNOWN_TYPE  not one of the five ND types;
 *   MS_ETRUNC         shorter than the type's fixed part (8, 16, 24, 24, 40:
 *                     RFC 4861 s6.1.1 ... 8.1 "ICMP length");
 *   MS_EBAD_CODE      ICMP Code != 0 (RFC 4861 s6.1.1 ... 8.1);
 *   option errors of ms_nd_opts_decode (MS_EZERO_OPTLEN, MS_EOPT_OVERRUN,
 *   MS_EBAD_OPTLEN).
 * On an option error out->type is still set (for per-type drop counters) and
 * everything else is zero.
 * Reserved fields are ignored (RFC 4861 s4: "MUST be ignored by the receiver"). */
int ms_nd_decode(const uint8_t *p, size_t len, struct ms_nd *out);

/* The same, with storage for the SEND payloads (CGA, RSA Signature, Trust
 * Anchor, Certificate, Handover Key Request/Reply): see
 * ms_nd_opts_decode_sec() in wire/nd_opt.h.  sec may be NULL. */
int ms_nd_decode_sec(const uint8_t *p, size_t len, struct ms_nd *out, struct ms_nd_sec *sec);

/* Octets ms_nd_encode() writes (after the Redirected Header cut). */
size_t ms_nd_len(const struct ms_nd *m);

/* Writes the whole ICMPv6 message (Code 0, zero Reserved fields, options,
 * checksum over the pseudo-header of src/dst).  For a Redirect, the
 * Redirected Header data is cut so that the IPv6 packet (40-octet header
 * included) stays within 1280 octets (RFC 4861 s4.6.3).  Returns the octets
 * written; -EMSGSIZE when cap is too small; -EINVAL for an unknown type or an
 * option error of ms_nd_opts_encode. */
int ms_nd_encode(const struct ms_nd *m, const struct in6_addr *src, const struct in6_addr *dst,
                 uint8_t *buf, size_t cap);

/* The checks that need the IP header, pure.  m is a decoded message, hop_limit
 * / src / dst come from its IPv6 header.  Returns 0 or:
 *   MS_EBAD_HOPLIMIT  hop_limit != 255 (all five types);
 *   MS_EBAD_SOURCE    RA, Redirect: src is not link-local (s6.1.2, s8.1);
 *                     RS, NS: src is unspecified and an SLLA option is present
 *                     (s6.1.1, s7.1.1);
 *   MS_EBAD_DEST      NS: src is unspecified and dst is not a solicited-node
 *                     multicast address ff02::1:ffXX:XXXX (s7.1.1);
 *   MS_EBAD_FIELD     NS, NA: the Target is multicast (s7.1.1, s7.1.2);
 *                     NA: dst is multicast and the S flag is set (s7.1.2);
 *                     Redirect: Destination is multicast, or Target is neither
 *                     link-local nor equal to Destination (s8.1);
 *   MS_EUNKNOWN_TYPE  m->type is not an ND type.
 * Not checked here: the checksum, Code, lengths and option lengths (decode
 * did), and the Redirect first-hop-router rule (needs the route table). */
int ms_nd_validate(const struct ms_nd *m, uint8_t hop_limit, const struct in6_addr *src,
                   const struct in6_addr *dst);

/* One-line log text ("ra hl=64 flags=MOH life=1800 reach=0 retrans=0 slla=..."),
 * snprintf semantics. */
int ms_nd_format(const struct ms_nd *m, char *buf, size_t cap);

#endif
