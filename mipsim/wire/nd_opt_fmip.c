/* FMIPv6 Neighbor Discovery options: 17 IP Address/Prefix (RFC 5568 s6.4.1;
 * RFC 4068 s6.4.1 "IP Address"), 18 New Router Prefix Information (RFC 4068
 * s6.4.2 only), 19 Link-Layer Address (RFC 5568 s6.4.3; RFC 4068 s6.4.3),
 * 20 Neighbor Advertisement Acknowledgment (RFC 5568 s6.4.6; RFC 4068
 * s6.4.5), and the per-variant check of their codes.  Layouts are the same
 * in every generation; only the defined Option-Code and Status values
 * differ (CODEPOINTS.md s9.1, s9.2, s9.7, s10). */
#include "wire/nd_opt.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include "wire/bytes.h"
#include "wire/err.h"

#define IPADDR_LEN8 3u     /* RFC 5568 s6.4.1, RFC 4068 s6.4.1-6.4.2: 24 octets */
#define NAACK_LEN8 1u      /* RFC 5568 s6.4.6: "The length is 1 when a new CoA is not supplied" */
#define NAACK_NCOA_LEN8 3u /* "The length is 3 when a new CoA is present" */
#define LLA_HDR 3u         /* Type, Length, Option-Code */

static size_t
round8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

static struct ms_nd_opt_fmip *
slot(struct ms_nd_opts *o)
{
    if (o->n_fmip >= MS_ND_OPTS_MAX_FMIP) {
        o->n_dropped++;
        return NULL;
    }
    struct ms_nd_opt_fmip *e = &o->fmip[o->n_fmip++];
    memset(e, 0, sizeof(*e));
    return e;
}

/* RFC 5568 s6.4.1 IP Address/Prefix Option (RFC 4068 s6.4.1 IP Address
 * Option has the same figure) and RFC 4068 s6.4.2 New Router Prefix
 * Information Option:
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  Type (17/18) |   Length (3)  | Option-Code   | Prefix Length |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                             Reserved                          |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                                                               |
 *   +                   IPv6 Address / Prefix (128)                 +
 *   |                                                               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
static int
dec_ipaddr(const uint8_t *p, size_t olen, struct ms_nd_opts *o)
{
    if (olen != IPADDR_LEN8 * 8)
        return MS_EBAD_OPTLEN;
    struct ms_nd_opt_fmip *e = slot(o);
    if (e == NULL)
        return 0;
    e->type = p[0];
    e->code = p[2];
    e->prefix_len = p[3];
    memcpy(e->u.addr.s6_addr, p + 8, 16); /* Reserved (p + 4) is ignored */
    return 0;
}

/* RFC 5568 s6.4.3 / RFC 4068 s6.4.3 Link-Layer Address Option:
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |   Type (19)   |    Length     |  Option-Code  |       LLA...
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * "The LLA option does not have a length field for the LLA itself" and
 * "appropriate padding MUST be used": the octets after the Option-Code are
 * kept whole (address and padding). */
static int
dec_lla(const uint8_t *p, size_t olen, struct ms_nd_opts *o)
{
    if (olen - LLA_HDR > MS_ND_OPT_LLA_MAX) {
        o->n_dropped++;
        return 0;
    }
    struct ms_nd_opt_fmip *e = slot(o);
    if (e == NULL)
        return 0;
    e->type = p[0];
    e->code = p[2];
    e->len = (uint8_t)(olen - LLA_HDR);
    memcpy(e->u.b, p + LLA_HDR, e->len);
    return 0;
}

/* RFC 5568 s6.4.6 (RFC 4068 s6.4.5, RFC 5268 s6.5.5) NAACK:
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |   Type (20)   |  Length (1/3) | Option-Code   |    Status     |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                             Reserved                          |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                  (Length 3) NCoA (128) ...                    |
 *
 * The trailing NCoA is a bare address (see struct ms_nd_opt_naack). */
static int
dec_naack(const uint8_t *p, size_t olen, struct ms_nd_opts *o)
{
    if (olen != NAACK_LEN8 * 8 && olen != NAACK_NCOA_LEN8 * 8)
        return MS_EBAD_OPTLEN;
    if (ms_nd_opts_has(o, MS_ND_OPT_NAACK)) {
        o->n_dropped++;
        return 0;
    }
    o->naack.code = p[2];
    o->naack.status = p[3];
    o->naack.has_ncoa = olen == NAACK_NCOA_LEN8 * 8;
    if (o->naack.has_ncoa)
        memcpy(o->naack.ncoa.s6_addr, p + 8, 16);
    ms_nd_opts_set(o, MS_ND_OPT_NAACK);
    return 0;
}

int
ms__nd_fmip_decode(const uint8_t *p, size_t olen, struct ms_nd_opts *o)
{
    switch (p[0]) {
    case MS_ND_OPT_LLA:
        return dec_lla(p, olen, o);
    case MS_ND_OPT_NAACK:
        return dec_naack(p, olen, o);
    default: /* MS_ND_OPT_IP_ADDR_PREFIX, MS_ND_OPT_NEW_ROUTER_PREFIX */
        return dec_ipaddr(p, olen, o);
    }
}

/* Octets of one fmip[] entry on the wire. */
static size_t
entry_olen(const struct ms_nd_opt_fmip *e)
{
    switch (e->type) {
    case MS_ND_OPT_LLA:
        return round8(LLA_HDR + e->len);
    case MS_ND_OPT_HANDOVER_ASSIST:
        return ms__nd_hai_olen(e);
    default:
        return IPADDR_LEN8 * 8;
    }
}

size_t
ms__nd_fmip_len(const struct ms_nd_opts *o)
{
    size_t n = 0;
    for (unsigned i = 0; i < o->n_fmip && i < MS_ND_OPTS_MAX_FMIP; i++)
        n += entry_olen(&o->fmip[i]);
    if (ms_nd_opts_has(o, MS_ND_OPT_NAACK))
        n += (o->naack.has_ncoa ? NAACK_NCOA_LEN8 : NAACK_LEN8) * 8;
    return n;
}

int
ms__nd_fmip_check(const struct ms_nd_opts *o)
{
    if (o->n_fmip > MS_ND_OPTS_MAX_FMIP)
        return -EINVAL;
    for (unsigned i = 0; i < o->n_fmip; i++) {
        const struct ms_nd_opt_fmip *e = &o->fmip[i];
        switch (e->type) {
        case MS_ND_OPT_IP_ADDR_PREFIX:
        case MS_ND_OPT_NEW_ROUTER_PREFIX:
            break;
        case MS_ND_OPT_LLA:
            if (e->len > MS_ND_OPT_LLA_MAX)
                return -EINVAL;
            break;
        case MS_ND_OPT_HANDOVER_ASSIST:
            if (e->len > MS_ND_OPT_HAI_MAX)
                return -EINVAL;
            break;
        default:
            return -EINVAL;
        }
    }
    return 0;
}

uint8_t *
ms__nd_fmip_encode(uint8_t *p, const struct ms_nd_opts *o)
{
    for (unsigned i = 0; i < o->n_fmip; i++) {
        const struct ms_nd_opt_fmip *e = &o->fmip[i];
        if (e->type == MS_ND_OPT_HANDOVER_ASSIST) {
            p = ms__nd_hai_encode(p, e);
            continue;
        }
        size_t olen = entry_olen(e);
        p[0] = e->type;
        p[1] = (uint8_t)(olen / 8);
        p[2] = e->code;
        if (e->type == MS_ND_OPT_LLA) {
            memcpy(p + LLA_HDR, e->u.b, e->len);
        } else {
            p[3] = e->prefix_len;
            memcpy(p + 8, e->u.addr.s6_addr, 16);
        }
        p += olen;
    }
    return p;
}

uint8_t *
ms__nd_naack_encode(uint8_t *p, const struct ms_nd_opts *o)
{
    if (!ms_nd_opts_has(o, MS_ND_OPT_NAACK))
        return p;
    size_t len8 = o->naack.has_ncoa ? NAACK_NCOA_LEN8 : NAACK_LEN8;
    p[0] = MS_ND_OPT_NAACK;
    p[1] = (uint8_t)len8;
    p[2] = o->naack.code;
    p[3] = o->naack.status;
    if (o->naack.has_ncoa)
        memcpy(p + 8, o->naack.ncoa.s6_addr, 16);
    return p + len8 * 8;
}

/* --- helpers -------------------------------------------------------------- */

struct ms_nd_opt_fmip *
ms_nd_opts_add_ipaddr(struct ms_nd_opts *o, uint8_t type, uint8_t code, uint8_t prefix_len,
                      const struct in6_addr *addr)
{
    if (o->n_fmip >= MS_ND_OPTS_MAX_FMIP ||
        (type != MS_ND_OPT_IP_ADDR_PREFIX && type != MS_ND_OPT_NEW_ROUTER_PREFIX))
        return NULL;
    struct ms_nd_opt_fmip *e = &o->fmip[o->n_fmip++];
    memset(e, 0, sizeof(*e));
    e->type = type;
    e->code = code;
    e->prefix_len = prefix_len;
    e->u.addr = *addr;
    return e;
}

struct ms_nd_opt_fmip *
ms_nd_opts_add_lla(struct ms_nd_opts *o, uint8_t code, const uint8_t *lla, size_t len)
{
    if (o->n_fmip >= MS_ND_OPTS_MAX_FMIP || len > MS_ND_OPT_LLA_MAX || (lla == NULL && len > 0))
        return NULL;
    struct ms_nd_opt_fmip *e = &o->fmip[o->n_fmip++];
    memset(e, 0, sizeof(*e));
    e->type = MS_ND_OPT_LLA;
    e->code = code;
    e->len = (uint8_t)len;
    if (len > 0)
        memcpy(e->u.b, lla, len);
    return e;
}

const struct ms_nd_opt_fmip *
ms_nd_opts_find_fmip(const struct ms_nd_opts *o, uint8_t type, uint8_t code, unsigned *from)
{
    for (unsigned i = from ? *from : 0; i < o->n_fmip && i < MS_ND_OPTS_MAX_FMIP; i++) {
        if (o->fmip[i].type == type && o->fmip[i].code == code) {
            if (from)
                *from = i + 1;
            return &o->fmip[i];
        }
    }
    if (from)
        *from = o->n_fmip;
    return NULL;
}

int
ms_nd_opt_fmip_mac(const struct ms_nd_opt_fmip *e, struct ms_mac *mac)
{
    if (e->type != MS_ND_OPT_LLA || e->len < MS_ETH_ALEN)
        return MS_EBAD_LEN;
    memcpy(mac->b, e->u.b, MS_ETH_ALEN);
    return 0;
}

/* --- variant check -------------------------------------------------------- */

#define NAME_CASE(name, num, desc, rfc)                                                            \
    case (num):                                                                                    \
        return desc;

const char *
ms_nd_naack_status_name(enum ms_fmip_variant gen, unsigned status)
{
    if (gen == MS_FMIP_RFC4068) {
        switch (status) {
            MS_NAACK4068_STATUS_MAP(NAME_CASE)
        default:
            return NULL;
        }
    }
    switch (status) {
        MS_NAACK_STATUS_MAP(NAME_CASE)
    default:
        return NULL;
    }
}

static uint32_t
check_entry(const struct ms_nd_opt_fmip *e, enum ms_fmip_variant gen)
{
    switch (e->type) {
    case MS_ND_OPT_NEW_ROUTER_PREFIX: {
        /* RFC 4068 s6.4.2 "Option-Code 0"; RFC 5568 App. C: combined into 17. */
        uint32_t w = gen == MS_FMIP_RFC4068 ? 0 : MS_FMIP_WARN_OPT18;
        return e->code != 0 ? w | MS_FMIP_WARN_IPADDR_CODE : w;
    }
    case MS_ND_OPT_IP_ADDR_PREFIX:
        /* RFC 4068 s6.4.1 defines codes 1-3; RFC 5268/5568 add 4 (NAR prefix). */
        if (e->code < MS_IPADDR_OLD_COA || e->code > MS_IPADDR_NAR_PREFIX ||
            (gen == MS_FMIP_RFC4068 && e->code == MS_IPADDR_NAR_PREFIX))
            return MS_FMIP_WARN_IPADDR_CODE;
        return 0;
    case MS_ND_OPT_LLA:
        return e->code > MS_LLA_NO_FAST_HANDOVER ? MS_FMIP_WARN_LLA_CODE : 0;
    case MS_ND_OPT_HANDOVER_ASSIST:
        return e->code == MS_HAI_ANID || e->code == MS_HAI_SECTOR_ID ? 0 : MS_FMIP_WARN_OPT_CODE;
    default:
        return 0;
    }
}

uint32_t
ms_nd_opts_fmip_check(const struct ms_nd_opts *o, enum ms_fmip_variant gen)
{
    uint32_t w = 0;
    for (unsigned i = 0; i < o->n_fmip && i < MS_ND_OPTS_MAX_FMIP; i++)
        w |= check_entry(&o->fmip[i], gen);
    if (ms_nd_opts_has(o, MS_ND_OPT_NAACK)) {
        const struct ms_nd_opt_naack *a = &o->naack;
        if (ms_nd_naack_status_name(gen, a->status) == NULL)
            w |= MS_FMIP_WARN_NAACK_STATUS;
        /* Status 2 (the same number in both tables) needs the NCoA, either
         * inside the option (Length 3) or as a New CoA option 17. */
        if (a->status == MS_NAACK_NCOA_INVALID_USE_SUPPLIED && !a->has_ncoa &&
            ms_nd_opts_find_fmip(o, MS_ND_OPT_IP_ADDR_PREFIX, MS_IPADDR_NEW_COA, NULL) == NULL)
            w |= MS_FMIP_WARN_NAACK_NCOA;
        if (a->code != 0) /* RFC 5568 s6.4.6, RFC 4068 s6.4.5: "Option-Code: 0" */
            w |= MS_FMIP_WARN_OPT_CODE;
    }
    if (ms_nd_opts_has(o, MS_ND_OPT_MN_ID) && o->mnid.code != MS_ND_MNID_NAI &&
        o->mnid.code != MS_ND_MNID_IMSI)
        w |= MS_FMIP_WARN_OPT_CODE;
    return w;
}

/* --- formatting ----------------------------------------------------------- */

static void
fmt_hex(struct ms__nd_fmt *f, const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        ms__nd_fmt_add(f, "%s%02x", i ? ":" : "", b[i]);
}

void
ms__nd_fmip_format(struct ms__nd_fmt *f, const struct ms_nd_opts *o)
{
    for (unsigned i = 0; i < o->n_fmip && i < MS_ND_OPTS_MAX_FMIP; i++) {
        const struct ms_nd_opt_fmip *e = &o->fmip[i];
        char a[INET6_ADDRSTRLEN];
        switch (e->type) {
        case MS_ND_OPT_LLA:
            ms__nd_fmt_add(f, " lla%u=", (unsigned)e->code);
            fmt_hex(f, e->u.b, e->len);
            break;
        case MS_ND_OPT_HANDOVER_ASSIST:
            ms__nd_fmt_add(f, " hai%u=", (unsigned)e->code);
            fmt_hex(f, e->u.b, e->len);
            break;
        default:
            inet_ntop(AF_INET6, &e->u.addr, a, sizeof(a));
            ms__nd_fmt_add(f, " %s%u=%s/%u", e->type == MS_ND_OPT_IP_ADDR_PREFIX ? "ip" : "nrpi",
                           (unsigned)e->code, a, (unsigned)e->prefix_len);
            break;
        }
    }
}

void
ms__nd_naack_format(struct ms__nd_fmt *f, const struct ms_nd_opts *o)
{
    if (!ms_nd_opts_has(o, MS_ND_OPT_NAACK))
        return;
    ms__nd_fmt_add(f, " naack=%u", (unsigned)o->naack.status);
    if (o->naack.has_ncoa) {
        char a[INET6_ADDRSTRLEN];
        inet_ntop(AF_INET6, &o->naack.ncoa, a, sizeof(a));
        ms__nd_fmt_add(f, ",ncoa=%s", a);
    }
}
