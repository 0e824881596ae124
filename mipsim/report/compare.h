/* Capture comparison (`mipsim compare A.pcap B.pcap`).
 *
 * Two captures are equal when they hold the same link type, the same number
 * of frames, and frame by frame the same timestamp and the same bytes.  On
 * the first difference the comparison names the frame (1-based), the
 * protocol layer and the field, decoded with mipsim's own codecs
 * (mipsim/wire: Ethernet, IPv6, extension headers, ICMPv6 and ND, Mobility
 * Header, UDP and the flow payload, L2 event frames), and both values.
 *
 * Nothing here allocates per frame; the files are read through libpcap.
 */
#ifndef MIPSIM_REPORT_COMPARE_H
#define MIPSIM_REPORT_COMPARE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct ms_cmp_diff {
    uint64_t frame;      /* 1-based frame number; 0 for a file-level difference */
    char layer[32];      /* "Ethernet", "IPv6", "Mobility Header", "pcap", "frame" ... */
    char field[48];      /* "hop limit", "frame count", "timestamp" ... */
    char a[112], b[112]; /* the two values as text ("(absent)" when missing) */
};

/* Compares two decoded frames.  Returns 0 when the bytes are equal, 1 when
 * they differ (diff filled with frame = 0; the caller sets the number). */
int ms_cmp_frame(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen,
                 struct ms_cmp_diff *diff);

/* Compares two capture files.  Returns 0 when equal, 1 when they differ
 * (diff filled), or a negative code when a file cannot be read (errbuf says
 * why: path and libpcap's message). */
int ms_cmp_files(const char *path_a, const char *path_b, struct ms_cmp_diff *diff, char *errbuf,
                 size_t errcap);

/* Prints the difference as
 *   frame 3: IPv6 hop limit differs
 *     a.pcap: 64
 *     b.pcap: 63
 * name_a / name_b label the two sides. */
void ms_cmp_diff_print(const struct ms_cmp_diff *diff, const char *name_a, const char *name_b,
                       FILE *out);

#endif
