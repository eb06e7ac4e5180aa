#pragma once
// A sweep over MPI ranks (Open MPI): rank 0 hands out cases one at a time as ranks ask, runs cases
// on its own threads meanwhile, and gathers every result into its journal and the one result
// file; the other ranks read the same sweep file, run what they are given and send back the
// record. Only the main thread of each rank calls MPI (MPI_THREAD_FUNNELED).
#include "solver/sweep/SweepDefinition.h"
#include "tools/cli/SweepRunState.h"

#include <atomic>
#include <string>

namespace heatnet::cli {

//! True when mpirun / srun started this process (their environment variables are set).
bool launchedByMpi();

//! MPI_Init_thread on construction (when `enabled`), MPI_Finalize on destruction.
class MpiSession {
public:
    explicit MpiSession(bool enabled);
    ~MpiSession();
    MpiSession(const MpiSession&) = delete;
    MpiSession& operator=(const MpiSession&) = delete;
    bool enabled() const { return m_enabled; }
    int rank() const { return m_rank; }
    int size() const { return m_size; }
    //! Every rank contributes its status (exit code, 0 = ready); returns {rank 0's, the worst}.
    std::pair<int, int> agree(int status) const;

private:
    bool m_enabled = false;
    int m_rank = 0, m_size = 1;
};

//! Rank 0, main thread: answers the other ranks until each has been told to stop.
void serveWorkers(SweepRunState& state, int workers);

//! Ranks > 0: asks rank 0 for cases, runs them, sends the records back, until told to stop.
void workForRankZero(const SweepDefinition& sweep, const std::atomic<bool>& interrupted);

} // namespace heatnet::cli
