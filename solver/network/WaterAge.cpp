#include "solver/network/WaterAge.h"

#include <algorithm>
#include <cmath>

namespace heatnet {

namespace {

constexpr double kStandingFlow_kg_s = 1e-9; //!< below this a pipe carries nothing [kg/s]

//! +1 from → to, −1 to → from, 0 standing.
signed char directionOf(double flow_kg_s) {
    if (std::abs(flow_kg_s) <= kStandingFlow_kg_s) {
        return 0;
    }
    return flow_kg_s > 0 ? 1 : -1;
}

} // namespace

SupplyWaterAge::SupplyWaterAge(const Network& network)
    : m_network(network), m_direction(network.pipeCount(), 0) {}

void SupplyWaterAge::buildOrder() {
    const Network& network = m_network;
    const std::size_t nodes = network.nodeCount();
    auto downstreamOf = [&](std::size_t pipe) {
        return m_direction[pipe] > 0 ? network.pipeTo(pipe) : network.pipeFrom(pipe);
    };
    auto upstreamOf = [&](std::size_t pipe) {
        return m_direction[pipe] > 0 ? network.pipeFrom(pipe) : network.pipeTo(pipe);
    };
    m_inflows.assign(nodes, 0);
    for (std::size_t p = 0; p < network.pipeCount(); ++p) {
        if (m_direction[p] != 0) {
            ++m_inflows[downstreamOf(p)];
        }
    }
    m_ready.clear();
    for (std::size_t n = 0; n < nodes; ++n) {
        if (m_inflows[n] == 0) {
            m_ready.push_back(n);
        }
    }
    m_order.clear();
    m_outStart.assign(1, 0);
    m_outPipes.clear();
    m_outNext.clear();
    while (!m_ready.empty()) {
        const std::size_t n = m_ready.back();
        m_ready.pop_back();
        m_order.push_back(n);
        for (std::size_t p : network.pipesAt(n)) {
            if (m_direction[p] == 0 || upstreamOf(p) != n) {
                continue;
            }
            const std::size_t next = downstreamOf(p);
            m_outPipes.push_back(p);
            m_outNext.push_back(next);
            if (--m_inflows[next] == 0) {
                m_ready.push_back(next);
            }
        }
        m_outStart.push_back(m_outPipes.size());
    }
    m_ordered = true;
}

std::span<const double> SupplyWaterAge::ages(std::span<const double> pipeWater_kg,
                                             std::span<const double> pipeFlow_kg_s,
                                             std::span<const double> plantFlow_kg_s,
                                             double stagnant_s) {
    bool changed = !m_ordered;
    for (std::size_t p = 0; p < m_direction.size(); ++p) {
        const signed char direction = directionOf(pipeFlow_kg_s[p]);
        changed = changed || direction != m_direction[p];
        m_direction[p] = direction;
    }
    if (changed) {
        buildOrder();
    }
    const std::size_t nodes = m_network.nodeCount();
    m_weighted.assign(nodes, 0.0);
    m_entered.assign(nodes, 0.0);
    m_age.assign(nodes, stagnant_s);
    for (std::size_t q = 0; q < plantFlow_kg_s.size(); ++q) {
        m_entered[m_network.plantNode(q)] += std::max(0.0, plantFlow_kg_s[q]);
    }
    for (std::size_t k = 0; k < m_order.size(); ++k) {
        const std::size_t n = m_order[k];
        if (m_entered[n] > kStandingFlow_kg_s) {
            m_age[n] = m_weighted[n] / m_entered[n];
        }
        if (!(m_age[n] < stagnant_s)) {
            continue; // standing water passes no age on
        }
        for (std::size_t i = m_outStart[k]; i < m_outStart[k + 1]; ++i) {
            const std::size_t p = m_outPipes[i];
            const double flow = std::abs(pipeFlow_kg_s[p]);
            m_weighted[m_outNext[i]] += flow * m_age[n] + pipeWater_kg[p];
            m_entered[m_outNext[i]] += flow;
        }
    }
    for (double& a : m_age) {
        a = std::min(a, stagnant_s);
    }
    return m_age;
}

} // namespace heatnet
