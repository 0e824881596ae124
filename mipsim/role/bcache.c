/* Binding Cache shared by the home agent and the correspondent node
 * (RFC 6275 s9.1, s9.6, s10.1). */
#include "role/bcache.h"

#include "core/array.h"
#include "core/prefetch.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "role/cn.h"
#include "role/ha.h"
#include "sec/mnha.h"
#include "sec/rr.h"
#include "stack/node.h"
#include "wire/bytes.h"
#include "wire/codepoints.h"
#include "wire/err.h"
#include "wire/ext.h"
#include "wire/ipv6.h"
#include "wire/mh.h"

static void
expire_cb(struct ms_timer *t)
{
    struct ms_bc_entry *e = t->data;
    struct ms_bcache *bc = e->bc;
    bc->expired++;
    /* RFC 6275 s9.6: "Any entry in a node's Binding Cache MUST be deleted
     * after the expiration of the Lifetime". */
    if (bc->on_expire != NULL)
        bc->on_expire(bc, e, bc->data);
    ms_bc_del(bc, e);
}

void
ms_bc_init(struct ms_bcache *bc, struct ms_sched *sched, uint32_t max, ms_bc_expire_cb cb,
           void *data)
{
    memset(bc, 0, sizeof *bc);
    bc->sched = sched;
    bc->max = max;
    bc->on_expire = cb;
    bc->data = data;
}

void
ms_bc_fini(struct ms_bcache *bc)
{
    for (uint32_t i = 0; i < bc->n; i++) {
        ms_timer_stop(bc->sched, &bc->v[i]->timer);
        ms_timer_stop(bc->sched, &bc->v[i]->aux);
        free(bc->v[i]);
    }
    free(bc->v);
    free(bc->idx);
    bc->v = NULL;
    bc->idx = NULL;
    bc->n = bc->cap = bc->idx_cap = 0;
}

/* ---- index by home address ---- */

/* Home addresses share their prefix and are often handed out in sequence:
 * the last 32 bits, folded onto themselves, keep sequential addresses in
 * sequential slots (no collisions, and a home agent serving them in turn
 * reads neighbouring slots); the rest (prefix included: correspondents hold
 * many) is mixed in by MurmurHash3's 64-bit finalizer. */
static uint32_t
hoa_hash(const struct in6_addr *a)
{
    uint32_t x = ms_rd32(a->s6_addr + 12);
    uint64_t h = ms_rd64(a->s6_addr) * UINT64_C(0x9E3779B97F4A7C15) ^ ms_rd32(a->s6_addr + 8);
    h ^= h >> 33;
    h *= UINT64_C(0xff51afd7ed558ccd);
    h ^= h >> 33;
    h *= UINT64_C(0xc4ceb9fe1a85ec53);
    h ^= h >> 33;
    return x ^ (x >> 16) ^ (uint32_t)h;
}

static void
idx_put(struct ms_bc_entry **idx, uint32_t cap, struct ms_bc_entry *e)
{
    uint32_t mask = cap - 1;
    uint32_t i = hoa_hash(&e->hoa) & mask;
    while (idx[i] != NULL)
        i = (i + 1) & mask;
    idx[i] = e;
}

static int
idx_grow(struct ms_bcache *bc)
{
    uint32_t ncap = bc->idx_cap ? bc->idx_cap * 2 : 16;
    struct ms_bc_entry **ni = calloc(ncap, sizeof *ni);
    if (ni == NULL)
        return -ENOMEM;
    for (uint32_t i = 0; i < bc->idx_cap; i++)
        if (bc->idx[i] != NULL)
            idx_put(ni, ncap, bc->idx[i]);
    free(bc->idx);
    bc->idx = ni;
    bc->idx_cap = ncap;
    return 0;
}

/* Backward-shift deletion: later members of the probe run move back into
 * the hole unless their home slot lies cyclically in (hole, j]. */
static void
idx_remove(struct ms_bcache *bc, const struct ms_bc_entry *e)
{
    if (bc->idx_cap == 0)
        return;
    uint32_t mask = bc->idx_cap - 1;
    uint32_t hole = hoa_hash(&e->hoa) & mask;
    while (bc->idx[hole] != NULL && bc->idx[hole] != e)
        hole = (hole + 1) & mask;
    if (bc->idx[hole] == NULL)
        return;
    bc->idx[hole] = NULL;
    for (uint32_t j = (hole + 1) & mask; bc->idx[j] != NULL; j = (j + 1) & mask) {
        uint32_t home = hoa_hash(&bc->idx[j]->hoa) & mask;
        bool in_between = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
        if (!in_between) {
            bc->idx[hole] = bc->idx[j];
            bc->idx[j] = NULL;
            hole = j;
        }
    }
}

struct ms_bc_entry *
ms_bc_lookup(const struct ms_bcache *bc, const struct in6_addr *hoa)
{
    if (bc->n == 0)
        return NULL;
    uint32_t mask = bc->idx_cap - 1;
    for (uint32_t i = hoa_hash(hoa) & mask; bc->idx[i] != NULL; i = (i + 1) & mask)
        if (ms_in6_equal(&bc->idx[i]->hoa, hoa))
            return bc->idx[i];
    return NULL;
}

void
ms_bc_prefetch(const struct ms_bcache *bc, const struct in6_addr *hoa, unsigned step)
{
    if (bc->n == 0 || step < 2)
        return; /* step 1: the entry was fetched a step ago */
    struct ms_bc_entry *const *slot = &bc->idx[hoa_hash(hoa) & (bc->idx_cap - 1)];
    if (step >= 3) {
        __builtin_prefetch(slot);
        return;
    }
    const struct ms_bc_entry *e = *slot;
    if (e != NULL) {
        /* What the lookup and the forwarding read (home address, care-of
         * address, state), then what ms_bc_touch writes. */
        ms_prefetch_span(e, offsetof(struct ms_bc_entry, lifetime_s));
        ms_prefetch_span(&e->uses, sizeof e->uses + sizeof e->last_use_ns);
    }
}

struct ms_bc_entry *
ms_bc_add(struct ms_bcache *bc, const struct in6_addr *hoa)
{
    if (bc->max != 0 && bc->n >= bc->max)
        return NULL;
    if (ms_array_reserve((void **)&bc->v, bc->n, &bc->cap, sizeof *bc->v, 8) < 0)
        return NULL;
    if (2 * (bc->n + 1) > bc->idx_cap && idx_grow(bc) < 0)
        return NULL;
    struct ms_bc_entry *e = calloc(1, sizeof *e);
    if (e == NULL)
        return NULL;
    e->hoa = *hoa;
    e->state = MS_BC_BOUND;
    e->bc = bc;
    ms_timer_init(&e->timer, expire_cb, e);
    ms_timer_init(&e->aux, NULL, e);
    bc->v[bc->n++] = e;
    idx_put(bc->idx, bc->idx_cap, e);
    return e;
}

int
ms_bc_refresh(struct ms_bcache *bc, struct ms_bc_entry *e, const struct in6_addr *coa, uint16_t seq,
              uint16_t bu_flags, uint32_t lifetime_s)
{
    int64_t now = ms_sched_now(bc->sched);
    e->coa = *coa;
    e->seq = seq;
    e->bu_flags = bu_flags;
    e->lifetime_s = lifetime_s;
    e->registered_ns = now;
    e->expires_ns = now + (int64_t)lifetime_s * MS_NS_PER_S;
    e->brr_sent = false;
    e->uses = 0;
    return ms_timer_start_at(bc->sched, &e->timer, e->expires_ns);
}

void
ms_bc_del(struct ms_bcache *bc, struct ms_bc_entry *e)
{
    for (uint32_t i = 0; i < bc->n; i++) {
        if (bc->v[i] != e)
            continue;
        memmove(&bc->v[i], &bc->v[i + 1], (bc->n - i - 1) * sizeof bc->v[0]);
        bc->n--;
        idx_remove(bc, e);
        ms_timer_stop(bc->sched, &e->timer);
        ms_timer_stop(bc->sched, &e->aux);
        free(e);
        return;
    }
}

uint32_t
ms_bc_count(const struct ms_bcache *bc)
{
    return bc->n;
}

struct ms_bc_entry *
ms_bc_at(const struct ms_bcache *bc, uint32_t i)
{
    return i < bc->n ? bc->v[i] : NULL;
}

static void
fill_view(const struct ms_bcache *bc, const struct ms_bc_entry *e, struct ms_bc_view *out)
{
    int64_t now = ms_sched_now(bc->sched);
    memset(out, 0, sizeof *out);
    out->hoa = e->hoa;
    out->coa = e->coa;
    out->seq = e->seq;
    out->bu_flags = e->bu_flags;
    out->home_reg = e->home_reg;
    out->state = e->state;
    out->lifetime_s = e->lifetime_s;
    out->remaining_ns = e->state == MS_BC_BOUND && e->expires_ns > now ? e->expires_ns - now : 0;
    out->registered_ns = e->registered_ns;
    out->uses = e->uses;
}

int
ms_bc_view_get(const struct ms_bcache *bc, uint32_t i, struct ms_bc_view *out)
{
    if (i >= bc->n)
        return -ENOENT;
    fill_view(bc, bc->v[i], out);
    return 0;
}

int
ms_bc_view_find(const struct ms_bcache *bc, const struct in6_addr *hoa, struct ms_bc_view *out)
{
    const struct ms_bc_entry *e = ms_bc_lookup(bc, hoa);
    if (e == NULL)
        return -ENOENT;
    fill_view(bc, e, out);
    return 0;
}

void
ms_bc_touch(struct ms_bcache *bc, struct ms_bc_entry *e)
{
    e->uses++;
    e->last_use_ns = ms_sched_now(bc->sched);
}

bool
ms_bc_seq_lt(uint16_t a, uint16_t b)
{
    uint16_t d = (uint16_t)(b - a);
    return d >= 1 && d <= 32767;
}

bool
ms_bc_seq_in_window(uint16_t last, uint16_t seq, uint32_t window)
{
    if (window < 1)
        window = 1;
    if (window > MS_BC_SEQ_WINDOW_RFC)
        window = MS_BC_SEQ_WINDOW_RFC;
    uint16_t d = (uint16_t)(seq - last);
    return d >= 1 && d <= window;
}

/* ---- signalling helpers shared by ha.c and cn.c ---- */

int
ms__bc_send_mh(struct ms_node *n, struct ms_mh *m, const struct in6_addr *src,
               const struct in6_addr *dst, const struct in6_addr *rh2_hoa, const uint8_t *kbm,
               const struct in6_addr *bad_coa, const struct ms_mnha *sa, const struct in6_addr *hoa)
{
    const struct in6_addr *final = rh2_hoa != NULL ? rh2_hoa : dst;
    if (kbm != NULL) {
        m->opts.present |= MS_MH_OPTS_BAD;
        m->opts.auth_len = MS_RR_AUTH_LEN;
        memset(m->opts.auth, 0, sizeof m->opts.auth);
    }
    size_t mlen = ms_mh_len(m);
    if (mlen == 0)
        return -EINVAL;
    uint32_t hlen = rh2_hoa != NULL ? MS_EXT_RH2_LEN : 0;
    struct ms_pkt *pkt = ms_pkt_new(&n->sim->pool);
    if (pkt == NULL)
        return MS_ENO_BUFS;
    uint8_t *p = ms_pkt_put(pkt, hlen + (uint32_t)mlen);
    if (p == NULL) {
        ms_pkt_free(pkt);
        return -EMSGSIZE;
    }
    if (rh2_hoa != NULL)
        ms_ext_rh2_encode(rh2_hoa, MS_IPPROTO_MH, p, hlen);
    int rc = ms_mh_encode(m, kbm != NULL ? NULL : src, kbm != NULL ? NULL : final, p + hlen, mlen);
    if (rc >= 0 && kbm != NULL)
        rc = ms_rr_mh_sign(kbm, bad_coa, src, p + hlen, mlen, src, final);
    if (rc < 0) {
        ms_pkt_free(pkt);
        return rc;
    }
    struct ms_ip6 ip6 = {
        .plen = (uint16_t)(hlen + mlen),
        .nh = rh2_hoa != NULL ? MS_IPPROTO_ROUTING : MS_IPPROTO_MH,
        .hlim = n->nd.cur_hop_limit ? n->nd.cur_hop_limit : 64,
        .src = *src,
        .dst = *dst,
    };
    uint8_t *h = ms_pkt_push(pkt, MS_IP6_HLEN);
    if (h == NULL) {
        ms_pkt_free(pkt);
        return -ENOBUFS;
    }
    ms_ip6_encode(&ip6, h, MS_IP6_HLEN);
    rc = ms_mnha_protect_out(sa, pkt, hoa != NULL ? hoa : final);
    if (rc < 0) {
        ms_pkt_free(pkt);
        return rc;
    }
    return ms_ip6_output(n, pkt, MS_TX_NO_HOOKS);
}

int
ms__bc_rh2_insert(struct ms_pkt *pkt, const struct in6_addr *coa)
{
    struct ms_ip6 ip6;
    int rc = ms_ip6_decode(pkt->data, pkt->len, &ip6);
    if (rc < 0)
        return rc;
    if (ms_in6_is_multicast(&ip6.dst) || !ms_in6_is_routable_unicast(&ip6.dst))
        return MS_EBAD_FIELD;
    const uint8_t *pl = pkt->data + MS_IP6_HLEN;
    uint32_t off = MS_IP6_HLEN;      /* where the RH2 goes */
    uint32_t nh_off = MS_IP6_OFF_NH; /* the Next Header field naming what follows */
    uint8_t nh = ip6.nh;
    if (nh == MS_IPPROTO_HOPOPTS) {
        int sz = ms_ext_hdr_size(pl, ip6.plen, nh);
        if (sz < 0)
            return sz;
        nh_off = MS_IP6_HLEN;
        nh = pl[0];
        off += (uint32_t)sz;
    }
    if (nh == MS_IPPROTO_ROUTING)
        return MS_EBAD_FIELD;
    /* RFC 6275 s9.3.2: never on Neighbor Discovery packets. */
    if (nh == MS_IPPROTO_ICMPV6 && off < pkt->len) {
        uint8_t t = pkt->data[off];
        if (t >= MS_ICMP6_RS && t <= MS_ICMP6_REDIRECT)
            return MS_EBAD_FIELD;
    }
    if ((uint32_t)ip6.plen + MS_EXT_RH2_LEN > 0xFFFFu)
        return MS_EBAD_LEN;
    uint8_t *old = pkt->data;
    uint8_t *p = ms_pkt_push(pkt, MS_EXT_RH2_LEN);
    if (p == NULL)
        return -ENOBUFS;
    memmove(p, old, off);
    ms_ext_rh2_encode(&ip6.dst, nh, p + off, MS_EXT_RH2_LEN);
    p[nh_off] = MS_IPPROTO_ROUTING;
    ms_wr16(p + MS_IP6_OFF_PLEN, (uint16_t)(ip6.plen + MS_EXT_RH2_LEN));
    memcpy(p + MS_IP6_OFF_DST, coa->s6_addr, 16);
    return 0;
}

bool
ms__bc_hao_check(void *node, const struct in6_addr *hoa, const struct in6_addr *coa)
{
    struct ms_node *n = node;
    const struct ms_bcache *caches[2] = {NULL, NULL};
    struct ms_role *r = ms_role_find(n, "ha");
    if (r != NULL)
        caches[0] = ms_ha_bcache(r);
    r = ms_role_find(n, "cn");
    if (r != NULL)
        caches[1] = ms_cn_bcache(r);
    for (int i = 0; i < 2; i++) {
        if (caches[i] == NULL)
            continue;
        struct ms_bc_entry *e = ms_bc_lookup(caches[i], hoa);
        if (e != NULL && e->state == MS_BC_BOUND && ms_in6_equal(&e->coa, coa)) {
            ms_bc_touch(e->bc, e);
            return true;
        }
    }
    if (r != NULL)
        ms__cn_note_hao_rejected(r);
    return false;
}
