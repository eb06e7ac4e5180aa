// The hydraulic solve of a large network shares its per-pipe work (water properties, flow laws,
// friction drops) among the OpenMP threads (Hydraulics::kParallelPipes, when allowThreads). Each
// pipe's figures depend on its own inputs and cache only, so the state must be the same bit for bit
// whatever the number of threads: checked here on a generated tree above the threshold and on the
// same tree closed into a meshed network by chords, over steps whose flows and temperatures change
// (some pipes keeping theirs), against one thread; and the kept state against a fresh object's
// solve (cold Colebrook starts) to the Colebrook tolerance.
#include "solver/network/Hydraulics.h"
#include "solver/network/NetworkGenerator.h"

#include <catch2/catch.hpp>

#include <omp.h>

#include <cmath>
#include <string>
#include <vector>

using namespace heatnet;

namespace {

//! A generated tree with at least `pipes` pipes (a short run: only its network is used).
Scenario largeTree(int pipes) {
    GeneratedNetworkOptions options;
    options.pipePairs = pipes;
    options.duration_s = 24 * 3600.0;
    return generateNetwork(options);
}

//! The same network closed by `chords` extra pipes between nodes of the tree (meshed).
Scenario withChords(Scenario scenario, int chords) {
    const std::size_t nodes = scenario.nodes.size();
    for (int k = 0; k < chords; ++k) {
        PipeSpec chord = scenario.pipes[1 + 7 * static_cast<std::size_t>(k)];
        chord.id = "CHORD" + std::to_string(k);
        chord.from = scenario.nodes[(nodes / 3 + 13 * static_cast<std::size_t>(k)) % nodes].id;
        chord.to = scenario.nodes[(2 * nodes / 3 + 29 * static_cast<std::size_t>(k)) % nodes].id;
        scenario.pipes.push_back(chord);
    }
    return scenario;
}

//! Inputs of step `step`: draws that vary per consumer and step, temperatures that move in most
//! pipes and stay in every fifth.
struct StepInputs {
    std::vector<double> consumers, plants, supply_K, return_K;
};
StepInputs inputsAt(const Scenario& scenario, int step) {
    StepInputs in;
    for (std::size_t c = 0; c < scenario.consumers.size(); ++c) {
        in.consumers.push_back(0.05 + 0.3 * (1.0 + std::sin(0.7 * step + 0.37 * c)));
    }
    in.plants.assign(scenario.plants.size(), 0.0);
    for (std::size_t p = 0; p < scenario.pipes.size(); ++p) {
        const double moved = p % 5 == 0 ? 0.0 : 0.3 * step + 0.001 * p;
        in.supply_K.push_back(273.15 + 80 - 0.002 * p - moved);
        in.return_K.push_back(273.15 + 45 + 0.001 * p + 0.5 * moved);
    }
    return in;
}

//! Solves `steps` steps with `threads` OpenMP threads into a list of states (one object kept).
std::vector<HydraulicState> solveSteps(const Scenario& scenario, const Network& network,
                                       int threads, int steps) {
    const int before = omp_get_max_threads();
    omp_set_num_threads(threads);
    Hydraulics hydraulics(network, scenario);
    hydraulics.allowThreads(true);
    std::vector<HydraulicState> states(static_cast<std::size_t>(steps));
    for (int step = 0; step < steps; ++step) {
        const StepInputs in = inputsAt(scenario, step);
        hydraulics.solve(in.consumers, in.plants, in.supply_K, in.return_K,
                         states[static_cast<std::size_t>(step)]);
    }
    omp_set_num_threads(before);
    return states;
}

void requireIdentical(const HydraulicState& a, const HydraulicState& b) {
    // Exact comparisons: the same doubles, not merely close ones.
    CHECK(a.pipeFlow_kg_s == b.pipeFlow_kg_s);
    CHECK(a.returnFlow_kg_s == b.returnFlow_kg_s);
    CHECK(a.supplyPressureDrop_Pa == b.supplyPressureDrop_Pa);
    CHECK(a.returnPressureDrop_Pa == b.returnPressureDrop_Pa);
    CHECK(a.plantFlow_kg_s == b.plantFlow_kg_s);
    CHECK(a.plantHead_Pa == b.plantHead_Pa);
    CHECK(a.supplyPressure_Pa == b.supplyPressure_Pa);
    CHECK(a.returnPressure_Pa == b.returnPressure_Pa);
    CHECK(a.pumpHead_Pa == b.pumpHead_Pa);
    CHECK(a.pumpPower_W == b.pumpPower_W);
    CHECK(a.worstConsumer == b.worstConsumer);
    CHECK(a.newtonIterations == b.newtonIterations);
}

//! `tolerance`: relative agreement of the kept state with a cold solve.
void checkThreadIndependence(const Scenario& scenario, double tolerance) {
    const Network network(scenario);
    REQUIRE(network.pipeCount() >= Hydraulics::kParallelPipes);
    constexpr int kSteps = 6;
    const std::vector<HydraulicState> one = solveSteps(scenario, network, 1, kSteps);
    for (int threads : {2, 3}) {
        const std::vector<HydraulicState> many = solveSteps(scenario, network, threads, kSteps);
        for (int step = 0; step < kSteps; ++step) {
            INFO(threads << " threads, step " << step);
            requireIdentical(one[static_cast<std::size_t>(step)],
                             many[static_cast<std::size_t>(step)]);
        }
    }
    // The kept caches (warm Colebrook starts, properties kept where the temperature stayed)
    // against a fresh object's cold solve of the last step, on two threads.
    const StepInputs last = inputsAt(scenario, kSteps - 1);
    const int before = omp_get_max_threads();
    omp_set_num_threads(2);
    Hydraulics cold(network, scenario);
    cold.allowThreads(true);
    const HydraulicState fresh =
        cold.solve(last.consumers, last.plants, last.supply_K, last.return_K);
    omp_set_num_threads(before);
    const HydraulicState& kept = one.back();
    for (std::size_t p = 0; p < network.pipeCount(); ++p) {
        INFO("pipe " << p);
        CHECK(kept.pipeFlow_kg_s[p] ==
              Approx(fresh.pipeFlow_kg_s[p]).epsilon(tolerance).margin(1e-12));
        CHECK(kept.supplyPressureDrop_Pa[p] ==
              Approx(fresh.supplyPressureDrop_Pa[p]).epsilon(tolerance).margin(1e-9));
        CHECK(kept.returnPressureDrop_Pa[p] ==
              Approx(fresh.returnPressureDrop_Pa[p]).epsilon(tolerance).margin(1e-9));
    }
    CHECK(kept.pumpHead_Pa == Approx(fresh.pumpHead_Pa).epsilon(tolerance));
}

} // namespace

TEST_CASE("hydraulics: a large tree's state is bit for bit the same on 1, 2 and 3 threads",
          "[hydraulics][threads]") {
    const Scenario scenario = largeTree(static_cast<int>(Hydraulics::kParallelPipes) + 200);
    // A tree's flows come from mass balance alone; its drops differ from a cold solve's by the
    // Colebrook tolerance only (1/√f to 1e-12 relative, so f to 2e-12).
    checkThreadIndependence(scenario, 1e-11);
}

TEST_CASE("hydraulics: a large meshed network's state is bit for bit the same on 1, 2 and 3 "
          "threads",
          "[hydraulics][threads]") {
    const Scenario scenario =
        withChords(largeTree(static_cast<int>(Hydraulics::kParallelPipes) + 200), 4);
    const Network network(scenario);
    REQUIRE(network.chordPipes().size() == 4);
    // Loop flows to Newton's tolerance (residual 1e-6 Pa, steps 1e-12 of the largest draw).
    checkThreadIndependence(scenario, 1e-9);
}
