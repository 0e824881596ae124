/* mipshop-l2ev.c - mipsim's layer-2 event frames (docs/L2-EVENTS.md).
 *
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Version = 1  |  Event Type   |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   TLV Type    |  TLV Length   |  Value (TLV Length octets) ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * .  more TLVs, then zero padding up to 46 octets of payload        .
 *
 * Length counts the TLV octets after the 4-octet header; padding is not
 * counted and a receiver ignores it.  Unknown TLV types are skipped whatever
 * their length (zero included); a known TLV has a fixed or bounded length and
 * appears once.  The frame is an Ethernet II frame with EtherType
 * MS_ETHERTYPE_L2EV from the access point's MAC to broadcast.
 */
#include "mipshop.h"

#include <epan/to_str.h>

#define L2EV_VERSION 1
#define L2EV_HLEN 4
#define L2EV_APID_MAX 32
#define L2EV_MAC_LEN 6
#define L2EV_PROFILE_LEN 1
#define L2EV_TIME_LEN 8

static int hf_mipshop_l2ev_version = -1;
static int hf_mipshop_l2ev_type = -1;
static int hf_mipshop_l2ev_length = -1;
static int hf_mipshop_l2ev_tlv_type = -1;
static int hf_mipshop_l2ev_tlv_length = -1;
static int hf_mipshop_l2ev_mn_mac = -1;
static int hf_mipshop_l2ev_ap_id = -1;
static int hf_mipshop_l2ev_target_ap_id = -1;
static int hf_mipshop_l2ev_link_type = -1;
static int hf_mipshop_l2ev_time_ns = -1;
static int hf_mipshop_l2ev_tlv_value = -1;
static int hf_mipshop_l2ev_padding = -1;

static gint ett_mipshop_l2ev = -1;
static gint ett_mipshop_l2ev_tlv = -1;

static expert_field ei_mipshop_l2ev_version = EI_INIT;
static expert_field ei_mipshop_l2ev_type = EI_INIT;
static expert_field ei_mipshop_l2ev_trunc = EI_INIT;
static expert_field ei_mipshop_l2ev_overrun = EI_INIT;
static expert_field ei_mipshop_l2ev_zero_len = EI_INIT;
static expert_field ei_mipshop_l2ev_bad_len = EI_INIT;
static expert_field ei_mipshop_l2ev_dup = EI_INIT;
static expert_field ei_mipshop_l2ev_bad_field = EI_INIT;
static expert_field ei_mipshop_l2ev_unknown_tlv = EI_INIT;

/* An AP identifier: 1 to 32 octets of well-formed UTF-8 without NUL. */
static gboolean
apid_ok(tvbuff_t *tvb, int off, int len)
{
    if (len < 1 || len > L2EV_APID_MAX || !mipshop_have(tvb, off, len))
        return FALSE;
    const uint8_t *p = tvb_get_ptr(tvb, off, len);
    if (memchr(p, 0, (size_t)len) != NULL)
        return FALSE;
    return g_utf8_validate((const gchar *)p, len, NULL);
}

/* The fixed length of a known TLV, or 0 for the variable ones. */
static int
tlv_fixed_len(uint8_t t)
{
    switch (t) {
    case MS_L2EV_TLV_MN_MAC:
        return L2EV_MAC_LEN;
    case MS_L2EV_TLV_LINK_TYPE:
        return L2EV_PROFILE_LEN;
    case MS_L2EV_TLV_TIME_NS:
        return L2EV_TIME_LEN;
    default:
        return 0;
    }
}

static gboolean
tlv_known(uint8_t t)
{
    return try_val_to_str(t, mipshop_vs_l2ev_tlv) != NULL;
}

static void
decode_tlv_value(const struct mipshop_ctx *c, proto_tree *tt, proto_item *ti, uint8_t t, int off,
                 int len, struct mipshop_msg *m)
{
    tvbuff_t *tvb = c->tvb;
    switch (t) {
    case MS_L2EV_TLV_MN_MAC:
        proto_tree_add_item(tt, hf_mipshop_l2ev_mn_mac, tvb, off, len, ENC_NA);
        tvb_memcpy(tvb, m->mn_mac, off, L2EV_MAC_LEN);
        m->has_mn_mac = TRUE;
        proto_item_append_text(ti, ": %s", tvb_ether_to_str(c->pinfo->pool, tvb, off));
        break;
    case MS_L2EV_TLV_AP_ID:
    case MS_L2EV_TLV_TARGET_AP_ID: {
        int hf = t == MS_L2EV_TLV_AP_ID ? hf_mipshop_l2ev_ap_id : hf_mipshop_l2ev_target_ap_id;
        proto_item *vi = proto_tree_add_item(tt, hf, tvb, off, len, ENC_UTF_8);
        if (!apid_ok(tvb, off, len)) {
            mipshop_expert(c, vi, &ei_mipshop_l2ev_bad_field,
                           "%s is not 1 to %d octets of UTF-8 without NUL (%d octets)",
                           val_to_str_const(t, mipshop_vs_l2ev_tlv, "AP ID"), L2EV_APID_MAX, len);
            break;
        }
        char *dst = t == MS_L2EV_TLV_AP_ID ? m->ap_id : m->target_ap_id;
        tvb_memcpy(tvb, dst, off, len);
        dst[len] = '\0';
        proto_item_append_text(ti, ": %s", dst);
        break;
    }
    case MS_L2EV_TLV_LINK_TYPE: {
        proto_item *vi = proto_tree_add_item(tt, hf_mipshop_l2ev_link_type, tvb, off, 1, ENC_NA);
        uint8_t prof = tvb_get_guint8(tvb, off);
        if (try_val_to_str(prof, mipshop_vs_l2ev_profile) == NULL)
            mipshop_expert(c, vi, &ei_mipshop_l2ev_bad_field,
                           "Link profile %u is not defined (docs/L2-EVENTS.md)", prof);
        proto_item_append_text(ti, ": %s", val_to_str_const(prof, mipshop_vs_l2ev_profile, "?"));
        break;
    }
    case MS_L2EV_TLV_TIME_NS: {
        uint64_t ns = tvb_get_ntoh64(tvb, off);
        proto_item *vi = proto_tree_add_uint64_format_value(
            tt, hf_mipshop_l2ev_time_ns, tvb, off, len, ns,
            "%" PRIu64 " ns (%" PRIu64 ".%06" PRIu64 " ms)", ns, ns / 1000000, ns % 1000000);
        if (ns > (uint64_t)G_MAXINT64)
            mipshop_expert(c, vi, &ei_mipshop_l2ev_bad_field, "Time %" PRIu64 " ns exceeds 2^63-1",
                           ns);
        proto_item_append_text(ti, ": %" PRIu64 " ns", ns);
        break;
    }
    default:
        break;
    }
}

/* Walks the TLVs from off to end (end = 4 + Length, clipped by the caller). */
static void
walk_tlvs(const struct mipshop_ctx *c, proto_tree *tree, int off, int end, struct mipshop_msg *m)
{
    tvbuff_t *tvb = c->tvb;
    uint32_t seen = 0;
    while (off < end) {
        if (off + 2 > end) {
            proto_item *ti =
                proto_tree_add_item(tree, hf_mipshop_l2ev_tlv_value, tvb, off, end - off, ENC_NA);
            mipshop_expert(c, ti, &ei_mipshop_l2ev_overrun,
                           "TLV header at offset %d crosses the end of Length (%d)", off,
                           end - L2EV_HLEN);
            return;
        }
        uint8_t t = tvb_get_guint8(tvb, off);
        uint8_t len = tvb_get_guint8(tvb, off + 1);
        proto_item *ti;
        proto_tree *tt = proto_tree_add_subtree_format(
            tree, tvb, off, MIN(2 + len, end - off), ett_mipshop_l2ev_tlv, &ti, "%s",
            val_to_str(t, mipshop_vs_l2ev_tlv, "Unknown TLV %u"));
        proto_tree_add_item(tt, hf_mipshop_l2ev_tlv_type, tvb, off, 1, ENC_NA);
        proto_item *li =
            proto_tree_add_item(tt, hf_mipshop_l2ev_tlv_length, tvb, off + 1, 1, ENC_NA);
        int voff = off + 2;
        if (voff + len > end) {
            mipshop_expert(c, li, &ei_mipshop_l2ev_overrun,
                           "TLV %u Length %u crosses the end of the event (%d octets left)", t, len,
                           end - voff);
            if (end > voff)
                proto_tree_add_item(tt, hf_mipshop_l2ev_tlv_value, tvb, voff, end - voff, ENC_NA);
            return;
        }
        if (!tlv_known(t)) {
            /* Skipped whatever its length, so the format can grow. */
            mipshop_expert(c, ti, &ei_mipshop_l2ev_unknown_tlv,
                           "Unknown TLV type %u (%u octets) skipped", t, len);
            if (len > 0)
                proto_tree_add_item(tt, hf_mipshop_l2ev_tlv_value, tvb, voff, len, ENC_NA);
        } else if (len == 0) {
            mipshop_expert(c, li, &ei_mipshop_l2ev_zero_len, "%s TLV with Length 0",
                           val_to_str_const(t, mipshop_vs_l2ev_tlv, "?"));
        } else if ((tlv_fixed_len(t) != 0 && len != tlv_fixed_len(t)) ||
                   (tlv_fixed_len(t) == 0 && len > L2EV_APID_MAX)) {
            mipshop_expert(c, li, &ei_mipshop_l2ev_bad_len, "%s TLV Length %u, should be %s%d",
                           val_to_str_const(t, mipshop_vs_l2ev_tlv, "?"), len,
                           tlv_fixed_len(t) != 0 ? "" : "at most ",
                           tlv_fixed_len(t) != 0 ? tlv_fixed_len(t) : L2EV_APID_MAX);
            proto_tree_add_item(tt, hf_mipshop_l2ev_tlv_value, tvb, voff, len, ENC_NA);
        } else {
            if (seen & (1u << t))
                mipshop_expert(c, ti, &ei_mipshop_l2ev_dup,
                               "%s TLV appears more than once; the first one counts",
                               val_to_str_const(t, mipshop_vs_l2ev_tlv, "?"));
            else
                decode_tlv_value(c, tt, ti, t, voff, len, m);
            seen |= 1u << t;
        }
        off = voff + len;
    }
}

void
mipshop_l2ev_identify(tvbuff_t *tvb, struct mipshop_msg *m)
{
    m->family = MIPSHOP_F_L2EV;
    m->relevant = TRUE;
    m->type = mipshop_have(tvb, 1, 1) ? tvb_get_guint8(tvb, 1) : -1;
    m->name = m->type >= 0 ? try_val_to_str((uint32_t)m->type, mipshop_vs_l2ev_type) : NULL;
    m->ref = m->type >= 0 ? try_val_to_str((uint32_t)m->type, mipshop_ref_l2ev_type) : NULL;
    if (m->name == NULL)
        m->name = "Unknown layer-2 event";
    m->abbrev = m->name;
}

void
mipshop_l2ev_decode(const struct mipshop_ctx *c, proto_tree *tree, struct mipshop_msg *m)
{
    tvbuff_t *tvb = c->tvb;
    int caplen = (int)tvb_captured_length(tvb);
    m->off = 0;
    m->len = caplen;
    proto_item *ti;
    proto_tree *lt = proto_tree_add_subtree(tree, tvb, 0, caplen, ett_mipshop_l2ev, &ti,
                                            "Layer-2 event (docs/L2-EVENTS.md)");
    if (caplen < L2EV_HLEN) {
        mipshop_expert(c, ti, &ei_mipshop_l2ev_trunc, "Event header truncated: %d of %d octets",
                       caplen, L2EV_HLEN);
        return;
    }
    proto_item *vi = proto_tree_add_item(lt, hf_mipshop_l2ev_version, tvb, 0, 1, ENC_NA);
    uint8_t ver = tvb_get_guint8(tvb, 0);
    if (ver != L2EV_VERSION)
        mipshop_expert(c, vi, &ei_mipshop_l2ev_version,
                       "Version %u, only %u is defined: the receiver rejects the event", ver,
                       L2EV_VERSION);
    proto_item *tyi = proto_tree_add_item(lt, hf_mipshop_l2ev_type, tvb, 1, 1, ENC_NA);
    uint8_t type = tvb_get_guint8(tvb, 1);
    if (try_val_to_str(type, mipshop_vs_l2ev_type) == NULL)
        mipshop_expert(c, tyi, &ei_mipshop_l2ev_type,
                       "Event Type %u is not defined: the receiver rejects the event", type);
    proto_item_append_text(ti, ": %s", m->name);
    proto_item *lni = proto_tree_add_item(lt, hf_mipshop_l2ev_length, tvb, 2, 2, ENC_BIG_ENDIAN);
    int length = tvb_get_ntohs(tvb, 2);
    int end = L2EV_HLEN + length;
    if (end > caplen) {
        mipshop_expert(c, lni, &ei_mipshop_l2ev_trunc,
                       "Length %d runs past the end of the frame (%d octets of TLVs)", length,
                       caplen - L2EV_HLEN);
        end = caplen;
    }
    if (ver != L2EV_VERSION)
        return;
    walk_tlvs(c, lt, L2EV_HLEN, end, m);
    if (end < caplen)
        proto_tree_add_item(lt, hf_mipshop_l2ev_padding, tvb, end, caplen - end, ENC_NA);
}

void
mipshop_l2ev_fields(struct mipshop_fields *f)
{
    static hf_register_info hf[] = {
        {&hf_mipshop_l2ev_version,
         {"Version", "mipshop.l2ev.version", FT_UINT8, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_l2ev_type,
         {"Event Type", "mipshop.l2ev.type", FT_UINT8, BASE_DEC, VALS(mipshop_vs_l2ev_type), 0x0,
          NULL, HFILL}},
        {&hf_mipshop_l2ev_length,
         {"Length", "mipshop.l2ev.length", FT_UINT16, BASE_DEC, NULL, 0x0,
          "Octets of TLVs after the 4-octet header", HFILL}},
        {&hf_mipshop_l2ev_tlv_type,
         {"TLV Type", "mipshop.l2ev.tlv.type", FT_UINT8, BASE_DEC, VALS(mipshop_vs_l2ev_tlv), 0x0,
          NULL, HFILL}},
        {&hf_mipshop_l2ev_tlv_length,
         {"TLV Length", "mipshop.l2ev.tlv.length", FT_UINT8, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_l2ev_mn_mac,
         {"Mobile node MAC", "mipshop.l2ev.mn_mac", FT_ETHER, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_l2ev_ap_id,
         {"AP ID", "mipshop.l2ev.ap_id", FT_STRING, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_l2ev_target_ap_id,
         {"Target AP ID", "mipshop.l2ev.target_ap_id", FT_STRING, BASE_NONE, NULL, 0x0, NULL,
          HFILL}},
        {&hf_mipshop_l2ev_link_type,
         {"Link profile", "mipshop.l2ev.link_type", FT_UINT8, BASE_DEC,
          VALS(mipshop_vs_l2ev_profile), 0x0, NULL, HFILL}},
        {&hf_mipshop_l2ev_time_ns,
         {"Time to event", "mipshop.l2ev.time_ns", FT_UINT64, BASE_DEC, NULL, 0x0,
          "Nanoseconds until the expected event", HFILL}},
        {&hf_mipshop_l2ev_tlv_value,
         {"TLV value", "mipshop.l2ev.tlv.value", FT_BYTES, BASE_NONE, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_l2ev_padding,
         {"Padding", "mipshop.l2ev.padding", FT_BYTES, BASE_NONE, NULL, 0x0,
          "Zero padding to the Ethernet minimum, ignored", HFILL}},
    };
    static gint *ett[] = {&ett_mipshop_l2ev, &ett_mipshop_l2ev_tlv};
    static ei_register_info ei[] = {
        {&ei_mipshop_l2ev_version,
         {"mipshop.l2ev.bad_version", PI_MALFORMED, PI_ERROR, "Unknown L2 event version", EXPFILL}},
        {&ei_mipshop_l2ev_type,
         {"mipshop.l2ev.unknown_type", PI_MALFORMED, PI_ERROR, "Unknown L2 event type", EXPFILL}},
        {&ei_mipshop_l2ev_trunc,
         {"mipshop.l2ev.truncated", PI_MALFORMED, PI_ERROR, "L2 event truncated", EXPFILL}},
        {&ei_mipshop_l2ev_overrun,
         {"mipshop.l2ev.tlv_overrun", PI_MALFORMED, PI_ERROR, "L2 event TLV crosses Length",
          EXPFILL}},
        {&ei_mipshop_l2ev_zero_len,
         {"mipshop.l2ev.zero_length", PI_MALFORMED, PI_ERROR, "Known L2 event TLV with Length 0",
          EXPFILL}},
        {&ei_mipshop_l2ev_bad_len,
         {"mipshop.l2ev.bad_length", PI_MALFORMED, PI_ERROR, "L2 event TLV with a wrong Length",
          EXPFILL}},
        {&ei_mipshop_l2ev_dup,
         {"mipshop.l2ev.duplicate_tlv", PI_MALFORMED, PI_WARN, "L2 event TLV repeated", EXPFILL}},
        {&ei_mipshop_l2ev_bad_field,
         {"mipshop.l2ev.bad_field", PI_MALFORMED, PI_ERROR, "L2 event TLV value out of range",
          EXPFILL}},
        {&ei_mipshop_l2ev_unknown_tlv,
         {"mipshop.l2ev.unknown_tlv", PI_PROTOCOL, PI_NOTE, "Unknown L2 event TLV skipped",
          EXPFILL}},
    };
    f->hf = hf;
    f->nhf = G_N_ELEMENTS(hf);
    f->ett = ett;
    f->nett = G_N_ELEMENTS(ett);
    f->ei = ei;
    f->nei = G_N_ELEMENTS(ei);
}
