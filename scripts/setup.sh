#!/usr/bin/env bash
# Sets up a Debian 12 machine for mipsim, builds it, and then either runs the
# quickstart topology or the whole test suite.
#
#   scripts/setup.sh quickstart   install what is missing, build, run topologies/quickstart.lua
#   scripts/setup.sh test         install what is missing, build (plain and sanitized), run every test
#
# Run as root (it calls apt-get when a package is missing).
set -euo pipefail

mode=${1:-quickstart}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

packages=(build-essential cmake pkg-config libuv1-dev liblua5.4-dev libpcap-dev libssl-dev
          libcriterion-dev clang libclang-rt-14-dev tshark wireshark-dev python3 clang-format git)

install_missing() {
    local missing=()
    for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "setup: installing ${missing[*]}"
    if [ "$(id -u)" -ne 0 ]; then
        echo "setup: missing packages and not root: apt-get install ${missing[*]}" >&2
        exit 2
    fi
    # tshark asks whether non-root users may capture; answer no, non-interactively.
    echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

jobs=$(nproc 2>/dev/null || echo 2)

build() { # dir, extra cmake args...
    local dir=$1; shift
    cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
    cmake --build "$dir" -j "$jobs"
}

install_missing

case "$mode" in
quickstart)
    build build
    mkdir -p out/quickstart
    ./build/mipsim run topologies/quickstart.lua --pcap-dir out/quickstart
    ;;
test)
    build build -DMIPSIM_FUZZ=ON
    ctest --test-dir build --output-on-failure -j "$jobs"
    # The same suite under AddressSanitizer and UndefinedBehaviorSanitizer.
    build build-asan -DMIPSIM_SANITIZE=ON
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        ctest --test-dir build-asan --output-on-failure -j "$jobs" -LE slow
    ;;
*)
    echo "usage: scripts/setup.sh quickstart|test" >&2
    exit 2
    ;;
esac
