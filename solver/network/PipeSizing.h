#pragma once
// Automatic pipe sizing (`dn: auto`). Each such pipe gets the smallest catalogue DN whose
// design-hour flow keeps both
//   the pressure gradient  Δp/L = f(Re, ε/D) · ρ v² / (2 D) ≤ max_pressure_gradient  [Pa/m]
//   and the velocity       v = |ṁ| / (ρ π D² / 4)          ≤ max_velocity           [m/s]
// (Darcy–Weisbach, models/Friction.h; the gradient at the colder of the design supply and mean
// design return temperatures, the velocity at the hotter: both layers carry the flow).
// The design hour is the simulated hour with the largest total heat demand; each substation then
// draws the flow its own law gives at its design supply temperature (models/Substation.h), and
// the network's hydraulics (solver/network/Hydraulics.h) distribute it. In a tree the flows do not
// depend on the diameters; in a meshed network they do, so sizing and hydraulics alternate until no
// DN changes (at most kMaxSizingPasses passes).
#include "solver/input/Scenario.h"

#include <string>
#include <vector>

namespace heatnet {

//! What the sizing found for one pipe at the design hour.
struct PipeSizingResult {
    std::size_t pipe = 0;             //!< index into Scenario::pipes
    int dn = 0;                       //!< chosen DN (0 if none fits)
    double designFlow_kg_s = 0;       //!< |ṁ| at the design hour
    double pressureGradient_Pa_m = 0; //!< at the chosen DN (the larger of the two layers)
    double velocity_m_s = 0;          //!< at the chosen DN (supply layer)
};

//! The design-hour figures of a pipe of diameter `innerDiameter_m`, roughness `roughness_m`
//! carrying `massFlow_kg_s` of water at `temperature_K`: {pressure gradient [Pa/m], velocity
//! [m/s]}.
std::pair<double, double> designHourLoad(double massFlow_kg_s, double innerDiameter_m,
                                         double roughness_m, double temperature_K);

//! Sizes every pipe with `autoSize` in place (DN, diameter, roughness, U', cost from the catalogue
//! unless given explicitly) and returns one result per sized pipe. Throws InputError (naming the
//! pipe, its flow and the limits) when even the largest DN breaks a limit.
std::vector<PipeSizingResult> sizePipes(Scenario& scenario);

//! Gives each pipe of `results` its chosen DN's catalogue values (diameter, and roughness, U' and
//! cost unless given explicitly), exactly as sizePipes leaves it: for reusing the sizing of a
//! scenario whose sizing inputs are the same (a sweep's memo, solver/sweep/SweepReader.cpp).
void applySizing(Scenario& scenario, const std::vector<PipeSizingResult>& results);

//! The hour [s from the start] with the largest total demand of `scenario` (hourly search).
double designHour(const Scenario& scenario);

} // namespace heatnet
