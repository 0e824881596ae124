/* Home agent role (RFC 6275 s10).
 *
 * A home agent serves one home link (an interface of a router node) and the
 * home prefix(es) configured on it.  It:
 *   - processes home registrations (BU with H flag) per s9.5.1 + s10.3.1 /
 *     s10.3.2, answering every one with a BA (s10.3.1: "Regardless of the
 *     setting of the Acknowledge (A) bit ... MUST return a BA");
 *   - before accepting the FIRST registration of a home address, runs DAD
 *     for it on the home link (ms_nd_dad_probe: a real probe taking
 *     dup_addr_detect_transmits * retrans_timer) and answers afterwards,
 *     134 when another node owns the address;
 *   - proxies ND for registered home addresses (s10.4.1), intercepts packets
 *     for them (on_forward, and packets arriving on the home link for
 *     proxied addresses) and tunnels them to the care-of address (s10.4.2,
 *     RFC 2473); decapsulates reverse-tunnelled packets whose outer source
 *     is the registered CoA (s10.4.5);
 *   - answers DHAAD requests (s10.5) and Mobile Prefix Solicitations
 *     (s10.6), and advertises itself with RAs carrying the H flag and the
 *     Home Agent Information option (s7.1, s7.4) through the stack's
 *     ms_ra_start.
 * MN-HA protection goes through mipsim/sec/mnha.h ("none": IPsec is not
 * implemented).  No ICMPv6 Redirects are ever sent for tunnelled traffic:
 * the stack sends no Redirects at all.
 */
#ifndef MIPSIM_ROLE_HA_H
#define MIPSIM_ROLE_HA_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>

#include "role/bcache.h"
#include "role/role.h"
#include "sec/mnha.h"
#include "stack/node.h"

#define MS_HA_MAX_PREFIXES 4
#define MS_HA_MAX_ALLOWED 16
#define MS_HA_MAX_PEERS 8 /* other home agents learned from RAs (s10.1) */

struct ms_ha_prefix {
    struct in6_addr prefix;
    uint8_t plen;     /* 64 normally */
    uint32_t valid_s; /* prefix valid lifetime; UINT32_MAX = infinity */
    uint32_t preferred_s;
};

struct ms_ha_cfg {
    /* Home prefixes served on the home link.  nprefixes 0 = take every
     * global address prefix configured on home_if at ms_ha_new. */
    struct ms_ha_prefix prefixes[MS_HA_MAX_PREFIXES];
    uint8_t nprefixes;
    /* RFC 6275 s7.4 Home Agent Information: preference (higher is better)
     * and lifetime (seconds, 1..65535; default 1800). */
    uint16_t preference;
    uint16_t lifetime_s;
    /* Largest binding lifetime granted (s10.3.1 "MAY further decrease");
     * default 3600 s.  The BA may grant less (prefix valid lifetime). */
    uint32_t max_binding_lifetime_s;
    /* RFC 6275 s10.3.1: DAD for the home address before the first BA
     * (default true). */
    bool dad;
    /* Sequence window (see ms_bc_seq_in_window); default
     * MS_BC_SEQ_WINDOW_RFC. */
    uint32_t seq_window;
    /* Binding cache size; a BU for a new home address beyond it gets 130.
     * Default 64. */
    uint32_t max_bindings;
    /* Home addresses this HA serves (133 for others).  nallowed 0 = every
     * address on a home prefix. */
    struct in6_addr allowed[MS_HA_MAX_ALLOWED];
    uint8_t nallowed;
    /* Configure the stack's RAs on home_if: H flag, Home Agent Information
     * option, the prefixes with L|A and R (s7.2), Advertisement Interval
     * option.  Default true. */
    bool send_ra;
    /* Binding Refresh Advice in BAs (s10.3.1 MAY): refresh interval as a
     * fraction of the granted lifetime in percent, 0 = no option.  Default 0. */
    uint8_t bra_percent;
};

void ms_ha_cfg_default(struct ms_ha_cfg *c);

/* Creates the home agent role on n serving home_if, attaches it to n
 * (ms_role_attach) and, when cfg->send_ra, starts RAs on home_if.  n should
 * be a router (forwarding).  cfg is copied (NULL = defaults).  Returns the
 * role (freed with the node through ops->free) or NULL on out of memory or
 * when no home prefix is known. */
struct ms_role *ms_ha_new(struct ms_node *n, struct ms_iface *home_if, const struct ms_ha_cfg *cfg);

/* The MN-HA protection in use (initially "none"); replace *ms_ha_mnha(r)
 * to plug a real one. */
struct ms_mnha *ms_ha_mnha(struct ms_role *r);

/* ---- views (read-only) ---- */

struct ms_ha_counters {
    uint64_t bu_rx;      /* BUs received (valid MH, before validation) */
    uint64_t bu_dropped; /* silently discarded (s9.5.1) */
    uint64_t ba_tx[256]; /* BAs sent, by status */
    uint64_t dad_started, dad_failed;
    uint64_t tunnelled;       /* packets intercepted and tunnelled to a CoA */
    uint64_t decapsulated;    /* reverse-tunnelled packets accepted */
    uint64_t tunnel_rejected; /* outer source was not the registered CoA */
    uint64_t dhaad_rx, dhaad_tx, mps_rx, mpa_tx;
    uint64_t expired; /* bindings removed by lifetime */
    uint64_t deregistered;
};

uint32_t ms_ha_binding_count(const struct ms_role *r);
/* i-th binding in insertion order; 0 or -ENOENT. */
int ms_ha_binding_get(const struct ms_role *r, uint32_t i, struct ms_bc_view *out);
int ms_ha_binding_find(const struct ms_role *r, const struct in6_addr *hoa, struct ms_bc_view *out);
const struct ms_ha_counters *ms_ha_counters(const struct ms_role *r);
const struct ms_bcache *ms_ha_bcache(const struct ms_role *r);
/* The address the HA uses as its own on the home link (BA source, tunnel
 * endpoint, DHAAD reply). */
const struct in6_addr *ms_ha_address(const struct ms_role *r);

/* True when r is a home agent role (ops name "ha"). */
bool ms_role_is_ha(const struct ms_role *r);

#endif
