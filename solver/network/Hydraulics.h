#pragma once
// Quasi-static hydraulics of the supply and return layers, recomputed each hydraulic step.
//
// Mass balance at every node with the consumers' draws and the plants' injections fixes the flow
// of every pipe of a tree. In a meshed network the loop (chord) flows are the unknowns and
// Newton's method drives the Darcy–Weisbach pressure drops around each fundamental loop to zero:
//   Σ_{p ∈ loop c} s_pc Δp_p(ṁ_p) = 0,   ṁ_p = ṁ_p(tree) + Σ_c s_pc q_c
// Each layer is solved on its own: the supply layer takes the consumers' draws and gives the
// plants' injections with the supply water's density and viscosity; the return layer takes the
// consumers' returns and gives the plants' intakes with the return water's. In a tree the return
// flows are the supply flows reversed; in a meshed network they split by their own loop
// equations (docs/models.md, "The network's hydraulics").
//
// Nodal pressures (gauge): the `pressure` plant holds its return inlet at the static pressure
// p_0 and its pump lifts the water to p_0 + H. Along the spanning tree from that plant, each
// pipe (parent → child, elevations z [m], layer density ρ at the pipe's temperature) gives
//   p(child) = p(parent) ∓ Δp − ρ g (z_child − z_parent)   (− when that layer's water flows
//                                                          toward the child)
// Both layers' loops balance, so the tree path gives the same pressure as any other path of the
// meshed solution. The head makes the worst-placed substation see the set differential pressure:
//   H = max_c [p_r(c) − p_s(c)]_{H=0} + Δp_set
// Every other plant q lifts its flow from its return node to its supply node,
//   H_q = max(0, p_s(n_q) − p_r(n_q)),
// and the pumps take P_el = Σ_q ṁ_q H_q / (ρ η_q) (ρ of the return water at the first pipe).
#include "models/Friction.h"
#include "solver/network/Network.h"

#include <span>
#include <vector>

namespace heatnet {

//! Result of one hydraulic solve, SI.
struct HydraulicState {
    std::vector<double> pipeFlow_kg_s;   //!< supply-layer flow, + from → to
    std::vector<double> returnFlow_kg_s; //!< return-layer flow, + to → from (the return's
                                         //!< own direction: same sign as the supply in a tree)
    std::vector<double> supplyPressureDrop_Pa; //!< per pipe, in the flow direction (≥ 0)
    std::vector<double> returnPressureDrop_Pa; //!< per pipe, in the flow direction (≥ 0)
    std::vector<double> plantFlow_kg_s;        //!< per plant
    std::vector<double> plantHead_Pa;          //!< per plant: its pump's lift (return → supply)
    std::vector<double> supplyPressure_Pa;     //!< per node, supply layer, gauge
    std::vector<double> returnPressure_Pa;     //!< per node, return layer, gauge
    double pumpHead_Pa = 0;
    double pumpPower_W = 0;
    std::size_t worstConsumer = 0;
    int newtonIterations = 0; //!< supply and return layers together
};

//! Solves the flows for given consumer and prescribed-plant flows. Keeps each pipe's last
//! Colebrook–White root per layer as the start of the next solve (friction::ColebrookStart), so
//! one object serves one thread (each Simulation owns its own).
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
    //! Water properties of one layer's pipes at their temperatures, for one solve.
    struct LayerProperties {
        std::vector<double> density_kg_m3;  //!< per pipe
        std::vector<double> viscosity_Pa_s; //!< per pipe
    };
    //! Fills `properties` at each pipe's temperature [K].
    static void evaluateProperties(std::span<const double> temperature_K,
                                   LayerProperties& properties);
    //! Adds the loop flows that balance every fundamental loop's pressure drops to `flow` (tree
    //! flows of one layer, + from → to, with that layer's water properties); returns Newton's
    //! iterations. Throws SolverError if Newton fails.
    int balanceLoops(std::vector<double>& flow, const LayerProperties& properties,
                     double scale_kg_s, std::vector<friction::ColebrookStart>& starts) const;
    //! Δp [Pa] and dΔp/dṁ [Pa/(kg/s)] of `pipe`, Colebrook warm-started from `start`.
    double pressureDrop(std::size_t pipe, double flow, const LayerProperties& properties,
                        friction::ColebrookStart& start) const;
    double pressureDropDerivative(std::size_t pipe, double flow, const LayerProperties& properties,
                                  friction::ColebrookStart& start) const;

    const Network& m_network;
    const Scenario& m_scenario;
    //! Fundamental loops: (pipe, sign) pairs, sign +1 if the pipe's from→to follows the loop.
    std::vector<std::vector<std::pair<std::size_t, int>>> m_loops;
    //! Per pipe, the loops through it: (loop, sign) pairs in increasing loop order.
    std::vector<std::vector<std::pair<std::size_t, int>>> m_loopsOfPipe;
    //! Each pipe's last Colebrook root, supply and return layer: a cache, hence mutable.
    mutable std::vector<friction::ColebrookStart> m_supplyStarts, m_returnStarts;
    //! Scratch of one solve (kept to spare the allocations; one object serves one thread).
    mutable LayerProperties m_supplyProperties, m_returnProperties;
    struct NewtonScratch {
        std::vector<double> base, q, residual, jacobian, step;
    };
    mutable NewtonScratch m_newton;
};

} // namespace heatnet
