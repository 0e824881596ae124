/* IPv6 fixed header codec (RFC 8200 s3) and IPv6 address helpers.
 *
 * RFC 8200 s3:
 *
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |Version| Traffic Class |           Flow Label                  |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |         Payload Length        |  Next Header  |   Hop Limit   |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                                                               |
 *   +                         Source Address                        +
 *   |                          (16 octets)                          |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                                                               |
 *   +                      Destination Address                      +
 *   |                          (16 octets)                          |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Jumbograms (RFC 2675, Payload Length 0 with a Jumbo Payload option) are
 * not supported: Payload Length 0 means an empty payload.
 */
#ifndef MIPSIM_WIRE_IPV6_H
#define MIPSIM_WIRE_IPV6_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MS_IP6_HLEN 40
/* Offsets of fields in the fixed header, e.g. for ICMPv6 Parameter Problem
 * pointers (RFC 4443 s3.4) and in-place rewrites. */
#define MS_IP6_OFF_PLEN 4
#define MS_IP6_OFF_NH 6
#define MS_IP6_OFF_HLIM 7
#define MS_IP6_OFF_SRC 8
#define MS_IP6_OFF_DST 24
/* Textual address with NUL (INET6_ADDRSTRLEN) and with "/128" appended. */
#define MS_IN6_STRLEN 46
#define MS_IN6_PREFIX_STRLEN 50

struct ms_ip6 {
    uint8_t tclass; /* Traffic Class */
    uint32_t flow;  /* Flow Label, 20 bits */
    uint16_t plen;  /* Payload Length, octets after the fixed header */
    uint8_t nh;     /* Next Header: MS_IPPROTO_* */
    uint8_t hlim;   /* Hop Limit */
    struct in6_addr src, dst;
};

/* Decodes the fixed header.  Returns 0, MS_ETRUNC when len < 40 or when
 * 40 + plen > len, MS_EBAD_VERSION when Version != 6.  Octets past
 * 40 + plen (Ethernet padding, RFC 8200 s3 / IEEE 802.3 minimum) are left to
 * the caller: the packet is the first MS_IP6_HLEN + out->plen octets. */
int ms_ip6_decode(const uint8_t *p, size_t len, struct ms_ip6 *out);
/* Writes the 40-octet header (Version 6; flow is masked to 20 bits).
 * Returns MS_IP6_HLEN or -EMSGSIZE.  The payload is the caller's. */
int ms_ip6_encode(const struct ms_ip6 *in, uint8_t *buf, size_t cap);
/* Always MS_IP6_HLEN. */
size_t ms_ip6_len(const struct ms_ip6 *in);
/* "2001:db8::1 > 2001:db8::2 nh 17 hlim 64 plen 8"; snprintf semantics. */
int ms_ip6_format(const struct ms_ip6 *in, char *buf, size_t cap);

/* --- address helpers (RFC 4291) --- */

/* inet_pton wrapper.  Returns 0 or -EINVAL; out written only on success. */
int ms_in6_parse(const char *s, struct in6_addr *out);
/* inet_ntop wrapper (RFC 5952 text).  Returns chars written (no NUL) or
 * -EMSGSIZE when cap cannot hold this address and its NUL (buf then
 * holds ""); MS_IN6_STRLEN always suffices. */
int ms_in6_format(const struct in6_addr *a, char *buf, size_t cap);
/* Formats a into buf (MS_IN6_STRLEN octets) and returns buf, "?" when it
 * cannot be formatted: for log lines. */
const char *ms_in6_str(const struct in6_addr *a, char *buf);
/* "2001:db8::/64" -> addr, plen.  Without "/n" plen is 128.  The address is
 * returned as written (the tail is not zeroed: "2001:db8::1/64" keeps ::1);
 * call ms_in6_make_prefix for the prefix itself.  Returns 0 or -EINVAL
 * (bad address, plen not a decimal 0..128); outputs written only on success. */
int ms_in6_prefix_parse(const char *s, struct in6_addr *addr, unsigned *plen);
/* "2001:db8::/64"; returns chars written or -EMSGSIZE. */
int ms_in6_prefix_format(const struct in6_addr *a, unsigned plen, char *buf, size_t cap);

bool ms_in6_equal(const struct in6_addr *a, const struct in6_addr *b);
bool ms_in6_is_multicast(const struct in6_addr *a);   /* ff00::/8 */
bool ms_in6_is_linklocal(const struct in6_addr *a);   /* fe80::/10 */
bool ms_in6_is_unspecified(const struct in6_addr *a); /* :: */
bool ms_in6_is_loopback(const struct in6_addr *a);    /* ::1 */
/* Unicast routable in the sense of RFC 6275 s6.3 / s9.3.1 (HAO, RH2): not
 * multicast, unspecified, loopback or link-local. */
bool ms_in6_is_routable_unicast(const struct in6_addr *a);
/* True when the first plen bits (0..128, larger values act as 128) of a
 * and b are equal. */
bool ms_in6_prefix_match(const struct in6_addr *a, const struct in6_addr *b, unsigned plen);
/* Zeroes every bit of addr after the first plen bits, in place. */
void ms_in6_make_prefix(struct in6_addr *addr, unsigned plen);
/* RFC 4291 s2.7.1: ff02::1:ffXX:XXXX with the low 24 bits of a. */
void ms_in6_solicited_node(const struct in6_addr *a, struct in6_addr *out);
/* RFC 4291 s2.7.1: ff02::1 and ff02::2. */
void ms_in6_all_nodes(struct in6_addr *out);
void ms_in6_all_routers(struct in6_addr *out);
/* RFC 4291 s2.5.6 / RFC 4862 s5.3: fe80::/64 + iid. */
void ms_in6_linklocal_from_iid(const uint8_t iid[8], struct in6_addr *out);
/* RFC 4862 s5.5.3 (d): prefix (first 64 bits) + iid.  The prefix length
 * plus the 64-bit identifier must make 128: returns 0, or MS_EBAD_LEN when
 * plen != 64 (out untouched). */
int ms_in6_from_prefix_iid(const struct in6_addr *prefix, unsigned plen, const uint8_t iid[8],
                           struct in6_addr *out);

#endif
