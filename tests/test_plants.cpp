// Several plants: the first balances the network, a plant with a prescribed flow (a factory at
// its own site) feeds all the heat its sources can give.
#include "solver/ScenarioReader.h"
#include "solver/Simulation.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace heatnet;

namespace {

class LastStepSink : public ResultSink {
public:
    void begin(const Scenario&, const Network&) override {}
    void record(const StepRecord& step) override {
        last = step;
        ++steps;
    }
    void finish(const RunTotals&) override {}
    StepRecord last;
    int steps = 0;
};

} // namespace

TEST_CASE("plants: a prescribed-flow waste-heat plant feeds its heat, the main plant the rest",
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
