#pragma once
// Where the rows of a CSV series (profile, climate, measurements) fall on the run's time axis
// (docs/scenario.md, "Time series from CSV"). One rule for every CSV:
//   - with a column named `time`: each row at its time, ISO 8601 local standard time
//     ("2025-01-31 14:05", "2025-01-31T14:05:30") or seconds from the run's start; strictly
//     increasing, any step, irregular allowed, no gap longer than the maximum gap, covering the
//     whole run; linear in between;
//   - without it: rows `step` apart (climate: 1 h, or its `time_h` column in hours), the first
//     at the run's start, repeated over their span.
#include "solver/input/CsvTable.h"
#include "solver/input/Scenario.h"

#include <optional>
#include <string_view>
#include <vector>

namespace heatnet {

//! Name of the time column of every CSV series.
inline constexpr std::string_view kTimeColumn = "time";

//! What the row times must satisfy.
struct RowTimeRules {
    double coverFrom_s = 0; //!< the first row at or before this time [s since the run's start]
    double coverTo_s = 0;   //!< the last row at or after this time [s since the run's start]
    //! Longest interval between two rows [s]; 0: ten times the median interval of the file.
    double maxGap_s = 0;
};

//! Times [s since the run's start] of the rows of `table`'s time column, checked against
//! `rules`; nullopt if the table has no time column. Errors are InputError "FILE:LINE:COLUMN:
//! column 'time': ...".
std::optional<std::vector<double>> readRowTimes(const CsvTable& table,
                                                const SimulationSettings& simulation,
                                                const RowTimeRules& rules);

//! The rules for an input series: it covers the whole run.
RowTimeRules coverTheRun(const SimulationSettings& simulation);

} // namespace heatnet
