#include "models/Boiler.h"

#include <algorithm>

namespace heatnet {

Boiler::Boiler(BoilerParameters parameters) : m_p(std::move(parameters)) {}

double Boiler::availablePower(const SourceConditions& conditions) const {
    return m_p.capacity_W * std::clamp(m_p.availability.value(conditions.time_s), 0.0, 1.0);
}

SourceInputs Boiler::inputsFor(double heat_W, const SourceConditions&) const {
    SourceInputs inputs;
    inputs.fuel_W = heat_W / m_p.efficiency;
    return inputs;
}

} // namespace heatnet
