/* libFuzzer target for the FMIPv6 ICMPv6 codec (wire/icmp6_fmip.c) and the
 * ND options it carries (wire/nd_opt*.c): FMIPv6 17-20, MAP 23, SEND 11-16,
 * handover keys 27/28, RFC 5271 29/30.
 *
 * The input is decoded as a whole message under each of the three variants,
 * with and without SEND storage, and as a bare option list.  Whatever decodes
 * must re-encode (under the generation the decoder reported), the encoding
 * must carry a correct checksum and decode to the same struct (options that
 * did not fit, counted in n_dropped, aside; the RSA Signature's offset may
 * move when options are re-ordered or re-padded), and re-encoding that must
 * give the same octets again. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire/err.h"
#include "wire/icmp6.h"
#include "wire/icmp6_fmip.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct in6_addr src = {{{0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}}};
static const struct in6_addr dst = {{{0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2}}};

static struct ms_nd_sec sec_a, sec_b, sec_c;

static void
fail(const char *what)
{
    fprintf(stderr, "fuzz_icmp6_fmip: %s\n", what);
    abort();
}

/* The struct as a comparable value: no storage pointer, no drop count, no
 * offsets (re-encoding may re-order options: the signature goes last). */
static void
normalize(struct ms_nd_opts *o, struct ms_nd_sec *s)
{
    o->sec = NULL;
    o->n_dropped = 0;
    o->rh.off = 0;
    o->rh.data = NULL;
    if (s)
        s->rsa_sig.off = 0;
}

static void
opts_equal(struct ms_nd_opts *a, struct ms_nd_sec *sa, struct ms_nd_opts *b, struct ms_nd_sec *sb)
{
    if (b->n_dropped != 0)
        fail("re-encoding dropped options");
    struct ms_nd_sec *keep_a = a->sec, *keep_b = b->sec;
    uint8_t drop_a = a->n_dropped;
    struct ms_nd_opt_rh rh_a = a->rh, rh_b = b->rh;
    size_t off_a = sa ? sa->rsa_sig.off : 0, off_b = sb ? sb->rsa_sig.off : 0;
    normalize(a, sa);
    normalize(b, sb);
    /* Decoders zero every struct before filling it, so padding compares. */
    if (memcmp(a, b, sizeof(*a)) != 0)
        fail("options differ");
    if (sa && sb && memcmp(sa, sb, sizeof(*sa)) != 0)
        fail("SEND payloads differ");
    a->sec = keep_a;
    b->sec = keep_b;
    a->rh = rh_a;
    b->rh = rh_b;
    a->n_dropped = drop_a;
    if (sa)
        sa->rsa_sig.off = off_a;
    if (sb)
        sb->rsa_sig.off = off_b;
}

static void
check_message(const uint8_t *data, size_t size, enum ms_fmip_variant v, struct ms_nd_sec *sec)
{
    static struct ms_icmp6_fmip m, m2;
    char line[2048];
    if (ms_icmp6_fmip_decode(data, size, v, &m, sec) < 0)
        return;
    (void)ms_icmp6_fmip_format(&m, line, sizeof line);
    (void)ms_icmp6_fmip_code_name(&m);
    (void)ms_icmp6_fmip_validate(&m, 255, &src);
    if (m.gen != ms_icmp6_fmip_gen(m.icmp_type, v) || m.icmp_type != data[0])
        fail("generation");
    if (ms_nd_opts_has(&m.opts, MS_ND_OPT_RSA_SIG) &&
        (sec == NULL || sec->rsa_sig.off < MS_ICMP6_FMIP_HDR_LEN || sec->rsa_sig.off >= size ||
         data[sec->rsa_sig.off] != MS_ND_OPT_RSA_SIG))
        fail("signature offset");
    size_t n = ms_icmp6_fmip_len(&m);
    uint8_t *buf = malloc(n), *buf2 = malloc(n);
    if (!buf || !buf2)
        abort();
    if (ms_icmp6_fmip_encode(&m, m.gen, &src, &dst, buf, n) != (int)n)
        fail("encode");
    if (n % 8 != 0 || buf[0] != m.icmp_type)
        fail("encoding shape");
    if (ms_icmp6_verify_cksum(buf, n, &src, &dst) != 0)
        fail("checksum of encoding");
    struct ms_nd_sec *sec2 = sec ? &sec_b : NULL;
    if (ms_icmp6_fmip_decode(buf, n, v, &m2, sec2) != 0)
        fail("re-decode");
    if (m2.icmp_type != m.icmp_type || m2.gen != m.gen || m2.subtype != m.subtype ||
        m2.code != m.code || m2.flags != m.flags || m2.id != m.id || m2.warn != m.warn)
        fail("fields differ");
    opts_equal(&m.opts, sec, &m2.opts, sec2);
    if (ms_icmp6_fmip_encode(&m2, m2.gen, &src, &dst, buf2, n) != (int)n || memcmp(buf, buf2, n))
        fail("re-encode");
    free(buf);
    free(buf2);
}

static void
check_opts(const uint8_t *data, size_t size, struct ms_nd_sec *sec)
{
    static struct ms_nd_opts o, o2;
    if (ms_nd_opts_decode_sec(data, size, 0, &o, sec) < 0)
        return;
    (void)ms_nd_opts_fmip_check(&o, MS_FMIP_RFC4068);
    (void)ms_nd_opts_fmip_check(&o, MS_FMIP_RFC5568);
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
    struct ms_nd_sec *sec2 = sec ? &sec_c : NULL;
    if (ms_nd_opts_decode_sec(buf, n, 0, &o2, sec2) != 0)
        fail("opts re-decode");
    if (ms_nd_opts_has(&o2, MS_ND_OPT_REDIRECTED_HDR) &&
        memcmp(buf + o2.rh.off, data + o.rh.off, o.rh.len) != 0)
        fail("redirected header content");
    opts_equal(&o, sec, &o2, sec2);
    if (ms_nd_opts_has(&o2, MS_ND_OPT_REDIRECTED_HDR))
        o2.rh.data = buf + o2.rh.off;
    if (ms_nd_opts_encode(&o2, buf2, n) != (int)n || memcmp(buf, buf2, n))
        fail("opts re-encode");
    free(buf);
    free(buf2);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const enum ms_fmip_variant vs[] = {MS_FMIP_RFC5568, MS_FMIP_RFC5268, MS_FMIP_RFC4068};
    for (unsigned i = 0; i < 3; i++) {
        check_message(data, size, vs[i], NULL);
        check_message(data, size, vs[i], &sec_a);
    }
    check_opts(data, size, NULL);
    check_opts(data, size, &sec_a);
    return 0;
}
