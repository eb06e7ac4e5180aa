#pragma once
// A plant's stratified storage tank as a thermal component (models/StratifiedStorage.h states
// the equations and units): states T[layers] (top first), then its charge, discharge and
// ambient-loss energy integrals [J]. The charge and discharge flows come from the plant's
// operation (ThermalContext::plantOperation), evaluated by ThermalSystem's node mixing.
#include "models/StratifiedStorage.h"
#include "solver/thermal/ThermalComponent.h"

#include <string>

namespace heatnet {

//! The energy integrals of a tank [J].
enum class TankIntegral { Charge = 0, Discharge = 1, Loss = 2 };

//! A storage tank at plant `plant`, connected to that plant's node.
class StorageTankLayers : public ThermalComponent {
public:
    StorageTankLayers(const StratifiedStorage& tank, std::size_t plant, const std::string& owner,
                      StateLayout& layout);

    const StratifiedStorage& tank() const { return m_tank; }
    //! The layer states, top first.
    const StateRange& layers() const { return m_layers; }
    //! The state of one of its energy integrals.
    std::size_t integral(TankIntegral which) const { return m_integrals.at(which); }
    //! Heat loss to ambient at the last rhs() [W].
    double lossRate() const { return m_lossRate_W; }

    // --- ThermalComponent -------------------------------------------------------------------
    void initialState(const InitialTemperatures& initial, std::span<double> y) const override;
    void rhs(const ThermalContext& context, std::span<const double> y,
             std::span<double> dydt) override;
    void jacobianPattern(const NodeDependencies& nodes,
                         std::vector<std::vector<std::size_t>>& rows) const override;
    void absoluteTolerances(double temperature_K, std::span<double> absTol) const override;
    double addStoredHeat(std::span<const double> y, double heat) const override;

private:
    StratifiedStorage m_tank;
    std::size_t m_plant = 0;
    StateRange m_layers, m_integrals;
    double m_lossRate_W = 0;
};

} // namespace heatnet
