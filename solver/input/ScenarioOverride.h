#pragma once
// Changes one value of a scenario's YAML tree, addressed by a key path, before the scenario reader
// sees it: a sweep (solver/sweep/SweepReader.h) builds each case this way, so that every case is
// read and validated by the one scenario reader.
//
// Key paths follow the scenario's own structure (docs/sweeps.md):
//   network.defaults.series             mapping keys, separated by dots (missing mappings are made)
//   network.pipes[P03].dn               an item of a list by its id ...
//   network.pipes[2].dn                 ... or by its 0-based position
//   network.pipes[*].series             every item of a list
//   plants.ARQUES.supply_temperature    `.ID` selects a list item by id too
//   sources.GLASSWORKS.available        shorthand: the source of that id in any plant
// A null value removes the key (e.g. `plants.ARQUES.storage: ~` runs without the tank).
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace heatnet {

//! One step of a key path: a mapping key or a list selector.
struct KeyPathStep {
    std::string key;       //!< mapping key or item id
    bool selector = false; //!< written as [..]: an id or a 0-based index into a list
};

//! A parsed key path.
struct KeyPath {
    std::string text; //!< as written
    std::vector<KeyPathStep> steps;
};

//! Parses `text`; throws InputError-free std::invalid_argument with a reason on bad syntax
//! ("empty key", "unclosed '['").
KeyPath parseKeyPath(const std::string& text);

//! Sets `value` (deep-copied; null removes) at `path` in `root`. Throws std::invalid_argument with
//! a reason naming the part of the path that does not exist ("no item 'P99' in network.pipes; did
//! you mean 'P09'?"). Apply to a copy: a failure may leave part of a [*] path applied.
void applyOverride(YAML::Node root, const KeyPath& path, const YAML::Node& value);

} // namespace heatnet
