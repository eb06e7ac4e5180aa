#pragma once
// Pipe friction: Darcy–Weisbach with the Darcy friction factor from Colebrook–White (turbulent),
// 64/Re (laminar), and a smooth blend in the transition 2000 < Re < 4000.
//   Δp = f(Re, ε/D) · (L/D) · ρ v² / 2,   v = ṁ / (ρ A),   Re = ρ v D / μ
namespace heatnet::friction {

//! The last Colebrook–White root x = 1/√f [-] of one pipe (and layer), kept between hydraulic
//! steps: the next solve starts Newton's method from it instead of from Swamee–Jain. Flows change
//! little from one step to the next, so Newton then needs about one iteration fewer and no
//! Swamee–Jain (`pow`, `log10`); it stops once a step is below 1e-6 relative, which its quadratic
//! error bound puts within 1e-12 of the root, so the factor agrees with a cold solve to about
//! that. 0 = no root yet.
struct ColebrookStart {
    double inverseRootFactor = 0;
};

//! Darcy friction factor [-] for Reynolds number `reynolds` [-] and relative roughness ε/D [-].
//! Colebrook–White solved by Newton iteration to 1e-12 relative; laminar 64/Re.
double darcyFactor(double reynolds, double relativeRoughness);
//! The same, Newton started from (and `start` updated to) the pipe's last root.
double darcyFactor(double reynolds, double relativeRoughness, ColebrookStart& start);
//! Swamee–Jain explicit approximation of Colebrook–White (turbulent only) [-].
double swameeJain(double reynolds, double relativeRoughness);

//! Pressure drop [Pa] along a pipe for mass flow ṁ [kg/s] (sign follows ṁ), length [m], inner
//! diameter [m], roughness [m], density [kg/m3], dynamic viscosity [Pa s].
double pressureDrop(double massFlow_kg_s, double length_m, double innerDiameter_m,
                    double roughness_m, double density_kg_m3, double viscosity_Pa_s);
//! The same, Colebrook–White warm-started from `start` (see ColebrookStart).
double pressureDrop(double massFlow_kg_s, double length_m, double innerDiameter_m,
                    double roughness_m, double density_kg_m3, double viscosity_Pa_s,
                    ColebrookStart& start);
//! d(Δp)/dṁ [Pa/(kg/s)] of pressureDrop at ṁ, for Newton's method (central difference on the
//! smooth law is acceptable; never zero: a laminar floor keeps it positive at ṁ = 0).
double pressureDropDerivative(double massFlow_kg_s, double length_m, double innerDiameter_m,
                              double roughness_m, double density_kg_m3, double viscosity_Pa_s);
//! The same, Colebrook–White warm-started from `start` (see ColebrookStart).
double pressureDropDerivative(double massFlow_kg_s, double length_m, double innerDiameter_m,
                              double roughness_m, double density_kg_m3, double viscosity_Pa_s,
                              ColebrookStart& start);

} // namespace heatnet::friction
