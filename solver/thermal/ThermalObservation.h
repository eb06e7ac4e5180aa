#pragma once
// What the results read of a thermal model at one instant: temperatures, flows, the plants'
// operation, the stored heat and the energy integrals. Both thermal models implement it — the
// finite-volume ODE system (ThermalSystem, after observe()) and the plug-flow network
// (PlugFlowNetwork, after advance()) — so one record filler (solver/run/RecordFiller) and one
// sum of the energy totals serve both. Per-element quantities cross as arrays, one virtual call
// per array and none per pipe; the offsets of the energy integrals are asked once per run.
// Units: temperatures [K], flows [kg/s], energies [J], times [s].
#include "models/Plant.h"
#include "solver/thermal/EnergyIntegrals.h"
#include "solver/thermal/StorageTankLayers.h"
#include "solver/thermal/ThermalComponent.h"

#include <cstddef>
#include <span>

namespace heatnet {

//! A read-only view of a thermal model's state at the instant it was last observed.
class ThermalObservation {
public:
    using Layer = NetworkLayer::Layer;
    virtual ~ThermalObservation() = default;

    // --- the network now -----------------------------------------------------------------------
    //! Water temperature at each node of one layer [K].
    virtual std::span<const double> nodeTemperatures(Layer layer) const = 0;
    //! Flow of each pipe in one layer, + in that layer's own direction (supply: from → to;
    //! return: to → from, solved on its own) [kg/s].
    virtual std::span<const double> layerFlows(Layer layer) const = 0;
    //! Temperature of the water entering and leaving each pipe of one layer, for the sign of
    //! its flow [K] (`inlet_K` has one entry per pipe; `outlet_K` too, or none: outlets not
    //! wanted).
    virtual void pipeEndTemperatures(Layer layer, std::span<double> inlet_K,
                                     std::span<double> outlet_K) const = 0;
    //! Ground temperature around each pipe [K].
    virtual std::span<const double> groundTemperatures() const = 0;
    //! Supply temperature reaching each substation [K] (one entry per consumer).
    virtual void consumerSupplies(std::span<double> supply_K) const = 0;
    //! Return temperature leaving each substation [K].
    virtual std::span<const double> consumerReturns() const = 0;
    //! Flow through each substation [kg/s].
    virtual std::span<const double> consumerFlows() const = 0;
    //! Temperature of the water reaching each plant [K] (one entry per plant).
    virtual void plantInlets(std::span<double> inlet_K) const = 0;
    //! Flow through each plant [kg/s].
    virtual std::span<const double> plantFlows() const = 0;
    //! What each plant does now (outlet temperature, heat per source, tank flows).
    virtual std::span<const PlantOperation> plantOperations() const = 0;
    //! Heat in the water, walls and tanks relative to 0 °C [J].
    virtual double storedHeat() const = 0;

    // --- the scenario's time functions ------------------------------------------------------
    //! Outdoor air temperature at time t [K].
    virtual double outdoorTemperature(double time_s) const = 0;
    //! Supply set point of plant q at time t [K].
    virtual double plantSetPoint(std::size_t q, double time_s) const = 0;

    // --- energy integrals [J]: their values now, and where each one sits among them ----------
    virtual std::span<const double> energies() const = 0;
    virtual std::size_t pipeLossEnergy(Layer layer, std::size_t pipe) const = 0;
    virtual std::size_t consumerDeliveredEnergy(std::size_t c) const = 0;
    virtual std::size_t consumerDemandEnergy(std::size_t c) const = 0;
    //! Integral `which` of source k (index into PlantSpec::sources) of plant q.
    virtual std::size_t sourceEnergy(std::size_t q, std::size_t k, SourceIntegral which) const = 0;

    // --- storage tanks (a model without tanks keeps these defaults) -------------------------
    //! The tank of plant q, or nullptr if it has none.
    virtual const StratifiedStorage* storageTank(std::size_t q) const {
        (void)q;
        return nullptr;
    }
    //! Layer temperatures of plant q's tank, top first [K] (storageTank(q) must be non-null).
    virtual std::span<const double> storageLayerTemperatures(std::size_t q) const {
        (void)q;
        return {};
    }
    //! Integral `which` of plant q's tank (storageTank(q) must be non-null).
    virtual std::size_t storageEnergy(std::size_t q, TankIntegral which) const {
        (void)q;
        (void)which;
        return 0;
    }
};

} // namespace heatnet
