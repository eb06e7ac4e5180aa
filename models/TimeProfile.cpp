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
    p.accumulatePieces();
    return p;
}

TimeProfile TimeProfile::samples(std::vector<double> values, double step_s,
                                 std::string description) {
    TimeProfile p;
    p.m_kind = Kind::Samples;
    p.m_values = std::move(values);
    p.m_step_s = step_s;
    p.m_description = std::move(description);
    p.accumulatePieces();
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
        double t = time_s + m_offset_s;
        if (!(t >= 0 && t < week)) { // inside the first week fmod would return t itself
            t = std::fmod(t, week);
            if (t < 0) {
                t += week;
            }
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
        double t = time_s;
        if (!(t >= 0 && t < span)) { // inside the first span fmod would return t itself
            t = std::fmod(t, span);
            if (t < 0) {
                t += span;
            }
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
    if (m_values.size() == 1) {
        return m_values[0];
    }
    const double step = m_step_s;
    const double offset = m_kind == Kind::Weekly ? m_offset_s : 0.0;
    // The profile repeats: move the interval by whole periods to start in the first one, so that
    // piece indices stay small however far from zero it lies (inside it, nothing moves).
    const double length = t1_s - t0_s;
    double a = t0_s, b = t1_s;
    const double period = step * static_cast<double>(m_values.size());
    if (!(a + offset >= 0 && a + offset < period)) {
        a = std::fmod(a + offset, period);
        a = (a < 0 ? a + period : a) - offset;
        b = a + length;
    }
    // Piece k spans [k·step − offset, (k + 1)·step − offset). The first boundary after a (one
    // within 1e-9 of a step above a counts as a's own) and the last one before b:
    const double first = std::floor((a + offset) / step + 1e-9) + 1;
    double last = std::ceil((b + offset) / step) - 1;
    if (last * step - offset >= b) {
        last -= 1;
    } else if ((last + 1) * step - offset < b) {
        last += 1;
    }
    // Integral over [a, b] inside one piece: weekly pieces are constant, samples linear.
    auto piece = [&](double a, double b) {
        return m_kind == Kind::Weekly ? value(0.5 * (a + b)) * (b - a)
                                      : 0.5 * (value(a) + leftValue(b)) * (b - a);
    };
    if (!(first <= last)) {
        return piece(a, b) / length;
    }
    const double total =
        piece(a, first * step - offset) + wholePieces(first, last) + piece(last * step - offset, b);
    return total / length;
}

void TimeProfile::accumulatePieces() {
    const std::size_t n = m_values.size();
    m_cumulative.assign(n + 1, 0.0);
    for (std::size_t k = 0; k < n; ++k) {
        // A samples piece is linear to the next sample; the last one holds its value (value()).
        const double integral = m_kind == Kind::Weekly || k + 1 == n
                                    ? m_values[k] * m_step_s
                                    : 0.5 * (m_values[k] + m_values[k + 1]) * m_step_s;
        m_cumulative[k + 1] = m_cumulative[k] + integral;
    }
}

double TimeProfile::wholePieces(double first, double last) const {
    // Whole periods times the integral of one, plus the pieces' places in their periods: the
    // difference stays at the size of one period's integral (no cancellation of year-long sums).
    const double n = static_cast<double>(m_values.size());
    const double periodsFirst = std::floor(first / n), periodsLast = std::floor(last / n);
    const auto inFirst = static_cast<std::size_t>(first - periodsFirst * n);
    const auto inLast = static_cast<std::size_t>(last - periodsLast * n);
    return (periodsLast - periodsFirst) * m_cumulative.back() +
           (m_cumulative[inLast] - m_cumulative[inFirst]);
}

double TimeProfile::leftValue(double time_s) const {
    if (m_kind == Kind::Samples && m_values.size() > 1) {
        const double span = m_step_s * static_cast<double>(m_values.size());
        // fmod is exact: inside the first period it returns t itself (mean() asks there).
        const bool periodEnd =
            time_s >= 0 && time_s < span ? time_s == 0.0 : std::fmod(time_s, span) == 0.0;
        if (periodEnd) {
            return m_values.back(); // the end of a period: the last piece holds the last sample
        }
    }
    return value(time_s);
}

double TimeProfile::maximum() const {
    return *std::max_element(m_values.begin(), m_values.end());
}

TimeProfile TimeProfile::scaled(double factor) const {
    TimeProfile p = *this;
    for (double& v : p.m_values) {
        v *= factor;
    }
    if (m_kind == Kind::Weekly || m_kind == Kind::Samples) {
        p.accumulatePieces();
    }
    return p;
}

} // namespace heatnet
