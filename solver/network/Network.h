#pragma once
// The network's topology as a Boost.Graph graph: one vertex per node, one edge per pipe pair.
// The supply layer uses the edges as laid (from → to); the return layer mirrors them. Consumers
// and plants sit at nodes. Construction checks the model: pipes to unknown nodes, isolated
// parts without a plant, consumers at a plant's node.
#include "solver/input/Scenario.h"

#include <boost/graph/adjacency_list.hpp>

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

namespace heatnet {

//! Topology and indices. Immutable after construction; shared by hydraulics and thermal model.
class Network {
public:
    struct EdgeData {
        std::size_t pipe = 0; //!< index into Scenario::pipes
    };
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS,
                                        boost::no_property, EdgeData>;

    //! Builds and checks the topology. Throws InputError naming the scenario file and line.
    explicit Network(const Scenario& scenario);

    std::size_t nodeCount() const { return m_nodeIds.size(); }
    std::size_t pipeCount() const { return m_pipeFrom.size(); }
    const std::string& nodeId(std::size_t node) const { return m_nodeIds[node]; }
    std::size_t nodeIndex(const std::string& id) const { return m_nodeIndex.at(id); }
    std::size_t pipeFrom(std::size_t pipe) const { return m_pipeFrom[pipe]; }
    std::size_t pipeTo(std::size_t pipe) const { return m_pipeTo[pipe]; }
    //! Pipes incident to a node.
    const std::vector<std::size_t>& pipesAt(std::size_t node) const { return m_pipesAt[node]; }
    //! Node of each consumer / plant.
    std::size_t consumerNode(std::size_t consumer) const { return m_consumerNode[consumer]; }
    std::size_t plantNode(std::size_t plant) const { return m_plantNode[plant]; }
    //! Consumers / plants at a node (indices).
    const std::vector<std::size_t>& consumersAt(std::size_t node) const {
        return m_consumersAt[node];
    }
    const std::vector<std::size_t>& plantsAt(std::size_t node) const { return m_plantsAt[node]; }
    //! Index of the plant that balances the network (its `control: pressure` plant).
    std::size_t slackPlant() const { return m_slackPlant; }
    //! Number of independent loops (0 for a tree).
    std::size_t loopCount() const { return m_loopCount; }

    //! Breadth-first order of nodes from the slack plant's node, and the tree pipe leading to
    //! each node (parentPipe of the root is npos). Used for tree flows and pressure paths.
    const std::vector<std::size_t>& treeOrder() const { return m_treeOrder; }
    std::size_t treeParentPipe(std::size_t node) const { return m_treeParentPipe[node]; }
    std::size_t treeParent(std::size_t node) const { return m_treeParent[node]; }
    //! Pipes not in the spanning tree (one per loop).
    const std::vector<std::size_t>& chordPipes() const { return m_chords; }

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

private:
    //! The `control: pressure` plant; throws InputError (file:line:column of the plant) unless
    //! each connected part with plants has exactly one.
    std::size_t pressurePlant(const Scenario& scenario, const std::vector<int>& component,
                              int componentCount) const;

    std::vector<std::string> m_nodeIds;
    std::unordered_map<std::string, std::size_t> m_nodeIndex;
    std::vector<std::size_t> m_pipeFrom, m_pipeTo;
    std::vector<std::vector<std::size_t>> m_pipesAt;
    std::vector<std::size_t> m_consumerNode, m_plantNode;
    std::vector<std::vector<std::size_t>> m_consumersAt, m_plantsAt;
    std::size_t m_slackPlant = 0;
    std::size_t m_loopCount = 0;
    std::vector<std::size_t> m_treeOrder, m_treeParentPipe, m_treeParent, m_chords;
};

} // namespace heatnet
