#pragma once
// The scenario format's single source of truth: every key the reader accepts, section by section,
// with its type, unit dimension, default, range, allowed values, one line of help and an example.
// The reader takes its allowed keys, defaults and ranges from here (ScenarioReader,
// SourceRegistry, ProfileReader); `heatnet schema` turns it into a JSON Schema; the key tables of
// docs/scenario.md are generated from it; tests check scenarios/reference.yaml against it.
// Adding a key is one line here plus the code that reads it.
#include "solver/input/Units.h"

#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace heatnet {

//! What a key's value is.
enum class KeyType {
    Text,              //!< free text (names, ids, CSV columns)
    NodeId,            //!< the id of a node in network.nodes
    Number,            //!< a plain number
    Integer,           //!< a whole number
    Boolean,           //!< true | false
    Quantity,          //!< a number with a unit of `dimension` ("250 m"); bare for Dimensionless
    UnitsQuantity,     //!< a number with one of the units listed in `units` (not a Dimension)
    Choice,            //!< one of `choices`
    ChoiceList,        //!< a list of `choices`, each at most once (`[]` for none)
    Date,              //!< YYYY-MM-DD [HH:MM[:SS]]
    FilePath,          //!< a file, relative to the scenario's folder
    Profile,           //!< a time profile of `dimension` (solver/input/ProfileReader.h)
    ProfileParent,     //!< a profile value inside a weekly profile (the profile's dimension)
    UnitName,          //!< the unit of a CSV column, of the profile's dimension
    Mapping,           //!< a mapping whose keys are section `child`
    List,              //!< a list of mappings whose keys are section `child`
    QuantityOrMapping, //!< a quantity of `dimension` or a mapping of section `child`
};

//! One key of one section.
struct KeySpec {
    std::string_view name{};
    KeyType type = KeyType::Text;
    Dimension dimension = Dimension::Dimensionless; //!< Quantity, Profile, QuantityOrMapping
    std::string_view defaultValue{}; //!< as written in a scenario ("8760 h"); empty: none
    std::string_view defaultNote{};  //!< a default that is not a value ("the climate's mean")
    bool required = false;
    double min = -std::numeric_limits<double>::infinity(); //!< lower bound, SI
    double max = std::numeric_limits<double>::infinity();  //!< upper bound, SI
    bool minExclusive = false, maxExclusive = false;
    std::vector<std::string_view> choices{}; //!< Choice: the allowed values
    std::string_view child{};                //!< Mapping, List, QuantityOrMapping: its section
    std::string_view units{};                //!< UnitsQuantity: "m2/s, mm2/s, m2/d"
    std::string_view help{};                 //!< one line
    std::string_view example{};              //!< a value as written in a scenario
    //! "> 0", "in (0, 1]", "≥ 1", "" for no range; in the units of the example (SI here).
    std::string rangeText() const;
    bool hasRange() const {
        return min > -std::numeric_limits<double>::infinity() ||
               max < std::numeric_limits<double>::infinity();
    }
    //! True if `valueSi` lies in [min, max] (bounds excluded where said).
    bool inRange(double valueSi) const;
};

//! A mapping kind of the format: the scenario's top level, `simulation`, a pipe, a source type...
struct SectionSpec {
    std::string_view name{};  //!< "simulation", "pipe", "source:boiler" ...
    std::string_view where{}; //!< where it appears: "simulation", "network.pipes[]" ...
    std::string_view help{};
    std::vector<KeySpec> keys{};
    //! Groups of keys of which exactly one must be given ("annual_demand" | "profile").
    std::vector<std::vector<std::string_view>> exactlyOneOf{};
};

//! The whole format, in reading order.
const std::vector<SectionSpec>& scenarioSections();
//! The section named `name`; throws std::logic_error if there is none (a programming error).
const SectionSpec& scenarioSection(std::string_view name);
//! The key `key` of section `section`; throws std::logic_error if there is none.
const KeySpec& scenarioKey(std::string_view section, std::string_view key);
//! The names of a section's keys, in table order (for InputNode::allowOnly).
std::vector<std::string> keyNames(std::string_view section);
//! The source types, in table order (sections named "source:TYPE").
std::vector<std::string> sourceTypes();

} // namespace heatnet
