/* sim.link, sim.cell and the "mipsim.link" methods.
 *
 * Addressing (docs/LUA-API.md "Addresses and routes"): a segment gets the
 * prefix given, else 2001:db8:ffXX::/64 with XX its number among segments
 * (01, 02, ...); its i-th member gets <prefix>::i.  A cell gets the prefix
 * given, else its access router's prefix (first cell of that router only),
 * else 2001:db8:ceXX::/64 with XX its number among such cells; the router
 * gets <prefix>::1. */
#include "script/script_int.h"

#include "core/array.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "link/profile.h"
#include "link/replay.h"
#include "wire/ipv6.h"

struct ms_slink *
ms_l_checklink(lua_State *L, int idx)
{
    struct ms_slink **box = luaL_checkudata(L, idx, MS_L_LINK);
    if (*box == NULL)
        luaL_error(L, "attempt to use a removed link");
    return *box;
}

struct ms_slink *
ms__l_find_link(struct ms_script *ctx, const char *name)
{
    for (uint32_t i = 0; i < ctx->nlinks; i++)
        if (strcmp(ctx->links[i]->link->name, name) == 0)
            return ctx->links[i];
    return NULL;
}

struct ms_slink *
ms__l_find_cell(struct ms_script *ctx, const char *ap)
{
    for (uint32_t i = 0; i < ctx->nlinks; i++)
        if (ctx->links[i]->is_cell && strcmp(ctx->links[i]->link->ap_id, ap) == 0)
            return ctx->links[i];
    return NULL;
}

void
ms__l_push_link(lua_State *L, const struct ms_slink *sl)
{
    lua_rawgeti(L, LUA_REGISTRYINDEX, sl->ud_ref);
}

static void
push_new_ud(lua_State *L, struct ms_slink *sl)
{
    struct ms_slink **box = lua_newuserdatauv(L, sizeof *box, 0);
    *box = sl;
    luaL_setmetatable(L, MS_L_LINK);
    lua_pushvalue(L, -1);
    sl->ud_ref = luaL_ref(L, LUA_REGISTRYINDEX);
}

/* "10Mbps", "100kbps", "1Gbps", "64000bps" or an integer (bits per second). */
static uint64_t
parse_bandwidth(lua_State *L, int idx, const char *what)
{
    if (lua_isinteger(L, idx)) {
        lua_Integer v = lua_tointeger(L, idx);
        if (v < 0)
            luaL_error(L, "%s: field 'bandwidth' must not be negative", what);
        return (uint64_t)v;
    }
    const char *s = lua_tostring(L, idx);
    if (lua_type(L, idx) != LUA_TSTRING)
        luaL_error(L,
                   "%s: field 'bandwidth' must be bits per second or a string like "
                   "\"10Mbps\", got %s",
                   what, luaL_typename(L, idx));
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    uint64_t mult = 0;
    if (strcmp(end, "bps") == 0 || *end == '\0')
        mult = 1;
    else if (strcmp(end, "kbps") == 0)
        mult = 1000;
    else if (strcmp(end, "Mbps") == 0)
        mult = 1000000;
    else if (strcmp(end, "Gbps") == 0)
        mult = 1000000000;
    if (end == s || mult == 0 || errno != 0 || v > UINT64_MAX / mult || !isdigit((unsigned char)*s))
        luaL_error(L, "%s: field 'bandwidth': bad value '%s' (expected like \"10Mbps\")", what, s);
    return (uint64_t)v * mult;
}

/* A probability 0..1, or "1%", or "250ppm". */
static uint32_t
parse_loss(lua_State *L, int idx, const char *what)
{
    if (lua_type(L, idx) == LUA_TNUMBER) {
        lua_Number v = lua_tonumber(L, idx);
        if (!(v >= 0 && v <= 1))
            luaL_error(L, "%s: field 'loss' must be a probability in [0, 1]", what);
        return (uint32_t)(v * 1e6 + 0.5);
    }
    if (lua_type(L, idx) == LUA_TSTRING) {
        const char *s = lua_tostring(L, idx);
        char *end;
        double v = strtod(s, &end);
        if (end != s && strcmp(end, "%") == 0 && v >= 0 && v <= 100)
            return (uint32_t)(v * 1e4 + 0.5);
        if (end != s && strcmp(end, "ppm") == 0 && v >= 0 && v <= 1e6)
            return (uint32_t)(v + 0.5);
        luaL_error(L, "%s: field 'loss': bad value '%s' (a probability, \"1%%\" or \"250ppm\")",
                   what, s);
    }
    luaL_error(L, "%s: field 'loss' must be a number or a string, got %s", what,
               luaL_typename(L, idx));
    return 0;
}

static void
parse_params(lua_State *L, int idx, const char *what, struct ms_link_params *p)
{
    int64_t v;
    if (ms__l_opt_time(L, idx, what, "delay", &v)) {
        if (v < 0)
            luaL_error(L, "%s: field 'delay' must not be negative", what);
        p->delay_ns = v;
    }
    if (ms__l_opt_time(L, idx, what, "jitter", &v)) {
        if (v < 0)
            luaL_error(L, "%s: field 'jitter' must not be negative", what);
        p->jitter_ns = v;
    }
    if (lua_getfield(L, idx, "bandwidth") != LUA_TNIL)
        p->bandwidth_bps = parse_bandwidth(L, -1, what);
    lua_pop(L, 1);
    if (lua_getfield(L, idx, "loss") != LUA_TNIL)
        p->loss_ppm = parse_loss(L, -1, what);
    lua_pop(L, 1);
    if (ms__l_opt_int(L, idx, what, "mtu", 1280, 9000, &v))
        p->mtu = (uint32_t)v;
}

static void
check_link_prefix(lua_State *L, struct ms_script *ctx, const struct in6_addr *p, const char *what)
{
    for (uint32_t i = 0; i < ctx->nlinks; i++)
        if (ms_in6_prefix_match(p, &ctx->links[i]->prefix, 64))
            luaL_error(L, "%s: prefix already used by link '%s'", what, ctx->links[i]->link->name);
    for (uint32_t i = 0; i < ctx->nnodes; i++) {
        const struct ms_snode *o = ctx->nodes[i];
        if (o->has_prefix && ms_in6_prefix_match(p, &o->prefix, 64))
            luaL_error(L, "%s: prefix already used by node '%s'", what, o->node->name);
    }
}

static int
add_member(struct ms_slink *sl, struct ms_snode *sn, struct ms_iface *ifc)
{
    struct ms_snode **nn = realloc(sl->nodes, (sl->n + 1) * sizeof *nn);
    if (nn == NULL)
        return -1;
    sl->nodes = nn;
    struct ms_iface **ni = realloc(sl->ifaces, (sl->n + 1) * sizeof *ni);
    if (ni == NULL)
        return -1;
    sl->ifaces = ni;
    sl->nodes[sl->n] = sn;
    sl->ifaces[sl->n] = ifc;
    sl->n++;
    return 0;
}

/* Registers a new link with the context and starts its capture. */
static struct ms_slink *
slink_new(struct ms_script *ctx, enum ms_link_kind kind, const char *name,
          const struct ms_link_params *p, char *msg, size_t msgcap)
{
    if (ms_array_reserve((void **)&ctx->links, ctx->nlinks, &ctx->links_cap, sizeof *ctx->links,
                         8) < 0) {
        snprintf(msg, msgcap, "out of memory");
        return NULL;
    }
    struct ms_slink *sl = calloc(1, sizeof *sl);
    if (sl == NULL) {
        snprintf(msg, msgcap, "out of memory");
        return NULL;
    }
    sl->link = ms_link_new(&ctx->sim, kind, name, p);
    if (sl->link == NULL) {
        free(sl);
        snprintf(msg, msgcap, "out of memory");
        return NULL;
    }
    sl->ctx = ctx;
    sl->index = ctx->nlinks;
    sl->ud_ref = LUA_NOREF;
    sl->is_cell = kind == MS_LINK_CELL;
    ctx->links[ctx->nlinks++] = sl;
    if (ctx->o.pcap_dir != NULL) {
        int rc = ms_link_capture_start(sl->link, ctx->o.pcap_dir);
        if (rc < 0) {
            snprintf(msg, msgcap, "cannot write %s/%s.pcap: %s", ctx->o.pcap_dir, name,
                     ms_strerror(rc));
            return NULL;
        }
    }
    return sl;
}

static void
make_prefix(struct in6_addr *p, uint16_t w2, uint32_t n)
{
    /* 2001:db8:<w2 | n>::/64 */
    memset(p, 0, sizeof *p);
    p->s6_addr[0] = 0x20;
    p->s6_addr[1] = 0x01;
    p->s6_addr[2] = 0x0d;
    p->s6_addr[3] = 0xb8;
    uint16_t w = (uint16_t)(w2 | (n & 0xff));
    p->s6_addr[4] = (uint8_t)(w >> 8);
    p->s6_addr[5] = (uint8_t)w;
}

static int
assign(struct ms_iface *ifc, const struct in6_addr *prefix, uint32_t host)
{
    struct in6_addr a = *prefix;
    a.s6_addr[14] = (uint8_t)(host >> 8);
    a.s6_addr[15] = (uint8_t)host;
    /* Script-assigned addresses need no DAD (they are unique by
     * construction), so the run starts with every router reachable. */
    return ms_addr_add(ifc, &a, 64, MS_ADDR_F_STATIC | MS_ADDR_F_NODAD) ? 0 : -1;
}

static const char *const link_fields[] = {"name", "delay", "jitter", "bandwidth",
                                          "loss", "mtu",   "prefix", NULL};

int
ms__l_link_new(lua_State *L)
{
    static const char what[] = "sim.link";
    struct ms_script *ctx = ms__l_ctx(L);
    luaL_checktype(L, 1, LUA_TTABLE);
    ms__l_check_not_built(L, what);
    ms__l_check_fields(L, 1, what, link_fields, true);
    lua_Integer n = luaL_len(L, 1);
    if (n < 2)
        luaL_error(L, "%s: needs at least two nodes ({a, b, ...}), got %d", what, (int)n);
    struct ms_snode *members[64];
    if (n > 64)
        luaL_error(L, "%s: at most 64 nodes on one segment", what);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_geti(L, 1, i);
        members[i - 1] = ms__l_getnode(L, -1, what, NULL);
        lua_pop(L, 1);
        for (lua_Integer j = 1; j < i; j++)
            if (members[j - 1] == members[i - 1])
                luaL_error(L, "%s: node '%s' listed twice", what, members[i - 1]->node->name);
    }
    /* Positional keys must be exactly 1..n. */
    lua_pushnil(L);
    while (lua_next(L, 1) != 0) {
        lua_pop(L, 1);
        if (lua_isinteger(L, -1) && (lua_tointeger(L, -1) < 1 || lua_tointeger(L, -1) > n))
            luaL_error(L, "%s: unexpected entry [%d]", what, (int)lua_tointeger(L, -1));
    }
    struct ms_link_params p;
    ms_link_params_default(&p);
    parse_params(L, 1, what, &p);

    char name[40];
    const char *given = NULL;
    if (ms__l_opt_string(L, 1, what, "name", &given)) {
        ms__l_check_name(L, what, given, sizeof name);
        if (ms__l_find_link(ctx, given) != NULL)
            luaL_error(L, "%s: duplicate link name '%s'", what, given);
        snprintf(name, sizeof name, "%s", given);
    } else {
        /* "a-b" (or "a-b-c" ...), "-2", "-3" appended for parallel links. */
        char base[40] = "";
        for (lua_Integer i = 0; i < n; i++) {
            size_t l = strlen(base);
            snprintf(base + l, sizeof base - l, "%s%s", i ? "-" : "", members[i]->node->name);
        }
        snprintf(name, sizeof name, "%s", base);
        for (int k = 2; ms__l_find_link(ctx, name) != NULL; k++) {
            char suffix[12];
            snprintf(suffix, sizeof suffix, "-%d", k);
            size_t room = sizeof name - strlen(suffix) - 1;
            snprintf(name, sizeof name, "%.*s%s", (int)room, base, suffix);
        }
    }
    struct in6_addr prefix;
    uint8_t plen = 64;
    if (ms__l_opt_prefix(L, 1, what, "prefix", &prefix, &plen)) {
        check_link_prefix(L, ctx, &prefix, what);
    } else {
        if (ctx->n_segments >= 255)
            luaL_error(L, "%s: more than 255 segments without an explicit prefix", what);
        make_prefix(&prefix, 0xff00, ctx->n_segments + 1);
        check_link_prefix(L, ctx, &prefix, what);
    }
    char msg[256];
    struct ms_slink *sl = slink_new(ctx, MS_LINK_SEGMENT, name, &p, msg, sizeof msg);
    if (sl == NULL)
        luaL_error(L, "%s: %s", what, msg);
    ctx->n_segments++;
    sl->prefix = prefix;
    sl->plen = plen;
    for (lua_Integer i = 0; i < n; i++) {
        struct ms_iface *ifc = ms__l_iface_new(members[i], false);
        if (ifc == NULL || ms_link_attach(sl->link, ifc) < 0 ||
            add_member(sl, members[i], ifc) < 0 || assign(ifc, &prefix, (uint32_t)i + 1) < 0)
            luaL_error(L, "%s: cannot add node '%s' (out of memory or interface full)", what,
                       members[i]->node->name);
    }
    push_new_ud(L, sl);
    return 1;
}

struct ms_slink *
ms__l_cell_create(struct ms_script *ctx, struct ms_snode *ar, const char *name, const char *ap,
                  enum ms_link_profile prof, const struct ms_link_params *p,
                  const struct in6_addr *prefix, uint8_t plen, bool implicit, char *msg,
                  size_t msgcap)
{
    struct ms_slink *sl = slink_new(ctx, MS_LINK_CELL, name, p, msg, msgcap);
    if (sl == NULL)
        return NULL;
    ms_cell_set_ap(sl->link, ap, prof);
    sl->implicit = implicit;
    sl->prefix = *prefix;
    sl->plen = plen;
    sl->ar = ar;
    sl->ar_if = ms__l_iface_new(ar, false);
    if (sl->ar_if == NULL || ms_link_attach(sl->link, sl->ar_if) < 0 ||
        add_member(sl, ar, sl->ar_if) < 0 || assign(sl->ar_if, prefix, 1) < 0) {
        snprintf(msg, msgcap, "cannot add an interface to '%s'", ar->node->name);
        return NULL;
    }
    return sl;
}

static bool
ar_has_cell_with_prefix(struct ms_script *ctx, const struct ms_snode *ar)
{
    for (uint32_t i = 0; i < ctx->nlinks; i++)
        if (ctx->links[i]->is_cell && ctx->links[i]->ar == ar &&
            ms_in6_prefix_match(&ctx->links[i]->prefix, &ar->prefix, 64))
            return true;
    return false;
}

static const char *const cell_fields[] = {
    "ar", "ap", "profile", "name", "delay", "jitter", "bandwidth", "loss", "mtu", "prefix", NULL};

int
ms__l_cell_new(lua_State *L)
{
    static const char what[] = "sim.cell";
    struct ms_script *ctx = ms__l_ctx(L);
    luaL_checktype(L, 1, LUA_TTABLE);
    ms__l_check_not_built(L, what);
    ms__l_check_fields(L, 1, what, cell_fields, false);
    if (lua_getfield(L, 1, "ar") == LUA_TNIL)
        luaL_error(L, "%s: field 'ar' is required", what);
    struct ms_snode *ar = ms__l_getnode(L, -1, what, "ar");
    lua_pop(L, 1);
    if (!ar->node->forwarding)
        luaL_error(L,
                   "%s: field 'ar': node '%s' is not a router (role \"ar\", \"ha\" or \"router\")",
                   what, ar->node->name);
    const char *ap;
    if (!ms__l_opt_string(L, 1, what, "ap", &ap))
        luaL_error(L, "%s: field 'ap' is required", what);
    ms__l_check_name(L, what, ap, 33);
    if (ms__l_find_cell(ctx, ap) != NULL)
        luaL_error(L, "%s: duplicate access point '%s'", what, ap);
    enum ms_link_profile prof = MS_PROFILE_GENERIC;
    const char *pname;
    if (ms__l_opt_string(L, 1, what, "profile", &pname) && ms_link_profile_parse(pname, &prof) < 0)
        luaL_error(L,
                   "%s: field 'profile': unknown profile '%s' (\"generic\", \"802.11\", "
                   "\"802.16e\", \"cdma3g\")",
                   what, pname);
    struct ms_link_params p;
    ms_link_profile_params(prof, &p);
    parse_params(L, 1, what, &p);
    const char *name = ap;
    if (ms__l_opt_string(L, 1, what, "name", &name))
        ms__l_check_name(L, what, name, 40);
    if (ms__l_find_link(ctx, name) != NULL)
        luaL_error(L, "%s: duplicate link name '%s'", what, name);

    if (ar->kind == MS_SN_HA && ar->home == NULL)
        ms__l_ha_prefix_ensure(L, ctx, ar, NULL);
    struct in6_addr prefix;
    uint8_t plen = 64;
    if (ms__l_opt_prefix(L, 1, what, "prefix", &prefix, &plen)) {
        bool own = ar->has_prefix && ms_in6_equal(&prefix, &ar->prefix);
        if (!own || ar_has_cell_with_prefix(ctx, ar))
            check_link_prefix(L, ctx, &prefix, what);
    } else if (ar->has_prefix && !ar_has_cell_with_prefix(ctx, ar)) {
        prefix = ar->prefix;
    } else {
        if (ctx->n_auto_cells >= 255)
            luaL_error(L, "%s: more than 255 cells without an explicit prefix", what);
        make_prefix(&prefix, 0xce00, ++ctx->n_auto_cells);
        check_link_prefix(L, ctx, &prefix, what);
    }
    char msg[256];
    struct ms_slink *sl =
        ms__l_cell_create(ctx, ar, name, ap, prof, &p, &prefix, plen, false, msg, sizeof msg);
    if (sl == NULL)
        luaL_error(L, "%s: %s", what, msg);
    if (ar->kind == MS_SN_HA && ar->home == NULL)
        ar->home = sl;
    push_new_ud(L, sl);
    return 1;
}

/* ---- methods ---------------------------------------------------------- */

static int
l_name(lua_State *L)
{
    lua_pushstring(L, ms_l_checklink(L, 1)->link->name);
    return 1;
}

static int
l_ap(lua_State *L)
{
    struct ms_slink *sl = ms_l_checklink(L, 1);
    if (!sl->is_cell)
        return 0;
    lua_pushstring(L, sl->link->ap_id);
    return 1;
}

static int
l_prefix(lua_State *L)
{
    struct ms_slink *sl = ms_l_checklink(L, 1);
    char buf[MS_IN6_PREFIX_STRLEN];
    if (ms_in6_prefix_format(&sl->prefix, sl->plen, buf, sizeof buf) < 0)
        buf[0] = '\0';
    lua_pushstring(L, buf);
    return 1;
}

static int
l_nodes(lua_State *L)
{
    struct ms_slink *sl = ms_l_checklink(L, 1);
    lua_createtable(L, (int)sl->n, 0);
    for (uint32_t i = 0; i < sl->n; i++) {
        ms__l_push_node(L, sl->nodes[i]);
        lua_seti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static int
l_counters(lua_State *L)
{
    struct ms_slink *sl = ms_l_checklink(L, 1);
    const struct ms_link_counters *c = &sl->link->ctr;
    lua_createtable(L, 0, 10);
#define C(f)                                                                                       \
    do {                                                                                           \
        lua_pushinteger(L, (lua_Integer)c->f);                                                     \
        lua_setfield(L, -2, #f);                                                                   \
    } while (0)
    C(frames);
    C(bytes);
    C(lost);
    C(too_big);
    C(dropped_down);
    C(delivered);
    C(no_bufs);
    C(l2_events);
    C(injected);
    C(malformed);
#undef C
    return 1;
}

/* link:replay(path [, start]): puts the frames of an Ethernet capture on
 * the link at their recorded relative times, from start (default now). */
static int
l_replay(lua_State *L)
{
    struct ms_slink *sl = ms_l_checklink(L, 1);
    const char *path = luaL_checkstring(L, 2);
    struct ms_script *ctx = ms__l_ctx(L);
    int64_t start = ms_sim_now(&ctx->sim);
    if (!lua_isnoneornil(L, 3))
        start = ms__l_checktime(L, 3, "replay");
    char err[256] = "";
    int rc = ms_replay_start(sl->link, path, start, NULL, err, sizeof err);
    if (rc < 0)
        luaL_error(L, "replay: %s", err[0] ? err : ms_strerror(rc));
    return 0;
}

static int
l_tostring(lua_State *L)
{
    struct ms_slink **box = luaL_checkudata(L, 1, MS_L_LINK);
    if (*box == NULL)
        lua_pushstring(L, "mipsim.link (removed)");
    else
        lua_pushfstring(L, "mipsim.link(%s%s)", (*box)->link->name,
                        (*box)->is_cell ? ", cell" : "");
    return 1;
}

static const luaL_Reg link_methods[] = {
    {"name", l_name},         {"ap", l_ap},         {"prefix", l_prefix}, {"nodes", l_nodes},
    {"counters", l_counters}, {"replay", l_replay}, {NULL, NULL},
};

void
ms__l_link_register(lua_State *L)
{
    ms__l_register_type(L, MS_L_LINK, link_methods, l_tostring);
}
