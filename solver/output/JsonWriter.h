#pragma once
// A small streaming JSON writer (objects, arrays, strings, numbers): enough to hand a report's
// data to its page. Non-finite numbers become null (JSON has no NaN).
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace heatnet {

//! Builds one JSON text. Commas are placed by the writer; keys only inside objects.
class JsonWriter {
public:
    //! Starts an object (after key() inside an object, or as a value in an array / at the top).
    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    //! The key of the next value in the current object.
    JsonWriter& key(std::string_view name);
    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(double number);
    JsonWriter& value(bool flag);
    //! An array of numbers, rounded to `digits` significant digits (keeps the page small).
    JsonWriter& numbers(std::span<const double> values, int digits = 6);
    //! An array of strings.
    JsonWriter& strings(const std::vector<std::string>& values);
    //! The text; safe to embed in an HTML <script> element ("</" is escaped).
    const std::string& text() const { return m_text; }

private:
    void separate();
    std::string m_text;
    std::vector<bool> m_first; //!< per open container: no element written yet
    bool m_afterKey = false;
};

} // namespace heatnet
