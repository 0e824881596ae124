/* Argument checking for the Lua bindings: table fields by name, times,
 * addresses, prefixes.  Every error is raised at the script's call site
 * (luaL_error, level 1 = the script line calling into C). */
#include "script/script_int.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/time.h"
#include "wire/ipv6.h"

void
ms__l_check_fields(lua_State *L, int idx, const char *what, const char *const *allowed,
                   bool positional_ok)
{
    idx = lua_absindex(L, idx);
    lua_pushnil(L);
    while (lua_next(L, idx) != 0) {
        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TSTRING) {
            const char *k = lua_tostring(L, -1);
            bool ok = false;
            for (const char *const *a = allowed; *a != NULL; a++)
                if (strcmp(*a, k) == 0)
                    ok = true;
            if (!ok)
                luaL_error(L, "%s: unknown field '%s'", what, k);
        } else if (lua_isinteger(L, -1) && positional_ok) {
            /* positional entries are checked by the caller */
        } else {
            luaL_error(L, "%s: unexpected key of type %s", what, luaL_typename(L, -1));
        }
    }
}

/* Pushes t[k]; returns false (and pops) when nil. */
static bool
get_field(lua_State *L, int idx, const char *k)
{
    if (lua_getfield(L, idx, k) == LUA_TNIL) {
        lua_pop(L, 1);
        return false;
    }
    return true;
}

int64_t
ms__l_totime(lua_State *L, int idx, const char *what, const char *field)
{
    char label[64] = "";
    if (field != NULL)
        snprintf(label, sizeof label, "field '%s': ", field);
    if (lua_type(L, idx) == LUA_TSTRING) {
        int64_t ns;
        const char *s = lua_tostring(L, idx);
        if (ms_time_parse(s, &ns) < 0)
            luaL_error(L,
                       "%s: %sbad time '%s' (use an integer of nanoseconds or a string "
                       "like \"10ms\", \"1.5s\")",
                       what, label, s);
        return ns;
    }
    if (lua_type(L, idx) == LUA_TNUMBER) {
        int exact;
        lua_Integer v = lua_tointegerx(L, idx, &exact);
        if (exact)
            return (int64_t)v;
        luaL_error(L,
                   "%s: %s%s is not a whole number of nanoseconds (use a string like "
                   "\"1.5ms\")",
                   what, label, lua_tostring(L, idx));
    }
    luaL_error(L, "%s: %smust be a time (integer ns or a string like \"10ms\"), got %s", what,
               label, luaL_typename(L, idx));
    return 0;
}

int64_t
ms__l_checktime(lua_State *L, int idx, const char *what)
{
    return ms__l_totime(L, idx, what, NULL);
}

bool
ms__l_opt_time(lua_State *L, int idx, const char *what, const char *k, int64_t *out)
{
    if (!get_field(L, idx, k))
        return false;
    *out = ms__l_totime(L, -1, what, k);
    lua_pop(L, 1);
    return true;
}

bool
ms__l_opt_int(lua_State *L, int idx, const char *what, const char *k, int64_t lo, int64_t hi,
              int64_t *out)
{
    if (!get_field(L, idx, k))
        return false;
    int exact = 0;
    lua_Integer v = lua_type(L, -1) == LUA_TNUMBER ? lua_tointegerx(L, -1, &exact) : 0;
    if (!exact)
        luaL_error(L, "%s: field '%s' must be an integer, got %s", what, k,
                   lua_type(L, -1) == LUA_TNUMBER ? "a fraction" : luaL_typename(L, -1));
    if (v < lo || v > hi)
        luaL_error(L, "%s: field '%s' out of range (%" PRId64 "..%" PRId64 "): %" PRId64, what, k,
                   lo, hi, (int64_t)v);
    *out = (int64_t)v;
    lua_pop(L, 1);
    return true;
}

bool
ms__l_opt_bool(lua_State *L, int idx, const char *what, const char *k, bool *out)
{
    if (!get_field(L, idx, k))
        return false;
    if (!lua_isboolean(L, -1))
        luaL_error(L, "%s: field '%s' must be a boolean, got %s", what, k, luaL_typename(L, -1));
    *out = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return true;
}

bool
ms__l_opt_string(lua_State *L, int idx, const char *what, const char *k, const char **out)
{
    if (!get_field(L, idx, k))
        return false;
    if (lua_type(L, -1) != LUA_TSTRING)
        luaL_error(L, "%s: field '%s' must be a string, got %s", what, k, luaL_typename(L, -1));
    *out = lua_tostring(L, -1);
    lua_pop(L, 1); /* the table still holds the string */
    return true;
}

bool
ms__l_opt_prefix(lua_State *L, int idx, const char *what, const char *k, struct in6_addr *prefix,
                 uint8_t *plen)
{
    const char *s;
    if (!ms__l_opt_string(L, idx, what, k, &s))
        return false;
    struct in6_addr a;
    unsigned pl;
    if (strchr(s, '/') == NULL || ms_in6_prefix_parse(s, &a, &pl) < 0)
        luaL_error(L, "%s: field '%s': bad prefix '%s' (expected like \"2001:db8:1::/64\")", what,
                   k, s);
    if (pl != 64)
        luaL_error(L,
                   "%s: field '%s': prefix '%s' must be a /64 (stateless "
                   "autoconfiguration, RFC 4862 s5.5.3)",
                   what, k, s);
    if (ms_in6_is_multicast(&a) || ms_in6_is_linklocal(&a) || ms_in6_is_unspecified(&a))
        luaL_error(L, "%s: field '%s': prefix '%s' is not a global unicast prefix", what, k, s);
    struct in6_addr p = a;
    ms_in6_make_prefix(&p, pl);
    if (!ms_in6_equal(&p, &a))
        luaL_error(L, "%s: field '%s': prefix '%s' has bits set past /%u", what, k, s, pl);
    *prefix = p;
    *plen = (uint8_t)pl;
    return true;
}

bool
ms__l_opt_addr(lua_State *L, int idx, const char *what, const char *k, struct in6_addr *out)
{
    const char *s;
    if (!ms__l_opt_string(L, idx, what, k, &s))
        return false;
    if (ms_in6_parse(s, out) < 0)
        luaL_error(L, "%s: field '%s': bad IPv6 address '%s'", what, k, s);
    if (!ms_in6_is_routable_unicast(out))
        luaL_error(L, "%s: field '%s': '%s' is not a global unicast address", what, k, s);
    return true;
}

void
ms__l_check_name(lua_State *L, const char *what, const char *name, size_t max)
{
    size_t n = strlen(name);
    if (n == 0 || n >= max)
        luaL_error(L, "%s: name '%s' must have 1 to %d characters", what, name, (int)max - 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        if (!isalnum(c) && c != '_' && c != '-' && c != '.')
            luaL_error(L, "%s: name '%s' may only hold letters, digits, '_', '-' and '.'", what,
                       name);
    }
}

void
ms__l_push_addr(lua_State *L, const struct in6_addr *a)
{
    char buf[MS_IN6_STRLEN];
    if (ms_in6_format(a, buf, sizeof buf) < 0)
        buf[0] = '\0';
    lua_pushstring(L, buf);
}

void
ms__l_push_time(lua_State *L, int64_t t)
{
    if (t == MS_TIME_NEVER)
        lua_pushnil(L);
    else
        lua_pushinteger(L, (lua_Integer)t);
}

void
ms__l_where(lua_State *L, int level, char *buf, size_t cap)
{
    lua_Debug ar;
    if (lua_getstack(L, level, &ar) && lua_getinfo(L, "Sl", &ar) && ar.currentline > 0)
        snprintf(buf, cap, "%s:%d", ar.short_src, ar.currentline);
    else
        snprintf(buf, cap, "?");
}

/* The simulation owns every object a userdata refers to: collecting or
 * closing the userdata frees nothing. */
static int
l_owned_by_sim(lua_State *L)
{
    (void)L;
    return 0;
}

void
ms__l_register_type(lua_State *L, const char *name, const luaL_Reg *methods, lua_CFunction tostring)
{
    luaL_newmetatable(L, name);
    lua_newtable(L); /* luaL_newlib needs an array, not a pointer */
    luaL_setfuncs(L, methods, 0);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pushcfunction(L, l_owned_by_sim);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, l_owned_by_sim);
    lua_setfield(L, -2, "__close");
    lua_pop(L, 1);
}
