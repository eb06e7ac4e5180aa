// `heatnet bench`: measured speed of the default scenario and of generated networks. Each case
// runs in a child process so that its peak memory is its own; output goes to a real HDF5 file in
// a temporary folder (per-pipe series are left out above 2,000 pipes, see docs/performance.md).
#include "solver/Error.h"
#include "solver/NetworkGenerator.h"
#include "solver/ResultWriter.h"
#include "solver/ScenarioReader.h"
#include "solver/Simulation.h"
#include "tools/cli/Commands.h"

#include <fmt/format.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace heatnet::cli {

namespace {

//! Runs one case in this process and prints its line.
int runCase(const std::string& name, const std::string& scenarioPath, int pipes, double hours) {
    Scenario scenario;
    if (!scenarioPath.empty()) {
        scenario = readScenario(scenarioPath);
        if (hours > 0) {
            scenario.simulation.duration_s = hours * 3600;
        }
    } else {
        GeneratedNetworkOptions options;
        options.pipePairs = pipes / 2;
        options.duration_s = (hours > 0 ? hours : 8760) * 3600;
        scenario = generateNetwork(options);
    }
    const auto start = std::chrono::steady_clock::now();
    Simulation simulation(scenario);
    const auto output = std::filesystem::temp_directory_path() /
                        fmt::format("heatnet-bench-{}-{}.h5", name, getpid());
    ResultWriter writer(output, scenario.pipes.size() * 2 <= 2000);
    simulation.run(writer);
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::filesystem::remove(output);
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    fmt::print("case={} pipes={} hours={:.0f} wall_s={:.3f} peak_rss_mb={:.0f}\n", name,
               2 * scenario.pipes.size(), scenario.simulation.duration_s / 3600, wall,
               usage.ru_maxrss / 1024.0);
    std::fflush(stdout);
    return 0;
}

} // namespace

void addBenchCommand(CLI::App& app, int& exitCode) {
    auto* command = app.add_subcommand(
        "bench", "Measure simulation speed: one line per case (see docs/performance.md)");
    auto cases = std::make_shared<std::vector<std::string>>(
        std::vector<std::string>{"default", "pipes-1000", "pipes-10000"});
    auto hours = std::make_shared<double>(0);
    auto repeat = std::make_shared<int>(1);
    auto scenario = std::make_shared<std::string>();
    command->add_option("--case", *cases,
                        "cases to run: default, pipes-N (a generated network of N pipes), or "
                        "any name with --scenario")
        ->capture_default_str();
    command->add_option("--hours", *hours, "simulated hours (default: a year, 8760)");
    command->add_option("--repeat", *repeat, "runs of each case (quote the median)");
    command->add_option("--scenario", *scenario, "scenario file for a named case");
    command->callback([=, &exitCode] {
        exitCode = guarded("bench", [&] {
            for (const std::string& name : *cases) {
                std::string path;
                int pipes = 0;
                if (name == "default") {
                    path = std::string(HEATNET_SOURCE_DIR) + "/scenarios/saint-omer.yaml";
                } else if (name.rfind("pipes-", 0) == 0) {
                    pipes = std::stoi(name.substr(6));
                } else if (!scenario->empty()) {
                    path = *scenario;
                } else {
                    throw InputError(fmt::format(
                        "bench: unknown case '{}' (default, pipes-N, or --scenario FILE)", name));
                }
                for (int r = 0; r < *repeat; ++r) {
                    std::fflush(stdout);
                    const pid_t child = fork();
                    if (child == 0) {
                        const int code = guarded("bench", [&] {
                            return runCase(name, path, pipes, *hours);
                        });
                        std::fflush(stdout);
                        _exit(code);
                    }
                    int status = 0;
                    waitpid(child, &status, 0);
                    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
                        throw Error(fmt::format("bench case '{}' failed", name));
                    }
                }
            }
            return 0;
        });
    });
}

} // namespace heatnet::cli
