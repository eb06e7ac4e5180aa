#pragma once
// A consumer substation with an ideal controller. Its primary mass flow ṁ is set at each
// hydraulic step (ThermalSystem blends it linearly to the next step's) for the demand Q̄ it must
// serve when the supply is expected at T_s:
//
// Direct model (default):
//   ṁ = clamp(Q̄ / (c_p ΔT), ṁ_min, ṁ_max),   ΔT = ΔT_fixed, or T_s − T_r,design (≥ 5 K)
//   Q = min(Q_demand(t), ṁ c_p (T_s − T_floor)^+),   T_r = T_s − Q / (ṁ c_p)
//   T_floor = design return (or 0 °C for a fixed-ΔT substation).
//
// Heat-exchanger model (`heat_exchanger:` in the scenario): a counterflow exchanger between the
// primary water and the building circuit (secondary supply/return T_ss/T_sr, constant), with
// UA sized at the design point: P_d = UA · LMTD(T_s,d − T_ss, T_r,d − T_sr). For a demand Q the
// secondary capacity rate is C_s = Q / (T_ss − T_sr) and the controller opens the primary valve
// until the exchanger passes Q:
//   Q = ε(NTU, C_r) · C_min · (T_s − T_sr),   NTU = UA / C_min,  C_r = C_min / C_max
//   ε = (1 − e^{−NTU(1−C_r)}) / (1 − C_r e^{−NTU(1−C_r)})   (ε = NTU/(1+NTU) at C_r = 1)
// so a lower supply needs more primary flow, and the primary return T_r = T_s − Q/(ṁ c_p)
// RISES. When the valve is fully open (ṁ_max = 2 × design flow) the rest of the demand is unmet.
#include <algorithm>

namespace heatnet {

//! Parameters of a substation, SI.
struct SubstationParameters {
    double designReturn_K = 0;     //!< return temperature aimed at [K]
    double fixedDeltaT_K = 0;      //!< > 0: fixed primary temperature drop [K]
    double minMassFlow_kg_s = 0;   //!< bypass flow [kg/s]
    double maxMassFlow_kg_s = 1e9; //!< valve fully open [kg/s]
    bool heatExchanger = false;    //!< use the heat-exchanger model
    double secondarySupply_K = 0;  //!< building circuit supply [K] (heat-exchanger model)
    double secondaryReturn_K = 0;  //!< building circuit return [K] (heat-exchanger model)
    double ua_W_K = 0;             //!< exchanger conductance [W/K] (heat-exchanger model)
};

//! Exchanger conductance UA [W/K] that passes `designPower_W` from primary supply/return
//! (designSupply_K, designReturn_K) to the secondary circuit (secondary supply/return).
double exchangerConductance(double designPower_W, double designSupply_K, double designReturn_K,
                            double secondarySupply_K, double secondaryReturn_K);

//! Heat [W] a counterflow exchanger passes from a primary stream (capacity rate C_p [W/K],
//! inlet T_s) to a secondary stream (C_s, inlet T_sr).
double exchangerHeat(double ua_W_K, double primaryRate_W_K, double secondaryRate_W_K,
                     double supply_K, double secondaryReturn_K);

//! What a substation does at one instant.
struct SubstationState {
    double delivered_W = 0;
    double return_K = 0;
};

//! Primary mass flow [kg/s] for a step with demand `demand_W` to serve when the supply is
//! expected at `expectedSupply_K`.
double substationMassFlow(const SubstationParameters& p, double demand_W, double expectedSupply_K,
                          double specificHeat_J_kgK);

//! The supply temperature [K] a substation's controller sizes its flow on, after one decision
//! interval `step_s` [s], from its previous value `previous_K` and the supply measured now
//! `measured_K`. A fall is followed at once (the valve opens: the demand is never left short for
//! a colder supply); a rise through a first-order lag of time constant `lag_s` [s]:
//!   T_c ← T_m                                          if T_m ≤ T_c
//!   T_c ← T_m − (T_m − T_c) exp(−step / lag)            otherwise
//! The lag damps the loop valve → transport → supply (docs/models.md, "Substation control").
double controllerSupply(double previous_K, double measured_K, double step_s, double lag_s);

//! Heat [W] a heat-exchanger substation can pass to its building at the primary capacity rate
//! ṁ c_p [W/K] and supply temperature T_s [K] for the demand [W] (its secondary flow).
double exchangerPossible(const SubstationParameters& p, double demand_W, double capacityRate_W_K,
                         double supply_K);

//! Heat delivered and return temperature at supply temperature T_s (inline: the plug-flow
//! sweep calls it for every segment of every substation's stream).
inline SubstationState substationOperate(const SubstationParameters& p, double demand_W,
                                         double supply_K, double massFlow_kg_s,
                                         double specificHeat_J_kgK) {
    SubstationState state;
    state.return_K = supply_K;
    if (massFlow_kg_s <= 0) {
        return state;
    }
    const double capacityRate = massFlow_kg_s * specificHeat_J_kgK;
    double possible = 0;
    if (p.heatExchanger) {
        possible = exchangerPossible(p, demand_W, capacityRate, supply_K);
    } else {
        const double floor_K = p.fixedDeltaT_K > 0 ? 273.15 : p.designReturn_K;
        possible = capacityRate * std::max(0.0, supply_K - floor_K);
    }
    state.delivered_W = std::clamp(demand_W, 0.0, possible);
    state.return_K = supply_K - state.delivered_W / capacityRate;
    return state;
}

} // namespace heatnet
