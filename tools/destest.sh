#!/usr/bin/env bash
# DESTEST CE_1 validation: builds heatnet, runs Network_1 (7 days) and Network_0 (steady peak),
# compares with the IBPSA peers and writes docs/destest/{metrics.csv,network0.csv,*.png}.
#   tools/destest.sh [--timing]      --timing: also 3 timed runs of 7 days and of a full year
# Environment: BUILD_DIR (default build), JOBS (default 1).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
JOBS=${JOBS:-1}
if [ ! -f "$BUILD_DIR/build.ninja" ] && [ ! -f "$BUILD_DIR/Makefile" ]; then
    cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
cmake --build "$BUILD_DIR" --target heatnet -j"$JOBS"
HEATNET="$BUILD_DIR/heatnet"
mkdir -p results docs/destest

/usr/bin/python3 tools/make_destest.py
"$HEATNET" run scenarios/destest-network1.yaml -o results/destest-network1.h5
"$HEATNET" run scenarios/destest-network0.yaml -o results/destest-network0.h5
/usr/bin/python3 tools/destest_compare.py results/destest-network1.h5 \
    --csv results/destest-network1_destest.csv \
    --metrics docs/destest/metrics.csv --plots docs/destest \
    --network0 results/destest-network0.h5 --network0-csv docs/destest/network0.csv --check

if [ "${1:-}" = "--timing" ]; then
    # Full year: the same case over 8760 h (the 256-day demand profile repeats periodically).
    /usr/bin/python3 tools/make_destest.py --duration-h 8760 --no-network0 \
        --out results/destest-network1-year.yaml
    for case in scenarios/destest-network1.yaml results/destest-network1-year.yaml; do
        for k in 1 2 3; do
            /usr/bin/time -f "%e s wall, %M KB max RSS" "$HEATNET" run -q "$case" \
                -o "results/timing.h5" 2>&1 | tail -1 | sed "s#^#$case run $k: #"
        done
    done
    rm -f results/timing.h5
fi
