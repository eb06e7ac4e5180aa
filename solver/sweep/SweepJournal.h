#pragma once
// The journal of a running sweep: every finished case is appended as one framed record and
// flushed to disk (fdatasync) before the next is taken, so a sweep killed at any instant (kill -9,
// a node lost) loses no finished case, and `--resume` runs exactly the cases missing from it. A
// record torn by the kill (the last, incomplete frame) is cut off on reopening. The journal sits
// beside the result file ("<output>.journal"), is locked while a sweep uses it, and is removed
// once the result file has been written. Frame: "HNSR", u64 length, bytes, u64 FNV-1a checksum.
#include "solver/sweep/SweepRecord.h"

#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

namespace heatnet {

class SweepJournal {
public:
    //! Opens the journal at `path` for the sweep with `fingerprint`, locking it. With `resume` an
    //! existing journal's complete records are loaded (its fingerprint must match: InputError
    //! otherwise); without, an existing journal is an InputError (a sweep was interrupted: resume
    //! it or delete the journal). Another process holding the lock: OutputError.
    SweepJournal(std::filesystem::path path, const std::string& fingerprint, bool resume);
    ~SweepJournal();
    SweepJournal(const SweepJournal&) = delete;
    SweepJournal& operator=(const SweepJournal&) = delete;

    //! The records found on opening (resume), in journal order.
    const std::vector<CaseRecord>& loaded() const { return m_loaded; }
    //! Appends one record and syncs it to disk; safe to call from several threads.
    void append(const CaseRecord& record);
    //! Closes and deletes the journal (once the result file holds every record).
    void remove();
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
    int m_fd = -1;
    std::mutex m_mutex;
    std::vector<CaseRecord> m_loaded;
};

//! "<output>.journal".
std::filesystem::path journalPathFor(const std::filesystem::path& output);

} // namespace heatnet
