/* The Internet checksum (RFC 1071) and the IPv6 upper-layer pseudo-header
 * (RFC 8200 s8.1), used by ICMPv6, UDP and the Mobility Header. */
#ifndef MIPSIM_WIRE_CKSUM_H
#define MIPSIM_WIRE_CKSUM_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

/* Adds len bytes to a running 32-bit one's-complement sum. */
uint32_t ms_cksum_add(uint32_t sum, const uint8_t *p, size_t len);
/* Folds and complements a running sum into the 16-bit checksum. */
uint16_t ms_cksum_fold(uint32_t sum);
/* Sum of the pseudo-header: src, dst, upper-layer length, next header. */
uint32_t ms_cksum_pseudo(const struct in6_addr *src, const struct in6_addr *dst, uint32_t ulen,
                         uint8_t next_header);
/* Checksum of an upper-layer message whose checksum field is zero (to
 * compute) or filled in (to verify: a correct message gives 0). */
uint16_t ms_cksum_upper(const struct in6_addr *src, const struct in6_addr *dst, uint8_t next_header,
                        const uint8_t *msg, size_t len);

#endif
