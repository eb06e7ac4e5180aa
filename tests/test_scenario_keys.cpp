// The key table (solver/input/ScenarioKeys.h) is coherent: every default and example is a valid
// value of its key's type, inside its range; children exist; the source registry knows exactly the
// table's source types.
#include "solver/input/Input.h"
#include "solver/input/ScenarioKeys.h"
#include "solver/input/ScenarioSchema.h"
#include "solver/input/SourceRegistry.h"
#include "tests/TestSupport.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
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
    case KeyType::ChoiceList:
        node.expectSequence();
        for (const InputNode& item : node.items()) {
            const std::string value = item.asString();
            INFO(key.name << " lists " << value);
            REQUIRE(std::find(key.choices.begin(), key.choices.end(), value) != key.choices.end());
        }
        return std::nullopt;
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
            if (key.type == KeyType::Choice || key.type == KeyType::ChoiceList) {
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

namespace {

std::string readText(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

//! The text after "default " in a comment, up to ';' or the end, trimmed.
std::optional<std::string> commentDefault(std::string_view line) {
    const std::size_t hash = line.find(" #");
    if (hash == std::string_view::npos) {
        return std::nullopt;
    }
    const std::string comment(line.substr(hash + 2));
    static const std::regex pattern(R"(default:? ([^;]*))");
    std::smatch match;
    if (!std::regex_search(comment, match, pattern)) {
        return std::nullopt;
    }
    std::string value = match[1].str();
    while (!value.empty() && (value.back() == ' ' || value.back() == '\r')) {
        value.pop_back();
    }
    return value;
}

//! True if `said` (a comment's default) states the table default of `key`.
bool sameDefault(const KeySpec& key, const std::string& said) {
    if (said.rfind(std::string(key.defaultValue), 0) == 0) {
        return true;
    }
    if (key.type == KeyType::Quantity) {
        std::string reason;
        const auto a = parseQuantity(said.substr(0, said.find(" (")), key.dimension, &reason);
        const auto b = parseQuantity(key.defaultValue, key.dimension, &reason);
        return a && b && std::abs(*a - *b) <= 1e-12 * std::max(1.0, std::abs(*b));
    }
    return false;
}

//! Walks reference.yaml along the key table: records each key present and checks each
//! "default X" comment on its line against the table.
class ReferenceWalker {
public:
    explicit ReferenceWalker(std::vector<std::string> lines) : m_lines(std::move(lines)) {}

    void walk(const YAML::Node& map, std::string_view section) {
        REQUIRE(map.IsMap());
        for (const auto& entry : map) {
            const std::string name = entry.first.as<std::string>();
            std::string_view owner = section;
            if (section == "source" && !isCommon(name)) {
                m_typeSection = "source:" + map["type"].as<std::string>();
                owner = m_typeSection;
            }
            INFO("reference.yaml line " << entry.first.Mark().line + 1 << ": " << owner << "."
                                        << name);
            const KeySpec& key = scenarioKey(owner, name);
            m_present.insert(std::string(owner) + "." + name);
            const std::string& line = m_lines[static_cast<std::size_t>(entry.first.Mark().line)];
            if (const auto said = commentDefault(line); said && !key.defaultValue.empty()) {
                INFO("the comment says default '" << *said << "', the table '" << key.defaultValue
                                                  << "'");
                CHECK(sameDefault(key, *said));
            }
            descend(entry.second, key);
        }
    }

    const std::set<std::string>& present() const { return m_present; }

private:
    static bool isCommon(const std::string& name) {
        for (const KeySpec& key : scenarioSection("source").keys) {
            if (key.name == name) {
                return true;
            }
        }
        return false;
    }

    void descend(const YAML::Node& value, const KeySpec& key) {
        if (key.type == KeyType::Mapping ||
            (key.type == KeyType::QuantityOrMapping && value.IsMap())) {
            const std::string child(key.child);
            walk(value, child);
        } else if (key.type == KeyType::List) {
            const std::string child(key.child);
            for (const auto& item : value) {
                walk(item, child);
            }
        } else if (key.type == KeyType::Profile && value.IsMap()) {
            if (value["weekly"] && value["weekly"].IsMap()) {
                m_present.insert("scenario.profile");
                walk(value["weekly"], "profile_weekly");
            } else if (value["csv"]) {
                walk(value, "profile_csv");
            }
        }
    }

    std::vector<std::string> m_lines;
    std::set<std::string> m_present;
    std::string m_typeSection;
};

} // namespace

TEST_CASE("scenario keys: docs/scenario.md's key tables are generated from the table", "[keys]") {
    const std::string page =
        readText(std::filesystem::path(HEATNET_SOURCE_DIR) / "docs" / "scenario.md");
    const std::string begin = "<!-- BEGIN GENERATED KEY TABLES -->\n";
    const std::size_t from = page.find(begin);
    const std::size_t to = page.find("<!-- END GENERATED KEY TABLES -->");
    REQUIRE(from != std::string::npos);
    REQUIRE(to != std::string::npos);
    INFO("run tools/scenario_docs.sh to regenerate docs/scenario.md's key tables");
    REQUIRE(page.substr(from + begin.size(), to - from - begin.size()) == scenarioKeyTables());
}

TEST_CASE("scenario keys: reference.yaml shows every key and states the table's defaults",
          "[keys]") {
    const auto path = std::filesystem::path(HEATNET_SOURCE_DIR) / "scenarios" / "reference.yaml";
    const std::string text = readText(path);
    std::vector<std::string> lines;
    std::stringstream stream(text);
    for (std::string line; std::getline(stream, line);) {
        lines.push_back(line);
    }
    ReferenceWalker walker(lines);
    walker.walk(YAML::Load(text), "scenario");

    // Keys shown in comments ("# key: value"), with their stated defaults.
    std::map<std::string, std::vector<std::string>> commented; // name -> defaults said
    static const std::regex keyPattern(R"(([a-z_]+):\s)");
    for (const std::string& line : lines) {
        const std::size_t hash = line.find('#');
        if (hash == std::string::npos) {
            continue;
        }
        const std::string comment = line.substr(hash);
        for (auto it = std::sregex_iterator(comment.begin(), comment.end(), keyPattern);
             it != std::sregex_iterator(); ++it) {
            commented[(*it)[1].str()];
        }
        static const std::regex lead(R"(^\s*#\s*(?:- )?([a-z_]+):\s)");
        std::smatch match;
        if (std::regex_search(line, match, lead)) {
            if (const auto said = commentDefault(line.substr(hash + 1))) {
                commented[match[1].str()].push_back(*said);
            }
        }
    }
    for (const SectionSpec& section : scenarioSections()) {
        for (const KeySpec& key : section.keys) {
            const std::string name(key.name);
            INFO(section.name << "." << name);
            const bool live = walker.present().count(std::string(section.name) + "." + name);
            CHECK((live || commented.count(name)));
        }
    }
    // A default said in a comment is the table's default of a key of that name (commented keys
    // have no section: any key of that name may be meant).
    for (const auto& [name, defaults] : commented) {
        for (const std::string& said : defaults) {
            bool stated = false;
            for (const SectionSpec& section : scenarioSections()) {
                for (const KeySpec& key : section.keys) {
                    // A key without a default value has a note, written freely.
                    stated = stated || (key.name == name &&
                                        (key.defaultValue.empty() || sameDefault(key, said)));
                }
            }
            INFO("commented " << name << ": default '" << said << "' is no key's default");
            CHECK(stated);
        }
    }
}
