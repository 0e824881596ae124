/* Seeds the fuzz corpora from captures: every frame of every pcap given is
 * split with mipsim's own decoders into the layers each fuzz target takes
 * (whole frame, IPv6 packet, Mobility Header, ICMPv6 message), including the
 * inner packets of IPv6-in-IPv6 tunnels, and written to OUTDIR/<target>/
 * under a name derived from its content, so duplicates collapse.
 *
 *   pcap2corpus OUTDIR FILE.pcap...
 */
#include <errno.h>
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "wire/codepoints.h"
#include "wire/eth.h"
#include "wire/ext.h"
#include "wire/ipv6.h"

static const char *outdir;
static unsigned written;

static uint64_t
fnv1a(const uint8_t *p, size_t n)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}

static void
put(const char *target, const uint8_t *p, size_t n)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", outdir, target);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/%s/%016llx", outdir, target, (unsigned long long)fnv1a(p, n));
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return;
    fwrite(p, 1, n, f);
    fclose(f);
    written++;
}

static void
split_ipv6(const uint8_t *p, size_t n, int depth)
{
    struct ms_ip6 ip6;
    struct ms_ext_info info;
    put("fuzz_ipv6", p, n);
    if (depth > 2 || ms_ip6_decode(p, n, &ip6) < 0)
        return;
    size_t plen = ip6.plen;
    if (plen > n - MS_IP6_HLEN)
        plen = n - MS_IP6_HLEN;
    const uint8_t *pl = p + MS_IP6_HLEN;
    if (ms_ext_walk(pl, plen, ip6.nh, &info) < 0 || info.upper_off > plen)
        return;
    const uint8_t *up = pl + info.upper_off;
    size_t ulen = plen - info.upper_off;
    switch (info.upper) {
    case MS_IPPROTO_MH:
        put("fuzz_mh", up, ulen);
        put("fuzz_mh_fmip", up, ulen);
        break;
    case MS_IPPROTO_ICMPV6:
        put("fuzz_icmp6", up, ulen);
        put("fuzz_nd", up, ulen);
        put("fuzz_icmp6_fmip", up, ulen);
        break;
    case MS_IPPROTO_IPV6:
        split_ipv6(up, ulen, depth + 1);
        break;
    default:
        break;
    }
}

int
main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: pcap2corpus OUTDIR FILE.pcap...\n");
        return 2;
    }
    outdir = argv[1];
    mkdir(outdir, 0755);
    for (int i = 2; i < argc; i++) {
        char err[PCAP_ERRBUF_SIZE];
        pcap_t *pc = pcap_open_offline(argv[i], err);
        if (pc == NULL) {
            fprintf(stderr, "pcap2corpus: %s: %s\n", argv[i], err);
            continue;
        }
        struct pcap_pkthdr *h;
        const u_char *data;
        while (pcap_next_ex(pc, &h, &data) == 1) {
            struct ms_eth eth;
            put("fuzz_eth", data, h->caplen);
            if (ms_eth_decode(data, h->caplen, &eth) < 0)
                continue;
            if (eth.ethertype == MS_ETHERTYPE_L2EV)
                put("fuzz_l2ev", data, h->caplen);
            else if (eth.ethertype == MS_ETHERTYPE_IPV6)
                split_ipv6(data + MS_ETH_HLEN, h->caplen - MS_ETH_HLEN, 0);
        }
        pcap_close(pc);
    }
    printf("pcap2corpus: %u inputs\n", written);
    return 0;
}
