/* Home agent role (RFC 6275 s10).  See ha.h for the overview. */
#include "role/ha.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "role/cn.h"
#include "wire/bytes.h"
#include "wire/codepoints.h"
#include "wire/err.h"
#include "wire/ext.h"
#include "wire/icmp6.h"
#include "wire/ipv6.h"
#include "wire/mh.h"
#include "wire/nd.h"

/* RFC 4861 s6.2.1 AdvValidLifetime / AdvPreferredLifetime defaults, used for
 * home prefixes taken from the interface. */
#define HA_DEFAULT_VALID_S 2592000u
#define HA_DEFAULT_PREFERRED_S 604800u

/* Another home agent on the home link (RFC 6275 s10.1 Home Agents List). */
struct ha_peer {
    bool used;
    struct in6_addr ll;
    struct in6_addr global[MS_HA_MAX_PREFIXES];
    uint8_t nglobal;
    uint16_t preference;
    int64_t until_ns;
};

struct ms_ha {
    struct ms_role role; /* first: a struct ms_role * is a struct ms_ha * */
    struct ms_iface *home_if;
    struct ms_ha_cfg cfg;
    struct in6_addr addr; /* global address on the home link */
    struct ms_bcache bc;
    struct ms_mnha mnha;
    struct ms_ha_counters ctr;
    struct ha_peer peers[MS_HA_MAX_PEERS];
};

static struct ms_ha *
ha_of(struct ms_role *r)
{
    return (struct ms_ha *)r;
}

static const struct ms_ha *
cha_of(const struct ms_role *r)
{
    return (const struct ms_ha *)r;
}

static int64_t
now_of(const struct ms_ha *ha)
{
    return ms_sim_now(ha->role.node->sim);
}

void
ms_ha_cfg_default(struct ms_ha_cfg *c)
{
    memset(c, 0, sizeof *c);
    c->preference = 0;
    c->lifetime_s = 1800;
    c->max_binding_lifetime_s = 3600;
    c->dad = true;
    c->seq_window = MS_BC_SEQ_WINDOW_RFC;
    c->max_bindings = 64;
    c->send_ra = true;
    c->bra_percent = 0;
}

/* ---- home prefixes ---- */

static const struct ms_ha_prefix *
home_prefix_of(const struct ms_ha *ha, const struct in6_addr *a)
{
    for (unsigned i = 0; i < ha->cfg.nprefixes; i++)
        if (ms_in6_prefix_match(a, &ha->cfg.prefixes[i].prefix, ha->cfg.prefixes[i].plen))
            return &ha->cfg.prefixes[i];
    return NULL;
}

static bool
allowed(const struct ms_ha *ha, const struct in6_addr *hoa)
{
    if (ha->cfg.nallowed == 0)
        return true;
    for (unsigned i = 0; i < ha->cfg.nallowed; i++)
        if (ms_in6_equal(&ha->cfg.allowed[i], hoa))
            return true;
    return false;
}

/* RFC 6275 s10.3.1 L=1: "The link-local address is derived by replacing the
 * subnet prefix in the mobile node's home address with the link-local
 * prefix." */
static void
derived_ll(const struct in6_addr *hoa, struct in6_addr *ll)
{
    ms_in6_linklocal_from_iid(hoa->s6_addr + 8, ll);
}

/* RFC 2526 s3 / RFC 6275 s6.5: the Mobile IPv6 Home-Agents anycast address
 * of a 64-bit prefix: interface identifier FDFF:FFFF:FFFF:FFFE (reserved
 * anycast ID 0x7E with the universal/local bit cleared, EUI-64 format). */
static void
ha_anycast(const struct in6_addr *prefix, struct in6_addr *out)
{
    static const uint8_t iid[8] = {0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe};
    *out = *prefix;
    memcpy(out->s6_addr + 8, iid, 8);
}

/* ---- Binding Acknowledgement ---- */

/* RFC 6275 s6.1.8, s9.5.4: the BA goes to the BU's Source Address, with a
 * Type 2 Routing Header holding the home address when the BU carried a Home
 * Address option. */
static void
send_ba(struct ms_ha *ha, uint8_t status, uint16_t seq, uint32_t lifetime_s,
        const struct in6_addr *src, const struct in6_addr *bu_src, bool has_hao,
        const struct in6_addr *hoa)
{
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_BA);
    m.u.ba.status = status;
    m.u.ba.seq = seq;
    m.u.ba.lifetime_s = status < 128 ? lifetime_s : 0;
    /* K flag: no dynamic key management (no IPsec), so always clear. */
    if (status < 128 && lifetime_s > 0 && ha->cfg.bra_percent > 0 && ha->cfg.bra_percent < 100) {
        /* RFC 6275 s10.3.1: "the Refresh Interval ... MUST be set to a
         * value less than the Lifetime value being returned". */
        uint32_t r = (uint32_t)((uint64_t)lifetime_s * ha->cfg.bra_percent / 100u) & ~3u;
        if (r > 0 && r < lifetime_s) {
            m.opts.present |= MS_MH_OPTS_BRA;
            m.opts.refresh_s = r;
        }
    }
    int rc = ms__bc_send_mh(ha->role.node, &m, src, bu_src, has_hao ? hoa : NULL, NULL, NULL,
                            &ha->mnha, hoa);
    char a[MS_IN6_STRLEN];
    if (rc < 0) {
        ms_role_log(&ha->role, MS_LOG_WARN, "BA status %u for %s not sent: %s", status,
                    ms_in6_str(hoa, a), ms_strerror(rc));
        return;
    }
    ha->ctr.ba_tx[status]++;
    ms_role_log(&ha->role, MS_LOG_INFO, "BA status %u seq %u lifetime %us -> %s", status, seq,
                m.u.ba.lifetime_s, ms_in6_str(hoa, a));
}

/* ---- proxy ND (RFC 6275 s10.4.1) ---- */

static void
proxy_start(struct ms_ha *ha, struct ms_bc_entry *e)
{
    /* The stack answers Neighbor Solicitations for proxied addresses and
     * sends the unsolicited all-nodes NA with the O flag (s10.4.1). */
    ms_nd_proxy_add(ha->home_if, &e->hoa);
    if (e->bu_flags & MS_BU_F_L) {
        struct in6_addr ll;
        derived_ll(&e->hoa, &ll);
        ms_nd_proxy_add(ha->home_if, &ll);
    }
}

static void
proxy_stop(struct ms_ha *ha, const struct ms_bc_entry *e)
{
    ms_nd_proxy_del(ha->home_if, &e->hoa);
    if (e->bu_flags & MS_BU_F_L) {
        struct in6_addr ll;
        derived_ll(&e->hoa, &ll);
        ms_nd_proxy_del(ha->home_if, &ll);
    }
}

static void
dad_cancel(struct ms_ha *ha, const struct ms_bc_entry *e)
{
    if (e->state != MS_BC_PENDING_DAD || e->pend.dad_left == 0)
        return;
    ms_nd_dad_probe_cancel(ha->home_if, &e->hoa);
    if (e->pend.bu_flags & MS_BU_F_L) {
        struct in6_addr ll;
        derived_ll(&e->hoa, &ll);
        ms_nd_dad_probe_cancel(ha->home_if, &ll);
    }
}

/* Removes a binding: proxy ND stops (s10.3.2), probes are cancelled. */
static void
binding_del(struct ms_ha *ha, struct ms_bc_entry *e)
{
    if (e->state == MS_BC_BOUND)
        proxy_stop(ha, e);
    else
        dad_cancel(ha, e);
    ms_bc_del(&ha->bc, e);
}

static void
on_expire(struct ms_bcache *bc, struct ms_bc_entry *e, void *data)
{
    (void)bc;
    struct ms_ha *ha = data;
    char a[MS_IN6_STRLEN];
    ha->ctr.expired++;
    ms_role_log(&ha->role, MS_LOG_INFO, "binding for %s expired", ms_in6_str(&e->hoa, a));
    if (e->state == MS_BC_BOUND)
        proxy_stop(ha, e);
}

/* Commits a (pending or refreshed) registration and answers it. */
static void
accept_reg(struct ms_ha *ha, struct ms_bc_entry *e, uint16_t seq, uint16_t flags,
           uint32_t lifetime_s, uint8_t status, const struct in6_addr *coa,
           const struct in6_addr *ba_src, const struct in6_addr *bu_src, bool has_hao)
{
    bool fresh = e->state != MS_BC_BOUND;
    uint16_t old_flags = e->bu_flags;
    if (!fresh && (old_flags & MS_BU_F_L) && !(flags & MS_BU_F_L)) {
        struct in6_addr ll;
        derived_ll(&e->hoa, &ll);
        ms_nd_proxy_del(ha->home_if, &ll);
    }
    e->state = MS_BC_BOUND;
    e->home_reg = true;
    ms_bc_refresh(&ha->bc, e, coa, seq, flags, lifetime_s);
    if (fresh || ((flags & MS_BU_F_L) && !(old_flags & MS_BU_F_L)))
        proxy_start(ha, e);
    char a[MS_IN6_STRLEN], c[MS_IN6_STRLEN];
    ms_role_log(&ha->role, MS_LOG_INFO, "binding %s -> %s seq %u lifetime %us",
                ms_in6_str(&e->hoa, a), ms_in6_str(coa, c), seq, lifetime_s);
    send_ba(ha, status, seq, lifetime_s, ba_src, bu_src, has_hao, &e->hoa);
}

static struct ms_bc_entry *
pending_for(struct ms_ha *ha, const struct in6_addr *a)
{
    /* A home address is never a link-local one: only the L-flag probes
     * (a derived link-local address) need the scan; the others are found
     * by the cache's index (home addresses are unique in it). */
    if (!ms_in6_is_linklocal(a)) {
        struct ms_bc_entry *e = ms_bc_lookup(&ha->bc, a);
        return e != NULL && e->state == MS_BC_PENDING_DAD ? e : NULL;
    }
    for (uint32_t i = 0; i < ms_bc_count(&ha->bc); i++) {
        struct ms_bc_entry *e = ms_bc_at(&ha->bc, i);
        if (e->state != MS_BC_PENDING_DAD)
            continue;
        if (ms_in6_equal(&e->hoa, a))
            return e;
        if (e->pend.bu_flags & MS_BU_F_L) {
            struct in6_addr ll;
            derived_ll(&e->hoa, &ll);
            if (ms_in6_equal(&ll, a))
                return e;
        }
    }
    return NULL;
}

/* RFC 6275 s10.3.1: "If this Duplicate Address Detection fails for the
 * given home address or an associated link local address, then the home
 * agent MUST reject the complete Binding Update and MUST return a Binding
 * Acknowledgement ... 134". */
static void
on_dad(void *data, const struct in6_addr *a, bool ok)
{
    struct ms_ha *ha = data;
    struct ms_bc_entry *e = pending_for(ha, a);
    if (e == NULL)
        return;
    if (e->pend.dad_left > 0)
        e->pend.dad_left--;
    if (!ok && !e->pend.dad_failed) {
        e->pend.dad_failed = true;
        ha->ctr.dad_failed++;
        /* Stop the other probe (the L-flag link-local) if still running. */
        dad_cancel(ha, e);
        e->pend.dad_left = 0;
    }
    if (e->pend.dad_left > 0)
        return;
    char b[MS_IN6_STRLEN];
    if (e->pend.dad_failed) {
        ms_role_log(&ha->role, MS_LOG_INFO, "DAD failed for %s: rejecting (134)",
                    ms_in6_str(&e->hoa, b));
        struct in6_addr hoa = e->hoa, src = e->pend.bu_dst, dst = e->pend.bu_src;
        uint16_t seq = e->pend.seq;
        bool hao = e->pend.has_hao;
        ms_bc_del(&ha->bc, e);
        send_ba(ha, MS_BA_DAD_FAILED, seq, 0, &src, &dst, hao, &hoa);
        return;
    }
    struct in6_addr coa = e->pend.coa, src = e->pend.bu_dst, dst = e->pend.bu_src;
    accept_reg(ha, e, e->pend.seq, e->pend.bu_flags, e->pend.lifetime_s, e->pend.status, &coa, &src,
               &dst, e->pend.has_hao);
}

static int
start_dad(struct ms_ha *ha, struct ms_bc_entry *e)
{
    e->pend.dad_left = 0;
    e->pend.dad_failed = false;
    uint8_t want = (e->pend.bu_flags & MS_BU_F_L) ? 2 : 1;
    /* Count first: a probe that answers at once must see the full count. */
    e->pend.dad_left = want;
    ha->ctr.dad_started++;
    struct in6_addr hoa = e->hoa;
    int rc = ms_nd_dad_probe(ha->home_if, &hoa, on_dad, ha);
    if (rc < 0)
        return rc;
    if (want == 2 && pending_for(ha, &hoa) == e) {
        struct in6_addr ll;
        derived_ll(&hoa, &ll);
        rc = ms_nd_dad_probe(ha->home_if, &ll, on_dad, ha);
        if (rc < 0) {
            ms_nd_dad_probe_cancel(ha->home_if, &hoa);
            return rc;
        }
    }
    return 0;
}

/* ---- Binding Update processing (RFC 6275 s9.5.1, s10.3.1, s10.3.2) ---- */

static int
bu_drop(struct ms_ha *ha, struct ms_pkt *pkt, int code, const char *why)
{
    ha->ctr.bu_dropped++;
    ms_node_drop(ha->role.node, pkt, code, why);
    return MS_ROLE_CONSUMED;
}

/* Grants the lifetime (s10.3.1): at most the BU's, the home prefix's valid
 * lifetime and the configured maximum, in whole 4-second units.  Prefix
 * lifetimes are the configured (advertised, fixed) ones. */
static uint32_t
grant_lifetime(const struct ms_ha *ha, const struct ms_ha_prefix *p, uint32_t asked_s,
               uint8_t *status)
{
    uint32_t l = asked_s;
    if (l > ha->cfg.max_binding_lifetime_s)
        l = ha->cfg.max_binding_lifetime_s;
    if (l > p->valid_s)
        l = p->valid_s;
    if (l > MS_MH_LIFETIME4_MAX_S)
        l = MS_MH_LIFETIME4_MAX_S;
    l &= ~3u;
    if (l == 0)
        l = 4;
    /* s10.3.1: status 1 when the prefix "is deprecated, or becomes
     * deprecated during the lifetime of the binding, or becomes invalid at
     * the end of the lifetime", comparing in 4-second units. */
    *status = MS_BA_ACCEPTED;
    if ((p->preferred_s >> 2) < (l >> 2) || (p->valid_s >> 2) <= (l >> 2))
        *status = MS_BA_ACCEPTED_PREFIX_DISC;
    return l;
}

static int
ha_on_bu(struct ms_ha *ha, struct ms_pkt *pkt, const struct ms_rx *rx, const struct ms_mh *mh)
{
    const struct ms_mh_bu *bu = &mh->u.bu;
    const struct in6_addr *hoa = &rx->ip6.src; /* after the HAO swap */
    const struct in6_addr *bu_src = rx->has_hao ? &rx->coa : &rx->ip6.src;
    const struct in6_addr *ba_src = &rx->ip6.dst;
    struct in6_addr coa = (mh->opts.present & MS_MH_OPTS_ALT_COA) ? mh->opts.alt_coa : *bu_src;
    char a[MS_IN6_STRLEN], c[MS_IN6_STRLEN];

    ha->ctr.bu_rx++;
    /* s9.5.1: a unicast routable home address. */
    if (!ms_in6_is_routable_unicast(hoa))
        return bu_drop(ha, pkt, MS_EBAD_SOURCE, "BU: home address not routable");
    /* s9.5.1: "If the Home Registration (H) bit is set, the Nonce Indices
     * mobility option MUST NOT be present." */
    if (mh->opts.present & MS_MH_OPTS_NONCE)
        return bu_drop(ha, pkt, MS_EBAD_FIELD, "BU: H with Nonce Indices");
    /* s10.3.1 / s5.1: authenticate (mipsim/sec/mnha.h; "none" accepts). */
    if (ms_mnha_verify_bu(&ha->mnha, pkt, hoa) < 0)
        return bu_drop(ha, pkt, MS_EAUTH_FAIL, "BU: MN-HA authentication");

    bool dereg = bu->lifetime_s == 0 || ms_in6_equal(&coa, hoa);
    /* s10.3.1: "A Home Address destination option MUST be present" for a
     * registration; s10.3.2 lets a deregistration from home omit it. */
    if (!dereg && !rx->has_hao)
        return bu_drop(ha, pkt, MS_EBAD_FIELD, "BU: registration without HAO");

    struct ms_bc_entry *e = ms_bc_lookup(&ha->bc, hoa);
    uint16_t seq = bu->seq;

    /* s9.5.1: registration type change (the correspondent cache of this
     * node holds a non-home binding for this address). */
    struct ms_role *cn = ms_role_find(ha->role.node, "cn");
    if (e == NULL && cn != NULL && ms_bc_lookup(ms_cn_bcache(cn), hoa) != NULL) {
        send_ba(ha, MS_BA_REG_TYPE_CHANGE, seq, 0, ba_src, bu_src, rx->has_hao, hoa);
        ms_pkt_free(pkt);
        return MS_ROLE_CONSUMED;
    }

    if (e != NULL && e->state == MS_BC_PENDING_DAD) {
        /* A BU while DAD runs for the first registration: keep the newest
         * one, answered when DAD completes; a deregistration abandons it. */
        if (!ms_bc_seq_lt(e->pend.seq, seq)) {
            ms_pkt_free(pkt);
            return MS_ROLE_CONSUMED;
        }
        if (dereg) {
            ms_role_log(&ha->role, MS_LOG_INFO, "deregistration of %s during DAD",
                        ms_in6_str(hoa, a));
            binding_del(ha, e);
            send_ba(ha, MS_BA_NOT_HA_FOR_MN, seq, 0, ba_src, bu_src, rx->has_hao, hoa);
            ms_pkt_free(pkt);
            return MS_ROLE_CONSUMED;
        }
        const struct ms_ha_prefix *p = home_prefix_of(ha, hoa);
        if (p != NULL) {
            e->pend.seq = seq;
            /* The L flag of the running probes stays. */
            e->pend.bu_flags =
                (uint16_t)((bu->flags & ~MS_BU_F_L) | (e->pend.bu_flags & MS_BU_F_L));
            e->pend.lifetime_s = grant_lifetime(ha, p, bu->lifetime_s, &e->pend.status);
            e->pend.coa = coa;
            e->pend.bu_src = *bu_src;
            e->pend.bu_dst = *ba_src;
            e->pend.has_hao = rx->has_hao;
        }
        ms_pkt_free(pkt);
        return MS_ROLE_CONSUMED;
    }

    /* s9.5.1: sequence number, modulo 2^16; 135 carries the last accepted. */
    if (e != NULL && !ms_bc_seq_in_window(e->seq, seq, ha->cfg.seq_window)) {
        ms_role_log(&ha->role, MS_LOG_INFO, "BU for %s seq %u out of window (last %u)",
                    ms_in6_str(hoa, a), seq, e->seq);
        send_ba(ha, MS_BA_SEQ_OUT_OF_WINDOW, e->seq, 0, ba_src, bu_src, rx->has_hao, hoa);
        ms_pkt_free(pkt);
        return MS_ROLE_CONSUMED;
    }

    if (dereg) {
        /* s10.3.2: no home registration entry -> 133. */
        if (e == NULL) {
            send_ba(ha, MS_BA_NOT_HA_FOR_MN, seq, 0, ba_src, bu_src, rx->has_hao, hoa);
        } else {
            ms_role_log(&ha->role, MS_LOG_INFO, "deregistration of %s", ms_in6_str(hoa, a));
            ha->ctr.deregistered++;
            binding_del(ha, e);
            send_ba(ha, MS_BA_ACCEPTED, seq, 0, ba_src, bu_src, rx->has_hao, hoa);
        }
        ms_pkt_free(pkt);
        return MS_ROLE_CONSUMED;
    }

    /* s10.3.1: on-link with respect to the Prefix List, else 132. */
    const struct ms_ha_prefix *p = home_prefix_of(ha, hoa);
    uint8_t status = 0;
    if (p == NULL) {
        send_ba(ha, MS_BA_NOT_HOME_SUBNET, seq, 0, ba_src, bu_src, rx->has_hao, hoa);
    } else if (!allowed(ha, hoa)) {
        send_ba(ha, MS_BA_NOT_HA_FOR_MN, seq, 0, ba_src, bu_src, rx->has_hao, hoa);
    } else if (!ms_in6_is_routable_unicast(&coa) || home_prefix_of(ha, &coa) != NULL) {
        /* A care-of address must be routable and not on the home link. */
        send_ba(ha, MS_BA_INVALID_COA, seq, 0, ba_src, bu_src, rx->has_hao, hoa);
    } else if (e != NULL) {
        uint32_t life = grant_lifetime(ha, p, bu->lifetime_s, &status);
        accept_reg(ha, e, seq, bu->flags, life, status, &coa, ba_src, bu_src, rx->has_hao);
    } else if ((e = ms_bc_add(&ha->bc, hoa)) == NULL) {
        /* s10.3.1 "insufficient resources to serve another mobile node". */
        send_ba(ha, MS_BA_INSUFFICIENT_RESOURCES, seq, 0, ba_src, bu_src, rx->has_hao, hoa);
    } else {
        uint32_t life = grant_lifetime(ha, p, bu->lifetime_s, &status);
        e->home_reg = true;
        if (!ha->cfg.dad) {
            e->state = MS_BC_PENDING_DAD;
            accept_reg(ha, e, seq, bu->flags, life, status, &coa, ba_src, bu_src, rx->has_hao);
        } else {
            /* s10.3.1: "Unless this home agent already has a binding for the
             * given home address, the home agent MUST perform Duplicate
             * Address Detection ... before returning the BA." */
            e->state = MS_BC_PENDING_DAD;
            e->coa = coa;
            e->seq = seq;
            e->bu_flags = bu->flags;
            e->pend.seq = seq;
            e->pend.bu_flags = bu->flags;
            e->pend.lifetime_s = life;
            e->pend.status = status;
            e->pend.coa = coa;
            e->pend.bu_src = *bu_src;
            e->pend.bu_dst = *ba_src;
            e->pend.has_hao = rx->has_hao;
            e->registered_ns = now_of(ha);
            ms_role_log(&ha->role, MS_LOG_INFO, "DAD for %s (coa %s) before accepting",
                        ms_in6_str(hoa, a), ms_in6_str(&coa, c));
            int rc = start_dad(ha, e);
            if (rc == -EEXIST) {
                /* The home agent itself uses the address on the home link. */
                ha->ctr.dad_failed++;
                ms_bc_del(&ha->bc, e);
                send_ba(ha, MS_BA_DAD_FAILED, seq, 0, ba_src, bu_src, rx->has_hao, hoa);
            } else if (rc < 0) {
                ms_role_log(&ha->role, MS_LOG_WARN, "DAD probe for %s failed to start: %s",
                            ms_in6_str(hoa, a), ms_strerror(rc));
                e = pending_for(ha, hoa);
                if (e != NULL) {
                    e->pend.dad_left = 0;
                    struct in6_addr bsrc = *ba_src, bdst = *bu_src;
                    accept_reg(ha, e, seq, bu->flags, life, status, &coa, &bsrc, &bdst,
                               rx->has_hao);
                }
            }
        }
    }
    ms_pkt_free(pkt);
    return MS_ROLE_CONSUMED;
}

static int
ha_on_mh(struct ms_role *r, struct ms_pkt *pkt, const struct ms_rx *rx, const struct ms_mh *mh)
{
    struct ms_ha *ha = ha_of(r);
    if (mh->type != MS_MH_BU)
        return MS_ROLE_PASS;
    if (mh->u.bu.flags & MS_BU_F_H)
        return ha_on_bu(ha, pkt, rx, mh);
    /* s9.5.1: a correspondent registration for an address this HA holds a
     * home registration for: 139, and the entry keeps its flag. */
    struct ms_bc_entry *e = ms_bc_lookup(&ha->bc, &rx->ip6.src);
    if (e == NULL)
        return MS_ROLE_PASS;
    ha->ctr.bu_rx++;
    const struct in6_addr *bu_src = rx->has_hao ? &rx->coa : &rx->ip6.src;
    send_ba(ha, MS_BA_REG_TYPE_CHANGE, mh->u.bu.seq, 0, &rx->ip6.dst, bu_src, rx->has_hao,
            &rx->ip6.src);
    ms_pkt_free(pkt);
    return MS_ROLE_CONSUMED;
}

/* ---- data plane ---- */

static struct ms_bc_entry *
bound(struct ms_ha *ha, const struct in6_addr *hoa)
{
    struct ms_bc_entry *e = ms_bc_lookup(&ha->bc, hoa);
    return e != NULL && e->state == MS_BC_BOUND ? e : NULL;
}

/* RFC 6275 s10.4.2: "the home agent MUST tunnel the packet to the mobile
 * node using IPv6 encapsulation ... Source Address ... the home agent's own
 * IP address ... Destination Address ... the mobile node's primary care-of
 * address."  Packets for the derived link-local address never get here:
 * link-local destinations are not forwarded.  No ICMPv6 Redirect is sent for
 * tunnelled traffic (the stack sends none at all). */
static int
ha_on_forward(struct ms_role *r, struct ms_pkt *pkt, const struct ms_ip6 *ip6)
{
    struct ms_ha *ha = ha_of(r);
    struct ms_bc_entry *e = bound(ha, &ip6->dst);
    /* Hop limit exhausted or a link-local source: the stack's forwarding
     * path sends the ICMPv6 error. */
    if (e == NULL || ip6->hlim <= 1 || ms_in6_is_linklocal(&ip6->src))
        return MS_ROLE_PASS;
    /* RFC 2473 s3.1: the original packet is forwarded into the tunnel, so
     * its hop limit is decremented by one. */
    pkt->data[MS_IP6_OFF_HLIM] = (uint8_t)(ip6->hlim - 1);
    ms_bc_touch(&ha->bc, e);
    ha->ctr.tunnelled++;
    /* The outer packet goes as built: no role may rewrite it again. */
    ms_ip6_encap_output(r->node, pkt, &ha->addr, &e->coa, MS_TX_NO_HOOKS);
    return MS_ROLE_CONSUMED;
}

/* RFC 6275 s10.4.2 first paragraph: packets the home agent itself
 * originates for a registered mobile node go as from a correspondent, with
 * a Type 2 Routing Header (s9.3.2). */
static int
ha_on_output(struct ms_role *r, struct ms_pkt *pkt)
{
    struct ms_ha *ha = ha_of(r);
    if (pkt->len < MS_IP6_HLEN)
        return MS_ROLE_PASS;
    struct in6_addr dst;
    memcpy(dst.s6_addr, pkt->data + MS_IP6_OFF_DST, 16);
    struct ms_bc_entry *e = bound(ha, &dst);
    if (e == NULL)
        return MS_ROLE_PASS;
    if (ms__bc_rh2_insert(pkt, &e->coa) == 0)
        ms_bc_touch(&ha->bc, e);
    return MS_ROLE_PASS;
}

/* RFC 6275 s10.4.5: "the home agent MUST verify that the Source Address in
 * the tunnel IP header is the mobile node's primary care-of address." */
static int
ha_on_tunnel(struct ms_role *r, struct ms_pkt *pkt, const struct ms_rx *outer)
{
    struct ms_ha *ha = ha_of(r);
    struct ms_ip6 in;
    if (outer->l4_off >= pkt->len ||
        ms_ip6_decode(pkt->data + outer->l4_off, pkt->len - outer->l4_off, &in) < 0)
        return MS_ROLE_PASS; /* the stack's decapsulation reports it */
    struct ms_bc_entry *e = ms_bc_lookup(&ha->bc, &in.src);
    if (e == NULL || !e->home_reg)
        return MS_ROLE_PASS; /* not a mobile node of ours: another tunnel user */
    if (e->state != MS_BC_BOUND || !ms_in6_equal(&outer->ip6.src, &e->coa) ||
        ms_mnha_verify_tunnel(&ha->mnha, pkt, &in.src) < 0) {
        ha->ctr.tunnel_rejected++;
        ms_node_drop(r->node, pkt, MS_ENO_BINDING, "reverse tunnel: not from the registered CoA");
        return MS_ROLE_CONSUMED;
    }
    ms_bc_touch(&ha->bc, e);
    ha->ctr.decapsulated++;
    return MS_ROLE_PASS;
}

/* ---- DHAAD (s10.5) and Mobile Prefix Solicitation (s10.6) ---- */

static void
send_icmp_mip(struct ms_ha *ha, struct ms_icmp6_mip *m, const struct in6_addr *src,
              const struct in6_addr *dst, const struct in6_addr *rh2_hoa)
{
    struct ms_node *n = ha->role.node;
    const struct in6_addr *final = rh2_hoa != NULL ? rh2_hoa : dst;
    size_t mlen = ms_icmp6_mip_len(m);
    uint32_t hlen = rh2_hoa != NULL ? MS_EXT_RH2_LEN : 0;
    struct ms_pkt *pkt = ms_pkt_new(&n->sim->pool);
    if (pkt == NULL)
        return;
    uint8_t *p = ms_pkt_put(pkt, hlen + (uint32_t)mlen);
    if (p == NULL) {
        ms_pkt_free(pkt);
        return;
    }
    if (rh2_hoa != NULL)
        ms_ext_rh2_encode(rh2_hoa, MS_IPPROTO_ICMPV6, p, hlen);
    /* RFC 8200 s8.1: the pseudo-header uses the final destination. */
    if (ms_icmp6_mip_encode(m, src, final, p + hlen, mlen) < 0) {
        ms_pkt_free(pkt);
        return;
    }
    ms_ip6_send(n, pkt, src, dst, rh2_hoa != NULL ? MS_IPPROTO_ROUTING : MS_IPPROTO_ICMPV6, 0,
                MS_TX_NO_HOOKS);
}

static void
expire_peers(struct ms_ha *ha)
{
    int64_t now = now_of(ha);
    for (unsigned i = 0; i < MS_HA_MAX_PEERS; i++)
        if (ha->peers[i].used && ha->peers[i].until_ns <= now)
            ha->peers[i].used = false;
}

struct ha_cand {
    struct in6_addr addr;
    uint16_t pref;
    uint64_t tiebreak;
};

static int
cand_cmp(const void *a, const void *b)
{
    const struct ha_cand *x = a, *y = b;
    if (x->pref != y->pref)
        return x->pref > y->pref ? -1 : 1;
    if (x->tiebreak != y->tiebreak)
        return x->tiebreak < y->tiebreak ? -1 : 1;
    return 0;
}

static void
on_dhaad(struct ms_ha *ha, const struct ms_rx *rx, const struct ms_icmp6_mip *req)
{
    ha->ctr.dhaad_rx++;
    /* Which home prefix: the anycast address the request went to, else the
     * prefix of the destination. */
    const struct ms_ha_prefix *p = home_prefix_of(ha, &rx->ip6.dst);
    if (p == NULL)
        return;
    struct ha_cand c[1 + MS_HA_MAX_PEERS * MS_HA_MAX_PREFIXES];
    unsigned nc = 0;
    struct ms_rng *rng = &ha->role.node->rng;
    /* s10.5: "listed in order of decreasing preference ... Among home
     * agents with equal preference ... randomized". */
    c[nc++] = (struct ha_cand){ha->addr, ha->cfg.preference, ms_rng_u64(rng)};
    expire_peers(ha);
    for (unsigned i = 0; i < MS_HA_MAX_PEERS; i++) {
        const struct ha_peer *pe = &ha->peers[i];
        if (!pe->used)
            continue;
        for (unsigned j = 0; j < pe->nglobal; j++)
            if (ms_in6_prefix_match(&pe->global[j], &p->prefix, p->plen))
                c[nc++] = (struct ha_cand){pe->global[j], pe->preference, ms_rng_u64(rng)};
    }
    qsort(c, nc, sizeof c[0], cand_cmp);
    struct ms_icmp6_mip rep;
    memset(&rep, 0, sizeof rep);
    rep.type = MS_ICMP6_DHAAD_REPLY;
    rep.id = req->id;
    for (unsigned i = 0; i < nc && rep.n_ha < MS_DHAAD_MAX_HA; i++)
        rep.ha[rep.n_ha++] = c[i].addr;
    /* s10.5: "the Source Address of the Reply packet set to one of the
     * global unicast addresses of the home agent". */
    const struct in6_addr *dst = rx->has_hao ? &rx->coa : &rx->ip6.src;
    send_icmp_mip(ha, &rep, &ha->addr, dst, NULL);
    ha->ctr.dhaad_tx++;
}

/* RFC 6275 s10.6.3: a solicited advertisement goes to the solicitation's
 * source, with a Type 2 Routing Header holding the home address. */
static void
on_mps(struct ms_ha *ha, const struct ms_rx *rx, const struct ms_icmp6_mip *req)
{
    ha->ctr.mps_rx++;
    struct ms_icmp6_mip adv;
    memset(&adv, 0, sizeof adv);
    adv.type = MS_ICMP6_MPA;
    adv.id = req->id;
    /* No stateful address configuration support: M and O stay clear
     * (s10.4.4). */
    for (unsigned i = 0; i < ha->cfg.nprefixes && i < MS_ND_OPTS_MAX_PI; i++) {
        const struct ms_ha_prefix *hp = &ha->cfg.prefixes[i];
        struct ms_nd_opt_pi *pi = &adv.opts.pi[adv.opts.n_pi++];
        pi->prefix_len = hp->plen;
        pi->flags = MS_PI_F_L | MS_PI_F_A;
        pi->valid_s = hp->valid_s;
        pi->preferred_s = hp->preferred_s;
        pi->prefix = hp->prefix;
        ms_in6_make_prefix(&pi->prefix, hp->plen);
    }
    const struct in6_addr *src = home_prefix_of(ha, &rx->ip6.dst) ? &rx->ip6.dst : &ha->addr;
    if (rx->has_hao)
        send_icmp_mip(ha, &adv, src, &rx->coa, &rx->ip6.src);
    else
        send_icmp_mip(ha, &adv, src, &rx->ip6.src, NULL);
    ha->ctr.mpa_tx++;
}

static int
ha_on_icmp6(struct ms_role *r, struct ms_pkt *pkt, const struct ms_rx *rx)
{
    struct ms_ha *ha = ha_of(r);
    if (rx->l4_proto != MS_IPPROTO_ICMPV6 || rx->l4_len < 1 || rx->l4_off >= pkt->len)
        return MS_ROLE_PASS;
    const uint8_t *p = pkt->data + rx->l4_off;
    uint8_t type = p[0];
    if (type != MS_ICMP6_DHAAD_REQUEST && type != MS_ICMP6_MPS)
        return MS_ROLE_PASS;
    struct ms_icmp6_mip m;
    int rc = ms_icmp6_mip_decode(p, rx->l4_len, &m);
    if (rc < 0) {
        ms_node_drop(r->node, pkt, rc, "DHAAD/MPS");
        return MS_ROLE_CONSUMED;
    }
    if (type == MS_ICMP6_DHAAD_REQUEST)
        on_dhaad(ha, rx, &m);
    else
        on_mps(ha, rx, &m);
    ms_pkt_free(pkt);
    return MS_ROLE_CONSUMED;
}

/* RFC 6275 s10.5.1: the Home Agents List from other home agents' RAs. */
static void
ha_on_nd(struct ms_role *r, struct ms_iface *ifc, const struct ms_rx *rx, const struct ms_nd *nd)
{
    struct ms_ha *ha = ha_of(r);
    if (ifc != ha->home_if || nd->type != MS_ICMP6_RA)
        return;
    const struct in6_addr *ll = &rx->ip6.src;
    struct ha_peer *pe = NULL, *free_slot = NULL;
    for (unsigned i = 0; i < MS_HA_MAX_PEERS; i++) {
        if (ha->peers[i].used && ms_in6_equal(&ha->peers[i].ll, ll))
            pe = &ha->peers[i];
        else if (!ha->peers[i].used && free_slot == NULL)
            free_slot = &ha->peers[i];
    }
    if (!(nd->u.ra.flags & MS_RA_F_H)) {
        if (pe != NULL)
            pe->used = false;
        return;
    }
    uint16_t pref = 0;
    uint32_t life = nd->u.ra.router_lifetime_s;
    if (ms_nd_opts_has(&nd->opts, MS_ND_OPT_HA_INFO)) {
        pref = nd->opts.ha_info.preference;
        life = nd->opts.ha_info.lifetime_s;
    }
    if (life == 0) {
        if (pe != NULL)
            pe->used = false;
        return;
    }
    if (pe == NULL) {
        if (free_slot == NULL)
            return;
        pe = free_slot;
        memset(pe, 0, sizeof *pe);
        pe->used = true;
        pe->ll = *ll;
    }
    pe->preference = pref;
    pe->until_ns = now_of(ha) + (int64_t)life * MS_NS_PER_S;
    for (unsigned i = 0; i < nd->opts.n_pi; i++) {
        const struct ms_nd_opt_pi *pi = &nd->opts.pi[i];
        if (!(pi->flags & MS_PI_F_R) || !ms_in6_is_routable_unicast(&pi->prefix))
            continue;
        bool have = false;
        for (unsigned j = 0; j < pe->nglobal; j++)
            have = have || ms_in6_equal(&pe->global[j], &pi->prefix);
        if (!have && pe->nglobal < MS_HA_MAX_PREFIXES)
            pe->global[pe->nglobal++] = pi->prefix;
    }
}

/* ---- lifecycle ---- */

static void
ha_free(struct ms_role *r)
{
    struct ms_ha *ha = ha_of(r);
    for (uint32_t i = 0; i < ms_bc_count(&ha->bc); i++)
        dad_cancel(ha, ms_bc_at(&ha->bc, i));
    ms_bc_fini(&ha->bc);
    if (r->node != NULL && r->node->hao_check == ms__bc_hao_check &&
        ms_role_find(r->node, "cn") == NULL)
        ms_node_set_hao_check(r->node, NULL, NULL);
    free(ha);
}

static void
ha_prefetch_forward(struct ms_role *r, const struct in6_addr *dst, unsigned step)
{
    ms_bc_prefetch(&((struct ms_ha *)r)->bc, dst, step);
}

static const struct ms_role_ops ha_ops = {
    .name = "ha",
    .on_mh = ha_on_mh,
    .on_icmp6 = ha_on_icmp6,
    .on_nd = ha_on_nd,
    .on_output = ha_on_output,
    .on_forward = ha_on_forward,
    .on_tunnel = ha_on_tunnel,
    .free = ha_free,
    .prefetch_forward = ha_prefetch_forward,
};

/* RFC 6275 s7.1-7.4: RAs on the home link with the H flag, the Home Agent
 * Information option, the Advertisement Interval option and prefixes with
 * the R flag carrying the home agent's full address (s7.2). */
static void
configure_ra(struct ms_ha *ha)
{
    struct ms_ra_cfg rc;
    memset(&rc, 0, sizeof rc);
    const struct ms_ra_cfg *cur = ha->home_if->ra;
    if (cur != NULL && cur->enabled) {
        /* Keep another role's advertisement configuration (an AR that is also
         * the HA), copying only configuration fields. */
        rc.flags = cur->flags;
        rc.nprefixes = cur->nprefixes;
        memcpy(rc.prefixes, cur->prefixes, sizeof rc.prefixes);
        rc.mtu_opt = cur->mtu_opt;
        rc.extra_len = cur->extra_len;
        memcpy(rc.extra_opts, cur->extra_opts, sizeof rc.extra_opts);
    }
    rc.enabled = true;
    rc.flags |= MS_RA_F_H;
    rc.adv_interval_opt = true;
    rc.ha_info_opt = true;
    rc.ha_preference = ha->cfg.preference;
    rc.ha_lifetime_s = ha->cfg.lifetime_s ? ha->cfg.lifetime_s : 1;
    for (unsigned i = 0; i < ha->cfg.nprefixes; i++) {
        const struct ms_ha_prefix *hp = &ha->cfg.prefixes[i];
        struct ms_ra_prefix *rp = NULL;
        for (unsigned j = 0; j < rc.nprefixes; j++)
            if (rc.prefixes[j].plen == hp->plen &&
                ms_in6_prefix_match(&rc.prefixes[j].prefix, &hp->prefix, hp->plen))
                rp = &rc.prefixes[j];
        if (rp == NULL) {
            if (rc.nprefixes >= MS_RA_MAX_PREFIXES)
                continue;
            rp = &rc.prefixes[rc.nprefixes++];
            rp->plen = hp->plen;
            rp->flags = MS_PI_F_L | MS_PI_F_A;
            rp->valid_s = hp->valid_s;
            rp->preferred_s = hp->preferred_s;
        }
        if (ms_in6_prefix_match(&ha->addr, &hp->prefix, hp->plen)) {
            rp->prefix = ha->addr;
            rp->flags |= MS_PI_F_R;
        } else {
            rp->prefix = hp->prefix;
            ms_in6_make_prefix(&rp->prefix, hp->plen);
        }
    }
    int err = ms_ra_start(ha->home_if, &rc);
    if (err < 0)
        ms_role_log(&ha->role, MS_LOG_WARN, "cannot start RAs on the home link: %s",
                    ms_strerror(err));
}

struct ms_role *
ms_ha_new(struct ms_node *n, struct ms_iface *home_if, const struct ms_ha_cfg *cfg)
{
    if (n == NULL || home_if == NULL || home_if->node != n)
        return NULL;
    struct ms_ha *ha = calloc(1, sizeof *ha);
    if (ha == NULL)
        return NULL;
    if (cfg != NULL)
        ha->cfg = *cfg;
    else
        ms_ha_cfg_default(&ha->cfg);
    if (ha->cfg.nprefixes > MS_HA_MAX_PREFIXES)
        ha->cfg.nprefixes = MS_HA_MAX_PREFIXES;
    if (ha->cfg.nallowed > MS_HA_MAX_ALLOWED)
        ha->cfg.nallowed = MS_HA_MAX_ALLOWED;
    if (ha->cfg.seq_window == 0)
        ha->cfg.seq_window = MS_BC_SEQ_WINDOW_RFC;
    ha->home_if = home_if;

    /* Home prefixes from the interface when none are configured. */
    if (ha->cfg.nprefixes == 0) {
        for (unsigned i = 0; i < MS_IFACE_MAX_ADDRS; i++) {
            const struct ms_addr *a = &home_if->addrs[i];
            if (a->state == MS_ADDR_NONE || a->state == MS_ADDR_DUPLICATE ||
                !ms_in6_is_routable_unicast(&a->addr) || (a->flags & MS_ADDR_F_ANYCAST) ||
                home_prefix_of(ha, &a->addr) != NULL || ha->cfg.nprefixes >= MS_HA_MAX_PREFIXES)
                continue;
            struct ms_ha_prefix *p = &ha->cfg.prefixes[ha->cfg.nprefixes++];
            p->prefix = a->addr;
            p->plen = a->plen ? a->plen : 64;
            ms_in6_make_prefix(&p->prefix, p->plen);
            p->valid_s = HA_DEFAULT_VALID_S;
            p->preferred_s = HA_DEFAULT_PREFERRED_S;
        }
    }
    for (unsigned i = 0; i < ha->cfg.nprefixes; i++)
        ms_in6_make_prefix(&ha->cfg.prefixes[i].prefix, ha->cfg.prefixes[i].plen);
    /* The home agent's own address: a global address on a home prefix. */
    bool have = false;
    for (unsigned i = 0; i < MS_IFACE_MAX_ADDRS && !have; i++) {
        const struct ms_addr *a = &home_if->addrs[i];
        if (a->state != MS_ADDR_NONE && a->state != MS_ADDR_DUPLICATE &&
            !(a->flags & MS_ADDR_F_ANYCAST) && ms_in6_is_routable_unicast(&a->addr) &&
            home_prefix_of(ha, &a->addr) != NULL) {
            ha->addr = a->addr;
            have = true;
        }
    }
    if (!have) {
        free(ha);
        return NULL;
    }

    ms_bc_init(&ha->bc, &n->sim->sched, ha->cfg.max_bindings, on_expire, ha);
    ms_mnha_init_none(&ha->mnha);
    ha->role.ops = &ha_ops;
    ms_role_attach(n, &ha->role);
    ms_node_set_hao_check(n, ms__bc_hao_check, n);

    /* RFC 6275 s10.5: receive DHAAD requests on the Home-Agents anycast
     * address of each 64-bit home prefix. */
    for (unsigned i = 0; i < ha->cfg.nprefixes; i++) {
        if (ha->cfg.prefixes[i].plen != 64)
            continue;
        struct in6_addr any;
        ha_anycast(&ha->cfg.prefixes[i].prefix, &any);
        if (ms_addr_find(n, &any) == NULL &&
            ms_addr_add(home_if, &any, 64,
                        MS_ADDR_F_ANYCAST | MS_ADDR_F_NODAD | MS_ADDR_F_STATIC) == NULL)
            ms_role_log(&ha->role, MS_LOG_WARN,
                        "no address slot for the home-agents anycast address");
    }
    if (ha->cfg.send_ra)
        configure_ra(ha);
    return &ha->role;
}

struct ms_mnha *
ms_ha_mnha(struct ms_role *r)
{
    return &ha_of(r)->mnha;
}

bool
ms_role_is_ha(const struct ms_role *r)
{
    return r != NULL && r->ops == &ha_ops;
}

uint32_t
ms_ha_binding_count(const struct ms_role *r)
{
    return ms_bc_count(&cha_of(r)->bc);
}

int
ms_ha_binding_get(const struct ms_role *r, uint32_t i, struct ms_bc_view *out)
{
    return ms_bc_view_get(&cha_of(r)->bc, i, out);
}

int
ms_ha_binding_find(const struct ms_role *r, const struct in6_addr *hoa, struct ms_bc_view *out)
{
    return ms_bc_view_find(&cha_of(r)->bc, hoa, out);
}

const struct ms_ha_counters *
ms_ha_counters(const struct ms_role *r)
{
    return &cha_of(r)->ctr;
}

const struct ms_bcache *
ms_ha_bcache(const struct ms_role *r)
{
    return &cha_of(r)->bc;
}

const struct in6_addr *
ms_ha_address(const struct ms_role *r)
{
    return &cha_of(r)->addr;
}
