// `heatnet bench`: measured speed of the default scenario and of generated networks. Each case
// runs in a child process so that its peak memory is its own; output goes to a real HDF5 file in
// a temporary folder, with every series as `heatnet run` writes by default, or (a case name
// ending in "-summary") the network, substation and source series only (docs/performance.md).
#include "solver/Error.h"
#include "solver/input/ScenarioReader.h"
#include "solver/network/NetworkGenerator.h"
#include "solver/output/OutputCatalogue.h"
#include "solver/output/ResultWriter.h"
#include "solver/run/Simulation.h"
#include "tools/cli/BenchSweep.h"
#include "tools/cli/Commands.h"

#include <fmt/format.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace heatnet::cli {

namespace {

//! What one run of a case measured.
struct CaseFigures {
    std::size_t pipes = 0;
    int depth = 0; //!< generated networks: pipe pairs from the plant to the farthest node
    double hours = 0, wall_s = 0, cpu_s = 0, peakRss_mb = 0, file_mb = 0;
    double threadedShare = 0; //!< plug flow: share of steps swept on several threads [-]
};

//! One case: a scenario file, or a generated network of `pipes` pipes when `path` is empty.
struct BenchCase {
    std::string name, path;
    int pipes = 0;
    double hours = 0; //!< 0: the scenario's duration (generated: a year)
    bool summary = false, destestYear = false;
};

//! What applies to every case of a `bench` command.
struct BenchSettings {
    std::string pipeModel;        //!< empty: the scenario's
    std::string keepDir;          //!< empty: the result file goes to the temporary folder, removed
    bool pressuresInLine = false; //!< RunOptions::pressuresOnThread off
};

constexpr std::string_view kSummarySuffix = "-summary";

//! Keeps only the network, substation and source series (the "-summary" cases).
void keepSummarySeries(Scenario& scenario) {
    for (const OutputGroupSpec& group : outputGroups()) {
        if (group.name != "network" && group.name != "substations" && group.name != "sources") {
            scenario.output.keptSeries[std::string(group.name)] = {};
        }
    }
}

//! The DESTEST year as every other case: hourly output (issue 12's speed targets are for hourly
//! output; the scenario's 15-min output is for the comparison with the peers' week), with the
//! scenario's own rule for the hydraulic step, the longest that lands on every 600-s demand
//! sample and divides the output step: 10 min for hourly output (5 min for 15 min).
void hourlyDestest(Scenario& scenario) {
    scenario.simulation.outputStep_s = 3600;
    scenario.simulation.hydraulicStep_s = 600;
}

//! Runs one case in this process. The result file goes to the temporary folder and is removed,
//! or to the settings' keepDir (kept, named after the case).
CaseFigures runCase(const BenchCase& c, const BenchSettings& settings) {
    Scenario scenario;
    int depth = 0;
    if (!c.path.empty()) {
        scenario = readScenario(c.path);
        if (c.hours > 0) {
            scenario.simulation.duration_s = c.hours * 3600;
        }
    } else {
        GeneratedNetworkOptions options;
        options.pipePairs = c.pipes / 2;
        options.duration_s = (c.hours > 0 ? c.hours : 8760) * 3600;
        scenario = generateNetwork(options);
        depth = treeDepth(scenario);
    }
    if (c.summary) {
        keepSummarySeries(scenario);
    }
    if (c.destestYear) {
        hourlyDestest(scenario);
    }
    if (!settings.pipeModel.empty()) {
        scenario.simulation.pipeModel = settings.pipeModel;
    }
    RunOptions runOptions;
    runOptions.pressuresOnThread = !settings.pressuresInLine;
    const auto start = std::chrono::steady_clock::now();
    Simulation simulation(scenario);
    const auto output = settings.keepDir.empty()
                            ? std::filesystem::temp_directory_path() /
                                  fmt::format("heatnet-bench-{}-{}.h5", c.name, getpid())
                            : std::filesystem::path(settings.keepDir) / (c.name + ".h5");
    ResultWriter writer(output);
    const RunTotals totals = simulation.run(writer, runOptions);
    CaseFigures figures;
    figures.threadedShare = totals.threadedSweepShare;
    figures.wall_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    figures.file_mb = static_cast<double>(std::filesystem::file_size(output)) / 1e6;
    if (settings.keepDir.empty()) {
        std::filesystem::remove(output);
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    figures.pipes = 2 * scenario.pipes.size();
    figures.depth = depth;
    figures.hours = scenario.simulation.duration_s / 3600;
    figures.peakRss_mb = usage.ru_maxrss / 1024.0;
    // CPU time of the whole case (set-up, run, writing): on a shared machine it moves less with
    // the load than the wall time does.
    figures.cpu_s = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                    1e-6 * static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
    return figures;
}

//! Runs a case in a child process (so that its peak memory is its own) and returns its figures.
CaseFigures runInChild(const BenchCase& c, const BenchSettings& settings) {
    int channel[2];
    if (pipe(channel) != 0) {
        throw Error("bench: cannot create a pipe");
    }
    std::fflush(stdout);
    const pid_t child = fork();
    if (child == 0) {
        close(channel[0]);
        const int code = guarded("bench", [&] {
            const CaseFigures f = runCase(c, settings);
            return write(channel[1], &f, sizeof f) == sizeof f ? 0 : 1;
        });
        _exit(code);
    }
    close(channel[1]);
    CaseFigures figures;
    const bool received = read(channel[0], &figures, sizeof figures) == sizeof figures;
    close(channel[0]);
    int status = 0;
    waitpid(child, &status, 0);
    if (!received || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        throw Error(fmt::format("bench case '{}' failed", c.name));
    }
    return figures;
}

void printFigures(const std::string& name, const CaseFigures& f, const std::string& suffix) {
    // threaded: the share of steps the plug-flow sweep ran on several threads (docs/numerics.md,
    // "On threads"), shown where it is not zero.
    fmt::print("case={} pipes={} hours={:.0f} wall_s={:.3f} cpu_s={:.3f} peak_rss_mb={:.0f} "
               "file_mb={:.1f}{}{}{}\n",
               name, f.pipes, f.hours, f.wall_s, f.cpu_s, f.peakRss_mb, f.file_mb,
               f.depth > 0 ? fmt::format(" depth={}", f.depth) : "",
               f.threadedShare > 0 ? fmt::format(" threaded={:.2f}", f.threadedShare) : "", suffix);
    std::fflush(stdout);
}

} // namespace

void addBenchCommand(CLI::App& app, int& exitCode) {
    auto* command = app.add_subcommand(
        "bench", "Measure simulation speed: one line per case (see docs/performance.md)");
    auto cases = std::make_shared<std::vector<std::string>>(std::vector<std::string>{
        "default", "destest-week", "destest-year", "pipes-1000", "pipes-10000"});
    auto hours = std::make_shared<double>(0);
    auto repeat = std::make_shared<int>(1);
    auto scenario = std::make_shared<std::string>();
    auto pipeModel = std::make_shared<std::string>();
    auto keep = std::make_shared<std::string>();
    auto pressuresInLine = std::make_shared<bool>(false);
    command
        ->add_option(
            "--case", *cases,
            "cases to run: default, destest-week, destest-year (its demand repeated over a "
            "year, hourly output), pipes-N (a generated "
            "network of N pipes), sweep (the bundled 100-design sweep on 1 and 2 threads "
            "and MPI ranks), or any name with --scenario; a name ending in -summary "
            "(pipes-10000-summary) stores the network, substation and source series only")
        ->capture_default_str();
    command->add_option("--hours", *hours, "simulated hours (default: a year, 8760)");
    command->add_option("--repeat", *repeat, "runs of each case (quote the median)");
    command->add_option("--scenario", *scenario, "scenario file for a named case");
    command
        ->add_option("--pipe-model", *pipeModel,
                     "run every case with this pipe model (default: the scenario's)")
        ->check(CLI::IsMember({"finite_volume", "plug_flow"}));
    command
        ->add_option("--keep", *keep,
                     "keep each case's result file as DIR/<case>.h5 (to inspect its size and "
                     "content); by default it is written to the temporary folder and removed")
        ->check(CLI::ExistingDirectory);
    command->add_flag("--pressures-in-line", *pressuresInLine,
                      "solve the pressures and hand the records to the checks and the result "
                      "file on the simulation thread (to measure what their own thread gains; "
                      "solver/run/PressureStage.h)");
    command->footer("Method and figures: docs/performance.md.");
    command->callback([=, &exitCode] {
        exitCode = guarded("bench", [&] {
            for (const std::string& name : *cases) {
                if (name == "sweep") {
                    benchSweep(*hours, *repeat);
                    continue;
                }
                BenchCase c;
                c.name = name;
                c.hours = *hours;
                c.summary = name.size() > kSummarySuffix.size() && name.ends_with(kSummarySuffix);
                const std::string base =
                    c.summary ? name.substr(0, name.size() - kSummarySuffix.size()) : name;
                if (base == "default") {
                    c.path = std::string(HEATNET_SOURCE_DIR) + "/scenarios/saint-omer.yaml";
                } else if (base == "destest-week" || base == "destest-year") {
                    // The IBPSA DESTEST Network_1 case: 7 days as specified, or a year with its
                    // demand profile repeated.
                    c.path = std::string(HEATNET_SOURCE_DIR) + "/scenarios/destest-network1.yaml";
                    if (base == "destest-year" && c.hours <= 0) {
                        c.hours = 8760;
                    }
                    c.destestYear = base == "destest-year";
                } else if (base.rfind("pipes-", 0) == 0) {
                    c.pipes = std::stoi(base.substr(6));
                } else if (!scenario->empty()) {
                    c.path = *scenario;
                } else {
                    throw InputError(fmt::format(
                        "bench: unknown case '{}' (default, pipes-N, or --scenario FILE)", name));
                }
                const BenchSettings settings{*pipeModel, *keep, *pressuresInLine};
                std::vector<CaseFigures> runs;
                for (int r = 0; r < std::max(1, *repeat); ++r) {
                    runs.push_back(runInChild(c, settings));
                    if (*repeat > 1) {
                        printFigures(name, runs.back(), fmt::format(" run={}", r + 1));
                    }
                }
                // The median run (by wall time) stands for the case.
                std::sort(runs.begin(), runs.end(),
                          [](const auto& a, const auto& b) { return a.wall_s < b.wall_s; });
                printFigures(name, runs[runs.size() / 2],
                             runs.size() > 1 ? fmt::format(" median_of={}", runs.size()) : "");
            }
            return 0;
        });
    });
}

} // namespace heatnet::cli
