/* HMIPv6 MAP option (ND 23: RFC 5380 s5, the same layout as RFC 4140 s5)
 * and the RFC 5271 s6 options for 3G CDMA: 29 Handover Assist Information,
 * 30 Mobile Node Identifier. */
#include "wire/nd_opt.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include "wire/bytes.h"
#include "wire/err.h"

#define MAP_LEN8 3u /* RFC 5380 s5: "MUST be set to 3" */
#define TLV_HDR 4u  /* Type, Length, Option-Code, HAI-Length / MN ID-Length */

static size_t
round8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

/* RFC 5380 s5 (RFC 4140 s5) MAP option:
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |    Length     |  Dist |  Pref |R|  Reserved   |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                      Valid Lifetime                           |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                                                               |
 *   +                  Global IP Address for MAP                    +
 *   |                                                               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The two RFCs differ in what Dist, R and Valid Lifetime mean
 * (CODEPOINTS.md s11.1), not in the bits. */
static int
dec_map(const uint8_t *p, size_t olen, struct ms_nd_opts *o)
{
    if (olen != MAP_LEN8 * 8)
        return MS_EBAD_OPTLEN;
    if (o->n_map >= MS_ND_OPTS_MAX_MAP) {
        o->n_dropped++;
        return 0;
    }
    struct ms_nd_opt_map *m = &o->map[o->n_map++];
    m->dist = p[2] >> 4;
    m->pref = p[2] & 0x0f;
    m->flags = p[3];
    m->valid_s = ms_rd32(p + 4);
    memcpy(m->addr.s6_addr, p + 8, 16);
    return 0;
}

/* RFC 5271 s6.2 Mobile Node Identifier Option:
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +---------------+---------------+---------------+---------------+
 *   |      Type     |     Length    |   Option-Code |  MN ID-Length |
 *   +---------------------------------------------------------------+
 *   |               MN ID ...
 *   +-----------------------------
 */
static int
dec_mnid(const uint8_t *p, size_t olen, struct ms_nd_opts *o)
{
    size_t idlen = p[3];
    if (TLV_HDR + idlen > olen)
        return MS_EBAD_LEN;
    if (ms_nd_opts_has(o, MS_ND_OPT_MN_ID) || idlen > MS_ND_OPT_MNID_MAX) {
        o->n_dropped++;
        return 0;
    }
    o->mnid.code = p[2];
    o->mnid.len = (uint8_t)idlen;
    memcpy(o->mnid.id, p + TLV_HDR, idlen);
    ms_nd_opts_set(o, MS_ND_OPT_MN_ID);
    return 0;
}

int
ms__nd_misc_decode(const uint8_t *p, size_t olen, struct ms_nd_opts *o)
{
    return p[0] == MS_ND_OPT_MAP ? dec_map(p, olen, o) : dec_mnid(p, olen, o);
}

/* RFC 5271 s6.1 Handover Assist Information Option, an fmip[] entry
 * because it may stand in for a New AP LLA inside a PrRtAdv tuple:
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |    Type       |    Length     |  Option-Code  |   HAI-Length  |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                HAI-Value...
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-
 *
 * "The HAI-Length is used to disambiguate the size of the HAI-Value"; the
 * padding after it is ignored. */
int
ms__nd_hai_decode(const uint8_t *p, size_t olen, struct ms_nd_opts *o)
{
    size_t vlen = p[3];
    if (TLV_HDR + vlen > olen)
        return MS_EBAD_LEN;
    if (vlen > MS_ND_OPT_HAI_MAX || o->n_fmip >= MS_ND_OPTS_MAX_FMIP) {
        o->n_dropped++;
        return 0;
    }
    struct ms_nd_opt_fmip *e = &o->fmip[o->n_fmip++];
    memset(e, 0, sizeof(*e));
    e->type = MS_ND_OPT_HANDOVER_ASSIST;
    e->code = p[2];
    e->len = (uint8_t)vlen;
    memcpy(e->u.b, p + TLV_HDR, vlen);
    return 0;
}

size_t
ms__nd_hai_olen(const struct ms_nd_opt_fmip *e)
{
    return round8(TLV_HDR + e->len);
}

uint8_t *
ms__nd_hai_encode(uint8_t *p, const struct ms_nd_opt_fmip *e)
{
    size_t olen = ms__nd_hai_olen(e);
    p[0] = MS_ND_OPT_HANDOVER_ASSIST;
    p[1] = (uint8_t)(olen / 8);
    p[2] = e->code;
    p[3] = e->len;
    memcpy(p + TLV_HDR, e->u.b, e->len);
    return p + olen;
}

struct ms_nd_opt_fmip *
ms_nd_opts_add_hai(struct ms_nd_opts *o, uint8_t code, const uint8_t *value, size_t len)
{
    if (o->n_fmip >= MS_ND_OPTS_MAX_FMIP || len > MS_ND_OPT_HAI_MAX || (value == NULL && len > 0))
        return NULL;
    struct ms_nd_opt_fmip *e = &o->fmip[o->n_fmip++];
    memset(e, 0, sizeof(*e));
    e->type = MS_ND_OPT_HANDOVER_ASSIST;
    e->code = code;
    e->len = (uint8_t)len;
    if (len > 0)
        memcpy(e->u.b, value, len);
    return e;
}

size_t
ms__nd_misc_len(const struct ms_nd_opts *o)
{
    size_t n =
        (size_t)(o->n_map <= MS_ND_OPTS_MAX_MAP ? o->n_map : MS_ND_OPTS_MAX_MAP) * MAP_LEN8 * 8;
    if (ms_nd_opts_has(o, MS_ND_OPT_MN_ID))
        n += round8(TLV_HDR + o->mnid.len);
    return n;
}

int
ms__nd_misc_check(const struct ms_nd_opts *o)
{
    if (o->n_map > MS_ND_OPTS_MAX_MAP)
        return -EINVAL;
    for (unsigned i = 0; i < o->n_map; i++)
        if (o->map[i].dist > 0x0f || o->map[i].pref > 0x0f) /* 4-bit fields */
            return -EINVAL;
    if (ms_nd_opts_has(o, MS_ND_OPT_MN_ID) && o->mnid.len > MS_ND_OPT_MNID_MAX)
        return -EINVAL;
    return 0;
}

uint8_t *
ms__nd_misc_encode(uint8_t *p, const struct ms_nd_opts *o)
{
    for (unsigned i = 0; i < o->n_map; i++) {
        const struct ms_nd_opt_map *m = &o->map[i];
        p[0] = MS_ND_OPT_MAP;
        p[1] = MAP_LEN8;
        p[2] = (uint8_t)((m->dist << 4) | m->pref);
        p[3] = m->flags;
        ms_wr32(p + 4, m->valid_s);
        memcpy(p + 8, m->addr.s6_addr, 16);
        p += MAP_LEN8 * 8;
    }
    return p;
}

/* Written before fmip[]: RFC 5271 s6.2 lets it replace the MN LLA, the first
 * option of an HI. */
uint8_t *
ms__nd_mnid_encode(uint8_t *p, const struct ms_nd_opts *o)
{
    if (ms_nd_opts_has(o, MS_ND_OPT_MN_ID)) {
        size_t olen = round8(TLV_HDR + o->mnid.len);
        p[0] = MS_ND_OPT_MN_ID;
        p[1] = (uint8_t)(olen / 8);
        p[2] = o->mnid.code;
        p[3] = o->mnid.len;
        memcpy(p + TLV_HDR, o->mnid.id, o->mnid.len);
        p += olen;
    }
    return p;
}

void
ms__nd_misc_format(struct ms__nd_fmt *f, const struct ms_nd_opts *o)
{
    for (unsigned i = 0; i < o->n_map && i < MS_ND_OPTS_MAX_MAP; i++) {
        const struct ms_nd_opt_map *m = &o->map[i];
        char a[INET6_ADDRSTRLEN];
        inet_ntop(AF_INET6, &m->addr, a, sizeof(a));
        ms__nd_fmt_add(f, " map=%s,dist=%u,pref=%u%s,v=%lu", a, (unsigned)m->dist,
                       (unsigned)m->pref, (m->flags & MS_MAP_F_R) ? ",R" : "",
                       (unsigned long)m->valid_s);
    }
    if (ms_nd_opts_has(o, MS_ND_OPT_MN_ID)) {
        ms__nd_fmt_add(f, " mnid%u=", (unsigned)o->mnid.code);
        for (unsigned i = 0; i < o->mnid.len && i < MS_ND_OPT_MNID_MAX; i++) {
            uint8_t c = o->mnid.id[i];
            if (c >= 0x21 && c < 0x7f)
                ms__nd_fmt_add(f, "%c", c);
            else
                ms__nd_fmt_add(f, "\\x%02x", c);
        }
    }
}
