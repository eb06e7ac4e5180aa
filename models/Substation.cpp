#include "models/Substation.h"

#include <algorithm>

namespace heatnet {

double substationMassFlow(const SubstationParameters& p, double meanDemand_W,
                          double expectedSupply_K, double specificHeat_J_kgK) {
    const double deltaT =
        p.fixedDeltaT_K > 0 ? p.fixedDeltaT_K : std::max(5.0, expectedSupply_K - p.designReturn_K);
    const double flow = std::max(0.0, meanDemand_W) / (specificHeat_J_kgK * deltaT);
    return std::clamp(flow, p.minMassFlow_kg_s, std::max(p.minMassFlow_kg_s, p.maxMassFlow_kg_s));
}

SubstationState substationOperate(const SubstationParameters& p, double demand_W, double supply_K,
                                  double massFlow_kg_s, double specificHeat_J_kgK) {
    SubstationState state;
    state.return_K = supply_K;
    if (massFlow_kg_s <= 0) {
        return state;
    }
    const double floor_K = p.fixedDeltaT_K > 0 ? 273.15 : p.designReturn_K;
    const double capacityRate = massFlow_kg_s * specificHeat_J_kgK;
    const double possible = capacityRate * std::max(0.0, supply_K - floor_K);
    state.delivered_W = std::clamp(demand_W, 0.0, possible);
    state.return_K = supply_K - state.delivered_W / capacityRate;
    return state;
}

} // namespace heatnet
