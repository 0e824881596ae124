/* FMIPv6 protocol generations, shared by the Mobility Header codec (mh.h)
 * and the ICMPv6/ND codecs (RtSolPr, PrRtAdv, ICMP-form HI/HAck, ND
 * options 17-20).
 *
 * The three RFCs reuse the same numbers with different layouts or meanings
 * (docs/WIRE-VARIANTS.md has one section per difference).  A codec that
 * decodes or encodes something that differs takes the variant as a
 * parameter; everything else ignores it.
 *
 *   MS_FMIP_RFC5568  RFC 5568 (2009, Proposed Standard), the default, with
 *                    the RFC 7411 updates (MH options 60/61, PrRtAdv M bit)
 *                    and the RFC 5949 HI/HAck extensions (flags P/F, codes).
 *   MS_FMIP_RFC5268  RFC 5268 (2008): as 5568 for every Mobility Header
 *                    layout (FBU lifetime in seconds, MH-LLA Length counts
 *                    the Option-Code, BADF), but HI/HAck exist only in their
 *                    ICMPv6 form (type 154, subtypes 4/5).
 *   MS_FMIP_RFC4068  RFC 4068 (2005, Experimental): ICMPv6 type 150, FBU
 *                    lifetime in 4-second units, MH-LLA Length excludes the
 *                    Option-Code and a Pad0 octet precedes the address, HAck
 *                    codes 2-4 mean something else, FNA (MH type 10), no BADF.
 *
 * The value 0 is the default so that a zeroed struct means RFC 5568.
 * Header only (static inline, libc-free, codepoints.h only), so that every
 * codec can include it without a link dependency.
 */
#ifndef MIPSIM_WIRE_FMIP_VARIANT_H
#define MIPSIM_WIRE_FMIP_VARIANT_H

#include <stdint.h>

#include "wire/codepoints.h"

enum ms_fmip_variant {
    MS_FMIP_RFC5568 = 0,
    MS_FMIP_RFC5268 = 1,
    MS_FMIP_RFC4068 = 2,
};
#define MS_FMIP_VARIANT_COUNT 3

/* 1 when v is one of the enum values. */
static inline int
ms_fmip_variant_valid(int v)
{
    return v >= MS_FMIP_RFC5568 && v <= MS_FMIP_RFC4068;
}

/* "rfc5568", "rfc5268", "rfc4068", or NULL for an invalid value. */
static inline const char *
ms_fmip_variant_name(int v)
{
    switch (v) {
    case MS_FMIP_RFC5568:
        return "rfc5568";
    case MS_FMIP_RFC5268:
        return "rfc5268";
    case MS_FMIP_RFC4068:
        return "rfc4068";
    default:
        return NULL;
    }
}

/* HAck Code meanings (CODEPOINTS s7.1, WIRE-VARIANTS "HAck codes").
 * RFC 5568 s6.2.1.2 / RFC 5268 s6.2.2: 0 NCoA valid, 1 NCoA not valid or in
 * use, 2 NCoA assigned, 3 use PCoA, 4 unsolicited; RFC 5949 s6.1.2 adds 5, 6,
 * 131, 132 for the MH form with P = 1 (so not in RFC 5268).
 * RFC 4068 s6.2.2: 0 NCoA valid, 1 NCoA not valid, 2 NCoA in use, 3 NCoA
 * assigned, 4 NCoA not assigned.  128-130 are the same everywhere.
 *
 * Symbolic name of a HAck Code under variant v (the MS_HACK_* or
 * MS_HACK4068_* member name), or NULL when v does not define the code. */
static inline const char *
ms_fmip_hack_code_sym(int v, unsigned code)
{
#define MS__FV_SYM(name, num, d, r)                                                                \
    case (num):                                                                                    \
        return #name;
    if (v == MS_FMIP_RFC4068) {
        switch (code) {
            MS_HACK4068_CODE_MAP(MS__FV_SYM)
        default:
            return NULL;
        }
    }
    if (v == MS_FMIP_RFC5268 &&
        (code == MS_HACK_CONTEXT_ACCEPTED || code == MS_HACK_ALL_CONTEXT ||
         code == MS_HACK_CONTEXT_UNAVAILABLE || code == MS_HACK_FORWARDING_UNAVAILABLE))
        return NULL; /* RFC 5949 extends the RFC 5568 MH form only */
    if (!ms_fmip_variant_valid(v))
        return NULL;
    switch (code) {
        MS_HACK_CODE_MAP(MS__FV_SYM)
    default:
        return NULL;
    }
#undef MS__FV_SYM
}

/* The RFC 5568 Code (enum ms_hack_code) that means what `code` means under
 * variant v, or -1 when there is none (RFC 4068's 4 "NCoA not assigned"
 * has no RFC 5568 equivalent) or the code is undefined under v.
 * RFC 4068 2 "NCoA in use" maps to 1 "NCoA not valid or in use", 3 "NCoA
 * assigned" to 2. */
static inline int
ms_fmip_hack_code_to_5568(int v, unsigned code)
{
    if (!ms_fmip_hack_code_sym(v, code))
        return -1;
    if (v != MS_FMIP_RFC4068)
        return (int)code;
    switch (code) {
    case MS_HACK4068_ACCEPTED_NCOA_IN_USE:
        return MS_HACK_ACCEPTED_NCOA_INVALID;
    case MS_HACK4068_ACCEPTED_NCOA_ASSIGNED:
        return MS_HACK_ACCEPTED_NCOA_ASSIGNED;
    case MS_HACK4068_ACCEPTED_NCOA_NOT_ASSIGNED:
        return -1;
    default:
        return (int)code; /* 0, 1, 128-130 */
    }
}

/* The Code to put on the wire under variant v for the RFC 5568 meaning
 * code5568, or -1 when v cannot express it (RFC 4068 has no "use PCoA", no
 * "unsolicited" and none of the RFC 5949 codes).  Gotcha 2 of CODEPOINTS:
 * the reply to an HI with S = 1 is "NCoA assigned", which is 2 under RFC
 * 5568/5268 and 3 under RFC 4068:
 * ms_fmip_hack_code_from_5568(v, MS_HACK_ACCEPTED_NCOA_ASSIGNED). */
static inline int
ms_fmip_hack_code_from_5568(int v, unsigned code5568)
{
    if (!ms_fmip_hack_code_sym(MS_FMIP_RFC5568, code5568) || !ms_fmip_variant_valid(v))
        return -1;
    if (v == MS_FMIP_RFC5268)
        return ms_fmip_hack_code_sym(v, code5568) ? (int)code5568 : -1;
    if (v == MS_FMIP_RFC5568)
        return (int)code5568;
    switch (code5568) {
    case MS_HACK_ACCEPTED_NCOA_VALID:
    case MS_HACK_ACCEPTED_NCOA_INVALID:
    case MS_HACK_NOT_ACCEPTED:
    case MS_HACK_PROHIBITED:
    case MS_HACK_INSUFFICIENT_RESOURCES:
        return (int)code5568;
    case MS_HACK_ACCEPTED_NCOA_ASSIGNED:
        return MS_HACK4068_ACCEPTED_NCOA_ASSIGNED;
    default:
        return -1;
    }
}

#endif
