#include "solver/input/KeyReader.h"

#include "solver/input/ScenarioKeys.h"

#include <fmt/format.h>

#include <stdexcept>
#include <vector>

namespace heatnet {

namespace {

//! A value node's number in SI, by the key's type.
double valueOf(const InputNode& node, const KeySpec& key) {
    switch (key.type) {
    case KeyType::Quantity:
        return node.asQuantity(key.dimension);
    case KeyType::Integer:
        return static_cast<double>(node.asInteger());
    case KeyType::Number:
        return node.asNumber();
    default:
        throw std::logic_error(fmt::format("key '{}' is not a number in the key table", key.name));
    }
}

//! The table's default value of `key`, in SI.
double defaultOf(const KeySpec& key) {
    if (key.defaultValue.empty()) {
        throw std::logic_error(
            fmt::format("key '{}' has no default value in the key table", key.name));
    }
    const auto file =
        InputFile::fromString(fmt::format("value: {}\n", key.defaultValue), "the key table");
    return valueOf(file->root()["value"], key);
}

double inRange(const InputNode& node, const KeySpec& key, double valueSi) {
    if (!key.inRange(valueSi)) {
        node.fail(
            fmt::format("{} must be {}, got '{}'", key.name, key.rangeText(), node.asString()));
    }
    return valueSi;
}

double checked(const InputNode& node, const KeySpec& key) {
    return inRange(node, key, valueOf(node, key));
}

std::optional<InputNode> present(const InputNode& map, std::string_view key) {
    auto node = map.get(key);
    if (node && node->isNull()) {
        return std::nullopt;
    }
    return node;
}

} // namespace

double numberKey(const InputNode& map, std::string_view section, std::string_view key) {
    const KeySpec& spec = scenarioKey(section, key);
    const auto node = present(map, key);
    return node ? checked(*node, spec) : defaultOf(spec);
}

std::optional<double> optionalNumberKey(const InputNode& map, std::string_view section,
                                        std::string_view key) {
    const KeySpec& spec = scenarioKey(section, key);
    const auto node = present(map, key);
    return node ? std::optional<double>(checked(*node, spec)) : std::nullopt;
}

double requiredNumberKey(const InputNode& map, std::string_view section, std::string_view key) {
    return checked(map[key], scenarioKey(section, key));
}

double checkedKey(const InputNode& node, std::string_view section, std::string_view key,
                  double valueSi) {
    return inRange(node, scenarioKey(section, key), valueSi);
}

long integerKey(const InputNode& map, std::string_view section, std::string_view key) {
    return static_cast<long>(numberKey(map, section, key));
}

bool boolKey(const InputNode& map, std::string_view section, std::string_view key) {
    const KeySpec& spec = scenarioKey(section, key);
    const auto node = present(map, key);
    return node ? node->asBool() : spec.defaultValue == "true";
}

std::string choiceKey(const InputNode& map, std::string_view section, std::string_view key) {
    const KeySpec& spec = scenarioKey(section, key);
    const auto node = present(map, key);
    if (!node) {
        return std::string(spec.defaultValue);
    }
    return node->asChoice(std::vector<std::string>(spec.choices.begin(), spec.choices.end()));
}

} // namespace heatnet
