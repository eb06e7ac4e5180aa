#pragma once
// Hourly outdoor air temperature for a year: either read from a CSV file or the bundled synthetic
// year for the Saint-Omer area (documented as synthetic: annual mean 11.3 °C, seasonal amplitude,
// daily cycle, seeded weather noise — reproducible bit for bit).
#include "models/TimeProfile.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace heatnet {

class CsvTable;

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
    //! Reads a CSV with columns `column` (°C) and optionally `time_h`; hourly if no time column.
    //! Throws InputError naming the file and row on a bad value.
    static Climate fromCsv(const std::filesystem::path& path, const std::string& displayPath,
                           const std::string& column);
    //! Column `column` (°C) of `table`; its rows at `rowTimes_s` [s since 1 January 00:00 of the
    //! run's start year] if given (a time column, solver/input/SeriesTiming.h: linear in between,
    //! the end values outside), else hourly or at `time_h` as fromCsv with the first row at
    //! `firstRowAt_s` [s since 1 January 00:00 of the run's start year] (periodic).
    static Climate fromTable(const CsvTable& table, const std::string& column,
                             const std::vector<double>* rowTimes_s = nullptr,
                             double firstRowAt_s = 0);
    //! A constant temperature (validation cases).
    static Climate constant(double temperature_K);

    //! Outdoor temperature [K] at time [s since 1 January 00:00 of the run's start year]
    //! (a series read by fromCsv: since its first row).
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
