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
// Interpolation: T(t) is linear between hourly samples and periodic with period N hours; a timed
// series (a CSV with a `time` column, solver/input/ClimateReader.h) is linear between its samples
// and not periodic (it must cover the run).
#include "models/Climate.h"

#include "solver/Error.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <fmt/format.h>
#include <numbers>
#include <numeric>
#include <random>
#include <utility>

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

Climate Climate::hourlySeries(std::vector<double> hourly_K, double origin_s,
                              std::string description) {
    if (hourly_K.empty()) {
        throw InputError("climate: the temperature series is empty");
    }
    Climate climate;
    climate.m_hourly_K = std::move(hourly_K);
    climate.m_origin_s = origin_s;
    climate.m_description = std::move(description);
    return climate;
}

Climate Climate::timedSeries(const std::vector<double>& times_s, std::vector<double> values_K,
                             std::string description) {
    if (times_s.empty() || times_s.size() != values_K.size()) {
        throw InputError("climate: a timed series needs one time per value");
    }
    Climate climate;
    climate.m_timed = TimeProfile::series(times_s, std::move(values_K));
    // Hourly samples at the whole hours inside the series, for the degree-hour models.
    const double first_h = std::ceil(times_s.front() / 3600.0);
    const double last_h = std::floor(times_s.back() / 3600.0);
    for (double h = first_h; h <= last_h; h += 1.0) {
        climate.m_hourly_K.push_back(climate.temperature(h * 3600.0));
    }
    if (climate.m_hourly_K.empty()) {
        climate.m_hourly_K.push_back(climate.temperature(times_s.front()));
    }
    climate.m_description = std::move(description);
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
    double x = (time_s - m_origin_s) / m_step_s;
    // Inside the first period (every time of a run up to a year long) the sample index is the
    // whole part of x: fmod would return x itself, so it is only called outside.
    if (!(x >= 0.0 && x < length)) {
        x = std::fmod(x, length);
        if (x < 0.0) {
            x += length;
        }
        if (!(x < length)) { // −tiny + length rounds to length
            x = 0.0;
        }
    }
    const auto i = static_cast<std::size_t>(x);
    const double fraction = x - static_cast<double>(i);
    const double a = m_hourly_K[i];
    const double b = m_hourly_K[i + 1 < n ? i + 1 : 0];
    return a + fraction * (b - a);
}

double Climate::meanTemperature() const {
    if (m_hourly_K.empty()) {
        throw InputError("climate: the temperature series is empty");
    }
    return mean(m_hourly_K);
}

} // namespace heatnet
