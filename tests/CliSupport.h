#pragma once
// Helpers for tests that run the real `heatnet` binary.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

// Outside namespace heatnet: the function heatnet() would clash with it in files that use both.
namespace clitest {

//! What a command printed (stdout and stderr together) and its exit code.
struct Outcome {
    int exitCode = -1;
    std::string output;
};

//! Runs `command` in /bin/sh, capturing stdout and stderr together.
inline Outcome runCommand(const std::string& command) {
    Outcome outcome;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe)) {
        outcome.output += buffer;
    }
    const int status = pclose(pipe);
    outcome.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return outcome;
}

//! The `heatnet` binary under test.
inline std::string heatnet() {
    return HEATNET_CLI_PATH;
}

//! The source tree (scenarios/, docs/, tests/data/).
inline std::filesystem::path sourceDir() {
    return HEATNET_SOURCE_DIR;
}

//! An empty folder under the temporary directory, named after the test.
inline std::filesystem::path freshDirectory(const std::string& name) {
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("heatnet-cli-" + name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

//! Every dataset and attribute of two result files equal (h5diff), the run's wall time aside.
inline bool sameResultsButWallTime(const std::filesystem::path& a, const std::filesystem::path& b) {
    const Outcome o = runCommand("h5diff --exclude-path /metadata/solver/wall_time " + a.string() +
                                 " " + b.string());
    INFO(o.output);
    return o.exitCode == 0;
}

//! A pid that belongs to no process: one above the kernel's pid_max.
inline long pidOfNoProcess() {
    std::ifstream pidMaxFile("/proc/sys/kernel/pid_max");
    long pidMax = 4194304;
    pidMaxFile >> pidMax;
    return pidMax + 1;
}

//! The default scenario with a shorter duration, written as `dir`/short.yaml.
inline std::filesystem::path shortenedDefault(const std::filesystem::path& dir,
                                              const std::string& duration) {
    std::ifstream in(sourceDir() / "scenarios" / "saint-omer.yaml");
    std::stringstream text;
    text << in.rdbuf();
    const std::string shortened =
        std::regex_replace(text.str(), std::regex("duration: 8760 h"), "duration: " + duration);
    const std::filesystem::path path = dir / "short.yaml";
    std::ofstream(path) << shortened;
    return path;
}

} // namespace clitest
