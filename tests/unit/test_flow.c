/* Flow accounting: loss, duplicates and reordering on crafted sequences,
 * and the flow header codec. */
#include <criterion/criterion.h>
#include <errno.h>
#include <string.h>

#include "app/flow.h"
#include "wire/err.h"

static void
send_n(struct ms_flow_acct *a, struct ms_flow_stats *st, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        ms_flow_acct_sent(a, st, 100);
}

Test(flow, in_order_no_loss)
{
    struct ms_flow_acct a;
    struct ms_flow_stats st = {0};
    ms_flow_acct_init(&a);
    send_n(&a, &st, 5);
    for (uint32_t s = 0; s < 5; s++)
        cr_assert_eq(ms_flow_acct_received(&a, &st, s, 100, 1000), MS_FLOW_RX_NEW);
    ms_flow_acct_settle(&a, &st, 0);
    cr_assert_eq(st.sent, 5);
    cr_assert_eq(st.received, 5);
    cr_assert_eq(st.lost, 0);
    cr_assert_eq(st.duplicated, 0);
    cr_assert_eq(st.reordered, 0);
    cr_assert_eq(st.bytes_sent, 500);
    cr_assert_eq(st.delay_sum_ns, 5000);
}

Test(flow, crafted_sequence)
{
    struct ms_flow_acct a;
    struct ms_flow_stats st = {0};
    ms_flow_acct_init(&a);
    send_n(&a, &st, 10);
    /* 0 1 2 4 3 3 5 7 9 2: 6 and 8 lost, 3 reordered, 3 and 2 duplicated. */
    static const uint32_t rx[] = {0, 1, 2, 4, 3, 3, 5, 7, 9, 2};
    static const enum ms_flow_rx_verdict want[] = {
        MS_FLOW_RX_NEW,       MS_FLOW_RX_NEW, MS_FLOW_RX_NEW, MS_FLOW_RX_NEW, MS_FLOW_RX_REORDERED,
        MS_FLOW_RX_DUPLICATE, MS_FLOW_RX_NEW, MS_FLOW_RX_NEW, MS_FLOW_RX_NEW, MS_FLOW_RX_DUPLICATE};
    for (unsigned i = 0; i < sizeof rx / sizeof rx[0]; i++)
        cr_assert_eq(ms_flow_acct_received(&a, &st, rx[i], 100, 10 * (int64_t)i), want[i],
                     "packet %u (seq %u)", i, rx[i]);
    ms_flow_acct_settle(&a, &st, 0);
    cr_assert_eq(st.received, 10);
    cr_assert_eq(st.duplicated, 2);
    cr_assert_eq(st.reordered, 1);
    cr_assert_eq(st.lost, 2);
    cr_assert_eq(st.delay_max_ns, 80);
}

Test(flow, in_flight_is_not_lost)
{
    struct ms_flow_acct a;
    struct ms_flow_stats st = {0};
    ms_flow_acct_init(&a);
    send_n(&a, &st, 10);
    for (uint32_t s = 0; s < 7; s++)
        ms_flow_acct_received(&a, &st, s, 100, 0);
    ms_flow_acct_settle(&a, &st, 2); /* 8, 9 in flight; 7 lost */
    cr_assert_eq(st.lost, 1);
    ms_flow_acct_settle(&a, &st, 0);
    cr_assert_eq(st.lost, 3);
    ms_flow_acct_received(&a, &st, 9, 100, 0);
    ms_flow_acct_settle(&a, &st, 2);
    cr_assert_eq(st.lost, 1, "7; 8 is still within the in-flight allowance");
}

Test(flow, bogus_and_late)
{
    struct ms_flow_acct a;
    struct ms_flow_stats st = {0};
    ms_flow_acct_init(&a);
    send_n(&a, &st, 3);
    cr_assert_eq(ms_flow_acct_received(&a, &st, 3, 100, 0), MS_FLOW_RX_BOGUS);
    cr_assert_eq(st.received, 0);
    send_n(&a, &st, MS_FLOW_WINDOW + 10);
    ms_flow_acct_received(&a, &st, MS_FLOW_WINDOW + 5, 100, 0);
    cr_assert_eq(ms_flow_acct_received(&a, &st, 1, 100, 0), MS_FLOW_RX_LATE);
    cr_assert_eq(st.reordered, 1);
    cr_assert_eq(st.duplicated, 0);
}

Test(flow, window_slot_reuse_is_not_a_duplicate)
{
    struct ms_flow_acct a;
    struct ms_flow_stats st = {0};
    ms_flow_acct_init(&a);
    send_n(&a, &st, 1);
    ms_flow_acct_received(&a, &st, 0, 100, 0);
    send_n(&a, &st, MS_FLOW_WINDOW); /* seq WINDOW reuses slot 0 */
    cr_assert_eq(ms_flow_acct_received(&a, &st, MS_FLOW_WINDOW, 100, 0), MS_FLOW_RX_NEW);
    cr_assert_eq(st.duplicated, 0);
}

Test(flow, header_codec)
{
    uint8_t buf[32];
    struct ms_flow_hdr in = {.flow_id = 7, .seq = 0x01020304, .sent_ns = -5}, out;
    cr_assert_eq(ms_flow_hdr_encode(&in, buf, sizeof buf), (int)MS_FLOW_HDR_LEN);
    static const uint8_t golden[20] = {'M', 'S', 'F',  '1',  0,    0,    0,    7,    1,    2,
                                       3,   4,   0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfb};
    cr_assert_arr_eq(buf, golden, 20);
    cr_assert_eq(ms_flow_hdr_decode(buf, 20, &out), 0);
    cr_assert_eq(out.flow_id, 7);
    cr_assert_eq(out.seq, 0x01020304);
    cr_assert_eq(out.sent_ns, -5);
    for (size_t n = 0; n < 20; n++)
        cr_assert_eq(ms_flow_hdr_decode(buf, n, &out), MS_ETRUNC);
    buf[0] ^= 1;
    cr_assert_eq(ms_flow_hdr_decode(buf, 20, &out), MS_EBAD_FIELD);
    cr_assert_eq(ms_flow_hdr_encode(&in, buf, 19), -EMSGSIZE);
}
