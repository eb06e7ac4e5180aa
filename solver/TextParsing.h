#pragma once
// Small text helpers shared by the input layer (YAML values, units, CSV cells).
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace heatnet {

//! `text` without leading and trailing blanks (space, tab, CR, LF).
std::string_view trimBlanks(std::string_view text);

//! The whole of `text` (blanks trimmed, an optional leading '+') as a finite number, or nullopt.
std::optional<double> parseFiniteNumber(std::string_view text);

//! The whole content of a text file. Throws InputError "cannot read KIND file 'NAME': reason"
//! (kind: "scenario", "CSV", ...; name: the path as the user gave it).
std::string readTextFile(const std::filesystem::path& path, const std::string& displayName,
                         std::string_view kind);

//! "'a', 'b', 'c'" for messages.
std::string joinQuoted(const std::vector<std::string>& words);

} // namespace heatnet
