#include "solver/thermal/FiniteVolumePipeLayer.h"

#include <algorithm>

namespace heatnet {

namespace {
constexpr double celsiusZero_K = 273.15;
} // namespace

FiniteVolumePipeLayer::FiniteVolumePipeLayer(const PipeModel& model, const PipeLayerPlace& place,
                                             const std::string& owner, StateLayout& layout,
                                             StateLayout& coefficients)
    : PipeLayer(place), m_model(model) {
    const auto cells = static_cast<std::size_t>(model.cells());
    std::vector<StateQuantity> quantities{{"T", cells}};
    if (model.hasWall()) {
        quantities.push_back({"T_wall", cells});
        m_conductance = coefficients.add(owner, {{"G_wall", cells}}).all();
    }
    m_states = layout.add(owner, quantities);
    m_water = m_states.quantity(Water);
    if (model.hasWall()) {
        m_wall = m_states.quantity(Wall);
    }
}

void FiniteVolumePipeLayer::initialState(const InitialTemperatures& initial,
                                         std::span<double> y) const {
    const auto states = m_states.all().of(y);
    std::fill(states.begin(), states.end(),
              place().layer == NetworkLayer::Supply ? initial.supply_K : initial.return_K);
}

void FiniteVolumePipeLayer::rhs(const ThermalContext& context, std::span<const double> y,
                                std::span<double> dydt) {
    const PipeLayerPlace& at = place();
    PipeConditions c;
    c.massFlow_kg_s = context.flow_kg_s[at.layer][at.pipe];
    c.inletTemperature_K =
        context.nodeTemperature_K[at.layer]
                                 [c.massFlow_kg_s >= 0 ? at.upstreamNode : at.downstreamNode];
    c.groundTemperature_K = context.groundTemperature_K[at.pipe];
    if (m_model.hasWall()) {
        c.cellWallConductance_W_K = m_conductance.of(context.wallConductance_W_K);
    }
    m_lossRate_W = m_model.rhs(c, m_states.all().of(y), m_states.all().of(dydt));
}

void FiniteVolumePipeLayer::jacobianPattern(const NodeDependencies& nodes,
                                            std::vector<std::vector<std::size_t>>& rows) const {
    // Upwind-biased faces reach two cells either way; each water cell exchanges with its wall
    // cell; cells near either end see the node there (the flow may run either way).
    const auto n = m_water.count();
    const auto& inlet = nodes.at(place().layer, place().upstreamNode);
    const auto& outlet = nodes.at(place().layer, place().downstreamNode);
    for (std::size_t i = 0; i < n; ++i) {
        auto& row = rows[m_water.at(i)];
        for (std::size_t j = i < 2 ? 0 : i - 2; j <= std::min(n - 1, i + 2); ++j) {
            row.push_back(m_water.at(j));
        }
        if (!m_wall.empty()) {
            row.push_back(m_wall.at(i));
            rows[m_wall.at(i)] = {m_water.at(i), m_wall.at(i)};
        }
        if (i < 2) {
            row.insert(row.end(), inlet.begin(), inlet.end());
        }
        if (i + 2 >= n) {
            row.insert(row.end(), outlet.begin(), outlet.end());
        }
    }
}

void FiniteVolumePipeLayer::absoluteTolerances(double temperature_K,
                                               std::span<double> absTol) const {
    const auto states = m_states.all().of(absTol);
    std::fill(states.begin(), states.end(), temperature_K);
}

double FiniteVolumePipeLayer::addStoredHeat(std::span<const double> y, double heat) const {
    for (std::size_t i = 0; i < m_water.count(); ++i) {
        heat += m_model.cellCapacity() * (y[m_water.at(i)] - celsiusZero_K);
        if (!m_wall.empty()) {
            heat += m_model.wallCellCapacity() * (y[m_wall.at(i)] - celsiusZero_K);
        }
    }
    return heat;
}

double FiniteVolumePipeLayer::outletTemperature(std::span<const double> y,
                                                double massFlow_kg_s) const {
    return m_model.outletTemperature(m_water.of(y), massFlow_kg_s);
}

std::size_t FiniteVolumePipeLayer::endState(std::size_t node) const {
    return node == place().upstreamNode ? m_water.first() : m_water.last();
}

double FiniteVolumePipeLayer::meanTemperature(std::span<const double> y) const {
    double sum = 0;
    for (const double t : m_water.of(y)) {
        sum += t;
    }
    return sum / m_model.cells();
}

StateRange FiniteVolumePipeLayer::lossStates() const {
    return m_wall.empty() ? m_water : m_wall;
}

void FiniteVolumePipeLayer::scheduleCoefficients(double massFlow_kg_s, std::span<const double> y,
                                                 std::span<double> coefficients) const {
    if (m_model.hasWall()) {
        m_model.cellWallConductances(massFlow_kg_s, m_states.all().of(y),
                                     m_conductance.of(coefficients));
    }
}

} // namespace heatnet
