#pragma once
// Small text helpers shared by the input layer (YAML values, units, CSV cells).
#include <cstdint>
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

//! Largest input file heatnet reads (a scenario or a CSV profile): 256 MiB.
constexpr std::uintmax_t kMaxInputFileBytes = std::uintmax_t{256} << 20;

//! The whole content of a text file, every byte checked. Throws InputError "cannot read KIND
//! file 'NAME': reason" (kind: "scenario", "CSV", ...; name: the path as the user gave it) when
//! it is missing, not a regular file (a folder, device such as /dev/zero, FIFO or socket),
//! larger than kMaxInputFileBytes, or not read whole.
std::string readTextFile(const std::filesystem::path& path, const std::string& displayName,
                         std::string_view kind);

//! `text` cut to at most `maxBytes` (at a character boundary) with "… (N bytes in all)", so that
//! a huge value is never echoed whole in a message.
std::string abbreviated(std::string_view text, std::size_t maxBytes = 120);

//! "'a', 'b', 'c'" for messages.
std::string joinQuoted(const std::vector<std::string>& words);

} // namespace heatnet
