#pragma once
// The scenario format as a JSON Schema (draft 2020-12) and as Markdown key tables, both made
// from the key table (solver/input/ScenarioKeys.h), so that editors, docs and reader cannot
// disagree.
#include <string>

namespace heatnet {

//! The JSON Schema of a scenario file: every section and source type with its keys, quantities
//! as strings with a pattern of their accepted units, defaults, enums and ranges.
std::string scenarioJsonSchema();

//! The key tables of docs/scenario.md (Markdown), one per section.
std::string scenarioKeyTables();

} // namespace heatnet
