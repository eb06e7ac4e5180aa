#pragma once
// A plant's storage tank in a plug-flow run (`pipe_model: plug_flow`). The tank is the one of the
// finite-volume core (models/StratifiedStorage.h states its equations and units: N mixed layers,
// charged through the top, discharged through the bottom, losing heat to its surroundings), and
// so is its control: the charge power follows the waste heat's surplus and fades as the bottom
// nears the charge inlet; the discharge heats the plant water toward the set point, limited by
// the top (StratifiedStorage::chargePower, dischargePower). What differs is what drives it. The
// plug-flow network moves in hydraulic steps with the plant's water held over each step, so
// over a step [t0, t0 + h] the plant side is held — the surplus P_s [W] and the charge inlet
// T_ch [K], the plant water's capacity rate ṁc [W/K], its temperature T_in where it meets the
// tank and its set point — while the tank's control follows its own top and bottom, as in the
// finite-volume core. CVODE integrates the layers with three energy integrals [J]:
//   dE_charge/dt    = ṁ_ch c (T_ch − T_bottom)      heat the charging loop brings
//   dE_discharge/dt = ṁ_dis c (T_top − T_in)         heat the plant water takes
//   dE_loss/dt      = Σ_i UA_i (T_i − T_amb)          heat lost to the surroundings
// with ṁ_ch = P_ch / (c (T_ch − T_bottom)), ṁ_dis = P_dis / (c (T_top − T_in)) from the control's
// powers (≥ 0). The layers' equations sum to Σ_i C dT_i/dt = dE_charge/dt − dE_discharge/dt −
// dE_loss/dt, a linear invariant that the BDF/Newton iteration keeps to round-off: over every
// step the tank's stored heat changes by exactly E_charge − E_discharge − E_loss, which the
// network books to the plant (docs/numerics.md, "Storage tanks in plug-flow runs"). The plant
// side jumps at each step's start, so the integrator restarts there.
#include "models/Plant.h"
#include "models/StratifiedStorage.h"
#include "solver/thermal/CvodeIntegrator.h"
#include "solver/thermal/OdeSystem.h"
#include "solver/thermal/StorageTankLayers.h"

#include <array>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace heatnet {

//! One tank, its layers and energy integrals, stepped with held flows.
class PlugFlowTank final : private OdeSystem {
public:
    //! `owner` names the tank in solver errors ("storage of plant P"); the tolerances are the
    //! scenario's (temperatures [K], relative [-]).
    PlugFlowTank(const StratifiedStorage& tank, std::string owner, double temperatureTolerance_K,
                 double relativeTolerance);
    ~PlugFlowTank() override;
    PlugFlowTank(const PlugFlowTank&) = delete;
    PlugFlowTank& operator=(const PlugFlowTank&) = delete;

    const StratifiedStorage& tank() const { return m_tank; }
    //! The tank as the plant's operation sees it now (top and bottom layers).
    PlantStorageState state() const;
    //! The plant side held over a step.
    struct PlantSide {
        double surplus_W = 0;        //!< waste heat offered for charging [W]
        double chargeInlet_K = 0;    //!< charging water entering the top [K]
        double capacityRate_W_K = 0; //!< the plant water's ṁ c [W/K]
        double dischargeInlet_K = 0; //!< plant water meeting the tank [K]
        double target_K = 0;         //!< the plant's set point [K]
        double dischargeScale = 1;   //!< share of the control's discharge power given [-]
    };
    //! Advances over [t0, t0 + step] with `plant` held.
    void advance(double t0_s, double step_s, const PlantSide& plant);
    //! Sets the layer temperatures (top first) [K], e.g. a measured state; integrals kept.
    void setLayers(std::span<const double> layers_K);
    //! Layer temperatures now, top first [K].
    std::span<const double> layers() const;
    //! An energy integral since the start [J].
    double integral(TankIntegral which) const;
    //! Heat in the water relative to 0 °C [J].
    double storedHeat() const { return m_tank.storedHeat(layers()); }
    //! The integrator's work so far.
    IntegratorStatistics statistics() const { return m_integrator->statistics(); }

private:
    // --- OdeSystem: states are the layers (top first), then the three integrals -------------
    std::size_t size() const override { return m_layerCount + 3; }
    void rhs(double time_s, std::span<const double> y, std::span<double> dydt) override;
    std::vector<std::vector<std::size_t>> jacobianPattern() const override;
    void absoluteTolerances(std::span<double> absTol) const override;
    std::string stateName(std::size_t index) const override;

    StratifiedStorage m_tank;
    std::string m_owner;
    std::size_t m_layerCount = 0;
    double m_temperatureTolerance_K = 0;
    double m_cp = 0;                               //!< specific heat of the water [J/(kg K)]
    PlantSide m_plant;                             //!< held over the current step
    std::unique_ptr<CvodeIntegrator> m_integrator; //!< last: it holds a reference to *this
};

} // namespace heatnet
