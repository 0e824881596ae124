/* UDP over IPv6 (RFC 768, RFC 8200 s8.1).
 *
 *    0      7 8     15 16    23 24    31
 *   +--------+--------+--------+--------+
 *   |     Source      |   Destination   |
 *   |      Port       |      Port       |
 *   +--------+--------+--------+--------+
 *   |     Length      |    Checksum     |
 *   +--------+--------+--------+--------+
 *   |          data octets ...
 *   +---------------- ...
 *
 * RFC 8200 s8.1: the checksum is mandatory over IPv6; a computed 0 is sent
 * as 0xFFFF and a received 0 is invalid.  The pseudo-header uses the final
 * destination (the home address once an RH2 was processed) and the source
 * as upper layers see it (the home address once an HAO was swapped): swap
 * first (ms_ext_hao_swap / ms_ext_rh2_swap), then verify.
 */
#ifndef MIPSIM_WIRE_UDP_H
#define MIPSIM_WIRE_UDP_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#define MS_UDP_HLEN 8

struct ms_udp {
    uint16_t sport, dport;
    uint16_t len;   /* Length: header + data, octets */
    uint16_t cksum; /* as on the wire */
};

/* Structural decode, no checksum verification (it needs addresses: see
 * ms_udp_verify).  Returns 0, MS_ETRUNC (len < 8 or Length > len),
 * MS_EBAD_LEN (Length < 8, zero included: jumbograms, RFC 2675, are not
 * supported), MS_EBAD_CHECKSUM (Checksum 0, RFC 8200 s8.1).  Octets past
 * Length are the caller's. */
int ms_udp_decode(const uint8_t *p, size_t len, struct ms_udp *out);
/* ms_udp_decode, then the checksum over the pseudo-header (src, dst,
 * Length, 17) and the first Length octets.  Returns 0, a decode error, or
 * MS_EBAD_CHECKSUM. */
int ms_udp_verify(const struct in6_addr *src, const struct in6_addr *dst, const uint8_t *p,
                  size_t len);
/* Writes header + payload at buf: ports from in (in->len and in->cksum are
 * ignored: Length = 8 + plen, checksum computed, 0 sent as 0xFFFF).
 * payload may be buf + 8 (already in place) or any non-overlapping buffer;
 * NULL when plen is 0.  Returns 8 + plen, -EMSGSIZE (cap too small), or
 * MS_EBAD_LEN (8 + plen > 65535). */
int ms_udp_encode(const struct ms_udp *in, const struct in6_addr *src, const struct in6_addr *dst,
                  const uint8_t *payload, size_t plen, uint8_t *buf, size_t cap);
/* Always MS_UDP_HLEN (the header alone). */
size_t ms_udp_len(const struct ms_udp *in);
/* "udp 5000 > 6000 len 28 cksum 0x1234"; snprintf semantics. */
int ms_udp_format(const struct ms_udp *in, char *buf, size_t cap);

#endif
