#pragma once
// Reads a scenario file into the plain Scenario structs, in SI units, checking everything that
// can be checked without building the network: unknown keys, units, ranges, references between
// nodes, pipes, consumers and plants, duplicate ids. Every error is an InputError that points at
// the offending key (file:line:col, key path, what was expected). The schema: docs/scenario.md.
#include "solver/Scenario.h"

#include <filesystem>
#include <string>

namespace heatnet {

//! Reads and validates the scenario at `path`. Relative paths inside (CSV profiles) are resolved
//! against the scenario's folder. Throws InputError.
Scenario readScenario(const std::filesystem::path& path);

//! Reads a scenario from `text`; `displayName` stands for the file in messages and in
//! Scenario::sourcePath; relative paths are resolved against `directory`. Throws InputError.
Scenario readScenarioText(std::string text, std::string displayName,
                          std::filesystem::path directory);

} // namespace heatnet
