/* libFuzzer target for the ICMPv6 codecs (wire/icmp6.c, icmp6_mip.c): Echo,
 * errors, DHAAD, Mobile Prefix Solicitation/Advertisement, and the RFC 4443
 * s2.4(e) predicate.
 *
 * Whatever decodes must re-encode, the re-encoding must decode to the same
 * message (error bodies may shrink to the minimum-MTU cut; ND-format options
 * that did not fit, counted in n_dropped, aside), and re-encoding that must
 * give the same octets again. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire/err.h"
#include "wire/icmp6.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct in6_addr src = {{{0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}}};
static const struct in6_addr dst = {{{0x20, 0x01, 0x0d, 0xb8, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0}}};

static void
fail(const char *what)
{
    fprintf(stderr, "fuzz_icmp6: %s\n", what);
    abort();
}

static void
check_basic(const uint8_t *data, size_t size)
{
    struct ms_icmp6 m, m2;
    char line[160];
    if (ms_icmp6_decode(data, size, &m) < 0)
        return;
    (void)ms_icmp6_format(&m, line, sizeof line);
    if (m.body_off + m.body_len != size)
        fail("body range");
    size_t n = ms_icmp6_len(&m, m.body_len);
    uint8_t *buf = malloc(n), *buf2 = malloc(n);
    if (!buf || !buf2)
        abort();
    if (ms_icmp6_encode(&m, data + m.body_off, m.body_len, &src, &dst, buf, n) != (int)n)
        fail("encode");
    if (ms_icmp6_type_is_error(m.type) && n > MS_ICMP6_ERR_MAX_LEN)
        fail("error longer than the minimum MTU allows");
    if (ms_icmp6_verify_cksum(buf, n, &src, &dst) != 0)
        fail("checksum of encoding");
    if (ms_icmp6_decode(buf, n, &m2) != 0)
        fail("re-decode");
    if (m2.type != m.type || m2.code != m.code || m2.param != m.param || m2.echo.id != m.echo.id ||
        m2.echo.seq != m.echo.seq || m2.body_off != m.body_off || m2.body_len > m.body_len ||
        (m2.body_len < m.body_len && m2.body_len != MS_ICMP6_ERR_MAX_INVOKING))
        fail("fields differ");
    if (memcmp(buf + m2.body_off, data + m.body_off, m2.body_len))
        fail("body differs");
    if (ms_icmp6_encode(&m2, buf + m2.body_off, m2.body_len, &src, &dst, buf2, n) != (int)n ||
        memcmp(buf, buf2, n))
        fail("re-encode");
    free(buf);
    free(buf2);
}

static void
opts_equal(const struct ms_nd_opts *a, const struct ms_nd_opts *b)
{
    if (a->present != b->present || a->n_pi != b->n_pi || a->n_raw != b->n_raw ||
        memcmp(a->slla.b, b->slla.b, 6) || memcmp(a->tlla.b, b->tlla.b, 6) || a->mtu != b->mtu ||
        a->adv_interval_ms != b->adv_interval_ms ||
        a->ha_info.preference != b->ha_info.preference ||
        a->ha_info.lifetime_s != b->ha_info.lifetime_s || a->rh.len != b->rh.len || b->n_dropped)
        fail("options differ");
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
}

static void
check_mip(const uint8_t *data, size_t size)
{
    struct ms_icmp6_mip m, m2;
    char line[1024];
    if (ms_icmp6_mip_decode(data, size, &m) < 0)
        return;
    (void)ms_icmp6_mip_format(&m, line, sizeof line);
    if (ms_nd_opts_has(&m.opts, MS_ND_OPT_REDIRECTED_HDR))
        m.opts.rh.data = data + m.opts.rh.off;
    size_t n = ms_icmp6_mip_len(&m);
    uint8_t *buf = malloc(n), *buf2 = malloc(n);
    if (!buf || !buf2)
        abort();
    if (ms_icmp6_mip_encode(&m, &src, &dst, buf, n) != (int)n)
        fail("mip encode");
    if (ms_icmp6_verify_cksum(buf, n, &src, &dst) != 0)
        fail("mip checksum of encoding");
    if (ms_icmp6_mip_decode(buf, n, &m2) != 0)
        fail("mip re-decode");
    if (m2.type != m.type || m2.id != m.id || m2.flags != m.flags || m2.n_ha != m.n_ha ||
        memcmp(m2.ha, m.ha, sizeof(m.ha)))
        fail("mip fields differ");
    opts_equal(&m.opts, &m2.opts);
    if (ms_nd_opts_has(&m2.opts, MS_ND_OPT_REDIRECTED_HDR))
        m2.opts.rh.data = buf + m2.opts.rh.off;
    if (ms_icmp6_mip_encode(&m2, &src, &dst, buf2, n) != (int)n || memcmp(buf, buf2, n))
        fail("mip re-encode");
    free(buf);
    free(buf2);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ms_icmp6_hdr h;
    (void)ms_icmp6_hdr_decode(data, size, &h);
    (void)ms_icmp6_verify_cksum(data, size, &src, &dst);
    check_basic(data, size);
    check_mip(data, size);
    /* The input as an invoking IPv6 packet; the first octets pick the error. */
    if (size >= 4) {
        uint32_t param = (uint32_t)data[size - 1] | ((uint32_t)data[size - 2] << 8);
        (void)ms_icmp6_error_allowed(data, size, data[size - 3] & 0x7f, data[size - 4] & 3, param,
                                     data[size - 3] >> 6);
    }
    return 0;
}
