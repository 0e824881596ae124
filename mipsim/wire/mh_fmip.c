/* FMIPv6 Mobility Header messages: FBU, FBack, FNA, HI, HAck (RFC 5568
 * s6.2, RFC 5268 s6.3, RFC 4068 s6.3; RFC 5949 s6.1 extensions of HI/HAck).
 * Fixed parts only; mh.c frames them and the mh_opt*.c files encode the
 * options.  `body` is the octet just after the Checksum.  The generation
 * (m->variant, fmip_variant.h) selects the FBU Lifetime unit and the HAck
 * Code meanings; docs/WIRE-VARIANTS.md records the readings. */
#include "wire/mh.h"

#include <stdio.h>

#include "wire/bytes.h"

/* Flag letters of a flags word from an X-macro map, unnamed bits as
 * +0x..; "-" when none. */
#define MS__FLAG_LETTER(name, num, d, r)                                                           \
    if ((f & (num)) && k + 1 < cap) {                                                              \
        s[k++] = #name[0];                                                                         \
        f &= ~(unsigned)(num);                                                                     \
    }

static void
finish_flags(unsigned f, size_t k, char *s, size_t cap, int wide)
{
    s[k] = '\0';
    if (f)
        snprintf(s + k, cap - k, wide ? "+0x%04x" : "+0x%02x", f);
    else if (k == 0)
        snprintf(s, cap, "-");
}

static void
fbu_flags_str(unsigned f, char *s, size_t cap)
{
    size_t k = 0;
    MS_FBU_FLAG_MAP(MS__FLAG_LETTER)
    finish_flags(f, k, s, cap, 1);
}

static void
hi_flags_str(unsigned f, char *s, size_t cap)
{
    size_t k = 0;
    MS_HI_FLAG_MAP(MS__FLAG_LETTER)
    finish_flags(f, k, s, cap, 0);
}

static void
hack_flags_str(unsigned f, char *s, size_t cap)
{
    size_t k = 0;
    MS_HACK_FLAG_MAP(MS__FLAG_LETTER)
    finish_flags(f, k, s, cap, 0);
}

static void
fback_flags_str(unsigned f, char *s, size_t cap)
{
    size_t k = 0;
    MS_BA_FLAG_MAP(MS__FLAG_LETTER)
    finish_flags(f, k, s, cap, 0);
}
#undef MS__FLAG_LETTER

#define MS__SYM_CASE(name, num, d, r)                                                              \
    case (num):                                                                                    \
        return #name;

static const char *
fback_status_sym(unsigned v)
{
    switch (v) {
        MS_FBACK_STATUS_MAP(MS__SYM_CASE)
    default:
        return NULL;
    }
}

static const char *
hi_code_sym(unsigned v)
{
    switch (v) {
        MS_HI_CODE_MAP(MS__SYM_CASE)
    default:
        return NULL;
    }
}
#undef MS__SYM_CASE

/* ---- Fast Binding Update (RFC 5568 s6.2.2, MH Type 8) ----
 *                                   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *                                   |           Sequence #          |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |A|H|L|K|       Reserved        |            Lifetime           |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   .                           Mobility options                    .
 * Identical to the BU; Lifetime in seconds (RFC 5568/5268), in 4-second
 * units under RFC 4068 ("See RFC 3775").  The whole flags word is carried.
 */
static void
fbu_encode(const struct ms_mh *m, uint8_t *body)
{
    ms_wr16(body, m->u.fbu.seq);
    ms_wr16(body + 2, m->u.fbu.flags);
    ms_wr16(body + 4, ms_mh_lifetime_to_wire_ex(m->type, m->variant, m->u.fbu.lifetime_s));
}

static void
fbu_decode(const uint8_t *body, struct ms_mh *out)
{
    out->u.fbu.seq = ms_rd16(body);
    out->u.fbu.flags = ms_rd16(body + 2);
    out->u.fbu.lifetime_s = ms_mh_lifetime_from_wire_ex(out->type, out->variant, ms_rd16(body + 4));
}

static int
fbu_equal(const struct ms_mh *a, const struct ms_mh *b)
{
    return a->u.fbu.seq == b->u.fbu.seq && a->u.fbu.flags == b->u.fbu.flags &&
           ms_mh_lifetime_to_wire_ex(a->type, a->variant, a->u.fbu.lifetime_s) ==
               ms_mh_lifetime_to_wire_ex(b->type, b->variant, b->u.fbu.lifetime_s);
}

static int
fbu_format(const struct ms_mh *m, char *buf, size_t cap)
{
    char fl[24];
    fbu_flags_str(m->u.fbu.flags, fl, sizeof fl);
    return snprintf(buf, cap, "FBU seq=%u flags=%s lifetime=%us", m->u.fbu.seq, fl,
                    (unsigned)m->u.fbu.lifetime_s);
}

/* ---- Fast Binding Acknowledgment (RFC 5568 s6.2.3, MH Type 9) ----
 *                                   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *                                   |     Status      |K|  Reserved |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |            Sequence #         |            Lifetime           |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   .                           Mobility options                    .
 * Identical to the BA, but "Lifetime: The granted lifetime in seconds" in
 * every generation (RFC 4068 s6.3.2 too).
 */
static void
fback_encode(const struct ms_mh *m, uint8_t *body)
{
    body[0] = m->u.fback.status;
    body[1] = m->u.fback.flags;
    ms_wr16(body + 2, m->u.fback.seq);
    ms_wr16(body + 4, ms_mh_lifetime_to_wire_ex(m->type, m->variant, m->u.fback.lifetime_s));
}

static void
fback_decode(const uint8_t *body, struct ms_mh *out)
{
    out->u.fback.status = body[0];
    out->u.fback.flags = body[1];
    out->u.fback.seq = ms_rd16(body + 2);
    out->u.fback.lifetime_s =
        ms_mh_lifetime_from_wire_ex(out->type, out->variant, ms_rd16(body + 4));
}

static int
fback_equal(const struct ms_mh *a, const struct ms_mh *b)
{
    return a->u.fback.status == b->u.fback.status && a->u.fback.flags == b->u.fback.flags &&
           a->u.fback.seq == b->u.fback.seq &&
           ms_mh_lifetime_to_wire_ex(a->type, a->variant, a->u.fback.lifetime_s) ==
               ms_mh_lifetime_to_wire_ex(b->type, b->variant, b->u.fback.lifetime_s);
}

static int
fback_format(const struct ms_mh *m, char *buf, size_t cap)
{
    char fl[16];
    const char *st = fback_status_sym(m->u.fback.status);
    fback_flags_str(m->u.fback.flags, fl, sizeof fl);
    return snprintf(buf, cap, "FBack status=%u(%s) flags=%s seq=%u lifetime=%us", m->u.fback.status,
                    st ? st : "?", fl, m->u.fback.seq, (unsigned)m->u.fback.lifetime_s);
}

/* ---- Fast Neighbor Advertisement (RFC 4068 s6.3.3, MH Type 10) ----
 *                                   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *                                   |            Reserved           |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   .                        Mobility Options                       .
 * "MUST contain the Mobility Header Link-Layer Address of the MN".
 */
static void
fna_encode(const struct ms_mh *m, uint8_t *body)
{
    (void)m;
    ms_wr16(body, 0);
}

static void
fna_decode(const uint8_t *body, struct ms_mh *out)
{
    (void)body; /* Reserved */
    (void)out;
}

static int
fna_equal(const struct ms_mh *a, const struct ms_mh *b)
{
    (void)a;
    (void)b;
    return 1;
}

static int
fna_format(const struct ms_mh *m, char *buf, size_t cap)
{
    (void)m;
    return snprintf(buf, cap, "FNA");
}

/* ---- Handover Initiate / Acknowledge, MH forms (RFC 5568 s6.2.1, MH
 * Types 14, 15; RFC 5949 s6.1.1-6.1.2) ----
 *                                   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *                                   |           Sequence #          |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |S|U|P|F|Resv'd |      Code     |                               |   HI
 *   |U|P|F|Reserved |      Code     |                               |   HAck
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               .
 *   .                          Mobility options                     .
 * The whole flags octet is carried (Reserved bits round-trip).
 */
static void
hi_encode(const struct ms_mh *m, uint8_t *body)
{
    ms_wr16(body, m->u.hi.seq);
    body[2] = m->u.hi.flags;
    body[3] = m->u.hi.code;
}

static void
hi_decode(const uint8_t *body, struct ms_mh *out)
{
    out->u.hi.seq = ms_rd16(body);
    out->u.hi.flags = body[2];
    out->u.hi.code = body[3];
}

static int
hi_equal(const struct ms_mh *a, const struct ms_mh *b)
{
    return a->u.hi.seq == b->u.hi.seq && a->u.hi.flags == b->u.hi.flags &&
           a->u.hi.code == b->u.hi.code;
}

static int
hi_format(const struct ms_mh *m, char *buf, size_t cap)
{
    char fl[16];
    const char *c = hi_code_sym(m->u.hi.code);
    hi_flags_str(m->u.hi.flags, fl, sizeof fl);
    return snprintf(buf, cap, "HI seq=%u flags=%s code=%u(%s)", m->u.hi.seq, fl, m->u.hi.code,
                    c ? c : "?");
}

static void
hack_encode(const struct ms_mh *m, uint8_t *body)
{
    ms_wr16(body, m->u.hack.seq);
    body[2] = m->u.hack.flags;
    body[3] = m->u.hack.code;
}

static void
hack_decode(const uint8_t *body, struct ms_mh *out)
{
    out->u.hack.seq = ms_rd16(body);
    out->u.hack.flags = body[2];
    out->u.hack.code = body[3];
}

static int
hack_equal(const struct ms_mh *a, const struct ms_mh *b)
{
    return a->u.hack.seq == b->u.hack.seq && a->u.hack.flags == b->u.hack.flags &&
           a->u.hack.code == b->u.hack.code;
}

static int
hack_format(const struct ms_mh *m, char *buf, size_t cap)
{
    char fl[16];
    /* The Code's meaning depends on the generation (CODEPOINTS s7.1). */
    const char *c = ms_fmip_hack_code_sym((int)m->variant, m->u.hack.code);
    hack_flags_str(m->u.hack.flags, fl, sizeof fl);
    return snprintf(buf, cap, "HAck seq=%u flags=%s code=%u(%s)", m->u.hack.seq, fl, m->u.hack.code,
                    c ? c : "?");
}

#define MS__MSG(t, n, f)                                                                           \
    {                                                                                              \
        .type = (t), .body_len = (n), .encode = f##_encode, .decode = f##_decode,                  \
        .equal = f##_equal, .format = f##_format                                                   \
    }
static const struct ms__mh_msg fbu_msg = MS__MSG(MS_MH_FBU, 6, fbu);
static const struct ms__mh_msg fback_msg = MS__MSG(MS_MH_FBACK, 6, fback);
static const struct ms__mh_msg fna_msg = MS__MSG(MS_MH_FNA, 2, fna);
static const struct ms__mh_msg hi_msg = MS__MSG(MS_MH_HI, 4, hi);
static const struct ms__mh_msg hack_msg = MS__MSG(MS_MH_HACK, 4, hack);
#undef MS__MSG

const struct ms__mh_msg *
ms__mh_fmip_msg(uint8_t type)
{
    switch (type) {
    case MS_MH_FBU:
        return &fbu_msg;
    case MS_MH_FBACK:
        return &fback_msg;
    case MS_MH_FNA:
        return &fna_msg;
    case MS_MH_HI:
        return &hi_msg;
    case MS_MH_HACK:
        return &hack_msg;
    default:
        return NULL;
    }
}

/* ---- Receiver-side rule checks: flagged, never fatal ---- */

static uint32_t
check_fbu(const struct ms_mh *m)
{
    uint32_t d = 0;
    unsigned f = m->u.fbu.flags;
    const unsigned ah = MS_FBU_F_A | MS_FBU_F_H;
    const unsigned known = ah | MS_FBU_F_L | MS_FBU_F_K | MS_FBU_F_B;
    /* RFC 5568 s6.2.2 (RFC 4068 s6.3.1): "'A' flag: MUST be set to one",
     * "'H' flag: MUST be set to one", other protocols' flags "MUST be set to
     * zero". */
    if ((f & ah) != ah || (f & ~known) != 0)
        d |= MS_MH_MSG_FLAGS;
    /* RFC 5271 s6.3 B, IANA F (RFC 5555): CODEPOINTS gotcha 7. */
    if (f & MS_FBU_F_B)
        d |= MS_MH_MSG_FBU_B;
    /* RFC 5568 s6.2.2: "MUST contain the ... (BADF) option".  RFC 4068 has
     * no BADF. */
    if (m->variant != MS_FMIP_RFC4068 && !(m->opts.present & MS_MH_OPTS_BADF))
        d |= MS_MH_MSG_MISSING_OPT;
    return d;
}

static uint32_t
check_fback(const struct ms_mh *m)
{
    uint32_t d = 0;
    /* s6.2.3: other protocols' flags MUST be zero; K is RFC 3775's. */
    if (m->u.fback.flags & ~(unsigned)MS_BA_F_K)
        d |= MS_MH_MSG_FLAGS;
    if (!fback_status_sym(m->u.fback.status))
        d |= MS_MH_MSG_CODE;
    /* s6.2.3: "MUST contain an 'alternate' CoA if Status is 1.  MUST contain
     * the ... (BADF) option." */
    if (m->u.fback.status == MS_FBACK_ACCEPTED_USE_SUPPLIED_NCOA &&
        !(m->opts.present & MS_MH_OPTS_ALT_COA))
        d |= MS_MH_MSG_MISSING_OPT;
    if (m->variant != MS_FMIP_RFC4068 && !(m->opts.present & MS_MH_OPTS_BADF))
        d |= MS_MH_MSG_MISSING_OPT;
    return d;
}

static uint32_t
check_hi(const struct ms_mh *m)
{
    uint32_t d = 0;
    unsigned f = m->u.hi.flags;
    int p = (f & MS_HI_F_P) != 0;
    uint8_t c = m->u.hi.code;
    /* RFC 5568 s6.2.1.1: S "MUST be 0 when Code = 1"; RFC 5949 s6.1.1: S
     * "MUST be set to zero" with P. */
    if ((f & MS_HI_F_S) && (c == MS_HI_FBU_NOT_FROM_PCOA || p))
        d |= MS_MH_MSG_FLAGS;
    /* Codes 0, 1 (RFC 5568); 2, 3 only with P (RFC 5949 s6.1.1). */
    if (!hi_code_sym(c) ||
        ((c == MS_HI_FORWARDING_COMPLETE || c == MS_HI_CONTEXT_TRANSFERRED) && !p))
        d |= MS_MH_MSG_CODE;
    /* RFC 5568 s6.2.1.1: the MN's link-layer address "MUST be included";
     * RFC 5949 identifies the MN by its MN-ID instead. */
    if (!p && !(m->opts.present & MS_MH_OPTS_LLA))
        d |= MS_MH_MSG_MISSING_OPT;
    if (m->variant != MS_FMIP_RFC5568)
        d |= MS_MH_MSG_NOT_IN_VARIANT;
    return d;
}

static uint32_t
check_hack(const struct ms_mh *m)
{
    uint32_t d = 0;
    uint8_t c = m->u.hack.code;
    int p = (m->u.hack.flags & MS_HACK_F_P) != 0;
    if (!ms_fmip_hack_code_sym((int)m->variant, c))
        d |= MS_MH_MSG_CODE;
    /* RFC 5949 s6.1.2: 5, 6, 131, 132 are defined "when the 'P' flag is set". */
    if (!p && (c == MS_HACK_CONTEXT_ACCEPTED || c == MS_HACK_ALL_CONTEXT ||
               c == MS_HACK_CONTEXT_UNAVAILABLE || c == MS_HACK_FORWARDING_UNAVAILABLE))
        d |= MS_MH_MSG_CODE;
    if (m->variant != MS_FMIP_RFC5568)
        d |= MS_MH_MSG_NOT_IN_VARIANT;
    return d;
}

void
ms__mh_fmip_check(struct ms_mh *m)
{
    switch (m->type) {
    case MS_MH_FBU:
        m->diag |= check_fbu(m);
        break;
    case MS_MH_FBACK:
        m->diag |= check_fback(m);
        break;
    case MS_MH_FNA:
        /* RFC 5568 s8 / App. C (and RFC 5268): deprecated, "acceptable for a
         * NAR to process"; RFC 4068 s6.3.3: the MH-LLA is mandatory. */
        if (m->variant != MS_FMIP_RFC4068)
            m->diag |= MS_MH_MSG_DEPRECATED;
        if (!(m->opts.present & MS_MH_OPTS_LLA))
            m->diag |= MS_MH_MSG_MISSING_OPT;
        break;
    case MS_MH_HI:
        m->diag |= check_hi(m);
        break;
    case MS_MH_HACK:
        m->diag |= check_hack(m);
        break;
    default:
        break;
    }
}
