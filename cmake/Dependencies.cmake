# Every dependency comes through pkg-config; a missing one stops configure and
# names the Debian 12 package that provides it.
find_package(PkgConfig)
if(NOT PKG_CONFIG_FOUND)
  message(FATAL_ERROR "pkg-config not found: apt-get install pkg-config")
endif()

function(mipsim_require target module debian_pkg)
  pkg_check_modules(${target} QUIET IMPORTED_TARGET ${module})
  if(NOT ${target}_FOUND)
    message(FATAL_ERROR "${module} not found: apt-get install ${debian_pkg}")
  endif()
  message(STATUS "${module} ${${target}_VERSION}")
endfunction()

mipsim_require(LIBUV libuv libuv1-dev)
mipsim_require(LUA lua5.4 liblua5.4-dev)
mipsim_require(PCAP libpcap libpcap-dev)
mipsim_require(CRYPTO libcrypto libssl-dev)
if(MIPSIM_TESTS)
  mipsim_require(CRITERION criterion libcriterion-dev)
endif()
