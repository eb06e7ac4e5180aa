#pragma once
// Pipe friction: Darcy–Weisbach with the Darcy friction factor from Colebrook–White (turbulent),
// 64/Re (laminar), and a smooth blend in the transition 2000 < Re < 4000.
//   Δp = f(Re, ε/D) · (L/D) · ρ v² / 2,   v = ṁ / (ρ A),   Re = ρ v D / μ
namespace heatnet::friction {

//! The last Colebrook–White root x = 1/√f [-] of one pipe (and layer), kept between hydraulic
//! steps: the next solve starts Newton's method from it, moved along the root curve to the new
//! Re (a second-order predictor in ln Re, no log), instead of from Swamee–Jain (`pow`, `log10`).
//! Flows change little from one step to the next, so one Newton step (one `log`) usually suffices;
//! it stops once the step's quadratic error bound puts x within 1e-12 (relative) of the root, so
//! the factor agrees with a cold solve to about that. When Re and ε/D are those of the kept root (a
//! pipe whose flow and water did not change, or the same pipe asked twice in one solve), the
//! root is reused without a Newton step. inverseRootFactor 0 = no root yet.
struct ColebrookStart {
    double inverseRootFactor = 0; //!< x = 1/√f of the last root [-]
    double reynolds = 0;          //!< Re of that root [-]
    double relativeRoughness = 0; //!< ε/D of that root [-]
};

//! The constants of one pipe's flow law for one water state:
//!   Δp = C f(Re, ε/D) ṁ|ṁ|,   Re = K |ṁ|,   C = L / (2 ρ A² D),   K = 4 / (π D μ).
//! Computing them once per pipe and water state leaves only the friction factor per flow.
struct FlowLaw {
    double resistance = 0;        //!< C [1/(kg m)], so that C f ṁ² is in Pa
    double reynoldsPerFlow = 0;   //!< K [s/kg]
    double relativeRoughness = 0; //!< ε/D [-]
};

//! What a pipe's flow law takes from its geometry alone (kept per pipe by the hydraulic solve,
//! so that a new water state costs only the two divisions by ρ A² D and by π D μ).
struct PipeGeometry {
    double length_m = 0;
    double innerDiameter_m = 0;
    double piDiameter_m = 0;      //!< π D [m]
    double area_m2 = 0;           //!< A = π D² / 4 [m2]
    double relativeRoughness = 0; //!< ε/D [-]
};

//! The geometry of a pipe of length [m], inner diameter [m] and roughness [m].
PipeGeometry pipeGeometry(double length_m, double innerDiameter_m, double roughness_m);

//! The flow law of a pipe of that geometry for water of density [kg/m3] and dynamic viscosity
//! [Pa s]: C = L / (2 ρ A² D), K = 4 / (π D μ).
inline FlowLaw flowLaw(const PipeGeometry& pipe, double density_kg_m3, double viscosity_Pa_s) {
    return {pipe.length_m /
                (2.0 * density_kg_m3 * pipe.area_m2 * pipe.area_m2 * pipe.innerDiameter_m),
            4.0 / (pipe.piDiameter_m * viscosity_Pa_s), pipe.relativeRoughness};
}

//! The flow law of a pipe of length [m], inner diameter [m] and roughness [m] for water of
//! density [kg/m3] and dynamic viscosity [Pa s] (the same figures as through pipeGeometry).
FlowLaw flowLaw(double length_m, double innerDiameter_m, double roughness_m, double density_kg_m3,
                double viscosity_Pa_s);

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
//! The same for a pipe's precomputed flow law (what the hydraulic solve calls).
double pressureDrop(double massFlow_kg_s, const FlowLaw& law, ColebrookStart& start);
//! d(Δp)/dṁ [Pa/(kg/s)] of pressureDrop at ṁ, for Newton's method (central difference on the
//! smooth law is acceptable; never zero: a laminar floor keeps it positive at ṁ = 0).
double pressureDropDerivative(double massFlow_kg_s, double length_m, double innerDiameter_m,
                              double roughness_m, double density_kg_m3, double viscosity_Pa_s);
//! The same, Colebrook–White warm-started from `start` (see ColebrookStart).
double pressureDropDerivative(double massFlow_kg_s, double length_m, double innerDiameter_m,
                              double roughness_m, double density_kg_m3, double viscosity_Pa_s,
                              ColebrookStart& start);
//! The same for a pipe's precomputed flow law.
double pressureDropDerivative(double massFlow_kg_s, const FlowLaw& law, ColebrookStart& start);

} // namespace heatnet::friction
