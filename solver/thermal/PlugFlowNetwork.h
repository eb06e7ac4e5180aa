#pragma once
// The network with plug-flow pipes (`pipe_model: plug_flow`, models/PlugFlowPipe.h): exact
// transport of the water, step by step, with no ODE solver. Each step [t0, t0 + h] has constant
// flows (the mean of the hydraulic solutions at its ends, so the same mass moves as with the
// finite-volume core). One step is one sweep:
//   1. every plant fixes its outlet for the step from the water it saw arriving at the step's
//      start (its controller's measurement) and its set point at the step's middle;
//   2. supply layer, nodes in flow order (a topological order of the step's flow directions,
//      rebuilt when a pipe starts, stops or reverses, so meshed networks and flow reversal need
//      nothing special): the streams entering a node are mixed exactly (flow-weighted, segment
//      by segment, keeping every boundary where the temperature jumps by more than
//      PlugFlowOptions::mergeTolerance_K), then passed to the pipes and substations leaving it;
//   3. every substation turns its supply stream into a return stream, segment by segment, for
//      the step's mean demand (models/Substation.h);
//   4. return layer, in its flow order, down to the plants.
// The heat each plant adds is what it actually added: the enthalpy of the water it sent minus
// that of the water that reached it in the step (its sources share it as operatePlant shares it
// for the water that arrived). Energy integrals are sums of exact step energies: the balance
// sources − delivered − losses − Δstored closes to round-off, and every rate that cannot be
// negative has non-negative hourly means.
// Steps 2 and 4 run on OpenMP threads on large networks (setParallelSweep): a node needs only
// the water of the nodes feeding it, so threads sweep different subtrees at once
// (solver/thermal/SweepSchedule.h), each node waiting until its inflows are ready. Every write
// goes to a slot one pipe, node, consumer or plant owns, and each node is computed the same way
// whichever thread computes it: the results are bit for bit those of one thread.
#include "models/Plant.h"
#include "models/PlugFlowPipe.h"
#include "solver/input/Scenario.h"
#include "solver/network/Network.h"
#include "solver/thermal/PlugFlowTank.h"
#include "solver/thermal/ThermalObservation.h"
#include "solver/thermal/ThermalSystem.h"

#include "solver/thermal/SweepSchedule.h"
#include "solver/thermal/SweepTuner.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace heatnet {

//! Observed (ThermalObservation) at the end of the last step.
class PlugFlowNetwork final : public ThermalObservation {
public:
    using Layer = ThermalSystem::Layer;

    //! `helpers`: demand, set points, substations and sources of the same scenario.
    PlugFlowNetwork(const Scenario& scenario, const Network& network, const ThermalSystem& helpers);

    //! Fills every supply pipe with `supply_K` and every return pipe with `return_K`.
    void fill(double supply_K, double return_K);
    //! Moves the water over [t0, t0 + step] with constant flows.
    void advance(double t0_s, double step_s, const ThermalSystem::Flows& flows);
    //! Sweeps on OpenMP threads (omp_get_max_threads()) from `minPipes` pipes per layer on;
    //! below, and inside an enclosing parallel region that already uses the allowed levels
    //! (OpenMP's max-active-levels, 1 by default), on the calling thread only. `tuned`: each
    //! step on one thread or on all as SweepTuner finds faster; else always on all. Default:
    //! never.
    void setParallelSweep(std::size_t minPipes, bool tuned) {
        m_parallelMinPipes = minPipes;
        m_tuned = tuned;
    }
    //! The most threads a step's sweep has used so far.
    int sweepThreads() const { return m_sweepThreads; }
    //! Steps swept on more than one thread so far.
    long threadedSteps() const { return m_threadedSteps; }

    // --- observation at the end of the last step ---------------------------------------------
    double pipeInlet(Layer layer, std::size_t pipe) const;
    double pipeOutlet(Layer layer, std::size_t pipe) const;
    double groundTemperature(std::size_t pipe) const { return m_groundT[pipe]; }
    //! Mass-weighted mean water temperature of each pipe of one layer into `mean_K` (one per
    //! pipe, caller-owned so the hour loop allocates nothing) [K].
    void meanPipeTemperatures(Layer layer, std::span<double> mean_K) const;
    double consumerSupply(std::size_t c) const;
    double consumerFlow(std::size_t c) const { return m_flows.consumer[c]; }
    double plantInlet(std::size_t q) const { return m_plantInlet[q]; }
    double plantFlow(std::size_t q) const { return m_flows.plant[q]; }
    const PlantOperation& plantOperation(std::size_t q) const { return m_plantOps[q]; }
    //! Heat in the water and walls of all pipes relative to 0 °C [J].
    double storedHeat() const override;
    std::span<const double> nodeTemperatures(Layer layer) const override { return m_nodeT[layer]; }
    std::span<const double> layerFlows(Layer layer) const override {
        return layer == Layer::Supply ? m_flows.pipe : m_flows.returnPipe;
    }
    void pipeEndTemperatures(Layer layer, std::span<double> inlet_K,
                             std::span<double> outlet_K) const override;
    std::span<const double> groundTemperatures() const override { return m_groundT; }
    void consumerSupplies(std::span<double> supply_K) const override;
    std::span<const double> consumerReturns() const override { return m_consumerReturn; }
    std::span<const double> consumerFlows() const override { return m_flows.consumer; }
    void plantInlets(std::span<double> inlet_K) const override;
    std::span<const double> plantFlows() const override { return m_flows.plant; }
    std::span<const PlantOperation> plantOperations() const override { return m_plantOps; }
    double outdoorTemperature(double time_s) const override {
        return m_helpers.outdoorTemperature(time_s);
    }
    double plantSetPoint(std::size_t q, double time_s) const override {
        return m_helpers.plantSetPoint(q, time_s);
    }
    const StratifiedStorage* storageTank(std::size_t q) const override {
        return m_tanks[q] ? &m_tanks[q]->tank() : nullptr;
    }
    std::span<const double> storageLayerTemperatures(std::size_t q) const override {
        return m_tanks[q]->layers();
    }
    std::size_t storageEnergy(std::size_t q, TankIntegral which) const override {
        return m_tankIndex[q] + static_cast<std::size_t>(which);
    }
    //! CVODE's work on the storage tanks, summed (zero without tanks).
    IntegratorStatistics tankIntegratorStatistics() const;
    //! Pieces of water in all pipes (a measure of the transport's work).
    std::size_t pieceCount() const;

    // --- energy integrals [J]: offsets into energies() -----------------------------------------
    std::span<const double> energies() const override { return m_energy; }
    std::size_t pipeLossEnergy(Layer layer, std::size_t pipe) const override {
        return m_pipeLossIndex[layer] + pipe;
    }
    std::size_t consumerDeliveredEnergy(std::size_t c) const override {
        return m_deliveredIndex + c;
    }
    std::size_t consumerDemandEnergy(std::size_t c) const override { return m_demandIndex + c; }
    //! Offset of integral `which` of source k of plant q [J].
    std::size_t sourceEnergy(std::size_t q, std::size_t k, SourceIntegral which) const override {
        return m_sourceIndex[q] + kSourceIntegrals * k + static_cast<std::size_t>(which);
    }
    //! Integrals per source: heat, fuel, electricity, waste heat.
    static constexpr std::size_t kSourceIntegrals = 4;

private:
    //! Flow of a pipe in one layer, + in that layer's own direction (the return's is solved on
    //! its own: ThermalSystem::Flows::returnPipe) [kg/s].
    double layerFlow(Layer layer, std::size_t pipe) const {
        return layer == Layer::Supply ? m_flows.pipe[pipe] : m_flows.returnPipe[pipe];
    }

    //! What feeds a node: a pipe of its layer, a plant (supply) or a consumer (return).
    enum class SourceKind : unsigned char { Pipe, Plant, Consumer };
    //! One stream into a node (FlowOrder::sources), its rate read at each step (inflowRate).
    struct Source {
        const std::vector<StreamSegment>* stream; //!< the pipe's, plant's or consumer's outflow
        std::size_t index;                        //!< of the pipe, plant or consumer
        SourceKind kind;
    };
    //! Mass flow of a source into its node this step; ≤ 0: none [kg/s].
    double inflowRate(Layer layer, const Source& source) const {
        switch (source.kind) {
        case SourceKind::Pipe:
            return std::abs(layerFlow(layer, source.index));
        case SourceKind::Plant:
            return m_flows.plant[source.index];
        case SourceKind::Consumer:
            break;
        }
        return m_flows.consumer[source.index];
    }
    //! Where mix() is in one inflowing stream: its current segment, when that ends [s], the
    //! stream's flow and the segment's temperature (the stagnant one for an empty stream).
    struct MixCursor {
        const StreamSegment* segment;
        const StreamSegment* last;
        double end_s;
        double flow_kg_s;
        double temperature_K;
    };
    //! One thread's scratch for the node in hand (aligned: threads do not share cache lines).
    struct alignas(64) NodeScratch {
        std::vector<StreamSegment> mix;
        std::vector<MixCursor> cursors;
    };
    //! The stream leaving `node`: the streams of `sources` that flow in, mixed (flow-weighted,
    //! segment by segment) into scratch.mix, or the one stream flowing in as it is (each stream
    //! was merged where it was made). Without flow in, the water standing at the node
    //! (stagnantTemperature).
    const std::vector<StreamSegment>& mix(NodeScratch& scratch, double step_s, Layer layer,
                                          std::size_t node, std::span<const Source> sources) const {
        // Most nodes have one source: its stream, if it flows, passes as it is (no call).
        if (sources.size() == 1 &&
            inflowRate(layer, sources.front()) > PlugFlowPipe::kStillFlow_kg_s &&
            !sources.front().stream->empty()) {
            return *sources.front().stream;
        }
        return mixStreams(scratch, step_s, layer, node, sources);
    }
    //! mix() for any number of sources.
    const std::vector<StreamSegment>& mixStreams(NodeScratch& scratch, double step_s, Layer layer,
                                                 std::size_t node,
                                                 std::span<const Source> sources) const;
    //! Plant q's tank as its operation sees it, written to `state`; null without a tank.
    const PlantStorageState* tankState(std::size_t q, PlantStorageState& state) const {
        if (!m_tanks[q]) {
            return nullptr;
        }
        state = m_tanks[q]->state();
        return &state;
    }
    //! What a tank did over a step [J].
    struct TankStep {
        double charge_J = 0;    //!< brought by the charging loop
        double discharge_J = 0; //!< given to the plant water
    };
    //! Runs plant q's tank over the step with the plant side of `op` and `conditions` held
    //! (the discharge scaled to the heat the water took, `waterHeat_J`); adds its integrals.
    TankStep advanceTank(std::size_t q, double t0_s, double step_s, double waterHeat_J,
                         const SourceConditions& conditions, const PlantOperation& op);
    //! Books plant q's step to its sources: `waterHeat_J` into the plant water (the tank's
    //! discharge excluded) and `charge_J` into its tank, shared as `op` shares them.
    void bookPlantStep(std::size_t q, double step_s, double waterHeat_J, double charge_J,
                       const PlantOperation& op);
    //! Sweeps one layer in flow order; `feed(node, stream)` hands the stream leaving a node to
    //! what it feeds besides pipes (the substations of the supply, the plants of the return).
    template <class Feed> void sweep(Layer layer, double step_s, Feed&& feed);
    //! Threads the sweeps may use (1: serial).
    int allowedThreads() const;
    //! Mean temperature of the pipe ends touching a node without inflow [K].
    double stagnantTemperature(Layer layer, std::size_t node) const;
    std::size_t upstreamNode(Layer layer, std::size_t pipe) const;
    std::size_t downstreamNode(Layer layer, std::size_t pipe) const;

    const Scenario& m_scenario;
    const Network& m_network;
    const ThermalSystem& m_helpers;
    double m_cp = 0;
    double m_mergeTolerance_K = 0;        //!< PlugFlowOptions::mergeTolerance_K [K]
    std::vector<PlugFlowPipe> m_pipes[2]; //!< per layer, per pipe
    ThermalSystem::Flows m_flows;         //!< of the last step
    bool m_returnMirrorsSupply = false;   //!< m_flows.returnPipe equals m_flows.pipe, bit for bit
    std::vector<double> m_groundT;        //!< per pipe, at the last step's middle [K]
    bool m_groundSet = false;             //!< m_groundT holds a constant ground for good
    std::vector<double> m_nodeT[2];
    std::vector<double> m_consumerReturn, m_plantInlet;
    std::vector<PlantOperation> m_plantOps;
    std::vector<double> m_energy;
    std::size_t m_pipeLossIndex[2] = {0, 0}, m_deliveredIndex = 0, m_demandIndex = 0;
    std::vector<std::size_t> m_sourceIndex;
    std::vector<std::unique_ptr<PlugFlowTank>> m_tanks; //!< per plant; null without a tank
    std::vector<std::size_t> m_tankIndex;               //!< per plant: its tank's integrals

    // Scratch of one step.
    std::vector<std::vector<StreamSegment>> m_pipeOut[2];  //!< outflow of each pipe
    std::vector<std::vector<StreamSegment>> m_consumerOut; //!< return stream of each consumer
    std::vector<NodeScratch> m_scratch;                    //!< per thread
    std::vector<double> m_outlet, m_drawn, m_demand;       //!< per plant, plant, consumer
    std::vector<std::vector<StreamSegment>> m_plantStream;
    PlantOperation m_decided; //!< a plant's outlet decision at the step's start
    std::vector<SourceConditions> m_plantConditions; //!< per plant, at the step's middle

    //! The nodes of one layer in flow order, with the pipes flowing into and out of each, for
    //! one pattern of flow directions (rebuilt only when a pipe starts, stops or reverses).
    struct FlowOrder {
        //! Checks the step's flow directions; rebuilds the order if they changed, and, for a
        //! `parallel` sweep, the schedule if the order changed.
        //! `twin`: the supply's order when this layer (the return of a tree) carries the
        //! supply's flows this step, else null.
        void build(const PlugFlowNetwork& net, Layer layer, bool parallel, const FlowOrder* twin);
        std::vector<signed char> direction; //!< per pipe: +1, −1, 0 (still)
        std::vector<std::size_t> nodes_;    //!< in flow order
        //! Pipes flowing into / out of nodes_[k]: inPipes[inStart[k] .. inStart[k + 1]).
        std::vector<std::size_t> inStart, inPipes, outStart, outPipes;
        std::vector<std::size_t> inFrom; //!< per inPipes entry: the position of its upstream node
        //! Streams into nodes_[k]: sources[sourceStart[k] .. sourceStart[k + 1]), its inPipes,
        //! then the plants at it (supply) or the consumers at it (return).
        std::vector<std::size_t> sourceStart;
        std::vector<Source> sources;
        std::vector<std::size_t> still; //!< pipes without flow
        SweepSchedule schedule;         //!< chunks of positions for threads
        //! Per position: the sweep (PlugFlowNetwork::m_epoch) in which it was last swept.
        std::unique_ptr<std::atomic<std::uint64_t>[]> swept;

    private:
        void plan(const PlugFlowNetwork& net);
        //! Rebuilds the order for `direction`.
        void rebuild(const PlugFlowNetwork& net, Layer layer);
        bool m_valid = false;
        bool m_planned = false;  //!< the schedule is this order's
        bool m_changed = false;  //!< the last build found other directions
        bool m_fromTwin = false; //!< the last build's flows were its twin's
    };
    //! The node at position k of `order`. Reads the outflows of the pipes into it (written by
    //! the nodes upstream) and the pipes at it; writes the node's temperature, the pipes out of
    //! it, and what `feed` writes for the node's consumers and plants: slots no other node
    //! writes, so nodes that do not feed each other may be swept at once. Inline in the sweep's
    //! loops (always_inline in PlugFlowNetwork.cpp).
    template <class Feed>
    void sweepNode(const FlowOrder& order, std::size_t k, NodeScratch& scratch, Layer layer,
                   double step_s, Feed& feed);
    FlowOrder m_order[2];
    std::size_t m_parallelMinPipes = static_cast<std::size_t>(-1); //!< setParallelSweep
    bool m_tuned = false;                                          //!< setParallelSweep
    SweepTuner m_tuner;
    int m_team = 1; //!< threads of this step's sweeps
    int m_sweepThreads = 1;
    long m_threadedSteps = 0;
    std::uint64_t m_epoch = 0; //!< sweeps run (the swept marks' clock)
};

} // namespace heatnet
