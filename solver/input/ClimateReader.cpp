// The outdoor temperature from a CSV file (solver/input/ClimateReader.h).
#include "solver/input/ClimateReader.h"

#include "solver/Error.h"
#include "solver/input/CsvTable.h"
#include "solver/input/Units.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>

namespace heatnet {
namespace {

constexpr double kMinPlausible_C = -90.0;
constexpr double kMaxPlausible_C = 60.0;
//! A `time_h` series longer than this is a typo; beyond 2^64 h the conversion to a count of hours
//! would be undefined.
constexpr double kMaxPeriod_h = 100 * 8766.0;

//! The column's temperatures [°C] in kelvin.
std::vector<double> inKelvin(std::span<const double> values_C) {
    std::vector<double> kelvin;
    kelvin.reserve(values_C.size());
    for (const double v : values_C) {
        kelvin.push_back(kelvinFromCelsius(v));
    }
    return kelvin;
}

//! Every temperature of the column finite and plausible.
void checkTemperatures(const CsvTable& table, const std::string& column,
                       std::span<const double> values) {
    for (std::size_t r = 0; r < values.size(); ++r) {
        if (!std::isfinite(values[r])) {
            table.failAt(r, column, "temperature is not a finite number");
        }
        if (values[r] < kMinPlausible_C || values[r] > kMaxPlausible_C) {
            table.failAt(r, column,
                         fmt::format("temperature {} °C is outside the plausible range {}…{} °C",
                                     values[r], kMinPlausible_C, kMaxPlausible_C));
        }
    }
}

//! Samples at irregular `time_h` rows resampled onto the hourly grid t_0 + i h. The period is
//! t_last − t_0 plus the last interval (which is taken to repeat), rounded to whole hours; between
//! the last sample and t_0 + period the series wraps to the first value.
std::vector<double> resampleHourly(const CsvTable& table, std::span<const double> values_C) {
    const std::size_t rows = values_C.size();
    const std::span<const double> time = table.column("time_h");
    for (std::size_t r = 0; r < rows; ++r) {
        if (!std::isfinite(time[r])) {
            table.failAt(r, "time_h", "time is not a finite number");
        }
        if (r > 0 && !(time[r] > time[r - 1])) {
            table.failAt(
                r, "time_h",
                fmt::format("time {} h is not after the previous time {} h", time[r], time[r - 1]));
        }
    }
    const double lastInterval_h = rows > 1 ? time[rows - 1] - time[rows - 2] : 1.0;
    const double period_h = time[rows - 1] - time[0] + lastInterval_h;
    if (!(period_h <= kMaxPeriod_h)) {
        table.failAt(rows - 1, "time_h",
                     fmt::format("the series spans {:g} h, more than the limit of 100 years "
                                 "({:g} h)",
                                 period_h, kMaxPeriod_h));
    }
    const auto hours = static_cast<std::size_t>(std::max(1.0, std::round(period_h)));
    std::vector<double> hourly_K;
    hourly_K.reserve(hours);
    std::size_t j = 0; // source interval [time[j], time[j+1]) holding the target time
    for (std::size_t i = 0; i < hours; ++i) {
        const double t = time[0] + static_cast<double>(i);
        while (j + 1 < rows && time[j + 1] <= t) {
            ++j;
        }
        const double t1 = j + 1 < rows ? time[j + 1] : time[0] + period_h;
        const double v1 = j + 1 < rows ? values_C[j + 1] : values_C[0];
        const double weight = (t - time[j]) / (t1 - time[j]);
        hourly_K.push_back(kelvinFromCelsius(values_C[j] + weight * (v1 - values_C[j])));
    }
    return hourly_K;
}

} // namespace

Climate readClimateTable(const CsvTable& table, const std::string& column,
                         const std::vector<double>* rowTimes_s, double firstRowAt_s) {
    const std::string& shown = table.displayName();
    const std::span<const double> values = table.column(column);
    const std::size_t rows = values.size();
    if (rows == 0) {
        throw InputError(fmt::format("{}: column '{}' has no data rows", shown, column));
    }
    checkTemperatures(table, column, values);

    if (rowTimes_s) {
        if (table.hasColumn("time_h")) {
            table.failAt(0, "time_h", "give one time column: 'time' or 'time_h', not both");
        }
        return Climate::timedSeries(
            *rowTimes_s, inKelvin(values),
            fmt::format("{}, column '{}' ({} rows at the times of its 'time' column)", shown,
                        column, rows));
    }
    std::vector<double> hourly_K =
        table.hasColumn("time_h") ? resampleHourly(table, values) : inKelvin(values);
    const std::size_t hours = hourly_K.size();
    return Climate::hourlySeries(
        std::move(hourly_K), firstRowAt_s,
        fmt::format("{}, column '{}' ({} hourly values)", shown, column, hours));
}

Climate readClimateCsv(const std::filesystem::path& path, const std::string& displayPath,
                       const std::string& column) {
    return readClimateTable(CsvTable::load(path, displayPath), column);
}

} // namespace heatnet
