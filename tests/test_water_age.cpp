// Supply water ages (solver/network/WaterAge.h) on a ring PL → A → B ← F ← PL against the hand
// formula age(n) = Σ_in (|ṁ_p| age(upstream) + M_p) / (Σ_in |ṁ_p| + plant feed at n): with the
// flows in both directions of P2, with standing pipes, and reused across direction changes
// (the kept order must give the ages of a fresh ordering bit for bit).
#include "TestSupport.h"
#include "solver/input/ScenarioReader.h"
#include "solver/network/Network.h"
#include "solver/network/WaterAge.h"

#include <catch2/catch.hpp>

#include <vector>

using namespace heatnet;

namespace {

const char* const kRing = R"(
name: water-age-ring
simulation: {start: 2025-01-06 00:00, duration: 24 h, output_step: 1 h}
climate: {constant: 5 degC}
network:
  nodes: [{id: PL}, {id: A}, {id: B}, {id: F}]
  pipes:
    - {id: P1, from: PL, to: A, length: 400 m, inner_diameter: 0.1 m, heat_loss: 0.2 W/(m K)}
    - {id: P2, from: A, to: B, length: 300 m, inner_diameter: 0.1 m, heat_loss: 0.2 W/(m K)}
    - {id: P3, from: F, to: B, length: 200 m, inner_diameter: 0.1 m, heat_loss: 0.2 W/(m K)}
    - {id: P4, from: PL, to: F, length: 500 m, inner_diameter: 0.1 m, heat_loss: 0.2 W/(m K)}
consumers:
  - {id: SA, node: A, annual_demand: 0.5 GWh}
  - {id: SB, node: B, annual_demand: 0.5 GWh}
plants:
  - {id: MAIN, node: PL, supply_temperature: 80 degC,
     sources: [{id: GAS, type: boiler, capacity: 2 MW}]}
)";

} // namespace

TEST_CASE("water age: a ring's ages follow the mixing formula in either direction, and a kept "
          "order gives a fresh one's ages",
          "[water_age]") {
    const Scenario scenario = readScenarioText(kRing, "ring.yaml", ".");
    const Network network(scenario);
    const std::size_t PL = network.nodeIndex("PL"), A = network.nodeIndex("A"),
                      B = network.nodeIndex("B"), F = network.nodeIndex("F");
    const std::vector<double> M = {1000.0, 700.0, 500.0, 1200.0}; // water in P1..P4 [kg]
    constexpr double stagnant_s = 1e9;
    SupplyWaterAge reused(network);

    // P2 from A to B: B mixes A's water through P2 with F's through P3.
    const std::vector<double> forward = {2.0, 1.0, 1.5, 1.5}, plant = {3.5};
    const auto firstAges = reused.ages(M, forward, plant, stagnant_s);
    const std::vector<double> first(firstAges.begin(), firstAges.end());
    const double ageA = M[0] / 2.0, ageF = M[3] / 1.5;
    CHECK(first[PL] == 0.0);
    CHECK(first[A] == Approx(ageA).epsilon(1e-14));
    CHECK(first[F] == Approx(ageF).epsilon(1e-14));
    CHECK(first[B] == Approx((1.0 * ageA + M[1] + 1.5 * ageF + M[2]) / 2.5).epsilon(1e-14));

    // P2 reversed, from B to A: now A mixes.
    const std::vector<double> backward = {2.0, -0.5, 1.5, 1.5};
    const auto second = reused.ages(M, backward, plant, stagnant_s);
    const double ageB = (1.5 * ageF + M[2]) / 1.5;
    CHECK(second[B] == Approx(ageB).epsilon(1e-14));
    CHECK(second[A] == Approx((2.0 * 0.0 + M[0] + 0.5 * ageB + M[1]) / 2.5).epsilon(1e-14));
    SupplyWaterAge fresh(network);
    const auto secondFresh = fresh.ages(M, backward, plant, stagnant_s);
    CHECK(std::vector<double>(second.begin(), second.end()) ==
          std::vector<double>(secondFresh.begin(), secondFresh.end()));

    // P2 and P3 standing: nothing reaches B, its water is standing.
    const std::vector<double> standing = {2.0, 0.0, 0.0, 1.5};
    const auto third = reused.ages(M, standing, plant, stagnant_s);
    CHECK(third[B] == stagnant_s);
    CHECK(third[A] == Approx(ageA).epsilon(1e-14));

    // Back to the first flows (the order rebuilt once more): the first call's ages exactly;
    // then other magnitudes in the same directions (the order kept) give a fresh object's.
    const auto again = reused.ages(M, forward, plant, stagnant_s);
    CHECK(std::vector<double>(again.begin(), again.end()) == first);
    const std::vector<double> sameDirections = {3.0, 0.25, 2.5, 2.5}, morePlant = {5.5};
    const auto kept = reused.ages(M, sameDirections, morePlant, stagnant_s);
    SupplyWaterAge other(network);
    const auto keptFresh = other.ages(M, sameDirections, morePlant, stagnant_s);
    CHECK(std::vector<double>(kept.begin(), kept.end()) ==
          std::vector<double>(keptFresh.begin(), keptFresh.end()));
    CHECK(kept[A] == Approx(M[0] / 3.0).epsilon(1e-14));
}
