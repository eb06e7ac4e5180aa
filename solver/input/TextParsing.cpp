#include "solver/input/TextParsing.h"

#include "solver/Error.h"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <new>
#include <system_error>

#include <charconv>
#include <cmath>

namespace heatnet {

std::string_view trimBlanks(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

std::optional<double> parseFiniteNumber(std::string_view text) {
    text = trimBlanks(text);
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
    }
    double value = 0.0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size() ||
        !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

std::string readTextFile(const std::filesystem::path& path, const std::string& displayName,
                         std::string_view kind) {
    auto failWith = [&](const std::string& reason) -> std::string {
        throw InputError(
            fmt::format("cannot read {} file '{}': {}", kind, abbreviated(displayName), reason));
    };
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        const int code = errno;
        return failWith(code == ENOENT ? "no such file or directory"
                                       : std::generic_category().message(code));
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat status {};
    if (::fstat(fd, &status) != 0) {
        return failWith(std::generic_category().message(errno));
    }
    if (S_ISDIR(status.st_mode)) {
        return failWith("it is a folder, not a file");
    }
    if (!S_ISREG(status.st_mode)) {
        return failWith("it is not a regular file (a device, FIFO or socket); heatnet reads "
                        "regular files only");
    }
    if (static_cast<std::uintmax_t>(status.st_size) > kMaxInputFileBytes) {
        return failWith(fmt::format("it has {} bytes, more than the limit of {} MiB for an input "
                                    "file",
                                    static_cast<std::uintmax_t>(status.st_size),
                                    kMaxInputFileBytes >> 20));
    }
    std::string text;
    try {
        text.resize(static_cast<std::size_t>(status.st_size));
    } catch (const std::bad_alloc&) {
        return failWith(fmt::format("not enough memory for its {} bytes",
                                    static_cast<std::uintmax_t>(status.st_size)));
    }
    // Every byte is accounted for: a short read is retried, an error or a file that shrank is
    // an error, and a file that grew while read is read again by nobody: refused.
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t got = ::read(fd, text.data() + done, text.size() - done);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            return failWith(std::generic_category().message(errno));
        }
        if (got == 0) {
            return failWith(fmt::format("it ended after {} of its {} bytes (changed while read)",
                                        done, text.size()));
        }
        done += static_cast<std::size_t>(got);
    }
    char extra = 0;
    if (::read(fd, &extra, 1) != 0) {
        return failWith("it grew while read (changed while read)");
    }
    return text;
}

std::string abbreviated(std::string_view text, std::size_t maxBytes) {
    if (text.size() <= maxBytes) {
        return std::string(text);
    }
    std::size_t cut = maxBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
        --cut; // not inside a UTF-8 character
    }
    return fmt::format("{}… ({} bytes in all)", text.substr(0, cut), text.size());
}

std::string joinQuoted(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& word : words) {
        out += fmt::format("{}'{}'", out.empty() ? "" : ", ", word);
    }
    return out;
}

} // namespace heatnet
