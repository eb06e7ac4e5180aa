#pragma once
// Industrial waste heat given to the network as a (time-varying) thermal power at up to a
// maximum supply temperature. The simplest waste-heat model: the factory's recoverable power is
// a profile; the network takes what it needs of it.
//   Q_avail(t) = P(t) · a(t)    [W],  outlet ≤ T_max
// with P the available power profile and a(t) ∈ [0, 1] the availability (stops).
#include "models/HeatSource.h"
#include "models/TimeProfile.h"

namespace heatnet {

//! Parameters of a fixed-profile waste-heat source.
struct WasteHeatParameters {
    std::string id;
    TimeProfile available_W = TimeProfile::constant(0);  //!< recoverable thermal power [W]
    double maxSupply_K = 373.15;                         //!< highest outlet temperature [K]
    double capacity_W = 0;                               //!< exchanger capacity [W]
    TimeProfile availability = TimeProfile::constant(1); //!< 1 running, 0 stopped
};

//! Waste heat as a power profile.
class WasteHeatSource : public HeatSource {
public:
    explicit WasteHeatSource(WasteHeatParameters parameters);
    const std::string& id() const override { return m_p.id; }
    double availablePower(const SourceConditions& conditions) const override;
    double maxOutletTemperature(const SourceConditions&) const override { return m_p.maxSupply_K; }
    SourceInputs inputsFor(double heat_W, const SourceConditions& conditions) const override;
    bool isWasteHeat() const override { return true; }
    double capacity() const override { return m_p.capacity_W; }
    double availability(double time_s) const override { return m_p.availability.value(time_s); }

private:
    WasteHeatParameters m_p;
};

} // namespace heatnet
