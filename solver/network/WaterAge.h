#pragma once
// Mean age of the supply water at each node: the time since the water left a plant [s], for the
// flows of one hydraulic state. The water of pipe p (M_p = ρ A L [kg]) ages by its transit
// M_p / |ṁ_p| on the way, and the streams entering a node mix flow-weighted:
//   age(n) = Σ_in (|ṁ_p| age(upstream of p) + M_p) / (Σ_in |ṁ_p| + Σ_plants at n ṁ_q)
// (water fed by a plant at n has age 0). Nodes are taken in a topological order of the flow
// directions (Kahn's algorithm), so meshed networks and reversed flows need nothing special.
// A node that nothing flows into (standing water), or that no order reaches, gets `stagnant_s`.
// The order depends only on which pipes flow and which way: it is kept, and rebuilt only when a
// pipe starts, stops or reverses; the sums are then taken in the same order, so the ages are bit
// for bit those of a fresh ordering.
#include "solver/network/Network.h"

#include <span>
#include <vector>

namespace heatnet {

//! Supply water ages of one network, call after call (keeps its scratch: one object serves one
//! thread).
class SupplyWaterAge {
public:
    //! `network` must outlive this object.
    explicit SupplyWaterAge(const Network& network);
    //! Age [s] of the supply water at each node. pipeWater_kg: water in each pipe [kg];
    //! pipeFlow_kg_s: supply-layer flows (+ from → to); plantFlow_kg_s: each plant's feed
    //! [kg/s]. The span is valid until the next call.
    std::span<const double> ages(std::span<const double> pipeWater_kg,
                                 std::span<const double> pipeFlow_kg_s,
                                 std::span<const double> plantFlow_kg_s, double stagnant_s);

private:
    //! Rebuilds m_order (Kahn's algorithm) for the directions in m_direction.
    void buildOrder();

    const Network& m_network;
    std::vector<signed char> m_direction; //!< per pipe: +1, −1, 0 (standing) of the order kept
    bool m_ordered = false;
    //! Nodes in the order they are taken, and the pipes leaving each with flow:
    //! m_outPipes[m_outStart[k] .. m_outStart[k + 1]) for m_order[k], with their downstream node.
    std::vector<std::size_t> m_order, m_outStart, m_outPipes, m_outNext;
    std::vector<double> m_weighted, m_entered, m_age; //!< per node: Σ |ṁ| age + M, Σ |ṁ|, age
    std::vector<int> m_inflows;                       //!< per node, while ordering
    std::vector<std::size_t> m_ready;                 //!< while ordering
};

} // namespace heatnet
