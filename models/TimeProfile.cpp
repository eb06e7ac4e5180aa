#include "models/TimeProfile.h"

#include <algorithm>
#include <cmath>

namespace heatnet {

TimeProfile TimeProfile::constant(double value, std::string description) {
    TimeProfile p;
    p.m_kind = Kind::Constant;
    p.m_values = {value};
    p.m_description = std::move(description);
    return p;
}

TimeProfile TimeProfile::weekly(std::vector<double> hourly, double runStartOffset_s,
                                std::string description) {
    TimeProfile p;
    p.m_kind = Kind::Weekly;
    p.m_values = std::move(hourly);
    p.m_step_s = 3600;
    p.m_offset_s = runStartOffset_s;
    p.m_description = std::move(description);
    return p;
}

TimeProfile TimeProfile::samples(std::vector<double> values, double step_s,
                                 std::string description) {
    TimeProfile p;
    p.m_kind = Kind::Samples;
    p.m_values = std::move(values);
    p.m_step_s = step_s;
    p.m_description = std::move(description);
    return p;
}

TimeProfile TimeProfile::series(std::vector<double> time_s, std::vector<double> values,
                                std::string description) {
    TimeProfile p;
    p.m_kind = Kind::Series;
    p.m_times_s = std::move(time_s);
    p.m_values = std::move(values);
    p.m_description = std::move(description);
    return p;
}

double TimeProfile::value(double time_s) const {
    switch (m_kind) {
    case Kind::Constant:
        return m_values[0];
    case Kind::Weekly: {
        // Piecewise constant per hour of the week.
        const double week = 168 * 3600.0;
        double t = std::fmod(time_s + m_offset_s, week);
        if (t < 0) {
            t += week;
        }
        const auto hour = std::min<std::size_t>(static_cast<std::size_t>(t / 3600.0), 167);
        return m_values[hour];
    }
    case Kind::Samples: {
        // Linear between samples; the sample after the last is the first again (periodic).
        const std::size_t n = m_values.size();
        if (n == 1) {
            return m_values[0];
        }
        const double span = m_step_s * static_cast<double>(n);
        double t = std::fmod(time_s, span);
        if (t < 0) {
            t += span;
        }
        const auto i = std::min(static_cast<std::size_t>(t / m_step_s), n - 1);
        const double w = t / m_step_s - static_cast<double>(i);
        const double next = i + 1 < n ? m_values[i + 1] : m_values[i];
        return m_values[i] * (1 - w) + next * w;
    }
    case Kind::Series: {
        if (time_s <= m_times_s.front()) {
            return m_values.front();
        }
        if (time_s >= m_times_s.back()) {
            return m_values.back();
        }
        const auto after = std::upper_bound(m_times_s.begin(), m_times_s.end(), time_s);
        const auto i = static_cast<std::size_t>(after - m_times_s.begin()) - 1;
        const double w = (time_s - m_times_s[i]) / (m_times_s[i + 1] - m_times_s[i]);
        return m_values[i] * (1 - w) + m_values[i + 1] * w;
    }
    }
    return 0.0;
}

double TimeProfile::mean(double t0_s, double t1_s) const {
    if (m_kind == Kind::Constant || t1_s <= t0_s) {
        return value(t0_s);
    }
    if (m_kind == Kind::Series) {
        // Trapezoids between t0, the sample times inside (t0, t1) and t1: exact for the
        // piecewise-linear interpolant.
        double total = 0, t = t0_s, v = value(t0_s);
        auto next = std::upper_bound(m_times_s.begin(), m_times_s.end(), t0_s);
        while (t < t1_s) {
            const bool sample = next != m_times_s.end() && *next < t1_s;
            const double tn = sample ? *next : t1_s;
            const double vn =
                sample ? m_values[static_cast<std::size_t>(next - m_times_s.begin())] : value(t1_s);
            total += 0.5 * (v + vn) * (tn - t);
            t = tn;
            v = vn;
            if (sample) {
                ++next;
            }
        }
        return total / (t1_s - t0_s);
    }
    // Integrate piece by piece between t0 and t1.
    const double step = m_step_s;
    double total = 0, t = t0_s;
    while (t < t1_s) {
        double next = (std::floor(t / step + 1e-9) + 1) * step;
        if (m_kind == Kind::Weekly) {
            next = std::floor((t + m_offset_s) / step + 1e-9) * step + step - m_offset_s;
        }
        next = std::min(t1_s, std::max(next, t + 1e-9));
        if (!(next > t)) {
            // t + 1e-9 == t for |t| beyond ~1e7 s: step to the end rather than loop for ever.
            next = t1_s;
        }
        if (m_kind == Kind::Weekly) {
            total += value(0.5 * (t + next)) * (next - t);
        } else {
            total += 0.5 * (value(t) + value(next)) * (next - t);
        }
        t = next;
    }
    return total / (t1_s - t0_s);
}

double TimeProfile::maximum() const {
    return *std::max_element(m_values.begin(), m_values.end());
}

TimeProfile TimeProfile::scaled(double factor) const {
    TimeProfile p = *this;
    for (double& v : p.m_values) {
        v *= factor;
    }
    return p;
}

} // namespace heatnet
