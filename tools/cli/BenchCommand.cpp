// `heatnet bench`: measured speed of the default scenario and generated networks.
#include "solver/Error.h"
#include "tools/cli/Commands.h"

#include <fmt/format.h>

namespace heatnet::cli {

void addBenchCommand(CLI::App& app, int& exitCode) {
    auto* command = app.add_subcommand("bench", "Measure simulation speed (see docs/performance.md)");
    command->callback([&exitCode] {
        exitCode = guarded("bench", [&] {
            throw Error("bench is not built yet");
            return 1;
        });
    });
}

} // namespace heatnet::cli
