// `heatnet compare`: the figures of solver/compare/SeriesComparison.h against series whose errors
// are known by construction, and the command on a real run with its input errors.
#include "CliSupport.h"
#include "TestSupport.h"

#include "solver/compare/SeriesComparison.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <string>
#include <vector>

using Catch::Matchers::Contains;
using heatnet::compareSeries;
using heatnet::LagSearch;

namespace {

double wave(double t) {
    return 60 + 10 * std::sin(2 * std::numbers::pi * t / 600.0);
}

} // namespace

TEST_CASE("compare: an offset gives bias, RMSE and maximum error equal to it, lag 0", "[compare]") {
    std::vector<double> ts, ys, tm, ym;
    for (int k = 0; k <= 3600; ++k) {
        ts.push_back(k);
        ys.push_back(wave(k));
    }
    // Measured at irregular times (not on the output grid), 0.3 K above the simulation's linear
    // interpolant: every error is exactly -0.3 K.
    for (double t = 0.25; t < 3600; t += 2.7) {
        tm.push_back(t);
        const auto i = static_cast<std::size_t>(t);
        const double w = t - static_cast<double>(i);
        ym.push_back(ys[i] * (1 - w) + ys[i + 1] * w + 0.3);
    }
    const auto f = compareSeries(ts, ys, tm, ym, LagSearch{.window_s = 60, .step_s = 1});
    CHECK(f.samples == tm.size());
    CHECK(f.bias == Approx(-0.3).epsilon(1e-9));
    CHECK(f.rmse == Approx(0.3).epsilon(1e-9));
    CHECK(f.maxError == Approx(-0.3).epsilon(1e-9));
    CHECK(f.lag_s == 0.0);
}

TEST_CASE("compare: a delayed measurement is found as the lag; rows outside the simulated span "
          "are left out",
          "[compare]") {
    std::vector<double> ts, ys, tm, ym;
    for (int k = 100; k <= 3000; ++k) {
        ts.push_back(k);
        ys.push_back(wave(k));
    }
    // The measurement is the same wave 17 s later, from before the simulation to after it.
    for (double t = 0; t <= 3200; t += 3) {
        tm.push_back(t);
        ym.push_back(wave(t - 17));
    }
    const auto f = compareSeries(ts, ys, tm, ym, LagSearch{.window_s = 40, .step_s = 1});
    // Inside [100, 3000] only.
    CHECK(f.samples == static_cast<std::size_t>((3000 - 102) / 3 + 1));
    // sim(t + τ) = meas(t) = wave(t − 17): τ = −17 s (the simulation runs early by 17 s).
    CHECK(f.lag_s == -17.0);
    CHECK(f.rmseAtLag < 1e-3); // linear interpolation of the 1 s output only
    // At lag 0 the error is wave(t) − wave(t − 17): RMSE = A sqrt(2) sin(π 17/600) (a sine's
    // RMS over whole periods, nearly so over the compared rows).
    const double exact = 10 * std::sqrt(2.0) * std::sin(std::numbers::pi * 17 / 600.0);
    CHECK(f.rmse == Approx(exact).epsilon(0.01));
    // Bias: the mean of wave(t) − wave(t − 17) over the compared span [102, 3000] s (not whole
    // periods), A/(ω span) [cos ω(t − 17) − cos ω t] between the ends.
    const double omega = 2 * std::numbers::pi / 600.0;
    auto primitive = [&](double t) { return std::cos(omega * (t - 17)) - std::cos(omega * t); };
    const double meanDifference = 10 / (omega * 2898.0) * (primitive(3000) - primitive(102));
    CHECK(f.bias == Approx(meanDifference).margin(0.005));
    CHECK(std::abs(f.maxError) ==
          Approx(2 * 10 * std::sin(std::numbers::pi * 17 / 600.0)).epsilon(0.01));
}

TEST_CASE("compare: the command on a Liège bench run, its figures file and its input errors",
          "[compare][cli]") {
    using clitest::heatnet;
    using clitest::runCommand;
    const auto dir = clitest::freshDirectory("compare");
    const auto liege = clitest::sourceDir() / "scenarios" / "validation" / "liege";
    const auto result = dir / "ulg.h5";
    const auto run = runCommand(heatnet() + " run " + (liege / "ulg_151204_1.yaml").string() +
                                " -o " + result.string());
    REQUIRE(run.exitCode == 0);
    const auto measured = liege / "ulg_151204_1_measured.csv";
    const auto mapping = liege / "compare.yaml";
    const auto compare = runCommand(heatnet() + " compare " + result.string() + " " +
                                    measured.string() + " --map " + mapping.string());
    INFO(compare.output);
    REQUIRE(compare.exitCode == 0);
    CHECK_THAT(compare.output, Contains("outlet") && Contains((dir / "ulg.compare.csv").string()));
    // The figures file: a header and one row per sensor, the RMSE within the bench's known
    // 0.2-0.25 K (docs/validation.md).
    std::ifstream in(dir / "ulg.compare.csv");
    std::string header, row, extra;
    std::getline(in, header);
    std::getline(in, row);
    CHECK_FALSE(std::getline(in, extra));
    CHECK(header == "sensor,column,series,element,error_unit,samples,rmse,bias,max_error,"
                    "max_error_time_s,lag_s,rmse_at_lag,lag_samples");
    std::vector<std::string> cells;
    for (std::size_t from = 0, comma = 0; comma != std::string::npos; from = comma + 1) {
        comma = row.find(',', from);
        cells.push_back(row.substr(from, comma == std::string::npos ? comma : comma - from));
    }
    REQUIRE(cells.size() == 13);
    CHECK(cells[0] == "\"outlet\"");
    CHECK(cells[4] == "\"K\"");
    CHECK(cells[5] == "108"); // 109 rows; t = 0 lies before the first output (1 s)
    const double rmse = std::stod(cells[6]);
    CHECK(rmse > 0.2);
    CHECK(rmse < 0.25);
    CHECK(std::stod(cells[11]) <= rmse);
    CHECK(std::abs(std::stod(cells[10])) <= 30);

    SECTION("a column the CSV does not have: the mapping's file:line:column, exit 2") {
        std::ofstream(dir / "map.yaml") << "sensors:\n  - {column: T_outlet, unit: degC, series: "
                                           "/pipes/supply_outlet_temperature, element: P}\n";
        const auto bad =
            runCommand(heatnet() + " compare " + result.string() + " " + measured.string() +
                       " --map " + (dir / "map.yaml").string() + " -o " + (dir / "f.csv").string());
        CHECK(bad.exitCode == 2);
        CHECK_THAT(bad.output, Contains("map.yaml:2:14: error in sensors[0].column") &&
                                   Contains("no column 'T_outlet'") &&
                                   Contains("its columns are 'time', 'T_out_degC'"));
        CHECK_FALSE(std::filesystem::exists(dir / "f.csv"));
    }
    SECTION("an unknown element and an unknown unit") {
        std::ofstream(dir / "map.yaml") << "sensors:\n  - {column: T_out_degC, unit: degC, series: "
                                           "/pipes/supply_outlet_temperature, element: Q}\n";
        const auto element =
            runCommand(heatnet() + " compare " + result.string() + " " + measured.string() +
                       " --map " + (dir / "map.yaml").string());
        CHECK(element.exitCode == 2);
        CHECK_THAT(element.output, Contains("map.yaml:2:") && Contains("no element 'Q'"));
        std::ofstream(dir / "map.yaml") << "sensors:\n  - {column: T_out_degC, unit: kW, series: "
                                           "/pipes/supply_outlet_temperature, element: P}\n";
        const auto unit = runCommand(heatnet() + " compare " + result.string() + " " +
                                     measured.string() + " --map " + (dir / "map.yaml").string());
        CHECK(unit.exitCode == 2);
        CHECK_THAT(unit.output, Contains("map.yaml:2:") && Contains("unknown unit 'kW'"));
    }
    SECTION("measured times that go back: the CSV's file:line:column") {
        std::ofstream(dir / "m.csv") << "time,T_out_degC\n0,20\n10,21\n5,22\n";
        const auto bad = runCommand(heatnet() + " compare " + result.string() + " " +
                                    (dir / "m.csv").string() + " --map " + mapping.string());
        CHECK(bad.exitCode == 2);
        CHECK_THAT(bad.output, Contains("m.csv:4:1: column 'time': time 5 s is not after"));
    }
    SECTION("the figures never replace a symlink or an input") {
        std::filesystem::create_symlink(dir / "elsewhere.csv", dir / "link.csv");
        const auto link =
            runCommand(heatnet() + " compare " + result.string() + " " + measured.string() +
                       " --map " + mapping.string() + " -o " + (dir / "link.csv").string());
        CHECK(link.exitCode == 2);
        CHECK_FALSE(std::filesystem::exists(dir / "elsewhere.csv"));
        const auto input =
            runCommand(heatnet() + " compare " + result.string() + " " + measured.string() +
                       " --map " + mapping.string() + " -o " + measured.string());
        CHECK(input.exitCode == 2);
    }
}
