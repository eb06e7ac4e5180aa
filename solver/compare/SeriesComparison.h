#pragma once
// Simulated against measured: the error figures of one sensor (heatnet compare,
// docs/compare.md). Pure arithmetic on two time series in the same unit.
//
//   e_i(τ)  = y_sim(t_i + τ) − y_meas(t_i)   (y_sim linear between its output times)
//   bias    = mean e_i(0),   RMSE = sqrt(mean e_i(0)²),   max error = e_i(0) of largest |e_i(0)|
// over the measured rows t_i inside the simulated span [t_sim,first, t_sim,last]. The lag τ* is
// the τ = k Δτ, |τ| ≤ W, of least RMSE over the rows that stay inside the span for every τ of
// the window (ties: the smallest |τ|); τ* > 0 means the simulation runs late by τ*.
#include <cstddef>
#include <span>

namespace heatnet {

//! Lag search window.
struct LagSearch {
    double window_s = 0; //!< W: lags from −W to +W [s]; 0: no search
    double step_s = 1;   //!< Δτ [s]
};

//! Figures of one sensor.
struct ComparisonFigures {
    std::size_t samples = 0;    //!< measured rows inside the simulated span
    double rmse = 0;            //!< [unit of the series]
    double bias = 0;            //!< mean simulated − measured
    double maxError = 0;        //!< signed error of largest magnitude
    double maxErrorTime_s = 0;  //!< measured time of maxError
    double lag_s = 0;           //!< τ*
    double rmseAtLag = 0;       //!< RMSE at τ* (over the window's common rows)
    std::size_t lagSamples = 0; //!< rows used in the lag search
};

//! Compares `simulated` (at `simulatedTime_s`, increasing) with `measured` (at
//! `measuredTime_s`, increasing); times on one axis [s]. Throws InputError if no measured row
//! falls inside the simulated span.
ComparisonFigures compareSeries(std::span<const double> simulatedTime_s,
                                std::span<const double> simulated,
                                std::span<const double> measuredTime_s,
                                std::span<const double> measured, const LagSearch& lag);

} // namespace heatnet
