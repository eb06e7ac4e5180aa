#pragma once
// A fuel boiler (gas or biomass): up to its capacity at any outlet temperature up to T_max,
// with a constant efficiency on the lower heating value:
//   fuel = Q / η   [W]
#include "models/HeatSource.h"
#include "models/TimeProfile.h"

namespace heatnet {

//! Parameters of a boiler.
struct BoilerParameters {
    std::string id;
    double capacity_W = 0;                               //!< thermal capacity [W]
    double efficiency = 0.92;                            //!< heat out / fuel in (LHV) [-]
    double maxSupply_K = 393.15;                         //!< highest outlet temperature [K]
    std::string fuel = "gas";                            //!< "gas" or "biomass"
    TimeProfile availability = TimeProfile::constant(1); //!< 1 running, 0 stopped
};

//! A boiler burning gas or biomass.
class Boiler : public HeatSource {
public:
    explicit Boiler(BoilerParameters parameters);
    const std::string& id() const override { return m_p.id; }
    double availablePower(const SourceConditions& conditions) const override;
    double maxOutletTemperature(const SourceConditions&) const override { return m_p.maxSupply_K; }
    SourceInputs inputsFor(double heat_W, const SourceConditions& conditions) const override;
    std::string fuel() const override { return m_p.fuel; }
    double capacity() const override { return m_p.capacity_W; }
    double availability(double time_s) const override { return m_p.availability.value(time_s); }

private:
    BoilerParameters m_p;
};

} // namespace heatnet
