/* Ethernet II framing (IEEE 802.3 / RFC 894 layout, RFC 2464 for IPv6) and
 * MAC address helpers.
 *
 * Frame header (no 802.1Q tag; a VLAN EtherType is returned as it is):
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                  Destination MAC (6 octets)                   |
 *   +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                               |                               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 *   |                    Source MAC (6 octets)                      |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |           EtherType           |  payload ...
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Codecs are pure: no allocation, no logging, no pointer kept into the input.
 */
#ifndef MIPSIM_WIRE_ETH_H
#define MIPSIM_WIRE_ETH_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MS_ETH_ALEN 6
#define MS_ETH_HLEN 14
/* IEEE 802.3: a frame carries at least 46 payload octets (64 with header
 * and FCS); shorter payloads are padded, and upper layers must rely on their
 * own length fields (IPv6 Payload Length, L2EV Length). */
#define MS_ETH_MIN_PAYLOAD 46
/* "02:00:00:00:00:01" plus NUL. */
#define MS_MAC_STRLEN 18

struct ms_mac {
    uint8_t b[MS_ETH_ALEN];
};

struct ms_eth {
    struct ms_mac dst, src;
    uint16_t ethertype; /* host order; MS_ETHERTYPE_* from codepoints.h */
};

/* Decodes the 14-octet header.  Returns 0, or MS_ETRUNC when len < 14.
 * The payload starts at p + MS_ETH_HLEN; it may include link padding. */
int ms_eth_decode(const uint8_t *p, size_t len, struct ms_eth *out);
/* Writes the 14-octet header.  Returns MS_ETH_HLEN or -EMSGSIZE. */
int ms_eth_encode(const struct ms_eth *in, uint8_t *buf, size_t cap);
/* Always MS_ETH_HLEN. */
size_t ms_eth_len(const struct ms_eth *in);
/* "02:00:00:00:00:02 > ff:ff:ff:ff:ff:ff type 0x86dd"; returns chars
 * written (snprintf semantics, output truncated to cap). */
int ms_eth_format(const struct ms_eth *in, char *buf, size_t cap);

/* RFC 2464 s7: an IPv6 multicast address maps to 33:33 followed by its last
 * 32 bits.  The caller guarantees a is multicast (not checked). */
void ms_mac_from_ipv6_mcast(const struct in6_addr *a, struct ms_mac *out);
/* The group bit (least significant bit of the first octet); true for
 * broadcast too. */
bool ms_mac_is_multicast(const struct ms_mac *m);
bool ms_mac_is_broadcast(const struct ms_mac *m);
bool ms_mac_equal(const struct ms_mac *a, const struct ms_mac *b);
/* ff:ff:ff:ff:ff:ff */
void ms_mac_broadcast(struct ms_mac *out);
/* Lower-case "02:00:00:00:00:01".  Returns 17 (chars written without NUL),
 * or -EMSGSIZE when cap < MS_MAC_STRLEN (buf then holds ""). */
int ms_mac_format(const struct ms_mac *m, char *buf, size_t cap);
/* Parses exactly six colon-separated two-digit hex octets (either case).
 * Returns 0 or -EINVAL; out is written only on success. */
int ms_mac_parse(const char *s, struct ms_mac *out);
/* RFC 4291 Appendix A: modified EUI-64 interface identifier from a 48-bit
 * MAC: insert ff:fe in the middle and invert the universal/local bit (0x02
 * of the first octet).  02:00:00:00:00:01 gives 0000:00ff:fe00:0001. */
void ms_mac_to_eui64_iid(const struct ms_mac *m, uint8_t iid[8]);

#endif
