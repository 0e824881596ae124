/* Capture writer: one pcap file per link, through libpcap.
 *
 * Files use nanosecond timestamps (the pcap magic 0xa1b23c4d) counted from a
 * fixed virtual epoch, so the same run writes byte-identical files. */
#ifndef MIPSIM_CORE_PCAPW_H
#define MIPSIM_CORE_PCAPW_H

#include <stddef.h>
#include <stdint.h>

/* 2000-01-01T00:00:00Z: captures of virtual runs start here. */
#define MS_PCAP_EPOCH_S INT64_C(946684800)

struct ms_pcapw {
    void *pcap;   /* pcap_t * */
    void *dumper; /* pcap_dumper_t * */
    int64_t epoch_ns;
    uint64_t frames;
};

/* Opens path for Ethernet frames.  epoch_ns is added to every timestamp.
 * Returns 0 or a negative code; on failure errbuf (may be NULL) says why. */
int ms_pcapw_open(struct ms_pcapw *w, const char *path, int64_t epoch_ns, char *errbuf,
                  size_t errcap);
int ms_pcapw_write(struct ms_pcapw *w, int64_t t_ns, const uint8_t *frame, size_t len);
void ms_pcapw_close(struct ms_pcapw *w);

#endif
