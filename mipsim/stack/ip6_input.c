/* IPv6 input: Ethernet demultiplexing, IPv6 header validation, the
 * extension header walk (wire/ext.h), Home Address option swap (RFC 6275
 * s9.3.1), Type 2 Routing Header processing at the mobile node (RFC 6275
 * s11.3.3), upper-layer dispatch (ICMPv6 with ND and Echo, Mobility Header,
 * UDP, IPv6-in-IPv6) and forwarding.
 *
 * Redirects: a router sends a Redirect when it forwards a packet back out
 * of the interface it came in on (RFC 4861 s8.2).  mipsim never sends
 * them: RFC 6275 s10.4.2 forbids them for tunnelled traffic, and a
 * simulated topology gains nothing from first-hop optimisation. */
#include "stack/node.h"

#include <string.h>

#include "role/role.h"
#include "wire/codepoints.h"
#include "wire/eth.h"
#include "wire/ext.h"
#include "wire/icmp6.h"
#include "wire/ipv6.h"
#include "wire/mh.h"

/* Nested IPv6-in-IPv6 deeper than this is dropped (RFC 2473 s4.1.1's
 * encapsulation limit guards the same loop). */
#define MAX_TUNNEL_DEPTH 4u

static void ip6_input(struct ms_iface *ifc, struct ms_pkt *pkt, unsigned l2,
                      const struct ms_ip6 *outer, unsigned depth);

void
ms_iface_input(struct ms_iface *ifc, struct ms_pkt *pkt)
{
    struct ms_node *n = ifc->node;
    ifc->ctr.rx_frames++;
    ifc->ctr.rx_bytes += pkt->len;
    if (!ifc->up) {
        ms_node_drop(n, pkt, MS_ELINK_DOWN, "frame on a down interface");
        return;
    }
    struct ms_eth eth;
    int rc = ms_eth_decode(pkt->data, pkt->len, &eth);
    if (rc < 0) {
        ms_node_drop(n, pkt, rc, "ethernet header");
        return;
    }
    /* Our own frame coming back, or a unicast frame for another station on
     * a shared segment: a NIC filters these without a trace. */
    if (ms_mac_equal(&eth.src, &ifc->mac)) {
        ms_pkt_free(pkt);
        return;
    }
    unsigned l2 = 0;
    if (ms_mac_is_multicast(&eth.dst))
        l2 = MS_ICMP6_RX_L2_MCAST;
    else if (!ms_mac_equal(&eth.dst, &ifc->mac)) {
        ms_pkt_free(pkt);
        return;
    }
    if (eth.ethertype != MS_ETHERTYPE_IPV6) {
        if (eth.ethertype == MS_ETHERTYPE_L2EV)
            ms_pkt_free(pkt); /* layer-2 events are for captures */
        else
            ms_node_drop(n, pkt, MS_EBAD_PROTO, "ethertype");
        return;
    }
    ms_pkt_pull(pkt, MS_ETH_HLEN);
    ip6_input(ifc, pkt, l2, NULL, 0);
}

void
ms__ip6_input(struct ms_iface *ifc, struct ms_pkt *pkt, unsigned l2flags)
{
    ip6_input(ifc, pkt, l2flags, NULL, 0);
}

/* ---- Forwarding ---- */

static void
forward(struct ms_iface *in, struct ms_pkt *pkt, const struct ms_ip6 *ip6, unsigned l2)
{
    struct ms_node *n = in->node;
    /* RFC 4291 s2.5.6: link-local packets never leave their link; a
     * unicast packet that came as link-layer multicast is not ours to
     * route; no multicast routing in mipsim. */
    if (ms_in6_is_linklocal(&ip6->dst) || ms_in6_is_multicast(&ip6->dst) ||
        (l2 & MS_ICMP6_RX_L2_MCAST)) {
        ms_node_drop(n, pkt, MS_ENOT_FOR_US, "forward");
        return;
    }
    if (ms_in6_is_unspecified(&ip6->src)) {
        ms_node_drop(n, pkt, MS_EBAD_SOURCE, "forward from ::");
        return;
    }
    /* Roles first: a home agent intercepts packets for its mobile nodes. */
    n->tx_depth++;
    for (struct ms_role *r = n->roles; r != NULL; r = r->next) {
        if (r->ops->on_forward != NULL && r->ops->on_forward(r, pkt, ip6) == MS_ROLE_CONSUMED) {
            n->tx_depth--;
            return;
        }
    }
    n->tx_depth--;
    if (ms_in6_is_linklocal(&ip6->src)) {
        /* RFC 4443 s3.1 code 2: beyond scope of source address. */
        ms__icmp6_send_error_rx(n, pkt, MS_ICMP6_DST_UNREACH, MS_ICMP6_UNREACH_BEYOND_SCOPE, 0, l2,
                                0);
        ms_node_drop(n, pkt, MS_EBAD_SOURCE, "forward from link-local");
        return;
    }
    /* RFC 8200 s3 / RFC 4443 s3.3: a packet that would leave with Hop
     * Limit 0 is discarded with Time Exceeded, code 0. */
    if (ip6->hlim <= 1) {
        ms__icmp6_send_error_rx(n, pkt, MS_ICMP6_TIME_EXCEEDED, MS_ICMP6_TIMEX_HOP_LIMIT, 0, l2, 0);
        ms_node_drop(n, pkt, MS_EHOPLIMIT_EXCEEDED, "forward");
        return;
    }
    const struct ms_route *r = ms_route_lookup(n, &ip6->dst);
    if (r == NULL) {
        ms__icmp6_send_error_rx(n, pkt, MS_ICMP6_DST_UNREACH, MS_ICMP6_UNREACH_NO_ROUTE, 0, l2, 0);
        ms_node_drop(n, pkt, MS_ENO_ROUTE, "forward");
        return;
    }
    uint32_t mtu = ms_iface_mtu(r->oif);
    if (pkt->len > mtu) {
        /* RFC 4443 s3.2: Packet Too Big with the next-hop MTU. */
        ms__icmp6_send_error_rx(n, pkt, MS_ICMP6_PACKET_TOO_BIG, 0, mtu, l2, 0);
        ms_node_drop(n, pkt, MS_ETOO_BIG, "forward");
        return;
    }
    pkt->data[MS_IP6_OFF_HLIM] = (uint8_t)(ip6->hlim - 1);
    n->ctr.ip_fwd++;
    ms__ip6_xmit(n, r->oif, ms_in6_is_unspecified(&r->gw) ? NULL : &r->gw, pkt);
}

/* ---- Local delivery ---- */

static void
notify_deliver(struct ms_node *n, const struct ms_pkt *pkt, const struct ms_rx *rx)
{
    for (struct ms_role *r = n->roles; r != NULL; r = r->next)
        if (r->ops->on_deliver != NULL)
            r->ops->on_deliver(r, pkt, rx);
}

/* RFC 4443 s4.2: the reply carries the request's identifier, sequence and
 * data; its source is the address the request was sent to when that was
 * one of our unicast addresses. */
static void
echo_reply(struct ms_iface *ifc, const struct ms_pkt *req, const struct ms_rx *rx, bool mcast)
{
    struct ms_node *n = ifc->node;
    const uint8_t *p = req->data + rx->l4_off;
    struct ms_icmp6 m;
    int rc = ms_icmp6_decode(p, rx->l4_len, &m);
    if (rc < 0) {
        ms_node_drop(n, NULL, rc, "echo request");
        return;
    }
    struct in6_addr src, dst = rx->ip6.src;
    if (!mcast) {
        src = rx->ip6.dst;
    } else if (ms_node_select_source(n, &dst, &src) < 0) {
        ms_node_drop(n, NULL, MS_ENO_ROUTE, "echo reply source");
        return;
    }
    struct ms_pkt *rep = ms_pkt_new(&n->sim->pool);
    if (rep == NULL) {
        ms_node_drop(n, NULL, MS_ENO_BUFS, "echo reply");
        return;
    }
    size_t len = 8 + m.body_len;
    uint8_t *q = ms_pkt_put(rep, (uint32_t)len);
    rc = q ? ms_icmp6_echo_encode(MS_ICMP6_ECHO_REPLY, m.echo.id, m.echo.seq, p + m.body_off,
                                  m.body_len, &src, &dst, q, len)
           : -EMSGSIZE;
    if (rc < 0) {
        ms_node_drop(n, rep, rc, "echo reply");
        return;
    }
    /* Scope hint for a link-local requester; flow metadata for ping flows. */
    rep->ingress = ifc;
    rep->flow_id = req->flow_id;
    rep->flow_seq = req->flow_seq;
    rep->flow_sent_ns = req->flow_sent_ns;
    ms_ip6_send(n, rep, &src, &dst, MS_IPPROTO_ICMPV6, 0, 0);
}

static void
icmp6_input(struct ms_iface *ifc, struct ms_pkt *pkt, const struct ms_rx *rx, bool mcast)
{
    struct ms_node *n = ifc->node;
    const uint8_t *p = pkt->data + rx->l4_off;
    int rc = ms_icmp6_verify_cksum(p, rx->l4_len, &rx->ip6.src, &rx->ip6.dst);
    if (rc < 0) {
        ms_node_drop(n, pkt, rc, "icmpv6");
        return;
    }
    uint8_t type = p[0];
    if (type >= MS_ICMP6_RS && type <= MS_ICMP6_REDIRECT) {
        ms__nd_input(ifc, pkt, rx);
        return;
    }
    n->ctr.ip_delivered++;
    if (type == MS_ICMP6_ECHO_REQUEST) {
        notify_deliver(n, pkt, rx);
        echo_reply(ifc, pkt, rx, mcast);
        ms_pkt_free(pkt);
        return;
    }
    /* Echo replies, errors (RFC 4443 s2.4(a): passed up) and the MIPv6 and
     * FMIPv6 messages go to the roles; unclaimed ones end here. */
    for (struct ms_role *r = n->roles; r != NULL; r = r->next)
        if (r->ops->on_icmp6 != NULL && r->ops->on_icmp6(r, pkt, rx) == MS_ROLE_CONSUMED)
            return;
    ms_pkt_free(pkt);
}

/* RFC 6275 s9.3.3: a Binding Error goes to the wire source of the
 * offending packet and names the home address of its Home Address option
 * (or ::); it is rate-limited like ICMPv6 errors. */
static void
send_be(struct ms_node *n, const struct ms_rx *rx, bool mcast, uint8_t status)
{
    struct in6_addr dst = rx->has_hao ? rx->coa : rx->ip6.src;
    if (ms_in6_is_multicast(&dst) || ms_in6_is_unspecified(&dst))
        return;
    if (!ms__icmp6_ratelimit_take(n)) {
        ms_node_drop(n, NULL, MS_ERATE_LIMIT, "binding error");
        return;
    }
    struct in6_addr src;
    if (!mcast && !rx->has_rh2)
        src = rx->ip6.dst;
    else if (ms_node_select_source(n, &dst, &src) < 0)
        return;
    struct ms_mh be;
    ms_mh_init(&be, MS_MH_BE);
    be.u.be.status = status;
    if (rx->has_hao)
        be.u.be.hoa = rx->ip6.src;
    struct ms_pkt *pkt = ms_pkt_new(&n->sim->pool);
    if (pkt == NULL) {
        ms_node_drop(n, NULL, MS_ENO_BUFS, "binding error");
        return;
    }
    size_t len = ms_mh_len(&be);
    uint8_t *p = ms_pkt_put(pkt, (uint32_t)len);
    int rc = p ? ms_mh_encode(&be, &src, &dst, p, len) : -EMSGSIZE;
    if (rc < 0) {
        ms_node_drop(n, pkt, rc, "binding error");
        return;
    }
    ms_ip6_send(n, pkt, &src, &dst, MS_IPPROTO_MH, 0, MS_TX_NO_HOOKS);
}

/* RFC 6275 s9.2. */
static void
mh_input(struct ms_iface *ifc, struct ms_pkt *pkt, const struct ms_rx *rx, bool mcast, unsigned l2,
         uint32_t hao_off)
{
    struct ms_node *n = ifc->node;
    const uint8_t *p = pkt->data + rx->l4_off;
    /* "If invalid, the node MUST silently discard the message." */
    int rc = ms_mh_verify_cksum(p, rx->l4_len, &rx->ip6.src, &rx->ip6.dst);
    if (rc < 0) {
        ms_node_drop(n, pkt, rc, "mobility header");
        return;
    }
    struct ms_mh mh;
    rc = ms_mh_decode(p, rx->l4_len, &mh);
    if (rc == MS_EBAD_LEN) {
        /* Header Len shorter than the type needs: Parameter Problem code 0
         * pointing at Header Len, "directly to the Source Address". */
        ms__icmp6_send_error_rx(n, pkt, MS_ICMP6_PARAM_PROB, MS_ICMP6_PARAMPROB_HEADER,
                                rx->l4_off + 1, l2, hao_off);
        ms_node_drop(n, pkt, rc, "mobility header length");
        return;
    }
    if (rc < 0 && rc != MS_EUNKNOWN_TYPE) {
        ms_node_drop(n, pkt, rc, "mobility header");
        return;
    }
    if (rc == 0 && mh.payload_proto != MS_IPPROTO_NONE) {
        ms__icmp6_send_error_rx(n, pkt, MS_ICMP6_PARAM_PROB, MS_ICMP6_PARAMPROB_HEADER, rx->l4_off,
                                l2, hao_off);
        ms_node_drop(n, pkt, MS_EBAD_PROTO, "mobility header payload proto");
        return;
    }
    /* Roles see unknown types too (with type and length filled in): a role
     * may know a message the codec does not decode yet. */
    for (struct ms_role *r = n->roles; r != NULL; r = r->next) {
        if (r->ops->on_mh != NULL && r->ops->on_mh(r, pkt, rx, &mh) == MS_ROLE_CONSUMED) {
            n->ctr.ip_delivered++;
            return;
        }
    }
    if (rc == MS_EUNKNOWN_TYPE) {
        send_be(n, rx, mcast, MS_BE_UNRECOGNIZED_MH);
        ms_node_drop(n, pkt, rc, "mobility header type");
        return;
    }
    ms_node_drop(n, pkt, MS_ENO_LISTENER, "mobility header nobody handles");
}

static void
tunnel_input(struct ms_iface *ifc, struct ms_pkt *pkt, const struct ms_rx *rx, unsigned depth)
{
    struct ms_node *n = ifc->node;
    for (struct ms_role *r = n->roles; r != NULL; r = r->next)
        if (r->ops->on_tunnel != NULL && r->ops->on_tunnel(r, pkt, rx) == MS_ROLE_CONSUMED)
            return;
    if (depth + 1 >= MAX_TUNNEL_DEPTH) {
        ms_node_drop(n, pkt, MS_EBAD_PROTO, "tunnels nested too deep");
        return;
    }
    /* RFC 2473 s3.3 decapsulation: strip the outer header and its
     * extensions, then process the inner packet as if it had arrived on
     * this interface. */
    struct ms_ip6 outer = rx->ip6;
    ms_pkt_pull(pkt, rx->l4_off);
    ms_pkt_trim(pkt, rx->l4_len);
    n->ctr.tunnel_decap++;
    ip6_input(ifc, pkt, 0, &outer, depth + 1);
}

static bool
handles_mh(const struct ms_node *n)
{
    for (const struct ms_role *r = n->roles; r != NULL; r = r->next)
        if (r->ops->on_mh != NULL)
            return true;
    return false;
}

static bool
is_ns(const struct ms_pkt *pkt, const struct ms_ip6 *ip6)
{
    return ip6->nh == MS_IPPROTO_ICMPV6 && ip6->plen >= 1 && pkt->data[MS_IP6_HLEN] == MS_ICMP6_NS;
}

static void
deliver(struct ms_iface *ifc, struct ms_pkt *pkt, struct ms_rx *rx, bool mcast, unsigned l2,
        unsigned depth)
{
    struct ms_node *n = ifc->node;
    struct ms_ext_info ext;
    int rc = ms_ext_walk(pkt->data + MS_IP6_HLEN, rx->ip6.plen, rx->ip6.nh, &ext);
    if (rc < 0) {
        /* RFC 8200 s4: the walker says which Parameter Problem is due. */
        if (ext.icmp_code != MS_EXT_ICMP_NONE && (!mcast || ext.icmp_even_if_mcast))
            ms__icmp6_send_error_rx(n, pkt, MS_ICMP6_PARAM_PROB, (uint8_t)ext.icmp_code,
                                    MS_IP6_HLEN + ext.icmp_pointer, l2, 0);
        ms_node_drop(n, pkt, rc, "extension headers");
        return;
    }
    uint32_t hao_off = 0;
    if (ext.present & MS_EXT_F_RH2) {
        /* RFC 6275 s11.3.3: Segments Left 1 on the wire, and the address
         * one of our home addresses; otherwise silently discarded. */
        struct ms_addr *h = ms_addr_find(n, &ext.rh2_addr);
        if (mcast || ext.rh2_segs_left != 1) {
            ms_node_drop(n, pkt, MS_EBAD_FIELD, "type 2 routing header");
            return;
        }
        if (h == NULL || !(h->flags & MS_ADDR_F_HOME) || h->state == MS_ADDR_DUPLICATE) {
            ms_node_drop(n, pkt, MS_EBAD_DEST, "type 2 routing header: not our home address");
            return;
        }
        rc = ms_ext_rh2_swap(pkt->data, pkt->len, &ext);
        if (rc < 0) {
            ms_node_drop(n, pkt, rc, "type 2 routing header");
            return;
        }
        rx->has_rh2 = true;
        rx->rh2_hoa = ext.rh2_addr;
        rx->ip6.dst = ext.rh2_addr;
    }
    if (ext.present & MS_EXT_F_HAO) {
        /* RFC 6275 s9.3.1. */
        if (!ms_in6_is_routable_unicast(&ext.hao)) {
            ms_node_drop(n, pkt, MS_EBAD_SOURCE, "home address option");
            return;
        }
        if (ext.hao_next != MS_IPPROTO_ESP && ext.hao_next != MS_IPPROTO_AH &&
            ext.hao_next != MS_IPPROTO_MH &&
            (n->hao_check == NULL || !n->hao_check(n->hao_check_data, &ext.hao, &rx->ip6.src))) {
            struct ms_rx be_rx = *rx;
            be_rx.has_hao = true;
            be_rx.coa = rx->ip6.src;
            be_rx.ip6.src = ext.hao;
            send_be(n, &be_rx, mcast, MS_BE_UNKNOWN_BINDING);
            ms_node_drop(n, pkt, MS_ENO_BINDING, "home address option without binding");
            return;
        }
        rc = ms_ext_hao_swap(pkt->data, pkt->len, &ext);
        if (rc < 0) {
            ms_node_drop(n, pkt, rc, "home address option");
            return;
        }
        rx->has_hao = true;
        rx->coa = rx->ip6.src;
        rx->ip6.src = ext.hao;
        hao_off = MS_IP6_HLEN + ext.hao_off + 2;
    }
    rx->l4_proto = ext.upper;
    rx->l4_off = MS_IP6_HLEN + ext.upper_off;
    rx->l4_len = rx->ip6.plen - ext.upper_off;
    switch (ext.upper) {
    case MS_IPPROTO_ICMPV6:
        icmp6_input(ifc, pkt, rx, mcast);
        break;
    case MS_IPPROTO_MH:
        /* RFC 6275 s6.1.1, s11.3.5: "Any node that does not recognize the
         * Mobility header will return an ICMP Parameter Problem, Code 1":
         * a node none of whose roles takes Mobility Headers is such a node. */
        if (!handles_mh(n))
            goto unknown;
        mh_input(ifc, pkt, rx, mcast, l2, hao_off);
        break;
    case MS_IPPROTO_UDP:
        ms__udp_input(n, pkt, rx, mcast, l2, hao_off);
        break;
    case MS_IPPROTO_IPV6:
        tunnel_input(ifc, pkt, rx, depth);
        break;
    case MS_IPPROTO_NONE:
        ms_pkt_free(pkt); /* RFC 8200 s4.7: nothing follows */
        break;
    case MS_IPPROTO_FRAGMENT:
        ms_node_drop(n, pkt, MS_EBAD_PROTO, "fragment (no reassembly in mipsim)");
        break;
    default:
    unknown:
        /* RFC 8200 s4 / RFC 4443 s3.4: unrecognized Next Header, code 1,
         * pointing at the Next Header field that named it. */
        if (!mcast)
            ms__icmp6_send_error_rx(n, pkt, MS_ICMP6_PARAM_PROB, MS_ICMP6_PARAMPROB_NEXT_HEADER,
                                    (uint32_t)(MS_IP6_HLEN + ext.upper_nh_off), l2, hao_off);
        ms_node_drop(n, pkt, MS_EUNKNOWN_NH, "upper layer");
        break;
    }
}

static void
ip6_input(struct ms_iface *ifc, struct ms_pkt *pkt, unsigned l2, const struct ms_ip6 *outer,
          unsigned depth)
{
    struct ms_node *n = ifc->node;
    n->ctr.ip_rx++;
    struct ms_rx rx;
    memset(&rx, 0, sizeof rx);
    int rc = ms_ip6_decode(pkt->data, pkt->len, &rx.ip6);
    if (rc < 0) {
        ms_node_drop(n, pkt, rc, "ipv6 header");
        return;
    }
    /* Octets past Payload Length are link padding (RFC 8200 s3). */
    ms_pkt_trim(pkt, MS_IP6_HLEN + rx.ip6.plen);
    pkt->ingress = ifc;
    rx.iface = ifc;
    if (outer != NULL) {
        rx.tunnelled = true;
        rx.outer = *outer;
    }
    /* RFC 4291 s2.7: multicast is never a source. */
    if (ms_in6_is_multicast(&rx.ip6.src)) {
        ms_node_drop(n, pkt, MS_EBAD_SOURCE, "ipv6 source");
        return;
    }
    bool mcast = ms_in6_is_multicast(&rx.ip6.dst);
    if (mcast) {
        if (!ms__iface_listens(ifc, &rx.ip6.dst)) {
            ms_pkt_free(pkt); /* a group we did not join: filtered */
            return;
        }
    } else if (!ms_node_is_local(n, &rx.ip6.dst)) {
        /* RFC 6275 s10.4.1: a proxy answers unicast solicitations for the
         * addresses it defends. */
        if (ifc->nproxies != 0 && ms__iface_is_proxy(ifc, &rx.ip6.dst) && is_ns(pkt, &rx.ip6)) {
            deliver(ifc, pkt, &rx, false, l2, depth);
            return;
        }
        if (n->forwarding) {
            forward(ifc, pkt, &rx.ip6, l2);
            return;
        }
        ms_node_drop(n, pkt, MS_ENOT_FOR_US, "ipv6 destination");
        return;
    }
    deliver(ifc, pkt, &rx, mcast, l2, depth);
}
