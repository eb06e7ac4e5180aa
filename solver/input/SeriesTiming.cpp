#include "solver/input/SeriesTiming.h"

#include "solver/Error.h"
#include "solver/input/ProfileReader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace heatnet {

namespace {

//! "600 s (2025-01-01 00:10:00)" when the cell was a date, "600 s" otherwise.
std::string showRowTime(double time_s, std::span<const std::string> dates, std::size_t row) {
    if (row < dates.size() && !dates[row].empty()) {
        return fmt::format("{} ({:g} s from the run's start)", dates[row], time_s);
    }
    return fmt::format("{:g} s", time_s);
}

} // namespace

RowTimeRules coverTheRun(const SimulationSettings& simulation) {
    RowTimeRules rules;
    rules.coverFrom_s = 0;
    rules.coverTo_s = simulation.duration_s;
    return rules;
}

std::optional<std::vector<double>> readRowTimes(const CsvTable& table,
                                                const SimulationSettings& simulation,
                                                const RowTimeRules& rules) {
    const std::string column(kTimeColumn);
    if (!table.hasColumn(column)) {
        return std::nullopt;
    }
    const std::span<const std::string> dates = table.dateCells(column);
    std::string reason;
    const auto start = parseDateTime(simulation.start, &reason);
    const double start_s = start.value_or(0.0);
    // The numbers of the column, read cell by cell (column() refuses a column holding dates).
    std::vector<double> numbers;
    if (dates.empty()) {
        const auto values = table.column(column);
        numbers.assign(values.begin(), values.end());
    }
    const std::size_t rows = table.rowCount();
    std::vector<double> time_s(rows);
    for (std::size_t r = 0; r < rows; ++r) {
        const bool isDate = !dates.empty() && !dates[r].empty();
        if (!dates.empty() && isDate != !dates[0].empty()) {
            table.failAt(r, column,
                         "mixes dates and numbers; give every time as an ISO 8601 date "
                         "('2025-01-31 14:05') or every time as seconds from the run's start");
        }
        if (isDate) {
            const auto when = parseDateTime(dates[r], &reason);
            if (!when) {
                table.failAt(r, column, reason + " (ISO 8601, local standard time, no zone)");
            }
            time_s[r] = *when - start_s;
        } else if (!dates.empty()) {
            table.failAt(r, column, "mixes dates and numbers");
        } else {
            time_s[r] = numbers[r];
        }
        if (r > 0 && !(time_s[r] > time_s[r - 1])) {
            table.failAt(r, column,
                         fmt::format("time {} is not after the previous row's {}; times must "
                                     "increase strictly",
                                     showRowTime(time_s[r], dates, r),
                                     showRowTime(time_s[r - 1], dates, r - 1)));
        }
    }
    double maxGap_s = rules.maxGap_s;
    if (maxGap_s <= 0 && rows > 1) {
        std::vector<double> intervals(rows - 1);
        for (std::size_t r = 1; r < rows; ++r) {
            intervals[r - 1] = time_s[r] - time_s[r - 1];
        }
        std::nth_element(intervals.begin(), intervals.begin() + intervals.size() / 2,
                         intervals.end());
        maxGap_s = 10 * intervals[intervals.size() / 2];
    }
    for (std::size_t r = 1; r < rows && maxGap_s > 0; ++r) {
        const double gap = time_s[r] - time_s[r - 1];
        if (gap > maxGap_s * (1 + 1e-12)) {
            table.failAt(r, column,
                         fmt::format("gap of {:g} s since the previous row ({}), longer than the "
                                     "{:g} s allowed (ten times the file's median interval)",
                                     gap, showRowTime(time_s[r - 1], dates, r - 1), maxGap_s));
        }
    }
    if (time_s.front() > rules.coverFrom_s) {
        table.failAt(0, column,
                     fmt::format("the series starts at {}, after {:g} s from the run's start "
                                 "({}): it must cover the run",
                                 showRowTime(time_s.front(), dates, 0), rules.coverFrom_s,
                                 simulation.start));
    }
    if (time_s.back() < rules.coverTo_s) {
        table.failAt(rows - 1, column,
                     fmt::format("the series ends at {}, before the run's end ({:g} s from its "
                                 "start {}): it must cover the run",
                                 showRowTime(time_s.back(), dates, rows - 1), rules.coverTo_s,
                                 simulation.start));
    }
    return time_s;
}

} // namespace heatnet
