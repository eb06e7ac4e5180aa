#pragma once
// Shared by the libFuzzer targets (built by tools/fuzz.sh, see docs/reliability.md): a scratch
// file per fuzzing process, for the readers that take a path.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace heatnet::fuzz {

//! Writes `data` to "<tmp>/heatnet-fuzz-<pid><suffix>" and returns its path.
inline std::filesystem::path scratchFile(const std::uint8_t* data, std::size_t size,
                                         const std::string& suffix) {
    const std::filesystem::path path =
        std::filesystem::temp_directory_path() /
        ("heatnet-fuzz-" + std::to_string(static_cast<long>(::getpid())) + suffix);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    return path;
}

} // namespace heatnet::fuzz
