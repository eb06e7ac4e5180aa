// The hour loop of `pipe_model: plug_flow` (solver/thermal/PlugFlowNetwork.h): the same control and
// hydraulics as the finite-volume run, the water moved by exact plug-flow sweeps, no ODE solver.
#include "solver/Error.h"
#include "solver/run/DesignChecks.h"
#include "solver/run/PressureStage.h"
#include "solver/run/RecordFiller.h"
#include "solver/run/RunChecks.h"
#include "solver/run/Simulation.h"
#include "solver/thermal/PlugFlowNetwork.h"

#include <chrono>
#include <cmath>

namespace heatnet {

namespace {

using Layer = ThermalSystem::Layer;

//! Mean of two flow fields into `mean` (the exact mean of their linear blend over a step;
//! mass-balanced). Reuses `mean`'s buffers: the hour loop allocates nothing.
void meanFlows(const HydraulicState& a, const HydraulicState& b,
               const std::vector<double>& consumerA, const std::vector<double>& consumerB,
               ThermalSystem::Flows& mean) {
    auto average = [](const std::vector<double>& x, const std::vector<double>& y,
                      std::vector<double>& m) {
        m.resize(x.size());
        for (std::size_t i = 0; i < x.size(); ++i) {
            m[i] = 0.5 * (x[i] + y[i]);
        }
    };
    average(a.pipeFlow_kg_s, b.pipeFlow_kg_s, mean.pipe);
    average(consumerA, consumerB, mean.consumer);
    average(a.plantFlow_kg_s, b.plantFlow_kg_s, mean.plant);
    average(a.returnFlow_kg_s, b.returnFlow_kg_s, mean.returnPipe);
}

} // namespace

RunTotals Simulation::runPlugFlow(ResultSink& sink, const RunOptions& options) {
    const auto wallStart = std::chrono::steady_clock::now();
    const SimulationSettings& settings = m_scenario.simulation;
    const ThermalSystem& helpers = *m_thermal;
    const std::size_t consumers = m_scenario.consumers.size();
    const std::size_t plants = m_scenario.plants.size();

    PlugFlowNetwork net(m_scenario, m_network, helpers);
    net.setParallelSweep(options.parallelSweepMinPipes, options.parallelSweepTuned);
    net.fill(initialSupply(), initialReturn(initialSupply()));
    const double storedStart = net.storedHeat();

    sink.begin(m_scenario);
    RunTotals totals;
    RunChecks checks(m_scenario, m_network);
    RecordFiller filler(m_scenario, m_network, net, storedStart, sink);
    StepRecord record;

    const auto outputSteps =
        static_cast<long>(std::llround(settings.duration_s / settings.outputStep_s));
    const auto perHydraulic = std::max(
        1L, static_cast<long>(std::llround(settings.outputStep_s / settings.hydraulicStep_s)));
    const double hydraulicStep = settings.outputStep_s / perHydraulic;
    // Flows of the hydraulic node at t, decided at `now` from the water there now.
    std::vector<double> consumerFlow(consumers, 0.0), plantFlow(plants, 0.0);
    std::vector<double> supplyMean_K(m_network.pipeCount()), returnMean_K(m_network.pipeCount());
    // The pressures, the checks and the sink (on a thread of their own in a tree network).
    PressureStage stage(m_hydraulics, pressuresOnThread(options), hydraulicStep,
                        outputHandler(sink, checks, totals));
    // Solves into `out`, whose vectors are reused (no allocation per hydraulic step).
    auto flowsAt = [&](double t, double now, const HydraulicState* flowsNow,
                       std::vector<double>& consumerFlowOut, HydraulicState& out) {
        controlFlows(t, now, hydraulicStep, net, flowsNow, consumerFlow, plantFlow);
        consumerFlowOut = consumerFlow;
        net.meanPipeTemperatures(Layer::Supply, supplyMean_K);
        net.meanPipeTemperatures(Layer::Return, returnMean_K);
        stage.solveNode(consumerFlow, plantFlow, supplyMean_K, returnMean_K, out);
    };
    std::vector<double> consumerNow, consumerNext;
    HydraulicState hydraulics, nextHydraulics;
    flowsAt(0.0, 0.0, nullptr, consumerNow, hydraulics);
    ThermalSystem::Flows stepFlows;
    long hydraulicSteps = 0;
    // From here until stage.finish(), `totals` belongs to the stage (its thread tallies).
    for (long step = 0; step < outputSteps; ++step) {
        for (long sub = 0; sub < perHydraulic; ++sub) {
            const double t0 = step * settings.outputStep_s + sub * hydraulicStep;
            const double t1 = t0 + hydraulicStep;
            flowsAt(t1, t0, &hydraulics, consumerNext, nextHydraulics);
            meanFlows(hydraulics, nextHydraulics, consumerNow, consumerNext, stepFlows);
            const long threadedBefore = net.threadedSteps();
            net.advance(t0, hydraulicStep, stepFlows);
            // The next solve on threads only if this step's sweep found them faster: the
            // sweep's tuner times whole steps, the solve included (results do not depend on it).
            m_hydraulics.allowThreads(net.threadedSteps() > threadedBefore);
            ++hydraulicSteps;
            std::swap(hydraulics, nextHydraulics);
            std::swap(consumerNow, consumerNext);
            if (options.cancel && options.cancel->load()) {
                throw Interrupted("run interrupted (no result file written)");
            }
        }
        const double t = (step + 1) * settings.outputStep_s;
        filler.fill(record, t, settings.outputStep_s);
        stage.pushRecord(record, hydraulics);
        if (options.progress) {
            options.progress(static_cast<double>(step + 1) / outputSteps);
        }
    }
    stage.finish(totals);
    totals.hydraulicSteps = hydraulicSteps;
    totals.integrator = net.tankIntegratorStatistics(); // the water needs no ODE solver

    m_hydraulics.allowThreads(false);
    totals.sweepThreads = net.sweepThreads();
    totals.threadedSweepShare =
        totals.hydraulicSteps > 0 ? double(net.threadedSteps()) / totals.hydraulicSteps : 0.0;
    filler.addEnergyTotals(totals);
    totals.warnings = scenarioWarnings(m_scenario, helpers);
    for (Warning& w : checks.warnings(totals)) {
        totals.warnings.push_back(std::move(w));
    }
    totals.wallTime_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    sink.finish(totals);
    return totals;
}

} // namespace heatnet
