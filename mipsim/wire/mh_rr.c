/* Return routability messages: HoTI, CoTI, HoT, CoT (RFC 6275
 * s6.1.3-6.1.6).  Fixed parts only; mh.c frames them and mh_opt.c encodes
 * the options.  `body` is the octet just after the Checksum. */
#include "wire/mh.h"

#include <inttypes.h>
#include <stdio.h>

#include "wire/bytes.h"

/* ---- Home Test Init / Care-of Test Init (RFC 6275 s6.1.3-6.1.4, MH Types 1, 2) ----
 *                                   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *                                   |           Reserved            |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   +                 Home (Care-of) Init Cookie                    +
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   .                       Mobility Options                        .
 * struct ms_mh_hoti and ms_mh_coti have the same layout but are separate
 * union members; each codec reads its own.
 */
static void
hoti_encode(const struct ms_mh *m, uint8_t *body)
{
    ms_wr16(body, 0);
    ms_wr64(body + 2, m->u.hoti.cookie);
}

static void
hoti_decode(const uint8_t *body, struct ms_mh *out)
{
    out->u.hoti.cookie = ms_rd64(body + 2);
}

static int
hoti_equal(const struct ms_mh *a, const struct ms_mh *b)
{
    return a->u.hoti.cookie == b->u.hoti.cookie;
}

static int
hoti_format(const struct ms_mh *m, char *buf, size_t cap)
{
    return snprintf(buf, cap, "HoTI cookie=%016" PRIx64, m->u.hoti.cookie);
}

static void
coti_encode(const struct ms_mh *m, uint8_t *body)
{
    ms_wr16(body, 0);
    ms_wr64(body + 2, m->u.coti.cookie);
}

static void
coti_decode(const uint8_t *body, struct ms_mh *out)
{
    out->u.coti.cookie = ms_rd64(body + 2);
}

static int
coti_equal(const struct ms_mh *a, const struct ms_mh *b)
{
    return a->u.coti.cookie == b->u.coti.cookie;
}

static int
coti_format(const struct ms_mh *m, char *buf, size_t cap)
{
    return snprintf(buf, cap, "CoTI cookie=%016" PRIx64, m->u.coti.cookie);
}

/* ---- Home Test / Care-of Test (RFC 6275 s6.1.5-6.1.6, MH Types 3, 4) ----
 *                                   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *                                   |  Home (Care-of) Nonce Index   |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   +                 Home (Care-of) Init Cookie                    +
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   +                 Home (Care-of) Keygen Token                   +
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   .                        Mobility Options                       .
 */
static void
hot_encode(const struct ms_mh *m, uint8_t *body)
{
    ms_wr16(body, m->u.hot.nonce_index);
    ms_wr64(body + 2, m->u.hot.cookie);
    ms_wr64(body + 10, m->u.hot.keygen_token);
}

static void
hot_decode(const uint8_t *body, struct ms_mh *out)
{
    out->u.hot.nonce_index = ms_rd16(body);
    out->u.hot.cookie = ms_rd64(body + 2);
    out->u.hot.keygen_token = ms_rd64(body + 10);
}

static int
hot_equal(const struct ms_mh *a, const struct ms_mh *b)
{
    return a->u.hot.nonce_index == b->u.hot.nonce_index && a->u.hot.cookie == b->u.hot.cookie &&
           a->u.hot.keygen_token == b->u.hot.keygen_token;
}

static int
hot_format(const struct ms_mh *m, char *buf, size_t cap)
{
    return snprintf(buf, cap, "HoT nonce=%u cookie=%016" PRIx64 " token=%016" PRIx64,
                    m->u.hot.nonce_index, m->u.hot.cookie, m->u.hot.keygen_token);
}

static void
cot_encode(const struct ms_mh *m, uint8_t *body)
{
    ms_wr16(body, m->u.cot.nonce_index);
    ms_wr64(body + 2, m->u.cot.cookie);
    ms_wr64(body + 10, m->u.cot.keygen_token);
}

static void
cot_decode(const uint8_t *body, struct ms_mh *out)
{
    out->u.cot.nonce_index = ms_rd16(body);
    out->u.cot.cookie = ms_rd64(body + 2);
    out->u.cot.keygen_token = ms_rd64(body + 10);
}

static int
cot_equal(const struct ms_mh *a, const struct ms_mh *b)
{
    return a->u.cot.nonce_index == b->u.cot.nonce_index && a->u.cot.cookie == b->u.cot.cookie &&
           a->u.cot.keygen_token == b->u.cot.keygen_token;
}

static int
cot_format(const struct ms_mh *m, char *buf, size_t cap)
{
    return snprintf(buf, cap, "CoT nonce=%u cookie=%016" PRIx64 " token=%016" PRIx64,
                    m->u.cot.nonce_index, m->u.cot.cookie, m->u.cot.keygen_token);
}

static const struct ms__mh_msg hoti_msg = {MS_MH_HOTI,  10,         hoti_encode,
                                           hoti_decode, hoti_equal, hoti_format};
static const struct ms__mh_msg coti_msg = {MS_MH_COTI,  10,         coti_encode,
                                           coti_decode, coti_equal, coti_format};
static const struct ms__mh_msg hot_msg = {MS_MH_HOT,  18,        hot_encode,
                                          hot_decode, hot_equal, hot_format};
static const struct ms__mh_msg cot_msg = {MS_MH_COT,  18,        cot_encode,
                                          cot_decode, cot_equal, cot_format};

const struct ms__mh_msg *
ms__mh_rr_msg(uint8_t type)
{
    switch (type) {
    case MS_MH_HOTI:
        return &hoti_msg;
    case MS_MH_COTI:
        return &coti_msg;
    case MS_MH_HOT:
        return &hot_msg;
    case MS_MH_COT:
        return &cot_msg;
    default:
        return NULL;
    }
}
