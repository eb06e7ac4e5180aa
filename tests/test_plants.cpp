// Several plants, each with its role: the `pressure` plant balances the network, a `heat` plant (a
// factory at its own site) feeds all the heat its sources can give, a `flow` plant its prescribed
// flow.
#include "solver/input/ScenarioReader.h"
#include "solver/run/Simulation.h"
#include "tests/TestSupport.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace heatnet;

namespace {

class LastStepSink : public ResultSink {
public:
    void begin(const Scenario&) override {}
    void record(const StepRecord& step) override {
        last = step;
        ++steps;
    }
    void finish(const RunTotals&) override {}
    StepRecord last;
    int steps = 0;
};

} // namespace

TEST_CASE("plants: a heat-controlled waste-heat plant feeds its heat, the main plant the rest",
          "[plants]") {
    const Scenario scenario = readScenario(std::filesystem::path(HEATNET_SOURCE_DIR) / "tests" /
                                           "data" / "two-plants.yaml");
    Simulation simulation(scenario);
    LastStepSink sink;
    const RunTotals totals = simulation.run(sink);
    REQUIRE(sink.steps == 168);
    // Sources in file order: GAS (main plant), MILLHEAT (1 MW, prescribed-flow plant).
    const double hours = 168;
    const double millHeat_MWh = totals.sourceHeat_J[1] / 3.6e9;
    CHECK(millHeat_MWh > 0.9 * hours * 1.0);   // nearly all of its 1 MW is used …
    CHECK(millHeat_MWh <= hours * 1.0 + 1e-6); // … and never more
    CHECK(totals.sourceHeat_J[0] > 0);         // the gas plant covers the rest
    // The mill's pipe (MILL → C) carries water away from the mill.
    CHECK(sink.last.pipeFlow_kg_s[3] > 0);
    CHECK(sink.last.plantFlow_kg_s[1] == Approx(sink.last.pipeFlow_kg_s[3]));
    // Mass balance: both plants together supply what the substations draw.
    double drawn = 0;
    for (double f : sink.last.consumerFlow_kg_s) {
        drawn += f;
    }
    CHECK(sink.last.plantFlow_kg_s[0] + sink.last.plantFlow_kg_s[1] == Approx(drawn));
    // Energy closes.
    CHECK(std::abs(totals.balanceResidual_J) < 1e-8 * totals.delivered_J);
}

TEST_CASE("plants: three sites on a meshed network, each plant doing its job, balance closed",
          "[plants][three-sites]") {
    // scenarios/three-sites.yaml: GASPLANT (pressure, boilers), GLASSWORKS (heat, flue-gas
    // recovery) and PAPERMILL (flow, 12 kg/s through a heat pump), a year on a network with two
    // loops. Sources in file order: BOILERS, FURNACE, HEATPUMP.
    const Scenario scenario =
        readScenario(std::filesystem::path(HEATNET_SOURCE_DIR) / "scenarios" / "three-sites.yaml");
    Simulation simulation(scenario);
    REQUIRE(simulation.network().loopCount() == 2);
    heatnet::testing::MemorySink sink;
    const RunTotals totals = simulation.run(sink);
    REQUIRE(sink.steps.size() == 8760);
    // Every plant delivers heat.
    for (std::size_t k = 0; k < 3; ++k) {
        INFO("source " << k);
        CHECK(totals.sourceHeat_J[k] > 0);
    }
    // The balance closes to round-off over the year.
    CHECK(std::abs(totals.balanceResidual_J) < 1e-8 * totals.delivered_J);
    CHECK(totals.sources_J ==
          Approx(totals.delivered_J + totals.losses_J + totals.storedChange_J).epsilon(1e-9));
    // Roles: the mill feeds its 12 kg/s (or, with the glassworks, at most 90 % of the draw);
    // the gas plant balances the rest; mass balances every hour.
    const double furnaceCapacity_W = scenario.plants[1].sources[0].model->capacity();
    const double heatPumpCapacity_W = scenario.plants[2].sources[0].model->capacity();
    int winterHours = 0;
    for (const StepRecord& step : sink.steps) {
        double drawn = 0;
        for (double f : step.consumerFlow_kg_s) {
            drawn += f;
        }
        const double fed = step.plantFlow_kg_s[1] + step.plantFlow_kg_s[2];
        CHECK(step.plantFlow_kg_s[0] + fed == Approx(drawn).epsilon(1e-9));
        CHECK(step.plantFlow_kg_s[2] <= 12.0 + 1e-9);
        if (fed < 0.9 * drawn - 1e-6) { // the factories' flows are not cut
            CHECK(step.plantFlow_kg_s[2] == Approx(12.0).epsilon(1e-9));
        }
        // Merit order: whenever the gas boilers fire hard, the waste heat is already in use:
        // the furnace gives most of its capacity (its available heat falls a little as the
        // return warms: the flue gas leaves at least `approach` above it) and the heat pump
        // heats its 12 kg/s from the return to about the set point.
        if (step.sourceHeat_W[0] > 2e6) {
            ++winterHours;
            CHECK(step.sourceHeat_W[1] > 0.85 * furnaceCapacity_W);
            CHECK(step.sourceHeat_W[2] > 0.5 * heatPumpCapacity_W);
        }
    }
    CHECK(winterHours > 1000);
}
