#pragma once
// A plant heats the return water arriving at its node to the supply set point with its sources
// connected in series in merit order (waste heat first by default). Each source k heats from
// where the previous one left the water, limited by its available power and its maximum outlet
// temperature:
//   q_k = min(P_k, ṁ c_p (min(T_set, T_max,k) − T_k)^+),   T_{k+1} = T_k + q_k / (ṁ c_p)
// If the sources together cannot reach the set point, the supply leaves colder.
//
// With a storage tank, the tank discharges into the plant water after the waste-heat sources
// and before the first other source (so before the backup boilers start), and it is charged by
// the surplus of the waste-heat sources, Σ (available − used), in a separate loop (tank bottom →
// waste-heat exchangers → tank top). The charging heat is counted as heat of those sources.
#include "models/HeatSource.h"
#include "models/StratifiedStorage.h"

#include <memory>
#include <span>
#include <vector>

namespace heatnet {

//! Outcome of one plant at one instant.
struct PlantOperation {
    double outlet_K = 0;
    std::vector<double> heat_W;       //!< per source, in the order given (incl. charging)
    std::vector<double> chargeHeat_W; //!< per source: the part of heat_W that charges the tank
    std::vector<SourceInputs> inputs; //!< per source
    double chargeSurplus_W = 0;       //!< waste heat the sources could give the tank
    double charge_W = 0;              //!< heat into the tank by the charging loop
    double chargeFlow_kg_s = 0;       //!< down through the tank, entering the top
    double chargeInlet_K = 0;         //!< temperature entering the tank top when charging
    double discharge_W = 0;           //!< heat from the tank into the plant water
    double dischargeFlow_kg_s = 0;    //!< up through the tank, entering the bottom
    double dischargeInlet_K = 0;      //!< plant water entering the tank bottom
};

//! The tank of a plant and its current top and bottom layer temperatures.
struct PlantStorageState {
    const StratifiedStorage* tank = nullptr;
    double top_K = 0, bottom_K = 0;
};

//! Operates sources (already sorted in merit order) on the water arriving at `conditions`,
//! with an optional storage tank.
void operatePlant(std::span<const HeatSource* const> sources, const SourceConditions& conditions,
                  PlantOperation& result, const PlantStorageState* storage = nullptr);

} // namespace heatnet
