#include "solver/TextParsing.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace heatnet {

std::string_view trimBlanks(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

std::optional<double> parseFiniteNumber(std::string_view text) {
    text = trimBlanks(text);
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
    }
    double value = 0.0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size() ||
        !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

std::string joinQuoted(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& word : words) {
        out += fmt::format("{}'{}'", out.empty() ? "" : ", ", word);
    }
    return out;
}

} // namespace heatnet
