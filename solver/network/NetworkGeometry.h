#pragma once
// The network's layout as datasets of the result file (group /geometry, docs/output.md): node
// ids, coordinates and kinds (plant, factory, substation, junction), pipe ends, DN and lengths,
// which node each substation and plant sits at, and each source's plant and kind. The report draws
// its map from them.
#include "solver/input/Scenario.h"
#include "solver/output/Hdf5File.h"

#include <string>
#include <string_view>
#include <vector>

namespace heatnet {

//! Kind of each node of `scenario`, in node order: "plant" (a plant with a fuel or other
//! non-recovery source), "factory" (a plant whose sources all recover waste heat), "substation"
//! (a substation and no plant) or "junction".
std::vector<std::string> nodeKinds(const Scenario& scenario);

//! Kind of a source for readers of the results: "waste_heat", "heat_pump" (both recovered
//! heat), the fuel it burns ("gas", "biomass"), or "other".
std::string sourceKind(const SourceSpec& source);

//! Writes group /geometry.
void writeNetworkGeometry(Hdf5Writer& writer, const Scenario& scenario);
//! Writes the fixed datasets that place the elements of `group`: the node of each substation
//! (/substations/node) or plant (/plants/node), the plant and kind of each source
//! (/sources/plant, /sources/kind), each pipe's length, inner diameter and dn_auto flag
//! (/pipes); nothing for other groups. The group's label axis must exist.
void writeElementPlaces(Hdf5Writer& writer, const Scenario& scenario, std::string_view group);

} // namespace heatnet
