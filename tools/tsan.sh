#!/usr/bin/env bash
# Builds the test suite with clang and ThreadSanitizer in build-tsan/ and runs the tests of a
# run's own threads (Catch2 tag [pipeline]: the pressure stage, solver/run/PressureStage.h, and
# the result file's writer thread, solver/output/Hdf5WriterThread.h; docs/architecture.md, "The
# threads of one run"). Every report fails. The OpenMP parts (the parallel sweep, the threaded
# hydraulics) are left out: Debian's libomp is not built for ThreadSanitizer, which would then
# report the runtime's own synchronisation.
# Usage: tools/tsan.sh [CATCH2_ARGS ...]   (default: "[pipeline]")
set -euo pipefail
cd "$(dirname "$0")/.."
out=build-tsan
./tools/configure-clang.sh "$out" "-fsanitize=thread -fno-omit-frame-pointer" \
  "-fsanitize=thread -fno-omit-frame-pointer" "-fsanitize=thread"
cmake --build "$out" --parallel "$(nproc)" --target heatnet_tests
mkdir -p "$out/tmp"
args=("$@")
[ ${#args[@]} -gt 0 ] || args=("[pipeline]")
TMPDIR="$PWD/$out/tmp" TSAN_OPTIONS="halt_on_error=1 exitcode=66" "$out/heatnet_tests" "${args[@]}"
