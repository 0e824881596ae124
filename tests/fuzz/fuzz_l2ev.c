/* libFuzzer harness for the layer-2 event codec: payload and whole frame.
 * encode(decode(x)) must decode to the same event. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wire/codepoints.h"
#include "wire/err.h"
#include "wire/eth.h"
#include "wire/l2ev.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)                                                                                   \
    do {                                                                                           \
        if (!(c))                                                                                  \
            abort();                                                                               \
    } while (0)

static void
same(const struct ms_l2ev *a, const struct ms_l2ev *b)
{
    CHECK(a->type == b->type && a->present == b->present);
    if (a->present & MS_L2EV_HAS(MS_L2EV_TLV_MN_MAC))
        CHECK(ms_mac_equal(&a->mn, &b->mn));
    if (a->present & MS_L2EV_HAS(MS_L2EV_TLV_AP_ID))
        CHECK(strcmp(a->ap_id, b->ap_id) == 0);
    if (a->present & MS_L2EV_HAS(MS_L2EV_TLV_TARGET_AP_ID))
        CHECK(strcmp(a->target_ap_id, b->target_ap_id) == 0);
    if (a->present & MS_L2EV_HAS(MS_L2EV_TLV_LINK_TYPE))
        CHECK(a->link_profile == b->link_profile);
    if (a->present & MS_L2EV_HAS(MS_L2EV_TLV_TIME_NS))
        CHECK(a->time_ns == b->time_ns);
}

static void
roundtrip(const struct ms_l2ev *ev)
{
    uint8_t buf[512];
    struct ms_l2ev d;
    char s[256];
    int n = ms_l2ev_encode(ev, buf, sizeof buf);
    CHECK(n >= MS_ETH_MIN_PAYLOAD && (size_t)n == ms_l2ev_len(ev));
    CHECK(ms_l2ev_decode(buf, (size_t)n, &d) == 0);
    same(ev, &d);
    ms_l2ev_format(&d, s, sizeof s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ms_l2ev ev;
    struct ms_eth eth;
    if (ms_l2ev_decode(data, size, &ev) == 0)
        roundtrip(&ev);
    if (ms_l2ev_frame_decode(data, size, &eth, &ev) == 0) {
        uint8_t buf[512];
        struct ms_l2ev d;
        struct ms_eth e2;
        int n = ms_l2ev_frame_encode(&eth.dst, &eth.src, &ev, buf, sizeof buf);
        CHECK(n > MS_ETH_HLEN);
        CHECK(ms_l2ev_frame_decode(buf, (size_t)n, &e2, &d) == 0);
        CHECK(ms_mac_equal(&eth.dst, &e2.dst) && ms_mac_equal(&eth.src, &e2.src));
        same(&ev, &d);
    }
    return 0;
}
