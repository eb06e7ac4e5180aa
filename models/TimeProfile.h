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
    //! Mean over [t0, t1], the exact integral of value() divided by t1 − t0. Weekly and samples
    //! profiles: the partial pieces at both ends plus the whole pieces between from sums
    //! accumulated once (O(1) per call whatever the interval); a timed series: its pieces.
    double mean(double t0_s, double t1_s) const;
    //! Largest value over the profile.
    double maximum() const;
    //! Returns a copy with every value multiplied by `factor`.
    TimeProfile scaled(double factor) const;
    const std::string& description() const { return m_description; }
    //! Same kind, samples, times, step, offset and description.
    bool operator==(const TimeProfile& other) const = default;
    bool isConstant() const { return m_kind == Kind::Constant; }

private:
    enum class Kind { Constant, Weekly, Samples, Series };
    //! Fills m_cumulative from m_values (weekly and samples profiles).
    void accumulatePieces();
    //! Integral of value() over the whole pieces first … last − 1 [value·s]; piece k spans
    //! [k·step, (k+1)·step) (weekly: shifted by the offset), repeated every m_values.size().
    double wholePieces(double first, double last) const;
    //! Value at t approached from the left: value(t), except at the end of a samples period,
    //! where value() has already wrapped to the first sample.
    double leftValue(double time_s) const;

    Kind m_kind = Kind::Constant;
    std::vector<double> m_values;
    std::vector<double> m_times_s; //!< Series: sample times
    //! Weekly and samples: m_cumulative[k] = ∫ value over pieces 0 … k − 1 of one period
    //! [value·s], k = 0 … pieces (the sums behind mean()).
    std::vector<double> m_cumulative;
    double m_step_s = 3600;
    double m_offset_s = 0;
    std::string m_description;
};

} // namespace heatnet
