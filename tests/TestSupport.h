#pragma once
// Helpers shared by the test files.
#include "solver/Error.h"
#include "solver/run/Simulation.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace heatnet::testing {

//! Keeps every StepRecord of a run in memory, and the totals.
class MemorySink : public ResultSink {
public:
    void begin(const Scenario&) override {}
    void record(const StepRecord& step) override { steps.push_back(step); }
    void finish(const RunTotals& t) override { totals = t; }
    std::vector<StepRecord> steps;
    RunTotals totals;
};

//! The message of the InputError that `action` throws (fails the test if it throws none).
template <typename Action> std::string errorOf(Action&& action) {
    try {
        action();
    } catch (const InputError& e) {
        return e.what();
    }
    FAIL("no InputError thrown");
    return {};
}

//! An empty folder "heatnet-<name>" under the temporary directory (emptied if it exists).
inline std::filesystem::path scratchDirectory(const std::string& name) {
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("heatnet-" + name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

} // namespace heatnet::testing
