/* FMIPv6 ICMPv6 messages: RtSolPr, PrRtAdv (RFC 5568 s6.1; RFC 4068 s6.1)
 * and the ICMP-form HI/HAck (RFC 5268 s6.2; RFC 4068 s6.2), on type 154 or
 * 150 (RFC 4065 s8). */
#include "wire/icmp6_fmip.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "wire/bytes.h"
#include "wire/err.h"
#include "wire/icmp6.h"

static bool
known_subtype(uint8_t st)
{
    return st == MS_FMIP_RTSOLPR || st == MS_FMIP_PRRTADV || st == MS_FMIP_HI || st == MS_FMIP_HACK;
}

uint8_t
ms_icmp6_fmip_type(enum ms_fmip_variant v)
{
    return v == MS_FMIP_RFC4068 ? MS_ICMP6_EXP_MOBILITY : MS_ICMP6_FMIP;
}

enum ms_fmip_variant
ms_icmp6_fmip_gen(uint8_t icmp_type, enum ms_fmip_variant v)
{
    if (icmp_type == MS_ICMP6_EXP_MOBILITY)
        return MS_FMIP_RFC4068;
    return v == MS_FMIP_RFC4068 ? MS_FMIP_RFC5268 : v;
}

/* The table that defines ICMP HAck codes for this type: RFC 4068 s6.2.2 on
 * 150, RFC 5268 s6.2.2 on 154 (RFC 5949's codes extend the MH form only). */
static enum ms_fmip_variant
hack_table(uint8_t icmp_type)
{
    return icmp_type == MS_ICMP6_EXP_MOBILITY ? MS_FMIP_RFC4068 : MS_FMIP_RFC5268;
}

static bool
code_defined(const struct ms_icmp6_fmip *m)
{
    switch (m->subtype) {
    case MS_FMIP_RTSOLPR:
        return m->code == 0; /* RFC 5568 s6.1.1, RFC 4068 s6.1.1: "Code: 0" */
    case MS_FMIP_PRRTADV:
        /* RFC 5568 s6.1.2 "Code values 0, 1, 2, 3, 4, and 5"; RFC 4068 s6.1.2
         * "0, 1, 2, 3 and 4". */
        return m->code <= MS_PRRTADV_DHCP &&
               !(m->gen == MS_FMIP_RFC4068 && m->code == MS_PRRTADV_DHCP);
    case MS_FMIP_HI:
        return m->code <= MS_HI_FBU_NOT_FROM_PCOA; /* "Code: 0 or 1" */
    default:
        return ms_fmip_hack_code_sym(hack_table(m->icmp_type), m->code) != NULL;
    }
}

static uint32_t
warnings(const struct ms_icmp6_fmip *m, enum ms_fmip_variant v)
{
    uint32_t w = ms_nd_opts_fmip_check(&m->opts, m->gen);
    if ((v == MS_FMIP_RFC4068) != (m->icmp_type == MS_ICMP6_EXP_MOBILITY))
        w |= MS_FMIP_WARN_TYPE;
    if (!code_defined(m))
        w |= MS_FMIP_WARN_CODE;
    /* RFC 5568 s11: the ICMP HI/HAck subtypes are deprecated. */
    if (v == MS_FMIP_RFC5568 && (m->subtype == MS_FMIP_HI || m->subtype == MS_FMIP_HACK))
        w |= MS_FMIP_WARN_DEPRECATED;
    if (m->subtype == MS_FMIP_HI && m->code == MS_HI_FBU_NOT_FROM_PCOA &&
        (m->flags & MS_HI_ICMP_F_S))
        w |= MS_FMIP_WARN_FLAGS;
    return w;
}

/* Layout in icmp6_fmip.h (RFC 5568 Figures 4-5; RFC 5268 Figures 6-7; RFC
 * 4068 Figures 4-7):
 *
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |     Code      |          Checksum             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |   Subtype     |S|U|R/M|Rsvd   |          Identifier           |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |   Options ...
 */
int
ms_icmp6_fmip_decode(const uint8_t *p, size_t len, enum ms_fmip_variant v,
                     struct ms_icmp6_fmip *out, struct ms_nd_sec *sec)
{
    memset(out, 0, sizeof(*out));
    if (len < MS_ICMP6_HDR_LEN)
        return MS_ETRUNC;
    if (p[0] != MS_ICMP6_FMIP && p[0] != MS_ICMP6_EXP_MOBILITY)
        return MS_EUNKNOWN_TYPE;
    if (len < MS_ICMP6_FMIP_HDR_LEN)
        return MS_ETRUNC;
    if (!known_subtype(p[4]))
        return MS_EUNKNOWN_TYPE;
    out->icmp_type = p[0];
    out->gen = ms_icmp6_fmip_gen(p[0], v);
    out->subtype = p[4];
    int rc = ms_nd_opts_decode_sec(p, len, MS_ICMP6_FMIP_HDR_LEN, &out->opts, sec);
    if (rc < 0) {
        memset(&out->opts, 0, sizeof(out->opts));
        return rc;
    }
    out->code = p[1];
    out->flags = p[5];
    out->id = ms_rd16(p + 6);
    out->warn = warnings(out, v);
    return 0;
}

size_t
ms_icmp6_fmip_len(const struct ms_icmp6_fmip *m)
{
    return MS_ICMP6_FMIP_HDR_LEN + ms_nd_opts_len(&m->opts);
}

int
ms_icmp6_fmip_encode(const struct ms_icmp6_fmip *m, enum ms_fmip_variant v,
                     const struct in6_addr *src, const struct in6_addr *dst, uint8_t *buf,
                     size_t cap)
{
    if (!known_subtype(m->subtype) || !ms_fmip_variant_valid(v))
        return -EINVAL;
    if (cap < MS_ICMP6_FMIP_HDR_LEN)
        return -EMSGSIZE;
    int olen =
        ms_nd_opts_encode(&m->opts, buf + MS_ICMP6_FMIP_HDR_LEN, cap - MS_ICMP6_FMIP_HDR_LEN);
    if (olen < 0)
        return olen;
    size_t n = MS_ICMP6_FMIP_HDR_LEN + (size_t)olen;
    buf[0] = ms_icmp6_fmip_type(v);
    buf[1] = m->code;
    buf[4] = m->subtype;
    buf[5] = m->flags;
    ms_wr16(buf + 6, m->id);
    ms_icmp6_set_cksum(buf, n, src, dst);
    return (int)n;
}

static bool
is_linklocal(const struct in6_addr *a)
{
    return a->s6_addr[0] == 0xfe && (a->s6_addr[1] & 0xc0) == 0x80;
}

int
ms_icmp6_fmip_validate(const struct ms_icmp6_fmip *m, uint8_t hop_limit, const struct in6_addr *src)
{
    switch (m->subtype) {
    case MS_FMIP_PRRTADV:
        /* RFC 5568 s6.1.2: "Source Address: MUST be the link-local address
         * assigned to the interface from which this message is sent." */
        if (hop_limit != 255)
            return MS_EBAD_HOPLIMIT;
        return is_linklocal(src) ? 0 : MS_EBAD_SOURCE;
    case MS_FMIP_RTSOLPR:
        return hop_limit == 255 ? 0 : MS_EBAD_HOPLIMIT; /* "Hop Limit: 255" */
    case MS_FMIP_HI:
    case MS_FMIP_HACK:
        /* RFC 4068 s6.2.1-6.2.2 list "Hop Limit 255"; RFC 5268 s6.2.1-6.2.2
         * list no Hop Limit for the messages between access routers. */
        if (m->gen == MS_FMIP_RFC4068 && hop_limit != 255)
            return MS_EBAD_HOPLIMIT;
        return 0;
    default:
        return MS_EUNKNOWN_TYPE;
    }
}

#define NAME_CASE(name, num, desc, rfc)                                                            \
    case (num):                                                                                    \
        return desc;

static const char *
prrtadv_name(unsigned code)
{
    switch (code) {
        MS_PRRTADV_CODE_MAP(NAME_CASE)
    default:
        return NULL;
    }
}

static const char *
hi_name(unsigned code)
{
    switch (code) {
        MS_HI_CODE_MAP(NAME_CASE)
    default:
        return NULL;
    }
}

static const char *
hack_name(uint8_t icmp_type, unsigned code)
{
    if (ms_fmip_hack_code_sym(hack_table(icmp_type), code) == NULL)
        return NULL;
    if (icmp_type == MS_ICMP6_EXP_MOBILITY) {
        switch (code) {
            MS_HACK4068_CODE_MAP(NAME_CASE)
        default:
            return NULL;
        }
    }
    switch (code) {
        MS_HACK_CODE_MAP(NAME_CASE)
    default:
        return NULL;
    }
}

const char *
ms_icmp6_fmip_code_name(const struct ms_icmp6_fmip *m)
{
    if (!code_defined(m))
        return NULL;
    switch (m->subtype) {
    case MS_FMIP_PRRTADV:
        return prrtadv_name(m->code);
    case MS_FMIP_HI:
        return hi_name(m->code);
    case MS_FMIP_HACK:
        return hack_name(m->icmp_type, m->code);
    default:
        return NULL;
    }
}

static const char *
subtype_sym(uint8_t st)
{
    switch (st) {
    case MS_FMIP_RTSOLPR:
        return "rtsolpr";
    case MS_FMIP_PRRTADV:
        return "prrtadv";
    case MS_FMIP_HI:
        return "hi";
    case MS_FMIP_HACK:
        return "hack";
    default:
        return "fmip";
    }
}

int
ms_icmp6_fmip_format(const struct ms_icmp6_fmip *m, char *buf, size_t cap)
{
    const char *gen = ms_fmip_variant_name(m->gen);
    int n = snprintf(buf, cap, "%s/%u id=%u code=%u flags=0x%02x %s", subtype_sym(m->subtype),
                     (unsigned)m->icmp_type, (unsigned)m->id, (unsigned)m->code, (unsigned)m->flags,
                     gen ? gen : "?");
    if (n < 0)
        return n;
    if (m->warn) {
        size_t used = (size_t)n;
        int r = snprintf(used < cap ? buf + used : NULL, used < cap ? cap - used : 0, " warn=0x%x",
                         (unsigned)m->warn);
        if (r > 0)
            n += r;
    }
    size_t used = (size_t)n;
    int r =
        ms_nd_opts_format(&m->opts, used < cap ? buf + used : NULL, used < cap ? cap - used : 0);
    return r < 0 ? n : n + r;
}
