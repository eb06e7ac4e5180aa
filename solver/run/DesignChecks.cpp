#include "solver/run/DesignChecks.h"

#include "solver/network/HydraulicChecks.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace heatnet {

namespace {
constexpr double kCelsius = 273.15;

//! Length of the steps the design checks sample [s]: the output step, an hour at most.
double samplingStep(const Scenario& scenario) {
    return std::min(3600.0, scenario.simulation.outputStep_s);
}

long sampleCount(const Scenario& scenario) {
    return std::max(1L, std::lround(scenario.simulation.duration_s / samplingStep(scenario)));
}
} // namespace

DesignHour findDesignHour(const Scenario& scenario, const ThermalSystem& thermal) {
    const double step = samplingStep(scenario);
    DesignHour design;
    for (long k = 0; k < sampleCount(scenario); ++k) {
        double total = 0;
        for (std::size_t c = 0; c < scenario.consumers.size(); ++c) {
            total += thermal.meanDemand(c, k * step, (k + 1) * step);
        }
        if (k == 0 || total > design.demand_W) {
            design = {(k + 1) * step, total};
        }
    }
    return design;
}

std::vector<Warning> scenarioWarnings(const Scenario& scenario, const ThermalSystem& thermal) {
    std::vector<Warning> out;
    const double step = samplingStep(scenario);
    // A plant's lowest set point against the design returns the substations aim at (a
    // substation with a fixed temperature drop aims at none).
    for (std::size_t q = 0; q < scenario.plants.size(); ++q) {
        double lowest = 0, lowestTime = 0;
        for (long k = 0; k <= sampleCount(scenario); ++k) {
            const double setPoint = thermal.plantSetPoint(q, k * step);
            if (k == 0 || setPoint < lowest) {
                lowest = setPoint;
                lowestTime = k * step;
            }
        }
        std::size_t above = 0, highest = 0;
        for (std::size_t c = 0; c < scenario.consumers.size(); ++c) {
            const ConsumerSpec& consumer = scenario.consumers[c];
            if (consumer.fixedDeltaT_K > 0 || consumer.designReturn_K <= lowest) {
                continue;
            }
            if (above++ == 0 ||
                consumer.designReturn_K > scenario.consumers[highest].designReturn_K) {
                highest = c;
            }
        }
        if (above > 0) {
            const ConsumerSpec& worst = scenario.consumers[highest];
            const std::string element = fmt::format("plant '{}'", scenario.plants[q].id);
            out.push_back({"set_point_below_design_return", element, lowestTime, lowest - kCelsius,
                           worst.designReturn_K - kCelsius, "degC",
                           fmt::format("{}: set point {:.1f} °C at {} is below the design return "
                                       "of {} substation(s) (highest: '{}', {:.1f} °C): they "
                                       "cannot cool the water they receive",
                                       element, lowest - kCelsius, describeHour(lowestTime), above,
                                       worst.id, worst.designReturn_K - kCelsius)});
        }
    }
    // Installed capacity against the peak demand.
    double capacity = 0;
    for (const PlantSpec& plant : scenario.plants) {
        for (const SourceSpec& source : plant.sources) {
            capacity += source.model->capacity();
        }
    }
    const DesignHour design = findDesignHour(scenario, thermal);
    const double needed = scenario.warnings.minCapacityShare * design.demand_W;
    if (capacity < needed) {
        out.push_back(
            {"capacity_below_design_hour", "sources", design.time_s, capacity / 1e6, needed / 1e6,
             "MW",
             fmt::format("sources: installed capacity {:.2f} MW covers {:.0f} % of the peak demand "
                         "{:.2f} MW at {} (warnings: min_capacity_share {:g} %)",
                         capacity / 1e6, design.demand_W > 0 ? 100 * capacity / design.demand_W : 0,
                         design.demand_W / 1e6, describeHour(design.time_s),
                         100 * scenario.warnings.minCapacityShare)});
    }
    return out;
}

std::vector<Warning> designHourWarnings(const Scenario& scenario, const Network& network,
                                        const Hydraulics& hydraulics,
                                        const ThermalSystem& thermal) {
    const DesignHour design = findDesignHour(scenario, thermal);
    const double t = design.time_s, t0 = t - samplingStep(scenario);
    const double supply = thermal.plantSetPoint(network.slackPlant(), t);
    const std::size_t consumers = scenario.consumers.size();
    std::vector<double> consumerFlow(consumers);
    double returnSum = 0;
    for (std::size_t c = 0; c < consumers; ++c) {
        const ConsumerSpec& spec = scenario.consumers[c];
        consumerFlow[c] = spec.prescribedFlow ? spec.prescribedFlow->value(t)
                                              : substationMassFlow(thermal.substation(c),
                                                                   thermal.meanDemand(c, t0, t),
                                                                   supply, thermal.specificHeat());
        returnSum += spec.fixedDeltaT_K > 0 ? supply - spec.fixedDeltaT_K : spec.designReturn_K;
    }
    const double back = consumers > 0 ? returnSum / consumers : supply;
    const std::vector<double> plantFlow(scenario.plants.size(), 0.0);
    const std::vector<double> pipeSupply(network.pipeCount(), supply),
        pipeReturn(network.pipeCount(), back);
    const HydraulicState state = hydraulics.solve(consumerFlow, plantFlow, pipeSupply, pipeReturn);
    const std::vector<double> nodeSupply(network.nodeCount(), supply),
        nodeReturn(network.nodeCount(), back);
    HydraulicChecks checks(scenario, network);
    checks.observe({t, state.pipeFlow_kg_s, state.supplyPressureDrop_Pa,
                    state.returnPressureDrop_Pa, pipeSupply, state.supplyPressure_Pa,
                    state.returnPressure_Pa, nodeSupply, nodeReturn},
                   1.0);
    return checks.warnings(fmt::format("at the design hour ({}, {:.2f} MW demand)", describeHour(t),
                                       design.demand_W / 1e6),
                           false);
}

} // namespace heatnet
