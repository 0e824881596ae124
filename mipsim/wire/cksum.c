#include "wire/cksum.h"

#include <string.h>

/* The sum of the 16-bit big-endian words is 256 * (sum of the even-offset
 * octets) + (sum of the odd-offset octets): eight octets at a time, each
 * half summed in four 16-bit lanes (at most 256 loads of 255 per lane
 * before they are added up), so the result is exactly the word-by-word
 * sum's. */
#define CKSUM_LANES 0x00ff00ff00ff00ffull
#define CKSUM_MAX_LOADS 256

static uint64_t
cksum_lanes(uint64_t v)
{
    return (v & 0xffff) + ((v >> 16) & 0xffff) + ((v >> 32) & 0xffff) + (v >> 48);
}

uint32_t
ms_cksum_add(uint32_t sum, const uint8_t *p, size_t len)
{
    uint64_t s = sum;
    while (len >= 8) {
        size_t n = len / 8 > CKSUM_MAX_LOADS ? CKSUM_MAX_LOADS : len / 8;
        uint64_t lo_lanes = 0, hi_lanes = 0;
        for (size_t i = 0; i < n; i++, p += 8) {
            uint64_t v;
            memcpy(&v, p, sizeof v);
            lo_lanes += v & CKSUM_LANES;
            hi_lanes += (v >> 8) & CKSUM_LANES;
        }
        len -= n * 8;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        s += (cksum_lanes(hi_lanes) << 8) + cksum_lanes(lo_lanes);
#else
        /* Little-endian loads: the low octet of each lane is at the even
         * offset, the high word's first octet. */
        s += (cksum_lanes(lo_lanes) << 8) + cksum_lanes(hi_lanes);
#endif
    }
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
