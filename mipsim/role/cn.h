/* Mobile IPv6 correspondent node role (RFC 6275 s9): return routability
 * (HoTI -> HoT, CoTI -> CoT), Binding Updates authorised with Kbm
 * (mipsim/sec/rr.h), a Binding Cache (mipsim/role/bcache.h) and route
 * optimisation: outgoing packets to a home address with a binding get a
 * Type 2 Routing Header (s9.3.2, s6.4); incoming packets with a Home Address
 * option are accepted only when a binding for (HoA, CoA) exists, else a
 * Binding Error status 1 is sent (s9.3.1, s9.3.3).
 *
 * A node WITHOUT this role is a plain IPv6 correspondent: the stack treats
 * the Mobility Header (next header 135) like any unknown upper layer and
 * answers ICMPv6 Parameter Problem code 1 (RFC 6275 s6.1.1: "the node that
 * does not recognize the Mobility Header ... SHOULD send an ICMP Parameter
 * Problem, Code 1").
 */
#ifndef MIPSIM_ROLE_CN_H
#define MIPSIM_ROLE_CN_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>

#include "role/bcache.h"
#include "role/role.h"
#include "sec/rr.h"
#include "stack/node.h"

struct ms_cn_cfg {
    /* Binding cache size; BU for a new home address beyond it -> 130. */
    uint32_t max_bindings; /* default 64 */
    /* Lifetime cap: RFC 6275 s5.2.6 MAX_RR_BINDING_LIFETIME (420 s). */
    uint32_t max_lifetime_s;
    /* Nonce generation interval and acceptance after first use
     * (RFC 6275 s5.2.7): defaults 30 s and MAX_NONCE_LIFETIME 240 s. */
    int64_t nonce_regen_ns;
    int64_t nonce_lifetime_ns;
    /* Route optimisation on output (RH2).  Default true. */
    bool route_optimize;
    /* RFC 6275 s9.5.5: send a BRR to the home address this long before an
     * entry used since its last refresh expires.  0 = never.  Default 0. */
    int64_t brr_lead_ns;
    /* Binding Refresh Advice in accepted BAs (percent of lifetime, 0 = none). */
    uint8_t bra_percent;
};

void ms_cn_cfg_default(struct ms_cn_cfg *c);

/* Creates the correspondent role on n and attaches it (ms_role_attach).
 * Kcn is drawn from n->rng.  cfg copied (NULL = defaults).  NULL on out of
 * memory. */
struct ms_role *ms_cn_new(struct ms_node *n, const struct ms_cn_cfg *cfg);

struct ms_cn_counters {
    uint64_t hoti_rx, coti_rx, hot_tx, cot_tx;
    uint64_t bu_rx, bu_dropped, auth_fail;
    uint64_t ba_tx[256]; /* by status */
    uint64_t brr_tx;
    uint64_t rh2_out;      /* packets sent with a Type 2 Routing Header */
    uint64_t hao_in;       /* packets with HAO delivered */
    uint64_t hao_rejected; /* HAO without a matching binding (s9.3.1): the stack
                              drops them (MS_ENO_BINDING) and sends a Binding Error */
    uint64_t be_tx[3];     /* Binding Errors by status (1, 2) due on this role's
                              behalf (status 1 for hao_rejected; the stack sends
                              them, subject to its ICMP rate limit) */
    uint64_t expired, deleted;
};

uint32_t ms_cn_binding_count(const struct ms_role *r);
int ms_cn_binding_get(const struct ms_role *r, uint32_t i, struct ms_bc_view *out);
int ms_cn_binding_find(const struct ms_role *r, const struct in6_addr *hoa, struct ms_bc_view *out);
const struct ms_cn_counters *ms_cn_counters(const struct ms_role *r);
const struct ms_bcache *ms_cn_bcache(const struct ms_role *r);
/* The correspondent's RR secret state (Kcn, nonces): for tests that need to
 * compute expected tokens. */
const struct ms_rr_cn *ms_cn_rr(const struct ms_role *r);

bool ms_role_is_cn(const struct ms_role *r);

#endif
