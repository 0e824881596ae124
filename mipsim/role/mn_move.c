/* Mobile node: movement detection (RFC 6275 s11.5.1), home link detection
 * (s11.5.2), care-of address selection (s11.5.3, s11.5.4), returning home
 * (s11.5.5), Dynamic Home Agent Address Discovery (s11.4.1) and Mobile
 * Prefix Solicitation (s11.4.2, s11.4.3). */
#include "role/mn_bul.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "link/link.h"
#include "wire/codepoints.h"
#include "wire/err.h"
#include "wire/icmp6.h"
#include "wire/ipv6.h"
#include "wire/nd.h"

static void dhaad_timer_cb(struct ms_timer *t);
static void mps_timer_cb(struct ms_timer *t);
static void na_timer_cb(struct ms_timer *t);
static void dhaad_start(struct ms_mn *mn);

void
ms__mn_move_init(struct ms_mn *mn)
{
    ms_timer_init(&mn->dhaad_timer, dhaad_timer_cb, mn);
    ms_timer_init(&mn->mps_timer, mps_timer_cb, mn);
    ms_timer_init(&mn->na_timer, na_timer_cb, mn);
}

void
ms__mn_move_fini(struct ms_mn *mn)
{
    struct ms_sched *s = ms__mn_sched(mn);
    ms_timer_stop(s, &mn->dhaad_timer);
    ms_timer_stop(s, &mn->mps_timer);
    ms_timer_stop(s, &mn->na_timer);
}

bool
ms__mn_is_home_prefix(const struct ms_mn *mn, const struct in6_addr *prefix, unsigned plen)
{
    return plen == mn->cfg.home_plen && ms_in6_prefix_match(prefix, &mn->cfg.hoa, plen);
}

/* RFC 2526 s2: the subnet-router anycast identifiers sit at the top of the
 * interface identifier space: all ones, then the 7-bit anycast ID (126,
 * 0x7E, for Mobile IPv6 home agents).  For EUI-64 format identifiers
 * (64-bit prefixes) the universal/local bit is 0, which gives
 * fdff:ffff:ffff:fffe. */
void
ms__mn_ha_anycast(const struct in6_addr *hoa, unsigned plen, struct in6_addr *out)
{
    *out = *hoa;
    ms_in6_make_prefix(out, plen);
    for (unsigned bit = plen; bit < 128; bit++)
        out->s6_addr[bit / 8] |= (uint8_t)(0x80u >> (bit % 8));
    out->s6_addr[15] = 0xFE; /* 1 followed by ID 0x7E */
    if (plen == 64)
        out->s6_addr[8] &= (uint8_t)~0x02u;
}

/* ---- handover records ---- */

static void
ho_begin(struct ms_mn *mn, const char *to)
{
    mn->handovers++;
    mn->ho_bu_wanted = true;
    mn->ho_await_data = false;
    struct ms_report *rep = ms__mn_report(mn);
    if (rep == NULL) {
        mn->ho_open = false;
        return;
    }
    int idx = ms_report_ho_begin(rep, ms__mn_name(mn), mn->ap, to != NULL ? to : "");
    mn->ho_open = idx >= 0;
}

/* ---- layer 2 ---- */

void
ms__mn_on_l2(struct ms_mn *mn, const struct ms_l2_event *ev)
{
    switch (ev->type) {
    case MS_L2EV_LINK_GOING_DOWN:
    case MS_L2EV_HANDOVER_START:
        /* A handover starts at the first of the trigger and the loss of the
         * link. */
        if (!mn->ho_begun && mn->attached) {
            ho_begin(mn, ev->target_ap_id);
            mn->ho_begun = true;
        }
        ms__mn_ho_mark(mn, MS_HO_L2_TRIGGER);
        break;
    case MS_L2EV_LINK_DOWN:
        if (!mn->ho_begun && mn->attached)
            ho_begin(mn, NULL);
        mn->ho_begun = false;
        ms__mn_ho_mark(mn, MS_HO_L2_DOWN);
        mn->attached = false;
        mn->located = false;
        /* s11.5.4: addresses of the link left are gone (the stack removes
         * them); the CoA with them.  Return routability in progress cannot
         * finish from here. */
        mn->have_coa = false;
        for (unsigned i = 0; i < MS_MN_BUL_MAX; i++) {
            struct ms_mn_bul_entry *e = ms__mn_bul_slot(mn, i);
            if (e != NULL && !e->home_reg && e->rr_state == MS_MN_RR_WAITING)
                ms__mn_rr_stop(e);
        }
        break;
    case MS_L2EV_LINK_UP: {
        mn->attached = true;
        mn->located = false;
        snprintf(mn->ap, sizeof mn->ap, "%s",
                 ev->ap_id != NULL  ? ev->ap_id
                 : ev->link != NULL ? ev->link->name
                                    : "");
        struct ms_report *rep = ms__mn_report(mn);
        if (rep != NULL && mn->ho_open) {
            struct ms_ho_record *h = ms_report_ho_current(rep, ms__mn_name(mn));
            if (h != NULL && h->to[0] == '\0')
                snprintf(h->to, sizeof h->to, "%s", mn->ap);
        }
        ms__mn_ho_mark(mn, MS_HO_L2_UP);
        mn->ho_await_data = mn->ho_open;
        /* s11.5.1: an L2 indication that is well known to mean a new link:
         * solicit at once, skipping the RFC 4861 s6.3.7 random delay when
         * configured.  (Otherwise the stack's own solicitation, started with
         * that delay when the interface came up, stands.) */
        if (mn->cfg.skip_rs_delay)
            ms_rs_start(mn->radio, true);
        break;
    }
    default:
        break;
    }
}

/* ---- Router Advertisements: movement (s11.5.1) and home (s11.5.2) ---- */

static uint8_t
ra_prefixes(const struct ms_nd *nd, struct ms_mn_prefix *out)
{
    uint8_t n = 0;
    for (uint8_t i = 0; i < nd->opts.n_pi && i < MS_ND_OPTS_MAX_PI; i++) {
        const struct ms_nd_opt_pi *pi = &nd->opts.pi[i];
        if ((pi->flags & (MS_PI_F_L | MS_PI_F_A)) == 0 || pi->prefix_len > 128 ||
            pi->valid_s == 0 || ms_in6_is_linklocal(&pi->prefix))
            continue;
        struct ms_mn_prefix p = {.prefix = pi->prefix, .plen = pi->prefix_len};
        ms_in6_make_prefix(&p.prefix, p.plen);
        bool dup = false;
        for (uint8_t k = 0; k < n; k++)
            dup |= out[k].plen == p.plen && ms_in6_equal(&out[k].prefix, &p.prefix);
        if (!dup && n < MS_MN_MAX_PREFIXES)
            out[n++] = p;
    }
    return n;
}

static bool
prefix_in(const struct ms_mn_prefix *set, uint8_t n, const struct ms_mn_prefix *p)
{
    for (uint8_t i = 0; i < n; i++)
        if (set[i].plen == p->plen && ms_in6_equal(&set[i].prefix, &p->prefix))
            return true;
    return false;
}

static bool
same_set(const struct ms_mn_prefix *a, uint8_t na, const struct ms_mn_prefix *b, uint8_t nb)
{
    if (na != nb)
        return false;
    for (uint8_t i = 0; i < na; i++)
        if (!prefix_in(b, nb, &a[i]))
            return false;
    return true;
}

/* s11.5.3 / s11.5.4: the primary CoA is a SLAAC address, DAD done, on a
 * prefix the current router advertises (first advertised prefix first). */
static void
scan_coa(struct ms_mn *mn)
{
    if (mn->at_home || !mn->located)
        return;
    const struct ms_addr *best = NULL;
    for (uint8_t k = 0; k < mn->ncur && best == NULL; k++) {
        if (ms__mn_is_home_prefix(mn, &mn->cur[k].prefix, mn->cur[k].plen))
            continue;
        for (unsigned i = 0; i < MS_IFACE_MAX_ADDRS; i++) {
            const struct ms_addr *a = &mn->radio->addrs[i];
            if (a->state != MS_ADDR_PREFERRED || (a->flags & MS_ADDR_F_SLAAC) == 0 ||
                (a->flags & MS_ADDR_F_HOME) != 0 || ms_in6_is_linklocal(&a->addr))
                continue;
            if (ms_in6_prefix_match(&a->addr, &mn->cur[k].prefix, mn->cur[k].plen)) {
                best = a;
                break;
            }
        }
    }
    if (best == NULL)
        return;
    if (mn->have_coa && ms_in6_equal(&mn->coa, &best->addr))
        return;
    mn->coa = best->addr;
    mn->have_coa = true;
    char c[MS_IN6_STRLEN];
    ms_in6_format(&mn->coa, c, sizeof c);
    ms_log(ms__mn_log(mn), MS_LOG_INFO, ms__mn_name(mn), "mn: care-of address %s ready", c);
    ms__mn_ho_mark(mn, MS_HO_COA_READY);
    if (!mn->ha_known) {
        /* s11.4.1: the home agent is unknown: ask the home link's
         * home-agents anycast address. */
        dhaad_start(mn);
        return;
    }
    /* The same CoA on a link we came back to: the binding still holds. */
    struct ms_mn_bul_entry *h = ms__mn_bul_home(mn);
    if (ms__mn_bul_usable(mn, h) && h->state == MS_MN_BUL_BOUND) {
        ms__mn_queue_flush(mn);
        return;
    }
    ms__mn_home_register(mn);
}

static void
returned_home(struct ms_mn *mn)
{
    struct ms_sched *s = ms__mn_sched(mn);
    mn->at_home = true;
    mn->have_coa = false;
    mn->dhaad_pending = false;
    ms_timer_stop(s, &mn->dhaad_timer);
    mn->mps_pending = false;
    ms_timer_stop(s, &mn->mps_timer);
    /* The home address needs no DAD (s11.5.5): it is ready now. */
    ms__mn_ho_mark(mn, MS_HO_COA_READY);
    struct ms_mn_bul_entry *h = ms__mn_bul_home(mn);
    bool binding = h != NULL && mn->ha_known &&
                   ((h->bound && h->expires_ns > ms__mn_now(mn)) || h->state == MS_MN_BUL_WAIT_BA);
    if (binding) {
        mn->dereg_pending = true;
        ms__mn_home_deregister(mn);
        /* s11.5.5: "After the mobile node sends the Binding Update, it MUST
         * be prepared to reply to Neighbor Solicitations for its home
         * address": the address is on-link again (still without DAD). */
        ms__mn_hoa_set_home_flag(mn, false);
        return;
    }
    if (h != NULL)
        ms__mn_bul_del(h);
    ms__mn_hoa_set_home_flag(mn, false);
    mn->dereg_pending = false;
    ms__mn_queue_flush(mn);
}

void
ms__mn_on_ra(struct ms_mn *mn, const struct ms_nd *nd)
{
    struct ms_mn_prefix p[MS_MN_MAX_PREFIXES];
    uint8_t n = ra_prefixes(nd, p);
    if (n == 0)
        return;
    if (same_set(p, n, mn->cur, mn->ncur)) {
        /* The same link as before (or a periodic RA). */
        if (!mn->located) {
            mn->located = true;
            scan_coa(mn);
        }
        return;
    }
    /* s11.5.1: a different set of on-link prefixes: an L3 handover. */
    memcpy(mn->cur, p, sizeof p);
    mn->ncur = n;
    mn->located = true;
    MS__MN_CTR(mn, movements)++;
    ms__mn_ho_mark(mn, MS_HO_MOVEMENT);
    bool home = false;
    for (uint8_t i = 0; i < n; i++)
        home |= ms__mn_is_home_prefix(mn, &p[i].prefix, p[i].plen);
    char pf[MS_IN6_PREFIX_STRLEN];
    ms_in6_prefix_format(&p[0].prefix, p[0].plen, pf, sizeof pf);
    ms_log(ms__mn_log(mn), MS_LOG_INFO, ms__mn_name(mn), "mn: movement detected: prefix %s%s%s%s",
           pf, home ? " (home link " : "", home ? mn->cfg.home_link : "", home ? ")" : "");
    if (home) {
        if (!mn->at_home || mn->dereg_pending)
            returned_home(mn);
        return;
    }
    if (mn->at_home) {
        mn->at_home = false;
        ms__mn_hoa_set_home_flag(mn, true);
    }
    mn->have_coa = false;
    scan_coa(mn);
}

void
ms__mn_on_addr(struct ms_mn *mn, const struct ms_addr *a, bool ok)
{
    if (!ok) {
        if ((a->flags & MS_ADDR_F_SLAAC) != 0 && !ms_in6_is_linklocal(&a->addr)) {
            char c[MS_IN6_STRLEN];
            ms_in6_format(&a->addr, c, sizeof c);
            ms_log(ms__mn_log(mn), MS_LOG_WARN, ms__mn_name(mn), "mn: care-of address %s duplicate",
                   c);
        }
        return;
    }
    scan_coa(mn);
}

/* ---- back home (s11.5.5) ---- */

static void
send_home_na(struct ms_mn *mn, const struct in6_addr *target)
{
    /* s11.5.5: to all-nodes, Target = the home address, Target Link-layer
     * Address option, S clear, O set. */
    struct ms_nd nd;
    memset(&nd, 0, sizeof nd);
    nd.type = MS_ICMP6_NA;
    nd.u.na.flags = MS_NA_F_O;
    nd.u.na.target = *target;
    ms_nd_opts_set(&nd.opts, MS_ND_OPT_TLLA);
    nd.opts.tlla = mn->radio->mac;
    struct in6_addr all;
    ms_in6_all_nodes(&all);
    uint8_t buf[128];
    int len = ms_nd_encode(&nd, target, &all, buf, sizeof buf);
    if (len < 0)
        return;
    struct ms_pkt *pkt =
        ms__mn_pkt_build(mn, target, &all, NULL, MS_IPPROTO_ICMPV6, buf, (size_t)len);
    if (pkt == NULL)
        return;
    pkt->data[MS_IP6_OFF_HLIM] = 255; /* RFC 4861 s7.1.2 */
    MS__MN_CTR(mn, home_na_sent)++;
    ms_ip6_output_if(mn->role.node, mn->radio, NULL, pkt, MS_TX_NO_HOOKS);
}

static void
send_home_nas(struct ms_mn *mn)
{
    send_home_na(mn, &mn->cfg.hoa);
    if (mn->cfg.l_flag) {
        for (unsigned i = 0; i < MS_IFACE_MAX_ADDRS; i++) {
            const struct ms_addr *a = &mn->radio->addrs[i];
            if (a->state == MS_ADDR_PREFERRED && ms_in6_is_linklocal(&a->addr)) {
                send_home_na(mn, &a->addr);
                break;
            }
        }
    }
}

static void
na_timer_cb(struct ms_timer *t)
{
    struct ms_mn *mn = t->data;
    if (!mn->at_home || mn->na_left == 0)
        return;
    mn->na_left--;
    send_home_nas(mn);
    if (mn->na_left > 0)
        ms_timer_start(ms__mn_sched(mn), &mn->na_timer, mn->role.node->nd.retrans_timer_ns);
}

void
ms__mn_home_done(struct ms_mn *mn)
{
    mn->dereg_pending = false;
    ms__mn_hoa_set_home_flag(mn, false);
    /* s11.5.5: after the BA, multicast unsolicited NAs for the home
     * address (up to MAX_NEIGHBOR_ADVERTISEMENT times). */
    mn->na_left = mn->cfg.home_na_count;
    if (mn->na_left > 0) {
        mn->na_left--;
        send_home_nas(mn);
        if (mn->na_left > 0)
            ms_timer_start(ms__mn_sched(mn), &mn->na_timer, mn->role.node->nd.retrans_timer_ns);
    }
    ms__mn_queue_flush(mn);
    ms__mn_rr_home(mn);
}

/* ---- Dynamic Home Agent Address Discovery (s11.4.1) ---- */

static void
dhaad_send(struct ms_mn *mn)
{
    struct in6_addr any;
    ms__mn_ha_anycast(&mn->cfg.hoa, mn->cfg.home_plen, &any);
    struct ms_icmp6_mip m;
    memset(&m, 0, sizeof m);
    m.type = MS_ICMP6_DHAAD_REQUEST;
    m.id = mn->dhaad_id;
    uint8_t buf[64];
    int len = ms_icmp6_mip_encode(&m, &mn->coa, &any, buf, sizeof buf);
    if (len < 0)
        return;
    struct ms_pkt *pkt =
        ms__mn_pkt_build(mn, &mn->coa, &any, NULL, MS_IPPROTO_ICMPV6, buf, (size_t)len);
    if (pkt == NULL)
        return;
    MS__MN_CTR(mn, dhaad_sent)++;
    ms__mn_output(mn, pkt);
}

static void
dhaad_start(struct ms_mn *mn)
{
    ms_timer_stop(ms__mn_sched(mn), &mn->dhaad_timer);
    mn->dhaad_id = (uint16_t)ms_rng_u64(&mn->role.node->rng);
    mn->dhaad_retx = 0;
    mn->dhaad_backoff_ns = MS_MN_INITIAL_DHAAD_TIMEOUT_NS;
    mn->dhaad_pending = true;
    dhaad_send(mn);
    ms_timer_start(ms__mn_sched(mn), &mn->dhaad_timer, mn->dhaad_backoff_ns);
}

/* s11.4.1: retransmit after INITIAL_DHAAD_TIMEOUT, each wait twice the
 * previous one, at most DHAAD_RETRIES times. */
static void
dhaad_timer_cb(struct ms_timer *t)
{
    struct ms_mn *mn = t->data;
    if (!mn->dhaad_pending || !mn->have_coa || mn->at_home) {
        mn->dhaad_pending = false;
        return;
    }
    if (mn->dhaad_retx >= MS_MN_DHAAD_RETRIES) {
        mn->dhaad_pending = false;
        ms_log(ms__mn_log(mn), MS_LOG_WARN, ms__mn_name(mn),
               "mn: no DHAAD reply, home agent unknown");
        return;
    }
    mn->dhaad_retx++;
    mn->dhaad_backoff_ns *= 2;
    dhaad_send(mn);
    ms_timer_start(ms__mn_sched(mn), &mn->dhaad_timer, mn->dhaad_backoff_ns);
}

bool
ms__mn_ha_next(struct ms_mn *mn)
{
    if ((unsigned)mn->ha_idx + 1 >= mn->n_ha)
        return false;
    mn->ha_idx++;
    struct ms_mn_bul_entry *h = ms__mn_bul_home(mn);
    /* s11.4.1: "wait at least InitialBindackTimeoutFirstReg seconds before
     * sending a Binding Update to the next home agent": every path here
     * follows at least one such wait or a rejection. */
    if (h != NULL)
        ms__mn_bul_del(h);
    mn->ha = mn->ha_list[mn->ha_idx];
    char a[MS_IN6_STRLEN];
    ms_in6_format(&mn->ha, a, sizeof a);
    ms_log(ms__mn_log(mn), MS_LOG_INFO, ms__mn_name(mn), "mn: trying the next home agent %s", a);
    ms__mn_home_register(mn);
    return true;
}

static int
on_dhaad_reply(struct ms_mn *mn, const struct ms_icmp6_mip *m)
{
    if (!mn->dhaad_pending || m->id != mn->dhaad_id || m->n_ha == 0)
        return MS_ROLE_PASS;
    MS__MN_CTR(mn, dhaad_rx)++;
    mn->dhaad_pending = false;
    ms_timer_stop(ms__mn_sched(mn), &mn->dhaad_timer);
    /* s11.4.1: try them in the order of the Reply; keep the list (made on
     * the first Reply: mobile nodes with a configured HA never need it). */
    if (mn->ha_list == NULL) {
        mn->ha_list = calloc(MS_DHAAD_MAX_HA, sizeof *mn->ha_list);
        if (mn->ha_list == NULL)
            return MS_ROLE_CONSUMED; /* out of memory: the next retry may do */
    }
    mn->n_ha = 0;
    for (uint8_t i = 0; i < m->n_ha && i < MS_DHAAD_MAX_HA; i++) {
        if (!ms_in6_is_routable_unicast(&m->ha[i]))
            continue;
        mn->ha_list[mn->n_ha++] = m->ha[i];
    }
    if (mn->n_ha == 0)
        return MS_ROLE_CONSUMED;
    mn->ha_idx = 0;
    mn->ha = mn->ha_list[0];
    mn->ha_known = true;
    char a[MS_IN6_STRLEN];
    ms_in6_format(&mn->ha, a, sizeof a);
    ms_log(ms__mn_log(mn), MS_LOG_INFO, ms__mn_name(mn), "mn: DHAAD: home agent %s (%u known)", a,
           mn->n_ha);
    ms__mn_home_register(mn);
    return MS_ROLE_CONSUMED;
}

/* ---- Mobile Prefix Solicitation / Advertisement (s11.4.2, s11.4.3) ---- */

static void
mps_send(struct ms_mn *mn)
{
    struct ms_icmp6_mip m;
    memset(&m, 0, sizeof m);
    m.type = MS_ICMP6_MPS;
    m.id = mn->mps_id;
    uint8_t buf[64];
    /* The checksum covers the home address as source: the packet carries
     * it in a Home Address option (s11.4.2: "MUST use the Home Address
     * destination option"). */
    int len = ms_icmp6_mip_encode(&m, &mn->cfg.hoa, &mn->ha, buf, sizeof buf);
    if (len < 0)
        return;
    struct ms_pkt *pkt =
        ms__mn_pkt_build(mn, &mn->coa, &mn->ha, &mn->cfg.hoa, MS_IPPROTO_ICMPV6, buf, (size_t)len);
    if (pkt == NULL)
        return;
    MS__MN_CTR(mn, mps_sent)++;
    ms__mn_output(mn, pkt);
}

void
ms__mn_mps_start(struct ms_mn *mn)
{
    if (mn->at_home || !mn->have_coa || !mn->ha_known || mn->mps_pending)
        return;
    /* s11.4.2: "MUST set the Identifier field ... to a random value". */
    mn->mps_id = (uint16_t)ms_rng_u64(&mn->role.node->rng);
    mn->mps_pending = true;
    mn->mps_retx = 0;
    /* s11.8: INITIAL_SOLICIT_TIMER, then exponential back-off. */
    mn->mps_backoff_ns = MS_MN_INITIAL_SOLICIT_TIMER_NS;
    mps_send(mn);
    ms_timer_start(ms__mn_sched(mn), &mn->mps_timer, mn->mps_backoff_ns);
}

static void
mps_timer_cb(struct ms_timer *t)
{
    struct ms_mn *mn = t->data;
    if (!mn->mps_pending || mn->at_home || !mn->have_coa)
        return;
    /* Three retransmissions (as PREFIX_ADV_RETRIES on the HA side), then
     * wait for the next trigger. */
    if (mn->mps_retx >= 3) {
        mn->mps_pending = false;
        return;
    }
    mn->mps_retx++;
    mn->mps_backoff_ns *= 2;
    if (mn->mps_backoff_ns > mn->cfg.max_bindack_ns)
        mn->mps_backoff_ns = mn->cfg.max_bindack_ns;
    mps_send(mn);
    ms_timer_start(ms__mn_sched(mn), &mn->mps_timer, mn->mps_backoff_ns);
}

static int
on_mpa(struct ms_mn *mn, const struct ms_rx *rx, const struct ms_icmp6_mip *m)
{
    /* s11.4.3: from the home agent we registered with, with a Type 2
     * Routing Header, answering our latest solicitation. */
    if (!mn->ha_known || !ms_in6_equal(&rx->ip6.src, &mn->ha) || !rx->has_rh2)
        return MS_ROLE_PASS;
    if (!mn->mps_pending || m->id != mn->mps_id) {
        /* "the advertisement is unsolicited, and MUST be discarded.  In this
         * case the mobile node SHOULD send a Mobile Prefix Solicitation." */
        ms__mn_mps_start(mn);
        return MS_ROLE_CONSUMED;
    }
    mn->mps_pending = false;
    ms_timer_stop(ms__mn_sched(mn), &mn->mps_timer);
    MS__MN_CTR(mn, mpa_rx)++;
    /* Prefix Information processed as if from an RA on the home link: the
     * home prefix's lifetimes become the home address's. */
    struct ms_addr *a = ms_addr_find(mn->role.node, &mn->cfg.hoa);
    int64_t now = ms__mn_now(mn);
    for (uint8_t i = 0; i < m->opts.n_pi && i < MS_ND_OPTS_MAX_PI && a != NULL; i++) {
        const struct ms_nd_opt_pi *pi = &m->opts.pi[i];
        if (!ms__mn_is_home_prefix(mn, &pi->prefix, pi->prefix_len))
            continue;
        a->valid_until_ns =
            pi->valid_s == UINT32_MAX ? MS_TIME_NEVER : now + (int64_t)pi->valid_s * MS_NS_PER_S;
        a->preferred_until_ns = pi->preferred_s == UINT32_MAX
                                    ? MS_TIME_NEVER
                                    : now + (int64_t)pi->preferred_s * MS_NS_PER_S;
    }
    return MS_ROLE_CONSUMED;
}

int
ms__mn_on_mip_icmp(struct ms_mn *mn, struct ms_pkt *pkt, const struct ms_rx *rx)
{
    if (rx->l4_off > pkt->len || rx->l4_len > pkt->len - rx->l4_off)
        return MS_ROLE_PASS;
    const uint8_t *p = pkt->data + rx->l4_off;
    const struct in6_addr *dst = rx->has_rh2 ? &rx->rh2_hoa : &rx->ip6.dst;
    if (ms_icmp6_verify_cksum(p, rx->l4_len, &rx->ip6.src, dst) != 0)
        return MS_ROLE_PASS;
    struct ms_icmp6_mip m;
    if (ms_icmp6_mip_decode(p, rx->l4_len, &m) != 0)
        return MS_ROLE_PASS;
    int rc = MS_ROLE_PASS;
    if (m.type == MS_ICMP6_DHAAD_REPLY)
        rc = on_dhaad_reply(mn, &m);
    else if (m.type == MS_ICMP6_MPA)
        rc = on_mpa(mn, rx, &m);
    if (rc == MS_ROLE_CONSUMED)
        ms_pkt_free(pkt);
    return rc;
}
