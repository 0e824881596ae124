#include "wire/udp.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "wire/bytes.h"
#include "wire/cksum.h"
#include "wire/codepoints.h"
#include "wire/err.h"

/* Field diagram: udp.h (RFC 768). */
int
ms_udp_decode(const uint8_t *p, size_t len, struct ms_udp *out)
{
    if (len < MS_UDP_HLEN)
        return MS_ETRUNC;
    uint16_t ulen = ms_rd16(p + 4);
    /* RFC 768: "Length is the length in octets of this user datagram
     * including this header"; 0 is a jumbogram (RFC 2675), unsupported. */
    if (ulen < MS_UDP_HLEN)
        return MS_EBAD_LEN;
    if (ulen > len)
        return MS_ETRUNC;
    uint16_t ck = ms_rd16(p + 6);
    /* RFC 8200 s8.1: "IPv6 receivers must discard UDP packets containing a
     * zero checksum". */
    if (ck == 0)
        return MS_EBAD_CHECKSUM;
    out->sport = ms_rd16(p);
    out->dport = ms_rd16(p + 2);
    out->len = ulen;
    out->cksum = ck;
    return 0;
}

int
ms_udp_verify(const struct in6_addr *src, const struct in6_addr *dst, const uint8_t *p, size_t len)
{
    struct ms_udp u;
    int rc = ms_udp_decode(p, len, &u);
    if (rc < 0)
        return rc;
    if (ms_cksum_upper(src, dst, MS_IPPROTO_UDP, p, u.len) != 0)
        return MS_EBAD_CHECKSUM;
    return 0;
}

int
ms_udp_encode(const struct ms_udp *in, const struct in6_addr *src, const struct in6_addr *dst,
              const uint8_t *payload, size_t plen, uint8_t *buf, size_t cap)
{
    if (plen > 0xffffu - MS_UDP_HLEN)
        return MS_EBAD_LEN;
    size_t total = MS_UDP_HLEN + plen;
    if (cap < total)
        return -EMSGSIZE;
    if (plen && payload != buf + MS_UDP_HLEN)
        memmove(buf + MS_UDP_HLEN, payload, plen);
    ms_wr16(buf, in->sport);
    ms_wr16(buf + 2, in->dport);
    ms_wr16(buf + 4, (uint16_t)total);
    ms_wr16(buf + 6, 0);
    uint16_t ck = ms_cksum_upper(src, dst, MS_IPPROTO_UDP, buf, total);
    /* RFC 8200 s8.1: "if that computation yields a result of zero, it must
     * be changed to hex FFFF for placement in the UDP header". */
    if (ck == 0)
        ck = 0xffff;
    ms_wr16(buf + 6, ck);
    return (int)total;
}

size_t
ms_udp_len(const struct ms_udp *in)
{
    (void)in;
    return MS_UDP_HLEN;
}

int
ms_udp_format(const struct ms_udp *in, char *buf, size_t cap)
{
    return snprintf(buf, cap, "udp %u > %u len %u cksum 0x%04x", in->sport, in->dport, in->len,
                    in->cksum);
}
