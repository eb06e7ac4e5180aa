#!/usr/bin/env bash
# Configures a clang build folder once, for the sanitizer builds (tools/sanitize-configure.sh,
# tools/tsan.sh): RelWithDebInfo, Ninja when present, the given compile and link flags.
# Usage: tools/configure-clang.sh DIR CXXFLAGS CFLAGS LDFLAGS [CMAKE_ARGS ...]
set -euo pipefail
cd "$(dirname "$0")/.."
out=$1 cxxflags=$2 cflags=$3 ldflags=$4
shift 4
if [ ! -f "$out/CMakeCache.txt" ]; then
  generator=()
  command -v ninja >/dev/null && generator=(-G Ninja)
  CC=clang CXX=clang++ cmake -S . -B "$out" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS="$cxxflags" -DCMAKE_C_FLAGS="$cflags" -DCMAKE_EXE_LINKER_FLAGS="$ldflags" \
    "$@" >/dev/null
fi
