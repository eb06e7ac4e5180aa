#pragma once
// Synthetic networks for benchmarks and scaling studies, laid out like real ones: a main leaves
// the plant, streets branch off streets already laid (each street a chain of 4–12 pipe pairs),
// buildings hang on the streets by short service pipes and a few larger ones sit on the street
// itself, and every street ends at a building. So the tree is tens of pipes deep, not hundreds,
// consumers sit along the mains and at the leaves, and every pipe is sized by the design-hour
// pressure gradient (`dn: auto`, solver/network/PipeSizing.h). Deterministic for a given seed.
#include "solver/input/Scenario.h"

namespace heatnet {

//! Parameters of a generated network.
struct GeneratedNetworkOptions {
    int pipePairs = 500; //!< pipe pairs (supply + return = 2 × this many pipes)
    double duration_s = 8760 * 3600.0;
    unsigned seed = 1;
    double meanStreetPipe_m = 80;            //!< street pipes drawn in [0.5, 1.5] × this
    double meanServicePipe_m = 20;           //!< service pipes drawn in [0.5, 1.5] × this
    double demandPerConsumer_J = 40 * 3.6e9; //!< mean annual demand of a consumer (40 MWh)
};

//! Builds and sizes the scenario (synthetic Saint-Omer climate, waste heat + gas boiler).
Scenario generateNetwork(const GeneratedNetworkOptions& options);

//! The largest number of pipe pairs between the first plant's node and any node of a tree
//! scenario (its depth).
int treeDepth(const Scenario& scenario);

} // namespace heatnet
