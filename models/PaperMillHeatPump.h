#pragma once
// An electric heat pump lifting a paper-mill waste stream (exhaust air or process water at
// 30–60 °C) to the network. With T_s(t), ṁ_s(t) the stream's temperature and mass flow
// (profiles), c_s its specific heat, a(t) the availability:
//   T_sink   = min(T_target, T_max)                    condenser (water outlet) [K]
//   T_source = T_s − ΔT_evap                           evaporator [K]
//   COP      = max(1, η_C · T_sink / max(T_sink − T_source, ΔT_lift,min))
//              (≤ η_C · T_sink/(T_sink − T_source) ≤ Carnot; ΔT_lift,min = 5 K guards a
//              vanishing lift)
//   Q_evap   = ṁ_s c_s ΔT_s,max                        heat the stream can give [W]
//   Q        = a · min(Q_cap, Q_evap · COP / (COP − 1))  heat to the network [W]
//   P_el     = Q / COP,  waste heat taken = Q − P_el   [W]
// η_C is the Carnot (second-law) efficiency, 0.45 by default (0.45–0.5 for industrial heat
// pumps; docs/models.md). The stream's heat counts as waste heat, the electricity is counted
// as electricity. Direct exchange of a stream hotter than the network inlet is not modelled.
#include "models/HeatSource.h"
#include "models/TimeProfile.h"

namespace heatnet {

//! Parameters of a waste-stream heat pump.
struct HeatPumpParameters {
    std::string id;
    TimeProfile streamTemperature_K = TimeProfile::constant(318.15); //!< T_s [K]
    TimeProfile streamFlow_kg_s = TimeProfile::constant(0);          //!< ṁ_s [kg/s]
    double streamSpecificHeat_J_kgK =
        4186;                        //!< c_s: water 4186, humid exhaust air ≈ 1000+ [J/(kg K)]
    double streamCooling_K = 10;     //!< ΔT_s,max: largest cooling of the stream [K]
    double evaporatorApproach_K = 5; //!< ΔT_evap [K]
    double carnotEfficiency = 0.45;  //!< η_C [-]
    double maxSupply_K = 363.15;     //!< T_max, highest condenser outlet [K]
    double capacity_W = 0;           //!< Q_cap, thermal capacity [W]
    TimeProfile availability = TimeProfile::constant(1); //!< 1 running, 0 stopped
};

//! Heat pump on a paper-mill waste stream.
class PaperMillHeatPump : public HeatSource {
public:
    //! Smallest lift used in the COP [K].
    static constexpr double kMinLift_K = 5.0;

    explicit PaperMillHeatPump(HeatPumpParameters parameters);
    const std::string& id() const override { return m_p.id; }
    double availablePower(const SourceConditions& conditions) const override;
    double maxOutletTemperature(const SourceConditions&) const override { return m_p.maxSupply_K; }
    SourceInputs inputsFor(double heat_W, const SourceConditions& conditions) const override;
    bool isWasteHeat() const override { return true; }
    double capacity() const override { return m_p.capacity_W; }
    double availability(double time_s) const override;

    //! COP at the conditions (sink = min(target, T_max)) [-].
    double cop(const SourceConditions& conditions) const;
    //! COP for given sink and source temperatures [-].
    double cop(double sink_K, double source_K) const;

private:
    HeatPumpParameters m_p;
};

} // namespace heatnet
