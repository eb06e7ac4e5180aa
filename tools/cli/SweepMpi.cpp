#include "tools/cli/SweepMpi.h"

#include "solver/Error.h"
#include "solver/sweep/SweepCase.h"

#include <fmt/format.h>
#include <mpi.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace heatnet::cli {

namespace {

enum Tag : int {
    kReady = 1,  //!< worker → 0: I can run a case (payload: the sweep's fingerprint)
    kResult = 2, //!< worker → 0: a finished case (payload: serialised record); I can run another
    kGone = 3,   //!< worker → 0: interrupted, I stop
    kWork = 4,   //!< 0 → worker: run this case (payload: u64 index)
    kStop = 5,   //!< 0 → worker: no more cases
};

//! Rank 0 looks for messages this often while its own threads compute: a blocking receive would
//! spin a core that a case could use.
constexpr auto kPollInterval = std::chrono::milliseconds(2);
//! A rank waiting for others (for work, for rank 0's check of every case, for the end) looks
//! this often: Open MPI's blocking calls spin a core (busy polling) while they wait, and on a
//! machine with as many ranks as cores that core is the one the rank being waited for needs.
constexpr auto kWaitInterval = std::chrono::milliseconds(1);

//! Waits for `request` without spinning.
void waitWithoutSpinning(MPI_Request& request) {
    int done = 0;
    MPI_Test(&request, &done, MPI_STATUS_IGNORE);
    while (!done) {
        std::this_thread::sleep_for(kWaitInterval);
        MPI_Test(&request, &done, MPI_STATUS_IGNORE);
    }
}

//! Every rank has arrived here; none spins while it waits for the others.
void barrierWithoutSpinning() {
    MPI_Request request;
    MPI_Ibarrier(MPI_COMM_WORLD, &request);
    waitWithoutSpinning(request);
}

void send(const std::string& bytes, int to, int tag) {
    MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_CHAR, to, tag, MPI_COMM_WORLD);
}

std::string receive(const MPI_Status& status) {
    int count = 0;
    MPI_Get_count(&status, MPI_CHAR, &count);
    std::string bytes(static_cast<std::size_t>(count), '\0');
    MPI_Recv(bytes.data(), count, MPI_CHAR, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD,
             MPI_STATUS_IGNORE);
    return bytes;
}

} // namespace

bool launchedByMpi() {
    for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK"}) {
        if (std::getenv(name)) {
            return true;
        }
    }
    return false;
}

MpiSession::MpiSession(bool enabled) : m_enabled(enabled) {
    if (!m_enabled) {
        return;
    }
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &m_rank);
    MPI_Comm_size(MPI_COMM_WORLD, &m_size);
}

MpiSession::~MpiSession() {
    if (m_enabled) {
        // The workers end first and would spin in MPI_Finalize while rank 0 writes the file.
        barrierWithoutSpinning();
        MPI_Finalize();
    }
}

std::pair<int, int> MpiSession::agree(int status) const {
    if (!m_enabled) {
        return {status, status};
    }
    int root = status, worst = 0;
    // The workers arrive first and would spin while rank 0 reads every case.
    barrierWithoutSpinning();
    MPI_Bcast(&root, 1, MPI_INT, 0, MPI_COMM_WORLD);
    MPI_Allreduce(&status, &worst, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    return {root, worst};
}

void serveWorkers(SweepRunState& state, int workers) {
    int active = workers;
    while (active > 0) {
        int flag = 0;
        MPI_Status status;
        MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
        if (!flag) {
            std::this_thread::sleep_for(kPollInterval);
            continue;
        }
        const std::string bytes = receive(status);
        const int from = status.MPI_SOURCE;
        bool stop = false;
        if (status.MPI_TAG == kGone) {
            --active;
            continue;
        }
        if (status.MPI_TAG == kReady && bytes != state.sweep().fingerprint) {
            state.fail(std::make_exception_ptr(InputError(fmt::format(
                "MPI rank {} read a different sweep (another sweep file or base scenario on its "
                "node); every rank must see the same files",
                from))));
            stop = true;
        }
        // The worker gets its next case first; the finished one is then committed (journal
        // write and fdatasync), while the worker already computes. A kill in between loses
        // only that uncommitted case, which --resume runs again (it was never in the journal).
        const auto next = stop ? std::nullopt : state.take();
        if (next) {
            const std::uint64_t index = *next;
            std::string payload(sizeof index, '\0');
            std::memcpy(payload.data(), &index, sizeof index);
            send(payload, from, kWork);
        } else {
            send("", from, kStop);
            --active;
        }
        if (status.MPI_TAG == kResult) {
            state.commit(deserialiseRecord(bytes));
        }
    }
}

void workForRankZero(const SweepDefinition& sweep, const std::atomic<bool>& interrupted) {
    send(sweep.fingerprint, 0, kReady);
    while (true) {
        // Polled, not MPI_Probe: a blocking probe spins a core while rank 0 answers.
        MPI_Status status;
        int flag = 0;
        MPI_Iprobe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
        while (!flag) {
            std::this_thread::sleep_for(kWaitInterval);
            MPI_Iprobe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
        }
        const std::string bytes = receive(status);
        if (status.MPI_TAG != kWork) {
            return;
        }
        std::uint64_t index = 0;
        std::memcpy(&index, bytes.data(), sizeof index);
        CaseRecord record;
        try {
            record = runSweepCase(sweep, static_cast<std::size_t>(index), &interrupted);
        } catch (...) {
            send("", 0, kGone);
            if (interrupted.load()) {
                return;
            }
            throw;
        }
        send(serialiseRecord(record), 0, kResult);
    }
}

} // namespace heatnet::cli
