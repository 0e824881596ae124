/* sim.node and the "mipsim.node" methods. */
#include "script/script_int.h"

#include "core/array.h"

#include <stdlib.h>
#include <string.h>

#include "core/time.h"
#include "link/profile.h"
#include "wire/codepoints_names.h"
#include "wire/ipv6.h"
#include "wire/mh.h"

static const char *const kind_names[] = {"host", "router", "ar", "ha", "mn", "cn"};

const char *
ms__l_kind_name(enum ms_snode_kind k)
{
    return (unsigned)k < sizeof kind_names / sizeof kind_names[0] ? kind_names[k] : "?";
}

struct ms_snode *
ms__l_tonode(lua_State *L, int idx)
{
    struct ms_snode **box = luaL_testudata(L, idx, MS_L_NODE);
    return box ? *box : NULL;
}

struct ms_snode *
ms_l_checknode(lua_State *L, int idx)
{
    struct ms_snode **box = luaL_checkudata(L, idx, MS_L_NODE);
    if (*box == NULL)
        luaL_error(L, "attempt to use a removed node");
    return *box;
}

struct ms_snode *
ms__l_find_node(struct ms_script *ctx, const char *name)
{
    for (uint32_t i = 0; i < ctx->nnodes; i++)
        if (strcmp(ctx->nodes[i]->node->name, name) == 0)
            return ctx->nodes[i];
    return NULL;
}

struct ms_snode *
ms__l_getnode(lua_State *L, int idx, const char *what, const char *field)
{
    struct ms_script *ctx = ms__l_ctx(L);
    char label[64] = "";
    if (field != NULL)
        snprintf(label, sizeof label, "field '%s': ", field);
    if (lua_type(L, idx) == LUA_TSTRING) {
        const char *name = lua_tostring(L, idx);
        struct ms_snode *sn = ms__l_find_node(ctx, name);
        if (sn == NULL)
            luaL_error(L, "%s: %sunknown node '%s'", what, label, name);
        return sn;
    }
    struct ms_snode *sn = ms__l_tonode(L, idx);
    if (sn == NULL)
        luaL_error(L, "%s: %smipsim.node expected, got %s", what, label, luaL_typename(L, idx));
    return sn;
}

void
ms__l_push_node(lua_State *L, const struct ms_snode *sn)
{
    lua_rawgeti(L, LUA_REGISTRYINDEX, sn->ud_ref);
}

bool
ms__l_node_primary(const struct ms_snode *sn, struct in6_addr *out)
{
    if (sn->kind == MS_SN_MN && sn->has_hoa) {
        *out = sn->hoa;
        return true;
    }
    const struct ms_node *n = sn->node;
    for (uint32_t i = 0; i < n->nifaces; i++) {
        const struct ms_iface *ifc = n->ifaces[i];
        for (unsigned j = 0; j < MS_IFACE_MAX_ADDRS; j++) {
            const struct ms_addr *a = &ifc->addrs[j];
            if (a->state != MS_ADDR_NONE && (a->flags & MS_ADDR_F_STATIC) &&
                ms_in6_is_routable_unicast(&a->addr)) {
                *out = a->addr;
                return true;
            }
        }
    }
    return false;
}

struct ms_iface *
ms__l_iface_new(struct ms_snode *sn, bool radio)
{
    /* 02:00 (locally administered, unicast), node number, interface number:
     * deterministic and unique within the run. */
    uint32_t k = sn->index + 1;
    struct ms_mac mac = {
        {0x02, 0x00, (uint8_t)(k >> 8), (uint8_t)k, 0x00, (uint8_t)(sn->node->nifaces + 1)}};
    return ms_iface_new(sn->node, &mac, radio);
}

static void ho_timer_cb(struct ms_timer *t);

/* ---- sim.node ---------------------------------------------------------- */

static const char *const node_fields[] = {"name",
                                          "role",
                                          "forwarding",
                                          "nd",
                                          "prefix",
                                          "ra",
                                          "home_agent",
                                          "hoa",
                                          "route_optimization",
                                          "lifetime",
                                          "cn_lifetime",
                                          "skip_rs_delay",
                                          "bu_retry_forever",
                                          "refresh_percent",
                                          "preference",
                                          "dad",
                                          "max_bindings",
                                          "brr_lead",
                                          "home_plen",
                                          NULL};

/* ms_nd_params fields by name (times as strings or ns). */
struct nd_field {
    const char *name;
    size_t off;
    char type; /* 't' time, 'b' uint8, 'B' bool, 'u' uint32 */
};
#define NDF(n, t)                                                                                  \
    {                                                                                              \
#n, offsetof(struct ms_nd_params, n##_ns), t                                               \
    }
static const struct nd_field nd_fields[] = {
    NDF(max_rtr_solicitation_delay, 't'),
    NDF(rtr_solicitation_interval, 't'),
    {"max_rtr_solicitations", offsetof(struct ms_nd_params, max_rtr_solicitations), 'b'},
    {"dup_addr_detect_transmits", offsetof(struct ms_nd_params, dup_addr_detect_transmits), 'b'},
    NDF(retrans_timer, 't'),
    NDF(reachable_time, 't'),
    NDF(delay_first_probe_time, 't'),
    {"max_multicast_solicit", offsetof(struct ms_nd_params, max_multicast_solicit), 'b'},
    {"max_unicast_solicit", offsetof(struct ms_nd_params, max_unicast_solicit), 'b'},
    {"max_delay_dad", offsetof(struct ms_nd_params, max_delay_dad), 'B'},
    NDF(min_rtr_adv_interval, 't'),
    NDF(max_rtr_adv_interval, 't'),
    NDF(max_ra_delay_time, 't'),
    NDF(min_delay_between_ras, 't'),
    {"router_lifetime", offsetof(struct ms_nd_params, router_lifetime_s), 'u'},
    {"cur_hop_limit", offsetof(struct ms_nd_params, cur_hop_limit), 'b'},
};
#undef NDF
#define N_ND_FIELDS (sizeof nd_fields / sizeof nd_fields[0])

static void
parse_nd(lua_State *L, int idx, const char *what, struct ms_nd_params *p)
{
    idx = lua_absindex(L, idx);
    const char *allowed[N_ND_FIELDS + 1];
    for (size_t i = 0; i < N_ND_FIELDS; i++)
        allowed[i] = nd_fields[i].name;
    allowed[N_ND_FIELDS] = NULL;
    ms__l_check_fields(L, idx, what, allowed, false);
    for (size_t i = 0; i < N_ND_FIELDS; i++) {
        const struct nd_field *f = &nd_fields[i];
        char *base = (char *)p + f->off;
        int64_t v;
        bool b;
        switch (f->type) {
        case 't':
            if (ms__l_opt_time(L, idx, what, f->name, &v)) {
                if (v < 0)
                    luaL_error(L, "%s: field '%s' must not be negative", what, f->name);
                memcpy(base, &v, sizeof v);
            }
            break;
        case 'b':
            if (ms__l_opt_int(L, idx, what, f->name, 0, 255, &v)) {
                uint8_t u = (uint8_t)v;
                memcpy(base, &u, 1);
            }
            break;
        case 'u':
            if (ms__l_opt_int(L, idx, what, f->name, 0, 65535, &v)) {
                uint32_t u = (uint32_t)v;
                memcpy(base, &u, sizeof u);
            }
            break;
        case 'B':
            if (ms__l_opt_bool(L, idx, what, f->name, &b))
                memcpy(base, &b, sizeof b);
            break;
        default:
            break;
        }
    }
}

static const char *const ra_fields[] = {
    "min_interval",        "max_interval", "min_delay_between", "max_delay",          "lifetime",
    "adv_interval_option", "mtu_option",   "valid_lifetime",    "preferred_lifetime", NULL};

static void
parse_ra(lua_State *L, int idx, struct ms_snode *sn)
{
    static const char what[] = "sim.node: field 'ra'";
    idx = lua_absindex(L, idx);
    ms__l_check_fields(L, idx, what, ra_fields, false);
    struct ms_nd_params *p = &sn->node->nd;
    int64_t v;
    if (ms__l_opt_time(L, idx, what, "min_interval", &v))
        p->min_rtr_adv_interval_ns = v;
    if (ms__l_opt_time(L, idx, what, "max_interval", &v))
        p->max_rtr_adv_interval_ns = v;
    if (ms__l_opt_time(L, idx, what, "min_delay_between", &v))
        p->min_delay_between_ras_ns = v;
    if (ms__l_opt_time(L, idx, what, "max_delay", &v))
        p->max_ra_delay_time_ns = v;
    if (ms__l_opt_int(L, idx, what, "lifetime", 0, 9000, &v))
        p->router_lifetime_s = (uint32_t)v;
    if (ms__l_opt_int(L, idx, what, "valid_lifetime", 0, UINT32_MAX, &v))
        sn->ra_prefix_valid_s = (uint32_t)v;
    if (ms__l_opt_int(L, idx, what, "preferred_lifetime", 0, UINT32_MAX, &v))
        sn->ra_prefix_preferred_s = (uint32_t)v;
    ms__l_opt_bool(L, idx, what, "adv_interval_option", &sn->ra_adv_interval_opt);
    ms__l_opt_bool(L, idx, what, "mtu_option", &sn->ra_mtu_opt);
    if (p->max_rtr_adv_interval_ns <= 0 || p->min_rtr_adv_interval_ns > p->max_rtr_adv_interval_ns)
        luaL_error(L, "%s: min_interval must not exceed max_interval (and max_interval > 0)", what);
}

/* Fields that only some roles take. */
static void
check_role_fields(lua_State *L, enum ms_snode_kind k)
{
    static const struct {
        const char *field;
        unsigned kinds; /* bit per enum ms_snode_kind */
    } only[] = {
        {"prefix", 1u << MS_SN_AR | 1u << MS_SN_HA | 1u << MS_SN_ROUTER},
        {"ra", 1u << MS_SN_AR | 1u << MS_SN_HA | 1u << MS_SN_ROUTER},
        {"home_agent", 1u << MS_SN_MN},
        {"hoa", 1u << MS_SN_MN},
        {"route_optimization", 1u << MS_SN_MN | 1u << MS_SN_CN},
        {"lifetime", 1u << MS_SN_MN | 1u << MS_SN_HA | 1u << MS_SN_CN},
        {"cn_lifetime", 1u << MS_SN_MN},
        {"skip_rs_delay", 1u << MS_SN_MN},
        {"bu_retry_forever", 1u << MS_SN_MN},
        {"refresh_percent", 1u << MS_SN_MN},
        {"home_plen", 1u << MS_SN_MN},
        {"preference", 1u << MS_SN_HA},
        {"dad", 1u << MS_SN_HA},
        {"max_bindings", 1u << MS_SN_HA | 1u << MS_SN_CN},
        {"brr_lead", 1u << MS_SN_CN},
    };
    for (size_t i = 0; i < sizeof only / sizeof only[0]; i++) {
        if (lua_getfield(L, 1, only[i].field) != LUA_TNIL && !(only[i].kinds & (1u << k)))
            luaL_error(L, "sim.node: field '%s' does not apply to role '%s'", only[i].field,
                       ms__l_kind_name(k));
        lua_pop(L, 1);
    }
}

/* A prefix or address may belong to one node or link only. */
static void
check_prefix_unique(lua_State *L, struct ms_script *ctx, const struct in6_addr *p, uint8_t plen,
                    const char *what)
{
    for (uint32_t i = 0; i < ctx->nnodes; i++) {
        const struct ms_snode *o = ctx->nodes[i];
        if (o->has_prefix && ms_in6_prefix_match(p, &o->prefix, plen < o->plen ? plen : o->plen))
            luaL_error(L, "%s: prefix overlaps the prefix of node '%s'", what, o->node->name);
    }
    for (uint32_t i = 0; i < ctx->nlinks; i++) {
        const struct ms_slink *l = ctx->links[i];
        if (ms_in6_prefix_match(p, &l->prefix, plen < l->plen ? plen : l->plen))
            luaL_error(L, "%s: prefix overlaps the prefix of link '%s'", what, l->link->name);
    }
}

/* The home prefix of a home agent: given, adopted from the first home
 * address naming it, or 2001:db8:aaXX::/64 (XX: its number among home
 * agents, from 00). */
void
ms__l_ha_prefix_ensure(lua_State *L, struct ms_script *ctx, struct ms_snode *ha,
                       const struct in6_addr *hoa)
{
    if (ha->has_prefix)
        return;
    struct in6_addr p;
    if (hoa != NULL) {
        p = *hoa;
        ms_in6_make_prefix(&p, 64);
    } else {
        uint32_t k = 0;
        for (uint32_t i = 0; i < ha->index; i++)
            if (ctx->nodes[i]->kind == MS_SN_HA)
                k++;
        memset(&p, 0, sizeof p);
        p.s6_addr[0] = 0x20;
        p.s6_addr[1] = 0x01;
        p.s6_addr[2] = 0x0d;
        p.s6_addr[3] = 0xb8;
        p.s6_addr[4] = 0xaa;
        p.s6_addr[5] = (uint8_t)k;
    }
    check_prefix_unique(L, ctx, &p, 64, "home prefix");
    ha->prefix = p;
    ha->plen = 64;
    ha->has_prefix = true;
}

static void
parse_mn(lua_State *L, struct ms_script *ctx, struct ms_snode *sn)
{
    static const char what[] = "sim.node";
    ms_mn_cfg_default(&sn->mn_cfg);
    if (lua_getfield(L, 1, "home_agent") != LUA_TNIL) {
        struct ms_snode *ha = ms__l_getnode(L, -1, what, "home_agent");
        if (ha->kind != MS_SN_HA)
            luaL_error(L, "%s: field 'home_agent': node '%s' is not a home agent (role '%s')", what,
                       ha->node->name, ms__l_kind_name(ha->kind));
        sn->ha = ha;
    } else {
        for (uint32_t i = 0; i < ctx->nnodes; i++) {
            if (ctx->nodes[i]->kind != MS_SN_HA)
                continue;
            if (sn->ha != NULL)
                luaL_error(L, "%s: several home agents exist: give field 'home_agent'", what);
            sn->ha = ctx->nodes[i];
        }
        if (sn->ha == NULL)
            luaL_error(L,
                       "%s: mobile node '%s' needs a home agent: create a node with role "
                       "\"ha\" first, or give field 'home_agent'",
                       what, sn->node->name);
    }
    lua_pop(L, 1);
    if (ms__l_opt_addr(L, 1, what, "hoa", &sn->hoa)) {
        sn->has_hoa = true;
        for (uint32_t i = 0; i < ctx->nnodes; i++) {
            const struct ms_snode *o = ctx->nodes[i];
            if (o != sn && o->has_hoa && ms_in6_equal(&o->hoa, &sn->hoa))
                luaL_error(L, "%s: field 'hoa': duplicate address (home address of '%s')", what,
                           o->node->name);
        }
        ms__l_ha_prefix_ensure(L, ctx, sn->ha, &sn->hoa);
        if (!ms_in6_prefix_match(&sn->hoa, &sn->ha->prefix, sn->ha->plen))
            luaL_error(L, "%s: field 'hoa': not on the home prefix of '%s'", what,
                       sn->ha->node->name);
    } else {
        /* <home prefix>::<10 + k> for the k-th mobile node of that home agent
         * without an explicit home address. */
        ms__l_ha_prefix_ensure(L, ctx, sn->ha, NULL);
        for (;;) {
            uint32_t host = 0x10 + sn->ha->mn_count++;
            struct in6_addr a = sn->ha->prefix;
            a.s6_addr[14] = (uint8_t)(host >> 8);
            a.s6_addr[15] = (uint8_t)host;
            bool taken = false;
            for (uint32_t i = 0; i < ctx->nnodes; i++)
                if (ctx->nodes[i]->has_hoa && ms_in6_equal(&ctx->nodes[i]->hoa, &a))
                    taken = true;
            if (!taken) {
                sn->hoa = a;
                break;
            }
        }
        sn->has_hoa = true;
    }
    int64_t v;
    if (ms__l_opt_int(L, 1, what, "lifetime", 4, MS_MH_LIFETIME4_MAX_S, &v))
        sn->mn_cfg.lifetime_s = (uint32_t)v;
    if (ms__l_opt_int(L, 1, what, "cn_lifetime", 4, 420, &v))
        sn->mn_cfg.cn_lifetime_s = (uint32_t)v;
    if (ms__l_opt_int(L, 1, what, "refresh_percent", 1, 100, &v))
        sn->mn_cfg.refresh_percent = (uint8_t)v;
    if (ms__l_opt_int(L, 1, what, "home_plen", 1, 127, &v))
        sn->mn_cfg.home_plen = (uint8_t)v;
    ms__l_opt_bool(L, 1, what, "skip_rs_delay", &sn->mn_cfg.skip_rs_delay);
    ms__l_opt_bool(L, 1, what, "bu_retry_forever", &sn->mn_cfg.bu_retry_forever);
    int t = lua_getfield(L, 1, "route_optimization");
    if (t == LUA_TBOOLEAN) {
        sn->mn_cfg.ro_all = lua_toboolean(L, -1);
    } else if (t == LUA_TTABLE) {
        lua_Integer n = luaL_len(L, -1);
        if (n > MS_MN_MAX_RO_CNS)
            luaL_error(L, "%s: field 'route_optimization': at most %d correspondents", what,
                       MS_MN_MAX_RO_CNS);
        for (lua_Integer i = 1; i <= n; i++) {
            lua_geti(L, -1, i);
            struct ms_snode *cn = ms__l_getnode(L, -1, what, "route_optimization");
            if (cn->kind != MS_SN_CN)
                luaL_error(L,
                           "%s: field 'route_optimization': node '%s' is not a correspondent "
                           "(role \"cn\")",
                           what, cn->node->name);
            sn->ro[sn->n_ro++] = cn;
            lua_pop(L, 1);
        }
    } else if (t != LUA_TNIL) {
        luaL_error(L, "%s: field 'route_optimization' must be a boolean or a list of nodes, got %s",
                   what, luaL_typename(L, -1));
    }
    lua_pop(L, 1);
    sn->radio = ms__l_iface_new(sn, true);
    if (sn->radio == NULL)
        luaL_error(L, "%s: out of memory", what);
    ms_timer_init(&sn->ho_timer, ho_timer_cb, sn);
}

static void
parse_router(lua_State *L, struct ms_script *ctx, struct ms_snode *sn)
{
    static const char what[] = "sim.node";
    struct in6_addr p;
    uint8_t plen;
    if (ms__l_opt_prefix(L, 1, what, "prefix", &p, &plen)) {
        check_prefix_unique(L, ctx, &p, plen, "sim.node: field 'prefix'");
        sn->prefix = p;
        sn->plen = plen;
        sn->has_prefix = true;
    }
    sn->ra_adv_interval_opt = true;
    sn->ra_prefix_valid_s = 86400;
    sn->ra_prefix_preferred_s = 14400;
    /* RFC 6275 s7.5: mobility-friendly router timing (MinDelayBetweenRAs may
     * go down to 30 ms; unsolicited RAs every 0.5-1.5 s). */
    sn->node->nd.min_delay_between_ras_ns = 30 * MS_NS_PER_MS;
    sn->node->nd.max_rtr_adv_interval_ns = 1500 * MS_NS_PER_MS;
    sn->node->nd.min_rtr_adv_interval_ns = 500 * MS_NS_PER_MS;
    if (lua_getfield(L, 1, "ra") != LUA_TNIL) {
        if (!lua_istable(L, -1))
            luaL_error(L, "%s: field 'ra' must be a table, got %s", what, luaL_typename(L, -1));
        parse_ra(L, -1, sn);
    }
    lua_pop(L, 1);
    int64_t v;
    if (sn->kind == MS_SN_HA) {
        ms_ha_cfg_default(&sn->ha_cfg);
        if (ms__l_opt_int(L, 1, what, "lifetime", 4, MS_MH_LIFETIME4_MAX_S, &v))
            sn->ha_cfg.max_binding_lifetime_s = (uint32_t)v;
        if (ms__l_opt_int(L, 1, what, "preference", 0, 65535, &v))
            sn->ha_cfg.preference = (uint16_t)v;
        if (ms__l_opt_int(L, 1, what, "max_bindings", 1, 1 << 20, &v))
            sn->ha_cfg.max_bindings = (uint32_t)v;
        ms__l_opt_bool(L, 1, what, "dad", &sn->ha_cfg.dad);
    }
}

static void
parse_cn(lua_State *L, struct ms_snode *sn)
{
    static const char what[] = "sim.node";
    int64_t v;
    ms_cn_cfg_default(&sn->cn_cfg);
    ms__l_opt_bool(L, 1, what, "route_optimization", &sn->cn_cfg.route_optimize);
    if (ms__l_opt_int(L, 1, what, "lifetime", 4, 420, &v))
        sn->cn_cfg.max_lifetime_s = (uint32_t)v;
    if (ms__l_opt_int(L, 1, what, "max_bindings", 1, 1 << 20, &v))
        sn->cn_cfg.max_bindings = (uint32_t)v;
    ms__l_opt_time(L, 1, what, "brr_lead", &sn->cn_cfg.brr_lead_ns);
}

static enum ms_snode_kind
parse_kind(lua_State *L)
{
    const char *role = NULL;
    if (!ms__l_opt_string(L, 1, "sim.node", "role", &role))
        return MS_SN_HOST;
    for (unsigned k = 0; k < sizeof kind_names / sizeof kind_names[0]; k++)
        if (strcmp(role, kind_names[k]) == 0)
            return (enum ms_snode_kind)k;
    luaL_error(L,
               "sim.node: field 'role': unknown role '%s' (expected \"mn\", \"ha\", \"cn\", "
               "\"ar\", \"router\" or \"host\")",
               role);
    return MS_SN_HOST;
}

int
ms__l_node_new(lua_State *L)
{
    struct ms_script *ctx = ms__l_ctx(L);
    luaL_checktype(L, 1, LUA_TTABLE);
    ms__l_check_not_built(L, "sim.node");
    ms__l_check_fields(L, 1, "sim.node", node_fields, false);
    const char *name;
    if (!ms__l_opt_string(L, 1, "sim.node", "name", &name))
        luaL_error(L, "sim.node: field 'name' is required");
    ms__l_check_name(L, "sim.node", name, MS_NODE_NAME_MAX);
    if (ms__l_find_node(ctx, name) != NULL)
        luaL_error(L, "sim.node: duplicate node name '%s'", name);
    enum ms_snode_kind kind = parse_kind(L);
    check_role_fields(L, kind);
    bool forwarding = kind == MS_SN_AR || kind == MS_SN_HA || kind == MS_SN_ROUTER;
    ms__l_opt_bool(L, 1, "sim.node", "forwarding", &forwarding);
    if (kind == MS_SN_MN && forwarding)
        luaL_error(L, "sim.node: a mobile node cannot forward (mobile routers are not supported)");
    if ((kind == MS_SN_AR || kind == MS_SN_HA) && !forwarding)
        luaL_error(L, "sim.node: role '%s' needs forwarding", ms__l_kind_name(kind));

    if (ms_array_reserve((void **)&ctx->nodes, ctx->nnodes, &ctx->nodes_cap, sizeof *ctx->nodes,
                         8) < 0)
        luaL_error(L, "sim.node: out of memory");
    struct ms_snode *sn = calloc(1, sizeof *sn);
    if (sn == NULL)
        luaL_error(L, "sim.node: out of memory");
    sn->node = ms_node_new(&ctx->sim, name, forwarding);
    if (sn->node == NULL) {
        free(sn);
        luaL_error(L, "sim.node: out of memory");
    }
    sn->ctx = ctx;
    sn->kind = kind;
    sn->index = ctx->nnodes;
    sn->ud_ref = LUA_NOREF;
    ctx->nodes[ctx->nnodes++] = sn; /* owned from here on, even if parsing fails */

    switch (kind) {
    case MS_SN_AR:
    case MS_SN_HA:
    case MS_SN_ROUTER:
        parse_router(L, ctx, sn);
        break;
    case MS_SN_MN:
        parse_mn(L, ctx, sn);
        break;
    case MS_SN_CN:
        parse_cn(L, sn);
        break;
    default:
        break;
    }
    /* After the role defaults (RA timing), so that an explicit nd table wins. */
    if (lua_getfield(L, 1, "nd") != LUA_TNIL) {
        if (!lua_istable(L, -1))
            luaL_error(L, "sim.node: field 'nd' must be a table, got %s", luaL_typename(L, -1));
        parse_nd(L, -1, "sim.node: field 'nd'", &sn->node->nd);
    }
    lua_pop(L, 1);

    struct ms_snode **box = lua_newuserdatauv(L, sizeof *box, 0);
    *box = sn;
    luaL_setmetatable(L, MS_L_NODE);
    lua_pushvalue(L, -1);
    sn->ud_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    return 1;
}

/* ---- handover choreography ------------------------------------------- */

void
ms__l_node_attach(struct ms_snode *sn, struct ms_slink *cell)
{
    if (ms_cell_attach(cell->link, sn->radio) == 0)
        sn->cell = cell;
}

void
ms__l_node_detach(struct ms_snode *sn)
{
    if (sn->cell != NULL)
        ms_cell_detach(sn->cell->link, sn->radio);
    sn->cell = NULL;
}

static void
ho_timer_cb(struct ms_timer *t)
{
    struct ms_snode *sn = t->data;
    struct ms_sched *s = &sn->ctx->sim.sched;
    if (sn->ho_stage == 1) {
        ms__l_node_detach(sn);
        sn->ho_stage = 2;
        ms_timer_start(s, &sn->ho_timer, sn->ho_gap_ns);
    } else if (sn->ho_stage == 2) {
        sn->ho_stage = 0;
        ms__l_node_attach(sn, sn->ho_target);
    }
}

static struct ms_snode *
check_mobile(lua_State *L, const char *what)
{
    struct ms_snode *sn = ms_l_checknode(L, 1);
    if (sn->radio == NULL)
        luaL_error(L, "%s: node '%s' has no radio (only role \"mn\" attaches to cells)", what,
                   sn->node->name);
    ms__l_ensure_built(L, what);
    return sn;
}

static struct ms_slink *
get_cell(lua_State *L, int idx, const char *what)
{
    struct ms_script *ctx = ms__l_ctx(L);
    if (lua_type(L, idx) == LUA_TSTRING) {
        const char *ap = lua_tostring(L, idx);
        struct ms_slink *c = ms__l_find_cell(ctx, ap);
        if (c == NULL)
            luaL_error(L, "%s: unknown access point '%s'", what, ap);
        return c;
    }
    struct ms_slink *c = ms_l_checklink(L, idx);
    if (!c->is_cell)
        luaL_error(L, "%s: link '%s' is not a cell", what, c->link->name);
    return c;
}

static void
cancel_handover(struct ms_snode *sn)
{
    ms_timer_stop(&sn->ctx->sim.sched, &sn->ho_timer);
    sn->ho_stage = 0;
}

static int
l_attach(lua_State *L)
{
    struct ms_snode *sn = check_mobile(L, "attach");
    struct ms_slink *cell = get_cell(L, 2, "attach");
    if (sn->cell == cell)
        return 0;
    if (sn->cell != NULL)
        luaL_error(L, "attach: '%s' is attached to '%s' (use :handover or :detach first)",
                   sn->node->name, sn->cell->link->ap_id);
    cancel_handover(sn);
    ms__l_node_attach(sn, cell);
    return 0;
}

static int
l_detach(lua_State *L)
{
    struct ms_snode *sn = check_mobile(L, "detach");
    cancel_handover(sn);
    ms__l_node_detach(sn);
    return 0;
}

static const char *const handover_fields[] = {"to", "gap", "trigger_lead", "handover_start", NULL};

static int
l_handover(lua_State *L)
{
    static const char what[] = "handover";
    struct ms_snode *sn = check_mobile(L, what);
    luaL_checktype(L, 2, LUA_TTABLE);
    ms__l_check_fields(L, 2, what, handover_fields, false);
    if (lua_getfield(L, 2, "to") == LUA_TNIL)
        luaL_error(L, "handover: field 'to' is required");
    struct ms_slink *to = get_cell(L, -1, what);
    lua_pop(L, 1);
    if (to == sn->cell)
        luaL_error(L, "handover: '%s' is already attached to '%s'", sn->node->name,
                   to->link->ap_id);
    int64_t gap = ms_link_profile_get(to->link->profile)->l2_gap_ns;
    if (ms__l_opt_time(L, 2, what, "gap", &gap) && gap < 0)
        luaL_error(L, "handover: field 'gap' must not be negative");
    int64_t lead = -2; /* no trigger */
    if (lua_getfield(L, 2, "trigger_lead") != LUA_TNIL) {
        if (lua_isboolean(L, -1))
            lead = lua_toboolean(L, -1) ? -1 : -2;
        else if ((lead = ms__l_totime(L, -1, what, "trigger_lead")) < 0)
            luaL_error(L, "handover: field 'trigger_lead' must not be negative");
    }
    lua_pop(L, 1);
    bool hs = false;
    ms__l_opt_bool(L, 2, what, "handover_start", &hs);

    cancel_handover(sn);
    sn->ho_target = to;
    sn->ho_gap_ns = gap;
    struct ms_sched *s = &sn->ctx->sim.sched;
    if (sn->cell == NULL) {
        sn->ho_stage = 2;
        ms_timer_start(s, &sn->ho_timer, gap);
        return 0;
    }
    if (lead != -2) {
        if (lead == -1)
            lead = ms_link_profile_get(sn->cell->link->profile)->going_down_lead_ns;
        ms_cell_trigger_going_down(sn->cell->link, sn->radio, to->link->ap_id, lead);
        sn->ho_stage = 1;
        ms_timer_start(s, &sn->ho_timer, lead);
        return 0;
    }
    if (hs)
        ms_cell_trigger_handover_start(sn->cell->link, sn->radio, to->link->ap_id);
    ms__l_node_detach(sn);
    sn->ho_stage = 2;
    ms_timer_start(s, &sn->ho_timer, gap);
    return 0;
}

/* ---- views ------------------------------------------------------------ */

static int
l_name(lua_State *L)
{
    lua_pushstring(L, ms_l_checknode(L, 1)->node->name);
    return 1;
}

static int
l_role(lua_State *L)
{
    lua_pushstring(L, ms__l_kind_name(ms_l_checknode(L, 1)->kind));
    return 1;
}

static int
l_address(lua_State *L)
{
    struct ms_snode *sn = ms_l_checknode(L, 1);
    struct in6_addr a;
    if (!ms__l_node_primary(sn, &a))
        return 0;
    ms__l_push_addr(L, &a);
    return 1;
}

static int
l_addresses(lua_State *L)
{
    struct ms_snode *sn = ms_l_checknode(L, 1);
    lua_newtable(L);
    lua_Integer k = 1;
    for (uint32_t i = 0; i < sn->node->nifaces; i++) {
        const struct ms_iface *ifc = sn->node->ifaces[i];
        for (unsigned j = 0; j < MS_IFACE_MAX_ADDRS; j++) {
            const struct ms_addr *a = &ifc->addrs[j];
            if (a->state == MS_ADDR_NONE || a->state == MS_ADDR_DUPLICATE)
                continue;
            ms__l_push_addr(L, &a->addr);
            lua_seti(L, -2, k++);
        }
    }
    return 1;
}

static struct ms_snode *
check_built_kind(lua_State *L, const char *what, unsigned kinds)
{
    struct ms_snode *sn = ms_l_checknode(L, 1);
    if (!(kinds & (1u << sn->kind))) {
        const char *want =
            kinds == 1u << MS_SN_MN ? "a mobile node" : "a home agent or a correspondent";
        luaL_error(L, "%s: node '%s' is not %s", what, sn->node->name, want);
    }
    ms__l_ensure_built(L, what);
    return sn;
}

static int
l_coa(lua_State *L)
{
    struct ms_snode *sn = check_built_kind(L, "coa", 1u << MS_SN_MN);
    struct in6_addr a;
    if (sn->role == NULL || !ms_mn_coa(sn->role, &a))
        return 0;
    ms__l_push_addr(L, &a);
    return 1;
}

static int
l_at_home(lua_State *L)
{
    struct ms_snode *sn = check_built_kind(L, "at_home", 1u << MS_SN_MN);
    lua_pushboolean(L, sn->role != NULL && ms_mn_at_home(sn->role));
    return 1;
}

static int
l_ap(lua_State *L)
{
    struct ms_snode *sn = ms_l_checknode(L, 1);
    if (sn->cell == NULL)
        return 0;
    lua_pushstring(L, sn->cell->link->ap_id);
    return 1;
}

static void
set_int(lua_State *L, const char *k, lua_Integer v)
{
    lua_pushinteger(L, v);
    lua_setfield(L, -2, k);
}

static void
set_bool(lua_State *L, const char *k, bool v)
{
    lua_pushboolean(L, v);
    lua_setfield(L, -2, k);
}

static void
set_addr(lua_State *L, const char *k, const struct in6_addr *a)
{
    ms__l_push_addr(L, a);
    lua_setfield(L, -2, k);
}

static void
set_str(lua_State *L, const char *k, const char *s)
{
    if (s == NULL)
        return;
    lua_pushstring(L, s);
    lua_setfield(L, -2, k);
}

static void
push_bc_view(lua_State *L, const struct ms_bc_view *v)
{
    lua_createtable(L, 0, 10);
    set_addr(L, "hoa", &v->hoa);
    set_addr(L, "coa", &v->coa);
    set_int(L, "seq", v->seq);
    set_int(L, "flags", v->bu_flags);
    set_bool(L, "home_registration", v->home_reg);
    set_str(L, "state", v->state == MS_BC_PENDING_DAD ? "pending_dad" : "bound");
    set_int(L, "lifetime", v->lifetime_s);
    set_int(L, "remaining", v->remaining_ns);
    set_int(L, "registered", v->registered_ns);
    set_int(L, "uses", (lua_Integer)v->uses);
}

static int
l_bindings(lua_State *L)
{
    struct ms_snode *sn = check_built_kind(L, "bindings", 1u << MS_SN_HA | 1u << MS_SN_CN);
    lua_newtable(L);
    if (sn->role == NULL)
        return 1;
    bool ha = sn->kind == MS_SN_HA;
    uint32_t n = ha ? ms_ha_binding_count(sn->role) : ms_cn_binding_count(sn->role);
    for (uint32_t i = 0; i < n; i++) {
        struct ms_bc_view v;
        int rc = ha ? ms_ha_binding_get(sn->role, i, &v) : ms_cn_binding_get(sn->role, i, &v);
        if (rc < 0)
            break;
        push_bc_view(L, &v);
        lua_seti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static int
l_bul(lua_State *L)
{
    struct ms_snode *sn = check_built_kind(L, "bul", 1u << MS_SN_MN);
    lua_newtable(L);
    if (sn->role == NULL)
        return 1;
    uint32_t n = ms_mn_bul_count(sn->role);
    for (uint32_t i = 0; i < n; i++) {
        struct ms_mn_bul_view v;
        if (ms_mn_bul_get(sn->role, i, &v) < 0)
            break;
        lua_createtable(L, 0, 14);
        set_addr(L, "peer", &v.peer);
        set_addr(L, "hoa", &v.hoa);
        set_addr(L, "coa", &v.coa);
        set_bool(L, "home_registration", v.home_reg);
        set_int(L, "seq", v.seq);
        set_int(L, "flags", v.flags);
        set_int(L, "lifetime_sent", v.lifetime_sent_s);
        set_int(L, "lifetime_granted", v.lifetime_granted_s);
        set_int(L, "remaining", v.remaining_ns);
        set_str(L, "state", ms_mn_bul_state_name(v.state));
        if (v.last_status >= 0) {
            set_int(L, "last_status", v.last_status);
            set_str(L, "last_status_name", ms_ba_status_sym((unsigned)v.last_status));
        }
        set_int(L, "retransmissions", v.retransmissions);
        set_int(L, "bu_sent", (lua_Integer)v.bu_sent);
        set_bool(L, "no_more_bu", v.no_more_bu);
        lua_seti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* A table {SYM = count} of the non-zero entries of a by-status array. */
static void
set_by_status(lua_State *L, const char *k, const uint64_t *v, unsigned n,
              const char *(*sym)(unsigned))
{
    lua_newtable(L);
    for (unsigned i = 0; i < n; i++) {
        if (v[i] == 0)
            continue;
        lua_pushinteger(L, (lua_Integer)v[i]);
        const char *s = sym ? sym(i) : NULL;
        if (s != NULL)
            lua_setfield(L, -2, s);
        else
            lua_seti(L, -2, i);
    }
    lua_setfield(L, -2, k);
}

static const char *
be_sym(unsigned v)
{
    return v == MS_BE_UNKNOWN_BINDING   ? "UNKNOWN_BINDING"
           : v == MS_BE_UNRECOGNIZED_MH ? "UNRECOGNIZED_MH"
                                        : NULL;
}

static void
push_role_counters(lua_State *L, const struct ms_snode *sn)
{
    if (sn->role == NULL)
        return;
    lua_newtable(L);
    if (sn->kind == MS_SN_MN) {
        const struct ms_mn_counters *c = ms_mn_counters(sn->role);
#define C(f) set_int(L, #f, (lua_Integer)c->f)
        C(bu_sent);
        C(bu_retx);
        C(bu_gave_up);
        C(ba_ignored);
        C(seq_resync);
        C(dereg_sent);
        C(refreshes);
        C(tunnelled_out);
        C(ro_out);
        C(queued);
        C(queue_overflow);
        C(queue_flushed);
        C(tunnel_rx);
        C(tunnel_bad_src);
        C(rr_runs);
        C(rr_done);
        C(hoti_sent);
        C(coti_sent);
        C(hot_rx);
        C(cot_rx);
        C(brr_rx);
        C(be_rx);
        C(ro_stopped);
        C(dhaad_sent);
        C(dhaad_rx);
        C(mps_sent);
        C(mpa_rx);
        C(home_na_sent);
        C(movements);
        set_by_status(L, "ba_rx", c->ba_rx, 256, ms_ba_status_sym);
        set_int(L, "handovers", ms_mn_handover_count(sn->role));
        set_int(L, "queue_len", ms_mn_queue_len(sn->role));
        lua_setfield(L, -2, "mn");
    } else if (sn->kind == MS_SN_HA) {
        const struct ms_ha_counters *c = ms_ha_counters(sn->role);
        C(bu_rx);
        C(bu_dropped);
        C(dad_started);
        C(dad_failed);
        C(tunnelled);
        C(decapsulated);
        C(tunnel_rejected);
        C(dhaad_rx);
        C(dhaad_tx);
        C(mps_rx);
        C(mpa_tx);
        C(expired);
        C(deregistered);
        set_by_status(L, "ba_tx", c->ba_tx, 256, ms_ba_status_sym);
        lua_setfield(L, -2, "ha");
    } else if (sn->kind == MS_SN_CN) {
        const struct ms_cn_counters *c = ms_cn_counters(sn->role);
        C(hoti_rx);
        C(coti_rx);
        C(hot_tx);
        C(cot_tx);
        C(bu_rx);
        C(bu_dropped);
        C(auth_fail);
        C(brr_tx);
        C(rh2_out);
        C(hao_in);
        C(hao_rejected);
        C(expired);
        C(deleted);
        set_by_status(L, "ba_tx", c->ba_tx, 256, ms_ba_status_sym);
        set_by_status(L, "be_tx", c->be_tx, 3, be_sym);
        lua_setfield(L, -2, "cn");
#undef C
    } else {
        lua_pop(L, 1);
    }
}

static int
l_counters(lua_State *L)
{
    struct ms_snode *sn = ms_l_checknode(L, 1);
    const struct ms_node_counters *c = &sn->node->ctr;
    lua_createtable(L, 0, 12);
#define C(f) set_int(L, #f, (lua_Integer)c->f)
    C(ip_rx);
    C(ip_tx);
    C(ip_fwd);
    C(ip_delivered);
    C(tunnel_encap);
    C(tunnel_decap);
    C(icmp_errors_sent);
    C(drops_other);
#undef C
    lua_newtable(L);
    uint64_t total = c->drops_other;
    for (int i = 0; i < MS_ERR__COUNT; i++) {
        if (c->drops[i] == 0)
            continue;
        total += c->drops[i];
        lua_pushinteger(L, (lua_Integer)c->drops[i]);
        lua_setfield(L, -2, ms_err_name(MS_ERR__BASE + 1 + i));
    }
    lua_setfield(L, -2, "drops");
    set_int(L, "drops_total", (lua_Integer)total);
    push_role_counters(L, sn);
    return 1;
}

static int
l_tostring(lua_State *L)
{
    struct ms_snode **box = luaL_checkudata(L, 1, MS_L_NODE);
    if (*box == NULL)
        lua_pushstring(L, "mipsim.node (removed)");
    else
        lua_pushfstring(L, "mipsim.node(%s, %s)", (*box)->node->name,
                        ms__l_kind_name((*box)->kind));
    return 1;
}

static const luaL_Reg node_methods[] = {
    {"attach", l_attach},
    {"detach", l_detach},
    {"handover", l_handover},
    {"name", l_name},
    {"role", l_role},
    {"address", l_address},
    {"addresses", l_addresses},
    {"coa", l_coa},
    {"at_home", l_at_home},
    {"ap", l_ap},
    {"bindings", l_bindings},
    {"bul", l_bul},
    {"counters", l_counters},
    {"ping", ms__l_ping_new},
    {NULL, NULL},
};

void
ms__l_node_register(lua_State *L)
{
    ms__l_register_type(L, MS_L_NODE, node_methods, l_tostring);
}
