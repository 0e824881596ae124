/* Neighbor Discovery messages: RFC 4861 s4.1-4.5, s6.1.1, 6.1.2, 7.1.1,
 * 7.1.2, 8.1; the RA H flag of RFC 6275 s7.1. */
#include "wire/nd.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "wire/bytes.h"
#include "wire/err.h"
#include "wire/icmp6.h"

/* Fixed part of each ND type, 0 when the type is not ND. */
static size_t
fixed_len(uint8_t type)
{
    switch (type) {
    case MS_ICMP6_RS:
        return MS_ND_RS_LEN;
    case MS_ICMP6_RA:
        return MS_ND_RA_LEN;
    case MS_ICMP6_NS:
        return MS_ND_NS_LEN;
    case MS_ICMP6_NA:
        return MS_ND_NA_LEN;
    case MS_ICMP6_REDIRECT:
        return MS_ND_REDIRECT_LEN;
    default:
        return 0;
    }
}

/* RFC 4861 s4.1 Router Solicitation:
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |     Code      |          Checksum             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                            Reserved                           |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |   Options ...
 *
 * RFC 4861 s4.2 Router Advertisement, with RFC 6275 s7.1's H flag:
 *
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |     Code      |          Checksum             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   | Cur Hop Limit |M|O|H|Reserved |       Router Lifetime         |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                         Reachable Time                        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                          Retrans Timer                        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |   Options ...
 *
 * RFC 4861 s4.3 Neighbor Solicitation / s4.4 Neighbor Advertisement:
 *
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |     Code      |          Checksum             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |R|S|O|                     Reserved  (NS: all Reserved)        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   +                       Target Address (128)                    +
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |   Options ...
 *
 * RFC 4861 s4.5 Redirect:
 *
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |     Code      |          Checksum             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                           Reserved                            |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   +                       Target Address (128)                    +
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   +                     Destination Address (128)                 +
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |   Options ...
 */
/* The stack decodes one struct ms_nd per received ND packet on its C stack
 * (nd_opt.h "Size"). */
_Static_assert(sizeof(struct ms_nd) <= 4096, "struct ms_nd must stay within 4 KiB");

int
ms_nd_decode(const uint8_t *p, size_t len, struct ms_nd *out)
{
    return ms_nd_decode_sec(p, len, out, NULL);
}

int
ms_nd_decode_sec(const uint8_t *p, size_t len, struct ms_nd *out, struct ms_nd_sec *sec)
{
    memset(out, 0, sizeof(*out));
    if (len < MS_ICMP6_HDR_LEN)
        return MS_ETRUNC;
    size_t fixed = fixed_len(p[0]);
    if (fixed == 0)
        return MS_EUNKNOWN_TYPE;
    /* RFC 4861 s6.1.1 ... s8.1: "ICMP length (derived from the IP length) is
     * N or more octets" and "ICMP Code is 0". */
    if (len < fixed)
        return MS_ETRUNC;
    if (p[1] != 0)
        return MS_EBAD_CODE;
    out->type = p[0];
    switch (out->type) {
    case MS_ICMP6_RA:
        out->u.ra.cur_hop_limit = p[4];
        out->u.ra.flags = p[5];
        out->u.ra.router_lifetime_s = ms_rd16(p + 6);
        out->u.ra.reachable_ms = ms_rd32(p + 8);
        out->u.ra.retrans_ms = ms_rd32(p + 12);
        break;
    case MS_ICMP6_NS:
        memcpy(out->u.ns.target.s6_addr, p + 8, 16);
        break;
    case MS_ICMP6_NA:
        out->u.na.flags = ms_rd32(p + 4) & (MS_NA_F_R | MS_NA_F_S | MS_NA_F_O);
        memcpy(out->u.na.target.s6_addr, p + 8, 16);
        break;
    case MS_ICMP6_REDIRECT:
        memcpy(out->u.redirect.target.s6_addr, p + 8, 16);
        memcpy(out->u.redirect.dest.s6_addr, p + 24, 16);
        break;
    default: /* RS: Reserved only */
        break;
    }
    int rc = ms_nd_opts_decode_sec(p, len, fixed, &out->opts, sec);
    if (rc < 0) {
        uint8_t t = out->type;
        memset(out, 0, sizeof(*out));
        out->type = t;
        return rc;
    }
    return 0;
}

/* RFC 4861 s4.6.3: "The original packet truncated to ensure that the size of
 * the redirect message does not exceed the minimum MTU required to support
 * IPv6".  Counting the IPv6 header, as Linux does (ndisc_send_redirect). */
static void
effective_opts(const struct ms_nd *m, struct ms_nd_opts *o)
{
    *o = m->opts;
    if (m->type != MS_ICMP6_REDIRECT || !ms_nd_opts_has(o, MS_ND_OPT_REDIRECTED_HDR))
        return;
    o->present &= ~(1u << MS_ND_OPT_REDIRECTED_HDR);
    size_t used = 40 + MS_ND_REDIRECT_LEN + ms_nd_opts_len(o) + 8;
    size_t room = used < MS_IPV6_MIN_MTU ? (MS_IPV6_MIN_MTU - used) & ~(size_t)7 : 0;
    if (o->rh.len > room)
        o->rh.len = room;
    ms_nd_opts_set(o, MS_ND_OPT_REDIRECTED_HDR);
}

size_t
ms_nd_len(const struct ms_nd *m)
{
    struct ms_nd_opts o;
    effective_opts(m, &o);
    return fixed_len(m->type) + ms_nd_opts_len(&o);
}

int
ms_nd_encode(const struct ms_nd *m, const struct in6_addr *src, const struct in6_addr *dst,
             uint8_t *buf, size_t cap)
{
    size_t fixed = fixed_len(m->type);
    if (fixed == 0)
        return -EINVAL;
    struct ms_nd_opts o;
    effective_opts(m, &o);
    if (fixed > cap)
        return -EMSGSIZE;
    int olen = ms_nd_opts_encode(&o, buf + fixed, cap - fixed);
    if (olen < 0)
        return olen;
    memset(buf, 0, fixed);
    buf[0] = m->type;
    switch (m->type) {
    case MS_ICMP6_RA:
        buf[4] = m->u.ra.cur_hop_limit;
        buf[5] = m->u.ra.flags;
        ms_wr16(buf + 6, m->u.ra.router_lifetime_s);
        ms_wr32(buf + 8, m->u.ra.reachable_ms);
        ms_wr32(buf + 12, m->u.ra.retrans_ms);
        break;
    case MS_ICMP6_NS:
        memcpy(buf + 8, m->u.ns.target.s6_addr, 16);
        break;
    case MS_ICMP6_NA:
        ms_wr32(buf + 4, m->u.na.flags & (MS_NA_F_R | MS_NA_F_S | MS_NA_F_O));
        memcpy(buf + 8, m->u.na.target.s6_addr, 16);
        break;
    case MS_ICMP6_REDIRECT:
        memcpy(buf + 8, m->u.redirect.target.s6_addr, 16);
        memcpy(buf + 24, m->u.redirect.dest.s6_addr, 16);
        break;
    default:
        break;
    }
    size_t n = fixed + (size_t)olen;
    ms_icmp6_set_cksum(buf, n, src, dst);
    return (int)n;
}

/* --- validation (RFC 4861 s6.1.1, 6.1.2, 7.1.1, 7.1.2, 8.1) --------------- */

static bool
is_mcast(const struct in6_addr *a)
{
    return a->s6_addr[0] == 0xff;
}

static bool
is_linklocal(const struct in6_addr *a)
{
    return a->s6_addr[0] == 0xfe && (a->s6_addr[1] & 0xc0) == 0x80;
}

static bool
is_unspec(const struct in6_addr *a)
{
    static const uint8_t zero[16];
    return memcmp(a->s6_addr, zero, 16) == 0;
}

/* RFC 4291 s2.7.1: ff02:0:0:0:0:1:ffXX:XXXX. */
static bool
is_solicited_node(const struct in6_addr *a)
{
    static const uint8_t pfx[13] = {0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xff};
    return memcmp(a->s6_addr, pfx, sizeof(pfx)) == 0;
}

int
ms_nd_validate(const struct ms_nd *m, uint8_t hop_limit, const struct in6_addr *src,
               const struct in6_addr *dst)
{
    if (fixed_len(m->type) == 0)
        return MS_EUNKNOWN_TYPE;
    /* All five: "The IP Hop Limit field has a value of 255, i.e., the packet
     * could not possibly have been forwarded by a router." */
    if (hop_limit != 255)
        return MS_EBAD_HOPLIMIT;
    bool has_slla = ms_nd_opts_has(&m->opts, MS_ND_OPT_SLLA);
    switch (m->type) {
    case MS_ICMP6_RS:
        /* s6.1.1: "If the IP source address is the unspecified address, there
         * is no source link-layer address option in the message." */
        if (is_unspec(src) && has_slla)
            return MS_EBAD_SOURCE;
        return 0;
    case MS_ICMP6_RA:
        /* s6.1.2: "IP Source Address is a link-local address." */
        return is_linklocal(src) ? 0 : MS_EBAD_SOURCE;
    case MS_ICMP6_NS:
        /* s7.1.1: "Target Address is not a multicast address."  "If the IP
         * source address is the unspecified address, the IP destination
         * address is a solicited-node multicast address" and "there is no
         * source link-layer address option in the message." */
        if (is_mcast(&m->u.ns.target))
            return MS_EBAD_FIELD;
        if (is_unspec(src) && !is_solicited_node(dst))
            return MS_EBAD_DEST;
        if (is_unspec(src) && has_slla)
            return MS_EBAD_SOURCE;
        return 0;
    case MS_ICMP6_NA:
        /* s7.1.2: "Target Address is not a multicast address."  "If the IP
         * Destination Address is a multicast address the Solicited flag is
         * zero." */
        if (is_mcast(&m->u.na.target))
            return MS_EBAD_FIELD;
        if (is_mcast(dst) && (m->u.na.flags & MS_NA_F_S))
            return MS_EBAD_FIELD;
        return 0;
    default: /* MS_ICMP6_REDIRECT */
        /* s8.1: "IP Source Address is a link-local address."  "The ICMP
         * Destination Address field in the redirect message does not contain
         * a multicast address."  "The ICMP Target Address is either a
         * link-local address (when redirected to a router) or the same as the
         * ICMP Destination Address (when redirected to the on-link
         * destination)." */
        if (!is_linklocal(src))
            return MS_EBAD_SOURCE;
        if (is_mcast(&m->u.redirect.dest))
            return MS_EBAD_FIELD;
        if (!is_linklocal(&m->u.redirect.target) &&
            memcmp(&m->u.redirect.target, &m->u.redirect.dest, sizeof(struct in6_addr)) != 0)
            return MS_EBAD_FIELD;
        return 0;
    }
}

/* --- formatting ----------------------------------------------------------- */

int
ms_nd_format(const struct ms_nd *m, char *buf, size_t cap)
{
    char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN];
    int n;
    switch (m->type) {
    case MS_ICMP6_RS:
        n = snprintf(buf, cap, "rs");
        break;
    case MS_ICMP6_RA:
        n = snprintf(buf, cap, "ra hl=%u flags=%s%s%s life=%u reach=%lu retrans=%lu",
                     (unsigned)m->u.ra.cur_hop_limit, (m->u.ra.flags & MS_RA_F_M) ? "M" : "",
                     (m->u.ra.flags & MS_RA_F_O) ? "O" : "", (m->u.ra.flags & MS_RA_F_H) ? "H" : "",
                     (unsigned)m->u.ra.router_lifetime_s, (unsigned long)m->u.ra.reachable_ms,
                     (unsigned long)m->u.ra.retrans_ms);
        break;
    case MS_ICMP6_NS:
        inet_ntop(AF_INET6, &m->u.ns.target, a, sizeof(a));
        n = snprintf(buf, cap, "ns tgt=%s", a);
        break;
    case MS_ICMP6_NA:
        inet_ntop(AF_INET6, &m->u.na.target, a, sizeof(a));
        n = snprintf(buf, cap, "na tgt=%s flags=%s%s%s", a, (m->u.na.flags & MS_NA_F_R) ? "R" : "",
                     (m->u.na.flags & MS_NA_F_S) ? "S" : "",
                     (m->u.na.flags & MS_NA_F_O) ? "O" : "");
        break;
    case MS_ICMP6_REDIRECT:
        inet_ntop(AF_INET6, &m->u.redirect.target, a, sizeof(a));
        inet_ntop(AF_INET6, &m->u.redirect.dest, b, sizeof(b));
        n = snprintf(buf, cap, "redirect tgt=%s dst=%s", a, b);
        break;
    default:
        n = snprintf(buf, cap, "nd type=%u", (unsigned)m->type);
        break;
    }
    if (n < 0)
        return n;
    size_t used = (size_t)n;
    int r =
        ms_nd_opts_format(&m->opts, used < cap ? buf + used : NULL, used < cap ? cap - used : 0);
    return r < 0 ? n : n + r;
}
