#pragma once
// Reads a scenario key the way the key table (solver/input/ScenarioKeys.h) says: its default when
// the key is absent, its range when present. The reader calls these instead of writing defaults and
// bounds of its own, so the table, the schema and the docs cannot disagree with what is read.
#include "solver/input/Input.h"

#include <optional>
#include <string>
#include <string_view>

namespace heatnet {

//! The number or quantity (in SI) at `key` of `map` (a mapping or null), checked against the
//! table's range; the table's default when absent. Throws std::logic_error if the table gives
//! the key no default value (a programming error), InputError on a bad value.
double numberKey(const InputNode& map, std::string_view section, std::string_view key);
//! Like numberKey, for a key without a default value: nullopt when absent.
std::optional<double> optionalNumberKey(const InputNode& map, std::string_view section,
                                        std::string_view key);
//! Like numberKey, for a required key: InputError "missing required key" when absent.
double requiredNumberKey(const InputNode& map, std::string_view section, std::string_view key);
//! A whole number: range and default from the table.
long integerKey(const InputNode& map, std::string_view section, std::string_view key);
//! `valueSi`, read from `node` by the caller (a key of a type the table cannot read itself, e.g.
//! a UnitsQuantity), checked against the table's range of `key`: InputError "<key> must be
//! <range>, got '<text>'" at the node when outside, as for numberKey.
double checkedKey(const InputNode& node, std::string_view section, std::string_view key,
                  double valueSi);
//! true | false, default from the table.
bool boolKey(const InputNode& map, std::string_view section, std::string_view key);
//! One of the table's choices, default from the table.
std::string choiceKey(const InputNode& map, std::string_view section, std::string_view key);

} // namespace heatnet
