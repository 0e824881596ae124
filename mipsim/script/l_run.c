/* Scheduling and running: sim.at, sim.every, sim.on, sim.run, sim.expect,
 * sim.now, sim.handovers, sim.time, sim.find.
 *
 * The run advances one instant at a time (every event due at the same
 * virtual time), and after each instant tells the sim.on hooks what the
 * report gained: new handover records and milestones, Mobility Header and
 * ICMPv6 messages.  Hooks therefore run after the protocol events of the
 * instant that caused them, at the same virtual time. */
#include "script/script_int.h"

#include "core/array.h"
#include "core/hugepage.h"

#include <stdlib.h>
#include <string.h>

#include "core/time.h"
#include "wire/codepoints_names.h"

void
ms__l_check_not_built(lua_State *L, const char *what)
{
    if (ms__l_ctx(L)->built)
        luaL_error(L,
                   "%s: the topology is frozen once the simulation has started (create nodes, "
                   "links and cells before sim.run and before the first attach)",
                   what);
}

void
ms__l_ensure_built(lua_State *L, const char *what)
{
    struct ms_script *ctx = ms__l_ctx(L);
    if (ctx->built)
        return;
    char msg[256];
    ctx->built = true; /* even on failure: no half-built topology is reused */
    if (ms__topo_build(ctx, msg, sizeof msg) < 0)
        luaL_error(L, "%s: topology error: %s", what, msg);
}

/* ---- timers ----------------------------------------------------------- */

static void
stimer_cb(struct ms_timer *t)
{
    struct ms_stimer *st = t->data;
    struct ms_script *ctx = st->ctx;
    if (st->done || ctx->cb_error != NULL)
        return;
    lua_State *L = ctx->L;
    lua_rawgeti(L, LUA_REGISTRYINDEX, st->fn_ref);
    if (!ms__l_call(ctx, 0)) {
        st->done = true;
        return;
    }
    if (st->every_ns > 0 && !st->done)
        ms_timer_start(&ctx->sim.sched, &st->t, st->every_ns);
    else
        st->done = true;
}

static int
new_timer(lua_State *L, int64_t when, int64_t every, int fn_idx, const char *what)
{
    struct ms_script *ctx = ms__l_ctx(L);
    luaL_checktype(L, fn_idx, LUA_TFUNCTION);
    if (ms_array_reserve((void **)&ctx->timers, ctx->ntimers, &ctx->timers_cap, sizeof *ctx->timers,
                         8) < 0)
        luaL_error(L, "%s: out of memory", what);
    struct ms_stimer *st = calloc(1, sizeof *st);
    if (st == NULL)
        luaL_error(L, "%s: out of memory", what);
    st->ctx = ctx;
    st->every_ns = every;
    lua_pushvalue(L, fn_idx);
    st->fn_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    ms_timer_init(&st->t, stimer_cb, st);
    ctx->timers[ctx->ntimers++] = st;
    if (ms_timer_start_at(&ctx->sim.sched, &st->t, when) < 0)
        luaL_error(L, "%s: out of memory", what);
    struct ms_stimer **box = lua_newuserdatauv(L, sizeof *box, 0);
    *box = st;
    luaL_setmetatable(L, MS_L_TIMER);
    return 1;
}

/* sim.at(t, fn): fn() at virtual time t. */
static int
l_at(lua_State *L)
{
    struct ms_script *ctx = ms__l_ctx(L);
    int64_t t = ms__l_checktime(L, 1, "sim.at");
    int64_t now = ms_sim_now(&ctx->sim);
    if (t < now) {
        char a[40], b[40];
        luaL_error(L, "sim.at: time %s is in the past (now %s)", ms_time_format(t, a, sizeof a),
                   ms_time_format(now, b, sizeof b));
    }
    return new_timer(L, t, 0, 2, "sim.at");
}

/* sim.every(interval, fn [, start]): fn() every interval from start (default
 * now + interval) until it returns false or the timer is cancelled. */
static int
l_every(lua_State *L)
{
    struct ms_script *ctx = ms__l_ctx(L);
    int64_t every = ms__l_checktime(L, 1, "sim.every");
    if (every <= 0)
        luaL_error(L, "sim.every: the interval must be positive");
    int64_t now = ms_sim_now(&ctx->sim), start = now + every;
    if (!lua_isnoneornil(L, 3)) {
        start = ms__l_checktime(L, 3, "sim.every");
        if (start < now)
            luaL_error(L, "sim.every: start is in the past");
    }
    return new_timer(L, start, every, 2, "sim.every");
}

static int
l_timer_cancel(lua_State *L)
{
    struct ms_stimer **box = luaL_checkudata(L, 1, MS_L_TIMER);
    struct ms_stimer *st = *box;
    st->done = true;
    ms_timer_stop(&st->ctx->sim.sched, &st->t);
    return 0;
}

static int
l_timer_tostring(lua_State *L)
{
    luaL_checkudata(L, 1, MS_L_TIMER);
    lua_pushstring(L, "mipsim.timer");
    return 1;
}

/* ---- hooks ------------------------------------------------------------ */

static const char *
hook_name(int ev)
{
    if (ev < MS_HO__COUNT)
        return ms_ho_mark_key((enum ms_ho_mark)ev);
    switch (ev) {
    case MS_HOOK_HANDOVER:
        return "handover";
    case MS_HOOK_L2:
        return "l2";
    case MS_HOOK_MH:
        return "mh";
    case MS_HOOK_ICMP6:
        return "icmp6";
    default:
        return "?";
    }
}

static int
ensure_seen_marks(struct ms_script *ctx, uint32_t n)
{
    if (n <= ctx->seen_marks_cap)
        return 0;
    uint32_t cap = ctx->seen_marks_cap ? ctx->seen_marks_cap : 8;
    while (cap < n)
        cap *= 2;
    uint16_t *p = realloc(ctx->seen_marks, cap * sizeof *p);
    if (p == NULL)
        return -1;
    memset(p + ctx->seen_marks_cap, 0, (cap - ctx->seen_marks_cap) * sizeof *p);
    ctx->seen_marks = p;
    ctx->seen_marks_cap = cap;
    return 0;
}

static uint16_t
marks_of(const struct ms_ho_record *h)
{
    uint16_t m = 0;
    for (int i = 0; i < MS_HO__COUNT; i++)
        if (h->t[i] != MS_TIME_NEVER)
            m |= (uint16_t)(1u << i);
    return m;
}

/* Brings the seen state up to the report, without firing anything. */
static void
sync_seen(struct ms_script *ctx)
{
    const struct ms_report *r = &ctx->report;
    if (ensure_seen_marks(ctx, r->nho) == 0) {
        for (uint32_t i = 0; i < r->nho; i++)
            ctx->seen_marks[i] = marks_of(&r->ho[i]);
        ctx->seen_nho = r->nho;
    }
    for (int t = 0; t < 256; t++) {
        ctx->seen_mh[t] = r->mh[t].count;
        ctx->seen_icmp6[t] = r->icmp6[t].count;
    }
}

static void
push_ho_record(lua_State *L, const struct ms_ho_record *h)
{
    lua_createtable(L, 0, 12);
    lua_pushstring(L, h->mn);
    lua_setfield(L, -2, "mn");
    lua_pushinteger(L, h->number);
    lua_setfield(L, -2, "number");
    lua_pushstring(L, h->from);
    lua_setfield(L, -2, "from");
    lua_pushstring(L, h->to);
    lua_setfield(L, -2, "to");
    lua_createtable(L, 0, MS_HO__COUNT);
    for (int m = 0; m < MS_HO__COUNT; m++) {
        ms__l_push_time(L, h->t[m]);
        lua_setfield(L, -2, ms_ho_mark_key((enum ms_ho_mark)m));
    }
    lua_setfield(L, -2, "at");
    lua_createtable(L, 0, MS_HO__COUNT);
    if (h->t[MS_HO_L2_DOWN] != MS_TIME_NEVER)
        for (int m = 0; m < MS_HO__COUNT; m++) {
            if (h->t[m] == MS_TIME_NEVER)
                continue;
            lua_pushinteger(L, h->t[m] - h->t[MS_HO_L2_DOWN]);
            lua_setfield(L, -2, ms_ho_mark_key((enum ms_ho_mark)m));
        }
    lua_setfield(L, -2, "offset");
    int64_t lat = ms_ho_latency_ns(h), dis = ms_ho_disruption_ns(h);
    if (lat >= 0) {
        lua_pushinteger(L, lat);
        lua_setfield(L, -2, "latency");
    }
    if (dis >= 0) {
        lua_pushinteger(L, dis);
        lua_setfield(L, -2, "disruption");
    }
    if (h->ba_status >= 0) {
        lua_pushinteger(L, h->ba_status);
        lua_setfield(L, -2, "ba_status");
        const char *sym = ms_ba_status_sym((unsigned)h->ba_status);
        if (sym != NULL) {
            lua_pushstring(L, sym);
            lua_setfield(L, -2, "ba_status_name");
        }
    }
}

/* Calls every hook of ev with the value on top of the stack (popped). */
static void
fire(struct ms_script *ctx, int ev)
{
    lua_State *L = ctx->L;
    for (uint32_t i = 0; i < ctx->nhooks[ev] && ctx->cb_error == NULL; i++) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, ctx->hooks[ev][i]);
        lua_pushvalue(L, -2);
        ms__l_call(ctx, 1);
    }
    lua_pop(L, 1);
}

static bool
any_hook(const struct ms_script *ctx, int from, int to)
{
    for (int e = from; e < to; e++)
        if (ctx->nhooks[e] > 0)
            return true;
    return false;
}

static void
dispatch_ho(struct ms_script *ctx)
{
    lua_State *L = ctx->L;
    const struct ms_report *r = &ctx->report;
    if (ensure_seen_marks(ctx, r->nho) < 0)
        return;
    for (uint32_t i = 0; i < r->nho && ctx->cb_error == NULL; i++) {
        const struct ms_ho_record *h = &r->ho[i];
        if (i >= ctx->seen_nho) {
            ctx->seen_marks[i] = 0;
            ctx->seen_nho = i + 1;
            push_ho_record(L, h);
            lua_pushstring(L, "handover");
            lua_setfield(L, -2, "event");
            fire(ctx, MS_HOOK_HANDOVER);
        }
        uint16_t now = marks_of(h), fresh = (uint16_t)(now & ~ctx->seen_marks[i]);
        ctx->seen_marks[i] = now;
        for (int m = 0; m < MS_HO__COUNT && fresh && ctx->cb_error == NULL; m++) {
            if (!(fresh & (1u << m)))
                continue;
            push_ho_record(L, h);
            lua_pushstring(L, ms_ho_mark_key((enum ms_ho_mark)m));
            lua_setfield(L, -2, "event");
            lua_pushinteger(L, h->t[m]);
            lua_setfield(L, -2, "time");
            if (m == MS_HO_L2_TRIGGER || m == MS_HO_L2_DOWN || m == MS_HO_L2_UP) {
                lua_pushvalue(L, -1);
                fire(ctx, MS_HOOK_L2);
            }
            fire(ctx, m);
        }
    }
}

static void
dispatch_signals(struct ms_script *ctx, int ev, const struct ms_signal_count *c, uint64_t *seen,
                 const char *(*sym)(unsigned), const char *(*name)(unsigned))
{
    lua_State *L = ctx->L;
    for (unsigned t = 0; t < 256 && ctx->cb_error == NULL; t++) {
        if (c[t].count == seen[t])
            continue;
        uint64_t delta = c[t].count - seen[t];
        seen[t] = c[t].count;
        if (ctx->nhooks[ev] == 0)
            continue;
        lua_createtable(L, 0, 6);
        const char *s = sym(t), *n = name(t);
        if (s != NULL)
            lua_pushstring(L, s);
        else
            lua_pushinteger(L, t);
        lua_setfield(L, -2, "type");
        lua_pushinteger(L, t);
        lua_setfield(L, -2, "number");
        if (n != NULL) {
            lua_pushstring(L, n);
            lua_setfield(L, -2, "name");
        }
        lua_pushinteger(L, (lua_Integer)c[t].count);
        lua_setfield(L, -2, "count");
        lua_pushinteger(L, (lua_Integer)c[t].bytes);
        lua_setfield(L, -2, "bytes");
        lua_pushinteger(L, (lua_Integer)delta);
        lua_setfield(L, -2, "new");
        lua_pushinteger(L, ms_sim_now(&ctx->sim));
        lua_setfield(L, -2, "time");
        fire(ctx, ev);
    }
}

static void
dispatch(struct ms_script *ctx)
{
    if (any_hook(ctx, 0, MS_HOOK_L2 + 1))
        dispatch_ho(ctx);
    if (ctx->nhooks[MS_HOOK_MH] > 0)
        dispatch_signals(ctx, MS_HOOK_MH, ctx->report.mh, ctx->seen_mh, ms_mh_type_sym,
                         ms_mh_type_name);
    if (ctx->nhooks[MS_HOOK_ICMP6] > 0)
        dispatch_signals(ctx, MS_HOOK_ICMP6, ctx->report.icmp6, ctx->seen_icmp6, ms_icmp6_type_sym,
                         ms_icmp6_type_name);
}

/* sim.on(event, fn) */
static int
l_on(lua_State *L)
{
    struct ms_script *ctx = ms__l_ctx(L);
    const char *name = luaL_checkstring(L, 1);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    int ev = -1;
    for (int e = 0; e < MS_HOOK__COUNT; e++)
        if (strcmp(name, hook_name(e)) == 0)
            ev = e;
    if (ev < 0) {
        luaL_Buffer b;
        luaL_buffinit(L, &b);
        for (int e = 0; e < MS_HOOK__COUNT; e++) {
            luaL_addstring(&b, e ? ", " : "");
            luaL_addstring(&b, hook_name(e));
        }
        luaL_pushresult(&b);
        luaL_error(L, "sim.on: unknown event '%s' (known: %s)", name, lua_tostring(L, -1));
    }
    if (!any_hook(ctx, 0, MS_HOOK__COUNT))
        sync_seen(ctx);
    if (ms_array_reserve((void **)&ctx->hooks[ev], ctx->nhooks[ev], &ctx->hooks_cap[ev],
                         sizeof(int), 8) < 0)
        luaL_error(L, "sim.on: out of memory");
    lua_pushvalue(L, 2);
    ctx->hooks[ev][ctx->nhooks[ev]++] = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

/* ---- run -------------------------------------------------------------- */

static const char *const run_fields[] = {"stop", NULL};

static int
l_run(lua_State *L)
{
    struct ms_script *ctx = ms__l_ctx(L);
    if (ctx->running)
        luaL_error(L, "sim.run: called from a callback while the simulation runs");
    if (ctx->ran)
        luaL_error(L, "sim.run: may be called only once");
    luaL_checktype(L, 1, LUA_TTABLE);
    ms__l_check_fields(L, 1, "sim.run", run_fields, false);
    int64_t stop;
    if (!ms__l_opt_time(L, 1, "sim.run", "stop", &stop))
        luaL_error(L, "sim.run: field 'stop' is required (e.g. stop = \"10s\")");
    struct ms_sched *s = &ctx->sim.sched;
    if (stop < ms_sched_now(s))
        luaL_error(L, "sim.run: stop time is in the past");
    ms__l_ensure_built(L, "sim.run");
    /* The topology is built: its state goes on huge pages where the kernel
     * allows (core/hugepage.h); timing only, never results. */
    (void)ms_heap_huge_pages();
    ctx->running = true;
    while (ctx->cb_error == NULL) {
        if (s->count == 0 || s->heap[0]->when_ns > stop) {
            ms_sched_run(s, stop);
            break;
        }
        ms_sched_run(s, s->heap[0]->when_ns);
        if (any_hook(ctx, 0, MS_HOOK__COUNT))
            dispatch(ctx);
    }
    ctx->running = false;
    ctx->ran = true;
    ctx->report.end_ns = ms_sched_now(s);
    if (ctx->cb_error != NULL) {
        lua_pushstring(L, ctx->cb_error);
        return lua_error(L);
    }
    return 0;
}

/* sim.expect(cond, message [, level]) */
static int
l_expect(lua_State *L)
{
    struct ms_script *ctx = ms__l_ctx(L);
    luaL_checkany(L, 1);
    bool ok = lua_toboolean(L, 1);
    const char *text = luaL_optstring(L, 2, "expectation");
    lua_Integer level = luaL_optinteger(L, 3, 1);
    if (level < 1 || level > 100)
        luaL_argerror(L, 3, "level must be 1..100");
    char where[128];
    ms__l_where(L, (int)level, where, sizeof where);
    ms_report_expect(&ctx->report, where, text, ok);
    if (!ok && ctx->o.verbose > 0)
        fprintf(ctx->err, "%s: expectation failed: %s\n", where, text);
    lua_pushboolean(L, ok);
    return 1;
}

static int
l_now(lua_State *L)
{
    lua_pushinteger(L, ms_sim_now(&ms__l_ctx(L)->sim));
    return 1;
}

static int
l_time(lua_State *L)
{
    lua_pushinteger(L, ms__l_checktime(L, 1, "sim.time"));
    return 1;
}

static int
l_seed(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)ms__l_ctx(L)->sim.seed);
    return 1;
}

static int
l_handovers(lua_State *L)
{
    struct ms_script *ctx = ms__l_ctx(L);
    const char *mn = NULL;
    if (ms__l_tonode(L, 1) != NULL)
        mn = ms__l_tonode(L, 1)->node->name;
    else
        mn = luaL_optstring(L, 1, NULL);
    lua_newtable(L);
    lua_Integer k = 1;
    for (uint32_t i = 0; i < ctx->report.nho; i++) {
        const struct ms_ho_record *h = &ctx->report.ho[i];
        if (mn != NULL && strcmp(mn, h->mn) != 0)
            continue;
        push_ho_record(L, h);
        lua_seti(L, -2, k++);
    }
    return 1;
}

static int
l_find(lua_State *L)
{
    struct ms_script *ctx = ms__l_ctx(L);
    const char *name = luaL_checkstring(L, 1);
    struct ms_snode *sn = ms__l_find_node(ctx, name);
    if (sn != NULL) {
        ms__l_push_node(L, sn);
        return 1;
    }
    struct ms_slink *sl = ms__l_find_link(ctx, name);
    if (sl == NULL)
        sl = ms__l_find_cell(ctx, name);
    if (sl != NULL) {
        ms__l_push_link(L, sl);
        return 1;
    }
    return 0;
}

static const luaL_Reg core_funcs[] = {
    {"node", NULL},
    {"link", NULL},
    {"cell", NULL},
    {"flow", NULL},
    {"at", l_at},
    {"every", l_every},
    {"on", l_on},
    {"run", l_run},
    {"expect", l_expect},
    {"now", l_now},
    {"time", l_time},
    {"seed", l_seed},
    {"handovers", l_handovers},
    {"find", l_find},
    {NULL, NULL},
};

void
ms__l_run_register(lua_State *L)
{
    luaL_newmetatable(L, MS_L_TIMER);
    lua_newtable(L);
    lua_pushcfunction(L, l_timer_cancel);
    lua_setfield(L, -2, "cancel");
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, l_timer_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pop(L, 1);
}

int
ms__l_open_core(lua_State *L)
{
    luaL_newlib(L, core_funcs);
    lua_pushcfunction(L, ms__l_node_new);
    lua_setfield(L, -2, "node");
    lua_pushcfunction(L, ms__l_link_new);
    lua_setfield(L, -2, "link");
    lua_pushcfunction(L, ms__l_cell_new);
    lua_setfield(L, -2, "cell");
    lua_pushcfunction(L, ms__l_flow_new);
    lua_setfield(L, -2, "flow");
    lua_pushstring(L, MIPSIM_VERSION);
    lua_setfield(L, -2, "version");
    return 1;
}
