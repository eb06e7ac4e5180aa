#!/usr/bin/env bash
# Runs the default scenario and every scenarios/saint-omer-*.yaml variant for a full year (the
# duration in the files: 8760 h) into results/<name>.h5, in parallel (one OpenMP thread per
# scenario), prints one table of key KPIs side by side (tools/kpi_table.py, reading the /kpis
# group of each result file) and writes the report for elected officials, results/report.html
# (`heatnet report`: the variants against their reference, saint-omer-glass-furnace).
# Usage: tools/compare_scenarios.sh [build-dir] [--markdown] [--lang fr|en] [--pdf]
#   build-dir  where the heatnet executable is built (default: build); built if missing
#   --markdown print the table as Markdown (as in docs/scenarios-results.md)
#   --lang     language of the report (default fr)
#   --pdf      also print the report to results/report.pdf (headless Chromium)
# About 5 s of CPU per year and scenario on one core (Release build).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$root/build"
format=()
report_options=()
lang=fr
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[$i]}" in
    --markdown) format=(--markdown) ;;
    --lang) i=$((i + 1)); lang="${args[$i]}" ;;
    --pdf) report_options+=(--pdf "$root/results/report.pdf") ;;
    *) build="${args[$i]}" ;;
  esac
done
if [ ! -x "$build/heatnet" ]; then
  if [ ! -f "$build/build.ninja" ] && [ ! -f "$build/Makefile" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
  fi
  cmake --build "$build" --target heatnet -j1
fi
mkdir -p "$root/results"
# The default first, then the reference of the variants (default + glass_furnace model), then
# the other variants in name order.
scenarios=("$root/scenarios/saint-omer.yaml")
[ -f "$root/scenarios/saint-omer-glass-furnace.yaml" ] &&
  scenarios+=("$root/scenarios/saint-omer-glass-furnace.yaml")
for scenario in "$root"/scenarios/saint-omer-*.yaml; do
  [ "$(basename "$scenario")" = saint-omer-glass-furnace.yaml ] || scenarios+=("$scenario")
done
start=$(date +%s%N)
# heatnet run writes each scenario to results/<scenario name>.h5 (run from the repository root).
status=0
(cd "$root" && "$build/heatnet" run -q "${scenarios[@]}") || status=$?
end=$(date +%s%N)
elapsed_ms=$(( (end - start) / 1000000 ))
printf '%d scenarios in %d.%03d s (in parallel)\n' "${#scenarios[@]}" $((elapsed_ms / 1000)) \
  $((elapsed_ms % 1000)) >&2
files=()
for scenario in "${scenarios[@]}"; do
  name="$(basename "$scenario" .yaml)"
  if [ -f "$root/results/$name.h5" ]; then
    files+=("$root/results/$name.h5")
  else
    echo "$name: run failed, left out of the table and the report" >&2
  fi
done
[ "$status" -eq 0 ] || echo "heatnet run: exit status $status" >&2
/usr/bin/python3 "$root/tools/kpi_table.py" "${format[@]}" "${files[@]}"
# The report: the variants against their reference (the first file); the default scenario stays
# in the table only (it differs from the reference by the glassworks model alone).
report_files=()
for f in "${files[@]}"; do
  [ "$(basename "$f")" = saint-omer.h5 ] || report_files+=("$f")
done
"$build/heatnet" report "${report_files[@]}" -o "$root/results/report.html" --lang "$lang" \
  "${report_options[@]}" >&2
