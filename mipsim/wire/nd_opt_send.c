/* SEND options (RFC 3971 s5.1-5.3.2, s6.4.3-6.4.4; the CGA Parameters of
 * RFC 3972 s3) and the FMIPv6 handover key options (RFC 5269 s4.1-4.2).
 * Timestamp and Nonce live in struct ms_nd_opts; the options with large
 * payloads live in the caller's struct ms_nd_sec (see nd_opt.h). */
#include "wire/nd_opt.h"

#include <errno.h>
#include <string.h>

#include "wire/bytes.h"
#include "wire/err.h"

#define TS_LEN8 2u         /* RFC 3971 s5.3.1: "in units of 8 octets; i.e., 2" */
#define NONCE_MIN 6u       /* RFC 3971 s5.3.2: "MUST be at least 6 bytes" */
#define CGA_HDR 4u         /* Type, Length, Pad Length, Reserved */
#define CGA_FIXED 25u      /* RFC 3972 s3: Modifier 16, Subnet Prefix 8, Collision Count 1 */
#define RSA_HDR 20u        /* Type, Length, Reserved (16), Key Hash (128) */
#define TA_HDR 4u          /* Type, Length, Name Type, Pad Length */
#define CERT_HDR 4u        /* Type, Length, Cert Type, Reserved */
#define HKREQ_HDR 4u       /* Type, Length, Pad Length, AT/Resrvd */
#define HKREP_HDR 6u       /* ... and Key Lifetime */
#define DER_SEQUENCE 0x30u /* ITU-T X.690 s8.9: universal tag 16, constructed */

/* Bits of ms_nd_opts.present whose payload lives in struct ms_nd_sec. */
#define SEC_BITS                                                                                   \
    ((1u << MS_ND_OPT_CGA) | (1u << MS_ND_OPT_RSA_SIG) | (1u << MS_ND_OPT_TRUST_ANCHOR) |          \
     (1u << MS_ND_OPT_CERTIFICATE) | (1u << MS_ND_OPT_HK_REQUEST) | (1u << MS_ND_OPT_HK_REPLY))

static size_t
round8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

/* Octets of the DER SEQUENCE at p[0..n) (header and content), or 0 when p
 * does not start with a definite-length SEQUENCE header whose content fits
 * in n.  Both a SubjectPublicKeyInfo (RFC 3280 s4.1) and a Certificate are
 * SEQUENCEs; lengths of up to three octets are accepted (X.690 s8.1.3). */
static size_t
der_seq_len(const uint8_t *p, size_t n)
{
    if (n < 2 || p[0] != DER_SEQUENCE)
        return 0;
    size_t hl, cl;
    if (p[1] < 0x80) {
        hl = 2;
        cl = p[1];
    } else {
        size_t k = p[1] & 0x7fu;
        if (k == 0 || k > 3 || n < 2 + k)
            return 0;
        cl = 0;
        for (size_t i = 0; i < k; i++)
            cl = (cl << 8) | p[2 + i];
        hl = 2 + k;
    }
    return cl <= n - hl ? hl + cl : 0;
}

static bool
have(struct ms_nd_opts *o, uint8_t type)
{
    if (ms_nd_opts_has(o, type)) {
        o->n_dropped++;
        return true;
    }
    return false;
}

static int
skip(struct ms_nd_opts *o)
{
    o->n_dropped++;
    return 0;
}

/* RFC 3971 s5.3.1 Timestamp:
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |    Length     |          Reserved             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               |
 *   |                                                               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                                                               |
 *   +                          Timestamp                            +
 *   |                                                               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * RFC 3971 s5.3.2 Nonce:
 *
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |    Length     |  Nonce ...                    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               |
 *   .                                                               .
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
static int
dec_ts(const uint8_t *p, size_t olen, struct ms_nd_opts *o)
{
    if (olen != TS_LEN8 * 8)
        return MS_EBAD_OPTLEN;
    if (have(o, MS_ND_OPT_TIMESTAMP))
        return 0;
    o->timestamp = ms_rd64(p + 8); /* Reserved (48 bits) ignored */
    ms_nd_opts_set(o, MS_ND_OPT_TIMESTAMP);
    return 0;
}

static int
dec_nonce(const uint8_t *p, size_t olen, struct ms_nd_opts *o)
{
    if (have(o, MS_ND_OPT_NONCE))
        return 0;
    if (olen - 2 > MS_ND_OPT_NONCE_MAX)
        return skip(o);
    o->nonce.len = (uint8_t)(olen - 2);
    memcpy(o->nonce.b, p + 2, o->nonce.len);
    ms_nd_opts_set(o, MS_ND_OPT_NONCE);
    return 0;
}

/* RFC 3971 s5.1 CGA option with the RFC 3972 s3 CGA Parameters:
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |    Length     |   Pad Length  |   Reserved    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                      Modifier (16 octets)                     |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    Subnet Prefix (8 octets)                   |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |Collision Count|  Public Key (DER, variable length) ...        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   ~           Extension Fields (optional, variable length)        ~
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   ~                 Padding (Pad Length octets)                   ~
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
static int
dec_cga(const uint8_t *p, size_t olen, struct ms_nd_opts *o)
{
    if (olen < 4 * 8) /* 4 + 25 + a 2-octet DER header is 31 octets */
        return MS_EBAD_OPTLEN;
    size_t pad = p[2];
    if (pad > olen - CGA_HDR)
        return MS_EBAD_PAD;
    size_t plen = olen - CGA_HDR - pad;
    if (plen < CGA_FIXED)
        return MS_EBAD_FIELD;
    const uint8_t *prm = p + CGA_HDR;
    size_t klen = der_seq_len(prm + CGA_FIXED, plen - CGA_FIXED);
    if (klen == 0)
        return MS_EBAD_FIELD;
    size_t elen = plen - CGA_FIXED - klen;
    if (have(o, MS_ND_OPT_CGA))
        return 0;
    if (klen > MS_ND_SEC_KEY_MAX || elen > MS_ND_SEC_CGA_EXT_MAX)
        return skip(o);
    struct ms_nd_opt_cga *c = &o->sec->cga;
    memcpy(c->modifier, prm, 16);
    memcpy(c->subnet_prefix, prm + 16, 8);
    c->collision_count = prm[24];
    c->key_len = (uint16_t)klen;
    memcpy(c->key, prm + CGA_FIXED, klen);
    c->ext_len = (uint16_t)elen;
    memcpy(c->ext, prm + CGA_FIXED + klen, elen);
    ms_nd_opts_set(o, MS_ND_OPT_CGA);
    return 0;
}

/* RFC 3971 s5.2 RSA Signature:
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |    Length     |           Reserved            |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                          Key Hash (128)                       |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   .                       Digital Signature                       .
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   .                           Padding                             .
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
static int
dec_rsa_sig(const uint8_t *p, size_t olen, size_t off, struct ms_nd_opts *o)
{
    if (olen < 3 * 8) /* 20 octets of header and at least one of signature */
        return MS_EBAD_OPTLEN;
    if (have(o, MS_ND_OPT_RSA_SIG))
        return 0;
    if (olen - RSA_HDR > MS_ND_SEC_SIG_MAX)
        return skip(o);
    struct ms_nd_opt_rsa_sig *s = &o->sec->rsa_sig;
    memcpy(s->key_hash, p + 4, 16);
    s->sig_len = (uint16_t)(olen - RSA_HDR);
    memcpy(s->sig, p + RSA_HDR, s->sig_len);
    s->off = off;
    ms_nd_opts_set(o, MS_ND_OPT_RSA_SIG);
    return 0;
}

/* RFC 3971 s6.4.3 Trust Anchor:
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |    Length     |  Name Type    |  Pad  Length  |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Name ...                                                  |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |          ... Padding                                          |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
static int
dec_ta(const uint8_t *p, size_t olen, struct ms_nd_opts *o)
{
    size_t pad = p[3];
    if (pad > olen - TA_HDR)
        return MS_EBAD_PAD;
    size_t nlen = olen - TA_HDR - pad;
    if (have(o, MS_ND_OPT_TRUST_ANCHOR))
        return 0;
    if (nlen > MS_ND_SEC_NAME_MAX)
        return skip(o);
    struct ms_nd_opt_trust_anchor *t = &o->sec->trust_anchor;
    t->name_type = p[2];
    t->name_len = (uint16_t)nlen;
    memcpy(t->name, p + TA_HDR, nlen);
    ms_nd_opts_set(o, MS_ND_OPT_TRUST_ANCHOR);
    return 0;
}

/* RFC 3971 s6.4.4 Certificate:
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |    Length     |  Cert Type    |    Reserved   |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Certificate ...
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                 ...       Padding                             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * "Padding ... beginning after the ASN.1 encoding of the previous field":
 * an X.509v3 certificate ends where its DER SEQUENCE ends.  A certificate
 * of another (undefined) type is kept whole, padding included. */
static int
dec_cert(const uint8_t *p, size_t olen, struct ms_nd_opts *o)
{
    size_t clen = olen - CERT_HDR;
    if (p[2] == MS_SEND_CERT_X509V3) {
        clen = der_seq_len(p + CERT_HDR, olen - CERT_HDR);
        if (clen == 0)
            return MS_EBAD_FIELD;
    }
    if (have(o, MS_ND_OPT_CERTIFICATE))
        return 0;
    if (clen > MS_ND_SEC_CERT_MAX)
        return skip(o);
    struct ms_nd_opt_cert *c = &o->sec->cert;
    c->cert_type = p[2];
    c->cert_len = (uint16_t)clen;
    memcpy(c->cert, p + CERT_HDR, clen);
    ms_nd_opts_set(o, MS_ND_OPT_CERTIFICATE);
    return 0;
}

/* RFC 5269 s4.1 Handover Key Request and s4.2 Handover Key Reply:
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |    Length     |  Pad Length   |  AT   |Resrvd.|
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |   (28 only) Key Lifetime      |                               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 *   .     Handover Key Encryption Public Key (27) /                 .
 *   .     Encrypted Handover Key (28)                               .
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   .                           Padding                             .
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
static int
dec_hk(const uint8_t *p, size_t olen, struct ms_nd_opts *o)
{
    bool req = p[0] == MS_ND_OPT_HK_REQUEST;
    size_t hdr = req ? HKREQ_HDR : HKREP_HDR;
    size_t pad = p[2];
    if (pad > olen - hdr)
        return MS_EBAD_PAD;
    size_t klen = olen - hdr - pad;
    if (have(o, p[0]))
        return 0;
    if (klen > (req ? MS_ND_SEC_KEY_MAX : MS_ND_SEC_HK_MAX))
        return skip(o);
    if (req) {
        struct ms_nd_opt_hk_req *r = &o->sec->hk_req;
        r->at = p[3] >> 4; /* the low 4 bits are Resrvd., ignored */
        r->key_len = (uint16_t)klen;
        memcpy(r->key, p + hdr, klen);
    } else {
        struct ms_nd_opt_hk_rep *r = &o->sec->hk_rep;
        r->at = p[3] >> 4;
        r->lifetime_s = ms_rd16(p + 4);
        r->key_len = (uint16_t)klen;
        memcpy(r->key, p + hdr, klen);
    }
    ms_nd_opts_set(o, p[0]);
    return 0;
}

int
ms__nd_send_decode(const uint8_t *p, size_t olen, size_t off, struct ms_nd_opts *o)
{
    switch (p[0]) {
    case MS_ND_OPT_TIMESTAMP:
        return dec_ts(p, olen, o);
    case MS_ND_OPT_NONCE:
        return dec_nonce(p, olen, o);
    default:
        break;
    }
    /* Without storage the option is skipped after the framing checks the
     * walk already made, as a node without SEND would (RFC 3971 s8). */
    if (o->sec == NULL)
        return skip(o);
    switch (p[0]) {
    case MS_ND_OPT_CGA:
        return dec_cga(p, olen, o);
    case MS_ND_OPT_RSA_SIG:
        return dec_rsa_sig(p, olen, off, o);
    case MS_ND_OPT_TRUST_ANCHOR:
        return dec_ta(p, olen, o);
    case MS_ND_OPT_CERTIFICATE:
        return dec_cert(p, olen, o);
    default: /* MS_ND_OPT_HK_REQUEST, MS_ND_OPT_HK_REPLY */
        return dec_hk(p, olen, o);
    }
}

/* --- encode --------------------------------------------------------------- */

static bool
has_sec(const struct ms_nd_opts *o, uint8_t type)
{
    return ms_nd_opts_has(o, type) && o->sec != NULL;
}

static size_t
cga_olen(const struct ms_nd_opt_cga *c)
{
    return round8(CGA_HDR + CGA_FIXED + c->key_len + c->ext_len);
}

size_t
ms__nd_send_len(const struct ms_nd_opts *o)
{
    size_t n = 0;
    if (ms_nd_opts_has(o, MS_ND_OPT_TIMESTAMP))
        n += TS_LEN8 * 8;
    if (ms_nd_opts_has(o, MS_ND_OPT_NONCE))
        n += round8(2 + o->nonce.len);
    if (has_sec(o, MS_ND_OPT_CGA))
        n += cga_olen(&o->sec->cga);
    if (has_sec(o, MS_ND_OPT_TRUST_ANCHOR))
        n += round8(TA_HDR + o->sec->trust_anchor.name_len);
    if (has_sec(o, MS_ND_OPT_CERTIFICATE))
        n += round8(CERT_HDR + o->sec->cert.cert_len);
    if (has_sec(o, MS_ND_OPT_HK_REQUEST))
        n += round8(HKREQ_HDR + o->sec->hk_req.key_len);
    if (has_sec(o, MS_ND_OPT_HK_REPLY))
        n += round8(HKREP_HDR + o->sec->hk_rep.key_len);
    return n;
}

size_t
ms__nd_rsa_sig_len(const struct ms_nd_opts *o)
{
    return has_sec(o, MS_ND_OPT_RSA_SIG) ? round8(RSA_HDR + o->sec->rsa_sig.sig_len) : 0;
}

static int
check_sec(const struct ms_nd_sec *s, uint32_t present)
{
    if (present & (1u << MS_ND_OPT_CGA)) {
        const struct ms_nd_opt_cga *c = &s->cga;
        /* The key must be exactly one DER SEQUENCE, or the receiver could not
         * find where the extension fields start. */
        if (c->key_len > MS_ND_SEC_KEY_MAX || c->ext_len > MS_ND_SEC_CGA_EXT_MAX ||
            der_seq_len(c->key, c->key_len) != c->key_len)
            return -EINVAL;
    }
    if ((present & (1u << MS_ND_OPT_RSA_SIG)) &&
        (s->rsa_sig.sig_len == 0 || s->rsa_sig.sig_len > MS_ND_SEC_SIG_MAX))
        return -EINVAL;
    if ((present & (1u << MS_ND_OPT_TRUST_ANCHOR)) && s->trust_anchor.name_len > MS_ND_SEC_NAME_MAX)
        return -EINVAL;
    if (present & (1u << MS_ND_OPT_CERTIFICATE)) {
        const struct ms_nd_opt_cert *c = &s->cert;
        if (c->cert_len > MS_ND_SEC_CERT_MAX || (c->cert_type == MS_SEND_CERT_X509V3 &&
                                                 der_seq_len(c->cert, c->cert_len) != c->cert_len))
            return -EINVAL;
    }
    if ((present & (1u << MS_ND_OPT_HK_REQUEST)) &&
        (s->hk_req.key_len > MS_ND_SEC_KEY_MAX || s->hk_req.at > 0x0f))
        return -EINVAL;
    if ((present & (1u << MS_ND_OPT_HK_REPLY)) &&
        (s->hk_rep.key_len > MS_ND_SEC_HK_MAX || s->hk_rep.at > 0x0f))
        return -EINVAL;
    return 0;
}

int
ms__nd_send_check(const struct ms_nd_opts *o)
{
    if (ms_nd_opts_has(o, MS_ND_OPT_NONCE)) {
        size_t n = o->nonce.len;
        if (n < NONCE_MIN || n > MS_ND_OPT_NONCE_MAX || (n + 2) % 8 != 0)
            return -EINVAL;
    }
    uint32_t sec = o->present & SEC_BITS;
    if (sec == 0)
        return 0;
    if (o->sec == NULL)
        return -EINVAL;
    return check_sec(o->sec, sec);
}

/* Writes Type, Length (for olen octets) and returns p. */
static uint8_t *
hdr(uint8_t *p, uint8_t type, size_t olen)
{
    p[0] = type;
    p[1] = (uint8_t)(olen / 8);
    return p;
}

static uint8_t *
enc_hk(uint8_t *p, const struct ms_nd_sec *s, bool req)
{
    size_t h = req ? HKREQ_HDR : HKREP_HDR;
    size_t klen = req ? s->hk_req.key_len : s->hk_rep.key_len;
    size_t olen = round8(h + klen);
    hdr(p, req ? MS_ND_OPT_HK_REQUEST : MS_ND_OPT_HK_REPLY, olen);
    p[2] = (uint8_t)(olen - h - klen);
    p[3] = (uint8_t)((req ? s->hk_req.at : s->hk_rep.at) << 4);
    if (!req)
        ms_wr16(p + 4, s->hk_rep.lifetime_s);
    memcpy(p + h, req ? s->hk_req.key : s->hk_rep.key, klen);
    return p + olen;
}

static uint8_t *
enc_cga(uint8_t *p, const struct ms_nd_opt_cga *c)
{
    size_t olen = cga_olen(c);
    size_t plen = CGA_FIXED + c->key_len + c->ext_len;
    hdr(p, MS_ND_OPT_CGA, olen);
    p[2] = (uint8_t)(olen - CGA_HDR - plen);
    uint8_t *q = p + CGA_HDR;
    memcpy(q, c->modifier, 16);
    memcpy(q + 16, c->subnet_prefix, 8);
    q[24] = c->collision_count;
    memcpy(q + CGA_FIXED, c->key, c->key_len);
    memcpy(q + CGA_FIXED + c->key_len, c->ext, c->ext_len);
    return p + olen;
}

uint8_t *
ms__nd_send_encode(uint8_t *p, const struct ms_nd_opts *o)
{
    const struct ms_nd_sec *s = o->sec;
    if (has_sec(o, MS_ND_OPT_HK_REQUEST))
        p = enc_hk(p, s, true);
    if (has_sec(o, MS_ND_OPT_HK_REPLY))
        p = enc_hk(p, s, false);
    if (has_sec(o, MS_ND_OPT_TRUST_ANCHOR)) {
        const struct ms_nd_opt_trust_anchor *t = &s->trust_anchor;
        size_t olen = round8(TA_HDR + t->name_len);
        hdr(p, MS_ND_OPT_TRUST_ANCHOR, olen);
        p[2] = t->name_type;
        p[3] = (uint8_t)(olen - TA_HDR - t->name_len);
        memcpy(p + TA_HDR, t->name, t->name_len);
        p += olen;
    }
    if (has_sec(o, MS_ND_OPT_CERTIFICATE)) {
        const struct ms_nd_opt_cert *c = &s->cert;
        size_t olen = round8(CERT_HDR + c->cert_len);
        hdr(p, MS_ND_OPT_CERTIFICATE, olen);
        p[2] = c->cert_type;
        memcpy(p + CERT_HDR, c->cert, c->cert_len);
        p += olen;
    }
    if (has_sec(o, MS_ND_OPT_CGA))
        p = enc_cga(p, &s->cga);
    if (ms_nd_opts_has(o, MS_ND_OPT_TIMESTAMP)) {
        hdr(p, MS_ND_OPT_TIMESTAMP, TS_LEN8 * 8);
        ms_wr64(p + 8, o->timestamp);
        p += TS_LEN8 * 8;
    }
    if (ms_nd_opts_has(o, MS_ND_OPT_NONCE)) {
        size_t olen = round8(2 + o->nonce.len);
        hdr(p, MS_ND_OPT_NONCE, olen);
        memcpy(p + 2, o->nonce.b, o->nonce.len);
        p += olen;
    }
    return p;
}

uint8_t *
ms__nd_rsa_sig_encode(uint8_t *p, const struct ms_nd_opts *o)
{
    if (!has_sec(o, MS_ND_OPT_RSA_SIG))
        return p;
    const struct ms_nd_opt_rsa_sig *s = &o->sec->rsa_sig;
    size_t olen = round8(RSA_HDR + s->sig_len);
    hdr(p, MS_ND_OPT_RSA_SIG, olen);
    memcpy(p + 4, s->key_hash, 16);
    memcpy(p + RSA_HDR, s->sig, s->sig_len);
    return p + olen;
}

/* --- timestamps ----------------------------------------------------------- */

#define NS_PER_S 1000000000ull

int64_t
ms_nd_ts_to_ns(uint64_t ts)
{
    uint64_t s = ts >> 16, frac = ts & 0xffffu;
    if (s > (uint64_t)INT64_MAX / NS_PER_S)
        return INT64_MAX;
    uint64_t ns = s * NS_PER_S + ((frac * NS_PER_S) >> 16); /* < 2^64: no wrap */
    return ns > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)ns;
}

uint64_t
ms_nd_ts_from_ns(int64_t ns)
{
    if (ns <= 0)
        return 0;
    uint64_t s = (uint64_t)ns / NS_PER_S, rem = (uint64_t)ns % NS_PER_S;
    uint64_t frac = (rem * 65536u + NS_PER_S - 1) / NS_PER_S;
    if (frac == 65536u) {
        s++;
        frac = 0;
    }
    return (s << 16) | frac;
}

/* --- formatting ----------------------------------------------------------- */

void
ms__nd_send_format(struct ms__nd_fmt *f, const struct ms_nd_opts *o)
{
    const struct ms_nd_sec *s = o->sec;
    if (has_sec(o, MS_ND_OPT_HK_REQUEST))
        ms__nd_fmt_add(f, " hkreq=at:%u,key:%u", (unsigned)s->hk_req.at,
                       (unsigned)s->hk_req.key_len);
    if (has_sec(o, MS_ND_OPT_HK_REPLY))
        ms__nd_fmt_add(f, " hkrep=at:%u,life:%u,key:%u", (unsigned)s->hk_rep.at,
                       (unsigned)s->hk_rep.lifetime_s, (unsigned)s->hk_rep.key_len);
    if (has_sec(o, MS_ND_OPT_TRUST_ANCHOR))
        ms__nd_fmt_add(f, " ta=%u/%u", (unsigned)s->trust_anchor.name_type,
                       (unsigned)s->trust_anchor.name_len);
    if (has_sec(o, MS_ND_OPT_CERTIFICATE))
        ms__nd_fmt_add(f, " cert=%u/%u", (unsigned)s->cert.cert_type, (unsigned)s->cert.cert_len);
    if (has_sec(o, MS_ND_OPT_CGA))
        ms__nd_fmt_add(f, " cga=cc:%u,key:%u,ext:%u", (unsigned)s->cga.collision_count,
                       (unsigned)s->cga.key_len, (unsigned)s->cga.ext_len);
    if (ms_nd_opts_has(o, MS_ND_OPT_TIMESTAMP))
        ms__nd_fmt_add(f, " ts=%llu.%05u", (unsigned long long)(o->timestamp >> 16),
                       (unsigned)(((o->timestamp & 0xffffu) * 100000u) >> 16));
    if (ms_nd_opts_has(o, MS_ND_OPT_NONCE)) {
        ms__nd_fmt_add(f, " nonce=");
        for (unsigned i = 0; i < o->nonce.len && i < MS_ND_OPT_NONCE_MAX; i++)
            ms__nd_fmt_add(f, "%02x", o->nonce.b[i]);
    }
    if (has_sec(o, MS_ND_OPT_RSA_SIG))
        ms__nd_fmt_add(f, " rsasig=%u", (unsigned)s->rsa_sig.sig_len);
}
