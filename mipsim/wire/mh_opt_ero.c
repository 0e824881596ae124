/* Enhanced Route Optimization mobility options (RFC 4866 s5.1-5.6): CGA
 * Parameters Request (11), CGA Parameters (12), Signature (13), Permanent
 * Home Keygen Token (14), Care-of Test Init (15), Care-of Test (16).
 * Contract in mh_opt.h.  RFC 4866 gives none of them an alignment
 * requirement: the encoder writes them back to back.
 *
 * Every option has the plain RFC 6275 s6.2.1 form:
 *                                  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *                                  |  Option Type  | Option Length |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  :             CGA Parameters / Signature / PHKT / Token           :
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   11 CGA Parameters Request, 15 Care-of Test Init: "Option Length: This
 *      field MUST be set to zero."
 *   12 CGA Parameters: up to 255 octets of the CGA Parameters structure
 *      (RFC 3972).  "All CGA Parameters options ... except the last one MUST
 *      contain exactly 255 bytes"; "All CGA Parameters options MUST appear
 *      directly one after another" (s5.1).
 *   13 Signature: directly after the CGA Parameters options (s5.2, s4.4).
 *   14 Permanent Home Keygen Token: the 8-octet token encrypted with the
 *      MN's public key (RSAES-PKCS1-v1_5), so the field "may be longer"
 *      (s5.3): 1..255 octets are kept.
 *   16 Care-of Test: "Option Length: This field MUST be set to 8", the
 *      care-of keygen token (s5.5).
 */
#include "wire/mh_opt.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "wire/bytes.h"
#include "wire/err.h"

enum { COT_LEN = 8, CGA_PIECE = 255 };

#define AT(x) (buf ? buf + ((x)-start) : NULL)

int
ms__mh_opt_ero_step(int t, uint8_t olen, struct ms__mh_opt_walk *w, struct ms_mh_opts *out)
{
    if (w->cga_run == 1 && t != MS_MH_OPT_CGA_PARAMS) {
        /* The run of CGA Parameters options ends here; RFC 4866 s4.2, s4.4:
         * it must be "directly followed by a Signature option" (the CN then
         * answers 148, the MN discards: the role decides, we flag). */
        w->cga_run = 2;
        if (t != MS_MH_OPT_SIGNATURE)
            out->diag |= MS_MH_DIAG_ORDER;
    }
    if (t == MS_MH_OPT_CGA_PARAMS) {
        if (w->cga_run == 2)
            return MS_EDUP_OPT; /* s5.1: the options MUST be adjacent */
        if (w->cga_run == 1 && w->cga_prev_len != CGA_PIECE)
            return MS_EBAD_OPTLEN; /* s5.1: all but the last exactly 255 */
        w->cga_run = 1;
        w->cga_prev_len = olen;
    }
    if (t == MS_MH_OPT_SIGNATURE && w->prev_type != MS_MH_OPT_CGA_PARAMS)
        out->diag |= MS_MH_DIAG_ORDER; /* s4.4: a Signature without CGA Parameters */
    return 0;
}

/* One piece of the CGA Parameters structure: append it, or drop the whole
 * structure when it does not fit (the split rule is still checked by
 * ms__mh_opt_ero_step on every piece). */
static void
cga_piece(const uint8_t *d, size_t dlen, struct ms__mh_opt_walk *w, struct ms_mh_opts *out)
{
    if (w->cga_dropped)
        return;
    if (ms__mh_blob_append(out, MS_MH_BLOB_CGA, d, dlen) == 0)
        return;
    if (out->present & MS_MH_OPTS_CGA) {
        /* The structure is the last payload appended: remove it. */
        out->blob_used = (uint16_t)(out->blob_used - out->span[MS_MH_BLOB_CGA].len);
        out->span[MS_MH_BLOB_CGA].off = 0;
        out->span[MS_MH_BLOB_CGA].len = 0;
        out->present &= ~MS_MH_OPTS_CGA;
    }
    w->cga_dropped = 1;
    out->diag |= MS_MH_DIAG_OPT_DROPPED;
}

static void
keep_one(enum ms_mh_blob which, const uint8_t *d, size_t dlen, struct ms_mh_opts *out)
{
    if (out->present & ms__mh_blob_bit(which)) {
        out->diag |= MS_MH_DIAG_DUP_OPT;
        return;
    }
    if (ms__mh_blob_append(out, which, d, dlen) < 0)
        out->diag |= MS_MH_DIAG_OPT_DROPPED;
}

int
ms__mh_opt_ero_decode(uint8_t t, const uint8_t *d, size_t dlen, size_t abs,
                      struct ms__mh_opt_walk *w, struct ms_mh_opts *out, int *rc)
{
    (void)abs; /* RFC 4866 s5: no alignment requirements */
    *rc = 0;
    switch (t) {
    case MS_MH_OPT_CGA_PARAMS_REQ:
    case MS_MH_OPT_COTI:
        if (dlen != 0)
            *rc = MS_EBAD_OPTLEN;
        else
            ms__mh_opt_first(out, t == MS_MH_OPT_COTI ? MS_MH_OPTS_COTI : MS_MH_OPTS_CGA_REQ);
        return 1;
    case MS_MH_OPT_CGA_PARAMS:
        if (dlen == 0)
            *rc = MS_EZERO_OPTLEN;
        else
            cga_piece(d, dlen, w, out);
        return 1;
    case MS_MH_OPT_SIGNATURE:
    case MS_MH_OPT_PHKT:
        if (dlen == 0)
            *rc = MS_EZERO_OPTLEN;
        else
            keep_one(t == MS_MH_OPT_SIGNATURE ? MS_MH_BLOB_SIG : MS_MH_BLOB_PHKT, d, dlen, out);
        return 1;
    case MS_MH_OPT_COT:
        if (dlen != COT_LEN)
            *rc = MS_EBAD_OPTLEN;
        else if (ms__mh_opt_first(out, MS_MH_OPTS_COT))
            out->cot_token = ms_rd64(d);
        return 1;
    default:
        return 0;
    }
}

int
ms__mh_opt_ero_validate(const struct ms_mh_opts *o)
{
    static const struct {
        uint32_t bit;
        enum ms_mh_blob which;
    } b[] = {{MS_MH_OPTS_CGA, MS_MH_BLOB_CGA},
             {MS_MH_OPTS_SIG, MS_MH_BLOB_SIG},
             {MS_MH_OPTS_PHKT, MS_MH_BLOB_PHKT}};
    for (size_t i = 0; i < sizeof b / sizeof b[0]; i++) {
        if ((o->present & b[i].bit) && !ms__mh_blob_ok(o, b[i].which))
            return -EINVAL;
    }
    return 0;
}

/* Writes one option with n data octets from d. */
static size_t
put(uint8_t type, const uint8_t *d, size_t n, size_t start, size_t off, uint8_t *buf)
{
    if (buf) {
        AT(off)[0] = type;
        AT(off)[1] = (uint8_t)n;
        if (n)
            memcpy(AT(off) + 2, d, n);
    }
    return off + 2 + n;
}

size_t
ms__mh_opt_ero_layout(const struct ms_mh_opts *o, size_t start, size_t off, uint8_t *buf)
{
    if (o->present & MS_MH_OPTS_CGA_REQ)
        off = put(MS_MH_OPT_CGA_PARAMS_REQ, NULL, 0, start, off, buf);
    if (o->present & MS_MH_OPTS_CGA) {
        /* RFC 4866 s5.1: 255-octet pieces, the last one shorter or equal,
         * adjacent, and (s5.2) directly followed by the Signature. */
        const uint8_t *p = o->blob + o->span[MS_MH_BLOB_CGA].off;
        size_t left = o->span[MS_MH_BLOB_CGA].len;
        while (left > 0) {
            size_t n = left > CGA_PIECE ? CGA_PIECE : left;
            off = put(MS_MH_OPT_CGA_PARAMS, p, n, start, off, buf);
            p += n;
            left -= n;
        }
    }
    if (o->present & MS_MH_OPTS_SIG)
        off = put(MS_MH_OPT_SIGNATURE, o->blob + o->span[MS_MH_BLOB_SIG].off,
                  o->span[MS_MH_BLOB_SIG].len, start, off, buf);
    /* RFC 4866 s4.1: "The Care-of Test Init option MUST follow the CGA
     * Parameters and Signature options, if those exist". */
    if (o->present & MS_MH_OPTS_COTI)
        off = put(MS_MH_OPT_COTI, NULL, 0, start, off, buf);
    if (o->present & MS_MH_OPTS_PHKT)
        off = put(MS_MH_OPT_PHKT, o->blob + o->span[MS_MH_BLOB_PHKT].off,
                  o->span[MS_MH_BLOB_PHKT].len, start, off, buf);
    if (o->present & MS_MH_OPTS_COT) {
        uint8_t tok[COT_LEN];
        ms_wr64(tok, o->cot_token);
        off = put(MS_MH_OPT_COT, tok, COT_LEN, start, off, buf);
    }
    return off;
}

static int
same_blob(const struct ms_mh_opts *a, const struct ms_mh_opts *b, enum ms_mh_blob which)
{
    size_t la, lb;
    const uint8_t *pa = ms_mh_opts_blob_get(a, which, &la);
    const uint8_t *pb = ms_mh_opts_blob_get(b, which, &lb);
    if (!pa || !pb)
        return pa == pb;
    return la == lb && memcmp(pa, pb, la) == 0;
}

int
ms__mh_opt_ero_equal(const struct ms_mh_opts *a, const struct ms_mh_opts *b)
{
    if ((a->present & MS_MH_OPTS_CGA) && !same_blob(a, b, MS_MH_BLOB_CGA))
        return 0;
    if ((a->present & MS_MH_OPTS_SIG) && !same_blob(a, b, MS_MH_BLOB_SIG))
        return 0;
    if ((a->present & MS_MH_OPTS_PHKT) && !same_blob(a, b, MS_MH_BLOB_PHKT))
        return 0;
    if ((a->present & MS_MH_OPTS_COT) && a->cot_token != b->cot_token)
        return 0;
    return 1;
}

void
ms__mh_opt_ero_format(const struct ms_mh_opts *o, char *buf, size_t cap, size_t *n)
{
    if (o->present & MS_MH_OPTS_CGA_REQ)
        ms__mh_opt_app(buf, cap, n, " cgareq");
    if (o->present & MS_MH_OPTS_COTI)
        ms__mh_opt_app(buf, cap, n, " coti");
    if (o->present & MS_MH_OPTS_CGA)
        ms__mh_opt_app(buf, cap, n, " cga[%u]", (unsigned)o->span[MS_MH_BLOB_CGA].len);
    if (o->present & MS_MH_OPTS_SIG)
        ms__mh_opt_app(buf, cap, n, " sig[%u]", (unsigned)o->span[MS_MH_BLOB_SIG].len);
    if (o->present & MS_MH_OPTS_PHKT)
        ms__mh_opt_app(buf, cap, n, " phkt[%u]", (unsigned)o->span[MS_MH_BLOB_PHKT].len);
    if (o->present & MS_MH_OPTS_COT)
        ms__mh_opt_app(buf, cap, n, " cot=%016" PRIx64, o->cot_token);
}
