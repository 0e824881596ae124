/* Name lookups generated from codepoints.h: "Binding Update" for MS_MH_BU. */
#ifndef MIPSIM_WIRE_CODEPOINTS_NAMES_H
#define MIPSIM_WIRE_CODEPOINTS_NAMES_H

#include "wire/codepoints.h"

/* Each returns the description, or NULL for a number the table lacks. */
const char *ms_mh_type_name(unsigned v);
const char *ms_mh_opt_name(unsigned v);
const char *ms_ba_status_name(unsigned v);
const char *ms_be_status_name(unsigned v);
const char *ms_icmp6_type_name(unsigned v);
const char *ms_nd_opt_name(unsigned v);
const char *ms_ipproto_name(unsigned v);
const char *ms_fmip_subtype_name(unsigned v);
const char *ms_l2ev_type_name(unsigned v);

/* Short symbolic names ("BU", "BA", "RA") for summaries and Lua. */
const char *ms_mh_type_sym(unsigned v);
const char *ms_icmp6_type_sym(unsigned v);
const char *ms_ba_status_sym(unsigned v);

#endif
