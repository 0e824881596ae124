/* Data-plane benchmark: Mobile IPv6 home-agent tunnelling at scale.
 *
 *   cn --5 ms-- rt (router + home agent) --2 ms-- ar1 ... arK
 *                |                                 |       |
 *           home segment                        cell 1 ... cell K
 *        (2001:db8:aa::/64)                    M mobile nodes, MN j on cell j % K
 *
 * Every module is the real one (stack, links, cells, HA and MN roles, UDP
 * flows); nothing is scripted in Lua.  The mobile nodes attach at time 0,
 * form a care-of address from their AR's Router Advertisement and register
 * it with the home agent through real BU/BA signalling (home agent DAD
 * included).  Once every MN is registered, the correspondent sends one
 * 200-octet UDP datagram every 10 ms to every home address; the home agent
 * intercepts each one and tunnels it to the MN's care-of address
 * (RFC 6275 s10.4.2).  After a traffic warm-up the benchmark measures S
 * simulated seconds of this steady state and prints:
 *   - packet-hops per wall second: link transmissions (the sum of every
 *     link's frame counter over the measured interval) / wall time;
 *   - delivery: datagrams received / sent over the whole traffic run (the
 *     warm-up, the measured interval and a drain: fails below 99.9 %);
 *   - memory: heap bytes (mallinfo2) held because of the MNs, per MN, and
 *     the process's peak RSS (VmHWM);
 *   - allocations in steady state: new packet-pool slabs (must be 0) and
 *     malloc/calloc/realloc calls (counted by interposition when the build
 *     has no sanitizer; must stay below one per ten datagrams: nothing is
 *     allocated per packet).
 * Exit status: 0 when delivery and allocation checks hold, 1 otherwise, 2 on
 * a usage or set-up error.
 */
#include <errno.h>
#include <inttypes.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/flow.h"
#include "core/hugepage.h"
#include "core/sim.h"
#include "core/time.h"
#include "link/link.h"
#include "role/ha.h"
#include "role/mn.h"
#include "stack/node.h"
#include "wire/codepoints.h"
#include "wire/ipv6.h"
#include "wire/nd_opt.h"

/* ---- malloc call counting ---------------------------------------------- */

/* Sanitizer builds replace the allocator: no interposition, and mallinfo2
 * reports nothing. */
#if defined(__SANITIZE_ADDRESS__)
#define BENCH_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BENCH_SANITIZED 1
#endif
#endif
#ifndef BENCH_SANITIZED
#define BENCH_SANITIZED 0
#endif
#if !BENCH_SANITIZED && defined(__GLIBC__)
#define BENCH_COUNT_MALLOC 1
#else
#define BENCH_COUNT_MALLOC 0
#endif

static unsigned long long alloc_calls; /* malloc + calloc + realloc */

#if BENCH_COUNT_MALLOC
/* glibc's own entry points: the benchmark's definitions below interpose the
 * whole process's allocator (libuv included) and count calls. */
extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t k, size_t n);
extern void *__libc_realloc(void *p, size_t n);

void *
malloc(size_t n)
{
    alloc_calls++;
    return __libc_malloc(n);
}

void *
calloc(size_t k, size_t n)
{
    alloc_calls++;
    return __libc_calloc(k, n);
}

void *
realloc(void *p, size_t n)
{
    alloc_calls++;
    return __libc_realloc(p, n);
}
#endif

/* ---- helpers ------------------------------------------------------------ */

#define FLOW_EVERY_NS (10 * MS_NS_PER_MS)
#define FLOW_SIZE 200u
#define MAX_MNS 25535u /* flow ids 1..25535: UDP port 40000 + id fits 16 bits */
#define MAX_ARS 250u

static void
die(const char *what)
{
    fprintf(stderr, "bench_dataplane: %s\n", what);
    exit(2);
}

static struct in6_addr
addr(const char *s)
{
    struct in6_addr a;
    if (ms_in6_parse(s, &a) < 0)
        die("bad address literal");
    return a;
}

/* 2001:db8:<hi>:<mid>::<lo> */
static struct in6_addr
addr3(uint16_t hi, uint16_t mid, uint16_t lo)
{
    struct in6_addr a = addr("2001:db8::");
    a.s6_addr[4] = (uint8_t)(hi >> 8);
    a.s6_addr[5] = (uint8_t)hi;
    a.s6_addr[6] = (uint8_t)(mid >> 8);
    a.s6_addr[7] = (uint8_t)mid;
    a.s6_addr[14] = (uint8_t)(lo >> 8);
    a.s6_addr[15] = (uint8_t)lo;
    return a;
}

static struct ms_mac
mac(uint8_t kind, uint16_t a, uint16_t b)
{
    struct ms_mac m = {{0x02, kind, (uint8_t)(a >> 8), (uint8_t)a, (uint8_t)(b >> 8), (uint8_t)b}};
    return m;
}

static double
wall_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double
cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static size_t
heap_used(void)
{
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
}

/* Peak resident set (VmHWM) in KiB, or 0. */
static unsigned long
vm_hwm_kib(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (f == NULL)
        return 0;
    char line[256];
    unsigned long kib = 0;
    while (fgets(line, sizeof line, f) != NULL)
        if (sscanf(line, "VmHWM: %lu kB", &kib) == 1)
            break;
    fclose(f);
    return kib;
}

static struct ms_node *
node_new(struct ms_sim *sim, const char *name, bool fwd)
{
    struct ms_node *n = ms_node_new(sim, name, fwd);
    if (n == NULL)
        die("out of memory (node)");
    return n;
}

static struct ms_iface *
iface_new(struct ms_node *n, struct ms_mac m, bool radio)
{
    struct ms_iface *ifc = ms_iface_new(n, &m, radio);
    if (ifc == NULL)
        die("out of memory (interface)");
    return ifc;
}

static void
addr_add(struct ms_iface *ifc, struct in6_addr a)
{
    if (ms_addr_add(ifc, &a, 64, MS_ADDR_F_STATIC | MS_ADDR_F_NODAD) == NULL)
        die("no address slot");
}

static void
route_add(struct ms_node *n, struct in6_addr prefix, uint8_t plen, struct ms_iface *oif,
          struct in6_addr gw)
{
    if (ms_route_add(n, &prefix, plen, oif, &gw, 1) < 0)
        die("cannot add a route");
}

static struct ms_link *
link_new(struct ms_sim *sim, enum ms_link_kind kind, const char *name, int64_t delay_ns)
{
    struct ms_link_params p;
    ms_link_params_default(&p);
    p.delay_ns = delay_ns;
    struct ms_link *l = ms_link_new(sim, kind, name, &p);
    if (l == NULL)
        die("out of memory (link)");
    return l;
}

static void
attach(struct ms_link *l, struct ms_iface *ifc)
{
    if (ms_link_attach(l, ifc) < 0)
        die("cannot attach an interface");
}

/* ---- the benchmark -------------------------------------------------------- */

struct bench {
    uint32_t m, k;
    int64_t seconds_ns;
    uint64_t seed;
    struct ms_sim sim;
    struct ms_node *cn, *rt;
    struct ms_node **ars, **mns;
    struct ms_role *ha, **mn_roles;
    struct ms_link *cn_link, *home, **ar_links, **cells;
    struct ms_flow **flows;
};

static uint64_t
frames_total(const struct bench *b)
{
    uint64_t n = b->cn_link->ctr.frames + b->home->ctr.frames;
    for (uint32_t i = 0; i < b->k; i++)
        n += b->ar_links[i]->ctr.frames + b->cells[i]->ctr.frames;
    return n;
}

static void
flows_totals(struct bench *b, uint64_t *sent, uint64_t *received)
{
    *sent = *received = 0;
    for (uint32_t j = 0; j < b->m; j++) {
        const struct ms_flow_stats *st = ms_flow_stats(b->flows[j]);
        *sent += st->sent;
        *received += st->received;
    }
}

static void
build_infra(struct bench *b)
{
    struct ms_sim *sim = &b->sim;
    b->cn_link = link_new(sim, MS_LINK_SEGMENT, "cn-rt", 5 * MS_NS_PER_MS);
    b->home = link_new(sim, MS_LINK_SEGMENT, "home", 1 * MS_NS_PER_MS);

    /* Router and home agent: eth0 home link, eth1 towards the CN, eth2..
     * towards the ARs. */
    b->rt = node_new(sim, "rt", true);
    struct ms_iface *rt_home = iface_new(b->rt, mac(0, 0, 0), false);
    struct ms_iface *rt_cn = iface_new(b->rt, mac(0, 0, 1), false);
    attach(b->home, rt_home);
    attach(b->cn_link, rt_cn);
    addr_add(rt_home, addr("2001:db8:aa::1"));
    addr_add(rt_cn, addr("2001:db8:f::1"));

    b->cn = node_new(sim, "cn", false);
    struct ms_iface *cn_if = iface_new(b->cn, mac(3, 0, 0), false);
    cn_if->accept_ra = false;
    attach(b->cn_link, cn_if);
    addr_add(cn_if, addr("2001:db8:f::c"));
    route_add(b->cn, addr("::"), 0, cn_if, addr("2001:db8:f::1"));

    b->ars = calloc(b->k, sizeof *b->ars);
    b->ar_links = calloc(b->k, sizeof *b->ar_links);
    b->cells = calloc(b->k, sizeof *b->cells);
    if (b->ars == NULL || b->ar_links == NULL || b->cells == NULL)
        die("out of memory");
    for (uint32_t i = 0; i < b->k; i++) {
        char name[40];
        uint16_t id = (uint16_t)(i + 1);
        snprintf(name, sizeof name, "rt-ar%u", id);
        b->ar_links[i] = link_new(sim, MS_LINK_SEGMENT, name, 2 * MS_NS_PER_MS);
        snprintf(name, sizeof name, "cell%u", id);
        b->cells[i] = link_new(sim, MS_LINK_CELL, name, 1 * MS_NS_PER_MS);
        snprintf(name, sizeof name, "ar%u", id);
        struct ms_node *ar = b->ars[i] = node_new(sim, name, true);

        struct ms_iface *rt_ar = iface_new(b->rt, mac(0, 0, (uint16_t)(2 + i)), false);
        attach(b->ar_links[i], rt_ar);
        addr_add(rt_ar, addr3(2, id, 1));
        route_add(b->rt, addr3(1, id, 0), 64, rt_ar, addr3(2, id, 2));

        struct ms_iface *up = iface_new(ar, mac(2, id, 0), false);
        struct ms_iface *down = iface_new(ar, mac(2, id, 1), false);
        attach(b->ar_links[i], up);
        attach(b->cells[i], down);
        addr_add(up, addr3(2, id, 2));
        addr_add(down, addr3(1, id, 1));
        route_add(ar, addr("::"), 0, up, addr3(2, id, 1));

        /* RFC 4861 s6.2.1 defaults, with the prefix autonomous and on-link. */
        struct ms_ra_cfg ra;
        memset(&ra, 0, sizeof ra);
        ra.enabled = true;
        ra.prefixes[0].prefix = addr3(1, id, 0);
        ra.prefixes[0].plen = 64;
        ra.prefixes[0].flags = MS_PI_F_L | MS_PI_F_A;
        ra.prefixes[0].valid_s = 86400;
        ra.prefixes[0].preferred_s = 14400;
        ra.nprefixes = 1;
        if (ms_ra_start(down, &ra) < 0)
            die("cannot start RAs");
    }

    struct ms_ha_cfg hc;
    ms_ha_cfg_default(&hc);
    hc.max_bindings = 0; /* unlimited: one binding per MN */
    b->ha = ms_ha_new(b->rt, rt_home, &hc);
    if (b->ha == NULL)
        die("cannot create the home agent");
}

static void
build_mns(struct bench *b)
{
    struct ms_sim *sim = &b->sim;
    b->mns = calloc(b->m, sizeof *b->mns);
    b->mn_roles = calloc(b->m, sizeof *b->mn_roles);
    if (b->mns == NULL || b->mn_roles == NULL)
        die("out of memory");
    struct in6_addr ha = addr("2001:db8:aa::1");
    for (uint32_t j = 0; j < b->m; j++) {
        char name[32];
        snprintf(name, sizeof name, "mn%u", j + 1);
        struct ms_node *n = b->mns[j] = node_new(sim, name, false);
        struct ms_iface *radio = iface_new(n, mac(1, (uint16_t)(j >> 16), (uint16_t)j), true);
        struct ms_mn_cfg mc;
        ms_mn_cfg_default(&mc);
        mc.hoa = addr("2001:db8:aa::");
        mc.hoa.s6_addr[13] = 1;
        mc.hoa.s6_addr[14] = (uint8_t)((j + 1) >> 8);
        mc.hoa.s6_addr[15] = (uint8_t)(j + 1);
        mc.home_plen = 64;
        mc.ha = ha;
        snprintf(mc.home_link, sizeof mc.home_link, "home");
        b->mn_roles[j] = ms_mn_new(n, radio, &mc);
        if (b->mn_roles[j] == NULL)
            die("cannot create a mobile node");
        if (ms_cell_attach(b->cells[j % b->k], radio) < 0)
            die("cannot attach a mobile node");
    }
}

static uint32_t
registered(const struct bench *b)
{
    uint32_t n = 0;
    for (uint32_t j = 0; j < b->m; j++) {
        struct ms_mn_bul_view v;
        const struct ms_role *r = b->mn_roles[j];
        if (ms_mn_bul_find(r, ms_mn_ha(r), &v) == 0 && v.state == MS_MN_BUL_BOUND)
            n++;
    }
    return n;
}

static void
build_flows(struct bench *b, int64_t start_ns)
{
    b->flows = calloc(b->m, sizeof *b->flows);
    if (b->flows == NULL)
        die("out of memory");
    for (uint32_t j = 0; j < b->m; j++) {
        struct ms_flow_cfg fc;
        memset(&fc, 0, sizeof fc);
        fc.kind = MS_FLOW_UDP;
        fc.name = "cbr";
        fc.from = b->cn;
        fc.to = b->mns[j];
        fc.dst = *ms_mn_hoa(b->mn_roles[j]);
        fc.has_src = true;
        fc.src = addr("2001:db8:f::c");
        fc.every_ns = FLOW_EVERY_NS;
        /* Spread the flows over the period: a steady load, not bursts. */
        fc.start_ns = start_ns + (int64_t)((uint64_t)FLOW_EVERY_NS * j / b->m);
        fc.stop_ns = MS_TIME_NEVER;
        fc.size = FLOW_SIZE;
        fc.timeout_ns = MS_NS_PER_S;
        int err = 0;
        b->flows[j] = ms_flow_new(&b->sim, j + 1, &fc, &err);
        if (b->flows[j] == NULL)
            die("cannot create a flow");
        ms_flow_start(b->flows[j]);
    }
}

static void
teardown(struct bench *b)
{
    for (uint32_t j = 0; j < b->m; j++)
        ms_flow_free(b->flows[j]);
    ms_link_free(b->cn_link);
    ms_link_free(b->home);
    for (uint32_t i = 0; i < b->k; i++) {
        ms_link_free(b->ar_links[i]);
        ms_link_free(b->cells[i]);
    }
    for (uint32_t j = 0; j < b->m; j++)
        ms_node_free(b->mns[j]);
    for (uint32_t i = 0; i < b->k; i++)
        ms_node_free(b->ars[i]);
    ms_node_free(b->rt);
    ms_node_free(b->cn);
    ms_sim_fini(&b->sim);
    free(b->flows);
    free(b->mns);
    free(b->mn_roles);
    free(b->ars);
    free(b->ar_links);
    free(b->cells);
}

static void
usage(void)
{
    fprintf(stderr,
            "usage: bench_dataplane --mns M --ars K [--seconds S] [--seed N]\n"
            "  M mobile nodes (1..%u) over K access routers (1..%u);\n"
            "  S simulated seconds measured (default: 20000 / M, at least 1).\n",
            MAX_MNS, MAX_ARS);
    exit(2);
}

static unsigned long long
num_arg(const char *s)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0')
        usage();
    return v;
}

int
main(int argc, char **argv)
{
    static struct bench B;
    struct bench *b = &B;
    unsigned long long seconds = 0;
    b->seed = 1;
    for (int i = 1; i < argc; i++) {
        if (i + 1 >= argc)
            usage();
        if (strcmp(argv[i], "--mns") == 0)
            b->m = (uint32_t)num_arg(argv[++i]);
        else if (strcmp(argv[i], "--ars") == 0)
            b->k = (uint32_t)num_arg(argv[++i]);
        else if (strcmp(argv[i], "--seconds") == 0)
            seconds = num_arg(argv[++i]);
        else if (strcmp(argv[i], "--seed") == 0)
            b->seed = num_arg(argv[++i]);
        else
            usage();
    }
    if (b->m == 0 || b->m > MAX_MNS || b->k == 0 || b->k > MAX_ARS || b->k > b->m)
        usage();
    if (seconds == 0)
        seconds = 20000u / b->m > 0 ? 20000u / b->m : 1;
    if (seconds > 1000000)
        usage();
    b->seconds_ns = (int64_t)seconds * MS_NS_PER_S;

    if (ms_sim_init(&b->sim, b->seed, MS_CLOCK_VIRTUAL) < 0)
        die("cannot initialise the simulation");
    b->sim.log.level = MS_LOG_WARN;
    struct ms_sched *s = &b->sim.sched;

    build_infra(b);
    /* Let the infrastructure's link-local DAD settle, then resolve the
     * CN's first hop (one Echo Request to the router): the CN sends to no
     * one before the flows start, and RFC 4861 s7.2.2 queues only a few
     * packets per unresolved neighbor, so the first burst of a thousand
     * flows would otherwise lose all but those. */
    ms_sched_run(s, 1 * MS_NS_PER_S);
    struct in6_addr rt_cn = addr("2001:db8:f::1");
    if (ms_icmp6_echo_send(b->cn, NULL, &rt_cn, 1, 1, 8, 0, 0) < 0)
        die("cannot ping the router");
    ms_sched_run(s, 2 * MS_NS_PER_S);

    /* Memory: everything the MNs cause, measured on the heap. */
    size_t heap0 = heap_used();
    size_t pool0 = b->sim.pool.heap_bytes;
    build_mns(b);
    size_t heap1 = heap_used();

    /* Registration (warm-up, not measured). */
    int64_t deadline = ms_sim_now(&b->sim) + 60 * MS_NS_PER_S;
    uint32_t reg = 0;
    while ((reg = registered(b)) < b->m && ms_sim_now(&b->sim) < deadline)
        ms_sched_run(s, ms_sim_now(&b->sim) + 100 * MS_NS_PER_MS);
    if (reg < b->m) {
        fflush(stdout);
        fprintf(stderr, "bench_dataplane: FAIL: only %u of %u MNs registered within 60 s\n", reg,
                b->m);
        return 1;
    }
    int64_t reg_done_ns = ms_sim_now(&b->sim);
    size_t heap2 = heap_used();
    size_t pool2 = b->sim.pool.heap_bytes;

    /* Traffic warm-up: 2 s, so neighbor caches, the pool and the timer heap
     * reach their working set. */
    int64_t t_flows = reg_done_ns + 100 * MS_NS_PER_MS;
    size_t heap_f0 = heap_used();
    build_flows(b, t_flows);
    /* As mipsim run does once a topology is built (core/hugepage.h). */
    long huge = ms_heap_huge_pages();
    size_t heap_f1 = heap_used();
    ms_sched_run(s, t_flows + 2 * MS_NS_PER_S);

    /* Measured interval. */
    uint64_t frames0 = frames_total(b);
    uint64_t sent0, rcvd0;
    flows_totals(b, &sent0, &rcvd0);
    (void)rcvd0;
    uint32_t slabs0 = b->sim.pool.nslabs, total0 = b->sim.pool.total;
    uint64_t pallocs0 = b->sim.pool.allocs, events0 = s->events_run;
    unsigned long long calls0 = alloc_calls;
    size_t heap_m0 = heap_used();
    uint32_t timers0 = s->count + s->far_count;
    int64_t t0 = ms_sim_now(&b->sim);
    double c0 = cpu_now();
    double w0 = wall_now();
    ms_sched_run(s, t0 + b->seconds_ns);
    double w1 = wall_now();
    double c1 = cpu_now();
    unsigned long long calls1 = alloc_calls;
    size_t heap_m1 = heap_used();
    uint64_t frames1 = frames_total(b);
    uint32_t slabs1 = b->sim.pool.nslabs, total1 = b->sim.pool.total;
    uint64_t pallocs1 = b->sim.pool.allocs, events1 = s->events_run;

    /* Stop sending and let the last datagrams arrive (not timed). */
    for (uint32_t j = 0; j < b->m; j++)
        ms_flow_stop(b->flows[j]);
    uint64_t sent1, rcvd1;
    flows_totals(b, &sent1, &rcvd1);
    ms_sched_run(s, ms_sim_now(&b->sim) + 100 * MS_NS_PER_MS);
    uint64_t sent2, rcvd2;
    flows_totals(b, &sent2, &rcvd2);

    double wall = w1 - w0;
    uint64_t hops = frames1 - frames0;
    /* Delivery over the whole traffic run (warm-up, measured interval and
     * drain): every datagram sent has had time to arrive. */
    double delivery = sent2 ? (double)rcvd2 / (double)sent2 : 0.0;
    double per_mn_create = (double)(heap1 - heap0) / b->m;
    double pool_grow = (double)(pool2 > pool0 ? pool2 - pool0 : 0);
    double per_mn_state = ((double)(heap2 - heap0) - pool_grow) / b->m;
    unsigned long hwm = vm_hwm_kib();

    printf("bench_dataplane: %u MNs, %u ARs, seed %" PRIu64 ", %llu s simulated (measured)\n", b->m,
           b->k, b->seed, seconds);
    printf("  registration done at        %.3f s simulated\n", (double)reg_done_ns / 1e9);
    printf("  wall time (measured)        %.3f s\n", wall);
    printf("  packet-hops (link frames)   %" PRIu64 "\n", hops);
    printf("  packet-hops per wall second %.0f\n", wall > 0 ? (double)hops / wall : 0.0);
    printf("  CPU time (measured)         %.3f s: %.0f packet-hops per CPU second\n", c1 - c0,
           c1 > c0 ? (double)hops / (c1 - c0) : 0.0);
    printf("  events per wall second      %.0f\n",
           wall > 0 ? (double)(events1 - events0) / wall : 0.0);
    printf("  datagrams sent / delivered  %" PRIu64 " / %" PRIu64
           " (%.4f %%; all traffic incl. warm-up), %" PRIu64 " sent while measured\n",
           sent2, rcvd2, 100.0 * delivery, sent1 - sent0);
#if BENCH_SANITIZED
    (void)per_mn_state, (void)per_mn_create;
    printf("  memory per MN               n/a (sanitizer build: no heap statistics)\n");
#else
    printf("  memory per MN (heap: MN nodes + roles + registration state, excluding packet "
           "buffers)  %.0f B = %.2f KiB   <- \"per MN\"\n",
           per_mn_state, per_mn_state / 1024.0);
    printf("  memory per MN (heap: creating the MN nodes and roles only)  %.0f B\n", per_mn_create);
#endif
    printf("  packet pool                 %u packets (%u slabs, %zu B each), peak in use %u\n",
           b->sim.pool.total, b->sim.pool.nslabs, sizeof(struct ms_pkt), b->sim.pool.peak);
    printf("  traffic generator heap      %.0f B per flow\n", (double)(heap_f1 - heap_f0) / b->m);
    printf("  timers armed (at the start of the measured interval) %u\n", timers0);
    if (huge > 0)
        printf("  heap on huge pages          %.1f MiB (MADV_COLLAPSE after set-up)\n",
               (double)huge / (1 << 20));
    else if (huge == 0)
        printf("  heap on huge pages          none (heap under %zu MiB)\n", MS_HEAP_HUGE_MIN >> 20);
    else
        printf("  heap on huge pages          none (%s)\n", strerror((int)-huge));
    printf("  peak RSS (VmHWM)            %lu KiB total, %.2f KiB per MN\n", hwm,
           (double)hwm / b->m);
    printf("  steady state: pool slabs +%u (packets +%u), %" PRIu64
           " packets taken from the pool\n",
           slabs1 - slabs0, total1 - total0, pallocs1 - pallocs0);
#if BENCH_COUNT_MALLOC
    printf("  steady state: malloc/calloc/realloc calls %llu, heap %+lld B\n", calls1 - calls0,
           (long long)heap_m1 - (long long)heap_m0);
#else
    (void)calls0, (void)calls1;
    printf("  steady state: malloc calls not counted (sanitizer build), heap %+lld B\n",
           (long long)heap_m1 - (long long)heap_m0);
#endif

    fflush(stdout);
    int status = 0;
    if (sent2 == 0 || delivery < 0.999) {
        fprintf(stderr,
                "bench_dataplane: FAIL: delivery %.4f %% (%" PRIu64 " of %" PRIu64
                ") is below 99.9 %%\n",
                100.0 * delivery, rcvd2, sent2);
        status = 1;
    }
#if BENCH_COUNT_MALLOC
    /* Allocation per packet would show as one call per datagram or more;
     * control-plane events (a neighbor entry a node creates once when a
     * neighbor first solicits it, say) stay far below one per ten. */
    if ((double)(calls1 - calls0) >= 0.1 * (double)(sent1 - sent0)) {
        fprintf(stderr,
                "bench_dataplane: FAIL: %llu allocator calls for %" PRIu64
                " datagrams in steady state\n",
                calls1 - calls0, sent1 - sent0);
        status = 1;
    }
#endif
    if (slabs1 != slabs0) {
        fprintf(stderr, "bench_dataplane: FAIL: the packet pool grew by %u slabs in steady state\n",
                slabs1 - slabs0);
        status = 1;
    }
    teardown(b);
    return status;
}
