/* The human summary of a run (stdout unless --quiet).  Integer arithmetic
 * only, insertion order only: the same run prints the same bytes. */
#include "report/report.h"

#include <inttypes.h>
#include <string.h>

#include "core/time.h"
#include "wire/codepoints_names.h"

/* "+12.345ms" / "-0.250ms" / "1234.500ms": nanoseconds as milliseconds with
 * microsecond precision (truncated towards zero). */
static const char *
fmt_ms(int64_t ns, bool sign, char *buf, size_t cap)
{
    const char *s = ns < 0 ? "-" : (sign ? "+" : "");
    uint64_t a = ns < 0 ? (uint64_t)(-(ns + 1)) + 1 : (uint64_t)ns;
    uint64_t us = a / 1000u;
    snprintf(buf, cap, "%s%" PRIu64 ".%03" PRIu64 "ms", s, us / 1000u, us % 1000u);
    return buf;
}

/* The reference of a timeline: L2 down, or the earliest mark when the run
 * never saw the link go down (a first attachment, a forced registration). */
static int64_t
ho_reference(const struct ms_ho_record *h, int *ref_mark)
{
    *ref_mark = MS_HO_L2_DOWN;
    if (h->t[MS_HO_L2_DOWN] != MS_TIME_NEVER)
        return h->t[MS_HO_L2_DOWN];
    int64_t best = MS_TIME_NEVER;
    for (int m = 0; m < MS_HO__COUNT; m++) {
        if (h->t[m] < best) {
            best = h->t[m];
            *ref_mark = m;
        }
    }
    return best;
}

static void
print_handover(const struct ms_ho_record *h, FILE *out)
{
    char b1[40], b2[40];
    fprintf(out, "  %s #%" PRIu32 ": %s -> %s\n", h->mn, h->number, h->from[0] ? h->from : "(none)",
            h->to[0] ? h->to : "(none)");
    int ref_mark;
    int64_t ref = ho_reference(h, &ref_mark);
    if (ref == MS_TIME_NEVER) {
        fprintf(out, "    no milestone recorded\n");
        return;
    }
    if (ref_mark != MS_HO_L2_DOWN)
        fprintf(out, "    (no L2 down: offsets from %s)\n", ms_ho_mark_text(ref_mark));
    for (int m = 0; m < MS_HO__COUNT; m++) {
        if (h->t[m] == MS_TIME_NEVER)
            fprintf(out, "    %-36s %12s\n", ms_ho_mark_text(m), "-");
        else
            fprintf(out, "    %-36s %12s  at %s\n", ms_ho_mark_text(m),
                    fmt_ms(h->t[m] - ref, true, b1, sizeof b1),
                    ms_time_format(h->t[m], b2, sizeof b2));
    }
    int64_t lat = ms_ho_latency_ns(h), dis = ms_ho_disruption_ns(h);
    fprintf(out, "    latency %s, disruption %s",
            lat < 0 ? "n/a" : fmt_ms(lat, false, b1, sizeof b1),
            dis < 0 ? "n/a" : fmt_ms(dis, false, b2, sizeof b2));
    if (h->ba_status >= 0) {
        const char *sym = ms_ba_status_sym((unsigned)h->ba_status);
        fprintf(out, ", BA status %d (%s)", h->ba_status, sym ? sym : "unknown");
    }
    fputc('\n', out);
}

static void
print_flows(const struct ms_report *r, FILE *out)
{
    char b1[40], b2[40];
    fprintf(out, "\nFlows (%" PRIu32 ")\n", r->nflows);
    if (r->nflows == 0)
        return;
    fprintf(out, "  %-16s %-4s %8s %8s %6s %5s %5s %12s %12s\n", "name", "kind", "sent", "received",
            "lost", "dup", "reord", "delay avg", "delay max");
    for (uint32_t i = 0; i < r->nflows; i++) {
        const struct ms_flow_stats *f = r->flows[i];
        uint64_t uniq = f->received > f->duplicated ? f->received - f->duplicated : 0;
        int64_t avg = uniq ? f->delay_sum_ns / (int64_t)uniq : 0;
        fprintf(out,
                "  %-16s %-4s %8" PRIu64 " %8" PRIu64 " %6" PRIu64 " %5" PRIu64 " %5" PRIu64
                " %12s %12s\n",
                f->name, f->kind, f->sent, f->received, f->lost, f->duplicated, f->reordered,
                uniq ? fmt_ms(avg, false, b1, sizeof b1) : "-",
                uniq ? fmt_ms(f->delay_max_ns, false, b2, sizeof b2) : "-");
    }
}

static void
print_signals(const char *proto, const struct ms_signal_count *c, const char *(*sym)(unsigned),
              const char *(*name)(unsigned), FILE *out)
{
    for (unsigned t = 0; t < 256; t++) {
        if (c[t].count == 0)
            continue;
        const char *s = sym(t), *n = name(t);
        char num[16];
        snprintf(num, sizeof num, "%u", t);
        fprintf(out, "  %-6s %-14s %-40s %8" PRIu64 " %10" PRIu64 "\n", proto, s ? s : num,
                n ? n : "(unknown type)", c[t].count, c[t].bytes);
    }
}

void
ms_report_print_summary(const struct ms_report *r, FILE *out)
{
    char b1[40];
    fprintf(out, "mipsim summary: seed %" PRIu64 ", ended at %s\n", r->seed,
            ms_time_format(r->end_ns, b1, sizeof b1));

    fprintf(out, "\nHandovers (%" PRIu32 ")\n", r->nho);
    for (uint32_t i = 0; i < r->nho; i++)
        print_handover(&r->ho[i], out);

    print_flows(r, out);

    fprintf(out, "\nSignalling (messages, bytes)\n");
    print_signals("MH", r->mh, ms_mh_type_sym, ms_mh_type_name, out);
    print_signals("ICMPv6", r->icmp6, ms_icmp6_type_sym, ms_icmp6_type_name, out);

    uint32_t fails = ms_report_failures(r);
    fprintf(out, "\nExpectations (%" PRIu32 ")\n", r->nexpects);
    for (uint32_t i = 0; i < r->nexpects; i++) {
        const struct ms_expect_result *e = &r->expects[i];
        fprintf(out, "  %s %s: %s\n", e->ok ? "ok  " : "FAIL", e->where, e->text);
    }
    if (fails)
        fprintf(out, "\nRESULT: %" PRIu32 " of %" PRIu32 " expectations FAILED\n", fails,
                r->nexpects);
    else
        fprintf(out, "\nRESULT: all %" PRIu32 " expectations held\n", r->nexpects);
}
