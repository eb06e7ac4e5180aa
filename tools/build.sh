#!/usr/bin/env bash
# Configures (Release, once) and builds heatnet in build/.
# Usage: tools/build.sh [TARGET ...]   e.g. `tools/build.sh heatnet` builds the command line only;
#        with no target, everything (library, command line, tests, validation program).
# Extra CMake configure arguments go in HEATNET_CMAKE_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
if [ ! -f build/CMakeCache.txt ]; then
  # shellcheck disable=SC2086
  cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE=Release ${HEATNET_CMAKE_ARGS:-}
fi
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --build build --parallel "$(nproc)" "${targets[@]}"
