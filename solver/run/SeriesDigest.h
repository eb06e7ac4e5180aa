#pragma once
// Hourly series boiled down for people: heat per calendar month, the load-duration curve with
// each source's share, and the coldest week. Pure functions of the series (no file access), so
// they are tested against sums and orderings that must hold.
#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace heatnet {

//! Calendar of a result's time axis.
struct StepCalendar {
    std::vector<std::string> months;      //!< "YYYY-MM" of each month touched, in order
    std::vector<std::size_t> monthOfStep; //!< index into `months` for each step
    std::vector<std::string> labels;      //!< "DD/MM HH:00" at the middle of each step
};

//! Calendar of steps ending at `time_h` (hours since `timeUnits`' "hours since YYYY-MM-DD
//! HH:MM:SS"), each `step_h` long; a step belongs to the month of its middle. Throws Error if
//! the units cannot be read.
StepCalendar stepCalendar(const std::string& timeUnits, std::span<const double> time_h,
                          double step_h);

//! Energy per month [MWh] of a mean-power series [W] over steps of `step_h`.
std::vector<double> monthlyEnergy_MWh(std::span<const double> power_W, const StepCalendar& c,
                                      double step_h);

//! A load-duration curve: steps sorted by total power, highest first, averaged in blocks.
struct LoadDuration {
    std::vector<double> hours;                 //!< middle of each block on the sorted axis [h]
    std::vector<std::vector<double>> parts_MW; //!< [part][block] mean power of each part
};

//! Load-duration curve of the sum of `parts` (mean powers [W] per step of `step_h`), each
//! block of sorted steps averaged so that at most `maxPoints` points remain; energy is kept.
LoadDuration loadDuration(const std::vector<std::vector<double>>& parts_W, double step_h,
                          std::size_t maxPoints);

//! First step of the `window` consecutive steps with the lowest mean of `values` (the whole
//! series, start 0, when it is shorter than the window).
std::size_t coldestWindow(std::span<const double> values, std::size_t window);

} // namespace heatnet
