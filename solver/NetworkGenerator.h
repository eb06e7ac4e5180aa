#pragma once
// Synthetic networks for benchmarks and scaling studies: a branched tree of pipe pairs fed by
// one plant, with a consumer at every leaf, pipes sized from the catalogue for their design flow.
// Deterministic for a given seed: the same parameters always give the same scenario.
#include "solver/Scenario.h"

namespace heatnet {

//! Parameters of a generated network.
struct GeneratedNetworkOptions {
    int pipePairs = 500; //!< pipe pairs (supply + return = 2 × this many pipes)
    double duration_s = 8760 * 3600.0;
    unsigned seed = 1;
    double meanPipeLength_m = 60;            //!< lengths drawn uniformly in [0.5, 1.5] × this
    double demandPerConsumer_J = 50 * 3.6e9; //!< annual demand of each consumer (50 MWh)
};

//! Builds the scenario (synthetic Saint-Omer climate, gas boiler + waste heat).
Scenario generateNetwork(const GeneratedNetworkOptions& options);

} // namespace heatnet
