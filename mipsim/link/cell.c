/* Cells: an AR's wireless access link with an access point identifier.
 *
 * Radios attach and detach over time.  Each change of layer-2 state is an
 * RFC 5184 indication (s4.5 L2-LinkUp, s4.6 L2-LinkDown, s4.7
 * L2-LinkStatusChanged used as "link going down", s4.8 L2-LinkConnect as the
 * start of a handover), delivered to the node's roles through on_l2 and
 * written to the cell's capture as an L2 event frame (docs/L2-EVENTS.md).
 */
#include "link/link.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "link/profile.h"
#include "role/role.h"
#include "stack/node.h"
#include "wire/codepoints.h"
#include "wire/err.h"
#include "wire/eth.h"
#include "wire/l2ev.h"

/* The link profile is the LINK_TYPE TLV value. */
_Static_assert((int)MS_PROFILE_GENERIC == (int)MS_L2EV_PROFILE_GENERIC, "profile numbering");
_Static_assert((int)MS_PROFILE_80211 == (int)MS_L2EV_PROFILE_80211, "profile numbering");
_Static_assert((int)MS_PROFILE_80216E == (int)MS_L2EV_PROFILE_80216E, "profile numbering");
_Static_assert((int)MS_PROFILE_CDMA3G == (int)MS_L2EV_PROFILE_CDMA3G, "profile numbering");

/* A stable, locally administered, individual MAC from the cell's name: the
 * same topology gives the same captures.  IEEE 802 s8.2: bit 0x02 of the
 * first octet set = locally administered, bit 0x01 clear = individual. */
static void
ap_mac_from_name(const char *name, struct ms_mac *out)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325); /* FNV-1a 64 */
    for (const char *s = "cell:"; *s; s++) {
        h ^= (uint8_t)*s;
        h *= UINT64_C(0x100000001b3);
    }
    for (const char *s = name; *s; s++) {
        h ^= (uint8_t)*s;
        h *= UINT64_C(0x100000001b3);
    }
    out->b[0] = 0x02;
    for (int i = 1; i < MS_ETH_ALEN; i++)
        out->b[i] = (uint8_t)(h >> (8 * (i - 1)));
}

/* Copies an AP identifier, cut to MS_L2EV_AP_ID_MAX octets on a UTF-8
 * character boundary (docs/L2-EVENTS.md: 1..32 octets of UTF-8). */
static void
copy_ap_id(char dst[MS_L2EV_AP_ID_MAX + 1], const char *src)
{
    size_t n = strnlen(src, MS_L2EV_AP_ID_MAX + 1);
    if (n > MS_L2EV_AP_ID_MAX) {
        n = MS_L2EV_AP_ID_MAX;
        while (n > 0 && ((uint8_t)src[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

void
ms__cell_init(struct ms_link *cell)
{
    copy_ap_id(cell->ap_id, cell->name);
    cell->profile = MS_PROFILE_GENERIC;
    ap_mac_from_name(cell->name, &cell->ap_mac);
}

void
ms_cell_set_ap(struct ms_link *cell, const char *ap_id, enum ms_link_profile profile)
{
    if (ap_id != NULL && *ap_id != '\0')
        copy_ap_id(cell->ap_id, ap_id);
    cell->profile = profile;
}

/* Writes the event as an L2 event frame into the cell's capture, at the
 * current time. */
static void
capture_event(struct ms_link *cell, const struct ms_iface *radio, const struct ms_l2_event *ev)
{
    if (!cell->capturing)
        return;
    struct ms_l2ev e;
    memset(&e, 0, sizeof e);
    e.type = ev->type;
    e.mn = radio->mac;
    copy_ap_id(e.ap_id, cell->ap_id);
    e.link_profile = (uint8_t)cell->profile;
    e.present = MS_L2EV_HAS(MS_L2EV_TLV_MN_MAC) | MS_L2EV_HAS(MS_L2EV_TLV_AP_ID) |
                MS_L2EV_HAS(MS_L2EV_TLV_LINK_TYPE);
    if (ev->target_ap_id != NULL && *ev->target_ap_id != '\0') {
        copy_ap_id(e.target_ap_id, ev->target_ap_id);
        e.present |= MS_L2EV_HAS(MS_L2EV_TLV_TARGET_AP_ID);
    }
    if (ev->type == MS_L2EV_LINK_GOING_DOWN) {
        e.time_ns = ev->lead_ns;
        e.present |= MS_L2EV_HAS(MS_L2EV_TLV_TIME_NS);
    }
    struct ms_mac bcast;
    ms_mac_broadcast(&bcast);
    uint8_t frame[MS_ETH_HLEN + 128];
    int n = ms_l2ev_frame_encode(&bcast, &cell->ap_mac, &e, frame, sizeof frame);
    if (n < 0) {
        ms_log(&cell->sim->log, MS_LOG_WARN, cell->name, "L2 event not captured: %s",
               ms_strerror(n));
        return;
    }
    ms_pcapw_write(&cell->cap, ms_sim_now(cell->sim), frame, (size_t)n);
}

/* Raises one L2 event: capture, then the radio's node, which offers it to
 * each of its roles in order (ms_iface_l2_event). */
static void
raise_event(struct ms_link *cell, struct ms_iface *radio, uint8_t type, const char *target,
            int64_t lead_ns)
{
    struct ms_l2_event ev = {
        .type = type,
        .link = cell,
        .ap_id = cell->ap_id,
        .target_ap_id = target,
        .lead_ns = lead_ns,
    };
    cell->ctr.l2_events++;
    if (ms_log_enabled(&cell->sim->log, MS_LOG_INFO)) {
        char mac[MS_MAC_STRLEN];
        ms_mac_format(&radio->mac, mac, sizeof mac);
        ms_log(&cell->sim->log, MS_LOG_INFO, cell->name, "L2 %s mn %s ap %s%s%s",
               type == MS_L2EV_LINK_UP           ? "link-up"
               : type == MS_L2EV_LINK_DOWN       ? "link-down"
               : type == MS_L2EV_LINK_GOING_DOWN ? "link-going-down"
                                                 : "handover-start",
               mac, cell->ap_id, target ? " target " : "", target ? target : "");
    }
    capture_event(cell, radio, &ev);
    if (radio->node != NULL)
        ms_iface_l2_event(radio, &ev);
}

int
ms_cell_attach(struct ms_link *cell, struct ms_iface *radio)
{
    if (cell == NULL || radio == NULL || cell->kind != MS_LINK_CELL)
        return -EINVAL;
    if (radio->link == cell && ms_link_member_find(cell, radio) != NULL)
        return -EALREADY;
    if (radio->link != NULL && radio->link != cell)
        return -EBUSY;
    int rc = ms__link_member_add(cell, radio);
    if (rc < 0)
        return rc;
    /* RFC 5184 s4.5: Link Up once "IP packets can be transmitted through the
     * new link", so the interface is up before the roles hear of it. */
    ms_iface_set_up(radio, true);
    raise_event(cell, radio, MS_L2EV_LINK_UP, NULL, 0);
    return 0;
}

void
ms_cell_detach(struct ms_link *cell, struct ms_iface *radio)
{
    if (cell == NULL || radio == NULL)
        return;
    if (!ms__link_member_remove(cell, radio))
        return;
    /* RFC 5184 s4.6: Link Down when "IP packets cannot be transmitted". */
    ms_iface_set_up(radio, false);
    raise_event(cell, radio, MS_L2EV_LINK_DOWN, NULL, 0);
}

static bool
check_attached(struct ms_link *cell, struct ms_iface *radio, const char *what)
{
    if (cell == NULL || radio == NULL)
        return false;
    if (ms_link_member_find(cell, radio) == NULL) {
        char mac[MS_MAC_STRLEN];
        ms_mac_format(&radio->mac, mac, sizeof mac);
        ms_log(&cell->sim->log, MS_LOG_WARN, cell->name, "%s ignored: %s is not attached", what,
               mac);
        return false;
    }
    return true;
}

void
ms_cell_trigger_going_down(struct ms_link *cell, struct ms_iface *radio, const char *target_ap,
                           int64_t lead_ns)
{
    if (!check_attached(cell, radio, "link-going-down"))
        return;
    if (lead_ns < 0)
        lead_ns = ms_link_profile_get(cell->profile)->going_down_lead_ns;
    raise_event(cell, radio, MS_L2EV_LINK_GOING_DOWN, target_ap, lead_ns);
}

void
ms_cell_trigger_handover_start(struct ms_link *cell, struct ms_iface *radio, const char *target_ap)
{
    if (!check_attached(cell, radio, "handover-start"))
        return;
    raise_event(cell, radio, MS_L2EV_HANDOVER_START, target_ap, 0);
}
