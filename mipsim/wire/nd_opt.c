/* Neighbor Discovery options: RFC 4861 s4.6 and RFC 6275 s7.2-7.4; the
 * option walk, encode order and formatting for every family (nd_opt.h). */
#include "wire/nd_opt.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "wire/bytes.h"
#include "wire/err.h"

/* The fixed Length (8-octet units) of the typed options; 0 = variable. */
#define LLA_LEN8 1u /* RFC 2464 s8: Ethernet, 6-octet address + Type/Length */
#define PI_LEN8 4u  /* RFC 4861 s4.6.2 */
#define MTU_LEN8 1u /* RFC 4861 s4.6.4 */
#define AI_LEN8 1u  /* RFC 6275 s7.3 */
#define HAI_LEN8 1u /* RFC 6275 s7.4 */

bool
ms_nd_opt_is_typed(uint8_t type)
{
    switch (type) {
    case MS_ND_OPT_SLLA:
    case MS_ND_OPT_TLLA:
    case MS_ND_OPT_PREFIX_INFO:
    case MS_ND_OPT_REDIRECTED_HDR:
    case MS_ND_OPT_MTU:
    case MS_ND_OPT_ADV_INTERVAL:
    case MS_ND_OPT_HA_INFO:
    case MS_ND_OPT_CGA:
    case MS_ND_OPT_RSA_SIG:
    case MS_ND_OPT_TIMESTAMP:
    case MS_ND_OPT_NONCE:
    case MS_ND_OPT_TRUST_ANCHOR:
    case MS_ND_OPT_CERTIFICATE:
    case MS_ND_OPT_IP_ADDR_PREFIX:
    case MS_ND_OPT_NEW_ROUTER_PREFIX:
    case MS_ND_OPT_LLA:
    case MS_ND_OPT_NAACK:
    case MS_ND_OPT_MAP:
    case MS_ND_OPT_HK_REQUEST:
    case MS_ND_OPT_HK_REPLY:
    case MS_ND_OPT_HANDOVER_ASSIST:
    case MS_ND_OPT_MN_ID:
        return true;
    default:
        return false;
    }
}

/* RFC 4861 s4.6.1 Source/Target Link-layer Address (Ethernet):
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |    Length     |    Link-Layer Address ...
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
static int
dec_lla(const uint8_t *p, size_t olen, struct ms_nd_opts *o, struct ms_mac *mac)
{
    if (olen != LLA_LEN8 * 8)
        return MS_EBAD_OPTLEN;
    if (ms_nd_opts_has(o, p[0])) {
        o->n_dropped++;
        return 0;
    }
    memcpy(mac->b, p + 2, MS_ETH_ALEN);
    ms_nd_opts_set(o, p[0]);
    return 0;
}

/* RFC 4861 s4.6.2 Prefix Information, with RFC 6275 s7.2's R flag:
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |    Length     | Prefix Length |L|A|R|Reserved1|
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                         Valid Lifetime                        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                       Preferred Lifetime                      |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                           Reserved2                           |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                                                               |
 *   +                            Prefix (128)                       +
 *   |                                                               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
static int
dec_pi(const uint8_t *p, size_t olen, struct ms_nd_opts *o)
{
    if (olen != PI_LEN8 * 8)
        return MS_EBAD_OPTLEN;
    if (o->n_pi >= MS_ND_OPTS_MAX_PI) {
        o->n_dropped++;
        return 0;
    }
    struct ms_nd_opt_pi *pi = &o->pi[o->n_pi++];
    pi->prefix_len = p[2];
    pi->flags = p[3];
    pi->valid_s = ms_rd32(p + 4);
    pi->preferred_s = ms_rd32(p + 8);
    memcpy(pi->prefix.s6_addr, p + 16, 16);
    return 0;
}

/* RFC 4861 s4.6.3 Redirected Header:
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |    Length     |            Reserved           |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                           Reserved                            |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   ~                       IP header + data                        ~
 */
static int
dec_rh(size_t off, size_t olen, struct ms_nd_opts *o)
{
    if (ms_nd_opts_has(o, MS_ND_OPT_REDIRECTED_HDR)) {
        o->n_dropped++;
        return 0;
    }
    o->rh.off = off + 8;
    o->rh.len = olen - 8;
    o->rh.data = NULL;
    ms_nd_opts_set(o, MS_ND_OPT_REDIRECTED_HDR);
    return 0;
}

/* RFC 4861 s4.6.4 MTU, and RFC 6275 s7.3 Advertisement Interval: the same
 * shape, a 32-bit value after 16 reserved bits.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |    Length     |           Reserved            |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |              MTU  /  Advertisement Interval (ms)              |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
static int
dec_u32(const uint8_t *p, size_t olen, struct ms_nd_opts *o, uint32_t *val)
{
    if (olen != 8)
        return MS_EBAD_OPTLEN;
    if (ms_nd_opts_has(o, p[0])) {
        o->n_dropped++;
        return 0;
    }
    *val = ms_rd32(p + 4);
    ms_nd_opts_set(o, p[0]);
    return 0;
}

/* RFC 6275 s7.4 Home Agent Information:
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |    Length     |           Reserved            |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Home Agent Preference     |      Home Agent Lifetime      |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
static int
dec_ha_info(const uint8_t *p, size_t olen, struct ms_nd_opts *o)
{
    if (olen != HAI_LEN8 * 8)
        return MS_EBAD_OPTLEN;
    if (ms_nd_opts_has(o, MS_ND_OPT_HA_INFO)) {
        o->n_dropped++;
        return 0;
    }
    o->ha_info.preference = ms_rd16(p + 4);
    o->ha_info.lifetime_s = ms_rd16(p + 6);
    ms_nd_opts_set(o, MS_ND_OPT_HA_INFO);
    return 0;
}

static int
dec_raw(const uint8_t *p, size_t olen, struct ms_nd_opts *o)
{
    if (o->n_raw >= MS_ND_OPTS_MAX_RAW || olen > MS_ND_OPT_RAW_MAX) {
        o->n_dropped++;
        return 0;
    }
    struct ms_nd_opt_raw *r = &o->raw[o->n_raw++];
    r->type = p[0];
    r->len8 = p[1];
    memcpy(r->data, p + 2, olen - 2);
    return 0;
}

/* One option p[0..olen) at offset off of the message; olen = Length * 8 > 0. */
static int
dec_one(const uint8_t *p, size_t olen, size_t off, struct ms_nd_opts *o)
{
    switch (p[0]) {
    case MS_ND_OPT_SLLA:
        return dec_lla(p, olen, o, &o->slla);
    case MS_ND_OPT_TLLA:
        return dec_lla(p, olen, o, &o->tlla);
    case MS_ND_OPT_PREFIX_INFO:
        return dec_pi(p, olen, o);
    case MS_ND_OPT_REDIRECTED_HDR:
        return dec_rh(off, olen, o);
    case MS_ND_OPT_MTU:
        return dec_u32(p, olen, o, &o->mtu);
    case MS_ND_OPT_ADV_INTERVAL:
        return dec_u32(p, olen, o, &o->adv_interval_ms);
    case MS_ND_OPT_HA_INFO:
        return dec_ha_info(p, olen, o);
    case MS_ND_OPT_IP_ADDR_PREFIX:
    case MS_ND_OPT_NEW_ROUTER_PREFIX:
    case MS_ND_OPT_LLA:
    case MS_ND_OPT_NAACK:
        return ms__nd_fmip_decode(p, olen, o);
    case MS_ND_OPT_HANDOVER_ASSIST:
        return ms__nd_hai_decode(p, olen, o);
    case MS_ND_OPT_MAP:
    case MS_ND_OPT_MN_ID:
        return ms__nd_misc_decode(p, olen, o);
    case MS_ND_OPT_CGA:
    case MS_ND_OPT_RSA_SIG:
    case MS_ND_OPT_TIMESTAMP:
    case MS_ND_OPT_NONCE:
    case MS_ND_OPT_TRUST_ANCHOR:
    case MS_ND_OPT_CERTIFICATE:
    case MS_ND_OPT_HK_REQUEST:
    case MS_ND_OPT_HK_REPLY:
        return ms__nd_send_decode(p, olen, off, o);
    default:
        /* RFC 4861 s4.1 ff.: "Receivers MUST silently ignore any options they
         * do not recognize"; we keep them so they round-trip. */
        return dec_raw(p, olen, o);
    }
}

int
ms_nd_opts_decode(const uint8_t *msg, size_t len, size_t off, struct ms_nd_opts *out)
{
    return ms_nd_opts_decode_sec(msg, len, off, out, NULL);
}

int
ms_nd_opts_decode_sec(const uint8_t *msg, size_t len, size_t off, struct ms_nd_opts *out,
                      struct ms_nd_sec *sec)
{
    memset(out, 0, sizeof(*out));
    if (sec != NULL)
        memset(sec, 0, sizeof(*sec));
    out->sec = sec;
    bool seen_sig = false;
    if (off > len)
        return MS_ETRUNC;
    while (off < len) {
        /* Check that Type and Length fit, reject Length 0 (RFC 4861 s4.6),
         * check that the body fits, then advance. */
        if (len - off < 2)
            return MS_EOPT_OVERRUN;
        size_t len8 = msg[off + 1];
        if (len8 == 0)
            return MS_EZERO_OPTLEN;
        size_t olen = len8 * 8;
        if (olen > len - off)
            return MS_EOPT_OVERRUN;
        /* RFC 3971 s5.2.2: "The receiver MUST ignore any options that come
         * after the first RSA Signature option"; a node without SEND (no
         * sec) processes them as usual. */
        int rc = 0;
        if (seen_sig) {
            out->n_dropped++;
        } else {
            rc = dec_one(msg + off, olen, off, out);
            seen_sig = sec != NULL && msg[off] == MS_ND_OPT_RSA_SIG;
        }
        if (rc < 0)
            return rc;
        off += olen;
    }
    return 0;
}

static size_t
rh_olen(const struct ms_nd_opts *o)
{
    return 8 + ((o->rh.len + 7) & ~(size_t)7);
}

size_t
ms_nd_opts_len(const struct ms_nd_opts *o)
{
    size_t n = 0;
    if (ms_nd_opts_has(o, MS_ND_OPT_SLLA))
        n += LLA_LEN8 * 8;
    if (ms_nd_opts_has(o, MS_ND_OPT_TLLA))
        n += LLA_LEN8 * 8;
    n += ms__nd_fmip_len(o);
    n += (size_t)(o->n_pi <= MS_ND_OPTS_MAX_PI ? o->n_pi : MS_ND_OPTS_MAX_PI) * PI_LEN8 * 8;
    if (ms_nd_opts_has(o, MS_ND_OPT_MTU))
        n += MTU_LEN8 * 8;
    if (ms_nd_opts_has(o, MS_ND_OPT_ADV_INTERVAL))
        n += AI_LEN8 * 8;
    if (ms_nd_opts_has(o, MS_ND_OPT_HA_INFO))
        n += HAI_LEN8 * 8;
    n += ms__nd_misc_len(o);
    n += ms__nd_send_len(o);
    for (unsigned i = 0; i < o->n_raw && i < MS_ND_OPTS_MAX_RAW; i++)
        n += (size_t)o->raw[i].len8 * 8;
    if (ms_nd_opts_has(o, MS_ND_OPT_REDIRECTED_HDR))
        n += rh_olen(o);
    n += ms__nd_rsa_sig_len(o);
    return n;
}

static int
check(const struct ms_nd_opts *o)
{
    if (o->n_pi > MS_ND_OPTS_MAX_PI || o->n_raw > MS_ND_OPTS_MAX_RAW)
        return -EINVAL;
    for (unsigned i = 0; i < o->n_raw; i++) {
        const struct ms_nd_opt_raw *r = &o->raw[i];
        if (r->len8 == 0 || (size_t)r->len8 * 8 > MS_ND_OPT_RAW_MAX || ms_nd_opt_is_typed(r->type))
            return -EINVAL;
    }
    if (ms_nd_opts_has(o, MS_ND_OPT_REDIRECTED_HDR) && o->rh.len > MS_ND_OPT_RH_MAX)
        return -EINVAL;
    int rc = ms__nd_fmip_check(o);
    if (rc == 0)
        rc = ms__nd_misc_check(o);
    if (rc == 0)
        rc = ms__nd_send_check(o);
    return rc;
}

/* Writers: each fills a zeroed area whose size the caller reserved. */
static uint8_t *
put_hdr(uint8_t *p, uint8_t type, size_t len8)
{
    p[0] = type;
    p[1] = (uint8_t)len8;
    return p;
}

static uint8_t *
enc_lla(uint8_t *p, uint8_t type, const struct ms_mac *mac)
{
    memcpy(put_hdr(p, type, LLA_LEN8) + 2, mac->b, MS_ETH_ALEN);
    return p + LLA_LEN8 * 8;
}

static uint8_t *
enc_pi(uint8_t *p, const struct ms_nd_opt_pi *pi)
{
    put_hdr(p, MS_ND_OPT_PREFIX_INFO, PI_LEN8);
    p[2] = pi->prefix_len;
    p[3] = pi->flags;
    ms_wr32(p + 4, pi->valid_s);
    ms_wr32(p + 8, pi->preferred_s);
    memcpy(p + 16, pi->prefix.s6_addr, 16);
    return p + PI_LEN8 * 8;
}

static uint8_t *
enc_u32(uint8_t *p, uint8_t type, uint32_t v)
{
    put_hdr(p, type, 1);
    ms_wr32(p + 4, v);
    return p + 8;
}

static uint8_t *
enc_ha_info(uint8_t *p, const struct ms_nd_opt_ha_info *h)
{
    put_hdr(p, MS_ND_OPT_HA_INFO, HAI_LEN8);
    ms_wr16(p + 4, h->preference);
    ms_wr16(p + 6, h->lifetime_s);
    return p + HAI_LEN8 * 8;
}

static uint8_t *
enc_raw(uint8_t *p, const struct ms_nd_opt_raw *r)
{
    size_t olen = (size_t)r->len8 * 8;
    memcpy(put_hdr(p, r->type, r->len8) + 2, r->data, olen - 2);
    return p + olen;
}

static uint8_t *
enc_rh(uint8_t *p, const struct ms_nd_opts *o)
{
    size_t olen = rh_olen(o);
    put_hdr(p, MS_ND_OPT_REDIRECTED_HDR, olen / 8);
    if (o->rh.data != NULL && o->rh.len > 0)
        memcpy(p + 8, o->rh.data, o->rh.len);
    return p + olen;
}

int
ms_nd_opts_encode(const struct ms_nd_opts *o, uint8_t *buf, size_t cap)
{
    int rc = check(o);
    if (rc < 0)
        return rc;
    size_t n = ms_nd_opts_len(o);
    if (n > cap)
        return -EMSGSIZE;
    memset(buf, 0, n);
    uint8_t *p = buf;
    if (ms_nd_opts_has(o, MS_ND_OPT_SLLA))
        p = enc_lla(p, MS_ND_OPT_SLLA, &o->slla);
    if (ms_nd_opts_has(o, MS_ND_OPT_TLLA))
        p = enc_lla(p, MS_ND_OPT_TLLA, &o->tlla);
    p = ms__nd_mnid_encode(p, o);
    p = ms__nd_fmip_encode(p, o);
    p = ms__nd_naack_encode(p, o);
    for (unsigned i = 0; i < o->n_pi; i++)
        p = enc_pi(p, &o->pi[i]);
    if (ms_nd_opts_has(o, MS_ND_OPT_MTU))
        p = enc_u32(p, MS_ND_OPT_MTU, o->mtu);
    if (ms_nd_opts_has(o, MS_ND_OPT_ADV_INTERVAL))
        p = enc_u32(p, MS_ND_OPT_ADV_INTERVAL, o->adv_interval_ms);
    if (ms_nd_opts_has(o, MS_ND_OPT_HA_INFO))
        p = enc_ha_info(p, &o->ha_info);
    p = ms__nd_misc_encode(p, o);
    p = ms__nd_send_encode(p, o);
    for (unsigned i = 0; i < o->n_raw; i++)
        p = enc_raw(p, &o->raw[i]);
    if (ms_nd_opts_has(o, MS_ND_OPT_REDIRECTED_HDR))
        p = enc_rh(p, o);
    /* RFC 3971 s5.2.1: "The RSA Signature option is added as the last
     * option in the message." */
    p = ms__nd_rsa_sig_encode(p, o);
    return (int)(p - buf);
}

/* --- formatting ----------------------------------------------------------- */

void
ms__nd_fmt_add(struct ms__nd_fmt *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *dst = f->n < f->cap ? f->buf + f->n : NULL;
    size_t room = f->n < f->cap ? f->cap - f->n : 0;
    int r = vsnprintf(dst, room, fmt, ap);
    va_end(ap);
    if (r > 0)
        f->n += (size_t)r;
}

static void
fmt_mac(struct ms__nd_fmt *f, const char *name, const struct ms_mac *m)
{
    ms__nd_fmt_add(f, " %s=%02x:%02x:%02x:%02x:%02x:%02x", name, m->b[0], m->b[1], m->b[2], m->b[3],
                   m->b[4], m->b[5]);
}

int
ms_nd_opts_format(const struct ms_nd_opts *o, char *buf, size_t cap)
{
    struct ms__nd_fmt f = {buf, cap, 0};
    if (cap > 0)
        buf[0] = '\0';
    if (ms_nd_opts_has(o, MS_ND_OPT_SLLA))
        fmt_mac(&f, "slla", &o->slla);
    if (ms_nd_opts_has(o, MS_ND_OPT_TLLA))
        fmt_mac(&f, "tlla", &o->tlla);
    ms__nd_fmip_format(&f, o);
    ms__nd_naack_format(&f, o);
    for (unsigned i = 0; i < o->n_pi && i < MS_ND_OPTS_MAX_PI; i++) {
        const struct ms_nd_opt_pi *pi = &o->pi[i];
        char a[INET6_ADDRSTRLEN];
        inet_ntop(AF_INET6, &pi->prefix, a, sizeof(a));
        ms__nd_fmt_add(&f, " pi=%s/%u,%s%s%s,v=%lu,p=%lu", a, (unsigned)pi->prefix_len,
                       (pi->flags & MS_PI_F_L) ? "L" : "", (pi->flags & MS_PI_F_A) ? "A" : "",
                       (pi->flags & MS_PI_F_R) ? "R" : "", (unsigned long)pi->valid_s,
                       (unsigned long)pi->preferred_s);
    }
    if (ms_nd_opts_has(o, MS_ND_OPT_MTU))
        ms__nd_fmt_add(&f, " mtu=%lu", (unsigned long)o->mtu);
    if (ms_nd_opts_has(o, MS_ND_OPT_ADV_INTERVAL))
        ms__nd_fmt_add(&f, " advint=%lums", (unsigned long)o->adv_interval_ms);
    if (ms_nd_opts_has(o, MS_ND_OPT_HA_INFO))
        ms__nd_fmt_add(&f, " hainfo=pref:%u,life:%u", (unsigned)o->ha_info.preference,
                       (unsigned)o->ha_info.lifetime_s);
    ms__nd_misc_format(&f, o);
    ms__nd_send_format(&f, o);
    for (unsigned i = 0; i < o->n_raw && i < MS_ND_OPTS_MAX_RAW; i++)
        ms__nd_fmt_add(&f, " opt%u/%u", (unsigned)o->raw[i].type, (unsigned)o->raw[i].len8 * 8);
    if (ms_nd_opts_has(o, MS_ND_OPT_REDIRECTED_HDR))
        ms__nd_fmt_add(&f, " rh=%zu", o->rh.len);
    if (o->n_dropped)
        ms__nd_fmt_add(&f, " dropped=%u", (unsigned)o->n_dropped);
    return (int)f.n;
}
