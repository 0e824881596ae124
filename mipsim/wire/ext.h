/* IPv6 extension headers: Hop-by-Hop and Destination Options (RFC 8200 s4.2,
 * s4.3, s4.6), the Home Address option (RFC 6275 s6.3), Routing headers
 * (RFC 8200 s4.4) and the Type 2 Routing Header (RFC 6275 s6.4), the
 * Fragment header (RFC 8200 s4.5), and a walker over the chain that reports
 * exactly the ICMPv6 Parameter Problem the RFCs require.
 *
 * OFFSETS.  Every offset in this header is counted from the first octet
 * after the fixed IPv6 header (the p given to ms_ext_walk), unless said
 * otherwise.  ICMPv6 Parameter Problem pointers (RFC 4443 s3.4) count from
 * the start of the IPv6 header: the stack sends MS_IP6_HLEN + icmp_pointer.
 *
 * Codecs are pure (no allocation, logging, globals) and never read past len.
 */
#ifndef MIPSIM_WIRE_EXT_H
#define MIPSIM_WIRE_EXT_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---------------------------------------------------------------------- */
/* Generic                                                                 */
/* ---------------------------------------------------------------------- */

/* True for the Next Header values the walker treats as extension headers:
 * Hop-by-Hop (0), Routing (43), Fragment (44), Destination Options (60).
 * AH and ESP are NOT walked: they are returned as the upper layer. */
bool ms_ext_is_ext(uint8_t nh);

/* Size in octets of the extension header of type nh starting at p:
 * (Hdr Ext Len + 1) * 8 for HBH/DO/Routing, 8 for Fragment, (Payload Len +
 * 2) * 4 for AH (RFC 4302 s2.2).  Returns the size, MS_ETRUNC when the
 * length octets or the header itself do not fit in len, MS_EUNKNOWN_NH
 * for any other nh. */
int ms_ext_hdr_size(const uint8_t *p, size_t len, uint8_t nh);

/* ---------------------------------------------------------------------- */
/* Hop-by-Hop and Destination Options headers (RFC 8200 s4.3, s4.6)       */
/* ---------------------------------------------------------------------- */
/*
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  Next Header  |  Hdr Ext Len  |                               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 *   .                            Options                            .
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   Hdr Ext Len: 8-octet units, not counting the first 8 octets.
 *
 * Options (RFC 8200 s4.2), TLV except Pad1 (a single zero octet):
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+- - - - - - - - -
 *   |  Option Type  |  Opt Data Len |  Option Data
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+- - - - - - - - -
 *
 * Padding rules enforced on decode (MS_EBAD_PAD), as RFC 8200 s4.2 asks of
 * senders and Linux enforces on receivers: PadN data octets are zero, and
 * no run of consecutive padding exceeds 7 octets (alignment never needs
 * more).
 */

/* Action for an unrecognized Option Type: its two high-order bits. */
enum ms_ext_opt_action {
    MS_EXT_OPT_SKIP = 0,               /* 00: skip, continue */
    MS_EXT_OPT_DISCARD = 1,            /* 01: discard silently */
    MS_EXT_OPT_DISCARD_ICMP = 2,       /* 10: discard, Param Problem code 2 always */
    MS_EXT_OPT_DISCARD_ICMP_UCAST = 3, /* 11: same, unless dst is multicast */
};
/* RFC 8200 s4.2: (type >> 6). */
enum ms_ext_opt_action ms_ext_opt_action(uint8_t type);
/* RFC 8200 s4.2: third-highest-order bit: option data may change en route. */
bool ms_ext_opt_may_change(uint8_t type);

#define MS_EXT_OPTS_MAX 8       /* non-padding options kept per header */
#define MS_EXT_OPT_DATA_MAX 255 /* Opt Data Len is one octet */

/* One non-padding option, kept raw so that unknown options round-trip. */
struct ms_ext_opt {
    uint8_t type;
    uint8_t len; /* Opt Data Len, octets */
    uint8_t data[MS_EXT_OPT_DATA_MAX];
};

struct ms_ext_opthdr {
    uint8_t nh;                              /* Next Header */
    uint8_t nopts;                           /* entries used in opts[] */
    struct ms_ext_opt opts[MS_EXT_OPTS_MAX]; /* in wire order, padding dropped */
};

/* Decodes a HBH or Destination Options header occupying (Hdr Ext Len+1)*8
 * octets at p.  Pad1/PadN are validated and dropped; every other option is
 * kept (the codec does not judge recognition: see ms_ext_walk).  A Home
 * Address option must have Opt Data Len 16 (MS_EBAD_OPTLEN) and sit at
 * 8n+6 within the header (MS_EBAD_ALIGN).  Returns 0, or MS_ETRUNC (header
 * does not fit), MS_EOPT_OVERRUN (an option crosses the header end),
 * MS_EBAD_PAD, MS_EBAD_OPTLEN, MS_EBAD_ALIGN, MS_EDUP_OPT (two HAOs),
 * MS_EBAD_LEN (more than MS_EXT_OPTS_MAX options). */
int ms_ext_opthdr_decode(const uint8_t *p, size_t len, struct ms_ext_opthdr *out);
/* Lays the options out in order, each at its alignment (HAO 8n+6, others
 * none), with Pad1/PadN between them and at the end up to a multiple of 8.
 * Returns octets written, -EMSGSIZE, or MS_EBAD_OPTLEN for an HAO whose
 * len is not 16 / MS_EBAD_LEN when nopts > MS_EXT_OPTS_MAX or the header
 * would exceed 2048 octets. */
int ms_ext_opthdr_encode(const struct ms_ext_opthdr *in, uint8_t *buf, size_t cap);
/* Octets ms_ext_opthdr_encode writes (0 when it would fail on lengths). */
size_t ms_ext_opthdr_len(const struct ms_ext_opthdr *in);

/* ---------------------------------------------------------------------- */
/* Home Address option (RFC 6275 s6.3)                                     */
/* ---------------------------------------------------------------------- */
/*
 *                                  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *                                  |  Option Type  | Option Length |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                                                               |
 *  +                          Home Address                         +
 *  |                          (16 octets)                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  Option Type 201 (0xC9), Option Length 16, alignment 8n+6.
 */
#define MS_EXT_HAO_LEN 18        /* option incl. type and length octets */
#define MS_EXT_DSTOPT_HAO_LEN 24 /* whole DO header built by ms_ext_dstopt_hao_encode */

/* Decodes one HAO option at p (p[0] = Option Type).  Returns 0,
 * MS_ETRUNC, MS_EUNKNOWN_TYPE (type not 201), MS_EBAD_OPTLEN (len != 16).
 * Alignment is the header's business (ms_ext_opthdr_decode, ms_ext_walk). */
int ms_ext_hao_decode(const uint8_t *p, size_t len, struct in6_addr *hoa);
/* Writes the 18-octet option.  Returns 18 or -EMSGSIZE. */
int ms_ext_hao_encode(const struct in6_addr *hoa, uint8_t *buf, size_t cap);
/* Builds the 24-octet Destination Options header carrying only an HAO:
 *   nh | 2 | PadN(1) 2 0 0 | C9 10 | home address (16)
 * so the HAO starts at offset 6 (8n+6).  Returns 24 or -EMSGSIZE. */
int ms_ext_dstopt_hao_encode(const struct in6_addr *hoa, uint8_t nh, uint8_t *buf, size_t cap);

/* ---------------------------------------------------------------------- */
/* Routing headers (RFC 8200 s4.4, RFC 6275 s6.4)                          */
/* ---------------------------------------------------------------------- */
/*
 * Generic (RFC 8200 s4.4):
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  Next Header  |  Hdr Ext Len  |  Routing Type | Segments Left |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   .                       type-specific data                      .
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Type 2 (RFC 6275 s6.4.1):
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  Next Header  | Hdr Ext Len=2 | Routing Type=2|Segments Left=1|
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                            Reserved                           |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                   Home Address (16 octets)                    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
#define MS_EXT_RH2_LEN 24
#define MS_EXT_RH_OFF_TYPE 2 /* Routing Type field: Param Problem code 0 target */
#define MS_EXT_RH_OFF_SL 3

struct ms_ext_rh {
    uint8_t nh;
    uint8_t hlen8;     /* Hdr Ext Len, 8-octet units after the first 8 */
    uint8_t type;      /* Routing Type: MS_RH_* */
    uint8_t segs_left; /* Segments Left */
};

struct ms_ext_rh2 {
    uint8_t nh;
    uint8_t segs_left; /* 1 on the wire (decode enforces it) */
    struct in6_addr hoa;
};

/* Decodes the 4 fixed octets of any routing header and checks that the
 * whole header ((hlen8+1)*8 octets) fits.  Returns 0 or MS_ETRUNC. */
int ms_ext_rh_decode(const uint8_t *p, size_t len, struct ms_ext_rh *out);
/* Decodes a Type 2 Routing Header with the RFC 6275 s6.4.1 / s11.3.3
 * rules: Routing Type 2 (else MS_EUNKNOWN_TYPE), Hdr Ext Len exactly 2
 * (else MS_EBAD_LEN, zero included), Segments Left exactly 1 (else
 * MS_EBAD_FIELD).  Reserved is ignored.  MS_ETRUNC when len < 24. */
int ms_ext_rh2_decode(const uint8_t *p, size_t len, struct ms_ext_rh2 *out);
/* Writes the 24-octet RH2 with Segments Left 1 and Reserved 0.
 * Returns 24 or -EMSGSIZE. */
int ms_ext_rh2_encode(const struct in6_addr *hoa, uint8_t nh, uint8_t *buf, size_t cap);

/* ---------------------------------------------------------------------- */
/* Fragment header (RFC 8200 s4.5)                                         */
/* ---------------------------------------------------------------------- */
/*
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  Next Header  |   Reserved    |      Fragment Offset    |Res|M|
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                         Identification                        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
#define MS_EXT_FRAG_LEN 8

struct ms_ext_frag {
    uint8_t nh;
    uint16_t offset; /* octets (wire field x 8), multiple of 8, <= 65528 */
    bool more;       /* M flag */
    uint32_t id;
};

/* Returns 0 or MS_ETRUNC.  Reserved fields are ignored (RFC 8200 s4.5). */
int ms_ext_frag_decode(const uint8_t *p, size_t len, struct ms_ext_frag *out);
/* Returns 8, -EMSGSIZE, or MS_EBAD_FIELD when offset is not a multiple of 8. */
int ms_ext_frag_encode(const struct ms_ext_frag *in, uint8_t *buf, size_t cap);

/* ---------------------------------------------------------------------- */
/* Chain walker                                                            */
/* ---------------------------------------------------------------------- */

/* out->present bits. */
#define MS_EXT_F_HBH (1u << 0)    /* Hop-by-Hop Options header */
#define MS_EXT_F_DSTOPT (1u << 1) /* at least one Destination Options header */
#define MS_EXT_F_RH (1u << 2)     /* a routing header (any type) */
#define MS_EXT_F_RH2 (1u << 3)    /* a Type 2 Routing Header: rh2_* valid */
#define MS_EXT_F_HAO (1u << 4)    /* a Home Address option: hao_* valid */
#define MS_EXT_F_FRAG (1u << 5)   /* a Fragment header: frag* valid */

/* out->icmp_code when no ICMPv6 error is due (silent discard). */
#define MS_EXT_ICMP_NONE (-1)

struct ms_ext_info {
    uint32_t present; /* MS_EXT_F_* */

    /* Upper layer (valid when ms_ext_walk returns 0). */
    uint8_t upper;        /* Next Header value after the last walked header */
    uint32_t upper_off;   /* where that header starts (= octets of extensions) */
    int32_t upper_nh_off; /* where the Next Header field naming it sits; -34
                           * (MS_IP6_OFF_NH - MS_IP6_HLEN) when it is the fixed
                           * header's.  An unrecognized upper layer gets
                           * Parameter Problem code 1 at MS_IP6_HLEN + this. */

    /* Home Address option (RFC 6275 s6.3). */
    struct in6_addr hao; /* home address as on the wire */
    uint32_t hao_off;    /* offset of the option's Option Type octet */
    uint8_t hao_next;    /* Next Header of the DO header holding the HAO
                          * (RFC 6275 s9.3.1: 50, 51, 135 need no binding) */

    /* Routing headers. */
    uint8_t rh_type; /* Routing Type of the last routing header */
    uint32_t rh_off; /* its offset */
    struct in6_addr rh2_addr;
    uint8_t rh2_segs_left;
    uint32_t rh2_off;

    /* Fragment header. */
    struct ms_ext_frag frag;
    uint32_t frag_off;

    /* Error report (valid when ms_ext_walk returns < 0). */
    int icmp_code;           /* MS_ICMP6_PARAMPROB_* or MS_EXT_ICMP_NONE */
    uint32_t icmp_pointer;   /* offset of the offending octet; send +40 */
    bool icmp_even_if_mcast; /* true only for option action 10 (RFC 8200 s4.2,
                              * RFC 4443 s2.4 e.3); otherwise the stack sends
                              * nothing when the destination was multicast */
    uint8_t opt_type;        /* the unrecognized option, for MS_EUNKNOWN_OPT */
};

/* Walks the extension headers after the fixed IPv6 header, strictly in
 * order (RFC 8200 s4), without modifying anything.  p/len: the octets after
 * the fixed header (len = Payload Length, not the link's length); first_nh:
 * the fixed header's Next Header.
 *
 * Headers walked: Hop-by-Hop (only as first_nh), Destination Options (any
 * number), Routing, Fragment.  Recognized options: Pad1, PadN, and Home
 * Address in a Destination Options header (in a HBH header, 201 is
 * unrecognized, RFC 8200 s4.2 last paragraph).  Recognized routing type:
 * 2.  The walk stops at the first value that is none of these and returns
 * it as the upper layer, known or not (ICMPv6, UDP, MH, IPv6, AH, ESP, No
 * Next Header, anything); it also stops after a Fragment header whose
 * offset is not 0 or whose M flag is set, returning upper =
 * MS_IPPROTO_FRAGMENT with upper_off = frag_off (the fragment data starts
 * at frag_off + 8; the stack reassembles, then walks the reassembled
 * packet again).  An atomic fragment (offset 0,
 * M 0, RFC 8200 s4.5) is walked through.
 *
 * Returns 0 and fills out, or a negative code with out->icmp_code /
 * icmp_pointer saying what the RFCs require:
 *  - MS_EEXT_ORDER: Next Header 0 anywhere but the fixed header (RFC 8200
 *    s4.1, s4): code 1 (NEXT_HEADER), pointer at that Next Header field.
 *  - MS_EUNKNOWN_OPT: unrecognized option whose action is not skip
 *    (RFC 8200 s4.2): out->opt_type set; action 01 -> ICMP_NONE; 10 ->
 *    code 2 (OPTION) pointing at its Option Type octet, even if multicast;
 *    11 -> the same with icmp_even_if_mcast false.
 *  - MS_EUNKNOWN_TYPE: unrecognized Routing Type with Segments Left != 0
 *    (RFC 8200 s4.4): code 0 (HEADER), pointer at the Routing Type field.
 *    With Segments Left 0 the header is ignored and the walk goes on.
 *  - Type 2 Routing Header faults (RFC 6275 s11.3.3: discard silently,
 *    ICMP_NONE): MS_EBAD_LEN when Hdr Ext Len != 2, MS_EBAD_FIELD when
 *    Segments Left > 1.  Segments Left 0 is accepted and reported in
 *    rh2_segs_left so that a packet this node already processed in place
 *    (ms_ext_rh2_swap) can be walked again; on first reception the stack
 *    MUST drop a packet whose rh2_segs_left is 0 (1 on the wire).  A second
 *    RH2 is MS_EDUP_OPT (silent).
 *  - Home Address option faults (silent, as Linux does; RFC 6275 s6.3 gives
 *    no ICMP): MS_EBAD_OPTLEN (length != 16), MS_EBAD_ALIGN (not 8n+6),
 *    MS_EDUP_OPT (second HAO in the packet).
 *  - Structural faults (silent): MS_ETRUNC (a header overruns len),
 *    MS_EOPT_OVERRUN (an option crosses its header's end), MS_EBAD_PAD.
 * On error the fields describing headers walked so far stay filled.
 */
int ms_ext_walk(const uint8_t *p, size_t len, uint8_t first_nh, struct ms_ext_info *out);

/* In-place rewrites of a received packet.  pkt: the whole IPv6 packet
 * (fixed header first), len: octets available; info: from
 * ms_ext_walk(pkt + MS_IP6_HLEN, ...) on this very packet.
 *
 * ms_ext_hao_swap: RFC 6275 s9.3.1 "exchanging the Home Address field from
 * the Home Address option into the IPv6 header and replacing the original
 * value of the Source Address field there": afterwards the IPv6 Source is
 * the home address and the option holds the care-of address, so upper
 * layers (checksum pseudo-headers included) see the home address.  The
 * exchange is its own inverse: a mobile node that built its packet with the
 * home address as source and the care-of address in the HAO (RFC 6275
 * s11.3.1) calls it once before sending.  Returns 0, MS_EBAD_FIELD when
 * info has no HAO, MS_ETRUNC when the option lies beyond len.  The
 * checks of s9.3.1 (unicast routable HoA, Binding Cache entry unless
 * hao_next is ESP/AH/MH) are the caller's, BEFORE swapping.
 *
 * ms_ext_rh2_swap: RFC 6275 s11.3.3: "swaps the IPv6 destination field
 * with the Home Address field in the routing header, decrements segments
 * left by one": afterwards the IPv6 Destination is the home address, the
 * RH2 holds the care-of address and Segments Left is 0; info->rh2_segs_left
 * is updated.  Returns 0, MS_EBAD_FIELD when info has no RH2 or its
 * Segments Left is not 1, MS_ETRUNC when it lies beyond len.  The caller
 * first checks that the address is one of its home addresses. */
int ms_ext_hao_swap(uint8_t *pkt, size_t len, const struct ms_ext_info *info);
int ms_ext_rh2_swap(uint8_t *pkt, size_t len, struct ms_ext_info *info);

#endif
