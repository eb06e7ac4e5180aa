#include "solver/NetworkGenerator.h"

#include "models/Boiler.h"
#include "models/PipeCatalogue.h"
#include "models/WasteHeatSource.h"

#include <fmt/format.h>

#include <random>

namespace heatnet {

Scenario generateNetwork(const GeneratedNetworkOptions& o) {
    Scenario s;
    s.name = fmt::format("generated-{}-pipes", 2 * o.pipePairs);
    s.sourcePath = s.name;
    s.sourceText = fmt::format("generated network: {} pipe pairs, seed {}", o.pipePairs, o.seed);
    s.simulation.duration_s = o.duration_s;
    s.climate = Climate::syntheticSaintOmer(2026);
    std::mt19937_64 random(o.seed);
    auto uniform = [&] { return (random() >> 11) * 0x1.0p-53; };

    // Tree: node k > 0 hangs below a parent among the previous nodes, biased to recent ones
    // so that branches grow long (like streets) rather than forming a star.
    const int nodes = o.pipePairs + 1;
    std::vector<int> parent(nodes, -1), children(nodes, 0);
    s.nodes.push_back({"N0"});
    for (int k = 1; k < nodes; ++k) {
        const int window = std::min(k, 8);
        parent[k] = k - 1 - static_cast<int>(uniform() * window);
        ++children[parent[k]];
        s.nodes.push_back({fmt::format("N{}", k)});
    }
    // Consumers at the leaves; each leaf's design flow accumulates up to the plant.
    const double designPower_W = o.demandPerConsumer_J / (2000 * 3600.0); // ~2000 full-load h
    const double designFlow = designPower_W / (4190 * 30.0);
    std::vector<double> flow(nodes, 0.0);
    for (int k = nodes - 1; k > 0; --k) {
        if (children[k] == 0) {
            ConsumerSpec c;
            c.id = fmt::format("C{}", k);
            c.node = s.nodes[k].id;
            c.demand.annual_J = o.demandPerConsumer_J;
            c.designSupply_K = 363.15;
            c.designReturn_K = 333.15;
            c.minSupply_K = 338.15;
            c.minMassFlow_kg_s = 0.01 * designFlow;
            s.consumers.push_back(c);
            flow[k] += designFlow;
        }
        flow[parent[k]] += flow[k];
    }
    const PipeCatalogue& catalogue = PipeCatalogue::standard();
    for (int k = 1; k < nodes; ++k) {
        const int dn = catalogue.smallestFor(std::max(flow[k], 0.05), 1.5);
        const CatalogueEntry* e = catalogue.find(dn, InsulationSeries::Series2);
        PipeSpec p;
        p.id = fmt::format("P{}", k);
        p.from = s.nodes[parent[k]].id;
        p.to = s.nodes[k].id;
        p.length_m = o.meanPipeLength_m * (0.5 + uniform());
        p.dn = dn;
        p.insulationSeries = 2;
        p.innerDiameter_m = e->innerDiameter_m;
        p.roughness_m = e->roughness_m;
        p.heatLossCoeff_W_mK = e->heatLossCoeff_W_mK;
        p.cost_EUR_m = e->cost_EUR_m;
        s.pipes.push_back(p);
    }
    PlantSpec plant;
    plant.id = "PLANT";
    plant.node = "N0";
    plant.supplyTemperature.constant_K = 363.15;
    const double peak = 3.0 * designPower_W * static_cast<double>(s.consumers.size());
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
    return s;
}

} // namespace heatnet
