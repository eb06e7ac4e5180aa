#pragma once
// The one output-path policy of heatnet (docs/reliability.md). Every command that writes a
// result (run, report, sweep) checks its outputs here before any work starts, and holds an
// OutputLock on each while writing:
//  - an output is a regular file or does not exist yet: never a symlink, a device, a FIFO, a
//    socket or a folder (a rename over them would replace the special file itself);
//  - an output is never one of the inputs (the scenario, a CSV it reads), compared by device and
//    inode, so that another spelling or a hard link is caught too;
//  - two outputs of one command are never the same file under two spellings;
//  - a scenario's name becomes a file name only through outputFileStem (never a path);
//  - one writer per output: an advisory lock (flock) on "<output>.lock" refuses a second one;
//  - temporary files "<output>.tmp-<pid>" left by a dead process are removed by the next writer
//    (and, with lock files of dead writers, by `heatnet clean`).
#include <filesystem>
#include <string>
#include <vector>

namespace heatnet {

//! A file name stem made from a scenario name: '/', '\', control characters and leading dots
//! become '_' (a name never climbs out of the results folder nor hides a file), at most 200
//! bytes, "scenario" when nothing is left.
std::string outputFileStem(const std::string& scenarioName);

//! Throws InputError when `output` exists and is not a regular file (a symlink, device, FIFO,
//! socket or folder), or when it is the same file (device and inode) as one of `inputs`.
void checkOutputPath(const std::filesystem::path& output,
                     const std::vector<std::filesystem::path>& inputs);

//! Throws InputError when two of `outputs` name the same file under different spellings
//! (compared after making them absolute and resolving symlinks in their folders).
void checkDistinctOutputs(const std::vector<std::filesystem::path>& outputs);

//! Exclusive advisory lock on "<output>.lock" for as long as the object lives: a second writer
//! of the same output (another process) gets an OutputError naming the holder's pid. Creates the
//! output's folder if needed. While it holds the lock it removes the temporary files
//! "<output>.tmp-<pid>" of processes that no longer exist. The lock file is removed on release.
class OutputLock {
public:
    explicit OutputLock(std::filesystem::path output);
    ~OutputLock();
    OutputLock(OutputLock&& other) noexcept;
    OutputLock& operator=(OutputLock&&) = delete;
    OutputLock(const OutputLock&) = delete;
    OutputLock& operator=(const OutputLock&) = delete;
    //! The lock file's path: "<output>.lock".
    const std::filesystem::path& lockPath() const { return m_lockPath; }
    //! Number of stale temporary files removed when the lock was taken.
    int staleFilesRemoved() const { return m_staleRemoved; }

private:
    std::filesystem::path m_lockPath;
    int m_fd = -1;
    int m_staleRemoved = 0;
};

//! Removes the stale temporary files "<output>.tmp-<pid>" (dead pid) next to `output`; returns
//! how many. Called by OutputLock; public for tests.
int removeStaleTemporaries(const std::filesystem::path& output);

//! A file left by a heatnet process that no longer exists, removed by removeStaleFiles.
struct StaleFile {
    enum class Kind { Temporary, Lock };
    std::filesystem::path path;
    long pid = 0; //!< the process that left it
    Kind kind = Kind::Temporary;
};

//! What `heatnet clean PATH` removes. PATH a folder: every "<name>.tmp-<pid>" in it whose process
//! is gone, and every "<name>.lock" whose text is the pid of a process that is gone and whose lock
//! nobody holds. PATH anything else (an output, existing or not): the same for that output only.
//! A live process's files are never touched (kill(pid, 0) must say ESRCH; a lock is taken before
//! its file is removed).
std::vector<StaleFile> removeStaleFiles(const std::filesystem::path& path);

} // namespace heatnet
