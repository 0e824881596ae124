/* IPv6 output: roles' output hooks, route lookup, neighbor resolution,
 * Ethernet framing (RFC 2464, multicast MAC mapping s7), IPv6-in-IPv6
 * encapsulation (RFC 2473), and the signalling report.
 *
 * Nothing here allocates but ms_pkt_new from the pool (a new packet is
 * only made for messages the node originates). */
#include "stack/node.h"

#include <errno.h>
#include <string.h>

#include "link/link.h"
#include "report/report.h"
#include "role/role.h"
#include "wire/codepoints.h"
#include "wire/eth.h"
#include "wire/ext.h"
#include "wire/icmp6.h"
#include "wire/ipv6.h"

/* The Hop Limit of what we originate: CurHopLimit (RFC 4861 s6.3.2),
 * possibly learned from an RA.  RFC 2473 s6.3 uses the same default for
 * the tunnel header. */
static uint8_t
default_hlim(const struct ms_node *n)
{
    return n->nd.cur_hop_limit ? n->nd.cur_hop_limit : 64;
}

/* Records a Mobility Header or ICMPv6 message this node originates (one
 * level of IPv6-in-IPv6 is looked into: a reverse-tunnelled HoTI counts). */
static void
report_signal(struct ms_node *n, const struct ms_pkt *pkt)
{
    struct ms_report *rep = n->sim->report;
    if (rep == NULL)
        return;
    const uint8_t *p = pkt->data;
    size_t len = pkt->len;
    for (int level = 0; level < 2; level++) {
        struct ms_ip6 ip6;
        if (ms_ip6_decode(p, len, &ip6) < 0 || ip6.nh == MS_IPPROTO_UDP)
            return;
        struct ms_ext_info ext;
        if (ms_ext_walk(p + MS_IP6_HLEN, ip6.plen, ip6.nh, &ext) < 0)
            return;
        size_t off = MS_IP6_HLEN + ext.upper_off;
        if (ext.upper == MS_IPPROTO_MH && off + 3 <= len) {
            ms_report_signal_mh(rep, p[off + 2], pkt->len);
            return;
        }
        if (ext.upper == MS_IPPROTO_ICMPV6 && off + 1 <= len) {
            ms_report_signal_icmp6(rep, p[off], pkt->len);
            return;
        }
        if (ext.upper != MS_IPPROTO_IPV6)
            return;
        p += off;
        len -= off;
    }
}

int
ms__ip6_xmit_mac(struct ms_node *n, struct ms_iface *ifc, struct ms_pkt *pkt,
                 const struct ms_mac *dst_mac)
{
    if (!ifc->up || ifc->link == NULL) {
        ms_node_drop(n, pkt, MS_ELINK_DOWN, "output");
        return MS_ELINK_DOWN;
    }
    uint8_t *h = ms_pkt_push(pkt, MS_ETH_HLEN);
    if (h == NULL) {
        ms_node_drop(n, pkt, MS_ENO_BUFS, "no headroom for ethernet");
        return MS_ENO_BUFS;
    }
    struct ms_eth eth = {.dst = *dst_mac, .src = ifc->mac, .ethertype = MS_ETHERTYPE_IPV6};
    ms_eth_encode(&eth, h, MS_ETH_HLEN);
    ifc->ctr.tx_frames++;
    ifc->ctr.tx_bytes += pkt->len;
    ms_link_output(ifc->link, ifc, pkt);
    return 0;
}

int
ms__ip6_xmit(struct ms_node *n, struct ms_iface *ifc, const struct in6_addr *nexthop,
             struct ms_pkt *pkt)
{
    if (!ifc->up || ifc->link == NULL) {
        ms_node_drop(n, pkt, MS_ELINK_DOWN, "output");
        return MS_ELINK_DOWN;
    }
    if (pkt->len > ms_iface_mtu(ifc)) {
        /* mipsim does not fragment (RFC 8200 s5): too big is dropped. */
        ms_node_drop(n, pkt, MS_ETOO_BIG, "output");
        return MS_ETOO_BIG;
    }
    struct in6_addr nh;
    if (nexthop != NULL)
        nh = *nexthop;
    else
        memcpy(&nh, pkt->data + MS_IP6_OFF_DST, sizeof nh);
    struct ms_mac mac;
    if (ms_in6_is_multicast(&nh)) {
        ms_mac_from_ipv6_mcast(&nh, &mac);
        return ms__ip6_xmit_mac(n, ifc, pkt, &mac);
    }
    int rc = ms__nd_resolve(ifc, &nh, pkt, &mac);
    if (rc != 0)
        return rc < 0 ? rc : 0; /* dropped, or queued until resolved */
    return ms__ip6_xmit_mac(n, ifc, pkt, &mac);
}

static void
loopback_cb(struct ms_timer *t)
{
    struct ms_pkt *pkt = t->data;
    ms__ip6_input(pkt->ingress, pkt, 0);
}

/* A packet addressed to this node itself goes back up the stack on the
 * interface holding the address, one event later (never re-entrantly). */
static int
loopback(struct ms_node *n, struct ms_pkt *pkt, const struct in6_addr *dst)
{
    struct ms_addr *a = ms_addr_find(n, dst);
    struct ms_iface *ifc = a ? a->iface : (n->nifaces ? n->ifaces[0] : NULL);
    if (ifc == NULL) {
        ms_node_drop(n, pkt, MS_ENO_ROUTE, "loopback");
        return MS_ENO_ROUTE;
    }
    pkt->ingress = ifc;
    ms_timer_init(&pkt->timer, loopback_cb, pkt);
    ms_timer_start(&n->sim->sched, &pkt->timer, 0);
    return 0;
}

/* Link-scoped destinations (link-local unicast, multicast) name no
 * interface: use the packet's ingress as a hint (replies), else the node's
 * only interface. */
static struct ms_iface *
scope_iface(struct ms_node *n, const struct ms_pkt *pkt)
{
    if (pkt->ingress != NULL)
        return pkt->ingress;
    if (n->nifaces == 1)
        return n->ifaces[0];
    return NULL;
}

/* route: the route for the packet's destination when the caller has just
 * looked it up (NULL = look it up). */
static int
route_output(struct ms_node *n, struct ms_pkt *pkt, const struct ms_route *route)
{
    struct in6_addr dst;
    memcpy(&dst, pkt->data + MS_IP6_OFF_DST, sizeof dst);
    n->ctr.ip_tx++;
    if (ms_in6_is_multicast(&dst) || ms_in6_is_linklocal(&dst)) {
        if (!ms_in6_is_multicast(&dst) && ms_node_is_local(n, &dst))
            return loopback(n, pkt, &dst);
        struct ms_iface *ifc = scope_iface(n, pkt);
        if (ifc != NULL)
            return ms__ip6_xmit(n, ifc, NULL, pkt);
    } else if (ms_node_is_local(n, &dst)) {
        return loopback(n, pkt, &dst);
    }
    const struct ms_route *r = route != NULL ? route : ms_route_lookup(n, &dst);
    if (r == NULL) {
        ms_node_drop(n, pkt, MS_ENO_ROUTE, "output");
        return MS_ENO_ROUTE;
    }
    return ms__ip6_xmit(n, r->oif, ms_in6_is_unspecified(&r->gw) ? NULL : &r->gw, pkt);
}

/* Roles' on_output hooks; true when one consumed the packet. */
static bool
output_hooks(struct ms_node *n, struct ms_pkt *pkt, unsigned flags)
{
    if ((flags & MS_TX_NO_HOOKS) || n->roles == NULL)
        return false;
    n->tx_depth++;
    for (struct ms_role *r = n->roles; r != NULL; r = r->next) {
        if (r->ops->on_output != NULL && r->ops->on_output(r, pkt) == MS_ROLE_CONSUMED) {
            n->tx_depth--;
            return true;
        }
    }
    n->tx_depth--;
    return false;
}

int
ms_ip6_output(struct ms_node *n, struct ms_pkt *pkt, unsigned flags)
{
    if (pkt->len < MS_IP6_HLEN) {
        ms_node_drop(n, pkt, MS_ETRUNC, "output");
        return MS_ETRUNC;
    }
    if (n->tx_depth == 0)
        report_signal(n, pkt);
    if (output_hooks(n, pkt, flags))
        return 0;
    return route_output(n, pkt, NULL);
}

int
ms_ip6_output_if(struct ms_node *n, struct ms_iface *ifc, const struct in6_addr *nexthop,
                 struct ms_pkt *pkt, unsigned flags)
{
    if (pkt->len < MS_IP6_HLEN) {
        ms_node_drop(n, pkt, MS_ETRUNC, "output");
        return MS_ETRUNC;
    }
    struct in6_addr nh;
    if (nexthop != NULL)
        nh = *nexthop;
    if (n->tx_depth == 0)
        report_signal(n, pkt);
    if (output_hooks(n, pkt, flags))
        return 0;
    n->ctr.ip_tx++;
    return ms__ip6_xmit(n, ifc, nexthop ? &nh : NULL, pkt);
}

/* Writes the fixed header in front of the payload already in pkt. */
static int
push_ip6(struct ms_node *n, struct ms_pkt *pkt, const struct in6_addr *src,
         const struct in6_addr *dst, uint8_t nh, uint8_t hlim)
{
    if (pkt->len > 0xffff) {
        ms_node_drop(n, pkt, MS_EBAD_LEN, "payload too long");
        return MS_EBAD_LEN;
    }
    struct ms_ip6 ip6 = {
        .plen = (uint16_t)pkt->len, .nh = nh, .hlim = hlim, .src = *src, .dst = *dst};
    uint8_t *h = ms_pkt_push(pkt, MS_IP6_HLEN);
    if (h == NULL) {
        ms_node_drop(n, pkt, MS_ENO_BUFS, "no headroom for ipv6");
        return MS_ENO_BUFS;
    }
    ms_ip6_encode(&ip6, h, MS_IP6_HLEN);
    return 0;
}

int
ms_ip6_send(struct ms_node *n, struct ms_pkt *pkt, const struct in6_addr *src,
            const struct in6_addr *dst, uint8_t nh, uint8_t hlim, unsigned flags)
{
    /* Copy first: the caller's addresses may point into the packet. */
    struct in6_addr d = *dst, s;
    if (src != NULL) {
        s = *src;
    } else if (ms_node_select_source(n, &d, &s) < 0) {
        ms_node_drop(n, pkt, MS_ENO_ROUTE, "no source address");
        return MS_ENO_ROUTE;
    }
    int rc = push_ip6(n, pkt, &s, &d, nh, hlim ? hlim : default_hlim(n));
    if (rc < 0)
        return rc;
    return ms_ip6_output(n, pkt, flags);
}

int
ms__ip6_send_nd(struct ms_iface *ifc, struct ms_pkt *pkt, const struct in6_addr *src,
                const struct in6_addr *dst, const struct ms_mac *dst_mac)
{
    struct ms_node *n = ifc->node;
    struct in6_addr d = *dst;
    /* RFC 4861: every ND message goes with Hop Limit 255, and never through
     * the roles' hooks (RFC 6275 s9.3.2: no routing header for ND). */
    int rc = push_ip6(n, pkt, src, &d, MS_IPPROTO_ICMPV6, 255);
    if (rc < 0)
        return rc;
    if (n->sim->report != NULL)
        ms_report_signal_icmp6(n->sim->report, pkt->data[MS_IP6_HLEN], pkt->len);
    n->ctr.ip_tx++;
    if (dst_mac != NULL)
        return ms__ip6_xmit_mac(n, ifc, pkt, dst_mac);
    return ms__ip6_xmit(n, ifc, NULL, pkt);
}

int
ms_ip6_encap_output(struct ms_node *n, struct ms_pkt *pkt, const struct in6_addr *outer_src,
                    const struct in6_addr *outer_dst, unsigned flags)
{
    struct in6_addr d = *outer_dst, s;
    if (outer_src != NULL) {
        s = *outer_src;
    } else if (ms_node_select_source(n, &d, &s) < 0) {
        ms_node_drop(n, pkt, MS_ENO_ROUTE, "tunnel source");
        return MS_ENO_ROUTE;
    }
    if (pkt->len < MS_IP6_HLEN) {
        ms_node_drop(n, pkt, MS_ETRUNC, "tunnel inner packet");
        return MS_ETRUNC;
    }
    /* RFC 2473 s6.7, s7.1: an inner packet that no longer fits once encapsulated
     * is answered with Packet Too Big (tunnel MTU = path MTU - 40) to its
     * source, unless we are that source. */
    const struct ms_route *r = ms_route_lookup(n, &d);
    if (r != NULL && pkt->len + MS_IP6_HLEN > ms_iface_mtu(r->oif)) {
        struct in6_addr inner_src;
        memcpy(&inner_src, pkt->data + MS_IP6_OFF_SRC, sizeof inner_src);
        if (!ms_node_is_local(n, &inner_src))
            ms_icmp6_send_error(n, pkt, MS_ICMP6_PACKET_TOO_BIG, 0,
                                ms_iface_mtu(r->oif) - MS_IP6_HLEN);
        ms_node_drop(n, pkt, MS_ETOO_BIG, "tunnel entry");
        return MS_ETOO_BIG;
    }
    int rc = push_ip6(n, pkt, &s, &d, MS_IPPROTO_IPV6, default_hlim(n));
    if (rc < 0)
        return rc;
    n->ctr.tunnel_encap++;
    if (!(flags & MS_TX_NO_HOOKS))
        return ms_ip6_output(n, pkt, flags);
    /* As ms_ip6_output without hooks, reusing the route just looked up (a
     * home agent tunnels every packet for its mobile nodes this way). */
    if (n->tx_depth == 0)
        report_signal(n, pkt);
    return route_output(n, pkt, r);
}

int
ms_icmp6_echo_send(struct ms_node *n, const struct in6_addr *src, const struct in6_addr *dst,
                   uint16_t id, uint16_t seq, size_t len, uint32_t flow_id, uint32_t flow_seq)
{
    static const uint8_t zeros[MS_PKT_DATAROOM];
    struct in6_addr d = *dst, s;
    if (src != NULL) {
        s = *src;
    } else if (ms_node_select_source(n, &d, &s) < 0) {
        ms_node_drop(n, NULL, MS_ENO_ROUTE, "echo request source");
        return MS_ENO_ROUTE;
    }
    if (len > sizeof zeros - MS_ICMP6_ERR_HDR_LEN - MS_IP6_HLEN)
        return -EMSGSIZE;
    struct ms_pkt *pkt = ms_pkt_new(&n->sim->pool);
    if (pkt == NULL) {
        ms_node_drop(n, NULL, MS_ENO_BUFS, "echo request");
        return MS_ENO_BUFS;
    }
    size_t mlen = 8 + len;
    uint8_t *p = ms_pkt_put(pkt, (uint32_t)mlen);
    int rc = p ? ms_icmp6_echo_encode(MS_ICMP6_ECHO_REQUEST, id, seq, zeros, len, &s, &d, p, mlen)
               : -EMSGSIZE;
    if (rc < 0) {
        ms_node_drop(n, pkt, rc, "echo request");
        return rc;
    }
    pkt->flow_id = flow_id;
    pkt->flow_seq = flow_seq;
    pkt->flow_sent_ns = ms_sim_now(n->sim);
    return ms_ip6_send(n, pkt, &s, &d, MS_IPPROTO_ICMPV6, 0, 0);
}
