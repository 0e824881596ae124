/* The run's record: handover timelines, flows, signalling counters and
 * expectations, kept in insertion order so that every output is a pure
 * function of (script, seed).  Printing lives in summary.c and json.c. */
#include "report/report.h"

#include "core/array.h"

#include <stdlib.h>
#include <string.h>

#include "core/time.h"

static const char *const mark_keys[] = {
#define X(name, key, text) key,
    MS_HO_MARK_MAP(X)
#undef X
};

static const char *const mark_texts[] = {
#define X(name, key, text) text,
    MS_HO_MARK_MAP(X)
#undef X
};

const char *
ms_ho_mark_key(enum ms_ho_mark m)
{
    return (unsigned)m < MS_HO__COUNT ? mark_keys[m] : "?";
}

const char *
ms_ho_mark_text(enum ms_ho_mark m)
{
    return (unsigned)m < MS_HO__COUNT ? mark_texts[m] : "?";
}

void
ms_report_init(struct ms_report *r, uint64_t seed)
{
    memset(r, 0, sizeof *r);
    r->seed = seed;
}

void
ms_report_fini(struct ms_report *r)
{
    free(r->ho);
    free(r->flows);
    free(r->expects);
    memset(r, 0, sizeof *r);
}

/* Bounded copy that always terminates and never reads past src's NUL. */
static void
copy_str(char *dst, size_t cap, const char *src)
{
    size_t n = src ? strlen(src) : 0;
    if (n >= cap)
        n = cap - 1;
    if (n)
        memcpy(dst, src, n);
    dst[n] = '\0';
}

int
ms_report_ho_begin(struct ms_report *r, const char *mn, const char *from, const char *to)
{
    if (r == NULL || mn == NULL)
        return -1;
    if (ms_array_reserve((void **)&r->ho, r->nho, &r->ho_cap, sizeof *r->ho, 8) < 0)
        return -1;
    uint32_t number = 1;
    for (uint32_t i = 0; i < r->nho; i++)
        if (strcmp(r->ho[i].mn, mn) == 0)
            number++;
    struct ms_ho_record *h = &r->ho[r->nho];
    memset(h, 0, sizeof *h);
    copy_str(h->mn, sizeof h->mn, mn);
    copy_str(h->from, sizeof h->from, from);
    copy_str(h->to, sizeof h->to, to);
    h->number = number;
    for (int m = 0; m < MS_HO__COUNT; m++)
        h->t[m] = MS_TIME_NEVER;
    h->ba_status = -1;
    return (int)r->nho++;
}

struct ms_ho_record *
ms_report_ho_current(struct ms_report *r, const char *mn)
{
    if (r == NULL || mn == NULL)
        return NULL;
    for (uint32_t i = r->nho; i > 0; i--)
        if (strcmp(r->ho[i - 1].mn, mn) == 0)
            return &r->ho[i - 1];
    return NULL;
}

void
ms_report_ho_mark(struct ms_report *r, const char *mn, enum ms_ho_mark m, int64_t t_ns)
{
    if ((unsigned)m >= MS_HO__COUNT)
        return;
    struct ms_ho_record *h = ms_report_ho_current(r, mn);
    if (h != NULL && h->t[m] == MS_TIME_NEVER)
        h->t[m] = t_ns;
}

void
ms_report_flow_add(struct ms_report *r, struct ms_flow_stats *fs)
{
    if (r == NULL || fs == NULL)
        return;
    for (uint32_t i = 0; i < r->nflows; i++)
        if (r->flows[i] == fs)
            return;
    if (ms_array_reserve((void **)&r->flows, r->nflows, &r->flows_cap, sizeof *r->flows, 8) < 0)
        return;
    r->flows[r->nflows++] = fs;
}

void
ms_report_signal_mh(struct ms_report *r, uint8_t mh_type, uint32_t bytes)
{
    if (r == NULL)
        return;
    r->mh[mh_type].count++;
    r->mh[mh_type].bytes += bytes;
}

void
ms_report_signal_icmp6(struct ms_report *r, uint8_t icmp6_type, uint32_t bytes)
{
    if (r == NULL)
        return;
    r->icmp6[icmp6_type].count++;
    r->icmp6[icmp6_type].bytes += bytes;
}

void
ms_report_expect(struct ms_report *r, const char *where, const char *text, bool ok)
{
    if (r == NULL)
        return;
    if (ms_array_reserve((void **)&r->expects, r->nexpects, &r->expects_cap, sizeof *r->expects,
                         8) < 0)
        return;
    struct ms_expect_result *e = &r->expects[r->nexpects++];
    memset(e, 0, sizeof *e);
    copy_str(e->where, sizeof e->where, where);
    copy_str(e->text, sizeof e->text, text);
    e->ok = ok;
}

uint32_t
ms_report_failures(const struct ms_report *r)
{
    uint32_t n = 0;
    if (r == NULL)
        return 0;
    for (uint32_t i = 0; i < r->nexpects; i++)
        if (!r->expects[i].ok)
            n++;
    return n;
}

int64_t
ms_ho_latency_ns(const struct ms_ho_record *h)
{
    if (h->t[MS_HO_L2_DOWN] == MS_TIME_NEVER || h->t[MS_HO_BA_RECEIVED] == MS_TIME_NEVER)
        return -1;
    return h->t[MS_HO_BA_RECEIVED] - h->t[MS_HO_L2_DOWN];
}

int64_t
ms_ho_disruption_ns(const struct ms_ho_record *h)
{
    if (h->t[MS_HO_L2_DOWN] == MS_TIME_NEVER || h->t[MS_HO_FIRST_DATA] == MS_TIME_NEVER)
        return -1;
    return h->t[MS_HO_FIRST_DATA] - h->t[MS_HO_L2_DOWN];
}
