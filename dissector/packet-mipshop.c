/* packet-mipshop.c - the "mipshop" Wireshark plugin: entry points, protocol,
 * preferences and handoff.
 *
 * Two dissectors share the protocol:
 *   - "mipshop.l2ev" on the ethertype table (MS_ETHERTYPE_L2EV): mipsim's
 *     layer-2 event frames, which stock Wireshark shows as data;
 *   - "mipshop", a postdissector: after stock ipv6/mip6/icmpv6 have done
 *     their work, it re-reads the frame (mipshop-parse.c) and adds a
 *     "MIPSHOP" tree to every frame of the MIPSHOP protocols.  It takes no
 *     packet away from a stock dissector, so captures decode the same
 *     without the plugin, and disabling mip6 or icmpv6 leaves it working.
 * Mobility options stock lacks go into stock's own "mip6.option" table
 * (mipshop-mhopt.c).
 */
#define WS_BUILD_DLL
#include "mipshop.h"

#include <epan/address.h>
#include <epan/tap.h>
#include <epan/to_str.h>
#include <wiretap/wtap.h>

#ifndef MIPSHOP_VERSION
#define MIPSHOP_VERSION "0.0.0"
#endif

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = MIPSHOP_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);
#if WIRESHARK_VERSION_MAJOR > 4 || (WIRESHARK_VERSION_MAJOR == 4 && WIRESHARK_VERSION_MINOR >= 2)
WS_DLL_PUBLIC uint32_t plugin_describe(void);
#endif

void proto_register_mipshop(void);
void proto_reg_handoff_mipshop(void);

int proto_mipshop = -1;
static gint ett_mipshop = -1;
static dissector_handle_t l2ev_handle;
static dissector_handle_t post_handle;

struct mipshop_prefs mipshop_prefs = {
    .fmip_variant = MIPSHOP_PREF_FMIP_AUTO,
    .badf_length = MIPSHOP_PREF_BADF_AUTO,
    .check_checksum = TRUE,
    .estimate_delay = TRUE,
    .access_delay_us = 0,
};

void
mipshop_expert(const struct mipshop_ctx *c, proto_item *pi, expert_field *ei, const char *fmt, ...)
{
    if (!c->emit)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *text = wmem_strdup_vprintf(c->pinfo->pool, fmt, ap);
    va_end(ap);
    expert_add_info_format(c->pinfo, pi, ei, "%s", text);
}

/* The frame facts of an L2 event, from what the Ethernet dissector left. */
static void
l2ev_pkt(packet_info *pinfo, struct mipshop_pkt *pkt)
{
    memset(pkt, 0, sizeof *pkt);
    pkt->ethertype = MS_ETHERTYPE_L2EV;
    pkt->l3_off = -1;
    pkt->ts_ns = (int64_t)pinfo->abs_ts.secs * 1000000000 + pinfo->abs_ts.nsecs;
    if (pinfo->rec != NULL && (pinfo->rec->presence_flags & WTAP_HAS_INTERFACE_ID))
        pkt->iface = pinfo->rec->rec_header.packet_header.interface_id;
    if (pinfo->dl_src.type == AT_ETHER && pinfo->dl_dst.type == AT_ETHER) {
        pkt->eth = TRUE;
        memcpy(pkt->eth_src, pinfo->dl_src.data, 6);
        memcpy(pkt->eth_dst, pinfo->dl_dst.data, 6);
    }
}

static int
dissect_mipshop_l2ev(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    struct mipshop_pkt pkt;
    l2ev_pkt(pinfo, &pkt);
    struct mipshop_ctx c = {.tvb = tvb, .pinfo = pinfo, .pkt = &pkt, .emit = TRUE};
    struct mipshop_msg m;
    mipshop_msg_init(&m);
    mipshop_l2ev_identify(tvb, &m);

    col_set_str(pinfo->cinfo, COL_PROTOCOL, "MIPSHOP");
    col_add_str(pinfo->cinfo, COL_INFO, m.name);
    proto_item *top = proto_tree_add_item(tree, proto_mipshop, tvb, 0, -1, ENC_NA);
    proto_tree *mt = proto_item_add_subtree(top, ett_mipshop);
    proto_item_append_text(top, ", %s", m.name);
    mipshop_msg_item(&c, mt, &m);
    mipshop_l2ev_decode(&c, mt, &m);
    if (m.has_mn_mac) {
        address a;
        set_address(&a, AT_ETHER, 6, m.mn_mac);
        col_append_fstr(pinfo->cinfo, COL_INFO, ", MN %s", address_to_str(pinfo->pool, &a));
    }
    if (m.ap_id[0] != '\0')
        col_append_fstr(pinfo->cinfo, COL_INFO, ", AP %s", m.ap_id);
    if (m.target_ap_id[0] != '\0')
        col_append_fstr(pinfo->cinfo, COL_INFO, ", target AP %s", m.target_ap_id);
    if (!PINFO_FD_VISITED(pinfo))
        mipshop_analysis_update(&c, &m);
    mipshop_analysis_tree(&c, mt, top, &m);
    return (int)tvb_captured_length(tvb);
}

/* Upper-layer data.  RFC 6275 s6.3, s6.4: the Home Address option and the
 * Type 2 Routing Header make it a MIPv6 data packet. */
static void
classify_data(const struct mipshop_pkt *pkt, const struct mipshop_ip6 *ip, int end,
              struct mipshop_msg *m)
{
    m->family = MIPSHOP_F_DATA;
    m->type = ip->proto;
    m->off = ip->l4_off;
    m->len = end - ip->l4_off;
    for (int i = 0; i < pkt->nip; i++)
        if (pkt->ip[i].has_hoa || pkt->ip[i].has_rh2)
            m->relevant = TRUE;
    if (pkt->ip[pkt->nip - 1].has_hoa)
        m->name = "Data with a Home Address option", m->ref = "RFC 6275 s6.3";
    else if (pkt->ip[pkt->nip - 1].has_rh2)
        m->name = "Data with a Type 2 Routing Header", m->ref = "RFC 6275 s6.4";
    else if (pkt->nip > 1)
        m->name = "Tunnelled data", m->ref = "RFC 6275 s10.4.2 (RFC 2473)";
    else
        m->name = "Data";
    m->abbrev = "data";
}

/* Names the message the innermost IPv6 header carries. */
static void
classify(tvbuff_t *tvb, const struct mipshop_pkt *pkt, struct mipshop_msg *m)
{
    const struct mipshop_ip6 *ip = mipshop_pkt_inner(pkt);
    if (ip == NULL || ip->fragment || ip->l4_off < 0)
        return;
    int end = MIN(ip->end, (int)tvb_captured_length(tvb));
    switch (ip->proto) {
    case MS_IPPROTO_MH:
        mipshop_mh_identify(tvb, ip->l4_off, end, m);
        break;
    case MS_IPPROTO_ICMPV6:
        mipshop_icmp_identify(tvb, ip->l4_off, end, m);
        /* An ICMPv6 message with no MIPSHOP meaning of its own (an Echo,
         * say) sent from or to a home address with the Home Address option
         * or a Type 2 Routing Header is MIPv6 data all the same (RFC 6275
         * s6.3, s6.4); without either it stays no concern of ours. */
        if (m->family == MIPSHOP_F_NONE) {
            gboolean mip = FALSE;
            for (int i = 0; i < pkt->nip; i++)
                if (pkt->ip[i].has_hoa || pkt->ip[i].has_rh2)
                    mip = TRUE;
            if (mip) {
                mipshop_msg_init(m);
                classify_data(pkt, ip, end, m);
            }
        }
        break;
    case MS_IPPROTO_NONE:
        break;
    default:
        classify_data(pkt, ip, end, m);
        break;
    }
}

static void
decode(const struct mipshop_ctx *c, proto_tree *tree, struct mipshop_msg *m)
{
    const struct mipshop_ip6 *ip = mipshop_pkt_inner(c->pkt);
    if (m->family == MIPSHOP_F_MH)
        mipshop_mh_decode(c, tree, ip, m);
    else if (m->family == MIPSHOP_F_ICMP)
        mipshop_icmp_decode(c, tree, ip, m);
    else if (ip != NULL) {
        m->src = ip->has_hoa ? ip->hoa : ip->src;
        m->dst = ip->has_rh2 && ip->rh2_segleft > 0 ? ip->rh2 : ip->dst;
        m->tunnelled = c->pkt->nip > 1;
    }
}

static int
dissect_mipshop_post(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    struct mipshop_pkt pkt;
    if (!mipshop_parse_frame(tvb, pinfo, &pkt) || pkt.ethertype != MS_ETHERTYPE_IPV6)
        return 0;
    struct mipshop_msg m;
    mipshop_msg_init(&m);
    classify(tvb, &pkt, &m);

    struct mipshop_ctx c = {.tvb = tvb, .pinfo = pinfo, .pkt = &pkt, .emit = FALSE};
    struct mipshop_msg facts = m;
    decode(&c, NULL, &facts);
    if (!PINFO_FD_VISITED(pinfo))
        mipshop_analysis_update(&c, &facts);
    if (!facts.relevant && !mipshop_analysis_has(pinfo))
        return 0;

    c.emit = TRUE;
    int off = m.off >= 0 ? m.off : pkt.l3_off;
    int len = m.off >= 0 && m.len > 0 ? m.len : -1;
    proto_item *top = proto_tree_add_item(tree, proto_mipshop, tvb, off, len, ENC_NA);
    proto_tree *mt = proto_item_add_subtree(top, ett_mipshop);
    /* The first decode settled the name and section (the FMIPv6 generation
     * can change them). */
    if (facts.name != NULL)
        proto_item_append_text(top, ", %s", facts.name);
    mipshop_msg_item(&c, mt, &facts);
    decode(&c, mt, &m);
    mipshop_analysis_tree(&c, mt, top, &m);
    return (int)tvb_captured_length(tvb);
}

static const enum_val_t fmip_variant_vals[] = {
    {"auto", "Automatic (RFC 4068 forms when the capture shows them)", MIPSHOP_PREF_FMIP_AUTO},
    {"rfc5568", "RFC 5568 / RFC 5268", MIPSHOP_PREF_FMIP_5568},
    {"rfc4068", "RFC 4068", MIPSHOP_PREF_FMIP_4068},
    {NULL, NULL, -1},
};

static const enum_val_t badf_length_vals[] = {
    {"auto", "Automatic (the reading after which only padding remains)", MIPSHOP_PREF_BADF_AUTO},
    {"spi", "SPI + Authenticator (RFC 6275 s6.2.1 rule)", MIPSHOP_PREF_BADF_SPI_COUNTED},
    {"auth", "Authenticator only (RFC 5568 s6.4.5 text)", MIPSHOP_PREF_BADF_AUTH_ONLY},
    {NULL, NULL, -1},
};

static void
register_family(void (*get)(struct mipshop_fields *))
{
    struct mipshop_fields f;
    memset(&f, 0, sizeof f);
    get(&f);
    if (f.nhf > 0)
        proto_register_field_array(proto_mipshop, f.hf, (int)f.nhf);
    if (f.nett > 0)
        proto_register_subtree_array(f.ett, (int)f.nett);
    if (f.nei > 0) {
        expert_module_t *em = expert_register_protocol(proto_mipshop);
        expert_register_field_array(em, f.ei, (int)f.nei);
    }
}

void
proto_register_mipshop(void)
{
    static gint *ett[] = {&ett_mipshop};

    proto_mipshop =
        proto_register_protocol("MIPSHOP analysis (MIPv6, HMIPv6, FMIPv6)", "MIPSHOP", "mipshop");
    proto_register_subtree_array(ett, G_N_ELEMENTS(ett));
    /* Every family's fields, subtrees and expert items, registered here at
     * once; nothing is registered at handoff. */
    register_family(mipshop_l2ev_fields);
    register_family(mipshop_mh_fields);
    register_family(mipshop_icmp_fields);
    register_family(mipshop_ndopt_fields);
    register_family(mipshop_mhopt_fields);
    register_family(mipshop_analysis_fields);

    module_t *mod = prefs_register_protocol(proto_mipshop, NULL);
    prefs_register_enum_preference(
        mod, "fmip_variant", "FMIPv6 encoding of Mobility Header messages",
        "How to read the FBU Lifetime and the MH Link-Layer Address option, which RFC 4068 "
        "encodes differently from RFC 5268/5568 with the same numbers (ICMPv6 type 150 and the "
        "FNA are RFC 4068 whatever this says)",
        &mipshop_prefs.fmip_variant, fmip_variant_vals, FALSE);
    prefs_register_enum_preference(
        mod, "badf_length", "BADF Option Length",
        "RFC 5568 s6.4.5 defines the BADF Option Length as the Authenticator's length; the generic "
        "mobility option rule (RFC 6275 s6.2.1) counts the SPI too",
        &mipshop_prefs.badf_length, badf_length_vals, FALSE);
    prefs_register_bool_preference(mod, "check_checksum", "Verify Mobility Header checksums",
                                   "RFC 6275 s6.1.1 (stock MIPv6 does not verify them)",
                                   &mipshop_prefs.check_checksum);
    prefs_register_bool_preference(
        mod, "estimate_access_delay", "Estimate the access-link delay",
        "Frames are timestamped when they are sent; a mobile node receives them one access-link "
        "delay later.  Estimate that delay from its Neighbor Solicitation/Advertisement "
        "exchanges (the smallest request-to-reply time) and add it to the frames sent to it",
        &mipshop_prefs.estimate_delay);
    prefs_register_uint_preference(
        mod, "access_delay_us", "Access-link delay (microseconds)",
        "Added to the frames sent to a mobile node when the delay is not estimated", 10,
        &mipshop_prefs.access_delay_us);

    l2ev_handle = register_dissector("mipshop.l2ev", dissect_mipshop_l2ev, proto_mipshop);
    post_handle = register_dissector("mipshop", dissect_mipshop_post, proto_mipshop);
    register_postdissector(post_handle);
    mipshop_analysis_init();
    mipshop_stats_register();
}

void
proto_reg_handoff_mipshop(void)
{
    dissector_add_uint("ethertype", MS_ETHERTYPE_L2EV, l2ev_handle);
    mipshop_mhopt_handoff();
}

void
plugin_register(void)
{
    static proto_plugin plug;
    static tap_plugin tap;

    plug.register_protoinfo = proto_register_mipshop;
    plug.register_handoff = proto_reg_handoff_mipshop;
    proto_register_plugin(&plug);
    tap.register_tap_listener = mipshop_stats_register_cli;
    tap_register_plugin(&tap);
}

#if WIRESHARK_VERSION_MAJOR > 4 || (WIRESHARK_VERSION_MAJOR == 4 && WIRESHARK_VERSION_MINOR >= 2)
uint32_t
plugin_describe(void)
{
    return WS_PLUGIN_DESC_DISSECTOR | WS_PLUGIN_DESC_TAP_LISTENER;
}
#endif
