/* UDP sockets (RFC 768 over IPv6; RFC 8200 s8.1: the checksum is
 * mandatory).  Sending takes one packet from the pool and nothing else. */
#include "stack/node.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "role/role.h"
#include "wire/codepoints.h"
#include "wire/icmp6.h"
#include "wire/ipv6.h"
#include "wire/udp.h"

struct ms_udp_sock *
ms_udp_bind(struct ms_node *n, uint16_t port, ms_udp_recv_cb cb, void *data)
{
    struct ms_udp_sock **pp = &n->socks;
    for (; *pp != NULL; pp = &(*pp)->next)
        if ((*pp)->port == port)
            return NULL; /* in use */
    struct ms_udp_sock *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    s->node = n;
    s->port = port;
    s->cb = cb;
    s->data = data;
    *pp = s;
    return s;
}

void
ms_udp_close(struct ms_udp_sock *s)
{
    if (s == NULL)
        return;
    for (struct ms_udp_sock **pp = &s->node->socks; *pp != NULL; pp = &(*pp)->next) {
        if (*pp == s) {
            *pp = s->next;
            break;
        }
    }
    free(s);
}

int
ms_udp_send(struct ms_node *n, const struct in6_addr *src, const struct in6_addr *dst,
            uint16_t sport, uint16_t dport, const uint8_t *payload, size_t len, uint32_t flow_id,
            uint32_t flow_seq)
{
    struct in6_addr d = *dst, s;
    if (src != NULL) {
        s = *src;
    } else if (ms_node_select_source(n, &d, &s) < 0) {
        ms_node_drop(n, NULL, MS_ENO_ROUTE, "udp source");
        return MS_ENO_ROUTE;
    }
    struct ms_pkt *pkt = ms_pkt_new(&n->sim->pool);
    if (pkt == NULL) {
        ms_node_drop(n, NULL, MS_ENO_BUFS, "udp send");
        return MS_ENO_BUFS;
    }
    size_t total = MS_UDP_HLEN + len;
    uint8_t *p = total <= ms_pkt_tailroom(pkt) ? ms_pkt_put(pkt, (uint32_t)total) : NULL;
    if (p == NULL) {
        ms_node_drop(n, pkt, -EMSGSIZE, "udp datagram too long");
        return -EMSGSIZE;
    }
    if (payload == NULL) {
        memset(p + MS_UDP_HLEN, 0, len);
        payload = p + MS_UDP_HLEN; /* in place, as ms_udp_encode allows */
    }
    struct ms_udp u = {.sport = sport, .dport = dport};
    int rc = ms_udp_encode(&u, &s, &d, len ? payload : NULL, len, p, total);
    if (rc < 0) {
        ms_node_drop(n, pkt, rc, "udp encode");
        return rc;
    }
    pkt->flow_id = flow_id;
    pkt->flow_seq = flow_seq;
    pkt->flow_sent_ns = ms_sim_now(n->sim);
    return ms_ip6_send(n, pkt, &s, &d, MS_IPPROTO_UDP, 0, 0);
}

void
ms__udp_input(struct ms_node *n, struct ms_pkt *pkt, const struct ms_rx *rx, bool mcast,
              unsigned l2flags, uint32_t hao_off)
{
    const uint8_t *p = pkt->data + rx->l4_off;
    int rc = ms_udp_verify(&rx->ip6.src, &rx->ip6.dst, p, rx->l4_len);
    if (rc < 0) {
        ms_node_drop(n, pkt, rc, "udp");
        return;
    }
    struct ms_udp u;
    ms_udp_decode(p, rx->l4_len, &u);
    struct ms_udp_sock *s = n->socks;
    while (s != NULL && s->port != u.dport)
        s = s->next;
    if (s == NULL) {
        /* RFC 4443 s3.1 code 4: port unreachable (not for multicast,
         * s2.4(e.3)). */
        if (!mcast)
            ms__icmp6_send_error_rx(n, pkt, MS_ICMP6_DST_UNREACH, MS_ICMP6_UNREACH_PORT, 0, l2flags,
                                    hao_off);
        ms_node_drop(n, pkt, MS_ENO_LISTENER, "udp port");
        return;
    }
    n->ctr.ip_delivered++;
    for (struct ms_role *r = n->roles; r != NULL; r = r->next)
        if (r->ops->on_deliver != NULL)
            r->ops->on_deliver(r, pkt, rx);
    if (s->cb != NULL)
        s->cb(s, pkt, &rx->ip6.src, &rx->ip6.dst, u.sport, p + MS_UDP_HLEN,
              (size_t)u.len - MS_UDP_HLEN);
    ms_pkt_free(pkt);
}
