/* Mobility Header (RFC 6275 s6.1.1): common header, type dispatch,
 * checksum, Binding Authorization Data helpers.  Contract in mh.h.
 *
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   | Payload Proto |  Header Len   |   MH Type     |   Reserved    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |           Checksum            |                               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               |
 *   .                       Message Data                            .
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
#include "wire/mh.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "wire/bytes.h"
#include "wire/cksum.h"
#include "wire/err.h"

/* The stack and the roles keep struct ms_mh in locals (mh.h, mh_opt.h "Size"). */
_Static_assert(sizeof(struct ms_mh) <= 2048, "struct ms_mh must stay under 2 KiB");

/* The dispatch table: each message family's file answers for its types. */
static const struct ms__mh_msg *
msg_of(uint8_t type)
{
    const struct ms__mh_msg *d = ms__mh_binding_msg(type);
    if (!d)
        d = ms__mh_rr_msg(type);
    if (!d)
        d = ms__mh_fmip_msg(type);
    return d;
}

static int
is_fmip(uint8_t type)
{
    return ms__mh_fmip_msg(type) != NULL;
}

void
ms_mh_init(struct ms_mh *m, uint8_t type)
{
    memset(m, 0, sizeof *m);
    m->type = type;
    m->payload_proto = MS_IPPROTO_NONE;
    m->variant = MS_FMIP_RFC5568;
}

unsigned
ms_mh_lifetime_unit_s_ex(uint8_t type, enum ms_fmip_variant variant)
{
    switch (type) {
    case MS_MH_BU: /* RFC 6275 s6.1.7: "One time unit is 4 seconds." */
    case MS_MH_BA: /* RFC 6275 s6.1.8: "in time units of 4 seconds" */
        return 4;
    case MS_MH_FBU:
        /* RFC 5568 s6.2.2 (RFC 5268 s6.3.1): "The requested time in
         * seconds"; RFC 4068 s6.3.1: "Lifetime: See RFC 3775" (4 s). */
        return variant == MS_FMIP_RFC4068 ? 4 : 1;
    case MS_MH_FBACK:
        /* RFC 5568 s6.2.3, RFC 4068 s6.3.2: "The granted lifetime in
         * seconds". */
        return 1;
    default:
        return 0;
    }
}

uint16_t
ms_mh_lifetime_to_wire_ex(uint8_t type, enum ms_fmip_variant variant, uint32_t seconds)
{
    unsigned unit = ms_mh_lifetime_unit_s_ex(type, variant);
    if (!unit)
        return 0;
    uint32_t u = seconds / unit;
    return (uint16_t)(u > 0xFFFFu ? 0xFFFFu : u);
}

uint32_t
ms_mh_lifetime_from_wire_ex(uint8_t type, enum ms_fmip_variant variant, uint16_t units)
{
    return (uint32_t)units * ms_mh_lifetime_unit_s_ex(type, variant);
}

unsigned
ms_mh_lifetime_unit_s(uint8_t type)
{
    return ms_mh_lifetime_unit_s_ex(type, MS_FMIP_RFC5568);
}

uint16_t
ms_mh_lifetime_to_wire(uint8_t type, uint32_t seconds)
{
    return ms_mh_lifetime_to_wire_ex(type, MS_FMIP_RFC5568, seconds);
}

uint32_t
ms_mh_lifetime_from_wire(uint8_t type, uint16_t units)
{
    return ms_mh_lifetime_from_wire_ex(type, MS_FMIP_RFC5568, units);
}

size_t
ms_mh_len(const struct ms_mh *m)
{
    const struct ms__mh_msg *d = msg_of(m->type);
    if (!d)
        return 0;
    size_t fixed = MS_MH_HDR_LEN + d->body_len;
    size_t ol = ms_mh_opts_len_ex(&m->opts, fixed, m->variant);
    if (ol == (size_t)-1 || fixed + ol > MS_MH_MAX_LEN)
        return 0;
    return fixed + ol;
}

int
ms_mh_encode(const struct ms_mh *m, const struct in6_addr *src, const struct in6_addr *dst,
             uint8_t *buf, size_t cap)
{
    const struct ms__mh_msg *d = msg_of(m->type);
    if (!d)
        return MS_EUNKNOWN_TYPE;
    size_t fixed = MS_MH_HDR_LEN + d->body_len;
    size_t ol = ms_mh_opts_len_ex(&m->opts, fixed, m->variant);
    if (ol == (size_t)-1 || fixed + ol > MS_MH_MAX_LEN)
        return -EINVAL;
    size_t total = fixed + ol;
    if (total > cap)
        return -EMSGSIZE;

    /* RFC 6275 s6.1.1: Payload Proto SHOULD be IPPROTO_NONE; Header Len in
     * 8-octet units excluding the first 8; Reserved zero. */
    buf[0] = m->payload_proto ? m->payload_proto : (uint8_t)MS_IPPROTO_NONE;
    buf[1] = (uint8_t)(total / 8 - 1);
    buf[2] = m->type;
    buf[3] = 0;
    ms_wr16(buf + MS_MH_CKSUM_OFF, 0);
    d->encode(m, buf + MS_MH_HDR_LEN);
    int rc = ms_mh_opts_encode_ex(&m->opts, fixed, m->variant, buf + fixed, cap - fixed);
    if (rc < 0)
        return rc;
    if (src && dst)
        ms_mh_fix_cksum(buf, total, src, dst);
    return (int)total;
}

/* Reads Payload Proto, Header Len and MH Type; checks that the MH fits. */
static int
decode_common(const uint8_t *p, size_t len, struct ms_mh *out)
{
    if (len < 8)
        return MS_ETRUNC;
    out->payload_proto = p[0];
    out->type = p[2];
    out->wire_len = (uint16_t)(((size_t)p[1] + 1) * 8);
    if (out->wire_len > len)
        return MS_EBAD_LEN;
    return 0;
}

/* Common header plus the type's fixed-part length check (RFC 6275 s9.2:
 * Header Len must not be less than the type requires). */
static int
decode_frame(const uint8_t *p, size_t len, struct ms_mh *out, const struct ms__mh_msg **dp)
{
    int rc = decode_common(p, len, out);
    if (rc < 0)
        return rc;
    const struct ms__mh_msg *d = msg_of(out->type);
    if (!d)
        return MS_EUNKNOWN_TYPE;
    if (MS_MH_HDR_LEN + (size_t)d->body_len > out->wire_len)
        return MS_EBAD_LEN;
    *dp = d;
    return 0;
}

int
ms_mh_decode_ex(const uint8_t *p, size_t len, enum ms_fmip_variant variant, struct ms_mh *out)
{
    const struct ms__mh_msg *d = NULL;
    memset(out, 0, sizeof *out);
    if (!ms_fmip_variant_valid((int)variant))
        return -EINVAL;
    out->variant = variant;
    int rc = decode_frame(p, len, out, &d);
    if (rc < 0)
        return rc;
    size_t fixed = MS_MH_HDR_LEN + d->body_len;
    d->decode(p + MS_MH_HDR_LEN, out);
    rc = ms_mh_opts_decode_ex(p + fixed, out->wire_len - fixed, fixed, variant, &out->opts);
    if (rc < 0)
        return rc;
    if (is_fmip(out->type))
        ms__mh_fmip_check(out);
    return 0;
}

int
ms_mh_decode(const uint8_t *p, size_t len, struct ms_mh *out)
{
    return ms_mh_decode_ex(p, len, MS_FMIP_RFC5568, out);
}

int
ms_mh_verify_cksum(const uint8_t *p, size_t len, const struct in6_addr *src,
                   const struct in6_addr *dst)
{
    struct ms_mh h;
    int rc = decode_common(p, len, &h);
    if (rc < 0)
        return rc;
    /* RFC 6275 s6.1.1: pseudo-header with Next Header 135 and the MH's
     * total length; a correct message sums to zero. */
    if (ms_cksum_upper(src, dst, MS_IPPROTO_MH, p, h.wire_len) != 0)
        return MS_EBAD_CHECKSUM;
    return 0;
}

int
ms_mh_fix_cksum(uint8_t *mh, size_t len, const struct in6_addr *src, const struct in6_addr *dst)
{
    struct ms_mh h;
    int rc = decode_common(mh, len, &h);
    if (rc < 0)
        return rc;
    /* RFC 6275 s6.1.1: "For computing the checksum, the checksum field is
     * set to zero." */
    ms_wr16(mh + MS_MH_CKSUM_OFF, 0);
    ms_wr16(mh + MS_MH_CKSUM_OFF, ms_cksum_upper(src, dst, MS_IPPROTO_MH, mh, h.wire_len));
    return 0;
}

int
ms_mh_bad_locate_ex(const uint8_t *mh, size_t len, enum ms_fmip_variant variant, size_t *auth_off,
                    size_t *auth_len)
{
    struct ms_mh h;
    const struct ms__mh_msg *d = NULL;
    memset(&h, 0, sizeof h);
    int rc = decode_frame(mh, len, &h, &d);
    if (rc < 0)
        return rc;
    size_t fixed = MS_MH_HDR_LEN + d->body_len;
    size_t off = 0, alen = 0;
    rc = ms_mh_opts_bad_find_ex(mh + fixed, h.wire_len - fixed, variant, &off, &alen);
    if (rc < 0)
        return rc;
    *auth_off = fixed + off;
    *auth_len = alen;
    return 0;
}

int
ms_mh_bad_locate(const uint8_t *mh, size_t len, size_t *auth_off, size_t *auth_len)
{
    return ms_mh_bad_locate_ex(mh, len, MS_FMIP_RFC5568, auth_off, auth_len);
}

int
ms_mh_bad_mobility_data_ex(const uint8_t *mh, size_t len, enum ms_fmip_variant variant,
                           const struct in6_addr *coa, const struct in6_addr *cn, uint8_t *out,
                           size_t cap)
{
    size_t off = 0, alen = 0;
    int rc = ms_mh_bad_locate_ex(mh, len, variant, &off, &alen);
    if (rc < 0)
        return rc;
    /* RFC 6275 s6.2.7: Mobility Data = care-of address | correspondent |
     * MH Data, where MH Data excludes the Authenticator and is taken with
     * the Checksum as zero. */
    if (cap < 32 + off)
        return -EMSGSIZE;
    memcpy(out, coa->s6_addr, 16);
    memcpy(out + 16, cn->s6_addr, 16);
    memcpy(out + 32, mh, off);
    ms_wr16(out + 32 + MS_MH_CKSUM_OFF, 0);
    return (int)(32 + off);
}

int
ms_mh_bad_mobility_data(const uint8_t *mh, size_t len, const struct in6_addr *coa,
                        const struct in6_addr *cn, uint8_t *out, size_t cap)
{
    return ms_mh_bad_mobility_data_ex(mh, len, MS_FMIP_RFC5568, coa, cn, out, cap);
}

int
ms_mh_format(const struct ms_mh *m, char *buf, size_t cap)
{
    const struct ms__mh_msg *d = msg_of(m->type);
    int n;
    if (d)
        n = d->format(m, buf, cap);
    else
        n = snprintf(buf, cap, "MH type=%u", m->type);
    if (n < 0)
        return n;
    size_t used = (size_t)n < cap ? (size_t)n : (cap ? cap - 1 : 0);
    int k = 0;
    if (m->payload_proto != 0 && m->payload_proto != MS_IPPROTO_NONE)
        k = snprintf(buf ? buf + used : NULL, cap - used, " pp=%u", m->payload_proto);
    if (k < 0)
        return k;
    n += k;
    if (m->variant != MS_FMIP_RFC5568 || m->diag) {
        const char *vn = ms_fmip_variant_name((int)m->variant);
        used = (size_t)n < cap ? (size_t)n : (cap ? cap - 1 : 0);
        if (m->variant == MS_FMIP_RFC5568)
            k = snprintf(buf ? buf + used : NULL, cap - used, " mdiag=0x%x", (unsigned)m->diag);
        else if (m->diag)
            k = snprintf(buf ? buf + used : NULL, cap - used, " %s mdiag=0x%x", vn ? vn : "?",
                         (unsigned)m->diag);
        else
            k = snprintf(buf ? buf + used : NULL, cap - used, " %s", vn ? vn : "?");
        if (k < 0)
            return k;
        n += k;
    }
    used = (size_t)n < cap ? (size_t)n : (cap ? cap - 1 : 0);
    k = ms_mh_opts_format(&m->opts, buf ? buf + used : NULL, cap - used);
    if (k < 0)
        return k;
    return n + k;
}

int
ms_mh_equal(const struct ms_mh *a, const struct ms_mh *b)
{
    uint8_t pa = a->payload_proto ? a->payload_proto : (uint8_t)MS_IPPROTO_NONE;
    uint8_t pb = b->payload_proto ? b->payload_proto : (uint8_t)MS_IPPROTO_NONE;
    if (a->type != b->type || pa != pb || a->variant != b->variant)
        return 0;
    const struct ms__mh_msg *d = msg_of(a->type);
    if (d && !d->equal(a, b))
        return 0;
    return ms_mh_opts_equal(&a->opts, &b->opts);
}
