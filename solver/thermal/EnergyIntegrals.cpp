#include "solver/thermal/EnergyIntegrals.h"

#include <algorithm>

namespace heatnet {

namespace {
constexpr double integralTolerance_J = 1e9; // energies do not control the step size
} // namespace

void EnergyIntegrals::addOwner(const std::string& owner,
                               const std::vector<StateQuantity>& integrals, StateLayout& layout) {
    m_blocks.push_back(layout.add(owner, integrals).all());
}

void EnergyIntegrals::initialState(const InitialTemperatures& initial, std::span<double> y) const {
    (void)initial;
    for (const StateRange& block : m_blocks) {
        const auto states = block.of(y);
        std::fill(states.begin(), states.end(), 0.0);
    }
}

void EnergyIntegrals::absoluteTolerances(double temperature_K, std::span<double> absTol) const {
    (void)temperature_K;
    for (const StateRange& block : m_blocks) {
        const auto states = block.of(absTol);
        std::fill(states.begin(), states.end(), integralTolerance_J);
    }
}

std::size_t PipeLossIntegrals::add(const PipeLayer& pipe, const std::string& owner,
                                   StateLayout& layout) {
    addOwner(owner, {{"heat loss integral", 1}}, layout);
    m_pipes.push_back(&pipe);
    return m_pipes.size() - 1;
}

void PipeLossIntegrals::rhs(const ThermalContext& context, std::span<const double> y,
                            std::span<double> dydt) {
    (void)context;
    (void)y;
    for (std::size_t i = 0; i < m_pipes.size(); ++i) {
        dydt[m_blocks[i].first()] = m_pipes[i]->lossRate(); // set by the pipe, earlier
    }
}

void PipeLossIntegrals::jacobianPattern(const NodeDependencies& nodes,
                                        std::vector<std::vector<std::size_t>>& rows) const {
    (void)nodes;
    for (std::size_t i = 0; i < m_pipes.size(); ++i) {
        const StateRange losing = m_pipes[i]->lossStates();
        auto& row = rows[m_blocks[i].first()];
        for (std::size_t j = 0; j < losing.count(); ++j) {
            row.push_back(losing.at(j));
        }
    }
}

void SubstationIntegrals::add(std::size_t node, const std::string& owner, StateLayout& layout) {
    addOwner(owner, {{"delivered heat integral", 1}, {"demand integral", 1}}, layout);
    m_nodes.push_back(node);
}

void SubstationIntegrals::rhs(const ThermalContext& context, std::span<const double> y,
                              std::span<double> dydt) {
    (void)y;
    for (std::size_t c = 0; c < m_nodes.size(); ++c) {
        dydt[m_blocks[c].at(SubstationIntegral::Delivered)] = context.consumerDelivered_W[c];
        dydt[m_blocks[c].at(SubstationIntegral::Demand)] = context.consumerDemand_W[c];
    }
}

void SubstationIntegrals::jacobianPattern(const NodeDependencies& nodes,
                                          std::vector<std::vector<std::size_t>>& rows) const {
    // The delivered heat follows the supply reaching the node; the demand depends on no state.
    for (std::size_t c = 0; c < m_nodes.size(); ++c) {
        rows[m_blocks[c].at(SubstationIntegral::Delivered)] =
            nodes.at(NetworkLayer::Supply, m_nodes[c]);
    }
}

SourceIntegrals::SourceIntegrals(std::size_t plant, std::size_t meritRank, const std::string& owner,
                                 StateLayout& layout)
    : m_plant(plant), m_rank(meritRank) {
    addOwner(owner,
             {{"heat integral", 1},
              {"fuel integral", 1},
              {"electricity integral", 1},
              {"waste heat integral", 1}},
             layout);
}

void SourceIntegrals::rhs(const ThermalContext& context, std::span<const double> y,
                          std::span<double> dydt) {
    (void)y;
    const PlantOperation& op = context.plantOperation[m_plant];
    const StateRange& e = m_blocks.front();
    dydt[e.at(SourceIntegral::Heat)] = op.heat_W[m_rank];
    dydt[e.at(SourceIntegral::Fuel)] = op.inputs[m_rank].fuel_W;
    dydt[e.at(SourceIntegral::Electricity)] = op.inputs[m_rank].electricity_W;
    dydt[e.at(SourceIntegral::WasteHeat)] = op.inputs[m_rank].wasteHeat_W;
}

void SourceIntegrals::jacobianPattern(const NodeDependencies& nodes,
                                      std::vector<std::vector<std::size_t>>& rows) const {
    // A source (its charging share too) depends on the plant's inlet and, with a tank, on the
    // tank's top and bottom layers: the plant's inputs.
    const StateRange& e = m_blocks.front();
    for (std::size_t i = 0; i < e.count(); ++i) {
        rows[e.at(i)] = nodes.ofPlant[m_plant];
    }
}

} // namespace heatnet
