/* mipshop-mh.c - Mobility Header messages (RFC 6275 s6.1) and their options.
 *
 * RFC 6275 s6.1.1:
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Payload Proto |  Header Len   |   MH Type     |   Reserved    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |           Checksum            |                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               |
 *  .                       Message Data                            .
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * Header Len counts 8-octet units after the first 8.
 *
 * Stock Wireshark 4.0 decodes the MH messages itself; this file reads every
 * message for the analysis (sequence numbers, addresses, status) and adds
 * tree items only where stock lacks a decode or gets one wrong:
 *   - the checksum, which stock does not verify;
 *   - FBU and FBack Lifetime units (RFC 5568 s6.2.2-6.2.3: seconds);
 *   - FNA (RFC 4068 s6.3.3) and the RFC 4068 MH-LLA option layout;
 *   - the BADF option (stock shows the Authenticator two octets short);
 *   - HI/HAck Code meanings and the RFC 5949 flags;
 *   - the RFC 7411 multicast options, whose Length counts 32-bit words;
 *   - the MH IPv6 Address/Prefix Option-Code meaning.
 */
#include "mipshop.h"

#include <epan/to_str.h>

#define MH_HLEN 6          /* Payload Proto .. Checksum */
#define MH_LIFETIME_UNIT 4 /* RFC 6275 s6.1.7: BU Lifetime in 4-second units */
#define IP6_ALEN 16
#define ETH_ALEN 6
#define BADF_SPI_LEN 4
#define MCAST_HLEN 4 /* Type, Length, Option-Code, Reserved/Status */
#define MCAST_UNIT 4 /* RFC 7411 s5.3: Length in 32-bit words */
#define MHIP_LEN 18  /* RFC 5568 s6.4.2: Option-Code, Prefix Length, address */

static int hf_mipshop_mh_checksum = -1;
static int hf_mipshop_mh_checksum_status = -1;
static int hf_mipshop_fbu_lifetime = -1;
static int hf_mipshop_fbu_b = -1;
static int hf_mipshop_fback_lifetime = -1;
static int hf_mipshop_fna_reserved = -1;
static int hf_mipshop_hi_code = -1;
static int hf_mipshop_hi_p = -1;
static int hf_mipshop_hi_f = -1;
static int hf_mipshop_hack_code = -1;
static int hf_mipshop_hack_u = -1;
static int hf_mipshop_hack_p = -1;
static int hf_mipshop_hack_f = -1;
static int hf_mipshop_mhopt_type = -1;
static int hf_mipshop_mhopt_length = -1;
static int hf_mipshop_mhlla_code = -1;
static int hf_mipshop_mhlla_pad0 = -1;
static int hf_mipshop_mhlla_lla = -1;
static int hf_mipshop_mhlla_lla_bytes = -1;
static int hf_mipshop_badf_spi = -1;
static int hf_mipshop_badf_auth = -1;
static int hf_mipshop_mhip_code = -1;
static int hf_mipshop_mcast_code = -1;
static int hf_mipshop_mcast_reserved = -1;
static int hf_mipshop_mcast_ack_code = -1;
static int hf_mipshop_mcast_ack_status = -1;
static int hf_mipshop_mcast_nrecords = -1;
static int hf_mipshop_mcast_payload = -1;

static gint ett_mipshop_mh = -1;
static gint ett_mipshop_mhopt = -1;

static expert_field ei_mipshop_mh_bad_checksum = EI_INIT;
static expert_field ei_mipshop_mh_hlen = EI_INIT;
static expert_field ei_mipshop_mh_trunc = EI_INIT;
static expert_field ei_mipshop_mh_payload_proto = EI_INIT;
static expert_field ei_mipshop_mhopt_overrun = EI_INIT;
static expert_field ei_mipshop_mhopt_align = EI_INIT;
static expert_field ei_mipshop_mhopt_not_last = EI_INIT;
static expert_field ei_mipshop_mhopt_bad_len = EI_INIT;
static expert_field ei_mipshop_mh_status = EI_INIT;
static expert_field ei_mipshop_mh_dereg = EI_INIT;
static expert_field ei_mipshop_mh_flags = EI_INIT;
static expert_field ei_mipshop_mh_missing_opt = EI_INIT;
static expert_field ei_mipshop_badf_len_auth = EI_INIT;
static expert_field ei_mipshop_stock_fbu_lifetime = EI_INIT;
static expert_field ei_mipshop_stock_fback_lifetime = EI_INIT;
static expert_field ei_mipshop_stock_badf = EI_INIT;
static expert_field ei_mipshop_stock_mhlla4068 = EI_INIT;
static expert_field ei_mipshop_stock_mcast = EI_INIT;

static const true_false_string tfs_set = {"Set", "Not set"};

/* ---- names ---- */

static const char *
mh_abbrev(guint type)
{
    switch (type) {
    case MS_MH_BRR:
        return "BRR";
    case MS_MH_HOTI:
        return "HoTI";
    case MS_MH_COTI:
        return "CoTI";
    case MS_MH_HOT:
        return "HoT";
    case MS_MH_COT:
        return "CoT";
    case MS_MH_FBACK:
        return "FBack";
    case MS_MH_HACK:
        return "HAck";
    default:
        return val_to_str_const(type, mipshop_abbr_mh_type, "MH");
    }
}

/* Octets of message data before the options (RFC 6275 s6.1.2-6.1.9, RFC
 * 5568 s6.2, RFC 4068 s6.3.3); -1 for a type whose layout is not known. */
static int
mh_fixed_len(guint type)
{
    switch (type) {
    case MS_MH_BRR:
    case MS_MH_FNA:
        return 2;
    case MS_MH_HOTI:
    case MS_MH_COTI:
        return 10;
    case MS_MH_HOT:
    case MS_MH_COT:
    case MS_MH_BE:
        return 18;
    case MS_MH_BU:
    case MS_MH_BA:
    case MS_MH_FBU:
    case MS_MH_FBACK:
        return 6;
    case MS_MH_HI:
    case MS_MH_HACK:
        return 4;
    default:
        return -1;
    }
}

/* The variant an MH of this type is read with.  FNA exists only in RFC
 * 4068; the MH forms of HI/HAck only in RFC 5568; for FBU/FBack the
 * preference decides, and "auto" follows the capture (RFC 4068 once an
 * RFC 4068-only message was seen, see mipshop_analysis). */
static int
mh_variant(guint type, uint32_t frame)
{
    if (type == MS_MH_FNA)
        return MIPSHOP_RFC4068;
    if (type == MS_MH_HI || type == MS_MH_HACK)
        return MIPSHOP_RFC5568;
    switch (mipshop_prefs.fmip_variant) {
    case MIPSHOP_PREF_FMIP_4068:
        return MIPSHOP_RFC4068;
    case MIPSHOP_PREF_FMIP_5568:
        return MIPSHOP_RFC5568;
    default:
        return mipshop_analysis_4068_at(frame) ? MIPSHOP_RFC4068 : MIPSHOP_RFC5568;
    }
}

void
mipshop_mh_identify(tvbuff_t *tvb, int off, int end, struct mipshop_msg *m)
{
    m->family = MIPSHOP_F_MH;
    m->relevant = TRUE;
    m->off = off;
    m->len = MAX(end - off, 0);
    if (!mipshop_have(tvb, off, 3)) {
        m->type = -1;
        m->name = "Mobility Header (truncated)";
        m->ref = "RFC 6275 s6.1.1";
        m->abbrev = "MH";
        return;
    }
    uint8_t type = tvb_get_guint8(tvb, off + 2);
    uint8_t hlen = tvb_get_guint8(tvb, off + 1);
    int mhlen = (hlen + 1) * 8;
    if (off + mhlen < end)
        m->len = mhlen;
    m->type = type;
    m->name = try_val_to_str(type, mipshop_vs_mh_type);
    m->ref = try_val_to_str(type, mipshop_ref_mh_type);
    if (m->name == NULL) {
        m->name = "Unknown Mobility Header type";
        m->ref = "RFC 6275 s6.1.1";
    }
    m->abbrev = mh_abbrev(type);
}

/* ---- options ---- */

/* The "xn+y" alignment of a mobility option type (RFC 6275 s6.2.4-6.2.7,
 * RFC 5568 s6.4.2, RFC 4285 s5-6); x = 0 when there is no rule. */
static void
opt_alignment(uint8_t t, int *x, int *y)
{
    *x = 0;
    *y = 0;
    switch (t) {
    case MS_MH_OPT_BRA:
    case MS_MH_OPT_NONCE_INDICES:
        *x = 2;
        break;
    case MS_MH_OPT_ALT_COA:
        *x = 8, *y = 6;
        break;
    case MS_MH_OPT_BAD:
    case MS_MH_OPT_MESG_ID:
        *x = 8, *y = 2;
        break;
    case MS_MH_OPT_IP_ADDR_PREFIX:
        *x = 8, *y = 4;
        break;
    case MS_MH_OPT_AUTH:
        *x = 4, *y = 1;
        break;
    default:
        break;
    }
}

/* The data length an option must have, or -1 when it varies. */
static int
opt_fixed_len(uint8_t t)
{
    switch (t) {
    case MS_MH_OPT_BRA:
        return 2;
    case MS_MH_OPT_ALT_COA:
        return IP6_ALEN;
    case MS_MH_OPT_NONCE_INDICES:
        return 4;
    case MS_MH_OPT_IP_ADDR_PREFIX:
        return MHIP_LEN;
    case MS_MH_OPT_CGA_PARAMS_REQ:
    case MS_MH_OPT_COTI:
        return 0;
    case MS_MH_OPT_COT:
    case MS_MH_OPT_MESG_ID:
        return 8;
    default:
        return -1;
    }
}

/* TRUE when p..end holds nothing but Pad1/PadN. */
static gboolean
only_padding(tvbuff_t *tvb, int p, int end)
{
    while (p < end) {
        if (!mipshop_have(tvb, p, 1))
            return FALSE;
        uint8_t t = tvb_get_guint8(tvb, p);
        if (t == MS_MH_OPT_PAD1) {
            p++;
            continue;
        }
        if (t != MS_MH_OPT_PADN || !mipshop_have(tvb, p + 1, 1))
            return FALSE;
        p += 2 + tvb_get_guint8(tvb, p + 1);
    }
    return p == end;
}

/* Octets an option occupies from its Type octet, by the rules of the
 * variant; *badf_auth_only tells which BADF reading was chosen. */
static int
opt_span(tvbuff_t *tvb, int p, int end, int variant, gboolean *badf_auth_only)
{
    uint8_t t = tvb_get_guint8(tvb, p);
    if (t == MS_MH_OPT_PAD1)
        return 1;
    if (!mipshop_have(tvb, p + 1, 1))
        return 2;
    int len = tvb_get_guint8(tvb, p + 1);
    switch (t) {
    case MS_MH_OPT_LLA:
        /* RFC 4068 s6.4.4: Length excludes Type, Length and Option-Code. */
        return variant == MIPSHOP_RFC4068 ? 3 + len : 2 + len;
    case MS_MH_OPT_MCAST_MOBILITY:
    case MS_MH_OPT_MCAST_ACK:
        /* RFC 7411 s5.3-5.4: Length in 32-bit words after a 4-octet header. */
        return MCAST_HLEN + MCAST_UNIT * len;
    case MS_MH_OPT_BADF: {
        gboolean auth_only;
        switch (mipshop_prefs.badf_length) {
        case MIPSHOP_PREF_BADF_SPI_COUNTED:
            auth_only = FALSE;
            break;
        case MIPSHOP_PREF_BADF_AUTH_ONLY:
            auth_only = TRUE;
            break;
        default:
            /* The option is last (RFC 5568 s6.4.5): take the reading after
             * which nothing but padding remains, the RFC 6275 s6.2.1 one
             * when both do. */
            auth_only = !only_padding(tvb, p + 2 + len, end) &&
                        only_padding(tvb, p + 2 + BADF_SPI_LEN + len, end);
            break;
        }
        if (badf_auth_only != NULL)
            *badf_auth_only = auth_only;
        return auth_only ? 2 + BADF_SPI_LEN + len : 2 + len;
    }
    default:
        return 2 + len;
    }
}

/* TRUE when the options from p to end walk cleanly under a variant. */
static gboolean
walk_ok(tvbuff_t *tvb, int p, int end, int variant)
{
    while (p < end) {
        if (!mipshop_have(tvb, p, 1))
            return FALSE;
        p += opt_span(tvb, p, end, variant, NULL);
    }
    return p == end;
}

struct mh_walk {
    const struct mipshop_ctx *c;
    proto_tree *tree;
    int mh_off; /* alignment is relative to the start of the MH */
    int variant;
    struct mipshop_msg *m;
    gboolean has_badf, has_alt_coa, has_lla;
    int last_auth; /* offset of a BAD/BADF option, -1 */
    uint8_t last_auth_type;
};

static proto_tree *
opt_subtree(struct mh_walk *w, int p, int span, uint8_t t, proto_item **ti)
{
    tvbuff_t *tvb = w->c->tvb;
    proto_tree *ot = proto_tree_add_subtree_format(
        w->tree, tvb, p, span, ett_mipshop_mhopt, ti, "Mobility option: %s",
        val_to_str(t, mipshop_vs_mh_opt, "Unknown (%u)"));
    proto_tree_add_item(ot, hf_mipshop_mhopt_type, tvb, p, 1, ENC_NA);
    proto_tree_add_item(ot, hf_mipshop_mhopt_length, tvb, p + 1, 1, ENC_NA);
    return ot;
}

static void
opt_mhlla(struct mh_walk *w, int p, int span, int len)
{
    tvbuff_t *tvb = w->c->tvb;
    int code_off = p + 2;
    int lla_off = p + 3;
    int lla_len = span - 3;
    if (w->variant == MIPSHOP_RFC4068) {
        /* RFC 4068 s6.4.4: Option-Code, Pad0 = 0, LLA; the Length does not
         * count the Option-Code, so the option spans 3 + Length octets. */
        lla_off = p + 4;
        lla_len = span - 4;
    }
    if (lla_len < 0)
        return;
    if (lla_len == ETH_ALEN && mipshop_have(tvb, lla_off, ETH_ALEN) &&
        tvb_get_guint8(tvb, code_off) == MS_LLA_MN) {
        tvb_memcpy(tvb, w->m->mn_mac, lla_off, ETH_ALEN);
        w->m->has_mn_mac = TRUE;
    }
    w->has_lla = TRUE;
    if ((w->tree == NULL && !w->c->emit) || w->variant != MIPSHOP_RFC4068)
        return; /* RFC 5568's layout: stock decodes it right */
    proto_item *ti = NULL;
    proto_tree *ot = opt_subtree(w, p, span, MS_MH_OPT_LLA, &ti);
    proto_item_append_text(ti, " (RFC 4068 s6.4.4 layout)");
    proto_tree_add_item(ot, hf_mipshop_mhlla_code, tvb, code_off, 1, ENC_NA);
    proto_tree_add_item(ot, hf_mipshop_mhlla_pad0, tvb, p + 3, 1, ENC_NA);
    if (lla_len == ETH_ALEN)
        proto_tree_add_item(ot, hf_mipshop_mhlla_lla, tvb, lla_off, lla_len, ENC_NA);
    else if (lla_len > 0)
        proto_tree_add_item(ot, hf_mipshop_mhlla_lla_bytes, tvb, lla_off, lla_len, ENC_NA);
    mipshop_expert(w->c, ti, &ei_mipshop_stock_mhlla4068,
                   "Stock Wireshark 4.0 applies the RFC 5568 Length rule here: under RFC 4068 "
                   "s6.4.4 this option spans %d octets (Pad0 first), so stock shifts the address "
                   "and the options after it",
                   span);
    (void)len;
}

static void
opt_badf(struct mh_walk *w, int p, int span, int len, gboolean auth_only)
{
    tvbuff_t *tvb = w->c->tvb;
    w->has_badf = TRUE;
    if (w->tree == NULL && !w->c->emit)
        return;
    proto_item *ti = NULL;
    proto_tree *ot = opt_subtree(w, p, span, MS_MH_OPT_BADF, &ti);
    if (span < 2 + BADF_SPI_LEN)
        return;
    proto_tree_add_item(ot, hf_mipshop_badf_spi, tvb, p + 2, BADF_SPI_LEN, ENC_BIG_ENDIAN);
    int auth_len = span - 2 - BADF_SPI_LEN;
    if (auth_len > 0)
        proto_tree_add_item(ot, hf_mipshop_badf_auth, tvb, p + 2 + BADF_SPI_LEN, auth_len, ENC_NA);
    if (auth_only)
        mipshop_expert(w->c, ti, &ei_mipshop_badf_len_auth,
                       "Option Length %d counts the Authenticator only (the RFC 5568 s6.4.5 "
                       "text), not the SPI (the RFC 6275 s6.2.1 rule): the option spans %d octets",
                       len, span);
    mipshop_expert(w->c, ti, &ei_mipshop_stock_badf,
                   "Stock Wireshark 4.0 shows this Authenticator as %d octets, not %d: it "
                   "subtracts Type and Length twice (RFC 5568 s6.4.5)%s",
                   MAX(len - 6, 0), auth_len, auth_only ? " and walks on inside it" : "");
}

static void
opt_mhip(struct mh_walk *w, int p, int span)
{
    tvbuff_t *tvb = w->c->tvb;
    if (span != 2 + MHIP_LEN || !mipshop_have(tvb, p, span))
        return;
    uint8_t code = tvb_get_guint8(tvb, p + 2);
    if (code == MS_IPADDR_OLD_COA) {
        tvb_get_ipv6(tvb, p + 4, &w->m->pcoa);
        w->m->has_pcoa = TRUE;
    } else if (code == MS_IPADDR_NEW_COA) {
        tvb_get_ipv6(tvb, p + 4, &w->m->ncoa);
        w->m->has_ncoa = TRUE;
    }
    if (w->tree == NULL && !w->c->emit)
        return;
    proto_item *ti = NULL;
    proto_tree *ot = opt_subtree(w, p, span, MS_MH_OPT_IP_ADDR_PREFIX, &ti);
    proto_tree_add_item(ot, hf_mipshop_mhip_code, tvb, p + 2, 1, ENC_NA);
    proto_item_append_text(ti, ": %s %s/%u", val_to_str_const(code, mipshop_vs_ipaddr_optcode, "?"),
                           tvb_ip6_to_str(w->c->pinfo->pool, tvb, p + 4),
                           tvb_get_guint8(tvb, p + 3));
}

static void
opt_mcast(struct mh_walk *w, int p, int span, int len, uint8_t t)
{
    tvbuff_t *tvb = w->c->tvb;
    if (w->tree == NULL && !w->c->emit)
        return;
    proto_item *ti = NULL;
    proto_tree *ot = opt_subtree(w, p, span, t, &ti);
    if (t == MS_MH_OPT_MCAST_MOBILITY) {
        proto_tree_add_item(ot, hf_mipshop_mcast_code, tvb, p + 2, 1, ENC_NA);
        proto_tree_add_item(ot, hf_mipshop_mcast_reserved, tvb, p + 3, 1, ENC_NA);
    } else {
        proto_tree_add_item(ot, hf_mipshop_mcast_ack_code, tvb, p + 2, 1, ENC_NA);
        proto_tree_add_item(ot, hf_mipshop_mcast_ack_status, tvb, p + 3, 1, ENC_NA);
    }
    if (span >= MCAST_HLEN + 4)
        proto_tree_add_item(ot, hf_mipshop_mcast_nrecords, tvb, p + MCAST_HLEN + 2, 2,
                            ENC_BIG_ENDIAN);
    if (span > MCAST_HLEN)
        proto_tree_add_item(ot, hf_mipshop_mcast_payload, tvb, p + MCAST_HLEN, span - MCAST_HLEN,
                            ENC_NA);
    mipshop_expert(w->c, ti, &ei_mipshop_stock_mcast,
                   "Stock Wireshark 4.0 takes Length %d as octets; RFC 7411 s5.3-5.4 counts 32-bit "
                   "words after a 4-octet header: the option spans %d octets",
                   len, span);
}

/* Walks the mobility options of the MH at w->mh_off, from p to end. */
static void
walk_options(struct mh_walk *w, int p, int end)
{
    tvbuff_t *tvb = w->c->tvb;
    w->last_auth = -1;
    while (p < end) {
        uint8_t t = tvb_get_guint8(tvb, p);
        gboolean auth_only = FALSE;
        int span = opt_span(tvb, p, end, w->variant, &auth_only);
        int len =
            t == MS_MH_OPT_PAD1 || !mipshop_have(tvb, p + 1, 1) ? 0 : tvb_get_guint8(tvb, p + 1);
        if (p + span > end || !mipshop_have(tvb, p, span)) {
            proto_item *ti = proto_tree_add_item(w->tree, hf_mipshop_mhopt_type, tvb, p, 1, ENC_NA);
            mipshop_expert(w->c, ti, &ei_mipshop_mhopt_overrun,
                           "Option %s at offset %d spans %d octets, past the end of the "
                           "Mobility Header (%d octets left)",
                           val_to_str(t, mipshop_vs_mh_opt, "type %u"), p - w->mh_off, span,
                           end - p);
            return;
        }
        if (w->last_auth >= 0 && t != MS_MH_OPT_PAD1 && t != MS_MH_OPT_PADN) {
            proto_item *ti = proto_tree_add_item(w->tree, hf_mipshop_mhopt_type, tvb, p, 1, ENC_NA);
            mipshop_expert(w->c, ti, &ei_mipshop_mhopt_not_last,
                           "%s follows the %s option, which MUST be the last option (%s)",
                           val_to_str(t, mipshop_vs_mh_opt, "Option %u"),
                           val_to_str_const(w->last_auth_type, mipshop_vs_mh_opt, "?"),
                           w->last_auth_type == MS_MH_OPT_BADF ? "RFC 5568 s6.4.5"
                                                               : "RFC 6275 s6.2.7");
        }
        int x, y;
        opt_alignment(t, &x, &y);
        int rel = p - w->mh_off;
        if (x != 0 && rel % x != y) {
            proto_item *ti = proto_tree_add_item(w->tree, hf_mipshop_mhopt_type, tvb, p, 1, ENC_NA);
            mipshop_expert(w->c, ti, &ei_mipshop_mhopt_align,
                           "%s at offset %d (%dn+%d) violates its %dn+%d alignment (%s)",
                           val_to_str_const(t, mipshop_vs_mh_opt, "Option"), rel, x, rel % x, x, y,
                           val_to_str_const(t, mipshop_ref_mh_opt, "RFC 6275 s6.2"));
        }
        int fixed = opt_fixed_len(t);
        if (fixed >= 0 && len != fixed) {
            proto_item *ti =
                proto_tree_add_item(w->tree, hf_mipshop_mhopt_length, tvb, p + 1, 1, ENC_NA);
            mipshop_expert(w->c, ti, &ei_mipshop_mhopt_bad_len,
                           "%s with Option Length %d, should be %d (%s)",
                           val_to_str_const(t, mipshop_vs_mh_opt, "Option"), len, fixed,
                           val_to_str_const(t, mipshop_ref_mh_opt, "RFC 6275 s6.2"));
        }
        switch (t) {
        case MS_MH_OPT_ALT_COA:
            if (len == IP6_ALEN) {
                tvb_get_ipv6(tvb, p + 2, &w->m->coa);
                w->m->has_coa = TRUE;
                w->has_alt_coa = TRUE;
            }
            break;
        case MS_MH_OPT_LLA:
            opt_mhlla(w, p, span, len);
            break;
        case MS_MH_OPT_BADF:
            opt_badf(w, p, span, len, auth_only);
            w->last_auth = p;
            w->last_auth_type = t;
            break;
        case MS_MH_OPT_BAD:
            w->last_auth = p;
            w->last_auth_type = t;
            break;
        case MS_MH_OPT_IP_ADDR_PREFIX:
            opt_mhip(w, p, span);
            break;
        case MS_MH_OPT_MCAST_MOBILITY:
        case MS_MH_OPT_MCAST_ACK:
            opt_mcast(w, p, span, len, t);
            break;
        default:
            break;
        }
        p += span;
    }
}

/* ---- messages ---- */

struct mh_ctx {
    const struct mipshop_ctx *c;
    proto_tree *tree;
    proto_item *anchor; /* the message's subtree item: where message-level experts go */
    const struct mipshop_ip6 *ip;
    struct mipshop_msg *m;
    int off, end; /* the MH; end clipped to the capture */
    int d;        /* message data (after the Checksum) */
};

static void
status_expert(struct mh_ctx *x, int off, guint status, const value_string *vs, const char *what)
{
    /* RFC 6275 s6.1.8, RFC 5568 s6.2.3, s6.2.1.2: values of 128 and more reject. */
    (void)off;
    if (status < 128)
        return;
    mipshop_expert(x->c, x->anchor, &ei_mipshop_mh_status, "%s %u: %s", what, status,
                   val_to_str_const(status, vs, "rejected"));
}

static void
msg_bu(struct mh_ctx *x, gboolean fast)
{
    tvbuff_t *tvb = x->c->tvb;
    struct mipshop_msg *m = x->m;
    m->id = tvb_get_ntohs(tvb, x->d);
    m->flags = tvb_get_ntohs(tvb, x->d + 2);
    uint16_t lt = tvb_get_ntohs(tvb, x->d + 4);
    m->has_lifetime = TRUE;
    m->home_reg = (m->flags & MS_BU_F_H) != 0;
    /* RFC 5380 s6.1: a MAP registration carries the RCoA in the Home
     * Address option and the LCoA as source. */
    m->map_reg = !fast && (m->flags & MS_BU_F_M) != 0;
    if (m->map_reg) {
        m->name = "Binding Update (MAP registration)";
        m->ref = "RFC 5380 s6.1, RFC 6275 s6.1.7";
    }
    m->is_request = TRUE;
    m->tk = fast ? MIPSHOP_TK_FBU : MIPSHOP_TK_BU;
    m->expects_response = (m->flags & MS_BU_F_A) != 0;
    m->has_hoa = TRUE;
    m->hoa = x->ip->has_hoa ? x->ip->hoa : x->ip->src;
    if (!m->has_coa) { /* no Alternate CoA option: the source address */
        m->coa = x->ip->src;
        m->has_coa = TRUE;
    }
    if (!fast) {
        m->lifetime_s = (uint32_t)lt * MH_LIFETIME_UNIT;
        if (lt == 0 || memcmp(&m->coa, &m->hoa, sizeof m->hoa) == 0) {
            mipshop_expert(x->c, x->anchor, &ei_mipshop_mh_dereg,
                           "%s: %s (RFC 6275 s6.1.7, s11.5.4)",
                           lt == 0 ? "Lifetime 0" : "Care-of address = home address",
                           m->home_reg ? "home deregistration" : "binding deletion");
        }
        return;
    }
    /* FBU (RFC 5568 s6.2.2): PCoA in the Home Address option, NCoA in the
     * Alternate CoA option (or the source when sent from the NAR's link). */
    m->pcoa = m->hoa;
    m->has_pcoa = TRUE;
    m->ncoa = m->coa;
    m->has_ncoa = memcmp(&m->coa, &m->hoa, sizeof m->hoa) != 0;
    gboolean units4 = m->variant == MIPSHOP_RFC4068;
    m->lifetime_s = units4 ? (uint32_t)lt * MH_LIFETIME_UNIT : lt;
    proto_item *li = proto_tree_add_uint_format_value(
        x->tree, hf_mipshop_fbu_lifetime, tvb, x->d + 4, 2, m->lifetime_s, "%u s (%s)",
        m->lifetime_s,
        units4 ? "RFC 4068 s6.3.1: 4-second units as in RFC 3775" : "RFC 5568 s6.2.2: seconds");
    if (!units4)
        mipshop_expert(x->c, li, &ei_mipshop_stock_fbu_lifetime,
                       "Stock Wireshark 4.0 shows this FBU Lifetime in 4-second units (%u = %u s); "
                       "RFC 5568 s6.2.2 gives it in seconds (%u s)",
                       lt, lt * MH_LIFETIME_UNIT, lt);
    proto_tree_add_item(x->tree, hf_mipshop_fbu_b, tvb, x->d + 2, 2, ENC_BIG_ENDIAN);
    uint16_t must = MS_FBU_F_A | MS_FBU_F_H;
    uint16_t allowed = MS_FBU_F_A | MS_FBU_F_H | MS_FBU_F_L | MS_FBU_F_K | MS_FBU_F_B;
    if ((m->flags & must) != must || (m->flags & ~allowed) != 0) {
        mipshop_expert(x->c, x->anchor, &ei_mipshop_mh_flags,
                       "FBU flags 0x%04x: A and H MUST be 1 and flags of other protocols 0 "
                       "(RFC 5568 s6.2.2)",
                       m->flags);
    }
}

static void
msg_ba(struct mh_ctx *x, gboolean fast)
{
    tvbuff_t *tvb = x->c->tvb;
    struct mipshop_msg *m = x->m;
    m->status = tvb_get_guint8(tvb, x->d);
    m->id = tvb_get_ntohs(tvb, x->d + 2);
    uint16_t lt = tvb_get_ntohs(tvb, x->d + 4);
    m->has_lifetime = TRUE;
    m->is_response = TRUE;
    m->tk = fast ? MIPSHOP_TK_FBU : MIPSHOP_TK_BU;
    m->has_hoa = TRUE;
    m->hoa = x->ip->has_rh2 ? x->ip->rh2 : x->ip->dst;
    if (x->ip->has_rh2) {
        m->coa = x->ip->dst;
        m->has_coa = TRUE;
    }
    if (!fast) {
        m->lifetime_s = (uint32_t)lt * MH_LIFETIME_UNIT;
        status_expert(x, x->d, (guint)m->status, mipshop_vs_ba_status,
                      "Binding Acknowledgement status");
        return;
    }
    /* FBack: Lifetime in seconds in RFC 4068 s6.3.2 and RFC 5568 s6.2.3. */
    m->lifetime_s = lt;
    m->pcoa = m->hoa;
    m->has_pcoa = x->ip->has_rh2;
    proto_item *li =
        proto_tree_add_uint_format_value(x->tree, hf_mipshop_fback_lifetime, tvb, x->d + 4, 2, lt,
                                         "%u s (RFC 5568 s6.2.3, RFC 4068 s6.3.2)", lt);
    mipshop_expert(x->c, li, &ei_mipshop_stock_fback_lifetime,
                   "Stock Wireshark 4.0 shows this FBack Lifetime in 4-second units (%u = %u s); "
                   "RFC 5568 s6.2.3 and RFC 4068 s6.3.2 give it in seconds (%u s)",
                   lt, lt * MH_LIFETIME_UNIT, lt);
    status_expert(x, x->d, (guint)m->status, mipshop_vs_fback_status, "FBack status");
}

static void
msg_hi(struct mh_ctx *x, gboolean ack)
{
    tvbuff_t *tvb = x->c->tvb;
    struct mipshop_msg *m = x->m;
    m->id = tvb_get_ntohs(tvb, x->d);
    m->flags = tvb_get_guint8(tvb, x->d + 2);
    m->code = tvb_get_guint8(tvb, x->d + 3);
    m->tk = MIPSHOP_TK_HI;
    if (!ack) {
        m->is_request = TRUE;
        m->expects_response = TRUE;
        proto_tree_add_item(x->tree, hf_mipshop_hi_p, tvb, x->d + 2, 1, ENC_NA);
        proto_tree_add_item(x->tree, hf_mipshop_hi_f, tvb, x->d + 2, 1, ENC_NA);
        proto_tree_add_item(x->tree, hf_mipshop_hi_code, tvb, x->d + 3, 1, ENC_NA);
        return;
    }
    m->is_response = TRUE;
    m->status = m->code;
    proto_tree_add_item(x->tree, hf_mipshop_hack_u, tvb, x->d + 2, 1, ENC_NA);
    proto_tree_add_item(x->tree, hf_mipshop_hack_p, tvb, x->d + 2, 1, ENC_NA);
    proto_tree_add_item(x->tree, hf_mipshop_hack_f, tvb, x->d + 2, 1, ENC_NA);
    proto_tree_add_item(x->tree, hf_mipshop_hack_code, tvb, x->d + 3, 1, ENC_NA);
    status_expert(x, x->d + 3, (guint)m->code, mipshop_vs_hack_code, "HAck code");
}

static void
msg_rr(struct mh_ctx *x)
{
    tvbuff_t *tvb = x->c->tvb;
    struct mipshop_msg *m = x->m;
    switch (m->type) {
    case MS_MH_HOTI:
    case MS_MH_COTI:
        m->cookie = tvb_get_ntoh64(tvb, x->d + 2);
        m->is_request = TRUE;
        m->expects_response = TRUE;
        break;
    default: /* HoT, CoT */
        m->id = tvb_get_ntohs(tvb, x->d);
        m->cookie = tvb_get_ntoh64(tvb, x->d + 2);
        m->is_response = TRUE;
        break;
    }
    if (m->type == MS_MH_HOTI || m->type == MS_MH_HOT) {
        m->tk = MIPSHOP_TK_HOTI;
        m->has_hoa = TRUE;
        m->hoa = m->type == MS_MH_HOTI ? x->ip->src : x->ip->dst;
    } else {
        m->tk = MIPSHOP_TK_COTI;
        m->has_coa = TRUE;
        m->coa = m->type == MS_MH_COTI ? x->ip->src : x->ip->dst;
    }
}

static void
msg_fields(struct mh_ctx *x)
{
    tvbuff_t *tvb = x->c->tvb;
    struct mipshop_msg *m = x->m;
    switch (m->type) {
    case MS_MH_BU:
        msg_bu(x, FALSE);
        break;
    case MS_MH_FBU:
        msg_bu(x, TRUE);
        break;
    case MS_MH_BA:
        msg_ba(x, FALSE);
        break;
    case MS_MH_FBACK:
        msg_ba(x, TRUE);
        break;
    case MS_MH_HI:
        msg_hi(x, FALSE);
        break;
    case MS_MH_HACK:
        msg_hi(x, TRUE);
        break;
    case MS_MH_HOTI:
    case MS_MH_COTI:
    case MS_MH_HOT:
    case MS_MH_COT:
        msg_rr(x);
        break;
    case MS_MH_BRR:
        m->tk = MIPSHOP_TK_BRR;
        m->is_request = TRUE;
        m->expects_response = TRUE;
        m->has_hoa = TRUE;
        m->hoa = x->ip->has_rh2 ? x->ip->rh2 : x->ip->dst;
        break;
    case MS_MH_BE: {
        m->status = tvb_get_guint8(tvb, x->d);
        m->has_hoa = TRUE;
        tvb_get_ipv6(tvb, x->d + 2, &m->hoa);
        mipshop_expert(x->c, x->anchor, &ei_mipshop_mh_status, "Binding Error status %d: %s",
                       m->status, val_to_str_const((uint32_t)m->status, mipshop_vs_be_status, "?"));
        break;
    }
    case MS_MH_FNA:
        proto_tree_add_item(x->tree, hf_mipshop_fna_reserved, tvb, x->d, 2, ENC_BIG_ENDIAN);
        break;
    default:
        break;
    }
}

/* RFC 4068 defines FBU and FBack in its own sections. */
static void
set_variant_ref(struct mipshop_msg *m)
{
    if (m->variant == MIPSHOP_RFC4068 && m->type == MS_MH_FBU)
        m->ref = "RFC 4068 s6.3.1";
    else if (m->variant == MIPSHOP_RFC4068 && m->type == MS_MH_FBACK)
        m->ref = "RFC 4068 s6.3.2";
    else if (m->type >= 0)
        m->ref = val_to_str_const((uint32_t)m->type, mipshop_ref_mh_type, m->ref);
}

/* After the options: what the RFCs require of the message as a whole. */
static void
msg_checks(struct mh_ctx *x, const struct mh_walk *w, proto_item *anchor)
{
    struct mipshop_msg *m = x->m;
    if (m->type == MS_MH_FBU || m->type == MS_MH_FBACK) {
        if (!w->has_badf && m->variant != MIPSHOP_RFC4068)
            mipshop_expert(x->c, anchor, &ei_mipshop_mh_missing_opt,
                           "%s without a BADF option, which RFC 5568 s6.4.5 requires "
                           "(an RFC 4068 peer sends none)",
                           m->abbrev);
        if (w->has_badf) {
            m->variant = MIPSHOP_RFC5568;
            set_variant_ref(m);
        }
    }
    if (m->type == MS_MH_FBACK && m->status == MS_FBACK_ACCEPTED_USE_SUPPLIED_NCOA &&
        !w->has_alt_coa)
        mipshop_expert(x->c, anchor, &ei_mipshop_mh_missing_opt,
                       "FBack status 1 without the Alternate CoA option it MUST carry "
                       "(RFC 5568 s6.2.3)");
    if (m->type == MS_MH_FBACK && w->has_alt_coa) {
        m->ncoa = m->coa;
        m->has_ncoa = TRUE;
    }
    if (m->type == MS_MH_FNA && !w->has_lla)
        mipshop_expert(
            x->c, anchor, &ei_mipshop_mh_missing_opt,
            "FNA without the MH Link-Layer Address option it MUST carry (RFC 4068 s6.3.3)");
}

void
mipshop_mh_decode(const struct mipshop_ctx *c, proto_tree *tree, const struct mipshop_ip6 *ip,
                  struct mipshop_msg *m)
{
    tvbuff_t *tvb = c->tvb;
    int off = m->off;
    int capend = MIN(ip->end, (int)tvb_captured_length(tvb));
    m->src = ip->has_hoa ? ip->hoa : ip->src;
    m->dst = ip->has_rh2 && ip->rh2_segleft > 0 ? ip->rh2 : ip->dst;
    m->tunnelled = c->pkt->nip > 1;
    proto_item *ti = NULL;
    proto_tree *mt = NULL;
    if (tree != NULL)
        mt = proto_tree_add_subtree_format(tree, tvb, off, MAX(capend - off, 0), ett_mipshop_mh,
                                           &ti, "%s (%s)", m->name, m->ref);
    if (m->type < 0 || !mipshop_have(tvb, off, MH_HLEN)) {
        mipshop_expert(c, ti, &ei_mipshop_mh_trunc,
                       "Mobility Header truncated: %d octets captured, at least %d needed",
                       MAX(capend - off, 0), MH_HLEN);
        return;
    }
    uint8_t proto = tvb_get_guint8(tvb, off);
    int mhlen = (tvb_get_guint8(tvb, off + 1) + 1) * 8;
    int avail = ip->end - off; /* what the IPv6 Payload Length leaves for it */
    m->variant = mh_variant((guint)m->type, c->pinfo->num);
    set_variant_ref(m);
    if (proto != MS_IPPROTO_NONE && !(m->type == MS_MH_FNA && proto == MS_IPPROTO_IPV6))
        mipshop_expert(c, ti, &ei_mipshop_mh_payload_proto,
                       "Payload Proto %u: RFC 6275 s6.1.1 says it SHOULD be %u (No Next Header)",
                       proto, MS_IPPROTO_NONE);
    if (mhlen > avail) {
        mipshop_expert(c, ti, &ei_mipshop_mh_hlen,
                       "Header Len %d (%d octets) exceeds the %d octets the IPv6 header leaves",
                       mhlen / 8 - 1, mhlen, avail);
        mhlen = avail;
    }
    int fixed = mh_fixed_len((guint)m->type);
    if (fixed >= 0 && mhlen < MH_HLEN + fixed) {
        mipshop_expert(c, ti, &ei_mipshop_mh_hlen,
                       "Header Len %d (%d octets) is too small for a %s (%d octets at least, "
                       "RFC 6275 s9.2)",
                       mhlen / 8 - 1, mhlen, m->abbrev, MH_HLEN + fixed);
        return;
    }
    int end = off + mhlen;
    if (end > capend) {
        mipshop_expert(c, ti, &ei_mipshop_mh_trunc,
                       "Mobility Header truncated: %d of %d octets captured", capend - off, mhlen);
        end = capend;
    }
    m->len = end - off;
    m->hash = mipshop_hash(tvb, off, end - off);
    if (c->emit && mipshop_prefs.check_checksum && end == off + mhlen && mhlen >= MH_HLEN)
        proto_tree_add_checksum(mt, tvb, (guint)off + 4, hf_mipshop_mh_checksum,
                                hf_mipshop_mh_checksum_status, &ei_mipshop_mh_bad_checksum,
                                c->pinfo,
                                mipshop_l4_cksum(tvb, off, mhlen, ip, MS_IPPROTO_MH, off + 4),
                                ENC_BIG_ENDIAN, PROTO_CHECKSUM_VERIFY);
    if (fixed < 0 || off + MH_HLEN + fixed > end)
        return;
    struct mh_ctx x = {.c = c,
                       .tree = mt,
                       .anchor = ti,
                       .ip = ip,
                       .m = m,
                       .off = off,
                       .end = end,
                       .d = off + MH_HLEN};
    struct mh_walk w = {.c = c, .tree = mt, .mh_off = off, .variant = m->variant, .m = m};
    int optoff = off + MH_HLEN + fixed;
    /* RFC 4068 MH-LLA in a message of unsettled variant: take the layout
     * under which the options walk cleanly. */
    if (mipshop_prefs.fmip_variant == MIPSHOP_PREF_FMIP_AUTO && m->type == MS_MH_FBU &&
        !walk_ok(tvb, optoff, end, m->variant)) {
        int other = m->variant == MIPSHOP_RFC4068 ? MIPSHOP_RFC5568 : MIPSHOP_RFC4068;
        if (walk_ok(tvb, optoff, end, other)) {
            m->variant = w.variant = other;
            set_variant_ref(m);
        }
    }
    /* The options first, quietly, for the facts the fixed part needs (the
     * Alternate CoA is the BU's CoA); then the fields and the options in
     * wire order under the tree. */
    struct mipshop_ctx quiet = *c;
    quiet.emit = FALSE;
    struct mh_walk facts = w;
    facts.c = &quiet;
    facts.tree = NULL;
    walk_options(&facts, optoff, end);
    msg_fields(&x);
    walk_options(&w, optoff, end);
    msg_checks(&x, &w, ti);
    /* The generation may have changed the section that defines it. */
    proto_item_set_text(ti, "%s (%s)", m->name, m->ref);
}

void
mipshop_mh_fields(struct mipshop_fields *f)
{
    static hf_register_info hf[] = {
        {&hf_mipshop_mh_checksum,
         {"Checksum", "mipshop.mh.checksum", FT_UINT16, BASE_HEX, NULL, 0x0,
          "RFC 6275 s6.1.1 (stock MIPv6 does not verify it)", HFILL}},
        {&hf_mipshop_mh_checksum_status,
         {"Checksum Status", "mipshop.mh.checksum.status", FT_UINT8, BASE_NONE,
          VALS(proto_checksum_vals), 0x0, NULL, HFILL}},
        {&hf_mipshop_fbu_lifetime,
         {"Lifetime", "mipshop.fbu.lifetime", FT_UINT32, BASE_DEC, NULL, 0x0,
          "Seconds (RFC 5568 s6.2.2); 4-second units under RFC 4068", HFILL}},
        {&hf_mipshop_fbu_b,
         {"Buffer (B) flag", "mipshop.fbu.b_flag", FT_BOOLEAN, 16, TFS(&tfs_set), MS_FBU_F_B,
          "RFC 5271 s6.3 (IANA's F flag of RFC 5555 sits at the same bit)", HFILL}},
        {&hf_mipshop_fback_lifetime,
         {"Lifetime", "mipshop.fback.lifetime", FT_UINT32, BASE_DEC, NULL, 0x0,
          "Seconds (RFC 5568 s6.2.3, RFC 4068 s6.3.2)", HFILL}},
        {&hf_mipshop_fna_reserved,
         {"Reserved", "mipshop.fna.reserved", FT_UINT16, BASE_HEX, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_hi_code,
         {"Code", "mipshop.hi.code", FT_UINT8, BASE_DEC, VALS(mipshop_vs_hi_code), 0x0,
          "RFC 5568 s6.2.1.1, RFC 5949 s6.1.1", HFILL}},
        {&hf_mipshop_hi_p,
         {"Proxy (P) flag", "mipshop.hi.p_flag", FT_BOOLEAN, 8, TFS(&tfs_set), MS_HI_F_P,
          "RFC 5949 s6.1.1", HFILL}},
        {&hf_mipshop_hi_f,
         {"Forwarding (F) flag", "mipshop.hi.f_flag", FT_BOOLEAN, 8, TFS(&tfs_set), MS_HI_F_F,
          "RFC 5949 s6.1.1", HFILL}},
        {&hf_mipshop_hack_code,
         {"Code", "mipshop.hack.code", FT_UINT8, BASE_DEC, VALS(mipshop_vs_hack_code), 0x0,
          "RFC 5568 s6.2.1.2, RFC 5949 s6.1.2", HFILL}},
        {&hf_mipshop_hack_u,
         {"Buffer (U) flag", "mipshop.hack.u_flag", FT_BOOLEAN, 8, TFS(&tfs_set), MS_HACK_F_U,
          "RFC 5949 s6.1.2", HFILL}},
        {&hf_mipshop_hack_p,
         {"Proxy (P) flag", "mipshop.hack.p_flag", FT_BOOLEAN, 8, TFS(&tfs_set), MS_HACK_F_P,
          "RFC 5949 s6.1.2", HFILL}},
        {&hf_mipshop_hack_f,
         {"Forwarding (F) flag", "mipshop.hack.f_flag", FT_BOOLEAN, 8, TFS(&tfs_set), MS_HACK_F_F,
          "RFC 5949 s6.1.2", HFILL}},
        {&hf_mipshop_mhopt_type,
         {"Option Type", "mipshop.mhopt.type", FT_UINT8, BASE_DEC, VALS(mipshop_vs_mh_opt), 0x0,
          NULL, HFILL}},
        {&hf_mipshop_mhopt_length,
         {"Option Length", "mipshop.mhopt.length", FT_UINT8, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_mhlla_code,
         {"Option-Code", "mipshop.mhlla.option_code", FT_UINT8, BASE_DEC,
          VALS(mipshop_vs_lla_optcode), 0x0, NULL, HFILL}},
        {&hf_mipshop_mhlla_pad0,
         {"Pad0", "mipshop.mhlla.pad0", FT_UINT8, BASE_HEX, NULL, 0x0, "RFC 4068 s6.4.4", HFILL}},
        {&hf_mipshop_mhlla_lla,
         {"Link-layer address", "mipshop.mhlla.lla", FT_ETHER, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_mhlla_lla_bytes,
         {"Link-layer address", "mipshop.mhlla.lla_bytes", FT_BYTES, BASE_NONE, NULL, 0x0, NULL,
          HFILL}},
        {&hf_mipshop_badf_spi,
         {"SPI", "mipshop.badf.spi", FT_UINT32, BASE_DEC, NULL, 0x0,
          "0 = SEND-based handover keys (RFC 5269)", HFILL}},
        {&hf_mipshop_badf_auth,
         {"Authenticator", "mipshop.badf.authenticator", FT_BYTES, BASE_NONE, NULL, 0x0, NULL,
          HFILL}},
        {&hf_mipshop_mhip_code,
         {"Option-Code", "mipshop.mhip.option_code", FT_UINT8, BASE_DEC,
          VALS(mipshop_vs_ipaddr_optcode), 0x0, "RFC 5568 s6.4.2", HFILL}},
        {&hf_mipshop_mcast_code,
         {"Option-Code", "mipshop.mcast.option_code", FT_UINT8, BASE_DEC,
          VALS(mipshop_vs_mcast_optcode), 0x0, "RFC 7411 s5.3", HFILL}},
        {&hf_mipshop_mcast_reserved,
         {"Reserved", "mipshop.mcast.reserved", FT_UINT8, BASE_HEX, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_mcast_ack_code,
         {"Option-Code", "mipshop.mcast_ack.option_code", FT_UINT8, BASE_DEC, NULL, 0x0,
          "RFC 7411 s5.4 (0)", HFILL}},
        {&hf_mipshop_mcast_ack_status,
         {"Status", "mipshop.mcast_ack.status", FT_UINT8, BASE_DEC,
          VALS(mipshop_vs_mcast_ack_status), 0x0, "RFC 7411 s5.4", HFILL}},
        {&hf_mipshop_mcast_nrecords,
         {"Number of multicast address records", "mipshop.mcast.records", FT_UINT16, BASE_DEC, NULL,
          0x0, NULL, HFILL}},
        {&hf_mipshop_mcast_payload,
         {"Report payload", "mipshop.mcast.payload", FT_BYTES, BASE_NONE, NULL, 0x0,
          "MLDv2 (RFC 3810 s5.2) or IGMPv3 (RFC 3376 s4.2) report after its ICMP header", HFILL}},
    };
    static gint *ett[] = {&ett_mipshop_mh, &ett_mipshop_mhopt};
    static ei_register_info ei[] = {
        {&ei_mipshop_mh_bad_checksum,
         {"mipshop.mh.bad_checksum", PI_CHECKSUM, PI_ERROR, "Bad Mobility Header checksum",
          EXPFILL}},
        {&ei_mipshop_mh_hlen,
         {"mipshop.mh.bad_header_len", PI_MALFORMED, PI_ERROR, "Bad Mobility Header Len", EXPFILL}},
        {&ei_mipshop_mh_trunc,
         {"mipshop.mh.truncated", PI_MALFORMED, PI_ERROR, "Mobility Header truncated", EXPFILL}},
        {&ei_mipshop_mh_payload_proto,
         {"mipshop.mh.payload_proto", PI_PROTOCOL, PI_WARN, "Payload Proto is not 59", EXPFILL}},
        {&ei_mipshop_mhopt_overrun,
         {"mipshop.mhopt.overrun", PI_MALFORMED, PI_ERROR, "Mobility option overruns the header",
          EXPFILL}},
        {&ei_mipshop_mhopt_align,
         {"mipshop.mhopt.misaligned", PI_PROTOCOL, PI_WARN,
          "Mobility option violates its alignment", EXPFILL}},
        {&ei_mipshop_mhopt_not_last,
         {"mipshop.mhopt.auth_not_last", PI_PROTOCOL, PI_WARN,
          "BAD/BADF is not the last mobility option", EXPFILL}},
        {&ei_mipshop_mhopt_bad_len,
         {"mipshop.mhopt.bad_length", PI_MALFORMED, PI_ERROR, "Mobility option with a wrong length",
          EXPFILL}},
        {&ei_mipshop_mh_status,
         {"mipshop.status", PI_RESPONSE_CODE, PI_WARN, "Request rejected (status or code >= 128)",
          EXPFILL}},
        {&ei_mipshop_mh_dereg,
         {"mipshop.deregistration", PI_SEQUENCE, PI_NOTE, "Deregistration (lifetime zero)",
          EXPFILL}},
        {&ei_mipshop_mh_flags,
         {"mipshop.fbu.bad_flags", PI_PROTOCOL, PI_WARN, "FBU flags violate RFC 5568 s6.2.2",
          EXPFILL}},
        {&ei_mipshop_mh_missing_opt,
         {"mipshop.mh.missing_option", PI_PROTOCOL, PI_WARN, "A mandatory option is missing",
          EXPFILL}},
        {&ei_mipshop_badf_len_auth,
         {"mipshop.badf.length_auth_only", PI_PROTOCOL, PI_NOTE,
          "BADF Option Length counts the Authenticator only", EXPFILL}},
        {&ei_mipshop_stock_fbu_lifetime,
         {"mipshop.stock.fbu_lifetime", PI_PROTOCOL, PI_NOTE,
          "Stock Wireshark 4.0 misreads the FBU Lifetime unit", EXPFILL}},
        {&ei_mipshop_stock_fback_lifetime,
         {"mipshop.stock.fback_lifetime", PI_PROTOCOL, PI_NOTE,
          "Stock Wireshark 4.0 misreads the FBack Lifetime unit", EXPFILL}},
        {&ei_mipshop_stock_badf,
         {"mipshop.stock.badf", PI_PROTOCOL, PI_NOTE,
          "Stock Wireshark 4.0 misreads the BADF Authenticator length", EXPFILL}},
        {&ei_mipshop_stock_mhlla4068,
         {"mipshop.stock.mhlla4068", PI_PROTOCOL, PI_NOTE,
          "Stock Wireshark 4.0 does not know the RFC 4068 MH-LLA layout", EXPFILL}},
        {&ei_mipshop_stock_mcast,
         {"mipshop.stock.mcast_length", PI_PROTOCOL, PI_NOTE,
          "Stock Wireshark 4.0 misreads the RFC 7411 option length", EXPFILL}},
    };
    f->hf = hf;
    f->nhf = G_N_ELEMENTS(hf);
    f->ett = ett;
    f->nett = G_N_ELEMENTS(ett);
    f->ei = ei;
    f->nei = G_N_ELEMENTS(ei);
}
