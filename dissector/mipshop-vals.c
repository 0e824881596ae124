/* mipshop-vals.c - the plugin's value_strings, expanded from the X-macro
 * lists of mipsim/wire/codepoints.h.  Each list gives three tables: the
 * description ("Binding Update"), the defining RFC section ("RFC 6275
 * s6.1.7") and, where the summaries need it, the symbolic name ("ACCEPTED").
 * No number is typed here, so mipsim and the plugin cannot disagree.
 */
#include "mipshop.h"

#define MIPSHOP_VS_DESC(name, num, desc, ref) {(num), (desc)},
#define MIPSHOP_VS_REF(name, num, desc, ref) {(num), (ref)},
#define MIPSHOP_VS_SYM(name, num, desc, ref) {(num), #name},
#define MIPSHOP_VS_END                                                                             \
    {                                                                                              \
        0, NULL                                                                                    \
    }

const value_string mipshop_vs_mh_type[] = {MS_MH_TYPE_MAP(MIPSHOP_VS_DESC) MIPSHOP_VS_END};
const value_string mipshop_ref_mh_type[] = {MS_MH_TYPE_MAP(MIPSHOP_VS_REF) MIPSHOP_VS_END};
const value_string mipshop_abbr_mh_type[] = {MS_MH_TYPE_MAP(MIPSHOP_VS_SYM) MIPSHOP_VS_END};
const value_string mipshop_vs_mh_opt[] = {MS_MH_OPT_MAP(MIPSHOP_VS_DESC) MIPSHOP_VS_END};
const value_string mipshop_ref_mh_opt[] = {MS_MH_OPT_MAP(MIPSHOP_VS_REF) MIPSHOP_VS_END};
const value_string mipshop_vs_ba_status[] = {MS_BA_STATUS_MAP(MIPSHOP_VS_DESC) MIPSHOP_VS_END};
const value_string mipshop_sym_ba_status[] = {MS_BA_STATUS_MAP(MIPSHOP_VS_SYM) MIPSHOP_VS_END};
const value_string mipshop_vs_be_status[] = {MS_BE_STATUS_MAP(MIPSHOP_VS_DESC) MIPSHOP_VS_END};
const value_string mipshop_vs_fback_status[] = {MS_FBACK_STATUS_MAP(MIPSHOP_VS_DESC)
                                                    MIPSHOP_VS_END};
const value_string mipshop_vs_hi_code[] = {MS_HI_CODE_MAP(MIPSHOP_VS_DESC) MIPSHOP_VS_END};
const value_string mipshop_vs_hack_code[] = {MS_HACK_CODE_MAP(MIPSHOP_VS_DESC) MIPSHOP_VS_END};
const value_string mipshop_vs_hack4068_code[] = {MS_HACK4068_CODE_MAP(MIPSHOP_VS_DESC)
                                                     MIPSHOP_VS_END};
const value_string mipshop_vs_icmp6_type[] = {MS_ICMP6_TYPE_MAP(MIPSHOP_VS_DESC) MIPSHOP_VS_END};
const value_string mipshop_ref_icmp6_type[] = {MS_ICMP6_TYPE_MAP(MIPSHOP_VS_REF) MIPSHOP_VS_END};
const value_string mipshop_vs_fmip_subtype[] = {MS_FMIP_SUBTYPE_MAP(MIPSHOP_VS_DESC)
                                                    MIPSHOP_VS_END};
const value_string mipshop_ref_fmip_subtype[] = {MS_FMIP_SUBTYPE_MAP(MIPSHOP_VS_REF)
                                                     MIPSHOP_VS_END};
const value_string mipshop_vs_prrtadv_code[] = {MS_PRRTADV_CODE_MAP(MIPSHOP_VS_DESC)
                                                    MIPSHOP_VS_END};
const value_string mipshop_vs_nd_opt[] = {MS_ND_OPT_MAP(MIPSHOP_VS_DESC) MIPSHOP_VS_END};
const value_string mipshop_ref_nd_opt[] = {MS_ND_OPT_MAP(MIPSHOP_VS_REF) MIPSHOP_VS_END};
const value_string mipshop_vs_ipaddr_optcode[] = {MS_IPADDR_OPTCODE_MAP(MIPSHOP_VS_DESC)
                                                      MIPSHOP_VS_END};
const value_string mipshop_vs_lla_optcode[] = {MS_LLA_OPTCODE_MAP(MIPSHOP_VS_DESC) MIPSHOP_VS_END};
const value_string mipshop_vs_naack_status[] = {MS_NAACK_STATUS_MAP(MIPSHOP_VS_DESC)
                                                    MIPSHOP_VS_END};
const value_string mipshop_vs_naack4068_status[] = {MS_NAACK4068_STATUS_MAP(MIPSHOP_VS_DESC)
                                                        MIPSHOP_VS_END};
const value_string mipshop_vs_l2ev_type[] = {MS_L2EV_TYPE_MAP(MIPSHOP_VS_DESC) MIPSHOP_VS_END};
const value_string mipshop_ref_l2ev_type[] = {MS_L2EV_TYPE_MAP(MIPSHOP_VS_REF) MIPSHOP_VS_END};
const value_string mipshop_vs_l2ev_tlv[] = {MS_L2EV_TLV_MAP(MIPSHOP_VS_DESC) MIPSHOP_VS_END};
const value_string mipshop_vs_l2ev_profile[] = {MS_L2EV_PROFILE_MAP(MIPSHOP_VS_DESC)
                                                    MIPSHOP_VS_END};
const value_string mipshop_vs_mcast_optcode[] = {MS_MCAST_OPTCODE_MAP(MIPSHOP_VS_DESC)
                                                     MIPSHOP_VS_END};
const value_string mipshop_vs_mcast_ack_status[] = {MS_MCAST_ACK_STATUS_MAP(MIPSHOP_VS_DESC)
                                                        MIPSHOP_VS_END};
const value_string mipshop_vs_hai_optcode[] = {MS_HAI_OPTCODE_MAP(MIPSHOP_VS_DESC) MIPSHOP_VS_END};
const value_string mipshop_vs_nd_mnid_optcode[] = {MS_ND_MNID_OPTCODE_MAP(MIPSHOP_VS_DESC)
                                                       MIPSHOP_VS_END};
const value_string mipshop_vs_ipproto[] = {MS_IPPROTO_MAP(MIPSHOP_VS_DESC) MIPSHOP_VS_END};

/* Short names of the ICMPv6 messages, as the RFCs abbreviate them.  The
 * symbolic names of codepoints.h ("DHAAD_REQUEST") are the fallback. */
static const value_string icmp6_sym[] = {MS_ICMP6_TYPE_MAP(MIPSHOP_VS_SYM) MIPSHOP_VS_END};

const char *
mipshop_icmp_abbrev(guint type, gint subtype)
{
    if (type == MS_ICMP6_FMIP || type == MS_ICMP6_EXP_MOBILITY) {
        switch (subtype) {
        case MS_FMIP_RTSOLPR:
            return "RtSolPr";
        case MS_FMIP_PRRTADV:
            return "PrRtAdv";
        case MS_FMIP_HI:
            return "HI";
        case MS_FMIP_HACK:
            return "HAck";
        default:
            return "FMIPv6";
        }
    }
    switch (type) {
    case MS_ICMP6_DHAAD_REQUEST:
        return "DHAAD-Req";
    case MS_ICMP6_DHAAD_REPLY:
        return "DHAAD-Rep";
    case MS_ICMP6_MPS:
        return "MPS";
    case MS_ICMP6_MPA:
        return "MPA";
    case MS_ICMP6_RA:
        return "RA";
    case MS_ICMP6_NA:
        return "NA";
    default:
        return val_to_str_const(type, icmp6_sym, "ICMPv6");
    }
}
