#include "wire/ext.h"

#include <errno.h>
#include <string.h>

#include "wire/bytes.h"
#include "wire/codepoints.h"
#include "wire/err.h"
#include "wire/ipv6.h"

/* Field diagrams: ext.h (RFC 8200 s4.2-s4.6, RFC 6275 s6.3-s6.4). */

#define EXT_MAX_OPTHDR 2048 /* (255 + 1) * 8 */

bool
ms_ext_is_ext(uint8_t nh)
{
    return nh == MS_IPPROTO_HOPOPTS || nh == MS_IPPROTO_ROUTING || nh == MS_IPPROTO_FRAGMENT ||
           nh == MS_IPPROTO_DSTOPTS;
}

int
ms_ext_hdr_size(const uint8_t *p, size_t len, uint8_t nh)
{
    size_t sz;
    switch (nh) {
    case MS_IPPROTO_HOPOPTS:
    case MS_IPPROTO_DSTOPTS:
    case MS_IPPROTO_ROUTING:
        /* RFC 8200 s4.3, s4.4, s4.6: Hdr Ext Len in 8-octet units, not
         * including the first 8 octets. */
        if (len < 2)
            return MS_ETRUNC;
        sz = ((size_t)p[1] + 1) * 8;
        break;
    case MS_IPPROTO_FRAGMENT:
        sz = MS_EXT_FRAG_LEN;
        break;
    case MS_IPPROTO_AH:
        /* RFC 4302 s2.2: Payload Len in 32-bit words, minus 2. */
        if (len < 2)
            return MS_ETRUNC;
        sz = ((size_t)p[1] + 2) * 4;
        break;
    default:
        return MS_EUNKNOWN_NH;
    }
    if (sz > len)
        return MS_ETRUNC;
    return (int)sz;
}

/* ---- options ---- */

enum ms_ext_opt_action
ms_ext_opt_action(uint8_t type)
{
    return (enum ms_ext_opt_action)(type >> 6);
}

bool
ms_ext_opt_may_change(uint8_t type)
{
    return (type & 0x20) != 0;
}

/* One step of the TLV walk of an options header h of hlen octets at *off.
 * Returns 0 for padding (validated), 1 for another option (its type at the
 * old *off, its data length after it), or a negative code.  *off advances
 * past the option.  RFC 8200 s4.2: Pad1 is a single zero octet with no
 * length; PadN carries zero-valued data; a run of padding never needs more
 * than 7 octets. */
static int
opt_step(const uint8_t *h, size_t hlen, size_t *off, size_t *padrun)
{
    size_t o = *off;
    uint8_t t = h[o];
    if (t == MS_IP6OPT_PAD1) {
        if (++*padrun > 7)
            return MS_EBAD_PAD;
        *off = o + 1;
        return 0;
    }
    if (hlen - o < 2)
        return MS_EOPT_OVERRUN;
    size_t dl = h[o + 1];
    if (dl > hlen - o - 2)
        return MS_EOPT_OVERRUN;
    *off = o + 2 + dl;
    if (t == MS_IP6OPT_PADN) {
        for (size_t i = 0; i < dl; i++)
            if (h[o + 2 + i] != 0)
                return MS_EBAD_PAD;
        *padrun += 2 + dl;
        return *padrun > 7 ? MS_EBAD_PAD : 0;
    }
    *padrun = 0;
    return 1;
}

/* RFC 6275 s6.3: Option Length "MUST be set to 16"; "The alignment
 * requirement for the Home Address option is 8n + 6" (offset within the
 * header, which itself starts 8-aligned). */
static int
hao_check(size_t at, uint8_t dl)
{
    if (dl != 16)
        return MS_EBAD_OPTLEN;
    if (at % 8 != 6)
        return MS_EBAD_ALIGN;
    return 0;
}

int
ms_ext_opthdr_decode(const uint8_t *p, size_t len, struct ms_ext_opthdr *out)
{
    int sz = ms_ext_hdr_size(p, len, MS_IPPROTO_DSTOPTS);
    if (sz < 0)
        return sz;
    struct ms_ext_opthdr h;
    memset(&h, 0, sizeof h); /* unused data octets compare equal */
    h.nh = p[0];
    size_t off = 2, padrun = 0;
    bool hao = false;
    while (off < (size_t)sz) {
        size_t at = off;
        int rc = opt_step(p, (size_t)sz, &off, &padrun);
        if (rc < 0)
            return rc;
        if (rc == 0)
            continue;
        uint8_t t = p[at], dl = p[at + 1];
        if (t == MS_IP6OPT_HOME_ADDRESS) {
            rc = hao_check(at, dl);
            if (rc < 0)
                return rc;
            if (hao)
                return MS_EDUP_OPT;
            hao = true;
        }
        if (h.nopts == MS_EXT_OPTS_MAX)
            return MS_EBAD_LEN;
        struct ms_ext_opt *o = &h.opts[h.nopts++];
        o->type = t;
        o->len = dl;
        memcpy(o->data, p + at + 2, dl);
    }
    memcpy(out, &h, sizeof h);
    return 0;
}

/* Writes n octets of padding at w (Pad1 or PadN, RFC 8200 s4.2). */
static void
put_pad(uint8_t *w, size_t n)
{
    if (n == 0)
        return;
    if (n == 1) {
        w[0] = MS_IP6OPT_PAD1;
        return;
    }
    w[0] = MS_IP6OPT_PADN;
    w[1] = (uint8_t)(n - 2);
    memset(w + 2, 0, n - 2);
}

/* Lays out in; writes when buf is not NULL.  Returns the total length or
 * a negative code (never -EMSGSIZE: the caller checks cap first). */
static int
opthdr_layout(const struct ms_ext_opthdr *in, uint8_t *buf)
{
    if (in->nopts > MS_EXT_OPTS_MAX)
        return MS_EBAD_LEN;
    size_t pos = 2;
    for (unsigned i = 0; i < in->nopts; i++) {
        const struct ms_ext_opt *o = &in->opts[i];
        size_t pad = 0;
        if (o->type == MS_IP6OPT_PAD1 || o->type == MS_IP6OPT_PADN)
            return MS_EBAD_FIELD;
        if (o->type == MS_IP6OPT_HOME_ADDRESS) {
            if (o->len != 16)
                return MS_EBAD_OPTLEN;
            pad = (6 + 8 - pos % 8) % 8;
        }
        if (pos + pad + 2 + o->len > EXT_MAX_OPTHDR)
            return MS_EBAD_LEN;
        if (buf) {
            put_pad(buf + pos, pad);
            buf[pos + pad] = o->type;
            buf[pos + pad + 1] = o->len;
            memcpy(buf + pos + pad + 2, o->data, o->len);
        }
        pos += pad + 2 + o->len;
    }
    size_t pad = (8 - pos % 8) % 8;
    if (pos + pad > EXT_MAX_OPTHDR)
        return MS_EBAD_LEN;
    if (buf) {
        put_pad(buf + pos, pad);
        buf[0] = in->nh;
        buf[1] = (uint8_t)((pos + pad) / 8 - 1);
    }
    return (int)(pos + pad);
}

size_t
ms_ext_opthdr_len(const struct ms_ext_opthdr *in)
{
    int n = opthdr_layout(in, NULL);
    return n < 0 ? 0 : (size_t)n;
}

int
ms_ext_opthdr_encode(const struct ms_ext_opthdr *in, uint8_t *buf, size_t cap)
{
    int n = opthdr_layout(in, NULL);
    if (n < 0)
        return n;
    if (cap < (size_t)n)
        return -EMSGSIZE;
    return opthdr_layout(in, buf);
}

/* ---- Home Address option ---- */

int
ms_ext_hao_decode(const uint8_t *p, size_t len, struct in6_addr *hoa)
{
    if (len < 2)
        return MS_ETRUNC;
    if (p[0] != MS_IP6OPT_HOME_ADDRESS)
        return MS_EUNKNOWN_TYPE;
    if (p[1] != 16)
        return MS_EBAD_OPTLEN;
    if (len < MS_EXT_HAO_LEN)
        return MS_ETRUNC;
    memcpy(hoa->s6_addr, p + 2, 16);
    return 0;
}

int
ms_ext_hao_encode(const struct in6_addr *hoa, uint8_t *buf, size_t cap)
{
    if (cap < MS_EXT_HAO_LEN)
        return -EMSGSIZE;
    buf[0] = MS_IP6OPT_HOME_ADDRESS;
    buf[1] = 16;
    memcpy(buf + 2, hoa->s6_addr, 16);
    return MS_EXT_HAO_LEN;
}

int
ms_ext_dstopt_hao_encode(const struct in6_addr *hoa, uint8_t nh, uint8_t *buf, size_t cap)
{
    if (cap < MS_EXT_DSTOPT_HAO_LEN)
        return -EMSGSIZE;
    buf[0] = nh;
    buf[1] = MS_EXT_DSTOPT_HAO_LEN / 8 - 1;
    put_pad(buf + 2, 4); /* PadN, 2 data octets: the HAO lands at 6 = 8n+6 */
    ms_ext_hao_encode(hoa, buf + 6, MS_EXT_HAO_LEN);
    return MS_EXT_DSTOPT_HAO_LEN;
}

/* ---- Routing headers ---- */

int
ms_ext_rh_decode(const uint8_t *p, size_t len, struct ms_ext_rh *out)
{
    int sz = ms_ext_hdr_size(p, len, MS_IPPROTO_ROUTING);
    if (sz < 0)
        return sz;
    out->nh = p[0];
    out->hlen8 = p[1];
    out->type = p[2];
    out->segs_left = p[3];
    return 0;
}

int
ms_ext_rh2_decode(const uint8_t *p, size_t len, struct ms_ext_rh2 *out)
{
    if (len < 4)
        return MS_ETRUNC;
    if (p[2] != MS_RH_TYPE2)
        return MS_EUNKNOWN_TYPE;
    /* RFC 6275 s6.4.1: "For a type 2 routing header, the Hdr Ext Len MUST
     * be 2 ... Segments Left MUST be 1." */
    if (p[1] != 2)
        return MS_EBAD_LEN;
    if (len < MS_EXT_RH2_LEN)
        return MS_ETRUNC;
    if (p[3] != 1)
        return MS_EBAD_FIELD;
    out->nh = p[0];
    out->segs_left = p[3];
    memcpy(out->hoa.s6_addr, p + 8, 16);
    return 0;
}

int
ms_ext_rh2_encode(const struct in6_addr *hoa, uint8_t nh, uint8_t *buf, size_t cap)
{
    if (cap < MS_EXT_RH2_LEN)
        return -EMSGSIZE;
    buf[0] = nh;
    buf[1] = 2;
    buf[2] = MS_RH_TYPE2;
    buf[3] = 1;
    ms_wr32(buf + 4, 0); /* Reserved: "MUST be initialized to zero" */
    memcpy(buf + 8, hoa->s6_addr, 16);
    return MS_EXT_RH2_LEN;
}

/* ---- Fragment header ---- */

int
ms_ext_frag_decode(const uint8_t *p, size_t len, struct ms_ext_frag *out)
{
    if (len < MS_EXT_FRAG_LEN)
        return MS_ETRUNC;
    uint16_t w = ms_rd16(p + 2);
    out->nh = p[0];
    /* The 13-bit Fragment Offset counts 8-octet units and sits in the top
     * bits of the word, so masking the low 3 bits gives octets. */
    out->offset = (uint16_t)(w & 0xfff8u);
    out->more = (w & 1u) != 0;
    out->id = ms_rd32(p + 4);
    return 0;
}

int
ms_ext_frag_encode(const struct ms_ext_frag *in, uint8_t *buf, size_t cap)
{
    if (in->offset & 7u)
        return MS_EBAD_FIELD;
    if (cap < MS_EXT_FRAG_LEN)
        return -EMSGSIZE;
    buf[0] = in->nh;
    buf[1] = 0;
    ms_wr16(buf + 2, (uint16_t)(in->offset | (in->more ? 1u : 0u)));
    ms_wr32(buf + 4, in->id);
    return MS_EXT_FRAG_LEN;
}

/* ---- walker ---- */

static int
walk_opts(const uint8_t *h, size_t sz, uint32_t base, bool dst, struct ms_ext_info *out)
{
    size_t off = 2, padrun = 0;
    while (off < sz) {
        size_t at = off;
        int rc = opt_step(h, sz, &off, &padrun);
        if (rc < 0)
            return rc;
        if (rc == 0)
            continue;
        uint8_t t = h[at], dl = h[at + 1];
        if (dst && t == MS_IP6OPT_HOME_ADDRESS) {
            rc = hao_check(at, dl);
            if (rc < 0)
                return rc;
            /* RFC 6275 s6.3: "the Home Address option MUST NOT appear more
             * than once" per IPv6 header. */
            if (out->present & MS_EXT_F_HAO)
                return MS_EDUP_OPT;
            memcpy(out->hao.s6_addr, h + at + 2, 16);
            out->hao_off = base + (uint32_t)at;
            out->hao_next = h[0];
            out->present |= MS_EXT_F_HAO;
            continue;
        }
        /* RFC 8200 s4.2: the two high-order bits of an unrecognized Option
         * Type say what to do. */
        enum ms_ext_opt_action act = ms_ext_opt_action(t);
        if (act == MS_EXT_OPT_SKIP)
            continue;
        out->opt_type = t;
        if (act != MS_EXT_OPT_DISCARD) {
            out->icmp_code = MS_ICMP6_PARAMPROB_OPTION;
            out->icmp_pointer = base + (uint32_t)at;
            out->icmp_even_if_mcast = act == MS_EXT_OPT_DISCARD_ICMP;
        }
        return MS_EUNKNOWN_OPT;
    }
    return 0;
}

static int
walk_rh(const uint8_t *h, uint32_t base, struct ms_ext_info *out)
{
    uint8_t type = h[MS_EXT_RH_OFF_TYPE], sl = h[MS_EXT_RH_OFF_SL];
    out->present |= MS_EXT_F_RH;
    out->rh_type = type;
    out->rh_off = base;
    if (type == MS_RH_TYPE2) {
        /* RFC 6275 s11.3.3: length exactly 2, segments left 1 on the wire,
         * else "the node MUST silently discard the packet". */
        if (h[1] != 2)
            return MS_EBAD_LEN;
        if (sl > 1)
            return MS_EBAD_FIELD;
        if (out->present & MS_EXT_F_RH2)
            return MS_EDUP_OPT;
        memcpy(out->rh2_addr.s6_addr, h + 8, 16);
        out->rh2_segs_left = sl;
        out->rh2_off = base;
        out->present |= MS_EXT_F_RH2;
        return 0;
    }
    /* RFC 8200 s4.4: unrecognized Routing Type: ignored when Segments Left
     * is zero, else Parameter Problem code 0 "pointing to the unrecognized
     * Routing Type". */
    if (sl == 0)
        return 0;
    out->icmp_code = MS_ICMP6_PARAMPROB_HEADER;
    out->icmp_pointer = base + MS_EXT_RH_OFF_TYPE;
    return MS_EUNKNOWN_TYPE;
}

int
ms_ext_walk(const uint8_t *p, size_t len, uint8_t first_nh, struct ms_ext_info *out)
{
    memset(out, 0, sizeof *out);
    out->icmp_code = MS_EXT_ICMP_NONE;
    uint8_t nh = first_nh;
    size_t off = 0;
    int32_t nh_field = MS_IP6_OFF_NH - MS_IP6_HLEN;
    for (;;) {
        /* RFC 8200 s4.1: Hop-by-Hop Options only right after the IPv6
         * header; s4: a Next Header of zero elsewhere earns Parameter
         * Problem code 1 pointing at that Next Header field. */
        if (nh == MS_IPPROTO_HOPOPTS && off != 0) {
            out->icmp_code = MS_ICMP6_PARAMPROB_NEXT_HEADER;
            out->icmp_pointer = (uint32_t)nh_field;
            return MS_EEXT_ORDER;
        }
        if (!ms_ext_is_ext(nh)) {
            out->upper = nh;
            out->upper_off = (uint32_t)off;
            out->upper_nh_off = nh_field;
            return 0;
        }
        int sz = ms_ext_hdr_size(p + off, len - off, nh);
        if (sz < 0)
            return sz;
        const uint8_t *h = p + off;
        int rc = 0;
        switch (nh) {
        case MS_IPPROTO_HOPOPTS:
            out->present |= MS_EXT_F_HBH;
            rc = walk_opts(h, (size_t)sz, (uint32_t)off, false, out);
            break;
        case MS_IPPROTO_DSTOPTS:
            out->present |= MS_EXT_F_DSTOPT;
            rc = walk_opts(h, (size_t)sz, (uint32_t)off, true, out);
            break;
        case MS_IPPROTO_ROUTING:
            rc = walk_rh(h, (uint32_t)off, out);
            break;
        default: /* MS_IPPROTO_FRAGMENT */
            ms_ext_frag_decode(h, (size_t)sz, &out->frag);
            out->present |= MS_EXT_F_FRAG;
            out->frag_off = (uint32_t)off;
            /* RFC 8200 s4.5: only an atomic fragment (offset 0, M 0) is
             * processed as a whole packet; the rest waits for reassembly. */
            if (out->frag.offset != 0 || out->frag.more) {
                out->upper = MS_IPPROTO_FRAGMENT;
                out->upper_off = (uint32_t)off;
                out->upper_nh_off = nh_field;
                return 0;
            }
            break;
        }
        if (rc < 0)
            return rc;
        nh_field = (int32_t)off;
        nh = h[0];
        off += (size_t)sz;
    }
}

int
ms_ext_hao_swap(uint8_t *pkt, size_t len, const struct ms_ext_info *info)
{
    if (!(info->present & MS_EXT_F_HAO))
        return MS_EBAD_FIELD;
    size_t a = (size_t)MS_IP6_HLEN + info->hao_off + 2;
    if (a + 16 > len)
        return MS_ETRUNC;
    uint8_t tmp[16];
    memcpy(tmp, pkt + MS_IP6_OFF_SRC, 16);
    memcpy(pkt + MS_IP6_OFF_SRC, pkt + a, 16);
    memcpy(pkt + a, tmp, 16);
    return 0;
}

int
ms_ext_rh2_swap(uint8_t *pkt, size_t len, struct ms_ext_info *info)
{
    if (!(info->present & MS_EXT_F_RH2) || info->rh2_segs_left != 1)
        return MS_EBAD_FIELD;
    size_t h = (size_t)MS_IP6_HLEN + info->rh2_off;
    if (h + MS_EXT_RH2_LEN > len)
        return MS_ETRUNC;
    if (pkt[h + MS_EXT_RH_OFF_SL] != 1)
        return MS_EBAD_FIELD;
    uint8_t tmp[16];
    memcpy(tmp, pkt + MS_IP6_OFF_DST, 16);
    memcpy(pkt + MS_IP6_OFF_DST, pkt + h + 8, 16);
    memcpy(pkt + h + 8, tmp, 16);
    pkt[h + MS_EXT_RH_OFF_SL] = 0;
    info->rh2_segs_left = 0;
    return 0;
}
