/* Replay: a pcap file as a frame source on a link.
 *
 * The frames of an Ethernet capture (DLT_EN10MB, micro- or nanosecond
 * timestamps) are put on the link at their recorded relative times, offset
 * from a start time: record i goes on the medium at
 *     start_ns + (ts_i - ts_0)
 * as if sent by a pseudo-member of the link (its own transmit queue; every
 * member receives it through the usual delay / jitter / loss / capture
 * path).  An interop tester feeds another implementation's capture into a
 * simulated link this way.
 *
 * Each record is validated before it is sent; a malformed one is counted
 * (in the replay and in the link's ctr.malformed), logged with its record
 * number and the reason, and dropped:
 *   - cut by the capture's snap length (caplen < len);
 *   - shorter than an Ethernet header (14 octets);
 *   - longer than the link's MTU + 14;
 *   - a group (multicast) source address (IEEE 802.3: sources are
 *     individual addresses).
 * A file that becomes unreadable midway (a corrupt record header) ends the
 * replay; that counts as one malformed record too.
 *
 * The file is read one record at a time: nothing but the next frame is in
 * memory.
 */
#ifndef MIPSIM_LINK_REPLAY_H
#define MIPSIM_LINK_REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "link/link.h"

struct ms_replay_counters {
    uint64_t records;   /* records read from the file */
    uint64_t frames;    /* records put on the link */
    uint64_t bytes;     /* octets of those */
    uint64_t malformed; /* records rejected */
};

/* Opens path and schedules its frames on l from start_ns (times before now
 * are clamped to now).  The replay belongs to the link: it is freed by
 * ms_replay_stop or with the link.  *out (may be NULL) receives it.
 * Returns 0, -errno / MS_EBAD_FIELD when the file cannot be read as a pcap
 * (errbuf says why), or MS_EBAD_PROTO when its link type is not Ethernet. */
int ms_replay_start(struct ms_link *l, const char *path, int64_t start_ns, struct ms_replay **out,
                    char *errbuf, size_t errcap);
/* Stops the replay and frees it. */
void ms_replay_stop(struct ms_replay *r);
/* True once every record has been read (or the file failed). */
bool ms_replay_done(const struct ms_replay *r);
const struct ms_replay_counters *ms_replay_counters(const struct ms_replay *r);

/* Module-internal (link.c): stops and frees every replay of l. */
void ms__replay_free_all(struct ms_link *l);

#endif
