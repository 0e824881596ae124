/* Measured traffic: UDP constant-bit-rate flows and ping (ICMPv6 Echo)
 * flows.
 *
 * Every packet of a flow carries a 20-octet flow header at the start of its
 * UDP payload (or of its Echo Data, which the peer echoes back), followed by
 * zero padding up to the configured size (docs/FORMATS.md "Flow payload"):
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                 Magic = 0x4D534631 ("MSF1")                   |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                           Flow ID                             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                       Sequence Number                         |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                 Send Time (ns, signed, 64 bits)               |
 *   +                                                               +
 *   |                                                               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The receiver keeps the accounting in struct ms_flow_stats (report.h):
 * a sequence number seen before is a duplicate; a new one below the highest
 * seen so far is reordered; lost = sent - distinct received - in flight,
 * where "in flight" are the packets sent during the last timeout_ns before
 * the stats were read that have not arrived (yet).  Duplicates are detected
 * within the last MS_FLOW_WINDOW sequence numbers sent; an older arrival
 * counts as a late, distinct packet.
 *
 * Nothing is allocated per packet: packets come from the simulation's pool.
 */
#ifndef MIPSIM_APP_FLOW_H
#define MIPSIM_APP_FLOW_H

#include <errno.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/sched.h"
#include "report/report.h"
#include "wire/bytes.h"
#include "wire/err.h"

struct ms_node;
struct ms_sim;

#define MS_FLOW_MAGIC 0x4D534631u /* "MSF1" */
#define MS_FLOW_HDR_LEN 20u
#define MS_FLOW_WINDOW 4096u /* sequence numbers tracked for duplicates */
/* UDP flows use destination and source port MS_FLOW_PORT_BASE + flow id. */
#define MS_FLOW_PORT_BASE 40000u

struct ms_flow_hdr {
    uint32_t flow_id;
    uint32_t seq;
    int64_t sent_ns;
};

/* Inline so that readers of captures (report/compare.c) need no stack.
 * Returns 0, MS_ETRUNC (len < 20) or MS_EBAD_FIELD (wrong magic). */
static inline int
ms_flow_hdr_decode(const uint8_t *p, size_t len, struct ms_flow_hdr *out)
{
    if (len < MS_FLOW_HDR_LEN)
        return MS_ETRUNC;
    if (ms_rd32(p) != MS_FLOW_MAGIC)
        return MS_EBAD_FIELD;
    out->flow_id = ms_rd32(p + 4);
    out->seq = ms_rd32(p + 8);
    out->sent_ns = (int64_t)ms_rd64(p + 12);
    return 0;
}

/* Returns MS_FLOW_HDR_LEN or -EMSGSIZE. */
static inline int
ms_flow_hdr_encode(const struct ms_flow_hdr *in, uint8_t *buf, size_t cap)
{
    if (cap < MS_FLOW_HDR_LEN)
        return -EMSGSIZE;
    ms_wr32(buf, MS_FLOW_MAGIC);
    ms_wr32(buf + 4, in->flow_id);
    ms_wr32(buf + 8, in->seq);
    ms_wr64(buf + 12, (uint64_t)in->sent_ns);
    return (int)MS_FLOW_HDR_LEN;
}

/* ---- accounting, independent of the network (unit-testable) ---- */

enum ms_flow_rx_verdict {
    MS_FLOW_RX_NEW = 0,       /* first copy, in order */
    MS_FLOW_RX_REORDERED = 1, /* first copy, below the highest seen */
    MS_FLOW_RX_DUPLICATE = 2, /* seen before */
    MS_FLOW_RX_LATE = 3,      /* older than the window: counted as new, late */
    MS_FLOW_RX_BOGUS = 4,     /* never sent: ignored */
};

struct ms_flow_acct {
    uint32_t next_seq;                  /* sequence number of the next packet sent */
    uint32_t highest;                   /* highest sequence received + 1 (0 = none yet) */
    uint64_t unique;                    /* distinct packets received */
    uint64_t bits[MS_FLOW_WINDOW / 64]; /* received flags, slot seq % WINDOW */
};

void ms_flow_acct_init(struct ms_flow_acct *a);
/* The sender used sequence number a->next_seq; returns it and advances. */
uint32_t ms_flow_acct_sent(struct ms_flow_acct *a, struct ms_flow_stats *st, uint32_t bytes);
/* A packet with seq arrived bytes long after delay_ns.  Updates st. */
enum ms_flow_rx_verdict ms_flow_acct_received(struct ms_flow_acct *a, struct ms_flow_stats *st,
                                              uint32_t seq, uint32_t bytes, int64_t delay_ns);
/* Recomputes st->lost, treating the last `inflight` packets sent that have
 * not arrived as still in flight. */
void ms_flow_acct_settle(const struct ms_flow_acct *a, struct ms_flow_stats *st, uint32_t inflight);

/* ---- flows ---- */

enum ms_flow_kind { MS_FLOW_UDP = 0, MS_FLOW_PING = 1 };

struct ms_flow_cfg {
    enum ms_flow_kind kind;
    const char *name;     /* copied (truncated to the stats' 47 characters) */
    struct ms_node *from; /* sender (and, for ping, receiver of the replies) */
    struct ms_node *to;   /* UDP receiver (may be NULL for ping) */
    struct in6_addr dst;  /* destination address */
    bool has_src;         /* else the stack selects the source */
    struct in6_addr src;
    int64_t every_ns;   /* interval, > 0 */
    int64_t start_ns;   /* absolute virtual time of the first packet */
    int64_t stop_ns;    /* no packet at or after it; MS_TIME_NEVER = none */
    uint64_t count;     /* packets to send; 0 = no limit */
    uint32_t size;      /* UDP payload / Echo Data octets, >= MS_FLOW_HDR_LEN */
    int64_t timeout_ns; /* in-flight allowance when counting losses */
};

struct ms_flow;

/* Creates a flow with identifier id (unique per simulation, 1..65535),
 * binds the UDP receiver (or the ping reply hook on `from`) and registers
 * its stats with sim->report.  Nothing is sent until ms_flow_start.
 * Returns NULL with *err set: -EINVAL (bad cfg), -EADDRINUSE (port taken),
 * -ENOMEM. */
struct ms_flow *ms_flow_new(struct ms_sim *sim, uint32_t id, const struct ms_flow_cfg *cfg,
                            int *err);
/* Arms the first transmission at cfg->start_ns (or now if that has passed). */
int ms_flow_start(struct ms_flow *f);
void ms_flow_stop(struct ms_flow *f);
/* Stops, unbinds and frees.  Call before the nodes are freed. */
void ms_flow_free(struct ms_flow *f);

/* Statistics with `lost` settled for the current time. */
const struct ms_flow_stats *ms_flow_stats(struct ms_flow *f);
uint32_t ms_flow_id(const struct ms_flow *f);
const char *ms_flow_name(const struct ms_flow *f);

#endif
