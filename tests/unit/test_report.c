/* The run report: milestones, counters, summary and JSON determinism. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/time.h"
#include "report/report.h"
#include "wire/codepoints.h"

/* Fills r with one handover, one flow, some signalling and expectations. */
static void
fill(struct ms_report *r, struct ms_flow_stats *fs)
{
    ms_report_init(r, 42);
    ms_report_ho_begin(r, "mn", "ap1", "ap2");
    int64_t t0 = 3 * MS_NS_PER_S;
    ms_report_ho_mark(r, "mn", MS_HO_L2_DOWN, t0);
    ms_report_ho_mark(r, "mn", MS_HO_L2_UP, t0 + 50 * MS_NS_PER_MS);
    ms_report_ho_mark(r, "mn", MS_HO_BU_SENT, t0 + 70 * MS_NS_PER_MS);
    ms_report_ho_mark(r, "mn", MS_HO_BA_RECEIVED, t0 + 90 * MS_NS_PER_MS + 1234);
    ms_report_ho_current(r, "mn")->ba_status = MS_BA_ACCEPTED;
    memset(fs, 0, sizeof *fs);
    strcpy(fs->name, "cbr \"1\"\n");
    strcpy(fs->kind, "udp");
    fs->sent = 100;
    fs->received = 95;
    fs->lost = 6;
    fs->duplicated = 1;
    fs->reordered = 2;
    fs->delay_sum_ns = 94 * 10 * MS_NS_PER_MS;
    fs->delay_max_ns = 12 * MS_NS_PER_MS;
    ms_report_flow_add(r, fs);
    ms_report_flow_add(r, fs); /* registered once */
    ms_report_signal_mh(r, MS_MH_BU, 56);
    ms_report_signal_mh(r, MS_MH_BU, 56);
    ms_report_signal_mh(r, MS_MH_BA, 40);
    ms_report_signal_icmp6(r, MS_ICMP6_RA, 104);
    ms_report_expect(r, "t.lua:10", "loss bounded", true);
    ms_report_expect(r, "t.lua:11", "tab\there \\ \x01", false);
    r->end_ns = 6 * MS_NS_PER_S;
}

static char *
render(const struct ms_report *r, bool json)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_not_null(f);
    if (json)
        cr_assert_eq(ms_report_write_json(r, f), 0);
    else
        ms_report_print_summary(r, f);
    fclose(f);
    return buf;
}

Test(report, marks_first_occurrence_and_latency)
{
    struct ms_report r;
    struct ms_flow_stats fs;
    fill(&r, &fs);
    cr_assert_eq(r.nho, 1);
    ms_report_ho_mark(&r, "mn", MS_HO_L2_DOWN, 99 * MS_NS_PER_S); /* kept: first counts */
    const struct ms_ho_record *h = ms_report_ho_current(&r, "mn");
    cr_assert_eq(h->t[MS_HO_L2_DOWN], 3 * MS_NS_PER_S);
    cr_assert_eq(h->t[MS_HO_MOVEMENT], MS_TIME_NEVER);
    cr_assert_eq(ms_ho_latency_ns(h), 90 * MS_NS_PER_MS + 1234);
    cr_assert_eq(ms_ho_disruption_ns(h), -1);
    cr_assert_eq(r.nflows, 1);
    cr_assert_eq(r.mh[MS_MH_BU].count, 2);
    cr_assert_eq(r.mh[MS_MH_BU].bytes, 112);
    cr_assert_eq(ms_report_failures(&r), 1);
    ms_report_fini(&r);
}

Test(report, handover_numbers_per_mn)
{
    struct ms_report r;
    ms_report_init(&r, 1);
    ms_report_ho_mark(&r, "mn", MS_HO_L2_DOWN, 5); /* no handover yet: no-op */
    cr_assert_eq(r.nho, 0);
    ms_report_ho_begin(&r, "a", "", "ap1");
    ms_report_ho_begin(&r, "b", "", "ap1");
    ms_report_ho_begin(&r, "a", "ap1", "ap2");
    cr_assert_eq(r.ho[0].number, 1);
    cr_assert_eq(r.ho[1].number, 1);
    cr_assert_eq(r.ho[2].number, 2);
    cr_assert_eq(ms_report_ho_current(&r, "a"), &r.ho[2]);
    cr_assert_eq(r.ho[2].ba_status, -1);
    ms_report_fini(&r);
}

Test(report, summary_is_deterministic)
{
    struct ms_report a, b;
    struct ms_flow_stats fa, fb;
    fill(&a, &fa);
    fill(&b, &fb);
    char *sa = render(&a, false), *sb = render(&b, false);
    cr_assert_str_eq(sa, sb);
    cr_assert_not_null(strstr(sa, "+90.001ms"), "BA offset in %s", sa);
    cr_assert_not_null(strstr(sa, "latency 90.001ms"));
    cr_assert_not_null(strstr(sa, "BU"));
    cr_assert_not_null(strstr(sa, "Binding Update"));
    cr_assert_not_null(strstr(sa, "FAIL t.lua:11"));
    cr_assert_not_null(strstr(sa, "1 of 2 expectations FAILED"));
    free(sa);
    free(sb);
    ms_report_fini(&a);
    ms_report_fini(&b);
}

Test(report, json_is_deterministic_and_escaped)
{
    struct ms_report a, b;
    struct ms_flow_stats fa, fb;
    fill(&a, &fa);
    fill(&b, &fb);
    char *ja = render(&a, true), *jb = render(&b, true);
    cr_assert_str_eq(ja, jb);
    cr_assert_not_null(strstr(ja, "\"name\": \"cbr \\\"1\\\"\\n\""), "%s", ja);
    cr_assert_not_null(strstr(ja, "\"tab\\there \\\\ \\u0001\""), "%s", ja);
    cr_assert_not_null(strstr(ja, "\"latency_ns\": 90001234"));
    cr_assert_not_null(strstr(ja, "\"movement_detected\": null"));
    cr_assert_not_null(strstr(ja, "\"ba_status_name\": \"ACCEPTED\""));
    cr_assert_not_null(strstr(ja, "\"failures\": 1"));
    free(ja);
    free(jb);
    ms_report_fini(&a);
    ms_report_fini(&b);
}

Test(report, empty_report_is_valid)
{
    struct ms_report r;
    ms_report_init(&r, 7);
    char *j = render(&r, true);
    cr_assert_not_null(strstr(j, "\"handovers\": [],"), "%s", j);
    cr_assert_not_null(strstr(j, "\"mh\": [],"), "%s", j);
    free(j);
    char *s = render(&r, false);
    cr_assert_not_null(strstr(s, "all 0 expectations held"));
    free(s);
    ms_report_fini(&r);
}
