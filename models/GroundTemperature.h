#pragma once
// Undisturbed ground temperature at depth z from the Kusuda–Achenbach (1965) model:
//   T(z, t) = T_mean − A_s · exp(−z √(π/(α P))) · cos(2π/P · (t − t_0 − z/2 · √(P/(π α))))
// with T_mean the annual mean surface temperature [K], A_s the annual surface amplitude [K],
// α the soil thermal diffusivity [m2/s], P = one year [s], t_0 the time of the minimum surface
// temperature [s from 1 January].
namespace heatnet {

//! Parameters of the Kusuda–Achenbach model, SI.
struct KusudaParameters {
    double meanTemperature_K = 284.45;   //!< annual mean surface temperature (11.3 °C, Lille)
    double amplitude_K = 7.5;            //!< annual amplitude of surface temperature
    double diffusivity_m2_s = 0.6e-6;    //!< soil thermal diffusivity (moist loam)
    double phaseMinimum_s = 35 * 86400.; //!< time of the coldest surface day after 1 Jan
};

//! The Kusuda–Achenbach temperature at one depth: the depth's damped amplitude and phase lag
//! computed once, so that each time costs one cosine.
class KusudaGround {
public:
    KusudaGround(const KusudaParameters& parameters, double depth_m);
    //! Ground temperature [K] at time [s since 1 January 00:00].
    double temperature(double time_s) const;

private:
    double m_mean_K = 0;         //!< T_mean [K]
    double m_amplitude_K = 0;    //!< A_s · exp(−z/d), the amplitude at the depth [K]
    double m_omega_rad_s = 0;    //!< 2π/P [rad/s]
    double m_phaseMinimum_s = 0; //!< t_0 [s]
    double m_lag_s = 0;          //!< the depth's phase lag [s]
};

//! Ground temperature [K] at depth [m] and time [s since 1 January 00:00].
double kusudaTemperature(const KusudaParameters& parameters, double depth_m, double time_s);

} // namespace heatnet
