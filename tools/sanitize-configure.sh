#!/usr/bin/env bash
# Configures build-sanitize/ once: clang, AddressSanitizer + UndefinedBehaviorSanitizer
# (float-cast-overflow included, every report fatal) and libFuzzer coverage, with the fuzz
# targets enabled. tools/sanitize.sh (the test suite) and tools/fuzz.sh share it: one build of
# the library for both.
set -euo pipefail
cd "$(dirname "$0")/.."
./tools/configure-clang.sh build-sanitize \
  "-fsanitize=fuzzer-no-link,address,undefined,float-cast-overflow -fno-sanitize-recover=all -fno-omit-frame-pointer" \
  "-fsanitize=address,undefined -fno-omit-frame-pointer" \
  "-fsanitize=address,undefined" \
  -DHEATNET_FUZZ=ON
