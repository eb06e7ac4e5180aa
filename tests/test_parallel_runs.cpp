// A simulation holds no global state: runs on several threads at once give, bit for bit, what
// they give one after the other.
#include "solver/input/ScenarioReader.h"
#include "solver/run/Simulation.h"

#include <catch2/catch.hpp>

#include <omp.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <vector>

using namespace heatnet;

namespace {

//! Keeps the network totals of every output step.
class TotalsSink : public ResultSink {
public:
    void begin(const Scenario&) override {}
    void record(const StepRecord& step) override {
        series.push_back(step.sources_W);
        series.push_back(step.losses_W);
        series.push_back(step.delivered_W_total);
        series.insert(series.end(), step.consumerReturn_K.begin(), step.consumerReturn_K.end());
    }
    void finish(const RunTotals&) override {}
    std::vector<double> series;
};

Scenario shortDefault(const std::string& duration, const std::string& seed) {
    const std::filesystem::path path =
        std::filesystem::path(HEATNET_SOURCE_DIR) / "scenarios" / "saint-omer.yaml";
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    std::string changed =
        std::regex_replace(text.str(), std::regex("duration: 8760 h"), "duration: " + duration);
    changed = std::regex_replace(changed, std::regex("seed: 2026"), "seed: " + seed);
    return readScenarioText(changed, path.string(), path.parent_path());
}

} // namespace

TEST_CASE("simulation: runs on parallel threads are bit-identical to serial runs", "[parallel]") {
    const std::vector<Scenario> scenarios = {shortDefault("72 h", "2026"),
                                             shortDefault("72 h", "7"), shortDefault("48 h", "11"),
                                             shortDefault("96 h", "2026")};
    const std::size_t n = scenarios.size();
    std::vector<std::vector<double>> serial(n), parallel(n);
    for (std::size_t i = 0; i < n; ++i) {
        TotalsSink sink;
        Simulation(scenarios[i]).run(sink);
        serial[i] = sink.series;
    }
    int threadsUsed = 1;
#pragma omp parallel for schedule(dynamic, 1) num_threads(2)
    for (std::size_t i = 0; i < n; ++i) {
        TotalsSink sink;
        Simulation(scenarios[i]).run(sink);
        parallel[i] = sink.series;
#pragma omp critical
        threadsUsed = std::max(threadsUsed, omp_get_num_threads());
    }
    REQUIRE(threadsUsed == 2);
    for (std::size_t i = 0; i < n; ++i) {
        INFO("scenario " << i);
        REQUIRE(!serial[i].empty());
        REQUIRE(parallel[i] == serial[i]); // exact equality, not a tolerance
    }
    // Different weather seeds give different runs (the comparison above can fail).
    REQUIRE(serial[0] != serial[1]);
}
