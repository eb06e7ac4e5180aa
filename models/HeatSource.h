#pragma once
// The extension point for heat sources. A source is an immutable description: given the
// conditions of the moment (time, the water arriving from the return line, its flow, the
// temperature the plant aims at) it says how much heat it can add and what that costs in fuel and
// electricity. It holds no simulation state, so one object can serve many runs at once.
// Sources in a plant are connected in series in merit order: each heats the water from where the
// previous one left it, up to min(target, its own maximum outlet temperature).
#include <memory>
#include <string>

namespace heatnet {

//! The conditions a source sees at one instant, SI.
struct SourceConditions {
    double time_s = 0;              //!< since the start of the run
    double inletTemperature_K = 0;  //!< water entering this source
    double massFlow_kg_s = 0;       //!< water through the plant
    double targetTemperature_K = 0; //!< plant supply set point
    double outdoorTemperature_K = 0;
    double specificHeat_J_kgK = 4186; //!< c_p used by the thermal model
};

//! Energy carriers a source consumes, per unit of time [W].
struct SourceInputs {
    double fuel_W = 0;        //!< fuel (gas, biomass) at its lower heating value
    double electricity_W = 0; //!< electricity (heat pumps, auxiliaries)
    double wasteHeat_W = 0;   //!< industrial waste heat taken (counts as recovered, EnR&R)
};

//! A heat source model.
class HeatSource {
public:
    virtual ~HeatSource() = default;
    //! Identifier from the scenario.
    virtual const std::string& id() const = 0;
    //! Heat [W] the source can add now, before the outlet-temperature limit (≥ 0).
    virtual double availablePower(const SourceConditions& conditions) const = 0;
    //! Highest outlet temperature the source can reach [K].
    virtual double maxOutletTemperature(const SourceConditions& conditions) const = 0;
    //! What delivering `heat_W` costs in fuel, electricity and waste heat [W].
    virtual SourceInputs inputsFor(double heat_W, const SourceConditions& conditions) const = 0;
    //! Fuel name for emission factors and prices ("gas", "biomass", "" for none).
    virtual std::string fuel() const { return ""; }
    //! True if its heat counts as recovered waste heat (EnR&R share).
    virtual bool isWasteHeat() const { return false; }
    //! Installed thermal capacity [W] (for full-load hours and capital cost).
    virtual double capacity() const = 0;
    //! Fraction of the hour the source is available (1 = running, 0 = stopped) at time t.
    virtual double availability(double /*time_s*/) const { return 1.0; }
};

} // namespace heatnet
