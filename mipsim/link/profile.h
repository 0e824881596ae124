/* Link profiles: per-technology defaults for cells.
 *
 * A profile says which layer-2 triggers (RFC 5184 abstractions) a radio
 * technology offers, how long before the link actually goes down a
 * link-going-down trigger typically fires, how long the layer-2 handover
 * itself takes (detach to attach: the "gap"), and typical link parameters.
 * The numbers are modelling defaults taken from the companion RFCs' text
 * (RFC 4260 for 802.11, RFC 5270 for 802.16e, RFC 5271 for 3G CDMA); a
 * script can override every one of them.
 *
 * Profiles are static tables: nothing is allocated.
 */
#ifndef MIPSIM_LINK_PROFILE_H
#define MIPSIM_LINK_PROFILE_H

#include <stdbool.h>
#include <stdint.h>

#include "link/link.h"

struct ms_link_profile_info {
    enum ms_link_profile profile;
    const char *name; /* "generic", "802.11", "802.16e", "cdma3g" */
    const char *rfc;  /* the companion document the defaults come from */
    /* Triggers the link layer offers to the IP layer. */
    bool has_going_down;         /* a predictive link-going-down (RFC 5184 s4.7 use) */
    bool has_handover_start;     /* an explicit "handover imminent" (802.16e LHI) */
    const char *going_down_name; /* the technology's own name for the trigger */
    /* Timing defaults, nanoseconds. */
    int64_t going_down_lead_ns; /* link-going-down trigger to link down */
    int64_t l2_gap_ns;          /* link down to link up on the new point of attachment */
    /* Typical link parameters of a cell of this technology. */
    struct ms_link_params params;
};

/* The table entry for p; unknown values give the generic profile. */
const struct ms_link_profile_info *ms_link_profile_get(enum ms_link_profile p);
/* "generic", "802.11", ...; "?" for unknown values. */
const char *ms_link_profile_name(enum ms_link_profile p);
/* Accepts the names above and the aliases "80211", "wifi", "wlan", "80216e",
 * "wimax", "3g", "cdma".  Case-insensitive.  Returns 0 or -EINVAL (out is
 * left alone). */
int ms_link_profile_parse(const char *name, enum ms_link_profile *out);
/* Copies the profile's typical parameters into *p. */
void ms_link_profile_params(enum ms_link_profile profile, struct ms_link_params *p);

#endif
