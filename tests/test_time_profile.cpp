// TimeProfile::mean against the direct integral of TimeProfile::value: the whole pieces of an
// interval come from sums accumulated once (O(1) per call), which must give the integral of the
// interpolant to round-off on any interval, across period ends and with negative times.
#include "models/TimeProfile.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

using namespace heatnet;

namespace {

//! ∫ value over [t0, t1] / (t1 − t0) by the midpoint rule on every piece between consecutive
//! boundaries offset + k·step (exact: value is linear or constant on each piece).
double directMean(const TimeProfile& profile, double t0, double t1, double step, double offset) {
    double total = 0, a = t0;
    while (a < t1) {
        const double next = (std::floor((a - offset) / step) + 1) * step + offset;
        const double b = std::min(t1, next > a ? next : a + step);
        total += profile.value(0.5 * (a + b)) * (b - a);
        a = b;
    }
    return total / (t1 - t0);
}

//! The agreement to expect: 1e-12 of the largest value, plus the round-off of the interval's
//! ends (a few ulps of the times, relative to the interval's length) on values up to `largest`.
double tolerance(double t0, double t1, double period, double largest) {
    return largest * (1e-12 + 1e-15 * (std::abs(t0) + std::abs(t1) + period) / (t1 - t0));
}

//! Random values in [0, largest), reproducible from `seed`.
std::vector<double> randomValues(std::mt19937& random, std::size_t count, double largest) {
    std::uniform_real_distribution<double> value(0.0, largest);
    std::vector<double> values(count);
    for (double& v : values) {
        v = value(random);
    }
    return values;
}

//! mean() against directMean() on 2000 intervals starting in [−2, 5) periods, of lengths from
//! 1 s to 3 periods (log-uniform).
void checkRandomIntervals(std::mt19937& random, const TimeProfile& profile, double step,
                          double offset, double period, double largest) {
    std::uniform_real_distribution<double> start(-2 * period, 5 * period);
    std::uniform_real_distribution<double> logLength(0.0, std::log(3 * period));
    for (int k = 0; k < 2000; ++k) {
        const double t0 = start(random);
        const double t1 = t0 + std::exp(logLength(random));
        CHECK(std::abs(profile.mean(t0, t1) - directMean(profile, t0, t1, step, offset)) <=
              tolerance(t0, t1, period, largest));
    }
}

} // namespace

TEST_CASE("time profile: the mean of samples equals the integral of their interpolant on random "
          "intervals, across period ends",
          "[profile]") {
    std::mt19937 random(12);
    const std::vector<double> samples = randomValues(random, 50, 8000.0);
    const double step = 600;
    const double period = step * static_cast<double>(samples.size());
    const TimeProfile profile = TimeProfile::samples(samples, step);
    checkRandomIntervals(random, profile, step, 0.0, period, 8000.0);
    // Intervals on the boundaries themselves: whole pieces, whole periods, the period's end.
    for (const auto& [t0, t1] :
         std::vector<std::pair<double, double>>{{0, step},
                                                {0, period},
                                                {period - 300, period},
                                                {period - step, period + step},
                                                {3 * step, 41 * step},
                                                {-period, 2 * period}}) {
        CHECK(std::abs(profile.mean(t0, t1) - directMean(profile, t0, t1, step, 0.0)) <=
              tolerance(t0, t1, period, 8000));
    }
    // The last piece of a period holds the last sample (as value() does).
    CHECK(profile.mean(period - step, period) == Approx(samples.back()).epsilon(1e-14));
}

TEST_CASE("time profile: the mean of a weekly profile equals the integral of its hours on random "
          "intervals",
          "[profile]") {
    std::mt19937 random(7);
    const std::vector<double> hourly = randomValues(random, 168, 1.0);
    const double offset = 2 * 86400.0 + 1234.0; // a run starting on a Wednesday at 00:20:34
    const TimeProfile profile = TimeProfile::weekly(hourly, offset);
    checkRandomIntervals(random, profile, 3600.0, -offset, 168 * 3600.0, 1.0);
    // A whole week is the mean of its hours.
    double sum = 0;
    for (double v : hourly) {
        sum += v;
    }
    CHECK(profile.mean(100.0, 100.0 + 168 * 3600.0) == Approx(sum / 168).epsilon(1e-13));
}

TEST_CASE("time profile: a scaled profile's mean is the scaled mean", "[profile]") {
    const TimeProfile profile = TimeProfile::samples({1.0, 3.0, 2.0, 5.0}, 3600.0);
    const TimeProfile doubled = profile.scaled(2.0);
    for (const auto& [t0, t1] : std::vector<std::pair<double, double>>{
             {0, 3600}, {1800, 9000}, {100, 4 * 3600 + 50}, {-7200, 30000}}) {
        CHECK(doubled.mean(t0, t1) == Approx(2 * profile.mean(t0, t1)).epsilon(1e-14));
    }
    // [0, 2 h]: the trapezoids of 1 → 3 and 3 → 2.
    CHECK(profile.mean(0, 7200) == Approx((2.0 + 2.5) / 2).epsilon(1e-15));
}
