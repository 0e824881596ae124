/* Unit tests for wire/nd_opt.c: ND options (RFC 4861 s4.6, RFC 6275 s7.2-7.4). */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "wire/err.h"
#include "wire/nd_opt.h"

#include "unit/exact_copy.h"

static struct in6_addr
A(const char *s) {
    struct in6_addr a;
    cr_assert_eq(inet_pton(AF_INET6, s, &a), 1, "bad test address %s", s);
    return a;
}

static int
decode_exact(const uint8_t *p, size_t n, struct ms_nd_opts *o)
{
    uint8_t *d = dup_exact(p, n);
    int rc = ms_nd_opts_decode(d, n, 0, o);
    free(d);
    return rc;
}

/* Golden options, hand-assembled from the RFC diagrams named beside each. */

/* RFC 4861 s4.6.1 (Ethernet length per RFC 2464 s8). */
static const uint8_t g_slla[] = {0x01, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01};
static const uint8_t g_tlla[] = {0x02, 0x01, 0x02, 0x00, 0x5e, 0x10, 0x20, 0x30};
/* RFC 4861 s4.6.2 with the R flag of RFC 6275 s7.2. */
static const uint8_t g_pi[] = {
    0x03, 0x04, 0x40, 0xe0,                         /* Type 3, Len 4, /64, L A R */
    0x00, 0x27, 0x8d, 0x00,                         /* Valid Lifetime 2592000 */
    0x00, 0x09, 0x3a, 0x80,                         /* Preferred Lifetime 604800 */
    0x00, 0x00, 0x00, 0x00,                         /* Reserved2 */
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0x00, 0x00, /* Prefix 2001:db8:1::fe */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xfe,
};
/* RFC 4861 s4.6.4. */
static const uint8_t g_mtu[] = {0x05, 0x01, 0x00, 0x00, 0x00, 0x00, 0x05, 0xdc};
/* RFC 6275 s7.3: 1500 ms. */
static const uint8_t g_advint[] = {0x07, 0x01, 0x00, 0x00, 0x00, 0x00, 0x05, 0xdc};
/* RFC 6275 s7.4: preference 0x0102, lifetime 0xfffe. */
static const uint8_t g_hainfo[] = {0x08, 0x01, 0x00, 0x00, 0x01, 0x02, 0xff, 0xfe};
/* RFC 4861 s4.6.3: 8 octets of header, then 8 octets of "IP header + data". */
static const uint8_t g_rh[] = {0x04, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                               0x60, 0x00, 0x00, 0x00, 0x00, 0x10, 0x3a, 0x40};
/* An option of type 253 (RFC 4727 s5.1.3: experimental, never typed), laid out
 * like the 24-octet MAP option of RFC 5380 s5; typed options are tested in
 * test_nd_opt_fmip.c, test_nd_opt_send.c and test_nd_opt_misc.c. */
#define T_UNKNOWN_OPT 253
static const uint8_t g_map[] = {
    0xfd, 0x03, 0x1a, 0x80,                         /* Type 253, Len 3, ... */
    0x00, 0x00, 0x0e, 0x10,                         /* Valid Lifetime 3600 */
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x0a, 0x00, 0x00, /* MAP 2001:db8:a::1 */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
};

/* Checks that encoding o reproduces exactly the golden bytes g. */
static void
assert_encodes_to(const struct ms_nd_opts *o, const uint8_t *g, size_t n)
{
    uint8_t buf[256];
    cr_assert_eq(ms_nd_opts_len(o), n);
    int w = ms_nd_opts_encode(o, buf, sizeof(buf));
    cr_assert_eq(w, (int)n, "encode returned %d, want %zu", w, n);
    cr_assert_arr_eq(buf, g, n);
}

Test(nd_opt, golden_slla_tlla)
{
    struct ms_nd_opts o;
    cr_assert_eq(decode_exact(g_slla, sizeof(g_slla), &o), 0);
    cr_assert(ms_nd_opts_has(&o, MS_ND_OPT_SLLA));
    cr_assert(!ms_nd_opts_has(&o, MS_ND_OPT_TLLA));
    const uint8_t mac1[6] = {0x02, 0, 0, 0, 0, 0x01};
    cr_assert_arr_eq(o.slla.b, mac1, 6);
    assert_encodes_to(&o, g_slla, sizeof(g_slla));

    cr_assert_eq(decode_exact(g_tlla, sizeof(g_tlla), &o), 0);
    cr_assert(ms_nd_opts_has(&o, MS_ND_OPT_TLLA));
    const uint8_t mac2[6] = {0x02, 0x00, 0x5e, 0x10, 0x20, 0x30};
    cr_assert_arr_eq(o.tlla.b, mac2, 6);
    assert_encodes_to(&o, g_tlla, sizeof(g_tlla));
}

Test(nd_opt, golden_prefix_info)
{
    struct ms_nd_opts o;
    cr_assert_eq(decode_exact(g_pi, sizeof(g_pi), &o), 0);
    cr_assert_eq(o.n_pi, 1);
    cr_assert_eq(o.pi[0].prefix_len, 64);
    cr_assert_eq(o.pi[0].flags, MS_PI_F_L | MS_PI_F_A | MS_PI_F_R);
    cr_assert_eq(o.pi[0].valid_s, 2592000u);
    cr_assert_eq(o.pi[0].preferred_s, 604800u);
    struct in6_addr want = A("2001:db8:1::fe");
    cr_assert_arr_eq(o.pi[0].prefix.s6_addr, want.s6_addr, 16);
    assert_encodes_to(&o, g_pi, sizeof(g_pi));
}

Test(nd_opt, golden_mtu_advint_hainfo)
{
    struct ms_nd_opts o;
    cr_assert_eq(decode_exact(g_mtu, sizeof(g_mtu), &o), 0);
    cr_assert(ms_nd_opts_has(&o, MS_ND_OPT_MTU));
    cr_assert_eq(o.mtu, 1500u);
    assert_encodes_to(&o, g_mtu, sizeof(g_mtu));

    cr_assert_eq(decode_exact(g_advint, sizeof(g_advint), &o), 0);
    cr_assert(ms_nd_opts_has(&o, MS_ND_OPT_ADV_INTERVAL));
    cr_assert(!ms_nd_opts_has(&o, MS_ND_OPT_MTU));
    cr_assert_eq(o.adv_interval_ms, 1500u);
    assert_encodes_to(&o, g_advint, sizeof(g_advint));

    cr_assert_eq(decode_exact(g_hainfo, sizeof(g_hainfo), &o), 0);
    cr_assert(ms_nd_opts_has(&o, MS_ND_OPT_HA_INFO));
    cr_assert_eq(o.ha_info.preference, 0x0102);
    cr_assert_eq(o.ha_info.lifetime_s, 0xfffe);
    assert_encodes_to(&o, g_hainfo, sizeof(g_hainfo));
}

Test(nd_opt, golden_redirected_header)
{
    /* Put 8 octets in front so that the offset is relative to the message. */
    uint8_t msg[8 + sizeof(g_rh)];
    memset(msg, 0xee, 8);
    memcpy(msg + 8, g_rh, sizeof(g_rh));
    struct ms_nd_opts o;
    cr_assert_eq(ms_nd_opts_decode(msg, sizeof(msg), 8, &o), 0);
    cr_assert(ms_nd_opts_has(&o, MS_ND_OPT_REDIRECTED_HDR));
    cr_assert_eq(o.rh.off, 16u);
    cr_assert_eq(o.rh.len, 8u);
    cr_assert_null(o.rh.data);
    cr_assert_eq(msg[o.rh.off], 0x60);
    o.rh.data = msg + o.rh.off;
    assert_encodes_to(&o, g_rh, sizeof(g_rh));
}

Test(nd_opt, golden_unknown_kept_raw)
{
    struct ms_nd_opts o;
    cr_assert_eq(decode_exact(g_map, sizeof(g_map), &o), 0);
    cr_assert_eq(o.present, 0u);
    cr_assert_eq(o.n_raw, 1);
    cr_assert_eq(o.raw[0].type, T_UNKNOWN_OPT);
    cr_assert_eq(o.raw[0].len8, 3);
    cr_assert_arr_eq(o.raw[0].data, g_map + 2, sizeof(g_map) - 2);
    assert_encodes_to(&o, g_map, sizeof(g_map));
}

static void
fill_all(struct ms_nd_opts *o)
{
    memset(o, 0, sizeof(*o));
    ms_nd_opts_set(o, MS_ND_OPT_SLLA);
    ms_nd_opts_set(o, MS_ND_OPT_TLLA);
    ms_nd_opts_set(o, MS_ND_OPT_MTU);
    ms_nd_opts_set(o, MS_ND_OPT_ADV_INTERVAL);
    ms_nd_opts_set(o, MS_ND_OPT_HA_INFO);
    for (int i = 0; i < 6; i++) {
        o->slla.b[i] = (uint8_t)(0x10 + i);
        o->tlla.b[i] = (uint8_t)(0x20 + i);
    }
    o->mtu = 9000;
    o->adv_interval_ms = 70;
    o->ha_info.preference = 65535;
    o->ha_info.lifetime_s = 1;
    o->n_pi = MS_ND_OPTS_MAX_PI;
    for (unsigned i = 0; i < MS_ND_OPTS_MAX_PI; i++) {
        o->pi[i].prefix_len = (uint8_t)(48 + i);
        o->pi[i].flags = (uint8_t)(i == 0 ? 0xff : MS_PI_F_L);
        o->pi[i].valid_s = 0xffffffffu - i;
        o->pi[i].preferred_s = 100 * i;
        o->pi[i].prefix = A("2001:db8:42::");
        o->pi[i].prefix.s6_addr[15] = (uint8_t)i;
    }
    o->n_raw = MS_ND_OPTS_MAX_RAW;
    for (unsigned i = 0; i < MS_ND_OPTS_MAX_RAW; i++) {
        o->raw[i].type = (uint8_t)(200 + i);   /* unassigned: 200..203 */
        o->raw[i].len8 = (uint8_t)(1 + 2 * i); /* 1, 3, 5, 7 */
        for (unsigned k = 0; k < (unsigned)o->raw[i].len8 * 8 - 2; k++)
            o->raw[i].data[k] = (uint8_t)(k * 7 + i);
    }
}

static void
assert_opts_equal(const struct ms_nd_opts *a, const struct ms_nd_opts *b)
{
    cr_assert_eq(a->present, b->present);
    cr_assert_arr_eq(a->slla.b, b->slla.b, 6);
    cr_assert_arr_eq(a->tlla.b, b->tlla.b, 6);
    cr_assert_eq(a->mtu, b->mtu);
    cr_assert_eq(a->adv_interval_ms, b->adv_interval_ms);
    cr_assert_eq(a->ha_info.preference, b->ha_info.preference);
    cr_assert_eq(a->ha_info.lifetime_s, b->ha_info.lifetime_s);
    cr_assert_eq(a->rh.len, b->rh.len);
    cr_assert_eq(a->n_pi, b->n_pi);
    for (unsigned i = 0; i < a->n_pi; i++) {
        cr_assert_eq(a->pi[i].prefix_len, b->pi[i].prefix_len);
        cr_assert_eq(a->pi[i].flags, b->pi[i].flags);
        cr_assert_eq(a->pi[i].valid_s, b->pi[i].valid_s);
        cr_assert_eq(a->pi[i].preferred_s, b->pi[i].preferred_s);
        cr_assert_arr_eq(a->pi[i].prefix.s6_addr, b->pi[i].prefix.s6_addr, 16);
    }
    cr_assert_eq(a->n_raw, b->n_raw);
    for (unsigned i = 0; i < a->n_raw; i++) {
        cr_assert_eq(a->raw[i].type, b->raw[i].type);
        cr_assert_eq(a->raw[i].len8, b->raw[i].len8);
        cr_assert_arr_eq(a->raw[i].data, b->raw[i].data, (size_t)a->raw[i].len8 * 8 - 2);
    }
}

Test(nd_opt, roundtrip_all_options)
{
    struct ms_nd_opts in, out;
    fill_all(&in);
    uint8_t rhdata[21];
    for (unsigned i = 0; i < sizeof(rhdata); i++)
        rhdata[i] = (uint8_t)(0xa0 + i);
    ms_nd_opts_set(&in, MS_ND_OPT_REDIRECTED_HDR);
    in.rh.data = rhdata;
    in.rh.len = sizeof(rhdata);

    uint8_t buf[1024];
    int n = ms_nd_opts_encode(&in, buf, sizeof(buf));
    cr_assert_gt(n, 0);
    cr_assert_eq((size_t)n, ms_nd_opts_len(&in));
    cr_assert_eq(decode_exact(buf, (size_t)n, &out), 0);
    /* The Redirected Header comes back padded to a multiple of 8. */
    cr_assert_eq(out.rh.len, 24u);
    cr_assert_arr_eq(buf + out.rh.off, rhdata, sizeof(rhdata));
    for (size_t k = sizeof(rhdata); k < out.rh.len; k++)
        cr_assert_eq(buf[out.rh.off + k], 0, "padding must be zero");
    in.rh.len = 24;
    assert_opts_equal(&in, &out);
    cr_assert_eq(out.n_dropped, 0);

    /* Re-encoding the decoded struct gives the same bytes. */
    uint8_t buf2[1024];
    out.rh.data = buf + out.rh.off;
    int n2 = ms_nd_opts_encode(&out, buf2, sizeof(buf2));
    cr_assert_eq(n2, n);
    cr_assert_arr_eq(buf2, buf, (size_t)n);
}

Test(nd_opt, encode_alignment_8_octets)
{
    /* RFC 4861 s4.6: every option is a multiple of 8 octets, so each starts
     * on an 8-octet boundary. */
    struct ms_nd_opts in;
    fill_all(&in);
    ms_nd_opts_set(&in, MS_ND_OPT_REDIRECTED_HDR);
    in.rh.len = 13;
    uint8_t buf[1024];
    int n = ms_nd_opts_encode(&in, buf, sizeof(buf));
    cr_assert_gt(n, 0);
    cr_assert_eq(n % 8, 0);
    int count = 0;
    for (int off = 0; off < n; off += buf[off + 1] * 8) {
        cr_assert_eq(off % 8, 0);
        cr_assert_neq(buf[off + 1], 0);
        count++;
    }
    cr_assert_eq(count, 2 + 4 + 3 + 4 + 1);
}

Test(nd_opt, truncation_every_prefix)
{
    struct ms_nd_opts in, out;
    fill_all(&in);
    uint8_t buf[1024];
    int n = ms_nd_opts_encode(&in, buf, sizeof(buf));
    cr_assert_gt(n, 0);
    bool boundary[1025] = {false};
    for (int off = 0; off < n; off += buf[off + 1] * 8)
        boundary[off] = true;
    for (int k = 0; k < n; k++) {
        int rc = decode_exact(buf, (size_t)k, &out);
        if (boundary[k]) {
            /* Cut on an option boundary: a valid, shorter option list. */
            cr_assert_eq(rc, 0, "prefix %d: %s", k, ms_err_name(rc));
            cr_assert_leq(ms_nd_opts_len(&out), (size_t)k);
        } else {
            cr_assert_eq(rc, MS_EOPT_OVERRUN, "prefix %d: %s", k, ms_err_name(rc));
        }
    }
}

Test(nd_opt, zero_option_length)
{
    /* RFC 4861 s4.6: an option with length zero makes the packet invalid,
     * wherever it is and whatever its type. */
    const uint8_t types[] = {MS_ND_OPT_SLLA, MS_ND_OPT_PREFIX_INFO, MS_ND_OPT_REDIRECTED_HDR,
                             MS_ND_OPT_MTU,  MS_ND_OPT_HA_INFO,     200};
    for (unsigned t = 0; t < sizeof(types); t++) {
        uint8_t b[24];
        memcpy(b, g_slla, 8);
        memcpy(b + 8, g_mtu, 8);
        memset(b + 16, 0, 8);
        b[16] = types[t];
        struct ms_nd_opts o;
        cr_assert_eq(decode_exact(b, sizeof(b), &o), MS_EZERO_OPTLEN);
        /* And as the first option. */
        b[0] = types[t];
        b[1] = 0;
        cr_assert_eq(decode_exact(b, sizeof(b), &o), MS_EZERO_OPTLEN);
    }
}

Test(nd_opt, corrupted_lengths)
{
    struct ms_nd_opts o;
    uint8_t b[64];

    /* Length too large for the buffer. */
    memcpy(b, g_pi, sizeof(g_pi));
    b[1] = 5;
    cr_assert_eq(decode_exact(b, sizeof(g_pi), &o), MS_EOPT_OVERRUN);
    b[1] = 255;
    cr_assert_eq(decode_exact(b, sizeof(g_pi), &o), MS_EOPT_OVERRUN);

    /* A lone trailing octet (no room for Type and Length). */
    memcpy(b, g_mtu, 8);
    b[8] = MS_ND_OPT_MTU;
    cr_assert_eq(decode_exact(b, 9, &o), MS_EOPT_OVERRUN);

    /* Typed options with a Length their RFC forbids. */
    struct {
        const uint8_t *g;
        size_t n;
        uint8_t bad_len8;
    } cases[] = {
        {g_slla, sizeof(g_slla), 2},     {g_tlla, sizeof(g_tlla), 2},
        {g_pi, sizeof(g_pi), 3},         {g_pi, sizeof(g_pi), 1},
        {g_mtu, sizeof(g_mtu), 2},       {g_advint, sizeof(g_advint), 2},
        {g_hainfo, sizeof(g_hainfo), 3},
    };
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        memset(b, 0, sizeof(b));
        memcpy(b, cases[i].g, cases[i].n);
        b[1] = cases[i].bad_len8;
        int rc = decode_exact(b, (size_t)cases[i].bad_len8 * 8, &o);
        cr_assert_eq(rc, MS_EBAD_OPTLEN, "case %u: %s", i, ms_err_name(rc));
    }
}

Test(nd_opt, extras_are_dropped_and_counted)
{
    uint8_t b[512];
    size_t n = 0;
    /* Two SLLAs: the first wins (as in Linux's ndisc_parse_options). */
    memcpy(b + n, g_slla, 8);
    n += 8;
    memcpy(b + n, g_slla, 8);
    b[n + 7] = 0x99;
    n += 8;
    /* Five PIs: four kept. */
    for (int i = 0; i < 5; i++) {
        memcpy(b + n, g_pi, sizeof(g_pi));
        b[n + 2] = (uint8_t)(60 + i);
        n += sizeof(g_pi);
    }
    /* Five short unknown options and one longer than MS_ND_OPT_RAW_MAX. */
    for (int i = 0; i < 5; i++) {
        memset(b + n, 0, 8);
        b[n] = (uint8_t)(100 + i);
        b[n + 1] = 1;
        n += 8;
    }
    memset(b + n, 0, 72);
    b[n] = 99;
    b[n + 1] = 9;
    n += 72;

    struct ms_nd_opts o;
    cr_assert_eq(decode_exact(b, n, &o), 0);
    cr_assert_eq(o.slla.b[5], 0x01);
    cr_assert_eq(o.n_pi, 4);
    cr_assert_eq(o.pi[3].prefix_len, 63);
    cr_assert_eq(o.n_raw, 4);
    cr_assert_eq(o.raw[3].type, 103);
    cr_assert_eq(o.n_dropped, 1 + 1 + 1 + 1);
}

Test(nd_opt, encode_rejects_bad_structs)
{
    uint8_t buf[512];
    struct ms_nd_opts o;
    memset(&o, 0, sizeof(o));
    o.n_pi = MS_ND_OPTS_MAX_PI + 1;
    cr_assert_eq(ms_nd_opts_encode(&o, buf, sizeof(buf)), -EINVAL);

    memset(&o, 0, sizeof(o));
    o.n_raw = 1;
    o.raw[0].type = 200;
    o.raw[0].len8 = 0;
    cr_assert_eq(ms_nd_opts_encode(&o, buf, sizeof(buf)), -EINVAL);
    o.raw[0].len8 = MS_ND_OPT_RAW_MAX / 8 + 1;
    cr_assert_eq(ms_nd_opts_encode(&o, buf, sizeof(buf)), -EINVAL);
    o.raw[0].len8 = 1;
    o.raw[0].type = MS_ND_OPT_SLLA; /* typed types must not hide in raw[] */
    cr_assert_eq(ms_nd_opts_encode(&o, buf, sizeof(buf)), -EINVAL);
    o.raw[0].type = T_UNKNOWN_OPT;
    cr_assert_eq(ms_nd_opts_encode(&o, buf, sizeof(buf)), 8);

    memset(&o, 0, sizeof(o));
    ms_nd_opts_set(&o, MS_ND_OPT_REDIRECTED_HDR);
    o.rh.len = MS_ND_OPT_RH_MAX + 1;
    cr_assert_eq(ms_nd_opts_encode(&o, buf, sizeof(buf)), -EINVAL);
}

Test(nd_opt, encode_every_short_cap)
{
    struct ms_nd_opts o;
    fill_all(&o);
    size_t n = ms_nd_opts_len(&o);
    uint8_t *buf = malloc(n);
    cr_assert_not_null(buf);
    for (size_t cap = 0; cap < n; cap++)
        cr_assert_eq(ms_nd_opts_encode(&o, buf, cap), -EMSGSIZE, "cap %zu", cap);
    cr_assert_eq(ms_nd_opts_encode(&o, buf, n), (int)n);
    free(buf);
}

Test(nd_opt, empty_list)
{
    struct ms_nd_opts o;
    uint8_t b[1] = {0};
    cr_assert_eq(ms_nd_opts_decode(b, 0, 0, &o), 0);
    cr_assert_eq(ms_nd_opts_len(&o), 0u);
    cr_assert_eq(ms_nd_opts_encode(&o, b, 0), 0);
    /* opts_off past the end is a caller error, reported as truncation. */
    cr_assert_eq(ms_nd_opts_decode(b, 0, 4, &o), MS_ETRUNC);
}

Test(nd_opt, format)
{
    struct ms_nd_opts o;
    cr_assert_eq(decode_exact(g_pi, sizeof(g_pi), &o), 0);
    ms_nd_opts_set(&o, MS_ND_OPT_SLLA);
    o.slla.b[0] = 0x02;
    o.slla.b[5] = 0x0a;
    char buf[256];
    int n = ms_nd_opts_format(&o, buf, sizeof(buf));
    cr_assert_eq((size_t)n, strlen(buf));
    cr_assert_not_null(strstr(buf, "slla=02:00:00:00:00:0a"), "%s", buf);
    cr_assert_not_null(strstr(buf, "pi=2001:db8:1::fe/64,LAR,v=2592000,p=604800"), "%s", buf);
    /* Truncated output stays terminated and reports the full length. */
    char small[8];
    cr_assert_eq(ms_nd_opts_format(&o, small, sizeof(small)), n);
    cr_assert_eq(strlen(small), sizeof(small) - 1);
}
