/* ICMPv6 error origination (RFC 4443 s2.2, s2.4): the rules about which
 * packets may provoke an error come from the codec's pure predicate
 * (ms_icmp6_error_allowed); the rate limit (s2.4(f)) is a token bucket in
 * virtual time, shared with Binding Errors (RFC 6275 s9.3.3). */
#include "stack/node.h"

#include <string.h>

#include "wire/codepoints.h"
#include "wire/icmp6.h"
#include "wire/ipv6.h"

bool
ms__icmp6_ratelimit_take(struct ms_node *n)
{
    if (n->icmp_rate_per_s == 0)
        return true;
    int64_t now = ms_sim_now(n->sim);
    int64_t interval = MS_NS_PER_S / n->icmp_rate_per_s;
    if (interval <= 0)
        interval = 1;
    if (n->icmp_tokens < n->icmp_burst) {
        int64_t elapsed = now - n->icmp_refill_ns;
        if (elapsed >= interval) {
            uint64_t add = (uint64_t)(elapsed / interval);
            uint64_t room = n->icmp_burst - n->icmp_tokens;
            n->icmp_tokens += (uint32_t)(add < room ? add : room);
            n->icmp_refill_ns += (int64_t)add * interval;
        }
    }
    if (n->icmp_tokens == 0)
        return false;
    if (n->icmp_tokens >= n->icmp_burst)
        n->icmp_refill_ns = now; /* a full bucket banks nothing */
    n->icmp_tokens--;
    return true;
}

void
ms__icmp6_send_error_rx(struct ms_node *n, const struct ms_pkt *invoking, uint8_t type,
                        uint8_t code, uint32_t param, unsigned rx_flags, uint32_t hao_off)
{
    const uint8_t *q = invoking->data;
    size_t qlen = invoking->len;
    if (qlen < MS_IP6_HLEN)
        return;
    /* A packet whose Home Address option was swapped in place is quoted as
     * it was on the wire, and the error goes to its care-of address (as
     * Linux's mip6_addr_swap does before icmp6_send). */
    uint8_t wire[MS_ICMP6_ERR_MAX_INVOKING];
    if (hao_off != 0 && hao_off + 16 <= invoking->len) {
        qlen = qlen < sizeof wire ? qlen : sizeof wire;
        memcpy(wire, invoking->data, qlen);
        memcpy(wire + MS_IP6_OFF_SRC, invoking->data + hao_off, 16);
        if (hao_off + 16 <= qlen)
            memcpy(wire + hao_off, invoking->data + MS_IP6_OFF_SRC, 16);
        q = wire;
    }
    if (!ms_icmp6_error_allowed(q, qlen, type, code, param, rx_flags))
        return;
    if (!ms__icmp6_ratelimit_take(n)) {
        ms_node_drop(n, NULL, MS_ERATE_LIMIT, "icmpv6 error");
        return;
    }
    struct in6_addr dst, inv_dst, src;
    memcpy(&dst, q + MS_IP6_OFF_SRC, sizeof dst);
    memcpy(&inv_dst, q + MS_IP6_OFF_DST, sizeof inv_dst);
    /* RFC 4443 s2.2 (a): a reply to one of our unicast addresses comes from
     * that address; (b) otherwise from the address source selection picks. */
    if (!ms_in6_is_multicast(&inv_dst) && ms_node_is_local(n, &inv_dst))
        src = inv_dst;
    else if (ms_node_select_source(n, &dst, &src) < 0)
        return;
    struct ms_pkt *pkt = ms_pkt_new(&n->sim->pool);
    if (pkt == NULL) {
        ms_node_drop(n, NULL, MS_ENO_BUFS, "icmpv6 error");
        return;
    }
    uint8_t *p = ms_pkt_put(pkt, MS_ICMP6_ERR_MAX_LEN);
    int rc =
        p ? ms_icmp6_error_encode(type, code, param, q, qlen, &src, &dst, p, MS_ICMP6_ERR_MAX_LEN)
          : -EMSGSIZE;
    if (rc < 0) {
        ms_node_drop(n, pkt, rc, "icmpv6 error");
        return;
    }
    ms_pkt_trim(pkt, (uint32_t)rc);
    pkt->ingress = invoking->ingress; /* scope hint for a link-local source */
    n->ctr.icmp_errors_sent++;
    ms_ip6_send(n, pkt, &src, &dst, MS_IPPROTO_ICMPV6, 0, 0);
}

void
ms_icmp6_send_error(struct ms_node *n, const struct ms_pkt *invoking, uint8_t type, uint8_t code,
                    uint32_t param)
{
    ms__icmp6_send_error_rx(n, invoking, type, code, param, 0, 0);
}
