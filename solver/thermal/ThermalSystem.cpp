#include "solver/thermal/ThermalSystem.h"

#include "models/GroundTemperature.h"
#include "models/Water.h"
#include "solver/Error.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace heatnet {

namespace {
constexpr double tinyFlow_kg_s = 1e-9;
} // namespace

ThermalSystem::ThermalSystem(const Scenario& scenario, const Network& network)
    : m_scenario(scenario), m_network(network) {
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
        for (int layer = 0; layer < 2; ++layer) {
            m_pipes.emplace_back(g, m_rho, m_cp, scheme);
            m_pipeOffset.push_back(m_size);
            m_size += m_pipes.back().stateCount();
        }
    }
    for (std::size_t k = 0; k < 2 * pipes; ++k) {
        m_pipeEnergy.push_back(m_size++);
        m_wallCellOffset.push_back(m_wallCells);
        if (m_pipes[k].hasWall()) {
            m_wallCells += static_cast<std::size_t>(m_pipes[k].cells());
        }
    }
    m_cellG.assign(m_wallCells, 0.0);
    for (std::size_t c = 0; c < scenario.consumers.size(); ++c) {
        m_consumerEnergy.push_back(m_size);
        m_size += 2;
        const ConsumerSpec& spec = scenario.consumers[c];
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
        DegreeHourDemand d;
        d.annualDemand_J =
            spec.demand.kind == DemandSpec::Kind::DegreeHours ? spec.demand.annual_J : 0.0;
        d.dhwShare = spec.demand.hotWaterShare;
        d.heatingLimit_K = spec.demand.heatingLimit_K;
        m_degreeHour.emplace_back(d, scenario.climate);
    }
    for (std::size_t q = 0; q < scenario.plants.size(); ++q) {
        const PlantSpec& plant = scenario.plants[q];
        std::vector<std::size_t> order(plant.sources.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return plant.sources[a].priority < plant.sources[b].priority;
        });
        m_meritOrder.push_back(order);
        std::vector<const HeatSource*> ordered;
        std::vector<std::size_t> energy(plant.sources.size());
        for (std::size_t k : order) {
            ordered.push_back(plant.sources[k].model.get());
        }
        for (std::size_t k = 0; k < plant.sources.size(); ++k) {
            energy[k] = m_size;
            m_size += 4;
        }
        m_orderedSources.push_back(ordered);
        m_sourceEnergy.push_back(energy);
        // A tank: its layers (top first), then its charge, discharge and loss integrals.
        m_tankOffset.push_back(m_size);
        m_tankEnergy.push_back(m_size);
        if (plant.storage) {
            m_tanks.push_back(std::make_unique<StratifiedStorage>(*plant.storage, m_rho, m_cp));
            m_size += m_tanks.back()->layers();
            m_tankEnergy.back() = m_size;
            m_size += 3;
        } else {
            m_tanks.push_back(nullptr);
        }
    }
    m_tankLoss.assign(scenario.plants.size(), 0.0);

    m_layerFlow.assign(2 * pipes, 0.0);
    m_groundT.assign(pipes, scenario.ground.constant_K);
    m_consumerFlow.assign(scenario.consumers.size(), 0.0);
    m_plantFlow.assign(scenario.plants.size(), 0.0);
    for (auto& layer : m_nodeT) {
        layer.assign(network.nodeCount(), 0.0);
    }
    m_lossRate.assign(2 * pipes, 0.0);
    m_consumerDelivered.assign(scenario.consumers.size(), 0.0);
    m_consumerDemand.assign(scenario.consumers.size(), 0.0);
    m_consumerReturn.assign(scenario.consumers.size(), 0.0);
    m_plantOps.assign(scenario.plants.size(), PlantOperation{});
    m_mixFlow.assign(network.nodeCount(), 0.0);
    m_mixEnergy.assign(network.nodeCount(), 0.0);
    m_heldFlow.assign(network.nodeCount(), 0.0);
    m_heldEnergy.assign(network.nodeCount(), 0.0);
    m_scratch.assign(m_size, 0.0);
}

double ThermalSystem::outdoorTemperature(double time_s) const {
    return m_scenario.climate.temperature(m_scenario.simulation.startDayOfYear_s + time_s);
}

double ThermalSystem::demand(std::size_t c, double time_s) const {
    const DemandSpec& d = m_scenario.consumers[c].demand;
    if (d.kind == DemandSpec::Kind::Profile) {
        return d.scale * d.profile.value(time_s);
    }
    return m_degreeHour[c].power(outdoorTemperature(time_s));
}

double ThermalSystem::meanDemand(std::size_t c, double t0_s, double t1_s) const {
    const DemandSpec& d = m_scenario.consumers[c].demand;
    if (d.kind == DemandSpec::Kind::Profile) {
        return d.scale * d.profile.mean(t0_s, t1_s);
    }
    // Simpson's rule on the (hourly, piecewise-linear) climate.
    const int intervals = 8;
    const double h = (t1_s - t0_s) / intervals;
    double sum = 0;
    for (int i = 0; i <= intervals; ++i) {
        const double w = (i == 0 || i == intervals) ? 1 : (i % 2 ? 4 : 2);
        sum += w * demand(c, t0_s + i * h);
    }
    return h > 0 ? sum * h / 3 / (t1_s - t0_s) : demand(c, t0_s);
}

double ThermalSystem::peakDemand(std::size_t c, double t0_s, double t1_s) const {
    double peak = 0;
    for (int i = 0; i <= 8; ++i) {
        peak = std::max(peak, demand(c, t0_s + i * (t1_s - t0_s) / 8));
    }
    return peak;
}

double ThermalSystem::plantSetPoint(std::size_t q, double time_s) const {
    const SupplyTemperatureSpec& s = m_scenario.plants[q].supplyTemperature;
    if (s.profile) {
        return s.profile->value(time_s);
    }
    if (!s.curve) {
        return s.constant_K;
    }
    // Heating curve: linear in outdoor temperature between the design and the mild point.
    const double outdoor = outdoorTemperature(time_s);
    const double w =
        std::clamp((outdoor - s.designOutdoor_K) / (s.mildOutdoor_K - s.designOutdoor_K), 0.0, 1.0);
    return s.atDesignOutdoor_K + w * (s.atMildOutdoor_K - s.atDesignOutdoor_K);
}

std::size_t ThermalSystem::upstreamNode(std::size_t instance) const {
    // Supply instances run from → to; return instances to → from (the mirror).
    const std::size_t p = instance / 2;
    return instance % 2 == Supply ? m_network.pipeFrom(p) : m_network.pipeTo(p);
}

std::size_t ThermalSystem::downstreamNode(std::size_t instance) const {
    const std::size_t p = instance / 2;
    return instance % 2 == Supply ? m_network.pipeTo(p) : m_network.pipeFrom(p);
}

std::vector<double> ThermalSystem::initialState(double supply_K, double return_K) const {
    std::vector<double> y(m_size, 0.0);
    for (std::size_t k = 0; k < m_pipes.size(); ++k) {
        const double t = k % 2 == Supply ? supply_K : return_K;
        std::fill_n(y.begin() + m_pipeOffset[k], m_pipes[k].stateCount(), t);
    }
    for (std::size_t q = 0; q < m_tanks.size(); ++q) {
        if (m_tanks[q]) {
            const std::vector<double> layers = m_tanks[q]->initialTemperatures();
            std::copy(layers.begin(), layers.end(), y.begin() + m_tankOffset[q]);
        }
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
    for (std::size_t p = 0; p < a.flows.pipe.size(); ++p) {
        m_layerFlow[2 * p + Supply] = (1 - w) * a.flows.pipe[p] + w * b.flows.pipe[p];
        m_layerFlow[2 * p + Return] = (1 - w) * a.flows.returnPipe[p] + w * b.flows.returnPipe[p];
    }
    blend(a.flows.consumer, b.flows.consumer, m_consumerFlow);
    blend(a.flows.plant, b.flows.plant, m_plantFlow);
    blend(a.ground_K, b.ground_K, m_groundT);
    blend(a.cellG, b.cellG, m_cellG);
}

double ThermalSystem::groundTemperatureAt(std::size_t pipe, double time_s) const {
    const GroundSettings& g = m_scenario.ground;
    if (!g.kusuda) {
        return g.constant_K;
    }
    KusudaParameters kusuda;
    kusuda.meanTemperature_K = g.meanSurface_K;
    kusuda.amplitude_K = g.surfaceAmplitude_K;
    kusuda.diffusivity_m2_s = g.diffusivity_m2_s;
    kusuda.phaseMinimum_s = g.coldestDay * 86400.0;
    return kusudaTemperature(kusuda, m_scenario.pipes[pipe].burialDepth_m,
                             m_scenario.simulation.startDayOfYear_s + time_s);
}

void ThermalSystem::scheduleFlows(double time_s, const Flows& flows, std::span<const double> y) {
    FlowNode node;
    node.time_s = time_s;
    node.flows = flows;
    if (node.flows.returnPipe.empty()) {
        node.flows.returnPipe = flows.pipe;
    }
    node.ground_K.resize(m_network.pipeCount());
    // Water-to-wall film conductances of each cell at this node (Gnielinski with the cell's
    // water and wall temperatures now): evaluated once per node, interpolated in between.
    node.cellG.assign(m_wallCells, 0.0);
    for (std::size_t k = 0; k < m_pipes.size(); ++k) {
        if (m_pipes[k].hasWall()) {
            m_pipes[k].cellWallConductances(
                k % 2 == Supply ? flows.pipe[k / 2] : node.flows.returnPipe[k / 2],
                y.subspan(m_pipeOffset[k], m_pipes[k].stateCount()),
                std::span<double>(node.cellG).subspan(m_wallCellOffset[k], m_pipes[k].cells()));
        }
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
    const std::size_t pipes = m_network.pipeCount();

    // Mixes the outflows of one layer's pipes into their downstream nodes.
    auto mixPipes = [&](int layer) {
        std::fill(m_mixFlow.begin(), m_mixFlow.end(), 0.0);
        std::fill(m_mixEnergy.begin(), m_mixEnergy.end(), 0.0);
        for (std::size_t p = 0; p < pipes; ++p) {
            const std::size_t k = 2 * p + layer;
            const double flow = m_layerFlow[k]; // + in the instance's own direction
            const std::size_t into = flow >= 0 ? downstreamNode(k) : upstreamNode(k);
            const double outlet =
                m_pipes[k].outletTemperature(y.subspan(m_pipeOffset[k], m_pipes[k].cells()), flow);
            m_mixFlow[into] += std::abs(flow);
            m_mixEnergy[into] += std::abs(flow) * outlet;
        }
    };
    // A node without inflow takes the mean of the pipe ends that touch it (no flow carries it).
    auto stagnant = [&](int layer, std::size_t node) {
        double sum = 0;
        int count = 0;
        for (std::size_t p : m_network.pipesAt(node)) {
            const std::size_t k = 2 * p + layer;
            const int n = m_pipes[k].cells();
            const std::size_t cell = upstreamNode(k) == node ? 0 : n - 1;
            sum += y[m_pipeOffset[k] + cell];
            ++count;
        }
        return count ? sum / count : 283.15;
    };
    auto resolve = [&](int layer, std::size_t node) {
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
            const std::size_t o = m_tankOffset[q];
            const PlantStorageState tank{m_tanks[q].get(), y[o], y[o + m_tanks[q]->layers() - 1]};
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

void ThermalSystem::rhs(double time_s, std::span<const double> y, std::span<double> dydt) {
    interpolateFlows(time_s);
    evaluateNodes(time_s, y);
    const std::size_t pipes = m_network.pipeCount();
    for (std::size_t k = 0; k < 2 * pipes; ++k) {
        const std::size_t p = k / 2;
        const int layer = static_cast<int>(k % 2);
        PipeConditions c;
        c.massFlow_kg_s = m_layerFlow[k];
        c.inletTemperature_K =
            m_nodeT[layer][m_layerFlow[k] >= 0 ? upstreamNode(k) : downstreamNode(k)];
        c.groundTemperature_K = m_groundT[p];
        if (m_pipes[k].hasWall()) {
            c.cellWallConductance_W_K =
                std::span<const double>(m_cellG).subspan(m_wallCellOffset[k], m_pipes[k].cells());
        }
        const std::size_t n = m_pipes[k].stateCount();
        m_lossRate[k] =
            m_pipes[k].rhs(c, y.subspan(m_pipeOffset[k], n), dydt.subspan(m_pipeOffset[k], n));
        dydt[m_pipeEnergy[k]] = m_lossRate[k];
    }
    for (std::size_t c = 0; c < m_scenario.consumers.size(); ++c) {
        dydt[m_consumerEnergy[c]] = m_consumerDelivered[c];
        dydt[m_consumerEnergy[c] + 1] = m_consumerDemand[c];
    }
    for (std::size_t q = 0; q < m_scenario.plants.size(); ++q) {
        const PlantOperation& op = m_plantOps[q];
        for (std::size_t j = 0; j < m_meritOrder[q].size(); ++j) {
            const std::size_t k = m_meritOrder[q][j];
            const std::size_t e = m_sourceEnergy[q][k];
            dydt[e] = op.heat_W[j];
            dydt[e + 1] = op.inputs[j].fuel_W;
            dydt[e + 2] = op.inputs[j].electricity_W;
            dydt[e + 3] = op.inputs[j].wasteHeat_W;
        }
        if (m_tanks[q]) {
            const std::size_t o = m_tankOffset[q];
            const auto n = static_cast<std::size_t>(m_tanks[q]->layers());
            m_tankLoss[q] =
                m_tanks[q]->rhs(y.subspan(o, n), op.chargeFlow_kg_s, op.chargeInlet_K,
                                op.dischargeFlow_kg_s, op.dischargeInlet_K, dydt.subspan(o, n));
            dydt[m_tankEnergy[q]] = op.charge_W;
            dydt[m_tankEnergy[q] + 1] = op.discharge_W;
            dydt[m_tankEnergy[q] + 2] = m_tankLoss[q];
        }
    }
}

void ThermalSystem::observe(double time_s, std::span<const double> y) {
    rhs(time_s, y, m_scratch);
}

double ThermalSystem::pipeInlet(Layer layer, std::size_t pipe) const {
    const std::size_t k = 2 * pipe + layer;
    return m_nodeT[layer][m_layerFlow[k] >= 0 ? upstreamNode(k) : downstreamNode(k)];
}

double ThermalSystem::pipeOutlet(Layer layer, std::size_t pipe, std::span<const double> y) const {
    const std::size_t k = 2 * pipe + layer;
    return m_pipes[k].outletTemperature(y.subspan(m_pipeOffset[k], m_pipes[k].cells()),
                                        m_layerFlow[k]);
}

double ThermalSystem::consumerSupply(std::size_t c) const {
    return m_nodeT[Supply][m_network.consumerNode(c)];
}

double ThermalSystem::plantInlet(std::size_t q) const {
    return m_nodeT[Return][m_network.plantNode(q)];
}

double ThermalSystem::storedHeat(std::span<const double> y) const {
    double heat = 0;
    for (std::size_t k = 0; k < m_pipes.size(); ++k) {
        const int n = m_pipes[k].cells();
        for (int i = 0; i < n; ++i) {
            heat += m_pipes[k].cellCapacity() * (y[m_pipeOffset[k] + i] - 273.15);
            if (m_pipes[k].hasWall()) {
                heat += m_pipes[k].wallCellCapacity() * (y[m_pipeOffset[k] + n + i] - 273.15);
            }
        }
    }
    for (std::size_t q = 0; q < m_tanks.size(); ++q) {
        if (m_tanks[q]) {
            heat += m_tanks[q]->storedHeat(
                y.subspan(m_tankOffset[q], static_cast<std::size_t>(m_tanks[q]->layers())));
        }
    }
    return heat;
}

std::vector<std::vector<std::size_t>> ThermalSystem::jacobianPattern() const {
    const std::size_t nodes = m_network.nodeCount();
    const std::size_t pipes = m_network.pipeCount();
    // States each node temperature may depend on, resolved in the evaluation order.
    std::vector<std::vector<std::size_t>> depends[2];
    depends[Supply].assign(nodes, {});
    depends[Return].assign(nodes, {});
    auto pipeEnds = [&](int layer, std::size_t node, std::vector<std::size_t>& out) {
        for (std::size_t p : m_network.pipesAt(node)) {
            const std::size_t k = 2 * p + layer;
            const int n = m_pipes[k].cells();
            out.push_back(m_pipeOffset[k] + (upstreamNode(k) == node ? 0 : n - 1));
        }
    };
    for (std::size_t node = 0; node < nodes; ++node) {
        pipeEnds(Supply, node, depends[Supply][node]);
        pipeEnds(Return, node, depends[Return][node]);
    }
    for (std::size_t node = 0; node < nodes; ++node) {
        if (!m_network.consumersAt(node).empty()) {
            auto& r = depends[Return][node];
            r.insert(r.end(), depends[Supply][node].begin(), depends[Supply][node].end());
        }
    }
    for (std::size_t node = 0; node < nodes; ++node) {
        if (!m_network.plantsAt(node).empty()) {
            auto& s = depends[Supply][node];
            s.insert(s.end(), depends[Return][node].begin(), depends[Return][node].end());
        }
    }
    // A plant's outlet depends on its tank's top layer (discharge) and, through the fading
    // near full, its bottom layer.
    for (std::size_t q = 0; q < m_tanks.size(); ++q) {
        if (m_tanks[q]) {
            auto& s = depends[Supply][m_network.plantNode(q)];
            s.push_back(m_tankOffset[q]);
            s.push_back(m_tankOffset[q] + m_tanks[q]->layers() - 1);
        }
    }

    std::vector<std::vector<std::size_t>> rows(m_size);
    for (std::size_t k = 0; k < 2 * pipes; ++k) {
        const int layer = static_cast<int>(k % 2);
        const int n = m_pipes[k].cells();
        const std::size_t o = m_pipeOffset[k];
        const bool wall = m_pipes[k].hasWall();
        for (int i = 0; i < n; ++i) {
            auto& row = rows[o + i];
            for (int j = std::max(0, i - 2); j <= std::min(n - 1, i + 2); ++j) {
                row.push_back(o + j);
            }
            if (wall) {
                row.push_back(o + n + i);
                rows[o + n + i] = {o + i, o + n + static_cast<std::size_t>(i)};
            }
            // Cells near either end see the node there (the flow may run either way).
            if (i < 2) {
                const auto& d = depends[layer][upstreamNode(k)];
                row.insert(row.end(), d.begin(), d.end());
            }
            if (i >= n - 2) {
                const auto& d = depends[layer][downstreamNode(k)];
                row.insert(row.end(), d.begin(), d.end());
            }
        }
    }
    // Tank layers: upwind neighbours both ways, the top and bottom layers (they set the charge
    // and discharge flows) and whatever the plant's return node depends on (the discharge inlet
    // and the surplus of the waste-heat sources).
    for (std::size_t q = 0; q < m_tanks.size(); ++q) {
        if (!m_tanks[q]) {
            continue;
        }
        const int n = m_tanks[q]->layers();
        const std::size_t o = m_tankOffset[q];
        const auto& inlet = depends[Return][m_network.plantNode(q)];
        for (int i = 0; i < n; ++i) {
            auto& row = rows[o + i];
            for (int j = std::max(0, i - 1); j <= std::min(n - 1, i + 1); ++j) {
                row.push_back(o + j);
            }
            row.push_back(o);
            row.push_back(o + n - 1);
            row.insert(row.end(), inlet.begin(), inlet.end());
        }
    }
    // Energy integrals: they never feed back, but their rows are kept exact so that the Newton
    // matrix conserves energy (cᵀJ = 0 for the stored-heat weights c): the balance then closes
    // to round-off whatever the tolerances (docs/numerics.md).
    for (std::size_t k = 0; k < 2 * pipes; ++k) {
        auto& row = rows[m_pipeEnergy[k]];
        const std::size_t o = m_pipeOffset[k];
        const int n = m_pipes[k].cells();
        const std::size_t first = m_pipes[k].hasWall() ? o + n : o;
        for (int i = 0; i < n; ++i) {
            row.push_back(first + i);
        }
    }
    for (std::size_t c = 0; c < m_consumerEnergy.size(); ++c) {
        const auto& d = depends[Supply][m_network.consumerNode(c)];
        rows[m_consumerEnergy[c]].assign(d.begin(), d.end());
    }
    for (std::size_t q = 0; q < m_sourceEnergy.size(); ++q) {
        // Sources (their charging share too) and the tank's charge and discharge depend on the
        // plant inlet and on the tank's top and bottom layers.
        std::vector<std::size_t> d = depends[Return][m_network.plantNode(q)];
        if (m_tanks[q]) {
            const std::size_t o = m_tankOffset[q];
            const auto n = static_cast<std::size_t>(m_tanks[q]->layers());
            d.push_back(o);
            d.push_back(o + n - 1);
            rows[m_tankEnergy[q]] = d;
            rows[m_tankEnergy[q] + 1] = d;
            for (std::size_t i = 0; i < n; ++i) {
                rows[m_tankEnergy[q] + 2].push_back(o + i);
            }
        }
        for (std::size_t e : m_sourceEnergy[q]) {
            for (std::size_t j = 0; j < 4; ++j) {
                rows[e + j].assign(d.begin(), d.end());
            }
        }
    }
    return rows;
}

void ThermalSystem::absoluteTolerances(std::span<double> absTol) const {
    std::fill(absTol.begin(), absTol.end(), 1e9); // energies [J]: not step-size controlling
    for (std::size_t k = 0; k < m_pipes.size(); ++k) {
        std::fill_n(absTol.begin() + m_pipeOffset[k], m_pipes[k].stateCount(),
                    m_scenario.simulation.temperatureTolerance_K);
    }
    for (std::size_t q = 0; q < m_tanks.size(); ++q) {
        if (m_tanks[q]) {
            std::fill_n(absTol.begin() + m_tankOffset[q], m_tanks[q]->layers(),
                        m_scenario.simulation.temperatureTolerance_K);
        }
    }
}

std::string ThermalSystem::stateName(std::size_t index) const {
    for (std::size_t k = 0; k < m_pipes.size(); ++k) {
        const std::size_t o = m_pipeOffset[k];
        const int n = m_pipes[k].cells();
        if (index >= o && index < o + m_pipes[k].stateCount()) {
            const std::size_t i = index - o;
            const bool wall = static_cast<int>(i) >= n;
            return fmt::format("pipe {} ({}): {}[{}]", m_scenario.pipes[k / 2].id,
                               k % 2 == Supply ? "supply" : "return", wall ? "T_wall" : "T",
                               wall ? i - n : i);
        }
        if (index == m_pipeEnergy[k]) {
            return fmt::format("pipe {} ({}): heat loss integral", m_scenario.pipes[k / 2].id,
                               k % 2 == Supply ? "supply" : "return");
        }
    }
    for (std::size_t c = 0; c < m_consumerEnergy.size(); ++c) {
        if (index == m_consumerEnergy[c] || index == m_consumerEnergy[c] + 1) {
            return fmt::format("consumer {}: {} integral", m_scenario.consumers[c].id,
                               index == m_consumerEnergy[c] ? "delivered heat" : "demand");
        }
    }
    for (std::size_t q = 0; q < m_tanks.size(); ++q) {
        if (!m_tanks[q]) {
            continue;
        }
        const std::size_t o = m_tankOffset[q], n = m_tanks[q]->layers();
        if (index >= o && index < o + n) {
            return fmt::format("storage of plant {}: T[{}]", m_scenario.plants[q].id, index - o);
        }
        if (index >= m_tankEnergy[q] && index < m_tankEnergy[q] + 3) {
            static constexpr const char* names[] = {"charge", "discharge", "heat loss"};
            return fmt::format("storage of plant {}: {} integral", m_scenario.plants[q].id,
                               names[index - m_tankEnergy[q]]);
        }
    }
    return fmt::format("source energy integral #{}", index);
}

} // namespace heatnet
