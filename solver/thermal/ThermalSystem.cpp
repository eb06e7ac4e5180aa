#include "solver/thermal/ThermalSystem.h"

#include "models/Water.h"
#include "solver/Error.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace heatnet {

namespace {
constexpr double tinyFlow_kg_s = 1e-9;

//! The owner name of a pipe layer's states ("pipe P3 (supply)").
std::string pipeLayerName(const std::string& pipe, ThermalSystem::Layer layer) {
    return fmt::format("pipe {} ({})", pipe, layer == ThermalSystem::Supply ? "supply" : "return");
}

//! The pipe-model registry of the ODE core: the component of one pipe layer. A new ODE pipe
//! model is a PipeLayer subclass and one line here.
std::unique_ptr<PipeLayer> makePipeLayer(const SimulationSettings& settings,
                                         const PipeModel& finiteVolume, const PipeLayerPlace& place,
                                         const std::string& owner, StateLayout& layout,
                                         StateLayout& coefficients) {
    (void)settings; // plug flow runs without the ODE core (solver/run/PlugFlowRun.cpp)
    return std::make_unique<FiniteVolumePipeLayer>(finiteVolume, place, owner, layout,
                                                   coefficients);
}
} // namespace

ThermalSystem::ThermalSystem(const Scenario& scenario, const Network& network)
    : m_scenario(scenario), m_network(network), m_conditions(scenario) {
    // Constant properties at a reference temperature keep the thermal model linear and exactly
    // conservative; the hydraulics use temperature-dependent properties.
    double referenceTemperature = 333.15;
    if (!scenario.plants.empty() && !scenario.consumers.empty()) {
        double sum = 0;
        for (const ConsumerSpec& c : scenario.consumers) {
            sum += c.designSupply_K > 0 && c.designReturn_K > 0
                       ? 0.5 * (c.designSupply_K + c.designReturn_K)
                       : 333.15;
        }
        referenceTemperature = sum / scenario.consumers.size();
    }
    m_cp = water::specificHeat(referenceTemperature);
    m_rho = water::density(referenceTemperature);

    // The components, in layout order (kept: it is the state order CVODE sees): both layers of
    // every pipe, the pipes' loss integrals, the substations' integrals, then per plant its
    // sources' integrals and its tank.
    const SimulationSettings& sim = scenario.simulation;
    const AdvectionScheme scheme = advectionSchemeFromName(sim.advection);
    const std::size_t pipes = network.pipeCount();
    for (std::size_t p = 0; p < pipes; ++p) {
        const PipeSpec& spec = scenario.pipes[p];
        PipeGeometry g;
        g.length_m = spec.length_m;
        g.innerDiameter_m = spec.innerDiameter_m;
        g.heatLossCoeff_W_mK = spec.heatLossCoeff_W_mK;
        g.wallHeatCapacity_J_mK = spec.wallHeatCapacity_J_mK;
        g.innerHeatTransfer_W_m2K = spec.innerHeatTransfer_W_m2K;
        // Clamped as a double: length / cell length can exceed any int (cell_length: 1e-30 m).
        g.cells = spec.cells > 0
                      ? spec.cells
                      : static_cast<int>(std::clamp(std::ceil(spec.length_m / sim.cellLength_m),
                                                    static_cast<double>(sim.minCellsPerPipe),
                                                    static_cast<double>(sim.maxCellsPerPipe)));
        const PipeModel model(g, m_rho, m_cp, scheme);
        for (const Layer layer : {Supply, Return}) {
            // Supply layers run from → to; return layers to → from (the mirror).
            PipeLayerPlace place;
            place.pipe = p;
            place.layer = layer;
            place.upstreamNode = layer == Supply ? network.pipeFrom(p) : network.pipeTo(p);
            place.downstreamNode = layer == Supply ? network.pipeTo(p) : network.pipeFrom(p);
            std::unique_ptr<PipeLayer> component = makePipeLayer(
                sim, model, place, pipeLayerName(spec.id, layer), m_layout, m_coefficients);
            m_finiteVolume[layer].push_back(
                dynamic_cast<const FiniteVolumePipeLayer*>(component.get()));
            m_pipeLayers[layer].push_back(component.get());
            m_storing.push_back(component.get());
            m_components.push_back(std::move(component));
        }
    }
    auto pipeLoss = std::make_unique<PipeLossIntegrals>();
    for (std::size_t p = 0; p < pipes; ++p) {
        for (const Layer layer : {Supply, Return}) {
            m_pipeLossOwner[layer].push_back(pipeLoss->add(
                *m_pipeLayers[layer][p], pipeLayerName(scenario.pipes[p].id, layer), m_layout));
        }
    }
    m_pipeLoss = pipeLoss.get();
    m_components.push_back(std::move(pipeLoss));
    auto substations = std::make_unique<SubstationIntegrals>();
    m_substationIntegrals = substations.get();
    for (std::size_t c = 0; c < scenario.consumers.size(); ++c) {
        const ConsumerSpec& spec = scenario.consumers[c];
        substations->add(network.consumerNode(c), fmt::format("consumer {}", spec.id), m_layout);
        SubstationParameters s;
        s.designReturn_K = spec.designReturn_K;
        s.fixedDeltaT_K = spec.fixedDeltaT_K;
        s.minMassFlow_kg_s = spec.minMassFlow_kg_s;
        if (spec.heatExchanger) {
            s.heatExchanger = true;
            s.secondarySupply_K = spec.secondarySupply_K;
            s.secondaryReturn_K = spec.secondaryReturn_K;
            s.ua_W_K =
                exchangerConductance(spec.designPower_W, spec.designSupply_K, spec.designReturn_K,
                                     spec.secondarySupply_K, spec.secondaryReturn_K);
            // Valve fully open: twice the design flow.
            s.maxMassFlow_kg_s =
                2 * spec.designPower_W / (m_cp * (spec.designSupply_K - spec.designReturn_K));
        } else if (spec.designPower_W > 0) {
            // The valve fully open passes the design power at the design temperatures.
            const double deltaT = spec.fixedDeltaT_K > 0
                                      ? spec.fixedDeltaT_K
                                      : spec.designSupply_K - spec.designReturn_K;
            s.maxMassFlow_kg_s = spec.designPower_W / (m_cp * deltaT);
        }
        m_substations.push_back(s);
    }
    m_components.push_back(std::move(substations));
    for (std::size_t q = 0; q < scenario.plants.size(); ++q) {
        const PlantSpec& plant = scenario.plants[q];
        std::vector<std::size_t> order(plant.sources.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return plant.sources[a].priority < plant.sources[b].priority;
        });
        m_meritOrder.push_back(order);
        std::vector<const HeatSource*> ordered;
        std::vector<std::size_t> rank(plant.sources.size()); // position in the merit order
        for (std::size_t j = 0; j < order.size(); ++j) {
            ordered.push_back(plant.sources[order[j]].model.get());
            rank[order[j]] = j;
        }
        m_orderedSources.push_back(ordered);
        m_sourceIntegrals.emplace_back();
        for (std::size_t k = 0; k < plant.sources.size(); ++k) {
            auto integrals = std::make_unique<SourceIntegrals>(
                q, rank[k], fmt::format("plant {} source {}", plant.id, plant.sources[k].id),
                m_layout);
            m_sourceIntegrals.back().push_back(integrals.get());
            m_components.push_back(std::move(integrals));
        }
        m_tanks.push_back(nullptr);
        if (plant.storage) {
            auto tank = std::make_unique<StorageTankLayers>(
                StratifiedStorage(*plant.storage, m_rho, m_cp), q,
                fmt::format("storage of plant {}", plant.id), m_layout);
            m_tanks.back() = tank.get();
            m_storing.push_back(tank.get());
            m_components.push_back(std::move(tank));
        }
    }

    m_coefficient.assign(m_coefficients.size(), 0.0);
    for (auto& layer : m_flow) {
        layer.assign(pipes, 0.0);
    }
    m_groundT.assign(pipes, scenario.ground.constant_K);
    m_consumerFlow.assign(scenario.consumers.size(), 0.0);
    m_plantFlow.assign(scenario.plants.size(), 0.0);
    for (auto& layer : m_nodeT) {
        layer.assign(network.nodeCount(), 0.0);
    }
    m_consumerDelivered.assign(scenario.consumers.size(), 0.0);
    m_consumerDemand.assign(scenario.consumers.size(), 0.0);
    m_consumerReturn.assign(scenario.consumers.size(), 0.0);
    m_plantOps.assign(scenario.plants.size(), PlantOperation{});
    m_mixFlow.assign(network.nodeCount(), 0.0);
    m_mixEnergy.assign(network.nodeCount(), 0.0);
    m_heldFlow.assign(network.nodeCount(), 0.0);
    m_heldEnergy.assign(network.nodeCount(), 0.0);
    m_scratch.assign(m_layout.size(), 0.0);
}

double ThermalSystem::outdoorTemperature(double time_s) const {
    return m_conditions.outdoorTemperature(time_s);
}

double ThermalSystem::demand(std::size_t c, double time_s) const {
    return m_conditions.demand(c, time_s);
}

double ThermalSystem::peakDemand(std::size_t c, double t0_s, double t1_s) const {
    return m_conditions.peakDemand(c, t0_s, t1_s);
}

double ThermalSystem::plantSetPoint(std::size_t q, double time_s) const {
    return m_conditions.plantSetPoint(q, time_s);
}

std::vector<double> ThermalSystem::initialState(double supply_K, double return_K) const {
    std::vector<double> y(m_layout.size(), 0.0);
    const InitialTemperatures initial{supply_K, return_K};
    for (const auto& component : m_components) {
        component->initialState(initial, y);
    }
    return y;
}

void ThermalSystem::interpolateFlows(double time_s) {
    if (m_schedule.empty()) {
        return;
    }
    // The segment holding t (the schedule keeps only a few nodes: search from the end).
    std::size_t i = m_schedule.size() - 1;
    while (i > 0 && m_schedule[i - 1].time_s >= time_s) {
        --i;
    }
    const FlowNode& b = m_schedule[i];
    const FlowNode& a = i > 0 ? m_schedule[i - 1] : b;
    const double span = b.time_s - a.time_s;
    const double w = span > 0 ? std::clamp((time_s - a.time_s) / span, 0.0, 1.0) : 1.0;
    auto blend = [w](const std::vector<double>& x, const std::vector<double>& y,
                     std::vector<double>& out) {
        for (std::size_t j = 0; j < out.size(); ++j) {
            out[j] = (1 - w) * x[j] + w * y[j];
        }
    };
    blend(a.flows.pipe, b.flows.pipe, m_flow[Supply]);
    blend(a.flows.returnPipe, b.flows.returnPipe, m_flow[Return]);
    blend(a.flows.consumer, b.flows.consumer, m_consumerFlow);
    blend(a.flows.plant, b.flows.plant, m_plantFlow);
    blend(a.ground_K, b.ground_K, m_groundT);
    blend(a.coefficients, b.coefficients, m_coefficient);
}

double ThermalSystem::groundTemperatureAt(std::size_t pipe, double time_s) const {
    return m_conditions.groundTemperature(pipe, time_s);
}

void ThermalSystem::scheduleFlows(double time_s, const Flows& flows, std::span<const double> y) {
    FlowNode node;
    node.time_s = time_s;
    node.flows = flows;
    if (node.flows.returnPipe.empty()) {
        node.flows.returnPipe = flows.pipe;
    }
    node.ground_K.resize(m_network.pipeCount());
    // Coefficients of the pipe layers at this node (finite volumes: the water-to-wall film
    // conductance of each cell, Gnielinski with the cell's water and wall temperatures now):
    // evaluated once per node, interpolated in between.
    node.coefficients.assign(m_coefficients.size(), 0.0);
    for (std::size_t p = 0; p < m_network.pipeCount(); ++p) {
        m_pipeLayers[Supply][p]->scheduleCoefficients(node.flows.pipe[p], y, node.coefficients);
        m_pipeLayers[Return][p]->scheduleCoefficients(node.flows.returnPipe[p], y,
                                                      node.coefficients);
    }
    for (std::size_t p = 0; p < m_network.pipeCount(); ++p) {
        node.ground_K[p] = groundTemperatureAt(p, time_s);
    }
    m_schedule.push_back(std::move(node));
    // The integrator reaches at most one step past the last node: three nodes cover it.
    if (m_schedule.size() > 3) {
        m_schedule.erase(m_schedule.begin());
    }
}

void ThermalSystem::setFlows(const Flows& start, const Flows& end, double t0_s, double t1_s,
                             std::span<const double> y) {
    m_schedule.clear();
    scheduleFlows(t0_s, start, y);
    scheduleFlows(t1_s > t0_s ? t1_s : t0_s + 1, end, y);
    interpolateFlows(t0_s);
}

void ThermalSystem::evaluateNodes(double time_s, std::span<const double> y) {
    const std::size_t nodes = m_network.nodeCount();

    // Mixes the outflows of one layer's pipes into their downstream nodes.
    auto mixPipes = [&](Layer layer) {
        std::fill(m_mixFlow.begin(), m_mixFlow.end(), 0.0);
        std::fill(m_mixEnergy.begin(), m_mixEnergy.end(), 0.0);
        for (const PipeLayer* pipe : m_pipeLayers[layer]) {
            const PipeLayerPlace& place = pipe->place();
            const double flow = m_flow[layer][place.pipe]; // + in the layer's own direction
            const std::size_t into = flow >= 0 ? place.downstreamNode : place.upstreamNode;
            const double outlet = pipe->outletTemperature(y, flow);
            m_mixFlow[into] += std::abs(flow);
            m_mixEnergy[into] += std::abs(flow) * outlet;
        }
    };
    // A node without inflow takes the mean of the pipe ends that touch it (no flow carries it).
    auto stagnant = [&](Layer layer, std::size_t node) {
        double sum = 0;
        int count = 0;
        for (std::size_t p : m_network.pipesAt(node)) {
            sum += y[m_pipeLayers[layer][p]->endState(node)];
            ++count;
        }
        return count ? sum / count : 283.15;
    };
    auto resolve = [&](Layer layer, std::size_t node) {
        return m_mixFlow[node] > tinyFlow_kg_s ? m_mixEnergy[node] / m_mixFlow[node]
                                               : stagnant(layer, node);
    };

    // Supply layer: nodes without plants.
    mixPipes(Supply);
    std::swap(m_mixFlow, m_heldFlow); // keep the supply-layer mix for the plant nodes
    std::swap(m_mixEnergy, m_heldEnergy);
    for (std::size_t node = 0; node < nodes; ++node) {
        if (m_network.plantsAt(node).empty()) {
            m_nodeT[Supply][node] = m_heldFlow[node] > tinyFlow_kg_s
                                        ? m_heldEnergy[node] / m_heldFlow[node]
                                        : stagnant(Supply, node);
        }
    }
    // Consumers, then the return layer.
    mixPipes(Return);
    for (std::size_t c = 0; c < m_scenario.consumers.size(); ++c) {
        const std::size_t node = m_network.consumerNode(c);
        const double demandNow = demand(c, time_s);
        const SubstationState s = substationOperate(m_substations[c], demandNow,
                                                    m_nodeT[Supply][node], m_consumerFlow[c], m_cp);
        m_consumerDemand[c] = demandNow;
        m_consumerDelivered[c] = s.delivered_W;
        m_consumerReturn[c] = s.return_K;
        m_mixFlow[node] += m_consumerFlow[c];
        m_mixEnergy[node] += m_consumerFlow[c] * s.return_K;
    }
    for (std::size_t node = 0; node < nodes; ++node) {
        m_nodeT[Return][node] = resolve(Return, node);
    }
    // Plants, then the supply nodes they feed.
    std::swap(m_mixFlow, m_heldFlow);
    std::swap(m_mixEnergy, m_heldEnergy);
    const double outdoor = outdoorTemperature(time_s);
    for (std::size_t q = 0; q < m_scenario.plants.size(); ++q) {
        const std::size_t node = m_network.plantNode(q);
        SourceConditions conditions;
        conditions.time_s = time_s;
        conditions.inletTemperature_K = m_nodeT[Return][node];
        conditions.massFlow_kg_s = std::max(0.0, m_plantFlow[q]);
        conditions.targetTemperature_K = plantSetPoint(q, time_s);
        conditions.outdoorTemperature_K = outdoor;
        conditions.specificHeat_J_kgK = m_cp;
        if (m_tanks[q]) {
            const StateRange& layers = m_tanks[q]->layers();
            const PlantStorageState tank{&m_tanks[q]->tank(), y[layers.first()], y[layers.last()]};
            operatePlant(m_orderedSources[q], conditions, m_plantOps[q], &tank);
        } else {
            operatePlant(m_orderedSources[q], conditions, m_plantOps[q]);
        }
        m_mixFlow[node] += conditions.massFlow_kg_s;
        m_mixEnergy[node] += conditions.massFlow_kg_s * m_plantOps[q].outlet_K;
    }
    for (std::size_t node = 0; node < nodes; ++node) {
        if (!m_network.plantsAt(node).empty()) {
            m_nodeT[Supply][node] = resolve(Supply, node);
        }
    }
}

ThermalContext ThermalSystem::context() const {
    ThermalContext context;
    for (const Layer layer : {Supply, Return}) {
        context.nodeTemperature_K[layer] = m_nodeT[layer];
        context.flow_kg_s[layer] = m_flow[layer];
    }
    context.groundTemperature_K = m_groundT;
    context.wallConductance_W_K = m_coefficient;
    context.consumerDelivered_W = m_consumerDelivered;
    context.consumerDemand_W = m_consumerDemand;
    context.plantOperation = m_plantOps;
    return context;
}

void ThermalSystem::rhs(double time_s, std::span<const double> y, std::span<double> dydt) {
    interpolateFlows(time_s);
    evaluateNodes(time_s, y);
    const ThermalContext now = context();
    for (const auto& component : m_components) {
        component->rhs(now, y, dydt);
    }
}

void ThermalSystem::observe(double time_s, std::span<const double> y) {
    rhs(time_s, y, m_scratch);
    m_observed = y;
}

void ThermalSystem::pipeEndTemperatures(Layer layer, std::span<double> inlet_K,
                                        std::span<double> outlet_K) const {
    for (std::size_t p = 0; p < inlet_K.size(); ++p) {
        inlet_K[p] = pipeInlet(layer, p);
    }
    for (std::size_t p = 0; p < outlet_K.size(); ++p) {
        outlet_K[p] = pipeOutlet(layer, p, m_observed);
    }
}

void ThermalSystem::consumerSupplies(std::span<double> supply_K) const {
    for (std::size_t c = 0; c < supply_K.size(); ++c) {
        supply_K[c] = consumerSupply(c);
    }
}

void ThermalSystem::plantInlets(std::span<double> inlet_K) const {
    for (std::size_t q = 0; q < inlet_K.size(); ++q) {
        inlet_K[q] = plantInlet(q);
    }
}

double ThermalSystem::pipeInlet(Layer layer, std::size_t pipe) const {
    const PipeLayerPlace& place = m_pipeLayers[layer][pipe]->place();
    return m_nodeT[layer][m_flow[layer][pipe] >= 0 ? place.upstreamNode : place.downstreamNode];
}

double ThermalSystem::pipeOutlet(Layer layer, std::size_t pipe, std::span<const double> y) const {
    return m_pipeLayers[layer][pipe]->outletTemperature(y, m_flow[layer][pipe]);
}

double ThermalSystem::consumerSupply(std::size_t c) const {
    return m_nodeT[Supply][m_network.consumerNode(c)];
}

double ThermalSystem::plantInlet(std::size_t q) const {
    return m_nodeT[Return][m_network.plantNode(q)];
}

double ThermalSystem::storedHeat(std::span<const double> y) const {
    double heat = 0;
    for (const ThermalComponent* component : m_storing) {
        heat = component->addStoredHeat(y, heat);
    }
    return heat;
}

std::vector<std::vector<std::size_t>> ThermalSystem::jacobianPattern() const {
    const std::size_t nodes = m_network.nodeCount();
    // States each node temperature may depend on, resolved in the evaluation order.
    NodeDependencies depends;
    for (const Layer layer : {Supply, Return}) {
        depends.ofNode[layer].assign(nodes, {});
        for (std::size_t node = 0; node < nodes; ++node) {
            for (std::size_t p : m_network.pipesAt(node)) {
                depends.ofNode[layer][node].push_back(m_pipeLayers[layer][p]->endState(node));
            }
        }
    }
    for (std::size_t node = 0; node < nodes; ++node) {
        if (!m_network.consumersAt(node).empty()) {
            auto& r = depends.ofNode[Return][node];
            const auto& s = depends.ofNode[Supply][node];
            r.insert(r.end(), s.begin(), s.end());
        }
    }
    for (std::size_t node = 0; node < nodes; ++node) {
        if (!m_network.plantsAt(node).empty()) {
            auto& s = depends.ofNode[Supply][node];
            const auto& r = depends.ofNode[Return][node];
            s.insert(s.end(), r.begin(), r.end());
        }
    }
    // A plant's operation depends on its inlet and on its tank's top layer (discharge) and,
    // through the fading near full, its bottom layer; so does the supply it feeds.
    depends.ofPlant.assign(m_tanks.size(), {});
    for (std::size_t q = 0; q < m_tanks.size(); ++q) {
        const std::size_t node = m_network.plantNode(q);
        depends.ofPlant[q] = depends.ofNode[Return][node];
        if (m_tanks[q]) {
            const StateRange& layers = m_tanks[q]->layers();
            for (auto* d : {&depends.ofNode[Supply][node], &depends.ofPlant[q]}) {
                d->push_back(layers.first());
                d->push_back(layers.last());
            }
        }
    }

    std::vector<std::vector<std::size_t>> rows(m_layout.size());
    for (const auto& component : m_components) {
        component->jacobianPattern(depends, rows);
    }
    return rows;
}

void ThermalSystem::absoluteTolerances(std::span<double> absTol) const {
    for (const auto& component : m_components) {
        component->absoluteTolerances(m_scenario.simulation.temperatureTolerance_K, absTol);
    }
}

std::string ThermalSystem::stateName(std::size_t index) const {
    return m_layout.stateName(index);
}

} // namespace heatnet
