#include "solver/network/Network.h"

#include "solver/Error.h"

#include <boost/graph/connected_components.hpp>
#include <fmt/format.h>

#include <deque>

namespace heatnet {

namespace {

[[noreturn]] void modelError(const Scenario& scenario, int line, const std::string& message) {
    if (line > 0) {
        throw InputError(fmt::format("{}:{}: error: {}", scenario.sourcePath, line, message));
    }
    throw InputError(fmt::format("{}: error: {}", scenario.sourcePath, message));
}

//! "file:line:column" of a plant's mapping.
std::string plantPlace(const Scenario& scenario, const PlantSpec& plant) {
    return fmt::format("{}:{}:{}", scenario.sourcePath, plant.line, plant.column);
}

[[noreturn]] void plantError(const Scenario& scenario, const PlantSpec& plant,
                             const std::string& message) {
    throw InputError(fmt::format("{}: error: {}", plantPlace(scenario, plant), message));
}

} // namespace

Network::Network(const Scenario& scenario) {
    for (const NodeSpec& node : scenario.nodes) {
        if (m_nodeIndex.count(node.id)) {
            modelError(scenario, node.line, fmt::format("node '{}' is defined twice", node.id));
        }
        m_nodeIndex[node.id] = m_nodeIds.size();
        m_nodeIds.push_back(node.id);
    }
    const std::size_t n = m_nodeIds.size();
    if (n == 0) {
        modelError(scenario, 0, "the network has no nodes");
    }
    Graph graph(n); // the topology, for its connected parts
    m_pipesAt.assign(n, {});
    auto lookup = [&](const std::string& id, int line, const std::string& what) {
        auto it = m_nodeIndex.find(id);
        if (it == m_nodeIndex.end()) {
            modelError(scenario, line, fmt::format("{} refers to unknown node '{}'", what, id));
        }
        return it->second;
    };
    for (std::size_t p = 0; p < scenario.pipes.size(); ++p) {
        const PipeSpec& pipe = scenario.pipes[p];
        const std::string what = fmt::format("pipe '{}'", pipe.id);
        const std::size_t a = lookup(pipe.from, pipe.line, what);
        const std::size_t b = lookup(pipe.to, pipe.line, what);
        if (a == b) {
            modelError(scenario, pipe.line,
                       fmt::format("pipe '{}' starts and ends at node '{}'", pipe.id, pipe.from));
        }
        m_pipeFrom.push_back(a);
        m_pipeTo.push_back(b);
        m_pipesAt[a].push_back(p);
        m_pipesAt[b].push_back(p);
        boost::add_edge(a, b, EdgeData{p}, graph);
    }
    m_consumersAt.assign(n, {});
    m_plantsAt.assign(n, {});
    for (std::size_t c = 0; c < scenario.consumers.size(); ++c) {
        const ConsumerSpec& consumer = scenario.consumers[c];
        const std::size_t node =
            lookup(consumer.node, consumer.line, fmt::format("consumer '{}'", consumer.id));
        m_consumerNode.push_back(node);
        m_consumersAt[node].push_back(c);
    }
    for (std::size_t q = 0; q < scenario.plants.size(); ++q) {
        const PlantSpec& plant = scenario.plants[q];
        const std::size_t node =
            lookup(plant.node, plant.line, fmt::format("plant '{}'", plant.id));
        m_plantNode.push_back(node);
        m_plantsAt[node].push_back(q);
    }
    if (scenario.plants.empty()) {
        modelError(scenario, 0, "the network has no plant (no 'plants' with sources)");
    }
    for (std::size_t node = 0; node < n; ++node) {
        if (!m_consumersAt[node].empty() && !m_plantsAt[node].empty()) {
            const ConsumerSpec& consumer = scenario.consumers[m_consumersAt[node].front()];
            modelError(scenario, consumer.line,
                       fmt::format("consumer '{}' sits at node '{}' with plant '{}'; connect it "
                                   "through a pipe",
                                   consumer.id, m_nodeIds[node],
                                   scenario.plants[m_plantsAt[node].front()].id));
        }
    }

    // Every part of the network must be connected to a plant.
    std::vector<int> component(n);
    const int componentCount = boost::connected_components(graph, component.data());
    m_slackPlant = pressurePlant(scenario, component, componentCount);
    std::vector<bool> fed(componentCount, false);
    for (std::size_t q = 0; q < m_plantNode.size(); ++q) {
        fed[component[m_plantNode[q]]] = true;
    }
    for (std::size_t c = 0; c < m_consumerNode.size(); ++c) {
        if (!fed[component[m_consumerNode[c]]]) {
            const ConsumerSpec& consumer = scenario.consumers[c];
            modelError(scenario, consumer.line,
                       fmt::format("consumer '{}' at node '{}' cannot be reached from any plant",
                                   consumer.id, consumer.node));
        }
    }
    if (componentCount > 1) {
        const std::size_t slackComponent = component[m_plantNode[m_slackPlant]];
        for (std::size_t node = 0; node < n; ++node) {
            if (static_cast<std::size_t>(component[node]) != slackComponent) {
                modelError(scenario, scenario.nodes[node].line,
                           fmt::format("node '{}' is not connected to the network of plant '{}'",
                                       m_nodeIds[node], scenario.plants[m_slackPlant].id));
            }
        }
    }

    // Breadth-first spanning tree from the slack plant.
    m_treeParentPipe.assign(n, npos);
    m_treeParent.assign(n, npos);
    std::vector<bool> seen(n, false), inTree(pipeCount(), false);
    std::deque<std::size_t> queue{m_plantNode[m_slackPlant]};
    seen[queue.front()] = true;
    while (!queue.empty()) {
        const std::size_t node = queue.front();
        queue.pop_front();
        m_treeOrder.push_back(node);
        for (std::size_t p : m_pipesAt[node]) {
            const std::size_t other = m_pipeFrom[p] == node ? m_pipeTo[p] : m_pipeFrom[p];
            if (!seen[other]) {
                seen[other] = true;
                inTree[p] = true;
                m_treeParentPipe[other] = p;
                m_treeParent[other] = node;
                queue.push_back(other);
            }
        }
    }
    for (std::size_t p = 0; p < pipeCount(); ++p) {
        if (!inTree[p]) {
            m_chords.push_back(p);
        }
    }
    m_loopCount = m_chords.size();
}

} // namespace heatnet

namespace heatnet {

std::size_t Network::pressurePlant(const Scenario& scenario, const std::vector<int>& component,
                                   int componentCount) const {
    // Exactly one `control: pressure` plant in each connected part that holds plants: with none
    // nothing sets the pressures or balances the flow; with two the flow split between them is
    // undetermined.
    std::vector<std::size_t> holder(componentCount, npos);
    for (std::size_t q = 0; q < scenario.plants.size(); ++q) {
        const PlantSpec& plant = scenario.plants[q];
        if (plant.control != PlantControl::Pressure) {
            continue;
        }
        std::size_t& first = holder[component[m_plantNode[q]]];
        if (first != npos) {
            const PlantSpec& other = scenario.plants[first];
            plantError(scenario, plant,
                       fmt::format("plant '{}' is a second 'control: pressure' plant in the "
                                   "network of plant '{}' ({}); exactly one plant per connected "
                                   "network holds the pressure: make the others 'control: flow' "
                                   "or 'control: heat'",
                                   plant.id, other.id, plantPlace(scenario, other)));
        }
        first = q;
    }
    for (std::size_t q = 0; q < scenario.plants.size(); ++q) {
        if (holder[component[m_plantNode[q]]] == npos) {
            const PlantSpec& plant = scenario.plants[q];
            plantError(scenario, plant,
                       fmt::format("no plant of the network of plant '{}' has 'control: "
                                   "pressure'; exactly one plant per connected network holds "
                                   "the pressure and balances the flow",
                                   plant.id));
        }
    }
    return holder[component[m_plantNode.front()]];
}

} // namespace heatnet
