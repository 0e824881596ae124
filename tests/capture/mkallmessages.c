/* mkallmessages: one instance of every message and option mipsim has codecs
 * for, each in a complete Ethernet + IPv6 frame, written through mipsim's
 * encoders only, and a capture of broken variants with the error mipsim's
 * own decoders return for each.
 *
 *   mkallmessages OUTDIR
 *
 * writes OUTDIR/all-messages.pcap, OUTDIR/ipv6-basics.pcap,
 * OUTDIR/malformed.pcap and a manifest for each (OUTDIR/<name>.manifest).
 * all-messages.pcap holds the frames with MIPv6 / HMIPv6 / FMIPv6 / SEND /
 * ERO / RFC 5271 meaning (issue 3: every one matches the display filter
 * "mipshop" of the plugin in dissector/); ipv6-basics.pcap holds the plain
 * IPv6 frames around them that carry no such meaning (RFC 4861 ND without
 * MIPSHOP options, plain tunnels, fragments, RFC 4443 errors).  Frames are 1 ms
 * apart from the virtual epoch (core/pcapw.h), so every run writes the same
 * bytes; ctest (capture.all-messages) compares them with pcaps/ and
 * tests/capture/.
 *
 * Self-check: after writing, the program reads the captures back with
 * libpcap and runs every frame through mipsim's receive-side decoders (the
 * variant the manifest names, checksums with the pseudo-header of RFC 6275
 * s6.1.1 / RFC 8200 s8.1, the ND and FMIPv6 IP-header checks).  Every frame
 * of all-messages.pcap and ipv6-basics.pcap must decode without error; every
 * frame of malformed.pcap must fail with exactly the error its manifest line
 * names.
 * The manifests carry the decoders' one-line summaries, so a change in what
 * a decoder reports shows up as a difference from the checked-in manifest.
 *
 * Manifest columns (tab-separated; tests/capture/stock-tshark.sh reads them):
 *   all-messages, ipv6-basics: frame, variant, stock, tshark expectations, what,
 *     decoded
 *     stock: "ok" (stock Wireshark 4.0 knows the message: no malformed frame,
 *     no checksum problem, no warning), "unknown" (stock does not know it:
 *     only not malformed and no checksum problem) or "stock-bug:ID[,ID]"
 *     (stock Wireshark gets a correct frame wrong: docs/WIRESHARK-NOTES.md,
 *     "Stock Wireshark 4.0 mistakes").
 *   malformed: frame, variant, expected error, what, decoded
 *
 * Only the keys (allmsg_keys.h), filler for signatures and encrypted keys,
 * MLDv2 report records (no MLD codec in mipsim) and the mutations of the
 * malformed frames are written here; every message, option, header and
 * checksum comes from mipsim/wire and mipsim/sec.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <openssl/evp.h>
#include <pcap/pcap.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "allmsg_keys.h"
#include "app/flow.h"
#include "core/pcapw.h"
#include "core/time.h"
#include "sec/rr.h"
#include "wire/bytes.h"
#include "wire/cksum.h"
#include "wire/codepoints.h"
#include "wire/err.h"
#include "wire/eth.h"
#include "wire/ext.h"
#include "wire/fmip_variant.h"
#include "wire/icmp6.h"
#include "wire/icmp6_fmip.h"
#include "wire/ipv6.h"
#include "wire/l2ev.h"
#include "wire/mh.h"
#include "wire/nd.h"
#include "wire/nd_opt.h"
#include "wire/udp.h"

#define FRAME_MAX 4096u
#define MAX_FRAMES 512u
#define SUM_MAX 2048u

/* ------------------------------------------------------------------------ */
/* Failure                                                                   */
/* ------------------------------------------------------------------------ */

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void
die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("mkallmessages: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

/* Checks an encoder's return: a positive length. */
static size_t
ok_len(int n, const char *what)
{
    if (n <= 0)
        die("%s: encoder returned %d (%s)", what, n, n < 0 ? ms_strerror(n) : "empty");
    return (size_t)n;
}

static void
ok0(int rc, const char *what)
{
    if (rc != 0)
        die("%s: returned %d (%s)", what, rc, ms_strerror(rc));
}

/* ------------------------------------------------------------------------ */
/* The world: nodes, addresses, keys                                         */
/* ------------------------------------------------------------------------ */

/* One mobile node (MN) with its home agent (HA) on 2001:db8:1::/64, two
 * access routers (PAR on 2001:db8:2::/64, NAR on 2001:db8:3::/64) with one
 * access point each (AP1, AP2; AP3 is a third one the PAR knows of), a MAP
 * (2001:db8:5::/64), a correspondent node (CN, 2001:db8:9::/64) and a core
 * router R.  The MN's HoA and PCoA, the CN's address and the PAR's
 * link-local address are CGAs (RFC 3972 s4, Sec = 0) of their keys, so that
 * the SEND (RFC 3971, RFC 5269) and ERO (RFC 4866) messages are consistent. */
struct world {
    struct ms_mac mn, par, nar, ha, cn, r, map, ap1, ap2, ap3;
    struct in6_addr hoa, ha_addr, ha_anycast, ha2_addr, pcoa, ncoa, par_addr, nar_addr, map_addr,
        rcoa, cn_addr, home_pfx, par_pfx, nar_pfx, map_pfx;
    struct in6_addr mn_ll, par_ll, nar_ll, ha_ll, r_ll, all_nodes, all_routers;
    /* CGA Parameters (RFC 3972 s3) of each CGA above, as mipsim's CGA
     * option encoder lays them out. */
    uint8_t cga_hoa[512], cga_pcoa[512], cga_cn[512], cga_par[512];
    size_t cga_hoa_len, cga_pcoa_len, cga_cn_len, cga_par_len;
    /* Return routability (RFC 6275 s5.2). */
    uint8_t kcn[MS_RR_KCN_LEN];
    uint8_t home_nonce[MS_RR_NONCE_LEN], careof_nonce[MS_RR_NONCE_LEN];
    uint64_t home_token, careof_token;
    uint8_t kbm[MS_RR_KBM_LEN];
    /* MN-PAR key for BADF (RFC 5568 s6.4.5), the MN-MAP key is not needed
     * (the local BU is protected by IPsec, RFC 5380 s10). */
    uint8_t k_mn_par[MS_RR_KBM_LEN];
};

static struct world W;

static void
parse6(const char *s, struct in6_addr *a)
{
    if (ms_in6_parse(s, a) != 0)
        die("bad address %s", s);
}

static void
parse_mac(const char *s, struct ms_mac *m)
{
    if (ms_mac_parse(s, m) != 0)
        die("bad MAC %s", s);
}

static void
sha(const EVP_MD *md, const uint8_t *p, size_t n, uint8_t *out)
{
    unsigned int olen = 0;
    if (EVP_Digest(p, n, out, &olen, md, NULL) != 1)
        die("EVP_Digest failed");
}

/* Deterministic filler that looks random: SHA-256(label | counter) blocks. */
static void
filler(uint8_t *b, size_t n, const char *label)
{
    uint8_t in[64], h[32];
    size_t l = strlen(label);
    if (l > sizeof in - 4)
        l = sizeof in - 4;
    memcpy(in, label, l);
    for (uint32_t i = 0; n > 0; i++) {
        ms_wr32(in + l, i);
        sha(EVP_sha256(), in, l + 4, h);
        size_t k = n < sizeof h ? n : sizeof h;
        memcpy(b, h, k);
        b += k;
        n -= k;
    }
}

/* The CGA Parameters of (key, subnet prefix) as mipsim's SEND CGA option
 * writes them (RFC 3971 s5.1: after Type, Length, Pad Length, Reserved),
 * with a fixed Modifier and Collision Count 0, and the CGA itself (RFC
 * 3972 s4 with Sec = 0: Hash1 = SHA-1 of the parameters, interface
 * identifier = its first 64 bits with Sec (3 bits) and the u and g bits
 * cleared). */
static void
make_cga(const uint8_t *key, size_t key_len, const struct in6_addr *prefix, const char *label,
         uint8_t *params, size_t *params_len, struct in6_addr *addr)
{
    static struct ms_nd_sec sec;
    static struct ms_nd_opts o;
    uint8_t buf[1024];
    memset(&sec, 0, sizeof sec);
    memset(&o, 0, sizeof o);
    filler(sec.cga.modifier, sizeof sec.cga.modifier, label);
    memcpy(sec.cga.subnet_prefix, prefix->s6_addr, 8);
    sec.cga.collision_count = 0;
    sec.cga.key_len = (uint16_t)key_len;
    memcpy(sec.cga.key, key, key_len);
    o.sec = &sec;
    ms_nd_opts_set(&o, MS_ND_OPT_CGA);
    size_t n = ok_len(ms_nd_opts_encode(&o, buf, sizeof buf), "CGA option");
    size_t pad = buf[2];
    if (n < 4 + pad)
        die("CGA option too short");
    *params_len = n - 4 - pad;
    memcpy(params, buf + 4, *params_len);
    uint8_t h[32];
    sha(EVP_sha1(), params, *params_len, h);
    h[0] &= 0x1c; /* Sec = 0 (top 3 bits), u = g = 0 (0x02, 0x01) */
    memcpy(addr->s6_addr, prefix->s6_addr, 8);
    memcpy(addr->s6_addr + 8, h, 8);
}

static void
eui64_addr(const struct in6_addr *prefix, const struct ms_mac *mac, struct in6_addr *out)
{
    uint8_t iid[8];
    ms_mac_to_eui64_iid(mac, iid);
    ok0(ms_in6_from_prefix_iid(prefix, 64, iid, out), "EUI-64 address");
}

static void
linklocal(const struct ms_mac *mac, struct in6_addr *out)
{
    uint8_t iid[8];
    ms_mac_to_eui64_iid(mac, iid);
    ms_in6_linklocal_from_iid(iid, out);
}

static void
world_init(void)
{
    struct world *w = &W;
    parse_mac("02:00:00:00:00:01", &w->mn);
    parse_mac("02:00:00:00:0a:01", &w->par);
    parse_mac("02:00:00:00:0a:02", &w->nar);
    parse_mac("02:00:00:00:0b:01", &w->ha);
    parse_mac("02:00:00:00:0c:01", &w->cn);
    parse_mac("02:00:00:00:0d:01", &w->r);
    parse_mac("02:00:00:00:0e:01", &w->map);
    parse_mac("02:00:00:00:aa:01", &w->ap1);
    parse_mac("02:00:00:00:aa:02", &w->ap2);
    parse_mac("02:00:00:00:aa:03", &w->ap3);

    parse6("2001:db8:1::", &w->home_pfx);
    parse6("2001:db8:2::", &w->par_pfx);
    parse6("2001:db8:3::", &w->nar_pfx);
    parse6("2001:db8:5::", &w->map_pfx);
    parse6("2001:db8:1::1", &w->ha_addr);
    parse6("2001:db8:1::2", &w->ha2_addr);
    /* RFC 2526 s2-3: Mobile IPv6 Home-Agents anycast, ID 0x7ffe, in a /64. */
    parse6("2001:db8:1::fdff:ffff:ffff:fffe", &w->ha_anycast);
    parse6("2001:db8:2::1", &w->par_addr);
    parse6("2001:db8:3::1", &w->nar_addr);
    parse6("2001:db8:5::1", &w->map_addr);
    struct in6_addr cn_pfx, ll_pfx;
    parse6("2001:db8:9::", &cn_pfx);
    parse6("fe80::", &ll_pfx);

    make_cga(key_mn_cga, sizeof key_mn_cga, &w->home_pfx, "mn-hoa-modifier", w->cga_hoa,
             &w->cga_hoa_len, &w->hoa);
    make_cga(key_mn_cga, sizeof key_mn_cga, &w->par_pfx, "mn-pcoa-modifier", w->cga_pcoa,
             &w->cga_pcoa_len, &w->pcoa);
    make_cga(key_cn, sizeof key_cn, &cn_pfx, "cn-modifier", w->cga_cn, &w->cga_cn_len, &w->cn_addr);
    make_cga(key_par, sizeof key_par, &ll_pfx, "par-ll-modifier", w->cga_par, &w->cga_par_len,
             &w->par_ll);
    eui64_addr(&w->nar_pfx, &w->mn, &w->ncoa);
    eui64_addr(&w->map_pfx, &w->mn, &w->rcoa); /* RFC 4140 s6.1: RCoA from the MAP prefix */
    linklocal(&w->mn, &w->mn_ll);
    linklocal(&w->nar, &w->nar_ll);
    linklocal(&w->ha, &w->ha_ll);
    linklocal(&w->r, &w->r_ll);
    ms_in6_all_nodes(&w->all_nodes);
    ms_in6_all_routers(&w->all_routers);

    filler(w->kcn, sizeof w->kcn, "cn-node-key");
    filler(w->home_nonce, sizeof w->home_nonce, "home-nonce");
    filler(w->careof_nonce, sizeof w->careof_nonce, "careof-nonce");
    ok0(ms_rr_keygen_token(w->kcn, &w->hoa, w->home_nonce, sizeof w->home_nonce, MS_RR_HOME,
                           &w->home_token),
        "home keygen token");
    ok0(ms_rr_keygen_token(w->kcn, &w->pcoa, w->careof_nonce, sizeof w->careof_nonce, MS_RR_CAREOF,
                           &w->careof_token),
        "care-of keygen token");
    ok0(ms_rr_kbm(w->home_token, &w->careof_token, w->kbm), "Kbm");
    filler(w->k_mn_par, sizeof w->k_mn_par, "mn-par-key");
}

/* ------------------------------------------------------------------------ */
/* Frames: Ethernet + IPv6 (+ Type 2 RH, Home Address option) + upper layer  */
/* ------------------------------------------------------------------------ */

/* What goes in front of an upper-layer message.  With a Home Address option
 * the upper-layer checksum uses the home address as source (RFC 6275 s6.3,
 * s6.1.1); with a Type 2 Routing Header it uses the final destination, the
 * home address in the RH (RFC 8200 s8.1). */
struct iph {
    const struct ms_mac *smac, *dmac; /* dmac NULL: derived from a multicast dst */
    const struct in6_addr *src, *dst;
    uint8_t hlim;
    const struct in6_addr *hao; /* home address carried in a Home Address option */
    const struct in6_addr *rh2; /* home address carried in a Type 2 Routing Header */
};

static const struct in6_addr *
ps(const struct iph *h)
{
    return h->hao ? h->hao : h->src;
}

static const struct in6_addr *
pd(const struct iph *h)
{
    return h->rh2 ? h->rh2 : h->dst;
}

struct pkt {
    uint8_t b[FRAME_MAX];
    size_t len;                 /* whole frame */
    size_t up;                  /* offset of the upper-layer header in b */
    struct in6_addr psrc, pdst; /* the upper layer's pseudo-header addresses */
};

/* IPv6 header, extension headers (RFC 8200 s4.1 order: Routing, then
 * Destination Options), payload.  Returns the packet length; *up_off is the
 * offset of the upper layer. */
static size_t
ip6_assemble(const struct iph *h, uint8_t nh, const uint8_t *up, size_t uplen, uint8_t *out,
             size_t cap, size_t *up_off)
{
    size_t ext = (h->rh2 ? MS_EXT_RH2_LEN : 0) + (h->hao ? 24u : 0);
    if (MS_IP6_HLEN + ext + uplen > cap)
        die("packet too large");
    struct ms_ip6 ip = {.plen = (uint16_t)(ext + uplen),
                        .nh = h->rh2   ? (uint8_t)MS_IPPROTO_ROUTING
                              : h->hao ? (uint8_t)MS_IPPROTO_DSTOPTS
                                       : nh,
                        .hlim = h->hlim,
                        .src = *h->src,
                        .dst = *h->dst};
    size_t off = ok_len(ms_ip6_encode(&ip, out, cap), "IPv6 header");
    if (h->rh2)
        off += ok_len(ms_ext_rh2_encode(h->rh2, h->hao ? (uint8_t)MS_IPPROTO_DSTOPTS : nh,
                                        out + off, cap - off),
                      "Type 2 Routing Header");
    if (h->hao)
        off += ok_len(ms_ext_dstopt_hao_encode(h->hao, nh, out + off, cap - off),
                      "Home Address option");
    *up_off = off;
    memcpy(out + off, up, uplen);
    return off + uplen;
}

static void
eth_put(const struct iph *h, uint16_t ethertype, uint8_t *out)
{
    struct ms_eth e = {.src = *h->smac, .ethertype = ethertype};
    if (h->dmac)
        e.dst = *h->dmac;
    else if (ms_in6_is_multicast(h->dst))
        ms_mac_from_ipv6_mcast(h->dst, &e.dst);
    else
        die("no destination MAC");
    ok_len(ms_eth_encode(&e, out, MS_ETH_HLEN), "Ethernet header");
}

static void
build(struct pkt *k, const struct iph *h, uint8_t nh, const uint8_t *up, size_t uplen)
{
    memset(k, 0, sizeof *k);
    eth_put(h, MS_ETHERTYPE_IPV6, k->b);
    size_t up_off;
    k->len = MS_ETH_HLEN +
             ip6_assemble(h, nh, up, uplen, k->b + MS_ETH_HLEN, sizeof k->b - MS_ETH_HLEN, &up_off);
    k->up = MS_ETH_HLEN + up_off;
    k->psrc = *ps(h);
    k->pdst = *pd(h);
}

/* ------------------------------------------------------------------------ */
/* Upper-layer encoders (through mipsim/wire)                                */
/* ------------------------------------------------------------------------ */

static size_t
enc_mh(const struct ms_mh *m, const struct iph *h, uint8_t *buf)
{
    return ok_len(ms_mh_encode(m, ps(h), pd(h), buf, FRAME_MAX), "Mobility Header");
}

/* Encodes and signs a Mobility Header carrying BAD or BADF (RFC 6275
 * s6.2.7, RFC 5568 s6.4.5): the Authenticator is a real HMAC-SHA1 over the
 * Mobility Data (mipsim/sec/rr.c), then the checksum is recomputed. */
static size_t
enc_mh_signed(const struct ms_mh *m, const struct iph *h, const uint8_t key[MS_RR_KBM_LEN],
              const struct in6_addr *coa, const struct in6_addr *cn, uint8_t *buf)
{
    size_t n = enc_mh(m, h, buf);
    ok0(ms_rr_mh_sign(key, coa, cn, buf, n, ps(h), pd(h)), "BAD/BADF signature");
    return n;
}

static size_t
enc_nd(const struct ms_nd *m, const struct iph *h, uint8_t *buf)
{
    return ok_len(ms_nd_encode(m, ps(h), pd(h), buf, FRAME_MAX), "ND message");
}

static size_t
enc_fmip(const struct ms_icmp6_fmip *m, enum ms_fmip_variant v, const struct iph *h, uint8_t *buf)
{
    return ok_len(ms_icmp6_fmip_encode(m, v, ps(h), pd(h), buf, FRAME_MAX), "FMIPv6 ICMP");
}

static size_t
enc_mip(const struct ms_icmp6_mip *m, const struct iph *h, uint8_t *buf)
{
    return ok_len(ms_icmp6_mip_encode(m, ps(h), pd(h), buf, FRAME_MAX), "MIPv6 ICMP");
}

/* A UDP datagram of flow `flow` (docs/FORMATS.md: ports 40000 + flow, the
 * 20-octet flow header, then zero octets up to `size`). */
static size_t
enc_udp_flow(uint32_t flow, uint32_t seq, int64_t sent_ns, size_t size, const struct iph *h,
             uint8_t *buf)
{
    uint8_t data[1500];
    memset(data, 0, sizeof data);
    if (size > sizeof data || size < MS_FLOW_HDR_LEN)
        die("flow payload size");
    struct ms_flow_hdr fh = {.flow_id = flow, .seq = seq, .sent_ns = sent_ns};
    ok_len(ms_flow_hdr_encode(&fh, data, sizeof data), "flow header");
    struct ms_udp u = {.sport = (uint16_t)(MS_FLOW_PORT_BASE + flow),
                       .dport = (uint16_t)(MS_FLOW_PORT_BASE + flow)};
    return ok_len(ms_udp_encode(&u, ps(h), pd(h), data, size, buf, FRAME_MAX), "UDP");
}

/* ------------------------------------------------------------------------ */
/* Captures and manifests                                                    */
/* ------------------------------------------------------------------------ */

struct fmeta {
    enum ms_fmip_variant v;
    char stock[64];   /* all-messages: ok, unknown, stock-bug:ID */
    char expect[256]; /* all-messages: tshark field=value checks */
    char what[256];
    int err;       /* malformed: the error the decoders must return (0: none) */
    uint32_t diag; /* malformed with err 0: the diagnostic bits that must be set */
};

struct cap {
    struct ms_pcapw w;
    unsigned n;
    struct fmeta meta[MAX_FRAMES];
};

static void
cap_open(struct cap *c, const char *path)
{
    char err[256];
    memset(c, 0, sizeof *c);
    if (ms_pcapw_open(&c->w, path, MS_PCAP_EPOCH_S * MS_NS_PER_S, err, sizeof err) != 0)
        die("%s: %s", path, err);
}

static struct fmeta *
cap_write(struct cap *c, const uint8_t *frame, size_t len)
{
    if (c->n >= MAX_FRAMES)
        die("too many frames");
    /* Frame k (1-based) at epoch + (k - 1) ms. */
    ok0(ms_pcapw_write(&c->w, (int64_t)c->n * MS_NS_PER_MS, frame, len), "pcap write");
    struct fmeta *m = &c->meta[c->n++];
    memset(m, 0, sizeof *m);
    return m;
}

static void vsnp(char *buf, size_t cap, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

static void
vsnp(char *buf, size_t cap, const char *fmt, va_list ap)
{
    int n = vsnprintf(buf, cap, fmt, ap);
    if (n < 0 || (size_t)n >= cap)
        die("text too long: %s", fmt);
}

/* all-messages.pcap: one valid frame.  expect: tshark checks; what: intent. */
static void emit(struct cap *c, const struct pkt *k, enum ms_fmip_variant v, const char *stock,
                 const char *expect, const char *what, ...) __attribute__((format(printf, 6, 7)));

static void
emit(struct cap *c, const struct pkt *k, enum ms_fmip_variant v, const char *stock,
     const char *expect, const char *what, ...)
{
    struct fmeta *m = cap_write(c, k->b, k->len);
    m->v = v;
    snprintf(m->stock, sizeof m->stock, "%s", stock);
    snprintf(m->expect, sizeof m->expect, "%s", expect);
    va_list ap;
    va_start(ap, what);
    vsnp(m->what, sizeof m->what, what, ap);
    va_end(ap);
}

/* malformed.pcap: one broken frame and the error the decoders must return. */
static void emit_bad(struct cap *c, const uint8_t *frame, size_t len, enum ms_fmip_variant v,
                     int err, uint32_t diag, const char *what, ...)
    __attribute__((format(printf, 7, 8)));

static void
emit_bad(struct cap *c, const uint8_t *frame, size_t len, enum ms_fmip_variant v, int err,
         uint32_t diag, const char *what, ...)
{
    struct fmeta *m = cap_write(c, frame, len);
    m->v = v;
    m->err = err;
    m->diag = diag;
    va_list ap;
    va_start(ap, what);
    vsnp(m->what, sizeof m->what, what, ap);
    va_end(ap);
}

/* tshark expectation strings. */
static const char *
x_mh(char *b, size_t cap, unsigned t)
{
    snprintf(b, cap, "mip6.mhtype=%u", t);
    return b;
}

static const char *
x_icmp(char *b, size_t cap, unsigned t, unsigned code)
{
    snprintf(b, cap, "icmpv6.type=%u icmpv6.code=%u", t, code);
    return b;
}

static const char *
x_fmip(char *b, size_t cap, unsigned t, unsigned sub, unsigned code)
{
    snprintf(b, cap, "icmpv6.type=%u icmpv6.code=%u icmpv6.fmip6.subtype=%u", t, code, sub);
    return b;
}

#define XMH(t) x_mh(xb, sizeof xb, (t))
#define XICMP(t, c) x_icmp(xb, sizeof xb, (t), (c))
#define XFMIP(t, s, c) x_fmip(xb, sizeof xb, (t), (s), (c))

/* ------------------------------------------------------------------------ */
/* Self-check: mipsim's receive-side decoders over one frame                 */
/* ------------------------------------------------------------------------ */

struct sumbuf {
    char s[SUM_MAX];
    size_t n;
};

static void sum_add(struct sumbuf *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
sum_add(struct sumbuf *s, const char *fmt, ...)
{
    if (s->n >= sizeof s->s - 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(s->s + s->n, sizeof s->s - s->n, fmt, ap);
    va_end(ap);
    if (n > 0)
        s->n += (size_t)n < sizeof s->s - s->n ? (size_t)n : sizeof s->s - 1 - s->n;
}

/* Appends the text of a *_format function (snprintf semantics). */
#define SUM_FMT(s, fn, obj)                                                                        \
    do {                                                                                           \
        char t_[SUM_MAX];                                                                          \
        fn((obj), t_, sizeof t_);                                                                  \
        sum_add((s), "%s", t_);                                                                    \
    } while (0)

static int rx_ip6(const uint8_t *p, size_t len, enum ms_fmip_variant v, struct sumbuf *s, int depth,
                  uint32_t *diag);

static int
rx_mh(const uint8_t *u, size_t ul, const struct in6_addr *src, const struct in6_addr *dst,
      enum ms_fmip_variant v, struct sumbuf *s, int depth, uint32_t *diag)
{
    struct ms_mh m;
    int rc = ms_mh_verify_cksum(u, ul, src, dst);
    if (rc != 0)
        return rc;
    rc = ms_mh_decode_ex(u, ul, v, &m);
    if (rc != 0)
        return rc;
    SUM_FMT(s, ms_mh_format, &m);
    if (m.opts.diag)
        sum_add(s, " odiag=0x%x", m.opts.diag);
    *diag |= m.opts.diag;
    if (m.payload_proto == MS_IPPROTO_IPV6 && depth < 2) {
        /* RFC 4068 s6.3.3: an FNA may carry the FBU after it, as an IPv6 packet. */
        sum_add(s, " | carries [");
        rc = rx_ip6(u + m.wire_len, ul - m.wire_len, v, s, depth + 1, diag);
        sum_add(s, "]");
        return rc;
    }
    if (m.wire_len != ul)
        sum_add(s, " trailing=%zu", ul - m.wire_len);
    return 0;
}

static int
rx_icmp(const uint8_t *u, size_t ul, const struct ms_ip6 *ip, const struct in6_addr *src,
        const struct in6_addr *dst, enum ms_fmip_variant v, struct sumbuf *s)
{
    static struct ms_nd_sec sec;
    struct ms_icmp6_hdr h;
    int rc = ms_icmp6_verify_cksum(u, ul, src, dst);
    if (rc != 0)
        return rc;
    rc = ms_icmp6_hdr_decode(u, ul, &h);
    if (rc != 0)
        return rc;
    if (h.type >= MS_ICMP6_RS && h.type <= MS_ICMP6_REDIRECT) {
        struct ms_nd nd;
        rc = ms_nd_decode_sec(u, ul, &nd, &sec);
        if (rc == 0)
            rc = ms_nd_validate(&nd, ip->hlim, &ip->src, &ip->dst);
        if (rc != 0)
            return rc;
        SUM_FMT(s, ms_nd_format, &nd);
        uint32_t w = ms_nd_opts_fmip_check(&nd.opts, v);
        if (w)
            sum_add(s, " fmipwarn=0x%x", w);
        if (nd.opts.n_dropped)
            sum_add(s, " dropped=%u", nd.opts.n_dropped);
        return 0;
    }
    if (h.type >= MS_ICMP6_DHAAD_REQUEST && h.type <= MS_ICMP6_MPA) {
        struct ms_icmp6_mip m;
        rc = ms_icmp6_mip_decode(u, ul, &m);
        if (rc != 0)
            return rc;
        SUM_FMT(s, ms_icmp6_mip_format, &m);
        return 0;
    }
    if (h.type == MS_ICMP6_FMIP || h.type == MS_ICMP6_EXP_MOBILITY) {
        struct ms_icmp6_fmip f;
        rc = ms_icmp6_fmip_decode(u, ul, v, &f, &sec);
        if (rc == 0)
            rc = ms_icmp6_fmip_validate(&f, ip->hlim, &ip->src);
        if (rc != 0)
            return rc;
        SUM_FMT(s, ms_icmp6_fmip_format, &f);
        if (f.warn)
            sum_add(s, " warn=0x%x", f.warn);
        if (f.opts.n_dropped)
            sum_add(s, " dropped=%u", f.opts.n_dropped);
        return 0;
    }
    struct ms_icmp6 m;
    rc = ms_icmp6_decode(u, ul, &m);
    if (rc != 0)
        return rc;
    SUM_FMT(s, ms_icmp6_format, &m);
    return 0;
}

static int
rx_udp(const uint8_t *u, size_t ul, const struct in6_addr *src, const struct in6_addr *dst,
       struct sumbuf *s)
{
    struct ms_udp d;
    int rc = ms_udp_verify(src, dst, u, ul);
    if (rc == 0)
        rc = ms_udp_decode(u, ul, &d);
    if (rc != 0)
        return rc;
    SUM_FMT(s, ms_udp_format, &d);
    struct ms_flow_hdr fh;
    if (ms_flow_hdr_decode(u + MS_UDP_HLEN, d.len - MS_UDP_HLEN, &fh) == 0)
        sum_add(s, " flow=%u seq=%u", fh.flow_id, fh.seq);
    return 0;
}

/* One IPv6 packet: header, extension headers (the receiver's checks: RFC
 * 8200 s4, RFC 6275 s6.3-6.4, a Type 2 RH must arrive with Segments Left 1),
 * then the upper layer with its checksum over the pseudo-header of the home
 * address (Home Address option) and the final destination (Type 2 RH). */
static int
rx_ip6(const uint8_t *p, size_t len, enum ms_fmip_variant v, struct sumbuf *s, int depth,
       uint32_t *diag)
{
    struct ms_ip6 ip;
    struct ms_ext_info ei;
    int rc = ms_ip6_decode(p, len, &ip);
    if (rc != 0)
        return rc;
    rc = ms_ext_walk(p + MS_IP6_HLEN, ip.plen, ip.nh, &ei);
    if (rc != 0)
        return rc;
    struct in6_addr src = ip.src, dst = ip.dst;
    if (ei.present & MS_EXT_F_RH2) {
        if (ei.rh2_segs_left != 1)
            return MS_EBAD_FIELD; /* RFC 6275 s6.4.1: Segments Left 1 on the wire */
        dst = ei.rh2_addr;
        sum_add(s, "rh2 ");
    }
    if (ei.present & MS_EXT_F_HAO) {
        src = ei.hao;
        sum_add(s, "hao ");
    }
    const uint8_t *u = p + MS_IP6_HLEN + ei.upper_off;
    size_t ul = ip.plen - ei.upper_off;
    switch (ei.upper) {
    case MS_IPPROTO_MH:
        return rx_mh(u, ul, &src, &dst, v, s, depth, diag);
    case MS_IPPROTO_ICMPV6:
        return rx_icmp(u, ul, &ip, &src, &dst, v, s);
    case MS_IPPROTO_UDP:
        return rx_udp(u, ul, &src, &dst, s);
    case MS_IPPROTO_FRAGMENT:
        /* ms_ext_walk stops at a fragment that is not atomic: the stack
         * reassembles first (RFC 8200 s4.5). */
        sum_add(s, "fragment off=%u%s len=%zu", ei.frag.offset, ei.frag.more ? " M" : "",
                ul - MS_EXT_FRAG_LEN);
        return 0;
    case MS_IPPROTO_IPV6:
        if (depth >= 2)
            return MS_EUNKNOWN_NH;
        sum_add(s, "ip6-in-ip6 [");
        rc = rx_ip6(u, ul, v, s, depth + 1, diag);
        sum_add(s, "]");
        return rc;
    default:
        return MS_EUNKNOWN_NH;
    }
}

/* The whole frame.  Returns 0 or the first error of the receive path. */
static int
rx_frame(const uint8_t *f, size_t len, enum ms_fmip_variant v, struct sumbuf *s, uint32_t *diag)
{
    struct ms_eth e;
    *diag = 0;
    int rc = ms_eth_decode(f, len, &e);
    if (rc != 0)
        return rc;
    if (e.ethertype == MS_ETHERTYPE_L2EV) {
        struct ms_l2ev ev;
        rc = ms_l2ev_frame_decode(f, len, NULL, &ev);
        if (rc != 0)
            return rc;
        SUM_FMT(s, ms_l2ev_format, &ev);
        return 0;
    }
    if (e.ethertype != MS_ETHERTYPE_IPV6)
        return MS_EBAD_PROTO;
    return rx_ip6(f + MS_ETH_HLEN, len - MS_ETH_HLEN, v, s, 0, diag);
}

static const char *
err_sym(int rc, char *buf, size_t cap)
{
    if (rc == 0)
        snprintf(buf, cap, "none");
    else if (ms_err_index(rc) >= 0)
        snprintf(buf, cap, "MS_E%s", ms_err_name(rc));
    else
        snprintf(buf, cap, "errno %d", -rc);
    return buf;
}

/* Reads a capture back and checks every frame against its metadata; writes
 * the manifest.  Returns the number of frames that failed. */
static unsigned
check_and_manifest(const struct cap *c, const char *pcap_path, const char *man_path, int malformed)
{
    char eb[PCAP_ERRBUF_SIZE];
    pcap_t *pc = pcap_open_offline_with_tstamp_precision(pcap_path, PCAP_TSTAMP_PRECISION_NANO, eb);
    if (pc == NULL)
        die("%s: %s", pcap_path, eb);
    FILE *out = fopen(man_path, "w");
    if (out == NULL)
        die("%s: %s", man_path, strerror(errno));
    if (malformed)
        fprintf(out, "# frame\tvariant\terror\twhat\tdecoded\n");
    else
        fprintf(out, "# frame\tvariant\tstock\texpect\twhat\tdecoded\n");
    unsigned bad = 0, i = 0;
    struct pcap_pkthdr *h;
    const u_char *data;
    while (pcap_next_ex(pc, &h, &data) == 1) {
        if (i >= c->n)
            die("%s: more frames than written", pcap_path);
        const struct fmeta *m = &c->meta[i++];
        if (h->ts.tv_sec != MS_PCAP_EPOCH_S || h->ts.tv_usec != (long)(i - 1) * MS_NS_PER_MS)
            die("%s: frame %u has a wrong timestamp", pcap_path, i);
        struct sumbuf s;
        memset(&s, 0, sizeof s);
        uint32_t diag = 0;
        int rc = rx_frame(data, h->caplen, m->v, &s, &diag);
        char e1[64], e2[64];
        const char *vn = ms_fmip_variant_name(m->v);
        if (malformed) {
            if (rc != m->err || (m->diag & diag) != m->diag) {
                fprintf(stderr,
                        "malformed frame %u (%s): decoders returned %s diag 0x%x, expected "
                        "%s diag 0x%x\n",
                        i, m->what, err_sym(rc, e1, sizeof e1), diag,
                        err_sym(m->err, e2, sizeof e2), m->diag);
                bad++;
            }
            if (m->err == 0)
                snprintf(e1, sizeof e1, "none (diag 0x%x)", m->diag);
            else
                err_sym(m->err, e1, sizeof e1);
            fprintf(out, "%u\t%s\t%s\t%s\t%s\n", i, vn, e1, m->what, rc == 0 ? s.s : "-");
        } else {
            if (rc != 0) {
                fprintf(stderr, "frame %u (%s) does not decode under %s: %s (%s)\n", i, m->what, vn,
                        err_sym(rc, e1, sizeof e1), s.s);
                bad++;
            }
            fprintf(out, "%u\t%s\t%s\t%s\t%s\t%s\n", i, vn, m->stock, m->expect, m->what, s.s);
        }
    }
    if (i != c->n)
        die("%s: %u frames read back, %u written", pcap_path, i, c->n);
    pcap_close(pc);
    if (fclose(out) != 0)
        die("%s: write failed", man_path);
    return bad;
}

/* ------------------------------------------------------------------------ */
/* Helpers for building messages                                             */
/* ------------------------------------------------------------------------ */

#define IPH(sm, dm, s, d, hl)                                                                      \
    ((struct iph){.smac = (sm), .dmac = (dm), .src = (s), .dst = (d), .hlim = (hl)})

static uint64_t
cookie(const char *label)
{
    uint8_t b[8];
    filler(b, sizeof b, label);
    return ms_rd64(b);
}

/* MLDv2 report payload for the RFC 7411 options (s5.3, Figure 8: the
 * Membership Report after its ICMP header, RFC 3810 s5.2): Reserved, the
 * number of records, then records of Type, Aux Data Len 0, Number of
 * Sources, Multicast Address, Source Addresses.  mipsim has no MLD codec,
 * so this is the one payload written field by field here. */
static size_t
mld2_payload(uint8_t *b, unsigned nrec)
{
    static const struct {
        uint8_t type; /* RFC 3810 s5.2.12: 1 MODE_IS_INCLUDE, 2 MODE_IS_EXCLUDE */
        const char *group;
        unsigned nsrc;
    } rec[] = {{2, "ff3e::4d49:5053", 0}, {1, "ff3e::1:2", 1}};
    size_t n = 0;
    ms_wr16(b + n, 0);
    ms_wr16(b + n + 2, (uint16_t)nrec);
    n += 4;
    for (unsigned i = 0; i < nrec && i < 2; i++) {
        struct in6_addr g;
        parse6(rec[i].group, &g);
        b[n] = rec[i].type;
        b[n + 1] = 0;
        ms_wr16(b + n + 2, (uint16_t)rec[i].nsrc);
        memcpy(b + n + 4, g.s6_addr, 16);
        n += 20;
        for (unsigned s = 0; s < rec[i].nsrc; s++) {
            memcpy(b + n, W.cn_addr.s6_addr, 16);
            n += 16;
        }
    }
    return n;
}

static void
add_mcast(struct ms_mh *m, uint8_t code, unsigned nrec)
{
    uint8_t p[256];
    size_t n = mld2_payload(p, nrec);
    m->opts.mcast_code = code;
    ok0(ms_mh_opts_blob_set(&m->opts, MS_MH_BLOB_MCAST, p, n), "multicast payload");
}

static void
add_mcast_ack(struct ms_mh *m, uint8_t status, unsigned nrec)
{
    uint8_t p[256];
    size_t n = mld2_payload(p, nrec);
    m->opts.mcast_ack_code = 0;
    m->opts.mcast_ack_status = status;
    ok0(ms_mh_opts_blob_set(&m->opts, MS_MH_BLOB_MCAST_ACK, p, n), "multicast ack payload");
}

static void
add_lla_mh(struct ms_mh *m, const struct ms_mac *mac)
{
    m->opts.present |= MS_MH_OPTS_LLA;
    m->opts.lla_code = MS_LLA_MN;
    m->opts.lla_len = MS_ETH_ALEN;
    memcpy(m->opts.lla, mac->b, MS_ETH_ALEN);
}

static void
add_badf(struct ms_mh *m, uint32_t spi)
{
    m->opts.present |= MS_MH_OPTS_BADF;
    m->opts.badf_spi = spi;
    m->opts.badf_auth_len = MS_MH_BADF_AUTH_DEFAULT;
}

/* RFC 4283 s3 Mobile Node Identifier (MH option 8), Subtype 1 (NAI): mipsim
 * keeps it as an uninterpreted option, so it goes through the raw path. */
static void
add_mnid_raw(struct ms_mh *m, const char *nai)
{
    struct ms_mh_opt_raw *r = &m->opts.raw[m->opts.n_raw++];
    size_t l = strlen(nai);
    if (l + 1 > sizeof r->data)
        die("NAI too long");
    r->type = MS_MH_OPT_MN_ID;
    r->len = (uint8_t)(l + 1);
    r->data[0] = 1; /* RFC 4283 s3.1: Subtype 1, NAI */
    memcpy(r->data + 1, nai, l);
}

static void
nd_lla(struct ms_nd_opts *o, uint8_t code, const struct ms_mac *mac)
{
    if (!ms_nd_opts_add_lla(o, code, mac ? mac->b : NULL, mac ? MS_ETH_ALEN : 0))
        die("LLA option");
}

static void
nd_ip(struct ms_nd_opts *o, uint8_t type, uint8_t code, uint8_t plen, const struct in6_addr *a)
{
    if (!ms_nd_opts_add_ipaddr(o, type, code, plen, a))
        die("IP address option");
}

/* The [AP-ID, AR-Info] tuple of RFC 5568 s6.1.2: New AP LLA, NAR LLA, NAR
 * IP address, NAR prefix (option 17 code 4; RFC 4068: option 18). */
static void
nd_tuple(struct ms_nd_opts *o, const struct ms_mac *ap, enum ms_fmip_variant v)
{
    nd_lla(o, MS_LLA_NEW_AP, ap);
    nd_lla(o, MS_LLA_NAR, &W.nar);
    nd_ip(o, MS_ND_OPT_IP_ADDR_PREFIX, MS_IPADDR_NAR_ADDR, 128, &W.nar_addr);
    if (v == MS_FMIP_RFC4068)
        nd_ip(o, MS_ND_OPT_NEW_ROUTER_PREFIX, 0, 64, &W.nar_pfx);
    else
        nd_ip(o, MS_ND_OPT_IP_ADDR_PREFIX, MS_IPADDR_NAR_PREFIX, 64, &W.nar_pfx);
}

/* A SEND CGA option (RFC 3971 s5.1) from CGA Parameters made by make_cga. */
static void
cga_from_params(struct ms_nd_opt_cga *c, const uint8_t *params, size_t len, size_t key_len)
{
    memset(c, 0, sizeof *c);
    if (len < 25 + key_len)
        die("CGA parameters");
    memcpy(c->modifier, params, 16);
    memcpy(c->subnet_prefix, params + 16, 8);
    c->collision_count = params[24];
    c->key_len = (uint16_t)key_len;
    memcpy(c->key, params + 25, key_len);
}

/* RFC 3971 s5.2: Key Hash = the leftmost 128 bits of SHA-1 over the public
 * key; the signature itself is filler of the modulus length (see the file
 * comment). */
static void
rsa_sig(struct ms_nd_opt_rsa_sig *r, const uint8_t *key, size_t key_len, size_t sig_len,
        const char *label)
{
    uint8_t h[32];
    memset(r, 0, sizeof *r);
    sha(EVP_sha1(), key, key_len, h);
    memcpy(r->key_hash, h, 16);
    r->sig_len = (uint16_t)sig_len;
    filler(r->sig, sig_len, label);
}

/* ------------------------------------------------------------------------ */
/* Mobile IPv6 (RFC 6275)                                                    */
/* ------------------------------------------------------------------------ */

static const enum ms_fmip_variant V5568 = MS_FMIP_RFC5568;
static const enum ms_fmip_variant V5268 = MS_FMIP_RFC5268;
static const enum ms_fmip_variant V4068 = MS_FMIP_RFC4068;

/* ---- messages that are also the base of malformed frames ------------- */

/* RFC 6275 s6.1.7, s11.7.1: the home registration from the PCoA with a Home
 * Address option; Alternate CoA option (s6.2.5) after PadN(2) for 8n+6.
 * Leaves the message in *m. */
static void
build_home_bu(struct pkt *k, struct ms_mh *m)
{
    uint8_t b[FRAME_MAX];
    ms_mh_init(m, MS_MH_BU);
    m->u.bu.seq = 100;
    m->u.bu.flags = MS_BU_F_A | MS_BU_F_H | MS_BU_F_K;
    m->u.bu.lifetime_s = 600;
    m->opts.present = MS_MH_OPTS_ALT_COA;
    m->opts.alt_coa = W.pcoa;
    struct iph h = IPH(&W.mn, &W.par, &W.pcoa, &W.ha_addr, 64);
    h.hao = &W.hoa;
    build(k, &h, MS_IPPROTO_MH, b, enc_mh(m, &h, b));
}

/* RFC 6275 s7.1-7.4: the home agent's RA: H flag, Prefix Information with R
 * (the HA's address), Home Agent Information, and with adv_interval an
 * Advertisement Interval (s7.3); MTU and SLLA (RFC 4861 s4.6.1, s4.6.4). */
static void
build_ha_ra(struct pkt *k, bool adv_interval)
{
    uint8_t b[FRAME_MAX];
    static struct ms_nd nd;
    memset(&nd, 0, sizeof nd);
    nd.type = MS_ICMP6_RA;
    nd.u.ra.cur_hop_limit = 64;
    nd.u.ra.flags = MS_RA_F_H;
    nd.u.ra.router_lifetime_s = 1800;
    ms_nd_opts_set(&nd.opts, MS_ND_OPT_SLLA);
    nd.opts.slla = W.ha;
    ms_nd_opts_set(&nd.opts, MS_ND_OPT_MTU);
    nd.opts.mtu = 1500;
    if (adv_interval) {
        ms_nd_opts_set(&nd.opts, MS_ND_OPT_ADV_INTERVAL);
        nd.opts.adv_interval_ms = 1000;
    }
    ms_nd_opts_set(&nd.opts, MS_ND_OPT_HA_INFO);
    nd.opts.ha_info.preference = 10;
    nd.opts.ha_info.lifetime_s = 1800;
    nd.opts.n_pi = 1;
    nd.opts.pi[0] = (struct ms_nd_opt_pi){.prefix_len = 64,
                                          .flags = MS_PI_F_L | MS_PI_F_A | MS_PI_F_R,
                                          .valid_s = 86400,
                                          .preferred_s = 14400,
                                          .prefix = W.ha_addr};
    struct iph h = IPH(&W.ha, NULL, &W.ha_ll, &W.all_nodes, 255);
    build(k, &h, MS_IPPROTO_ICMPV6, b, enc_nd(&nd, &h, b));
}

/* RFC 6275 s6.6: DHAAD Reply HA->PCoA naming two home agents. */
static void
build_dhaad_reply(struct pkt *k)
{
    uint8_t b[FRAME_MAX];
    static struct ms_icmp6_mip mi;
    memset(&mi, 0, sizeof mi);
    mi.type = MS_ICMP6_DHAAD_REPLY;
    mi.id = 0x1234;
    mi.n_ha = 2;
    mi.ha[0] = W.ha_addr;
    mi.ha[1] = W.ha2_addr;
    struct iph h = IPH(&W.par, &W.mn, &W.ha_addr, &W.pcoa, 63);
    build(k, &h, MS_IPPROTO_ICMPV6, b, enc_mip(&mi, &h, b));
}

/* RFC 6275 s6.7: Mobile Prefix Solicitation PCoA->HA with a Home Address
 * option (the checksum covers the HoA). */
static void
build_mps(struct pkt *k)
{
    uint8_t b[FRAME_MAX];
    static struct ms_icmp6_mip mi;
    memset(&mi, 0, sizeof mi);
    mi.type = MS_ICMP6_MPS;
    mi.id = 0x2345;
    struct iph h = IPH(&W.mn, &W.par, &W.pcoa, &W.ha_addr, 64);
    h.hao = &W.hoa;
    build(k, &h, MS_IPPROTO_ICMPV6, b, enc_mip(&mi, &h, b));
}

/* Tunnels a finished inner packet (RFC 2473 s3, as RFC 6275 s10.4.1 and
 * s11.3.1 use it) in an outer IPv6 header. */
static void
build_tunnel(struct pkt *k, const struct iph *outer, const struct iph *inner, uint8_t nh,
             const uint8_t *up, size_t uplen)
{
    uint8_t in[FRAME_MAX];
    size_t off;
    size_t n = ip6_assemble(inner, nh, up, uplen, in, sizeof in, &off);
    build(k, outer, MS_IPPROTO_IPV6, in, n);
}

static void
frames_rr(struct cap *c)
{
    static struct ms_mh m;
    struct pkt k;
    uint8_t b[FRAME_MAX];
    char xb[256];
    struct iph h;

    /* RFC 6275 s6.1.3: HoTI from the home address, reverse-tunnelled to the
     * HA (s5.2.5), then as the HA forwards it to the CN. */
    ms_mh_init(&m, MS_MH_HOTI);
    m.u.hoti.cookie = cookie("home-init-cookie");
    struct iph in = IPH(NULL, NULL, &W.hoa, &W.cn_addr, 64);
    size_t n = enc_mh(&m, &in, b);
    h = IPH(&W.mn, &W.par, &W.pcoa, &W.ha_addr, 64);
    build_tunnel(&k, &h, &in, MS_IPPROTO_MH, b, n);
    emit(c, &k, V5568, "ok", "ipv6.nxt=41,135 mip6.mhtype=1",
         "HoTI (RFC 6275 s6.1.3) reverse-tunnelled MN->HA (s11.3.1), IPv6-in-IPv6");
    h = IPH(&W.ha, &W.r, &W.hoa, &W.cn_addr, 63);
    build(&k, &h, MS_IPPROTO_MH, b, n);
    emit(c, &k, V5568, "ok", XMH(MS_MH_HOTI),
         "HoTI (RFC 6275 s6.1.3) HoA->CN as the HA forwards it");

    /* s6.1.4: CoTI straight from the care-of address. */
    ms_mh_init(&m, MS_MH_COTI);
    m.u.coti.cookie = cookie("careof-init-cookie");
    h = IPH(&W.mn, &W.par, &W.pcoa, &W.cn_addr, 64);
    build(&k, &h, MS_IPPROTO_MH, b, enc_mh(&m, &h, b));
    emit(c, &k, V5568, "ok", XMH(MS_MH_COTI), "CoTI (RFC 6275 s6.1.4) PCoA->CN");

    /* s6.1.5: HoT to the home address, then tunnelled by the HA. */
    ms_mh_init(&m, MS_MH_HOT);
    m.u.hot.nonce_index = 1;
    m.u.hot.cookie = cookie("home-init-cookie");
    m.u.hot.keygen_token = W.home_token;
    h = IPH(&W.cn, &W.r, &W.cn_addr, &W.hoa, 64);
    n = enc_mh(&m, &h, b);
    build(&k, &h, MS_IPPROTO_MH, b, n);
    emit(c, &k, V5568, "ok", XMH(MS_MH_HOT),
         "HoT (RFC 6275 s6.1.5) CN->HoA, home keygen token of s5.2.5 (HMAC-SHA1 with Kcn)");
    in = IPH(NULL, NULL, &W.cn_addr, &W.hoa, 63);
    h = IPH(&W.par, &W.mn, &W.ha_addr, &W.pcoa, 64);
    build_tunnel(&k, &h, &in, MS_IPPROTO_MH, b, n);
    emit(c, &k, V5568, "ok", "ipv6.nxt=41,135 mip6.mhtype=3",
         "HoT tunnelled HA->PCoA (RFC 6275 s10.4.1), IPv6-in-IPv6");

    /* s6.1.6: CoT to the care-of address. */
    ms_mh_init(&m, MS_MH_COT);
    m.u.cot.nonce_index = 2;
    m.u.cot.cookie = cookie("careof-init-cookie");
    m.u.cot.keygen_token = W.careof_token;
    h = IPH(&W.par, &W.mn, &W.cn_addr, &W.pcoa, 63);
    build(&k, &h, MS_IPPROTO_MH, b, enc_mh(&m, &h, b));
    emit(c, &k, V5568, "ok", XMH(MS_MH_COT), "CoT (RFC 6275 s6.1.6) CN->PCoA");
}

static void
frames_binding(struct cap *c)
{
    static struct ms_mh m;
    struct pkt k;
    uint8_t b[FRAME_MAX];
    char xb[256];
    struct iph h;

    /* s6.1.2: BRR from the CN, to the home address through a Type 2 RH. */
    ms_mh_init(&m, MS_MH_BRR);
    h = IPH(&W.par, &W.mn, &W.cn_addr, &W.pcoa, 63);
    h.rh2 = &W.hoa;
    build(&k, &h, MS_IPPROTO_MH, b, enc_mh(&m, &h, b));
    emit(c, &k, V5568, "ok", XMH(MS_MH_BRR),
         "BRR (RFC 6275 s6.1.2) CN->PCoA with Type 2 RH (HoA), checksum to the HoA");

    build_home_bu(&k, &m);
    emit(c, &k, V5568, "ok", XMH(MS_MH_BU),
         "BU home registration A H K (RFC 6275 s6.1.7) PCoA->HA with HAO (HoA), Alternate CoA "
         "(s6.2.5, PadN before it); checksum from the HoA (s6.1.1)");

    /* s6.1.8: BA from the HA through a Type 2 RH, with Binding Refresh
     * Advice (s6.2.4). */
    ms_mh_init(&m, MS_MH_BA);
    m.u.ba.status = MS_BA_ACCEPTED;
    m.u.ba.flags = MS_BA_F_K;
    m.u.ba.seq = 100;
    m.u.ba.lifetime_s = 600;
    m.opts.present = MS_MH_OPTS_BRA;
    m.opts.refresh_s = 300;
    h = IPH(&W.par, &W.mn, &W.ha_addr, &W.pcoa, 63);
    h.rh2 = &W.hoa;
    build(&k, &h, MS_IPPROTO_MH, b, enc_mh(&m, &h, b));
    emit(c, &k, V5568, "ok", XMH(MS_MH_BA),
         "BA status 0 K (RFC 6275 s6.1.8) HA->PCoA with Type 2 RH (HoA), Binding Refresh "
         "Advice (s6.2.4)");

    /* Every other BA Status: from the HA, except the correspondent
     * registration codes (136-138, RFC 6275 s6.1.8; 147-150, RFC 4866 s5.7),
     * which come from the CN. */
    static const struct {
        uint8_t status;
        const char *sym;
        const char *rfc;
    } st[] = {
#define ST(name, num, d, r) {(num), #name, r},
        MS_BA_STATUS_MAP(ST)
#undef ST
    };
    for (size_t i = 0; i < sizeof st / sizeof st[0]; i++) {
        if (st[i].status == MS_BA_ACCEPTED)
            continue;
        int from_cn =
            (st[i].status >= MS_BA_EXPIRED_HOME_NONCE && st[i].status <= MS_BA_EXPIRED_NONCES) ||
            (st[i].status >= MS_BA_PHKT_UNAVAILABLE && st[i].status <= MS_BA_NONNULL_HNI_EXPECTED);
        ms_mh_init(&m, MS_MH_BA);
        m.u.ba.status = st[i].status;
        m.u.ba.seq = (uint16_t)(101 + i);
        m.u.ba.lifetime_s = st[i].status < 128 ? 600 : 0;
        h = IPH(&W.par, &W.mn, from_cn ? &W.cn_addr : &W.ha_addr, &W.pcoa, 63);
        h.rh2 = &W.hoa;
        build(&k, &h, MS_IPPROTO_MH, b, enc_mh(&m, &h, b));
        emit(c, &k, V5568, "ok", XMH(MS_MH_BA), "BA status %u %s (%s) %s->PCoA with Type 2 RH",
             st[i].status, st[i].sym, st[i].rfc, from_cn ? "CN" : "HA");
    }

    /* s6.1.7, s5.2.6: correspondent registration with Nonce Indices (s6.2.6)
     * and Binding Authorization Data (s6.2.7) last at 8n+2; the
     * Authenticator is HMAC-SHA1 with the Kbm of the HoT/CoT tokens above. */
    ms_mh_init(&m, MS_MH_BU);
    m.u.bu.seq = 7;
    m.u.bu.flags = MS_BU_F_A;
    m.u.bu.lifetime_s = MS_RR_MAX_RR_BINDING_LIFETIME_S;
    m.opts.present = MS_MH_OPTS_NONCE | MS_MH_OPTS_BAD;
    m.opts.home_nonce_index = 1;
    m.opts.careof_nonce_index = 2;
    m.opts.auth_len = MS_MH_BAD_AUTH_DEFAULT;
    h = IPH(&W.mn, &W.par, &W.pcoa, &W.cn_addr, 64);
    h.hao = &W.hoa;
    build(&k, &h, MS_IPPROTO_MH, b, enc_mh_signed(&m, &h, W.kbm, &W.pcoa, &W.cn_addr, b));
    emit(c, &k, V5568, "ok", XMH(MS_MH_BU),
         "BU to the CN A (RFC 6275 s6.1.7) with HAO, Nonce Indices (s6.2.6), Binding "
         "Authorization Data (s6.2.7, real HMAC-SHA1-96 with Kbm)");

    ms_mh_init(&m, MS_MH_BA);
    m.u.ba.status = MS_BA_ACCEPTED;
    m.u.ba.seq = 7;
    m.u.ba.lifetime_s = MS_RR_MAX_RR_BINDING_LIFETIME_S;
    m.opts.present = MS_MH_OPTS_BAD;
    m.opts.auth_len = MS_MH_BAD_AUTH_DEFAULT;
    h = IPH(&W.par, &W.mn, &W.cn_addr, &W.pcoa, 63);
    h.rh2 = &W.hoa;
    build(&k, &h, MS_IPPROTO_MH, b, enc_mh_signed(&m, &h, W.kbm, &W.pcoa, &W.cn_addr, b));
    emit(c, &k, V5568, "ok", XMH(MS_MH_BA),
         "BA from the CN (RFC 6275 s6.1.8) with Type 2 RH, Binding Authorization Data (s6.2.7)");

    /* s6.1.9: Binding Errors, to the care-of address (no binding, no RH). */
    ms_mh_init(&m, MS_MH_BE);
    m.u.be.status = MS_BE_UNKNOWN_BINDING;
    m.u.be.hoa = W.hoa;
    h = IPH(&W.par, &W.mn, &W.cn_addr, &W.pcoa, 63);
    build(&k, &h, MS_IPPROTO_MH, b, enc_mh(&m, &h, b));
    emit(c, &k, V5568, "ok", XMH(MS_MH_BE),
         "BE status 1 unknown binding for HAO (RFC 6275 s6.1.9, s9.3.1) CN->PCoA");
    m.u.be.status = MS_BE_UNRECOGNIZED_MH;
    build(&k, &h, MS_IPPROTO_MH, b, enc_mh(&m, &h, b));
    emit(c, &k, V5568, "ok", XMH(MS_MH_BE),
         "BE status 2 unrecognized MH Type (RFC 6275 s6.1.9, s9.2) CN->PCoA");
}

/* HMIPv6: MAP option in RAs, the local BU with the M flag and the MAP's BA. */
static void
frames_hmip(struct cap *c)
{
    static struct ms_nd nd;
    static struct ms_mh m;
    struct pkt k;
    uint8_t b[FRAME_MAX];
    char xb[256];
    struct iph h;
    struct in6_addr map2, map3;
    parse6("2001:db8:6::1", &map2);
    parse6("2001:db8:7::1", &map3);

    /* RFC 4140 s5, s7.1: one MAP, Dist 1 (an abstract distance, default 1),
     * Pref 10 (the default "availability"), R: the MN forms the RCoA from
     * the MAP's /64 (s6.1). */
    memset(&nd, 0, sizeof nd);
    nd.type = MS_ICMP6_RA;
    nd.u.ra.cur_hop_limit = 64;
    nd.u.ra.router_lifetime_s = 1800;
    nd.opts.present = 1u << MS_ND_OPT_SLLA;
    nd.opts.slla = W.par;
    nd.opts.n_pi = 1;
    nd.opts.pi[0] = (struct ms_nd_opt_pi){.prefix_len = 64,
                                          .flags = MS_PI_F_L | MS_PI_F_A,
                                          .valid_s = 86400,
                                          .preferred_s = 14400,
                                          .prefix = W.par_pfx};
    nd.opts.n_map = 1;
    nd.opts.map[0] = (struct ms_nd_opt_map){
        .dist = 1, .pref = 10, .flags = MS_MAP_F_R, .valid_s = 3600, .addr = W.map_addr};
    h = IPH(&W.par, NULL, &W.par_ll, &W.all_nodes, 255);
    build(&k, &h, MS_IPPROTO_ICMPV6, b, enc_nd(&nd, &h, b));
    emit(c, &k, V5568, "ok", XICMP(MS_ICMP6_RA, 0),
         "RA with MAP option 23, RFC 4140 reading (s5, s7.1: Dist 1 default, Pref 10 default, "
         "R = form the RCoA from the MAP prefix)");

    /* RFC 5380 s5, s7.1: Dist in hops, Pref the operator's preference, R =
     * RCoA allocated with IKEv2 (RFC 4877); Pref 0: no new local BUs to that
     * MAP; Valid Lifetime 0: the MAP failed. */
    nd.opts.n_map = 3;
    nd.opts.map[0] = (struct ms_nd_opt_map){
        .dist = 2, .pref = 15, .flags = MS_MAP_F_R, .valid_s = 3600, .addr = W.map_addr};
    nd.opts.map[1] = (struct ms_nd_opt_map){.dist = 1, .pref = 0, .valid_s = 3600, .addr = map2};
    nd.opts.map[2] = (struct ms_nd_opt_map){.dist = 3, .pref = 7, .valid_s = 0, .addr = map3};
    build(&k, &h, MS_IPPROTO_ICMPV6, b, enc_nd(&nd, &h, b));
    emit(c, &k, V5568, "ok", XICMP(MS_ICMP6_RA, 0),
         "RA with three MAP options, RFC 5380 reading (s5, s7.1: Dist 2 hops Pref 15 R; Pref 0 "
         "= no new BUs; Valid Lifetime 0 = MAP failed)");

    /* RFC 4140 s4.1 / RFC 5380 s6.1: local BU, source LCoA, Home Address
     * option = RCoA, M and A set.  The bytes are the same in both RFCs. */
    for (int gen = 0; gen < 2; gen++) {
        ms_mh_init(&m, MS_MH_BU);
        m.u.bu.seq = (uint16_t)(1 + gen);
        m.u.bu.flags = MS_BU_F_A | MS_BU_F_M;
        m.u.bu.lifetime_s = 600;
        h = IPH(&W.mn, &W.par, &W.pcoa, &W.map_addr, 64);
        h.hao = &W.rcoa;
        build(&k, &h, MS_IPPROTO_MH, b, enc_mh(&m, &h, b));
        emit(c, &k, V5568, "ok", XMH(MS_MH_BU),
             gen == 0 ? "HMIPv6 local BU A M (RFC 4140 s4.1, s6.1) LCoA->MAP, HAO = RCoA formed "
                        "from the MAP prefix"
                      : "HMIPv6 local BU A M (RFC 5380 s6.1) LCoA->MAP, HAO = RCoA (IKEv2 "
                        "allocated), same layout");
    }
    /* RFC 5380 s6.1: the MAP's BA MUST carry a Type 2 RH with the RCoA. */
    ms_mh_init(&m, MS_MH_BA);
    m.u.ba.status = MS_BA_ACCEPTED;
    m.u.ba.seq = 2;
    m.u.ba.lifetime_s = 600;
    h = IPH(&W.par, &W.mn, &W.map_addr, &W.pcoa, 63);
    h.rh2 = &W.rcoa;
    build(&k, &h, MS_IPPROTO_MH, b, enc_mh(&m, &h, b));
    emit(c, &k, V5568, "ok", XMH(MS_MH_BA),
         "HMIPv6 BA from the MAP (RFC 5380 s6.1) MAP->LCoA with Type 2 RH (RCoA)");
}

/* Mobile IPv6 ICMP (RFC 6275 s6.5-6.8) and ND with the MIPv6 extensions
 * (s7.1-7.4) into c; plain RFC 4861 / RFC 4862 ND (no MIPSHOP meaning) into
 * basic. */
static void
frames_icmp_mip_nd(struct cap *c, struct cap *basic)
{
    static struct ms_icmp6_mip mi;
    static struct ms_nd nd;
    struct pkt k;
    uint8_t b[FRAME_MAX];
    char xb[256];
    struct iph h;

    memset(&mi, 0, sizeof mi);
    mi.type = MS_ICMP6_DHAAD_REQUEST;
    mi.id = 0x1234;
    h = IPH(&W.mn, &W.par, &W.pcoa, &W.ha_anycast, 64);
    build(&k, &h, MS_IPPROTO_ICMPV6, b, enc_mip(&mi, &h, b));
    emit(c, &k, V5568, "ok", XICMP(MS_ICMP6_DHAAD_REQUEST, 0),
         "DHAAD Request (RFC 6275 s6.5) PCoA->Home-Agents anycast (RFC 2526)");

    build_dhaad_reply(&k);
    emit(c, &k, V5568, "ok", XICMP(MS_ICMP6_DHAAD_REPLY, 0),
         "DHAAD Reply (RFC 6275 s6.6) HA->PCoA, two home agents");

    build_mps(&k);
    emit(c, &k, V5568, "ok", XICMP(MS_ICMP6_MPS, 0),
         "Mobile Prefix Solicitation (RFC 6275 s6.7) PCoA->HA with HAO, checksum from the HoA");

    memset(&mi, 0, sizeof mi);
    mi.type = MS_ICMP6_MPA;
    mi.id = 0x2345;
    mi.flags = MS_MPA_F_O;
    mi.opts.n_pi = 1;
    mi.opts.pi[0] = (struct ms_nd_opt_pi){.prefix_len = 64,
                                          .flags = MS_PI_F_L | MS_PI_F_A | MS_PI_F_R,
                                          .valid_s = 86400,
                                          .preferred_s = 14400,
                                          .prefix = W.ha_addr};
    h = IPH(&W.par, &W.mn, &W.ha_addr, &W.pcoa, 63);
    h.rh2 = &W.hoa;
    build(&k, &h, MS_IPPROTO_ICMPV6, b, enc_mip(&mi, &h, b));
    emit(c, &k, V5568, "ok", XICMP(MS_ICMP6_MPA, 0),
         "Mobile Prefix Advertisement O (RFC 6275 s6.8) HA->PCoA with Type 2 RH, Prefix "
         "Information with R (s7.2); checksum to the HoA");

    /* RFC 4861 s4.1 RS. */
    memset(&nd, 0, sizeof nd);
    nd.type = MS_ICMP6_RS;
    ms_nd_opts_set(&nd.opts, MS_ND_OPT_SLLA);
    nd.opts.slla = W.mn;
    h = IPH(&W.mn, NULL, &W.mn_ll, &W.all_routers, 255);
    build(&k, &h, MS_IPPROTO_ICMPV6, b, enc_nd(&nd, &h, b));
    emit(basic, &k, V5568, "ok", XICMP(MS_ICMP6_RS, 0), "RS (RFC 4861 s4.1) with SLLA");

    build_ha_ra(&k, true);
    emit(c, &k, V5568, "ok", XICMP(MS_ICMP6_RA, 0),
         "RA from a home agent: H flag (RFC 6275 s7.1), Prefix Information with R (s7.2), "
         "Advertisement Interval (s7.3), Home Agent Information (s7.4), MTU, SLLA");

    /* RFC 4862 s5.4.2 DAD for the NCoA, RFC 4861 s4.3 address resolution. */
    memset(&nd, 0, sizeof nd);
    nd.type = MS_ICMP6_NS;
    nd.u.ns.target = W.ncoa;
    struct in6_addr unspec, sol;
    memset(&unspec, 0, sizeof unspec);
    ms_in6_solicited_node(&W.ncoa, &sol);
    h = IPH(&W.mn, NULL, &unspec, &sol, 255);
    build(&k, &h, MS_IPPROTO_ICMPV6, b, enc_nd(&nd, &h, b));
    emit(basic, &k, V5568, "ok", XICMP(MS_ICMP6_NS, 0),
         "NS for DAD of the NCoA (RFC 4862 s5.4.2) from ::, no SLLA");
    nd.u.ns.target = W.par_ll;
    ms_nd_opts_set(&nd.opts, MS_ND_OPT_SLLA);
    nd.opts.slla = W.mn;
    ms_in6_solicited_node(&W.par_ll, &sol);
    h = IPH(&W.mn, NULL, &W.mn_ll, &sol, 255);
    build(&k, &h, MS_IPPROTO_ICMPV6, b, enc_nd(&nd, &h, b));
    emit(basic, &k, V5568, "ok", XICMP(MS_ICMP6_NS, 0),
         "NS address resolution (RFC 4861 s4.3) with SLLA");

    memset(&nd, 0, sizeof nd);
    nd.type = MS_ICMP6_NA;
    nd.u.na.flags = MS_NA_F_R | MS_NA_F_S | MS_NA_F_O;
    nd.u.na.target = W.par_ll;
    ms_nd_opts_set(&nd.opts, MS_ND_OPT_TLLA);
    nd.opts.tlla = W.par;
    h = IPH(&W.par, &W.mn, &W.par_ll, &W.mn_ll, 255);
    build(&k, &h, MS_IPPROTO_ICMPV6, b, enc_nd(&nd, &h, b));
    emit(basic, &k, V5568, "ok", XICMP(MS_ICMP6_NA, 0), "NA R S O (RFC 4861 s4.4) with TLLA");

    /* RFC 4861 s4.5 Redirect with a Redirected Header (s4.6.3) holding the
     * start of a flow packet. */
    uint8_t red[256];
    size_t off;
    struct iph rin = IPH(NULL, NULL, &W.pcoa, &W.cn_addr, 64);
    size_t un = enc_udp_flow(9, 1, 0, 64, &rin, b);
    size_t rl = ip6_assemble(&rin, MS_IPPROTO_UDP, b, un, red, sizeof red, &off);
    memset(&nd, 0, sizeof nd);
    nd.type = MS_ICMP6_REDIRECT;
    nd.u.redirect.target = W.r_ll;
    nd.u.redirect.dest = W.cn_addr;
    ms_nd_opts_set(&nd.opts, MS_ND_OPT_TLLA);
    nd.opts.tlla = W.r;
    ms_nd_opts_set(&nd.opts, MS_ND_OPT_REDIRECTED_HDR);
    nd.opts.rh.data = red;
    nd.opts.rh.len = rl;
    h = IPH(&W.par, &W.mn, &W.par_ll, &W.pcoa, 255);
    build(&k, &h, MS_IPPROTO_ICMPV6, b, enc_nd(&nd, &h, b));
    emit(basic, &k, V5568, "ok", XICMP(MS_ICMP6_REDIRECT, 0),
         "Redirect (RFC 4861 s4.5) with TLLA and Redirected Header (s4.6.3)");
}

/* Data packets with HAO or RH2 and Echo with them into c (the plugin trees
 * them as MIPv6 data, RFC 6275 s6.3, s6.4); plain tunnels, fragments and
 * RFC 4443 errors, which carry no MIPSHOP message the plugin trees, into
 * basic. */
static void
frames_data(struct cap *c, struct cap *basic)
{
    struct pkt k;
    uint8_t b[FRAME_MAX], in[FRAME_MAX], pkt[FRAME_MAX];
    char xb[256];
    struct iph h, ih;
    size_t n, off, pl;

    /* RFC 6275 s6.3, s11.3.1: route-optimized data from the HoA with HAO. */
    h = IPH(&W.mn, &W.par, &W.pcoa, &W.cn_addr, 64);
    h.hao = &W.hoa;
    build(&k, &h, MS_IPPROTO_UDP, b, enc_udp_flow(1, 1, 0, 64, &h, b));
    emit(c, &k, V5568, "ok", "ipv6.nxt=60 udp.dstport=40001",
         "UDP flow 1 MN->CN route-optimized with HAO (RFC 6275 s6.3), checksum from the HoA");
    /* s6.4, s9.3.2: data to the HoA through a Type 2 RH. */
    h = IPH(&W.par, &W.mn, &W.cn_addr, &W.pcoa, 63);
    h.rh2 = &W.hoa;
    build(&k, &h, MS_IPPROTO_UDP, b, enc_udp_flow(1, 2, 0, 64, &h, b));
    emit(c, &k, V5568, "ok", "ipv6.nxt=43 udp.dstport=40001",
         "UDP flow 1 CN->MN with Type 2 RH (RFC 6275 s6.4), checksum to the HoA");

    /* s10.4.1 / s11.3.1: bidirectional tunnelling through the HA. */
    ih = IPH(NULL, NULL, &W.cn_addr, &W.hoa, 63);
    n = enc_udp_flow(2, 1, 0, 64, &ih, b);
    h = IPH(&W.par, &W.mn, &W.ha_addr, &W.pcoa, 63);
    build_tunnel(&k, &h, &ih, MS_IPPROTO_UDP, b, n);
    emit(basic, &k, V5568, "ok", "ipv6.nxt=41,17 udp.dstport=40002",
         "UDP flow 2 CN->HoA tunnelled HA->PCoA (RFC 6275 s10.4.1, RFC 2473)");
    ih = IPH(NULL, NULL, &W.hoa, &W.cn_addr, 64);
    n = enc_udp_flow(2, 2, 0, 64, &ih, b);
    h = IPH(&W.mn, &W.par, &W.pcoa, &W.ha_addr, 64);
    build_tunnel(&k, &h, &ih, MS_IPPROTO_UDP, b, n);
    emit(basic, &k, V5568, "ok", "ipv6.nxt=41,17 udp.dstport=40002",
         "UDP flow 2 HoA->CN reverse-tunnelled PCoA->HA (RFC 6275 s11.3.1)");

    /* HMIPv6 (RFC 5380 s6.2): the HA's tunnel to the RCoA inside the MAP's
     * tunnel to the LCoA. */
    ih = IPH(NULL, NULL, &W.cn_addr, &W.hoa, 62);
    n = enc_udp_flow(3, 1, 0, 64, &ih, b);
    struct iph mid = IPH(NULL, NULL, &W.ha_addr, &W.rcoa, 63);
    pl = ip6_assemble(&ih, MS_IPPROTO_UDP, b, n, in, sizeof in, &off);
    h = IPH(&W.par, &W.mn, &W.map_addr, &W.pcoa, 63);
    build_tunnel(&k, &h, &mid, MS_IPPROTO_IPV6, in, pl);
    emit(basic, &k, V5568, "ok", "ipv6.nxt=41,41,17 udp.dstport=40003",
         "UDP flow 3 CN->HoA, HA->RCoA tunnel inside the MAP->LCoA tunnel (RFC 5380 s6.2)");

    /* RFC 8200 s4.5: a 1400-octet flow datagram from the CN in two
     * fragments (the UDP checksum covers the whole datagram). */
    h = IPH(&W.par, &W.mn, &W.cn_addr, &W.pcoa, 63);
    n = enc_udp_flow(6, 1, 0, 1392, &h, b);
    for (size_t foff = 0; foff < n;) {
        size_t chunk = n - foff > 1232 ? 1232 : n - foff;
        struct ms_ext_frag fh = {.nh = MS_IPPROTO_UDP,
                                 .offset = (uint16_t)foff,
                                 .more = foff + chunk < n,
                                 .id = 0x6d697073};
        size_t fl = ok_len(ms_ext_frag_encode(&fh, in, sizeof in), "Fragment header");
        memcpy(in + fl, b + foff, chunk);
        build(&k, &h, MS_IPPROTO_FRAGMENT, in, fl + chunk);
        emit(basic, &k, V5568, "ok", fh.more ? "ipv6.nxt=44" : "ipv6.nxt=44 udp.dstport=40006",
             "UDP flow 6 CN->PCoA, 1400 octets, fragment at offset %zu%s (RFC 8200 s4.5)", foff,
             fh.more ? ", M" : ", last");
        foff += chunk;
    }

    /* RFC 5568 s5.1: the PAR tunnels packets for the PCoA to the NCoA. */
    ih = IPH(NULL, NULL, &W.cn_addr, &W.pcoa, 62);
    n = enc_udp_flow(4, 1, 0, 64, &ih, b);
    h = IPH(&W.nar, &W.mn, &W.par_addr, &W.ncoa, 63);
    build_tunnel(&k, &h, &ih, MS_IPPROTO_UDP, b, n);
    emit(basic, &k, V5568, "ok", "ipv6.nxt=41,17 udp.dstport=40004",
         "UDP flow 4 CN->PCoA forwarded PAR->NCoA in the FMIPv6 tunnel (RFC 5568 s5.1)");

    /* RFC 4443 s4: Echo with HAO and with RH2. */
    uint8_t data[32];
    filler(data, sizeof data, "echo-data");
    h = IPH(&W.mn, &W.par, &W.pcoa, &W.cn_addr, 64);
    h.hao = &W.hoa;
    n = ok_len(ms_icmp6_echo_encode(MS_ICMP6_ECHO_REQUEST, 7, 1, data, sizeof data, ps(&h), pd(&h),
                                    b, sizeof b),
               "echo");
    build(&k, &h, MS_IPPROTO_ICMPV6, b, n);
    emit(c, &k, V5568, "ok", XICMP(MS_ICMP6_ECHO_REQUEST, 0),
         "Echo Request (RFC 4443 s4.1) MN->CN with HAO, checksum from the HoA");
    /* The same packet, as the IPv6 packet a CN without MIPv6 answers with
     * Parameter Problem code 2 at the HAO's Option Type (RFC 8200 s4.2,
     * action 11; RFC 6275 s9.3.1). */
    size_t invoking_len = k.len - MS_ETH_HLEN;
    memcpy(pkt, k.b + MS_ETH_HLEN, invoking_len);
    h = IPH(&W.par, &W.mn, &W.cn_addr, &W.pcoa, 63);
    h.rh2 = &W.hoa;
    n = ok_len(ms_icmp6_echo_encode(MS_ICMP6_ECHO_REPLY, 7, 1, data, sizeof data, ps(&h), pd(&h), b,
                                    sizeof b),
               "echo reply");
    build(&k, &h, MS_IPPROTO_ICMPV6, b, n);
    emit(c, &k, V5568, "ok", XICMP(MS_ICMP6_ECHO_REPLY, 0),
         "Echo Reply (RFC 4443 s4.2) CN->MN with Type 2 RH, checksum to the HoA");

    h = IPH(&W.par, &W.mn, &W.cn_addr, &W.pcoa, 63);
    n = ok_len(ms_icmp6_error_encode(MS_ICMP6_PARAM_PROB, MS_ICMP6_PARAMPROB_OPTION,
                                     MS_IP6_HLEN + 6, pkt, invoking_len, ps(&h), pd(&h), b,
                                     sizeof b),
               "param problem");
    build(&k, &h, MS_IPPROTO_ICMPV6, b, n);
    emit(basic, &k, V5568, "ok", "icmpv6.type=4,128 icmpv6.code=2,0",
         "Parameter Problem code 2 at the HAO (RFC 4443 s3.4, RFC 6275 s9.3.1) from a CN "
         "without MIPv6");

    /* RFC 6275 s9.2: a node without Mobility Header support answers a BU
     * with Parameter Problem code 1 at the Next Header field naming 135. */
    static struct ms_mh m;
    ms_mh_init(&m, MS_MH_BU);
    m.u.bu.seq = 9;
    m.u.bu.flags = MS_BU_F_A;
    m.u.bu.lifetime_s = 400;
    m.opts.present = MS_MH_OPTS_NONCE | MS_MH_OPTS_BAD;
    m.opts.home_nonce_index = 1;
    m.opts.careof_nonce_index = 2;
    h = IPH(&W.mn, &W.par, &W.pcoa, &W.cn_addr, 64);
    h.hao = &W.hoa;
    n = enc_mh_signed(&m, &h, W.kbm, &W.pcoa, &W.cn_addr, b);
    invoking_len = ip6_assemble(&h, MS_IPPROTO_MH, b, n, pkt, sizeof pkt, &off);
    h = IPH(&W.par, &W.mn, &W.cn_addr, &W.pcoa, 63);
    n = ok_len(ms_icmp6_error_encode(MS_ICMP6_PARAM_PROB, MS_ICMP6_PARAMPROB_NEXT_HEADER,
                                     MS_IP6_HLEN, pkt, invoking_len, ps(&h), pd(&h), b, sizeof b),
               "param problem");
    build(&k, &h, MS_IPPROTO_ICMPV6, b, n);
    emit(basic, &k, V5568, "ok", "icmpv6.type=4 icmpv6.code=1 mip6.mhtype=5",
         "Parameter Problem code 1 at the Next Header naming MH (RFC 6275 s9.2) quoting a BU");

    /* A flow packet from the CN to the home address, as the invoking packet
     * of the HA's and the routers' errors. */
    ih = IPH(NULL, NULL, &W.cn_addr, &W.hoa, 1);
    n = enc_udp_flow(5, 1, 0, 200, &ih, b);
    invoking_len = ip6_assemble(&ih, MS_IPPROTO_UDP, b, n, pkt, sizeof pkt, &off);
    h = IPH(&W.ha, &W.r, &W.ha_addr, &W.cn_addr, 64);
    n = ok_len(ms_icmp6_error_encode(MS_ICMP6_DST_UNREACH, MS_ICMP6_UNREACH_ADDR, 0, pkt,
                                     invoking_len, ps(&h), pd(&h), b, sizeof b),
               "unreachable");
    build(&k, &h, MS_IPPROTO_ICMPV6, b, n);
    emit(basic, &k, V5568, "ok", "icmpv6.type=1 icmpv6.code=3 udp.dstport=40005",
         "Destination Unreachable code 3 (RFC 4443 s3.1) from the HA: no binding for the HoA");
    n = ok_len(ms_icmp6_error_encode(MS_ICMP6_PACKET_TOO_BIG, 0, 1240, pkt, invoking_len, ps(&h),
                                     pd(&h), b, sizeof b),
               "too big");
    build(&k, &h, MS_IPPROTO_ICMPV6, b, n);
    emit(basic, &k, V5568, "ok", "icmpv6.type=2 icmpv6.code=0 udp.dstport=40005",
         "Packet Too Big MTU 1240 (RFC 4443 s3.2) from the HA, tunnel entry point (RFC 2473 s7)");
    h = IPH(&W.r, &W.cn, &W.r_ll, &W.cn_addr, 64);
    struct in6_addr r_glob;
    parse6("2001:db8:9::fffe", &r_glob);
    h.src = &r_glob;
    n = ok_len(ms_icmp6_error_encode(MS_ICMP6_TIME_EXCEEDED, MS_ICMP6_TIMEX_HOP_LIMIT, 0, pkt,
                                     invoking_len, ps(&h), pd(&h), b, sizeof b),
               "time exceeded");
    build(&k, &h, MS_IPPROTO_ICMPV6, b, n);
    emit(basic, &k, V5568, "ok", "icmpv6.type=3 icmpv6.code=0 udp.dstport=40005",
         "Time Exceeded code 0 (RFC 4443 s3.3) from router R");
}

/* mipsim's layer-2 event frames (docs/L2-EVENTS.md): every event type, and
 * between them every link profile. */
static void
frames_l2(struct cap *c)
{
    static const struct {
        uint8_t type, profile;
        int target, time;
        const char *what;
    } ev[] = {
        {MS_L2EV_LINK_GOING_DOWN, MS_L2EV_PROFILE_80211, 1, 1,
         "L2 event LINK_GOING_DOWN (RFC 5184 s4.7), 802.11, target ap2, in 50 ms"},
        {MS_L2EV_HANDOVER_START, MS_L2EV_PROFILE_80216E, 1, 0,
         "L2 event HANDOVER_START (RFC 5184 s4.8), 802.16e, target ap2"},
        {MS_L2EV_LINK_DOWN, MS_L2EV_PROFILE_CDMA3G, 0, 0,
         "L2 event LINK_DOWN (RFC 5184 s4.6), 3G CDMA"},
        {MS_L2EV_LINK_UP, MS_L2EV_PROFILE_GENERIC, 0, 0,
         "L2 event LINK_UP (RFC 5184 s4.5), generic profile, on ap2"},
    };
    struct pkt k;
    struct ms_mac bc;
    ms_mac_broadcast(&bc);
    for (size_t i = 0; i < sizeof ev / sizeof ev[0]; i++) {
        struct ms_l2ev e;
        memset(&e, 0, sizeof e);
        e.type = ev[i].type;
        e.mn = W.mn;
        snprintf(e.ap_id, sizeof e.ap_id, "%s", ev[i].type == MS_L2EV_LINK_UP ? "ap2" : "ap1");
        e.link_profile = ev[i].profile;
        e.present = MS_L2EV_HAS(MS_L2EV_TLV_MN_MAC) | MS_L2EV_HAS(MS_L2EV_TLV_AP_ID) |
                    MS_L2EV_HAS(MS_L2EV_TLV_LINK_TYPE);
        if (ev[i].target) {
            snprintf(e.target_ap_id, sizeof e.target_ap_id, "ap2");
            e.present |= MS_L2EV_HAS(MS_L2EV_TLV_TARGET_AP_ID);
        }
        if (ev[i].time) {
            e.time_ns = 50 * MS_NS_PER_MS;
            e.present |= MS_L2EV_HAS(MS_L2EV_TLV_TIME_NS);
        }
        memset(&k, 0, sizeof k);
        k.len = ok_len(ms_l2ev_frame_encode(&bc, ev[i].type == MS_L2EV_LINK_UP ? &W.ap2 : &W.ap1,
                                            &e, k.b, sizeof k.b),
                       "L2 event");
        emit(c, &k, V5568, "unknown", "eth.type=0x88b5", "%s", ev[i].what);
    }
}

/* ------------------------------------------------------------------------ */
/* FMIPv6                                                                    */
/* ------------------------------------------------------------------------ */

static void
fmip_init(struct ms_icmp6_fmip *f, uint8_t subtype, uint8_t code, uint8_t flags, uint16_t id)
{
    memset(f, 0, sizeof *f);
    f->subtype = subtype;
    f->code = code;
    f->flags = flags;
    f->id = id;
}

static uint8_t
fmip_type(enum ms_fmip_variant v)
{
    return ms_icmp6_fmip_type(v);
}

/* RtSolPr and PrRtAdv with every PrRtAdv Code the generation defines (RFC
 * 5568 s6.1.2: 0-5; RFC 4068 s6.1.2: 0-4) and every LLA Option-Code (RFC
 * 5568 s6.4.3: 0 in the wildcard RtSolPr, 1 3 4 in the tuples, 5 6 7 in
 * Code 2; 2 is in the ICMP HI). */
static void
frames_rtsolpr_prrtadv(struct cap *c, enum ms_fmip_variant v)
{
    static struct ms_icmp6_fmip f;
    struct pkt k;
    uint8_t b[FRAME_MAX];
    char xb[256];
    struct iph h;
    const char *rfc = v == V4068 ? "RFC 4068 s6.1" : "RFC 5568 s6.1";
    uint8_t t = fmip_type(v);
    unsigned max_code = v == V4068 ? MS_PRRTADV_UNSOLICITED_INFO : MS_PRRTADV_DHCP;

    fmip_init(&f, MS_FMIP_RTSOLPR, 0, 0, 1);
    nd_lla(&f.opts, MS_LLA_SENDER, &W.mn);
    nd_lla(&f.opts, MS_LLA_NEW_AP, &W.ap2);
    h = IPH(&W.mn, &W.par, &W.pcoa, &W.par_ll, 255);
    build(&k, &h, MS_IPPROTO_ICMPV6, b, enc_fmip(&f, v, &h, b));
    emit(c, &k, v, "ok", XFMIP(t, MS_FMIP_RTSOLPR, 0),
         "RtSolPr type %u (%s.1) PCoA->PAR, LLA 4 (sender) and 1 (New AP ap2)", t, rfc);

    if (v == V5568) {
        fmip_init(&f, MS_FMIP_RTSOLPR, 0, 0, 2);
        nd_lla(&f.opts, MS_LLA_SENDER, &W.mn);
        nd_lla(&f.opts, MS_LLA_WILDCARD, NULL);
        h = IPH(&W.mn, NULL, &W.pcoa, &W.all_routers, 255);
        build(&k, &h, MS_IPPROTO_ICMPV6, b, enc_fmip(&f, v, &h, b));
        emit(c, &k, v, "ok", XFMIP(t, MS_FMIP_RTSOLPR, 0),
             "RtSolPr (RFC 5568 s6.1.1) to all-routers, LLA 0 (wildcard: all nearby APs)");
    }

    for (unsigned code = 0; code <= max_code; code++) {
        uint16_t id = 0;
        struct in6_addr *dst = &W.pcoa;
        fmip_init(&f, MS_FMIP_PRRTADV, (uint8_t)code, 0, 0);
        nd_lla(&f.opts, MS_LLA_SENDER, &W.par);
        const char *what = "";
        switch (code) {
        case MS_PRRTADV_SOLICITED:
            id = 1;
            nd_tuple(&f.opts, &W.ap2, v);
            what = "solicited: [New AP ap2, NAR LLA, NAR address, NAR prefix] tuple";
            break;
        case MS_PRRTADV_UNSOLICITED_TRIGGER:
            nd_tuple(&f.opts, &W.ap2, v);
            nd_ip(&f.opts, MS_ND_OPT_IP_ADDR_PREFIX, MS_IPADDR_NEW_COA, 128, &W.ncoa);
            what = "unsolicited handover trigger: tuple and New CoA (option 17 code 2)";
            break;
        case MS_PRRTADV_NO_NEW_ROUTER_INFO:
            id = 3;
            nd_lla(&f.opts, MS_LLA_SAME_IFACE, &W.ap1);
            nd_lla(&f.opts, MS_LLA_NO_PREFIX, &W.ap2);
            nd_lla(&f.opts, MS_LLA_NO_FAST_HANDOVER, &W.ap3);
            what = "no new router information: LLA 5 (ap1 same interface), 6 (ap2 no prefix), "
                   "7 (ap3 no fast handover)";
            break;
        case MS_PRRTADV_SUBSET:
            id = 4;
            nd_tuple(&f.opts, &W.ap2, v);
            nd_lla(&f.opts, MS_LLA_NO_FAST_HANDOVER, &W.ap3);
            what = "subset: tuple for ap2, LLA 7 for ap3";
            break;
        case MS_PRRTADV_UNSOLICITED_INFO:
            dst = &W.all_nodes;
            nd_tuple(&f.opts, &W.ap2, v);
            nd_tuple(&f.opts, &W.ap3, v);
            what = "unsolicited neighborhood information: tuples for ap2 and ap3";
            break;
        case MS_PRRTADV_DHCP:
            id = 6;
            nd_tuple(&f.opts, &W.ap2, v);
            what = "use DHCP on the new link (RFC 5268/5568, not RFC 4068): tuple, no NCoA";
            break;
        }
        f.id = id;
        h = IPH(&W.par, dst == &W.pcoa ? &W.mn : NULL, &W.par_ll, dst, 255);
        build(&k, &h, MS_IPPROTO_ICMPV6, b, enc_fmip(&f, v, &h, b));
        const char *stock = "ok";
        if (v == V5568 && code == MS_PRRTADV_DHCP)
            stock = "stock-bug:WS-PRRTADV-CODE5";
        emit(c, &k, v, stock, XFMIP(t, MS_FMIP_PRRTADV, code),
             "PrRtAdv type %u code %u (%s.2) PAR link-local->%s, %s", t, code, rfc,
             dst == &W.pcoa ? "PCoA" : "all-nodes", what);
    }

    if (v == V5568) {
        /* RFC 7411 s5.1: the M bit (multicast mobility support). */
        fmip_init(&f, MS_FMIP_PRRTADV, MS_PRRTADV_UNSOLICITED_INFO, MS_PRRTADV_F_R_OR_M, 0);
        nd_lla(&f.opts, MS_LLA_SENDER, &W.par);
        nd_tuple(&f.opts, &W.ap2, v);
        h = IPH(&W.par, NULL, &W.par_ll, &W.all_nodes, 255);
        build(&k, &h, MS_IPPROTO_ICMPV6, b, enc_fmip(&f, v, &h, b));
        emit(c, &k, v, "stock-bug:WS-PRRTADV-FLAG",
             XFMIP(t, MS_FMIP_PRRTADV, MS_PRRTADV_UNSOLICITED_INFO),
             "PrRtAdv code 4 with flag 0x80 = M, multicast mobility supported (RFC 7411 s5.1)");
    }
}

/* ICMP-form HI/HAck: RFC 5268 s6.2 (type 154) and RFC 4068 s6.2 (type 150,
 * Hop Limit 255), every HAck Code of the generation. */
static void
frames_icmp_hi_hack(struct cap *c, enum ms_fmip_variant v)
{
    static struct ms_icmp6_fmip f;
    struct pkt k;
    uint8_t b[FRAME_MAX];
    char xb[256];
    uint8_t t = fmip_type(v);
    const char *rfc = v == V4068 ? "RFC 4068 s6.2" : "RFC 5268 s6.2";
    struct iph hi = IPH(&W.par, &W.nar, &W.par_addr, &W.nar_addr, 255);
    struct iph hack = IPH(&W.nar, &W.par, &W.nar_addr, &W.par_addr, 255);

    fmip_init(&f, MS_FMIP_HI, MS_HI_FBU_FROM_PCOA, MS_HI_ICMP_F_S | MS_HI_ICMP_F_U, 0x400);
    nd_lla(&f.opts, MS_LLA_MN, &W.mn);
    nd_ip(&f.opts, MS_ND_OPT_IP_ADDR_PREFIX, MS_IPADDR_OLD_COA, 128, &W.pcoa);
    nd_ip(&f.opts, MS_ND_OPT_IP_ADDR_PREFIX, MS_IPADDR_NEW_COA, 128, &W.ncoa);
    build(&k, &hi, MS_IPPROTO_ICMPV6, b, enc_fmip(&f, v, &hi, b));
    emit(c, &k, v, "ok", XFMIP(t, MS_FMIP_HI, 0),
         "HI type %u code 0 S U (%s.1) PAR->NAR: LLA 2 (MN), option 17 codes 1 (PCoA) and 2 "
         "(NCoA)",
         t, rfc);

    fmip_init(&f, MS_FMIP_HI, MS_HI_FBU_NOT_FROM_PCOA, 0, 0x401);
    if (v == V5268) {
        /* RFC 5271 s6.2: the MN ID (NAI) may replace the MN's LLA. */
        f.opts.mnid.code = MS_ND_MNID_NAI;
        f.opts.mnid.len = (uint8_t)strlen("mn@example.net");
        memcpy(f.opts.mnid.id, "mn@example.net", f.opts.mnid.len);
        ms_nd_opts_set(&f.opts, MS_ND_OPT_MN_ID);
    } else {
        nd_lla(&f.opts, MS_LLA_MN, &W.mn);
    }
    nd_ip(&f.opts, MS_ND_OPT_IP_ADDR_PREFIX, MS_IPADDR_OLD_COA, 128, &W.pcoa);
    nd_ip(&f.opts, MS_ND_OPT_IP_ADDR_PREFIX, MS_IPADDR_NEW_COA, 128, &W.ncoa);
    build(&k, &hi, MS_IPPROTO_ICMPV6, b, enc_fmip(&f, v, &hi, b));
    emit(c, &k, v, v == V5268 ? "stock-bug:WS-OPT30-PAD" : "ok", XFMIP(t, MS_FMIP_HI, 1),
         "HI type %u code 1 (%s.1) PAR->NAR: %s, option 17 codes 1 and 2", t, rfc,
         v == V5268 ? "Mobile Node Identifier option 30 code 1 NAI (RFC 5271 s6.2)" : "LLA 2 (MN)");

    if (v == V5268) {
        fmip_init(&f, MS_FMIP_HI, MS_HI_FBU_FROM_PCOA, MS_HI_ICMP_F_U, 0x402);
        f.opts.mnid.code = MS_ND_MNID_IMSI;
        f.opts.mnid.len = 15;
        memcpy(f.opts.mnid.id, "001010123456789", 15);
        ms_nd_opts_set(&f.opts, MS_ND_OPT_MN_ID);
        nd_ip(&f.opts, MS_ND_OPT_IP_ADDR_PREFIX, MS_IPADDR_OLD_COA, 128, &W.pcoa);
        nd_ip(&f.opts, MS_ND_OPT_IP_ADDR_PREFIX, MS_IPADDR_NEW_COA, 128, &W.ncoa);
        build(&k, &hi, MS_IPPROTO_ICMPV6, b, enc_fmip(&f, v, &hi, b));
        emit(c, &k, v, "stock-bug:WS-OPT30-PAD", XFMIP(t, MS_FMIP_HI, 0),
             "HI type 154 code 0 U (RFC 5268 s6.2.1): Mobile Node Identifier option 30 code 2 "
             "IMSI (RFC 5271 s6.2)");
    }

    static const uint8_t codes[] = {0, 1, 2, 3, 4, 128, 129, 130};
    for (size_t i = 0; i < sizeof codes; i++) {
        fmip_init(&f, MS_FMIP_HACK, codes[i], 0, 0x400);
        int assigned = v == V4068 ? codes[i] == MS_HACK4068_ACCEPTED_NCOA_ASSIGNED
                                  : codes[i] == MS_HACK_ACCEPTED_NCOA_ASSIGNED;
        if (assigned)
            nd_ip(&f.opts, MS_ND_OPT_IP_ADDR_PREFIX, MS_IPADDR_NEW_COA, 128, &W.ncoa);
        build(&k, &hack, MS_IPPROTO_ICMPV6, b, enc_fmip(&f, v, &hack, b));
        const char *name = ms_fmip_hack_code_sym(v, codes[i]);
        const char *stock = "ok";
        if (v == V5268 && codes[i] >= 2 && codes[i] <= 4)
            stock = "stock-bug:WS-HACK154-CODES";
        emit(c, &k, v, stock, XFMIP(t, MS_FMIP_HACK, codes[i]),
             "HAck type %u code %u %s (%s.2) NAR->PAR%s", t, codes[i], name ? name : "?", rfc,
             assigned ? ", NCoA (option 17 code 2)" : "");
    }
}

/* RFC 5568 s6.2-6.4 Mobility Header messages and options, RFC 5949 HI/HAck
 * extensions, RFC 7411 options. */
static void
frames_fmip_mh(struct cap *c)
{
    static struct ms_mh m;
    struct pkt k;
    uint8_t b[FRAME_MAX];
    char xb[256];
    struct iph h;

    /* s6.2.2: predictive FBU from the PCoA with HAO = PCoA, Alternate CoA =
     * NCoA, MH-LLA (s6.4.4), RFC 7411 Multicast Mobility, BADF last. */
    ms_mh_init(&m, MS_MH_FBU);
    m.u.fbu.seq = 200;
    m.u.fbu.flags = MS_FBU_F_A | MS_FBU_F_H;
    m.u.fbu.lifetime_s = 10;
    m.opts.present = MS_MH_OPTS_ALT_COA | MS_MH_OPTS_MCAST;
    m.opts.alt_coa = W.ncoa;
    add_lla_mh(&m, &W.mn);
    add_mcast(&m, MS_MCAST_MLDV2, 2);
    add_badf(&m, 0x100);
    h = IPH(&W.mn, &W.par, &W.pcoa, &W.par_addr, 64);
    h.hao = &W.pcoa;
    build(&k, &h, MS_IPPROTO_MH, b, enc_mh_signed(&m, &h, W.k_mn_par, &W.ncoa, &W.par_addr, b));
    emit(c, &k, V5568, "stock-bug:WS-FMIP-LIFETIME,WS-MCAST-LEN", XMH(MS_MH_FBU),
         "FBU A H lifetime 10 s (RFC 5568 s6.2.2) PCoA->PAR, HAO = PCoA, Alternate CoA = NCoA, "
         "MH-LLA (s6.4.4), Multicast Mobility MLDv2 (RFC 7411 s5.3), BADF last (s6.4.5, real "
         "HMAC-SHA1-96)");

    /* Reactive FBU from the NAR's link. */
    ms_mh_init(&m, MS_MH_FBU);
    m.u.fbu.seq = 201;
    m.u.fbu.flags = MS_FBU_F_A | MS_FBU_F_H;
    m.u.fbu.lifetime_s = 10;
    add_lla_mh(&m, &W.mn);
    add_badf(&m, 0x100);
    h = IPH(&W.mn, &W.nar, &W.ncoa, &W.par_addr, 64);
    h.hao = &W.pcoa;
    build(&k, &h, MS_IPPROTO_MH, b, enc_mh_signed(&m, &h, W.k_mn_par, &W.ncoa, &W.par_addr, b));
    emit(c, &k, V5568, "stock-bug:WS-FMIP-LIFETIME,WS-BADF-AUTH", XMH(MS_MH_FBU),
         "FBU reactive (RFC 5568 s6.2.2) NCoA->PAR from the NAR's link, HAO = PCoA, MH-LLA, "
         "BADF");

    /* s6.2.3: FBack, every Status; Status 1 carries the NCoA to use. */
    static const uint8_t fst[] = {0, 1, 128, 129, 130, 131};
    for (size_t i = 0; i < sizeof fst; i++) {
        ms_mh_init(&m, MS_MH_FBACK);
        m.u.fback.status = fst[i];
        m.u.fback.seq = 200;
        m.u.fback.lifetime_s = fst[i] < 128 ? 10 : 0;
        struct in6_addr alt;
        parse6("2001:db8:3::200", &alt);
        if (fst[i] == MS_FBACK_ACCEPTED_USE_SUPPLIED_NCOA) {
            m.opts.present |= MS_MH_OPTS_ALT_COA;
            m.opts.alt_coa = alt;
        }
        if (fst[i] == MS_FBACK_ACCEPTED) {
            m.opts.present |= MS_MH_OPTS_MCAST_ACK;
            add_mcast_ack(&m, MS_MCAST_ACK_GROUP_UNSUPPORTED, 1);
        }
        add_badf(&m, 0x100);
        h = IPH(&W.par, &W.mn, &W.par_addr, &W.pcoa, 64);
        build(&k, &h, MS_IPPROTO_MH, b, enc_mh_signed(&m, &h, W.k_mn_par, &W.ncoa, &W.par_addr, b));
        emit(c, &k, V5568,
             fst[i] == 0   ? "stock-bug:WS-FMIP-LIFETIME,WS-MCAST-LEN"
             : fst[i] == 1 ? "stock-bug:WS-FMIP-LIFETIME,WS-BADF-AUTH"
                           : "stock-bug:WS-BADF-AUTH",
             XMH(MS_MH_FBACK), "FBack status %u (RFC 5568 s6.2.3) PAR->PCoA%s, BADF", fst[i],
             fst[i] == 1   ? ", Alternate CoA = the NCoA to use"
             : fst[i] == 0 ? ", Multicast Acknowledgement status 2 with one record (RFC 7411 s5.4)"
                           : "");
    }

    /* s6.2.1.1: HI, MH form, with MH-LLA and MH IPv6 Address/Prefix (s6.4.2,
     * type 34, 8n+4: Pad1 after the 9-octet MH-LLA); RFC 7411 option 60. */
    ms_mh_init(&m, MS_MH_HI);
    m.u.hi.seq = 300;
    m.u.hi.flags = MS_HI_F_S | MS_HI_F_U;
    m.u.hi.code = MS_HI_FBU_FROM_PCOA;
    add_lla_mh(&m, &W.mn);
    ok0(ms_mh_opts_add_ipaddr(&m.opts, MS_IPADDR_OLD_COA, 128, &W.pcoa), "ipaddr");
    ok0(ms_mh_opts_add_ipaddr(&m.opts, MS_IPADDR_NEW_COA, 128, &W.ncoa), "ipaddr");
    m.opts.present |= MS_MH_OPTS_MCAST;
    add_mcast(&m, MS_MCAST_MLDV2_FROM_V1, 1);
    struct iph hi = IPH(&W.par, &W.nar, &W.par_addr, &W.nar_addr, 64);
    struct iph hack = IPH(&W.nar, &W.par, &W.nar_addr, &W.par_addr, 64);
    build(&k, &hi, MS_IPPROTO_MH, b, enc_mh(&m, &hi, b));
    emit(c, &k, V5568, "stock-bug:WS-MCAST-LEN", XMH(MS_MH_HI),
         "HI MH 14 S U code 0 (RFC 5568 s6.2.1.1) PAR->NAR: MH-LLA, Pad1, option 34 codes 1 "
         "(PCoA) and 2 (NCoA), Multicast Mobility code 4 (RFC 7411 s5.3)");

    ms_mh_init(&m, MS_MH_HI);
    m.u.hi.seq = 301;
    m.u.hi.code = MS_HI_FBU_NOT_FROM_PCOA;
    add_lla_mh(&m, &W.mn);
    ok0(ms_mh_opts_add_ipaddr(&m.opts, MS_IPADDR_OLD_COA, 128, &W.pcoa), "ipaddr");
    ok0(ms_mh_opts_add_ipaddr(&m.opts, MS_IPADDR_NEW_COA, 128, &W.ncoa), "ipaddr");
    build(&k, &hi, MS_IPPROTO_MH, b, enc_mh(&m, &hi, b));
    emit(c, &k, V5568, "ok", XMH(MS_MH_HI),
         "HI MH 14 code 1 (RFC 5568 s6.2.1.1) PAR->NAR: MH-LLA, option 34 codes 1 and 2");

    /* RFC 5949 s6.1.1: P set, Code 2 (forwarding complete) and 3 (context
     * transferred); the MN is named by its MN-ID (RFC 4283), a raw option. */
    for (uint8_t code = MS_HI_FORWARDING_COMPLETE; code <= MS_HI_CONTEXT_TRANSFERRED; code++) {
        ms_mh_init(&m, MS_MH_HI);
        m.u.hi.seq = (uint16_t)(300 + code);
        m.u.hi.flags = MS_HI_F_P | (code == MS_HI_FORWARDING_COMPLETE ? MS_HI_F_F : 0);
        m.u.hi.code = code;
        add_mnid_raw(&m, "mn@example.net");
        build(&k, &hi, MS_IPPROTO_MH, b, enc_mh(&m, &hi, b));
        emit(c, &k, V5568, "ok", XMH(MS_MH_HI),
             "HI MH 14 P%s code %u (RFC 5949 s6.1.1) PMIPv6 PAR->NAR, MN-ID option (RFC 4283, "
             "raw)",
             code == MS_HI_FORWARDING_COMPLETE ? " F" : "", code);
    }

    /* s6.2.1.2 and RFC 5949 s6.1.2: HAck, every Code. */
    static const uint8_t hc[] = {0, 1, 2, 3, 4, 5, 6, 128, 129, 130, 131, 132};
    for (size_t i = 0; i < sizeof hc; i++) {
        ms_mh_init(&m, MS_MH_HACK);
        m.u.hack.seq = 300;
        m.u.hack.code = hc[i];
        int pmip = hc[i] == MS_HACK_CONTEXT_ACCEPTED || hc[i] == MS_HACK_ALL_CONTEXT ||
                   hc[i] == MS_HACK_CONTEXT_UNAVAILABLE || hc[i] == MS_HACK_FORWARDING_UNAVAILABLE;
        if (pmip)
            m.u.hack.flags = MS_HACK_F_P;
        if (hc[i] == MS_HACK_ACCEPTED_NCOA_ASSIGNED)
            ok0(ms_mh_opts_add_ipaddr(&m.opts, MS_IPADDR_NEW_COA, 128, &W.ncoa), "ipaddr");
        if (hc[i] == MS_HACK_ACCEPTED_NCOA_VALID) {
            m.opts.present |= MS_MH_OPTS_MCAST_ACK;
            add_mcast_ack(&m, MS_MCAST_ACK_PAYLOAD_UNSUPPORTED, 0);
        }
        if (hc[i] == MS_HACK_ACCEPTED_NCOA_INVALID) {
            m.opts.present |= MS_MH_OPTS_MCAST_ACK;
            add_mcast_ack(&m, MS_MCAST_ACK_PROHIBITED, 2);
        }
        build(&k, &hack, MS_IPPROTO_MH, b, enc_mh(&m, &hack, b));
        emit(c, &k, V5568, hc[i] <= 1 ? "stock-bug:WS-MCAST-LEN" : "ok", XMH(MS_MH_HACK),
             "HAck MH 15 code %u %s (%s) NAR->PAR%s%s", hc[i], ms_fmip_hack_code_sym(V5568, hc[i]),
             pmip ? "RFC 5949 s6.1.2" : "RFC 5568 s6.2.1.2", pmip ? ", P" : "",
             hc[i] == 2   ? ", option 34 code 2 (NCoA)"
             : hc[i] == 0 ? ", Multicast Acknowledgement status 1, no records (RFC 7411 s5.4)"
             : hc[i] == 1 ? ", Multicast Acknowledgement status 3 with two records"
                          : "");
    }
}

/* RFC 5568 s6.3 UNA and s6.4.6 NAACK (every Status, with and without the
 * NCoA). */
static void
frames_una_naack(struct cap *c, enum ms_fmip_variant v)
{
    static struct ms_nd nd;
    struct pkt k;
    uint8_t b[FRAME_MAX];
    char xb[256];
    struct iph h;

    if (v == V5568) {
        memset(&nd, 0, sizeof nd);
        nd.type = MS_ICMP6_NA;
        nd.u.na.target = W.ncoa;
        ms_nd_opts_set(&nd.opts, MS_ND_OPT_TLLA);
        nd.opts.tlla = W.mn;
        h = IPH(&W.mn, NULL, &W.ncoa, &W.all_nodes, 255);
        build(&k, &h, MS_IPPROTO_ICMPV6, b, enc_nd(&nd, &h, b));
        emit(c, &k, v, "ok", XICMP(MS_ICMP6_NA, 0),
             "UNA (RFC 5568 s6.3): NA with O = S = R = 0 from the NCoA to all-nodes, TLLA = MN");
    }

    static const uint8_t st5568[] = {1, 2, 3, 4, 128}, st4068[] = {2};
    const uint8_t *st = v == V4068 ? st4068 : st5568;
    size_t nst = v == V4068 ? sizeof st4068 : sizeof st5568;
    for (size_t i = 0; i < nst; i++) {
        memset(&nd, 0, sizeof nd);
        nd.type = MS_ICMP6_RA;
        nd.u.ra.cur_hop_limit = 64;
        nd.u.ra.router_lifetime_s = 1800;
        ms_nd_opts_set(&nd.opts, MS_ND_OPT_SLLA);
        nd.opts.slla = W.nar;
        ms_nd_opts_set(&nd.opts, MS_ND_OPT_NAACK);
        nd.opts.naack.status = st[i];
        struct in6_addr alt;
        parse6("2001:db8:3::200", &alt);
        if (st[i] == MS_NAACK_NCOA_INVALID_USE_SUPPLIED) {
            nd.opts.naack.has_ncoa = true;
            nd.opts.naack.ncoa = alt;
        }
        h = IPH(&W.nar, &W.mn, &W.nar_ll, &W.ncoa, 255);
        build(&k, &h, MS_IPPROTO_ICMPV6, b, enc_nd(&nd, &h, b));
        const char *name = ms_nd_naack_status_name(v, st[i]);
        emit(c, &k, v, nd.opts.naack.has_ncoa ? "stock-bug:WS-NAACK-NCOA" : "ok",
             XICMP(MS_ICMP6_RA, 0), "RA NAR->NCoA with NAACK status %u \"%s\" (%s)%s", st[i],
             name ? name : "?", v == V4068 ? "RFC 4068 s6.4.5, reply to an FNA" : "RFC 5568 s6.4.6",
             nd.opts.naack.has_ncoa ? ", Length 3 with the NCoA to use" : ", Length 1");
    }
}

/* RFC 5268 with the RFC 5271 (3G CDMA) options and flags. */
static void
frames_5271(struct cap *c)
{
    static struct ms_icmp6_fmip f;
    static struct ms_mh m;
    struct pkt k;
    uint8_t b[FRAME_MAX];
    char xb[256];
    struct iph h;
    uint8_t t = fmip_type(V5268);

    /* RFC 5271 s6.1: Handover Assist Information replaces the New AP LLA:
     * Sector ID (128 bits) in the RtSolPr, ANID in the PrRtAdv. */
    static const uint8_t sector[16] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
                                       0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f};
    static const uint8_t anid[5] = {0x12, 0x34, 0x56, 0x78, 0x9a};
    fmip_init(&f, MS_FMIP_RTSOLPR, 0, 0, 7);
    nd_lla(&f.opts, MS_LLA_SENDER, &W.mn);
    if (!ms_nd_opts_add_hai(&f.opts, MS_HAI_SECTOR_ID, sector, sizeof sector))
        die("HAI");
    h = IPH(&W.mn, &W.par, &W.pcoa, &W.par_ll, 255);
    build(&k, &h, MS_IPPROTO_ICMPV6, b, enc_fmip(&f, V5268, &h, b));
    emit(c, &k, V5268, "stock-bug:WS-OPT29-PAD", XFMIP(t, MS_FMIP_RTSOLPR, 0),
         "RtSolPr type 154 (RFC 5268 s6.1.1), Handover Assist Information option 29 code 2 "
         "Sector ID (RFC 5271 s6.1) instead of the New AP LLA");

    /* RFC 5271 s6.4: PrRtAdv R flag (reactive handover only). */
    fmip_init(&f, MS_FMIP_PRRTADV, MS_PRRTADV_SOLICITED, MS_PRRTADV_F_R_OR_M, 7);
    nd_lla(&f.opts, MS_LLA_SENDER, &W.par);
    if (!ms_nd_opts_add_hai(&f.opts, MS_HAI_ANID, anid, sizeof anid))
        die("HAI");
    nd_lla(&f.opts, MS_LLA_NAR, &W.nar);
    nd_ip(&f.opts, MS_ND_OPT_IP_ADDR_PREFIX, MS_IPADDR_NAR_ADDR, 128, &W.nar_addr);
    nd_ip(&f.opts, MS_ND_OPT_IP_ADDR_PREFIX, MS_IPADDR_NAR_PREFIX, 64, &W.nar_pfx);
    h = IPH(&W.par, &W.mn, &W.par_ll, &W.pcoa, 255);
    build(&k, &h, MS_IPPROTO_ICMPV6, b, enc_fmip(&f, V5268, &h, b));
    emit(c, &k, V5268, "stock-bug:WS-OPT29-PAD,WS-PRRTADV-FLAG", XFMIP(t, MS_FMIP_PRRTADV, 0),
         "PrRtAdv type 154 code 0 with flag 0x80 = R, reactive only (RFC 5271 s6.4); option 29 "
         "code 1 ANID (s6.1) for the New AP, NAR LLA, NAR address and prefix");

    /* RFC 5271 s6.3: FBU with the B flag (0x0100; IANA's F of RFC 5555 at
     * the same bit, CODEPOINTS gotcha 7), RFC 5268 lifetime in seconds. */
    ms_mh_init(&m, MS_MH_FBU);
    m.variant = V5268;
    m.u.fbu.seq = 210;
    m.u.fbu.flags = MS_FBU_F_A | MS_FBU_F_H | MS_FBU_F_B;
    m.u.fbu.lifetime_s = 10;
    m.opts.present = MS_MH_OPTS_ALT_COA;
    m.opts.alt_coa = W.ncoa;
    add_badf(&m, 0x100);
    h = IPH(&W.mn, &W.par, &W.pcoa, &W.par_addr, 64);
    h.hao = &W.pcoa;
    build(&k, &h, MS_IPPROTO_MH, b, enc_mh_signed(&m, &h, W.k_mn_par, &W.ncoa, &W.par_addr, b));
    emit(c, &k, V5268, "stock-bug:WS-FMIP-LIFETIME,WS-BADF-AUTH", XMH(MS_MH_FBU),
         "FBU A H B (RFC 5271 s6.3 buffering flag; RFC 5268 s6.3.1 lifetime in seconds) with "
         "Alternate CoA and BADF (RFC 5268 s6.5.4)");
}

/* RFC 4068: FBU in 4-second units with the old MH-LLA, FBack without BADF,
 * FNA (MH 10), alone and carrying an FBU. */
static void
frames_4068_mh(struct cap *c)
{
    static struct ms_mh m;
    struct pkt k;
    uint8_t b[FRAME_MAX], in[FRAME_MAX];
    char xb[256];
    struct iph h;

    ms_mh_init(&m, MS_MH_FBU);
    m.variant = V4068;
    m.u.fbu.seq = 400;
    m.u.fbu.flags = MS_FBU_F_A | MS_FBU_F_H;
    m.u.fbu.lifetime_s = 12;
    m.opts.present = MS_MH_OPTS_ALT_COA;
    m.opts.alt_coa = W.ncoa;
    add_lla_mh(&m, &W.mn);
    h = IPH(&W.mn, &W.par, &W.pcoa, &W.par_addr, 64);
    h.hao = &W.pcoa;
    build(&k, &h, MS_IPPROTO_MH, b, enc_mh(&m, &h, b));
    emit(c, &k, V4068, "stock-bug:WS-MHLLA-4068", XMH(MS_MH_FBU),
         "FBU (RFC 4068 s6.3.1) lifetime 12 s = 3 units of 4 s, HAO = PCoA, Alternate CoA, "
         "MH-LLA in the RFC 4068 layout (s6.4.4: Length excludes the Option-Code, Pad0), no BADF");

    ms_mh_init(&m, MS_MH_FBACK);
    m.variant = V4068;
    m.u.fback.status = MS_FBACK_ACCEPTED;
    m.u.fback.seq = 400;
    m.u.fback.lifetime_s = 12;
    h = IPH(&W.par, &W.mn, &W.par_addr, &W.pcoa, 64);
    build(&k, &h, MS_IPPROTO_MH, b, enc_mh(&m, &h, b));
    emit(c, &k, V4068, "stock-bug:WS-FMIP-LIFETIME", XMH(MS_MH_FBACK),
         "FBack status 0 (RFC 4068 s6.3.2) lifetime in seconds, no BADF");

    ms_mh_init(&m, MS_MH_FNA);
    m.variant = V4068;
    add_lla_mh(&m, &W.mn);
    h = IPH(&W.mn, &W.nar, &W.ncoa, &W.nar_addr, 64);
    build(&k, &h, MS_IPPROTO_MH, b, enc_mh(&m, &h, b));
    emit(c, &k, V4068, "stock-bug:WS-MHLLA-4068", XMH(MS_MH_FNA),
         "FNA MH 10 (RFC 4068 s6.3.3) NCoA->NAR with MH-LLA in the RFC 4068 layout");

    /* s6.3.3: "the Payload Proto field may be set to IPv6 to assist FBU
     * encapsulation": the FBU's IPv6 packet follows the FNA. */
    static struct ms_mh fbu;
    ms_mh_init(&fbu, MS_MH_FBU);
    fbu.variant = V4068;
    fbu.u.fbu.seq = 401;
    fbu.u.fbu.flags = MS_FBU_F_A | MS_FBU_F_H;
    fbu.u.fbu.lifetime_s = 12;
    struct iph ih = IPH(NULL, NULL, &W.ncoa, &W.par_addr, 64);
    ih.hao = &W.pcoa;
    size_t off, n = enc_mh(&fbu, &ih, b);
    size_t il = ip6_assemble(&ih, MS_IPPROTO_MH, b, n, in, sizeof in, &off);
    m.payload_proto = MS_IPPROTO_IPV6;
    n = enc_mh(&m, &h, b);
    memcpy(b + n, in, il);
    build(&k, &h, MS_IPPROTO_MH, b, n + il);
    emit(c, &k, V4068, "stock-bug:WS-MHLLA-4068", "ipv6.nxt=135,60 mip6.mhtype=10,8",
         "FNA (RFC 4068 s6.3.3) with Payload Proto 41 carrying the reactive FBU (NCoA->PAR, HAO "
         "= PCoA)");
}

/* RFC 5269 over RFC 5568: the SEND-protected RtSolPr with Handover Key
 * Request, the PrRtAdv with Handover Key Reply. */
static void
frames_send(struct cap *c)
{
    static struct ms_icmp6_fmip f;
    static struct ms_nd_sec sec;
    struct pkt k;
    uint8_t b[FRAME_MAX];
    char xb[256];
    struct iph h;
    uint8_t t = fmip_type(V5568);
    uint8_t nonce[14];
    filler(nonce, sizeof nonce, "send-nonce");

    fmip_init(&f, MS_FMIP_RTSOLPR, 0, 0, 9);
    nd_lla(&f.opts, MS_LLA_SENDER, &W.mn);
    nd_lla(&f.opts, MS_LLA_NEW_AP, &W.ap2);
    memset(&sec, 0, sizeof sec);
    f.opts.sec = &sec;
    sec.hk_req.at = 0;
    sec.hk_req.key_len = sizeof key_mn_hk;
    memcpy(sec.hk_req.key, key_mn_hk, sizeof key_mn_hk);
    cga_from_params(&sec.cga, W.cga_pcoa, W.cga_pcoa_len, sizeof key_mn_cga);
    rsa_sig(&sec.rsa_sig, key_mn_cga, sizeof key_mn_cga, 248, "mn-rtsolpr-signature");
    f.opts.timestamp =
        ms_nd_ts_from_ns(MS_PCAP_EPOCH_S * MS_NS_PER_S + (int64_t)c->n * MS_NS_PER_MS);
    f.opts.nonce.len = sizeof nonce;
    memcpy(f.opts.nonce.b, nonce, sizeof nonce);
    f.opts.present |= (1u << MS_ND_OPT_HK_REQUEST) | (1u << MS_ND_OPT_CGA) |
                      (1u << MS_ND_OPT_RSA_SIG) | (1u << MS_ND_OPT_TIMESTAMP) |
                      (1u << MS_ND_OPT_NONCE);
    h = IPH(&W.mn, NULL, &W.pcoa, &W.all_routers, 255);
    build(&k, &h, MS_IPPROTO_ICMPV6, b, enc_fmip(&f, V5568, &h, b));
    emit(c, &k, V5568, "stock-bug:WS-HK-PAD", XFMIP(t, MS_FMIP_RTSOLPR, 0),
         "RtSolPr with SEND (RFC 5269 s3.1) from the PCoA (a CGA, RFC 3972): LLA 4 and 1, "
         "Handover Key Request 27, CGA 11, Timestamp 13, Nonce 14, RSA Signature 12 last");

    fmip_init(&f, MS_FMIP_PRRTADV, MS_PRRTADV_SOLICITED, 0, 9);
    nd_lla(&f.opts, MS_LLA_SENDER, &W.par);
    nd_tuple(&f.opts, &W.ap2, V5568);
    memset(&sec, 0, sizeof sec);
    f.opts.sec = &sec;
    sec.hk_rep.at = 0;
    sec.hk_rep.lifetime_s = 43200; /* RFC 5269 s3.7 HK-LIFETIME */
    sec.hk_rep.key_len = 248;      /* RSAES-PKCS1-v1_5 under the MN's 1984-bit key */
    filler(sec.hk_rep.key, sec.hk_rep.key_len, "encrypted-handover-key");
    cga_from_params(&sec.cga, W.cga_par, W.cga_par_len, sizeof key_par);
    rsa_sig(&sec.rsa_sig, key_par, sizeof key_par, 128, "par-prrtadv-signature");
    f.opts.timestamp =
        ms_nd_ts_from_ns(MS_PCAP_EPOCH_S * MS_NS_PER_S + (int64_t)c->n * MS_NS_PER_MS);
    f.opts.nonce.len = sizeof nonce;
    memcpy(f.opts.nonce.b, nonce, sizeof nonce);
    f.opts.present |= (1u << MS_ND_OPT_HK_REPLY) | (1u << MS_ND_OPT_CGA) |
                      (1u << MS_ND_OPT_RSA_SIG) | (1u << MS_ND_OPT_TIMESTAMP) |
                      (1u << MS_ND_OPT_NONCE);
    h = IPH(&W.par, &W.mn, &W.par_ll, &W.pcoa, 255);
    build(&k, &h, MS_IPPROTO_ICMPV6, b, enc_fmip(&f, V5568, &h, b));
    emit(c, &k, V5568, "stock-bug:WS-HK-PAD", XFMIP(t, MS_FMIP_PRRTADV, 0),
         "PrRtAdv code 0 with SEND (RFC 5269 s3.2) from the PAR's link-local CGA: tuple, "
         "Handover Key Reply 28 (lifetime 43200 s), CGA, Timestamp, Nonce echoed, RSA Signature");
}

/* RFC 4866 Enhanced Route Optimization: the CGA-based BU and the CN's BA. */
static void
frames_ero(struct cap *c)
{
    static struct ms_mh m;
    struct pkt k;
    uint8_t b[FRAME_MAX], sig[255];
    char xb[256];
    struct iph h;

    /* s4.1, s5.1-5.6: Nonce Indices, CGA Parameters Request, the HoA's CGA
     * Parameters (310 octets: options of 255 and 55, adjacent), Signature
     * directly after them, Care-of Test Init after both (early BU), BAD
     * last. */
    ms_mh_init(&m, MS_MH_BU);
    m.u.bu.seq = 8;
    m.u.bu.flags = MS_BU_F_A;
    m.u.bu.lifetime_s = 1800;
    m.opts.present = MS_MH_OPTS_NONCE | MS_MH_OPTS_CGA_REQ | MS_MH_OPTS_COTI | MS_MH_OPTS_BAD;
    m.opts.home_nonce_index = 1;
    m.opts.careof_nonce_index = 0;
    ok0(ms_mh_opts_blob_set(&m.opts, MS_MH_BLOB_CGA, W.cga_hoa, W.cga_hoa_len), "CGA blob");
    filler(sig, 248, "mn-ero-signature");
    ok0(ms_mh_opts_blob_set(&m.opts, MS_MH_BLOB_SIG, sig, 248), "signature blob");
    h = IPH(&W.mn, &W.par, &W.pcoa, &W.cn_addr, 64);
    h.hao = &W.hoa;
    build(&k, &h, MS_IPPROTO_MH, b, enc_mh_signed(&m, &h, W.kbm, &W.pcoa, &W.cn_addr, b));
    emit(c, &k, V5568, "ok", XMH(MS_MH_BU),
         "ERO early BU A (RFC 4866 s4.1) with HAO: Nonce Indices, CGA Parameters Request (s5.6), "
         "CGA Parameters in two options (s5.1), Signature (s5.2), Care-of Test Init (s5.4), BAD");

    /* s4.3: the CN's BA: its own CGA Parameters and Signature (answering the
     * Request), Permanent Home Keygen Token (s5.3), Care-of Test (s5.5)
     * after it, BAD. */
    ms_mh_init(&m, MS_MH_BA);
    m.u.ba.status = MS_BA_ACCEPTED;
    m.u.ba.seq = 8;
    m.u.ba.lifetime_s = 1800;
    m.opts.present = MS_MH_OPTS_COT | MS_MH_OPTS_BAD;
    m.opts.cot_token = W.careof_token;
    ok0(ms_mh_opts_blob_set(&m.opts, MS_MH_BLOB_CGA, W.cga_cn, W.cga_cn_len), "CGA blob");
    filler(sig, 248, "cn-ero-signature");
    ok0(ms_mh_opts_blob_set(&m.opts, MS_MH_BLOB_SIG, sig, 248), "signature blob");
    filler(sig, 248, "encrypted-permanent-home-keygen-token");
    ok0(ms_mh_opts_blob_set(&m.opts, MS_MH_BLOB_PHKT, sig, 248), "PHKT blob");
    h = IPH(&W.par, &W.mn, &W.cn_addr, &W.pcoa, 63);
    h.rh2 = &W.hoa;
    build(&k, &h, MS_IPPROTO_MH, b, enc_mh_signed(&m, &h, W.kbm, &W.pcoa, &W.cn_addr, b));
    emit(c, &k, V5568, "ok", XMH(MS_MH_BA),
         "ERO BA (RFC 4866 s4.3) with Type 2 RH: the CN's CGA Parameters in two options, "
         "Signature, Permanent Home Keygen Token (s5.3), Care-of Test (s5.5), BAD");
}

/* ------------------------------------------------------------------------ */
/* Malformed frames: valid frames from the encoders, then one defect each    */
/* ------------------------------------------------------------------------ */

/* Re-derives the IPv6 Payload Length after a length change. */
static void
fix_plen(struct pkt *k)
{
    ms_wr16(k->b + MS_ETH_HLEN + MS_IP6_OFF_PLEN, (uint16_t)(k->len - MS_ETH_HLEN - MS_IP6_HLEN));
}

/* Recomputes the upper-layer checksum after a mutation, so that the defect
 * under test, not the checksum, is what the decoders meet. */
static void
fix_mh(struct pkt *k)
{
    ok0(ms_mh_fix_cksum(k->b + k->up, k->len - k->up, &k->psrc, &k->pdst), "MH checksum");
}

static void
fix_icmp(struct pkt *k)
{
    ms_icmp6_set_cksum(k->b + k->up, k->len - k->up, &k->psrc, &k->pdst);
}

/* Offset in the frame of the nth (0-based) ND option of this type in the
 * ICMPv6 message at k->up whose options start at opts_off. */
static size_t
nd_opt_at(const struct pkt *k, size_t opts_off, uint8_t type, unsigned nth)
{
    size_t o = k->up + opts_off;
    while (o + 2 <= k->len && k->b[o + 1] != 0) {
        if (k->b[o] == type && nth-- == 0)
            return o;
        o += (size_t)k->b[o + 1] * 8;
    }
    die("ND option %u not found", type);
}

/* Offset in the frame of the first mobility option of this type in the MH at
 * k->up, options starting at opts_off (RFC 6275 s6.2.1 lengths). */
static size_t
mh_opt_at(const struct pkt *k, size_t opts_off, uint8_t type)
{
    size_t end = k->up + ((size_t)k->b[k->up + 1] + 1) * 8;
    size_t o = k->up + opts_off;
    while (o < end) {
        if (k->b[o] == type)
            return o;
        o += k->b[o] == MS_MH_OPT_PAD1 ? 1 : 2u + k->b[o + 1];
    }
    die("mobility option %u not found", type);
}

/* Appends n octets of PadN at the end of the MH (Header Len, Payload Length
 * and checksum follow). */
static void
mh_append_padn(struct pkt *k, size_t n)
{
    k->b[k->len] = MS_MH_OPT_PADN;
    k->b[k->len + 1] = (uint8_t)(n - 2);
    memset(k->b + k->len + 2, 0, n - 2);
    k->len += n;
    k->b[k->up + 1] = (uint8_t)((k->len - k->up) / 8 - 1);
    fix_plen(k);
    fix_mh(k);
}

static void
bad_mh(struct cap *c)
{
    static struct ms_mh m;
    struct pkt k, x;
    uint8_t b[FRAME_MAX];
    struct iph h;
#define EMITX(v, err, diag, ...) emit_bad(c, x.b, x.len, (v), (err), (diag), __VA_ARGS__)

    /* The home registration BU of all-messages.pcap. */
    build_home_bu(&k, &m);

    x = k;
    x.len -= 8;
    EMITX(V5568, MS_ETRUNC, 0,
          "BU frame cut by 8 octets, IPv6 Payload Length unchanged "
          "(RFC 8200 s3): packet truncated");
    x = k;
    x.b[MS_ETH_HLEN] = 0x50;
    EMITX(V5568, MS_EBAD_VERSION, 0, "BU with IP Version 5");
    x = k;
    x.b[x.up + 1]++;
    EMITX(V5568, MS_EBAD_LEN, 0, "BU with Header Len one unit past the packet (RFC 6275 s9.2)");
    x = k;
    x.len = x.up + 8;
    x.b[x.up + 1] = 0;
    fix_plen(&x);
    fix_mh(&x);
    EMITX(V5568, MS_EBAD_LEN, 0,
          "BU with Header Len 0, 8 octets: shorter than the BU's fixed part (RFC 6275 s9.2)");
    x = k;
    x.len = x.up + 6;
    fix_plen(&x);
    EMITX(V5568, MS_ETRUNC, 0, "MH of 6 octets: shorter than the 8-octet minimum");
    x = k;
    x.b[x.up + MS_MH_CKSUM_OFF] ^= 0x5a;
    EMITX(V5568, MS_EBAD_CHECKSUM, 0, "BU with a damaged checksum");
    x = k;
    ok_len(ms_mh_encode(&m, &W.pcoa, &W.ha_addr, x.b + x.up, FRAME_MAX - x.up), "BU");
    EMITX(V5568, MS_EBAD_CHECKSUM, 0,
          "BU with HAO whose checksum was computed from the CoA instead of the home address "
          "(RFC 6275 s6.1.1)");
    x = k;
    x.b[x.up + 2] = MS_MH_BINDING_REVOCATION;
    fix_mh(&x);
    EMITX(V5568, MS_EUNKNOWN_TYPE, 0,
          "MH Type 16 (Binding Revocation, RFC 5846): no codec, Binding Error status 2 material");
    x = k;
    x.b[x.up + 2] = 200;
    fix_mh(&x);
    EMITX(V5568, MS_EUNKNOWN_TYPE, 0, "MH Type 200 (unassigned)");
    x = k;
    size_t o = mh_opt_at(&x, 12, MS_MH_OPT_ALT_COA);
    x.b[o + 1] = 8;
    fix_mh(&x);
    EMITX(V5568, MS_EBAD_OPTLEN, 0,
          "BU: Alternate CoA option with Option Length 8 (RFC 6275 "
          "s6.2.5: 16)");
    x = k;
    /* Alternate CoA moved from 8n+6 to 8n+4: the PadN goes after it. */
    memmove(x.b + o - 2, x.b + o, 18);
    x.b[o + 16] = MS_MH_OPT_PADN;
    x.b[o + 17] = 0;
    fix_mh(&x);
    EMITX(V5568, 0, MS_MH_DIAG_MISALIGNED,
          "BU: Alternate CoA at 8n+4 instead of 8n+6 (RFC 6275 s6.2.5): accepted, flagged");

    /* The BA with Binding Refresh Advice. */
    ms_mh_init(&m, MS_MH_BA);
    m.u.ba.status = MS_BA_ACCEPTED;
    m.u.ba.seq = 100;
    m.u.ba.lifetime_s = 600;
    m.opts.present = MS_MH_OPTS_BRA;
    m.opts.refresh_s = 300;
    h = IPH(&W.par, &W.mn, &W.ha_addr, &W.pcoa, 63);
    h.rh2 = &W.hoa;
    build(&k, &h, MS_IPPROTO_MH, b, enc_mh(&m, &h, b));
    x = k;
    o = mh_opt_at(&x, 12, MS_MH_OPT_BRA);
    x.b[o + 1] = 6;
    fix_mh(&x);
    EMITX(V5568, MS_EOPT_OVERRUN, 0,
          "BA: Binding Refresh Advice with Option Length 6, past the "
          "end of the MH");
    x = k;
    x.b[x.up - MS_EXT_RH2_LEN + 1] = 4;
    EMITX(V5568, MS_EBAD_LEN, 0, "BA: Type 2 RH with Hdr Ext Len 4 (RFC 6275 s6.4.1: 2)");
    x = k;
    x.b[x.up - MS_EXT_RH2_LEN + MS_EXT_RH_OFF_SL] = 2;
    EMITX(V5568, MS_EBAD_FIELD, 0, "BA: Type 2 RH with Segments Left 2 (RFC 6275 s6.4.1: 1)");
    x = k;
    x.b[x.up - MS_EXT_RH2_LEN + MS_EXT_RH_OFF_SL] = 0;
    EMITX(V5568, MS_EBAD_FIELD, 0,
          "BA: Type 2 RH with Segments Left 0 on the wire (RFC 6275 s6.4.1: 1); ms_ext_walk "
          "reports rh2_segs_left 0 and the receive path drops it (wire/ext.h)");

    /* The correspondent BU with Nonce Indices and BAD. */
    ms_mh_init(&m, MS_MH_BU);
    m.u.bu.seq = 7;
    m.u.bu.flags = MS_BU_F_A;
    m.u.bu.lifetime_s = 420;
    m.opts.present = MS_MH_OPTS_NONCE | MS_MH_OPTS_BAD;
    m.opts.home_nonce_index = 1;
    m.opts.careof_nonce_index = 2;
    h = IPH(&W.mn, &W.par, &W.pcoa, &W.cn_addr, 64);
    h.hao = &W.hoa;
    build(&k, &h, MS_IPPROTO_MH, b, enc_mh_signed(&m, &h, W.kbm, &W.pcoa, &W.cn_addr, b));
    x = k;
    o = mh_opt_at(&x, 12, MS_MH_OPT_BAD);
    x.b[o + 1] = 0;
    fix_mh(&x);
    EMITX(V5568, MS_EZERO_OPTLEN, 0, "BU: Binding Authorization Data with Option Length 0");
    x = k;
    mh_append_padn(&x, 8);
    EMITX(V5568, MS_EBADF_NOT_LAST, 0,
          "BU: PadN after Binding Authorization Data (RFC 6275 s6.2.7: MUST be last)");
    x = k;
    o = mh_opt_at(&x, 12, MS_MH_OPT_NONCE_INDICES);
    x.b[o + 1] = 2;
    fix_mh(&x);
    EMITX(V5568, MS_EBAD_OPTLEN, 0, "BU: Nonce Indices with Option Length 2 (RFC 6275 s6.2.6: 4)");

    /* FMIPv6 messages. */
    ms_mh_init(&m, MS_MH_FBU);
    m.u.fbu.seq = 201;
    m.u.fbu.flags = MS_FBU_F_A | MS_FBU_F_H;
    m.u.fbu.lifetime_s = 10;
    add_lla_mh(&m, &W.mn);
    add_badf(&m, 0x100);
    h = IPH(&W.mn, &W.nar, &W.ncoa, &W.par_addr, 64);
    h.hao = &W.pcoa;
    build(&k, &h, MS_IPPROTO_MH, b, enc_mh_signed(&m, &h, W.k_mn_par, &W.ncoa, &W.par_addr, b));
    x = k;
    mh_append_padn(&x, 8);
    EMITX(V5568, MS_EBADF_NOT_LAST, 0,
          "FBU: PadN after BADF (RFC 5568 s6.4.5: MUST be the last option)");
    x = k;
    o = mh_opt_at(&x, 12, MS_MH_OPT_LLA);
    x.b[o + 1] = 0;
    fix_mh(&x);
    EMITX(V5568, MS_EZERO_OPTLEN, 0, "FBU: MH-LLA with Option Length 0");

    ms_mh_init(&m, MS_MH_HI);
    m.u.hi.seq = 301;
    m.u.hi.code = MS_HI_FBU_NOT_FROM_PCOA;
    add_lla_mh(&m, &W.mn);
    ok0(ms_mh_opts_add_ipaddr(&m.opts, MS_IPADDR_OLD_COA, 128, &W.pcoa), "ipaddr");
    ok0(ms_mh_opts_add_ipaddr(&m.opts, MS_IPADDR_NEW_COA, 128, &W.ncoa), "ipaddr");
    h = IPH(&W.par, &W.nar, &W.par_addr, &W.nar_addr, 64);
    build(&k, &h, MS_IPPROTO_MH, b, enc_mh(&m, &h, b));
    x = k;
    o = mh_opt_at(&x, 10, MS_MH_OPT_IP_ADDR_PREFIX);
    x.b[o + 3] = 200;
    fix_mh(&x);
    EMITX(V5568, MS_EBAD_FIELD, 0, "HI: option 34 with Prefix Length 200 (RFC 5568 s6.4.2)");
    x = k;
    x.b[o + 1] = 16;
    fix_mh(&x);
    EMITX(V5568, MS_EBAD_OPTLEN, 0, "HI: option 34 with Option Length 16 (RFC 5568 s6.4.2: 18)");

    ms_mh_init(&m, MS_MH_HACK);
    m.u.hack.seq = 300;
    m.opts.present |= MS_MH_OPTS_MCAST_ACK;
    add_mcast_ack(&m, MS_MCAST_ACK_PAYLOAD_UNSUPPORTED, 0);
    h = IPH(&W.nar, &W.par, &W.nar_addr, &W.par_addr, 64);
    build(&k, &h, MS_IPPROTO_MH, b, enc_mh(&m, &h, b));
    x = k;
    o = mh_opt_at(&x, 10, MS_MH_OPT_MCAST_ACK);
    x.b[o + 1] = 0;
    fix_mh(&x);
    EMITX(V5568, MS_EZERO_OPTLEN, 0,
          "HAck: Multicast Acknowledgement with Length 0 (RFC 7411 s5.4: the first line MUST be "
          "there)");

    /* The RFC 4068 FNA, read with the wrong generation. */
    ms_mh_init(&m, MS_MH_FNA);
    m.variant = V4068;
    add_lla_mh(&m, &W.mn);
    h = IPH(&W.mn, &W.nar, &W.ncoa, &W.nar_addr, 64);
    build(&k, &h, MS_IPPROTO_MH, b, enc_mh(&m, &h, b));
    x = k;
    EMITX(V5568, MS_ETRUNC, 0,
          "FNA with the RFC 4068 MH-LLA read as RFC 5568 (CODEPOINTS gotcha 4): the MH-LLA ends "
          "one octet early and the last octet is read as a Type without Length");
#undef EMITX
}

static void
bad_icmp(struct cap *c)
{
    static struct ms_nd nd;
    static struct ms_icmp6_fmip f;
    static struct ms_icmp6_mip mi;
    static struct ms_nd_sec sec;
    struct pkt k, x;
    uint8_t b[FRAME_MAX];
    struct iph h;
    size_t o;
#define EMITX(v, err, ...) emit_bad(c, x.b, x.len, (v), (err), 0, __VA_ARGS__)

    /* The home agent's RA (without Advertisement Interval). */
    build_ha_ra(&k, false);
    x = k;
    x.b[nd_opt_at(&x, MS_ND_RA_LEN, MS_ND_OPT_SLLA, 0) + 1] = 0;
    fix_icmp(&x);
    EMITX(V5568, MS_EZERO_OPTLEN, "RA: SLLA with Length 0 (RFC 4861 s4.6: discard)");
    x = k;
    x.b[nd_opt_at(&x, MS_ND_RA_LEN, MS_ND_OPT_HA_INFO, 0) + 1] = 2;
    fix_icmp(&x);
    EMITX(V5568, MS_EOPT_OVERRUN,
          "RA: Home Agent Information (the last option) with Length 2, past the message");
    x = k;
    x.b[nd_opt_at(&x, MS_ND_RA_LEN, MS_ND_OPT_SLLA, 0) + 1] = 2;
    fix_icmp(&x);
    EMITX(V5568, MS_EBAD_OPTLEN, "RA: SLLA with Length 2 over Ethernet (RFC 2464 s8: 1)");
    x = k;
    x.b[nd_opt_at(&x, MS_ND_RA_LEN, MS_ND_OPT_PREFIX_INFO, 0) + 1] = 3;
    fix_icmp(&x);
    EMITX(V5568, MS_EBAD_OPTLEN, "RA: Prefix Information with Length 3 (RFC 4861 s4.6.2: 4)");
    x = k;
    x.b[nd_opt_at(&x, MS_ND_RA_LEN, MS_ND_OPT_HA_INFO, 0) + 1] = 0;
    fix_icmp(&x);
    EMITX(V5568, MS_EZERO_OPTLEN, "RA: Home Agent Information with Length 0");
    x = k;
    x.b[x.up + 1] = 1;
    fix_icmp(&x);
    EMITX(V5568, MS_EBAD_CODE, "RA with ICMP Code 1 (RFC 4861 s6.1.2)");
    x = k;
    x.b[MS_ETH_HLEN + MS_IP6_OFF_HLIM] = 64;
    EMITX(V5568, MS_EBAD_HOPLIMIT, "RA with Hop Limit 64 (RFC 4861 s6.1.2: 255)");
    x = k;
    memcpy(x.b + MS_ETH_HLEN + MS_IP6_OFF_SRC, W.ha_addr.s6_addr, 16);
    x.psrc = W.ha_addr;
    fix_icmp(&x);
    EMITX(V5568, MS_EBAD_SOURCE, "RA from a global source (RFC 4861 s6.1.2: link-local)");
    x = k;
    x.len = x.up + 12;
    fix_plen(&x);
    fix_icmp(&x);
    EMITX(V5568, MS_ETRUNC, "RA of 12 octets (RFC 4861 s6.1.2: at least 16)");
    x = k;
    x.b[x.up + 2] ^= 0x01;
    EMITX(V5568, MS_EBAD_CHECKSUM, "RA with a damaged ICMPv6 checksum");
    x = k;
    x.b[x.up] = 200;
    fix_icmp(&x);
    EMITX(V5568, MS_EUNKNOWN_TYPE, "ICMPv6 informational type 200 (unassigned)");

    /* Mobile Prefix Solicitation with HAO, DHAAD Reply, MPA. */
    build_mps(&k);
    x = k;
    ms_icmp6_set_cksum(x.b + x.up, x.len - x.up, &W.pcoa, &W.ha_addr);
    EMITX(V5568, MS_EBAD_CHECKSUM,
          "MPS with HAO whose checksum was computed from the CoA instead of the home address");
    build_dhaad_reply(&k);
    x = k;
    x.len -= 8;
    fix_plen(&x);
    fix_icmp(&x);
    EMITX(V5568, MS_EBAD_LEN, "DHAAD Reply with 24 octets of addresses (RFC 6275 s6.6: 16n)");
    memset(&mi, 0, sizeof mi);
    mi.type = MS_ICMP6_MPA;
    mi.id = 0x2345;
    h = IPH(&W.par, &W.mn, &W.ha_addr, &W.pcoa, 63);
    h.rh2 = &W.hoa;
    build(&k, &h, MS_IPPROTO_ICMPV6, b, enc_mip(&mi, &h, b));
    x = k;
    x.b[x.up + 1] = 1;
    fix_icmp(&x);
    EMITX(V5568, MS_EBAD_CODE, "MPA with Code 1 (RFC 6275 s6.8: 0)");

    /* FMIPv6: the PrRtAdv code 0 and the RtSolPr. */
    fmip_init(&f, MS_FMIP_PRRTADV, MS_PRRTADV_SOLICITED, 0, 1);
    nd_lla(&f.opts, MS_LLA_SENDER, &W.par);
    nd_tuple(&f.opts, &W.ap2, V5568);
    h = IPH(&W.par, &W.mn, &W.par_ll, &W.pcoa, 255);
    build(&k, &h, MS_IPPROTO_ICMPV6, b, enc_fmip(&f, V5568, &h, b));
    x = k;
    memcpy(x.b + MS_ETH_HLEN + MS_IP6_OFF_SRC, W.par_addr.s6_addr, 16);
    x.psrc = W.par_addr;
    fix_icmp(&x);
    EMITX(V5568, MS_EBAD_SOURCE, "PrRtAdv from a global address (RFC 5568 s6.1.2: link-local)");
    x = k;
    x.b[MS_ETH_HLEN + MS_IP6_OFF_HLIM] = 254;
    EMITX(V5568, MS_EBAD_HOPLIMIT, "PrRtAdv with Hop Limit 254 (RFC 5568 s6.1.2: 255)");
    x = k;
    x.b[x.up + 4] = 7;
    fix_icmp(&x);
    EMITX(V5568, MS_EUNKNOWN_TYPE, "ICMPv6 154 with Subtype 7 (unassigned, RFC 5568 s11)");
    x = k;
    x.b[x.up] = MS_ICMP6_EXP_MOBILITY;
    x.b[x.up + 4] = MS_FMIP_CARD;
    fix_icmp(&x);
    EMITX(V4068, MS_EUNKNOWN_TYPE, "ICMPv6 150 with Subtype 0 (CARD, RFC 4065 s8): not FMIPv6");
    x = k;
    o = nd_opt_at(&x, MS_ICMP6_FMIP_HDR_LEN, MS_ND_OPT_IP_ADDR_PREFIX, 0);
    x.b[o + 1] = 2;
    fix_icmp(&x);
    EMITX(V5568, MS_EBAD_OPTLEN,
          "PrRtAdv: IP Address/Prefix option with Length 2 (RFC 5568 "
          "s6.4.1: 3)");
    x = k;
    o = nd_opt_at(&x, MS_ICMP6_FMIP_HDR_LEN, MS_ND_OPT_LLA, 2);
    x.b[o + 1] = 0;
    fix_icmp(&x);
    EMITX(V5568, MS_EZERO_OPTLEN, "PrRtAdv: NAR LLA option with Length 0");

    /* RFC 5271 option 29 with its inner length past the option. */
    static const uint8_t anid[5] = {0x12, 0x34, 0x56, 0x78, 0x9a};
    fmip_init(&f, MS_FMIP_PRRTADV, MS_PRRTADV_SOLICITED, 0, 7);
    nd_lla(&f.opts, MS_LLA_SENDER, &W.par);
    if (!ms_nd_opts_add_hai(&f.opts, MS_HAI_ANID, anid, sizeof anid))
        die("HAI");
    build(&k, &h, MS_IPPROTO_ICMPV6, b, enc_fmip(&f, V5268, &h, b));
    x = k;
    o = nd_opt_at(&x, MS_ICMP6_FMIP_HDR_LEN, MS_ND_OPT_HANDOVER_ASSIST, 0);
    x.b[o + 3] = 40;
    fix_icmp(&x);
    EMITX(V5268, MS_EBAD_LEN,
          "PrRtAdv: option 29 with HAI-Length 40 in an 8-octet option (RFC "
          "5271 s6.1)");

    /* NAACK. */
    memset(&nd, 0, sizeof nd);
    nd.type = MS_ICMP6_RA;
    nd.u.ra.router_lifetime_s = 1800;
    ms_nd_opts_set(&nd.opts, MS_ND_OPT_NAACK);
    nd.opts.naack.status = MS_NAACK_NCOA_INVALID_USE_SUPPLIED;
    nd.opts.naack.has_ncoa = true;
    nd.opts.naack.ncoa = W.ncoa;
    h = IPH(&W.nar, &W.mn, &W.nar_ll, &W.ncoa, 255);
    build(&k, &h, MS_IPPROTO_ICMPV6, b, enc_nd(&nd, &h, b));
    x = k;
    x.b[nd_opt_at(&x, MS_ND_RA_LEN, MS_ND_OPT_NAACK, 0) + 1] = 2;
    fix_icmp(&x);
    EMITX(V5568, MS_EBAD_OPTLEN, "RA: NAACK with Length 2 (RFC 5568 s6.4.6: 1 or 3)");

    /* SEND: the RtSolPr with a Handover Key Request. */
    fmip_init(&f, MS_FMIP_RTSOLPR, 0, 0, 9);
    nd_lla(&f.opts, MS_LLA_SENDER, &W.mn);
    memset(&sec, 0, sizeof sec);
    f.opts.sec = &sec;
    sec.hk_req.key_len = sizeof key_mn_hk;
    memcpy(sec.hk_req.key, key_mn_hk, sizeof key_mn_hk);
    cga_from_params(&sec.cga, W.cga_pcoa, W.cga_pcoa_len, sizeof key_mn_cga);
    f.opts.timestamp = ms_nd_ts_from_ns(MS_PCAP_EPOCH_S * MS_NS_PER_S);
    f.opts.present |=
        (1u << MS_ND_OPT_HK_REQUEST) | (1u << MS_ND_OPT_CGA) | (1u << MS_ND_OPT_TIMESTAMP);
    h = IPH(&W.mn, NULL, &W.pcoa, &W.all_routers, 255);
    build(&k, &h, MS_IPPROTO_ICMPV6, b, enc_fmip(&f, V5568, &h, b));
    x = k;
    o = nd_opt_at(&x, MS_ICMP6_FMIP_HDR_LEN, MS_ND_OPT_CGA, 0);
    x.b[o + 4 + 25] = 0x31;
    fix_icmp(&x);
    EMITX(V5568, MS_EBAD_FIELD,
          "RtSolPr: CGA option whose public key does not start with a DER SEQUENCE (RFC 3972 s3)");
    x = k;
    o = nd_opt_at(&x, MS_ICMP6_FMIP_HDR_LEN, MS_ND_OPT_TIMESTAMP, 0);
    x.b[o + 1] = 1;
    fix_icmp(&x);
    EMITX(V5568, MS_EBAD_OPTLEN, "RtSolPr: Timestamp with Length 1 (RFC 3971 s5.3.1: 2)");

    /* The PrRtAdv's Handover Key Reply: 6 + 248 octets in a 256-octet
     * option, so 250 octets follow the fixed fields. */
    fmip_init(&f, MS_FMIP_PRRTADV, MS_PRRTADV_SOLICITED, 0, 9);
    nd_lla(&f.opts, MS_LLA_SENDER, &W.par);
    memset(&sec, 0, sizeof sec);
    f.opts.sec = &sec;
    sec.hk_rep.lifetime_s = 43200;
    sec.hk_rep.key_len = 248;
    filler(sec.hk_rep.key, sec.hk_rep.key_len, "encrypted-handover-key");
    f.opts.present |= 1u << MS_ND_OPT_HK_REPLY;
    h = IPH(&W.par, &W.mn, &W.par_ll, &W.pcoa, 255);
    build(&k, &h, MS_IPPROTO_ICMPV6, b, enc_fmip(&f, V5568, &h, b));
    x = k;
    o = nd_opt_at(&x, MS_ICMP6_FMIP_HDR_LEN, MS_ND_OPT_HK_REPLY, 0);
    x.b[o + 2] = 251;
    fix_icmp(&x);
    EMITX(V5568, MS_EBAD_PAD,
          "PrRtAdv: Handover Key Reply with Pad Length 251, one more than "
          "the 250 octets after its fixed fields (RFC 5269 s4.2)");
#undef EMITX
}

static void
bad_ext_udp(struct cap *c)
{
    struct pkt k, x;
    uint8_t b[FRAME_MAX], in[FRAME_MAX];
    struct iph h;
    size_t n;
#define EMITX(err, ...) emit_bad(c, x.b, x.len, V5568, (err), 0, __VA_ARGS__)

    h = IPH(&W.mn, &W.par, &W.pcoa, &W.cn_addr, 64);
    h.hao = &W.hoa;
    build(&k, &h, MS_IPPROTO_UDP, b, enc_udp_flow(1, 1, 0, 64, &h, b));
    size_t dopt = k.up - 24;
    x = k;
    x.b[dopt + 7] = 8;
    EMITX(MS_EBAD_OPTLEN, "UDP with HAO: Home Address option with Opt Data Len 8 (RFC 6275 s6.3: "
                          "16)");
    x = k;
    /* HAO moved to offset 2 (8n+2), the PadN after it. */
    memmove(x.b + dopt + 2, x.b + dopt + 6, 18);
    x.b[dopt + 20] = MS_IP6OPT_PADN;
    x.b[dopt + 21] = 2;
    x.b[dopt + 22] = 0;
    x.b[dopt + 23] = 0;
    EMITX(MS_EBAD_ALIGN, "UDP with HAO at 8n+2 (RFC 6275 s6.3: 8n+6)");
    x = k;
    x.b[dopt + 4] = 0xAA;
    EMITX(MS_EBAD_PAD, "UDP with HAO: PadN with non-zero data (RFC 8200 s4.2)");
    x = k;
    ms_udp_encode(&(struct ms_udp){.sport = 40001, .dport = 40001}, &W.pcoa, &W.cn_addr,
                  x.b + x.up + MS_UDP_HLEN, 64 - MS_UDP_HLEN, x.b + x.up, FRAME_MAX - x.up);
    EMITX(MS_EBAD_CHECKSUM,
          "UDP with HAO whose checksum was computed from the CoA instead of the home address "
          "(RFC 6275 s6.3)");
    x = k;
    ms_wr16(x.b + x.up + 6, 0);
    EMITX(MS_EBAD_CHECKSUM, "UDP with checksum 0 (RFC 8200 s8.1: mandatory over IPv6)");
    x = k;
    ms_wr16(x.b + x.up + 4, 4);
    EMITX(MS_EBAD_LEN, "UDP with Length 4 (RFC 768: at least 8)");

    /* Destination Options headers made by mipsim's option encoder: two HAOs,
     * and an unrecognized option whose action is "discard, send ICMP". */
    struct ms_ext_opthdr oh;
    memset(&oh, 0, sizeof oh);
    oh.nh = MS_IPPROTO_UDP;
    oh.nopts = 2;
    for (int i = 0; i < 2; i++) {
        oh.opts[i].type = MS_IP6OPT_HOME_ADDRESS;
        oh.opts[i].len = 16;
        memcpy(oh.opts[i].data, W.hoa.s6_addr, 16);
    }
    struct iph plain = IPH(&W.mn, &W.par, &W.pcoa, &W.cn_addr, 64);
    struct iph ph = plain;
    ph.hao = &W.hoa;
    n = enc_udp_flow(1, 1, 0, 64, &ph, b);
    size_t dl = ok_len(ms_ext_opthdr_encode(&oh, in, sizeof in), "options header");
    memcpy(in + dl, b, n);
    build(&x, &plain, MS_IPPROTO_DSTOPTS, in, dl + n);
    EMITX(MS_EDUP_OPT, "UDP with two Home Address options (RFC 6275 s6.3: at most one)");
    memset(&oh, 0, sizeof oh);
    oh.nh = MS_IPPROTO_UDP;
    oh.nopts = 1;
    oh.opts[0].type = 0x9E; /* RFC 4727 s5: experimental, action 10 */
    oh.opts[0].len = 2;
    n = enc_udp_flow(1, 1, 0, 64, &plain, b);
    dl = ok_len(ms_ext_opthdr_encode(&oh, in, sizeof in), "options header");
    memcpy(in + dl, b, n);
    build(&x, &plain, MS_IPPROTO_DSTOPTS, in, dl + n);
    EMITX(MS_EUNKNOWN_OPT, "Destination option 0x9E (action 10: discard, Parameter Problem code 2; "
                           "RFC 8200 s4.2)");

    /* A tunnel whose inner packet claims more than the outer carries. */
    struct iph ih = IPH(NULL, NULL, &W.cn_addr, &W.hoa, 63);
    n = enc_udp_flow(2, 1, 0, 64, &ih, b);
    h = IPH(&W.par, &W.mn, &W.ha_addr, &W.pcoa, 63);
    build_tunnel(&k, &h, &ih, MS_IPPROTO_UDP, b, n);
    x = k;
    ms_wr16(x.b + x.up + MS_IP6_OFF_PLEN, 200);
    EMITX(MS_ETRUNC, "IPv6-in-IPv6: inner Payload Length 200, past the outer packet");
#undef EMITX
}

static void
bad_l2(struct cap *c)
{
    struct pkt k, x;
    struct ms_mac bc;
    struct ms_l2ev e;
    ms_mac_broadcast(&bc);
    memset(&e, 0, sizeof e);
    e.type = MS_L2EV_LINK_DOWN;
    e.mn = W.mn;
    snprintf(e.ap_id, sizeof e.ap_id, "ap1");
    e.link_profile = MS_L2EV_PROFILE_80211;
    e.present = MS_L2EV_HAS(MS_L2EV_TLV_MN_MAC) | MS_L2EV_HAS(MS_L2EV_TLV_AP_ID) |
                MS_L2EV_HAS(MS_L2EV_TLV_LINK_TYPE);
    memset(&k, 0, sizeof k);
    k.len = ok_len(ms_l2ev_frame_encode(&bc, &W.ap1, &e, k.b, sizeof k.b), "L2 event");
    /* Payload: header 0-3, MN_MAC 4-11, AP_ID 12-16, LINK_TYPE 17-19. */
    uint8_t *p;
#define L2X(err, ...) emit_bad(c, x.b, x.len, V5568, (err), 0, __VA_ARGS__)
#define FRESH() (x = k, p = x.b + MS_ETH_HLEN)
    FRESH();
    p[0] = 2;
    L2X(MS_EBAD_VERSION, "L2 event with Version 2 (docs/L2-EVENTS.md: 1)");
    FRESH();
    p[1] = 9;
    L2X(MS_EUNKNOWN_TYPE, "L2 event with Event Type 9");
    FRESH();
    ms_wr16(p + 2, 100);
    L2X(MS_ETRUNC, "L2 event with Length 100, past the frame");
    FRESH();
    p[13] = 10;
    L2X(MS_EOPT_OVERRUN, "L2 event: AP_ID TLV of 10 octets crossing the end of the TLVs");
    FRESH();
    p[5] = 0;
    L2X(MS_EZERO_OPTLEN, "L2 event: MN_MAC TLV with Length 0");
    FRESH();
    p[5] = 5;
    L2X(MS_EBAD_OPTLEN, "L2 event: MN_MAC TLV with Length 5 (6)");
    FRESH();
    p[17] = MS_L2EV_TLV_AP_ID;
    L2X(MS_EDUP_OPT, "L2 event: two AP_ID TLVs");
    FRESH();
    p[14] = 0xff;
    L2X(MS_EBAD_FIELD, "L2 event: AP_ID that is not UTF-8 (RFC 3629)");
    FRESH();
    p[19] = 9;
    L2X(MS_EBAD_FIELD, "L2 event: LINK_TYPE 9 (profiles 0-3)");
#undef FRESH
#undef L2X
}

/* ------------------------------------------------------------------------ */
/* Main                                                                      */
/* ------------------------------------------------------------------------ */

static void
path(char *buf, size_t cap, const char *dir, const char *name)
{
    int n = snprintf(buf, cap, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= cap)
        die("path too long");
}

int
main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: mkallmessages OUTDIR\n");
        return 2;
    }
    static struct cap all, basic, bad;
    char p1[4096], p2[4096], p3[4096];
    world_init();

    path(p1, sizeof p1, argv[1], "all-messages.pcap");
    path(p3, sizeof p3, argv[1], "ipv6-basics.pcap");
    cap_open(&all, p1);
    cap_open(&basic, p3);
    frames_rr(&all);
    frames_binding(&all);
    frames_hmip(&all);
    frames_icmp_mip_nd(&all, &basic);
    frames_rtsolpr_prrtadv(&all, V5568);
    frames_fmip_mh(&all);
    frames_una_naack(&all, V5568);
    frames_send(&all);
    frames_icmp_hi_hack(&all, V5268);
    frames_5271(&all);
    frames_rtsolpr_prrtadv(&all, V4068);
    frames_icmp_hi_hack(&all, V4068);
    frames_4068_mh(&all);
    frames_una_naack(&all, V4068);
    frames_ero(&all);
    frames_data(&all, &basic);
    frames_l2(&all);
    ms_pcapw_close(&all.w);
    ms_pcapw_close(&basic.w);

    path(p2, sizeof p2, argv[1], "malformed.pcap");
    cap_open(&bad, p2);
    bad_mh(&bad);
    bad_icmp(&bad);
    bad_ext_udp(&bad);
    bad_l2(&bad);
    ms_pcapw_close(&bad.w);

    char m1[4096], m2[4096], m3[4096];
    path(m1, sizeof m1, argv[1], "all-messages.manifest");
    path(m2, sizeof m2, argv[1], "malformed.manifest");
    path(m3, sizeof m3, argv[1], "ipv6-basics.manifest");
    unsigned fails = check_and_manifest(&all, p1, m1, 0);
    fails += check_and_manifest(&basic, p3, m3, 0);
    fails += check_and_manifest(&bad, p2, m2, 1);
    if (fails) {
        fprintf(stderr, "mkallmessages: %u frame(s) failed the self-check\n", fails);
        return 1;
    }
    printf("all-messages.pcap: %u frames, ipv6-basics.pcap: %u frames, malformed.pcap: %u frames, "
           "self-check passed\n",
           all.n, basic.n, bad.n);
    return 0;
}
