#pragma once
// What the workers of one sweep share on this process: the cases still to hand out, the journal
// every finished case goes to, the progress bar. Local OpenMP threads and the MPI service (rank 0)
// take cases from it and commit results to it; both may do so at once.
#include "solver/sweep/SweepDefinition.h"
#include "solver/sweep/SweepJournal.h"
#include "tools/cli/Progress.h"

#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <vector>

namespace heatnet::cli {

class SweepRunState {
public:
    SweepRunState(const SweepDefinition& sweep, SweepJournal& journal,
                  std::vector<std::size_t> pending, const std::atomic<bool>& interrupted);

    //! The next case to run, or nullopt when none is left or the sweep was interrupted.
    std::optional<std::size_t> take();
    //! Journals a finished case (durably), counts it and redraws the progress bar.
    void commit(CaseRecord record);
    //! Keeps the first error a worker thread met (rethrown by rethrowIfFailed).
    void fail(std::exception_ptr error);
    void rethrowIfFailed();

    //! Runs cases on `threads` OpenMP threads until none is left. With `serveMpi`, thread 0 runs
    //! `serveMpi` instead (the MPI calls stay on the main thread) and the others run cases.
    void runLocal(int threads, const std::function<void()>& serveMpi = {});

    const SweepDefinition& sweep() const { return m_sweep; }
    const std::atomic<bool>& interrupted() const { return m_interrupted; }
    //! The records committed in this process, in commit order.
    std::vector<CaseRecord> takeFinished();
    std::size_t failedCount() const { return m_failed; }
    void finishProgress() { m_bar.finish(); }

private:
    const SweepDefinition& m_sweep;
    SweepJournal& m_journal;
    std::vector<std::size_t> m_pending;
    std::size_t m_next = 0;
    const std::atomic<bool>& m_interrupted;
    std::mutex m_mutex;
    std::vector<CaseRecord> m_finished;
    std::size_t m_failed = 0;
    std::exception_ptr m_error;
    ProgressBar m_bar;
};

} // namespace heatnet::cli
