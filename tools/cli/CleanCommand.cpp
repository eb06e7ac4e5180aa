// `heatnet clean [PATH ...]`: removes what heatnet processes that no longer exist left behind
// (temporary files "<output>.tmp-<pid>" after kill -9 or a power cut, lock files "<output>.lock"),
// never a live process's files (solver/output/OutputPath.h, removeStaleFiles).
#include "solver/output/OutputPath.h"
#include "tools/cli/Commands.h"

#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

namespace heatnet::cli {

void addCleanCommand(CLI::App& app, int& exitCode) {
    auto* command = app.add_subcommand(
        "clean", "Remove temporary and lock files left by heatnet processes that no longer exist "
                 "(after kill -9 or a power cut), next to outputs or in folders");
    auto paths = std::make_shared<std::vector<std::string>>();
    command->add_option("paths", *paths,
                        "output files or folders to clean (default: results, the default "
                        "output folder)");
    command->footer("A file of a process that still exists is never removed. See "
                    "docs/reliability.md.");
    command->callback([=, &exitCode] {
        exitCode = guarded("clean", [&] {
            const std::vector<std::string> targets =
                paths->empty() ? std::vector<std::string>{"results"} : *paths;
            std::size_t removed = 0;
            for (const std::string& target : targets) {
                for (const StaleFile& file : removeStaleFiles(target)) {
                    fmt::print("removed {} ({} of process {}, which no longer exists)\n",
                               file.path.string(),
                               file.kind == StaleFile::Kind::Lock ? "lock file" : "temporary file",
                               file.pid);
                    ++removed;
                }
            }
            if (removed == 0) {
                fmt::print("heatnet clean: nothing to remove\n");
            }
            return 0;
        });
    });
}

} // namespace heatnet::cli
