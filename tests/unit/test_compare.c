/* Capture comparison: equal files, a hop limit change named by frame,
 * layer and field, frame counts, timestamps, other layers. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/flow.h"
#include "core/pcapw.h"
#include "core/time.h"
#include "report/compare.h"
#include "wire/codepoints.h"
#include "wire/eth.h"
#include "wire/ipv6.h"
#include "wire/l2ev.h"
#include "wire/udp.h"

static char dir[64];

static void
setup(void)
{
    strcpy(dir, "/tmp/test_compare.XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
}

static void
teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert_eq(system(cmd), 0);
}

/* Ethernet + IPv6 + UDP carrying a flow header with sequence seq. */
static size_t
udp_frame(uint8_t *buf, uint32_t seq, uint8_t hlim)
{
    struct ms_eth e = {.ethertype = MS_ETHERTYPE_IPV6};
    ms_mac_parse("02:00:00:00:00:02", &e.dst);
    ms_mac_parse("02:00:00:00:00:01", &e.src);
    ms_eth_encode(&e, buf, 14);
    struct ms_ip6 ip = {.nh = MS_IPPROTO_UDP, .hlim = hlim};
    ms_in6_parse("2001:db8:1::1", &ip.src);
    ms_in6_parse("2001:db8:2::1", &ip.dst);
    uint8_t payload[40] = {0};
    struct ms_flow_hdr fh = {.flow_id = 1, .seq = seq, .sent_ns = 1000 * seq};
    ms_flow_hdr_encode(&fh, payload, sizeof payload);
    struct ms_udp u = {.sport = 40001, .dport = 40001};
    int n = ms_udp_encode(&u, &ip.src, &ip.dst, payload, sizeof payload, buf + 54, 200);
    cr_assert_gt(n, 0);
    ip.plen = (uint16_t)n;
    ms_ip6_encode(&ip, buf + 14, 40);
    return 54 + (size_t)n;
}

static size_t
l2_frame(uint8_t *buf, const char *ap)
{
    struct ms_l2ev ev = {.type = MS_L2EV_LINK_UP,
                         .present =
                             MS_L2EV_HAS(MS_L2EV_TLV_AP_ID) | MS_L2EV_HAS(MS_L2EV_TLV_MN_MAC)};
    strcpy(ev.ap_id, ap);
    ms_mac_parse("02:00:00:00:00:09", &ev.mn);
    struct ms_mac dst, src;
    ms_mac_broadcast(&dst);
    ms_mac_parse("02:00:00:00:aa:01", &src);
    int n = ms_l2ev_frame_encode(&dst, &src, &ev, buf, 200);
    cr_assert_gt(n, 0);
    return (size_t)n;
}

/* Writes name with nframes UDP frames; frame `mod` (1-based) gets hop limit
 * 63 instead of 64 and timestamp + dt. */
static void
write_pcap(const char *name, unsigned nframes, unsigned mod, int64_t dt, char *path)
{
    snprintf(path, 128, "%s/%s", dir, name);
    struct ms_pcapw w;
    cr_assert_eq(ms_pcapw_open(&w, path, MS_PCAP_EPOCH_S * MS_NS_PER_S, NULL, 0), 0);
    for (unsigned i = 1; i <= nframes; i++) {
        uint8_t f[256];
        size_t n = i == 2 ? l2_frame(f, "ap1") : udp_frame(f, i, i == mod ? 63 : 64);
        int64_t t = (int64_t)i * MS_NS_PER_MS + (i == mod ? dt : 0);
        cr_assert_eq(ms_pcapw_write(&w, t, f, n), 0);
    }
    ms_pcapw_close(&w);
}

TestSuite(compare, .init = setup, .fini = teardown);

Test(compare, identical_files_are_equal)
{
    char a[128], b[128];
    write_pcap("a.pcap", 5, 0, 0, a);
    write_pcap("b.pcap", 5, 0, 0, b);
    struct ms_cmp_diff d;
    char err[256];
    cr_assert_eq(ms_cmp_files(a, b, &d, err, sizeof err), 0, "%s", err);
    cr_assert_eq(ms_cmp_files(a, a, &d, err, sizeof err), 0);
}

Test(compare, hop_limit_change_is_named)
{
    char a[128], b[128];
    write_pcap("a.pcap", 5, 0, 0, a);
    write_pcap("b.pcap", 5, 4, 0, b);
    struct ms_cmp_diff d;
    cr_assert_eq(ms_cmp_files(a, b, &d, NULL, 0), 1);
    cr_assert_eq(d.frame, 4);
    cr_assert_str_eq(d.layer, "IPv6");
    cr_assert_str_eq(d.field, "hop limit");
    cr_assert_str_eq(d.a, "64");
    cr_assert_str_eq(d.b, "63");
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    ms_cmp_diff_print(&d, "a.pcap", "b.pcap", f);
    fclose(f);
    cr_assert_str_eq(out, "frame 4: IPv6 hop limit differs\n  a.pcap: 64\n  b.pcap: 63\n");
    free(out);
}

Test(compare, single_byte_in_raw_frame)
{
    uint8_t a[256], b[256];
    size_t n = udp_frame(a, 3, 64);
    memcpy(b, a, n);
    b[14 + 7] = 65; /* hop limit */
    struct ms_cmp_diff d;
    cr_assert_eq(ms_cmp_frame(a, n, b, n, &d), 1);
    cr_assert_str_eq(d.field, "hop limit");
    memcpy(b, a, n);
    b[54 + 8 + 11] ^= 0xff; /* flow sequence, low octet (checksum left stale) */
    cr_assert_eq(ms_cmp_frame(a, n, b, n, &d), 1);
    cr_assert_str_eq(d.layer, "flow payload");
    cr_assert_str_eq(d.field, "sequence");
    cr_assert_str_eq(d.a, "3");
    cr_assert_str_eq(d.b, "252");
    memcpy(b, a, n);
    b[n - 1] = 7; /* padding of the flow payload; checksum left stale */
    cr_assert_eq(ms_cmp_frame(a, n, b, n, &d), 1);
    cr_assert_str_eq(d.layer, "flow payload");
    cr_assert_str_eq(d.field, "padding");
    cr_assert_str_eq(d.a, "0x00 at octet 19 of 20");
    cr_assert_str_eq(d.b, "0x07 at octet 19 of 20");
    cr_assert_eq(ms_cmp_frame(a, n, a, n, &d), 0);
}

Test(compare, flow_sequence_field)
{
    uint8_t a[256], b[256];
    size_t n = udp_frame(a, 3, 64);
    size_t m = udp_frame(b, 4, 64);
    cr_assert_eq(n, m);
    struct ms_cmp_diff d;
    cr_assert_eq(ms_cmp_frame(a, n, b, m, &d), 1);
    /* The checksum comes first on the wire. */
    cr_assert_str_eq(d.field, "checksum");
}

Test(compare, l2_event_field)
{
    uint8_t a[256], b[256];
    size_t n = l2_frame(a, "ap1");
    size_t m = l2_frame(b, "ap2");
    struct ms_cmp_diff d;
    cr_assert_eq(ms_cmp_frame(a, n, b, m, &d), 1);
    cr_assert_str_eq(d.layer, "L2 event");
    cr_assert_str_eq(d.field, "AP id");
    cr_assert_str_eq(d.a, "ap1");
    cr_assert_str_eq(d.b, "ap2");
}

Test(compare, frame_counts_differ)
{
    char a[128], b[128];
    write_pcap("a.pcap", 5, 0, 0, a);
    write_pcap("b.pcap", 7, 0, 0, b);
    struct ms_cmp_diff d;
    cr_assert_eq(ms_cmp_files(a, b, &d, NULL, 0), 1);
    cr_assert_str_eq(d.field, "frame count");
    cr_assert_eq(d.frame, 6);
    cr_assert_str_eq(d.a, "5 frames");
    cr_assert_str_eq(d.b, "7 frames");
}

Test(compare, timestamps_differ)
{
    char a[128], b[128];
    write_pcap("a.pcap", 5, 0, 0, a);
    write_pcap("b.pcap", 5, 0, 0, b);
    write_pcap("c.pcap", 5, 9, 0, b); /* no frame 9: same content */
    struct ms_cmp_diff d;
    cr_assert_eq(ms_cmp_files(a, b, &d, NULL, 0), 0);
    /* Same bytes, frame 3 one microsecond late. */
    snprintf(b, sizeof b, "%s/d.pcap", dir);
    struct ms_pcapw w;
    cr_assert_eq(ms_pcapw_open(&w, b, MS_PCAP_EPOCH_S * MS_NS_PER_S, NULL, 0), 0);
    for (unsigned i = 1; i <= 5; i++) {
        uint8_t f[256];
        size_t n = i == 2 ? l2_frame(f, "ap1") : udp_frame(f, i, 64);
        ms_pcapw_write(&w, (int64_t)i * MS_NS_PER_MS + (i == 3 ? 1000 : 0), f, n);
    }
    ms_pcapw_close(&w);
    cr_assert_eq(ms_cmp_files(a, b, &d, NULL, 0), 1);
    cr_assert_eq(d.frame, 3);
    cr_assert_str_eq(d.field, "timestamp");
    cr_assert_str_eq(d.a, "946684800.003000000");
    cr_assert_str_eq(d.b, "946684800.003001000");
}

Test(compare, missing_file_is_an_error)
{
    char a[128], err[256] = "";
    write_pcap("a.pcap", 1, 0, 0, a);
    struct ms_cmp_diff d;
    cr_assert_lt(ms_cmp_files(a, "/nonexistent/x.pcap", &d, err, sizeof err), 0);
    cr_assert_not_null(strstr(err, "/nonexistent/x.pcap"));
}
