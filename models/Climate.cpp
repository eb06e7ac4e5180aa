// Outdoor air temperature series.
//
// Synthetic Saint-Omer year (8760 hourly samples, hour n at t = n h after 1 January 00:00):
//   T(n) = T_mean − A_year cos(2π (n − t_min)/8760) + A_day(n) cos(2π (h − 15)/24) + x(n)  [°C]
//   T_mean = 11.3 °C, A_year = 7.0 K, t_min = 468 h (noon, 20 January), h = n mod 24;
//   A_day(n) = 3.5 K · (1 + s(n))/2 with s = (1 − cos(2π (n − t_min)/8760))/2, i.e. 1.75 K on
//   the coldest day and 3.5 K on the warmest (overcast winters have small daily ranges);
//   the daily cycle peaks at 15:00 solar time and bottoms out at 03:00;
//   x(n) AR(1) noise: x(0) = σ z_0, x(n+1) = φ x(n) + σ √(1 − φ²) z_{n+1}, σ = 2.5 K, φ = 0.97,
//   z standard normal from std::mt19937 (specified bit for bit by the standard) through a
//   hand-written Box–Muller transform (std::normal_distribution differs between libraries).
// The series is finally shifted by a constant so that its mean is exactly 11.3 °C (up to
// round-off), then stored in kelvin.
//
// Interpolation: T(t) is linear between hourly samples and periodic with period N hours; a CSV
// with a `time` column (solver/input/SeriesTiming.h) is linear between its rows and not periodic
// (it must cover the run).
#include "models/Climate.h"

#include "solver/Error.h"
#include "solver/input/CsvTable.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <fmt/format.h>
#include <numbers>
#include <numeric>
#include <random>
#include <span>

namespace heatnet {
namespace {

constexpr double kCelsiusOffset_K = 273.15;
constexpr std::size_t kHoursPerYear = 8760;
constexpr double kMean_C = 11.3;
constexpr double kYearAmplitude_K = 7.0;
constexpr double kDayAmplitude_K = 3.5;
constexpr double kColdestHour_h = 19.5 * 24.0;
constexpr double kWarmestDailyHour_h = 15.0;
constexpr double kNoiseSigma_K = 2.5;
constexpr double kNoiseLagOneCorrelation = 0.97;
constexpr double kMinPlausible_C = -90.0;
constexpr double kMaxPlausible_C = 60.0;

//! Standard normal deviates from mt19937 by Box–Muller; identical on every conforming library.
class NormalSource {
public:
    explicit NormalSource(unsigned seed) : m_engine(seed) {}

    double next() {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        const double u1 = uniform();
        const double u2 = uniform();
        const double radius = std::sqrt(-2.0 * std::log(u1));
        const double angle = 2.0 * std::numbers::pi * u2;
        m_spare = radius * std::sin(angle);
        m_hasSpare = true;
        return radius * std::cos(angle);
    }

private:
    //! Uniform on (0, 1), never 0 (log) nor 1: (k + 1/2) / 2^32 for a 32-bit draw k.
    double uniform() {
        const std::uint32_t k = static_cast<std::uint32_t>(m_engine());
        return (static_cast<double>(k) + 0.5) / 4294967296.0;
    }

    std::mt19937 m_engine;
    double m_spare = 0.0;
    bool m_hasSpare = false;
};

double mean(const std::vector<double>& values) {
    return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

} // namespace

Climate Climate::syntheticSaintOmer(unsigned seed) {
    Climate climate;
    climate.m_hourly_K.resize(kHoursPerYear);
    NormalSource normal(seed);
    const double innovation =
        kNoiseSigma_K * std::sqrt(1.0 - kNoiseLagOneCorrelation * kNoiseLagOneCorrelation);
    double noise = kNoiseSigma_K * normal.next();
    for (std::size_t n = 0; n < kHoursPerYear; ++n) {
        if (n > 0) {
            noise = kNoiseLagOneCorrelation * noise + innovation * normal.next();
        }
        const double hour = static_cast<double>(n);
        const double season = std::cos(2.0 * std::numbers::pi * (hour - kColdestHour_h) /
                                       static_cast<double>(kHoursPerYear));
        const double warmth = (1.0 - season) / 2.0;
        const double dayAmplitude = kDayAmplitude_K * (1.0 + warmth) / 2.0;
        const double hourOfDay = static_cast<double>(n % 24);
        const double daily = dayAmplitude * std::cos(2.0 * std::numbers::pi *
                                                     (hourOfDay - kWarmestDailyHour_h) / 24.0);
        climate.m_hourly_K[n] =
            kMean_C - kYearAmplitude_K * season + daily + noise + kCelsiusOffset_K;
    }
    const double shift = (kMean_C + kCelsiusOffset_K) - mean(climate.m_hourly_K);
    for (double& t : climate.m_hourly_K) {
        t += shift;
    }
    climate.m_description = fmt::format("synthetic Saint-Omer year, seed {}", seed);
    return climate;
}

Climate Climate::fromCsv(const std::filesystem::path& path, const std::string& displayPath,
                         const std::string& column) {
    return fromTable(CsvTable::load(path, displayPath), column);
}

Climate Climate::fromTable(const CsvTable& table, const std::string& column,
                           const std::vector<double>* rowTimes_s, double firstRowAt_s) {
    const std::string& shown = table.displayName();
    const std::span<const double> values = table.column(column);
    const std::size_t rows = values.size();
    if (rows == 0) {
        throw InputError(fmt::format("{}: column '{}' has no data rows", shown, column));
    }
    for (std::size_t r = 0; r < rows; ++r) {
        if (!std::isfinite(values[r])) {
            table.failAt(r, column, "temperature is not a finite number");
        }
        if (values[r] < kMinPlausible_C || values[r] > kMaxPlausible_C) {
            table.failAt(r, column,
                         fmt::format("temperature {} °C is outside the plausible range {}…{} °C",
                                     values[r], kMinPlausible_C, kMaxPlausible_C));
        }
    }

    Climate climate;
    if (rowTimes_s) {
        if (table.hasColumn("time_h")) {
            table.failAt(0, "time_h", "give one time column: 'time' or 'time_h', not both");
        }
        std::vector<double> kelvin;
        for (const double v : values) {
            kelvin.push_back(v + kCelsiusOffset_K);
        }
        climate.m_timed = TimeProfile::series(*rowTimes_s, std::move(kelvin));
        // Hourly samples at the whole hours inside the series, for the degree-hour models.
        const double first_h = std::ceil(rowTimes_s->front() / 3600.0);
        const double last_h = std::floor(rowTimes_s->back() / 3600.0);
        for (double h = first_h; h <= last_h; h += 1.0) {
            climate.m_hourly_K.push_back(climate.temperature(h * 3600.0));
        }
        if (climate.m_hourly_K.empty()) {
            climate.m_hourly_K.push_back(climate.temperature(rowTimes_s->front()));
        }
        climate.m_description = fmt::format("{}, column '{}' ({} rows at the times of its 'time' "
                                            "column)",
                                            shown, column, rows);
        return climate;
    }
    if (!table.hasColumn("time_h")) {
        climate.m_hourly_K.reserve(rows);
        for (const double v : values) {
            climate.m_hourly_K.push_back(v + kCelsiusOffset_K);
        }
    } else {
        // Times may be irregular: resample onto the hourly grid t_0 + i h. The period is
        // t_last − t_0 plus the last interval (which is taken to repeat), rounded to whole
        // hours; between the last sample and t_0 + period the series wraps to the first value.
        const std::span<const double> time = table.column("time_h");
        for (std::size_t r = 0; r < rows; ++r) {
            if (!std::isfinite(time[r])) {
                table.failAt(r, "time_h", "time is not a finite number");
            }
            if (r > 0 && !(time[r] > time[r - 1])) {
                table.failAt(r, "time_h",
                             fmt::format("time {} h is not after the previous time {} h", time[r],
                                         time[r - 1]));
            }
        }
        const double lastInterval_h = rows > 1 ? time[rows - 1] - time[rows - 2] : 1.0;
        const double period_h = time[rows - 1] - time[0] + lastInterval_h;
        // Checked before the conversion: a period beyond 100 years is a typo, and beyond 2^64 h
        // the conversion itself would be undefined.
        constexpr double kMaxPeriod_h = 100 * 8766.0;
        if (!(period_h <= kMaxPeriod_h)) {
            table.failAt(rows - 1, "time_h",
                         fmt::format("the series spans {:g} h, more than the limit of 100 years "
                                     "({:g} h)",
                                     period_h, kMaxPeriod_h));
        }
        const auto hours = static_cast<std::size_t>(std::max(1.0, std::round(period_h)));
        climate.m_hourly_K.reserve(hours);
        std::size_t j = 0; // source interval [time[j], time[j+1]) holding the target time
        for (std::size_t i = 0; i < hours; ++i) {
            const double t = time[0] + static_cast<double>(i);
            while (j + 1 < rows && time[j + 1] <= t) {
                ++j;
            }
            const double t1 = j + 1 < rows ? time[j + 1] : time[0] + period_h;
            const double v1 = j + 1 < rows ? values[j + 1] : values[0];
            const double weight = (t - time[j]) / (t1 - time[j]);
            climate.m_hourly_K.push_back(values[j] + weight * (v1 - values[j]) + kCelsiusOffset_K);
        }
    }
    climate.m_origin_s = firstRowAt_s;
    climate.m_description =
        fmt::format("{}, column '{}' ({} hourly values)", shown, column, climate.m_hourly_K.size());
    return climate;
}

Climate Climate::constant(double temperature_K) {
    if (!std::isfinite(temperature_K) || temperature_K <= 0.0) {
        throw InputError(fmt::format("constant climate: temperature {} K is not a positive number",
                                     temperature_K));
    }
    Climate climate;
    climate.m_hourly_K.assign(1, temperature_K);
    climate.m_description = fmt::format("constant {} K", temperature_K);
    return climate;
}

double Climate::temperature(double time_s) const {
    if (m_hourly_K.empty() && !m_timed) {
        throw InputError("climate: the temperature series is empty");
    }
    if (!std::isfinite(time_s)) {
        throw SolverError(fmt::format("climate: temperature asked at time {} s", time_s));
    }
    if (m_timed) {
        return m_timed->value(time_s); // linear between its rows, the end values outside
    }
    const std::size_t n = m_hourly_K.size();
    const double length = static_cast<double>(n);
    double x = std::fmod((time_s - m_origin_s) / m_step_s, length);
    if (x < 0.0) {
        x += length;
    }
    if (!(x < length)) { // −tiny + length rounds to length
        x = 0.0;
    }
    const auto i = static_cast<std::size_t>(x);
    const double fraction = x - static_cast<double>(i);
    const double a = m_hourly_K[i];
    const double b = m_hourly_K[(i + 1) % n];
    return a + fraction * (b - a);
}

double Climate::meanTemperature() const {
    if (m_hourly_K.empty()) {
        throw InputError("climate: the temperature series is empty");
    }
    return mean(m_hourly_K);
}

} // namespace heatnet
