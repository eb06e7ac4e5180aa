#!/usr/bin/env bash
# Runs the default scenario and every scenarios/saint-omer-*.yaml variant for a full year (the
# duration in the files: 8760 h) into results/<name>.h5, then prints one table of key KPIs
# side by side (tools/kpi_table.py, reading the /kpis group of each result file).
# Usage: tools/compare_scenarios.sh [build-dir] [--markdown]
#   build-dir  where the heatnet executable is built (default: build); built if missing
#   --markdown print the table as Markdown (as in docs/scenarios-results.md)
# About 5 s of CPU per year and scenario on one core (Release build).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$root/build"
format=()
for arg in "$@"; do
  case "$arg" in
    --markdown) format=(--markdown) ;;
    *) build="$arg" ;;
  esac
done
if [ ! -x "$build/heatnet" ]; then
  if [ ! -f "$build/build.ninja" ] && [ ! -f "$build/Makefile" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
  fi
  cmake --build "$build" --target heatnet -j1
fi
mkdir -p "$root/results"
files=()
# The default first, then the reference of the variants (default + glass_furnace model), then
# the other variants in name order.
scenarios=("$root/scenarios/saint-omer.yaml")
[ -f "$root/scenarios/saint-omer-glass-furnace.yaml" ] &&
  scenarios+=("$root/scenarios/saint-omer-glass-furnace.yaml")
for scenario in "$root"/scenarios/saint-omer-*.yaml; do
  [ "$(basename "$scenario")" = saint-omer-glass-furnace.yaml ] || scenarios+=("$scenario")
done
for scenario in "${scenarios[@]}"; do
  name="$(basename "$scenario" .yaml)"
  out="$root/results/$name.h5"
  start=$(date +%s%N)
  if ! "$build/heatnet" run "$scenario" -o "$out" -q; then
    echo "$name: run failed, left out of the table" >&2
    continue
  fi
  end=$(date +%s%N)
  elapsed_ms=$(( (end - start) / 1000000 ))
  printf '%-32s %4d.%03d s  -> results/%s.h5\n' "$name" $((elapsed_ms / 1000)) \
    $((elapsed_ms % 1000)) "$name" >&2
  files+=("$out")
done
/usr/bin/python3 "$root/tools/kpi_table.py" "${format[@]}" "${files[@]}"
