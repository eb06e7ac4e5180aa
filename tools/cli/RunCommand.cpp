// `heatnet run SCENARIO [-o FILE]` and `heatnet check SCENARIO`.
#include "solver/Error.h"
#include "solver/input/ScenarioReader.h"
#include "solver/network/Network.h"
#include "solver/output/OutputPath.h"
#include "solver/output/ResultWriter.h"
#include "solver/run/Simulation.h"
#include "tools/cli/Commands.h"
#include "tools/cli/KpiTable.h"
#include "tools/cli/Progress.h"
#include "tools/cli/ThreadsOption.h"

#include <fmt/format.h>

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <filesystem>
#include <memory>
#include <vector>

namespace heatnet::cli {

namespace {

std::atomic<bool> interrupted{false};

extern "C" void onInterrupt(int) {
    interrupted.store(true);
}

//! Default output: results/<scenario name>.h5, the name made safe as a file name.
std::filesystem::path defaultOutput(const Scenario& scenario, const std::string& scenarioPath) {
    std::string stem =
        scenario.name.empty() ? std::filesystem::path(scenarioPath).stem().string() : scenario.name;
    return std::filesystem::path("results") / (outputFileStem(stem) + ".h5");
}

//! Exit code of an interrupted command (128 + SIGINT), as shells report it.
constexpr int kInterruptedExit = 130;

//! Prints the warnings of one scenario; `strict` calls them errors.
void printWarnings(std::FILE* out, const std::string& scenario, const std::vector<Warning>& list,
                   bool strict) {
    if (list.empty()) {
        return;
    }
    fmt::print(out, "{}: {} {}{}:\n", scenario, list.size(), strict ? "error" : "warning",
               list.size() == 1 ? "" : "s");
    for (const Warning& w : list) {
        fmt::print(out, "  {} [{}]: {}\n", strict ? "error" : "warning", w.id, w.message);
    }
    if (strict) {
        fmt::print(out,
                   "{}: --strict turns warnings into errors (thresholds: the scenario's "
                   "`warnings:` block, docs/warnings.md)\n",
                   scenario);
    }
}

} // namespace

void addRunCommand(CLI::App& app, int& exitCode) {
    auto* command = app.add_subcommand(
        "run", "Simulate scenarios and write their results (HDF5); several scenarios run in "
               "parallel, one per OpenMP thread");
    auto scenarioPaths = std::make_shared<std::vector<std::string>>();
    auto outputPath = std::make_shared<std::string>();
    auto quiet = std::make_shared<bool>(false);
    command->add_option("scenarios", *scenarioPaths, "scenario files (YAML)")->required();
    command->add_option("-o,--output", *outputPath,
                        "result file, with one scenario (default: results/<scenario name>.h5)");
    command->add_flag("-q,--quiet", *quiet, "print nothing but errors");
    auto threads = std::make_shared<int>(0);
    addThreadsOption(*command, threads);
    command->footer("Scenario format: docs/scenario.md (every key: scenarios/reference.yaml); "
                    "result file: docs/output.md; KPIs: docs/models.md.");
    auto strict = std::make_shared<bool>(false);
    command->add_flag("--strict", *strict,
                      "treat warnings (implausible design or results) as errors: exit 2; the "
                      "result file is still written");
    command->callback([=, &exitCode] {
        applyThreads(*threads);
        exitCode = guarded("run", [&] {
            if (scenarioPaths->size() > 1 && !outputPath->empty()) {
                throw InputError("heatnet run: -o names one result file; with several "
                                 "scenarios each goes to results/<scenario name>.h5");
            }
            // Read every scenario first: a bad one stops everything before any run starts.
            std::vector<Scenario> scenarios;
            std::vector<std::filesystem::path> outputs;
            for (const std::string& path : *scenarioPaths) {
                scenarios.push_back(readScenario(path));
                outputs.push_back(outputPath->empty() ? defaultOutput(scenarios.back(), path)
                                                      : std::filesystem::path(*outputPath));
            }
            for (std::size_t i = 0; i < outputs.size(); ++i) {
                for (std::size_t j = 0; j < i; ++j) {
                    if (outputs[i] == outputs[j]) {
                        throw InputError(fmt::format(
                            "heatnet run: scenarios '{}' and '{}' would both write '{}' (same "
                            "name)",
                            (*scenarioPaths)[j], (*scenarioPaths)[i], outputs[i].string()));
                    }
                }
            }
            // The output-path policy (solver/output/OutputPath.h): no special file, no input
            // overwritten, no file written twice; then one lock per output for the whole run.
            std::vector<std::filesystem::path> inputs;
            for (const Scenario& scenario : scenarios) {
                inputs.insert(inputs.end(), scenario.inputFiles.begin(), scenario.inputFiles.end());
            }
            for (const std::filesystem::path& output : outputs) {
                checkOutputPath(output, inputs);
            }
            checkDistinctOutputs(outputs);
            std::vector<OutputLock> locks;
            for (const std::filesystem::path& output : outputs) {
                locks.emplace_back(output);
            }
            const std::size_t runs = scenarios.size();
            ProgressBar bar(runs == 1 ? scenarios.front().name : fmt::format("{} scenarios", runs));
            std::vector<double> fractions(runs, 0.0);
            std::vector<RunTotals> totals(runs);
            std::vector<std::vector<Kpi>> kpis(runs);
            std::vector<std::string> errors(runs);
            std::vector<int> codes(runs, 0);
            interrupted.store(false);
            auto previousInt = std::signal(SIGINT, onInterrupt);
            auto previousTerm = std::signal(SIGTERM, onInterrupt);
            auto previousHangUp = std::signal(SIGHUP, onInterrupt);
            // Each run owns its network, solver and SUNDIALS context: runs share nothing.
#pragma omp parallel for schedule(dynamic, 1) if (runs > 1)
            for (std::size_t i = 0; i < runs; ++i) {
                try {
                    Simulation simulation(scenarios[i]);
                    ResultWriter writer(outputs[i]);
                    RunOptions options;
                    options.cancel = &interrupted;
                    options.progress = [&, i](double f) {
#pragma omp critical(heatnet_progress)
                        {
                            fractions[i] = f;
                            double sum = 0;
                            for (double x : fractions) {
                                sum += x;
                            }
                            bar.update(sum / runs);
                        }
                    };
                    totals[i] = simulation.run(writer, options);
                    kpis[i] = writer.kpis();
                } catch (const InputError& e) {
                    errors[i] = e.what();
                    codes[i] = 2;
                } catch (const Interrupted& e) {
                    errors[i] = fmt::format("heatnet run: {}: {}", (*scenarioPaths)[i], e.what());
                    codes[i] = kInterruptedExit;
                } catch (const std::exception& e) {
                    errors[i] =
                        fmt::format("heatnet run: {}: error: {}", (*scenarioPaths)[i], e.what());
                    codes[i] = 1;
                }
            }
            std::signal(SIGINT, previousInt);
            std::signal(SIGTERM, previousTerm);
            std::signal(SIGHUP, previousHangUp);
            bar.finish();
            if (runs > 1 && !*quiet) {
                fmt::print("heatnet run: {} scenarios on {} OpenMP thread(s)\n", runs,
                           std::min<std::size_t>(runs, omp_get_max_threads()));
            }
            int code = 0;
            for (std::size_t i = 0; i < runs; ++i) {
                if (!errors[i].empty()) {
                    fmt::print(stderr, "{}\n", errors[i]);
                    code = std::max(code, codes[i]);
                    continue;
                }
                if (!*quiet) {
                    const Scenario& scenario = scenarios[i];
                    fmt::print("heatnet run: {} ({} pipes, {} substations, {} h) in {:.2f} s\n",
                               scenario.name, 2 * scenario.pipes.size(), scenario.consumers.size(),
                               scenario.simulation.duration_s / 3600, totals[i].wallTime_s);
                    printKpiTable(stdout, kpis[i]);
                    fmt::print("results: {}\n", outputs[i].string());
                }
                if (*strict) {
                    printWarnings(stderr, (*scenarioPaths)[i], totals[i].warnings, true);
                    if (!totals[i].warnings.empty()) {
                        code = std::max(code, 2);
                    }
                } else if (!*quiet) {
                    printWarnings(stdout, (*scenarioPaths)[i], totals[i].warnings, false);
                }
                if (!*quiet && i + 1 < runs) {
                    fmt::print("\n");
                }
            }
            return code;
        });
    });
}

void addCheckCommand(CLI::App& app, int& exitCode) {
    auto* command = app.add_subcommand(
        "check", "Validate scenarios without simulating them; every error is printed");
    auto scenarioPaths = std::make_shared<std::vector<std::string>>();
    command->add_option("scenarios", *scenarioPaths, "scenario files (YAML)")->required();
    auto strict = std::make_shared<bool>(false);
    command->add_flag("--strict", *strict,
                      "treat warnings (implausible design, docs/warnings.md) as errors: exit 2");
    command->footer("Scenario format: docs/scenario.md (every key: scenarios/reference.yaml); "
                    "warnings: docs/warnings.md. Exit code 2 if any scenario is bad.");
    command->callback([=, &exitCode] {
        // Each file is checked on its own: one bad file does not hide the others' errors.
        int worst = 0;
        for (const std::string& path : *scenarioPaths) {
            const int code = guarded("check", [&] {
                const Scenario scenario = readScenario(path);
                const Simulation simulation(scenario);
                const Network& network = simulation.network();
                double length = 0;
                for (const PipeSpec& p : scenario.pipes) {
                    length += p.length_m;
                }
                fmt::print("{}: ok — {} nodes, {} pipe pairs ({:.2f} km of trench, {} loops), {} "
                           "substations, {} plants\n",
                           path, network.nodeCount(), network.pipeCount(), length / 1000,
                           network.loopCount(), scenario.consumers.size(), scenario.plants.size());
                const std::vector<Warning> warnings = simulation.designWarnings();
                printWarnings(*strict ? stderr : stdout, path, warnings, *strict);
                return *strict && !warnings.empty() ? 2 : 0;
            });
            // Bad input (2) outranks any other failure (1).
            worst = (code == 2 || worst == 2) ? 2 : std::max(worst, code);
        }
        exitCode = worst;
    });
}

} // namespace heatnet::cli
