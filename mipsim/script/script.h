/* Running a Lua scenario: the C entry point behind `mipsim run`.
 *
 * One call is one simulation with its own lua_State, event loop, report and
 * topology; nothing is global, so tests may run several in one process.
 * The Lua API is documented in docs/LUA-API.md.
 */
#ifndef MIPSIM_SCRIPT_SCRIPT_H
#define MIPSIM_SCRIPT_SCRIPT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* Exit statuses (also those of the mipsim binary). */
enum ms_script_status {
    MS_SCRIPT_OK = 0,     /* every expectation held */
    MS_SCRIPT_FAILED = 1, /* an expectation failed */
    MS_SCRIPT_ERROR = 2,  /* usage, script or topology error */
};

struct ms_script_opts {
    const char *path;      /* the scenario script */
    uint64_t seed;         /* default 1 */
    const char *pcap_dir;  /* NULL = no captures */
    const char *json_path; /* NULL = no JSON report */
    bool quiet;            /* no summary */
    int verbose;           /* 0 warnings, 1 info, 2+ debug (logs on err) */
    FILE *out;             /* summary; NULL = stdout */
    FILE *err;             /* errors and logs; NULL = stderr */
};

void ms_script_opts_default(struct ms_script_opts *o);

/* Runs the script and returns an enum ms_script_status.  Errors are printed
 * on o->err as "file:line: message" (with a traceback for errors raised in
 * callbacks). */
int ms_script_run(const struct ms_script_opts *o);

#endif
