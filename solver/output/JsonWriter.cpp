#include "solver/output/JsonWriter.h"

#include <fmt/format.h>

#include <cmath>

namespace heatnet {

void JsonWriter::separate() {
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_first.empty()) {
        if (!m_first.back()) {
            m_text += ',';
        }
        m_first.back() = false;
    }
}

JsonWriter& JsonWriter::beginObject() {
    separate();
    m_text += '{';
    m_first.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::endObject() {
    m_text += '}';
    m_first.pop_back();
    return *this;
}

JsonWriter& JsonWriter::beginArray() {
    separate();
    m_text += '[';
    m_first.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::endArray() {
    m_text += ']';
    m_first.pop_back();
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    value(name);
    m_text += ':';
    m_afterKey = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
    separate();
    m_text += '"';
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        switch (c) {
        case '"':
            m_text += "\\\"";
            break;
        case '\\':
            m_text += "\\\\";
            break;
        case '\n':
            m_text += "\\n";
            break;
        case '\r':
            m_text += "\\r";
            break;
        case '\t':
            m_text += "\\t";
            break;
        case '<':
            m_text += "\\u003c";
            break; // never "</script>" inside a script element
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                m_text += fmt::format("\\u{:04x}", static_cast<int>(c));
            } else {
                m_text += c;
            }
        }
    }
    m_text += '"';
    return *this;
}

JsonWriter& JsonWriter::value(double number) {
    separate();
    m_text += std::isfinite(number) ? fmt::format("{}", number) : "null";
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    separate();
    m_text += flag ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::numbers(std::span<const double> values, int digits) {
    beginArray();
    for (double v : values) {
        separate();
        m_text += std::isfinite(v) ? fmt::format("{:.{}g}", v, digits) : "null";
    }
    return endArray();
}

JsonWriter& JsonWriter::strings(const std::vector<std::string>& values) {
    beginArray();
    for (const std::string& v : values) {
        value(v);
    }
    return endArray();
}

} // namespace heatnet
