#include "solver/run/PressureStage.h"

#include <algorithm>
#include <utility>

namespace heatnet {

PressureStage::PressureStage(const Hydraulics& hydraulics, bool threaded, double hydraulicStep_s,
                             OutputHandler onOutput)
    : m_hydraulics(hydraulics), m_threaded(threaded), m_hydraulicStep_s(hydraulicStep_s),
      m_onOutput(std::move(onOutput)) {
    if (m_threaded) {
        m_batches.resize(kBatches);
        m_thread = std::thread([this] { work(); });
    }
}

PressureStage::~PressureStage() {
    if (m_thread.joinable()) {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_work.notify_one();
        m_thread.join();
    }
}

void PressureStage::accountPump(const HydraulicState& state) {
    // Pump power varies linearly with the flows between two nodes: trapezoidal energy.
    if (!m_firstNode) {
        m_pumpEnergy_J += 0.5 * (m_lastPumpPower_W + state.pumpPower_W) * m_hydraulicStep_s;
        m_maxPumpHead_Pa = std::max(m_maxPumpHead_Pa, state.pumpHead_Pa);
    }
    m_lastPumpPower_W = state.pumpPower_W;
    m_firstNode = false;
}

void PressureStage::solveNode(std::span<const double> consumerFlow_kg_s,
                              std::span<const double> plantFlow_kg_s,
                              std::span<const double> supplyMean_K,
                              std::span<const double> returnMean_K, HydraulicState& state) {
    if (m_threaded) {
        m_hydraulics.solveFlows(consumerFlow_kg_s, plantFlow_kg_s, supplyMean_K, returnMean_K,
                                state);
    } else {
        m_hydraulics.solve(consumerFlow_kg_s, plantFlow_kg_s, supplyMean_K, returnMean_K, state);
    }
    pushNode(state, supplyMean_K, returnMean_K);
}

void PressureStage::pushNode(const HydraulicState& state, std::span<const double> supplyMean_K,
                             std::span<const double> returnMean_K) {
    if (!m_threaded) {
        accountPump(state);
        return;
    }
    Batch& batch = m_batches[m_filled % kBatches];
    if (batch.count == batch.nodes.size()) {
        batch.nodes.emplace_back();
    }
    Node& node = batch.nodes[batch.count++];
    // What solvePressures reads: the flows and the temperatures (assignments reuse the vectors).
    node.state.pipeFlow_kg_s = state.pipeFlow_kg_s;
    node.state.returnFlow_kg_s = state.returnFlow_kg_s;
    node.state.plantFlow_kg_s = state.plantFlow_kg_s;
    node.state.newtonIterations = state.newtonIterations;
    node.supplyMean_K.assign(supplyMean_K.begin(), supplyMean_K.end());
    node.returnMean_K.assign(returnMean_K.begin(), returnMean_K.end());
}

void PressureStage::pushRecord(StepRecord& record, const HydraulicState& state) {
    if (!m_threaded) {
        m_onOutput(record, state);
        return;
    }
    std::swap(m_batches[m_filled % kBatches].record, record);
    if (++m_filled - m_publishedHere >= kPublishEvery) {
        publish();
    }
}

void PressureStage::publish() {
    std::unique_lock lock(m_mutex);
    rethrowLocked();
    m_published = m_publishedHere = m_filled;
    m_work.notify_one(); // before waiting below: the thread must be awake to make room
    // The batches filled before the next hand-over must be ones the thread is done with.
    m_space.wait(lock, [&] { return m_filled + kPublishEvery - m_done <= kBatches || m_error; });
    rethrowLocked();
}

void PressureStage::finish(RunTotals& totals) {
    if (m_threaded) {
        if (m_filled > m_publishedHere) {
            publish();
        }
        {
            std::unique_lock lock(m_mutex);
            m_space.wait(lock, [&] { return m_done == m_published || m_error; });
            rethrowLocked();
            m_stop = true;
        }
        m_work.notify_one();
        m_thread.join();
    }
    totals.pump_J = m_pumpEnergy_J;
    totals.maxPumpHead_Pa = m_maxPumpHead_Pa;
    totals.pressuresOnThread = m_threaded;
}

void PressureStage::rethrowLocked() {
    if (m_error) {
        std::rethrow_exception(m_error);
    }
}

void PressureStage::process(Batch& batch) {
    for (std::size_t i = 0; i < batch.count; ++i) {
        Node& node = batch.nodes[i];
        m_hydraulics.solvePressures(node.supplyMean_K, node.returnMean_K, node.state);
        accountPump(node.state);
    }
    if (batch.count > 0) {
        m_onOutput(batch.record, batch.nodes[batch.count - 1].state);
    }
    batch.count = 0;
}

void PressureStage::work() {
    std::unique_lock lock(m_mutex);
    while (true) {
        m_work.wait(lock, [&] { return m_stop || m_done < m_published; });
        if (m_stop) {
            return; // finished (nothing left), or the run threw (what is left is dropped)
        }
        Batch& batch = m_batches[m_done % kBatches];
        const bool failed = m_error != nullptr;
        lock.unlock();
        std::exception_ptr error;
        if (!failed) { // after a failure the batches are only counted: the caller stops
            try {
                process(batch);
            } catch (...) {
                error = std::current_exception();
            }
        }
        lock.lock();
        if (error) {
            m_error = error;
        }
        ++m_done;
        m_space.notify_one();
    }
}

} // namespace heatnet
