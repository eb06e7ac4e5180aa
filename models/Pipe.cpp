#include "models/Pipe.h"

#include "models/TurbulentPipeFlow.h"
#include "models/Water.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace heatnet {

namespace {

double prandtl(double temperature_K) {
    return water::dynamicViscosity(temperature_K) * water::specificHeat(temperature_K) /
           water::thermalConductivity(temperature_K);
}

//! Gnielinski's property correction for liquids, (Pr_bulk / Pr_wall)^0.11 (VDI Heat Atlas G1).
double prandtlCorrection(double bulk_K, double wall_K) {
    return std::pow(prandtl(bulk_K) / prandtl(wall_K), 0.11);
}

} // namespace

AdvectionScheme advectionSchemeFromName(std::string_view name) {
    if (name == "upwind") {
        return AdvectionScheme::Upwind;
    }
    if (name == "muscl") {
        return AdvectionScheme::Muscl;
    }
    if (name == "koren") {
        return AdvectionScheme::Koren;
    }
    if (name == "superbee") {
        return AdvectionScheme::Superbee;
    }
    throw std::invalid_argument("unknown advection scheme '" + std::string(name) + "'");
}

PipeModel::PipeModel(const PipeGeometry& geometry, double density_kg_m3, double specificHeat_J_kgK,
                     AdvectionScheme scheme)
    : m_geometry(geometry), m_density(density_kg_m3), m_specificHeat(specificHeat_J_kgK),
      m_scheme(scheme) {
    m_geometry.cells = std::max(1, m_geometry.cells);
    m_area = std::numbers::pi / 4 * geometry.innerDiameter_m * geometry.innerDiameter_m;
    m_cellLength = geometry.length_m / m_geometry.cells;
    m_cellCapacity = m_density * m_specificHeat * m_area * m_cellLength;
    m_wallCellCapacity = geometry.wallHeatCapacity_J_mK * m_cellLength;
    m_lossConductance = geometry.heatLossCoeff_W_mK * m_cellLength;
}

double PipeModel::wallConductance(double massFlow_kg_s, double temperature_K) const {
    const double d = m_geometry.innerDiameter_m;
    double h = m_geometry.innerHeatTransfer_W_m2K;
    if (h <= 0) {
        // Gnielinski (turbulent, Re > 3000) blended into laminar Nu = 3.66.
        const double mu = water::dynamicViscosity(temperature_K);
        const double k = water::thermalConductivity(temperature_K);
        const double prandtl = mu * water::specificHeat(temperature_K) / k;
        const double reynolds = std::abs(massFlow_kg_s) * d / (m_area * mu);
        double nusselt = 3.66;
        if (reynolds > 2300) {
            const double re = std::max(reynolds, 3000.0);
            const double f = smoothFriction(re);
            const double turbulent =
                (f / 8) * (re - 1000) * prandtl /
                (1 + 12.7 * std::sqrt(f / 8) * (std::pow(prandtl, 2.0 / 3) - 1));
            const double w = std::clamp((reynolds - 2300) / 700, 0.0, 1.0);
            nusselt = (1 - w) * 3.66 + w * turbulent;
        }
        h = nusselt * k / d;
    }
    return h * std::numbers::pi * d * m_cellLength;
}

void PipeModel::cellWallConductances(double massFlow_kg_s, std::span<const double> states,
                                     std::span<double> conductance_W_K) const {
    const int n = m_geometry.cells;
    const bool localFilm = m_geometry.innerHeatTransfer_W_m2K <= 0;
    for (int i = 0; i < n; ++i) {
        conductance_W_K[i] = localFilm ? wallConductance(massFlow_kg_s, states[i]) *
                                             prandtlCorrection(states[i], states[n + i])
                                       : wallConductance(massFlow_kg_s, states[i]);
    }
}

double PipeModel::outletTemperature(std::span<const double> states, double massFlow_kg_s) const {
    return massFlow_kg_s >= 0 ? states[m_geometry.cells - 1] : states[0];
}

namespace {

//! Limited slope Δx ∂T/∂x of a cell from its backward (b) and forward (f) differences, for the
//! face value T + slope / 2. Zero at extrema (b f ≤ 0).
inline double limitedSlope(AdvectionScheme scheme, double b, double f) {
    if (b * f <= 0) {
        return 0.0;
    }
    const double sign = b > 0 ? 1.0 : -1.0;
    const double ab = std::abs(b), af = std::abs(f);
    switch (scheme) {
    case AdvectionScheme::Muscl: // van Leer
        return 2 * b * f / (b + f);
    case AdvectionScheme::Koren: // κ = 1/3: slope (b + 2f)/3, limited to [0, 2b] and [0, 2f]
        return sign * std::min({2 * ab, (ab + 2 * af) / 3, 2 * af});
    case AdvectionScheme::Superbee:
        return sign * std::max(std::min(2 * ab, af), std::min(ab, 2 * af));
    case AdvectionScheme::Upwind:
        break;
    }
    return 0.0;
}

} // namespace

double PipeModel::faceValue(double upstream, double centre, double downstream) const {
    return centre + 0.5 * limitedSlope(m_scheme, centre - upstream, downstream - centre);
}

double PipeModel::rhs(const PipeConditions& c, std::span<const double> states,
                      std::span<double> derivatives) const {
    const int n = m_geometry.cells;
    const bool forward = c.massFlow_kg_s >= 0;
    const double flowCapacityRate = std::abs(c.massFlow_kg_s) * m_specificHeat; // [W/K]
    // Cell k in the flow's order.
    auto index = [&](int k) { return forward ? k : n - 1 - k; };
    auto temperature = [&](int k) { return states[index(k)]; };
    const bool limited = m_scheme != AdvectionScheme::Upwind;

    // Face temperature leaving cell k (in flow order); the first inflow face is the inlet.
    double inflowFace = c.inletTemperature_K;
    for (int k = 0; k < n; ++k) {
        const double tk = temperature(k);
        double outflowFace = tk;
        if (limited && k + 1 < n) {
            // Ghost value upstream of the first cell: linear through the inlet face.
            const double upstream = k > 0 ? temperature(k - 1) : 2 * c.inletTemperature_K - tk;
            outflowFace = faceValue(upstream, tk, temperature(k + 1));
        }
        derivatives[index(k)] = flowCapacityRate * (inflowFace - outflowFace);
        inflowFace = outflowFace;
    }
    if (limited && n > 1 && c.massFlow_kg_s != 0) {
        // Turbulent axial dispersion (Taylor 1954): D = 10.1 a u*, u* = u sqrt(f/8), between
        // neighbouring cells (no dispersive flux through the pipe ends). Not with upwind, whose
        // numerical diffusion v Δx / 2 is already hundreds of times larger.
        const double d = m_geometry.innerDiameter_m;
        const double u = std::abs(c.massFlow_kg_s) / (m_density * m_area);
        for (int i = 0; i + 1 < n; ++i) {
            // Viscosity at the face's mean temperature (keeps the coupling to the neighbours).
            const double mu = water::dynamicViscosity(0.5 * (states[i] + states[i + 1]));
            const double reynolds = std::abs(c.massFlow_kg_s) * d / (m_area * mu);
            if (reynolds > 2300) {
                const double dispersion = taylorDispersion(u, d, reynolds);
                const double q = m_density * m_specificHeat * m_area * dispersion / m_cellLength *
                                 (states[i] - states[i + 1]);
                derivatives[i] -= q;
                derivatives[i + 1] += q;
            }
        }
    }
    double loss = 0;
    if (hasWall()) {
        const bool localFilm = m_geometry.innerHeatTransfer_W_m2K <= 0;
        const bool given = c.cellWallConductance_W_K.size() == static_cast<std::size_t>(n);
        for (int i = 0; i < n; ++i) {
            const double g = given       ? c.cellWallConductance_W_K[i]
                             : localFilm ? wallConductance(c.massFlow_kg_s, states[i]) *
                                               prandtlCorrection(states[i], states[n + i])
                                         : c.wallConductance_W_K;
            const double toWall = g * (states[i] - states[n + i]);
            const double toGround = m_lossConductance * (states[n + i] - c.groundTemperature_K);
            derivatives[i] = (derivatives[i] - toWall) / m_cellCapacity;
            derivatives[n + i] = (toWall - toGround) / m_wallCellCapacity;
            loss += toGround;
        }
    } else {
        for (int i = 0; i < n; ++i) {
            const double toGround = m_lossConductance * (states[i] - c.groundTemperature_K);
            derivatives[i] = (derivatives[i] - toGround) / m_cellCapacity;
            loss += toGround;
        }
    }
    return loss;
}

double PipeModel::transitTime(double massFlow_kg_s) const {
    if (massFlow_kg_s == 0) {
        return INFINITY;
    }
    return m_density * m_area * m_geometry.length_m / std::abs(massFlow_kg_s);
}

} // namespace heatnet
