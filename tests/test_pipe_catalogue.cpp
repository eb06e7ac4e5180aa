// Pipe catalogue: geometry, heat-loss formula, sizing.
#include "models/PipeCatalogue.h"

#include "solver/Error.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

using namespace heatnet;

namespace {
constexpr InsulationSeries kSeries[] = {InsulationSeries::Series1, InsulationSeries::Series2,
                                        InsulationSeries::Series3};
} // namespace

TEST_CASE("pipe catalogue: sizes DN20 to DN600 with EN 253 geometry") {
    const PipeCatalogue& c = PipeCatalogue::standard();
    const std::vector<int> expected{20,  25,  32,  40,  50,  65,  80,  100, 125,
                                    150, 200, 250, 300, 350, 400, 450, 500, 600};
    CHECK(c.sizes() == expected);
    const CatalogueEntry* e = c.find(100, InsulationSeries::Series1);
    REQUIRE(e != nullptr);
    CHECK(e->dn == 100);
    CHECK(e->outerDiameter_m == Approx(0.1143).epsilon(1e-12));
    CHECK(e->innerDiameter_m == Approx(0.1071).epsilon(1e-12));
    CHECK(e->casingDiameter_m == Approx(0.200).epsilon(1e-12));
    CHECK(e->roughness_m == Approx(0.05e-3).epsilon(1e-12));
    CHECK(c.find(100, InsulationSeries::Series2)->casingDiameter_m == Approx(0.225).epsilon(1e-12));
    CHECK(c.find(100, InsulationSeries::Series3)->casingDiameter_m == Approx(0.250).epsilon(1e-12));
    CHECK(c.find(600, InsulationSeries::Series1)->innerDiameter_m == Approx(0.5958).epsilon(1e-12));
    CHECK(c.find(20, InsulationSeries::Series3)->innerDiameter_m == Approx(0.0217).epsilon(1e-12));
}

TEST_CASE("pipe catalogue: find returns nullptr for an unknown DN") {
    const PipeCatalogue& c = PipeCatalogue::standard();
    CHECK(c.find(77, InsulationSeries::Series1) == nullptr);
    CHECK(c.find(0, InsulationSeries::Series2) == nullptr);
    CHECK(c.find(700, InsulationSeries::Series3) == nullptr);
}

TEST_CASE("pipe catalogue: heat-loss formula reproduced by hand for DN100 series 1") {
    // R' = ln(D_c/d_o)/(2π λ_PUR) + ln(4H/D_c)/(2π λ_soil)
    //    = ln(0.200/0.1143)/(2π·0.027) + ln(4·0.8/0.200)/(2π·1.5)
    //    = 0.559518/0.169646 + 2.772589/9.424778 = 3.29799 + 0.29418 = 3.59217 m K/W
    // U' = 1/R' = 0.27838 W/(m K)
    const CatalogueEntry* e = PipeCatalogue::standard().find(100, InsulationSeries::Series1);
    REQUIRE(e != nullptr);
    CHECK(e->heatLossCoeff_W_mK == Approx(0.27838).epsilon(1e-4));
}

TEST_CASE("pipe catalogue: heat loss falls with series and grows with DN") {
    const PipeCatalogue& c = PipeCatalogue::standard();
    for (const int dn : c.sizes()) {
        const double u1 = c.find(dn, InsulationSeries::Series1)->heatLossCoeff_W_mK;
        const double u2 = c.find(dn, InsulationSeries::Series2)->heatLossCoeff_W_mK;
        const double u3 = c.find(dn, InsulationSeries::Series3)->heatLossCoeff_W_mK;
        CHECK(u1 > u2);
        CHECK(u2 > u3);
        CHECK(u3 > 0.05);
        CHECK(u1 < 1.0);
    }
    // The insulation thickness of the catalogue steps unevenly between sizes, so U' is not
    // strictly monotone from one DN to the next (DN250 has relatively thick insulation); it
    // grows across the range and never drops by more than 5 % from one size to the next.
    for (const InsulationSeries s : kSeries) {
        double previous = 0.0;
        for (const int dn : {20, 50, 100, 200, 400, 600}) {
            const double u = c.find(dn, s)->heatLossCoeff_W_mK;
            CHECK(u > previous);
            previous = u;
        }
        const std::vector<int> sizes = c.sizes();
        for (std::size_t i = 1; i < sizes.size(); ++i) {
            CHECK(c.find(sizes[i], s)->heatLossCoeff_W_mK >
                  0.95 * c.find(sizes[i - 1], s)->heatLossCoeff_W_mK);
        }
    }
}

TEST_CASE("pipe catalogue: cost grows with DN and series, anchored at DN25 and DN400") {
    const PipeCatalogue& c = PipeCatalogue::standard();
    CHECK(c.find(25, InsulationSeries::Series1)->cost_EUR_m == Approx(400.0));
    CHECK(c.find(400, InsulationSeries::Series1)->cost_EUR_m == Approx(2500.0));
    for (const InsulationSeries s : kSeries) {
        const std::vector<int> sizes = c.sizes();
        for (std::size_t i = 1; i < sizes.size(); ++i) {
            CHECK(c.find(sizes[i], s)->cost_EUR_m > c.find(sizes[i - 1], s)->cost_EUR_m);
        }
    }
    CHECK(c.find(100, InsulationSeries::Series3)->cost_EUR_m >
          c.find(100, InsulationSeries::Series1)->cost_EUR_m);
}

TEST_CASE("pipe catalogue: smallestFor picks the right size") {
    const PipeCatalogue& c = PipeCatalogue::standard();
    // 10 kg/s at ≤ 1.5 m/s: A ≥ 10/(975·1.5) = 6.838e-3 m2, d ≥ 93.3 mm.
    // DN80 has d_i = 82.5 mm (too small), DN100 has 107.1 mm.
    CHECK(c.smallestFor(10.0, 1.5) == 100);
    CHECK(c.smallestFor(-10.0, 1.5) == 100);
    CHECK(c.smallestFor(0.0, 1.0) == 20);
    // Exactly at DN80's limit: ṁ = ρ v A for d_i = 82.5 mm, v = 2 m/s, minus a hair.
    const double area80 = std::numbers::pi * 0.0825 * 0.0825 / 4.0;
    CHECK(c.smallestFor(975.0 * 2.0 * area80 * (1 - 1e-9), 2.0) == 80);
    CHECK(c.smallestFor(975.0 * 2.0 * area80 * (1 + 1e-9), 2.0) == 100);
    CHECK_THROWS_AS(c.smallestFor(1e5, 2.0), InputError);
    CHECK_THROWS_AS(c.smallestFor(1.0, 0.0), InputError);
}
