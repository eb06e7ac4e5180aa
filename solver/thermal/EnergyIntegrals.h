#pragma once
// Energy integrals as thermal components: states E [J] with dE/dt = a rate the network already
// evaluates (a pipe's loss, a substation's delivered heat and demand, a source's heat and
// inputs). Integrated by the same BDF steps as the temperatures, so the balance
//   E_sources = E_delivered + E_losses + ΔU_stored
// closes to round-off (docs/numerics.md). Their rows of the Jacobian pattern are kept exact
// (the states the rate depends on): the Newton matrix then conserves energy. They never feed
// back into other states and do not control the step size (absolute tolerance 1e9 J).
#include "solver/thermal/PipeLayer.h"

#include <string>
#include <vector>

namespace heatnet {

//! The integrals of one heat source [J].
enum class SourceIntegral { Heat = 0, Fuel = 1, Electricity = 2, WasteHeat = 3 };
//! The integrals of one substation [J].
enum class SubstationIntegral { Delivered = 0, Demand = 1 };

//! What every kind of energy integral shares: blocks of integrals starting at zero, one block
//! per owner (a pipe layer, a substation, a source), each named after it in the layout.
class EnergyIntegrals : public ThermalComponent {
public:
    //! The state of integral `which` of owner i (in the order the owners were added).
    std::size_t state(std::size_t owner, std::size_t which) const {
        return m_blocks[owner].at(which);
    }
    template <class E>
    requires std::is_enum_v<E> std::size_t state(std::size_t owner, E which)
    const { return m_blocks[owner].at(which); }

    void initialState(const InitialTemperatures& initial, std::span<double> y) const override;
    void absoluteTolerances(double temperature_K, std::span<double> absTol) const override;

protected:
    //! Reserves the integrals of one more owner.
    void addOwner(const std::string& owner, const std::vector<StateQuantity>& integrals,
                  StateLayout& layout);
    std::vector<StateRange> m_blocks; //!< per owner
};

//! The heat each pipe layer loses to the ground (one owner per pipe layer: one component for
//! all of them, so the loop costs one virtual call, not one per pipe).
class PipeLossIntegrals : public EnergyIntegrals {
public:
    //! Adds the loss integral of `pipe` (named `owner`); returns its index among the owners.
    std::size_t add(const PipeLayer& pipe, const std::string& owner, StateLayout& layout);
    void rhs(const ThermalContext& context, std::span<const double> y,
             std::span<double> dydt) override;
    void jacobianPattern(const NodeDependencies& nodes,
                         std::vector<std::vector<std::size_t>>& rows) const override;

private:
    std::vector<const PipeLayer*> m_pipes; //!< per owner
};

//! Every substation's delivered heat and demand (as SubstationIntegral), owner c = consumer c.
class SubstationIntegrals : public EnergyIntegrals {
public:
    //! Adds the integrals of the next consumer, at network node `node`.
    void add(std::size_t node, const std::string& owner, StateLayout& layout);
    void rhs(const ThermalContext& context, std::span<const double> y,
             std::span<double> dydt) override;
    void jacobianPattern(const NodeDependencies& nodes,
                         std::vector<std::vector<std::size_t>>& rows) const override;

private:
    std::vector<std::size_t> m_nodes; //!< per consumer
};

//! A heat source's heat, fuel, electricity and waste heat (as SourceIntegral): one owner.
class SourceIntegrals : public EnergyIntegrals {
public:
    //! Source `meritRank` in plant `plant`'s merit order (its index in PlantOperation).
    SourceIntegrals(std::size_t plant, std::size_t meritRank, const std::string& owner,
                    StateLayout& layout);
    void rhs(const ThermalContext& context, std::span<const double> y,
             std::span<double> dydt) override;
    void jacobianPattern(const NodeDependencies& nodes,
                         std::vector<std::vector<std::size_t>>& rows) const override;

private:
    std::size_t m_plant = 0, m_rank = 0;
};

} // namespace heatnet
