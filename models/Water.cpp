// Properties of liquid water, 0–150 °C.
//
// Each property is a least-squares polynomial in τ = θ / 100, θ the temperature in °C, fitted
// to 16 IAPWS values (θ = 0, 10, …, 150 °C; saturated liquid, which differs from liquid at
// 3–10 bar by less than 0.05 % in these properties). Table and fit residuals:
// docs/models-properties.md.
//   ρ(τ)   = Σ a_i τ^i, i = 0…4          [kg/m3]     max. residual 0.009 %
//   c_p(τ) = Σ b_i τ^i, i = 0…6          [J/(kg K)]  max. residual 0.007 %
//   μ(τ)   = 1e-6 · exp(Σ c_i τ^i), 0…5  [Pa s]      max. residual 0.14 %
//   λ(τ)   = Σ d_i τ^i, i = 0…4          [W/(m K)]   max. residual 0.08 %
// Outside 0–150 °C the argument is clamped to the range: a polynomial extrapolates badly, and
// a solver that overshoots for one iterate should see bounded, smooth-enough properties.
#include "models/Water.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>

namespace heatnet::water {
namespace {

constexpr double kCelsiusOffset_K = 273.15;
constexpr double kMinTemperature_C = 0.0;
constexpr double kMaxTemperature_C = 150.0;

constexpr std::array<double, 5> kDensity{999.91463937, 3.31025142574, -66.0504171541, 27.4476289335,
                                         -6.30849330464};
constexpr std::array<double, 7> kSpecificHeat{4219.81695116,  -327.115312389, 1002.02702311,
                                              -1545.60471368, 1367.84651708,  -612.516442262,
                                              111.18417795};
constexpr std::array<double, 6> kLogViscosity_uPa_s{
    7.48988071773, -3.41430251918, 2.97661432618, -2.27199468787, 1.07335115661, -0.213256934553};
constexpr std::array<double, 5> kConductivity{0.560621652609, 0.205532707959, -0.0665695897546,
                                              -0.0386551063782, 0.0185266538094};

//! τ = θ/100 with θ in °C clamped to the fitted range [-].
double reducedTemperature(double temperature_K) {
    const double celsius =
        std::clamp(temperature_K - kCelsiusOffset_K, kMinTemperature_C, kMaxTemperature_C);
    return celsius / 100.0;
}

//! Horner evaluation of Σ c_i x^i.
template <std::size_t N> double polynomial(const std::array<double, N>& c, double x) {
    double sum = 0.0;
    for (std::size_t i = N; i-- > 0;) {
        sum = sum * x + c[i];
    }
    return sum;
}

//! ρ(τ) [kg/m3] and μ(τ) [Pa s] at the reduced temperature τ.
double densityAt(double tau) {
    return polynomial(kDensity, tau);
}
double viscosityAt(double tau) {
    return 1e-6 * std::exp(polynomial(kLogViscosity_uPa_s, tau));
}

} // namespace

double density(double temperature_K) {
    return densityAt(reducedTemperature(temperature_K));
}

HydraulicProperties hydraulicProperties(double temperature_K) {
    const double tau = reducedTemperature(temperature_K);
    return {densityAt(tau), viscosityAt(tau)};
}

double specificHeat(double temperature_K) {
    return polynomial(kSpecificHeat, reducedTemperature(temperature_K));
}

double dynamicViscosity(double temperature_K) {
    return viscosityAt(reducedTemperature(temperature_K));
}

double thermalConductivity(double temperature_K) {
    return polynomial(kConductivity, reducedTemperature(temperature_K));
}

} // namespace heatnet::water

namespace heatnet::water {

double saturationPressure(double temperature_K) {
    // IAPWS-IF97, region 4 (saturation line), Eq. 29b/30: with θ = T + n9 / (T − n10),
    //   A = θ² + n1 θ + n2,  B = n3 θ² + n4 θ + n5,  C = n6 θ² + n7 θ + n8,
    //   p_sat = [2C / (−B + √(B² − 4AC))]⁴  [MPa].
    constexpr std::array<double, 10> n{
        0.11670521452767e4,  -0.72421316703206e6, -0.17073846940092e2, 0.12020824702470e5,
        -0.32325550322333e7, 0.14915108613530e2,  -0.48232657361591e4, 0.40511340542057e6,
        -0.23855557567849,   0.65017534844798e3};
    const double t = std::clamp(temperature_K, 273.15, 647.096);
    const double theta = t + n[8] / (t - n[9]);
    const double a = theta * theta + n[0] * theta + n[1];
    const double b = n[2] * theta * theta + n[3] * theta + n[4];
    const double c = n[5] * theta * theta + n[6] * theta + n[7];
    const double root = 2 * c / (-b + std::sqrt(b * b - 4 * a * c));
    return 1e6 * root * root * root * root;
}

} // namespace heatnet::water
