#include "core/pcapw.h"

#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>

#include "core/time.h"

int
ms_pcapw_open(struct ms_pcapw *w, const char *path, int64_t epoch_ns, char *errbuf, size_t errcap)
{
    memset(w, 0, sizeof *w);
    pcap_t *p = pcap_open_dead_with_tstamp_precision(DLT_EN10MB, 65535, PCAP_TSTAMP_PRECISION_NANO);
    if (p == NULL) {
        if (errbuf)
            snprintf(errbuf, errcap, "pcap_open_dead failed");
        return -ENOMEM;
    }
    pcap_dumper_t *d = pcap_dump_open(p, path);
    if (d == NULL) {
        if (errbuf)
            snprintf(errbuf, errcap, "%s", pcap_geterr(p));
        pcap_close(p);
        return -EIO;
    }
    w->pcap = p;
    w->dumper = d;
    w->epoch_ns = epoch_ns;
    return 0;
}

int
ms_pcapw_write(struct ms_pcapw *w, int64_t t_ns, const uint8_t *frame, size_t len)
{
    if (w->dumper == NULL)
        return -EBADF;
    int64_t t = w->epoch_ns + t_ns;
    struct pcap_pkthdr h;
    memset(&h, 0, sizeof h);
    /* With nanosecond precision libpcap stores tv_usec as nanoseconds. */
    h.ts.tv_sec = (time_t)(t / MS_NS_PER_S);
    h.ts.tv_usec = (suseconds_t)(t % MS_NS_PER_S);
    h.caplen = (bpf_u_int32)len;
    h.len = (bpf_u_int32)len;
    pcap_dump((u_char *)w->dumper, &h, frame);
    w->frames++;
    return 0;
}

void
ms_pcapw_close(struct ms_pcapw *w)
{
    if (w->dumper) {
        pcap_dump_close(w->dumper);
        w->dumper = NULL;
    }
    if (w->pcap) {
        pcap_close(w->pcap);
        w->pcap = NULL;
    }
}
