/* libFuzzer target for the Neighbor Discovery codecs (wire/nd.c, nd_opt.c).
 *
 * Whatever decodes must re-encode, the re-encoding must decode to the same
 * message (options that did not fit into the struct, counted in n_dropped,
 * aside; a Redirect's Redirected Header may shrink to the minimum-MTU cut),
 * and re-encoding that must give the same octets again.  The validator and
 * the formatter run on every decoded message. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire/err.h"
#include "wire/icmp6.h"
#include "wire/nd.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct in6_addr src = {{{0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}}};
static const struct in6_addr dst = {{{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xff, 0, 0, 1}}};

static void
fail(const char *what)
{
    fprintf(stderr, "fuzz_nd: %s\n", what);
    abort();
}

static void
opts_equal(const struct ms_nd_opts *a, const struct ms_nd_opts *b, int rh_may_shrink)
{
    if (a->present != b->present || a->n_pi != b->n_pi || a->n_raw != b->n_raw)
        fail("option set differs");
    if (memcmp(a->slla.b, b->slla.b, 6) || memcmp(a->tlla.b, b->tlla.b, 6) || a->mtu != b->mtu ||
        a->adv_interval_ms != b->adv_interval_ms ||
        a->ha_info.preference != b->ha_info.preference ||
        a->ha_info.lifetime_s != b->ha_info.lifetime_s)
        fail("single options differ");
    if (rh_may_shrink ? b->rh.len > a->rh.len : b->rh.len != a->rh.len)
        fail("redirected header length");
    for (unsigned i = 0; i < a->n_pi; i++) {
        const struct ms_nd_opt_pi *x = &a->pi[i], *y = &b->pi[i];
        if (x->prefix_len != y->prefix_len || x->flags != y->flags || x->valid_s != y->valid_s ||
            x->preferred_s != y->preferred_s || memcmp(&x->prefix, &y->prefix, 16))
            fail("prefix information differs");
    }
    for (unsigned i = 0; i < a->n_raw; i++) {
        const struct ms_nd_opt_raw *x = &a->raw[i], *y = &b->raw[i];
        if (x->type != y->type || x->len8 != y->len8 || memcmp(x->data, y->data, x->len8 * 8u - 2))
            fail("raw option differs");
    }
    if (b->n_dropped != 0)
        fail("re-encoding dropped options");
}

static void
nd_equal(const struct ms_nd *a, const struct ms_nd *b)
{
    if (a->type != b->type)
        fail("type");
    int same = 1;
    switch (a->type) {
    case MS_ICMP6_RA:
        same = a->u.ra.cur_hop_limit == b->u.ra.cur_hop_limit && a->u.ra.flags == b->u.ra.flags &&
               a->u.ra.router_lifetime_s == b->u.ra.router_lifetime_s &&
               a->u.ra.reachable_ms == b->u.ra.reachable_ms &&
               a->u.ra.retrans_ms == b->u.ra.retrans_ms;
        break;
    case MS_ICMP6_NS:
        same = !memcmp(&a->u.ns.target, &b->u.ns.target, 16);
        break;
    case MS_ICMP6_NA:
        same = a->u.na.flags == b->u.na.flags && !memcmp(&a->u.na.target, &b->u.na.target, 16);
        break;
    case MS_ICMP6_REDIRECT:
        same = !memcmp(&a->u.redirect.target, &b->u.redirect.target, 16) &&
               !memcmp(&a->u.redirect.dest, &b->u.redirect.dest, 16);
        break;
    default:
        break;
    }
    if (!same)
        fail("fixed fields differ");
    opts_equal(&a->opts, &b->opts, a->type == MS_ICMP6_REDIRECT);
}

static void
check_opts_only(const uint8_t *data, size_t size)
{
    struct ms_nd_opts o, o2;
    if (ms_nd_opts_decode(data, size, 0, &o) < 0)
        return;
    if (ms_nd_opts_has(&o, MS_ND_OPT_REDIRECTED_HDR)) {
        if (o.rh.off + o.rh.len > size)
            fail("rh out of range");
        o.rh.data = data + o.rh.off;
    }
    size_t n = ms_nd_opts_len(&o);
    uint8_t *buf = malloc(n ? n : 1), *buf2 = malloc(n ? n : 1);
    if (!buf || !buf2)
        abort();
    if (ms_nd_opts_encode(&o, buf, n) != (int)n)
        fail("opts encode");
    if (n % 8 != 0)
        fail("opts not 8n");
    if (ms_nd_opts_decode(buf, n, 0, &o2) != 0)
        fail("opts re-decode");
    opts_equal(&o, &o2, 0);
    o2.rh.data = ms_nd_opts_has(&o2, MS_ND_OPT_REDIRECTED_HDR) ? buf + o2.rh.off : NULL;
    if (ms_nd_opts_encode(&o2, buf2, n) != (int)n || memcmp(buf, buf2, n))
        fail("opts re-encode");
    free(buf);
    free(buf2);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char line[512];
    check_opts_only(data, size);

    struct ms_nd m, m2;
    int rc = ms_nd_decode(data, size, &m);
    if (rc < 0)
        return 0;
    (void)ms_nd_format(&m, line, sizeof line);
    (void)ms_nd_validate(&m, size ? data[size - 1] : 255, &src, &dst);
    (void)ms_nd_validate(&m, 255, &m.u.ns.target, &m.u.redirect.dest);
    if (ms_nd_opts_has(&m.opts, MS_ND_OPT_REDIRECTED_HDR))
        m.opts.rh.data = data + m.opts.rh.off;

    size_t n = ms_nd_len(&m);
    uint8_t *buf = malloc(n), *buf2 = malloc(n);
    if (!buf || !buf2)
        abort();
    if (ms_nd_encode(&m, &src, &dst, buf, n) != (int)n)
        fail("encode");
    if (ms_icmp6_verify_cksum(buf, n, &src, &dst) != 0)
        fail("checksum of encoding");
    if (ms_nd_decode(buf, n, &m2) != 0)
        fail("re-decode");
    nd_equal(&m, &m2);
    if (ms_nd_opts_has(&m2.opts, MS_ND_OPT_REDIRECTED_HDR)) {
        if (memcmp(buf + m2.opts.rh.off, data + m.opts.rh.off, m2.opts.rh.len))
            fail("redirected header content");
        m2.opts.rh.data = buf + m2.opts.rh.off;
    }
    if (ms_nd_encode(&m2, &src, &dst, buf2, n) != (int)n || memcmp(buf, buf2, n))
        fail("re-encode");
    free(buf);
    free(buf2);
    return 0;
}
