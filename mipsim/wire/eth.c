#include "wire/eth.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "wire/bytes.h"
#include "wire/err.h"

/* Header layout: see eth.h (dst 0..5, src 6..11, EtherType 12..13). */
int
ms_eth_decode(const uint8_t *p, size_t len, struct ms_eth *out)
{
    if (len < MS_ETH_HLEN)
        return MS_ETRUNC;
    memcpy(out->dst.b, p, MS_ETH_ALEN);
    memcpy(out->src.b, p + 6, MS_ETH_ALEN);
    out->ethertype = ms_rd16(p + 12);
    return 0;
}

int
ms_eth_encode(const struct ms_eth *in, uint8_t *buf, size_t cap)
{
    if (cap < MS_ETH_HLEN)
        return -EMSGSIZE;
    memcpy(buf, in->dst.b, MS_ETH_ALEN);
    memcpy(buf + 6, in->src.b, MS_ETH_ALEN);
    ms_wr16(buf + 12, in->ethertype);
    return MS_ETH_HLEN;
}

size_t
ms_eth_len(const struct ms_eth *in)
{
    (void)in;
    return MS_ETH_HLEN;
}

int
ms_eth_format(const struct ms_eth *in, char *buf, size_t cap)
{
    char s[MS_MAC_STRLEN], d[MS_MAC_STRLEN];
    ms_mac_format(&in->src, s, sizeof s);
    ms_mac_format(&in->dst, d, sizeof d);
    return snprintf(buf, cap, "%s > %s type 0x%04x", s, d, in->ethertype);
}

/* RFC 2464 s7: "An IPv6 packet with a multicast destination address DST,
 * consisting of the sixteen octets DST[1] through DST[16], is transmitted to
 * the Ethernet multicast address whose first two octets are the value 3333
 * hexadecimal and whose last four octets are the last four octets of DST." */
void
ms_mac_from_ipv6_mcast(const struct in6_addr *a, struct ms_mac *out)
{
    out->b[0] = 0x33;
    out->b[1] = 0x33;
    memcpy(out->b + 2, a->s6_addr + 12, 4);
}

bool
ms_mac_is_multicast(const struct ms_mac *m)
{
    return (m->b[0] & 0x01) != 0;
}

bool
ms_mac_is_broadcast(const struct ms_mac *m)
{
    for (int i = 0; i < MS_ETH_ALEN; i++)
        if (m->b[i] != 0xff)
            return false;
    return true;
}

bool
ms_mac_equal(const struct ms_mac *a, const struct ms_mac *b)
{
    return memcmp(a->b, b->b, MS_ETH_ALEN) == 0;
}

void
ms_mac_broadcast(struct ms_mac *out)
{
    memset(out->b, 0xff, MS_ETH_ALEN);
}

int
ms_mac_format(const struct ms_mac *m, char *buf, size_t cap)
{
    if (cap < MS_MAC_STRLEN) {
        if (cap)
            buf[0] = '\0';
        return -EMSGSIZE;
    }
    return snprintf(buf, cap, "%02x:%02x:%02x:%02x:%02x:%02x", m->b[0], m->b[1], m->b[2], m->b[3],
                    m->b[4], m->b[5]);
}

static int
hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int
ms_mac_parse(const char *s, struct ms_mac *out)
{
    struct ms_mac m;
    if (s == NULL)
        return -EINVAL;
    for (int i = 0; i < MS_ETH_ALEN; i++) {
        int hi = hexval(s[0]);
        int lo = hi < 0 ? -1 : hexval(s[1]);
        if (lo < 0)
            return -EINVAL;
        m.b[i] = (uint8_t)(hi << 4 | lo);
        s += 2;
        if (i < MS_ETH_ALEN - 1) {
            if (*s != ':')
                return -EINVAL;
            s++;
        }
    }
    if (*s != '\0')
        return -EINVAL;
    *out = m;
    return 0;
}

/* RFC 4291 Appendix A: "[EUI-48] ... 0xFF and 0xFE are inserted between the
 * company_id and the vendor-supplied id ... the universal/local bit is
 * inverted". */
void
ms_mac_to_eui64_iid(const struct ms_mac *m, uint8_t iid[8])
{
    iid[0] = m->b[0] ^ 0x02;
    iid[1] = m->b[1];
    iid[2] = m->b[2];
    iid[3] = 0xff;
    iid[4] = 0xfe;
    iid[5] = m->b[3];
    iid[6] = m->b[4];
    iid[7] = m->b[5];
}
