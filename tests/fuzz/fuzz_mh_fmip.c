/* libFuzzer target for the FMIPv6 parts of the Mobility Header codec
 * (wire/mh_fmip.c, mh_opt_fmip.c, mh_opt_ero.c, fmip_variant.h).
 *
 * fuzz_mh.c feeds raw bytes; most of them fail the common header.  Here the
 * first octet picks the generation and an FMIPv6 MH Type (FBU, FBack, FNA,
 * HI, HAck), and the rest becomes the message data, framed with a correct
 * Header Len, so that the fuzzer spends its time in the fixed parts and the
 * options.  For each input:
 *   - decode under the chosen generation; what decodes re-encodes under it,
 *     decodes to the same message, and encodes to the same octets;
 *   - the options area alone, under every generation and every start
 *     offset 0..7: decode, re-encode, decode, compare;
 *   - the HAck Code helpers agree with each other for the input's octets. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire/err.h"
#include "wire/fmip_variant.h"
#include "wire/mh.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct in6_addr src = {{{0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0}}};
static const struct in6_addr dst = {
    {{0x20, 0x01, 0x0d, 0xb8, 0, 0xaa, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}}};

static const uint8_t types[] = {MS_MH_FBU, MS_MH_FBACK, MS_MH_FNA, MS_MH_HI, MS_MH_HACK};

static void
fail(const char *what)
{
    fprintf(stderr, "fuzz_mh_fmip: %s\n", what);
    abort();
}

static void
message(const uint8_t *body, size_t blen, enum ms_fmip_variant v, uint8_t type, uint8_t pp)
{
    static uint8_t mh[MS_MH_MAX_LEN], buf[MS_MH_MAX_LEN], buf2[MS_MH_MAX_LEN];
    static struct ms_mh m, m2;
    char line[512];

    size_t total = MS_MH_HDR_LEN + blen;
    total = (total + 7) & ~(size_t)7;
    if (total < 8)
        total = 8;
    if (total > MS_MH_MAX_LEN)
        return;
    memset(mh, 0, total); /* the tail is Pad1s */
    mh[0] = pp;
    mh[1] = (uint8_t)(total / 8 - 1);
    mh[2] = type;
    memcpy(mh + MS_MH_HDR_LEN, body, blen);
    ms_mh_fix_cksum(mh, total, &src, &dst);

    int rc = ms_mh_decode_ex(mh, total, v, &m);
    (void)ms_mh_format(&m, line, sizeof line);
    size_t off, alen;
    int brc = ms_mh_bad_locate_ex(mh, total, v, &off, &alen);
    if (brc == 0 && (off + alen != total || alen > MS_MH_BADF_AUTH_MAX))
        fail("bad_locate: the authenticator must end the MH");
    if (rc < 0)
        return;
    if (m.type != type || m.variant != v || m.wire_len != total)
        fail("header fields");
    if (brc != 0 && brc != -ENOENT)
        fail("bad_locate fails on a message that decodes");
    int n = ms_mh_encode(&m, &src, &dst, buf, sizeof buf);
    if (n <= 0 || (size_t)n != ms_mh_len(&m))
        fail("decoded message does not re-encode");
    if (ms_mh_verify_cksum(buf, (size_t)n, &src, &dst) != 0)
        fail("checksum of the re-encoding");
    if (ms_mh_decode_ex(buf, (size_t)n, v, &m2) != 0)
        fail("re-encoding does not decode");
    if (!ms_mh_equal(&m, &m2))
        fail("decode(encode(decode(x))) != decode(x)");
    /* Message-level findings depend only on what survives a round trip. */
    if (m.diag != m2.diag)
        fail("message diagnostics changed across a round trip");
    int odd_bad = (m2.opts.present & MS_MH_OPTS_BAD) && m2.opts.auth_len % 8 != 4;
    if ((m2.opts.diag & MS_MH_DIAG_MISALIGNED) && !odd_bad)
        fail("encoder misaligned an option");
    if (m2.opts.diag & MS_MH_DIAG_BADF_LEN_AUTH)
        fail("the encoder writes the SPI-counting BADF length");
    int n2 = ms_mh_encode(&m2, &src, &dst, buf2, sizeof buf2);
    if (n2 != n || memcmp(buf, buf2, (size_t)n) != 0)
        fail("encoding not idempotent");
}

static void
options(const uint8_t *p, size_t len)
{
    static struct ms_mh_opts o, o2;
    static uint8_t buf[4096];
    for (int v = 0; v < MS_FMIP_VARIANT_COUNT; v++) {
        for (size_t start = 0; start < 8; start++) {
            if (ms_mh_opts_decode_ex(p, len, start, (enum ms_fmip_variant)v, &o) != 0)
                continue;
            int n = ms_mh_opts_encode_ex(&o, start, (enum ms_fmip_variant)v, buf, sizeof buf);
            if (n < 0 || (size_t)n != ms_mh_opts_len_ex(&o, start, (enum ms_fmip_variant)v))
                fail("options do not re-encode");
            if ((start + (size_t)n) % 8 != 0)
                fail("options area not padded to 8");
            if (ms_mh_opts_decode_ex(buf, (size_t)n, start, (enum ms_fmip_variant)v, &o2) != 0)
                fail("re-encoded options do not decode");
            if (!ms_mh_opts_equal(&o, &o2))
                fail("options changed across a round trip");
            size_t bl;
            for (int k = 0; k < MS_MH_BLOB__COUNT; k++) {
                const uint8_t *b = ms_mh_opts_blob_get(&o, (enum ms_mh_blob)k, &bl);
                if (b && (b < o.blob || b + bl > o.blob + o.blob_used))
                    fail("blob span outside the blob");
            }
        }
    }
}

static void
hack_codes(uint8_t c)
{
    for (int v = 0; v < MS_FMIP_VARIANT_COUNT; v++) {
        const char *sym = ms_fmip_hack_code_sym(v, c);
        int x = ms_fmip_hack_code_to_5568(v, c);
        if (x >= 0 && !sym)
            fail("a meaning for an undefined code");
        if (x >= 0) {
            int y = ms_fmip_hack_code_from_5568(v, (unsigned)x);
            if (y < 0 || ms_fmip_hack_code_to_5568(v, (unsigned)y) != x)
                fail("HAck code translation does not round-trip");
        }
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    enum ms_fmip_variant v = (enum ms_fmip_variant)(data[0] % 3);
    uint8_t type = types[(data[0] / 3) % 5];
    /* Payload Proto: 59 mostly, IPv6 (the RFC 4068 FNA) or the input's. */
    uint8_t pp = (data[0] & 0x80) ? (uint8_t)MS_IPPROTO_IPV6 : (uint8_t)MS_IPPROTO_NONE;
    message(data + 1, size - 1, v, type, pp);
    options(data + 1, size - 1);
    hack_codes(data[1]);
    return 0;
}
