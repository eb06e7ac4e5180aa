// `heatnet sweep` end to end with the real binary: files, threads, mpirun, kill -9 and --resume,
// shards and merge, info. Short scenarios keep each test to seconds.
#include "solver/sweep/SweepFile.h"
#include "tests/CliSupport.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace clitest;

namespace {

//! A grid sweep of the default scenario over `hours`: insulation series × supply temperature.
fs::path writeSweep(const fs::path& dir, int hours, const std::string& extraParameter = "") {
    const fs::path path = dir / "sweep.yaml";
    std::ofstream(path) << "name: cli-sweep\n"
                        << "base: " << (sourceDir() / "scenarios" / "saint-omer.yaml").string()
                        << "\nscenario: {simulation.duration: " << hours << " h}\n"
                        << "parameters:\n"
                        << "  - path: network.pipes[*].series\n    values: [1, 3]\n"
                        << "  - path: plants.ARQUES.supply_temperature.curve.at_design\n"
                        << "    range: {from: 95 degC, to: 115 degC, count: 3}\n"
                        << extraParameter;
    return path;
}

//! h5diff finds no difference between the two files (datasets and attributes).
bool sameContent(const fs::path& a, const fs::path& b) {
    const Outcome o = runCommand("h5diff " + a.string() + " " + b.string());
    INFO(o.output);
    return o.exitCode == 0;
}

std::string mpirun() {
    // CI runs as root: Open MPI then needs both variables; --oversubscribe beyond the cores;
    // --bind-to none as ranks use threads.
    return "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 mpirun --oversubscribe "
           "--bind-to none ";
}

} // namespace

TEST_CASE(
    "sweep cli: a small sweep writes one HDF5 file and a CSV, and every case closes its energy "
    "balance",
    "[sweep][cli]") {
    const fs::path dir = freshDirectory("sweep-small");
    const fs::path sweep = writeSweep(dir, 24);
    const fs::path output = dir / "out.h5";
    const Outcome o = runCommand(clitest::heatnet() + " sweep " + sweep.string() + " -o " +
                                 output.string() + " | cat");
    INFO(o.output);
    REQUIRE(o.exitCode == 0);
    REQUIRE_THAT(o.output, Catch::Contains("6 done, 0 failed"));
    REQUIRE_THAT(o.output, Catch::Contains("Pareto-optimal"));
    REQUIRE(fs::exists(dir / "out.csv"));
    REQUIRE(!fs::exists(dir / "out.h5.journal"));
    const auto [header, records] = heatnet::readSweepFile(output);
    REQUIRE(header.caseCount == 6);
    REQUIRE(records.size() == 6);
    std::size_t optimal = 0;
    for (const heatnet::CaseRecord& r : records) {
        REQUIRE(r.done);
        const double sources = heatnet::recordKpi(r, "heat_from_sources");
        const double residual = sources - heatnet::recordKpi(r, "heat_delivered") -
                                heatnet::recordKpi(r, "pipe_losses") -
                                heatnet::recordKpi(r, "stored_heat_change");
        REQUIRE(std::abs(residual) < 1e-6 * sources);
    }
    // Pareto flags agree with dominance over the three default objectives.
    const std::vector<bool> front =
        heatnet::paretoOptimal(records, header.objectives, header.maximise);
    for (bool f : front) {
        optimal += f ? 1 : 0;
    }
    REQUIRE(optimal >= 1);
    std::ifstream csv(dir / "out.csv");
    std::string line;
    std::size_t lines = 0;
    while (std::getline(csv, line)) {
        ++lines;
    }
    REQUIRE(lines == 7);
    const Outcome info = runCommand(clitest::heatnet() + " info " + output.string());
    REQUIRE(info.exitCode == 0);
    REQUIRE_THAT(info.output, Catch::Contains("Pareto-optimal cases"));
    REQUIRE_THAT(info.output, Catch::Contains("heat_cost_per_mwh"));
}

TEST_CASE("sweep cli: a bad level stops the sweep before anything runs", "[sweep][cli]") {
    const fs::path dir = freshDirectory("sweep-bad");
    const fs::path sweep = writeSweep(dir, 24,
                                      "  - path: plants.ARQUES.differential_pressure\n"
                                      "    values: [1 bar, 2 kW]\n");
    const Outcome o = runCommand(clitest::heatnet() + " sweep " + sweep.string() + " -o " +
                                 (dir / "out.h5").string());
    INFO(o.output);
    REQUIRE(o.exitCode == 2);
    REQUIRE_THAT(o.output, Catch::Contains("sweep.yaml:10:21:"));
    REQUIRE_THAT(o.output, Catch::Contains("plants.ARQUES.differential_pressure"));
    REQUIRE(!fs::exists(dir / "out.h5"));
    REQUIRE(!fs::exists(dir / "out.h5.journal"));
}

TEST_CASE("sweep cli: a failed case does not stop the sweep", "[sweep][cli]") {
    const fs::path dir = freshDirectory("sweep-failed");
    const fs::path sweep = dir / "sweep.yaml";
    // Reconnecting P09 to J1 cuts a substation off: that case cannot be simulated.
    std::ofstream(sweep) << "base: " << (sourceDir() / "scenarios" / "saint-omer.yaml").string()
                         << "\nscenario: {simulation.duration: 24 h}\nparameters:\n"
                         << "  - path: network.pipes[P09].to\n    values: [N_ARQ_HOUSING_2, J1]\n";
    const fs::path output = dir / "out.h5";
    const Outcome o =
        runCommand(clitest::heatnet() + " sweep " + sweep.string() + " -o " + output.string());
    INFO(o.output);
    REQUIRE(o.exitCode == 0);
    const auto [header, records] = heatnet::readSweepFile(output);
    REQUIRE(records.size() == 2);
    REQUIRE(records[0].done);
    REQUIRE(!records[1].done);
    REQUIRE_THAT(records[1].message, Catch::Contains("cannot be reached"));
}

TEST_CASE("sweep cli: threads, serial and mpirun -n 2 give the same file content",
          "[sweep][cli][mpi]") {
    const fs::path dir = freshDirectory("sweep-parallel");
    const fs::path sweep = writeSweep(dir, 48);
    const std::string base = clitest::heatnet() + " sweep " + sweep.string() + " -q -o ";
    REQUIRE(runCommand(base + (dir / "serial.h5").string() + " --threads 1").exitCode == 0);
    REQUIRE(runCommand(base + (dir / "threads.h5").string() + " --threads 2").exitCode == 0);
    const Outcome mpi = runCommand(mpirun() + "-n 2 " + base + (dir / "mpi.h5").string());
    INFO(mpi.output);
    REQUIRE(mpi.exitCode == 0);
    REQUIRE(sameContent(dir / "serial.h5", dir / "threads.h5"));
    REQUIRE(sameContent(dir / "serial.h5", dir / "mpi.h5"));
}

TEST_CASE("sweep cli: kill -9 then --resume gives the same cases as an uninterrupted sweep",
          "[sweep][cli]") {
    const fs::path dir = freshDirectory("sweep-resume");
    const fs::path sweep = writeSweep(dir, 24 * 20);
    const fs::path whole = dir / "whole.h5", killed = dir / "killed.h5";
    const std::string base =
        clitest::heatnet() + " sweep " + sweep.string() + " -q --threads 1 -o ";
    REQUIRE(runCommand(base + whole.string()).exitCode == 0);
    // Start, wait until the journal holds a first case (more than its header line), kill -9.
    const fs::path journal = killed.string() + ".journal";
    const std::string command = "sh -c '" + base + killed.string() +
                                " & pid=$!; n=0; until [ $(stat -c %s " + journal.string() +
                                " 2>/dev/null || echo 0) -gt 60 ] || [ $n -ge 2000 ]; do sleep "
                                "0.01; n=$((n+1)); done; kill -9 $pid; wait $pid; echo exit=$?'";
    const Outcome kill = runCommand(command);
    INFO(kill.output);
    REQUIRE_THAT(kill.output, Catch::Contains("exit=137"));
    REQUIRE(fs::exists(journal));
    REQUIRE(!fs::exists(killed));
    // Without --resume the journal is not silently overwritten.
    const Outcome refused = runCommand(base + killed.string());
    REQUIRE(refused.exitCode == 2);
    REQUIRE_THAT(refused.output, Catch::Contains("--resume"));
    const Outcome resumed = runCommand(clitest::heatnet() + " sweep " + sweep.string() +
                                       " --threads 1 --resume -o " + killed.string());
    INFO(resumed.output);
    REQUIRE(resumed.exitCode == 0);
    // It ran only the missing cases: finished before + run now = all, none twice.
    unsigned before = 0, toRun = 0;
    const auto at = resumed.output.find("resuming: ");
    REQUIRE(at != std::string::npos);
    REQUIRE(std::sscanf(resumed.output.c_str() + at,
                        "resuming: %u cases finished before, %u to run", &before, &toRun) == 2);
    REQUIRE(before >= 1);
    REQUIRE(before + toRun == 6);
    REQUIRE_THAT(resumed.output, Catch::Contains(std::to_string(toRun) + " cases run"));
    REQUIRE(!fs::exists(journal));
    REQUIRE(sameContent(whole, killed));
}

TEST_CASE("sweep cli: shards merged equal the whole sweep", "[sweep][cli]") {
    const fs::path dir = freshDirectory("sweep-shards");
    const fs::path sweep = writeSweep(dir, 24);
    const std::string base = clitest::heatnet() + " sweep " + sweep.string() + " -q ";
    REQUIRE(runCommand(base + "-o " + (dir / "whole.h5").string()).exitCode == 0);
    for (int i = 0; i < 3; ++i) {
        REQUIRE(runCommand(base + "--shard " + std::to_string(i) + "/3 -o " +
                           (dir / ("shard" + std::to_string(i) + ".h5")).string())
                    .exitCode == 0);
    }
    const auto [header, records] = heatnet::readSweepFile(dir / "shard1.h5");
    REQUIRE(header.shard == "1/3");
    REQUIRE(records.size() == 2);
    REQUIRE(records[0].index == 1);
    REQUIRE(records[1].index == 4);
    // Two shards only: the merge says what is missing.
    const Outcome partial =
        runCommand(clitest::heatnet() + " sweep merge -q -o " + (dir / "partial.h5").string() +
                   " " + (dir / "shard0.h5").string() + " " + (dir / "shard2.h5").string());
    REQUIRE_THAT(partial.output, Catch::Contains("2 of 6 cases are missing"));
    const Outcome merged =
        runCommand(clitest::heatnet() + " sweep merge -q -o " + (dir / "merged.h5").string() + " " +
                   (dir / "shard2.h5").string() + " " + (dir / "shard0.h5").string() + " " +
                   (dir / "shard1.h5").string());
    INFO(merged.output);
    REQUIRE(merged.exitCode == 0);
    REQUIRE(sameContent(dir / "whole.h5", dir / "merged.h5"));
}
