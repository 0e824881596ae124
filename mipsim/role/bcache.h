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

#include "core/sched.h"

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
    uint16_t seq;           /* of the last accepted BU */
    uint16_t bu_flags;      /* MS_BU_F_* of the last accepted BU */
    bool home_reg;          /* H flag: a home registration (s10.1) */
    uint8_t state;          /* enum ms_bc_state */
    uint32_t lifetime_s;    /* granted in the BA */
    int64_t registered_ns;  /* when the last BU was accepted */
    int64_t expires_ns;     /* registered_ns + lifetime */
    /* Use accounting for RFC 6275 s9.5.5 ("in active use"). */
    uint64_t uses;
    int64_t last_use_ns;
    bool brr_sent;          /* a BRR went out for the current lifetime */
    struct ms_timer timer;  /* expiry; owned by the cache */
    struct ms_timer aux;    /* for the owner (DAD wait, BRR ...): never touched here
                               except stopped on delete */
    void *owner;            /* for the owner */
    struct ms_bcache *bc;
};

struct ms_bcache {
    struct ms_sched *sched;
    struct ms_bc_entry **v; /* insertion order */
    uint32_t n, cap;
    uint32_t max;           /* 0 = unlimited */
    ms_bc_expire_cb on_expire;
    void *data;
    uint64_t expired;       /* entries removed by their timer */
};

/* A read-only snapshot of one entry for scripts, reports and tests. */
struct ms_bc_view {
    struct in6_addr hoa, coa;
    uint16_t seq;
    uint16_t bu_flags;
    bool home_reg;
    uint8_t state;            /* enum ms_bc_state */
    uint32_t lifetime_s;      /* granted */
    int64_t remaining_ns;     /* expires_ns - now, >= 0 */
    int64_t registered_ns;
    uint64_t uses;
};

void ms_bc_init(struct ms_bcache *bc, struct ms_sched *sched, uint32_t max, ms_bc_expire_cb cb,
                void *data);
/* Frees every entry (no callbacks). */
void ms_bc_fini(struct ms_bcache *bc);

struct ms_bc_entry *ms_bc_lookup(const struct ms_bcache *bc, const struct in6_addr *hoa);
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
int ms_bc_view_find(const struct ms_bcache *bc, const struct in6_addr *hoa,
                    struct ms_bc_view *out);
/* Notes that e was used to route a packet now (s9.5.5 "in active use"). */
void ms_bc_touch(struct ms_bcache *bc, struct ms_bc_entry *e);

/* RFC 6275 s9.5.1: "the Sequence Number field in the Binding Update is
 * less than or equal to the Sequence Number ... using modulo 2**16
 * arithmetic ... less than ... if the difference ... is ... greater than
 * 32768" -- precisely: a < b when 0 < (b - a) mod 2^16 < 32768. */
bool ms_bc_seq_lt(uint16_t a, uint16_t b);
/* True when seq is acceptable after last under a window of `window`
 * (1..32768): 0 < (seq - last) mod 2^16 <= window - 1 ... i.e. seq is
 * "greater than" last and at most window - 1 ahead.  window 32768 is the
 * plain RFC rule (not ms_bc_seq_lt(last, seq) fails -> 135). */
bool ms_bc_seq_in_window(uint16_t last, uint16_t seq, uint32_t window);

#endif
