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
 * (type 0) is a single octet with neither Length nor Data.
 *
 * Which options are kept (struct ms_mh_opts):
 *   - Binding Refresh Advice (s6.2.4), Alternate Care-of Address (s6.2.5),
 *     Nonce Indices (s6.2.6), Binding Authorization Data (s6.2.7): decoded
 *     into named fields, flagged in `present` (MS_MH_OPTS_*).
 *   - Any other option type (unknown to this codec, e.g. MN-ID, MH-LLA until
 *     the FMIPv6 issue adds them): kept raw, in order, up to
 *     MS_MH_OPTS_RAW_MAX options of at most MS_MH_OPT_RAW_DATA_MAX data octets
 *     each, so that they round-trip.  Options beyond that are skipped
 *     (RFC 6275 s6.2.1: unrecognized options are ignored) and flagged in
 *     `diag` (MS_MH_DIAG_RAW_DROPPED).
 *   - Pad1/PadN are not kept: the encoder regenerates all padding.
 *
 * Alignment (RFC 6275 s6.2, "xn+y" = the Option Type octet sits at an offset
 * from the start of the Mobility Header that is a multiple of x plus y):
 *   BRA 2n, Alternate CoA 8n+6, Nonce Indices 2n, BAD 8n+2 and LAST with no
 *   trailing padding.  Raw options are written unaligned (alignment of an
 *   unknown option is unknown).  The encoder places BAD so that it ends the
 *   MH (the MUST of s6.2); for the 12- and 20-octet authenticators (any
 *   length 8n+4) that is exactly 8n+2.  Other lengths cannot meet both
 *   rules: the encoder keeps "last, no trailing padding" and the decoder
 *   flags MS_MH_DIAG_MISALIGNED.
 *
 * Encoder order: Alternate CoA, Nonce Indices, BRA, raw options in array
 * order, then BAD last.  Padding: one Pad1 for a single octet, PadN (zero
 * data) for two or more.
 *
 * These functions work on the options area only; ms_mh_encode/decode (mh.h)
 * call them.  `start_off` is the offset of the options area from the first
 * octet of the Mobility Header (the MH itself is 8-octet aligned, RFC 6275
 * s6.1.1), needed because alignment is relative to the start of the header.
 */
#ifndef MIPSIM_WIRE_MH_OPT_H
#define MIPSIM_WIRE_MH_OPT_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#include "wire/codepoints.h"

/* Bits of ms_mh_opts.present. */
#define MS_MH_OPTS_BRA 0x01u     /* refresh_s */
#define MS_MH_OPTS_ALT_COA 0x02u /* alt_coa */
#define MS_MH_OPTS_NONCE 0x04u   /* home_nonce_index, careof_nonce_index */
#define MS_MH_OPTS_BAD 0x08u     /* auth_len, auth */

/* Bits of ms_mh_opts.diag: set by the decoder only, ignored by the encoder.
 * None of them makes decode fail (receivers are liberal); logs and the
 * dissector's expert info report them. */
#define MS_MH_DIAG_MISALIGNED 0x01u  /* a known option broke its xn+y rule (RFC 6275 s6.2) */
#define MS_MH_DIAG_RAW_DROPPED 0x02u /* unknown option skipped: too many or too long to keep */
#define MS_MH_DIAG_DUP_OPT 0x04u     /* a known option appeared twice; the first is kept */
#define MS_MH_DIAG_PAD_NONZERO 0x08u /* PadN data not zero (RFC 6275 s6.2.3) */

/* Limits. */
#define MS_MH_OPTS_RAW_MAX 4
#define MS_MH_OPT_RAW_DATA_MAX 32
#define MS_MH_BAD_AUTH_MAX 20     /* octets; full HMAC-SHA1 */
#define MS_MH_BAD_AUTH_DEFAULT 12 /* RFC 6275 s6.2.7: First (96, HMAC_SHA1(...)) */

/* Largest value the 16-bit 4-second Refresh Interval can carry (s6.2.4). */
#define MS_MH_BRA_REFRESH_MAX_S (0xFFFFu * 4u)

/* An option this codec does not interpret, kept verbatim. */
struct ms_mh_opt_raw {
    uint8_t type; /* never Pad1, PadN, BRA, Alt CoA, Nonce Indices or BAD */
    uint8_t len;  /* data octets, 0..MS_MH_OPT_RAW_DATA_MAX */
    uint8_t data[MS_MH_OPT_RAW_DATA_MAX];
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
};

/* Octets the options area takes when it starts at start_off (offset from the
 * start of the MH) and must end on an 8-octet boundary: options plus all
 * alignment padding.  0 when nothing needs writing (no options and start_off
 * already a multiple of 8).  Returns (size_t)-1 if the struct is not
 * encodable (see ms_mh_opts_encode). */
size_t ms_mh_opts_len(const struct ms_mh_opts *o, size_t start_off);

/* Writes the options area at buf (which is MH + start_off), padded so that
 * start_off + result is a multiple of 8.  Returns octets written, -EMSGSIZE
 * when cap is too small, -EINVAL for a struct that cannot be encoded
 * (auth_len > MS_MH_BAD_AUTH_MAX, a raw option with len > 32 or with the type
 * of a padding or interpreted option, n_raw > MS_MH_OPTS_RAW_MAX). */
int ms_mh_opts_encode(const struct ms_mh_opts *o, size_t start_off, uint8_t *buf, size_t cap);

/* Decodes the options area p[0..len) that starts at start_off in the MH.
 * Fills *out completely (zeroed first).  Returns 0 or:
 *   MS_ETRUNC         an option's Length octet lies past the end
 *   MS_EOPT_OVERRUN   an option's data runs past the end
 *   MS_EBAD_OPTLEN    wrong length for BRA (2), Alt CoA (16), Nonce Indices
 *                     (4), or BAD longer than MS_MH_BAD_AUTH_MAX
 *   MS_EZERO_OPTLEN   BAD with Option Length 0
 *   MS_EBADF_NOT_LAST anything (padding included) after the BAD option
 * Alignment violations, duplicates and overflowing unknown options only set
 * out->diag. */
int ms_mh_opts_decode(const uint8_t *p, size_t len, size_t start_off, struct ms_mh_opts *out);

/* Finds the Authenticator of the BAD option in the options area p[0..len):
 * *auth_off is relative to p.  Returns 0, -ENOENT when there is no BAD
 * option, or a decode error as above. */
int ms_mh_opts_bad_find(const uint8_t *p, size_t len, size_t *auth_off, size_t *auth_len);

/* Appends " name=value" words for each option to buf (snprintf semantics:
 * returns the length the full text needs; buf is always terminated when
 * cap > 0).  Empty when no options. */
int ms_mh_opts_format(const struct ms_mh_opts *o, char *buf, size_t cap);

/* Field-by-field equality of what the encoder would send (diag ignored; raw
 * data compared up to len; absent options' fields ignored).  For tests,
 * fuzzers and retransmission checks. */
int ms_mh_opts_equal(const struct ms_mh_opts *a, const struct ms_mh_opts *b);

#endif
