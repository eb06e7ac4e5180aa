#include "models/Substation.h"

#include <algorithm>
#include <cmath>

namespace heatnet {

double exchangerConductance(double designPower_W, double designSupply_K, double designReturn_K,
                            double secondarySupply_K, double secondaryReturn_K) {
    const double hot = designSupply_K - secondarySupply_K; // counterflow: hot end
    const double cold = designReturn_K - secondaryReturn_K;
    const double lmtd = std::abs(hot - cold) < 1e-9 ? hot : (hot - cold) / std::log(hot / cold);
    return designPower_W / lmtd;
}

double exchangerHeat(double ua_W_K, double primaryRate_W_K, double secondaryRate_W_K,
                     double supply_K, double secondaryReturn_K) {
    if (primaryRate_W_K <= 0 || secondaryRate_W_K <= 0 || supply_K <= secondaryReturn_K) {
        return 0.0;
    }
    const double cMin = std::min(primaryRate_W_K, secondaryRate_W_K);
    const double cMax = std::max(primaryRate_W_K, secondaryRate_W_K);
    const double ratio = cMin / cMax;
    const double ntu = ua_W_K / cMin;
    double effectiveness = 0;
    if (ratio > 1 - 1e-9) {
        effectiveness = ntu / (1 + ntu);
    } else {
        const double e = std::exp(-ntu * (1 - ratio));
        effectiveness = (1 - e) / (1 - ratio * e);
    }
    return effectiveness * cMin * (supply_K - secondaryReturn_K);
}

namespace {

//! Secondary capacity rate [W/K] that carries `demand_W` across the building circuit.
double secondaryRate(const SubstationParameters& p, double demand_W) {
    return std::max(0.0, demand_W) / (p.secondarySupply_K - p.secondaryReturn_K);
}

} // namespace

double substationMassFlow(const SubstationParameters& p, double demand_W, double expectedSupply_K,
                          double specificHeat_J_kgK) {
    const double upper = std::max(p.minMassFlow_kg_s, p.maxMassFlow_kg_s);
    if (p.heatExchanger) {
        const double cs = secondaryRate(p, demand_W);
        if (cs <= 0) {
            return p.minMassFlow_kg_s;
        }
        // The valve opens until the exchanger passes the demand (heat rises with the flow).
        auto passes = [&](double flow) {
            return exchangerHeat(p.ua_W_K, flow * specificHeat_J_kgK, cs, expectedSupply_K,
                                 p.secondaryReturn_K);
        };
        if (passes(upper) <= demand_W) {
            return upper;
        }
        double low = 0, high = upper;
        for (int i = 0; i < 60; ++i) {
            const double mid = 0.5 * (low + high);
            (passes(mid) < demand_W ? low : high) = mid;
        }
        return std::max(p.minMassFlow_kg_s, high);
    }
    const double deltaT =
        p.fixedDeltaT_K > 0 ? p.fixedDeltaT_K : std::max(5.0, expectedSupply_K - p.designReturn_K);
    const double flow = std::max(0.0, demand_W) / (specificHeat_J_kgK * deltaT);
    return std::clamp(flow, p.minMassFlow_kg_s, upper);
}

double controllerSupply(double previous_K, double measured_K, double step_s, double lag_s) {
    if (!(measured_K > previous_K)) {
        return measured_K;
    }
    if (!(lag_s > 0)) {
        return measured_K;
    }
    return measured_K - (measured_K - previous_K) * std::exp(-step_s / lag_s);
}

double exchangerPossible(const SubstationParameters& p, double demand_W, double capacityRate_W_K,
                         double supply_K) {
    return exchangerHeat(p.ua_W_K, capacityRate_W_K, secondaryRate(p, demand_W), supply_K,
                         p.secondaryReturn_K);
}

} // namespace heatnet
