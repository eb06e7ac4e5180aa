// Sweeps as a library: key paths into the scenario, levels and designs, case scenarios read by the
// one scenario reader, located errors, Pareto fronts, records, bit-identical cases.
#include "models/PipeCatalogue.h"
#include "solver/input/ScenarioOverride.h"
#include "solver/input/ScenarioReader.h"
#include "solver/run/Kpis.h"
#include "solver/run/Simulation.h"
#include "solver/sweep/SweepCase.h"
#include "solver/sweep/SweepReader.h"
#include "solver/sweep/SweepRecord.h"
#include "tests/TestSupport.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <set>

using namespace heatnet;
using heatnet::testing::errorOf;

namespace {

std::string defaultScenario() {
    return std::string(HEATNET_SOURCE_DIR) + "/scenarios/saint-omer.yaml";
}

//! A sweep of the default scenario shortened to `hours`, with `parameters` (YAML list items).
SweepDefinition sweepOf(const std::string& parameters, const std::string& extra = "",
                        int hours = 24) {
    const std::string text = "name: test\nbase: " + defaultScenario() +
                             "\nscenario: {simulation.duration: " + std::to_string(hours) +
                             " h}\n" + extra + "parameters:\n" + parameters;
    return readSweepText(text, "test-sweep.yaml", ".");
}

} // namespace

TEST_CASE("sweep: key paths select keys, list items by id or index, every item, sources",
          "[sweep]") {
    YAML::Node tree =
        YAML::Load("network:\n  pipes:\n    - {id: A, dn: 100}\n    - {id: B, dn: 80}\n"
                   "plants:\n  - id: P\n    sources:\n      - {id: S, capacity: 1 MW}\n");
    applyOverride(tree, parseKeyPath("network.pipes[B].dn"), YAML::Node("125"));
    REQUIRE(tree["network"]["pipes"][1]["dn"].as<std::string>() == "125");
    applyOverride(tree, parseKeyPath("network.pipes[0].dn"), YAML::Node("65"));
    REQUIRE(tree["network"]["pipes"][0]["dn"].as<std::string>() == "65");
    applyOverride(tree, parseKeyPath("network.pipes[*].series"), YAML::Node("3"));
    REQUIRE(tree["network"]["pipes"][0]["series"].as<std::string>() == "3");
    REQUIRE(tree["network"]["pipes"][1]["series"].as<std::string>() == "3");
    applyOverride(tree, parseKeyPath("sources.S.capacity"), YAML::Node("2 MW"));
    REQUIRE(tree["plants"][0]["sources"][0]["capacity"].as<std::string>() == "2 MW");
    applyOverride(tree, parseKeyPath("plants.P.storage.volume"), YAML::Node("100 m3"));
    REQUIRE(tree["plants"][0]["storage"]["volume"].as<std::string>() == "100 m3");
    applyOverride(tree, parseKeyPath("plants.P.storage"), YAML::Node());
    REQUIRE(!tree["plants"][0]["storage"]);
    // The pipes are untouched where no path led.
    REQUIRE(tree["network"]["pipes"].size() == 2);

    REQUIRE_THROWS_WITH(applyOverride(tree, parseKeyPath("network.pipes[C].dn"), YAML::Node("1")),
                        Catch::Contains("no item with id 'C' in network.pipes"));
    REQUIRE_THROWS_WITH(applyOverride(tree, parseKeyPath("network.pipes[7].dn"), YAML::Node("1")),
                        Catch::Contains("index 7 is out of range"));
    REQUIRE_THROWS_WITH(applyOverride(tree, parseKeyPath("sources.T.capacity"), YAML::Node("1")),
                        Catch::Contains("no source with id 'T'"));
    REQUIRE_THROWS_WITH(parseKeyPath("network..pipes"), Catch::Contains("empty key"));
    REQUIRE_THROWS_WITH(parseKeyPath("network.pipes[A"), Catch::Contains("unclosed"));
}

TEST_CASE("sweep: grid, zip, ranges and the Latin hypercube", "[sweep]") {
    const SweepDefinition grid =
        sweepOf("  - {path: \"network.pipes[*].series\", values: [1, 2, 3]}\n"
                "  - path: plants.ARQUES.supply_temperature.curve.at_design\n"
                "    range: {from: 95 degC, to: 115 degC, step: 10 K}\n");
    REQUIRE(grid.cases.size() == 9);
    REQUIRE(grid.parameters[1].texts ==
            std::vector<std::string>{"95 degC", "105 degC", "115 degC"});
    REQUIRE(grid.parameters[1].unit == "degC");
    // The first parameter varies slowest.
    REQUIRE(grid.cases[1] == std::vector<std::size_t>{0, 1});
    REQUIRE(grid.cases[3] == std::vector<std::size_t>{1, 0});

    const SweepDefinition zip =
        sweepOf("  - {path: \"network.pipes[*].series\", values: [1, 3]}\n"
                "  - {path: plants.ARQUES.differential_pressure, values: [1 bar, 2 bar]}\n",
                "combine: zip\n");
    REQUIRE(zip.cases.size() == 2);
    REQUIRE(zip.cases[1] == std::vector<std::size_t>{1, 1});

    // Latin hypercube: exactly one sample in each of the n equal strata of every parameter.
    const int n = 20;
    const SweepDefinition lhs = sweepOf(
        "  - {path: plants.ARQUES.differential_pressure, lhs: {from: 0.5 bar, to: 2.5 bar}}\n"
        "  - {path: sources.GLASSWORKS.available, lhs: {from: 2 MW, to: 6 MW}}\n",
        "sampling: {samples: " + std::to_string(n) + ", seed: 7}\n");
    REQUIRE(lhs.cases.size() == static_cast<std::size_t>(n));
    for (const SweepParameter& p : lhs.parameters) {
        const double from = p.unit == "bar" ? 0.5 : 2.0;
        const double to = p.unit == "bar" ? 2.5 : 6.0;
        std::set<int> strata;
        for (const double x : p.numbers) {
            REQUIRE(x >= from);
            REQUIRE(x <= to);
            strata.insert(static_cast<int>(std::floor((x - from) / (to - from) * n)));
        }
        REQUIRE(strata.size() == static_cast<std::size_t>(n));
    }
    // The same seed draws the same design.
    const SweepDefinition again = sweepOf(
        "  - {path: plants.ARQUES.differential_pressure, lhs: {from: 0.5 bar, to: 2.5 bar}}\n"
        "  - {path: sources.GLASSWORKS.available, lhs: {from: 2 MW, to: 6 MW}}\n",
        "sampling: {samples: " + std::to_string(n) + ", seed: 7}\n");
    REQUIRE(again.parameters[0].texts == lhs.parameters[0].texts);
}

TEST_CASE("sweep: bad paths, values and units point into the sweep file", "[sweep]") {
    const std::string path =
        errorOf([] { sweepOf("  - {path: \"network.pipes[P99].dn\", values: [100]}\n"); });
    REQUIRE_THAT(path, Catch::Contains("test-sweep.yaml:5:"));
    REQUIRE_THAT(path, Catch::Contains("network.pipes[P99].dn"));
    REQUIRE_THAT(path, Catch::Contains("did you mean 'P09'?"));

    const std::string value = errorOf([] {
        checkSweepCases(sweepOf("  - path: network.pipes[P03].dn\n    values: [250, 260]\n"));
    });
    REQUIRE_THAT(value, Catch::Contains("test-sweep.yaml:6:19:"));
    REQUIRE_THAT(value, Catch::Contains("network.pipes[P03].dn' = '260'"));
    REQUIRE_THAT(value, Catch::Contains("DN250 or DN300"));

    const std::string unit = errorOf([] {
        checkSweepCases(sweepOf("  - path: plants.ARQUES.differential_pressure\n"
                                "    values: [1 bar, 2 kW]\n"));
    });
    REQUIRE_THAT(unit, Catch::Contains("test-sweep.yaml:6:21:"));
    REQUIRE_THAT(unit, Catch::Contains("expected a pressure"));

    const std::string key = errorOf([] {
        checkSweepCases(
            sweepOf("  - {path: plants.ARQUES.suply_temperature, values: [90 degC]}\n"));
    });
    REQUIRE_THAT(key, Catch::Contains("did you mean 'supply_temperature'?"));

    const std::string objective = errorOf([] {
        sweepOf("  - {path: \"network.pipes[*].series\", values: [1]}\n",
                "objectives: [heat_cost_per_mwh, co2_emited]\n");
    });
    REQUIRE_THAT(objective, Catch::Contains("did you mean 'co2_emitted'?"));

    const std::string zip = errorOf([] {
        sweepOf("  - {path: \"network.pipes[*].series\", values: [1, 2]}\n"
                "  - {path: plants.ARQUES.differential_pressure, values: [1 bar]}\n",
                "combine: zip\n");
    });
    REQUIRE_THAT(zip, Catch::Contains("same number of levels"));
}

TEST_CASE("sweep: network.defaults set every pipe that does not set its own", "[sweep]") {
    const std::string text =
        "network:\n  defaults: {series: 3, burial_depth: 1.2 m}\n  nodes:\n"
        "    - {id: PLANT, x: 0 m, y: 0 m}\n    - {id: A, x: 300 m, y: 0 m}\n"
        "    - {id: B, x: 600 m, y: 0 m}\n  pipes:\n"
        "    - {id: P1, from: PLANT, to: A, length: 300 m, dn: 100}\n"
        "    - {id: P2, from: A, to: B, length: 300 m, dn: 100, series: 1}\n"
        "consumers:\n  - {id: C, node: B, annual_demand: 1 GWh}\n"
        "plants:\n  - id: PL\n    node: PLANT\n    supply_temperature: 90 degC\n"
        "    sources: [{id: G, type: boiler, capacity: 2 MW, fuel: gas}]\n";
    const Scenario s = readScenarioText(text, "defaults.yaml", ".");
    const auto& catalogue = PipeCatalogue::standard();
    REQUIRE(s.pipes[0].insulationSeries == 3);
    REQUIRE(s.pipes[0].heatLossCoeff_W_mK ==
            catalogue.find(100, InsulationSeries::Series3)->heatLossCoeff_W_mK);
    REQUIRE(s.pipes[1].insulationSeries == 1);
    REQUIRE(s.pipes[0].burialDepth_m == 1.2);
    REQUIRE(s.pipes[1].burialDepth_m == 1.2);
    const std::string bad = errorOf([&] {
        std::string wrong = text;
        wrong.replace(wrong.find("series: 3"), 9, "lenght: 3");
        readScenarioText(wrong, "defaults.yaml", ".");
    });
    REQUIRE_THAT(bad, Catch::Contains("defaults.yaml:2:"));
    REQUIRE_THAT(bad, Catch::Contains("unknown key 'lenght'"));
}

TEST_CASE("sweep: a case run by the sweep is bit-identical to the same scenario run alone",
          "[sweep]") {
    const SweepDefinition sweep =
        sweepOf("  - {path: \"network.pipes[*].series\", values: [1, 3]}\n", "", 48);
    const CaseRecord record = runSweepCase(sweep, 1);
    REQUIRE(record.done);
    const Scenario alone = readScenarioText(caseScenarioText(sweep, 1), "alone.yaml",
                                            std::string(HEATNET_SOURCE_DIR) + "/scenarios");
    Simulation simulation(alone);
    heatnet::testing::MemorySink sink;
    const std::vector<Kpi> kpis = computeKpis(alone, simulation.run(sink));
    REQUIRE(kpis.size() == record.kpis.size());
    for (std::size_t i = 0; i < kpis.size(); ++i) {
        REQUIRE(kpis[i].name == record.kpis[i].name);
        REQUIRE(kpis[i].value == record.kpis[i].value); // same bits
    }
    // Energy closes in the case as in any run: sources = delivered + losses + change stored.
    const double residual = recordKpi(record, "heat_from_sources") -
                            recordKpi(record, "heat_delivered") - recordKpi(record, "pipe_losses") -
                            recordKpi(record, "stored_heat_change");
    REQUIRE(std::abs(residual) < 1e-6 * recordKpi(record, "heat_delivered"));
    // Series 3 insulates better than series 1 at the same DN: fewer losses, more capital.
    const CaseRecord thin = runSweepCase(sweep, 0);
    REQUIRE(recordKpi(thin, "pipe_losses") > recordKpi(record, "pipe_losses"));
    REQUIRE(recordKpi(thin, "pipe_capital") < recordKpi(record, "pipe_capital"));
}

TEST_CASE("sweep: a case read from its tree with the sizing memo equals the case read from its "
          "text and sized alone",
          "[sweep]") {
    // The bundled design sweep's kinds of parameter, shortened: the sizing limit (the memo's key),
    // the insulation series and a tank (not in the key: the memo reuses the DNs sized for
    // another series and without the tank), the supply temperature (in the key).
    const SweepDefinition sweep = readSweepText(
        "name: memo\nbase: " + defaultScenario() +
            "\nscenario: {simulation.duration: 24 h, \"network.pipes[*].dn\": auto}\n"
            "parameters:\n"
            "  - {path: network.sizing.max_pressure_gradient, values: [50 Pa/m, 300 Pa/m]}\n"
            "  - {path: \"network.pipes[*].series\", values: [3, 1]}\n"
            "  - {path: plants.ARQUES.supply_temperature.curve.at_design, values: [95 degC, "
            "115 degC]}\n"
            "  - path: plants.ARQUES.storage\n"
            "    values: [~, {volume: 3000 m3, layers: 12, height: 18 m, heat_loss: 0.3 W/(m2 K), "
            "ambient: 10 degC, max_temperature: 110 degC, min_temperature: 55 degC, max_power: 5 "
            "MW, initial_charge: 50 %}]\n",
        "memo.yaml", ".");
    REQUIRE(sweep.cases.size() == 16);
    std::vector<std::vector<int>> dns;
    for (std::size_t i = 0; i < sweep.cases.size(); ++i) {
        INFO("case " << i);
        const Scenario fast = caseScenario(sweep, i);
        const Scenario alone = readScenarioText(caseScenarioText(sweep, i), "alone.yaml",
                                                std::string(HEATNET_SOURCE_DIR) + "/scenarios");
        REQUIRE(fast.pipes.size() == alone.pipes.size());
        for (std::size_t p = 0; p < fast.pipes.size(); ++p) {
            const PipeSpec& a = fast.pipes[p];
            const PipeSpec& b = alone.pipes[p];
            REQUIRE(a.dn == b.dn);
            REQUIRE(a.innerDiameter_m == b.innerDiameter_m);
            REQUIRE(a.roughness_m == b.roughness_m);
            REQUIRE(a.heatLossCoeff_W_mK == b.heatLossCoeff_W_mK);
            REQUIRE(a.cost_EUR_m == b.cost_EUR_m);
            REQUIRE(a.insulationSeries == b.insulationSeries);
            REQUIRE(a.autoSize);
        }
        REQUIRE(fast.plants.front().storage.has_value() ==
                alone.plants.front().storage.has_value());
        REQUIRE(fast.simulation.duration_s == alone.simulation.duration_s);
        dns.emplace_back();
        for (const PipeSpec& pipe : fast.pipes) {
            dns.back().push_back(pipe.dn);
        }
    }
    // The limits did change the DNs (cases 0-7 at 50 Pa/m, 8-15 at 300 Pa/m): the memo had
    // different sizings to keep apart, and the series and the tank did not change them.
    REQUIRE(dns[0] != dns[8]);
    REQUIRE(dns[0] == dns[5]); // series 1 and a tank: the same DNs as series 3, no tank
}

TEST_CASE("sweep: records survive serialisation; Pareto optimality by dominance", "[sweep]") {
    CaseRecord a;
    a.index = 3;
    a.parameterTexts = {"95 degC"};
    a.parameterNumbers = {95};
    a.done = true;
    a.kpis = {{"cost", 50.0, "EUR/MWh", "cost"}, {"co2", 10.0, "t", "co2"}};
    a.seriesStart = "2025-01-01 00:00:00";
    a.seriesTimes_h = {1, 2};
    a.series = {{"x", "W", "x", {1.5, 2.5}}};
    const CaseRecord back = deserialiseRecord(serialiseRecord(a));
    REQUIRE(back.index == 3);
    REQUIRE(back.kpis[1].value == 10.0);
    REQUIRE(back.series[0].values == std::vector<double>{1.5, 2.5});
    const std::string bytes = serialiseRecord(a);
    REQUIRE_THROWS_AS(deserialiseRecord(bytes.substr(0, bytes.size() - 3)), Error);

    auto make = [](double cost, double co2, bool done = true) {
        CaseRecord r;
        r.done = done;
        r.kpis = {{"cost", cost, "", ""}, {"co2", co2, "", ""}};
        return r;
    };
    // (1,5) (2,2) (5,1) trade off; (3,3) is dominated by (2,2); (2,2) twice: both optimal; a
    // failed case takes no part.
    const std::vector<CaseRecord> records = {make(1, 5), make(2, 2), make(5, 1),
                                             make(3, 3), make(2, 2), make(0, 0, false)};
    const std::vector<bool> front = paretoOptimal(records, {"cost", "co2"}, {false, false});
    REQUIRE(front == std::vector<bool>{true, true, true, false, true, false});
    // Maximising co2 instead: (1,5) dominates all but (5,1)? (5,1) has cost 5 > 1 and co2 1 < 5.
    const std::vector<bool> flipped = paretoOptimal(records, {"cost", "co2"}, {false, true});
    REQUIRE(flipped == std::vector<bool>{true, false, false, false, false, false});
}
