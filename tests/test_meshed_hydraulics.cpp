// The hydraulics of a meshed network with two feeding plants, against a hand calculation: a ring
// PL → A → B ← F ← PL with the `pressure` plant at PL and a `flow` plant at F. Flows are laminar
// (Hagen–Poiseuille), so each pipe's drop is linear, Δp_i = R_i ṁ_i with
//   R_i = 128 μ L_i / (π ρ d⁴)   (μ, ρ of the layer's water at the pipe's temperature),
// and the loop equation has a closed form. With x the flow in P1 (PL → A), S = ṁ_A + ṁ_B:
//   P1 = x, P2 (A → B) = x − ṁ_A, P3 (F → B) = S − x, P4 (PL → F) = S − ṁ_F − x,
//   R1 x + R2 (x − ṁ_A) = R3 (S − x) + R4 (S − ṁ_F − x)
//   ⇒ x = (R2 ṁ_A + R3 S + R4 (S − ṁ_F)) / (R1 + R2 + R3 + R4).
// The return layer runs the same paths backwards with its own R (its pipes at other
// temperatures than the supply's), so its split differs: it is solved, not mirrored.
#include "TestSupport.h"
#include "models/Water.h"
#include "solver/input/ScenarioReader.h"
#include "solver/network/Hydraulics.h"
#include "solver/run/Simulation.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <vector>

using namespace heatnet;

namespace {

constexpr double kBar = 1e5;

const char* const kRing = R"(
name: ring-two-plants
simulation: {start: 2025-01-06 00:00, duration: 24 h, output_step: 1 h}
climate: {constant: 5 degC}
network:
  nodes: [{id: PL}, {id: A}, {id: B}, {id: F}]
  pipes:
    - {id: P1, from: PL, to: A, length: 400 m, inner_diameter: 0.1 m, roughness: 0.01 mm,
       heat_loss: 0.2 W/(m K)}
    - {id: P2, from: A, to: B, length: 300 m, inner_diameter: 0.1 m, roughness: 0.01 mm,
       heat_loss: 0.2 W/(m K)}
    - {id: P3, from: F, to: B, length: 200 m, inner_diameter: 0.1 m, roughness: 0.01 mm,
       heat_loss: 0.2 W/(m K)}
    - {id: P4, from: PL, to: F, length: 500 m, inner_diameter: 0.1 m, roughness: 0.01 mm,
       heat_loss: 0.2 W/(m K)}
consumers:
  - {id: SA, node: A, annual_demand: 0.5 GWh}
  - {id: SB, node: B, annual_demand: 0.5 GWh}
plants:
  - id: MAIN
    node: PL
    control: pressure
    static_pressure: 2 bar
    differential_pressure: 0.5 bar
    supply_temperature: 80 degC
    sources: [{id: GAS, type: boiler, capacity: 2 MW}]
  - id: SIDE
    node: F
    control: flow
    mass_flow: 0.015 kg/s
    supply_temperature: 80 degC
    sources: [{id: SIDEGAS, type: boiler, capacity: 1 MW}]
)";

//! Laminar resistance of a DN 0.1 m pipe of `length` at temperature T [Pa/(kg/s)].
double resistance(double length_m, double temperature_K) {
    const double d = 0.1;
    return 128 * water::dynamicViscosity(temperature_K) * length_m /
           (std::numbers::pi * water::density(temperature_K) * std::pow(d, 4));
}

//! The closed-form flow in P1 for resistances R1..R4.
double loopFlow(const double (&r)[4], double flowA, double flowB, double flowF) {
    const double total = flowA + flowB;
    return (r[1] * flowA + r[2] * total + r[3] * (total - flowF)) / (r[0] + r[1] + r[2] + r[3]);
}

} // namespace

TEST_CASE("meshed hydraulics: a ring fed by a pressure and a flow plant matches a hand "
          "calculation",
          "[hydraulics][plants]") {
    const Scenario scenario = readScenarioText(kRing, "ring.yaml", ".");
    REQUIRE(scenario.plants[0].control == PlantControl::Pressure);
    REQUIRE(scenario.plants[1].control == PlantControl::Flow);
    REQUIRE(scenario.plants[1].massFlow->value(0) == Approx(0.015));
    const Network network(scenario);
    REQUIRE(network.loopCount() == 1);
    REQUIRE(network.slackPlant() == 0);
    const Hydraulics hydraulics(network, scenario);

    const double flowA = 0.02, flowB = 0.03, flowF = 0.015; // [kg/s]
    const double lengths[4] = {400, 300, 200, 500};
    const std::vector<double> supplyT(4, 273.15 + 80);
    const std::vector<double> returnT{273.15 + 40, 273.15 + 50, 273.15 + 60, 273.15 + 45};
    const HydraulicState s = hydraulics.solve(std::vector<double>{flowA, flowB},
                                              std::vector<double>{0.0, flowF}, supplyT, returnT);

    double rs[4], rr[4];
    for (int i = 0; i < 4; ++i) {
        rs[i] = resistance(lengths[i], supplyT[i]);
        rr[i] = resistance(lengths[i], returnT[i]);
    }
    const double total = flowA + flowB;
    // Supply layer, + from → to.
    const double x = loopFlow(rs, flowA, flowB, flowF);
    CHECK(s.pipeFlow_kg_s[0] == Approx(x).epsilon(1e-9));
    CHECK(s.pipeFlow_kg_s[1] == Approx(x - flowA).epsilon(1e-9));
    CHECK(s.pipeFlow_kg_s[2] == Approx(total - x).epsilon(1e-9));
    CHECK(s.pipeFlow_kg_s[3] == Approx(total - flowF - x).epsilon(1e-9));
    // Return layer, + to → from (its own direction): the same paths with its own resistances.
    const double xr = loopFlow(rr, flowA, flowB, flowF);
    CHECK(s.returnFlow_kg_s[0] == Approx(xr).epsilon(1e-9));
    CHECK(s.returnFlow_kg_s[1] == Approx(xr - flowA).epsilon(1e-9));
    CHECK(s.returnFlow_kg_s[2] == Approx(total - xr).epsilon(1e-9));
    CHECK(s.returnFlow_kg_s[3] == Approx(total - flowF - xr).epsilon(1e-9));
    // Not a mirror: the warmer return pipes near B carry a different share.
    CHECK(std::abs(xr - x) > 1e-3 * x);
    // Plants: the pressure plant balances the rest.
    CHECK(s.plantFlow_kg_s[0] == Approx(total - flowF).epsilon(1e-12));
    CHECK(s.plantFlow_kg_s[1] == Approx(flowF));

    // Pressures (no elevation). Supply falls along the flow from PL; return rises toward PL.
    const double p0 = 2 * kBar;
    const double supplyDropA = rs[0] * x, supplyDropB = supplyDropA + rs[1] * (x - flowA);
    const double returnRiseA = rr[0] * xr, returnRiseB = returnRiseA + rr[1] * (xr - flowA);
    // The worst-placed substation is B (the farther along both paths).
    REQUIRE(supplyDropB + returnRiseB > supplyDropA + returnRiseA);
    const double head = supplyDropB + returnRiseB + 0.5 * kBar;
    CHECK(s.pumpHead_Pa == Approx(head).epsilon(1e-9));
    CHECK(s.worstConsumer == 1);
    CHECK(s.returnPressure_Pa[0] == Approx(p0));
    CHECK(s.supplyPressure_Pa[0] == Approx(p0 + head).epsilon(1e-12));
    CHECK(s.supplyPressure_Pa[1] == Approx(p0 + head - supplyDropA).epsilon(1e-12));
    CHECK(s.supplyPressure_Pa[2] == Approx(p0 + head - supplyDropB).epsilon(1e-12));
    CHECK(s.returnPressure_Pa[1] == Approx(p0 + returnRiseA).epsilon(1e-12));
    CHECK(s.returnPressure_Pa[2] == Approx(p0 + returnRiseB).epsilon(1e-12));
    CHECK(s.supplyPressure_Pa[2] - s.returnPressure_Pa[2] == Approx(0.5 * kBar).epsilon(1e-9));
    // Either way round the loop gives the same pressure at B: via F as well.
    const double supplyF = p0 + head - rs[3] * (total - flowF - x);
    const double returnF = p0 + rr[3] * (total - flowF - xr);
    CHECK(s.supplyPressure_Pa[3] == Approx(supplyF).epsilon(1e-12));
    CHECK(s.returnPressure_Pa[3] == Approx(returnF).epsilon(1e-12));
    CHECK(supplyF - rs[2] * (total - x) == Approx(s.supplyPressure_Pa[2]).epsilon(1e-12));
    CHECK(returnF + rr[2] * (total - xr) == Approx(s.returnPressure_Pa[2]).epsilon(1e-12));
    // The flow plant's pump lifts its flow from its return node to its supply node.
    CHECK(s.plantHead_Pa[0] == Approx(head));
    CHECK(s.plantHead_Pa[1] == Approx(supplyF - returnF).epsilon(1e-12));
    const double rho = water::density(returnT[0]);
    CHECK(s.pumpPower_W ==
          Approx(((total - flowF) * head + flowF * (supplyF - returnF)) / (rho * 0.7))
              .epsilon(1e-12));
}

TEST_CASE("meshed hydraulics: equal parallel paths split a turbulent flow in half in both layers",
          "[hydraulics][plants]") {
    // The same ring with P1 = P4 and P2 = P3, both consumers' flow drawn at B and no flow plant
    // feeding: by symmetry each path carries half, whatever the friction law.
    std::string text = kRing;
    text.replace(text.find("length: 300 m"), 13, "length: 200 m");
    text.replace(text.find("length: 500 m"), 13, "length: 400 m");
    const Scenario scenario = readScenarioText(text, "ring.yaml", ".");
    const Network network(scenario);
    const Hydraulics hydraulics(network, scenario);
    const std::vector<double> supplyT(4, 273.15 + 80), returnT(4, 273.15 + 45);
    const HydraulicState s = hydraulics.solve(std::vector<double>{0.0, 12.0},
                                              std::vector<double>{0.0, 0.0}, supplyT, returnT);
    CHECK(s.pipeFlow_kg_s[0] == Approx(6.0).epsilon(1e-9));
    CHECK(s.pipeFlow_kg_s[3] == Approx(6.0).epsilon(1e-9));
    CHECK(s.returnFlow_kg_s[0] == Approx(6.0).epsilon(1e-9));
    CHECK(s.returnFlow_kg_s[3] == Approx(6.0).epsilon(1e-9));
}

TEST_CASE("meshed hydraulics: a run feeds the flow plant's prescribed flow and closes the balance",
          "[hydraulics][plants]") {
    // mass_flow 3 kg/s here: a real flow for the day's demand (~ 2 × 57 kW × 3 h peaks).
    std::string text = kRing;
    text.replace(text.find("mass_flow: 0.015 kg/s"), 21, "mass_flow: 0.3 kg/s");
    text.replace(text.find("annual_demand: 0.5 GWh"), 22, "annual_demand: 5 GWh");
    text.replace(text.find("annual_demand: 0.5 GWh"), 22, "annual_demand: 5 GWh");
    const Scenario scenario = readScenarioText(text, "ring.yaml", ".");
    Simulation simulation(scenario);
    heatnet::testing::MemorySink sink;
    const RunTotals totals = simulation.run(sink);
    REQUIRE(sink.steps.size() == 24);
    for (const StepRecord& step : sink.steps) {
        double drawn = 0;
        for (double f : step.consumerFlow_kg_s) {
            drawn += f;
        }
        CHECK(step.plantFlow_kg_s[1] == Approx(0.3));
        CHECK(step.plantFlow_kg_s[0] + step.plantFlow_kg_s[1] == Approx(drawn));
        // The return layer's own flows (+ to → from: P1 A→PL, P2 B→A, P3 B→F, P4 F→PL) balance
        // too: B sends SB's flow back both ways, F keeps its plant's intake, PL receives the
        // pressure plant's flow.
        const std::vector<double>& back = step.returnFlow_kg_s;
        CHECK(back[1] + back[2] == Approx(step.consumerFlow_kg_s[1]).epsilon(1e-9));
        CHECK(back[2] - back[3] == Approx(step.plantFlow_kg_s[1]).epsilon(1e-9));
        CHECK(back[0] + back[3] == Approx(step.plantFlow_kg_s[0]).epsilon(1e-9));
    }
    CHECK(totals.sourceHeat_J[0] > 0);
    CHECK(totals.sourceHeat_J[1] > 0);
    CHECK(std::abs(totals.balanceResidual_J) < 1e-8 * totals.delivered_J);
}

TEST_CASE("meshed hydraulics: solves warm-started from the last step's friction factors agree "
          "with cold solves",
          "[hydraulics]") {
    // One Hydraulics object keeps each pipe's Colebrook root between solves; a fresh object per
    // solve starts every pipe from Swamee–Jain. Over a day of changing, turbulent draws (and one
    // laminar hour) both give the same loop flows, drops and head to the solver's tolerance.
    const Scenario scenario = readScenarioText(kRing, "ring.yaml", ".");
    const Network network(scenario);
    const Hydraulics warm(network, scenario);
    for (int hour = 0; hour < 24; ++hour) {
        const double load = hour == 12 ? 0.001 : 1.0 + 0.8 * std::sin(0.5 * hour);
        const std::vector<double> consumers{4.0 * load, 6.0 * load}, plants{0.0, 1.5 * load};
        const std::vector<double> supplyT(4, 273.15 + 75 + hour % 5);
        const std::vector<double> returnT{273.15 + 40, 273.15 + 50, 273.15 + 60, 273.15 + 45};
        const HydraulicState w = warm.solve(consumers, plants, supplyT, returnT);
        const HydraulicState c =
            Hydraulics(network, scenario).solve(consumers, plants, supplyT, returnT);
        INFO("hour " << hour);
        for (std::size_t p = 0; p < 4; ++p) {
            CHECK(w.pipeFlow_kg_s[p] == Approx(c.pipeFlow_kg_s[p]).epsilon(1e-9).margin(1e-12));
            CHECK(w.returnFlow_kg_s[p] == Approx(c.returnFlow_kg_s[p]).epsilon(1e-9).margin(1e-12));
            CHECK(w.supplyPressureDrop_Pa[p] ==
                  Approx(c.supplyPressureDrop_Pa[p]).epsilon(1e-9).margin(1e-9));
        }
        CHECK(w.pumpHead_Pa == Approx(c.pumpHead_Pa).epsilon(1e-9));
    }
}

TEST_CASE("meshed hydraulics: a solve into a reused state with cached water equals a fresh solve",
          "[hydraulics]") {
    // The loop's path: one Hydraulics object solving into the same HydraulicState every step,
    // its water properties kept per pipe and re-evaluated only where a temperature changed
    // (here some pipes keep theirs for hours, others change every hour, and temperatures come
    // back to earlier values). Each result equals a fresh object's by-value solve to the
    // solver's tolerance, and an identical repeat (the loop Newton restarted, each pipe's root
    // then reused or moved by its predictor) the same figures to 1e-12.
    const Scenario scenario = readScenarioText(kRing, "ring.yaml", ".");
    const Network network(scenario);
    const Hydraulics kept(network, scenario);
    HydraulicState state;
    for (int hour = 0; hour < 24; ++hour) {
        const double load = hour == 9 ? 0.002 : 1.0 + 0.7 * std::cos(0.4 * hour);
        const std::vector<double> consumers{5.0 * load, 3.0 * load}, plants{0.0, 1.2 * load};
        const std::vector<double> supplyT{273.15 + 80, 273.15 + 78 - hour % 3,
                                          273.15 + 76 + 0.01 * hour, 273.15 + 79};
        const std::vector<double> returnT{273.15 + 45 + hour % 2, 273.15 + 50, 273.15 + 44,
                                          273.15 + 40 + 0.5 * (hour / 6)};
        kept.solve(consumers, plants, supplyT, returnT, state);
        const HydraulicState fresh =
            Hydraulics(network, scenario).solve(consumers, plants, supplyT, returnT);
        INFO("hour " << hour);
        for (std::size_t p = 0; p < 4; ++p) {
            CHECK(state.pipeFlow_kg_s[p] ==
                  Approx(fresh.pipeFlow_kg_s[p]).epsilon(1e-9).margin(1e-12));
            CHECK(state.returnFlow_kg_s[p] ==
                  Approx(fresh.returnFlow_kg_s[p]).epsilon(1e-9).margin(1e-12));
            CHECK(state.supplyPressureDrop_Pa[p] ==
                  Approx(fresh.supplyPressureDrop_Pa[p]).epsilon(1e-9).margin(1e-9));
            CHECK(state.returnPressureDrop_Pa[p] ==
                  Approx(fresh.returnPressureDrop_Pa[p]).epsilon(1e-9).margin(1e-9));
        }
        for (std::size_t n = 0; n < 4; ++n) {
            CHECK(state.supplyPressure_Pa[n] == Approx(fresh.supplyPressure_Pa[n]).epsilon(1e-9));
            CHECK(state.returnPressure_Pa[n] == Approx(fresh.returnPressure_Pa[n]).epsilon(1e-9));
        }
        CHECK(state.pumpHead_Pa == Approx(fresh.pumpHead_Pa).epsilon(1e-9));
        CHECK(state.pumpPower_W == Approx(fresh.pumpPower_W).epsilon(1e-9));
        CHECK(state.worstConsumer == fresh.worstConsumer);
        const HydraulicState again = kept.solve(consumers, plants, supplyT, returnT);
        for (std::size_t p = 0; p < 4; ++p) {
            CHECK(again.pipeFlow_kg_s[p] ==
                  Approx(state.pipeFlow_kg_s[p]).epsilon(1e-12).margin(1e-15));
        }
        for (std::size_t n = 0; n < 4; ++n) {
            CHECK(again.supplyPressure_Pa[n] == Approx(state.supplyPressure_Pa[n]).epsilon(1e-12));
        }
        CHECK(again.pumpPower_W == Approx(state.pumpPower_W).epsilon(1e-12));
    }
}
