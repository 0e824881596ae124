#include "wire/cksum.h"

uint32_t
ms_cksum_add(uint32_t sum, const uint8_t *p, size_t len)
{
    uint64_t s = sum;
    while (len >= 2) {
        s += (uint32_t)((p[0] << 8) | p[1]);
        p += 2;
        len -= 2;
    }
    if (len)
        s += (uint32_t)(p[0] << 8);
    while (s >> 32)
        s = (s & 0xffffffffu) + (s >> 32);
    return (uint32_t)s;
}

uint16_t
ms_cksum_fold(uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

uint32_t
ms_cksum_pseudo(const struct in6_addr *src, const struct in6_addr *dst, uint32_t ulen,
                uint8_t next_header)
{
    uint8_t tail[8] = {(uint8_t)(ulen >> 24),
                       (uint8_t)(ulen >> 16),
                       (uint8_t)(ulen >> 8),
                       (uint8_t)ulen,
                       0,
                       0,
                       0,
                       next_header};
    uint32_t s = ms_cksum_add(0, src->s6_addr, 16);
    s = ms_cksum_add(s, dst->s6_addr, 16);
    return ms_cksum_add(s, tail, 8);
}

uint16_t
ms_cksum_upper(const struct in6_addr *src, const struct in6_addr *dst, uint8_t next_header,
               const uint8_t *msg, size_t len)
{
    uint32_t s = ms_cksum_pseudo(src, dst, (uint32_t)len, next_header);
    return ms_cksum_fold(ms_cksum_add(s, msg, len));
}
