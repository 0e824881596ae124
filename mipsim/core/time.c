#include "core/time.h"

#include <stdio.h>
#include <string.h>

#include "wire/err.h"

static int
unit_scale(const char *u, int64_t *scale)
{
    static const struct {
        const char *name;
        int64_t ns;
    } units[] = {
        {"ns", 1},
        {"us", MS_NS_PER_US},
        {"ms", MS_NS_PER_MS},
        {"s", MS_NS_PER_S},
        {"m", 60 * MS_NS_PER_S},
        {"min", 60 * MS_NS_PER_S},
        {"h", 3600 * MS_NS_PER_S},
    };
    if (*u == '\0') {
        *scale = 1;
        return 0;
    }
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (strcmp(u, units[i].name) == 0) {
            *scale = units[i].ns;
            return 0;
        }
    }
    return MS_EBAD_FIELD;
}

int
ms_time_parse(const char *s, int64_t *out_ns)
{
    int64_t whole = 0, frac = 0, frac_div = 1, scale;
    int neg = 0, digits = 0;

    if (s == NULL)
        return MS_EBAD_FIELD;
    while (*s == ' ')
        s++;
    if (*s == '-') {
        neg = 1;
        s++;
    }
    for (; *s >= '0' && *s <= '9'; s++, digits++) {
        if (whole > (INT64_MAX - 9) / 10)
            return MS_EBAD_FIELD;
        whole = whole * 10 + (*s - '0');
    }
    if (*s == '.') {
        s++;
        for (; *s >= '0' && *s <= '9'; s++, digits++) {
            if (frac_div < MS_NS_PER_S) {
                frac = frac * 10 + (*s - '0');
                frac_div *= 10;
            }
        }
    }
    if (digits == 0)
        return MS_EBAD_FIELD;
    while (*s == ' ')
        s++;
    if (unit_scale(s, &scale) < 0)
        return MS_EBAD_FIELD;
    if (whole > INT64_MAX / scale)
        return MS_EBAD_FIELD;
    int64_t v = whole * scale + (frac * scale) / frac_div;
    *out_ns = neg ? -v : v;
    return 0;
}

char *
ms_time_format(int64_t t_ns, char *buf, size_t cap)
{
    const char *sign = t_ns < 0 ? "-" : "";
    uint64_t a = t_ns < 0 ? (uint64_t)(-(t_ns + 1)) + 1 : (uint64_t)t_ns;
    uint64_t sec = a / MS_NS_PER_S, ns = a % MS_NS_PER_S;
    if (ns % MS_NS_PER_MS == 0)
        snprintf(buf, cap, "%s%llu.%03llus", sign, (unsigned long long)sec,
                 (unsigned long long)(ns / MS_NS_PER_MS));
    else if (ns % MS_NS_PER_US == 0)
        snprintf(buf, cap, "%s%llu.%06llus", sign, (unsigned long long)sec,
                 (unsigned long long)(ns / MS_NS_PER_US));
    else
        snprintf(buf, cap, "%s%llu.%09llus", sign, (unsigned long long)sec, (unsigned long long)ns);
    return buf;
}
