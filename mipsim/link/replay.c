#include "link/replay.h"

#include <errno.h>
#include <pcap/pcap.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/time.h"
#include "wire/err.h"
#include "wire/eth.h"

/* Malformed records logged one by one before the log goes quiet; a summary
 * line at the end gives the total. */
#define REPLAY_LOG_FIRST 20

struct ms_replay {
    struct ms_link *link;
    struct ms_replay *next; /* the link's replays */
    char path[256];         /* for messages */
    pcap_t *pcap;
    struct ms_timer timer;
    int64_t start_ns;
    int64_t first_ts_ns;
    int64_t tx_free_ns; /* the pseudo-member's transmit queue */
    /* The pending record: libpcap keeps data valid until the next read. */
    struct pcap_pkthdr hdr;
    const u_char *data;
    bool done;
    struct ms_replay_counters ctr;
};

static int64_t
ts_ns(const struct pcap_pkthdr *h)
{
    /* Opened with nanosecond precision: libpcap scales microsecond files
     * and stores nanoseconds in tv_usec. */
    return (int64_t)h->ts.tv_sec * MS_NS_PER_S + (int64_t)h->ts.tv_usec;
}

static void
finish(struct ms_replay *r)
{
    struct ms_link *l = r->link;
    r->done = true;
    r->data = NULL;
    ms_log(&l->sim->log, MS_LOG_INFO, l->name, "replay %s done: %llu frames, %llu malformed",
           r->path, (unsigned long long)r->ctr.frames, (unsigned long long)r->ctr.malformed);
}

static void reject(struct ms_replay *r, const char *fmt, ...) MS_PRINTF(2, 3);

static void
reject(struct ms_replay *r, const char *fmt, ...)
{
    struct ms_link *l = r->link;
    r->ctr.malformed++;
    l->ctr.malformed++;
    if (r->ctr.malformed > REPLAY_LOG_FIRST || !ms_log_enabled(&l->sim->log, MS_LOG_WARN))
        return;
    char why[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    ms_log(&l->sim->log, MS_LOG_WARN, l->name, "replay %s record %llu: %s, dropped%s", r->path,
           (unsigned long long)r->ctr.records, why,
           r->ctr.malformed == REPLAY_LOG_FIRST ? " (further ones not logged)" : "");
}

static void on_timer(struct ms_timer *t);

/* Reads the next record and arms the timer for it, or finishes. */
static void
advance(struct ms_replay *r)
{
    struct pcap_pkthdr *h;
    const u_char *data;
    int rc = pcap_next_ex(r->pcap, &h, &data);
    if (rc == PCAP_ERROR_BREAK) {
        finish(r);
        return;
    }
    if (rc != 1) {
        r->ctr.records++;
        reject(r, "unreadable record (%s)", pcap_geterr(r->pcap));
        finish(r);
        return;
    }
    r->ctr.records++;
    r->hdr = *h;
    r->data = data;
    if (r->ctr.records == 1)
        r->first_ts_ns = ts_ns(h);
    int64_t rel = ts_ns(h) - r->first_ts_ns;
    if (rel < 0)
        rel = 0; /* a record older than the first one goes out at once */
    if (ms_timer_start_at(&r->link->sim->sched, &r->timer, r->start_ns + rel) < 0) {
        reject(r, "out of memory for the timer");
        finish(r);
    }
}

/* Returns the frame as a packet, or NULL (counted) when the record is not
 * an acceptable frame for this link. */
static struct ms_pkt *
validate(struct ms_replay *r)
{
    struct ms_link *l = r->link;
    const struct pcap_pkthdr *h = &r->hdr;
    if (h->caplen < h->len) {
        reject(r, "cut by the snap length (caplen %u < len %u)", h->caplen, h->len);
        return NULL;
    }
    struct ms_eth eth;
    int rc = ms_eth_decode(r->data, h->caplen, &eth);
    if (rc < 0) {
        reject(r, "%u octets, shorter than an Ethernet header (%s)", h->caplen, ms_strerror(rc));
        return NULL;
    }
    if (h->caplen > l->p.mtu + MS_ETH_HLEN) {
        reject(r, "%u octets, longer than the link MTU %u + 14", h->caplen, l->p.mtu);
        return NULL;
    }
    if (ms_mac_is_multicast(&eth.src)) {
        char mac[MS_MAC_STRLEN];
        ms_mac_format(&eth.src, mac, sizeof mac);
        reject(r, "group source address %s", mac);
        return NULL;
    }
    struct ms_pkt *pkt = ms_pkt_new(&l->sim->pool);
    if (pkt == NULL) {
        l->ctr.no_bufs++;
        return NULL;
    }
    uint8_t *p = ms_pkt_put(pkt, h->caplen);
    if (p == NULL) {
        ms_pkt_free(pkt);
        reject(r, "%u octets, larger than a packet buffer", h->caplen);
        return NULL;
    }
    memcpy(p, r->data, h->caplen);
    return pkt;
}

static void
on_timer(struct ms_timer *t)
{
    struct ms_replay *r = t->data;
    struct ms_pkt *pkt = validate(r);
    if (pkt != NULL) {
        r->ctr.frames++;
        r->ctr.bytes += pkt->len;
        ms__link_inject(r->link, r, &r->tx_free_ns, pkt);
    }
    advance(r);
}

int
ms_replay_start(struct ms_link *l, const char *path, int64_t start_ns, struct ms_replay **out,
                char *errbuf, size_t errcap)
{
    char perr[PCAP_ERRBUF_SIZE] = "";
    pcap_t *p = pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_NANO, perr);
    if (p == NULL) {
        ms__link_errf(errbuf, errcap, "%s: %s", path, perr);
        /* libpcap does not say why in a code: a missing file is the
         * common case worth telling apart. */
        FILE *f = fopen(path, "rb");
        if (f == NULL)
            return -errno;
        fclose(f);
        return MS_EBAD_FIELD;
    }
    if (pcap_datalink(p) != DLT_EN10MB) {
        ms__link_errf(errbuf, errcap, "%s: link type %s, not Ethernet", path,
                      pcap_datalink_val_to_name(pcap_datalink(p))
                          ? pcap_datalink_val_to_name(pcap_datalink(p))
                          : "unknown");
        pcap_close(p);
        return MS_EBAD_PROTO;
    }
    struct ms_replay *r = calloc(1, sizeof *r);
    if (r == NULL) {
        pcap_close(p);
        return -ENOMEM;
    }
    r->link = l;
    r->pcap = p;
    snprintf(r->path, sizeof r->path, "%s", path);
    int64_t now = ms_sim_now(l->sim);
    r->start_ns = start_ns > now ? start_ns : now;
    r->tx_free_ns = now;
    ms_timer_init(&r->timer, on_timer, r);
    r->next = l->replays;
    l->replays = r;
    advance(r);
    if (out != NULL)
        *out = r;
    return 0;
}

void
ms_replay_stop(struct ms_replay *r)
{
    if (r == NULL)
        return;
    struct ms_link *l = r->link;
    ms_timer_stop(&l->sim->sched, &r->timer);
    for (struct ms_replay **pp = &l->replays; *pp != NULL; pp = &(*pp)->next) {
        if (*pp == r) {
            *pp = r->next;
            break;
        }
    }
    pcap_close(r->pcap);
    free(r);
}

bool
ms_replay_done(const struct ms_replay *r)
{
    return r->done;
}

const struct ms_replay_counters *
ms_replay_counters(const struct ms_replay *r)
{
    return &r->ctr;
}

void
ms__replay_free_all(struct ms_link *l)
{
    while (l->replays != NULL)
        ms_replay_stop(l->replays);
}
