#include "solver/sweep/SweepJournal.h"

#include "solver/Error.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace heatnet {

namespace {

constexpr char kMagic[4] = {'H', 'N', 'S', 'R'};
constexpr std::string_view kHeaderPrefix = "heatnet sweep journal 1 ";

std::uint64_t checksum(std::string_view bytes) {
    std::uint64_t hash = 1469598103934665603ULL;
    for (const unsigned char c : bytes) {
        hash ^= c;
        hash *= 1099511628211ULL;
    }
    return hash;
}

void writeAll(int fd, std::string_view bytes, const std::filesystem::path& path) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw OutputError(fmt::format("cannot write the sweep journal '{}': {}", path.string(),
                                          std::strerror(errno)));
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

std::string readAll(int fd) {
    std::string text;
    char buffer[1 << 16];
    ::lseek(fd, 0, SEEK_SET);
    while (true) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return text;
        }
        text.append(buffer, static_cast<std::size_t>(n));
    }
}

} // namespace

std::filesystem::path journalPathFor(const std::filesystem::path& output) {
    return output.string() + ".journal";
}

SweepJournal::SweepJournal(std::filesystem::path path, const std::string& fingerprint, bool resume)
    : m_path(std::move(path)) {
    const bool existed = std::filesystem::exists(m_path);
    if (existed && !resume) {
        throw InputError(fmt::format(
            "'{}' holds the cases of an interrupted sweep: add --resume to finish it, or delete "
            "the journal to start again",
            m_path.string()));
    }
    m_fd = ::open(m_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (m_fd < 0) {
        throw OutputError(fmt::format("cannot open the sweep journal '{}': {}", m_path.string(),
                                      std::strerror(errno)));
    }
    if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(m_fd);
        m_fd = -1;
        throw OutputError(
            fmt::format("another sweep is writing '{}' (its journal is locked)", m_path.string()));
    }
    const std::string header = std::string(kHeaderPrefix) + fingerprint + "\n";
    const std::string text = readAll(m_fd);
    if (text.empty()) {
        writeAll(m_fd, header, m_path);
        ::fdatasync(m_fd);
        return;
    }
    if (text.compare(0, header.size(), header) != 0) {
        ::close(m_fd);
        m_fd = -1;
        throw InputError(fmt::format(
            "the journal '{}' belongs to another sweep (the sweep file or its base scenario "
            "changed since it was written); restore them or delete the journal",
            m_path.string()));
    }
    // Complete frames only; whatever follows the last one (a record torn by a kill) is cut off.
    std::size_t at = header.size(), good = at;
    while (text.size() - at >= sizeof kMagic + 16 &&
           std::memcmp(text.data() + at, kMagic, sizeof kMagic) == 0) {
        std::uint64_t length = 0, sum = 0;
        std::memcpy(&length, text.data() + at + 4, 8);
        if (length > text.size() - at - 20) {
            break;
        }
        const std::string_view bytes(text.data() + at + 12, length);
        std::memcpy(&sum, text.data() + at + 12 + length, 8);
        if (sum != checksum(bytes)) {
            break;
        }
        try {
            m_loaded.push_back(deserialiseRecord(bytes));
        } catch (const Error&) {
            break;
        }
        at += 20 + length;
        good = at;
    }
    if (good < text.size()) {
        if (::ftruncate(m_fd, static_cast<off_t>(good)) != 0) {
            throw OutputError(fmt::format("cannot repair the sweep journal '{}': {}",
                                          m_path.string(), std::strerror(errno)));
        }
    }
    ::lseek(m_fd, 0, SEEK_END);
}

SweepJournal::~SweepJournal() {
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

void SweepJournal::append(const CaseRecord& record) {
    const std::string bytes = serialiseRecord(record);
    std::string frame(kMagic, sizeof kMagic);
    const std::uint64_t length = bytes.size(), sum = checksum(bytes);
    frame.append(reinterpret_cast<const char*>(&length), 8);
    frame += bytes;
    frame.append(reinterpret_cast<const char*>(&sum), 8);
    const std::lock_guard lock(m_mutex);
    writeAll(m_fd, frame, m_path);
    if (::fdatasync(m_fd) != 0) {
        throw OutputError(fmt::format("cannot sync the sweep journal '{}': {}", m_path.string(),
                                      std::strerror(errno)));
    }
}

void SweepJournal::remove() {
    const std::lock_guard lock(m_mutex);
    if (m_fd >= 0) {
        std::filesystem::remove(m_path);
        ::close(m_fd);
        m_fd = -1;
    }
}

} // namespace heatnet
