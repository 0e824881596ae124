/* Mobile IPv6 mobile node role (RFC 6275 s11).
 *
 * One mobile node has one home address, one radio interface (which the
 * script attaches to cells: the home link is a cell or segment carrying the
 * home prefix) and one home agent (configured, or found by Dynamic Home
 * Agent Address Discovery, s11.4.1).  The role:
 *   - detects movement from layer-2 events and Router Advertisements
 *     (s11.5.1): on link up it solicits at once, an RA whose prefix set
 *     differs from the current one is an L3 movement, and the care-of
 *     address is the SLAAC address the stack forms from the new prefix; it
 *     is ready when its DAD completes (on_addr);
 *   - registers the primary care-of address with the home agent (s11.7.1):
 *     BU with A and H from the CoA carrying a Home Address option,
 *     retransmitted with exponential back-off (s11.8), refreshed before the
 *     granted lifetime runs out, BA validated and handled per status
 *     (s11.7.3);
 *   - reverse-tunnels the packets it originates from its home address while
 *     away (s11.3.1) and holds them in a small bounded queue while no valid
 *     registration covers the current CoA (after a move, until the BA);
 *     checks that packets tunnelled to its home address come from its home
 *     agent (s11.3.3);
 *   - returns home (s11.5.5): deregistration BU from the home address,
 *     then an unsolicited Neighbor Advertisement for the home address;
 *   - runs return routability and route optimisation with correspondents
 *     it is configured for (s5.2, s11.6, s11.7.2): HoTI through the tunnel,
 *     CoTI direct, BU signed with Kbm (mipsim/sec/rr.h), then data with a
 *     Home Address option; BRR starts a new RR (s11.7.4), Binding Error
 *     status 1 stops route optimisation with that CN (s11.3.6);
 *   - sends Mobile Prefix Solicitations when the home address nears the end
 *     of its valid lifetime or a BA says 1 (s11.4.2, s11.4.3).
 * Each handover's milestones are recorded in sim->report (when not NULL):
 * L2_TRIGGER, L2_DOWN, L2_UP, MOVEMENT, COA_READY, BU_SENT, BA_RECEIVED
 * (with the BA status) and FIRST_DATA.
 *
 * MN-HA protection goes through mipsim/sec/mnha.h ("none": mipsim does not
 * implement IPsec).
 */
#ifndef MIPSIM_ROLE_MN_H
#define MIPSIM_ROLE_MN_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>

#include "role/role.h"
#include "sec/mnha.h"
#include "stack/node.h"

/* Binding Update List size (home agent + correspondents). */
#define MS_MN_BUL_MAX 8
/* Correspondents configured for route optimisation. */
#define MS_MN_MAX_RO_CNS 6

/* RFC 6275 s12 / s13 timing. */
#define MS_MN_INITIAL_BINDACK_TIMEOUT_NS (1 * MS_NS_PER_S)
#define MS_MN_INITIAL_BINDACK_FIRST_REG_NS (1500 * MS_NS_PER_MS)
#define MS_MN_MAX_BINDACK_TIMEOUT_NS (32 * MS_NS_PER_S)
#define MS_MN_INITIAL_DHAAD_TIMEOUT_NS (3 * MS_NS_PER_S)
#define MS_MN_DHAAD_RETRIES 4
#define MS_MN_INITIAL_SOLICIT_TIMER_NS (3 * MS_NS_PER_S)
#define MS_MN_MAX_UPDATE_RATE 3
#define MS_MN_MAX_RR_BINDING_LIFETIME_S 420u

struct ms_mn_cfg {
    /* The home address and the length of the home subnet prefix (s11.5.2
     * compares this prefix with the prefixes an RA advertises). */
    struct in6_addr hoa;
    uint8_t home_plen; /* default 64 */
    /* Route optimisation: with every correspondent whose packets arrive
     * through the home agent's tunnel (s11.7.2 "MAY initiate"), and/or with
     * the n_ro_cns listed in ro_cns (started after each accepted home
     * registration).  Next to the home address: every tunnelled packet
     * reads the three. */
    bool ro_all;
    uint8_t n_ro_cns;
    /* The home agent.  Unspecified (::) = Dynamic Home Agent Address
     * Discovery (s11.4.1): a DHAAD Request to the home-agents anycast
     * address of the home prefix (RFC 2526), then the BU to each address of
     * the Reply in turn. */
    struct in6_addr ha;
    /* Name of the home link (cell or segment), for logs and reports only:
     * home is detected from the prefix (s11.5.2), not from a name.  "" =
     * unknown. */
    char home_link[40];
    /* Lifetime requested in home registrations, seconds.  Default 420:
     * RFC 6275 gives no home-registration maximum, but
     *  - s11.7.2 bounds every correspondent binding by the remaining home
     *    registration, and correspondent bindings may last
     *    MAX_RR_BINDING_LIFETIME (420 s, s5.2.6): a shorter home lifetime
     *    would cut them short;
     *  - s11.7.1 asks mobile nodes that use dynamic HA discovery to "use
     *    small lifetimes";
     *  - 420 s is a whole number of the BU's 4-second units (105).
     * The value sent is further limited to the remaining valid lifetimes of
     * the care-of and home addresses (s11.7.1). */
    uint32_t lifetime_s;
    /* Lifetime requested from correspondents (capped at
     * MAX_RR_BINDING_LIFETIME and at the home registration's remaining
     * lifetime, s5.2.6 / s11.7.2).  Default 420. */
    uint32_t cn_lifetime_s;
    /* The correspondents counted by n_ro_cns. */
    struct in6_addr ro_cns[MS_MN_MAX_RO_CNS];
    /* Ask correspondents for a BA (A flag, s11.7.2).  Default true, so the
     * registration can be observed and retransmitted. */
    bool cn_ack;
    /* RFC 6275 s11.5.1 / RFC 4861 s6.3.7: skip the random delay before the
     * first Router Solicitation after link up.  Default true. */
    bool skip_rs_delay;
    /* RFC 6275 s13 InitialBindackTimeoutFirstReg (1.5 s), s12
     * INITIAL_BINDACK_TIMEOUT (1 s) and MAX_BINDACK_TIMEOUT (32 s). */
    int64_t initial_bindack_first_reg_ns;
    int64_t initial_bindack_ns;
    int64_t max_bindack_ns;
    /* s11.7.1: "If there was only one home agent, the mobile node instead
     * SHOULD continue to periodically retransmit the Binding Update at this
     * rate until acknowledged."  false (default): give up once a wait of
     * max_bindack_ns went unanswered (counted in bu_gave_up); true: keep
     * retransmitting every max_bindack_ns. */
    bool bu_retry_forever;
    /* Refresh a binding when this share of the granted lifetime has passed
     * (s11.7.1 "well before the expiration"), unless a Binding Refresh
     * Advice asks for sooner.  Default 80. */
    uint8_t refresh_percent;
    /* s11.7.1 makes the Alternate Care-of Address option mandatory in home
     * registrations because ESP cannot protect the IPv6 source; mipsim has
     * no IPsec and the home agent reads the source, so it is off by default
     * (the CoA is always the source). */
    bool alt_coa_opt;
    /* s11.7.1: set the L flag when the link-local address has the home
     * address's interface identifier.  Default false: with L the home agent
     * defends the link-local address too, and s11.5.5 then forbids DAD on it
     * when returning home, but the stack always runs link-local DAD on
     * link up. */
    bool l_flag;
    /* Packets originated from the home address while no registration
     * covers the current location are held (then tunnelled once the BA
     * arrives); beyond this many they are dropped and counted.  Default 64. */
    uint32_t queue_max;
    /* Unsolicited Neighbor Advertisements for the home address after the
     * deregistration BA (s11.5.5: MAY retransmit up to
     * MAX_NEIGHBOR_ADVERTISEMENT = 3 times), spaced by RetransTimer.
     * Default 1. */
    uint8_t home_na_count;
    /* s11.4.2: send a Mobile Prefix Solicitation when the home address has
     * less than this much valid lifetime left.  0 (default) = twice the
     * registration lifetime. */
    int64_t mps_lead_ns;
};

void ms_mn_cfg_default(struct ms_mn_cfg *c);

/* Creates the mobile node role on n with radio as its (only) mobile
 * interface, attaches it (ms_role_attach) and configures the home address
 * on the radio (static, no DAD: MS_ADDR_F_HOME while away).  cfg is copied.
 * Returns the role (freed with the node through ops->free), or NULL on out
 * of memory, an unspecified/multicast home address, or a home_plen outside
 * 1..127. */
struct ms_role *ms_mn_new(struct ms_node *n, struct ms_iface *radio, const struct ms_mn_cfg *cfg);

/* True when r is a mobile node role (ops name "mn"). */
bool ms_role_is_mn(const struct ms_role *r);

/* Enables route optimisation with cn at run time (as cfg.ro_cns).  Returns
 * 0, -EEXIST, -ENOSPC or -EINVAL (r not a mobile node). */
int ms_mn_ro_add(struct ms_role *r, const struct in6_addr *cn);

/* The MN-HA protection in use (initially "none"). */
struct ms_mnha *ms_mn_mnha(struct ms_role *r);

/* ---- views (read-only) ---- */

enum ms_mn_bul_state {
    MS_MN_BUL_RR = 1,      /* return routability in progress (correspondents) */
    MS_MN_BUL_WAIT_BA = 2, /* BU sent, waiting for the BA */
    MS_MN_BUL_BOUND = 3,   /* acknowledged (or sent without A) and not expired */
    MS_MN_BUL_FAILED = 4,  /* rejected or given up: no further BUs (s11.7.3) */
    MS_MN_BUL_EXPIRED = 5, /* lifetime ran out without a refresh */
};
const char *ms_mn_bul_state_name(uint8_t state);

struct ms_mn_bul_view {
    struct in6_addr peer; /* HA or correspondent */
    struct in6_addr hoa;
    struct in6_addr coa; /* care-of address of the last BU (HoA: deregistration) */
    bool home_reg;       /* H flag: the home registration */
    uint16_t seq;        /* Sequence Number of the last BU sent */
    uint16_t flags;      /* MS_BU_F_* of the last BU */
    uint32_t lifetime_sent_s;
    uint32_t lifetime_granted_s; /* from the last accepted BA (0 before) */
    int64_t remaining_ns;        /* of the accepted binding, >= 0 */
    uint8_t state;               /* enum ms_mn_bul_state */
    int last_status;             /* last BA status, -1 = none yet */
    uint32_t retransmissions;    /* of the BU now outstanding */
    uint64_t bu_sent;            /* BUs sent to this peer, retransmissions included */
    bool no_more_bu;             /* s11.3.5 / s11.7.3: BUs to this peer stopped */
};

struct ms_mn_counters {
    uint64_t bu_sent;       /* every BU (home and correspondent), retransmissions included */
    uint64_t bu_retx;       /* retransmissions */
    uint64_t bu_gave_up;    /* registrations abandoned after MAX_BINDACK_TIMEOUT */
    uint64_t ba_rx[256];    /* valid BAs by status */
    uint64_t ba_ignored;    /* BAs failing s11.7.3 validation */
    uint64_t seq_resync;    /* status 135 handled */
    uint64_t dereg_sent;    /* deregistrations (lifetime 0) */
    uint64_t refreshes;     /* BUs sent to extend a binding */
    uint64_t tunnelled_out; /* packets reverse-tunnelled to the HA */
    uint64_t ro_out;        /* packets sent route-optimised (Home Address option) */
    uint64_t queued, queue_overflow, queue_flushed;
    uint64_t tunnel_rx;      /* tunnelled packets for the HoA accepted */
    uint64_t tunnel_bad_src; /* tunnelled to the HoA, outer source not the HA (s11.3.3) */
    uint64_t rr_runs;        /* return routability procedures started */
    uint64_t rr_done;        /* completed (both tokens) */
    uint64_t hoti_sent, coti_sent, hot_rx, cot_rx;
    uint64_t brr_rx, be_rx;
    uint64_t ro_stopped; /* correspondents dropped from RO (BE, ICMP, rejection) */
    uint64_t dhaad_sent, dhaad_rx;
    uint64_t mps_sent, mpa_rx;
    uint64_t home_na_sent;
    uint64_t movements; /* L3 movements (new prefix set) */
};

/* The Binding Update List, in a stable order (slot order). */
uint32_t ms_mn_bul_count(const struct ms_role *r);
/* i-th entry (0-based, among those in use); 0 or -ENOENT. */
int ms_mn_bul_get(const struct ms_role *r, uint32_t i, struct ms_mn_bul_view *out);
/* Entry for peer; 0 or -ENOENT. */
int ms_mn_bul_find(const struct ms_role *r, const struct in6_addr *peer,
                   struct ms_mn_bul_view *out);

/* Current primary care-of address (its DAD done); false when none (at home,
 * detached, or still configuring). */
bool ms_mn_coa(const struct ms_role *r, struct in6_addr *out);
bool ms_mn_at_home(const struct ms_role *r);
const struct in6_addr *ms_mn_hoa(const struct ms_role *r);
/* The home agent in use (configured or discovered), or NULL. */
const struct in6_addr *ms_mn_ha(const struct ms_role *r);
/* The counters, live while the role lives.  They take 2.3 KiB, so the role
 * keeps a compact form until the first call; NULL when r is not a mobile
 * node (or out of memory on that first call). */
const struct ms_mn_counters *ms_mn_counters(const struct ms_role *r);
/* Layer-2 handovers begun (link going down or link down while attached). */
uint32_t ms_mn_handover_count(const struct ms_role *r);
/* Packets waiting in the registration queue. */
uint32_t ms_mn_queue_len(const struct ms_role *r);

#endif
