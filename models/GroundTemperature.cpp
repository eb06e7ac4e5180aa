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

double kusudaTemperature(const KusudaParameters& parameters, double depth_m, double time_s) {
    const double period = kYear_s;
    const double dampingDepth_m =
        std::sqrt(parameters.diffusivity_m2_s * period / std::numbers::pi);
    const double lag_s =
        depth_m / 2.0 * std::sqrt(period / (std::numbers::pi * parameters.diffusivity_m2_s));
    const double omega = 2.0 * std::numbers::pi / period;
    return parameters.meanTemperature_K -
           parameters.amplitude_K * std::exp(-depth_m / dampingDepth_m) *
               std::cos(omega * (time_s - parameters.phaseMinimum_s - lag_s));
}

} // namespace heatnet
