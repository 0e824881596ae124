/* Mobility options (RFC 6275 s6.2): encode with alignment padding, decode
 * with bounds checks, keep unknown options raw.  Contract in mh_opt.h. */
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
        return 1;
    default:
        return 0;
    }
}

static int
validate(const struct ms_mh_opts *o)
{
    if ((o->present & MS_MH_OPTS_BAD) && o->auth_len > MS_MH_BAD_AUTH_MAX)
        return -EINVAL;
    if (o->n_raw > MS_MH_OPTS_RAW_MAX)
        return -EINVAL;
    for (unsigned i = 0; i < o->n_raw; i++) {
        if (o->raw[i].len > MS_MH_OPT_RAW_DATA_MAX || interpreted(o->raw[i].type))
            return -EINVAL;
    }
    return 0;
}

static size_t
bad_auth_len(const struct ms_mh_opts *o)
{
    return o->auth_len ? o->auth_len : MS_MH_BAD_AUTH_DEFAULT;
}

/* Octets to add at absolute offset off so that the next option's Type
 * octet sits at xn+y (y < x). */
static size_t
pad_for(size_t off, size_t x, size_t y)
{
    return (x + y - off % x) % x;
}

/* RFC 6275 s6.2.2-6.2.3: one octet is Pad1; N >= 2 octets is PadN with
 * Option Length N-2 and zero data. */
static void
put_pad(uint8_t *b, size_t n)
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
layout(const struct ms_mh_opts *o, size_t start, uint8_t *buf)
{
    size_t off = start;
    size_t n;
#define AT(x) (buf ? buf + ((x) - start) : NULL)

    if (o->present & MS_MH_OPTS_ALT_COA) {
        /* RFC 6275 s6.2.5: alignment 8n+6, so the address is 8-aligned. */
        n = pad_for(off, 8, 6);
        put_pad(AT(off), n);
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
        n = pad_for(off, 2, 0);
        put_pad(AT(off), n);
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
        n = pad_for(off, 2, 0);
        put_pad(AT(off), n);
        off += n;
        if (buf) {
            AT(off)[0] = MS_MH_OPT_BRA;
            AT(off)[1] = BRA_LEN;
            ms_wr16(AT(off) + 2, refresh_to_wire(o->refresh_s));
        }
        off += 2 + BRA_LEN;
    }
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
        n = pad_for(off + 2 + alen, 8, 0);
        put_pad(AT(off), n);
        off += n;
        if (buf) {
            AT(off)[0] = MS_MH_OPT_BAD;
            AT(off)[1] = (uint8_t)alen;
            memcpy(AT(off) + 2, o->auth, alen);
        }
        off += 2 + alen;
    } else {
        /* RFC 6275 s6.1.1: the MH is a multiple of 8 octets. */
        n = pad_for(off, 8, 0);
        put_pad(AT(off), n);
        off += n;
    }
#undef AT
    return off - start;
}

size_t
ms_mh_opts_len(const struct ms_mh_opts *o, size_t start_off)
{
    if (validate(o) < 0)
        return (size_t)-1;
    return layout(o, start_off, NULL);
}

int
ms_mh_opts_encode(const struct ms_mh_opts *o, size_t start_off, uint8_t *buf, size_t cap)
{
    int rc = validate(o);
    if (rc < 0)
        return rc;
    size_t n = layout(o, start_off, NULL);
    if (n > cap)
        return -EMSGSIZE;
    layout(o, start_off, buf);
    return (int)n;
}

/* Records a known option, or flags it as a duplicate (the first is kept). */
static int
first_time(struct ms_mh_opts *out, uint32_t bit)
{
    if (out->present & bit) {
        out->diag |= MS_MH_DIAG_DUP_OPT;
        return 0;
    }
    out->present |= bit;
    return 1;
}

static void
check_align(struct ms_mh_opts *out, size_t abs, size_t x, size_t y)
{
    if (abs % x != y)
        out->diag |= MS_MH_DIAG_MISALIGNED;
}

/* One option of olen data octets at d, whose Type octet is at absolute
 * offset abs; last says whether it ends the options area. */
static int
decode_one(uint8_t t, const uint8_t *d, uint8_t olen, size_t abs, int last,
           struct ms_mh_opts *out)
{
    switch (t) {
    case MS_MH_OPT_PADN:
        /* RFC 6275 s6.2.3: PadN data MUST be ignored by the receiver. */
        for (unsigned i = 0; i < olen; i++) {
            if (d[i])
                out->diag |= MS_MH_DIAG_PAD_NONZERO;
        }
        return 0;
    case MS_MH_OPT_BRA:
        if (olen != BRA_LEN)
            return MS_EBAD_OPTLEN;
        check_align(out, abs, 2, 0);
        if (first_time(out, MS_MH_OPTS_BRA))
            out->refresh_s = (uint32_t)ms_rd16(d) * 4u;
        return 0;
    case MS_MH_OPT_ALT_COA:
        if (olen != ALT_COA_LEN)
            return MS_EBAD_OPTLEN;
        check_align(out, abs, 8, 6);
        if (first_time(out, MS_MH_OPTS_ALT_COA))
            memcpy(out->alt_coa.s6_addr, d, 16);
        return 0;
    case MS_MH_OPT_NONCE_INDICES:
        if (olen != NONCE_LEN)
            return MS_EBAD_OPTLEN;
        check_align(out, abs, 2, 0);
        if (first_time(out, MS_MH_OPTS_NONCE)) {
            out->home_nonce_index = ms_rd16(d);
            out->careof_nonce_index = ms_rd16(d + 2);
        }
        return 0;
    case MS_MH_OPT_BAD:
        if (olen == 0)
            return MS_EZERO_OPTLEN;
        if (olen > MS_MH_BAD_AUTH_MAX)
            return MS_EBAD_OPTLEN;
        /* RFC 6275 s6.2: last option, no trailing padding. */
        if (!last)
            return MS_EBADF_NOT_LAST;
        check_align(out, abs, 8, 2);
        out->present |= MS_MH_OPTS_BAD;
        out->auth_len = olen;
        memcpy(out->auth, d, olen);
        return 0;
    default:
        /* RFC 6275 s6.2.1: unrecognized options are skipped; keep what fits
         * so that it round-trips. */
        if (out->n_raw >= MS_MH_OPTS_RAW_MAX || olen > MS_MH_OPT_RAW_DATA_MAX) {
            out->diag |= MS_MH_DIAG_RAW_DROPPED;
            return 0;
        }
        out->raw[out->n_raw].type = t;
        out->raw[out->n_raw].len = olen;
        memcpy(out->raw[out->n_raw].data, d, olen);
        out->n_raw++;
        return 0;
    }
}

int
ms_mh_opts_decode(const uint8_t *p, size_t len, size_t start_off, struct ms_mh_opts *out)
{
    memset(out, 0, sizeof *out);
    size_t i = 0;
    while (i < len) {
        uint8_t t = p[i];
        if (t == MS_MH_OPT_PAD1) {
            /* RFC 6275 s6.2.2: Pad1 has neither Length nor Data. */
            i++;
            continue;
        }
        if (len - i < 2)
            return MS_ETRUNC;
        uint8_t olen = p[i + 1];
        if (olen > len - i - 2)
            return MS_EOPT_OVERRUN;
        int last = (i + 2 + olen == len);
        int rc = decode_one(t, p + i + 2, olen, start_off + i, last, out);
        if (rc < 0)
            return rc;
        i += 2u + olen;
    }
    return 0;
}

int
ms_mh_opts_bad_find(const uint8_t *p, size_t len, size_t *auth_off, size_t *auth_len)
{
    struct ms_mh_opts o;
    int rc = ms_mh_opts_decode(p, len, 0, &o);
    if (rc < 0)
        return rc;
    if (!(o.present & MS_MH_OPTS_BAD))
        return -ENOENT;
    /* The decoder has checked that BAD ends the area. */
    *auth_len = o.auth_len;
    *auth_off = len - o.auth_len;
    return 0;
}

__attribute__((format(printf, 4, 5))) static void
app(char *buf, size_t cap, size_t *n, const char *fmt, ...)
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
        app(buf, cap, &n, " altcoa=%s", a);
    }
    if (o->present & MS_MH_OPTS_NONCE)
        app(buf, cap, &n, " nonce=%u/%u", o->home_nonce_index, o->careof_nonce_index);
    if (o->present & MS_MH_OPTS_BRA)
        app(buf, cap, &n, " refresh=%us", (unsigned)o->refresh_s);
    for (unsigned i = 0; i < o->n_raw && i < MS_MH_OPTS_RAW_MAX; i++)
        app(buf, cap, &n, " opt%u[%u]", o->raw[i].type, o->raw[i].len);
    if (o->present & MS_MH_OPTS_BAD)
        app(buf, cap, &n, " auth[%u]", (unsigned)bad_auth_len(o));
    if (o->diag)
        app(buf, cap, &n, " diag=0x%x", (unsigned)o->diag);
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
    return 1;
}
