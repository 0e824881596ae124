/* Mobility options (RFC 6275 s6.2): the TLV walker, padding, the RFC 6275
 * options, raw options and the blob of large payloads.  FMIPv6 options live
 * in mh_opt_fmip.c, RFC 4866 options in mh_opt_ero.c.  Contract in
 * mh_opt.h. */
#include "wire/mh_opt.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "wire/bytes.h"
#include "wire/err.h"

/* Fixed Option Length values (RFC 6275 s6.2.4-6.2.6). */
enum {
    BRA_LEN = 2,
    ALT_COA_LEN = 16,
    NONCE_LEN = 4,
};

/* Types this codec interprets (or regenerates, for padding): a raw option
 * may not use them, or it would decode as something else. */
static int
interpreted(uint8_t t)
{
    switch (t) {
    case MS_MH_OPT_PAD1:
    case MS_MH_OPT_PADN:
    case MS_MH_OPT_BRA:
    case MS_MH_OPT_ALT_COA:
    case MS_MH_OPT_NONCE_INDICES:
    case MS_MH_OPT_BAD:
    case MS_MH_OPT_LLA:
    case MS_MH_OPT_CGA_PARAMS_REQ:
    case MS_MH_OPT_CGA_PARAMS:
    case MS_MH_OPT_SIGNATURE:
    case MS_MH_OPT_PHKT:
    case MS_MH_OPT_COTI:
    case MS_MH_OPT_COT:
    case MS_MH_OPT_BADF:
    case MS_MH_OPT_IP_ADDR_PREFIX:
    case MS_MH_OPT_MCAST_MOBILITY:
    case MS_MH_OPT_MCAST_ACK:
        return 1;
    default:
        return 0;
    }
}

static int
validate(const struct ms_mh_opts *o, enum ms_fmip_variant v)
{
    if (!ms_fmip_variant_valid((int)v))
        return -EINVAL;
    if ((o->present & MS_MH_OPTS_BAD) && o->auth_len > MS_MH_BAD_AUTH_MAX)
        return -EINVAL;
    /* Each of them MUST be the last option (RFC 6275 s6.2.7, RFC 5568 s6.4.5). */
    if ((o->present & MS_MH_OPTS_BAD) && (o->present & MS_MH_OPTS_BADF))
        return -EINVAL;
    if (o->n_raw > MS_MH_OPTS_RAW_MAX)
        return -EINVAL;
    for (unsigned i = 0; i < o->n_raw; i++) {
        if (o->raw[i].len > MS_MH_OPT_RAW_DATA_MAX || interpreted(o->raw[i].type))
            return -EINVAL;
    }
    if (o->blob_used > MS_MH_OPTS_BLOB_MAX)
        return -EINVAL;
    int rc = ms__mh_opt_fmip_validate(o);
    if (rc < 0)
        return rc;
    return ms__mh_opt_ero_validate(o);
}

static size_t
bad_auth_len(const struct ms_mh_opts *o)
{
    return o->auth_len ? o->auth_len : MS_MH_BAD_AUTH_DEFAULT;
}

size_t
ms__mh_opt_pad_for(size_t off, size_t x, size_t y)
{
    return (x + y - off % x) % x;
}

/* RFC 6275 s6.2.2-6.2.3: one octet is Pad1; N >= 2 octets is PadN with
 * Option Length N-2 and zero data. */
void
ms__mh_opt_put_pad(uint8_t *b, size_t n)
{
    if (!b || n == 0)
        return;
    if (n == 1) {
        b[0] = MS_MH_OPT_PAD1;
        return;
    }
    b[0] = MS_MH_OPT_PADN;
    b[1] = (uint8_t)(n - 2);
    for (size_t i = 2; i < n; i++)
        b[i] = 0;
}

static uint16_t
refresh_to_wire(uint32_t s)
{
    /* RFC 6275 s6.2.4: the Refresh Interval is in units of four seconds. */
    uint32_t u = s / 4u;
    return (uint16_t)(u > 0xFFFFu ? 0xFFFFu : u);
}

/* Lays the options out from absolute offset start; writes them when buf is
 * not NULL (buf = MH + start).  Returns the octets used.  The struct must
 * have passed validate(). */
static size_t
layout(const struct ms_mh_opts *o, enum ms_fmip_variant v, size_t start, uint8_t *buf)
{
    size_t off = start;
    size_t n;
#define AT(x) (buf ? buf + ((x)-start) : NULL)

    if (o->present & MS_MH_OPTS_ALT_COA) {
        /* RFC 6275 s6.2.5: alignment 8n+6, so the address is 8-aligned. */
        n = ms__mh_opt_pad_for(off, 8, 6);
        ms__mh_opt_put_pad(AT(off), n);
        off += n;
        if (buf) {
            AT(off)[0] = MS_MH_OPT_ALT_COA;
            AT(off)[1] = ALT_COA_LEN;
            memcpy(AT(off) + 2, o->alt_coa.s6_addr, 16);
        }
        off += 2 + ALT_COA_LEN;
    }
    if (o->present & MS_MH_OPTS_NONCE) {
        /* RFC 6275 s6.2.6: alignment 2n. */
        n = ms__mh_opt_pad_for(off, 2, 0);
        ms__mh_opt_put_pad(AT(off), n);
        off += n;
        if (buf) {
            AT(off)[0] = MS_MH_OPT_NONCE_INDICES;
            AT(off)[1] = NONCE_LEN;
            ms_wr16(AT(off) + 2, o->home_nonce_index);
            ms_wr16(AT(off) + 4, o->careof_nonce_index);
        }
        off += 2 + NONCE_LEN;
    }
    if (o->present & MS_MH_OPTS_BRA) {
        /* RFC 6275 s6.2.4: alignment 2n. */
        n = ms__mh_opt_pad_for(off, 2, 0);
        ms__mh_opt_put_pad(AT(off), n);
        off += n;
        if (buf) {
            AT(off)[0] = MS_MH_OPT_BRA;
            AT(off)[1] = BRA_LEN;
            ms_wr16(AT(off) + 2, refresh_to_wire(o->refresh_s));
        }
        off += 2 + BRA_LEN;
    }
    off = ms__mh_opt_fmip_layout(o, v, start, off, buf);
    off = ms__mh_opt_ero_layout(o, start, off, buf);
    off = ms__mh_opt_mcast_layout(o, start, off, buf);
    for (unsigned i = 0; i < o->n_raw; i++) {
        const struct ms_mh_opt_raw *r = &o->raw[i];
        if (buf) {
            AT(off)[0] = r->type;
            AT(off)[1] = r->len;
            memcpy(AT(off) + 2, r->data, r->len);
        }
        off += 2u + r->len;
    }
    if (o->present & MS_MH_OPTS_BAD) {
        /* RFC 6275 s6.2: BAD "MUST be the last option and MUST NOT have
         * trailing padding", so it must end on the 8-octet boundary that
         * ends the MH.  With the 12-octet authenticator that is the implied
         * 8n+2 alignment of s6.2.7. */
        size_t alen = bad_auth_len(o);
        n = ms__mh_opt_pad_for(off + 2 + alen, 8, 0);
        ms__mh_opt_put_pad(AT(off), n);
        off += n;
        if (buf) {
            AT(off)[0] = MS_MH_OPT_BAD;
            AT(off)[1] = (uint8_t)alen;
            memcpy(AT(off) + 2, o->auth, alen);
        }
        off += 2 + alen;
    } else if (o->present & MS_MH_OPTS_BADF) {
        off = ms__mh_opt_badf_layout(o, start, off, buf);
    } else {
        /* RFC 6275 s6.1.1: the MH is a multiple of 8 octets. */
        n = ms__mh_opt_pad_for(off, 8, 0);
        ms__mh_opt_put_pad(AT(off), n);
        off += n;
    }
#undef AT
    return off - start;
}

size_t
ms_mh_opts_len_ex(const struct ms_mh_opts *o, size_t start_off, enum ms_fmip_variant v)
{
    if (validate(o, v) < 0)
        return (size_t)-1;
    return layout(o, v, start_off, NULL);
}

size_t
ms_mh_opts_len(const struct ms_mh_opts *o, size_t start_off)
{
    return ms_mh_opts_len_ex(o, start_off, MS_FMIP_RFC5568);
}

int
ms_mh_opts_encode_ex(const struct ms_mh_opts *o, size_t start_off, enum ms_fmip_variant v,
                     uint8_t *buf, size_t cap)
{
    int rc = validate(o, v);
    if (rc < 0)
        return rc;
    size_t n = layout(o, v, start_off, NULL);
    if (n > cap)
        return -EMSGSIZE;
    layout(o, v, start_off, buf);
    return (int)n;
}

int
ms_mh_opts_encode(const struct ms_mh_opts *o, size_t start_off, uint8_t *buf, size_t cap)
{
    return ms_mh_opts_encode_ex(o, start_off, MS_FMIP_RFC5568, buf, cap);
}

int
ms__mh_opt_first(struct ms_mh_opts *out, uint32_t bit)
{
    if (out->present & bit) {
        out->diag |= MS_MH_DIAG_DUP_OPT;
        return 0;
    }
    out->present |= bit;
    return 1;
}

void
ms__mh_opt_check_align(struct ms_mh_opts *out, size_t abs, size_t x, size_t y)
{
    if (abs % x != y)
        out->diag |= MS_MH_DIAG_MISALIGNED;
}

/* One option of dlen data octets at d, whose Type octet is at absolute
 * offset abs; last says whether it ends the options area. */
static int
decode_one(uint8_t t, const uint8_t *d, size_t dlen, uint8_t olen, size_t abs, int last,
           int badf_len_is_auth, struct ms__mh_opt_walk *w, struct ms_mh_opts *out)
{
    int rc = 0;
    switch (t) {
    case MS_MH_OPT_PADN:
        /* RFC 6275 s6.2.3: PadN data MUST be ignored by the receiver. */
        for (size_t i = 0; i < dlen; i++) {
            if (d[i])
                out->diag |= MS_MH_DIAG_PAD_NONZERO;
        }
        return 0;
    case MS_MH_OPT_BRA:
        if (dlen != BRA_LEN)
            return MS_EBAD_OPTLEN;
        ms__mh_opt_check_align(out, abs, 2, 0);
        if (ms__mh_opt_first(out, MS_MH_OPTS_BRA))
            out->refresh_s = (uint32_t)ms_rd16(d) * 4u;
        return 0;
    case MS_MH_OPT_ALT_COA:
        if (dlen != ALT_COA_LEN)
            return MS_EBAD_OPTLEN;
        ms__mh_opt_check_align(out, abs, 8, 6);
        if (ms__mh_opt_first(out, MS_MH_OPTS_ALT_COA))
            memcpy(out->alt_coa.s6_addr, d, 16);
        return 0;
    case MS_MH_OPT_NONCE_INDICES:
        if (dlen != NONCE_LEN)
            return MS_EBAD_OPTLEN;
        ms__mh_opt_check_align(out, abs, 2, 0);
        if (ms__mh_opt_first(out, MS_MH_OPTS_NONCE)) {
            out->home_nonce_index = ms_rd16(d);
            out->careof_nonce_index = ms_rd16(d + 2);
        }
        return 0;
    case MS_MH_OPT_BAD:
        if (dlen == 0)
            return MS_EZERO_OPTLEN;
        if (dlen > MS_MH_BAD_AUTH_MAX)
            return MS_EBAD_OPTLEN;
        /* RFC 6275 s6.2: last option, no trailing padding. */
        if (!last)
            return MS_EBADF_NOT_LAST;
        ms__mh_opt_check_align(out, abs, 8, 2);
        out->present |= MS_MH_OPTS_BAD;
        out->auth_len = (uint8_t)dlen;
        memcpy(out->auth, d, dlen);
        return 0;
    case MS_MH_OPT_BADF:
        /* The walker has placed it last (RFC 5568 s6.4.5). */
        return ms__mh_opt_badf_decode(d, dlen, badf_len_is_auth, out);
    default:
        break;
    }
    if (ms__mh_opt_fmip_decode(t, d, dlen, olen, abs, w, out, &rc))
        return rc;
    if (ms__mh_opt_ero_decode(t, d, dlen, abs, w, out, &rc))
        return rc;
    /* RFC 6275 s6.2.1: unrecognized options are skipped; keep what fits so
     * that it round-trips. */
    if (out->n_raw >= MS_MH_OPTS_RAW_MAX || dlen > MS_MH_OPT_RAW_DATA_MAX) {
        out->diag |= MS_MH_DIAG_RAW_DROPPED;
        return 0;
    }
    out->raw[out->n_raw].type = t;
    out->raw[out->n_raw].len = (uint8_t)dlen;
    memcpy(out->raw[out->n_raw].data, d, dlen);
    out->n_raw++;
    return 0;
}

int
ms_mh_opts_decode_ex(const uint8_t *p, size_t len, size_t start_off, enum ms_fmip_variant v,
                     struct ms_mh_opts *out)
{
    memset(out, 0, sizeof *out);
    if (!ms_fmip_variant_valid((int)v))
        return -EINVAL;
    struct ms__mh_opt_walk w;
    memset(&w, 0, sizeof w);
    w.variant = v;
    w.prev_type = -1;
    size_t i = 0;
    int rc;
    while (i < len) {
        uint8_t t = p[i];
        if (t == MS_MH_OPT_PAD1) {
            /* RFC 6275 s6.2.2: Pad1 has neither Length nor Data. */
            rc = ms__mh_opt_ero_step(t, 0, &w, out);
            if (rc < 0)
                return rc;
            w.prev_type = t;
            i++;
            continue;
        }
        if (len - i < 2)
            return MS_ETRUNC;
        uint8_t olen = p[i + 1];
        size_t dlen = ms__mh_opt_fmip_extent(t, olen, v);
        if (dlen > len - i - 2)
            return MS_EOPT_OVERRUN;
        int len_is_auth = 0;
        if (t == MS_MH_OPT_BADF && i + 2 + dlen != len) {
            /* RFC 5568 s6.4.5, "Option Length: The length of the
             * Authenticator in bytes": when the generic reading (SPI
             * included) does not end the area, try the literal one
             * (docs/WIRE-VARIANTS.md, BADF length). */
            if (len - i - 2 - dlen != 4)
                return MS_EBADF_NOT_LAST;
            len_is_auth = 1;
            dlen += 4;
        }
        int last = (i + 2 + dlen == len);
        rc = ms__mh_opt_ero_step(t, olen, &w, out);
        if (rc < 0)
            return rc;
        rc = decode_one(t, p + i + 2, dlen, olen, start_off + i, last, len_is_auth, &w, out);
        if (rc < 0)
            return rc;
        w.prev_type = t;
        i += 2u + dlen;
    }
    return ms__mh_opt_ero_step(-1, 0, &w, out);
}

int
ms_mh_opts_decode(const uint8_t *p, size_t len, size_t start_off, struct ms_mh_opts *out)
{
    return ms_mh_opts_decode_ex(p, len, start_off, MS_FMIP_RFC5568, out);
}

int
ms_mh_opts_bad_find_ex(const uint8_t *p, size_t len, enum ms_fmip_variant v, size_t *auth_off,
                       size_t *auth_len)
{
    struct ms_mh_opts o; /* about 1.7 KiB, see mh_opt.h "Size" */
    int rc = ms_mh_opts_decode_ex(p, len, 0, v, &o);
    if (rc < 0)
        return rc;
    /* The decoder has checked that BAD or BADF ends the area, so the
     * Authenticator is its last octets (after the SPI, for BADF). */
    if (o.present & MS_MH_OPTS_BAD) {
        *auth_len = o.auth_len;
        *auth_off = len - o.auth_len;
        return 0;
    }
    if (o.present & MS_MH_OPTS_BADF) {
        *auth_len = o.badf_auth_len;
        *auth_off = len - o.badf_auth_len;
        return 0;
    }
    return -ENOENT;
}

int
ms_mh_opts_bad_find(const uint8_t *p, size_t len, size_t *auth_off, size_t *auth_len)
{
    return ms_mh_opts_bad_find_ex(p, len, MS_FMIP_RFC5568, auth_off, auth_len);
}

/* ---- The blob of large payloads ---- */

uint32_t
ms__mh_blob_bit(enum ms_mh_blob which)
{
    switch (which) {
    case MS_MH_BLOB_CGA:
        return MS_MH_OPTS_CGA;
    case MS_MH_BLOB_SIG:
        return MS_MH_OPTS_SIG;
    case MS_MH_BLOB_PHKT:
        return MS_MH_OPTS_PHKT;
    case MS_MH_BLOB_MCAST:
        return MS_MH_OPTS_MCAST;
    case MS_MH_BLOB_MCAST_ACK:
        return MS_MH_OPTS_MCAST_ACK;
    default:
        return 0;
    }
}

size_t
ms__mh_blob_max(enum ms_mh_blob which)
{
    switch (which) {
    case MS_MH_BLOB_CGA:
        return MS_MH_CGA_PARAMS_MAX;
    case MS_MH_BLOB_SIG:
    case MS_MH_BLOB_PHKT:
        return MS_MH_OPT_DATA_MAX;
    case MS_MH_BLOB_MCAST:
    case MS_MH_BLOB_MCAST_ACK:
        return MS_MH_MCAST_PAYLOAD_MAX;
    default:
        return 0;
    }
}

int
ms__mh_blob_ok(const struct ms_mh_opts *o, enum ms_mh_blob which)
{
    const struct ms_mh_opt_span *s = &o->span[which];
    return s->len > 0 && s->len <= ms__mh_blob_max(which) && o->blob_used <= MS_MH_OPTS_BLOB_MAX &&
           (size_t)s->off + s->len <= o->blob_used;
}

int
ms__mh_blob_append(struct ms_mh_opts *o, enum ms_mh_blob which, const uint8_t *d, size_t n)
{
    struct ms_mh_opt_span *s = &o->span[which];
    int cont = (o->present & ms__mh_blob_bit(which)) != 0;
    size_t have = cont ? s->len : 0;
    if (cont && (size_t)s->off + s->len != o->blob_used)
        return -ENOSPC; /* not the last payload: cannot grow in place */
    if (have + n > ms__mh_blob_max(which) || o->blob_used + n > MS_MH_OPTS_BLOB_MAX)
        return -ENOSPC;
    if (!cont)
        s->off = o->blob_used;
    memcpy(o->blob + o->blob_used, d, n);
    o->blob_used = (uint16_t)(o->blob_used + n);
    s->len = (uint16_t)(have + n);
    o->present |= ms__mh_blob_bit(which);
    return 0;
}

/* Removes payload which (present and valid) from the blob, closing the gap. */
static void
blob_remove(struct ms_mh_opts *o, enum ms_mh_blob which)
{
    struct ms_mh_opt_span s = o->span[which];
    memmove(o->blob + s.off, o->blob + s.off + s.len, o->blob_used - s.off - s.len);
    o->blob_used = (uint16_t)(o->blob_used - s.len);
    for (int k = 0; k < MS_MH_BLOB__COUNT; k++) {
        if (k != (int)which && (o->present & ms__mh_blob_bit((enum ms_mh_blob)k)) &&
            o->span[k].off > s.off)
            o->span[k].off = (uint16_t)(o->span[k].off - s.len);
    }
    o->span[which].off = 0;
    o->span[which].len = 0;
    o->present &= ~ms__mh_blob_bit(which);
}

int
ms_mh_opts_blob_set(struct ms_mh_opts *o, enum ms_mh_blob which, const uint8_t *data, size_t len)
{
    if ((int)which < 0 || which >= MS_MH_BLOB__COUNT || len > ms__mh_blob_max(which) ||
        o->blob_used > MS_MH_OPTS_BLOB_MAX)
        return -EINVAL;
    uint32_t bit = ms__mh_blob_bit(which);
    int had = (o->present & bit) != 0;
    if (had && !ms__mh_blob_ok(o, which)) {
        /* A bit set by hand without a payload: treat it as absent. */
        o->present &= ~bit;
        o->span[which].off = 0;
        o->span[which].len = 0;
        had = 0;
    }
    size_t cur = had ? o->span[which].len : 0;
    if (o->blob_used - cur + len > MS_MH_OPTS_BLOB_MAX)
        return -ENOSPC;
    if (had)
        blob_remove(o, which);
    if (len == 0)
        return 0;
    o->span[which].off = o->blob_used;
    o->span[which].len = (uint16_t)len;
    memcpy(o->blob + o->blob_used, data, len);
    o->blob_used = (uint16_t)(o->blob_used + len);
    o->present |= bit;
    return 0;
}

const uint8_t *
ms_mh_opts_blob_get(const struct ms_mh_opts *o, enum ms_mh_blob which, size_t *len)
{
    *len = 0;
    if ((int)which < 0 || which >= MS_MH_BLOB__COUNT || !(o->present & ms__mh_blob_bit(which)) ||
        !ms__mh_blob_ok(o, which))
        return NULL;
    *len = o->span[which].len;
    return o->blob + o->span[which].off;
}

/* ---- Format and equality ---- */

void
ms__mh_opt_app(char *buf, size_t cap, size_t *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t used = *n < cap ? *n : cap;
    int k = vsnprintf(buf ? buf + used : NULL, cap - used, fmt, ap);
    va_end(ap);
    if (k > 0)
        *n += (size_t)k;
}

int
ms_mh_opts_format(const struct ms_mh_opts *o, char *buf, size_t cap)
{
    size_t n = 0;
    char a[INET6_ADDRSTRLEN];

    if (buf && cap)
        buf[0] = '\0';
    if (o->present & MS_MH_OPTS_ALT_COA) {
        inet_ntop(AF_INET6, &o->alt_coa, a, sizeof a);
        ms__mh_opt_app(buf, cap, &n, " altcoa=%s", a);
    }
    if (o->present & MS_MH_OPTS_NONCE)
        ms__mh_opt_app(buf, cap, &n, " nonce=%u/%u", o->home_nonce_index, o->careof_nonce_index);
    if (o->present & MS_MH_OPTS_BRA)
        ms__mh_opt_app(buf, cap, &n, " refresh=%us", (unsigned)o->refresh_s);
    ms__mh_opt_fmip_format(o, buf, cap, &n);
    ms__mh_opt_ero_format(o, buf, cap, &n);
    for (unsigned i = 0; i < o->n_raw && i < MS_MH_OPTS_RAW_MAX; i++)
        ms__mh_opt_app(buf, cap, &n, " opt%u[%u]", o->raw[i].type, o->raw[i].len);
    if (o->present & MS_MH_OPTS_BAD)
        ms__mh_opt_app(buf, cap, &n, " auth[%u]", (unsigned)bad_auth_len(o));
    if (o->present & MS_MH_OPTS_BADF)
        ms__mh_opt_app(buf, cap, &n, " badf[spi=%u auth=%u]", (unsigned)o->badf_spi,
                       (unsigned)(o->badf_auth_len ? o->badf_auth_len : MS_MH_BADF_AUTH_DEFAULT));
    if (o->diag)
        ms__mh_opt_app(buf, cap, &n, " diag=0x%x", (unsigned)o->diag);
    return (int)n;
}

int
ms_mh_opts_equal(const struct ms_mh_opts *a, const struct ms_mh_opts *b)
{
    if (a->present != b->present || a->n_raw != b->n_raw)
        return 0;
    if ((a->present & MS_MH_OPTS_BRA) &&
        refresh_to_wire(a->refresh_s) != refresh_to_wire(b->refresh_s))
        return 0;
    if ((a->present & MS_MH_OPTS_ALT_COA) && memcmp(&a->alt_coa, &b->alt_coa, 16) != 0)
        return 0;
    if ((a->present & MS_MH_OPTS_NONCE) && (a->home_nonce_index != b->home_nonce_index ||
                                            a->careof_nonce_index != b->careof_nonce_index))
        return 0;
    if (a->present & MS_MH_OPTS_BAD) {
        size_t la = bad_auth_len(a), lb = bad_auth_len(b);
        if (la != lb || la > MS_MH_BAD_AUTH_MAX || memcmp(a->auth, b->auth, la) != 0)
            return 0;
    }
    if (a->n_raw > MS_MH_OPTS_RAW_MAX)
        return 0;
    for (unsigned i = 0; i < a->n_raw; i++) {
        const struct ms_mh_opt_raw *x = &a->raw[i], *y = &b->raw[i];
        if (x->type != y->type || x->len != y->len || x->len > MS_MH_OPT_RAW_DATA_MAX ||
            memcmp(x->data, y->data, x->len) != 0)
            return 0;
    }
    return ms__mh_opt_fmip_equal(a, b) && ms__mh_opt_ero_equal(a, b);
}
