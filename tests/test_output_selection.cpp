// The scenario's `output:` section (docs/output.md): the chosen series are in the real HDF5
// file and the others are not, float32 is stored as 4-byte floats that round the float64 values,
// the KPIs do not depend on what is stored, and bad names are errors that point into the file.
#include "solver/input/ScenarioReader.h"
#include "solver/output/Hdf5File.h"
#include "solver/output/OutputCatalogue.h"
#include "solver/output/ResultWriter.h"
#include "solver/run/Simulation.h"
#include "tests/CliSupport.h"
#include "tests/TestSupport.h"

#include <catch2/catch.hpp>
#include <hdf5.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

using namespace heatnet;
namespace fs = std::filesystem;

namespace {

//! The default scenario's text, `duration` long, with `output` appended.
std::string defaultScenario(const std::string& duration, const std::string& output) {
    std::ifstream in(clitest::sourceDir() / "scenarios" / "saint-omer.yaml");
    std::stringstream text;
    text << in.rdbuf();
    return std::regex_replace(text.str(), std::regex("duration: 8760 h"), "duration: " + duration) +
           output;
}

//! Runs `text` into `path` and returns the KPIs written.
std::vector<Kpi> runInto(const std::string& text, const fs::path& path) {
    const Scenario scenario =
        readScenarioText(text, "output.yaml", clitest::sourceDir() / "scenarios");
    fs::remove(path);
    Simulation simulation(scenario);
    ResultWriter writer(path);
    simulation.run(writer);
    return writer.kpis();
}

//! Bytes per value of dataset `dataset` in the file (through the HDF5 C API).
std::size_t storedSize(const fs::path& path, const std::string& dataset) {
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    REQUIRE(file >= 0);
    const hid_t set = H5Dopen2(file, dataset.c_str(), H5P_DEFAULT);
    REQUIRE(set >= 0);
    const hid_t type = H5Dget_type(set);
    const std::size_t size = H5Tget_size(type);
    REQUIRE(H5Tget_class(type) == H5T_FLOAT);
    H5Tclose(type);
    H5Dclose(set);
    H5Fclose(file);
    return size;
}

} // namespace

TEST_CASE("output: the chosen series are stored at float32, the others left out, KPIs unchanged",
          "[output][hdf5]") {
    const fs::path dir = testing::scratchDirectory("output-selection");
    const fs::path full = dir / "full.h5", chosen = dir / "chosen.h5";
    const std::vector<Kpi> fullKpis = runInto(defaultScenario("240 h", ""), full);
    const std::vector<Kpi> chosenKpis =
        runInto(defaultScenario("240 h", "output:\n"
                                         "  precision: float32\n"
                                         "  pipes: []\n"
                                         "  nodes: [supply_pressure]\n"
                                         "  substations: [supply_temperature, heat_delivered]\n"),
                chosen);

    // What is stored does not change the run.
    REQUIRE(chosenKpis.size() == fullKpis.size());
    for (std::size_t i = 0; i < fullKpis.size(); ++i) {
        INFO(fullKpis[i].name);
        CHECK(chosenKpis[i].name == fullKpis[i].name);
        CHECK(chosenKpis[i].value == fullKpis[i].value);
    }

    const Hdf5Reader a(full), b(chosen);
    // Without `output:` every series of the catalogue is there (no tank: no /storage), float64.
    for (const OutputSeriesSpec& s : outputSeries()) {
        const std::string path = std::string(s.group) + "/" + std::string(s.name);
        INFO(path);
        CHECK(a.exists(path) == (s.group != "storage"));
        if (s.group != "storage") {
            CHECK(storedSize(full, path) == 8);
        }
    }
    CHECK(a.readAttribute("/", "series_precision") == "float64");
    CHECK(b.readAttribute("/", "series_precision") == "float32");

    // The chosen file: no /pipes at all, one node series, two substation series, the rest whole.
    CHECK_FALSE(b.exists("pipes"));
    CHECK(b.exists("nodes/supply_pressure"));
    CHECK_FALSE(b.exists("nodes/return_pressure"));
    CHECK(b.exists("substations/heat_delivered"));
    CHECK(b.exists("substations/supply_temperature"));
    CHECK_FALSE(b.exists("substations/heat_demand"));
    CHECK(b.exists("substations/node")); // the group's fixed data come with it
    for (const std::string_view name : outputSeriesNames("network")) {
        CHECK(b.exists("network/" + std::string(name)));
    }
    CHECK(storedSize(chosen, "network/heat_delivered") == 4);
    CHECK(storedSize(chosen, "nodes/supply_pressure") == 4);
    CHECK(storedSize(chosen, "network/time") == 8); // time axes stay float64
    CHECK(b.readDoubles("network/time") == a.readDoubles("network/time"));

    // float32 rounds each value to nearest: relative error ≤ 2^-24.
    for (const std::string path :
         {"network/heat_delivered", "nodes/supply_pressure", "substations/supply_temperature"}) {
        INFO(path);
        std::vector<std::size_t> shapeA, shapeB;
        const auto exact = a.readDoubles(path, &shapeA);
        const auto rounded = b.readDoubles(path, &shapeB);
        REQUIRE(shapeA == shapeB);
        REQUIRE(exact.size() == rounded.size());
        double worst = 0;
        for (std::size_t i = 0; i < exact.size(); ++i) {
            if (exact[i] != 0) {
                worst = std::max(worst, std::abs(rounded[i] - exact[i]) / std::abs(exact[i]));
            }
        }
        CHECK(worst <= std::ldexp(1.0, -24));
        CHECK(worst > 0); // really rounded: these series are not all float32-exact
    }
}

TEST_CASE("output: unknown groups and series, and wrong shapes, are errors at their place",
          "[output][input]") {
    auto errorFor = [](const std::string& output) {
        return testing::errorOf([&] {
            readScenarioText(defaultScenario("24 h", output), "output.yaml",
                             clitest::sourceDir() / "scenarios");
        });
    };
    std::ifstream in(clitest::sourceDir() / "scenarios" / "saint-omer.yaml");
    std::stringstream text;
    text << in.rdbuf();
    const std::string original = text.str();
    const long lines = std::count(original.begin(), original.end(), '\n');
    const std::string next = "output.yaml:" + std::to_string(lines + 2) + ":";

    const std::string group = errorFor("output:\n  pipe: []\n");
    CHECK_THAT(group, Catch::Matchers::StartsWith(next + "3:"));
    CHECK_THAT(group, Catch::Matchers::Contains("'pipe'"));
    CHECK_THAT(group, Catch::Matchers::Contains("pipes"));

    const std::string series = errorFor("output:\n  pipes: [mass_flow, supply_heat_los]\n");
    CHECK_THAT(series, Catch::Matchers::StartsWith(next + "22:"));
    CHECK_THAT(series, Catch::Matchers::Contains("supply_heat_los"));
    CHECK_THAT(series, Catch::Matchers::Contains("supply_heat_loss"));

    CHECK_THAT(errorFor("output:\n  pipes: mass_flow\n"), Catch::Matchers::Contains("list"));
    CHECK_THAT(errorFor("output:\n  nodes: [supply_pressure, supply_pressure]\n"),
               Catch::Matchers::Contains("twice"));
    const std::string precision = errorFor("output:\n  precision: float16\n");
    CHECK_THAT(precision, Catch::Matchers::StartsWith(next + "14:"));
    CHECK_THAT(precision, Catch::Matchers::Contains("float32"));
}

TEST_CASE("cli: a year stored at float32 without per-pipe series passes the users' checks",
          "[output][cli][year]") {
    const fs::path dir = clitest::freshDirectory("output-year");
    const fs::path scenario = dir / "lean.yaml";
    std::ofstream(scenario) << defaultScenario("8760 h", "output:\n"
                                                         "  precision: float32\n"
                                                         "  pipes: []\n");
    const fs::path output = dir / "lean.h5";
    const clitest::Outcome run = clitest::runCommand(clitest::heatnet() + " run " +
                                                     scenario.string() + " -o " + output.string());
    INFO(run.output);
    REQUIRE(run.exitCode == 0);
    const Hdf5Reader r(output);
    CHECK_FALSE(r.exists("pipes"));
    CHECK(r.readDoubles("network/time").size() == 8760);
    CHECK(storedSize(output, "substations/heat_delivered") == 4);
    // Energy closes on the float32 series too: Σ delivered × 1 h against the KPI, to float32's
    // relative rounding (the sum of 8760 rounded values).
    double delivered_MWh = 0;
    for (double w : r.readDoubles("network/heat_delivered")) {
        delivered_MWh += w / 1e6;
    }
    CHECK(delivered_MWh == Approx(r.readScalar("kpis/heat_delivered")).epsilon(1e-6));

    const fs::path checker = fs::path(HEATNET_SHARED_DIR) / "tools" / "check_results.py";
    if (fs::exists(checker)) {
        const clitest::Outcome check =
            clitest::runCommand("/usr/bin/python3 " + checker.string() + " " + output.string());
        INFO(check.output);
        REQUIRE(check.exitCode == 0);
    }
}

namespace {

//! The default scenario with `pipe_model: model`, `duration` long, with `output` appended.
std::string defaultScenarioWith(const std::string& model, const std::string& duration,
                                const std::string& output) {
    return std::regex_replace(defaultScenario(duration, output), std::regex("\nsimulation:\n"),
                              "\nsimulation:\n  pipe_model: " + model + "\n");
}

//! Keeps every StepRecord, and reads none of the per-pipe series only a sink needs.
class NoPipeSeriesSink : public testing::MemorySink {
public:
    bool reads(std::vector<double> StepRecord::*) const override { return false; }
};

} // namespace

TEST_CASE("output: a run storing the network, substation and source series only computes them as "
          "a full run does, with either pipe model",
          "[output][hdf5]") {
    const fs::path dir = testing::scratchDirectory("output-summary");
    for (const std::string model : {"finite_volume", "plug_flow"}) {
        INFO(model);
        const fs::path full = dir / (model + "-full.h5"), summary = dir / (model + "-summary.h5");
        const std::vector<Kpi> fullKpis = runInto(defaultScenarioWith(model, "168 h", ""), full);
        const std::vector<Kpi> summaryKpis =
            runInto(defaultScenarioWith(model, "168 h",
                                        "output:\n  pipes: []\n  nodes: []\n  plants: []\n"),
                    summary);
        REQUIRE(summaryKpis.size() == fullKpis.size());
        for (std::size_t i = 0; i < fullKpis.size(); ++i) {
            INFO(fullKpis[i].name);
            CHECK(summaryKpis[i].value == fullKpis[i].value);
        }
        const Hdf5Reader a(full), b(summary);
        CHECK_FALSE(b.exists("pipes"));
        CHECK_FALSE(b.exists("nodes"));
        // Bit for bit: the run is the same, only what it fills for the file differs.
        for (const std::string group : {"network", "substations", "sources"}) {
            for (const std::string_view name : outputSeriesNames(group)) {
                const std::string path = group + "/" + std::string(name);
                INFO(path);
                const std::vector<double> stored = a.readDoubles(path);
                CHECK(stored.size() >= 168);
                CHECK(b.readDoubles(path) == stored);
            }
        }
        // The run's checks see the same run.
        REQUIRE(a.exists("warnings/message") == b.exists("warnings/message"));
        if (a.exists("warnings/message")) {
            CHECK(b.readStrings("warnings/message") == a.readStrings("warnings/message"));
        }
    }
}

TEST_CASE("output: a sink that reads no per-pipe series gets them empty and the rest unchanged",
          "[output]") {
    const Scenario scenario = readScenarioText(defaultScenarioWith("plug_flow", "48 h", ""),
                                               "output.yaml", clitest::sourceDir() / "scenarios");
    testing::MemorySink every;
    NoPipeSeriesSink lean;
    Simulation(scenario).run(every);
    Simulation(scenario).run(lean);
    REQUIRE(lean.steps.size() == every.steps.size());
    REQUIRE(every.steps.size() == 48);
    for (std::size_t i = 0; i < every.steps.size(); ++i) {
        const StepRecord& e = every.steps[i];
        const StepRecord& l = lean.steps[i];
        const std::size_t pipes = scenario.pipes.size();
        REQUIRE(e.supplyOutlet_K.size() == pipes);
        for (auto field :
             {&StepRecord::supplyOutlet_K, &StepRecord::returnInlet_K, &StepRecord::returnOutlet_K,
              &StepRecord::returnFlow_kg_s, &StepRecord::supplyLoss_W, &StepRecord::returnLoss_W,
              &StepRecord::ground_K}) {
            CHECK((l.*field).empty());
        }
        // What the run's checks and totals read is filled all the same.
        for (auto field :
             {&StepRecord::supplyInlet_K, &StepRecord::pipeFlow_kg_s, &StepRecord::supplyDrop_Pa,
              &StepRecord::returnDrop_Pa, &StepRecord::nodeSupply_K, &StepRecord::nodeReturn_K,
              &StepRecord::nodeSupplyPressure_Pa, &StepRecord::consumerSupply_K,
              &StepRecord::delivered_W, &StepRecord::sourceHeat_W, &StepRecord::plantReturn_K}) {
            CHECK(l.*field == e.*field);
        }
        CHECK(l.losses_W == e.losses_W);
        CHECK(l.storedHeat_J == e.storedHeat_J);
        CHECK(l.balanceResidual_J == e.balanceResidual_J);
    }
    CHECK(lean.totals.losses_J == every.totals.losses_J);
    CHECK(lean.totals.warnings.size() == every.totals.warnings.size());
}
