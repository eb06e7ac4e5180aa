#!/usr/bin/env bash
# One command from a fresh Debian 12 machine: install what is missing, build, and simulate a year
# of the bundled default scenario into results/saint-omer.h5, printing the KPI table.
set -euo pipefail
cd "$(dirname "$0")/.."
./tools/install-deps.sh
./tools/build.sh heatnet   # the command line only: the tests are built by tools/test.sh
mkdir -p results
./build/heatnet run scenarios/saint-omer.yaml -o results/saint-omer.h5
