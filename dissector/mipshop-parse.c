/* mipshop-parse.c - a light re-parse of each frame, independent of the stock
 * dissectors.
 *
 * The analysis needs the same few facts on every frame (link addresses, the
 * IPv6 chain with its Home Address option and Type 2 Routing Header, tunnels,
 * where the Mobility Header or ICMPv6 message starts), whether stock ipv6,
 * icmpv6 and mip6 are enabled or not, and whether they found the packet
 * well formed or not.  Reading them here, from the frame's own bytes, keeps
 * the plugin independent of stock field names and of what stock gives up on
 * (dissector/README.md explains the choice).  Every read is bounds-checked
 * and nothing throws: a short frame simply yields fewer facts.
 */
#include "mipshop.h"

#include <epan/etypes.h>
#include <wiretap/wtap.h>

/* RFC 8200 s4: no more extension headers than this are followed. */
#define MAX_EXT_HEADERS 16

static gboolean parse_ip6(tvbuff_t *tvb, int off, struct mipshop_pkt *pkt);

/* Destination Options: look for the Home Address option (RFC 6275 s6.3). */
static void
scan_dstopts(tvbuff_t *tvb, int p, int end, struct mipshop_ip6 *ip)
{
    while (p < end && mipshop_have(tvb, p, 1)) {
        uint8_t t = tvb_get_guint8(tvb, p);
        if (t == MS_IP6OPT_PAD1) {
            p++;
            continue;
        }
        if (!mipshop_have(tvb, p, 2))
            return;
        uint8_t olen = tvb_get_guint8(tvb, p + 1);
        if (t == MS_IP6OPT_HOME_ADDRESS && olen == sizeof(ws_in6_addr) && p + 2 + olen <= end &&
            mipshop_have(tvb, p + 2, olen) && !ip->has_hoa) {
            ip->has_hoa = TRUE;
            ip->hoa_off = p;
            tvb_get_ipv6(tvb, p + 2, &ip->hoa);
        }
        p += 2 + olen;
    }
}

/* One IPv6 header and its extension headers; recurses into IPv6-in-IPv6
 * (RFC 2473) up to MIPSHOP_MAX_IP6 levels. */
static gboolean
parse_ip6(tvbuff_t *tvb, int off, struct mipshop_pkt *pkt)
{
    if (pkt->nip >= MIPSHOP_MAX_IP6 || !mipshop_have(tvb, off, 40))
        return FALSE;
    if ((tvb_get_guint8(tvb, off) >> 4) != 6)
        return FALSE;
    struct mipshop_ip6 *ip = &pkt->ip[pkt->nip++];
    memset(ip, 0, sizeof *ip);
    ip->off = off;
    ip->l4_off = -1;
    uint16_t plen = tvb_get_ntohs(tvb, off + 4);
    uint8_t nh = tvb_get_guint8(tvb, off + 6);
    ip->hlim = tvb_get_guint8(tvb, off + 7);
    tvb_get_ipv6(tvb, off + 8, &ip->src);
    tvb_get_ipv6(tvb, off + 24, &ip->dst);
    /* A zero Payload Length means a jumbogram (RFC 2675): up to the capture. */
    ip->end = plen != 0 ? off + 40 + plen : (int)tvb_reported_length(tvb);
    int p = off + 40;
    for (int n = 0; n < MAX_EXT_HEADERS; n++) {
        switch (nh) {
        case MS_IPPROTO_HOPOPTS:
        case MS_IPPROTO_DSTOPTS:
        case MS_IPPROTO_ROUTING: {
            if (!mipshop_have(tvb, p, 2)) {
                ip->proto = nh;
                return TRUE;
            }
            int hlen = (tvb_get_guint8(tvb, p + 1) + 1) * 8;
            if (nh == MS_IPPROTO_DSTOPTS)
                scan_dstopts(tvb, p + 2, p + hlen, ip);
            if (nh == MS_IPPROTO_ROUTING && mipshop_have(tvb, p, 24) &&
                tvb_get_guint8(tvb, p + 2) == MS_RH_TYPE2 && hlen == 24) {
                ip->has_rh2 = TRUE;
                ip->rh2_off = p;
                ip->rh2_segleft = tvb_get_guint8(tvb, p + 3);
                tvb_get_ipv6(tvb, p + 8, &ip->rh2);
            }
            nh = tvb_get_guint8(tvb, p);
            p += hlen;
            break;
        }
        case MS_IPPROTO_AH:
            if (!mipshop_have(tvb, p, 2)) {
                ip->proto = nh;
                return TRUE;
            }
            /* RFC 4302 s2.2: Payload Len counts 32-bit words, minus 2. */
            nh = tvb_get_guint8(tvb, p);
            p += (tvb_get_guint8(tvb, p + 1) + 2) * 4;
            break;
        case MS_IPPROTO_FRAGMENT:
            ip->fragment = TRUE;
            ip->proto = nh;
            return TRUE;
        default:
            ip->proto = nh;
            if (mipshop_have(tvb, p, 1) && p < ip->end)
                ip->l4_off = p;
            if (nh == MS_IPPROTO_IPV6 && ip->l4_off >= 0)
                parse_ip6(tvb, p, pkt);
            return TRUE;
        }
    }
    ip->proto = nh;
    return TRUE;
}

gboolean
mipshop_parse_frame(tvbuff_t *tvb, packet_info *pinfo, struct mipshop_pkt *pkt)
{
    memset(pkt, 0, sizeof *pkt);
    pkt->l3_off = -1;
    pkt->ts_ns = (int64_t)pinfo->abs_ts.secs * 1000000000 + pinfo->abs_ts.nsecs;
    if (pinfo->rec != NULL && (pinfo->rec->presence_flags & WTAP_HAS_INTERFACE_ID))
        pkt->iface = pinfo->rec->rec_header.packet_header.interface_id;
    if (pinfo->rec == NULL || pinfo->rec->rec_type != REC_TYPE_PACKET)
        return FALSE;
    int encap = pinfo->rec->rec_header.packet_header.pkt_encap;
    int off;
    switch (encap) {
    case WTAP_ENCAP_ETHERNET: {
        if (!mipshop_have(tvb, 0, 14))
            return FALSE;
        pkt->eth = TRUE;
        tvb_memcpy(tvb, pkt->eth_dst, 0, 6);
        tvb_memcpy(tvb, pkt->eth_src, 6, 6);
        off = 12;
        uint16_t et = tvb_get_ntohs(tvb, off);
        /* 802.1Q / 802.1ad tags (at most two). */
        for (int tags = 0; tags < 2 && (et == ETHERTYPE_VLAN || et == ETHERTYPE_IEEE_802_1AD);
             tags++) {
            off += 4;
            if (!mipshop_have(tvb, off, 2))
                return FALSE;
            et = tvb_get_ntohs(tvb, off);
        }
        pkt->ethertype = et;
        off += 2;
        break;
    }
    case WTAP_ENCAP_SLL:
        if (!mipshop_have(tvb, 0, 16))
            return FALSE;
        pkt->ethertype = tvb_get_ntohs(tvb, 14);
        off = 16;
        break;
    case WTAP_ENCAP_SLL2:
        if (!mipshop_have(tvb, 0, 20))
            return FALSE;
        pkt->ethertype = tvb_get_ntohs(tvb, 0);
        off = 20;
        break;
    case WTAP_ENCAP_RAW_IP:
    case WTAP_ENCAP_RAW_IP6:
        pkt->ethertype = MS_ETHERTYPE_IPV6;
        off = 0;
        break;
    case WTAP_ENCAP_NULL:
    case WTAP_ENCAP_LOOP:
        /* The address family value differs between systems: look at the
         * IP version instead. */
        pkt->ethertype = MS_ETHERTYPE_IPV6;
        off = 4;
        break;
    default:
        return FALSE;
    }
    pkt->l3_off = off;
    if (pkt->ethertype == MS_ETHERTYPE_L2EV)
        return TRUE;
    if (pkt->ethertype != MS_ETHERTYPE_IPV6)
        return FALSE;
    return parse_ip6(tvb, off, pkt);
}

void
mipshop_msg_init(struct mipshop_msg *m)
{
    memset(m, 0, sizeof *m);
    m->subtype = -1;
    m->code = -1;
    m->status = -1;
    m->off = -1;
}

/* FNV-1a over the captured octets of a message: two frames with the same
 * hash and the same transaction key are one message seen on two links. */
uint32_t
mipshop_hash(tvbuff_t *tvb, int off, int len)
{
    uint32_t h = 2166136261u;
    if (off < 0 || len <= 0 || !mipshop_have(tvb, off, len))
        return h;
    const uint8_t *p = tvb_get_ptr(tvb, off, len);
    for (int i = 0; i < len; i++) {
        h ^= p[i];
        h *= 16777619u;
    }
    return h;
}

static uint32_t
sum16(uint32_t s, const uint8_t *p, int len)
{
    for (int i = 0; i + 1 < len; i += 2)
        s += (uint32_t)(p[i] << 8 | p[i + 1]);
    if (len & 1)
        s += (uint32_t)(p[len - 1] << 8);
    return s;
}

uint16_t
mipshop_l4_cksum(tvbuff_t *tvb, int off, int len, const struct mipshop_ip6 *ip, uint8_t nh,
                 int cksum_off)
{
    const ws_in6_addr *src = ip->has_hoa ? &ip->hoa : &ip->src;
    const ws_in6_addr *dst = ip->has_rh2 && ip->rh2_segleft > 0 ? &ip->rh2 : &ip->dst;
    uint8_t ph[40];
    memcpy(ph, src->bytes, 16);
    memcpy(ph + 16, dst->bytes, 16);
    ph[32] = (uint8_t)(len >> 24);
    ph[33] = (uint8_t)(len >> 16);
    ph[34] = (uint8_t)(len >> 8);
    ph[35] = (uint8_t)len;
    ph[36] = ph[37] = ph[38] = 0;
    ph[39] = nh;
    uint32_t s = sum16(0, ph, sizeof ph);
    const uint8_t *p = tvb_get_ptr(tvb, off, len);
    int k = cksum_off - off;
    /* The message with its checksum field taken as zero (it sits at an
     * even offset in both MH and ICMPv6). */
    s = sum16(s, p, k);
    s = sum16(s, p + k + 2, len - k - 2);
    while (s >> 16)
        s = (s & 0xFFFF) + (s >> 16);
    return (uint16_t)~s;
}
