// The storage tank's capital cost in the cost of heat (factors.storage_capital_cost,
// storage_lifetime; docs/models.md): a tank adds volume × cost per m3, annuitised, to the capital
// of the period, and nothing else. Checked on a real run of the Saint-Omer variant with a tank
// against the annuity formula computed here.
#include "solver/input/ScenarioReader.h"
#include "solver/run/Kpis.h"
#include "solver/run/Simulation.h"
#include "tests/TestSupport.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace heatnet;

namespace {

//! scenarios/saint-omer-storage.yaml shortened to two days, with `factors` lines added.
Scenario storageScenario(const std::string& factors) {
    const std::filesystem::path dir = std::filesystem::path(HEATNET_SOURCE_DIR) / "scenarios";
    std::ifstream in(dir / "saint-omer-storage.yaml");
    std::stringstream text;
    text << in.rdbuf();
    std::string s = text.str();
    const std::string duration = "duration: 8760 h";
    const auto at = s.find(duration);
    REQUIRE(at != std::string::npos);
    s.replace(at, duration.size(), "duration: 48 h");
    const std::string key = "\nfactors:\n";
    const auto f = s.find(key);
    REQUIRE(f != std::string::npos);
    s.insert(f + key.size(), factors);
    return readScenarioText(s, "storage-cost.yaml", dir);
}

//! a(r, n) = r / (1 − (1 + r)^−n), written out again here rather than taken from Kpis.cpp.
double annuity(double rate, double years) {
    return rate / (1 - std::pow(1 + rate, -years));
}

} // namespace

TEST_CASE("storage cost: a tank adds its annuitised volume cost to the cost of heat", "[kpis]") {
    const Scenario priced = storageScenario("  storage_capital_cost: 400 EUR/m3\n"
                                            "  storage_lifetime: 25 a\n"
                                            "  discount_rate: 5 %\n");
    const Scenario free = storageScenario("  storage_capital_cost: 0 EUR/m3\n"
                                          "  discount_rate: 5 %\n");
    REQUIRE(priced.plants.front().storage.has_value());
    const double volume_m3 = priced.plants.front().storage->volume_m3;
    REQUIRE(volume_m3 == Approx(3000));
    REQUIRE(priced.factors.storageCapital_EUR_m3 == Approx(400));
    REQUIRE(priced.factors.storageLifetime_a == Approx(25));

    // The money does not change the physics: one run, KPIs priced both ways.
    Simulation simulation(priced);
    heatnet::testing::MemorySink sink;
    const RunTotals totals = simulation.run(sink);
    const auto withCost = computeKpis(priced, totals);
    const auto without = computeKpis(free, totals);

    const double years = 48.0 / 8760;
    const double delivered_MWh = kpiValue(withCost, "heat_delivered");
    REQUIRE(delivered_MWh > 0);
    const double tank_EUR = volume_m3 * 400;
    const double annual_EUR = tank_EUR * annuity(0.05, 25); // 1.2 MEUR × 0.070952 = 85.1 kEUR/a
    CHECK(kpiValue(withCost, "storage_capital") == Approx(tank_EUR / 1000));
    CHECK(kpiValue(without, "storage_capital") == 0);
    CHECK(kpiValue(withCost, "capital_annuity") - kpiValue(without, "capital_annuity") ==
          Approx(annual_EUR / 1000).epsilon(1e-9));
    CHECK(kpiValue(withCost, "heat_cost_per_mwh") - kpiValue(without, "heat_cost_per_mwh") ==
          Approx(annual_EUR * years / delivered_MWh).epsilon(1e-9));
    CHECK(kpiValue(withCost, "energy_cost") == kpiValue(without, "energy_cost"));
}

TEST_CASE("storage cost: the default is 250 EUR/m3 over 40 years; no tank costs nothing",
          "[kpis]") {
    const Scenario tank = storageScenario("");
    CHECK(tank.factors.storageCapital_EUR_m3 == Approx(250));
    CHECK(tank.factors.storageLifetime_a == Approx(40));
    RunTotals totals;
    totals.delivered_J = 1000 * 3.6e9;
    std::size_t sources = 0;
    for (const PlantSpec& plant : tank.plants) {
        sources += plant.sources.size();
    }
    totals.sourceHeat_J.assign(sources, 0.0);
    totals.sourceFuel_J.assign(sources, 0.0);
    totals.sourceElectricity_J.assign(sources, 0.0);
    Scenario none = tank;
    none.plants.front().storage.reset();
    // 3000 m3 × 250 EUR/m3 = 750 kEUR; a(4 %, 40) = 0.0505235 → 37.89 kEUR/a over 48 h.
    const double expected = 750e3 * annuity(0.04, 40) * 48.0 / 8760 / 1000; // EUR per MWh
    CHECK(kpiValue(computeKpis(tank, totals), "storage_capital") == Approx(750));
    CHECK(kpiValue(computeKpis(none, totals), "storage_capital") == 0);
    CHECK(kpiValue(computeKpis(tank, totals), "heat_cost_per_mwh") -
              kpiValue(computeKpis(none, totals), "heat_cost_per_mwh") ==
          Approx(expected).epsilon(1e-9));
}
