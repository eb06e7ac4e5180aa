// The result file's writer thread (solver/output/Hdf5WriterThread.h): a run written through it
// holds the same data as the same run written directly on the simulation's thread, read back
// with HDF5 dataset by dataset; a job's failure comes back to the caller as the same error,
// stops the writing, and leaves no file.
#include "solver/Error.h"
#include "solver/input/ScenarioReader.h"
#include "solver/output/Hdf5File.h"
#include "solver/output/Hdf5WriterThread.h"
#include "solver/output/OutputCatalogue.h"
#include "solver/output/ResultWriter.h"
#include "solver/run/Simulation.h"
#include "tests/CliSupport.h"
#include "tests/TestSupport.h"

#include <catch2/catch.hpp>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

using namespace heatnet;
namespace fs = std::filesystem;

namespace {

//! The default scenario, 400 h long: rows go to the file in two full weekly blocks and a part.
Scenario shortDefault() {
    std::ifstream in(clitest::sourceDir() / "scenarios" / "saint-omer.yaml");
    std::stringstream text;
    text << in.rdbuf();
    const std::string changed =
        std::regex_replace(text.str(), std::regex("duration: 8760 h"), "duration: 400 h");
    REQUIRE(changed != text.str());
    return readScenarioText(changed, "short.yaml", clitest::sourceDir() / "scenarios");
}

void runInto(const Scenario& scenario, const fs::path& path, Hdf5WriterThread::Threading how) {
    Simulation simulation(scenario);
    ResultWriter writer(path, how);
    simulation.run(writer);
}

//! Same bytes: NaN == NaN, +0 != −0 (memcmp of the values).
bool sameBits(const std::vector<double>& a, const std::vector<double>& b) {
    return a.size() == b.size() &&
           (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

} // namespace

TEST_CASE("writer thread: the threaded file holds the same data as the direct one",
          "[output][hdf5][pipeline]") {
    const fs::path dir = testing::scratchDirectory("writer-thread");
    const fs::path direct = dir / "direct.h5", threaded = dir / "threaded.h5";
    const Scenario scenario = shortDefault();
    runInto(scenario, direct, Hdf5WriterThread::Threading::Direct);
    runInto(scenario, threaded, Hdf5WriterThread::Threading::WriterThread);

    const Hdf5Reader a(direct), b(threaded);
    std::vector<std::string> groups{"kpis", "warnings", "geometry", "metadata"};
    for (const OutputGroupSpec& group : outputGroups()) {
        groups.emplace_back(group.name);
    }
    std::size_t compared = 0, values = 0;
    for (const std::string& group : groups) {
        if (!a.exists(group)) {
            CHECK(!b.exists(group));
            continue;
        }
        const std::vector<std::string> names = a.list(group);
        REQUIRE(names == b.list(group));
        for (const std::string& name : names) {
            const std::string path = group + "/" + name;
            INFO(path);
            if (path == "metadata/solver" || path == "metadata/solver/wall_time") {
                continue; // a group / the run's wall time (compared below without it)
            }
            try {
                const std::vector<std::string> textA = a.readStrings(path);
                CHECK(textA == b.readStrings(path));
            } catch (const OutputError&) {
                std::vector<std::size_t> shapeA, shapeB;
                const std::vector<double> x = a.readDoubles(path, &shapeA);
                const std::vector<double> y = b.readDoubles(path, &shapeB);
                CHECK(shapeA == shapeB);
                CHECK(sameBits(x, y));
                values += x.size();
            }
            ++compared;
        }
    }
    for (const std::string& name : a.list("metadata/solver")) {
        if (name != "wall_time") {
            CHECK(a.readScalar("metadata/solver/" + name) ==
                  b.readScalar("metadata/solver/" + name));
        }
    }
    // The comparison covered the hourly series: 400 rows of every pipe's series among them.
    CHECK(compared > 40);
    CHECK(a.readDoubles("pipes/supply_outlet_temperature").size() ==
          400 * a.readStrings("pipes/pipe").size());
    CHECK(values > 400 * a.readStrings("pipes/pipe").size());
}

TEST_CASE("writer thread: a failing job's error reaches the caller, stops the writing and "
          "leaves no file",
          "[output][hdf5][pipeline]") {
    const fs::path dir = testing::scratchDirectory("writer-thread-failure");
    const fs::path path = dir / "out.h5";
    fs::path temporary;
    int runAfterFailure = 0;
    {
        Hdf5WriterThread file(path);
        file.run([&](Hdf5Writer& w) {
            temporary = w.tempPath();
            w.createGroup("a");
            w.createTimeAxis("a", "2025-01-01 00:00:00");
        });
        REQUIRE(fs::exists(temporary));
        // Rows for a series that does not exist: Hdf5Writer throws OutputError on the thread.
        // The error comes back on this thread at the next hand-over, as the direct write's:
        // the second post() if the thread has failed by then, else the run() (which of the two
        // depends on the threads' timing, so both are inside the try).
        std::string message;
        try {
            file.post([](Hdf5Writer& w) {
                const std::vector<double> rows{1.0, 2.0};
                w.appendRows(SeriesId{7}, rows);
            });
            file.post([&](Hdf5Writer&) { ++runAfterFailure; });
            file.run([&](Hdf5Writer& w) { w.commit(); });
        } catch (const OutputError& e) {
            message = e.what();
        }
        CHECK_THAT(message, Catch::Matchers::Contains("unknown series id 7"));
        CHECK_THROWS_AS(file.post([](Hdf5Writer&) {}), OutputError);
    }
    CHECK(runAfterFailure == 0);
    CHECK(!fs::exists(path));
    CHECK(!fs::exists(temporary));
    // A path that cannot be written fails when the file is opened, on the caller's side too.
    std::ofstream(dir / "plain") << "x";
    CHECK_THROWS_AS(Hdf5WriterThread(dir / "plain" / "out.h5"), OutputError);
}
