/* mipshop.h - what the files of the "mipshop" Wireshark plugin share.
 *
 * The plugin decodes what stock Wireshark 4.0 lacks or gets wrong in the
 * MIPSHOP protocols (RFC 4068 / 5268 / 5568 FMIPv6, RFC 5380 HMIPv6, RFC 6275
 * MIPv6, mipsim's layer-2 event frames) and adds a per-frame analysis tree:
 * the message and the RFC section defining it, the mobile node it concerns,
 * its request/response transaction and the handover it belongs to.
 *
 * Files:
 *   packet-mipshop.c   plugin entry points, protocol, preferences, handoff
 *   mipshop-vals.c     value_strings built from mipsim/wire/codepoints.h
 *   mipshop-parse.c    a light re-parse of each frame: link, IPv6 chain, message
 *   mipshop-l2ev.c     the layer-2 event frames (EtherType MS_ETHERTYPE_L2EV)
 *   mipshop-mh.c       Mobility Header messages and options
 *   mipshop-icmp.c     ICMPv6 messages (RFC 4068 type 150, type 154, 144-147, RA, NA)
 *   mipshop-ndopt.c    ND options (17-20, 27-30) with the RFC 4068 meanings
 *   mipshop-mhopt.c    mobility options stock lacks, hooked into "mip6.option"
 *   mipshop-analysis.c pairing, sequence checks, handover inference
 *   mipshop-stats.c    "-z mipshop,handovers" and the Statistics menu table
 *
 * Every decoder reads the frame's tvb through bounds-checked accessors that
 * never throw (mipshop_tvb_*); a short or inconsistent message ends in an
 * expert item and a partial tree.  No codepoint number is typed here: they
 * come from the X-macro lists of codepoints.h (enum ms_*).
 */
#ifndef MIPSHOP_H
#define MIPSHOP_H

#include <wireshark.h>

#include <epan/expert.h>
#include <epan/packet.h>
#include <epan/prefs.h>
#include <epan/proto.h>

#include "wire/codepoints.h"

/* ---- registration: each family hands its hf/ett/ei arrays to
 * proto_register_mipshop(), which registers them all at once ---- */

struct mipshop_fields {
    hf_register_info *hf;
    size_t nhf;
    gint **ett;
    size_t nett;
    ei_register_info *ei;
    size_t nei;
};

extern int proto_mipshop;

void mipshop_l2ev_fields(struct mipshop_fields *f);
void mipshop_mh_fields(struct mipshop_fields *f);
void mipshop_icmp_fields(struct mipshop_fields *f);
void mipshop_ndopt_fields(struct mipshop_fields *f);
void mipshop_mhopt_fields(struct mipshop_fields *f);
void mipshop_analysis_fields(struct mipshop_fields *f);

void mipshop_mhopt_handoff(void);
void mipshop_stats_register(void);     /* from proto_register (tap, GUI table) */
void mipshop_stats_register_cli(void); /* from the tap plugin hook ("-z") */

/* ---- preferences (packet-mipshop.c) ---- */

/* The FMIPv6 generation a message is read with (docs/WIRE-VARIANTS.md):
 * the same numbers mean different layouts or codes. */
enum mipshop_variant {
    MIPSHOP_RFC5568 = 0,
    MIPSHOP_RFC5268 = 1,
    MIPSHOP_RFC4068 = 2,
};

enum mipshop_fmip_pref {
    MIPSHOP_PREF_FMIP_AUTO = 0,
    MIPSHOP_PREF_FMIP_5568 = 1,
    MIPSHOP_PREF_FMIP_4068 = 2,
};

enum mipshop_badf_pref {
    MIPSHOP_PREF_BADF_AUTO = 0,
    MIPSHOP_PREF_BADF_SPI_COUNTED = 1, /* Length = SPI + Authenticator (RFC 6275 s6.2.1 rule) */
    MIPSHOP_PREF_BADF_AUTH_ONLY = 2,   /* Length = Authenticator only (RFC 5568 s6.4.5 text) */
};

struct mipshop_prefs {
    gint fmip_variant;       /* enum mipshop_fmip_pref */
    gint badf_length;        /* enum mipshop_badf_pref */
    gboolean check_checksum; /* verify MH checksums (stock does not) */
    gboolean estimate_delay; /* estimate the access-link delay from NS/NA */
    guint access_delay_us;   /* used when estimate_delay is off */
};
extern struct mipshop_prefs mipshop_prefs;

/* ---- value_strings from codepoints.h (mipshop-vals.c) ---- */

extern const value_string mipshop_vs_mh_type[];
extern const value_string mipshop_ref_mh_type[];
extern const value_string mipshop_abbr_mh_type[];
extern const value_string mipshop_vs_mh_opt[];
extern const value_string mipshop_ref_mh_opt[];
extern const value_string mipshop_vs_ba_status[];
extern const value_string mipshop_sym_ba_status[];
extern const value_string mipshop_vs_be_status[];
extern const value_string mipshop_vs_fback_status[];
extern const value_string mipshop_vs_hi_code[];
extern const value_string mipshop_vs_hack_code[];
extern const value_string mipshop_vs_hack4068_code[];
extern const value_string mipshop_vs_icmp6_type[];
extern const value_string mipshop_ref_icmp6_type[];
extern const value_string mipshop_vs_fmip_subtype[];
extern const value_string mipshop_ref_fmip_subtype[];
extern const value_string mipshop_vs_prrtadv_code[];
extern const value_string mipshop_vs_nd_opt[];
extern const value_string mipshop_ref_nd_opt[];
extern const value_string mipshop_vs_ipaddr_optcode[];
extern const value_string mipshop_vs_lla_optcode[];
extern const value_string mipshop_vs_naack_status[];
extern const value_string mipshop_vs_naack4068_status[];
extern const value_string mipshop_vs_l2ev_type[];
extern const value_string mipshop_ref_l2ev_type[];
extern const value_string mipshop_vs_l2ev_tlv[];
extern const value_string mipshop_vs_l2ev_profile[];
extern const value_string mipshop_vs_mcast_optcode[];
extern const value_string mipshop_vs_mcast_ack_status[];
extern const value_string mipshop_vs_hai_optcode[];
extern const value_string mipshop_vs_nd_mnid_optcode[];
extern const value_string mipshop_vs_ipproto[];

/* Short names for the transaction and handover summaries ("BU", "RtSolPr"). */
const char *mipshop_icmp_abbrev(guint type, gint subtype);

/* ---- bounds-checked reads that never throw ---- */

static inline gboolean
mipshop_have(tvbuff_t *tvb, int off, int len)
{
    return off >= 0 && len >= 0 && tvb_bytes_exist(tvb, off, len);
}

/* ---- one frame, re-parsed (mipshop-parse.c) ---- */

#define MIPSHOP_MAX_IP6 4

struct mipshop_ip6 {
    int off; /* IPv6 header in the frame tvb */
    int end; /* end of the payload the header announces (may pass the capture) */
    ws_in6_addr src, dst;
    uint8_t hlim;
    gboolean has_hoa; /* Home Address destination option (RFC 6275 s6.3) */
    ws_in6_addr hoa;
    int hoa_off;      /* the option's Type octet */
    gboolean has_rh2; /* Type 2 Routing Header (RFC 6275 s6.4) */
    ws_in6_addr rh2;
    uint8_t rh2_segleft;
    int rh2_off;
    gboolean fragment; /* a Fragment header: the upper layer is not parsed */
    uint8_t proto;     /* upper-layer protocol, after the extension headers */
    int l4_off;        /* upper-layer header; -1 when it is not in the capture */
};

struct mipshop_pkt {
    gboolean eth;
    uint8_t eth_dst[6], eth_src[6];
    uint16_t ethertype;
    int l3_off;
    int nip;
    struct mipshop_ip6 ip[MIPSHOP_MAX_IP6];
    uint32_t iface; /* pcapng interface (merged captures: one per link) */
    int64_t ts_ns;  /* absolute time of the frame */
};

/* Reads the link layer and the IPv6 chain (tunnels included).  Returns TRUE
 * when the frame carries IPv6 or an L2 event (pkt->ethertype says which). */
gboolean mipshop_parse_frame(tvbuff_t *tvb, packet_info *pinfo, struct mipshop_pkt *pkt);

/* The innermost IPv6 header (the one whose upper layer is the message). */
static inline const struct mipshop_ip6 *
mipshop_pkt_inner(const struct mipshop_pkt *pkt)
{
    return pkt->nip > 0 ? &pkt->ip[pkt->nip - 1] : NULL;
}

/* ---- the message a frame carries ---- */

enum mipshop_family {
    MIPSHOP_F_NONE = 0,
    MIPSHOP_F_L2EV,
    MIPSHOP_F_MH,
    MIPSHOP_F_ICMP,
    MIPSHOP_F_DATA,
};

/* Transaction kinds (request/response pairs). */
enum mipshop_tk {
    MIPSHOP_TK_NONE = 0,
    MIPSHOP_TK_BU,      /* BU -> BA (RFC 6275 s6.1.7-6.1.8) */
    MIPSHOP_TK_FBU,     /* FBU -> FBack (RFC 5568 s6.2.2-6.2.3) */
    MIPSHOP_TK_HI,      /* HI -> HAck (MH or ICMP form) */
    MIPSHOP_TK_RTSOLPR, /* RtSolPr -> PrRtAdv (RFC 5568 s6.1) */
    MIPSHOP_TK_HOTI,    /* HoTI -> HoT (RFC 6275 s6.1.3, s6.1.5) */
    MIPSHOP_TK_COTI,    /* CoTI -> CoT */
    MIPSHOP_TK_BRR,     /* BRR -> BU (RFC 6275 s6.1.2) */
    MIPSHOP_TK_DHAAD,   /* DHAAD request -> reply (RFC 6275 s6.5-6.6) */
    MIPSHOP_TK_MPS,     /* MPS -> MPA (RFC 6275 s6.7-6.8) */
    MIPSHOP_TK__COUNT
};

struct mipshop_msg {
    int family;         /* enum mipshop_family */
    int type;           /* MH Type, ICMPv6 Type or L2 event type */
    int subtype;        /* FMIPv6 Subtype, -1 when none */
    int code;           /* ICMPv6 Code, HI/HAck Code; -1 when none */
    int variant;        /* enum mipshop_variant */
    const char *name;   /* "Binding Update" */
    const char *abbrev; /* "BU" */
    const char *ref;    /* "RFC 6275 s6.1.7" */
    int off, len;       /* the message in the frame tvb (captured part) */
    uint32_t hash;      /* FNV-1a of the message octets: copies on other links */
    gboolean relevant;  /* the frame gets a mipshop tree */

    /* Transaction. */
    int tk; /* enum mipshop_tk, or NONE */
    gboolean is_request, is_response;
    gboolean expects_response;
    uint32_t id;     /* Sequence Number or Identifier */
    uint64_t cookie; /* HoTI/CoTI/HoT/CoT init cookie */
    int status;      /* BA/FBack Status, HAck/PrRtAdv Code, -1 */
    uint32_t flags;  /* BU/FBU flag word, HI flags */
    gboolean has_lifetime;
    uint32_t lifetime_s;

    /* Addresses (the IPv6 header carrying the message, after HoA/RH2). */
    ws_in6_addr src, dst;
    gboolean has_hoa; /* the mobile node's home address */
    ws_in6_addr hoa;
    gboolean has_coa; /* its care-of address as this message states it */
    ws_in6_addr coa;
    gboolean has_pcoa, has_ncoa;
    ws_in6_addr pcoa, ncoa;
    gboolean has_mn_mac;
    uint8_t mn_mac[6];
    gboolean home_reg; /* BU/BA of a home registration (H flag) */
    gboolean map_reg;  /* HMIPv6 local BU (M flag): the "home address" is the RCoA */
    gboolean tunnelled;

    /* L2 events. */
    char ap_id[33], target_ap_id[33];

    /* NS/NA pairs, for the access-link delay. */
    gboolean nd_ns, nd_na, na_solicited;
    ws_in6_addr nd_target;
};

void mipshop_msg_init(struct mipshop_msg *m);
uint32_t mipshop_hash(tvbuff_t *tvb, int off, int len);

/* The checksum an upper-layer message of len octets at off should carry
 * (RFC 8200 s8.1; RFC 6275 s6.1.1: the home address of a Home Address option
 * is the source, the Type 2 Routing Header address the final destination),
 * with the checksum field at cksum_off counted as zero.  The octets must be
 * in the capture. */
uint16_t mipshop_l4_cksum(tvbuff_t *tvb, int off, int len, const struct mipshop_ip6 *ip, uint8_t nh,
                          int cksum_off);

/* ---- decoders ---- */

/* What a decoder works on.  A frame is decoded twice when it gets a tree:
 * once for the facts (emit FALSE: no expert items, tree NULL), once to build
 * the tree (emit TRUE), so expert items are never counted twice. */
struct mipshop_ctx {
    tvbuff_t *tvb; /* the frame (or, for L2 events, the Ethernet payload) */
    packet_info *pinfo;
    const struct mipshop_pkt *pkt;
    gboolean emit;
};

/* expert_add_info_format() when c->emit. */
void mipshop_expert(const struct mipshop_ctx *c, proto_item *pi, expert_field *ei, const char *fmt,
                    ...) G_GNUC_PRINTF(4, 5);

/* The L2 event payload at offset 0 of c->tvb. */
void mipshop_l2ev_identify(tvbuff_t *tvb, struct mipshop_msg *m);
void mipshop_l2ev_decode(const struct mipshop_ctx *c, proto_tree *tree, struct mipshop_msg *m);

/* Names the Mobility Header at off (type, name, RFC section, variant). */
void mipshop_mh_identify(tvbuff_t *tvb, int off, int end, struct mipshop_msg *m);
/* Decodes it: the fields stock lacks or gets wrong under tree, the facts into m. */
void mipshop_mh_decode(const struct mipshop_ctx *c, proto_tree *tree, const struct mipshop_ip6 *ip,
                       struct mipshop_msg *m);

/* Names the ICMPv6 message at off and says whether it is relevant. */
void mipshop_icmp_identify(tvbuff_t *tvb, int off, int end, struct mipshop_msg *m);
void mipshop_icmp_decode(const struct mipshop_ctx *c, proto_tree *tree,
                         const struct mipshop_ip6 *ip, struct mipshop_msg *m);

/* ND options from off to end, carried by an ICMPv6 message of variant v:
 * decodes the FMIPv6/SEND/HMIPv6 ones under tree and fills the addresses of
 * m it finds (PCoA, NCoA, MN LLA). */
void mipshop_ndopt_walk(const struct mipshop_ctx *c, proto_tree *tree, int off, int end,
                        struct mipshop_msg *m);
/* TRUE when an ND option list holds an option of the MIPSHOP protocols. */
gboolean mipshop_ndopt_interesting(tvbuff_t *tvb, int off, int end);
/* "RFC 6275 s7.1, RFC 5380 s5": the sections of an RA's MIPSHOP content. */
const char *mipshop_ndopt_refs(tvbuff_t *tvb, int off, int end, gboolean h_flag);

/* ---- analysis (mipshop-analysis.c) ---- */

void mipshop_analysis_init(void);
/* The "Message: Binding Update (RFC 6275 s6.1.7)" line. */
void mipshop_msg_item(const struct mipshop_ctx *c, proto_tree *tree, const struct mipshop_msg *m);
/* First pass only: pairing, sequence checks, handover state. */
void mipshop_analysis_update(const struct mipshop_ctx *c, const struct mipshop_msg *m);
/* RFC 4068-only messages (ICMPv6 type 150, FNA) seen at or before frame:
 * the "auto" FMIPv6 variant then reads FBUs with the RFC 4068 rules. */
gboolean mipshop_analysis_4068_at(uint32_t frame);
/* TRUE when the first pass attached this frame to a mobile node. */
gboolean mipshop_analysis_has(packet_info *pinfo);
/* Every pass: the mobile node, transaction and handover subtrees. */
void mipshop_analysis_tree(const struct mipshop_ctx *c, proto_tree *tree, proto_item *top,
                           const struct mipshop_msg *m);

/* ---- handover records, for the statistics ---- */

#define MIPSHOP_APID_LEN 33

/* A snapshot of one handover, handed to the tap (times in ns, -1 unknown). */
struct mipshop_ho_tap {
    uint32_t uid;       /* the handover record, whatever MN it is later merged into */
    uint32_t mn_index;  /* order of first appearance, from 1 */
    char mn_label[160]; /* "02:00:00:05:00:01 (HoA 2001:db8:aa::10)" */
    uint32_t number;    /* per MN, from 1 */
    char from[MIPSHOP_APID_LEN], to[MIPSHOP_APID_LEN];
    int64_t t_start, t_trigger, t_down, t_up, t_bu, t_ba, t_data; /* absolute ns, -1 */
    uint32_t f_down, f_up, f_bu, f_ba, f_data;
    int64_t access_delay_ns; /* added to the frames sent to the MN, -1 unknown */
    uint32_t delay_samples;
    gboolean delay_fixed; /* from the preference, not estimated */
    int ba_status;        /* -1 none */
    uint32_t nsignal;
    char signals[256]; /* "BU BA" */
};

/* The time reference of the statistics: the mipsim virtual-clock epoch when
 * the capture starts at it, else the first frame. */
int64_t mipshop_stats_time_ref(int64_t first_frame_ns);

#endif
