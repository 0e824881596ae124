/* One scenario run: the lua_State, the simulation, the report, and the
 * order in which they are set up and torn down. */
#include "script/script.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lualib.h>

#include "script/lua_embedded.h"
#include "script/script_int.h"

const char ms__l_ctx_key = 0;

void
ms_script_opts_default(struct ms_script_opts *o)
{
    memset(o, 0, sizeof *o);
    o->seed = 1;
}

struct ms_script *
ms__l_ctx(lua_State *L)
{
    lua_rawgetp(L, LUA_REGISTRYINDEX, &ms__l_ctx_key);
    struct ms_script *ctx = lua_touserdata(L, -1);
    lua_pop(L, 1);
    return ctx;
}

static int
traceback(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    if (msg == NULL) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
            return 1;
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

bool
ms__l_call(struct ms_script *ctx, int nargs)
{
    lua_State *L = ctx->L;
    int fn = lua_gettop(L) - nargs;
    lua_pushcfunction(L, traceback);
    lua_insert(L, fn);
    int rc = lua_pcall(L, nargs, 1, fn);
    bool ok = rc == LUA_OK;
    if (!ok) {
        if (ctx->cb_error == NULL) {
            const char *m = lua_tostring(L, -1);
            ctx->cb_error = strdup(m ? m : "error in callback");
        }
        ms_sched_stop(&ctx->sim.sched);
    } else if (lua_isboolean(L, -1) && !lua_toboolean(L, -1)) {
        /* A callback returning false asks not to be called again (sim.every). */
        ok = true;
        lua_pop(L, 2);
        return false;
    }
    lua_pop(L, 2); /* result or message, traceback handler */
    return ok && ctx->cb_error == NULL;
}

/* package.searchers entry: modules embedded from lua/mipsim/. */
static int
embedded_searcher(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    for (const struct ms_lua_module *m = ms_lua_modules; m->name != NULL; m++) {
        if (strcmp(m->name, name) != 0)
            continue;
        /* Chunk names are fixed ("[mipsim]/x.lua") so messages do not depend
         * on where the build tree was. */
        const char *base = strrchr(m->origin, '/');
        lua_pushfstring(L, "@[mipsim]/%s", base ? base + 1 : m->origin);
        const char *chunk = lua_tostring(L, -1);
        if (luaL_loadbufferx(L, m->src, m->len, chunk, "t") != LUA_OK)
            return luaL_error(L, "error loading embedded module '%s': %s", name,
                              lua_tostring(L, -1));
        lua_pushstring(L, chunk + 1);
        return 2;
    }
    lua_pushfstring(L, "no embedded module '%s'", name);
    return 1;
}

static void
install_searcher(lua_State *L)
{
    lua_getglobal(L, "package");
    lua_getfield(L, -1, "searchers");
    /* After the preload searcher (1), before the file system ones. */
    lua_Integer n = luaL_len(L, -1);
    for (lua_Integer i = n; i >= 2; i--) {
        lua_geti(L, -1, i);
        lua_seti(L, -2, i + 1);
    }
    lua_pushcfunction(L, embedded_searcher);
    lua_seti(L, -2, 2);
    lua_pop(L, 1);
    lua_getfield(L, -1, "preload");
    lua_pushcfunction(L, ms__l_open_core);
    lua_setfield(L, -2, "mipsim.core");
    lua_pop(L, 2);
}

static int
setup_state(lua_State *L)
{
    struct ms_script *ctx = lua_touserdata(L, 1);
    luaL_openlibs(L);
    lua_pushlightuserdata(L, ctx);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &ms__l_ctx_key);
    ms__l_node_register(L);
    ms__l_link_register(L);
    ms__l_flow_register(L);
    ms__l_run_register(L);
    install_searcher(L);
    return 0;
}

/* Disarms every timer still in the heap, so that objects can be freed in
 * any order afterwards (their ms_timer_stop calls become no-ops). */
static void
disarm_all(struct ms_sched *s)
{
    for (uint32_t i = 0; i < s->count; i++)
        s->heap[i]->heap_idx = 0;
    s->count = 0;
}

static void
ctx_free(struct ms_script *ctx)
{
    if (ctx->L != NULL)
        lua_close(ctx->L);
    if (ctx->sim_ok)
        disarm_all(&ctx->sim.sched);
    for (uint32_t i = 0; i < ctx->nflows; i++) {
        ms_flow_free(ctx->flows[i]->flow);
        free(ctx->flows[i]);
    }
    for (uint32_t i = 0; i < ctx->ntimers; i++)
        free(ctx->timers[i]);
    for (uint32_t i = 0; i < ctx->nlinks; i++) {
        ms_link_free(ctx->links[i]->link);
        free(ctx->links[i]->nodes);
        free(ctx->links[i]->ifaces);
        free(ctx->links[i]);
    }
    for (uint32_t i = 0; i < ctx->nnodes; i++) {
        ms_node_free(ctx->nodes[i]->node);
        free(ctx->nodes[i]);
    }
    free(ctx->flows);
    free(ctx->timers);
    free(ctx->links);
    free(ctx->nodes);
    for (int e = 0; e < MS_HOOK__COUNT; e++)
        free(ctx->hooks[e]);
    free(ctx->seen_marks);
    free(ctx->cb_error);
    ms_report_fini(&ctx->report);
    if (ctx->sim_ok)
        ms_sim_fini(&ctx->sim);
    free(ctx);
}

static int
write_json(struct ms_script *ctx)
{
    FILE *f = fopen(ctx->o.json_path, "w");
    if (f == NULL) {
        fprintf(ctx->err, "mipsim: cannot write %s: %s\n", ctx->o.json_path, strerror(errno));
        return -1;
    }
    int rc = ms_report_write_json(&ctx->report, f);
    if (fclose(f) != 0 || rc < 0) {
        fprintf(ctx->err, "mipsim: cannot write %s\n", ctx->o.json_path);
        return -1;
    }
    return 0;
}

static int
prepare_pcap_dir(struct ms_script *ctx)
{
    const char *d = ctx->o.pcap_dir;
    struct stat st;
    if (stat(d, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return 0;
        fprintf(ctx->err, "mipsim: --pcap-dir %s: not a directory\n", d);
        return -1;
    }
    if (mkdir(d, 0777) < 0) {
        fprintf(ctx->err, "mipsim: --pcap-dir %s: %s\n", d, strerror(errno));
        return -1;
    }
    return 0;
}

/* Errors of the main chunk are reported as "file:line: message"; the
 * traceback only with --verbose. */
static int
chunk_handler(lua_State *L)
{
    if (ms__l_ctx(L)->o.verbose > 0 || lua_type(L, 1) != LUA_TSTRING)
        return traceback(L);
    lua_settop(L, 1);
    return 1;
}

static int
run_chunk(struct ms_script *ctx)
{
    lua_State *L = ctx->L;
    /* Modules next to the script come first: require "helpers" finds
     * helpers.lua in the script's folder wherever mipsim is started. */
    const char *slash = strrchr(ctx->o.path, '/');
    int dirlen = slash ? (int)(slash - ctx->o.path) : 1;
    const char *dir = slash ? ctx->o.path : ".";
    lua_getglobal(L, "package");
    lua_pushlstring(L, dir, (size_t)dirlen);
    lua_pushstring(L, "/?.lua;");
    lua_getfield(L, -3, "path");
    lua_concat(L, 3);
    lua_setfield(L, -2, "path");
    lua_pop(L, 1);
    lua_pushcfunction(L, chunk_handler);
    if (luaL_loadfilex(L, ctx->o.path, "t") != LUA_OK) {
        fprintf(ctx->err, "mipsim: %s\n", lua_tostring(L, -1));
        return MS_SCRIPT_ERROR;
    }
    if (lua_pcall(L, 0, 0, -2) != LUA_OK) {
        /* An error raised in a callback already carries its traceback. */
        const char *m = ctx->cb_error ? ctx->cb_error : lua_tostring(L, -1);
        fprintf(ctx->err, "mipsim: %s\n", m ? m : "error");
        return MS_SCRIPT_ERROR;
    }
    lua_pop(L, 1);
    return MS_SCRIPT_OK;
}

int
ms_script_run(const struct ms_script_opts *o)
{
    struct ms_script *ctx = calloc(1, sizeof *ctx);
    FILE *err = o->err ? o->err : stderr;
    if (ctx == NULL) {
        fprintf(err, "mipsim: out of memory\n");
        return MS_SCRIPT_ERROR;
    }
    ctx->o = *o;
    ctx->out = o->out ? o->out : stdout;
    ctx->err = err;
    int status = MS_SCRIPT_ERROR;
    if (o->path == NULL || (o->pcap_dir != NULL && prepare_pcap_dir(ctx) < 0))
        goto done;
    if (ms_sim_init(&ctx->sim, o->seed, MS_CLOCK_VIRTUAL) < 0) {
        fprintf(err, "mipsim: cannot initialise the simulation\n");
        goto done;
    }
    ctx->sim_ok = true;
    enum ms_log_level lvl = o->verbose >= 2   ? MS_LOG_DEBUG
                            : o->verbose == 1 ? MS_LOG_INFO
                            : o->quiet        ? MS_LOG_ERROR
                                              : MS_LOG_WARN;
    ms_logger_init(&ctx->sim.log, err, lvl, &ctx->sim.sched);
    ms_report_init(&ctx->report, o->seed);
    ctx->sim.report = &ctx->report;
    ctx->L = luaL_newstate();
    if (ctx->L == NULL) {
        fprintf(err, "mipsim: cannot create a Lua state\n");
        goto done;
    }
    lua_pushcfunction(ctx->L, setup_state);
    lua_pushlightuserdata(ctx->L, ctx);
    if (lua_pcall(ctx->L, 1, 0, 0) != LUA_OK) {
        fprintf(err, "mipsim: %s\n", lua_tostring(ctx->L, -1));
        goto done;
    }
    status = run_chunk(ctx);
    if (status != MS_SCRIPT_OK)
        goto done;
    if (!ctx->ran)
        fprintf(err, "mipsim: warning: %s never called sim.run\n", o->path);
    for (uint32_t i = 0; i < ctx->nflows; i++)
        ms_flow_stats(ctx->flows[i]->flow);
    if (ctx->report.end_ns < ms_sim_now(&ctx->sim))
        ctx->report.end_ns = ms_sim_now(&ctx->sim);
    if (!o->quiet)
        ms_report_print_summary(&ctx->report, ctx->out);
    else
        for (uint32_t i = 0; i < ctx->report.nexpects; i++)
            if (!ctx->report.expects[i].ok)
                fprintf(err, "%s: expectation failed: %s\n", ctx->report.expects[i].where,
                        ctx->report.expects[i].text);
    fflush(ctx->out);
    if (o->json_path != NULL && write_json(ctx) < 0) {
        status = MS_SCRIPT_ERROR;
        goto done;
    }
    status = ms_report_failures(&ctx->report) ? MS_SCRIPT_FAILED : MS_SCRIPT_OK;
done:
    ctx_free(ctx);
    return status;
}
