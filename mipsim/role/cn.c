/* Mobile IPv6 correspondent node role (RFC 6275 s9).  See cn.h. */
#include "role/cn.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "wire/codepoints.h"
#include "wire/err.h"
#include "wire/ipv6.h"
#include "wire/mh.h"

/* RFC 6275 s5.2.8: sequence numbers of deleted bindings are remembered while
 * the nonces that authorised them may still be valid. */
#define CN_TOMBS 32

struct cn_tomb {
    bool used;
    struct in6_addr hoa;
    uint16_t seq;
    int64_t until_ns;
};

struct ms_cn {
    struct ms_role role; /* first */
    struct ms_cn_cfg cfg;
    struct ms_rr_cn rr;
    struct ms_bcache bc;
    struct ms_cn_counters ctr;
    struct cn_tomb tombs[CN_TOMBS];
    unsigned tomb_next;
};

static struct ms_cn *
cn_of(struct ms_role *r)
{
    return (struct ms_cn *)r;
}

static const struct ms_cn *
ccn_of(const struct ms_role *r)
{
    return (const struct ms_cn *)r;
}

static int64_t
now_of(const struct ms_cn *cn)
{
    return ms_sim_now(cn->role.node->sim);
}

void
ms_cn_cfg_default(struct ms_cn_cfg *c)
{
    memset(c, 0, sizeof *c);
    c->max_bindings = 64;
    c->max_lifetime_s = MS_RR_MAX_RR_BINDING_LIFETIME_S;
    c->nonce_regen_ns = (int64_t)MS_RR_NONCE_REGEN_S * MS_NS_PER_S;
    c->nonce_lifetime_ns = (int64_t)MS_RR_MAX_NONCE_LIFETIME_S * MS_NS_PER_S;
    c->route_optimize = true;
    c->brr_lead_ns = 0;
    c->bra_percent = 0;
}

/* ---- tombstones (s5.2.8, s9.5.3) ---- */

static struct cn_tomb *
tomb_find(struct ms_cn *cn, const struct in6_addr *hoa)
{
    int64_t now = now_of(cn);
    for (unsigned i = 0; i < CN_TOMBS; i++) {
        struct cn_tomb *t = &cn->tombs[i];
        if (t->used && t->until_ns <= now)
            t->used = false;
        if (t->used && ms_in6_equal(&t->hoa, hoa))
            return t;
    }
    return NULL;
}

static void
tomb_add(struct ms_cn *cn, const struct in6_addr *hoa, uint16_t seq)
{
    struct cn_tomb *t = tomb_find(cn, hoa);
    if (t == NULL) {
        t = &cn->tombs[cn->tomb_next];
        cn->tomb_next = (cn->tomb_next + 1) % CN_TOMBS;
    }
    t->used = true;
    t->hoa = *hoa;
    t->seq = seq;
    t->until_ns = now_of(cn) + cn->rr.nonce_lifetime_ns;
}

/* ---- messages ---- */

/* RFC 6275 s9.5.4: the BA goes to the BU's Source Address, with a Type 2
 * Routing Header holding the home address when the BU came with a Home
 * Address option; it carries a Binding Authorization Data option unless the
 * status is 136-138 (or the node could not compute Kbm). */
static void
send_ba(struct ms_cn *cn, uint8_t status, uint16_t seq, uint32_t lifetime_s, const struct ms_rx *rx,
        const uint8_t *kbm, const struct in6_addr *bad_coa)
{
    const struct in6_addr *hoa = &rx->ip6.src;
    const struct in6_addr *dst = rx->has_hao ? &rx->coa : &rx->ip6.src;
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_BA);
    m.u.ba.status = status;
    m.u.ba.seq = seq;
    m.u.ba.lifetime_s = status < 128 ? lifetime_s : 0;
    if (status < 128 && lifetime_s > 0 && cn->cfg.bra_percent > 0 && cn->cfg.bra_percent < 100) {
        uint32_t r = (uint32_t)((uint64_t)lifetime_s * cn->cfg.bra_percent / 100u) & ~3u;
        if (r > 0 && r < lifetime_s) {
            m.opts.present |= MS_MH_OPTS_BRA;
            m.opts.refresh_s = r;
        }
    }
    int rc = ms__bc_send_mh(cn->role.node, &m, &rx->ip6.dst, dst, rx->has_hao ? hoa : NULL, kbm,
                            bad_coa, NULL, NULL);
    char a[MS_IN6_STRLEN];
    if (rc < 0) {
        ms_role_log(&cn->role, MS_LOG_WARN, "BA status %u to %s not sent: %s", status,
                    ms_in6_str(hoa, a), ms_strerror(rc));
        return;
    }
    cn->ctr.ba_tx[status]++;
    ms_role_log(&cn->role, MS_LOG_INFO, "BA status %u seq %u lifetime %us -> %s", status, seq,
                m.u.ba.lifetime_s, ms_in6_str(hoa, a));
}

/* RFC 6275 s9.4.1, s9.4.3 (home) and s9.4.2, s9.4.4 (care-of). */
static int
on_test_init(struct ms_cn *cn, struct ms_pkt *pkt, const struct ms_rx *rx, const struct ms_mh *mh)
{
    bool home = mh->type == MS_MH_HOTI;
    if (home)
        cn->ctr.hoti_rx++;
    else
        cn->ctr.coti_rx++;
    /* "The packet MUST NOT include a Home Address destination option ...
     * MUST be silently ignored." */
    if (rx->has_hao) {
        ms_node_drop(cn->role.node, pkt, MS_EBAD_FIELD, "HoTI/CoTI with a Home Address option");
        return MS_ROLE_CONSUMED;
    }
    const struct in6_addr *addr = &rx->ip6.src;
    if (!ms_in6_is_routable_unicast(addr) || !ms_in6_is_routable_unicast(&rx->ip6.dst)) {
        ms_node_drop(cn->role.node, pkt, MS_EBAD_SOURCE, "HoTI/CoTI address");
        return MS_ROLE_CONSUMED;
    }
    uint8_t nonce[MS_RR_NONCE_LEN];
    uint16_t idx = ms_rr_cn_current(&cn->rr, now_of(cn), nonce);
    uint64_t token = 0;
    int rc = ms_rr_keygen_token(cn->rr.kcn, addr, nonce, sizeof nonce,
                                home ? MS_RR_HOME : MS_RR_CAREOF, &token);
    if (rc < 0) {
        ms_node_drop(cn->role.node, pkt, rc, "keygen token");
        return MS_ROLE_CONSUMED;
    }
    struct ms_mh m;
    ms_mh_init(&m, home ? MS_MH_HOT : MS_MH_COT);
    if (home) {
        m.u.hot.nonce_index = idx;
        m.u.hot.cookie = mh->u.hoti.cookie;
        m.u.hot.keygen_token = token;
    } else {
        m.u.cot.nonce_index = idx;
        m.u.cot.cookie = mh->u.coti.cookie;
        m.u.cot.keygen_token = token;
    }
    struct in6_addr src = rx->ip6.dst, dst = *addr;
    ms_pkt_free(pkt);
    /* HoT goes to the home address, CoT to the care-of address, never with
     * a routing header (they test exactly those paths). */
    rc = ms__bc_send_mh(cn->role.node, &m, &src, &dst, NULL, NULL, NULL, NULL, NULL);
    if (rc == 0) {
        if (home)
            cn->ctr.hot_tx++;
        else
            cn->ctr.cot_tx++;
    }
    return MS_ROLE_CONSUMED;
}

static void brr_cb(struct ms_timer *t);

static void
arm_brr(struct ms_cn *cn, struct ms_bc_entry *e)
{
    ms_timer_stop(&cn->role.node->sim->sched, &e->aux);
    if (cn->cfg.brr_lead_ns <= 0)
        return;
    int64_t at = e->expires_ns - cn->cfg.brr_lead_ns;
    if (at <= now_of(cn))
        return;
    e->aux.cb = brr_cb;
    e->aux.data = e;
    ms_timer_start_at(&cn->role.node->sim->sched, &e->aux, at);
}

/* RFC 6275 s9.5.5: a BRR, "always sent to the home address", when an entry
 * near expiry is still in active use. */
static void
brr_cb(struct ms_timer *t)
{
    struct ms_bc_entry *e = t->data;
    struct ms_cn *cn = e->owner;
    if (e->uses == 0 || e->brr_sent)
        return;
    struct in6_addr src;
    if (ms_node_select_source(cn->role.node, &e->hoa, &src) < 0)
        return;
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_BRR);
    if (ms__bc_send_mh(cn->role.node, &m, &src, &e->hoa, NULL, NULL, NULL, NULL, NULL) == 0) {
        e->brr_sent = true;
        cn->ctr.brr_tx++;
    }
}

static int
bu_drop(struct ms_cn *cn, struct ms_pkt *pkt, int code, const char *why)
{
    cn->ctr.bu_dropped++;
    ms_node_drop(cn->role.node, pkt, code, why);
    return MS_ROLE_CONSUMED;
}

/* RFC 6275 s9.5.1-9.5.4. */
static int
on_bu(struct ms_cn *cn, struct ms_pkt *pkt, const struct ms_rx *rx, const struct ms_mh *mh)
{
    const struct ms_mh_bu *bu = &mh->u.bu;
    const struct in6_addr *hoa = &rx->ip6.src;
    const struct in6_addr *wire_src = rx->has_hao ? &rx->coa : &rx->ip6.src;
    struct in6_addr coa = (mh->opts.present & MS_MH_OPTS_ALT_COA) ? mh->opts.alt_coa : *wire_src;
    char a[MS_IN6_STRLEN], c[MS_IN6_STRLEN];

    if (bu->flags & MS_BU_F_H) {
        /* A home agent role on this node takes it (whatever the order). */
        if (ms_role_find(cn->role.node, "ha") != NULL)
            return MS_ROLE_PASS;
        cn->ctr.bu_rx++;
        /* s10.3.1: "If the node implements only correspondent node
         * functionality ... 131". */
        send_ba(cn, MS_BA_HOME_REG_NOT_SUPPORTED, bu->seq, 0, rx, NULL, NULL);
        ms_pkt_free(pkt);
        return MS_ROLE_CONSUMED;
    }
    cn->ctr.bu_rx++;
    if (!ms_in6_is_routable_unicast(hoa))
        return bu_drop(cn, pkt, MS_EBAD_SOURCE, "BU: home address not routable");
    if (!ms_in6_is_routable_unicast(wire_src))
        return bu_drop(cn, pkt, MS_EBAD_SOURCE, "BU: source not unicast"); /* s9.5.4 */
    /* s9.5.1: Nonce Indices and Binding Authorization Data (last, no
     * trailing padding: the codec enforces that) MUST be present. */
    if (!(mh->opts.present & MS_MH_OPTS_NONCE) || !(mh->opts.present & MS_MH_OPTS_BAD))
        return bu_drop(cn, pkt, MS_EAUTH_FAIL, "BU: no Nonce Indices / BAD option");
    bool dereg = bu->lifetime_s == 0 || ms_in6_equal(&coa, hoa);
    /* s6.2.7: the authenticator covers the home address instead of the
     * care-of address when the BU deletes the binding. */
    const struct in6_addr *bad_coa = dereg ? hoa : &coa;

    uint8_t kbm[MS_RR_KBM_LEN];
    int st = ms_rr_cn_kbm(&cn->rr, hoa, &coa, mh->opts.home_nonce_index,
                          mh->opts.careof_nonce_index, dereg, now_of(cn), kbm);
    if (st < 0)
        return bu_drop(cn, pkt, st, "BU: Kbm");
    if (st > 0) {
        /* s9.5.1 / s6.1.8: 136, 137 or 138, without BAD (s9.5.4). */
        ms_role_log(&cn->role, MS_LOG_INFO, "BU from %s: nonce index expired (%d)",
                    ms_in6_str(hoa, a), st);
        send_ba(cn, (uint8_t)st, bu->seq, 0, rx, NULL, NULL);
        ms_pkt_free(pkt);
        return MS_ROLE_CONSUMED;
    }
    /* s9.5.1: verify the authenticator with Kbm (s5.2.6, s6.2.7). */
    if (rx->l4_off >= pkt->len ||
        ms_rr_mh_verify(kbm, bad_coa, &rx->ip6.dst, pkt->data + rx->l4_off,
                        rx->l4_len < pkt->len - rx->l4_off ? rx->l4_len : pkt->len - rx->l4_off) !=
            0) {
        cn->ctr.auth_fail++;
        ms_role_log(&cn->role, MS_LOG_INFO, "BU from %s: authenticator mismatch",
                    ms_in6_str(hoa, a));
        return bu_drop(cn, pkt, MS_EAUTH_FAIL, "BU: authenticator");
    }

    struct ms_bc_entry *e = ms_bc_lookup(&cn->bc, hoa);
    /* s9.5.1: registration type change (never true here: this cache only
     * holds correspondent registrations; kept for a shared cache). */
    if (e != NULL && e->home_reg) {
        send_ba(cn, MS_BA_REG_TYPE_CHANGE, bu->seq, 0, rx, kbm, bad_coa);
        ms_pkt_free(pkt);
        return MS_ROLE_CONSUMED;
    }
    /* s9.5.1 sequence number; s5.2.8: also against a recently deleted
     * binding whose nonces may still be valid. */
    bool have_last = false;
    uint16_t last = 0;
    if (e != NULL) {
        have_last = true;
        last = e->seq;
    } else {
        const struct cn_tomb *t = tomb_find(cn, hoa);
        if (t != NULL) {
            have_last = true;
            last = t->seq;
        }
    }
    if (have_last && !ms_bc_seq_lt(last, bu->seq)) {
        ms_role_log(&cn->role, MS_LOG_INFO, "BU from %s: seq %u not above %u", ms_in6_str(hoa, a),
                    bu->seq, last);
        send_ba(cn, MS_BA_SEQ_OUT_OF_WINDOW, last, 0, rx, kbm, bad_coa);
        ms_pkt_free(pkt);
        return MS_ROLE_CONSUMED;
    }
    bool ack = (bu->flags & MS_BU_F_A) != 0;

    if (dereg) {
        /* s9.5.3: delete, never create. */
        if (e != NULL) {
            ms_bc_del(&cn->bc, e);
            cn->ctr.deleted++;
        }
        tomb_add(cn, hoa, bu->seq);
        ms_role_log(&cn->role, MS_LOG_INFO, "binding for %s deleted", ms_in6_str(hoa, a));
        if (ack)
            send_ba(cn, MS_BA_ACCEPTED, bu->seq, 0, rx, kbm, bad_coa);
        ms_pkt_free(pkt);
        return MS_ROLE_CONSUMED;
    }

    /* s9.5.2: cache it; lifetime at most the BU's and, for RR-authorised
     * bindings, MAX_RR_BINDING_LIFETIME (s5.2.6). */
    uint32_t life = bu->lifetime_s;
    if (life > cn->cfg.max_lifetime_s)
        life = cn->cfg.max_lifetime_s;
    life &= ~3u;
    if (life == 0)
        life = bu->lifetime_s < 4 ? bu->lifetime_s : 4;
    if (e == NULL) {
        e = ms_bc_add(&cn->bc, hoa);
        if (e == NULL) {
            /* s9.5.2: "SHOULD return a Binding Acknowledgement with status
             * value 130", which s9.5.4 makes mandatory. */
            send_ba(cn, MS_BA_INSUFFICIENT_RESOURCES, bu->seq, 0, rx, kbm, bad_coa);
            ms_pkt_free(pkt);
            return MS_ROLE_CONSUMED;
        }
        e->owner = cn;
        e->home_reg = false;
    }
    e->state = MS_BC_BOUND;
    ms_bc_refresh(&cn->bc, e, &coa, bu->seq, bu->flags, life);
    arm_brr(cn, e);
    ms_role_log(&cn->role, MS_LOG_INFO, "binding %s -> %s seq %u lifetime %us", ms_in6_str(hoa, a),
                ms_in6_str(&coa, c), bu->seq, life);
    /* s9.5.4: a BA when asked (A flag); not otherwise on success. */
    if (ack)
        send_ba(cn, MS_BA_ACCEPTED, bu->seq, life, rx, kbm, bad_coa);
    ms_pkt_free(pkt);
    return MS_ROLE_CONSUMED;
}

static int
cn_on_mh(struct ms_role *r, struct ms_pkt *pkt, const struct ms_rx *rx, const struct ms_mh *mh)
{
    struct ms_cn *cn = cn_of(r);
    switch (mh->type) {
    case MS_MH_HOTI:
    case MS_MH_COTI:
        return on_test_init(cn, pkt, rx, mh);
    case MS_MH_BU:
        return on_bu(cn, pkt, rx, mh);
    default:
        return MS_ROLE_PASS;
    }
}

/* RFC 6275 s9.3.2: route optimisation with a Type 2 Routing Header. */
static int
cn_on_output(struct ms_role *r, struct ms_pkt *pkt)
{
    struct ms_cn *cn = cn_of(r);
    if (!cn->cfg.route_optimize || pkt->len < MS_IP6_HLEN)
        return MS_ROLE_PASS;
    struct in6_addr dst;
    memcpy(dst.s6_addr, pkt->data + MS_IP6_OFF_DST, 16);
    struct ms_bc_entry *e = ms_bc_lookup(&cn->bc, &dst);
    if (e == NULL || e->state != MS_BC_BOUND)
        return MS_ROLE_PASS;
    if (ms__bc_rh2_insert(pkt, &e->coa) == 0) {
        ms_bc_touch(&cn->bc, e);
        cn->ctr.rh2_out++;
    }
    return MS_ROLE_PASS;
}

/* Counts packets delivered with a Home Address option (the stack already
 * checked the binding through ms__bc_hao_check). */
static void
cn_on_deliver(struct ms_role *r, const struct ms_pkt *pkt, const struct ms_rx *rx)
{
    (void)pkt;
    struct ms_cn *cn = cn_of(r);
    if (rx->has_hao && ms_bc_lookup(&cn->bc, &rx->ip6.src) != NULL)
        cn->ctr.hao_in++;
}

static void
on_expire(struct ms_bcache *bc, struct ms_bc_entry *e, void *data)
{
    (void)bc;
    struct ms_cn *cn = data;
    char a[MS_IN6_STRLEN];
    cn->ctr.expired++;
    tomb_add(cn, &e->hoa, e->seq);
    ms_role_log(&cn->role, MS_LOG_INFO, "binding for %s expired", ms_in6_str(&e->hoa, a));
}

static void
cn_free(struct ms_role *r)
{
    struct ms_cn *cn = cn_of(r);
    ms_bc_fini(&cn->bc);
    if (r->node != NULL && r->node->hao_check == ms__bc_hao_check &&
        ms_role_find(r->node, "ha") == NULL)
        ms_node_set_hao_check(r->node, NULL, NULL);
    free(cn);
}

static const struct ms_role_ops cn_ops = {
    .name = "cn",
    .on_mh = cn_on_mh,
    .on_output = cn_on_output,
    .on_deliver = cn_on_deliver,
    .free = cn_free,
};

struct ms_role *
ms_cn_new(struct ms_node *n, const struct ms_cn_cfg *cfg)
{
    if (n == NULL)
        return NULL;
    struct ms_cn *cn = calloc(1, sizeof *cn);
    if (cn == NULL)
        return NULL;
    if (cfg != NULL)
        cn->cfg = *cfg;
    else
        ms_cn_cfg_default(&cn->cfg);
    if (cn->cfg.max_lifetime_s == 0 || cn->cfg.max_lifetime_s > MS_RR_MAX_RR_BINDING_LIFETIME_S)
        cn->cfg.max_lifetime_s = MS_RR_MAX_RR_BINDING_LIFETIME_S;
    ms_rr_cn_init(&cn->rr, &n->rng);
    if (cn->cfg.nonce_regen_ns > 0)
        cn->rr.regen_ns = cn->cfg.nonce_regen_ns;
    if (cn->cfg.nonce_lifetime_ns > 0)
        cn->rr.nonce_lifetime_ns = cn->cfg.nonce_lifetime_ns;
    ms_bc_init(&cn->bc, &n->sim->sched, cn->cfg.max_bindings, on_expire, cn);
    cn->role.ops = &cn_ops;
    ms_role_attach(n, &cn->role);
    ms_node_set_hao_check(n, ms__bc_hao_check, n);
    return &cn->role;
}

void
ms__cn_note_hao_rejected(struct ms_role *r)
{
    struct ms_cn *cn = cn_of(r);
    cn->ctr.hao_rejected++;
    cn->ctr.be_tx[MS_BE_UNKNOWN_BINDING]++;
}

bool
ms_role_is_cn(const struct ms_role *r)
{
    return r != NULL && r->ops == &cn_ops;
}

uint32_t
ms_cn_binding_count(const struct ms_role *r)
{
    return ms_bc_count(&ccn_of(r)->bc);
}

int
ms_cn_binding_get(const struct ms_role *r, uint32_t i, struct ms_bc_view *out)
{
    return ms_bc_view_get(&ccn_of(r)->bc, i, out);
}

int
ms_cn_binding_find(const struct ms_role *r, const struct in6_addr *hoa, struct ms_bc_view *out)
{
    return ms_bc_view_find(&ccn_of(r)->bc, hoa, out);
}

const struct ms_cn_counters *
ms_cn_counters(const struct ms_role *r)
{
    return &ccn_of(r)->ctr;
}

const struct ms_bcache *
ms_cn_bcache(const struct ms_role *r)
{
    return &ccn_of(r)->bc;
}

const struct ms_rr_cn *
ms_cn_rr(const struct ms_role *r)
{
    return &ccn_of(r)->rr;
}
