/* Cells: attach / detach / triggers raise L2 events to the node's roles and
 * L2 event frames in the capture; nothing reaches a detached radio; link
 * profiles. */
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
#include "link/profile.h"
#include "role/role.h"
#include "stack/node.h"
#include "wire/bytes.h"
#include "wire/codepoints.h"
#include "wire/eth.h"
#include "wire/l2ev.h"

#define MAGIC 0x6d73696du

struct seen_ev {
    int role;
    uint8_t type;
    char ap[40], target[40];
    int64_t lead_ns, t;
    struct ms_link *link;
    struct ms_iface *ifc;
    bool ifc_up;
    struct ms_link *ifc_link;
};

struct evlog {
    struct seen_ev ev[64];
    int n;
};

struct fake_role {
    struct ms_role r;
    int id;
    struct evlog *log;
};

static void
fake_on_l2(struct ms_role *r, struct ms_iface *ifc, const struct ms_l2_event *ev)
{
    struct fake_role *f = (struct fake_role *)r;
    cr_assert_lt(f->log->n, 64);
    struct seen_ev *s = &f->log->ev[f->log->n++];
    memset(s, 0, sizeof *s);
    s->role = f->id;
    s->type = ev->type;
    snprintf(s->ap, sizeof s->ap, "%s", ev->ap_id ? ev->ap_id : "");
    snprintf(s->target, sizeof s->target, "%s", ev->target_ap_id ? ev->target_ap_id : "");
    s->lead_ns = ev->lead_ns;
    s->t = ms_sim_now(r->node->sim);
    s->link = ev->link;
    s->ifc = ifc;
    s->ifc_up = ifc->up;
    s->ifc_link = ifc->link;
}

static const struct ms_role_ops fake_ops = {.name = "fake", .on_l2 = fake_on_l2};

struct arrival {
    struct ms_iface *to;
    uint32_t seq;
    bool magic;
    int64_t t;
};

struct cworld {
    struct ms_sim sim;
    struct ms_node *ar, *mn;
    struct ms_iface *ar_if, *radio;
    struct ms_link *cell;
    struct fake_role roles[2];
    struct evlog log;
    struct arrival arr[4096];
    size_t narr;
    char dir[64];
};

static void
hook(void *data, struct ms_link *l, struct ms_iface *to, const struct ms_pkt *pkt)
{
    struct cworld *w = data;
    (void)l;
    if (w->narr >= sizeof w->arr / sizeof w->arr[0])
        return;
    bool magic = pkt->len >= MS_ETH_HLEN + 8 && ms_rd32(pkt->data + MS_ETH_HLEN) == MAGIC;
    w->arr[w->narr++] = (struct arrival){
        .to = to,
        .magic = magic,
        .seq = magic ? ms_rd32(pkt->data + MS_ETH_HLEN + 4) : 0,
        .t = ms_sim_now(&w->sim),
    };
}

static void
cworld_init(struct cworld *w, const struct ms_link_params *p, bool capture)
{
    memset(w, 0, sizeof *w);
    cr_assert_eq(ms_sim_init(&w->sim, 1, MS_CLOCK_VIRTUAL), 0);
    w->sim.log.out = NULL;
    w->cell = ms_link_new(&w->sim, MS_LINK_CELL, "cell1", p);
    cr_assert_not_null(w->cell);
    ms_cell_set_ap(w->cell, "ap1", MS_PROFILE_80211);
    ms_link_set_rx_hook(w->cell, hook, w);
    w->ar = ms_node_new(&w->sim, "ar1", true);
    w->mn = ms_node_new(&w->sim, "mn", false);
    struct ms_mac am = {{0x02, 0, 0, 0, 0xaa, 0x01}}, mm = {{0x02, 0, 0, 0, 0, 0x01}};
    w->ar_if = ms_iface_new(w->ar, &am, false);
    w->radio = ms_iface_new(w->mn, &mm, true);
    cr_assert_not_null(w->ar_if);
    cr_assert_not_null(w->radio);
    cr_assert_not(w->radio->up, "radios start down");
    cr_assert_eq(ms_link_attach(w->cell, w->ar_if), 0);
    for (int i = 0; i < 2; i++) {
        w->roles[i] = (struct fake_role){.r = {.ops = &fake_ops}, .id = i, .log = &w->log};
        ms_role_attach(w->mn, &w->roles[i].r);
    }
    if (capture) {
        snprintf(w->dir, sizeof w->dir, "/tmp/mipsim-cell-XXXXXX");
        cr_assert_not_null(mkdtemp(w->dir));
        cr_assert_eq(ms_link_capture_start(w->cell, w->dir), 0);
    }
}

static void
cworld_fini(struct cworld *w)
{
    if (w->radio->link == w->cell)
        ms_cell_detach(w->cell, w->radio);
    ms_link_detach(w->cell, w->ar_if);
    ms_link_free(w->cell);
    ms_node_free(w->ar);
    ms_node_free(w->mn);
    ms_sim_fini(&w->sim);
    if (w->dir[0]) {
        char path[128];
        snprintf(path, sizeof path, "%s/cell1.pcap", w->dir);
        remove(path);
        rmdir(w->dir);
    }
}

static void
run_until(struct cworld *w, int64_t t)
{
    ms_sched_run(&w->sim.sched, t);
}

struct l2frame {
    int64_t t;
    struct ms_eth eth;
    struct ms_l2ev ev;
};

/* The L2 event frames of the cell's capture, decoded. */
static int
read_l2_frames(struct cworld *w, struct l2frame *out, int max)
{
    char path[128], err[PCAP_ERRBUF_SIZE];
    snprintf(path, sizeof path, "%s/cell1.pcap", w->dir);
    pcap_t *p = pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_NANO, err);
    cr_assert_not_null(p, "%s", err);
    struct pcap_pkthdr *h;
    const u_char *d;
    int n = 0;
    while (pcap_next_ex(p, &h, &d) == 1) {
        if (h->caplen < MS_ETH_HLEN || ms_rd16(d + 12) != MS_ETHERTYPE_L2EV)
            continue;
        cr_assert_lt(n, max);
        out[n].t =
            (int64_t)h->ts.tv_sec * MS_NS_PER_S + h->ts.tv_usec - MS_PCAP_EPOCH_S * MS_NS_PER_S;
        cr_assert_eq(ms_l2ev_frame_decode(d, h->caplen, &out[n].eth, &out[n].ev), 0,
                     "L2 frame %d decodes", n);
        n++;
    }
    pcap_close(p);
    return n;
}

Test(cell, attach_trigger_detach_events_and_frames)
{
    struct cworld w;
    cworld_init(&w, NULL, true);
    run_until(&w, 1 * MS_NS_PER_S);
    cr_assert_eq(ms_cell_attach(w.cell, w.radio), 0);
    cr_assert(w.radio->up);
    cr_assert_eq(w.radio->link, w.cell);
    cr_assert_not_null(ms_link_member_find(w.cell, w.radio));
    run_until(&w, 2 * MS_NS_PER_S);
    ms_cell_trigger_going_down(w.cell, w.radio, "ap2", 50 * MS_NS_PER_MS);
    run_until(&w, 2 * MS_NS_PER_S + 50 * MS_NS_PER_MS);
    ms_cell_detach(w.cell, w.radio);
    cr_assert_not(w.radio->up);
    cr_assert_null(w.radio->link);
    cr_assert_null(ms_link_member_find(w.cell, w.radio));
    run_until(&w, 3 * MS_NS_PER_S);

    /* Each event to both roles, in role order. */
    cr_assert_eq(w.log.n, 6);
    uint8_t types[3] = {MS_L2EV_LINK_UP, MS_L2EV_LINK_GOING_DOWN, MS_L2EV_LINK_DOWN};
    int64_t times[3] = {1 * MS_NS_PER_S, 2 * MS_NS_PER_S, 2 * MS_NS_PER_S + 50 * MS_NS_PER_MS};
    for (int i = 0; i < 6; i++) {
        struct seen_ev *e = &w.log.ev[i];
        cr_assert_eq(e->role, i % 2, "role order");
        cr_assert_eq(e->type, types[i / 2]);
        cr_assert_eq(e->t, times[i / 2]);
        cr_assert_str_eq(e->ap, "ap1");
        cr_assert_eq(e->link, w.cell);
        cr_assert_eq(e->ifc, w.radio);
    }
    /* Link up: the interface is already up and on the cell. */
    cr_assert(w.log.ev[0].ifc_up);
    cr_assert_eq(w.log.ev[0].ifc_link, w.cell);
    cr_assert_str_eq(w.log.ev[0].target, "");
    cr_assert_str_eq(w.log.ev[2].target, "ap2");
    cr_assert_eq(w.log.ev[2].lead_ns, 50 * MS_NS_PER_MS);
    /* Link down: already down and off the cell. */
    cr_assert_not(w.log.ev[4].ifc_up);
    cr_assert_null(w.log.ev[4].ifc_link);
    cr_assert_eq(w.cell->ctr.l2_events, 3);

    ms_link_capture_stop(w.cell);
    struct l2frame f[8];
    int n = read_l2_frames(&w, f, 8);
    cr_assert_eq(n, 3);
    struct ms_mac bcast;
    ms_mac_broadcast(&bcast);
    for (int i = 0; i < 3; i++) {
        cr_assert_eq(f[i].t, times[i], "frame %d at %lld", i, (long long)f[i].t);
        cr_assert(ms_mac_equal(&f[i].eth.dst, &bcast));
        cr_assert(ms_mac_equal(&f[i].eth.src, &w.cell->ap_mac));
        cr_assert_eq(f[i].ev.type, types[i]);
        cr_assert(ms_mac_equal(&f[i].ev.mn, &w.radio->mac));
        cr_assert_str_eq(f[i].ev.ap_id, "ap1");
        cr_assert_eq(f[i].ev.link_profile, MS_L2EV_PROFILE_80211);
        cr_assert(f[i].ev.present & MS_L2EV_HAS(MS_L2EV_TLV_MN_MAC));
        cr_assert(f[i].ev.present & MS_L2EV_HAS(MS_L2EV_TLV_AP_ID));
        cr_assert(f[i].ev.present & MS_L2EV_HAS(MS_L2EV_TLV_LINK_TYPE));
    }
    cr_assert_not(f[0].ev.present & MS_L2EV_HAS(MS_L2EV_TLV_TIME_NS));
    cr_assert_not(f[0].ev.present & MS_L2EV_HAS(MS_L2EV_TLV_TARGET_AP_ID));
    cr_assert(f[1].ev.present & MS_L2EV_HAS(MS_L2EV_TLV_TIME_NS));
    cr_assert_eq(f[1].ev.time_ns, 50 * MS_NS_PER_MS);
    cr_assert(f[1].ev.present & MS_L2EV_HAS(MS_L2EV_TLV_TARGET_AP_ID));
    cr_assert_str_eq(f[1].ev.target_ap_id, "ap2");
    cr_assert_not(f[2].ev.present & MS_L2EV_HAS(MS_L2EV_TLV_TIME_NS));
    cworld_fini(&w);
}

Test(cell, going_down_default_lead_and_handover_start)
{
    struct cworld w;
    cworld_init(&w, NULL, true);
    ms_cell_set_ap(w.cell, "ap1", MS_PROFILE_80216E);
    cr_assert_eq(ms_cell_attach(w.cell, w.radio), 0);
    ms_cell_trigger_going_down(w.cell, w.radio, NULL, -1);
    ms_cell_trigger_handover_start(w.cell, w.radio, "ap9");
    cr_assert_eq(w.log.n, 6);
    cr_assert_eq(w.log.ev[2].type, MS_L2EV_LINK_GOING_DOWN);
    cr_assert_eq(w.log.ev[2].lead_ns, ms_link_profile_get(MS_PROFILE_80216E)->going_down_lead_ns);
    cr_assert_str_eq(w.log.ev[2].target, "");
    cr_assert_eq(w.log.ev[4].type, MS_L2EV_HANDOVER_START);
    cr_assert_str_eq(w.log.ev[4].target, "ap9");
    ms_link_capture_stop(w.cell);
    struct l2frame f[8];
    cr_assert_eq(read_l2_frames(&w, f, 8), 3);
    cr_assert_eq(f[1].ev.time_ns, 150 * MS_NS_PER_MS);
    cr_assert_not(f[1].ev.present & MS_L2EV_HAS(MS_L2EV_TLV_TARGET_AP_ID));
    cr_assert_eq(f[1].ev.link_profile, MS_L2EV_PROFILE_80216E);
    cr_assert_eq(f[2].ev.type, MS_L2EV_HANDOVER_START);
    cr_assert_str_eq(f[2].ev.target_ap_id, "ap9");
    cworld_fini(&w);
}

Test(cell, attach_errors_and_ignored_calls)
{
    struct cworld w;
    cworld_init(&w, NULL, false);
    struct ms_link *seg = ms_link_new(&w.sim, MS_LINK_SEGMENT, "seg", NULL);
    struct ms_link *cell2 = ms_link_new(&w.sim, MS_LINK_CELL, "cell2", NULL);
    cr_assert_eq(ms_cell_attach(seg, w.radio), -EINVAL);
    cr_assert_null(w.radio->link);
    /* Not attached: triggers and detach do nothing. */
    ms_cell_trigger_going_down(w.cell, w.radio, "ap2", 0);
    ms_cell_trigger_handover_start(w.cell, w.radio, "ap2");
    ms_cell_detach(w.cell, w.radio);
    cr_assert_eq(w.log.n, 0);
    cr_assert_eq(w.cell->ctr.l2_events, 0);

    cr_assert_eq(ms_cell_attach(w.cell, w.radio), 0);
    cr_assert_eq(ms_cell_attach(w.cell, w.radio), -EALREADY);
    cr_assert_eq(ms_cell_attach(cell2, w.radio), -EBUSY);
    cr_assert_eq(w.radio->link, w.cell);
    cr_assert_eq(w.log.n, 2, "one link-up only");
    /* Detaching from the wrong cell does nothing either. */
    ms_cell_detach(cell2, w.radio);
    cr_assert_eq(w.radio->link, w.cell);
    cr_assert(w.radio->up);
    /* Handover: detach, then attach to the other cell. */
    ms_cell_detach(w.cell, w.radio);
    cr_assert_eq(ms_cell_attach(cell2, w.radio), 0);
    cr_assert_eq(w.log.n, 6);
    cr_assert_eq(w.log.ev[4].type, MS_L2EV_LINK_UP);
    cr_assert_str_eq(w.log.ev[4].ap, "cell2", "AP id defaults to the cell's name");
    cr_assert_eq(w.log.ev[4].link, cell2);
    ms_cell_detach(cell2, w.radio);
    ms_link_free(seg);
    ms_link_free(cell2);
    cworld_fini(&w);
}

static struct ms_pkt *
frame_to(struct cworld *w, const struct ms_mac *dst, uint32_t seq)
{
    struct ms_pkt *pkt = ms_pkt_new(&w->sim.pool);
    uint8_t *p = ms_pkt_put(pkt, 100);
    memset(p, 0, 100);
    struct ms_eth eth = {.dst = *dst, .src = w->ar_if->mac, .ethertype = MS_ETHERTYPE_L2EV};
    ms_eth_encode(&eth, p, 100);
    ms_wr32(p + MS_ETH_HLEN, MAGIC);
    ms_wr32(p + MS_ETH_HLEN + 4, seq);
    return pkt;
}

Test(cell, no_delivery_to_detached_radio)
{
    struct ms_link_params p;
    ms_link_params_default(&p);
    p.delay_ns = 10 * MS_NS_PER_MS;
    struct cworld w;
    cworld_init(&w, &p, false);
    cr_assert_eq(ms_cell_attach(w.cell, w.radio), 0);
    run_until(&w, 1 * MS_NS_PER_S);
    struct ms_mac bcast;
    ms_mac_broadcast(&bcast);
    /* A unicast and a broadcast frame towards the radio, then the radio
     * leaves 5 ms into their 10 ms flight. */
    ms_link_output(w.cell, w.ar_if, frame_to(&w, &w.radio->mac, 1));
    ms_link_output(w.cell, w.ar_if, frame_to(&w, &bcast, 2));
    uint64_t dropped = w.cell->ctr.dropped_down;
    run_until(&w, 1 * MS_NS_PER_S + 5 * MS_NS_PER_MS);
    int64_t t_detach = ms_sim_now(&w.sim);
    ms_cell_detach(w.cell, w.radio);
    cr_assert_geq(w.cell->ctr.dropped_down, dropped + 2);
    /* While detached, frames for it go nowhere. */
    run_until(&w, 2 * MS_NS_PER_S);
    ms_link_output(w.cell, w.ar_if, frame_to(&w, &w.radio->mac, 3));
    run_until(&w, 3 * MS_NS_PER_S);
    for (size_t i = 0; i < w.narr; i++) {
        if (w.arr[i].to != w.radio)
            continue;
        cr_assert_lt(w.arr[i].t, t_detach, "frame delivered to a detached radio at %lld",
                     (long long)w.arr[i].t);
        cr_assert_not(w.arr[i].magic, "test frame %u delivered", w.arr[i].seq);
    }
    /* Attached again: delivered again. */
    cr_assert_eq(ms_cell_attach(w.cell, w.radio), 0);
    ms_link_output(w.cell, w.ar_if, frame_to(&w, &w.radio->mac, 4));
    run_until(&w, 4 * MS_NS_PER_S);
    int got = 0;
    for (size_t i = 0; i < w.narr; i++)
        if (w.arr[i].to == w.radio && w.arr[i].magic) {
            cr_assert_eq(w.arr[i].seq, 4);
            cr_assert_eq(w.arr[i].t, 3 * MS_NS_PER_S + 10 * MS_NS_PER_MS);
            got++;
        }
    cr_assert_eq(got, 1);
    cworld_fini(&w);
}

Test(cell, radio_traffic_reaches_ar)
{
    /* Attaching brings the stack up: its own frames (DAD, router
     * solicitation) cross the cell to the AR. */
    struct cworld w;
    cworld_init(&w, NULL, true);
    cr_assert_eq(ms_cell_attach(w.cell, w.radio), 0);
    run_until(&w, 10 * MS_NS_PER_S);
    size_t to_ar = 0;
    for (size_t i = 0; i < w.narr; i++)
        if (w.arr[i].to == w.ar_if)
            to_ar++;
    cr_assert_gt(to_ar, 0, "the radio's stack sent nothing across the cell");
    cr_assert_gt(w.cell->cap.frames, 1);
    cworld_fini(&w);
}

Test(cell, events_without_capture)
{
    struct cworld w;
    cworld_init(&w, NULL, false);
    cr_assert_eq(ms_cell_attach(w.cell, w.radio), 0);
    ms_cell_trigger_going_down(w.cell, w.radio, "ap2", 0);
    ms_cell_detach(w.cell, w.radio);
    cr_assert_eq(w.log.n, 6);
    cr_assert_eq(w.cell->cap.frames, 0);
    cworld_fini(&w);
}

Test(cell, ap_mac_stable_and_local)
{
    struct ms_sim a, b;
    ms_sim_init(&a, 1, MS_CLOCK_VIRTUAL);
    ms_sim_init(&b, 99, MS_CLOCK_VIRTUAL);
    struct ms_link *c1 = ms_link_new(&a, MS_LINK_CELL, "ap-east", NULL);
    struct ms_link *c2 = ms_link_new(&b, MS_LINK_CELL, "ap-east", NULL);
    struct ms_link *c3 = ms_link_new(&a, MS_LINK_CELL, "ap-west", NULL);
    cr_assert(ms_mac_equal(&c1->ap_mac, &c2->ap_mac), "same name, same MAC, any seed");
    cr_assert_not(ms_mac_equal(&c1->ap_mac, &c3->ap_mac));
    cr_assert_eq(c1->ap_mac.b[0] & 0x03, 0x02, "locally administered, individual");
    cr_assert_eq(c3->ap_mac.b[0] & 0x03, 0x02);
    cr_assert_str_eq(c1->ap_id, "ap-east");
    cr_assert_eq(c1->profile, MS_PROFILE_GENERIC);
    /* Long names are cut to 32 octets on a UTF-8 boundary. */
    struct ms_link *c4 = ms_link_new(&a, MS_LINK_CELL, "x", NULL);
    ms_cell_set_ap(c4, "0123456789012345678901234567890\xc3\xa9zz", MS_PROFILE_CDMA3G);
    cr_assert_eq(strlen(c4->ap_id), 31);
    ms_cell_set_ap(c4, "", MS_PROFILE_GENERIC);
    cr_assert_eq(strlen(c4->ap_id), 31, "an empty AP id keeps the old one");
    ms_link_free(c1);
    ms_link_free(c2);
    ms_link_free(c3);
    ms_link_free(c4);
    ms_sim_fini(&a);
    ms_sim_fini(&b);
}

Test(cell, profile_table)
{
    enum ms_link_profile all[] = {MS_PROFILE_GENERIC, MS_PROFILE_80211, MS_PROFILE_80216E,
                                  MS_PROFILE_CDMA3G};
    for (size_t i = 0; i < 4; i++) {
        const struct ms_link_profile_info *pi = ms_link_profile_get(all[i]);
        cr_assert_eq(pi->profile, all[i]);
        cr_assert_gt(pi->going_down_lead_ns, 0);
        cr_assert_gt(pi->l2_gap_ns, 0);
        cr_assert_gt(pi->params.mtu, 1279, "IPv6 minimum MTU");
        enum ms_link_profile back = MS_PROFILE_GENERIC;
        cr_assert_eq(ms_link_profile_parse(pi->name, &back), 0);
        cr_assert_eq(back, all[i]);
        cr_assert_str_eq(ms_link_profile_name(all[i]), pi->name);
    }
    /* 802.16e has an explicit handover-imminent trigger (RFC 5270 LHI). */
    cr_assert(ms_link_profile_get(MS_PROFILE_80216E)->has_handover_start);
    cr_assert_not(ms_link_profile_get(MS_PROFILE_80211)->has_handover_start);
    /* 3G is network-assisted: the longest warning (RFC 5271 s3). */
    cr_assert_gt(ms_link_profile_get(MS_PROFILE_CDMA3G)->going_down_lead_ns,
                 ms_link_profile_get(MS_PROFILE_80211)->going_down_lead_ns);
    enum ms_link_profile p = MS_PROFILE_CDMA3G;
    cr_assert_eq(ms_link_profile_parse("WiFi", &p), 0);
    cr_assert_eq(p, MS_PROFILE_80211);
    cr_assert_eq(ms_link_profile_parse("802.3", &p), -EINVAL);
    cr_assert_eq(p, MS_PROFILE_80211, "left alone on error");
    cr_assert_eq(ms_link_profile_parse(NULL, &p), -EINVAL);
    cr_assert_str_eq(ms_link_profile_name((enum ms_link_profile)42), "?");
    cr_assert_eq(ms_link_profile_get((enum ms_link_profile)42)->profile, MS_PROFILE_GENERIC);
    struct ms_link_params lp;
    ms_link_profile_params(MS_PROFILE_80211, &lp);
    cr_assert_eq(lp.bandwidth_bps, 54000000);
}
