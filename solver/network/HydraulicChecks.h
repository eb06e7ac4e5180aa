#pragma once
// Hydraulic limits of a network, checked at one instant (the design hour, before a run) or at
// every output time of a run: nodal pressures against the nominal pressure PN and against the
// boiling pressure of the water there plus a margin, mean velocity and friction pressure gradient
// of every pipe. It keeps the worst figure of each element and the time it exceeded its limit,
// and turns them into warnings (catalogue: solver/run/WarningCatalogue.h).
//   velocity          v = |ṁ| / (ρ(T) π d² / 4)                               [m/s]
//   pressure gradient Δp / L, for the supply and the return pipe               [Pa/m]
//   boiling margin    p + p_atm − p_sat(T_node), p gauge, p_atm = 101,325 Pa   [Pa]
// Only figures that can exceed their limit are evaluated in full: p_sat is bounded by that of the
// hottest water of the instant and ρ by its smallest value, so most nodes and pipes need neither
// (the warnings are the same as with every figure evaluated).
#include "solver/input/Scenario.h"
#include "solver/network/Network.h"
#include "solver/run/WarningCatalogue.h"

#include <span>
#include <string>
#include <vector>

namespace heatnet {

//! The hydraulic state at one instant, SI (spans index pipes or nodes).
struct HydraulicSnapshot {
    double time_s = 0;
    std::span<const double> pipeFlow_kg_s;     //!< per pipe, + from → to
    std::span<const double> supplyDrop_Pa;     //!< per pipe (≥ 0)
    std::span<const double> returnDrop_Pa;     //!< per pipe (≥ 0)
    std::span<const double> pipeSupply_K;      //!< per pipe, for the density
    std::span<const double> supplyPressure_Pa; //!< per node, gauge
    std::span<const double> returnPressure_Pa; //!< per node, gauge
    std::span<const double> nodeSupply_K;      //!< per node, water temperature (supply)
    std::span<const double> nodeReturn_K;      //!< per node, water temperature (return)
};

//! Keeps the worst exceedance of each limit per element over the instants it observes.
class HydraulicChecks {
public:
    HydraulicChecks(const Scenario& scenario, const Network& network);
    //! Checks one instant; `weight_h` counts the hours it stands for.
    void observe(const HydraulicSnapshot& snapshot, double weight_h);
    //! One warning per element and limit exceeded. `context` follows the figure in the message
    //! ("at the design hour"); with `countHours`, the hours in excess are said too.
    std::vector<Warning> warnings(const std::string& context, bool countHours) const;

private:
    //! Worst figure of one element against one limit.
    struct Worst {
        double value = 0;         //!< the worst figure so far
        double time_s = 0;        //!< when
        double hours = 0;         //!< hours beyond the limit
        bool seen = false;        //!< beyond the limit at least once
        int layer = 0;            //!< 0 supply, 1 return
        double temperature_K = 0; //!< water temperature (boiling margin)
    };
    //! An upper bound of the boiling pressure [Pa] of every node's water in `snapshot` (that of
    //! the hottest; +∞ if a temperature is NaN).
    static double boilingPressureBound(const HydraulicSnapshot& snapshot);
    static void keep(Worst& worst, double value, bool worse, double time_s, double weight_h,
                     int layer, double temperature_K = 0);

    const Scenario& m_scenario;
    const Network& m_network;
    std::vector<Worst> m_pressureHigh, m_pressureLow; //!< per node
    std::vector<Worst> m_velocity, m_gradient;        //!< per pipe
    std::vector<double> m_area_m2;                    //!< per pipe, flow cross-section
    double m_lowestDensity_kg_m3;                     //!< the smallest ρ(T) can be
};

} // namespace heatnet
