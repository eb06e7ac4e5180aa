#pragma once
// Heat demand of a substation from outdoor temperature (a degree-hour method):
//   Q(t) = Q_dhw + Q_sh(t),   Q_sh(t) = k · max(0, T_limit − T_out(t))
// where Q_dhw [W] is a constant domestic-hot-water base (the share `dhwShare` of the annual
// demand spread evenly), T_limit the heating-limit temperature (default 15 °C), and k [W/K] is
// chosen so that the annual sum over the given climate equals the annual demand.
#include "models/Climate.h"

#include <algorithm>

namespace heatnet {

//! Parameters of the degree-hour demand model, SI.
struct DegreeHourDemand {
    double annualDemand_J = 0;      //!< heat demand over one year [J]
    double dhwShare = 0.15;         //!< share of it that is hot water [-]
    double heatingLimit_K = 288.15; //!< no space heating above this outdoor temperature
};

//! Demand of one substation over time, scaled on a climate.
class DegreeHourProfile {
public:
    DegreeHourProfile(const DegreeHourDemand& parameters, const Climate& climate);
    //! The same, from the climate's mean heating deficit at the parameters' heating limit
    //! (meanHeatingDeficit_K): substations with the same limit share that one scan of the year.
    DegreeHourProfile(const DegreeHourDemand& parameters, double meanDeficit_K);
    //! mean_i max(0, T_limit − T_i) over the climate's hourly samples T_i [K].
    static double meanHeatingDeficit_K(const Climate& climate, double heatingLimit_K);
    //! Heat demand [W] at an outdoor temperature [K] (inline: the hour loop samples it often).
    double power(double outdoorTemperature_K) const {
        return m_dhw_W + m_k_W_K * std::max(0.0, m_limit_K - outdoorTemperature_K);
    }
    double spaceHeatingCoefficient_W_K() const { return m_k_W_K; }
    double hotWaterPower_W() const { return m_dhw_W; }

private:
    double m_k_W_K = 0;
    double m_dhw_W = 0;
    double m_limit_K = 0;
};

} // namespace heatnet
