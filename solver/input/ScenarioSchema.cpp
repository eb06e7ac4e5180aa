#include "solver/input/ScenarioSchema.h"

#include "solver/input/ScenarioKeys.h"
#include "solver/input/Units.h"

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <map>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace heatnet {

namespace {

//! A JSON value small enough to build a schema: objects keep their insertion order.
class Json {
public:
    using Object = std::vector<std::pair<std::string, Json>>;
    using Array = std::vector<Json>;
    Json() : m_value(Object{}) {}
    Json(bool value) : m_value(value) {}
    Json(double value) : m_value(value) {}
    Json(const char* value) : m_value(std::string(value)) {}
    Json(std::string value) : m_value(std::move(value)) {}
    Json(std::string_view value) : m_value(std::string(value)) {}
    Json(Array value) : m_value(std::move(value)) {}

    //! The member `key` of an object, added if missing.
    Json& operator[](std::string_view key) {
        auto& object = std::get<Object>(m_value);
        for (auto& [name, value] : object) {
            if (name == key) {
                return value;
            }
        }
        object.emplace_back(std::string(key), Json());
        return object.back().second;
    }
    bool has(std::string_view key) const {
        if (const auto* object = std::get_if<Object>(&m_value)) {
            for (const auto& member : *object) {
                if (member.first == key) {
                    return true;
                }
            }
        }
        return false;
    }

    void write(std::string& out, int indent) const {
        const std::string pad(static_cast<std::size_t>(indent + 2), ' ');
        if (const auto* b = std::get_if<bool>(&m_value)) {
            out += *b ? "true" : "false";
        } else if (const auto* d = std::get_if<double>(&m_value)) {
            out += std::floor(*d) == *d && std::abs(*d) < 1e15
                       ? fmt::format("{}", static_cast<long long>(*d))
                       : fmt::format("{}", *d);
        } else if (const auto* s = std::get_if<std::string>(&m_value)) {
            out += quote(*s);
        } else if (const auto* a = std::get_if<Array>(&m_value)) {
            if (a->empty()) {
                out += "[]";
                return;
            }
            out += "[\n";
            for (std::size_t i = 0; i < a->size(); ++i) {
                out += pad;
                (*a)[i].write(out, indent + 2);
                out += i + 1 < a->size() ? ",\n" : "\n";
            }
            out += std::string(static_cast<std::size_t>(indent), ' ') + "]";
        } else {
            const auto& o = std::get<Object>(m_value);
            if (o.empty()) {
                out += "{}";
                return;
            }
            out += "{\n";
            for (std::size_t i = 0; i < o.size(); ++i) {
                out += pad + quote(o[i].first) + ": ";
                o[i].second.write(out, indent + 2);
                out += i + 1 < o.size() ? ",\n" : "\n";
            }
            out += std::string(static_cast<std::size_t>(indent), ' ') + "}";
        }
    }

private:
    static std::string quote(std::string_view text) {
        std::string out = "\"";
        for (const char c : text) {
            switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                out += c;
            }
        }
        return out + "\"";
    }
    std::variant<bool, double, std::string, Array, Object> m_value;
};

constexpr std::string_view kNumber = R"([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)";
//! What the unit parser ignores between unit symbols (solver/input/Units.cpp, normalise()).
constexpr std::string_view kSeparator = "[ \t*^.\u00b7\u22c5]*";

std::string escapeRegex(char c) {
    return std::string("\\^$.|?*+()[]{}/").find(c) != std::string::npos ? fmt::format("\\{}", c)
                                                                        : std::string(1, c);
}

//! A regex for one normalised unit spelling, accepting what normalise() brings back to it.
std::string spellingRegex(std::string_view spelling, bool emission) {
    std::string out;
    for (std::size_t i = 0; i < spelling.size();) {
        if (i > 0) {
            out += kSeparator;
        }
        if (spelling.substr(i, 3) == "EUR") {
            out += "(?:EUR|\u20ac|eur|Eur)";
            i += 3;
            continue;
        }
        const char c = spelling[i];
        if ((c == '2' || c == '3') && i > 0 &&
            std::isalpha(static_cast<unsigned char>(spelling[i - 1]))) {
            out += c == '2' ? "(?:2|\u00b2)" : "(?:3|\u00b3)";
            ++i;
            continue;
        }
        if (emission && c == '/') {
            out += fmt::format("(?:CO2(?:eq|e)?)?{}", kSeparator);
        }
        out += escapeRegex(c);
        ++i;
    }
    if (spelling == "degC") {
        out = fmt::format("(?:{}|\u00b0{}C|\u2103)", out, kSeparator);
    }
    return out;
}

std::string unitsPattern(const std::vector<std::string>& spellings, bool emission,
                         bool nonNegative = false) {
    std::string alternatives;
    bool bare = false;
    for (const std::string& spelling : spellings) {
        if (spelling.empty()) {
            bare = true;
            continue;
        }
        if (!alternatives.empty()) {
            alternatives += '|';
        }
        alternatives += spellingRegex(spelling, emission);
    }
    // A non-negative quantity cannot start with '-': the sign is all a pattern can check.
    const std::string number =
        nonNegative ? "[+]?" + std::string(kNumber.substr(5)) : std::string(kNumber);
    return fmt::format(R"(^\s*{}\s*(?:{}){}\s*$)", number, alternatives, bare ? "?" : "");
}

std::string defName(std::string_view prefix, std::string_view name) {
    std::string out(prefix);
    for (const char c : name) {
        out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    }
    return out;
}

std::string quantityDef(Dimension d, bool nonNegative) {
    return defName("quantity_", dimensionName(d)) + (nonNegative ? "_nonnegative" : "");
}
std::string profileDef(Dimension d) {
    return defName("profile_", dimensionName(d));
}
Json schemaRef(const std::string& def) {
    Json j;
    j["$ref"] = "#/$defs/" + def;
    return j;
}

//! {"type": "number"} with the key's range, if any.
Json rangedNumber(const KeySpec* range) {
    Json number;
    number["type"] = "number";
    if (range != nullptr) {
        if (range->min > -INFINITY) {
            number[range->minExclusive ? "exclusiveMinimum" : "minimum"] = range->min;
        }
        if (range->max < INFINITY) {
            number[range->maxExclusive ? "exclusiveMaximum" : "maximum"] = range->max;
        }
    }
    return number;
}

//! A plain number, also as a string ("1e-3" is a string in YAML 1.1 loaders).
Json numberSchema(const KeySpec* range) {
    Json text;
    text["type"] = "string";
    text["pattern"] = fmt::format(R"(^\s*{}\s*$)", kNumber);
    Json j;
    j["anyOf"] = Json::Array{rangedNumber(range), text};
    return j;
}

Json quantitySchema(Dimension d, bool nonNegative) {
    Json j;
    j["description"] = fmt::format("{}{} ({})", nonNegative ? "non-negative " : "",
                                   dimensionName(d), describeDimension(d));
    j["type"] = "string";
    j["pattern"] = unitsPattern(unitSpellings(d), d == Dimension::EmissionFactor, nonNegative);
    // Shown by editors instead of the pattern (a YAML language server extension keyword).
    j["patternErrorMessage"] =
        fmt::format("expected {}{}", nonNegative ? "≥ 0: " : "", describeDimension(d));
    if (d == Dimension::Dimensionless) {
        Json number;
        number["type"] = "number";
        Json either;
        either["description"] = "a plain number or a percentage (0.85 or 85 %)";
        either["anyOf"] = Json::Array{number, j};
        return either;
    }
    return j;
}

//! The value of a default as a scenario writes it, typed for JSON.
Json typedDefault(const KeySpec& key) {
    const std::string text(key.defaultValue);
    if (key.type == KeyType::Boolean) {
        return Json(text == "true");
    }
    if (key.type == KeyType::Integer || key.type == KeyType::Number ||
        (key.type == KeyType::Quantity && key.dimension == Dimension::Dimensionless &&
         text.find('%') == std::string::npos)) {
        return Json(std::stod(text));
    }
    if (text == "\"\"") {
        return Json("");
    }
    return Json(text);
}

std::string describe(const KeySpec& key) {
    std::string text(key.help);
    if (key.type == KeyType::Quantity || key.type == KeyType::Profile) {
        text += fmt::format(" [{}]", describeDimension(key.dimension));
    }
    if (key.type == KeyType::UnitsQuantity) {
        text += fmt::format(" [{}]", key.units);
    }
    if (key.hasRange()) {
        text += "; " + key.rangeText();
    }
    if (!key.defaultNote.empty()) {
        text += fmt::format("; default: {}", key.defaultNote);
    }
    if (key.required) {
        text += "; required";
    }
    return text;
}

std::string sectionDef(std::string_view name) {
    return defName("section_", name);
}

class SchemaBuilder {
public:
    Json build() {
        Json root;
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        root["$id"] = "https://github.com/heatnet/heatnet/docs/scenario.schema.json";
        root["title"] = "heatnet scenario";
        root["description"] =
            "A heatnet scenario (YAML). Generated by `heatnet schema` from the reader's key "
            "table; see docs/scenario.md.";
        Json top = section(scenarioSection("scenario"), Dimension::Dimensionless);
        root["type"] = "object";
        root["properties"] = top["properties"];
        root["required"] = top["required"];
        root["additionalProperties"] = false;
        for (const SectionSpec& s : scenarioSections()) {
            if (s.name == "scenario" || s.name == "profile_weekly" || s.name == "profile_csv" ||
                s.name.substr(0, 7) == "source:") {
                continue;
            }
            m_defs[sectionDef(s.name)] =
                s.name == "source" ? sourceSchema() : section(s, Dimension::Dimensionless);
        }
        Json defs;
        for (auto& [name, value] : m_defs) {
            defs[name] = value;
        }
        root["$defs"] = defs;
        return root;
    }

private:
    //! A key's schema; `profileDimension` is the dimension of a weekly profile's values.
    Json keySchema(const KeySpec& key, Dimension profileDimension) {
        Json j;
        switch (key.type) {
        case KeyType::Text:
        case KeyType::NodeId:
            j["type"] = Json::Array{Json("string"), Json("number")};
            break;
        case KeyType::Number:
            j = numberSchema(&key);
            break;
        case KeyType::Integer:
            j["type"] = "integer";
            if (key.min > -INFINITY) {
                j[key.minExclusive ? "exclusiveMinimum" : "minimum"] = key.min;
            }
            if (key.max < INFINITY) {
                j[key.maxExclusive ? "exclusiveMaximum" : "maximum"] = key.max;
            }
            if (!key.choices.empty()) {
                // An integer or one of the words (`dn: auto`).
                Json::Array words;
                for (const std::string_view choice : key.choices) {
                    words.emplace_back(choice);
                }
                Json word;
                word["enum"] = words;
                Json either;
                either["anyOf"] = Json::Array{j, word};
                j = either;
            }
            break;
        case KeyType::Boolean:
            j["type"] = "boolean";
            break;
        case KeyType::Quantity:
            if (key.dimension == Dimension::Dimensionless && key.hasRange()) {
                // A plain number carries its range; a percentage is range-checked by the reader.
                Json text;
                text["type"] = "string";
                text["pattern"] = unitsPattern(unitSpellings(key.dimension), false);
                j["anyOf"] = Json::Array{rangedNumber(&key), text};
                break;
            }
            j = schemaRef(useQuantity(key.dimension, key.min >= 0));
            break;
        case KeyType::UnitsQuantity: {
            std::vector<std::string> spellings;
            std::string_view units = key.units;
            while (!units.empty()) {
                const std::size_t comma = units.find(", ");
                std::string unit(units.substr(0, comma));
                std::erase(unit, ' ');
                spellings.push_back(unit);
                units = comma == std::string_view::npos ? "" : units.substr(comma + 2);
            }
            j["type"] = "string";
            j["pattern"] = unitsPattern(spellings, false, key.min >= 0);
            j["patternErrorMessage"] = fmt::format("expected a number and one of: {}", key.units);
            break;
        }
        case KeyType::Choice: {
            Json::Array values;
            for (const std::string_view choice : key.choices) {
                values.emplace_back(choice);
            }
            j["enum"] = values;
            break;
        }
        case KeyType::ChoiceList: {
            Json::Array values;
            for (const std::string_view choice : key.choices) {
                values.emplace_back(choice);
            }
            Json item;
            item["enum"] = values;
            j["type"] = "array";
            j["items"] = item;
            j["uniqueItems"] = Json(true);
            break;
        }
        case KeyType::Date:
            j["type"] = "string";
            j["pattern"] = R"(^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$)";
            j["patternErrorMessage"] = "expected a date YYYY-MM-DD [HH:MM[:SS]]";
            break;
        case KeyType::FilePath:
        case KeyType::UnitName:
            j["type"] = "string";
            break;
        case KeyType::Profile:
            j = schemaRef(useProfile(key.dimension));
            break;
        case KeyType::ProfileParent:
            j = schemaRef(useQuantity(profileDimension, profileNonNegative(profileDimension)));
            break;
        case KeyType::Mapping:
            j = schemaRef(sectionDef(key.child));
            break;
        case KeyType::List: {
            j["type"] = "array";
            j["items"] = schemaRef(sectionDef(key.child));
            if (key.required) {
                j["minItems"] = 1.0;
            }
            break;
        }
        case KeyType::QuantityOrMapping:
            j["anyOf"] = Json::Array{schemaRef(useQuantity(key.dimension, false)),
                                     schemaRef(sectionDef(key.child))};
            break;
        }
        j["description"] = describe(key);
        if (!key.defaultValue.empty()) {
            j["default"] = typedDefault(key);
        }
        if (!key.example.empty()) {
            j["examples"] = Json::Array{typedExample(key)};
        }
        return j;
    }

    static Json typedExample(const KeySpec& key) {
        KeySpec copy = key;
        copy.defaultValue = key.example;
        return typedDefault(copy);
    }

    Json section(const SectionSpec& s, Dimension profileDimension) {
        Json j;
        j["type"] = "object";
        j["description"] = s.help;
        Json properties;
        Json::Array required;
        for (const KeySpec& key : s.keys) {
            properties[key.name] = keySchema(key, profileDimension);
            if (key.required) {
                required.emplace_back(key.name);
            }
        }
        j["properties"] = properties;
        j["required"] = required;
        j["additionalProperties"] = false;
        if (!s.exactlyOneOf.empty()) {
            Json::Array all;
            for (const auto& group : s.exactlyOneOf) {
                Json::Array oneOf;
                for (const std::string_view key : group) {
                    Json option;
                    option["required"] = Json::Array{Json(key)};
                    oneOf.push_back(option);
                }
                Json entry;
                entry["oneOf"] = oneOf;
                all.push_back(entry);
            }
            j["allOf"] = all;
        }
        return j;
    }

    //! Sources: the common keys and, selected by `type`, the keys of that type only.
    Json sourceSchema() {
        const SectionSpec& common = scenarioSection("source");
        Json j = section(common, Dimension::Dimensionless);
        Json::Array branches;
        for (const std::string& type : sourceTypes()) {
            const SectionSpec& s = scenarioSection("source:" + type);
            Json allowed;
            Json::Array required;
            for (const KeySpec& key : common.keys) {
                allowed[key.name] = true;
            }
            for (const KeySpec& key : s.keys) {
                Json schema = keySchema(key, Dimension::Dimensionless);
                allowed[key.name] = schema;
                if (!j["properties"].has(key.name)) {
                    j["properties"][key.name] = schema;
                }
                if (key.required) {
                    required.emplace_back(key.name);
                }
            }
            Json condition;
            condition["properties"]["type"]["const"] = type;
            condition["required"] = Json::Array{Json("type")};
            Json then;
            then["description"] = s.help;
            then["properties"] = allowed;
            then["required"] = required;
            then["additionalProperties"] = false;
            Json branch;
            branch["if"] = condition;
            branch["then"] = then;
            branches.push_back(branch);
        }
        j["allOf"] = branches;
        return j;
    }

    std::string useQuantity(Dimension d, bool nonNegative) {
        const std::string name = quantityDef(d, nonNegative);
        if (!m_defs.count(name)) {
            m_defs[name] = quantitySchema(d, nonNegative);
        }
        return name;
    }

    //! Profiles reject negative values (ProfileOptions); a temperature's sign is not its own.
    static bool profileNonNegative(Dimension d) { return d != Dimension::Temperature; }

    std::string useProfile(Dimension d) {
        const std::string name = profileDef(d);
        if (m_defs.count(name)) {
            return name;
        }
        m_defs[name] = Json(); // reserve: the weekly section refers back to the quantity only
        Json weeklyList;
        weeklyList["type"] = "array";
        weeklyList["items"] = schemaRef(useQuantity(d, profileNonNegative(d)));
        weeklyList["minItems"] = 168.0;
        weeklyList["maxItems"] = 168.0;
        weeklyList["description"] = "168 hourly values, Monday 00:00 first";
        Json weekly;
        weekly["type"] = "object";
        weekly["properties"]["weekly"]["anyOf"] =
            Json::Array{section(scenarioSection("profile_weekly"), d), weeklyList};
        weekly["required"] = Json::Array{Json("weekly")};
        weekly["additionalProperties"] = false;
        Json profile;
        profile["description"] =
            fmt::format("a time profile of {}: a constant, {{weekly: ...}} or {{csv: ...}} "
                        "(docs/scenario.md, Profiles)",
                        describeDimension(d));
        profile["anyOf"] = Json::Array{schemaRef(useQuantity(d, profileNonNegative(d))), weekly,
                                       section(scenarioSection("profile_csv"), d)};
        m_defs[name] = profile;
        return name;
    }

    std::map<std::string, Json> m_defs;
};

std::string markdownCell(std::string_view text) {
    std::string out;
    for (const char c : text) {
        out += c == '|' ? std::string("\\|") : std::string(1, c);
    }
    return out;
}

std::string typeText(const KeySpec& key) {
    switch (key.type) {
    case KeyType::Text:
        return "text";
    case KeyType::NodeId:
        return "node id";
    case KeyType::Number:
        return "number";
    case KeyType::Integer:
        return key.choices.empty() ? std::string("integer")
                                   : "integer or " + std::string(key.choices.front());
    case KeyType::Boolean:
        return "true \\| false";
    case KeyType::Quantity:
    case KeyType::QuantityOrMapping:
        return key.dimension == Dimension::Dimensionless
                   ? "number or %"
                   : dimensionName(key.dimension) + (key.type == KeyType::QuantityOrMapping
                                                         ? fmt::format(" or `{}`", key.child)
                                                         : "");
    case KeyType::UnitsQuantity:
        return std::string(key.units);
    case KeyType::Choice: {
        std::string out;
        for (const std::string_view choice : key.choices) {
            out += fmt::format("{}`{}`", out.empty() ? "" : " \\| ", choice);
        }
        return out;
    }
    case KeyType::ChoiceList: {
        std::string out;
        for (const std::string_view choice : key.choices) {
            out += fmt::format("{}`{}`", out.empty() ? "" : ", ", choice);
        }
        return "list of: " + out;
    }
    case KeyType::Date:
        return "date";
    case KeyType::FilePath:
        return "file";
    case KeyType::Profile:
        return dimensionName(key.dimension) + " profile";
    case KeyType::ProfileParent:
        return "the profile's quantity";
    case KeyType::UnitName:
        return "unit";
    case KeyType::Mapping:
        return fmt::format("mapping (`{}`)", key.child);
    case KeyType::List:
        return fmt::format("list of `{}`", key.child);
    }
    return "";
}

} // namespace

std::string scenarioJsonSchema() {
    std::string out;
    SchemaBuilder().build().write(out, 0);
    return out + "\n";
}

std::string scenarioKeyTables() {
    std::string out;
    for (const SectionSpec& s : scenarioSections()) {
        out += fmt::format("### `{}`{}\n\n{}.\n\n", s.name,
                           s.where.empty() ? " (top level)" : fmt::format(" — `{}`", s.where),
                           markdownCell(s.help));
        out += "| key | type | default | rule | meaning | example |\n";
        out += "|---|---|---|---|---|---|\n";
        for (const KeySpec& key : s.keys) {
            const std::string defaultText = key.required ? "**required**"
                                            : !key.defaultValue.empty()
                                                ? fmt::format("`{}`", key.defaultValue)
                                                : markdownCell(key.defaultNote);
            out += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", key.name, typeText(key),
                               defaultText, key.rangeText(), markdownCell(key.help),
                               key.example.empty() ? "" : fmt::format("`{}`", key.example));
        }
        out += "\n";
    }
    return out;
}

} // namespace heatnet
