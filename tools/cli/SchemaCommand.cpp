// `heatnet schema [--markdown] [-o FILE]`: the scenario format, from the reader's key table, as a
// JSON Schema (draft 2020-12) for editors and validators, or as the Markdown key tables of
// docs/scenario.md.
#include "solver/Error.h"
#include "solver/input/ScenarioSchema.h"
#include "tools/cli/Commands.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <unistd.h>

namespace heatnet::cli {

namespace {

//! Writes `text` to `path` through a temporary file renamed into place, and only if it differs
//! (the build calls this on every link: an unchanged file keeps its time stamp).
void writeIfChanged(const std::filesystem::path& path, const std::string& text) {
    {
        std::ifstream in(path, std::ios::binary);
        std::stringstream old;
        old << in.rdbuf();
        if (in && old.str() == text) {
            return;
        }
    }
    const std::filesystem::path temporary = path.string() + fmt::format(".tmp-{}", getpid());
    {
        std::ofstream out(temporary, std::ios::binary);
        out << text;
        if (!out.flush()) {
            std::error_code ignored;
            std::filesystem::remove(temporary, ignored);
            throw OutputError(fmt::format("cannot write '{}'", temporary.string()));
        }
    }
    std::filesystem::rename(temporary, path);
}

} // namespace

void addSchemaCommand(CLI::App& app, int& exitCode) {
    auto* command = app.add_subcommand(
        "schema", "Print the scenario format as a JSON Schema (draft 2020-12) for editors and "
                  "validators, or as Markdown key tables");
    auto markdown = std::make_shared<bool>(false);
    auto output = std::make_shared<std::string>();
    command->add_flag("--markdown", *markdown, "the key tables of docs/scenario.md instead");
    command->add_option("-o,--output", *output, "write to this file instead of stdout");
    command->footer("The same schema is docs/scenario.schema.json. Editors: put "
                    "'# yaml-language-server: $schema=<path or URL of scenario.schema.json>' "
                    "on a scenario's first line (README.md, docs/scenario.md).");
    command->callback([=, &exitCode] {
        exitCode = guarded("schema", [&] {
            const std::string text = *markdown ? scenarioKeyTables() : scenarioJsonSchema();
            if (output->empty()) {
                fmt::print("{}", text);
            } else {
                writeIfChanged(*output, text);
            }
            return 0;
        });
    });
}

} // namespace heatnet::cli
