/* Mobility options (RFC 6275 s6.2): the TLVs after the fixed part of every
 * Mobility Header message.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Option Type  | Option Length |   Option Data...
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * RFC 6275 s6.2.1: Option Length counts octets after Type and Length.  Pad1
 * (type 0) is a single octet with neither Length nor Data.  Three options
 * break that rule and the walker knows them (docs/WIRE-VARIANTS.md):
 *   - MH-LLA (7) under RFC 4068 s6.4.4: Length excludes the Option-Code too,
 *     so the option spans 3 + Length octets;
 *   - Multicast Mobility (60) and Multicast Acknowledgement (61), RFC 7411
 *     s5.3-5.4: Length counts 32-bit words after Type, Length, Option-Code
 *     and Reserved/Status, so the option spans 4 + 4 * Length octets;
 *   - BADF (21), RFC 5568 s6.4.5: "the length of the Authenticator" may or
 *     may not count the SPI; the decoder accepts both (see ms_mh_opts_decode).
 *
 * Which options are kept (struct ms_mh_opts), each flagged in `present`:
 *   RFC 6275: Binding Refresh Advice (s6.2.4), Alternate Care-of Address
 *     (s6.2.5), Nonce Indices (s6.2.6), Binding Authorization Data (s6.2.7).
 *   FMIPv6 (mh_opt_fmip.c): MH-LLA (7; RFC 5568 s6.4.4, RFC 4068 s6.4.4),
 *     MH IPv6 Address/Prefix (34; RFC 5568 s6.4.2, up to
 *     MS_MH_OPTS_IPADDR_MAX of them, in order), BADF (21; RFC 5568 s6.4.5),
 *     Multicast Mobility (60) and Multicast Acknowledgement (61) of RFC 7411
 *     (header fields decoded, report payload kept as raw octets in the blob).
 *   Enhanced Route Optimization (mh_opt_ero.c, RFC 4866 s5.1-5.6): CGA
 *     Parameters Request (11), CGA Parameters (12; several concatenated
 *     options reassembled into one structure), Signature (13), Permanent
 *     Home Keygen Token (14), Care-of Test Init (15), Care-of Test (16).
 *   Any other type: kept raw, in order, up to MS_MH_OPTS_RAW_MAX options of
 *     at most MS_MH_OPT_RAW_DATA_MAX data octets each, so that they
 *     round-trip.  Options beyond that are skipped (RFC 6275 s6.2.1:
 *     unrecognized options are ignored) and flagged MS_MH_DIAG_RAW_DROPPED.
 *   Pad1/PadN are not kept: the encoder regenerates all padding.
 *
 * Size: the variable-length payloads that can be large (CGA Parameters,
 * Signature, Permanent Home Keygen Token, the two multicast report payloads)
 * share one bounded buffer, `blob`, of MS_MH_OPTS_BLOB_MAX octets, so that
 * struct ms_mh_opts stays about 1.7 KiB and struct ms_mh under 2 KiB (mh.c
 * asserts it) for the roles that keep one on the stack.  Use
 * ms_mh_opts_blob_set/get to reach them.  A message whose large payloads
 * exceed the buffer still decodes: what does not fit is skipped and flagged
 * MS_MH_DIAG_OPT_DROPPED.
 *
 * Alignment (RFC 6275 s6.2, "xn+y" = the Option Type octet sits at an offset
 * from the start of the Mobility Header that is a multiple of x plus y):
 *   BRA 2n, Alternate CoA 8n+6, Nonce Indices 2n, BAD 8n+2 and LAST with no
 *   trailing padding; MH IPv6 Address/Prefix 8n+4 (RFC 5568 s6.4.2).  The
 *   decoder flags MS_MH_DIAG_MISALIGNED for those.  RFCs that give no rule:
 *   MH-LLA (RFC 5568 s6.4.4: "no alignment requirements"; under RFC 4068 the
 *   encoder uses 8n+6 so that a 6-octet address ends on an 8-octet
 *   boundary), BADF (last with no trailing padding, like BAD; 8n+6 with the
 *   12-octet default MAC), the RFC 4866 options (written back to back; CGA
 *   Parameters and Signature MUST be adjacent), multicast options (4n, from
 *   the RFC 7411 figures).  The decoder never flags those.  Raw options are
 *   written unaligned (alignment of an unknown option is unknown).  BAD and
 *   BADF end the MH (the MUST of s6.2 / RFC 5568 s6.4.5); for BAD lengths
 *   other than 8n+4 that cannot also be 8n+2: the encoder keeps "last, no
 *   trailing padding" and the decoder flags MS_MH_DIAG_MISALIGNED.
 *
 * Encoder order: Alternate CoA, Nonce Indices, BRA, MH-LLA, MH IPv6
 * Address/Prefix (array order), CGA Parameters Request, CGA Parameters
 * (split), Signature, Care-of Test Init (after CGA Parameters and Signature,
 * RFC 4866 s4.1), Permanent Home Keygen Token, Care-of Test (after the
 * PHKT, s4.3), Multicast Mobility, Multicast Acknowledgement, raw options in
 * array order, then BAD or BADF last.  Padding: one Pad1 for a single octet, PadN
 * (zero data) for two or more.
 *
 * These functions work on the options area only; ms_mh_encode/decode (mh.h)
 * call them.  `start_off` is the offset of the options area from the first
 * octet of the Mobility Header (the MH itself is 8-octet aligned, RFC 6275
 * s6.1.1), needed because alignment is relative to the start of the header.
 * The functions without _ex use MS_FMIP_RFC5568; the variant changes only
 * the MH-LLA layout.
 */
#ifndef MIPSIM_WIRE_MH_OPT_H
#define MIPSIM_WIRE_MH_OPT_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#include "wire/codepoints.h"
#include "wire/fmip_variant.h"

/* Bits of ms_mh_opts.present. */
#define MS_MH_OPTS_BRA 0x01u         /* refresh_s */
#define MS_MH_OPTS_ALT_COA 0x02u     /* alt_coa */
#define MS_MH_OPTS_NONCE 0x04u       /* home_nonce_index, careof_nonce_index */
#define MS_MH_OPTS_BAD 0x08u         /* auth_len, auth */
#define MS_MH_OPTS_LLA 0x10u         /* lla_code, lla_len, lla (MH option 7) */
#define MS_MH_OPTS_IPADDR 0x20u      /* n_ipaddr, ipaddr[] (MH option 34) */
#define MS_MH_OPTS_BADF 0x40u        /* badf_spi, badf_auth_len, badf_auth (21) */
#define MS_MH_OPTS_CGA_REQ 0x80u     /* CGA Parameters Request (11): no data */
#define MS_MH_OPTS_CGA 0x100u        /* CGA Parameters (12): blob MS_MH_BLOB_CGA */
#define MS_MH_OPTS_SIG 0x200u        /* Signature (13): blob MS_MH_BLOB_SIG */
#define MS_MH_OPTS_PHKT 0x400u       /* Permanent Home Keygen Token (14): blob MS_MH_BLOB_PHKT */
#define MS_MH_OPTS_COTI 0x800u       /* Care-of Test Init option (15): no data */
#define MS_MH_OPTS_COT 0x1000u       /* Care-of Test option (16): cot_token */
#define MS_MH_OPTS_MCAST 0x2000u     /* Multicast Mobility (60): mcast_code, blob */
#define MS_MH_OPTS_MCAST_ACK 0x4000u /* Multicast Ack (61): mcast_ack_code/status, blob */

/* Bits of ms_mh_opts.diag: set by the decoder only, ignored by the encoder.
 * None of them makes decode fail (receivers are liberal); logs and the
 * dissector's expert info report them. */
#define MS_MH_DIAG_MISALIGNED 0x01u  /* a known option broke its xn+y rule (RFC 6275 s6.2) */
#define MS_MH_DIAG_RAW_DROPPED 0x02u /* unknown option skipped: too many or too long to keep */
#define MS_MH_DIAG_DUP_OPT 0x04u     /* a known option appeared twice; the first is kept */
#define MS_MH_DIAG_PAD_NONZERO 0x08u /* PadN data or the RFC 4068 MH-LLA Pad0 not zero */
/* A known option skipped: more than MS_MH_OPTS_IPADDR_MAX option 34s, or a
 * large payload beyond the blob. */
#define MS_MH_DIAG_OPT_DROPPED 0x10u
/* RFC 4866 s4.2, s4.4: CGA Parameters not directly followed by Signature, or
 * a Signature without them. */
#define MS_MH_DIAG_ORDER 0x20u
/* The BADF Option Length counted the Authenticator only (the literal RFC 5568
 * s6.4.5 reading; mipsim writes SPI + Authenticator). */
#define MS_MH_DIAG_BADF_LEN_AUTH 0x40u

/* Limits. */
#define MS_MH_OPTS_RAW_MAX 4
#define MS_MH_OPT_RAW_DATA_MAX 32
#define MS_MH_BAD_AUTH_MAX 20        /* octets; full HMAC-SHA1 */
#define MS_MH_BAD_AUTH_DEFAULT 12    /* RFC 6275 s6.2.7: First (96, HMAC_SHA1(...)) */
#define MS_MH_LLA_MAX 16             /* link-layer address octets in an MH-LLA option */
#define MS_MH_OPTS_IPADDR_MAX 4      /* MH IPv6 Address/Prefix options kept per message */
#define MS_MH_BADF_AUTH_MAX 32       /* octets; full HMAC-SHA256 */
#define MS_MH_BADF_AUTH_DEFAULT 12   /* RFC 5568 s6.4.5: HMAC_SHA1, first 96 bits */
#define MS_MH_OPTS_BLOB_MAX 1280     /* all large payloads of one message together */
#define MS_MH_CGA_PARAMS_MAX 1024    /* reassembled CGA Parameters (RFC 4866 s5.1) */
#define MS_MH_OPT_DATA_MAX 255       /* one option's data: Signature, PHKT, one CGA piece */
#define MS_MH_MCAST_PAYLOAD_MAX 1020 /* RFC 7411 s5.3: 255 32-bit words */

/* Largest value the 16-bit 4-second Refresh Interval can carry (s6.2.4). */
#define MS_MH_BRA_REFRESH_MAX_S (0xFFFFu * 4u)

/* An option this codec does not interpret, kept verbatim. */
struct ms_mh_opt_raw {
    uint8_t type; /* never Pad1, PadN or a type this codec interprets */
    uint8_t len;  /* data octets, 0..MS_MH_OPT_RAW_DATA_MAX */
    uint8_t data[MS_MH_OPT_RAW_DATA_MAX];
};

/* Mobility Header IPv6 Address/Prefix option (RFC 5568 s6.4.2). */
struct ms_mh_opt_ipaddr {
    uint8_t code;       /* Option-Code: MS_IPADDR_OLD_COA, NEW_COA, NAR_ADDR, NAR_PREFIX */
    uint8_t prefix_len; /* 0..128 */
    struct in6_addr addr;
};

/* The large payloads kept in ms_mh_opts.blob. */
enum ms_mh_blob {
    MS_MH_BLOB_CGA,       /* CGA Parameters, reassembled (MS_MH_OPTS_CGA), <= 1024 */
    MS_MH_BLOB_SIG,       /* Signature (MS_MH_OPTS_SIG), 1..255 */
    MS_MH_BLOB_PHKT,      /* Permanent Home Keygen Token ciphertext (MS_MH_OPTS_PHKT), 1..255 */
    MS_MH_BLOB_MCAST,     /* Multicast Mobility report payload (MS_MH_OPTS_MCAST) */
    MS_MH_BLOB_MCAST_ACK, /* Multicast Ack unsupported-report payload (MS_MH_OPTS_MCAST_ACK) */
    MS_MH_BLOB__COUNT
};

/* Where one blob payload lies: blob[off, off + len). */
struct ms_mh_opt_span {
    uint16_t off;
    uint16_t len;
};

struct ms_mh_opts {
    uint32_t present; /* MS_MH_OPTS_* */
    uint32_t diag;    /* MS_MH_DIAG_*, decode output only */

    /* Binding Refresh Advice (RFC 6275 s6.2.4).  Seconds; the wire carries
     * 4-second units: encode rounds down and clamps at 0xFFFF units. */
    uint32_t refresh_s;

    /* Alternate Care-of Address (RFC 6275 s6.2.5). */
    struct in6_addr alt_coa;

    /* Nonce Indices (RFC 6275 s6.2.6). */
    uint16_t home_nonce_index;
    uint16_t careof_nonce_index;

    /* Binding Authorization Data (RFC 6275 s6.2.7).  auth_len is the
     * Authenticator length in octets (the Option Length), 1..MS_MH_BAD_AUTH_MAX.
     * On encode, auth_len 0 means MS_MH_BAD_AUTH_DEFAULT (12).  To sign, encode
     * with a zero authenticator and follow the recipe in mh.h
     * (ms_mh_bad_mobility_data). */
    uint8_t auth_len;
    uint8_t auth[MS_MH_BAD_AUTH_MAX];

    /* Options this codec does not interpret, in wire order. */
    uint8_t n_raw;
    struct ms_mh_opt_raw raw[MS_MH_OPTS_RAW_MAX];

    /* MH Link-Layer Address (RFC 5568 s6.4.4; RFC 4068 s6.4.4): Option-Code
     * (MS_LLA_MN = 2 is the only one defined) and 1..MS_MH_LLA_MAX octets. */
    uint8_t lla_code;
    uint8_t lla_len;
    uint8_t lla[MS_MH_LLA_MAX];

    /* MH IPv6 Address/Prefix options (RFC 5568 s6.4.2), in wire order:
     * 1..MS_MH_OPTS_IPADDR_MAX when MS_MH_OPTS_IPADDR is set. */
    uint8_t n_ipaddr;
    struct ms_mh_opt_ipaddr ipaddr[MS_MH_OPTS_IPADDR_MAX];

    /* Binding Authorization Data for FMIPv6 (RFC 5568 s6.4.5).  SPI 0 is
     * reserved for SEND-based handover keys (RFC 5269).  badf_auth_len is
     * 1..MS_MH_BADF_AUTH_MAX; 0 on encode means MS_MH_BADF_AUTH_DEFAULT.
     * Signing: as for BAD (mh.h), with the PAR's address as correspondent. */
    uint32_t badf_spi;
    uint8_t badf_auth_len;
    uint8_t badf_auth[MS_MH_BADF_AUTH_MAX];

    /* Care-of Test option (RFC 4866 s5.5): the care-of keygen token. */
    uint64_t cot_token;

    /* Multicast Mobility (RFC 7411 s5.3): Option-Code (MS_MCAST_*); the
     * report payload (a multiple of 4 octets, at least the 4-octet first
     * line) is blob MS_MH_BLOB_MCAST.  Reserved is sent as zero. */
    uint8_t mcast_code;
    /* Multicast Acknowledgement (RFC 7411 s5.4): Option-Code (0) and Status
     * (MS_MCAST_ACK_*); the payload is blob MS_MH_BLOB_MCAST_ACK. */
    uint8_t mcast_ack_code;
    uint8_t mcast_ack_status;

    /* The large payloads (enum ms_mh_blob).  Use ms_mh_opts_blob_set/get;
     * blob_used octets of blob are in use. */
    struct ms_mh_opt_span span[MS_MH_BLOB__COUNT];
    uint16_t blob_used;
    uint8_t blob[MS_MH_OPTS_BLOB_MAX];
};

/* Octets the options area takes when it starts at start_off (offset from the
 * start of the MH) and must end on an 8-octet boundary: options plus all
 * alignment padding.  0 when nothing needs writing (no options and start_off
 * already a multiple of 8).  Returns (size_t)-1 if the struct is not
 * encodable (see ms_mh_opts_encode). */
size_t ms_mh_opts_len(const struct ms_mh_opts *o, size_t start_off);
size_t ms_mh_opts_len_ex(const struct ms_mh_opts *o, size_t start_off, enum ms_fmip_variant v);

/* Writes the options area at buf (which is MH + start_off), padded so that
 * start_off + result is a multiple of 8.  Returns octets written, -EMSGSIZE
 * when cap is too small, -EINVAL for a struct that cannot be encoded:
 * auth_len > MS_MH_BAD_AUTH_MAX, badf_auth_len > MS_MH_BADF_AUTH_MAX, both BAD
 * and BADF (each must be last), a raw option with len > 32 or with the type of
 * a padding or interpreted option, n_raw > MS_MH_OPTS_RAW_MAX, MH-LLA with
 * lla_len 0 or > MS_MH_LLA_MAX, MS_MH_OPTS_IPADDR with n_ipaddr 0 or >
 * MS_MH_OPTS_IPADDR_MAX or a prefix_len > 128, a present blob payload that
 * is empty, longer than its bound or outside the blob, a multicast payload
 * whose length is not a multiple of 4, an invalid variant.
 *
 * The BADF Option Length is written as 4 + Authenticator length (the SPI
 * counts, RFC 6275 s6.2.1).  CGA Parameters longer than 255 octets are split
 * into several options, each but the last exactly 255 octets (RFC 4866
 * s5.1), directly followed by the Signature when there is one. */
int ms_mh_opts_encode(const struct ms_mh_opts *o, size_t start_off, uint8_t *buf, size_t cap);
int ms_mh_opts_encode_ex(const struct ms_mh_opts *o, size_t start_off, enum ms_fmip_variant v,
                         uint8_t *buf, size_t cap);

/* Decodes the options area p[0..len) that starts at start_off in the MH.
 * Fills *out completely (zeroed first).  Returns 0 or:
 *   MS_ETRUNC         an option's Length octet lies past the end
 *   MS_EOPT_OVERRUN   an option's data runs past the end
 *   MS_EBAD_OPTLEN    wrong length for BRA (2), Alt CoA (16), Nonce Indices
 *                     (4), MH IPv6 Address/Prefix (18), Care-of Test (8), CGA
 *                     Parameters Request and Care-of Test Init (0); BAD longer
 *                     than MS_MH_BAD_AUTH_MAX; MH-LLA with no address or more
 *                     than MS_MH_LLA_MAX octets; BADF with fewer than 4 octets
 *                     for the SPI or an Authenticator longer than
 *                     MS_MH_BADF_AUTH_MAX; a CGA Parameters option shorter
 *                     than 255 octets followed by another one (RFC 4866 s5.1)
 *   MS_EZERO_OPTLEN   BAD, BADF, MH-LLA, CGA Parameters, Signature, PHKT or a
 *                     multicast option with Option Length 0
 *   MS_EBADF_NOT_LAST anything (padding included) after the BAD or BADF option
 *   MS_EDUP_OPT       a second, non-adjacent run of CGA Parameters options
 *   MS_EBAD_FIELD     MH IPv6 Address/Prefix with Prefix Length > 128
 * BADF: the Option Length is read as SPI + Authenticator (RFC 6275 s6.2.1)
 * when that makes the option end the area, else as the Authenticator alone
 * (RFC 5568 s6.4.5 literally) when that does, flagged
 * MS_MH_DIAG_BADF_LEN_AUTH; neither: MS_EBADF_NOT_LAST.
 * Alignment violations, duplicates, ordering and overflowing options only set
 * out->diag. */
int ms_mh_opts_decode(const uint8_t *p, size_t len, size_t start_off, struct ms_mh_opts *out);
int ms_mh_opts_decode_ex(const uint8_t *p, size_t len, size_t start_off, enum ms_fmip_variant v,
                         struct ms_mh_opts *out);

/* Finds the Authenticator of the BAD or BADF option in the options area
 * p[0..len): *auth_off is relative to p (for BADF, after the SPI, so that
 * the SPI is authenticated).  Returns 0, -ENOENT when there is neither, or a
 * decode error as above. */
int ms_mh_opts_bad_find(const uint8_t *p, size_t len, size_t *auth_off, size_t *auth_len);
int ms_mh_opts_bad_find_ex(const uint8_t *p, size_t len, enum ms_fmip_variant v, size_t *auth_off,
                           size_t *auth_len);

/* Stores a large payload (copies data[0..len), which must not point into
 * o->blob) and sets its `present` bit, replacing a previous one; len 0
 * removes it and clears the bit.  A `present` bit set by hand without a
 * stored payload counts as absent.  Returns 0, -EINVAL when len exceeds the
 * payload's bound (MS_MH_CGA_PARAMS_MAX, MS_MH_OPT_DATA_MAX,
 * MS_MH_MCAST_PAYLOAD_MAX) or which is invalid, -ENOSPC when the blob is
 * full (the struct is then unchanged). */
int ms_mh_opts_blob_set(struct ms_mh_opts *o, enum ms_mh_blob which, const uint8_t *data,
                        size_t len);

/* The payload and its length, or NULL (and *len = 0) when absent. */
const uint8_t *ms_mh_opts_blob_get(const struct ms_mh_opts *o, enum ms_mh_blob which, size_t *len);

/* Appends one MH IPv6 Address/Prefix option and sets MS_MH_OPTS_IPADDR.
 * Returns 0, -ENOSPC when MS_MH_OPTS_IPADDR_MAX are there, -EINVAL for a
 * prefix_len > 128. */
int ms_mh_opts_add_ipaddr(struct ms_mh_opts *o, uint8_t code, uint8_t prefix_len,
                          const struct in6_addr *addr);

/* The first MH IPv6 Address/Prefix option with that Option-Code, or NULL. */
const struct ms_mh_opt_ipaddr *ms_mh_opts_find_ipaddr(const struct ms_mh_opts *o, uint8_t code);

/* Appends " name=value" words for each option to buf (snprintf semantics:
 * returns the length the full text needs; buf is always terminated when
 * cap > 0).  Empty when no options. */
int ms_mh_opts_format(const struct ms_mh_opts *o, char *buf, size_t cap);

/* Field-by-field equality of what the encoder would send (diag ignored; raw
 * data and blob payloads compared by content; absent options' fields
 * ignored).  For tests, fuzzers and retransmission checks. */
int ms_mh_opts_equal(const struct ms_mh_opts *a, const struct ms_mh_opts *b);

/* ---- Internal to mh_opt.c, mh_opt_fmip.c, mh_opt_ero.c. ---- */

/* Octets to add at absolute offset off so that the next option's Type octet
 * sits at xn+y (y < x). */
size_t ms__mh_opt_pad_for(size_t off, size_t x, size_t y);
/* Writes n octets of padding at b (Pad1 or PadN); nothing when b is NULL. */
void ms__mh_opt_put_pad(uint8_t *b, size_t n);
/* Appends printf output at buf + *n (snprintf semantics), advancing *n. */
void ms__mh_opt_app(char *buf, size_t cap, size_t *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Records a known option's presence bit, or flags it as a duplicate (the
 * first is kept): 1 when this is the first, 0 when a duplicate. */
int ms__mh_opt_first(struct ms_mh_opts *out, uint32_t bit);
/* Sets MS_MH_DIAG_MISALIGNED unless abs is xn+y. */
void ms__mh_opt_check_align(struct ms_mh_opts *out, size_t abs, size_t x, size_t y);

/* State of one walk over an options area, for the rules that span options. */
struct ms__mh_opt_walk {
    enum ms_fmip_variant variant;
    int prev_type;        /* Type of the previous option (Pad1 included), -1 at start */
    uint8_t cga_run;      /* 0 no CGA Parameters yet, 1 in the run, 2 run ended */
    uint8_t cga_prev_len; /* Option Length of the previous CGA Parameters option */
    uint8_t cga_dropped;  /* the reassembled structure did not fit */
};

/* Octets of data after Type and Length that an option of type t with Option
 * Length olen spans (mh_opt_fmip.c: MH-LLA under RFC 4068 and the RFC 7411
 * options), or olen for every other type. */
size_t ms__mh_opt_fmip_extent(uint8_t t, uint8_t olen, enum ms_fmip_variant v);

/* Decoders of one option: d = its data (dlen octets per the extent above),
 * olen the Option Length octet, abs the absolute offset of its Type octet.
 * Each returns 1 when it owns type t (and then 0 or an error via *rc), 0
 * when t is not one of its types. */
int ms__mh_opt_fmip_decode(uint8_t t, const uint8_t *d, size_t dlen, uint8_t olen, size_t abs,
                           struct ms__mh_opt_walk *w, struct ms_mh_opts *out, int *rc);
int ms__mh_opt_ero_decode(uint8_t t, const uint8_t *d, size_t dlen, size_t abs,
                          struct ms__mh_opt_walk *w, struct ms_mh_opts *out, int *rc);
/* Called on every option (Pad1/PadN included) before its decoder, and once
 * at the end with t = -1: enforces the CGA Parameters run rules.  Returns 0
 * or an error. */
int ms__mh_opt_ero_step(int t, uint8_t olen, struct ms__mh_opt_walk *w, struct ms_mh_opts *out);

/* BADF decode, with the Option Length reading chosen by the walker. */
int ms__mh_opt_badf_decode(const uint8_t *d, size_t dlen, int len_is_auth, struct ms_mh_opts *out);

/* Validation (0 or -EINVAL), layout (writes when buf is not NULL; returns
 * the new absolute offset), equality and format of each family's options.
 * buf is MH + start. */
int ms__mh_opt_fmip_validate(const struct ms_mh_opts *o);
size_t ms__mh_opt_fmip_layout(const struct ms_mh_opts *o, enum ms_fmip_variant v, size_t start,
                              size_t off, uint8_t *buf);
size_t ms__mh_opt_mcast_layout(const struct ms_mh_opts *o, size_t start, size_t off, uint8_t *buf);
size_t ms__mh_opt_badf_layout(const struct ms_mh_opts *o, size_t start, size_t off, uint8_t *buf);
int ms__mh_opt_fmip_equal(const struct ms_mh_opts *a, const struct ms_mh_opts *b);
void ms__mh_opt_fmip_format(const struct ms_mh_opts *o, char *buf, size_t cap, size_t *n);

int ms__mh_opt_ero_validate(const struct ms_mh_opts *o);
size_t ms__mh_opt_ero_layout(const struct ms_mh_opts *o, size_t start, size_t off, uint8_t *buf);
int ms__mh_opt_ero_equal(const struct ms_mh_opts *a, const struct ms_mh_opts *b);
void ms__mh_opt_ero_format(const struct ms_mh_opts *o, char *buf, size_t cap, size_t *n);

/* Blob helpers: the present bit of a blob payload, its bound, and whether
 * the span lies inside the used blob. */
uint32_t ms__mh_blob_bit(enum ms_mh_blob which);
size_t ms__mh_blob_max(enum ms_mh_blob which);
int ms__mh_blob_ok(const struct ms_mh_opts *o, enum ms_mh_blob which);
/* Decoder side: appends data to the blob as the payload which (which must
 * not be present yet, or be the last payload appended, for the CGA
 * reassembly).  Returns 0 or -ENOSPC (nothing appended). */
int ms__mh_blob_append(struct ms_mh_opts *o, enum ms_mh_blob which, const uint8_t *d, size_t n);

#endif
