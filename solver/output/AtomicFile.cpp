#include "solver/output/AtomicFile.h"

#include "solver/Error.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>
#include <unistd.h>

namespace heatnet {

void writeFileAtomically(const std::filesystem::path& path, std::string_view content) {
    namespace fs = std::filesystem;
    const fs::path temp = path.string() + fmt::format(".tmp-{}", ::getpid());
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out) {
            throw OutputError(
                fmt::format("cannot write '{}': {}", path.string(), std::strerror(errno)));
        }
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.close();
        if (!out) {
            std::error_code ignored;
            fs::remove(temp, ignored);
            throw OutputError(fmt::format("cannot write '{}' (disk full?)", path.string()));
        }
    }
    std::error_code ec;
    fs::rename(temp, path, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(temp, ignored);
        throw OutputError(fmt::format("cannot rename '{}' to '{}': {}", temp.string(),
                                      path.string(), ec.message()));
    }
}

} // namespace heatnet
