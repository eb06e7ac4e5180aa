#include "solver/input/Input.h"

#include "solver/input/TextParsing.h"
#include "solver/input/UnclosedConstruct.h"

#include "solver/Error.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>
#include <utility>

namespace heatnet {

namespace {

//! Deeper nesting than this is taken for a recursive alias ("&a [*a]"), which yaml-cpp accepts.
constexpr int kMaxDepth = 200;
//! Aliases can make a small file expand enormously ("billion laughs"); no scenario needs this many.
constexpr std::size_t kMaxNodesVisited = 2'000'000;

std::string lowercase(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> previous(b.size() + 1);
    std::vector<std::size_t> current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        previous[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

int oneBased(int zeroBased) {
    return zeroBased < 0 ? 0 : zeroBased + 1;
}

//! "a mapping", "a list", "the text 'abc'", "nothing": what a node is, for messages.
std::string describeFound(const YAML::Node& node) {
    if (!node.IsDefined() || node.IsNull()) {
        return "nothing";
    }
    if (node.IsMap()) {
        return "a mapping (key: value lines)";
    }
    if (node.IsSequence()) {
        return "a list";
    }
    return fmt::format("'{}'", node.Scalar());
}

std::string childPath(std::string_view parent, std::string_view key) {
    if (parent.empty()) {
        return std::string(key);
    }
    return fmt::format("{}.{}", parent, key);
}

//! "network.pipes[3]" and, for a mapping with an id or name, "network.pipes[3] ('P3')".
std::string itemPath(std::string_view parent, std::size_t index, const YAML::Node& item) {
    std::string path = fmt::format("{}[{}]", parent, index);
    if (item.IsMap()) {
        for (const char* label : {"id", "name"}) {
            for (auto it = item.begin(); it != item.end(); ++it) {
                if (it->first.IsScalar() && it->first.Scalar() == label && it->second.IsScalar()) {
                    return fmt::format("{} ('{}')", path, it->second.Scalar());
                }
            }
        }
    }
    return path;
}

[[noreturn]] void failAtMark(const InputFile& file, const YAML::Mark& mark,
                             std::string_view keyPath, std::string_view message) {
    throw InputError(
        file.formatError(oneBased(mark.line), oneBased(mark.column), keyPath, message));
}

//! Walks the whole document once and rejects duplicate keys, which yaml-cpp keeps silently.
struct DuplicateKeyCheck {
    const InputFile& file;
    std::size_t visited = 0;

    void check(const YAML::Node& node, const std::string& path, int depth) {
        if (++visited > kMaxNodesVisited || depth > kMaxDepth) {
            failAtMark(file, node.Mark(), path,
                       "the document nests too deeply or expands too many aliases (is an alias "
                       "used inside its own anchor?)");
        }
        if (node.IsMap()) {
            std::map<std::string, int, std::less<>> firstLine;
            for (auto it = node.begin(); it != node.end(); ++it) {
                if (!it->first.IsScalar()) {
                    failAtMark(file, it->first.Mark(), path,
                               "a key must be a plain word, not a list or mapping");
                }
                const std::string& key = it->first.Scalar();
                const auto [previous, inserted] =
                    firstLine.emplace(key, oneBased(it->first.Mark().line));
                if (!inserted) {
                    failAtMark(file, it->first.Mark(), path,
                               fmt::format("duplicate key '{}' (first at line {})", key,
                                           previous->second));
                }
                check(it->second, childPath(path, key), depth + 1);
            }
        } else if (node.IsSequence()) {
            std::size_t index = 0;
            for (auto it = node.begin(); it != node.end(); ++it, ++index) {
                check(*it, itemPath(path, index, *it), depth + 1);
            }
        }
    }
};

} // namespace

// --- InputFile -----------------------------------------------------------------------------------

InputFile::InputFile(std::string text, std::string displayName, std::filesystem::path directory)
    : m_text(std::move(text)), m_displayName(std::move(displayName)),
      m_directory(std::move(directory)) {
    m_lineStarts.push_back(0);
    for (std::size_t i = 0; i < m_text.size(); ++i) {
        if (m_text[i] == '\n') {
            m_lineStarts.push_back(i + 1);
        }
    }
    try {
        m_root = YAML::Load(m_text);
    } catch (const YAML::Exception& e) {
        std::string message = fmt::format("invalid YAML: {}", e.msg);
        const std::string_view bad = line(oneBased(e.mark.line));
        if (bad.find('\t') != std::string_view::npos) {
            message += " (tabs are not allowed for indentation; use spaces)";
        }
        // An unclosed bracket or quote: the parser gives up far below; point where it began.
        const bool gaveUpLate =
            e.msg.find("not found") != std::string::npos || e.msg.find("EOF") != std::string::npos;
        const std::size_t offset =
            e.mark.pos >= 0 ? static_cast<std::size_t>(e.mark.pos) : m_text.size();
        if (const auto open = gaveUpLate ? openConstructAt(m_text, offset) : std::nullopt) {
            message =
                fmt::format("invalid YAML: {} opened here is never closed (the parser gave "
                            "up at line {}, column {}: {})",
                            open->what, oneBased(e.mark.line), oneBased(e.mark.column), e.msg);
            throw InputError(formatError(open->line, open->column, "", message));
        }
        throw InputError(formatError(oneBased(e.mark.line), oneBased(e.mark.column), "", message));
    }
    // yaml-cpp lets a quoted text at the top level run to the end of the file; the keys it
    // swallowed would then be reported missing, far from the cause.
    if (const auto open = openConstructAt(m_text, m_text.size());
        open && open->what.find("quoted") != std::string::npos) {
        throw InputError(formatError(
            open->line, open->column, "",
            fmt::format("invalid YAML: {} opened here is never closed (it runs to the end of "
                        "the file)",
                        open->what)));
    }
    DuplicateKeyCheck{*this}.check(m_root, "", 0);
}

std::shared_ptr<const InputFile> InputFile::load(const std::filesystem::path& path) {
    const std::string shown = path.string();
    std::string text = readTextFile(path, shown, "scenario");
    std::error_code ec;
    auto directory = std::filesystem::absolute(path, ec).parent_path();
    if (ec) {
        directory = path.parent_path();
    }
    return std::make_shared<const InputFile>(std::move(text), shown, directory);
}

std::shared_ptr<const InputFile> InputFile::fromString(std::string text, std::string displayName) {
    std::error_code ec;
    auto directory = std::filesystem::current_path(ec);
    return std::make_shared<const InputFile>(std::move(text), std::move(displayName),
                                             ec ? std::filesystem::path{} : directory);
}

std::shared_ptr<const InputFile> InputFile::fromTree(YAML::Node root, std::string displayName,
                                                     std::filesystem::path directory) {
    auto file =
        std::make_shared<InputFile>(std::string(), std::move(displayName), std::move(directory));
    file->m_root = std::move(root);
    return file;
}

std::string_view InputFile::line(int lineNumber) const {
    if (lineNumber < 1 || static_cast<std::size_t>(lineNumber) > m_lineStarts.size()) {
        return {};
    }
    const std::size_t start = m_lineStarts[static_cast<std::size_t>(lineNumber) - 1];
    if (start >= m_text.size()) {
        return {};
    }
    std::size_t end = m_text.find('\n', start);
    if (end == std::string::npos) {
        end = m_text.size();
    }
    if (end > start && m_text[end - 1] == '\r') {
        --end;
    }
    return std::string_view(m_text).substr(start, end - start);
}

InputNode InputFile::root() const {
    auto self = weak_from_this().lock();
    if (!self) {
        // Only reachable if someone built an InputFile on the stack instead of via load().
        throw std::logic_error("InputFile::root() needs an InputFile owned by a shared_ptr");
    }
    return InputNode(std::move(self), m_root, "");
}

std::shared_ptr<const CsvTable> InputFile::csv(const std::filesystem::path& path) const {
    const std::string key = std::filesystem::absolute(path).lexically_normal().string();
    auto found = m_csvTables.find(key);
    if (found == m_csvTables.end()) {
        found =
            m_csvTables
                .emplace(key, std::make_shared<const CsvTable>(CsvTable::load(path, path.string())))
                .first;
    }
    return found->second;
}

std::string InputFile::formatError(int line, int column, std::string_view keyPath,
                                   std::string_view message) const {
    std::string out = m_displayName;
    if (line > 0) {
        out += fmt::format(":{}", line);
        if (column > 0) {
            out += fmt::format(":{}", column);
        }
    }
    // A huge value (a 10 MB line) is never echoed whole.
    constexpr std::size_t kMaxShown = 1000, kMaxQuoted = 200;
    if (keyPath.empty()) {
        out += fmt::format(": error: {}", abbreviated(message, kMaxShown));
    } else {
        out += fmt::format(": error in {}: {}", abbreviated(keyPath, kMaxShown),
                           abbreviated(message, kMaxShown));
    }
    if (line <= 0 || static_cast<std::size_t>(line) > m_lineStarts.size()) {
        return out;
    }
    const int width = std::max(4, static_cast<int>(std::to_string(line).size()));
    if (line > 1) {
        out += fmt::format("\n {:>{}} | {}", line - 1, width,
                           abbreviated(this->line(line - 1), kMaxQuoted));
    }
    const std::string_view text = this->line(line);
    out += fmt::format("\n>{:>{}} | {}", line, width, abbreviated(text, kMaxQuoted));
    if (column > 0 && static_cast<std::size_t>(column) <= kMaxQuoted) {
        // The caret goes under the column's character: copy tabs, count UTF-8 characters once.
        std::string pad;
        const std::size_t prefix = std::min(text.size(), static_cast<std::size_t>(column - 1));
        for (std::size_t i = 0; i < prefix; ++i) {
            const auto c = static_cast<unsigned char>(text[i]);
            if (c == '\t') {
                pad += '\t';
            } else if ((c & 0xC0) != 0x80) {
                pad += ' ';
            }
        }
        pad.append(static_cast<std::size_t>(column - 1) - prefix, ' ');
        out += fmt::format("\n {:>{}} | {}^", "", width, pad);
    }
    return out;
}

// --- InputNode -----------------------------------------------------------------------------------

InputNode::InputNode(std::shared_ptr<const InputFile> file, YAML::Node node, std::string keyPath)
    : m_file(std::move(file)), m_node(std::move(node)), m_keyPath(std::move(keyPath)) {}

InputNode::InputNode(std::shared_ptr<const InputFile> file, YAML::Node node, std::string keyPath,
                     YAML::Mark keyMark)
    : m_file(std::move(file)), m_node(std::move(node)), m_keyPath(std::move(keyPath)),
      m_keyMark(keyMark) {}

YAML::Mark InputNode::mark() const {
    // An empty value's own mark is wherever the parser went next (often the following key).
    if (isNull() && !m_keyMark.is_null()) {
        return m_keyMark;
    }
    if (!m_node.IsDefined()) {
        return YAML::Mark::null_mark();
    }
    return m_node.Mark();
}

int InputNode::line() const {
    return oneBased(mark().line);
}

int InputNode::column() const {
    return oneBased(mark().column);
}

void InputNode::fail(std::string_view message) const {
    throw InputError(m_file->formatError(line(), column(), m_keyPath, message));
}

void InputNode::expectMap() const {
    if (!isMap()) {
        fail(fmt::format("expected a mapping (key: value lines), got {}", describeFound(m_node)));
    }
}

void InputNode::expectSequence() const {
    if (!isSequence()) {
        fail(fmt::format("expected a list ('- ' items), got {}", describeFound(m_node)));
    }
}

std::optional<InputNode> InputNode::find(std::string_view key) const {
    if (isNull()) {
        return std::nullopt;
    }
    expectMap();
    for (auto it = m_node.begin(); it != m_node.end(); ++it) {
        if (it->first.IsScalar() && it->first.Scalar() == key) {
            return InputNode(m_file, it->second, childPath(m_keyPath, key), it->first.Mark());
        }
    }
    return std::nullopt;
}

bool InputNode::has(std::string_view key) const {
    return find(key).has_value();
}

InputNode InputNode::operator[](std::string_view key) const {
    if (auto child = find(key)) {
        return *std::move(child);
    }
    std::string message = fmt::format("missing required key '{}'", key);
    // A misspelt key is the usual cause; name it so the user does not hunt for it. Only very
    // close keys: a looser match would name legitimate neighbours (supply_/return_temperature).
    for (auto it = m_node.begin(); isMap() && it != m_node.end(); ++it) {
        const std::string& present = it->first.Scalar();
        if (editDistance(lowercase(present), lowercase(key)) <= 2 && present.size() > 2) {
            message += fmt::format("; is '{}' (line {}) a misspelling of it?", present,
                                   oneBased(it->first.Mark().line));
            break;
        }
    }
    fail(message);
}

std::optional<InputNode> InputNode::get(std::string_view key) const {
    return find(key);
}

std::size_t InputNode::size() const {
    if (isNull()) {
        return 0;
    }
    if (!isSequence() && !isMap()) {
        fail(fmt::format("expected a list ('- ' items), got {}", describeFound(m_node)));
    }
    return m_node.size();
}

InputNode InputNode::operator[](std::size_t index) const {
    expectSequence();
    if (index >= m_node.size()) {
        fail(fmt::format("item {} requested, but the list has only {} item(s)", index,
                         m_node.size()));
    }
    const YAML::Node item = m_node[index];
    return InputNode(m_file, item, itemPath(m_keyPath, index, item));
}

std::vector<InputNode> InputNode::items() const {
    std::vector<InputNode> out;
    if (isNull()) {
        return out;
    }
    expectSequence();
    std::size_t index = 0;
    for (auto it = m_node.begin(); it != m_node.end(); ++it, ++index) {
        out.emplace_back(m_file, *it, itemPath(m_keyPath, index, *it));
    }
    return out;
}

std::vector<std::string> InputNode::keys() const {
    std::vector<std::string> out;
    if (isNull()) {
        return out;
    }
    expectMap();
    for (auto it = m_node.begin(); it != m_node.end(); ++it) {
        out.push_back(it->first.Scalar());
    }
    return out;
}

void InputNode::allowOnly(std::initializer_list<std::string_view> allowed) const {
    allowOnly(std::vector<std::string>(allowed.begin(), allowed.end()));
}

void InputNode::allowOnly(const std::vector<std::string>& allowed) const {
    if (isNull()) {
        return;
    }
    expectMap();
    for (auto it = m_node.begin(); it != m_node.end(); ++it) {
        const std::string& key = it->first.Scalar();
        if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) {
            continue;
        }
        const std::string near = nearestWord(key, allowed);
        const std::string hint = near.empty()
                                     ? fmt::format("; allowed keys are {}", joinQuoted(allowed))
                                     : fmt::format("; did you mean '{}'?", near);
        failAtMark(*m_file, it->first.Mark(), m_keyPath,
                   fmt::format("unknown key '{}'{}", key, hint));
    }
}

std::string InputNode::asString() const {
    if (!isScalar()) {
        fail(fmt::format("expected a text value, got {}", describeFound(m_node)));
    }
    return m_node.Scalar();
}

double InputNode::asNumber() const {
    if (!isScalar()) {
        fail(fmt::format("expected a number, got {}", describeFound(m_node)));
    }
    const std::string& text = m_node.Scalar();
    if (auto value = parseFiniteNumber(text)) {
        return *value;
    }
    // "250 m" where a plain number belongs: say so rather than only "expected a number".
    std::string_view start = trimBlanks(text);
    double ignored = 0.0;
    const auto prefix = std::from_chars(start.data(), start.data() + start.size(), ignored);
    const std::string hint =
        prefix.ec == std::errc{} ? " (a plain number, without unit)" : std::string();
    fail(fmt::format("expected a number{}, got '{}'", hint, text));
}

long InputNode::asInteger() const {
    if (!isScalar()) {
        fail(fmt::format("expected a whole number, got {}", describeFound(m_node)));
    }
    const std::string_view text = trimBlanks(m_node.Scalar());
    std::string_view digits = text;
    if (!digits.empty() && digits.front() == '+') {
        digits.remove_prefix(1);
    }
    long value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (!digits.empty() && error == std::errc{} && end == digits.data() + digits.size()) {
        return value;
    }
    if (error == std::errc::result_out_of_range) {
        fail(fmt::format("the whole number '{}' is too large", text));
    }
    // "1e3" or "2.0" are whole numbers written as decimals: accept them when exact.
    if (auto number = parseFiniteNumber(text)) {
        if (std::floor(*number) == *number && std::abs(*number) < 9.0e18) {
            return static_cast<long>(*number);
        }
    }
    fail(fmt::format("expected a whole number, got '{}'", text));
}

bool InputNode::asBool() const {
    if (isScalar()) {
        const std::string word = lowercase(trimBlanks(m_node.Scalar()));
        if (word == "true" || word == "yes") {
            return true;
        }
        if (word == "false" || word == "no") {
            return false;
        }
    }
    fail(fmt::format("expected true or false (or yes/no), got {}", describeFound(m_node)));
}

double InputNode::asQuantity(Dimension dimension) const {
    if (!isScalar()) {
        fail(fmt::format("expected {}, got {}", describeDimension(dimension),
                         describeFound(m_node)));
    }
    std::string reason;
    if (auto value = parseQuantity(m_node.Scalar(), dimension, &reason)) {
        return *value;
    }
    fail(fmt::format("invalid value '{}': {}", m_node.Scalar(), reason));
}

std::string InputNode::asChoice(std::initializer_list<std::string_view> choices) const {
    return asChoice(std::vector<std::string>(choices.begin(), choices.end()));
}

std::string InputNode::asChoice(const std::vector<std::string>& options) const {
    if (isScalar()) {
        const std::string& value = m_node.Scalar();
        if (std::find(options.begin(), options.end(), value) != options.end()) {
            return value;
        }
    }
    std::string message =
        fmt::format("expected one of {}, got {}", joinQuoted(options), describeFound(m_node));
    if (isScalar()) {
        const std::string near = nearestWord(m_node.Scalar(), options);
        if (!near.empty()) {
            message += fmt::format("; did you mean '{}'?", near);
        }
    }
    fail(message);
}

std::filesystem::path InputNode::asExistingPath() const {
    const std::string text = asString();
    if (trimBlanks(text).empty()) {
        fail("expected a file path, got an empty text");
    }
    const std::filesystem::path given(text);
    std::filesystem::path resolved =
        given.is_absolute() ? given : (m_file->directory() / given).lexically_normal();
    std::error_code ec;
    if (!resolved.is_absolute()) {
        auto absolute = std::filesystem::absolute(resolved, ec);
        if (!ec) {
            resolved = absolute.lexically_normal();
        }
    }
    const auto status = std::filesystem::status(resolved, ec);
    if (!std::filesystem::exists(status)) {
        fail(fmt::format("file not found: '{}' (resolved to {})", text, resolved.string()));
    }
    if (std::filesystem::is_directory(status)) {
        fail(fmt::format("'{}' is a folder, expected a file (resolved to {})", text,
                         resolved.string()));
    }
    m_file->m_referencedFiles.push_back(resolved);
    return resolved;
}

double InputNode::quantityOr(std::string_view key, Dimension dimension, double defaultSi) const {
    const auto child = find(key);
    return child && !child->isNull() ? child->asQuantity(dimension) : defaultSi;
}

double InputNode::numberOr(std::string_view key, double defaultValue) const {
    const auto child = find(key);
    return child && !child->isNull() ? child->asNumber() : defaultValue;
}

long InputNode::integerOr(std::string_view key, long defaultValue) const {
    const auto child = find(key);
    return child && !child->isNull() ? child->asInteger() : defaultValue;
}

bool InputNode::boolOr(std::string_view key, bool defaultValue) const {
    const auto child = find(key);
    return child && !child->isNull() ? child->asBool() : defaultValue;
}

std::string InputNode::stringOr(std::string_view key, std::string defaultValue) const {
    const auto child = find(key);
    return child && !child->isNull() ? child->asString() : std::move(defaultValue);
}

// --- free functions ------------------------------------------------------------------------------

std::string nearestWord(std::string_view word, const std::vector<std::string>& candidates) {
    const std::string lowered = lowercase(word);
    const std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
    std::string best;
    std::size_t bestDistance = limit + 1;
    for (const auto& candidate : candidates) {
        const std::size_t distance = editDistance(lowered, lowercase(candidate));
        // Also require something in common: "xy" is 2 edits from "id" but not a misspelling.
        if (distance < bestDistance && distance < std::max(word.size(), candidate.size())) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

} // namespace heatnet
