/* mipsim layer-2 event frames (EtherType MS_ETHERTYPE_L2EV, 0x88B5, IEEE
 * 802 local experimental).  Full specification: docs/L2-EVENTS.md.  The
 * events are the RFC 5184 abstractions (Link Up s5.1, Link Down s5.2, Link
 * Going Down s5.3, handover start s5.5).
 *
 * Payload:
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  Version = 1  |  Event Type   |            Length             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |   TLV Type    |  TLV Length   |  Value ...                    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   .   more TLVs ..., then zero padding up to 46 octets              .
 *
 * Length: octets of TLVs after the 4-octet header.  TLVs (MS_L2EV_TLV_*):
 *   MN_MAC (1)       6 octets
 *   AP_ID (2)        1..32 octets of UTF-8, no NUL
 *   TARGET_AP_ID (3) 1..32 octets of UTF-8, no NUL
 *   LINK_TYPE (4)    1 octet: enum ms_l2ev_profile
 *   TIME_NS (5)      8 octets, unsigned big-endian, <= INT64_MAX: ns until
 *                    the expected event (Link Going Down)
 * Unknown TLVs (any length, zero included) are skipped.
 *
 * The frame goes from the AP's MAC (BSSID-like) to ff:ff:ff:ff:ff:ff.
 */
#ifndef MIPSIM_WIRE_L2EV_H
#define MIPSIM_WIRE_L2EV_H

#include <stddef.h>
#include <stdint.h>

#include "wire/eth.h"

#define MS_L2EV_VERSION 1
#define MS_L2EV_HLEN 4
#define MS_L2EV_AP_ID_MAX 32

/* Link profiles: enum ms_l2ev_profile in codepoints.h. */
#define MS_L2EV_PROFILE_MAX MS_L2EV_PROFILE_CDMA3G

/* present bits: MS_L2EV_HAS(MS_L2EV_TLV_AP_ID) ... */
#define MS_L2EV_HAS(tlv) (1u << (tlv))

struct ms_l2ev {
    uint8_t type;          /* MS_L2EV_LINK_UP ... (enum ms_l2ev_type) */
    struct ms_mac mn;      /* MN_MAC */
    char ap_id[33];        /* AP_ID, NUL-terminated */
    char target_ap_id[33]; /* TARGET_AP_ID, NUL-terminated */
    uint8_t link_profile;  /* LINK_TYPE: enum ms_l2ev_profile */
    int64_t time_ns;       /* TIME_NS, >= 0 */
    uint32_t present;      /* MS_L2EV_HAS(tlv) for each TLV carried */
};

/* Decodes the payload (after the Ethernet header; trailing padding
 * allowed).  Returns 0, MS_ETRUNC (len < 4 or 4 + Length > len),
 * MS_EBAD_VERSION, MS_EUNKNOWN_TYPE (Event Type not in MS_L2EV_TYPE_MAP),
 * MS_EOPT_OVERRUN (TLV crosses Length), MS_EZERO_OPTLEN (known TLV with
 * length 0), MS_EBAD_OPTLEN (known TLV with a wrong length),
 * MS_EBAD_FIELD (AP ID not UTF-8 or with NUL, profile > 3, time > INT64_MAX),
 * MS_EDUP_OPT (known TLV twice). */
int ms_l2ev_decode(const uint8_t *p, size_t len, struct ms_l2ev *out);
/* Writes the payload: header, the TLVs flagged in present in TLV-number
 * order, zero padding to MS_ETH_MIN_PAYLOAD.  Returns octets written,
 * -EMSGSIZE, MS_EUNKNOWN_TYPE, or MS_EBAD_FIELD (AP ID empty, too long or
 * not UTF-8, profile > 3, negative time). */
int ms_l2ev_encode(const struct ms_l2ev *in, uint8_t *buf, size_t cap);
/* Octets ms_l2ev_encode writes (padding included). */
size_t ms_l2ev_len(const struct ms_l2ev *in);
/* "link-going-down mn 02:..:01 ap ap1 target ap2 profile 1 in 50000000ns". */
int ms_l2ev_format(const struct ms_l2ev *in, char *buf, size_t cap);

/* Whole Ethernet frame: dst (normally broadcast), src (the AP's MAC),
 * EtherType L2EV, padded payload.  Returns octets written or an encode
 * error. */
int ms_l2ev_frame_encode(const struct ms_mac *dst, const struct ms_mac *src,
                         const struct ms_l2ev *in, uint8_t *buf, size_t cap);
/* Decodes the Ethernet header and the payload.  eth may be NULL.  Returns
 * 0, an error of ms_eth_decode / ms_l2ev_decode, or MS_EBAD_PROTO when the
 * EtherType is not MS_ETHERTYPE_L2EV. */
int ms_l2ev_frame_decode(const uint8_t *p, size_t len, struct ms_eth *eth, struct ms_l2ev *out);

#endif
