#include "models/GlassFurnaceRecovery.h"

#include <algorithm>
#include <stdexcept>

namespace heatnet {

GlassFurnaceRecovery::GlassFurnaceRecovery(GlassFurnaceParameters parameters)
    : m_p(std::move(parameters)) {
    if (!(m_p.flueGasFlow_kg_s >= 0) || !(m_p.flueGasSpecificHeat_J_kgK > 0) ||
        !(m_p.approach_K >= 0) || !(m_p.partLoadDrop_K >= 0)) {
        throw std::invalid_argument("GlassFurnaceRecovery: invalid parameters");
    }
    if (m_p.capacity_W <= 0) {
        // Unlimited exchanger: the flue gas cooled from nominal to the floor at full pull.
        m_p.capacity_W = m_p.flueGasFlow_kg_s * m_p.flueGasSpecificHeat_J_kgK *
                         std::max(0.0, m_p.flueGasTemperature_K - m_p.flueGasFloor_K);
    }
}

double GlassFurnaceRecovery::availability(double time_s) const {
    return std::clamp(m_p.availability.value(time_s), 0.0, 1.0);
}

double GlassFurnaceRecovery::flueGasTemperature(double time_s) const {
    const double pull = std::clamp(m_p.pullRate.value(time_s), 0.0, 1.0);
    return m_p.flueGasTemperature_K - m_p.partLoadDrop_K * (1.0 - pull);
}

double GlassFurnaceRecovery::availablePower(const SourceConditions& c) const {
    const double pull = std::clamp(m_p.pullRate.value(c.time_s), 0.0, 1.0);
    const double gasRate = m_p.flueGasFlow_kg_s * pull * m_p.flueGasSpecificHeat_J_kgK; // [W/K]
    const double gasOut = std::max(m_p.flueGasFloor_K, c.inletTemperature_K + m_p.approach_K);
    const double recoverable = gasRate * std::max(0.0, flueGasTemperature(c.time_s) - gasOut);
    return availability(c.time_s) * std::min(m_p.capacity_W, recoverable);
}

double GlassFurnaceRecovery::maxOutletTemperature(const SourceConditions& c) const {
    return flueGasTemperature(c.time_s) - m_p.approach_K;
}

double GlassFurnaceRecovery::flueGasOutletTemperature(double heat_W,
                                                      const SourceConditions& c) const {
    const double pull = std::clamp(m_p.pullRate.value(c.time_s), 0.0, 1.0);
    const double gasRate = m_p.flueGasFlow_kg_s * pull * m_p.flueGasSpecificHeat_J_kgK;
    const double inlet = flueGasTemperature(c.time_s);
    return gasRate > 0 ? inlet - heat_W / gasRate : inlet;
}

SourceInputs GlassFurnaceRecovery::inputsFor(double heat_W, const SourceConditions&) const {
    SourceInputs inputs;
    inputs.wasteHeat_W = heat_W;
    return inputs;
}

} // namespace heatnet
