#!/usr/bin/env bash
# Builds and runs the validation suite; writes docs/validation/*.csv, *.png and results.txt,
# then the DESTEST benchmark (docs/destest/).
# Usage: tools/validate.sh [build-dir]   (default: build)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
out="$root/docs/validation"
if [ ! -f "$build/build.ninja" ] && [ ! -f "$build/Makefile" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
cmake --build "$build" --target heatnet_validate -j1
mkdir -p "$out"
"$build/heatnet_validate" "$out" "$root/validation/ulg" | tee "$out/results.txt"
/usr/bin/python3 "$root/tools/plot_validation.py" "$out"
echo "validation results in $out (see docs/validation.md)"
# The DESTEST network benchmark (docs/destest/, the DESTEST section of docs/validation.md).
BUILD_DIR="$build" "$root/tools/destest.sh"
