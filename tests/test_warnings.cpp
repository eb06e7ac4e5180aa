// Warnings for implausible designs and results: each scenario of tests/data/implausible/ gets
// its warning with the element named; the figures follow from the run's own records by the
// stated laws; nodal pressures match a hand calculation (Hagen–Poiseuille and hydrostatics).
#include "TestSupport.h"
#include "models/Water.h"
#include "solver/input/ScenarioReader.h"
#include "solver/network/HydraulicChecks.h"
#include "solver/network/Hydraulics.h"
#include "solver/run/Simulation.h"
#include "solver/run/WarningCatalogue.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <sstream>

using namespace heatnet;
using heatnet::testing::MemorySink;

namespace {

std::filesystem::path implausible(const std::string& name) {
    return std::filesystem::path(HEATNET_SOURCE_DIR) / "tests" / "data" / "implausible" /
           (name + ".yaml");
}

//! The scenario's warnings before the run (check) and from the run, and the run's records.
struct Outcome {
    std::vector<Warning> check, run;
    MemorySink sink;
};

std::unique_ptr<Outcome> checkAndRun(const Scenario& scenario) {
    auto outcome = std::make_unique<Outcome>();
    Simulation simulation(scenario);
    outcome->check = simulation.designWarnings();
    outcome->run = simulation.run(outcome->sink).warnings;
    return outcome;
}

const Warning* find(const std::vector<Warning>& list, const std::string& id,
                    const std::string& element) {
    for (const Warning& w : list) {
        if (w.id == id && w.element == element) {
            return &w;
        }
    }
    return nullptr;
}

constexpr double kBar = 1e5;
constexpr double kGravity = 9.80665;

} // namespace

TEST_CASE("warnings: every implausible scenario gets its warning", "[warnings]") {
    struct Expected {
        std::string file, id, element;
        bool atCheck; //!< seen before running
    };
    const std::vector<Expected> table{
        {"plant-never-runs", "plant_never_runs", "plant 'MILL'", false},
        {"set-point-below-return", "set_point_below_design_return", "plant 'MAIN'", true},
        {"pressure-above-pn", "pressure_above_pn", "node 'PL'", true},
        {"pressure-below-minimum", "pressure_below_minimum", "node 'HILL'", true},
        {"velocity-above-limit", "velocity_above_limit", "pipe 'P1'", true},
        {"pressure-gradient-above-limit", "pressure_gradient_above_limit", "pipe 'BRANCH'", true},
        {"unmet-heat", "unmet_heat_above_threshold", "substation 'S1'", false},
        {"capacity-below-design-hour", "capacity_below_design_hour", "sources", true},
        {"pipe-without-flow", "pipe_without_flow", "pipe 'STUB'", false},
        {"flow-reversal", "flow_reversal", "pipe 'P2'", false},
        {"storage-layer-above-max", "storage_layer_above_max", "plant 'MAIN'", false},
    };
    // Every kind of the catalogue has its scenario.
    for (const WarningKind& kind : warningCatalogue()) {
        bool covered = false;
        for (const Expected& e : table) {
            covered = covered || e.id == kind.id;
        }
        INFO(kind.id);
        CHECK(covered);
    }
    for (const Expected& e : table) {
        SECTION(e.file) {
            const Scenario scenario = readScenario(implausible(e.file));
            const auto outcome = checkAndRun(scenario);
            const Warning* fromRun = find(outcome->run, e.id, e.element);
            REQUIRE(fromRun != nullptr);
            CHECK(fromRun->message.find(e.element) != std::string::npos);
            CHECK_NOTHROW(warningKind(fromRun->id));
            if (e.atCheck) {
                CHECK(find(outcome->check, e.id, e.element) != nullptr);
            }
            // The bundled-scale figures stay within what a healthy network does elsewhere: no
            // warning names an element the scenario does not have.
            for (const Warning& w : outcome->run) {
                CHECK(w.message.rfind(w.element + ":", 0) == 0);
            }
        }
    }
}

TEST_CASE("warnings: figures follow from the run's records", "[warnings]") {
    SECTION("velocity: |m| / (rho pi d^2 / 4) at the worst output time") {
        const Scenario scenario = readScenario(implausible("velocity-above-limit"));
        const auto outcome = checkAndRun(scenario);
        const Warning* w = find(outcome->run, "velocity_above_limit", "pipe 'P1'");
        REQUIRE(w != nullptr);
        const double d = scenario.pipes[0].innerDiameter_m;
        double largest = 0, when = 0;
        for (const StepRecord& r : outcome->sink.steps) {
            const double v = std::abs(r.pipeFlow_kg_s[0]) /
                             (water::density(r.supplyInlet_K[0]) * std::numbers::pi * d * d / 4);
            if (v > largest) {
                largest = v;
                when = r.time_s;
            }
        }
        CHECK(w->value == Approx(largest).epsilon(1e-12));
        CHECK(w->time_s == when);
        CHECK(w->value > 3.0);
    }
    SECTION("boiling margin: 1 bar + return drop - rho g (50 m - 10 m) + p_atm - p_sat(T)") {
        const Scenario scenario = readScenario(implausible("pressure-below-minimum"));
        const auto outcome = checkAndRun(scenario);
        const Warning* w = find(outcome->run, "pressure_below_minimum", "node 'HILL'");
        REQUIRE(w != nullptr);
        const StepRecord* at = nullptr;
        for (const StepRecord& r : outcome->sink.steps) {
            if (r.time_s == w->time_s) {
                at = &r;
            }
        }
        REQUIRE(at != nullptr);
        // Return layer at HILL (node 1): the tightest margin there (the supply is at a higher
        // pressure by the substation's differential pressure; its boiling pressure at 90 °C
        // is 0.70 bar absolute, below the margin the return leaves).
        // The hydraulic solve took the density at the pipe's mean return temperature when it
        // set the flows (ρ changes by 0.06 %/K): the column agrees to 0.1 %.
        const double returnPressure = 1 * kBar + at->returnDrop_Pa[0] -
                                      water::density(at->returnInlet_K[0]) * kGravity * 40.0;
        CHECK(at->nodeReturnPressure_Pa[1] == Approx(returnPressure).epsilon(1e-3));
        const double margin = std::min(
            at->nodeReturnPressure_Pa[1] + 101325 - water::saturationPressure(at->nodeReturn_K[1]),
            at->nodeSupplyPressure_Pa[1] + 101325 - water::saturationPressure(at->nodeSupply_K[1]));
        CHECK(w->value == Approx(margin / kBar).epsilon(1e-9));
        CHECK(w->value < 0.5);
    }
    SECTION("unmet share: (demand - delivered) / demand from the energy integrals") {
        const Scenario scenario = readScenario(implausible("unmet-heat"));
        const auto outcome = checkAndRun(scenario);
        const Warning* w = find(outcome->run, "unmet_heat_above_threshold", "substation 'S1'");
        REQUIRE(w != nullptr);
        const RunTotals& t = outcome->sink.totals;
        CHECK(w->value == Approx(100 * (t.demand_J - t.delivered_J) / t.demand_J));
    }
}

TEST_CASE("warnings: thresholds are scenario keys", "[warnings]") {
    // The same healthy line, once with the defaults and once with a gradient limit it exceeds.
    const std::string base = R"(
name: thresholds
simulation: {start: 2025-01-01 00:00, duration: 6 h}
climate: {constant: 0 degC}
network:
  nodes: [{id: PL}, {id: A}]
  pipes: [{id: P1, from: PL, to: A, length: 300 m, dn: 150}]
consumers:
  - {id: S1, node: A, annual_demand: 5 GWh}
plants:
  - id: MAIN
    node: PL
    supply_temperature: 90 degC
    sources: [{id: GAS, type: boiler, capacity: 5 MW}]
)";
    const auto healthy = checkAndRun(readScenarioText(base, "healthy.yaml", "."));
    CHECK(healthy->check.empty());
    CHECK(healthy->run.empty());
    const auto strict = checkAndRun(readScenarioText(
        base + "warnings: {max_pressure_gradient: 1 Pa/m, max_velocity: 0.1 m/s}\n", "strict.yaml",
        "."));
    CHECK(find(strict->run, "pressure_gradient_above_limit", "pipe 'P1'") != nullptr);
    CHECK(find(strict->run, "velocity_above_limit", "pipe 'P1'") != nullptr);
    CHECK(find(strict->check, "velocity_above_limit", "pipe 'P1'") != nullptr);
    const std::string error = heatnet::testing::errorOf(
        [&] { readScenarioText(base + "warnings: {max_velocity: 3 bar}\n", "bad.yaml", "."); });
    CHECK(error.find("bad.yaml:15:") != std::string::npos);
    CHECK(error.find("max_velocity") != std::string::npos);
}

TEST_CASE("hydraulics: nodal pressures of a hilly line match a hand calculation", "[warnings]") {
    // PL (0 m) → A (20 m) → B (5 m), DN100, laminar flows (Hagen–Poiseuille):
    //   Δp = 128 μ L ṁ / (π ρ d⁴);  p_r(PL) = p0,  p_s(PL) = p0 + H,
    //   H = Δp_set + Σ (Δp_s + Δp_r) to B (the worst substation: the farthest),
    //   p(child) = p(parent) ∓ Δp − ρ g (z_child − z_parent).
    const Scenario scenario = readScenarioText(R"(
name: hilly
climate: {constant: 5 degC}
network:
  nodes: [{id: PL, elevation: 0 m}, {id: A, elevation: 20 m}, {id: B, elevation: 5 m}]
  pipes:
    - {id: P1, from: PL, to: A, length: 400 m, inner_diameter: 0.1 m, roughness: 0.01 mm,
       heat_loss: 0.2 W/(m K)}
    - {id: P2, from: A, to: B, length: 300 m, inner_diameter: 0.1 m, roughness: 0.01 mm,
       heat_loss: 0.2 W/(m K)}
consumers:
  - {id: SA, node: A, annual_demand: 1 GWh}
  - {id: SB, node: B, annual_demand: 1 GWh}
plants:
  - id: MAIN
    node: PL
    static_pressure: 3 bar
    differential_pressure: 0.8 bar
    supply_temperature: 80 degC
    sources: [{id: GAS, type: boiler, capacity: 5 MW}]
)",
                                               "hilly.yaml", ".");
    const Network network(scenario);
    const Hydraulics hydraulics(network, scenario);
    const double T = 273.15 + 60; // both layers at 60 °C: one density, one viscosity
    const std::vector<double> consumerFlow{0.02, 0.03}, plantFlow{0.0}, temperature(2, T);
    const HydraulicState s = hydraulics.solve(consumerFlow, plantFlow, temperature, temperature);
    const double rho = water::density(T), mu = water::dynamicViscosity(T), d = 0.1;
    auto poiseuille = [&](double length, double flow) {
        return 128 * mu * length * flow / (std::numbers::pi * rho * std::pow(d, 4));
    };
    const double drop1 = poiseuille(400, 0.05), drop2 = poiseuille(300, 0.03);
    const double head = 0.8 * kBar + 2 * (drop1 + drop2);
    CHECK(s.pumpHead_Pa == Approx(head).epsilon(1e-6));
    const double g = kGravity * rho;
    CHECK(s.returnPressure_Pa[0] == Approx(3 * kBar));
    CHECK(s.supplyPressure_Pa[0] == Approx(3 * kBar + head).epsilon(1e-6));
    CHECK(s.supplyPressure_Pa[1] == Approx(3 * kBar + head - drop1 - g * 20).epsilon(1e-6));
    CHECK(s.returnPressure_Pa[1] == Approx(3 * kBar + drop1 - g * 20).epsilon(1e-6));
    CHECK(s.supplyPressure_Pa[2] == Approx(3 * kBar + head - drop1 - drop2 - g * 5).epsilon(1e-6));
    CHECK(s.returnPressure_Pa[2] == Approx(3 * kBar + drop1 + drop2 - g * 5).epsilon(1e-6));
    // The worst substation sees exactly the set differential pressure.
    CHECK(s.supplyPressure_Pa[2] - s.returnPressure_Pa[2] == Approx(0.8 * kBar).epsilon(1e-9));
}

TEST_CASE("warnings: the documented catalogue lists every kind with its key and default",
          "[warnings]") {
    std::ifstream in(std::filesystem::path(HEATNET_SOURCE_DIR) / "docs" / "warnings.md");
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    for (const WarningKind& kind : warningCatalogue()) {
        INFO(kind.id);
        std::string quoted = "`";
        quoted.append(kind.id).append("`");
        CHECK(text.str().find(quoted) != std::string::npos);
        if (!kind.thresholdKey.empty()) {
            CHECK(text.str().find(std::string(kind.thresholdKey)) != std::string::npos);
            CHECK(text.str().find(std::string(kind.defaultValue)) != std::string::npos);
        }
    }
}

TEST_CASE("hydraulic checks: boiling margin and velocity where the bounds cannot decide",
          "[warnings]") {
    // The checks evaluate p_sat only at nodes whose margin could fall below the limit against
    // the hottest water of the instant, and ρ only in pipes whose velocity could exceed the
    // limit at the lowest density: cases on each side of those bounds, figures by hand.
    //   margin = p + p_atm − p_sat(T),  v = |ṁ| / (ρ(T) π d² / 4)
    const Scenario scenario = readScenarioText(R"(
name: bounds
climate: {constant: 5 degC}
network:
  nodes: [{id: PL}, {id: A}, {id: B}]
  pipes:
    - {id: P1, from: PL, to: A, length: 400 m, inner_diameter: 0.1 m, heat_loss: 0.2 W/(m K)}
    - {id: P2, from: A, to: B, length: 300 m, inner_diameter: 0.1 m, heat_loss: 0.2 W/(m K)}
consumers:
  - {id: SB, node: B, annual_demand: 1 GWh}
plants:
  - {id: MAIN, node: PL, supply_temperature: 80 degC,
     sources: [{id: GAS, type: boiler, capacity: 5 MW}]}
)",
                                               "bounds.yaml", ".");
    const Network network(scenario);
    HydraulicChecks checks(scenario, network);
    const double c = 273.15, area = std::numbers::pi * 0.1 * 0.1 / 4;
    // PL: 10 bar of 150 °C water (p_sat 4.76 bar abs: the bound for every node). A: the return
    // at −0.5 bar gauge and 60 °C, margin 0.31 bar < 0.5. B: 3.8 bar at 90 °C, within the
    // bound's reach (3.8 + 1.01 − 4.76 < 0.5) but 4.1 bar above its own boiling pressure.
    const std::vector<double> supplyP{10 * kBar, 1 * kBar, 3.8 * kBar};
    const std::vector<double> returnP{9 * kBar, -0.5 * kBar, 3.8 * kBar};
    const std::vector<double> nodeSupplyT{c + 150, c + 70, c + 90},
        nodeReturnT{c + 60, c + 60, c + 90};
    // P1 at 3.05 m/s and P2 at 2.9 m/s of 20 °C water: both above the lowest-density bound
    // (3 m/s at ρ(150 °C) = 917 kg/m3 is 21.6 kg/s), only P1 above 3 m/s.
    const std::vector<double> pipeT{c + 20, c + 20};
    const double rho = water::density(c + 20);
    const std::vector<double> flow{3.05 * rho * area, -2.9 * rho * area}, drop{0.0, 0.0};
    checks.observe({3600, flow, drop, drop, pipeT, supplyP, returnP, nodeSupplyT, nodeReturnT},
                   1.0);
    const std::vector<Warning> warnings = checks.warnings("", true);
    REQUIRE(warnings.size() == 2);
    const Warning* low = find(warnings, "pressure_below_minimum", "node 'A'");
    REQUIRE(low != nullptr);
    const double margin = -0.5 * kBar + 101325 - water::saturationPressure(c + 60);
    CHECK(margin == Approx(0.3138 * kBar).epsilon(1e-3));
    CHECK(low->value == Approx(margin / kBar).epsilon(1e-12));
    const Warning* fast = find(warnings, "velocity_above_limit", "pipe 'P1'");
    REQUIRE(fast != nullptr);
    CHECK(fast->value == Approx(3.05).epsilon(1e-12));
}
