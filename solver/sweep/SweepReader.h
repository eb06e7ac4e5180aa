#pragma once
// Reads a sweep file (docs/sweeps.md) and builds each case's scenario by applying its overrides to
// the base scenario's YAML tree and handing the result to the one scenario reader. Errors point
// into the sweep file (line, column, the parameter and the scenario key it tried).
#include "solver/input/Scenario.h"
#include "solver/sweep/SweepDefinition.h"

#include <filesystem>
#include <string>

namespace heatnet {

//! Reads and checks `path`: syntax, key paths (against the base scenario's tree), levels,
//! combination. Throws InputError. Does not read the cases' scenarios (see checkSweepCases).
SweepDefinition readSweep(const std::filesystem::path& path);
//! As readSweep, from text; `displayName` names it in messages, relative paths use `directory`.
SweepDefinition readSweepText(std::string text, std::string displayName,
                              std::filesystem::path directory);

//! The YAML text of case `index`'s scenario (base + fixed overrides + the case's levels).
std::string caseScenarioText(const SweepDefinition& sweep, std::size_t index);

//! Reads case `index`'s scenario. A scenario the reader rejects becomes an InputError at the
//! sweep file's line and column of the level at fault, naming the parameter, the scenario key
//! and the reader's reason.
Scenario caseScenario(const SweepDefinition& sweep, std::size_t index);

//! Reads every case's scenario (cheap next to running one), on `threads` threads: a bad value
//! stops the sweep before anything runs. Throws the first case's InputError.
void checkSweepCases(const SweepDefinition& sweep, int threads = 1);

//! The ids of the KPIs a run of `scenario` reports (for checking objectives up front).
std::vector<std::string> kpiIdsOf(const Scenario& scenario);

} // namespace heatnet
