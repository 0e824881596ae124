/* TAP links: a segment bridged to a Linux TAP device, so that real stacks and
 * tools (a kernel MIPv6 stack, tcpdump, another mipsim through a bridge) join
 * a simulated link.
 *
 * Frames read from the device (/dev/net/tun, IFF_TAP | IFF_NO_PI, polled by
 * a libuv uv_poll_t) are checked minimally (14 <= length <= MTU + 14;
 * others are counted as malformed, logged and dropped) and then put on the
 * link as if sent by a pseudo-member: every member receives them through the
 * usual delay/loss/capture path.  Every frame put on the link by a member
 * (or a replay) is also written to the device.
 *
 * The device lives in real time: a TAP link needs the scheduler's real
 * clock (MS_CLOCK_REAL); on the virtual clock ms_tap_open refuses.  Creating
 * a device needs CAP_NET_ADMIN.  Bringing the kernel side up (ip link set
 * tapX up) is left to the user, as with any TAP device.
 */
#ifndef MIPSIM_LINK_TAP_H
#define MIPSIM_LINK_TAP_H

#include <stddef.h>
#include <stdint.h>

#include "link/link.h"

struct ms_tap_counters {
    uint64_t rx_frames, rx_bytes; /* read from the device and accepted */
    uint64_t rx_malformed;        /* read and rejected (too short, too long) */
    uint64_t rx_errors;           /* read(2) failures other than EAGAIN */
    uint64_t tx_frames, tx_bytes; /* written to the device */
    uint64_t tx_errors;           /* write(2) failures (EAGAIN included: dropped) */
};

/* Opens the TAP device ifname ("" or NULL: the kernel picks "tapN") and
 * bridges it to l, which must be a segment or a TAP link without a device.
 * Returns 0; MS_ETOPOLOGY when the simulation runs on the virtual clock
 * (errbuf says so); -EEXIST when l already has a device; -EINVAL when l is a
 * cell; -ENAMETOOLONG; -errno from open/ioctl (-EPERM without
 * CAP_NET_ADMIN).  errbuf (may be NULL) receives a message on failure. */
int ms_tap_open(struct ms_link *l, const char *ifname, char *errbuf, size_t errcap);
/* Creates a link of kind MS_LINK_TAP and opens its device: NULL on failure
 * (errbuf says why). */
struct ms_link *ms_tap_new(struct ms_sim *sim, const char *name, const char *ifname,
                           const struct ms_link_params *p, char *errbuf, size_t errcap);
/* Closes the device (the link stays).  The descriptor is closed once libuv
 * has released the poll handle (next loop iteration). */
void ms_tap_close(struct ms_link *l);
/* The kernel's name of the device, or NULL when l has none. */
const char *ms_tap_ifname(const struct ms_link *l);
/* The device's descriptor (tests), or -1. */
int ms_tap_fd(const struct ms_link *l);
const struct ms_tap_counters *ms_tap_counters(const struct ms_link *l);

/* Module-internal (link.c). */
void ms__tap_output(struct ms_link *l, const struct ms_pkt *pkt);
void ms__tap_free(struct ms_link *l);

#endif
