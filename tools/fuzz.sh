#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang, AddressSanitizer and UndefinedBehaviorSanitizer
# in build-sanitize/, and runs each for a bounded time on its corpus. Any finding (crash, sanitizer
# report, uncaught exception, leak, time-out of one input) fails with exit 1; the input that
# found it is kept in build-sanitize/findings/. Figures: docs/reliability.md.
# Usage: tools/fuzz.sh [SECONDS_PER_TARGET]   (default 60)
# FUZZ_TARGETS picks the targets (default: "scenario csv info"); FUZZ_SEED fixes libFuzzer's seed
# (default: random) so that a CI run can be replayed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
root="$PWD"
out="$root/build-sanitize"

./tools/sanitize-configure.sh
cmake --build "$out" --parallel "$(nproc)" --target fuzz_scenario fuzz_csv fuzz_info

# Seed corpora: the bundled scenarios and test data; result files made by the normal build's
# heatnet (build/, when built): a day of the default scenario; the HDF5 files of tests/data/hostile.
seeds="$out/seeds"
rm -rf "$seeds"
mkdir -p "$seeds/scenario" "$seeds/csv" "$seeds/info" "$out/corpus" "$out/findings"
cp scenarios/*.yaml tests/data/*.yaml tests/data/bad/*.yaml "$seeds/scenario/"
cp scenarios/*.csv tests/data/bad/*.csv "$seeds/csv/"
for f in docs/validation/ulg_*.csv docs/destest/*.csv; do
  head -c 4096 "$f" >"$seeds/csv/$(basename "$f")"
done
heatnet="$root/build/heatnet"
if [ -x "$heatnet" ]; then
  sed 's/duration: 8760 h/duration: 24 h/' scenarios/saint-omer.yaml >"$seeds/day.yaml"
  "$heatnet" run "$seeds/day.yaml" -q -o "$seeds/info/day.h5"
  rm -f "$seeds/day.yaml"
fi
printf 'not an HDF5 file\n' >"$seeds/info/text"
# Files that once crashed the HDF5 library (tests/data/hostile/): every run replays them.
cp tests/data/hostile/*.h5 "$seeds/info/"

status=0
summary=()
for target in ${FUZZ_TARGETS:-scenario csv info}; do
  corpus="$out/corpus/$target"
  mkdir -p "$corpus"
  dict=()
  [ "$target" = scenario ] && dict=(-dict="$root/fuzz/yaml.dict")
  [ -n "${FUZZ_SEED:-}" ] && dict+=(-seed="$FUZZ_SEED")
  maxLen=65536
  leaks=""
  timeout=10
  if [ "$target" = info ]; then
    maxLen=524288 # a day's result file is ~320 kB
    # An input on which HDF5 never returns is stopped after 1 s of processor time (fuzz_info.cpp);
    # on a loaded machine that second can take several seconds of wall time.
    timeout=30
    # HDF5 itself loses memory on some corrupted files (fuzz/lsan_hdf5.supp says why).
    leaks="suppressions=$root/fuzz/lsan_hdf5.supp"
  fi
  log="$out/fuzz_$target.log"
  echo "fuzz: $target for ${seconds} s (log: ${log#"$root"/})"
  # -rss_limit_mb: a reader that tries to take all memory is a finding, as is one slow input.
  if ! (cd "$out/findings" && TMPDIR="$out" \
        ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 LSAN_OPTIONS="$leaks" \
        UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$out/fuzz_$target" "$corpus" "$seeds/$target" "${dict[@]}" \
          -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=2048 -max_len="$maxLen" \
          -print_final_stats=1 >"$log" 2>&1); then
    status=1
    echo "fuzz: $target FOUND A PROBLEM; the end of its log:"
    tail -n 40 "$log"
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  size=$(find "$corpus" -type f | wc -l)
  summary+=("fuzz: $target: $runs executions, corpus $size inputs")
done
printf '%s\n' "${summary[@]}"
exit $status
