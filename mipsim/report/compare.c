/* Capture comparison: the first difference between two pcaps, named by
 * frame, layer and field.
 *
 * Each frame is turned into a flat list of fields in wire order (layer,
 * field name, value text, and the octets it covers), with mipsim's own
 * codecs.  Two frames whose bytes differ are compared field by field; the
 * first field whose name or value differs is the answer.  Undecoded octets
 * (payloads, option areas, padding) are "blob" fields compared as bytes, so
 * every octet of a frame is covered by some field.
 */
#include "report/compare.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "app/flow.h"
#include "wire/bytes.h"
#include "wire/codepoints.h"
#include "wire/codepoints_names.h"
#include "wire/err.h"
#include "wire/eth.h"
#include "wire/ext.h"
#include "wire/icmp6.h"
#include "wire/ipv6.h"
#include "wire/l2ev.h"
#include "wire/mh.h"
#include "wire/nd.h"
#include "wire/udp.h"

#define MAX_FIELDS 192

struct fld {
    const char *layer;
    char name[40];
    char val[96];
    uint32_t off, len; /* octets of the frame the field covers */
    bool blob;         /* compared as bytes, not as text */
};

struct flist {
    const uint8_t *frame;
    size_t flen;
    unsigned n;
    bool overflow;
    struct fld f[MAX_FIELDS];
};

static struct fld *
slot(struct flist *fl, const char *layer, const char *name, size_t off, size_t len)
{
    if (fl->n == MAX_FIELDS) {
        fl->overflow = true;
        return NULL;
    }
    struct fld *f = &fl->f[fl->n++];
    f->layer = layer;
    snprintf(f->name, sizeof f->name, "%s", name);
    f->val[0] = '\0';
    f->off = (uint32_t)off;
    f->len = (uint32_t)len;
    f->blob = false;
    return f;
}

static void add(struct flist *fl, const char *layer, const char *name, size_t off, size_t len,
                const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void
add(struct flist *fl, const char *layer, const char *name, size_t off, size_t len, const char *fmt,
    ...)
{
    struct fld *f = slot(fl, layer, name, off, len);
    if (f == NULL)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->val, sizeof f->val, fmt, ap);
    va_end(ap);
}

static void
add_blob(struct flist *fl, const char *layer, const char *name, size_t off, size_t len)
{
    if (len == 0)
        return;
    struct fld *f = slot(fl, layer, name, off, len);
    if (f != NULL) {
        f->blob = true;
        snprintf(f->val, sizeof f->val, "%zu bytes", len);
    }
}

static void
add_addr(struct flist *fl, const char *layer, const char *name, size_t off,
         const struct in6_addr *a)
{
    char buf[MS_IN6_STRLEN];
    if (ms_in6_format(a, buf, sizeof buf) < 0)
        buf[0] = '\0';
    add(fl, layer, name, off, 16, "%s", buf);
}

static void
add_mac(struct flist *fl, const char *layer, const char *name, size_t off, const struct ms_mac *m)
{
    char buf[MS_MAC_STRLEN];
    if (ms_mac_format(m, buf, sizeof buf) < 0)
        buf[0] = '\0';
    add(fl, layer, name, off, 6, "%s", buf);
}

static void
add_err(struct flist *fl, const char *layer, size_t off, size_t len, int rc)
{
    add(fl, layer, "decode error", off, 0, "%s", ms_err_name(rc));
    add_blob(fl, layer, "undecoded octets", off, len);
}

static const char *
or_num(const char *name, unsigned v, char *buf, size_t cap)
{
    if (name != NULL)
        snprintf(buf, cap, "%u (%s)", v, name);
    else
        snprintf(buf, cap, "%u", v);
    return buf;
}

/* ---- layers ---------------------------------------------------------- */

static void dis_ip6(struct flist *fl, const char *layer, size_t off, size_t len, int depth);

static void
dis_udp(struct flist *fl, size_t off, size_t len)
{
    const uint8_t *p = fl->frame + off;
    static const char L[] = "UDP";
    struct ms_udp u;
    int rc = ms_udp_decode(p, len, &u);
    if (rc < 0) {
        add_err(fl, L, off, len, rc);
        return;
    }
    add(fl, L, "source port", off, 2, "%u", u.sport);
    add(fl, L, "destination port", off + 2, 2, "%u", u.dport);
    add(fl, L, "length", off + 4, 2, "%u", u.len);
    add(fl, L, "checksum", off + 6, 2, "0x%04x", u.cksum);
    size_t dlen = (size_t)u.len - MS_UDP_HLEN, doff = off + MS_UDP_HLEN;
    const uint8_t *d = p + MS_UDP_HLEN;
    struct ms_flow_hdr fh;
    if (ms_flow_hdr_decode(d, dlen, &fh) == 0) {
        static const char F[] = "flow payload";
        add(fl, F, "flow id", doff + 4, 4, "%" PRIu32, fh.flow_id);
        add(fl, F, "sequence", doff + 8, 4, "%" PRIu32, fh.seq);
        add(fl, F, "send time", doff + 12, 8, "%" PRId64 "ns", fh.sent_ns);
        add_blob(fl, F, "padding", doff + MS_FLOW_HDR_LEN, dlen - MS_FLOW_HDR_LEN);
    } else {
        add_blob(fl, L, "payload", doff, dlen);
    }
    add_blob(fl, L, "octets past Length", off + u.len, len - u.len);
}

static void
dis_nd_opts(struct flist *fl, const char *L, size_t off, const struct ms_nd_opts *o)
{
    char b[64];
    if (ms_nd_opts_has(o, MS_ND_OPT_SLLA))
        add_mac(fl, L, "source link-layer address", off, &o->slla);
    if (ms_nd_opts_has(o, MS_ND_OPT_TLLA))
        add_mac(fl, L, "target link-layer address", off, &o->tlla);
    for (unsigned i = 0; i < o->n_pi && i < MS_ND_OPTS_MAX_PI; i++) {
        const struct ms_nd_opt_pi *pi = &o->pi[i];
        if (ms_in6_prefix_format(&pi->prefix, pi->prefix_len, b, sizeof b) < 0)
            b[0] = '\0';
        char name[40];
        snprintf(name, sizeof name, "prefix information %u", i + 1);
        add(fl, L, name, off, 0, "%s flags 0x%02x valid %" PRIu32 "s preferred %" PRIu32 "s", b,
            pi->flags, pi->valid_s, pi->preferred_s);
    }
    if (ms_nd_opts_has(o, MS_ND_OPT_MTU))
        add(fl, L, "MTU option", off, 0, "%" PRIu32, o->mtu);
    if (ms_nd_opts_has(o, MS_ND_OPT_ADV_INTERVAL))
        add(fl, L, "advertisement interval", off, 0, "%" PRIu32 "ms", o->adv_interval_ms);
    if (ms_nd_opts_has(o, MS_ND_OPT_HA_INFO))
        add(fl, L, "home agent information", off, 0, "preference %u lifetime %us",
            o->ha_info.preference, o->ha_info.lifetime_s);
}

static void
dis_icmp6(struct flist *fl, size_t off, size_t len)
{
    static const char L[] = "ICMPv6";
    const uint8_t *p = fl->frame + off;
    char b[80];
    struct ms_icmp6_hdr h;
    int rc = ms_icmp6_hdr_decode(p, len, &h);
    if (rc < 0) {
        add_err(fl, L, off, len, rc);
        return;
    }
    add(fl, L, "type", off, 1, "%s", or_num(ms_icmp6_type_name(h.type), h.type, b, sizeof b));
    add(fl, L, "code", off + 1, 1, "%u", h.code);
    add(fl, L, "checksum", off + 2, 2, "0x%04x", h.cksum);
    if (h.type < 128 || h.type == MS_ICMP6_ECHO_REQUEST || h.type == MS_ICMP6_ECHO_REPLY) {
        struct ms_icmp6 m;
        rc = ms_icmp6_decode(p, len, &m);
        if (rc < 0) {
            add_err(fl, L, off + 4, len - 4, rc);
            return;
        }
        if (h.type >= 128) {
            add(fl, L, "identifier", off + 4, 2, "%u", m.echo.id);
            add(fl, L, "sequence", off + 6, 2, "%u", m.echo.seq);
            add_blob(fl, L, "echo data", off + m.body_off, m.body_len);
        } else {
            const char *pn = h.type == MS_ICMP6_PACKET_TOO_BIG ? "MTU"
                             : h.type == MS_ICMP6_PARAM_PROB   ? "pointer"
                                                               : "unused";
            add(fl, L, pn, off + 4, 4, "%" PRIu32, m.param);
            add_blob(fl, L, "invoking packet", off + m.body_off, m.body_len);
        }
        return;
    }
    if (h.type >= MS_ICMP6_RS && h.type <= MS_ICMP6_REDIRECT) {
        struct ms_nd nd;
        rc = ms_nd_decode(p, len, &nd);
        if (rc < 0) {
            add_err(fl, L, off + 4, len - 4, rc);
            return;
        }
        static const char N[] = "Neighbor Discovery";
        size_t fixed = MS_ND_RS_LEN;
        switch (h.type) {
        case MS_ICMP6_RA:
            fixed = MS_ND_RA_LEN;
            add(fl, N, "cur hop limit", off + 4, 1, "%u", nd.u.ra.cur_hop_limit);
            add(fl, N, "flags", off + 5, 1, "0x%02x", nd.u.ra.flags);
            add(fl, N, "router lifetime", off + 6, 2, "%us", nd.u.ra.router_lifetime_s);
            add(fl, N, "reachable time", off + 8, 4, "%" PRIu32 "ms", nd.u.ra.reachable_ms);
            add(fl, N, "retrans timer", off + 12, 4, "%" PRIu32 "ms", nd.u.ra.retrans_ms);
            break;
        case MS_ICMP6_NS:
            fixed = MS_ND_NS_LEN;
            add_addr(fl, N, "target address", off + 8, &nd.u.ns.target);
            break;
        case MS_ICMP6_NA:
            fixed = MS_ND_NA_LEN;
            add(fl, N, "flags", off + 4, 4, "0x%08" PRIx32, nd.u.na.flags);
            add_addr(fl, N, "target address", off + 8, &nd.u.na.target);
            break;
        case MS_ICMP6_REDIRECT:
            fixed = MS_ND_REDIRECT_LEN;
            add_addr(fl, N, "target address", off + 8, &nd.u.redirect.target);
            add_addr(fl, N, "destination address", off + 24, &nd.u.redirect.dest);
            break;
        default:
            break;
        }
        dis_nd_opts(fl, N, off + fixed, &nd.opts);
        add_blob(fl, N, "reserved and options", off + 4, len - 4);
        return;
    }
    if (h.type >= MS_ICMP6_DHAAD_REQUEST && h.type <= MS_ICMP6_MPA) {
        struct ms_icmp6_mip m;
        rc = ms_icmp6_mip_decode(p, len, &m);
        if (rc < 0) {
            add_err(fl, L, off + 4, len - 4, rc);
            return;
        }
        add(fl, L, "identifier", off + 4, 2, "%u", m.id);
        if (h.type == MS_ICMP6_MPA)
            add(fl, L, "flags", off + 6, 2, "0x%04x", m.flags);
        for (unsigned i = 0; i < m.n_ha && i < MS_DHAAD_MAX_HA; i++) {
            char name[40];
            snprintf(name, sizeof name, "home agent %u", i + 1);
            add_addr(fl, L, name, off + 8 + 16 * i, &m.ha[i]);
        }
        if (h.type == MS_ICMP6_MPS || h.type == MS_ICMP6_MPA)
            dis_nd_opts(fl, L, off + 8, &m.opts);
        add_blob(fl, L, "message body", off + 4, len - 4);
        return;
    }
    add_blob(fl, L, "message body", off + 4, len - 4);
}

static void
dis_mh_opts(struct flist *fl, const char *L, size_t off, const struct ms_mh_opts *o)
{
    if (o->present & MS_MH_OPTS_BRA)
        add(fl, L, "binding refresh advice", off, 0, "%" PRIu32 "s", o->refresh_s);
    if (o->present & MS_MH_OPTS_ALT_COA)
        add_addr(fl, L, "alternate care-of address", off, &o->alt_coa);
    if (o->present & MS_MH_OPTS_NONCE)
        add(fl, L, "nonce indices", off, 0, "home %u care-of %u", o->home_nonce_index,
            o->careof_nonce_index);
    if (o->present & MS_MH_OPTS_BAD) {
        char hex[2 * MS_MH_BAD_AUTH_MAX + 1];
        unsigned n = o->auth_len < MS_MH_BAD_AUTH_MAX ? o->auth_len : MS_MH_BAD_AUTH_MAX;
        for (unsigned i = 0; i < n; i++)
            snprintf(hex + 2 * i, 3, "%02x", o->auth[i]);
        hex[2 * n] = '\0';
        add(fl, L, "authenticator", off, 0, "%s", hex);
    }
}

static void
dis_mh(struct flist *fl, size_t off, size_t len)
{
    static const char L[] = "Mobility Header";
    const uint8_t *p = fl->frame + off;
    char b[80];
    if (len < 6) {
        add_err(fl, L, off, len, MS_ETRUNC);
        return;
    }
    struct ms_mh m;
    int rc = ms_mh_decode(p, len, &m);
    add(fl, L, "payload proto", off, 1, "%u", p[0]);
    add(fl, L, "header len", off + 1, 1, "%u", p[1]);
    add(fl, L, "MH type", off + 2, 1, "%s", or_num(ms_mh_type_name(p[2]), p[2], b, sizeof b));
    add(fl, L, "checksum", off + 4, 2, "0x%04x", ms_rd16(p + 4));
    if (rc < 0) {
        add_err(fl, L, off + 6, len - 6, rc);
        return;
    }
    size_t body = off + MS_MH_HDR_LEN;
    switch (m.type) {
    case MS_MH_BU:
        add(fl, L, "sequence", body, 2, "%u", m.u.bu.seq);
        add(fl, L, "flags", body + 2, 2, "0x%04x", m.u.bu.flags);
        add(fl, L, "lifetime", body + 4, 2, "%" PRIu32 "s", m.u.bu.lifetime_s);
        break;
    case MS_MH_BA:
        add(fl, L, "status", body, 1, "%s",
            or_num(ms_ba_status_name(m.u.ba.status), m.u.ba.status, b, sizeof b));
        add(fl, L, "flags", body + 1, 1, "0x%02x", m.u.ba.flags);
        add(fl, L, "sequence", body + 2, 2, "%u", m.u.ba.seq);
        add(fl, L, "lifetime", body + 4, 2, "%" PRIu32 "s", m.u.ba.lifetime_s);
        break;
    case MS_MH_BE:
        add(fl, L, "status", body, 1, "%s",
            or_num(ms_be_status_name(m.u.be.status), m.u.be.status, b, sizeof b));
        add_addr(fl, L, "home address", body + 2, &m.u.be.hoa);
        break;
    case MS_MH_HOTI:
        add(fl, L, "init cookie", body + 2, 8, "0x%016" PRIx64, m.u.hoti.cookie);
        break;
    case MS_MH_COTI:
        add(fl, L, "init cookie", body + 2, 8, "0x%016" PRIx64, m.u.coti.cookie);
        break;
    case MS_MH_HOT:
        add(fl, L, "nonce index", body, 2, "%u", m.u.hot.nonce_index);
        add(fl, L, "init cookie", body + 2, 8, "0x%016" PRIx64, m.u.hot.cookie);
        add(fl, L, "keygen token", body + 10, 8, "0x%016" PRIx64, m.u.hot.keygen_token);
        break;
    case MS_MH_COT:
        add(fl, L, "nonce index", body, 2, "%u", m.u.cot.nonce_index);
        add(fl, L, "init cookie", body + 2, 8, "0x%016" PRIx64, m.u.cot.cookie);
        add(fl, L, "keygen token", body + 10, 8, "0x%016" PRIx64, m.u.cot.keygen_token);
        break;
    default:
        break;
    }
    dis_mh_opts(fl, L, body, &m.opts);
    size_t wl = m.wire_len <= len ? m.wire_len : len;
    add_blob(fl, L, "message data", body, wl - MS_MH_HDR_LEN);
    add_blob(fl, L, "octets past the header", off + wl, len - wl);
}

/* Extension headers, then the upper layer.  off/len: after the fixed header. */
static void
dis_chain(struct flist *fl, uint8_t nh, size_t off, size_t len, int depth)
{
    char b[80];
    while (ms_ext_is_ext(nh)) {
        const uint8_t *p = fl->frame + off;
        const char *L = nh == MS_IPPROTO_HOPOPTS   ? "Hop-by-Hop Options"
                        : nh == MS_IPPROTO_DSTOPTS ? "Destination Options"
                        : nh == MS_IPPROTO_ROUTING ? "Routing Header"
                                                   : "Fragment Header";
        int sz = ms_ext_hdr_size(p, len, nh);
        if (sz < 0) {
            add_err(fl, L, off, len, sz);
            return;
        }
        uint8_t next = p[0];
        add(fl, L, "next header", off, 1, "%s", or_num(ms_ipproto_name(next), next, b, sizeof b));
        if (nh == MS_IPPROTO_FRAGMENT) {
            struct ms_ext_frag fr = {0};
            if (ms_ext_frag_decode(p, len, &fr) == 0) {
                add(fl, L, "fragment offset", off + 2, 2, "%u", fr.offset);
                add(fl, L, "more fragments", off + 3, 1, "%u", fr.more ? 1u : 0u);
                add(fl, L, "identification", off + 4, 4, "0x%08" PRIx32, fr.id);
            }
            add_blob(fl, L, "header", off, (size_t)sz);
            if (fr.offset != 0 || fr.more) {
                add_blob(fl, L, "fragment data", off + (size_t)sz, len - (size_t)sz);
                return;
            }
        } else {
            add(fl, L, "header length", off + 1, 1, "%u", p[1]);
            if (nh == MS_IPPROTO_ROUTING) {
                add(fl, L, "routing type", off + 2, 1, "%u", p[2]);
                add(fl, L, "segments left", off + 3, 1, "%u", p[3]);
                struct ms_ext_rh2 rh2;
                if (p[2] == MS_RH_TYPE2 && ms_ext_rh2_decode(p, (size_t)sz, &rh2) == 0)
                    add_addr(fl, L, "home address", off + 8, &rh2.hoa);
            } else {
                struct ms_ext_opthdr oh;
                if (ms_ext_opthdr_decode(p, (size_t)sz, &oh) == 0) {
                    for (unsigned i = 0; i < oh.nopts && i < MS_EXT_OPTS_MAX; i++) {
                        struct in6_addr hoa;
                        const struct ms_ext_opt *o = &oh.opts[i];
                        uint8_t raw[2 + MS_EXT_OPT_DATA_MAX];
                        raw[0] = o->type;
                        raw[1] = o->len;
                        memcpy(raw + 2, o->data, o->len);
                        if (o->type == MS_IP6OPT_HOME_ADDRESS &&
                            ms_ext_hao_decode(raw, 2u + o->len, &hoa) == 0)
                            add_addr(fl, L, "home address", off, &hoa);
                        else
                            add(fl, L, "option type", off, 0, "%u (%u octets)", o->type, o->len);
                    }
                }
            }
            add_blob(fl, L, "header", off, (size_t)sz);
        }
        off += (size_t)sz;
        len -= (size_t)sz;
        nh = next;
    }
    switch (nh) {
    case MS_IPPROTO_UDP:
        dis_udp(fl, off, len);
        break;
    case MS_IPPROTO_ICMPV6:
        dis_icmp6(fl, off, len);
        break;
    case MS_IPPROTO_MH:
        dis_mh(fl, off, len);
        break;
    case MS_IPPROTO_IPV6:
        if (depth < 4) {
            dis_ip6(fl, "inner IPv6", off, len, depth + 1);
            break;
        }
        /* fall through */
    default:
        add_blob(fl, "IPv6", "payload", off, len);
        break;
    }
}

static void
dis_ip6(struct flist *fl, const char *L, size_t off, size_t len, int depth)
{
    const uint8_t *p = fl->frame + off;
    char b[80];
    struct ms_ip6 h;
    int rc = ms_ip6_decode(p, len, &h);
    if (rc < 0) {
        if (len >= 1)
            add(fl, L, "version", off, 1, "%u", p[0] >> 4);
        add_err(fl, L, off, len, rc);
        return;
    }
    add(fl, L, "version", off, 1, "%u", p[0] >> 4);
    add(fl, L, "traffic class", off, 2, "0x%02x", h.tclass);
    add(fl, L, "flow label", off + 1, 3, "0x%05" PRIx32, h.flow);
    add(fl, L, "payload length", off + 4, 2, "%u", h.plen);
    add(fl, L, "next header", off + 6, 1, "%s", or_num(ms_ipproto_name(h.nh), h.nh, b, sizeof b));
    add(fl, L, "hop limit", off + 7, 1, "%u", h.hlim);
    add_addr(fl, L, "source address", off + 8, &h.src);
    add_addr(fl, L, "destination address", off + 24, &h.dst);
    dis_chain(fl, h.nh, off + MS_IP6_HLEN, h.plen, depth);
    size_t used = MS_IP6_HLEN + (size_t)h.plen;
    add_blob(fl, depth ? L : "Ethernet", depth ? "octets past payload" : "padding", off + used,
             len - used);
}

static void
dis_l2ev(struct flist *fl, size_t off, size_t len)
{
    static const char L[] = "L2 event";
    const uint8_t *p = fl->frame + off;
    char b[80];
    struct ms_l2ev ev;
    int rc = ms_l2ev_decode(p, len, &ev);
    if (rc < 0) {
        add_err(fl, L, off, len, rc);
        return;
    }
    add(fl, L, "version", off, 1, "%u", p[0]);
    add(fl, L, "event type", off + 1, 1, "%s",
        or_num(ms_l2ev_type_name(ev.type), ev.type, b, sizeof b));
    add(fl, L, "length", off + 2, 2, "%u", ms_rd16(p + 2));
    if (ev.present & MS_L2EV_HAS(MS_L2EV_TLV_MN_MAC))
        add_mac(fl, L, "mobile node MAC", off, &ev.mn);
    if (ev.present & MS_L2EV_HAS(MS_L2EV_TLV_AP_ID))
        add(fl, L, "AP id", off, 0, "%s", ev.ap_id);
    if (ev.present & MS_L2EV_HAS(MS_L2EV_TLV_TARGET_AP_ID))
        add(fl, L, "target AP id", off, 0, "%s", ev.target_ap_id);
    if (ev.present & MS_L2EV_HAS(MS_L2EV_TLV_LINK_TYPE))
        add(fl, L, "link profile", off, 0, "%u", ev.link_profile);
    if (ev.present & MS_L2EV_HAS(MS_L2EV_TLV_TIME_NS))
        add(fl, L, "time", off, 0, "%" PRId64 "ns", ev.time_ns);
    add_blob(fl, L, "TLVs and padding", off + MS_L2EV_HLEN, len - MS_L2EV_HLEN);
}

static void
dissect(struct flist *fl, const uint8_t *frame, size_t len)
{
    fl->frame = frame;
    fl->flen = len;
    fl->n = 0;
    fl->overflow = false;
    static const char L[] = "Ethernet";
    struct ms_eth e;
    if (ms_eth_decode(frame, len, &e) < 0) {
        add_blob(fl, L, "truncated header", 0, len);
        return;
    }
    add_mac(fl, L, "destination", 0, &e.dst);
    add_mac(fl, L, "source", 6, &e.src);
    add(fl, L, "EtherType", 12, 2, "0x%04x", e.ethertype);
    if (e.ethertype == MS_ETHERTYPE_IPV6)
        dis_ip6(fl, "IPv6", MS_ETH_HLEN, len - MS_ETH_HLEN, 0);
    else if (e.ethertype == MS_ETHERTYPE_L2EV)
        dis_l2ev(fl, MS_ETH_HLEN, len - MS_ETH_HLEN);
    else
        add_blob(fl, L, "payload", MS_ETH_HLEN, len - MS_ETH_HLEN);
}

/* ---- comparison ------------------------------------------------------ */

static void
set_diff(struct ms_cmp_diff *d, const char *layer, const char *field, const char *a, const char *b)
{
    d->frame = 0;
    snprintf(d->layer, sizeof d->layer, "%s", layer);
    snprintf(d->field, sizeof d->field, "%s", field);
    snprintf(d->a, sizeof d->a, "%s", a);
    snprintf(d->b, sizeof d->b, "%s", b);
}

static bool
blob_equal(const struct flist *A, const struct fld *fa, const struct flist *B, const struct fld *fb)
{
    return fa->len == fb->len && memcmp(A->frame + fa->off, B->frame + fb->off, fa->len) == 0;
}

/* The first differing octet of two blobs, as text on both sides. */
static void
blob_diff(const struct flist *A, const struct fld *fa, const struct flist *B, const struct fld *fb,
          struct ms_cmp_diff *d)
{
    uint32_t n = fa->len < fb->len ? fa->len : fb->len, i = 0;
    while (i < n && A->frame[fa->off + i] == B->frame[fb->off + i])
        i++;
    char va[112], vb[112];
    if (i < n) {
        snprintf(va, sizeof va, "0x%02x at octet %" PRIu32 " of %" PRIu32, A->frame[fa->off + i], i,
                 fa->len);
        snprintf(vb, sizeof vb, "0x%02x at octet %" PRIu32 " of %" PRIu32, B->frame[fb->off + i], i,
                 fb->len);
    } else {
        snprintf(va, sizeof va, "%" PRIu32 " octets", fa->len);
        snprintf(vb, sizeof vb, "%" PRIu32 " octets", fb->len);
    }
    set_diff(d, fa->layer, fa->name, va, vb);
}

static int
compare_lists(const struct flist *A, const struct flist *B, struct ms_cmp_diff *d)
{
    unsigned n = A->n < B->n ? A->n : B->n;
    for (unsigned i = 0; i < n; i++) {
        const struct fld *fa = &A->f[i], *fb = &B->f[i];
        if (strcmp(fa->layer, fb->layer) != 0 || strcmp(fa->name, fb->name) != 0) {
            char va[112], vb[112];
            snprintf(va, sizeof va, "%s %s", fa->layer, fa->name);
            snprintf(vb, sizeof vb, "%s %s", fb->layer, fb->name);
            set_diff(d, fa->layer, "structure", va, vb);
            return 1;
        }
        if (fa->blob) {
            if (!blob_equal(A, fa, B, fb)) {
                blob_diff(A, fa, B, fb, d);
                return 1;
            }
        } else if (strcmp(fa->val, fb->val) != 0) {
            set_diff(d, fa->layer, fa->name, fa->val, fb->val);
            return 1;
        }
    }
    if (A->n != B->n) {
        const struct fld *f = A->n > B->n ? &A->f[n] : &B->f[n];
        char v[112];
        snprintf(v, sizeof v, "%s", f->blob ? "present" : f->val);
        if (A->n > B->n)
            set_diff(d, f->layer, f->name, v, "(absent)");
        else
            set_diff(d, f->layer, f->name, "(absent)", v);
        return 1;
    }
    return 0;
}

static int
cmp_frame_lists(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen,
                struct ms_cmp_diff *diff, struct flist *A, struct flist *B)
{
    if (alen == blen && memcmp(a, b, alen) == 0)
        return 0;
    dissect(A, a, alen);
    dissect(B, b, blen);
    if (compare_lists(A, B, diff))
        return 1;
    /* Every octet belongs to some field, so this is only reached when the
     * field lists overflowed: name the first differing octet. */
    size_t n = alen < blen ? alen : blen, i = 0;
    while (i < n && a[i] == b[i])
        i++;
    char field[48], va[112], vb[112];
    if (i < n) {
        snprintf(field, sizeof field, "octet %zu", i);
        snprintf(va, sizeof va, "0x%02x", a[i]);
        snprintf(vb, sizeof vb, "0x%02x", b[i]);
    } else {
        snprintf(field, sizeof field, "length");
        snprintf(va, sizeof va, "%zu", alen);
        snprintf(vb, sizeof vb, "%zu", blen);
    }
    set_diff(diff, "frame", field, va, vb);
    return 1;
}

int
ms_cmp_frame(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen, struct ms_cmp_diff *diff)
{
    static const struct flist zero;
    struct flist *A = malloc(sizeof *A), *B = malloc(sizeof *B);
    int rc;
    if (A == NULL || B == NULL) {
        free(A);
        free(B);
        return -ENOMEM;
    }
    *A = zero;
    *B = zero;
    rc = cmp_frame_lists(a, alen, b, blen, diff, A, B);
    free(A);
    free(B);
    return rc;
}

/* ---- files ----------------------------------------------------------- */

static pcap_t *
open_pcap(const char *path, char *errbuf, size_t errcap)
{
    char pe[PCAP_ERRBUF_SIZE] = "";
    pcap_t *p = pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_NANO, pe);
    if (p == NULL && errbuf != NULL)
        snprintf(errbuf, errcap, "%s: %s", path, pe);
    return p;
}

static void
fmt_ts(const struct pcap_pkthdr *h, char *buf, size_t cap)
{
    snprintf(buf, cap, "%lld.%09lld", (long long)h->ts.tv_sec, (long long)h->ts.tv_usec);
}

static int
cmp_open(pcap_t *pa, pcap_t *pb, const char *path_a, const char *path_b, struct ms_cmp_diff *diff,
         char *errbuf, size_t errcap, struct flist *A, struct flist *B)
{
    char va[112], vb[112];
    if (pcap_datalink(pa) != pcap_datalink(pb)) {
        snprintf(va, sizeof va, "%d", pcap_datalink(pa));
        snprintf(vb, sizeof vb, "%d", pcap_datalink(pb));
        set_diff(diff, "pcap", "link type", va, vb);
        return 1;
    }
    for (uint64_t frame = 1;; frame++) {
        struct pcap_pkthdr *ha, *hb;
        const u_char *da, *db;
        int ra = pcap_next_ex(pa, &ha, &da);
        int rb = pcap_next_ex(pb, &hb, &db);
        if (ra == -1 || rb == -1) {
            if (errbuf != NULL)
                snprintf(errbuf, errcap, "%s: %s", ra == -1 ? path_a : path_b,
                         pcap_geterr(ra == -1 ? pa : pb));
            return -EIO;
        }
        if (ra != 1 || rb != 1) {
            if (ra != 1 && rb != 1)
                return 0;
            /* One file ended: count the rest of the other. */
            uint64_t na = frame - 1, nb = frame - 1;
            pcap_t *longer = ra == 1 ? pa : pb;
            uint64_t *cnt = ra == 1 ? &na : &nb;
            struct pcap_pkthdr *h;
            const u_char *d;
            for (int r = 1; r == 1; r = pcap_next_ex(longer, &h, &d))
                (*cnt)++;
            snprintf(va, sizeof va, "%" PRIu64 " frames", na);
            snprintf(vb, sizeof vb, "%" PRIu64 " frames", nb);
            set_diff(diff, "pcap", "frame count", va, vb);
            diff->frame = frame;
            return 1;
        }
        if (ha->caplen != ha->len || hb->caplen != hb->len) {
            if (ha->caplen != hb->caplen || ha->len != hb->len) {
                snprintf(va, sizeof va, "%u of %u", ha->caplen, ha->len);
                snprintf(vb, sizeof vb, "%u of %u", hb->caplen, hb->len);
                set_diff(diff, "frame", "captured length", va, vb);
                diff->frame = frame;
                return 1;
            }
        }
        int rc = cmp_frame_lists(da, ha->caplen, db, hb->caplen, diff, A, B);
        if (rc != 0) {
            diff->frame = frame;
            return rc;
        }
        if (ha->ts.tv_sec != hb->ts.tv_sec || ha->ts.tv_usec != hb->ts.tv_usec) {
            fmt_ts(ha, va, sizeof va);
            fmt_ts(hb, vb, sizeof vb);
            set_diff(diff, "frame", "timestamp", va, vb);
            diff->frame = frame;
            return 1;
        }
    }
}

int
ms_cmp_files(const char *path_a, const char *path_b, struct ms_cmp_diff *diff, char *errbuf,
             size_t errcap)
{
    pcap_t *pa = open_pcap(path_a, errbuf, errcap);
    if (pa == NULL)
        return -ENOENT;
    pcap_t *pb = open_pcap(path_b, errbuf, errcap);
    if (pb == NULL) {
        pcap_close(pa);
        return -ENOENT;
    }
    struct flist *A = malloc(sizeof *A), *B = malloc(sizeof *B);
    int rc = -ENOMEM;
    if (A != NULL && B != NULL)
        rc = cmp_open(pa, pb, path_a, path_b, diff, errbuf, errcap, A, B);
    free(A);
    free(B);
    pcap_close(pa);
    pcap_close(pb);
    return rc;
}

void
ms_cmp_diff_print(const struct ms_cmp_diff *d, const char *name_a, const char *name_b, FILE *out)
{
    if (d->frame && strcmp(d->layer, "frame") == 0)
        fprintf(out, "frame %" PRIu64 ": %s differs\n", d->frame, d->field);
    else if (d->frame)
        fprintf(out, "frame %" PRIu64 ": %s %s differs\n", d->frame, d->layer, d->field);
    else
        fprintf(out, "%s %s differs\n", d->layer, d->field);
    fprintf(out, "  %s: %s\n  %s: %s\n", name_a, d->a, name_b, d->b);
}
