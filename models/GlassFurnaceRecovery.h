#pragma once
// Heat recovered from the flue gas of a glass furnace, after its regenerators, by a gas–water
// exchanger on the network return. With p(t) ∈ [0, 1] the furnace pull rate as a fraction of
// nominal and a(t) ∈ [0, 1] its availability (calendar, cold repair, trips; models/Outages.h):
//   ṁ_fg  = ṁ_fg,nom · p                              flue-gas mass flow [kg/s]
//   T_fg  = T_fg,nom − ΔT_part · (1 − p)               flue-gas temperature [K]
//   T_out = max(T_floor, T_in + ΔT_app)                flue gas leaving the exchanger [K]
//   Q     = a · min(Q_cap, ṁ_fg c_fg (T_fg − T_out)^+) recoverable heat [W]
//   T_max = T_fg − ΔT_app                              highest water outlet temperature [K]
// T_in is the simulated water temperature reaching the exchanger (the network return, or what
// an upstream source left), T_floor the flue-gas floor above the acid dew point, ΔT_app the
// minimum approach between the gas and the water at either end (counter-flow), c_fg the flue
// gas specific heat (≈ 1.1 kJ/(kg K) for combustion products at 200–500 °C). The heat is
// recovered waste heat (SourceInputs::wasteHeat_W = Q); no fuel, no electricity (fan power
// neglected). Defaults and their sources: docs/models.md.
#include "models/HeatSource.h"
#include "models/TimeProfile.h"

namespace heatnet {

//! Parameters of a glass-furnace flue-gas recovery.
struct GlassFurnaceParameters {
    std::string id;
    TimeProfile pullRate = TimeProfile::constant(1);     //!< pull rate / nominal [-]
    double flueGasFlow_kg_s = 0;                         //!< ṁ_fg,nom at nominal pull [kg/s]
    double flueGasTemperature_K = 753.15;                //!< T_fg,nom after regenerators [K]
    double partLoadDrop_K = 50;                          //!< ΔT_part: T_fg drop at zero pull [K]
    double flueGasSpecificHeat_J_kgK = 1100;             //!< c_fg [J/(kg K)]
    double flueGasFloor_K = 433.15;                      //!< T_floor (acid dew point margin) [K]
    double approach_K = 20;                              //!< ΔT_app, minimum approach [K]
    double capacity_W = 0;                               //!< Q_cap, exchanger capacity [W]
    TimeProfile availability = TimeProfile::constant(1); //!< 1 running, 0 stopped
};

//! Flue-gas heat recovery on a glass furnace.
class GlassFurnaceRecovery : public HeatSource {
public:
    explicit GlassFurnaceRecovery(GlassFurnaceParameters parameters);
    const std::string& id() const override { return m_p.id; }
    double availablePower(const SourceConditions& conditions) const override;
    double maxOutletTemperature(const SourceConditions& conditions) const override;
    SourceInputs inputsFor(double heat_W, const SourceConditions& conditions) const override;
    bool isWasteHeat() const override { return true; }
    double capacity() const override { return m_p.capacity_W; }
    double availability(double time_s) const override;

    //! Flue-gas temperature at the exchanger inlet at time t [K].
    double flueGasTemperature(double time_s) const;
    //! Flue-gas temperature leaving the exchanger when it delivers `heat_W` [K].
    double flueGasOutletTemperature(double heat_W, const SourceConditions& conditions) const;

private:
    GlassFurnaceParameters m_p;
};

} // namespace heatnet
