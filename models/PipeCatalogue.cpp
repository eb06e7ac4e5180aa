// Catalogue of pre-insulated single steel pipes, EN 253 sizes DN20…DN600, series 1–3.
//
// Geometry: steel outer diameter × wall thickness per EN 253 / EN 10217; inner diameter
// d_i = d_o − 2 s. Casing (HDPE jacket) outer diameters D_c for series 1/2/3 as in the
// "standard / plus / 2plus" lines of common manufacturer catalogues (see
// docs/models-properties.md for the table and sources).
//
// Heat loss per metre of single buried pipe to the undisturbed ground, steady state:
//   R' = ln(D_c/d_o) / (2π λ_PUR) + ln(4 H / D_c) / (2π λ_soil)       [m K/W]
//   U' = 1 / R'                                                        [W/(m K)]
// with λ_PUR = 0.027 W/(m K) (aged PUR foam), λ_soil = 1.5 W/(m K), H = 0.8 m the depth of the
// pipe axis below the surface. Neglected: the steel wall and the HDPE casing (a few per cent
// of R' together), the neighbouring pipe of the pair, and the surface resistance. The
// ln(4H/D_c) term is the large-depth form of arccosh(2H/D_c); it overestimates the soil
// resistance by ~10 % for the largest casings, where 2H/D_c approaches 1.6.
//
// Installed cost per metre of trench for a supply/return pair, in the linear form of Persson &
// Werner (2011), C = C_1 + C_2 · DN, anchored at 400 EUR/m for DN25 and 2500 EUR/m for DN400
// (order-of-magnitude French/German urban figures, illustrative only), times 1.00/1.05/1.10
// for series 1/2/3 (the thicker casing costs more pipe and a wider trench).
#include "models/PipeCatalogue.h"

#include "solver/Error.h"

#include <array>
#include <cmath>
#include <fmt/format.h>
#include <numbers>

namespace heatnet {
namespace {

//! One row of the bundled table, in millimetres as printed in catalogues.
struct SizeRow {
    int dn;                          //!< nominal diameter [mm]
    double outer_mm;                 //!< steel outer diameter [mm]
    double wall_mm;                  //!< steel wall thickness [mm]
    std::array<double, 3> casing_mm; //!< casing outer diameter, series 1/2/3 [mm]
};

constexpr std::array<SizeRow, 18> kSizes{{
    {20, 26.9, 2.6, {90, 110, 125}},
    {25, 33.7, 3.2, {90, 110, 125}},
    {32, 42.4, 3.2, {110, 125, 140}},
    {40, 48.3, 3.2, {110, 125, 140}},
    {50, 60.3, 3.2, {125, 140, 160}},
    {65, 76.1, 3.2, {140, 160, 180}},
    {80, 88.9, 3.2, {160, 180, 200}},
    {100, 114.3, 3.6, {200, 225, 250}},
    {125, 139.7, 3.6, {225, 250, 280}},
    {150, 168.3, 4.0, {250, 280, 315}},
    {200, 219.1, 4.5, {315, 355, 400}},
    {250, 273.0, 5.0, {400, 450, 500}},
    {300, 323.9, 5.6, {450, 500, 560}},
    {350, 355.6, 5.6, {500, 560, 630}},
    {400, 406.4, 6.3, {560, 630, 710}},
    {450, 457.0, 6.3, {630, 710, 800}},
    {500, 508.0, 6.3, {710, 800, 900}},
    {600, 610.0, 7.1, {800, 900, 1000}},
}};

constexpr double kRoughness_m = 0.05e-3; // used commercial steel, conservative for pumps
constexpr double kPurConductivity_W_mK = 0.027;
constexpr double kSoilConductivity_W_mK = 1.5;
constexpr double kAxisDepth_m = 0.8;
constexpr double kCostIntercept_EUR_m = 260.0; // C_1: 400 EUR/m at DN25 …
constexpr double kCostPerDn_EUR_m_mm = 5.6;    // C_2: … 2500 EUR/m at DN400
constexpr std::array<double, 3> kSeriesCostFactor{1.00, 1.05, 1.10};
constexpr double kSizingDensity_kg_m3 = 975.0;

//! U' [W/(m K)] of a single buried pipe from the formula above.
double heatLossCoefficient(double outerDiameter_m, double casingDiameter_m) {
    const double insulation = std::log(casingDiameter_m / outerDiameter_m) /
                              (2.0 * std::numbers::pi * kPurConductivity_W_mK);
    const double soil = std::log(4.0 * kAxisDepth_m / casingDiameter_m) /
                        (2.0 * std::numbers::pi * kSoilConductivity_W_mK);
    return 1.0 / (insulation + soil);
}

} // namespace

const PipeCatalogue& PipeCatalogue::standard() {
    static const PipeCatalogue catalogue = [] {
        PipeCatalogue c;
        c.m_bySeries.resize(3);
        for (std::size_t s = 0; s < 3; ++s) {
            for (const SizeRow& row : kSizes) {
                CatalogueEntry e;
                e.dn = row.dn;
                e.outerDiameter_m = row.outer_mm * 1e-3;
                e.innerDiameter_m = (row.outer_mm - 2.0 * row.wall_mm) * 1e-3;
                e.casingDiameter_m = row.casing_mm[s] * 1e-3;
                e.roughness_m = kRoughness_m;
                e.heatLossCoeff_W_mK = heatLossCoefficient(e.outerDiameter_m, e.casingDiameter_m);
                e.cost_EUR_m =
                    (kCostIntercept_EUR_m + kCostPerDn_EUR_m_mm * row.dn) * kSeriesCostFactor[s];
                c.m_bySeries[s].push_back(e);
            }
        }
        return c;
    }();
    return catalogue;
}

const CatalogueEntry* PipeCatalogue::find(int dn, InsulationSeries series) const {
    const int index = static_cast<int>(series) - 1;
    if (index < 0 || index >= static_cast<int>(m_bySeries.size())) {
        return nullptr;
    }
    for (const CatalogueEntry& e : m_bySeries[static_cast<std::size_t>(index)]) {
        if (e.dn == dn) {
            return &e;
        }
    }
    return nullptr;
}

std::vector<int> PipeCatalogue::sizes() const {
    std::vector<int> result;
    if (!m_bySeries.empty()) {
        for (const CatalogueEntry& e : m_bySeries.front()) {
            result.push_back(e.dn);
        }
    }
    return result;
}

int PipeCatalogue::smallestFor(double massFlow_kg_s, double maxVelocity_m_s) const {
    // Velocity v = |ṁ| / (ρ π d_i²/4) with ρ = 975 kg/m3 (water near 75 °C); the inner diameter
    // does not depend on the series, so series 1 is searched. Entries are in ascending DN.
    if (!std::isfinite(massFlow_kg_s) || !(maxVelocity_m_s > 0.0) ||
        !std::isfinite(maxVelocity_m_s)) {
        throw InputError(fmt::format("pipe sizing: mass flow {} kg/s and maximum velocity {} m/s "
                                     "must be finite, the velocity positive",
                                     massFlow_kg_s, maxVelocity_m_s));
    }
    const double flow = std::abs(massFlow_kg_s);
    if (!m_bySeries.empty()) {
        for (const CatalogueEntry& e : m_bySeries.front()) {
            const double area = std::numbers::pi * e.innerDiameter_m * e.innerDiameter_m / 4.0;
            if (flow / (kSizingDensity_kg_m3 * area) <= maxVelocity_m_s) {
                return e.dn;
            }
        }
    }
    throw InputError(fmt::format("pipe sizing: no catalogue pipe (largest DN{}) carries {} kg/s at "
                                 "a velocity of at most {} m/s",
                                 m_bySeries.empty() ? 0 : m_bySeries.front().back().dn,
                                 massFlow_kg_s, maxVelocity_m_s));
}

} // namespace heatnet
