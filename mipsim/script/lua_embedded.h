/* The Lua-side library compiled into the binary (cmake/embed_lua_run.cmake). */
#ifndef MIPSIM_SCRIPT_LUA_EMBEDDED_H
#define MIPSIM_SCRIPT_LUA_EMBEDDED_H

#include <stddef.h>

struct ms_lua_module {
    const char *name;   /* "mipsim" or "mipsim.x" */
    const char *origin; /* source path, for chunk names */
    const char *src;
    size_t len;
};

/* Terminated by an entry whose name is NULL. */
extern const struct ms_lua_module ms_lua_modules[];

#endif
