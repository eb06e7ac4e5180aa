#include "solver/network/HydraulicChecks.h"

#include "models/Water.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace heatnet {

namespace {
constexpr double kAtmosphere_Pa = 101325.0;
constexpr double kBar_Pa = 1e5;
constexpr double kCelsius = 273.15;
//! Relative slack of the bounds that spare p_sat and ρ: far above their evaluations' round-off.
constexpr double kBoundMargin = 1e-9;
const char* layerName(int layer) {
    return layer == 0 ? "supply" : "return";
}
} // namespace

HydraulicChecks::HydraulicChecks(const Scenario& scenario, const Network& network)
    : m_scenario(scenario), m_network(network), m_pressureHigh(network.nodeCount()),
      m_pressureLow(network.nodeCount()), m_velocity(network.pipeCount()),
      m_gradient(network.pipeCount()),
      // ρ(T) is concave on the fitted range and clamped outside it (models/Water.cpp), so its
      // smallest value is at one end of the range.
      m_lowestDensity_kg_m3(std::min(water::density(kCelsius), water::density(kCelsius + 150))) {
    m_area_m2.reserve(network.pipeCount());
    for (std::size_t p = 0; p < network.pipeCount(); ++p) {
        const PipeSpec& pipe = scenario.pipes[p];
        m_area_m2.push_back(std::numbers::pi * pipe.innerDiameter_m * pipe.innerDiameter_m / 4);
    }
}

void HydraulicChecks::keep(Worst& worst, double value, bool worse, double time_s, double weight_h,
                           int layer, double temperature_K) {
    worst.hours += weight_h;
    if (!worst.seen || worse) {
        worst.seen = true;
        worst.value = value;
        worst.time_s = time_s;
        worst.layer = layer;
        worst.temperature_K = temperature_K;
    }
}

double HydraulicChecks::boilingPressureBound(const HydraulicSnapshot& s) {
    double hottest_K = 0;
    for (const std::span<const double> layer : {s.nodeSupply_K, s.nodeReturn_K}) {
        for (const double t : layer) {
            if (std::isnan(t)) {
                return std::numeric_limits<double>::infinity(); // no bound: check every node
            }
            hottest_K = std::max(hottest_K, t);
        }
    }
    // p_sat rises with T; the relative margin covers the last bits of its evaluation.
    return water::saturationPressure(hottest_K) * (1 + kBoundMargin);
}

void HydraulicChecks::observe(const HydraulicSnapshot& s, double weight_h) {
    const WarningThresholds& limit = m_scenario.warnings;
    // A node whose lower pressure stays the margin above the boiling pressure of the hottest
    // water anywhere is above it at its own water's temperature: its p_sat is not needed.
    const double boilingBound_Pa = boilingPressureBound(s);
    for (std::size_t node = 0; node < m_network.nodeCount(); ++node) {
        const double pressure[2] = {s.supplyPressure_Pa[node], s.returnPressure_Pa[node]};
        const int highest = pressure[1] > pressure[0] ? 1 : 0;
        Worst& high = m_pressureHigh[node];
        if (pressure[highest] > limit.maxPressure_Pa) {
            keep(high, pressure[highest], pressure[highest] > high.value, s.time_s, weight_h,
                 highest);
        }
        if (std::min(pressure[0], pressure[1]) + kAtmosphere_Pa - boilingBound_Pa >=
            limit.minPressureMargin_Pa) {
            continue;
        }
        const double temperature[2] = {s.nodeSupply_K[node], s.nodeReturn_K[node]};
        double margin[2];
        for (int layer = 0; layer < 2; ++layer) {
            margin[layer] =
                pressure[layer] + kAtmosphere_Pa - water::saturationPressure(temperature[layer]);
        }
        const int tightest = margin[1] < margin[0] ? 1 : 0;
        Worst& low = m_pressureLow[node];
        if (margin[tightest] < limit.minPressureMargin_Pa) {
            keep(low, margin[tightest], margin[tightest] < low.value, s.time_s, weight_h, tightest,
                 temperature[tightest]);
        }
    }
    for (std::size_t p = 0; p < m_network.pipeCount(); ++p) {
        const PipeSpec& pipe = m_scenario.pipes[p];
        // v ≤ |ṁ| / (ρ_min A): the pipe's own density only where that bound reaches the limit.
        const double flow = std::abs(s.pipeFlow_kg_s[p]);
        if (flow >
            limit.maxVelocity_m_s * m_lowestDensity_kg_m3 * m_area_m2[p] * (1 - kBoundMargin)) {
            const double velocity = flow / (water::density(s.pipeSupply_K[p]) * m_area_m2[p]);
            Worst& v = m_velocity[p];
            if (velocity > limit.maxVelocity_m_s) {
                keep(v, velocity, velocity > v.value, s.time_s, weight_h, 0);
            }
        }
        const double gradient[2] = {s.supplyDrop_Pa[p] / pipe.length_m,
                                    s.returnDrop_Pa[p] / pipe.length_m};
        const int layer = gradient[1] > gradient[0] ? 1 : 0;
        Worst& g = m_gradient[p];
        if (gradient[layer] > limit.maxPressureGradient_Pa_m) {
            keep(g, gradient[layer], gradient[layer] > g.value, s.time_s, weight_h, layer);
        }
    }
}

std::vector<Warning> HydraulicChecks::warnings(const std::string& context, bool countHours) const {
    const WarningThresholds& limit = m_scenario.warnings;
    std::vector<Warning> out;
    auto during = [&](const Worst& w) {
        return countHours ? fmt::format(" (beyond it during {:g} h)", w.hours) : std::string();
    };
    auto when = [&](const Worst& w) {
        return context.empty() ? "at " + describeHour(w.time_s) : context;
    };
    // Pressures: one warning per limit, at the worst node, saying how many nodes are beyond it
    // (along a trunk the nodes beyond PN are many and tell one story).
    auto worstNode = [&](const std::vector<Worst>& nodes, bool highest, std::size_t& count) {
        std::size_t worst = nodes.size();
        count = 0;
        for (std::size_t n = 0; n < nodes.size(); ++n) {
            if (!nodes[n].seen) {
                continue;
            }
            ++count;
            if (worst == nodes.size() || (highest ? nodes[n].value > nodes[worst].value
                                                  : nodes[n].value < nodes[worst].value)) {
                worst = n;
            }
        }
        return worst;
    };
    auto others = [](std::size_t count) {
        return count > 1 ? fmt::format("; {} nodes in all are beyond the limit", count)
                         : std::string();
    };
    std::size_t count = 0;
    if (const std::size_t n = worstNode(m_pressureHigh, true, count); count > 0) {
        const Worst& w = m_pressureHigh[n];
        const std::string element = fmt::format("node '{}'", m_network.nodeId(n));
        out.push_back({"pressure_above_pn", element, w.time_s, w.value / kBar_Pa,
                       limit.maxPressure_Pa / kBar_Pa, "bar",
                       fmt::format("{}: {} pressure {:.2f} bar (gauge) {}, above the pipes' PN "
                                   "{:g} bar (warnings: max_pressure){}{}",
                                   element, layerName(w.layer), w.value / kBar_Pa, when(w),
                                   limit.maxPressure_Pa / kBar_Pa, during(w), others(count))});
    }
    if (const std::size_t n = worstNode(m_pressureLow, false, count); count > 0) {
        const Worst& w = m_pressureLow[n];
        const std::string element = fmt::format("node '{}'", m_network.nodeId(n));
        out.push_back(
            {"pressure_below_minimum", element, w.time_s, w.value / kBar_Pa,
             limit.minPressureMargin_Pa / kBar_Pa, "bar",
             fmt::format("{}: {} pressure only {:.2f} bar above the boiling pressure of water at "
                         "{:.1f} °C ({:.2f} bar absolute) {}; the margin should be at least {:g} "
                         "bar (warnings: min_pressure_margin){}{}",
                         element, layerName(w.layer), w.value / kBar_Pa, w.temperature_K - kCelsius,
                         water::saturationPressure(w.temperature_K) / kBar_Pa, when(w),
                         limit.minPressureMargin_Pa / kBar_Pa, during(w), others(count))});
    }
    for (std::size_t p = 0; p < m_network.pipeCount(); ++p) {
        const std::string element = fmt::format("pipe '{}'", m_scenario.pipes[p].id);
        if (const Worst& w = m_velocity[p]; w.seen) {
            out.push_back(
                {"velocity_above_limit", element, w.time_s, w.value, limit.maxVelocity_m_s, "m/s",
                 fmt::format("{}: velocity {:.2f} m/s {}, above {:g} m/s "
                             "(warnings: max_velocity){}",
                             element, w.value, when(w), limit.maxVelocity_m_s, during(w))});
        }
        if (const Worst& w = m_gradient[p]; w.seen) {
            out.push_back({"pressure_gradient_above_limit", element, w.time_s, w.value,
                           limit.maxPressureGradient_Pa_m, "Pa/m",
                           fmt::format("{}: {} pressure drop {:.0f} Pa/m {} ({:.2f} bar over "
                                       "{:g} m), above {:g} Pa/m (warnings: "
                                       "max_pressure_gradient){}",
                                       element, layerName(w.layer), w.value, when(w),
                                       w.value * m_scenario.pipes[p].length_m / kBar_Pa,
                                       m_scenario.pipes[p].length_m, limit.maxPressureGradient_Pa_m,
                                       during(w))});
        }
    }
    return out;
}

} // namespace heatnet
