// Friction factor and pressure drop against the Moody chart, Hagen–Poiseuille and a hand
// calculation.
#include "models/Friction.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>
#include <vector>

using namespace heatnet;

TEST_CASE("friction: Colebrook at Re = 1e5, eps/D = 1e-4 matches the Moody chart") {
    CHECK(friction::darcyFactor(1e5, 1e-4) == Approx(0.0185).epsilon(0.01));
}

TEST_CASE("friction: Colebrook solution satisfies the equation to 1e-12") {
    for (const double re : {4e3, 1e4, 1e5, 1e6, 1e7, 1e8}) {
        for (const double rr : {0.0, 1e-6, 1e-4, 1e-2, 5e-2}) {
            const double f = friction::darcyFactor(re, rr);
            const double x = 1.0 / std::sqrt(f);
            const double rhs = -2.0 * std::log10(rr / 3.7 + 2.51 * x / re);
            CHECK(std::abs(x - rhs) <= 1e-11 * x);
        }
    }
}

TEST_CASE("friction: laminar factor is 64/Re") {
    CHECK(friction::darcyFactor(1000.0, 1e-3) == Approx(0.064).epsilon(1e-14));
    CHECK(friction::darcyFactor(2000.0, 0.0) == Approx(0.032).epsilon(1e-14));
}

TEST_CASE("friction: transition blend is continuous at Re = 2000 and 4000") {
    for (const double rr : {0.0, 1e-4, 1e-2}) {
        CHECK(friction::darcyFactor(2000.0 * (1 + 1e-9), rr) ==
              Approx(friction::darcyFactor(2000.0 * (1 - 1e-9), rr)).epsilon(1e-6));
        CHECK(friction::darcyFactor(4000.0 * (1 + 1e-9), rr) ==
              Approx(friction::darcyFactor(4000.0 * (1 - 1e-9), rr)).epsilon(1e-6));
    }
}

TEST_CASE("friction: Swamee-Jain within 2 % of Colebrook for Re 5e3-1e7") {
    // Within 2 % up to eps/D = 2.5e-3 (the roughest catalogue pipe, DN20 at 0.05 mm, has
    // 2.3e-3); at eps/D = 1e-2 and low Re Swamee-Jain itself is off by up to 2.8 %.
    for (double re = 5e3; re <= 1e7 * 1.0001; re *= 1.2) {
        for (const double rr : {0.0, 1e-6, 1e-5, 1e-4, 1e-3, 2.5e-3}) {
            CHECK(friction::swameeJain(re, rr) ==
                  Approx(friction::darcyFactor(re, rr)).epsilon(0.02));
        }
        CHECK(friction::swameeJain(re, 1e-2) ==
              Approx(friction::darcyFactor(re, 1e-2)).epsilon(0.03));
    }
}

TEST_CASE("friction: DN100 pressure drop matches a hand calculation") {
    // Hand calculation, DN100 (114.3 x 3.6 mm), water at 80 °C, roughness 0.05 mm:
    //   D = 0.1071 m, A = π D²/4 = 9.00884e-3 m2, ṁ = 10 kg/s, L = 100 m,
    //   ρ = 971.8 kg/m3, μ = 3.55e-4 Pa s
    //   v = ṁ/(ρ A) = 10 / (971.8 · 9.00884e-3) = 1.1422 m/s
    //   Re = ρ v D / μ = 971.8 · 1.1422 · 0.1071 / 3.55e-4 = 3.349e5, ε/D = 4.669e-4
    //   Colebrook by fixed point x = −2 log10(ε/(3.7 D) + 2.51 x / Re), x = 1/√f:
    //     f = 0.02 → 0.017809 → 0.017881 → 0.017879 → 0.017879
    //   Δp = f (L/D) ρ v²/2 = 0.017879 · 933.71 · 971.8 · 1.1422² / 2 = 10 583 Pa
    const double dp = friction::pressureDrop(10.0, 100.0, 0.1071, 0.05e-3, 971.8, 3.55e-4);
    CHECK(dp == Approx(10583.0).epsilon(0.005));
}

TEST_CASE("friction: laminar pressure drop is Hagen-Poiseuille") {
    // Δp = 128 μ L ṁ / (π ρ D⁴), Re = 4ṁ/(π D μ) = 1000 for ṁ below.
    const double d = 0.05, mu = 1e-3, rho = 1000.0, l = 10.0;
    const double m = 1000.0 * std::numbers::pi * d * mu / 4.0;
    const double expected = 128.0 * mu * l * m / (std::numbers::pi * rho * std::pow(d, 4));
    CHECK(friction::pressureDrop(m, l, d, 1e-5, rho, mu) == Approx(expected).epsilon(1e-12));
}

TEST_CASE("friction: pressure drop is antisymmetric and zero at zero flow") {
    CHECK(friction::pressureDrop(0.0, 100.0, 0.1071, 0.05e-3, 971.8, 3.55e-4) == 0.0);
    for (const double m : {1e-6, 0.01, 0.3, 2.0, 10.0, 80.0}) {
        const double forward = friction::pressureDrop(m, 100.0, 0.1071, 0.05e-3, 971.8, 3.55e-4);
        const double backward = friction::pressureDrop(-m, 100.0, 0.1071, 0.05e-3, 971.8, 3.55e-4);
        CHECK(forward > 0.0);
        CHECK(backward == -forward);
    }
}

TEST_CASE("friction: derivative is positive, laminar at zero and matches finite differences") {
    const double l = 100.0, d = 0.1071, eps = 0.05e-3, rho = 971.8, mu = 3.55e-4;
    const double laminar = 128.0 * mu * l / (std::numbers::pi * rho * std::pow(d, 4));
    CHECK(friction::pressureDropDerivative(0.0, l, d, eps, rho, mu) ==
          Approx(laminar).epsilon(1e-12));
    // ṁ for Re = 1000 (laminar), 3000 (blend), 1e4, 3e5 (turbulent), both signs.
    const double perRe = std::numbers::pi * d * mu / 4.0;
    for (const double re : {1000.0, 2500.0, 3000.0, 3900.0, 1e4, 3e5}) {
        for (const double sign : {1.0, -1.0}) {
            const double m = sign * re * perRe;
            const double h = 1e-6 * std::abs(m);
            const double numeric = (friction::pressureDrop(m + h, l, d, eps, rho, mu) -
                                    friction::pressureDrop(m - h, l, d, eps, rho, mu)) /
                                   (2.0 * h);
            const double analytic = friction::pressureDropDerivative(m, l, d, eps, rho, mu);
            CHECK(analytic >= laminar);
            CHECK(analytic == Approx(numeric).epsilon(1e-6));
        }
    }
}

TEST_CASE("friction: warm-started Colebrook agrees with the cold solve along a pipe's history") {
    // A pipe's flow over a day of hydraulic steps: small drifts, a jump across the laminar and
    // transition ranges, back to turbulence, a roughness change (another pipe sharing nothing).
    // The warm start must give the cold solve's factor, slope and drop to the Newton tolerance.
    friction::ColebrookStart start;
    const double length = 250, diameter = 0.1, density = 971.8, viscosity = 3.55e-4;
    std::vector<double> flows;
    for (int k = 0; k < 48; ++k) {
        flows.push_back(8.0 * (1.0 + 0.3 * std::sin(0.26 * k))); // Re ~ 2e5 ± 30 %
    }
    for (const double flow : {0.05, 0.004, 0.0, -0.2, -3.0, 12.0, 0.12, 40.0}) {
        flows.push_back(flow); // laminar, zero, reversed, transition, very turbulent
    }
    for (const double roughness : {1e-5, 5e-4, 1e-6}) {
        for (const double flow : flows) {
            const double warmDrop = friction::pressureDrop(flow, length, diameter, roughness,
                                                           density, viscosity, start);
            const double coldDrop =
                friction::pressureDrop(flow, length, diameter, roughness, density, viscosity);
            CHECK(std::abs(warmDrop - coldDrop) <= 1e-11 * std::abs(coldDrop));
            const double warmSlope = friction::pressureDropDerivative(
                flow, length, diameter, roughness, density, viscosity, start);
            const double coldSlope = friction::pressureDropDerivative(
                flow, length, diameter, roughness, density, viscosity);
            CHECK(std::abs(warmSlope - coldSlope) <= 1e-10 * coldSlope);
        }
    }
    // The root it keeps is Colebrook's: x = −2 log10(ε/(3.7 D) + 2.51 x / Re).
    const double re = 4.0 * 8.0 / (std::numbers::pi * diameter * viscosity);
    const double f = friction::darcyFactor(re, 1e-4, start);
    const double x = 1.0 / std::sqrt(f);
    CHECK(start.inverseRootFactor == Approx(x).epsilon(1e-15));
    CHECK(std::abs(x + 2.0 * std::log10(1e-4 / 3.7 + 2.51 * x / re)) <= 1e-11 * x);
}

TEST_CASE("friction: the predicted warm start equals the cold solve to 1e-12 over Re and eps/D") {
    // One kept root per roughness, walked through small drifts (1e-6 … 3 %), jumps (×0.2 … ×8),
    // laminar, transition and back: each warm factor (predictor + Newton, one `log` per step)
    // equals the cold solve (Swamee–Jain start) to 1e-12 and satisfies Colebrook–White written
    // with log10 to the same tolerance; a repeated Re reuses the kept root exactly.
    std::vector<double> walk;
    for (double re = 4.2e3; re < 3e6; re *= 1.0 + 0.03) {
        walk.push_back(re);
        walk.push_back(re * (1 + 1e-6));
    }
    for (const double re : {2e5, 1.6e6, 3.2e5, 6.4e4, 5e3, 1.2e4, 500.0, 2500.0, 3900.0, 4.1e3, 1e5,
                            1e5, 8e5, 7.9e5, 1e4}) {
        walk.push_back(re);
    }
    for (const double rr : {0.0, 1e-6, 1e-5, 1e-4, 1e-3, 5e-3, 2e-2}) {
        friction::ColebrookStart start;
        for (const double re : walk) {
            const double warm = friction::darcyFactor(re, rr, start);
            const double cold = friction::darcyFactor(re, rr);
            INFO("Re " << re << ", eps/D " << rr);
            CHECK(std::abs(warm - cold) <= 1e-12 * cold);
            if (re >= 4000) {
                const double x = 1.0 / std::sqrt(warm);
                CHECK(std::abs(x + 2.0 * std::log10(rr / 3.7 + 2.51 * x / re)) <= 1e-12 * x);
                const friction::ColebrookStart kept = start;
                CHECK(friction::darcyFactor(re, rr, start) == warm);
                CHECK(start.inverseRootFactor == kept.inverseRootFactor);
            }
        }
    }
}

TEST_CASE("friction: a precomputed flow law gives the same drops and slopes as the full call") {
    // FlowLaw carries C = L/(2ρA²D), K = 4/(πDμ), ε/D: the hydraulic solve's path must be the
    // documented law bit for bit, for every regime, both signs and zero flow.
    const double l = 180, d = 0.0825, eps = 0.05e-3, rho = 977.7, mu = 4.0e-4;
    const friction::FlowLaw law = friction::flowLaw(l, d, eps, rho, mu);
    CHECK(law.relativeRoughness == eps / d);
    const double perRe = std::numbers::pi * d * mu / 4.0;
    for (const double re : {0.0, 300.0, 1999.0, 2700.0, 3999.0, 4001.0, 3e4, 2e6}) {
        for (const double sign : {1.0, -1.0}) {
            const double m = sign * re * perRe;
            friction::ColebrookStart a, b;
            const double viaLaw = friction::pressureDrop(m, law, a);
            CHECK(viaLaw == friction::pressureDrop(m, l, d, eps, rho, mu, b));
            CHECK(friction::pressureDropDerivative(m, law, a) ==
                  friction::pressureDropDerivative(m, l, d, eps, rho, mu, b));
            if (re == 0.0) {
                CHECK(viaLaw == 0.0);
            } else {
                CHECK(viaLaw * sign > 0.0);
                friction::ColebrookStart c;
                CHECK(friction::pressureDrop(-m, law, c) == -viaLaw);
            }
        }
    }
}
