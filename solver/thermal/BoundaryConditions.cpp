#include "solver/thermal/BoundaryConditions.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace heatnet {

BoundaryConditions::BoundaryConditions(const Scenario& scenario) : m_scenario(scenario) {
    // Degree-hour scaling: one scan of the climate per distinct heating limit.
    std::map<double, double> deficitAtLimit_K;
    for (const ConsumerSpec& spec : scenario.consumers) {
        DegreeHourDemand d;
        d.annualDemand_J =
            spec.demand.kind == DemandSpec::Kind::DegreeHours ? spec.demand.annual_J : 0.0;
        d.dhwShare = spec.demand.hotWaterShare;
        d.heatingLimit_K = spec.demand.heatingLimit_K;
        if (!std::isfinite(d.heatingLimit_K) || d.heatingLimit_K <= 0.0) {
            m_degreeHour.emplace_back(d, scenario.climate); // throws the parameters' error
            continue;
        }
        auto [place, added] = deficitAtLimit_K.try_emplace(d.heatingLimit_K, 0.0);
        if (added) {
            place->second =
                DegreeHourProfile::meanHeatingDeficit_K(scenario.climate, d.heatingLimit_K);
        }
        m_degreeHour.emplace_back(d, place->second);
    }
    // Substations with equal demand profiles share one evaluation of it.
    std::vector<std::size_t> owners; // consumers owning a distinct profile
    for (std::size_t c = 0; c < scenario.consumers.size(); ++c) {
        m_profileOwner.push_back(c);
        m_profileScale.push_back(scenario.consumers[c].demand.scale);
        if (scenario.consumers[c].demand.kind != DemandSpec::Kind::Profile) {
            continue;
        }
        const TimeProfile& profile = scenario.consumers[c].demand.profile;
        const auto same = std::find_if(owners.begin(), owners.end(), [&](std::size_t o) {
            return scenario.consumers[o].demand.profile == profile;
        });
        if (same != owners.end()) {
            m_profileOwner[c] = *same;
        } else {
            owners.push_back(c);
        }
    }
    m_profileAnswers.assign(scenario.consumers.size(), ProfileAnswers{});
    // Kusuda ground: one model per distinct burial depth.
    if (scenario.ground.kusuda) {
        const GroundSettings& g = scenario.ground;
        KusudaParameters kusuda;
        kusuda.meanTemperature_K = g.meanSurface_K;
        kusuda.amplitude_K = g.surfaceAmplitude_K;
        kusuda.diffusivity_m2_s = g.diffusivity_m2_s;
        kusuda.phaseMinimum_s = g.coldestDay * 86400.0;
        std::map<double, std::size_t> depthIndex;
        for (const PipeSpec& pipe : scenario.pipes) {
            const auto [place, added] = depthIndex.try_emplace(pipe.burialDepth_m, m_ground.size());
            if (added) {
                m_ground.emplace_back(kusuda, pipe.burialDepth_m);
            }
            m_depthOf.push_back(place->second);
        }
        m_groundTime_s.assign(m_ground.size(), kNever);
        m_ground_K.assign(m_ground.size(), 0.0);
    }
}

double BoundaryConditions::outdoorTemperature(double time_s) const {
    if (time_s != m_outdoorTime_s) {
        m_outdoor_K =
            m_scenario.climate.temperature(m_scenario.simulation.startDayOfYear_s + time_s);
        m_outdoorTime_s = time_s;
    }
    return m_outdoor_K;
}

double BoundaryConditions::groundTemperature(std::size_t pipe, double time_s) const {
    if (!m_scenario.ground.kusuda) {
        return m_scenario.ground.constant_K;
    }
    const std::size_t depth = m_depthOf[pipe];
    if (time_s != m_groundTime_s[depth]) {
        m_ground_K[depth] =
            m_ground[depth].temperature(m_scenario.simulation.startDayOfYear_s + time_s);
        m_groundTime_s[depth] = time_s;
    }
    return m_ground_K[depth];
}

double BoundaryConditions::demand(std::size_t c, double time_s) const {
    const DemandSpec& d = m_scenario.consumers[c].demand;
    if (d.kind == DemandSpec::Kind::Profile) {
        const std::size_t owner = m_profileOwner[c];
        ProfileAnswers& answers = m_profileAnswers[owner];
        if (time_s != answers.time_s) {
            answers.value = m_scenario.consumers[owner].demand.profile.value(time_s);
            answers.time_s = time_s;
        }
        return d.scale * answers.value;
    }
    return m_degreeHour[c].power(outdoorTemperature(time_s));
}

const BoundaryConditions::IntervalSamples&
BoundaryConditions::samples(IntervalSamples& cache, double t0_s, double t1_s) const {
    if (t0_s != cache.t0_s || t1_s != cache.t1_s) {
        const double h = (t1_s - t0_s) / kIntervals;
        for (int i = 0; i <= kIntervals; ++i) {
            cache.outdoor_K[i] = m_scenario.climate.temperature(
                m_scenario.simulation.startDayOfYear_s + (t0_s + i * h));
        }
        cache.t0_s = t0_s;
        cache.t1_s = t1_s;
    }
    return cache;
}

double BoundaryConditions::evaluateMeanDemand(std::size_t c, double t0_s, double t1_s) const {
    const DemandSpec& d = m_scenario.consumers[c].demand;
    if (d.kind == DemandSpec::Kind::Profile) {
        const std::size_t owner = m_profileOwner[c];
        ProfileAnswers& answers = m_profileAnswers[owner];
        if (t0_s != answers.t0_s || t1_s != answers.t1_s) {
            answers.mean = m_scenario.consumers[owner].demand.profile.mean(t0_s, t1_s);
            answers.t0_s = t0_s;
            answers.t1_s = t1_s;
        }
        return d.scale * answers.mean;
    }
    // Simpson's rule on the (hourly, piecewise-linear) climate.
    const double h = (t1_s - t0_s) / kIntervals;
    if (!(h > 0)) {
        return demand(c, t0_s);
    }
    const IntervalSamples& s = samples(m_meanSamples, t0_s, t1_s);
    double sum = 0;
    constexpr std::array<double, kIntervals + 1> weights{1, 4, 2, 4, 2, 4, 2, 4, 1};
    const DegreeHourProfile& profile = m_degreeHour[c];
    for (int i = 0; i <= kIntervals; ++i) {
        sum += weights[i] * profile.power(s.outdoor_K[i]);
    }
    return sum * h / 3 / (t1_s - t0_s);
}

double BoundaryConditions::peakDemand(std::size_t c, double t0_s, double t1_s) const {
    const DemandSpec& d = m_scenario.consumers[c].demand;
    double peak = 0;
    if (d.kind == DemandSpec::Kind::Profile) {
        for (int i = 0; i <= kIntervals; ++i) {
            peak = std::max(peak, demand(c, t0_s + i * (t1_s - t0_s) / kIntervals));
        }
        return peak;
    }
    const IntervalSamples& s = samples(m_peakSamples, t0_s, t1_s);
    const DegreeHourProfile& profile = m_degreeHour[c];
    for (int i = 0; i <= kIntervals; ++i) {
        peak = std::max(peak, profile.power(s.outdoor_K[i]));
    }
    return peak;
}

double BoundaryConditions::plantSetPoint(std::size_t q, double time_s) const {
    const SupplyTemperatureSpec& s = m_scenario.plants[q].supplyTemperature;
    if (s.profile) {
        return s.profile->value(time_s);
    }
    if (!s.curve) {
        return s.constant_K;
    }
    // Heating curve: linear in outdoor temperature between the design and the mild point.
    const double outdoor = outdoorTemperature(time_s);
    const double w =
        std::clamp((outdoor - s.designOutdoor_K) / (s.mildOutdoor_K - s.designOutdoor_K), 0.0, 1.0);
    return s.atDesignOutdoor_K + w * (s.atMildOutdoor_K - s.atDesignOutdoor_K);
}

} // namespace heatnet
