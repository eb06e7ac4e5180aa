#include "solver/run/Simulation.h"

#include "solver/Error.h"
#include "solver/run/DesignChecks.h"
#include "solver/run/PressureStage.h"
#include "solver/run/RecordFiller.h"
#include "solver/run/RunChecks.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numbers>

#include <omp.h>

namespace heatnet {

Simulation::Simulation(const Scenario& scenario)
    : m_scenario(scenario), m_network(scenario), m_hydraulics(m_network, scenario),
      m_thermal(std::make_unique<ThermalSystem>(scenario, m_network)), m_waterAge(m_network) {
    for (const PipeSpec& pipe : scenario.pipes) {
        m_pipeWater_kg.push_back(m_thermal->density() * std::numbers::pi / 4 *
                                 pipe.innerDiameter_m * pipe.innerDiameter_m * pipe.length_m);
    }
}

std::vector<Warning> Simulation::designWarnings() const {
    std::vector<Warning> warnings = scenarioWarnings(m_scenario, *m_thermal);
    for (Warning& w : designHourWarnings(m_scenario, m_network, m_hydraulics, *m_thermal)) {
        warnings.push_back(std::move(w));
    }
    return warnings;
}

namespace {

//! Mean temperature of each pipe's cells in one layer into `mean_K` (one per pipe; for water
//! properties) [K].
void meanPipeTemperatures(const ThermalSystem& thermal, ThermalSystem::Layer layer,
                          std::span<const double> y, std::span<double> mean_K) {
    for (std::size_t p = 0; p < mean_K.size(); ++p) {
        mean_K[p] = thermal.pipeMeanTemperature(layer, p, y);
    }
}

} // namespace

double Simulation::initialSupply() const {
    return m_scenario.initialSupply_K > 0 ? m_scenario.initialSupply_K
                                          : m_thermal->plantSetPoint(m_network.slackPlant(), 0.0);
}

double Simulation::initialReturn(double supply_K) const {
    if (m_scenario.initialReturn_K > 0) {
        return m_scenario.initialReturn_K;
    }
    double sum = 0;
    for (const ConsumerSpec& c : m_scenario.consumers) {
        sum += c.fixedDeltaT_K > 0 ? supply_K - c.fixedDeltaT_K : c.designReturn_K;
    }
    return m_scenario.consumers.empty() ? supply_K : sum / m_scenario.consumers.size();
}

void Simulation::controlFlows(double t, double now, double hydraulicStep,
                              const ThermalObservation& observed, const HydraulicState* flowsNow,
                              std::vector<double>& consumerFlow, std::vector<double>& plantFlow) {
    const ThermalSystem& thermal = *m_thermal;
    const SimulationSettings& settings = m_scenario.simulation;
    const std::size_t consumers = m_scenario.consumers.size();
    const std::size_t plants = m_scenario.plants.size();
    // The flow set for t serves until t + one step: anticipate a falling set point of the
    // balancing plant over that time, plus 1 K for the transport lag of the network.
    const std::size_t slack = m_network.slackPlant();
    const double setNow = thermal.plantSetPoint(slack, now);
    const double setLater =
        std::min(thermal.plantSetPoint(slack, t), thermal.plantSetPoint(slack, t + hydraulicStep));
    const double anticipated = std::max(0.0, setNow - setLater) + 1.0;
    const double w0 = std::max(0.0, t - 0.5 * hydraulicStep);
    const double w1 = std::min(settings.duration_s, t + 0.5 * hydraulicStep);
    // Transport delay from the plants to each node with the flows running now: a substation's
    // controller follows a rising supply with a lag of four times that delay
    // (models/Substation.h; the factor is discussed in docs/models.md, "Substation control").
    constexpr double kLagPerDelay = 4.0;
    if (!flowsNow) {
        m_controlSupply_K.assign(consumers, std::numeric_limits<double>::quiet_NaN());
    }
    m_supplyNow_K.resize(consumers);
    observed.consumerSupplies(m_supplyNow_K);
    m_plantInletNow_K.resize(plants);
    observed.plantInlets(m_plantInletNow_K);
    std::span<const double> waterAge_s;
    const bool supplyControlled = std::any_of(
        m_scenario.consumers.begin(), m_scenario.consumers.end(),
        [](const ConsumerSpec& c) { return !c.prescribedFlow && c.fixedDeltaT_K <= 0; });
    if (flowsNow && supplyControlled) {
        constexpr double stagnant_s = 1e9; // standing water: a rise is not followed
        waterAge_s = m_waterAge.ages(m_pipeWater_kg, flowsNow->pipeFlow_kg_s,
                                     flowsNow->plantFlow_kg_s, stagnant_s);
    }
    for (std::size_t c = 0; c < consumers; ++c) {
        const ConsumerSpec& spec = m_scenario.consumers[c];
        if (spec.prescribedFlow) {
            consumerFlow[c] = spec.prescribedFlow->value(t);
            continue;
        }
        const SubstationParameters& p = thermal.substation(c);
        // A fixed-ΔT substation follows the mean demand around t. One aiming at a return
        // temperature opens for the peak over both adjacent steps: the flow blended between
        // two such node values then never falls short of the demand in between.
        const double sizing =
            spec.fixedDeltaT_K > 0
                ? thermal.meanDemand(c, w0, w1)
                : thermal.peakDemand(c, std::max(0.0, t - hydraulicStep),
                                     std::min(settings.duration_s, t + hydraulicStep));
        // The supply measured now, relative to the balancing plant's set point when that
        // water left it: the part of the supply that the network (and this substation's own
        // flow) sets. Its rises are followed with the lag, the set point's changes at once.
        // Without ages (no flows yet, or no substation follows the supply) the water is taken
        // as just sent: the reference is the set point now.
        const double age_s = waterAge_s.empty() ? 0.0 : waterAge_s[m_network.consumerNode(c)];
        const double reference_K =
            waterAge_s.empty() ? setNow : thermal.plantSetPoint(slack, std::max(0.0, now - age_s));
        const double measured_K = m_supplyNow_K[c] - reference_K;
        m_controlSupply_K[c] = !waterAge_s.empty()
                                   ? controllerSupply(m_controlSupply_K[c], measured_K,
                                                      hydraulicStep, kLagPerDelay * age_s)
                                   : measured_K;
        consumerFlow[c] = substationMassFlow(
            p, sizing, reference_K + m_controlSupply_K[c] - anticipated, thermal.specificHeat());
    }
    // A `flow` plant feeds its prescribed flow. A `heat` plant (a factory feeding the network
    // at its own site) takes the flow that carries all its sources can give from the water
    // reaching it now to its set point. Together such plants take at most 90 % of the demand's
    // flow, so that the `pressure` plant keeps a positive flow.
    double drawn = 0, prescribed = 0;
    for (double f : consumerFlow) {
        drawn += f;
    }
    for (std::size_t q = 0; q < plants; ++q) {
        plantFlow[q] = 0;
        const PlantSpec& plant = m_scenario.plants[q];
        if (plant.control == PlantControl::Flow) {
            plantFlow[q] = std::max(0.0, plant.massFlow->value(t));
            prescribed += plantFlow[q];
            continue;
        }
        if (plant.control != PlantControl::Heat) {
            continue;
        }
        SourceConditions conditions;
        conditions.time_s = t;
        conditions.inletTemperature_K = m_plantInletNow_K[q];
        conditions.targetTemperature_K = thermal.plantSetPoint(q, t);
        conditions.outdoorTemperature_K = thermal.outdoorTemperature(t);
        conditions.specificHeat_J_kgK = thermal.specificHeat();
        double available = 0;
        for (const SourceSpec& source : m_scenario.plants[q].sources) {
            available += source.model->availablePower(conditions);
        }
        const double lift =
            std::max(5.0, conditions.targetTemperature_K - conditions.inletTemperature_K);
        plantFlow[q] = available / (thermal.specificHeat() * lift);
        prescribed += plantFlow[q];
    }
    if (prescribed > 0.9 * drawn) {
        const double scale = prescribed > 0 ? 0.9 * drawn / prescribed : 0.0;
        for (double& f : plantFlow) {
            f *= scale;
        }
    }
}

bool Simulation::pressuresOnThread(const RunOptions& options) const {
    return options.pressuresOnThread && m_hydraulics.isTree() &&
           !m_hydraulics.perPipeWorkThreaded() && omp_get_active_level() == 0;
}

std::function<void(StepRecord&, const HydraulicState&)>
Simulation::outputHandler(ResultSink& sink, RunChecks& checks, RunTotals& totals) const {
    const double outputStep_s = m_scenario.simulation.outputStep_s;
    return [this, &sink, &checks, &totals, outputStep_s](StepRecord& record,
                                                         const HydraulicState& state) {
        RecordFiller::fillPressures(record, state);
        sink.record(record);
        checks.observe(record, outputStep_s);
        tallyOutput(record, totals);
    };
}

void Simulation::tallyOutput(const StepRecord& record, RunTotals& totals) const {
    const SimulationSettings& settings = m_scenario.simulation;
    const std::size_t consumers = record.demand_W.size();
    if (record.demand_W_total > 0 && record.unmet_W_total > 0.005 * record.demand_W_total) {
        totals.unmetHours_h += settings.outputStep_s / 3600.0;
    }
    for (std::size_t c = 0; c < consumers; ++c) {
        // A substation that asks for nothing is not supplied, so not supplied too cold.
        if (record.demand_W[c] > 0 &&
            record.consumerSupply_K[c] < m_scenario.consumers[c].minSupply_K) {
            totals.lowSupplyHours_h += settings.outputStep_s / 3600.0;
            break;
        }
    }
    if (totals.sourceRunningHours_h.empty()) {
        totals.sourceRunningHours_h.assign(record.sourceHeat_W.size(), 0.0);
    }
    for (std::size_t s = 0; s < record.sourceHeat_W.size(); ++s) {
        if (record.sourceHeat_W[s] > 1.0) {
            totals.sourceRunningHours_h[s] += settings.outputStep_s / 3600.0;
        }
    }
}

RunTotals Simulation::run(ResultSink& sink, const RunOptions& options) {
    if (m_scenario.simulation.pipeModel == "plug_flow") {
        return runPlugFlow(sink, options);
    }
    const auto wallStart = std::chrono::steady_clock::now();
    const SimulationSettings& settings = m_scenario.simulation;
    ThermalSystem& thermal = *m_thermal;
    const std::size_t pipes = m_network.pipeCount();
    const std::size_t consumers = m_scenario.consumers.size();
    const std::size_t plants = m_scenario.plants.size();

    const double supply0 = initialSupply();
    const double return0 = initialReturn(supply0);
    std::vector<double> y0 = thermal.initialState(supply0, return0);
    const double storedStart = thermal.storedHeat(y0);

    IntegratorOptions integratorOptions;
    integratorOptions.relativeTolerance = settings.relativeTolerance;
    CvodeIntegrator integrator(thermal, 0.0, y0, integratorOptions);

    sink.begin(m_scenario);
    RunTotals totals;
    RunChecks checks(m_scenario, m_network);
    RecordFiller filler(m_scenario, m_network, thermal, storedStart, sink);
    StepRecord record;
    std::vector<double> consumerFlow(consumers, 0.0), plantFlow(plants, 0.0);

    const auto outputSteps =
        static_cast<long>(std::llround(settings.duration_s / settings.outputStep_s));
    // Flows at a hydraulic node time t, from the demand around t and the supply arriving now.
    const auto perHydraulic = std::max(
        1L, static_cast<long>(std::llround(settings.outputStep_s / settings.hydraulicStep_s)));
    const double hydraulicStep = settings.outputStep_s / perHydraulic;
    std::vector<double> supplyMean_K(pipes), returnMean_K(pipes);
    ThermalSystem::Flows flows;
    // The pressures, the checks and the sink (on a thread of their own in a tree network).
    PressureStage stage(m_hydraulics, pressuresOnThread(options), hydraulicStep,
                        outputHandler(sink, checks, totals));
    auto flowsAt = [&](double t, std::span<const double> y, double now,
                       const HydraulicState* flowsNow,
                       HydraulicState& hydraulics) -> const ThermalSystem::Flows& {
        thermal.observe(now, y);
        controlFlows(t, now, hydraulicStep, thermal, flowsNow, consumerFlow, plantFlow);
        meanPipeTemperatures(thermal, ThermalSystem::Supply, y, supplyMean_K);
        meanPipeTemperatures(thermal, ThermalSystem::Return, y, returnMean_K);
        stage.solveNode(consumerFlow, plantFlow, supplyMean_K, returnMean_K, hydraulics);
        // Copied into kept buffers: no allocation once their sizes are reached.
        flows.pipe = hydraulics.pipeFlow_kg_s;
        flows.consumer = consumerFlow;
        flows.plant = hydraulics.plantFlow_kg_s;
        flows.returnPipe = hydraulics.returnFlow_kg_s;
        return flows;
    };
    // The flows of the next hydraulic node are set from the state now (as a controller would);
    // beyond the last node they are held, so CVODE may step past a node (up to one hydraulic
    // step) without stopping there: the solution at the node is interpolated. The part it
    // stepped past with held flows keeps them: a lag of at most one integrator step.
    HydraulicState hydraulics, nextHydraulics;
    long hydraulicSteps = 0;
    // From here until stage.finish(), `totals` belongs to the stage (its thread tallies).
    {
        std::span<const double> y0 = integrator.state();
        thermal.scheduleFlows(0.0, flowsAt(0.0, y0, 0.0, nullptr, hydraulics), y0);
    }
    for (long step = 0; step < outputSteps; ++step) {
        for (long sub = 0; sub < perHydraulic; ++sub) {
            const double t0 = step * settings.outputStep_s + sub * hydraulicStep;
            const double t1 = t0 + hydraulicStep;
            std::span<const double> y = integrator.state();
            thermal.scheduleFlows(t1, flowsAt(t1, y, t0, &hydraulics, nextHydraulics), y);
            integrator.advanceTo(t1, std::min(t1 + hydraulicStep, settings.duration_s));
            ++hydraulicSteps;
            std::swap(hydraulics, nextHydraulics);
            if (options.cancel && options.cancel->load()) {
                throw Interrupted("run interrupted (no result file written)");
            }
        }
        const double t = (step + 1) * settings.outputStep_s;
        std::span<const double> y = integrator.state();
        thermal.observe(t, y);
        filler.fill(record, t, settings.outputStep_s);
        stage.pushRecord(record, hydraulics);
        if (options.progress) {
            options.progress(static_cast<double>(step + 1) / outputSteps);
        }
    }
    stage.finish(totals);
    totals.hydraulicSteps = hydraulicSteps;

    filler.addEnergyTotals(totals);
    totals.warnings = scenarioWarnings(m_scenario, thermal);
    for (Warning& w : checks.warnings(totals)) {
        totals.warnings.push_back(std::move(w));
    }
    totals.integrator = integrator.statistics();
    totals.wallTime_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    sink.finish(totals);
    return totals;
}

} // namespace heatnet
