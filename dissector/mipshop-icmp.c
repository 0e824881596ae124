/* mipshop-icmp.c - the ICMPv6 messages of MIPv6, HMIPv6 and FMIPv6.
 *
 * FMIPv6 messages (RFC 5568 s6.1, RFC 5268 s6.1-6.2, RFC 4068 s6.1-6.2):
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |     Code      |          Checksum             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Subtype     |S|U| Reserved  |          Identifier           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Options ...
 * Type 154 (RFC 5268/5568) or, under RFC 4068, 150 (the Experimental
 * Mobility Protocol type of RFC 4065 s4).  S and U are the HI's flags; the
 * PrRtAdv's first bit is RFC 5271's R or RFC 7411's M.  These are decoded
 * field by field, with the meanings of the RFC the type implies: stock
 * Wireshark 4.0 applies the RFC 4068 HAck codes to type 154 as well.
 *
 * For DHAAD (RFC 6275 s6.5-6.6), MPS/MPA (s6.7-6.8), RAs with MIPv6/HMIPv6/
 * FMIPv6 options and the FMIPv6 UNA (RFC 5568 s6.3) stock decodes the
 * fields; the plugin reads them for the analysis and corrects the options
 * stock misreads (mipshop-ndopt.c).
 */
#include "mipshop.h"

#define ICMP_HLEN 4
#define FMIP_HLEN 8 /* Type .. Identifier */
#define RA_HLEN 16  /* RFC 4861 s4.2 */
#define NA_HLEN 24  /* RFC 4861 s4.4 */
#define NS_HLEN 24  /* RFC 4861 s4.3 */
#define RS_HLEN 8   /* RFC 4861 s4.1 */
#define MIP_HLEN 8  /* DHAAD, MPS, MPA: Identifier, Reserved/flags */

static int hf_mipshop_fmip_type = -1;
static int hf_mipshop_fmip_code = -1;
static int hf_mipshop_fmip_prrtadv_code = -1;
static int hf_mipshop_fmip_hi_code = -1;
static int hf_mipshop_fmip_hack_code = -1;
static int hf_mipshop_fmip_hack4068_code = -1;
static int hf_mipshop_fmip_subtype = -1;
static int hf_mipshop_fmip_flags = -1;
static int hf_mipshop_fmip_hi_s = -1;
static int hf_mipshop_fmip_hi_u = -1;
static int hf_mipshop_fmip_prrtadv_r = -1;
static int hf_mipshop_fmip_reserved = -1;
static int hf_mipshop_fmip_identifier = -1;
static int hf_mipshop_icmp_checksum = -1;
static int hf_mipshop_icmp_checksum_status = -1;

static gint ett_mipshop_icmp = -1;

static expert_field ei_mipshop_icmp_bad_checksum = EI_INIT;
static expert_field ei_mipshop_icmp_trunc = EI_INIT;
static expert_field ei_mipshop_icmp_code = EI_INIT;
static expert_field ei_mipshop_icmp_status = EI_INIT;
static expert_field ei_mipshop_stock_hack154 = EI_INIT;

static const true_false_string tfs_set = {"Set", "Not set"};

static gboolean
fmip_type(int type)
{
    return type == MS_ICMP6_FMIP || type == MS_ICMP6_EXP_MOBILITY;
}

/* RFC 4068's sections for its four messages (codepoints.h names the RFC
 * 5568/5268 ones). */
static const char *
ref4068(int subtype)
{
    switch (subtype) {
    case MS_FMIP_RTSOLPR:
        return "RFC 4068 s6.1.1";
    case MS_FMIP_PRRTADV:
        return "RFC 4068 s6.1.2";
    case MS_FMIP_HI:
        return "RFC 4068 s6.2.1";
    case MS_FMIP_HACK:
        return "RFC 4068 s6.2.2";
    default:
        return "RFC 4065 s4";
    }
}

void
mipshop_icmp_identify(tvbuff_t *tvb, int off, int end, struct mipshop_msg *m)
{
    m->family = MIPSHOP_F_ICMP;
    m->off = off;
    m->len = MAX(end - off, 0);
    if (!mipshop_have(tvb, off, 2)) {
        m->family = MIPSHOP_F_NONE;
        return;
    }
    int type = tvb_get_guint8(tvb, off);
    m->type = type;
    m->code = tvb_get_guint8(tvb, off + 1);
    m->name = val_to_str_const((uint32_t)type, mipshop_vs_icmp6_type, "ICMPv6");
    m->ref = try_val_to_str((uint32_t)type, mipshop_ref_icmp6_type);
    m->abbrev = mipshop_icmp_abbrev((guint)type, -1);
    if (fmip_type(type)) {
        m->relevant = TRUE;
        m->variant = type == MS_ICMP6_EXP_MOBILITY ? MIPSHOP_RFC4068 : MIPSHOP_RFC5568;
        if (!mipshop_have(tvb, off + 4, 1))
            return;
        m->subtype = tvb_get_guint8(tvb, off + 4);
        m->abbrev = mipshop_icmp_abbrev((guint)type, m->subtype);
        const char *sub = try_val_to_str((uint32_t)m->subtype, mipshop_vs_fmip_subtype);
        if (sub != NULL)
            m->name = sub;
        if (type == MS_ICMP6_EXP_MOBILITY)
            m->ref = ref4068(m->subtype);
        else
            m->ref =
                val_to_str_const((uint32_t)m->subtype, mipshop_ref_fmip_subtype, "RFC 5568 s6.1");
        if (type == MS_ICMP6_FMIP && (m->subtype == MS_FMIP_HI || m->subtype == MS_FMIP_HACK))
            m->variant = MIPSHOP_RFC5268;
        return;
    }
    switch (type) {
    case MS_ICMP6_DHAAD_REQUEST:
    case MS_ICMP6_DHAAD_REPLY:
    case MS_ICMP6_MPS:
    case MS_ICMP6_MPA:
        m->relevant = TRUE;
        break;
    case MS_ICMP6_RA: {
        gboolean h = mipshop_have(tvb, off + 5, 1) && (tvb_get_guint8(tvb, off + 5) & MS_RA_F_H);
        const char *refs = mipshop_ndopt_refs(tvb, off + RA_HLEN, end, h);
        if (refs != NULL) {
            m->relevant = TRUE;
            m->name = "Router Advertisement with MIPv6/HMIPv6/FMIPv6 information";
            m->ref = refs;
        }
        break;
    }
    case MS_ICMP6_NA:
        m->nd_na = TRUE;
        if (mipshop_have(tvb, off + 4, 1) &&
            (tvb_get_guint8(tvb, off + 4) & (MS_NA_F_R | MS_NA_F_S | MS_NA_F_O) >> 24) == 0) {
            /* RFC 5568 s6.3: the UNA is an NA with R, S and O clear. */
            m->relevant = TRUE;
            m->name = "Unsolicited Neighbor Advertisement (UNA)";
            m->ref = "RFC 5568 s6.3";
            m->abbrev = "UNA";
        } else if (mipshop_ndopt_interesting(tvb, off + NA_HLEN, end)) {
            m->relevant = TRUE;
        }
        break;
    case MS_ICMP6_NS:
        m->nd_ns = TRUE;
        if (mipshop_ndopt_interesting(tvb, off + NS_HLEN, end)) {
            m->relevant = TRUE;
            m->name = "Neighbor Solicitation with SEND options";
            m->ref = "RFC 4861 s4.3, RFC 3971 s5";
        }
        break;
    case MS_ICMP6_RS:
        if (mipshop_ndopt_interesting(tvb, off + RS_HLEN, end)) {
            m->relevant = TRUE;
            m->name = "Router Solicitation with SEND options";
            m->ref = "RFC 4861 s4.1, RFC 3971 s5";
        }
        break;
    case MS_ICMP6_CPS:
    case MS_ICMP6_CPA:
        /* SEND certification paths (RFC 3971 s6.4), for the ARs' keys. */
        m->relevant = TRUE;
        break;
    default:
        m->family = MIPSHOP_F_NONE;
        break;
    }
}

static void
checksum_item(const struct mipshop_ctx *c, proto_tree *tree, const struct mipshop_ip6 *ip,
              const struct mipshop_msg *m, int len)
{
    if (!c->emit || tree == NULL || !mipshop_have(c->tvb, m->off, len) || len < ICMP_HLEN)
        return;
    proto_tree_add_checksum(
        tree, c->tvb, (guint)m->off + 2, hf_mipshop_icmp_checksum, hf_mipshop_icmp_checksum_status,
        &ei_mipshop_icmp_bad_checksum, c->pinfo,
        mipshop_l4_cksum(c->tvb, m->off, len, ip, MS_IPPROTO_ICMPV6, m->off + 2), ENC_BIG_ENDIAN,
        PROTO_CHECKSUM_VERIFY);
}

/* The Code of an FMIPv6 message, with the meaning its subtype and RFC give. */
static void
fmip_code(const struct mipshop_ctx *c, proto_tree *t, struct mipshop_msg *m)
{
    tvbuff_t *tvb = c->tvb;
    int off = m->off;
    guint code = (guint)m->code;
    gboolean v4068 = m->variant == MIPSHOP_RFC4068;
    proto_item *ci;
    switch (m->subtype) {
    case MS_FMIP_PRRTADV:
        ci = proto_tree_add_item(t, hf_mipshop_fmip_prrtadv_code, tvb, off + 1, 1, ENC_NA);
        if (try_val_to_str(code, mipshop_vs_prrtadv_code) == NULL ||
            (v4068 && code == MS_PRRTADV_DHCP))
            mipshop_expert(c, ci, &ei_mipshop_icmp_code, "PrRtAdv Code %u is not defined by %s",
                           code, v4068 ? "RFC 4068 s6.1.2 (0-4)" : "RFC 5568 s6.1.2 (0-5)");
        break;
    case MS_FMIP_HI:
        ci = proto_tree_add_item(t, hf_mipshop_fmip_hi_code, tvb, off + 1, 1, ENC_NA);
        if (code != MS_HI_FBU_FROM_PCOA && code != MS_HI_FBU_NOT_FROM_PCOA)
            mipshop_expert(c, ci, &ei_mipshop_icmp_code,
                           "HI Code %u: the ICMP form defines 0 and 1 only (%s)", code,
                           v4068 ? "RFC 4068 s6.2.1" : "RFC 5268 s6.2.1");
        break;
    case MS_FMIP_HACK: {
        const value_string *vs = v4068 ? mipshop_vs_hack4068_code : mipshop_vs_hack_code;
        ci = proto_tree_add_item(t,
                                 v4068 ? hf_mipshop_fmip_hack4068_code : hf_mipshop_fmip_hack_code,
                                 tvb, off + 1, 1, ENC_NA);
        /* RFC 5949 s6.1.2's codes extend the MH form only. */
        gboolean pfmip = code == MS_HACK_CONTEXT_ACCEPTED || code == MS_HACK_ALL_CONTEXT ||
                         code == MS_HACK_CONTEXT_UNAVAILABLE ||
                         code == MS_HACK_FORWARDING_UNAVAILABLE;
        if (try_val_to_str(code, vs) == NULL || (!v4068 && pfmip))
            mipshop_expert(c, ci, &ei_mipshop_icmp_code, "HAck Code %u is not defined by %s", code,
                           v4068 ? "RFC 4068 s6.2.2"
                                 : "RFC 5268 s6.2.2 (RFC 5949 extends only the MH form)");
        if (code >= 128)
            mipshop_expert(c, ci, &ei_mipshop_icmp_status, "HAck code %u: %s", code,
                           val_to_str_const(code, vs, "handover not accepted"));
        /* Codes 2-4 mean different things in RFC 4068 and RFC 5268. */
        if (!v4068 && code >= MS_HACK_ACCEPTED_NCOA_ASSIGNED && code <= MS_HACK_UNSOLICITED)
            mipshop_expert(c, ci, &ei_mipshop_stock_hack154,
                           "Stock Wireshark 4.0 reads type 154 HAck codes with the RFC 4068 table "
                           "(\"%s\"); RFC 5268 s6.2.2 defines %u as \"%s\"",
                           val_to_str_const(code, mipshop_vs_hack4068_code, "?"), code,
                           val_to_str_const(code, mipshop_vs_hack_code, "?"));
        break;
    }
    default:
        proto_tree_add_item(t, hf_mipshop_fmip_code, tvb, off + 1, 1, ENC_NA);
        break;
    }
}

static void
decode_fmip(const struct mipshop_ctx *c, proto_tree *tree, const struct mipshop_ip6 *ip,
            struct mipshop_msg *m, int end)
{
    tvbuff_t *tvb = c->tvb;
    int off = m->off;
    proto_item *ti = NULL;
    proto_tree *t = NULL;
    if (tree != NULL)
        t = proto_tree_add_subtree_format(tree, tvb, off, end - off, ett_mipshop_icmp, &ti,
                                          "%s (%s, ICMPv6 type %d)", m->name, m->ref, m->type);
    if (end - off < FMIP_HLEN) {
        mipshop_expert(c, ti, &ei_mipshop_icmp_trunc,
                       "FMIPv6 message of %d octets: the header alone is %d", end - off, FMIP_HLEN);
        return;
    }
    m->id = tvb_get_ntohs(tvb, off + 6);
    m->flags = tvb_get_guint8(tvb, off + 5);
    proto_tree_add_item(t, hf_mipshop_fmip_type, tvb, off, 1, ENC_NA);
    fmip_code(c, t, m);
    checksum_item(c, t, ip, m, end - off);
    proto_tree_add_item(t, hf_mipshop_fmip_subtype, tvb, off + 4, 1, ENC_NA);
    switch (m->subtype) {
    case MS_FMIP_HI: {
        static int *const hi_flags[] = {&hf_mipshop_fmip_hi_s, &hf_mipshop_fmip_hi_u, NULL};
        proto_tree_add_bitmask(t, tvb, off + 5, hf_mipshop_fmip_flags, ett_mipshop_icmp, hi_flags,
                               ENC_NA);
        break;
    }
    case MS_FMIP_PRRTADV: {
        static int *const pr_flags[] = {&hf_mipshop_fmip_prrtadv_r, NULL};
        proto_tree_add_bitmask(t, tvb, off + 5, hf_mipshop_fmip_flags, ett_mipshop_icmp, pr_flags,
                               ENC_NA);
        break;
    }
    default:
        proto_tree_add_item(t, hf_mipshop_fmip_reserved, tvb, off + 5, 1, ENC_NA);
        break;
    }
    proto_tree_add_item(t, hf_mipshop_fmip_identifier, tvb, off + 6, 2, ENC_BIG_ENDIAN);
    switch (m->subtype) {
    case MS_FMIP_RTSOLPR:
        m->tk = MIPSHOP_TK_RTSOLPR;
        m->is_request = TRUE;
        m->expects_response = TRUE;
        break;
    case MS_FMIP_PRRTADV:
        m->status = m->code;
        /* Identifier 0: unsolicited (RFC 5568 s6.1.2). */
        if (m->id != 0) {
            m->tk = MIPSHOP_TK_RTSOLPR;
            m->is_response = TRUE;
        }
        break;
    case MS_FMIP_HI:
        m->tk = MIPSHOP_TK_HI;
        m->is_request = TRUE;
        m->expects_response = TRUE;
        break;
    case MS_FMIP_HACK:
        m->tk = MIPSHOP_TK_HI;
        m->is_response = TRUE;
        m->status = m->code;
        break;
    default:
        break;
    }
    mipshop_ndopt_walk(c, t, off + FMIP_HLEN, end, m);
}

void
mipshop_icmp_decode(const struct mipshop_ctx *c, proto_tree *tree, const struct mipshop_ip6 *ip,
                    struct mipshop_msg *m)
{
    tvbuff_t *tvb = c->tvb;
    int off = m->off;
    int end = MIN(ip->end, (int)tvb_captured_length(tvb));
    m->src = ip->has_hoa ? ip->hoa : ip->src;
    m->dst = ip->has_rh2 && ip->rh2_segleft > 0 ? ip->rh2 : ip->dst;
    m->tunnelled = c->pkt->nip > 1;
    if (end <= off)
        return;
    m->hash = mipshop_hash(tvb, off, end - off);
    if (fmip_type(m->type)) {
        decode_fmip(c, tree, ip, m, end);
        return;
    }
    /* The NAACK Status table depends on the generation (RFC 4068 s6.4.5). */
    if (mipshop_prefs.fmip_variant == MIPSHOP_PREF_FMIP_4068 ||
        (mipshop_prefs.fmip_variant == MIPSHOP_PREF_FMIP_AUTO &&
         mipshop_analysis_4068_at(c->pinfo->num)))
        m->variant = MIPSHOP_RFC4068;
    proto_item *ti = NULL;
    proto_tree *t = NULL;
    if (tree != NULL && m->relevant)
        t = proto_tree_add_subtree_format(tree, tvb, off, end - off, ett_mipshop_icmp, &ti,
                                          "%s (%s)", m->name, m->ref != NULL ? m->ref : "RFC 4443");
    if (m->relevant && end - off >= ICMP_HLEN)
        checksum_item(c, t, ip, m, end - off);
    switch (m->type) {
    case MS_ICMP6_DHAAD_REQUEST:
    case MS_ICMP6_DHAAD_REPLY:
    case MS_ICMP6_MPS:
    case MS_ICMP6_MPA:
        if (end - off < MIP_HLEN) {
            mipshop_expert(c, ti, &ei_mipshop_icmp_trunc, "%s of %d octets, at least %d expected",
                           m->abbrev, end - off, MIP_HLEN);
            return;
        }
        m->id = tvb_get_ntohs(tvb, off + 4);
        m->tk = m->type <= MS_ICMP6_DHAAD_REPLY ? MIPSHOP_TK_DHAAD : MIPSHOP_TK_MPS;
        m->is_request = m->type == MS_ICMP6_DHAAD_REQUEST || m->type == MS_ICMP6_MPS;
        m->is_response = !m->is_request;
        m->expects_response = m->is_request;
        if (m->type == MS_ICMP6_MPS && ip->has_hoa) {
            m->has_hoa = TRUE;
            m->hoa = ip->hoa;
        } else if (m->type == MS_ICMP6_MPA && ip->has_rh2) {
            m->has_hoa = TRUE;
            m->hoa = ip->rh2;
        }
        if (m->type == MS_ICMP6_MPA)
            mipshop_ndopt_walk(c, t, off + MIP_HLEN, end, m);
        break;
    case MS_ICMP6_RA:
        if (end - off >= RA_HLEN)
            mipshop_ndopt_walk(c, t, off + RA_HLEN, end, m);
        break;
    case MS_ICMP6_NA:
        if (end - off >= NA_HLEN) {
            m->na_solicited = (tvb_get_guint8(tvb, off + 4) & (MS_NA_F_S >> 24)) != 0;
            tvb_get_ipv6(tvb, off + 8, &m->nd_target);
            mipshop_ndopt_walk(c, t, off + NA_HLEN, end, m);
        }
        break;
    case MS_ICMP6_NS:
        if (end - off >= NS_HLEN)
            tvb_get_ipv6(tvb, off + 8, &m->nd_target);
        break;
    default:
        break;
    }
}

void
mipshop_icmp_fields(struct mipshop_fields *f)
{
    static hf_register_info hf[] = {
        {&hf_mipshop_fmip_type,
         {"Type", "mipshop.fmip.type", FT_UINT8, BASE_DEC, VALS(mipshop_vs_icmp6_type), 0x0,
          "154 (RFC 5568 s6.1) or 150 (RFC 4068, the RFC 4065 s4 experimental mobility type)",
          HFILL}},
        {&hf_mipshop_fmip_code,
         {"Code", "mipshop.fmip.code", FT_UINT8, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_fmip_prrtadv_code,
         {"Code", "mipshop.fmip.prrtadv.code", FT_UINT8, BASE_DEC, VALS(mipshop_vs_prrtadv_code),
          0x0, "RFC 5568 s6.1.2 (RFC 4068: 0-4)", HFILL}},
        {&hf_mipshop_fmip_hi_code,
         {"Code", "mipshop.fmip.hi.code", FT_UINT8, BASE_DEC, VALS(mipshop_vs_hi_code), 0x0,
          "RFC 5268 s6.2.1, RFC 4068 s6.2.1", HFILL}},
        {&hf_mipshop_fmip_hack_code,
         {"Code", "mipshop.fmip.hack.code", FT_UINT8, BASE_DEC, VALS(mipshop_vs_hack_code), 0x0,
          "RFC 5268 s6.2.2 meanings (type 154)", HFILL}},
        {&hf_mipshop_fmip_hack4068_code,
         {"Code", "mipshop.fmip.hack.code4068", FT_UINT8, BASE_DEC, VALS(mipshop_vs_hack4068_code),
          0x0, "RFC 4068 s6.2.2 meanings (type 150)", HFILL}},
        {&hf_mipshop_fmip_subtype,
         {"Subtype", "mipshop.fmip.subtype", FT_UINT8, BASE_DEC, VALS(mipshop_vs_fmip_subtype), 0x0,
          NULL, HFILL}},
        {&hf_mipshop_fmip_flags,
         {"Flags", "mipshop.fmip.flags", FT_UINT8, BASE_HEX, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_fmip_hi_s,
         {"Assigned address configuration (S)", "mipshop.fmip.hi.s_flag", FT_BOOLEAN, 8,
          TFS(&tfs_set), MS_HI_ICMP_F_S, NULL, HFILL}},
        {&hf_mipshop_fmip_hi_u,
         {"Buffer (U)", "mipshop.fmip.hi.u_flag", FT_BOOLEAN, 8, TFS(&tfs_set), MS_HI_ICMP_F_U,
          NULL, HFILL}},
        {&hf_mipshop_fmip_prrtadv_r,
         {"Reactive only (R, RFC 5271) / multicast (M, RFC 7411)", "mipshop.fmip.prrtadv.r_flag",
          FT_BOOLEAN, 8, TFS(&tfs_set), MS_PRRTADV_F_R_OR_M,
          "Both RFCs claim this bit (CODEPOINTS gotcha 6)", HFILL}},
        {&hf_mipshop_fmip_reserved,
         {"Reserved", "mipshop.fmip.reserved", FT_UINT8, BASE_HEX, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_fmip_identifier,
         {"Identifier", "mipshop.fmip.identifier", FT_UINT16, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_icmp_checksum,
         {"Checksum", "mipshop.icmp.checksum", FT_UINT16, BASE_HEX, NULL, 0x0,
          "With the home address as source when a Home Address option is present (RFC 6275 "
          "s6.3)",
          HFILL}},
        {&hf_mipshop_icmp_checksum_status,
         {"Checksum Status", "mipshop.icmp.checksum.status", FT_UINT8, BASE_NONE,
          VALS(proto_checksum_vals), 0x0, NULL, HFILL}},
    };
    static gint *ett[] = {&ett_mipshop_icmp};
    static ei_register_info ei[] = {
        {&ei_mipshop_icmp_bad_checksum,
         {"mipshop.icmp.bad_checksum", PI_CHECKSUM, PI_ERROR, "Bad ICMPv6 checksum", EXPFILL}},
        {&ei_mipshop_icmp_trunc,
         {"mipshop.icmp.truncated", PI_MALFORMED, PI_ERROR, "ICMPv6 message truncated", EXPFILL}},
        {&ei_mipshop_icmp_code,
         {"mipshop.icmp.undefined_code", PI_PROTOCOL, PI_WARN, "Code not defined by this RFC",
          EXPFILL}},
        {&ei_mipshop_icmp_status,
         {"mipshop.icmp.rejected", PI_RESPONSE_CODE, PI_WARN, "Request rejected (code >= 128)",
          EXPFILL}},
        {&ei_mipshop_stock_hack154,
         {"mipshop.stock.hack154_code", PI_PROTOCOL, PI_NOTE,
          "Stock Wireshark 4.0 applies RFC 4068 HAck codes to type 154", EXPFILL}},
    };
    f->hf = hf;
    f->nhf = G_N_ELEMENTS(hf);
    f->ett = ett;
    f->nett = G_N_ELEMENTS(ett);
    f->ei = ei;
    f->nei = G_N_ELEMENTS(ei);
}
