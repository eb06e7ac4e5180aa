#pragma once
// How the nodes of one layer's flow order (solver/thermal/PlugFlowNetwork.h) are shared among
// threads. A node needs only the water of the nodes feeding it, so different subtrees can be
// swept at once. The plan cuts the flow order into chunks that threads take one after the other
// from a shared counter (so a thread that is slowed down, by a busy machine or a heavy subtree,
// simply takes fewer chunks):
//   1. A spanning forest of the flow order: each node hangs on the node of its first inflow
//      (a supply tree: its parent), or, where the flows merge more than they split (a return
//      tree), on the node its first outflow goes to. Subtree work S = Σ node work below.
//   2. From the roots, the largest subtree is opened (its root becomes a "top" node, its
//      children subtrees) while it holds more than 1/kChunks of the work.
//   3. Chunks: the top nodes together, then the subtrees, largest first — or the subtrees
//      first and the top last where the forest runs against the flow (the top is fed by all).
//      Within a chunk, nodes keep the flow order.
// A node waits for inflows from other chunks (always earlier ones, checked here: a meshed
// network whose subtrees feed each other both ways is not parallelSafe() and is swept by one
// thread). Chunks are taken in order, so the earliest unfinished chunk never waits: no deadlock.
// The plan decides only who computes a node, never how: results do not depend on it.
#include <cstddef>
#include <span>
#include <vector>

namespace heatnet {

class SweepSchedule {
public:
    //! Subtrees are opened while they hold more than 1/kChunks of the work.
    static constexpr double kChunks = 32;

    //! Plans the nodes 0 .. n − 1 of a flow order (n = weight.size()): the inflows of node k
    //! come from the nodes inFrom[inStart[k] .. inStart[k + 1]), all before k; weight[k] is
    //! node k's work (any unit, > 0).
    void plan(std::span<const std::size_t> inStart, std::span<const std::size_t> inFrom,
              std::span<const double> weight);
    //! False when chunks would feed each other both ways (sweep on one thread).
    bool parallelSafe() const { return m_safe; }
    std::size_t chunkCount() const { return m_chunkStart.empty() ? 0 : m_chunkStart.size() - 1; }
    //! The nodes of chunk c, in flow order.
    std::span<const std::size_t> chunk(std::size_t c) const;
    //! The chunk of node k.
    std::size_t chunkOf(std::size_t k) const { return m_chunkOf[k]; }
    //! Work of the top chunk and of the largest other chunk, as a share of all [-].
    double topShare() const { return m_topShare; }
    double largestShare() const { return m_largestShare; }

private:
    bool m_safe = false;
    std::vector<std::size_t> m_nodes, m_chunkStart, m_chunkOf;
    double m_topShare = 0, m_largestShare = 0;
};

} // namespace heatnet
