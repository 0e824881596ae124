/* Internals shared by the Lua binding files (script.c, l_util.c, l_node.c,
 * l_link.c, l_flow.c, l_run.c, topo.c).  Not for other modules: they use
 * script/script.h.
 *
 * The run's context (struct ms_script) lives in the Lua registry under the
 * address of ms__l_ctx_key; every object a script creates is owned by the
 * context and freed after the lua_State is closed, so a userdata only holds
 * a pointer to it and Lua's GC never frees simulation state.
 */
#ifndef MIPSIM_SCRIPT_SCRIPT_INT_H
#define MIPSIM_SCRIPT_SCRIPT_INT_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>

#include <lauxlib.h>
#include <lua.h>

#include "app/flow.h"
#include "core/sim.h"
#include "link/link.h"
#include "report/report.h"
#include "role/cn.h"
#include "role/ha.h"
#include "role/mn.h"
#include "script/script.h"
#include "stack/node.h"

#define MS_L_NODE "mipsim.node"
#define MS_L_LINK "mipsim.link"
#define MS_L_FLOW "mipsim.flow"
#define MS_L_TIMER "mipsim.timer"

enum ms_snode_kind { MS_SN_HOST, MS_SN_ROUTER, MS_SN_AR, MS_SN_HA, MS_SN_MN, MS_SN_CN };

struct ms_script;
struct ms_slink;

/* The script's record of a node: the stack node plus what the script said
 * about it (roles are created when the topology is built). */
struct ms_snode {
    struct ms_script *ctx;
    struct ms_node *node;
    uint32_t index; /* creation order */
    int ud_ref;     /* its userdata, in the registry */
    enum ms_snode_kind kind;
    /* Router advertisement (ar, ha, router with cells). */
    bool has_prefix;
    struct in6_addr prefix;
    uint8_t plen;
    bool ra_adv_interval_opt;
    bool ra_mtu_opt;
    uint32_t ra_prefix_valid_s, ra_prefix_preferred_s;
    /* Home agent. */
    struct ms_ha_cfg ha_cfg;
    struct ms_slink *home; /* its home link (a cell) */
    uint32_t mn_count;     /* mobile nodes served, for home addresses */
    /* Mobile node. */
    struct ms_snode *ha;
    bool has_hoa;
    struct in6_addr hoa;
    struct ms_mn_cfg mn_cfg;
    struct ms_snode *ro[MS_MN_MAX_RO_CNS];
    uint8_t n_ro;
    struct ms_iface *radio;
    struct ms_slink *cell; /* the cell the radio is attached to (or going to) */
    struct ms_timer ho_timer;
    int ho_stage; /* 0 idle, 1 detach due, 2 attach due */
    struct ms_slink *ho_target;
    int64_t ho_gap_ns;
    /* Correspondent. */
    struct ms_cn_cfg cn_cfg;
    struct ms_role *role; /* the main role once built, or NULL */
};

struct ms_slink {
    struct ms_script *ctx;
    struct ms_link *link;
    uint32_t index; /* creation order among links and cells */
    int ud_ref;
    bool is_cell;
    bool implicit; /* a home cell the script did not create */
    struct in6_addr prefix;
    uint8_t plen;
    /* Cells: the access router and its interface. */
    struct ms_snode *ar;
    struct ms_iface *ar_if;
    /* Fixed members, in the order given (the AR for a cell). */
    struct ms_snode **nodes;
    struct ms_iface **ifaces;
    uint32_t n;
};

struct ms_sflow {
    struct ms_script *ctx;
    struct ms_flow *flow;
    struct ms_snode *from, *to;
    int ud_ref;
};

struct ms_stimer {
    struct ms_timer t;
    struct ms_script *ctx;
    int fn_ref;
    int ud_ref;
    int64_t every_ns; /* 0 = one shot */
    bool done;
};

/* Hooked event names (sim.on). */
enum ms_hook_ev {
    MS_HOOK_HANDOVER = MS_HO__COUNT, /* a new handover record; 0..MS_HO__COUNT-1: milestones */
    MS_HOOK_L2,                      /* any of the L2 milestones */
    MS_HOOK_MH,                      /* a Mobility Header message was counted */
    MS_HOOK_ICMP6,                   /* an ICMPv6 message was counted */
    MS_HOOK__COUNT
};

struct ms_script {
    lua_State *L;
    struct ms_script_opts o;
    FILE *out, *err;
    struct ms_sim sim;
    struct ms_report report;
    bool sim_ok;

    struct ms_snode **nodes;
    uint32_t nnodes, nodes_cap;
    struct ms_slink **links;
    uint32_t nlinks, links_cap;
    struct ms_sflow **flows;
    uint32_t nflows, flows_cap;
    struct ms_stimer **timers;
    uint32_t ntimers, timers_cap;

    uint32_t n_segments, n_auto_cells, n_has;
    uint32_t next_flow_id;
    bool built, running, ran;

    /* An error raised by a callback during the run (message with traceback). */
    char *cb_error;

    /* sim.on: registry refs of the hook functions, per event. */
    int *hooks[MS_HOOK__COUNT];
    uint32_t nhooks[MS_HOOK__COUNT], hooks_cap[MS_HOOK__COUNT];
    /* What the hooks have already been told about. */
    uint32_t seen_nho;
    uint16_t *seen_marks; /* bit m per handover record */
    uint32_t seen_marks_cap;
    uint64_t seen_mh[256], seen_icmp6[256];
};

/* ---- script.c ---- */
extern const char ms__l_ctx_key;
struct ms_script *ms__l_ctx(lua_State *L);
/* Runs fn (at the top of the stack, with nargs arguments above it) under
 * lua_pcall with a traceback.  On error, records the message as the run's
 * callback error and stops the scheduler.  Returns true on success. */
bool ms__l_call(struct ms_script *ctx, int nargs);
int ms__l_open_core(lua_State *L);

/* ---- l_util.c ---- */
/* Generic array growth; returns 0 or -1. */
/* Rejects keys of the table at idx that are not in allowed (NULL-terminated)
 * and not positional when npos_ok: "what: unknown field 'k'". */
void ms__l_check_fields(lua_State *L, int idx, const char *what, const char *const *allowed,
                        bool positional_ok);
/* Field readers: push nothing, return whether the field was present (not
 * nil).  Wrong types raise "what: field 'k' must be ...". */
bool ms__l_opt_time(lua_State *L, int idx, const char *what, const char *k, int64_t *out);
bool ms__l_opt_int(lua_State *L, int idx, const char *what, const char *k, int64_t lo, int64_t hi,
                   int64_t *out);
bool ms__l_opt_bool(lua_State *L, int idx, const char *what, const char *k, bool *out);
/* The string stays on the Lua stack's table; valid while the table lives. */
bool ms__l_opt_string(lua_State *L, int idx, const char *what, const char *k, const char **out);
bool ms__l_opt_prefix(lua_State *L, int idx, const char *what, const char *k,
                      struct in6_addr *prefix, uint8_t *plen);
bool ms__l_opt_addr(lua_State *L, int idx, const char *what, const char *k, struct in6_addr *out);
/* Time from a value (integer ns or a string like "10ms"). */
int64_t ms__l_checktime(lua_State *L, int idx, const char *what);
int64_t ms__l_totime(lua_State *L, int idx, const char *what, const char *field);
/* A name usable as a file name: [A-Za-z0-9_.-], 1..max-1 characters. */
void ms__l_check_name(lua_State *L, const char *what, const char *name, size_t max);
void ms__l_push_addr(lua_State *L, const struct in6_addr *a);
void ms__l_push_time(lua_State *L, int64_t t);
/* "file:line" of the Lua function at level (1 = the caller of the C
 * function running now). */
void ms__l_where(lua_State *L, int level, char *buf, size_t cap);

/* ---- l_node.c ---- */
int ms__l_node_new(lua_State *L);
/* Creates the metatable of a userdata type: methods under __index,
 * __tostring, and __gc / __close that free nothing (the simulation owns
 * the object, STYLE "Lua bindings"). */
void ms__l_register_type(lua_State *L, const char *name, const luaL_Reg *methods,
                         lua_CFunction tostring);
void ms__l_node_register(lua_State *L);
struct ms_snode *ms_l_checknode(lua_State *L, int idx);
struct ms_snode *ms__l_tonode(lua_State *L, int idx);
/* A node given as userdata or name; raises "what: unknown node 'x'". */
struct ms_snode *ms__l_getnode(lua_State *L, int idx, const char *what, const char *field);
struct ms_snode *ms__l_find_node(struct ms_script *ctx, const char *name);
void ms__l_push_node(lua_State *L, const struct ms_snode *sn);
/* The node's primary address: MN home address, else its first static
 * global address.  False when it has none. */
bool ms__l_node_primary(const struct ms_snode *sn, struct in6_addr *out);
const char *ms__l_kind_name(enum ms_snode_kind k);
/* Gives a home agent its home prefix if it has none yet (from hoa, else the
 * automatic 2001:db8:aaXX::/64).  Raises on overlap. */
void ms__l_ha_prefix_ensure(lua_State *L, struct ms_script *ctx, struct ms_snode *ha,
                            const struct in6_addr *hoa);

/* ---- l_link.c ---- */
int ms__l_link_new(lua_State *L);
int ms__l_cell_new(lua_State *L);
void ms__l_link_register(lua_State *L);
struct ms_slink *ms_l_checklink(lua_State *L, int idx);
struct ms_slink *ms__l_find_cell(struct ms_script *ctx, const char *ap);
struct ms_slink *ms__l_find_link(struct ms_script *ctx, const char *name);
void ms__l_push_link(lua_State *L, const struct ms_slink *sl);
/* Creates a cell for ar (used for implicit home links too).  Returns NULL
 * with msg set. */
struct ms_slink *ms__l_cell_create(struct ms_script *ctx, struct ms_snode *ar, const char *name,
                                   const char *ap, enum ms_link_profile prof,
                                   const struct ms_link_params *p, const struct in6_addr *prefix,
                                   uint8_t plen, bool implicit, char *msg, size_t msgcap);
/* A new interface on sn with a deterministic MAC (02:00:NN:NN:00:II). */
struct ms_iface *ms__l_iface_new(struct ms_snode *sn, bool radio);

/* ---- l_flow.c ---- */
int ms__l_flow_new(lua_State *L);
/* node:ping{...}: the node is at index 1, the table at 2. */
int ms__l_ping_new(lua_State *L);
void ms__l_flow_register(lua_State *L);

/* ---- l_run.c ---- */
void ms__l_run_register(lua_State *L);
/* Ensures the topology is built (roles, routes, RAs, flows armed); raises
 * on a topology error. */
void ms__l_ensure_built(lua_State *L, const char *what);
/* Raises "what: the topology is frozen once the simulation has started". */
void ms__l_check_not_built(lua_State *L, const char *what);

/* ---- topo.c ---- */
/* Creates roles, implicit home links, addresses and routes.  Returns 0 or
 * -1 with msg set. */
int ms__topo_build(struct ms_script *ctx, char *msg, size_t msgcap);
/* Installs static routes for every prefix by shortest path (hop count). */
int ms__topo_routes(struct ms_script *ctx, char *msg, size_t msgcap);

/* Handover choreography (l_node.c). */
void ms__l_node_attach(struct ms_snode *sn, struct ms_slink *cell);
void ms__l_node_detach(struct ms_snode *sn);

#endif
