#include "solver/run/RunChecks.h"

#include "solver/run/Simulation.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace heatnet {

namespace {
constexpr double kMWh_J = 3.6e9;
//! A tank layer this far above max_temperature is reported (the integrators' own error on a
//! tank that holds its water for days is ~0.01 K at relative tolerances of 1e-4).
constexpr double kTankExcessLimit_K = 0.5;
} // namespace

RunChecks::RunChecks(const Scenario& scenario, const Network& network)
    : m_scenario(scenario), m_network(network), m_hydraulics(scenario, network),
      m_pipes(network.pipeCount()), m_largestUnmet_W(scenario.consumers.size(), 0.0),
      m_largestUnmetTime_s(scenario.consumers.size(), 0.0) {
    for (const PlantSpec& plant : scenario.plants) {
        if (plant.storage) {
            m_tankExcess_K.push_back(0.0);
            m_tankExcessTime_s.push_back(std::nan(""));
        }
    }
}

void RunChecks::observe(const StepRecord& r, double stepLength_s) {
    const double hours = stepLength_s / 3600.0;
    m_hydraulics.observe({r.time_s, r.pipeFlow_kg_s, r.supplyDrop_Pa, r.returnDrop_Pa,
                          r.supplyInlet_K, r.nodeSupplyPressure_Pa, r.nodeReturnPressure_Pa,
                          r.nodeSupply_K, r.nodeReturn_K},
                         hours);
    const double minimum = m_scenario.warnings.minPipeFlow_kg_s;
    for (std::size_t p = 0; p < m_pipes.size(); ++p) {
        PipeFlow& f = m_pipes[p];
        const double flow = r.pipeFlow_kg_s[p];
        if (std::abs(flow) > f.largest_kg_s) {
            f.largest_kg_s = std::abs(flow);
            f.largestTime_s = r.time_s;
        }
        if (std::abs(flow) <= minimum) {
            continue;
        }
        const int direction = flow > 0 ? 1 : -1;
        (direction > 0 ? f.forward_h : f.backward_h) += hours;
        if (f.firstDirection == 0) {
            f.firstDirection = direction;
        } else if (direction != f.firstDirection && f.reversal_s < 0) {
            f.reversal_s = r.time_s;
        }
    }
    // Tank layers: no layer can be hotter than the water that enters the tank (the charge at
    // most max_temperature, the discharge's inlet below the top), so any excess is numerical.
    std::size_t tank = 0, offset = 0;
    for (const PlantSpec& plant : m_scenario.plants) {
        if (!plant.storage) {
            continue;
        }
        const auto layers = static_cast<std::size_t>(plant.storage->layers);
        for (std::size_t i = offset; i < offset + layers && i < r.storageLayers_K.size(); ++i) {
            const double excess = r.storageLayers_K[i] - plant.storage->maxTemperature_K;
            if (excess > m_tankExcess_K[tank]) {
                m_tankExcess_K[tank] = excess;
                m_tankExcessTime_s[tank] = r.time_s;
            }
        }
        offset += layers;
        ++tank;
    }
    for (std::size_t c = 0; c < m_largestUnmet_W.size(); ++c) {
        if (r.unmet_W[c] > m_largestUnmet_W[c]) {
            m_largestUnmet_W[c] = r.unmet_W[c];
            m_largestUnmetTime_s[c] = r.time_s;
        }
    }
}

std::vector<Warning> RunChecks::warnings(const RunTotals& totals) const {
    const WarningThresholds& limit = m_scenario.warnings;
    std::vector<Warning> out = m_hydraulics.warnings("", true);
    // Plants whose sources never delivered heat.
    std::size_t index = 0;
    for (const PlantSpec& plant : m_scenario.plants) {
        double running_h = 0, heat_J = 0;
        for (std::size_t k = 0; k < plant.sources.size(); ++k, ++index) {
            if (index < totals.sourceRunningHours_h.size()) {
                running_h += totals.sourceRunningHours_h[index];
            }
            heat_J += totals.sourceHeat_J[index];
        }
        if (running_h == 0) {
            const std::string element = fmt::format("plant '{}'", plant.id);
            out.push_back({"plant_never_runs", element, std::nan(""), heat_J / kMWh_J, 0, "MWh",
                           fmt::format("{}: its sources delivered no heat during the whole run "
                                       "({:.3f} MWh): is it connected and dispatched?",
                                       element, heat_J / kMWh_J)});
        }
    }
    // Tanks whose layers went beyond the hottest water that can enter them.
    std::size_t tank = 0;
    for (const PlantSpec& plant : m_scenario.plants) {
        if (!plant.storage) {
            continue;
        }
        const double excess = m_tankExcess_K[tank];
        if (excess > kTankExcessLimit_K) {
            const std::string element = fmt::format("plant '{}'", plant.id);
            const double max_C = plant.storage->maxTemperature_K - 273.15;
            out.push_back({"storage_layer_above_max", element, m_tankExcessTime_s[tank], excess,
                           kTankExcessLimit_K, "K",
                           fmt::format("{}: a layer of its storage tank reached {:.1f} degC at {}, "
                                       "{:.1f} K above the tank's max_temperature ({:g} degC), the "
                                       "hottest water that can enter it: the integrator's error "
                                       "in water the tank keeps for days (its heat is conserved); "
                                       "tighten simulation: relative_tolerance (1e-4 to 1e-5)",
                                       element, max_C + excess,
                                       describeHour(m_tankExcessTime_s[tank]), excess, max_C)});
        }
        ++tank;
    }
    // Substations left short.
    for (std::size_t c = 0; c < m_scenario.consumers.size(); ++c) {
        const double demand = totals.consumerDemand_J[c];
        const double unmet = std::max(0.0, demand - totals.consumerDelivered_J[c]);
        if (demand > 0 && unmet > limit.maxUnmetShare * demand) {
            const std::string element = fmt::format("substation '{}'", m_scenario.consumers[c].id);
            out.push_back({"unmet_heat_above_threshold", element, m_largestUnmetTime_s[c],
                           100 * unmet / demand, 100 * limit.maxUnmetShare, "%",
                           fmt::format("{}: {:.1f} % of its demand unmet ({:.1f} MWh), the most "
                                       "at {} ({:.0f} kW); threshold {:g} % (warnings: "
                                       "max_unmet_share)",
                                       element, 100 * unmet / demand, unmet / kMWh_J,
                                       describeHour(m_largestUnmetTime_s[c]),
                                       m_largestUnmet_W[c] / 1e3, 100 * limit.maxUnmetShare)});
        }
    }
    // Pipes without flow, pipes flowing both ways.
    for (std::size_t p = 0; p < m_pipes.size(); ++p) {
        const PipeFlow& f = m_pipes[p];
        const std::string element = fmt::format("pipe '{}'", m_scenario.pipes[p].id);
        if (f.largest_kg_s <= limit.minPipeFlow_kg_s) {
            out.push_back({"pipe_without_flow", element, f.largestTime_s, f.largest_kg_s,
                           limit.minPipeFlow_kg_s, "kg/s",
                           fmt::format("{}: no flow during the whole run (largest {:.2g} kg/s at "
                                       "{}; warnings: min_pipe_flow {:g} kg/s)",
                                       element, f.largest_kg_s, describeHour(f.largestTime_s),
                                       limit.minPipeFlow_kg_s)});
        } else if (f.reversal_s >= 0) {
            const double minority = std::min(f.forward_h, f.backward_h);
            out.push_back(
                {"flow_reversal", element, f.reversal_s, minority, 0, "h",
                 fmt::format("{}: the flow runs both ways ({:g} h from '{}' to '{}', "
                             "{:g} h back), first reversed at {}",
                             element, f.forward_h, m_scenario.pipes[p].from, m_scenario.pipes[p].to,
                             f.backward_h, describeHour(f.reversal_s))});
        }
    }
    return out;
}

} // namespace heatnet
