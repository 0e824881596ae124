/* The run's record as JSON (--json FILE), for CI.  Hand-written: our
 * dependencies have no JSON library.  Keys come in a fixed order, numbers are
 * integers (nanoseconds, counts), so the same run writes the same bytes.
 * Layout: docs/FORMATS.md "Run report (JSON)". */
#include "report/report.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "core/time.h"
#include "wire/codepoints_names.h"

/* RFC 8259 s7: quote, backslash and control characters are escaped; other
 * bytes (UTF-8 included) pass through. */
static void
jstr(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '"':
            fputs("\\\"", out);
            break;
        case '\\':
            fputs("\\\\", out);
            break;
        case '\n':
            fputs("\\n", out);
            break;
        case '\r':
            fputs("\\r", out);
            break;
        case '\t':
            fputs("\\t", out);
            break;
        case '\b':
            fputs("\\b", out);
            break;
        case '\f':
            fputs("\\f", out);
            break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                fprintf(out, "\\u%04x", *p);
            else
                fputc(*p, out);
        }
    }
    fputc('"', out);
}

/* A time or duration in ns, or null when unknown. */
static void
jtime(FILE *out, int64_t t, bool known)
{
    if (known)
        fprintf(out, "%" PRId64, t);
    else
        fputs("null", out);
}

static void
write_handover(const struct ms_ho_record *h, FILE *out)
{
    fputs("    {\"mn\": ", out);
    jstr(out, h->mn);
    fprintf(out, ", \"number\": %" PRIu32 ", \"from\": ", h->number);
    jstr(out, h->from);
    fputs(", \"to\": ", out);
    jstr(out, h->to);
    fputs(",\n     \"at_ns\": {", out);
    for (int m = 0; m < MS_HO__COUNT; m++) {
        fprintf(out, "%s\"%s\": ", m ? ", " : "", ms_ho_mark_key(m));
        jtime(out, h->t[m], h->t[m] != MS_TIME_NEVER);
    }
    fputs("},\n     \"offset_ns\": {", out);
    bool down = h->t[MS_HO_L2_DOWN] != MS_TIME_NEVER;
    for (int m = 0; m < MS_HO__COUNT; m++) {
        fprintf(out, "%s\"%s\": ", m ? ", " : "", ms_ho_mark_key(m));
        bool k = down && h->t[m] != MS_TIME_NEVER;
        jtime(out, k ? h->t[m] - h->t[MS_HO_L2_DOWN] : 0, k);
    }
    int64_t lat = ms_ho_latency_ns(h), dis = ms_ho_disruption_ns(h);
    fputs("},\n     \"latency_ns\": ", out);
    jtime(out, lat, lat >= 0);
    fputs(", \"disruption_ns\": ", out);
    jtime(out, dis, dis >= 0);
    fputs(", \"ba_status\": ", out);
    if (h->ba_status >= 0) {
        const char *sym = ms_ba_status_sym((unsigned)h->ba_status);
        fprintf(out, "%d, \"ba_status_name\": ", h->ba_status);
        if (sym)
            jstr(out, sym);
        else
            fputs("null", out);
    } else {
        fputs("null, \"ba_status_name\": null", out);
    }
    fputs("}", out);
}

static void
write_flow(const struct ms_flow_stats *f, FILE *out)
{
    fputs("    {\"name\": ", out);
    jstr(out, f->name);
    fputs(", \"kind\": ", out);
    jstr(out, f->kind);
    fprintf(out,
            ", \"sent\": %" PRIu64 ", \"received\": %" PRIu64 ", \"lost\": %" PRIu64
            ", \"duplicated\": %" PRIu64 ", \"reordered\": %" PRIu64
            ",\n     \"bytes_sent\": %" PRIu64 ", \"bytes_received\": %" PRIu64
            ", \"delay_sum_ns\": %" PRId64 ", \"delay_max_ns\": %" PRId64 "}",
            f->sent, f->received, f->lost, f->duplicated, f->reordered, f->bytes_sent,
            f->bytes_received, f->delay_sum_ns, f->delay_max_ns);
}

static void
write_signals(const struct ms_signal_count *c, const char *(*sym)(unsigned),
              const char *(*name)(unsigned), FILE *out)
{
    bool first = true;
    fputs("[", out);
    for (unsigned t = 0; t < 256; t++) {
        if (c[t].count == 0)
            continue;
        fprintf(out, "%s\n      {\"type\": %u, \"sym\": ", first ? "" : ",", t);
        first = false;
        const char *s = sym(t), *n = name(t);
        if (s)
            jstr(out, s);
        else
            fputs("null", out);
        fputs(", \"name\": ", out);
        if (n)
            jstr(out, n);
        else
            fputs("null", out);
        fprintf(out, ", \"count\": %" PRIu64 ", \"bytes\": %" PRIu64 "}", c[t].count, c[t].bytes);
    }
    fputs(first ? "]" : "\n    ]", out);
}

int
ms_report_write_json(const struct ms_report *r, FILE *out)
{
    fprintf(out, "{\n  \"format\": \"mipsim-report\", \"version\": 1,\n");
    fprintf(out, "  \"seed\": %" PRIu64 ", \"end_ns\": %" PRId64 ",\n", r->seed, r->end_ns);

    fputs("  \"handovers\": [", out);
    for (uint32_t i = 0; i < r->nho; i++) {
        fputs(i ? ",\n" : "\n", out);
        write_handover(&r->ho[i], out);
    }
    fputs(r->nho ? "\n  ],\n" : "],\n", out);

    fputs("  \"flows\": [", out);
    for (uint32_t i = 0; i < r->nflows; i++) {
        fputs(i ? ",\n" : "\n", out);
        write_flow(r->flows[i], out);
    }
    fputs(r->nflows ? "\n  ],\n" : "],\n", out);

    fputs("  \"signalling\": {\n    \"mh\": ", out);
    write_signals(r->mh, ms_mh_type_sym, ms_mh_type_name, out);
    fputs(",\n    \"icmp6\": ", out);
    write_signals(r->icmp6, ms_icmp6_type_sym, ms_icmp6_type_name, out);
    fputs("\n  },\n", out);

    fputs("  \"expectations\": [", out);
    for (uint32_t i = 0; i < r->nexpects; i++) {
        const struct ms_expect_result *e = &r->expects[i];
        fputs(i ? ",\n    {\"where\": " : "\n    {\"where\": ", out);
        jstr(out, e->where);
        fputs(", \"text\": ", out);
        jstr(out, e->text);
        fprintf(out, ", \"ok\": %s}", e->ok ? "true" : "false");
    }
    fputs(r->nexpects ? "\n  ],\n" : "],\n", out);
    fprintf(out, "  \"failures\": %" PRIu32 "\n}\n", ms_report_failures(r));
    return ferror(out) ? -EIO : 0;
}
