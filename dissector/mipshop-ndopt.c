/* mipshop-ndopt.c - the ND-format options of the MIPSHOP protocols.
 *
 * RFC 4861 s4.6: | Type | Length (8-octet units, Type and Length included) | ... |
 *
 * Decoded here, under the mipshop tree:
 *   17 IP Address (RFC 4068 s6.4.1: Option-Codes 1-3) / IP Address/Prefix
 *      (RFC 5568 s6.4.1: 1-4):  | 17 | 3 | Option-Code | Prefix Length |
 *      Reserved (32) | IPv6 Address (128) |
 *   18 New Router Prefix Information (RFC 4068 s6.4.2 only), same layout
 *      with Option-Code 0;
 *   19 Link-Layer Address (RFC 5568 s6.4.3): | 19 | Length | Option-Code | LLA ... pad |
 *   20 NAACK (RFC 5568 s6.4.6, RFC 4068 s6.4.5): | 20 | Length | Option-Code |
 *      Status | Reserved (32) | [NCoA (128) when Length is 3] |
 *   27/28 Handover Key Request/Reply (RFC 5269 s4.1-4.2): | Type | Length |
 *      Pad Length | AT(4) Rsvd(4) | [Key Lifetime (16), 28 only] | key | padding |
 *   29 Handover Assist Information (RFC 5271 s6.1): | 29 | Length | Option-Code |
 *      HAI-Length | HAI-Value | padding |
 *   30 Mobile Node Identifier (RFC 5271 s6.2): | 30 | Length | Option-Code |
 *      MN ID-Length | MN ID | padding |
 * Options 17-19 are decoded inside the FMIPv6 messages (RFC 4068 type 150 and
 * type 154), which the plugin decodes field by field; 20 and 27-30 wherever
 * they appear, because stock Wireshark 4.0 misreads them.
 */
#include "mipshop.h"

#include <epan/to_str.h>

#define ND_UNIT 8
#define IP6_ALEN 16
#define ETH_ALEN 6
#define IPADDR_LEN_UNITS 3 /* 17 and 18: Length 3 */
#define NAACK_HLEN 8

static int hf_mipshop_ndopt_type = -1;
static int hf_mipshop_ndopt_length = -1;
static int hf_mipshop_ipaddr_code = -1;
static int hf_mipshop_ipaddr_plen = -1;
static int hf_mipshop_ipaddr_reserved = -1;
static int hf_mipshop_ipaddr_address = -1;
static int hf_mipshop_nrpi_code = -1;
static int hf_mipshop_nrpi_prefix = -1;
static int hf_mipshop_lla_code = -1;
static int hf_mipshop_lla_lla = -1;
static int hf_mipshop_lla_bytes = -1;
static int hf_mipshop_ndopt_padding = -1;
static int hf_mipshop_naack_code = -1;
static int hf_mipshop_naack_status = -1;
static int hf_mipshop_naack4068_status = -1;
static int hf_mipshop_naack_reserved = -1;
static int hf_mipshop_naack_ncoa = -1;
static int hf_mipshop_hkr_pad_length = -1;
static int hf_mipshop_hkr_at = -1;
static int hf_mipshop_hkr_reserved = -1;
static int hf_mipshop_hkr_lifetime = -1;
static int hf_mipshop_hkr_public_key = -1;
static int hf_mipshop_hkr_encrypted_key = -1;
static int hf_mipshop_hai_code = -1;
static int hf_mipshop_hai_length = -1;
static int hf_mipshop_hai_value = -1;
static int hf_mipshop_ndmnid_code = -1;
static int hf_mipshop_ndmnid_length = -1;
static int hf_mipshop_ndmnid_nai = -1;
static int hf_mipshop_ndmnid_value = -1;

static gint ett_mipshop_ndopt = -1;

static expert_field ei_mipshop_ndopt_zero_len = EI_INIT;
static expert_field ei_mipshop_ndopt_overrun = EI_INIT;
static expert_field ei_mipshop_ndopt_bad_len = EI_INIT;
static expert_field ei_mipshop_ndopt_code = EI_INIT;
static expert_field ei_mipshop_ndopt_inner_len = EI_INIT;
static expert_field ei_mipshop_stock_naack = EI_INIT;
static expert_field ei_mipshop_stock_hkr = EI_INIT;
static expert_field ei_mipshop_stock_rfc5271 = EI_INIT;

/* ---- which options, where ---- */

static gboolean
fmip_message(const struct mipshop_msg *m)
{
    return m->family == MIPSHOP_F_ICMP &&
           (m->type == MS_ICMP6_FMIP || m->type == MS_ICMP6_EXP_MOBILITY);
}

gboolean
mipshop_ndopt_interesting(tvbuff_t *tvb, int off, int end)
{
    while (off + 2 <= end && mipshop_have(tvb, off, 2)) {
        uint8_t t = tvb_get_guint8(tvb, off);
        uint8_t len = tvb_get_guint8(tvb, off + 1);
        switch (t) {
        case MS_ND_OPT_ADV_INTERVAL:
        case MS_ND_OPT_HA_INFO:
        case MS_ND_OPT_IP_ADDR_PREFIX:
        case MS_ND_OPT_NEW_ROUTER_PREFIX:
        case MS_ND_OPT_LLA:
        case MS_ND_OPT_NAACK:
        case MS_ND_OPT_MAP:
        case MS_ND_OPT_HK_REQUEST:
        case MS_ND_OPT_HK_REPLY:
        case MS_ND_OPT_HANDOVER_ASSIST:
        case MS_ND_OPT_MN_ID:
        /* SEND (RFC 3971), which FMIPv6 handover keys build on (RFC 5269). */
        case MS_ND_OPT_CGA:
        case MS_ND_OPT_RSA_SIG:
        case MS_ND_OPT_TIMESTAMP:
        case MS_ND_OPT_NONCE:
        case MS_ND_OPT_TRUST_ANCHOR:
        case MS_ND_OPT_CERTIFICATE:
            return TRUE;
        default:
            break;
        }
        if (len == 0)
            return FALSE;
        off += len * ND_UNIT;
    }
    return FALSE;
}

/* RFC 4068 names and numbers its options differently. */
static const char *
opt_ref(uint8_t t, int variant)
{
    if (variant == MIPSHOP_RFC4068) {
        switch (t) {
        case MS_ND_OPT_IP_ADDR_PREFIX:
            return "IP Address, RFC 4068 s6.4.1";
        case MS_ND_OPT_NEW_ROUTER_PREFIX:
            return "RFC 4068 s6.4.2";
        case MS_ND_OPT_LLA:
            return "RFC 4068 s6.4.3";
        case MS_ND_OPT_NAACK:
            return "RFC 4068 s6.4.5";
        default:
            break;
        }
    }
    return val_to_str_const(t, mipshop_ref_nd_opt, "RFC 4861 s4.6");
}

/* The RFC sections of the MIPv6/HMIPv6/FMIPv6 content of an RA (the H
 * flag, then its options, in order of first appearance), or NULL when it
 * has none. */
const char *
mipshop_ndopt_refs(tvbuff_t *tvb, int off, int end, gboolean h_flag)
{
    wmem_strbuf_t *b = wmem_strbuf_new(wmem_packet_scope(), "");
    uint32_t seen = 0;
    if (h_flag)
        wmem_strbuf_append(b, "RFC 6275 s7.1");
    while (off + 2 <= end && mipshop_have(tvb, off, 2)) {
        uint8_t t = tvb_get_guint8(tvb, off);
        uint8_t len = tvb_get_guint8(tvb, off + 1);
        if (len == 0)
            break;
        gboolean ours = t != MS_ND_OPT_SLLA && t != MS_ND_OPT_TLLA && t != MS_ND_OPT_PREFIX_INFO &&
                        t != MS_ND_OPT_MTU;
        if (ours && t < 32 && !(seen & (1u << t)) && mipshop_ndopt_interesting(tvb, off, off + 2)) {
            seen |= 1u << t;
            wmem_strbuf_append_printf(b, "%s%s", wmem_strbuf_get_len(b) ? ", " : "",
                                      val_to_str_const(t, mipshop_ref_nd_opt, "?"));
        }
        off += len * ND_UNIT;
    }
    return wmem_strbuf_get_len(b) ? wmem_strbuf_get_str(b) : NULL;
}

static proto_tree *
opt_subtree(const struct mipshop_ctx *c, proto_tree *tree, int off, int olen, uint8_t t,
            proto_item **ti, int variant)
{
    proto_tree *ot = proto_tree_add_subtree_format(
        tree, c->tvb, off, olen, ett_mipshop_ndopt, ti, "ND option: %s (%s)",
        val_to_str(t, mipshop_vs_nd_opt, "Unknown (%u)"), opt_ref(t, variant));
    proto_tree_add_item(ot, hf_mipshop_ndopt_type, c->tvb, off, 1, ENC_NA);
    uint8_t len = tvb_get_guint8(c->tvb, off + 1);
    proto_tree_add_uint_format_value(ot, hf_mipshop_ndopt_length, c->tvb, off + 1, 1, len,
                                     "%u (%u octets)", len, len * ND_UNIT);
    return ot;
}

/* ---- 17, 18 ---- */

static void
opt_ipaddr(const struct mipshop_ctx *c, proto_tree *tree, int off, int olen, uint8_t t,
           struct mipshop_msg *m)
{
    tvbuff_t *tvb = c->tvb;
    if (olen != IPADDR_LEN_UNITS * ND_UNIT) {
        if (tree != NULL || c->emit) {
            proto_item *ti = NULL;
            opt_subtree(c, tree, off, olen, t, &ti, m->variant);
            mipshop_expert(c, ti, &ei_mipshop_ndopt_bad_len, "%s with Length %d, should be %d (%s)",
                           val_to_str_const(t, mipshop_vs_nd_opt, "Option"), olen / ND_UNIT,
                           IPADDR_LEN_UNITS, val_to_str_const(t, mipshop_ref_nd_opt, "?"));
        }
        return;
    }
    uint8_t code = tvb_get_guint8(tvb, off + 2);
    if (t == MS_ND_OPT_IP_ADDR_PREFIX && code == MS_IPADDR_OLD_COA) {
        tvb_get_ipv6(tvb, off + 8, &m->pcoa);
        m->has_pcoa = TRUE;
    } else if (t == MS_ND_OPT_IP_ADDR_PREFIX && code == MS_IPADDR_NEW_COA) {
        tvb_get_ipv6(tvb, off + 8, &m->ncoa);
        m->has_ncoa = TRUE;
    }
    if ((tree == NULL && !c->emit) || !fmip_message(m))
        return;
    proto_item *ti = NULL;
    proto_tree *ot = opt_subtree(c, tree, off, olen, t, &ti, m->variant);
    proto_item *ci;
    if (t == MS_ND_OPT_IP_ADDR_PREFIX) {
        ci = proto_tree_add_item(ot, hf_mipshop_ipaddr_code, tvb, off + 2, 1, ENC_NA);
        proto_tree_add_item(ot, hf_mipshop_ipaddr_plen, tvb, off + 3, 1, ENC_NA);
        proto_tree_add_item(ot, hf_mipshop_ipaddr_reserved, tvb, off + 4, 4, ENC_BIG_ENDIAN);
        proto_tree_add_item(ot, hf_mipshop_ipaddr_address, tvb, off + 8, IP6_ALEN, ENC_NA);
        if (try_val_to_str(code, mipshop_vs_ipaddr_optcode) == NULL ||
            (m->variant == MIPSHOP_RFC4068 && code == MS_IPADDR_NAR_PREFIX))
            mipshop_expert(c, ci, &ei_mipshop_ndopt_code,
                           "Option-Code %u is not defined for the IP Address option by %s", code,
                           m->variant == MIPSHOP_RFC4068 ? "RFC 4068 s6.4.1 (1-3)"
                                                         : "RFC 5568 s6.4.1 (1-4)");
        proto_item_append_text(
            ti, ": %s %s/%u", val_to_str_const(code, mipshop_vs_ipaddr_optcode, "?"),
            tvb_ip6_to_str(c->pinfo->pool, tvb, off + 8), tvb_get_guint8(tvb, off + 3));
        return;
    }
    /* 18: RFC 4068 s6.4.2; RFC 5568 App. C folds it into 17 code 4. */
    ci = proto_tree_add_item(ot, hf_mipshop_nrpi_code, tvb, off + 2, 1, ENC_NA);
    proto_tree_add_item(ot, hf_mipshop_ipaddr_plen, tvb, off + 3, 1, ENC_NA);
    proto_tree_add_item(ot, hf_mipshop_ipaddr_reserved, tvb, off + 4, 4, ENC_BIG_ENDIAN);
    proto_tree_add_item(ot, hf_mipshop_nrpi_prefix, tvb, off + 8, IP6_ALEN, ENC_NA);
    proto_item_append_text(ti, ": %s/%u", tvb_ip6_to_str(c->pinfo->pool, tvb, off + 8),
                           tvb_get_guint8(tvb, off + 3));
    if (code != 0)
        mipshop_expert(c, ci, &ei_mipshop_ndopt_code,
                       "Option-Code %u: RFC 4068 s6.4.2 defines only 0", code);
    if (m->variant != MIPSHOP_RFC4068)
        mipshop_expert(c, ti, &ei_mipshop_ndopt_code,
                       "RFC 5568 no longer defines option 18: the NAR prefix is option 17 with "
                       "Option-Code 4 (RFC 5568 s6.4.1, App. C)");
}

/* ---- 19 ---- */

static void
opt_lla(const struct mipshop_ctx *c, proto_tree *tree, int off, int olen, struct mipshop_msg *m)
{
    tvbuff_t *tvb = c->tvb;
    uint8_t code = tvb_get_guint8(tvb, off + 2);
    int avail = olen - 3;
    /* The option has no LLA length (RFC 5568 s6.4.3): the link decides.  On
     * Ethernet (RFC 2464) it is 6 octets and the rest is padding. */
    int lla_len = avail >= ETH_ALEN ? ETH_ALEN : avail;
    gboolean mn_sender = m->subtype == MS_FMIP_RTSOLPR && code == MS_LLA_SENDER;
    if (lla_len == ETH_ALEN && (code == MS_LLA_MN || mn_sender)) {
        tvb_memcpy(tvb, m->mn_mac, off + 3, ETH_ALEN);
        m->has_mn_mac = TRUE;
    }
    if ((tree == NULL && !c->emit) || !fmip_message(m))
        return;
    proto_item *ti = NULL;
    proto_tree *ot = opt_subtree(c, tree, off, olen, MS_ND_OPT_LLA, &ti, m->variant);
    proto_tree_add_item(ot, hf_mipshop_lla_code, tvb, off + 2, 1, ENC_NA);
    proto_item_append_text(ti, ": %s", val_to_str(code, mipshop_vs_lla_optcode, "Option-Code %u"));
    if (lla_len == ETH_ALEN) {
        proto_tree_add_item(ot, hf_mipshop_lla_lla, tvb, off + 3, ETH_ALEN, ENC_NA);
        proto_item_append_text(ti, " %s", tvb_ether_to_str(c->pinfo->pool, tvb, off + 3));
    } else if (lla_len > 0) {
        proto_tree_add_item(ot, hf_mipshop_lla_bytes, tvb, off + 3, lla_len, ENC_NA);
    }
    if (avail > lla_len)
        proto_tree_add_item(ot, hf_mipshop_ndopt_padding, tvb, off + 3 + lla_len, avail - lla_len,
                            ENC_NA);
}

/* ---- 20 ---- */

static void
opt_naack(const struct mipshop_ctx *c, proto_tree *tree, int off, int olen, struct mipshop_msg *m)
{
    tvbuff_t *tvb = c->tvb;
    uint8_t status = tvb_get_guint8(tvb, off + 3);
    /* RFC 5568 s6.4.6: Length 1, or 3 with the NCoA right after the
     * Reserved field.  Its status 2 text also speaks of an IP Address option
     * there (Length 4); both are read. */
    int ncoa_off = -1;
    if (olen == 3 * ND_UNIT)
        ncoa_off = off + NAACK_HLEN;
    else if (olen == 4 * ND_UNIT &&
             tvb_get_guint8(tvb, off + NAACK_HLEN) == MS_ND_OPT_IP_ADDR_PREFIX &&
             tvb_get_guint8(tvb, off + NAACK_HLEN + 1) == IPADDR_LEN_UNITS)
        ncoa_off = off + NAACK_HLEN + 8;
    if (ncoa_off >= 0) {
        tvb_get_ipv6(tvb, ncoa_off, &m->ncoa);
        m->has_ncoa = TRUE;
    }
    if (tree == NULL && !c->emit)
        return;
    proto_item *ti = NULL;
    proto_tree *ot = opt_subtree(c, tree, off, olen, MS_ND_OPT_NAACK, &ti, m->variant);
    proto_tree_add_item(ot, hf_mipshop_naack_code, tvb, off + 2, 1, ENC_NA);
    gboolean v4068 = m->variant == MIPSHOP_RFC4068;
    proto_item *si = proto_tree_add_item(
        ot, v4068 ? hf_mipshop_naack4068_status : hf_mipshop_naack_status, tvb, off + 3, 1, ENC_NA);
    proto_item_append_text(ti, ": %s",
                           val_to_str(status,
                                      v4068 ? mipshop_vs_naack4068_status : mipshop_vs_naack_status,
                                      "Status %u"));
    if (try_val_to_str(status, v4068 ? mipshop_vs_naack4068_status : mipshop_vs_naack_status) ==
        NULL)
        mipshop_expert(c, si, &ei_mipshop_ndopt_code, "NAACK Status %u is not defined by %s",
                       status, v4068 ? "RFC 4068 s6.4.5" : "RFC 5568 s6.4.6");
    proto_tree_add_item(ot, hf_mipshop_naack_reserved, tvb, off + 4, 4, ENC_BIG_ENDIAN);
    if (ncoa_off >= 0)
        proto_tree_add_item(ot, hf_mipshop_naack_ncoa, tvb, ncoa_off, IP6_ALEN, ENC_NA);
    else if (olen != ND_UNIT)
        mipshop_expert(c, ti, &ei_mipshop_ndopt_bad_len,
                       "NAACK with Length %d: RFC 5568 s6.4.6 allows 1, or 3 with an NCoA",
                       olen / ND_UNIT);
    if (status == MS_NAACK_NCOA_INVALID_USE_SUPPLIED && ncoa_off < 0)
        mipshop_expert(c, si, &ei_mipshop_ndopt_bad_len,
                       "Status 2 without the NCoA that MUST follow the Reserved field "
                       "(RFC 5568 s6.4.6)");
    if (status == MS_NAACK_NCOA_INVALID_USE_SUPPLIED && olen == 3 * ND_UNIT)
        mipshop_expert(
            c, ti, &ei_mipshop_stock_naack,
            "Stock Wireshark 4.0 reads the NCoA at option offset 4, over Reserved, not 8 "
            "(RFC 5568 s6.4.6), and flags the last 4 octets \"Unknown Data\"");
}

/* ---- 27, 28 ---- */

static void
opt_hkr(const struct mipshop_ctx *c, proto_tree *tree, int off, int olen, uint8_t t)
{
    tvbuff_t *tvb = c->tvb;
    if (tree == NULL && !c->emit)
        return;
    proto_item *ti = NULL;
    proto_tree *ot = opt_subtree(c, tree, off, olen, t, &ti, MIPSHOP_RFC5568);
    if (olen < 4)
        return;
    proto_item *pi = proto_tree_add_item(ot, hf_mipshop_hkr_pad_length, tvb, off + 2, 1, ENC_NA);
    int pad = tvb_get_guint8(tvb, off + 2);
    proto_tree_add_item(ot, hf_mipshop_hkr_at, tvb, off + 3, 1, ENC_NA);
    proto_tree_add_item(ot, hf_mipshop_hkr_reserved, tvb, off + 3, 1, ENC_NA);
    int p = off + 4;
    if (t == MS_ND_OPT_HK_REPLY) {
        if (olen < 6)
            return;
        proto_tree_add_item(ot, hf_mipshop_hkr_lifetime, tvb, p, 2, ENC_BIG_ENDIAN);
        p += 2;
    }
    int keylen = off + olen - p - pad;
    if (keylen < 0) {
        mipshop_expert(c, pi, &ei_mipshop_ndopt_inner_len,
                       "Pad Length %d exceeds the %d octets left in the option (%s)", pad,
                       off + olen - p, val_to_str_const(t, mipshop_ref_nd_opt, "RFC 5269"));
        return;
    }
    if (keylen > 0)
        proto_tree_add_item(
            ot, t == MS_ND_OPT_HK_REPLY ? hf_mipshop_hkr_encrypted_key : hf_mipshop_hkr_public_key,
            tvb, p, keylen, ENC_NA);
    if (pad > 0)
        proto_tree_add_item(ot, hf_mipshop_ndopt_padding, tvb, p + keylen, pad, ENC_NA);
    if (pad >= 2)
        mipshop_expert(
            c, ti, &ei_mipshop_stock_hkr,
            "Stock Wireshark 4.0 skips 1 octet, not Pad Length %d, after the Padding and "
            "flags %d octet%s \"Unknown Data\"%s (RFC 5269 s4.%d)",
            pad, pad - 1, pad - 1 == 1 ? "" : "s",
            t == MS_ND_OPT_HK_REPLY ? "; it labels Key Lifetime \"Padding\"" : "",
            t == MS_ND_OPT_HK_REPLY ? 2 : 1);
    else if (t == MS_ND_OPT_HK_REPLY)
        mipshop_expert(c, ti, &ei_mipshop_stock_hkr,
                       "Stock Wireshark 4.0 labels the Key Lifetime \"Padding\" (RFC 5269 s4.2)");
}

/* ---- 29, 30 ---- */

static void
opt_rfc5271(const struct mipshop_ctx *c, proto_tree *tree, int off, int olen, uint8_t t)
{
    tvbuff_t *tvb = c->tvb;
    if (tree == NULL && !c->emit)
        return;
    proto_item *ti = NULL;
    proto_tree *ot = opt_subtree(c, tree, off, olen, t, &ti, MIPSHOP_RFC5568);
    gboolean hai = t == MS_ND_OPT_HANDOVER_ASSIST;
    proto_tree_add_item(ot, hai ? hf_mipshop_hai_code : hf_mipshop_ndmnid_code, tvb, off + 2, 1,
                        ENC_NA);
    proto_item *li = proto_tree_add_item(ot, hai ? hf_mipshop_hai_length : hf_mipshop_ndmnid_length,
                                         tvb, off + 3, 1, ENC_NA);
    int vlen = tvb_get_guint8(tvb, off + 3);
    uint8_t code = tvb_get_guint8(tvb, off + 2);
    if (4 + vlen > olen) {
        mipshop_expert(c, li, &ei_mipshop_ndopt_inner_len,
                       "%s %d runs past the option (%d octets left, RFC 5271 s6.%d)",
                       hai ? "HAI-Length" : "MN ID-Length", vlen, olen - 4, hai ? 1 : 2);
        return;
    }
    if (vlen > 0) {
        if (!hai && code == MS_ND_MNID_NAI)
            proto_tree_add_item(ot, hf_mipshop_ndmnid_nai, tvb, off + 4, vlen, ENC_UTF_8);
        else
            proto_tree_add_item(ot, hai ? hf_mipshop_hai_value : hf_mipshop_ndmnid_value, tvb,
                                off + 4, vlen, ENC_NA);
    }
    if (olen > 4 + vlen)
        proto_tree_add_item(ot, hf_mipshop_ndopt_padding, tvb, off + 4 + vlen, olen - 4 - vlen,
                            ENC_NA);
    mipshop_expert(c, ti, &ei_mipshop_stock_rfc5271,
                   "Stock Wireshark 4.0 subtracts a message offset from this option's Length (%d) "
                   "to size the padding and flags well-formed octets \"Unknown Data\" "
                   "(RFC 5271 s6.%d)",
                   olen, hai ? 1 : 2);
}

void
mipshop_ndopt_walk(const struct mipshop_ctx *c, proto_tree *tree, int off, int end,
                   struct mipshop_msg *m)
{
    tvbuff_t *tvb = c->tvb;
    while (off < end) {
        if (off + 2 > end || !mipshop_have(tvb, off, 2)) {
            proto_item *ti = proto_tree_add_item(tree, hf_mipshop_ndopt_type, tvb, off,
                                                 mipshop_have(tvb, off, 1) ? 1 : 0, ENC_NA);
            mipshop_expert(c, ti, &ei_mipshop_ndopt_overrun,
                           "ND option header at offset %d crosses the end of the message", off);
            return;
        }
        uint8_t t = tvb_get_guint8(tvb, off);
        int olen = tvb_get_guint8(tvb, off + 1) * ND_UNIT;
        if (olen == 0) {
            proto_item *ti =
                proto_tree_add_item(tree, hf_mipshop_ndopt_length, tvb, off + 1, 1, ENC_NA);
            mipshop_expert(c, ti, &ei_mipshop_ndopt_zero_len,
                           "%s with Length 0: RFC 4861 s4.6 makes the whole message invalid",
                           val_to_str(t, mipshop_vs_nd_opt, "ND option %u"));
            return;
        }
        if (off + olen > end || !mipshop_have(tvb, off, olen)) {
            proto_item *ti =
                proto_tree_add_item(tree, hf_mipshop_ndopt_length, tvb, off + 1, 1, ENC_NA);
            mipshop_expert(c, ti, &ei_mipshop_ndopt_overrun,
                           "%s with Length %d (%d octets) runs past the message (%d octets left)",
                           val_to_str(t, mipshop_vs_nd_opt, "ND option %u"), olen / ND_UNIT, olen,
                           end - off);
            return;
        }
        switch (t) {
        case MS_ND_OPT_IP_ADDR_PREFIX:
        case MS_ND_OPT_NEW_ROUTER_PREFIX:
            opt_ipaddr(c, tree, off, olen, t, m);
            break;
        case MS_ND_OPT_LLA:
            opt_lla(c, tree, off, olen, m);
            break;
        case MS_ND_OPT_NAACK:
            opt_naack(c, tree, off, olen, m);
            break;
        case MS_ND_OPT_HK_REQUEST:
        case MS_ND_OPT_HK_REPLY:
            opt_hkr(c, tree, off, olen, t);
            break;
        case MS_ND_OPT_HANDOVER_ASSIST:
        case MS_ND_OPT_MN_ID:
            opt_rfc5271(c, tree, off, olen, t);
            break;
        default:
            break; /* stock decodes the others right */
        }
        off += olen;
    }
}

void
mipshop_ndopt_fields(struct mipshop_fields *f)
{
    static hf_register_info hf[] = {
        {&hf_mipshop_ndopt_type,
         {"Type", "mipshop.ndopt.type", FT_UINT8, BASE_DEC, VALS(mipshop_vs_nd_opt), 0x0, NULL,
          HFILL}},
        {&hf_mipshop_ndopt_length,
         {"Length", "mipshop.ndopt.length", FT_UINT8, BASE_DEC, NULL, 0x0,
          "Units of 8 octets, Type and Length included", HFILL}},
        {&hf_mipshop_ipaddr_code,
         {"Option-Code", "mipshop.ipaddr.option_code", FT_UINT8, BASE_DEC,
          VALS(mipshop_vs_ipaddr_optcode), 0x0, NULL, HFILL}},
        {&hf_mipshop_ipaddr_plen,
         {"Prefix Length", "mipshop.ipaddr.prefix_length", FT_UINT8, BASE_DEC, NULL, 0x0, NULL,
          HFILL}},
        {&hf_mipshop_ipaddr_reserved,
         {"Reserved", "mipshop.ipaddr.reserved", FT_UINT32, BASE_HEX, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_ipaddr_address,
         {"IPv6 Address", "mipshop.ipaddr.address", FT_IPv6, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_nrpi_code,
         {"Option-Code", "mipshop.nrpi.option_code", FT_UINT8, BASE_DEC, NULL, 0x0,
          "RFC 4068 s6.4.2: 0", HFILL}},
        {&hf_mipshop_nrpi_prefix,
         {"Prefix", "mipshop.nrpi.prefix", FT_IPv6, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_lla_code,
         {"Option-Code", "mipshop.lla.option_code", FT_UINT8, BASE_DEC,
          VALS(mipshop_vs_lla_optcode), 0x0, NULL, HFILL}},
        {&hf_mipshop_lla_lla,
         {"Link-layer address", "mipshop.lla.address", FT_ETHER, BASE_NONE, NULL, 0x0,
          "6 octets on Ethernet (RFC 2464); the rest of the option is padding", HFILL}},
        {&hf_mipshop_lla_bytes,
         {"Link-layer address", "mipshop.lla.bytes", FT_BYTES, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_ndopt_padding,
         {"Padding", "mipshop.ndopt.padding", FT_BYTES, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_naack_code,
         {"Option-Code", "mipshop.naack.option_code", FT_UINT8, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_naack_status,
         {"Status", "mipshop.naack.status", FT_UINT8, BASE_DEC, VALS(mipshop_vs_naack_status), 0x0,
          "RFC 5568 s6.4.6", HFILL}},
        {&hf_mipshop_naack4068_status,
         {"Status", "mipshop.naack.status4068", FT_UINT8, BASE_DEC,
          VALS(mipshop_vs_naack4068_status), 0x0, "RFC 4068 s6.4.5", HFILL}},
        {&hf_mipshop_naack_reserved,
         {"Reserved", "mipshop.naack.reserved", FT_UINT32, BASE_HEX, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_naack_ncoa,
         {"Supplied NCoA", "mipshop.naack.ncoa", FT_IPv6, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_hkr_pad_length,
         {"Pad Length", "mipshop.hkr.pad_length", FT_UINT8, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_hkr_at,
         {"AT", "mipshop.hkr.at", FT_UINT8, BASE_DEC, NULL, 0xF0,
          "Algorithm type (RFC 5269 s4: no values assigned)", HFILL}},
        {&hf_mipshop_hkr_reserved,
         {"Reserved", "mipshop.hkr.reserved", FT_UINT8, BASE_HEX, NULL, 0x0F, NULL, HFILL}},
        {&hf_mipshop_hkr_lifetime,
         {"Key Lifetime", "mipshop.hkr.lifetime", FT_UINT16, BASE_DEC | BASE_UNIT_STRING,
          &units_second_seconds, 0x0, "HK-LIFETIME (RFC 5269 s4.2)", HFILL}},
        {&hf_mipshop_hkr_public_key,
         {"Handover Key Encryption Public Key", "mipshop.hkr.public_key", FT_BYTES, BASE_NONE, NULL,
          0x0, NULL, HFILL}},
        {&hf_mipshop_hkr_encrypted_key,
         {"Encrypted Handover Key", "mipshop.hkr.encrypted_key", FT_BYTES, BASE_NONE, NULL, 0x0,
          NULL, HFILL}},
        {&hf_mipshop_hai_code,
         {"Option-Code", "mipshop.hai.option_code", FT_UINT8, BASE_DEC,
          VALS(mipshop_vs_hai_optcode), 0x0, NULL, HFILL}},
        {&hf_mipshop_hai_length,
         {"HAI-Length", "mipshop.hai.length", FT_UINT8, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_hai_value,
         {"HAI-Value", "mipshop.hai.value", FT_BYTES, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_ndmnid_code,
         {"Option-Code", "mipshop.ndmnid.option_code", FT_UINT8, BASE_DEC,
          VALS(mipshop_vs_nd_mnid_optcode), 0x0, NULL, HFILL}},
        {&hf_mipshop_ndmnid_length,
         {"MN ID-Length", "mipshop.ndmnid.length", FT_UINT8, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_ndmnid_nai,
         {"NAI", "mipshop.ndmnid.nai", FT_STRING, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_ndmnid_value,
         {"MN ID", "mipshop.ndmnid.value", FT_BYTES, BASE_NONE, NULL, 0x0, NULL, HFILL}},
    };
    static gint *ett[] = {&ett_mipshop_ndopt};
    static ei_register_info ei[] = {
        {&ei_mipshop_ndopt_zero_len,
         {"mipshop.ndopt.zero_length", PI_MALFORMED, PI_ERROR, "ND option with Length 0", EXPFILL}},
        {&ei_mipshop_ndopt_overrun,
         {"mipshop.ndopt.overrun", PI_MALFORMED, PI_ERROR, "ND option runs past the message",
          EXPFILL}},
        {&ei_mipshop_ndopt_bad_len,
         {"mipshop.ndopt.bad_length", PI_MALFORMED, PI_ERROR, "ND option with a wrong Length",
          EXPFILL}},
        {&ei_mipshop_ndopt_code,
         {"mipshop.ndopt.undefined_code", PI_PROTOCOL, PI_WARN,
          "Option-Code or Status not defined by this RFC", EXPFILL}},
        {&ei_mipshop_ndopt_inner_len,
         {"mipshop.ndopt.inner_length", PI_MALFORMED, PI_ERROR,
          "An inner length runs past its ND option", EXPFILL}},
        {&ei_mipshop_stock_naack,
         {"mipshop.stock.naack_ncoa", PI_PROTOCOL, PI_NOTE,
          "Stock Wireshark 4.0 misplaces the NAACK supplied NCoA", EXPFILL}},
        {&ei_mipshop_stock_hkr,
         {"mipshop.stock.handover_key", PI_PROTOCOL, PI_NOTE,
          "Stock Wireshark 4.0 misreads the Handover Key option padding", EXPFILL}},
        {&ei_mipshop_stock_rfc5271,
         {"mipshop.stock.rfc5271_option", PI_PROTOCOL, PI_NOTE,
          "Stock Wireshark 4.0 reports RFC 5271 options as undecoded", EXPFILL}},
    };
    f->hf = hf;
    f->nhf = G_N_ELEMENTS(hf);
    f->ett = ett;
    f->nett = G_N_ELEMENTS(ett);
    f->ei = ei;
    f->nei = G_N_ELEMENTS(ei);
}
