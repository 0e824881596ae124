/* The Internet checksum: ms_cksum_add sums eight octets at a time and
 * returns a sum congruent (mod 0xffff) to the word-by-word one; folded, the
 * two must always give the same checksum, including the one's complement
 * corner cases (all zeros; a non-zero sum that is 0 mod 0xffff). */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "wire/cksum.h"

/* RFC 1071 s4.1, word by word, in network order. */
static uint64_t
ref_sum(uint64_t s, const uint8_t *p, size_t len)
{
    for (; len >= 2; p += 2, len -= 2)
        s += (uint32_t)(p[0] << 8 | p[1]);
    if (len)
        s += (uint32_t)(p[0] << 8);
    return s;
}

static uint16_t
ref_fold(uint64_t s)
{
    while (s >> 16)
        s = (s & 0xffff) + (s >> 16);
    return (uint16_t)~s;
}

static uint64_t
xs(uint64_t *r)
{
    *r ^= *r << 13;
    *r ^= *r >> 7;
    *r ^= *r << 17;
    return *r;
}

Test(cksum, equals_word_by_word_sum)
{
    static uint8_t buf[1600];
    uint64_t r = 0x9e3779b97f4a7c15ULL;
    for (unsigned round = 0; round < 20000; round++) {
        size_t len = (size_t)(xs(&r) % 300);
        if (round % 7 == 0)
            len = (size_t)(xs(&r) % sizeof buf);
        unsigned pattern = round % 5;
        for (size_t i = 0; i < len; i++)
            buf[i] = pattern == 0   ? 0
                     : pattern == 1 ? 0xff
                     : pattern == 2 ? (uint8_t)(xs(&r) & 0x01)
                                    : (uint8_t)xs(&r);
        /* Offsets into the buffer: the sum never depends on alignment. */
        size_t off = (size_t)(xs(&r) % 8) & ~(size_t)1;
        if (off > len)
            off = len & ~(size_t)1;
        uint32_t s0 = round % 3 == 0 ? 0 : (uint32_t)xs(&r) & 0x3ffff;
        uint16_t got = ms_cksum_fold(ms_cksum_add(s0, buf + off, len - off));
        uint16_t want = ref_fold(ref_sum(s0, buf + off, len - off));
        cr_assert_eq(got, want, "round %u len %zu off %zu: %04x != %04x", round, len, off, got,
                     want);
    }
}

Test(cksum, ones_complement_corner_cases)
{
    uint8_t zeros[64] = {0};
    cr_assert_eq(ms_cksum_fold(ms_cksum_add(0, zeros, sizeof zeros)), 0xffff,
                 "all zeros sum to 0: checksum 0xffff");
    /* 0x0001 + 0xfffe = 0xffff: non-zero, 0 mod 0xffff: checksum 0. */
    uint8_t pair[16] = {0x00, 0x01, 0xff, 0xfe};
    cr_assert_eq(ms_cksum_fold(ms_cksum_add(0, pair, sizeof pair)), 0x0000);
    uint8_t ones[24];
    memset(ones, 0xff, sizeof ones);
    cr_assert_eq(ms_cksum_fold(ms_cksum_add(0, ones, sizeof ones)), 0x0000);
    /* RFC 1071 s3's example: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2. */
    const uint8_t ex[8] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
    cr_assert_eq(ms_cksum_fold(ms_cksum_add(0, ex, sizeof ex)), (uint16_t)~0xddf2);
}
