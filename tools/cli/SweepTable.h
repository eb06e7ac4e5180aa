#pragma once
// The summary of a sweep on the terminal: counts, and the Pareto-optimal cases with their
// parameters and objectives (used by `heatnet sweep` and `heatnet info sweep.h5`).
#include "solver/sweep/SweepFile.h"

#include <cstdio>

namespace heatnet::cli {

//! Prints counts, failures (first few) and the Pareto-optimal cases sorted by the first objective.
void printSweepSummary(std::FILE* out, const SweepHeader& header,
                       const std::vector<CaseRecord>& records);

} // namespace heatnet::cli
