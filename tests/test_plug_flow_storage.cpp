// Storage tanks in plug-flow runs (solver/thermal/PlugFlowTank.h): the tank alone against
// analytical solutions of its layer equations (models/StratifiedStorage.h), its energy integrals
// against its stored heat, and a year of the storage variant beside the finite-volume core.
#include "models/StratifiedStorage.h"
#include "solver/input/ScenarioReader.h"
#include "solver/run/Simulation.h"
#include "solver/thermal/PlugFlowTank.h"
#include "tests/TestSupport.h"

#include <boost/math/special_functions/gamma.hpp>
#include <catch2/catch.hpp>

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

TEST_CASE("plug-flow tank: a charge at constant flow fills the layers as tanks in series",
          "[plugflow][storage]") {
    // No losses; every layer at T0; from t = 0 water at T_ch enters the top at ṁ. Layer k
    // (0 = top) is the (k+1)-th of N stirred tanks of mass m in series:
    //   T_k(t) = T_ch + (T0 − T_ch) Q(k + 1, a t),  a = ṁ / m,  Q the upper regularised gamma.
    // The control draws ṁ = P_ch / (c (T_ch − T_bottom)) with P_ch = P_s (T_ch − T_bottom) / band
    // while T_ch − T_bottom < band (the fade), i.e. the constant ṁ = P_s / (c band): a band
    // wider than T_ch − T0 keeps the fade, and the flow, all along.
    StorageParameters p;
    p.volume_m3 = 100;
    p.height_m = 8;
    p.layers = 12;
    p.heatLoss_W_m2K = 0;
    p.initialCharge = 0; // every layer at the minimum temperature
    p.rampBand_K = 100;  // wider than T_ch − T0: the fade holds ṁ constant
    p.maxPower_W = 1e9;
    PlugFlowTank tank = tightTank(p);
    const StratifiedStorage& model = tank.tank();
    const double cold = p.minTemperature_K, hot = p.maxTemperature_K;
    const double flow = 2.0; // kg/s: three quarters of the tank's water pass in 10 h
    const double layerMass = model.layerCapacity() / kSpecificHeat;
    const double a = flow / layerMass;
    PlugFlowTank::PlantSide charging;
    charging.surplus_W = flow * kSpecificHeat * p.rampBand_K;
    charging.chargeInlet_K = hot;
    const double storedAtStart = tank.storedHeat();
    const double step = 600; // the held plant side restarts the integrator every step
    double worst = 0;
    for (int s = 0; s < 60; ++s) {
        tank.advance(s * step, step, charging);
        const double t = (s + 1) * step;
        for (int k = 0; k < model.layers(); ++k) {
            const double exact = hot + (cold - hot) * boost::math::gamma_q(k + 1, a * t);
            worst = std::max(worst, std::abs(tank.layers()[k] - exact));
        }
    }
    INFO("largest deviation from the tanks-in-series response over 10 h: " << worst << " K");
    CHECK(worst < 1e-3);
    // Three quarters of the water have passed: the top is hot, the bottom still nearly cold.
    CHECK(tank.layers().front() > hot - 0.1);
    CHECK(tank.layers().back() < cold + 20);
    // With no losses and no discharge, all the heat the charging water brought is in the tank.
    CHECK(tank.integral(TankIntegral::Loss) == Approx(0).margin(1e-6));
    checkTankBalance(tank, storedAtStart);
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
