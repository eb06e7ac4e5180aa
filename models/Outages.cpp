#include "models/Outages.h"

#include <cmath>
#include <random>

namespace heatnet {

double exponentialDraw(std::uint64_t bits, double mean) {
    const double u = static_cast<double>(bits >> 11) * 0x1.0p-53; // [0, 1)
    return -mean * std::log1p(-u);
}

std::vector<double> availabilityHours(const OutageParameters& p) {
    const auto hours = static_cast<std::size_t>(std::ceil(p.duration_s / 3600.0)) + 2;
    std::vector<double> available(hours, 1.0);
    constexpr double day = 86400.0;
    constexpr double week = 7 * day;
    constexpr double year = 365 * day;

    // Random trips: the alternating renewal process, advanced while walking the hours.
    std::mt19937_64 generator(p.seed);
    const bool trips = p.mtbf_s > 0 && p.mttr_s > 0;
    double failureAt = trips ? exponentialDraw(generator(), p.mtbf_s) : 0.0;
    double repairedAt = trips ? failureAt + exponentialDraw(generator(), p.mttr_s) : 0.0;

    for (std::size_t h = 0; h < hours; ++h) {
        const double t = (static_cast<double>(h) + 0.5) * 3600.0;
        bool down = false;
        if (p.weekendStops) {
            const double inWeek =
                std::fmod(p.startWeekday * day + std::fmod(p.startDayOfYear_s, day) + t, week);
            down = inWeek >= 5 * day; // Saturday 00:00 to Monday 00:00
        }
        if (p.shutdownToDay > p.shutdownFromDay) {
            const double dayOfYear = std::fmod(p.startDayOfYear_s + t, year) / day;
            down = down || (dayOfYear >= p.shutdownFromDay && dayOfYear < p.shutdownToDay);
        }
        for (const StopWindow& stop : p.plannedStops) {
            down = down || (t >= stop.from_s && t < stop.to_s);
        }
        if (trips) {
            while (t >= repairedAt) {
                failureAt = repairedAt + exponentialDraw(generator(), p.mtbf_s);
                repairedAt = failureAt + exponentialDraw(generator(), p.mttr_s);
            }
            down = down || t >= failureAt;
        }
        available[h] = down ? 0.0 : 1.0;
    }
    return available;
}

TimeProfile availabilityProfile(const OutageParameters& parameters) {
    return TimeProfile::samples(availabilityHours(parameters), 3600.0, "outages");
}

} // namespace heatnet
