#pragma once
// Reads a scenario file into the plain Scenario structs, in SI units, checking everything that
// can be checked without building the network: unknown keys, units, ranges, references between
// nodes, pipes, consumers and plants, duplicate ids. Every error is an InputError that points at
// the offending key (file:line:col, key path, what was expected). The schema: docs/scenario.md.
#include "solver/input/Scenario.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <functional>
#include <string>

namespace heatnet {

//! Reads and validates the scenario at `path`. Relative paths inside (CSV profiles) are resolved
//! against the scenario's folder. Throws InputError.
Scenario readScenario(const std::filesystem::path& path);

//! Reads a scenario from `text`; `displayName` stands for the file in messages and in
//! Scenario::sourcePath; relative paths are resolved against `directory`. Throws InputError.
Scenario readScenarioText(std::string text, std::string displayName,
                          std::filesystem::path directory);

//! How a reader sizes the `dn: auto` pipes of a scenario it has read: sizePipes
//! (solver/network/PipeSizing.h) unless a caller (a sweep's memo of sizing results) says otherwise.
using PipeSizer = std::function<void(Scenario&)>;

//! Reads a scenario from an already parsed YAML tree (a sweep case: the base tree with its
//! overrides), skipping the text round trip. Gives the same Scenario as readScenarioText of the
//! tree's emitted text, except that messages quote no line (the tree has no text; a caller that
//! needs located errors re-reads the text) and Scenario::sourceText is empty. `sizer` (when set)
//! replaces sizePipes. Throws InputError.
Scenario readScenarioTree(const YAML::Node& tree, std::string displayName,
                          std::filesystem::path directory, const PipeSizer& sizer = {});

} // namespace heatnet
