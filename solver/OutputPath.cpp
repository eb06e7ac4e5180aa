#include "solver/OutputPath.h"

#include "solver/Error.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
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

int removeStaleTemporaries(const fs::path& output) {
    const fs::path folder = output.parent_path().empty() ? fs::path(".") : output.parent_path();
    const std::string prefix = output.filename().string() + ".tmp-";
    int removed = 0;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) {
            continue;
        }
        long pid = 0;
        const char* digits = name.data() + prefix.size();
        const char* last = name.data() + name.size();
        const auto [stop, error] = std::from_chars(digits, last, pid);
        if (error != std::errc{} || stop != last || pid == static_cast<long>(::getpid())) {
            continue;
        }
        std::error_code statusError;
        if (!fs::is_regular_file(fs::symlink_status(it->path(), statusError)) ||
            !processIsGone(pid)) {
            continue;
        }
        std::error_code removeError;
        if (fs::remove(it->path(), removeError)) {
            ++removed;
        }
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
