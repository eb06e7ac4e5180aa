#pragma once
// `heatnet compare`: a result file against measured series, sensor by sensor, as a mapping file
// says (solver/compare/MeasurementMap.h, figures: solver/compare/SeriesComparison.h,
// docs/compare.md).
#include "solver/compare/MeasurementMap.h"
#include "solver/compare/SeriesComparison.h"

#include <filesystem>
#include <string>
#include <vector>

namespace heatnet {

//! The figures of one sensor, in the unit of the simulated series.
struct SensorComparison {
    std::string name, column, series, element;
    std::string unit;      //!< of the simulated series ("degC", "kg/s")
    std::string errorUnit; //!< of the errors ("K" for temperatures)
    ComparisonFigures figures;
};

//! Compares `result` (a heatnet result file) with the CSV `measured` (it needs a `time` column:
//! ISO 8601 local times or seconds from the run's start, solver/input/SeriesTiming.h). Throws
//! InputError naming the mapping's or the CSV's file:line:column on bad input.
std::vector<SensorComparison> compareMeasurements(const std::filesystem::path& result,
                                                  const std::filesystem::path& measured,
                                                  const MeasurementMap& map);

//! The figures as CSV (one row per sensor; docs/compare.md lists the columns).
std::string comparisonCsv(const std::vector<SensorComparison>& sensors);

} // namespace heatnet
