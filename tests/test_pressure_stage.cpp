// The run's pressure stage (solver/run/PressureStage.h): in a tree network the
// pressures, the checks and the sink run on a thread of their own, and the result file is the one
// of the same work done in line, bit for bit (h5diff finds no difference but the wall time), with
// plug flow and with finite volumes; the pump energy too. A sink that fails on that thread stops
// the run with its error, and a run interrupted while the stage works stops without hanging. A
// meshed network keeps it in line.
#include "solver/Error.h"
#include "solver/input/ScenarioReader.h"
#include "solver/output/ResultWriter.h"
#include "solver/run/Simulation.h"
#include "tests/CliSupport.h"
#include "tests/TestSupport.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <stdexcept>
#include <string>

using namespace heatnet;
namespace fs = std::filesystem;

namespace {

//! DESTEST Network_1 (a tree of 16 substations) with plug-flow pipes, for `hours`.
Scenario destestTree(double hours) {
    Scenario s = readScenario(clitest::sourceDir() / "scenarios" / "destest-network1.yaml");
    s.simulation.pipeModel = "plug_flow";
    s.simulation.duration_s = hours * 3600;
    return s;
}

struct FileRun {
    fs::path file;
    RunTotals totals;
};

FileRun runInto(const Scenario& scenario, const RunOptions& options, const fs::path& file) {
    FileRun run{file, {}};
    Simulation simulation(scenario);
    ResultWriter writer(file);
    run.totals = simulation.run(writer, options);
    return run;
}

//! Fails at its `failAt`-th record, as a sink whose disk fills up would.
class FailingSink : public ResultSink {
public:
    explicit FailingSink(int failAt) : m_failAt(failAt) {}
    void begin(const Scenario&) override {}
    void record(const StepRecord&) override {
        if (++m_records == m_failAt) {
            throw std::runtime_error("the sink failed at record " + std::to_string(m_failAt));
        }
    }
    void finish(const RunTotals&) override { finished = true; }
    bool finished = false;

private:
    int m_failAt = 0, m_records = 0;
};

//! Counts the records (and stays quiet).
class CountingSink : public ResultSink {
public:
    void begin(const Scenario&) override {}
    void record(const StepRecord&) override { ++records; }
    void finish(const RunTotals&) override {}
    int records = 0;
};

} // namespace

TEST_CASE("pressure stage: a tree's result file is the same with the pressures on their own "
          "thread and in line",
          "[plugflow][pressurestage][pipeline]") {
    const Scenario s = destestTree(48);
    const fs::path dir = clitest::freshDirectory("pressure-stage");
    RunOptions onThread;
    RunOptions inLine;
    inLine.pressuresOnThread = false;
    const FileRun threaded = runInto(s, onThread, dir / "threaded.h5");
    const FileRun plain = runInto(s, inLine, dir / "inline.h5");
    REQUIRE(threaded.totals.pressuresOnThread); // the stage's thread was used
    REQUIRE_FALSE(plain.totals.pressuresOnThread);
    CHECK(clitest::sameResultsButWallTime(threaded.file, plain.file));
    CHECK(threaded.totals.pump_J > 0);
    CHECK(threaded.totals.pump_J == plain.totals.pump_J);
    CHECK(threaded.totals.maxPumpHead_Pa == plain.totals.maxPumpHead_Pa);
    CHECK(threaded.totals.hydraulicSteps == plain.totals.hydraulicSteps);
    // The comparison can fail: the same network with rougher pipes has other pressures.
    Scenario rough = s;
    for (PipeSpec& pipe : rough.pipes) {
        pipe.roughness_m *= 2;
    }
    const FileRun other = runInto(rough, onThread, dir / "rough.h5");
    CHECK_FALSE(clitest::sameResultsButWallTime(threaded.file, other.file));
}

TEST_CASE("pressure stage: the same with finite volumes", "[pressurestage][pipeline]") {
    Scenario s = destestTree(24);
    s.simulation.pipeModel = "finite_volume";
    const fs::path dir = clitest::freshDirectory("pressure-stage-fv");
    RunOptions inLine;
    inLine.pressuresOnThread = false;
    const FileRun threaded = runInto(s, {}, dir / "threaded.h5");
    const FileRun plain = runInto(s, inLine, dir / "inline.h5");
    REQUIRE(threaded.totals.pressuresOnThread);
    REQUIRE_FALSE(plain.totals.pressuresOnThread);
    CHECK(clitest::sameResultsButWallTime(threaded.file, plain.file));
    CHECK(threaded.totals.pump_J > 0);
    CHECK(threaded.totals.pump_J == plain.totals.pump_J);
}

TEST_CASE("pressure stage: a meshed network solves its pressures with its flows, in line",
          "[plugflow][pressurestage][pipeline]") {
    Scenario s = readScenario(clitest::sourceDir() / "scenarios" / "three-sites.yaml");
    s.simulation.pipeModel = "plug_flow";
    s.simulation.duration_s = 24 * 3600.0;
    CountingSink sink;
    Simulation simulation(s);
    const RunTotals totals = simulation.run(sink);
    CHECK_FALSE(totals.pressuresOnThread); // its loop flows need the drops
    CHECK(sink.records == 24 * 3600.0 / s.simulation.outputStep_s);
}

TEST_CASE("pressure stage: a sink that fails on the stage's thread stops the run with its error",
          "[plugflow][pressurestage][pipeline]") {
    const Scenario s = destestTree(48);
    for (int failAt : {1, 7, 30}) {
        FailingSink sink(failAt);
        Simulation simulation(s);
        CHECK_THROWS_WITH(simulation.run(sink),
                          "the sink failed at record " + std::to_string(failAt));
        CHECK_FALSE(sink.finished);
    }
}

TEST_CASE("pressure stage: a run interrupted while the stage works stops without hanging",
          "[plugflow][pressurestage][pipeline]") {
    const Scenario s = destestTree(48);
    std::atomic<bool> cancel{false};
    RunOptions options;
    options.cancel = &cancel;
    int reported = 0;
    options.progress = [&](double) {
        if (++reported == 10) {
            cancel = true;
        }
    };
    CountingSink sink;
    Simulation simulation(s);
    CHECK_THROWS_AS(simulation.run(sink, options), Interrupted);
    CHECK(reported == 10);
    CHECK(sink.records <= 10);
}
