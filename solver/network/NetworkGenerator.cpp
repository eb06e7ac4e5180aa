#include "solver/network/NetworkGenerator.h"

#include "models/Boiler.h"
#include "models/WasteHeatSource.h"
#include "solver/network/PipeSizing.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <queue>
#include <random>
#include <string>
#include <vector>

namespace heatnet {

namespace {

constexpr double kSupply_K = 363.15;    // 90 °C, constant set point
constexpr double kReturn_K = 333.15;    // 60 °C design return
constexpr double kMinSupply_K = 338.15; // 65 °C
constexpr double kFullLoadHours = 2000; // annual demand / design power [h]
constexpr int kMainPipes = 12;          // the main: 12–19 pipe pairs
constexpr int kStreetPipes = 4;         // a street: 4–12 pipe pairs
constexpr double kServiceShare = 0.5;   // street nodes with a building on a service pipe
constexpr double kOnStreetShare = 0.1;  // street nodes with a (3× larger) building on them

//! Lays out the tree and its consumers; pipes are left to the sizing.
class Layout {
public:
    Layout(Scenario& s, const GeneratedNetworkOptions& o) : m_s(s), m_o(o), m_random(o.seed) {}

    void build() {
        addNode(); // N0: the plant
        for (bool main = true; m_pairs < m_o.pipePairs; main = false) {
            const int from = main ? 0 : m_streetNodes[index(m_streetNodes.size())];
            const int pipes = main ? kMainPipes + index(8) : kStreetPipes + index(9);
            layStreet(from, pipes, main ? 1.5 : 1.0);
        }
    }

private:
    double uniform() { return (m_random() >> 11) * 0x1.0p-53; }
    int index(std::size_t n) { return static_cast<int>(uniform() * static_cast<double>(n)); }

    int addNode() {
        m_s.nodes.push_back({fmt::format("N{}", m_s.nodes.size())});
        return static_cast<int>(m_s.nodes.size()) - 1;
    }

    void addPipe(int from, int to, double meanLength_m) {
        PipeSpec p;
        p.id = fmt::format("P{}", m_s.pipes.size() + 1);
        p.from = m_s.nodes[static_cast<std::size_t>(from)].id;
        p.to = m_s.nodes[static_cast<std::size_t>(to)].id;
        p.length_m = meanLength_m * (0.5 + uniform());
        p.insulationSeries = 2;
        p.autoSize = true;
        m_s.pipes.push_back(p);
        ++m_pairs;
    }

    void addConsumer(int node, double scale) {
        const double annual_J = m_o.demandPerConsumer_J * scale;
        const double designFlow =
            annual_J / (kFullLoadHours * 3600.0) / (4190 * (kSupply_K - kReturn_K));
        ConsumerSpec c;
        c.id = fmt::format("C{}", m_s.consumers.size() + 1);
        c.node = m_s.nodes[static_cast<std::size_t>(node)].id;
        c.demand.annual_J = annual_J;
        c.designSupply_K = kSupply_K;
        c.designReturn_K = kReturn_K;
        c.minSupply_K = kMinSupply_K;
        c.minMassFlow_kg_s = 0.01 * designFlow;
        m_s.consumers.push_back(c);
    }

    //! A street of `pipes` pipe pairs from node `from`, with its buildings; it ends at one.
    void layStreet(int from, int pipes, double lengthScale) {
        int previous = from;
        for (int i = 0; i < pipes && m_pairs < m_o.pipePairs; ++i) {
            const int node = addNode();
            addPipe(previous, node, lengthScale * m_o.meanStreetPipe_m);
            m_streetNodes.push_back(node);
            previous = node;
            if (i == pipes - 1 || m_pairs == m_o.pipePairs) {
                addConsumer(node, 1.0);
                return;
            }
            if (uniform() < kOnStreetShare) {
                addConsumer(node, 3.0);
            }
            if (uniform() < kServiceShare) {
                const int building = addNode();
                addPipe(node, building, m_o.meanServicePipe_m);
                addConsumer(building, 0.25 + 1.5 * uniform());
            }
        }
    }

    Scenario& m_s;
    const GeneratedNetworkOptions& m_o;
    std::mt19937_64 m_random;
    std::vector<int> m_streetNodes; //!< where later streets may branch off
    int m_pairs = 0;
};

} // namespace

Scenario generateNetwork(const GeneratedNetworkOptions& o) {
    Scenario s;
    s.name = fmt::format("generated-{}-pipes", 2 * o.pipePairs);
    s.sourcePath = s.name;
    s.simulation.duration_s = o.duration_s;
    s.climate = Climate::syntheticSaintOmer(2026);
    Layout(s, o).build();

    double design_W = 0;
    for (const ConsumerSpec& c : s.consumers) {
        design_W += c.demand.annual_J / (kFullLoadHours * 3600.0);
    }
    PlantSpec plant;
    plant.id = "PLANT";
    plant.node = s.nodes.front().id; // N0
    plant.supplyTemperature.constant_K = kSupply_K;
    const double peak = 3.0 * design_W;
    WasteHeatParameters w;
    w.id = "WASTE";
    w.available_W = TimeProfile::constant(0.3 * peak);
    w.maxSupply_K = 383.15;
    BoilerParameters b;
    b.id = "GAS";
    b.capacity_W = peak;
    plant.sources.push_back({"WASTE", "waste_heat", std::make_shared<WasteHeatSource>(w), 1, 0});
    plant.sources.push_back({"GAS", "boiler", std::make_shared<Boiler>(b), 9, 0});
    s.plants.push_back(plant);

    sizePipes(s);
    s.sourceText = fmt::format("generated network: {} pipe pairs, {} consumers, depth {}, seed {}",
                               s.pipes.size(), s.consumers.size(), treeDepth(s), o.seed);
    return s;
}

int treeDepth(const Scenario& s) {
    std::map<std::string, std::vector<std::string>> neighbours;
    for (const PipeSpec& p : s.pipes) {
        neighbours[p.from].push_back(p.to);
        neighbours[p.to].push_back(p.from);
    }
    std::map<std::string, int> depth;
    std::queue<std::string> next;
    depth[s.plants.at(0).node] = 0;
    next.push(s.plants.at(0).node);
    int deepest = 0;
    while (!next.empty()) {
        const std::string node = next.front();
        next.pop();
        for (const std::string& other : neighbours[node]) {
            if (!depth.count(other)) {
                depth[other] = depth[node] + 1;
                deepest = std::max(deepest, depth[other]);
                next.push(other);
            }
        }
    }
    return deepest;
}

} // namespace heatnet
