/* FMIPv6 mobility options: MH Link-Layer Address (7), MH IPv6
 * Address/Prefix (34), Binding Authorization Data for FMIPv6 (21), and the
 * RFC 7411 Multicast Mobility (60) and Multicast Acknowledgement (61)
 * options.  The walker, padding and the blob live in mh_opt.c; contract in
 * mh_opt.h; the readings chosen where the RFCs disagree are in
 * docs/WIRE-VARIANTS.md. */
#include "wire/mh_opt.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "wire/bytes.h"
#include "wire/err.h"

/* MH IPv6 Address/Prefix: Option-Code, Prefix Length, address. */
enum { IPADDR_LEN = 18, BADF_SPI_LEN = 4, MCAST_HDR = 2 };

#define AT(x) (buf ? buf + ((x)-start) : NULL)

/* ---- MH Link-Layer Address (MH-LLA), MH option 7 ----
 *
 * RFC 5568 s6.4.4 (and RFC 5268 s6.5.3), "no alignment requirements":
 *                                  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *                                  |     Type      |     Length    |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    | Option-Code   |                  LLA                     ....
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   Length: "The size of this option in octets not including the Type and
 *   Length fields" (so 1 + LLA octets).
 *
 * RFC 4068 s6.4.4 (Figure 15, a 6-octet LLA):
 *                                  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *                                  |      Type     |    Length     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Option-Code   |    Pad0=0     |         LLA                   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                             LLA                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   Length: "The size of this option in octets not including the Type,
 *   Length, and Option-Code fields" (so 1 + LLA octets, counting Pad0, and
 *   the option spans 3 + Length octets).  mipsim always writes Pad0 and
 *   places the Type at 8n+6 ("MUST be aligned appropriately", no xn+y given).
 */
static int
lla_decode(const uint8_t *d, size_t dlen, uint8_t olen, enum ms_fmip_variant v,
           struct ms_mh_opts *out)
{
    if (olen == 0)
        return MS_EZERO_OPTLEN;
    const uint8_t *a;
    size_t alen;
    if (v == MS_FMIP_RFC4068) {
        /* dlen = olen + 1: Option-Code, Pad0, LLA. */
        if (olen < 2)
            return MS_EBAD_OPTLEN;
        if (d[1] != 0)
            out->diag |= MS_MH_DIAG_PAD_NONZERO;
        a = d + 2;
        alen = dlen - 2;
    } else {
        if (olen < 2)
            return MS_EBAD_OPTLEN;
        a = d + 1;
        alen = dlen - 1;
    }
    if (alen > MS_MH_LLA_MAX)
        return MS_EBAD_OPTLEN;
    if (ms__mh_opt_first(out, MS_MH_OPTS_LLA)) {
        out->lla_code = d[0];
        out->lla_len = (uint8_t)alen;
        memcpy(out->lla, a, alen);
    }
    return 0;
}

/* ---- Mobility Header IPv6 Address/Prefix, MH option 34 ----
 * RFC 5568 s6.4.2, alignment 8n+4 (the figure says "Type: 17", s11 assigns
 * 34: CODEPOINTS gotcha 1):
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |   Length      | Option-Code   | Prefix Length |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                                                               |
 *   +                    IPv6 Address/Prefix (128)                  +
 *   |                                                               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   Length: octets excluding Type and Length: 18.  Prefix Length 0..128.
 */
static int
ipaddr_decode(const uint8_t *d, size_t dlen, size_t abs, struct ms_mh_opts *out)
{
    if (dlen != IPADDR_LEN)
        return MS_EBAD_OPTLEN;
    if (d[1] > 128)
        return MS_EBAD_FIELD;
    ms__mh_opt_check_align(out, abs, 8, 4);
    if (out->n_ipaddr >= MS_MH_OPTS_IPADDR_MAX) {
        out->diag |= MS_MH_DIAG_OPT_DROPPED;
        return 0;
    }
    struct ms_mh_opt_ipaddr *e = &out->ipaddr[out->n_ipaddr++];
    e->code = d[0];
    e->prefix_len = d[1];
    memcpy(e->addr.s6_addr, d + 2, 16);
    out->present |= MS_MH_OPTS_IPADDR;
    return 0;
}

/* ---- Multicast Mobility (60) and Multicast Acknowledgement (61) ----
 * RFC 7411 s5.3 / s5.4:
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |   Length      | Option-Code   | Reserved/Status |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   ~             MLD or IGMP (Unsupported) Report Payload            ~
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   Length: "in 32-bit words, not including the Type, Length,
 *   Option-Code, and Reserved [Status] fields".  The payload "MUST always
 *   contain the first header line (Reserved field and No of Mcast Address
 *   Records)", so Length >= 1.  The payload is kept as raw octets.
 */
static int
mcast_decode(uint8_t t, const uint8_t *d, size_t dlen, uint8_t olen, struct ms_mh_opts *out)
{
    if (olen == 0)
        return MS_EZERO_OPTLEN;
    int ack = (t == MS_MH_OPT_MCAST_ACK);
    uint32_t bit = ack ? MS_MH_OPTS_MCAST_ACK : MS_MH_OPTS_MCAST;
    enum ms_mh_blob which = ack ? MS_MH_BLOB_MCAST_ACK : MS_MH_BLOB_MCAST;
    if (out->present & bit) {
        out->diag |= MS_MH_DIAG_DUP_OPT;
        return 0;
    }
    if (ms__mh_blob_append(out, which, d + MCAST_HDR, dlen - MCAST_HDR) < 0) {
        out->diag |= MS_MH_DIAG_OPT_DROPPED;
        return 0;
    }
    if (ack) {
        out->mcast_ack_code = d[0];
        out->mcast_ack_status = d[1];
    } else {
        /* RFC 7411 s5.3: Reserved "MUST be ignored by the receiver". */
        out->mcast_code = d[0];
    }
    return 0;
}

size_t
ms__mh_opt_fmip_extent(uint8_t t, uint8_t olen, enum ms_fmip_variant v)
{
    switch (t) {
    case MS_MH_OPT_LLA:
        /* RFC 4068 s6.4.4: Length does not count the Option-Code. */
        return v == MS_FMIP_RFC4068 ? (size_t)olen + 1 : olen;
    case MS_MH_OPT_MCAST_MOBILITY:
    case MS_MH_OPT_MCAST_ACK:
        /* RFC 7411 s5.3-5.4: 32-bit words after Option-Code and Reserved. */
        return MCAST_HDR + 4u * olen;
    default:
        return olen;
    }
}

int
ms__mh_opt_fmip_decode(uint8_t t, const uint8_t *d, size_t dlen, uint8_t olen, size_t abs,
                       struct ms__mh_opt_walk *w, struct ms_mh_opts *out, int *rc)
{
    switch (t) {
    case MS_MH_OPT_LLA:
        *rc = lla_decode(d, dlen, olen, w->variant, out);
        return 1;
    case MS_MH_OPT_IP_ADDR_PREFIX:
        *rc = ipaddr_decode(d, dlen, abs, out);
        return 1;
    case MS_MH_OPT_MCAST_MOBILITY:
    case MS_MH_OPT_MCAST_ACK:
        *rc = mcast_decode(t, d, dlen, olen, out);
        return 1;
    default:
        return 0;
    }
}

/* ---- Binding Authorization Data for FMIPv6 (BADF), MH option 21 ----
 * RFC 5568 s6.4.5 (RFC 5268 s6.5.4):
 *                                   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *                                   |     Type      | Option Length |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                            SPI                                |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                         Authenticator                         |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   "Option Length: The length of the Authenticator in bytes."  mipsim
 *   writes 4 + Authenticator (the SPI counts, as every mobility option's
 *   Length does under RFC 6275 s6.2.1) and reads both (mh_opt.c walker).
 *   "This option MUST be the last Mobility Option present."
 * d holds SPI + Authenticator (dlen octets) under either reading.
 */
int
ms__mh_opt_badf_decode(const uint8_t *d, size_t dlen, int len_is_auth, struct ms_mh_opts *out)
{
    if (!len_is_auth && dlen == 0)
        return MS_EZERO_OPTLEN;
    if (len_is_auth && dlen == BADF_SPI_LEN)
        return MS_EZERO_OPTLEN; /* Option Length 0: no Authenticator */
    if (dlen <= BADF_SPI_LEN || dlen - BADF_SPI_LEN > MS_MH_BADF_AUTH_MAX)
        return MS_EBAD_OPTLEN;
    out->present |= MS_MH_OPTS_BADF;
    out->badf_spi = ms_rd32(d);
    out->badf_auth_len = (uint8_t)(dlen - BADF_SPI_LEN);
    memcpy(out->badf_auth, d + BADF_SPI_LEN, dlen - BADF_SPI_LEN);
    if (len_is_auth)
        out->diag |= MS_MH_DIAG_BADF_LEN_AUTH;
    return 0;
}

static size_t
badf_auth_len(const struct ms_mh_opts *o)
{
    return o->badf_auth_len ? o->badf_auth_len : MS_MH_BADF_AUTH_DEFAULT;
}

size_t
ms__mh_opt_badf_layout(const struct ms_mh_opts *o, size_t start, size_t off, uint8_t *buf)
{
    /* Last, with no trailing padding, like BAD (RFC 6275 s6.2): it ends the
     * MH on its 8-octet boundary.  RFC 5568 gives no alignment; with the
     * 12-octet default the Type lands at 8n+6 and the SPI is 8-aligned. */
    size_t alen = badf_auth_len(o);
    size_t n = ms__mh_opt_pad_for(off + 2 + BADF_SPI_LEN + alen, 8, 0);
    ms__mh_opt_put_pad(AT(off), n);
    off += n;
    if (buf) {
        AT(off)[0] = MS_MH_OPT_BADF;
        AT(off)[1] = (uint8_t)(BADF_SPI_LEN + alen);
        ms_wr32(AT(off) + 2, o->badf_spi);
        memcpy(AT(off) + 2 + BADF_SPI_LEN, o->badf_auth, alen);
    }
    return off + 2 + BADF_SPI_LEN + alen;
}

/* ---- Encoder ---- */

static int
mcast_payload_ok(const struct ms_mh_opts *o, enum ms_mh_blob which)
{
    size_t n = o->span[which].len;
    return ms__mh_blob_ok(o, which) && n >= 4 && n % 4 == 0;
}

int
ms__mh_opt_fmip_validate(const struct ms_mh_opts *o)
{
    if ((o->present & MS_MH_OPTS_LLA) && (o->lla_len == 0 || o->lla_len > MS_MH_LLA_MAX))
        return -EINVAL;
    if (o->present & MS_MH_OPTS_IPADDR) {
        if (o->n_ipaddr == 0 || o->n_ipaddr > MS_MH_OPTS_IPADDR_MAX)
            return -EINVAL;
        for (unsigned i = 0; i < o->n_ipaddr; i++) {
            if (o->ipaddr[i].prefix_len > 128)
                return -EINVAL;
        }
    }
    if ((o->present & MS_MH_OPTS_BADF) && o->badf_auth_len > MS_MH_BADF_AUTH_MAX)
        return -EINVAL;
    if ((o->present & MS_MH_OPTS_MCAST) && !mcast_payload_ok(o, MS_MH_BLOB_MCAST))
        return -EINVAL;
    if ((o->present & MS_MH_OPTS_MCAST_ACK) && !mcast_payload_ok(o, MS_MH_BLOB_MCAST_ACK))
        return -EINVAL;
    return 0;
}

size_t
ms__mh_opt_fmip_layout(const struct ms_mh_opts *o, enum ms_fmip_variant v, size_t start, size_t off,
                       uint8_t *buf)
{
    size_t n;
    if (o->present & MS_MH_OPTS_LLA) {
        if (v == MS_FMIP_RFC4068) {
            /* RFC 4068 s6.4.4: Length excludes the Option-Code; Pad0 before
             * the address; Type at 8n+6 (mipsim's choice). */
            n = ms__mh_opt_pad_for(off, 8, 6);
            ms__mh_opt_put_pad(AT(off), n);
            off += n;
            if (buf) {
                AT(off)[0] = MS_MH_OPT_LLA;
                AT(off)[1] = (uint8_t)(1 + o->lla_len);
                AT(off)[2] = o->lla_code;
                AT(off)[3] = 0;
                memcpy(AT(off) + 4, o->lla, o->lla_len);
            }
            off += 4u + o->lla_len;
        } else {
            /* RFC 5568 s6.4.4: Length counts the Option-Code; no alignment. */
            if (buf) {
                AT(off)[0] = MS_MH_OPT_LLA;
                AT(off)[1] = (uint8_t)(1 + o->lla_len);
                AT(off)[2] = o->lla_code;
                memcpy(AT(off) + 3, o->lla, o->lla_len);
            }
            off += 3u + o->lla_len;
        }
    }
    if (o->present & MS_MH_OPTS_IPADDR) {
        for (unsigned i = 0; i < o->n_ipaddr; i++) {
            /* RFC 5568 s6.4.2: alignment 8n+4, so the address is 8-aligned. */
            n = ms__mh_opt_pad_for(off, 8, 4);
            ms__mh_opt_put_pad(AT(off), n);
            off += n;
            if (buf) {
                AT(off)[0] = MS_MH_OPT_IP_ADDR_PREFIX;
                AT(off)[1] = IPADDR_LEN;
                AT(off)[2] = o->ipaddr[i].code;
                AT(off)[3] = o->ipaddr[i].prefix_len;
                memcpy(AT(off) + 4, o->ipaddr[i].addr.s6_addr, 16);
            }
            off += 2 + IPADDR_LEN;
        }
    }
    return off;
}

static size_t
mcast_one(uint8_t type, uint8_t code, uint8_t second, const struct ms_mh_opts *o,
          enum ms_mh_blob which, size_t start, size_t off, uint8_t *buf)
{
    /* RFC 7411 Figures 7 and 9 draw the option on a 32-bit word: 4n. */
    size_t plen = o->span[which].len;
    size_t n = ms__mh_opt_pad_for(off, 4, 0);
    ms__mh_opt_put_pad(AT(off), n);
    off += n;
    if (buf) {
        AT(off)[0] = type;
        AT(off)[1] = (uint8_t)(plen / 4);
        AT(off)[2] = code;
        AT(off)[3] = second;
        memcpy(AT(off) + 4, o->blob + o->span[which].off, plen);
    }
    return off + 4 + plen;
}

size_t
ms__mh_opt_mcast_layout(const struct ms_mh_opts *o, size_t start, size_t off, uint8_t *buf)
{
    if (o->present & MS_MH_OPTS_MCAST)
        off = mcast_one(MS_MH_OPT_MCAST_MOBILITY, o->mcast_code, 0, o, MS_MH_BLOB_MCAST, start, off,
                        buf);
    if (o->present & MS_MH_OPTS_MCAST_ACK)
        off = mcast_one(MS_MH_OPT_MCAST_ACK, o->mcast_ack_code, o->mcast_ack_status, o,
                        MS_MH_BLOB_MCAST_ACK, start, off, buf);
    return off;
}

/* ---- Equality, format, helpers ---- */

static int
blob_equal(const struct ms_mh_opts *a, const struct ms_mh_opts *b, enum ms_mh_blob which)
{
    size_t la, lb;
    const uint8_t *pa = ms_mh_opts_blob_get(a, which, &la);
    const uint8_t *pb = ms_mh_opts_blob_get(b, which, &lb);
    if (!pa || !pb)
        return pa == pb;
    return la == lb && memcmp(pa, pb, la) == 0;
}

int
ms__mh_opt_fmip_equal(const struct ms_mh_opts *a, const struct ms_mh_opts *b)
{
    if (a->present & MS_MH_OPTS_LLA) {
        if (a->lla_code != b->lla_code || a->lla_len != b->lla_len || a->lla_len > MS_MH_LLA_MAX ||
            memcmp(a->lla, b->lla, a->lla_len) != 0)
            return 0;
    }
    if (a->present & MS_MH_OPTS_IPADDR) {
        if (a->n_ipaddr != b->n_ipaddr || a->n_ipaddr > MS_MH_OPTS_IPADDR_MAX)
            return 0;
        for (unsigned i = 0; i < a->n_ipaddr; i++) {
            const struct ms_mh_opt_ipaddr *x = &a->ipaddr[i], *y = &b->ipaddr[i];
            if (x->code != y->code || x->prefix_len != y->prefix_len ||
                memcmp(&x->addr, &y->addr, 16) != 0)
                return 0;
        }
    }
    if (a->present & MS_MH_OPTS_BADF) {
        size_t la = badf_auth_len(a), lb = badf_auth_len(b);
        if (a->badf_spi != b->badf_spi || la != lb || la > MS_MH_BADF_AUTH_MAX ||
            memcmp(a->badf_auth, b->badf_auth, la) != 0)
            return 0;
    }
    if ((a->present & MS_MH_OPTS_MCAST) &&
        (a->mcast_code != b->mcast_code || !blob_equal(a, b, MS_MH_BLOB_MCAST)))
        return 0;
    if ((a->present & MS_MH_OPTS_MCAST_ACK) &&
        (a->mcast_ack_code != b->mcast_ack_code || a->mcast_ack_status != b->mcast_ack_status ||
         !blob_equal(a, b, MS_MH_BLOB_MCAST_ACK)))
        return 0;
    return 1;
}

void
ms__mh_opt_fmip_format(const struct ms_mh_opts *o, char *buf, size_t cap, size_t *n)
{
    char a[INET6_ADDRSTRLEN];
    if ((o->present & MS_MH_OPTS_LLA) && o->lla_len <= MS_MH_LLA_MAX) {
        ms__mh_opt_app(buf, cap, n, " lla=");
        for (unsigned i = 0; i < o->lla_len; i++)
            ms__mh_opt_app(buf, cap, n, i ? ":%02x" : "%02x", o->lla[i]);
        if (o->lla_code != MS_LLA_MN)
            ms__mh_opt_app(buf, cap, n, "/code%u", o->lla_code);
    }
    if (o->present & MS_MH_OPTS_IPADDR) {
        for (unsigned i = 0; i < o->n_ipaddr && i < MS_MH_OPTS_IPADDR_MAX; i++) {
            const struct ms_mh_opt_ipaddr *e = &o->ipaddr[i];
            inet_ntop(AF_INET6, &e->addr, a, sizeof a);
            switch (e->code) {
            case MS_IPADDR_OLD_COA:
                ms__mh_opt_app(buf, cap, n, " pcoa=%s/%u", a, e->prefix_len);
                break;
            case MS_IPADDR_NEW_COA:
                ms__mh_opt_app(buf, cap, n, " ncoa=%s/%u", a, e->prefix_len);
                break;
            case MS_IPADDR_NAR_ADDR:
                ms__mh_opt_app(buf, cap, n, " nar=%s/%u", a, e->prefix_len);
                break;
            case MS_IPADDR_NAR_PREFIX:
                ms__mh_opt_app(buf, cap, n, " narprefix=%s/%u", a, e->prefix_len);
                break;
            default:
                ms__mh_opt_app(buf, cap, n, " ipaddr%u=%s/%u", e->code, a, e->prefix_len);
                break;
            }
        }
    }
    if (o->present & MS_MH_OPTS_MCAST)
        ms__mh_opt_app(buf, cap, n, " mcast=%u[%u]", o->mcast_code,
                       (unsigned)o->span[MS_MH_BLOB_MCAST].len);
    if (o->present & MS_MH_OPTS_MCAST_ACK)
        ms__mh_opt_app(buf, cap, n, " mcastack=%u/%u[%u]", o->mcast_ack_code, o->mcast_ack_status,
                       (unsigned)o->span[MS_MH_BLOB_MCAST_ACK].len);
}

int
ms_mh_opts_add_ipaddr(struct ms_mh_opts *o, uint8_t code, uint8_t prefix_len,
                      const struct in6_addr *addr)
{
    if (prefix_len > 128)
        return -EINVAL;
    if (!(o->present & MS_MH_OPTS_IPADDR))
        o->n_ipaddr = 0;
    if (o->n_ipaddr >= MS_MH_OPTS_IPADDR_MAX)
        return -ENOSPC;
    struct ms_mh_opt_ipaddr *e = &o->ipaddr[o->n_ipaddr++];
    e->code = code;
    e->prefix_len = prefix_len;
    e->addr = *addr;
    o->present |= MS_MH_OPTS_IPADDR;
    return 0;
}

const struct ms_mh_opt_ipaddr *
ms_mh_opts_find_ipaddr(const struct ms_mh_opts *o, uint8_t code)
{
    if (!(o->present & MS_MH_OPTS_IPADDR))
        return NULL;
    for (unsigned i = 0; i < o->n_ipaddr && i < MS_MH_OPTS_IPADDR_MAX; i++) {
        if (o->ipaddr[i].code == code)
            return &o->ipaddr[i];
    }
    return NULL;
}
