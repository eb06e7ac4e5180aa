// libFuzzer target: `heatnet info` (the real subcommand, its output discarded) on arbitrary bytes
// written to a file. Exit codes 0 and 1 are the expected answers; a crash or a sanitizer report
// is a finding.
#include "fuzz/FuzzSupport.h"
#include "tools/cli/Commands.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

namespace {
std::FILE* devNull = nullptr;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    // `info` prints its table on stdout and its errors on stderr: keep the fuzzer's log readable
    // (libFuzzer reports on file descriptor 2, which stays open).
    devNull = std::fopen("/dev/null", "w");
    return std::freopen("/dev/null", "w", stdout) == nullptr || devNull == nullptr;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = heatnet::fuzz::scratchFile(data, size, ".h5").string();
    CLI::App app{"heatnet"};
    int exitCode = 0;
    heatnet::cli::addInfoCommand(app, exitCode);
    const char* argv[] = {"heatnet", "info", path.c_str()};
    std::FILE* savedStderr = stderr;
    stderr = devNull;
    app.parse(3, argv);
    stderr = savedStderr;
    return 0;
}
