#pragma once
// The hour loop. A Simulation owns everything one run needs (network, hydraulics, thermal
// system, integrator) and no global state, so many can run at once in one process (one per
// thread: each has its own SUNDIALS context). For each hydraulic step: substations choose their
// flows from the step's mean demand, the hydraulics solve the flows, CVODE restarts and carries
// the temperatures to each output time, where a StepRecord is handed to the sink.
#include "solver/input/Scenario.h"
#include "solver/network/Hydraulics.h"
#include "solver/network/Network.h"
#include "solver/network/WaterAge.h"
#include "solver/run/WarningCatalogue.h"
#include "solver/thermal/CvodeIntegrator.h"
#include "solver/thermal/ThermalSystem.h"

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace heatnet {

class RunChecks;

//! Everything recorded at one output time. Temperatures [K] and flows [kg/s] are instantaneous
//! at `time_s`; powers [W] are means over the output step that ends at `time_s` (exact: from the
//! energy integrals).
struct StepRecord {
    double time_s = 0;
    double outdoor_K = 0;
    // per pipe (supply/return)
    std::vector<double> supplyInlet_K, supplyOutlet_K, returnInlet_K, returnOutlet_K;
    //! returnFlow_kg_s: the return layer's own flow, + to → from (docs/models.md)
    std::vector<double> pipeFlow_kg_s, returnFlow_kg_s, supplyLoss_W, returnLoss_W, supplyDrop_Pa,
        returnDrop_Pa;
    std::vector<double> ground_K;
    // per node (gauge pressures from the hydraulic solve; water temperatures)
    std::vector<double> nodeSupplyPressure_Pa, nodeReturnPressure_Pa, nodeSupply_K, nodeReturn_K;
    // per consumer
    std::vector<double> demand_W, delivered_W, unmet_W, consumerSupply_K, consumerReturn_K,
        consumerFlow_kg_s;
    // per source (all plants, in file order)
    std::vector<double> sourceHeat_W, sourceFuel_W, sourceElectricity_W, sourceWasteHeat_W,
        sourceAvailability;
    // per plant
    std::vector<double> plantSupply_K, plantReturn_K, plantSetPoint_K, plantFlow_kg_s;
    // per storage tank (plants with storage, in file order)
    std::vector<double> storageSoc, storageCharge_W, storageDischarge_W, storageLoss_W;
    std::vector<double> storageLayers_K; //!< tank by tank, top layer first
    // network totals
    double sources_W = 0, delivered_W_total = 0, demand_W_total = 0, unmet_W_total = 0,
           losses_W = 0, pumpPower_W = 0, pumpHead_Pa = 0, storedHeat_J = 0, balanceResidual_J = 0;
};

//! Totals of a whole run [J], and counters.
struct RunTotals {
    double sources_J = 0, delivered_J = 0, demand_J = 0, losses_J = 0, pump_J = 0;
    double storedChange_J = 0, balanceResidual_J = 0;
    //! Storage tanks (plants with storage, in file order): heat in, heat out, lost to ambient,
    //! and the heat between empty and full [J]. storageLosses_J sums the losses and enters the
    //! balance: residual = sources − delivered − losses − storageLosses − Δstored.
    std::vector<double> storageCharge_J, storageDischarge_J, storageLoss_J, storageCapacity_J;
    double storageLosses_J = 0;
    std::vector<double> sourceHeat_J, sourceFuel_J, sourceElectricity_J, sourceWasteHeat_J;
    std::vector<double> consumerDelivered_J, consumerDemand_J;
    double unmetHours_h = 0;     //!< output steps with unmet heat > 0.5 % of demand [h]
    double lowSupplyHours_h = 0; //!< output steps with a substation below its min supply [h]
    std::vector<double> sourceRunningHours_h; //!< steps with the source delivering heat [h]
    double maxPumpHead_Pa = 0;
    IntegratorStatistics integrator;
    double wallTime_s = 0;
    long hydraulicSteps = 0;
    int sweepThreads = 1;          //!< plug flow: the most OpenMP threads a step's sweep used
    double threadedSweepShare = 0; //!< plug flow: share of steps swept on several threads [-]
    //! the pressures, checks and sink ran on a thread of their own (PressureStage)
    bool pressuresOnThread = false;
    //! Implausible design and results: the scenario's checks, then what the run showed.
    std::vector<Warning> warnings;
};

//! Receives the results as they are produced (HDF5 writer, benchmark counters, tests).
class ResultSink {
public:
    virtual ~ResultSink() = default;
    //! Called once before the first step.
    virtual void begin(const Scenario& scenario) = 0;
    //! Called at every output time, in order; possibly on another thread than begin() and
    //! finish() (the run's pressure stage, solver/run/PressureStage.h), never at the
    //! same time as either.
    virtual void record(const StepRecord& step) = 0;
    //! Called once after the last step with the totals.
    virtual void finish(const RunTotals& totals) = 0;
    //! Whether record() reads `field`, one of the per-pipe series of StepRecord that the run's
    //! own checks and totals do not need (RecordFiller lists them): the run leaves those the
    //! sink does not read empty. Asked after begin(). Default: the sink reads them all.
    virtual bool reads(std::vector<double> StepRecord::*field) const {
        (void)field;
        return true;
    }
};

//! Options of one run.
struct RunOptions {
    //! Called with the fraction done (0–1) after each output step.
    std::function<void(double)> progress;
    //! Set from another thread (or a signal handler) to stop the run with an Error.
    const std::atomic<bool>* cancel = nullptr;
    //! Plug flow: pipes per layer from which a step's sweep runs on OpenMP threads (below, it
    //! pays less than it costs: docs/performance.md, "Session 6: parallel sweep").
    std::size_t parallelSweepMinPipes = 2000;
    //! Plug flow: on threads only in the stretches of steps where timed probes find it faster
    //! (solver/thermal/SweepTuner.h; results do not depend on it); false: on threads always.
    bool parallelSweepTuned = true;
    //! A tree network: the pressures, the run's checks and the sink on a thread of
    //! their own (solver/run/PressureStage.h; results do not depend on it); false: in line.
    bool pressuresOnThread = true;
};

//! One run of one scenario.
class Simulation {
public:
    //! Builds the network and models; throws InputError if the model is inconsistent.
    explicit Simulation(const Scenario& scenario);
    //! Runs the whole period; returns the totals. Throws SolverError/Error on failure.
    RunTotals run(ResultSink& sink, const RunOptions& options = {});
    //! Warnings that need no run (`heatnet check`): the scenario's checks and the hydraulic
    //! limits at the design hour (solver/run/DesignChecks.h).
    std::vector<Warning> designWarnings() const;

    const Network& network() const { return m_network; }
    const ThermalSystem& thermal() const { return *m_thermal; }

private:
    //! The run with plug-flow pipes (solver/run/PlugFlowRun.cpp).
    RunTotals runPlugFlow(ResultSink& sink, const RunOptions& options);
    //! Initial supply and return water temperatures [K].
    double initialSupply() const;
    double initialReturn(double supply_K) const;
    //! Flows the substations and the prescribed plants choose for the hydraulic node at t,
    //! decided at `now` from the supply each substation sees and the water reaching each plant
    //! (in `observed`, the thermal model now). `flowsNow`: the hydraulic state the network runs
    //! with now (nullptr at the first decision); its transport delays set the substations'
    //! control lag (docs/models.md).
    void controlFlows(double t, double now, double hydraulicStep_s,
                      const ThermalObservation& observed, const HydraulicState* flowsNow,
                      std::vector<double>& consumerFlow, std::vector<double>& plantFlow);
    //! Hour counters of one output step (unmet heat, low supply, running sources).
    void tallyOutput(const StepRecord& record, RunTotals& totals) const;
    //! Whether this run's pressures, checks and sink go to a thread of their own
    //! (solver/run/PressureStage.h): asked by `options`, in a tree network, not already on a
    //! sweep's thread, below the size whose per-pipe hydraulic work takes the OpenMP team.
    bool pressuresOnThread(const RunOptions& options) const;
    //! What becomes of each output record once its pressures are known: the record's pressures,
    //! the sink, the run's checks and tallies (into `totals`).
    std::function<void(StepRecord&, const HydraulicState&)>
    outputHandler(ResultSink& sink, RunChecks& checks, RunTotals& totals) const;

    const Scenario& m_scenario;
    Network m_network;
    Hydraulics m_hydraulics;
    std::unique_ptr<ThermalSystem> m_thermal;
    std::vector<double> m_pipeWater_kg; //!< water in each supply pipe [kg]
    SupplyWaterAge m_waterAge;          //!< ages of the supply water, for the control lag
    //! Scratch of controlFlows: the supply at each substation, the water reaching each plant [K]
    std::vector<double> m_supplyNow_K, m_plantInletNow_K;
    //! Supply each substation's controller sizes on, relative to the balancing plant's set
    //! point when that water left it [K]
    std::vector<double> m_controlSupply_K;
};

} // namespace heatnet
