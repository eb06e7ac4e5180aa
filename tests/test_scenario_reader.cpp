// Scenario reader: every bad scenario in tests/data/bad/ must fail with a message that names
// the file, line and column, the key path and what was expected; the bundled scenarios must read.
#include "models/TimeProfile.h"
#include "solver/Error.h"
#include "solver/input/ProfileReader.h"
#include "solver/input/ScenarioReader.h"
#include "solver/input/SourceRegistry.h"
#include "solver/network/Network.h"
#include "tests/TestSupport.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <numeric>
#include <string>
#include <vector>

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using namespace heatnet;
using namespace heatnet::testing;

namespace {

const std::filesystem::path kSourceDir = HEATNET_SOURCE_DIR;
const std::filesystem::path kBadDir = kSourceDir / "tests" / "data" / "bad";

//! A bad scenario and what its message must contain.
struct BadCase {
    const char* file;
    const char* position;               //!< ":line:col" (or ":line" for model-level errors)
    std::vector<const char*> fragments; //!< key path, the fault, what was expected
};

const std::vector<BadCase> kBadCases{
    {"unknown_key.yaml",
     ":10:37",
     {"network.pipes[0] ('P1')", "unknown key 'lenght'", "did you mean 'length'?"}},
    {"duplicate_key.yaml",
     ":14:5",
     {"consumers[0] ('C1')", "duplicate key 'annual_demand'", "first at line 13"}},
    {"missing_key.yaml", ":10:7", {"network.pipes[0] ('P1')", "missing required key 'length'"}},
    {"bad_unit.yaml",
     ":10:45",
     {"network.pipes[0] ('P1').length", "'kW' is a power", "expected a length"}},
    {"no_unit.yaml", ":10:45", {"network.pipes[0] ('P1').length", "a unit is required", "250 m"}},
    {"non_numeric.yaml",
     ":10:45",
     {"network.pipes[0] ('P1').length", "'long m'", "expected a number followed by a unit"}},
    {"negative_length.yaml", ":10:45", {"network.pipes[0] ('P1').length", "must be > 0", "'-5 m'"}},
    {"unknown_dn.yaml",
     ":10:56",
     {"network.pipes[0] ('P1').dn", "DN 175 is not in the pipe catalogue", "DN150 or DN200"}},
    {"pipe_unknown_node.yaml",
     ":10:33",
     {"network.pipes[0] ('P1').to", "unknown node 'N2'", "did you mean 'N1'?"}},
    {"duplicate_id.yaml",
     ":8:12",
     {"network.nodes[2] ('N1').id", "duplicate node id 'N1'", "first defined at line 7"}},
    {"consumer_unknown_node.yaml",
     ":12:20",
     {"consumers[0] ('C1').node", "unknown node 'N9'", "did you mean 'N1'?"}},
    {"consumer_at_plant.yaml",
     ":12:20",
     {"consumers[0] ('C1').node", "sits at node 'PLANT' with plant 'ARQUES'",
      "connect it through a pipe"}},
    {"missing_csv.yaml",
     ":12:39",
     {"consumers[0] ('C1').profile.csv", "file not found: 'nowhere.csv'", "nowhere.csv"}},
    {"csv_bad_row.yaml",
     ":12:39",
     {"consumers[0] ('C1').profile.csv", "bad_row.csv:4", "column 'Q'", "'abc' is not a number"}},
    {"unknown_source_type.yaml",
     ":18:25",
     {"plants[0] ('ARQUES').sources[0] ('GAS').type", "unknown source type 'boyler'",
      "'waste_heat', 'boiler'", "did you mean 'boiler'?"}},
    {"efficiency_too_high.yaml",
     ":18:61",
     {"sources[0] ('GAS').efficiency", "must be in (0, 1]", "'1.5'"}},
    {"negative_power.yaml",
     ":18:49",
     {"sources[0] ('HEAT').available", "expected a value ≥ 0", "'-2 MW'"}},
    // Unclosed constructs are reported where they begin, with where the parser gave up.
    {"yaml_syntax.yaml",
     ":3:10",
     {"invalid YAML", "the flow mapping '{' opened here is never closed",
      "gave up at line 4, column 8", "end of map flow not found"}},
    {"yaml_unclosed_quote.yaml",
     ":2:7",
     {"invalid YAML", "the double-quoted text opened here is never closed",
      "runs to the end of the file"}},
    {"yaml_unclosed_quote_in_flow.yaml",
     ":4:21",
     {"invalid YAML", "the double-quoted text opened here is never closed",
      "gave up at line 19, column 1"}},
    {"tab_indent.yaml", ":5:7", {"invalid YAML", "tabs are not allowed for indentation"}},
    {"wrong_type.yaml", ":3:13", {"simulation", "expected a mapping", "got a list"}},
    {"duration_not_multiple.yaml",
     ":3:24",
     {"simulation.duration", "duration (25 h) is not a whole multiple of the output step (2 h)"}},
    {"hydraulic_step.yaml",
     ":3:64",
     {"simulation.hydraulic_step", "hydraulic step (40 min) must divide the output step (1 h)"}},
    {"empty_network.yaml", ":5:10", {"network.nodes", "the network has no nodes"}},
    // Limits of a run (docs/reliability.md): checked where they are written, before any run.
    {"duration_too_long.yaml", ":3:24", {"simulation.duration", "exceeds the limit of 100 years"}},
    {"duration_2pow64.yaml", ":3:24", {"simulation.duration", "exceeds the limit of 100 years"}},
    {"output_step_too_long.yaml",
     ":3:43",
     {"simulation.output_step", "must be from 1 s to the duration (24 h)"}},
    {"hydraulic_step_too_long.yaml",
     ":3:69",
     {"simulation.hydraulic_step", "must be from 1 s to 24 h"}},
    {"too_many_rows.yaml",
     ":3:45",
     {"simulation.output_step", "31536000 result rows", "limit of 10,000,000"}},
    {"dn_wraps.yaml", ":10:56", {"network.pipes[0] ('P1').dn", "DN 4294967376 is not in"}},
    {"unknown_advection.yaml",
     ":3:59",
     {"simulation.advection", "expected one of 'upwind', 'muscl'", "got 'weno'"}},
    {"bad_date.yaml", ":3:21", {"simulation.start", "day 30 in '2025-02-30 00:00' does not exist"}},
    {"unknown_category.yaml",
     ":12:34",
     {"consumers[0] ('C1').category", "got 'hospitl'", "did you mean 'hospital'?"}},
    {"return_above_supply.yaml",
     ":12:63",
     {"consumers[0] ('C1').design_return", "colder than the design supply"}},
    // Plants by role (docs/models.md): with several plants each says its role.
    {"plant_without_control.yaml",
     ":13:5",
     {"plants[1] ('MILL')", "several plants", "'control: pressure'", "'control: heat'"}},
    {"flow_without_mass_flow.yaml",
     ":13:5",
     {"plants[1] ('MILL')", "'control: flow' but no 'mass_flow'"}},
    {"mass_flow_without_flow_control.yaml",
     ":11:42",
     {"plants[0] ('ARQUES').mass_flow", "only for 'control: flow' plants"}},
    {"unknown_control.yaml",
     ":11:40",
     {"plants[0] ('ARQUES').control", "'pressure', 'flow', 'heat'", "got 'presure'"}},
    // Ranges from the key table, also for keys read with units of their own.
    {"series_out_of_range.yaml",
     ":10:67",
     {"network.pipes[0] ('P1').series", "series must be in [1, 3]", "got '4'"}},
    {"diffusivity_negative.yaml",
     ":5:38",
     {"ground.diffusivity", "diffusivity must be > 0", "got '-0.5 mm2/s'"}},
    {"wall_capacity_negative.yaml",
     ":10:81",
     {"network.pipes[0] ('P1').wall.heat_capacity", "heat_capacity must be ≥ 0",
      "got '-2 kJ/(m K)'"}},
};

//! Writes `text` to a fresh file in a scratch folder; removed with the object.
struct ScratchFile {
    std::filesystem::path dir, path;
    ScratchFile(const std::string& name, const std::string& text) {
        dir = std::filesystem::temp_directory_path() /
              ("heatnet_reader_" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        std::filesystem::create_directories(dir);
        path = dir / name;
        std::ofstream(path) << text;
    }
    ~ScratchFile() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

//! A small valid scenario; `extra` is appended to the consumer C1's mapping.
std::string
minimalScenario(const std::string& consumerDemand = "annual_demand: 500 MWh",
                const std::string& sources = "[{id: GAS, type: boiler, capacity: 1 MW}]") {
    return "simulation: {start: 2025-03-03 06:00, duration: 48 h, output_step: 1 h}\n"
           "climate: {constant: 5 degC}\n"
           "network:\n"
           "  nodes: [{id: PLANT}, {id: N1, x: 10 m, y: 0.02 km}]\n"
           "  pipes: [{id: P1, from: PLANT, to: N1, length: 100 m, dn: 50}]\n"
           "consumers:\n"
           "  - {id: C1, node: N1, " +
           consumerDemand +
           "}\n"
           "plants:\n"
           "  - {id: Q, node: PLANT, supply_temperature: 80 degC, sources: " +
           sources + "}\n";
}

} // namespace

TEST_CASE("every bad scenario fails with file, line:col, key path and expectation", "[reader]") {
    REQUIRE(kBadCases.size() >= 22);
    for (const BadCase& bad : kBadCases) {
        const std::filesystem::path path = kBadDir / bad.file;
        INFO(path.string());
        REQUIRE(std::filesystem::exists(path));
        const std::string message = errorOf([&] { readScenario(path); });
        INFO(message);
        CHECK_THAT(message, StartsWith(path.string() + bad.position + ": error"));
        for (const char* fragment : bad.fragments) {
            CHECK_THAT(message, Contains(fragment));
        }
        if (std::string(bad.position).find(':', 1) != std::string::npos) {
            CHECK_THAT(message, Contains("\n>")); // the offending line is quoted
        }
    }
}

TEST_CASE("a consumer unreachable from any plant is rejected by the Network", "[reader]") {
    const std::filesystem::path path = kBadDir / "consumer_unreachable.yaml";
    const Scenario scenario = readScenario(path);
    const std::string message = errorOf([&] { Network network(scenario); });
    CHECK_THAT(message, StartsWith(path.string() + ":13: error"));
    CHECK_THAT(message, Contains("consumer 'C2' at node 'N2' cannot be reached from any plant"));
}

TEST_CASE("exactly one pressure plant per connected network, else an error at the plants",
          "[reader][plants]") {
    const std::filesystem::path two = kBadDir / "two_pressure_plants.yaml";
    const Scenario both = readScenario(two);
    const std::string twice = errorOf([&] { Network network(both); });
    CHECK_THAT(twice, StartsWith(two.string() + ":13:5: error"));
    CHECK_THAT(twice, Contains("plant 'MILL' is a second 'control: pressure' plant"));
    CHECK_THAT(twice, Contains("plant 'ARQUES' (" + two.string() + ":12:5)"));
    const std::filesystem::path none = kBadDir / "no_pressure_plant.yaml";
    const Scenario neither = readScenario(none);
    const std::string missing = errorOf([&] { Network network(neither); });
    CHECK_THAT(missing, StartsWith(none.string() + ":12:5: error"));
    CHECK_THAT(missing, Contains("no plant of the network of plant 'ARQUES' has 'control: "
                                 "pressure'"));
    // A single plant is the pressure plant without saying so; saying otherwise is refused.
    std::string single = minimalScenario();
    CHECK(Network(readScenarioText(single, "single.yaml", kBadDir)).slackPlant() == 0);
    single.replace(single.find("node: PLANT,"), 12, "node: PLANT, control: heat,");
    const Scenario heatOnly = readScenarioText(single, "single.yaml", kBadDir);
    CHECK_THAT(errorOf([&] { Network network(heatOnly); }),
               StartsWith("single.yaml:9:5: error: no plant of the network"));
}

TEST_CASE("a missing scenario file is named by its path", "[reader]") {
    const std::string message = errorOf([] { readScenario(kBadDir / "no_such_file.yaml"); });
    CHECK_THAT(message, Contains("no_such_file.yaml"));
    CHECK_THAT(message, Contains("no such file"));
}

TEST_CASE("the Saint-Omer scenario reads and builds a meshed network", "[reader]") {
    const auto path = kSourceDir / "scenarios" / "saint-omer.yaml";
    const Scenario s = readScenario(path);
    CHECK(s.name == "saint-omer");
    CHECK_THAT(s.description, Contains("illustrative, not surveyed data"));
    CHECK(s.sourcePath == path.string());
    CHECK_THAT(s.sourceText, Contains("name: saint-omer"));
    CHECK(s.simulation.duration_s == Approx(8760 * 3600.0));
    CHECK(s.simulation.startWeekday == 2);
    CHECK(s.consumers.size() >= 30);
    CHECK(s.consumers.size() <= 40);
    const double annual_J =
        std::accumulate(s.consumers.begin(), s.consumers.end(), 0.0,
                        [](double sum, const ConsumerSpec& c) { return sum + c.demand.annual_J; });
    CHECK(annual_J / 3.6e12 == Approx(67.5).margin(12.5)); // 60–80 GWh
    const double length_m =
        std::accumulate(s.pipes.begin(), s.pipes.end(), 0.0,
                        [](double sum, const PipeSpec& p) { return sum + p.length_m; });
    CHECK(length_m >= 6000);
    CHECK(length_m <= 10000);
    for (const PipeSpec& pipe : s.pipes) {
        CHECK(pipe.dn >= 40);
        CHECK(pipe.dn <= 300);
        CHECK(pipe.insulationSeries == 2);
        CHECK(pipe.heatLossCoeff_W_mK > 0);
    }
    REQUIRE(s.plants.size() == 1);
    const PlantSpec& plant = s.plants.front();
    CHECK(plant.supplyTemperature.curve);
    CHECK(plant.supplyTemperature.atDesignOutdoor_K == Approx(378.15));
    CHECK(plant.supplyTemperature.mildOutdoor_K == Approx(288.15));
    REQUIRE(plant.sources.size() >= 3);
    const Network network(s);
    CHECK(network.loopCount() == 1);

    // The glassworks stop in August: no heat then, full heat in July.
    const auto glass = std::find_if(plant.sources.begin(), plant.sources.end(),
                                    [](const SourceSpec& x) { return x.id == "GLASSWORKS"; });
    REQUIRE(glass != plant.sources.end());
    CHECK(glass->type == "waste_heat");
    CHECK(glass->model->isWasteHeat());
    const double day = 86400;
    SourceConditions conditions;
    conditions.time_s = (212 + 10) * day; // 11 August
    CHECK(glass->model->availability(conditions.time_s) == Approx(0.0));
    CHECK(glass->model->availablePower(conditions) == Approx(0.0));
    conditions.time_s = 190 * day; // 10 July
    CHECK(glass->model->availability(conditions.time_s) == Approx(1.0));
    CHECK(glass->model->availablePower(conditions) == Approx(5e6));
}

TEST_CASE("the reference scenario documents every key and reads", "[reader]") {
    const Scenario s = readScenario(kSourceDir / "scenarios" / "reference.yaml");
    const Network network(s);
    CHECK(!s.nodes.empty());
    CHECK(!s.plants.empty());
}

TEST_CASE("quantities are converted to SI and defaults filled", "[reader]") {
    const Scenario s = readScenarioText(minimalScenario(), "mini.yaml", ".");
    CHECK(s.name == "mini");
    CHECK(s.sourcePath == "mini.yaml");
    CHECK(s.simulation.start == "2025-03-03 06:00:00");
    CHECK(s.simulation.startWeekday == 0); // a Monday
    CHECK(s.simulation.startDayOfYear_s == Approx((61 * 24 + 6) * 3600.0));
    CHECK(s.simulation.duration_s == Approx(48 * 3600.0));
    REQUIRE(s.nodes.size() == 2);
    CHECK(s.nodes[1].hasCoordinates);
    CHECK(s.nodes[1].y_m == Approx(20));
    REQUIRE(s.pipes.size() == 1);
    CHECK(s.pipes[0].length_m == Approx(100));
    CHECK(s.pipes[0].dn == 50);
    CHECK(s.pipes[0].insulationSeries == 2);
    CHECK(s.pipes[0].innerDiameter_m == Approx(0.0539).margin(1e-3));
    CHECK(s.pipes[0].line == 5);
    REQUIRE(s.consumers.size() == 1);
    CHECK(s.consumers[0].demand.kind == DemandSpec::Kind::DegreeHours);
    CHECK(s.consumers[0].demand.annual_J == Approx(500 * 3.6e9));
    CHECK(s.consumers[0].designReturn_K == Approx(333.15));
    CHECK(s.plants[0].supplyTemperature.constant_K == Approx(353.15));
    CHECK(s.plants[0].sources[0].model->capacity() == Approx(1e6));
    CHECK(s.climate.temperature(0) == Approx(278.15));
}

TEST_CASE("demand profiles: constant, weekly and CSV", "[reader]") {
    SECTION("constant") {
        const Scenario s =
            readScenarioText(minimalScenario("profile: 120 kW, scale: 2"), "c.yaml", ".");
        const DemandSpec& d = s.consumers[0].demand;
        CHECK(d.kind == DemandSpec::Kind::Profile);
        CHECK(d.profile.value(1234) == Approx(120e3));
        CHECK(d.scale == Approx(2));
    }
    SECTION("weekly, aligned with a Monday 06:00 start") {
        const Scenario s = readScenarioText(
            minimalScenario("profile: {weekly: {weekdays: 4 kW, weekend: 2 kW, night: 1 kW, "
                            "day_start: 6, day_end: 22}}"),
            "w.yaml", ".");
        const TimeProfile& p = s.consumers[0].demand.profile;
        CHECK(p.value(0) == Approx(4e3));                     // Monday 06:00
        CHECK(p.value(16.5 * 3600) == Approx(1e3));           // Monday 22:30
        CHECK(p.value((5 * 24 + 6) * 3600.0) == Approx(2e3)); // Saturday 12:00
    }
    SECTION("CSV with a unit and a step") {
        ScratchFile csv("demand.csv", "hour,Q\n0,10\n1,20\n2,30\n");
        const Scenario s = readScenarioText(
            minimalScenario("profile: {csv: demand.csv, column: Q, step: 30 min, unit: kW}"),
            "p.yaml", csv.dir);
        const TimeProfile& p = s.consumers[0].demand.profile;
        CHECK(p.value(0) == Approx(10e3));
        CHECK(p.value(1800) == Approx(20e3));
        CHECK(p.value(2700) == Approx(25e3));
    }
    SECTION("CSV column that does not exist") {
        ScratchFile csv("demand.csv", "hour,Q_W\n0,10\n");
        const std::string message = errorOf([&] {
            readScenarioText(minimalScenario("profile: {csv: demand.csv, column: Q, unit: W}"),
                             "p.yaml", csv.dir);
        });
        CHECK_THAT(message, Contains("p.yaml:7:"));
        CHECK_THAT(message, Contains("has no column 'Q'"));
        CHECK_THAT(message, Contains("did you mean 'Q_W'?"));
    }
    SECTION("CSV with a negative demand names the file and row") {
        ScratchFile csv("demand.csv", "Q\n10\n-5\n");
        const std::string message = errorOf([&] {
            readScenarioText(minimalScenario("profile: {csv: demand.csv, column: Q, unit: kW}"),
                             "p.yaml", csv.dir);
        });
        CHECK_THAT(message, Contains("demand.csv:3"));
        CHECK_THAT(message, Contains("negative value -5 kW"));
    }
    SECTION("a weekly list must have 168 values") {
        const std::string message = errorOf([] {
            readScenarioText(minimalScenario("profile: {weekly: [1 kW, 2 kW]}"), "w.yaml", ".");
        });
        CHECK_THAT(message, Contains("expected 168 hourly values"));
    }
}

TEST_CASE("source registry: types, stops, fuels", "[reader]") {
    const auto types = SourceRegistry::standard().types();
    CHECK(std::find(types.begin(), types.end(), "waste_heat") != types.end());
    CHECK(std::find(types.begin(), types.end(), "boiler") != types.end());

    const Scenario s = readScenarioText(
        minimalScenario("annual_demand: 1 GWh",
                        "[{id: W, type: waste_heat, available: 2 MW, max_supply: 85 degC, "
                        "priority: 1, stops: [{from: 2025-03-03 12:00, to: 2025-03-04 00:00}]}, "
                        "{id: B, type: boiler, capacity: 3 MW, efficiency: 90 %, fuel: biomass, "
                        "priority: 5}]"),
        "s.yaml", ".");
    const auto& sources = s.plants[0].sources;
    REQUIRE(sources.size() == 2);
    CHECK(sources[0].priority == 1);
    CHECK(sources[0].model->maxOutletTemperature({}) == Approx(358.15));
    // The run starts 2025-03-03 06:00: the stop covers hours 6 to 18 of the run.
    CHECK(sources[0].model->availability(3 * 3600.0) == Approx(1.0));
    CHECK(sources[0].model->availability(10 * 3600.0) == Approx(0.0));
    CHECK(sources[0].model->availability(20 * 3600.0) == Approx(1.0));
    CHECK(sources[1].model->fuel() == "biomass");
    SourceConditions conditions;
    CHECK(sources[1].model->inputsFor(0.9e6, conditions).fuel_W == Approx(1e6));

    const std::string message = errorOf([] {
        readScenarioText(minimalScenario("annual_demand: 1 GWh",
                                         "[{id: B, type: boiler, capacity: 3 MW, fuel: coal}]"),
                         "s.yaml", ".");
    });
    CHECK_THAT(message, Contains("expected one of 'gas', 'biomass', got 'coal'"));
    const std::string unknownKey = errorOf([] {
        readScenarioText(minimalScenario("annual_demand: 1 GWh",
                                         "[{id: B, type: boiler, capacity: 3 MW, availble: 2}]"),
                         "s.yaml", ".");
    });
    CHECK_THAT(unknownKey, Contains("unknown key 'availble'"));
}

TEST_CASE("structural checks without a bad file", "[reader]") {
    std::string text = minimalScenario();
    SECTION("no consumers") {
        const auto begin = text.find("consumers:\n");
        text.replace(begin, text.find("plants:") - begin, "consumers: []\n");
        CHECK_THAT(errorOf([&] { readScenarioText(text, "s.yaml", "."); }),
                   Contains("expected at least one consumer"));
    }
    SECTION("pipe from a node to itself") {
        text.replace(text.find("to: N1"), 6, "to: PLANT");
        CHECK_THAT(errorOf([&] { readScenarioText(text, "s.yaml", "."); }),
                   Contains("starts and ends at node 'PLANT'"));
    }
    SECTION("explicit pipe without heat loss") {
        text.replace(text.find("dn: 50"), 6, "inner_diameter: 50 mm");
        CHECK_THAT(errorOf([&] { readScenarioText(text, "s.yaml", "."); }),
                   Contains("needs either 'dn' (a catalogue size) or both 'inner_diameter' and "
                            "'heat_loss'"));
    }
    SECTION("heating curve the wrong way round") {
        text.replace(text.find("supply_temperature: 80 degC"), 27,
                     "supply_temperature: {curve: {design_outdoor: -7 degC, at_design: 70 degC, "
                     "mild_outdoor: 15 degC, at_mild: 90 degC}}");
        CHECK_THAT(errorOf([&] { readScenarioText(text, "s.yaml", "."); }),
                   Contains("at_mild must not exceed at_design"));
    }
    SECTION("source ids are unique over all plants") {
        text.replace(text.find("capacity: 1 MW}"), 15,
                     "capacity: 1 MW}, {id: GAS, type: boiler, capacity: 2 MW}");
        CHECK_THAT(errorOf([&] { readScenarioText(text, "s.yaml", "."); }),
                   Contains("duplicate source id 'GAS'"));
    }
}

TEST_CASE("dates", "[reader]") {
    std::string reason;
    CHECK(parseDateTime("1970-01-01", &reason) == Approx(0));
    CHECK(parseDateTime("2025-01-01 00:00", &reason) == Approx(1735689600));
    CHECK(parseDateTime("2024-02-29T12:30:15", &reason) == Approx(1709209815));
    CHECK_FALSE(parseDateTime("2025-13-01", &reason));
    CHECK_THAT(reason, Contains("month 13"));
    CHECK_FALSE(parseDateTime("01/02/2025", &reason));
    CHECK_FALSE(parseDateTime("2025-01-01 25:00", &reason));
}
