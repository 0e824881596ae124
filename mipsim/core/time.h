/* Time is a signed 64-bit count of nanoseconds, virtual or real. */
#ifndef MIPSIM_CORE_TIME_H
#define MIPSIM_CORE_TIME_H

#include <stddef.h>
#include <stdint.h>

#define MS_NS_PER_US INT64_C(1000)
#define MS_NS_PER_MS INT64_C(1000000)
#define MS_NS_PER_S INT64_C(1000000000)
#define MS_TIME_NEVER INT64_MAX

/* Parses "10ms", "1.5s", "250us", "3ns", "2m" or a bare integer (nanoseconds)
 * into *out_ns.  Returns 0 or MS_EBAD_FIELD.  No floating point: "1.5s" is
 * read as decimal digits, so the result is exact. */
int ms_time_parse(const char *s, int64_t *out_ns);

/* Formats t as seconds with millisecond precision, "12.345s" (or finer when
 * the value has sub-millisecond digits).  Returns buf. */
char *ms_time_format(int64_t t_ns, char *buf, size_t cap);

#endif
