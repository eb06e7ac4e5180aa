// `heatnet report RESULT.h5 [RESULT.h5 ...] -o report.html [--lang fr|en] [--pdf report.pdf]`:
// the scenarios side by side for the people who decide (solver/output/Report.h, docs/report.md);
// `heatnet report SWEEP.h5 -o report.html`: a design sweep's Pareto front
// (solver/sweep/SweepReport.h).
#include "solver/Error.h"
#include "solver/output/AtomicFile.h"
#include "solver/output/OutputPath.h"
#include "solver/output/Report.h"
#include "solver/output/ScenarioResult.h"
#include "solver/sweep/SweepFile.h"
#include "solver/sweep/SweepReport.h"
#include "tools/cli/Commands.h"
#include "tools/cli/Isolated.h"
#include "tools/cli/PdfPrinter.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <vector>

namespace heatnet::cli {

namespace {

std::string today() {
    const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    const std::chrono::year_month_day date(now);
    return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(date.year()),
                       static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

//! The report's outputs under heatnet's one output-path policy (solver/output/OutputPath.h):
//! regular files only, never one of the result files, HTML and PDF never the same file; and an
//! existing folder (a report is not a run: it does not create results/).
void checkOutputs(const std::vector<std::filesystem::path>& outputs,
                  const std::vector<std::string>& inputs) {
    namespace fs = std::filesystem;
    const std::vector<fs::path> inputPaths(inputs.begin(), inputs.end());
    for (const fs::path& output : outputs) {
        std::error_code ec;
        const fs::path parent = output.parent_path().empty() ? fs::path(".") : output.parent_path();
        if (!fs::is_directory(parent, ec)) {
            throw InputError(fmt::format("heatnet report: '{}': folder '{}' does not exist",
                                         output.string(), parent.string()));
        }
        checkOutputPath(output, inputPaths);
    }
    checkDistinctOutputs(outputs);
}

} // namespace

void addReportCommand(CLI::App& app, int& exitCode) {
    auto* command = app.add_subcommand(
        "report", "Compare result files in one HTML page for decision makers (the first file is "
                  "the reference); optionally print it to PDF");
    command->footer("What the report shows, its assumptions and how it is tested: "
                    "docs/report.md. Bad input exits 2 and writes no report.");
    auto inputs = std::make_shared<std::vector<std::string>>();
    auto output = std::make_shared<std::string>();
    auto pdf = std::make_shared<std::string>();
    auto lang = std::make_shared<std::string>("fr");
    auto homeHeat = std::make_shared<double>(ReportOptions{}.homeHeat_MWh_a);
    command
        ->add_option("results", *inputs,
                     "result files of 'heatnet run' (HDF5); the first is "
                     "the reference. Or one file of 'heatnet sweep': its Pareto front")
        ->required();
    command->add_option("-o,--output", *output, "the report (HTML, self-contained)")->required();
    command->add_option("--lang", *lang, "language of the report: fr (default) or en")
        ->check(CLI::IsMember({"fr", "en"}));
    command->add_option("--pdf", *pdf, "also print the report to this PDF (headless Chromium)");
    command
        ->add_option("--home-heat", *homeHeat,
                     "MWh of heat a home-equivalent takes per year, for the per-home figures")
        ->check(CLI::PositiveNumber);
    command->callback([=, &exitCode] {
        // Reads the results, writes the report (and its PDF): the work of the child process.
        auto writeReport = [&](ReadWatch& watch) {
            ReportOptions options;
            options.language = *lang == "en" ? Language::English : Language::French;
            options.homeHeat_MWh_a = *homeHeat;
            options.generatedOn = today();
            // A file that cannot be opened is not a sweep file: the result reader says why.
            const auto sweeps = std::count_if(inputs->begin(), inputs->end(), [&](const auto& p) {
                try {
                    return std::filesystem::is_regular_file(p) &&
                           watch.reading(p, [&] { return isSweepFile(p); });
                } catch (const std::exception&) {
                    return false;
                }
            });
            if (sweeps > 0 && inputs->size() > 1) {
                throw InputError(fmt::format(
                    "heatnet report: a sweep file is reported on its own; got {} files, {} of "
                    "them sweep files (give one sweep file, or result files of 'heatnet run')",
                    inputs->size(), sweeps));
            }
            if (sweeps == 1) {
                const auto [header, records] =
                    watch.reading(inputs->front(), [&] { return readSweepFile(inputs->front()); });
                writeFileAtomically(*output, buildSweepReport(header, records, options));
                fmt::print("heatnet report: sweep '{}', {} cases -> {}\n", header.name,
                           records.size(), *output);
            } else {
                std::vector<ScenarioResult> results;
                for (const std::string& path : *inputs) {
                    results.push_back(
                        watch.reading(path, [&] { return readScenarioResult(path); }));
                }
                writeFileAtomically(*output, buildReport(results, options));
                fmt::print("heatnet report: {} scenario{} -> {}\n", results.size(),
                           results.size() == 1 ? "" : "s", *output);
            }
            if (!pdf->empty()) {
                printToPdf(*output, *pdf);
                fmt::print("heatnet report: printed -> {}\n", *pdf);
            }
            return 0;
        };
        exitCode = guarded("report", [&] {
            std::vector<std::filesystem::path> outputs{*output};
            if (!pdf->empty()) {
                outputs.emplace_back(*pdf);
            }
            checkOutputs(outputs, *inputs);
            std::vector<OutputLock> locks;
            for (const std::filesystem::path& path : outputs) {
                locks.emplace_back(path);
            }
            // In a child process: a result file that crashes the HDF5 library becomes a message;
            // the locks stay this process's, released even then.
            return runIsolated("report", writeReport);
        });
    });
}

} // namespace heatnet::cli
