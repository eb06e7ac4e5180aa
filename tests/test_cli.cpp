// The `heatnet` command line end to end: the real binary on real files.
#include "tests/CliSupport.h"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace fs = std::filesystem;
using namespace clitest;

namespace {

//! The whole content of a file.
std::string contentOf(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

TEST_CASE("cli: --version and --help", "[cli]") {
    const Outcome version = runCommand(heatnet() + " --version");
    REQUIRE(version.exitCode == 0);
    REQUIRE_THAT(version.output, Catch::Matchers::Contains("heatnet 0."));
    const Outcome help = runCommand(heatnet() + " --help");
    REQUIRE(help.exitCode == 0);
    for (const char* sub : {"run", "check", "info", "bench"}) {
        REQUIRE_THAT(help.output, Catch::Matchers::Contains(sub));
    }
    REQUIRE(runCommand(heatnet() + " frobnicate").exitCode == 2);
}

TEST_CASE("cli: check accepts every bundled scenario", "[cli]") {
    for (const auto& entry : fs::directory_iterator(sourceDir() / "scenarios")) {
        if (entry.path().extension() != ".yaml") {
            continue;
        }
        const Outcome o = runCommand(heatnet() + " check " + entry.path().string());
        INFO(entry.path().string() << "\n" << o.output);
        REQUIRE(o.exitCode == 0);
        REQUIRE_THAT(o.output, Catch::Matchers::Contains(": ok"));
    }
}

TEST_CASE("cli: a bad scenario exits 2 with a located message and writes nothing", "[cli]") {
    const fs::path dir = freshDirectory("bad");
    const fs::path output = dir / "out.h5";
    const fs::path bad = sourceDir() / "tests" / "data" / "bad" / "unknown_key.yaml";
    const Outcome o = runCommand(heatnet() + " run " + bad.string() + " -o " + output.string());
    INFO(o.output);
    REQUIRE(o.exitCode == 2);
    REQUIRE_THAT(o.output, Catch::Matchers::Contains("unknown_key.yaml:"));
    REQUIRE_THAT(o.output, Catch::Matchers::Contains("did you mean"));
    REQUIRE_THAT(o.output, !Catch::Matchers::Contains("terminate"));
    REQUIRE(!fs::exists(output));
    REQUIRE(fs::is_empty(dir));
}

//! Runs a century-long scenario, sends `signal` once it is writing; checks exit 130, no file.
void checkInterruptedBy(const std::string& signal) {
    const fs::path dir = freshDirectory("interrupt-" + signal);
    // A century of hours: the run cannot end before the signal, however fast the machine.
    const fs::path scenario = shortenedDefault(dir, "876000 h");
    const fs::path output = dir / "out.h5";
    // Start in the background, wait until the run is writing (its temporary file exists) or has
    // ended on its own, then interrupt it and collect the exit code. No clock decides the outcome:
    // the wait has no time limit of its own (ctest's timeout bounds the whole test).
    const std::string command = "sh -c '" + heatnet() + " run " + scenario.string() + " -o " +
                                output.string() + " > " + (dir / "log").string() +
                                " 2>&1 & pid=$!; until ls " + output.string() +
                                ".tmp-* >/dev/null 2>&1 || ! kill -0 $pid 2>/dev/null; do "
                                "sleep 0.05; done; kill -" +
                                signal + " $pid; wait $pid; echo exit=$?'";
    const Outcome o = runCommand(command);
    INFO(o.output);
    REQUIRE_THAT(o.output, Catch::Matchers::Contains("exit=130"));
    REQUIRE(!fs::exists(output));
    for (const auto& entry : fs::directory_iterator(dir)) {
        REQUIRE(entry.path().string().find(".tmp") == std::string::npos);
    }
    std::ifstream log(dir / "log");
    std::stringstream text;
    text << log.rdbuf();
    REQUIRE_THAT(text.str(), Catch::Matchers::Contains("interrupted"));
}

TEST_CASE("cli: an interrupted run exits 130 and leaves no file at the output path", "[cli]") {
    checkInterruptedBy("INT");
}

TEST_CASE("cli: SIGTERM and SIGHUP stop a run like SIGINT", "[cli]") {
    checkInterruptedBy("TERM");
    checkInterruptedBy("HUP");
}

TEST_CASE("cli: a year of the default scenario: KPIs, balance, HDF5 for h5py and xarray",
          "[cli][year]") {
    const fs::path dir = freshDirectory("year");
    const fs::path output = dir / "saint-omer.h5";
    const Outcome run =
        runCommand(heatnet() + " run " + (sourceDir() / "scenarios" / "saint-omer.yaml").string() +
                   " -o " + output.string() + " | cat");
    INFO(run.output);
    REQUIRE(run.exitCode == 0);
    REQUIRE(fs::exists(output));
    // Quiet when piped: no progress bar characters.
    REQUIRE(run.output.find('\r') == std::string::npos);
    for (const char* kpi : {"Heat demand", "Recovered waste heat", "Pipe losses", "CO2 avoided",
                            "Energy balance residual"}) {
        REQUIRE_THAT(run.output, Catch::Matchers::Contains(kpi));
    }

    // The stored balance residual, read back by the real python stack.
    const std::string python = "/usr/bin/python3 -c \"import h5py,sys; f=h5py.File('" +
                               output.string() +
                               "'); r=f['kpis/energy_balance_residual_relative'][()]; "
                               "d=f['kpis/heat_delivered'][()]; print(r, d); "
                               "sys.exit(0 if r < 0.1 and d > 1000 else 1)\"";
    const Outcome balance = runCommand(python);
    INFO(balance.output);
    REQUIRE(balance.exitCode == 0);

    const fs::path checker = fs::path(HEATNET_SHARED_DIR) / "tools" / "check_results.py";
    if (fs::exists(checker)) {
        const Outcome check =
            runCommand("/usr/bin/python3 " + checker.string() + " " + output.string());
        INFO(check.output);
        REQUIRE(check.exitCode == 0);
    }

    const Outcome info = runCommand(heatnet() + " info " + output.string());
    INFO(info.output);
    REQUIRE(info.exitCode == 0);
    REQUIRE_THAT(info.output, Catch::Matchers::Contains("saint-omer"));
    REQUIRE_THAT(info.output, Catch::Matchers::Contains("/pipes:"));
}

TEST_CASE("cli: info on a file that is not a result exits non-zero", "[cli]") {
    const fs::path dir = freshDirectory("info");
    const fs::path junk = dir / "junk.h5";
    std::ofstream(junk) << "not hdf5";
    const Outcome o = runCommand(heatnet() + " info " + junk.string());
    REQUIRE(o.exitCode == 1);
    REQUIRE_THAT(o.output, Catch::Matchers::Contains("junk.h5"));
}

TEST_CASE("cli: several scenarios run in parallel, each into its own file", "[cli][parallel]") {
    const fs::path dir = freshDirectory("several");
    const fs::path a = shortenedDefault(dir, "72 h");
    std::ifstream in(a);
    std::stringstream text;
    text << in.rdbuf();
    const fs::path b = dir / "b.yaml";
    std::ofstream(b) << std::regex_replace(text.str(), std::regex("name: saint-omer"),
                                           "name: saint-omer-b");
    const Outcome o =
        runCommand("cd " + dir.string() + " && " + heatnet() + " run short.yaml b.yaml");
    INFO(o.output);
    REQUIRE(o.exitCode == 0);
    REQUIRE(fs::exists(dir / "results" / "saint-omer.h5"));
    REQUIRE(fs::exists(dir / "results" / "saint-omer-b.h5"));
    // Two scenarios writing one file are refused before anything runs.
    const Outcome same =
        runCommand("cd " + dir.string() + " && " + heatnet() + " run short.yaml short.yaml");
    REQUIRE(same.exitCode == 2);
    REQUIRE_THAT(same.output, Catch::Matchers::Contains("would both write"));
    // -o names one file: refused with several scenarios.
    REQUIRE(runCommand(heatnet() + " run " + a.string() + " " + b.string() + " -o x.h5").exitCode ==
            2);
}

TEST_CASE("cli: an output that is a special file, a link or an input is refused before running",
          "[cli][output]") {
    const fs::path dir = freshDirectory("special-output");
    const fs::path scenario = shortenedDefault(dir, "24 h");
    const std::string original = contentOf(scenario);
    const std::string run = "cd " + dir.string() + " && " + heatnet() + " run short.yaml -o ";

    // The scenario itself, under two spellings, and through a hard link.
    fs::create_hard_link(scenario, dir / "hard.h5");
    for (const std::string output : {"short.yaml", "./short.yaml", "hard.h5"}) {
        const Outcome o = runCommand(run + output);
        INFO(output << "\n" << o.output);
        REQUIRE(o.exitCode == 2);
        REQUIRE_THAT(o.output, Catch::Matchers::Contains("is the input file"));
        REQUIRE(contentOf(scenario) == original);
    }
    // A FIFO and a symlink stay what they are.
    REQUIRE(::mkfifo((dir / "fifo.h5").c_str(), 0600) == 0);
    fs::create_symlink(scenario, dir / "link.h5");
    for (const std::string output : {"fifo.h5", "link.h5"}) {
        const Outcome o = runCommand(run + output);
        INFO(output << "\n" << o.output);
        REQUIRE(o.exitCode == 2);
        REQUIRE_THAT(o.output, Catch::Matchers::Contains("regular files only"));
    }
    REQUIRE(fs::is_fifo(fs::symlink_status(dir / "fifo.h5")));
    REQUIRE(fs::is_symlink(fs::symlink_status(dir / "link.h5")));
    REQUIRE(contentOf(scenario) == original);
    // Nothing but the lock-free, temporary-free folder is left.
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        REQUIRE(name.find(".tmp") == std::string::npos);
        REQUIRE(name.find(".lock") == std::string::npos);
    }
}

TEST_CASE("cli: a scenario name is a file name in results/, never a path", "[cli][output]") {
    const fs::path dir = freshDirectory("name-path");
    const fs::path scenario = shortenedDefault(dir, "24 h");
    std::string text = contentOf(scenario);
    text = std::regex_replace(text, std::regex("name: saint-omer"), "name: \"../escaped\"");
    std::ofstream(dir / "up.yaml") << text;
    fs::create_directories(dir / "work");
    const Outcome o =
        runCommand("cd " + (dir / "work").string() + " && " + heatnet() + " run ../up.yaml -q");
    INFO(o.output);
    REQUIRE(o.exitCode == 0);
    REQUIRE(fs::exists(dir / "work" / "results" / "___escaped.h5"));
    REQUIRE(!fs::exists(dir / "escaped.h5"));
    REQUIRE(!fs::exists(dir / "work" / "escaped.h5"));
}

TEST_CASE("cli: a second writer of one output is refused, a dead writer's file is cleaned up",
          "[cli][output]") {
    const fs::path dir = freshDirectory("lock");
    const fs::path scenario = shortenedDefault(dir, "24 h");
    const fs::path output = dir / "out.h5";
    // Another process holds the output's lock (util-linux flock) while heatnet tries to write.
    const Outcome locked = runCommand("flock " + output.string() + ".lock " + heatnet() + " run " +
                                      scenario.string() + " -o " + output.string());
    INFO(locked.output);
    REQUIRE(locked.exitCode == 1);
    REQUIRE_THAT(locked.output, Catch::Matchers::Contains("being written by another"));
    REQUIRE(!fs::exists(output));

    // A temporary file of a process that no longer exists (kill -9) goes with the next run.
    const fs::path stale = dir / ("out.h5.tmp-" + std::to_string(pidOfNoProcess()));
    std::ofstream(stale) << "half a result";
    const Outcome run =
        runCommand(heatnet() + " run " + scenario.string() + " -q -o " + output.string());
    INFO(run.output);
    REQUIRE(run.exitCode == 0);
    REQUIRE(fs::exists(output));
    REQUIRE(!fs::exists(stale));
    REQUIRE(!fs::exists(dir / "out.h5.lock"));
}

TEST_CASE("cli: a full disk or an unwritable folder: a clear message, exit 1, no file, no crash",
          "[cli][output]") {
    const fs::path dir = freshDirectory("disk-full");
    const fs::path scenario = shortenedDefault(dir, "168 h");
    const fs::path output = dir / "out.h5";
    // A file size limit stands for a full disk or an exhausted quota: the write fails with EFBIG
    // (SIGXFSZ ignored, as a disk gives no signal), in the middle of the run.
    const Outcome full =
        runCommand("sh -c 'trap \"\" XFSZ; ulimit -f 64; " + heatnet() + " run " +
                   scenario.string() + " -q -o " + output.string() + "; echo exit=$?'");
    INFO(full.output);
    REQUIRE_THAT(full.output, Catch::Matchers::Contains("exit=1\n"));
    REQUIRE_THAT(full.output, Catch::Matchers::Contains("cannot write"));
    REQUIRE_THAT(full.output, Catch::Matchers::Contains("File too large"));
    REQUIRE(!fs::exists(output));
    for (const auto& entry : fs::directory_iterator(dir)) {
        REQUIRE(entry.path().filename().string().rfind("out.h5", 0) == std::string::npos);
    }
    // A folder that cannot be made (a file stands where it should be).
    std::ofstream(dir / "plain") << "x";
    const Outcome folder = runCommand(heatnet() + " run " + scenario.string() + " -q -o " +
                                      (dir / "plain" / "out.h5").string());
    INFO(folder.output);
    REQUIRE(folder.exitCode != 0);
    REQUIRE(folder.exitCode != 139);
    REQUIRE_THAT(folder.output, Catch::Matchers::Contains("plain"));
    REQUIRE_THAT(folder.output, !Catch::Matchers::Contains("H5"));
}

TEST_CASE("cli: warnings are printed, stored under /warnings, and --strict makes them errors",
          "[cli][warnings]") {
    const fs::path dir = freshDirectory("warnings");
    const fs::path scenario =
        sourceDir() / "tests" / "data" / "implausible" / "plant-never-runs.yaml";
    const fs::path output = dir / "out.h5";
    const Outcome run =
        runCommand(heatnet() + " run " + scenario.string() + " -o " + output.string());
    INFO(run.output);
    REQUIRE(run.exitCode == 0);
    REQUIRE_THAT(run.output, Catch::Matchers::Contains("warning [plant_never_runs]: plant 'MILL'"));
    // Read back as h5py users meet it: one row per warning, the KPI counts them.
    const Outcome stored = runCommand(
        "/usr/bin/python3 -c \"import h5py; f = h5py.File('" + output.string() +
        "', 'r'); w = f['warnings']; rows = list(zip(w['id'].asstr()[()], "
        "w['element'].asstr()[()])); print(('plant_never_runs', \\\"plant 'MILL'\\\") in rows, "
        "len(rows) == int(f['kpis/warnings'][()]))\"");
    INFO(stored.output);
    CHECK(stored.output == "True True\n");
    const Outcome strict =
        runCommand(heatnet() + " run --strict " + scenario.string() + " -o " + output.string());
    CHECK(strict.exitCode == 2);
    CHECK_THAT(strict.output, Catch::Matchers::Contains("error [plant_never_runs]"));
    CHECK(fs::exists(output)); // complete, with the warnings that made it fail

    const fs::path hill = sourceDir() / "tests" / "data" / "implausible" / "pressure-above-pn.yaml";
    const Outcome check = runCommand(heatnet() + " check " + hill.string());
    CHECK(check.exitCode == 0);
    CHECK_THAT(check.output, Catch::Matchers::Contains("warning [pressure_above_pn]"));
    const Outcome checkStrict = runCommand(heatnet() + " check --strict " + hill.string());
    CHECK(checkStrict.exitCode == 2);
    CHECK_THAT(checkStrict.output, Catch::Matchers::Contains("error [pressure_above_pn]"));
}

TEST_CASE("cli: CF time bounds and cell methods, daily and monthly sums as docs/output.md says",
          "[cli][time]") {
    // 72 h from 30 January: three days over two months; the last step ends at 2 February 00:00.
    const fs::path dir = freshDirectory("time-bounds");
    std::string text = contentOf(sourceDir() / "tests" / "data" / "two-plants.yaml");
    text = std::regex_replace(text, std::regex("start: 2025-01-01 00:00, duration: 168 h"),
                              "start: 2025-01-30 00:00, duration: 72 h");
    REQUIRE(text.find("2025-01-30") != std::string::npos);
    std::ofstream(dir / "bounds.yaml") << text;
    const fs::path output = dir / "bounds.h5";
    const Outcome run = runCommand(heatnet() + " run -q " + (dir / "bounds.yaml").string() +
                                   " -o " + output.string());
    INFO(run.output);
    REQUIRE(run.exitCode == 0);
    const Outcome check = runCommand(
        "/usr/bin/python3 " + (sourceDir() / "tests" / "data" / "check_time_bounds.py").string() +
        " " + output.string() + " 3 2");
    INFO(check.output);
    REQUIRE(check.exitCode == 0);
}

TEST_CASE("cli: bench prints one figures line per run and the median, also with the pressures in "
          "line",
          "[cli]") {
    const fs::path dir = freshDirectory("bench");
    for (const std::string extra : {"", " --pressures-in-line"}) {
        const Outcome o = runCommand(heatnet() +
                                     " bench --case destest-week --hours 24 --repeat 2 "
                                     "--pipe-model plug_flow --keep " +
                                     dir.string() + extra);
        INFO(o.output);
        REQUIRE(o.exitCode == 0);
        const std::regex line(R"(case=destest-week pipes=48 hours=24 wall_s=[0-9.]+ cpu_s=[0-9.]+ )"
                              R"(peak_rss_mb=[0-9]+ file_mb=[0-9.]+ (run=[12]|median_of=2)\n)");
        const auto lines = std::distance(
            std::sregex_iterator(o.output.begin(), o.output.end(), line), std::sregex_iterator());
        CHECK(lines == 3);
        CHECK(fs::file_size(dir / "destest-week.h5") > 0); // --keep kept the result file
    }
}
