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

//! Solves the flows for given consumer and prescribed-plant flows. Keeps, per pipe and layer,
//! the water properties and flow-law constants at the temperature last seen (recomputed only
//! for pipes whose temperature changed: they are exact functions of it) and the last
//! Colebrook–White root as the start of the next solve (friction::ColebrookStart), so one object
//! serves one thread (each Simulation owns its own).
//!
//! The per-pipe work of a solve (water properties and flow law where the temperature moved, each
//! pipe's friction drop at its final flow) runs on the OpenMP team when threads are allowed
//! (allowThreads) and the network has at least kParallelPipes pipes: every pipe's figures depend
//! on its own inputs and cache only, so the state is bit for bit the same whatever the number of
//! threads. Newton on the loop flows and the sweeps along the tree stay serial.
class Hydraulics {
public:
    //! Networks with at least this many pipes share the per-pipe work among the OpenMP threads
    //! (docs/performance.md, "Session 6: hydraulics and loop": below it a parallel region costs
    //! more than it spares).
    static constexpr std::size_t kParallelPipes = 2000;

    Hydraulics(const Network& network, const Scenario& scenario);

    //! Lets the per-pipe work of the next solves run on the OpenMP team (networks of at least
    //! kParallelPipes pipes), or keeps it on the calling thread (the default). On a busy machine
    //! a thread that loses its core holds up the others at every region, so a caller turns this
    //! on where it has measured that threads pay: the plug-flow loop follows its sweep's timed
    //! choice (solver/thermal/SweepTuner.h). Results do not depend on it.
    void allowThreads(bool allowed) { m_threadsAllowed = allowed; }

    //! consumerFlow: draw of each consumer [kg/s]; plantFlow: prescribed plants' flows [kg/s]
    //! (the slack plant's entry is ignored and returned balanced); supply/return temperature of
    //! each pipe [K] for the water properties. Throws SolverError if Newton fails.
    HydraulicState solve(std::span<const double> consumerFlow_kg_s,
                         std::span<const double> plantFlow_kg_s,
                         std::span<const double> supplyTemperature_K,
                         std::span<const double> returnTemperature_K) const;
    //! The same into `state`, whose vectors are reused (no allocation once they have their
    //! sizes: what a loop of hydraulic steps should call).
    void solve(std::span<const double> consumerFlow_kg_s, std::span<const double> plantFlow_kg_s,
               std::span<const double> supplyTemperature_K,
               std::span<const double> returnTemperature_K, HydraulicState& state) const;

    //! solve in two parts: solveFlows fills the state's flows (and, in a meshed network, its
    //! pressure drops: the loops need them), solvePressures the rest from those flows (in a tree
    //! the drops too: the water properties, friction drops, nodal pressures, heads, pump power).
    //! In a tree the two touch disjoint parts of this object, so one thread may solve the flows
    //! of the next hydraulic steps while another solves the pressures of earlier ones (each step
    //! with its own state; the pressures in the steps' order, as the friction roots of one step
    //! start the next's): both run loops do so (solver/run/PressureStage.h). Nothing of the
    //! flows depends on the pressures: the substations draw what their demand asks.
    void solveFlows(std::span<const double> consumerFlow_kg_s,
                    std::span<const double> plantFlow_kg_s,
                    std::span<const double> supplyTemperature_K,
                    std::span<const double> returnTemperature_K, HydraulicState& state) const;
    void solvePressures(std::span<const double> supplyTemperature_K,
                        std::span<const double> returnTemperature_K, HydraulicState& state) const;
    //! No loops: solveFlows and solvePressures may run on two threads (see above).
    bool isTree() const { return m_loops.empty(); }
    //! Networks below kParallelPipes solve their per-pipe work on one thread.
    bool perPipeWorkThreaded() const { return m_parallel; }

private:
    //! One layer's water in each pipe: properties and flow law at the temperature they were
    //! evaluated at, and the pipe's last Colebrook root. A cache, refreshed by updateWater.
    struct LayerWater {
        std::vector<double> temperature_K;            //!< per pipe; NaN = not evaluated yet
        std::vector<double> density_kg_m3;            //!< per pipe, ρ(temperature_K)
        std::vector<friction::FlowLaw> law;           //!< per pipe, at ρ and μ(temperature_K)
        std::vector<friction::ColebrookStart> starts; //!< per pipe
    };
    //! Re-evaluates the properties and flow law of each layer's pipes whose temperature [K]
    //! changed (on the team above kParallelPipes).
    void updateWater(std::span<const double> supplyTemperature_K,
                     std::span<const double> returnTemperature_K) const;
    //! Pipe p's water of one layer at temperature [K], if that is not the one it holds.
    void refreshWater(std::size_t p, double temperature_K, LayerWater& water) const {
        // Exact equality: the cached values are then those a fresh evaluation would give.
        if (temperature_K != water.temperature_K[p]) {
            evaluateWater(p, temperature_K, water);
        }
    }
    //! Pipe p's water of one layer at temperature [K]: its properties and flow law.
    void evaluateWater(std::size_t p, double temperature_K, LayerWater& water) const;
    //! Pipe p's friction drops [Pa] (≥ 0) of both layers at the state's final flows, into the
    //! state (sized by the caller).
    void frictionDrops(std::size_t p, HydraulicState& state) const;
    //! Adds the loop flows that balance every fundamental loop's pressure drops to `flow` (tree
    //! flows of one layer, + from → to, with that layer's water); returns Newton's iterations.
    //! Throws SolverError if Newton fails.
    int balanceLoops(std::vector<double>& flow, LayerWater& water, double scale_kg_s) const;

    const Network& m_network;
    const Scenario& m_scenario;
    std::vector<friction::PipeGeometry> m_geometry; //!< per pipe
    bool m_parallel = false;                        //!< pipes ≥ kParallelPipes
    bool m_threadsAllowed = false;                  //!< allowThreads
    //! The spanning tree's edges in tree order (Network::treeOrder from its second node): each
    //! node with its parent, the pipe between them, the rise from parent to node [m] and which
    //! end of the pipe the node is (looked up once, not at every solve).
    struct TreeEdge {
        std::size_t node, parent, pipe;
        double rise_m;
        bool nodeIsTo, nodeIsFrom; //!< the node is the pipe's `to` / `from` end
    };
    std::vector<TreeEdge> m_treeEdges;
    //! Fundamental loops: (pipe, sign) pairs, sign +1 if the pipe's from→to follows the loop.
    std::vector<std::vector<std::pair<std::size_t, int>>> m_loops;
    //! Per pipe, the loops through it: (loop, sign) pairs in increasing loop order.
    std::vector<std::vector<std::pair<std::size_t, int>>> m_loopsOfPipe;
    //! The supply and the return layer's water (caches, hence mutable).
    mutable LayerWater m_supply, m_return;
    //! Scratch of one solve (kept to spare the allocations; one object serves one thread).
    struct Scratch {
        std::vector<double> withdrawal, subtree, base, returnFromTo;
    };
    mutable Scratch m_scratch;
    struct NewtonScratch {
        std::vector<double> base, q, residual, jacobian, step;
    };
    mutable NewtonScratch m_newton;
};

} // namespace heatnet
