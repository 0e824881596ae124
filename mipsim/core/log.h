/* Logging.  Every line carries the virtual (or real) time and the node, so a
 * log is as deterministic as the run.  A logger belongs to one simulation. */
#ifndef MIPSIM_CORE_LOG_H
#define MIPSIM_CORE_LOG_H

#include <stdarg.h>
#include <stdio.h>

#include "core/sched.h"

enum ms_log_level { MS_LOG_ERROR, MS_LOG_WARN, MS_LOG_INFO, MS_LOG_DEBUG };

struct ms_logger {
    FILE *out; /* NULL = discard */
    enum ms_log_level level;
    const struct ms_sched *sched;
};

void ms_logger_init(struct ms_logger *lg, FILE *out, enum ms_log_level level,
                    const struct ms_sched *sched);

#if defined(__GNUC__)
#define MS_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define MS_PRINTF(a, b)
#endif

/* "   1.234s ha: message".  who may be NULL. */
void ms_log(const struct ms_logger *lg, enum ms_log_level level, const char *who, const char *fmt,
            ...) MS_PRINTF(4, 5);
void ms_vlog(const struct ms_logger *lg, enum ms_log_level level, const char *who, const char *fmt,
             va_list ap) MS_PRINTF(4, 0);

static inline int
ms_log_enabled(const struct ms_logger *lg, enum ms_log_level level)
{
    return lg != NULL && lg->out != NULL && level <= lg->level;
}

#endif
