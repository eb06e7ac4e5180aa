#include "solver/compare/SeriesComparison.h"

#include "solver/Error.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace heatnet {

namespace {

//! y(t) linear between the samples; t must lie within [t.front(), t.back()].
double interpolateAt(std::span<const double> t, std::span<const double> y, double at) {
    const auto after = std::upper_bound(t.begin(), t.end(), at);
    if (after == t.begin()) {
        return y.front();
    }
    if (after == t.end()) {
        return y.back();
    }
    const auto i = static_cast<std::size_t>(after - t.begin());
    const double w = (at - t[i - 1]) / (t[i] - t[i - 1]);
    return y[i - 1] + w * (y[i] - y[i - 1]);
}

//! Sum of squared errors at lag τ over rows [first, last).
double squaredErrors(std::span<const double> ts, std::span<const double> ys,
                     std::span<const double> tm, std::span<const double> ym, std::size_t first,
                     std::size_t last, double lag_s) {
    double sum = 0;
    for (std::size_t i = first; i < last; ++i) {
        const double e = interpolateAt(ts, ys, tm[i] + lag_s) - ym[i];
        sum += e * e;
    }
    return sum;
}

//! Rows [first, last) of `tm` whose times shifted by every lag in [−w, w] stay inside [lo, hi].
std::pair<std::size_t, std::size_t> rowsInside(std::span<const double> tm, double lo, double hi,
                                               double w) {
    const auto first = std::lower_bound(tm.begin(), tm.end(), lo + w);
    const auto last = std::upper_bound(tm.begin(), tm.end(), hi - w);
    if (last <= first) {
        return {0, 0};
    }
    return {static_cast<std::size_t>(first - tm.begin()),
            static_cast<std::size_t>(last - tm.begin())};
}

} // namespace

ComparisonFigures compareSeries(std::span<const double> ts, std::span<const double> ys,
                                std::span<const double> tm, std::span<const double> ym,
                                const LagSearch& lag) {
    ComparisonFigures f;
    if (ts.empty() || tm.empty()) {
        throw InputError("nothing to compare: a series is empty");
    }
    const double lo = ts.front(), hi = ts.back();
    const auto [first, last] = rowsInside(tm, lo, hi, 0.0);
    f.samples = last - first;
    if (f.samples == 0) {
        throw InputError(fmt::format("no measured time lies inside the simulated span {:g} s … "
                                     "{:g} s from the run's start",
                                     lo, hi));
    }
    double sum = 0, sum2 = 0;
    for (std::size_t i = first; i < last; ++i) {
        const double e = interpolateAt(ts, ys, tm[i]) - ym[i];
        sum += e;
        sum2 += e * e;
        if (std::abs(e) > std::abs(f.maxError) || i == first) {
            f.maxError = e;
            f.maxErrorTime_s = tm[i];
        }
    }
    const auto n = static_cast<double>(f.samples);
    f.bias = sum / n;
    f.rmse = std::sqrt(sum2 / n);

    const double window = std::max(0.0, lag.window_s);
    const auto [lagFirst, lagLast] = rowsInside(tm, lo, hi, window);
    f.lagSamples = lagLast - lagFirst;
    if (window <= 0 || !(lag.step_s > 0) || f.lagSamples == 0) {
        f.lagSamples = f.samples;
        f.rmseAtLag = f.rmse;
        return f;
    }
    const auto steps = static_cast<long>(std::floor(window / lag.step_s + 1e-9));
    double best = std::numeric_limits<double>::infinity();
    for (long k = 0; k <= steps; ++k) {
        for (const long sign : {1L, -1L}) {
            if (k == 0 && sign < 0) {
                continue;
            }
            const double tau = static_cast<double>(sign * k) * lag.step_s;
            const double sse = squaredErrors(ts, ys, tm, ym, lagFirst, lagLast, tau);
            if (sse < best) { // strict: ties keep the smaller |τ| found first
                best = sse;
                f.lag_s = tau;
            }
        }
    }
    f.rmseAtLag = std::sqrt(best / static_cast<double>(f.lagSamples));
    return f;
}

} // namespace heatnet
