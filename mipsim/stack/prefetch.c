/* Hints for a frame about to be received.
 *
 * With thousands of nodes, the state a frame will touch (the receiving
 * router's binding and neighbor entry, the receiving host's roles, socket
 * and flow) is rarely in cache when the frame arrives, and each miss stalls
 * the run for the length of a memory access.  Links see their frames a few
 * events ahead (link.c's FIFO) and call here, one pointer hop per step, so
 * the fetches overlap with the events in between.  These functions only
 * read the frame (within pkt->len) and the tables, and change nothing: a
 * hint that guesses wrong costs a little time, never a different run. */
#include "stack/node.h"

#include <stddef.h>
#include <string.h>

#include "core/prefetch.h"
#include "role/role.h"
#include "stack/nbr.h"
#include "wire/bytes.h"
#include "wire/codepoints.h"
#include "wire/eth.h"
#include "wire/ipv6.h"
#include "wire/udp.h"

/* A router with more interfaces than this does not guess the outgoing one. */
#define PREFETCH_FWD_MAX_IFACES 4u

/* Forwarding reads the roles' state for the IPv6 destination (a home
 * agent's binding) and, for an on-link next hop, the neighbor entry on one
 * of the other interfaces, then the link's MAC index for it. */
static void
prefetch_forwarding(const struct ms_node *n, const struct ms_iface *to, const uint8_t *ip6,
                    unsigned step)
{
    struct in6_addr dst;
    memcpy(&dst, ip6 + MS_IP6_OFF_DST, sizeof dst);
    for (struct ms_role *r = n->roles; r != NULL; r = r->next)
        if (r->ops->prefetch_forward != NULL)
            r->ops->prefetch_forward(r, &dst, step);
    if (n->nifaces > PREFETCH_FWD_MAX_IFACES)
        return;
    for (uint32_t i = 0; i < n->nifaces; i++)
        if (n->ifaces[i] != to)
            ms__nbr_prefetch(n->ifaces[i], &dst, step);
}

/* Local delivery reads the node (its lists, first counters and the
 * interface's address slots, which ms_node_is_local scans twice for a
 * tunnelled datagram), the roles (a mobile node checks a tunnelled packet
 * against its home agent and home address) and, for UDP, the socket's
 * receiver.  The UDP header is found after the IPv6 header, or after one
 * IPv6-in-IPv6 encapsulation (a home agent's tunnel); other chains are not
 * walked. */
static void
prefetch_local(const struct ms_iface *to, const struct ms_pkt *pkt, const uint8_t *ip6,
               uint32_t len, unsigned step)
{
    const struct ms_node *n = to->node;
    if (step >= 3) {
        ms_prefetch_span(n, offsetof(struct ms_node, ctr.icmp_errors_sent));
        /* What ms_node_is_local compares in each address slot. */
        for (unsigned i = 0; i < MS_IFACE_MAX_ADDRS; i++)
            ms_prefetch_span(&to->addrs[i], offsetof(struct ms_addr, preferred_until_ns));
        /* The rest of the frame: a host checksums its payload. */
        if (pkt->len > MS_PREFETCH_HEADERS)
            ms_prefetch_span(pkt->data + MS_PREFETCH_HEADERS, pkt->len - MS_PREFETCH_HEADERS);
        return;
    }
    if (step == 2) {
        __builtin_prefetch(n->socks);
        __builtin_prefetch(n->roles);
        __builtin_prefetch(n->ifaces);
        return;
    }
    for (struct ms_role *r = n->roles; r != NULL; r = r->next)
        if (r->ops->prefetch_input != NULL)
            r->ops->prefetch_input(r, pkt);
    if (n->socks == NULL)
        return;
    uint8_t nh = ip6[MS_IP6_OFF_NH];
    if (nh == MS_IPPROTO_IPV6 && len >= 2 * MS_IP6_HLEN) {
        ip6 += MS_IP6_HLEN;
        len -= MS_IP6_HLEN;
        nh = ip6[MS_IP6_OFF_NH];
    }
    if (nh != MS_IPPROTO_UDP || len < MS_IP6_HLEN + MS_UDP_HLEN)
        return;
    const uint8_t *udp = ip6 + MS_IP6_HLEN;
    uint16_t dport = ms_rd16(udp + 2);
    for (const struct ms_udp_sock *s = n->socks; s != NULL; s = s->next) {
        if (s->port != dport)
            continue;
        if (s->prefetch != NULL)
            s->prefetch(s, udp + MS_UDP_HLEN, len - MS_IP6_HLEN - MS_UDP_HLEN);
        return;
    }
}

void
ms__iface_prefetch_input(const struct ms_iface *to, const struct ms_pkt *pkt, unsigned step)
{
    if (pkt->len < MS_ETH_HLEN + MS_IP6_HLEN ||
        ms_rd16(pkt->data + 2 * MS_ETH_ALEN) != MS_ETHERTYPE_IPV6)
        return;
    const uint8_t *ip6 = pkt->data + MS_ETH_HLEN;
    if (to->on_router)
        prefetch_forwarding(to->node, to, ip6, step);
    else
        prefetch_local(to, pkt, ip6, pkt->len - MS_ETH_HLEN, step);
}
