/* mipsim command line: run a scenario, compare captures, print the version.
 * The only place that exits.  Exit status: 0 success (expectations held,
 * captures equal), 1 an expectation failed or captures differ, 2 usage,
 * script or topology error. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/compare.h"
#include "script/script.h"

static const char usage_main[] =
    "usage: mipsim <command> [options]\n"
    "\n"
    "Userspace Mobile IPv6 testbed: Lua scenarios on virtual nodes and links.\n"
    "\n"
    "commands:\n"
    "  run SCRIPT.lua [options]   run a scenario (mipsim run --help)\n"
    "  compare A.pcap B.pcap      compare two captures frame by frame (mipsim compare --help)\n"
    "  help [command]             this text, or a command's\n"
    "\n"
    "options:\n"
    "  --version                  print the version\n"
    "  -h, --help                 this text\n"
    "\n"
    "exit status: 0 success, 1 an expectation failed or captures differ,\n"
    "2 usage, script or topology error\n";

static const char usage_run[] =
    "usage: mipsim run SCRIPT.lua [--seed N] [--pcap-dir DIR] [--json FILE] [--quiet] [-v]\n"
    "\n"
    "Runs a Lua scenario (docs/LUA-API.md) on the virtual clock and prints a\n"
    "summary: handover timelines, flows, signalling, expectations.\n"
    "\n"
    "  --seed N        random seed (default 1); same script + seed = same output\n"
    "  --pcap-dir DIR  write one capture per link, DIR/<link name>.pcap\n"
    "  --json FILE     write the summary as JSON (docs/FORMATS.md)\n"
    "  --quiet         no summary on stdout (failed expectations still go to stderr)\n"
    "  -v, --verbose   protocol log on stderr (-v info, -vv debug)\n"
    "  -h, --help      this text\n"
    "\n"
    "exit status: 0 every expectation held, 1 one failed, 2 script or topology error\n";

static const char usage_compare[] =
    "usage: mipsim compare A.pcap B.pcap\n"
    "\n"
    "Compares two captures frame by frame (link type, frame count, timestamps,\n"
    "bytes).  On a difference prints the first differing frame, the protocol\n"
    "layer and field (decoded with mipsim's own codecs) and both values.\n"
    "\n"
    "exit status: 0 equal, 1 different, 2 usage error or unreadable file\n";

static int
parse_seed(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    if (s == NULL || *s == '\0' || *s == '-')
        return -1;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno != 0 || *end != '\0')
        return -1;
    *out = (uint64_t)v;
    return 0;
}

static int
cmd_run(int argc, char **argv)
{
    struct ms_script_opts o;
    ms_script_opts_default(&o);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage_run, stdout);
            return 0;
        } else if (strcmp(a, "--seed") == 0) {
            if (parse_seed(next, &o.seed) < 0) {
                fprintf(stderr, "mipsim run: --seed needs a non-negative integer\n");
                return 2;
            }
            i++;
        } else if (strncmp(a, "--seed=", 7) == 0) {
            if (parse_seed(a + 7, &o.seed) < 0) {
                fprintf(stderr, "mipsim run: --seed needs a non-negative integer\n");
                return 2;
            }
        } else if (strcmp(a, "--pcap-dir") == 0 || strcmp(a, "--json") == 0) {
            if (next == NULL) {
                fprintf(stderr, "mipsim run: %s needs an argument\n", a);
                return 2;
            }
            if (strcmp(a, "--json") == 0)
                o.json_path = next;
            else
                o.pcap_dir = next;
            i++;
        } else if (strncmp(a, "--pcap-dir=", 11) == 0) {
            o.pcap_dir = a + 11;
        } else if (strncmp(a, "--json=", 7) == 0) {
            o.json_path = a + 7;
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            o.quiet = true;
        } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
            o.verbose++;
        } else if (strcmp(a, "-vv") == 0) {
            o.verbose += 2;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "mipsim run: unknown option '%s'\n%s", a, usage_run);
            return 2;
        } else if (o.path == NULL) {
            o.path = a;
        } else {
            fprintf(stderr, "mipsim run: more than one script ('%s', '%s')\n", o.path, a);
            return 2;
        }
    }
    if (o.path == NULL) {
        fprintf(stderr, "mipsim run: no script given\n%s", usage_run);
        return 2;
    }
    return ms_script_run(&o);
}

static int
cmd_compare(int argc, char **argv)
{
    const char *a = NULL, *b = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(usage_compare, stdout);
            return 0;
        }
        if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "mipsim compare: unknown option '%s'\n%s", argv[i], usage_compare);
            return 2;
        }
        if (a == NULL)
            a = argv[i];
        else if (b == NULL)
            b = argv[i];
        else {
            fprintf(stderr, "mipsim compare: too many arguments\n%s", usage_compare);
            return 2;
        }
    }
    if (b == NULL) {
        fprintf(stderr, "mipsim compare: two capture files needed\n%s", usage_compare);
        return 2;
    }
    struct ms_cmp_diff d;
    char err[512] = "";
    int rc = ms_cmp_files(a, b, &d, err, sizeof err);
    if (rc < 0) {
        fprintf(stderr, "mipsim compare: %s\n", err[0] ? err : "cannot read the captures");
        return 2;
    }
    if (rc == 0) {
        printf("%s and %s are equal\n", a, b);
        return 0;
    }
    ms_cmp_diff_print(&d, a, b, stdout);
    return 1;
}

int
main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_main, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        printf("mipsim %s\n", MIPSIM_VERSION);
        return 0;
    }
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
        fputs(usage_main, stdout);
        return 0;
    }
    if (strcmp(cmd, "help") == 0) {
        const char *what = argc > 2 ? argv[2] : "";
        fputs(strcmp(what, "run") == 0       ? usage_run
              : strcmp(what, "compare") == 0 ? usage_compare
                                             : usage_main,
              stdout);
        return 0;
    }
    if (strcmp(cmd, "run") == 0)
        return cmd_run(argc - 2, argv + 2);
    if (strcmp(cmd, "compare") == 0)
        return cmd_compare(argc - 2, argv + 2);
    fprintf(stderr, "mipsim: unknown command '%s'\n%s", cmd, usage_main);
    return 2;
}
