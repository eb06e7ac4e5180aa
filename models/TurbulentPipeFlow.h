#pragma once
// Correlations of turbulent flow in a straight pipe shared by the pipe models (models/Pipe.h,
// models/PlugFlowPipe.h): one place for each.
//   Filonenko's Darcy friction factor of a smooth pipe (as in Gnielinski's correlation):
//     f = (0.79 ln Re − 1.64)^−2 [-] (Re clamped at 3000 from below);
//   Taylor's (1954) turbulent axial dispersion coefficient:
//     D = 10.1 (d/2) u sqrt(f/8) [m²/s] for Re > 2300, 0 below (laminar Taylor–Aris dispersion
//     needs transit times far beyond those of a district-heating pipe and is not modelled).

namespace heatnet {

//! Darcy friction factor of a smooth pipe at a Reynolds number (Filonenko) [-].
double smoothFriction(double reynolds);

//! Taylor's turbulent axial dispersion coefficient [m²/s] at mean velocity `velocity_m_s`
//! (sign ignored) in a pipe of inner diameter `innerDiameter_m`; 0 for Re ≤ 2300.
double taylorDispersion(double velocity_m_s, double innerDiameter_m, double reynolds);

} // namespace heatnet
