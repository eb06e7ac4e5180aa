#pragma once
// `--threads N`: how many OpenMP threads a command may use. One helper for every command that
// runs scenarios in parallel (`run`, `sweep`), so that they say the same thing. A single run uses
// them for its plug-flow sweep (solver/thermal/PlugFlowNetwork.h).
#include <CLI/CLI.hpp>

#include <memory>

namespace heatnet::cli {

//! Adds `--threads N` to `command`; the value lands in `*threads` (0: not given).
void addThreadsOption(CLI::App& command, const std::shared_ptr<int>& threads);

//! Applies a `--threads` value: N > 0 sets the OpenMP thread count for the rest of the process
//! (it overrides OMP_NUM_THREADS); 0 leaves OpenMP's choice (OMP_NUM_THREADS, else the cores).
void applyThreads(int threads);

} // namespace heatnet::cli
