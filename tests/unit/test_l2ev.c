/* Unit tests for mipsim/wire/l2ev.{h,c} (format: docs/L2-EVENTS.md). */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "wire/codepoints.h"
#include "wire/err.h"
#include "wire/eth.h"
#include "wire/l2ev.h"

static const struct ms_mac mn_mac = {{0x02, 0x00, 0x00, 0x00, 0x00, 0x01}};
static const struct ms_mac ap_mac = {{0x02, 0x00, 0x00, 0x00, 0xaa, 0x01}};

/* Golden: the example frame of docs/L2-EVENTS.md, hand-assembled from the
 * payload diagram there. */
/* clang-format off */
static const uint8_t golden_frame[14 + 46] = {
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0x00, 0x00, 0x00, 0xaa, 0x01, 0x88, 0xb5,
    0x01, 0x03, 0x00, 0x1f,                                     /* v1, LGD, Length 31 */
    0x01, 0x06, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01,             /* MN_MAC */
    0x02, 0x03, 'a',  'p',  '1',                                /* AP_ID */
    0x03, 0x03, 'a',  'p',  '2',                                /* TARGET_AP_ID */
    0x04, 0x01, 0x01,                                           /* LINK_TYPE 802.11 */
    0x05, 0x08, 0x00, 0x00, 0x00, 0x00, 0x02, 0xfa, 0xf0, 0x80, /* TIME_NS 50 ms */
    /* 11 octets of zero padding */
};
/* clang-format on */

static struct ms_l2ev
golden_ev(void)
{
    struct ms_l2ev e;
    memset(&e, 0, sizeof e);
    e.type = MS_L2EV_LINK_GOING_DOWN;
    e.mn = mn_mac;
    strcpy(e.ap_id, "ap1");
    strcpy(e.target_ap_id, "ap2");
    e.link_profile = MS_L2EV_PROFILE_80211;
    e.time_ns = 50000000;
    e.present = MS_L2EV_HAS(MS_L2EV_TLV_MN_MAC) | MS_L2EV_HAS(MS_L2EV_TLV_AP_ID) |
                MS_L2EV_HAS(MS_L2EV_TLV_TARGET_AP_ID) | MS_L2EV_HAS(MS_L2EV_TLV_LINK_TYPE) |
                MS_L2EV_HAS(MS_L2EV_TLV_TIME_NS);
    return e;
}

static void
assert_same(const struct ms_l2ev *a, const struct ms_l2ev *b)
{
    cr_assert_eq(a->type, b->type);
    cr_assert_eq(a->present, b->present);
    if (a->present & MS_L2EV_HAS(MS_L2EV_TLV_MN_MAC))
        cr_assert(ms_mac_equal(&a->mn, &b->mn));
    if (a->present & MS_L2EV_HAS(MS_L2EV_TLV_AP_ID))
        cr_assert_str_eq(a->ap_id, b->ap_id);
    if (a->present & MS_L2EV_HAS(MS_L2EV_TLV_TARGET_AP_ID))
        cr_assert_str_eq(a->target_ap_id, b->target_ap_id);
    if (a->present & MS_L2EV_HAS(MS_L2EV_TLV_LINK_TYPE))
        cr_assert_eq(a->link_profile, b->link_profile);
    if (a->present & MS_L2EV_HAS(MS_L2EV_TLV_TIME_NS))
        cr_assert_eq(a->time_ns, b->time_ns);
}

Test(l2ev, golden_frame)
{
    struct ms_l2ev e = golden_ev(), d;
    struct ms_mac bc;
    ms_mac_broadcast(&bc);
    uint8_t buf[128];
    cr_assert_eq(ms_l2ev_frame_encode(&bc, &ap_mac, &e, buf, sizeof buf), 60);
    cr_assert_arr_eq(buf, golden_frame, 60);
    struct ms_eth eth;
    cr_assert_eq(ms_l2ev_frame_decode(golden_frame, 60, &eth, &d), 0);
    cr_assert(ms_mac_is_broadcast(&eth.dst));
    cr_assert(ms_mac_equal(&eth.src, &ap_mac));
    cr_assert_eq(eth.ethertype, MS_ETHERTYPE_L2EV);
    assert_same(&e, &d);
    cr_assert_eq(ms_l2ev_frame_decode(golden_frame, 60, NULL, &d), 0);
    char s[160];
    ms_l2ev_format(&d, s, sizeof s);
    cr_assert_str_eq(s, "link-going-down mn 02:00:00:00:00:01 ap ap1 target ap2 profile 1 in "
                        "50000000ns");
}

Test(l2ev, roundtrip_every_type_and_subset)
{
    uint8_t buf[128];
    for (uint8_t t = MS_L2EV_LINK_UP; t <= MS_L2EV_HANDOVER_START; t++) {
        for (uint32_t mask = 0; mask < 32; mask++) {
            struct ms_l2ev e = golden_ev(), d;
            e.type = t;
            e.present = mask << 1; /* TLV numbers 1..5 */
            int n = ms_l2ev_encode(&e, buf, sizeof buf);
            cr_assert_geq(n, MS_ETH_MIN_PAYLOAD);
            cr_assert_eq((size_t)n, ms_l2ev_len(&e));
            cr_assert_eq(ms_l2ev_decode(buf, (size_t)n, &d), 0);
            assert_same(&e, &d);
        }
    }
}

/* A maximal event is longer than 46 octets and not padded. */
Test(l2ev, long_ap_ids_utf8)
{
    struct ms_l2ev e = golden_ev(), d;
    memset(e.ap_id, 'x', 32);
    e.ap_id[32] = '\0';
    strcpy(e.target_ap_id, "caf\xc3\xa9-\xe2\x82\xac-\xf0\x9f\x93\xb6"); /* café-€-📶 */
    uint8_t buf[128];
    int n = ms_l2ev_encode(&e, buf, sizeof buf);
    cr_assert_eq(n, 4 + 8 + 34 + 2 + (int)strlen(e.target_ap_id) + 3 + 10);
    cr_assert_eq(ms_l2ev_decode(buf, (size_t)n, &d), 0);
    assert_same(&e, &d);
    cr_assert_eq(ms_l2ev_encode(&e, buf, (size_t)n - 1), -EMSGSIZE);
}

Test(l2ev, truncation_every_prefix)
{
    const uint8_t *pl = golden_frame + 14;
    struct ms_l2ev d;
    for (size_t n = 0; n < 46; n++) {
        uint8_t *p = malloc(n ? n : 1);
        memcpy(p, pl, n);
        int rc = ms_l2ev_decode(p, n, &d);
        if (n < 35)
            cr_assert_eq(rc, MS_ETRUNC, "prefix %zu", n);
        else
            cr_assert_eq(rc, 0, "prefix %zu (padding only)", n);
        free(p);
    }
    for (size_t n = 0; n < 14 + 35; n++) {
        uint8_t *p = malloc(n ? n : 1);
        memcpy(p, golden_frame, n);
        cr_assert_eq(ms_l2ev_frame_decode(p, n, NULL, &d), MS_ETRUNC, "frame prefix %zu", n);
        free(p);
    }
}

static int
dec_mod(size_t off, uint8_t v)
{
    uint8_t p[46];
    memcpy(p, golden_frame + 14, 46);
    p[off] = v;
    struct ms_l2ev d;
    return ms_l2ev_decode(p, 46, &d);
}

Test(l2ev, corrupted_lengths)
{
    /* Length field. */
    cr_assert_eq(dec_mod(3, 47), MS_ETRUNC);
    cr_assert_eq(dec_mod(3, 30), MS_EOPT_OVERRUN); /* last TLV cut */
    cr_assert_eq(dec_mod(3, 1), MS_EOPT_OVERRUN);  /* only a type octet */
    cr_assert_eq(dec_mod(3, 0), 0);                /* no TLVs at all: valid */
    /* MN_MAC length 0, 5, 7. */
    cr_assert_eq(dec_mod(5, 0), MS_EZERO_OPTLEN);
    cr_assert_eq(dec_mod(5, 5), MS_EBAD_OPTLEN);
    cr_assert_eq(dec_mod(5, 7), MS_EBAD_OPTLEN);
    /* AP_ID length 0; TLV running past Length. */
    cr_assert_eq(dec_mod(13, 0), MS_EZERO_OPTLEN);
    cr_assert_eq(dec_mod(13, 200), MS_EOPT_OVERRUN);
    /* LINK_TYPE length 0 and 2. */
    cr_assert_eq(dec_mod(23, 0), MS_EZERO_OPTLEN);
    cr_assert_eq(dec_mod(23, 2), MS_EBAD_OPTLEN);
    /* TIME_NS length 7. */
    cr_assert_eq(dec_mod(26, 7), MS_EBAD_OPTLEN);
    /* AP_ID longer than 32 octets. */
    uint8_t p[80] = {1, 1, 0, 35, 2, 33};
    memset(p + 6, 'a', 33);
    struct ms_l2ev d;
    cr_assert_eq(ms_l2ev_decode(p, sizeof p, &d), MS_EBAD_OPTLEN);
}

Test(l2ev, bad_fields)
{
    cr_assert_eq(dec_mod(0, 2), MS_EBAD_VERSION);
    cr_assert_eq(dec_mod(0, 0), MS_EBAD_VERSION);
    cr_assert_eq(dec_mod(24, 4), MS_EBAD_FIELD);    /* profile 4 */
    cr_assert_eq(dec_mod(27, 0x80), MS_EBAD_FIELD); /* time > INT64_MAX */
    cr_assert_eq(dec_mod(15, 0), MS_EBAD_FIELD);    /* NUL inside AP ID */
    cr_assert_eq(dec_mod(15, 0xc3), MS_EBAD_FIELD); /* cut UTF-8 sequence */
    cr_assert_eq(dec_mod(15, 0xff), MS_EBAD_FIELD);
    cr_assert_eq(dec_mod(17, MS_L2EV_TLV_AP_ID), MS_EDUP_OPT); /* TARGET -> AP_ID twice */
    /* Overlong UTF-8 (0xc0 0xaf) and a surrogate (ed a0 80). */
    uint8_t p[46] = {1, 1, 0, 5, 2, 3, 0xed, 0xa0, 0x80};
    struct ms_l2ev d;
    cr_assert_eq(ms_l2ev_decode(p, 46, &d), MS_EBAD_FIELD);
    uint8_t q[46] = {1, 1, 0, 4, 2, 2, 0xc0, 0xaf};
    cr_assert_eq(ms_l2ev_decode(q, 46, &d), MS_EBAD_FIELD);
}

Test(l2ev, unknown_type_and_tlvs)
{
    cr_assert_eq(dec_mod(1, 0), MS_EUNKNOWN_TYPE);
    cr_assert_eq(dec_mod(1, 5), MS_EUNKNOWN_TYPE);
    cr_assert_eq(dec_mod(1, 255), MS_EUNKNOWN_TYPE);
    /* Unknown TLVs (including zero-length ones) are skipped. */
    uint8_t p[46] = {1, 2, 0, 15, 200, 0, 99, 3, 'x', 'y', 'z', 1, 6, 2, 0, 0, 0, 0, 9};
    struct ms_l2ev d;
    cr_assert_eq(ms_l2ev_decode(p, 46, &d), 0);
    cr_assert_eq(d.type, MS_L2EV_LINK_DOWN);
    cr_assert_eq(d.present, MS_L2EV_HAS(MS_L2EV_TLV_MN_MAC));
    cr_assert_eq(d.mn.b[5], 9);
    /* Non-zero padding is ignored. */
    uint8_t q[46];
    memcpy(q, golden_frame + 14, 46);
    q[45] = 0xee;
    cr_assert_eq(ms_l2ev_decode(q, 46, &d), 0);
}

Test(l2ev, frame_wrong_ethertype)
{
    uint8_t f[60];
    memcpy(f, golden_frame, 60);
    f[13] = 0xb6;
    struct ms_l2ev d;
    cr_assert_eq(ms_l2ev_frame_decode(f, 60, NULL, &d), MS_EBAD_PROTO);
}

Test(l2ev, encode_rejects)
{
    uint8_t buf[128];
    struct ms_l2ev e = golden_ev();
    e.type = 9;
    cr_assert_eq(ms_l2ev_encode(&e, buf, sizeof buf), MS_EUNKNOWN_TYPE);
    cr_assert_eq(ms_l2ev_len(&e), 0);
    e = golden_ev();
    e.ap_id[0] = '\0';
    cr_assert_eq(ms_l2ev_encode(&e, buf, sizeof buf), MS_EBAD_FIELD);
    e = golden_ev();
    memset(e.ap_id, 'a', sizeof e.ap_id); /* no NUL within 33 octets */
    cr_assert_eq(ms_l2ev_encode(&e, buf, sizeof buf), MS_EBAD_FIELD);
    e = golden_ev();
    strcpy(e.target_ap_id, "\xff");
    cr_assert_eq(ms_l2ev_encode(&e, buf, sizeof buf), MS_EBAD_FIELD);
    e = golden_ev();
    e.link_profile = 4;
    cr_assert_eq(ms_l2ev_encode(&e, buf, sizeof buf), MS_EBAD_FIELD);
    e = golden_ev();
    e.time_ns = -1;
    cr_assert_eq(ms_l2ev_encode(&e, buf, sizeof buf), MS_EBAD_FIELD);
    e = golden_ev();
    cr_assert_eq(ms_l2ev_encode(&e, buf, 45), -EMSGSIZE);
    struct ms_mac bc;
    ms_mac_broadcast(&bc);
    cr_assert_eq(ms_l2ev_frame_encode(&bc, &ap_mac, &e, buf, 59), -EMSGSIZE);
    cr_assert_eq(ms_l2ev_frame_encode(&bc, &ap_mac, &e, buf, 10), -EMSGSIZE);
}
