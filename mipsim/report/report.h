/* What a run leaves behind besides captures: handover timelines, flow
 * statistics, signalling counters and expectation results.  Roles, the stack
 * and flows feed it; the summary and the JSON writer read it.
 *
 * Everything is kept in insertion order, so output is deterministic. */
#ifndef MIPSIM_REPORT_REPORT_H
#define MIPSIM_REPORT_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* Milestones of one handover, in the order they normally happen. */
#define MS_HO_MARK_MAP(X)                                                                          \
    X(L2_TRIGGER, "l2_trigger", "link going down")                                                 \
    X(L2_DOWN, "l2_down", "L2 down")                                                               \
    X(L2_UP, "l2_up", "L2 up")                                                                     \
    X(MOVEMENT, "movement_detected", "movement detected")                                          \
    X(COA_READY, "coa_ready", "care-of address ready (DAD done)")                                  \
    X(BU_SENT, "bu_sent", "BU sent")                                                               \
    X(BA_RECEIVED, "ba_received", "BA received")                                                   \
    X(FIRST_DATA, "first_data", "first data packet on the new path")

enum ms_ho_mark {
#define X(name, key, text) MS_HO_##name,
    MS_HO_MARK_MAP(X)
#undef X
        MS_HO__COUNT
};

const char *ms_ho_mark_key(enum ms_ho_mark m);  /* "bu_sent" */
const char *ms_ho_mark_text(enum ms_ho_mark m); /* "BU sent" */

struct ms_ho_record {
    char mn[32];
    uint32_t number; /* 1-based, per MN */
    char from[40];   /* AP or link left, "" when the MN was detached */
    char to[40];
    int64_t t[MS_HO__COUNT]; /* MS_TIME_NEVER until seen */
    int ba_status;           /* status of the BA that completed it, -1 = none */
};

/* Flow statistics, kept by the flow itself and registered here. */
struct ms_flow_stats {
    char name[48];
    char kind[8]; /* "udp", "ping" */
    uint64_t sent, received, lost, duplicated, reordered;
    uint64_t bytes_sent, bytes_received;
    int64_t delay_sum_ns, delay_max_ns;
};

struct ms_signal_count {
    uint64_t count, bytes;
};

struct ms_expect_result {
    char where[128]; /* script file:line */
    char text[160];
    bool ok;
};

struct ms_report {
    struct ms_ho_record *ho;
    uint32_t nho, ho_cap;
    struct ms_flow_stats **flows;
    uint32_t nflows, flows_cap;
    struct ms_signal_count mh[256];    /* by MH type */
    struct ms_signal_count icmp6[256]; /* by ICMPv6 type */
    struct ms_expect_result *expects;
    uint32_t nexpects, expects_cap;
    uint64_t seed;
    int64_t end_ns;
};

void ms_report_init(struct ms_report *r, uint64_t seed);
void ms_report_fini(struct ms_report *r);

/* Starts handover number n+1 of mn at time t (its L2_DOWN or L2_TRIGGER mark
 * is set by the caller through ms_report_ho_mark).  Returns its index, or -1
 * when out of memory. */
int ms_report_ho_begin(struct ms_report *r, const char *mn, const char *from, const char *to);
/* Records a milestone of the MN's latest handover; a milestone already set
 * is kept (the first occurrence counts).  No-op when the MN has none. */
void ms_report_ho_mark(struct ms_report *r, const char *mn, enum ms_ho_mark m, int64_t t_ns);
/* The MN's latest handover, or NULL. */
struct ms_ho_record *ms_report_ho_current(struct ms_report *r, const char *mn);

void ms_report_flow_add(struct ms_report *r, struct ms_flow_stats *fs);
void ms_report_signal_mh(struct ms_report *r, uint8_t mh_type, uint32_t bytes);
void ms_report_signal_icmp6(struct ms_report *r, uint8_t icmp6_type, uint32_t bytes);
void ms_report_expect(struct ms_report *r, const char *where, const char *text, bool ok);
/* Number of failed expectations. */
uint32_t ms_report_failures(const struct ms_report *r);

/* Handover latency: BA received (registration complete) minus L2 down, or
 * -1 when either is missing.  Disruption: first data on the new path minus
 * L2 down, or -1. */
int64_t ms_ho_latency_ns(const struct ms_ho_record *h);
int64_t ms_ho_disruption_ns(const struct ms_ho_record *h);

/* Human summary and JSON (same data). */
void ms_report_print_summary(const struct ms_report *r, FILE *out);
int ms_report_write_json(const struct ms_report *r, FILE *out);

#endif
