#pragma once
// The subcommands of the `heatnet` command line. Each returns the process exit code:
// 0 success, 2 bad input, 1 anything else. Only this folder prints and decides exit codes.
#include <CLI/CLI.hpp>

namespace heatnet::cli {

//! Registers `run`, `check`, `info` and `bench` on the application.
void addRunCommand(CLI::App& app, int& exitCode);
void addCheckCommand(CLI::App& app, int& exitCode);
void addInfoCommand(CLI::App& app, int& exitCode);
void addBenchCommand(CLI::App& app, int& exitCode);

//! Runs `body`, turning heatnet's errors into a message on stderr and an exit code.
int guarded(const char* command, const std::function<int()>& body);

} // namespace heatnet::cli
