// The defaults of the key table are the reader's: a scenario that writes out every default value
// of the table explicitly runs exactly like the same scenario that leaves them out. A default
// that the table states but the code does not apply (or the reverse) changes the run and fails.
#include "solver/input/ScenarioKeys.h"
#include "solver/input/ScenarioReader.h"
#include "solver/run/Kpis.h"
#include "solver/run/Simulation.h"
#include "tests/TestSupport.h"

#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <set>
#include <string>

using namespace heatnet;

namespace {

//! A small scenario that reaches every section with defaults: ground, storage, all source types,
//! outages, weekly and CSV profiles, a heat-exchanger substation.
const char* kMinimal = R"(
name: defaults
simulation: {duration: 48 h}
ground: {}
network:
  nodes: [{id: PLANT}, {id: A}, {id: B}]
  sizing: {}
  pipes:
    - {id: P1, from: PLANT, to: A, length: 300 m, dn: 100}
    - {id: P2, from: A, to: B, length: 200 m, dn: 65, wall: {heat_capacity: 8000 J/(m K)}}
consumers:
  - {id: HOUSES, node: A, annual_demand: 2 GWh, design_power: 900 kW,
     heat_exchanger: {secondary_supply: 70 degC, secondary_return: 50 degC}}
  - {id: SCHOOL, node: B, profile: {weekly: {weekdays: 150 kW}}}
  - {id: BAKERY, node: B, profile: {csv: reference-demand.csv, column: Q_kW, unit: kW}}
plants:
  - id: MAIN
    node: PLANT
    supply_temperature: 90 degC
    storage: {volume: 500 m3, height: 10 m, max_temperature: 95 degC, min_temperature: 55 degC,
              max_power: 1 MW}
    sources:
      - {id: WASTE, type: waste_heat, available: {weekly: {weekdays: 400 kW, weekend: 100 kW}},
         stops: [{from: 2025-01-01 10:00, to: 2025-01-01 14:00}]}
      - {id: FURNACE, type: glass_furnace, flue_gas_flow: 0.5 kg/s, outages: {}}
      - {id: PUMP, type: paper_mill_heat_pump, stream_temperature: 45 degC, stream_flow: 5 kg/s,
         capacity: 300 kW}
      - {id: GAS, type: boiler, capacity: 3 MW}
factors: {}
initial: {}
warnings: {}
output: {}
)";

//! Adds every key of `section` that the table gives a default value and `map` lacks, then
//! recurses into the sub-sections present.
void addDefaults(YAML::Node map, std::string_view section, std::set<std::string>& added) {
    const SectionSpec& spec = scenarioSection(section);
    for (const KeySpec& key : spec.keys) {
        const std::string name(key.name);
        if (map[name]) {
            continue;
        }
        // 'scale' of a consumer applies to a profile only.
        if (section == "consumer" && name == "scale" && !map["profile"]) {
            continue;
        }
        if (!key.defaultValue.empty()) {
            map[name] = YAML::Load(std::string(key.defaultValue));
            added.insert(std::string(section) + "." + name);
        }
    }
    for (const KeySpec& key : spec.keys) {
        YAML::Node value = map[std::string(key.name)];
        if (!value) {
            continue;
        }
        const std::string child(key.child);
        if (key.type == KeyType::Mapping && value.IsMap()) {
            addDefaults(value, child, added);
        } else if (key.type == KeyType::List && value.IsSequence()) {
            for (YAML::Node item : value) {
                addDefaults(item, child, added);
                if (child == "source") {
                    addDefaults(item, "source:" + item["type"].as<std::string>(), added);
                }
            }
        } else if (key.type == KeyType::Profile && value.IsMap()) {
            if (value["weekly"] && value["weekly"].IsMap()) {
                addDefaults(value["weekly"], "profile_weekly", added);
            } else if (value["csv"]) {
                addDefaults(value, "profile_csv", added);
            }
        }
    }
}

std::vector<Kpi> run(const std::string& text, const std::string& name) {
    const Scenario scenario =
        readScenarioText(text, name, std::filesystem::path(HEATNET_SOURCE_DIR) / "scenarios");
    Simulation simulation(scenario);
    testing::MemorySink sink;
    simulation.run(sink);
    return computeKpis(scenario, sink.totals);
}

} // namespace

TEST_CASE("scenario keys: writing out the table's defaults changes nothing", "[keys][defaults]") {
    YAML::Node explicitDefaults = YAML::Load(kMinimal);
    std::set<std::string> added;
    addDefaults(explicitDefaults, "scenario", added);
    // Every key with a default value is written out, but three: climate.seed and
    // climate.column (they need a chosen climate form) and simulation.duration (set above to
    // keep the runs short). A new key with a default in a section kMinimal does not reach fails
    // here: add that section to kMinimal.
    std::size_t withDefault = 0;
    for (const SectionSpec& section : scenarioSections()) {
        for (const KeySpec& key : section.keys) {
            withDefault += key.defaultValue.empty() ? 0 : 1;
        }
    }
    INFO(added.size() << " of " << withDefault << " keys with a default written out");
    REQUIRE(added.size() + 3 == withDefault);

    YAML::Emitter emitter;
    emitter << explicitDefaults;
    const auto omitted = run(kMinimal, "defaults.yaml");
    const auto written = run(emitter.c_str(), "defaults-written.yaml");
    REQUIRE(omitted.size() == written.size());
    for (std::size_t i = 0; i < omitted.size(); ++i) {
        INFO(omitted[i].name << ": omitted " << omitted[i].value << ", written "
                             << written[i].value);
        CHECK(omitted[i].value == written[i].value);
    }
}
