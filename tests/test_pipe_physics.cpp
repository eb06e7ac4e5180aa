// Physics of one pipe and of small networks through the whole simulation stack (reader-free:
// scenarios are built as plain structs), against analytical solutions.
#include "models/Boiler.h"
#include "models/Water.h"
#include "solver/network/Hydraulics.h"
#include "solver/network/Network.h"
#include "solver/run/Simulation.h"
#include "tests/TestSupport.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <numbers>

using namespace heatnet;
using namespace heatnet::testing;

namespace {

//! Plant at A (boiler holding `supply_K`), one pipe A→B, consumer at B drawing `flow` [kg/s].
Scenario singlePipe(double length_m, double diameter_m, double uPrime_W_mK, double flow_kg_s,
                    TimeProfile supply_K, double ground_K, double duration_s, double step_s) {
    Scenario s;
    s.name = "single-pipe";
    s.sourcePath = "single-pipe";
    s.simulation.duration_s = duration_s;
    s.simulation.outputStep_s = step_s;
    s.simulation.hydraulicStep_s = step_s;
    s.ground.kusuda = false;
    s.ground.constant_K = ground_K;
    s.nodes = {{"A"}, {"B"}};
    PipeSpec p;
    p.id = "P";
    p.from = "A";
    p.to = "B";
    p.length_m = length_m;
    p.innerDiameter_m = diameter_m;
    p.roughness_m = 5e-5;
    p.heatLossCoeff_W_mK = uPrime_W_mK;
    s.pipes = {p};
    ConsumerSpec c;
    c.id = "C";
    c.node = "B";
    c.demand.kind = DemandSpec::Kind::Profile;
    c.demand.profile = TimeProfile::constant(0);
    c.designReturn_K = 283.15;
    c.prescribedFlow = TimeProfile::constant(flow_kg_s);
    s.consumers = {c};
    PlantSpec plant;
    plant.id = "PLANT";
    plant.node = "A";
    plant.supplyTemperature.profile = supply_K;
    BoilerParameters b;
    b.id = "B1";
    b.capacity_W = 1e9;
    b.maxSupply_K = 500;
    plant.sources.push_back({"B1", "boiler", std::make_shared<Boiler>(b), 0, 0});
    s.plants = {plant};
    s.initialSupply_K = supply_K.value(0);
    s.initialReturn_K = supply_K.value(0);
    return s;
}

} // namespace

TEST_CASE("pipe: steady outlet temperature follows the exponential decay", "[physics]") {
    const double length = 2000, diameter = 0.1071, uPrime = 0.3, flow = 1.5, ground = 283.15;
    const double inlet = 363.15;
    for (const char* scheme : {"upwind", "muscl"}) {
        Scenario s = singlePipe(length, diameter, uPrime, flow, TimeProfile::constant(inlet),
                                ground, 12 * 3600.0, 3600.0);
        s.simulation.advection = scheme;
        s.simulation.relativeTolerance = 1e-6;      // the steady state to 0.01 K needs
        s.simulation.temperatureTolerance_K = 1e-3; // a tolerance below it
        Simulation sim(s);
        MemorySink sink;
        sim.run(sink);
        const double cp = sim.thermal().specificHeat();
        const double exact = ground + (inlet - ground) * std::exp(-length * uPrime / (flow * cp));
        INFO(scheme);
        REQUIRE(sink.steps.back().supplyOutlet_K[0] == Approx(exact).margin(0.01));
        // Steady loss = ṁ c_p (T_in − T_out) for the supply pipe.
        REQUIRE(sink.steps.back().supplyLoss_W[0] ==
                Approx(flow * cp * (inlet - exact)).epsilon(1e-3));
    }
}

TEST_CASE("pipe: a temperature step arrives after the transit time L/v", "[physics]") {
    const double length = 1000, diameter = 0.1071, flow = 2.0;
    // Step from 60 °C to 80 °C at t = 0 (initial pipe at 60 °C), no heat loss.
    Scenario s = singlePipe(length, diameter, 0.0, flow, TimeProfile::constant(353.15), 283.15,
                            2 * 3600.0, 10.0);
    s.initialSupply_K = 333.15;
    s.simulation.cellLength_m = 5;
    s.simulation.maxCellsPerPipe = 400;
    s.simulation.advection = "muscl";
    Simulation sim(s);
    MemorySink sink;
    sim.run(sink);
    const double area = std::numbers::pi / 4 * diameter * diameter;
    const double transit = sim.thermal().density() * area * length / flow;
    // Time at which the outlet crosses the midpoint (70 °C), linearly interpolated.
    double arrival = -1;
    for (std::size_t k = 1; k < sink.steps.size(); ++k) {
        const double a = sink.steps[k - 1].supplyOutlet_K[0], b = sink.steps[k].supplyOutlet_K[0];
        if (a < 343.15 && b >= 343.15) {
            const double ta = sink.steps[k - 1].time_s, tb = sink.steps[k].time_s;
            arrival = ta + (343.15 - a) / (b - a) * (tb - ta);
            break;
        }
    }
    REQUIRE(arrival > 0);
    REQUIRE(arrival == Approx(transit).epsilon(0.02));
}

TEST_CASE("pipe: energy balance of a single pipe closes", "[physics]") {
    Scenario s = singlePipe(800, 0.0825, 0.25, 1.0,
                            TimeProfile::samples({353.15, 343.15, 363.15, 348.15}, 3600.0), 283.15,
                            12 * 3600.0, 3600.0);
    Simulation sim(s);
    MemorySink sink;
    const RunTotals t = sim.run(sink);
    REQUIRE(t.sources_J > 0);
    REQUIRE(std::abs(t.balanceResidual_J) < 1e-4 * (t.delivered_J + t.losses_J + 1e6));
}

TEST_CASE("hydraulics: pressure drop of a pipe matches a hand calculation", "[physics]") {
    // DN100 (d = 0.1071 m), 500 m, 10 kg/s at 70 °C, ε = 0.05 mm:
    // v = ṁ/(ρA) = 10/(977.8·0.0090088) = 1.1352 m/s; Re = ρvd/μ = 977.8·1.1352·0.1071/4.04e-4
    // ≈ 2.94e5; Colebrook f ≈ 0.01805; Δp = f (L/d) ρ v²/2 ≈ 0.01805·4668.5·630.1 ≈ 5.31e4 Pa.
    Scenario s =
        singlePipe(500, 0.1071, 0.3, 10.0, TimeProfile::constant(343.15), 283.15, 3600, 3600);
    const Network network(s);
    const Hydraulics hydraulics(network, s);
    const double t = 343.15;
    const HydraulicState h = hydraulics.solve(std::vector<double>{10.0}, std::vector<double>{0.0},
                                              std::vector<double>{t}, std::vector<double>{t});
    const double rho = water::density(t), mu = water::dynamicViscosity(t);
    const double area = std::numbers::pi / 4 * 0.1071 * 0.1071;
    const double v = 10.0 / (rho * area);
    const double re = rho * v * 0.1071 / mu;
    // Colebrook–White solved here by fixed-point iteration, independently of the library.
    double f = 0.02;
    for (int i = 0; i < 50; ++i) {
        f = std::pow(-2 * std::log10(5e-5 / 0.1071 / 3.7 + 2.51 / (re * std::sqrt(f))), -2);
    }
    const double expected = f * 500 / 0.1071 * rho * v * v / 2;
    REQUIRE(h.pipeFlow_kg_s[0] == Approx(10.0));
    REQUIRE(h.supplyPressureDrop_Pa[0] == Approx(expected).epsilon(1e-6));
    REQUIRE(expected == Approx(5.31e4).epsilon(0.01));
    // The pump covers supply + return path plus the differential pressure at the substation.
    REQUIRE(h.pumpHead_Pa ==
            Approx(2 * expected + s.plants[0].differentialPressure_Pa).epsilon(1e-6));
}

TEST_CASE("hydraulics: a symmetric ring splits the flow equally and balances loops", "[physics]") {
    // PL → A, then A → B and A → C → B (C to B equals A to B in resistance when split).
    Scenario s = singlePipe(100, 0.1, 0.3, 4.0, TimeProfile::constant(343.15), 283.15, 3600, 3600);
    s.nodes = {{"PL"}, {"A"}, {"B"}, {"M"}};
    PipeSpec base = s.pipes[0];
    auto pipe = [&](std::string id, std::string from, std::string to, double length) {
        PipeSpec p = base;
        p.id = id;
        p.from = from;
        p.to = to;
        p.length_m = length;
        return p;
    };
    // Two parallel paths from A to B: direct (200 m) and via M (100 m + 100 m).
    s.pipes = {pipe("P0", "PL", "A", 100), pipe("P1", "A", "B", 200), pipe("P2", "A", "M", 100),
               pipe("P3", "M", "B", 100)};
    s.plants[0].node = "PL";
    s.consumers[0].node = "B";
    const Network network(s);
    REQUIRE(network.loopCount() == 1);
    const Hydraulics hydraulics(network, s);
    const std::vector<double> t(4, 343.15);
    const HydraulicState h =
        hydraulics.solve(std::vector<double>{4.0}, std::vector<double>{0.0}, t, t);
    REQUIRE(h.pipeFlow_kg_s[0] == Approx(4.0));
    REQUIRE(h.pipeFlow_kg_s[1] == Approx(2.0).epsilon(1e-6));
    REQUIRE(h.pipeFlow_kg_s[2] == Approx(2.0).epsilon(1e-6));
    REQUIRE(h.pipeFlow_kg_s[3] == Approx(2.0).epsilon(1e-6));
    // Unequal paths: the loop's pressure drops must balance.
    s.pipes[1].length_m = 300;
    const Hydraulics unequal(network, s);
    const HydraulicState u =
        unequal.solve(std::vector<double>{4.0}, std::vector<double>{0.0}, t, t);
    REQUIRE(u.pipeFlow_kg_s[1] + u.pipeFlow_kg_s[2] == Approx(4.0));
    REQUIRE(u.supplyPressureDrop_Pa[1] ==
            Approx(u.supplyPressureDrop_Pa[2] + u.supplyPressureDrop_Pa[3]).epsilon(1e-6));
}

TEST_CASE("pipe: reversed flow carries heat the other way", "[physics]") {
    // Two plants? No: consumer at A, plant at B, pipe laid A→B: the supply flows against it.
    Scenario s = singlePipe(1000, 0.1071, 0.3, 1.5, TimeProfile::constant(363.15), 283.15,
                            6 * 3600.0, 3600.0);
    s.plants[0].node = "B";
    s.consumers[0].node = "A";
    s.simulation.relativeTolerance = 1e-6;      // the steady state to 0.01 K needs
    s.simulation.temperatureTolerance_K = 1e-3; // a tolerance below it
    Simulation sim(s);
    MemorySink sink;
    sim.run(sink);
    const StepRecord& last = sink.steps.back();
    REQUIRE(last.pipeFlow_kg_s[0] == Approx(-1.5));
    const double cp = sim.thermal().specificHeat();
    const double exact = 283.15 + 80.0 * std::exp(-1000 * 0.3 / (1.5 * cp));
    REQUIRE(last.supplyOutlet_K[0] == Approx(exact).margin(0.01));
    REQUIRE(last.consumerSupply_K[0] == Approx(exact).margin(0.01));
}
