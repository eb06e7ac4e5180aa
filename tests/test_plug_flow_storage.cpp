// Storage tanks in plug-flow runs (solver/thermal/PlugFlowTank.h): the tank alone against
// analytical solutions of its layer equations (models/StratifiedStorage.h), its energy integrals
// against its stored heat, and a year of the storage variant beside the finite-volume core.
#include "models/StratifiedStorage.h"
#include "solver/input/ScenarioReader.h"
#include "solver/run/Simulation.h"
#include "solver/thermal/PlugFlowTank.h"
#include "tests/TestSupport.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <vector>

using namespace heatnet;

namespace {

constexpr double kDensity = 971.8, kSpecificHeat = 4190.0;

//! Tight tolerances: the comparisons below are with exact solutions.
PlugFlowTank tightTank(const StorageParameters& p) {
    return PlugFlowTank(StratifiedStorage(p, kDensity, kSpecificHeat), "storage of plant T", 1e-7,
                        1e-9);
}

//! Heat in − out − lost over the run equals the change of the stored heat (the invariant).
void checkTankBalance(const PlugFlowTank& tank, double storedAtStart_J) {
    const double charge = tank.integral(TankIntegral::Charge);
    const double discharge = tank.integral(TankIntegral::Discharge);
    const double loss = tank.integral(TankIntegral::Loss);
    const double change = tank.storedHeat() - storedAtStart_J;
    INFO("charge " << charge << " J, discharge " << discharge << " J, loss " << loss
                   << " J, stored change " << change << " J");
    const double scale = std::abs(charge) + std::abs(discharge) + std::abs(loss);
    CHECK(std::abs(charge - discharge - loss - change) <= 1e-12 * tank.storedHeat());
    CHECK(scale > 0);
}

} // namespace

TEST_CASE("plug-flow tank: without flow each layer cools as its exact exponential",
          "[plugflow][storage]") {
    // m c dT_i/dt = −UA_i (T_i − T_amb): T_i(t) = T_amb + (T_i(0) − T_amb) exp(−UA_i t / (m c)).
    StorageParameters p;
    p.volume_m3 = 50;
    p.height_m = 5;
    p.layers = 10;
    p.heatLoss_W_m2K = 40; // a poorly insulated small tank: a visible decay over days
    p.initialCharge = 0.45;
    PlugFlowTank tank = tightTank(p);
    const StratifiedStorage& model = tank.tank();
    const std::vector<double> start(tank.layers().begin(), tank.layers().end());
    const double storedAtStart = tank.storedHeat();
    const PlugFlowTank::PlantSide still; // no surplus, no plant water: no charge, no discharge
    const double step = 3600;
    double worst = 0;
    for (int k = 0; k < 96; ++k) {
        tank.advance(k * step, step, still);
        const double t = (k + 1) * step;
        for (int i = 0; i < model.layers(); ++i) {
            const double exact =
                p.ambient_K + (start[i] - p.ambient_K) *
                                  std::exp(-model.layerConductance(i) * t / model.layerCapacity());
            worst = std::max(worst, std::abs(tank.layers()[i] - exact));
        }
    }
    INFO("largest deviation from the exponentials over 4 days: " << worst << " K");
    CHECK(worst < 1e-4);
    // It cooled visibly, and it lost what it held: nothing charged or discharged.
    CHECK(tank.layers()[0] < start[0] - 5);
    CHECK(tank.integral(TankIntegral::Charge) == 0);
    CHECK(tank.integral(TankIntegral::Discharge) == 0);
    checkTankBalance(tank, storedAtStart);
}

TEST_CASE("plug-flow tank: a charge at full power brings exactly that power and stratifies",
          "[plugflow][storage]") {
    // No losses, every layer at T0, charging water at T_ch, a surplus above the tank's power
    // limit: while the bottom stays more than the fade band below T_ch the control charges at
    // exactly P_max (StratifiedStorage::chargePower), whatever flow that takes, so after t the
    // charge integral and the stored heat are both P_max t; the layers stay between T0 and T_ch
    // and ordered, hottest at the top (water enters there and moves down).
    StorageParameters p;
    p.volume_m3 = 100;
    p.height_m = 8;
    p.layers = 12;
    p.heatLoss_W_m2K = 0;
    p.initialCharge = 0; // every layer at the minimum temperature
    p.maxPower_W = 2e6;
    PlugFlowTank tank = tightTank(p);
    const double cold = p.minTemperature_K, hot = p.maxTemperature_K;
    PlugFlowTank::PlantSide charging;
    charging.surplus_W = 3e6; // above the limit: the limit charges
    charging.chargeInlet_K = hot;
    const double storedAtStart = tank.storedHeat();
    const double step = 600; // the held plant side restarts the integrator every step
    double t = 0;
    // The tank holds ρ V c (T_max − T_min) ≈ 22 GJ: 2 h at 2 MW fill a third of it.
    for (int s = 0; s < 12; ++s) {
        tank.advance(t, step, charging);
        t += step;
        REQUIRE(tank.layers().back() < hot - p.rampBand_K); // still out of the fade
    }
    const double expected = p.maxPower_W * t;
    INFO("charge " << tank.integral(TankIntegral::Charge) << " J, expected " << expected << " J");
    CHECK(tank.integral(TankIntegral::Charge) == Approx(expected).epsilon(1e-6));
    CHECK(tank.storedHeat() - storedAtStart == Approx(expected).epsilon(1e-6));
    const std::span<const double> layers = tank.layers();
    for (std::size_t k = 0; k < layers.size(); ++k) {
        CHECK(layers[k] >= cold - 1e-6);
        CHECK(layers[k] <= hot + 1e-6);
        if (k > 0) {
            CHECK(layers[k] <= layers[k - 1] + 1e-9);
        }
    }
    CHECK(tank.integral(TankIntegral::Loss) == Approx(0).margin(1e-6));
    checkTankBalance(tank, storedAtStart);
}

TEST_CASE("plug-flow tank: a tank charging at its bottom's temperature stays within what entered "
          "it",
          "[plugflow][storage]") {
    // The layers' equations have non-negative flows, so no layer can leave the range of the
    // temperatures it started with and those that entered (the maximum principle). A charge
    // inlet a hair above the bottom layer is where the charge flow fades out: with a linear fade
    // the flow stayed at P_s / (c band) until the bottom reached the inlet and then vanished, a
    // right-hand side discontinuous in the state that CVODE integrated at tight tolerances into
    // layers of −200 °C and +289 °C within an hour (one hour of the bundled design sweep's
    // design 39). The squared fade (StratifiedStorage::chargePower) makes the flow continuous.
    StorageParameters p; // the bundled scenarios' tank, without losses
    p.volume_m3 = 3000;
    p.height_m = 18;
    p.layers = 12;
    p.maxTemperature_K = 383.15;
    p.minTemperature_K = 328.15;
    p.maxPower_W = 5e6;
    // The layers and the plant side of that hour [°C].
    const std::vector<double> start_C = {96.59,  104.63, 107.52, 108.22, 108.32, 108.22,
                                         107.85, 106.83, 104.46, 99.90,  92.90,  84.99};
    std::vector<double> start(start_C.size());
    for (std::size_t i = 0; i < start.size(); ++i) {
        start[i] = start_C[i] + 273.15;
    }
    PlugFlowTank::PlantSide side;
    side.surplus_W = 1.552e6;
    side.chargeInlet_K = 85 + 273.15; // a hair above the bottom layer
    side.capacityRate_W_K = 71126;
    side.dischargeInlet_K = side.target_K = 80 + 273.15; // nothing to discharge
    // Losses only cool the layers, toward the ambient: the lower bound is the ambient.
    const double highestIn = std::max(*std::max_element(start.begin(), start.end()), 358.15);
    for (const auto& [rtol, atol_K] :
         {std::pair{1e-3, 0.1}, {1e-5, 0.01}, {1e-6, 1e-3}, {1e-8, 1e-6}}) {
        PlugFlowTank tank(StratifiedStorage(p, kDensity, kSpecificHeat), "storage of plant T",
                          atol_K, rtol);
        tank.setLayers(start);
        double lowest = 1e9, highest = -1e9;
        for (int h = 0; h < 24; ++h) {
            tank.advance(h * 3600.0, 3600.0, side);
            for (double t : tank.layers()) {
                lowest = std::min(lowest, t);
                highest = std::max(highest, t);
            }
        }
        INFO("rtol " << rtol << ": layers between " << lowest - 273.15 << " and "
                     << highest - 273.15 << " degC over a day");
        CHECK(lowest >= p.ambient_K);
        CHECK(highest <= highestIn + 0.01);
    }
}

TEST_CASE("plug-flow tank: charge and discharge at once keep the balance to round-off",
          "[plugflow][storage]") {
    StorageParameters p; // the model's defaults, with losses
    PlugFlowTank tank(StratifiedStorage(p, kDensity, kSpecificHeat), "storage of plant T", 0.1,
                      1e-3); // the scenario defaults: the balance must not depend on them
    const double storedAtStart = tank.storedHeat();
    for (int s = 0; s < 48; ++s) {
        PlugFlowTank::PlantSide side;
        side.surplus_W = s % 3 == 0 ? 0.0 : 2e5 * s;
        side.chargeInlet_K = 368.15 + (s % 5);
        side.capacityRate_W_K = s % 4 == 0 ? 0.0 : 4190.0 * (20.0 - 0.2 * s);
        side.dischargeInlet_K = 333.15;
        side.target_K = 363.15;
        side.dischargeScale = 0.5 + 0.01 * s;
        tank.advance(s * 3600.0, 3600.0, side);
    }
    CHECK(tank.integral(TankIntegral::Charge) > 0);
    CHECK(tank.integral(TankIntegral::Discharge) > 0);
    CHECK(tank.integral(TankIntegral::Loss) > 0);
    checkTankBalance(tank, storedAtStart);
}

TEST_CASE("plug flow network with a storage tank: a year closes to round-off and agrees with "
          "finite volumes",
          "[plugflow][storage]") {
    // scenarios/saint-omer-storage.yaml: a 3,000 m3 tank charged by the waste heat's surplus.
    // The two cores drive the same tank differently (finite volumes re-decide the tank's flows
    // at every right-hand side; plug flow holds them over each hourly step), so their storage
    // figures differ by the control's time step, a few per cent; what the tank adds to the
    // recovered heat must agree much closer, and both must close their balances.
    const auto path = std::filesystem::path(HEATNET_SOURCE_DIR) / "scenarios";
    RunTotals totals[2];
    double recovered[2] = {0, 0};
    for (int plug = 0; plug < 2; ++plug) {
        Scenario s = readScenario(path / "saint-omer-storage.yaml");
        s.simulation.pipeModel = plug ? "plug_flow" : "finite_volume";
        Simulation simulation(s);
        testing::MemorySink sink;
        simulation.run(sink);
        totals[plug] = sink.totals;
        std::size_t k = 0;
        for (const PlantSpec& plant : s.plants) {
            for (const SourceSpec& source : plant.sources) {
                if (source.model->isWasteHeat()) {
                    recovered[plug] += sink.totals.sourceHeat_J[k];
                }
                ++k;
            }
        }
        const RunTotals& t = sink.totals;
        INFO(s.simulation.pipeModel << ": residual " << t.balanceResidual_J << " J of "
                                    << t.sources_J << " J");
        CHECK(std::abs(t.balanceResidual_J) <= (plug ? 1e-12 : 1e-9) * t.sources_J);
        if (plug) {
            for (const StepRecord& r : sink.steps) {
                CHECK(std::abs(r.balanceResidual_J) <= 1e-12 * t.sources_J);
                for (double w : r.sourceHeat_W) {
                    CHECK(w >= 0);
                }
            }
        }
        REQUIRE(t.storageCharge_J.size() == 1);
        // With plug flow, CVODE's steps are the tank's: one restart per hydraulic step.
        CHECK(t.integrator.steps > t.hydraulicSteps);
        if (plug) {
            CHECK(t.integrator.reinitialisations == t.hydraulicSteps);
        }
    }
    const RunTotals &fv = totals[0], &pf = totals[1];
    INFO("charged " << pf.storageCharge_J[0] / 3.6e9 << " MWh (finite volumes "
                    << fv.storageCharge_J[0] / 3.6e9 << "), discharged "
                    << pf.storageDischarge_J[0] / 3.6e9 << " (" << fv.storageDischarge_J[0] / 3.6e9
                    << "), lost " << pf.storageLoss_J[0] / 3.6e9 << " ("
                    << fv.storageLoss_J[0] / 3.6e9 << "), recovered heat " << recovered[1] / 3.6e9
                    << " (" << recovered[0] / 3.6e9 << ") MWh");
    CHECK(pf.storageCharge_J[0] == Approx(fv.storageCharge_J[0]).epsilon(0.05));
    CHECK(pf.storageDischarge_J[0] == Approx(fv.storageDischarge_J[0]).epsilon(0.05));
    CHECK(pf.storageLoss_J[0] == Approx(fv.storageLoss_J[0]).epsilon(0.02));
    // The tank moves ~2,000 MWh a year of waste heat into the winter: a coupling that lost it
    // would miss this by ~4 %.
    CHECK(recovered[1] == Approx(recovered[0]).epsilon(0.005));
}
