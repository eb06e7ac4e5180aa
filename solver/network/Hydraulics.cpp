#include "solver/network/Hydraulics.h"

#include "models/Friction.h"
#include "models/Water.h"
#include "solver/Error.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include <omp.h>

namespace heatnet {

namespace {

//! body(p) for each pipe p < count: on the OpenMP team if `parallel` and a team of more than one
//! thread can start here, else in a plain loop (a region of one thread still costs a team set-up
//! per call; inside a region that already uses the allowed levels — `heatnet run` with several
//! scenarios, `heatnet sweep` — it would get one thread, as PlugFlowNetwork's sweep does). The
//! body must touch pipe p's own entries only, so the result does not depend on which thread
//! takes which pipe.
template <typename Body> void forEachPipe(bool parallel, std::size_t count, const Body& body) {
    if (parallel && omp_get_max_threads() > 1 &&
        omp_get_active_level() < omp_get_max_active_levels()) {
        const auto n = static_cast<std::ptrdiff_t>(count);
#pragma omp parallel for schedule(static)
        for (std::ptrdiff_t p = 0; p < n; ++p) {
            body(static_cast<std::size_t>(p));
        }
        return;
    }
    for (std::size_t p = 0; p < count; ++p) {
        body(p);
    }
}

} // namespace

Hydraulics::Hydraulics(const Network& network, const Scenario& scenario)
    : m_network(network), m_scenario(scenario), m_parallel(network.pipeCount() >= kParallelPipes) {
    const std::size_t pipes = network.pipeCount();
    for (const PipeSpec& spec : scenario.pipes) {
        m_geometry.push_back(
            friction::pipeGeometry(spec.length_m, spec.innerDiameter_m, spec.roughness_m));
    }
    for (LayerWater* water : {&m_supply, &m_return}) {
        water->temperature_K.assign(pipes, std::numeric_limits<double>::quiet_NaN());
        water->density_kg_m3.assign(pipes, 0.0);
        water->law.assign(pipes, {});
        water->starts.assign(pipes, {});
    }
    const auto& order = network.treeOrder();
    for (std::size_t k = 1; k < order.size(); ++k) {
        const std::size_t node = order[k], parent = network.treeParent(node);
        const std::size_t pipe = network.treeParentPipe(node);
        m_treeEdges.push_back(
            {node, parent, pipe,
             scenario.nodes[node].elevation_m - scenario.nodes[parent].elevation_m,
             network.pipeTo(pipe) == node, network.pipeFrom(pipe) == node});
    }
    // Fundamental loop of each chord a→b: the chord, then the tree path from b back to a.
    for (std::size_t chord : network.chordPipes()) {
        const std::size_t a = network.pipeFrom(chord), b = network.pipeTo(chord);
        std::vector<std::pair<std::size_t, int>> loop{{chord, +1}};
        // Paths from b and a up to the root; the loop runs b → lca → a.
        auto pathToRoot = [&](std::size_t node) {
            std::vector<std::size_t> path{node};
            while (network.treeParent(path.back()) != Network::npos) {
                path.push_back(network.treeParent(path.back()));
            }
            return path;
        };
        std::vector<std::size_t> fromB = pathToRoot(b), fromA = pathToRoot(a);
        while (fromB.size() > 1 && fromA.size() > 1 &&
               fromB[fromB.size() - 2] == fromA[fromA.size() - 2]) {
            fromB.pop_back();
            fromA.pop_back();
        }
        // b up to the common ancestor: moving child → parent.
        for (std::size_t k = 0; k + 1 < fromB.size(); ++k) {
            const std::size_t child = fromB[k];
            const std::size_t pipe = network.treeParentPipe(child);
            loop.push_back({pipe, network.pipeFrom(pipe) == child ? +1 : -1});
        }
        // common ancestor down to a: moving parent → child.
        for (std::size_t k = fromA.size() - 1; k-- > 0;) {
            const std::size_t child = fromA[k];
            const std::size_t pipe = network.treeParentPipe(child);
            loop.push_back({pipe, network.pipeTo(pipe) == child ? +1 : -1});
        }
        m_loops.push_back(std::move(loop));
    }
    m_loopsOfPipe.resize(network.pipeCount());
    for (std::size_t c = 0; c < m_loops.size(); ++c) {
        for (auto [pipe, sign] : m_loops[c]) {
            m_loopsOfPipe[pipe].push_back({c, sign});
        }
    }
}

void Hydraulics::evaluateWater(std::size_t p, double temperature, LayerWater& water) const {
    const water::HydraulicProperties properties = water::hydraulicProperties(temperature);
    water.temperature_K[p] = temperature;
    water.density_kg_m3[p] = properties.density_kg_m3;
    water.law[p] =
        friction::flowLaw(m_geometry[p], properties.density_kg_m3, properties.viscosity_Pa_s);
}

void Hydraulics::updateWater(std::span<const double> supplyTemperature,
                             std::span<const double> returnTemperature) const {
    forEachPipe(m_parallel && m_threadsAllowed, supplyTemperature.size(), [&](std::size_t p) {
        refreshWater(p, supplyTemperature[p], m_supply);
        refreshWater(p, returnTemperature[p], m_return);
    });
}

void Hydraulics::frictionDrops(std::size_t p, HydraulicState& state) const {
    state.supplyPressureDrop_Pa[p] = std::abs(
        friction::pressureDrop(state.pipeFlow_kg_s[p], m_supply.law[p], m_supply.starts[p]));
    state.returnPressureDrop_Pa[p] = std::abs(
        friction::pressureDrop(state.returnFlow_kg_s[p], m_return.law[p], m_return.starts[p]));
}

int Hydraulics::balanceLoops(std::vector<double>& flow, LayerWater& water, double scale) const {
    const std::size_t loops = m_loops.size();
    if (loops == 0) {
        return 0;
    }
    NewtonScratch& n = m_newton;
    n.base.assign(flow.begin(), flow.end());
    n.q.assign(loops, 0.0);
    n.residual.assign(loops, 0.0);
    n.jacobian.assign(loops * loops, 0.0);
    n.step.assign(loops, 0.0);
    std::vector<double>& q = n.q;
    std::vector<double>& residual = n.residual;
    std::vector<double>& jacobian = n.jacobian;
    auto applyLoops = [&] {
        std::copy(n.base.begin(), n.base.end(), flow.begin());
        for (std::size_t c = 0; c < loops; ++c) {
            for (auto [pipe, sign] : m_loops[c]) {
                flow[pipe] += sign * q[c];
            }
        }
    };
    // Newton on the chord flows (dense: loops are few in district networks).
    for (int iteration = 0; iteration < 50; ++iteration) {
        applyLoops();
        std::fill(jacobian.begin(), jacobian.end(), 0.0);
        double worst = 0;
        for (std::size_t c = 0; c < loops; ++c) {
            residual[c] = 0;
            for (auto [pipe, sign] : m_loops[c]) {
                residual[c] +=
                    sign * friction::pressureDrop(flow[pipe], water.law[pipe], water.starts[pipe]);
            }
            worst = std::max(worst, std::abs(residual[c]));
        }
        if (worst < 1e-6) { // [Pa]: loops balanced
            return iteration + 1;
        }
        // d residual_c / d q_d = Σ_p s_pc s_pd Δp'_p, over the loops d through each pipe p of c
        for (std::size_t c = 0; c < loops; ++c) {
            for (auto [pipe, sign] : m_loops[c]) {
                const double slope = friction::pressureDropDerivative(flow[pipe], water.law[pipe],
                                                                      water.starts[pipe]);
                for (auto [d, otherSign] : m_loopsOfPipe[pipe]) {
                    jacobian[c * loops + d] += sign * otherSign * slope;
                }
            }
        }
        // Gaussian elimination with partial pivoting: J δ = −r.
        std::vector<double>& a = jacobian;
        std::vector<double>& b = n.step;
        for (std::size_t c = 0; c < loops; ++c) {
            b[c] = -residual[c];
        }
        for (std::size_t col = 0; col < loops; ++col) {
            std::size_t pivot = col;
            for (std::size_t r = col + 1; r < loops; ++r) {
                if (std::abs(a[r * loops + col]) > std::abs(a[pivot * loops + col])) {
                    pivot = r;
                }
            }
            if (a[pivot * loops + col] == 0.0) {
                throw SolverError("hydraulics: singular loop Jacobian");
            }
            if (pivot != col) {
                for (std::size_t k = 0; k < loops; ++k) {
                    std::swap(a[pivot * loops + k], a[col * loops + k]);
                }
                std::swap(b[pivot], b[col]);
            }
            for (std::size_t r = col + 1; r < loops; ++r) {
                const double factor = a[r * loops + col] / a[col * loops + col];
                for (std::size_t k = col; k < loops; ++k) {
                    a[r * loops + k] -= factor * a[col * loops + k];
                }
                b[r] -= factor * b[col];
            }
        }
        for (std::size_t col = loops; col-- > 0;) {
            double sum = b[col];
            for (std::size_t k = col + 1; k < loops; ++k) {
                sum -= a[col * loops + k] * b[k];
            }
            b[col] = sum / a[col * loops + col];
        }
        double largestStep = 0;
        for (std::size_t c = 0; c < loops; ++c) {
            q[c] += b[c];
            largestStep = std::max(largestStep, std::abs(b[c]));
        }
        if (largestStep < 1e-12 * scale) {
            applyLoops();
            return iteration + 1;
        }
    }
    throw SolverError(fmt::format(
        "hydraulics: Newton on {} loop flows did not converge in 50 iterations", loops));
}

HydraulicState Hydraulics::solve(std::span<const double> consumerFlow,
                                 std::span<const double> plantFlow,
                                 std::span<const double> supplyTemperature,
                                 std::span<const double> returnTemperature) const {
    HydraulicState state;
    solve(consumerFlow, plantFlow, supplyTemperature, returnTemperature, state);
    return state;
}

void Hydraulics::solve(std::span<const double> consumerFlow, std::span<const double> plantFlow,
                       std::span<const double> supplyTemperature,
                       std::span<const double> returnTemperature, HydraulicState& state) const {
    solveFlows(consumerFlow, plantFlow, supplyTemperature, returnTemperature, state);
    solvePressures(supplyTemperature, returnTemperature, state);
}

void Hydraulics::solveFlows(std::span<const double> consumerFlow, std::span<const double> plantFlow,
                            std::span<const double> supplyTemperature,
                            std::span<const double> returnTemperature,
                            HydraulicState& state) const {
    const Network& net = m_network;
    const std::size_t nodes = net.nodeCount(), pipes = net.pipeCount();
    const std::size_t slackPlant = net.slackPlant();
    state.plantFlow_kg_s.assign(plantFlow.begin(), plantFlow.end());
    state.worstConsumer = 0;

    // Net withdrawal from the supply layer at each node [kg/s]; the return layer receives it.
    std::vector<double>& withdrawal = m_scratch.withdrawal;
    withdrawal.assign(nodes, 0.0);
    double total = 0;
    for (std::size_t c = 0; c < consumerFlow.size(); ++c) {
        withdrawal[net.consumerNode(c)] += consumerFlow[c];
        total += consumerFlow[c];
    }
    for (std::size_t q = 0; q < plantFlow.size(); ++q) {
        if (q != slackPlant) {
            withdrawal[net.plantNode(q)] -= plantFlow[q];
            total -= plantFlow[q];
        }
    }
    state.plantFlow_kg_s[slackPlant] = total;
    withdrawal[net.plantNode(slackPlant)] -= total;

    // Tree flows with zero chord flows: each tree pipe carries its subtree's withdrawal.
    std::vector<double>& base = m_scratch.base;
    std::vector<double>& subtree = m_scratch.subtree;
    base.assign(pipes, 0.0);
    subtree.assign(withdrawal.begin(), withdrawal.end());
    for (std::size_t k = m_treeEdges.size(); k-- > 0;) {
        const TreeEdge& e = m_treeEdges[k];
        const double towardNode = subtree[e.node];
        base[e.pipe] = e.nodeIsTo ? towardNode : -towardNode;
        subtree[e.parent] += subtree[e.node];
    }
    double scale = 1.0;
    for (std::size_t c = 0; c < consumerFlow.size(); ++c) {
        scale = std::max(scale, std::abs(consumerFlow[c]));
    }
    state.pipeFlow_kg_s.assign(base.begin(), base.end());
    state.supplyPressureDrop_Pa.resize(pipes);
    state.returnPressureDrop_Pa.resize(pipes);
    if (m_loops.empty()) {
        // A tree: mass balance gives both layers' flows (the return's, + to → from, are the
        // supply's), so each pipe's water and drops take one pass (one parallel region).
        // Their water and drops are solvePressures' work (which may run on another thread).
        state.returnFlow_kg_s.assign(base.begin(), base.end());
        state.newtonIterations = 0;
    } else {
        // Supply layer: the tree flows, then its loops at the supply water's properties.
        updateWater(supplyTemperature, returnTemperature);
        state.newtonIterations = balanceLoops(state.pipeFlow_kg_s, m_supply, scale);
        // Return layer: the same tree flows reversed (+ from → to while solving), then its own
        // loops at the return water's properties; stored + to → from.
        std::vector<double>& returnFromTo = m_scratch.returnFromTo;
        returnFromTo.resize(pipes);
        for (std::size_t p = 0; p < pipes; ++p) {
            returnFromTo[p] = -base[p];
        }
        state.newtonIterations += balanceLoops(returnFromTo, m_return, scale);
        state.returnFlow_kg_s.resize(pipes);
        for (std::size_t p = 0; p < pipes; ++p) {
            state.returnFlow_kg_s[p] = -returnFromTo[p];
        }
        // Each pipe's drop at its final flow (the loop pipes' roots are those of Newton's last
        // residual, reused as they are: same Re).
        forEachPipe(m_parallel && m_threadsAllowed, pipes,
                    [&](std::size_t p) { frictionDrops(p, state); });
    }
}

void Hydraulics::solvePressures(std::span<const double> supplyTemperature,
                                std::span<const double> returnTemperature,
                                HydraulicState& state) const {
    const Network& net = m_network;
    const std::size_t nodes = net.nodeCount(), pipes = net.pipeCount();
    const std::size_t slackPlant = net.slackPlant();
    if (m_loops.empty()) {
        // A tree: each pipe's water and drops take one pass (one parallel region); in a meshed
        // network solveFlows has evaluated both, its loops needing them.
        state.supplyPressureDrop_Pa.resize(pipes);
        state.returnPressureDrop_Pa.resize(pipes);
        forEachPipe(m_parallel && m_threadsAllowed, pipes, [&](std::size_t p) {
            refreshWater(p, supplyTemperature[p], m_supply);
            refreshWater(p, returnTemperature[p], m_return);
            frictionDrops(p, state);
        });
    }

    // Nodal pressures along the tree from the pressure plant with no head yet (equations in the
    // header); both layers start at the static pressure.
    const PlantSpec& slack = m_scenario.plants[slackPlant];
    constexpr double gravity_m_s2 = 9.80665;
    const std::size_t root = net.treeOrder().front();
    state.supplyPressure_Pa.assign(nodes, 0.0);
    state.returnPressure_Pa.assign(nodes, 0.0);
    state.returnPressure_Pa[root] = slack.staticPressure_Pa;
    state.supplyPressure_Pa[root] = slack.staticPressure_Pa;
    for (const TreeEdge& e : m_treeEdges) {
        const std::size_t pipe = e.pipe;
        // Supply water flows toward the node if it runs from → to into it; return water (+ to →
        // from) if it runs to → from into it.
        const bool supplyTowardNode = e.nodeIsTo == (state.pipeFlow_kg_s[pipe] >= 0);
        const bool returnTowardNode = e.nodeIsFrom == (state.returnFlow_kg_s[pipe] >= 0);
        const double supplyStatic = m_supply.density_kg_m3[pipe] * gravity_m_s2 * e.rise_m;
        const double returnStatic = m_return.density_kg_m3[pipe] * gravity_m_s2 * e.rise_m;
        const double supplyDrop = state.supplyPressureDrop_Pa[pipe];
        const double returnDrop = state.returnPressureDrop_Pa[pipe];
        state.supplyPressure_Pa[e.node] = state.supplyPressure_Pa[e.parent] - supplyStatic +
                                          (supplyTowardNode ? -supplyDrop : supplyDrop);
        state.returnPressure_Pa[e.node] = state.returnPressure_Pa[e.parent] - returnStatic +
                                          (returnTowardNode ? -returnDrop : returnDrop);
    }
    // The head that leaves the worst-placed substation exactly the set differential pressure.
    double worstDeficit = 0;
    for (std::size_t c = 0; c < m_scenario.consumers.size(); ++c) {
        const std::size_t node = net.consumerNode(c);
        const double deficit = state.returnPressure_Pa[node] - state.supplyPressure_Pa[node];
        if (c == 0 || deficit > worstDeficit) {
            worstDeficit = deficit;
            state.worstConsumer = c;
        }
    }
    state.pumpHead_Pa = std::max(0.0, worstDeficit) + slack.differentialPressure_Pa;
    for (double& p : state.supplyPressure_Pa) {
        p += state.pumpHead_Pa;
    }

    // Each plant's pump lifts its flow from its return node to its supply node (ρ of the return
    // water at the first pipe: the cache holds water::density of that very temperature).
    const double density =
        returnTemperature.empty() ? water::density(323.15) : m_return.density_kg_m3[0];
    state.plantHead_Pa.assign(state.plantFlow_kg_s.size(), 0.0);
    state.pumpPower_W = 0;
    for (std::size_t q = 0; q < state.plantFlow_kg_s.size(); ++q) {
        const std::size_t node = net.plantNode(q);
        state.plantHead_Pa[q] =
            q == slackPlant
                ? state.pumpHead_Pa
                : std::max(0.0, state.supplyPressure_Pa[node] - state.returnPressure_Pa[node]);
        state.pumpPower_W += std::abs(state.plantFlow_kg_s[q]) * state.plantHead_Pa[q] /
                             (density * m_scenario.plants[q].pumpEfficiency);
    }
}

} // namespace heatnet
