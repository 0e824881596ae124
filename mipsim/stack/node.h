/* A node's IPv6 stack: interfaces, addresses (SLAAC, DAD), neighbor cache,
 * routes (longest prefix match), forwarding, IPv6-in-IPv6 tunnels, UDP,
 * ICMPv6 errors, and the hook points where protocol roles (mipsim/role) plug
 * in.  Nothing here knows Lua.
 *
 * Packet ownership (DESIGN.md): every function named *_input, *_output,
 * *_send or *_deliver consumes the packet it is given, on every path.
 *
 * Bad input is routine: a malformed or unwanted packet is freed, counted in
 * node->drops[ms_err_index(code)], logged (rate-limited per node and reason)
 * and dropped.
 */
#ifndef MIPSIM_STACK_NODE_H
#define MIPSIM_STACK_NODE_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/pkt.h"
#include "core/rng.h"
#include "core/sched.h"
#include "core/sim.h"
#include "wire/err.h"
#include "wire/eth.h"

struct ms_link;
struct ms_role;
struct ms_nbr_table;
struct ms_nd;
struct ms_ip6;

#define MS_NODE_NAME_MAX 32
#define MS_IFACE_MAX_ADDRS 4

/* RFC 4861 s10 / RFC 4862 s5.1 defaults; every field can be changed by the
 * script (sim.node{ nd = {...} }).  Times in nanoseconds. */
struct ms_nd_params {
    /* Host. */
    int64_t max_rtr_solicitation_delay_ns; /* 1 s; RFC 6275 s11.5.1 lets an MN skip it */
    int64_t rtr_solicitation_interval_ns;  /* 4 s */
    uint8_t max_rtr_solicitations;         /* 3 */
    uint8_t dup_addr_detect_transmits;     /* 1 (RFC 4862 s5.1) */
    int64_t retrans_timer_ns;              /* 1 s (RETRANS_TIMER) */
    int64_t reachable_time_ns;             /* 30 s (REACHABLE_TIME), randomised 0.5-1.5 */
    int64_t delay_first_probe_time_ns;     /* 5 s */
    uint8_t max_multicast_solicit;         /* 3 */
    uint8_t max_unicast_solicit;           /* 3 */
    bool max_delay_dad; /* delay the first DAD NS by [0, MAX_RTR_SOLICITATION_DELAY] */
    /* Router. */
    int64_t min_rtr_adv_interval_ns;  /* 0.33 * max; RFC 6275 s7.5 allows 30 ms */
    int64_t max_rtr_adv_interval_ns;  /* 600 s; RFC 6275 s7.5 allows 70 ms */
    int64_t max_ra_delay_time_ns;     /* 0.5 s: solicited RA delay (RFC 4861 s6.2.6) */
    int64_t min_delay_between_ras_ns; /* 3 s; RFC 6275 s7.5 allows 30 ms */
    uint32_t router_lifetime_s;       /* 1800 */
    uint8_t cur_hop_limit;            /* 64 */
};
void ms_nd_params_default(struct ms_nd_params *p);

enum ms_addr_state {
    MS_ADDR_NONE = 0,
    MS_ADDR_TENTATIVE,
    MS_ADDR_PREFERRED,
    MS_ADDR_DEPRECATED,
    MS_ADDR_DUPLICATE,
};

enum ms_addr_flag {
    MS_ADDR_F_SLAAC = 0x01,  /* formed from an RA prefix */
    MS_ADDR_F_STATIC = 0x02, /* configured by the script */
    MS_ADDR_F_NODAD = 0x04,  /* no DAD (e.g. a home address held while away) */
    MS_ADDR_F_HOME = 0x08,   /* a mobile node's home address: owned, but not on this link */
    MS_ADDR_F_ANYCAST = 0x10,
};

struct ms_iface;

struct ms_addr {
    struct in6_addr addr;
    uint8_t plen;
    uint8_t state; /* enum ms_addr_state */
    uint8_t flags; /* enum ms_addr_flag */
    uint8_t dad_left;
    int64_t valid_until_ns, preferred_until_ns; /* MS_TIME_NEVER = infinite */
    struct ms_timer dad_timer;
    struct ms_iface *iface;
};

/* Router-side advertisement configuration of one interface. */
#define MS_RA_MAX_PREFIXES 4
struct ms_ra_prefix {
    struct in6_addr prefix;
    uint8_t plen;
    uint8_t flags; /* MS_PI_F_L | MS_PI_F_A | MS_PI_F_R */
    uint32_t valid_s, preferred_s;
};
struct ms_ra_cfg {
    bool enabled;
    uint8_t flags; /* MS_RA_F_H for a home agent */
    struct ms_ra_prefix prefixes[MS_RA_MAX_PREFIXES];
    uint8_t nprefixes;
    bool adv_interval_opt; /* RFC 6275 s7.3 */
    bool ha_info_opt;      /* RFC 6275 s7.4 */
    uint16_t ha_preference, ha_lifetime_s;
    bool mtu_opt;
    /* Extra ND options appended verbatim (later issues: MAP option, ...). */
    uint8_t extra_opts[64];
    uint8_t extra_len;
    struct ms_timer timer;
    int64_t last_ra_ns;
    uint32_t initial_left; /* MAX_INITIAL_RTR_ADVERTISEMENTS (3) */
};

/* Host-side learned state. */
struct ms_default_router {
    struct in6_addr addr;
    int64_t until_ns;
};

struct ms_iface_counters {
    uint64_t rx_frames, tx_frames, rx_bytes, tx_bytes;
};

struct ms_iface {
    struct ms_node *node;
    char name[16];
    uint32_t index;
    struct ms_mac mac;
    uint32_t mtu;
    bool up;        /* L2 connected: always on segments, attached for radios */
    bool is_radio;  /* attaches to cells */
    bool accept_ra; /* hosts: process RAs, SLAAC */
    /* node->forwarding, fixed when the node is made, copied here for the
     * prefetch hints: they read the interface a step before its node. */
    bool on_router;
    uint32_t link_slot; /* link.c: its index in link->members, kept by the link */
    struct ms_link *link;
    struct ms_iface_counters ctr; /* here, next to what every frame reads */
    /* Proxy ND: addresses this interface defends for others (RFC 6275 s10.4.1). */
    struct in6_addr *proxies;
    uint32_t nproxies, proxies_cap;
    struct ms_addr addrs[MS_IFACE_MAX_ADDRS];
    struct ms_nbr_table *nbrs; /* allocated on first use */
    struct ms_ra_cfg *ra;      /* routers that advertise; NULL otherwise */
    struct ms_default_router dflt;
    /* Router solicitation state (hosts). */
    struct ms_timer rs_timer;
    uint8_t rs_left;
    /* DAD probes on behalf of other nodes (ms_nd_dad_probe), a list. */
    struct ms_dad_probe *dad_probes;
};

enum ms_route_flag {
    MS_ROUTE_F_CONNECTED = 0x01, /* on-link prefix of an interface address */
    MS_ROUTE_F_RA = 0x02,        /* learned from a Router Advertisement */
};

struct ms_route {
    struct in6_addr prefix;
    uint8_t plen;
    uint8_t flags; /* enum ms_route_flag; 0 for routes added by ms_route_add */
    struct ms_iface *oif;
    struct in6_addr gw; /* unspecified = on-link */
    uint32_t metric;
    int64_t expires_ns; /* MS_TIME_NEVER, or when an RA-learned route lapses */
};

/* Per-node counters; drops are indexed by ms_err_index(code). */
struct ms_node_counters {
    uint64_t ip_rx, ip_tx, ip_fwd, ip_delivered;
    uint64_t tunnel_encap, tunnel_decap;
    uint64_t icmp_errors_sent;
    uint64_t drops[MS_ERR__COUNT];
    uint64_t drops_other; /* errno and unclassified codes */
};

/* RFC 6275 s9.3.1: a packet carrying a Home Address option (whose Next
 * Header is not ESP, AH or MH) is accepted only when a Binding Cache entry
 * maps hoa to coa (the wire source).  A correspondent or home agent role
 * installs this check; without one the node has no Binding Cache, and such
 * packets are dropped (MS_ENO_BINDING) with a Binding Error, status 1. */
typedef bool (*ms_hao_check_cb)(void *data, const struct in6_addr *hoa, const struct in6_addr *coa);

struct ms_udp_sock;
typedef void (*ms_udp_recv_cb)(struct ms_udp_sock *s, struct ms_pkt *pkt,
                               const struct in6_addr *src, const struct in6_addr *dst,
                               uint16_t sport, const uint8_t *payload, size_t len);
/* Optional hint (ms__iface_prefetch_input): a datagram for this socket
 * will arrive shortly; start fetching what cb will read.  payload is the
 * datagram's (len octets, still being fetched itself).  Must change
 * nothing. */
typedef void (*ms_udp_prefetch_cb)(const struct ms_udp_sock *s, const uint8_t *payload, size_t len);
struct ms_udp_sock {
    struct ms_node *node;
    uint16_t port;
    ms_udp_recv_cb cb; /* borrows pkt: the stack frees it after the callback */
    void *data;
    struct ms_udp_sock *next;
    ms_udp_prefetch_cb prefetch; /* NULL = none */
};

/* What every packet touches (interfaces, roles, sockets, the first
 * counters) comes first, in 104 octets (the name, read only by logs, comes
 * after): with thousands of nodes a node is rarely in cache when a packet
 * reaches it, and each line fetched counts. */
struct ms_node {
    struct ms_sim *sim;
    struct ms_iface **ifaces;
    uint32_t nifaces;
    bool forwarding;       /* a router */
    uint32_t tx_depth;     /* nesting of output hooks: signalling is reported at depth 0 */
    struct ms_role *roles; /* in the order they were added */
    struct ms_udp_sock *socks;
    /* addr.c: every address slot in use, by address, for nodes with many
     * interfaces (a router with fifty links checks its 200 slots twice per
     * forwarded packet otherwise); built on first use, NULL for others. */
    struct ms_addr_index *addr_idx;
    struct ms_node_counters ctr;
    char name[MS_NODE_NAME_MAX];
    struct ms_route *routes;
    uint32_t nroutes, routes_cap;
    /* route.c: the routes by (prefix length, prefix), for nodes with many
     * routes (a home agent with fifty access routers behind it); rebuilt on
     * the first lookup after a route is added or removed, NULL for others. */
    struct ms_route_index *route_idx;
    bool route_idx_stale;
    struct ms_rng rng; /* stream (seed, name) */
    struct ms_nd_params nd;
    uint32_t drop_logs; /* rate limit for drop messages */
    /* RFC 4443 s2.4(f) token bucket for ICMPv6 errors (and Binding Errors,
     * RFC 6275 s9.3.3): at most icmp_burst at once, icmp_rate_per_s on
     * average (defaults B=10, N=10/s, the RFC's example; 0 = unlimited). */
    uint32_t icmp_rate_per_s, icmp_burst;
    uint32_t icmp_tokens;
    int64_t icmp_refill_ns;
    ms_hao_check_cb hao_check;
    void *hao_check_data;
    struct ms_node *next; /* the simulation's list, in creation order */
};

/* Nodes and interfaces.  ms_node_new returns NULL when out of memory.
 * ms_node_free frees the roles (ops->free), sockets, interfaces and their
 * tables; it does not detach the interfaces from their links: a caller
 * that keeps the links running detaches first (ms_link_detach). */
struct ms_node *ms_node_new(struct ms_sim *sim, const char *name, bool forwarding);
void ms_node_free(struct ms_node *n);
/* Adds an interface with the given MAC; is_radio for cell radios (starts down). */
struct ms_iface *ms_iface_new(struct ms_node *n, const struct ms_mac *mac, bool is_radio);
/* Called by links when L2 connectivity changes (cell attach/detach): starts
 * link-local DAD and router solicitation on up, forgets neighbors, routers
 * and SLAAC addresses learned on the old link on down (RFC 6275 s11.5). */
void ms_iface_set_up(struct ms_iface *ifc, bool up);
/* Called by cells: offers a layer-2 event to the node's roles (on_l2), in order. */
struct ms_l2_event;
void ms_iface_l2_event(struct ms_iface *ifc, const struct ms_l2_event *ev);
/* Link-layer filter, as a NIC's: true when a frame to dst (our MAC,
 * broadcast, or an IPv6 multicast MAC of a group the interface listens to,
 * RFC 2464 s7) is worth delivering.  Links may call it before cloning a
 * multicast frame for each member: on a segment with hundreds of members a
 * solicited-node NS then costs one copy, not hundreds.  Any other group
 * address (not 33:33:...) is accepted. */
bool ms_iface_wants_frame(const struct ms_iface *ifc, const struct ms_mac *dst);
/* The interface's IPv6 MTU: its own, capped by its link's. */
uint32_t ms_iface_mtu(const struct ms_iface *ifc);
void ms_node_set_hao_check(struct ms_node *n, ms_hao_check_cb cb, void *data);

/* Addresses.  ms_addr_add starts DAD unless MS_ADDR_F_NODAD.  Returns the
 * slot or NULL when full. */
struct ms_addr *ms_addr_add(struct ms_iface *ifc, const struct in6_addr *a, uint8_t plen,
                            uint8_t flags);
void ms_addr_del(struct ms_iface *ifc, const struct in6_addr *a);
/* The interface address equal to a (any state), or NULL. */
struct ms_addr *ms_addr_find(struct ms_node *n, const struct in6_addr *a);
/* True when a is a usable (preferred/deprecated, or F_HOME) unicast address
 * of the node, or a multicast group it listens to. */
bool ms_node_is_local(struct ms_node *n, const struct in6_addr *a);
/* Source address selection (RFC 6724, simplified: same interface, matching
 * scope, longest common prefix, preferred over deprecated).  Returns 0 or
 * MS_ENO_ROUTE. */
int ms_node_select_source(struct ms_node *n, const struct in6_addr *dst, struct in6_addr *out);

/* Routes (longest prefix match; ties by lower metric, then insertion order). */
int ms_route_add(struct ms_node *n, const struct in6_addr *prefix, uint8_t plen,
                 struct ms_iface *oif, const struct in6_addr *gw, uint32_t metric);
int ms_route_del(struct ms_node *n, const struct in6_addr *prefix, uint8_t plen,
                 struct ms_iface *oif);
const struct ms_route *ms_route_lookup(struct ms_node *n, const struct in6_addr *dst);

/* Input from a link: pkt->data at the Ethernet header.  Consumes pkt. */
void ms_iface_input(struct ms_iface *ifc, struct ms_pkt *pkt);

/* Output flags. */
enum ms_tx_flag {
    MS_TX_NO_HOOKS = 0x01, /* skip the roles' on_output (signalling that must go as built) */
};

/* Sends a complete IPv6 packet (pkt->data at the IPv6 header, source set) from
 * this node: roles' on_output hooks (unless MS_TX_NO_HOOKS), route lookup,
 * neighbor resolution, Ethernet framing.  Consumes pkt.  Returns 0 or the
 * reason it was dropped (already counted). */
int ms_ip6_output(struct ms_node *n, struct ms_pkt *pkt, unsigned flags);
/* Same, but on a given interface to a given next hop (NULL = the packet's
 * destination): for ND and for a mobile node's signalling on a new link. */
int ms_ip6_output_if(struct ms_node *n, struct ms_iface *ifc, const struct in6_addr *nexthop,
                     struct ms_pkt *pkt, unsigned flags);

/* Prepends an IPv6 header to the payload already in pkt and sends it.  src
 * NULL = select.  hlim 0 = the node's default.  Consumes pkt. */
int ms_ip6_send(struct ms_node *n, struct ms_pkt *pkt, const struct in6_addr *src,
                const struct in6_addr *dst, uint8_t nh, uint8_t hlim, unsigned flags);

/* IPv6-in-IPv6 (RFC 2473): prepends an outer header (next header 41) to the
 * complete packet in pkt and sends it.  Consumes pkt. */
int ms_ip6_encap_output(struct ms_node *n, struct ms_pkt *pkt, const struct in6_addr *outer_src,
                        const struct in6_addr *outer_dst, unsigned flags);

/* ICMPv6 error about the invoking packet (pkt->data at its IPv6 header),
 * obeying RFC 4443 s2.4 (no error about an error, multicast rules, rate
 * limit).  Borrows pkt (does not consume). */
void ms_icmp6_send_error(struct ms_node *n, const struct ms_pkt *invoking, uint8_t type,
                         uint8_t code, uint32_t param);

/* UDP (RFC 768 over IPv6, checksum mandatory). */
struct ms_udp_sock *ms_udp_bind(struct ms_node *n, uint16_t port, ms_udp_recv_cb cb, void *data);
void ms_udp_close(struct ms_udp_sock *s);
/* Builds and sends a datagram; payload NULL = zeros.  The flow metadata is
 * copied into the packet for loss accounting. */
int ms_udp_send(struct ms_node *n, const struct in6_addr *src, const struct in6_addr *dst,
                uint16_t sport, uint16_t dport, const uint8_t *payload, size_t len,
                uint32_t flow_id, uint32_t flow_seq);

/* Proxy Neighbor Discovery (RFC 6275 s10.4.1) and DAD on behalf of another
 * node (RFC 6275 s10.3.1).  The callback fires once with ok=false when a
 * node answered for the address (duplicate), ok=true after
 * dup_addr_detect_transmits * retrans_timer without an answer. */
int ms_nd_proxy_add(struct ms_iface *ifc, const struct in6_addr *a);
void ms_nd_proxy_del(struct ms_iface *ifc, const struct in6_addr *a);
typedef void (*ms_dad_cb)(void *data, const struct in6_addr *a, bool ok);
int ms_nd_dad_probe(struct ms_iface *ifc, const struct in6_addr *a, ms_dad_cb cb, void *data);
void ms_nd_dad_probe_cancel(struct ms_iface *ifc, const struct in6_addr *a);

/* Routers: start sending RAs on ifc with cfg (copied). */
int ms_ra_start(struct ms_iface *ifc, const struct ms_ra_cfg *cfg);
void ms_ra_stop(struct ms_iface *ifc);
/* Hosts: send a Router Solicitation now (and retransmit per nd params). */
void ms_rs_start(struct ms_iface *ifc, bool skip_delay);

/* Sends an ICMPv6 Echo Request (RFC 4443 s4.1) with len data octets (zeros),
 * src NULL = select.  Replies reach the roles' on_icmp6 hook.  The flow
 * metadata is copied into the packet.  Returns 0 or a negative code. */
int ms_icmp6_echo_send(struct ms_node *n, const struct in6_addr *src, const struct in6_addr *dst,
                       uint16_t id, uint16_t seq, size_t len, uint32_t flow_id, uint32_t flow_seq);

/* Drops: frees pkt (may be NULL), counts code, logs rate-limited. */
void ms_node_drop(struct ms_node *n, struct ms_pkt *pkt, int code, const char *what);
/* The count of drops for one reason (a code from wire/err.h). */
uint64_t ms_node_drops(const struct ms_node *n, int code);

/* ---- Internal to mipsim/stack (node.c, addr.c, nd.c, nbr.c, route.c, ---- */
/* ---- ip6_input.c, ip6_output.c, icmp6_err.c, udp.c).                  ---- */

struct ms_rx;

/* One DAD probe on behalf of another node (nd.c). */
struct ms_dad_probe {
    struct in6_addr addr;
    struct ms_iface *ifc;
    ms_dad_cb cb;
    void *data;
    uint8_t left; /* solicitations still to send */
    struct ms_timer timer;
    struct ms_dad_probe *next;
};

/* prefetch.c: hints for a frame about to reach `to` (links call it a few
 * events ahead, with step 3, 2, then 1 for the same frame, so that each
 * step can follow a pointer the previous one fetched): the state that
 * forwarding or local delivery of the frame will read.  Reads the frame and
 * the tables, and changes nothing. */
void ms__iface_prefetch_input(const struct ms_iface *to, const struct ms_pkt *pkt, unsigned step);
/* The octets of a frame a link fetches before the stack's steps: Ethernet
 * and an IPv6 header (54 octets) fit, all a router forwards on; hosts fetch
 * the rest at step 3.  Every line fetched counts: with ten thousand nodes
 * the run is limited by how many misses the core can keep in flight. */
#define MS_PREFETCH_HEADERS 64u

/* route.c */
struct ms_route_index;
void ms__route_index_free(struct ms_node *n);

/* addr.c */
struct ms_addr_index;
void ms__addr_index_free(struct ms_node *n);
void ms__addr_dad_start(struct ms_addr *a);
void ms__addr_dad_failed(struct ms_addr *a);
void ms__addr_slaac(struct ms_iface *ifc, const struct in6_addr *prefix, uint8_t plen,
                    uint32_t valid_s, uint32_t preferred_s);
bool ms__addr_usable(const struct ms_addr *a, int64_t now_ns);
/* The interface address equal to a (any state but NONE), or NULL. */
struct ms_addr *ms__iface_addr_find(struct ms_iface *ifc, const struct in6_addr *a);
/* A usable address of ifc: link-local when want_ll, else global (preferred
 * over deprecated); NULL when none. */
const struct in6_addr *ms__iface_addr_pick(struct ms_iface *ifc, bool want_ll);
/* True when ifc receives packets sent to the multicast group g. */
bool ms__iface_listens(struct ms_iface *ifc, const struct in6_addr *g);
bool ms__iface_is_proxy(const struct ms_iface *ifc, const struct in6_addr *a);

/* nd.c */
void ms__nbr_timer_cb(struct ms_timer *t);
void ms__nd_input(struct ms_iface *ifc, struct ms_pkt *pkt, const struct ms_rx *rx);
void ms__nd_send_ns(struct ms_iface *ifc, const struct in6_addr *target, const struct in6_addr *src,
                    const struct in6_addr *dst, const struct ms_mac *dst_mac);
void ms__nd_iface_fini(struct ms_iface *ifc);
/* Neighbor resolution for a unicast next hop (RFC 4861 s7.2.2, s7.3.3):
 * returns 0 with *mac set when the frame can go now; 1 when pkt was queued
 * on an INCOMPLETE entry (consumed); a negative code when pkt was dropped
 * (consumed, counted). */
int ms__nd_resolve(struct ms_iface *ifc, const struct in6_addr *nexthop, struct ms_pkt *pkt,
                   struct ms_mac *mac);
void ms__ra_kick(struct ms_iface *ifc);

/* route.c */
void ms__route_del_iface(struct ms_node *n, struct ms_iface *ifc, uint8_t flags);
int ms__route_set(struct ms_node *n, const struct in6_addr *prefix, uint8_t plen,
                  struct ms_iface *oif, const struct in6_addr *gw, uint32_t metric, uint8_t flags,
                  int64_t expires_ns);

/* ip6_input.c */
/* Input of an IPv6 packet (pkt->data at the IPv6 header) that arrived on
 * ifc; l2flags: MS_ICMP6_RX_* (how the frame was addressed).  Consumes. */
void ms__ip6_input(struct ms_iface *ifc, struct ms_pkt *pkt, unsigned l2flags);

/* ip6_output.c */
/* Sends pkt (data at the IPv6 header) on ifc to nexthop (NULL = its
 * destination) without hooks: neighbor resolution and framing.  Consumes. */
int ms__ip6_xmit(struct ms_node *n, struct ms_iface *ifc, const struct in6_addr *nexthop,
                 struct ms_pkt *pkt);
/* Frames pkt for dst_mac and puts it on the link.  Consumes. */
int ms__ip6_xmit_mac(struct ms_node *n, struct ms_iface *ifc, struct ms_pkt *pkt,
                     const struct ms_mac *dst_mac);
/* Sends an ND/ICMPv6 message already built at pkt->data (ICMPv6 payload
 * only) with Hop Limit 255 on ifc; dst_mac NULL = resolve.  Consumes. */
int ms__ip6_send_nd(struct ms_iface *ifc, struct ms_pkt *pkt, const struct in6_addr *src,
                    const struct in6_addr *dst, const struct ms_mac *dst_mac);

/* icmp6_err.c */
/* As ms_icmp6_send_error, with how the invoking packet arrived
 * (MS_ICMP6_RX_* flags) and, when it carried a Home Address option already
 * swapped in place, that option's offset from the IPv6 header (0 = none):
 * the error quotes the packet as it was on the wire and goes to the care-of
 * address. */
void ms__icmp6_send_error_rx(struct ms_node *n, const struct ms_pkt *invoking, uint8_t type,
                             uint8_t code, uint32_t param, unsigned rx_flags, uint32_t hao_off);
/* Takes one token from the error rate limiter; false when empty. */
bool ms__icmp6_ratelimit_take(struct ms_node *n);

/* udp.c */
void ms__udp_input(struct ms_node *n, struct ms_pkt *pkt, const struct ms_rx *rx, bool mcast,
                   unsigned l2flags, uint32_t hao_off);

#endif
