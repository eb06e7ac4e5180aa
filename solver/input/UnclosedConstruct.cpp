#include "solver/input/UnclosedConstruct.h"

#include <vector>

namespace heatnet {

namespace {

//! True when a bracket or quote at `i` starts a YAML token (not inside a plain word like "it's").
bool atTokenStart(std::string_view text, std::size_t i) {
    if (i == 0) {
        return true;
    }
    const char before = text[i - 1];
    return before == ' ' || before == '\t' || before == '\n' || before == '\r' || before == '[' ||
           before == '{' || before == ',' || before == ':' || before == '-';
}

} // namespace

std::optional<OpenConstruct> openConstructAt(std::string_view text, std::size_t end) {
    end = std::min(end, text.size());
    std::vector<OpenConstruct> open;
    int line = 1;
    std::size_t lineStart = 0;
    auto here = [&](std::size_t i, std::string what) {
        return OpenConstruct{line, static_cast<int>(i - lineStart) + 1, std::move(what)};
    };
    char quote = 0; // the quote character while inside a quoted string
    for (std::size_t i = 0; i < end; ++i) {
        const char c = text[i];
        if (c == '\n') {
            ++line;
            lineStart = i + 1;
        }
        if (quote == '"') {
            if (c == '\\') {
                ++i; // the escaped character cannot close the string
            } else if (c == '"') {
                quote = 0;
                open.pop_back();
            }
            continue;
        }
        if (quote == '\'') {
            if (c == '\'' && i + 1 < end && text[i + 1] == '\'') {
                ++i; // '' is a quote inside single quotes
            } else if (c == '\'') {
                quote = 0;
                open.pop_back();
            }
            continue;
        }
        if (c == '#' && atTokenStart(text, i)) {
            while (i + 1 < end && text[i + 1] != '\n') {
                ++i; // a comment runs to the end of its line
            }
            continue;
        }
        if ((c == '"' || c == '\'') && atTokenStart(text, i)) {
            quote = c;
            open.push_back(here(i, c == '"' ? "the double-quoted text" : "the single-quoted text"));
        } else if (c == '{' && atTokenStart(text, i)) {
            open.push_back(here(i, "the flow mapping '{'"));
        } else if (c == '[' && atTokenStart(text, i)) {
            open.push_back(here(i, "the flow sequence '['"));
        } else if ((c == '}' || c == ']') && !open.empty()) {
            open.pop_back();
        }
    }
    if (open.empty()) {
        return std::nullopt;
    }
    return open.back();
}

} // namespace heatnet
