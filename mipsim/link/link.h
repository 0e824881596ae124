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
 * gets its own copy (the last one gets the frame itself), delivered through
 * ms_iface_input (stack), which consumes it.
 *
 * Scale (bench/RESULTS.md): unicast frames find their receiver through a MAC
 * index, group frames are copied only for the members whose NIC filter
 * takes them (ms_iface_wants_frame; every member while a receive observer
 * is installed), and frames in flight wait in a FIFO behind one scheduler
 * timer per link.  None of this changes which frames arrive where and when.
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
struct ms_tap;
struct ms_replay;

enum ms_link_kind { MS_LINK_SEGMENT, MS_LINK_CELL, MS_LINK_TAP, MS_LINK_REPLAY };

/* Link profiles (RFC 4260 / 5270 / 5271): which triggers exist and when. */
enum ms_link_profile {
    MS_PROFILE_GENERIC = 0,
    MS_PROFILE_80211 = 1,
    MS_PROFILE_80216E = 2,
    MS_PROFILE_CDMA3G = 3,
};

struct ms_link_params {
    int64_t delay_ns;       /* propagation delay, one way */
    int64_t jitter_ns;      /* uniform extra delay in [0, jitter] */
    uint64_t bandwidth_bps; /* 0 = infinite (no serialisation delay) */
    uint32_t loss_ppm;      /* frame loss probability, parts per million */
    uint32_t mtu;           /* IPv6 MTU of the link (payload of Ethernet) */
};

struct ms_link_member {
    struct ms_iface *iface;
    int64_t tx_free_ns; /* when this sender's transmit queue drains */
};

/* A frame in a link's FIFO (link.c). */
struct ms_link_fifo_ent {
    struct ms_pkt *pkt;
    struct ms_sched_key key;
};

/* A slot of a link's MAC index (link.c). */
/* A slot names the member's interface itself (NULL = empty), so that a
 * sender finds its receiver without reading the member array; the member's
 * index is iface->link_slot.  The index is rebuilt whenever a member
 * leaves. */
struct ms_link_mac_slot {
    struct ms_mac mac;
    struct ms_iface *iface;
};

struct ms_link_counters {
    uint64_t frames, bytes, lost, too_big, dropped_down;
    /* Extensions (link.c owner). */
    uint64_t delivered; /* copies handed to receivers (ms_iface_input) */
    uint64_t no_bufs;   /* receiver copies lost to an exhausted packet pool */
    uint64_t injected;  /* frames accepted from a TAP device or a replay */
    uint64_t malformed; /* frames from a TAP device or a replay rejected */
    uint64_t l2_events; /* L2 events raised by a cell */
};

struct ms_link;
/* Observer called for each frame about to be handed to a receiver (just
 * before ms_iface_input), at its arrival time.  Borrows pkt.  For tests,
 * traces and reports; it must not send on the link. */
typedef void (*ms_link_rx_hook)(void *data, struct ms_link *l, struct ms_iface *to,
                                const struct ms_pkt *pkt);

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
    /* Extensions (link.c owner). */
    int64_t inject_tx_free_ns; /* transmit queue of frames sent with from == NULL */
    uint32_t in_flight;        /* frames queued or propagating (their timers are armed) */
    ms_link_rx_hook rx_hook;   /* may be NULL */
    void *rx_hook_data;
    struct ms_tap *tap;        /* TAP links: the kernel device (tap.h) */
    struct ms_replay *replays; /* pcap sources feeding this link (replay.h) */
    /* Member index by MAC (open addressing, at most half full), so that
     * unicast delivery and membership checks cost O(1) on a cell with
     * thousands of radios.  mac_dups counts members whose MAC another member
     * already has: while it is not 0 the link falls back to member scans.
     * An interface's MAC must not change while it is attached. */
    struct ms_link_mac_slot *mac_idx;
    uint32_t mac_cap; /* power of two, 0 = no index yet */
    uint32_t mac_dups;
    /* Frames propagating towards their receivers whose arrival times
     * increase in sending order (always so without jitter or bandwidth)
     * wait in a FIFO (a ring of frames and their scheduler keys) behind one
     * timer armed with the head's key: the scheduler holds one timer per
     * link, not one per frame in flight, and every frame still arrives
     * exactly when its own timer would have fired.  A frame that would
     * arrive before the tail gets its own timer. */
    struct ms_link_fifo_ent *fifo;
    uint32_t fifo_cap, fifo_first, fifo_len; /* cap: power of two */
    struct ms_timer fifo_timer;
};

/* Defaults: delay 1 ms, no jitter, infinite bandwidth, no loss, MTU 1500. */
void ms_link_params_default(struct ms_link_params *p);

/* Creates a segment or cell; name must be unique (the caller checks).  The
 * link is not yet captured.  Returns NULL on out of memory. */
struct ms_link *ms_link_new(struct ms_sim *sim, enum ms_link_kind kind, const char *name,
                            const struct ms_link_params *p);
/* Drops every frame still queued or in flight (they are freed, not
 * delivered) and closes the capture, a TAP device and replays.  Call it
 * before ms_sim_fini.  It does not touch the member interfaces (they may be
 * gone already): their iface->link is left pointing at the freed link. */
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
 * are dropped and counted (too_big).
 *
 * The frame waits in the sender's transmit queue until the medium is free
 * for it (tx_free_ns), is captured when its transmission starts, and each
 * receiver gets a copy after serialisation + delay + jitter unless the loss
 * draw (one per receiver) drops it.  A unicast destination reaches only the
 * member with that MAC; group addresses reach every member but the sender.
 * from == NULL injects the frame as the simulator itself (its own transmit
 * queue, every member receives it).  A frame from an interface that is not a
 * member is dropped (dropped_down). */
void ms_link_output(struct ms_link *l, struct ms_iface *from, struct ms_pkt *pkt);
/* A hint: a frame to dst will be sent on l shortly; starts fetching the
 * receiver's slot of l's MAC index.  Changes nothing. */
void ms_link_prefetch_unicast(const struct ms_link *l, const struct ms_mac *dst);

/* Extensions. */
/* The member entry of ifc, or NULL when ifc is not attached to l. */
struct ms_link_member *ms_link_member_find(struct ms_link *l, const struct ms_iface *ifc);
/* Installs (or, with hook NULL, removes) the receive observer. */
void ms_link_set_rx_hook(struct ms_link *l, ms_link_rx_hook hook, void *data);
/* Serialisation time of a len-octet frame at the link's bandwidth. */
int64_t ms_link_tx_time_ns(const struct ms_link *l, uint32_t len);

/* Module-internal (link.c, cell.c, tap.c, replay.c). */
/* Transmits pkt as coming from the pseudo-member `origin` (a TAP device, a
 * replay: never a member, so every member receives it), using *tx_free_ns
 * as its transmit queue.  Counts it as injected.  Consumes pkt. */
void ms__link_inject(struct ms_link *l, void *origin, int64_t *tx_free_ns, struct ms_pkt *pkt);
/* Adds a member and sets ifc->link (no checks).  Returns 0 or -ENOMEM. */
int ms__link_member_add(struct ms_link *l, struct ms_iface *ifc);
/* Formats an error message into errbuf (which may be NULL). */
void ms__link_errf(char *errbuf, size_t errcap, const char *fmt, ...) MS_PRINTF(3, 4);
/* Removes a member: its queued frames and the frames in flight to it are
 * freed and counted (dropped_down); clears ifc->link.  False when ifc was
 * not a member. */
bool ms__link_member_remove(struct ms_link *l, struct ms_iface *ifc);
/* Cell defaults: AP id = link name, generic profile, AP MAC from the name. */
void ms__cell_init(struct ms_link *cell);

/* Cells. */
void ms_cell_set_ap(struct ms_link *cell, const char *ap_id, enum ms_link_profile profile);
/* Attaches a radio interface to the cell: L2 link-up event to the node, an
 * L2 event frame in the capture.  A radio already attached elsewhere must be
 * detached first (the caller's job; returns -EBUSY otherwise). */
int ms_cell_attach(struct ms_link *cell, struct ms_iface *radio);
/* Detaches: link-down event and frame. */
void ms_cell_detach(struct ms_link *cell, struct ms_iface *radio);
/* Link-going-down trigger towards target_ap, expected in lead_ns. */
void ms_cell_trigger_going_down(struct ms_link *cell, struct ms_iface *radio, const char *target_ap,
                                int64_t lead_ns);
/* Extension: the radio starts its layer-2 handover towards target_ap
 * (HANDOVER_START, docs/L2-EVENTS.md); the caller detaches it next. */
void ms_cell_trigger_handover_start(struct ms_link *cell, struct ms_iface *radio,
                                    const char *target_ap);
/* Extension notes (cell.c): ms_cell_attach returns -EINVAL when cell is not a
 * cell, -EALREADY when the radio is already attached to this cell.
 * ms_cell_detach of a radio that is not attached here does nothing.
 * ms_cell_trigger_going_down: target_ap may be NULL, lead_ns < 0 means the
 * profile's default (profile.h); ignored (logged) when the radio is not
 * attached to the cell. */

#endif
