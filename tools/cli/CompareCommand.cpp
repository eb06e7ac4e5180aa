// `heatnet compare RESULT.h5 MEASURED.csv --map MAPPING.yaml [-o FIGURES.csv]`: simulated
// against measured, sensor by sensor (docs/compare.md). Prints one line per sensor and stores the
// figures as CSV next to the result (RESULT.compare.csv unless -o), through the output-path
// policy (solver/output/OutputPath.h) and an atomic rename. Quick (no progress bar needed: a sensor
// of 10^4 rows and 10^3 lags takes milliseconds).
#include "solver/Error.h"
#include "solver/compare/MeasurementComparison.h"
#include "solver/output/AtomicFile.h"
#include "solver/output/OutputPath.h"
#include "tools/cli/Commands.h"

#include <fmt/format.h>

#include <filesystem>
#include <memory>

namespace heatnet::cli {

namespace {

//! RESULT.h5 → RESULT.compare.csv beside it.
std::filesystem::path defaultFiguresPath(const std::filesystem::path& result) {
    std::filesystem::path out = result;
    out.replace_extension();
    return out.string() + ".compare.csv";
}

} // namespace

void addCompareCommand(CLI::App& app, int& exitCode) {
    auto* command = app.add_subcommand(
        "compare", "Compare a result file with measured series (RMSE, bias, maximum error, lag "
                   "per sensor)");
    command->footer("The measured CSV needs a 'time' column (ISO 8601 local time or seconds from "
                    "the run's start); the mapping file says which column is which series of "
                    "which element. Format and figures: docs/compare.md. Bad input exits 2.");
    auto result = std::make_shared<std::string>();
    auto measured = std::make_shared<std::string>();
    auto mapping = std::make_shared<std::string>();
    auto output = std::make_shared<std::string>();
    command->add_option("result", *result, "result file of 'heatnet run' (HDF5)")->required();
    command->add_option("measured", *measured, "measured series (CSV with a 'time' column)")
        ->required();
    command->add_option("-m,--map", *mapping, "mapping file (YAML): sensors and lag window")
        ->required();
    command->add_option("-o,--output", *output,
                        "figures as CSV (default: RESULT.compare.csv beside the result)");
    command->callback([=, &exitCode] {
        exitCode = guarded("compare", [&] {
            const std::filesystem::path figuresPath =
                output->empty() ? defaultFiguresPath(*result) : std::filesystem::path(*output);
            checkOutputPath(figuresPath, {*result, *measured, *mapping});
            const MeasurementMap map = readMeasurementMap(*mapping);
            const auto sensors = compareMeasurements(*result, *measured, map);
            OutputLock lock(figuresPath);
            writeFileAtomically(figuresPath, comparisonCsv(sensors));
            fmt::print("{:<24} {:>7} {:>9} {:>9} {:>10} {:>8} {:>11}\n", "sensor", "samples",
                       "RMSE", "bias", "max error", "lag [s]", "RMSE at lag");
            for (const SensorComparison& s : sensors) {
                const ComparisonFigures& f = s.figures;
                fmt::print("{:<24} {:>7} {:>9.4f} {:>+9.4f} {:>+10.4f} {:>8g} {:>11.4f}  {}\n",
                           s.name, f.samples, f.rmse, f.bias, f.maxError, f.lag_s, f.rmseAtLag,
                           s.errorUnit);
            }
            fmt::print("heatnet compare: {} sensor{} -> {}\n", sensors.size(),
                       sensors.size() == 1 ? "" : "s", figuresPath.string());
            return 0;
        });
    });
}

} // namespace heatnet::cli
