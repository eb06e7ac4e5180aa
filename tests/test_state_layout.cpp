// The state layout and the self-describing thermal components: named offsets, one name per
// state, stored heat equal to the water and steel the network holds, and a Jacobian pattern
// that lists every dependency the right-hand side really has.
#include "solver/input/ScenarioReader.h"
#include "solver/network/Network.h"
#include "solver/thermal/StateLayout.h"
#include "solver/thermal/ThermalSystem.h"
#include "tests/JacobianCheck.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <numbers>
#include <set>
#include <string>

using namespace heatnet;

namespace {

//! Two pipes in a row (the second with a steel wall), a consumer at the end, a plant with a
//! waste-heat source and a boiler.
const char* twoPipes = R"(name: two-pipes
simulation: {duration: 24 h, cell_length: 25 m}
climate: {constant: 5 degC}
network:
  nodes:
    - {id: PLANT}
    - {id: N1}
    - {id: N2}
  pipes:
    - {id: P1, from: PLANT, to: N1, length: 100 m, dn: 80}
    - {id: P2, from: N1, to: N2, length: 60 m, dn: 50, wall: {heat_capacity: 8000 J/(m K)}}
consumers:
  - {id: C1, node: N2, annual_demand: 500 MWh}
plants:
  - id: WORKS
    node: PLANT
    supply_temperature: 80 degC
    sources:
      - {id: FURNACE, type: waste_heat, available: 100 kW}
      - {id: GAS, type: boiler, capacity: 1 MW}
)";

} // namespace

TEST_CASE("state layout: consecutive blocks, named offsets, a name for every state",
          "[thermal][layout]") {
    StateLayout layout;
    const StateBlock pipe = layout.add("pipe P3 (supply)", {{"T", 4}, {"T_wall", 4}});
    const StateBlock energy = layout.add("consumer C1", {{"delivered heat integral", 1}});
    REQUIRE(layout.size() == 9);
    CHECK(pipe.all().first() == 0);
    CHECK(pipe.all().count() == 8);
    CHECK(pipe.quantity(1).first() == 4);
    CHECK(pipe.quantity(1).at(2) == 6);
    CHECK(pipe.quantities(0, 2).count() == 8);
    CHECK(energy.all().first() == 8);
    CHECK(energy.all().contains(8));
    CHECK_FALSE(pipe.all().contains(8));
    CHECK(layout.stateName(0) == "pipe P3 (supply): T[0]");
    CHECK(layout.stateName(6) == "pipe P3 (supply): T_wall[2]");
    CHECK(layout.stateName(8) == "consumer C1: delivered heat integral");
    CHECK(layout.stateName(9) == "state #9");
    // A block without states takes no room and names nothing.
    layout.add("empty", {{"T", 0}});
    CHECK(layout.size() == 9);
    CHECK(layout.stateName(8) == "consumer C1: delivered heat integral");
}

TEST_CASE("thermal components: every state named once, stored heat = the water and the steel",
          "[thermal][layout]") {
    const Scenario s = readScenarioText(twoPipes, "two-pipes.yaml", ".");
    const Network network(s);
    const ThermalSystem th(s, network);
    std::set<std::string> names;
    for (std::size_t i = 0; i < th.size(); ++i) {
        const std::string name = th.stateName(i);
        CHECK(name.find("state #") == std::string::npos);
        CHECK(names.insert(name).second);
    }
    CHECK(names.count("pipe P2 (return): T_wall[1]") == 1);
    CHECK(names.count("plant WORKS source GAS: fuel integral") == 1);

    // Uniform 70 °C supply and 40 °C return: the heat above 0 °C is ρ c_p (A L + C'_wall L / ρ c_p)
    // ΔT summed over both layers of both pipes, whatever the cells.
    const std::vector<double> y = th.initialState(343.15, 313.15);
    double expected = 0;
    for (const PipeSpec& p : s.pipes) {
        const double area = std::numbers::pi / 4 * p.innerDiameter_m * p.innerDiameter_m;
        const double perKelvin = th.density() * th.specificHeat() * area * p.length_m +
                                 p.wallHeatCapacity_J_mK * p.length_m;
        expected += perKelvin * (70 + 40);
    }
    CHECK(th.storedHeat(y) == Approx(expected).epsilon(1e-12));
}

TEST_CASE("thermal components: the Jacobian pattern lists every dependency of every state",
          "[thermal][layout]") {
    // Perturb each state and check that every right-hand side that moves has that column in its
    // row, with the flow both ways (the pattern must hold for any flow).
    const Scenario s = readScenarioText(twoPipes, "two-pipes.yaml", ".");
    const Network network(s);
    ThermalSystem th(s, network);
    for (const double flow : {2.0, -2.0}) {
        std::vector<double> y = th.initialState(353.15, 318.15);
        for (std::size_t i = 0; i < y.size(); ++i) {
            y[i] += 0.01 * static_cast<double>(i % 7); // no two neighbouring cells alike
        }
        const ThermalSystem::Flows f{
            {flow, flow}, {std::abs(flow)}, {std::abs(flow)}, {flow, flow}};
        th.setFlows(f, f, 0, 3600, y);
        const std::vector<std::string> missing = testing::missingPatternEntries(th, y, 1800);
        for (const std::string& m : missing) {
            UNSCOPED_INFO(m);
        }
        CHECK(missing.empty());
    }
}
