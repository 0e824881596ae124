#include "wire/codepoints_names.h"

#include <stddef.h>

#define NAME_CASE(name, num, desc, rfc)                                                            \
    case (num):                                                                                    \
        return desc;
#define SYM_CASE(name, num, desc, rfc)                                                             \
    case (num):                                                                                    \
        return #name;

#define DEFINE_LOOKUP(fn, map, CASE)                                                               \
    const char *fn(unsigned v)                                                                     \
    {                                                                                              \
        switch (v) {                                                                               \
            map(CASE) default : return NULL;                                                       \
        }                                                                                          \
    }

DEFINE_LOOKUP(ms_mh_type_name, MS_MH_TYPE_MAP, NAME_CASE)
DEFINE_LOOKUP(ms_mh_opt_name, MS_MH_OPT_MAP, NAME_CASE)
DEFINE_LOOKUP(ms_ba_status_name, MS_BA_STATUS_MAP, NAME_CASE)
DEFINE_LOOKUP(ms_be_status_name, MS_BE_STATUS_MAP, NAME_CASE)
DEFINE_LOOKUP(ms_icmp6_type_name, MS_ICMP6_TYPE_MAP, NAME_CASE)
DEFINE_LOOKUP(ms_nd_opt_name, MS_ND_OPT_MAP, NAME_CASE)
DEFINE_LOOKUP(ms_ipproto_name, MS_IPPROTO_MAP, NAME_CASE)
DEFINE_LOOKUP(ms_fmip_subtype_name, MS_FMIP_SUBTYPE_MAP, NAME_CASE)
DEFINE_LOOKUP(ms_l2ev_type_name, MS_L2EV_TYPE_MAP, NAME_CASE)
DEFINE_LOOKUP(ms_mh_type_sym, MS_MH_TYPE_MAP, SYM_CASE)
DEFINE_LOOKUP(ms_icmp6_type_sym, MS_ICMP6_TYPE_MAP, SYM_CASE)
DEFINE_LOOKUP(ms_ba_status_sym, MS_BA_STATUS_MAP, SYM_CASE)
