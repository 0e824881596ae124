#include "link/tap.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <uv.h>

#include "core/log.h"
#include "core/time.h"
#include "wire/err.h"
#include "wire/eth.h"

/* Frames read per readiness callback, so that a busy device cannot starve
 * the timers. */
#define TAP_READ_BATCH 64
/* Malformed frames logged in full before the log goes quiet (one line per
 * 1000 afterwards). */
#define TAP_LOG_FIRST 10

struct ms_tap {
    struct ms_link *link;
    int fd;
    char ifname[IFNAMSIZ];
    uv_poll_t poll;
    int64_t tx_free_ns; /* the device's transmit queue on the link */
    struct ms_tap_counters ctr;
    /* A read larger than any acceptable frame tells "too long" apart from
     * "exactly fits". */
    uint8_t buf[65536 + 1];
};

/* In real-clock mode the scheduler reads the clock when its own timer
 * fires; a frame read from the device is stamped with the current time, so
 * bring the clock forward first (never backwards). */
static void
sync_real_clock(struct ms_sim *sim)
{
    struct ms_sched *s = &sim->sched;
    uv_update_time(s->loop);
    int64_t t = (int64_t)(uv_now(s->loop) - s->real_start_ms) * MS_NS_PER_MS;
    if (t > s->now_ns)
        s->now_ns = t;
}

static void
reject(struct ms_tap *tap, size_t n, const char *why)
{
    struct ms_link *l = tap->link;
    tap->ctr.rx_malformed++;
    l->ctr.malformed++;
    if (tap->ctr.rx_malformed <= TAP_LOG_FIRST || tap->ctr.rx_malformed % 1000 == 0)
        ms_log(&l->sim->log, MS_LOG_WARN, l->name,
               "tap %s: dropped a %zu-octet frame: %s (%llu so far)", tap->ifname, n, why,
               (unsigned long long)tap->ctr.rx_malformed);
}

static void
accept_frame(struct ms_tap *tap, size_t n)
{
    struct ms_link *l = tap->link;
    if (n < MS_ETH_HLEN) {
        reject(tap, n, "shorter than an Ethernet header");
        return;
    }
    if (n > (size_t)l->p.mtu + MS_ETH_HLEN) {
        reject(tap, n, "longer than the link MTU + 14");
        return;
    }
    struct ms_pkt *pkt = ms_pkt_new(&l->sim->pool);
    if (pkt == NULL) {
        l->ctr.no_bufs++;
        return;
    }
    uint8_t *p = ms_pkt_put(pkt, (uint32_t)n);
    if (p == NULL) {
        ms_pkt_free(pkt);
        reject(tap, n, "larger than a packet buffer");
        return;
    }
    memcpy(p, tap->buf, n);
    tap->ctr.rx_frames++;
    tap->ctr.rx_bytes += n;
    ms__link_inject(l, tap, &tap->tx_free_ns, pkt);
}

static void
on_poll(uv_poll_t *h, int status, int events)
{
    struct ms_tap *tap = h->data;
    struct ms_link *l = tap->link;
    if (status < 0) {
        tap->ctr.rx_errors++;
        ms_log(&l->sim->log, MS_LOG_ERROR, l->name, "tap %s: poll: %s", tap->ifname,
               uv_strerror(status));
        return;
    }
    if (!(events & UV_READABLE))
        return;
    sync_real_clock(l->sim);
    for (int i = 0; i < TAP_READ_BATCH && l->tap == tap; i++) {
        ssize_t n = read(tap->fd, tap->buf, sizeof tap->buf);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK) {
                tap->ctr.rx_errors++;
                ms_log(&l->sim->log, MS_LOG_ERROR, l->name, "tap %s: read: %s", tap->ifname,
                       strerror(errno));
            }
            break;
        }
        if (n == 0)
            break;
        accept_frame(tap, (size_t)n);
    }
}

int
ms_tap_open(struct ms_link *l, const char *ifname, char *errbuf, size_t errcap)
{
    if (l->sim->sched.clock != MS_CLOCK_REAL) {
        ms__link_errf(errbuf, errcap,
                      "TAP link %s needs the real clock (MS_CLOCK_REAL); the simulation runs on "
                      "the virtual clock",
                      l->name);
        ms_log(&l->sim->log, MS_LOG_ERROR, l->name,
               "TAP needs the real clock; the simulation runs on the virtual clock");
        return MS_ETOPOLOGY;
    }
    if (l->tap != NULL) {
        ms__link_errf(errbuf, errcap, "link %s is already bridged to %s", l->name, l->tap->ifname);
        return -EEXIST;
    }
    if (l->kind == MS_LINK_CELL) {
        ms__link_errf(errbuf, errcap, "link %s is a cell; a TAP bridges a segment", l->name);
        return -EINVAL;
    }
    if (ifname != NULL && strlen(ifname) >= IFNAMSIZ) {
        ms__link_errf(errbuf, errcap, "TAP name %s is longer than %d characters", ifname,
                      IFNAMSIZ - 1);
        return -ENAMETOOLONG;
    }
    struct ms_tap *tap = calloc(1, sizeof *tap);
    if (tap == NULL)
        return -ENOMEM;
    tap->fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (tap->fd < 0) {
        int e = errno;
        ms__link_errf(errbuf, errcap, "cannot open /dev/net/tun: %s", strerror(e));
        free(tap);
        return -e;
    }
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
    if (ifname != NULL)
        memcpy(ifr.ifr_name, ifname, strlen(ifname));
    if (ioctl(tap->fd, TUNSETIFF, &ifr) < 0) {
        int e = errno;
        ms__link_errf(errbuf, errcap, "TUNSETIFF %s: %s", ifname ? ifname : "", strerror(e));
        close(tap->fd);
        free(tap);
        return -e;
    }
    memcpy(tap->ifname, ifr.ifr_name, IFNAMSIZ);
    tap->ifname[IFNAMSIZ - 1] = '\0';
    int rc = uv_poll_init(l->sim->sched.loop, &tap->poll, tap->fd);
    if (rc < 0) {
        ms__link_errf(errbuf, errcap, "uv_poll_init: %s", uv_strerror(rc));
        close(tap->fd);
        free(tap);
        return rc;
    }
    tap->poll.data = tap;
    tap->link = l;
    tap->tx_free_ns = ms_sim_now(l->sim);
    rc = uv_poll_start(&tap->poll, UV_READABLE, on_poll);
    l->tap = tap;
    if (rc < 0) {
        ms__link_errf(errbuf, errcap, "uv_poll_start: %s", uv_strerror(rc));
        ms_tap_close(l);
        return rc;
    }
    ms_log(&l->sim->log, MS_LOG_INFO, l->name, "bridged to TAP device %s", tap->ifname);
    return 0;
}

struct ms_link *
ms_tap_new(struct ms_sim *sim, const char *name, const char *ifname, const struct ms_link_params *p,
           char *errbuf, size_t errcap)
{
    struct ms_link *l = ms_link_new(sim, MS_LINK_TAP, name, p);
    if (l == NULL) {
        ms__link_errf(errbuf, errcap, "out of memory");
        return NULL;
    }
    if (ms_tap_open(l, ifname, errbuf, errcap) < 0) {
        ms_link_free(l);
        return NULL;
    }
    return l;
}

static void
on_closed(uv_handle_t *h)
{
    struct ms_tap *tap = h->data;
    close(tap->fd);
    free(tap);
}

void
ms_tap_close(struct ms_link *l)
{
    struct ms_tap *tap = l->tap;
    if (tap == NULL)
        return;
    l->tap = NULL;
    tap->link = NULL;
    uv_poll_stop(&tap->poll);
    uv_close((uv_handle_t *)&tap->poll, on_closed);
}

const char *
ms_tap_ifname(const struct ms_link *l)
{
    return l->tap ? l->tap->ifname : NULL;
}

int
ms_tap_fd(const struct ms_link *l)
{
    return l->tap ? l->tap->fd : -1;
}

const struct ms_tap_counters *
ms_tap_counters(const struct ms_link *l)
{
    return l->tap ? &l->tap->ctr : NULL;
}

void
ms__tap_output(struct ms_link *l, const struct ms_pkt *pkt)
{
    struct ms_tap *tap = l->tap;
    ssize_t n = write(tap->fd, pkt->data, pkt->len);
    if (n < 0 || (size_t)n != pkt->len) {
        tap->ctr.tx_errors++;
        if (tap->ctr.tx_errors <= TAP_LOG_FIRST)
            ms_log(&l->sim->log, MS_LOG_WARN, l->name, "tap %s: write: %s", tap->ifname,
                   n < 0 ? strerror(errno) : "short write");
        return;
    }
    tap->ctr.tx_frames++;
    tap->ctr.tx_bytes += pkt->len;
}

void
ms__tap_free(struct ms_link *l)
{
    ms_tap_close(l);
}
