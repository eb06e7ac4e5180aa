// libFuzzer target: `heatnet info` (the real subcommand, its output discarded) on arbitrary bytes
// written to a file. `info` reads the file in a child process (tools/cli/Isolated.h): exit codes
// 0, 1 (not a result) and 2 (the HDF5 library crashed in the child, or never finished reading:
// the promised messages) are answers; a crash of this process or a sanitizer report in it is a
// finding.
//
// The child's coverage never reaches libFuzzer, so when the child did not crash the same reading
// code runs again here, in process: the fuzzer sees its coverage and the sanitizers check
// heatnet's own reading code. That second read replays the child's exactly (same bytes, same
// memory state, forked from this process), so it cannot crash where the child did not.
#include "fuzz/FuzzSupport.h"
#include "solver/Error.h"
#include "tools/cli/Commands.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {
std::FILE* devNull = nullptr;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    // Files on which HDF5 never returns are stopped after this much processor time and answered
    // with exit 2 (tools/cli/Isolated.h), well inside fuzz.sh's 30 s time-out of one input.
    setenv("HEATNET_READ_CPU_LIMIT", "1", 0);
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
    if (exitCode != 0 && exitCode != 1 && exitCode != 2) {
        std::fprintf(stderr, "heatnet info exited %d\n", exitCode);
        std::abort();
    }
    if (exitCode != 2) {
        try {
            heatnet::cli::showResultFile(path);
        } catch (const heatnet::Error&) {
            // not a result file: an answer, not a finding
        }
    }
    return 0;
}
