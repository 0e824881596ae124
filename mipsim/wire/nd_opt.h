/* Neighbor Discovery options (RFC 4861 s4.6) and every option the MIPSHOP
 * protocols add to that space, decoded into one struct shared by every
 * message that carries ND-format options: RS, RA, NS, NA, Redirect
 * (wire/nd.h), Mobile Prefix Solicitation/Advertisement (wire/icmp6.h) and
 * the FMIPv6 RtSolPr, PrRtAdv and ICMP-form HI/HAck (wire/icmp6_fmip.h).
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
 * Families and where they live:
 *   nd_opt.c       RFC 4861 s4.6 (1-5), RFC 6275 s7.2-7.4 (PI R flag, 7, 8),
 *                  the option walk, raw options, encode order, formatting;
 *   nd_opt_fmip.c  FMIPv6 17 IP Address(/Prefix), 18 New Router Prefix
 *                  Information, 19 Link-Layer Address, 20 NAACK, and the
 *                  variant check ms_nd_opts_fmip_check();
 *   nd_opt_send.c  SEND 11 CGA, 12 RSA Signature, 13 Timestamp, 14 Nonce,
 *                  15 Trust Anchor, 16 Certificate (RFC 3971, RFC 3972) and
 *                  the FMIPv6 handover keys 27/28 (RFC 5269);
 *   nd_opt_misc.c  HMIPv6 23 MAP (RFC 5380 s5 / RFC 4140 s5), RFC 5271 29
 *                  Handover Assist Information and 30 Mobile Node Identifier.
 *
 * How struct ms_nd_opts grows: an option kind that appears at most once gets
 * a field plus a bit in `present` (bit number = option type, so all types up
 * to 31 fit); a kind that may repeat gets an array and a count, like pi[].
 * Then one case in nd_opt.c's decode switch, one writer in its encode list
 * and one line in ms_nd_opts_format.  Until a type has typed support it lands
 * in raw[] and still round-trips, so adding typed support changes no caller.
 *
 * Size.  The stack decodes one struct ms_nd per received ND packet on the C
 * stack, so struct ms_nd_opts stays small (about 1.4 KiB; nd.c asserts that
 * struct ms_nd stays within 4 KiB): every field has a small fixed bound.  The
 * large SEND and handover-key payloads (public keys, signatures, names,
 * certificates, encrypted keys; up to a few hundred octets each) live in a
 * separate struct ms_nd_sec that only a caller doing SEND provides, through
 * ms_nd_opts_decode_sec() / ms_nd_decode_sec() / ms_icmp6_fmip_decode().
 * Without it those six options are framed (Length checked) and skipped,
 * counted in n_dropped, as a node without SEND ignores them (RFC 3971 s8).
 */
#ifndef MIPSIM_WIRE_ND_OPT_H
#define MIPSIM_WIRE_ND_OPT_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wire/codepoints.h"
#include "wire/eth.h"
#include "wire/fmip_variant.h"

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

/* --- FMIPv6 neighborhood options, in wire order (nd_opt_fmip.c) ------------
 *
 * Options 17, 18, 19 and 29 share one array in the order they appear,
 * because a PrRtAdv pairs them into tuples by position (RFC 5568 s6.1.2:
 * "[AP-ID, AR-Info] tuple(s)": New AP LLA, NAR LLA, NAR IP address, NAR
 * prefix, repeated), and RFC 5271 s6.1 lets option 29 replace the New AP
 * LLA.  Encode writes them back in array order.
 *
 * 17, RFC 5568 s6.4.1 (RFC 4068 s6.4.1 "IP Address", the same layout) and
 * 18, RFC 4068 s6.4.2 New Router Prefix Information (Option-Code 0):
 *   | Type=17/18 | Length=3 | Option-Code | Prefix Length |
 *   | Reserved (32) | IPv6 Address / Prefix (128) |
 * 19, RFC 5568 s6.4.3 / RFC 4068 s6.4.3:
 *   | Type=19 | Length | Option-Code | LLA ... padding to 8n |
 * 29, RFC 5271 s6.1:
 *   | Type=29 | Length | Option-Code | HAI-Length | HAI-Value ... padding to 8n |
 *
 * The LLA option has no length of its own (s6.4.3: "implementations must
 * consult the specific link layer"), so decode keeps every octet after the
 * Option-Code, padding included: an Ethernet LLA (Length 2) decodes as 13
 * octets, the MAC then 7 zero octets.  Encode writes len octets and pads, so
 * len 6 and len 13 give the same bytes.  ms_nd_opt_fmip_mac() reads a MAC. */
#define MS_ND_OPTS_MAX_FMIP 24u /* six PrRtAdv tuples of four */
#define MS_ND_OPT_LLA_MAX 21u   /* Length <= 3: 24 octets less Type, Length, Option-Code */
#define MS_ND_OPT_HAI_MAX 20u   /* Length <= 3: 24 octets less the 4-octet header */

struct ms_nd_opt_fmip {
    uint8_t type;       /* MS_ND_OPT_IP_ADDR_PREFIX, _NEW_ROUTER_PREFIX, _LLA, _HANDOVER_ASSIST */
    uint8_t code;       /* Option-Code: MS_IPADDR_* (17), 0 (18), MS_LLA_* (19), MS_HAI_* (29) */
    uint8_t prefix_len; /* 17, 18: Prefix Length (0..128; not checked) */
    uint8_t len;        /* 19: octets of u.b (LLA and padding); 29: HAI-Length */
    union {
        struct in6_addr addr; /* 17, 18 */
        uint8_t b[24];        /* 19: LLA (<= MS_ND_OPT_LLA_MAX); 29: value (<= _HAI_MAX) */
    } u;
};

/* 20, RFC 5568 s6.4.6 (RFC 4068 s6.4.5, RFC 5268 s6.5.5):
 *   | Type=20 | Length | Option-Code | Status | / Reserved (32) / [ NCoA (128) ]
 * "The length is 1 when a new CoA is not supplied.  The length is 3 when a
 * new CoA is present (immediately following the Reserved field)".  Length 3
 * is 24 octets, room for a bare 16-octet address and not for a whole IP
 * Address option (24 octets itself), so mipsim reads the words "in the form
 * of an IP Address Option" (Status 2) as describing the content, not the
 * framing: the NCoA is the bare address.  docs/WIRE-VARIANTS.md. */
struct ms_nd_opt_naack {
    uint8_t code;   /* Option-Code (0); kept as received */
    uint8_t status; /* MS_NAACK_* (RFC 5568/5268) or MS_NAACK4068_* (RFC 4068) */
    bool has_ncoa;  /* Length 3 */
    struct in6_addr ncoa;
};

/* --- HMIPv6 and RFC 5271 options (nd_opt_misc.c) ---------------------------
 *
 * 23, RFC 5380 s5 (the same layout in RFC 4140 s5):
 *   | Type=23 | Length=3 | Dist(4) | Pref(4) |R| Reserved(7) |
 *   | Valid Lifetime (32, s) | Global IP Address for MAP (128) |
 * An RA may carry several (one per MAP; RFC 5380 s6.1.1). */
#define MS_ND_OPTS_MAX_MAP 4u

struct ms_nd_opt_map {
    uint8_t dist;     /* 4 bits; 0 "MUST NOT be used" (not enforced by the codec) */
    uint8_t pref;     /* 4 bits; 15 = highest */
    uint8_t flags;    /* the whole octet: MS_MAP_F_R; Reserved bits kept as is */
    uint32_t valid_s; /* seconds; 0 = the MAP has failed (RFC 5380 s7.1) */
    struct in6_addr addr;
};

/* 30, RFC 5271 s6.2:
 *   | Type=30 | Length | Option-Code | MN ID-Length | MN ID ... padding to 8n |
 * An NAI longer than MS_ND_OPT_MNID_MAX (RFC 4282 s2.2: "at least 72
 * octets" must be supported) is skipped and counted in n_dropped. */
#define MS_ND_OPT_MNID_MAX 72u

struct ms_nd_opt_mnid {
    uint8_t code; /* MS_ND_MNID_NAI, MS_ND_MNID_IMSI */
    uint8_t len;  /* MN ID-Length, octets */
    uint8_t id[MS_ND_OPT_MNID_MAX];
};

/* --- SEND (nd_opt_send.c) ---------------------------------------------------
 *
 * 14, RFC 3971 s5.3.2: | Type=14 | Length | Nonce (6 + 8n octets) |.  Kept in
 * struct ms_nd_opts (a reply must echo it: RFC 3971 s5.3.3, RFC 5269 s3.2). */
#define MS_ND_OPT_NONCE_MAX 30u /* Length <= 4 */

struct ms_nd_opt_nonce {
    uint8_t len; /* octets: 6, 14, 22 or 30 (Length * 8 - 2) */
    uint8_t b[MS_ND_OPT_NONCE_MAX];
};

/* Bounds of struct ms_nd_sec.  A DER SubjectPublicKeyInfo of an RSA-4096 key
 * is 550 octets, its signature 512; a longer field is skipped and counted in
 * n_dropped. */
#define MS_ND_SEC_KEY_MAX 600u     /* CGA public key, handover key encryption key */
#define MS_ND_SEC_CGA_EXT_MAX 128u /* CGA Parameters extension fields (RFC 4581) */
#define MS_ND_SEC_SIG_MAX 520u     /* RSA signature plus its padding */
#define MS_ND_SEC_HK_MAX 512u      /* encrypted handover key (RSAES-PKCS1-v1_5) */
#define MS_ND_SEC_NAME_MAX 256u    /* Trust Anchor name */
#define MS_ND_SEC_CERT_MAX 1536u   /* X.509v3 certificate */

/* 11, RFC 3971 s5.1, carrying the RFC 3972 s3 CGA Parameters:
 *   | Type=11 | Length | Pad Length | Reserved |
 *   | Modifier (16) | Subnet Prefix (8) | Collision Count (1) |
 *   | Public Key (DER SubjectPublicKeyInfo) | Extension Fields | Padding |
 * The key length comes from its DER header ("determined by the ASN.1
 * encoding"); what follows it, up to the padding, is the extension fields. */
struct ms_nd_opt_cga {
    uint8_t modifier[16];
    uint8_t subnet_prefix[8];
    uint8_t collision_count; /* 0, 1 or 2 (RFC 3972 s3; not checked) */
    uint16_t key_len;
    uint8_t key[MS_ND_SEC_KEY_MAX];
    uint16_t ext_len;
    uint8_t ext[MS_ND_SEC_CGA_EXT_MAX];
};

/* 12, RFC 3971 s5.2:
 *   | Type=12 | Length | Reserved (16) | Key Hash (128) | Digital Signature | Padding |
 * The option has no Pad Length: the signature's length is the key's modulus
 * length, which the codec cannot know.  Decode keeps everything after the Key
 * Hash (signature and padding, sig_len = Length * 8 - 20); a verifier uses
 * the first k octets for a k-octet modulus.  Encode writes sig_len octets and
 * pads with zeros. */
struct ms_nd_opt_rsa_sig {
    uint8_t key_hash[16];
    uint16_t sig_len;
    uint8_t sig[MS_ND_SEC_SIG_MAX];
    /* Decode only: offset of the option's Type octet in the message given to
     * the decoder.  The signature covers the message up to there (RFC 3971
     * s5.2, items 4-6), and options after it are ignored (s5.2.2). */
    size_t off;
};

/* 15, RFC 3971 s6.4.3: | Type=15 | Length | Name Type | Pad Length | Name | Padding | */
struct ms_nd_opt_trust_anchor {
    uint8_t name_type; /* MS_SEND_NAME_DER_X501, MS_SEND_NAME_FQDN */
    uint16_t name_len;
    uint8_t name[MS_ND_SEC_NAME_MAX];
};

/* 16, RFC 3971 s6.4.4: | Type=16 | Length | Cert Type | Reserved | Certificate | Padding |
 * No Pad Length either: the certificate's length comes from its DER header. */
struct ms_nd_opt_cert {
    uint8_t cert_type; /* MS_SEND_CERT_X509V3 */
    uint16_t cert_len;
    uint8_t cert[MS_ND_SEC_CERT_MAX];
};

/* 27, RFC 5269 s4.1: | Type=27 | Length | Pad Length | AT(4) Rsvd(4) |
 *   | Handover Key Encryption Public Key | Padding |
 * 28, RFC 5269 s4.2: | Type=28 | Length | Pad Length | AT(4) Rsvd(4) |
 *   | Key Lifetime (16, s) | Encrypted Handover Key | Padding |
 * AT is the FBU authentication algorithm; RFC 5269 defers its values to
 * RFC 5268, which assigns none, so it is kept as a plain 4-bit number. */
struct ms_nd_opt_hk_req {
    uint8_t at; /* 0..15 */
    uint16_t key_len;
    uint8_t key[MS_ND_SEC_KEY_MAX];
};

struct ms_nd_opt_hk_rep {
    uint8_t at;          /* 0..15 */
    uint16_t lifetime_s; /* HK-LIFETIME (RFC 5269 s3.7: 43200 s by default) */
    uint16_t key_len;
    uint8_t key[MS_ND_SEC_HK_MAX];
};

/* The large SEND payloads, in caller storage (about 4.3 KiB).  Each member
 * is valid when its option's bit is set in ms_nd_opts.present
 * (MS_ND_OPT_CGA, _RSA_SIG, _TRUST_ANCHOR, _CERTIFICATE, _HK_REQUEST,
 * _HK_REPLY).  Repeats are skipped (first one wins), as for other options. */
struct ms_nd_sec {
    struct ms_nd_opt_cga cga;
    struct ms_nd_opt_rsa_sig rsa_sig;
    struct ms_nd_opt_trust_anchor trust_anchor;
    struct ms_nd_opt_cert cert;
    struct ms_nd_opt_hk_req hk_req;
    struct ms_nd_opt_hk_rep hk_rep;
};

struct ms_nd_opts {
    /* Bit (1u << MS_ND_OPT_x) set when the single-instance option x is
     * present: SLLA, TLLA, REDIRECTED_HDR, MTU, ADV_INTERVAL, HA_INFO, NAACK,
     * MN_ID, TIMESTAMP, NONCE, and (with sec) CGA, RSA_SIG, TRUST_ANCHOR,
     * CERTIFICATE, HK_REQUEST, HK_REPLY.  Test it with ms_nd_opts_has(). */
    uint32_t present;
    struct ms_mac slla;               /* RFC 4861 s4.6.1, Ethernet (RFC 2464 s8): Length 1 */
    struct ms_mac tlla;               /* same */
    uint32_t mtu;                     /* RFC 4861 s4.6.4: bytes */
    uint32_t adv_interval_ms;         /* RFC 6275 s7.3: MaxRtrAdvInterval in milliseconds */
    struct ms_nd_opt_ha_info ha_info; /* RFC 6275 s7.4 */
    struct ms_nd_opt_rh rh;           /* RFC 4861 s4.6.3 */
    uint8_t n_pi;                     /* Prefix Information options, wire order */
    struct ms_nd_opt_pi pi[MS_ND_OPTS_MAX_PI];
    uint8_t n_fmip; /* options 17, 18, 19, 29, wire order */
    struct ms_nd_opt_fmip fmip[MS_ND_OPTS_MAX_FMIP];
    struct ms_nd_opt_naack naack; /* option 20 */
    uint8_t n_map;                /* option 23, wire order */
    struct ms_nd_opt_map map[MS_ND_OPTS_MAX_MAP];
    struct ms_nd_opt_mnid mnid; /* option 30 */
    /* Option 13, RFC 3971 s5.3.1: seconds since 1970-01-01 00:00 UTC in
     * 48.16 fixed point, as on the wire (lossless; see ms_nd_ts_from_ns). */
    uint64_t timestamp;
    struct ms_nd_opt_nonce nonce; /* option 14 */
    /* SEND payload storage: set by the *_decode_sec() decoders to the
     * caller's struct (NULL otherwise); read by encode for the six options
     * it holds (encode fails with -EINVAL when one is present and sec is
     * NULL).  Never points into decoded input. */
    struct ms_nd_sec *sec;
    uint8_t n_raw; /* unknown options, wire order */
    struct ms_nd_opt_raw raw[MS_ND_OPTS_MAX_RAW];
    /* Decode only: well-formed options that did not fit into this struct and
     * were skipped: repeats of a single-instance option (the first one wins,
     * as in Linux's ndisc_parse_options), Prefix Information past the 4th,
     * other arrays past their bound, fields longer than their bound, unknown
     * options past the 4th or longer than MS_ND_OPT_RAW_MAX, SEND payload
     * options decoded without sec, and (with sec) every option after the
     * first RSA Signature (RFC 3971 s5.2.2).  Encode ignores it. */
    uint8_t n_dropped;
};

static inline bool
ms_nd_opts_has(const struct ms_nd_opts *o, unsigned type)
{
    return type < 32 && (o->present & (1u << type)) != 0;
}

static inline void
ms_nd_opts_set(struct ms_nd_opts *o, unsigned type)
{
    if (type < 32)
        o->present |= 1u << type;
}

/* True for option types that have typed support in struct ms_nd_opts (these
 * must not appear in raw[]). */
bool ms_nd_opt_is_typed(uint8_t type);

/* Decodes the options in msg[opts_off..len) (RFC 4861 s4.6); msg is the whole
 * ICMPv6 message so that rh.off and rsa_sig.off are relative to it.  Zeroes
 * *out first.  Returns 0, or:
 *   MS_EZERO_OPTLEN  an option has Length 0 (RFC 4861 s4.6: "Nodes MUST
 *                    silently discard an ND packet that contains an option
 *                    with length zero");
 *   MS_EOPT_OVERRUN  an option (or its Type/Length pair) runs past len;
 *   MS_EBAD_OPTLEN   a typed option has a Length its RFC forbids (SLLA/TLLA
 *                    != 1 (Ethernet), PI != 4, MTU/Adv. Interval/HA Info != 1,
 *                    IP Address/Prefix, New Router Prefix, MAP != 3, NAACK not
 *                    1 or 3, Timestamp != 2; with sec: CGA < 4, RSA Sig. < 3);
 *   MS_EBAD_LEN      an inner length overruns its option (HAI-Length, MN
 *                    ID-Length);
 *   MS_EBAD_PAD      with sec: a Pad Length larger than the room after the
 *                    fixed fields (CGA, Trust Anchor, HK Request/Reply);
 *   MS_EBAD_FIELD    with sec: a CGA public key or a certificate without a
 *                    DER header that fits (RFC 3972 s3, RFC 3971 s6.4.4).
 * Options of types the enclosing message does not use are decoded all the
 * same (RFC 4861 s6.1.1 etc.: their contents are ignored, the message is not
 * dropped); the caller ignores them.  Option-Codes and Status values are not
 * checked here (ms_nd_opts_fmip_check() flags them per variant). */
int ms_nd_opts_decode(const uint8_t *msg, size_t len, size_t opts_off, struct ms_nd_opts *out);

/* The same, filling *sec (zeroed first) with the SEND payloads and setting
 * out->sec = sec; sec may be NULL (then exactly ms_nd_opts_decode). */
int ms_nd_opts_decode_sec(const uint8_t *msg, size_t len, size_t opts_off, struct ms_nd_opts *out,
                          struct ms_nd_sec *sec);

/* Octets ms_nd_opts_encode() writes (always a multiple of 8). */
size_t ms_nd_opts_len(const struct ms_nd_opts *o);

/* Writes the options in this order: SLLA, TLLA, MN-ID, fmip[] (17/18/19/29
 * in array order), NAACK, PI..., MTU, Advertisement Interval, HA Information,
 * MAP..., HK Request, HK Reply, Trust Anchor, Certificate, CGA,
 * Timestamp, Nonce, raw..., Redirected Header, RSA Signature (last, as RFC
 * 3971 s5.2.1 requires).  Pads every variable option with zeros to 8n and
 * fills the Pad Length fields.  Returns the octets written; -EMSGSIZE when
 * cap is too small; -EINVAL when a count exceeds its array, a raw option has
 * len8 outside 1..8 or a typed type, rh.len exceeds MS_ND_OPT_RH_MAX, a
 * length field exceeds its bound (LLA, HAI, MN-ID, SEND payloads), a nonce
 * length is not 6 + 8n, a 4-bit field (MAP Dist/Pref, AT) exceeds 15, or a
 * SEND payload option is present with sec NULL. */
int ms_nd_opts_encode(const struct ms_nd_opts *o, uint8_t *buf, size_t cap);

/* Log text ("slla=02:00:00:00:00:01 pi=2001:db8::/64,LA,v=86400,p=14400"),
 * snprintf semantics. */
int ms_nd_opts_format(const struct ms_nd_opts *o, char *buf, size_t cap);

/* --- FMIPv6 helpers (nd_opt_fmip.c, nd_opt_misc.c) ------------------------ */

/* Appends an entry to fmip[]; NULL when the array is full or len exceeds
 * the bound of that type.  ipaddr: type 17 (or 18 with code 0). */
struct ms_nd_opt_fmip *ms_nd_opts_add_ipaddr(struct ms_nd_opts *o, uint8_t type, uint8_t code,
                                             uint8_t prefix_len, const struct in6_addr *addr);
struct ms_nd_opt_fmip *ms_nd_opts_add_lla(struct ms_nd_opts *o, uint8_t code, const uint8_t *lla,
                                          size_t len);
struct ms_nd_opt_fmip *ms_nd_opts_add_hai(struct ms_nd_opts *o, uint8_t code, const uint8_t *value,
                                          size_t len);

/* The first fmip[] entry of this type and Option-Code at or after index
 * *from (NULL: from 0); NULL when none.  When from is not NULL it is set
 * past the returned entry, so a loop walks all matches. */
const struct ms_nd_opt_fmip *ms_nd_opts_find_fmip(const struct ms_nd_opts *o, uint8_t type,
                                                  uint8_t code, unsigned *from);

/* Copies the first 6 octets of an LLA entry as an Ethernet MAC.  0, or
 * MS_EBAD_LEN when the entry is not an LLA or holds fewer than 6 octets. */
int ms_nd_opt_fmip_mac(const struct ms_nd_opt_fmip *e, struct ms_mac *mac);

/* Variant-dependent anomalies: bits for a decoded message's `warn` field
 * (wire/icmp6_fmip.h) and for ms_nd_opts_fmip_check().  Decoders never
 * reject these; a dissector shows them, a role decides. */
enum ms_fmip_warn {
    MS_FMIP_WARN_TYPE = 0x0001,         /* ICMPv6 type 150 under RFC 5268/5568, or 154
                                         * under RFC 4068 */
    MS_FMIP_WARN_CODE = 0x0002,         /* ICMP Code undefined for this subtype in this
                                         * generation (PrRtAdv 5 on type 150, RtSolPr != 0,
                                         * HI > 1, HAck outside its table) */
    MS_FMIP_WARN_DEPRECATED = 0x0004,   /* ICMP-form HI/HAck under RFC 5568 (s11: replaced
                                         * by MH types 14/15) */
    MS_FMIP_WARN_OPT18 = 0x0008,        /* New Router Prefix Information (18) outside RFC
                                         * 4068: RFC 5568 App. C folded it into 17 code 4 */
    MS_FMIP_WARN_IPADDR_CODE = 0x0010,  /* 17 with Option-Code 4 under RFC 4068 (codes
                                         * 1-3 only), or outside 1-4; 18 with code != 0 */
    MS_FMIP_WARN_LLA_CODE = 0x0020,     /* 19 with Option-Code > 7 */
    MS_FMIP_WARN_NAACK_STATUS = 0x0040, /* NAACK Status 3/4 under RFC 4068, or undefined */
    MS_FMIP_WARN_NAACK_NCOA = 0x0080,   /* NAACK Status 2 without a supplied NCoA */
    MS_FMIP_WARN_OPT_CODE = 0x0100,     /* 29/30 Option-Code undefined, or NAACK
                                         * Option-Code != 0 */
    MS_FMIP_WARN_FLAGS = 0x0200,        /* ICMP HI with S set and Code 1 (RFC 5268 s6.2.1,
                                         * RFC 4068 s6.2.1: "MUST be 0 when Code = 1") */
};

/* The anomalies of the FMIPv6 and RFC 5271 options in o under generation
 * gen (MS_FMIP_WARN_OPT18 ... MS_FMIP_WARN_OPT_CODE bits; 0 = none). */
uint32_t ms_nd_opts_fmip_check(const struct ms_nd_opts *o, enum ms_fmip_variant gen);

/* Name of a NAACK Status under generation gen (RFC 4068 s6.4.5 or RFC 5568
 * s6.4.6), or NULL when gen does not define it. */
const char *ms_nd_naack_status_name(enum ms_fmip_variant gen, unsigned status);

/* --- SEND helpers (nd_opt_send.c) ----------------------------------------- */

/* RFC 3971 s5.3.1 timestamps: 48.16 fixed-point seconds <-> nanoseconds
 * since 1970.  to_ns saturates at INT64_MAX; from_ns takes ns >= 0 (a
 * negative value gives 0) and rounds up the fraction, so that
 * from_ns(to_ns(t)) == t for every t below the saturation point. */
int64_t ms_nd_ts_to_ns(uint64_t ts);
uint64_t ms_nd_ts_from_ns(int64_t ns);

/* --- Internal: shared by nd_opt.c and nd_opt_{fmip,send,misc}.c only ----- */

struct ms__nd_fmt {
    char *buf;
    size_t cap;
    size_t n;
};

__attribute__((format(printf, 2, 3))) void ms__nd_fmt_add(struct ms__nd_fmt *f, const char *fmt,
                                                          ...);

/* Per family: decode one option p[0..olen) found at offset off (Length
 * already checked non-zero and within the message); octets, checks, writers
 * (each writer fills a zeroed area its _len reserved and returns the end),
 * and formatting.  Types outside the family are not passed in. */
int ms__nd_fmip_decode(const uint8_t *p, size_t olen, struct ms_nd_opts *o);
size_t ms__nd_fmip_len(const struct ms_nd_opts *o);
int ms__nd_fmip_check(const struct ms_nd_opts *o);
uint8_t *ms__nd_fmip_encode(uint8_t *p, const struct ms_nd_opts *o);
uint8_t *ms__nd_naack_encode(uint8_t *p, const struct ms_nd_opts *o);
void ms__nd_fmip_format(struct ms__nd_fmt *f, const struct ms_nd_opts *o);
void ms__nd_naack_format(struct ms__nd_fmt *f, const struct ms_nd_opts *o);

int ms__nd_hai_decode(const uint8_t *p, size_t olen, struct ms_nd_opts *o);
size_t ms__nd_hai_olen(const struct ms_nd_opt_fmip *e);
uint8_t *ms__nd_hai_encode(uint8_t *p, const struct ms_nd_opt_fmip *e);
int ms__nd_misc_decode(const uint8_t *p, size_t olen, struct ms_nd_opts *o);
size_t ms__nd_misc_len(const struct ms_nd_opts *o);
int ms__nd_misc_check(const struct ms_nd_opts *o);
uint8_t *ms__nd_misc_encode(uint8_t *p, const struct ms_nd_opts *o);
uint8_t *ms__nd_mnid_encode(uint8_t *p, const struct ms_nd_opts *o);
void ms__nd_misc_format(struct ms__nd_fmt *f, const struct ms_nd_opts *o);

int ms__nd_send_decode(const uint8_t *p, size_t olen, size_t off, struct ms_nd_opts *o);
size_t ms__nd_send_len(const struct ms_nd_opts *o);
size_t ms__nd_rsa_sig_len(const struct ms_nd_opts *o);
int ms__nd_send_check(const struct ms_nd_opts *o);
uint8_t *ms__nd_send_encode(uint8_t *p, const struct ms_nd_opts *o);
uint8_t *ms__nd_rsa_sig_encode(uint8_t *p, const struct ms_nd_opts *o);
void ms__nd_send_format(struct ms__nd_fmt *f, const struct ms_nd_opts *o);

#endif
