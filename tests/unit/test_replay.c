/* Replay: a pcap file as a frame source on a link, at its recorded relative
 * times; malformed records counted and dropped. */
#include <criterion/criterion.h>
#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/sim.h"
#include "core/time.h"
#include "link/link.h"
#include "link/replay.h"
#include "stack/node.h"
#include "wire/bytes.h"
#include "wire/codepoints.h"
#include "wire/err.h"
#include "wire/eth.h"

#define MAGIC 0x6d73696du

struct arrival {
    int to;
    uint32_t seq;
    int64_t t;
};

struct rworld {
    struct ms_sim sim;
    struct ms_node *node[2];
    struct ms_iface *ifc[2];
    struct ms_link *l;
    struct arrival arr[256];
    size_t narr;
    char dir[64];
    char path[128];
};

static void
mac_of(int i, struct ms_mac *m)
{
    *m = (struct ms_mac){{0x02, 0, 0, 0, 0, (uint8_t)(i + 1)}};
}

static void
hook(void *data, struct ms_link *l, struct ms_iface *to, const struct ms_pkt *pkt)
{
    struct rworld *w = data;
    (void)l;
    if (pkt->len < MS_ETH_HLEN + 8 || ms_rd32(pkt->data + MS_ETH_HLEN) != MAGIC)
        return;
    cr_assert_lt(w->narr, 256);
    w->arr[w->narr++] = (struct arrival){
        .to = to == w->ifc[0]   ? 0
              : to == w->ifc[1] ? 1
                                : -1,
        .seq = ms_rd32(pkt->data + MS_ETH_HLEN + 4),
        .t = ms_sim_now(&w->sim),
    };
}

static void
rworld_init(struct rworld *w, const struct ms_link_params *p)
{
    memset(w, 0, sizeof *w);
    cr_assert_eq(ms_sim_init(&w->sim, 3, MS_CLOCK_VIRTUAL), 0);
    w->sim.log.out = NULL;
    w->l = ms_link_new(&w->sim, MS_LINK_REPLAY, "rp", p);
    cr_assert_not_null(w->l);
    ms_link_set_rx_hook(w->l, hook, w);
    for (int i = 0; i < 2; i++) {
        char name[16];
        snprintf(name, sizeof name, "n%d", i);
        w->node[i] = ms_node_new(&w->sim, name, false);
        struct ms_mac m;
        mac_of(i, &m);
        /* Radios stay down and silent: only replayed frames on the link. */
        w->ifc[i] = ms_iface_new(w->node[i], &m, true);
        cr_assert_eq(ms_link_attach(w->l, w->ifc[i]), 0);
    }
    snprintf(w->dir, sizeof w->dir, "/tmp/mipsim-replay-XXXXXX");
    cr_assert_not_null(mkdtemp(w->dir));
    snprintf(w->path, sizeof w->path, "%s/in.pcap", w->dir);
}

static void
rworld_fini(struct rworld *w)
{
    for (int i = 0; i < 2; i++)
        ms_link_detach(w->l, w->ifc[i]);
    ms_link_free(w->l);
    for (int i = 0; i < 2; i++)
        ms_node_free(w->node[i]);
    ms_sim_fini(&w->sim);
    char p[128];
    remove(w->path);
    snprintf(p, sizeof p, "%s/rp.pcap", w->dir);
    remove(p);
    rmdir(w->dir);
}

/* One record to write: time relative to the file's base, the frame. */
struct rec {
    int64_t rel_ns;
    uint32_t caplen, len; /* len 0 = caplen */
    int dst;              /* member index, -1 = broadcast */
    bool mcast_src;
    uint32_t seq;
};

#define BASE_S 1700000000
#define BASE_NS 123456789

static void
write_pcap(const char *path, int precision, int dlt, const struct rec *r, size_t n)
{
    pcap_t *p = pcap_open_dead_with_tstamp_precision(dlt, 65535, (u_int)precision);
    cr_assert_not_null(p);
    pcap_dumper_t *d = pcap_dump_open(p, path);
    cr_assert_not_null(d, "%s", pcap_geterr(p));
    static uint8_t buf[4096];
    for (size_t i = 0; i < n; i++) {
        memset(buf, 0, sizeof buf);
        struct ms_eth eth = {.ethertype = MS_ETHERTYPE_L2EV};
        if (r[i].dst < 0)
            ms_mac_broadcast(&eth.dst);
        else
            mac_of(r[i].dst, &eth.dst);
        eth.src = (struct ms_mac){{0x02, 0x77, 0, 0, 0, 1}};
        if (r[i].mcast_src)
            eth.src.b[0] = 0x33;
        ms_eth_encode(&eth, buf, sizeof buf);
        ms_wr32(buf + MS_ETH_HLEN, MAGIC);
        ms_wr32(buf + MS_ETH_HLEN + 4, r[i].seq);
        int64_t t = (int64_t)BASE_S * MS_NS_PER_S + BASE_NS + r[i].rel_ns;
        struct pcap_pkthdr h;
        memset(&h, 0, sizeof h);
        h.ts.tv_sec = (time_t)(t / MS_NS_PER_S);
        if (precision == PCAP_TSTAMP_PRECISION_NANO)
            h.ts.tv_usec = (suseconds_t)(t % MS_NS_PER_S);
        else
            h.ts.tv_usec = (suseconds_t)(t % MS_NS_PER_S / 1000);
        h.caplen = r[i].caplen;
        h.len = r[i].len ? r[i].len : r[i].caplen;
        pcap_dump((u_char *)d, &h, buf);
    }
    pcap_dump_close(d);
    pcap_close(p);
}

static const struct rec mixed[] = {
    {.rel_ns = 0, .caplen = 100, .dst = -1, .seq = 0},
    {.rel_ns = 10 * MS_NS_PER_MS, .caplen = 200, .dst = 1, .seq = 1},
    {.rel_ns = 10 * MS_NS_PER_MS + 500, .caplen = 10, .dst = -1, .seq = 100},       /* short */
    {.rel_ns = 20 * MS_NS_PER_MS, .caplen = 60, .len = 100, .dst = -1, .seq = 101}, /* cut */
    {.rel_ns = 30 * MS_NS_PER_MS, .caplen = 1515, .dst = -1, .seq = 102},           /* > MTU */
    {.rel_ns = 40 * MS_NS_PER_MS, .caplen = 80, .dst = -1, .mcast_src = true, .seq = 103},
    {.rel_ns = 250 * MS_NS_PER_MS, .caplen = 1514, .dst = 0, .seq = 2},
    {.rel_ns = MS_NS_PER_S + 1, .caplen = 64, .dst = -1, .seq = 3},
};

Test(replay, recorded_times_and_malformed)
{
    struct ms_link_params p;
    ms_link_params_default(&p);
    p.delay_ns = 0;
    struct rworld w;
    rworld_init(&w, &p);
    write_pcap(w.path, PCAP_TSTAMP_PRECISION_NANO, DLT_EN10MB, mixed, 8);
    cr_assert_eq(ms_link_capture_start(w.l, w.dir), 0);
    struct ms_replay *r = NULL;
    char err[256] = "";
    cr_assert_eq(ms_replay_start(w.l, w.path, 2 * MS_NS_PER_S, &r, err, sizeof err), 0, "%s", err);
    cr_assert_not_null(r);
    cr_assert_not(ms_replay_done(r));
    ms_sched_run(&w.sim.sched, 10 * MS_NS_PER_S);
    cr_assert(ms_replay_done(r));

    /* seq 0 broadcast: both members; seq 1 to n1; seq 2 to n0; seq 3 both. */
    struct {
        uint32_t seq;
        int to;
        int64_t t;
    } want[] = {
        {0, 0, 2 * MS_NS_PER_S},
        {0, 1, 2 * MS_NS_PER_S},
        {1, 1, 2 * MS_NS_PER_S + 10 * MS_NS_PER_MS},
        {2, 0, 2 * MS_NS_PER_S + 250 * MS_NS_PER_MS},
        {3, 0, 3 * MS_NS_PER_S + 1},
        {3, 1, 3 * MS_NS_PER_S + 1},
    };
    cr_assert_eq(w.narr, 6);
    for (size_t i = 0; i < 6; i++) {
        cr_assert_eq(w.arr[i].seq, want[i].seq, "arrival %zu", i);
        cr_assert_eq(w.arr[i].to, want[i].to, "arrival %zu", i);
        cr_assert_eq(w.arr[i].t, want[i].t, "arrival %zu at %lld", i, (long long)w.arr[i].t);
    }
    const struct ms_replay_counters *c = ms_replay_counters(r);
    cr_assert_eq(c->records, 8);
    cr_assert_eq(c->frames, 4);
    cr_assert_eq(c->malformed, 4);
    cr_assert_eq(c->bytes, 100 + 200 + 1514 + 64);
    cr_assert_eq(w.l->ctr.malformed, 4);
    cr_assert_eq(w.l->ctr.injected, 4);
    cr_assert_eq(w.l->ctr.frames, 4);

    /* The replayed frames are in the link's capture at their times. */
    ms_link_capture_stop(w.l);
    char cpath[128], perr[PCAP_ERRBUF_SIZE];
    snprintf(cpath, sizeof cpath, "%s/rp.pcap", w.dir);
    pcap_t *pc = pcap_open_offline_with_tstamp_precision(cpath, PCAP_TSTAMP_PRECISION_NANO, perr);
    cr_assert_not_null(pc, "%s", perr);
    struct pcap_pkthdr *h;
    const u_char *d;
    int64_t ts[4] = {2 * MS_NS_PER_S, 2 * MS_NS_PER_S + 10 * MS_NS_PER_MS,
                     2 * MS_NS_PER_S + 250 * MS_NS_PER_MS, 3 * MS_NS_PER_S + 1};
    int n = 0;
    while (pcap_next_ex(pc, &h, &d) == 1) {
        cr_assert_lt(n, 4);
        int64_t t =
            (int64_t)h->ts.tv_sec * MS_NS_PER_S + h->ts.tv_usec - MS_PCAP_EPOCH_S * MS_NS_PER_S;
        cr_assert_eq(t, ts[n], "captured frame %d at %lld", n, (long long)t);
        n++;
    }
    cr_assert_eq(n, 4);
    pcap_close(pc);
    rworld_fini(&w);
}

Test(replay, microseconds_through_the_medium_model)
{
    /* A microsecond file; the link's bandwidth and delay apply to replayed
     * frames like to any other: 1000 octets at 8 Mb/s = 1 ms, delay 1 ms. */
    struct rec recs[] = {
        {.rel_ns = 0, .caplen = 1000, .dst = 1, .seq = 0},
        {.rel_ns = 0, .caplen = 1000, .dst = 1, .seq = 1},
        {.rel_ns = 1500 * MS_NS_PER_US, .caplen = 1000, .dst = 1, .seq = 2},
    };
    struct ms_link_params p;
    ms_link_params_default(&p);
    p.bandwidth_bps = 8000000;
    struct rworld w;
    rworld_init(&w, &p);
    write_pcap(w.path, PCAP_TSTAMP_PRECISION_MICRO, DLT_EN10MB, recs, 3);
    cr_assert_eq(ms_replay_start(w.l, w.path, MS_NS_PER_S, NULL, NULL, 0), 0);
    ms_sched_run(&w.sim.sched, 5 * MS_NS_PER_S);
    cr_assert_eq(w.narr, 3);
    /* Frame 1 queues behind frame 0; frame 2 is recorded at 1.5 ms but the
     * pseudo-member's queue is busy until 2 ms. */
    int64_t t0 = MS_NS_PER_S;
    cr_assert_eq(w.arr[0].t, t0 + 2 * MS_NS_PER_MS);
    cr_assert_eq(w.arr[1].t, t0 + 3 * MS_NS_PER_MS);
    cr_assert_eq(w.arr[2].t, t0 + 4 * MS_NS_PER_MS);
    for (size_t i = 0; i < 3; i++) {
        cr_assert_eq(w.arr[i].seq, i);
        cr_assert_eq(w.arr[i].to, 1);
    }
    rworld_fini(&w);
}

Test(replay, open_errors)
{
    struct rworld w;
    rworld_init(&w, NULL);
    char err[256] = "";
    struct ms_replay *r = NULL;
    char missing[160];
    snprintf(missing, sizeof missing, "%s/missing.pcap", w.dir);
    cr_assert_eq(ms_replay_start(w.l, missing, 0, &r, err, sizeof err), -ENOENT);
    cr_assert_null(r);
    cr_assert_neq(err[0], '\0');

    FILE *f = fopen(w.path, "wb");
    fputs("this is not a capture file, not at all", f);
    fclose(f);
    err[0] = '\0';
    cr_assert_eq(ms_replay_start(w.l, w.path, 0, &r, err, sizeof err), MS_EBAD_FIELD);
    cr_assert_neq(err[0], '\0');

    struct rec one = {.rel_ns = 0, .caplen = 60, .seq = 0};
    write_pcap(w.path, PCAP_TSTAMP_PRECISION_MICRO, DLT_RAW, &one, 1);
    err[0] = '\0';
    cr_assert_eq(ms_replay_start(w.l, w.path, 0, &r, err, sizeof err), MS_EBAD_PROTO);
    cr_assert(strstr(err, "not Ethernet") != NULL, "%s", err);
    cr_assert_null(w.l->replays);

    /* An empty capture is valid: nothing to send. */
    write_pcap(w.path, PCAP_TSTAMP_PRECISION_NANO, DLT_EN10MB, NULL, 0);
    cr_assert_eq(ms_replay_start(w.l, w.path, 0, &r, err, sizeof err), 0);
    cr_assert(ms_replay_done(r));
    cr_assert_eq(ms_replay_counters(r)->records, 0);
    ms_replay_stop(r);
    cr_assert_null(w.l->replays);
    rworld_fini(&w);
}

Test(replay, truncated_file_ends_the_replay)
{
    struct rec recs[] = {
        {.rel_ns = 0, .caplen = 100, .dst = 0, .seq = 0},
        {.rel_ns = MS_NS_PER_MS, .caplen = 100, .dst = 0, .seq = 1},
        {.rel_ns = 2 * MS_NS_PER_MS, .caplen = 100, .dst = 0, .seq = 2},
    };
    struct rworld w;
    rworld_init(&w, NULL);
    write_pcap(w.path, PCAP_TSTAMP_PRECISION_NANO, DLT_EN10MB, recs, 3);
    /* 24-octet file header, then 16 + 100 per record: cut the third. */
    cr_assert_eq(truncate(w.path, 24 + 2 * 116 + 16 + 40), 0);
    struct ms_replay *r;
    cr_assert_eq(ms_replay_start(w.l, w.path, 0, &r, NULL, 0), 0);
    ms_sched_run(&w.sim.sched, MS_NS_PER_S);
    cr_assert(ms_replay_done(r));
    cr_assert_eq(w.narr, 2);
    cr_assert_eq(ms_replay_counters(r)->frames, 2);
    cr_assert_eq(ms_replay_counters(r)->malformed, 1);
    cr_assert_eq(w.l->ctr.malformed, 1);
    rworld_fini(&w);
}

Test(replay, stop_midway_and_free_with_link)
{
    struct rworld w;
    rworld_init(&w, NULL);
    write_pcap(w.path, PCAP_TSTAMP_PRECISION_NANO, DLT_EN10MB, mixed, 8);
    struct ms_replay *r1, *r2;
    cr_assert_eq(ms_replay_start(w.l, w.path, 0, &r1, NULL, 0), 0);
    cr_assert_eq(ms_replay_start(w.l, w.path, 0, &r2, NULL, 0), 0);
    ms_sched_run(&w.sim.sched, 5 * MS_NS_PER_MS);
    ms_replay_stop(r1);
    ms_sched_run(&w.sim.sched, 100 * MS_NS_PER_MS);
    /* r2 alone continued: seq 0 twice (both replays) to 2 members, then
     * seq 1 once. */
    size_t n0 = 0, n1 = 0;
    for (size_t i = 0; i < w.narr; i++) {
        n0 += w.arr[i].seq == 0;
        n1 += w.arr[i].seq == 1;
    }
    cr_assert_eq(n0, 4);
    cr_assert_eq(n1, 1);
    cr_assert_not(ms_replay_done(r2));
    /* r2 is still active: the link frees it (ASan checks the rest). */
    rworld_fini(&w);
}

Test(replay, start_in_the_past_and_determinism)
{
    int64_t first[16], second[16];
    size_t n[2];
    for (int k = 0; k < 2; k++) {
        struct ms_link_params p;
        ms_link_params_default(&p);
        p.jitter_ns = 300 * MS_NS_PER_US;
        struct rworld w;
        rworld_init(&w, &p);
        write_pcap(w.path, PCAP_TSTAMP_PRECISION_NANO, DLT_EN10MB, mixed, 8);
        ms_sched_run(&w.sim.sched, 3 * MS_NS_PER_S);
        cr_assert_eq(ms_replay_start(w.l, w.path, MS_NS_PER_S, NULL, NULL, 0), 0);
        ms_sched_run(&w.sim.sched, 10 * MS_NS_PER_S);
        n[k] = w.narr;
        for (size_t i = 0; i < w.narr && i < 16; i++)
            (k ? second : first)[i] = w.arr[i].t;
        /* Clamped to now (3 s): the first frame leaves at 3 s. */
        cr_assert_geq(w.arr[0].t, 3 * MS_NS_PER_S + MS_NS_PER_MS);
        cr_assert_leq(w.arr[0].t, 3 * MS_NS_PER_S + MS_NS_PER_MS + 300 * MS_NS_PER_US);
        rworld_fini(&w);
    }
    cr_assert_eq(n[0], 6);
    cr_assert_eq(n[1], 6);
    cr_assert_arr_eq(first, second, 6 * sizeof first[0]);
}
