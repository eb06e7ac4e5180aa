#pragma once
// Hourly outdoor air temperature for a year: a measured series (read from CSV by
// solver/input/ClimateReader.h: models read no files) or the bundled synthetic year for the
// Saint-Omer area (documented as synthetic: annual mean 11.3 °C, seasonal amplitude, daily cycle,
// seeded weather noise — reproducible bit for bit).
#include "models/TimeProfile.h"

#include <optional>
#include <string>
#include <vector>

namespace heatnet {

//! Outdoor temperature as a function of time, hourly samples linearly interpolated; periodic
//! over its length (a year repeats).
class Climate {
public:
    //! The synthetic Saint-Omer year: 8760 hourly values, deterministic for a given seed.
    //!   T(t) = T_mean − A_year cos(2π (t − t_min)/8760 h) − A_day cos(2π (h − 15)/24) + AR(1)
    //!   noise
    //! with T_mean = 11.3 °C, A_year = 7.0 K, A_day = 3.5 K (reduced in winter), noise σ = 2.5 K,
    //! lag-1 hourly correlation 0.97.
    static Climate syntheticSaintOmer(unsigned seed = 2026);
    //! Hourly samples [K], the first at `origin_s` [s since 1 January 00:00 of the run's start
    //! year], linear in between and periodic over their length.
    static Climate hourlySeries(std::vector<double> hourly_K, double origin_s,
                                std::string description);
    //! Samples [K] at `times_s` [s since 1 January 00:00 of the run's start year], strictly
    //! increasing: linear in between, the end values outside (not periodic).
    static Climate timedSeries(const std::vector<double>& times_s, std::vector<double> values_K,
                               std::string description);
    //! A constant temperature (validation cases).
    static Climate constant(double temperature_K);

    //! Outdoor temperature [K] at time [s since 1 January 00:00 of the run's start year].
    double temperature(double time_s) const;
    //! Mean of the hourly samples [K] (a timed series: sampled at its whole hours).
    double meanTemperature() const;
    //! The hourly samples [K].
    const std::vector<double>& hourly() const { return m_hourly_K; }
    //! Where the series came from, for the result file ("synthetic Saint-Omer year, seed 2026").
    const std::string& description() const { return m_description; }

private:
    std::vector<double> m_hourly_K;
    double m_step_s = 3600.0;
    double m_origin_s = 0; //!< time of the first hourly sample [s since 1 January 00:00]
    std::optional<TimeProfile> m_timed; //!< a timed series (time column) [K], if any
    std::string m_description;
};

} // namespace heatnet
