#include "tools/cli/SweepRunState.h"

#include "solver/sweep/SweepCase.h"

#include <fmt/format.h>

#include <omp.h>

namespace heatnet::cli {

SweepRunState::SweepRunState(const SweepDefinition& sweep, SweepJournal& journal,
                             std::vector<std::size_t> pending, const std::atomic<bool>& interrupted)
    : m_sweep(sweep), m_journal(journal), m_pending(std::move(pending)), m_interrupted(interrupted),
      m_bar(fmt::format("sweep: 0/{} cases", m_pending.size())) {
    m_bar.update(0);
}

std::optional<std::size_t> SweepRunState::take() {
    const std::lock_guard lock(m_mutex);
    if (m_interrupted.load() || m_error || m_next >= m_pending.size()) {
        return std::nullopt;
    }
    return m_pending[m_next++];
}

void SweepRunState::commit(CaseRecord record) {
    m_journal.append(record);
    const std::lock_guard lock(m_mutex);
    m_failed += record.done ? 0 : 1;
    m_finished.push_back(std::move(record));
    const std::size_t total = m_pending.size();
    m_bar.setLabel(
        fmt::format("sweep: {}/{} cases, {} failed", m_finished.size(), total, m_failed));
    m_bar.update(total ? static_cast<double>(m_finished.size()) / total : 1.0);
}

void SweepRunState::fail(std::exception_ptr error) {
    const std::lock_guard lock(m_mutex);
    if (!m_error) {
        m_error = error;
    }
}

void SweepRunState::rethrowIfFailed() {
    if (m_error) {
        std::rethrow_exception(m_error);
    }
}

std::vector<CaseRecord> SweepRunState::takeFinished() {
    const std::lock_guard lock(m_mutex);
    return std::move(m_finished);
}

void SweepRunState::runLocal(int threads, const std::function<void()>& serveMpi) {
    const int team = std::max(1, threads) + (serveMpi ? 1 : 0);
#pragma omp parallel num_threads(team)
    {
        try {
            if (serveMpi && omp_get_thread_num() == 0) {
                serveMpi();
            } else {
                // Each case builds its own Simulation and SUNDIALS context: nothing is shared.
                while (const auto index = take()) {
                    CaseRecord record = runSweepCase(m_sweep, *index, &m_interrupted);
                    commit(std::move(record));
                }
            }
        } catch (...) {
            // An interrupted case throws: it is simply not committed.
            if (!m_interrupted.load()) {
                fail(std::current_exception());
            }
        }
    }
}

} // namespace heatnet::cli
