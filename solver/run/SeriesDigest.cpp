#include "solver/run/SeriesDigest.h"

#include "solver/Error.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace heatnet {

StepCalendar stepCalendar(const std::string& timeUnits, std::span<const double> time_h,
                          double step_h) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (std::sscanf(timeUnits.c_str(), "hours since %d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &s) <
        3) {
        throw Error(
            fmt::format("time units '{}' are not 'hours since YYYY-MM-DD HH:MM:SS'", timeUnits));
    }
    using namespace std::chrono;
    const sys_seconds start =
        sys_days(year(y) / month(mo) / day(d)) + hours(h) + minutes(mi) + seconds(s);
    StepCalendar c;
    for (double t : time_h) {
        const auto middle =
            start + seconds(static_cast<long long>(std::llround((t - step_h / 2) * 3600)));
        const year_month_day date(floor<days>(middle));
        const std::string key = fmt::format("{:04d}-{:02d}", static_cast<int>(date.year()),
                                            static_cast<unsigned>(date.month()));
        if (c.months.empty() || c.months.back() != key) {
            c.months.push_back(key);
        }
        c.monthOfStep.push_back(c.months.size() - 1);
        const auto hourOfDay = duration_cast<hours>(middle - floor<days>(middle)).count();
        c.labels.push_back(fmt::format("{:02d}/{:02d} {:02d}:00", static_cast<unsigned>(date.day()),
                                       static_cast<unsigned>(date.month()), hourOfDay));
    }
    return c;
}

std::vector<double> monthlyEnergy_MWh(std::span<const double> power_W, const StepCalendar& c,
                                      double step_h) {
    std::vector<double> sums(c.months.size(), 0.0);
    for (std::size_t i = 0; i < power_W.size() && i < c.monthOfStep.size(); ++i) {
        sums[c.monthOfStep[i]] += power_W[i] * step_h / 1e6;
    }
    return sums;
}

LoadDuration loadDuration(const std::vector<std::vector<double>>& parts_W, double step_h,
                          std::size_t maxPoints) {
    LoadDuration out;
    out.parts_MW.resize(parts_W.size());
    if (parts_W.empty() || parts_W.front().empty() || maxPoints == 0) {
        return out;
    }
    const std::size_t steps = parts_W.front().size();
    std::vector<double> total(steps, 0.0);
    for (const auto& part : parts_W) {
        for (std::size_t i = 0; i < steps; ++i) {
            total[i] += part[i];
        }
    }
    std::vector<std::size_t> order(steps);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return total[a] > total[b]; });
    const std::size_t block = (steps + maxPoints - 1) / maxPoints;
    for (std::size_t first = 0; first < steps; first += block) {
        const std::size_t last = std::min(steps, first + block);
        const double n = static_cast<double>(last - first);
        out.hours.push_back((first + n / 2) * step_h);
        for (std::size_t p = 0; p < parts_W.size(); ++p) {
            double sum = 0;
            for (std::size_t k = first; k < last; ++k) {
                sum += parts_W[p][order[k]];
            }
            out.parts_MW[p].push_back(sum / n / 1e6);
        }
    }
    return out;
}

std::size_t coldestWindow(std::span<const double> values, std::size_t window) {
    if (values.size() <= window || window == 0) {
        return 0;
    }
    double sum = std::accumulate(values.begin(), values.begin() + window, 0.0);
    double best = sum;
    std::size_t bestStart = 0;
    for (std::size_t i = window; i < values.size(); ++i) {
        sum += values[i] - values[i - window];
        if (sum < best) {
            best = sum;
            bestStart = i - window + 1;
        }
    }
    return bestStart;
}

} // namespace heatnet
