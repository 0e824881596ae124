/* libFuzzer target for the Mobility Header codec (wire/mh.c, mh_binding.c,
 * mh_rr.c, mh_fmip.c, mh_opt.c, mh_opt_fmip.c, mh_opt_ero.c).
 *
 * Every input is decoded under each FMIPv6 generation (RFC 5568, 5268,
 * 4068: fmip_variant.h).  Whatever decodes must re-encode under the same
 * generation, and the re-encoding must decode to the same message
 * (ms_mh_equal: diagnostics and wire_len aside), and encode to the same
 * octets again.  The checksum, BAD/BADF and format helpers run on every
 * input too, so that ASan/UBSan see them on hostile bytes.
 * tests/fuzz/fuzz_mh_fmip.c steers the type towards the FMIPv6 messages. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire/err.h"
#include "wire/mh.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct in6_addr src = {{{0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0}}};
static const struct in6_addr dst = {
    {{0x20, 0x01, 0x0d, 0xb8, 0, 0xaa, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}}};

static void
fail(const char *what)
{
    fprintf(stderr, "fuzz_mh: %s\n", what);
    abort();
}

static const enum ms_fmip_variant variants[] = {MS_FMIP_RFC5568, MS_FMIP_RFC5268, MS_FMIP_RFC4068};

/* Decode under v; when that succeeds, re-encode, re-decode, compare. */
static void
one_variant(const uint8_t *data, size_t size, enum ms_fmip_variant v)
{
    static struct ms_mh m, m2;
    char line[512];
    static uint8_t md[32 + MS_MH_MAX_LEN];

    /* The helpers must cope with anything. */
    size_t off = 0, alen = 0;
    int brc = ms_mh_bad_locate_ex(data, size, v, &off, &alen);
    if (brc == 0 && (off + alen > size || alen == 0 || alen > MS_MH_BADF_AUTH_MAX))
        fail("bad_locate out of range");
    int mrc = ms_mh_bad_mobility_data_ex(data, size, v, &src, &dst, md, sizeof md);
    if ((brc == 0) != (mrc > 0))
        fail("bad_locate and bad_mobility_data disagree");

    int rc = ms_mh_decode_ex(data, size, v, &m);
    (void)ms_mh_format(&m, line, sizeof line);
    if (rc < 0)
        return;
    if (m.variant != v)
        fail("variant not recorded");
    if (m.wire_len > size || m.wire_len % 8 != 0)
        fail("wire_len");

    uint8_t *buf = malloc(MS_MH_MAX_LEN);
    uint8_t *buf2 = malloc(MS_MH_MAX_LEN);
    if (!buf || !buf2)
        fail("malloc");
    int n = ms_mh_encode(&m, &src, &dst, buf, MS_MH_MAX_LEN);
    if (n <= 0 || (size_t)n != ms_mh_len(&m))
        fail("decoded message does not re-encode");
    if (ms_mh_verify_cksum(buf, (size_t)n, &src, &dst) != 0)
        fail("re-encoded checksum");
    if (ms_mh_decode_ex(buf, (size_t)n, v, &m2) != 0)
        fail("re-encoded message does not decode under its variant");
    if (!ms_mh_equal(&m, &m2))
        fail("decode(encode(decode(x))) != decode(x)");
    /* The encoder honours every alignment, except that a BAD whose length is
     * not 8n+4 cannot both end the MH without trailing padding and start at
     * 8n+2 (mh_opt.h); the decoder then flags it. */
    int odd_bad = (m2.opts.present & MS_MH_OPTS_BAD) && m2.opts.auth_len % 8 != 4;
    if ((m2.opts.diag & MS_MH_DIAG_MISALIGNED) && !odd_bad)
        fail("encoder misaligned an option");
    int n2 = ms_mh_encode(&m2, &src, &dst, buf2, MS_MH_MAX_LEN);
    if (n2 != n || memcmp(buf, buf2, (size_t)n) != 0)
        fail("encoding not idempotent");
    free(buf);
    free(buf2);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    (void)ms_mh_verify_cksum(data, size, &src, &dst);

    /* The options walker alone, with an alignment offset from the input. */
    if (size > 0) {
        static struct ms_mh_opts o;
        for (size_t v = 0; v < 3; v++)
            (void)ms_mh_opts_decode_ex(data + 1, size - 1, data[0] & 7u, variants[v], &o);
    }

    /* ms_mh_decode is the RFC 5568 decode. */
    static struct ms_mh a, b;
    int ra = ms_mh_decode(data, size, &a);
    int rb = ms_mh_decode_ex(data, size, MS_FMIP_RFC5568, &b);
    if (ra != rb || (ra == 0 && !ms_mh_equal(&a, &b)))
        fail("ms_mh_decode differs from ms_mh_decode_ex(RFC 5568)");

    for (size_t v = 0; v < 3; v++)
        one_variant(data, size, variants[v]);
    return 0;
}
