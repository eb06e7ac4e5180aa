#pragma once
// What differs between two scenario texts (the ones stored in result files): a structural
// comparison of the YAML documents, so that a report can say "plants[ARQUES].sources[GLASSWORKS]
// .type: waste_heat → glass_furnace" instead of showing two files. Lists of mappings with an
// `id` are matched by id, other lists by position; `name` and `description` are left out.
#include <string>
#include <vector>

namespace heatnet {

//! One difference; `before` or `after` is empty when the key exists on one side only.
struct ScenarioChange {
    std::string path;   //!< e.g. "simulation.duration", "plants[ARQUES].sources[HP]"
    std::string before; //!< value in the reference (flow-style YAML)
    std::string after;  //!< value in the other scenario (flow-style YAML)
};

//! Differences from `reference` to `other`, in document order. Throws InputError (naming
//! `otherName`) if a text is not YAML.
std::vector<ScenarioChange> diffScenarioTexts(const std::string& reference,
                                              const std::string& other,
                                              const std::string& otherName);

} // namespace heatnet
