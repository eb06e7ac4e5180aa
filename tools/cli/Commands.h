#pragma once
// The subcommands of the `heatnet` command line. Each returns the process exit code:
// 0 success, 2 bad input, 1 anything else. Only this folder prints and decides exit codes.
#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <string>

namespace heatnet::cli {

//! Registers `run`, `check`, `info`, `report`, `bench`, `schema`, `help`, `version` and
//! `completion` on the application (`help` and `completion` read the application's other commands
//! when they run).
void addRunCommand(CLI::App& app, int& exitCode);
void addCheckCommand(CLI::App& app, int& exitCode);
void addInfoCommand(CLI::App& app, int& exitCode);
void addReportCommand(CLI::App& app, int& exitCode);
void addBenchCommand(CLI::App& app, int& exitCode);
void addSchemaCommand(CLI::App& app, int& exitCode);
void addHelpCommand(CLI::App& app, int& exitCode);
void addVersionCommand(CLI::App& app, int& exitCode);
void addCompletionCommand(CLI::App& app, int& exitCode);
//! Registers `clean` (stale temporary and lock files of dead processes).
void addCleanCommand(CLI::App& app, int& exitCode);

//! If argv[1] is a word that names no command, prints "unknown command 'runn'; did you mean
//! 'run'?" on stderr and returns 2; otherwise nullopt.
std::optional<int> rejectUnknownCommand(const CLI::App& app, int argc, char** argv);
//! Registers `compare` (a result against measured series, docs/compare.md).
void addCompareCommand(CLI::App& app, int& exitCode);
//! Registers `sweep` (and `sweep merge`).
void addSweepCommand(CLI::App& app, int& exitCode);

//! What `heatnet info` prints about a result or sweep file, in this process; throws heatnet's
//! errors. (`info` runs it in a child process: tools/cli/Isolated.h.)
int showResultFile(const std::string& path);

//! Runs `body`, turning heatnet's errors into a message on stderr and an exit code.
int guarded(const char* command, const std::function<int()>& body);

} // namespace heatnet::cli
