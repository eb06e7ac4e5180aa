// Pipe friction (Darcy–Weisbach).
//
//   Δp = f(Re, ε/D) · (L/D) · ρ v |v| / 2 = f · L · ṁ|ṁ| / (2 ρ A² D)        [Pa]
//   v = ṁ / (ρ A),  A = π D² / 4,  Re = |ṁ| D / (A μ) = 4 |ṁ| / (π D μ)      [-]
//
// Darcy friction factor f [-]:
//   laminar,    Re ≤ 2000:  f = 64 / Re (Hagen–Poiseuille: Δp = 128 μ L ṁ / (π ρ D⁴))
//   turbulent,  Re ≥ 4000:  Colebrook–White, 1/√f = −2 log10(ε/(3.7 D) + 2.51/(Re √f)),
//                           solved for x = 1/√f by Newton's method to 1e-12 relative (stopped
//                           after a step whose quadratic error bound is below that), started
//                           from Swamee–Jain or from the pipe's previous root moved to the new Re
//                           by a second-order predictor in ln Re (ColebrookStart),
//                           with 2 log10(y) evaluated as (2/ln 10) ln(y): glibc's `log` costs
//                           about a sixth of its `log10` and agrees with it to round-off
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
// Newton stops after a step s with s² ≤ kTolerance · x³. With e ≈ s the error before the step,
// the error after it is |g''(ξ)| e² / (2 g') ≤ (k/2) e² / x² (g' ≥ 1, |g''| = k b²/(a+bx)² ≤
// k/x², k = 2/ln 10), so ≤ (k/2) kTolerance · x ≈ 0.43 kTolerance · x: the root to kTolerance
// (relative) without the extra iteration (one log) that would only confirm it.
constexpr int kMaxIterations = 100;
//! 2 / ln 10: 2 log10(y) = kTwoOverLn10 · ln(y).
constexpr double kTwoOverLn10 = 2.0 / std::numbers::ln10;
//! The kept root is moved along the root curve (predictor) for Re within this ratio of its own.
constexpr double kPredictorRange = 0.5; //!< bound on |z| = |Re − Re₀| / (Re + Re₀) [-]

//! Friction factor and its derivative with respect to Re.
struct FactorAndSlope {
    double factor = 0; //!< f [-]
    double slope = 0;  //!< df/dRe [-] (only when asked for)
};

//! Colebrook–White root x = 1/√f for Re > 0 (the equation has a root for every Re > 0), from
//! the pipe's kept root (reused as it is when Re and ε/D are the kept ones), else Swamee–Jain.
double colebrookRoot(double reynolds, double relativeRoughness, ColebrookStart& start) {
    const double a = relativeRoughness / 3.7;
    const double b = 2.51 / reynolds;
    // g(x) = x + 2 log10(a + b x) = 0. Start from the pipe's last root x₀ at Re₀, moved along
    // the root curve to second order in L = ln Re, with k = 2/ln 10, w = b x/(a + b x):
    //   dx/dL = k w x / (x + k w),   dw/dL = w (1 − w) (x'/x − 1),
    //   d²x/dL² = (k x² w' + k² w² x') / (x + k w)²
    // (implicit differentiation, no log needed; ln(Re/Re₀) = 2 atanh z by its series to z⁷).
    // Its error, 3e-4 |ΔL|³ (smooth) to 1e-2 |ΔL|³ (rough pipes), lets one Newton step reach the
    // tolerance for Re changes up to 10–40 %. Otherwise start from Swamee–Jain (within a few per
    // cent: 2–4 steps). g is increasing and concave in x: after the first step Newton approaches
    // the root monotonically from below.
    double x;
    if (start.inverseRootFactor > 0.0 && start.relativeRoughness == relativeRoughness) {
        x = start.inverseRootFactor;
        if (start.reynolds == reynolds) {
            return x; // the kept root itself
        }
        const double z = (reynolds - start.reynolds) / (reynolds + start.reynolds);
        if (std::abs(z) <= kPredictorRange) {
            const double w = 2.51 * x / (start.reynolds * a + 2.51 * x);
            const double kw = kTwoOverLn10 * w;
            const double denominator = x + kw;
            const double dxdL = kw * x / denominator;
            const double dwdL = w * (1.0 - w) * (dxdL / x - 1.0);
            const double d2xdL2 =
                (kTwoOverLn10 * x * x * dwdL + kw * kw * dxdL) / (denominator * denominator);
            const double z2 = z * z;
            const double dL = 2.0 * z * (1.0 + z2 * (1.0 / 3.0 + z2 * (1.0 / 5.0 + z2 / 7.0)));
            x += dL * (dxdL + 0.5 * dL * d2xdL2);
        }
    } else {
        x = 1.0 / std::sqrt(swameeJain(reynolds, relativeRoughness));
    }
    for (int i = 0; i < kMaxIterations; ++i) {
        const double argument = a + b * x;
        const double g = x + kTwoOverLn10 * std::log(argument);
        const double dg = 1.0 + kTwoOverLn10 * b / argument;
        const double step = g / dg;
        x -= step;
        if (step * step <= kTolerance * x * x * x) {
            break;
        }
    }
    start = {x, reynolds, relativeRoughness};
    return x;
}

//! Colebrook–White: f, and with WithSlope df/dRe, for Re > 0.
template <bool WithSlope>
FactorAndSlope colebrook(double reynolds, double relativeRoughness, ColebrookStart& start) {
    const double x = colebrookRoot(reynolds, relativeRoughness, start);
    if constexpr (!WithSlope) {
        return {1.0 / (x * x), 0.0};
    }
    // Implicit differentiation: dx/dRe = −(∂g/∂Re)/(∂g/∂x), ∂g/∂Re = −2 b x / (Re (a+bx) ln10).
    const double b = 2.51 / reynolds;
    const double argument = relativeRoughness / 3.7 + b * x;
    const double dgdx = 1.0 + kTwoOverLn10 * b / argument;
    const double dgdRe = -kTwoOverLn10 * b * x / (reynolds * argument);
    const double dxdRe = -dgdRe / dgdx;
    return {1.0 / (x * x), -2.0 * dxdRe / (x * x * x)};
}

//! The full law (laminar / blend / Colebrook), with WithSlope its Re-derivative, Re > 0.
template <bool WithSlope>
FactorAndSlope factorAndSlope(double reynolds, double relativeRoughness, ColebrookStart& start) {
    const FactorAndSlope laminar{64.0 / reynolds, WithSlope ? -64.0 / (reynolds * reynolds) : 0.0};
    if (reynolds <= kLaminarLimit) {
        return laminar;
    }
    const FactorAndSlope turbulent = colebrook<WithSlope>(reynolds, relativeRoughness, start);
    if (reynolds >= kTurbulentLimit) {
        return turbulent;
    }
    const double width = kTurbulentLimit - kLaminarLimit;
    const double xi = (reynolds - kLaminarLimit) / width;
    const double s = xi * xi * (3.0 - 2.0 * xi);
    const double factor = (1.0 - s) * laminar.factor + s * turbulent.factor;
    if constexpr (!WithSlope) {
        return {factor, 0.0};
    }
    const double ds = 6.0 * xi * (1.0 - xi) / width;
    return {factor, (1.0 - s) * laminar.slope + s * turbulent.slope +
                        ds * (turbulent.factor - laminar.factor)};
}

} // namespace

PipeGeometry pipeGeometry(double length_m, double innerDiameter_m, double roughness_m) {
    const double piDiameter = std::numbers::pi * innerDiameter_m;
    return {length_m, innerDiameter_m, piDiameter, piDiameter * innerDiameter_m / 4.0,
            roughness_m / innerDiameter_m};
}

FlowLaw flowLaw(double length_m, double innerDiameter_m, double roughness_m, double density_kg_m3,
                double viscosity_Pa_s) {
    return flowLaw(pipeGeometry(length_m, innerDiameter_m, roughness_m), density_kg_m3,
                   viscosity_Pa_s);
}

double darcyFactor(double reynolds, double relativeRoughness) {
    ColebrookStart cold;
    return darcyFactor(reynolds, relativeRoughness, cold);
}

double darcyFactor(double reynolds, double relativeRoughness, ColebrookStart& start) {
    if (!(reynolds > 0.0)) {
        // The laminar law 64/Re diverges at Re → 0; Δp itself stays finite (see pressureDrop).
        return std::numeric_limits<double>::infinity();
    }
    return factorAndSlope<false>(reynolds, relativeRoughness, start).factor;
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
    return pressureDrop(
        massFlow_kg_s,
        flowLaw(length_m, innerDiameter_m, roughness_m, density_kg_m3, viscosity_Pa_s), start);
}

double pressureDrop(double massFlow_kg_s, const FlowLaw& law, ColebrookStart& start) {
    if (massFlow_kg_s == 0.0) {
        return 0.0;
    }
    const double flow = std::abs(massFlow_kg_s);
    const double f = darcyFactor(law.reynoldsPerFlow * flow, law.relativeRoughness, start);
    // Written as (C f |ṁ|) ṁ so that the sign follows ṁ exactly: Δp(−ṁ) = −Δp(ṁ) bit for bit.
    return law.resistance * f * flow * massFlow_kg_s;
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
    return pressureDropDerivative(
        massFlow_kg_s,
        flowLaw(length_m, innerDiameter_m, roughness_m, density_kg_m3, viscosity_Pa_s), start);
}

double pressureDropDerivative(double massFlow_kg_s, const FlowLaw& law, ColebrookStart& start) {
    const double laminarSlope = 64.0 * law.resistance / law.reynoldsPerFlow;
    const double flow = std::abs(massFlow_kg_s);
    const double reynolds = law.reynoldsPerFlow * flow;
    if (!(reynolds > kLaminarLimit)) {
        return laminarSlope;
    }
    const FactorAndSlope fs = factorAndSlope<true>(reynolds, law.relativeRoughness, start);
    const double slope = law.resistance * flow * (reynolds * fs.slope + 2.0 * fs.factor);
    return std::max(slope, laminarSlope);
}

} // namespace heatnet::friction
