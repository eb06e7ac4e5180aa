#include "models/WasteHeatSource.h"

#include <algorithm>

namespace heatnet {

WasteHeatSource::WasteHeatSource(WasteHeatParameters parameters) : m_p(std::move(parameters)) {
    if (m_p.capacity_W <= 0) {
        m_p.capacity_W = m_p.available_W.maximum();
    }
}

double WasteHeatSource::availablePower(const SourceConditions& conditions) const {
    const double power = m_p.available_W.value(conditions.time_s) *
                         std::clamp(m_p.availability.value(conditions.time_s), 0.0, 1.0);
    return std::clamp(power, 0.0, m_p.capacity_W);
}

SourceInputs WasteHeatSource::inputsFor(double heat_W, const SourceConditions&) const {
    SourceInputs inputs;
    inputs.wasteHeat_W = heat_W;
    return inputs;
}

} // namespace heatnet
