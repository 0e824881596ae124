/* mipshop-mhopt.c - mobility options stock Wireshark 4.0 does not know,
 * hooked into its "mip6.option" table so that stock's own MIPv6 tree names
 * them instead of "IE data not dissected yet".
 *
 * RFC 7411 s5.3 (60, Multicast Mobility) and s5.4 (61, Multicast
 * Acknowledgement):
 *   | Type | Length | Option-Code | Reserved (60) / Status (61) |
 *   | MLD or IGMP (Unsupported) Report Payload ...                |
 * Length counts 32-bit words after the first 4 octets.  Stock's option walk
 * hands each option 2 + Length octets (the RFC 6275 s6.2.1 rule), so this
 * dissector sees only the start of the option and says so; the mipshop tree
 * (mipshop-mh.c) decodes the whole of it.
 */
#include "mipshop.h"

#define MCAST_HLEN 4
#define MCAST_UNIT 4

static int hf_mipshop_mip6opt_length = -1;
static int hf_mipshop_mip6opt_code = -1;
static int hf_mipshop_mip6opt_reserved = -1;
static int hf_mipshop_mip6opt_ack_code = -1;
static int hf_mipshop_mip6opt_ack_status = -1;

static gint ett_mipshop_mip6opt = -1;

static expert_field ei_mipshop_stock_mcast_walk = EI_INIT;

static int
dissect_mcast_opt(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    int have = (int)tvb_captured_length(tvb);
    if (have < 2)
        return 0;
    uint8_t t = tvb_get_guint8(tvb, 0);
    uint8_t len = tvb_get_guint8(tvb, 1);
    proto_item *ti;
    proto_tree *ot = proto_tree_add_subtree_format(
        tree, tvb, 0, have, ett_mipshop_mip6opt, &ti, "MIPv6 Option - %s (%s)",
        val_to_str_const(t, mipshop_vs_mh_opt, "?"), val_to_str_const(t, mipshop_ref_mh_opt, "?"));
    proto_tree_add_uint_format_value(ot, hf_mipshop_mip6opt_length, tvb, 1, 1, len,
                                     "%u (32-bit words: the option spans %u octets)", len,
                                     MCAST_HLEN + MCAST_UNIT * len);
    if (have >= 3)
        proto_tree_add_item(ot,
                            t == MS_MH_OPT_MCAST_MOBILITY ? hf_mipshop_mip6opt_code
                                                          : hf_mipshop_mip6opt_ack_code,
                            tvb, 2, 1, ENC_NA);
    if (have >= 4)
        proto_tree_add_item(ot,
                            t == MS_MH_OPT_MCAST_MOBILITY ? hf_mipshop_mip6opt_reserved
                                                          : hf_mipshop_mip6opt_ack_status,
                            tvb, 3, 1, ENC_NA);
    expert_add_info_format(pinfo, ti, &ei_mipshop_stock_mcast_walk,
                           "Stock MIPv6 walks this option as %d octets (Length counted in octets, "
                           "RFC 6275 s6.2.1) but RFC 7411 s5.3-5.4 makes it %d; the options after "
                           "it are misread.  The MIPSHOP tree decodes the whole option",
                           2 + len, MCAST_HLEN + MCAST_UNIT * len);
    return have;
}

void
mipshop_mhopt_handoff(void)
{
    dissector_handle_t h = create_dissector_handle(dissect_mcast_opt, proto_mipshop);
    dissector_add_uint("mip6.option", MS_MH_OPT_MCAST_MOBILITY, h);
    dissector_add_uint("mip6.option", MS_MH_OPT_MCAST_ACK, h);
}

void
mipshop_mhopt_fields(struct mipshop_fields *f)
{
    static hf_register_info hf[] = {
        {&hf_mipshop_mip6opt_length,
         {"Length", "mipshop.mip6opt.length", FT_UINT8, BASE_DEC, NULL, 0x0, NULL, HFILL}},
        {&hf_mipshop_mip6opt_code,
         {"Option-Code", "mipshop.mip6opt.mcast.option_code", FT_UINT8, BASE_DEC,
          VALS(mipshop_vs_mcast_optcode), 0x0, NULL, HFILL}},
        {&hf_mipshop_mip6opt_reserved,
         {"Reserved", "mipshop.mip6opt.mcast.reserved", FT_UINT8, BASE_HEX, NULL, 0x0, NULL,
          HFILL}},
        {&hf_mipshop_mip6opt_ack_code,
         {"Option-Code", "mipshop.mip6opt.mcast_ack.option_code", FT_UINT8, BASE_DEC, NULL, 0x0,
          NULL, HFILL}},
        {&hf_mipshop_mip6opt_ack_status,
         {"Status", "mipshop.mip6opt.mcast_ack.status", FT_UINT8, BASE_DEC,
          VALS(mipshop_vs_mcast_ack_status), 0x0, NULL, HFILL}},
    };
    static gint *ett[] = {&ett_mipshop_mip6opt};
    static ei_register_info ei[] = {
        {&ei_mipshop_stock_mcast_walk,
         {"mipshop.stock.mcast_walk", PI_PROTOCOL, PI_NOTE,
          "Stock MIPv6 walks RFC 7411 options with the wrong length", EXPFILL}},
    };
    f->hf = hf;
    f->nhf = G_N_ELEMENTS(hf);
    f->ett = ett;
    f->nett = G_N_ELEMENTS(ett);
    f->ei = ei;
    f->nei = G_N_ELEMENTS(ei);
}
