/* Mobile node: return routability (RFC 6275 s5.2, s11.6), correspondent
 * registration (s11.7.2), Binding Refresh Requests (s11.7.4), Binding
 * Errors (s11.3.6), ICMP errors about signalling (s11.3.5) and route
 * optimised sending with a Home Address option (s11.3.1). */
#include "role/mn_bul.h"

#include <string.h>

#include "core/log.h"
#include "wire/bytes.h"
#include "wire/codepoints.h"
#include "wire/err.h"
#include "wire/ext.h"
#include "wire/icmp6.h"
#include "wire/ipv6.h"
#include "wire/mh.h"

static void rr_timer_cb(struct ms_timer *t);

void
ms__mn_rr_init(struct ms_mn_bul_entry *e)
{
    ms_timer_init(&e->rr_timer, rr_timer_cb, e);
    e->rr_state = MS_MN_RR_NONE;
}

bool
ms__mn_ro_wanted(const struct ms_mn *mn, const struct in6_addr *cn)
{
    if (mn->ha_known && ms_in6_equal(cn, &mn->ha))
        return false;
    if (mn->cfg.ro_all)
        return true;
    for (uint8_t i = 0; i < mn->cfg.n_ro_cns; i++)
        if (ms_in6_equal(&mn->cfg.ro_cns[i], cn))
            return true;
    return false;
}

/* Stops using route optimisation with e's correspondent: packets go
 * through the home agent again, and no further BUs are sent to it
 * (s11.3.5, s11.3.6, s11.7.3). */
static void
ro_stop(struct ms_mn_bul_entry *e, const char *why)
{
    struct ms_mn *mn = e->mn;
    if (e->no_more_bu && e->state == MS_MN_BUL_FAILED)
        return; /* already stopped (e.g. one error each for HoTI and CoTI) */
    struct ms_sched *s = ms__mn_sched(mn);
    ms_timer_stop(s, &e->rr_timer);
    ms_timer_stop(s, &e->retx_timer);
    ms_timer_stop(s, &e->refresh_timer);
    ms_timer_stop(s, &e->expire_timer);
    e->rr_state = MS_MN_RR_NONE;
    e->bound = false;
    e->no_more_bu = true;
    e->state = MS_MN_BUL_FAILED;
    MS__MN_CTR(mn, ro_stopped)++;
    char p[MS_IN6_STRLEN];
    ms_in6_format(&e->peer, p, sizeof p);
    ms_log(ms__mn_log(mn), MS_LOG_INFO, ms__mn_name(mn),
           "mn: route optimisation with %s stopped: %s", p, why);
}

static void
send_hoti(struct ms_mn_bul_entry *e)
{
    struct ms_mn *mn = e->mn;
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_HOTI);
    m.u.hoti.cookie = e->hoti_cookie;
    /* s5.2.5: source = home address, reverse-tunnelled through the home
     * agent while away; sent directly from the home link. */
    if (ms__mn_send_mh(mn, &m, &mn->cfg.hoa, &e->peer, NULL, !mn->at_home, NULL, NULL) == 0)
        MS__MN_CTR(mn, hoti_sent)++;
}

static void
send_coti(struct ms_mn_bul_entry *e)
{
    struct ms_mn *mn = e->mn;
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_COTI);
    m.u.coti.cookie = e->coti_cookie;
    /* s5.2.5: source = care-of address, sent directly. */
    if (ms__mn_send_mh(mn, &m, &mn->coa, &e->peer, NULL, false, NULL, NULL) == 0)
        MS__MN_CTR(mn, coti_sent)++;
}

static uint64_t
cookie(struct ms_mn *mn)
{
    return ms_rng_u64(&mn->role.node->rng);
}

void
ms__mn_rr_start(struct ms_mn *mn, const struct in6_addr *cn, bool dereg)
{
    struct ms_mn_bul_entry *e = ms__mn_bul_find(mn, cn);
    if (e != NULL && (e->home_reg || e->no_more_bu))
        return;
    /* Preconditions: away, the HoT can come back through the home agent,
     * which needs an accepted home registration (s5.2.5, s11.7.2); or, for
     * a deletion, at home with the home agent no longer intercepting. */
    if (dereg ? (!mn->at_home || mn->dereg_pending)
              : (mn->at_home || !mn->have_coa || !ms__mn_bul_usable(mn, ms__mn_bul_home(mn))))
        return;
    if (e == NULL)
        e = ms__mn_bul_add(mn, cn, false);
    if (e == NULL) {
        ms_log(ms__mn_log(mn), MS_LOG_WARN, ms__mn_name(mn), "mn: binding update list full");
        return;
    }
    struct ms_sched *s = ms__mn_sched(mn);
    ms_timer_stop(s, &e->rr_timer);
    ms_timer_stop(s, &e->retx_timer);
    e->rr_dereg = dereg;
    e->rr_state = MS_MN_RR_WAITING;
    e->state = MS_MN_BUL_RR;
    e->deferred = false;
    e->have_hot = false;
    /* s11.6.1: a deletion needs the home keygen token only. */
    e->have_cot = dereg;
    e->hoti_cookie = cookie(mn);
    e->coti_cookie = cookie(mn);
    e->rr_retx = 0;
    /* s11.8: no binding-specific rule for HoTI/CoTI: INITIAL_BINDACK_TIMEOUT. */
    e->rr_backoff_ns = mn->cfg.initial_bindack_ns;
    MS__MN_CTR(mn, rr_runs)++;
    char p[MS_IN6_STRLEN];
    ms_in6_format(cn, p, sizeof p);
    ms_log(ms__mn_log(mn), MS_LOG_INFO, ms__mn_name(mn), "mn: return routability with %s%s", p,
           dereg ? " (deletion)" : "");
    /* s11.6.1: HoTI and CoTI "in parallel". */
    send_hoti(e);
    if (!dereg)
        send_coti(e);
    ms_timer_start(s, &e->rr_timer, e->rr_backoff_ns);
}

void
ms__mn_rr_stop(struct ms_mn_bul_entry *e)
{
    ms_timer_stop(ms__mn_sched(e->mn), &e->rr_timer);
    e->rr_state = MS_MN_RR_NONE;
    if (e->state != MS_MN_BUL_RR)
        return;
    if (e->bound)
        e->state = MS_MN_BUL_BOUND;
    else
        ms__mn_bul_del(e);
}

/* s11.8: retransmit what is missing with new cookies, doubling the wait up
 * to MAX_BINDACK_TIMEOUT; then give up on route optimisation. */
static void
rr_timer_cb(struct ms_timer *t)
{
    struct ms_mn_bul_entry *e = t->data;
    struct ms_mn *mn = e->mn;
    if (e->rr_state != MS_MN_RR_WAITING)
        return;
    if (e->rr_backoff_ns >= mn->cfg.max_bindack_ns) {
        ro_stop(e, "no answer to the return routability test");
        return;
    }
    e->rr_backoff_ns *= 2;
    if (e->rr_backoff_ns > mn->cfg.max_bindack_ns)
        e->rr_backoff_ns = mn->cfg.max_bindack_ns;
    e->rr_retx++;
    if (!e->have_hot) {
        e->hoti_cookie = cookie(mn);
        send_hoti(e);
    }
    if (!e->have_cot && mn->have_coa) {
        e->coti_cookie = cookie(mn);
        send_coti(e);
    }
    ms_timer_start(ms__mn_sched(mn), &e->rr_timer, e->rr_backoff_ns);
}

static void
rr_check_done(struct ms_mn_bul_entry *e)
{
    struct ms_mn *mn = e->mn;
    if (!e->have_hot || !e->have_cot)
        return;
    /* s5.2.6: the care-of test must have been run for the CoA the BU
     * registers; after a move it is run again. */
    if (!e->rr_dereg && (!mn->have_coa || !ms_in6_equal(&e->cot_coa, &mn->coa))) {
        ms__mn_rr_start(mn, &e->peer, false);
        return;
    }
    ms_timer_stop(ms__mn_sched(mn), &e->rr_timer);
    e->rr_state = MS_MN_RR_DONE;
    MS__MN_CTR(mn, rr_done)++;
    /* s5.2.5: Kbm = SHA-1 (home keygen token | care-of keygen token), or
     * SHA-1 (home keygen token) for a deletion. */
    int rc = ms_rr_kbm(e->home_token, e->rr_dereg ? NULL : &e->careof_token, e->kbm);
    if (rc < 0) {
        ro_stop(e, "Kbm computation failed");
        return;
    }
    ms__mn_cn_bu_start(e);
    if (e->state == MS_MN_BUL_RR) {
        /* The BU could not be sent (home registration gone meanwhile). */
        if (e->bound)
            e->state = MS_MN_BUL_BOUND;
        else
            ms__mn_bul_del(e);
    }
}

void
ms__mn_on_hot(struct ms_mn *mn, const struct ms_rx *rx, const struct ms_mh *mh)
{
    struct ms_mn_bul_entry *e = ms__mn_bul_find(mn, &rx->ip6.src);
    /* s11.6.2: RR in progress with this correspondent, no home token yet,
     * addressed to the home address and (away) tunnelled by the home agent,
     * cookie matching.  Anything else is silently ignored. */
    if (e == NULL || e->home_reg || e->rr_state != MS_MN_RR_WAITING || e->have_hot)
        return;
    if (!ms_in6_equal(&rx->ip6.dst, &mn->cfg.hoa))
        return;
    if (!mn->at_home && (!rx->tunnelled || !mn->ha_known || !ms_in6_equal(&rx->outer.src, &mn->ha)))
        return;
    if (mh->u.hot.cookie != e->hoti_cookie)
        return;
    e->have_hot = true;
    e->home_token = mh->u.hot.keygen_token;
    e->home_nonce_index = mh->u.hot.nonce_index;
    MS__MN_CTR(mn, hot_rx)++;
    rr_check_done(e);
}

void
ms__mn_on_cot(struct ms_mn *mn, const struct ms_rx *rx, const struct ms_mh *mh)
{
    struct ms_mn_bul_entry *e = ms__mn_bul_find(mn, &rx->ip6.src);
    /* s11.6.2: RR in progress, no care-of token yet, addressed to the
     * current care-of address, cookie matching. */
    if (e == NULL || e->home_reg || e->rr_state != MS_MN_RR_WAITING || e->have_cot)
        return;
    if (!mn->have_coa || rx->tunnelled || !ms_in6_equal(&rx->ip6.dst, &mn->coa))
        return;
    if (mh->u.cot.cookie != e->coti_cookie)
        return;
    e->have_cot = true;
    e->careof_token = mh->u.cot.keygen_token;
    e->careof_nonce_index = mh->u.cot.nonce_index;
    e->cot_coa = mn->coa;
    MS__MN_CTR(mn, cot_rx)++;
    rr_check_done(e);
}

void
ms__mn_rr_after_home_ba(struct ms_mn *mn)
{
    /* s11.7.2: after registering a new primary care-of address, a
     * correspondent registration for each node in the list; others MAY
     * (here: the configured ones). */
    for (uint8_t i = 0; i < mn->cfg.n_ro_cns; i++) {
        if (ms__mn_bul_find(mn, &mn->cfg.ro_cns[i]) == NULL)
            ms__mn_rr_start(mn, &mn->cfg.ro_cns[i], false);
    }
    for (unsigned i = 0; i < MS_MN_BUL_MAX; i++) {
        struct ms_mn_bul_entry *e = ms__mn_bul_slot(mn, i);
        if (e == NULL || e->home_reg || e->no_more_bu || e->rr_state == MS_MN_RR_WAITING)
            continue;
        if (ms__mn_bul_usable(mn, e))
            continue;
        if (e->state == MS_MN_BUL_WAIT_BA && ms_in6_equal(&e->coa, &mn->coa))
            continue;
        ms__mn_rr_start(mn, &e->peer, false);
    }
}

void
ms__mn_rr_home(struct ms_mn *mn)
{
    /* s11.7.2: at home, a BU with lifetime 0 and CoA = HoA deletes the
     * correspondent's binding; it still needs the home test. */
    for (unsigned i = 0; i < MS_MN_BUL_MAX; i++) {
        struct ms_mn_bul_entry *e = ms__mn_bul_slot(mn, i);
        if (e == NULL || e->home_reg)
            continue;
        ms_timer_stop(ms__mn_sched(mn), &e->rr_timer);
        e->rr_state = MS_MN_RR_NONE;
        if (e->bound && !e->no_more_bu && e->expires_ns > ms__mn_now(mn)) {
            e->state = MS_MN_BUL_BOUND;
            ms__mn_rr_start(mn, &e->peer, true);
        } else {
            ms__mn_bul_del(e);
        }
    }
}

void
ms__mn_on_brr(struct ms_mn *mn, const struct ms_rx *rx)
{
    struct ms_mn_bul_entry *e = ms__mn_bul_find(mn, &rx->ip6.src);
    if (e == NULL)
        return; /* s11.7.4: never for peers outside the list */
    MS__MN_CTR(mn, brr_rx)++;
    if (e->home_reg) {
        if (!mn->at_home)
            ms__mn_home_register(mn);
        return;
    }
    /* s11.7.4: to keep the binding, a new return routability run, then a
     * BU extending the lifetime. */
    if (ms__mn_ro_wanted(mn, &e->peer) && !e->no_more_bu && e->rr_state != MS_MN_RR_WAITING)
        ms__mn_rr_start(mn, &e->peer, false);
}

void
ms__mn_on_be(struct ms_mn *mn, const struct ms_rx *rx, const struct ms_mh *mh)
{
    struct ms_mn_bul_entry *e = ms__mn_bul_find(mn, &rx->ip6.src);
    if (e == NULL)
        return; /* s11.3.6: "MUST ignore the message" */
    MS__MN_CTR(mn, be_rx)++;
    if (!ms_in6_is_unspecified(&mh->u.be.hoa) && !ms_in6_equal(&mh->u.be.hoa, &mn->cfg.hoa))
        return;
    if (mh->u.be.status == MS_BE_UNKNOWN_BINDING) {
        if (e->home_reg) {
            /* s11.3.6: from the home agent: a new home registration,
             * unless one for the current CoA is on its way already. */
            bool in_flight =
                e->state == MS_MN_BUL_WAIT_BA && mn->have_coa && ms_in6_equal(&e->coa, &mn->coa);
            if (!mn->at_home && !in_flight)
                ms__mn_home_register(mn);
            return;
        }
        /* Without upper-layer progress information: remove the binding and
         * route through the home agent. */
        ro_stop(e, "Binding Error: unknown binding");
        return;
    }
    if (mh->u.be.status == MS_BE_UNRECOGNIZED_MH && !e->home_reg &&
        (e->state == MS_MN_BUL_WAIT_BA || e->state == MS_MN_BUL_RR))
        ro_stop(e, "Binding Error: MH type not recognised");
}

int
ms__mn_on_param_prob(struct ms_mn *mn, struct ms_pkt *pkt, const struct ms_rx *rx)
{
    if (rx->l4_off > pkt->len || rx->l4_len > pkt->len - rx->l4_off)
        return MS_ROLE_PASS;
    struct ms_icmp6 ic;
    const uint8_t *p = pkt->data + rx->l4_off;
    if (ms_icmp6_decode(p, rx->l4_len, &ic) != 0 || ic.type != MS_ICMP6_PARAM_PROB)
        return MS_ROLE_PASS;
    /* The invoking packet may be cut short: only its fixed header's
     * destination is needed. */
    if (ic.body_len < MS_IP6_HLEN)
        return MS_ROLE_PASS;
    struct in6_addr inv_dst;
    memcpy(&inv_dst, p + ic.body_off + MS_IP6_OFF_DST, 16);
    struct ms_mn_bul_entry *e = ms__mn_bul_find(mn, &inv_dst);
    if (e == NULL || e->home_reg)
        return MS_ROLE_PASS;
    if (ic.code == MS_ICMP6_PARAMPROB_NEXT_HEADER) {
        /* s11.3.5 / s11.6.2: the correspondent does not know the Mobility
         * Header: no route optimisation with it (new entries are never
         * created from ICMP errors: e exists). */
        ro_stop(e, "ICMP Parameter Problem: Mobility Header not recognised");
    } else if (ic.code == MS_ICMP6_PARAMPROB_OPTION) {
        ms_log(ms__mn_log(mn), MS_LOG_WARN, ms__mn_name(mn),
               "mn: correspondent does not support the Home Address option (s11.3.5)");
    } else {
        return MS_ROLE_PASS;
    }
    ms_pkt_free(pkt);
    return MS_ROLE_CONSUMED;
}

int
ms__mn_ro_output(struct ms_mn *mn, struct ms_pkt *pkt)
{
    /* s11.3.1: the packet was built with the home address as source
     * (upper-layer checksums included); insert a Home Address option with
     * it and put the care-of address in the Source Address field. */
    uint8_t hdr[MS_IP6_HLEN];
    if (pkt->len < MS_IP6_HLEN) {
        ms_node_drop(mn->role.node, pkt, MS_ETRUNC, "mn: route optimisation");
        return MS_ETRUNC;
    }
    memcpy(hdr, pkt->data, MS_IP6_HLEN);
    uint16_t plen = ms_rd16(hdr + MS_IP6_OFF_PLEN);
    uint8_t nh = hdr[MS_IP6_OFF_NH];
    if ((uint32_t)plen + MS_EXT_DSTOPT_HAO_LEN > 0xFFFF ||
        ms_pkt_headroom(pkt) < MS_EXT_DSTOPT_HAO_LEN + MS_IP6_HLEN + 16) {
        MS__MN_CTR(mn, tunnelled_out)++;
        return ms__mn_tunnel_output(mn, pkt);
    }
    uint8_t *p = ms_pkt_push(pkt, MS_EXT_DSTOPT_HAO_LEN);
    memcpy(p, hdr, MS_IP6_HLEN);
    ms_ext_dstopt_hao_encode(&mn->cfg.hoa, nh, p + MS_IP6_HLEN, MS_EXT_DSTOPT_HAO_LEN);
    p[MS_IP6_OFF_NH] = MS_IPPROTO_DSTOPTS;
    ms_wr16(p + MS_IP6_OFF_PLEN, (uint16_t)(plen + MS_EXT_DSTOPT_HAO_LEN));
    memcpy(p + MS_IP6_OFF_SRC, &mn->coa, 16);
    MS__MN_CTR(mn, ro_out)++;
    return ms__mn_output(mn, pkt);
}

void
ms__mn_rr_on_tunnelled(struct ms_mn *mn, const struct in6_addr *cn)
{
    if (mn->at_home || !mn->have_coa || !ms__mn_ro_wanted(mn, cn))
        return;
    if (!ms_in6_is_routable_unicast(cn))
        return;
    const struct ms_mn_bul_entry *e = ms__mn_bul_find(mn, cn);
    if (e != NULL) {
        if (e->home_reg || e->no_more_bu || e->rr_state == MS_MN_RR_WAITING ||
            ms__mn_bul_usable(mn, e) ||
            (e->state == MS_MN_BUL_WAIT_BA && ms_in6_equal(&e->coa, &mn->coa)))
            return;
    }
    ms__mn_rr_start(mn, cn, false);
}
