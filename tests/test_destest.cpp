// DESTEST CE_1 Network_1 end to end: runs the real CLI on scenarios/destest-network1.yaml and
// checks the issue-5 targets with tools/destest_compare.py --check (injection NMBE within ±1 %
// of the peers' mean, mean losses and mean critical temperature within the peers' range).
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
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

TEST_CASE("DESTEST Network_1 with plug-flow pipes meets the targets", "[destest][plugflow]") {
    // The same scenario with `pipe_model: plug_flow` (measured: injection NMBE +0.24 %, losses
    // 3379 W, T_crit 314.82 K). Without the calibrated bypass (min_flow 0.001 kg/s removed) the
    // losses (3140 W) and T_crit (311.50 K) leave the peers' ranges: docs/destest.md.
    const fs::path source = HEATNET_SOURCE_DIR;
    const fs::path compare = source / "tools" / "destest_compare.py";
    std::ifstream in(source / "scenarios" / "destest-network1.yaml");
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    auto replaceAll = [&](const std::string& from, const std::string& to) {
        std::size_t count = 0;
        for (std::size_t at = text.find(from); at != std::string::npos;
             at = text.find(from, at + to.size())) {
            text.replace(at, from.size(), to);
            ++count;
        }
        return count;
    };
    REQUIRE(replaceAll("  advection: upwind\n", "  advection: upwind\n  pipe_model: plug_flow\n") ==
            1);
    REQUIRE(replaceAll("../validation/", (source / "validation").string() + "/") > 0);
    TempDir dir;
    const fs::path scenario = dir.path / "destest-network1-plug-flow.yaml";
    std::ofstream(scenario) << text;
    const fs::path result = dir.path / "destest-network1-plug-flow.h5";
    const std::string run = fmt::format("\"{}\" run -q \"{}\" -o \"{}\"", HEATNET_CLI_PATH,
                                        scenario.string(), result.string());
    INFO(run);
    REQUIRE(exitCode(std::system(run.c_str())) == 0);
    const std::string check =
        fmt::format("/usr/bin/python3 \"{}\" \"{}\" --check --csv \"{}\"", compare.string(),
                    result.string(), (dir.path / "destest-plug-flow.csv").string());
    INFO(check);
    CHECK(exitCode(std::system(check.c_str())) == 0);
}
