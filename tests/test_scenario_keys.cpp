// The key table (solver/ScenarioKeys.h) is coherent: every default and example is a valid value
// of its key's type, inside its range; children exist; the source registry knows exactly the
// table's source types.
#include "solver/Input.h"
#include "solver/ScenarioKeys.h"
#include "solver/SourceRegistry.h"
#include "tests/TestSupport.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <string>

using namespace heatnet;

namespace {

//! Parses `text` as a value of `key` (SI for quantities) through the reader's own conversions;
//! returns nullopt for types without a number.
std::optional<double> parseValue(const KeySpec& key, std::string_view text) {
    const auto file =
        InputFile::fromString(fmt::format("value: {}\n", text), std::string(key.name) + ".yaml");
    const InputNode node = file->root()["value"];
    switch (key.type) {
    case KeyType::Number:
        return node.asNumber();
    case KeyType::Integer:
        return static_cast<double>(node.asInteger());
    case KeyType::Boolean:
        node.asBool();
        return std::nullopt;
    case KeyType::Quantity:
        return node.asQuantity(key.dimension);
    case KeyType::Choice: {
        const std::string value = node.asString();
        INFO(key.name << " = " << value);
        REQUIRE(std::find(key.choices.begin(), key.choices.end(), value) != key.choices.end());
        return std::nullopt;
    }
    default:
        node.asString();
        return std::nullopt;
    }
}

} // namespace

TEST_CASE("scenario keys: defaults and examples are valid values in range", "[keys]") {
    for (const SectionSpec& section : scenarioSections()) {
        for (const KeySpec& key : section.keys) {
            INFO(section.name << "." << key.name);
            REQUIRE(!key.help.empty());
            REQUIRE(!(key.required && !key.defaultValue.empty()));
            for (const std::string_view text : {key.defaultValue, key.example}) {
                if (text.empty() || key.type == KeyType::Profile ||
                    key.type == KeyType::ProfileParent || key.type == KeyType::UnitsQuantity ||
                    key.type == KeyType::QuantityOrMapping) {
                    continue;
                }
                INFO("value '" << text << "'");
                const auto value = parseValue(key, text);
                if (value) {
                    REQUIRE(key.inRange(*value));
                }
            }
            if (key.type == KeyType::Mapping || key.type == KeyType::List ||
                key.type == KeyType::QuantityOrMapping) {
                REQUIRE_NOTHROW(scenarioSection(key.child));
            }
            if (key.type == KeyType::Choice) {
                REQUIRE(!key.choices.empty());
            }
        }
        for (const auto& group : section.exactlyOneOf) {
            for (const std::string_view name : group) {
                REQUIRE_NOTHROW(scenarioKey(section.name, name));
            }
        }
    }
}

TEST_CASE("scenario keys: the source registry knows exactly the table's source types", "[keys]") {
    REQUIRE(SourceRegistry::standard().types() == sourceTypes());
    const KeySpec& type = scenarioKey("source", "type");
    REQUIRE(type.choices.size() == sourceTypes().size());
}
