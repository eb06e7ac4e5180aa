#pragma once
// Warnings for implausible designs and results: one catalogue of the kinds (id, what it means,
// the `warnings:` key that sets its threshold and that key's default) and the Warning record that
// the checks produce (solver/run/DesignChecks.h before a run, solver/run/RunChecks.h from the run).
// The command line prints them, the result file stores them under /warnings, the KPI table counts
// them. Documentation: docs/warnings.md.
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace heatnet {

//! One kind of warning.
struct WarningKind {
    std::string_view id;           //!< stored in /warnings/id
    std::string_view what;         //!< plain-language meaning
    std::string_view thresholdKey; //!< key of the scenario's `warnings:` block ("" if none)
    std::string_view defaultValue; //!< that key's documented default
    std::string_view when;         //!< "check", "run" or "check, run"
};

//! Every kind, in the order of docs/warnings.md.
const std::vector<WarningKind>& warningCatalogue();

//! The kind with this id; throws Error if the id is not in the catalogue.
const WarningKind& warningKind(std::string_view id);

//! One warning about one element.
struct Warning {
    std::string id;      //!< a catalogue id
    std::string element; //!< e.g. "pipe 'P3'", "plant 'MILL'"
    //! When [s from the start] (end of the output step); NaN when not tied to one instant.
    double time_s = std::numeric_limits<double>::quiet_NaN();
    double value = 0;     //!< the figure, in `unit`
    double threshold = 0; //!< the limit it crossed, in `unit`
    std::string unit;     //!< unit of value and threshold
    std::string message;  //!< one sentence naming the element, the hour and the figure
};

//! "hour 272" (hours from the start), or "" for NaN.
std::string describeHour(double time_s);

} // namespace heatnet
