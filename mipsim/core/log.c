#include "core/log.h"

#include "core/time.h"

static const char *const level_names[] = {"error", "warn", "info", "debug"};

void
ms_logger_init(struct ms_logger *lg, FILE *out, enum ms_log_level level,
               const struct ms_sched *sched)
{
    lg->out = out;
    lg->level = level;
    lg->sched = sched;
}

void
ms_vlog(const struct ms_logger *lg, enum ms_log_level level, const char *who, const char *fmt,
        va_list ap)
{
    if (!ms_log_enabled(lg, level))
        return;
    char tbuf[40];
    ms_time_format(lg->sched ? ms_sched_now(lg->sched) : 0, tbuf, sizeof tbuf);
    fprintf(lg->out, "%12s %-5s %s%s", tbuf, level_names[level], who ? who : "", who ? ": " : "");
    vfprintf(lg->out, fmt, ap);
    fputc('\n', lg->out);
}

void
ms_log(const struct ms_logger *lg, enum ms_log_level level, const char *who, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ms_vlog(lg, level, who, fmt, ap);
    va_end(ap);
}
