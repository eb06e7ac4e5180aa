// Hostile input: special files, huge files and values, limits that once hung or wrapped.
#include "models/TimeProfile.h"
#include "solver/Error.h"
#include "solver/input/ScenarioReader.h"
#include "solver/input/TextParsing.h"
#include "solver/network/Network.h"
#include "solver/thermal/ThermalSystem.h"
#include "tests/TestSupport.h"

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

using Catch::Matchers::Contains;
using namespace heatnet;
using namespace heatnet::testing;
namespace fs = std::filesystem;

namespace {

//! A small valid scenario (one pipe, one consumer, one boiler) with `simulation` as given.
std::string smallScenario(const std::string& simulation) {
    return "name: small\n"
           "simulation: " +
           simulation +
           "\n"
           "climate: {constant: 5 degC}\n"
           "network:\n"
           "  nodes:\n"
           "    - {id: PLANT}\n"
           "    - {id: N1}\n"
           "  pipes:\n"
           "    - {id: P1, from: PLANT, to: N1, length: 100 m, dn: 50}\n"
           "consumers:\n"
           "  - {id: C1, node: N1, annual_demand: 500 MWh}\n"
           "plants:\n"
           "  - id: ARQUES\n"
           "    node: PLANT\n"
           "    supply_temperature: 80 degC\n"
           "    sources:\n"
           "      - {id: GAS, type: boiler, capacity: 1 MW}\n";
}

} // namespace

TEST_CASE("input files: regular files only, read whole, within the size limit", "[input][limits]") {
    const fs::path dir = scratchDirectory("limits-files");
    // A device that never ends and a FIFO nobody writes: refused at once, not read for ever.
    CHECK_THAT(errorOf([] { readTextFile("/dev/zero", "/dev/zero", "CSV"); }),
               Contains("not a regular file"));
    REQUIRE(::mkfifo((dir / "fifo.yaml").c_str(), 0600) == 0);
    CHECK_THAT(errorOf([&] { readScenario(dir / "fifo.yaml"); }), Contains("not a regular file"));
    CHECK_THAT(errorOf([&] { readTextFile(dir, "dir", "CSV"); }), Contains("a folder"));
    CHECK_THAT(errorOf([&] { readTextFile(dir / "none", "none", "CSV"); }),
               Contains("no such file"));
    // Larger than the limit: refused from its size, without reading it (a sparse file).
    const fs::path huge = dir / "huge.csv";
    std::ofstream(huge) << "a\n";
    fs::resize_file(huge, kMaxInputFileBytes + 1);
    CHECK_THAT(errorOf([&] { readTextFile(huge, "huge.csv", "CSV"); }),
               Contains("more than the limit of 256 MiB"));
    // Every byte arrives, including NULs and a missing final newline.
    std::string bytes = "time_h,T\n0,1\n1,2";
    bytes += '\0';
    bytes += "tail";
    std::ofstream(dir / "bytes.csv", std::ios::binary) << bytes;
    CHECK(readTextFile(dir / "bytes.csv", "bytes.csv", "CSV") == bytes);
}

TEST_CASE("input errors never echo a huge value whole", "[input][limits]") {
    const std::string huge(10'000'000, 'x');
    const std::string message = errorOf(
        [&] { readScenarioText(smallScenario("{duration: '" + huge + "'}"), "huge.yaml", "."); });
    CHECK(message.size() < 3000);
    CHECK_THAT(message, Contains("huge.yaml:2:"));
    CHECK_THAT(message, Contains("bytes in all"));
    CHECK(abbreviated("short") == "short");
    CHECK(abbreviated(std::string(500, 'y'), 10) == "yyyyyyyyyy… (500 bytes in all)");
}

TEST_CASE("a start date with blanks around it reads the same in check and run", "[input][limits]") {
    const Scenario scenario = readScenarioText(
        smallScenario("{start: '  2025-03-01 06:00  ', duration: 24 h}"), "start.yaml", ".");
    CHECK(scenario.simulation.start == "2025-03-01 06:00:00");
    const Scenario plain = readScenarioText(
        smallScenario("{start: '2025-03-01 06:00', duration: 24 h}"), "plain.yaml", ".");
    CHECK(scenario.simulation.startDayOfYear_s == plain.simulation.startDayOfYear_s);
    CHECK(scenario.simulation.startWeekday == plain.simulation.startWeekday);
    Simulation simulation(scenario);
    MemorySink sink;
    simulation.run(sink, {});
    CHECK(sink.steps.size() == 24);
}

TEST_CASE("a cell length of 1e-30 m gives the finest grid allowed, not a wrapped one",
          "[input][limits]") {
    auto stateCount = [](const std::string& simulation) {
        const Scenario s = readScenarioText(smallScenario(simulation), "cells.yaml", ".");
        const Network network(s);
        return ThermalSystem(s, network).size();
    };
    const std::size_t finest = stateCount("{duration: 24 h, cell_length: 1e-30 m, max_cells: 40}");
    const std::size_t exact = stateCount("{duration: 24 h, cell_length: 2.5 m, max_cells: 40}");
    const std::size_t coarsest = stateCount("{duration: 24 h, cell_length: 1 km, max_cells: 40}");
    CHECK(finest == exact); // 100 m / 2.5 m = 40 cells, the cap
    CHECK(finest > coarsest);
}

TEST_CASE("the mean of a profile over a span far from zero ends", "[input][limits]") {
    // At t = 1e20 s one hour is below the spacing of doubles: the integration once stood still.
    const TimeProfile hourly = TimeProfile::samples({1.0, 3.0}, 3600, "hourly");
    const double m = hourly.mean(1e20, 1e20 + 1e6);
    CHECK(m >= 1.0);
    CHECK(m <= 3.0);
    const TimeProfile weekly = TimeProfile::weekly(std::vector<double>(168, 2.0), 0, "flat");
    CHECK(weekly.mean(1e20, 1e20 + 1e6) == Approx(2.0));
}
