/* Unit tests for wire/icmp6_fmip.c: RtSolPr, PrRtAdv and the ICMP-form
 * HI/HAck on ICMPv6 type 154 (RFC 5568 s6.1, RFC 5268 s6.1-6.2) and type 150
 * (RFC 4068 s6.1-6.2, RFC 4065 s8), with the RFC 5269 handover-key, RFC 5271
 * and SEND options they carry. */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire/err.h"
#include "wire/icmp6.h"
#include "wire/icmp6_fmip.h"

#include "unit/exact_copy.h"

/* Golden messages, hand-assembled field by field from the figures of RFC
 * 5568 s6.1.1-6.1.2 and s6.4.1/6.4.3, RFC 5268 s6.2.1-6.2.2, RFC 4068
 * s6.1.2, s6.2.1-6.2.2, s6.4.2, RFC 5271 s6.1-6.2, RFC 5269 s4.1-4.2 and RFC
 * 3971 s5.1-5.3.2 (with an RFC 3279 s2.3.1 RSA-512 SubjectPublicKeyInfo whose
 * modulus is made up).  The checksums were computed by an independent RFC
 * 1071 implementation (Python) over the RFC 8200 s8.1 pseudo-header of the
 * addresses above each array, and tshark 4.0 reports each one "[correct]"
 * (its readings are in docs/WIRE-VARIANTS.md, "Stock Wireshark 4.0"). */
/* clang-format off */
/* fe80::200:ff:fe00:1 > fe80::200:ff:fe00:1fe, 40 octets */
static const uint8_t g_rtsolpr[] = {
    0x9a, 0x00, 0x21, 0xbe,                          /* Type 154, Code 0, Checksum 0x21be */
    0x02, 0x00, 0x12, 0x34,                          /* Subtype 2, flags 0x00, Identifier 0x1234 */
    0x13, 0x02, 0x04,                                /* LLA: Type 19, Length 2, Option-Code 4 (sender) */
    0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,  /* LLA 02:00:00:00:00:01 + 7 octets padding */
    0x00, 0x00, 0x00, 0x00, 0x00,
    0x13, 0x02, 0x01,                                /* LLA: Type 19, Length 2, Option-Code 1 (New AP) */
    0x02, 0x00, 0x00, 0x00, 0xa2, 0x02, 0x00, 0x00,  /* LLA 02:00:00:00:a2:02 + 7 octets padding */
    0x00, 0x00, 0x00, 0x00, 0x00,
};

/* fe80::200:ff:fe00:1fe > fe80::200:ff:fe00:1, 104 octets */
static const uint8_t g_prrtadv[] = {
    0x9a, 0x00, 0x89, 0xb7,                          /* Type 154, Code 0, Checksum 0x89b7 */
    0x03, 0x80, 0x12, 0x34,                          /* Subtype 3, flags 0x80, Identifier 0x1234 */
    0x13, 0x02, 0x04,                                /* LLA: Type 19, Length 2, Option-Code 4 (sender) */
    0x02, 0x00, 0x00, 0x00, 0x01, 0xfe, 0x00, 0x00,  /* LLA 02:00:00:00:01:fe + 7 octets padding */
    0x00, 0x00, 0x00, 0x00, 0x00,
    0x13, 0x02, 0x01,                                /* LLA: Type 19, Length 2, Option-Code 1 (New AP) */
    0x02, 0x00, 0x00, 0x00, 0xa2, 0x02, 0x00, 0x00,  /* LLA 02:00:00:00:a2:02 + 7 octets padding */
    0x00, 0x00, 0x00, 0x00, 0x00,
    0x13, 0x02, 0x03,                                /* LLA: Type 19, Length 2, Option-Code 3 (NAR) */
    0x02, 0x00, 0x00, 0x00, 0x02, 0xfe, 0x00, 0x00,  /* LLA 02:00:00:00:02:fe + 7 octets padding */
    0x00, 0x00, 0x00, 0x00, 0x00,
    0x11, 0x03, 0x03, 0x80,                          /* Type 17, Length 3, Option-Code 3 (NAR's IP address), Prefix Length 128 */
    0x00, 0x00, 0x00, 0x00,                          /* Reserved */
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x02, 0x00, 0x00,  /* 2001:db8:2::1 */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
    0x11, 0x03, 0x04, 0x40,                          /* Type 17, Length 3, Option-Code 4 (NAR's prefix), Prefix Length 64 */
    0x00, 0x00, 0x00, 0x00,                          /* Reserved */
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x02, 0x00, 0x00,  /* 2001:db8:2:: */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/* fe80::200:ff:fe00:1fe > fe80::200:ff:fe00:1, 104 octets */
static const uint8_t g_prrtadv4068[] = {
    0x96, 0x00, 0x91, 0x37,                          /* Type 150, Code 0, Checksum 0x9137 */
    0x03, 0x00, 0x12, 0x34,                          /* Subtype 3, flags 0x00, Identifier 0x1234 */
    0x13, 0x02, 0x04,                                /* LLA: Type 19, Length 2, Option-Code 4 (sender) */
    0x02, 0x00, 0x00, 0x00, 0x01, 0xfe, 0x00, 0x00,  /* LLA 02:00:00:00:01:fe + 7 octets padding */
    0x00, 0x00, 0x00, 0x00, 0x00,
    0x13, 0x02, 0x01,                                /* LLA: Type 19, Length 2, Option-Code 1 (New AP) */
    0x02, 0x00, 0x00, 0x00, 0xa2, 0x02, 0x00, 0x00,  /* LLA 02:00:00:00:a2:02 + 7 octets padding */
    0x00, 0x00, 0x00, 0x00, 0x00,
    0x13, 0x02, 0x03,                                /* LLA: Type 19, Length 2, Option-Code 3 (NAR) */
    0x02, 0x00, 0x00, 0x00, 0x02, 0xfe, 0x00, 0x00,  /* LLA 02:00:00:00:02:fe + 7 octets padding */
    0x00, 0x00, 0x00, 0x00, 0x00,
    0x11, 0x03, 0x03, 0x80,                          /* Type 17, Length 3, Option-Code 3 (NAR's IP address), Prefix Length 128 */
    0x00, 0x00, 0x00, 0x00,                          /* Reserved */
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x02, 0x00, 0x00,  /* 2001:db8:2::1 */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
    0x12, 0x03, 0x00, 0x40,                          /* Type 18, Length 3, Option-Code 0 (New Router Prefix), Prefix Length 64 */
    0x00, 0x00, 0x00, 0x00,                          /* Reserved */
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x02, 0x00, 0x00,  /* 2001:db8:2:: */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/* 2001:db8:1::1 > 2001:db8:2::1, 72 octets */
static const uint8_t g_hi5268[] = {
    0x9a, 0x00, 0x6a, 0xc4,                          /* Type 154, Code 0, Checksum 0x6ac4 */
    0x04, 0xc0, 0x01, 0x02,                          /* Subtype 4, flags 0xc0, Identifier 0x0102 */
    0x13, 0x02, 0x02,                                /* LLA: Type 19, Length 2, Option-Code 2 (MN) */
    0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,  /* LLA 02:00:00:00:00:01 + 7 octets padding */
    0x00, 0x00, 0x00, 0x00, 0x00,
    0x11, 0x03, 0x01, 0x80,                          /* Type 17, Length 3, Option-Code 1 (Old CoA), Prefix Length 128 */
    0x00, 0x00, 0x00, 0x00,                          /* Reserved */
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0x00, 0x00,  /* 2001:db8:1::100 */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00,
    0x11, 0x03, 0x02, 0x80,                          /* Type 17, Length 3, Option-Code 2 (New CoA), Prefix Length 128 */
    0x00, 0x00, 0x00, 0x00,                          /* Reserved */
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x02, 0x00, 0x00,  /* 2001:db8:2::100 */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00,
};

/* 2001:db8:2::1 > 2001:db8:1::1, 32 octets */
static const uint8_t g_hack5268[] = {
    0x9a, 0x02, 0xc0, 0xeb,                          /* Type 154, Code 2, Checksum 0xc0eb */
    0x05, 0x00, 0x01, 0x02,                          /* Subtype 5, flags 0x00, Identifier 0x0102 */
    0x11, 0x03, 0x02, 0x80,                          /* Type 17, Length 3, Option-Code 2 (New CoA), Prefix Length 128 */
    0x00, 0x00, 0x00, 0x00,                          /* Reserved */
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x02, 0x00, 0x00,  /* 2001:db8:2::200 */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00,
};

/* 2001:db8:1::1 > 2001:db8:2::1, 48 octets */
static const uint8_t g_hi4068[] = {
    0x96, 0x00, 0xb1, 0x59,                          /* Type 150, Code 0, Checksum 0xb159 */
    0x04, 0x80, 0x01, 0x03,                          /* Subtype 4, flags 0x80, Identifier 0x0103 */
    0x13, 0x02, 0x02,                                /* LLA: Type 19, Length 2, Option-Code 2 (MN) */
    0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,  /* LLA 02:00:00:00:00:01 + 7 octets padding */
    0x00, 0x00, 0x00, 0x00, 0x00,
    0x11, 0x03, 0x01, 0x80,                          /* Type 17, Length 3, Option-Code 1 (Old CoA), Prefix Length 128 */
    0x00, 0x00, 0x00, 0x00,                          /* Reserved */
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0x00, 0x00,  /* 2001:db8:1::100 */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00,
};

/* 2001:db8:2::1 > 2001:db8:1::1, 32 octets */
static const uint8_t g_hack4068[] = {
    0x96, 0x03, 0xc4, 0xe9,                          /* Type 150, Code 3, Checksum 0xc4e9 */
    0x05, 0x00, 0x01, 0x03,                          /* Subtype 5, flags 0x00, Identifier 0x0103 */
    0x11, 0x03, 0x02, 0x80,                          /* Type 17, Length 3, Option-Code 2 (New CoA), Prefix Length 128 */
    0x00, 0x00, 0x00, 0x00,                          /* Reserved */
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x02, 0x00, 0x00,  /* 2001:db8:2::200 */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00,
};

/* fe80::200:ff:fe00:1fe > fe80::200:ff:fe00:1, 64 octets */
static const uint8_t g_prrtadv5271[] = {
    0x9a, 0x00, 0x3f, 0xac,                          /* Type 154, Code 0, Checksum 0x3fac */
    0x03, 0x80, 0x00, 0x07,                          /* Subtype 3, flags 0x80, Identifier 0x0007 */
    0x1d, 0x02, 0x01, 0x06,                          /* HAI: Type 29, Length 2, Option-Code 1 (ANID), HAI-Length 6 */
    0x00, 0x12, 0x34, 0x56, 0x78, 0x9a, 0x00, 0x00,  /* HAI-Value + 6 octets padding */
    0x00, 0x00, 0x00, 0x00,
    0x13, 0x02, 0x03,                                /* LLA: Type 19, Length 2, Option-Code 3 (NAR) */
    0x02, 0x00, 0x00, 0x00, 0x02, 0xfe, 0x00, 0x00,  /* LLA 02:00:00:00:02:fe + 7 octets padding */
    0x00, 0x00, 0x00, 0x00, 0x00,
    0x11, 0x03, 0x03, 0x80,                          /* Type 17, Length 3, Option-Code 3 (NAR's IP address), Prefix Length 128 */
    0x00, 0x00, 0x00, 0x00,                          /* Reserved */
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x02, 0x00, 0x00,  /* 2001:db8:2::1 */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
};

/* 2001:db8:1::1 > 2001:db8:2::1, 56 octets */
static const uint8_t g_hi5271[] = {
    0x9a, 0x00, 0x06, 0xa8,                          /* Type 154, Code 0, Checksum 0x06a8 */
    0x04, 0x40, 0x01, 0x04,                          /* Subtype 4, flags 0x40, Identifier 0x0104 */
    0x1e, 0x03, 0x01, 0x0e,                          /* MN-ID: Type 30, Length 3, Option-Code 1 (NAI), MN ID-Length 14 */
    0x6d, 0x6e, 0x40, 0x65, 0x78, 0x61, 0x6d, 0x70,  /* MN ID "mn@example.com" + 6 octets padding */
    0x6c, 0x65, 0x2e, 0x63, 0x6f, 0x6d, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00,
    0x11, 0x03, 0x01, 0x80,                          /* Type 17, Length 3, Option-Code 1 (Old CoA), Prefix Length 128 */
    0x00, 0x00, 0x00, 0x00,                          /* Reserved */
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0x00, 0x00,  /* 2001:db8:1::100 */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00,
};

/* fe80::1c:2d3e:4f50:6172 > fe80::200:ff:fe00:1fe, 368 octets */
static const uint8_t g_rtsolpr_hk[] = {
    0x9a, 0x00, 0x63, 0x0e,                          /* Type 154, Code 0, Checksum 0x630e */
    0x02, 0x00, 0x42, 0x42,                          /* Subtype 2, flags 0x00, Identifier 0x4242 */
    0x13, 0x02, 0x04,                                /* LLA: Type 19, Length 2, Option-Code 4 (sender) */
    0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,  /* LLA 02:00:00:00:00:01 + 7 octets padding */
    0x00, 0x00, 0x00, 0x00, 0x00,
    0x13, 0x02, 0x01,                                /* LLA: Type 19, Length 2, Option-Code 1 (New AP) */
    0x02, 0x00, 0x00, 0x00, 0xa2, 0x02, 0x00, 0x00,  /* LLA 02:00:00:00:a2:02 + 7 octets padding */
    0x00, 0x00, 0x00, 0x00, 0x00,
    0x1b, 0x0d, 0x06, 0x10,                          /* HK Request: Type 27, Length 13, Pad Length 6, AT 1 */
    0x30, 0x5c, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86,  /* Handover Key Encryption Public Key */
    0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05,
    0x00, 0x03, 0x4b, 0x00, 0x30, 0x48, 0x02, 0x41,
    0x00, 0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6,
    0xc7, 0xc8, 0xc9, 0xca, 0xcb, 0xcc, 0xcd, 0xce,
    0xcf, 0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6,
    0xd7, 0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde,
    0xdf, 0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6,
    0xe7, 0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee,
    0xef, 0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6,
    0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe,
    0xff, 0x02, 0x03, 0x01, 0x00, 0x01,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00,              /* Padding */
    0x0b, 0x10, 0x05, 0x00,                          /* CGA: Type 11, Length 16, Pad Length 5, Reserved */
    0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,  /* Modifier */
    0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0x00, 0x00,  /* Subnet Prefix */
    0x00,                                            /* Collision Count 0 */
    0x30, 0x5c, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86,  /* Public Key (DER SubjectPublicKeyInfo, 94 octets) */
    0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05,
    0x00, 0x03, 0x4b, 0x00, 0x30, 0x48, 0x02, 0x41,
    0x00, 0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6,
    0xc7, 0xc8, 0xc9, 0xca, 0xcb, 0xcc, 0xcd, 0xce,
    0xcf, 0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6,
    0xd7, 0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde,
    0xdf, 0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6,
    0xe7, 0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee,
    0xef, 0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6,
    0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe,
    0xff, 0x02, 0x03, 0x01, 0x00, 0x01,
    0x00, 0x00, 0x00, 0x00, 0x00,                    /* Padding */
    0x0e, 0x01, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6,  /* Nonce: Type 14, Length 1, Nonce */
    0x0c, 0x0b, 0x00, 0x00,                          /* RSA Signature: Type 12, Length 11, Reserved */
    0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37,  /* Key Hash */
    0x38, 0x39, 0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f,
    0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a,  /* Digital Signature (64 octets) */
    0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a,
    0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a,
    0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a,
    0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a,
    0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a,
    0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a,
    0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a,
    0x00, 0x00, 0x00, 0x00,                          /* Padding */
};

/* fe80::200:ff:fe00:1fe > fe80::1c:2d3e:4f50:6172, 224 octets */
static const uint8_t g_prrtadv_hk[] = {
    0x9a, 0x00, 0x44, 0xb0,                          /* Type 154, Code 0, Checksum 0x44b0 */
    0x03, 0x00, 0x42, 0x42,                          /* Subtype 3, flags 0x00, Identifier 0x4242 */
    0x13, 0x02, 0x04,                                /* LLA: Type 19, Length 2, Option-Code 4 (sender) */
    0x02, 0x00, 0x00, 0x00, 0x01, 0xfe, 0x00, 0x00,  /* LLA 02:00:00:00:01:fe + 7 octets padding */
    0x00, 0x00, 0x00, 0x00, 0x00,
    0x13, 0x02, 0x01,                                /* LLA: Type 19, Length 2, Option-Code 1 (New AP) */
    0x02, 0x00, 0x00, 0x00, 0xa2, 0x02, 0x00, 0x00,  /* LLA 02:00:00:00:a2:02 + 7 octets padding */
    0x00, 0x00, 0x00, 0x00, 0x00,
    0x1c, 0x09, 0x02, 0x10,                          /* HK Reply: Type 28, Length 9, Pad Length 2, AT 1 */
    0xa8, 0xc0,                                      /* Key Lifetime 43200 */
    0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7,  /* Encrypted Handover Key */
    0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee, 0xef,
    0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7,
    0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee, 0xef,
    0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7,
    0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee, 0xef,
    0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7,
    0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee, 0xef,
    0x00, 0x00,                                      /* Padding */
    0x0d, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  /* Timestamp: Type 13, Length 2, Reserved (48) */
    0x00, 0x00, 0x47, 0x86, 0x8c, 0x00, 0x80, 0x00,  /* Timestamp 1200000000 + 32768/65536 s */
    0x0e, 0x01, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6,  /* Nonce: Type 14, Length 1, Nonce */
    0x0c, 0x0b, 0x00, 0x00,                          /* RSA Signature: Type 12, Length 11, Reserved */
    0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47,  /* Key Hash */
    0x48, 0x49, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f,
    0x6b, 0x6b, 0x6b, 0x6b, 0x6b, 0x6b, 0x6b, 0x6b,  /* Digital Signature (64 octets) */
    0x6b, 0x6b, 0x6b, 0x6b, 0x6b, 0x6b, 0x6b, 0x6b,
    0x6b, 0x6b, 0x6b, 0x6b, 0x6b, 0x6b, 0x6b, 0x6b,
    0x6b, 0x6b, 0x6b, 0x6b, 0x6b, 0x6b, 0x6b, 0x6b,
    0x6b, 0x6b, 0x6b, 0x6b, 0x6b, 0x6b, 0x6b, 0x6b,
    0x6b, 0x6b, 0x6b, 0x6b, 0x6b, 0x6b, 0x6b, 0x6b,
    0x6b, 0x6b, 0x6b, 0x6b, 0x6b, 0x6b, 0x6b, 0x6b,
    0x6b, 0x6b, 0x6b, 0x6b, 0x6b, 0x6b, 0x6b, 0x6b,
    0x00, 0x00, 0x00, 0x00,                          /* Padding */
};
/* clang-format on */

#define G(x) x, sizeof(x)

static struct in6_addr
A(const char *s) {
    struct in6_addr a;
    cr_assert_eq(inet_pton(AF_INET6, s, &a), 1, "bad test address %s", s);
    return a;
}

/* Decodes a heap copy of exactly n octets, so that ASan catches overreads. */
static int
dec(const uint8_t *p, size_t n, enum ms_fmip_variant v, struct ms_icmp6_fmip *m,
    struct ms_nd_sec *sec)
{
    uint8_t *d = dup_exact(p, n);
    int rc = ms_icmp6_fmip_decode(d, n, v, m, sec);
    free(d);
    return rc;
}

struct golden {
    const char *name;
    const uint8_t *b;
    size_t n;
    const char *src, *dst;
    enum ms_fmip_variant v;
    uint8_t subtype;
};

#define LL_MN "fe80::200:ff:fe00:1"
#define LL_PAR "fe80::200:ff:fe00:1fe"
#define LL_CGA "fe80::1c:2d3e:4f50:6172"
#define PAR "2001:db8:1::1"
#define NAR "2001:db8:2::1"

static const struct golden goldens[] = {
    {"rtsolpr", G(g_rtsolpr), LL_MN, LL_PAR, MS_FMIP_RFC5568, MS_FMIP_RTSOLPR},
    {"prrtadv", G(g_prrtadv), LL_PAR, LL_MN, MS_FMIP_RFC5568, MS_FMIP_PRRTADV},
    {"prrtadv4068", G(g_prrtadv4068), LL_PAR, LL_MN, MS_FMIP_RFC4068, MS_FMIP_PRRTADV},
    {"hi5268", G(g_hi5268), PAR, NAR, MS_FMIP_RFC5268, MS_FMIP_HI},
    {"hack5268", G(g_hack5268), NAR, PAR, MS_FMIP_RFC5268, MS_FMIP_HACK},
    {"hi4068", G(g_hi4068), PAR, NAR, MS_FMIP_RFC4068, MS_FMIP_HI},
    {"hack4068", G(g_hack4068), NAR, PAR, MS_FMIP_RFC4068, MS_FMIP_HACK},
    {"prrtadv5271", G(g_prrtadv5271), LL_PAR, LL_MN, MS_FMIP_RFC5568, MS_FMIP_PRRTADV},
    {"hi5271", G(g_hi5271), PAR, NAR, MS_FMIP_RFC5268, MS_FMIP_HI},
    {"rtsolpr_hk", G(g_rtsolpr_hk), LL_CGA, LL_PAR, MS_FMIP_RFC5568, MS_FMIP_RTSOLPR},
    {"prrtadv_hk", G(g_prrtadv_hk), LL_PAR, LL_CGA, MS_FMIP_RFC5568, MS_FMIP_PRRTADV},
};
#define N_GOLDEN (sizeof(goldens) / sizeof(goldens[0]))

static struct ms_nd_sec sec1, sec2;

/* Re-encodes m under its generation and checks the octets against g. */
static void
assert_reencodes(const struct ms_icmp6_fmip *m, const struct golden *g)
{
    uint8_t buf[512];
    struct in6_addr s = A(g->src), d = A(g->dst);
    cr_assert_eq(ms_icmp6_fmip_len(m), g->n, "%s: len %zu", g->name, ms_icmp6_fmip_len(m));
    int n = ms_icmp6_fmip_encode(m, m->gen, &s, &d, buf, sizeof(buf));
    cr_assert_eq(n, (int)g->n, "%s: encode %d", g->name, n);
    cr_assert_arr_eq(buf, g->b, g->n, "%s: octets differ", g->name);
}

Test(icmp6_fmip, golden_checksums_and_reencode)
{
    for (unsigned i = 0; i < N_GOLDEN; i++) {
        const struct golden *g = &goldens[i];
        struct in6_addr s = A(g->src), d = A(g->dst);
        cr_assert_eq(ms_icmp6_verify_cksum(g->b, g->n, &s, &d), 0, "%s checksum", g->name);
        struct ms_icmp6_fmip m;
        int rc = dec(g->b, g->n, g->v, &m, &sec1);
        cr_assert_eq(rc, 0, "%s: %s", g->name, ms_err_name(rc));
        cr_assert_eq(m.subtype, g->subtype, "%s", g->name);
        cr_assert_eq(m.gen, g->v, "%s", g->name);
        cr_assert_eq(m.warn, 0u, "%s: warn 0x%x", g->name, m.warn);
        cr_assert_eq(m.opts.n_dropped, 0, "%s", g->name);
        assert_reencodes(&m, g);
    }
}

static void
assert_lla(const struct ms_nd_opt_fmip *e, uint8_t code, const char *mac)
{
    cr_assert_eq(e->type, MS_ND_OPT_LLA);
    cr_assert_eq(e->code, code);
    /* Length 2: the MAC and 7 octets of padding (nd_opt.h). */
    cr_assert_eq(e->len, 13);
    struct ms_mac got;
    cr_assert_eq(ms_nd_opt_fmip_mac(e, &got), 0);
    char s[MS_MAC_STRLEN];
    snprintf(s, sizeof(s), "%02x:%02x:%02x:%02x:%02x:%02x", got.b[0], got.b[1], got.b[2], got.b[3],
             got.b[4], got.b[5]);
    cr_assert_str_eq(s, mac);
    for (unsigned k = 6; k < e->len; k++)
        cr_assert_eq(e->u.b[k], 0);
}

static void
assert_ip(const struct ms_nd_opt_fmip *e, uint8_t type, uint8_t code, uint8_t plen,
          const char *addr)
{
    struct in6_addr a = A(addr);
    cr_assert_eq(e->type, type);
    cr_assert_eq(e->code, code);
    cr_assert_eq(e->prefix_len, plen);
    cr_assert_arr_eq(e->u.addr.s6_addr, a.s6_addr, 16);
}

Test(icmp6_fmip, golden_rtsolpr_fields)
{
    struct ms_icmp6_fmip m;
    cr_assert_eq(dec(G(g_rtsolpr), MS_FMIP_RFC5568, &m, NULL), 0);
    cr_assert_eq(m.icmp_type, MS_ICMP6_FMIP);
    cr_assert_eq(m.code, 0);
    cr_assert_eq(m.flags, 0);
    cr_assert_eq(m.id, 0x1234);
    cr_assert_eq(m.opts.n_fmip, 2);
    assert_lla(&m.opts.fmip[0], MS_LLA_SENDER, "02:00:00:00:00:01");
    assert_lla(&m.opts.fmip[1], MS_LLA_NEW_AP, "02:00:00:00:a2:02");
    cr_assert_null(ms_icmp6_fmip_code_name(&m));
}

Test(icmp6_fmip, golden_prrtadv_fields)
{
    struct ms_icmp6_fmip m;
    cr_assert_eq(dec(G(g_prrtadv), MS_FMIP_RFC5568, &m, NULL), 0);
    cr_assert_eq(m.code, MS_PRRTADV_SOLICITED);
    /* RFC 5271 s6.4 R / RFC 7411 s5.1 M: one bit, kept as a plain value. */
    cr_assert_eq(m.flags, MS_PRRTADV_F_R_OR_M);
    cr_assert_eq(m.id, 0x1234);
    cr_assert_eq(m.opts.n_fmip, 5);
    assert_lla(&m.opts.fmip[0], MS_LLA_SENDER, "02:00:00:00:01:fe");
    assert_lla(&m.opts.fmip[1], MS_LLA_NEW_AP, "02:00:00:00:a2:02");
    assert_lla(&m.opts.fmip[2], MS_LLA_NAR, "02:00:00:00:02:fe");
    assert_ip(&m.opts.fmip[3], MS_ND_OPT_IP_ADDR_PREFIX, MS_IPADDR_NAR_ADDR, 128, "2001:db8:2::1");
    assert_ip(&m.opts.fmip[4], MS_ND_OPT_IP_ADDR_PREFIX, MS_IPADDR_NAR_PREFIX, 64, "2001:db8:2::");
    cr_assert_str_eq(ms_icmp6_fmip_code_name(&m), "Solicited, new router information");
    /* The tuple helpers walk the array in wire order. */
    unsigned from = 0;
    cr_assert_eq(ms_nd_opts_find_fmip(&m.opts, MS_ND_OPT_LLA, MS_LLA_NAR, &from), &m.opts.fmip[2]);
    cr_assert_eq(from, 3u);
    cr_assert_null(ms_nd_opts_find_fmip(&m.opts, MS_ND_OPT_LLA, MS_LLA_NAR, &from));
}

Test(icmp6_fmip, encode_from_scratch_matches_golden)
{
    /* Built field by field, not decoded: the encoder alone must give the
     * golden octets, padding the 6-octet MACs to Length 2. */
    struct ms_icmp6_fmip m;
    memset(&m, 0, sizeof(m));
    m.subtype = MS_FMIP_PRRTADV;
    m.code = MS_PRRTADV_SOLICITED;
    m.flags = MS_PRRTADV_F_R_OR_M;
    m.id = 0x1234;
    const uint8_t par[6] = {2, 0, 0, 0, 1, 0xfe}, ap[6] = {2, 0, 0, 0, 0xa2, 2},
                  nar[6] = {2, 0, 0, 0, 2, 0xfe};
    cr_assert_not_null(ms_nd_opts_add_lla(&m.opts, MS_LLA_SENDER, par, 6));
    cr_assert_not_null(ms_nd_opts_add_lla(&m.opts, MS_LLA_NEW_AP, ap, 6));
    cr_assert_not_null(ms_nd_opts_add_lla(&m.opts, MS_LLA_NAR, nar, 6));
    struct in6_addr a = A("2001:db8:2::1"), p = A("2001:db8:2::");
    cr_assert_not_null(
        ms_nd_opts_add_ipaddr(&m.opts, MS_ND_OPT_IP_ADDR_PREFIX, MS_IPADDR_NAR_ADDR, 128, &a));
    cr_assert_not_null(
        ms_nd_opts_add_ipaddr(&m.opts, MS_ND_OPT_IP_ADDR_PREFIX, MS_IPADDR_NAR_PREFIX, 64, &p));
    struct in6_addr s = A(LL_PAR), d = A(LL_MN);
    uint8_t buf[256];
    cr_assert_eq(ms_icmp6_fmip_len(&m), sizeof(g_prrtadv));
    cr_assert_eq(ms_icmp6_fmip_encode(&m, MS_FMIP_RFC5568, &s, &d, buf, sizeof(buf)),
                 (int)sizeof(g_prrtadv));
    cr_assert_arr_eq(buf, g_prrtadv, sizeof(g_prrtadv));
    /* The same struct under RFC 5268 gives the same octets (type 154). */
    cr_assert_eq(ms_icmp6_fmip_encode(&m, MS_FMIP_RFC5268, &s, &d, buf, sizeof(buf)),
                 (int)sizeof(g_prrtadv));
    cr_assert_arr_eq(buf, g_prrtadv, sizeof(g_prrtadv));

    /* HAck, RFC 5268 form: "NCoA assigned" is 2 there (3 under RFC 4068). */
    memset(&m, 0, sizeof(m));
    m.subtype = MS_FMIP_HACK;
    m.code = (uint8_t)ms_fmip_hack_code_from_5568(MS_FMIP_RFC5268, MS_HACK_ACCEPTED_NCOA_ASSIGNED);
    m.id = 0x0102;
    struct in6_addr ncoa = A("2001:db8:2::200");
    ms_nd_opts_add_ipaddr(&m.opts, MS_ND_OPT_IP_ADDR_PREFIX, MS_IPADDR_NEW_COA, 128, &ncoa);
    s = A(NAR);
    d = A(PAR);
    cr_assert_eq(ms_icmp6_fmip_encode(&m, MS_FMIP_RFC5268, &s, &d, buf, sizeof(buf)),
                 (int)sizeof(g_hack5268));
    cr_assert_arr_eq(buf, g_hack5268, sizeof(g_hack5268));
    m.code = (uint8_t)ms_fmip_hack_code_from_5568(MS_FMIP_RFC4068, MS_HACK_ACCEPTED_NCOA_ASSIGNED);
    m.id = 0x0103;
    cr_assert_eq(ms_icmp6_fmip_encode(&m, MS_FMIP_RFC4068, &s, &d, buf, sizeof(buf)),
                 (int)sizeof(g_hack4068));
    cr_assert_arr_eq(buf, g_hack4068, sizeof(g_hack4068));
}

Test(icmp6_fmip, golden_4068_prrtadv_option18)
{
    struct ms_icmp6_fmip m;
    cr_assert_eq(dec(G(g_prrtadv4068), MS_FMIP_RFC4068, &m, NULL), 0);
    cr_assert_eq(m.icmp_type, MS_ICMP6_EXP_MOBILITY);
    cr_assert_eq(m.gen, MS_FMIP_RFC4068);
    cr_assert_eq(m.opts.n_fmip, 5);
    assert_ip(&m.opts.fmip[4], MS_ND_OPT_NEW_ROUTER_PREFIX, 0, 64, "2001:db8:2::");
    cr_assert_eq(m.warn, 0u);
    /* Received by an RFC 5568 node: the type says RFC 4068, so option 18 is
     * fine, but the type is not what the node speaks. */
    cr_assert_eq(dec(G(g_prrtadv4068), MS_FMIP_RFC5568, &m, NULL), 0);
    cr_assert_eq(m.gen, MS_FMIP_RFC4068);
    cr_assert_eq(m.warn, (uint32_t)MS_FMIP_WARN_TYPE);
    /* The same options on type 154: option 18 is not defined there (RFC 5568
     * App. C), decoded all the same and flagged. */
    struct in6_addr s = A(LL_PAR), d = A(LL_MN);
    uint8_t buf[256];
    cr_assert_eq(dec(G(g_prrtadv4068), MS_FMIP_RFC4068, &m, NULL), 0);
    int n = ms_icmp6_fmip_encode(&m, MS_FMIP_RFC5568, &s, &d, buf, sizeof(buf));
    cr_assert_eq(n, (int)sizeof(g_prrtadv4068));
    cr_assert_eq(buf[0], MS_ICMP6_FMIP);
    cr_assert_eq(dec(buf, (size_t)n, MS_FMIP_RFC5568, &m, NULL), 0);
    cr_assert_eq(m.warn, (uint32_t)MS_FMIP_WARN_OPT18);
    cr_assert_eq(m.opts.fmip[4].type, MS_ND_OPT_NEW_ROUTER_PREFIX);
}

Test(icmp6_fmip, golden_hi_hack_fields)
{
    struct ms_icmp6_fmip m;
    cr_assert_eq(dec(G(g_hi5268), MS_FMIP_RFC5268, &m, NULL), 0);
    cr_assert_eq(m.flags, MS_HI_ICMP_F_S | MS_HI_ICMP_F_U);
    cr_assert_eq(m.code, MS_HI_FBU_FROM_PCOA);
    cr_assert_eq(m.id, 0x0102);
    cr_assert_eq(m.opts.n_fmip, 3);
    assert_lla(&m.opts.fmip[0], MS_LLA_MN, "02:00:00:00:00:01");
    assert_ip(&m.opts.fmip[1], MS_ND_OPT_IP_ADDR_PREFIX, MS_IPADDR_OLD_COA, 128, "2001:db8:1::100");
    assert_ip(&m.opts.fmip[2], MS_ND_OPT_IP_ADDR_PREFIX, MS_IPADDR_NEW_COA, 128, "2001:db8:2::100");
    cr_assert_str_eq(ms_icmp6_fmip_code_name(&m), "FBU with PCoA as source");
    /* RFC 5568 s11 deprecates the ICMP form: decoded, flagged. */
    cr_assert_eq(dec(G(g_hi5268), MS_FMIP_RFC5568, &m, NULL), 0);
    cr_assert_eq(m.warn, (uint32_t)MS_FMIP_WARN_DEPRECATED);
    cr_assert_eq(m.gen, MS_FMIP_RFC5568);

    cr_assert_eq(dec(G(g_hack5268), MS_FMIP_RFC5268, &m, NULL), 0);
    cr_assert_eq(m.code, MS_HACK_ACCEPTED_NCOA_ASSIGNED);
    cr_assert_str_eq(ms_icmp6_fmip_code_name(&m), "Handover accepted, NCoA assigned");
    cr_assert_eq(dec(G(g_hack4068), MS_FMIP_RFC4068, &m, NULL), 0);
    cr_assert_eq(m.code, MS_HACK4068_ACCEPTED_NCOA_ASSIGNED);
    cr_assert_str_eq(ms_icmp6_fmip_code_name(&m), "Handover accepted, NCoA assigned");
    cr_assert_eq(dec(G(g_hi4068), MS_FMIP_RFC4068, &m, NULL), 0);
    cr_assert_eq(m.flags, MS_HI_ICMP_F_S);
    cr_assert_eq(m.id, 0x0103);
}

/* RFC 5268 s6.2.2 (type 154) and RFC 4068 s6.2.2 (type 150) HAck codes. */
Test(icmp6_fmip, hack_code_meanings_follow_the_type)
{
    struct {
        uint8_t code;
        const char *on154, *on150;
    } want[] = {
        {0, "Handover accepted, NCoA valid", "Handover accepted, NCoA valid"},
        {1, "Handover accepted, NCoA not valid or in use", "Handover accepted, NCoA not valid"},
        {2, "Handover accepted, NCoA assigned", "Handover accepted, NCoA in use"},
        {3, "Handover accepted, use PCoA", "Handover accepted, NCoA assigned"},
        {4, "Message sent unsolicited", "Handover accepted, NCoA not assigned"},
        {5, NULL, NULL}, /* RFC 5949 codes extend the MH form only */
        {6, NULL, NULL},
        {7, NULL, NULL},
        {127, NULL, NULL},
        {128, "Handover not accepted, reason unspecified",
         "Handover not accepted, reason unspecified"},
        {129, "Administratively prohibited", "Administratively prohibited"},
        {130, "Insufficient resources", "Insufficient resources"},
        {131, NULL, NULL},
        {132, NULL, NULL},
        {255, NULL, NULL},
    };
    uint8_t b[sizeof(g_hack5268)];
    for (unsigned i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        for (int t = 0; t < 2; t++) {
            memcpy(b, t ? g_hack4068 : g_hack5268, sizeof(b));
            b[1] = want[i].code;
            enum ms_fmip_variant v = t ? MS_FMIP_RFC4068 : MS_FMIP_RFC5268;
            struct ms_icmp6_fmip m;
            cr_assert_eq(dec(b, sizeof(b), v, &m, NULL), 0);
            const char *w = t ? want[i].on150 : want[i].on154;
            const char *got = ms_icmp6_fmip_code_name(&m);
            if (w == NULL) {
                cr_assert_null(got, "code %u type %u: %s", want[i].code, b[0], got);
                cr_assert_eq(m.warn, (uint32_t)MS_FMIP_WARN_CODE);
            } else {
                cr_assert_str_eq(got, w, "code %u type %u", want[i].code, b[0]);
                cr_assert_eq(m.warn, 0u);
            }
        }
    }
}

Test(icmp6_fmip, prrtadv_code5_only_after_4068)
{
    uint8_t b[sizeof(g_prrtadv)];
    struct ms_icmp6_fmip m;
    memcpy(b, g_prrtadv, sizeof(b));
    b[1] = MS_PRRTADV_DHCP;
    cr_assert_eq(dec(b, sizeof(b), MS_FMIP_RFC5568, &m, NULL), 0);
    cr_assert_eq(m.warn, 0u);
    cr_assert_str_eq(ms_icmp6_fmip_code_name(&m), "Use DHCP on the new link");
    cr_assert_eq(dec(b, sizeof(b), MS_FMIP_RFC5268, &m, NULL), 0);
    cr_assert_eq(m.warn, 0u);

    memcpy(b, g_prrtadv4068, sizeof(b));
    b[1] = MS_PRRTADV_DHCP;
    cr_assert_eq(dec(b, sizeof(b), MS_FMIP_RFC4068, &m, NULL), 0);
    cr_assert_eq(m.code, MS_PRRTADV_DHCP);
    cr_assert_eq(m.warn, (uint32_t)MS_FMIP_WARN_CODE);
    cr_assert_null(ms_icmp6_fmip_code_name(&m));
    for (unsigned c = 0; c < MS_PRRTADV_DHCP; c++) {
        b[1] = (uint8_t)c;
        cr_assert_eq(dec(b, sizeof(b), MS_FMIP_RFC4068, &m, NULL), 0);
        cr_assert_eq(m.warn, 0u, "code %u", c);
        cr_assert_not_null(ms_icmp6_fmip_code_name(&m));
    }
    b[1] = 6;
    cr_assert_eq(dec(b, sizeof(b), MS_FMIP_RFC4068, &m, NULL), 0);
    cr_assert_eq(m.warn, (uint32_t)MS_FMIP_WARN_CODE);
}

Test(icmp6_fmip, other_code_and_flag_warnings)
{
    struct ms_icmp6_fmip m;
    uint8_t b[sizeof(g_hi5268)];
    memcpy(b, g_rtsolpr, sizeof(g_rtsolpr));
    b[1] = 1; /* RtSolPr "Code: 0" */
    cr_assert_eq(dec(b, sizeof(g_rtsolpr), MS_FMIP_RFC5568, &m, NULL), 0);
    cr_assert_eq(m.warn, (uint32_t)MS_FMIP_WARN_CODE);
    b[1] = 0;
    b[5] = 0xff; /* Reserved: ignored, kept */
    cr_assert_eq(dec(b, sizeof(g_rtsolpr), MS_FMIP_RFC5568, &m, NULL), 0);
    cr_assert_eq(m.warn, 0u);
    cr_assert_eq(m.flags, 0xff);

    memcpy(b, g_hi5268, sizeof(b));
    b[1] = MS_HI_FBU_NOT_FROM_PCOA; /* with S set: "MUST be 0 when Code = 1" */
    cr_assert_eq(dec(b, sizeof(b), MS_FMIP_RFC5268, &m, NULL), 0);
    cr_assert_eq(m.warn, (uint32_t)MS_FMIP_WARN_FLAGS);
    b[5] = MS_HI_ICMP_F_U;
    cr_assert_eq(dec(b, sizeof(b), MS_FMIP_RFC5268, &m, NULL), 0);
    cr_assert_eq(m.warn, 0u);
    cr_assert_str_eq(ms_icmp6_fmip_code_name(&m), "FBU whose source is not the PCoA");
    b[1] = MS_HI_FORWARDING_COMPLETE; /* RFC 5949: MH form only */
    cr_assert_eq(dec(b, sizeof(b), MS_FMIP_RFC5268, &m, NULL), 0);
    cr_assert_eq(m.warn, (uint32_t)MS_FMIP_WARN_CODE);
    cr_assert_null(ms_icmp6_fmip_code_name(&m));
}

Test(icmp6_fmip, type_tells_the_generation)
{
    cr_assert_eq(ms_icmp6_fmip_type(MS_FMIP_RFC5568), MS_ICMP6_FMIP);
    cr_assert_eq(ms_icmp6_fmip_type(MS_FMIP_RFC5268), MS_ICMP6_FMIP);
    cr_assert_eq(ms_icmp6_fmip_type(MS_FMIP_RFC4068), MS_ICMP6_EXP_MOBILITY);
    struct ms_icmp6_fmip m;
    cr_assert_eq(dec(G(g_rtsolpr), MS_FMIP_RFC4068, &m, NULL), 0);
    cr_assert_eq(m.gen, MS_FMIP_RFC5268);
    cr_assert_eq(m.warn, (uint32_t)MS_FMIP_WARN_TYPE);
    cr_assert_eq(dec(G(g_rtsolpr), MS_FMIP_RFC5268, &m, NULL), 0);
    cr_assert_eq(m.gen, MS_FMIP_RFC5268);
    cr_assert_eq(m.warn, 0u);
    cr_assert_eq(dec(G(g_hack4068), MS_FMIP_RFC5268, &m, NULL), 0);
    cr_assert_eq(m.gen, MS_FMIP_RFC4068);
    cr_assert_eq(m.warn, (uint32_t)MS_FMIP_WARN_TYPE);
    cr_assert_eq(dec(G(g_hack4068), MS_FMIP_RFC5568, &m, NULL), 0);
    cr_assert_eq(m.warn, (uint32_t)(MS_FMIP_WARN_TYPE | MS_FMIP_WARN_DEPRECATED));
    /* HAck code 3 on type 150 still reads as RFC 4068's "NCoA assigned". */
    cr_assert_str_eq(ms_icmp6_fmip_code_name(&m), "Handover accepted, NCoA assigned");
}

static void
fill_options(struct ms_nd_opts *o)
{
    const uint8_t mac[6] = {2, 0, 0, 0x11, 0x22, 0x33};
    struct in6_addr a = A("2001:db8:5::5");
    ms_nd_opts_add_lla(o, MS_LLA_SENDER, mac, 6);
    ms_nd_opts_add_lla(o, MS_LLA_WILDCARD, NULL, 0);
    ms_nd_opts_add_ipaddr(o, MS_ND_OPT_IP_ADDR_PREFIX, MS_IPADDR_NEW_COA, 128, &a);
    const uint8_t sector[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    ms_nd_opts_add_hai(o, MS_HAI_SECTOR_ID, sector, sizeof(sector));
    ms_nd_opts_set(o, MS_ND_OPT_MN_ID);
    o->mnid.code = MS_ND_MNID_IMSI;
    o->mnid.len = 15;
    memcpy(o->mnid.id, "001010123456789", 15);
    ms_nd_opts_set(o, MS_ND_OPT_NONCE);
    o->nonce.len = 6;
    memcpy(o->nonce.b, "\x01\x02\x03\x04\x05\x06", 6);
}

Test(icmp6_fmip, roundtrip_every_subtype_and_variant)
{
    const uint8_t subtypes[] = {MS_FMIP_RTSOLPR, MS_FMIP_PRRTADV, MS_FMIP_HI, MS_FMIP_HACK};
    const enum ms_fmip_variant vs[] = {MS_FMIP_RFC5568, MS_FMIP_RFC5268, MS_FMIP_RFC4068};
    struct in6_addr s = A("fe80::1"), d = A("fe80::2");
    for (unsigned i = 0; i < sizeof(subtypes); i++) {
        for (unsigned j = 0; j < 3; j++) {
            for (unsigned f = 0; f < 256; f += 85) {
                struct ms_icmp6_fmip in, out;
                memset(&in, 0, sizeof(in));
                in.subtype = subtypes[i];
                in.code = (uint8_t)(f == 0 ? 0 : 1);
                in.flags = (uint8_t)f;
                in.id = (uint16_t)(0xfff0 + f);
                if (f)
                    fill_options(&in.opts);
                uint8_t buf[512];
                int n = ms_icmp6_fmip_encode(&in, vs[j], &s, &d, buf, sizeof(buf));
                cr_assert_gt(n, 0);
                cr_assert_eq((size_t)n, ms_icmp6_fmip_len(&in));
                cr_assert_eq(n % 8, 0);
                cr_assert_eq(buf[0], vs[j] == MS_FMIP_RFC4068 ? 150 : 154);
                cr_assert_eq(ms_icmp6_verify_cksum(buf, (size_t)n, &s, &d), 0);
                cr_assert_eq(dec(buf, (size_t)n, vs[j], &out, NULL), 0);
                cr_assert_eq(out.gen, vs[j]);
                cr_assert_eq(out.subtype, in.subtype);
                cr_assert_eq(out.code, in.code);
                cr_assert_eq(out.flags, in.flags);
                cr_assert_eq(out.id, in.id);
                cr_assert_eq(out.opts.present, in.opts.present);
                cr_assert_eq(out.opts.n_fmip, in.opts.n_fmip);
                for (unsigned k = 0; k < in.opts.n_fmip; k++) {
                    const struct ms_nd_opt_fmip *x = &in.opts.fmip[k], *y = &out.opts.fmip[k];
                    cr_assert_eq(x->type, y->type);
                    cr_assert_eq(x->code, y->code);
                    if (x->type == MS_ND_OPT_LLA) /* padding comes back as LLA octets */
                        cr_assert_geq(y->len, x->len);
                    else
                        cr_assert_eq(x->len, y->len);
                    cr_assert_arr_eq(x->u.b, y->u.b, x->len);
                }
                cr_assert_eq(out.opts.mnid.len, in.opts.mnid.len);
                cr_assert_arr_eq(out.opts.mnid.id, in.opts.mnid.id, in.opts.mnid.len);
                cr_assert_arr_eq(out.opts.nonce.b, in.opts.nonce.b, in.opts.nonce.len);
                /* A second round gives the same octets. */
                uint8_t buf2[512];
                cr_assert_eq(ms_icmp6_fmip_encode(&out, out.gen, &s, &d, buf2, sizeof(buf2)), n);
                cr_assert_arr_eq(buf2, buf, (size_t)n);
            }
        }
    }
}

/* Offsets of the option boundaries of a message (from 8). */
static void
boundaries(const uint8_t *b, size_t n, bool *at)
{
    for (size_t off = MS_ICMP6_FMIP_HDR_LEN; off < n; off += (size_t)b[off + 1] * 8)
        at[off] = true;
    at[n] = true;
}

Test(icmp6_fmip, truncation_every_prefix)
{
    for (unsigned i = 0; i < N_GOLDEN; i++) {
        const struct golden *g = &goldens[i];
        bool at[512] = {false};
        boundaries(g->b, g->n, at);
        for (size_t k = 0; k < g->n; k++) {
            struct ms_icmp6_fmip m;
            int rc = dec(g->b, k, g->v, &m, &sec1);
            if (k < MS_ICMP6_FMIP_HDR_LEN) {
                cr_assert_eq(rc, MS_ETRUNC, "%s prefix %zu: %s", g->name, k, ms_err_name(rc));
            } else if (at[k]) {
                cr_assert_eq(rc, 0, "%s prefix %zu: %s", g->name, k, ms_err_name(rc));
                cr_assert_leq(ms_icmp6_fmip_len(&m), k);
            } else {
                cr_assert_eq(rc, MS_EOPT_OVERRUN, "%s prefix %zu: %s", g->name, k, ms_err_name(rc));
                cr_assert_eq(m.subtype, g->subtype);
                cr_assert_eq(m.opts.n_fmip, 0);
            }
        }
    }
}

Test(icmp6_fmip, corrupted_option_lengths)
{
    for (unsigned i = 0; i < N_GOLDEN; i++) {
        const struct golden *g = &goldens[i];
        for (size_t off = MS_ICMP6_FMIP_HDR_LEN; off < g->n; off += (size_t)g->b[off + 1] * 8) {
            uint8_t *b = dup_exact(g->b, g->n);
            struct ms_icmp6_fmip m;
            b[off + 1] = 0;
            cr_assert_eq(ms_icmp6_fmip_decode(b, g->n, g->v, &m, &sec1), MS_EZERO_OPTLEN, "%s @%zu",
                         g->name, off);
            b[off + 1] = 255;
            cr_assert_eq(ms_icmp6_fmip_decode(b, g->n, g->v, &m, &sec1), MS_EOPT_OVERRUN, "%s @%zu",
                         g->name, off);
            /* A fixed-length option one unit short or long. */
            uint8_t t = g->b[off];
            if (t == MS_ND_OPT_IP_ADDR_PREFIX || t == MS_ND_OPT_NEW_ROUTER_PREFIX) {
                b[off + 1] = 2;
                cr_assert_eq(ms_icmp6_fmip_decode(b, g->n, g->v, &m, &sec1), MS_EBAD_OPTLEN,
                             "%s @%zu", g->name, off);
                b[off + 1] = 4;
                int rc = ms_icmp6_fmip_decode(b, g->n, g->v, &m, &sec1);
                cr_assert(rc == MS_EBAD_OPTLEN || rc == MS_EOPT_OVERRUN, "%s @%zu: %s", g->name,
                          off, ms_err_name(rc));
            }
            free(b);
        }
    }
}

Test(icmp6_fmip, bad_checksum)
{
    for (unsigned i = 0; i < N_GOLDEN; i++) {
        const struct golden *g = &goldens[i];
        struct in6_addr s = A(g->src), d = A(g->dst);
        uint8_t *b = dup_exact(g->b, g->n);
        for (size_t k = 0; k < g->n; k++) {
            b[k] ^= 0x01;
            cr_assert_eq(ms_icmp6_verify_cksum(b, g->n, &s, &d), MS_EBAD_CHECKSUM, "%s @%zu",
                         g->name, k);
            b[k] ^= 0x01;
        }
        /* The pseudo-header counts: another destination fails. */
        struct in6_addr other = A("fe80::dead");
        cr_assert_eq(ms_icmp6_verify_cksum(b, g->n, &s, &other), MS_EBAD_CHECKSUM);
        free(b);
    }
}

Test(icmp6_fmip, unknown_type_and_subtype)
{
    uint8_t b[sizeof(g_rtsolpr)];
    struct ms_icmp6_fmip m;
    const uint8_t types[] = {0, 1, 128, MS_ICMP6_RA, 149, 151, 153, 155, 255};
    for (unsigned i = 0; i < sizeof(types); i++) {
        memcpy(b, g_rtsolpr, sizeof(b));
        b[0] = types[i];
        cr_assert_eq(dec(b, sizeof(b), MS_FMIP_RFC5568, &m, NULL), MS_EUNKNOWN_TYPE, "type %u",
                     types[i]);
    }
    /* 150 subtypes 0/1 are CARD and CXTP (RFC 4065 s8); 154's are reserved. */
    const uint8_t subs[] = {MS_FMIP_CARD, MS_FMIP_CXTP, 6, 7, 128, 255};
    for (int t = 0; t < 2; t++) {
        for (unsigned i = 0; i < sizeof(subs); i++) {
            memcpy(b, g_rtsolpr, sizeof(b));
            b[0] = t ? MS_ICMP6_EXP_MOBILITY : MS_ICMP6_FMIP;
            b[4] = subs[i];
            cr_assert_eq(dec(b, sizeof(b), MS_FMIP_RFC5568, &m, NULL), MS_EUNKNOWN_TYPE);
        }
    }
    /* The type is checked before the length. */
    b[0] = 153;
    cr_assert_eq(dec(b, 5, MS_FMIP_RFC5568, &m, NULL), MS_EUNKNOWN_TYPE);
    cr_assert_eq(dec(b, 3, MS_FMIP_RFC5568, &m, NULL), MS_ETRUNC);
}

Test(icmp6_fmip, validate_ip_fields)
{
    struct ms_icmp6_fmip m;
    struct in6_addr ll = A("fe80::1"), gl = A("2001:db8::1");
    cr_assert_eq(dec(G(g_prrtadv), MS_FMIP_RFC5568, &m, NULL), 0);
    cr_assert_eq(ms_icmp6_fmip_validate(&m, 255, &ll), 0);
    cr_assert_eq(ms_icmp6_fmip_validate(&m, 254, &ll), MS_EBAD_HOPLIMIT);
    cr_assert_eq(ms_icmp6_fmip_validate(&m, 255, &gl), MS_EBAD_SOURCE);
    cr_assert_eq(dec(G(g_rtsolpr), MS_FMIP_RFC5568, &m, NULL), 0);
    cr_assert_eq(ms_icmp6_fmip_validate(&m, 255, &gl), 0);
    cr_assert_eq(ms_icmp6_fmip_validate(&m, 64, &gl), MS_EBAD_HOPLIMIT);
    cr_assert_eq(dec(G(g_hi5268), MS_FMIP_RFC5268, &m, NULL), 0);
    cr_assert_eq(ms_icmp6_fmip_validate(&m, 63, &gl), 0);
    cr_assert_eq(dec(G(g_hi4068), MS_FMIP_RFC4068, &m, NULL), 0);
    cr_assert_eq(ms_icmp6_fmip_validate(&m, 63, &gl), MS_EBAD_HOPLIMIT);
    cr_assert_eq(ms_icmp6_fmip_validate(&m, 255, &gl), 0);
    m.subtype = 9;
    cr_assert_eq(ms_icmp6_fmip_validate(&m, 255, &gl), MS_EUNKNOWN_TYPE);
}

Test(icmp6_fmip, encode_errors)
{
    struct ms_icmp6_fmip m;
    struct in6_addr s = A(LL_PAR), d = A(LL_MN);
    cr_assert_eq(dec(G(g_prrtadv), MS_FMIP_RFC5568, &m, NULL), 0);
    uint8_t *buf = malloc(sizeof(g_prrtadv));
    cr_assert_not_null(buf);
    for (size_t cap = 0; cap < sizeof(g_prrtadv); cap++)
        cr_assert_eq(ms_icmp6_fmip_encode(&m, MS_FMIP_RFC5568, &s, &d, buf, cap), -EMSGSIZE,
                     "cap %zu", cap);
    cr_assert_eq(ms_icmp6_fmip_encode(&m, MS_FMIP_RFC5568, &s, &d, buf, sizeof(g_prrtadv)),
                 (int)sizeof(g_prrtadv));
    cr_assert_eq(ms_icmp6_fmip_encode(&m, (enum ms_fmip_variant)3, &s, &d, buf, sizeof(g_prrtadv)),
                 -EINVAL);
    m.subtype = MS_FMIP_CXTP;
    cr_assert_eq(ms_icmp6_fmip_encode(&m, MS_FMIP_RFC5568, &s, &d, buf, sizeof(g_prrtadv)),
                 -EINVAL);
    m.subtype = MS_FMIP_PRRTADV;
    m.opts.fmip[0].type = MS_ND_OPT_MTU; /* not an fmip[] type */
    cr_assert_eq(ms_icmp6_fmip_encode(&m, MS_FMIP_RFC5568, &s, &d, buf, sizeof(g_prrtadv)),
                 -EINVAL);
    free(buf);
}

static size_t
opt_offset(const uint8_t *b, size_t n, uint8_t type)
{
    for (size_t off = MS_ICMP6_FMIP_HDR_LEN; off < n; off += (size_t)b[off + 1] * 8)
        if (b[off] == type)
            return off;
    cr_assert_fail("no option %u", type);
    return 0;
}

/* RFC 5269 s3.1: RtSolPr with Handover Key Request, CGA, Nonce and RSA
 * Signature; s3.2: PrRtAdv with Handover Key Reply, Timestamp, Nonce and
 * RSA Signature. */
Test(icmp6_fmip, send_handover_key_messages)
{
    struct ms_icmp6_fmip m;
    cr_assert_eq(dec(G(g_rtsolpr_hk), MS_FMIP_RFC5568, &m, &sec1), 0);
    cr_assert_eq(m.opts.sec, &sec1);
    const struct ms_nd_sec *s = &sec1;
    cr_assert(ms_nd_opts_has(&m.opts, MS_ND_OPT_HK_REQUEST));
    cr_assert(ms_nd_opts_has(&m.opts, MS_ND_OPT_CGA));
    cr_assert(ms_nd_opts_has(&m.opts, MS_ND_OPT_RSA_SIG));
    cr_assert(ms_nd_opts_has(&m.opts, MS_ND_OPT_NONCE));
    cr_assert_eq(s->hk_req.at, 1);
    cr_assert_eq(s->hk_req.key_len, 94);
    cr_assert_eq(s->cga.key_len, 94);
    cr_assert_arr_eq(s->cga.key, s->hk_req.key, 94); /* "MUST have the same parameters" */
    cr_assert_eq(s->cga.key[0], 0x30);
    cr_assert_eq(s->cga.ext_len, 0);
    cr_assert_eq(s->cga.modifier[0], 0x10);
    cr_assert_eq(s->cga.modifier[15], 0x1f);
    const uint8_t pfx[8] = {0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0};
    cr_assert_arr_eq(s->cga.subnet_prefix, pfx, 8);
    cr_assert_eq(s->cga.collision_count, 0);
    cr_assert_eq(m.opts.nonce.len, 6);
    cr_assert_eq(m.opts.nonce.b[5], 0xa6);
    cr_assert_eq(s->rsa_sig.key_hash[0], 0x30);
    cr_assert_eq(s->rsa_sig.sig_len, 68); /* 64-octet signature + 4 of padding */
    cr_assert_eq(s->rsa_sig.off, opt_offset(G(g_rtsolpr_hk), MS_ND_OPT_RSA_SIG));
    cr_assert_eq(s->rsa_sig.off, sizeof(g_rtsolpr_hk) - 88);

    /* A node without SEND storage skips the three payload options. */
    struct ms_icmp6_fmip plain;
    cr_assert_eq(dec(G(g_rtsolpr_hk), MS_FMIP_RFC5568, &plain, NULL), 0);
    cr_assert_null(plain.opts.sec);
    cr_assert_eq(plain.opts.n_dropped, 3);
    cr_assert(!ms_nd_opts_has(&plain.opts, MS_ND_OPT_CGA));
    cr_assert(ms_nd_opts_has(&plain.opts, MS_ND_OPT_NONCE));
    cr_assert_eq(ms_icmp6_fmip_len(&plain), 8 + 16 + 16 + 8);

    cr_assert_eq(dec(G(g_prrtadv_hk), MS_FMIP_RFC5568, &m, &sec2), 0);
    cr_assert_eq(sec2.hk_rep.at, 1);
    cr_assert_eq(sec2.hk_rep.lifetime_s, 43200);
    cr_assert_eq(sec2.hk_rep.key_len, 64);
    cr_assert_eq(sec2.hk_rep.key[17], 0xe1);
    cr_assert_eq(m.opts.timestamp, ((uint64_t)1200000000 << 16) | 0x8000);
    cr_assert_eq(ms_nd_ts_to_ns(m.opts.timestamp), 1200000000500000000ll);
    cr_assert_eq(sec2.rsa_sig.off, opt_offset(G(g_prrtadv_hk), MS_ND_OPT_RSA_SIG));
}

Test(icmp6_fmip, options_after_the_signature_are_ignored)
{
    /* RFC 3971 s5.2.2: "The receiver MUST ignore any options that come after
     * the first RSA Signature option"; a node without SEND does not know
     * the signature and reads them. */
    uint8_t b[sizeof(g_rtsolpr_hk) + 16];
    memcpy(b, g_rtsolpr_hk, sizeof(g_rtsolpr_hk));
    memcpy(b + sizeof(g_rtsolpr_hk), g_rtsolpr + 8, 16); /* an LLA option */
    struct ms_icmp6_fmip m;
    cr_assert_eq(dec(b, sizeof(b), MS_FMIP_RFC5568, &m, &sec1), 0);
    cr_assert_eq(m.opts.n_fmip, 2);
    cr_assert_eq(m.opts.n_dropped, 1);
    cr_assert_eq(dec(b, sizeof(b), MS_FMIP_RFC5568, &m, NULL), 0);
    cr_assert_eq(m.opts.n_fmip, 3);
    /* Even a malformed option after the signature is still framed. */
    b[sizeof(g_rtsolpr_hk) + 1] = 0;
    cr_assert_eq(dec(b, sizeof(b), MS_FMIP_RFC5568, &m, &sec1), MS_EZERO_OPTLEN);
}

Test(icmp6_fmip, format)
{
    struct ms_icmp6_fmip m;
    char buf[512];
    cr_assert_eq(dec(G(g_prrtadv), MS_FMIP_RFC5568, &m, NULL), 0);
    int n = ms_icmp6_fmip_format(&m, buf, sizeof(buf));
    cr_assert_eq((size_t)n, strlen(buf));
    cr_assert_not_null(strstr(buf, "prrtadv/154 id=4660 code=0 flags=0x80 rfc5568"), "%s", buf);
    cr_assert_not_null(strstr(buf, " lla3=02:00:00:00:02:fe:00:00:00:00:00:00:00"), "%s", buf);
    cr_assert_not_null(strstr(buf, " ip4=2001:db8:2::/64"), "%s", buf);
    cr_assert_eq(dec(G(g_hack4068), MS_FMIP_RFC5568, &m, NULL), 0);
    n = ms_icmp6_fmip_format(&m, buf, sizeof(buf));
    cr_assert_not_null(strstr(buf, "hack/150 id=259 code=3 flags=0x00 rfc4068 warn=0x5"), "%s",
                       buf);
    char small[10];
    cr_assert_eq(ms_icmp6_fmip_format(&m, small, sizeof(small)), n);
    cr_assert_eq(strlen(small), sizeof(small) - 1);
}
