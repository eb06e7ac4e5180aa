#pragma once
// One result file written on a thread of its own, so that compressing and writing the series
// (the HDF5 deflate filter: a fifth to two fifths of a run, docs/performance.md) goes on while
// the simulation computes the next block of rows.
//
// Debian's libhdf5 is not built thread-safe, so every HDF5 call of the file happens on this one
// thread: the Hdf5Writer is created, used, committed and destroyed there. The caller hands work
// over as jobs (functions of the Hdf5Writer) through a bounded queue: post() returns at once
// unless `capacity` jobs are already waiting (then it waits, which bounds the memory held by
// queued rows); run() waits for the job and every one before it.
//
// Errors: the first job that throws (a full disk, a bad path) stops the thread's work; the jobs
// after it are dropped and the next post() or run() on the caller's side rethrows the same
// exception, so the message and the exit code are those of a direct write. Destroying the
// object before a job committed the file drops the waiting jobs and removes the temporary file,
// as Hdf5Writer's destructor does (an interrupted run leaves no file).
//
// Direct mode (Threading::Direct) runs each job at once on the caller's thread: same jobs, same
// order, no thread — the reference the threaded file is tested against.
#include "solver/output/Hdf5File.h"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace heatnet {

class Hdf5WriterThread {
public:
    //! Where the jobs run.
    enum class Threading { WriterThread, Direct };
    //! A piece of work on the file.
    using Job = std::function<void(Hdf5Writer&)>;

    //! Creates the Hdf5Writer for `finalPath` (on the writer thread) and waits for it: a path
    //! that cannot be written throws its OutputError here. `capacity`: jobs that may wait.
    explicit Hdf5WriterThread(std::filesystem::path finalPath,
                              Threading threading = Threading::WriterThread,
                              std::size_t capacity = 2);
    //! Drops the waiting jobs, destroys the writer on its thread (which removes the temporary
    //! file unless a job committed it) and joins the thread.
    ~Hdf5WriterThread();
    Hdf5WriterThread(const Hdf5WriterThread&) = delete;
    Hdf5WriterThread& operator=(const Hdf5WriterThread&) = delete;

    //! Queues `job`; waits while `capacity` jobs are waiting. Rethrows the failure of an earlier
    //! job instead of queueing.
    void post(Job job);
    //! Runs `job` after every queued one and waits for it; rethrows any job's failure.
    void run(Job job);

private:
    //! The writer thread: creates the writer, runs jobs until told to stop, destroys it.
    void serve();
    //! Waits until no job waits or runs; rethrows the first failure.
    void drain(std::unique_lock<std::mutex>& lock);
    //! Rethrows the first failure, if any (the caller holds the lock).
    void rethrowFailure() const;

    std::filesystem::path m_finalPath;
    std::size_t m_capacity;
    std::unique_ptr<Hdf5Writer> m_direct; //!< Direct mode's writer (no thread)
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Job> m_jobs;
    bool m_running = false;  //!< a job is running on the thread
    bool m_stopping = false; //!< the destructor asked the thread to end
    std::exception_ptr m_failure;
    std::thread m_thread;
};

} // namespace heatnet
