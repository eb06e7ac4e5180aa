// Kusuda–Achenbach (1965) undisturbed ground temperature, the solution of the 1-D heat equation
// in a semi-infinite soil whose surface temperature varies as a cosine over the year:
//   T(z, t) = T_mean − A_s · exp(−z/d) · cos(2π/P · (t − t_0 − z/(2π/P · d)))
// with the damping depth d = √(α P / π) [m]. The header writes the phase lag as
// z/2 · √(P/(π α)) [s], which is the same quantity: z/d · P/(2π).
// Units: z [m], t and t_0 [s since 1 January 00:00], P = 365 d [s], α [m2/s], T [K].
#include "models/GroundTemperature.h"

#include <cmath>
#include <numbers>

namespace heatnet {
namespace {
constexpr double kYear_s = 365.0 * 86400.0;
} // namespace

KusudaGround::KusudaGround(const KusudaParameters& parameters, double depth_m)
    : m_mean_K(parameters.meanTemperature_K), m_phaseMinimum_s(parameters.phaseMinimum_s) {
    const double period = kYear_s;
    const double dampingDepth_m =
        std::sqrt(parameters.diffusivity_m2_s * period / std::numbers::pi);
    m_lag_s = depth_m / 2.0 * std::sqrt(period / (std::numbers::pi * parameters.diffusivity_m2_s));
    m_omega_rad_s = 2.0 * std::numbers::pi / period;
    m_amplitude_K = parameters.amplitude_K * std::exp(-depth_m / dampingDepth_m);
}

double KusudaGround::temperature(double time_s) const {
    return m_mean_K -
           m_amplitude_K * std::cos(m_omega_rad_s * (time_s - m_phaseMinimum_s - m_lag_s));
}

double kusudaTemperature(const KusudaParameters& parameters, double depth_m, double time_s) {
    return KusudaGround(parameters, depth_m).temperature(time_s);
}

} // namespace heatnet
