#pragma once
// Mean age of the supply water at each node: the time since the water left a plant [s], for the
// flows of one hydraulic state. The water of pipe p (M_p = ρ A L [kg]) ages by its transit
// M_p / |ṁ_p| on the way, and the streams entering a node mix flow-weighted:
//   age(n) = Σ_in (|ṁ_p| age(upstream of p) + M_p) / (Σ_in |ṁ_p| + Σ_plants at n ṁ_q)
// (water fed by a plant at n has age 0). Nodes are taken in a topological order of the flow
// directions (Kahn's algorithm), so meshed networks and reversed flows need nothing special.
// A node that nothing flows into (standing water), or that no order reaches, gets `stagnant_s`.
#include "solver/network/Network.h"

#include <span>
#include <vector>

namespace heatnet {

//! Age [s] of the supply water at each node. pipeWater_kg: water in each pipe [kg];
//! pipeFlow_kg_s: supply-layer flows (+ from → to); plantFlow_kg_s: each plant's feed [kg/s].
std::vector<double> supplyWaterAge(const Network& network, std::span<const double> pipeWater_kg,
                                   std::span<const double> pipeFlow_kg_s,
                                   std::span<const double> plantFlow_kg_s, double stagnant_s);

} // namespace heatnet
