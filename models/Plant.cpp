#include "models/Plant.h"

#include <algorithm>

namespace heatnet {

void operatePlant(std::span<const HeatSource* const> sources, const SourceConditions& conditions,
                  PlantOperation& result, const PlantStorageState* storage) {
    result.heat_W.assign(sources.size(), 0.0);
    result.chargeHeat_W.assign(sources.size(), 0.0);
    result.inputs.assign(sources.size(), SourceInputs{});
    result.charge_W = result.chargeFlow_kg_s = result.discharge_W = result.dischargeFlow_kg_s = 0;
    result.chargeSurplus_W = 0;
    result.chargeInlet_K = result.dischargeInlet_K = conditions.inletTemperature_K;
    double temperature = conditions.inletTemperature_K;
    const double capacityRate = conditions.massFlow_kg_s * conditions.specificHeat_J_kgK;
    const StratifiedStorage* tank = storage ? storage->tank : nullptr;
    bool discharged = false;
    auto discharge = [&] {
        discharged = true;
        result.dischargeInlet_K = temperature;
        if (capacityRate <= 0) {
            return;
        }
        const double heat = tank->dischargePower(capacityRate, temperature,
                                                 conditions.targetTemperature_K, storage->top_K);
        result.discharge_W = heat;
        result.dischargeFlow_kg_s = tank->flowFor(heat, storage->top_K, temperature);
        temperature += heat / capacityRate;
    };
    // What each source saw, kept only for the tank's charging loop: without a tank nothing is
    // allocated (plug flow operates every plant twice a step).
    SourceConditions here = conditions;
    std::vector<SourceConditions> seen;
    if (tank) {
        seen.resize(sources.size());
    }
    for (std::size_t k = 0; k < sources.size(); ++k) {
        if (tank && !discharged && !sources[k]->isWasteHeat()) {
            discharge();
        }
        here.inletTemperature_K = temperature;
        if (tank) {
            seen[k] = here;
        }
        if (capacityRate <= 0) {
            continue;
        }
        const double ceiling =
            std::min(conditions.targetTemperature_K, sources[k]->maxOutletTemperature(here));
        const double needed = capacityRate * std::max(0.0, ceiling - temperature);
        const double heat = std::clamp(sources[k]->availablePower(here), 0.0, needed);
        result.heat_W[k] = heat;
        result.inputs[k] = sources[k]->inputsFor(heat, here);
        temperature += heat / capacityRate;
    }
    if (tank && !discharged) {
        discharge();
    }
    result.outlet_K = temperature;
    if (!tank) {
        return;
    }
    // Charging: the waste-heat surplus, entering the top at the surplus-weighted outlet
    // temperature of the waste-heat sources that have some (at most the tank's maximum).
    double surplus = 0, weighted = 0;
    std::vector<double> spare(sources.size(), 0.0);
    for (std::size_t k = 0; k < sources.size(); ++k) {
        if (sources[k]->isWasteHeat()) {
            spare[k] = std::max(0.0, sources[k]->availablePower(seen[k]) - result.heat_W[k]);
            surplus += spare[k];
            weighted += spare[k] * sources[k]->maxOutletTemperature(seen[k]);
        }
    }
    if (surplus <= 0) {
        return;
    }
    const double inlet = std::min(tank->parameters().maxTemperature_K, weighted / surplus);
    result.chargeSurplus_W = surplus;
    const double charge = tank->chargePower(surplus, inlet, storage->bottom_K);
    result.chargeInlet_K = inlet;
    result.charge_W = charge;
    result.chargeFlow_kg_s = tank->flowFor(charge, inlet, storage->bottom_K);
    // The charging heat is taken from the waste-heat sources in merit order.
    double remaining = charge;
    for (std::size_t k = 0; k < sources.size() && remaining > 0; ++k) {
        const double extra = std::min(spare[k], remaining);
        if (extra > 0) {
            result.heat_W[k] += extra;
            result.chargeHeat_W[k] = extra;
            result.inputs[k] = sources[k]->inputsFor(result.heat_W[k], seen[k]);
            remaining -= extra;
        }
    }
}

} // namespace heatnet
