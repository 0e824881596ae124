/* Links: broadcast segments and radio cells.
 *
 * A link carries Ethernet frames between the interfaces attached to it.  It
 * models delay, jitter, bandwidth (serialisation, one transmit queue per
 * sender), loss and MTU, and writes every frame it carries to its capture
 * (one pcap per link) at the moment the frame is put on the medium.
 *
 * A cell is a link with an access point identifier: the AR's wireless access
 * link.  Its fixed member is the AR's interface; mobile nodes' radios attach
 * and detach over time, one cell at a time (ms_cell_attach/detach), and each
 * attach, detach and trigger is both delivered to the node as a layer-2
 * event (RFC 5184 abstractions) and written to the capture as an L2 event
 * frame (EtherType MS_ETHERTYPE_L2EV, docs/L2-EVENTS.md).
 *
 * Ownership: ms_link_output consumes the frame on every path.  Each receiver
 * gets its own clone, delivered through ms_iface_input (stack), which
 * consumes it.
 */
#ifndef MIPSIM_LINK_LINK_H
#define MIPSIM_LINK_LINK_H

#include <stdbool.h>
#include <stdint.h>

#include "core/pcapw.h"
#include "core/pkt.h"
#include "core/rng.h"
#include "core/sim.h"
#include "wire/eth.h"

struct ms_iface;
struct ms_node;

enum ms_link_kind { MS_LINK_SEGMENT, MS_LINK_CELL, MS_LINK_TAP, MS_LINK_REPLAY };

/* Link profiles (RFC 4260 / 5270 / 5271): which triggers exist and when. */
enum ms_link_profile {
    MS_PROFILE_GENERIC = 0,
    MS_PROFILE_80211 = 1,
    MS_PROFILE_80216E = 2,
    MS_PROFILE_CDMA3G = 3,
};

struct ms_link_params {
    int64_t delay_ns;      /* propagation delay, one way */
    int64_t jitter_ns;     /* uniform extra delay in [0, jitter] */
    uint64_t bandwidth_bps; /* 0 = infinite (no serialisation delay) */
    uint32_t loss_ppm;     /* frame loss probability, parts per million */
    uint32_t mtu;          /* IPv6 MTU of the link (payload of Ethernet) */
};

struct ms_link_member {
    struct ms_iface *iface;
    int64_t tx_free_ns; /* when this sender's transmit queue drains */
};

struct ms_link_counters {
    uint64_t frames, bytes, lost, too_big, dropped_down;
};

struct ms_link {
    enum ms_link_kind kind;
    struct ms_sim *sim;
    char name[40];
    struct ms_link_params p;
    struct ms_rng rng; /* loss and jitter draws: stream "link:<name>" */
    struct ms_link_member *members;
    uint32_t nmembers, members_cap;
    struct ms_pcapw cap;
    bool capturing;
    struct ms_link_counters ctr;
    /* Cells only. */
    char ap_id[33];
    struct ms_mac ap_mac; /* BSSID-like source of L2 event frames */
    enum ms_link_profile profile;
    struct ms_link *next; /* the simulation's list of links, in creation order */
};

/* Defaults: delay 1 ms, no jitter, infinite bandwidth, no loss, MTU 1500. */
void ms_link_params_default(struct ms_link_params *p);

/* Creates a segment or cell; name must be unique (the caller checks).  The
 * link is not yet captured.  Returns NULL on out of memory. */
struct ms_link *ms_link_new(struct ms_sim *sim, enum ms_link_kind kind, const char *name,
                            const struct ms_link_params *p);
void ms_link_free(struct ms_link *l);

/* Starts writing <dir>/<name>.pcap.  Returns 0 or a negative code. */
int ms_link_capture_start(struct ms_link *l, const char *dir);
void ms_link_capture_stop(struct ms_link *l);

/* Attaches an interface permanently (segments, the AR side of a cell) and
 * sets iface->link.  Returns 0 or -ENOMEM. */
int ms_link_attach(struct ms_link *l, struct ms_iface *iface);
void ms_link_detach(struct ms_link *l, struct ms_iface *iface);

/* Puts a complete Ethernet frame (pkt->data starts at the Ethernet header)
 * from `from` onto the link.  Consumes pkt.  Frames larger than the MTU + 14
 * are dropped and counted (too_big). */
void ms_link_output(struct ms_link *l, struct ms_iface *from, struct ms_pkt *pkt);

/* Cells. */
void ms_cell_set_ap(struct ms_link *cell, const char *ap_id, enum ms_link_profile profile);
/* Attaches a radio interface to the cell: L2 link-up event to the node, an
 * L2 event frame in the capture.  A radio already attached elsewhere must be
 * detached first (the caller's job; returns -EBUSY otherwise). */
int ms_cell_attach(struct ms_link *cell, struct ms_iface *radio);
/* Detaches: link-down event and frame. */
void ms_cell_detach(struct ms_link *cell, struct ms_iface *radio);
/* Link-going-down trigger towards target_ap, expected in lead_ns. */
void ms_cell_trigger_going_down(struct ms_link *cell, struct ms_iface *radio,
                                const char *target_ap, int64_t lead_ns);

#endif
