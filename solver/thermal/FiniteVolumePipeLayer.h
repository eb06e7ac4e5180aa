#pragma once
// A pipe layer discretised into finite volumes (models/Pipe.h states the equations and units):
// states T[cells] (water) and, with a wall heat capacity, T_wall[cells]. Its right-hand side
// reads its inlet node's temperature in the flow's direction; its wall conductances are
// scheduled coefficients (evaluated at each hydraulic node, interpolated in between).
#include "models/Pipe.h"
#include "solver/thermal/PipeLayer.h"

#include <string>

namespace heatnet {

//! The finite-volume pipe model as a thermal component.
class FiniteVolumePipeLayer : public PipeLayer {
public:
    //! Reserves its states in `layout` (named `owner`, e.g. "pipe P3 (supply)") and its wall
    //! conductances in `coefficients` (the schedule's per-node array).
    FiniteVolumePipeLayer(const PipeModel& model, const PipeLayerPlace& place,
                          const std::string& owner, StateLayout& layout, StateLayout& coefficients);

    const PipeModel& model() const { return m_model; }

    // --- ThermalComponent -------------------------------------------------------------------
    void initialState(const InitialTemperatures& initial, std::span<double> y) const override;
    void rhs(const ThermalContext& context, std::span<const double> y,
             std::span<double> dydt) override;
    void jacobianPattern(const NodeDependencies& nodes,
                         std::vector<std::vector<std::size_t>>& rows) const override;
    void absoluteTolerances(double temperature_K, std::span<double> absTol) const override;
    double addStoredHeat(std::span<const double> y, double heat) const override;

    // --- PipeLayer --------------------------------------------------------------------------
    double outletTemperature(std::span<const double> y, double massFlow_kg_s) const override;
    std::size_t endState(std::size_t node) const override;
    double meanTemperature(std::span<const double> y) const override;
    StateRange lossStates() const override;
    void scheduleCoefficients(double massFlow_kg_s, std::span<const double> y,
                              std::span<double> coefficients) const override;

private:
    enum Quantity { Water = 0, Wall = 1 };
    PipeModel m_model;
    StateBlock m_states;        //!< T[cells], then T_wall[cells] if the pipe has a wall
    StateRange m_water, m_wall; //!< the two quantities (m_wall empty without a wall)
    StateRange m_conductance;   //!< its wall cells in the schedule's coefficient array
};

} // namespace heatnet
