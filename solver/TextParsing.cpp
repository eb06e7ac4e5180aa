#include "solver/TextParsing.h"

#include "solver/Error.h"

#include <fmt/format.h>

#include <cerrno>
#include <fstream>
#include <sstream>
#include <system_error>

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

std::string readTextFile(const std::filesystem::path& path, const std::string& displayName,
                         std::string_view kind) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        throw InputError(
            fmt::format("cannot read {} file '{}': no such file or directory", kind, displayName));
    }
    if (std::filesystem::is_directory(path, ec)) {
        throw InputError(
            fmt::format("cannot read {} file '{}': it is a folder, not a file", kind, displayName));
    }
    std::ifstream stream(path, std::ios::binary);
    std::ostringstream buffer;
    if (stream) {
        buffer << stream.rdbuf();
    }
    if (!stream || stream.bad()) {
        const int code = errno;
        throw InputError(fmt::format("cannot read {} file '{}': {}", kind, displayName,
                                     code != 0 ? std::generic_category().message(code)
                                               : std::string("the file could not be read")));
    }
    return buffer.str();
}

std::string joinQuoted(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& word : words) {
        out += fmt::format("{}'{}'", out.empty() ? "" : ", ", word);
    }
    return out;
}

} // namespace heatnet
