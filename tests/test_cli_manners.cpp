// The command line's manners, on the real binary: help and version commands, "did you mean" for
// a mistyped command, `check` on several files, `--threads`, and the generated bash completion
// run by a real bash.
#include "tests/CliSupport.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace fs = std::filesystem;
using namespace clitest;
using Catch::Matchers::Contains;

namespace {

//! The completions bash offers for the words typed after `heatnet` (the last one is completed).
std::string complete(const std::string& typed) {
    const std::string script = "source <(" + heatnet() + " completion bash); COMP_WORDS=(heatnet " +
                               typed +
                               "); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); _heatnet; "
                               "echo \"${COMPREPLY[*]}\"";
    const Outcome o = runCommand("bash -c '" + script + "'");
    INFO(o.output);
    REQUIRE(o.exitCode == 0);
    return o.output;
}

} // namespace

TEST_CASE("cli: help and version are commands too", "[cli][manners]") {
    const Outcome help = runCommand(heatnet() + " help");
    INFO(help.output);
    REQUIRE(help.exitCode == 0);
    for (const char* command : {"run", "check", "info", "bench", "completion", "docs/scenario.md",
                                "docs/output.md", "Exit codes"}) {
        REQUIRE_THAT(help.output, Contains(command));
    }
    const Outcome run = runCommand(heatnet() + " help run");
    INFO(run.output);
    REQUIRE(run.exitCode == 0);
    REQUIRE_THAT(run.output, Contains("--threads"));
    REQUIRE_THAT(run.output, Contains("OMP_NUM_THREADS"));
    REQUIRE_THAT(run.output, Contains("docs/scenario.md"));
    // Each command's --help names its documentation.
    REQUIRE_THAT(runCommand(heatnet() + " info --help").output, Contains("docs/output.md"));
    REQUIRE_THAT(runCommand(heatnet() + " check --help").output, Contains("docs/scenario.md"));

    const Outcome version = runCommand(heatnet() + " version");
    REQUIRE(version.exitCode == 0);
    REQUIRE(version.output == runCommand(heatnet() + " --version").output);
}

TEST_CASE("cli: a mistyped command exits 2 with the nearest command", "[cli][manners]") {
    const Outcome o = runCommand(heatnet() + " runn scenarios/saint-omer.yaml");
    INFO(o.output);
    REQUIRE(o.exitCode == 2);
    REQUIRE_THAT(o.output, Contains("unknown command 'runn'; did you mean 'run'?"));
    const Outcome help = runCommand(heatnet() + " help chek");
    INFO(help.output);
    REQUIRE(help.exitCode == 2);
    REQUIRE_THAT(help.output, Contains("did you mean 'check'?"));
}

TEST_CASE("cli: check takes several files and prints every error", "[cli][manners]") {
    const fs::path bad = sourceDir() / "tests" / "data" / "bad";
    const fs::path good = sourceDir() / "scenarios" / "reference.yaml";
    const Outcome o = runCommand(heatnet() + " check " + (bad / "unknown_key.yaml").string() + " " +
                                 good.string() + " " + (bad / "no_unit.yaml").string());
    INFO(o.output);
    REQUIRE(o.exitCode == 2);
    REQUIRE_THAT(o.output, Contains("unknown_key.yaml:"));
    REQUIRE_THAT(o.output, Contains("no_unit.yaml:"));
    REQUIRE_THAT(o.output, Contains("reference.yaml: ok"));
    const Outcome allGood = runCommand(heatnet() + " check " + good.string() + " " +
                                       (sourceDir() / "scenarios" / "saint-omer.yaml").string());
    INFO(allGood.output);
    REQUIRE(allGood.exitCode == 0);
}

TEST_CASE("cli: --threads sets the OpenMP threads of run", "[cli][manners]") {
    const fs::path dir = freshDirectory("threads");
    std::ifstream in(sourceDir() / "scenarios" / "reference.yaml");
    std::stringstream text;
    text << in.rdbuf();
    std::ofstream(dir / "a.yaml") << text.str();
    std::ofstream(dir / "reference-demand.csv")
        << std::ifstream(sourceDir() / "scenarios" / "reference-demand.csv").rdbuf();
    std::ofstream(dir / "b.yaml") << std::regex_replace(text.str(), std::regex("name: reference"),
                                                        "name: reference-b");
    const std::string run = "cd " + dir.string() + " && OMP_NUM_THREADS=2 " + heatnet() + " run";
    const Outcome one = runCommand(run + " --threads 1 a.yaml b.yaml");
    INFO(one.output);
    REQUIRE(one.exitCode == 0);
    REQUIRE_THAT(one.output, Contains("2 scenarios on 1 OpenMP thread(s)"));
    const Outcome two = runCommand(run + " -j 2 a.yaml b.yaml");
    INFO(two.output);
    REQUIRE(two.exitCode == 0);
    REQUIRE_THAT(two.output, Contains("2 scenarios on 2 OpenMP thread(s)"));
    const Outcome zero = runCommand(run + " --threads 0 a.yaml");
    REQUIRE(zero.exitCode == 2);
}

TEST_CASE("cli: bash completion is generated from the commands", "[cli][manners]") {
    REQUIRE(complete("ru") == "run\n");
    REQUIRE(complete("run --th") == "--threads\n");
    REQUIRE(complete("help ch") == "check\n");
    REQUIRE_THAT(complete("bench --"), Contains("--repeat"));
    REQUIRE(runCommand(heatnet() + " completion fish").exitCode == 2);
}
