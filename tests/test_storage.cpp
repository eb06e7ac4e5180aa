// The stratified storage tank: standalone physics against analytical answers and energy
// conservation, then through the whole simulation (energy balance, waste-heat share).
#include "models/Boiler.h"
#include "models/StratifiedStorage.h"
#include "models/WasteHeatSource.h"
#include "solver/input/ScenarioReader.h"
#include "solver/network/Network.h"
#include "solver/run/Simulation.h"
#include "solver/thermal/ThermalSystem.h"
#include "tests/JacobianCheck.h"
#include "tests/TestSupport.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <numbers>
#include <vector>

using namespace heatnet;
using namespace heatnet::testing;

namespace {

constexpr double rho = 980, cp = 4186;

StorageParameters smallTank() {
    StorageParameters p;
    p.volume_m3 = 50;
    p.height_m = 6;
    p.layers = 12;
    p.heatLoss_W_m2K = 2.0; // poorly insulated, so the losses show in hours
    p.ambient_K = 283.15;
    p.maxTemperature_K = 363.15;
    p.minTemperature_K = 323.15;
    p.maxPower_W = 500e3;
    p.initialCharge = 0;
    return p;
}

//! Tank states (layers, then charge, discharge, loss integrals) driven by prescribed charge and
//! discharge powers, integrated by classical RK4 (which keeps linear invariants to round-off).
struct TankRun {
    const StratifiedStorage& tank;
    std::function<double(double)> charge_W = [](double) { return 0.0; };
    std::function<double(double)> discharge_W = [](double) { return 0.0; };
    double chargeInlet_K = 363.15, dischargeInlet_K = 323.15;

    void rhs(double t, const std::vector<double>& y, std::vector<double>& dy) const {
        const auto n = static_cast<std::size_t>(tank.layers());
        const std::span<const double> layers(y.data(), n);
        const double top = y[0], bottom = y[n - 1];
        const double pc = tank.chargePower(charge_W(t), chargeInlet_K, bottom);
        // Discharge into a stream of 10 kg/s heated towards the top temperature.
        const double pd =
            std::min(discharge_W(t), tank.dischargePower(10 * cp, dischargeInlet_K, 1000, top));
        const double loss = tank.rhs(layers, tank.flowFor(pc, chargeInlet_K, bottom), chargeInlet_K,
                                     tank.flowFor(pd, top, dischargeInlet_K), dischargeInlet_K,
                                     std::span<double>(dy.data(), n));
        dy[n] = pc;
        dy[n + 1] = pd;
        dy[n + 2] = loss;
    }
    std::vector<double> run(std::vector<double> y, double t0, double t1, int steps) const {
        const double h = (t1 - t0) / steps;
        const std::size_t m = y.size();
        std::vector<double> k1(m), k2(m), k3(m), k4(m), tmp(m);
        for (int s = 0; s < steps; ++s) {
            const double t = t0 + s * h;
            rhs(t, y, k1);
            for (std::size_t i = 0; i < m; ++i)
                tmp[i] = y[i] + 0.5 * h * k1[i];
            rhs(t + 0.5 * h, tmp, k2);
            for (std::size_t i = 0; i < m; ++i)
                tmp[i] = y[i] + 0.5 * h * k2[i];
            rhs(t + 0.5 * h, tmp, k3);
            for (std::size_t i = 0; i < m; ++i)
                tmp[i] = y[i] + h * k3[i];
            rhs(t + h, tmp, k4);
            for (std::size_t i = 0; i < m; ++i) {
                y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            }
        }
        return y;
    }
};

std::vector<double> withIntegrals(std::vector<double> layers) {
    layers.insert(layers.end(), 3, 0.0);
    return layers;
}

//! Plant at A with 1 MW of waste heat (max 95 °C) and a gas boiler, a 300 m pipe to B, a
//! consumer at B asking 0.3 MW at night and 2 MW by day (the waste heat exceeds demand at night).
Scenario dayNight(bool withStorage, double days) {
    Scenario s;
    s.name = s.sourcePath = "day-night";
    s.simulation.duration_s = days * 86400;
    s.ground.kusuda = false;
    s.ground.constant_K = 283.15;
    s.nodes = {{"A"}, {"B"}};
    PipeSpec p;
    p.id = "P";
    p.from = "A";
    p.to = "B";
    p.length_m = 300;
    p.innerDiameter_m = 0.1603;
    p.roughness_m = 5e-5;
    p.heatLossCoeff_W_mK = 0.3;
    s.pipes = {p};
    ConsumerSpec c;
    c.id = "C";
    c.node = "B";
    c.demand.kind = DemandSpec::Kind::Profile;
    std::vector<double> hourly(24, 0.3e6);
    for (int h = 7; h < 21; ++h) {
        hourly[h] = 2e6;
    }
    c.demand.profile = TimeProfile::samples(hourly, 3600);
    c.designSupply_K = 353.15;
    c.designReturn_K = 323.15;
    c.minMassFlow_kg_s = 0.5;
    s.consumers = {c};
    PlantSpec plant;
    plant.id = "PLANT";
    plant.node = "A";
    plant.supplyTemperature.constant_K = 353.15;
    WasteHeatParameters w;
    w.id = "WASTE";
    w.available_W = TimeProfile::constant(1e6);
    w.maxSupply_K = 368.15;
    w.capacity_W = 1e6;
    BoilerParameters b;
    b.id = "GAS";
    b.capacity_W = 5e6;
    plant.sources.push_back({"WASTE", "waste_heat", std::make_shared<WasteHeatSource>(w), 1, 0});
    plant.sources.push_back({"GAS", "boiler", std::make_shared<Boiler>(b), 9, 0});
    if (withStorage) {
        StorageParameters t;
        t.volume_m3 = 200;
        t.height_m = 10;
        t.layers = 12;
        t.heatLoss_W_m2K = 0.3;
        t.ambient_K = 283.15;
        t.maxTemperature_K = 368.15;
        t.minTemperature_K = 328.15;
        t.maxPower_W = 2e6;
        t.initialCharge = 0.2;
        plant.storage = t;
    }
    s.plants = {plant};
    s.initialSupply_K = 353.15;
    s.initialReturn_K = 323.15;
    return s;
}

} // namespace

TEST_CASE("storage: a tank without flow only loses heat to ambient", "[storage]") {
    StorageParameters p = smallTank();
    p.initialCharge = 1;
    const StratifiedStorage tank(p, rho, cp);
    const TankRun run{tank};
    const double t1 = 48 * 3600.0;
    const std::vector<double> y = run.run(withIntegrals(tank.initialTemperatures()), 0, t1, 2000);
    for (int i = 0; i < tank.layers(); ++i) {
        const double expected =
            p.ambient_K + (p.maxTemperature_K - p.ambient_K) *
                              std::exp(-tank.layerConductance(i) * t1 / tank.layerCapacity());
        REQUIRE(y[i] == Approx(expected).epsilon(1e-9));
    }
    // The end layers also lose through the roof and the floor.
    REQUIRE(y[0] < y[5]);
    REQUIRE(y[tank.layers() - 1] < y[5]);
}

TEST_CASE("storage: charging then discharging conserves energy", "[storage]") {
    const StratifiedStorage tank(smallTank(), rho, cp);
    TankRun run{tank};
    run.charge_W = [](double t) { return t < 3 * 3600 ? 400e3 : 0.0; };
    run.discharge_W = [](double t) { return t >= 4 * 3600 ? 300e3 : 0.0; };
    const std::vector<double> y0 = withIntegrals(tank.initialTemperatures());
    const std::vector<double> y = run.run(y0, 0, 8 * 3600, 8 * 360);
    const auto n = static_cast<std::size_t>(tank.layers());
    const double stored = tank.storedHeat(std::span<const double>(y.data(), n)) -
                          tank.storedHeat(std::span<const double>(y0.data(), n));
    const double charged = y[n], discharged = y[n + 1], lost = y[n + 2];
    REQUIRE(charged > 1e9);
    REQUIRE(discharged > 1e9);
    REQUIRE(lost > 0);
    REQUIRE(std::abs(charged - discharged - lost - stored) <= 1e-6 * charged);
}

TEST_CASE("storage: a partial charge leaves the top hotter than the bottom", "[storage]") {
    const StratifiedStorage tank(smallTank(), rho, cp);
    TankRun run{tank};
    run.charge_W = [](double) { return 300e3; };
    // 2 h at 300 kW ≈ 27 % of the 40 K × 50 m3 capacity.
    const std::vector<double> y = run.run(withIntegrals(tank.initialTemperatures()), 0, 7200, 720);
    const auto n = static_cast<std::size_t>(tank.layers());
    const double soc = tank.stateOfCharge(std::span<const double>(y.data(), n));
    REQUIRE(soc > 0.2);
    REQUIRE(soc < 0.35);
    REQUIRE(y[0] > y[n - 1] + 20);
    for (std::size_t i = 1; i < n; ++i) {
        REQUIRE(y[i] <= y[i - 1] + 1e-9); // monotone: upwind charging never inverts layers
    }
}

TEST_CASE("storage: a run with a tank closes the energy balance", "[storage]") {
    // Default (loose) tolerances: the complete Jacobian rows of the tank and of the integrals
    // make the Newton iteration conserve energy, so the balance closes to round-off, far inside
    // the 1e-4 asked for.
    const Scenario s = dayNight(true, 4);
    Simulation sim(s);
    MemorySink sink;
    const RunTotals t = sim.run(sink);
    REQUIRE(t.storageCharge_J.size() == 1);
    REQUIRE(t.storageCharge_J[0] > 0);
    REQUIRE(t.storageDischarge_J[0] > 0);
    REQUIRE(t.storageLosses_J > 0);
    REQUIRE(std::abs(t.balanceResidual_J) <= 1e-8 * t.delivered_J);
    for (const StepRecord& r : sink.steps) {
        REQUIRE(r.storageSoc.size() == 1);
        REQUIRE(r.storageLayers_K.size() == 12);
        REQUIRE(std::abs(r.balanceResidual_J) <= 1e-8 * t.delivered_J);
    }
}

TEST_CASE("storage: surplus waste heat at night raises the waste-heat share", "[storage]") {
    auto shares = [](bool storage) {
        const Scenario s = dayNight(storage, 6);
        Simulation sim(s);
        MemorySink sink;
        const RunTotals t = sim.run(sink);
        return std::pair{t.sourceHeat_J[0] / t.sources_J, t.sourceFuel_J[1]};
    };
    const auto [shareWithout, gasWithout] = shares(false);
    const auto [shareWith, gasWith] = shares(true);
    INFO("waste-heat share " << shareWithout << " -> " << shareWith << ", gas " << gasWithout
                             << " -> " << gasWith << " J");
    REQUIRE(shareWith > shareWithout + 0.05);
    REQUIRE(gasWith < 0.9 * gasWithout);
}

TEST_CASE("storage: the plant's storage block is read in SI", "[storage]") {
    const Scenario s = readScenario(HEATNET_SOURCE_DIR "/scenarios/saint-omer-storage.yaml");
    REQUIRE(s.plants.size() == 1);
    REQUIRE(s.plants[0].storage.has_value());
    const StorageParameters& p = *s.plants[0].storage;
    REQUIRE(p.volume_m3 == Approx(3000));
    REQUIRE(p.height_m == Approx(18));
    REQUIRE(p.layers == 12);
    REQUIRE(p.heatLoss_W_m2K == Approx(0.3));
    REQUIRE(p.ambient_K == Approx(283.15));
    REQUIRE(p.maxTemperature_K == Approx(383.15));
    REQUIRE(p.minTemperature_K == Approx(328.15));
    REQUIRE(p.maxPower_W == Approx(5e6));
    REQUIRE(p.initialCharge == Approx(0.5));
    const StratifiedStorage tank(p, 980, 4186);
    REQUIRE(tank.diameter() == Approx(std::sqrt(4 * 3000 / (std::numbers::pi * 18))));
    REQUIRE(tank.stateOfCharge(tank.initialTemperatures()) == Approx(0.5));
}

TEST_CASE("storage: the Jacobian pattern lists every dependency of the tank", "[storage]") {
    // Perturb each state and check that every right-hand side that moves has that column in
    // its row: charging (small plant flow, surplus) and discharging (large flow, tank hot).
    const Scenario s = dayNight(true, 1);
    const Network network(s);
    ThermalSystem th(s, network);
    for (const double flow : {1.0, 20.0}) {
        std::vector<double> y = th.initialState(353.15, 323.15);
        const StateRange& layers = th.storageLayers(0);
        for (std::size_t i = 0; i < layers.count(); ++i) {
            y[layers.at(i)] = 362 - 2.5 * static_cast<double>(i);
        }
        const ThermalSystem::Flows f{{flow}, {flow}, {flow}, {flow}};
        th.setFlows(f, f, 0, 3600, y);
        std::vector<double> f0(th.size());
        th.rhs(1800, y, f0);
        const PlantOperation& op = th.plantOperation(0);
        REQUIRE((flow < 5 ? op.charge_W : op.discharge_W) > 0);
        const std::vector<std::string> missing = testing::missingPatternEntries(th, y, 1800);
        for (const std::string& m : missing) {
            UNSCOPED_INFO(m);
        }
        REQUIRE(missing.empty());
    }
}
