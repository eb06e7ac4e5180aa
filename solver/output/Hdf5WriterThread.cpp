#include "solver/output/Hdf5WriterThread.h"

#include <utility>

namespace heatnet {

Hdf5WriterThread::Hdf5WriterThread(std::filesystem::path finalPath, Threading threading,
                                   std::size_t capacity)
    : m_finalPath(std::move(finalPath)), m_capacity(capacity == 0 ? 1 : capacity) {
    if (threading == Threading::Direct) {
        m_direct = std::make_unique<Hdf5Writer>(m_finalPath);
        return;
    }
    m_running = true; // creating the writer counts as the first job
    m_thread = std::thread([this] { serve(); });
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_running; });
    if (m_failure) {
        m_stopping = true;
        lock.unlock();
        m_changed.notify_all();
        m_thread.join();
        std::rethrow_exception(m_failure);
    }
}

Hdf5WriterThread::~Hdf5WriterThread() {
    if (!m_thread.joinable()) {
        return; // Direct mode: m_direct's destructor removes an uncommitted file
    }
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_jobs.clear();
    }
    m_changed.notify_all();
    m_thread.join();
}

void Hdf5WriterThread::serve() {
    std::unique_ptr<Hdf5Writer> writer;
    try {
        writer = std::make_unique<Hdf5Writer>(m_finalPath);
    } catch (...) {
        const std::lock_guard lock(m_mutex);
        m_failure = std::current_exception();
    }
    std::unique_lock lock(m_mutex);
    m_running = false;
    m_changed.notify_all();
    while (true) {
        m_changed.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
        if (m_stopping) {
            break;
        }
        Job job = std::move(m_jobs.front());
        m_jobs.pop_front();
        if (m_failure || !writer) {
            // After a failure nothing more is written; the caller rethrows it.
            m_changed.notify_all();
            continue;
        }
        m_running = true;
        m_changed.notify_all(); // a place in the queue is free
        lock.unlock();
        std::exception_ptr failure;
        try {
            job(*writer);
        } catch (...) {
            failure = std::current_exception();
        }
        lock.lock();
        if (failure && !m_failure) {
            m_failure = failure;
        }
        m_running = false;
        m_changed.notify_all();
    }
    lock.unlock();
    // Every HDF5 call on this thread, the last ones too: closing the ids and removing the
    // temporary file of an uncommitted run.
    writer.reset();
}

void Hdf5WriterThread::rethrowFailure() const {
    if (m_failure) {
        std::rethrow_exception(m_failure);
    }
}

void Hdf5WriterThread::drain(std::unique_lock<std::mutex>& lock) {
    m_changed.wait(lock, [this] { return m_jobs.empty() && !m_running; });
    rethrowFailure();
}

void Hdf5WriterThread::post(Job job) {
    if (m_direct) {
        job(*m_direct);
        return;
    }
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_failure || m_jobs.size() < m_capacity; });
    rethrowFailure();
    m_jobs.push_back(std::move(job));
    lock.unlock();
    m_changed.notify_all();
}

void Hdf5WriterThread::run(Job job) {
    if (m_direct) {
        job(*m_direct);
        return;
    }
    post(std::move(job));
    std::unique_lock lock(m_mutex);
    drain(lock);
}

} // namespace heatnet
