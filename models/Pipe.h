#pragma once
// A pre-insulated pipe discretised into N finite volumes along its length (one supply or return
// pipe). For cell i of length Δx, with constant ρ c_p (the thermal model is linear in T):
//   C_i dT_i/dt = ṁ c_p (T_{i-1/2} − T_{i+1/2}) − G_i (T_i − T_w,i)           water
//   C_w dT_w,i/dt = G_i (T_i − T_w,i) − U'Δx (T_w,i − T_ground)              steel wall
// with C_i = ρ c_p A Δx [J/K], G_i = h_i π d Δx [W/K], C_w the wall capacity [J/K]. U' is the
// whole resistance from the steel wall to the ground or air (insulation, casing, soil or outer
// film); the water-side film is G_i. With a fixed h (PipeGeometry::innerHeatTransfer_W_m2K) G_i
// is the G of PipeConditions; otherwise h_i is Gnielinski's at the cell's own water temperature
// and the flow, with the liquid correction (Pr/Pr_wall)^0.11 at the cell's wall temperature (the
// viscosity of water halves from 15 to 55 °C, so at a front the cold and the hot cells exchange
// heat with their wall at different rates).
// Limited schemes add the turbulent axial dispersion of Taylor (1954), D = 10.1 (d/2) v sqrt(f/8),
// as a conduction ρ c_p A D / Δx between neighbouring cells (Re > 2300; upwind's numerical
// diffusion v Δx / 2 is already hundreds of times larger, so it is not added there).
// Without a wall the water loses U'Δx (T_i − T_ground) directly.
// Face temperatures T_{i+1/2}: upwind (first order); MUSCL with the van Leer limiter (second
// order); Koren: the κ = 1/3 upwind-biased reconstruction (third order where smooth) with Koren's
// limiter; Superbee: MUSCL with Roe's superbee limiter (compressive). All limited schemes are TVD
// (no new extrema). At the inlet the upstream ghost value is the linear extrapolation
// 2 T_in − T_0 through the inlet face. The face at the outlet is the last cell's value (first
// order): without downstream data no bounded higher-order outflow value exists, so the outlet is
// the water at L − Δx/2 (a lead of Δx/(2v); docs/validation.md).
// Flow reversal: the same equations with the cells read in the flow's direction.
#include <span>
#include <string>
#include <string_view>

namespace heatnet {

//! Face reconstruction scheme.
enum class AdvectionScheme { Upwind, Muscl, Koren, Superbee };

//! The scheme of an `advection:` value ("upwind", "muscl", "koren", "superbee"); throws
//! std::invalid_argument otherwise.
AdvectionScheme advectionSchemeFromName(std::string_view name);

//! Geometry and discretisation of one pipe, SI.
struct PipeGeometry {
    double length_m = 0;
    double innerDiameter_m = 0;
    double heatLossCoeff_W_mK = 0;      //!< U' [W/(m K)] water (or wall) to ground
    double wallHeatCapacity_J_mK = 0;   //!< steel wall [J/(m K)]; 0 = no wall states
    double innerHeatTransfer_W_m2K = 0; //!< fixed h; 0 = Gnielinski from the flow
    int cells = 1;
};

//! The conditions of one pipe during a hydraulic step, SI.
struct PipeConditions {
    double massFlow_kg_s = 0;      //!< + in the pipe's own direction (first cell → last)
    double inletTemperature_K = 0; //!< temperature of the water entering (upstream node)
    double groundTemperature_K = 283.15;
    double wallConductance_W_K = 0; //!< G per cell, used with a fixed h only (see above)
    //! Water-to-wall conductance of each cell [W/K] when the caller holds them (evaluated at a
    //! hydraulic node and interpolated); empty: computed here from each cell's temperatures.
    std::span<const double> cellWallConductance_W_K;
};

//! One discretised pipe: stateless, evaluates its cells' derivatives.
class PipeModel {
public:
    PipeModel(const PipeGeometry& geometry, double density_kg_m3, double specificHeat_J_kgK,
              AdvectionScheme scheme);
    int cells() const { return m_geometry.cells; }
    bool hasWall() const { return m_geometry.wallHeatCapacity_J_mK > 0; }
    //! States per pipe: cells (+ cells wall temperatures).
    int stateCount() const { return hasWall() ? 2 * cells() : cells(); }
    //! Heat capacity of one water cell [J/K] and of one wall cell [J/K].
    double cellCapacity() const { return m_cellCapacity; }
    double wallCellCapacity() const { return m_wallCellCapacity; }
    //! Water-to-wall conductance per cell [W/K] at a mass flow and a water temperature.
    double wallConductance(double massFlow_kg_s, double temperature_K) const;
    //! The water-to-wall conductance of every cell [W/K] at a mass flow and the states (water
    //! and wall temperatures), as rhs() computes it when none is given.
    void cellWallConductances(double massFlow_kg_s, std::span<const double> states,
                              std::span<double> conductance_W_K) const;
    //! Temperature of the water leaving the pipe at its downstream end for this flow sign [K].
    double outletTemperature(std::span<const double> states, double massFlow_kg_s) const;
    //! Derivatives of the states; returns the heat lost to the ground [W].
    double rhs(const PipeConditions& conditions, std::span<const double> states,
               std::span<double> derivatives) const;
    //! Transit time of the water at a mass flow [s].
    double transitTime(double massFlow_kg_s) const;
    AdvectionScheme scheme() const { return m_scheme; }

private:
    PipeGeometry m_geometry;
    double m_density = 0, m_specificHeat = 0;
    AdvectionScheme m_scheme;
    double m_area = 0, m_cellLength = 0;
    double m_cellCapacity = 0, m_wallCellCapacity = 0, m_lossConductance = 0;
    double faceValue(double upstream, double centre, double downstream) const;
};

} // namespace heatnet
