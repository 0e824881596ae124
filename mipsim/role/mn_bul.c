/* Mobile node: the Binding Update List (RFC 6275 s11.1), Binding Updates to
 * the home agent and correspondents with retransmission and refresh
 * (s11.7.1, s11.7.2, s11.8), Binding Acknowledgement processing (s11.7.3)
 * and the queue of packets waiting for a registration. */
#include "role/mn_bul.h"

#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "wire/codepoints.h"
#include "wire/err.h"
#include "wire/ipv6.h"
#include "wire/mh.h"

static void bu_retx_cb(struct ms_timer *t);
static void bu_refresh_cb(struct ms_timer *t);
static void bu_expire_cb(struct ms_timer *t);

void
ms__mn_bul_init(struct ms_mn *mn)
{
    for (unsigned i = 0; i < MS_MN_BUL_MAX; i++)
        mn->bul[i] = NULL;
}

static void
entry_stop_timers(struct ms_mn_bul_entry *e)
{
    struct ms_sched *s = ms__mn_sched(e->mn);
    ms_timer_stop(s, &e->retx_timer);
    ms_timer_stop(s, &e->refresh_timer);
    ms_timer_stop(s, &e->expire_timer);
    ms_timer_stop(s, &e->rr_timer);
}

void
ms__mn_bul_fini(struct ms_mn *mn)
{
    for (unsigned i = 0; i < MS_MN_BUL_MAX; i++) {
        if (mn->bul[i] == NULL)
            continue;
        ms__mn_bul_del(mn->bul[i]);
        free(mn->bul[i]);
        mn->bul[i] = NULL;
    }
}

struct ms_mn_bul_entry *
ms__mn_bul_find(struct ms_mn *mn, const struct in6_addr *peer)
{
    for (unsigned i = 0; i < MS_MN_BUL_MAX; i++) {
        struct ms_mn_bul_entry *e = ms__mn_bul_slot(mn, i);
        if (e != NULL && ms_in6_equal(&e->peer, peer))
            return e;
    }
    return NULL;
}

struct ms_mn_bul_entry *
ms__mn_bul_home(struct ms_mn *mn)
{
    for (unsigned i = 0; i < MS_MN_BUL_MAX; i++) {
        struct ms_mn_bul_entry *e = ms__mn_bul_slot(mn, i);
        if (e != NULL && e->home_reg)
            return e;
    }
    return NULL;
}

struct ms_mn_bul_entry *
ms__mn_bul_add(struct ms_mn *mn, const struct in6_addr *peer, bool home_reg)
{
    for (unsigned i = 0; i < MS_MN_BUL_MAX; i++) {
        if (mn->bul[i] == NULL) {
            mn->bul[i] = calloc(1, sizeof *mn->bul[i]);
            if (mn->bul[i] == NULL)
                return NULL;
        }
        struct ms_mn_bul_entry *e = mn->bul[i];
        if (e->used)
            continue;
        memset(e, 0, sizeof *e);
        e->used = true;
        e->mn = mn;
        e->peer = *peer;
        e->home_reg = home_reg;
        e->last_status = -1;
        /* s11.7.2: "If the sending mobile node has no Binding Update List
         * entry, the Sequence Number SHOULD start at a random value." */
        e->seq = (uint16_t)ms_rng_u64(&mn->role.node->rng);
        e->seq_set = false;
        ms_timer_init(&e->retx_timer, bu_retx_cb, e);
        ms_timer_init(&e->refresh_timer, bu_refresh_cb, e);
        ms_timer_init(&e->expire_timer, bu_expire_cb, e);
        ms__mn_rr_init(e);
        return e;
    }
    return NULL;
}

void
ms__mn_bul_del(struct ms_mn_bul_entry *e)
{
    if (!e->used)
        return;
    entry_stop_timers(e);
    struct ms_mn *mn = e->mn;
    memset(e, 0, sizeof *e);
    e->mn = mn;
}

bool
ms__mn_bul_usable(const struct ms_mn *mn, const struct ms_mn_bul_entry *e)
{
    /* s11.3.1: the entry names a current CoA, the binding was created and
     * its remaining lifetime is above zero. */
    return e != NULL && e->bound && mn->have_coa && ms_in6_equal(&e->bound_coa, &mn->coa) &&
           e->expires_ns > ms__mn_now(mn);
}

uint32_t
ms__mn_addr_valid_s(const struct ms_mn *mn, const struct in6_addr *a)
{
    const struct ms_addr *ad = ms_addr_find(mn->role.node, a);
    if (ad == NULL)
        return 0;
    if (ad->valid_until_ns == MS_TIME_NEVER)
        return UINT32_MAX;
    int64_t left = ad->valid_until_ns - ms__mn_now(mn);
    if (left <= 0)
        return 0;
    int64_t s = left / MS_NS_PER_S;
    return s > (int64_t)UINT32_MAX ? UINT32_MAX : (uint32_t)s;
}

/* ---- rate limit (s11.8: at most MAX_UPDATE_RATE BUs a second per peer) ---- */

static int64_t
rate_next_ok(const struct ms_mn_bul_entry *e, int64_t now)
{
    /* rate_hist holds the last MAX_UPDATE_RATE send times once that many
     * BUs went out. */
    if (e->bu_sent < MS_MN_MAX_UPDATE_RATE)
        return now;
    int64_t ok = e->rate_hist[0] + MS_NS_PER_S;
    return ok > now ? ok : now;
}

static void
rate_note(struct ms_mn_bul_entry *e, int64_t now)
{
    for (unsigned i = 0; i + 1 < MS_MN_MAX_UPDATE_RATE; i++)
        e->rate_hist[i] = e->rate_hist[i + 1];
    e->rate_hist[MS_MN_MAX_UPDATE_RATE - 1] = now;
}

/* ---- sending BUs ---- */

/* Transmits the BU described by e (sequence number already chosen). */
static void
bu_transmit(struct ms_mn_bul_entry *e)
{
    struct ms_mn *mn = e->mn;
    const struct in6_addr *hoa = &mn->cfg.hoa;
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_BU);
    m.u.bu.seq = e->seq;
    m.u.bu.flags = e->flags;
    m.u.bu.lifetime_s = e->lifetime_sent_s;

    /* From the home link (deregistration, s11.5.5) the source is the home
     * address and there is no Home Address option; away, the source is the
     * care-of address and the home address travels in the option
     * (s11.7.1, s11.7.2). */
    bool from_home = mn->at_home;
    const struct in6_addr *src = from_home ? hoa : &mn->coa;
    const struct in6_addr *hao = from_home ? NULL : hoa;
    if (!from_home && !mn->have_coa) {
        ms_log(ms__mn_log(mn), MS_LOG_DEBUG, ms__mn_name(mn),
               "mn: no care-of address, BU not sent");
        return;
    }
    const uint8_t *kbm = NULL;
    if (e->home_reg) {
        if (mn->cfg.alt_coa_opt && !e->dereg) {
            m.opts.present |= MS_MH_OPTS_ALT_COA;
            m.opts.alt_coa = e->coa;
        }
    } else {
        /* s5.2.6: Nonce Indices, then Binding Authorization Data, last.
         * s11.7.2: for a deletion the care-of nonce index SHOULD be 0. */
        m.opts.present |= MS_MH_OPTS_NONCE;
        m.opts.home_nonce_index = e->home_nonce_index;
        m.opts.careof_nonce_index = e->dereg ? 0 : e->careof_nonce_index;
        kbm = e->kbm;
    }
    int64_t now = ms__mn_now(mn);
    int rc = ms__mn_send_mh(mn, &m, src, &e->peer, hao, false, kbm, &e->coa);
    if (rc < 0) {
        ms_log(ms__mn_log(mn), MS_LOG_WARN, ms__mn_name(mn), "mn: BU not sent: %s",
               ms_strerror(rc));
        return;
    }
    e->sent_ns = now;
    e->bu_sent++;
    MS__MN_CTR(mn, bu_sent)++;
    rate_note(e, now);
    if (e->home_reg && mn->ho_bu_wanted) {
        mn->ho_bu_wanted = false;
        ms__mn_ho_mark(mn, MS_HO_BU_SENT);
    }
}

/* Starts a new BU to e->peer for e->coa: new sequence number (s11.7.1:
 * modulo 2^16), fresh back-off (s11.8), retransmission timer. */
static void
bu_start(struct ms_mn_bul_entry *e, bool first_reg)
{
    struct ms_mn *mn = e->mn;
    struct ms_sched *s = ms__mn_sched(mn);
    ms_timer_stop(s, &e->retx_timer);
    ms_timer_stop(s, &e->refresh_timer);
    e->seq = (uint16_t)(e->seq + 1u);
    e->seq_set = true;
    e->retx = 0;
    /* s11.8: InitialBindackTimeoutFirstReg when the HA has no binding for
     * us (it must run DAD first, s10.3.1), else INITIAL_BINDACK_TIMEOUT. */
    e->backoff_ns = first_reg ? mn->cfg.initial_bindack_first_reg_ns : mn->cfg.initial_bindack_ns;
    bool ack = (e->flags & MS_BU_F_A) != 0;
    e->state = ack ? MS_MN_BUL_WAIT_BA : MS_MN_BUL_BOUND;
    int64_t now = ms__mn_now(mn);
    int64_t ok = rate_next_ok(e, now);
    if (ok > now) {
        e->deferred = true;
        ms_timer_start_at(s, &e->retx_timer, ok);
        return;
    }
    e->deferred = false;
    bu_transmit(e);
    if (ack) {
        ms_timer_start(s, &e->retx_timer, e->backoff_ns);
    } else {
        /* No acknowledgement asked (a correspondent with cn_ack off): the
         * binding is assumed from the moment the BU leaves. */
        e->bound = e->lifetime_sent_s > 0;
        e->bound_coa = e->coa;
        e->lifetime_granted_s = e->lifetime_sent_s;
        e->expires_ns = e->sent_ns + (int64_t)e->lifetime_sent_s * MS_NS_PER_S;
        if (e->bound)
            ms_timer_start_at(s, &e->expire_timer, e->expires_ns);
    }
}

static uint32_t
lifetime_round(uint32_t s)
{
    /* What the 4-second wire field can carry, so the list shows what the
     * peer sees (RFC 6275 s6.1.7). */
    return ms_mh_lifetime_from_wire(MS_MH_BU, ms_mh_lifetime_to_wire(MS_MH_BU, s));
}

static bool
ha_has_binding(const struct ms_mn *mn, const struct ms_mn_bul_entry *e)
{
    return e != NULL && e->bound && e->expires_ns > ms__mn_now(mn);
}

void
ms__mn_home_register(struct ms_mn *mn)
{
    if (mn->at_home || !mn->have_coa || !mn->ha_known)
        return;
    struct ms_mn_bul_entry *e = ms__mn_bul_home(mn);
    if (e != NULL && !ms_in6_equal(&e->peer, &mn->ha)) {
        ms__mn_bul_del(e);
        e = NULL;
    }
    if (e == NULL)
        e = ms__mn_bul_add(mn, &mn->ha, true);
    if (e == NULL) {
        ms_log(ms__mn_log(mn), MS_LOG_WARN, ms__mn_name(mn), "mn: binding update list full");
        return;
    }
    if (e->no_more_bu) {
        ms_log(ms__mn_log(mn), MS_LOG_INFO, ms__mn_name(mn),
               "mn: home registration refused earlier, not retried (s11.7.3)");
        return;
    }
    /* s11.7.1: lifetime non-zero and not above the remaining valid lifetime
     * of the home address and of the care-of address. */
    uint32_t life = mn->cfg.lifetime_s;
    uint32_t v = ms__mn_addr_valid_s(mn, &mn->coa);
    if (v < life)
        life = v;
    v = ms__mn_addr_valid_s(mn, &mn->cfg.hoa);
    if (v < life)
        life = v;
    life = lifetime_round(life);
    if (life == 0)
        life = 4; /* the smallest non-zero lifetime the field carries */
    bool first = !ha_has_binding(mn, e);
    e->coa = mn->coa;
    e->dereg = false;
    e->lifetime_sent_s = life;
    /* s11.7.1: A and H; L when the link-local address shares the home
     * address's interface identifier (and configured, see mn.h); K clear:
     * no key management protocol runs. */
    e->flags = MS_BU_F_A | MS_BU_F_H;
    if (mn->cfg.l_flag) {
        struct ms_iface *ifc = mn->radio;
        for (unsigned i = 0; i < MS_IFACE_MAX_ADDRS; i++) {
            const struct ms_addr *a = &ifc->addrs[i];
            if (a->state != MS_ADDR_NONE && ms_in6_is_linklocal(&a->addr) &&
                memcmp(a->addr.s6_addr + 8, mn->cfg.hoa.s6_addr + 8, 8) == 0)
                e->flags |= MS_BU_F_L;
        }
    }
    e->resyncs = 0;
    char c[MS_IN6_STRLEN];
    ms_in6_format(&mn->coa, c, sizeof c);
    ms_log(ms__mn_log(mn), MS_LOG_INFO, ms__mn_name(mn),
           "mn: home registration coa=%s lifetime=%us%s", c, life, first ? " (first)" : "");
    bu_start(e, first);
}

void
ms__mn_home_deregister(struct ms_mn *mn)
{
    struct ms_mn_bul_entry *e = ms__mn_bul_home(mn);
    if (e == NULL || !mn->ha_known)
        return;
    /* s11.5.5: A and H, lifetime zero, care-of address = home address,
     * source = home address. */
    e->coa = mn->cfg.hoa;
    e->dereg = true;
    e->lifetime_sent_s = 0;
    e->flags = MS_BU_F_A | MS_BU_F_H;
    e->resyncs = 0;
    MS__MN_CTR(mn, dereg_sent)++;
    ms_log(ms__mn_log(mn), MS_LOG_INFO, ms__mn_name(mn), "mn: back home, deregistering");
    bu_start(e, false);
}

void
ms__mn_cn_bu_start(struct ms_mn_bul_entry *e)
{
    struct ms_mn *mn = e->mn;
    if (e->no_more_bu)
        return;
    if (e->rr_dereg) {
        e->coa = mn->cfg.hoa;
        e->dereg = true;
        e->lifetime_sent_s = 0;
    } else {
        /* s5.2.6 / s11.7.2: at most MAX_RR_BINDING_LIFETIME and the
         * remaining home registration and care-of address lifetimes. */
        uint32_t life = mn->cfg.cn_lifetime_s;
        const struct ms_mn_bul_entry *h = ms__mn_bul_home(mn);
        int64_t now = ms__mn_now(mn);
        if (h == NULL || !h->bound || h->expires_ns <= now)
            return;
        int64_t hl = (h->expires_ns - now) / MS_NS_PER_S;
        if (hl < (int64_t)life)
            life = (uint32_t)hl;
        uint32_t v = ms__mn_addr_valid_s(mn, &mn->coa);
        if (v < life)
            life = v;
        life = lifetime_round(life);
        if (life == 0)
            return;
        e->coa = mn->coa;
        e->dereg = false;
        e->lifetime_sent_s = life;
    }
    e->flags = mn->cfg.cn_ack ? MS_BU_F_A : 0;
    bu_start(e, false);
}

/* Retransmission timer: s11.8 exponential back-off up to
 * MAX_BINDACK_TIMEOUT, each retransmission with a new sequence number. */
static void
bu_retx_cb(struct ms_timer *t)
{
    struct ms_mn_bul_entry *e = t->data;
    struct ms_mn *mn = e->mn;
    struct ms_sched *s = ms__mn_sched(mn);
    if (e->deferred) {
        /* The first transmission, held back by MAX_UPDATE_RATE. */
        e->deferred = false;
        bu_transmit(e);
        if ((e->flags & MS_BU_F_A) != 0)
            ms_timer_start(s, &e->retx_timer, e->backoff_ns);
        return;
    }
    if (e->state != MS_MN_BUL_WAIT_BA)
        return;
    if (e->backoff_ns >= mn->cfg.max_bindack_ns && !mn->cfg.bu_retry_forever) {
        MS__MN_CTR(mn, bu_gave_up)++;
        char p[MS_IN6_STRLEN];
        ms_in6_format(&e->peer, p, sizeof p);
        ms_log(ms__mn_log(mn), MS_LOG_WARN, ms__mn_name(mn),
               "mn: no BA from %s after %u retransmissions, giving up", p, e->retx);
        if (e->home_reg && e->dereg) {
            /* Back home and the HA is silent: its binding will expire; the
             * home address is used on the link from now on. */
            ms__mn_bul_del(e);
            ms__mn_home_done(mn);
            return;
        }
        e->state = e->bound && e->expires_ns > ms__mn_now(mn) ? MS_MN_BUL_BOUND : MS_MN_BUL_FAILED;
        if (e->home_reg) {
            /* s11.7.1: "restart the process of delivering the Binding
             * Update, but trying instead the next home agent". */
            ms__mn_ha_next(mn);
        } else {
            MS__MN_CTR(mn, ro_stopped)++;
            e->no_more_bu = true;
        }
        return;
    }
    int64_t next = e->backoff_ns * 2;
    if (next > mn->cfg.max_bindack_ns)
        next = mn->cfg.max_bindack_ns;
    e->backoff_ns = next;
    /* s11.8: "Retransmitted Binding Updates MUST use a Sequence Number
     * value greater than that used for the previous transmission". */
    e->seq = (uint16_t)(e->seq + 1u);
    e->retx++;
    MS__MN_CTR(mn, bu_retx)++;
    bu_transmit(e);
    ms_timer_start(s, &e->retx_timer, e->backoff_ns);
}

/* Refresh before the granted lifetime runs out (s11.7.1, s11.7.3). */
static void
bu_refresh_cb(struct ms_timer *t)
{
    struct ms_mn_bul_entry *e = t->data;
    struct ms_mn *mn = e->mn;
    if (!e->bound || e->no_more_bu || mn->at_home)
        return;
    MS__MN_CTR(mn, refreshes)++;
    if (e->home_reg) {
        if (mn->have_coa && ms_in6_equal(&e->bound_coa, &mn->coa))
            ms__mn_home_register(mn);
        return;
    }
    /* Correspondent: the keygen tokens age out (MAX_TOKEN_LIFETIME), so a
     * refresh runs return routability again (s11.7.4 style). */
    ms__mn_rr_start(mn, &e->peer, false);
}

static void
bu_expire_cb(struct ms_timer *t)
{
    struct ms_mn_bul_entry *e = t->data;
    struct ms_mn *mn = e->mn;
    char p[MS_IN6_STRLEN];
    ms_in6_format(&e->peer, p, sizeof p);
    ms_log(ms__mn_log(mn), MS_LOG_INFO, ms__mn_name(mn), "mn: binding with %s expired", p);
    e->bound = false;
    if (e->state == MS_MN_BUL_BOUND)
        e->state = MS_MN_BUL_EXPIRED;
    /* s11.1: an expired entry "MUST be deleted".  The home entry is kept
     * (state expired) so that views show what happened; nothing routes
     * through it since it is no longer bound. */
    if (!e->home_reg && e->state != MS_MN_BUL_WAIT_BA && e->state != MS_MN_BUL_RR)
        ms__mn_bul_del(e);
}

/* ---- Binding Acknowledgement (s11.7.3) ---- */

static void
ba_accepted(struct ms_mn *mn, struct ms_mn_bul_entry *e, const struct ms_mh *mh)
{
    struct ms_sched *s = ms__mn_sched(mn);
    ms_timer_stop(s, &e->retx_timer);
    e->resyncs = 0;
    e->ro_failures = 0;
    if (e->dereg) {
        bool home = e->home_reg;
        ms__mn_bul_del(e);
        if (home) {
            ms__mn_ho_ba(mn, mh->u.ba.status);
            ms__mn_home_done(mn);
        }
        return;
    }
    /* s11.7.3: remaining = max(L_remain - (L_update - L_ack), 0), i.e. the
     * granted lifetime counted from when the BU was sent. */
    uint32_t granted = mh->u.ba.lifetime_s;
    if (granted > e->lifetime_sent_s)
        granted = e->lifetime_sent_s;
    e->lifetime_granted_s = granted;
    e->expires_ns = e->sent_ns + (int64_t)granted * MS_NS_PER_S;
    e->bound = granted > 0 && e->expires_ns > ms__mn_now(mn);
    e->bound_coa = e->coa;
    e->state = e->bound ? MS_MN_BUL_BOUND : MS_MN_BUL_EXPIRED;
    ms_timer_stop(s, &e->expire_timer);
    ms_timer_stop(s, &e->refresh_timer);
    if (e->bound) {
        ms_timer_start_at(s, &e->expire_timer, e->expires_ns);
        /* Refresh at refresh_percent of the lifetime, or sooner when the
         * home agent's Binding Refresh Advice says so (s11.7.3; the option
         * MUST be ignored from a correspondent). */
        int64_t after = (int64_t)granted * MS_NS_PER_S * mn->cfg.refresh_percent / 100;
        e->refresh_s = 0;
        if (e->home_reg && (mh->opts.present & MS_MH_OPTS_BRA) != 0 && mh->opts.refresh_s > 0) {
            e->refresh_s = mh->opts.refresh_s;
            if ((int64_t)e->refresh_s * MS_NS_PER_S < after)
                after = (int64_t)e->refresh_s * MS_NS_PER_S;
        }
        ms_timer_start_at(s, &e->refresh_timer, e->sent_ns + after);
    }
    if (!e->home_reg)
        return;
    ms__mn_ho_ba(mn, mh->u.ba.status);
    /* Packets that waited for the registration go now (reverse tunnel or
     * route optimisation). */
    ms__mn_queue_flush(mn);
    /* s11.7.3: status 1 "SHOULD send a Mobile Prefix Solicitation"; so
     * does a home address about to become invalid (s11.4.2).  Only now: the
     * solicitation carries a Home Address option, which the home agent
     * accepts once it holds our binding (s9.3.1). */
    int64_t lead = mn->cfg.mps_lead_ns > 0 ? mn->cfg.mps_lead_ns
                                           : 2 * (int64_t)mn->cfg.lifetime_s * MS_NS_PER_S;
    uint32_t hv = ms__mn_addr_valid_s(mn, &mn->cfg.hoa);
    if (mh->u.ba.status == MS_BA_ACCEPTED_PREFIX_DISC ||
        (hv != UINT32_MAX && (int64_t)hv * MS_NS_PER_S < lead))
        ms__mn_mps_start(mn);
    ms__mn_rr_after_home_ba(mn);
}

static void
ba_rejected(struct ms_mn *mn, struct ms_mn_bul_entry *e, uint8_t status)
{
    struct ms_sched *s = ms__mn_sched(mn);
    ms_timer_stop(s, &e->retx_timer);
    char p[MS_IN6_STRLEN];
    ms_in6_format(&e->peer, p, sizeof p);
    ms_log(ms__mn_log(mn), MS_LOG_WARN, ms__mn_name(mn),
           "mn: BA from %s rejected the BU: status %u", p, status);
    if (e->home_reg)
        ms__mn_ho_ba(mn, status);
    if (e->home_reg && e->dereg) {
        /* The home agent refuses to delete: nothing more the mobile node can
         * do from the home link; the binding will expire there. */
        ms__mn_bul_del(e);
        ms__mn_home_done(mn);
        return;
    }
    switch (status) {
    case MS_BA_EXPIRED_HOME_NONCE:
    case MS_BA_EXPIRED_COA_NONCE:
    case MS_BA_EXPIRED_NONCES:
        /* s5.2.7 / s9.5.1: tokens too old: a fresh return routability run,
         * at most MAX_RO_FAILURE (3) times in a row. */
        if (!e->home_reg && ++e->ro_failures <= 3) {
            e->state = MS_MN_BUL_RR;
            ms__mn_rr_start(mn, &e->peer, e->rr_dereg);
            return;
        }
        break;
    case MS_BA_PROHIBITED:
    case MS_BA_INSUFFICIENT_RESOURCES:
    case MS_BA_HOME_REG_NOT_SUPPORTED:
    case MS_BA_NOT_HOME_SUBNET:
    case MS_BA_NOT_HA_FOR_MN:
        /* s11.4.1: another discovered home agent may accept us. */
        if (e->home_reg) {
            e->state = MS_MN_BUL_FAILED;
            if (ms__mn_ha_next(mn))
                return;
        }
        break;
    default:
        /* 134 (DAD failed): s11.7.1 "MUST NOT attempt to re-use the same
         * home address".  Others: record and stop (s11.7.3). */
        break;
    }
    e->state = e->bound && e->expires_ns > ms__mn_now(mn) ? MS_MN_BUL_BOUND : MS_MN_BUL_FAILED;
    e->no_more_bu = true;
    if (!e->home_reg)
        MS__MN_CTR(mn, ro_stopped)++;
}

void
ms__mn_on_ba(struct ms_mn *mn, struct ms_pkt *pkt, const struct ms_rx *rx, const struct ms_mh *mh)
{
    struct ms_mn_bul_entry *e = ms__mn_bul_find(mn, &rx->ip6.src);
    const struct ms_mh_ba *ba = &mh->u.ba;
    if (e == NULL || e->state != MS_MN_BUL_WAIT_BA || e->deferred) {
        MS__MN_CTR(mn, ba_ignored)++;
        return;
    }
    /* s11.7.3 first test: a correspondent's BA MUST carry a valid Binding
     * Authorization Data option (computed over the BA with the Kbm of the
     * BU); the home agent's is protected by MN-HA security (none here). */
    if (!e->home_reg) {
        if ((mh->opts.present & MS_MH_OPTS_BAD) == 0 || rx->l4_off > pkt->len ||
            rx->l4_len > pkt->len - rx->l4_off ||
            ms_rr_mh_verify(e->kbm, &e->coa, &e->peer, pkt->data + rx->l4_off, rx->l4_len) != 0) {
            MS__MN_CTR(mn, ba_ignored)++;
            ms_log(ms__mn_log(mn), MS_LOG_INFO, ms__mn_name(mn),
                   "mn: BA without valid authorization data ignored");
            return;
        }
    }
    /* RFC 6275 s9.5.4 / s6.4: a BA to a care-of address travels with a
     * Type 2 Routing Header holding the home address. */
    if (rx->has_rh2 && !ms_in6_equal(&rx->rh2_hoa, &mn->cfg.hoa)) {
        MS__MN_CTR(mn, ba_ignored)++;
        return;
    }
    if (!e->dereg && !mn->at_home && !rx->has_rh2) {
        MS__MN_CTR(mn, ba_ignored)++;
        ms_log(ms__mn_log(mn), MS_LOG_INFO, ms__mn_name(mn),
               "mn: BA to the care-of address without a Type 2 Routing Header ignored");
        return;
    }
    if (ba->status == MS_BA_SEQ_OUT_OF_WINDOW) {
        /* s11.7.1 / s11.7.3: take the sequence number the peer last
         * accepted and send the next one. */
        ms__mn_count_ba(mn, ba->status);
        MS__MN_CTR(mn, seq_resync)++;
        e->last_status = ba->status;
        if (++e->resyncs > 3) {
            ba_rejected(mn, e, ba->status);
            return;
        }
        e->seq = ba->seq;
        uint8_t resyncs = e->resyncs;
        bu_start(e, e->home_reg && !ha_has_binding(mn, e));
        e->resyncs = resyncs;
        return;
    }
    if (ba->seq != e->seq) {
        MS__MN_CTR(mn, ba_ignored)++;
        return;
    }
    ms__mn_count_ba(mn, ba->status);
    e->last_status = ba->status;
    if (ms_log_enabled(ms__mn_log(mn), MS_LOG_INFO)) {
        char p[MS_IN6_STRLEN];
        ms_in6_format(&e->peer, p, sizeof p);
        ms_log(ms__mn_log(mn), MS_LOG_INFO, ms__mn_name(mn),
               "mn: BA from %s status %u seq %u lifetime %us", p, ba->status, ba->seq,
               ba->lifetime_s);
    }
    if (ba->status < 128)
        ba_accepted(mn, e, mh);
    else
        ba_rejected(mn, e, ba->status);
}

/* ---- the registration queue ---- */

void
ms__mn_queue_push(struct ms_mn *mn, struct ms_pkt *pkt)
{
    if (mn->q_len >= mn->cfg.queue_max) {
        MS__MN_CTR(mn, queue_overflow)++;
        ms_node_drop(mn->role.node, pkt, MS_EQUEUE_FULL, "mn: registration queue");
        return;
    }
    pkt->next = NULL;
    if (mn->q_tail != NULL)
        mn->q_tail->next = pkt;
    else
        mn->q_head = pkt;
    mn->q_tail = pkt;
    mn->q_len++;
    MS__MN_CTR(mn, queued)++;
}

void
ms__mn_queue_flush(struct ms_mn *mn)
{
    struct ms_pkt *p = mn->q_head;
    mn->q_head = mn->q_tail = NULL;
    mn->q_len = 0;
    while (p != NULL) {
        struct ms_pkt *next = p->next;
        p->next = NULL;
        MS__MN_CTR(mn, queue_flushed)++;
        /* Through the hooks again: on_output now tunnels, optimises or
         * passes it. */
        ms_ip6_output(mn->role.node, p, 0);
        p = next;
    }
}

void
ms__mn_queue_drop_all(struct ms_mn *mn)
{
    struct ms_pkt *p = mn->q_head;
    mn->q_head = mn->q_tail = NULL;
    mn->q_len = 0;
    while (p != NULL) {
        struct ms_pkt *next = p->next;
        ms_pkt_free(p);
        p = next;
    }
}
