// A command's work in a child process: a crash of the HDF5 library on a hostile file becomes a
// message (tools/cli/Isolated.h).
#include "tools/cli/Isolated.h"

#include "solver/Error.h"
#include "tools/cli/Commands.h"

#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
#define HEATNET_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define HEATNET_SANITIZED 1
#endif
#ifdef HEATNET_SANITIZED
#include <sanitizer/common_interface_defs.h>
#endif

namespace heatnet::cli {

unsigned readCpuLimitSeconds() {
    constexpr unsigned kDefault = 600;
    const char* text = std::getenv("HEATNET_READ_CPU_LIMIT");
    if (text == nullptr || *text == '\0') {
        return kDefault;
    }
    char* end = nullptr;
    errno = 0;
    const unsigned long value = std::strtoul(text, &end, 10);
    if (errno != 0 || *end != '\0' || value < 1 || value > 86400) {
        return kDefault;
    }
    return static_cast<unsigned>(value);
}

namespace {

//! Processor time (user + system) this process has used, in whole seconds rounded up.
rlim_t processorSecondsUsed() {
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    const long micro = usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
    return static_cast<rlim_t>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + micro / 1000000 + 1);
}

//! Sets the soft processor-time limit (the kernel sends SIGXCPU when it is reached).
void setSoftCpuLimit(rlim_t seconds) {
    rlimit limit{};
    ::getrlimit(RLIMIT_CPU, &limit);
    limit.rlim_cur = limit.rlim_max == RLIM_INFINITY ? seconds : std::min(seconds, limit.rlim_max);
    ::setrlimit(RLIMIT_CPU, &limit);
}

} // namespace

void ReadWatch::begin(const std::filesystem::path& file) {
    const std::string text = file.string();
    const std::size_t n = std::min(text.size(), sizeof(m_page->file) - 1);
    std::memcpy(m_page->file, text.data(), n);
    m_page->file[n] = '\0';
    m_page->cpuLimit_s = readCpuLimitSeconds();
    rlimit limit{};
    ::getrlimit(RLIMIT_CPU, &limit);
    m_savedCpuLimit = limit.rlim_cur;
    setSoftCpuLimit(processorSecondsUsed() + m_page->cpuLimit_s);
    m_page->reading = true;
}

void ReadWatch::end() {
    m_page->reading = false;
    setSoftCpuLimit(static_cast<rlim_t>(m_savedCpuLimit));
}

namespace {

std::string systemError(const char* what) {
    return fmt::format("{}: {}", what, std::strerror(errno));
}

//! The shared page, unmapped when the command is done.
class SharedPage {
public:
    SharedPage() {
        void* mapped = ::mmap(nullptr, sizeof(ReadWatch::Page), PROT_READ | PROT_WRITE,
                              MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        if (mapped == MAP_FAILED) {
            throw Error(systemError("cannot map a page shared with the worker process"));
        }
        m_page = new (mapped) ReadWatch::Page();
    }
    ~SharedPage() { ::munmap(m_page, sizeof(ReadWatch::Page)); }
    SharedPage(const SharedPage&) = delete;
    SharedPage& operator=(const SharedPage&) = delete;
    ReadWatch::Page* get() const { return m_page; }

private:
    ReadWatch::Page* m_page = nullptr;
};

//! An anonymous file in memory that holds the child's stdout.
class MemoryFile {
public:
    MemoryFile() : m_fd(::memfd_create("heatnet-stdout", MFD_CLOEXEC)) {
        if (m_fd < 0) {
            throw Error(systemError("cannot create the worker process's output buffer"));
        }
    }
    ~MemoryFile() { ::close(m_fd); }
    MemoryFile(const MemoryFile&) = delete;
    MemoryFile& operator=(const MemoryFile&) = delete;
    int fd() const { return m_fd; }
    //! Copies everything written to it to `out`.
    void copyTo(std::FILE* out) const {
        char buffer[65536];
        off_t at = 0;
        for (;;) {
            const ssize_t n = ::pread(m_fd, buffer, sizeof buffer, at);
            if (n <= 0) {
                break;
            }
            std::fwrite(buffer, 1, static_cast<std::size_t>(n), out);
            at += n;
        }
        std::fflush(out);
    }

private:
    int m_fd;
};

//! The child: runs the body with stdout in `out`, tells the page it finished, and ends without
//! running the parent's exit-time code (static destructors, HDF5's or a sanitizer's handlers).
[[noreturn]] void runChild(const char* command, const std::function<int(ReadWatch&)>& body,
                           ReadWatch::Page* page, int out) {
#ifdef HEATNET_SANITIZED
    // A sanitizer's death callbacks belong to the parent's tooling: libFuzzer would record the
    // child's death as a finding of its own, when the parent turns it into a message.
    __sanitizer_set_death_callback(nullptr);
#endif
    int code = 1;
    try {
        if (::dup2(out, STDOUT_FILENO) < 0) {
            std::fprintf(stderr, "heatnet %s: cannot redirect the output: %s\n", command,
                         std::strerror(errno));
            ::_exit(1);
        }
        ReadWatch watch(page);
        code = guarded(command, [&] { return body(watch); });
    } catch (...) {
        code = 1; // guarded lets nothing but non-std exceptions through; never unwind to the caller
    }
    std::fflush(stdout);
    std::fflush(stderr);
    page->finished = true;
    ::_exit(code);
}

bool isInterruption(int signal) {
    return signal == SIGINT || signal == SIGTERM || signal == SIGHUP;
}

std::string describeDeath(int status) {
    if (WIFSIGNALED(status)) {
        const char* name = ::strsignal(WTERMSIG(status));
        return fmt::format("signal {} ({})", WTERMSIG(status), name ? name : "unknown");
    }
    return fmt::format("exit code {} before finishing", WEXITSTATUS(status));
}

} // namespace

int runIsolated(const char* command, const std::function<int(ReadWatch&)>& body) {
    return guarded(command, [&] {
        const SharedPage page;
        const MemoryFile output;
        std::fflush(stdout);
        std::fflush(stderr);
        const pid_t child = ::fork();
        if (child < 0) {
            throw Error(systemError("cannot start the worker process"));
        }
        if (child == 0) {
            runChild(command, body, page.get(), output.fd());
        }
        int status = 0;
        while (::waitpid(child, &status, 0) < 0) {
            if (errno != EINTR) {
                throw Error(systemError("cannot wait for the worker process"));
            }
        }
        const ReadWatch::Page& state = *page.get();
        if (WIFEXITED(status) && state.finished) {
            output.copyTo(stdout);
            return WEXITSTATUS(status);
        }
        if (WIFSIGNALED(status) && isInterruption(WTERMSIG(status))) {
            throw Interrupted(fmt::format("interrupted ({})", describeDeath(status)));
        }
        if (state.reading && WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU) {
            throw InputError(fmt::format("{}: not a readable heatnet result (the HDF5 library did "
                                         "not finish reading it in {} s of processor time)",
                                         std::string(state.file), state.cpuLimit_s));
        }
        if (state.reading) {
            throw InputError(fmt::format(
                "{}: not a readable heatnet result (the HDF5 library crashed reading it)",
                std::string(state.file)));
        }
        throw Error(fmt::format("the process doing the work died: {}", describeDeath(status)));
    });
}

} // namespace heatnet::cli
