#include "solver/thermal/StorageTankLayers.h"

#include <algorithm>

namespace heatnet {

namespace {
constexpr double integralTolerance_J = 1e9; // energies do not control the step size
} // namespace

StorageTankLayers::StorageTankLayers(const StratifiedStorage& tank, std::size_t plant,
                                     const std::string& owner, StateLayout& layout)
    : m_tank(tank), m_plant(plant) {
    const StateBlock block = layout.add(owner, {{"T", static_cast<std::size_t>(tank.layers())},
                                                {"charge integral", 1},
                                                {"discharge integral", 1},
                                                {"heat loss integral", 1}});
    m_layers = block.quantity(0);
    m_integrals = block.quantities(1, 3); // charge, discharge, loss: as TankIntegral
}

void StorageTankLayers::initialState(const InitialTemperatures& initial,
                                     std::span<double> y) const {
    (void)initial; // a tank starts from its own initial state of charge
    const std::vector<double> layers = m_tank.initialTemperatures();
    std::copy(layers.begin(), layers.end(), m_layers.of(y).begin());
    const auto integrals = m_integrals.of(y);
    std::fill(integrals.begin(), integrals.end(), 0.0);
}

void StorageTankLayers::rhs(const ThermalContext& context, std::span<const double> y,
                            std::span<double> dydt) {
    const PlantOperation& op = context.plantOperation[m_plant];
    m_lossRate_W = m_tank.rhs(m_layers.of(y), op.chargeFlow_kg_s, op.chargeInlet_K,
                              op.dischargeFlow_kg_s, op.dischargeInlet_K, m_layers.of(dydt));
    dydt[m_integrals.at(TankIntegral::Charge)] = op.charge_W;
    dydt[m_integrals.at(TankIntegral::Discharge)] = op.discharge_W;
    dydt[m_integrals.at(TankIntegral::Loss)] = m_lossRate_W;
}

void StorageTankLayers::jacobianPattern(const NodeDependencies& nodes,
                                        std::vector<std::vector<std::size_t>>& rows) const {
    // Layers: upwind neighbours both ways, the top and bottom layers (they set the charge and
    // discharge flows) and whatever the plant's inputs depend on (the discharge inlet and the
    // surplus of the waste-heat sources). The charge and discharge integrals depend on the
    // plant's inputs (which include the top and bottom layers); the loss on every layer.
    const std::size_t n = m_layers.count();
    const auto& inputs = nodes.ofPlant[m_plant];
    for (std::size_t i = 0; i < n; ++i) {
        auto& row = rows[m_layers.at(i)];
        for (std::size_t j = i < 1 ? 0 : i - 1; j <= std::min(n - 1, i + 1); ++j) {
            row.push_back(m_layers.at(j));
        }
        row.push_back(m_layers.first());
        row.push_back(m_layers.last());
        row.insert(row.end(), inputs.begin(), inputs.end());
    }
    rows[m_integrals.at(TankIntegral::Charge)] = inputs;
    rows[m_integrals.at(TankIntegral::Discharge)] = inputs;
    for (std::size_t i = 0; i < n; ++i) {
        rows[m_integrals.at(TankIntegral::Loss)].push_back(m_layers.at(i));
    }
}

void StorageTankLayers::absoluteTolerances(double temperature_K, std::span<double> absTol) const {
    const auto layers = m_layers.of(absTol);
    std::fill(layers.begin(), layers.end(), temperature_K);
    const auto integrals = m_integrals.of(absTol);
    std::fill(integrals.begin(), integrals.end(), integralTolerance_J);
}

double StorageTankLayers::addStoredHeat(std::span<const double> y, double heat) const {
    return heat + m_tank.storedHeat(m_layers.of(y));
}

} // namespace heatnet
