/* Mobile IPv6 ICMP messages: RFC 6275 s6.5 (DHAAD Request), s6.6 (DHAAD
 * Reply), s6.7 (Mobile Prefix Solicitation), s6.8 (Mobile Prefix
 * Advertisement). */
#include "wire/icmp6.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "wire/bytes.h"
#include "wire/err.h"

#define MIP_FIXED_LEN 8u

static bool
is_mip(uint8_t type)
{
    return type == MS_ICMP6_DHAAD_REQUEST || type == MS_ICMP6_DHAAD_REPLY || type == MS_ICMP6_MPS ||
           type == MS_ICMP6_MPA;
}

/* RFC 6275 s6.5 DHAAD Request (144) and s6.7 Mobile Prefix Solicitation (146,
 * followed by ND-format options):
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |     Code      |            Checksum           |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |          Identifier           |            Reserved           |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * RFC 6275 s6.6 DHAAD Reply (145):
 *
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |     Code      |            Checksum           |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |           Identifier          |             Reserved          |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   .                      Home Agent Addresses                     .
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * RFC 6275 s6.8 Mobile Prefix Advertisement (147):
 *
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |     Code      |          Checksum             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |          Identifier           |M|O|        Reserved           |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |           Options ...
 */
int
ms_icmp6_mip_decode(const uint8_t *p, size_t len, struct ms_icmp6_mip *out)
{
    memset(out, 0, sizeof(*out));
    if (len < MS_ICMP6_HDR_LEN)
        return MS_ETRUNC;
    if (!is_mip(p[0]))
        return MS_EUNKNOWN_TYPE;
    if (len < MIP_FIXED_LEN)
        return MS_ETRUNC;
    /* s6.5-6.8: "Code 0". */
    if (p[1] != 0)
        return MS_EBAD_CODE;
    uint8_t type = p[0];
    int rc = 0;
    switch (type) {
    case MS_ICMP6_DHAAD_REPLY: {
        /* s6.6: "The number of addresses presented in the list is indicated
         * by the remaining length of the IPv6 packet". */
        size_t rest = len - MIP_FIXED_LEN;
        if (rest % 16 != 0)
            return MS_EBAD_LEN;
        size_t n = rest / 16;
        if (n > MS_DHAAD_MAX_HA)
            n = MS_DHAAD_MAX_HA;
        for (size_t i = 0; i < n; i++)
            memcpy(out->ha[i].s6_addr, p + MIP_FIXED_LEN + 16 * i, 16);
        out->n_ha = (uint8_t)n;
        break;
    }
    case MS_ICMP6_MPS:
        /* s6.7: "Home agents MUST silently ignore any options they do not
         * recognize"; the ND option format rules still apply. */
        rc = ms_nd_opts_decode(p, len, MIP_FIXED_LEN, &out->opts);
        break;
    case MS_ICMP6_MPA:
        out->flags = ms_rd16(p + 6) & (MS_MPA_F_M | MS_MPA_F_O);
        rc = ms_nd_opts_decode(p, len, MIP_FIXED_LEN, &out->opts);
        break;
    default: /* DHAAD Request: nothing after Reserved is defined. */
        break;
    }
    if (rc < 0) {
        memset(out, 0, sizeof(*out));
        out->type = type;
        return rc;
    }
    out->type = type;
    out->id = ms_rd16(p + 4);
    return 0;
}

static bool
has_opts(uint8_t type)
{
    return type == MS_ICMP6_MPS || type == MS_ICMP6_MPA;
}

size_t
ms_icmp6_mip_len(const struct ms_icmp6_mip *m)
{
    if (m->type == MS_ICMP6_DHAAD_REPLY)
        return MIP_FIXED_LEN + 16u * (m->n_ha <= MS_DHAAD_MAX_HA ? m->n_ha : MS_DHAAD_MAX_HA);
    if (has_opts(m->type))
        return MIP_FIXED_LEN + ms_nd_opts_len(&m->opts);
    return MIP_FIXED_LEN;
}

int
ms_icmp6_mip_encode(const struct ms_icmp6_mip *m, const struct in6_addr *src,
                    const struct in6_addr *dst, uint8_t *buf, size_t cap)
{
    if (!is_mip(m->type) || m->n_ha > MS_DHAAD_MAX_HA)
        return -EINVAL;
    if (cap < MIP_FIXED_LEN)
        return -EMSGSIZE;
    size_t n = MIP_FIXED_LEN;
    if (m->type == MS_ICMP6_DHAAD_REPLY) {
        n += 16u * m->n_ha;
        if (n > cap)
            return -EMSGSIZE;
        for (unsigned i = 0; i < m->n_ha; i++)
            memcpy(buf + MIP_FIXED_LEN + 16 * i, m->ha[i].s6_addr, 16);
    } else if (has_opts(m->type)) {
        int olen = ms_nd_opts_encode(&m->opts, buf + MIP_FIXED_LEN, cap - MIP_FIXED_LEN);
        if (olen < 0)
            return olen;
        n += (size_t)olen;
    }
    memset(buf, 0, MIP_FIXED_LEN);
    buf[0] = m->type;
    ms_wr16(buf + 4, m->id);
    if (m->type == MS_ICMP6_MPA)
        ms_wr16(buf + 6, m->flags & (MS_MPA_F_M | MS_MPA_F_O));
    ms_icmp6_set_cksum(buf, n, src, dst);
    return (int)n;
}

int
ms_icmp6_mip_format(const struct ms_icmp6_mip *m, char *buf, size_t cap)
{
    int n;
    switch (m->type) {
    case MS_ICMP6_DHAAD_REQUEST:
        return snprintf(buf, cap, "dhaad-request id=%u", (unsigned)m->id);
    case MS_ICMP6_DHAAD_REPLY: {
        n = snprintf(buf, cap, "dhaad-reply id=%u ha=", (unsigned)m->id);
        for (unsigned i = 0; n >= 0 && i < m->n_ha && i < MS_DHAAD_MAX_HA; i++) {
            char a[INET6_ADDRSTRLEN];
            inet_ntop(AF_INET6, &m->ha[i], a, sizeof(a));
            size_t used = (size_t)n;
            int r = snprintf(used < cap ? buf + used : NULL, used < cap ? cap - used : 0, "%s%s",
                             i ? "," : "", a);
            if (r > 0)
                n += r;
        }
        return n;
    }
    case MS_ICMP6_MPS:
        n = snprintf(buf, cap, "mps id=%u", (unsigned)m->id);
        break;
    case MS_ICMP6_MPA:
        n = snprintf(buf, cap, "mpa id=%u flags=%s%s", (unsigned)m->id,
                     (m->flags & MS_MPA_F_M) ? "M" : "", (m->flags & MS_MPA_F_O) ? "O" : "");
        break;
    default:
        return snprintf(buf, cap, "icmp6-mip type=%u", (unsigned)m->type);
    }
    if (n < 0)
        return n;
    size_t used = (size_t)n;
    int r =
        ms_nd_opts_format(&m->opts, used < cap ? buf + used : NULL, used < cap ? cap - used : 0);
    return r < 0 ? n : n + r;
}
