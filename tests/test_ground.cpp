// Kusuda–Achenbach ground temperature.
#include "models/GroundTemperature.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

using namespace heatnet;

namespace {
constexpr double kYear_s = 365.0 * 86400.0;
} // namespace

TEST_CASE("ground: deep ground stays at the annual mean") {
    const KusudaParameters p;
    for (double t = 0.0; t < kYear_s; t += 86400.0 * 7) {
        CHECK(kusudaTemperature(p, 30.0, t) == Approx(p.meanTemperature_K).margin(1e-6));
    }
}

TEST_CASE("ground: at the surface the minimum is at phaseMinimum") {
    const KusudaParameters p;
    CHECK(kusudaTemperature(p, 0.0, p.phaseMinimum_s) ==
          Approx(p.meanTemperature_K - p.amplitude_K).epsilon(1e-14));
    double coldest = 1e9;
    double when = -1.0;
    for (double t = 0.0; t < kYear_s; t += 600.0) {
        const double value = kusudaTemperature(p, 0.0, t);
        if (value < coldest) {
            coldest = value;
            when = t;
        }
    }
    CHECK(std::abs(when - p.phaseMinimum_s) <= 600.0);
}

TEST_CASE("ground: amplitude at 1 m is damped by exp(-z sqrt(pi/(alpha P)))") {
    const KusudaParameters p;
    const double z = 1.0;
    double lowest = 1e9;
    double highest = -1e9;
    double whenLowest = 0.0;
    for (double t = 0.0; t < kYear_s; t += 600.0) {
        const double value = kusudaTemperature(p, z, t);
        if (value < lowest) {
            lowest = value;
            whenLowest = t;
        }
        highest = std::max(highest, value);
    }
    const double expected =
        p.amplitude_K * std::exp(-z * std::sqrt(std::numbers::pi / (p.diffusivity_m2_s * kYear_s)));
    CHECK((highest - lowest) / 2.0 == Approx(expected).epsilon(1e-6));
    // The minimum arrives later by z/2 · √(P/(π α)).
    const double lag = z / 2.0 * std::sqrt(kYear_s / (std::numbers::pi * p.diffusivity_m2_s));
    CHECK(std::abs(whenLowest - (p.phaseMinimum_s + lag)) <= 600.0);
}
