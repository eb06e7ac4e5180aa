#pragma once
// Where an unclosed YAML construct began. When a flow mapping '{', a flow sequence '[' or a quoted
// string is never closed, the YAML parser gives up far below (at the next key it cannot fit, or
// at the end of the file); the user needs the line where the construct was opened.
#include <optional>
#include <string>
#include <string_view>

namespace heatnet {

//! An opening bracket or quote still open at some point of a text.
struct OpenConstruct {
    int line = 0;     //!< 1-based
    int column = 0;   //!< 1-based, in bytes
    std::string what; //!< e.g. "the flow mapping '{'", "the quoted text \"...\""
};

//! The innermost construct still open at byte `end` of `text` (a lightweight scan that knows
//! comments, quotes with their escapes, and brackets at the start of a value), or nullopt.
std::optional<OpenConstruct> openConstructAt(std::string_view text, std::size_t end);

} // namespace heatnet
