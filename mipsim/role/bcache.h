/* Binding Cache (RFC 6275 s9.1, s10.1): shared by the home agent
 * (mipsim/role/ha.c) and the correspondent node (mipsim/role/cn.c).
 *
 * An entry maps a home address to a care-of address with the sequence
 * number and lifetime of the Binding Update that created or refreshed it.
 * Entries live on the heap (their address is stable while they exist, so
 * timers can point at them) and are listed in insertion order, so views and
 * iteration are deterministic.  The cache owns one expiry timer per entry;
 * when it fires the owner's callback runs and the entry is then deleted.
 *
 * RFC 6275 s9.5.1 sequence number rule: see ms_bc_seq_lt.
 */
#ifndef MIPSIM_ROLE_BCACHE_H
#define MIPSIM_ROLE_BCACHE_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/pkt.h"
#include "core/sched.h"

struct ms_node;
struct ms_mh;
struct ms_mnha;

enum ms_bc_state {
    MS_BC_PENDING_DAD = 1, /* home registration waiting for DAD on the home link */
    MS_BC_BOUND = 2,       /* in use */
};

struct ms_bcache;
struct ms_bc_entry;

/* Called when an entry's lifetime ran out, before the cache frees it. */
typedef void (*ms_bc_expire_cb)(struct ms_bcache *bc, struct ms_bc_entry *e, void *data);

struct ms_bc_entry {
    struct in6_addr hoa;
    struct in6_addr coa;
    uint16_t seq;          /* of the last accepted BU */
    uint16_t bu_flags;     /* MS_BU_F_* of the last accepted BU */
    bool home_reg;         /* H flag: a home registration (s10.1) */
    uint8_t state;         /* enum ms_bc_state */
    uint32_t lifetime_s;   /* granted in the BA */
    int64_t registered_ns; /* when the last BU was accepted */
    int64_t expires_ns;    /* registered_ns + lifetime */
    /* A home registration waiting for DAD (RFC 6275 s10.3.1): the latest BU
     * and where its BA goes once DAD completes. */
    struct {
        uint16_t seq, bu_flags;
        uint32_t lifetime_s; /* to grant */
        uint8_t status;      /* MS_BA_ACCEPTED or _ACCEPTED_PREFIX_DISC */
        struct in6_addr coa;
        struct in6_addr bu_src; /* wire source of the BU: the BA's destination */
        struct in6_addr bu_dst; /* the BU's destination: the BA's source */
        bool has_hao;           /* BA carries a Type 2 Routing Header */
        uint8_t dad_left;       /* probes still running */
        bool dad_failed;
    } pend;
    /* Use accounting for RFC 6275 s9.5.5 ("in active use"): packets routed
     * with this entry since it was last refreshed. */
    uint64_t uses;
    int64_t last_use_ns;
    bool brr_sent;         /* a BRR went out for the current lifetime */
    struct ms_timer timer; /* expiry; owned by the cache */
    struct ms_timer aux;   /* for the owner (DAD wait, BRR ...): never touched here
                              except stopped on delete */
    void *owner;           /* for the owner */
    struct ms_bcache *bc;
};

struct ms_bcache {
    struct ms_sched *sched;
    struct ms_bc_entry **v; /* insertion order */
    uint32_t n, cap;
    /* Index by home address: open addressing (linear probing, at most half
     * full, backward-shift deletion), so that the home agent's per-packet
     * lookup costs O(1) with ten thousand bindings. */
    struct ms_bc_entry **idx;
    uint32_t idx_cap; /* power of two, 0 = none yet */
    uint32_t max;     /* 0 = unlimited */
    ms_bc_expire_cb on_expire;
    void *data;
    uint64_t expired; /* entries removed by their timer */
};

/* A read-only snapshot of one entry for scripts, reports and tests. */
struct ms_bc_view {
    struct in6_addr hoa, coa;
    uint16_t seq;
    uint16_t bu_flags;
    bool home_reg;
    uint8_t state;        /* enum ms_bc_state */
    uint32_t lifetime_s;  /* granted */
    int64_t remaining_ns; /* expires_ns - now, >= 0 */
    int64_t registered_ns;
    uint64_t uses;
};

void ms_bc_init(struct ms_bcache *bc, struct ms_sched *sched, uint32_t max, ms_bc_expire_cb cb,
                void *data);
/* Frees every entry (no callbacks). */
void ms_bc_fini(struct ms_bcache *bc);

struct ms_bc_entry *ms_bc_lookup(const struct ms_bcache *bc, const struct in6_addr *hoa);
/* A hint, given in steps a few events apart (3, 2, then 1): starts
 * fetching hoa's first index slot, then the entry it names (what
 * ms_bc_lookup(bc, hoa) most likely returns); step 1 adds nothing.
 * Changes nothing. */
void ms_bc_prefetch(const struct ms_bcache *bc, const struct in6_addr *hoa, unsigned step);
/* A new zeroed entry for hoa (state MS_BC_BOUND, no timer armed) appended to
 * the cache.  NULL when the cache holds max entries (BA status 130,
 * RFC 6275 s9.5.2 / s10.3.1) or out of memory.  The caller checks first
 * that hoa has no entry. */
struct ms_bc_entry *ms_bc_add(struct ms_bcache *bc, const struct in6_addr *hoa);
/* Records an accepted BU: coa, seq, flags, lifetime (seconds), now; re-arms
 * the expiry timer for now + lifetime_s and clears brr_sent.  Returns 0 or
 * -ENOMEM (timer heap). */
int ms_bc_refresh(struct ms_bcache *bc, struct ms_bc_entry *e, const struct in6_addr *coa,
                  uint16_t seq, uint16_t bu_flags, uint32_t lifetime_s);
/* Removes and frees e (stops its timers; no callback). */
void ms_bc_del(struct ms_bcache *bc, struct ms_bc_entry *e);

uint32_t ms_bc_count(const struct ms_bcache *bc);
/* The i-th entry in insertion order, or NULL. */
struct ms_bc_entry *ms_bc_at(const struct ms_bcache *bc, uint32_t i);
/* Fills *out from entry i; returns 0 or -ENOENT. */
int ms_bc_view_get(const struct ms_bcache *bc, uint32_t i, struct ms_bc_view *out);
/* Fills *out from the entry for hoa; returns 0 or -ENOENT. */
int ms_bc_view_find(const struct ms_bcache *bc, const struct in6_addr *hoa, struct ms_bc_view *out);
/* Notes that e was used to route a packet now (s9.5.5 "in active use"). */
void ms_bc_touch(struct ms_bcache *bc, struct ms_bc_entry *e);

/* RFC 6275 s9.5.1: "A Sequence Number in a received Binding Update is
 * considered less than or equal to the last received number if its value
 * lies in the range of the last received number and the preceding 32768
 * values, inclusive."  So a < b exactly when 1 <= (b - a) mod 2^16 <= 32767. */
bool ms_bc_seq_lt(uint16_t a, uint16_t b);
/* True when a BU with seq may follow the last accepted `last`:
 * 1 <= (seq - last) mod 2^16 <= window.  window is clamped to 1..32767;
 * MS_BC_SEQ_WINDOW_RFC (32767) is the plain RFC rule (ms_bc_seq_lt(last, seq)).
 * A smaller window also rejects jumps too far ahead (status 135). */
#define MS_BC_SEQ_WINDOW_RFC 32767u
bool ms_bc_seq_in_window(uint16_t last, uint16_t seq, uint32_t window);

/* ---- Internal to mipsim/role (bcache.c, ha.c, cn.c) ---- */

/* Builds and sends a Mobility Header message from n: [Type 2 Routing Header
 * with rh2_hoa] + MH, IPv6 source src and destination dst, without the
 * roles' output hooks (signalling goes as built, RFC 6275 s9.5.4).  The MH
 * Checksum uses the final destination (rh2_hoa when given, RFC 8200 s8.1).
 * When kbm is not NULL a Binding Authorization Data option is added to *m
 * and signed (RFC 6275 s6.2.7) over bad_coa | src | MH.  sa (may be NULL)
 * is called to protect the packet (mipsim/sec/mnha.h) for hoa.  Returns 0
 * or a negative code (the packet is consumed or never built). */
int ms__bc_send_mh(struct ms_node *n, struct ms_mh *m, const struct in6_addr *src,
                   const struct in6_addr *dst, const struct in6_addr *rh2_hoa, const uint8_t *kbm,
                   const struct in6_addr *bad_coa, const struct ms_mnha *sa,
                   const struct in6_addr *hoa);

/* RFC 6275 s9.3.2 / s6.4: rewrites an outgoing packet (pkt->data at the
 * IPv6 header) to reach the home address in its destination through coa:
 * inserts a Type 2 Routing Header holding the home address right after the
 * fixed header (after a Hop-by-Hop header if any) and sets the destination
 * to coa.  The upper-layer checksum stays valid (it covers the final
 * destination, RFC 8200 s8.1).  Returns 0, or a negative code with pkt
 * untouched: MS_EBAD_FIELD for packets that must not get one (ND messages,
 * multicast destinations, a routing header already present), -ENOBUFS
 * when headroom is short, a decode error. */
int ms__bc_rh2_insert(struct ms_pkt *pkt, const struct in6_addr *coa);

/* The node's RFC 6275 s9.3.1 Home Address option check (ms_hao_check_cb,
 * data = the node): true when the "ha" or the "cn" role of the node holds a
 * bound entry for hoa whose care-of address is coa.  Both roles install
 * it, so a node holding both answers from both caches. */
bool ms__bc_hao_check(void *node, const struct in6_addr *hoa, const struct in6_addr *coa);
/* cn.c: counts a failed check (hao_rejected, be_tx[1]) on the "cn" role r. */
struct ms_role;
void ms__cn_note_hao_rejected(struct ms_role *r);

#endif
