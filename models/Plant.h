#pragma once
// A plant heats the return water arriving at its node to the supply set point with its sources
// connected in series in merit order (waste heat first by default). Each source k heats from
// where the previous one left the water, limited by its available power and its maximum outlet
// temperature:
//   q_k = min(P_k, ṁ c_p (min(T_set, T_max,k) − T_k)^+),   T_{k+1} = T_k + q_k / (ṁ c_p)
// If the sources together cannot reach the set point, the supply leaves colder.
#include "models/HeatSource.h"

#include <memory>
#include <span>
#include <vector>

namespace heatnet {

//! Outcome of one plant at one instant.
struct PlantOperation {
    double outlet_K = 0;
    std::vector<double> heat_W;          //!< per source, in the order given
    std::vector<SourceInputs> inputs;    //!< per source
};

//! Operates sources (already sorted in merit order) on the water arriving at `conditions`.
void operatePlant(std::span<const HeatSource* const> sources, const SourceConditions& conditions,
                  PlantOperation& result);

} // namespace heatnet
