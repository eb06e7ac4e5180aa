// Pipe friction (Darcy–Weisbach).
//
//   Δp = f(Re, ε/D) · (L/D) · ρ v |v| / 2 = f · L · ṁ|ṁ| / (2 ρ A² D)        [Pa]
//   v = ṁ / (ρ A),  A = π D² / 4,  Re = |ṁ| D / (A μ) = 4 |ṁ| / (π D μ)      [-]
//
// Darcy friction factor f [-]:
//   laminar,    Re ≤ 2000:  f = 64 / Re (Hagen–Poiseuille: Δp = 128 μ L ṁ / (π ρ D⁴))
//   turbulent,  Re ≥ 4000:  Colebrook–White, 1/√f = −2 log10(ε/(3.7 D) + 2.51/(Re √f)),
//                           solved for x = 1/√f by Newton's method to 1e-12 relative (stopped
//                           after a step below 1e-6, whose quadratic error is below that), started
//                           from Swamee–Jain or from the pipe's previous root (ColebrookStart)
//   transition, in between: f = (1 − s) f_lam + s f_CW with s = 3ξ² − 2ξ³, ξ = (Re − 2000)/2000,
//                           which is C¹ at both ends (s' = 0 there).
// Swamee–Jain (1976): f = 0.25 / [log10(ε/(3.7 D) + 5.74 / Re^0.9)]².
//
// The derivative d(Δp)/dṁ is analytic: with Δp = C f(Re) ṁ|ṁ|, C = L/(2ρA²D), Re = K|ṁ|,
//   dΔp/dṁ = C |ṁ| (Re f'(Re) + 2 f),
// which in the laminar range is the constant 64 C / K = 128 μ L / (π ρ D⁴) (also its value at
// ṁ = 0). That laminar slope is the smallest the law ever has, so it is also used as a floor.
#include "models/Friction.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace heatnet::friction {
namespace {

constexpr double kLaminarLimit = 2000.0;
constexpr double kTurbulentLimit = 4000.0;
constexpr double kTolerance = 1e-12;
// Newton stops after a step below kQuadraticStop · x: with e ≈ that step the error before it,
// the error after it is |g''(ξ)| e² / (2 g') ≤ e² / (x² ln 10) (g' ≥ 1, |g''| ≤ 2/(x² ln 10))
// ≤ kQuadraticStop² / ln 10 ≤ kTolerance · x for x = 1/√f ≥ 1: the root to kTolerance without
// the extra iteration (one log10) that would only confirm it.
constexpr double kQuadraticStop = 1e-6;
static_assert(kQuadraticStop * kQuadraticStop <= kTolerance);
constexpr int kMaxIterations = 100;

//! Friction factor and its derivative with respect to Re.
struct FactorAndSlope {
    double factor = 0; //!< f [-]
    double slope = 0;  //!< df/dRe [-]
};

//! Colebrook–White: f and df/dRe for Re > 0 (the equation has a root for every Re > 0).
//! Newton starts from start.inverseRootFactor when set, and leaves the root there.
FactorAndSlope colebrook(double reynolds, double relativeRoughness, ColebrookStart& start) {
    const double a = relativeRoughness / 3.7;
    const double b = 2.51 / reynolds;
    // g(x) = x + 2 log10(a + b x) = 0 with x = 1/√f; start from the pipe's last root, else from
    // Swamee–Jain, which is within a few per cent, so Newton converges in 2–4 steps (1–2 from
    // the last root when the flow changed by a few per cent). g is increasing and concave in x:
    // after the first step Newton approaches the root monotonically from below.
    double x = start.inverseRootFactor > 0.0
                   ? start.inverseRootFactor
                   : 1.0 / std::sqrt(swameeJain(reynolds, relativeRoughness));
    for (int i = 0; i < kMaxIterations; ++i) {
        const double argument = a + b * x;
        const double g = x + 2.0 * std::log10(argument);
        const double dg = 1.0 + 2.0 * b / (argument * std::numbers::ln10);
        const double step = g / dg;
        x -= step;
        if (std::abs(step) <= kQuadraticStop * std::abs(x)) {
            break;
        }
    }
    start.inverseRootFactor = x;
    // Implicit differentiation: dx/dRe = −(∂g/∂Re)/(∂g/∂x), ∂g/∂Re = −2 b x / (Re (a+bx) ln10).
    const double argument = a + b * x;
    const double dgdx = 1.0 + 2.0 * b / (argument * std::numbers::ln10);
    const double dgdRe = -2.0 * b * x / (reynolds * argument * std::numbers::ln10);
    const double dxdRe = -dgdRe / dgdx;
    return {1.0 / (x * x), -2.0 * dxdRe / (x * x * x)};
}

//! The full law (laminar / blend / Colebrook) with its Re-derivative, Re > 0.
FactorAndSlope factorAndSlope(double reynolds, double relativeRoughness, ColebrookStart& start) {
    const FactorAndSlope laminar{64.0 / reynolds, -64.0 / (reynolds * reynolds)};
    if (reynolds <= kLaminarLimit) {
        return laminar;
    }
    const FactorAndSlope turbulent = colebrook(reynolds, relativeRoughness, start);
    if (reynolds >= kTurbulentLimit) {
        return turbulent;
    }
    const double width = kTurbulentLimit - kLaminarLimit;
    const double xi = (reynolds - kLaminarLimit) / width;
    const double s = xi * xi * (3.0 - 2.0 * xi);
    const double ds = 6.0 * xi * (1.0 - xi) / width;
    return {(1.0 - s) * laminar.factor + s * turbulent.factor,
            (1.0 - s) * laminar.slope + s * turbulent.slope +
                ds * (turbulent.factor - laminar.factor)};
}

//! Geometry constants of Δp = C f ṁ|ṁ| and Re = K |ṁ|.
struct PipeConstants {
    double c = 0; //!< L / (2 ρ A² D) [1/(kg m)], so that C f ṁ² is in Pa
    double k = 0; //!< 4 / (π D μ) [s/kg]
};

PipeConstants pipeConstants(double length_m, double innerDiameter_m, double density_kg_m3,
                            double viscosity_Pa_s) {
    const double area = std::numbers::pi * innerDiameter_m * innerDiameter_m / 4.0;
    return {length_m / (2.0 * density_kg_m3 * area * area * innerDiameter_m),
            4.0 / (std::numbers::pi * innerDiameter_m * viscosity_Pa_s)};
}

} // namespace

double darcyFactor(double reynolds, double relativeRoughness) {
    ColebrookStart cold;
    return darcyFactor(reynolds, relativeRoughness, cold);
}

double darcyFactor(double reynolds, double relativeRoughness, ColebrookStart& start) {
    if (!(reynolds > 0.0)) {
        // The laminar law 64/Re diverges at Re → 0; Δp itself stays finite (see pressureDrop).
        return std::numeric_limits<double>::infinity();
    }
    return factorAndSlope(reynolds, relativeRoughness, start).factor;
}

double swameeJain(double reynolds, double relativeRoughness) {
    const double l = std::log10(relativeRoughness / 3.7 + 5.74 / std::pow(reynolds, 0.9));
    return 0.25 / (l * l);
}

double pressureDrop(double massFlow_kg_s, double length_m, double innerDiameter_m,
                    double roughness_m, double density_kg_m3, double viscosity_Pa_s) {
    ColebrookStart cold;
    return pressureDrop(massFlow_kg_s, length_m, innerDiameter_m, roughness_m, density_kg_m3,
                        viscosity_Pa_s, cold);
}

double pressureDrop(double massFlow_kg_s, double length_m, double innerDiameter_m,
                    double roughness_m, double density_kg_m3, double viscosity_Pa_s,
                    ColebrookStart& start) {
    if (massFlow_kg_s == 0.0) {
        return 0.0;
    }
    const PipeConstants p = pipeConstants(length_m, innerDiameter_m, density_kg_m3, viscosity_Pa_s);
    const double flow = std::abs(massFlow_kg_s);
    const double reynolds = p.k * flow;
    const double f = darcyFactor(reynolds, roughness_m / innerDiameter_m, start);
    // Written as (C f |ṁ|) ṁ so that the sign follows ṁ exactly: Δp(−ṁ) = −Δp(ṁ) bit for bit.
    return p.c * f * flow * massFlow_kg_s;
}

double pressureDropDerivative(double massFlow_kg_s, double length_m, double innerDiameter_m,
                              double roughness_m, double density_kg_m3, double viscosity_Pa_s) {
    ColebrookStart cold;
    return pressureDropDerivative(massFlow_kg_s, length_m, innerDiameter_m, roughness_m,
                                  density_kg_m3, viscosity_Pa_s, cold);
}

double pressureDropDerivative(double massFlow_kg_s, double length_m, double innerDiameter_m,
                              double roughness_m, double density_kg_m3, double viscosity_Pa_s,
                              ColebrookStart& start) {
    const PipeConstants p = pipeConstants(length_m, innerDiameter_m, density_kg_m3, viscosity_Pa_s);
    const double laminarSlope = 64.0 * p.c / p.k;
    const double flow = std::abs(massFlow_kg_s);
    const double reynolds = p.k * flow;
    if (!(reynolds > kLaminarLimit)) {
        return laminarSlope;
    }
    const FactorAndSlope fs = factorAndSlope(reynolds, roughness_m / innerDiameter_m, start);
    const double slope = p.c * flow * (reynolds * fs.slope + 2.0 * fs.factor);
    return std::max(slope, laminarSlope);
}

} // namespace heatnet::friction
