// Degree-hour heat demand of a substation.
//   Q(T_out) = Q_dhw + k · max(0, T_limit − T_out)                              [W]
//   Q_dhw = s_dhw · E / Y                                                       [W]
//   k     = (1 − s_dhw) · E / (Y · mean_i max(0, T_limit − T_i))                [W/K]
// E the annual demand [J], s_dhw the hot-water share [-], Y = 8760 h · 3600 s/h one year [s],
// T_i the N hourly samples of the climate [K]. The mean over the samples is scaled to a year,
// so for the usual N = 8760 this is exactly Σ_i Q(T_i) · 3600 s = E; a shorter series (e.g. a
// constant climate, N = 1) is taken to repeat over the year. If T_i never falls below the limit
// there is no space heating to scale, and all of E is delivered as hot water (k = 0).
#include "models/HeatDemand.h"

#include "solver/Error.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace heatnet {
namespace {
constexpr double kYear_s = 8760.0 * 3600.0;
} // namespace

DegreeHourProfile::DegreeHourProfile(const DegreeHourDemand& parameters, const Climate& climate)
    : DegreeHourProfile(parameters,
                        std::isfinite(parameters.heatingLimit_K) && parameters.heatingLimit_K > 0.0
                            ? meanHeatingDeficit_K(climate, parameters.heatingLimit_K)
                            : 0.0) {}

DegreeHourProfile::DegreeHourProfile(const DegreeHourDemand& parameters, double meanDeficit_K)
    : m_limit_K(parameters.heatingLimit_K) {
    if (!std::isfinite(parameters.annualDemand_J) || parameters.annualDemand_J < 0.0) {
        throw InputError(fmt::format("heat demand: annual demand {} J must be finite and ≥ 0",
                                     parameters.annualDemand_J));
    }
    if (!(parameters.dhwShare >= 0.0 && parameters.dhwShare <= 1.0)) {
        throw InputError(
            fmt::format("heat demand: hot-water share {} must lie in [0, 1]", parameters.dhwShare));
    }
    if (!std::isfinite(parameters.heatingLimit_K) || parameters.heatingLimit_K <= 0.0) {
        throw InputError(fmt::format("heat demand: heating limit {} K must be a positive number",
                                     parameters.heatingLimit_K));
    }
    const double average_W = parameters.annualDemand_J / kYear_s;
    if (meanDeficit_K > 0.0) {
        m_dhw_W = parameters.dhwShare * average_W;
        m_k_W_K = (1.0 - parameters.dhwShare) * average_W / meanDeficit_K;
    } else {
        m_dhw_W = average_W;
        m_k_W_K = 0.0;
    }
}

double DegreeHourProfile::meanHeatingDeficit_K(const Climate& climate, double heatingLimit_K) {
    const std::vector<double>& samples = climate.hourly();
    if (samples.empty()) {
        throw InputError("heat demand: the climate series is empty");
    }
    double degreeHours_K = 0.0;
    for (const double t : samples) {
        degreeHours_K += std::max(0.0, heatingLimit_K - t);
    }
    return degreeHours_K / static_cast<double>(samples.size());
}

} // namespace heatnet
