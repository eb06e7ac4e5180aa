#pragma once
// A consumer substation with an ideal controller. Its primary mass flow ṁ is set at each
// hydraulic step from the step's mean demand Q̄ and the temperature drop it aims at:
//   ṁ = max(ṁ_min, Q̄ / (c_p ΔT)),   ΔT = ΔT_fixed, or T_s,expected − T_r,design (≥ 5 K)
// Within the step, at the arriving supply temperature T_s, it delivers
//   Q = min(Q_demand(t), ṁ c_p (T_s − T_floor)^+),   T_r = T_s − Q / (ṁ c_p)
// T_floor is the design return temperature (the primary water cannot be cooled below the
// secondary return) or, for a fixed-ΔT substation, 0 °C. Unmet heat is Q_demand − Q.
namespace heatnet {

//! Parameters of a substation, SI.
struct SubstationParameters {
    double designReturn_K = 0;     //!< return temperature aimed at [K]
    double fixedDeltaT_K = 0;      //!< > 0: fixed primary temperature drop [K]
    double minMassFlow_kg_s = 0;   //!< bypass flow [kg/s]
    double maxMassFlow_kg_s = 1e9; //!< valve fully open [kg/s]
};

//! What a substation does at one instant.
struct SubstationState {
    double delivered_W = 0;
    double return_K = 0;
};

//! Primary mass flow [kg/s] for a step with mean demand `meanDemand_W` when the supply is
//! expected at `expectedSupply_K`.
double substationMassFlow(const SubstationParameters& p, double meanDemand_W,
                          double expectedSupply_K, double specificHeat_J_kgK);

//! Heat delivered and return temperature at supply temperature T_s.
SubstationState substationOperate(const SubstationParameters& p, double demand_W, double supply_K,
                                  double massFlow_kg_s, double specificHeat_J_kgK);

} // namespace heatnet
