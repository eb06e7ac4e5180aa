#pragma once
// Quasi-static hydraulics of the supply and return layers, recomputed each hydraulic step.
//
// Mass balance at every node with the consumers' draws and the plants' injections fixes the flow
// of every pipe of a tree. In a meshed network the loop (chord) flows are the unknowns and
// Newton's method drives the Darcy–Weisbach pressure drops around each fundamental loop to zero:
//   Σ_{p ∈ loop c} s_pc Δp_p(ṁ_p) = 0,   ṁ_p = ṁ_p(tree) + Σ_c s_pc q_c
// The return layer mirrors the supply flows. The pump at the balancing plant provides
//   H = max_consumers (Δp_supply path + Δp_return path) + Δp_set
// and uses P_el = Σ ṁ_plants · H / (ρ η).
//
// Nodal pressures (gauge): the balancing plant holds its return inlet at the static pressure
// p_0 and its pump lifts the water to p_0 + H. Along the spanning tree from that plant, each
// pipe (parent → child, elevations z [m], layer density ρ at the pipe's temperature) gives
//   p_s(child) = p_s(parent) ∓ Δp_s − ρ_s g (z_child − z_parent)   (− when the supply flows
//   p_r(child) = p_r(parent) ± Δp_r − ρ_r g (z_child − z_parent)    toward the child)
// In a meshed network the supply drops around every loop sum to zero, so the tree path gives the
// same pressure as any other path; the return, mirrored, closes its loops only to the difference
// between its water properties and the supply's.
#include "solver/Network.h"

#include <span>
#include <vector>

namespace heatnet {

//! Result of one hydraulic solve, SI.
struct HydraulicState {
    std::vector<double> pipeFlow_kg_s;         //!< supply-layer flow, + from → to
    std::vector<double> supplyPressureDrop_Pa; //!< per pipe, in the flow direction (≥ 0)
    std::vector<double> returnPressureDrop_Pa; //!< per pipe, in the flow direction (≥ 0)
    std::vector<double> plantFlow_kg_s;        //!< per plant
    std::vector<double> supplyPressure_Pa;     //!< per node, supply layer, gauge
    std::vector<double> returnPressure_Pa;     //!< per node, return layer, gauge
    double pumpHead_Pa = 0;
    double pumpPower_W = 0;
    std::size_t worstConsumer = 0;
    int newtonIterations = 0;
};

//! Solves the flows for given consumer and prescribed-plant flows.
class Hydraulics {
public:
    Hydraulics(const Network& network, const Scenario& scenario);

    //! consumerFlow: draw of each consumer [kg/s]; plantFlow: prescribed plants' flows [kg/s]
    //! (the slack plant's entry is ignored and returned balanced); supply/return temperature of
    //! each pipe [K] for the water properties. Throws SolverError if Newton fails.
    HydraulicState solve(std::span<const double> consumerFlow_kg_s,
                         std::span<const double> plantFlow_kg_s,
                         std::span<const double> supplyTemperature_K,
                         std::span<const double> returnTemperature_K) const;

private:
    double pressureDrop(std::size_t pipe, double flow, double temperature_K) const;
    double pressureDropDerivative(std::size_t pipe, double flow, double temperature_K) const;

    const Network& m_network;
    const Scenario& m_scenario;
    //! Fundamental loops: (pipe, sign) pairs, sign +1 if the pipe's from→to follows the loop.
    std::vector<std::vector<std::pair<std::size_t, int>>> m_loops;
};

} // namespace heatnet
