// KPIs from a hand-made scenario and run totals against values computed by hand: waste-heat
// share (a heat pump's electricity is not waste heat), full-load hours, annuities, cost of heat.
#include "solver/Error.h"
#include "solver/input/ScenarioReader.h"
#include "solver/run/KpiCatalogue.h"
#include "solver/run/Kpis.h"
#include "solver/run/Simulation.h"
#include "tests/TestSupport.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

using namespace heatnet;

namespace {

constexpr double MWh = 3.6e9; // J

//! A source with fixed properties; the KPIs only read fuel(), isWasteHeat() and capacity().
class FixedSource : public HeatSource {
public:
    FixedSource(std::string id, double capacity_W, std::string fuel, bool wasteHeat)
        : m_id(std::move(id)), m_capacity(capacity_W), m_fuel(std::move(fuel)),
          m_wasteHeat(wasteHeat) {}
    const std::string& id() const override { return m_id; }
    double availablePower(const SourceConditions&) const override { return m_capacity; }
    double maxOutletTemperature(const SourceConditions&) const override { return 393.15; }
    SourceInputs inputsFor(double, const SourceConditions&) const override { return {}; }
    std::string fuel() const override { return m_fuel; }
    bool isWasteHeat() const override { return m_wasteHeat; }
    double capacity() const override { return m_capacity; }

private:
    std::string m_id;
    double m_capacity;
    std::string m_fuel;
    bool m_wasteHeat;
};

SourceSpec source(std::string id, std::string type, double capacity_W, std::string fuel,
                  bool wasteHeat) {
    SourceSpec s;
    s.id = id;
    s.type = std::move(type);
    s.model = std::make_shared<const FixedSource>(id, capacity_W, std::move(fuel), wasteHeat);
    return s;
}

//! Two pipes (1000 m at 400 EUR/m, 500 m at 200 EUR/m: 0.5 MEUR); a 2 MW recovery exchanger
//! (300 EUR/kW), a 1 MW heat pump (800 EUR/kW), a 5 MW gas boiler (100 EUR/kW): 1.9 MEUR.
Scenario handMadeScenario(double duration_h) {
    Scenario s;
    s.simulation.duration_s = duration_h * 3600.0;
    PipeSpec p1;
    p1.id = "P1";
    p1.length_m = 1000;
    p1.cost_EUR_m = 400;
    PipeSpec p2;
    p2.id = "P2";
    p2.length_m = 500;
    p2.cost_EUR_m = 200;
    s.pipes = {p1, p2};
    PlantSpec plant;
    plant.id = "PLANT";
    plant.sources.push_back(source("RECOVERY", "waste_heat", 2e6, "", true));
    plant.sources.push_back(source("HP", "paper_mill_heat_pump", 1e6, "", true));
    plant.sources.push_back(source("GAS", "boiler", 5e6, "gas", false));
    s.plants.push_back(plant);
    return s; // default factors: 4 %/yr, pipes 40 yr, plant 20 yr, 60/150/10 EUR/MWh
}

//! Totals of a year scaled by `fraction`: recovery 10 000 MWh; heat pump 4 000 MWh of heat from
//! 1 000 MWh of electricity and 3 000 MWh of waste heat; gas 6 000 MWh of heat from 6 000/0.9
//! MWh of gas; 20 000 MWh in, 18 000 delivered, 2 000 lost; pumps 100 MWh.
RunTotals handMadeTotals(double fraction) {
    RunTotals t;
    const double f = fraction * MWh;
    t.sourceHeat_J = {10000 * f, 4000 * f, 6000 * f};
    t.sourceFuel_J = {0, 0, 6000 / 0.9 * f};
    t.sourceElectricity_J = {0, 1000 * f, 0};
    t.sourceWasteHeat_J = {10000 * f, 3000 * f, 0};
    t.sourceRunningHours_h = {8760 * fraction, 7000 * fraction, 3000 * fraction};
    t.sources_J = 20000 * f;
    t.delivered_J = 18000 * f;
    t.demand_J = 18100 * f;
    t.losses_J = 2000 * f;
    t.pump_J = 100 * f;
    t.unmetHours_h = 12;
    return t;
}

} // namespace

TEST_CASE("annuity factor a = r / (1 - (1 + r)^-n)", "[kpis]") {
    // Hand values: 0.04 / (1 - 1.04^-20) and 0.04 / (1 - 1.04^-40).
    CHECK(annuityFactor(0.04, 20) == Approx(0.0735817503).epsilon(1e-9));
    CHECK(annuityFactor(0.04, 40) == Approx(0.0505234893).epsilon(1e-9));
    CHECK(annuityFactor(0.05, 20) == Approx(0.0802425872).epsilon(1e-9));
    CHECK(annuityFactor(0.0, 25) == Approx(0.04)); // no discounting: straight line
    CHECK_THROWS(annuityFactor(0.04, 0));
}

TEST_CASE("capital cost per kW follows the source type", "[kpis]") {
    const Factors f;
    CHECK(sourceCapitalCost_EUR_W(f, source("B", "boiler", 1e6, "gas", false)) == Approx(0.100));
    CHECK(sourceCapitalCost_EUR_W(f, source("W", "waste_heat", 1e6, "", true)) == Approx(0.300));
    CHECK(sourceCapitalCost_EUR_W(f, source("G", "glass_furnace", 1e6, "", true)) == Approx(0.300));
    CHECK(sourceCapitalCost_EUR_W(f, source("H", "paper_mill_heat_pump", 1e6, "", true)) ==
          Approx(0.800));
}

TEST_CASE("KPIs of a hand-made year", "[kpis]") {
    const Scenario s = handMadeScenario(8760);
    const auto k = computeKpis(s, handMadeTotals(1.0));

    SECTION("waste heat excludes the heat pump's electricity") {
        CHECK(kpiValue(k, "waste_heat") == Approx(13000));      // 10 000 + (4 000 - 1 000)
        CHECK(kpiValue(k, "waste_heat_share") == Approx(65.0)); // 13/20
        CHECK(kpiValue(k, "waste_heat_over_delivered") == Approx(100 * 13.0 / 18)); // 72.2
        CHECK(kpiValue(k, "heat_pump_electricity") == Approx(1000));
        CHECK(kpiValue(k, "pump_electricity") == Approx(100));
    }
    SECTION("backup and unmet") {
        CHECK(kpiValue(k, "backup_heat") == Approx(6000));
        CHECK(kpiValue(k, "backup_hours") == Approx(3000));
        CHECK(kpiValue(k, "gas_fuel") == Approx(6000 / 0.9));
        CHECK(kpiValue(k, "unmet_heat") == Approx(100));
        CHECK(kpiValue(k, "unmet_hours") == Approx(12));
    }
    SECTION("full-load hours = heat / capacity") {
        CHECK(kpiValue(k, "full_load_hours_RECOVERY") == Approx(5000)); // 10 000 MWh / 2 MW
        CHECK(kpiValue(k, "full_load_hours_HP") == Approx(4000));       // 4 000 MWh / 1 MW
        CHECK(kpiValue(k, "full_load_hours_GAS") == Approx(1200));      // 6 000 MWh / 5 MW
    }
    SECTION("CO2") {
        // gas 6 666.7 MWh x 227 kg + electricity 1 100 MWh x 52 kg = 1 570.5 t
        const double emitted_t = (6000 / 0.9 * 227 + 1100 * 52) / 1000;
        CHECK(kpiValue(k, "co2_emitted") == Approx(emitted_t));
        CHECK(kpiValue(k, "co2_per_mwh") == Approx(emitted_t * 1000 / 18000)); // 87.25 kg/MWh
        CHECK(kpiValue(k, "co2_avoided") == Approx(18000 / 0.9 * 0.227 - emitted_t)); // 2969.5 t
    }
    SECTION("cost of heat") {
        // energy: gas 6 666.7 x 60 + electricity 1 100 x 150 + waste heat 13 000 x 10 = 695 kEUR
        CHECK(kpiValue(k, "energy_cost") == Approx(695.0));
        CHECK(kpiValue(k, "energy_cost_per_mwh") == Approx(695000.0 / 18000));
        CHECK(kpiValue(k, "pipe_capital") == Approx(500.0));
        CHECK(kpiValue(k, "plant_capital") == Approx(1900.0));
        // 500 kEUR x 0.0505234893 + 1 900 kEUR x 0.0735817503 = 165.067 kEUR/a
        CHECK(kpiValue(k, "capital_annuity") == Approx(165.06707).epsilon(1e-6));
        CHECK(kpiValue(k, "capital_cost_per_mwh") == Approx(165067.07 / 18000).epsilon(1e-6));
        CHECK(kpiValue(k, "heat_cost_per_mwh") == Approx(47.781504).epsilon(1e-6));
    }
}

TEST_CASE("KPIs come in the catalogue's order with its units", "[kpis][catalogue]") {
    const auto k = computeKpis(handMadeScenario(8760), handMadeTotals(1.0));
    REQUIRE(k.size() > 20);
    CHECK(k.front().name == "heat_demand");
    for (std::size_t i = 0; i < k.size(); ++i) {
        INFO(k[i].name);
        const KpiText text = kpiText(k[i].name); // throws if a KPI has no catalogue entry
        CHECK(k[i].unit == text.unit);
        CHECK(k[i].description == text.sentenceEn);
        if (i > 0) {
            CHECK(kpiText(k[i - 1].name).order <= text.order);
        }
    }
}

TEST_CASE("cost of heat of a shorter run charges the annuity for its length", "[kpis]") {
    // Half a year with half the energy: the same cost per MWh as the whole year.
    const auto half = computeKpis(handMadeScenario(4380), handMadeTotals(0.5));
    CHECK(kpiValue(half, "simulated_years") == Approx(0.5));
    CHECK(kpiValue(half, "capital_annuity") == Approx(165.06707).epsilon(1e-6));
    CHECK(kpiValue(half, "heat_cost_per_mwh") == Approx(47.781504).epsilon(1e-6));
    CHECK(kpiValue(half, "full_load_hours_GAS") == Approx(600));
}

TEST_CASE("changed factors change the cost of heat", "[kpis]") {
    Scenario s = handMadeScenario(8760);
    s.factors.discountRate = 0.05;
    s.factors.plantLifetime_a = 20;
    s.factors.pipeLifetime_a = 20;
    s.factors.heatPumpCapital_EUR_W = 0;
    const auto k = computeKpis(s, handMadeTotals(1.0));
    // plant 1.1 MEUR without the heat pump, pipes 0.5 MEUR, both at a(5 %, 20) = 0.0802425872
    CHECK(kpiValue(k, "plant_capital") == Approx(1100.0));
    CHECK(kpiValue(k, "capital_annuity") == Approx(1600 * 0.0802425872).epsilon(1e-9));
}

namespace {

//! The default scenario's text with `extra` lines added at the top of its `factors:` block.
std::string saintOmerWithFactors(const std::string& extra) {
    const std::filesystem::path path =
        std::filesystem::path(HEATNET_SOURCE_DIR) / "scenarios" / "saint-omer.yaml";
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    std::string s = text.str();
    const std::string key = "\nfactors:\n";
    const auto at = s.find(key);
    REQUIRE(at != std::string::npos);
    s.insert(at + key.size(), extra);
    return s;
}

} // namespace

TEST_CASE("factors: capital keys are read with their units", "[kpis]") {
    const std::string dir = std::string(HEATNET_SOURCE_DIR) + "/scenarios";
    const Scenario defaults = readScenarioText(saintOmerWithFactors(""), "defaults.yaml", dir);
    CHECK(defaults.factors.discountRate == Approx(0.04));
    CHECK(defaults.factors.pipeLifetime_a == Approx(40));
    CHECK(defaults.factors.plantLifetime_a == Approx(20));
    CHECK(defaults.factors.boilerCapital_EUR_W == Approx(0.1));

    const Scenario s =
        readScenarioText(saintOmerWithFactors("  discount_rate: 5 %\n"
                                              "  pipe_lifetime: 30 a\n"
                                              "  plant_lifetime: 180 d\n"
                                              "  boiler_capital_cost: 80 EUR/kW\n"
                                              "  waste_heat_capital_cost: 0.25 "
                                              "EUR/W\n"
                                              "  heat_pump_capital_cost: 1000 kEUR/MW\n"
                                              "  biomass_price: 40 EUR/MWh\n"),
                         "factors.yaml", dir);
    CHECK(s.factors.discountRate == Approx(0.05));
    CHECK(s.factors.pipeLifetime_a == Approx(30));
    CHECK(s.factors.plantLifetime_a == Approx(180.0 / 365));
    CHECK(s.factors.boilerCapital_EUR_W == Approx(0.08));
    CHECK(s.factors.wasteHeatCapital_EUR_W == Approx(0.25));
    CHECK(s.factors.heatPumpCapital_EUR_W == Approx(1.0));
    CHECK(s.factors.biomassPrice_EUR_J == Approx(40 / 3.6e9));

    CHECK_THROWS_AS(
        readScenarioText(saintOmerWithFactors("  discount_rate: 120 %\n"), "bad.yaml", dir),
        InputError);
    CHECK_THROWS_AS(
        readScenarioText(saintOmerWithFactors("  pipe_lifetime: 0 a\n"), "bad.yaml", dir),
        InputError);
}

TEST_CASE("a substation with zero demand never counts as supplied below its minimum", "[kpi]") {
    // C1 is well supplied; C2 asks for nothing all week, so its water stands and cools in the
    // pipe to the ground temperature, far below its minimum supply temperature.
    const std::string text = "name: idle\n"
                             "simulation: {duration: 168 h}\n"
                             "climate: {constant: 0 degC}\n"
                             "network:\n"
                             "  nodes: [{id: PLANT}, {id: N1}, {id: N2}]\n"
                             "  pipes:\n"
                             "    - {id: P1, from: PLANT, to: N1, length: 100 m, dn: 80}\n"
                             "    - {id: P2, from: N1, to: N2, length: 500 m, dn: 50}\n"
                             "consumers:\n"
                             "  - {id: C1, node: N1, annual_demand: 2000 MWh}\n"
                             "  - {id: C2, node: N2, profile: 0 kW}\n"
                             "plants:\n"
                             "  - id: ARQUES\n"
                             "    node: PLANT\n"
                             "    supply_temperature: 80 degC\n"
                             "    sources: [{id: GAS, type: boiler, capacity: 5 MW}]\n";
    const Scenario scenario = readScenarioText(text, "idle.yaml", ".");
    Simulation simulation(scenario);
    heatnet::testing::MemorySink sink;
    const RunTotals totals = simulation.run(sink, {});
    REQUIRE(sink.steps.size() == 168);
    int idleAndCold = 0;
    for (const StepRecord& step : sink.steps) {
        REQUIRE(step.demand_W[1] == 0.0);
        REQUIRE(step.supplyOutlet_K.size() == 2);
        if (step.consumerSupply_K[1] < scenario.consumers[1].minSupply_K) {
            ++idleAndCold;
        }
        REQUIRE(step.consumerSupply_K[0] > scenario.consumers[0].minSupply_K);
    }
    CHECK(idleAndCold > 0); // the case the KPI must not count
    CHECK(totals.lowSupplyHours_h == 0.0);
}
