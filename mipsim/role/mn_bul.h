/* Mobile node internals shared by mn.c (role, hooks, views), mn_bul.c (the
 * Binding Update List: BUs, BAs, retransmission, refresh, the registration
 * queue), mn_move.c (movement detection, CoA selection, returning home,
 * DHAAD, prefix solicitation) and mn_rr.c (return routability, route
 * optimisation).  Not for other modules: they use role/mn.h.
 *
 * Helpers shared by these files carry the ms__mn_ prefix (STYLE.md).
 */
#ifndef MIPSIM_ROLE_MN_BUL_H
#define MIPSIM_ROLE_MN_BUL_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/pkt.h"
#include "core/sched.h"
#include "report/report.h"
#include "role/mn.h"
#include "role/role.h"
#include "sec/mnha.h"
#include "sec/rr.h"
#include "stack/node.h"
#include "wire/icmp6.h"
#include "wire/mh.h"

#define MS_MN_MAX_PREFIXES 4

/* RR sub-state of a correspondent entry. */
enum {
    MS_MN_RR_NONE = 0,
    MS_MN_RR_WAITING = 1, /* HoTI/CoTI out, tokens missing */
    MS_MN_RR_DONE = 2,    /* both tokens (or the home token for a deletion) held */
};

struct ms_mn;

/* One Binding Update List entry (RFC 6275 s11.1).  Entries are allocated
 * when a slot is first used and kept (unused entries are reused) until the
 * role is freed, so their timers, and pointers held across a deletion, stay
 * valid.  A mobile node that only registers at home holds one. */
struct ms_mn_bul_entry {
    bool used;
    struct ms_mn *mn;
    struct in6_addr peer;
    struct in6_addr coa; /* care-of address of the last BU (HoA for a deletion) */
    bool home_reg;
    uint8_t state; /* enum ms_mn_bul_state */

    /* The BU now outstanding (or last sent). */
    uint16_t seq;
    bool seq_set;
    uint16_t flags;
    uint32_t lifetime_sent_s;
    bool dereg;         /* lifetime 0, CoA = HoA */
    int64_t sent_ns;    /* last (re)transmission: the lifetime counts from here */
    uint32_t retx;      /* retransmissions of the outstanding BU */
    int64_t backoff_ns; /* the wait now running */
    bool deferred;      /* first transmission held by MAX_UPDATE_RATE */
    int64_t rate_hist[MS_MN_MAX_UPDATE_RATE]; /* last BU send times, oldest first */
    uint8_t resyncs;                          /* consecutive status-135 resynchronisations */
    uint8_t ro_failures; /* consecutive correspondent failures (MAX_RO_FAILURE) */

    /* What the peer holds: the last accepted binding. */
    bool bound;
    struct in6_addr bound_coa;
    uint32_t lifetime_granted_s;
    int64_t expires_ns;
    uint32_t refresh_s; /* Binding Refresh Advice from the home agent, 0 = none */
    int last_status;    /* -1 = none */
    bool no_more_bu;    /* s11.3.5 / s11.7.3 */
    uint64_t bu_sent;

    struct ms_timer retx_timer;
    struct ms_timer refresh_timer;
    struct ms_timer expire_timer;

    /* Return routability (correspondents only, s11.1 last list). */
    uint8_t rr_state;
    bool rr_dereg; /* home test only: the BU will delete the binding */
    uint64_t hoti_cookie, coti_cookie;
    bool have_hot, have_cot;
    uint64_t home_token, careof_token;
    uint16_t home_nonce_index, careof_nonce_index;
    struct in6_addr cot_coa; /* the CoA the care-of token was obtained for */
    int64_t rr_backoff_ns;
    uint32_t rr_retx;
    struct ms_timer rr_timer;
    uint8_t kbm[MS_RR_KBM_LEN];
};

struct ms_mn_prefix {
    struct in6_addr prefix;
    uint8_t plen;
};

/* The scalar counters of struct ms_mn_counters (mn.h), by name; the data
 * plane's first, so that they share a cache line. */
// clang-format off
#define MS__MN_SCALAR_COUNTERS(X) \
    X(tunnel_rx) \
    X(tunnelled_out) \
    X(ro_out) \
    X(tunnel_bad_src) \
    X(queued) \
    X(queue_overflow) \
    X(queue_flushed) \
    X(bu_sent) \
    X(bu_retx) \
    X(bu_gave_up) \
    X(ba_ignored) \
    X(seq_resync) \
    X(dereg_sent) \
    X(refreshes) \
    X(rr_runs) \
    X(rr_done) \
    X(hoti_sent) \
    X(coti_sent) \
    X(hot_rx) \
    X(cot_rx) \
    X(brr_rx) \
    X(be_rx) \
    X(ro_stopped) \
    X(dhaad_sent) \
    X(dhaad_rx) \
    X(mps_sent) \
    X(mpa_rx) \
    X(home_na_sent) \
    X(movements)
// clang-format on

/* BAs received by status: the few statuses a mobile node sees in a run sit
 * inline; a fifth distinct status moves the counts to a full table. */
#define MS__MN_BA_INLINE 4
struct ms__mn_ba_count {
    uint8_t status;
    uint32_t n;
};

/* The counters as the role keeps them until someone asks for them: struct
 * ms_mn_counters without its 2 KiB ba_rx table, which a mobile node among
 * thousands cannot afford.  Count through MS__MN_CTR. */
struct ms__mn_ctr {
#define MS__MN_CTR_FIELD(name) uint64_t name;
    MS__MN_SCALAR_COUNTERS(MS__MN_CTR_FIELD)
#undef MS__MN_CTR_FIELD
    struct ms__mn_ba_count ba[MS__MN_BA_INLINE];
    uint8_t nba;
    uint64_t *ba_all; /* [256], once more than MS__MN_BA_INLINE statuses were seen */
};

/* A counter as an lvalue: in the public view once ms_mn_counters() made
 * one (so the pointer it returned stays live), else in the compact set. */
#define MS__MN_CTR(mn, name) (*((mn)->ctr_view != NULL ? &(mn)->ctr_view->name : &(mn)->ctr.name))

/* What a packet to or from the home address reads comes first (the radio,
 * where we are, the home agent, the care-of address, the home address at
 * the head of cfg, then the data plane's counters): with thousands of
 * mobile nodes a role is rarely in cache when its packet arrives. */
struct ms_mn {
    struct ms_role role;
    struct ms_iface *radio;
    /* The public counters, made by the first ms_mn_counters() call; from
     * then on every count goes there and ctr is left behind. */
    struct ms_mn_counters *ctr_view;

    /* Where we are. */
    bool attached; /* radio L2 up */
    bool located;  /* an RA was heard since the last link up */
    bool at_home;
    bool dereg_pending; /* back home, deregistration not yet acknowledged */
    bool have_coa;
    bool ho_await_data; /* handover record: FIRST_DATA not seen yet */
    /* Home agent: configured or discovered (s11.4.1). */
    bool ha_known;
    uint8_t n_ha, ha_idx;
    struct in6_addr ha;
    struct in6_addr coa;
    struct ms_mn_cfg cfg;
    struct ms__mn_ctr ctr;
    struct in6_addr *ha_list; /* [MS_DHAAD_MAX_HA], from the first DHAAD Reply */
    struct ms_mnha mnha;
    struct ms_mn_prefix cur[MS_MN_MAX_PREFIXES];
    uint8_t ncur;

    struct ms_mn_bul_entry *bul[MS_MN_BUL_MAX]; /* NULL = slot never used */

    /* Packets from the home address waiting for a registration. */
    struct ms_pkt *q_head, *q_tail;
    uint32_t q_len;

    /* DHAAD (s11.4.1). */
    bool dhaad_pending;
    uint16_t dhaad_id;
    uint8_t dhaad_retx;
    int64_t dhaad_backoff_ns;
    struct ms_timer dhaad_timer;

    /* Mobile prefix solicitation (s11.4.2). */
    bool mps_pending;
    uint16_t mps_id;
    uint8_t mps_retx;
    int64_t mps_backoff_ns;
    struct ms_timer mps_timer;

    /* Unsolicited NAs after returning home (s11.5.5). */
    uint8_t na_left;
    struct ms_timer na_timer;

    /* Handover record state. */
    bool ho_begun;     /* a record was begun by a trigger, L2 down not yet seen */
    bool ho_open;      /* a record exists and is the current one */
    bool ho_bu_wanted; /* the next home BU is this handover's BU_SENT */
    char ap[40];       /* the cell we are attached to */

    uint32_t handovers;
};

/* ---- mn.c ---- */
struct ms_mn *ms__mn_from_role(const struct ms_role *r);
/* Counts a valid BA with this status (ms_mn_counters' ba_rx). */
void ms__mn_count_ba(struct ms_mn *mn, uint8_t status);
/* The i-th BUL slot's entry when in use, else NULL. */
static inline struct ms_mn_bul_entry *
ms__mn_bul_slot(const struct ms_mn *mn, unsigned i)
{
    struct ms_mn_bul_entry *e = mn->bul[i];
    return e != NULL && e->used ? e : NULL;
}
int64_t ms__mn_now(const struct ms_mn *mn);
struct ms_report *ms__mn_report(const struct ms_mn *mn);
void ms__mn_ho_mark(struct ms_mn *mn, enum ms_ho_mark m);
void ms__mn_ho_ba(struct ms_mn *mn, int status);
/* Sets or clears MS_ADDR_F_HOME on the home address. */
void ms__mn_hoa_set_home_flag(struct ms_mn *mn, bool away);
/* Sends a complete IPv6 packet built by the role (signalling, tunnelled or
 * route-optimised data) on the radio through the current default router,
 * without hooks.  Consumes pkt. */
int ms__mn_output(struct ms_mn *mn, struct ms_pkt *pkt);
/* Builds IPv6 header [+ Destination Options with a Home Address option] +
 * upper-layer bytes.  NULL when out of buffers. */
struct ms_pkt *ms__mn_pkt_build(struct ms_mn *mn, const struct in6_addr *src,
                                const struct in6_addr *dst, const struct in6_addr *hao, uint8_t nh,
                                const uint8_t *upper, size_t ulen);
/* Encapsulates the complete packet in an outer header CoA -> HA (RFC 2473,
 * RFC 6275 s11.3.1) and sends it.  Consumes pkt. */
int ms__mn_tunnel_output(struct ms_mn *mn, struct ms_pkt *pkt);
/* Encodes and sends a Mobility Header.  src/dst: the IPv6 header; hao: the
 * home address for a Home Address option (or NULL); tunnel: reverse-tunnel
 * the packet to the home agent; kbm: sign with a Binding Authorization Data
 * option (sign_coa = the care-of address being registered).  Returns 0 or a
 * negative code. */
int ms__mn_send_mh(struct ms_mn *mn, struct ms_mh *m, const struct in6_addr *src,
                   const struct in6_addr *dst, const struct in6_addr *hao, bool tunnel,
                   const uint8_t *kbm, const struct in6_addr *sign_coa);

/* ---- mn_bul.c ---- */
void ms__mn_bul_init(struct ms_mn *mn);
void ms__mn_bul_fini(struct ms_mn *mn);
struct ms_mn_bul_entry *ms__mn_bul_find(struct ms_mn *mn, const struct in6_addr *peer);
struct ms_mn_bul_entry *ms__mn_bul_add(struct ms_mn *mn, const struct in6_addr *peer,
                                       bool home_reg);
void ms__mn_bul_del(struct ms_mn_bul_entry *e);
struct ms_mn_bul_entry *ms__mn_bul_home(struct ms_mn *mn);
/* True when the peer holds a binding for the current CoA that is still
 * valid: packets may use it. */
bool ms__mn_bul_usable(const struct ms_mn *mn, const struct ms_mn_bul_entry *e);
/* Starts a home registration for the current CoA (s11.7.1). */
void ms__mn_home_register(struct ms_mn *mn);
/* Starts the deregistration from the home link (s11.5.5). */
void ms__mn_home_deregister(struct ms_mn *mn);
/* Sends a new BU (new sequence number) to a correspondent after RR. */
void ms__mn_cn_bu_start(struct ms_mn_bul_entry *e);
void ms__mn_on_ba(struct ms_mn *mn, struct ms_pkt *pkt, const struct ms_rx *rx,
                  const struct ms_mh *mh);
void ms__mn_queue_push(struct ms_mn *mn, struct ms_pkt *pkt);
void ms__mn_queue_flush(struct ms_mn *mn);
void ms__mn_queue_drop_all(struct ms_mn *mn);
/* Remaining valid lifetime in seconds of a node address (UINT32_MAX when
 * infinite, 0 when gone). */
uint32_t ms__mn_addr_valid_s(const struct ms_mn *mn, const struct in6_addr *a);

/* ---- mn_move.c ---- */
void ms__mn_move_init(struct ms_mn *mn);
void ms__mn_move_fini(struct ms_mn *mn);
void ms__mn_on_l2(struct ms_mn *mn, const struct ms_l2_event *ev);
void ms__mn_on_ra(struct ms_mn *mn, const struct ms_nd *nd);
void ms__mn_on_addr(struct ms_mn *mn, const struct ms_addr *a, bool ok);
/* The deregistration was acknowledged: the home address is on-link again. */
void ms__mn_home_done(struct ms_mn *mn);
/* Home registration given up or refused: try the next discovered HA.
 * Returns true when another one is being tried. */
bool ms__mn_ha_next(struct ms_mn *mn);
void ms__mn_mps_start(struct ms_mn *mn);
/* DHAAD Reply / Mobile Prefix Advertisement; MS_ROLE_* */
int ms__mn_on_mip_icmp(struct ms_mn *mn, struct ms_pkt *pkt, const struct ms_rx *rx);
/* RFC 2526 home-agents anycast address of the home prefix. */
void ms__mn_ha_anycast(const struct in6_addr *hoa, unsigned plen, struct in6_addr *out);
bool ms__mn_is_home_prefix(const struct ms_mn *mn, const struct in6_addr *prefix, unsigned plen);

/* ---- mn_rr.c ---- */
void ms__mn_rr_init(struct ms_mn_bul_entry *e);
/* Starts return routability with cn (creating its BUL entry).  dereg: home
 * test only, for a BU deleting the binding. */
void ms__mn_rr_start(struct ms_mn *mn, const struct in6_addr *cn, bool dereg);
void ms__mn_rr_stop(struct ms_mn_bul_entry *e);
/* After an accepted home registration: correspondent registrations for the
 * configured CNs and those already in the list (s11.7.2). */
void ms__mn_rr_after_home_ba(struct ms_mn *mn);
/* After returning home: delete correspondent bindings (s11.7.2). */
void ms__mn_rr_home(struct ms_mn *mn);
bool ms__mn_ro_wanted(const struct ms_mn *mn, const struct in6_addr *cn);
void ms__mn_on_hot(struct ms_mn *mn, const struct ms_rx *rx, const struct ms_mh *mh);
void ms__mn_on_cot(struct ms_mn *mn, const struct ms_rx *rx, const struct ms_mh *mh);
void ms__mn_on_brr(struct ms_mn *mn, const struct ms_rx *rx);
void ms__mn_on_be(struct ms_mn *mn, const struct ms_rx *rx, const struct ms_mh *mh);
/* s11.3.5: ICMP Parameter Problem code 1 about one of our MH messages. */
int ms__mn_on_param_prob(struct ms_mn *mn, struct ms_pkt *pkt, const struct ms_rx *rx);
/* Sends pkt (from the HoA) route-optimised to a correspondent with a
 * binding: inserts a Home Address option (s11.3.1).  Consumes pkt. */
int ms__mn_ro_output(struct ms_mn *mn, struct ms_pkt *pkt);
/* s11.7.2: a packet from cn arrived through the home agent's tunnel. */
void ms__mn_rr_on_tunnelled(struct ms_mn *mn, const struct in6_addr *cn);

/* Accessors the mobile node's files share. */
static inline struct ms_sched *
ms__mn_sched(const struct ms_mn *mn)
{
    return &mn->role.node->sim->sched;
}

static inline const char *
ms__mn_name(const struct ms_mn *mn)
{
    return mn->role.node->name;
}

static inline const struct ms_logger *
ms__mn_log(const struct ms_mn *mn)
{
    return &mn->role.node->sim->log;
}

#endif
