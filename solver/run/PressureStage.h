#pragma once
// The pressure end of a run (plug flow or finite volumes): for each hydraulic node, the pressures
// of its solved flows (Hydraulics::solvePressures: water properties, friction drops, nodal
// pressures, heads, pump power) and the pump's energy; for each output time, the record's
// pressures, the run's checks and the sink (the `OutputHandler`).
//
// In a tree network nothing the thermal run does depends on the pressures (the substations draw
// what their demand asks; flows follow from mass balance), so this work can run on a thread of
// its own while the simulation thread moves the water on: `threaded`. The simulation thread then
// hands over each node's flows and pipe temperatures, and each output record, in batches of one
// output step (a batch holds the output step's hydraulic nodes and its record; batches are
// handed over several at a time, below). The stage does everything in the order it was handed over,
// on one thread, so the results are bit for bit those of the same work done in line (the friction
// roots of one node start the next's; tests/test_pressure_stage.cpp compares the result files).
// Otherwise (`threaded` false: meshed networks, whose loop flows need the drops; networks large
// enough to share the per-pipe work among OpenMP threads; runs already on a thread of a sweep)
// the caller solves the pressures with the flows and the stage does its part at each hand-over,
// in the calling thread.
//
// The simulation thread hands over every kPublishEvery output steps (a hand-over that wakes the
// stage's thread costs a system call, microseconds: once per output step that would be 3 % of a
// DESTEST year); at most kBatches output steps wait for the stage, beyond that the simulation
// thread waits (memory stays bounded when the stage, or the sink behind it, is the slower).
#include "solver/network/Hydraulics.h"
#include "solver/run/Simulation.h"

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

namespace heatnet {

class PressureStage {
public:
    //! What becomes of an output record once the pressures of its time are known: called with
    //! the record and the hydraulic state of its time, pressures included, in the stage's thread.
    using OutputHandler = std::function<void(StepRecord& record, const HydraulicState& state)>;

    //! `hydraulics` (kept by reference) solves the pressures when `threaded`; `hydraulicStep_s`:
    //! the time between two nodes, for the pump energy.
    PressureStage(const Hydraulics& hydraulics, bool threaded, double hydraulicStep_s,
                  OutputHandler onOutput);
    //! Stops the stage's thread; what it has not done yet is dropped (a run that throws).
    ~PressureStage();
    PressureStage(const PressureStage&) = delete;
    PressureStage& operator=(const PressureStage&) = delete;

    bool threaded() const { return m_threaded; }
    //! The next hydraulic node, in time order: solves its flows into `state` (and, when not
    //! threaded, its pressures too: Hydraulics::solve) and hands the node to the stage.
    //! `supplyMean_K`, `returnMean_K`: each pipe's mean water temperature, which the pressures
    //! are solved with.
    void solveNode(std::span<const double> consumerFlow_kg_s,
                   std::span<const double> plantFlow_kg_s, std::span<const double> supplyMean_K,
                   std::span<const double> returnMean_K, HydraulicState& state);
    //! The record of the output time of the node pushed last, swapped with `record` (which gets
    //! a used record back, whose vectors the caller's filling reuses). `state`: that node's state
    //! as the caller has it (used when not threaded: its pressures are then solved). Rethrows
    //! what the stage's thread threw.
    void pushRecord(StepRecord& record, const HydraulicState& state);
    //! Waits until the stage has done all it was handed (rethrows what its thread threw), then
    //! adds its part to `totals`: the pump's energy over the nodes, trapezoidal between nodes
    //! [J], the largest head after the first node [Pa], and whether it ran on its own thread.
    void finish(RunTotals& totals);

    //! Output steps handed over at once, and that may wait for the stage.
    static constexpr std::size_t kPublishEvery = 4;
    static constexpr std::size_t kBatches = 8;

private:
    struct Node {
        HydraulicState state;
        std::vector<double> supplyMean_K, returnMean_K;
    };
    //! One output step: its nodes (the first batch has the initial node too) and its record.
    struct Batch {
        std::vector<Node> nodes; //!< kept with their vectors' sizes; `count` in use
        std::size_t count = 0;
        StepRecord record;
    };
    //! The pump's part of one node (pressures solved).
    void accountPump(const HydraulicState& state);
    //! Hands over a node whose flows are solved (threaded) or the pump's part of it (not).
    void pushNode(const HydraulicState& state, std::span<const double> supplyMean_K,
                  std::span<const double> returnMean_K);
    //! The stage's work on one batch (its thread, or the caller's when not threaded).
    void process(Batch& batch);
    //! The stage's thread: batches in order until stopped.
    void work();
    //! Hands the batches filled so far to the stage's thread; waits until the next
    //! kPublishEvery batches are free. Rethrows what the stage's thread threw.
    void publish();
    //! Throws what the stage's thread threw, if it did (under the lock).
    void rethrowLocked();

    const Hydraulics& m_hydraulics;
    const bool m_threaded;
    const double m_hydraulicStep_s;
    OutputHandler m_onOutput;
    double m_pumpEnergy_J = 0, m_maxPumpHead_Pa = 0;
    double m_lastPumpPower_W = 0;
    bool m_firstNode = true;

    // Threaded: a ring of batches. The caller fills batch `m_filled % kBatches` and publishes it
    // (m_filled + 1); the thread takes batch `m_done % kBatches` while m_done < m_published.
    std::vector<Batch> m_batches;
    std::size_t m_filled = 0;        //!< batches filled (the caller's)
    std::size_t m_publishedHere = 0; //!< m_published as the caller last set it (the caller's)
    std::size_t m_published = 0;     //!< under m_mutex
    std::size_t m_done = 0;          //!< under m_mutex
    bool m_stop = false;             //!< under m_mutex
    std::exception_ptr m_error;      //!< under m_mutex
    std::mutex m_mutex;
    std::condition_variable m_work, m_space;
    std::thread m_thread;
};

} // namespace heatnet
