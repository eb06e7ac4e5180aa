#include "solver/output/OutputPath.h"

#include "solver/Error.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <optional>
#include <system_error>
#include <utility>

namespace heatnet {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxStemBytes = 200; // NAME_MAX 255 leaves room for ".h5.tmp-<pid>"

std::string errnoText(int code) {
    return std::generic_category().message(code);
}

//! What kind of thing sits at `path` (not following a final symlink), for messages.
std::string describeSpecial(const struct stat& s) {
    if (S_ISLNK(s.st_mode)) {
        return "a symbolic link";
    }
    if (S_ISDIR(s.st_mode)) {
        return "a folder";
    }
    if (S_ISCHR(s.st_mode) || S_ISBLK(s.st_mode)) {
        return "a device";
    }
    if (S_ISFIFO(s.st_mode)) {
        return "a FIFO (named pipe)";
    }
    if (S_ISSOCK(s.st_mode)) {
        return "a socket";
    }
    return "not a regular file";
}

bool sameFile(const struct stat& a, const struct stat& b) {
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

//! `path` absolute, with symlinks in its folder resolved (the file itself need not exist).
fs::path resolvedSpelling(const fs::path& path) {
    std::error_code ec;
    fs::path absolute = fs::absolute(path, ec);
    if (ec) {
        return path.lexically_normal();
    }
    fs::path folder = fs::weakly_canonical(absolute.parent_path(), ec);
    if (ec) {
        folder = absolute.parent_path().lexically_normal();
    }
    return folder / absolute.filename();
}

bool processIsGone(long pid) {
    return pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

} // namespace

std::string outputFileStem(const std::string& scenarioName) {
    std::string stem;
    for (char c : scenarioName) {
        const auto byte = static_cast<unsigned char>(c);
        const bool unsafe = c == '/' || c == '\\' || byte < 0x20 || byte == 0x7f;
        const bool leadingDot = c == '.' && stem.find_first_not_of('_') == std::string::npos;
        stem += unsafe || leadingDot ? '_' : c;
    }
    if (stem.size() > kMaxStemBytes) {
        stem.resize(kMaxStemBytes);
        // Do not leave part of a UTF-8 sequence at the end.
        std::size_t lead = stem.size() - 1;
        while (lead > 0 && (static_cast<unsigned char>(stem[lead]) & 0xC0) == 0x80) {
            --lead;
        }
        const auto first = static_cast<unsigned char>(stem[lead]);
        const std::size_t length = first < 0xC0 ? 1 : first < 0xE0 ? 2 : first < 0xF0 ? 3 : 4;
        if (lead + length > stem.size()) {
            stem.resize(lead);
        }
    }
    if (stem.find_first_not_of('_') == std::string::npos) {
        return "scenario";
    }
    return stem;
}

void checkOutputPath(const fs::path& output, const std::vector<fs::path>& inputs) {
    struct stat target {};
    if (::lstat(output.c_str(), &target) != 0) {
        if (errno == ENOENT) {
            return; // a new file: nothing there to destroy
        }
        if (errno == ENOTDIR) {
            throw InputError(
                fmt::format("output '{}': a part of its folder is not a folder", output.string()));
        }
        return; // other failures (permissions) are reported when the file is written
    }
    if (!S_ISREG(target.st_mode)) {
        throw InputError(fmt::format(
            "output '{}' is {}; heatnet writes regular files only (choose another path)",
            output.string(), describeSpecial(target)));
    }
    for (const fs::path& input : inputs) {
        struct stat source {};
        if (::stat(input.c_str(), &source) == 0 && sameFile(source, target)) {
            throw InputError(fmt::format("output '{}' is the input file '{}'; writing the result "
                                         "would destroy it (choose another output path)",
                                         output.string(), input.string()));
        }
    }
}

void checkDistinctOutputs(const std::vector<fs::path>& outputs) {
    std::vector<fs::path> spelled;
    std::vector<struct stat> identities(outputs.size());
    std::vector<bool> exists(outputs.size(), false);
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        spelled.push_back(resolvedSpelling(outputs[i]));
        exists[i] = ::stat(outputs[i].c_str(), &identities[i]) == 0;
        for (std::size_t j = 0; j < i; ++j) {
            const bool same = spelled[i] == spelled[j] ||
                              (exists[i] && exists[j] && sameFile(identities[i], identities[j]));
            if (same) {
                throw InputError(fmt::format("outputs '{}' and '{}' are the same file ('{}'); "
                                             "each result needs its own file",
                                             outputs[j].string(), outputs[i].string(),
                                             spelled[i].string()));
            }
        }
    }
}

namespace {

//! The pid in `name` after its first `prefixSize` bytes when the rest is only digits, else 0.
long pidAfter(const std::string& name, std::size_t prefixSize) {
    long pid = 0;
    const char* digits = name.data() + prefixSize;
    const char* last = name.data() + name.size();
    const auto [stop, error] = std::from_chars(digits, last, pid);
    return error == std::errc{} && stop == last && digits != last ? pid : 0;
}

bool isRegularFile(const fs::path& path) {
    std::error_code ec;
    return fs::is_regular_file(fs::symlink_status(path, ec));
}

//! Removes `file` ("<output>.tmp-<pid>", pid given) if it is a regular file and its process is
//! gone.
bool removeIfStaleTemporary(const fs::path& file, long pid) {
    if (pid <= 0 || pid == static_cast<long>(::getpid()) || !isRegularFile(file) ||
        !processIsGone(pid)) {
        return false;
    }
    std::error_code ec;
    return fs::remove(file, ec);
}

//! Removes the temporary files "<output>.tmp-<pid>" of dead processes in `folder` whose
//! "<output>" part passes `wanted`.
template <typename Wanted>
std::vector<StaleFile> removeStaleTemporariesIn(const fs::path& folder, Wanted wanted) {
    static const std::string marker = ".tmp-";
    std::vector<StaleFile> removed;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        const std::size_t at = name.rfind(marker);
        if (at == std::string::npos || at == 0 || !wanted(name.substr(0, at))) {
            continue;
        }
        const long pid = pidAfter(name, at + marker.size());
        if (removeIfStaleTemporary(it->path(), pid)) {
            removed.push_back({it->path(), pid, StaleFile::Kind::Temporary});
        }
    }
    return removed;
}

//! Removes the lock file `lockFile` if it is heatnet's (its text is a pid and a newline), no
//! process holds its lock and its writer is gone. The lock is taken before the file is unlinked,
//! as OutputLock does on release, so no writer can be using it.
std::optional<StaleFile> removeIfStaleLock(const fs::path& lockFile) {
    if (!isRegularFile(lockFile)) {
        return std::nullopt;
    }
    const int fd = ::open(lockFile.c_str(), O_RDWR | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) {
        return std::nullopt;
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    char text[32] = {};
    const ssize_t got = ::pread(fd, text, sizeof text - 1, 0);
    const std::string content = got > 0 ? std::string(text, std::size_t(got)) : "";
    if (content.size() < 2 || content.back() != '\n') {
        return std::nullopt;
    }
    const long pid = pidAfter(content.substr(0, content.size() - 1), 0);
    if (pid <= 0 || !processIsGone(pid) || ::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        return std::nullopt;
    }
    struct stat locked {
    }, named{};
    if (::fstat(fd, &locked) != 0 || ::lstat(lockFile.c_str(), &named) != 0 ||
        !sameFile(locked, named) || ::unlink(lockFile.c_str()) != 0) {
        return std::nullopt;
    }
    return StaleFile{lockFile, pid, StaleFile::Kind::Lock};
}

fs::path folderOf(const fs::path& output) {
    return output.parent_path().empty() ? fs::path(".") : output.parent_path();
}

} // namespace

int removeStaleTemporaries(const fs::path& output) {
    const std::string stem = output.filename().string();
    return static_cast<int>(removeStaleTemporariesIn(folderOf(output), [&](const std::string& s) {
                                return s == stem;
                            }).size());
}

std::vector<StaleFile> removeStaleFiles(const fs::path& path) {
    std::error_code ec;
    if (fs::is_directory(fs::symlink_status(path, ec))) {
        auto removed = removeStaleTemporariesIn(path, [](const std::string&) { return true; });
        std::vector<fs::path> locks;
        for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
            if (it->path().extension() == ".lock") {
                locks.push_back(it->path());
            }
        }
        for (const fs::path& lock : locks) {
            if (auto stale = removeIfStaleLock(lock)) {
                removed.push_back(*stale);
            }
        }
        return removed;
    }
    const std::string stem = path.filename().string();
    auto removed =
        removeStaleTemporariesIn(folderOf(path), [&](const std::string& s) { return s == stem; });
    fs::path lock = path;
    lock += ".lock";
    if (auto stale = removeIfStaleLock(lock)) {
        removed.push_back(*stale);
    }
    return removed;
}

OutputLock::OutputLock(fs::path output) {
    std::error_code ec;
    const fs::path folder = output.parent_path();
    if (!folder.empty()) {
        fs::create_directories(folder, ec);
        if (ec) {
            throw OutputError(fmt::format("cannot create folder '{}' for output '{}': {}",
                                          folder.string(), output.string(), ec.message()));
        }
    }
    m_lockPath = output;
    m_lockPath += ".lock";
    // The lock file is removed on release; a process that opened it just before then would lock
    // a file that no longer has a name, so retry until the locked file is the one at the path.
    for (int attempt = 0; attempt < 100; ++attempt) {
        const int fd = ::open(m_lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
        if (fd < 0) {
            throw OutputError(fmt::format("cannot write output '{}': cannot create '{}': {}",
                                          output.string(), m_lockPath.string(), errnoText(errno)));
        }
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            const int code = errno;
            char holder[32] = {};
            const ssize_t got = ::pread(fd, holder, sizeof holder - 1, 0);
            ::close(fd);
            if (code == EWOULDBLOCK) {
                const std::string pid = got > 0 ? std::string(holder, std::size_t(got)) : "?";
                throw OutputError(fmt::format(
                    "output '{}' is being written by another heatnet process (pid {}); wait for "
                    "it to finish or choose another output",
                    output.string(), pid.substr(0, pid.find_first_of(" \n"))));
            }
            throw OutputError(
                fmt::format("cannot lock '{}': {}", m_lockPath.string(), errnoText(code)));
        }
        struct stat locked {
        }, named{};
        if (::fstat(fd, &locked) == 0 && ::lstat(m_lockPath.c_str(), &named) == 0 &&
            sameFile(locked, named)) {
            m_fd = fd;
            break;
        }
        ::close(fd);
    }
    if (m_fd < 0) {
        throw OutputError(
            fmt::format("cannot lock '{}': it keeps being replaced", m_lockPath.string()));
    }
    const std::string pid = fmt::format("{}\n", static_cast<long>(::getpid()));
    if (::ftruncate(m_fd, 0) == 0) {
        [[maybe_unused]] const ssize_t written = ::pwrite(m_fd, pid.data(), pid.size(), 0);
    }
    m_staleRemoved = removeStaleTemporaries(output);
}

OutputLock::~OutputLock() {
    if (m_fd >= 0) {
        ::unlink(m_lockPath.c_str()); // still locked: no other writer can be using this name
        ::close(m_fd);
    }
}

OutputLock::OutputLock(OutputLock&& other) noexcept
    : m_lockPath(std::move(other.m_lockPath)), m_fd(std::exchange(other.m_fd, -1)),
      m_staleRemoved(other.m_staleRemoved) {}

} // namespace heatnet
