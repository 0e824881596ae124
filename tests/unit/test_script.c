/* The Lua bindings through their C entry point: script and topology errors
 * (exit status 2, message with file:line), expectations (status 1), and the
 * determinism of a run. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "script/script.h"

static char dir[64];

static void
setup(void)
{
    strcpy(dir, "/tmp/test_script.XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
}

static void
teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert_eq(system(cmd), 0);
}

TestSuite(script, .init = setup, .fini = teardown);

struct result {
    int status;
    char *out, *err;
    char path[128];
};

/* Writes src to <dir>/<name>.lua and runs it. */
static struct result
run_src(const char *name, const char *src, const char *json)
{
    struct result r;
    snprintf(r.path, sizeof r.path, "%s/%s.lua", dir, name);
    FILE *f = fopen(r.path, "w");
    cr_assert_not_null(f);
    fputs(src, f);
    fclose(f);
    size_t olen = 0, elen = 0;
    r.out = NULL;
    r.err = NULL;
    FILE *out = open_memstream(&r.out, &olen), *err = open_memstream(&r.err, &elen);
    struct ms_script_opts o;
    ms_script_opts_default(&o);
    o.path = r.path;
    o.out = out;
    o.err = err;
    o.json_path = json;
    r.status = ms_script_run(&o);
    fclose(out);
    fclose(err);
    return r;
}

static void
result_free(struct result *r)
{
    free(r->out);
    free(r->err);
}

/* Asserts status 2 and "<path>:<line>: <msg>" in stderr. */
static void
expect_error(const char *src, int line, const char *msg)
{
    struct result r = run_src("t", src, NULL);
    char want[512];
    snprintf(want, sizeof want, "%s:%d: %s", r.path, line, msg);
    cr_assert_eq(r.status, MS_SCRIPT_ERROR, "status %d, stderr: %s", r.status, r.err);
    cr_assert_not_null(strstr(r.err, want), "wanted '%s' in stderr:\n%s", want, r.err);
    result_free(&r);
}

#define HEAD "local sim = require 'mipsim'\n"

Test(script, unknown_field)
{
    expect_error(HEAD
                 "local ha = sim.node { name = 'ha', role = 'ha' }\n"
                 "local mn = sim.node { name = 'mn', role = 'mn', hoa_addr = '2001:db8::1' }\n",
                 3, "sim.node: unknown field 'hoa_addr'");
}

Test(script, unknown_field_in_nested_table)
{
    expect_error(HEAD "sim.node { name = 'r', role = 'ar',\n"
                      "  ra = { max_intervall = '1s' } }\n",
                 2, "sim.node: field 'ra': unknown field 'max_intervall'");
}

Test(script, unknown_node)
{
    expect_error(HEAD "local a = sim.node { name = 'a' }\n"
                      "sim.link { a, 'nosuch' }\n",
                 3, "sim.link: unknown node 'nosuch'");
}

Test(script, unknown_home_agent)
{
    expect_error(HEAD "sim.node { name = 'ha', role = 'ha' }\n"
                      "sim.node { name = 'mn', role = 'mn', home_agent = 'hx' }\n",
                 3, "sim.node: field 'home_agent': unknown node 'hx'");
}

Test(script, bad_prefix)
{
    expect_error(HEAD "\n\nsim.node { name = 'ar1', role = 'ar', prefix = '2001:db8:1::/129' }\n",
                 4, "sim.node: field 'prefix': bad prefix '2001:db8:1::/129'");
}

Test(script, prefix_not_64)
{
    expect_error(HEAD "sim.node { name = 'ar1', role = 'ar', prefix = '2001:db8:1::/48' }\n", 2,
                 "sim.node: field 'prefix': prefix '2001:db8:1::/48' must be a /64");
}

Test(script, duplicate_name)
{
    expect_error(HEAD "sim.node { name = 'a' }\n"
                      "sim.node { name = 'a', role = 'router' }\n",
                 3, "sim.node: duplicate node name 'a'");
}

Test(script, duplicate_prefix)
{
    expect_error(HEAD "sim.node { name = 'ar1', role = 'ar', prefix = '2001:db8:1::/64' }\n"
                      "sim.node { name = 'ar2', role = 'ar', prefix = '2001:db8:1::/64' }\n",
                 3, "sim.node: field 'prefix': prefix overlaps the prefix of node 'ar1'");
}

Test(script, duplicate_home_address)
{
    expect_error(HEAD "sim.node { name = 'ha', role = 'ha' }\n"
                      "sim.node { name = 'm1', role = 'mn', hoa = '2001:db8:aa::10' }\n"
                      "sim.node { name = 'm2', role = 'mn', hoa = '2001:db8:aa::10' }\n",
                 4, "sim.node: field 'hoa': duplicate address (home address of 'm1')");
}

Test(script, wrong_type)
{
    expect_error(HEAD "sim.node { name = 'r', forwarding = 'yes' }\n", 2,
                 "sim.node: field 'forwarding' must be a boolean, got string");
}

Test(script, wrong_userdata)
{
    expect_error(HEAD "local a = sim.node { name = 'a' }\n"
                      "sim.link { a, {} }\n",
                 3, "sim.link: mipsim.node expected, got table");
}

Test(script, bad_time)
{
    expect_error(HEAD "local a, b = sim.node { name = 'a' }, sim.node { name = 'b' }\n"
                      "sim.link { a, b, delay = '10 parsecs' }\n",
                 3, "sim.link: field 'delay': bad time '10 parsecs'");
}

Test(script, fractional_nanoseconds)
{
    expect_error(HEAD "sim.at(1.5, function() end)\n", 2,
                 "sim.at: 1.5 is not a whole number of nanoseconds");
}

Test(script, unknown_role)
{
    expect_error(HEAD "sim.node { name = 'x', role = 'map' }\n", 2,
                 "sim.node: field 'role': unknown role 'map'");
}

Test(script, field_for_another_role)
{
    expect_error(HEAD "sim.node { name = 'x', prefix = '2001:db8:1::/64' }\n", 2,
                 "sim.node: field 'prefix' does not apply to role 'host'");
}

Test(script, mn_without_home_agent)
{
    expect_error(HEAD "sim.node { name = 'mn', role = 'mn' }\n", 2,
                 "sim.node: mobile node 'mn' needs a home agent");
}

Test(script, hoa_off_home_prefix)
{
    expect_error(HEAD
                 "local ha = sim.node { name = 'ha', role = 'ha', prefix = '2001:db8:aa::/64' }\n"
                 "sim.node { name = 'mn', role = 'mn', hoa = '2001:db8:bb::1' }\n",
                 3, "sim.node: field 'hoa': not on the home prefix of 'ha'");
}

Test(script, unknown_access_point)
{
    expect_error(HEAD "local ha = sim.node { name = 'ha', role = 'ha' }\n"
                      "local mn = sim.node { name = 'mn', role = 'mn' }\n"
                      "sim.at(0, function() end)\n"
                      "mn:attach('ap9')\n",
                 5, "attach: unknown access point 'ap9'");
}

Test(script, unknown_event)
{
    expect_error(HEAD "sim.on('ba_recieved', print)\n", 2, "sim.on: unknown event 'ba_recieved'");
}

Test(script, run_twice)
{
    expect_error(HEAD "sim.run { stop = '1s' }\nsim.run { stop = '2s' }\n", 3,
                 "sim.run: may be called only once");
}

Test(script, run_without_stop)
{
    expect_error(HEAD "sim.run { }\n", 2, "sim.run: field 'stop' is required");
}

Test(script, frozen_topology)
{
    expect_error(HEAD "sim.run { stop = '1s' }\nsim.node { name = 'late' }\n", 3,
                 "sim.node: the topology is frozen");
}

Test(script, past_time)
{
    expect_error(HEAD "sim.run { stop = '2s' }\nsim.at('1s', print)\n", 3,
                 "sim.at: time 1.000s is in the past (now 2.000s)");
}

Test(script, syntax_error)
{
    expect_error(HEAD "local x = = 1\n", 2, "unexpected symbol near '='");
}

Test(script, callback_error_has_traceback)
{
    struct result r = run_src("cb",
                              HEAD "local a = sim.node { name = 'a' }\n"
                                   "sim.at('1s', function()\n"
                                   "  error('boom')\n"
                                   "end)\n"
                                   "sim.run { stop = '2s' }\n"
                                   "sim.expect(false, 'never reached')\n",
                              NULL);
    cr_assert_eq(r.status, MS_SCRIPT_ERROR);
    char want[256];
    snprintf(want, sizeof want, "%s:4: boom", r.path);
    cr_assert_not_null(strstr(r.err, want), "%s", r.err);
    cr_assert_not_null(strstr(r.err, "stack traceback"), "%s", r.err);
    cr_assert_eq(r.out[0], '\0', "no summary after an error: %s", r.out);
    result_free(&r);
}

Test(script, missing_script)
{
    struct ms_script_opts o;
    ms_script_opts_default(&o);
    char *err = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&err, &len);
    o.path = "/nonexistent/x.lua";
    o.err = f;
    cr_assert_eq(ms_script_run(&o), MS_SCRIPT_ERROR);
    fclose(f);
    cr_assert_not_null(strstr(err, "/nonexistent/x.lua"), "%s", err);
    free(err);
}

Test(script, expectations_set_the_status)
{
    struct result ok = run_src("ok",
                               HEAD "sim.run { stop = '1s' }\n"
                                    "sim.expect(sim.now() == 1000000000, 'clock at stop')\n",
                               NULL);
    cr_assert_eq(ok.status, MS_SCRIPT_OK, "%s%s", ok.out, ok.err);
    cr_assert_not_null(strstr(ok.out, "ok   "));
    cr_assert_not_null(strstr(ok.out, "ok.lua:3: clock at stop"), "%s", ok.out);
    result_free(&ok);

    struct result bad = run_src("bad",
                                HEAD "sim.run { stop = '1s' }\n"
                                     "sim.expect_eq(1 + 1, 3, 'arithmetic')\n",
                                NULL);
    cr_assert_eq(bad.status, MS_SCRIPT_FAILED);
    cr_assert_not_null(strstr(bad.out, "FAIL"), "%s", bad.out);
    cr_assert_not_null(strstr(bad.out, "bad.lua:3: arithmetic (got 2, expected 3)"), "%s", bad.out);
    result_free(&bad);
}

static const char topo[] =
    HEAD "local ha = sim.node { name = 'ha', role = 'ha', dad = false }\n"
         "local ar1 = sim.node { name = 'ar1', role = 'ar', prefix = '2001:db8:1::/64' }\n"
         "local ar2 = sim.node { name = 'ar2', role = 'ar', prefix = '2001:db8:2::/64' }\n"
         "local cn = sim.node { name = 'cn' }\n"
         "local mn = sim.node { name = 'mn', role = 'mn' }\n"
         "sim.link { cn, ha, delay = '10ms' }\n"
         "sim.link { ha, ar1, delay = '5ms' }\n"
         "sim.link { ha, ar2, delay = '5ms', loss = 0.01 }\n"
         "sim.cell { ar = ar1, ap = 'ap1' }\n"
         "sim.cell { ar = ar2, ap = 'ap2', jitter = '2ms' }\n"
         "local f = sim.flow { from = cn, to = mn, every = '20ms', start = '1s' }\n"
         "sim.at(0, function() mn:attach('ap1') end)\n"
         "sim.at('3s', function() mn:handover { to = 'ap2', gap = '20ms' } end)\n"
         "sim.run { stop = '5s' }\n"
         "sim.expect(mn:address() == '2001:db8:aa00::10', 'automatic home address '"
         " .. mn:address())\n"
         "sim.expect(#ha:bindings() == 1, 'one binding')\n";

Test(script, same_seed_same_output)
{
    char j1[160], j2[160];
    snprintf(j1, sizeof j1, "%s/a.json", dir);
    snprintf(j2, sizeof j2, "%s/b.json", dir);
    struct result a = run_src("det", topo, j1);
    struct result b = run_src("det", topo, j2);
    cr_assert_eq(a.status, MS_SCRIPT_OK, "%s%s", a.out, a.err);
    cr_assert_str_eq(a.out, b.out);
    char *ja = NULL, *jb = NULL;
    size_t la = 0, lb = 0;
    FILE *fa = fopen(j1, "r"), *fb = fopen(j2, "r");
    cr_assert(fa && fb);
    cr_assert_gt(getdelim(&ja, &la, '\0', fa), 0);
    cr_assert_gt(getdelim(&jb, &lb, '\0', fb), 0);
    fclose(fa);
    fclose(fb);
    cr_assert_str_eq(ja, jb);
    cr_assert_not_null(strstr(ja, "\"handovers\": ["));
    cr_assert_not_null(strstr(a.out, "mn #1: ap1 -> ap2"), "%s", a.out);
    free(ja);
    free(jb);
    result_free(&a);
    result_free(&b);
}
