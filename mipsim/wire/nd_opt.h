/* Neighbor Discovery options (RFC 4861 s4.6) and the Mobile IPv6 additions
 * (RFC 6275 s7.2-7.4), decoded into one struct shared by every message that
 * carries ND-format options: RS, RA, NS, NA, Redirect (wire/nd.h), Mobile
 * Prefix Solicitation/Advertisement (wire/icmp6.h) and, later, the FMIPv6
 * RtSolPr/PrRtAdv.
 *
 * RFC 4861 s4.6 option format:
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |    Length     |              ...              |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   ~                              ...                              ~
 *
 * Length counts units of 8 octets including Type and Length, so every option
 * is a multiple of 8 octets and starts 8-aligned when the options start so.
 *
 * How struct ms_nd_opts grows (the FMIPv6/HMIPv6 issue): an option kind that
 * appears at most once gets a field plus a bit in `present` (bit number =
 * option type, so all types up to 31 fit: MAP 23, IP Address 17, LLA 19,
 * NAACK 20); a kind that may repeat gets an array and a count, like pi[].
 * Then one case in nd_opt.c's decode switch, one writer in its encode list
 * and one line in ms_nd_opts_format.  Until a type has typed support it lands
 * in raw[] and still round-trips, so adding typed support changes no caller.
 */
#ifndef MIPSIM_WIRE_ND_OPT_H
#define MIPSIM_WIRE_ND_OPT_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wire/codepoints.h"
#include "wire/eth.h"

#define MS_ND_OPTS_MAX_PI 4u
#define MS_ND_OPTS_MAX_RAW 4u
/* Largest unknown option kept raw, whole (Type and Length included): 8 units. */
#define MS_ND_OPT_RAW_MAX 64u
/* Largest Redirected Header data: Length 255 minus the 8-octet option header. */
#define MS_ND_OPT_RH_MAX (255u * 8u - 8u)

/* RFC 4861 s4.6.2, modified by RFC 6275 s7.2 (R flag):
 *   | Type=3 | Length=4 | Prefix Length |L|A|R|Reserved1|
 *   | Valid Lifetime (32) | Preferred Lifetime (32) | Reserved2 (32) | Prefix (128) |
 */
struct ms_nd_opt_pi {
    uint8_t prefix_len; /* 0..128 (not checked on decode; a role checks it) */
    uint8_t flags;      /* MS_PI_F_L | MS_PI_F_A | MS_PI_F_R; Reserved1 bits are kept */
    uint32_t valid_s;   /* seconds; 0xffffffff = infinity */
    uint32_t preferred_s;
    struct in6_addr prefix; /* with R set, a full address of the router (s7.2) */
};

/* RFC 6275 s7.4: | Type=8 | Length=1 | Reserved | / | Preference | Lifetime |. */
struct ms_nd_opt_ha_info {
    uint16_t preference; /* higher = more preferred; default 0 */
    uint16_t lifetime_s; /* 0 MUST NOT be sent (not enforced by the codec) */
};

/* RFC 4861 s4.6.3: | Type=4 | Length | Reserved (16) | / Reserved (32) / IP header + data.
 * Decode: off is the offset of "IP header + data" in the message given to
 * ms_nd_opts_decode (so p + off is the redirected packet), len the octets up
 * to the end of the option (trailing zero padding included); data is NULL.
 * Encode: writes len octets from data (zeros when data is NULL) and pads to a
 * multiple of 8; off is ignored.  ms_nd_encode() first cuts len so the
 * Redirect stays within the IPv6 minimum MTU (s4.6.3). */
struct ms_nd_opt_rh {
    size_t off;
    size_t len;
    const uint8_t *data; /* encode input only; never points into decoded input */
};

/* An option of a type without typed support, kept whole for round trips. */
struct ms_nd_opt_raw {
    uint8_t type;
    uint8_t len8;                        /* 1..8 (Length field, 8-octet units) */
    uint8_t data[MS_ND_OPT_RAW_MAX - 2]; /* len8 * 8 - 2 octets after Type and Length */
};

struct ms_nd_opts {
    /* Bit (1u << MS_ND_OPT_x) set when the single-instance option x is
     * present: SLLA, TLLA, REDIRECTED_HDR, MTU, ADV_INTERVAL, HA_INFO.
     * Test it with ms_nd_opts_has(). */
    uint32_t present;
    struct ms_mac slla;               /* RFC 4861 s4.6.1, Ethernet (RFC 2464 s8): Length 1 */
    struct ms_mac tlla;               /* same */
    uint32_t mtu;                     /* RFC 4861 s4.6.4: bytes */
    uint32_t adv_interval_ms;         /* RFC 6275 s7.3: MaxRtrAdvInterval in milliseconds */
    struct ms_nd_opt_ha_info ha_info; /* RFC 6275 s7.4 */
    struct ms_nd_opt_rh rh;           /* RFC 4861 s4.6.3 */
    uint8_t n_pi;                     /* Prefix Information options, wire order */
    struct ms_nd_opt_pi pi[MS_ND_OPTS_MAX_PI];
    uint8_t n_raw; /* unknown options, wire order */
    struct ms_nd_opt_raw raw[MS_ND_OPTS_MAX_RAW];
    /* Decode only: well-formed options that did not fit into this struct and
     * were skipped: repeats of a single-instance option (the first one wins,
     * as in Linux's ndisc_parse_options), Prefix Information past the 4th,
     * unknown options past the 4th or longer than MS_ND_OPT_RAW_MAX.  Encode
     * ignores it. */
    uint8_t n_dropped;
};

static inline bool
ms_nd_opts_has(const struct ms_nd_opts *o, unsigned type) {
    return type < 32 && (o->present & (1u << type)) != 0;
}

static inline void
ms_nd_opts_set(struct ms_nd_opts *o, unsigned type) {
    if (type < 32)
        o->present |= 1u << type;
}

/* True for option types that have typed support in struct ms_nd_opts (these
 * must not appear in raw[]). */
bool ms_nd_opt_is_typed(uint8_t type);

/* Decodes the options in msg[opts_off..len) (RFC 4861 s4.6); msg is the whole
 * ICMPv6 message so that rh.off can be relative to it.  Zeroes *out first.
 * Returns 0, or:
 *   MS_EZERO_OPTLEN  an option has Length 0 (RFC 4861 s4.6: "Nodes MUST
 *                    silently discard an ND packet that contains an option
 *                    with length zero");
 *   MS_EOPT_OVERRUN  an option (or its Type/Length pair) runs past len;
 *   MS_EBAD_OPTLEN   a typed option has a Length its RFC forbids (SLLA/TLLA
 *                    != 1 (Ethernet), PI != 4, MTU/Adv. Interval/HA Info != 1).
 * Options of types the enclosing message does not use are decoded all the
 * same (RFC 4861 s6.1.1 etc.: their contents are ignored, the message is not
 * dropped); the caller ignores them. */
int ms_nd_opts_decode(const uint8_t *msg, size_t len, size_t opts_off, struct ms_nd_opts *out);

/* Octets ms_nd_opts_encode() writes (always a multiple of 8). */
size_t ms_nd_opts_len(const struct ms_nd_opts *o);

/* Writes the options in this order: SLLA, TLLA, PI..., MTU, Advertisement
 * Interval, HA Information, raw..., Redirected Header.  Returns the octets
 * written; -EMSGSIZE when cap is too small; -EINVAL when n_pi/n_raw exceed
 * their arrays, a raw option has len8 outside 1..8 or a typed type, or rh.len
 * exceeds MS_ND_OPT_RH_MAX. */
int ms_nd_opts_encode(const struct ms_nd_opts *o, uint8_t *buf, size_t cap);

/* Log text ("slla=02:00:00:00:00:01 pi=2001:db8::/64,LA,v=86400,p=14400"),
 * snprintf semantics. */
int ms_nd_opts_format(const struct ms_nd_opts *o, char *buf, size_t cap);

#endif
