#include "wire/ipv6.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire/bytes.h"
#include "wire/err.h"

/* Field diagram: ipv6.h (RFC 8200 s3). */
int
ms_ip6_decode(const uint8_t *p, size_t len, struct ms_ip6 *out)
{
    if (len < MS_IP6_HLEN)
        return MS_ETRUNC;
    uint32_t w = ms_rd32(p);
    if ((w >> 28) != 6)
        return MS_EBAD_VERSION;
    uint16_t plen = ms_rd16(p + MS_IP6_OFF_PLEN);
    if ((size_t)plen > len - MS_IP6_HLEN)
        return MS_ETRUNC;
    out->tclass = (uint8_t)(w >> 20);
    out->flow = w & 0xfffffu;
    out->plen = plen;
    out->nh = p[MS_IP6_OFF_NH];
    out->hlim = p[MS_IP6_OFF_HLIM];
    memcpy(out->src.s6_addr, p + MS_IP6_OFF_SRC, 16);
    memcpy(out->dst.s6_addr, p + MS_IP6_OFF_DST, 16);
    return 0;
}

int
ms_ip6_encode(const struct ms_ip6 *in, uint8_t *buf, size_t cap)
{
    if (cap < MS_IP6_HLEN)
        return -EMSGSIZE;
    ms_wr32(buf, (uint32_t)6 << 28 | (uint32_t)in->tclass << 20 | (in->flow & 0xfffffu));
    ms_wr16(buf + MS_IP6_OFF_PLEN, in->plen);
    buf[MS_IP6_OFF_NH] = in->nh;
    buf[MS_IP6_OFF_HLIM] = in->hlim;
    memcpy(buf + MS_IP6_OFF_SRC, in->src.s6_addr, 16);
    memcpy(buf + MS_IP6_OFF_DST, in->dst.s6_addr, 16);
    return MS_IP6_HLEN;
}

size_t
ms_ip6_len(const struct ms_ip6 *in)
{
    (void)in;
    return MS_IP6_HLEN;
}

int
ms_ip6_format(const struct ms_ip6 *in, char *buf, size_t cap)
{
    char s[MS_IN6_STRLEN], d[MS_IN6_STRLEN];
    ms_in6_format(&in->src, s, sizeof s);
    ms_in6_format(&in->dst, d, sizeof d);
    return snprintf(buf, cap, "%s > %s nh %u hlim %u plen %u", s, d, in->nh, in->hlim, in->plen);
}

int
ms_in6_parse(const char *s, struct in6_addr *out)
{
    struct in6_addr a;
    if (s == NULL || inet_pton(AF_INET6, s, &a) != 1)
        return -EINVAL;
    *out = a;
    return 0;
}

int
ms_in6_format(const struct in6_addr *a, char *buf, size_t cap)
{
    char tmp[MS_IN6_STRLEN];
    if (inet_ntop(AF_INET6, a, tmp, sizeof tmp) == NULL)
        return -EINVAL;
    size_t n = strlen(tmp);
    if (n + 1 > cap) {
        if (cap)
            buf[0] = '\0';
        return -EMSGSIZE;
    }
    memcpy(buf, tmp, n + 1);
    return (int)n;
}

int
ms_in6_prefix_parse(const char *s, struct in6_addr *addr, unsigned *plen)
{
    char tmp[MS_IN6_PREFIX_STRLEN];
    unsigned n = 128;
    if (s == NULL)
        return -EINVAL;
    size_t sl = strlen(s);
    if (sl >= sizeof tmp)
        return -EINVAL;
    memcpy(tmp, s, sl + 1);
    char *slash = strchr(tmp, '/');
    if (slash) {
        *slash = '\0';
        const char *d = slash + 1;
        size_t nd = strlen(d);
        if (nd == 0 || nd > 3)
            return -EINVAL;
        n = 0;
        for (size_t i = 0; i < nd; i++) {
            if (d[i] < '0' || d[i] > '9')
                return -EINVAL;
            n = n * 10 + (unsigned)(d[i] - '0');
        }
        if (n > 128)
            return -EINVAL;
    }
    struct in6_addr a;
    if (inet_pton(AF_INET6, tmp, &a) != 1)
        return -EINVAL;
    *addr = a;
    *plen = n;
    return 0;
}

int
ms_in6_prefix_format(const struct in6_addr *a, unsigned plen, char *buf, size_t cap)
{
    char tmp[MS_IN6_STRLEN];
    if (ms_in6_format(a, tmp, sizeof tmp) < 0)
        return -EINVAL;
    int n = snprintf(buf, cap, "%s/%u", tmp, plen);
    if (n < 0 || (size_t)n >= cap) {
        if (cap)
            buf[0] = '\0';
        return -EMSGSIZE;
    }
    return n;
}

bool
ms_in6_equal(const struct in6_addr *a, const struct in6_addr *b)
{
    return memcmp(a->s6_addr, b->s6_addr, 16) == 0;
}

bool
ms_in6_is_multicast(const struct in6_addr *a)
{
    return a->s6_addr[0] == 0xff;
}

bool
ms_in6_is_linklocal(const struct in6_addr *a)
{
    return a->s6_addr[0] == 0xfe && (a->s6_addr[1] & 0xc0) == 0x80;
}

bool
ms_in6_is_unspecified(const struct in6_addr *a)
{
    static const uint8_t zero[16];
    return memcmp(a->s6_addr, zero, 16) == 0;
}

bool
ms_in6_is_loopback(const struct in6_addr *a)
{
    static const uint8_t one[16] = {[15] = 1};
    return memcmp(a->s6_addr, one, 16) == 0;
}

bool
ms_in6_is_routable_unicast(const struct in6_addr *a)
{
    return !ms_in6_is_multicast(a) && !ms_in6_is_unspecified(a) && !ms_in6_is_loopback(a) &&
           !ms_in6_is_linklocal(a);
}

bool
ms_in6_prefix_match(const struct in6_addr *a, const struct in6_addr *b, unsigned plen)
{
    if (plen > 128)
        plen = 128;
    unsigned bytes = plen / 8, bits = plen % 8;
    if (memcmp(a->s6_addr, b->s6_addr, bytes) != 0)
        return false;
    if (bits == 0)
        return true;
    uint8_t mask = (uint8_t)(0xff << (8 - bits));
    return ((a->s6_addr[bytes] ^ b->s6_addr[bytes]) & mask) == 0;
}

void
ms_in6_make_prefix(struct in6_addr *addr, unsigned plen)
{
    if (plen >= 128)
        return;
    unsigned bytes = plen / 8, bits = plen % 8;
    if (bits) {
        addr->s6_addr[bytes] &= (uint8_t)(0xff << (8 - bits));
        bytes++;
    }
    memset(addr->s6_addr + bytes, 0, 16 - bytes);
}

/* RFC 4291 s2.7.1: "Solicited-Node Address: FF02:0:0:0:0:1:FFXX:XXXX ...
 * formed by taking the low-order 24 bits of an address (unicast or
 * anycast) and appending those bits to the prefix FF02:0:0:0:0:1:FF00::/104". */
void
ms_in6_solicited_node(const struct in6_addr *a, struct in6_addr *out)
{
    uint8_t low[3];
    memcpy(low, a->s6_addr + 13, 3);
    memset(out->s6_addr, 0, 16);
    out->s6_addr[0] = 0xff;
    out->s6_addr[1] = 0x02;
    out->s6_addr[11] = 0x01;
    out->s6_addr[12] = 0xff;
    memcpy(out->s6_addr + 13, low, 3);
}

void
ms_in6_all_nodes(struct in6_addr *out)
{
    memset(out->s6_addr, 0, 16);
    out->s6_addr[0] = 0xff;
    out->s6_addr[1] = 0x02;
    out->s6_addr[15] = 0x01;
}

void
ms_in6_all_routers(struct in6_addr *out)
{
    ms_in6_all_nodes(out);
    out->s6_addr[15] = 0x02;
}

void
ms_in6_linklocal_from_iid(const uint8_t iid[8], struct in6_addr *out)
{
    uint8_t tmp[8];
    memcpy(tmp, iid, 8);
    memset(out->s6_addr, 0, 8);
    out->s6_addr[0] = 0xfe;
    out->s6_addr[1] = 0x80;
    memcpy(out->s6_addr + 8, tmp, 8);
}

int
ms_in6_from_prefix_iid(const struct in6_addr *prefix, unsigned plen, const uint8_t iid[8],
                       struct in6_addr *out)
{
    if (plen != 64)
        return MS_EBAD_LEN;
    struct in6_addr a;
    memcpy(a.s6_addr, prefix->s6_addr, 8);
    memcpy(a.s6_addr + 8, iid, 8);
    *out = a;
    return 0;
}

const char *
ms_in6_str(const struct in6_addr *a, char *buf)
{
    if (ms_in6_format(a, buf, MS_IN6_STRLEN) < 0) {
        buf[0] = '?';
        buf[1] = '\0';
    }
    return buf;
}
