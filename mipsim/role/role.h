/* Protocol roles plug into a node's stack through these hooks.
 *
 * A node holds roles in a list (an AR that is also a MAP, a router that is
 * also the HA); the stack offers each event to the roles in order.  A hook
 * that returns MS_ROLE_CONSUMED has taken the packet (and freed, queued or
 * sent it); MS_ROLE_PASS leaves it untouched for the next role and then the
 * stack's default handling.  Any hook may be NULL.
 */
#ifndef MIPSIM_ROLE_ROLE_H
#define MIPSIM_ROLE_ROLE_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/pkt.h"
#include "stack/node.h"
#include "wire/ipv6.h"

struct ms_mh;
struct ms_nd;
struct ms_link;

enum { MS_ROLE_PASS = 0, MS_ROLE_CONSUMED = 1 };

/* A received IPv6 packet, after the extension header walk, as seen by roles.
 * RFC 6275 s9.3.1: when the packet carried a Home Address option, the stack
 * has already swapped it, so ip6.src is the home address and coa is the
 * care-of address that was the source on the wire. */
struct ms_rx {
    struct ms_iface *iface;
    struct ms_ip6 ip6; /* ip6.src is the home address when has_hao */
    bool has_hao;
    struct in6_addr coa; /* wire source when has_hao */
    bool has_rh2;
    struct in6_addr rh2_hoa; /* the address from the Type 2 Routing Header */
    bool tunnelled;          /* arrived inside IPv6-in-IPv6 */
    struct ms_ip6 outer;     /* valid when tunnelled */
    uint8_t l4_proto;
    uint32_t l4_off; /* offset of the upper layer from pkt->data (IPv6 header) */
    uint32_t l4_len;
};

/* Layer-2 events (RFC 5184 abstractions) delivered by cells. */
struct ms_l2_event {
    uint8_t type; /* MS_L2EV_LINK_UP, _LINK_DOWN, _LINK_GOING_DOWN, _HANDOVER_START */
    struct ms_link *link;
    const char *ap_id;
    const char *target_ap_id; /* link going down: where the MN is going, or NULL */
    int64_t lead_ns;          /* link going down: expected time until down */
};

struct ms_role;

struct ms_role_ops {
    const char *name; /* "mn", "ha", "cn", "ar" ... */

    /* A Mobility Header addressed to this node, decoded and checksum-checked.
     * The stack sends a Binding Error (status 2, RFC 6275 s9.2) when no role
     * consumes an MH whose type it does not know. */
    int (*on_mh)(struct ms_role *r, struct ms_pkt *pkt, const struct ms_rx *rx,
                 const struct ms_mh *mh);
    /* An ICMPv6 message addressed to this node, other than the ND messages
     * the stack handles itself (those come through on_nd). */
    int (*on_icmp6)(struct ms_role *r, struct ms_pkt *pkt, const struct ms_rx *rx);
    /* An ND message the stack has already processed (RA, NA, NS...):
     * notification only, the packet stays the stack's. */
    void (*on_nd)(struct ms_role *r, struct ms_iface *ifc, const struct ms_rx *rx,
                  const struct ms_nd *nd);
    /* A packet this node originates (pkt->data at the IPv6 header), before
     * route lookup: a mobile node reverse-tunnels or adds a Home Address
     * option, a correspondent adds a Type 2 Routing Header. */
    int (*on_output)(struct ms_role *r, struct ms_pkt *pkt);
    /* A packet this router is about to forward: a home agent intercepts
     * packets for registered home addresses and tunnels them. */
    int (*on_forward)(struct ms_role *r, struct ms_pkt *pkt, const struct ms_ip6 *ip6);
    /* A tunnelled packet addressed to this node, before decapsulation.
     * Return MS_ROLE_PASS to let the stack decapsulate and process the inner
     * packet, MS_ROLE_CONSUMED when the role took it. */
    int (*on_tunnel)(struct ms_role *r, struct ms_pkt *pkt, const struct ms_rx *outer);
    /* Data for an upper-layer protocol (UDP, echo) is about to be delivered
     * locally: notification only (a mobile node notes the first packet on its
     * new path). */
    void (*on_deliver)(struct ms_role *r, const struct ms_pkt *pkt, const struct ms_rx *rx);
    /* Layer-2 events. */
    void (*on_l2)(struct ms_role *r, struct ms_iface *ifc, const struct ms_l2_event *ev);
    /* An address finished DAD (ok) or was found duplicate. */
    void (*on_addr)(struct ms_role *r, struct ms_iface *ifc, const struct ms_addr *a, bool ok);
    void (*free)(struct ms_role *r);
    /* Optional hint: a frame for dst will reach this router shortly (the
     * link sees it a few events ahead); start fetching the state forwarding
     * it will read.  Given in steps a few events apart, 3, 2, then 1, so
     * that each step can follow a pointer the previous one fetched.  Must
     * change nothing. */
    void (*prefetch_forward)(struct ms_role *r, const struct in6_addr *dst, unsigned step);
    /* Optional hint: pkt (still being fetched) will reach this host
     * shortly; start fetching the role's state its input path reads.  Must
     * change nothing. */
    void (*prefetch_input)(struct ms_role *r, const struct ms_pkt *pkt);
};

struct ms_role {
    const struct ms_role_ops *ops;
    struct ms_node *node;
    struct ms_role *next;
};

/* Appends r to n's roles (r->ops must be set; r->node is set here). */
void ms_role_attach(struct ms_node *n, struct ms_role *r);
/* The node's first role with this name, or NULL. */
struct ms_role *ms_role_find(const struct ms_node *n, const char *name);
/* Logs a line on behalf of the role's node (its name as `who`). */
void ms_role_log(const struct ms_role *r, enum ms_log_level lv, const char *fmt, ...)
    MS_PRINTF(3, 4);

#endif
