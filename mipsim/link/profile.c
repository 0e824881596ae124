#include "link/profile.h"

#include <errno.h>
#include <stddef.h>
#include <strings.h>

#include "core/time.h"

/* The RFCs give procedures, not numbers; the timings below are modelling
 * defaults chosen to be typical of each technology and are meant to be
 * overridden by scripts that study a particular deployment. */
static const struct ms_link_profile_info profiles[] = {
    [MS_PROFILE_GENERIC] =
        {
            .profile = MS_PROFILE_GENERIC,
            .name = "generic",
            .rfc = "RFC 5184",
            /* RFC 5184 s4.5-4.7: Link Up, Link Down and Link Status Changed
             * (used as link going down) are the abstract indications every
             * profile maps onto. */
            .has_going_down = true,
            .has_handover_start = false,
            .going_down_name = "L2-LinkStatusChanged",
            .going_down_lead_ns = 100 * MS_NS_PER_MS,
            .l2_gap_ns = 50 * MS_NS_PER_MS,
            .params = {.delay_ns = 1 * MS_NS_PER_MS, .mtu = 1500},
        },
    [MS_PROFILE_80211] =
        {
            .profile = MS_PROFILE_80211,
            .name = "802.11",
            .rfc = "RFC 4260",
            /* RFC 4260 s4: "there is no standardized trigger" for the scan
             * that precedes a re-association; drivers derive one from the
             * signal strength (RFC 5184 Appendix E uses RSSI thresholds for
             * L2-LinkStatusChanged), so the lead time is short. */
            .has_going_down = true,
            .has_handover_start = false,
            .going_down_name = "L2-LinkStatusChanged (RSSI threshold)",
            .going_down_lead_ns = 100 * MS_NS_PER_MS,
            /* RFC 4260 s4 steps 2-4 (join, authenticate, re-associate) with
             * the scan (step 1, "several hundred milliseconds") done in
             * advance: tens of milliseconds. */
            .l2_gap_ns = 50 * MS_NS_PER_MS,
            .params = {.delay_ns = 1 * MS_NS_PER_MS,
                       .jitter_ns = 1 * MS_NS_PER_MS,
                       .bandwidth_bps = UINT64_C(54000000),
                       .mtu = 1500},
        },
    [MS_PROFILE_80216E] =
        {
            .profile = MS_PROFILE_80216E,
            .name = "802.16e",
            .rfc = "RFC 5270",
            /* RFC 5270 s5: LINK_HANDOVER_IMPEND fires when MOB_BSHO-RSP or
             * MOB_BSHO-REQ arrives; the MN then has until MOB_HO-IND to run
             * FBU/FBack (s5.2), and may postpone MOB_HO-IND for it. */
            .has_going_down = true,
            .has_handover_start = true,
            .going_down_name = "LINK_HANDOVER_IMPEND",
            .going_down_lead_ns = 150 * MS_NS_PER_MS,
            /* Network re-entry at the target BS (ranging, authentication,
             * registration, RFC 5270 s3) before LINK_UP. */
            .l2_gap_ns = 100 * MS_NS_PER_MS,
            /* 5 ms TDD frames; RFC 5121 s7: IPv6 CS default MTU 1500. */
            .params = {.delay_ns = 10 * MS_NS_PER_MS,
                       .jitter_ns = 5 * MS_NS_PER_MS,
                       .bandwidth_bps = UINT64_C(10000000),
                       .mtu = 1500},
        },
    [MS_PROFILE_CDMA3G] =
        {
            .profile = MS_PROFILE_CDMA3G,
            .name = "cdma3g",
            .rfc = "RFC 5271",
            /* RFC 5271 s3: the MN reports pilot strengths continually and
             * the access network decides the inter-AR handover, so the
             * indication comes well before the old connection closes. */
            .has_going_down = true,
            .has_handover_start = false,
            .going_down_name = "pilot strength report (inter-AR)",
            .going_down_lead_ns = 500 * MS_NS_PER_MS,
            /* RFC 5271 s3: a new traffic channel and a new connection with
             * the new AR: "a noticeable communication disruption". */
            .l2_gap_ns = 250 * MS_NS_PER_MS,
            .params = {.delay_ns = 40 * MS_NS_PER_MS,
                       .jitter_ns = 10 * MS_NS_PER_MS,
                       .bandwidth_bps = UINT64_C(2400000),
                       .mtu = 1500},
        },
};

const struct ms_link_profile_info *
ms_link_profile_get(enum ms_link_profile p)
{
    if ((unsigned)p >= sizeof profiles / sizeof profiles[0])
        return &profiles[MS_PROFILE_GENERIC];
    return &profiles[p];
}

const char *
ms_link_profile_name(enum ms_link_profile p)
{
    if ((unsigned)p >= sizeof profiles / sizeof profiles[0])
        return "?";
    return profiles[p].name;
}

int
ms_link_profile_parse(const char *name, enum ms_link_profile *out)
{
    static const struct {
        const char *name;
        enum ms_link_profile p;
    } names[] = {
        {"generic", MS_PROFILE_GENERIC}, {"802.11", MS_PROFILE_80211},
        {"80211", MS_PROFILE_80211},     {"wifi", MS_PROFILE_80211},
        {"wlan", MS_PROFILE_80211},      {"802.16e", MS_PROFILE_80216E},
        {"80216e", MS_PROFILE_80216E},   {"wimax", MS_PROFILE_80216E},
        {"cdma3g", MS_PROFILE_CDMA3G},   {"3g", MS_PROFILE_CDMA3G},
        {"cdma", MS_PROFILE_CDMA3G},
    };
    if (name == NULL)
        return -EINVAL;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcasecmp(name, names[i].name) == 0) {
            *out = names[i].p;
            return 0;
        }
    }
    return -EINVAL;
}

void
ms_link_profile_params(enum ms_link_profile profile, struct ms_link_params *p)
{
    *p = ms_link_profile_get(profile)->params;
}
