# Embeds the Lua-side library (lua/mipsim/*.lua) into the binary as C arrays,
# so that `require "mipsim.x"` works without files on disk.
function(mipsim_embed_lua out)
  set(srcs ${ARGN})
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} "-DSRCS=${srcs}" -P ${CMAKE_SOURCE_DIR}/cmake/embed_lua_run.cmake
    DEPENDS ${srcs} ${CMAKE_SOURCE_DIR}/cmake/embed_lua_run.cmake
    COMMENT "Embedding Lua library"
    VERBATIM)
endfunction()
