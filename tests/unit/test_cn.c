/* Mobile IPv6 correspondent (mipsim/role/cn.c) on the virtual clock:
 * return routability, Binding Updates authorised with Kbm, route
 * optimisation with RH2 / HAO, Binding Errors, and the plain-IPv6
 * correspondent's Parameter Problem.  Topology: hacn_fixture.h.  The mobile
 * node is faked: the test builds its packets with the wire codecs and signs
 * its BUs through sec/rr.h (whose known answers test_rr.c checks). */
#include "hacn_fixture.h"

#define HA_F (MS_BU_F_A | MS_BU_F_H)

static struct fx F;

struct rr_result {
    uint16_t home_index, coa_index;
    uint64_t home_token, coa_token;
};

static void
setup_default(void)
{
    fx_setup(&F, NULL, true, NULL);
}

static void
teardown(void)
{
    fx_teardown(&F);
}

/* The MN's home registration (so that the HoT reaches it). */
static void
home_register(void)
{
    fx_send_home_bu(&F, &F.hoa, &F.coa, 1, HA_F, 420);
    fx_run_for(&F, fx_ms(1500));
    struct ms_bc_view v;
    cr_assert_eq(ms_ha_binding_find(F.har, &F.hoa, &v), 0);
    cr_assert_eq(v.state, MS_BC_BOUND);
}

static void
send_hoti(const struct in6_addr *hoa, uint64_t cookie)
{
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_HOTI);
    m.u.hoti.cookie = cookie;
    uint8_t mh[64], ip6[128];
    int n = ms_mh_encode(&m, hoa, &F.cn_addr, mh, sizeof mh);
    cr_assert_gt(n, 0);
    size_t len = fx_build_ip6(ip6, hoa, &F.cn_addr, MS_IPPROTO_MH, mh, (size_t)n);
    /* RFC 6275 s5.2.5: reverse tunnelled through the home agent. */
    fx_send_tunnelled(&F, &F.coa, &F.ha_addr, ip6, len);
}

static void
send_coti(const struct in6_addr *coa, uint64_t cookie)
{
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_COTI);
    m.u.coti.cookie = cookie;
    fx_send_mh(&F, &m, coa, &F.cn_addr, NULL);
}

/* HoTI + CoTI, then the tokens from the HoT and CoT the MN received. */
static void
run_rr(struct rr_result *r)
{
    uint32_t hot0 = F.sniff->mh_count[MS_MH_HOT], cot0 = F.sniff->mh_count[MS_MH_COT];
    send_hoti(&F.hoa, UINT64_C(0x1111222233334444));
    send_coti(&F.coa, UINT64_C(0x5555666677778888));
    fx_run_for(&F, fx_ms(100));
    cr_assert_eq(F.sniff->mh_count[MS_MH_HOT], hot0 + 1, "no HoT");
    cr_assert_eq(F.sniff->mh_count[MS_MH_COT], cot0 + 1, "no CoT");
    const struct ms_mh *hot = &F.sniff->last[MS_MH_HOT], *cot = &F.sniff->last[MS_MH_COT];
    cr_assert_eq(hot->u.hot.cookie, UINT64_C(0x1111222233334444));
    cr_assert_eq(cot->u.cot.cookie, UINT64_C(0x5555666677778888));
    r->home_index = hot->u.hot.nonce_index;
    r->home_token = hot->u.hot.keygen_token;
    r->coa_index = cot->u.cot.nonce_index;
    r->coa_token = cot->u.cot.keygen_token;
}

/* A correspondent BU signed with Kbm, from coa (with a Home Address
 * option). */
static void
send_cn_bu(const struct in6_addr *hoa, const struct in6_addr *coa, uint16_t seq, uint16_t flags,
           uint32_t lifetime_s, uint16_t hi, uint16_t ci, const uint8_t kbm[20], bool corrupt)
{
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_BU);
    m.u.bu.seq = seq;
    m.u.bu.flags = flags;
    m.u.bu.lifetime_s = lifetime_s;
    m.opts.present = MS_MH_OPTS_NONCE | MS_MH_OPTS_BAD;
    m.opts.home_nonce_index = hi;
    m.opts.careof_nonce_index = ci;
    uint8_t buf[128];
    int n = ms_mh_encode(&m, NULL, NULL, buf, sizeof buf);
    cr_assert_gt(n, 0);
    bool dereg = lifetime_s == 0 || ms_in6_equal(hoa, coa);
    cr_assert_eq(ms_rr_mh_sign(kbm, dereg ? hoa : coa, &F.cn_addr, buf, (size_t)n, hoa, &F.cn_addr),
                 0);
    if (corrupt) {
        size_t off, alen;
        cr_assert_eq(ms_mh_bad_locate(buf, (size_t)n, &off, &alen), 0);
        buf[off + 3] ^= 0x01;
        cr_assert_eq(ms_mh_fix_cksum(buf, (size_t)n, hoa, &F.cn_addr), 0);
    }
    fx_send_raw(&F, F.mn, coa, &F.cn_addr, hoa, MS_IPPROTO_MH, buf, (size_t)n);
}

static void
kbm_of(const struct rr_result *r, bool dereg, uint8_t kbm[20])
{
    cr_assert_eq(ms_rr_kbm(r->home_token, dereg ? NULL : &r->coa_token, kbm), 0);
}

/* Route optimisation established: RR + BU seq 5 + BA. */
static void
establish(struct rr_result *r, uint8_t kbm[20])
{
    home_register();
    run_rr(r);
    kbm_of(r, false, kbm);
    send_cn_bu(&F.hoa, &F.coa, 5, MS_BU_F_A, 420, r->home_index, r->coa_index, kbm, false);
    fx_run_for(&F, fx_ms(50));
    struct ms_mh ba;
    struct fx_pkt pk;
    cr_assert(fx_last_ba(&F, &ba, &pk));
    cr_assert_eq(ba.u.ba.status, MS_BA_ACCEPTED);
}

/* The last BA at the MN: status and seq, and its authenticator when kbm. */
static void
expect_ba(uint8_t status, uint16_t seq, const uint8_t *kbm, const struct in6_addr *bad_coa)
{
    struct ms_mh ba;
    struct fx_pkt pk;
    cr_assert(fx_last_ba(&F, &ba, &pk), "no BA");
    cr_assert_eq(ba.u.ba.status, status, "status %u, expected %u", ba.u.ba.status, status);
    cr_assert_eq(ba.u.ba.seq, seq, "seq %u, expected %u", ba.u.ba.seq, seq);
    cr_assert(ms_in6_equal(&pk.ip6.src, &F.cn_addr));
    if (kbm != NULL) {
        cr_assert(ba.opts.present & MS_MH_OPTS_BAD, "BA without BAD");
        cr_assert_eq(ms_rr_mh_verify(kbm, bad_coa, &F.cn_addr, pk.l4, pk.l4_len), 0,
                     "BA authenticator (RFC 6275 s5.2.6)");
    } else {
        cr_assert_not(ba.opts.present & MS_MH_OPTS_BAD, "s9.5.4: no BAD with 136-138");
    }
}

/* ---- return routability ---- */

Test(cn, home_and_care_of_test, .init = setup_default, .fini = teardown)
{
    home_register();
    F.nframes = 0;
    struct rr_result r;
    run_rr(&r);
    const struct ms_rr_cn *st = ms_cn_rr(F.cnr);
    int64_t now = ms_sim_now(&F.sim);
    /* Tokens as RFC 6275 s5.2.5 defines them, from the CN's own nonce. */
    uint64_t t;
    cr_assert_eq(ms_rr_cn_token(st, &F.hoa, r.home_index, MS_RR_HOME, now, &t), 0);
    cr_assert_eq(t, r.home_token);
    cr_assert_eq(ms_rr_cn_token(st, &F.coa, r.coa_index, MS_RR_CAREOF, now, &t), 0);
    cr_assert_eq(t, r.coa_token);
    uint8_t nonce[8];
    cr_assert_eq(ms_rr_cn_nonce(st, r.home_index, now, nonce), 0);
    cr_assert_eq(ms_rr_keygen_token(st->kcn, &F.hoa, nonce, 8, MS_RR_HOME, &t), 0);
    cr_assert_eq(t, r.home_token);
    /* One nonce serves both within 30 s (s5.2.7). */
    cr_assert_eq(r.home_index, r.coa_index);

    /* HoT to the home address (tunnelled by the HA), CoT straight to the
     * CoA, neither with a routing header. */
    int i = fx_find_last(&F, F.mn_if, MS_MH_COT);
    struct fx_pkt p;
    cr_assert(fx_parse(&F, (uint32_t)i, &p));
    cr_assert(ms_in6_equal(&p.ip6.dst, &F.coa));
    cr_assert_not(p.ext.present & MS_EXT_F_RH2);
    cr_assert_eq(ms_mh_verify_cksum(p.l4, p.l4_len, &F.cn_addr, &F.coa), 0);
    cr_assert_eq(ms_ha_counters(F.har)->tunnelled, 1, "the HoT went through the HA");
    const struct ms_cn_counters *c = ms_cn_counters(F.cnr);
    cr_assert_eq(c->hoti_rx, 1);
    cr_assert_eq(c->coti_rx, 1);
    cr_assert_eq(c->hot_tx, 1);
    cr_assert_eq(c->cot_tx, 1);
}

Test(cn, test_init_with_hao_ignored, .init = setup_default, .fini = teardown)
{
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_COTI);
    m.u.coti.cookie = 9;
    fx_send_mh(&F, &m, &F.coa, &F.cn_addr, &F.hoa);
    fx_run_for(&F, fx_ms(100));
    cr_assert_eq(F.sniff->mh_count[MS_MH_COT], 0, "s9.4.2: silently ignored");
    cr_assert_eq(ms_cn_counters(F.cnr)->cot_tx, 0);
}

/* ---- binding updates ---- */

Test(cn, bu_accepted, .init = setup_default, .fini = teardown)
{
    home_register();
    struct rr_result r;
    run_rr(&r);
    uint8_t kbm[20];
    kbm_of(&r, false, kbm);
    /* 600 s asked, MAX_RR_BINDING_LIFETIME (420 s) granted (s5.2.6). */
    send_cn_bu(&F.hoa, &F.coa, 5, MS_BU_F_A, 600, r.home_index, r.coa_index, kbm, false);
    fx_run_for(&F, fx_ms(50));
    expect_ba(MS_BA_ACCEPTED, 5, kbm, &F.coa);
    struct ms_mh ba;
    struct fx_pkt pk;
    fx_last_ba(&F, &ba, &pk);
    cr_assert_eq(ba.u.ba.lifetime_s, 420);
    /* s9.5.4: to the BU's source, the CoA, with an RH2 for the HoA. */
    cr_assert(ms_in6_equal(&pk.ip6.dst, &F.coa));
    cr_assert(pk.ext.present & MS_EXT_F_RH2);
    cr_assert(ms_in6_equal(&pk.ext.rh2_addr, &F.hoa));
    cr_assert_eq(F.sniff->mh_count[MS_MH_BA], 2, "home BA + this one, through the MN stack");

    struct ms_bc_view v;
    cr_assert_eq(ms_cn_binding_count(F.cnr), 1);
    cr_assert_eq(ms_cn_binding_get(F.cnr, 0, &v), 0);
    cr_assert(ms_in6_equal(&v.hoa, &F.hoa));
    cr_assert(ms_in6_equal(&v.coa, &F.coa));
    cr_assert_eq(v.seq, 5);
    cr_assert_eq(v.lifetime_s, 420);
    cr_assert_eq(v.state, MS_BC_BOUND);
    cr_assert_not(v.home_reg);
}

Test(cn, bu_without_ack_no_ba, .init = setup_default, .fini = teardown)
{
    home_register();
    struct rr_result r;
    run_rr(&r);
    uint8_t kbm[20];
    kbm_of(&r, false, kbm);
    int before = fx_count(&F, F.mn_if, MS_MH_BA);
    send_cn_bu(&F.hoa, &F.coa, 5, 0, 100, r.home_index, r.coa_index, kbm, false);
    fx_run_for(&F, fx_ms(50));
    cr_assert_eq(fx_count(&F, F.mn_if, MS_MH_BA), before, "s9.5.4: SHOULD NOT be sent");
    cr_assert_eq(ms_cn_binding_count(F.cnr), 1);
}

Test(cn, wrong_authenticator_rejected, .init = setup_default, .fini = teardown)
{
    home_register();
    struct rr_result r;
    run_rr(&r);
    uint8_t kbm[20];
    kbm_of(&r, false, kbm);
    int before = fx_count(&F, F.mn_if, MS_MH_BA);
    send_cn_bu(&F.hoa, &F.coa, 5, MS_BU_F_A, 420, r.home_index, r.coa_index, kbm, true);
    fx_run_for(&F, fx_ms(50));
    cr_assert_eq(fx_count(&F, F.mn_if, MS_MH_BA), before, "s9.5.1: silently discarded");
    cr_assert_eq(ms_cn_binding_count(F.cnr), 0);
    cr_assert_eq(ms_cn_counters(F.cnr)->auth_fail, 1);
    /* A Kbm from the wrong token is as bad. */
    uint8_t k2[20];
    kbm_of(&r, true, k2);
    send_cn_bu(&F.hoa, &F.coa, 5, MS_BU_F_A, 420, r.home_index, r.coa_index, k2, false);
    fx_run_for(&F, fx_ms(50));
    cr_assert_eq(ms_cn_binding_count(F.cnr), 0);
    cr_assert_eq(ms_cn_counters(F.cnr)->auth_fail, 2);
}

Test(cn, missing_nonce_indices_dropped, .init = setup_default, .fini = teardown)
{
    home_register();
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_BU);
    m.u.bu.seq = 1;
    m.u.bu.flags = MS_BU_F_A;
    m.u.bu.lifetime_s = 100;
    fx_send_mh(&F, &m, &F.coa, &F.cn_addr, &F.hoa);
    fx_run_for(&F, fx_ms(50));
    cr_assert_eq(ms_cn_binding_count(F.cnr), 0);
    cr_assert_eq(ms_cn_counters(F.cnr)->bu_dropped, 1);
}

Test(cn, expired_nonce_indices, .init = setup_default, .fini = teardown)
{
    home_register();
    struct rr_result old;
    run_rr(&old);
    /* MAX_NONCE_LIFETIME (240 s) after first use the old nonce is gone. */
    fx_run_for(&F, fx_ms(241000));
    struct rr_result cur;
    uint32_t hot0 = F.sniff->mh_count[MS_MH_HOT];
    send_coti(&F.coa, 42);
    fx_run_for(&F, fx_ms(100));
    cur.coa_index = F.sniff->last[MS_MH_COT].u.cot.nonce_index;
    cur.coa_token = F.sniff->last[MS_MH_COT].u.cot.keygen_token;
    cr_assert_neq(cur.coa_index, old.coa_index);
    cr_assert_eq(F.sniff->mh_count[MS_MH_HOT], hot0);
    uint8_t kbm[20];
    uint64_t ct = cur.coa_token;
    cr_assert_eq(ms_rr_kbm(old.home_token, &ct, kbm), 0);
    /* Old home, current care-of: 136. */
    send_cn_bu(&F.hoa, &F.coa, 5, MS_BU_F_A, 420, old.home_index, cur.coa_index, kbm, false);
    fx_run_for(&F, fx_ms(50));
    expect_ba(MS_BA_EXPIRED_HOME_NONCE, 5, NULL, NULL);
    /* Both old: 138. */
    kbm_of(&old, false, kbm);
    send_cn_bu(&F.hoa, &F.coa, 6, MS_BU_F_A, 420, old.home_index, old.coa_index, kbm, false);
    fx_run_for(&F, fx_ms(50));
    expect_ba(MS_BA_EXPIRED_NONCES, 6, NULL, NULL);
    /* Current home, old care-of: 137. */
    send_hoti(&F.hoa, 43);
    fx_run_for(&F, fx_ms(100));
    cur.home_index = F.sniff->last[MS_MH_HOT].u.hot.nonce_index;
    cur.home_token = F.sniff->last[MS_MH_HOT].u.hot.keygen_token;
    ct = old.coa_token;
    cr_assert_eq(ms_rr_kbm(cur.home_token, &ct, kbm), 0);
    send_cn_bu(&F.hoa, &F.coa, 7, MS_BU_F_A, 420, cur.home_index, old.coa_index, kbm, false);
    fx_run_for(&F, fx_ms(50));
    expect_ba(MS_BA_EXPIRED_COA_NONCE, 7, NULL, NULL);
    /* Both current: accepted. */
    kbm_of(&cur, false, kbm);
    send_cn_bu(&F.hoa, &F.coa, 8, MS_BU_F_A, 420, cur.home_index, cur.coa_index, kbm, false);
    fx_run_for(&F, fx_ms(50));
    expect_ba(MS_BA_ACCEPTED, 8, kbm, &F.coa);
    const struct ms_cn_counters *c = ms_cn_counters(F.cnr);
    cr_assert_eq(c->ba_tx[MS_BA_EXPIRED_HOME_NONCE], 1);
    cr_assert_eq(c->ba_tx[MS_BA_EXPIRED_COA_NONCE], 1);
    cr_assert_eq(c->ba_tx[MS_BA_EXPIRED_NONCES], 1);
}

Test(cn, seq_not_greater_135, .init = setup_default, .fini = teardown)
{
    struct rr_result r;
    uint8_t kbm[20];
    establish(&r, kbm);
    send_cn_bu(&F.hoa, &F.coa, 5, MS_BU_F_A, 420, r.home_index, r.coa_index, kbm, false);
    fx_run_for(&F, fx_ms(50));
    expect_ba(MS_BA_SEQ_OUT_OF_WINDOW, 5, kbm, &F.coa);
    send_cn_bu(&F.hoa, &F.coa, 6, MS_BU_F_A, 420, r.home_index, r.coa_index, kbm, false);
    fx_run_for(&F, fx_ms(50));
    expect_ba(MS_BA_ACCEPTED, 6, kbm, &F.coa);
}

Test(cn, deregistration, .init = setup_default, .fini = teardown)
{
    struct rr_result r;
    uint8_t kbm[20];
    establish(&r, kbm);
    /* s5.2.5: Kbm = SHA-1(home keygen token); s6.2.7: the authenticator
     * uses the home address; the care-of index is ignored. */
    uint8_t k0[20];
    kbm_of(&r, true, k0);
    send_cn_bu(&F.hoa, &F.coa, 6, MS_BU_F_A, 0, r.home_index, 0xdead, k0, false);
    fx_run_for(&F, fx_ms(50));
    expect_ba(MS_BA_ACCEPTED, 6, k0, &F.hoa);
    struct ms_mh ba;
    struct fx_pkt pk;
    fx_last_ba(&F, &ba, &pk);
    cr_assert_eq(ba.u.ba.lifetime_s, 0);
    cr_assert_eq(ms_cn_binding_count(F.cnr), 0);
    /* s5.2.8 / s9.5.3: the old registration, replayed with its still valid
     * nonces, must not bring the binding back. */
    send_cn_bu(&F.hoa, &F.coa, 5, MS_BU_F_A, 420, r.home_index, r.coa_index, kbm, false);
    fx_run_for(&F, fx_ms(50));
    expect_ba(MS_BA_SEQ_OUT_OF_WINDOW, 6, kbm, &F.coa);
    cr_assert_eq(ms_cn_binding_count(F.cnr), 0);
}

Test(cn, expiry, .init = setup_default, .fini = teardown)
{
    home_register();
    struct rr_result r;
    run_rr(&r);
    uint8_t kbm[20];
    kbm_of(&r, false, kbm);
    send_cn_bu(&F.hoa, &F.coa, 5, MS_BU_F_A, 8, r.home_index, r.coa_index, kbm, false);
    fx_run_for(&F, fx_ms(50));
    expect_ba(MS_BA_ACCEPTED, 5, kbm, &F.coa);
    fx_run_for(&F, fx_ms(7000));
    cr_assert_eq(ms_cn_binding_count(F.cnr), 1);
    fx_run_for(&F, fx_ms(2000));
    cr_assert_eq(ms_cn_binding_count(F.cnr), 0);
    cr_assert_eq(ms_cn_counters(F.cnr)->expired, 1);
}

Test(cn, home_registration_not_supported_131, .init = setup_default, .fini = teardown)
{
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_BU);
    m.u.bu.seq = 3;
    m.u.bu.flags = HA_F;
    m.u.bu.lifetime_s = 100;
    /* No Home Address option: the BA goes back without a routing header. */
    fx_send_mh(&F, &m, &F.coa, &F.cn_addr, NULL);
    fx_run_for(&F, fx_ms(50));
    expect_ba(MS_BA_HOME_REG_NOT_SUPPORTED, 3, NULL, NULL);
}

Test(cn, cache_full_130)
{
    struct ms_cn_cfg c;
    ms_cn_cfg_default(&c);
    c.max_bindings = 1;
    fx_setup(&F, NULL, true, &c);
    struct rr_result r;
    uint8_t kbm[20];
    establish(&r, kbm);
    /* A second home address: its HoT is not deliverable, so the tokens
     * come from the CN's state, as the CN itself recomputes them. */
    struct in6_addr hoa2 = fx_a("2001:db8:1::101");
    send_hoti(&hoa2, 1);
    fx_run_for(&F, fx_ms(100));
    const struct ms_rr_cn *st = ms_cn_rr(F.cnr);
    uint16_t idx = st->cur_index;
    uint64_t ht;
    cr_assert_eq(ms_rr_cn_token(st, &hoa2, idx, MS_RR_HOME, ms_sim_now(&F.sim), &ht), 0);
    uint64_t ct = r.coa_token;
    uint8_t k2[20];
    cr_assert_eq(ms_rr_kbm(ht, &ct, k2), 0);
    send_cn_bu(&hoa2, &F.coa, 1, MS_BU_F_A, 100, idx, r.coa_index, k2, false);
    fx_run_for(&F, fx_ms(50));
    int i = fx_find_last(&F, F.mn_if, MS_MH_BA);
    struct fx_pkt pk;
    cr_assert(fx_parse(&F, (uint32_t)i, &pk));
    struct ms_mh ba;
    cr_assert_eq(ms_mh_decode(pk.l4, pk.l4_len, &ba), 0);
    cr_assert(ms_in6_equal(&pk.ext.rh2_addr, &hoa2));
    cr_assert_eq(ba.u.ba.status, MS_BA_INSUFFICIENT_RESOURCES);
    cr_assert_eq(ms_rr_mh_verify(k2, &F.coa, &F.cn_addr, pk.l4, pk.l4_len), 0);
    cr_assert_eq(ms_cn_binding_count(F.cnr), 1);
    fx_teardown(&F);
}

/* ---- route optimisation data path ---- */

struct udp_rx {
    int n;
    struct in6_addr src, dst;
};

static void
udp_cb(struct ms_udp_sock *s, struct ms_pkt *pkt, const struct in6_addr *src,
       const struct in6_addr *dst, uint16_t sport, const uint8_t *payload, size_t len)
{
    (void)pkt, (void)sport, (void)payload, (void)len;
    struct udp_rx *r = s->data;
    r->n++;
    r->src = *src;
    r->dst = *dst;
}

/* Index of the last UDP frame delivered to ifc, or -1. */
static int
last_udp(const struct ms_iface *to)
{
    for (int i = (int)F.nframes - 1; i >= 0; i--) {
        struct fx_pkt p;
        if (F.frames[i].to == to && fx_parse(&F, (uint32_t)i, &p) && p.ext.upper == MS_IPPROTO_UDP)
            return i;
    }
    return -1;
}

static void
send_udp_with_hao(const struct in6_addr *src)
{
    struct ms_udp u = {.sport = 7000, .dport = 6000};
    uint8_t udp[64];
    /* The checksum covers the home address (RFC 6275 s9.3.1, RFC 8200 s8.1). */
    int n = ms_udp_encode(&u, &F.hoa, &F.cn_addr, (const uint8_t *)"hao", 3, udp, sizeof udp);
    cr_assert_gt(n, 0);
    fx_send_raw(&F, F.mn, src, &F.cn_addr, &F.hoa, MS_IPPROTO_UDP, udp, (size_t)n);
}

Test(cn, route_optimised_data_path, .init = setup_default, .fini = teardown)
{
    struct rr_result r;
    uint8_t kbm[20];
    establish(&r, kbm);
    uint64_t tunnelled = ms_ha_counters(F.har)->tunnelled;

    /* CN -> MN: straight to the CoA with a Type 2 Routing Header (s9.3.2). */
    struct udp_rx at_mn = {0}, at_cn = {0};
    cr_assert_not_null(ms_udp_bind(F.mn, 7000, udp_cb, &at_mn));
    cr_assert_not_null(ms_udp_bind(F.cn, 6000, udp_cb, &at_cn));
    cr_assert_eq(ms_udp_send(F.cn, &F.cn_addr, &F.hoa, 6000, 7000, (const uint8_t *)"ro", 2, 0, 0),
                 0);
    fx_run_for(&F, fx_ms(50));
    cr_assert_eq(at_mn.n, 1);
    cr_assert(ms_in6_equal(&at_mn.dst, &F.hoa));
    cr_assert(ms_in6_equal(&at_mn.src, &F.cn_addr));
    cr_assert_eq(ms_ha_counters(F.har)->tunnelled, tunnelled, "not through the HA");
    int i = last_udp(F.mn_if);
    cr_assert_geq(i, 0);
    struct fx_pkt p;
    fx_parse(&F, (uint32_t)i, &p);
    cr_assert(ms_in6_equal(&p.ip6.dst, &F.coa));
    cr_assert(p.ext.present & MS_EXT_F_RH2);
    cr_assert(ms_in6_equal(&p.ext.rh2_addr, &F.hoa));
    cr_assert_eq(p.ext.rh2_segs_left, 1);
    /* RFC 8200 s8.1: the checksum uses the final destination. */
    cr_assert_eq(ms_udp_verify(&p.ip6.src, &F.hoa, p.l4, p.l4_len), 0);
    cr_assert_neq(ms_udp_verify(&p.ip6.src, &F.coa, p.l4, p.l4_len), 0);
    cr_assert_eq(ms_cn_counters(F.cnr)->rh2_out, 1);

    /* MN -> CN with a Home Address option: accepted with the binding. */
    send_udp_with_hao(&F.coa);
    fx_run_for(&F, fx_ms(50));
    cr_assert_eq(at_cn.n, 1);
    cr_assert(ms_in6_equal(&at_cn.src, &F.hoa), "upper layers see the home address");
    i = last_udp(F.cn_if);
    fx_parse(&F, (uint32_t)i, &p);
    cr_assert(p.ext.present & MS_EXT_F_HAO);
    cr_assert(ms_in6_equal(&p.ip6.src, &F.coa));
    cr_assert_eq(ms_udp_verify(&F.hoa, &F.cn_addr, p.l4, p.l4_len), 0);
    cr_assert_eq(ms_cn_counters(F.cnr)->hao_in, 1);
}

Test(cn, hao_without_binding_binding_error, .init = setup_default, .fini = teardown)
{
    struct rr_result r;
    uint8_t kbm[20];
    establish(&r, kbm);
    struct udp_rx at_cn = {0};
    cr_assert_not_null(ms_udp_bind(F.cn, 6000, udp_cb, &at_cn));
    /* From a care-of address that is not the registered one (s9.3.1). */
    send_udp_with_hao(&F.coa2);
    fx_run_for(&F, fx_ms(50));
    cr_assert_eq(at_cn.n, 0, "dropped");
    cr_assert_eq(F.sniff->mh_count[MS_MH_BE], 1, "Binding Error to the wire source");
    const struct ms_mh *be = &F.sniff->last[MS_MH_BE];
    cr_assert_eq(be->u.be.status, MS_BE_UNKNOWN_BINDING);
    cr_assert(ms_in6_equal(&be->u.be.hoa, &F.hoa), "s9.3.3: the HAO's address");
    int i = fx_find_last(&F, F.mn_if, MS_MH_BE);
    struct fx_pkt p;
    cr_assert(fx_parse(&F, (uint32_t)i, &p));
    cr_assert(ms_in6_equal(&p.ip6.dst, &F.coa2));
    cr_assert_eq(ms_cn_counters(F.cnr)->hao_rejected, 1);
}

Test(cn, no_route_optimisation_when_disabled)
{
    struct ms_cn_cfg c;
    ms_cn_cfg_default(&c);
    c.route_optimize = false;
    fx_setup(&F, NULL, true, &c);
    struct rr_result r;
    uint8_t kbm[20];
    establish(&r, kbm);
    uint64_t t0 = ms_ha_counters(F.har)->tunnelled;
    struct udp_rx at_mn = {0};
    cr_assert_not_null(ms_udp_bind(F.mn, 7000, udp_cb, &at_mn));
    ms_udp_send(F.cn, &F.cn_addr, &F.hoa, 6000, 7000, NULL, 4, 0, 0);
    fx_run_for(&F, fx_ms(50));
    cr_assert_eq(at_mn.n, 1);
    cr_assert_eq(ms_ha_counters(F.har)->tunnelled, t0 + 1, "through the home agent");
    cr_assert_eq(ms_cn_counters(F.cnr)->rh2_out, 0);
    fx_teardown(&F);
}

Test(cn, binding_refresh_request)
{
    struct ms_cn_cfg c;
    ms_cn_cfg_default(&c);
    c.brr_lead_ns = fx_ms(3000);
    fx_setup(&F, NULL, true, &c);
    home_register();
    struct rr_result r;
    run_rr(&r);
    uint8_t kbm[20];
    kbm_of(&r, false, kbm);
    send_cn_bu(&F.hoa, &F.coa, 5, MS_BU_F_A, 12, r.home_index, r.coa_index, kbm, false);
    fx_run_for(&F, fx_ms(1000));
    /* In use: the CN sends to the MN. */
    ms_udp_send(F.cn, &F.cn_addr, &F.hoa, 6000, 7000, NULL, 4, 0, 0);
    fx_run_for(&F, fx_ms(7500));
    cr_assert_eq(F.sniff->mh_count[MS_MH_BRR], 0);
    fx_run_for(&F, fx_ms(1000));
    cr_assert_eq(F.sniff->mh_count[MS_MH_BRR], 1, "s9.5.5 BRR before expiry");
    cr_assert_eq(ms_cn_counters(F.cnr)->brr_tx, 1);
    /* "always sent to the home address": it went through the HA tunnel. */
    int i = fx_find_last(&F, F.mn_if, MS_MH_BRR);
    cr_assert_lt(i, 0, "not a bare MH on the foreign link");
    fx_teardown(&F);
}

Test(cn, no_brr_when_idle)
{
    struct ms_cn_cfg c;
    ms_cn_cfg_default(&c);
    c.brr_lead_ns = fx_ms(3000);
    fx_setup(&F, NULL, true, &c);
    home_register();
    struct rr_result r;
    run_rr(&r);
    uint8_t kbm[20];
    kbm_of(&r, false, kbm);
    send_cn_bu(&F.hoa, &F.coa, 5, MS_BU_F_A, 12, r.home_index, r.coa_index, kbm, false);
    fx_run_for(&F, fx_ms(13000));
    cr_assert_eq(F.sniff->mh_count[MS_MH_BRR], 0);
    fx_teardown(&F);
}

/* ---- the plain IPv6 correspondent (no cn role) ---- */

Test(cn, plain_node_parameter_problem)
{
    fx_setup(&F, NULL, false, NULL);
    /* RFC 6275 s6.1.1 / s9.2: a node without Mobility Header support answers
     * ICMPv6 Parameter Problem, Code 1, pointing at the Next Header field. */
    struct ms_mh m;
    ms_mh_init(&m, MS_MH_BU);
    m.u.bu.seq = 1;
    m.u.bu.flags = MS_BU_F_A;
    m.u.bu.lifetime_s = 100;
    fx_send_mh(&F, &m, &F.coa, &F.cn_addr, NULL);
    fx_run_for(&F, fx_ms(50));
    cr_assert_eq(F.sniff->icmp_count[MS_ICMP6_PARAM_PROB], 1);
    cr_assert_eq(F.sniff->last_err.code, MS_ICMP6_PARAMPROB_NEXT_HEADER);
    cr_assert_eq(F.sniff->last_err.param, MS_IP6_OFF_NH);
    cr_assert_eq(fx_count(&F, F.mn_if, MS_MH_BA), 0);
    /* With a Home Address option the pointer names the DO header's field. */
    fx_send_mh(&F, &m, &F.coa, &F.cn_addr, &F.hoa);
    fx_run_for(&F, fx_ms(50));
    cr_assert_eq(F.cn->ctr.icmp_errors_sent, 2);
    fx_teardown(&F);
}
