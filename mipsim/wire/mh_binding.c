/* Binding management messages: BRR, BU, BA, BE (RFC 6275 s6.1.2,
 * s6.1.7-6.1.9).  Fixed parts only; mh.c frames them and mh_opt.c encodes
 * the options.  `body` is the octet just after the Checksum. */
#include "wire/mh.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "wire/bytes.h"
#include "wire/codepoints_names.h"

/* ---- Binding Refresh Request (RFC 6275 s6.1.2, MH Type 0) ----
 *                                   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *                                   |          Reserved             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   .                        Mobility Options                       .
 */
static void
brr_encode(const struct ms_mh *m, uint8_t *body)
{
    (void)m;
    ms_wr16(body, 0);
}

static void
brr_decode(const uint8_t *body, struct ms_mh *out)
{
    /* RFC 6275 s6.1.2: Reserved MUST be ignored by the receiver. */
    (void)body;
    (void)out;
}

static int
brr_equal(const struct ms_mh *a, const struct ms_mh *b)
{
    (void)a;
    (void)b;
    return 1;
}

static int
brr_format(const struct ms_mh *m, char *buf, size_t cap)
{
    (void)m;
    return snprintf(buf, cap, "BRR");
}

/* ---- Binding Update (RFC 6275 s6.1.7, MH Type 5) ----
 *                                   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *                                   |          Sequence #           |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |A|H|L|K|        Reserved       |           Lifetime            |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   .                        Mobility Options                       .
 * Lifetime: "One time unit is 4 seconds."  The whole flags word is carried
 * (M of RFC 5380, R of RFC 3963, P of RFC 5213 and later bits too).
 */
static void
bu_encode(const struct ms_mh *m, uint8_t *body)
{
    ms_wr16(body, m->u.bu.seq);
    ms_wr16(body + 2, m->u.bu.flags);
    ms_wr16(body + 4, ms_mh_lifetime_to_wire(m->type, m->u.bu.lifetime_s));
}

static void
bu_decode(const uint8_t *body, struct ms_mh *out)
{
    out->u.bu.seq = ms_rd16(body);
    out->u.bu.flags = ms_rd16(body + 2);
    out->u.bu.lifetime_s = ms_mh_lifetime_from_wire(out->type, ms_rd16(body + 4));
}

static int
bu_equal(const struct ms_mh *a, const struct ms_mh *b)
{
    return a->u.bu.seq == b->u.bu.seq && a->u.bu.flags == b->u.bu.flags &&
           ms_mh_lifetime_to_wire(a->type, a->u.bu.lifetime_s) ==
               ms_mh_lifetime_to_wire(b->type, b->u.bu.lifetime_s);
}

/* Flag letters from codepoints.h, in mask order; unnamed bits as +0x....;
 * "-" when none. */
static void
bu_flags_str(uint16_t f, char *s, size_t cap)
{
    size_t k = 0;
#define MS__BU_LETTER(name, num, d, r)                                                             \
    if ((f & (num)) && k + 1 < cap) {                                                              \
        s[k++] = #name[0];                                                                         \
        f = (uint16_t)(f & ~(unsigned)(num));                                                      \
    }
    MS_BU_FLAG_MAP(MS__BU_LETTER)
#undef MS__BU_LETTER
    s[k] = '\0';
    if (f)
        snprintf(s + k, cap - k, "+0x%04x", f);
    else if (k == 0)
        snprintf(s, cap, "-");
}

static int
bu_format(const struct ms_mh *m, char *buf, size_t cap)
{
    char fl[24];
    bu_flags_str(m->u.bu.flags, fl, sizeof fl);
    return snprintf(buf, cap, "BU seq=%u flags=%s lifetime=%us", m->u.bu.seq, fl,
                    (unsigned)m->u.bu.lifetime_s);
}

/* ---- Binding Acknowledgement (RFC 6275 s6.1.8, MH Type 6) ----
 *                                   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *                                   |    Status     |K|  Reserved   |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |           Sequence #          |           Lifetime            |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   .                        Mobility Options                       .
 * Lifetime: "in time units of 4 seconds".
 */
static void
ba_encode(const struct ms_mh *m, uint8_t *body)
{
    body[0] = m->u.ba.status;
    body[1] = m->u.ba.flags;
    ms_wr16(body + 2, m->u.ba.seq);
    ms_wr16(body + 4, ms_mh_lifetime_to_wire(m->type, m->u.ba.lifetime_s));
}

static void
ba_decode(const uint8_t *body, struct ms_mh *out)
{
    out->u.ba.status = body[0];
    out->u.ba.flags = body[1];
    out->u.ba.seq = ms_rd16(body + 2);
    out->u.ba.lifetime_s = ms_mh_lifetime_from_wire(out->type, ms_rd16(body + 4));
}

static int
ba_equal(const struct ms_mh *a, const struct ms_mh *b)
{
    return a->u.ba.status == b->u.ba.status && a->u.ba.flags == b->u.ba.flags &&
           a->u.ba.seq == b->u.ba.seq &&
           ms_mh_lifetime_to_wire(a->type, a->u.ba.lifetime_s) ==
               ms_mh_lifetime_to_wire(b->type, b->u.ba.lifetime_s);
}

static int
ba_format(const struct ms_mh *m, char *buf, size_t cap)
{
    const char *st = ms_ba_status_sym(m->u.ba.status);
    char fl[16];
    uint8_t f = m->u.ba.flags;
    if (f == MS_BA_F_K)
        snprintf(fl, sizeof fl, "K");
    else if (f & MS_BA_F_K)
        snprintf(fl, sizeof fl, "K+0x%02x", (unsigned)(f & ~MS_BA_F_K));
    else if (f)
        snprintf(fl, sizeof fl, "+0x%02x", f);
    else
        snprintf(fl, sizeof fl, "-");
    return snprintf(buf, cap, "BA status=%u(%s) flags=%s seq=%u lifetime=%us", m->u.ba.status,
                    st ? st : "?", fl, m->u.ba.seq, (unsigned)m->u.ba.lifetime_s);
}

/* ---- Binding Error (RFC 6275 s6.1.9, MH Type 7) ----
 *                                   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *                                   |     Status    |   Reserved    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   +                          Home Address (128)                   +
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   .                        Mobility Options                       .
 */
static void
be_encode(const struct ms_mh *m, uint8_t *body)
{
    body[0] = m->u.be.status;
    body[1] = 0;
    memcpy(body + 2, m->u.be.hoa.s6_addr, 16);
}

static void
be_decode(const uint8_t *body, struct ms_mh *out)
{
    out->u.be.status = body[0];
    memcpy(out->u.be.hoa.s6_addr, body + 2, 16);
}

static int
be_equal(const struct ms_mh *a, const struct ms_mh *b)
{
    return a->u.be.status == b->u.be.status && memcmp(&a->u.be.hoa, &b->u.be.hoa, 16) == 0;
}

static int
be_format(const struct ms_mh *m, char *buf, size_t cap)
{
    char a[INET6_ADDRSTRLEN];
    inet_ntop(AF_INET6, &m->u.be.hoa, a, sizeof a);
    return snprintf(buf, cap, "BE status=%u hoa=%s", m->u.be.status, a);
}

static const struct ms__mh_msg brr_msg = {MS_MH_BRR,  2,         brr_encode,
                                          brr_decode, brr_equal, brr_format};
static const struct ms__mh_msg bu_msg = {MS_MH_BU, 6, bu_encode, bu_decode, bu_equal, bu_format};
static const struct ms__mh_msg ba_msg = {MS_MH_BA, 6, ba_encode, ba_decode, ba_equal, ba_format};
static const struct ms__mh_msg be_msg = {MS_MH_BE, 18, be_encode, be_decode, be_equal, be_format};

const struct ms__mh_msg *
ms__mh_binding_msg(uint8_t type)
{
    switch (type) {
    case MS_MH_BRR:
        return &brr_msg;
    case MS_MH_BU:
        return &bu_msg;
    case MS_MH_BA:
        return &ba_msg;
    case MS_MH_BE:
        return &be_msg;
    default:
        return NULL;
    }
}
