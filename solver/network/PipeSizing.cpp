#include "solver/network/PipeSizing.h"

#include "models/Friction.h"
#include "models/PipeCatalogue.h"
#include "models/Substation.h"
#include "models/Water.h"
#include "solver/Error.h"
#include "solver/network/Hydraulics.h"
#include "solver/network/Network.h"
#include "solver/thermal/ThermalSystem.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace heatnet {

namespace {

//! Meshed networks: sizing and hydraulics alternate at most this often.
constexpr int kMaxSizingPasses = 20;

//! Fills a pipe's catalogue values for `entry`, keeping what the scenario set explicitly.
void applyEntry(PipeSpec& pipe, const CatalogueEntry& entry) {
    pipe.dn = entry.dn;
    pipe.innerDiameter_m = entry.innerDiameter_m;
    if (!pipe.explicitRoughness) {
        pipe.roughness_m = entry.roughness_m;
    }
    if (!pipe.explicitHeatLoss) {
        pipe.heatLossCoeff_W_mK = entry.heatLossCoeff_W_mK;
    }
    if (!pipe.explicitCost) {
        pipe.cost_EUR_m = entry.cost_EUR_m;
    }
}

const CatalogueEntry& entryFor(const PipeSpec& pipe, int dn) {
    const CatalogueEntry* entry = PipeCatalogue::standard().find(
        dn, static_cast<InsulationSeries>(std::max(1, pipe.insulationSeries)));
    if (!entry) {
        throw Error(fmt::format("pipe sizing: DN{} missing from the catalogue", dn));
    }
    return *entry;
}

} // namespace

std::pair<double, double> designHourLoad(double massFlow_kg_s, double innerDiameter_m,
                                         double roughness_m, double temperature_K) {
    const double density = water::density(temperature_K);
    const double flow = std::abs(massFlow_kg_s);
    const double area = std::numbers::pi * innerDiameter_m * innerDiameter_m / 4;
    const double gradient = friction::pressureDrop(flow, 1.0, innerDiameter_m, roughness_m, density,
                                                   water::dynamicViscosity(temperature_K));
    return {gradient, flow / (density * area)};
}

double designHour(const Scenario& scenario) {
    const Network network(scenario);
    const ThermalSystem thermal(scenario, network);
    double best = -1, bestTime = 0;
    for (double t = 0; t < scenario.simulation.duration_s; t += 3600) {
        double total = 0;
        for (std::size_t c = 0; c < scenario.consumers.size(); ++c) {
            total += thermal.demand(c, t);
        }
        if (total > best) {
            best = total;
            bestTime = t;
        }
    }
    return bestTime;
}

void applySizing(Scenario& scenario, const std::vector<PipeSizingResult>& results) {
    for (const PipeSizingResult& r : results) {
        applyEntry(scenario.pipes.at(r.pipe), entryFor(scenario.pipes.at(r.pipe), r.dn));
    }
}

std::vector<PipeSizingResult> sizePipes(Scenario& scenario) {
    std::vector<PipeSizingResult> results;
    const std::vector<int> sizes = PipeCatalogue::standard().sizes();
    for (std::size_t p = 0; p < scenario.pipes.size(); ++p) {
        if (scenario.pipes[p].autoSize) {
            // Start from the largest DN: in a mesh the first flows are then those of the
            // least-resistant layout, and a pipe only grows back if its flow needs it.
            applyEntry(scenario.pipes[p], entryFor(scenario.pipes[p], sizes.back()));
            results.push_back({p});
        }
    }
    if (results.empty()) {
        return results;
    }
    const Network network(scenario);
    const ThermalSystem thermal(scenario, network);
    const Hydraulics hydraulics(network, scenario);
    const double t = designHour(scenario);

    // Design-hour draws: each substation's own law at its design supply temperature.
    std::vector<double> consumerFlow(scenario.consumers.size());
    double supply_K = 0, returnSum_K = 0;
    for (std::size_t c = 0; c < scenario.consumers.size(); ++c) {
        const ConsumerSpec& spec = scenario.consumers[c];
        consumerFlow[c] = spec.prescribedFlow
                              ? spec.prescribedFlow->value(t)
                              : substationMassFlow(thermal.substation(c), thermal.demand(c, t),
                                                   spec.designSupply_K, thermal.specificHeat());
        supply_K = std::max(supply_K, spec.designSupply_K);
        returnSum_K += spec.designReturn_K;
    }
    const double return_K = returnSum_K / std::max<std::size_t>(1, scenario.consumers.size());
    const std::vector<double> plantFlow(scenario.plants.size(), 0.0);
    const std::vector<double> supplyT(scenario.pipes.size(), supply_K);
    const std::vector<double> returnT(scenario.pipes.size(), return_K);
    const PipeSizingSettings& limits = scenario.sizing;

    for (int pass = 0; pass < kMaxSizingPasses; ++pass) {
        const HydraulicState state = hydraulics.solve(consumerFlow, plantFlow, supplyT, returnT);
        bool changed = false;
        for (PipeSizingResult& r : results) {
            PipeSpec& pipe = scenario.pipes[r.pipe];
            r.designFlow_kg_s = std::abs(state.pipeFlow_kg_s[r.pipe]);
            r.dn = 0;
            for (const int dn : sizes) {
                const CatalogueEntry& entry = entryFor(pipe, dn);
                const double roughness =
                    pipe.explicitRoughness ? pipe.roughness_m : entry.roughness_m;
                // Both layers carry the flow: the colder return has the larger gradient, the
                // hotter supply the larger velocity.
                const auto [supplyGradient, velocity] =
                    designHourLoad(r.designFlow_kg_s, entry.innerDiameter_m, roughness, supply_K);
                const double gradient = std::max(
                    supplyGradient,
                    designHourLoad(r.designFlow_kg_s, entry.innerDiameter_m, roughness, return_K)
                        .first);
                if (gradient <= limits.maxPressureGradient_Pa_m &&
                    velocity <= limits.maxVelocity_m_s) {
                    r.dn = dn;
                    r.pressureGradient_Pa_m = gradient;
                    r.velocity_m_s = velocity;
                    break;
                }
            }
            if (r.dn == 0) {
                throw InputError(fmt::format(
                    "{}:{}: error in network.pipes ('{}'): dn: auto: no catalogue DN up to DN{} "
                    "carries the design-hour flow {:.1f} kg/s within {:g} Pa/m and {:g} m/s; "
                    "raise network.sizing limits or split the pipe",
                    scenario.sourcePath, pipe.line, pipe.id, sizes.back(), r.designFlow_kg_s,
                    limits.maxPressureGradient_Pa_m, limits.maxVelocity_m_s));
            }
            if (r.dn != pipe.dn) {
                changed = true;
                applyEntry(pipe, entryFor(pipe, r.dn));
            }
        }
        if (!changed || network.loopCount() == 0) {
            return results;
        }
    }
    throw SolverError(
        fmt::format("pipe sizing did not settle in {} passes (meshed network)", kMaxSizingPasses));
}

} // namespace heatnet
