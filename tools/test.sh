#!/usr/bin/env bash
# One command from a fresh Debian 12 machine: install what is missing, build, run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
./tools/install-deps.sh
./tools/build.sh
ctest --test-dir build --output-on-failure --parallel "$(nproc)" --timeout 600
