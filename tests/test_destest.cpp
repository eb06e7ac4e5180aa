// DESTEST CE_1 Network_1 end to end: runs the real CLI on scenarios/destest-network1.yaml and
// checks the issue-5 targets with tools/destest_compare.py --check (injection NMBE within ±1 %
// of the peers' mean, mean losses and mean critical temperature within the peers' range).
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace fs = std::filesystem;

namespace {

int exitCode(int status) {
    return status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / fmt::format("heatnet_test_destest_{}", ::getpid());
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

} // namespace

TEST_CASE("DESTEST Network_1 meets the issue-5 targets", "[destest]") {
    const fs::path source = HEATNET_SOURCE_DIR;
    const fs::path scenario = source / "scenarios" / "destest-network1.yaml";
    const fs::path compare = source / "tools" / "destest_compare.py";
    REQUIRE(fs::exists(scenario));
    REQUIRE(fs::exists(compare));
    TempDir dir;
    const fs::path result = dir.path / "destest-network1.h5";
    const std::string run = fmt::format("\"{}\" run -q \"{}\" -o \"{}\"", HEATNET_CLI_PATH,
                                        scenario.string(), result.string());
    INFO(run);
    REQUIRE(exitCode(std::system(run.c_str())) == 0);
    REQUIRE(fs::exists(result));
    const std::string check =
        fmt::format("/usr/bin/python3 \"{}\" \"{}\" --check --csv \"{}\"", compare.string(),
                    result.string(), (dir.path / "destest-network1.csv").string());
    INFO(check);
    CHECK(exitCode(std::system(check.c_str())) == 0);
}
