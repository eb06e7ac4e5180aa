#include "solver/network/WaterAge.h"

#include <algorithm>
#include <cmath>

namespace heatnet {

namespace {

constexpr double kStandingFlow_kg_s = 1e-9; //!< below this a pipe carries nothing [kg/s]

//! The node a pipe's flow enters and the node it leaves.
std::size_t downstreamOf(const Network& network, std::size_t pipe, double flow) {
    return flow > 0 ? network.pipeTo(pipe) : network.pipeFrom(pipe);
}
std::size_t upstreamOf(const Network& network, std::size_t pipe, double flow) {
    return flow > 0 ? network.pipeFrom(pipe) : network.pipeTo(pipe);
}

} // namespace

std::vector<double> supplyWaterAge(const Network& network, std::span<const double> pipeWater_kg,
                                   std::span<const double> pipeFlow_kg_s,
                                   std::span<const double> plantFlow_kg_s, double stagnant_s) {
    const std::size_t nodes = network.nodeCount();
    std::vector<int> inflows(nodes, 0);
    for (std::size_t p = 0; p < network.pipeCount(); ++p) {
        if (std::abs(pipeFlow_kg_s[p]) > kStandingFlow_kg_s) {
            ++inflows[downstreamOf(network, p, pipeFlow_kg_s[p])];
        }
    }
    // Σ |ṁ| age + M and Σ |ṁ| of what entered each node so far.
    std::vector<double> weighted(nodes, 0.0), entered(nodes, 0.0);
    for (std::size_t q = 0; q < plantFlow_kg_s.size(); ++q) {
        entered[network.plantNode(q)] += std::max(0.0, plantFlow_kg_s[q]);
    }
    std::vector<double> age(nodes, stagnant_s);
    std::vector<std::size_t> ready;
    for (std::size_t n = 0; n < nodes; ++n) {
        if (inflows[n] == 0) {
            ready.push_back(n);
        }
    }
    while (!ready.empty()) {
        const std::size_t n = ready.back();
        ready.pop_back();
        if (entered[n] > kStandingFlow_kg_s) {
            age[n] = weighted[n] / entered[n];
        }
        for (std::size_t p : network.pipesAt(n)) {
            const double flow = pipeFlow_kg_s[p];
            if (std::abs(flow) <= kStandingFlow_kg_s || upstreamOf(network, p, flow) != n) {
                continue;
            }
            const std::size_t next = downstreamOf(network, p, flow);
            if (age[n] < stagnant_s) {
                weighted[next] += std::abs(flow) * age[n] + pipeWater_kg[p];
                entered[next] += std::abs(flow);
            }
            if (--inflows[next] == 0) {
                ready.push_back(next);
            }
        }
    }
    for (double& a : age) {
        a = std::min(a, stagnant_s);
    }
    return age;
}

} // namespace heatnet
