#!/usr/bin/env bash
# Configures build-sanitize/ once: clang, AddressSanitizer + UndefinedBehaviorSanitizer
# (float-cast-overflow included, every report fatal) and libFuzzer coverage, with the fuzz
# targets enabled. tools/sanitize.sh (the test suite) and tools/fuzz.sh share it: one build of
# the library for both.
set -euo pipefail
cd "$(dirname "$0")/.."
out=build-sanitize
if [ ! -f "$out/CMakeCache.txt" ]; then
  generator=()
  command -v ninja >/dev/null && generator=(-G Ninja)
  CC=clang CXX=clang++ cmake -S . -B "$out" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DHEATNET_FUZZ=ON \
    -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined,float-cast-overflow -fno-sanitize-recover=all -fno-omit-frame-pointer" \
    -DCMAKE_C_FLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
fi
