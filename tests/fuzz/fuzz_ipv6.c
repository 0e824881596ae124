/* libFuzzer harness: a whole IPv6 packet (fixed header, extension chain,
 * UDP).  Decodes, re-encodes what decodes and checks that it decodes to
 * the same values; exercises the walker and the in-place swaps. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wire/codepoints.h"
#include "wire/err.h"
#include "wire/ext.h"
#include "wire/ipv6.h"
#include "wire/udp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)                                                                                   \
    do {                                                                                           \
        if (!(c))                                                                                  \
            abort();                                                                               \
    } while (0)

static void
check_ip6(const struct ms_ip6 *h)
{
    uint8_t buf[MS_IP6_HLEN];
    struct ms_ip6 d;
    CHECK(ms_ip6_encode(h, buf, sizeof buf) == MS_IP6_HLEN);
    /* plen may exceed the 40 octets we hand back: decode with room. */
    uint8_t big[MS_IP6_HLEN + 65535];
    memcpy(big, buf, sizeof buf);
    CHECK(ms_ip6_decode(big, MS_IP6_HLEN + (size_t)h->plen, &d) == 0);
    CHECK(d.tclass == h->tclass && d.flow == h->flow && d.plen == h->plen && d.nh == h->nh &&
          d.hlim == h->hlim && ms_in6_equal(&d.src, &h->src) && ms_in6_equal(&d.dst, &h->dst));
}

static void
check_opthdr(const uint8_t *p, size_t len)
{
    static struct ms_ext_opthdr a, b;
    static uint8_t buf[4096];
    if (ms_ext_opthdr_decode(p, len, &a) != 0)
        return;
    int n = ms_ext_opthdr_encode(&a, buf, sizeof buf);
    CHECK(n > 0 && n % 8 == 0 && (size_t)n == ms_ext_opthdr_len(&a));
    CHECK(ms_ext_opthdr_decode(buf, (size_t)n, &b) == 0);
    CHECK(memcmp(&a, &b, sizeof a) == 0);
}

static void
check_rh(const uint8_t *p, size_t len)
{
    struct ms_ext_rh g;
    struct ms_ext_rh2 a, b;
    uint8_t buf[MS_EXT_RH2_LEN];
    if (ms_ext_rh_decode(p, len, &g) != 0)
        return;
    if (ms_ext_rh2_decode(p, len, &a) != 0)
        return;
    CHECK(g.type == MS_RH_TYPE2 && g.hlen8 == 2 && g.segs_left == 1);
    CHECK(ms_ext_rh2_encode(&a.hoa, a.nh, buf, sizeof buf) == MS_EXT_RH2_LEN);
    CHECK(ms_ext_rh2_decode(buf, sizeof buf, &b) == 0);
    CHECK(a.nh == b.nh && a.segs_left == b.segs_left && ms_in6_equal(&a.hoa, &b.hoa));
}

static void
check_frag(const uint8_t *p, size_t len)
{
    struct ms_ext_frag a, b;
    uint8_t buf[MS_EXT_FRAG_LEN];
    if (ms_ext_frag_decode(p, len, &a) != 0)
        return;
    CHECK(ms_ext_frag_encode(&a, buf, sizeof buf) == MS_EXT_FRAG_LEN);
    CHECK(ms_ext_frag_decode(buf, sizeof buf, &b) == 0);
    CHECK(a.nh == b.nh && a.offset == b.offset && a.more == b.more && a.id == b.id);
}

/* Re-encodes every extension header of the chain on its own. */
static void
check_chain(const uint8_t *p, size_t len, uint8_t nh)
{
    size_t off = 0;
    while (ms_ext_is_ext(nh) && off < len) {
        int sz = ms_ext_hdr_size(p + off, len - off, nh);
        if (sz < 0)
            return;
        if (nh == MS_IPPROTO_HOPOPTS || nh == MS_IPPROTO_DSTOPTS)
            check_opthdr(p + off, (size_t)sz);
        else if (nh == MS_IPPROTO_ROUTING)
            check_rh(p + off, (size_t)sz);
        else
            check_frag(p + off, (size_t)sz);
        nh = p[off];
        off += (size_t)sz;
    }
}

static void
check_udp(const struct ms_ip6 *ip, const uint8_t *p, size_t len)
{
    struct ms_udp a, b;
    static uint8_t buf[65536];
    if (ms_udp_decode(p, len, &a) != 0)
        return;
    CHECK(a.len >= MS_UDP_HLEN && a.len <= len && a.cksum != 0);
    (void)ms_udp_verify(&ip->src, &ip->dst, p, len);
    int n = ms_udp_encode(&a, &ip->src, &ip->dst, p + MS_UDP_HLEN, a.len - MS_UDP_HLEN, buf,
                          sizeof buf);
    CHECK(n == a.len);
    CHECK(ms_udp_decode(buf, (size_t)n, &b) == 0);
    CHECK(a.sport == b.sport && a.dport == b.dport && a.len == b.len);
    CHECK(ms_udp_verify(&ip->src, &ip->dst, buf, (size_t)n) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ms_ip6 ip;
    if (ms_ip6_decode(data, size, &ip) != 0) {
        /* Also feed the raw bytes to the extension codecs. */
        if (size > 0)
            check_chain(data + 1, size - 1, data[0]);
        return 0;
    }
    check_ip6(&ip);
    const uint8_t *pl = data + MS_IP6_HLEN;
    size_t plen = ip.plen;
    check_chain(pl, plen, ip.nh);

    struct ms_ext_info info;
    int rc = ms_ext_walk(pl, plen, ip.nh, &info);
    if (rc < 0) {
        /* A pointer, when given, lies inside the payload. */
        if (info.icmp_code != MS_EXT_ICMP_NONE)
            CHECK(info.icmp_pointer < plen);
        return 0;
    }
    CHECK(info.upper_off <= plen);
    CHECK(info.upper_nh_off >= MS_IP6_OFF_NH - MS_IP6_HLEN && info.upper_nh_off < (int32_t)plen);
    if (info.present & MS_EXT_F_HAO)
        CHECK(info.hao_off + MS_EXT_HAO_LEN <= plen && info.hao_off % 8 == 6);
    if (info.present & MS_EXT_F_RH2)
        CHECK(info.rh2_off + MS_EXT_RH2_LEN <= plen && info.rh2_segs_left <= 1);
    if (info.upper == MS_IPPROTO_UDP && !(info.present & MS_EXT_F_FRAG && info.frag.more))
        check_udp(&ip, pl + info.upper_off, plen - info.upper_off);

    /* In-place swaps on a private copy, then walk again: same shape. */
    size_t tot = MS_IP6_HLEN + plen;
    uint8_t *cp = malloc(tot);
    CHECK(cp != NULL);
    memcpy(cp, data, tot);
    struct ms_ext_info again = info;
    if (info.present & MS_EXT_F_HAO)
        CHECK(ms_ext_hao_swap(cp, tot, &again) == 0);
    if ((info.present & MS_EXT_F_RH2) && info.rh2_segs_left == 1)
        CHECK(ms_ext_rh2_swap(cp, tot, &again) == 0 && again.rh2_segs_left == 0);
    CHECK(ms_ext_walk(cp + MS_IP6_HLEN, plen, ip.nh, &again) == 0);
    CHECK(again.upper == info.upper && again.upper_off == info.upper_off &&
          again.present == info.present);
    if (info.present & MS_EXT_F_HAO) {
        struct ms_ip6 d;
        CHECK(ms_ip6_decode(cp, tot, &d) == 0 && ms_in6_equal(&d.src, &info.hao));
    }
    free(cp);
    return 0;
}
