/* ICMPv6 common header, checksum, Echo and error messages (RFC 4443). */
#include "wire/icmp6.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "wire/bytes.h"
#include "wire/cksum.h"
#include "wire/err.h"

/* RFC 4443 s2.1 message general format:
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |     Code      |          Checksum             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                         Message Body                          |
 */
int
ms_icmp6_hdr_decode(const uint8_t *p, size_t len, struct ms_icmp6_hdr *out)
{
    if (len < MS_ICMP6_HDR_LEN)
        return MS_ETRUNC;
    out->type = p[0];
    out->code = p[1];
    out->cksum = ms_rd16(p + 2);
    return 0;
}

/* RFC 4443 s2.3: the checksum covers the RFC 8200 s8.1 pseudo-header with
 * Next Header 58 and the whole ICMPv6 message. */
int
ms_icmp6_verify_cksum(const uint8_t *p, size_t len, const struct in6_addr *src,
                      const struct in6_addr *dst)
{
    if (len < MS_ICMP6_HDR_LEN)
        return MS_ETRUNC;
    return ms_cksum_upper(src, dst, MS_IPPROTO_ICMPV6, p, len) == 0 ? 0 : MS_EBAD_CHECKSUM;
}

void
ms_icmp6_set_cksum(uint8_t *p, size_t len, const struct in6_addr *src, const struct in6_addr *dst)
{
    ms_wr16(p + 2, 0);
    ms_wr16(p + 2, ms_cksum_upper(src, dst, MS_IPPROTO_ICMPV6, p, len));
}

bool
ms_icmp6_type_is_error(uint8_t type)
{
    return (type & 0x80) == 0;
}

static bool
is_echo(uint8_t type)
{
    return type == MS_ICMP6_ECHO_REQUEST || type == MS_ICMP6_ECHO_REPLY;
}

/* Echo (RFC 4443 s4.1, s4.2) and errors (s3.1-3.4): diagrams in icmp6.h. */
int
ms_icmp6_decode(const uint8_t *p, size_t len, struct ms_icmp6 *out)
{
    memset(out, 0, sizeof(*out));
    if (len < MS_ICMP6_HDR_LEN)
        return MS_ETRUNC;
    if (!ms_icmp6_type_is_error(p[0]) && !is_echo(p[0]))
        return MS_EUNKNOWN_TYPE;
    if (len < MS_ICMP6_ERR_HDR_LEN)
        return MS_ETRUNC;
    out->type = p[0];
    out->code = p[1];
    if (is_echo(p[0])) {
        out->echo.id = ms_rd16(p + 4);
        out->echo.seq = ms_rd16(p + 6);
    } else {
        out->param = ms_rd32(p + 4);
    }
    out->body_off = MS_ICMP6_ERR_HDR_LEN;
    out->body_len = len - MS_ICMP6_ERR_HDR_LEN;
    return 0;
}

/* Body octets that go out: errors are cut to the minimum MTU (s2.4(c)). */
static size_t
body_out(uint8_t type, size_t body_len)
{
    if (ms_icmp6_type_is_error(type) && body_len > MS_ICMP6_ERR_MAX_INVOKING)
        return MS_ICMP6_ERR_MAX_INVOKING;
    return body_len;
}

size_t
ms_icmp6_len(const struct ms_icmp6 *m, size_t body_len)
{
    return MS_ICMP6_ERR_HDR_LEN + body_out(m->type, body_len);
}

int
ms_icmp6_encode(const struct ms_icmp6 *m, const uint8_t *body, size_t body_len,
                const struct in6_addr *src, const struct in6_addr *dst, uint8_t *buf, size_t cap)
{
    if (!ms_icmp6_type_is_error(m->type) && !is_echo(m->type))
        return -EINVAL;
    if (body == NULL && body_len > 0)
        return -EINVAL;
    size_t blen = body_out(m->type, body_len);
    size_t n = MS_ICMP6_ERR_HDR_LEN + blen;
    if (n > cap || n > INT32_MAX)
        return -EMSGSIZE;
    buf[0] = m->type;
    buf[1] = m->code;
    if (is_echo(m->type)) {
        ms_wr16(buf + 4, m->echo.id);
        ms_wr16(buf + 6, m->echo.seq);
    } else {
        ms_wr32(buf + 4, m->param);
    }
    if (blen > 0)
        memmove(buf + MS_ICMP6_ERR_HDR_LEN, body, blen);
    ms_icmp6_set_cksum(buf, n, src, dst);
    return (int)n;
}

int
ms_icmp6_error_encode(uint8_t type, uint8_t code, uint32_t param, const uint8_t *invoking,
                      size_t invoking_len, const struct in6_addr *src, const struct in6_addr *dst,
                      uint8_t *buf, size_t cap)
{
    if (!ms_icmp6_type_is_error(type))
        return -EINVAL;
    struct ms_icmp6 m = {.type = type, .code = code, .param = param};
    return ms_icmp6_encode(&m, invoking, invoking_len, src, dst, buf, cap);
}

int
ms_icmp6_echo_encode(uint8_t type, uint16_t id, uint16_t seq, const uint8_t *data, size_t data_len,
                     const struct in6_addr *src, const struct in6_addr *dst, uint8_t *buf,
                     size_t cap)
{
    if (!is_echo(type))
        return -EINVAL;
    struct ms_icmp6 m = {.type = type, .echo = {.id = id, .seq = seq}};
    return ms_icmp6_encode(&m, data, data_len, src, dst, buf, cap);
}

/* --- RFC 4443 s2.4(e) ----------------------------------------------------- */

/* Walks the extension headers of the invoking packet p[0..len) (len >= 40)
 * to its ICMPv6 header.  Returns 1 when it is an ICMPv6 error or a Redirect
 * (or an ICMPv6 header too short to tell), 0 otherwise. */
static int
invoking_is_icmp_error(const uint8_t *p, size_t len)
{
    uint8_t nh = p[6];
    size_t off = 40;
    for (;;) {
        size_t hlen;
        switch (nh) {
        case MS_IPPROTO_ICMPV6:
            if (off >= len)
                return 1;
            return ms_icmp6_type_is_error(p[off]) || p[off] == MS_ICMP6_REDIRECT;
        case MS_IPPROTO_HOPOPTS:
        case MS_IPPROTO_ROUTING:
        case MS_IPPROTO_DSTOPTS:
            if (len - off < 2)
                return 0;
            hlen = ((size_t)p[off + 1] + 1) * 8; /* RFC 8200 s4.3-4.6 */
            break;
        case MS_IPPROTO_FRAGMENT:
            if (len - off < 8)
                return 0;
            /* RFC 8200 s4.5: only the first fragment holds the upper header. */
            if ((ms_rd16(p + off + 2) & 0xfff8) != 0)
                return 0;
            hlen = 8;
            break;
        case MS_IPPROTO_AH:
            if (len - off < 2)
                return 0;
            hlen = ((size_t)p[off + 1] + 2) * 4; /* RFC 4302 s2.2 */
            break;
        default:
            return 0;
        }
        nh = p[off];
        if (hlen > len - off)
            return 0;
        off += hlen;
    }
}

bool
ms_icmp6_error_allowed(const uint8_t *invoking_ip6, size_t len, uint8_t type, uint8_t code,
                       uint32_t param, unsigned rx_flags)
{
    const uint8_t *p = invoking_ip6;
    if (!ms_icmp6_type_is_error(type) || len < 40 || (p[0] >> 4) != 6)
        return false;
    const uint8_t *src = p + 8, *dst = p + 24;
    static const uint8_t zero[16];
    /* (e.6) a source that does not identify a single node. */
    if (memcmp(src, zero, 16) == 0 || src[0] == 0xff || (rx_flags & MS_ICMP6_RX_SRC_ANYCAST))
        return false;
    /* (e.3)-(e.5) multicast, with the two exceptions of (e.3). */
    if (dst[0] == 0xff || (rx_flags & MS_ICMP6_RX_L2_MCAST)) {
        bool exempt = type == MS_ICMP6_PACKET_TOO_BIG ||
                      (type == MS_ICMP6_PARAM_PROB && code == MS_ICMP6_PARAMPROB_OPTION &&
                       param < len && (p[param] & 0xc0) == 0x80);
        if (!exempt)
            return false;
    }
    /* (e.1), (e.2) */
    return !invoking_is_icmp_error(p, len);
}

/* --- formatting ----------------------------------------------------------- */

static const char *
type_sym(uint8_t type)
{
    switch (type) {
    case MS_ICMP6_DST_UNREACH:
        return "dst-unreach";
    case MS_ICMP6_PACKET_TOO_BIG:
        return "packet-too-big";
    case MS_ICMP6_TIME_EXCEEDED:
        return "time-exceeded";
    case MS_ICMP6_PARAM_PROB:
        return "param-problem";
    case MS_ICMP6_ECHO_REQUEST:
        return "echo-request";
    case MS_ICMP6_ECHO_REPLY:
        return "echo-reply";
    default:
        return NULL;
    }
}

int
ms_icmp6_format(const struct ms_icmp6 *m, char *buf, size_t cap)
{
    const char *s = type_sym(m->type);
    char tmp[16];
    if (s == NULL) {
        snprintf(tmp, sizeof(tmp), "icmp6-%u", (unsigned)m->type);
        s = tmp;
    }
    if (is_echo(m->type))
        return snprintf(buf, cap, "%s id=%u seq=%u len=%zu", s, (unsigned)m->echo.id,
                        (unsigned)m->echo.seq, m->body_len);
    const char *pname = m->type == MS_ICMP6_PACKET_TOO_BIG ? "mtu"
                        : m->type == MS_ICMP6_PARAM_PROB   ? "ptr"
                                                           : "unused";
    return snprintf(buf, cap, "%s code=%u %s=%lu invoking=%zu", s, (unsigned)m->code, pname,
                    (unsigned long)m->param, m->body_len);
}
