#include "wire/l2ev.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "wire/bytes.h"
#include "wire/codepoints.h"
#include "wire/err.h"

/* Frame layout: l2ev.h and docs/L2-EVENTS.md. */

static bool
known_type(uint8_t t)
{
    switch (t) {
#define X(name, num, d, r) case MS_L2EV_##name:
        MS_L2EV_TYPE_MAP(X)
#undef X
        return true;
    default:
        return false;
    }
}

static const char *
type_sym(uint8_t t)
{
    switch (t) {
    case MS_L2EV_LINK_UP:
        return "link-up";
    case MS_L2EV_LINK_DOWN:
        return "link-down";
    case MS_L2EV_LINK_GOING_DOWN:
        return "link-going-down";
    case MS_L2EV_HANDOVER_START:
        return "handover-start";
    default:
        return "unknown";
    }
}

/* Well-formed UTF-8 (RFC 3629 s4: no overlongs, no surrogates, <= U+10FFFF)
 * and no NUL, so the value survives as a C string. */
static bool
valid_ap_id(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint8_t c = s[i];
        size_t k;
        uint32_t cp, min;
        if (c == 0)
            return false;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xe0) == 0xc0) {
            k = 1, cp = c & 0x1f, min = 0x80;
        } else if ((c & 0xf0) == 0xe0) {
            k = 2, cp = c & 0x0f, min = 0x800;
        } else if ((c & 0xf8) == 0xf0) {
            k = 3, cp = c & 0x07, min = 0x10000;
        } else {
            return false;
        }
        if (n - i - 1 < k)
            return false;
        for (size_t j = 1; j <= k; j++) {
            if ((s[i + j] & 0xc0) != 0x80)
                return false;
            cp = cp << 6 | (s[i + j] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += k + 1;
    }
    return true;
}

static int
decode_tlv(uint8_t t, const uint8_t *v, uint8_t vl, struct ms_l2ev *ev)
{
    switch (t) {
    case MS_L2EV_TLV_MN_MAC:
        if (vl != MS_ETH_ALEN)
            return vl ? MS_EBAD_OPTLEN : MS_EZERO_OPTLEN;
        memcpy(ev->mn.b, v, MS_ETH_ALEN);
        return 0;
    case MS_L2EV_TLV_AP_ID:
    case MS_L2EV_TLV_TARGET_AP_ID: {
        if (vl == 0)
            return MS_EZERO_OPTLEN;
        if (vl > MS_L2EV_AP_ID_MAX)
            return MS_EBAD_OPTLEN;
        if (!valid_ap_id(v, vl))
            return MS_EBAD_FIELD;
        char *dst = t == MS_L2EV_TLV_AP_ID ? ev->ap_id : ev->target_ap_id;
        memcpy(dst, v, vl);
        dst[vl] = '\0';
        return 0;
    }
    case MS_L2EV_TLV_LINK_TYPE:
        if (vl != 1)
            return vl ? MS_EBAD_OPTLEN : MS_EZERO_OPTLEN;
        if (v[0] > MS_L2EV_PROFILE_MAX)
            return MS_EBAD_FIELD;
        ev->link_profile = v[0];
        return 0;
    case MS_L2EV_TLV_TIME_NS: {
        if (vl != 8)
            return vl ? MS_EBAD_OPTLEN : MS_EZERO_OPTLEN;
        uint64_t ns = ms_rd64(v);
        if (ns > (uint64_t)INT64_MAX)
            return MS_EBAD_FIELD;
        ev->time_ns = (int64_t)ns;
        return 0;
    }
    default:
        return 1; /* unknown: skipped */
    }
}

int
ms_l2ev_decode(const uint8_t *p, size_t len, struct ms_l2ev *out)
{
    if (len < MS_L2EV_HLEN)
        return MS_ETRUNC;
    if (p[0] != MS_L2EV_VERSION)
        return MS_EBAD_VERSION;
    if (!known_type(p[1]))
        return MS_EUNKNOWN_TYPE;
    size_t tl = ms_rd16(p + 2);
    if (tl > len - MS_L2EV_HLEN)
        return MS_ETRUNC;
    struct ms_l2ev ev;
    memset(&ev, 0, sizeof ev);
    ev.type = p[1];
    const uint8_t *t = p + MS_L2EV_HLEN;
    size_t off = 0;
    while (off < tl) {
        if (tl - off < 2)
            return MS_EOPT_OVERRUN;
        uint8_t type = t[off], vl = t[off + 1];
        if ((size_t)vl > tl - off - 2)
            return MS_EOPT_OVERRUN;
        int rc = decode_tlv(type, t + off + 2, vl, &ev);
        if (rc < 0)
            return rc;
        if (rc == 0) {
            if (ev.present & MS_L2EV_HAS(type))
                return MS_EDUP_OPT;
            ev.present |= MS_L2EV_HAS(type);
        }
        off += 2u + vl;
    }
    *out = ev;
    return 0;
}

static int
check_id(const struct ms_l2ev *in, uint32_t bit, const char *id, size_t *n)
{
    if (!(in->present & bit))
        return 0;
    size_t l = strnlen(id, sizeof in->ap_id);
    if (l == 0 || l > MS_L2EV_AP_ID_MAX || !valid_ap_id((const uint8_t *)id, l))
        return MS_EBAD_FIELD;
    *n += 2 + l;
    return 0;
}

/* Validates in and returns the unpadded length, or a negative code. */
static int
raw_len(const struct ms_l2ev *in)
{
    size_t n = MS_L2EV_HLEN;
    if (!known_type(in->type))
        return MS_EUNKNOWN_TYPE;
    if (in->present & MS_L2EV_HAS(MS_L2EV_TLV_MN_MAC))
        n += 2 + MS_ETH_ALEN;
    if (check_id(in, MS_L2EV_HAS(MS_L2EV_TLV_AP_ID), in->ap_id, &n) < 0 ||
        check_id(in, MS_L2EV_HAS(MS_L2EV_TLV_TARGET_AP_ID), in->target_ap_id, &n) < 0)
        return MS_EBAD_FIELD;
    if (in->present & MS_L2EV_HAS(MS_L2EV_TLV_LINK_TYPE)) {
        if (in->link_profile > MS_L2EV_PROFILE_MAX)
            return MS_EBAD_FIELD;
        n += 3;
    }
    if (in->present & MS_L2EV_HAS(MS_L2EV_TLV_TIME_NS)) {
        if (in->time_ns < 0)
            return MS_EBAD_FIELD;
        n += 10;
    }
    return (int)n;
}

size_t
ms_l2ev_len(const struct ms_l2ev *in)
{
    int n = raw_len(in);
    if (n < 0)
        return 0;
    return n < MS_ETH_MIN_PAYLOAD ? MS_ETH_MIN_PAYLOAD : (size_t)n;
}

static uint8_t *
put_tlv(uint8_t *w, uint8_t type, const void *v, size_t vl)
{
    w[0] = type;
    w[1] = (uint8_t)vl;
    memcpy(w + 2, v, vl);
    return w + 2 + vl;
}

int
ms_l2ev_encode(const struct ms_l2ev *in, uint8_t *buf, size_t cap)
{
    int raw = raw_len(in);
    if (raw < 0)
        return raw;
    size_t total = raw < MS_ETH_MIN_PAYLOAD ? MS_ETH_MIN_PAYLOAD : (size_t)raw;
    if (cap < total)
        return -EMSGSIZE;
    memset(buf, 0, total);
    buf[0] = MS_L2EV_VERSION;
    buf[1] = in->type;
    ms_wr16(buf + 2, (uint16_t)(raw - MS_L2EV_HLEN));
    uint8_t *w = buf + MS_L2EV_HLEN;
    if (in->present & MS_L2EV_HAS(MS_L2EV_TLV_MN_MAC))
        w = put_tlv(w, MS_L2EV_TLV_MN_MAC, in->mn.b, MS_ETH_ALEN);
    if (in->present & MS_L2EV_HAS(MS_L2EV_TLV_AP_ID))
        w = put_tlv(w, MS_L2EV_TLV_AP_ID, in->ap_id, strlen(in->ap_id));
    if (in->present & MS_L2EV_HAS(MS_L2EV_TLV_TARGET_AP_ID))
        w = put_tlv(w, MS_L2EV_TLV_TARGET_AP_ID, in->target_ap_id, strlen(in->target_ap_id));
    if (in->present & MS_L2EV_HAS(MS_L2EV_TLV_LINK_TYPE))
        w = put_tlv(w, MS_L2EV_TLV_LINK_TYPE, &in->link_profile, 1);
    if (in->present & MS_L2EV_HAS(MS_L2EV_TLV_TIME_NS)) {
        uint8_t t[8];
        ms_wr64(t, (uint64_t)in->time_ns);
        w = put_tlv(w, MS_L2EV_TLV_TIME_NS, t, 8);
    }
    (void)w;
    return (int)total;
}

int
ms_l2ev_format(const struct ms_l2ev *in, char *buf, size_t cap)
{
    char mac[MS_MAC_STRLEN] = "-";
    if (in->present & MS_L2EV_HAS(MS_L2EV_TLV_MN_MAC))
        ms_mac_format(&in->mn, mac, sizeof mac);
    const char *ap = in->present & MS_L2EV_HAS(MS_L2EV_TLV_AP_ID) ? in->ap_id : "-";
    const char *tgt = in->present & MS_L2EV_HAS(MS_L2EV_TLV_TARGET_AP_ID) ? in->target_ap_id : "-";
    int prof = in->present & MS_L2EV_HAS(MS_L2EV_TLV_LINK_TYPE) ? in->link_profile : -1;
    long long ns = in->present & MS_L2EV_HAS(MS_L2EV_TLV_TIME_NS) ? (long long)in->time_ns : -1;
    return snprintf(buf, cap, "%s mn %s ap %.32s target %.32s profile %d in %lldns",
                    type_sym(in->type), mac, ap, tgt, prof, ns);
}

int
ms_l2ev_frame_encode(const struct ms_mac *dst, const struct ms_mac *src, const struct ms_l2ev *in,
                     uint8_t *buf, size_t cap)
{
    struct ms_eth eth = {.dst = *dst, .src = *src, .ethertype = MS_ETHERTYPE_L2EV};
    int rc = raw_len(in);
    if (rc < 0)
        return rc;
    rc = ms_eth_encode(&eth, buf, cap);
    if (rc < 0)
        return rc;
    rc = ms_l2ev_encode(in, buf + MS_ETH_HLEN, cap - MS_ETH_HLEN);
    if (rc < 0)
        return rc;
    return MS_ETH_HLEN + rc;
}

int
ms_l2ev_frame_decode(const uint8_t *p, size_t len, struct ms_eth *eth, struct ms_l2ev *out)
{
    struct ms_eth e;
    int rc = ms_eth_decode(p, len, &e);
    if (rc < 0)
        return rc;
    if (e.ethertype != MS_ETHERTYPE_L2EV)
        return MS_EBAD_PROTO;
    rc = ms_l2ev_decode(p + MS_ETH_HLEN, len - MS_ETH_HLEN, out);
    if (rc < 0)
        return rc;
    if (eth)
        *eth = e;
    return 0;
}
