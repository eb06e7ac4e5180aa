#pragma once
// Properties of liquid water at district-heating conditions (0–150 °C, a few bar), as smooth
// fits of IAPWS-IF97 values. Inputs in kelvin, outputs in SI.
namespace heatnet::water {

//! Density ρ(T) [kg/m3].
double density(double temperature_K);
//! Density [kg/m3] and dynamic viscosity [Pa s] at one temperature: what the hydraulic solve
//! needs of each pipe's water. Bit for bit density(T) and dynamicViscosity(T), with one clamp.
struct HydraulicProperties {
    double density_kg_m3 = 0;
    double viscosity_Pa_s = 0;
};
HydraulicProperties hydraulicProperties(double temperature_K);
//! Isobaric specific heat capacity c_p(T) [J/(kg K)].
double specificHeat(double temperature_K);
//! Dynamic viscosity μ(T) [Pa s].
double dynamicViscosity(double temperature_K);
//! Thermal conductivity λ(T) [W/(m K)].
double thermalConductivity(double temperature_K);
//! Saturation (boiling) pressure p_sat(T) [Pa, absolute]: IAPWS-IF97 region 4, Eq. 30
//! (273.15–647.096 K; the argument is clamped to that range).
double saturationPressure(double temperature_K);

} // namespace heatnet::water
