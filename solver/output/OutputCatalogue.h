#pragma once
// The result file's time series, in one catalogue (docs/output.md): each entry names its group,
// dataset, element dimension, unit and long name, and says where its values are in a StepRecord.
// ResultWriter creates and fills the series from it, the scenario's `output:` section chooses
// among its entries (solver/input/ScenarioKeys.cpp lists them as the allowed values), and the docs
// list them. Adding an output series is one entry here (plus its field in StepRecord if new).
#include "solver/run/Simulation.h"

#include <span>
#include <string_view>
#include <vector>

namespace heatnet {

//! A group of series sharing a time axis and one element dimension (besides `network`'s none).
struct OutputGroupSpec {
    std::string_view name;      //!< "pipes"
    std::string_view dimension; //!< the label axis of its per-element series ("pipe"; "" none)
    std::string_view help;      //!< one line, for the key table
};

//! One time series of the result file.
struct OutputSeriesSpec {
    std::string_view group;     //!< an OutputGroupSpec name
    std::string_view name;      //!< the dataset name in the group
    std::string_view dimension; //!< its label axis ("" for a series over time only)
    //! CF-style unit of the stored values. "degC" series are held in K in the StepRecord and
    //! stored as K − 273.15; every other unit is stored as held.
    std::string_view units;
    std::string_view longName;
    //! The values at one output time: one per element of `dimension` (one if none).
    std::span<const double> (*values)(const StepRecord&);
};

//! The groups, in the file's order.
const std::vector<OutputGroupSpec>& outputGroups();
//! Every series, grouped, in the file's order.
const std::vector<OutputSeriesSpec>& outputSeries();
//! The names of the series of `group`, in catalogue order (empty for an unknown group).
std::vector<std::string_view> outputSeriesNames(std::string_view group);
//! True if `settings` keep `series` (a group the settings do not name keeps all its series).
bool isKept(const OutputSettings& settings, const OutputSeriesSpec& series);
//! True if `series` takes its values from `field` of the StepRecord.
bool readsField(const OutputSeriesSpec& series, std::vector<double> StepRecord::*field);
//! Stored = held + this offset: −273.15 for degC series (held in K), 0 otherwise.
double storedOffset(const OutputSeriesSpec& series);

} // namespace heatnet
