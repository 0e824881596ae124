/* sim.flow, node:ping and the "mipsim.flow" methods. */
#include "script/script_int.h"

#include "core/array.h"

#include <stdlib.h>
#include <string.h>

#include "core/time.h"

static struct ms_sflow *
checkflow(lua_State *L, int idx)
{
    struct ms_sflow **box = luaL_checkudata(L, idx, MS_L_FLOW);
    if (*box == NULL)
        luaL_error(L, "attempt to use a removed flow");
    return *box;
}

static bool
name_taken(struct ms_script *ctx, const char *name)
{
    for (uint32_t i = 0; i < ctx->nflows; i++)
        if (strcmp(ms_flow_name(ctx->flows[i]->flow), name) == 0)
            return true;
    return false;
}

static const char *const flow_fields[] = {"from", "to",    "every", "size",    "start", "stop",
                                          "name", "count", "kind",  "timeout", NULL};
static const char *const ping_fields[] = {"to",   "every", "size",    "start", "stop",
                                          "name", "count", "timeout", NULL};

/* Builds a flow from the table at tidx; from is given for node:ping. */
static int
flow_common(lua_State *L, int tidx, struct ms_snode *from, enum ms_flow_kind kind, const char *what)
{
    struct ms_script *ctx = ms__l_ctx(L);
    if (from == NULL) {
        if (lua_getfield(L, tidx, "from") == LUA_TNIL)
            luaL_error(L, "%s: field 'from' is required", what);
        from = ms__l_getnode(L, -1, what, "from");
        lua_pop(L, 1);
    }
    if (lua_getfield(L, tidx, "to") == LUA_TNIL)
        luaL_error(L, "%s: field 'to' is required", what);
    struct ms_snode *to = ms__l_getnode(L, -1, what, "to");
    lua_pop(L, 1);
    if (to == from)
        luaL_error(L, "%s: 'from' and 'to' are the same node '%s'", what, from->node->name);

    struct ms_flow_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.kind = kind;
    cfg.from = from->node;
    cfg.to = to->node;
    if (!ms__l_node_primary(to, &cfg.dst))
        luaL_error(L, "%s: node '%s' has no address yet (connect it with sim.link)", what,
                   to->node->name);
    if (from->kind == MS_SN_MN && from->has_hoa) {
        cfg.has_src = true;
        cfg.src = from->hoa;
    }
    cfg.every_ns = 10 * MS_NS_PER_MS;
    cfg.start_ns = 0;
    cfg.stop_ns = MS_TIME_NEVER;
    cfg.size = 100;
    cfg.timeout_ns = MS_NS_PER_S;
    int64_t v;
    if (ms__l_opt_time(L, tidx, what, "every", &v)) {
        if (v <= 0)
            luaL_error(L, "%s: field 'every' must be positive", what);
        cfg.every_ns = v;
    }
    if (ms__l_opt_time(L, tidx, what, "start", &v)) {
        if (v < 0)
            luaL_error(L, "%s: field 'start' must not be negative", what);
        cfg.start_ns = v;
    }
    if (ms__l_opt_time(L, tidx, what, "stop", &v))
        cfg.stop_ns = v;
    if (ms__l_opt_time(L, tidx, what, "timeout", &v)) {
        if (v < 0)
            luaL_error(L, "%s: field 'timeout' must not be negative", what);
        cfg.timeout_ns = v;
    }
    if (ms__l_opt_int(L, tidx, what, "size", MS_FLOW_HDR_LEN, 1400, &v))
        cfg.size = (uint32_t)v;
    if (ms__l_opt_int(L, tidx, what, "count", 1, INT64_MAX, &v))
        cfg.count = (uint64_t)v;
    int64_t now = ms_sim_now(&ctx->sim);
    if (cfg.start_ns < now)
        cfg.start_ns = now;

    uint32_t id = ctx->next_flow_id + 1;
    if (id > 0xffff)
        luaL_error(L, "%s: too many flows", what);
    char name[48];
    const char *given;
    if (ms__l_opt_string(L, tidx, what, "name", &given)) {
        if (strlen(given) >= sizeof name)
            luaL_error(L, "%s: field 'name' is longer than %d characters", what,
                       (int)sizeof name - 1);
        if (name_taken(ctx, given))
            luaL_error(L, "%s: duplicate flow name '%s'", what, given);
        snprintf(name, sizeof name, "%s", given);
    } else {
        snprintf(name, sizeof name, "%.20s-%.20s%s", from->node->name, to->node->name,
                 kind == MS_FLOW_PING ? "-ping" : "");
        if (name_taken(ctx, name))
            snprintf(name, sizeof name, "%.14s-%.14s%s-%u", from->node->name, to->node->name,
                     kind == MS_FLOW_PING ? "-ping" : "", (unsigned)id);
    }
    cfg.name = name;

    if (ms_array_reserve((void **)&ctx->flows, ctx->nflows, &ctx->flows_cap, sizeof *ctx->flows,
                         8) < 0)
        luaL_error(L, "%s: out of memory", what);
    struct ms_sflow *sf = calloc(1, sizeof *sf);
    if (sf == NULL)
        luaL_error(L, "%s: out of memory", what);
    int err = 0;
    sf->flow = ms_flow_new(&ctx->sim, id, &cfg, &err);
    if (sf->flow == NULL) {
        free(sf);
        luaL_error(L, "%s: cannot create the flow: %s", what, ms_strerror(err));
    }
    ctx->next_flow_id = id;
    sf->ctx = ctx;
    sf->from = from;
    sf->to = to;
    ctx->flows[ctx->nflows++] = sf;
    if (ctx->built)
        ms_flow_start(sf->flow);

    struct ms_sflow **box = lua_newuserdatauv(L, sizeof *box, 0);
    *box = sf;
    luaL_setmetatable(L, MS_L_FLOW);
    lua_pushvalue(L, -1);
    sf->ud_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    return 1;
}

int
ms__l_flow_new(lua_State *L)
{
    static const char what[] = "sim.flow";
    luaL_checktype(L, 1, LUA_TTABLE);
    ms__l_check_fields(L, 1, what, flow_fields, false);
    enum ms_flow_kind kind = MS_FLOW_UDP;
    const char *k;
    if (ms__l_opt_string(L, 1, what, "kind", &k)) {
        if (strcmp(k, "udp") == 0)
            kind = MS_FLOW_UDP;
        else if (strcmp(k, "ping") == 0)
            kind = MS_FLOW_PING;
        else
            luaL_error(L, "%s: field 'kind': unknown kind '%s' (\"udp\" or \"ping\")", what, k);
    }
    return flow_common(L, 1, NULL, kind, what);
}

int
ms__l_ping_new(lua_State *L)
{
    static const char what[] = "ping";
    struct ms_snode *from = ms_l_checknode(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    ms__l_check_fields(L, 2, what, ping_fields, false);
    return flow_common(L, 2, from, MS_FLOW_PING, what);
}

/* ---- methods ---------------------------------------------------------- */

static const struct ms_flow_stats *
stats_of(lua_State *L)
{
    return ms_flow_stats(checkflow(L, 1)->flow);
}

#define GETTER(f)                                                                                  \
    static int l_##f(lua_State *L)                                                                 \
    {                                                                                              \
        lua_pushinteger(L, (lua_Integer)stats_of(L)->f);                                           \
        return 1;                                                                                  \
    }
GETTER(sent)
GETTER(received)
GETTER(lost)
GETTER(duplicated)
GETTER(reordered)
#undef GETTER

static int
l_stats(lua_State *L)
{
    const struct ms_flow_stats *s = stats_of(L);
    lua_createtable(L, 0, 12);
#define F(k, v)                                                                                    \
    do {                                                                                           \
        lua_pushinteger(L, (lua_Integer)(v));                                                      \
        lua_setfield(L, -2, k);                                                                    \
    } while (0)
    F("sent", s->sent);
    F("received", s->received);
    F("lost", s->lost);
    F("duplicated", s->duplicated);
    F("reordered", s->reordered);
    F("bytes_sent", s->bytes_sent);
    F("bytes_received", s->bytes_received);
    uint64_t uniq = s->received - s->duplicated;
    if (uniq > 0) {
        F("delay_avg", s->delay_sum_ns / (int64_t)uniq);
        F("delay_max", s->delay_max_ns);
    }
#undef F
    lua_pushstring(L, s->name);
    lua_setfield(L, -2, "name");
    lua_pushstring(L, s->kind);
    lua_setfield(L, -2, "kind");
    return 1;
}

static int
l_name(lua_State *L)
{
    lua_pushstring(L, ms_flow_name(checkflow(L, 1)->flow));
    return 1;
}

static int
l_stop(lua_State *L)
{
    ms_flow_stop(checkflow(L, 1)->flow);
    return 0;
}

static int
l_tostring(lua_State *L)
{
    struct ms_sflow **box = luaL_checkudata(L, 1, MS_L_FLOW);
    if (*box == NULL)
        lua_pushstring(L, "mipsim.flow (removed)");
    else
        lua_pushfstring(L, "mipsim.flow(%s)", ms_flow_name((*box)->flow));
    return 1;
}

static const luaL_Reg flow_methods[] = {
    {"sent", l_sent},
    {"received", l_received},
    {"lost", l_lost},
    {"duplicated", l_duplicated},
    {"reordered", l_reordered},
    {"stats", l_stats},
    {"name", l_name},
    {"stop", l_stop},
    {NULL, NULL},
};

void
ms__l_flow_register(lua_State *L)
{
    ms__l_register_type(L, MS_L_FLOW, flow_methods, l_tostring);
}
