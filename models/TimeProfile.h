#pragma once
// A quantity over time in SI units: a constant, a weekly schedule (168 hourly values, Monday
// 00:00 first), samples at a fixed step (linearly interpolated, repeated periodically) or a
// timed series (samples at given, possibly irregular times, linearly interpolated, held
// constant outside their span).
#include <string>
#include <vector>

namespace heatnet {

//! Immutable time profile; value(t) with t in seconds since the start of the run.
class TimeProfile {
public:
    //! A constant value.
    static TimeProfile constant(double value, std::string description = {});
    //! 168 hourly values (Monday 00:00 first); `runStartOffset_s` is the run's start measured
    //! from a Monday 00:00.
    static TimeProfile weekly(std::vector<double> hourly, double runStartOffset_s,
                              std::string description = {});
    //! Samples every `step_s`, the first at the run's start (periodic over their span).
    static TimeProfile samples(std::vector<double> values, double step_s,
                               std::string description = {});
    //! Samples at `time_s` [s since the run's start, strictly increasing]; linear in between,
    //! the first (last) value before (after) them. The caller checks that they cover the run.
    static TimeProfile series(std::vector<double> time_s, std::vector<double> values,
                              std::string description = {});

    //! Value at time t [s since the run's start].
    double value(double time_s) const;
    //! Mean over [t0, t1] (exact for piecewise-linear samples, by integration of the pieces).
    double mean(double t0_s, double t1_s) const;
    //! Largest value over the profile.
    double maximum() const;
    //! Returns a copy with every value multiplied by `factor`.
    TimeProfile scaled(double factor) const;
    const std::string& description() const { return m_description; }
    bool isConstant() const { return m_kind == Kind::Constant; }

private:
    enum class Kind { Constant, Weekly, Samples, Series };
    Kind m_kind = Kind::Constant;
    std::vector<double> m_values;
    std::vector<double> m_times_s; //!< Series: sample times
    double m_step_s = 3600;
    double m_offset_s = 0;
    std::string m_description;
};

} // namespace heatnet
