// Water properties against IAPWS table values (NIST Chemistry WebBook, saturated liquid,
// which agrees with liquid at ~3 bar to < 0.05 %).
#include "models/Water.h"

#include <catch2/catch.hpp>

#include <algorithm>

namespace {
constexpr double kC = 273.15;
} // namespace

using namespace heatnet;

TEST_CASE("water: density matches IAPWS table within 0.2 %") {
    CHECK(water::density(kC + 20) == Approx(998.2).epsilon(0.002));
    CHECK(water::density(kC + 60) == Approx(983.2).epsilon(0.002));
    CHECK(water::density(kC + 80) == Approx(971.8).epsilon(0.002));
    CHECK(water::density(kC + 100) == Approx(958.4).epsilon(0.002));
    CHECK(water::density(kC + 150) == Approx(917.0).epsilon(0.002));
}

TEST_CASE("water: specific heat matches IAPWS table within 0.2 %") {
    CHECK(water::specificHeat(kC + 20) == Approx(4182).epsilon(0.002));
    CHECK(water::specificHeat(kC + 80) == Approx(4197).epsilon(0.002));
    CHECK(water::specificHeat(kC + 100) == Approx(4216).epsilon(0.002));
    CHECK(water::specificHeat(kC + 150) == Approx(4310).epsilon(0.002));
}

TEST_CASE("water: viscosity matches IAPWS table within 2 %") {
    CHECK(water::dynamicViscosity(kC + 20) == Approx(1.002e-3).epsilon(0.02));
    CHECK(water::dynamicViscosity(kC + 80) == Approx(3.55e-4).epsilon(0.02));
    CHECK(water::dynamicViscosity(kC + 100) == Approx(2.82e-4).epsilon(0.02));
    CHECK(water::dynamicViscosity(kC + 150) == Approx(1.84e-4).epsilon(0.02));
}

TEST_CASE("water: thermal conductivity matches IAPWS table within 2 %") {
    CHECK(water::thermalConductivity(kC + 20) == Approx(0.598).epsilon(0.02));
    CHECK(water::thermalConductivity(kC + 80) == Approx(0.670).epsilon(0.02));
    CHECK(water::thermalConductivity(kC + 130) == Approx(0.684).epsilon(0.02));
}

TEST_CASE("water: density and viscosity fall monotonically over 4–150 °C") {
    // Density has its maximum at 4 °C; above it both properties decrease.
    for (double t = 4.0; t < 150.0; t += 0.5) {
        CHECK(water::density(kC + t + 0.5) < water::density(kC + t));
        CHECK(water::dynamicViscosity(kC + t + 0.5) < water::dynamicViscosity(kC + t));
    }
}

TEST_CASE("water: density is concave on 0–150 °C and smallest at 150 °C; p_sat rises with T") {
    // The hydraulic checks bound ρ from below by its value at an end of the range and p_sat from
    // above by its value at the hottest water (solver/network/HydraulicChecks.h): both rest on
    // these shapes. Concavity of the quartic fit: ρ'' < 0 (second differences over 0.25 K).
    const double lowest = std::min(water::density(kC), water::density(kC + 150));
    CHECK(lowest == water::density(kC + 150));
    for (double t = 0.25; t < 150.0; t += 0.25) {
        CHECK(water::density(kC + t - 0.25) + water::density(kC + t + 0.25) <
              2 * water::density(kC + t));
        CHECK(water::density(kC + t) > lowest);
        CHECK(water::saturationPressure(kC + t) > water::saturationPressure(kC + t - 0.25));
    }
}

TEST_CASE("water: arguments outside 0–150 °C are clamped to the range ends") {
    CHECK(water::density(kC - 10) == water::density(kC));
    CHECK(water::density(kC + 200) == water::density(kC + 150));
    CHECK(water::dynamicViscosity(kC + 200) == water::dynamicViscosity(kC + 150));
}

TEST_CASE("water: saturation pressure matches the IAPWS-IF97 verification values") {
    // IF97, Table 35 (computer-program verification of Eq. 30).
    CHECK(water::saturationPressure(300) == Approx(0.353658941e-2 * 1e6).epsilon(1e-8));
    CHECK(water::saturationPressure(500) == Approx(0.263889776e1 * 1e6).epsilon(1e-8));
    CHECK(water::saturationPressure(600) == Approx(0.123443146e2 * 1e6).epsilon(1e-8));
    // Water boils at 100 °C under one standard atmosphere (101,325 Pa; IF97 gives 101,418 Pa).
    CHECK(water::saturationPressure(kC + 100) == Approx(101325).epsilon(0.002));
}
