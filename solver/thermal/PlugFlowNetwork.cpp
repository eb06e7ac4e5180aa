#include "solver/thermal/PlugFlowNetwork.h"

#include "solver/Error.h"

#include <fmt/format.h>

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <exception>
#include <thread>

namespace heatnet {

namespace {
constexpr double zeroCelsius_K = 273.15;
constexpr double stillFlow_kg_s = PlugFlowPipe::kStillFlow_kg_s;

//! Heat carried by a stream at a mass flow, relative to 0 °C [J].
double streamEnergy(double flow_kg_s, double specificHeat_J_kgK,
                    const std::vector<StreamSegment>& stream) {
    double sum = 0;
    for (const StreamSegment& s : stream) {
        sum += s.duration_s * (s.temperature_K - zeroCelsius_K);
    }
    return flow_kg_s * specificHeat_J_kgK * sum;
}
} // namespace

PlugFlowNetwork::PlugFlowNetwork(const Scenario& scenario, const Network& network,
                                 const ThermalSystem& helpers)
    : m_scenario(scenario), m_network(network), m_helpers(helpers), m_cp(helpers.specificHeat()) {
    const std::size_t pipes = network.pipeCount();
    PlugFlowOptions options;
    options.dispersion = scenario.simulation.plugFlowDispersion == "taylor";
    m_mergeTolerance_K = options.mergeTolerance_K; // the nodes' and substations' streams too
    for (int layer = 0; layer < 2; ++layer) {
        for (std::size_t p = 0; p < pipes; ++p) {
            const PipeSpec& spec = scenario.pipes[p];
            PlugFlowGeometry g;
            g.length_m = spec.length_m;
            g.innerDiameter_m = spec.innerDiameter_m;
            g.heatLossCoeff_W_mK = spec.heatLossCoeff_W_mK;
            g.wallHeatCapacity_J_mK = spec.wallHeatCapacity_J_mK;
            m_pipes[layer].emplace_back(g, helpers.density(), m_cp, options);
        }
        m_pipeOut[layer].assign(pipes, {});
        m_nodeT[layer].assign(network.nodeCount(), zeroCelsius_K);
    }
    const std::size_t consumers = scenario.consumers.size();
    const std::size_t plants = scenario.plants.size();
    m_flows.pipe.assign(pipes, 0.0);
    m_flows.returnPipe.assign(pipes, 0.0);
    m_flows.consumer.assign(consumers, 0.0);
    m_flows.plant.assign(plants, 0.0);
    m_groundT.assign(pipes, zeroCelsius_K + 10);
    m_consumerReturn.assign(consumers, zeroCelsius_K);
    m_consumerOut.assign(consumers, {});
    m_plantInlet.assign(plants, zeroCelsius_K);
    m_plantOps.assign(plants, PlantOperation{});
    m_plantStream.assign(plants, {}); // sized once: the flow orders point at these streams
    // Energy integrals: losses of every supply pipe, of every return pipe, delivered heat and
    // demand of every consumer, then four per source.
    std::size_t size = 0;
    m_pipeLossIndex[Layer::Supply] = size;
    size += pipes;
    m_pipeLossIndex[Layer::Return] = size;
    size += pipes;
    m_deliveredIndex = size;
    size += consumers;
    m_demandIndex = size;
    size += consumers;
    for (const PlantSpec& plant : scenario.plants) {
        m_sourceIndex.push_back(size);
        size += kSourceIntegrals * plant.sources.size();
    }
    // Then three per storage tank (charge, discharge, loss: as TankIntegral).
    for (const PlantSpec& plant : scenario.plants) {
        m_tanks.emplace_back();
        m_tankIndex.push_back(size);
        if (plant.storage) {
            m_tanks.back() = std::make_unique<PlugFlowTank>(
                StratifiedStorage(*plant.storage, helpers.density(), m_cp),
                fmt::format("storage of plant {}", plant.id),
                scenario.simulation.temperatureTolerance_K, scenario.simulation.relativeTolerance);
            size += 3;
        }
    }
    m_energy.assign(size, 0.0);
}

void PlugFlowNetwork::fill(double supply_K, double return_K) {
    for (int layer = 0; layer < 2; ++layer) {
        const double t = layer == Layer::Supply ? supply_K : return_K;
        for (PlugFlowPipe& pipe : m_pipes[layer]) {
            pipe.fill(t);
        }
        std::fill(m_nodeT[layer].begin(), m_nodeT[layer].end(), t);
    }
    std::fill(m_plantInlet.begin(), m_plantInlet.end(), return_K);
    std::fill(m_consumerReturn.begin(), m_consumerReturn.end(), return_K);
    for (PlantOperation& op : m_plantOps) {
        op.outlet_K = supply_K;
    }
}

std::size_t PlugFlowNetwork::upstreamNode(Layer layer, std::size_t pipe) const {
    // Supply pipes run from → to; return pipes to → from (the mirror), as in ThermalSystem.
    return layer == Layer::Supply ? m_network.pipeFrom(pipe) : m_network.pipeTo(pipe);
}

std::size_t PlugFlowNetwork::downstreamNode(Layer layer, std::size_t pipe) const {
    return layer == Layer::Supply ? m_network.pipeTo(pipe) : m_network.pipeFrom(pipe);
}

double PlugFlowNetwork::stagnantTemperature(Layer layer, std::size_t node) const {
    double sum = 0;
    int count = 0;
    for (std::size_t p : m_network.pipesAt(node)) {
        sum += m_pipes[layer][p].endTemperature(upstreamNode(layer, p) == node);
        ++count;
    }
    return count ? sum / count : m_nodeT[layer][node];
}

const std::vector<StreamSegment>&
PlugFlowNetwork::mixStreams(NodeScratch& scratch, double step_s, Layer layer, std::size_t node,
                            std::span<const Source> sources) const {
    // A cursor for each stream flowing in. Water standing in the pipes at the node stands for
    // an empty stream (one that carries nothing).
    std::vector<MixCursor>& cursors = scratch.cursors;
    cursors.clear();
    double total = 0;
    double stagnant_K = NAN;
    const std::vector<StreamSegment>* first = nullptr; // the first stream flowing in
    for (const Source& source : sources) {
        const double flow = inflowRate(layer, source);
        if (!(flow > 0)) {
            continue;
        }
        total += flow;
        const std::vector<StreamSegment>& s = *source.stream;
        first = first ? first : &s;
        if (s.empty()) {
            if (std::isnan(stagnant_K)) {
                stagnant_K = stagnantTemperature(layer, node);
            }
            cursors.push_back({nullptr, nullptr, INFINITY, flow, stagnant_K});
        } else {
            cursors.push_back({s.data(), s.data() + s.size() - 1, s.front().duration_s, flow,
                               s.front().temperature_K});
        }
    }
    std::vector<StreamSegment>& mixed = scratch.mix;
    if (total <= stillFlow_kg_s) {
        mixed.assign(1, {step_s, stagnantTemperature(layer, node)});
        return mixed;
    }
    if (cursors.size() == 1 && !first->empty()) {
        // One stream: the node passes it on as it is (each stream was merged where it was made).
        return *first;
    }
    // Merge the breakpoints of all streams: on each piece between two breakpoints every stream
    // has one temperature, and the mix is their flow-weighted mean. Each pass over the cursors
    // moves them past the piece just mixed and sums the next one.
    mixed.clear();
    // A stream whose segments end a round-off early keeps its last temperature.
    const double slack = 1e-12 * step_s;
    double next = step_s; // end of the piece in hand [s]
    double weighted = 0;  // Σ flow × temperature over the piece [kg K/s]
    bool uniform = true;  // every stream one segment (or none)
    for (const MixCursor& c : cursors) {
        next = std::min(next, c.end_s);
        weighted += c.flow_kg_s * c.temperature_K;
        uniform &= c.segment == c.last;
    }
    if (uniform && next >= step_s - slack) {
        // The loop below would mix this one piece and stop (merging one segment changes
        // nothing): the same segment without its passes.
        mixed.push_back({next, weighted / total});
        return mixed;
    }
    double time = 0;
    while (time < step_s - slack) {
        if (next > time) {
            mixed.push_back({next - time, weighted / total});
        }
        time = next;
        next = step_s;
        weighted = 0;
        for (MixCursor& c : cursors) {
            while (c.end_s <= time + slack && c.segment != c.last) {
                ++c.segment;
                c.end_s += c.segment->duration_s;
                c.temperature_K = c.segment->temperature_K;
            }
            if (c.end_s <= time + slack) {
                c.end_s = INFINITY;
            }
            next = std::min(next, c.end_s);
            weighted += c.flow_kg_s * c.temperature_K;
        }
    }
    mergeAlike(mixed, m_mergeTolerance_K);
    return mixed;
}

void PlugFlowNetwork::FlowOrder::build(const PlugFlowNetwork& net, Layer layer, bool parallel,
                                       const FlowOrder* twin) {
    // A tree's return carries the supply's flows back: if it did at the last build too and the
    // supply's directions have not changed since, its own have not either.
    if (twin && m_fromTwin && m_valid && !twin->m_changed) {
        m_changed = false;
        if (parallel && !m_planned) {
            plan(net);
        }
        return;
    }
    // Which way each pipe flows this step: the order is rebuilt only when that changes.
    const std::vector<double>& flow =
        layer == Layer::Supply ? net.m_flows.pipe : net.m_flows.returnPipe; // as layerFlow
    const std::size_t pipes = flow.size();
    direction.resize(pipes);
    // Through plain pointers: the stores would otherwise make the compiler reload both vectors'
    // starts on every pass.
    const double* const f = flow.data();
    signed char* const d = direction.data();
    // +1 above the still flow, −1 below its negative, else 0 (NaN too); branch-free: the loop
    // runs twice a step over every pipe and the directions almost never change.
    bool changed = !m_valid;
    for (std::size_t p = 0; p < pipes; ++p) {
        const auto now = static_cast<signed char>(static_cast<int>(f[p] > stillFlow_kg_s) -
                                                  static_cast<int>(f[p] < -stillFlow_kg_s));
        changed |= now != d[p];
        d[p] = now;
    }
    m_changed = changed;
    m_fromTwin = twin != nullptr;
    if (changed) {
        rebuild(net, layer);
    }
    if (parallel && !m_planned) {
        plan(net);
    }
}

void PlugFlowNetwork::FlowOrder::rebuild(const PlugFlowNetwork& net, Layer layer) {
    const Network& network = net.m_network;
    const std::size_t nodes = network.nodeCount();
    const std::size_t pipes = network.pipeCount();
    m_valid = true;
    m_planned = false;
    still.clear();
    std::vector<int> pending(nodes, 0);
    for (std::size_t p = 0; p < pipes; ++p) {
        if (direction[p] == 0) {
            still.push_back(p);
        } else {
            ++pending[direction[p] > 0 ? net.downstreamNode(layer, p) : net.upstreamNode(layer, p)];
        }
    }
    // Kahn's algorithm: a node is ready when every pipe flowing into it is.
    nodes_.clear();
    for (std::size_t node = 0; node < nodes; ++node) {
        if (pending[node] == 0) {
            nodes_.push_back(node);
        }
    }
    std::vector<std::size_t> position(nodes, 0);
    inStart.assign(1, 0);
    outStart.assign(1, 0);
    sourceStart.assign(1, 0);
    inPipes.clear();
    inFrom.clear();
    outPipes.clear();
    sources.clear();
    for (std::size_t next = 0; next < nodes_.size(); ++next) {
        const std::size_t node = nodes_[next];
        position[node] = next;
        for (std::size_t p : network.pipesAt(node)) {
            if (direction[p] == 0) {
                continue;
            }
            const std::size_t from =
                direction[p] > 0 ? net.upstreamNode(layer, p) : net.downstreamNode(layer, p);
            if (from == node) {
                outPipes.push_back(p);
                const std::size_t into =
                    direction[p] > 0 ? net.downstreamNode(layer, p) : net.upstreamNode(layer, p);
                if (--pending[into] == 0) {
                    nodes_.push_back(into);
                }
            } else {
                inPipes.push_back(p);
                inFrom.push_back(position[from]); // `from` came earlier in the order
                sources.push_back({&net.m_pipeOut[layer][p], p, SourceKind::Pipe});
            }
        }
        // Water from outside the layer: the plants' into the supply, the consumers' returns.
        if (layer == Layer::Supply) {
            for (std::size_t q : network.plantsAt(node)) {
                sources.push_back({&net.m_plantStream[q], q, SourceKind::Plant});
            }
        } else {
            for (std::size_t c : network.consumersAt(node)) {
                sources.push_back({&net.m_consumerOut[c], c, SourceKind::Consumer});
            }
        }
        inStart.push_back(inPipes.size());
        outStart.push_back(outPipes.size());
        sourceStart.push_back(sources.size());
    }
    if (nodes_.size() < nodes) {
        m_valid = false;
        throw SolverError(fmt::format("plug flow: the {} flows form a loop (no flow order of the "
                                      "nodes exists)",
                                      layer == Layer::Supply ? "supply" : "return"));
    }
}

void PlugFlowNetwork::FlowOrder::plan(const PlugFlowNetwork& net) {
    // A node's work: its own mixing, the pipes it feeds and the substations at it.
    const std::size_t n = nodes_.size();
    std::vector<double> weight(n);
    for (std::size_t k = 0; k < n; ++k) {
        weight[k] = 1.0 + static_cast<double>(outStart[k + 1] - outStart[k]) +
                    static_cast<double>(net.m_network.consumersAt(nodes_[k]).size());
    }
    schedule.plan(inStart, inFrom, weight);
    swept = std::make_unique<std::atomic<std::uint64_t>[]>(n); // 0: before any sweep
    m_planned = true;
}

int PlugFlowNetwork::allowedThreads() const {
    if (m_network.pipeCount() < m_parallelMinPipes) {
        return 1;
    }
    // Inside a parallel region that already uses the allowed levels (`heatnet run` with several
    // scenarios, `heatnet sweep`): the region would get one thread anyway.
    if (omp_get_active_level() >= omp_get_max_active_levels()) {
        return 1;
    }
    return std::max(1, omp_get_max_threads());
}

template <class Feed>
[[gnu::always_inline]] inline void PlugFlowNetwork::sweepNode(const FlowOrder& order, std::size_t k,
                                                              NodeScratch& scratch, Layer layer,
                                                              double step_s, Feed& feed) {
    const std::size_t node = order.nodes_[k];
    const std::span<const Source> sources(order.sources.data() + order.sourceStart[k],
                                          order.sources.data() + order.sourceStart[k + 1]);
    const std::vector<StreamSegment>& stream = mix(scratch, step_s, layer, node, sources);
    m_nodeT[layer][node] = stream.back().temperature_K;
    feed(node, stream);
    for (std::size_t i = order.outStart[k]; i < order.outStart[k + 1]; ++i) {
        const std::size_t p = order.outPipes[i];
        m_energy[m_pipeLossIndex[layer] + p] += m_pipes[layer][p].advance(
            step_s, layerFlow(layer, p), stream, m_groundT[p], m_pipeOut[layer][p]);
    }
}

template <class Feed> void PlugFlowNetwork::sweep(Layer layer, double step_s, Feed&& feed) {
    FlowOrder& order = m_order[layer];
    const int team = m_team;
    const bool mirrored = layer == Layer::Return && m_returnMirrorsSupply;
    order.build(*this, layer, team > 1, mirrored ? &m_order[Layer::Supply] : nullptr);
    for (std::size_t p : order.still) {
        m_energy[pipeLossEnergy(layer, p)] +=
            m_pipes[layer][p].advance(step_s, 0.0, {}, m_groundT[p], m_pipeOut[layer][p]);
    }
    if (m_scratch.size() < static_cast<std::size_t>(team)) {
        m_scratch.resize(static_cast<std::size_t>(team));
    }
    const SweepSchedule& schedule = order.schedule;
    if (team == 1 || !schedule.parallelSafe()) {
        // Copies whose addresses are never taken (the parallel region below takes the
        // arguments'): across the pipes' calls the node steps keep them in registers instead of
        // reloading them from memory.
        const Layer serialLayer = layer;
        const double serialStep_s = step_s;
        NodeScratch& scratch = m_scratch.front();
        for (std::size_t k = 0; k < order.nodes_.size(); ++k) {
            sweepNode(order, k, scratch, serialLayer, serialStep_s, feed);
        }
        return;
    }
    const std::uint64_t epoch = ++m_epoch;
    std::atomic<std::size_t> nextChunk{0};
    std::atomic<bool> failed{false};
    std::exception_ptr error;
    int used = 1;
#pragma omp parallel num_threads(team)
    {
        NodeScratch& scratch = m_scratch[static_cast<std::size_t>(omp_get_thread_num())];
        // Waits until the node at position `from` is swept; false if another thread failed.
        auto ready = [&](std::size_t from) {
            for (unsigned spins = 0; order.swept[from].load(std::memory_order_acquire) != epoch;
                 ++spins) {
                if (failed.load(std::memory_order_relaxed)) {
                    return false;
                }
                if (spins >= 64) {
                    std::this_thread::yield(); // a busy machine: let the thread we wait for run
                }
            }
            return true;
        };
        try {
            bool ok = true;
            for (std::size_t c = nextChunk++; ok && c < schedule.chunkCount(); c = nextChunk++) {
                for (std::size_t k : schedule.chunk(c)) {
                    for (std::size_t i = order.inStart[k]; ok && i < order.inStart[k + 1]; ++i) {
                        ok = schedule.chunkOf(order.inFrom[i]) == c || ready(order.inFrom[i]);
                    }
                    if (!ok) {
                        break;
                    }
                    sweepNode(order, k, scratch, layer, step_s, feed);
                    order.swept[k].store(epoch, std::memory_order_release);
                }
            }
        } catch (...) {
#pragma omp critical(heatnet_plug_flow_sweep)
            if (!error) {
                error = std::current_exception();
            }
            failed.store(true);
        }
#pragma omp master
        used = omp_get_num_threads();
    }
    if (error) {
        std::rethrow_exception(error);
    }
    m_sweepThreads = std::max(m_sweepThreads, used);
}

void PlugFlowNetwork::advance(double t0_s, double step_s, const ThermalSystem::Flows& flows) {
    const int allowed = allowedThreads();
    m_team = m_tuned && allowed > 1 ? m_tuner.next(SweepTuner::Clock::now(), allowed) : allowed;
    m_threadedSteps += m_team > 1 ? 1 : 0;
    m_flows = flows;
    if (m_flows.returnPipe.empty()) {
        m_flows.returnPipe = flows.pipe; // a tree's return carries the supply's flows back
    }
    // A tree's hydraulics give the return the supply's flows: then its flow order needs no check
    // of its own (FlowOrder::build). One memcmp of the two arrays costs less than the check.
    m_returnMirrorsSupply = m_flows.returnPipe.size() == m_flows.pipe.size() &&
                            std::memcmp(m_flows.returnPipe.data(), m_flows.pipe.data(),
                                        m_flows.pipe.size() * sizeof(double)) == 0;
    const double middle = t0_s + 0.5 * step_s;
    if (!m_groundSet) {
        for (std::size_t p = 0; p < m_groundT.size(); ++p) {
            // One evaluation per burial depth and instant: BoundaryConditions keeps them.
            m_groundT[p] = m_helpers.groundTemperatureAt(p, middle);
        }
        m_groundSet = m_helpers.groundIsConstant(); // then once for the whole run
    }
    const std::size_t plants = m_scenario.plants.size();
    // 1. Plants fix their outlets from the water they saw arriving.
    std::vector<double>& outlet = m_outlet;
    std::vector<double>& drawn = m_drawn;
    outlet.resize(plants);
    drawn.assign(plants, 0.0);
    // Each plant's conditions at the step's middle, for both of its operations this step
    // (here with the inlet it saw, at the end with the mean inlet of the water that arrived).
    std::vector<SourceConditions>& conditions = m_plantConditions;
    conditions.resize(plants);
    const double outdoor_K = plants > 0 ? m_helpers.outdoorTemperature(middle) : 0.0;
    for (std::size_t q = 0; q < plants; ++q) {
        SourceConditions& c = conditions[q];
        c.time_s = middle;
        c.inletTemperature_K = m_plantInlet[q];
        c.massFlow_kg_s = std::max(0.0, m_flows.plant[q]);
        c.targetTemperature_K = m_helpers.plantSetPoint(q, middle);
        c.outdoorTemperature_K = outdoor_K;
        c.specificHeat_J_kgK = m_cp;
        PlantOperation& decided = m_decided; // scratch: its vectors keep their capacity
        PlantStorageState tank;
        operatePlant(m_helpers.orderedSources(q), c, decided, tankState(q, tank));
        outlet[q] = decided.outlet_K;
        m_plantStream[q].assign(1, {step_s, outlet[q]});
    }
    // 2–3. Supply layer; substations turn their supply into return streams.
    std::vector<double>& demand = m_demand;
    demand.resize(m_scenario.consumers.size());
    for (std::size_t c = 0; c < demand.size(); ++c) {
        demand[c] = m_helpers.meanDemand(c, t0_s, t0_s + step_s);
        m_energy[consumerDemandEnergy(c)] += demand[c] * step_s;
    }
    sweep(Layer::Supply, step_s, [&](std::size_t node, const std::vector<StreamSegment>& stream) {
        for (std::size_t c : m_network.consumersAt(node)) {
            const SubstationParameters& substation = m_helpers.substation(c);
            const double flow = m_flows.consumer[c];
            std::vector<StreamSegment>& out = m_consumerOut[c];
            out.resize(stream.size());
            double delivered = 0;
            for (std::size_t i = 0; i < stream.size(); ++i) {
                const StreamSegment& s = stream[i];
                const SubstationState state =
                    substationOperate(substation, demand[c], s.temperature_K, flow, m_cp);
                delivered += state.delivered_W * s.duration_s;
                out[i] = {s.duration_s, state.return_K};
            }
            m_energy[consumerDeliveredEnergy(c)] += delivered;
            mergeAlike(out, m_mergeTolerance_K);
            m_consumerReturn[c] = out.back().temperature_K;
        }
    });
    // 4. Return layer, down to the plants.
    sweep(Layer::Return, step_s, [&](std::size_t node, const std::vector<StreamSegment>& stream) {
        for (std::size_t q : m_network.plantsAt(node)) {
            drawn[q] = streamEnergy(std::max(0.0, m_flows.plant[q]), m_cp, stream);
            m_plantInlet[q] = stream.back().temperature_K;
        }
    });
    // The heat each plant added, shared among its sources as they share it for the water that
    // actually arrived (its mean temperature over the step).
    for (std::size_t q = 0; q < plants; ++q) {
        const double flow = std::max(0.0, m_flows.plant[q]);
        const double sent = flow * m_cp * step_s * (outlet[q] - zeroCelsius_K);
        const double heat_J = sent - drawn[q];
        const double meanInlet =
            flow > 0 ? zeroCelsius_K + drawn[q] / (flow * m_cp * step_s) : m_plantInlet[q];
        PlantOperation& op = m_plantOps[q];
        conditions[q].inletTemperature_K = meanInlet;
        PlantStorageState tank; // as it was at the step's start: it runs below
        operatePlant(m_helpers.orderedSources(q), conditions[q], op, tankState(q, tank));
        // A tank runs the step with this operation's plant side held (PlugFlowTank.h); what it
        // gave the plant water and took from the waste heat is booked, the sources give the rest.
        const TankStep stored =
            m_tanks[q] ? advanceTank(q, t0_s, step_s, heat_J, conditions[q], op) : TankStep{};
        bookPlantStep(q, step_s, heat_J - stored.discharge_J, stored.charge_J, op);
        op.outlet_K = outlet[q];
    }
}

PlugFlowNetwork::TankStep PlugFlowNetwork::advanceTank(std::size_t q, double t0_s, double step_s,
                                                       double waterHeat_J,
                                                       const SourceConditions& conditions,
                                                       const PlantOperation& op) {
    PlugFlowTank& tank = *m_tanks[q];
    // The operation heats the water that arrived by Σ (heat − charging) + discharge; the water
    // took waterHeat_J. The discharge gives at most its share of that, as the sources do (more,
    // if the water took more, falls to the sources: the tank's control sets its most).
    double planned = op.discharge_W;
    for (std::size_t j = 0; j < op.heat_W.size(); ++j) {
        planned += op.heat_W[j] - op.chargeHeat_W[j];
    }
    planned *= step_s;
    PlugFlowTank::PlantSide side;
    side.surplus_W = op.chargeSurplus_W;
    side.chargeInlet_K = op.chargeInlet_K;
    side.capacityRate_W_K = conditions.massFlow_kg_s * conditions.specificHeat_J_kgK;
    side.dischargeInlet_K = op.dischargeInlet_K;
    side.target_K = conditions.targetTemperature_K;
    side.dischargeScale = planned > 0 ? std::clamp(waterHeat_J / planned, 0.0, 1.0) : 0.0;
    const double charge0 = tank.integral(TankIntegral::Charge);
    const double discharge0 = tank.integral(TankIntegral::Discharge);
    const double loss0 = tank.integral(TankIntegral::Loss);
    tank.advance(t0_s, step_s, side);
    TankStep done;
    done.charge_J = tank.integral(TankIntegral::Charge) - charge0;
    done.discharge_J = tank.integral(TankIntegral::Discharge) - discharge0;
    m_energy[storageEnergy(q, TankIntegral::Charge)] += done.charge_J;
    m_energy[storageEnergy(q, TankIntegral::Discharge)] += done.discharge_J;
    m_energy[storageEnergy(q, TankIntegral::Loss)] += tank.integral(TankIntegral::Loss) - loss0;
    return done;
}

void PlugFlowNetwork::bookPlantStep(std::size_t q, double step_s, double waterHeat_J,
                                    double charge_J, const PlantOperation& op) {
    // The heat into the water is shared among the sources as `op` shares its water heat (the
    // sources' heat less what charges the tank); the charge, as `op` shares its charging heat.
    double shared = 0, charging = 0;
    for (std::size_t j = 0; j < op.heat_W.size(); ++j) {
        shared += (op.heat_W[j] - op.chargeHeat_W[j]) * step_s;
        charging += op.chargeHeat_W[j] * step_s;
    }
    const double scale = shared > 0 ? waterHeat_J / shared : 0.0;
    const double chargeScale = charging > 0 ? charge_J / charging : 0.0;
    const std::vector<std::size_t>& order = m_helpers.meritOrder(q);
    for (std::size_t j = 0; j < order.size(); ++j) {
        const auto integral = [&](SourceIntegral which) -> double& {
            return m_energy[sourceEnergy(q, order[j], which)];
        };
        const double chargeHeat = op.chargeHeat_W[j];
        const double water = op.heat_W[j] - chargeHeat;
        // Without charging this is `scale`, as the inputs were for the water's heat alone.
        const double inputScale =
            chargeHeat > 0 ? (water * scale + chargeHeat * chargeScale) / op.heat_W[j] : scale;
        integral(SourceIntegral::Heat) +=
            water * step_s * scale + chargeHeat * step_s * chargeScale;
        integral(SourceIntegral::Fuel) += op.inputs[j].fuel_W * step_s * inputScale;
        integral(SourceIntegral::Electricity) += op.inputs[j].electricity_W * step_s * inputScale;
        integral(SourceIntegral::WasteHeat) += op.inputs[j].wasteHeat_W * step_s * inputScale;
    }
    if (shared <= 0 && !order.empty()) {
        // No source ran for the water that arrived, yet the water sent differs from it by the
        // controller's lag: the first source in merit order answers for it.
        m_energy[sourceEnergy(q, order.front(), SourceIntegral::Heat)] += waterHeat_J;
    }
    if (charging <= 0 && charge_J != 0 && !order.empty()) {
        // The tank began to charge within the step (a discharge cooled its bottom below the
        // charge inlet; 0.16 % of the storage variant's charge): only waste heat charges it, so
        // the first waste-heat source in merit order answers for it.
        const auto sources = m_helpers.orderedSources(q);
        std::size_t j = 0;
        while (j + 1 < sources.size() && !sources[j]->isWasteHeat()) {
            ++j;
        }
        m_energy[sourceEnergy(q, order[j], SourceIntegral::Heat)] += charge_J; // (its inputs not)
    }
}

double PlugFlowNetwork::pipeInlet(Layer layer, std::size_t pipe) const {
    const double f = layerFlow(layer, pipe);
    return m_nodeT[layer][f >= 0 ? upstreamNode(layer, pipe) : downstreamNode(layer, pipe)];
}

double PlugFlowNetwork::pipeOutlet(Layer layer, std::size_t pipe) const {
    return m_pipes[layer][pipe].outletTemperature(layerFlow(layer, pipe));
}

void PlugFlowNetwork::pipeEndTemperatures(Layer layer, std::span<double> inlet_K,
                                          std::span<double> outlet_K) const {
    for (std::size_t p = 0; p < inlet_K.size(); ++p) {
        inlet_K[p] = pipeInlet(layer, p);
    }
    for (std::size_t p = 0; p < outlet_K.size(); ++p) {
        outlet_K[p] = pipeOutlet(layer, p);
    }
}

void PlugFlowNetwork::consumerSupplies(std::span<double> supply_K) const {
    for (std::size_t c = 0; c < supply_K.size(); ++c) {
        supply_K[c] = consumerSupply(c);
    }
}

void PlugFlowNetwork::plantInlets(std::span<double> inlet_K) const {
    for (std::size_t q = 0; q < inlet_K.size(); ++q) {
        inlet_K[q] = plantInlet(q);
    }
}

void PlugFlowNetwork::meanPipeTemperatures(Layer layer, std::span<double> mean_K) const {
    for (std::size_t p = 0; p < mean_K.size(); ++p) {
        mean_K[p] = m_pipes[layer][p].meanTemperature();
    }
}

double PlugFlowNetwork::consumerSupply(std::size_t c) const {
    return m_nodeT[Layer::Supply][m_network.consumerNode(c)];
}

double PlugFlowNetwork::storedHeat() const {
    double heat = 0;
    for (const auto& layer : m_pipes) {
        for (const PlugFlowPipe& pipe : layer) {
            heat += pipe.storedHeat();
        }
    }
    for (const auto& tank : m_tanks) {
        if (tank) {
            heat += tank->storedHeat();
        }
    }
    return heat;
}

IntegratorStatistics PlugFlowNetwork::tankIntegratorStatistics() const {
    IntegratorStatistics sum;
    for (const auto& tank : m_tanks) {
        if (tank) {
            sum += tank->statistics();
        }
    }
    return sum;
}

std::size_t PlugFlowNetwork::pieceCount() const {
    std::size_t n = 0;
    for (const auto& layer : m_pipes) {
        for (const PlugFlowPipe& pipe : layer) {
            n += pipe.pieceCount();
        }
    }
    return n;
}

} // namespace heatnet
