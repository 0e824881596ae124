#include "wire/cksum.h"

#include <string.h>

/* RFC 1071 s2(B): the one's complement sum does not depend on byte order,
 * and s2(C): it can be computed on wider words, folding the carries back
 * in.  Eight octets are added at a time in the machine's order with the
 * carry wrapped around, the 64-bit sum is folded to 16 bits, then swapped
 * into network order on a little-endian machine.  The result is not the
 * word-by-word 32-bit sum itself but is equal to it modulo 0xffff, and zero
 * only when every octet is: every caller only adds such sums and folds
 * them (ms_cksum_fold), which gives exactly the same checksum. */
static uint32_t
fold64(uint64_t s)
{
    s = (s & 0xffffffffu) + (s >> 32);
    s = (s & 0xffffffffu) + (s >> 32);
    s = (s & 0xffffu) + (s >> 16);
    s = (s & 0xffffu) + (s >> 16);
    s = (s & 0xffffu) + (s >> 16);
    return (uint32_t)s;
}

uint32_t
ms_cksum_add(uint32_t sum, const uint8_t *p, size_t len)
{
    uint64_t acc = 0;
    while (len >= 8) {
        uint64_t v;
        memcpy(&v, p, sizeof v);
        acc += v;
        acc += acc < v; /* the carry out of bit 63 comes back in */
        p += 8;
        len -= 8;
    }
    uint32_t wide = fold64(acc);
#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_BIG_ENDIAN__
    wide = ((wide >> 8) | (wide << 8)) & 0xffffu;
#endif
    uint64_t s = (uint64_t)sum + wide;
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
