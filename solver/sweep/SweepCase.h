#pragma once
// Runs one case of a sweep: its scenario from the sweep definition, a Simulation of its own (its
// own SUNDIALS context, so cases on different threads or ranks share nothing and give the same
// bits as the case run alone), its KPIs computed as `heatnet run` computes them, and on request
// its hourly network totals. A case that fails is a record with its message, not an exception.
#include "solver/sweep/SweepDefinition.h"
#include "solver/sweep/SweepRecord.h"

#include <atomic>

namespace heatnet {

//! Runs case `index`. Throws only when `cancel` was set (the case is then not finished).
CaseRecord runSweepCase(const SweepDefinition& sweep, std::size_t index,
                        const std::atomic<bool>* cancel = nullptr);

//! The record of case `index` before it runs: index and parameter levels.
CaseRecord emptyRecord(const SweepDefinition& sweep, std::size_t index);

} // namespace heatnet
