#pragma once
// A thermal component describes itself to the network's ODE system (solver/thermal/
// ThermalSystem): the states it needs (asked of the StateLayout, which also names them), their
// initial values and tolerances, their right-hand side at its own offsets, its rows of the
// Jacobian pattern and the heat its states store. ThermalSystem only loops over components, as
// Cantera's ReactorNet loops over reactors: one virtual call per component, never per cell.
// The algebraic coupling between components (node mixing, substations, plants) is evaluated by
// ThermalSystem before the loop and reaches the components through ThermalContext.
#include "models/Plant.h"
#include "solver/thermal/StateLayout.h"

#include <cstddef>
#include <span>
#include <vector>

namespace heatnet {

//! The two layers of the network: supply and return (an index into per-layer arrays).
struct NetworkLayer {
    enum Layer { Supply = 0, Return = 1 };
};

//! What a component reads when it evaluates its right-hand side: the network's algebraic
//! quantities at (t, y), evaluated by ThermalSystem before the component loop.
struct ThermalContext {
    std::span<const double> nodeTemperature_K[2];   //!< per layer, per node
    std::span<const double> flow_kg_s[2];           //!< per layer, per pipe (its own direction)
    std::span<const double> groundTemperature_K;    //!< per pipe
    std::span<const double> wallConductance_W_K;    //!< per wall cell (interpolated)
    std::span<const double> consumerDelivered_W;    //!< per consumer
    std::span<const double> consumerDemand_W;       //!< per consumer
    std::span<const PlantOperation> plantOperation; //!< per plant
};

//! For the Jacobian pattern: the states each node temperature may depend on, per layer, and
//! those each plant's operation depends on (its return node, and its tank's top and bottom).
struct NodeDependencies {
    std::vector<std::vector<std::size_t>> ofNode[2];
    std::vector<std::vector<std::size_t>> ofPlant;
    const std::vector<std::size_t>& at(NetworkLayer::Layer layer, std::size_t node) const {
        return ofNode[layer][node];
    }
};

//! Initial values the system hands to every component.
struct InitialTemperatures {
    double supply_K = 0, return_K = 0;
};

//! The extension point of the thermal core.
class ThermalComponent {
public:
    virtual ~ThermalComponent() = default;
    //! Writes the initial values of its states into the whole state vector y.
    virtual void initialState(const InitialTemperatures& initial, std::span<double> y) const = 0;
    //! Writes dy/dt of its states (and only those) at (t, y).
    virtual void rhs(const ThermalContext& context, std::span<const double> y,
                     std::span<double> dydt) = 0;
    //! Adds to rows[i] (i one of its states) every column ∂f_i/∂y_j may be non-zero for.
    virtual void jacobianPattern(const NodeDependencies& nodes,
                                 std::vector<std::vector<std::size_t>>& rows) const = 0;
    //! Writes the absolute tolerances of its states (K for temperatures, J for energies).
    virtual void absoluteTolerances(double temperature_K, std::span<double> absTol) const = 0;
    //! Adds the heat its states store relative to 0 °C [J] to `heat`, term by term in its own
    //! order (one running sum over all components, so the total does not depend on grouping).
    virtual double addStoredHeat(std::span<const double> y, double heat) const {
        (void)y;
        return heat;
    }
};

} // namespace heatnet
