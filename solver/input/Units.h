#pragma once
// Physical quantities with units at the edge of the program: "250 m", "2.5 MW", "70 degC".
// Everything is converted to SI once, here; model code sees SI only.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace heatnet {

//! The kinds of quantity a scenario may contain, each with its SI unit.
enum class Dimension {
    Dimensionless,           //!< [-]; accepts a bare number or "85 %" (→ 0.85)
    Length,                  //!< [m]; m, mm, cm, km
    Area,                    //!< [m2]; m2
    Volume,                  //!< [m3]; m3, l
    Temperature,             //!< absolute temperature [K]; degC, K
    TemperatureDifference,   //!< [K]; K, degC (a difference: no offset)
    Time,                    //!< [s]; s, min, h, d, a (= 8760 h)
    Power,                   //!< [W]; W, kW, MW, GW
    Energy,                  //!< [J]; J, kJ, MJ, GJ, Wh, kWh, MWh, GWh
    MassFlow,                //!< [kg/s]; kg/s, kg/h, t/h
    Pressure,                //!< [Pa]; Pa, kPa, MPa, bar, mbar
    Density,                 //!< [kg/m3]; kg/m3
    SpecificHeat,            //!< [J/(kg K)]; J/(kg K), kJ/(kg K)
    ThermalConductivity,     //!< [W/(m K)]; W/(m K)
    LinearHeatLoss,          //!< heat loss per metre and kelvin [W/(m K)]; W/(m K)
    HeatTransferCoeff,       //!< [W/(m2 K)]; W/(m2 K)
    ThermalResistanceLinear, //!< [m K/W]; m K/W
    Money,                   //!< [EUR]; EUR, kEUR, MEUR
    CostPerLength,           //!< [EUR/m]; EUR/m
    CostPerPower,            //!< [EUR/W]; EUR/kW, EUR/MW
    EnergyPrice,             //!< [EUR/J]; EUR/MWh, EUR/kWh
    EmissionFactor,          //!< [kg CO2/J]; kg/MWh, g/kWh, t/MWh
    Rate,                    //!< [1/s]; 1/h, 1/a (e.g. failure rate)
    Speed,                   //!< [m/s]; m/s
    PressureGradient,        //!< [Pa/m]; Pa/m, kPa/m, bar/km, mbar/m
    CostPerVolume,           //!< [EUR/m3]; EUR/m3, kEUR/m3
};

//! Human name of a dimension with examples of accepted units, for error messages:
//! e.g. "a power (W, kW, MW, GW)".
std::string describeDimension(Dimension dimension);

//! The dimension's name without article, e.g. "power", "temperature difference".
std::string dimensionName(Dimension dimension);

//! Every accepted spelling of the dimension's units, written as normalised for matching (no
//! spaces: "W/(mK)"; "degC" for °C; "" for a bare number where one is accepted).
std::vector<std::string> unitSpellings(Dimension dimension);

//! Parses "250 m", "2.5MW", "70 degC", "-3.5e2 kW" into SI. Returns nullopt with `reason` filled
//! when the text is not a number followed by a unit of that dimension. A bare number (no unit)
//! is accepted only for Dimension::Dimensionless.
std::optional<double> parseQuantity(std::string_view text, Dimension dimension,
                                    std::string* reason);

//! Celsius ↔ kelvin.
constexpr double kelvinFromCelsius(double celsius) {
    return celsius + 273.15;
}
constexpr double celsiusFromKelvin(double kelvin) {
    return kelvin - 273.15;
}

} // namespace heatnet
