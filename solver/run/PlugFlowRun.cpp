// The hour loop of `pipe_model: plug_flow` (solver/thermal/PlugFlowNetwork.h): the same control and
// hydraulics as the finite-volume run, the water moved by exact plug-flow sweeps, no ODE solver.
#include "solver/Error.h"
#include "solver/run/DesignChecks.h"
#include "solver/run/RunChecks.h"
#include "solver/run/Simulation.h"
#include "solver/thermal/PlugFlowNetwork.h"

#include <chrono>
#include <cmath>

namespace heatnet {

namespace {

using Layer = ThermalSystem::Layer;

//! Mean of two flow fields (the exact mean of their linear blend over a step; mass-balanced).
ThermalSystem::Flows meanFlows(const HydraulicState& a, const HydraulicState& b,
                               const std::vector<double>& consumerA,
                               const std::vector<double>& consumerB) {
    auto mean = [](const std::vector<double>& x, const std::vector<double>& y) {
        std::vector<double> m(x.size());
        for (std::size_t i = 0; i < x.size(); ++i) {
            m[i] = 0.5 * (x[i] + y[i]);
        }
        return m;
    };
    return {mean(a.pipeFlow_kg_s, b.pipeFlow_kg_s), mean(consumerA, consumerB),
            mean(a.plantFlow_kg_s, b.plantFlow_kg_s), mean(a.returnFlow_kg_s, b.returnFlow_kg_s)};
}

//! Fills one output record from the plug-flow network (layout as Simulation::fillRecord).
void fillPlugFlowRecord(StepRecord& r, const Scenario& scenario, const Network& network,
                        const ThermalSystem& helpers, const PlugFlowNetwork& net, double time_s,
                        double stepLength_s, std::vector<double>& previous,
                        const HydraulicState& hydraulics) {
    const std::span<const double> energy = net.energies();
    auto meanPower = [&](std::size_t e) {
        const double value = (energy[e] - previous[e]) / stepLength_s;
        previous[e] = energy[e];
        return value;
    };
    const std::size_t pipes = network.pipeCount();
    const std::size_t consumers = scenario.consumers.size();
    r.time_s = time_s;
    r.outdoor_K = helpers.outdoorTemperature(time_s);
    for (auto* v : {&r.supplyInlet_K, &r.supplyOutlet_K, &r.returnInlet_K, &r.returnOutlet_K,
                    &r.pipeFlow_kg_s, &r.returnFlow_kg_s, &r.supplyLoss_W, &r.returnLoss_W,
                    &r.supplyDrop_Pa, &r.returnDrop_Pa, &r.ground_K}) {
        v->assign(pipes, 0.0);
    }
    r.losses_W = 0;
    for (std::size_t p = 0; p < pipes; ++p) {
        r.supplyInlet_K[p] = net.pipeInlet(Layer::Supply, p);
        r.supplyOutlet_K[p] = net.pipeOutlet(Layer::Supply, p);
        r.returnInlet_K[p] = net.pipeInlet(Layer::Return, p);
        r.returnOutlet_K[p] = net.pipeOutlet(Layer::Return, p);
        r.pipeFlow_kg_s[p] = net.pipeFlow(p);
        r.returnFlow_kg_s[p] = net.returnPipeFlow(p);
        r.supplyLoss_W[p] = meanPower(net.pipeLossEnergy(Layer::Supply, p));
        r.returnLoss_W[p] = meanPower(net.pipeLossEnergy(Layer::Return, p));
        r.supplyDrop_Pa[p] = hydraulics.supplyPressureDrop_Pa[p];
        r.returnDrop_Pa[p] = hydraulics.returnPressureDrop_Pa[p];
        r.ground_K[p] = net.groundTemperature(p);
        r.losses_W += r.supplyLoss_W[p] + r.returnLoss_W[p];
    }
    for (auto* v : {&r.demand_W, &r.delivered_W, &r.unmet_W, &r.consumerSupply_K,
                    &r.consumerReturn_K, &r.consumerFlow_kg_s}) {
        v->assign(consumers, 0.0);
    }
    r.delivered_W_total = r.demand_W_total = r.unmet_W_total = 0;
    for (std::size_t c = 0; c < consumers; ++c) {
        r.delivered_W[c] = meanPower(net.consumerDeliveredEnergy(c));
        r.demand_W[c] = meanPower(net.consumerDemandEnergy(c));
        r.unmet_W[c] = std::max(0.0, r.demand_W[c] - r.delivered_W[c]);
        r.consumerSupply_K[c] = net.consumerSupply(c);
        r.consumerReturn_K[c] = net.consumerReturn(c);
        r.consumerFlow_kg_s[c] = net.consumerFlow(c);
        r.delivered_W_total += r.delivered_W[c];
        r.demand_W_total += r.demand_W[c];
        r.unmet_W_total += r.unmet_W[c];
    }
    for (auto* v : {&r.sourceHeat_W, &r.sourceFuel_W, &r.sourceElectricity_W, &r.sourceWasteHeat_W,
                    &r.sourceAvailability, &r.plantSupply_K, &r.plantReturn_K, &r.plantSetPoint_K,
                    &r.plantFlow_kg_s, &r.storageSoc, &r.storageCharge_W, &r.storageDischarge_W,
                    &r.storageLoss_W, &r.storageLayers_K}) {
        v->clear();
    }
    r.sources_W = 0;
    for (std::size_t q = 0; q < scenario.plants.size(); ++q) {
        const PlantSpec& plant = scenario.plants[q];
        for (std::size_t k = 0; k < plant.sources.size(); ++k) {
            r.sourceHeat_W.push_back(meanPower(net.sourceEnergy(q, k, SourceIntegral::Heat)));
            r.sourceFuel_W.push_back(meanPower(net.sourceEnergy(q, k, SourceIntegral::Fuel)));
            r.sourceElectricity_W.push_back(
                meanPower(net.sourceEnergy(q, k, SourceIntegral::Electricity)));
            r.sourceWasteHeat_W.push_back(
                meanPower(net.sourceEnergy(q, k, SourceIntegral::WasteHeat)));
            r.sourceAvailability.push_back(plant.sources[k].model->availability(time_s));
            r.sources_W += r.sourceHeat_W.back();
        }
        r.plantSupply_K.push_back(net.plantOperation(q).outlet_K);
        r.plantReturn_K.push_back(net.plantInlet(q));
        r.plantSetPoint_K.push_back(helpers.plantSetPoint(q, time_s));
        r.plantFlow_kg_s.push_back(net.plantFlow(q));
    }
    r.nodeSupplyPressure_Pa = hydraulics.supplyPressure_Pa;
    r.nodeReturnPressure_Pa = hydraulics.returnPressure_Pa;
    r.nodeSupply_K.resize(network.nodeCount());
    r.nodeReturn_K.resize(network.nodeCount());
    for (std::size_t n = 0; n < network.nodeCount(); ++n) {
        r.nodeSupply_K[n] = net.nodeTemperature(Layer::Supply, n);
        r.nodeReturn_K[n] = net.nodeTemperature(Layer::Return, n);
    }
    r.pumpPower_W = hydraulics.pumpPower_W;
    r.pumpHead_Pa = hydraulics.pumpHead_Pa;
}

} // namespace

RunTotals Simulation::runPlugFlow(ResultSink& sink, const RunOptions& options) {
    const auto wallStart = std::chrono::steady_clock::now();
    const SimulationSettings& settings = m_scenario.simulation;
    const ThermalSystem& helpers = *m_thermal;
    const std::size_t pipes = m_network.pipeCount();
    const std::size_t consumers = m_scenario.consumers.size();
    const std::size_t plants = m_scenario.plants.size();

    PlugFlowNetwork net(m_scenario, m_network, helpers);
    net.fill(initialSupply(), initialReturn(initialSupply()));
    const double storedStart = net.storedHeat();

    sink.begin(m_scenario);
    RunTotals totals;
    RunChecks checks(m_scenario, m_network);
    std::vector<double> previousEnergies(net.energies().size(), 0.0);
    StepRecord record;

    const auto outputSteps =
        static_cast<long>(std::llround(settings.duration_s / settings.outputStep_s));
    const auto perHydraulic = std::max(
        1L, static_cast<long>(std::llround(settings.outputStep_s / settings.hydraulicStep_s)));
    const double hydraulicStep = settings.outputStep_s / perHydraulic;
    // Sums of the energy integrals: sources − delivered − losses [J].
    auto residual = [&] {
        const std::span<const double> e = net.energies();
        double sum = 0;
        for (std::size_t p = 0; p < pipes; ++p) {
            sum -=
                e[net.pipeLossEnergy(Layer::Supply, p)] + e[net.pipeLossEnergy(Layer::Return, p)];
        }
        for (std::size_t c = 0; c < consumers; ++c) {
            sum -= e[net.consumerDeliveredEnergy(c)];
        }
        for (std::size_t q = 0; q < plants; ++q) {
            for (std::size_t k = 0; k < m_scenario.plants[q].sources.size(); ++k) {
                sum += e[net.sourceEnergy(q, k, SourceIntegral::Heat)];
            }
        }
        return sum;
    };
    // Flows of the hydraulic node at t, decided at `now` from the water there now.
    std::vector<double> consumerFlow(consumers, 0.0), plantFlow(plants, 0.0);
    auto flowsAt = [&](double t, double now, const HydraulicState* flowsNow,
                       std::vector<double>& consumerFlowOut) {
        controlFlows(
            t, now, hydraulicStep, [&](std::size_t c) { return net.consumerSupply(c); },
            [&](std::size_t q) { return net.plantInlet(q); }, flowsNow, consumerFlow, plantFlow);
        consumerFlowOut = consumerFlow;
        return m_hydraulics.solve(consumerFlow, plantFlow, net.meanPipeTemperatures(Layer::Supply),
                                  net.meanPipeTemperatures(Layer::Return));
    };
    std::vector<double> consumerNow, consumerNext;
    HydraulicState hydraulics = flowsAt(0.0, 0.0, nullptr, consumerNow), nextHydraulics;
    for (long step = 0; step < outputSteps; ++step) {
        for (long sub = 0; sub < perHydraulic; ++sub) {
            const double t0 = step * settings.outputStep_s + sub * hydraulicStep;
            const double t1 = t0 + hydraulicStep;
            nextHydraulics = flowsAt(t1, t0, &hydraulics, consumerNext);
            net.advance(t0, hydraulicStep,
                        meanFlows(hydraulics, nextHydraulics, consumerNow, consumerNext));
            totals.pump_J +=
                0.5 * (hydraulics.pumpPower_W + nextHydraulics.pumpPower_W) * hydraulicStep;
            totals.maxPumpHead_Pa = std::max(totals.maxPumpHead_Pa, nextHydraulics.pumpHead_Pa);
            ++totals.hydraulicSteps;
            std::swap(hydraulics, nextHydraulics);
            std::swap(consumerNow, consumerNext);
            if (options.cancel && options.cancel->load()) {
                throw Interrupted("run interrupted (no result file written)");
            }
        }
        const double t = (step + 1) * settings.outputStep_s;
        fillPlugFlowRecord(record, m_scenario, m_network, helpers, net, t, settings.outputStep_s,
                           previousEnergies, hydraulics);
        record.storedHeat_J = net.storedHeat() - storedStart;
        record.balanceResidual_J = residual() - record.storedHeat_J;
        sink.record(record);
        checks.observe(record, settings.outputStep_s);
        tallyOutput(record, totals);
        if (options.progress) {
            options.progress(static_cast<double>(step + 1) / outputSteps);
        }
    }

    const std::span<const double> e = net.energies();
    for (std::size_t p = 0; p < pipes; ++p) {
        totals.losses_J +=
            e[net.pipeLossEnergy(Layer::Supply, p)] + e[net.pipeLossEnergy(Layer::Return, p)];
    }
    for (std::size_t c = 0; c < consumers; ++c) {
        totals.consumerDelivered_J.push_back(e[net.consumerDeliveredEnergy(c)]);
        totals.consumerDemand_J.push_back(e[net.consumerDemandEnergy(c)]);
        totals.delivered_J += totals.consumerDelivered_J.back();
        totals.demand_J += totals.consumerDemand_J.back();
    }
    for (std::size_t q = 0; q < plants; ++q) {
        for (std::size_t k = 0; k < m_scenario.plants[q].sources.size(); ++k) {
            const auto integral = [&](SourceIntegral which) {
                return e[net.sourceEnergy(q, k, which)];
            };
            totals.sourceHeat_J.push_back(integral(SourceIntegral::Heat));
            totals.sourceFuel_J.push_back(integral(SourceIntegral::Fuel));
            totals.sourceElectricity_J.push_back(integral(SourceIntegral::Electricity));
            totals.sourceWasteHeat_J.push_back(integral(SourceIntegral::WasteHeat));
            totals.sources_J += totals.sourceHeat_J.back();
        }
    }
    totals.storedChange_J = net.storedHeat() - storedStart;
    totals.balanceResidual_J =
        totals.sources_J - totals.delivered_J - totals.losses_J - totals.storedChange_J;
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
