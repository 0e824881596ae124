/* libFuzzer harness: a whole Ethernet frame as a link delivers it.  The
 * Ethernet header must round-trip, and whatever follows is handed to the
 * decoder its EtherType names (IPv6 packet or layer-2 event), as the stack
 * and the capture comparison do. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wire/codepoints.h"
#include "wire/eth.h"
#include "wire/ext.h"
#include "wire/ipv6.h"
#include "wire/l2ev.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ms_eth eth, again;
    uint8_t buf[MS_ETH_HLEN];
    if (ms_eth_decode(data, size, &eth) < 0)
        return 0;
    if (ms_eth_encode(&eth, buf, sizeof buf) != MS_ETH_HLEN || memcmp(buf, data, MS_ETH_HLEN) != 0)
        abort();
    if (ms_eth_decode(buf, sizeof buf, &again) < 0 || again.ethertype != eth.ethertype)
        abort();
    const uint8_t *p = data + MS_ETH_HLEN;
    size_t n = size - MS_ETH_HLEN;
    if (eth.ethertype == MS_ETHERTYPE_L2EV) {
        struct ms_l2ev ev;
        (void)ms_l2ev_decode(p, n, &ev);
    } else if (eth.ethertype == MS_ETHERTYPE_IPV6) {
        struct ms_ip6 ip6;
        struct ms_ext_info info;
        if (ms_ip6_decode(p, n, &ip6) == 0 && ip6.plen <= n - MS_IP6_HLEN)
            (void)ms_ext_walk(p + MS_IP6_HLEN, ip6.plen, ip6.nh, &info);
    }
    return 0;
}
