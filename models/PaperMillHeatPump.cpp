#include "models/PaperMillHeatPump.h"

#include <algorithm>
#include <stdexcept>

namespace heatnet {

PaperMillHeatPump::PaperMillHeatPump(HeatPumpParameters parameters) : m_p(std::move(parameters)) {
    if (!(m_p.carnotEfficiency > 0 && m_p.carnotEfficiency <= 1) ||
        !(m_p.streamSpecificHeat_J_kgK > 0) || !(m_p.streamCooling_K > 0) ||
        !(m_p.evaporatorApproach_K >= 0) || !(m_p.capacity_W > 0)) {
        throw std::invalid_argument("PaperMillHeatPump: invalid parameters");
    }
}

double PaperMillHeatPump::availability(double time_s) const {
    return std::clamp(m_p.availability.value(time_s), 0.0, 1.0);
}

double PaperMillHeatPump::cop(double sink_K, double source_K) const {
    const double lift = std::max(sink_K - source_K, kMinLift_K);
    return std::max(1.0, m_p.carnotEfficiency * sink_K / lift);
}

double PaperMillHeatPump::cop(const SourceConditions& c) const {
    const double sink = std::min(c.targetTemperature_K, m_p.maxSupply_K);
    const double source = m_p.streamTemperature_K.value(c.time_s) - m_p.evaporatorApproach_K;
    return cop(sink, source);
}

double PaperMillHeatPump::availablePower(const SourceConditions& c) const {
    const double evaporator = std::max(0.0, m_p.streamFlow_kg_s.value(c.time_s)) *
                              m_p.streamSpecificHeat_J_kgK * m_p.streamCooling_K;
    const double performance = cop(c);
    const double condenser =
        performance > 1.0 ? evaporator * performance / (performance - 1.0) : m_p.capacity_W;
    return availability(c.time_s) * std::min(m_p.capacity_W, condenser);
}

SourceInputs PaperMillHeatPump::inputsFor(double heat_W, const SourceConditions& c) const {
    SourceInputs inputs;
    inputs.electricity_W = heat_W / cop(c);
    inputs.wasteHeat_W = heat_W - inputs.electricity_W;
    return inputs;
}

} // namespace heatnet
