// `heatnet run SCENARIO [-o FILE]` and `heatnet check SCENARIO`.
#include "solver/Error.h"
#include "solver/Network.h"
#include "solver/ResultWriter.h"
#include "solver/ScenarioReader.h"
#include "solver/Simulation.h"
#include "tools/cli/Commands.h"
#include "tools/cli/KpiTable.h"
#include "tools/cli/Progress.h"

#include <fmt/format.h>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <memory>

namespace heatnet::cli {

namespace {

std::atomic<bool> interrupted{false};

extern "C" void onInterrupt(int) {
    interrupted.store(true);
}

//! Default output: results/<scenario name>.h5
std::filesystem::path defaultOutput(const Scenario& scenario, const std::string& scenarioPath) {
    std::string stem =
        scenario.name.empty() ? std::filesystem::path(scenarioPath).stem().string() : scenario.name;
    return std::filesystem::path("results") / (stem + ".h5");
}

} // namespace

void addRunCommand(CLI::App& app, int& exitCode) {
    auto* command = app.add_subcommand("run", "Simulate a scenario and write its results (HDF5)");
    auto scenarioPath = std::make_shared<std::string>();
    auto outputPath = std::make_shared<std::string>();
    auto quiet = std::make_shared<bool>(false);
    command->add_option("scenario", *scenarioPath, "scenario file (YAML)")->required();
    command->add_option("-o,--output", *outputPath,
                        "result file (default: results/<scenario name>.h5)");
    command->add_flag("-q,--quiet", *quiet, "print nothing but errors");
    command->callback([=, &exitCode] {
        exitCode = guarded("run", [&] {
            const Scenario scenario = readScenario(*scenarioPath);
            Simulation simulation(scenario);
            const std::filesystem::path output = outputPath->empty()
                                                     ? defaultOutput(scenario, *scenarioPath)
                                                     : std::filesystem::path(*outputPath);
            ResultWriter writer(output);
            ProgressBar bar(scenario.name);
            RunOptions options;
            options.progress = [&](double f) { bar.update(f); };
            interrupted.store(false);
            options.cancel = &interrupted;
            auto previousInt = std::signal(SIGINT, onInterrupt);
            auto previousTerm = std::signal(SIGTERM, onInterrupt);
            RunTotals totals;
            try {
                totals = simulation.run(writer, options);
            } catch (...) {
                std::signal(SIGINT, previousInt);
                std::signal(SIGTERM, previousTerm);
                bar.finish();
                throw;
            }
            std::signal(SIGINT, previousInt);
            std::signal(SIGTERM, previousTerm);
            bar.finish();
            if (!*quiet) {
                fmt::print("heatnet run: {} ({} pipes, {} substations, {} h) in {:.2f} s\n",
                           scenario.name, 2 * scenario.pipes.size(), scenario.consumers.size(),
                           scenario.simulation.duration_s / 3600, totals.wallTime_s);
                printKpiTable(stdout, writer.kpis());
                fmt::print("results: {}\n", output.string());
            }
            return 0;
        });
    });
}

void addCheckCommand(CLI::App& app, int& exitCode) {
    auto* command = app.add_subcommand("check", "Validate a scenario without simulating it");
    auto scenarioPath = std::make_shared<std::string>();
    command->add_option("scenario", *scenarioPath, "scenario file (YAML)")->required();
    command->callback([=, &exitCode] {
        exitCode = guarded("check", [&] {
            const Scenario scenario = readScenario(*scenarioPath);
            const Network network(scenario);
            double length = 0;
            for (const PipeSpec& p : scenario.pipes) {
                length += p.length_m;
            }
            fmt::print("{}: ok — {} nodes, {} pipe pairs ({:.2f} km of trench, {} loops), {} "
                       "substations, {} plants\n",
                       *scenarioPath, network.nodeCount(), network.pipeCount(), length / 1000,
                       network.loopCount(), scenario.consumers.size(), scenario.plants.size());
            return 0;
        });
    });
}

} // namespace heatnet::cli
