#pragma once
// One layer (supply or return) of one pipe as a thermal component: what the node mixing of
// ThermalSystem needs of any pipe model, on top of ThermalComponent. A pipe layer runs in its
// own direction from its upstream node to its downstream node (supply: from → to; return:
// to → from); a negative flow runs the other way. A new ODE pipe model derives from this class
// and is named in ThermalSystem's pipe-model registry (makePipeLayer).
#include "solver/thermal/ThermalComponent.h"

#include <cstddef>
#include <span>

namespace heatnet {

//! Where a pipe layer sits in the network.
struct PipeLayerPlace {
    std::size_t pipe = 0;                             //!< index of the pipe
    NetworkLayer::Layer layer = NetworkLayer::Supply; //!< supply or return
    std::size_t upstreamNode = 0;                     //!< inlet node at a positive flow
    std::size_t downstreamNode = 0;                   //!< outlet node at a positive flow
};

//! A pipe layer with states of its own.
class PipeLayer : public ThermalComponent {
public:
    explicit PipeLayer(const PipeLayerPlace& place) : m_place(place) {}
    const PipeLayerPlace& place() const { return m_place; }
    //! Temperature of the water leaving at the downstream end for this flow sign [K].
    virtual double outletTemperature(std::span<const double> y, double massFlow_kg_s) const = 0;
    //! The water state at the pipe's end touching `node` (an end node of the pipe).
    virtual std::size_t endState(std::size_t node) const = 0;
    //! Mean water temperature along the pipe [K] (for the water properties of the hydraulics).
    virtual double meanTemperature(std::span<const double> y) const = 0;
    //! The states whose temperature drives the loss to the ground (its loss integral's row).
    virtual StateRange lossStates() const = 0;
    //! Coefficients evaluated once per node of the flow schedule and interpolated linearly in
    //! between (finite volumes: the water-to-wall conductance of each cell [W/K]): fills its own
    //! range of `coefficients` for this flow and state.
    virtual void scheduleCoefficients(double massFlow_kg_s, std::span<const double> y,
                                      std::span<double> coefficients) const {
        (void)massFlow_kg_s;
        (void)y;
        (void)coefficients;
    }
    //! Heat lost to the ground at the last rhs() [W].
    double lossRate() const { return m_lossRate_W; }

protected:
    double m_lossRate_W = 0; //!< set by rhs()

private:
    PipeLayerPlace m_place;
};

} // namespace heatnet
