#pragma once
// The thermal ODE of the whole network, assembled from components that describe themselves
// (solver/thermal/ThermalComponent.h): a pipe layer per pipe and layer (finite volumes: cells
// and walls), the energy integrals (quadratures) of every pipe loss, substation and source, and
// the storage tanks. Each component asks the StateLayout for its states; this class only
// evaluates the algebraic coupling between them (node mixing, substations, plants) and loops
// over the components. Every energy figure is integrated by the same BDF steps as the
// temperatures, so that the balance
//   E_sources = E_delivered + E_losses + ΔU_stored
// closes to round-off. Flows follow a schedule of hydraulic solutions, linear in between.
//
// Evaluation order in rhs() (no algebraic loops: consumers and plants never share a node):
//   supply nodes without plants ← supply pipe outlets
//   consumers ← their supply node;           return nodes ← return pipe outlets + consumers
//   plants ← their return node (and tank);    supply nodes with plants ← pipe outlets + plants
//   then every component in layout order: pipe layers ← their upstream node; integrals ← the
//   rates just evaluated; tank layers ← neighbours, plant operation
#include "models/Pipe.h"
#include "models/Plant.h"
#include "models/StratifiedStorage.h"
#include "models/Substation.h"
#include "solver/input/Scenario.h"
#include "solver/network/Hydraulics.h"
#include "solver/network/Network.h"
#include "solver/thermal/BoundaryConditions.h"
#include "solver/thermal/EnergyIntegrals.h"
#include "solver/thermal/FiniteVolumePipeLayer.h"
#include "solver/thermal/OdeSystem.h"
#include "solver/thermal/StateLayout.h"
#include "solver/thermal/StorageTankLayers.h"
#include "solver/thermal/ThermalObservation.h"

#include <memory>
#include <vector>

namespace heatnet {

//! The network's thermal state equations; observed (ThermalObservation) at the state passed to
//! the last observe().
class ThermalSystem final : public OdeSystem, public ThermalObservation {
public:
    using Layer = NetworkLayer::Layer;
    static constexpr Layer Supply = NetworkLayer::Supply;
    static constexpr Layer Return = NetworkLayer::Return;

    ThermalSystem(const Scenario& scenario, const Network& network);

    // --- OdeSystem -------------------------------------------------------------------------
    std::size_t size() const override { return m_layout.size(); }
    void rhs(double time_s, std::span<const double> y, std::span<double> dydt) override;
    std::vector<std::vector<std::size_t>> jacobianPattern() const override;
    void absoluteTolerances(std::span<double> absTol) const override;
    std::string stateName(std::size_t index) const override;

    //! Uniform initial temperatures (supply layer, return layer), energies zero.
    std::vector<double> initialState(double supply_K, double return_K) const;
    //! Flows of every pipe, consumer and plant at one instant [kg/s]. `pipe`: supply layer,
    //! + from → to; `returnPipe`: return layer, + to → from (its own direction); empty: the
    //! supply's (a tree's return mirrors the supply).
    struct Flows {
        std::vector<double> pipe, consumer, plant, returnPipe;
    };
    //! Adds a node to the flow schedule: between nodes the flows (and the ground temperatures
    //! and water-to-wall conductances computed here for each node) vary linearly, so that the
    //! right-hand side is a continuous function of time and CVODE never restarts (a linear
    //! blend of two mass-balanced flow fields is mass-balanced). Nodes come in increasing time;
    //! before the first and after the last the values are held.
    void scheduleFlows(double time_s, const Flows& flows, std::span<const double> y);
    //! Clears the schedule and sets flows varying linearly from `start` (t0) to `end` (t1).
    void setFlows(const Flows& start, const Flows& end, double t0_s, double t1_s,
                  std::span<const double> y);

    // --- observation: valid after rhs() or observe() at the same state ----------------------
    //! Evaluates the intermediate quantities at (t, y) for results. The observation reads y
    //! (its energies, outlets, tanks) until the next observe(): y must outlive it.
    void observe(double time_s, std::span<const double> y);
    std::span<const double> nodeTemperatures(Layer layer) const override { return m_nodeT[layer]; }
    std::span<const double> layerFlows(Layer layer) const override { return m_flow[layer]; }
    void pipeEndTemperatures(Layer layer, std::span<double> inlet_K,
                             std::span<double> outlet_K) const override;
    std::span<const double> groundTemperatures() const override { return m_groundT; }
    void consumerSupplies(std::span<double> supply_K) const override;
    std::span<const double> consumerReturns() const override { return m_consumerReturn; }
    std::span<const double> consumerFlows() const override { return m_consumerFlow; }
    void plantInlets(std::span<double> inlet_K) const override;
    std::span<const double> plantFlows() const override { return m_plantFlow; }
    std::span<const PlantOperation> plantOperations() const override { return m_plantOps; }
    double storedHeat() const override { return storedHeat(m_observed); }
    std::span<const double> energies() const override { return m_observed; }
    const StratifiedStorage* storageTank(std::size_t q) const override {
        return m_tanks[q] ? &m_tanks[q]->tank() : nullptr;
    }
    std::span<const double> storageLayerTemperatures(std::size_t q) const override {
        return m_tanks[q]->layers().of(m_observed);
    }
    double pipeInlet(Layer layer, std::size_t pipe) const;
    double pipeOutlet(Layer layer, std::size_t pipe, std::span<const double> y) const;
    //! Sets the current flows to those at time t (interpolated in the step).
    void interpolateFlows(double time_s);
    //! Mean water temperature of a pipe layer [K].
    double pipeMeanTemperature(Layer layer, std::size_t pipe, std::span<const double> y) const {
        return m_pipeLayers[layer][pipe]->meanTemperature(y);
    }
    double consumerSupply(std::size_t c) const;
    double consumerFlow(std::size_t c) const { return m_consumerFlow[c]; }
    //! The controller parameters of consumer c's substation.
    const SubstationParameters& substation(std::size_t c) const { return m_substations[c]; }
    const PlantOperation& plantOperation(std::size_t q) const { return m_plantOps[q]; }
    double plantInlet(std::size_t q) const;
    double plantFlow(std::size_t q) const { return m_plantFlow[q]; }
    // The conditions from outside the network (solver/thermal/BoundaryConditions.h, which keeps
    // the last instants and intervals asked: one ThermalSystem serves one thread).
    //! Supply set point of plant q at time t [K].
    double plantSetPoint(std::size_t q, double time_s) const override;
    //! Outdoor air temperature at time t [K].
    double outdoorTemperature(double time_s) const override;
    double groundTemperature(std::size_t pipe) const { return m_groundT[pipe]; }
    //! Undisturbed ground temperature at pipe p's depth at time t [K] (constant or Kusuda).
    double groundTemperatureAt(std::size_t pipe, double time_s) const;
    //! groundTemperatureAt does not depend on the time.
    bool groundIsConstant() const { return m_conditions.groundIsConstant(); }
    //! Heat demand of consumer c at time t [W], and its mean over [t0, t1].
    double demand(std::size_t c, double time_s) const;
    double meanDemand(std::size_t c, double t0_s, double t1_s) const {
        return m_conditions.meanDemand(c, t0_s, t1_s); // inline: twice per consumer and step
    }
    //! Largest demand of consumer c over [t0, t1] (sampled at 9 points) [W].
    double peakDemand(std::size_t c, double t0_s, double t1_s) const;

    // --- energy integrals (states, from the layout) [J] --------------------------------------
    std::size_t pipeLossEnergy(Layer layer, std::size_t pipe) const override {
        return m_pipeLoss->state(m_pipeLossOwner[layer][pipe], 0);
    }
    std::size_t consumerDeliveredEnergy(std::size_t c) const override {
        return m_substationIntegrals->state(c, SubstationIntegral::Delivered);
    }
    std::size_t consumerDemandEnergy(std::size_t c) const override {
        return m_substationIntegrals->state(c, SubstationIntegral::Demand);
    }
    //! One integral of source k (index into PlantSpec::sources) of plant q [J].
    std::size_t sourceEnergy(std::size_t q, std::size_t k, SourceIntegral which) const override {
        return m_sourceIntegrals[q][k]->state(0, which);
    }
    //! True if plant q has a storage tank.
    bool hasStorage(std::size_t q) const { return m_tanks[q] != nullptr; }
    //! The tank of plant q (hasStorage(q) must hold).
    const StratifiedStorage& storage(std::size_t q) const { return m_tanks[q]->tank(); }
    //! The layer states of plant q's tank, top first.
    const StateRange& storageLayers(std::size_t q) const { return m_tanks[q]->layers(); }
    //! One of plant q's tank integrals: charge, discharge, loss to ambient [J].
    std::size_t storageEnergy(std::size_t q, TankIntegral which) const override {
        return m_tanks[q]->integral(which);
    }
    //! Heat stored in water and walls (and storage tanks) relative to 0 °C [J].
    double storedHeat(std::span<const double> y) const;
    //! Sources in merit order for plant q (indices into PlantSpec::sources).
    const std::vector<std::size_t>& meritOrder(std::size_t q) const { return m_meritOrder[q]; }
    //! Plant q's source models in merit order.
    const std::vector<const HeatSource*>& orderedSources(std::size_t q) const {
        return m_orderedSources[q];
    }

    double specificHeat() const { return m_cp; }
    double density() const { return m_rho; }
    //! The finite-volume model of a pipe layer.
    const PipeModel& pipeModel(Layer layer, std::size_t pipe) const {
        return m_finiteVolume[layer][pipe]->model();
    }
    //! The layout of the state vector (offsets and names).
    const StateLayout& layout() const { return m_layout; }

private:
    //! Temperatures at the nodes, in dependency order; fills consumers and plants too.
    void evaluateNodes(double time_s, std::span<const double> y);
    //! The algebraic quantities the components read, as views of the members below.
    ThermalContext context() const;

    const Scenario& m_scenario;
    const Network& m_network;
    BoundaryConditions m_conditions; //!< outdoor, ground, demand and set points over time
    double m_cp = 4186, m_rho = 980;
    StateLayout m_layout;       //!< the states of every component
    StateLayout m_coefficients; //!< per-schedule-node coefficients of the components
    //! Every component, in layout order: the loop of rhs() and of everything summed over them.
    std::vector<std::unique_ptr<ThermalComponent>> m_components;
    // Typed views of the components, by role (owned by m_components).
    std::vector<PipeLayer*> m_pipeLayers[2];                     //!< per layer, per pipe
    std::vector<const FiniteVolumePipeLayer*> m_finiteVolume[2]; //!< per layer, per pipe
    const PipeLossIntegrals* m_pipeLoss = nullptr;
    std::vector<std::size_t> m_pipeLossOwner[2]; //!< per layer, per pipe: owner in m_pipeLoss
    const SubstationIntegrals* m_substationIntegrals = nullptr;         //!< owner c = consumer c
    std::vector<std::vector<const SourceIntegrals*>> m_sourceIntegrals; //!< per plant, source
    std::vector<const StorageTankLayers*> m_tanks;                      //!< per plant, null if none
    //! The components whose states store heat, in layout order (storedHeat() sums them).
    std::vector<const ThermalComponent*> m_storing;
    std::vector<std::vector<std::size_t>> m_meritOrder;
    std::vector<std::vector<const HeatSource*>> m_orderedSources;
    std::vector<SubstationParameters> m_substations;

    // Per hydraulic step: flows at its start and end, and the current (interpolated) flows.
    struct FlowNode {
        double time_s = 0;
        Flows flows;
        std::vector<double> ground_K;     //!< per pipe
        std::vector<double> coefficients; //!< laid out by m_coefficients
    };
    std::vector<FlowNode> m_schedule;   //!< the last few nodes, increasing in time
    std::vector<double> m_coefficient;  //!< interpolated (wall conductances [W/K])
    std::vector<double> m_flow[2];      //!< per layer, per pipe, + in the layer's own direction
    std::vector<double> m_groundT;      //!< per pipe
    std::vector<double> m_consumerFlow; //!< per consumer
    std::vector<double> m_plantFlow;    //!< per plant

    // Scratch filled by evaluateNodes/rhs.
    std::vector<double> m_nodeT[2];
    std::vector<double> m_consumerDelivered, m_consumerDemand, m_consumerReturn;
    std::vector<PlantOperation> m_plantOps;
    std::vector<double> m_mixFlow, m_mixEnergy;   //!< inflow and enthalpy flow per node
    std::vector<double> m_heldFlow, m_heldEnergy; //!< the supply layer's, held for the plants
    std::vector<double> m_scratch;
    std::span<const double> m_observed; //!< the state of the last observe()
};

} // namespace heatnet
