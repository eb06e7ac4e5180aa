// The plug-flow sweep on OpenMP threads (solver/thermal/PlugFlowNetwork.h, SweepSchedule.h):
// the result file of a run on 2 and 3 threads is the one of 1 thread, bit for bit (h5diff finds
// no difference in any dataset or attribute but the wall time), and energy closes; on a
// generated tree above the size from which the sweep goes parallel, and on a meshed network
// whose flows reverse (its flow order, and so its schedule, rebuilt many times).
#include "solver/input/ScenarioReader.h"
#include "solver/network/NetworkGenerator.h"
#include "solver/output/ResultWriter.h"
#include "solver/run/Simulation.h"
#include "solver/thermal/SweepSchedule.h"
#include "solver/thermal/SweepTuner.h"
#include "tests/CliSupport.h"
#include "tests/TestSupport.h"

#include <catch2/catch.hpp>

#include <omp.h>

#include <cmath>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

using namespace heatnet;
namespace fs = std::filesystem;

namespace {

struct ThreadRun {
    fs::path file;
    RunTotals totals;
};

//! Runs `scenario` with the sweep allowed `threads` OpenMP threads; writes dir/<name>.
ThreadRun runOnThreads(const Scenario& scenario, int threads, const RunOptions& options,
                       const fs::path& dir, const std::string& name) {
    const int before = omp_get_max_threads();
    omp_set_num_threads(threads);
    ThreadRun run;
    run.file = dir / name;
    {
        Simulation simulation(scenario);
        ResultWriter writer(run.file);
        run.totals = simulation.run(writer, options);
    }
    omp_set_num_threads(before);
    return run;
}

void checkBalance(const RunTotals& t) {
    INFO("residual " << t.balanceResidual_J << " J of " << t.sources_J << " J");
    CHECK(t.sources_J > 0);
    CHECK(std::abs(t.balanceResidual_J) <= 1e-12 * t.sources_J);
}

} // namespace

TEST_CASE("parallel plug-flow sweep: a generated tree gives the same file on 1, 2 and 3 threads",
          "[plugflow][parallel]") {
    RunOptions options;                 // the default size from which the sweep goes parallel
    options.parallelSweepTuned = false; // every step on the threads allowed
    GeneratedNetworkOptions generator;
    generator.pipePairs = static_cast<int>(options.parallelSweepMinPipes) + 100;
    generator.duration_s = 12 * 3600.0;
    Scenario s = generateNetwork(generator);
    s.simulation.pipeModel = "plug_flow";
    const fs::path dir = clitest::freshDirectory("parallel-sweep-tree");
    const ThreadRun one = runOnThreads(s, 1, options, dir, "one.h5");
    const ThreadRun two = runOnThreads(s, 2, options, dir, "two.h5");
    const ThreadRun three = runOnThreads(s, 3, options, dir, "three.h5");
    CHECK(one.totals.sweepThreads == 1);
    REQUIRE(two.totals.sweepThreads == 2); // the parallel path was taken, at every step
    REQUIRE(two.totals.threadedSweepShare == 1.0);
    REQUIRE(three.totals.sweepThreads == 3);
    checkBalance(one.totals);
    checkBalance(two.totals);
    CHECK(clitest::sameResultsButWallTime(one.file, two.file));
    CHECK(clitest::sameResultsButWallTime(one.file, three.file));
    // The comparison can fail: another run of the same network differs.
    generator.seed = 2;
    Scenario other = generateNetwork(generator);
    other.simulation.pipeModel = "plug_flow";
    const ThreadRun different = runOnThreads(other, 2, options, dir, "other.h5");
    CHECK_FALSE(clitest::sameResultsButWallTime(one.file, different.file));
}

TEST_CASE("parallel plug-flow sweep: a meshed network with reversing flows, same file, balance",
          "[plugflow][parallel]") {
    // scenarios/three-sites.yaml (two loops, three plants): loop pipes change direction many
    // times in two weeks; each time the flow order and its schedule are rebuilt. The sweep is
    // made parallel from 0 pipes so that this small network takes the threaded path.
    Scenario s = readScenario(clitest::sourceDir() / "scenarios" / "three-sites.yaml");
    s.simulation.pipeModel = "plug_flow";
    s.simulation.duration_s = 336 * 3600.0;
    RunOptions options;
    options.parallelSweepMinPipes = 0;
    options.parallelSweepTuned = false;
    const fs::path dir = clitest::freshDirectory("parallel-sweep-meshed");
    const ThreadRun one = runOnThreads(s, 1, options, dir, "one.h5");
    const ThreadRun two = runOnThreads(s, 2, options, dir, "two.h5");
    REQUIRE(two.totals.sweepThreads == 2);
    checkBalance(two.totals);
    CHECK(clitest::sameResultsButWallTime(one.file, two.file));
    // Flows reversed (the test covers rebuilt orders).
    testing::MemorySink sink;
    Simulation simulation(s);
    omp_set_num_threads(2);
    simulation.run(sink, options);
    int reversals = 0;
    for (std::size_t p = 0; p < simulation.network().pipeCount(); ++p) {
        for (std::size_t k = 1; k < sink.steps.size(); ++k) {
            const double a = sink.steps[k - 1].pipeFlow_kg_s[p], b = sink.steps[k].pipeFlow_kg_s[p];
            reversals += a * b < 0 ? 1 : 0;
        }
    }
    CHECK(reversals >= 5);
}

TEST_CASE("parallel plug-flow sweep: inside a parallel region of runs, the sweep stays serial",
          "[plugflow][parallel]") {
    // `heatnet run` with several scenarios runs them on OpenMP threads; a run inside that
    // region must not start threads of its own (OpenMP's max-active-levels is 1 by default).
    REQUIRE(omp_get_max_active_levels() == 1);
    Scenario s = readScenario(clitest::sourceDir() / "scenarios" / "three-sites.yaml");
    s.simulation.pipeModel = "plug_flow";
    s.simulation.duration_s = 24 * 3600.0;
    RunOptions options;
    options.parallelSweepMinPipes = 0;
    options.parallelSweepTuned = false;
    int threads[2] = {0, 0};
#pragma omp parallel for num_threads(2)
    for (int i = 0; i < 2; ++i) {
        testing::MemorySink sink;
        Simulation(s).run(sink, options);
        threads[i] = sink.totals.sweepThreads;
    }
    CHECK(threads[0] == 1);
    CHECK(threads[1] == 1);
}

TEST_CASE("sweep schedule: every node once, inflows from the same or an earlier chunk, whole "
          "streets per chunk",
          "[plugflow][parallel]") {
    // A plant node 0 with a main 0-1-2-3 and, on each main node, 16 streets of 3 nodes: node
    // k's inflow comes from the node before it (a supply tree), weights 1.
    constexpr std::size_t streetNodes = 3;
    std::vector<std::size_t> inStart = {0, 0}, inFrom; // node 0: no inflow
    std::size_t n = 1;
    std::vector<std::size_t> main = {0};
    for (int m = 1; m <= 3; ++m) {
        inFrom.push_back(main.back());
        inStart.push_back(inFrom.size());
        main.push_back(n++);
    }
    std::vector<std::size_t> streetRoots;
    for (std::size_t m : main) {
        for (int street = 0; street < 16; ++street) {
            std::size_t previous = m;
            streetRoots.push_back(n);
            for (std::size_t j = 0; j < streetNodes; ++j) {
                inFrom.push_back(previous);
                inStart.push_back(inFrom.size());
                previous = n++;
            }
        }
    }
    REQUIRE(inStart.size() == n + 1);
    SweepSchedule plan;
    plan.plan(inStart, inFrom, std::vector<double>(n, 1.0));
    REQUIRE(plan.parallelSafe());
    std::vector<int> seen(n, 0);
    for (std::size_t c = 0; c < plan.chunkCount(); ++c) {
        std::size_t last = 0;
        for (std::size_t k : plan.chunk(c)) {
            ++seen[k];
            CHECK(plan.chunkOf(k) == c);
            CHECK((k >= last)); // flow order within the chunk
            last = k;
            for (std::size_t e = inStart[k]; e < inStart[k + 1]; ++e) {
                CHECK(plan.chunkOf(inFrom[e]) <= c);
            }
        }
    }
    CHECK(std::count(seen.begin(), seen.end(), 1) == static_cast<long>(n));
    // The main is the top chunk (first: the forest follows the flow); each street is whole.
    for (std::size_t m : main) {
        CHECK(plan.chunkOf(m) == 0);
    }
    for (std::size_t root : streetRoots) {
        CHECK(plan.chunkOf(root) != 0);
        for (std::size_t k = root; k < root + streetNodes; ++k) {
            CHECK(plan.chunkOf(k) == plan.chunkOf(root));
        }
    }
    CHECK(plan.chunkCount() == 1 + streetRoots.size());
    CHECK(plan.topShare() == Approx(4.0 / n));
    CHECK(plan.largestShare() <= 1 / SweepSchedule::kChunks);

    // The same tree seen from the return side (every flow reversed: node k's inflows are the
    // nodes it fed): the forest runs against the flow and the top chunk comes last.
    std::vector<std::size_t> reversedStart = {0}, reversedFrom;
    {
        std::vector<std::vector<std::size_t>> feeds(n);
        for (std::size_t k = 0; k < n; ++k) {
            for (std::size_t e = inStart[k]; e < inStart[k + 1]; ++e) {
                feeds[n - 1 - inFrom[e]].push_back(n - 1 - k);
            }
        }
        for (std::size_t r = 0; r < n; ++r) {
            reversedFrom.insert(reversedFrom.end(), feeds[r].begin(), feeds[r].end());
            reversedStart.push_back(reversedFrom.size());
        }
    }
    SweepSchedule back;
    back.plan(reversedStart, reversedFrom, std::vector<double>(n, 1.0));
    REQUIRE(back.parallelSafe());
    CHECK(back.chunkCount() == plan.chunkCount());
    for (std::size_t m : main) {
        CHECK(back.chunkOf(n - 1 - m) == back.chunkCount() - 1);
    }
}

TEST_CASE("sweep tuner: threads where the timed probes find them faster, fewer probes when not",
          "[plugflow][parallel]") {
    // Step times given, not measured: the tuner's choice from its probes.
    using Clock = SweepTuner::Clock;
    auto run = [](double oneThread_s, double threads_s, long steps, SweepTuner& tuner) {
        Clock::time_point now{};
        long threaded = 0;
        for (long i = 0; i < steps; ++i) {
            const int team = tuner.next(now, 2);
            threaded += team > 1 ? 1 : 0;
            now += std::chrono::duration_cast<Clock::duration>(
                std::chrono::duration<double>(team > 1 ? threads_s : oneThread_s));
        }
        return threaded;
    };
    const long steps = 8760;
    SweepTuner quiet;
    const long threaded = run(8e-3, 5e-3, steps, quiet);
    // Every probe chose threads: all steps but the one-thread probes ran on threads.
    CHECK(quiet.threadedWins() == quiet.probes());
    const long cycle = 2 * SweepTuner::kProbe + SweepTuner::kStretch;
    CHECK(quiet.probes() >= steps / cycle - 1);
    CHECK(threaded >= steps - (steps / cycle + 1) * SweepTuner::kProbe);
    // Threads only 3 % faster (< kMargin): one thread; the probes thin out.
    SweepTuner marginal;
    const long few = run(8e-3, 7.8e-3, steps, marginal);
    CHECK(marginal.threadedWins() == 0);
    CHECK(marginal.probes() <= 6);
    CHECK(few <= (marginal.probes() + 1) * SweepTuner::kProbe); // only the threaded probes
    // One thread allowed: never threads, no probes.
    SweepTuner single;
    Clock::time_point now{};
    for (int i = 0; i < 100; ++i) {
        CHECK(single.next(now, 1) == 1);
        now += std::chrono::milliseconds(8);
    }
    CHECK(single.probes() == 0);
}
