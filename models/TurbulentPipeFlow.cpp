#include "models/TurbulentPipeFlow.h"

#include <algorithm>
#include <cmath>

namespace heatnet {

double smoothFriction(double reynolds) {
    return std::pow(0.79 * std::log(std::max(reynolds, 3000.0)) - 1.64, -2);
}

double taylorDispersion(double velocity_m_s, double innerDiameter_m, double reynolds) {
    if (!(reynolds > 2300)) {
        return 0.0;
    }
    return 10.1 * 0.5 * innerDiameter_m * std::abs(velocity_m_s) *
           std::sqrt(smoothFriction(reynolds) / 8);
}

} // namespace heatnet
