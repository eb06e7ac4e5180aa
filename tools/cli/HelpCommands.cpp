// `heatnet help [COMMAND]`, `heatnet version`, and the "did you mean" answer to a mistyped
// command.
#include "solver/input/Input.h"
#include "tools/cli/Commands.h"

#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

namespace heatnet::cli {

namespace {

//! The names of the application's subcommands, in registration order.
std::vector<std::string> commandNames(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        names.push_back(sub->get_name());
    }
    return names;
}

std::string unknownCommandMessage(const CLI::App& app, const std::string& word) {
    const std::vector<std::string> names = commandNames(app);
    const std::string near = nearestWord(word, names);
    std::string list;
    for (const std::string& name : names) {
        list += (list.empty() ? "" : ", ") + name;
    }
    return fmt::format("heatnet: unknown command '{}'{} (commands: {}; see heatnet help)", word,
                       near.empty() ? "" : fmt::format("; did you mean '{}'?", near), list);
}

} // namespace

std::optional<int> rejectUnknownCommand(const CLI::App& app, int argc, char** argv) {
    if (argc < 2 || argv[1][0] == '-') {
        return std::nullopt;
    }
    const std::string word = argv[1];
    for (const std::string& name : commandNames(app)) {
        if (name == word) {
            return std::nullopt;
        }
    }
    fmt::print(stderr, "{}\n", unknownCommandMessage(app, word));
    return 2;
}

void addHelpCommand(CLI::App& app, int& exitCode) {
    auto* command = app.add_subcommand("help", "Show the help of heatnet or of one command");
    auto topic = std::make_shared<std::string>();
    command->add_option("command", *topic, "the command to explain");
    command->footer("Documentation: README.md and docs/ in the heatnet source tree.");
    command->callback([=, &app, &exitCode] {
        if (topic->empty()) {
            // app.help() would describe the selected subcommand (this one): ask the formatter.
            fmt::print("{}", app.get_formatter()->make_help(&app, app.get_name(),
                                                            CLI::AppFormatMode::Normal));
            exitCode = 0;
            return;
        }
        for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
            if (sub->get_name() == *topic) {
                fmt::print("{}", sub->help(app.get_name()));
                exitCode = 0;
                return;
            }
        }
        fmt::print(stderr, "{}\n", unknownCommandMessage(app, *topic));
        exitCode = 2;
    });
}

void addVersionCommand(CLI::App& app, int& exitCode) {
    auto* command = app.add_subcommand("version", "Show heatnet's version");
    command->callback([&exitCode] {
        fmt::print("heatnet {}\n", HEATNET_VERSION);
        exitCode = 0;
    });
}

} // namespace heatnet::cli
