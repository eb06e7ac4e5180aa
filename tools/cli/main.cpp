// heatnet: simulate district heating networks fed by industrial waste heat.
#include "tools/cli/Commands.h"

int main(int argc, char** argv) {
    CLI::App app{"heatnet: simulate district heating networks fed by industrial waste heat.\n"
                 "Scenarios are YAML files (see docs/scenario.md); results are HDF5 files "
                 "(see docs/output.md).",
                 "heatnet"};
    app.set_version_flag("--version", std::string("heatnet ") + HEATNET_VERSION);
    app.require_subcommand(1);
    int exitCode = 0;
    heatnet::cli::addRunCommand(app, exitCode);
    heatnet::cli::addCheckCommand(app, exitCode);
    heatnet::cli::addInfoCommand(app, exitCode);
    heatnet::cli::addReportCommand(app, exitCode);
    heatnet::cli::addCompareCommand(app, exitCode);
    heatnet::cli::addBenchCommand(app, exitCode);
    heatnet::cli::addSweepCommand(app, exitCode);
    heatnet::cli::addCleanCommand(app, exitCode);
    heatnet::cli::addSchemaCommand(app, exitCode);
    heatnet::cli::addHelpCommand(app, exitCode);
    heatnet::cli::addVersionCommand(app, exitCode);
    heatnet::cli::addCompletionCommand(app, exitCode);
    // Set after the commands: CLI11 copies a parent's footer into commands added later.
    app.footer("Documentation (in the heatnet source tree): README.md; scenario format "
               "docs/scenario.md and scenarios/reference.yaml; results docs/output.md; models "
               "docs/models.md; reports docs/report.md.\nExit codes: 0 success, 2 bad input, 1 "
               "anything else. "
               "'heatnet help COMMAND' explains one command.");
    if (const auto code = heatnet::cli::rejectUnknownCommand(app, argc, argv)) {
        return *code;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : 2;
    }
    return exitCode;
}
