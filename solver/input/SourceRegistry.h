#pragma once
// The one place that maps a source's `type:` in a scenario to the code that reads its keys and
// builds its immutable model. Adding a source type is one entry in SourceRegistry::standard().
//
//   sources:
//     - {id: GLASS, type: waste_heat, available: 5 MW, max_supply: 110 degC, priority: 1,
//        stops: [{from: 2025-08-04, to: 2025-08-25}]}
//     - {id: GAS, type: boiler, capacity: 14 MW, efficiency: 92 %, fuel: gas, priority: 9}
//
// Keys every type accepts: id, type, priority, stops (windows in which availability is 0).
#include "models/HeatSource.h"
#include "models/TimeProfile.h"
#include "solver/input/Input.h"
#include "solver/input/Scenario.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace heatnet {

//! What a type's parser gets besides its YAML node.
struct SourceContext {
    const SimulationSettings& simulation; //!< run start and duration (profiles, dates)
    std::string id;                       //!< the source's id
    TimeProfile availability;             //!< 1 running, 0 stopped (from `stops`)
};

//! Builds a source model from its (already key-checked) YAML mapping.
using SourceParser =
    std::function<std::shared_ptr<const HeatSource>(const InputNode&, const SourceContext&)>;

//! Source types known to the reader.
class SourceRegistry {
public:
    //! The registry with the bundled types (waste_heat, boiler).
    static const SourceRegistry& standard();

    //! Registers `type`, accepting `keys` in addition to the common ones.
    void add(std::string type, std::vector<std::string> keys, std::string summary,
             SourceParser parser);
    //! Reads one item of a plant's `sources` list. Throws InputError on an unknown type (listing
    //! the known ones), unknown keys or bad values.
    SourceSpec build(const InputNode& node, const SimulationSettings& simulation) const;
    //! Known types, in registration order.
    std::vector<std::string> types() const;
    //! One line per type: "waste_heat: industrial waste heat ...; keys: ..." (for docs, --help).
    std::vector<std::string> describe() const;

private:
    struct Entry {
        std::string type;
        std::vector<std::string> keys;
        std::string summary;
        SourceParser parser;
    };
    std::vector<Entry> m_entries;
};

} // namespace heatnet
