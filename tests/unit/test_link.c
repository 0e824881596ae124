/* Links: serialisation, delay, jitter, loss, MTU, filtering, capture, detach,
 * TAP bridging.  Virtual clock throughout (ms_sched_run), except the TAP
 * test, which needs the real clock and a TAP device (skipped without one). */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_packet.h>
#include <linux/if_tun.h>
#include <net/ethernet.h>
#include <pcap/pcap.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/sim.h"
#include "core/time.h"
#include "link/link.h"
#include "link/tap.h"
#include "stack/node.h"
#include "wire/bytes.h"
#include "wire/codepoints.h"
#include "wire/err.h"
#include "wire/eth.h"

#define MAXN 4
#define MAXARR 40000
/* Test frames carry this after the EtherType, then a sequence number. */
#define MAGIC 0x6d73696du

struct arrival {
    int to;
    uint32_t seq;
    int64_t t;
};

struct world {
    struct ms_sim sim;
    struct ms_node *node[MAXN];
    struct ms_iface *ifc[MAXN];
    int n;
    struct ms_link *l;
    struct arrival *arr;
    size_t narr;
};

static int
ifc_index(struct world *w, const struct ms_iface *ifc)
{
    for (int i = 0; i < w->n; i++)
        if (w->ifc[i] == ifc)
            return i;
    return -1;
}

static void
hook(void *data, struct ms_link *l, struct ms_iface *to, const struct ms_pkt *pkt)
{
    struct world *w = data;
    (void)l;
    if (pkt->len < MS_ETH_HLEN + 8 || ms_rd32(pkt->data + MS_ETH_HLEN) != MAGIC)
        return; /* the stack's own frames */
    cr_assert_lt(w->narr, MAXARR);
    w->arr[w->narr++] = (struct arrival){
        .to = ifc_index(w, to),
        .seq = ms_rd32(pkt->data + MS_ETH_HLEN + 4),
        .t = ms_sim_now(&w->sim),
    };
}

static void
mac_of(int i, struct ms_mac *m)
{
    *m = (struct ms_mac){{0x02, 0, 0, 0, 0, (uint8_t)(i + 1)}};
}

/* n members on one link.  The interfaces are created as radios, so the
 * stack leaves them down and silent: the only frames on the link are the
 * test's own, and the timing assertions are exact. */
static void
world_init(struct world *w, uint64_t seed, int n, const struct ms_link_params *p,
           enum ms_clock clock)
{
    memset(w, 0, sizeof *w);
    cr_assert_eq(ms_sim_init(&w->sim, seed, clock), 0);
    w->sim.log.out = NULL;
    w->arr = calloc(MAXARR, sizeof *w->arr);
    cr_assert_not_null(w->arr);
    w->l = ms_link_new(&w->sim, MS_LINK_SEGMENT, "lan", p);
    cr_assert_not_null(w->l);
    ms_link_set_rx_hook(w->l, hook, w);
    w->n = n;
    for (int i = 0; i < n; i++) {
        char name[16];
        snprintf(name, sizeof name, "n%d", i);
        w->node[i] = ms_node_new(&w->sim, name, false);
        cr_assert_not_null(w->node[i]);
        struct ms_mac m;
        mac_of(i, &m);
        w->ifc[i] = ms_iface_new(w->node[i], &m, true);
        cr_assert_not_null(w->ifc[i]);
        cr_assert_eq(ms_link_attach(w->l, w->ifc[i]), 0);
        cr_assert_eq(w->ifc[i]->link, w->l);
    }
}

static void
world_fini(struct world *w)
{
    for (int i = 0; i < w->n; i++) {
        if (w->ifc[i]->link == w->l)
            ms_link_detach(w->l, w->ifc[i]);
    }
    ms_link_free(w->l);
    for (int i = 0; i < w->n; i++)
        ms_node_free(w->node[i]);
    free(w->arr);
    ms_sim_fini(&w->sim);
}

/* A len-octet frame from member `from` to dst (NULL = broadcast). */
static struct ms_pkt *
frame(struct world *w, int from, const struct ms_mac *dst, uint32_t len, uint32_t seq)
{
    struct ms_pkt *pkt = ms_pkt_new(&w->sim.pool);
    cr_assert_not_null(pkt);
    uint8_t *p = ms_pkt_put(pkt, len);
    cr_assert_not_null(p);
    memset(p, 0, len);
    struct ms_eth eth = {.ethertype = MS_ETHERTYPE_L2EV};
    if (dst)
        eth.dst = *dst;
    else
        ms_mac_broadcast(&eth.dst);
    mac_of(from, &eth.src);
    cr_assert_eq(ms_eth_encode(&eth, p, len), MS_ETH_HLEN);
    ms_wr32(p + MS_ETH_HLEN, MAGIC);
    ms_wr32(p + MS_ETH_HLEN + 4, seq);
    return pkt;
}

static void
send_to(struct world *w, int from, int to, uint32_t len, uint32_t seq)
{
    struct ms_mac dst;
    mac_of(to, &dst);
    ms_link_output(w->l, w->ifc[from], frame(w, from, &dst, len, seq));
}

/* Runs until t (absolute). */
static void
run_until(struct world *w, int64_t t)
{
    ms_sched_run(&w->sim.sched, t);
}

struct sender {
    struct ms_timer t;
    struct world *w;
    int from, to;
    uint32_t len, seq, count;
    int64_t every;
};

static void
sender_fire(struct ms_timer *t)
{
    struct sender *s = t->data;
    send_to(s->w, s->from, s->to, s->len, s->seq++);
    if (s->seq < s->count)
        ms_timer_start(&s->w->sim.sched, &s->t, s->every);
}

/* count frames from -> to, one every `every` from t = 0. */
static void
send_periodic(struct world *w, struct sender *s, int from, int to, uint32_t len, uint32_t count,
              int64_t every)
{
    *s =
        (struct sender){.w = w, .from = from, .to = to, .len = len, .count = count, .every = every};
    ms_timer_init(&s->t, sender_fire, s);
    ms_timer_start(&w->sim.sched, &s->t, 0);
}

Test(link, params_default)
{
    struct ms_link_params p;
    memset(&p, 0xff, sizeof p);
    ms_link_params_default(&p);
    cr_assert_eq(p.delay_ns, MS_NS_PER_MS);
    cr_assert_eq(p.jitter_ns, 0);
    cr_assert_eq(p.bandwidth_bps, 0);
    cr_assert_eq(p.loss_ppm, 0);
    cr_assert_eq(p.mtu, 1500);
}

Test(link, serialisation_and_delay)
{
    /* 1000 octets at 8 Mb/s take 1 ms on the wire; delay 2 ms. */
    struct ms_link_params p;
    ms_link_params_default(&p);
    p.bandwidth_bps = 8000000;
    p.delay_ns = 2 * MS_NS_PER_MS;
    struct world w;
    world_init(&w, 1, 2, &p, MS_CLOCK_VIRTUAL);
    cr_assert_eq(ms_link_tx_time_ns(w.l, 1000), MS_NS_PER_MS);

    send_to(&w, 0, 1, 1000, 0);
    run_until(&w, 100 * MS_NS_PER_MS);
    cr_assert_eq(w.narr, 1);
    cr_assert_eq(w.arr[0].to, 1);
    cr_assert_eq(w.arr[0].t, 3 * MS_NS_PER_MS, "arrived at %lld", (long long)w.arr[0].t);

    /* Back to back at t = 100 ms: the sender's queue spaces them 1 ms apart. */
    w.narr = 0;
    for (uint32_t i = 0; i < 4; i++)
        send_to(&w, 0, 1, 1000, i);
    run_until(&w, 200 * MS_NS_PER_MS);
    cr_assert_eq(w.narr, 4);
    for (uint32_t i = 0; i < 4; i++) {
        cr_assert_eq(w.arr[i].seq, i);
        cr_assert_eq(w.arr[i].t, (100 + 3 + (int64_t)i) * MS_NS_PER_MS, "frame %u at %lld", i,
                     (long long)w.arr[i].t);
    }
    cr_assert_eq(w.l->ctr.frames, 5);
    cr_assert_eq(w.l->ctr.bytes, 5000);
    cr_assert_eq(w.l->ctr.delivered, 5);
    cr_assert_eq(w.l->in_flight, 0);
    world_fini(&w);
}

Test(link, one_queue_per_sender)
{
    struct ms_link_params p;
    ms_link_params_default(&p);
    p.bandwidth_bps = 8000000;
    p.delay_ns = 0;
    struct world w;
    world_init(&w, 1, 3, &p, MS_CLOCK_VIRTUAL);
    /* Two senders at t = 0: their frames do not queue behind each other. */
    send_to(&w, 0, 2, 1000, 0);
    send_to(&w, 0, 2, 1000, 1);
    send_to(&w, 1, 2, 1000, 2);
    run_until(&w, 10 * MS_NS_PER_MS);
    cr_assert_eq(w.narr, 3);
    int64_t t[3] = {0};
    for (size_t i = 0; i < w.narr; i++)
        t[w.arr[i].seq] = w.arr[i].t;
    cr_assert_eq(t[0], 1 * MS_NS_PER_MS);
    cr_assert_eq(t[1], 2 * MS_NS_PER_MS);
    cr_assert_eq(t[2], 1 * MS_NS_PER_MS);
    world_fini(&w);
}

Test(link, infinite_bandwidth_and_zero_delay)
{
    struct ms_link_params p;
    ms_link_params_default(&p);
    p.delay_ns = 0;
    struct world w;
    world_init(&w, 1, 2, &p, MS_CLOCK_VIRTUAL);
    run_until(&w, 5 * MS_NS_PER_MS);
    send_to(&w, 0, 1, 1500, 7);
    /* Never delivered synchronously from inside ms_link_output. */
    cr_assert_eq(w.narr, 0);
    run_until(&w, 6 * MS_NS_PER_MS);
    cr_assert_eq(w.narr, 1);
    cr_assert_eq(w.arr[0].t, 5 * MS_NS_PER_MS);
    world_fini(&w);
}

Test(link, unicast_filtered_group_to_all_but_sender)
{
    struct world w;
    world_init(&w, 1, 3, NULL, MS_CLOCK_VIRTUAL);
    send_to(&w, 0, 2, 100, 1);
    ms_link_output(w.l, w.ifc[0], frame(&w, 0, NULL, 100, 2));
    struct ms_mac mc = {{0x33, 0x33, 0, 0, 0, 1}};
    ms_link_output(w.l, w.ifc[1], frame(&w, 1, &mc, 100, 3));
    struct ms_mac nobody = {{0x02, 0, 0, 0, 0, 0x99}};
    ms_link_output(w.l, w.ifc[1], frame(&w, 1, &nobody, 100, 4));
    run_until(&w, 10 * MS_NS_PER_MS);
    int got[5][MAXN] = {{0}};
    for (size_t i = 0; i < w.narr; i++)
        got[w.arr[i].seq][w.arr[i].to]++;
    /* Unicast: only the owner of the MAC. */
    cr_assert(got[1][0] == 0 && got[1][1] == 0 && got[1][2] == 1);
    /* Broadcast and multicast: everyone but the sender, once. */
    cr_assert(got[2][0] == 0 && got[2][1] == 1 && got[2][2] == 1);
    cr_assert(got[3][0] == 1 && got[3][1] == 0 && got[3][2] == 1);
    /* Unknown unicast: on the medium, delivered to nobody. */
    cr_assert(got[4][0] == 0 && got[4][1] == 0 && got[4][2] == 0);
    cr_assert_eq(w.narr, 5);
    cr_assert_eq(w.l->ctr.frames, 4);
    world_fini(&w);
}

static void
run_jitter(uint64_t seed, int64_t *out, size_t n)
{
    struct ms_link_params p;
    ms_link_params_default(&p);
    p.delay_ns = MS_NS_PER_MS;
    p.jitter_ns = 500 * MS_NS_PER_US;
    struct world w;
    world_init(&w, seed, 2, &p, MS_CLOCK_VIRTUAL);
    struct sender s;
    send_periodic(&w, &s, 0, 1, 100, (uint32_t)n, 10 * MS_NS_PER_MS);
    run_until(&w, (int64_t)(n + 1) * 10 * MS_NS_PER_MS);
    cr_assert_eq(w.narr, n);
    for (size_t i = 0; i < n; i++) {
        uint32_t seq = w.arr[i].seq;
        out[seq] = w.arr[i].t - (int64_t)seq * 10 * MS_NS_PER_MS; /* one-way delay */
    }
    world_fini(&w);
}

Test(link, jitter_bounds_and_determinism)
{
    enum { N = 2000 };
    static int64_t a[N], b[N], c[N];
    run_jitter(42, a, N);
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    double sum = 0;
    for (size_t i = 0; i < N; i++) {
        cr_assert_geq(a[i], MS_NS_PER_MS, "frame %zu delay %lld", i, (long long)a[i]);
        cr_assert_leq(a[i], MS_NS_PER_MS + 500 * MS_NS_PER_US, "frame %zu delay %lld", i,
                      (long long)a[i]);
        lo = a[i] < lo ? a[i] : lo;
        hi = a[i] > hi ? a[i] : hi;
        sum += (double)(a[i] - MS_NS_PER_MS);
    }
    /* Uniform over [0, 500 us]: the draws cover the range, mean near 250 us. */
    cr_assert_lt(lo, MS_NS_PER_MS + 10 * MS_NS_PER_US);
    cr_assert_gt(hi, MS_NS_PER_MS + 490 * MS_NS_PER_US);
    double mean = sum / N;
    cr_assert(mean > 235e3 && mean < 265e3, "mean jitter %f ns", mean);

    run_jitter(42, b, N);
    cr_assert_arr_eq(a, b, sizeof a, "same seed, same arrival times");
    run_jitter(43, c, N);
    cr_assert(memcmp(a, c, sizeof a) != 0, "another seed, other arrival times");
}

static uint64_t
run_loss(uint64_t seed, uint8_t *lost, size_t n, uint32_t ppm)
{
    struct ms_link_params p;
    ms_link_params_default(&p);
    p.loss_ppm = ppm;
    struct world w;
    world_init(&w, seed, 2, &p, MS_CLOCK_VIRTUAL);
    struct sender s;
    send_periodic(&w, &s, 0, 1, 64, (uint32_t)n, MS_NS_PER_MS);
    run_until(&w, (int64_t)(n + 10) * MS_NS_PER_MS);
    memset(lost, 1, n);
    for (size_t i = 0; i < w.narr; i++)
        lost[w.arr[i].seq] = 0;
    uint64_t nlost = w.l->ctr.lost;
    cr_assert_eq(nlost + w.narr, n);
    cr_assert_eq(w.l->ctr.frames, n, "lost frames still went on the medium");
    world_fini(&w);
    return nlost;
}

Test(link, loss_rate_and_determinism)
{
    enum { N = 20000 };
    static uint8_t a[N], b[N], c[N];
    /* 10 %: expect 2000, standard deviation 42; accept +-5 sigma. */
    uint64_t la = run_loss(7, a, N, 100000);
    cr_assert(la >= 1790 && la <= 2210, "lost %llu of %d at 100000 ppm", (unsigned long long)la, N);
    uint64_t lb = run_loss(7, b, N, 100000);
    cr_assert_eq(la, lb);
    cr_assert_arr_eq(a, b, sizeof a, "same seed, same frames lost");
    run_loss(8, c, N, 100000);
    cr_assert(memcmp(a, c, sizeof a) != 0, "another seed, other frames lost");
    /* The extremes. */
    cr_assert_eq(run_loss(7, a, 1000, 0), 0);
    cr_assert_eq(run_loss(7, a, 1000, 1000000), 1000);
}

Test(link, mtu_drop_counted)
{
    struct ms_link_params p;
    ms_link_params_default(&p);
    p.mtu = 1280;
    struct world w;
    world_init(&w, 1, 2, &p, MS_CLOCK_VIRTUAL);
    cr_assert_eq(ms_link_capture_start(w.l, "/tmp"), 0);
    send_to(&w, 0, 1, 1280 + 14, 1);
    send_to(&w, 0, 1, 1280 + 15, 2);
    send_to(&w, 0, 1, 1500 + 14, 3);
    uint32_t in_use = w.sim.pool.in_use;
    run_until(&w, 10 * MS_NS_PER_MS);
    cr_assert_eq(w.narr, 1);
    cr_assert_eq(w.arr[0].seq, 1);
    cr_assert_eq(w.l->ctr.too_big, 2);
    cr_assert_eq(w.l->ctr.frames, 1);
    cr_assert_eq(w.l->cap.frames, 1, "dropped frames are not captured");
    cr_assert_leq(w.sim.pool.in_use, in_use);
    /* Shorter than an Ethernet header: dropped too. */
    struct ms_pkt *tiny = ms_pkt_new(&w.sim.pool);
    ms_pkt_put(tiny, 10);
    memset(tiny->data, 0, 10);
    ms_link_output(w.l, w.ifc[0], tiny);
    cr_assert_eq(w.l->ctr.malformed, 1);
    ms_link_capture_stop(w.l);
    world_fini(&w);
    remove("/tmp/lan.pcap");
}

Test(link, sender_not_member_dropped)
{
    struct world w;
    world_init(&w, 1, 3, NULL, MS_CLOCK_VIRTUAL);
    ms_link_detach(w.l, w.ifc[2]);
    cr_assert_null(w.ifc[2]->link);
    cr_assert_null(ms_link_member_find(w.l, w.ifc[2]));
    cr_assert_eq(w.l->nmembers, 2);
    send_to(&w, 2, 0, 100, 1);
    run_until(&w, 10 * MS_NS_PER_MS);
    cr_assert_eq(w.narr, 0);
    cr_assert_eq(w.l->ctr.dropped_down, 1);
    cr_assert_eq(w.l->ctr.frames, 0);
    world_fini(&w);
}

Test(link, attach_twice_and_busy)
{
    struct world w;
    world_init(&w, 1, 2, NULL, MS_CLOCK_VIRTUAL);
    cr_assert_eq(ms_link_attach(w.l, w.ifc[0]), 0);
    cr_assert_eq(w.l->nmembers, 2, "attaching twice adds no member");
    struct ms_link *other = ms_link_new(&w.sim, MS_LINK_SEGMENT, "other", NULL);
    cr_assert_eq(ms_link_attach(other, w.ifc[0]), -EBUSY);
    cr_assert_eq(w.ifc[0]->link, w.l);
    ms_link_free(other);
    world_fini(&w);
}

Test(link, detach_drops_frames_in_flight)
{
    struct ms_link_params p;
    ms_link_params_default(&p);
    p.delay_ns = 10 * MS_NS_PER_MS;
    p.bandwidth_bps = 8000000;
    struct world w;
    world_init(&w, 1, 3, &p, MS_CLOCK_VIRTUAL);
    /* Two frames propagating to n1, one queued at n1 for n0 behind another. */
    send_to(&w, 0, 1, 1000, 1);
    send_to(&w, 2, 1, 1000, 2);
    send_to(&w, 1, 0, 1000, 3);
    send_to(&w, 1, 0, 1000, 4);
    run_until(&w, 500 * MS_NS_PER_US);
    cr_assert_eq(w.l->in_flight, 4);
    ms_link_detach(w.l, w.ifc[1]);
    /* Frame 3 was already on the medium towards n0: it still arrives. */
    cr_assert_eq(w.l->ctr.dropped_down, 3);
    cr_assert_eq(w.l->in_flight, 1);
    run_until(&w, 100 * MS_NS_PER_MS);
    cr_assert_eq(w.narr, 1);
    cr_assert_eq(w.arr[0].seq, 3);
    cr_assert_eq(w.arr[0].to, 0);
    cr_assert_eq(w.sim.pool.in_use, 0, "purged frames were freed");
    world_fini(&w);
}

Test(link, free_with_frames_in_flight)
{
    struct ms_link_params p;
    ms_link_params_default(&p);
    p.delay_ns = 10 * MS_NS_PER_MS;
    p.bandwidth_bps = 1000000;
    struct world w;
    world_init(&w, 1, 3, &p, MS_CLOCK_VIRTUAL);
    for (uint32_t i = 0; i < 200; i++)
        ms_link_output(w.l, w.ifc[i % 3], frame(&w, (int)(i % 3), NULL, 500, i));
    run_until(&w, 5 * MS_NS_PER_MS);
    cr_assert_gt(w.l->in_flight, 190);
    for (int i = 0; i < w.n; i++)
        ms_link_detach(w.l, w.ifc[i]);
    cr_assert_eq(w.l->in_flight, 0);
    cr_assert_eq(w.sim.pool.in_use, 0);
    /* And with the frames still there: ms_link_free drops them. */
    ms_link_attach(w.l, w.ifc[0]);
    ms_link_attach(w.l, w.ifc[1]);
    for (uint32_t i = 0; i < 50; i++)
        send_to(&w, 0, 1, 500, i);
    cr_assert_gt(w.l->in_flight, 40);
    ms_link_free(w.l);
    /* ms_link_free leaves the members alone: they point at the old link. */
    w.ifc[0]->link = w.ifc[1]->link = NULL;
    w.l = ms_link_new(&w.sim, MS_LINK_SEGMENT, "lan", &p);
    cr_assert_eq(w.sim.pool.in_use, 0, "the frames in flight were freed");
    /* Running on proves (under ASan) that no timer of the freed link is left. */
    run_until(&w, 100 * MS_NS_PER_MS);
    cr_assert_eq(w.narr, 0);
    world_fini(&w);
}

/* Reads a capture back: count, timestamps and lengths. */
static size_t
read_capture(const char *path, int64_t *ts, uint32_t *len, size_t max)
{
    char err[PCAP_ERRBUF_SIZE];
    pcap_t *p = pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_NANO, err);
    cr_assert_not_null(p, "%s: %s", path, err);
    cr_assert_eq(pcap_datalink(p), DLT_EN10MB);
    struct pcap_pkthdr *h;
    const u_char *d;
    size_t n = 0;
    while (pcap_next_ex(p, &h, &d) == 1) {
        if (n < max) {
            ts[n] =
                (int64_t)h->ts.tv_sec * MS_NS_PER_S + h->ts.tv_usec - MS_PCAP_EPOCH_S * MS_NS_PER_S;
            len[n] = h->caplen;
        }
        n++;
    }
    pcap_close(p);
    return n;
}

Test(link, capture_one_pcap_per_link)
{
    char dir[] = "/tmp/mipsim-link-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    struct ms_link_params p;
    ms_link_params_default(&p);
    p.bandwidth_bps = 8000000;
    p.delay_ns = 5 * MS_NS_PER_MS;
    struct world w;
    world_init(&w, 1, 2, &p, MS_CLOCK_VIRTUAL);
    struct ms_link *l2 = ms_link_new(&w.sim, MS_LINK_SEGMENT, "wan", &p);
    cr_assert_eq(ms_link_capture_start(w.l, dir), 0);
    cr_assert_eq(ms_link_capture_start(l2, dir), 0);
    /* Three back-to-back 1000-octet frames: captured when each starts, at
     * 0, 1 and 2 ms; then one at 50 ms. */
    for (uint32_t i = 0; i < 3; i++)
        send_to(&w, 0, 1, 1000, i);
    run_until(&w, 50 * MS_NS_PER_MS);
    send_to(&w, 1, 0, 200, 3);
    run_until(&w, 100 * MS_NS_PER_MS);
    cr_assert_eq(w.narr, 4);
    ms_link_capture_stop(w.l);
    ms_link_capture_stop(l2);
    cr_assert_not(w.l->capturing);

    char path[128];
    int64_t ts[8];
    uint32_t len[8];
    snprintf(path, sizeof path, "%s/lan.pcap", dir);
    size_t n = read_capture(path, ts, len, 8);
    cr_assert_eq(n, 4);
    int64_t want[4] = {0, 1 * MS_NS_PER_MS, 2 * MS_NS_PER_MS, 50 * MS_NS_PER_MS};
    uint32_t wlen[4] = {1000, 1000, 1000, 200};
    for (size_t i = 0; i < 4; i++) {
        cr_assert_eq(ts[i], want[i], "frame %zu at %lld", i, (long long)ts[i]);
        cr_assert_eq(len[i], wlen[i]);
    }
    snprintf(path, sizeof path, "%s/wan.pcap", dir);
    cr_assert_eq(read_capture(path, ts, len, 8), 0, "an idle link writes an empty capture");
    remove(path);
    snprintf(path, sizeof path, "%s/lan.pcap", dir);
    remove(path);
    ms_link_free(l2);
    world_fini(&w);
    rmdir(dir);
}

Test(link, capture_bad_dir_fails)
{
    struct world w;
    world_init(&w, 1, 1, NULL, MS_CLOCK_VIRTUAL);
    cr_assert_lt(ms_link_capture_start(w.l, "/nonexistent/dir"), 0);
    cr_assert_not(w.l->capturing);
    world_fini(&w);
}

Test(link, same_seed_same_run_across_links)
{
    /* Each link draws from its own stream "link:<name>": a second link with
     * traffic does not change the first link's draws. */
    struct ms_link_params p;
    ms_link_params_default(&p);
    p.loss_ppm = 300000;
    struct world a, b;
    world_init(&a, 5, 2, &p, MS_CLOCK_VIRTUAL);
    world_init(&b, 5, 2, &p, MS_CLOCK_VIRTUAL);
    struct ms_link *noise = ms_link_new(&b.sim, MS_LINK_SEGMENT, "noise", &p);
    struct ms_node *x = ms_node_new(&b.sim, "x", false);
    struct ms_mac xm = {{0x02, 0, 0, 0, 0, 0x55}};
    struct ms_iface *xi = ms_iface_new(x, &xm, true);
    cr_assert_eq(ms_link_attach(noise, xi), 0);
    struct sender sa, sb;
    send_periodic(&a, &sa, 0, 1, 64, 500, MS_NS_PER_MS);
    send_periodic(&b, &sb, 0, 1, 64, 500, MS_NS_PER_MS);
    for (int i = 0; i < 100; i++) {
        struct ms_pkt *np = ms_pkt_new(&b.sim.pool);
        ms_pkt_put(np, 60);
        memset(np->data, 0xff, 60);
        ms_link_output(noise, NULL, np);
    }
    run_until(&a, MS_NS_PER_S);
    run_until(&b, MS_NS_PER_S);
    cr_assert_eq(a.narr, b.narr);
    for (size_t i = 0; i < a.narr; i++)
        cr_assert_eq(a.arr[i].seq, b.arr[i].seq);
    cr_assert_gt(noise->ctr.lost, 0, "the noise link drew too");
    cr_assert_lt(noise->ctr.lost, 100);
    ms_link_detach(noise, xi);
    ms_link_free(noise);
    ms_node_free(x);
    world_fini(&a);
    world_fini(&b);
}

/* TAP. */

Test(link, tap_refuses_virtual_clock)
{
    struct world w;
    world_init(&w, 1, 1, NULL, MS_CLOCK_VIRTUAL);
    char err[256] = "";
    cr_assert_eq(ms_tap_open(w.l, NULL, err, sizeof err), MS_ETOPOLOGY);
    cr_assert(strstr(err, "real clock") != NULL, "message: %s", err);
    cr_assert_null(w.l->tap);
    cr_assert_null(ms_tap_new(&w.sim, "t", NULL, NULL, err, sizeof err));
    world_fini(&w);
}

static int
ifreq_op(const char *ifname, unsigned long req, struct ifreq *ifr)
{
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0)
        return -errno;
    snprintf(ifr->ifr_name, sizeof ifr->ifr_name, "%s", ifname);
    int rc = ioctl(s, req, ifr) < 0 ? -errno : 0;
    close(s);
    return rc;
}

Test(link, tap_bridges_frames)
{
    /* Skip (not fail) where this process may not create TAP devices. */
    int probe = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
    if (probe < 0)
        cr_skip_test("cannot open /dev/net/tun: %s", strerror(errno));
    struct ifreq pr;
    memset(&pr, 0, sizeof pr);
    pr.ifr_flags = IFF_TAP | IFF_NO_PI;
    int prc = ioctl(probe, TUNSETIFF, &pr);
    int perr = errno;
    close(probe);
    if (prc < 0)
        cr_skip_test("cannot create a TAP device: %s", strerror(perr));

    struct world w;
    world_init(&w, 1, 1, NULL, MS_CLOCK_REAL);
    char err[256] = "";
    struct ms_link *tl = ms_tap_new(&w.sim, "tap", NULL, NULL, err, sizeof err);
    cr_assert_not_null(tl, "ms_tap_new: %s", err);
    cr_assert_eq(tl->kind, MS_LINK_TAP);
    const char *ifname = ms_tap_ifname(tl);
    cr_assert_not_null(ifname);
    /* Move the member onto the TAP link. */
    ms_link_detach(w.l, w.ifc[0]);
    cr_assert_eq(ms_link_attach(tl, w.ifc[0]), 0);
    ms_link_set_rx_hook(tl, hook, &w);

    /* Kernel side: bring the device up with room for an oversized frame, and
     * a packet socket on it. */
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    ifr.ifr_mtu = 3000;
    cr_assert_eq(ifreq_op(ifname, SIOCSIFMTU, &ifr), 0);
    memset(&ifr, 0, sizeof ifr);
    cr_assert_eq(ifreq_op(ifname, SIOCGIFFLAGS, &ifr), 0);
    ifr.ifr_flags |= IFF_UP;
    cr_assert_eq(ifreq_op(ifname, SIOCSIFFLAGS, &ifr), 0);
    int ps = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, htons(ETH_P_ALL));
    cr_assert_geq(ps, 0, "packet socket: %s", strerror(errno));
    memset(&ifr, 0, sizeof ifr);
    cr_assert_eq(ifreq_op(ifname, SIOCGIFINDEX, &ifr), 0);
    struct sockaddr_ll sll = {
        .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ALL), .sll_ifindex = ifr.ifr_ifindex};
    cr_assert_eq(bind(ps, (struct sockaddr *)&sll, sizeof sll), 0);

    /* Kernel -> member: a frame to the member's MAC, and an oversized one. */
    uint8_t buf[2000];
    memset(buf, 0, sizeof buf);
    struct ms_eth eth = {.ethertype = MS_ETHERTYPE_L2EV};
    mac_of(0, &eth.dst);
    eth.src = (struct ms_mac){{0x02, 0xaa, 0, 0, 0, 1}};
    ms_eth_encode(&eth, buf, sizeof buf);
    ms_wr32(buf + MS_ETH_HLEN, MAGIC);
    ms_wr32(buf + MS_ETH_HLEN + 4, 77);
    cr_assert_eq(send(ps, buf, 100, 0), 100, "send: %s", strerror(errno));
    cr_assert_eq(send(ps, buf, 1600, 0), 1600, "send: %s", strerror(errno));
    ms_sched_run(&w.sim.sched, ms_sim_now(&w.sim) + 300 * MS_NS_PER_MS);
    int got = 0;
    for (size_t i = 0; i < w.narr; i++)
        if (w.arr[i].seq == 77 && w.arr[i].to == 0)
            got++;
    cr_assert_eq(got, 1, "frame from the kernel delivered once");
    cr_assert_eq(ms_tap_counters(tl)->rx_malformed, 1);
    cr_assert_eq(tl->ctr.malformed, 1);

    /* Member -> kernel. */
    ms_link_output(tl, w.ifc[0], frame(&w, 0, NULL, 120, 88));
    ms_sched_run(&w.sim.sched, ms_sim_now(&w.sim) + 50 * MS_NS_PER_MS);
    cr_assert_geq(ms_tap_counters(tl)->tx_frames, 1);
    bool seen = false;
    for (int tries = 0; tries < 50 && !seen; tries++) {
        struct pollfd pfd = {.fd = ps, .events = POLLIN};
        poll(&pfd, 1, 20);
        ssize_t n;
        while ((n = recv(ps, buf, sizeof buf, 0)) > 0) {
            if (n >= MS_ETH_HLEN + 8 && ms_rd32(buf + MS_ETH_HLEN) == MAGIC &&
                ms_rd32(buf + MS_ETH_HLEN + 4) == 88)
                seen = true;
        }
    }
    cr_assert(seen, "frame from the member reached the kernel");
    close(ps);
    ms_link_detach(tl, w.ifc[0]);
    ms_link_free(tl);
    ms_link_attach(w.l, w.ifc[0]);
    world_fini(&w);
}
