#pragma once
// Commands that read result files the user gives (`info`, `report`, `sweep merge`) run their work
// in a child process, so that a file that crashes the HDF5 library becomes a clear error instead
// of a crash of heatnet. HDF5 1.10.8 frees uninitialised pointers on some corrupted files
// (H5Literate → H5G__link_release_table, found by fuzz/fuzz_info.cpp); its parser cannot be
// validated around from outside. Other corrupted files make it loop for ever (H5HG_read inside a
// variable-length string conversion): each file's reading gets a budget of processor time, after
// which the child is stopped and the file named. Why this design: docs/reliability.md,
// "Untrusted result files".
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>

namespace heatnet::cli {

//! Shared with the parent: which user-given file the child is reading now, so that a crash
//! names it. Lives in a page mapped before fork (no pipe to drain, no message to frame).
class ReadWatch {
public:
    //! Calls `read` while the parent knows that `file` is being read.
    template <typename Read> auto reading(const std::filesystem::path& file, Read&& read) {
        struct Scope {
            ReadWatch& watch;
            ~Scope() { watch.end(); }
        };
        begin(file);
        const Scope scope{*this};
        return read();
    }

    //! The state the page holds.
    struct Page {
        bool reading = false;    //!< inside reading()
        bool finished = false;   //!< the child returned from its body (not killed)
        unsigned cpuLimit_s = 0; //!< processor-time budget of the file being read
        char file[4000] = {};    //!< the file being read (cut at 3,999 bytes)
    };
    explicit ReadWatch(Page* page) : m_page(page) {}

private:
    void begin(const std::filesystem::path& file);
    void end();
    Page* m_page;
    unsigned long m_savedCpuLimit = 0; //!< the soft RLIMIT_CPU before begin() (rlim_t)
};

//! Processor seconds the reading of one user-given file may take before the worker is stopped:
//! HEATNET_READ_CPU_LIMIT (whole seconds, 1 to 86,400) when set and valid, otherwise 600 — far
//! above the seconds a real result file takes (docs/reliability.md measures them).
unsigned readCpuLimitSeconds();

//! Runs `body` (guarded: heatnet's errors become messages on stderr and an exit code) in a forked
//! child process and returns its exit code. The child's stdout is kept and printed by the parent
//! when the child has ended normally, so a crash never leaves half a table on the terminal; stderr
//! is the parent's. If the child dies inside ReadWatch::reading (a signal, or a sanitizer's
//! report), the parent prints "FILE: not a readable heatnet result (the HDF5 library crashed
//! reading it)" and returns 2; if reading one file took more processor time than
//! readCpuLimitSeconds(), "FILE: not a readable heatnet result (the HDF5 library did not finish
//! reading it in N s of processor time)" and 2; SIGINT, SIGTERM or SIGHUP → 130; a death
//! elsewhere → 1.
int runIsolated(const char* command, const std::function<int(ReadWatch&)>& body);

} // namespace heatnet::cli
