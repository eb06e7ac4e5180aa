#pragma once
// Availability timeline of an industrial heat source, as hourly 0/1 samples (1 = running).
// A sample h covers the hour [h, h+1) h after the run's start; it is 0 if the hour's midpoint
// t_h = (h + 1/2) · 3600 s falls in any of
//   - the production calendar: weekends (optional) and an annual shutdown window given as
//     days of the year [fromDay, toDay) (0 = 1 January; repeats every 365 d);
//   - planned stops [from_s, to_s) (e.g. a glass-furnace cold repair of several weeks);
//   - a random trip: an alternating renewal process from the run's start, up times
//     ~ Exp(mean MTBF) and repair times ~ Exp(mean MTTR) [s]; long-run unavailability
//     MTTR / (MTBF + MTTR).
// Exponential draws use an explicit inverse CDF, x = −mean · ln(1 − u), with u ∈ [0, 1) the top
// 53 bits of a std::mt19937_64 output · 2⁻⁵³ (std::mt19937_64 is specified bit for bit by the
// standard; std::*_distribution are not, so none is used). ln is the C library's; glibc's is
// correctly rounded in practice.
#include "models/TimeProfile.h"

#include <cstdint>
#include <vector>

namespace heatnet {

//! A stop window in seconds since the run's start, [from_s, to_s).
struct StopWindow {
    double from_s = 0;
    double to_s = 0;
};

//! Parameters of an availability timeline.
struct OutageParameters {
    double duration_s = 8760 * 3600.0;    //!< length of the run [s]
    int startWeekday = 2;                 //!< weekday of the run's start (0 = Monday)
    double startDayOfYear_s = 0;          //!< run start measured from 1 January 00:00 [s]
    bool weekendStops = false;            //!< stopped Saturday and Sunday (glass furnaces: no)
    double shutdownFromDay = 0;           //!< annual shutdown, first day of year (0 = 1 Jan) [d]
    double shutdownToDay = 0;             //!< annual shutdown, end (exclusive); = from: none [d]
    std::vector<StopWindow> plannedStops; //!< planned stops [s since the run's start]
    double mtbf_s = 0;                    //!< mean time between failures (0: no random trips) [s]
    double mttr_s = 0;                    //!< mean time to repair [s]
    std::uint64_t seed = 1;               //!< seed of the std::mt19937_64 trip generator
};

//! Hourly availability samples (1 running, 0 stopped), ceil(duration / 1 h) + 2 of them.
std::vector<double> availabilityHours(const OutageParameters& parameters);

//! The same as a TimeProfile (samples every 3600 s), to be used as a source's availability.
TimeProfile availabilityProfile(const OutageParameters& parameters);

//! Exponential draw with mean `mean` by inverse CDF from one 64-bit generator output.
double exponentialDraw(std::uint64_t bits, double mean);

} // namespace heatnet
