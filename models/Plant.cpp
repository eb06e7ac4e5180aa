#include "models/Plant.h"

#include <algorithm>

namespace heatnet {

void operatePlant(std::span<const HeatSource* const> sources, const SourceConditions& conditions,
                  PlantOperation& result) {
    result.heat_W.assign(sources.size(), 0.0);
    result.inputs.assign(sources.size(), SourceInputs{});
    double temperature = conditions.inletTemperature_K;
    const double capacityRate = conditions.massFlow_kg_s * conditions.specificHeat_J_kgK;
    if (capacityRate > 0) {
        for (std::size_t k = 0; k < sources.size(); ++k) {
            SourceConditions here = conditions;
            here.inletTemperature_K = temperature;
            const double ceiling =
                std::min(conditions.targetTemperature_K, sources[k]->maxOutletTemperature(here));
            const double needed = capacityRate * std::max(0.0, ceiling - temperature);
            const double heat = std::clamp(sources[k]->availablePower(here), 0.0, needed);
            result.heat_W[k] = heat;
            result.inputs[k] = sources[k]->inputsFor(heat, here);
            temperature += heat / capacityRate;
        }
    }
    result.outlet_K = temperature;
}

} // namespace heatnet
